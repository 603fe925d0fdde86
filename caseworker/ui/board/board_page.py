"""The board (*Tableau de bord*): the filters, the seven panels of the morning debrief, and the way to meeting mode.

Each panel is a box whose title carries its count; each row opens its household's file at the tab concerned
(Enter or double-click). The panels sit two by two in a scroll area, so that a 1024-pixel screen scrolls rather
than cuts. Everything shown is what :meth:`BoardService.board` returned: the page decides nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseworker.errors import KnownError
from caseworker.formats import format_date, format_number
from caseworker.services.board import (
    PANEL_ROWS,
    Board,
    BoardChoices,
    BoardFilter,
    BoardPanel,
    BoardRow,
    BoardService,
    FilterChoice,
    PanelKind,
)
from caseworker.ui.board.board_table_model import BoardTableModel
from caseworker.ui.board.meeting_window import MeetingWindow
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.record_table_model import RECORD_ROLE
from caseworker.ui.common.record_table_view import record_table

PANEL_HEIGHT = 230
"""Pixels per panel: about six rows in view, the rest a scroll away inside the panel."""
EMPTY_HEIGHT = 60
"""Pixels of a panel with nothing to report: its title and one line."""
WHO_WIDTH = 150
WHEN_WIDTH = 85


class BoardPage(QWidget):
    """The filters, the seven panels, Refresh (F5), Decision… and Meeting mode.

    Signals:
        household_opened(int, FileTab): open this household's file at this tab.
        decision_requested(int): record a debrief decision (a task or a note) about this household.
    """

    household_opened = Signal(int, object)
    decision_requested = Signal(int)

    def __init__(self, board: BoardService, parent: QWidget | None = None, *, rows_per_panel: int = PANEL_ROWS) -> None:
        super().__init__(parent)
        self._board = board
        self._rows_per_panel = rows_per_panel
        self._choices: BoardChoices | None = None
        self._current_table: QTableView | None = None
        self.meeting_window: MeetingWindow | None = None
        self.last_board: Board | None = None
        title = QLabel(self.tr("Dashboard"))
        title.setObjectName("pageTitle")
        self.date_label = QLabel()
        self.team_combo = self._combo("boardTeamFilter")
        self.referent_combo = self._combo("boardReferentFilter")
        self.measure_combo = self._combo("boardMeasureFilter")
        self.refresh_button = QPushButton(self.tr("&Refresh (F5)"))
        self.refresh_button.clicked.connect(self.reload)
        self.decision_button = QPushButton(self.tr("&Decision…"))
        self.decision_button.setToolTip(self.tr("Record a decision of the debrief about the selected household"))
        self.decision_button.clicked.connect(self.request_decision)
        self.decision_button.setEnabled(False)
        self.meeting_button = QPushButton(self.tr("&Meeting mode"))
        self.meeting_button.setToolTip(self.tr("Full screen for the projector: nothing the whole team may not see"))
        self.meeting_button.clicked.connect(self.open_meeting_mode)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.date_label)
        top.addStretch(1)
        top.addWidget(self.decision_button)
        top.addWidget(self.meeting_button)
        top.addWidget(self.refresh_button)
        filters = QHBoxLayout()
        for label, combo in (
            (self.tr("&Team:"), self.team_combo),
            (self.tr("Re&ferent:"), self.referent_combo),
            (self.tr("M&easure:"), self.measure_combo),
        ):
            caption = QLabel(label)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo, 1)
        self.boxes: dict[PanelKind, QGroupBox] = {}
        self.models: dict[PanelKind, BoardTableModel] = {}
        self.tables: dict[PanelKind, QTableView] = {}
        self._pages: dict[PanelKind, QStackedLayout] = {}
        self._more: dict[PanelKind, tuple[QWidget, QLabel]] = {}
        self._whole: set[PanelKind] = set()  # the panels « Tout afficher » read whole since the last reading
        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        for position, kind in enumerate(PanelKind):
            box = self._panel_box(kind)
            # Six panels two by two; the caseloads, last, take the whole width.
            if kind is PanelKind.CASELOADS:
                grid.addWidget(box, position // 2, 0, 1, 2)
            else:
                grid.addWidget(box, position // 2, position % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("boardScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(grid_holder)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.scroll_area, 1)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self).activated.connect(self.reload)
        self._filling = False

    # building ---------------------------------------------------------------------------------------------

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setMinimumContentsLength(12)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.currentIndexChanged.connect(self._filter_changed)
        return combo

    def _panel_box(self, kind: PanelKind) -> QGroupBox:
        model = BoardTableModel(kind, self)
        # Not sortable: the service's order is the panel's (overdue and soonest first).
        table = record_table(model, f"board_{kind.value}")
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setDefaultSectionSize(model.lines * table.fontMetrics().lineSpacing() + 8)
        table.doubleClicked.connect(self._open_index)
        table.installEventFilter(self)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._row_chosen(table))
        empty = QLabel(self.tr("Nothing to report."))
        empty.setObjectName("boardEmpty")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Below the table, when the panel holds only its most urgent rows: how many, and a way to read it whole.
        more_label = QLabel()
        more_label.setObjectName("boardMore")
        more_button = QPushButton(self.tr("Show all"))
        more_button.setObjectName(f"board_more_{kind.value}")
        more_button.clicked.connect(lambda: self.show_whole_panel(kind))
        more = QWidget()
        more_row = QHBoxLayout(more)
        more_row.setContentsMargins(0, 0, 0, 0)
        more_row.addWidget(more_label, 1)
        more_row.addWidget(more_button)
        more.hide()
        filled = QWidget()
        filled_layout = QVBoxLayout(filled)
        filled_layout.setContentsMargins(0, 0, 0, 0)
        filled_layout.setSpacing(2)
        filled_layout.addWidget(table, 1)
        filled_layout.addWidget(more)
        box = QGroupBox()
        box.setObjectName(f"board_box_{kind.value}")
        pages = QStackedLayout(box)
        pages.addWidget(filled)
        pages.addWidget(empty)
        self._more[kind] = (more, more_label)
        self.boxes[kind] = box
        self.models[kind] = model
        self.tables[kind] = table
        self._pages[kind] = pages
        return box

    # loading ----------------------------------------------------------------------------------------------

    def filters(self) -> BoardFilter:
        """Return the filters chosen in the combos."""
        return BoardFilter(
            organisation_id=self.team_combo.currentData(),
            referent_id=self.referent_combo.currentData(),
            measure_id=self.measure_combo.currentData(),
        )

    def reload(self) -> None:
        """Read the board again (on showing the section, F5, a filter changed)."""
        if self._choices is None:
            self._fill_choices(self._board.choices())
        try:
            board = self._board.board(self.filters(), rows_per_panel=self._rows_per_panel)
        except KnownError as exc:
            show_error(self, exc)
            return
        self.show_board(board)

    def refresh(self) -> None:
        """Read the board again as the person is looking at it (colleagues changed something, in team mode).

        The panels they read whole stay whole and the row they chose stays chosen: the debrief goes on where it was.
        """
        whole = [kind for kind in PanelKind if kind in self._whole]
        chosen = self._chosen()
        self.reload()
        for kind in whole:
            self.show_whole_panel(kind)
        if chosen is not None:
            self._choose_again(*chosen)

    def show_board(self, board: Board) -> None:
        """Show a reading: each panel's rows, and its count in its title."""
        self.last_board = board
        self._whole.clear()
        self.date_label.setText(self.tr("on {day}").format(day=format_date(board.today)))
        for panel in board.panels:
            self._show_panel(panel)
        self._current_table = None
        self.decision_button.setEnabled(False)

    def _show_panel(self, panel: BoardPanel) -> None:
        box = self.boxes[panel.kind]
        title = f"{panel.title} ({format_number(panel.count, '#,##0')})"
        if panel.overdue_count and panel.kind is not PanelKind.NO_CONTACT:
            title += " · " + self.tr("%n overdue", "", panel.overdue_count)
        if panel.note:
            title += f" · {panel.note}"
        box.setTitle(title)
        model = self.models[panel.kind]
        model.set_records(panel.rows)
        more, more_label = self._more[panel.kind]
        more.setVisible(not panel.complete)
        more_label.setText(
            self.tr("Only the %n most urgent rows are shown, of {total}.", "", len(panel.rows)).format(
                total=format_number(panel.count, "#,##0")
            )
        )
        table = self.tables[panel.kind]
        # An empty panel says so in a line instead of a blank table, and gives its height to the others.
        self._pages[panel.kind].setCurrentIndex(0 if panel.count else 1)
        box.setMinimumHeight(PANEL_HEIGHT if panel.count else 0)
        box.setMaximumHeight(PANEL_HEIGHT * 2 if panel.count else EMPTY_HEIGHT)
        if panel.kind is PanelKind.CASELOADS:
            table.resizeColumnsToContents()
        else:
            table.setColumnWidth(0, WHO_WIDTH)
            table.setColumnWidth(1, WHEN_WIDTH)

    def _fill_choices(self, choices: BoardChoices) -> None:
        self._choices = choices
        self._filling = True
        try:
            for combo, items, everyone in (
                (self.team_combo, choices.organisations, self.tr("All teams")),
                (self.referent_combo, choices.referents, self.tr("All referents")),
                (self.measure_combo, choices.measures, self.tr("All measures")),
            ):
                self._fill(combo, items, everyone)
        finally:
            self._filling = False

    @staticmethod
    def _fill(combo: QComboBox, items: tuple[FilterChoice, ...], everyone: str) -> None:
        combo.clear()
        combo.addItem(everyone, None)
        for item in items:
            combo.addItem(item.label, item.id)

    def _filter_changed(self) -> None:
        if not self._filling:
            self.reload()

    def show_whole_panel(self, kind: PanelKind) -> None:
        """Read one panel whole (« Tout afficher ») with the same filters; its header keeps its counts."""
        try:
            panel = self._board.panel(kind, self.filters())
        except KnownError as exc:
            show_error(self, exc)
            return
        self._show_panel(panel)
        self._whole.add(kind)

    # acting -----------------------------------------------------------------------------------------------

    def selected_row(self) -> BoardRow | None:
        """Return the row chosen last in any panel (None when none is)."""
        table = self._current_table
        if table is None:
            return None
        record = table.currentIndex().data(RECORD_ROLE)
        return record if isinstance(record, BoardRow) else None

    def _chosen(self) -> tuple[PanelKind, BoardRow] | None:
        row = self.selected_row()
        kind = next((kind for kind, table in self.tables.items() if table is self._current_table), None)
        return None if row is None or kind is None else (kind, row)

    def _choose_again(self, kind: PanelKind, row: BoardRow) -> None:
        """Choose the same line again in a new reading (same household and subject), if it is still there."""
        records = self.models[kind].records()
        same = (
            index
            for index, record in enumerate(records)
            if (record.household_id, record.what) == (row.household_id, row.what)
        )
        found = next(same, None)
        if found is not None:
            self.tables[kind].selectRow(found)

    def _row_chosen(self, table: QTableView) -> None:
        self._current_table = table
        row = self.selected_row()
        self.decision_button.setEnabled(row is not None and row.household_id is not None)

    def request_decision(self) -> None:
        """Ask for a decision about the chosen row's household (the dialog is the tasks' to show)."""
        row = self.selected_row()
        if row is not None and row.household_id is not None:
            self.decision_requested.emit(row.household_id)

    def _open_index(self, index: QModelIndex) -> None:
        record = index.data(RECORD_ROLE) if index.isValid() else None
        if isinstance(record, BoardRow) and record.household_id is not None:
            self.household_opened.emit(record.household_id, record.tab)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a panel's row opens its household at the tab concerned."""
        if (
            isinstance(watched, QTableView)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._open_index(watched.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def open_meeting_mode(self) -> None:
        """Show the board full screen for the projector, with the same filters."""
        filters = self.filters()
        read: Callable[[bool], Board] = lambda initials: self._board.board(  # noqa: E731
            filters, meeting_mode=True, initials=initials
        )
        if self.meeting_window is not None:  # one projector at a time
            self.meeting_window.close()
            self.meeting_window.deleteLater()
        self.meeting_window = MeetingWindow(read)
        self.meeting_window.showFullScreen()
        self.meeting_window.reload()

    def panel_rows(self, kind: PanelKind) -> list[Any]:
        """Return the rows shown in one panel (for tests and screenshots)."""
        return self.models[kind].records()
