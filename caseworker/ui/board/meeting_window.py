"""Meeting mode: the board on the projector, full screen, large type, keyboard only (docs/domain.md §11.1).

It shows what :meth:`BoardService.board` returns with ``meeting_mode=True``: nothing beyond what the whole team may
see (no note, no health or justice item, a suspension without its reason), and initials instead of names when the
toggle is on. One panel at a time, as large as the screen allows: ←/→ (or Page Up/Page Down, Ctrl+Tab) go from
panel to panel, ↑/↓ from row to row, I turns initials on and off, F5 reads again, Esc leaves.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget

from caseworker.formats import format_date, format_number
from caseworker.services.board import Board, PanelKind
from caseworker.ui.board.board_table_model import BoardTableModel
from caseworker.ui.common.record_table_view import record_table

MEETING_POINT_SIZE = 18
"""Type size of meeting mode: readable from the back of the room."""

MEETING_STYLE = f"""
QWidget#meetingWindow {{ background: #ffffff; }}
QWidget#meetingWindow QTableView, QWidget#meetingWindow QHeaderView, QWidget#meetingWindow QTabBar,
QWidget#meetingWindow QCheckBox, QWidget#meetingWindow QLabel {{ font-size: {MEETING_POINT_SIZE}pt; }}
QWidget#meetingWindow QLabel#meetingTitle {{ font-size: 26pt; font-weight: 600; }}
QWidget#meetingWindow QLabel#meetingHelp {{ color: #4a4a4a; font-size: 12pt; }}
QTabBar::tab {{ padding: 8px 14px; }}
QTabBar::tab:selected {{ background: #3d6a96; color: #ffffff; }}
"""

_PANEL_KEYS_BACK = (Qt.Key.Key_Left, Qt.Key.Key_PageUp)
_PANEL_KEYS_ON = (Qt.Key.Key_Right, Qt.Key.Key_PageDown)


class MeetingWindow(QWidget):
    """The full-screen board of the debrief; ``read(initials)`` returns the meeting-mode board."""

    def __init__(self, read: Callable[[bool], Board], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("meetingWindow")
        self.setWindowTitle(self.tr("Dashboard — meeting mode"))
        self.setStyleSheet(MEETING_STYLE)
        font = QFont(self.font())
        font.setPointSize(MEETING_POINT_SIZE)
        self.setFont(font)
        self._read = read
        self.title_label = QLabel(self.tr("Morning debrief"))
        self.title_label.setObjectName("meetingTitle")
        self.initials_box = QCheckBox(self.tr("&Initials instead of names (I)"))
        self.initials_box.setObjectName("meetingInitials")
        self.initials_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.initials_box.toggled.connect(self.reload)
        self.help_label = QLabel(self.tr("←/→ panels · ↑/↓ rows · I initials · F5 refresh · Esc leave"))
        self.help_label.setObjectName("meetingHelp")
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addStretch(1)
        header.addWidget(self.initials_box)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingPanels")
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.models: dict[PanelKind, BoardTableModel] = {}
        self.tables: dict[PanelKind, QTableView] = {}
        for kind in PanelKind:
            model = BoardTableModel(kind, self)
            table = record_table(model, f"meeting_{kind.value}")
            table.setWordWrap(False)
            table.installEventFilter(self)
            self.models[kind] = model
            self.tables[kind] = table
            self.tabs.addTab(table, "")
        self.tabs.currentChanged.connect(self._focus_current)
        self.more_label = QLabel()
        self.more_label.setObjectName("meetingMore")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.more_label)
        layout.addWidget(self.help_label)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self).activated.connect(self.reload)
        QShortcut(QKeySequence(Qt.Key.Key_I), self).activated.connect(self.initials_box.toggle)
        QShortcut(QKeySequence("Ctrl+Tab"), self).activated.connect(lambda: self.step_panel(1))
        QShortcut(QKeySequence("Ctrl+Shift+Tab"), self).activated.connect(lambda: self.step_panel(-1))
        self.board: Board | None = None

    def reload(self) -> None:
        """Read the meeting-mode board again (initials as the toggle says)."""
        board = self._read(self.initials_box.isChecked())
        self.board = board
        self.title_label.setText(self.tr("Morning debrief — {day}").format(day=format_date(board.today)))
        for index, panel in enumerate(board.panels):
            self.tabs.setTabText(index, f"{panel.title} ({format_number(panel.count, '#,##0')})")
            model = self.models[panel.kind]
            model.set_records(panel.rows)
            table = self.tables[panel.kind]
            table.resizeColumnsToContents()
            for column in range(model.columnCount() - 1):
                table.setColumnWidth(column, min(table.columnWidth(column), self.width() // 4 or 320))
            # Every row the same height, its lines in the large type (measuring each row would cost more).
            lines = QFontMetrics(table.font()).lineSpacing() * model.lines
            table.verticalHeader().setDefaultSectionSize(lines + 12)
        self._focus_current()

    def showEvent(self, event: QShowEvent) -> None:
        """Take the keyboard at once: meeting mode is driven from it alone."""
        super().showEvent(event)
        self.activateWindow()
        self._focus_current()

    def step_panel(self, step: int) -> None:
        """Go to the next (1) or previous (-1) panel, round the end."""
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def current_kind(self) -> PanelKind:
        """Return the panel shown."""
        return list(PanelKind)[self.tabs.currentIndex()]

    def _focus_current(self, _index: int = -1) -> None:
        panel = self.board.panel(self.current_kind()) if self.board is not None else None
        # A panel holding only its most urgent rows says so (the tab's title counts them all).
        self.more_label.setVisible(panel is not None and not panel.complete)
        if panel is not None:
            self.more_label.setText(
                self.tr("Only the %n most urgent rows are shown, of {total}.", "", len(panel.rows)).format(
                    total=format_number(panel.count, "#,##0")
                )
            )
        table = self.tables[self.current_kind()]
        table.setFocus()
        if table.model().rowCount() and not table.currentIndex().isValid():
            table.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """←/→ and Page Up/Down go from panel to panel (rows are whole: there is no cell to move to)."""
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and isinstance(watched, QTableView):
            if event.key() in _PANEL_KEYS_ON:
                self.step_panel(1)
                return True
            if event.key() in _PANEL_KEYS_BACK:
                self.step_panel(-1)
                return True
        return super().eventFilter(watched, event)
