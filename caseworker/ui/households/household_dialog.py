"""Creating a household (with its first member) or editing its own details, with inline validation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caseworker.services.date_rules import DateKind
from caseworker.services.households import (
    HouseholdFile,
    HouseholdInput,
    HouseholdService,
    HouseholdSummary,
    validate_household,
    validate_person,
)
from caseworker.services.households.records import NUMERO_UNIQUE_MAX
from caseworker.services.reference import Picklist, ReferenceDataService
from caseworker.services.validation import REFERENCE_MAX, SHORT_TEXT_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import FormErrors, submit
from caseworker.ui.common.text_limits import limited_line
from caseworker.ui.households.person_form import PersonForm


class HouseholdDialog(FittedDialog):
    """Creates a household (``existing`` is None) or edits one. ``saved`` holds the result after acceptance."""

    def __init__(
        self,
        households: HouseholdService,
        reference: ReferenceDataService,
        today: Callable[[], date],
        existing: HouseholdFile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._households = households
        self._today = today
        self._existing = existing
        self.saved: HouseholdSummary | None = None
        self.setWindowTitle(self.tr("New household") if existing is None else self.tr("Edit the household"))
        self.setMinimumWidth(560)
        self.errors = FormErrors()
        household_box = self._build_household_box(reference)
        layout = QVBoxLayout(self)
        layout.addWidget(household_box)
        self.person_form: PersonForm | None = None
        self.start_field: DateField | None = None
        self.role_combo: ChoiceCombo | None = None
        if existing is None:
            self.person_form = self._add_first_member(layout, reference, today)
        else:
            self._fill(existing.details)
        self._add_buttons(layout)
        self.pets_edit.textChanged.connect(self._validate_live)
        self.siao_edit.textChanged.connect(self._validate_live)
        self.numero_edit.textChanged.connect(self._validate_live)
        self.numero_expiry_field.edited.connect(self._validate_live)
        self.composition_combo.setFocus()
        if self.person_form is not None:
            self.person_form.first_name_edit.setFocus()

    # building ---------------------------------------------------------------------------------------------

    def _build_household_box(self, reference: ReferenceDataService) -> QGroupBox:
        """Return the box of the household's own details."""
        self.composition_combo = ChoiceCombo(
            reference.choices(Picklist.COMPOSITION), empty_label=self.tr("— not recorded —")
        )
        self.pet_spin = QSpinBox()
        self.pet_spin.setRange(0, 99)
        self.pets_edit = limited_line(SHORT_TEXT_MAX)
        self.pets_edit.setPlaceholderText(self.tr("e.g. 1 dog"))
        self.situation_combo = ChoiceCombo(
            reference.choices(Picklist.SITUATION_BEFORE_ENTRY), empty_label=self.tr("— not recorded —")
        )
        self.source_combo = ChoiceCombo(
            reference.choices(Picklist.REFERRAL_SOURCE), empty_label=self.tr("— not recorded —")
        )
        self.siao_edit = limited_line(REFERENCE_MAX)
        self.numero_edit = limited_line(NUMERO_UNIQUE_MAX)
        self.numero_edit.setObjectName("numero_unique_edit")
        self.numero_edit.setPlaceholderText(self.tr("social housing application, e.g. 035 26 12345"))
        self.numero_expiry_field = DateField(kind=DateKind.VALIDITY, today=self._today, optional=True)
        self.numero_expiry_field.setObjectName("numero_unique_expiry_field")
        household_box = QGroupBox(self.tr("Household"))
        household_form = QFormLayout(household_box)
        self.errors.add_row(household_form, self.tr("&Composition:"), self.composition_combo, "composition_code")
        self.errors.add_row(household_form, self.tr("Number of &pets:"), self.pet_spin, "pet_count")
        self.errors.add_row(household_form, self.tr("Pets (&details):"), self.pets_edit, "pets_note")
        self.errors.add_row(
            household_form,
            self.tr("&Situation before entry:"),
            self.situation_combo,
            "situation_before_entry_code",
        )
        self.errors.add_row(household_form, self.tr("&Referred by:"), self.source_combo, "referral_source_code")
        self.errors.add_row(household_form, self.tr("SIAO &reference:"), self.siao_edit, "siao_reference")
        self.errors.add_row(household_form, self.tr("Numéro &unique:"), self.numero_edit, "numero_unique")
        self.errors.add_row(
            household_form, self.tr("Numéro unique &valid until:"), self.numero_expiry_field, "numero_unique_expires_on"
        )
        return household_box

    def _add_first_member(
        self, layout: QVBoxLayout, reference: ReferenceDataService, today: Callable[[], date]
    ) -> PersonForm:
        """Add the box of the first member (a new household is created with one), checked as it is typed."""
        person_box = QGroupBox(self.tr("First member"))
        person_form = QFormLayout(person_box)
        person = PersonForm(reference, today, self.errors, person_form)
        self.role_combo = ChoiceCombo(reference.choices(Picklist.MEMBER_ROLE))
        self.role_combo.set_code("reference")
        self.errors.add_row(person_form, self.tr("R&ole:"), self.role_combo, "role_code")
        self.start_field = DateField(kind=DateKind.HOUSING, today=today)
        self.start_field.set_date(today())
        self.errors.add_row(person_form, self.tr("&Arrival date:"), self.start_field, "start_date")
        layout.addWidget(person_box)
        person.edited.connect(self._validate_live)
        self.start_field.edited.connect(self._validate_live)
        return person

    def _add_buttons(self, layout: QVBoxLayout) -> None:
        """Add the line of general messages and Save/Cancel."""
        self.general_error = QLabel()
        self.errors.set_general_label(self.general_error)
        layout.addWidget(self.general_error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _fill(self, details: HouseholdInput) -> None:
        self.composition_combo.set_code(details.composition_code)
        self.pet_spin.setValue(details.pet_count)
        self.pets_edit.setText(details.pets_note)
        self.situation_combo.set_code(details.situation_before_entry_code)
        self.source_combo.set_code(details.referral_source_code)
        self.siao_edit.setText(details.siao_reference)
        self.numero_edit.setText(details.numero_unique)
        self.numero_expiry_field.set_date(details.numero_unique_expires_on)

    def household_input(self) -> HouseholdInput:
        """Return what was typed for the household."""
        return HouseholdInput(
            composition_code=self.composition_combo.code(),
            pet_count=self.pet_spin.value(),
            pets_note=self.pets_edit.text(),
            situation_before_entry_code=self.situation_combo.code(),
            referral_source_code=self.source_combo.code(),
            siao_reference=self.siao_edit.text(),
            numero_unique=self.numero_edit.text(),
            numero_unique_expires_on=self.numero_expiry_field.date_or_error()[0],
        )

    def _collect(self) -> dict[str, str]:
        problems, _ = validate_household(self.household_input(), self._today())
        errors = dict(problems.errors)
        _expiry, expiry_problem = self.numero_expiry_field.date_or_error()
        if expiry_problem:
            errors["numero_unique_expires_on"] = expiry_problem
        if self.person_form is not None and self.start_field is not None:
            person, typed = self.person_form.person_or_errors()
            person_problems, _ = validate_person(person, self._today())
            errors.update(person_problems.errors)
            errors.update(typed)
            _start, start_problem = self.start_field.date_or_error()
            if start_problem:
                errors["start_date"] = start_problem
        return errors

    def _validate_live(self) -> None:
        errors = self._collect()
        # While the person types a new household, "name missing" would shout before they start: hide it until Save.
        if self.person_form is not None and not self._has_any_name():
            errors.pop("last_name", None)
        self.errors.show(errors)

    def _has_any_name(self) -> bool:
        assert self.person_form is not None
        form = self.person_form
        return any(edit.text().strip() for edit in (form.first_name_edit, form.last_name_edit, form.pseudonym_edit))

    def _save(self) -> None:
        errors = self._collect()
        if errors:
            self.errors.show(errors)
            return

        def save() -> None:
            if self._existing is None:
                assert self.person_form is not None and self.start_field is not None and self.role_combo is not None
                person, _ = self.person_form.person_or_errors()
                start, _ = self.start_field.date_or_error()
                self.saved = self._households.create_household(
                    self.household_input(), person, role_code=self.role_combo.code(), start_date=start
                )
            else:
                self.saved = self._households.update_household(
                    self._existing.id, self.household_input(), expected_version=self._existing.row_version
                )

        submit(self, self.errors, save)
