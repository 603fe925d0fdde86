"""The editor of one clause of a contract template: its title, whether it is required, its text with fields.

The panel (:class:`~caseworker.ui.settings.contract_templates_panel.ContractTemplatesPanel`) gives it the selected
clause and keeps its working copy; the editor shows the clause, says when the administrator changed it and which field
they chose to insert. Its strings keep the panel's translation context, where the catalogue has them.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QMenu, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from caseworker.services.contracts import COMMITMENT_CODES, PLACEHOLDERS, TITLE_MAX, ClauseInput
from caseworker.services.validation import LONG_TEXT_MAX
from caseworker.ui.common.text_limits import TextCounter, limit_text, limited_line


class ClauseEditor(QWidget):
    """Title, "required" and text of the selected clause, with a menu of the fields a text may contain.

    Signals:
        placeholder_chosen(str): the administrator chose a field to insert at the cursor (its name).
        edited: the administrator changed the title, "required" or the text (not when a clause is shown).
    """

    placeholder_chosen = Signal(str)
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clauseEditor")
        self._loading = False
        self.title_edit = limited_line(TITLE_MAX)
        self.title_edit.setObjectName("clauseTitleEdit")
        title_label = QLabel(QCoreApplication.translate("ContractTemplatesPanel", "&Title:"))
        title_label.setBuddy(self.title_edit)
        self.required_check = QCheckBox(
            QCoreApplication.translate(
                "ContractTemplatesPanel", "Re&quired: it must be written before the contract is signed"
            )
        )
        self.required_check.setObjectName("clauseRequiredCheck")
        self.body_edit = limit_text(QPlainTextEdit(), LONG_TEXT_MAX)
        self.body_edit.setObjectName("clauseBodyEdit")
        self.body_edit.setTabChangesFocus(True)
        body_label = QLabel(QCoreApplication.translate("ContractTemplatesPanel", "Te&xt:"))
        body_label.setBuddy(self.body_edit)
        self.body_hint = QLabel()
        self.body_hint.setObjectName("clauseBodyHint")
        self.body_hint.setWordWrap(True)
        self.body_hint.setStyleSheet("color: #555555;")
        self.insert_button = QPushButton(QCoreApplication.translate("ContractTemplatesPanel", "Insert a &field…"))
        self.insert_button.setObjectName("insertFieldButton")
        self.insert_button.setToolTip(
            QCoreApplication.translate(
                "ContractTemplatesPanel", "Insert at the cursor a field filled in from each contract."
            )
        )
        self.insert_menu = QMenu(self.insert_button)
        self.insert_menu.setObjectName("insertFieldMenu")
        self.insert_menu.setToolTipsVisible(True)
        for name, description in PLACEHOLDERS.items():
            action = self.insert_menu.addAction(f"{{{name}}} — {description}".replace("&", "&&"))
            action.setData(name)
            action.setToolTip(description)
            action.triggered.connect(lambda _checked=False, field=name: self.placeholder_chosen.emit(field))
        self.insert_button.setMenu(self.insert_menu)
        title_row = QHBoxLayout()
        title_row.addWidget(title_label)
        title_row.addWidget(self.title_edit, 1)
        body_row = QHBoxLayout()
        body_row.addWidget(body_label)
        body_row.addStretch(1)
        body_row.addWidget(self.insert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(title_row)
        layout.addWidget(self.required_check)
        layout.addLayout(body_row)
        layout.addWidget(self.body_edit, 1)
        layout.addWidget(TextCounter(self.body_edit))
        layout.addWidget(self.body_hint)
        self.title_edit.textChanged.connect(lambda _text: self._changed())
        self.required_check.toggled.connect(lambda _checked: self._changed())
        self.body_edit.textChanged.connect(self._changed)

    def show_clause(self, clause: ClauseInput) -> None:
        """Show ``clause`` (an empty one when none is selected), with the hint its text needs."""
        self._loading = True
        try:
            if self.title_edit.text() != clause.title:
                self.title_edit.setText(clause.title)
            self.required_check.setChecked(clause.required)
            if self.body_edit.toPlainText() != clause.body:
                self.body_edit.setPlainText(clause.body)
        finally:
            self._loading = False
        if clause.code in COMMITMENT_CODES:
            self.body_hint.setText(
                QCoreApplication.translate(
                    "ContractTemplatesPanel",
                    "One commitment per line: each line becomes a commitment of the party in the contract.",
                )
            )
        else:
            self.body_hint.setText(
                QCoreApplication.translate(
                    "ContractTemplatesPanel", "Fields in braces are filled in from each contract when it is printed."
                )
            )

    def edited_clause(self, clause: ClauseInput) -> ClauseInput:
        """Return ``clause`` with what the editor shows (its code stays)."""
        return replace(
            clause,
            title=self.title_edit.text(),
            body=self.body_edit.toPlainText(),
            required=self.required_check.isChecked(),
        )

    def insert_field(self, name: str) -> None:
        """Insert ``{name}`` at the cursor of the clause text."""
        cursor = self.body_edit.textCursor()
        cursor.insertText(f"{{{name}}}")
        self.body_edit.setTextCursor(cursor)
        self.body_edit.setFocus()

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()
