"""Tests of caseworker/services/support/contacts.py: the contact log, failed attempts and note confidentiality."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from caseworker.domain import AuditAction, NoteClass
from caseworker.domain.contacts import ATTEMPT, CANCELLED, REACHED
from caseworker.models import ContactOutcome, TeamMembership, TeamRole, Topic
from caseworker.services import Services
from caseworker.services.directory import OrganisationInput, PartnerContactInput, StaffInput, StaffView
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.support import ContactInput, ContactView, FirstContactStats
from caseworker.services.support.first_contact import first_contact_stats_of
from tests.services.builders import new_household, raw_rows, row_count
from tests.services.conftest import ActAs

NOTE = "Via le gardien : repasser le soir, sonnette en panne."


@pytest.fixture(autouse=True)
def paris_time() -> Iterator[None]:
    """Local time is French time, as on the associations' laptops."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Paris"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


PARIS = ZoneInfo("Europe/Paris")


def local(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """Return an aware datetime for a wall-clock time in Paris (the local zone of these tests)."""
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def visit(at: datetime, outcome: str = "rencontre", **changes: object) -> ContactInput:
    return replace(ContactInput(occurred_at=at, type_code="visite_domicile", outcome_code=outcome), **changes)


@pytest.fixture
def household_id(services: Services) -> int:
    return new_household(services).id


@pytest.fixture
def claire_id(services: Services) -> int:
    staff_id = services.context.actor.staff_member_id
    assert staff_id is not None
    return staff_id


def add_staff(services: Services, first: str, last: str, role: str) -> StaffView:
    organisation_id = services.setup.own_organisation_id()
    assert organisation_id is not None
    return services.directory.create_staff(StaffInput(first, last, role, organisation_id))


def join_team(
    services: Services, household_id: int, staff_id: int, *, coordinator: bool = False, ended: bool = False
) -> None:
    # TeamService is not written yet: the rows are inserted directly.
    with services.context.transaction() as session:
        role_id = session.scalar(select(TeamRole.id).where(TeamRole.code == "referent_social"))
        assert role_id is not None
        session.add(
            TeamMembership(
                household_id=household_id,
                staff_member_id=staff_id,
                role_id=role_id,
                is_coordinator=coordinator,
                start_date=date(2026, 1, 1),
                end_date=date(2026, 3, 1) if ended else None,
            )
        )


def only(views: list[ContactView]) -> ContactView:
    assert len(views) == 1
    return views[0]


# ------------------------------------------------------------------------------------------------ choices


def test_choices_are_the_seeded_picklists_with_failed_attempts_flagged(services: Services) -> None:
    choices = services.contacts.choices()
    assert choices.types[0].code == "visite_domicile"
    assert len(choices.types) == 10
    assert {choice.code for choice in choices.outcomes if choice.flag} == {"porte_close", "absent", "non_joint"}
    assert choices.outcomes[0].code == "rencontre"
    assert len(choices.topics) == 17
    assert choices.reached_outcomes == {"rencontre", "joint", "refus"}  # not the attempts, not the cancelled


def test_retired_entries_are_not_offered(services: Services) -> None:
    with services.context.transaction() as session:
        session.execute(update(Topic).where(Topic.code == "loisirs").values(active=False))
    assert "loisirs" not in {choice.code for choice in services.contacts.choices().topics}


# -------------------------------------------------------------------------------------------- recording


def test_a_quick_entry_gets_its_defaults(services: Services, household_id: int, claire_id: int) -> None:
    view = services.contacts.record_contact(household_id, visit(local(2026, 6, 15, 11, 0)))
    assert view.household_id == household_id
    assert view.occurred_at == datetime(2026, 6, 15, 9, 0, tzinfo=timezone.utc)
    assert view.occurred_at.tzinfo is not None
    assert view.local_time == datetime(2026, 6, 15, 11, 0)
    assert (view.type_code, view.type_label) == ("visite_domicile", "Visite à domicile")
    assert (view.outcome_code, view.outcome_label, view.outcome_kind) == ("rencontre", "Rencontré", REACHED)
    assert not view.is_failed_attempt
    assert view.participant_staff_ids == (claire_id,)
    assert view.participant_contact_ids == ()
    assert view.participants == ("Claire MARTIN",)
    assert view.author_name == "Claire MARTIN"
    assert view.note_class is NoteClass.REFERENTS
    assert view.duration_minutes is None
    assert not view.off_hours
    assert view.topic_codes == ()
    assert only(services.contacts.contacts_for(household_id)) == view
    assert raw_rows(services, "SELECT author_id, occurred_at FROM contact") == [
        (claire_id, "2026-06-15 09:00:00.000000")
    ]


def test_everything_a_contact_can_say_is_kept(services: Services, household_id: int, claire_id: int) -> None:
    nurse = add_staff(services, "Paul", "Leroy", "infirmier")
    organisation = services.directory.create_organisation(OrganisationInput(name="CMP Rennes Nord", kind_code="sante"))
    partner = services.directory.create_partner_contact(
        PartnerContactInput(organisation_id=organisation.id, first_name="Anne", last_name="Morel")
    )
    view = services.contacts.record_contact(
        household_id,
        ContactInput(
            occurred_at=local(2026, 6, 12, 19, 45),
            type_code="accompagnement",
            outcome_code="rencontre",
            duration_minutes=90,
            participant_staff_ids=(nurse.id, claire_id, nurse.id),
            participant_contact_ids=(partner.id,),
            topic_codes=("sante_mentale", "acces_droits"),
            note=f"  {NOTE}\r\nDeuxième ligne.  ",
            note_class=NoteClass.EQUIPE,
        ),
    )
    assert view.participant_staff_ids == (nurse.id, claire_id)
    assert view.participant_contact_ids == (partner.id,)
    assert view.participants == ("Paul LEROY", "Claire MARTIN", "Anne MOREL (CMP Rennes Nord)")
    assert view.topic_codes == ("acces_droits", "sante_mentale")  # in the picklist's order
    assert view.topic_labels == ("Accès aux droits", "Santé mentale")
    assert view.note == f"{NOTE}\nDeuxième ligne."
    assert view.duration_minutes == 90
    assert view.off_hours
    assert only(services.contacts.contacts_for(household_id)) == view


def test_partner_contacts_offered_are_those_on_the_current_team(services: Services, household_id: int) -> None:
    organisation = services.directory.create_organisation(OrganisationInput(name="CMP Rennes Nord", kind_code="sante"))
    current = services.directory.create_partner_contact(
        PartnerContactInput(organisation_id=organisation.id, first_name="Anne", last_name="Morel")
    )
    former = services.directory.create_partner_contact(
        PartnerContactInput(organisation_id=organisation.id, first_name="Luc", last_name="Briand")
    )
    with services.context.transaction() as session:
        role_id = session.scalar(select(TeamRole.id).where(TeamRole.code == "referent_sante"))
        for contact_id, end in ((current.id, None), (former.id, date(2026, 2, 1))):
            session.add(
                TeamMembership(
                    household_id=household_id,
                    partner_contact_id=contact_id,
                    role_id=role_id,
                    start_date=date(2026, 1, 1),
                    end_date=end,
                )
            )
    options = services.contacts.partner_contacts_for(household_id)
    assert [(option.id, option.name) for option in options] == [(current.id, "Anne MOREL (CMP Rennes Nord)")]


def test_an_unknown_household_is_reported(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.contacts.record_contact(999, visit(local(2026, 6, 15)))


def test_a_naive_time_is_a_programming_error(services: Services, household_id: int) -> None:
    with pytest.raises(ValueError, match="aware"):
        services.contacts.record_contact(household_id, visit(datetime(2026, 6, 15, 10, 0)))


# ------------------------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"type_code": "pigeon_voyageur"}, "type_code", "choisissez une valeur"),
        ({"type_code": ""}, "type_code", "choisissez une valeur"),
        ({"outcome_code": "peut_etre"}, "outcome_code", "choisissez une valeur"),
        ({"topic_codes": ("sante", "astrologie")}, "topic_codes", "n'existe pas"),
        ({"duration_minutes": -1}, "duration_minutes", "entre 0 et 1 440"),
        ({"duration_minutes": 1441}, "duration_minutes", "entre 0 et 1 440"),
        ({"note": "x" * 20_001}, "note", "20\u202f001 caractères"),
        ({"note": "bip\x07"}, "note", "caractères de contrôle"),
        ({"participant_staff_ids": (4242,)}, "participant_staff_ids", "n'existe pas"),
        ({"participant_contact_ids": (4242,)}, "participant_contact_ids", "n'existe pas"),
        ({"occurred_at": local(2026, 6, 15, 12, 6)}, "occurred_at", "futur"),
        ({"occurred_at": local(2027, 1, 1)}, "occurred_at", "futur"),
        ({"occurred_at": local(1980, 3, 1)}, "occurred_at", "vraisemblable"),
    ],
)
def test_refusals_name_the_field_in_french_and_write_nothing(
    services: Services, household_id: int, changes: dict[str, object], field: str, fragment: str
) -> None:
    data = visit(local(2026, 6, 15, 11, 0), **changes)
    audit_before = row_count(services, "audit_event")
    with pytest.raises(ValidationError) as caught:
        services.contacts.record_contact(household_id, data)
    assert fragment in caught.value.errors[field]
    assert row_count(services, "contact") == 0
    assert row_count(services, "contact_participant") == 0
    assert row_count(services, "audit_event") == audit_before


