"""The demo's after-care, watch list and encounters outside the contact log (docs/domain.md §14)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from caseworker.demo import DemoReport
from caseworker.domain import EpisodeStatus
from caseworker.domain.aftercare import AfterCareEndReason, AfterCareKind
from caseworker.models import (
    AfterCare,
    CollectiveSession,
    CollectiveSessionAttendee,
    CollectiveSessionFacilitator,
    Contact,
    DropInVisit,
    Episode,
    EpisodeTransition,
    ExitRecord,
    Funder,
    HouseholdMembership,
    OutreachEncounter,
    TeamMembership,
    WatchEntry,
    outreach_encounter_offer,
)
from caseworker.storage.database import Database
from tests.conftest import TODAY

S = EpisodeStatus
PARIS = ZoneInfo("Europe/Paris")
YESTERDAY = TODAY - timedelta(days=1)


def _engine(demo: tuple[Database, DemoReport]) -> Engine:
    return demo[0].engine


def _after_cares(engine: Engine) -> list[AfterCare]:
    with Session(engine) as session:
        return list(session.scalars(select(AfterCare).order_by(AfterCare.id)))


def _episodes(engine: Engine) -> dict[int, Episode]:
    with Session(engine) as session:
        return {episode.id: episode for episode in session.scalars(select(Episode))}


def _runs(care: AfterCare, day: date) -> bool:
    """After-care runs from its start to its window's last day, until the day before it ended."""
    return care.start_date <= day <= care.planned_end and (care.ended_on is None or day < care.ended_on)


def _supported(episodes: list[Episode], day: date) -> bool:
    return any(
        item.start_date is not None and item.start_date <= day and (item.end_date is None or day < item.end_date)
        for item in episodes
    )


def test_about_a_third_of_recent_exits_go_into_after_care_mostly_droits_de_suite(
    demo: tuple[Database, DemoReport],
) -> None:
    engine = _engine(demo)
    cares = _after_cares(engine)
    episodes = _episodes(engine)
    with Session(engine) as session:
        exited = [
            episode_id
            for episode_id, end in session.execute(
                select(ExitRecord.episode_id, Episode.end_date).join(Episode, Episode.id == ExitRecord.episode_id)
            )
            if end is not None and end >= TODAY - timedelta(days=730)
        ]
        funders = dict(session.execute(select(Funder.id, Funder.code)).all())
    assert demo[1].after_cares == len(cares)
    assert 0.15 <= len(cares) / len(exited) <= 0.45
    kinds = Counter(care.kind for care in cares)
    assert kinds.most_common(1)[0][0] is AfterCareKind.DROITS_DE_SUITE and len(kinds) == 3
    assert Counter(funders[care.funder_id] for care in cares).most_common(1)[0][0] == "fondation"
    for care in cares:
        episode = episodes[care.episode_id]
        assert care.household_id == episode.household_id and care.start_date == episode.end_date
        assert care.planned_end in {
            care.start_date + relativedelta(months=months) - timedelta(days=1) for months in (6, 12, 18, 24)
        }
        assert care.ended_on is None or care.start_date < care.ended_on <= TODAY


def test_the_referent_is_a_coordinator_on_the_team_on_the_exit_day(demo: tuple[Database, DemoReport]) -> None:
    engine = _engine(demo)
    with Session(engine) as session:
        team = session.execute(
            select(TeamMembership.household_id, TeamMembership.staff_member_id, TeamMembership.start_date)
            .add_columns(TeamMembership.end_date)
            .where(TeamMembership.is_coordinator.is_(True))
        ).all()
    for care in _after_cares(engine):
        assert any(
            household == care.household_id
            and staff == care.referent_id
            and first <= care.start_date
            and (last is None or last >= care.start_date)
            for household, staff, first, last in team
        ), care.id


