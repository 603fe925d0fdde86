"""The demo's support data: episodes through the state machine, periods, team, contacts, caseload, determinism."""

from __future__ import annotations

import shutil
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload

from caseworker.demo import DemoReport, generate_demo
from caseworker.demo.support import ACTOR_CASELOAD
from caseworker.domain import DurationPolicy, EpisodeStatus, NoteClass
from caseworker.models import (
    Contact,
    ContactNote,
    ContactOutcome,
    ContactType,
    Episode,
    EpisodeReview,
    EpisodeTransition,
    ExitRecord,
    Extension,
    IntensityLevel,
    IntensityPeriod,
    Objective,
    StaffMember,
    StaffRole,
    Suspension,
    TeamMembership,
    TeamRole,
    Topic,
    contact_topic_link,
)
from caseworker.paths import DataPaths
from caseworker.services import build_services
from caseworker.services.calendar import METROPOLE, is_off_hours
from caseworker.services.directory import OrganisationInput
from caseworker.services.setup import FirstRunInput
from caseworker.storage.database import Database, open_database
from caseworker.storage.key_info import load_key_info
from tests.conftest import TODAY, Template
from tests.support import FixedClock

S = EpisodeStatus
PARIS = ZoneInfo("Europe/Paris")
SUPPORT_DEMO_SIZE = 200
RUNNING = {S.ACTIF, S.SUSPENDU}
WAITING = {S.ORIENTATION_RECUE, S.EN_ATTENTE, S.ACCORD_DE_PRINCIPE}
EXITED = {S.CLOTURE, S.APRES_ACCOMPAGNEMENT}
# docs/domain.md §3.1, and §14.1: an exit may lead into after-care, which ends closed.
ALLOWED = {
    S.ORIENTATION_RECUE: {S.ACCORD_DE_PRINCIPE, S.EN_ATTENTE, S.ACTIF, S.SANS_SUITE},
    S.EN_ATTENTE: {S.ACCORD_DE_PRINCIPE, S.ACTIF, S.SANS_SUITE},
    S.ACCORD_DE_PRINCIPE: {S.ACTIF, S.SANS_SUITE},
    S.ACTIF: {S.SUSPENDU, S.CLOTURE, S.APRES_ACCOMPAGNEMENT},
    S.SUSPENDU: {S.ACTIF, S.CLOTURE, S.APRES_ACCOMPAGNEMENT},
    S.APRES_ACCOMPAGNEMENT: {S.CLOTURE},
}


@dataclass(frozen=True)
class SupportDemo:
    """A generated caseload whose current user (Claire MARTIN, travailleur social) has a caseload."""

    database: Database
    report: DemoReport
    actor_id: int

    @property
    def engine(self) -> Engine:
        return self.database.engine


@pytest.fixture(scope="module")
def support_demo(tmp_path_factory: pytest.TempPathFactory, template_store: Template) -> Iterator[SupportDemo]:
    paths = DataPaths(tmp_path_factory.mktemp("support-demo") / "data")
    shutil.copytree(template_store.directory, paths.data_dir)
    database = open_database(paths, template_store.key, load_key_info(paths.key_info_file))
    services = build_services(database.engine, FixedClock(TODAY))
    services.setup.complete_first_run(
        FirstRunInput(
            organisation=OrganisationInput(name="Association Le Toit", kind_code="association"),
            first_name="Claire",
            last_name="Martin",
            role_code="travailleur_social",
        )
    )
    actor_id = services.context.actor.staff_member_id
    assert actor_id is not None
    report = generate_demo(database.engine, households=SUPPORT_DEMO_SIZE, seed=5, today=TODAY, actor_staff_id=actor_id)
    yield SupportDemo(database, report, actor_id)
    database.dispose()


def _episodes(engine: Engine) -> list[Episode]:
    with Session(engine) as session:
        return list(
            session.scalars(
                select(Episode)
                .options(
                    selectinload(Episode.measure),
                    selectinload(Episode.transitions),
                    selectinload(Episode.intensity_periods),
                    selectinload(Episode.suspensions),
                    selectinload(Episode.extensions),
                    selectinload(Episode.objectives),
                    selectinload(Episode.reviews),
                    selectinload(Episode.exit_record),
                )
                .order_by(Episode.id)
            )
        )


