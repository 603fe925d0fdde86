"""Tests of caseworker/services/encounters/drop_in.py: the drop-in register (docs/domain.md §14.4).

Run on both backends: on the team's server the counts come from the access rules' function, and a visit to a
household the reader may not see is hidden by row-level security, as the services hide it locally.
"""

from __future__ import annotations

import time as time_module
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone

import pytest

from caseworker.domain.aftercare import AgeBand, Sex
from caseworker.services import Services
from caseworker.services.directory import StaffInput
from caseworker.services.encounters import DropInCounts, DropInInput, EncounterKind
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.households import PersonInput
from caseworker.services.support import TeamMemberInput
from tests.services.builders import TODAY, new_household, raw_rows, row_count
from tests.services.conftest import ActAs


def _at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    """A moment of ``day`` in UTC (the test machine's zone, unless a test sets another)."""
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.utc)


def _staff(services: Services, first: str, last: str, role: str) -> int:
    own = services.setup.own_organisation_id()
    assert own is not None
    return services.directory.create_staff(StaffInput(first, last, role, own)).id


def _on_team(services: Services, household_id: int, staff_id: int | None) -> None:
    services.team.add_member(household_id, TeamMemberInput("referent_social", TODAY, staff_member_id=staff_id))


def test_identified_and_anonymous_visits_are_listed_newest_first_counted_and_audited(services: Services) -> None:
    household = new_household(services).id
    services.households.add_member(
        household,
        PersonInput(first_name="Noé", last_name="Çelik", birth_year=2015),
        role_code="enfant",
        start_date=TODAY - timedelta(days=400),
        expected_version=services.households.open_file(household, record_view=False).row_version,
    )
    mother, son = (choice.id for choice in services.drop_in.persons_for(household))
    assert [reason.code for reason in services.drop_in.reasons()][:2] == ["accueil", "courrier"]

    first = services.drop_in.record_visit(DropInInput(household, son, reason_code="courrier", occurred_at=_at(8, 5)))
    anonymous = services.drop_in.record_visit(
        DropInInput(age_band=AgeBand.AGE_25_34, sex=Sex.FEMME, reason_code="accueil", occurred_at=_at(8, 30))
    )
    now = services.drop_in.record_visit(DropInInput(household, mother))  # the time: now (10:00 on the clock)
    assert first.who == f"ÇELIK Hélène (M-{household:06d}) — ÇELIK Noé"
    assert (first.reason_label, first.person_name, first.recorded_by_name) == (
        "Courrier, domiciliation",
        "ÇELIK Noé",
        "Claire MARTIN",
    )
    assert now.who == f"ÇELIK Hélène ({now.household_reference})"  # the person who names the household: once
    assert now.occurred_at == services.context.clock.now()
    assert anonymous.who == "Anonyme — femme, 25-34 ans"
    assert (anonymous.household_name, anonymous.person_name, anonymous.may_delete) == ("", "", True)

    day = services.drop_in.day(TODAY)
    assert [visit.id for visit in day.visits] == [now.id, anonymous.id, first.id]
    assert day.counts == DropInCounts(visits=3, identified=2, households=1)
    assert (day.counts.anonymous, day.unlisted) == (1, 0)
    assert services.drop_in.day_counts(TODAY) == day.counts
    assert services.drop_in.day_counts(TODAY - timedelta(days=1)) == DropInCounts()

    events = raw_rows(
        services, "SELECT action, entity_id, household_id FROM audit_event WHERE entity_type = 'drop_in_visit'"
    )
    assert sorted(events) == sorted(
        [("CREATE", first.id, household), ("CREATE", anonymous.id, None), ("CREATE", now.id, household)]
    )