def test_limits_are_accepted(services: Services, household_id: int) -> None:
    # The clock says 12:00 in Paris: five minutes of skew are tolerated.
    services.contacts.record_contact(household_id, visit(local(2026, 6, 15, 12, 5), duration_minutes=0))
    services.contacts.record_contact(household_id, visit(local(2026, 6, 14, 8, 0), duration_minutes=1440))
    services.contacts.record_contact(household_id, visit(local(1990, 1, 1, 9, 0), note="x" * 20_000))
    assert row_count(services, "contact") == 3


def test_every_problem_is_reported_at_once(services: Services, household_id: int) -> None:
    with pytest.raises(ValidationError) as caught:
        services.contacts.record_contact(
            household_id,
            ContactInput(
                occurred_at=local(2030, 1, 1),
                type_code="?",
                outcome_code="?",
                duration_minutes=5000,
                topic_codes=("?",),
            ),
        )
    assert set(caught.value.errors) == {"occurred_at", "type_code", "outcome_code", "duration_minutes", "topic_codes"}


def test_retired_picklist_entries_are_refused_for_new_contacts_but_kept_on_old_ones(
    services: Services, household_id: int
) -> None:
    old = services.contacts.record_contact(household_id, visit(local(2026, 6, 1), "absent", topic_codes=("loisirs",)))
    with services.context.transaction() as session:
        session.execute(update(ContactOutcome).where(ContactOutcome.code == "absent").values(active=False))
        session.execute(update(Topic).where(Topic.code == "loisirs").values(active=False))
    with pytest.raises(ValidationError) as caught:
        services.contacts.record_contact(household_id, visit(local(2026, 6, 2), "absent", topic_codes=("loisirs",)))
    assert set(caught.value.errors) == {"outcome_code", "topic_codes"}
    edited = services.contacts.update_contact(
        old.id, visit(local(2026, 6, 1), "absent", topic_codes=("loisirs",), duration_minutes=10)
    )
    assert (edited.outcome_code, edited.topic_codes, edited.duration_minutes) == ("absent", ("loisirs",), 10)


