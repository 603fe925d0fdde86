"""After-care (*suivi post-accompagnement*): its record, its window, how it ends (docs/domain.md §14.1).

An active or suspended episode may end **into after-care** rather than close: the exit record and the handover
plan as for any exit (:mod:`.exits`), plus an :class:`~caseworker.models.AfterCare` row — kind, window (12 months
unless chosen), funder, and the referent on the household's team who stays reachable. The episode is then
*suivi post-accompagnement*; its support ended on the exit day. After-care ends with a reason (the window over, a
reactivation, a departure…) and the episode is *clôturé*.

After-care **runs** on a day from its start to the day before it ended, or to its window's last day: a window
that passed without anyone ending it no longer runs anywhere (lists, consents, the landlord's line, contacts), and
is shown *à clore* — an automatic task reminds the referent (:mod:`caseworker.services.tasks.automatic`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import exists, or_, select, update
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.strategy_options import _AbstractLoad

from caseworker.domain import AuditAction, EpisodeStatus
from caseworker.domain.aftercare import (
    AFTER_CARE_END_LABELS,
    AFTER_CARE_KIND_LABELS,
    DEFAULT_AFTER_CARE_MONTHS,
    AfterCareEndReason,
    AfterCareKind,
)
from caseworker.formats import format_date
from caseworker.models import (
    AfterCare,
    Contact,
    Episode,
    EpisodeFunding,
    Funder,
    MeasureFunding,
    StaffMember,
    TeamMembership,
    WatchEntry,
)
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.identity import staff_display_name
from caseworker.services.reference import Choice
from caseworker.services.row_versions import claim_version
from caseworker.services.support.episode_records import check_step_date, load_episode, record_transition
from caseworker.services.support.episode_views import EpisodeView, episode_view
from caseworker.services.support.states import check_transition
from caseworker.services.validation import Problems

MONTHS_MAX = 36
"""The longest after-care window the team may choose."""
WATCH_WEEKS_MAX = 26
"""The longest rhythm of the watch list (every six months)."""


@dataclass(frozen=True)
class AfterCareInput:
    """The after-care an exit opens: kind, funder, referent, window, and whether to watch the household."""

    kind: AfterCareKind
    funder_code: str
    referent_id: int
    months: int = DEFAULT_AFTER_CARE_MONTHS
    watch_weeks: int | None = None  # put the household on the watch list, news every N weeks (None: not)


@dataclass(frozen=True)
class AfterCareView:
    """One after-care, as the file, the lists and the landlord's line show it."""

    id: int
    episode_id: int
    household_id: int
    kind: AfterCareKind
    kind_label: str
    start_date: date
    planned_end: date
    funder_code: str
    funder_label: str
    referent_id: int
    referent_name: str
    ended_on: date | None
    end_reason: AfterCareEndReason | None
    row_version: int

    @property
    def end_reason_label(self) -> str:
        """Why it ended, in French ("" while it has not)."""
        return AFTER_CARE_END_LABELS[self.end_reason] if self.end_reason else ""

    @property
    def last_day(self) -> date:
        """The last day it runs: the day before it ended, never past its window's last day."""
        return min(self.ended_on - timedelta(days=1), self.planned_end) if self.ended_on else self.planned_end

    def running_on(self, day: date) -> bool:
        """Whether it runs on ``day`` (from its start to :attr:`last_day`)."""
        return self.start_date <= day <= self.last_day

    def to_close(self, today: date) -> bool:
        """Whether its window passed without anyone ending it."""
        return self.ended_on is None and today > self.planned_end

    def caption(self, today: date) -> str:
        """« Suivi post-accompagnement jusqu'au jj/mm/aaaa » (or ended, or *à clore*) — what every list shows."""
        if self.ended_on is not None:
            return f"Suivi post-accompagnement terminé le {format_date(self.ended_on)} ({self.end_reason_label})"
        if self.to_close(today):
            return f"Suivi post-accompagnement échu le {format_date(self.planned_end)} (à clore)"
        return f"Suivi post-accompagnement jusqu'au {format_date(self.planned_end)}"


@dataclass(frozen=True)
class AfterCareChoices:
    """What the after-care part of the exit dialog offers."""

    kinds: list[Choice]
    funders: list[Choice]
    referents: list[Choice]  # code = staff member id as text: the staff on the household's team that day
    default_funder: str  # the measure's first funder's code, when any ("": none)
    default_referent: str  # the coordinator's id as text, when staff ("": none)
    end_reasons: list[Choice]


def window_end(start: date, months: int) -> date:
    """The last day of a window of ``months`` months from ``start`` (12 months from 15/01 → 14/01 next year)."""
    return start + relativedelta(months=months) - timedelta(days=1)


