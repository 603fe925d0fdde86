"""The proof: each person connects to the server with raw psycopg and their own login, no application in between,
and tries to read and write beyond their role. The server refuses every attempt (docs/domain.md §5.2, §9.2)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, event

from caseworker.domain import NoteClass
from caseworker.paths import DataPaths
from caseworker.services import Services, build_services
from caseworker.services.directory import OrganisationInput, StaffInput
from caseworker.services.errors import TransitionError
from caseworker.services.households import ProposalInput
from caseworker.services.sharing import ConsentInput, FilingReference
from caseworker.services.support import ContactInput
from caseworker.services.support.team import TeamMemberInput
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.storage.server import ServerLogin, connection_arguments, make_server_engine
from caseworker.storage.server_admin import ServerRoles
from caseworker.team import admin
from caseworker.team.admin import MaintenanceAccess, NewPerson
from caseworker.team.membership import join_team
from tests.services.builders import new_household, reference_member

PASSWORD = "une phrase de passe assez longue"
HEALTH_NOTE = "Suivi CMP : traitement ajusté, rendez-vous psychiatre le 12"
TEAM_NOTE = "Visite : logement bien tenu"


class Team:
    """A server with a social worker, a nurse and a volunteer, all three on one household's team."""

    def __init__(self, access: MaintenanceAccess, roles: ServerRoles, home: Path) -> None:
        self.access = access
        self.engines: list[Engine] = []
        database = access.address.database
        self.logins = {name: f"{name}.{database}" for name in ("nadia", "claire", "paul", "jean")}
        code = admin.init_server(
            access,
            roles,
            organisation=OrganisationInput(name="Le Toit", kind_code="association"),
            first_admin=NewPerson(self.logins["nadia"], "Nadia", "Benali", "administrateur"),
        )
        codes = {"nadia": code}
        for name, first, last, role in (
            ("claire", "Claire", "Martin", "travailleur_social"),
            ("paul", "Paul", "Leroy", "infirmier"),
            ("jean", "Jean", "Blanc", "benevole"),
        ):
            codes[name] = admin.add_user(access, roles, NewPerson(self.logins[name], first, last, role))
        for name, enrolment in codes.items():
            join_team(DataPaths(home / name), enrolment, access.ca_file.read_bytes(), PASSWORD, KeyringSecretStore())
        with access.open_engine() as engine:
            maintenance = build_services(engine)
            self.household_id = new_household(maintenance).id
            for name in ("claire", "paul", "jean"):
                staff = maintenance.directory.staff_by_login(self.logins[name])
                assert staff is not None
                maintenance.team.add_member(
                    self.household_id,
                    TeamMemberInput(
                        "referent_sante" if name == "paul" else "referent_social",
                        date(2026, 1, 5),
                        staff_member_id=staff.id,
                        is_coordinator=name == "claire",
                    ),
                )

    def services_of(self, name: str) -> Services:
        login = ServerLogin(self.logins[name], PASSWORD)
        engine = make_server_engine(self.access.address, login, self.access.ca_file)
        self.engines.append(engine)
        return build_services(engine)

    def psql(self, name: str) -> psycopg.Connection:
        arguments = connection_arguments(
            self.access.address, ServerLogin(self.logins[name], PASSWORD), self.access.ca_file
        )
        return psycopg.connect(**arguments, autocommit=True)


@pytest.fixture
def team(access: MaintenanceAccess, roles: ServerRoles, tmp_path: Path) -> Iterator[Team]:
    built = Team(access, roles, tmp_path)
    yield built
    for engine in built.engines:
        engine.dispose()


def visit(note: str, note_class: NoteClass) -> ContactInput:
    return ContactInput(
        occurred_at=datetime(2026, 6, 10, 9, tzinfo=timezone.utc),
        type_code="visite_domicile",
        outcome_code="rencontre",
        note=note,
        note_class=note_class,
    )


