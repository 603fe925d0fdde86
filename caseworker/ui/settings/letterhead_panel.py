"""Paramètres › En-tête des documents: the logo, name and contact lines printed on every generated document.

The name and lines come from the association's own organisation record (its address, phone and e-mail are
edited here); the logo is stored inside the encrypted database. The service checks the image; this module only
reads the chosen file and shows what the service returns.
"""

from __future__ import annotations

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.errors import KnownError
from caseworker.services.directory import DirectoryService, OrganisationInput, OrganisationView
from caseworker.services.documents import Attachment
from caseworker.services.letterhead import LOGO_MAX_BYTES, LetterheadService
from caseworker.services.setup import SetupService
from caseworker.services.validation import ADDRESS_MAX, LABEL_MAX, PHONE_MAX
from caseworker.ui.common.attachments import UnreadableFileError, choose_file, read_attachment
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.form_errors import ERROR_STYLE
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.text_limits import limit_text, limited_line

PREVIEW_WIDTH = 220
PREVIEW_HEIGHT = 110


class LetterheadAddressDialog(FormDialog):
    """Edits the address, phone and e-mail of the association's own organisation; ``saved`` holds the result.

    The other fields (name, kind, territory, former names) are sent back unchanged. The directory's
    organisation dialog only creates organisations and has no address, hence this small form.
    """

    def __init__(
        self, directory: DirectoryService, organisation: OrganisationView, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Address on the letterhead"), parent=parent)
        self._directory = directory
        self._organisation = organisation
        self.saved: OrganisationView | None = None
        self.setObjectName("letterheadAddressDialog")
        self.address_edit = limit_text(QPlainTextEdit(organisation.address), ADDRESS_MAX)
        self.address_edit.setObjectName("addressEdit")
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(80)
        self.address_edit.setPlaceholderText(self.tr("One line each: street, then postcode and town"))
        self.phone_edit = limited_line(PHONE_MAX, organisation.phone)
        self.phone_edit.setObjectName("phoneEdit")
        self.email_edit = limited_line(LABEL_MAX, organisation.email)
        self.email_edit.setObjectName("emailEdit")
        name = QLabel(organisation.name)
        name.setObjectName("organisationName")
        self.form.addRow(self.tr("Association:"), name)
        self.add_row(self.tr("&Address:"), self.address_edit, "address")
        self.add_row(self.tr("&Phone:"), self.phone_edit, "phone")
        self.add_row(self.tr("&E-mail:"), self.email_edit, "email")
        self.finish(self._submit)
        self.address_edit.setFocus()

    def _submit(self) -> None:
        organisation = self._organisation
        self.saved = self._directory.update_organisation(
            organisation.id,
            OrganisationInput(
                name=organisation.name,
                kind_code=organisation.kind_code,
                territory=organisation.territory,
                phone=self.phone_edit.text(),
                email=self.email_edit.text(),
                address=self.address_edit.toPlainText(),
                former_names=organisation.former_names,
            ),
        )


class LetterheadPanel(QWidget):
    """A preview of the letterhead with its logo, and the buttons that change it.

    Signals:
        letterhead_changed: the logo or the contact lines changed (document previews may be re-drawn).
    """

    letterhead_changed = Signal()

    def __init__(
        self,
        letterhead: LetterheadService,
        setup: SetupService,
        directory: DirectoryService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letterheadPanel")
        self._letterhead = letterhead
        self._setup = setup
        self._directory = directory
        self._logo: bytes | None = None
        self._build_labels()
        self._build_buttons()
        self._lay_out()
        self.reload()

    # building ---------------------------------------------------------------------------------------------

    def _build_labels(self) -> None:
        """Create the logo preview, the name and contact lines it sits beside, and the logo's error line."""
        self.logo_label = QLabel()
        self.logo_label.setObjectName("logoPreview")
        self.logo_label.setFixedSize(PREVIEW_WIDTH + 8, PREVIEW_HEIGHT + 8)
        self.logo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_label.setWordWrap(True)
        self.name_label = QLabel()
        self.name_label.setObjectName("letterheadName")
        self.name_label.setStyleSheet("font-weight: 600;")
        self.name_label.setWordWrap(True)
        self.lines_label = QLabel()
        self.lines_label.setObjectName("letterheadLines")
        self.lines_label.setWordWrap(True)
        self.lines_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel()
        self.error_label.setObjectName("logoError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)

    def _build_buttons(self) -> None:
        """Create the buttons that choose or remove the logo and edit the address."""
        self.choose_button = QPushButton(self.tr("Choose a &logo…"))
        self.choose_button.setObjectName("chooseLogoButton")
        self.choose_button.setToolTip(self.tr("A PNG or JPEG image of at most 2 MB."))
        self.choose_button.clicked.connect(self.choose_logo)
        self.remove_button = QPushButton(self.tr("Remo&ve the logo"))
        self.remove_button.setObjectName("removeLogoButton")
        self.remove_button.clicked.connect(self.remove_logo)
        self.address_button = QPushButton(self.tr("Edit the &address…"))
        self.address_button.setObjectName("editAddressButton")
        self.address_button.setToolTip(self.tr("The address, phone and e-mail printed under the association's name."))
        self.address_button.clicked.connect(self.edit_address)

    def _lay_out(self) -> None:
        """Place the logo on the left; the text, an explanation, the buttons and the error on its right."""
        explanation = QLabel(self.tr("Printed at the top of every contract, liaison sheet and letter."))
        explanation.setWordWrap(True)
        explanation.setStyleSheet("color: #555555;")
        text = QVBoxLayout()
        text.addWidget(self.name_label)
        text.addWidget(self.lines_label)
        text.addStretch(1)
        text.addWidget(explanation)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.address_button)
        buttons.addStretch(1)
        text.addLayout(buttons)
        text.addWidget(self.error_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.logo_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addSpacing(12)
        layout.addLayout(text, 1)

    def reload(self) -> None:
        """Re-read the letterhead and show it."""
        letterhead = self._letterhead.letterhead()
        self._logo = letterhead.logo
        self.name_label.setText(letterhead.organisation_name)
        if letterhead.lines:
            self.lines_label.setText("\n".join(letterhead.lines))
            self.lines_label.setStyleSheet("")
        else:
            self.lines_label.setText(self.tr("No address, phone or e-mail yet."))
            self.lines_label.setStyleSheet("color: #6b6b6b; font-style: italic;")
        self._show_logo(letterhead.logo)
        self.address_button.setEnabled(self._setup.own_organisation_id() is not None)

    def _show_logo(self, logo: bytes | None) -> None:
        self.remove_button.setEnabled(logo is not None)
        self.logo_label.clear()
        if logo is None:
            self.logo_label.setText(self.tr("No logo"))
            return
        pixmap = QPixmap()
        if not pixmap.loadFromData(logo):
            self.logo_label.setText(self.tr("The logo cannot be shown."))
            return
        if pixmap.width() > PREVIEW_WIDTH or pixmap.height() > PREVIEW_HEIGHT:
            pixmap = pixmap.scaled(
                PREVIEW_WIDTH,
                PREVIEW_HEIGHT,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.logo_label.setPixmap(pixmap)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def choose_logo(self) -> None:
        """Ask for a PNG or JPEG file and store it as the logo (the service refuses anything else)."""
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        path = choose_file(self, self.tr("Choose a logo"), self.tr("Images (*.png *.jpg *.jpeg)"), start=start)
        if path is None:
            return
        try:
            logo = read_attachment(path, max_bytes=LOGO_MAX_BYTES)
        except UnreadableFileError as exc:
            self._show_error(str(exc))
            return
        self._set_logo(logo)

    def remove_logo(self) -> None:
        """Remove the logo from the letterhead, after asking."""
        if self._logo is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove the logo"),
            self.tr("Documents will be printed without a logo. Remove it?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._set_logo(None)

    def _set_logo(self, attachment: Attachment | None) -> None:
        try:
            self._letterhead.set_logo(attachment)
        except KnownError as exc:
            # A validation refusal has one French message ("logo"); its text is the whole message.
            self._show_error(exc.user_message)
            return
        self._show_error("")
        self.reload()
        self.letterhead_changed.emit()

    def edit_address(self) -> None:
        """Edit the own organisation's address, phone and e-mail."""
        own = self._setup.own_organisation_id()
        if own is None:
            return
        try:
            organisation = self._directory.get_organisation(own)
        except KnownError as exc:
            show_error(self, exc)
            return
        dialog = LetterheadAddressDialog(self._directory, organisation, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.reload()
            self.letterhead_changed.emit()
