"""The qualitative export, driven as the team lead does: open it from the Exports page, read, tick, export (F68)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from caseworker.services import Services
from caseworker.services.exports import ExportRequest
from caseworker.ui.exports.narratives_dialog import NarrativesDialog
from tests.services.builders import TODAY
from tests.services.exports.test_exports import _as_team_lead
from tests.services.exports.test_narratives import START, _world
from tests.ui.conftest import MessageLog, drive_modal, unexplained_disabled_buttons
from tests.ui.test_exports_page import _page

REQUEST = ExportRequest("ddets_avdl", START, TODAY)


def _dialog(qtbot, services: Services) -> NarrativesDialog:
    dialog = NarrativesDialog(services.export_narratives, REQUEST)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_team_lead_reads_ticks_with_the_keyboard_and_exports_only_the_ticked(
    qtbot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: MessageLog
) -> None:
    _world(services)
    _as_team_lead(services)
    dialog = _dialog(qtbot, services)
    assert dialog.tabs.tabText(0).endswith("(2)") and dialog.tabs.tabText(1).endswith("(1)")
    assert not dialog.export_button.isEnabled()  # nothing leaves by default
    assert unexplained_disabled_buttons(dialog) == []
    table = dialog.passing_table
    table.setFocus()
    table.setCurrentIndex(dialog.passing_model.index(1, 0))
    assert "Je me sens chez moi" in dialog.text_view.toPlainText()
    qtbot.keyClick(table, Qt.Key.Key_Space)  # ticks the row read
    assert dialog.passing_model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert dialog.export_button.isEnabled()
    target = tmp_path / "recits"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findText("CSV"))
    dialog.export_button.click()
    rows = list(csv.reader(io.StringIO((tmp_path / "recits.csv").read_text("utf-8-sig")), delimiter=";"))
    assert [row[3] for row in rows if len(row) == 4][1:] == ["« Je me sens chez moi. »"]
    assert any("SHA-256" in text for text in message_boxes.texts("information"))


def test_a_narrative_to_reformulate_shows_what_was_found_highlighted(qtbot, services: Services) -> None:
    _world(services)
    _as_team_lead(services)
    dialog = _dialog(qtbot, services)
    dialog.tabs.setCurrentIndex(1)
    found = dialog.withheld_model.index(0, 3).data()
    assert found == "« Yasmina » (nom d'une personne du ménage)"
    assert dialog.withheld_model.index(0, 0).data().startswith("M-")
    html = dialog.text_view.toHtml()
    assert "Yasmina" in dialog.text_view.toPlainText() and "background-color:#ffe08a" in html
    # Never tickable: the withheld list has no boxes.
    flags = dialog.withheld_model.flags(dialog.withheld_model.index(0, 0))
    assert not flags & Qt.ItemFlag.ItemIsUserCheckable


def test_the_page_opens_the_narratives_for_its_profile_and_period(qtbot, services: Services) -> None:
    _world(services)
    _as_team_lead(services)
    page = _page(qtbot, services)
    page.refresh_access()
    seen: list[str] = []

    def look(dialog: QWidget) -> None:
        seen.append(dialog.summary_label.text())  # type: ignore[attr-defined]
        dialog.reject()  # type: ignore[attr-defined]

    drive_modal(qtbot, page.narratives_button.click, look)
    assert seen and seen[0].startswith("3 récits")


def test_a_referent_cannot_open_the_narratives(qtbot, services: Services) -> None:
    page = _page(qtbot, services)
    assert not page.narratives_button.isEnabled()
    assert "seul un chef de service" in page.narratives_button.toolTip()


def test_the_team_lead_reformulates_a_withheld_narrative_which_then_may_be_ticked(qtbot, services: Services) -> None:
    from tests.ui.test_my_tasks import save

    _world(services)
    _as_team_lead(services)
    dialog = _dialog(qtbot, services)
    assert not dialog.reformulate_button.isEnabled()  # on the list to send: nothing to reformulate
    assert unexplained_disabled_buttons(dialog) == []
    dialog.tabs.setCurrentIndex(1)
    assert dialog.reformulate_button.isEnabled()

    def reword(form: QWidget) -> None:
        assert "« Yasmina » : nom d'une personne du ménage" in " ".join(
            label.text() for label in form.findChildren(QLabel)
        )
        form.text_edit.setPlainText("Merci à l'équipe d'avoir tenu bon.")  # type: ignore[attr-defined]
        save(form)

    drive_modal(qtbot, dialog.reformulate_button.click, reword)
    assert dialog.tabs.tabText(0).endswith("(3)") and dialog.tabs.tabText(1).endswith("(0)")
    texts = [dialog.passing_model.record(row).text for row in range(dialog.passing_model.rowCount())]
    assert "Merci à l'équipe d'avoir tenu bon." in texts


def test_every_shortcut_of_the_dialog_is_its_own(qtbot, services: Services) -> None:
    """Keyboard-friendly: each tab, label and button has an Alt letter no other one takes (in French)."""
    from PySide6.QtWidgets import QAbstractButton

    _as_team_lead(services)
    dialog = _dialog(qtbot, services)
    texts = [dialog.tabs.tabText(index) for index in range(dialog.tabs.count())]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton) if "&" in button.text()]
    letters = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(letters) == 6 and len(set(letters)) == len(letters), texts
