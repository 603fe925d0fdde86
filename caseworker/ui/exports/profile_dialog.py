"""A funder's profile, edited by the team lead: its name, its measures, its threshold, the indicators it asks for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QWidget,
)

from caseworker.formats import FormatError, parse_amount
from caseworker.services.exports import Choice, ProfileInput, ProfileService, ProfileView
from caseworker.services.exports.profiles import LARGEST_THRESHOLD, MAX_BUDGET, SMALLEST_THRESHOLD
from caseworker.ui.common.form_dialog import FormDialog, amount_as_typed
from caseworker.ui.exports.cost_sheet_dialog import CostSheetDialog


def _checklist(choices: list[Choice], checked: tuple[str, ...], name: str) -> QListWidget:
    """A list of check boxes, one per choice (Space ticks the current one)."""
    widget = QListWidget()
    widget.setObjectName(name)
    for choice in choices:
        item = QListWidgetItem(choice.label)
        item.setData(Qt.ItemDataRole.UserRole, choice.code)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if choice.code in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMinimumHeight(140)
    return widget


def ticked(widget: QListWidget) -> tuple[str, ...]:
    """The codes ticked in a checklist, in its order."""
    return tuple(
        str(widget.item(row).data(Qt.ItemDataRole.UserRole))
        for row in range(widget.count())
        if widget.item(row).checkState() == Qt.CheckState.Checked
    )


class ProfileDialog(FormDialog):
    """Edits one profile; the save is refused, what was typed kept, if someone saved it meanwhile.

    Attributes:
        saved: the profile as saved (None until then).
    """

    def __init__(self, profiles: ProfileService, profile: ProfileView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Funder's profile"), parent=parent, minimum_width=640)
        self.profiles = profiles
        self.profile = profile
        self.saved: ProfileView | None = None
        self.label_edit = QLineEdit(profile.label)
        self.label_edit.setMaxLength(200)
        self.add_row(self.tr("&Name:"), self.label_edit, "label")
        self.measures = _checklist(profiles.measure_choices(), profile.measure_codes, "profileMeasures")
        self.add_row(self.tr("&Measures counted:"), self.measures, "measure_codes")
        self.threshold_spin = QSpinBox()
        self.threshold_spin.setRange(SMALLEST_THRESHOLD, LARGEST_THRESHOLD)
        self.threshold_spin.setValue(profile.threshold)
        self.add_row(self.tr("Statistical secret &threshold:"), self.threshold_spin, "threshold")
        self.indicators = _checklist(profiles.indicator_choices(), profile.indicator_keys, "profileIndicators")
        self.add_row(self.tr("&Indicators:"), self.indicators, "indicator_keys")
        hint = QLabel(self.tr("None ticked: the funder receives every indicator."))
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.funder_combo = QComboBox()
        self.funder_combo.setObjectName("profileFunder")
        self.funder_combo.addItem(self.tr("(none: every day counts whole)"), "")
        for choice in profiles.funder_choices():
            self.funder_combo.addItem(choice.label, choice.code)
        self.funder_combo.setCurrentIndex(max(0, self.funder_combo.findData(profile.funder_code)))
        self.add_row(self.tr("&Funder:"), self.funder_combo, "funder_code")
        self.funder_combo.setToolTip(self.tr("The figures count this funder's share of co-funded support."))
        self.budget_edit = QLineEdit(amount_as_typed(profile.annual_budget) if profile.annual_budget else "")
        self.budget_edit.setObjectName("profileBudget")
        self.budget_edit.setPlaceholderText(self.tr("e.g. 150 000,00 (empty: no cost per household-year)"))
        self.budget_edit.setMaxLength(20)
        self.add_row(self.tr("Yearly &budget (€):"), self.budget_edit, "annual_budget")
        self.avoided_costs = profile.avoided_costs
        self.costs_label = QLabel()
        costs_button = QPushButton(self.tr("&Avoided costs…"))
        costs_button.setObjectName("profileCosts")
        costs_button.clicked.connect(self._edit_costs)
        costs = QHBoxLayout()
        costs.addWidget(self.costs_label, 1)
        costs.addWidget(costs_button)
        costs_row = QWidget()
        costs_row.setLayout(costs)
        costs.setContentsMargins(0, 0, 0, 0)
        self.add_row(self.tr("Avoided-cost worksheet:"), costs_row, "avoided_costs")
        self._show_costs()
        self.finish(self._save_profile, check=self._check)

    def _show_costs(self) -> None:
        count = len(self.avoided_costs)
        self.costs_label.setText(self.tr("none") if count == 0 else self.tr("%n line(s)", "", count))

    def _edit_costs(self) -> None:
        dialog = CostSheetDialog(self.avoided_costs, self.profiles.quantity_choices(), parent=self)
        if dialog.exec():
            self.avoided_costs = dialog.lines
            self._show_costs()

    def _budget(self) -> Decimal | None:
        text = self.budget_edit.text().strip()
        return parse_amount(text, maximum=MAX_BUDGET, allow_zero=False) if text else None

    def _check(self) -> Mapping[str, str]:
        try:
            self._budget()
        except FormatError as exc:
            return {"annual_budget": str(exc)}
        return {}

    def data(self) -> ProfileInput:
        """The profile as typed (Save has checked that the budget reads)."""
        return replace(
            ProfileInput(
                self.label_edit.text(), ticked(self.measures), self.threshold_spin.value(), ticked(self.indicators)
            ),
            funder_code=str(self.funder_combo.currentData() or ""),
            annual_budget=self._budget(),
            avoided_costs=self.avoided_costs,
        )

    def _save_profile(self) -> None:
        self.saved = self.profiles.update_profile(
            self.profile.code, self.data(), expected_version=self.profile.row_version
        )
