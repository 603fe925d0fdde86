"""The Alertes inbox: filters, overdue first then newest first, the counts of the morning debrief.

Overdue is computed when read (``today > due``), never stored (docs/domain.md §4). The inbox reads the ``alert``
table alone, over indexes ending in ``received_at``, and looks up type, landlord, household and referent names
afterwards: joined and ordered in one query, SQLite's planner once made the small ``alert_type`` table the outer
loop and sorted every alert (ARCHITECTURE.md, gotchas). ``make bench`` measures it on 50,000 alerts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, not_, or_, select
from sqlalchemy.orm import Session, aliased

from caseworker.domain import AlertSeverity, AlertStatus
from caseworker.formats import format_date
from caseworker.models import Alert, AlertType, Organisation, TeamMembership
from caseworker.services.alerts.after_sales import AfterSales, after_care_referent_alerts, after_sales_on
from caseworker.services.alerts.records import alert_reference, load_alert, local_today
from caseworker.services.alerts.states import OPEN, status_labels
from caseworker.services.alerts.views import AlertView, alert_view
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ValidationError
from caseworker.services.households import display_names_for
from caseworker.services.households.queries import coordinator_names

S = AlertStatus


@dataclass(frozen=True)
class AlertFilter:
    """Filters of the Alertes inbox (``status``: "open", "closed", None for all, or one status value)."""

    type_code: str | None = None
    direction: str | None = None
    status: str | None = "open"
    landlord_id: int | None = None
    overdue_only: bool = False
    mine: bool = False
    household_id: int | None = None
    limit: int = 500


@dataclass(frozen=True)
class AlertRow:
    """One line of the inbox."""

    id: int
    reference: str
    received_at: datetime
    type_code: str
    type_label: str
    direction: str
    household_id: int
    household_name: str
    landlord_name: str
    severity: AlertSeverity
    status: AlertStatus
    status_label: str
    acknowledge_due_on: date
    action_due_on: date
    acknowledge_overdue: bool
    action_overdue: bool
    referent_name: str = ""  # the household's coordinating referent ("" when it has none)

    @property
    def overdue(self) -> bool:
        """Tell whether a deadline has passed unmet."""
        return self.acknowledge_overdue or self.action_overdue

    @property
    def overdue_label(self) -> str:
        """Say which deadline passed, in French."""
        if self.acknowledge_overdue:
            return f"Prise en compte en retard (attendue le {format_date(self.acknowledge_due_on)})"
        if self.action_overdue:
            return f"Première action en retard (attendue le {format_date(self.action_due_on)})"
        return ""


@dataclass(frozen=True)
class AlertCounts:
    """What the morning debrief shows about alerts."""

    new: int
    open: int
    overdue_acknowledge: int
    overdue_action: int


class AlertInbox:
    """The reading side of :class:`.lifecycle.AlertService`: one alert, the inbox, a household's alerts, the counts.

    A base of the service (it shares the service's context) rather than a service of its own, so that callers keep
    one ``services.alerts`` to ask.
    """

    _ctx: ServiceContext

    def alert(self, alert_id: int) -> AlertView:
        """Return one alert with its history."""
        with self._ctx.read() as session:
            return alert_view(session, load_alert(session, alert_id), local_today(self._ctx))

    def inbox(self, data: AlertFilter) -> list[AlertRow]:
        """Return the alerts matching the filter, overdue first, then newest first."""
        today = local_today(self._ctx)
        with self._ctx.read() as session:
            # One table only: with the type and landlord names looked up afterwards, the planner has no join order
            # to get wrong and walks an index already in received_at order, stopping at the limit.
            query = select(*_ROW_COLUMNS)
            query = _filtered(query, data, today, self._ctx.actor.staff_member_id)
            # Two reads rather than one ordered by the overdue expression: the overdue alerts are few (open ones
            # only) and the others come newest first, stopping at the limit.
            # The overdue alerts are found by status first (an index on status), whatever the other filters are.
            overdue = Alert.id.in_(select(_OverdueAlert.id).where(_overdue_clause(today, _OverdueAlert)))
            newest_first = (Alert.received_at.desc(), Alert.id.desc())
            rows = list(session.execute(query.where(overdue).order_by(*newest_first).limit(data.limit)).all())
            if len(rows) < data.limit and not data.overdue_only:
                others = query.where(not_(overdue)).order_by(*newest_first).limit(data.limit - len(rows))
                rows.extend(session.execute(others).all())
            return _inbox_rows(session, rows, today)

    def needing_attention(self) -> list[AlertRow]:
        """Return the new and the overdue alerts (the inbox's rule, F44), overdue first, then newest first.

        For the board, which names only the rows it shows: the household and referent names are left empty.
        """
        today = local_today(self._ctx)
        with self._ctx.read() as session:
            query = select(*_ROW_COLUMNS).where(or_(Alert.status == S.NOUVEAU, _overdue_clause(today)))
            rows = session.execute(query.order_by(Alert.received_at.desc(), Alert.id.desc())).all()
            found = _inbox_rows(session, rows, today, named=False)
        return sorted(found, key=lambda row: not row.overdue)

    def for_household(self, household_id: int) -> list[AlertRow]:
        """Return every alert of a household (open and closed)."""
        return self.inbox(AlertFilter(status=None, household_id=household_id, limit=10_000))

    def counts(self, *, mine: bool = False) -> AlertCounts:
        """Return the figures the morning debrief shows (new, open, overdue acknowledgements and actions)."""
        today = local_today(self._ctx)
        with self._ctx.read() as session:
            base = _filtered(
                select(Alert.status, Alert.acknowledge_due_on, Alert.action_due_on),
                AlertFilter(mine=mine),
                today,
                self._ctx.actor.staff_member_id,
            )
            rows = session.execute(base).all()
        return AlertCounts(
            new=sum(1 for status, *_ in rows if status is S.NOUVEAU),
            open=len(rows),
            overdue_acknowledge=sum(1 for status, ack, _action in rows if status is S.NOUVEAU and today > ack),
            overdue_action=sum(
                1 for status, _ack, action in rows if status in (S.NOUVEAU, S.PRIS_EN_COMPTE) and today > action
            ),
        )


_ROW_COLUMNS = (
    Alert.id,
    Alert.received_at,
    Alert.alert_type_id,
    Alert.direction,
    Alert.household_id,
    Alert.landlord_id,
    Alert.severity,
    Alert.status,
    Alert.acknowledge_due_on,
    Alert.action_due_on,
)
"""What an inbox line reads of an alert (one table: the names are looked up afterwards)."""

_OverdueAlert = aliased(Alert)
_OpenAlert = aliased(Alert)


def overdue_counts(session: Session, household_ids: Iterable[int], today: date) -> dict[int, int]:
    """Return, per household, how many of its alerts are overdue on ``today`` (the inbox's rule; none: absent)."""
    ids = list(household_ids)
    if not ids:
        return {}
    query = (
        select(Alert.household_id, func.count())
        .where(Alert.household_id.in_(ids), _overdue_clause(today))
        .group_by(Alert.household_id)
    )
    return {household_id: count for household_id, count in session.execute(query)}


def _inbox_rows(session: Session, rows: Sequence[Sequence[Any]], today: date, *, named: bool = True) -> list[AlertRow]:
    """Return the inbox lines of ``rows`` (read from the alert table alone), names looked up in a few queries.

    ``named`` False: without the households' and referents' names (left empty).
    """
    types = {row[0]: (row[1], row[2]) for row in session.execute(select(AlertType.id, AlertType.code, AlertType.label))}
    landlord_query = select(Organisation.id, Organisation.name).where(Organisation.id.in_({row[5] for row in rows}))
    landlords: dict[int, str] = {row[0]: row[1] for row in session.execute(landlord_query)}
    names = display_names_for(session, (row[4] for row in rows)) if named else {}
    referents = coordinator_names(session, {row[4] for row in rows}) if named else {}
    # An alert about a household in after-care when it came is its after-care referent's (docs/domain.md §14.2).
    after_sales = after_sales_on(session, {(row[4], _day(row[1])) for row in rows}) if named else {}
    result = []
    for row in rows:
        status = row[7]
        direction = row[3]
        type_code, type_label = types[row[2]]
        result.append(
            AlertRow(
                id=row[0],
                reference=alert_reference(row[0]),
                received_at=row[1],
                type_code=type_code,
                type_label=type_label,
                direction=direction,
                household_id=row[4],
                household_name=names.get(row[4], ""),
                landlord_name=landlords[row[5]],
                severity=row[6],
                status=status,
                status_label=status_labels(direction)[status],
                acknowledge_due_on=row[8],
                action_due_on=row[9],
                acknowledge_overdue=status is S.NOUVEAU and today > row[8],
                action_overdue=status in (S.NOUVEAU, S.PRIS_EN_COMPTE) and today > row[9],
                referent_name=_referent(
                    referents.get(row[4], ""), after_sales.get((row[4], row[1].astimezone().date()))
                ),
            )
        )
    return result


def _day(moment: datetime) -> date:
    return moment.astimezone().date()


def _referent(coordinator: str, after_sales: AfterSales | None) -> str:
    """Who answers an alert: the after-care referent when it came during after-care, else the coordinator."""
    if after_sales is None:
        return coordinator
    return f"{after_sales.referent_name} (suivi post-accompagnement)"


def _overdue_clause(today: date, alert: type[Alert] = Alert):  # type: ignore[no-untyped-def]
    return and_(
        alert.status.in_([S.NOUVEAU, S.PRIS_EN_COMPTE]),
        or_(
            and_(alert.status == S.NOUVEAU, alert.acknowledge_due_on < today),
            alert.action_due_on < today,
        ),
    )


def _filtered(query, data: AlertFilter, today: date, staff_member_id: int | None):  # type: ignore[no-untyped-def]
    if data.status == "open":
        # Open alerts are few: found by status first, then narrowed by the other filters (a landlord's index would
        # otherwise be walked through all its closed alerts).
        query = query.where(Alert.id.in_(select(_OpenAlert.id).where(_OpenAlert.status.in_(list(OPEN)))))
    elif data.status == "closed":
        # "Not open" rather than "in (closed statuses)": an IN would pick the status index and sort the tens of
        # thousands of closed alerts; this lets the newest-first read walk received_at and stop at the limit.
        query = query.where(Alert.status.not_in(list(OPEN)))
    elif data.status is not None:
        if data.status not in {item.value for item in AlertStatus}:
            raise ValidationError({"status": "Statut : choisissez une valeur dans la liste."})
        query = query.where(Alert.status == AlertStatus(data.status))
    if data.type_code:
        query = query.where(
            Alert.alert_type_id == select(AlertType.id).where(AlertType.code == data.type_code).scalar_subquery()
        )
    if data.direction:
        query = query.where(Alert.direction == data.direction)
    if data.landlord_id is not None:
        query = query.where(Alert.landlord_id == data.landlord_id)
    if data.household_id is not None:
        query = query.where(Alert.household_id == data.household_id)
    if data.overdue_only:
        query = query.where(_overdue_clause(today))
    if data.mine:  # a list of households (one index search each), not a correlated test of every alert
        query = query.where(
            or_(
                Alert.household_id.in_(
                    select(TeamMembership.household_id).where(
                        TeamMembership.staff_member_id == (staff_member_id or -1),
                        TeamMembership.end_date.is_(None),
                    )
                ),
                # The landlord's after-sales line: what came during an after-care one is the referent of.
                Alert.id.in_(after_care_referent_alerts(staff_member_id or -1)),
            )
        )
    return query
