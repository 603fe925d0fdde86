"""Paramètres › Dispositifs: the measure catalogue, and the dialog that creates or edits a measure.

Measures are reference data (STYLE.md §9): an administrator adds "Totem" or "AMLI maintien" here, with its
duration policy and intensity scale, without a release. Every rule is the service's; this module only shows
what it returns and sends back what was typed.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain import DurationPolicy
from caseworker.domain.support import DURATION_POLICY_LABELS
from caseworker.services.support import IntensityLevelInput, MeasureInput, MeasureService, MeasureView
from caseworker.services.support.criteria import CriteriaService
from caseworker.services.support.funding import FundingService
from caseworker.services.support.measures import (
    DEFAULT_SCALE,
    MAX_CASELOAD_TARGET,
    MAX_DURATION_MONTHS,
    MAX_EXTENSIONS,
    MAX_REVIEW_MONTHS,
    MEASURE_NAME_MAX,
    TARGET_PUBLIC_MAX,
)
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import FormErrors, submit
from caseworker.ui.common.record_table_model import Column, RecordTableModel
from caseworker.ui.common.text_limits import limit_text, limited_line
from caseworker.ui.households.funding_dialog import FundingDialog
from caseworker.ui.settings.criteria_editor import CriteriaButton

translate = QCoreApplication.translate

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_WHOLE_NUMBER = re.compile(r"^-?\d{1,6}$")
_LEVEL_ERROR = re.compile(r"^levels\.(\d+)\.(\w+)$")
NO_VALUE = "—"
"""What a spin box shows at its special (empty) value."""


class MeasureTableModel(RecordTableModel[MeasureView]):
    """The catalogue: name, scope, duration policy, caseload target, levels, active."""

    COLUMN_NAME = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(translate("MeasureTableModel", "Measure"), lambda m: m.name),
                Column(translate("MeasureTableModel", "Scope"), lambda m: m.scope_label),
                Column(
                    translate("MeasureTableModel", "Duration"),
                    lambda m: m.policy_label,
                    sort_key=lambda m: (m.duration_months is None, m.duration_months or 0, m.max_extensions or 0),
                ),
                Column(
                    translate("MeasureTableModel", "Caseload target"),
                    lambda m: "" if m.caseload_target is None else str(m.caseload_target),
                    sort_key=lambda m: m.caseload_target or 0,
                    alignment=_RIGHT,
                ),
                Column(
                    translate("MeasureTableModel", "Intensity levels"),
                    lambda m: str(len(m.active_levels())),
                    sort_key=lambda m: len(m.active_levels()),
                    alignment=_RIGHT,
                    tooltip=lambda m: "\n".join(f"{lvl.label} : {lvl.rhythm_label}" for lvl in m.active_levels()),
                ),
                Column(
                    translate("MeasureTableModel", "Active"),
                    lambda m: (
                        translate("MeasureTableModel", "yes") if m.active else translate("MeasureTableModel", "no")
                    ),
                    sort_key=lambda m: not m.active,
                    alignment=_CENTER,
                ),
            ],
            parent,
        )

    def row_of(self, measure_id: int) -> int:
        """Return the row showing the measure ``measure_id``, or -1."""
        return next((row for row, item in enumerate(self.records()) if item.id == measure_id), -1)


class MeasureCataloguePanel(QWidget):
    """The list of measures with New and Edit; inactive measures are shown on request.

    Signals:
        catalogue_changed: a measure was created or edited (pickers elsewhere may re-read the catalogue).
    """

    catalogue_changed = Signal()

    def __init__(
        self,
        measures: MeasureService,
        funding: FundingService,
        parent: QWidget | None = None,
        *,
        criteria: CriteriaService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("measureCatalogue")
        self._measures = measures
        self._funding = funding
        self.model = MeasureTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("measureTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(False)  # catalogue order, as the administrator arranged it
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(self._edit_index)
        self.table.installEventFilter(self)
        self.new_button = QPushButton(self.tr("&New measure…"))
        self.new_button.setObjectName("newMeasureButton")
        self.new_button.clicked.connect(self.create_measure)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setObjectName("editMeasureButton")
        self.edit_button.clicked.connect(self.edit_selected)
        self.funding_button = QPushButton(self.tr("&Funding…"))
        self.funding_button.setObjectName("measureFundingButton")
        self.funding_button.clicked.connect(self.edit_funding)
        self.inactive_check = QCheckBox(self.tr("Show &inactive measures"))
        self.inactive_check.setObjectName("showInactiveCheck")
        self.inactive_check.toggled.connect(lambda _checked: self.reload())
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.funding_button)
        self.criteria_button = CriteriaButton(criteria, self)  # the measure's entry criteria (ui/settings)
        buttons.addWidget(self.criteria_button)
        buttons.addStretch(1)
        buttons.addWidget(self.inactive_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Re-read the catalogue, keeping (or moving to) the selected measure."""
        current = self.selected_measure()
        target = select_id if select_id is not None else current.id if current else None
        self.model.set_records(self._measures.list_measures(include_inactive=self.inactive_check.isChecked()))
        self.table.resizeColumnsToContents()
        row = self.model.row_of(target) if target is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected_measure(self) -> MeasureView | None:
        """Return the measure of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def create_measure(self) -> None:
        """Open the dialog for a new measure; select it once saved."""
        dialog = MeasureDialog(self._measures, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self._saved(dialog.saved)

    def edit_selected(self) -> None:
        """Open the dialog on the selected measure."""
        measure = self.selected_measure()
        if measure is None:
            return
        dialog = MeasureDialog(self._measures, measure, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self._saved(dialog.saved)

    def edit_funding(self) -> None:
        """Open the funding lines of the selected measure (saved on their own)."""
        measure = self.selected_measure()
        if measure is None:
            return
        funding = self._funding
        dialog = FundingDialog(
            funding,
            funding.measure_funding(measure.id),
            lambda shares: funding.set_measure_funding(measure.id, shares or ()),
            parent=self,
        )
        if dialog.exec() and dialog.saved is not None:
            self.catalogue_changed.emit()

    def _saved(self, measure: MeasureView) -> None:
        if not measure.active and not self.inactive_check.isChecked():
            self.reload()
        else:
            self.reload(select_id=measure.id)
        self.catalogue_changed.emit()

    def _edit_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.edit_selected()

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected_measure() is not None)
        no_measure = self.tr("Choose a measure in the list first.") if self.selected_measure() is None else ""
        enable_unless(self.funding_button, self._funding.refusal() or no_measure)
        self.criteria_button.follow(self.selected_measure())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter edits the selected measure."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.selected_measure() is not None
        ):
            self.edit_selected()
            return True
        return super().eventFilter(watched, event)


class LevelErrors(FormErrors):
    """Form errors that gather the messages about single levels ("levels.2.label") under the levels table."""

    def __init__(self, levels_table: LevelsTable) -> None:
        super().__init__()
        self._table = levels_table

    def show(self, errors: dict[str, str]) -> None:
        """Show each message; level messages go under the table, and the first faulty cell is selected."""
        merged: dict[str, str] = {}
        first_cell: tuple[int, str] | None = None
        for field, message in errors.items():
            match = _LEVEL_ERROR.match(field)
            if match is None:
                merged[field] = message if field not in merged else f"{merged[field]}\n{message}"
                continue
            merged["levels"] = message if "levels" not in merged else f"{merged['levels']}\n{message}"
            cell = int(match.group(1)), match.group(2)
            if first_cell is None or cell[0] < first_cell[0]:
                first_cell = cell
        super().show(merged)
        if first_cell is not None:
            self._table.select_cell(*first_cell)


class LevelsTable(QWidget):
    """A small editable table of intensity levels, with Add and Remove; a level's code travels with its row."""

    COLUMN_LABEL, COLUMN_CONTACTS, COLUMN_DAYS, COLUMN_WEIGHT, COLUMN_NO_CONTACT, COLUMN_ACTIVE = range(6)
    _FIELD_COLUMNS: ClassVar[dict[str, int]] = {
        "label": COLUMN_LABEL,
        "code": COLUMN_LABEL,
        "rhythm": COLUMN_CONTACTS,
        "weight_percent": COLUMN_WEIGHT,
        "no_contact_days": COLUMN_NO_CONTACT,
    }
    CODE_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("levelsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Label"),
                self.tr("Contacts"),
                self.tr("Every (days)"),
                self.tr("Weight (%)"),
                self.tr("No contact after (days)"),
                self.tr("Active"),
            ]
        )
        for column, tip in (
            (self.COLUMN_CONTACTS, self.tr("Expected contacts per period; leave both empty for 'on request'.")),
            (self.COLUMN_WEIGHT, self.tr("Caseload weight: 100 counts as one household, 200 as two.")),
            (
                self.COLUMN_NO_CONTACT,
                self.tr("The household is flagged after this many days without a successful contact (empty: never)."),
            ),
        ):
            header_item = self.table.horizontalHeaderItem(column)
            assert header_item is not None  # the labels were set just above
            header_item.setToolTip(tip)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table: arrows move between cells
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COLUMN_LABEL, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(190)
        self.add_button = QPushButton(self.tr("&Add a level"))
        self.add_button.setObjectName("addLevelButton")
        self.add_button.clicked.connect(self.add_level)
        self.remove_button = QPushButton(self.tr("Remo&ve the level"))
        self.remove_button.setObjectName("removeLevelButton")
        self.remove_button.setToolTip(
            self.tr("A level already used keeps its history: it is deactivated, never deleted.")
        )
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

    def set_levels(self, levels: tuple[IntensityLevelInput, ...]) -> None:
        """Show ``levels`` (replacing the rows)."""
        self.table.setRowCount(0)
        for level in levels:
            self._append(level)

    def _append(self, level: IntensityLevelInput) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        label = QTableWidgetItem(level.label)
        label.setData(self.CODE_ROLE, level.code)
        self.table.setItem(row, self.COLUMN_LABEL, label)
        for column, value in (
            (self.COLUMN_CONTACTS, level.rhythm_contacts),
            (self.COLUMN_DAYS, level.rhythm_days),
            (self.COLUMN_WEIGHT, level.weight_percent),
            (self.COLUMN_NO_CONTACT, level.no_contact_days),
        ):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setTextAlignment(_RIGHT)
            self.table.setItem(row, column, item)
        active = QTableWidgetItem()
        active.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
        active.setCheckState(Qt.CheckState.Checked if level.active else Qt.CheckState.Unchecked)
        self.table.setItem(row, self.COLUMN_ACTIVE, active)
        return row

    def add_level(self) -> None:
        """Add an empty active level (weight 100) and start typing its label."""
        row = self._append(IntensityLevelInput("", None, None, 100, None))
        self.table.setFocus()
        self.table.setCurrentCell(row, self.COLUMN_LABEL)
        label_item = self.table.item(row, self.COLUMN_LABEL)
        if label_item is not None:
            self.table.editItem(label_item)

    def remove_current(self) -> None:
        """Remove the current row (the service deactivates a stored level left out, it never deletes it)."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.table.setFocus()

    def select_cell(self, row: int, field: str) -> None:
        """Put the cursor on the cell a message is about."""
        if 0 <= row < self.table.rowCount():
            self.table.setCurrentCell(row, self._FIELD_COLUMNS.get(field, self.COLUMN_LABEL))

    def commit_editing(self) -> None:
        """Finish the cell being typed in, so that Save reads what is on screen."""
        focus = QApplication.focusWidget()
        if focus is not None and focus is not self.table and self.table.isAncestorOf(focus):
            self.table.setFocus()

    def levels(self) -> tuple[tuple[IntensityLevelInput, ...], str]:
        """Return the levels typed, and a message when a number cannot be read ("" when all can)."""
        levels = []
        for row in range(self.table.rowCount()):
            label_item = self.table.item(row, self.COLUMN_LABEL)
            numbers: list[int | None] = []
            for column in (self.COLUMN_CONTACTS, self.COLUMN_DAYS, self.COLUMN_WEIGHT, self.COLUMN_NO_CONTACT):
                item = self.table.item(row, column)
                text = item.text().strip() if item is not None else ""
                if text and not _WHOLE_NUMBER.match(text):
                    self.table.setCurrentCell(row, column)
                    header_item = self.table.horizontalHeaderItem(column)
                    header = header_item.text() if header_item is not None else ""

                    return (), self.tr("Level {row}, {column}: type a whole number, or nothing.").format(
                        row=row + 1, column=header
                    )
                numbers.append(int(text) if text else None)
            contacts, days, weight, no_contact = numbers
            active_item = self.table.item(row, self.COLUMN_ACTIVE)
            levels.append(
                IntensityLevelInput(
                    label=label_item.text() if label_item is not None else "",
                    rhythm_contacts=contacts,
                    rhythm_days=days,
                    weight_percent=0 if weight is None else weight,
                    no_contact_days=no_contact,
                    code=str(label_item.data(self.CODE_ROLE) or "") if label_item is not None else "",
                    active=active_item is not None and active_item.checkState() == Qt.CheckState.Checked,
                )
            )
        return tuple(levels), ""


def _optional_spin(maximum: int, *, minimum: int = 0, suffix: str = "") -> QSpinBox:
    """A spin box whose lowest value means "not set" (shown as a dash)."""
    spin = QSpinBox()
    spin.setRange(minimum, maximum)
    spin.setSpecialValueText(NO_VALUE)
    spin.setSuffix(suffix)
    return spin


class MeasureDialog(FittedDialog):
    """Creates a measure (``measure`` None) or edits one; ``saved`` holds the result."""

    def __init__(self, measures: MeasureService, measure: MeasureView | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._measures = measures
        self._measure = measure
        self.saved: MeasureView | None = None
        self.setObjectName("measureDialog")
        self.setWindowTitle(self.tr("Edit a measure") if measure else self.tr("New measure"))
        self.setMinimumWidth(760)
        self._build_description_fields()
        self._build_duration_fields()
        self.levels_table = LevelsTable()
        self.errors = LevelErrors(self.levels_table)
        self._lay_out(self._lay_out_general(), self._lay_out_duration())
        self.policy_combo.currentIndexChanged.connect(lambda _index: self._policy_changed())
        self._fill(measure)

    # building -----------------------------------------------------------------------------------------------

    def _build_description_fields(self) -> None:
        """Create the fields that say what the measure is: name, scope, target public (funders: "Funding…")."""
        self._former_funders = ""
        self.name_edit = limited_line(MEASURE_NAME_MAX)
        self.name_edit.setObjectName("nameEdit")
        self.national_check = QCheckBox(self.tr("Nationa&l scheme (otherwise local)"))
        self.national_check.setObjectName("nationalCheck")
        self.target_public_edit = limit_text(QPlainTextEdit(), TARGET_PUBLIC_MAX)
        self.target_public_edit.setObjectName("targetPublicEdit")
        self.target_public_edit.setTabChangesFocus(True)
        self.target_public_edit.setFixedHeight(54)

    def _build_duration_fields(self) -> None:
        """Create the fields of the duration rules, the caseload target, the review calendar and the active flag."""
        months = self.tr(" months")
        self.policy_combo = QComboBox()
        self.policy_combo.setObjectName("policyCombo")
        for policy in (
            DurationPolicy.FIXED,
            DurationPolicy.RENEWABLE,
            DurationPolicy.MAX_PLUS_EXTENSION,
            DurationPolicy.OPEN_ENDED,
        ):
            self.policy_combo.addItem(DURATION_POLICY_LABELS[policy], policy.value)
        self.months_spin = _optional_spin(MAX_DURATION_MONTHS, suffix=months)
        self.months_spin.setObjectName("monthsSpin")
        self.extensions_spin = _optional_spin(MAX_EXTENSIONS)
        self.extensions_spin.setObjectName("extensionsSpin")
        self.suspended_check = QCheckBox(self.tr("Suspended &days count towards the duration"))
        self.suspended_check.setObjectName("suspendedDaysCheck")
        self.caseload_spin = _optional_spin(MAX_CASELOAD_TARGET)
        self.caseload_spin.setObjectName("caseloadSpin")
        self.caseload_spin.setToolTip(self.tr("Households per full-time referent (empty: no target)."))
        self.review_start_spin = QSpinBox()
        self.review_start_spin.setObjectName("reviewStartSpin")
        self.review_end_spin = QSpinBox()
        self.review_end_spin.setObjectName("reviewEndSpin")
        self.review_every_spin = QSpinBox()
        self.review_every_spin.setObjectName("reviewEverySpin")
        for spin, low in ((self.review_start_spin, 0), (self.review_end_spin, 0), (self.review_every_spin, 1)):
            spin.setRange(low, MAX_REVIEW_MONTHS)
            spin.setSuffix(months)
        self.active_check = QCheckBox(self.tr("Ac&tive: offered for new support episodes"))
        self.active_check.setObjectName("activeCheck")

    def _lay_out_general(self) -> QFormLayout:
        """Return the left column: what the measure is, its caseload target, whether it is offered."""
        general = QFormLayout()
        self.errors.add_row(general, self.tr("&Name:"), self.name_edit, "name")
        general.addRow("", self.national_check)
        self.errors.add_row(general, self.tr("Target &public:"), self.target_public_edit, "target_public")
        self.errors.add_row(general, self.tr("Caseload tar&get:"), self.caseload_spin, "caseload_target")
        general.addRow("", self.active_check)
        return general

    def _lay_out_duration(self) -> QFormLayout:
        """Return the right column: the duration rules and the review calendar."""
        duration = QFormLayout()
        self.errors.add_row(duration, self.tr("D&uration policy:"), self.policy_combo, "duration_policy")
        self.errors.add_row(duration, self.tr("&Months:"), self.months_spin, "duration_months")
        extensions_error = self.errors.add_row(duration, self.tr("Rene&wals:"), self.extensions_spin, "max_extensions")
        # The row's label changes with the policy (renewals, or extensions).
        extensions_row = extensions_error.parentWidget()
        assert extensions_row is not None  # the row the message line was placed in
        extensions_label = duration.labelForField(extensions_row)
        assert isinstance(extensions_label, QLabel)
        self.extensions_label = extensions_label
        duration.addRow("", self.suspended_check)
        self.errors.add_row(duration, self.tr("&Start review after:"), self.review_start_spin, "review_start_months")
        self.errors.add_row(duration, self.tr("&End review before the end:"), self.review_end_spin, "review_end_months")
        self.errors.add_row(
            duration, self.tr("Periodic &reviews every:"), self.review_every_spin, "review_every_months"
        )
        return duration

    def _lay_out(self, general: QFormLayout, duration: QFormLayout) -> None:
        """Place the two columns, the levels, the general errors and the buttons."""
        columns = QHBoxLayout()
        columns.addLayout(general, 1)
        columns.addSpacing(16)
        columns.addLayout(duration, 1)
        levels_form = QFormLayout()
        levels_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.errors.add_row(levels_form, self.tr("&Intensity levels:"), self.levels_table, "levels")
        general_errors = QLabel()
        general_errors.setObjectName("generalErrors")
        self.errors.set_general_label(general_errors)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("measureButtons")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addLayout(levels_form)
        layout.addWidget(general_errors)
        layout.addWidget(self.buttons)

    def _fill(self, measure: MeasureView | None) -> None:
        data = measure.to_input() if measure else None
        if data is None:
            self.national_check.setChecked(False)
            self.policy_combo.setCurrentIndex(self.policy_combo.findData(DurationPolicy.OPEN_ENDED.value))
            self.review_start_spin.setValue(1)
            self.review_end_spin.setValue(1)
            self.review_every_spin.setValue(6)
            self.active_check.setChecked(True)
            self.levels_table.set_levels(DEFAULT_SCALE)
            self._policy_changed()
            return
        self.name_edit.setText(data.name)
        self.national_check.setChecked(data.is_national)
        self._former_funders = data.funders
        self.target_public_edit.setPlainText(data.target_public)
        self.policy_combo.setCurrentIndex(self.policy_combo.findData(data.duration_policy.value))
        self.months_spin.setValue(data.duration_months or 0)
        self.extensions_spin.setValue(data.max_extensions or 0)
        self.suspended_check.setChecked(data.suspended_days_count)
        self.caseload_spin.setValue(data.caseload_target or 0)
        self.review_start_spin.setValue(data.review_start_months)
        self.review_end_spin.setValue(data.review_end_months)
        self.review_every_spin.setValue(data.review_every_months)
        self.active_check.setChecked(data.active)
        self.levels_table.set_levels(data.levels)
        self._policy_changed()

    def policy(self) -> DurationPolicy:
        """Return the chosen duration policy."""
        return DurationPolicy(self.policy_combo.currentData())

    def _policy_changed(self) -> None:
        """Enable the months and extensions that the chosen policy uses, and name the extensions field."""
        policy = self.policy()
        self.months_spin.setEnabled(policy is not DurationPolicy.OPEN_ENDED)
        self.extensions_spin.setEnabled(policy in (DurationPolicy.RENEWABLE, DurationPolicy.MAX_PLUS_EXTENSION))
        if policy is DurationPolicy.MAX_PLUS_EXTENSION:
            self.extensions_label.setText(self.tr("Maximum e&xtensions:"))
            self.extensions_spin.setSpecialValueText(self.tr("no limit"))
        else:
            self.extensions_label.setText(self.tr("Rene&wals:"))
            self.extensions_spin.setSpecialValueText(NO_VALUE)

    def measure_input(self) -> tuple[MeasureInput | None, str]:
        """Return what was typed as a service input, or None and a message when a level number is unreadable."""
        self.levels_table.commit_editing()
        levels, problem = self.levels_table.levels()
        if problem:
            return None, problem
        policy = self.policy()
        # A spin box at its lowest value (shown as a dash, or "no limit") means "not set".
        months = (self.months_spin.value() or None) if self.months_spin.isEnabled() else None
        extensions = (self.extensions_spin.value() or None) if self.extensions_spin.isEnabled() else None
        return (
            MeasureInput(
                name=self.name_edit.text(),
                is_national=self.national_check.isChecked(),
                funders=self._former_funders,  # the former free text, kept as it was (lines: "Funding…")
                duration_policy=policy,
                duration_months=months,
                max_extensions=extensions,
                suspended_days_count=self.suspended_check.isChecked(),
                caseload_target=self.caseload_spin.value() or None,
                levels=levels,
                target_public=self.target_public_edit.toPlainText(),
                review_start_months=self.review_start_spin.value(),
                review_end_months=self.review_end_spin.value(),
                review_every_months=self.review_every_spin.value(),
                active=self.active_check.isChecked(),
            ),
            "",
        )

    def _save(self) -> None:
        data, problem = self.measure_input()
        if data is None:
            self.errors.show({"levels": problem})
            return
        measures = self._measures
        existing = self._measure

        def save() -> None:
            if existing is None:
                self.saved = measures.create_measure(data)
            else:
                self.saved = measures.update_measure(existing.id, data)

        submit(self, self.errors, save)
