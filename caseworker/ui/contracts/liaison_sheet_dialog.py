"""The fiche navette to a landlord, the household's disclosure log, and the household's own summary (docs/domain.md §7).

The dialog only gathers choices and shows what the service says: which categories every adult agreed to share
with the chosen landlord (and contact), and why a sheet would be refused. The service decides, builds the PDF and
writes the disclosure log.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.errors import KnownError
from caseworker.services.errors import ValidationError
from caseworker.services.sharing import ConsentMissingError, DisclosureView, MissingConsent
from caseworker.services.sharing.liaison_sheet import (
    LandlordOption,
    LiaisonSheetRequest,
    LiaisonSheetService,
    PreparedSheet,
)
from caseworker.services.validation import MESSAGE_MAX
from caseworker.ui.common.bug_log import log_exception_scrubbed
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import ERROR_STYLE, FormErrors
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.pdf_preview import PdfPreviewDialog
from caseworker.ui.common.record_table_model import Column, RecordTableModel
from caseworker.ui.common.text_limits import limit_text
from caseworker.ui.contracts.sheet_categories import SheetCategories, missing_text

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

HINT_STYLE = "color: #6b6b6b;"
_CENTER = Qt.AlignmentFlag.AlignCenter

EXPORT_CHANNELS = {"print": "impression", "file": "fichier"}
"""The disclosure channel recorded for each way the preview lets the document out (``PdfPreviewDialog.exported``)."""


class LiaisonSheetDialog(FittedDialog):
    """Prepares a fiche navette for one of the household's landlords, previews it, and records it when it is sent.

    Choices: the landlord (the current dwelling's first), the contact it is addressed to (in routing order, or
    no named contact), the C1 categories it carries (identity always: the sheet names the household), a short
    housing-related message, a copy to the SIAO, and how it is handed over. Each category says whether every
    adult agreed to share it with that landlord, and a line under the list says, before anything is asked, who
    has not agreed to what: the worker sees why a sheet would be refused. Only identity is ticked at first
    (share the least by default); the ticks stay as chosen when the landlord or contact changes, while the
    agreements and the refusal line follow.

    Sending is recorded where it happens. Preview… builds the sheet (refused with the service's message when a
    consent is missing; the dialog stays open with every choice). Nothing is recorded by previewing. The
    document leaves the application only by Print… or Save a copy… in the preview, and each of those writes one
    entry of the disclosure log, after the service has checked the consents once more:

    * "Handed over" left on *Printed or saved from the preview*: the entry says what happened, printed
      (``impression``) or saved to a file (``fichier``).
    * "Handed over" set to *In person*, *By post* or *By e-mail*: the worker declares how the printed or saved
      copy reaches the landlord, and the entry records that channel instead (``remise``, ``courrier``,
      ``courriel``), still written at the moment it is printed or saved, never earlier.

    Each print or save is one entry (a second copy is a second disclosure: the log cannot know a copy was
    destroyed). When the consent check fails at that moment (a consent was revoked meanwhile) nothing is
    recorded and the message says that the copy just printed or saved must not be handed over.

    Attributes:
        sent: the last disclosure recorded from this dialog (None until one is); the dialog is accepted when the
            preview closes after at least one.
    """

    def __init__(self, liaison_sheets: LiaisonSheetService, household_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._liaison_sheets = liaison_sheets
        self._household_id = household_id
        self.sent: DisclosureView | None = None
        self._missing: list[MissingConsent] = []
        self._shown: tuple[PreparedSheet, PdfPreviewDialog] | None = None  # the sheet in the preview, while open
        self.setWindowTitle(self.tr("Liaison sheet for a landlord"))
        self.setMinimumWidth(600)
        self.errors = FormErrors()
        options = liaison_sheets.options(household_id)
        # The current dwelling's landlord first (the service already says so; a stable sort keeps its order).
        self._landlords = sorted(options.landlords, key=lambda landlord: not landlord.is_current)
        self._build_notices()
        self._build_recipient_choice()
        self.categories = SheetCategories(options.categories)
        self.category_list = self.categories.category_list
        self.missing_label = self.categories.missing_label
        self._build_message()
        channel = self._build_channel()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(form, self.tr("&Landlord:"), self.landlord_combo, "landlord_id")
        self.errors.add_row(form, self.tr("&Addressed to:"), self.contact_combo, "recipient_contact_id")
        self.errors.add_row(form, self.tr("Ca&tegories:"), self.categories, "category_codes")
        self.errors.add_row(form, self.tr("&Message:"), self.message_edit, "message")
        form.addRow("", self.siao_box)
        self.errors.add_row(form, self.tr("&Handed over:"), channel, "channel")
        close_button = self._lay_out(form)
        for widget in (
            self.landlord_combo,
            self.contact_combo,
            self.category_list,
            self.message_edit,
            self.siao_box,
            self.channel_combo,
        ):
            widget.setEnabled(bool(self._landlords))
        self.landlord_combo.currentIndexChanged.connect(self._landlord_changed)
        self.contact_combo.currentIndexChanged.connect(self.refresh_consents)
        self.category_list.itemChanged.connect(self._category_ticked)
        self.channel_combo.currentIndexChanged.connect(self._show_channel_hint)
        self._landlord_changed()
        self._show_channel_hint()
        if self._landlords:
            self.category_list.setFocus()
        else:
            close_button.setFocus()

    def _build_notices(self) -> None:
        """What the sheet always carries, and (alone, in bold red) that the household deals with no landlord."""
        self.intro_label = QLabel(
            self.tr(
                "The sheet always gives the support measure, who to call and the coming meetings. Tick what else "
                "it should carry: only what every adult of the household agreed in writing to share with this "
                "landlord."
            )
        )
        self.intro_label.setWordWrap(True)
        self.no_landlord_label = QLabel(
            self.tr(
                "This household deals with no landlord yet: there is no current dwelling, consent or contract "
                "with a landlord. Record the dwelling or the household's consent first."
            )
        )
        self.no_landlord_label.setObjectName("no_landlord_label")
        self.no_landlord_label.setWordWrap(True)
        self.no_landlord_label.setStyleSheet(f"{ERROR_STYLE} font-weight: bold;")
        self.no_landlord_label.setVisible(not self._landlords)

    def _build_recipient_choice(self) -> None:
        """The landlord (the current dwelling's first) and the contact the sheet is addressed to."""
        self.landlord_combo = QComboBox()
        self.landlord_combo.setObjectName("landlord_combo")
        for landlord in self._landlords:
            text = self.tr("{name} (current dwelling)").format(name=landlord.name) if landlord.is_current else ""
            self.landlord_combo.addItem(text or landlord.name, landlord.id)
        self.landlord_combo.setPlaceholderText(self.tr("No landlord"))
        self.contact_combo = QComboBox()
        self.contact_combo.setObjectName("contact_combo")
        self.contact_combo.setPlaceholderText(self.tr("No landlord"))

    def _build_message(self) -> None:
        """The short housing-related message, and the copy to the SIAO."""
        self.message_edit = limit_text(QPlainTextEdit(), MESSAGE_MAX)
        self.message_edit.setObjectName("message_edit")
        self.message_edit.setTabChangesFocus(True)
        self.message_edit.setFixedHeight(72)
        self.message_edit.setPlaceholderText(
            self.tr(
                "Optional. Housing matters only (a visit, a meeting, a repair): never health, justice, family or "
                "money matters other than the rent."
            )
        )
        self.siao_box = QCheckBox(self.tr("Copy to the &SIAO"))
        self.siao_box.setObjectName("siao_box")
        self.siao_box.setToolTip(self.tr("Records that the SIAO receives a copy of the sheet."))

    def _build_channel(self) -> QWidget:
        """How the sheet is handed over, with the line saying what printing or saving it records."""
        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("channel_combo")
        self.channel_combo.addItem(self.tr("Printed or saved from the preview"), None)
        self.channel_combo.addItem(self.tr("In person"), "remise")
        self.channel_combo.addItem(self.tr("By post"), "courrier")
        self.channel_combo.addItem(self.tr("By e-mail"), "courriel")
        self.channel_hint = QLabel()
        self.channel_hint.setObjectName("channel_hint")
        self.channel_hint.setWordWrap(True)
        self.channel_hint.setStyleSheet(HINT_STYLE)
        channel = QWidget()
        channel_box = QVBoxLayout(channel)
        channel_box.setContentsMargins(0, 0, 0, 0)
        channel_box.setSpacing(2)
        channel_box.addWidget(self.channel_combo)
        channel_box.addWidget(self.channel_hint)
        channel.setFocusProxy(self.channel_combo)
        return channel

    def _lay_out(self, form: QFormLayout) -> QPushButton:
        """Notices, the form, its general message, then Preview… (the default) and Close; returns Close."""
        general = QLabel()
        general.setObjectName("general_error")
        self.errors.set_general_label(general)
        self.preview_button = QPushButton(self.tr("&Preview…"))
        self.preview_button.setObjectName("preview_button")
        self.preview_button.setEnabled(bool(self._landlords))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        assert close_button is not None  # the box was made with it
        close_button.setAutoDefault(False)
        self.preview_button.setDefault(True)  # Enter (outside the message) previews
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_landlord_label)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return close_button

    # what the worker chose ---------------------------------------------------------------------------------

    def landlord(self) -> LandlordOption | None:
        """Return the chosen landlord (None when the household deals with none)."""
        landlord_id = self.landlord_combo.currentData()
        return next((landlord for landlord in self._landlords if landlord.id == landlord_id), None)

    def request(self) -> LiaisonSheetRequest | None:
        """Return what the dialog asks the service for (None without a landlord)."""
        landlord = self.landlord()
        if landlord is None:
            return None
        return LiaisonSheetRequest(
            landlord_id=landlord.id,
            category_codes=tuple(str(code) for code in self.category_list.checked_keys()),
            recipient_contact_id=self.contact_combo.currentData(),
            message=self.message_edit.toPlainText(),
            copy_siao=self.siao_box.isChecked(),
        )

    def hand_over_channel(self) -> str | None:
        """Return the declared hand-over channel, or None to record what the preview does (printed, saved)."""
        data = self.channel_combo.currentData()
        return str(data) if data else None

    def missing(self) -> list[MissingConsent]:
        """Return what the service currently says is missing for the chosen sheet (empty: it will be produced)."""
        return list(self._missing)

    # live consent check ------------------------------------------------------------------------------------

    def _landlord_changed(self) -> None:
        landlord = self.landlord()
        blocker = QSignalBlocker(self.contact_combo)
        self.contact_combo.clear()
        for contact in landlord.contacts if landlord is not None else ():
            text = self.tr("{name} — {role}").format(name=contact.name, role=contact.role_label)
            self.contact_combo.addItem(text if contact.role_label else contact.name, contact.id)
        if landlord is not None:
            # Routing order: the first contact is the right one unless the worker knows better.
            self.contact_combo.addItem(self.tr("No named contact (the landlord as a whole)"), None)
            self.contact_combo.setCurrentIndex(0)
        del blocker
        self.refresh_consents()

    def _category_ticked(self) -> None:
        self.refresh_consents()

    def refresh_consents(self) -> None:
        """Ask the service who has not agreed to what, and show it on each category and under the list.

        Each category's mark is checked for the chosen contact too (a consent may be limited to one role at the
        landlord), so every category is asked for, not only the ticked ones.
        """
        request = self.request()
        if request is None:
            self._missing = []
            self.categories.show_marks(set(), available=False)
            self.missing_label.setVisible(False)
            return
        every = self.categories.codes()  # every category offered, in display order
        try:
            all_missing = self._liaison_sheets.missing_consents(
                self._household_id, LiaisonSheetRequest(request.landlord_id, every, request.recipient_contact_id)
            )
            self._missing = self._liaison_sheets.missing_consents(self._household_id, request)
        except KnownError as exc:  # a landlord deleted meanwhile, a category the sheet cannot carry…
            self._missing = []
            self.categories.show_marks(set(), available=False)
            self._show_missing_text(exc.user_message, refused=True)
            return
        self.categories.show_marks({item.category_code for item in all_missing}, available=True)
        if self._missing:
            self._show_missing_text(missing_text(self._missing), refused=True)
        else:
            self._show_missing_text(self.tr("✓ Every adult agreed to share the ticked categories."), refused=False)

    def _show_missing_text(self, text: str, *, refused: bool) -> None:
        self.categories.show_missing(text, refused=refused)
        self._fit_window()

    def _show_channel_hint(self) -> None:
        if self.hand_over_channel() is None:
            hint = self.tr(
                "Printing or saving a copy from the preview sends the sheet: each is recorded in the disclosure "
                "log as printed or saved."
            )
        else:
            hint = self.tr(
                "Printing or saving a copy from the preview sends the sheet: each is recorded in the disclosure "
                "log as handed over “{channel}”. Print or save it only to hand it over."
            ).format(channel=self.channel_combo.currentText())
        self.channel_hint.setText(hint)
        self.channel_hint.ensurePolished()
        width = self.channel_combo.width() if self.channel_combo.width() > 120 else 420
        self.channel_hint.setMinimumHeight(
            self.channel_hint.heightForWidth(width) + self.channel_hint.fontMetrics().height() // 2
        )
        self._fit_window()

    def _fit_window(self) -> None:
        """Grow the dialog when a longer text appears (a wrapped line must never be clipped); never shrink it."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        hint = self.sizeHint()
        width = max(hint.width(), self.width())
        # Wrapped labels: the height they need depends on the width (sizeHint does not know it).
        height = max(hint.height(), layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else 0)
        if height > self.height() or width > self.width():
            self.resize(width, max(height, self.height()))

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the wrapped texts once the dialog has its real width."""
        super().showEvent(event)
        self._fit_window()

    # preview and sending -----------------------------------------------------------------------------------

    def preview(self) -> None:
        """Build the sheet and preview it; printing or saving it there records the disclosure."""
        request = self.request()
        landlord = self.landlord()
        if request is None or landlord is None:
            return
        self.errors.clear()
        try:
            sheet = self._liaison_sheets.prepare(self._household_id, request)
        except ConsentMissingError as exc:
            self.refresh_consents()
            show_error(self, exc, title=self.tr("Liaison sheet refused"))
            self.category_list.setFocus()
            return
        except ValidationError as exc:
            self.errors.show(exc.errors)
            return
        except KnownError as exc:
            show_error(self, exc)
            return
        preview = PdfPreviewDialog(
            sheet.pdf.content,
            self.tr("Liaison sheet — {landlord}").format(landlord=landlord.name),
            sheet.pdf.filename,
            self,
            notice=self.tr(
                "Printing this sheet or saving a copy sends it to {landlord}: it is then recorded in the "
                "household's disclosure log. Check it first."
            ).format(landlord=landlord.name),
        )
        preview.setObjectName("liaison_sheet_preview")
        # A bound slot, not a closure over the preview: a lambda holding its own sender would be released while
        # Qt destroys the preview, and crash PySide.
        self._shown = (sheet, preview)
        preview.exported.connect(self._exported)
        try:
            preview.exec()
        finally:
            self._shown = None
            preview.deleteLater()
        if self.sent is not None:
            self.accept()

    def _exported(self, how: str) -> None:
        """The previewed sheet was printed or saved: record the disclosure (the service checks the consents)."""
        if self._shown is None:
            return
        sheet, preview = self._shown
        channel = self.hand_over_channel() or EXPORT_CHANNELS.get(how, "fichier")
        try:
            disclosure = self._liaison_sheets.record_sent(sheet, channel=channel)
        except Exception as exc:  # a consent revoked meanwhile, or our bug: either way the copy is out, unrecorded
            if isinstance(exc, KnownError):
                reason = exc.user_message
            else:
                log_exception_scrubbed(log, "the disclosure of a liaison sheet could not be recorded", exc)
                reason = self.tr("An unexpected error occurred; the details were written to the log file.")
            if how == "print":
                consequence = self.tr("The sheet has just been printed: do not hand it over, destroy it.")
            else:
                consequence = self.tr("A copy has just been saved: do not hand it over, delete the file.")
            QMessageBox.warning(
                preview,
                self.tr("Liaison sheet not recorded"),
                self.tr("{reason}\n\nNothing was recorded in the disclosure log. {consequence}").format(
                    reason=reason, consequence=consequence
                ),
            )
            return
        self.sent = disclosure
        recipient = disclosure.recipient_name
        if disclosure.recipient_contact:
            recipient = f"{recipient} ({disclosure.recipient_contact})"
        QMessageBox.information(
            preview,
            self.tr("Liaison sheet recorded"),
            self.tr("Recorded in the disclosure log: {reference} to {recipient}, {channel}.").format(
                reference=disclosure.document_reference, recipient=recipient, channel=disclosure.channel_label
            ),
        )