def _current_episodes(episodes: list[Episode]) -> dict[int, Episode]:
    """Each household's main current episode: the re-entry if there is one, else its first episode."""
    by_household: dict[int, list[Episode]] = defaultdict(list)
    for episode in episodes:
        by_household[episode.household_id].append(episode)
    found = {}
    for household_id, items in by_household.items():
        reentries = [item for item in items if item.previous_episode_id is not None]
        found[household_id] = reentries[0] if reentries else items[0]
    return found


def _count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _local(moment: datetime) -> datetime:
    assert moment.tzinfo is not None
    return moment.astimezone(PARIS).replace(tzinfo=None)


# ------------------------------------------------------------------------------------------- counts


def test_report_counts_match_the_database(support_demo: SupportDemo) -> None:
    report, engine = support_demo.report, support_demo.engine
    assert report.episodes == _count(engine, Episode)
    assert report.contacts == _count(engine, Contact)
    assert report.team_memberships == _count(engine, TeamMembership)
    assert SUPPORT_DEMO_SIZE <= report.episodes <= SUPPORT_DEMO_SIZE * 1.5
    assert 25 * SUPPORT_DEMO_SIZE <= report.contacts <= 90 * SUPPORT_DEMO_SIZE


def test_every_household_has_an_episode_some_two_at_once_some_a_return(support_demo: SupportDemo) -> None:
    episodes = _episodes(support_demo.engine)
    per_household = Counter(episode.household_id for episode in episodes)
    assert len(per_household) == SUPPORT_DEMO_SIZE
    returns = [episode for episode in episodes if episode.previous_episode_id is not None]
    concurrent = sum(1 for count in per_household.values() if count >= 2) - len(returns)
    assert 0.03 <= len(returns) / SUPPORT_DEMO_SIZE <= 0.2
    assert 0.05 <= concurrent / SUPPORT_DEMO_SIZE <= 0.3
    by_id = {episode.id: episode for episode in episodes}
    for episode in returns:
        previous = by_id[episode.previous_episode_id]  # type: ignore[index]
        assert previous.household_id == episode.household_id
        assert previous.status is S.CLOTURE
        assert previous.end_date is not None and previous.end_date < episode.orientation_date


def test_current_statuses_follow_the_field_mix(support_demo: SupportDemo) -> None:
    current = _current_episodes(_episodes(support_demo.engine))
    shares = Counter(episode.status for episode in current.values())
    total = len(current)
    assert 0.55 <= shares[S.ACTIF] / total <= 0.78
    assert 0.02 <= shares[S.SUSPENDU] / total <= 0.14
    assert 0.07 <= sum(shares[status] for status in EXITED) / total <= 0.25
    assert shares[S.APRES_ACCOMPAGNEMENT] > 0
    assert 0.01 <= sum(shares[status] for status in WAITING) / total <= 0.16
    assert 0.01 <= shares[S.SANS_SUITE] / total <= 0.11
    measures = Counter(episode.measure.code for episode in current.values())
    assert set(measures) >= {"avdl", "asll", "iml_sous_location", "chez_soi_dabord"}
    assert measures.most_common(3)[-1][1] > measures["chez_soi_dabord"] / 2


# ------------------------------------------------------------------------------------------- state machine


def test_statuses_are_reached_through_dated_allowed_transitions(support_demo: SupportDemo) -> None:
    for episode in _episodes(support_demo.engine):
        transitions = episode.transitions
        assert transitions[0].from_status is None and transitions[0].to_status is S.ORIENTATION_RECUE
        assert transitions[0].effective_date == episode.orientation_date
        for before, after in pairwise(transitions):
            assert after.from_status is before.to_status
            assert after.to_status in ALLOWED[before.to_status], (episode.id, before.to_status, after.to_status)
            assert before.effective_date <= after.effective_date
        assert transitions[-1].to_status is episode.status
        assert all(item.staff_member_id is not None and item.reason for item in transitions)
        started = [item.effective_date for item in transitions if item.to_status is S.ACTIF]
        assert episode.start_date == (started[0] if started else None)
        if episode.status in (*EXITED, S.SANS_SUITE):  # support ended on the exit day, after-care or not
            ended = [item for item in transitions if item.to_status in (*EXITED, S.SANS_SUITE)]
            assert episode.end_date == ended[0].effective_date
        else:
            assert episode.end_date is None