def test_an_anonymous_visit_creates_no_person_and_no_household(services: Services) -> None:
    new_household(services)
    before = {table: row_count(services, table) for table in ("person", "household", "household_membership")}
    for band, sex in ((None, None), (AgeBand.MINEUR, None), (None, Sex.HOMME), (AgeBand.AGE_65_PLUS, Sex.AUTRE)):
        services.drop_in.record_visit(DropInInput(age_band=band, sex=sex))
    assert {table: row_count(services, table) for table in before} == before
    assert row_count(services, "drop_in_visit") == 4
    assert raw_rows(services, "SELECT count(*) FROM drop_in_visit WHERE household_id IS NOT NULL") == [(0,)]
    assert services.drop_in.day_counts(TODAY) == DropInCounts(visits=4, identified=0, households=0)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (DropInInput(reason_code="loto"), "reason_code", "Motif : choisissez une valeur dans la liste."),
        (DropInInput(occurred_at=datetime(1850, 1, 1, tzinfo=timezone.utc)), "occurred_at", "Heure : "),
        (DropInInput(occurred_at=_at(10, 30, TODAY + timedelta(days=1))), "occurred_at", "Heure : "),
        (DropInInput(occurred_at=_at(11, 0)), "occurred_at", "Heure : une visite ne peut pas être dans le futur"),
        (DropInInput(person_id=1), "person_id", "Une visite anonyme ne nomme personne"),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_saved(
    services: Services, data: DropInInput, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.drop_in.record_visit(data)
    assert error.value.errors[field].startswith(message), error.value.errors
    assert row_count(services, "drop_in_visit") == 0


def test_an_identified_visit_names_a_person_of_the_household_and_no_age_band(services: Services) -> None:
    household = new_household(services).id
    (stranger,) = services.drop_in.persons_for(new_household(services, "Awa", "Diallo").id)
    with pytest.raises(ValidationError) as error:
        services.drop_in.record_visit(DropInInput(household, stranger.id, sex=Sex.FEMME, reason_code="loto"))
    assert set(error.value.errors) == {"person_id", "sex", "reason_code"}  # told together
    assert error.value.errors["sex"] == "L'âge et le sexe se notent seulement pour une visite anonyme."
    with pytest.raises(NotFoundError):
        services.drop_in.record_visit(DropInInput(999_999))
    assert row_count(services, "drop_in_visit") == 0
    within = services.drop_in.record_visit(DropInInput(household, occurred_at=_at(10, 4)))  # the clock's skew
    assert within.occurred_at == _at(10, 4)


def test_a_visit_is_deleted_by_its_recorder_or_a_team_lead_only(services: Services, act_as: ActAs) -> None:
    claire = services.context.actor.staff_member_id
    paul = _staff(services, "Paul", "Roux", "travailleur_social")
    lead = _staff(services, "Sophie", "Leroy", "chef_service")
    household = new_household(services).id
    for member in (claire, paul):
        _on_team(services, household, member)
    mine = services.drop_in.record_visit(DropInInput(household, occurred_at=_at(9)))
    anonymous = services.drop_in.record_visit(DropInInput(occurred_at=_at(9, 10)))
    act_as(services, paul)
    assert [visit.may_delete for visit in services.drop_in.day(TODAY).visits] == [False, False]
    with pytest.raises(TransitionError, match="Seuls la personne qui a noté cette visite et un chef de service"):
        services.drop_in.delete_visit(mine.id)
    with pytest.raises(TransitionError):
        services.drop_in.delete_visit(anonymous.id)
    pauls = services.drop_in.record_visit(DropInInput(occurred_at=_at(9, 20)))
    services.drop_in.delete_visit(pauls.id)
    act_as(services, lead)
    assert [visit.may_delete for visit in services.drop_in.day(TODAY).visits] == [True, True]
    services.drop_in.delete_visit(mine.id)
    act_as(services, claire)
    services.drop_in.delete_visit(anonymous.id)
    with pytest.raises(NotFoundError):
        services.drop_in.delete_visit(anonymous.id)
    assert services.drop_in.day(TODAY).visits == ()
    deleted = raw_rows(
        services,
        "SELECT entity_id, household_id, staff_member_id FROM audit_event "
        "WHERE entity_type = 'drop_in_visit' AND action = 'DELETE' ORDER BY id",
    )
    assert deleted == [(pauls.id, None, paul), (mine.id, household, lead), (anonymous.id, None, claire)]


def test_a_referent_off_a_households_team_counts_its_visits_but_never_reads_its_name(
    services: Services, act_as: ActAs
) -> None:
    claire = services.context.actor.staff_member_id
    paul = _staff(services, "Paul", "Roux", "travailleur_social")
    lead = _staff(services, "Sophie", "Leroy", "chef_service")
    hidden = new_household(services, "Zélie", "Quintard").id
    shared = new_household(services, "Awa", "Diallo").id
    _on_team(services, hidden, claire)
    for member in (claire, paul):
        _on_team(services, shared, member)
    services.drop_in.record_visit(DropInInput(hidden, reason_code="budget", occurred_at=_at(8)))
    services.drop_in.record_visit(DropInInput(hidden, occurred_at=_at(9, 30, TODAY - timedelta(days=3))))
    services.drop_in.record_visit(DropInInput(shared, occurred_at=_at(8, 15)))
    services.drop_in.record_visit(DropInInput(age_band=AgeBand.AGE_18_24, occurred_at=_at(8, 20)))

    act_as(services, paul)
    day = services.drop_in.day(TODAY)
    assert [visit.household_id for visit in day.visits] == [None, shared]
    assert day.counts == DropInCounts(visits=3, identified=2, households=2)  # the service's figures: every visit
    assert day.unlisted == 1
    assert "QUINTARD" not in repr(day) and "Zélie" not in repr(day)
    month = services.drop_in.month_counts(TODAY.year, TODAY.month)
    assert month.total == DropInCounts(visits=4, identified=3, households=2)
    assert services.drop_in.for_household(hidden) == []
    assert services.drop_in.last_visit_on(hidden) is None
    assert services.drop_in.persons_for(hidden) == []
    with pytest.raises(NotFoundError):
        services.drop_in.record_visit(DropInInput(hidden))
    assert services.drop_in.last_visit_on(shared) == TODAY

    act_as(services, lead)  # sees every household: nothing left out
    day = services.drop_in.day(TODAY)
    assert (len(day.visits), day.unlisted) == (3, 0)
    assert day.visits[-1].who == f"QUINTARD Zélie (M-{hidden:06d})"


def test_the_month_counts_each_day_and_distinct_households_over_the_month(services: Services) -> None:
    one = new_household(services).id
    two = new_household(services, "Awa", "Diallo").id
    first = date(TODAY.year, TODAY.month, 1)
    for household, day, hour in ((one, first, 9), (one, first, 15), (two, first, 16), (one, TODAY, 8)):
        services.drop_in.record_visit(DropInInput(household, occurred_at=_at(hour, 0, day)))
    services.drop_in.record_visit(DropInInput(occurred_at=_at(9, 0, first + timedelta(days=1))))
    services.drop_in.record_visit(DropInInput(one, occurred_at=_at(9, 0, first - timedelta(days=1))))  # May

    month = services.drop_in.month_counts(TODAY.year, TODAY.month)
    assert month.total == DropInCounts(visits=5, identified=4, households=2)
    assert len(month.days) == 30 and month.days[0].day == first and month.days[-1].day == date(2026, 6, 30)
    by_day = {row.day: row.counts for row in month.days if row.counts.visits}
    assert by_day == {
        first: DropInCounts(3, 3, 2),
        first + timedelta(days=1): DropInCounts(1, 0, 0),
        TODAY: DropInCounts(1, 1, 1),
    }
    assert services.drop_in.month_counts(2026, 5).total == DropInCounts(1, 1, 1)

    encounters = services.drop_in.for_household(one)
    assert [e.occurred_at for e in encounters] == [
        _at(8),
        _at(15, 0, first),
        _at(9, 0, first),
        _at(9, 0, date(2026, 5, 31)),
    ]
    assert {(e.kind, e.kind_label, e.detail) for e in encounters} == {
        (EncounterKind.DROP_IN, "Permanence", "Passage à la permanence")
    }
    assert services.drop_in.last_visit_on(one) == TODAY
    assert services.drop_in.last_visit_on(new_household(services, "Jean", "Petit").id) is None


@pytest.fixture
def paris() -> Iterator[None]:
    """The laptop in Paris (UTC+2 in June): a local day starts at 22:00 UTC the day before."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Europe/Paris")
        time_module.tzset()
        yield
    time_module.tzset()


def test_a_day_is_the_laptops_local_day_whatever_the_utc_date(services: Services, paris: None) -> None:
    yesterday = TODAY - timedelta(days=1)
    late = services.drop_in.record_visit(DropInInput(occurred_at=_at(22, 30, yesterday)))  # 00:30 in Paris
    evening = services.drop_in.record_visit(DropInInput(occurred_at=_at(21, 30, yesterday)))  # 23:30 in Paris
    assert [visit.id for visit in services.drop_in.day(TODAY).visits] == [late.id]
    assert [visit.id for visit in services.drop_in.day(yesterday).visits] == [evening.id]
    month = services.drop_in.month_counts(TODAY.year, TODAY.month)
    assert {row.day: row.counts.visits for row in month.days if row.counts.visits} == {TODAY: 1, yesterday: 1}
    household = new_household(services).id
    services.drop_in.record_visit(DropInInput(household, occurred_at=_at(22, 5, yesterday)))
    assert services.drop_in.last_visit_on(household) == TODAY


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.drop_in.day(TODAY + timedelta(days=1)),
        lambda s: s.drop_in.day_counts(date(1900, 1, 1)),
        lambda s: s.drop_in.day(date.max),
        lambda s: s.drop_in.month_counts(2026, 13),
        lambda s: s.drop_in.month_counts(2026, 7),
        lambda s: s.drop_in.month_counts(10**9, 1),
    ],
)
def test_an_impossible_day_or_month_is_refused_in_french(services: Services, call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        call(services)
    (message,) = error.value.errors.values()
    assert message.startswith(("Jour : ", "Mois : ")), message


def test_the_servers_counts_are_per_day_at_the_finest(services: Services) -> None:
    """On the team's server the counts function reads every household: periods shorter than a day (a minute each)
    would tell a referent when a household they may not see came. It answers nothing for them."""
    if not services.context.team_mode:
        pytest.skip("the server's function: locally the service asks days and months only")
    from sqlalchemy import text

    from caseworker.services.encounters.drop_in import COUNTS_FUNCTION_NAME

    household = new_household(services, "Jeanne", "Abadie").id
    services.drop_in.record_visit(DropInInput(household))
    now = services.context.clock.now().replace(tzinfo=None)
    day = datetime.combine(TODAY, time())
    minutes = [now - timedelta(minutes=1), now, now + timedelta(minutes=1)]
    with services.context.read() as session:
        by_minute = session.execute(text(f"SELECT * FROM {COUNTS_FUNCTION_NAME}(:b)"), {"b": minutes}).all()
        by_day = session.execute(
            text(f"SELECT * FROM {COUNTS_FUNCTION_NAME}(:b)"), {"b": [day - timedelta(days=1), day + timedelta(days=1)]}
        ).all()
    assert by_minute == []
    assert [tuple(row)[1] for row in by_day] == [1]
