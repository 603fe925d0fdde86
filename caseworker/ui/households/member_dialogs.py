"""Adding a member, editing a person, recording a departure (the composition history keeps everyone)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from caseworker.services.date_rules import DateKind
from caseworker.services.households import HouseholdService, MemberView, validate_person
from caseworker.services.reference import Picklist, ReferenceDataService
from caseworker.services.validation import SHORT_TEXT_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.text_limits import limited_line
from caseworker.ui.households.person_form import PersonForm


class MemberDialog(FormDialog):
    """Adds a person to a household (``member`` is None) or edits a member's personal details."""

    def __init__(
        self,
        households: HouseholdService,
        reference: ReferenceDataService,
        today: Callable[[], date],
        household_id: int,
        member: MemberView | None = None,
        parent: QWidget | None = None,
        *,
        version: int,
    ) -> None:
        super().__init__(self.tr("Add a member") if member is None else self.tr("Edit a person"), parent=parent)
        self._households = households
        self._clock_today = today
        self._household_id = household_id
        self._version = version  # of the household's file, as opened: the save is typed against it
        self._member = member
        self.person_form = PersonForm(reference, today, self.errors, self.form)
        self.role_combo: ChoiceCombo | None = None
        self.start_field: DateField | None = None
        if member is None:
            self.role_combo = ChoiceCombo(reference.choices(Picklist.MEMBER_ROLE))
            self.role_combo.set_code("enfant")
            self.start_field = DateField(kind=DateKind.HOUSING, today=today)
            self.start_field.set_date(today())
            self.add_row(self.tr("R&ole:"), self.role_combo, "role_code")
            self.add_row(self.tr("&Arrival date:"), self.start_field, "start_date")
        else:
            self.person_form.set_person(member.as_input())
        self.finish(self._submit, check=self._collect)
        self.person_form.edited.connect(self._validate_live)
        self.person_form.first_name_edit.setFocus()

    def _collect(self) -> dict[str, str]:
        """The person's problems (the service's own rule) and the arrival date's."""
        person, errors = self.person_form.person_or_errors()
        problems, _ = validate_person(person, self._clock_today())
        collected = {**problems.errors, **errors}
        if self.start_field is not None:
            _start, problem = self.start_field.date_or_error()
            if problem:
                collected["start_date"] = problem
        return collected

    def _validate_live(self) -> None:
        errors = self._collect()
        form = self.person_form
        if not any(edit.text().strip() for edit in (form.first_name_edit, form.last_name_edit, form.pseudonym_edit)):
            errors.pop("last_name", None)
        self.errors.show(errors)

    def _submit(self) -> None:
        person, _ = self.person_form.person_or_errors()
        if self._member is None:
            assert self.role_combo is not None and self.start_field is not None
            start, _ = self.start_field.date_or_error()
            assert start is not None
            self._households.add_member(
                self._household_id,
                person,
                role_code=self.role_combo.code(),
                start_date=start,
                expected_version=self._version,
            )
        else:
            self._households.update_person(
                self._member.person_id, person, household_id=self._household_id, expected_version=self._version
            )


class DepartureDialog(FormDialog):
    """Records that a member left the household (date and reason)."""

    def __init__(
        self,
        households: HouseholdService,
        today: Callable[[], date],
        member: MemberView,
        parent: QWidget | None = None,
        *,
        version: int,
    ) -> None:
        super().__init__(self.tr("Departure from the household"), today=today, parent=parent, minimum_width=None)
        self.form.addRow(self.tr("Person:"), QLabel(member.display_name))
        self.end_field = self.date_row(DateKind.HOUSING, self.tr("&Departure date:"), "end_date", today())
        self.reason_edit = limited_line(SHORT_TEXT_MAX)
        self.reason_edit.setPlaceholderText(self.tr("e.g. adult child moved out, separation"))
        self.add_row(self.tr("&Reason:"), self.reason_edit, "end_reason")
        self.finish(
            lambda: households.end_membership(
                member.membership_id,
                end_date=self.required("end_date"),
                reason=self.reason_edit.text(),
                expected_version=version,
            )
        )
