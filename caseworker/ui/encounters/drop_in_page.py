"""The drop-in register (permanence) for the front desk: a visit typed in a few keys, the day's visits and counts.

Made for the keyboard (docs/domain.md §14.4): the cursor starts in the household field; type part of a name and
Enter picks the household (Enter again records), or type « anonyme » and Enter records an anonymous visit. Alt+N
ticks « Anonyme » too; the age band and the sex are for anonymous visits only. After each visit the row is
cleared and the cursor is back in the household field, the time back to « now ».

Below, the day's visits (previous and next day with Alt+Left / Alt+Right) with the day's and the month's counts.
The counts are every visit's; a visit to a household followed by another team is counted, never listed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain.aftercare import AGE_BAND_LABELS, SEX_LABELS
from caseworker.errors import KnownError
from caseworker.formats import format_date, format_long_date, format_month
from caseworker.services.encounters import DayCounts, DropInCounts, DropInDay, DropInInput, DropInService
from caseworker.services.encounters import DropInVisitView as Visit
from caseworker.services.errors import ValidationError
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.flow_layout import FlowLayout
from caseworker.ui.common.household_picker import HouseholdPicker, Search
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.record_table_model import Column, RecordTableModel
from caseworker.ui.common.record_table_view import record_table

translate = QCoreApplication.translate

ANONYMOUS_WORDS = frozenset({"anonyme", "anonymous", "anon"})
"""What typed in the household field, then Enter, records an anonymous visit."""
NOW_REFRESH_MS = 20_000
"""How often the time field follows the clock while the person has not changed it."""
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class DropInVisitsTableModel(RecordTableModel[Visit]):
    """The day's visits the reader sees, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("DropInVisitsTableModel", "Time"),
                    lambda v: f"{v.occurred_at.astimezone():%H:%M}",
                    sort_key=lambda v: (v.occurred_at, v.id),
                ),
                Column(translate("DropInVisitsTableModel", "Visitor"), lambda v: v.who),
                Column(translate("DropInVisitsTableModel", "Reason"), lambda v: v.reason_label),
                Column(translate("DropInVisitsTableModel", "Recorded by"), lambda v: v.recorded_by_name),
            ],
            parent,
        )


class DropInMonthTableModel(RecordTableModel[DayCounts]):
    """The month's days with their counts."""

    def __init__(self, parent: Any = None) -> None:
        def number(value: Callable[[DropInCounts], int]) -> Callable[[DayCounts], str]:
            return lambda row: str(value(row.counts))

        super().__init__(
            [
                Column(translate("DropInMonthTableModel", "Day"), lambda r: f"{r.day:%d/%m}", lambda r: r.day),
                Column(translate("DropInMonthTableModel", "Visits"), number(lambda c: c.visits), alignment=_RIGHT),
                Column(translate("DropInMonthTableModel", "Ident."), number(lambda c: c.identified), alignment=_RIGHT),
                Column(translate("DropInMonthTableModel", "Anon."), number(lambda c: c.anonymous), alignment=_RIGHT),
                Column(
                    translate("DropInMonthTableModel", "Households"), number(lambda c: c.households), alignment=_RIGHT
                ),
            ],
            parent,
        )


def _captioned(text: str, field: QWidget) -> QWidget:
    """``field`` with its label before it (the label's letter goes to the field), kept together when rows wrap."""
    pair = QWidget()
    layout = QHBoxLayout(pair)
    layout.setContentsMargins(0, 0, 0, 0)
    caption = QLabel(text)
    caption.setBuddy(field)
    layout.addWidget(caption)
    layout.addWidget(field, 1)
    return pair


