"""Two people editing the same household, episode, alert or contract: the second save is refused (docs/domain.md §9.4).

Person A (Paul ROUX, a colleague with their own login on the server) and person B (Claire MARTIN) open the same
version; A saves; B's save, typed against the older version, is refused with A's name and the time of A's change,
and nothing of it is written; B reads the record again and saves. On the server, two saves at once: one wins.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from caseworker.domain import AlertActionKind, AlertChannel, Party
from caseworker.models import AuditEvent, Household
from caseworker.services import Services
from caseworker.services.alerts import ActionInput, AlertInput
from caseworker.services.contracts import ClauseInput, DraftRequest
from caseworker.services.directory import OrganisationView, StaffInput
from caseworker.services.errors import ConcurrentChangeError, DeletedMeanwhileError, NotFoundError, TransitionError
from caseworker.services.households import HouseholdInput, PersonInput
from caseworker.services.row_versions import claim_version, spoken_moment
from caseworker.services.support import ContactInput, IntensityChangeInput, ObjectiveInput, TeamMemberInput
from tests.services.builders import new_household, raw_rows, row_count
from tests.services.conftest import ActAs
from tests.services.contract_builders import Supported, supported_household

ADVICE = "Vos saisies sont conservées : fermez cette fenêtre pour voir la nouvelle version, puis recommencez."


@dataclass(frozen=True)
class Record:
    """One of the four records: how to read its version, A's change, B's change, and whether B's is there."""

    this: str  # how the refusal names it
    version: Callable[[Services], int]
    a_saves: Callable[[Services, int], object]
    b_saves: Callable[[Services, int], object]
    b_written: Callable[[Services], bool]


def _household(services: Services, supported: Supported) -> Record:
    h = supported.household_id

    def details(services: Services) -> HouseholdInput:
        return services.households.open_file(h, record_view=False).details

    return Record(
        "Ce ménage",
        lambda s: s.households.open_file(h, record_view=False).row_version,
        lambda s, v: s.households.update_household(h, replace(details(s), pet_count=2), expected_version=v),
        lambda s, v: s.households.add_member(
            h,
            PersonInput("Inès", "Çelik", birth_year=2025),
            role_code="enfant",
            start_date=date(2026, 5, 1),
            expected_version=v,
        ),
        lambda s: any(m.first_name == "Inès" for m in s.households.open_file(h, record_view=False).members),
    )


def _episode(services: Services, supported: Supported) -> Record:
    e = supported.episode_id
    return Record(
        "Cet accompagnement",
        lambda s: s.episodes.episode(e).row_version,
        lambda s, v: s.episodes.change_intensity(
            e, IntensityChangeInput("standard", date(2026, 5, 4), "Moins de visites"), expected_version=v
        ),
        lambda s, v: s.episodes.add_objective(
            e, ObjectiveInput("Ouvrir un compte bancaire", Party.MENAGE), expected_version=v
        ),
        lambda s: any(o.text == "Ouvrir un compte bancaire" for o in s.episodes.episode(e).objectives),
    )


def _alert(services: Services, supported: Supported) -> Record:
    alert = services.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            supported.landlord.id,
            datetime(2026, 5, 4, 8, 0, tzinfo=timezone.utc),
            AlertChannel.TELEPHONE,
            description="Deux mois de loyer impayés.",
            amount=Decimal("825.00"),
        )
    )
    a = alert.id
    return Record(
        "Cette alerte",
        lambda s: s.alerts.alert(a).row_version,
        lambda s, v: s.alerts.acknowledge(a, note="Vu avec le bailleur", expected_version=v),
        lambda s, v: s.alerts.add_action(
            a,
            ActionInput(AlertActionKind.APPEL, datetime(2026, 5, 4, 9, 0, tzinfo=timezone.utc), "Appel"),
            expected_version=v,
        ),
        lambda s: bool(s.alerts.alert(a).actions),
    )