def test_the_nurses_health_note_is_invisible_to_the_others_even_through_sql(team: Team) -> None:
    nurse = team.services_of("paul")
    health = nurse.contacts.record_contact(team.household_id, visit(HEALTH_NOTE, NoteClass.SANTE))
    team.services_of("claire").contacts.record_contact(team.household_id, visit(TEAM_NOTE, NoteClass.EQUIPE))

    with team.psql("paul") as connection:
        assert connection.execute("SELECT text FROM contact_note WHERE contact_id = %s", (health.id,)).fetchall() == [
            (HEALTH_NOTE,)
        ]
    for name in ("claire", "jean"):
        with team.psql(name) as connection:
            # The visit itself is seen by the team (it counts for the no-contact threshold); its note is not.
            assert connection.execute("SELECT count(*) FROM contact").fetchone() == (2,)
            texts = {row[0] for row in connection.execute("SELECT text FROM contact_note")}
            assert HEALTH_NOTE not in texts
            assert texts == ({TEAM_NOTE} if name == "claire" else set())  # a volunteer reads no other note
            for statement, parameters in (
                ("UPDATE contact SET note_class = 'EQUIPE' WHERE id = %s", (health.id,)),  # lower the class
                ("UPDATE contact SET author_id = (SELECT caseworker_session_staff()) WHERE id = %s", (health.id,)),
                ("INSERT INTO contact_note (contact_id, text) VALUES (%s, 'écrasé')", (health.id,)),
            ):
                with pytest.raises(psycopg.Error):
                    connection.execute(statement, parameters)
            assert connection.execute("SELECT caseworker_may_read_note(%s)", (health.id,)).fetchone() == (False,)
            # What the rules hide cannot be changed or removed either: nothing matches.
            assert (
                connection.execute("UPDATE contact_note SET text = 'x' WHERE contact_id = %s", (health.id,)).rowcount
                == 0
            )
            assert connection.execute("DELETE FROM contact_note WHERE contact_id = %s", (health.id,)).rowcount == 0
    with team.psql("paul") as connection:
        assert connection.execute("SELECT text FROM contact_note WHERE contact_id = %s", (health.id,)).fetchone() == (
            HEALTH_NOTE,
        )
    # Through the application, the same rule: the others see "note masquée".
    for name, hidden in (("claire", True), ("jean", True), ("paul", False)):
        views = {view.id: view for view in team.services_of(name).contacts.contacts_for(team.household_id)}
        assert views[health.id].note_hidden is hidden
        assert views[health.id].note == ("" if hidden else HEALTH_NOTE)


def test_a_contact_is_signed_by_the_person_logged_in(team: Team) -> None:
    claire = team.services_of("claire")
    with team.psql("jean") as connection:
        claire_id = claire.context.actor.staff_member_id
        row = connection.execute(
            "INSERT INTO contact (household_id, occurred_at, type_id, outcome_id, off_hours, after_care, has_note,"
            " note_class, author_id, created_at) SELECT %s, now(), t.id, o.id, false, false, false, 'EQUIPE', %s, now()"
            " FROM contact_type t, contact_outcome o LIMIT 1 RETURNING author_id",
            (team.household_id, claire_id),
        ).fetchone()
    jean = team.services_of("jean").context.actor.staff_member_id
    assert row == (jean,) and jean != claire_id


