"""« Maraude »: street encounters typed in under 30 seconds from the keyboard, then the list to attach them.

The quick entry sits at the top (docs/domain.md §14.5): the place (the recent places complete it), the time (empty:
now), what was offered (checkable buttons, Alt+1…Alt+9 toggle them), age band and sex if known — never a name.
Enter records and clears the form, the cursor back on the place for the next one. Below, the encounters of a
period, newest first, with a filter for those still to attach; « Attacher à un ménage… » (Enter on a row) once the
person is identified.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain.aftercare import AGE_BAND_LABELS, SEX_LABELS
from caseworker.errors import KnownError
from caseworker.formats import format_datetime
from caseworker.services.date_rules import DateKind
from caseworker.services.encounters import EncounterInput, EncounterView
from caseworker.services.errors import ValidationError
from caseworker.services.reference import Choice
from caseworker.services.validation import NAME_MAX
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.flow_layout import FlowLayout
from caseworker.ui.common.form_errors import ERROR_STYLE, changed_meanwhile
from caseworker.ui.common.messages import ask_yes_no, show_error
from caseworker.ui.common.record_table_model import Column, RecordTableModel
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.encounters.outreach_dialogs import (
    AttachEncounterDialog,
    CorrectEncounterDialog,
    OutreachDeps,
    encounter_summary,
)

translate = QCoreApplication.translate

_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:[:hH.]\s*(\d{2})?)?\s*$")
_COMPACT_TIME = re.compile(r"^\s*(\d{2})(\d{2})\s*$")


def parse_time(text: str) -> time | None:
    """Read a time as people type it (« 21:30 », « 21h30 », « 21h », « 2130 »); None when empty.

    Raises:
        ValueError: the text is not a time of day.
    """
    if not text.strip():
        return None
    found = _TIME.match(text) or _COMPACT_TIME.match(text)
    if found is None:
        raise ValueError(text)
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValueError(text)
    return time(hour, minute)


@dataclass(frozen=True)
class Period:
    """A choice of the period selector: its label and its days, from today."""

    key: str
    label: str


def period_days(key: str, today: date) -> tuple[date, date]:
    """The first and last days of the period ``key`` around ``today``."""
    if key == "today":
        return today, today
    if key == "week":
        return today - timedelta(days=6), today
    if key == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if key == "quarter":
        return today - timedelta(days=91), today
    if key == "year":
        return today.replace(month=1, day=1), today
    return today.replace(day=1), today  # this month


class OutreachTableModel(RecordTableModel[EncounterView]):
    """The street encounters of a period, newest first."""

    COLUMN_PLACE = 1
    COLUMN_OFFERED = 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("OutreachTableModel", "When"),
                    lambda r: format_datetime(r.occurred_at),
                    sort_key=lambda r: (r.occurred_at, r.id),
                ),
                Column(translate("OutreachTableModel", "Place"), lambda r: r.place, tooltip=lambda r: r.place),
                Column(
                    translate("OutreachTableModel", "Offered"),
                    lambda r: " ; ".join(r.offer_labels),
                    tooltip=lambda r: "\n".join(r.offer_labels),
                ),
                Column(translate("OutreachTableModel", "Age"), lambda r: r.age_band_label),
                Column(translate("OutreachTableModel", "Sex"), lambda r: r.sex_label),
                Column(translate("OutreachTableModel", "Household"), _household_text, tooltip=_attached_tooltip),
                Column(translate("OutreachTableModel", "Recorded by"), lambda r: r.recorded_by_name),
            ],
            parent,
        )


def _household_text(encounter: EncounterView) -> str:
    if not encounter.is_attached:
        return translate("OutreachTableModel", "To attach")
    who = f" ({encounter.person_name})" if encounter.person_name else ""
    return f"{encounter.household_name} · {encounter.household_reference}{who}"


def _attached_tooltip(encounter: EncounterView) -> str:
    if encounter.attached_at is None:
        return ""
    return translate("OutreachTableModel", "Attached by {who} on {when}").format(
        who=encounter.attached_by_name or "—", when=format_datetime(encounter.attached_at)
    )


class QuickEncounterForm(QGroupBox):
    """The quick entry: place, time, day, offers, age band, sex; Enter records (see the module docstring).

    Signals:
        recorded(object): an encounter was recorded (its :class:`EncounterView`).
    """

    recorded = Signal(object)

    def __init__(self, deps: OutreachDeps, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New encounter (no name)"), parent)
        self.deps = deps
        self.place_edit = QLineEdit()
        self.place_edit.setObjectName("outreach_place")
        self.place_edit.setMaxLength(NAME_MAX)
        self.place_edit.setPlaceholderText(self.tr("Street, square, station…"))
        self.places = QStringListModel(self)
        completer = QCompleter(self.places, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.place_edit.setCompleter(completer)
        self.time_edit = QLineEdit()
        self.time_edit.setObjectName("outreach_time")
        self.time_edit.setMaxLength(5)
        self.time_edit.setPlaceholderText(self.tr("now"))
        self.time_edit.setToolTip(self.tr("Empty: now. Otherwise e.g. 21:30 or 21h30."))
        self.time_edit.setFixedWidth(self.time_edit.fontMetrics().horizontalAdvance("00:00 now") + 16)
        self.day_field = DateField(kind=DateKind.EVENT, today=deps.today)
        self.day_field.setObjectName("outreach_day")
        self.day_field.set_date(deps.today())
        self.age_combo = QComboBox()
        self.age_combo.setObjectName("outreach_age_band")
        self.age_combo.addItem(self.tr("— not known —"), None)
        for band, label in AGE_BAND_LABELS.items():
            self.age_combo.addItem(label, band)
        self.sex_combo = QComboBox()
        self.sex_combo.setObjectName("outreach_sex")
        self.sex_combo.addItem(self.tr("— not known —"), None)
        for sex, label in SEX_LABELS.items():
            self.sex_combo.addItem(label, sex)
        self.record_button = QPushButton(self.tr("&Record (Enter)"))
        self.record_button.setObjectName("outreach_record")
        self.record_button.clicked.connect(self.record)
        self.error_label = QLabel()
        self.error_label.setObjectName("outreach_errors")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.offer_buttons: list[QPushButton] = []
        self._offer_shortcuts: list[QShortcut] = []
        self._offer_choices: list[Choice] = []
        self.offers_row = FlowLayout()
        self._lay_out()
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.record)

    def _lay_out(self) -> None:
        first = QHBoxLayout()
        first.addWidget(_buddy(self.tr("&Place:"), self.place_edit))
        first.addWidget(self.place_edit, 1)
        first.addWidget(_buddy(self.tr("&Time:"), self.time_edit))
        first.addWidget(self.time_edit)
        first.addWidget(_buddy(self.tr("&Day:"), self.day_field))
        first.addWidget(self.day_field)
        offered = QHBoxLayout()
        offered.addWidget(QLabel(self.tr("Offered (Alt+number):")), 0, Qt.AlignmentFlag.AlignTop)
        offered.addLayout(self.offers_row, 1)
        last = QHBoxLayout()
        last.addWidget(_buddy(self.tr("&Age:"), self.age_combo))
        last.addWidget(self.age_combo)
        last.addWidget(_buddy(self.tr("&Sex:"), self.sex_combo))
        last.addWidget(self.sex_combo)
        last.addStretch(1)
        last.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(offered)
        layout.addLayout(last)
        layout.addWidget(self.error_label)

    def set_offers(self, choices: list[Choice]) -> None:
        """Show ``choices`` as checkable buttons, the first nine toggled by Alt+1…Alt+9 (kept when unchanged).

        The shortcuts are the form's own, not the buttons' mnemonics: a mnemonic clicks its button a tenth of a
        second later (Qt animates the press), and an Enter typed meanwhile would record without that offer.
        """
        if choices == self._offer_choices:
            return
        self._offer_choices = list(choices)
        for button in self.offer_buttons:
            self.offers_row.removeWidget(button)
            button.deleteLater()
        for shortcut in self._offer_shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self.offer_buttons, self._offer_shortcuts = [], []
        for number, choice in enumerate(choices, start=1):
            button = QPushButton(f"{number} · {choice.label}" if number <= 9 else choice.label)
            button.setCheckable(True)
            button.setObjectName(f"offer_{choice.code}")
            button.setProperty("code", choice.code)
            self.offers_row.addWidget(button)
            button.show()  # added to a form already shown: else shown only once the events are processed
            self.offer_buttons.append(button)
            if number <= 9:
                keys = QKeySequence(Qt.Modifier.ALT | Qt.Key(Qt.Key.Key_0.value + number))
                button.setToolTip(keys.toString(QKeySequence.SequenceFormat.NativeText))
                shortcut = QShortcut(keys, self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(button.toggle)
                self._offer_shortcuts.append(shortcut)
        self._set_tab_order()

    def set_places(self, places: list[str]) -> None:
        """The recent places the place field completes."""
        self.places.setStringList(places)

    def data(self) -> EncounterInput:
        """Return the encounter as typed.

        Raises:
            ValidationError: the time or the day cannot be read (said under the form, in French).
        """
        problems: dict[str, str] = {}
        day, day_problem = self.day_field.date_or_error()
        if day_problem:
            problems["occurred_at"] = self.tr("Day: {problem}").format(problem=day_problem)
        try:
            at = parse_time(self.time_edit.text())
        except ValueError:
            problems["occurred_at"] = self.tr("Time: type it as 21:30 or 21h30 (empty: now).")
            at = None
        if at is None and day is not None and day != self.deps.today() and not problems:
            problems["occurred_at"] = self.tr("Time: type the time of an encounter of another day.")
        if problems:
            raise ValidationError(problems)
        occurred_at = datetime.combine(day, at).astimezone() if at is not None and day is not None else None
        return EncounterInput(
            place=self.place_edit.text(),
            offer_codes=tuple(str(b.property("code")) for b in self.offer_buttons if b.isChecked()),
            age_band=self.age_combo.currentData(),
            sex=self.sex_combo.currentData(),
            occurred_at=occurred_at,
        )

    def record(self) -> None:
        """Record the encounter typed, then clear the form for the next one (refused: said, everything kept)."""
        try:
            saved = self.deps.outreach.record_encounter(self.data())
        except ValidationError as exc:
            self._show(exc.errors)
            return
        except KnownError as exc:
            show_error(self, exc)
            return
        self.clear()
        self.recorded.emit(saved)

    def clear(self) -> None:
        """Empty the form (the day back to today), the cursor on the place."""
        self.place_edit.clear()
        self.time_edit.clear()
        self.day_field.set_date(self.deps.today())
        for button in self.offer_buttons:
            button.setChecked(False)
        self.age_combo.setCurrentIndex(0)
        self.sex_combo.setCurrentIndex(0)
        self._show({})
        self.place_edit.setFocus()

    def _show(self, errors: dict[str, str]) -> None:
        self.error_label.setText("\n".join(errors.values()))
        self.error_label.setVisible(bool(errors))
        fields: dict[str, QWidget] = {"place": self.place_edit, "occurred_at": self.time_edit}
        if self.offer_buttons:
            fields["offer_codes"] = self.offer_buttons[0]
        for field, widget in fields.items():
            if field in errors:
                widget.setFocus()
                break

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [self.place_edit, self.time_edit, self.day_field.line_edit, *self.offer_buttons]
        chain += [self.age_combo, self.sex_combo, self.record_button]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


WIDEST_TEXT_COLUMN = 220
"""The widest the place and offers columns open (in pixels): the whole list fits a 1024-pixel screen."""

PERIODS = ("today", "week", "month", "last_month", "quarter", "year")


class OutreachPage(QWidget):
    """Street outreach: the quick entry, then the period's encounters with Attach…, Detach… and Delete….

    Signals:
        encounters_changed(): an encounter was recorded, attached, detached or deleted here.
    """

    encounters_changed = Signal()

    def __init__(self, deps: OutreachDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deps = deps
        title = QLabel(self.tr("Street outreach"))
        title.setObjectName("pageTitle")
        self.form = QuickEncounterForm(deps)
        self.form.recorded.connect(self._recorded)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("outreach_period")
        labels = {
            "today": self.tr("Today"),
            "week": self.tr("Last 7 days"),
            "month": self.tr("This month"),
            "last_month": self.tr("Last month"),
            "quarter": self.tr("Last 3 months"),
            "year": self.tr("This year"),
        }
        for key in PERIODS:
            self.period_combo.addItem(labels[key], key)
        self.period_combo.setCurrentIndex(PERIODS.index("week"))
        self.period_combo.currentIndexChanged.connect(self.refresh)
        self.unattached_check = QCheckBox(self.tr("T&o attach only"))
        self.unattached_check.setObjectName("outreach_unattached_only")
        self.unattached_check.toggled.connect(self.refresh)
        self.count_label = QLabel()
        self.count_label.setObjectName("outreach_count")
        self.model = OutreachTableModel(self)
        self.table = record_table(self.model, "outreachTable", sortable=True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.activated.connect(self.attach)  # Enter or a double click
        self.table.installEventFilter(self)  # the Delete key deletes the selected encounter
        self.attach_button = QPushButton(self.tr("Attac&h to a household…"))
        self.attach_button.setObjectName("outreach_attach")
        self.attach_button.setToolTip(self.tr("Once the person is identified (Enter in the list)"))
        self.attach_button.clicked.connect(self.attach)
        self.correct_button = QPushButton(self.tr("C&orrect…"))
        self.correct_button.setObjectName("outreach_correct")
        self.correct_button.clicked.connect(self.correct)
        self.detach_button = QPushButton(self.tr("Deta&ch…"))
        self.detach_button.setObjectName("outreach_detach")
        self.detach_button.clicked.connect(self.detach)
        self.delete_button = QPushButton(self.tr("De&lete…"))
        self.delete_button.setObjectName("outreach_delete")
        self.delete_button.clicked.connect(self.delete)
        self._lay_out(title)
        self._update_buttons()

    def _lay_out(self, title: QLabel) -> None:
        filters = QHBoxLayout()
        filters.addWidget(_buddy(self.tr("P&eriod:"), self.period_combo))
        filters.addWidget(self.period_combo)
        filters.addWidget(self.unattached_check)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.attach_button, self.correct_button, self.detach_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.form)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def refresh(self, *_args: object) -> None:
        """Read the offers, the recent places and the period's encounters again."""
        try:
            self.form.set_offers(self.deps.outreach.offer_choices())
            self.form.set_places(self.deps.outreach.recent_places())
            start, end = period_days(str(self.period_combo.currentData()), self.deps.today())
            rows = self.deps.outreach.encounters(start, end, unattached_only=self.unattached_check.isChecked())
        except KnownError as exc:
            show_error(self, exc)
            return
        self.model.set_records(rows)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.resizeColumnsToContents()
        for column in (OutreachTableModel.COLUMN_PLACE, OutreachTableModel.COLUMN_OFFERED):  # the rest in a tooltip
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), WIDEST_TEXT_COLUMN))
        self.count_label.setText(self.tr("%n encounter(s)", "", len(rows)))
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The Delete key in the list asks to delete the selected encounter."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                self.delete()
                return True
        return super().eventFilter(watched, event)

    def selected(self) -> EncounterView | None:
        """Return the encounter of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def attach(self, *_args: object) -> None:
        """Attach the selected encounter to a household (not one attached already)."""
        encounter = self.selected()
        if encounter is None or encounter.is_attached:
            return
        dialog = AttachEncounterDialog(self.deps, encounter, parent=self)
        if dialog.exec() or changed_meanwhile(dialog):
            self._changed()

    def correct(self) -> None:
        """Correct the selected encounter (time, place, offers, age band, sex)."""
        encounter = self.selected()
        if encounter is None:
            return
        dialog = CorrectEncounterDialog(self.deps, encounter, parent=self)
        if dialog.exec() or changed_meanwhile(dialog):
            self._changed()

    def detach(self) -> None:
        """Detach the selected encounter from its household (attached by mistake), after confirmation."""
        encounter = self.selected()
        if encounter is None or not encounter.is_attached:
            return
        question = self.tr("Detach the encounter « {encounter} » from {household}? Only one attached by mistake.")
        if not ask_yes_no(
            self,
            self.tr("Detach the encounter"),
            question.format(encounter=encounter_summary(encounter), household=encounter.household_name),
        ):
            return
        try:
            self.deps.outreach.detach_encounter(encounter.id, expected_version=encounter.row_version)
        except KnownError as exc:  # changed or gone meanwhile: said, then the list shows what is now
            show_error(self, exc)
        self._changed()

    def delete(self) -> None:
        """Delete the selected encounter (recorded by mistake), after confirmation."""
        encounter = self.selected()
        if encounter is None or not encounter.may_delete:
            return
        question = self.tr("Delete the encounter « {encounter} »? Only one recorded by mistake should be deleted.")
        if not ask_yes_no(
            self, self.tr("Delete the encounter"), question.format(encounter=encounter_summary(encounter))
        ):
            return
        try:
            self.deps.outreach.delete_encounter(encounter.id, expected_version=encounter.row_version)
        except KnownError as exc:
            show_error(self, exc)
        self._changed()

    def _recorded(self, _encounter: EncounterView) -> None:
        self._changed()
        self.form.place_edit.setFocus()

    def _changed(self) -> None:
        self.refresh()
        self.encounters_changed.emit()

    def _update_buttons(self, *_args: object) -> None:
        encounter = self.selected()
        none = self.tr("Select an encounter in the list first.")
        attach = none if encounter is None else self.tr("Already attached.") if encounter.is_attached else ""
        enable_unless(self.attach_button, attach)
        detach = none if encounter is None else "" if encounter.is_attached else self.tr("Attached to no household.")
        enable_unless(self.detach_button, detach)
        enable_unless(self.correct_button, none if encounter is None else "")
        delete = (
            none
            if encounter is None
            else ""
            if encounter.may_delete
            else self.tr("Only who recorded it, or a team lead, deletes an encounter.")
        )
        enable_unless(self.delete_button, delete)