def _contract(services: Services, supported: Supported) -> Record:
    c = services.contracts.draft(DraftRequest("contrat_objectifs", supported.household_id)).id

    def typed(s: Services, body: str) -> Any:
        latest = s.contracts.contract(c).latest
        content = latest.content()
        clauses = tuple(
            ClauseInput(x.code, x.title, body, x.required) if x.code == "projet" else x for x in content.clauses
        )
        return latest.id, replace(content, clauses=clauses)

    def save(s: Services, v: int, body: str) -> object:
        version_id, content = typed(s, body)
        return s.contracts.update_draft(version_id, content, expected_version=v)

    def project(s: Services) -> str:
        return next(x.body for x in s.contracts.contract(c).latest.content().clauses if x.code == "projet")

    return Record(
        "Ce contrat",
        lambda s: s.contracts.contract(c).row_version,
        lambda s, v: save(s, v, "Projet écrit par Paul."),
        lambda s, v: save(s, v, "Projet écrit par Claire."),
        lambda s: project(s) == "Projet écrit par Claire.",
    )


RECORDS = {"household": _household, "episode": _episode, "alert": _alert, "contract": _contract}


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


@pytest.fixture
def paul(services: Services, supported: Supported) -> int:
    """Paul ROUX, Claire's colleague on the household's team."""
    own = services.setup.own_organisation_id()
    assert own is not None
    paul = services.directory.create_staff(StaffInput("Paul", "Roux", "travailleur_social", own)).id
    services.team.add_member(
        supported.household_id, TeamMemberInput("referent_social", date(2025, 1, 1), staff_member_id=paul)
    )
    return paul


def _newest_change_at(services: Services) -> datetime:
    with services.context.read() as session:
        at = session.scalar(select(AuditEvent.at).order_by(AuditEvent.id.desc()).limit(1))
    assert at is not None
    return at


@pytest.mark.parametrize("kind", sorted(RECORDS))
def test_the_second_save_is_refused_naming_who_changed_it_and_when(
    services: Services, supported: Supported, paul: int, act_as: ActAs, kind: str
) -> None:
    claire = services.context.actor.staff_member_id
    record = RECORDS[kind](services, supported)
    opened = record.version(services)  # both open the same version

    act_as(services, paul)
    record.a_saves(services, opened)
    paul_saved_at = _newest_change_at(services)
    act_as(services, claire)

    with pytest.raises(ConcurrentChangeError) as refused:
        record.b_saves(services, opened)
    assert refused.value.user_message == (
        f"{record.this} a été {'modifiée' if kind == 'alert' else 'modifié'} par Paul ROUX "
        f"{spoken_moment(paul_saved_at)}, pendant que vous {'la' if kind == 'alert' else 'le'} modifiiez. {ADVICE}"
    )
    assert not record.b_written(services)  # nothing of B's save
    assert record.version(services) == opened + 1

    newer = record.version(services)  # B closes the dialog, sees the newer version, and saves again
    record.b_saves(services, newer)
    assert record.b_written(services)
    assert record.version(services) == newer + 1


@pytest.mark.parametrize("kind", sorted(RECORDS))
def test_a_newer_version_saved_from_another_window_of_ones_own_is_said_so(
    services: Services, supported: Supported, kind: str
) -> None:
    record = RECORDS[kind](services, supported)
    opened = record.version(services)
    record.a_saves(services, opened)
    with pytest.raises(
        ConcurrentChangeError, match=r"depuis une autre de vos fenêtres le .* pendant que vous"
    ) as refused:
        record.b_saves(services, opened)
    assert refused.value.user_message.startswith(record.this)
    assert not record.b_written(services)


def test_a_part_changed_by_someone_else_names_them(
    services: Services, supported: Supported, paul: int, act_as: ActAs
) -> None:
    """A member added is a change of the household: the refusal names who added them, not the household's creator."""
    claire = services.context.actor.staff_member_id
    h = supported.household_id
    opened = services.households.open_file(h, record_view=False)
    act_as(services, paul)
    services.households.update_person(
        opened.members[0].person_id,
        replace(opened.members[0].as_input(), phone="06 11 22 33 44"),
        household_id=h,
        expected_version=opened.row_version,
    )
    act_as(services, claire)
    with pytest.raises(ConcurrentChangeError, match="par Paul ROUX le "):
        services.households.update_household(
            h, replace(opened.details, pet_count=1), expected_version=opened.row_version
        )
    assert services.households.open_file(h, record_view=False).details.pet_count == 0