def test_the_attacks_a_reviewer_found_are_refused(team: Team) -> None:
    """Two-step and indirect attacks: clear has_note then reclassify, take another role or another person's login,
    delete what one may not read."""
    health = team.services_of("paul").contacts.record_contact(team.household_id, visit(HEALTH_NOTE, NoteClass.SANTE))
    nurse_role = "(SELECT id FROM staff_role WHERE code = 'infirmier')"
    paul_id = team.services_of("paul").context.actor.staff_member_id
    for name in ("claire", "jean"):
        with team.psql(name) as connection:
            for statement in (
                f"UPDATE contact SET has_note = false WHERE id = {health.id}",  # then reclassify: refused at step one
                f"UPDATE contact SET note_class = 'JUSTICE' WHERE id = {health.id}",
                f"DELETE FROM contact WHERE id = {health.id}",  # would destroy the note through the cascade
                f"UPDATE staff_member SET role_id = {nurse_role} WHERE login = session_user",  # become a nurse
                "UPDATE staff_member SET login = NULL WHERE login = session_user",  # give up one's login...
                f"UPDATE staff_member SET login = session_user WHERE id = {paul_id}",  # ...to take Paul's
                "INSERT INTO staff_member (first_name, last_name, role_id, organisation_id, fte_percent, phone, email,"
                f" active, created_at, login) SELECT 'X', 'Y', {nurse_role}, 1, 100, '', '', true, now(), 'x.y'",
                "UPDATE staff_role SET code = 'infirmier_bis' WHERE code = 'infirmier'",
                "UPDATE staff_role SET code = 'infirmier' WHERE code = 'travailleur_social'",
                "DELETE FROM staff_role WHERE code = 'infirmier'",
            ):
                with pytest.raises(psycopg.Error):
                    connection.execute(statement)
            assert HEALTH_NOTE not in {row[0] for row in connection.execute("SELECT text FROM contact_note")}
    with team.psql("paul") as connection:
        assert connection.execute("SELECT text FROM contact_note WHERE contact_id = %s", (health.id,)).fetchone() == (
            HEALTH_NOTE,
        )
    # Through the application, the same refusal in French, and nothing lost.
    claire = team.services_of("claire")
    with pytest.raises(TransitionError, match="remarque que vous ne pouvez pas lire"):
        claire.contacts.delete_contact(health.id)
    # A harmless edit (a label, one's own phone) is still allowed.
    with team.psql("claire") as connection:
        connection.execute("UPDATE staff_role SET label = 'Infirmier·ère' WHERE code = 'infirmier'")
        connection.execute("UPDATE staff_member SET phone = '0299000000' WHERE login = session_user")


def test_an_administrator_logged_in_may_change_a_role(team: Team) -> None:
    with team.psql("nadia") as connection:
        connection.execute(
            "UPDATE staff_member SET role_id = (SELECT id FROM staff_role WHERE code = 'chef_service') "
            "WHERE login = %s",
            (team.logins["claire"],),
        )
    claire = team.services_of("claire").setup.load_actor()
    assert claire is not None and claire.role_code == "chef_service"


def test_two_contacts_saved_in_the_same_second_from_two_laptops_are_both_kept(team: Team) -> None:
    """Two people save at once (two connections, two threads): neither save is lost or refused."""
    laptops = {name: team.services_of(name) for name in ("claire", "paul")}
    start = threading.Barrier(2)
    saved: dict[str, int] = {}
    errors: list[BaseException] = []

    def save(name: str) -> None:
        try:
            start.wait(timeout=10)
            note = f"Passage de {name}"
            saved[name] = laptops[name].contacts.record_contact(team.household_id, visit(note, NoteClass.EQUIPE)).id
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(name,)) for name in laptops]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    log = laptops["claire"].contacts.contacts_for(team.household_id)
    assert {view.id for view in log} == set(saved.values()) and len(saved) == 2
    assert {view.note for view in log} == {"Passage de claire", "Passage de paul"}


def test_an_extension_is_approved_by_the_team_lead_logged_in(team: Team) -> None:
    """Nobody records a team lead's approval for them, not even through SQL."""
    with team.access.open_engine() as engine:
        maintenance = build_services(engine)
        own = maintenance.setup.own_organisation_id()
        assert own is not None
        lead = maintenance.directory.create_staff(StaffInput("Sophie", "Garnier", "chef_service", own))
    with team.psql("claire") as connection, pytest.raises(psycopg.Error, match="approved by the team lead"):
        connection.execute(
            "INSERT INTO extension (episode_id, decided_on, months, justification, approver_id, decided_where,"
            " created_at) VALUES (1, '2026-06-01', 6, 'COSI', %s, '', now())",
            (lead.id,),
        )


