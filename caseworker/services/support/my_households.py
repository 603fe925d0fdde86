"""« Mes ménages »: the households of the current staff member, with what needs attention.

One row per household where the staff member is a current team member: its running (or waiting) support,
the current intensity, the last successful contact against the no-contact threshold of that intensity
(docs/domain.md §5), the next review due, an open suspension's review date, the planned end, a mediation's
follow-up and the overdue alerts. Built with a handful of queries whatever the size of the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from caseworker.domain import EpisodeStatus, ReviewKind
from caseworker.domain.consents import ConsentStatus
from caseworker.domain.support import EPISODE_STATUS_LABELS, REVIEW_LABELS
from caseworker.formats import format_date
from caseworker.models import (
    Alert,
    AlertAction,
    AlertMediation,
    Consent,
    Episode,
    Extension,
    IntensityPeriod,
    Measure,
    Organisation,
    Suspension,
    TeamMembership,
    TeamRole,
)
from caseworker.services.access_policy import may_read_consents, role_code_of
from caseworker.services.alerts import OPEN as OPEN_ALERTS
from caseworker.services.alerts import overdue_counts as overdue_alert_counts
from caseworker.services.context import ServiceContext
from caseworker.services.households import HouseholdSummary, summaries_for
from caseworker.services.support.aftercare import AfterCareView, after_care_of_households
from caseworker.services.support.episode_figures import episode_durations, episode_milestones
from caseworker.services.support.last_contact import last_reached_days
from caseworker.services.support.states import ENDED, RUNNING

PLANNED_END_WARNING_DAYS = 30
CONSENT_WARNING_DAYS = 30

# Which status a household shows when it has several episodes: the one that matters most today.
_STATUS_WEIGHT = {
    EpisodeStatus.ACTIF: 0,
    EpisodeStatus.SUSPENDU: 1,
    EpisodeStatus.ACCORD_DE_PRINCIPE: 2,
    EpisodeStatus.EN_ATTENTE: 3,
    EpisodeStatus.ORIENTATION_RECUE: 4,
    EpisodeStatus.APRES_ACCOMPAGNEMENT: 5,
    EpisodeStatus.CLOTURE: 6,
    EpisodeStatus.SANS_SUITE: 7,
}


@dataclass(frozen=True)
class MyHouseholdRow:
    """One household of "Mes ménages"."""

    household_id: int
    reference: str
    display_name: str
    is_coordinator: bool
    team_role_label: str
    measures: str
    status: EpisodeStatus | None
    status_label: str
    intensity_label: str
    last_contact_on: date | None
    days_without_contact: int | None
    no_contact_threshold: int | None
    no_contact_overdue: bool
    next_review_label: str
    next_review_on: date | None
    review_overdue: bool
    suspension_review_on: date | None
    suspension_review_overdue: bool
    planned_end: date | None
    planned_end_soon: bool
    # The earliest follow-up of a mediation about an open alert that no later action on that alert answered yet.
    mediation_follow_up_on: date | None = None
    mediation_follow_up_due: bool = False
    # Alerts of the household whose deadline passed (acknowledgement or first action), as the inbox counts them.
    overdue_alerts: int = 0
    # The earliest end of a granted consent within 30 days (or past), not renewed (:func:`expiring_consents`).
    consent_expires_on: date | None = None
    # After-care whose window passed without anyone ending it (docs/domain.md §14.1).
    after_care_to_close: bool = False

    @property
    def needs_attention(self) -> bool:
        """Tell whether something is overdue or close."""
        return (
            self.no_contact_overdue
            or self.review_overdue
            or self.suspension_review_overdue
            or self.planned_end_soon
            or self.mediation_follow_up_due
            or self.overdue_alerts > 0
            or self.consent_expires_on is not None
            or self.after_care_to_close
        )

    def attention(self) -> list[str]:
        """Return what needs attention, in French."""
        items = []
        if self.no_contact_overdue:
            if self.last_contact_on is None:
                items.append("Aucun contact depuis le début")
            else:
                items.append(
                    f"Sans contact depuis {self.days_without_contact} jours (seuil {self.no_contact_threshold})"
                )
        if self.review_overdue:
            items.append(f"{self.next_review_label} en retard")
        if self.suspension_review_overdue:
            items.append("Revue de la suspension en retard")
        if self.planned_end_soon:
            items.append("Fin prévue proche : sortie, prolongation ou passage de relais")
        if self.mediation_follow_up_due and self.mediation_follow_up_on is not None:
            items.append(f"Suivi de la médiation attendu le {format_date(self.mediation_follow_up_on)}")
        if self.consent_expires_on is not None:
            items.append(f"Consentement à renouveler (fin le {format_date(self.consent_expires_on)})")
        if self.after_care_to_close:
            items.append("Suivi post-accompagnement échu : à clore ou réactiver")
        if self.overdue_alerts == 1:
            items.append("1 alerte en retard")
        elif self.overdue_alerts > 1:
            items.append(f"{self.overdue_alerts} alertes en retard")
        return items


class MyHouseholdsService:
    """Builds "Mes ménages" for one staff member."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def for_staff(self, staff_member_id: int | None = None) -> list[MyHouseholdRow]:
        """Return the rows for ``staff_member_id`` (default: the current user), needing attention first."""
        staff_id = staff_member_id if staff_member_id is not None else self._ctx.actor.staff_member_id
        if staff_id is None:
            return []
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            memberships = session.execute(
                select(TeamMembership.household_id, TeamMembership.is_coordinator, TeamRole.label)
                .join(TeamRole, TeamRole.id == TeamMembership.role_id)
                .where(TeamMembership.staff_member_id == staff_id, TeamMembership.end_date.is_(None))
            ).all()
            if not memberships:
                return []
            mine = {row[0]: (bool(row[1]), row[2]) for row in memberships}
            ids = list(mine)
            summaries = {item.id: item for item in summaries_for(session, ids)}
            episodes = session.scalars(
                select(Episode)
                .where(Episode.household_id.in_(ids))
                .options(
                    selectinload(Episode.measure).selectinload(Measure.levels),
                    selectinload(Episode.intensity_periods).selectinload(IntensityPeriod.level),
                    selectinload(Episode.suspensions).selectinload(Suspension.reason),
                    selectinload(Episode.extensions).load_only(Extension.months),
                    selectinload(Episode.reviews),
                )
            ).all()
            last_contacts = last_reached_days(session, ids)
            follow_ups = mediation_follow_ups(session, ids)
            consents: dict[int, date] = {}
            # A volunteer reads no consent (docs/domain.md §2): not even that one ends soon.
            readable = may_read_consents(role_code_of(session, self._ctx.actor.staff_member_id))
            for item in (
                expiring_consents(session, today + timedelta(days=CONSENT_WARNING_DAYS), ids) if readable else []
            ):
                consents[item.household_id] = min(consents.get(item.household_id, item.expires_on), item.expires_on)
            # Alert deadlines are counted on the local day of "now", as the inbox does.
            overdue = overdue_alert_counts(session, ids, self._ctx.clock.now().astimezone().date())
            after_care = {
                household_id: open_one
                for household_id, views in after_care_of_households(session, ids).items()
                if (open_one := next((view for view in views if view.ended_on is None), None)) is not None
            }
            by_household: dict[int, list[Episode]] = defaultdict(list)
            for episode in episodes:
                by_household[episode.household_id].append(episode)
            rows = [
                _with_after_care(
                    replace(
                        _row(
                            household_id,
                            mine[household_id],
                            summaries[household_id],
                            by_household[household_id],
                            last_contacts.get(household_id),
                            today,
                        ),
                        mediation_follow_up_on=follow_ups.get(household_id),
                        mediation_follow_up_due=household_id in follow_ups and follow_ups[household_id] <= today,
                        overdue_alerts=overdue.get(household_id, 0),
                        consent_expires_on=consents.get(household_id),
                    ),
                    after_care.get(household_id),
                    by_household[household_id],
                    today,
                )
                for household_id in ids
                if household_id in summaries
            ]
        return sorted(rows, key=lambda row: (not row.needs_attention, row.display_name.casefold(), row.household_id))


