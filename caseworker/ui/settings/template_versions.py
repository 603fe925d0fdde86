"""A kind's template versions: their table, the dialog that saves a new one, the one that shows an older one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseworker.formats import format_date, format_datetime
from caseworker.services.contracts import NOTE_MAX, TemplateView
from caseworker.services.errors import ValidationError
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import FormErrors, submit
from caseworker.ui.common.record_table_model import RECORD_ROLE, Column, RecordTableModel
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


class TemplateVersionList(QWidget):
    """The versions of the kind being edited, newest first, and the button that shows the selected one.

    Double-click, Enter on the list, or the button ask to show the selected version (``view_requested``); the panel
    owning the list opens it. Its strings keep the translation context of the panel they came from.

    Signals:
        view_requested: the person asked to see the selected version.
    """

    view_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.version_model = TemplateVersionTableModel(self)
        self.version_table = QTableView()
        self.version_table.setObjectName("versionTable")
        self.version_table.setModel(self.version_model)
        self.version_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.version_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.version_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.version_table.setTabKeyNavigation(False)
        self.version_table.verticalHeader().setVisible(False)
        header = self.version_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TemplateVersionTableModel.COLUMN_NOTE, QHeaderView.ResizeMode.Stretch)
        self.version_table.setWordWrap(False)  # one line a version; the whole reason is in the tooltip
        self.version_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.version_table.doubleClicked.connect(lambda _index: self.view_requested.emit())
        self.version_table.installEventFilter(self)
        versions_label = QLabel(translate("ContractTemplatesPanel", "V&ersions:"))
        versions_label.setBuddy(self.version_table)
        self.view_button = QPushButton(translate("ContractTemplatesPanel", "S&how the version…"))
        self.view_button.setObjectName("viewVersionButton")
        self.view_button.clicked.connect(self.view_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(versions_label)
        layout.addWidget(self.version_table, 1)
        view_row = QHBoxLayout()
        view_row.addWidget(self.view_button)
        view_row.addStretch(1)
        layout.addLayout(view_row)

    def set_versions(self, versions: Sequence[TemplateView]) -> None:
        """Show ``versions`` (newest first) and select the newest."""
        self.version_model.set_records(versions)
        if versions:
            self.version_table.selectRow(0)

    def selected_version(self) -> TemplateView | None:
        """Return the version selected in the list, if any."""
        selection = self.version_table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        if not rows:
            return None
        record = self.version_model.index(rows[0].row(), 0).data(RECORD_ROLE)
        return record if isinstance(record, TemplateView) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on the versions list asks to show the selected version."""
        if (
            watched is self.version_table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.selected_version() is not None
        ):
            self.view_requested.emit()
            return True
        return super().eventFilter(watched, event)


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