def test_a_volunteer_reads_no_consent_and_an_administrator_no_note_even_through_sql(team: Team) -> None:
    """Consents are not a volunteer's to read (docs/domain.md §2); an administrator off the team reads no note."""
    claire = team.services_of("claire")
    landlord = claire.directory.create_organisation(OrganisationInput(name="Habitat 35", kind_code="bailleur_social"))
    adult = reference_member(claire, team.household_id)
    claire.consents.record_granted(
        team.household_id,
        ConsentInput(adult.person_id, landlord.id, ("identite",), "Fiche navette"),
        signed_on=date(2026, 6, 1),
        filing=FilingReference("armoire", "Classeur 2026, n° 3"),
    )
    claire.contacts.record_contact(team.household_id, visit(TEAM_NOTE, NoteClass.EQUIPE))
    with team.psql("claire") as connection:
        assert connection.execute("SELECT count(*) FROM consent").fetchone() == (1,)
        assert connection.execute("SELECT count(*) FROM consent_category_link").fetchone() == (1,)
    with team.psql("jean") as connection:
        assert connection.execute("SELECT count(*) FROM consent").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM consent_category_link").fetchone() == (0,)
        assert connection.execute("UPDATE consent SET status = 'REVOQUE'").rowcount == 0
        with pytest.raises(psycopg.Error, match="row-level security"):
            connection.execute(
                "INSERT INTO consent (household_id, person_id, recipient_id, purpose, status, requested_on,"
                " status_note, covers_after_care, evidence_reference, evidence_note, created_at)"
                " VALUES (%s, %s, %s, 'x', 'ACCORDE', '2026-06-01', '', false, '', '', now())",
                (team.household_id, adult.person_id, landlord.id),
            )
        with pytest.raises(psycopg.Error, match="team lead logged in"):  # nor records a legal basis
            connection.execute(
                "INSERT INTO legal_basis (household_id, recipient_id, ground, decided_on, decided_by_id, created_at)"
                " VALUES (%s, %s, 'x', '2026-06-01', 1, now())",
                (team.household_id, landlord.id),
            )
    with team.psql("claire") as connection, pytest.raises(psycopg.Error, match="recorded by the team lead"):
        connection.execute(  # sharing despite a refusal is the team lead's decision, made logged in
            "INSERT INTO legal_basis (household_id, recipient_id, ground, decided_on, decided_by_id, created_at)"
            " VALUES (%s, %s, 'x', '2026-06-01', 1, now())",
            (team.household_id, landlord.id),
        )
    with team.psql("nadia") as connection:  # the administrator is on no household's team: sees none of it
        assert connection.execute("SELECT count(*) FROM contact_note").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM consent").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM household").fetchone() == (0,)
    assert team.services_of("jean").households.open_file(team.household_id).consents_hidden


def _legal_basis_of_the_lead(team: Team) -> tuple[int, int]:
    """A legal basis recorded by the maintenance account for the administrator; return (basis id, landlord id)."""
    with team.access.open_engine() as engine:
        maintenance = build_services(engine)
        landlord = maintenance.directory.create_organisation(
            OrganisationInput(name="Habitat 35", kind_code="bailleur_social")
        )
    with team.access.open_engine() as engine, engine.begin() as connection:
        lead = connection.exec_driver_sql(
            "SELECT id FROM staff_member WHERE login = %(login)s", {"login": team.logins["nadia"]}
        ).scalar()
        basis = connection.exec_driver_sql(
            "INSERT INTO legal_basis (household_id, recipient_id, ground, decided_on, decided_by_id, created_at) "
            "VALUES (%(h)s, %(l)s, 'CCAPEX', '2026-06-01', %(lead)s, now()) RETURNING id",
            {"h": team.household_id, "l": landlord.id, "lead": lead},
        ).scalar()
        connection.exec_driver_sql(
            "INSERT INTO legal_basis_category_link SELECT %(b)s, id FROM consent_category WHERE code = 'loyer_dette'",
            {"b": basis},
        )
    assert isinstance(basis, int)
    return basis, landlord.id