@dataclass(frozen=True)
class ExpiringConsent:
    """A granted consent that ends soon and has not been renewed."""

    consent_id: int
    household_id: int
    expires_on: date
    recipient: str


def expiring_consents(
    session: Session,
    until: date,
    household_ids: list[int] | Select[int] | None = None,
    *,
    since: date | None = None,
) -> list[ExpiringConsent]:
    """Return the granted consents that end by ``until`` (from ``since`` on, if given), neither revoked nor renewed.

    ``household_ids`` (ids, or a selection of them) narrows the households.

    Renewed: a later grant to the same recipient about the same person, not revoked, that lasts longer (or has no
    end). Such a consent is flagged in « Mes ménages » and gets an automatic task (docs/domain.md §11.2); the rule
    of which consent counts for a disclosure stays :mod:`caseworker.services.sharing.rules`.
    """
    later = aliased(Consent)
    renewed = exists(
        select(later.id).where(
            later.person_id == Consent.person_id,
            # "+ 0": SQLite, with no statistics, otherwise reads every consent to the recipient here (thousands,
            # for a landlord) rather than the person's few. The board's consent lines at 10,000 households: 8 ms → 3.
            later.recipient_id + 0 == Consent.recipient_id,
            later.id != Consent.id,
            later.status == ConsentStatus.ACCORDE,
            later.revoked_on.is_(None),
            or_(later.expires_on.is_(None), later.expires_on > Consent.expires_on),
        )
    )
    # The dates written before the renewal, a query of its own per consent.
    conditions = [
        Consent.status == ConsentStatus.ACCORDE,
        Consent.revoked_on.is_(None),
        Consent.expires_on.is_not(None),
        Consent.expires_on <= until,
    ]
    if since is not None:
        conditions.append(Consent.expires_on >= since)
    if household_ids is not None:
        conditions.append(Consent.household_id.in_(household_ids))
    query = (
        select(Consent.id, Consent.household_id, Consent.expires_on, Organisation.name)
        .join(Organisation, Organisation.id == Consent.recipient_id)
        .where(*conditions, ~renewed)
    )
    return [
        ExpiringConsent(consent_id, household_id, expires_on, recipient)
        for consent_id, household_id, expires_on, recipient in session.execute(query)
        if expires_on is not None
    ]


