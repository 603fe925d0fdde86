"""The fields describing a person, shared by the household and member dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QWidget

from caseworker.services.date_rules import DateKind
from caseworker.services.households import PersonInput
from caseworker.services.reference import Picklist, ReferenceDataService
from caseworker.services.validation import NAME_MAX, PHONE_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.date_field import BirthYearEdit, DateField
from caseworker.ui.common.form_errors import FormErrors
from caseworker.ui.common.text_limits import limited_line


class PersonForm(QWidget):
    """First name, last name, pseudonym, birth year, administrative status and deadline, phone.

    Signals:
        edited: any field changed.
    """

    edited = Signal()

    def __init__(
        self,
        reference: ReferenceDataService,
        today: Callable[[], date],
        errors: FormErrors,
        form: QFormLayout,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.first_name_edit = limited_line(NAME_MAX)
        self.last_name_edit = limited_line(NAME_MAX)
        self.pseudonym_edit = limited_line(NAME_MAX)
        self.pseudonym_edit.setPlaceholderText(self.tr("When the person does not give a name"))
        self.birth_year_edit = BirthYearEdit(today)
        self.birth_year_edit.setPlaceholderText(self.tr("yyyy (optional)"))
        self.birth_year_edit.setMaximumWidth(110)
        self.status_combo = ChoiceCombo(
            reference.choices(Picklist.ADMINISTRATIVE_STATUS),
            empty_label=self.tr("— not recorded —"),
        )
        self.deadline_field = DateField(kind=DateKind.VALIDITY, today=today, optional=True)
        self.phone_edit = limited_line(PHONE_MAX)
        errors.add_row(form, self.tr("&First name:"), self.first_name_edit, "first_name")
        errors.add_row(form, self.tr("&Last name:"), self.last_name_edit, "last_name")
        errors.add_row(form, self.tr("&Pseudonym:"), self.pseudonym_edit, "pseudonym")
        errors.add_row(form, self.tr("&Birth year:"), self.birth_year_edit, "birth_year")
        errors.add_row(form, self.tr("Administrative &status:"), self.status_combo, "administrative_status_code")
        errors.add_row(form, self.tr("Status &deadline:"), self.deadline_field, "administrative_status_deadline")
        errors.add_row(form, self.tr("P&hone:"), self.phone_edit, "phone")
        for edit in (
            self.first_name_edit,
            self.last_name_edit,
            self.pseudonym_edit,
            self.birth_year_edit,
            self.phone_edit,
        ):
            edit.textChanged.connect(self.edited)
        self.status_combo.currentIndexChanged.connect(self.edited)
        self.deadline_field.edited.connect(self.edited)

    def set_person(self, person: PersonInput) -> None:
        """Fill the fields."""
        self.first_name_edit.setText(person.first_name)
        self.last_name_edit.setText(person.last_name)
        self.pseudonym_edit.setText(person.pseudonym)
        self.birth_year_edit.setText("" if person.birth_year is None else str(person.birth_year))
        self.status_combo.set_code(person.administrative_status_code)
        self.deadline_field.set_date(person.administrative_status_deadline)
        self.phone_edit.setText(person.phone)

    def person_or_errors(self) -> tuple[PersonInput, dict[str, str]]:
        """Return what was typed, and the problems that typing alone shows (dates, year format)."""
        errors: dict[str, str] = {}
        year_text = self.birth_year_edit.text().strip()
        birth_year: int | None = None
        if year_text:
            if year_text.isdigit() and len(year_text) == 4:
                birth_year = int(year_text)
            else:
                errors["birth_year"] = self.tr("Enter the birth year with four digits, e.g. 1984.")
        deadline, problem = self.deadline_field.date_or_error()
        if problem:
            errors["administrative_status_deadline"] = problem
        person = PersonInput(
            first_name=self.first_name_edit.text(),
            last_name=self.last_name_edit.text(),
            pseudonym=self.pseudonym_edit.text(),
            birth_year=birth_year,
            administrative_status_code=self.status_combo.code(),
            administrative_status_deadline=deadline,
            phone=self.phone_edit.text(),
        )
        return person, errors