def test_closed_episodes_have_an_exit_record_with_a_handover_or_a_waiver(support_demo: SupportDemo) -> None:
    for episode in _episodes(support_demo.engine):
        exit_record: ExitRecord | None = episode.exit_record
        if episode.status in EXITED:
            assert exit_record is not None
            handed_over = bool(exit_record.handover_services) and exit_record.handover_date is not None
            assert handed_over != bool(exit_record.handover_waiver_reason)
            if handed_over:
                assert exit_record.handover_contact_id is not None
                assert episode.start_date is not None and exit_record.handover_date is not None
                assert episode.start_date <= exit_record.handover_date <= episode.end_date  # type: ignore[operator]
        else:
            assert exit_record is None
        assert (episode.no_follow_up_reason_id is not None) == (episode.status is S.SANS_SUITE)


# ------------------------------------------------------------------------------------------- periods


def test_intensity_periods_are_contiguous_inside_the_episode(support_demo: SupportDemo) -> None:
    with Session(support_demo.engine) as session:
        level_owner = dict(session.execute(select(IntensityLevel.id, IntensityLevel.measure_id)).all())
    steps: Counter[tuple[int, int]] = Counter()
    for episode in _episodes(support_demo.engine):
        periods = sorted(episode.intensity_periods, key=lambda item: item.start_date)
        if episode.start_date is None:
            assert periods == []
            continue
        assert periods, episode.id
        assert periods[0].start_date == episode.start_date
        for before, after in pairwise(periods):
            assert before.end_date is not None and before.end_date + timedelta(days=1) == after.start_date
            steps[(before.level_id, after.level_id)] += 1
        assert sum(1 for item in periods if item.end_date is None) <= 1
        if episode.status in RUNNING:
            assert periods[-1].end_date is None
        else:
            assert periods[-1].end_date == episode.end_date
        assert all(item.start_date <= TODAY for item in periods)
        assert all(level_owner[item.level_id] == episode.measure_id for item in periods)
    assert len(steps) > 4  # step-downs and step-ups between several levels


def test_first_levels_are_high_and_many_step_down(support_demo: SupportDemo) -> None:
    with Session(support_demo.engine) as session:
        codes = dict(session.execute(select(IntensityLevel.id, IntensityLevel.code)).all())
    first: Counter[str] = Counter()
    stepped_down = 0
    started = 0
    for episode in _episodes(support_demo.engine):
        periods = sorted(episode.intensity_periods, key=lambda item: item.start_date)
        if not periods:
            continue
        started += 1
        first[codes[periods[0].level_id]] += 1
        stepped_down += any(codes[item.level_id] in {"standard", "veille"} for item in periods)
    assert set(first) <= {"renforce", "soutenu"}
    assert 0.2 <= stepped_down / started <= 0.9


def test_suspensions_lie_inside_active_time(support_demo: SupportDemo) -> None:
    reviews_overdue = 0
    for episode in _episodes(support_demo.engine):
        suspensions = episode.suspensions
        if episode.start_date is None:
            assert suspensions == []
            continue
        assert len(suspensions) <= 3
        last = episode.end_date or TODAY
        for before, after in pairwise(suspensions):
            assert before.end_date is not None and before.end_date < after.start_date
        for suspension in suspensions:
            assert episode.start_date < suspension.start_date <= last
            assert suspension.end_date is None or suspension.end_date <= last
            assert suspension.review_date > suspension.start_date
        open_ones = [item for item in suspensions if item.end_date is None]
        assert len(open_ones) == (1 if episode.status is S.SUSPENDU else 0)
        reviews_overdue += sum(1 for item in open_ones if item.review_date < TODAY)
        suspended_on = [item.effective_date for item in episode.transitions if item.to_status is S.SUSPENDU]
        assert suspended_on == [item.start_date for item in suspensions]
    assert reviews_overdue >= 1