def test_the_categories_of_a_legal_basis_are_set_once_by_the_team_lead(team: Team) -> None:
    """What a legal basis covers is part of the team lead's decision: nobody widens, moves or strips it later."""
    basis, _landlord = _legal_basis_of_the_lead(team)
    with team.psql("claire") as connection:  # a social worker who reads consents
        for statement in (
            "INSERT INTO legal_basis_category_link SELECT %s, id FROM consent_category "
            "WHERE code = 'situation_logement'",
            "UPDATE legal_basis_category_link SET category_id = (SELECT id FROM consent_category "
            "WHERE code = 'situation_logement') WHERE legal_basis_id = %s",
            "DELETE FROM legal_basis_category_link WHERE legal_basis_id = %s",
        ):
            with pytest.raises(psycopg.Error, match="set once by the team lead"):
                connection.execute(statement, (basis,))
        codes = [
            row[0]
            for row in connection.execute(
                "SELECT c.code FROM legal_basis_category_link l JOIN consent_category c ON c.id = l.category_id "
                "WHERE l.legal_basis_id = %s",
                (basis,),
            )
        ]
    assert codes == ["loyer_dette"]


def test_an_administrator_cannot_change_their_own_role(team: Team) -> None:
    """Else an administrator off the team would make themself a nurse and read health notes."""
    team.services_of("paul").contacts.record_contact(team.household_id, visit(HEALTH_NOTE, NoteClass.SANTE))
    with team.psql("nadia") as connection:
        with pytest.raises(psycopg.Error, match="not their own"):
            connection.execute(
                "UPDATE staff_member SET role_id = (SELECT id FROM staff_role WHERE code = 'infirmier') "
                "WHERE login = session_user"
            )
        assert connection.execute("SELECT count(*) FROM contact_note").fetchone() == (0,)


def test_a_person_of_a_household_one_does_not_see_cannot_be_linked_into_ones_own(team: Team) -> None:
    with team.access.open_engine() as engine:
        hidden = new_household(build_services(engine), "Anne", "Secret")  # nobody of this team is on its team
        anne = reference_member(build_services(engine), hidden.id).person_id
    with team.psql("claire") as connection:
        assert connection.execute("SELECT count(*) FROM person WHERE last_name = 'Secret'").fetchone() == (0,)
        role = "(SELECT id FROM member_role LIMIT 1)"
        own = connection.execute(
            "SELECT id FROM household_membership WHERE household_id = %s LIMIT 1", (team.household_id,)
        ).fetchone()
        assert own is not None
        for statement, parameters in (
            (
                "INSERT INTO household_membership (household_id, person_id, role_id, start_date, end_reason)"
                f" VALUES (%s, %s, {role}, '2026-01-05', '')",
                (team.household_id, anne),
            ),
            ("UPDATE household_membership SET person_id = %s WHERE id = %s", (anne, own[0])),
        ):
            with pytest.raises(psycopg.Error, match="row-level security"):
                connection.execute(statement, parameters)
        assert connection.execute("SELECT count(*) FROM person WHERE last_name = 'Secret'").fetchone() == (0,)
        # Her own household's members are still hers to change.
        assert connection.execute("UPDATE household_membership SET end_reason = '' WHERE id = %s", own).rowcount == 1


def test_the_server_s_search_by_name_finds_only_the_households_one_sees(team: Team) -> None:
    """The search function reads the index with the owner's rights: it must apply the household's rule itself."""
    with team.access.open_engine() as engine:
        hidden = new_household(build_services(engine), "Anne", "Secret")  # nobody of this team is on its team
        shown = new_household(build_services(engine), "Bruno", "Secretan")
        staff = build_services(engine).directory.staff_by_login(team.logins["claire"])
        assert staff is not None
        build_services(engine).team.add_member(
            shown.id, TeamMemberInput("referent_social", date(2026, 1, 5), staff_member_id=staff.id)
        )
    with team.psql("claire") as connection:
        found = {row[0] for row in connection.execute("SELECT caseworker_households_like('secret')")}
        # A word, never a pattern: wildcards and a trailing backslash (LIKE fails on it only once the text before
        # it matched: an error would tell what a hidden name contains) are letters like any other.
        for word in ("secre\\", "s%cret", "secre_", "%"):
            assert connection.execute("SELECT count(*) FROM caseworker_households_like(%s)", (word,)).fetchone() == (0,)
    assert found == {shown.id}
    assert hidden.id not in found
    claire = team.services_of("claire")
    assert [item.id for item in claire.households.list_page("secret").rows] == [shown.id]
    assert claire.households.count("secret") == 1
    with team.psql("paul") as connection:  # on neither household's team
        assert connection.execute("SELECT count(*) FROM caseworker_households_like('secret')").fetchone() == (0,)