def mediation_follow_ups(session: Session, household_ids: list[int]) -> dict[int, date]:
    """Return, per household, the earliest follow-up date of a mediation still waiting for it.

    A follow-up is waiting while its alert is open and no later action on that alert was recorded on or after
    the date.
    """
    rows = session.execute(
        select(Alert.id, Alert.household_id, AlertAction.at, AlertMediation.follow_up_on)
        .join(AlertAction, AlertAction.alert_id == Alert.id)
        .join(AlertMediation, AlertMediation.action_id == AlertAction.id)
        .where(Alert.household_id.in_(household_ids), Alert.status.in_(list(OPEN_ALERTS)))
    ).all()
    if not rows:
        return {}
    actions: dict[int, list[datetime]] = defaultdict(list)
    for alert_id, moment in session.execute(
        select(AlertAction.alert_id, AlertAction.at).where(AlertAction.alert_id.in_({row[0] for row in rows}))
    ):
        actions[alert_id].append(moment)
    waiting: dict[int, date] = {}
    for alert_id, household_id, held_at, follow_up in rows:
        if any(moment > held_at and moment.astimezone().date() >= follow_up for moment in actions[alert_id]):
            continue  # someone acted on the alert once the date came
        waiting[household_id] = min(waiting.get(household_id, follow_up), follow_up)
    return waiting


def no_contact_state(
    thresholds: Iterable[int | None], started: date | None, last_contact: date | None, today: date
) -> tuple[int | None, int | None, bool]:
    """Return the no-contact threshold, the days without a successful contact, and whether it is passed.

    The rule of docs/domain.md §5, shared by « Mes ménages » and the board: the threshold is the smallest among the
    current intensity levels of the household's *actif* episodes (a suspended episode counts for nothing); the
    days run from the last successful contact, else from the earliest start of those episodes.
    """
    known = [days for days in thresholds if days is not None]
    threshold = min(known) if known else None
    reference_day = last_contact or started
    days_without = (today - reference_day).days if reference_day else None
    return threshold, days_without, threshold is not None and days_without is not None and days_without > threshold