def view_of(row: AfterCare) -> AfterCareView:
    """The view of a loaded after-care row (its funder and referent loaded)."""
    return AfterCareView(
        id=row.id,
        episode_id=row.episode_id,
        household_id=row.household_id,
        kind=row.kind,
        kind_label=AFTER_CARE_KIND_LABELS[row.kind],
        start_date=row.start_date,
        planned_end=row.planned_end,
        funder_code=row.funder.code,
        funder_label=row.funder.label,
        referent_id=row.referent_id,
        referent_name=staff_display_name(row.referent.first_name, row.referent.last_name),
        ended_on=row.ended_on,
        end_reason=row.end_reason,
        row_version=row.row_version,
    )


def _loaded() -> tuple[_AbstractLoad, ...]:
    return (joinedload(AfterCare.funder), joinedload(AfterCare.referent))


def after_care_of_households(session: Session, household_ids: Iterable[int]) -> dict[int, list[AfterCareView]]:
    """Every after-care of these households, newest first (one query; the ones the session may see)."""
    wanted = sorted(set(household_ids))
    found: dict[int, list[AfterCareView]] = {}
    if not wanted:
        return found
    for start in range(0, len(wanted), 500):
        rows = session.scalars(
            select(AfterCare)
            .options(*_loaded())
            .where(AfterCare.household_id.in_(wanted[start : start + 500]))
            .order_by(AfterCare.start_date.desc(), AfterCare.id.desc())
        )
        for row in rows:
            found.setdefault(row.household_id, []).append(view_of(row))
    return found


def running_after_care(session: Session, household_ids: Iterable[int], day: date) -> dict[int, AfterCareView]:
    """The after-care running on ``day`` for each of these households that has one (the newest if several)."""
    running: dict[int, AfterCareView] = {}
    for household_id, views in after_care_of_households(session, household_ids).items():
        current = next((view for view in views if view.running_on(day)), None)
        if current is not None:
            running[household_id] = current
    return running


def after_care_on(session: Session, household_id: int, day: date) -> AfterCareView | None:
    """The household's after-care running on ``day``, if any (cheap when it never had one)."""
    if not session.scalar(select(exists().where(AfterCare.household_id == household_id))):
        return None
    return running_after_care(session, [household_id], day).get(household_id)


def is_after_care_day(session: Session, household_id: int, day: date) -> bool:
    """Whether a contact on ``day`` is an after-care contact: after-care runs then, and no support does."""
    if after_care_on(session, household_id, day) is None:
        return False
    support = exists().where(
        Episode.household_id == household_id,
        Episode.start_date <= day,
        or_(Episode.end_date.is_(None), Episode.end_date > day),
    )
    return not session.scalar(select(support))


def refresh_after_care_flags(session: Session, household_id: int, since: date) -> int:
    """Recompute ``contact.after_care`` of the household's contacts from ``since`` (a local day); return the changed.

    An exit, an end of after-care or a reactivation is often recorded after the fact: the contacts logged meanwhile
    follow the record as it now stands (docs/domain.md §14.1). Derived, never typed: not audited.
    """
    spans = after_care_of_households(session, [household_id]).get(household_id, [])
    if not spans:  # never in after-care: none of its contacts is flagged
        return 0
    episodes = session.execute(
        select(Episode.start_date, Episode.end_date).where(
            Episode.household_id == household_id, Episode.start_date.is_not(None)
        )
    ).all()
    first = datetime.combine(since, time.min).astimezone()
    contacts = session.execute(
        select(Contact.id, Contact.occurred_at, Contact.after_care).where(
            Contact.household_id == household_id, Contact.occurred_at >= first
        )
    ).all()
    changed = {True: [], False: []}  # type: dict[bool, list[int]]
    for contact_id, moment, flagged in contacts:
        day = moment.astimezone().date()
        supported = any(start is not None and start <= day and (end is None or end > day) for start, end in episodes)
        flag = not supported and any(view.running_on(day) for view in spans)
        if flag != flagged:
            changed[flag].append(contact_id)
    for flag, ids in changed.items():
        for start in range(0, len(ids), 500):
            session.execute(
                update(Contact).where(Contact.id.in_(ids[start : start + 500])).values(after_care=flag),
                execution_options={"synchronize_session": False},
            )
    return len(changed[True]) + len(changed[False])


def _team_staff_on(session: Session, household_id: int, day: date) -> list[tuple[int, str, bool]]:
    """The staff on the household's team on ``day``: (id, name, coordinator), coordinator first, then by name."""
    rows = session.execute(
        select(StaffMember.id, StaffMember.first_name, StaffMember.last_name, TeamMembership.is_coordinator)
        .join(TeamMembership, TeamMembership.staff_member_id == StaffMember.id)
        .where(
            TeamMembership.household_id == household_id,
            StaffMember.active.is_(True),
            TeamMembership.start_date <= day,
            (TeamMembership.end_date.is_(None)) | (TeamMembership.end_date >= day),
        )
        .order_by(TeamMembership.is_coordinator.desc(), StaffMember.last_name, StaffMember.first_name)
    ).all()
    seen: dict[int, tuple[int, str, bool]] = {}
    for staff_id, first, last, coordinator in rows:
        seen.setdefault(staff_id, (staff_id, staff_display_name(first, last), bool(coordinator)))
    return list(seen.values())