def test_extensions_respect_each_measure_policy(support_demo: SupportDemo) -> None:
    extended = 0
    for episode in _episodes(support_demo.engine):
        measure = episode.measure
        count = len(episode.extensions)
        extended += bool(count)
        if measure.duration_policy in (DurationPolicy.FIXED, DurationPolicy.OPEN_ENDED):
            assert count == 0, measure.code
        elif measure.max_extensions is not None:
            assert count <= measure.max_extensions, measure.code
        for extension in episode.extensions:
            assert episode.start_date is not None and episode.start_date < extension.decided_on <= TODAY
            assert extension.justification and extension.months > 0
    assert extended > 0
    with Session(support_demo.engine) as session:
        approver_roles = set(
            session.scalars(
                select(StaffRole.code)
                .join(StaffMember, StaffMember.role_id == StaffRole.id)
                .join(Extension, Extension.approver_id == StaffMember.id)
            )
        )
    assert approver_roles == {"chef_service"}


def test_objectives_and_reviews_belong_to_started_episodes(support_demo: SupportDemo) -> None:
    with Session(support_demo.engine) as session:
        themes = set(session.scalars(select(Topic.id)))
    for episode in _episodes(support_demo.engine):
        if episode.start_date is None:
            assert episode.objectives == [] and episode.reviews == []
            continue
        assert 1 <= len(episode.objectives) <= 4
        last = episode.end_date or TODAY
        for objective in episode.objectives:
            assert objective.theme_id in themes
            assert episode.start_date <= objective.set_on <= last
        for review in episode.reviews:
            assert episode.start_date <= review.held_on <= min(last, TODAY)
    with Session(support_demo.engine) as session:
        kinds = set(session.scalars(select(EpisodeReview.kind).distinct()))
        owners = Counter(session.scalars(select(Objective.owner)))
    assert {"start", "mid"} <= {kind.value for kind in kinds}
    assert owners.most_common(1)[0][0].value == "menage"


def test_nothing_is_dated_after_today(support_demo: SupportDemo) -> None:
    midnight = datetime.combine(TODAY, datetime.min.time(), tzinfo=PARIS)
    with Session(support_demo.engine) as session:
        for column in (
            Episode.orientation_date,
            Episode.start_date,
            Episode.end_date,
            EpisodeTransition.effective_date,
            IntensityPeriod.start_date,
            IntensityPeriod.end_date,
            Suspension.start_date,
            Suspension.end_date,
            Extension.decided_on,
            Objective.set_on,
            Objective.last_reviewed_on,
            EpisodeReview.held_on,
            TeamMembership.start_date,
            TeamMembership.end_date,
        ):
            latest = session.scalar(select(func.max(column)))
            assert latest is None or latest <= TODAY, column
        latest_contact = session.scalar(select(func.max(Contact.occurred_at)))
        recorded = session.scalar(select(func.max(EpisodeTransition.recorded_at)))
    assert latest_contact is not None and latest_contact < midnight
    assert recorded is not None and recorded < midnight + timedelta(days=1)


# ------------------------------------------------------------------------------------------- team


def test_running_households_have_exactly_one_current_coordinator_who_may_coordinate(
    support_demo: SupportDemo,
) -> None:
    with Session(support_demo.engine) as session:
        may_coordinate = dict(
            session.execute(
                select(StaffMember.id, StaffRole.may_coordinate).join(StaffRole, StaffRole.id == StaffMember.role_id)
            ).all()
        )
        memberships = list(session.scalars(select(TeamMembership)))
        roles = dict(session.execute(select(TeamRole.id, TeamRole.code)).all())
    current_coordinators: dict[int, list[TeamMembership]] = defaultdict(list)
    for membership in memberships:
        assert (membership.staff_member_id is None) != (membership.partner_contact_id is None)
        assert membership.end_date is None or membership.start_date <= membership.end_date
        if membership.is_coordinator:
            assert membership.staff_member_id is not None and may_coordinate[membership.staff_member_id]
            if membership.end_date is None:
                current_coordinators[membership.household_id].append(membership)
        if membership.partner_contact_id is not None:
            assert roles[membership.role_id] == "referent_logement"
    running = {episode.household_id for episode in _episodes(support_demo.engine) if episode.status in RUNNING}
    assert running
    for household_id in running:
        assert len(current_coordinators[household_id]) == 1, household_id
    assert set(current_coordinators) == running


