"""The board's fourth panel: the deadlines of the next 7 days, today included (docs/domain.md §11.1).

Reviews (bilans) not yet held and planned ends, computed from each running episode as the episode views do
(:mod:`caseworker.services.support.durations`); the decision on exit, extension or handover, due 30 days before a
planned end (§11.2); the COSI planned; court hearings and other stages of an open eviction procedure dated in the
window, and the end of a procedure's suspension; the expiry of the *numéro unique*, of a signed consent not yet
renewed (for a reader of consents only), and of a member's *titre de séjour*; the landlords' allocation committees
(CAL) that will examine a housing offer not yet decided (the proposals log, §12); the after-care windows ending and
the news due of the watch list (§14.6). Each kind is one query over the households of the reading, whatever their
number.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from caseworker.domain import ProcedureStage
from caseworker.domain.aftercare import AFTER_CARE_KIND_LABELS, every_weeks_words
from caseworker.domain.debrief import MeetingStatus
from caseworker.domain.file_tabs import FileTab
from caseworker.domain.prevention import STAGE_LABELS
from caseworker.domain.proposals import HouseholdAnswer
from caseworker.formats import format_date
from caseworker.models import (
    AdministrativeStatus,
    AfterCare,
    Household,
    HouseholdMembership,
    HousingProposal,
    LegalProcedure,
    Organisation,
    Person,
    ProcedureStageEntry,
    ProcedureSuspension,
    WatchEntry,
)
from caseworker.models.meetings import Meeting, MeetingItem, MeetingType
from caseworker.services.board.episode_deadlines import deadline_line, episode_lines
from caseworker.services.board.panels import Line
from caseworker.services.board.scope import Scope
from caseworker.services.support.my_households import expiring_consents
from caseworker.services.support.watch import news_days, next_news_due

WINDOW_DAYS = 7
"""Today and the six days after it."""

COSI_CODE = "cosi"


def deadline_lines(session: Session, scope: Scope, today: date, *, reads_consents: bool) -> list[Line]:
    """Every deadline from ``today`` to ``today`` + 6 days, soonest first.

    ``reads_consents``: whether the reader may read the consent register (docs/domain.md §2). A volunteer may
    not: locally nothing else hides the consents from them (the team's server does, by its row-level security).
    """
    last = today + timedelta(days=WINDOW_DAYS - 1)
    lines = [
        *episode_lines(session, scope, today, last),
        *_cosi_lines(session, scope, today, last),
        *_procedure_lines(session, scope, today, last),
        *_numero_unique_lines(session, scope, today, last),
        *_cal_lines(session, scope, today, last),
        *(_consent_lines(session, scope, today, last) if reads_consents else []),
        *_residence_permit_lines(session, scope, today, last),
        *_after_care_lines(session, scope, today, last),
        *_watch_lines(session, scope, today, last),
    ]
    return sorted(lines, key=lambda line: (line.when or today, line.sort_key))


def _scoped(query: Select, scope: Scope, column) -> Select:  # type: ignore[type-arg,no-untyped-def]
    condition = scope.where(column)
    return query if condition is None else query.where(condition)


def _cosi_lines(session: Session, scope: Scope, today: date, last: date) -> list[Line]:
    """The COSI planned in the window: one line per household on its agenda, or one for the meeting itself."""
    meetings = session.execute(
        select(Meeting.id, Meeting.held_on, Meeting.urgent, MeetingType.label)
        .join(MeetingType, MeetingType.id == Meeting.meeting_type_id)
        .where(
            MeetingType.code == COSI_CODE,
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.held_on >= today,
            Meeting.held_on <= last,
        )
    ).all()
    if not meetings:
        return []
    items: dict[int, list[int]] = defaultdict(list)
    item_query = select(MeetingItem.meeting_id, MeetingItem.household_id).where(
        MeetingItem.meeting_id.in_([row[0] for row in meetings]), MeetingItem.household_id.is_not(None)
    )
    for meeting_id, household_id in session.execute(_scoped(item_query, scope, MeetingItem.household_id)):
        if household_id not in items[meeting_id]:
            items[meeting_id].append(household_id)
    lines = []
    for meeting_id, held_on, urgent, label in meetings:
        what = f"{label}{' (urgent)' if urgent else ''} du {format_date(held_on)}"
        households: list[int | None] = list(items.get(meeting_id, []))
        if not households:
            if scope.households is not None:
                continue  # a meeting without any household of a filtered reading is not theirs
            households = [None]
        for household_id in households:
            tab = FileTab.SUPPORT if household_id is not None else None
            lines.append(deadline_line(household_id, what, held_on, today, tab, ("cosi", meeting_id)))
    return lines


def _procedure_lines(session: Session, scope: Scope, today: date, last: date) -> list[Line]:
    """Stages of open eviction procedures dated in the window (a hearing first of all), ends of their suspensions."""
    stage_query = (
        select(LegalProcedure.household_id, ProcedureStageEntry.stage, ProcedureStageEntry.on, Organisation.name)
        .join(LegalProcedure, LegalProcedure.id == ProcedureStageEntry.procedure_id)
        .join(Organisation, Organisation.id == LegalProcedure.landlord_id)
        .where(
            LegalProcedure.outcome.is_(None),
            ProcedureStageEntry.is_correction.is_(False),
            ProcedureStageEntry.on >= today,
            ProcedureStageEntry.on <= last,
        )
    )
    lines = []
    for household_id, stage, day, landlord in session.execute(_scoped(stage_query, scope, LegalProcedure.household_id)):
        label = "Audience au tribunal" if stage is ProcedureStage.AUDIENCE else STAGE_LABELS[stage]
        lines.append(
            deadline_line(
                household_id, f"{label} · {landlord}", day, today, FileTab.DEBTS_AND_PROCEDURE, ("stage", household_id)
            )
        )
    pause_query = (
        select(LegalProcedure.household_id, ProcedureSuspension.end_date, Organisation.name)
        .join(LegalProcedure, LegalProcedure.id == ProcedureSuspension.procedure_id)
        .join(Organisation, Organisation.id == LegalProcedure.landlord_id)
        .where(
            LegalProcedure.outcome.is_(None),
            ProcedureSuspension.end_date >= today,
            ProcedureSuspension.end_date <= last,
        )
    )
    for household_id, day, landlord in session.execute(_scoped(pause_query, scope, LegalProcedure.household_id)):
        lines.append(
            deadline_line(
                household_id,
                f"Fin de la suspension de la procédure · {landlord}",
                day,
                today,
                FileTab.DEBTS_AND_PROCEDURE,
                ("pause", household_id),
            )
        )
    return lines


def _cal_lines(session: Session, scope: Scope, today: date, last: date) -> list[Line]:
    """The allocation committees of the window examining an offer whose decision is not recorded yet."""
    query = (
        select(HousingProposal.id, HousingProposal.household_id, HousingProposal.cal_on, Organisation.name)
        .outerjoin(Organisation, Organisation.id == HousingProposal.landlord_id)
        .where(
            HousingProposal.cal_decision.is_(None),
            or_(HousingProposal.answer.is_(None), HousingProposal.answer != HouseholdAnswer.REFUSED),
            HousingProposal.cal_on >= today,
            HousingProposal.cal_on <= last,
        )
    )
    return [
        deadline_line(
            household_id,
            f"CAL · {landlord}" if landlord else "CAL (commission d'attribution des logements)",
            day,
            today,
            FileTab.HOUSING,
            ("cal", proposal_id),
        )
        for proposal_id, household_id, day, landlord in session.execute(
            _scoped(query, scope, HousingProposal.household_id)
        )
    ]


def _after_care_lines(session: Session, scope: Scope, today: date, last: date) -> list[Line]:
    """After-care windows ending in the window, not ended yet (docs/domain.md §14.6): close or reactivate."""
    query = select(AfterCare.household_id, AfterCare.planned_end, AfterCare.kind).where(
        AfterCare.ended_on.is_(None), AfterCare.planned_end >= today, AfterCare.planned_end <= last
    )
    return [
        deadline_line(
            household_id,
            f"Fin du suivi post-accompagnement ({AFTER_CARE_KIND_LABELS[kind].lower()}) : clore ou réactiver",
            day,
            today,
            FileTab.SUPPORT,
            ("after_care", household_id),
        )
        for household_id, day, kind in session.execute(_scoped(query, scope, AfterCare.household_id))
    ]


def _watch_lines(session: Session, scope: Scope, today: date, last: date) -> list[Line]:
    """Households of the watch list whose news is due in the window (or overdue): « prendre des nouvelles »."""
    query = select(WatchEntry.household_id, WatchEntry.start_date, WatchEntry.every_weeks).where(
        WatchEntry.end_date.is_(None)
    )
    entries = session.execute(_scoped(query, scope, WatchEntry.household_id)).all()
    news = news_days(session, {row[0] for row in entries})
    lines = []
    for household_id, start, weeks in entries:
        due = next_news_due(start, weeks, news.get(household_id))
        if due <= last:
            lines.append(
                deadline_line(
                    household_id,
                    f"Prendre des nouvelles (veille {every_weeks_words(weeks)})",
                    max(due, today),
                    today,
                    FileTab.CONTACTS,
                    ("watch", household_id),
                )
            )
    return lines


def _numero_unique_lines(session: Session, scope: Scope, today: date, last: date) -> list[Line]:
    query = select(Household.id, Household.numero_unique_expires_on).where(
        Household.numero_unique_expires_on >= today, Household.numero_unique_expires_on <= last
    )
    return [
        deadline_line(
            household_id,
            "Expiration du numéro unique (demande de logement social)",
            day,
            today,
            FileTab.HOUSING,
            ("numero", household_id),
        )
        for household_id, day in session.execute(_scoped(query, scope, Household.id))
    ]


def _consent_lines(session: Session, scope: Scope, today: date, last: date) -> list[Line]:
    """Consents ending in the window and not renewed (one line per household, recipient and day).

    The consents « Mes ménages » flags and the automatic tasks ask to renew (:func:`expiring_consents`), from today
    on: one already ended is the task's, not a deadline to come.
    """
    lines: dict[tuple[int, date, str], Line] = {}
    for item in expiring_consents(session, last, scope.households, since=today):
        key = (item.household_id, item.expires_on, item.recipient)
        if key not in lines:  # each adult signs their own consent: one line for the household
            lines[key] = deadline_line(
                item.household_id,
                f"Expiration d'un consentement · {item.recipient}",
                item.expires_on,
                today,
                FileTab.CONSENTS,
                ("consent", item.household_id, item.recipient),
            )
    return list(lines.values())


def _residence_permit_lines(session: Session, scope: Scope, today: date, last: date) -> list[Line]:
    """A current member's titre de séjour (the deadline of their administrative status) ending in the window."""
    query = (
        select(HouseholdMembership.household_id, Person.administrative_status_deadline, AdministrativeStatus.label)
        .join(Person, Person.id == HouseholdMembership.person_id)
        .outerjoin(AdministrativeStatus, AdministrativeStatus.id == Person.administrative_status_id)
        .where(
            HouseholdMembership.end_date.is_(None),
            Person.administrative_status_deadline >= today,
            Person.administrative_status_deadline <= last,
        )
    )
    lines = []
    for household_id, day, status in session.execute(_scoped(query, scope, HouseholdMembership.household_id)):
        what = f"Fin de validité : {status}" if status else "Fin de validité du titre de séjour"
        lines.append(deadline_line(household_id, what, day, today, FileTab.MEMBERS, ("permit", household_id)))
    return lines
