"""A short dialog to add an organisation (a landlord, a partner) without leaving the current task."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from caseworker.services.directory import DirectoryService, OrganisationInput, OrganisationView
from caseworker.services.reference import Picklist, ReferenceDataService
from caseworker.services.validation import LABEL_MAX, PHONE_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.text_limits import limited_line


class OrganisationDialog(FormDialog):
    """Creates an organisation; ``landlords_only`` offers only landlord kinds. ``saved`` holds the result."""

    def __init__(
        self,
        directory: DirectoryService,
        reference: ReferenceDataService,
        *,
        landlords_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("", parent=parent, minimum_width=None)
        self._directory = directory
        self.saved: OrganisationView | None = None
        self.setWindowTitle(self.tr("New landlord") if landlords_only else self.tr("New organisation"))
        kinds = reference.choices(Picklist.ORGANISATION_KIND)
        if landlords_only:
            kinds = [kind for kind in kinds if kind.flag]
        self.name_edit = limited_line(LABEL_MAX)
        self.kind_combo = ChoiceCombo(kinds)
        self.territory_edit = limited_line(LABEL_MAX)
        self.phone_edit = limited_line(PHONE_MAX)
        self.email_edit = limited_line(LABEL_MAX)
        self.add_row(self.tr("&Name:"), self.name_edit, "name")
        self.add_row(self.tr("&Kind:"), self.kind_combo, "kind_code")
        self.add_row(self.tr("&Territory:"), self.territory_edit, "territory")
        self.add_row(self.tr("&Phone:"), self.phone_edit, "phone")
        self.add_row(self.tr("&E-mail:"), self.email_edit, "email")
        self.finish(self._submit)

    def _submit(self) -> None:
        self.saved = self._directory.create_organisation(
            OrganisationInput(
                name=self.name_edit.text(),
                kind_code=self.kind_combo.code(),
                territory=self.territory_edit.text(),
                phone=self.phone_edit.text(),
                email=self.email_edit.text(),
            )
        )