def test_coordinators_change_sometimes_with_a_successor_the_next_day(support_demo: SupportDemo) -> None:
    with Session(support_demo.engine) as session:
        coordinations = list(
            session.scalars(select(TeamMembership).where(TeamMembership.is_coordinator).order_by(TeamMembership.id))
        )
    by_household: dict[int, list[TeamMembership]] = defaultdict(list)
    for membership in coordinations:
        by_household[membership.household_id].append(membership)
    changes = 0
    for items in by_household.values():
        items.sort(key=lambda item: item.start_date)
        for before, after in pairwise(items):
            assert before.end_date is not None and before.end_date < after.start_date
            if before.end_date + timedelta(days=1) == after.start_date:
                changes += 1
                assert before.end_reason
    assert changes >= 1


def test_the_current_user_has_a_realistic_caseload(support_demo: SupportDemo) -> None:
    running = {episode.household_id for episode in _episodes(support_demo.engine) if episode.status in RUNNING}
    with Session(support_demo.engine) as session:
        mine = list(
            session.scalars(
                select(TeamMembership).where(
                    TeamMembership.staff_member_id == support_demo.actor_id, TeamMembership.end_date.is_(None)
                )
            )
        )
    households = {membership.household_id for membership in mine}
    assert households <= running
    assert 10 <= len(households) <= 40
    assert abs(len(households) - ACTOR_CASELOAD) <= 18
    assert sum(membership.is_coordinator for membership in mine) >= len(mine) / 3


# ------------------------------------------------------------------------------------------- contacts


def test_contacts_have_participants_topics_and_plausible_notes(support_demo: SupportDemo) -> None:
    with Session(support_demo.engine) as session:
        contacts = list(session.scalars(select(Contact).options(selectinload(Contact.participants))))
        topics = Counter(session.scalars(select(contact_topic_link.c.contact_id)))
        members = defaultdict(set)
        for household_id, staff_id in session.execute(
            select(TeamMembership.household_id, TeamMembership.staff_member_id)
        ):
            members[household_id].add(staff_id)
    classes = Counter(contact.note_class for contact in contacts)
    assert classes.most_common(1)[0][0] is NoteClass.REFERENTS and classes[NoteClass.SANTE] > 0
    for contact in contacts:
        staff = [item.staff_member_id for item in contact.participants if item.staff_member_id is not None]
        assert staff and contact.author_id == staff[0]
        assert topics[contact.id] <= 3
        assert contact.note
        if members[contact.household_id]:
            assert contact.author_id in members[contact.household_id]
    assert sum(topics.values()) > len(contacts)  # about 1.4 topics per contact


def test_off_hours_follows_the_french_calendar_in_paris_time(support_demo: SupportDemo) -> None:
    with Session(support_demo.engine) as session:
        rows = session.execute(select(Contact.occurred_at, Contact.off_hours)).all()
    assert all(off_hours == is_off_hours(_local(moment), territory=METROPOLE) for moment, off_hours in rows)
    share = sum(off_hours for _, off_hours in rows) / len(rows)
    assert 0.02 <= share <= 0.15
    hours = Counter(_local(moment).hour for moment, _ in rows)
    assert set(hours) <= set(range(8, 21))


def test_many_households_start_with_a_run_of_failed_attempts(support_demo: SupportDemo) -> None:
    with Session(support_demo.engine) as session:
        kinds = dict(session.execute(select(ContactOutcome.id, ContactOutcome.kind)).all())
        codes = dict(session.execute(select(ContactOutcome.id, ContactOutcome.code)).all())
        types = dict(session.execute(select(ContactType.id, ContactType.code)).all())
        rows = session.execute(
            select(Contact.household_id, Contact.outcome_id, Contact.type_id, Contact.off_hours).order_by(
                Contact.household_id, Contact.occurred_at
            )
        ).all()
    logs: dict[int, list[tuple[str, str, str, bool]]] = defaultdict(list)
    for household_id, outcome_id, type_id, off_hours in rows:
        logs[household_id].append((kinds[outcome_id], codes[outcome_id], types[type_id], off_hours))
    runs = []
    for log in logs.values():
        run = 0
        while run < len(log) and log[run][0] == "attempt":
            run += 1
        if run and run < len(log):
            assert log[run][1] == "rencontre"
            runs.append(log[:run])
    assert 0.2 <= len(runs) / len(logs) <= 0.6
    assert max(len(run) for run in runs) >= 5 and min(len(run) for run in runs) == 1
    attempts = [item for run in runs for item in run]
    assert {code for _, code, _, _ in attempts} == {"porte_close", "absent", "non_joint"}
    assert any(off_hours for *_, off_hours in attempts)
    everything = [item for log in logs.values() for item in log]
    later_attempts = sum(1 for item in everything if item[0] == "attempt") - len(attempts)
    assert 0.05 <= later_attempts / len(everything) <= 0.16
    most_used = Counter(item[2] for item in everything).most_common(4)
    assert {code for code, _ in most_used} <= {
        "visite_domicile",
        "telephone",
        "sms",
        "entretien_bureau",
        "accompagnement",
    }


