"""The editor of one clause of a contract template: its title, whether it is required, its text with fields.

The panel (:class:`~caseworker.ui.settings.contract_templates_panel.ContractTemplatesPanel`) reads and fills these
widgets; the editor itself only lays them out and says which field the administrator chose to insert. Its strings
keep the panel's translation context, where the catalogue has them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QMenu, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from caseworker.services.contracts import PLACEHOLDERS, TITLE_MAX
from caseworker.services.validation import LONG_TEXT_MAX
from caseworker.ui.common.text_limits import TextCounter, limit_text, limited_line

CONTEXT = "ContractTemplatesPanel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class ClauseEditor(QWidget):
    """Title, "required" and text of the selected clause, with a menu of the fields a text may contain.

    Signals:
        placeholder_chosen(str): the administrator chose a field to insert at the cursor (its name).
    """

    placeholder_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clauseEditor")
        self.title_edit = limited_line(TITLE_MAX)
        self.title_edit.setObjectName("clauseTitleEdit")
        title_label = QLabel(_tr("&Title:"))
        title_label.setBuddy(self.title_edit)
        self.required_check = QCheckBox(_tr("Re&quired: it must be written before the contract is signed"))
        self.required_check.setObjectName("clauseRequiredCheck")
        self.body_edit = limit_text(QPlainTextEdit(), LONG_TEXT_MAX)
        self.body_edit.setObjectName("clauseBodyEdit")
        self.body_edit.setTabChangesFocus(True)
        body_label = QLabel(_tr("Te&xt:"))
        body_label.setBuddy(self.body_edit)
        self.body_hint = QLabel()
        self.body_hint.setObjectName("clauseBodyHint")
        self.body_hint.setWordWrap(True)
        self.body_hint.setStyleSheet("color: #555555;")
        self.insert_button = QPushButton(_tr("Insert a &field…"))
        self.insert_button.setObjectName("insertFieldButton")
        self.insert_button.setToolTip(_tr("Insert at the cursor a field filled in from each contract."))
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