def _first_funder(session: Session, episode: Episode) -> str:
    """The code of the episode's first funder (its own lines, else its measure's): the after-care's default."""
    own = session.scalar(
        select(Funder.code)
        .join(EpisodeFunding, EpisodeFunding.funder_id == Funder.id)
        .where(EpisodeFunding.episode_id == episode.id)
        .order_by(EpisodeFunding.sort_order)
        .limit(1)
    )
    if own is not None:
        return own
    measure = session.scalar(
        select(Funder.code)
        .join(MeasureFunding, MeasureFunding.funder_id == Funder.id)
        .where(MeasureFunding.measure_id == episode.measure_id)
        .order_by(MeasureFunding.sort_order)
        .limit(1)
    )
    return measure or ""


def check_after_care(
    session: Session, problems: Problems, data: AfterCareInput, household_id: int, exit_date: date
) -> Funder | None:
    """Record the problems of an after-care opening on ``exit_date``; return its funder when it is valid."""
    if not 1 <= data.months <= MONTHS_MAX:
        problems.add("after_care_months", f"Durée du suivi : de 1 à {MONTHS_MAX} mois.")
    if data.watch_weeks is not None and not 1 <= data.watch_weeks <= WATCH_WEEKS_MAX:
        problems.add("watch_weeks", f"Rythme de la veille : de 1 à {WATCH_WEEKS_MAX} semaines.")
    funder = session.scalar(select(Funder).where(Funder.code == data.funder_code)) if data.funder_code else None
    if funder is None or not funder.active:
        problems.add("after_care_funder", "Financeur du suivi : choisissez une valeur dans la liste.")
        funder = None
    if data.referent_id not in {staff_id for staff_id, _name, _c in _team_staff_on(session, household_id, exit_date)}:
        problems.add(
            "after_care_referent",
            "Référent du suivi : choisissez un professionnel de l'équipe du ménage à la date de sortie.",
        )
    return funder


def start_after_care_in(
    session: Session, ctx: ServiceContext, episode: Episode, data: AfterCareInput, funder: Funder, exit_date: date
) -> AfterCare:
    """Write the after-care of an episode leaving on ``exit_date`` (and its watch-list entry), audited."""
    row = AfterCare(
        episode_id=episode.id,
        household_id=episode.household_id,
        kind=data.kind,
        start_date=exit_date,
        planned_end=window_end(exit_date, data.months),
        funder_id=funder.id,
        referent_id=data.referent_id,
        created_by_id=ctx.actor.staff_member_id,
    )
    session.add(row)
    session.flush()
    audit.record(session, ctx, AuditAction.CREATE, "after_care", row.id, household_id=episode.household_id)
    if data.watch_weeks is not None:
        current = session.scalar(
            select(WatchEntry).where(WatchEntry.household_id == episode.household_id, WatchEntry.end_date.is_(None))
        )
        if current is not None:  # already watched: one stay on the list, now the after-care's, at the new rhythm
            current.after_care_id = row.id
            current.every_weeks = data.watch_weeks
            current.row_version += 1
            audit.record(
                session,
                ctx,
                AuditAction.UPDATE,
                "watch_entry",
                current.id,
                household_id=episode.household_id,
                fields=["after_care_id", "every_weeks"],
            )
        else:
            watch = WatchEntry(
                household_id=episode.household_id,
                after_care_id=row.id,
                every_weeks=data.watch_weeks,
                start_date=exit_date,
                created_by_id=ctx.actor.staff_member_id,
            )
            session.add(watch)
            session.flush()
            audit.record(session, ctx, AuditAction.CREATE, "watch_entry", watch.id, household_id=episode.household_id)
    refresh_after_care_flags(session, episode.household_id, exit_date)
    return row