def test_contact_counts_are_skewed(support_demo: SupportDemo) -> None:
    with Session(support_demo.engine) as session:
        counts = sorted(session.scalars(select(func.count()).select_from(Contact).group_by(Contact.household_id)))
    assert counts[len(counts) // 10] < 15
    assert counts[-1] > 150
    assert 30 <= sum(counts) / SUPPORT_DEMO_SIZE <= 80


def test_contacts_stop_during_suspensions_but_for_a_few(support_demo: SupportDemo) -> None:
    during = 0
    total = 0
    with Session(support_demo.engine) as session:
        contacts: dict[int, list[date]] = defaultdict(list)
        for household_id, moment in session.execute(select(Contact.household_id, Contact.occurred_at)):
            contacts[household_id].append(_local(moment).date())
    for episode in _episodes(support_demo.engine):
        for suspension in episode.suspensions:
            last = suspension.end_date or TODAY
            days = (last - suspension.start_date).days + 1
            total += days
            during += sum(1 for day in contacts[episode.household_id] if suspension.start_date <= day <= last)
    assert total > 0
    assert during / total < 0.05  # far below even the "veille" rhythm


# ------------------------------------------------------------------------------------------- determinism


def _support_shape(engine: Engine) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with Session(engine) as session:
        episodes = [
            tuple(row)
            for row in session.execute(
                select(
                    Episode.measure_id, Episode.status, Episode.orientation_date, Episode.start_date, Episode.end_date
                ).order_by(Episode.id)
            )
        ]
        contacts = [
            tuple(row)
            for row in session.execute(
                select(Contact.occurred_at, Contact.type_id, Contact.outcome_id, ContactNote.text)
                .outerjoin(ContactNote, ContactNote.contact_id == Contact.id)
                .order_by(Contact.id)
            )
        ]
    return episodes, contacts


def test_same_seed_gives_the_same_support(database: Database, other_database: Database) -> None:
    first = generate_demo(database.engine, households=60, seed=3, today=TODAY)
    second = generate_demo(other_database.engine, households=60, seed=3, today=TODAY)
    assert (first.episodes, first.contacts, first.team_memberships) == (
        second.episodes,
        second.contacts,
        second.team_memberships,
    )
    assert _support_shape(database.engine) == _support_shape(other_database.engine)


def test_without_a_current_user_every_coordinator_is_a_demo_social_worker(database: Database) -> None:
    generate_demo(database.engine, households=30, seed=4, today=TODAY)
    with Session(database.engine) as session:
        roles = set(
            session.scalars(
                select(StaffRole.code)
                .join(StaffMember, StaffMember.role_id == StaffRole.id)
                .join(TeamMembership, TeamMembership.staff_member_id == StaffMember.id)
                .where(TeamMembership.is_coordinator)
            )
        )
    assert roles == {"travailleur_social"}


def test_a_suspension_review_is_about_a_month_after_it_began(support_demo: SupportDemo) -> None:
    with Session(support_demo.engine) as session:
        gaps = [
            relativedelta(review, start)
            for start, review in session.execute(select(Suspension.start_date, Suspension.review_date))
        ]
    assert gaps and Counter((gap.months, gap.days) for gap in gaps).most_common(1)[0][0] == (1, 0)


def test_stored_values_read_back_through_the_models(support_demo: SupportDemo) -> None:
    with Session(support_demo.engine) as session:
        contact = session.scalars(select(Contact).order_by(Contact.id.desc()).limit(1)).one()
        assert contact.occurred_at.tzinfo is timezone.utc
        assert isinstance(contact.note_class, NoteClass)
        assert contact.created_at > contact.occurred_at
        assert isinstance(contact.off_hours, bool)
        episode = session.scalars(select(Episode).where(Episode.status == S.SUSPENDU).limit(1)).one()
        assert episode.suspensions[-1].end_date is None