def _recipient(disclosure: DisclosureView) -> str:
    if disclosure.recipient_contact:
        return f"{disclosure.recipient_name} — {disclosure.recipient_contact}"
    return disclosure.recipient_name


def _document(disclosure: DisclosureView) -> str:
    if disclosure.document_reference:
        return f"{disclosure.document_label} ({disclosure.document_reference})"
    return disclosure.document_label


def _categories_tooltip(disclosure: DisclosureView) -> str:
    text = ", ".join(disclosure.categories)
    if disclosure.legal_basis:
        basis = translate("DisclosureTableModel", "Legal basis: {basis}").format(basis=disclosure.legal_basis_label)
        text = f"{text}\n{basis}" if text else basis
    return text


def _siao_tooltip(disclosure: DisclosureView) -> str:
    return translate("DisclosureTableModel", "A copy went to the SIAO") if disclosure.copy_siao else ""


class DisclosureTableModel(RecordTableModel[DisclosureView]):
    """The household's disclosure log (docs/domain.md §7.2): what left the association, to whom, how, when, by whom."""

    COLUMN_WHEN = 0
    COLUMN_SIAO = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("DisclosureTableModel", "When"),
                    lambda d: f"{d.at.astimezone():%d/%m/%Y %H:%M}",
                    sort_key=lambda d: (d.at, d.id),
                ),
                Column(translate("DisclosureTableModel", "Document"), _document),
                Column(translate("DisclosureTableModel", "Recipient"), _recipient),
                Column(
                    translate("DisclosureTableModel", "Categories"),
                    lambda d: ", ".join(d.categories),
                    tooltip=_categories_tooltip,
                ),
                Column(translate("DisclosureTableModel", "Channel"), lambda d: d.channel_label),
                Column(
                    translate("DisclosureTableModel", "SIAO copy"),
                    lambda d: "✓" if d.copy_siao else "",
                    sort_key=lambda d: d.copy_siao,
                    alignment=_CENTER,
                    tooltip=lambda d: (
                        translate("DisclosureTableModel", "A copy went to the SIAO") if d.copy_siao else ""
                    ),
                ),
                Column(translate("DisclosureTableModel", "By"), lambda d: d.staff_name),
            ],
            parent,
        )


def show_household_summary(liaison_sheets: LiaisonSheetService, household_id: int, parent: QWidget | None) -> None:
    """Preview the household's own one-page summary, to print or save for them.

    Not a disclosure: the document is for the household itself, so nothing goes to the disclosure log (the
    service notes the export in the audit log).
    """
    try:
        summary = liaison_sheets.household_summary(household_id)
    except KnownError as exc:
        show_error(parent, exc)
        return
    preview = PdfPreviewDialog(
        summary.content,
        translate("HouseholdSummary", "Summary for the household"),
        summary.filename,
        parent,
        notice=translate(
            "HouseholdSummary",
            "This summary is for the household itself: give it to them. Printing or saving it sends nothing to a "
            "partner.",
        ),
    )
    preview.setObjectName("household_summary_preview")
    preview.exec()
    preview.deleteLater()