def _row(
    household_id: int,
    membership: tuple[bool, str],
    summary: HouseholdSummary,
    episodes: list[Episode],
    last_contact: date | None,
    today: date,
) -> MyHouseholdRow:
    shown = sorted(episodes, key=lambda item: (_STATUS_WEIGHT[item.status], -item.orientation_date.toordinal()))
    current = [item for item in shown if item.status not in ENDED]
    running = [item for item in shown if item.status in RUNNING]
    active = [item for item in running if item.status is EpisodeStatus.ACTIF]
    status = shown[0].status if shown else None

    levels = [period.level for item in active for period in item.intensity_periods if period.end_date is None]
    strongest = max(levels, key=lambda level: level.weight_percent, default=None)
    threshold, days_without, overdue_contact = no_contact_state(
        [level.no_contact_days for level in levels],
        min((item.start_date for item in active if item.start_date), default=None),
        last_contact,
        today,
    )

    next_review, review_overdue, planned_end = _reviews_and_end(running, today)
    suspension_reviews = [
        item.review_date for episode in running for item in episode.suspensions if item.end_date is None
    ]
    suspension_review = min(suspension_reviews, default=None)
    return MyHouseholdRow(
        household_id=household_id,
        reference=summary.reference,
        display_name=summary.display_name,
        is_coordinator=membership[0],
        team_role_label=membership[1],
        measures=" + ".join(item.measure.name for item in current),
        status=status,
        status_label=EPISODE_STATUS_LABELS[status] if status else "Aucun accompagnement",
        intensity_label=strongest.label if strongest else "",
        last_contact_on=last_contact,
        days_without_contact=days_without,
        no_contact_threshold=threshold,
        no_contact_overdue=overdue_contact,
        next_review_label=next_review[1] if next_review else "",
        next_review_on=next_review[0] if next_review else None,
        review_overdue=review_overdue,
        suspension_review_on=suspension_review,
        suspension_review_overdue=suspension_review is not None and suspension_review < today,
        planned_end=planned_end,
        planned_end_soon=planned_end is not None and (planned_end - today).days <= PLANNED_END_WARNING_DAYS,
    )


def _with_after_care(
    row: MyHouseholdRow, view: AfterCareView | None, episodes: list[Episode], today: date
) -> MyHouseholdRow:
    """What a household in after-care shows instead of its support (§14.1): nothing while support runs."""
    if view is None or any(item.status in RUNNING for item in episodes):
        return row
    label = view.caption(today)
    if row.status is not None and row.status is not EpisodeStatus.APRES_ACCOMPAGNEMENT:  # a referral waiting too
        label = f"{label} · {row.status_label}"
    return replace(row, status_label=label, after_care_to_close=view.to_close(today))


def _reviews_and_end(running: list[Episode], today: date) -> tuple[tuple[date, str] | None, bool, date | None]:
    """Return the next review not held (date, label), whether one is overdue, and the earliest planned end."""
    next_review: tuple[date, str] | None = None
    review_overdue = False
    planned_ends = []
    for episode in running:
        figures = episode_durations(episode, today)
        if figures.planned_end is not None:
            planned_ends.append(figures.planned_end)
        held = {(r.kind, r.due_on if r.kind is ReviewKind.PERIODIC else None) for r in episode.reviews}
        for milestone in episode_milestones(episode, figures.planned_end, today):
            key = (milestone.kind, milestone.due_on if milestone.kind is ReviewKind.PERIODIC else None)
            if key in held:
                continue
            if next_review is None or milestone.due_on < next_review[0]:
                next_review = (milestone.due_on, REVIEW_LABELS[milestone.kind])
            if milestone.due_on < today:
                review_overdue = True
    return next_review, review_overdue, min(planned_ends, default=None)