# ---------------------------------------------------------------------------------------------- off hours


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(2026, 6, 10, 8, 29), True),
        (local(2026, 6, 10, 8, 30), False),
        (local(2026, 6, 10, 18, 29), False),
        (local(2026, 6, 10, 18, 30), True),
        (local(2026, 6, 13, 11, 0), True),  # a Saturday
        (local(2026, 6, 14, 11, 0), True),  # a Sunday
        (local(2026, 5, 25, 11, 0), True),  # Lundi de Pentecôte
        (local(2026, 5, 26, 11, 0), False),  # the Tuesday after
        (local(2026, 1, 15, 8, 29), True),  # winter time (UTC+1)
        (local(2026, 1, 15, 18, 29), False),
    ],
)
def test_off_hours_is_derived_from_the_local_time(
    services: Services, household_id: int, moment: datetime, expected: bool
) -> None:
    assert services.contacts.record_contact(household_id, visit(moment)).off_hours is expected


def test_off_hours_uses_local_time_whatever_zone_the_time_was_given_in(services: Services, household_id: int) -> None:
    # 16:45 UTC in June is 18:45 in Paris: after hours, although 16:45 would be within them.
    view = services.contacts.record_contact(household_id, visit(datetime(2026, 6, 10, 16, 45, tzinfo=timezone.utc)))
    assert view.off_hours
    assert view.local_time == datetime(2026, 6, 10, 18, 45)


@pytest.mark.parametrize(("moment", "forced"), [(local(2026, 6, 10, 11, 0), True), (local(2026, 6, 13, 11), False)])
def test_off_hours_can_be_set_by_hand(services: Services, household_id: int, moment: datetime, forced: bool) -> None:
    assert services.contacts.record_contact(household_id, visit(moment, off_hours=forced)).off_hours is forced


# ------------------------------------------------------------------------------------------ first contact


def f25_log(services: Services, household_id: int) -> None:
    """docs/domain.md §5: five "porte close" visits over twelve days, some in the evening, then a meeting on day 14."""
    start = date(2026, 6, 1)
    hours = [(9, 15), (19, 40), (7, 50), (17, 5), (20, 30)]
    for offset, (hour, minute) in zip((0, 3, 6, 9, 12), hours, strict=True):
        day = start + timedelta(days=offset)
        services.contacts.record_contact(
            household_id, visit(local(day.year, day.month, day.day, hour, minute), "porte_close")
        )
    services.contacts.record_contact(household_id, visit(local(2026, 6, 15, 11, 30), "rencontre"))


def test_f25_six_attempts_before_first_contact_fourteen_days(services: Services, household_id: int) -> None:
    f25_log(services, household_id)
    assert services.contacts.first_contact_stats(household_id) == FirstContactStats(
        attempts=6,
        days=14,
        first_attempt_on=date(2026, 6, 1),
        first_contact_on=date(2026, 6, 15),
        last_contact_on=date(2026, 6, 15),
        total_attempts_without_contact=0,
    )
    log = services.contacts.contacts_for(household_id)
    assert [view.outcome_code for view in log] == ["rencontre"] + ["porte_close"] * 5
    assert [view.off_hours for view in log] == [False, True, False, True, True, False]
    assert all(view.is_failed_attempt for view in log[1:])


def test_cancelled_contacts_count_neither_as_attempts_nor_as_contacts(services: Services, household_id: int) -> None:
    record = services.contacts.record_contact
    record(household_id, visit(local(2026, 6, 1), "annule_equipe"))
    record(household_id, visit(local(2026, 6, 2), "absent"))
    record(household_id, visit(local(2026, 6, 3), "annule_menage"))
    record(household_id, visit(local(2026, 6, 5), "joint"))
    stats = services.contacts.first_contact_stats(household_id)
    assert (stats.attempts, stats.days, stats.first_attempt_on) == (2, 3, date(2026, 6, 2))


