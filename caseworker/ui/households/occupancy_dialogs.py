"""Recording a change of housing situation, and correcting a period's dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain import Party
from caseworker.domain.parties import PARTY_LABELS
from caseworker.formats import FormatError, parse_amount
from caseworker.services.date_rules import DateKind
from caseworker.services.directory import DwellingInput
from caseworker.services.households import HouseholdFile, OccupancyChangeInput, OccupancyService, OccupancyView
from caseworker.services.reference import Picklist
from caseworker.services.validation import DESCRIPTION_MAX, NAME_MAX, POSTCODE_MAX, SHORT_TEXT_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.form_errors import FormErrors, submit
from caseworker.ui.common.text_limits import limit_text, limited_line
from caseworker.ui.households.file_deps import HousingDeps

NEW_DWELLING = -1
NO_DWELLING = 0


class OccupancyChangeDialog(FittedDialog):
    """A new status from a date, with the reason the guard checks (same dwelling for a glissement…)."""

    def __init__(self, deps: HousingDeps, household: HouseholdFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self._household = household
        self.setWindowTitle(self.tr("New housing situation"))
        self.setMinimumWidth(600)
        self.errors = FormErrors()
        current = household.current_occupancy
        form = QFormLayout()
        current_text = (
            f"{current.status_label}" + (f" — {current.dwelling.one_line}" if current.dwelling else "")
            if current
            else self.tr("none recorded yet")
        )
        form.addRow(self.tr("Current situation:"), QLabel(current_text))
        self.status_combo = ChoiceCombo(deps.reference.choices(Picklist.OCCUPANCY_STATUS))
        self.start_field = DateField(kind=DateKind.HOUSING, today=deps.today)
        self.start_field.set_date(deps.today())
        self.reason_combo = QComboBox()
        self.dwelling_combo = QComboBox()
        self.errors.add_row(form, self.tr("New &status:"), self.status_combo, "status_code")
        self.errors.add_row(form, self.tr("&From:"), self.start_field, "start_date")
        self.errors.add_row(form, self.tr("&Reason:"), self.reason_combo, "reason_code")
        self.errors.add_row(form, self.tr("D&welling:"), self.dwelling_combo, "dwelling")
        self._fill_dwellings()
        self.dwelling_box = self._build_dwelling_box()
        self.bail_glissant_box = QCheckBox(self.tr("Sub-lease meant to slide to the household (&bail glissant)"))
        self.concerted_box = QCheckBox(self.tr("Concerted step-&back, decided with the household"))
        self.agreement_box = QCheckBox(self.tr("The household &agreed"))
        self.lease_combo = self._party_combo()
        self.apl_combo = self._party_combo()
        self.note_edit = limit_text(QPlainTextEdit(), DESCRIPTION_MAX)
        self.note_edit.setFixedHeight(70)
        self.note_edit.setTabChangesFocus(True)
        options = QFormLayout()
        self.errors.add_row(options, "", self.bail_glissant_box, "bail_glissant")
        self.errors.add_row(options, "", self.concerted_box, "concerted")
        options.addRow("", self.agreement_box)
        self.errors.add_row(options, self.tr("Lease &holder:"), self.lease_combo, "lease_holder")
        self.errors.add_row(options, self.tr("Housing benefit &paid to:"), self.apl_combo, "apl_recipient")
        self.errors.add_row(options, self.tr("&Note:"), self.note_edit, "note")
        general = QLabel()
        self.errors.set_general_label(general)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.dwelling_box)
        layout.addLayout(options)
        layout.addWidget(general)
        layout.addWidget(buttons)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.dwelling_combo.currentIndexChanged.connect(self._dwelling_changed)
        self._status_changed()
        self._dwelling_changed()
        self.status_combo.setFocus()

    # construction ----------------------------------------------------------------------------------------

    def _party_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("— not recorded —"), None)
        for party, label in PARTY_LABELS.items():
            combo.addItem(label, party.value)
        return combo

    def _fill_dwellings(self) -> None:
        self.dwelling_combo.addItem(self.tr("— no dwelling —"), NO_DWELLING)
        seen: set[int] = set()
        current = self._household.current_occupancy
        for occupancy in reversed(self._household.occupancies):
            if occupancy.dwelling is None or occupancy.dwelling.id in seen:
                continue
            seen.add(occupancy.dwelling.id)
            prefix = self.tr("Current dwelling") if current and occupancy.id == current.id else self.tr("Previous")
            self.dwelling_combo.addItem(f"{prefix} : {occupancy.dwelling.one_line}", occupancy.dwelling.id)
        self.dwelling_combo.addItem(self.tr("New dwelling…"), NEW_DWELLING)
        if current is not None and current.dwelling is not None:
            self.dwelling_combo.setCurrentIndex(self.dwelling_combo.findData(current.dwelling.id))

    def _build_dwelling_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("New dwelling"))
        form = QFormLayout(box)
        reference = self._deps.reference
        self.landlord_combo = QComboBox()
        self._fill_landlords()
        add_landlord = QPushButton(self.tr("New &landlord…"))
        add_landlord.clicked.connect(self._add_landlord)
        landlord_row = QHBoxLayout()
        landlord_row.addWidget(self.landlord_combo, 1)
        landlord_row.addWidget(add_landlord)
        landlord_widget = QWidget()
        landlord_widget.setLayout(landlord_row)
        landlord_row.setContentsMargins(0, 0, 0, 0)
        self.address_edit = limited_line(SHORT_TEXT_MAX)
        self.postcode_edit = limited_line(POSTCODE_MAX)
        self.city_edit = limited_line(NAME_MAX)
        self.typology_combo = ChoiceCombo(reference.choices(Picklist.DWELLING_TYPOLOGY), empty_label="—")
        self.stock_combo = ChoiceCombo(reference.choices(Picklist.DWELLING_STOCK), empty_label="—")
        self.rent_edit = QLineEdit()
        self.rent_edit.setPlaceholderText("0,00 €")
        self.charges_edit = QLineEdit()
        self.charges_edit.setPlaceholderText("0,00 €")
        self.errors.add_row(form, self.tr("Land&lord:"), landlord_widget, "landlord_id")
        self.errors.add_row(form, self.tr("&Address:"), self.address_edit, "dwelling.address", "address")
        self.errors.add_row(form, self.tr("&Postcode:"), self.postcode_edit, "dwelling.postcode", "postcode")
        self.errors.add_row(form, self.tr("&Town:"), self.city_edit, "dwelling.city", "city")
        self.errors.add_row(form, self.tr("T&ype:"), self.typology_combo, "dwelling.typology_code")
        self.errors.add_row(form, self.tr("Stoc&k:"), self.stock_combo, "dwelling.stock_code")
        self.errors.add_row(form, self.tr("Ren&t (€/month):"), self.rent_edit, "dwelling.rent", "rent")
        self.errors.add_row(form, self.tr("&Charges (€/month):"), self.charges_edit, "dwelling.charges", "charges")
        return box

    def _fill_landlords(self, select_id: int | None = None) -> None:
        self.landlord_combo.clear()
        self.landlord_combo.addItem(self.tr("— not recorded —"), None)
        for organisation in self._deps.directory.list_organisations(landlords_only=True):
            self.landlord_combo.addItem(organisation.name, organisation.id)
        if select_id is not None:
            self.landlord_combo.setCurrentIndex(self.landlord_combo.findData(select_id))

    def _add_landlord(self) -> None:
        saved = self._deps.new_organisation(self, True)
        if saved is not None:
            self._fill_landlords(saved)

    # behaviour -------------------------------------------------------------------------------------------

    def _status_changed(self) -> None:
        status = self.status_combo.code()
        reasons = self._deps.occupancy.reasons_for(self._household.id, status)
        previous = self.reason_combo.currentData()
        self.reason_combo.clear()
        for reason in reasons:
            self.reason_combo.addItem(reason.label, reason.code)
        if previous is not None and self.reason_combo.findData(previous) >= 0:
            self.reason_combo.setCurrentIndex(self.reason_combo.findData(previous))
        self.bail_glissant_box.setEnabled(status == "sous_locataire")
        if status != "sous_locataire":
            self.bail_glissant_box.setChecked(False)
        self.errors.show(
            {} if reasons else {"reason_code": self.tr("No reason allows this change from the current situation.")}
        )

    def _dwelling_changed(self) -> None:
        self.dwelling_box.setVisible(self.dwelling_combo.currentData() == NEW_DWELLING)
        self.adjustSize()

    def _amount(self, edit: QLineEdit, field: str, errors: dict[str, str]) -> object:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return parse_amount(text)
        except FormatError as exc:
            errors[field] = str(exc)
            return None

    def change_input(self) -> tuple[OccupancyChangeInput | None, dict[str, str]]:
        """Return the change typed, or the problems typing alone shows."""
        errors: dict[str, str] = {}
        start, problem = self.start_field.date_or_error()
        if problem:
            errors["start_date"] = problem
        if self.reason_combo.currentData() is None:
            errors["reason_code"] = self.tr("Choose a reason.")
        choice = self.dwelling_combo.currentData()
        new_dwelling = None
        dwelling_id = None
        if choice == NEW_DWELLING:
            rent = self._amount(self.rent_edit, "dwelling.rent", errors)
            charges = self._amount(self.charges_edit, "dwelling.charges", errors)
            new_dwelling = DwellingInput(
                landlord_id=self.landlord_combo.currentData(),
                address=self.address_edit.text(),
                postcode=self.postcode_edit.text(),
                city=self.city_edit.text(),
                typology_code=self.typology_combo.code(),
                stock_code=self.stock_combo.code(),
                rent=rent,  # type: ignore[arg-type]
                charges=charges,  # type: ignore[arg-type]
            )
        elif choice not in (None, NO_DWELLING):
            dwelling_id = int(choice)
        if errors or start is None:
            return None, errors
        lease = self.lease_combo.currentData()
        apl = self.apl_combo.currentData()
        return (
            OccupancyChangeInput(
                status_code=self.status_combo.code(),
                start_date=start,
                reason_code=str(self.reason_combo.currentData()),
                dwelling_id=dwelling_id,
                new_dwelling=new_dwelling,
                concerted=self.concerted_box.isChecked(),
                household_agreement=self.agreement_box.isChecked(),
                bail_glissant=self.bail_glissant_box.isChecked(),
                lease_holder=Party(lease) if lease else None,
                apl_recipient=Party(apl) if apl else None,
                note=self.note_edit.toPlainText(),
            ),
            {},
        )

    def _save(self) -> None:
        data, errors = self.change_input()
        if data is None:
            self.errors.show(errors)
            return

        def save() -> None:
            self._deps.occupancy.change_occupancy(self._household.id, data)

        submit(self, self.errors, save)


class CorrectDatesDialog(FormDialog):
    """Fixes the dates of one period (overlaps with the others are refused)."""

    def __init__(
        self,
        occupancy_service: OccupancyService,
        today: Callable[[], date],
        occupancy: OccupancyView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Correct the dates"), today=today, parent=parent, minimum_width=None)
        self.form.addRow(self.tr("Period:"), QLabel(occupancy.status_label))
        self.start_field = self.date_row(DateKind.HOUSING, self.tr("&From:"), "start_date", occupancy.start_date)
        self.end_field = self.date_row(
            DateKind.HOUSING, self.tr("&To (empty if current):"), "end_date", occupancy.end_date, optional=True
        )
        self.finish(
            lambda: occupancy_service.correct_dates(
                occupancy.id, start_date=self.required("start_date"), end_date=self.value("end_date")
            )
        )
