"""Paramètres › Dispositifs: the catalogue is edited through the real dialog, and refusals keep what was typed.

Widgets are found by object name (the English source labels are not translated yet); messages from the
service are French.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from caseworker.app import key_tools
from caseworker.domain import DurationPolicy
from caseworker.services import Services
from caseworker.ui.settings.measure_catalogue import MeasureCataloguePanel, MeasureDialog, MeasureTableModel
from caseworker.ui.settings.settings_panel import DatabaseActions, DatabaseInfo, SettingsPanel
from tests.ui.conftest import drive_modal
from tests.ui.deps import settings_deps


def _child(parent: QWidget, kind: type, name: str):
    widget = parent.findChild(kind, name)
    assert widget is not None, name
    return widget


def _panel(qtbot, services: Services) -> MeasureCataloguePanel:
    panel = MeasureCataloguePanel(services.measures, services.funding)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def _names(panel: MeasureCataloguePanel) -> list[str]:
    table = _child(panel, QTableView, "measureTable")
    model = table.model()
    return [model.index(row, MeasureTableModel.COLUMN_NAME).data() for row in range(model.rowCount())]


def _row_texts(panel: MeasureCataloguePanel, name: str) -> list[str]:
    model = _child(panel, QTableView, "measureTable").model()
    row = _names(panel).index(name)
    return [model.index(row, column).data() for column in range(model.columnCount())]


def _choose_policy(dialog: QWidget, policy: DurationPolicy) -> None:
    combo = _child(dialog, QComboBox, "policyCombo")
    combo.setCurrentIndex(combo.findData(policy.value))


def _save(dialog: QWidget) -> None:
    _child(dialog, QDialogButtonBox, "measureButtons").button(QDialogButtonBox.StandardButton.Save).click()


def test_an_administrator_creates_totem_through_the_dialog(qtbot, services):
    panel = _panel(qtbot, services)
    assert len(_names(panel)) == 7  # the seeded catalogue

    def fill(dialog):
        _child(dialog, QLineEdit, "nameEdit").setText("Totem")
        _choose_policy(dialog, DurationPolicy.OPEN_ENDED)
        assert not _child(dialog, QSpinBox, "monthsSpin").isEnabled()
        assert not _child(dialog, QSpinBox, "extensionsSpin").isEnabled()
        _child(dialog, QSpinBox, "caseloadSpin").setValue(12)
        # A new measure starts with the default scale of five levels.
        assert _child(dialog, QTableWidget, "levelsTable").rowCount() == 5
        _save(dialog)

    drive_modal(qtbot, _child(panel, QPushButton, "newMeasureButton").click, fill)
    assert QApplication.activeModalWidget() is None
    assert _names(panel)[-1] == "Totem"
    # Texts from the service (French); the "active" column is a UI word, not checked here.
    assert _row_texts(panel, "Totem")[1:5] == ["Local", "Sans limite de durée", "12", "5"]
    totem = services.measures.measure_by_code("totem")
    assert (totem.funders, totem.duration_policy, totem.caseload_target) == ("", DurationPolicy.OPEN_ENDED, 12)
    assert [level.code for level in totem.levels] == ["renforce", "soutenu", "standard", "veille", "droits_de_suite"]
    assert panel.selected_measure() == totem


def test_amli_maintien_renewable_once_and_a_refusal_keeps_the_dialog_open(qtbot, services):
    dialog = MeasureDialog(services.measures)
    qtbot.addWidget(dialog)
    dialog.show()
    _child(dialog, QLineEdit, "nameEdit").setText("AMLI maintien")
    _choose_policy(dialog, DurationPolicy.RENEWABLE)
    months = _child(dialog, QSpinBox, "monthsSpin")
    renewals = _child(dialog, QSpinBox, "extensionsSpin")
    assert months.isEnabled() and renewals.isEnabled()
    months.setValue(6)
    _save(dialog)
    # The service refuses (the number of renewals is missing): its French message shows under the field.
    assert dialog.errors.message_for("max_extensions") == (
        "Renouvellements : indiquez combien de fois le dispositif se renouvelle."
    )
    assert dialog.isVisible() and dialog.saved is None
    assert _child(dialog, QLineEdit, "nameEdit").text() == "AMLI maintien"  # nothing typed is lost
    renewals.setValue(1)
    _save(dialog)
    assert dialog.saved is not None
    assert dialog.saved.policy_label == "6 mois, renouvelable 1 fois"
    assert dialog.saved.code == "amli_maintien"


def test_a_taken_name_and_bad_levels_are_refused_in_french(qtbot, services):
    dialog = MeasureDialog(services.measures)
    qtbot.addWidget(dialog)
    dialog.show()
    _child(dialog, QLineEdit, "nameEdit").setText("asll (fsl)")
    table = _child(dialog, QTableWidget, "levelsTable")
    table.item(3, 0).setText("renforcé")  # same label as level 1
    table.item(4, 1).setText("2")  # contacts without a period
    _save(dialog)
    assert dialog.errors.message_for("name") == "Un dispositif porte déjà ce nom : « ASLL (FSL) »."
    levels_message = dialog.errors.message_for("levels")
    assert "Niveau « renforcé » : ce libellé est déjà celui du niveau 1." in levels_message
    assert "Niveau « Droits de suite » : indiquez à la fois le nombre de contacts" in levels_message
    assert table.currentRow() == 3  # the cursor goes to the first faulty level
    assert dialog.isVisible() and dialog.saved is None
    assert len(services.measures.list_measures()) == 7


def test_an_unreadable_number_is_caught_before_the_service(qtbot, services):
    dialog = MeasureDialog(services.measures)
    qtbot.addWidget(dialog)
    dialog.show()
    _child(dialog, QLineEdit, "nameEdit").setText("Tremplin")
    table = _child(dialog, QTableWidget, "levelsTable")
    table.item(0, 3).setText("beaucoup")
    _save(dialog)
    assert dialog.errors.message_for("levels")
    assert (table.currentRow(), table.currentColumn()) == (0, 3)
    assert dialog.saved is None
    assert len(services.measures.list_measures()) == 7


def test_levels_are_added_removed_and_deactivated(qtbot, services):
    panel = _panel(qtbot, services)
    avdl = services.measures.measure_by_code("avdl")
    table_view = _child(panel, QTableView, "measureTable")
    table_view.selectRow(_names(panel).index(avdl.name))

    def edit(dialog):
        assert _child(dialog, QLineEdit, "nameEdit").text() == avdl.name
        assert _child(dialog, QComboBox, "policyCombo").currentData() == "renewable"
        assert (_child(dialog, QSpinBox, "monthsSpin").value(), _child(dialog, QSpinBox, "extensionsSpin").value()) == (
            6,
            1,
        )
        _child(dialog, QLineEdit, "nameEdit").setText("AVDL")
        table = _child(dialog, QTableWidget, "levelsTable")
        table.setCurrentCell(3, 0)  # Veille
        _child(dialog, QPushButton, "removeLevelButton").click()
        table.item(3, 5).setCheckState(Qt.CheckState.Unchecked)  # Droits de suite, now on row 3
        _child(dialog, QPushButton, "addLevelButton").click()
        row = table.rowCount() - 1
        for column, text in enumerate(["Intensif", "3", "7", "300", "5"]):
            table.setItem(row, column, QTableWidgetItem(text))
        _save(dialog)

    drive_modal(qtbot, _child(panel, QPushButton, "editMeasureButton").click, edit)
    updated = services.measures.measure(avdl.id)
    assert (updated.name, updated.code) == ("AVDL", "avdl")
    assert [(level.code, level.active) for level in updated.levels] == [
        ("renforce", True),
        ("soutenu", True),
        ("standard", True),
        ("droits_de_suite", False),
        ("intensif", True),
        ("veille", False),
    ]
    assert updated.levels[4].rhythm_label == "3 × par semaine"
    assert _row_texts(panel, "AVDL")[4] == "4"  # active levels


def test_enter_opens_the_selected_measure_and_an_inactive_one_is_shown_on_request(qtbot, services):
    panel = _panel(qtbot, services)
    table_view = _child(panel, QTableView, "measureTable")
    table_view.setFocus()
    table_view.selectRow(_names(panel).index("Programme local d'accompagnement"))

    def deactivate(dialog):
        assert _child(dialog, QComboBox, "policyCombo").currentData() == "fixed"
        assert not _child(dialog, QSpinBox, "extensionsSpin").isEnabled()
        _child(dialog, QCheckBox, "activeCheck").setChecked(False)
        _save(dialog)

    drive_modal(qtbot, lambda: qtbot.keyClick(table_view, Qt.Key.Key_Return), deactivate)
    assert "Programme local d'accompagnement" not in _names(panel)
    _child(panel, QCheckBox, "showInactiveCheck").setChecked(True)
    assert _row_texts(panel, "Programme local d'accompagnement")[1:5] == [
        "Local",
        "12 mois, sans prolongation",
        "15",
        "5",
    ]
    assert not services.measures.measure_by_code("programme_local").active


def test_cancel_changes_nothing(qtbot, services):
    panel = _panel(qtbot, services)
    before = services.measures.list_measures(include_inactive=True)

    def cancel(dialog):
        _child(dialog, QLineEdit, "nameEdit").setText("Brouillon")
        dialog.reject()

    drive_modal(qtbot, _child(panel, QPushButton, "newMeasureButton").click, cancel)
    assert services.measures.list_measures(include_inactive=True) == before
    assert not _child(panel, QPushButton, "editMeasureButton").isEnabled()  # nothing selected yet


def test_the_catalogue_is_part_of_the_settings_page(qtbot, services):
    actions = DatabaseActions(
        info=lambda: DatabaseInfo("/tmp/caseworker.db", "trousseau", "test", "0002", "id", "aucune"),
        backup=lambda: "",
        rekey=lambda _material: (),
        keyring_is_secure=True,
        keys=key_tools(),
        backup_retention_days=30,
    )
    settings = SettingsPanel(settings_deps(services), actions)
    qtbot.addWidget(settings)
    settings.show()
    catalogue = settings.findChild(MeasureCataloguePanel, "measureCatalogue")
    assert catalogue is not None and catalogue.isVisible()
    assert len(_names(catalogue)) == 7


def test_a_level_is_typed_with_the_keyboard_and_saved_while_still_being_edited(qtbot, services):
    dialog = MeasureDialog(services.measures)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    _child(dialog, QLineEdit, "nameEdit").setText("Tremplin")
    table = _child(dialog, QTableWidget, "levelsTable")
    _child(dialog, QPushButton, "addLevelButton").click()
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and table.isAncestorOf(editor)  # typing starts at once
    qtbot.keyClicks(editor, "Nuit")
    _save(dialog)  # the cell being typed in counts
    assert dialog.saved is not None
    assert [level.label for level in dialog.saved.levels][-1] == "Nuit"
    assert dialog.saved.levels[-1].weight_percent == 100


def test_space_switches_a_level_off(qtbot, services):
    dialog = MeasureDialog(services.measures)
    qtbot.addWidget(dialog)
    dialog.show()
    table = _child(dialog, QTableWidget, "levelsTable")
    table.setFocus()
    table.setCurrentCell(4, 5)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert table.item(4, 5).checkState() == Qt.CheckState.Unchecked


def test_the_funding_of_a_measure_is_typed_in_its_own_dialog_and_its_total_must_reach_100(qtbot, services):
    """AVDL's lines were proposed from the former text (DDETS, FNAVDL): the administrator makes them 70 / 30 with
    the métropole instead; a total of 90 % is refused under the lines, what was typed kept."""
    from PySide6.QtWidgets import QDoubleSpinBox, QLabel

    panel = _panel(qtbot, services)
    panel.table.selectRow(_names(panel).index("AVDL (accompagnement vers et dans le logement)"))

    def fill(dialog):
        assert "DDETS (BOP 177), FNAVDL" in _child(dialog, QLabel, "proposedFunding").text()
        lines = _child(dialog, QTableWidget, "fundingLines")
        assert lines.rowCount() == 2
        lines.cellWidget(0, 1).setValue(70)
        funder = lines.cellWidget(1, 0)
        funder.setCurrentIndex(funder.findData("metropole"))
        lines.cellWidget(1, 1).setValue(20)
        assert _child(dialog, QLabel, "fundingTotal").text() == "Total : 90 %"
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        assert dialog.isVisible()  # refused: the lines stay as typed
        assert "elles font 90 %" in dialog.errors.message_for("funding")
        spin = lines.cellWidget(1, 1)
        assert isinstance(spin, QDoubleSpinBox)
        spin.setValue(30)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    drive_modal(qtbot, _child(panel, QPushButton, "measureFundingButton").click, fill)
    avdl = services.measures.measure_by_code("avdl")
    saved = services.funding.measure_funding(avdl.id)
    assert saved.summary == "DDETS (BOP 177) 70 % · Métropole / EPCI 30 %" and not saved.proposed