def test_attempts_after_the_last_contact_are_counted(services: Services, household_id: int) -> None:
    record = services.contacts.record_contact
    record(household_id, visit(local(2026, 5, 4), "rencontre"))
    record(household_id, visit(local(2026, 5, 20), "non_joint"))
    record(household_id, visit(local(2026, 5, 28), "rencontre"))
    record(household_id, visit(local(2026, 6, 3), "porte_close"))
    record(household_id, visit(local(2026, 6, 4), "annule_menage"))
    record(household_id, visit(local(2026, 6, 10), "absent"))
    stats = services.contacts.first_contact_stats(household_id)
    assert stats == FirstContactStats(
        attempts=1,
        days=0,
        first_attempt_on=date(2026, 5, 4),
        first_contact_on=date(2026, 5, 4),
        last_contact_on=date(2026, 5, 28),
        total_attempts_without_contact=2,
    )


def test_no_contact_yet(services: Services, household_id: int) -> None:
    assert services.contacts.first_contact_stats(household_id) == FirstContactStats(0, None, None, None, None, 0)
    services.contacts.record_contact(household_id, visit(local(2026, 6, 2), "porte_close"))
    services.contacts.record_contact(household_id, visit(local(2026, 6, 9), "absent"))
    assert services.contacts.first_contact_stats(household_id) == FirstContactStats(
        attempts=0,
        days=None,
        first_attempt_on=date(2026, 6, 2),
        first_contact_on=None,
        last_contact_on=None,
        total_attempts_without_contact=2,
    )


def test_stats_start_at_the_episode_orientation(services: Services, household_id: int) -> None:
    record = services.contacts.record_contact
    record(household_id, visit(local(2025, 3, 1), "porte_close"))  # an earlier episode
    record(household_id, visit(local(2025, 3, 8), "rencontre"))
    record(household_id, visit(local(2026, 6, 1, 23, 59), "porte_close"))  # the evening before the orientation
    record(household_id, visit(local(2026, 6, 2, 0, 1), "porte_close"))  # 22:01 UTC on 1 June, local 2 June
    record(household_id, visit(local(2026, 6, 8), "rencontre"))
    stats = services.contacts.first_contact_stats(household_id, since=date(2026, 6, 2))
    assert (stats.attempts, stats.days, stats.first_attempt_on) == (2, 6, date(2026, 6, 2))
    everything = services.contacts.first_contact_stats(household_id)
    assert (everything.attempts, everything.days, everything.last_contact_on) == (2, 7, date(2026, 6, 8))


def test_stats_are_per_household(services: Services, household_id: int) -> None:
    other = new_household(services, "Marc", "Petit").id
    services.contacts.record_contact(other, visit(local(2026, 6, 1), "porte_close"))
    services.contacts.record_contact(household_id, visit(local(2026, 6, 3), "rencontre"))
    assert services.contacts.first_contact_stats(household_id).attempts == 1
    assert services.contacts.first_contact_stats(other).total_attempts_without_contact == 1


KINDS = st.sampled_from([REACHED, ATTEMPT, CANCELLED])


def expected_attempts(kinds: list[str]) -> int:
    """The F25 rule, said plainly: position of the first reached contact among non-cancelled ones, plus one."""
    counted = [kind for kind in kinds if kind != CANCELLED]
    return counted.index(REACHED) + 1 if REACHED in counted else 0


@given(st.lists(st.tuples(st.integers(0, 3), KINDS), max_size=30))
def test_attempts_is_the_position_of_the_first_contact(steps: list[tuple[int, str]]) -> None:
    day = date(2026, 1, 1)
    events = []
    for gap, kind in steps:
        day += timedelta(days=gap)
        events.append((day, kind))
    stats = first_contact_stats_of(events)
    kinds = [kind for _day, kind in events]
    assert stats.attempts == expected_attempts(kinds)
    counted = [(d, kind) for d, kind in events if kind != CANCELLED]
    if REACHED in kinds:
        first = next(d for d, kind in counted if kind == REACHED)
        assert stats.first_contact_on == first
        assert stats.days == (first - counted[0][0]).days
        last = max(i for i, (_d, kind) in enumerate(counted) if kind == REACHED)
        assert stats.total_attempts_without_contact == len(counted) - last - 1
    else:
        assert (stats.days, stats.first_contact_on, stats.last_contact_on) == (None, None, None)
        assert stats.total_attempts_without_contact == len(counted)