def test_the_episode_is_in_after_care_while_it_runs_and_closed_the_day_it_ended(
    demo: tuple[Database, DemoReport],
) -> None:
    engine = _engine(demo)
    episodes = _episodes(engine)
    with Session(engine) as session:
        transitions: dict[int, list[EpisodeTransition]] = defaultdict(list)
        for item in session.scalars(select(EpisodeTransition).order_by(EpisodeTransition.id)):
            transitions[item.episode_id].append(item)
    cares = _after_cares(engine)
    ended = Counter(care.end_reason for care in cares)
    assert ended[None] and ended[AfterCareEndReason.FIN_DE_FENETRE] and ended[AfterCareEndReason.REACTIVATION]
    left_to_close = [care for care in cares if care.ended_on is None and care.planned_end < TODAY]
    running = [care for care in cares if care.ended_on is None and care.planned_end >= TODAY]
    assert running and len(left_to_close) < len(running)
    for care in cares:
        episode = episodes[care.episode_id]
        steps = [(item.from_status, item.to_status, item.effective_date) for item in transitions[episode.id]]
        into = [step for step in steps if step[1] is S.APRES_ACCOMPAGNEMENT]
        assert len(into) == 1 and into[0][2] == care.start_date and into[0][0] in (S.ACTIF, S.SUSPENDU)
        if care.ended_on is None:
            assert episode.status is S.APRES_ACCOMPAGNEMENT and steps[-1] == into[0]
        else:
            assert episode.status is S.CLOTURE
            # Closed on the day it was typed; a window closed late ended with it (the day after its last day).
            closing = steps[-1]
            assert closing[:2] == (S.APRES_ACCOMPAGNEMENT, S.CLOTURE)
            assert care.ended_on == min(closing[2], care.planned_end + timedelta(days=1))
    assert sum(1 for episode in episodes.values() if episode.status is S.APRES_ACCOMPAGNEMENT) == len(
        [care for care in cares if care.ended_on is None]
    )


def test_a_reactivation_is_a_linked_episode_of_the_same_measure_referred_the_day_after_care_ended(
    demo: tuple[Database, DemoReport],
) -> None:
    engine = _engine(demo)
    episodes = _episodes(engine)
    reactivated = [care for care in _after_cares(engine) if care.end_reason is AfterCareEndReason.REACTIVATION]
    assert reactivated and demo[1].reactivations == len(reactivated)
    for care in reactivated:
        previous = episodes[care.episode_id]
        following = [item for item in episodes.values() if item.previous_episode_id == previous.id]
        assert len(following) == 1
        assert following[0].measure_id == previous.measure_id
        assert following[0].orientation_date == care.ended_on <= care.planned_end


def test_after_care_contacts_are_exactly_those_while_it_runs_and_no_support_does(
    demo: tuple[Database, DemoReport],
) -> None:
    engine = _engine(demo)
    by_household: dict[int, list[Episode]] = defaultdict(list)
    for episode in _episodes(engine).values():
        by_household[episode.household_id].append(episode)
    cares: dict[int, list[AfterCare]] = defaultdict(list)
    every = _after_cares(engine)
    for care in every:
        cares[care.household_id].append(care)
    with Session(engine) as session:
        rows = session.execute(select(Contact.household_id, Contact.occurred_at, Contact.after_care)).all()
    flagged = 0
    for household_id, moment, after_care in rows:
        day = moment.astimezone(PARIS).date()
        expected = any(_runs(care, day) for care in cares[household_id]) and not _supported(
            by_household[household_id], day
        )
        assert after_care == expected, (household_id, day)
        flagged += after_care
    assert flagged >= 2 * len(every)


