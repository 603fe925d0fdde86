"""Paramètres › Modèles de contrat: clauses are edited as a working copy and saved as a new version with a reason.

Widgets are found by object name (the English source labels are not translated yet); messages from the
service are French.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPlainTextEdit

from caseworker.app import key_tools
from caseworker.formats import format_datetime
from caseworker.services import Services
from caseworker.services.contracts import PLACEHOLDERS, ClauseInput
from caseworker.ui.settings.clause_list import ClauseListModel
from caseworker.ui.settings.contract_templates_panel import ContractTemplatesPanel
from caseworker.ui.settings.letterhead_panel import LetterheadPanel
from caseworker.ui.settings.settings_panel import DatabaseActions, DatabaseInfo, SettingsPanel
from caseworker.ui.settings.template_versions import TemplateVersionTableModel
from tests.ui.conftest import drive_modal
from tests.ui.deps import settings_deps

KIND = "engagement_minimal"
SEEDED = 2  # "Modèle initial" (0003), reworded by migration 0007


def _panel(qtbot, services: Services, kind: str = KIND) -> ContractTemplatesPanel:
    panel = ContractTemplatesPanel(services.contract_templates)
    qtbot.addWidget(panel)
    panel.resize(1100, 600)
    panel.show()
    combo = panel.kind_combo
    combo.setCurrentIndex(combo.findData(kind))
    assert panel.current_kind() == kind
    return panel


def _click_clause(qtbot, panel: ContractTemplatesPanel, code: str) -> None:
    row = [clause.code for clause in panel.clauses()].index(code)
    index = panel.clause_model.index(row)
    qtbot.mouseClick(
        panel.clause_list.viewport(), Qt.MouseButton.LeftButton, pos=panel.clause_list.visualRect(index).center()
    )
    assert panel.current_row() == row


def _type_at_end(qtbot, edit: QPlainTextEdit, text: str) -> None:
    """Type ``text`` after the clause text (QTest types ASCII only)."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def _insert_field(panel: ContractTemplatesPanel, name: str) -> None:
    action = next(action for action in panel.insert_menu.actions() if action.data() == name)
    assert action.toolTip() == PLACEHOLDERS[name]  # the description is shown with each field
    assert PLACEHOLDERS[name] in action.text()
    action.trigger()


def _save_with_reason(qtbot, panel: ContractTemplatesPanel, reason: str, check=None) -> None:
    def fill(dialog):
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        if not dialog.reason_edit.toPlainText():
            assert not save.isEnabled()  # a version needs a reason
        dialog.reason_edit.selectAll()
        qtbot.keyClicks(dialog.reason_edit, reason)
        assert save.isEnabled()
        save.click()
        if check is not None:
            check(dialog)

    drive_modal(qtbot, panel.save_button.click, fill)
    assert QApplication.activeModalWidget() is None


def _version_rows(panel: ContractTemplatesPanel) -> list[list[str]]:
    model = panel.version_table.model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())] for row in range(model.rowCount())
    ]


def test_a_clause_is_edited_with_a_field_and_saved_as_version_2(qtbot, services):
    panel = _panel(qtbot, services)
    before = services.contract_templates.current_template(KIND)
    assert before.version == SEEDED
    assert not panel.save_button.isEnabled()  # nothing to save yet
    _click_clause(qtbot, panel, "objet")
    assert panel.title_edit.text() == "Objet"
    _type_at_end(qtbot, panel.body_edit, " Votre coordinateur : ")
    _insert_field(panel, "referent")
    qtbot.keyClicks(panel.body_edit, ".")
    expected = before.clauses[0].body + " Votre coordinateur : {referent}."
    assert panel.body_edit.toPlainText() == expected
    assert panel.is_dirty() and panel.save_button.isEnabled() and panel.dirty_label.isVisible()
    saved: list[str] = []
    panel.template_saved.connect(saved.append)

    _save_with_reason(qtbot, panel, "Nom du coordinateur")

    current = services.contract_templates.current_template(KIND)
    assert current.version == SEEDED + 1
    assert current.note == "Nom du coordinateur"
    assert current.clauses[0].body == expected
    assert [clause.code for clause in current.clauses] == [clause.code for clause in before.clauses]
    assert saved == [KIND]
    assert not panel.is_dirty() and not panel.save_button.isEnabled()
    assert panel.body_edit.toPlainText() == expected  # the same clause stays selected
    rows = _version_rows(panel)
    assert [row[TemplateVersionTableModel.COLUMN_VERSION] for row in rows] == ["3", "2", "1"]
    notes = [row[TemplateVersionTableModel.COLUMN_NOTE] for row in rows]
    assert (notes[0], notes[-1]) == ("Nom du coordinateur", "Modèle initial")
    assert rows[0][TemplateVersionTableModel.COLUMN_DATE] == format_datetime(current.created_at)
    assert "3" in panel.version_label.text() and "Nom du coordinateur" in panel.version_label.text()