def test_the_households_one_sees_are_the_ones_row_level_security_lets_through(team: Team) -> None:
    """The list of a person who does not see every household starts from ``caseworker_households_seen()``: the
    same households as the row-level security's, the ones just created by the person with no team yet included."""
    with team.access.open_engine() as engine:
        new_household(build_services(engine), "Anne", "Secret")  # nobody of this team is on its team
    claire = team.services_of("claire")
    created = new_household(claire, "Zoé", "Nouvelle")  # hers until a professional is on its team
    for name in ("nadia", "claire", "paul", "jean"):
        with team.psql(name) as connection:
            seen = {row[0] for row in connection.execute("SELECT caseworker_households_seen()")}
            assert seen == {row[0] for row in connection.execute("SELECT id FROM household")}, name
    with team.psql("claire") as connection:
        assert {row[0] for row in connection.execute("SELECT caseworker_households_seen()")} == {
            team.household_id,
            created.id,
        }
    # Through the services, which start from that function: a word too short for the index, and no word at all.
    sent: list[str] = []
    event.listen(claire.context.engine, "before_cursor_execute", lambda *args: sent.append(args[2]))
    assert {item.id for item in claire.households.list_page("e").rows} == {team.household_id, created.id}
    assert any("caseworker_households_seen()" in statement for statement in sent)
    assert {item.id for item in claire.households.list_page("").rows} == {team.household_id, created.id}
    assert claire.households.count("") == 2
    assert claire.households.count("zo") == 1


def _cosi_held(connection: psycopg.Connection, *, has_general_note: bool) -> int:
    """A COSI held on 10 June 2026, written through SQL by the person connected; its id."""
    row = connection.execute(
        "INSERT INTO meeting (meeting_type_id, held_on, place, urgent, status, has_general_note, created_at, "
        "row_version) SELECT id, '2026-06-10', '', false, 'HELD', %s, now(), 1 FROM meeting_type "
        "WHERE code = 'cosi' RETURNING id",
        (has_general_note,),
    ).fetchone()
    assert row is not None
    return int(row[0])


def test_a_health_note_in_the_minutes_is_read_by_health_staff_only_even_through_sql(team: Team) -> None:
    with team.psql("paul") as connection:
        meeting = _cosi_held(connection, has_general_note=False)
        items = []
        for note_class, text in (("SANTE", HEALTH_NOTE), ("EQUIPE", TEAM_NOTE)):
            row = connection.execute(
                "INSERT INTO meeting_item (meeting_id, household_id, kind, label, sort_order, has_household_view, "
                "note_class, has_note) VALUES (%s, %s, 'SITUATION', 'Point', 0, false, %s, true) RETURNING id",
                (meeting, team.household_id, note_class),
            ).fetchone()
            assert row is not None
            connection.execute("INSERT INTO meeting_item_note (item_id, text) VALUES (%s, %s)", (row[0], text))
            items.append(row[0])
        health = items[0]
        assert {row[0] for row in connection.execute("SELECT text FROM meeting_item_note")} == {HEALTH_NOTE, TEAM_NOTE}
    for name in ("claire", "jean"):
        with team.psql(name) as connection:
            # The items are the team's (the agenda); the health note is not.
            assert connection.execute("SELECT count(*) FROM meeting_item").fetchone() == (2,)
            texts = {row[0] for row in connection.execute("SELECT text FROM meeting_item_note")}
            assert texts == ({TEAM_NOTE} if name == "claire" else set())  # a volunteer reads no other note
            assert connection.execute("SELECT caseworker_may_read_meeting_note(%s)", (health,)).fetchone() == (False,)
            for statement in (
                "UPDATE meeting_item SET note_class = 'EQUIPE' WHERE id = %s",  # lower the class
                "UPDATE meeting_item SET has_note = false WHERE id = %s",
                "DELETE FROM meeting_item WHERE id = %s",
                "INSERT INTO meeting_item_note (item_id, text) VALUES (%s, 'écrasé')",
            ):
                with pytest.raises(psycopg.Error):
                    connection.execute(statement, (health,))
            assert (
                connection.execute("UPDATE meeting_item_note SET text = 'x' WHERE item_id = %s", (health,)).rowcount
                == 0
            )
    with team.psql("paul") as connection:
        assert connection.execute("SELECT text FROM meeting_item_note WHERE item_id = %s", (health,)).fetchone() == (
            HEALTH_NOTE,
        )


