"""A partner's copy of the minutes: chosen recipient, previewed, recorded in the disclosure log when it leaves.

The copy carries the meeting (C0) and, per household, only what every adult agreed to share with that partner;
a household without that consent is not named at all, and the dialog says which ones before anything is sent.
Nothing is logged by previewing: printing or saving a copy from the preview writes one disclosure per household
named, after the service has checked the consents once more (as the fiche navette does).
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from caseworker.errors import KnownError
from caseworker.services.identity import staff_display_name
from caseworker.services.meetings import MeetingView, PreparedPartnerCopy
from caseworker.ui.common.bug_log import log_exception_scrubbed
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import FormErrors
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.pdf_preview import PdfPreviewDialog
from caseworker.ui.common.tasks import run_with_progress
from caseworker.ui.contracts.liaison_sheet_dialog import EXPORT_CHANNELS
from caseworker.ui.meetings.deps import MeetingsDeps

log = logging.getLogger(__name__)


class PartnerCopyDialog(FittedDialog):
    """Chooses the partner (and contact) a copy of the minutes is for, then previews it.

    Attributes:
        prepared: the copy last prepared (None until Preview…).
        recorded: how many disclosures were written from this dialog.
    """

    def __init__(self, deps: MeetingsDeps, meeting: MeetingView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deps = deps
        self.meeting = meeting
        self.prepared: PreparedPartnerCopy | None = None
        self.recorded = 0
        self._preview: PdfPreviewDialog | None = None
        self.setWindowTitle(self.tr("Partner copy of the minutes"))
        self.setMinimumWidth(520)
        self.errors = FormErrors()
        form = QFormLayout()
        self.organisation_combo = QComboBox()
        self.organisation_combo.setObjectName("partner_combo")
        for organisation in deps.directory.list_organisations():
            if not organisation.is_own:
                self.organisation_combo.addItem(organisation.name, organisation.id)
        self.errors.add_row(form, self.tr("&Partner:"), self.organisation_combo, "recipient_id")
        self.contact_combo = QComboBox()
        self.contact_combo.setObjectName("partner_contact_combo")
        self.errors.add_row(form, self.tr("&Contact:"), self.contact_combo, "recipient_contact_id")
        self.not_named_label = QLabel()
        self.not_named_label.setObjectName("not_named_label")
        self.not_named_label.setWordWrap(True)
        self.not_named_label.setVisible(False)
        general = QLabel()
        self.errors.set_general_label(general)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.preview_button = buttons.addButton(self.tr("P&review…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.setObjectName("partner_preview_button")
        self.preview_button.setEnabled(self.organisation_combo.count() > 0)
        self.preview_button.clicked.connect(self.preview)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.not_named_label)
        layout.addWidget(general)
        layout.addWidget(buttons)
        self.organisation_combo.currentIndexChanged.connect(lambda _index: self._list_contacts())
        self._list_contacts()

    def _list_contacts(self) -> None:
        self.contact_combo.clear()
        self.contact_combo.addItem(self.tr("(no named contact)"), None)
        organisation_id = self.organisation_combo.currentData()
        if organisation_id is None:
            return
        for contact in self.deps.directory.list_partner_contacts(int(organisation_id)):
            self.contact_combo.addItem(staff_display_name(contact.first_name, contact.last_name), contact.id)

    def not_named(self, copy: PreparedPartnerCopy) -> list[str]:
        """Return the households of the agenda the copy does not name, for lack of their adults' consent."""
        named = {shared.household_id for shared in copy.households}
        names: list[str] = []
        for item in self.meeting.items:
            if item.household_id is not None and item.household_id not in named and item.household_name not in names:
                names.append(item.household_name)
        return names

    def preview(self) -> None:
        """Build the copy for the partner chosen and show it; printing or saving it records the disclosure."""
        organisation_id = self.organisation_combo.currentData()
        if organisation_id is None:
            return
        contact_id = self.contact_combo.currentData()
        meeting_id, recipient_id = self.meeting.id, int(organisation_id)
        recipient_contact_id = int(contact_id) if contact_id else None
        try:
            copy = run_with_progress(
                self,
                self.tr("Partner copy of the minutes"),
                self.tr("Checking the consents and preparing the copy…"),
                lambda _report, _cancelled: self.deps.meetings.partner_copy(
                    meeting_id, recipient_id, recipient_contact_id=recipient_contact_id
                ),
            )
        except KnownError as exc:
            show_error(self, exc)
            return
        self.prepared = copy
        missing = self.not_named(copy)
        notice = self.tr(
            "Printing this copy or saving it sends it to {partner}: it is then recorded in the disclosure log."
        ).format(partner=self.organisation_combo.currentText())
        if missing:
            not_named = self.tr("Not named for lack of consent: {households}.").format(households=", ".join(missing))
            self.not_named_label.setText(not_named)
            notice += "\n" + not_named
        self.not_named_label.setVisible(bool(missing))
        preview = PdfPreviewDialog(
            copy.pdf.content,
            self.tr("Partner copy — {partner}").format(partner=self.organisation_combo.currentText()),
            copy.pdf.filename,
            self,
            notice=notice,
        )
        preview.setObjectName("partner_copy_preview")
        self._preview = preview
        preview.exported.connect(self.record_sent)  # a bound slot: a lambda holding the preview would crash PySide
        try:
            preview.exec()
        finally:
            self._preview = None
            preview.deleteLater()

    def record_sent(self, how: str) -> None:
        """The previewed copy was printed or saved: write it to the disclosure log (consents checked again)."""
        copy = self.prepared
        if copy is None:
            return
        parent = self._preview or self
        try:
            written = self.deps.meetings.record_partner_copy_sent(copy, channel=EXPORT_CHANNELS.get(how, "fichier"))
        except Exception as exc:  # a consent revoked meanwhile, or our bug: either way the copy is out, unrecorded
            if isinstance(exc, KnownError):
                reason = exc.user_message
            else:
                log_exception_scrubbed(log, "the disclosure of a partner copy could not be recorded", exc)
                reason = self.tr("An unexpected error occurred; the details were written to the log file.")
            QMessageBox.warning(
                parent,
                self.tr("Partner copy not recorded"),
                self.tr(
                    "{reason}\n\nNothing was recorded in the disclosure log. Do not hand over the copy just printed "
                    "or saved: destroy it."
                ).format(reason=reason),
            )
            return
        self.recorded += len(written)
        QMessageBox.information(
            parent,
            self.tr("Partner copy recorded"),
            self.tr("Recorded in the disclosure log: %n household(s) named.", "", len(written)),
        )