def test_an_unknown_field_typed_by_hand_is_refused_and_nothing_is_lost(qtbot, services):
    panel = _panel(qtbot, services)
    _click_clause(qtbot, panel, "objet")
    _type_at_end(qtbot, panel.body_edit, " Voir {inconnu}.")
    typed = panel.body_edit.toPlainText()
    refusal = "Clause 1 (« Objet ») : champ inconnu {inconnu}. Champs possibles : {menage}, {association}"

    def refused(dialog):
        assert dialog.isVisible()  # the dialog stays open with the service's message
        assert dialog.findChild(QLabel, "saveVersionErrors").text().startswith(refusal)
        assert dialog.reason_edit.toPlainText() == "Ajout d'un renvoi"
        dialog.reject()  # back to the clause to correct it

    _save_with_reason(qtbot, panel, "Ajout d'un renvoi", refused)

    assert services.contract_templates.current_template(KIND).version == SEEDED
    assert len(services.contract_templates.template_versions(KIND)) == SEEDED
    assert panel.body_edit.toPlainText() == typed
    assert panel.is_dirty()
    assert panel.error_label.isVisible() and panel.error_label.text().startswith(refusal)
    assert len(_version_rows(panel)) == SEEDED

    # Corrected, it saves; the reason typed the first time was kept.
    panel.body_edit.setPlainText(typed.replace("{inconnu}", "{dispositif}"))

    def reason_kept(dialog):
        assert dialog.reason_edit.toPlainText() == "Ajout d'un renvoi"
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    drive_modal(qtbot, panel.save_button.click, reason_kept)
    current = services.contract_templates.current_template(KIND)
    assert (current.version, current.note) == (SEEDED + 1, "Ajout d'un renvoi")
    assert current.clauses[0].body.endswith("Voir {dispositif}.")
    assert not panel.error_label.isVisible()


def test_a_new_clause_gets_a_code_and_clauses_are_reordered_and_removed(qtbot, services):
    panel = _panel(qtbot, services)
    assert [clause.code for clause in panel.clauses()] == [
        "objet",
        "duree",
        "engagements_association",
        "engagements_menage",
    ]
    _click_clause(qtbot, panel, "objet")

    def name_it(dialog):
        dialog.setTextValue("  Animaux de  compagnie ")
        dialog.accept()

    drive_modal(qtbot, panel.add_button.click, name_it)
    assert panel.current_row() == 1  # after the selected clause
    assert panel.clauses()[1] == ClauseInput("animaux_de_compagnie", "Animaux de compagnie", "", False)
    assert panel.title_edit.text() == "Animaux de compagnie"
    assert panel.window().focusWidget() is panel.body_edit  # typing the text starts at once
    qtbot.keyClicks(panel.body_edit, "Les animaux de {menage} sont les bienvenus.")
    panel.required_check.click()
    assert panel.clause_model.index(1).data(ClauseListModel.CLAUSE_ROLE).required
    panel.down_button.click()
    panel.down_button.click()
    assert [clause.code for clause in panel.clauses()][2:4] == ["engagements_association", "animaux_de_compagnie"]
    panel.up_button.click()
    assert panel.current_row() == 2
    _click_clause(qtbot, panel, "engagements_menage")
    assert not panel.down_button.isEnabled()  # already last
    panel.remove_button.click()
    assert "engagements_menage" not in [clause.code for clause in panel.clauses()]

    _save_with_reason(qtbot, panel, "Clause sur les animaux")

    current = services.contract_templates.current_template(KIND)
    assert [(clause.code, clause.required) for clause in current.clauses] == [
        ("objet", True),
        ("duree", True),
        ("animaux_de_compagnie", True),
        ("engagements_association", False),
    ]
    assert current.clauses[2].body == "Les animaux de {menage} sont les bienvenus."


def test_commitment_clauses_say_one_commitment_per_line(qtbot, services):
    panel = _panel(qtbot, services)
    _click_clause(qtbot, panel, "objet")
    text_hint = panel.body_hint.text()
    _click_clause(qtbot, panel, "engagements_menage")
    assert panel.body_hint.text() != text_hint
    assert panel.body_edit.toPlainText() == "Rester en lien."


def test_switching_kind_with_unsaved_changes_asks_first(qtbot, services, message_boxes):
    panel = _panel(qtbot, services)
    _click_clause(qtbot, panel, "duree")
    _type_at_end(qtbot, panel.body_edit, " Brouillon.")
    edited = panel.body_edit.toPlainText()
    combo = panel.kind_combo
    message_boxes.answer = message_boxes.answer.No
    combo.setCurrentIndex(combo.findData("contrat_objectifs"))
    assert len(message_boxes.texts("question")) == 1
    assert "Contrat d'engagement" in message_boxes.texts("question")[0]
    assert panel.current_kind() == KIND and combo.currentData() == KIND  # nothing lost
    assert panel.body_edit.toPlainText() == edited and panel.is_dirty()

    message_boxes.answer = message_boxes.answer.Yes
    combo.setCurrentIndex(combo.findData("contrat_objectifs"))
    assert panel.current_kind() == "contrat_objectifs"
    assert panel.title_edit.text() == "Objet" and len(panel.clauses()) == 9
    assert not panel.is_dirty()
    combo.setCurrentIndex(combo.findData(KIND))  # nothing unsaved: no question
    assert len(message_boxes.texts("question")) == 2
    assert "Brouillon" not in "".join(clause.body for clause in panel.clauses())
    assert services.contract_templates.current_template(KIND).version == SEEDED