def test_watch_entries_follow_their_after_care_and_a_few_stand_alone(demo: tuple[Database, DemoReport]) -> None:
    engine = _engine(demo)
    cares = {care.id: care for care in _after_cares(engine)}
    with Session(engine) as session:
        entries = list(session.scalars(select(WatchEntry)))
    linked = [entry for entry in entries if entry.after_care_id is not None]
    assert 0.2 <= len(linked) / len(cares) <= 0.5 and len(entries) > len(linked)
    for entry in linked:
        care = cares[entry.after_care_id]  # type: ignore[index]
        assert entry.household_id == care.household_id and entry.start_date == care.start_date
        last_watched = max(care.ended_on - timedelta(days=1), care.start_date) if care.ended_on else None
        assert entry.end_date == last_watched and bool(entry.end_reason) == (care.ended_on is not None)
    assert all(entry.every_weeks in (4, 6, 8) and entry.start_date <= TODAY for entry in entries)


def test_the_drop_in_opens_tuesday_and_thursday_mornings_a_third_anonymous(demo: tuple[Database, DemoReport]) -> None:
    engine = _engine(demo)
    with Session(engine) as session:
        visits = list(session.scalars(select(DropInVisit)))
        members = set(session.execute(select(HouseholdMembership.household_id, HouseholdMembership.person_id)).all())
    mornings = Counter(visit.occurred_at.astimezone(PARIS).date() for visit in visits)
    assert {day.weekday() for day in mornings} == {1, 3}
    assert min(mornings) >= TODAY - timedelta(days=730) and max(mornings) < TODAY
    assert 180 <= len(mornings) <= 210 and all(15 <= count <= 30 for count in mornings.values())
    assert all(9 <= visit.occurred_at.astimezone(PARIS).hour < 12 for visit in visits)
    anonymous = [visit for visit in visits if visit.household_id is None]
    assert 0.25 <= len(anonymous) / len(visits) <= 0.4
    assert all(visit.person_id is None for visit in anonymous)
    assert Counter(visit.age_band for visit in anonymous).most_common(1)[0][0] is not None
    for visit in visits:
        if visit.household_id is not None:
            assert visit.age_band is None and visit.sex is None
            assert visit.person_id is None or (visit.household_id, visit.person_id) in members
    assert demo[1].drop_in_visits == len(visits)


def test_outreach_goes_out_two_evenings_a_week_and_a_few_encounters_are_attached_later(
    demo: tuple[Database, DemoReport],
) -> None:
    engine = _engine(demo)
    with Session(engine) as session:
        encounters = list(session.scalars(select(OutreachEncounter)))
        offered = Counter(session.scalars(select(outreach_encounter_offer.c.encounter_id)))
    rounds = Counter(item.occurred_at.astimezone(PARIS).date() for item in encounters)
    assert {day.weekday() for day in rounds} == {0, 2} and all(5 <= count <= 12 for count in rounds.values())
    assert all(20 <= item.occurred_at.astimezone(PARIS).hour < 23 and item.place for item in encounters)
    assert all(1 <= offered[item.id] <= 3 for item in encounters)
    attached = [item for item in encounters if item.household_id is not None]
    assert 0.05 <= len(attached) / len(encounters) <= 0.15
    for item in attached:
        assert item.attached_at is not None and item.occurred_at < item.attached_at
        assert item.attached_by_id is not None


def test_about_three_workshops_a_month_with_four_to_twelve_people(demo: tuple[Database, DemoReport]) -> None:
    engine = _engine(demo)
    with Session(engine) as session:
        sessions = list(session.scalars(select(CollectiveSession)))
        attendees = Counter(session.scalars(select(CollectiveSessionAttendee.session_id)))
        facilitated = Counter(session.scalars(select(CollectiveSessionFacilitator.session_id)))
    months = Counter((item.held_on.year, item.held_on.month) for item in sessions)
    assert 23 <= len(months) <= 25 and all(count <= 3 for count in months.values())
    for item in sessions:
        assert item.held_on < TODAY and 1 <= facilitated[item.id] <= 2
        assert 1 <= attendees[item.id] + item.anonymous_count <= 12
    assert sum(1 for item in sessions if item.anonymous_count) > len(sessions) / 3
    assert sum(attendees.values()) / len(sessions) >= 4