def test_a_record_deleted_meanwhile_is_said_deleted(services: Services, supported: Supported) -> None:
    contract = services.contracts.draft(DraftRequest("contrat_objectifs", supported.household_id))
    assert services.contracts.discard_draft(contract.latest.id, expected_version=contract.row_version) is None
    with pytest.raises(DeletedMeanwhileError) as refused, services.context.transaction() as session:
        from caseworker.models import Contract

        claim_version(session, services.context, Contract, contract.id, contract.row_version)
    assert refused.value.user_message == (
        "Ce contrat a été supprimé pendant que vous le modifiiez : vos saisies ne peuvent plus être enregistrées. "
        "Fermez cette fenêtre."
    )


def test_a_household_whose_team_one_left_meanwhile_is_said_out_of_reach_not_deleted(
    services: Services, supported: Supported, paul: int, act_as: ActAs
) -> None:
    claire = services.context.actor.staff_member_id
    opened = services.households.open_file(supported.household_id, record_view=False)
    act_as(services, paul)  # Paul records that Claire left the household's team yesterday
    [claires] = [m for m in services.team.team(supported.household_id) if m.staff_member_id == claire]
    successor = next(m.id for m in services.team.team(supported.household_id) if m.staff_member_id == paul)
    services.team.end_membership(claires.id, end_date=date(2026, 6, 14), successor_id=successor)
    act_as(services, claire)
    with pytest.raises(DeletedMeanwhileError) as refused:
        services.households.update_household(
            supported.household_id, replace(opened.details, pet_count=1), expected_version=opened.row_version
        )
    assert refused.value.user_message == (
        "Ce ménage n'est plus accessible : un changement dans son équipe vous en a retiré l'accès. Vos saisies ne "
        "peuvent plus être enregistrées ; notez ce qui doit l'être, fermez cette fenêtre et adressez-vous à "
        "l'équipe du ménage."
    )


def test_contacts_saved_at_once_by_two_people_are_both_kept(
    services: Services, supported: Supported, paul: int, act_as: ActAs
) -> None:
    """The contact log is additive: it carries no version, and two entries of the same second both stay."""
    claire = services.context.actor.staff_member_id
    h = supported.household_id
    at = datetime(2026, 5, 4, 9, 30, tzinfo=timezone.utc)
    same = ContactInput(occurred_at=at, type_code="visite_domicile", outcome_code="rencontre")
    before = row_count(services, "contact")
    act_as(services, paul)
    services.contacts.record_contact(h, same)
    act_as(services, claire)
    services.contacts.record_contact(h, same)
    assert row_count(services, "contact") == before + 2
    authors = raw_rows(services, "SELECT author_id FROM contact WHERE household_id = :h ORDER BY id DESC LIMIT 2", h=h)
    assert sorted(row[0] for row in authors) == sorted([paul, claire])


def test_a_moment_is_said_in_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        assert spoken_moment(datetime(2026, 12, 6, 9, 42, tzinfo=timezone.utc)) == "le 6 décembre 2026 à 10 h 42"
        assert spoken_moment(datetime(2026, 7, 1, 7, 5, tzinfo=timezone.utc)) == "le 1 juillet 2026 à 9 h 05"
    finally:
        monkeypatch.undo()
        time.tzset()


# ---------------------------------------------------------------------------------- the server: a real race


@pytest.fixture
def server_services(services: Services, backend: str) -> Services:
    if backend != "postgresql":
        pytest.skip("two sessions at once: the team's server")
    return services


def test_a_save_waits_for_the_one_holding_the_row_then_is_refused(
    server_services: Services, supported: Supported
) -> None:
    """A holds the household's version (its transaction still open); B's save waits for it, then finds a newer one."""
    services = server_services
    h = supported.household_id
    opened = services.households.open_file(h, record_view=False)
    claimed, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def a() -> None:
        with services.context.transaction() as session:
            claim_version(session, services.context, Household, h, opened.row_version)
            session.get(Household, h).pet_count = 3  # type: ignore[union-attr]
            claimed.set()
            release.wait(10)

    def b() -> None:
        try:
            outcome["b"] = services.households.update_household(
                h, replace(opened.details, siao_reference="SIAO-B"), expected_version=opened.row_version
            )
        except TransitionError as exc:
            outcome["b"] = exc

    first = threading.Thread(target=a)
    first.start()
    assert claimed.wait(10)
    second = threading.Thread(target=b)
    second.start()
    second.join(0.5)
    assert second.is_alive(), "B waits for A's transaction (the row is locked)"
    release.set()
    first.join(10)
    second.join(10)
    assert isinstance(outcome["b"], ConcurrentChangeError)
    now = services.households.open_file(h, record_view=False)
    assert (now.details.pet_count, now.details.siao_reference, now.row_version) == (3, "", opened.row_version + 1)


