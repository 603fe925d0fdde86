"""One contract: its versions, who signs the selected version, and every lifecycle action.

Used by the household's Contrats tab and by the Contrats section. Generated PDFs are shown and printed from
memory (:class:`PdfPreviewDialog`); a file is written only where the person saves one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain import ContractStatus
from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.services.contracts import SCAN_MAX_BYTES, ContractVersionView, ContractView, SignatoryView
from caseworker.services.errors import ConcurrentChangeError, DeletedMeanwhileError
from caseworker.ui.common.attachments import choose_attachment
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.flow_layout import FlowLayout
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.pdf_preview import PdfPreviewDialog
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.contracts.contract_dialogs import AmendDialog, EndContractDialog, SignatureDialog
from caseworker.ui.contracts.contract_editor import ContractEditorDialog
from caseworker.ui.contracts.contract_table_models import SignatoryTableModel, VersionTableModel
from caseworker.ui.contracts.deps import ContractsDeps

SCAN_FILTER = "PDF, PNG, JPEG (*.pdf *.png *.jpg *.jpeg)"


class ContractDetailPanel(QWidget):
    """Shows one contract and runs its actions.

    Signals:
        changed: the contract changed (or was deleted): lists showing it should refresh.
    """

    changed = Signal()

    def __init__(self, deps: ContractsDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self.contract: ContractView | None = None
        self.title_label = QLabel()
        self.title_label.setObjectName("contractTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.versions_model = VersionTableModel(self)
        self.versions_table = record_table(self.versions_model, "versionsTable")
        self.versions_table.selectionModel().selectionChanged.connect(self._version_changed)
        self.signatories_model = SignatoryTableModel(self)
        self.signatories_table = record_table(self.signatories_model, "signatoriesTable")
        self.signatories_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.signatories_table.doubleClicked.connect(lambda _index: self.record_signature())

        self.edit_button = QPushButton(self.tr("&Edit the draft…"))
        self.preview_button = QPushButton(self.tr("Pre&view / print…"))
        self.send_button = QPushButton(self.tr("Send for si&gnature"))
        self.back_button = QPushButton(self.tr("Back to dra&ft"))
        self.sign_button = QPushButton(self.tr("Record a &signature…"))
        self.attach_button = QPushButton(self.tr("Attach the signed &copy…"))
        self.save_scan_button = QPushButton(self.tr("Save the signed cop&y…"))
        self.amend_button = QPushButton(self.tr("&Amend…"))
        self.end_button = QPushButton(self.tr("E&nd…"))
        self.discard_button = QPushButton(self.tr("&Delete the draft"))
        actions = (
            (self.edit_button, self.edit_draft),
            (self.preview_button, self.preview),
            (self.send_button, self.send_for_signature),
            (self.back_button, self.back_to_draft),
            (self.sign_button, self.record_signature),
            (self.attach_button, self.attach_scan),
            (self.save_scan_button, self.save_scan),
            (self.amend_button, self.amend),
            (self.end_button, self.end),
            (self.discard_button, self.discard_draft),
        )
        buttons = FlowLayout()  # wraps onto more lines on a narrow screen
        for button, slot in actions:
            button.clicked.connect(slot)
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addLayout(buttons)
        versions_label = QLabel(self.tr("&Versions"))
        versions_label.setBuddy(self.versions_table)
        layout.addWidget(versions_label)
        layout.addWidget(self.versions_table, 1)
        signatories_label = QLabel(self.tr("Si&gnatories of the selected version"))
        signatories_label.setBuddy(self.signatories_table)
        layout.addWidget(signatories_label)
        layout.addWidget(self.signatories_table, 1)
        self.set_contract(None)

    # showing -----------------------------------------------------------------------------------------------

    def set_contract(self, contract_id: int | None, *, version_id: int | None = None) -> None:
        """Show a contract (None: nothing), selecting ``version_id`` or the newest version."""
        try:
            self.contract = self._deps.contracts.contract(contract_id) if contract_id is not None else None
        except KnownError as exc:
            show_error(self, exc)
            self.contract = None
        contract = self.contract
        if contract is None:
            self.title_label.setText(self.tr("Choose a contract in the list."))
            self.versions_model.set_records([])
            self.signatories_model.set_records([])
            self._update_buttons()
            return
        parts = [contract.reference, contract.kind_label, contract.status_label]
        if contract.landlord_name:
            parts.append(self.tr("landlord: {name}").format(name=contract.landlord_name))
        if contract.ended_on:
            parts.append(self.tr("ended on {date}").format(date=format_date(contract.ended_on)))
        self.title_label.setText("  ·  ".join(parts))
        self.versions_model.set_records(list(contract.versions))
        self.versions_table.resizeColumnsToContents()
        wanted = version_id or contract.latest.id
        row = next((i for i, v in enumerate(contract.versions) if v.id == wanted), len(contract.versions) - 1)
        self.versions_table.selectRow(row)
        self._version_changed()

    @property
    def contract_version(self) -> int:
        """The version of the contract shown: every change made from this panel is typed against it."""
        return self.contract.row_version if self.contract is not None else 0

    def selected_version(self) -> ContractVersionView | None:
        """Return the version selected in the table."""
        rows = self.versions_table.selectionModel().selectedRows()
        if not rows or self.contract is None:
            return None
        return self.versions_model.record(rows[0].row())

    def selected_signatory(self) -> SignatoryView | None:
        """Return the selected signatory, or the first who has not signed yet."""
        rows = self.signatories_table.selectionModel().selectedRows()
        if rows:
            return self.signatories_model.record(rows[0].row())
        return next((s for s in self.signatories_model.records() if not s.has_signed), None)

    def _version_changed(self) -> None:
        version = self.selected_version()
        self.signatories_model.set_records(list(version.signatories) if version else [])
        self.signatories_table.resizeColumnsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Enable what the selected version's status allows; a greyed-out button says why in its tooltip."""
        contract = self.contract
        version = self.selected_version()
        if contract is None or version is None:
            for button in self._buttons():
                enable_unless(button, self.tr("Choose a contract in the list."))
            return
        status = version.status
        draft_only = "" if status is ContractStatus.BROUILLON else self.tr("Only a draft is edited, sent or deleted.")
        for button in (self.edit_button, self.send_button, self.discard_button):
            enable_unless(button, draft_only)
        enable_unless(self.preview_button, "")
        awaiting = status is ContractStatus.EN_SIGNATURE
        someone_signed = any(s.has_signed for s in version.signatories)
        if not awaiting:
            back = self.tr("Only a version sent for signature goes back to draft.")
            sign = self.tr("Signatures are recorded once the version is sent for signature.")
        else:
            back = self.tr("Someone has signed already: the version stays as it was signed.") if someone_signed else ""
            everyone = all(s.has_signed for s in version.signatories)
            sign = self.tr("Everyone has signed this version.") if everyone else ""
        enable_unless(self.back_button, back)
        enable_unless(self.sign_button, sign)
        enable_unless(
            self.attach_button,
            self.tr("The signed copy is attached once the version is sent for signature.")
            if status is ContractStatus.BROUILLON
            else "",
        )
        enable_unless(
            self.save_scan_button, "" if version.scan is not None else self.tr("No signed copy is attached yet.")
        )
        if contract.ended_on is not None:
            amend = end = self.tr("The contract has ended.")
        elif contract.in_force is None:
            amend = end = self.tr("The contract is not in force yet (no signed version).")
        else:
            end = ""
            amend = self.tr("An amendment is being prepared already.") if contract.pending is not None else ""
        enable_unless(self.amend_button, amend)
        enable_unless(self.end_button, end)

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.edit_button,
            self.preview_button,
            self.send_button,
            self.back_button,
            self.sign_button,
            self.attach_button,
            self.save_scan_button,
            self.amend_button,
            self.end_button,
            self.discard_button,
        )

    def _refused(self, exc: KnownError) -> None:
        """Say why a change was refused; when the contract changed meanwhile, show its newer version."""
        show_error(self, exc)
        if isinstance(exc, DeletedMeanwhileError):
            self._after(None)
        elif isinstance(exc, ConcurrentChangeError):
            self._reread()

    def _reread(self) -> None:
        """Show the contract as it is now, after a change typed against an older version was refused."""
        if self.contract is not None:
            self._after(self.contract)

    def _after(self, contract: ContractView | None, *, version_id: int | None = None) -> None:
        if contract is None:
            self.set_contract(None)
        else:
            self.set_contract(contract.id, version_id=version_id)
        self.changed.emit()

    # actions -----------------------------------------------------------------------------------------------

    def edit_draft(self) -> None:
        """Open the editor on the selected draft."""
        version = self.selected_version()
        if self.contract is None or version is None or not version.is_editable:
            return
        dialog = ContractEditorDialog(self._deps, self.contract, version, self)
        if dialog.exec() and dialog.saved is not None:
            self._after(dialog.saved, version_id=version.id)
        elif changed_meanwhile(dialog):
            self._reread()

    def preview(self) -> None:
        """Show the selected version's PDF; printing or saving it is recorded (a disclosure once sent)."""
        version = self.selected_version()
        contract = self.contract
        if contract is None or version is None:
            return
        try:
            pdf = self._deps.contracts.version_pdf(version.id)
        except KnownError as exc:
            show_error(self, exc)
            return
        if version.status is ContractStatus.BROUILLON:
            notice = self.tr('Draft: marked "PROJET". Send it for signature to print the copies to be signed.')
        elif contract.landlord_facing and contract.landlord_name:
            notice = self.tr(
                "The copy as sent for signature. Printing or saving it is recorded as sent to {landlord}."
            ).format(landlord=contract.landlord_name)
        else:
            notice = self.tr("The copy as sent for signature.")
        dialog = PdfPreviewDialog(
            pdf.content, f"{contract.reference} — {contract.kind_label}", pdf.filename, self, notice=notice
        )
        dialog.exported.connect(lambda channel: self._record_export(version.id, channel))
        dialog.exec()

    def _record_export(self, version_id: int, channel: str) -> None:
        try:
            self._deps.contracts.record_export(version_id, channel=channel)
        except KnownError as exc:
            show_error(self, exc)
        self.changed.emit()

    def send_for_signature(self) -> None:
        """Freeze the draft and wait for the signatures (a refusal says what is missing)."""
        version = self.selected_version()
        if version is None:
            return
        try:
            contract = self._deps.contracts.send_for_signature(version.id, expected_version=self.contract_version)
        except KnownError as exc:
            self._refused(exc)
            return
        self._after(contract, version_id=version.id)

    def back_to_draft(self) -> None:
        """Take the version back to draft (before anyone has signed)."""
        version = self.selected_version()
        if version is None:
            return
        try:
            contract = self._deps.contracts.back_to_draft(version.id, expected_version=self.contract_version)
        except KnownError as exc:
            self._refused(exc)
            return
        self._after(contract, version_id=version.id)

    def record_signature(self) -> None:
        """Record the selected signatory's signature."""
        version = self.selected_version()
        signatory = self.selected_signatory()
        if version is None or signatory is None or version.status is not ContractStatus.EN_SIGNATURE:
            return
        if signatory.has_signed:
            return
        dialog = SignatureDialog(self._deps, signatory, self, version=self.contract_version)
        if dialog.exec() and dialog.saved is not None:
            self._after(dialog.saved, version_id=version.id)
        elif changed_meanwhile(dialog):
            self._reread()

    def attach_scan(self) -> None:
        """Store the scanned signed copy inside the encrypted database."""
        version = self.selected_version()
        if version is None:
            return
        scan = choose_attachment(self, self.tr("Attach the signed copy"), SCAN_FILTER, max_bytes=SCAN_MAX_BYTES)
        if scan is None:
            return
        try:
            contract = self._deps.contracts.attach_scan(version.id, scan, expected_version=self.contract_version)
        except KnownError as exc:
            self._refused(exc)
            return
        self._after(contract, version_id=version.id)

    def save_scan(self) -> None:
        """Write the signed copy where the person chooses (the only way it leaves the encrypted database)."""
        version = self.selected_version()
        if version is None or version.scan is None:
            return
        try:
            attachment = self._deps.contracts.scan(version.id)
        except KnownError as exc:
            show_error(self, exc)
            return
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the signed copy"),
            attachment.filename,
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if not name:
            return
        try:
            Path(name).write_bytes(attachment.content)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Save the signed copy"),
                self.tr("The file could not be written: {error}").format(error=exc.strerror),
            )

    def amend(self) -> None:
        """Prepare an amendment of the version in force."""
        if self.contract is None:
            return
        dialog = AmendDialog(self._deps, self.contract, self)
        if dialog.exec() and dialog.saved is not None:
            self._after(dialog.saved)
            self.edit_draft()
        elif changed_meanwhile(dialog):
            self._reread()

    def end(self) -> None:
        """End the contract."""
        if self.contract is None:
            return
        dialog = EndContractDialog(self._deps, self.contract, self)
        if dialog.exec() and dialog.saved is not None:
            self._after(dialog.saved)
        elif changed_meanwhile(dialog):
            self._reread()

    def discard_draft(self) -> None:
        """Delete the selected draft (the whole contract if it is the first version)."""
        version = self.selected_version()
        if self.contract is None or version is None:
            return
        question = (
            self.tr("Delete this draft contract? Nothing of it will be kept.")
            if version.number == 1
            else self.tr("Delete the draft amendment? The version in force is not changed.")
        )
        answer = QMessageBox.question(self, self.tr("Delete the draft"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            contract = self._deps.contracts.discard_draft(version.id, expected_version=self.contract_version)
        except KnownError as exc:
            self._refused(exc)
            return
        self._after(contract)