def test_the_minutes_general_note_and_a_households_view_are_withheld_even_through_sql(team: Team) -> None:
    """Both are read as équipe notes (docs/domain.md §5.2): not by a volunteer, nor by an administrator off the
    household's team (off every team, for the general note); on the server their rows are refused too."""
    with team.psql("claire") as connection:
        meeting = _cosi_held(connection, has_general_note=True)
        connection.execute(
            "INSERT INTO meeting_general_note (meeting_id, text) VALUES (%s, 'Budget serré')", (meeting,)
        )
        item = connection.execute(
            "INSERT INTO meeting_item (meeting_id, household_id, kind, label, sort_order, has_household_view, "
            "note_class, has_note) VALUES (%s, %s, 'SITUATION', 'Point', 0, true, 'EQUIPE', false) RETURNING id",
            (meeting, team.household_id),
        ).fetchone()
        assert item is not None
        connection.execute("INSERT INTO meeting_item_view (item_id, text) VALUES (%s, 'Veut rester')", (item[0],))
    for name in ("claire", "paul"):
        with team.psql(name) as connection:
            assert connection.execute("SELECT text FROM meeting_general_note").fetchall() == [("Budget serré",)]
            assert connection.execute("SELECT text FROM meeting_item_view").fetchall() == [("Veut rester",)]
    for name in ("jean", "nadia"):  # a volunteer; an administrator on no team
        with team.psql(name) as connection:
            assert connection.execute("SELECT count(*) FROM meeting_general_note").fetchone() == (0,)
            assert connection.execute("SELECT count(*) FROM meeting_item_view").fetchone() == (0,)
            assert connection.execute("UPDATE meeting_item_view SET text = 'x'").rowcount == 0
            assert connection.execute("DELETE FROM meeting_general_note").rowcount == 0
            with pytest.raises(psycopg.Error, match="row-level security"):
                connection.execute(
                    "INSERT INTO meeting_general_note (meeting_id, text) VALUES (%s, 'écrasé')", (meeting,)
                )
            for statement in (
                "UPDATE meeting_item SET has_household_view = false WHERE id = %s",
                "DELETE FROM meeting_item WHERE id = %s",
            ):
                try:  # refused (the volunteer, on the team) or not even seen (the administrator, off it)
                    assert connection.execute(statement, (item[0],)).rowcount == 0
                except psycopg.Error as refused:
                    assert "may not read" in str(refused)
            for statement in (  # the meeting is everyone's: refused, the note's row would go with it
                "UPDATE meeting SET has_general_note = false WHERE id = %s",
                "DELETE FROM meeting WHERE id = %s",
            ):
                with pytest.raises(psycopg.Error, match="may not read"):
                    connection.execute(statement, (meeting,))
    with team.psql("claire") as connection:  # nothing was erased, unmarked or overwritten
        assert connection.execute("SELECT has_general_note FROM meeting").fetchall() == [(True,)]
        assert connection.execute("SELECT has_household_view FROM meeting_item").fetchall() == [(True,)]
        assert connection.execute("SELECT text FROM meeting_item_view").fetchall() == [("Veut rester",)]
        assert connection.execute("SELECT text FROM meeting_general_note").fetchall() == [("Budget serré",)]
    # Through the services, the same: marked hidden, never read.
    for name, readable in (("claire", True), ("jean", False)):
        view = team.services_of(name).meetings.meeting(meeting)
        assert view.general_note == ("Budget serré" if readable else "")
        assert view.general_note_hidden is not readable
        assert [(item.household_view, item.household_view_hidden) for item in view.items] == [
            ("Veut rester", False) if readable else ("", True)
        ]


