"""The demo generator: counts, consistency with the domain rules, search, determinism, cancellation."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, joinedload, selectinload

from caseworker.demo import DemoCancelled, DemoReport, generate_demo, generator
from caseworker.demo.directory import OWN_TEAM
from caseworker.demo.names import STAFF_MEN, STAFF_WOMEN
from caseworker.demo.places import CITIES
from caseworker.domain import AuditAction, Civility, ConsentStatus
from caseworker.models import (
    AuditEvent,
    Consent,
    Contact,
    Dwelling,
    Episode,
    Household,
    HouseholdMembership,
    Occupancy,
    Organisation,
    PartnerContact,
    Person,
    StaffMember,
    TeamMembership,
)
from caseworker.services import Services, build_services
from caseworker.services.directory import StaffInput
from caseworker.services.households import OccupancyChangeInput, check_change, is_adult, refresh_search_text
from caseworker.services.sharing import household_consents
from caseworker.services.sharing.rules import consent_facts
from caseworker.services.validation import Problems
from caseworker.storage.database import Database
from tests.conftest import TODAY
from tests.demo.conftest import DEMO_SIZE
from tests.support import FixedClock

Demo = tuple[Database, DemoReport]


def _count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# ------------------------------------------------------------------------------------------- counts


def test_report_counts_match_the_database(demo: Demo) -> None:
    database, report = demo
    engine = database.engine
    assert report.households == DEMO_SIZE == _count(engine, Household)
    assert report.persons == _count(engine, Person)
    assert report.occupancies == _count(engine, Occupancy)
    assert report.dwellings == _count(engine, Dwelling)
    assert report.consents == _count(engine, Consent)
    assert report.organisations == _count(engine, Organisation)
    assert report.staff == _count(engine, StaffMember)
    assert report.episodes == _count(engine, Episode)
    assert report.contacts == _count(engine, Contact)
    assert report.team_memberships == _count(engine, TeamMembership)
    assert 10 <= report.organisations <= 40
    assert 35 <= report.staff <= 50
    assert report.seconds > 0


def test_partner_contacts_have_the_civility_of_their_first_name(demo: Demo) -> None:
    database, _ = demo
    with Session(database.engine) as session:
        contacts = session.execute(select(PartnerContact.civility, PartnerContact.first_name)).all()
    assert contacts
    for civility, first_name in contacts:
        assert civility is (Civility.MADAME if first_name in STAFF_WOMEN else Civility.MONSIEUR), first_name
        assert first_name in STAFF_WOMEN or first_name in STAFF_MEN


def test_persons_per_household_match_the_benchmark_ratio(demo: Demo) -> None:
    _database, report = demo
    assert 2.3 <= report.persons / report.households <= 2.7


def test_composition_mix_is_close_to_the_field(demo: Demo) -> None:
    database, _report = demo
    with database.engine.connect() as connection:
        shares: dict[str, float] = dict(
            connection.execute(
                text(
                    "SELECT c.code, count(*) * 1.0 / (SELECT count(*) FROM household) FROM household h "
                    "JOIN composition_type c ON c.id = h.composition_type_id GROUP BY c.code"
                )
            ).all()
        )
        siao = connection.scalar(text("SELECT avg(siao_reference != '') FROM household"))
        pets = connection.scalar(text("SELECT avg(pet_count > 0) FROM household"))
        references = connection.execute(text("SELECT siao_reference FROM household WHERE siao_reference != ''"))
        assert all(re.fullmatch(r"SIAO-(22|29|35|56)-20\d\d-\d{5}", row[0]) for row in references)
    assert 0.5 <= shares["personne_seule"] <= 0.6
    assert 0.16 <= shares["famille_monoparentale"] <= 0.24
    assert 0.09 <= shares["couple_avec_enfants"] <= 0.15
    assert 0.05 <= shares["couple_sans_enfant"] <= 0.11
    assert 0.03 <= shares["colocation"] <= 0.08
    assert 0.52 <= siao <= 0.68
    assert 0.1 <= pets <= 0.22


# ------------------------------------------------------------------------------------------ members


def test_every_household_has_current_members_consistent_with_its_composition(demo: Demo) -> None:
    database, _report = demo
    with Session(database.engine) as session:
        memberships = session.scalars(
            select(HouseholdMembership).options(
                joinedload(HouseholdMembership.person),
                joinedload(HouseholdMembership.role),
                joinedload(HouseholdMembership.household).joinedload(Household.composition_type),
            )
        ).all()
        by_household: dict[int, list[HouseholdMembership]] = defaultdict(list)
        for membership in memberships:
            by_household[membership.household_id].append(membership)
        assert len(by_household) == DEMO_SIZE
        for members in by_household.values():
            current = [m for m in members if m.end_date is None]
            roles = Counter(m.role.code for m in current)
            composition = members[0].household.composition_type
            assert composition is not None
            assert roles["reference"] == 1
            adults = roles["reference"] + roles["conjoint"] + roles["autre_adulte"]
            if composition.code == "personne_seule":
                assert len(current) == 1
            elif composition.code == "famille_monoparentale":
                assert roles["conjoint"] == 0 and roles["enfant"] >= 1
            elif composition.code == "couple_avec_enfants":
                assert roles["conjoint"] == 1 and roles["enfant"] >= 1
            elif composition.code == "couple_sans_enfant":
                assert roles["conjoint"] == 1 and roles["enfant"] == 0
            else:
                assert adults >= 2 and roles["enfant"] == 0
            parents = [m.person.birth_year for m in members if m.role.code in {"reference", "conjoint"}]
            for child in (m for m in members if m.role.code == "enfant"):
                assert child.person.birth_year is not None
                assert all(child.person.birth_year > year + 16 for year in parents if year is not None)
            for membership in members:
                assert date(2018, 1, 1) <= membership.start_date <= TODAY
                if membership.end_date is not None:
                    assert membership.start_date < membership.end_date <= TODAY
                    assert membership.end_reason


def test_people_look_like_a_real_caseload(demo: Demo) -> None:
    database, _report = demo
    with Session(database.engine) as session:
        persons = session.scalars(select(Person).options(joinedload(Person.administrative_status))).all()
    assert all(p.first_name or p.last_name or p.pseudonym for p in persons)
    pseudonym_only = [p for p in persons if p.pseudonym and not (p.first_name or p.last_name)]
    assert pseudonym_only
    assert any(p.birth_year is None for p in persons)
    assert any(not name.isascii() for p in persons for name in (p.first_name, p.last_name))
    phones = [p.phone for p in persons if p.phone]
    assert phones and all(re.fullmatch(r"0[67]( \d\d){4}", phone) for phone in phones)
    assert len(set(phones)) == len(phones)
    soon = [
        p
        for p in persons
        if p.administrative_status is not None
        and p.administrative_status.code == "titre_sejour"
        and p.administrative_status_deadline is not None
        and TODAY <= p.administrative_status_deadline <= TODAY + timedelta(days=180)
    ]
    assert soon
    assert all(
        p.administrative_status_deadline is None or (p.administrative_status and p.administrative_status.has_deadline)
        for p in persons
    )


# -------------------------------------------------------------------------------------------- housing


def _timelines(session: Session) -> dict[int, list[Occupancy]]:
    occupancies = session.scalars(
        select(Occupancy)
        .options(joinedload(Occupancy.status), joinedload(Occupancy.change_reason))
        .order_by(Occupancy.household_id, Occupancy.start_date)
    ).all()
    timelines: dict[int, list[Occupancy]] = defaultdict(list)
    for occupancy in occupancies:
        timelines[occupancy.household_id].append(occupancy)
    return timelines


def test_occupancy_periods_are_contiguous_with_exactly_one_open(demo: Demo) -> None:
    database, _report = demo
    with Session(database.engine) as session:
        timelines = _timelines(session)
    assert len(timelines) == DEMO_SIZE
    lengths = Counter(len(periods) for periods in timelines.values())
    assert set(lengths) <= {1, 2, 3, 4, 5} and len(lengths) == 5
    for periods in timelines.values():
        assert [p.end_date is None for p in periods] == [False] * (len(periods) - 1) + [True]
        assert periods[0].change_reason.code == "situation_initiale"
        assert date(2018, 1, 1) <= periods[0].start_date
        assert periods[-1].start_date <= TODAY
        for previous, following in itertools.pairwise(periods):
            assert previous.end_date == following.start_date - timedelta(days=1)
            assert previous.start_date <= previous.end_date


def test_every_occupancy_change_satisfies_its_guard(demo: Demo) -> None:
    database, _report = demo
    reasons: Counter[str] = Counter()
    with Session(database.engine) as session:
        for periods in _timelines(session).values():
            previous = None
            for occupancy in periods:
                data = OccupancyChangeInput(
                    status_code=occupancy.status.code,
                    start_date=occupancy.start_date,
                    reason_code=occupancy.change_reason.code,
                    dwelling_id=occupancy.dwelling_id,
                    concerted=occupancy.concerted,
                    household_agreement=occupancy.household_agreement,
                    bail_glissant=occupancy.bail_glissant,
                    note=occupancy.note,
                )
                problems = Problems()
                check_change(
                    session,
                    previous,
                    occupancy.status,
                    occupancy.change_reason,
                    occupancy.dwelling_id,
                    data,
                    problems,
                )
                assert not problems.errors, (occupancy.change_reason.code, problems.errors)
                reasons[occupancy.change_reason.code] += 1
                previous = occupancy
    # The histories tell the stories of the field, including the rarer ones.
    for code in (
        "acces_logement",
        "glissement",
        "mutation",
        "relogement",
        "retour_concerte",
        "resiliation",
        "autre",
    ):
        assert reasons[code] > 0, code


def test_dwellings_are_plausible(demo: Demo) -> None:
    database, _report = demo
    postcodes = {(city.name, code) for city in CITIES for code in city.postcodes}
    stock_for_kind = {
        "bailleur_social": {"social"},
        "association": {"associatif"},
        "ais": {"prive_intermediation"},
        "bailleur_prive": {"prive", "prive_intermediation"},
    }
    with Session(database.engine) as session:
        dwellings = session.scalars(
            select(Dwelling).options(
                joinedload(Dwelling.landlord).joinedload(Organisation.kind),
                joinedload(Dwelling.stock),
                joinedload(Dwelling.typology),
            )
        ).all()
        for dwelling in dwellings:
            assert (dwelling.city, dwelling.postcode) in postcodes
            assert dwelling.address
            assert dwelling.rent_cents is not None and 250_00 <= dwelling.rent_cents <= 750_00
            assert dwelling.charges_cents is not None and 30_00 <= dwelling.charges_cents <= 150_00
            assert dwelling.landlord is not None and dwelling.stock is not None and dwelling.typology is not None
            assert dwelling.stock.code in stock_for_kind[dwelling.landlord.kind.code]
        sizes = session.execute(
            text(
                "SELECT t.code, (SELECT count(*) FROM household_membership m "
                "WHERE m.household_id = o.household_id AND m.start_date <= o.start_date "
                "AND (m.end_date IS NULL OR m.end_date >= o.start_date)) "
                "FROM occupancy o JOIN dwelling d ON d.id = o.dwelling_id "
                "JOIN dwelling_typology t ON t.id = d.typology_id "
                "WHERE o.change_reason_id NOT IN "
                "(SELECT id FROM occupancy_change_reason WHERE dwelling_rule = 'same')"
            )
        ).all()
    assert all(size <= 3 for code, size in sizes if code in {"chambre", "t1", "t1bis"})


# ------------------------------------------------------------------------------------------- consents


def test_consents_are_given_by_adult_current_members_to_the_current_landlord(demo: Demo) -> None:
    database, _report = demo
    statuses: Counter[str] = Counter()
    with Session(database.engine) as session:
        consents = session.scalars(
            select(Consent).options(joinedload(Consent.person), selectinload(Consent.categories))
        ).all()
        memberships = {
            (m.household_id, m.person_id): m
            for m in session.scalars(select(HouseholdMembership).options(joinedload(HouseholdMembership.role)))
        }
        current_landlords = {
            household_id: (start, landlord_id)
            for household_id, start, landlord_id in session.execute(
                select(Occupancy.household_id, Occupancy.start_date, Dwelling.landlord_id)
                .join(Dwelling, Dwelling.id == Occupancy.dwelling_id)
                .where(Occupancy.end_date.is_(None))
            )
        }
        assert consents
        for consent in consents:
            membership = memberships[(consent.household_id, consent.person_id)]
            assert membership.end_date is None
            birth_year = consent.person.birth_year
            assert is_adult(child_role=membership.role.is_child, birth_year=birth_year, on=consent.requested_on)
            assert membership.start_date <= consent.requested_on <= TODAY
            housed_since, landlord_id = current_landlords[consent.household_id]
            assert landlord_id == consent.recipient_id
            assert consent.requested_on >= housed_since
            assert consent.categories
            if consent.status in {ConsentStatus.ACCORDE, ConsentStatus.REVOQUE}:
                assert consent.decided_on is not None and consent.evidence_place_id is not None
                assert consent.evidence_reference and not consent.evidence_note
                assert consent.valid_from == consent.decided_on
                assert consent.expires_on == consent.decided_on + relativedelta(months=12)
            if consent.status is ConsentStatus.REVOQUE:
                assert consent.revoked_on is not None and consent.expires_on is not None
                assert consent.decided_on is not None
                assert consent.decided_on <= consent.revoked_on < consent.expires_on
            if consent.status is ConsentStatus.REFUSE:
                assert consent.decided_on == consent.requested_on
            if consent.status is ConsentStatus.DEMANDE:
                assert consent.decided_on is None
            effective = household_consents(session, consent.household_id).state(consent_facts(consent), TODAY)
            statuses[effective.status.value] += 1
    assert set(statuses) == {"accorde", "expire", "refuse", "demande", "revoque"}
    assert statuses["accorde"] > statuses["refuse"] + statuses["revoque"]


def test_consents_cover_most_housed_households(demo: Demo) -> None:
    database, _report = demo
    with database.engine.connect() as connection:
        housed = connection.scalar(
            text(
                "SELECT count(*) FROM occupancy o JOIN occupancy_status s ON s.id = o.status_id "
                "WHERE o.end_date IS NULL AND s.is_housed"
            )
        )
        with_consent = connection.scalar(text("SELECT count(DISTINCT household_id) FROM consent"))
    assert 0.4 <= with_consent / housed <= 0.7


# ----------------------------------------------------------------------------------- search and audit


def test_search_text_is_what_the_household_service_computes(demo: Demo) -> None:
    database, _report = demo
    with Session(database.engine) as session, session.begin():
        households = session.scalars(select(Household)).all()
        stored = {household.id: household.search_text for household in households}
        for household in households:
            refresh_search_text(session, household.id)
        assert {household.id: household.search_text for household in households} == stored
        session.rollback()


def test_search_finds_a_household_by_a_generated_name(demo: Demo, clock: FixedClock) -> None:
    database, _report = demo
    services = build_services(database.engine, clock)
    with Session(database.engine) as session:
        rows = session.execute(
            select(HouseholdMembership.household_id, Person.first_name, Person.last_name)
            .join(Person, Person.id == HouseholdMembership.person_id)
            .where(Person.last_name != "")
            .order_by(Person.id)
            .limit(40)
        ).all()
        pseudonymous = session.execute(
            select(HouseholdMembership.household_id, Person.pseudonym)
            .join(Person, Person.id == HouseholdMembership.person_id)
            .where(Person.last_name == "", Person.pseudonym != "")
            .limit(1)
        ).one()
    for household_id, first_name, last_name in rows:
        assert household_id in {item.id for item in services.households.search(f"{last_name} {first_name}")}
    assert pseudonymous.household_id in {item.id for item in services.households.search(pseudonymous.pseudonym)}


def test_one_creation_event_per_household_and_person(demo: Demo) -> None:
    database, report = demo
    with Session(database.engine) as session:
        events = session.execute(
            select(AuditEvent.entity_type, func.count())
            .where(AuditEvent.action == AuditAction.CREATE)
            .group_by(AuditEvent.entity_type)
        ).all()
        missing = session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.household_id.is_(None)))
    assert dict(events) == {"household": report.households, "person": report.persons}
    assert missing == 0


# ----------------------------------------------------------------------------- runs and their options


def _names(engine: Engine) -> list[tuple[str, str, str, int | None]]:
    with Session(engine) as session:
        rows = session.execute(
            select(Person.first_name, Person.last_name, Person.pseudonym, Person.birth_year).order_by(Person.id)
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _timeline_shape(engine: Engine) -> list[tuple[int, date, date | None]]:
    with Session(engine) as session:
        rows = session.execute(
            select(Occupancy.status_id, Occupancy.start_date, Occupancy.end_date).order_by(Occupancy.id)
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_same_seed_gives_the_same_data(database: Database, other_database: Database) -> None:
    first = generate_demo(database.engine, households=60, seed=11, today=TODAY)
    second = generate_demo(other_database.engine, households=60, seed=11, today=TODAY)
    assert (first.persons, first.occupancies, first.consents) == (
        second.persons,
        second.occupancies,
        second.consents,
    )
    assert _names(database.engine) == _names(other_database.engine)
    assert _timeline_shape(database.engine) == _timeline_shape(other_database.engine)


def test_another_seed_gives_other_people(database: Database, other_database: Database) -> None:
    generate_demo(database.engine, households=60, seed=1, today=TODAY)
    generate_demo(other_database.engine, households=60, seed=2, today=TODAY)
    assert _names(database.engine) != _names(other_database.engine)


def test_progress_is_reported_after_each_chunk(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator, "CHUNK_SIZE", 25)
    calls: list[tuple[int, int]] = []
    generate_demo(database.engine, households=60, today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 60), (25, 60), (50, 60), (60, 60)]


def test_cancelling_leaves_the_database_unchanged(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator, "CHUNK_SIZE", 20)
    organisations_before = _count(database.engine, Organisation)
    calls: list[int] = []

    def cancel_after_first_chunk() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(DemoCancelled):
        generate_demo(database.engine, households=60, today=TODAY, should_cancel=cancel_after_first_chunk)
    assert len(calls) == 2
    for model in (
        Household,
        Person,
        HouseholdMembership,
        Occupancy,
        Dwelling,
        Consent,
        AuditEvent,
        StaffMember,
        Episode,
        TeamMembership,
        Contact,
    ):
        assert _count(database.engine, model) == 0, model
    assert _count(database.engine, Organisation) == organisations_before


def test_an_error_rolls_everything_back(database: Database) -> None:
    def broken_progress(done: int, total: int) -> None:
        if done:
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        generate_demo(database.engine, households=30, today=TODAY, progress=broken_progress)
    assert _count(database.engine, Household) == 0
    assert _count(database.engine, Organisation) == 0


def test_impossible_arguments_are_refused(database: Database) -> None:
    with pytest.raises(ValueError, match="zero or more"):
        generate_demo(database.engine, households=-1)
    with pytest.raises(ValueError, match="histories start in 2018"):
        generate_demo(database.engine, households=1, today=date(2017, 12, 31))


def test_after_the_first_run_the_own_organisation_and_user_are_used(services: Services) -> None:
    engine = services.context.engine
    actor = services.context.actor.staff_member_id
    assert actor is not None
    own_id = services.setup.own_organisation_id()
    report = generate_demo(engine, households=40, today=TODAY, actor_staff_id=actor)
    with Session(engine) as session:
        own = session.scalars(select(Organisation).where(Organisation.is_own.is_(True))).all()
        assert [item.id for item in own] == [own_id]
        team = session.scalar(
            select(func.count()).select_from(StaffMember).where(StaffMember.organisation_id == own_id)
        )
        actors = set(
            session.scalars(
                select(AuditEvent.staff_member_id).where(AuditEvent.entity_type.in_(["household", "person"])).distinct()
            )
        )
    assert team == 1 + len(OWN_TEAM)
    assert actors == {actor}
    mine = services.households.list_summaries()
    assert 0 < len(mine) < report.households  # the households of the user's teams (docs/domain.md §2)
    assert own_id is not None
    lead = services.directory.create_staff(StaffInput("Sophie", "Leroy", "chef_service", own_id)).id
    services.context.actor.staff_member_id = lead  # the team lead sees them all
    summaries = services.households.list_summaries()
    assert len(summaries) == report.households == 40
    assert all(item.display_name and item.member_count >= 1 and item.housing_label for item in summaries)
    household_file = services.households.open_file(summaries[0].id)
    assert household_file.members and household_file.occupancies
    assert household_file.current_occupancy is not None


def test_generating_twice_reuses_the_directory(database: Database) -> None:
    first = generate_demo(database.engine, households=20, today=TODAY)
    second = generate_demo(database.engine, households=20, today=TODAY, seed=99)
    assert first.organisations > 0 and first.staff > 0
    assert (second.organisations, second.staff) == (0, 0)
    assert _count(database.engine, Household) == 40


def test_ids_of_deleted_households_are_never_reused(database: Database) -> None:
    with Session(database.engine) as session, session.begin():
        household = Household()
        session.add(household)
        session.flush()
        deleted_id = household.id
        session.delete(household)
    generate_demo(database.engine, households=3, today=TODAY)
    with Session(database.engine) as session:
        assert session.scalar(select(func.min(Household.id))) == deleted_id + 1
