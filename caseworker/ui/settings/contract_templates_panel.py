"""Paramètres › Modèles de contrat: the clauses of each contract kind, edited and saved as a new version.

Clause templates are reference data (STYLE.md §9). Nothing is written while the administrator edits: the clauses
are a working copy in :class:`ClauseListModel`, and "Save as a new version…" sends them, with the reason for the
change, to the service, which checks them (placeholders, titles, duplicates) and adds a version. Contracts
already drafted keep the version they were drafted from; older versions stay readable here.

The panel's parts live beside it: the clause list and the codes of new clauses in :mod:`clause_list`, the table of
versions and the version dialogs in :mod:`template_versions`.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.services.contracts import (
    ClauseInput,
    ContractKindView,
    ContractTemplateService,
    TemplateView,
    clause_code_for,
)
from caseworker.ui.common.form_errors import ERROR_STYLE
from caseworker.ui.settings.clause_editor import ClauseEditor
from caseworker.ui.settings.clause_list import ClauseListModel, clause_inputs
from caseworker.ui.settings.template_versions import (
    SaveTemplateVersionDialog,
    TemplateVersionDialog,
    TemplateVersionList,
)

translate = QCoreApplication.translate

_Index = QModelIndex | QPersistentModelIndex


class ContractTemplatesPanel(QWidget):
    """Edits the clause templates of each contract kind and saves them as new versions.

    Switching to another kind with unsaved changes asks first; the reason typed for a refused save is kept
    for the next attempt.

    Signals:
        template_saved: a kind's template got a new version (the kind's code); contract editors may re-read it.
    """

    template_saved = Signal(str)

    def __init__(self, templates: ContractTemplateService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractTemplates")
        self._service = templates
        self._kinds: dict[str, ContractKindView] = {}
        self._kind_code: str | None = None
        self._template: TemplateView | None = None
        self._saved: tuple[ClauseInput, ...] = ()
        self._notes: dict[str, str] = {}  # reason typed for a save that was refused, per kind
        kind_label = self._build_kind_row()
        clauses_label = self._build_clause_list()
        self._build_editor()
        self.versions = TemplateVersionList()
        self.version_model = self.versions.version_model
        self.version_table = self.versions.version_table
        self.view_button = self.versions.view_button
        self.versions.view_requested.connect(self.view_selected_version)
        self._build_save_row()
        self._lay_out(kind_label, clauses_label)
        self.kind_combo.currentIndexChanged.connect(self._kind_chosen)
        self.clause_list.selectionModel().currentChanged.connect(lambda current, _previous: self._show_clause())
        self.editor.edited.connect(self._editor_changed)
        self.version_table.selectionModel().selectionChanged.connect(lambda *_args: self._update_state())
        self._fill_kinds()

    def _build_kind_row(self) -> QLabel:
        """The kind chooser and the line on its current version; returns the chooser's label."""
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        kind_label = QLabel(self.tr("Contract &kind:"))
        kind_label.setBuddy(self.kind_combo)
        self.version_label = QLabel()
        self.version_label.setObjectName("currentVersionLabel")
        self.version_label.setWordWrap(True)
        return kind_label

    def _build_clause_list(self) -> QLabel:
        """The working copy's clauses and the buttons that add, remove and move them; returns the list's label."""
        self.clause_model = ClauseListModel(self)
        self.clause_list = QListView()
        self.clause_list.setObjectName("clauseList")
        self.clause_list.setModel(self.clause_model)
        self.clause_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.clause_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Long titles wrap rather than hide behind a horizontal scroll bar.
        self.clause_list.setWordWrap(True)
        self.clause_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.clause_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.clause_list.setSpacing(1)
        clauses_label = QLabel(self.tr("&Clauses:"))
        clauses_label.setBuddy(self.clause_list)
        self.add_button = QPushButton(self.tr("&New clause…"))
        self.add_button.setObjectName("addClauseButton")
        self.add_button.setToolTip(self.tr("Add a clause after the selected one."))
        self.add_button.clicked.connect(self.add_clause)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setObjectName("removeClauseButton")
        self.remove_button.setToolTip(self.tr("Remove the selected clause from the next version."))
        self.remove_button.clicked.connect(self.remove_clause)
        self.up_button = QPushButton(self.tr("Move &up"))
        self.up_button.setObjectName("moveUpButton")
        self.up_button.clicked.connect(lambda: self.move_clause(-1))
        self.down_button = QPushButton(self.tr("Move do&wn"))
        self.down_button.setObjectName("moveDownButton")
        self.down_button.clicked.connect(lambda: self.move_clause(1))
        return clauses_label

    def _build_editor(self) -> None:
        """The editor of the selected clause (its parts are reached from the panel too)."""
        self.editor = ClauseEditor()
        self.title_edit = self.editor.title_edit
        self.required_check = self.editor.required_check
        self.body_edit = self.editor.body_edit
        self.body_hint = self.editor.body_hint
        self.insert_button = self.editor.insert_button
        self.insert_menu = self.editor.insert_menu
        self.editor.placeholder_chosen.connect(self.insert_placeholder)

    def _build_save_row(self) -> None:
        """The refusal line, the unsaved-changes mark, Discard and Save as a new version."""
        self.error_label = QLabel()
        self.error_label.setObjectName("templateErrors")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.dirty_label = QLabel(self.tr("Unsaved changes"))
        self.dirty_label.setObjectName("unsavedLabel")
        self.dirty_label.setStyleSheet("font-style: italic;")
        self.discard_button = QPushButton(self.tr("D&iscard the changes"))
        self.discard_button.setObjectName("discardButton")
        self.discard_button.clicked.connect(self.discard_changes)
        self.save_button = QPushButton(self.tr("&Save as a new version…"))
        self.save_button.setObjectName("saveVersionButton")
        self.save_button.clicked.connect(self.save_new_version)

    def _lay_out(self, kind_label: QLabel, clauses_label: QLabel) -> None:
        top = QHBoxLayout()
        top.addWidget(kind_label)
        top.addWidget(self.kind_combo)
        top.addSpacing(16)
        top.addWidget(self.version_label, 1)
        clause_buttons = QGridLayout()
        clause_buttons.addWidget(self.add_button, 0, 0)
        clause_buttons.addWidget(self.remove_button, 0, 1)
        clause_buttons.addWidget(self.up_button, 1, 0)
        clause_buttons.addWidget(self.down_button, 1, 1)
        left = QVBoxLayout()
        left.addWidget(clauses_label)
        left.addWidget(self.clause_list, 1)
        left.addLayout(clause_buttons)
        columns = QHBoxLayout()
        columns.addLayout(left, 4)
        columns.addSpacing(8)
        columns.addWidget(self.editor, 6)
        columns.addSpacing(8)
        columns.addWidget(self.versions, 4)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.dirty_label)
        bottom.addWidget(self.discard_button)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)
        chain = [
            self.kind_combo,
            self.clause_list,
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.title_edit,
            self.required_check,
            self.insert_button,
            self.body_edit,
            self.version_table,
            self.view_button,
            self.discard_button,
            self.save_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # kinds ---------------------------------------------------------------------------------------------------

    def _fill_kinds(self) -> None:
        kinds = self._service.kinds()
        self._kinds = {kind.code: kind for kind in kinds}
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        for kind in kinds:
            self.kind_combo.addItem(kind.label, kind.code)
            self.kind_combo.setItemData(self.kind_combo.count() - 1, kind.description, Qt.ItemDataRole.ToolTipRole)
        self.kind_combo.blockSignals(False)
        if kinds:
            self._load_kind(kinds[0].code)
        else:
            self._update_state()

    def current_kind(self) -> str | None:
        """Return the code of the kind being edited."""
        return self._kind_code

    def select_kind(self, code: str) -> bool:
        """Switch to the kind ``code`` (asking first when changes are unsaved); return whether it is shown."""
        index = self.kind_combo.findData(code)
        if index < 0:
            return False
        self.kind_combo.setCurrentIndex(index)
        return self._kind_code == code

    def _kind_chosen(self, index: int) -> None:
        code = self.kind_combo.itemData(index)
        if code is None or code == self._kind_code:
            return
        if self.is_dirty() and not self._confirm_discard():
            self.kind_combo.blockSignals(True)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(self._kind_code))
            self.kind_combo.blockSignals(False)
            return
        self._load_kind(str(code))

    def _kind_label(self) -> str:
        kind = self._kinds.get(self._kind_code or "")
        return kind.label if kind is not None else ""

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The changes to the template of “{kind}” are not saved. Discard them?").format(
                kind=self._kind_label()
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _load_kind(self, code: str, *, select_row: int = 0) -> None:
        """Show the kind's current template and its versions (the working copy starts from the current one)."""
        self._kind_code = code
        self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(code))
        self.kind_combo.blockSignals(False)
        self._show_error("")
        try:
            versions = self._service.template_versions(code)
        except KnownError as exc:
            versions = []
            self._show_error(exc.user_message)
        self._template = versions[0] if versions else None
        self._saved = clause_inputs(self._template.clauses) if self._template is not None else ()
        self.clause_model.set_clauses(self._saved)
        self.versions.set_versions(versions)
        self._show_version_label()
        self._select_clause(min(select_row, self.clause_model.rowCount() - 1))

    def reload(self) -> None:
        """Re-read the kinds and the current template (unsaved changes are dropped: ask first if needed)."""
        code = self._kind_code
        self._fill_kinds()
        if code is not None and code in self._kinds:
            self._load_kind(code)

    def _show_version_label(self) -> None:
        template = self._template
        if template is None:
            self.version_label.setText(self.tr("No template yet: saving creates its first version."))
            return
        self.version_label.setText(
            self.tr("Current version: {version} of {date}. Reason: {note}").format(
                version=template.version,
                date=format_date(template.created_at.astimezone().date()),
                note=" ".join(template.note.split()) or "—",
            )
        )

    # clauses -------------------------------------------------------------------------------------------------

    def clauses(self) -> tuple[ClauseInput, ...]:
        """Return the clauses as edited (what "Save as a new version" would send)."""
        return self.clause_model.clauses()

    def may_discard(self) -> bool:
        """Tell whether the working copy may be thrown away: nothing unsaved, or the person agreed."""
        return not self.is_dirty() or self._confirm_discard()

    def is_dirty(self) -> bool:
        """Tell whether the clauses differ from the kind's current version."""
        return self._kind_code is not None and self.clause_model.clauses() != self._saved

    def current_row(self) -> int:
        """Return the row of the clause being edited, or -1."""
        index = self.clause_list.currentIndex()
        return index.row() if index.isValid() else -1

    def _select_clause(self, row: int) -> None:
        if 0 <= row < self.clause_model.rowCount():
            self.clause_list.setCurrentIndex(self.clause_model.index(row))
        else:
            self.clause_list.setCurrentIndex(QModelIndex())
        self._show_clause()

    def _show_clause(self) -> None:
        """Load the selected clause into the editor."""
        row = self.current_row()
        self.editor.show_clause(self.clause_model.clause(row) if row >= 0 else ClauseInput("", "", ""))
        self._update_state()

    def _editor_changed(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        self.clause_model.replace_clause(row, self.editor.edited_clause(self.clause_model.clause(row)))
        self._update_state()

    def add_clause(self) -> None:
        """Ask for the new clause's title, add it after the selected clause and start typing its text."""
        if self._kind_code is None:
            return
        title, accepted = QInputDialog.getText(self, self.tr("New clause"), self.tr("&Title of the new clause:"))
        title = " ".join(title.split())
        if not accepted or not title:
            return
        code = clause_code_for(title, {clause.code for clause in self.clause_model.clauses()})
        row = self.current_row() + 1 if self.current_row() >= 0 else self.clause_model.rowCount()
        self.clause_model.insert_clause(row, ClauseInput(code, title, ""))
        self._select_clause(row)
        self.body_edit.setFocus()

    def remove_clause(self) -> None:
        """Remove the selected clause from the working copy (the saved versions keep it)."""
        row = self.current_row()
        if row < 0:
            return
        self.clause_model.remove_clause(row)
        self._select_clause(min(row, self.clause_model.rowCount() - 1))
        self.clause_list.setFocus()

    def move_clause(self, delta: int) -> None:
        """Move the selected clause up (-1) or down (+1)."""
        row = self.current_row()
        if row < 0:
            return
        self._select_clause(self.clause_model.move_clause(row, delta))

    def insert_placeholder(self, name: str) -> None:
        """Insert ``{name}`` at the cursor of the clause text."""
        if self.current_row() >= 0:
            self.editor.insert_field(name)

    def discard_changes(self) -> None:
        """Go back to the kind's current version, after asking."""
        if self._kind_code is None or not self.is_dirty() or not self._confirm_discard():
            return
        self._load_kind(self._kind_code, select_row=self.current_row())

    # saving --------------------------------------------------------------------------------------------------

    def save_new_version(self) -> None:
        """Ask for the reason and save the clauses as the kind's new version; on a refusal, keep everything."""
        kind = self._kind_code
        if kind is None:
            return
        clauses = self.clause_model.clauses()
        service = self._service
        next_version = self._template.version + 1 if self._template is not None else 1
        dialog = SaveTemplateVersionDialog(
            self._kind_label(),
            next_version,
            self._notes.get(kind, ""),
            lambda note: service.save_template(kind, clauses, note=note),
            parent=self,
        )
        dialog.exec()
        if dialog.saved is None:
            self._notes[kind] = dialog.reason()
            if dialog.refusals:
                self._show_error("\n".join(message for field, message in dialog.refusals.items() if field != "note"))
            return
        self._notes.pop(kind, None)
        self._load_kind(kind, select_row=self.current_row())
        self.template_saved.emit(kind)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    # versions ------------------------------------------------------------------------------------------------

    def selected_version(self) -> TemplateView | None:
        """Return the version selected in the list, if any."""
        return self.versions.selected_version()

    def view_selected_version(self) -> None:
        """Show the selected version's clauses, read-only."""
        template = self.selected_version()
        if template is not None:
            TemplateVersionDialog(self._kind_label(), template, parent=self).exec()

    def _update_state(self) -> None:
        row = self.current_row()
        count = self.clause_model.rowCount()
        has_kind = self._kind_code is not None
        self.editor.setEnabled(row >= 0)
        self.add_button.setEnabled(has_kind)
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        dirty = self.is_dirty()
        self.dirty_label.setVisible(dirty)
        self.discard_button.setEnabled(dirty)
        self.save_button.setEnabled(dirty)
        self.view_button.setEnabled(self.selected_version() is not None)