def test_a_volunteer_reads_no_debrief_note_but_their_own_even_through_sql(team: Team) -> None:
    """A debrief note is an équipe note of its author (docs/domain.md §5.2, §11.2): rule 2 on the server too."""
    claire = team.services_of("claire")
    written = claire.tasks.add_debrief_note(team.household_id, TEAM_NOTE)
    own = team.services_of("jean").tasks.add_debrief_note(team.household_id, "Accompagné au marché")
    assert own.text == "Accompagné au marché"  # the volunteer writes, and reads back, their own
    with team.psql("claire") as connection:
        texts = {row[0] for row in connection.execute("SELECT text FROM debrief_note")}
        assert texts == {TEAM_NOTE, "Accompagné au marché"}
    with team.psql("jean") as connection:
        assert {row[0] for row in connection.execute("SELECT text FROM debrief_note")} == {"Accompagné au marché"}
        assert connection.execute("UPDATE debrief_note SET text = 'x' WHERE id = %s", (written.id,)).rowcount == 0
        assert connection.execute("DELETE FROM debrief_note WHERE id = %s", (written.id,)).rowcount == 0
        assert (
            connection.execute(
                "UPDATE debrief_note SET staff_member_id = (SELECT caseworker_session_staff()) WHERE id = %s",
                (written.id,),
            ).rowcount
            == 0
        )
        with pytest.raises(psycopg.Error, match="row-level security"):  # a note is written in one's own name
            connection.execute(
                "INSERT INTO debrief_note (household_id, written_on, text, staff_member_id, created_at)"
                " VALUES (%s, '2026-06-10', 'x', %s, now()) RETURNING id",
                (team.household_id, claire.context.actor.staff_member_id),
            )
        assert connection.execute(
            "SELECT caseworker_may_read_debrief_note(%s, %s)", (team.household_id, None)
        ).fetchone() == (False,)
    with team.psql("nadia") as connection:  # the administrator, on no household's team
        assert connection.execute("SELECT count(*) FROM debrief_note").fetchone() == (0,)
    with team.psql("paul") as connection:  # the team's nurse reads them all
        assert connection.execute("SELECT count(*) FROM debrief_note").fetchone() == (2,)
    assert [note.text for note in team.services_of("jean").tasks.debrief_notes(team.household_id)] == [
        "Accompagné au marché"
    ]


def test_the_applications_connections_never_compile_queries_just_in_time(team: Team) -> None:
    """The row rules make the planner overestimate short reads, which it then compiled for longer than they ran."""
    engine = team.services_of("claire").context.engine
    with engine.connect() as connection:
        settings = {name: connection.exec_driver_sql(f"SHOW {name}").scalar() for name in ("jit", "TimeZone")}
    assert settings == {"jit": "off", "TimeZone": "UTC"}


def test_the_housing_offers_of_a_household_one_does_not_see_stay_out_of_reach_even_through_sql(team: Team) -> None:
    """The proposals log hangs from its household: the server's row rules apply to it as to the housing tab."""
    with team.access.open_engine() as engine:
        maintenance = build_services(engine)
        elsewhere = new_household(maintenance, "Anne", "Ailleurs").id  # nobody of this team is on its team
        maintenance.proposals.record_proposal(elsewhere, ProposalInput(proposed_on=date(2026, 6, 1), city="Brest"))
    claire = team.services_of("claire")
    mine = claire.proposals.record_proposal(team.household_id, ProposalInput(date(2026, 6, 2), city="Rennes"))
    with team.psql("claire") as connection:
        assert [row[0] for row in connection.execute("SELECT id FROM housing_proposal")] == [mine.id]
        with pytest.raises(psycopg.Error, match="row-level security"):
            connection.execute("UPDATE housing_proposal SET household_id = %s WHERE id = %s", (elsewhere, mine.id))