OUTCOMES = st.sampled_from(["rencontre", "joint", "refus", "porte_close", "absent", "non_joint", "annule_menage"])
OUTCOME_KINDS = {"rencontre": REACHED, "joint": REACHED, "refus": REACHED, "annule_menage": CANCELLED}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(outcomes=st.lists(OUTCOMES, max_size=8))
def test_attempts_through_the_database(services: Services, outcomes: list[str]) -> None:
    household_id = new_household(services).id
    for index, outcome in enumerate(outcomes):
        services.contacts.record_contact(household_id, visit(local(2026, 5, 1 + index, 8 + index), outcome))
    kinds = [OUTCOME_KINDS.get(outcome, ATTEMPT) for outcome in outcomes]
    stats = services.contacts.first_contact_stats(household_id)
    assert stats.attempts == expected_attempts(kinds)
    assert (stats.days is None) == (REACHED not in kinds)


# ----------------------------------------------------------------------------------------- last contacts


def test_last_reached_dates_in_one_call(services: Services, household_id: int) -> None:
    met = new_household(services, "Marc", "Petit").id
    never = new_household(services, "Inès", "Roux").id
    silent = new_household(services, "Jo", "Blanc").id
    record = services.contacts.record_contact
    record(household_id, visit(local(2026, 5, 3), "rencontre"))
    record(household_id, visit(local(2026, 6, 10, 0, 30), "joint"))  # 22:30 UTC on 9 June: still 10 June in Paris
    record(household_id, visit(local(2026, 6, 12), "porte_close"))
    record(met, visit(local(2026, 4, 1), "refus"))
    record(silent, visit(local(2026, 6, 1), "absent"))
    record(silent, visit(local(2026, 6, 2), "annule_menage"))
    dates = services.contacts.last_reached_dates([household_id, met, never, silent, household_id])
    assert dates == {household_id: date(2026, 6, 10), met: date(2026, 4, 1)}
    assert services.contacts.last_reached_dates([]) == {}


# ---------------------------------------------------------------------------------------------- the log


def test_the_log_is_newest_first_and_can_be_limited(services: Services, household_id: int) -> None:
    for day in (3, 1, 9, 5):
        services.contacts.record_contact(household_id, visit(local(2026, 6, day)))
    assert [view.local_time.day for view in services.contacts.contacts_for(household_id)] == [9, 5, 3, 1]
    assert [view.local_time.day for view in services.contacts.contacts_for(household_id, limit=2)] == [9, 5]
    assert services.contacts.contacts_for(household_id, limit=0) == []
    assert services.contacts.contacts_for(999) == []


# ------------------------------------------------------------------------------------------ edit and delete


def test_an_edit_replaces_what_was_said(services: Services, household_id: int, claire_id: int) -> None:
    colleague = add_staff(services, "Yann", "Le Gall", "travailleur_social")
    view = services.contacts.record_contact(
        household_id, visit(local(2026, 6, 10, 11), topic_codes=("budget_dettes",), note="Premier jet")
    )
    edited = services.contacts.update_contact(
        view.id,
        ContactInput(
            occurred_at=local(2026, 6, 10, 19, 0),
            type_code="telephone",
            outcome_code="non_joint",
            duration_minutes=5,
            participant_staff_ids=(colleague.id,),
            topic_codes=("energie", "voisinage"),
            note="Rappeler demain",
            note_class=NoteClass.EQUIPE,
        ),
    )
    assert edited.id == view.id
    assert edited.author_name == "Claire MARTIN"  # the author does not change
    assert (edited.type_code, edited.outcome_kind, edited.duration_minutes) == ("telephone", ATTEMPT, 5)
    assert edited.off_hours  # re-derived from the new time
    assert edited.participant_staff_ids == (colleague.id,)
    assert edited.topic_codes == ("energie", "voisinage")
    assert (edited.note, edited.note_class) == ("Rappeler demain", NoteClass.EQUIPE)
    assert only(services.contacts.contacts_for(household_id)) == edited
    assert row_count(services, "contact_participant") == 1
    assert row_count(services, "contact_topic_link") == 2


def test_an_edit_without_participants_names_the_author(
    services: Services, household_id: int, claire_id: int, act_as: ActAs
) -> None:
    colleague = add_staff(services, "Yann", "Le Gall", "travailleur_social")
    join_team(services, household_id, claire_id)
    join_team(services, household_id, colleague.id)
    view = services.contacts.record_contact(
        household_id, visit(local(2026, 6, 10), participant_staff_ids=(colleague.id,))
    )
    act_as(services, colleague.id)
    edited = services.contacts.update_contact(view.id, visit(local(2026, 6, 10)))
    assert edited.participant_staff_ids == (claire_id,)