def test_saves_at_once_exactly_one_wins(server_services: Services, supported: Supported) -> None:
    services = server_services
    h = supported.household_id
    opened = services.households.open_file(h, record_view=False)
    start = threading.Barrier(4)
    outcomes: list[object] = []

    def save(pets: int) -> None:
        start.wait(10)
        try:
            services.households.update_household(
                h, replace(opened.details, pet_count=pets), expected_version=opened.row_version
            )
            outcomes.append(pets)
        except ConcurrentChangeError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=save, args=(pets,)) for pets in (1, 2, 3, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    winners = [item for item in outcomes if isinstance(item, int)]
    assert len(outcomes) == 4 and len(winners) == 1
    now = services.households.open_file(h, record_view=False)
    assert now.details.pet_count == winners[0]  # no lost update: the winner's change is the one kept
    assert now.row_version == opened.row_version + 1


def test_the_view_a_change_returns_carries_the_new_version(services: Services, supported: Supported) -> None:
    """The panels keep the view a change returns and type the next change against it (no spurious refusal)."""
    e = services.episodes.episode(supported.episode_id)
    e2 = services.episodes.change_intensity(
        e.id, IntensityChangeInput("standard", date(2026, 5, 4)), expected_version=e.row_version
    )
    assert e2.row_version == e.row_version + 1 == services.episodes.episode(e.id).row_version
    alert = services.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            supported.landlord.id,
            datetime(2026, 5, 4, 8, 0, tzinfo=timezone.utc),
            AlertChannel.TELEPHONE,
            description="Loyer impayé.",
        )
    )
    acknowledged = services.alerts.acknowledge(alert.id, expected_version=alert.row_version)
    assert acknowledged.row_version == alert.row_version + 1
    acted = services.alerts.add_action(
        alert.id,
        ActionInput(AlertActionKind.APPEL, datetime(2026, 5, 4, 9, 0, tzinfo=timezone.utc)),
        expected_version=acknowledged.row_version,
    )
    assert acted.row_version == services.alerts.alert(alert.id).row_version == alert.row_version + 2
    contract = services.contracts.draft(DraftRequest("contrat_objectifs", supported.household_id))
    saved = services.contracts.update_draft(
        contract.latest.id, contract.latest.content(), expected_version=contract.row_version
    )
    assert saved.row_version == contract.row_version + 1 == services.contracts.contract(contract.id).row_version


def test_a_person_is_edited_from_a_household_they_belong_to(services: Services, supported: Supported) -> None:
    other = new_household(services, "Marc", "Petit")
    file = services.households.open_file(supported.household_id, record_view=False)
    stranger = services.households.open_file(other.id, record_view=False)
    with pytest.raises(NotFoundError, match="n'appartient pas à ce ménage"):
        services.households.update_person(
            file.members[0].person_id,
            replace(file.members[0].as_input(), phone="06 00 00 00 00"),
            household_id=other.id,
            expected_version=stranger.row_version,
        )
    assert services.households.open_file(other.id, record_view=False).row_version == stranger.row_version


@pytest.mark.parametrize("typed", [0, -1, 2**31, 2**64])
def test_a_version_no_row_can_have_is_refused_as_not_the_current_one(
    services: Services, supported: Supported, typed: int
) -> None:
    file = services.households.open_file(supported.household_id, record_view=False)
    with pytest.raises(ConcurrentChangeError, match=r"^Ce ménage a été modifié"):
        services.households.update_household(file.id, file.details, expected_version=typed)
    assert services.households.open_file(file.id, record_view=False).row_version == file.row_version
