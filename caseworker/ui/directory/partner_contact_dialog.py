"""A short dialog to add or edit a contact person of a landlord or partner, with the civility letters use."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from caseworker.services.directory import DirectoryService, PartnerContactInput, PartnerContactView
from caseworker.services.reference import Picklist, ReferenceDataService
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.form_dialog import FormDialog


class PartnerContactDialog(FormDialog):
    """Creates a contact of ``organisation_id``, or edits ``contact``; ``saved`` holds the result."""

    def __init__(
        self,
        directory: DirectoryService,
        reference: ReferenceDataService,
        organisation_id: int,
        *,
        contact: PartnerContactView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("", parent=parent, minimum_width=None)
        self._directory = directory
        self._organisation_id = organisation_id
        self._contact = contact
        self.saved: PartnerContactView | None = None
        self.setWindowTitle(self.tr("New contact") if contact is None else self.tr("Edit contact"))
        self.civility_combo = QComboBox()
        self.civility_combo.addItem(self.tr("Not known"), "")
        self.civility_combo.addItem(self.tr("Ms"), "madame")
        self.civility_combo.addItem(self.tr("Mr"), "monsieur")
        self.civility_combo.setToolTip(
            self.tr("Letters and e-mails open with it; when it is not known they greet without a name.")
        )
        self.first_name_edit = QLineEdit()
        self.last_name_edit = QLineEdit()
        self.role_combo = ChoiceCombo(reference.choices(Picklist.PARTNER_ROLE), empty_label="")
        self.phone_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.form.addRow(self.tr("Organisation:"), QLabel(directory.get_organisation(organisation_id).name))
        self.add_row(self.tr("&Civility:"), self.civility_combo, "civility")
        self.add_row(self.tr("&First name:"), self.first_name_edit, "first_name")
        self.add_row(self.tr("&Last name:"), self.last_name_edit, "last_name")
        self.add_row(self.tr("&Role:"), self.role_combo, "role_code")
        self.add_row(self.tr("&Phone:"), self.phone_edit, "phone")
        self.add_row(self.tr("&E-mail:"), self.email_edit, "email")
        if contact is not None:
            self.civility_combo.setCurrentIndex(max(self.civility_combo.findData(contact.civility), 0))
            self.first_name_edit.setText(contact.first_name)
            self.last_name_edit.setText(contact.last_name)
            self.role_combo.set_code(contact.role_code)
            self.phone_edit.setText(contact.phone)
            self.email_edit.setText(contact.email)
        self.finish(self._submit)
        self.civility_combo.setFocus()

    def _submit(self) -> None:
        data = PartnerContactInput(
            organisation_id=self._organisation_id,
            first_name=self.first_name_edit.text(),
            last_name=self.last_name_edit.text(),
            role_code=self.role_combo.code(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            is_referent=self._contact.is_referent if self._contact is not None else False,
            civility=str(self.civility_combo.currentData() or ""),
        )
        if self._contact is None:
            self.saved = self._directory.create_partner_contact(data)
        else:
            self.saved = self._directory.update_partner_contact(self._contact.id, data)
