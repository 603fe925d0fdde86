"""The board (*Tableau de bord*) of the morning debrief: seven panels in one reading (docs/domain.md §11.1).

A handful of set-based queries per panel, the deadlines on a second connection beside the rest, the households
named once at the end. The team lead sees the whole service and a referent their own households through the same
session rules (§2); meeting mode (the projector) leaves out what the whole team may not see and can show initials
instead of names.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from caseworker.collection import collection_paused
from caseworker.formats import format_date
from caseworker.services.access_policy import may_read_consents, role_code_of
from caseworker.services.alerts import AlertRow, AlertService
from caseworker.services.alerts.records import local_today
from caseworker.services.board.deadlines import deadline_lines
from caseworker.services.board.panels import (
    Line,
    alert_lines,
    caseload_words,
    caseloads,
    contact_lines,
    contacts_since,
    file_active_counts,
    file_active_words,
    no_contact_lines,
    suspension_lines,
    waiting_lines,
)
from caseworker.services.board.scope import Names, Scope, check_filter, choices, names_of, scope_of
from caseworker.services.board.values import (
    PANEL_ROWS,
    PANEL_TITLES,
    Board,
    BoardChoices,
    BoardFilter,
    BoardPanel,
    BoardRow,
    PanelKind,
    initials_of,
)
from caseworker.services.calendar.territories import association_territory
from caseworker.services.context import ServiceContext
from caseworker.services.support.caseloads import CaseloadView


class BoardService:
    """Reads the board for the person working, with the filters they chose."""

    def __init__(self, ctx: ServiceContext, alerts: AlertService) -> None:
        self._ctx = ctx
        self._alerts = alerts

    def choices(self) -> BoardChoices:
        """Return the entries of the filter combos (teams, referents, measures)."""
        with self._ctx.read() as session:
            return choices(session)

    def board(
        self,
        filters: BoardFilter | None = None,
        *,
        meeting_mode: bool = False,
        initials: bool = False,
        rows_per_panel: int | None = PANEL_ROWS,
    ) -> Board:
        """Return the seven panels for ``filters``, each with its ``rows_per_panel`` most urgent rows (None: all).

        ``meeting_mode``: for the projector, nothing beyond what the whole team may see (no health or justice
        item, a suspension without its reason; no note text is ever on the board). ``initials`` (meeting mode
        only): households shown by their initials. A panel's header counts its whole (see :class:`BoardPanel`).

        Raises:
            ValidationError: a filter names an unknown team, referent or measure.
        """
        return self._read(filters or BoardFilter(), tuple(PanelKind), meeting_mode, initials, rows_per_panel)

    def panel(
        self, kind: PanelKind, filters: BoardFilter | None = None, *, meeting_mode: bool = False, initials: bool = False
    ) -> BoardPanel:
        """Return one panel whole (« Tout afficher »), read alone.

        Raises:
            ValidationError: a filter names an unknown team, referent or measure.
        """
        return self._read(filters or BoardFilter(), (kind,), meeting_mode, initials, None).panels[0]

    def _read(
        self,
        filters: BoardFilter,
        kinds: tuple[PanelKind, ...],
        meeting_mode: bool,
        initials: bool,
        rows_per_panel: int | None,
    ) -> Board:
        today = local_today(self._ctx)
        inbox = self._alerts.needing_attention() if PanelKind.ALERTS in kinds else []
        reading = _Reading(scope_of(filters), filters, today, self._ctx, inbox, meeting_mode, rows_per_panel)
        # Some panels are read on a second connection while this one reads the others: the database works for one
        # while Python works for the other. On the team's server each statement reads its own snapshot anyway (read
        # committed); a local store's two snapshots are of the same laptop's data. No cyclic collection meanwhile:
        # it must not run on the second thread (caseworker/collection.py).
        aside = [kind for kind in kinds if kind in SECOND_CONNECTION] if len(kinds) > 1 else []
        with (
            collection_paused(),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="board") as worker,
            self._ctx.read() as session,
        ):
            check_filter(session, filters)  # an unknown filter is refused before any reading starts
            later = worker.submit(self._read_aside, reading, aside) if aside else None
            since = contacts_since(today, association_territory(session))
            read = {kind: reading.panel(session, kind, since) for kind in kinds if kind not in aside}
            if later is not None:
                read.update(later.result())
            # Only the households of the rows shown are named.
            names = names_of(
                session, {line.household_id for found in read.values() for line in found.shown if line.household_id}
            )
        show_initials = meeting_mode and initials
        panels = [
            BoardPanel(
                kind,
                PANEL_TITLES[kind],
                tuple(_row(line, names, show_initials) for line in read[kind].shown),
                note=f"depuis le {format_date(since.date())}" if kind is PanelKind.CONTACTS else "",
                total=read[kind].total,
                overdue_total=read[kind].overdue,
            )
            for kind in kinds
            if kind is not PanelKind.CASELOADS
        ]
        if PanelKind.CASELOADS in kinds:
            panels.append(_caseload_panel(read[PanelKind.CASELOADS].loads, read[PanelKind.CASELOADS].file_active))
        return Board(today, tuple(panels), meeting_mode)

    def _read_aside(self, reading: _Reading, kinds: list[PanelKind]) -> dict[PanelKind, _Panel]:
        """Read ``kinds`` in a read transaction of their own (on the board's second connection)."""
        with self._ctx.read() as session:
            return {kind: reading.panel(session, kind, None) for kind in kinds}


SECOND_CONNECTION = frozenset({PanelKind.DEADLINES})
"""The panels the whole board reads on its second connection: the deadlines, about half the work. (With the
caseloads too, or on a third connection, it was no faster: both cores are busy.)"""


@dataclass(frozen=True)
class _Panel:
    """A panel as read: the rows to show, and the counts of the whole."""

    shown: list[Line]
    total: int
    overdue: int = 0
    loads: list[CaseloadView] = field(default_factory=list)
    file_active: tuple[int, int] = (0, 0)  # the caseloads' reading: supports under way, of which suspended


@dataclass(frozen=True)
class _Reading:
    """What every panel of one reading of the board is read for."""

    scope: Scope
    filters: BoardFilter
    today: date
    ctx: ServiceContext
    inbox: list[AlertRow]
    meeting_mode: bool
    rows_per_panel: int | None

    def panel(self, session: Session, kind: PanelKind, since: datetime | None) -> _Panel:
        """Read one panel (``since``: the start of the contacts panel, given when it is read)."""
        scope, today = self.scope, self.today
        if kind is PanelKind.CONTACTS:
            assert since is not None, "the contacts panel is read on the first connection"
            # Worded for the rows shown only: thousands since Friday in a large service (none overdue).
            shown, total = contact_lines(
                session, scope, since, self.ctx.clock.now(), meeting_mode=self.meeting_mode, limit=self.rows_per_panel
            )
            return _Panel(shown, total)
        if kind is PanelKind.WAITING:
            shown, total = waiting_lines(session, scope, today, limit=self.rows_per_panel)
            return _Panel(shown, total)
        if kind is PanelKind.CASELOADS:
            return _Panel(
                [],
                0,
                loads=caseloads(session, self.filters.organisation_id, self.filters.referent_id),
                file_active=file_active_counts(session, scope, today),
            )
        if kind is PanelKind.ALERTS:
            found = alert_lines(session, self.inbox, scope, today)
        elif kind is PanelKind.NO_CONTACT:
            found = no_contact_lines(session, scope, today)
        elif kind is PanelKind.DEADLINES:
            reads_consents = may_read_consents(role_code_of(session, self.ctx.actor.staff_member_id))
            found = deadline_lines(session, scope, today, reads_consents=reads_consents)
        else:
            found = suspension_lines(session, scope, today, meeting_mode=self.meeting_mode)
        return _Panel(found[: self.rows_per_panel], len(found), sum(1 for line in found if line.overdue))


def _caseload_panel(loads: list[CaseloadView], file_active: tuple[int, int]) -> BoardPanel:
    """Every professional's caseload (a few dozen rows: never cut), under the reading's file active."""
    rows = tuple(
        BoardRow(
            household_id=None,
            reference="",
            display_name=view.name,
            initials=initials_of(view.name),
            who=view.name,
            what=f"{view.households} ménage{'s' if view.households != 1 else ''} · {view.role_label}",
            when=None,
            words=caseload_words(view),
            overdue=view.over_target,
            tab=None,
            staff_member_id=view.staff_member_id,
            households=view.households,
            weighted_load=view.weighted_load,
            target=view.target,
        )
        for view in loads
    )
    return BoardPanel(
        PanelKind.CASELOADS, PANEL_TITLES[PanelKind.CASELOADS], rows, note=file_active_words(*file_active)
    )


def _row(line: Line, names: Names, show_initials: bool) -> BoardRow:
    household_id = line.household_id
    name = names.name(household_id) if household_id is not None else ""
    initials = names.initials(household_id) if household_id is not None else ""
    reference = names.reference(household_id) if household_id is not None else ""
    return BoardRow(
        household_id=household_id,
        reference=reference,
        display_name="" if show_initials else name,
        initials=initials,
        who=initials if show_initials else name,
        what=line.what,
        when=line.when,
        words=line.words,
        overdue=line.overdue,
        tab=line.tab,
        waiting_days=line.waiting_days,
        decision=line.decision,
    )