def test_unknown_contacts_are_reported(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.contacts.update_contact(999, visit(local(2026, 6, 10)))
    with pytest.raises(NotFoundError):
        services.contacts.delete_contact(999)


def test_delete_removes_participants_and_topics(services: Services, household_id: int) -> None:
    keep = services.contacts.record_contact(household_id, visit(local(2026, 6, 9), topic_codes=("sante",)))
    gone = services.contacts.record_contact(household_id, visit(local(2026, 6, 10), topic_codes=("sante", "energie")))
    services.contacts.delete_contact(gone.id)
    assert [view.id for view in services.contacts.contacts_for(household_id)] == [keep.id]
    assert row_count(services, "contact_participant") == 1
    assert row_count(services, "contact_topic_link") == 1


# -------------------------------------------------------------------------------------------------- audit


def test_every_change_is_audited_with_field_names_only(services: Services, household_id: int) -> None:
    view = services.contacts.record_contact(
        household_id, visit(local(2026, 6, 10), note=NOTE, topic_codes=("sante",), duration_minutes=30)
    )
    services.contacts.update_contact(
        view.id, visit(local(2026, 6, 10), note=NOTE + " Suite.", topic_codes=("sante",), duration_minutes=30)
    )
    services.contacts.update_contact(
        view.id, visit(local(2026, 6, 10), "absent", note=NOTE + " Suite.", duration_minutes=30)
    )
    services.contacts.delete_contact(view.id)
    events = [
        entry
        for entry in services.audit.for_household(household_id)
        if entry.entity_type == "contact" and entry.entity_id == view.id
    ]
    assert [(entry.action, entry.fields) for entry in reversed(events)] == [
        (
            AuditAction.CREATE,
            (
                "duration_minutes",
                "note",
                "note_class",
                "occurred_at",
                "off_hours",
                "outcome_id",
                "participants",
                "topics",
                "type_id",
            ),
        ),
        (AuditAction.UPDATE, ("note",)),
        (AuditAction.UPDATE, ("outcome_id", "topics")),
        (AuditAction.DELETE, ()),
    ]
    assert all(entry.staff_name == "Claire MARTIN" for entry in events)
    assert raw_rows(services, "SELECT count(*) FROM audit_event WHERE fields LIKE '%gardien%'") == [(0,)]


def test_saving_an_unchanged_contact_writes_no_event(services: Services, household_id: int) -> None:
    data = visit(local(2026, 6, 10), note=NOTE, topic_codes=("sante", "energie"))
    view = services.contacts.record_contact(household_id, data)
    before = row_count(services, "audit_event")
    assert services.contacts.update_contact(view.id, data) == view
    assert row_count(services, "audit_event") == before


# ---------------------------------------------------------------------------------------- confidentiality


@pytest.fixture
def readers(services: Services, household_id: int, claire_id: int) -> dict[str, int]:
    """Claire (author, travailleur social) and the other people who may open the household's log."""
    team_member = add_staff(services, "Yann", "Le Gall", "travailleur_social")
    coordinator = add_staff(services, "Sarah", "Benali", "travailleur_social")
    nurse = add_staff(services, "Paul", "Leroy", "infirmier")
    psychologist = add_staff(services, "Lina", "Haddad", "psychologue")
    outsider = add_staff(services, "Hugo", "Faure", "travailleur_pair")
    former = add_staff(services, "Eva", "Roche", "travailleur_social")
    lawyer = add_staff(services, "Inès", "Morel", "juriste")
    volunteer = add_staff(services, "Jean", "Blanc", "benevole")
    administrator = add_staff(services, "Nadia", "Benali", "administrateur")
    administrator_on_team = add_staff(services, "Rose", "Marchand", "administrateur")
    team_lead = add_staff(services, "Sophie", "Leroy", "chef_service")
    # The author first: a household one created is out of one's sight once a colleague is on its team without one.
    join_team(services, household_id, claire_id)
    for member in (team_member, volunteer, nurse, psychologist, lawyer):
        join_team(services, household_id, member.id)
    join_team(services, household_id, administrator_on_team.id)
    join_team(services, household_id, coordinator.id, coordinator=True)
    join_team(services, household_id, former.id, ended=True)
    join_team(services, new_household(services, "Marc", "Petit").id, outsider.id, coordinator=True)
    return {
        "author": claire_id,
        "team_member": team_member.id,
        "coordinator": coordinator.id,
        "nurse": nurse.id,
        "psychologist": psychologist.id,
        "outsider": outsider.id,
        "former_member": former.id,
        "lawyer": lawyer.id,
        "volunteer": volunteer.id,
        "administrator": administrator.id,
        "administrator_on_team": administrator_on_team.id,
        "team_lead": team_lead.id,
    }


# reader → note classes visible (docs/domain.md §5.2); on the server, row-level security gives exactly the same.
# None: the reader does not see the household at all (not on its team: docs/domain.md §2).
VISIBILITY: dict[str, set[NoteClass] | None] = {
    "author": set(NoteClass),
    "team_member": {NoteClass.EQUIPE, NoteClass.REFERENTS},
    "coordinator": {NoteClass.EQUIPE, NoteClass.REFERENTS},  # health notes: health staff only (issue 13)
    "nurse": {NoteClass.EQUIPE, NoteClass.REFERENTS, NoteClass.SANTE},
    "psychologist": {NoteClass.EQUIPE, NoteClass.REFERENTS, NoteClass.SANTE},
    "lawyer": {NoteClass.EQUIPE, NoteClass.REFERENTS, NoteClass.JUSTICE},
    "team_lead": {NoteClass.EQUIPE},  # sees every household; reads neither the team's nor the health notes
    "outsider": None,
    "former_member": None,
    "volunteer": set(),  # on the team, yet no note but their own
    "administrator": None,  # manages people and reference data, sees no household...
    "administrator_on_team": {NoteClass.EQUIPE, NoteClass.REFERENTS},  # ...unless also on the household's team
}


@pytest.mark.parametrize("reader", sorted(VISIBILITY))
def test_who_reads_which_note(
    services: Services, household_id: int, readers: dict[str, int], reader: str, act_as: ActAs
) -> None:
    for hour, note_class in enumerate(NoteClass):
        services.contacts.record_contact(
            household_id,
            visit(local(2026, 6, 10, 9 + hour), note=f"{NOTE} ({note_class.value})", note_class=note_class),
        )
    services.contacts.record_contact(household_id, visit(local(2026, 6, 11), note_class=NoteClass.SANTE))
    act_as(services, readers[reader])
    visible = VISIBILITY[reader]
    if visible is None:
        assert services.contacts.contacts_for(household_id) == []
        return
    log = services.contacts.contacts_for(household_id)
    empty_note = log[0]
    assert (empty_note.note, empty_note.note_hidden) == ("", False)  # nothing to hide
    for view in log[1:]:
        if view.note_class in visible:
            assert (view.note, view.note_hidden) == (f"{NOTE} ({view.note_class.value})", False)
        else:
            assert (view.note, view.note_hidden) == ("", True)
        assert view.author_name == "Claire MARTIN"


def test_a_health_note_written_by_a_nurse_is_hidden_from_the_team(
    services: Services, household_id: int, readers: dict[str, int], act_as: ActAs
) -> None:
    act_as(services, readers["nurse"])
    view = services.contacts.record_contact(
        household_id, visit(local(2026, 6, 10), note=NOTE, note_class=NoteClass.SANTE)
    )
    assert view.note == NOTE
    act_as(services, readers["team_member"])
    assert only(services.contacts.contacts_for(household_id)).note_hidden
    act_as(services, readers["psychologist"])
    assert only(services.contacts.contacts_for(household_id)).note == NOTE


def test_a_volunteer_reads_their_own_logs_and_no_other_note(
    services: Services, household_id: int, readers: dict[str, int], act_as: ActAs
) -> None:
    services.contacts.record_contact(household_id, visit(local(2026, 6, 9), note=NOTE, note_class=NoteClass.EQUIPE))
    act_as(services, readers["volunteer"])
    mine = services.contacts.record_contact(
        household_id, visit(local(2026, 6, 10), note="Atelier cuisine", note_class=NoteClass.EQUIPE)
    )
    notes = {view.id: (view.note, view.note_hidden) for view in services.contacts.contacts_for(household_id)}
    assert notes.pop(mine.id) == ("Atelier cuisine", False)
    assert list(notes.values()) == [("", True)]


def test_a_hidden_note_can_be_neither_changed_nor_reclassed(
    services: Services, household_id: int, readers: dict[str, int], act_as: ActAs
) -> None:
    view = services.contacts.record_contact(
        household_id, visit(local(2026, 6, 10), note=NOTE, note_class=NoteClass.SANTE, duration_minutes=20)
    )
    act_as(services, readers["team_member"])
    for note, note_class in (("Autre chose", NoteClass.SANTE), ("", NoteClass.EQUIPE)):
        with pytest.raises(ValidationError) as caught:
            services.contacts.update_contact(
                view.id, visit(local(2026, 6, 10), note=note, note_class=note_class, duration_minutes=20)
            )
        assert "pas accès" in caught.value.errors["note"]
    # What the team member sees (an empty, hidden note) may be saved back with other corrections: the note stays.
    edited = services.contacts.update_contact(
        view.id, visit(local(2026, 6, 10), note="", note_class=NoteClass.SANTE, duration_minutes=45)
    )
    assert (edited.note, edited.note_hidden, edited.duration_minutes) == ("", True, 45)
    act_as(services, readers["author"])
    assert only(services.contacts.contacts_for(household_id)).note == NOTE


def test_without_a_current_user_only_team_notes_are_shown(services: Services, household_id: int, act_as: ActAs) -> None:
    services.contacts.record_contact(household_id, visit(local(2026, 6, 10), note=NOTE))
    act_as(services, None)
    if services.context.team_mode:  # on the server, a login that is nobody's sees no household at all
        assert services.contacts.contacts_for(household_id) == []
        return
    assert only(services.contacts.contacts_for(household_id)).note_hidden


# ---------------------------------------------------------------------------------------------- speed


def fill_log(services: Services, households: int, contacts: int, request: pytest.FixtureRequest) -> list[int]:
    """Insert ``contacts`` contacts spread over ``households`` households (one DB-API bulk insert: seconds).

    On the server the bulk load is the maintenance's (COPY is refused under row-level security, as to a person).
    """
    household_ids = [new_household(services, f"P{index}", "Test").id for index in range(households)]
    outcome_ids = [row[0] for row in raw_rows(services, "SELECT id FROM contact_outcome ORDER BY id")]
    author_id = services.context.actor.staff_member_id
    start = datetime(2020, 1, 1)
    rows = [
        (
            household_ids[index % households],
            (start + timedelta(minutes=5 * index)).strftime("%Y-%m-%d %H:%M:%S.%f"),
            1,
            # Each household gets a mix of outcomes (not one outcome per household).
            outcome_ids[(index // households * 3 + index) % len(outcome_ids)],
            author_id,
        )
        for index in range(contacts)
    ]
    columns = "household_id, occurred_at, type_id, outcome_id, author_id, off_hours, after_care, has_note, note_class"
    if services.context.engine.dialect.name == "postgresql":
        from caseworker.storage.server import ServerLogin
        from tests.conftest import postgres_engine_as
        from tests.support.postgres import SUPERUSER

        cluster = request.getfixturevalue("postgres_server")
        maintenance = postgres_engine_as(cluster, ServerLogin(SUPERUSER, cluster.superuser_password))
        try:
            with maintenance.begin() as connection:
                connection.exec_driver_sql("SET LOCAL statement_timeout = 0")  # a bulk load, not a save
                cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
                with cursor.copy(f"COPY contact ({columns}, created_at) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row((*row, False, False, False, "REFERENTS", "2026-01-01 00:00:00"))
                connection.exec_driver_sql("ANALYZE contact")
        finally:
            maintenance.dispose()
        return household_ids
    with services.context.transaction() as session:
        session.connection().exec_driver_sql(
            f"INSERT INTO contact ({columns}, created_at)"
            " VALUES (?, ?, ?, ?, ?, 0, 0, 0, 'REFERENTS', '2026-01-01 00:00:00.000000')",
            rows,
        )
    return household_ids


@pytest.mark.slow
@pytest.mark.timing
def test_the_log_stays_fast_with_half_a_million_contacts(services: Services, request: pytest.FixtureRequest) -> None:
    household_ids = fill_log(services, households=200, contacts=500_000, request=request)
    assert row_count(services, "contact") == 500_000
    data = visit(local(2026, 6, 15, 11), "porte_close", topic_codes=("sante", "energie"), note=NOTE)
    services.contacts.record_contact(household_ids[0], data)  # warm-up: statement caches, connection pool
    timings = []
    for household_id in household_ids[1:31]:
        started = time.perf_counter()
        services.contacts.record_contact(household_id, data)
        timings.append(time.perf_counter() - started)
    # The lower quartile: a scan of the log would slow every call, while the disk's flush at COMMIT on a busy
    # machine slows some (CI once saw a median of 22.5 ms, the same code measuring 10 ms when the disk was quiet).
    quartile = sorted(timings)[len(timings) // 4]
    assert quartile < 0.020, f"record_contact: lower quartile {quartile * 1000:.1f} ms"
    started = time.perf_counter()
    dates = services.contacts.last_reached_dates(household_ids)
    assert time.perf_counter() - started < 0.5
    assert len(dates) == len(household_ids)


# ---------------------------------------------------------------------------------- contradicting contacts


def test_a_contact_contradicting_another_at_the_same_minute_is_found(services: Services, household_id: int) -> None:
    door = services.contacts.record_contact(household_id, visit(local(2026, 6, 2, 19, 15), "porte_close"))
    other = new_household(services, "Paul", "Autre").id
    contacts = services.contacts

    clash = contacts.contradicting_contact(household_id, local(2026, 6, 2, 19, 15).replace(second=40), "rencontre")
    assert clash is not None
    assert (clash.contact_id, clash.outcome_label) == (door.id, "Tentative sans contact : porte close")
    assert clash.local_time == local(2026, 6, 2, 19, 15)
    assert contacts.contradicting_contact(household_id, local(2026, 6, 2, 19, 15), "joint") is not None
    # Not a contradiction: another minute, another household, the same kind, a cancelled one, the contact itself.
    assert contacts.contradicting_contact(household_id, local(2026, 6, 2, 19, 16), "rencontre") is None
    assert contacts.contradicting_contact(other, local(2026, 6, 2, 19, 15), "rencontre") is None
    assert contacts.contradicting_contact(household_id, local(2026, 6, 2, 19, 15), "absent") is None
    assert contacts.contradicting_contact(household_id, local(2026, 6, 2, 19, 15), "annule_menage") is None
    assert (
        contacts.contradicting_contact(household_id, local(2026, 6, 2, 19, 15), "rencontre", excluding=door.id) is None
    )
    # The other way round: an attempt at the minute someone met the household.
    met = contacts.record_contact(household_id, visit(local(2026, 6, 3, 10, 0), "rencontre"))
    clash = contacts.contradicting_contact(household_id, local(2026, 6, 3, 10, 0), "porte_close")
    assert clash is not None and (clash.contact_id, clash.outcome_label) == (met.id, "Rencontré")
    assert contacts.contradicting_contact(household_id, local(2026, 6, 3, 10, 0), "inconnu") is None


def test_the_contradiction_read_ignores_an_id_no_contact_can_have(services: Services) -> None:
    from datetime import datetime, timezone

    household = new_household(services, "Anne", "Durand")
    assert (
        services.contacts.contradicting_contact(
            household.id, datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc), "absent", excluding=2**64
        )
        is None
    )
