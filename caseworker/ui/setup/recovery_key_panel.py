"""Shows a new recovery key once, and lets the person save it as a PDF or print it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.ui.setup.key_tools import RecoverySheetPdf


@dataclass(frozen=True)
class _Sheet:
    """What the recovery sheet shows (the computer's name is added by whoever draws the PDF)."""

    recovery_key: str
    database_id: str
    created_on: date
    organisation_name: str


class RecoveryKeyPanel(QWidget):
    """The key in large characters, "Save as PDF…", "Print…", and the confirmation the person must tick.

    Signals:
        confirmation_changed: the "I have kept it" box was ticked or unticked.
    """

    confirmation_changed = Signal(bool)

    def __init__(self, recovery_sheet_pdf: RecoverySheetPdf, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recovery_sheet_pdf = recovery_sheet_pdf
        self._sheet: _Sheet | None = None
        explanation = QLabel(
            self.tr(
                "This recovery key reopens the database if the key kept by this computer is lost, or if the "
                "passphrase is forgotten. It is shown only once: print it or write it down now, and keep it "
                "locked away from the computer."
            )
        )
        explanation.setWordWrap(True)
        self.key_label = QLabel()
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setStyleSheet("border: 2px solid #333; padding: 12px; background: #fff; color: #000;")
        self.save_button = QPushButton(self.tr("Save as &PDF…"))
        self.print_button = QPushButton(self.tr("P&rint…"))
        self.save_button.clicked.connect(self._save_pdf)
        self.print_button.clicked.connect(self._print)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        self.confirm_box = QCheckBox(
            self.tr("I have printed or written down this recovery key and will keep it away from the computer.")
        )
        self.confirm_box.toggled.connect(self.confirmation_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(8)
        layout.addWidget(self.key_label)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addWidget(self.confirm_box)
        layout.addStretch(1)

    def show_key(self, recovery_key: str, database_id: str, organisation_name: str = "") -> None:
        """Display a new key (and forget any previous confirmation)."""
        self._sheet = _Sheet(
            recovery_key=recovery_key,
            database_id=database_id,
            created_on=date.today(),
            organisation_name=organisation_name,
        )
        self.key_label.setText(recovery_key)
        self.confirm_box.setChecked(False)

    def is_confirmed(self) -> bool:
        """Return True once the person ticked the confirmation."""
        return self.confirm_box.isChecked()

    def pdf_bytes(self) -> bytes:
        """Return the recovery sheet as PDF (in memory)."""
        assert self._sheet is not None
        return self._recovery_sheet_pdf(
            recovery_key=self._sheet.recovery_key,
            database_id=self._sheet.database_id,
            created_on=self._sheet.created_on,
            organisation_name=self._sheet.organisation_name,
        )

    def _save_pdf(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the recovery key"),
            str(Path.home() / "cle-de-secours.pdf"),
            self.tr("PDF (*.pdf)"),
        )
        if not name:
            return
        try:
            Path(name).write_bytes(self.pdf_bytes())
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Recovery key"),
                self.tr("The file could not be written: {error}").format(error=exc.strerror),
            )
            return
        QMessageBox.information(
            self,
            self.tr("Recovery key"),
            self.tr("The recovery key was saved. Print it, then delete the file or move it off this computer."),
        )

    def _print(self) -> None:
        assert self._sheet is not None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_document().print_(printer)

    def print_document(self) -> QTextDocument:
        """Return the printable sheet as a Qt text document (what "Print…" sends to the printer)."""
        assert self._sheet is not None
        document = QTextDocument()
        document.setHtml(
            "<h2>{title}</h2><p>{where}</p><p style='font-size:20pt;font-family:monospace'><b>{key}</b></p>"
            "<p>{advice}</p>".format(
                title=self.tr("Recovery key"),
                where=self.tr("Database {id}, created on {day}").format(
                    id=self._sheet.database_id[:8], day=self._sheet.created_on.strftime("%d/%m/%Y")
                ),
                key=self._sheet.recovery_key,
                advice=self.tr(
                    "Keep this sheet locked away from the computer. "
                    "Anyone holding it and the database file can read the records."
                ),
            )
        )
        return document