def test_discard_goes_back_to_the_current_version(qtbot, services, message_boxes):
    panel = _panel(qtbot, services)
    _click_clause(qtbot, panel, "duree")
    panel.title_edit.setText("Durée du contrat")
    assert panel.discard_button.isEnabled()
    panel.discard_button.click()
    assert len(message_boxes.texts("question")) == 1
    assert panel.title_edit.text() == "Durée"
    assert panel.current_row() == 1 and not panel.is_dirty()


def test_an_old_version_is_shown_read_only(qtbot, services):
    v1 = services.contract_templates.current_template(KIND)
    clauses = [ClauseInput(c.code, c.title, c.body, c.required) for c in v1.clauses]
    clauses[0] = ClauseInput("objet", "Objet", "Nouveau texte pour {menage}.", True)
    services.contract_templates.save_template(KIND, clauses, note="Texte raccourci")
    panel = _panel(qtbot, services)
    assert [row[0] for row in _version_rows(panel)] == ["3", "2", "1"]
    assert panel.body_edit.toPlainText() == "Nouveau texte pour {menage}."
    panel.version_table.setFocus()
    panel.version_table.selectRow(1)
    assert panel.selected_version().version == SEEDED

    def look(dialog):
        text = dialog.findChild(QPlainTextEdit, "versionText")
        assert text.isReadOnly()
        assert text.toPlainText().startswith("1. Objet")
        assert v1.clauses[0].body in text.toPlainText()
        assert "4. Engagements du ménage" in text.toPlainText()
        dialog.reject()

    drive_modal(qtbot, lambda: qtbot.keyClick(panel.version_table, Qt.Key.Key_Return), look)
    assert services.contract_templates.current_template(KIND).version == SEEDED + 1


def test_the_letterhead_and_templates_are_a_tab_of_the_settings_page(qtbot, services):
    actions = DatabaseActions(
        info=lambda: DatabaseInfo("/tmp/caseworker.db", "trousseau", "test", "0003", "id", "aucune"),
        backup=lambda: "",
        rekey=lambda _material: (),
        keyring_is_secure=True,
        keys=key_tools(),
        backup_retention_days=30,
    )
    settings = SettingsPanel(settings_deps(services), actions)
    qtbot.addWidget(settings)
    settings.resize(1080, 760)
    settings.show()
    templates = settings.findChild(ContractTemplatesPanel, "contractTemplates")
    letterhead = settings.findChild(LetterheadPanel, "letterheadPanel")
    assert templates is not None and letterhead is not None
    assert not templates.isVisible()
    settings.tabs.setCurrentIndex(1)
    assert templates.isVisible() and letterhead.isVisible()
    assert letterhead.name_label.text() == "Association Le Toit"
    # The clause editor is not squeezed at the window's usual size.
    assert templates.body_edit.height() >= 200
    assert templates.clause_list.height() >= 200


def test_closing_the_window_with_an_unsaved_template_asks_first(
    qtbot, services, data_paths, database, clock, message_boxes
):
    from caseworker.app import Application
    from caseworker.storage.secret_store import KeyringSecretStore

    database.dispose()
    application = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert application.start(), message_boxes.shown
    window = application.window
    qtbot.addWidget(window)
    window.show()
    window.show_widget(window.settings)
    window.settings.tabs.setCurrentIndex(1)
    templates = window.settings.contract_templates
    templates.kind_combo.setCurrentIndex(templates.kind_combo.findData(KIND))
    _click_clause(qtbot, templates, "duree")
    _type_at_end(qtbot, templates.body_edit, " A relire.")
    window.show_section(0)  # other sections keep the working copy
    assert templates.is_dirty() and message_boxes.texts("question") == []

    message_boxes.answer = message_boxes.answer.No
    assert not window.close()
    assert window.isVisible() and window.stack.currentWidget() is window.settings
    assert window.settings.tabs.currentIndex() == 1  # the edited template is shown while asking
    assert "Contrat d'engagement" in message_boxes.texts("question")[0]
    assert templates.body_edit.toPlainText().endswith(" A relire.")

    message_boxes.answer = message_boxes.answer.Yes
    assert window.close()
    assert services.contract_templates.current_template(KIND).version == SEEDED
    application.shutdown()
