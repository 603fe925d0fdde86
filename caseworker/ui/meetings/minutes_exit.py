"""The exit a meeting validates, as the minutes record it: the exit record and the handover plan, or why none.

The same fields as the support tab's Close support dialog (:class:`~caseworker.ui.households.episode_dialogs.
CloseDialog`), laid out in an item of the minutes, whose messages are keyed ``items.0.decisions.0.<field>``: a
COSI validates an exit the coordinator prepared, and the episode closes in the minutes' own transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QWidget

from caseworker.domain import ObjectivesMet
from caseworker.domain.support import OBJECTIVES_MET_LABELS
from caseworker.services.date_rules import DateKind
from caseworker.services.support import ExitInput
from caseworker.services.support.episode_views import EpisodeChoices
from caseworker.services.validation import LONG_TEXT_MAX, PARAGRAPH_MAX, SHORT_TEXT_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.form_dialog import note_edit
from caseworker.ui.common.form_errors import FormErrors
from caseworker.ui.common.text_limits import limited_line


class ExitFields:
    """The exit's fields, added to an item's form of the minutes; :meth:`exit_input` reads them back."""

    def __init__(
        self,
        layout: QFormLayout,
        errors: FormErrors,
        field: str,
        choices: EpisodeChoices,
        today: Callable[[], date],
        end_date: date,
    ) -> None:
        self.field = field
        self.end_field = DateField(kind=DateKind.EVENT, today=today)
        self.end_field.set_date(end_date)
        errors.add_row(
            layout, QCoreApplication.translate("ExitFields", "End date:"), self.end_field, f"{field}.end_date"
        )
        self.reason_combo = ChoiceCombo(choices.exit_reasons)
        errors.add_row(
            layout, QCoreApplication.translate("ExitFields", "Exit reason:"), self.reason_combo, f"{field}.reason_code"
        )
        self.destination_combo = ChoiceCombo(
            choices.destinations, empty_label=QCoreApplication.translate("ExitFields", "(unknown)")
        )
        errors.add_row(
            layout,
            QCoreApplication.translate("ExitFields", "Destination:"),
            self.destination_combo,
            f"{field}.destination_status_code",
        )
        self.met_combo = QComboBox()
        for value, label in OBJECTIVES_MET_LABELS.items():
            self.met_combo.addItem(label, value.value)
        self.met_combo.setCurrentIndex(max(self.met_combo.findData(ObjectivesMet.PARTIELLEMENT.value), 0))
        errors.add_row(
            layout,
            QCoreApplication.translate("ExitFields", "Objectives met:"),
            self.met_combo,
            f"{field}.objectives_met",
        )
        self.narrative_edit = note_edit(LONG_TEXT_MAX, 50)
        self.narrative_edit.setPlaceholderText(
            QCoreApplication.translate("ExitFields", "In the household's own words (optional)")
        )
        errors.add_row(
            layout, QCoreApplication.translate("ExitFields", "Narrative:"), self.narrative_edit, f"{field}.narrative"
        )
        layout.addRow(QLabel("<b>" + QCoreApplication.translate("ExitFields", "Handover plan") + "</b>"))
        self.services_edit = limited_line(PARAGRAPH_MAX)
        self.services_edit.setPlaceholderText(
            QCoreApplication.translate("ExitFields", "e.g. MDS, CCAS, the landlord's social adviser, CMP")
        )
        errors.add_row(
            layout,
            QCoreApplication.translate("ExitFields", "Services taking over:"),
            self.services_edit,
            f"{field}.handover_services",
        )
        self.contact_edit = limited_line(SHORT_TEXT_MAX)
        errors.add_row(
            layout,
            QCoreApplication.translate("ExitFields", "Named contact:"),
            self.contact_edit,
            f"{field}.handover_contact_name",
        )
        self.handover_field = DateField(kind=DateKind.PLANNED, today=today, optional=True)
        errors.add_row(
            layout,
            QCoreApplication.translate("ExitFields", "Handover date:"),
            self.handover_field,
            f"{field}.handover_date",
        )
        self.handover_note_edit = note_edit(LONG_TEXT_MAX, 50)
        errors.add_row(
            layout,
            QCoreApplication.translate("ExitFields", "Handover meeting, note:"),
            self.handover_note_edit,
            f"{field}.handover_note",
            f"{field}.handover",
        )
        self.waiver_check = QCheckBox(QCoreApplication.translate("ExitFields", "No handover"))
        layout.addRow("", self.waiver_check)
        self.waiver_edit = note_edit(LONG_TEXT_MAX, 50)
        self.waiver_edit.setPlaceholderText(
            QCoreApplication.translate("ExitFields", "Why there is no handover (required)")
        )
        errors.add_row(
            layout, QCoreApplication.translate("ExitFields", "Why:"), self.waiver_edit, f"{field}.waiver_reason"
        )
        self.waiver_check.toggled.connect(self._waiver_toggled)
        self._waiver_toggled(False)

    def _handover_widgets(self) -> tuple[QWidget, ...]:
        return (self.services_edit, self.contact_edit, self.handover_field, self.handover_note_edit)

    def _waiver_toggled(self, waived: bool) -> None:
        self.waiver_edit.setEnabled(waived)
        for widget in self._handover_widgets():
            widget.setEnabled(not waived)

    def problems(self) -> dict[str, str]:
        """Return what the dates typed say is wrong (read before the service is asked)."""
        found: dict[str, str] = {}
        for name, widget in (("end_date", self.end_field), ("handover_date", self.handover_field)):
            if widget.isEnabled():
                _, problem = widget.date_or_error()
                if problem:
                    found[f"{self.field}.{name}"] = problem
        return found

    def exit_input(self) -> ExitInput:
        """Return the exit as typed (the handover plan dropped when there is none, with its reason)."""
        waived = self.waiver_check.isChecked()
        end, _ = self.end_field.date_or_error()
        handover, _ = self.handover_field.date_or_error()
        assert end is not None, "problems() refuses a missing or unreadable end date before the exit is read"
        return ExitInput(
            end_date=end,
            reason_code=self.reason_combo.code(),
            objectives_met=ObjectivesMet(self.met_combo.currentData()),
            destination_status_code=self.destination_combo.code() or None,
            narrative=self.narrative_edit.toPlainText(),
            handover_services="" if waived else self.services_edit.text(),
            handover_contact_name="" if waived else self.contact_edit.text(),
            handover_date=None if waived else handover,
            handover_note="" if waived else self.handover_note_edit.toPlainText(),
            waiver_reason=self.waiver_edit.toPlainText() if waived else "",
        )