class DropInRegisterPage(QWidget):
    """The drop-in register: the quick entry of a visit, then the day's visits and the day's and month's counts.

    ``search(text, limit)`` finds households by name or number (the household list's search); ``today`` and
    ``now`` are the session's clock.

    Signals:
        visit_recorded(int): a visit was recorded here (its id).
        visit_deleted(int): a visit was deleted here (its id).
    """

    visit_recorded = Signal(int)
    visit_deleted = Signal(int)

    def __init__(
        self,
        drop_in: DropInService,
        search: Search,
        today: Callable[[], date],
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dropInRegisterPage")
        self._drop_in = drop_in
        self._search = search
        self._today = today
        self._now = now
        self._time_touched = False
        self.day_shown = today()
        self._today_when_shown = self.day_shown  # a page left open overnight follows today into the next day
        self.register: DropInDay | None = None

        self.household_picker = HouseholdPicker(search)
        self.household_picker.setObjectName("drop_in_household_picker")
        self.household_picker.setMinimumContentsLength(24)
        line_edit = self.household_picker.lineEdit()
        assert line_edit is not None
        line_edit.setPlaceholderText(self.tr("A name, a number, or « anonyme »"))
        self.household_picker.currentIndexChanged.connect(self._household_changed)
        self.anonymous_box = QCheckBox(self.tr("A&nonymous"))
        self.anonymous_box.setObjectName("drop_in_anonymous_box")
        self.anonymous_box.setToolTip(self.tr("Alt+N, or type « anonyme » in the household field"))
        self.anonymous_box.toggled.connect(self._anonymous_toggled)
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("drop_in_person_combo")
        self.person_combo.setMinimumContentsLength(16)
        self.age_combo = QComboBox()
        self.age_combo.setObjectName("drop_in_age_combo")
        self.age_combo.addItem("—", None)
        for band, label in AGE_BAND_LABELS.items():
            self.age_combo.addItem(label, band)
        self.sex_combo = QComboBox()
        self.sex_combo.setObjectName("drop_in_sex_combo")
        self.sex_combo.addItem("—", None)
        for sex, label in SEX_LABELS.items():
            self.sex_combo.addItem(label, sex)
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("drop_in_reason_combo")
        self.reason_combo.addItem("—", "")
        for reason in drop_in.reasons():
            self.reason_combo.addItem(reason.label, reason.code)
        self.time_edit = QTimeEdit()
        self.time_edit.setObjectName("drop_in_time_edit")
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.userTimeChanged.connect(self._time_changed)
        self.record_button = QPushButton(self.tr("Record"))
        self.record_button.setObjectName("drop_in_record_button")
        self.record_button.setToolTip(self.tr("Enter in any field of the row"))
        self.record_button.clicked.connect(self.submit)
        self.message = QLabel()
        self.message.setObjectName("drop_in_message")
        self.message.setWordWrap(True)

        self.entry = QGroupBox()
        first_row = QHBoxLayout()
        first_row.addWidget(_captioned(self.tr("&Household:"), self.household_picker), 3)
        first_row.addWidget(self.anonymous_box)
        first_row.addWidget(_captioned(self.tr("&Person:"), self.person_combo), 2)
        second_row = FlowLayout()  # wraps on a narrow screen rather than widening the window
        second: list[tuple[str, QWidget]] = [
            (self.tr("A&ge:"), self.age_combo),
            (self.tr("Se&x:"), self.sex_combo),
            (self.tr("&Reason:"), self.reason_combo),
            (self.tr("T&ime:"), self.time_edit),
        ]
        for text, field in second:
            second_row.addWidget(_captioned(text, field))
        second_row.addWidget(self.record_button)
        entry_layout = QVBoxLayout(self.entry)
        entry_layout.addLayout(first_row)
        entry_layout.addLayout(second_row)
        entry_layout.addWidget(self.message)
        self._entry_fields: list[QWidget] = [
            self.household_picker,
            line_edit,
            self.anonymous_box,
            self.person_combo,
            self.age_combo,
            self.sex_combo,
            self.reason_combo,
            self.time_edit,
        ]
        for entry_field in self._entry_fields:
            entry_field.installEventFilter(self)
        popup = self._matches_popup()
        if popup is not None:  # Enter in the matches without choosing one: as in the field (after the completer's)
            popup.installEventFilter(self)

        self.previous_button = QPushButton(self.tr("◀ Previous day"))
        self.previous_button.setObjectName("drop_in_previous_day")
        self.previous_button.setToolTip(self.tr("Alt+Left"))
        self.previous_button.clicked.connect(lambda: self.show_day(self.day_shown - timedelta(days=1)))
        self.next_button = QPushButton(self.tr("Next day ▶"))
        self.next_button.setObjectName("drop_in_next_day")
        self.next_button.setToolTip(self.tr("Alt+Right"))
        self.next_button.clicked.connect(lambda: self.show_day(self.day_shown + timedelta(days=1)))
        self.today_button = QPushButton(self.tr("&Today"))
        self.today_button.setObjectName("drop_in_today")
        self.today_button.clicked.connect(lambda: self.show_day(self._today()))
        self.day_edit = QDateEdit()
        self.day_edit.setObjectName("drop_in_day_edit")
        self.day_edit.setDisplayFormat("dd/MM/yyyy")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.dateChanged.connect(lambda chosen: self.show_day(chosen.toPython()))
        day_label = QLabel(self.tr("&Day:"))
        day_label.setBuddy(self.day_edit)
        QShortcut(QKeySequence("Alt+Left"), self, self.previous_button.click)
        QShortcut(QKeySequence("Alt+Right"), self, self.next_button.click)
        navigation = FlowLayout()
        for widget in (day_label, self.day_edit, self.previous_button, self.next_button, self.today_button):
            navigation.addWidget(widget)
        self.day_counts_label = QLabel()
        self.day_counts_label.setObjectName("drop_in_day_counts")
        self.day_counts_label.setWordWrap(True)
        self.month_counts_label = QLabel()
        self.month_counts_label.setObjectName("drop_in_month_counts")
        self.month_counts_label.setWordWrap(True)
        self.unlisted_label = QLabel()
        self.unlisted_label.setObjectName("drop_in_unlisted")
        self.unlisted_label.setWordWrap(True)

        self.visits_model = DropInVisitsTableModel(self)
        self.visits_table = record_table(self.visits_model, "dropInVisitsTable")
        self.visits_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.visits_table.installEventFilter(self)  # the Delete key deletes the selected visit
        self.delete_button = QPushButton(self.tr("Delete the visit…"))
        self.delete_button.setObjectName("drop_in_delete_button")
        self.delete_button.setToolTip(self.tr("Only a visit recorded by mistake (Delete key in the list)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.month_model = DropInMonthTableModel(self)
        self.month_table = record_table(self.month_model, "dropInMonthTable", fit_to_contents=True)
        self.month_table.activated.connect(self._month_day_activated)  # Enter or a double click shows that day
        self.month_table.setToolTip(self.tr("Enter or a double click shows the day"))

        day_side = QWidget()
        day_layout = QVBoxLayout(day_side)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(self.day_counts_label)
        day_layout.addWidget(self.visits_table, 1)
        day_layout.addWidget(self.unlisted_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        day_layout.addLayout(buttons)
        month_side = QWidget()
        month_layout = QVBoxLayout(month_side)
        month_layout.setContentsMargins(0, 0, 0, 0)
        month_layout.addWidget(self.month_counts_label)
        month_layout.addWidget(self.month_table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(day_side)
        splitter.addWidget(month_side)
        month_side.setMinimumWidth(270)  # its five short columns; the day's visits take the rest
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)

        title = QLabel(self.tr("Drop-in register"))
        title.setObjectName("pageTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.entry)
        layout.addLayout(navigation)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.household_picker, self.anonymous_box)
        self.setTabOrder(self.anonymous_box, self.person_combo)
        self.setTabOrder(self.person_combo, self.age_combo)
        self.setTabOrder(self.age_combo, self.sex_combo)
        self.setTabOrder(self.sex_combo, self.reason_combo)
        self.setTabOrder(self.reason_combo, self.time_edit)
        self.setTabOrder(self.time_edit, self.record_button)

        self._clock = QTimer(self)
        self._clock.setInterval(NOW_REFRESH_MS)
        self._clock.timeout.connect(self._follow_the_clock)
        self._clock.start()
        self._clear_entry()
        self.refresh()

    # --------------------------------------------------------------------------------------------- Qt

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in a field of the entry row records; the Delete key in the list deletes the selected visit."""
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            if watched is self.visits_table and event.key() == Qt.Key.Key_Delete and plain:
                self.delete_selected()
                return True
            popup = self._matches_popup()
            entered = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain
            if entered and (watched in self._entry_fields or watched is popup):
                if popup is not None and popup.isVisible():
                    if popup.currentIndex().isValid():
                        return False  # a match chosen with the arrows: the completer picks it
                    popup.hide()
                self.submit()
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: Any) -> None:
        """Shown again (another section before): the cursor in the household field."""
        super().showEvent(event)
        self.household_picker.setFocus()

    # --------------------------------------------------------------------------------------------- actions

    def refresh(self) -> None:
        """Read the day shown and its month again (after a change elsewhere, or a new day)."""
        today = self._today()
        if self.day_shown == self._today_when_shown:  # it showed today: it shows the new today
            self.day_shown = today
        self.day_shown = min(self.day_shown, today)
        self._today_when_shown = today
        try:
            self.register = self._drop_in.day(self.day_shown)
            month = self._drop_in.month_counts(self.day_shown.year, self.day_shown.month)
        except KnownError as exc:
            show_error(self, exc)
            return
        self.day_edit.blockSignals(True)
        self.day_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day_edit.setDate(QDate(self.day_shown.year, self.day_shown.month, self.day_shown.day))
        self.day_edit.blockSignals(False)
        self.visits_model.set_records(list(self.register.visits))
        self.visits_table.resizeColumnsToContents()
        self.month_model.set_records([row for row in month.days if row.counts.visits])  # the days people came
        self.month_table.scrollToBottom()
        counts = self.register.counts
        self.day_counts_label.setText(
            self.tr("<b>{day}</b>: {counts}").format(day=format_long_date(self.day_shown), counts=self._said(counts))
        )
        self.month_counts_label.setText(
            self.tr("<b>{month}</b>: {counts}").format(
                month=format_month(self.day_shown).capitalize(), counts=self._said(month.total)
            )
        )
        unlisted = self.register.unlisted
        self.unlisted_label.setVisible(unlisted > 0)
        self.unlisted_label.setText(
            self.tr("%n visit(s) of households followed by another team: counted, not listed.", "", unlisted)
        )
        self.entry.setTitle(
            self.tr("New visit")
            if self.day_shown == today
            else self.tr("New visit on {day}").format(day=format_date(self.day_shown))
        )
        enable_unless(self.next_button, "" if self.day_shown < today else self.tr("This is today"))
        self._update_buttons()

    def show_day(self, day: date) -> None:
        """Show the visits of ``day`` (not after today)."""
        self.day_shown = min(day, self._today())
        if not self._time_touched:
            self._follow_the_clock()
        self.refresh()

    def submit(self) -> None:
        """Record the visit typed, or first pick the household whose name is typed (Enter again records)."""
        text = self.household_picker.currentText().strip()
        anonymous = self.anonymous_box.isChecked() or text.casefold() in ANONYMOUS_WORDS
        household_id = None if anonymous else self.household_picker.household_id()
        if not anonymous and household_id is None:
            self._find_household(text)
            return
        data = DropInInput(
            household_id=household_id,
            person_id=self.person_combo.currentData() if household_id is not None else None,
            age_band=self.age_combo.currentData() if anonymous else None,
            sex=self.sex_combo.currentData() if anonymous else None,
            reason_code=str(self.reason_combo.currentData() or ""),
            occurred_at=self._moment(),
        )
        try:
            visit = self._drop_in.record_visit(data)
        except ValidationError as exc:
            self._say("\n".join(exc.errors.values()), error=True)
            return
        except KnownError as exc:  # the household out of sight meanwhile, the server unreachable: said, kept
            show_error(self, exc)
            return
        self._clear_entry()
        self.refresh()
        self._say(
            self.tr("Recorded at {time}: {who}.").format(time=f"{visit.occurred_at.astimezone():%H:%M}", who=visit.who)
        )
        self.visit_recorded.emit(visit.id)

    def delete_selected(self) -> None:
        """Delete the selected visit after confirmation (one recorded by mistake)."""
        visit = self.selected()
        if visit is None or not visit.may_delete:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete the visit"),
            self.tr("Delete the visit of {time} ({who})? Only a visit recorded by mistake should be deleted.").format(
                time=f"{visit.occurred_at.astimezone():%H:%M}", who=visit.who
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._drop_in.delete_visit(visit.id)
        except KnownError as exc:
            show_error(self, exc)
        else:
            self.visit_deleted.emit(visit.id)
        self.refresh()

    def selected(self) -> Visit | None:
        """Return the visit of the selected row, if any."""
        rows = self.visits_table.selectionModel().selectedRows()
        return self.visits_model.record(rows[0].row()) if rows else None

    # --------------------------------------------------------------------------------------------- helpers

    def _find_household(self, text: str) -> None:
        """Pick the one household ``text`` finds, or show the matches to choose from."""
        if not text:
            self._say(self.tr("Type part of a name or a number, or « anonyme »."), error=True)
            return
        try:
            found = self._search(text, 2)
        except KnownError as exc:
            show_error(self, exc)
            return
        if not found:
            self._say(self.tr("No household matches « {text} ».").format(text=text), error=True)
        elif len(found) == 1:
            self.household_picker.pick(found[0])
            self._say(self.tr("Enter records the visit; Tab to name the person or the reason first."))
        else:
            self.household_picker.look_up()
            self._say(self.tr("Several households match: choose one with the arrows and Enter."))

    def _matches_popup(self) -> QAbstractItemView | None:
        completer = self.household_picker.completer()
        return completer.popup() if completer is not None else None

    def _household_changed(self) -> None:
        """A household picked: its persons to choose from, and the visit is no longer anonymous."""
        household_id = self.household_picker.household_id()
        self.person_combo.clear()
        self.person_combo.addItem(self.tr("The household"), None)
        if household_id is None:
            return
        self.anonymous_box.setChecked(False)
        self.age_combo.setCurrentIndex(0)
        self.sex_combo.setCurrentIndex(0)
        try:
            persons = self._drop_in.persons_for(household_id)
        except KnownError as exc:
            show_error(self, exc)
            return
        for person in persons:
            name = person.name if person.current else self.tr("{name} (left the household)").format(name=person.name)
            self.person_combo.addItem(name, person.id)

    def _anonymous_toggled(self, anonymous: bool) -> None:
        if anonymous and self.household_picker.household_id() is not None:
            self.household_picker.clear()
            self.household_picker.setEditText("")

    def _time_changed(self) -> None:
        self._time_touched = True

    def _follow_the_clock(self) -> None:
        """The time field shows now while the person has not changed it."""
        if not self._time_touched:
            self.time_edit.blockSignals(True)
            local = self._now().astimezone()
            self.time_edit.setTime(QTime(local.hour, local.minute))
            self.time_edit.blockSignals(False)

    def _moment(self) -> datetime | None:
        """When the visit took place: now (None) for today's untouched time, else the day shown at the time typed."""
        if not self._time_touched and self.day_shown == self._today():
            return None
        typed = self.time_edit.time()
        return datetime.combine(self.day_shown, time(typed.hour(), typed.minute())).astimezone()

    def _clear_entry(self) -> None:
        self.household_picker.matches.clear()  # the last matches would pop up again at the next letter
        self.household_picker.clear()
        self.household_picker.setEditText("")
        self.anonymous_box.setChecked(False)
        self.person_combo.clear()
        self.person_combo.addItem(self.tr("The household"), None)
        for combo in (self.age_combo, self.sex_combo, self.reason_combo):
            combo.setCurrentIndex(0)
        self._time_touched = False
        self._follow_the_clock()
        self.household_picker.setFocus()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)

    def _said(self, counts: DropInCounts) -> str:
        return self.tr("{visits} — {identified}, {anonymous}; {households}").format(
            visits=self.tr("%n visit(s)", "", counts.visits),
            identified=self.tr("%n identified", "", counts.identified),
            anonymous=self.tr("%n anonymous", "", counts.anonymous),
            households=self.tr("%n household(s)", "", counts.households),
        )

    def _month_day_activated(self, *_args: object) -> None:
        rows = self.month_table.selectionModel().selectedRows()
        if rows:
            self.show_day(self.month_model.record(rows[0].row()).day)

    def _update_buttons(self) -> None:
        visit = self.selected()
        if visit is None:
            reason = self.tr("Select a visit in the list")
        elif not visit.may_delete:
            reason = self.tr("Only whoever recorded the visit, or a team lead, may delete it")
        else:
            reason = ""
        enable_unless(self.delete_button, reason)
