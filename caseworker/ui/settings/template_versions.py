"""A kind's template versions: their table, the dialog that saves a new one, the one that shows an older one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from caseworker.formats import format_date, format_datetime
from caseworker.services.contracts import NOTE_MAX, TemplateView
from caseworker.services.errors import ValidationError
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import FormErrors, submit
from caseworker.ui.common.record_table_model import Column, RecordTableModel
from caseworker.ui.common.text_limits import limit_text
from caseworker.ui.settings.clause_list import clause_label

translate = QCoreApplication.translate


class TemplateVersionTableModel(RecordTableModel[TemplateView]):
    """A kind's template versions, newest first: number, date, reason for the change."""

    COLUMN_VERSION, COLUMN_DATE, COLUMN_NOTE = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("TemplateVersionTableModel", "Version"),
                    lambda t: str(t.version),
                    sort_key=lambda t: t.version,
                    alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                ),
                Column(
                    translate("TemplateVersionTableModel", "Date"),
                    lambda t: format_datetime(t.created_at),
                    sort_key=lambda t: t.created_at,
                ),
                Column(
                    translate("TemplateVersionTableModel", "Reason"),
                    lambda t: " ".join(t.note.split()),
                    tooltip=lambda t: t.note,
                ),
            ],
            parent,
        )


class SaveTemplateVersionDialog(FittedDialog):
    """Asks why the template changes, then saves it through ``save``; ``saved`` holds the new version.

    A refusal keeps the dialog open with the reason typed: a message about the reason shows under it, a message
    about the clauses under the form (``refusals`` keeps the last ones, so that the panel can show them too once
    the dialog is closed to correct a clause).
    """

    def __init__(
        self,
        kind_label: str,
        next_version: int,
        note: str,
        save: Callable[[str], TemplateView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save_template = save
        self.saved: TemplateView | None = None
        self.refusals: dict[str, str] = {}
        self.setObjectName("saveVersionDialog")
        self.setWindowTitle(self.tr("Save as a new version"))
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "The template of “{kind}” becomes version {version}. Contracts already drafted keep the version "
                "they were drafted from."
            ).format(kind=kind_label, version=next_version)
        )
        intro.setWordWrap(True)
        self.reason_edit = limit_text(QPlainTextEdit(note), NOTE_MAX)
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(72)
        self.reason_edit.setPlaceholderText(self.tr("e.g. wording agreed with the landlords in March"))
        self.errors = FormErrors()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.errors.add_row(form, self.tr("&Reason for the change (required):"), self.reason_edit, "note")
        general = QLabel()
        general.setObjectName("saveVersionErrors")
        self.errors.set_general_label(general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("saveVersionButtons")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addWidget(self.buttons)
        # The service does not ask for a reason; a version without one would be hard to tell apart later.
        self.reason_edit.textChanged.connect(self._update_save_button)
        self._update_save_button()
        self.reason_edit.setFocus()

    def reason(self) -> str:
        """Return the reason as typed."""
        return self.reason_edit.toPlainText()

    def _update_save_button(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.reason().strip()))

    def _save(self) -> None:
        if not self.reason().strip():
            return

        def save() -> None:
            try:
                self.saved = self._save_template(self.reason())
            except ValidationError as exc:
                self.refusals = dict(exc.errors)
                raise

        submit(self, self.errors, save)


class TemplateVersionDialog(FittedDialog):
    """Shows one version of a template, read-only (what contracts drafted from it started with)."""

    def __init__(self, kind_label: str, template: TemplateView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateVersionDialog")
        self.setWindowTitle(self.tr("Template version {version}").format(version=template.version))
        self.resize(760, 600)
        heading = QLabel(
            self.tr("{kind}, version {version} of {date}").format(
                kind=kind_label, version=template.version, date=format_date(template.created_at.astimezone().date())
            )
        )
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: 600;")
        note = QLabel(self.tr("Reason: {note}").format(note=" ".join(template.note.split()) or "—"))
        note.setWordWrap(True)
        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("versionText")
        self.text_view.setReadOnly(True)
        self.text_view.setPlainText(self.template_text(template))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(self.text_view, 1)
        layout.addWidget(buttons)
        self.text_view.setFocus()

    @staticmethod
    def template_text(template: TemplateView) -> str:
        """Return the clauses as plain text: a numbered heading per clause, then its text."""
        parts = []
        for number, clause in enumerate(template.clauses, start=1):
            body = clause.body.strip() or "—"
            parts.append(f"{number}. {clause_label(clause.title, clause.required)}\n{body}")
        return "\n\n".join(parts)