def end_after_care_in(
    session: Session, ctx: ServiceContext, episode: Episode, reason: AfterCareEndReason, on: date
) -> AfterCare:
    """End a loaded episode's after-care on ``on`` (its first day without), in the caller's transaction.

    The episode becomes *clôturé* on that day; the watch-list entries opened with the after-care end too.
    """
    today = ctx.clock.today()
    problems = Problems()
    check_transition(episode.status, EpisodeStatus.CLOTURE)
    row = session.scalar(select(AfterCare).where(AfterCare.episode_id == episode.id))
    if row is None or episode.status is not EpisodeStatus.APRES_ACCOMPAGNEMENT:
        raise ValidationError({"status": "Cet accompagnement n'a pas de suivi post-accompagnement en cours."})
    check_step_date(problems, episode, on, today, field="on")
    window_over = row.planned_end + timedelta(days=1)
    if reason is AfterCareEndReason.FIN_DE_FENETRE and on < window_over:
        problems.add(
            "on",
            f"La période du suivi court jusqu'au {format_date(row.planned_end)} : pour une fin plus tôt, "
            "choisissez un autre motif.",
        )
    problems.raise_if_any()
    # Ended later than its window (« à clore »), it ran to its window's last day, not to the day it was typed.
    row.ended_on = min(on, window_over)
    row.end_reason = reason
    row.row_version += 1
    audit.record(
        session,
        ctx,
        AuditAction.UPDATE,
        "after_care",
        row.id,
        household_id=episode.household_id,
        fields=["ended_on", "end_reason"],
    )
    # The watch opened with the after-care ends with it; a reactivation ends any watch (support runs again).
    watching = (
        WatchEntry.household_id == episode.household_id
        if reason is AfterCareEndReason.REACTIVATION
        else WatchEntry.after_care_id == row.id
    )
    watches = session.scalars(select(WatchEntry).where(watching, WatchEntry.end_date.is_(None))).all()
    for watch in watches:
        watch.end_date = max(row.ended_on - timedelta(days=1), watch.start_date)  # its last day watched
        watch.end_reason = AFTER_CARE_END_LABELS[reason]
        watch.ended_by_id = ctx.actor.staff_member_id
        watch.row_version += 1
        audit.record(
            session,
            ctx,
            AuditAction.UPDATE,
            "watch_entry",
            watch.id,
            household_id=episode.household_id,
            fields=["end_date", "end_reason"],
        )
    record_transition(
        session,
        ctx,
        episode,
        episode.status,
        EpisodeStatus.CLOTURE,
        on,
        f"Fin du suivi : {AFTER_CARE_END_LABELS[reason]}",
    )
    refresh_after_care_flags(session, episode.household_id, row.start_date)
    return row


class AfterCareService:
    """Reads a household's after-care, offers its choices, and ends it."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def after_care_for(self, household_id: int) -> list[AfterCareView]:
        """Return the household's after-care, newest first (none for a household one may not see)."""
        with self._ctx.read() as session:
            return after_care_of_households(session, [household_id]).get(household_id, [])

    def current_for(self, household_id: int) -> AfterCareView | None:
        """Return the household's after-care that has not ended yet (running, or *à clore*), if any."""
        return next((view for view in self.after_care_for(household_id) if view.ended_on is None), None)

    def choices(self, episode_id: int, exit_date: date) -> AfterCareChoices:
        """What the exit dialog offers for an episode leaving on ``exit_date``."""
        with self._ctx.read() as session:
            episode = load_episode(session, episode_id)
            funders = session.scalars(
                select(Funder).where(Funder.active.is_(True)).order_by(Funder.sort_order, Funder.label)
            ).all()
            default_funder = _first_funder(session, episode)
            team = _team_staff_on(session, episode.household_id, exit_date)
            coordinator = next((str(staff_id) for staff_id, _n, is_coordinator in team if is_coordinator), "")
            return AfterCareChoices(
                kinds=[Choice(kind.value, label) for kind, label in AFTER_CARE_KIND_LABELS.items()],
                funders=[Choice(item.code, item.label) for item in funders],
                referents=[Choice(str(staff_id), name) for staff_id, name, _c in team],
                default_funder=default_funder,
                default_referent=coordinator,
                end_reasons=[Choice(reason.value, label) for reason, label in AFTER_CARE_END_LABELS.items()],
            )

    def end(self, episode_id: int, *, reason: AfterCareEndReason, on: date, expected_version: int) -> EpisodeView:
        """End an episode's after-care on ``on`` with a reason; the episode is closed (audited)."""
        if reason is AfterCareEndReason.REACTIVATION:
            raise ValidationError(
                {"reason": "Pour réactiver, utilisez « Réactiver » : la réactivation met fin au suivi."}
            )
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = load_episode(session, episode_id)
            end_after_care_in(session, self._ctx, episode, reason, on)
            return episode_view(session, episode, today)

    def episode_after_care(self, episode_id: int) -> AfterCareView:
        """Return the after-care an episode ended into, or raise a French :class:`NotFoundError`."""
        with self._ctx.read() as session:
            row = session.scalar(select(AfterCare).options(*_loaded()).where(AfterCare.episode_id == episode_id))
            if row is None:
                raise NotFoundError("Cet accompagnement n'a pas de suivi post-accompagnement.")
            return view_of(row)
