"""The Exports section, driven as the team lead does: preview with "s" and definitions, persons view, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from caseworker.formats import format_date
from caseworker.services import Services
from caseworker.ui.exports.exports_page import ExportsPage
from tests.services.builders import TODAY
from tests.services.exports.test_exports import START, _as_team_lead, _world
from tests.ui.conftest import MessageLog, unexplained_disabled_buttons


def _page(qtbot, services: Services) -> ExportsPage:
    page = ExportsPage(services.exports, services.export_profiles, services.export_narratives, lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    page.start_field.set_date(START)
    page.end_field.set_date(TODAY)
    return page


def _grid_texts(page: ExportsPage) -> list[list[str]]:
    grid = page.grid
    return [
        [grid.item(row, column).text() if grid.item(row, column) else "" for column in range(grid.columnCount())]
        for row in range(grid.rowCount())
    ]


def test_the_team_lead_previews_switches_to_persons_and_exports(
    qtbot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: MessageLog
) -> None:
    _world(services, 7)
    _as_team_lead(services)
    page = _page(qtbot, services)
    page.refresh_access()
    assert page.preview_button.isEnabled()
    page.preview_button.click()
    assert page.report is not None
    assert "DDETS – AVDL" in page.summary_label.text()
    assert f"état au {format_date(TODAY)}" in page.summary_label.text()
    titles = [page.sections.item(row).text() for row in range(page.sections.count())]
    assert titles[0] == "File active" and "Taux" in titles and "Statistiques" in titles
    assert _grid_texts(page)[:3] == [["7"], ["0"], ["7"]]  # actif, suspendu, total
    assert "Accompagnements commencés et non terminés" in page.definition_label.text()
    page.persons_radio.setChecked(True)
    assert "personnes" in page.definition_label.text()
    titles = [page.sections.item(row).text() for row in range(page.sections.count())]
    page.sections.setCurrentRow(titles.index("Taux"))
    rates = [row[1] for row in _grid_texts(page)]
    assert "7/7 au 15/06/2026 (personnes entrées dans la période)" in rates
    target = tmp_path / "avdl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    page.format_combo.setCurrentIndex(page.format_combo.findText("JSON"))
    page.export_button.click()
    written = tmp_path / "avdl.json"  # the format's extension added
    assert json.loads(written.read_bytes())["schema"] == "caseworker.funder-export"
    assert any("SHA-256" in text for text in message_boxes.texts())


def test_a_referent_sees_why_the_buttons_are_greyed_out(qtbot, services: Services) -> None:
    page = _page(qtbot, services)
    assert not page.preview_button.isEnabled()
    assert "seul un chef de service" in page.preview_button.toolTip()
    assert unexplained_disabled_buttons(page) == []


def test_hidden_cells_show_s_with_an_explanation(qtbot, services: Services) -> None:
    _world(services, 3)  # three households: every count is small
    _as_team_lead(services)
    page = _page(qtbot, services)
    page.preview_button.click()
    assert _grid_texts(page)[0] == ["s"]
    assert page.grid.item(0, 0).toolTip() == "Masqué : secret statistique"
    assert page.grid.item(0, 0).textAlignment() == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def test_the_previous_users_figures_do_not_stay_on_screen(qtbot, services: Services) -> None:
    """Reported by a review: after a change of user the team lead's preview stayed visible."""
    _world(services, 5)
    _as_team_lead(services)
    page = _page(qtbot, services)
    page.preview_button.click()
    assert page.report is not None and page.sections.count() > 0
    services.context.actor.staff_member_id = None  # the laptop's next user (nobody logged in: may not export)
    services.context.actor.staff_member_id = services.directory.list_staff()[0].id
    page.forget_preview()
    assert page.report is None and page.sections.count() == 0 and page.grid.rowCount() == 0
    assert page.summary_label.text() == ""


def test_the_team_lead_edits_the_funders_profile_from_the_page(qtbot, services: Services) -> None:
    from PySide6.QtCore import Qt as QtCore
    from PySide6.QtWidgets import QWidget

    from tests.ui.conftest import drive_modal
    from tests.ui.test_my_tasks import save

    _world(services, 5)
    _as_team_lead(services)
    page = _page(qtbot, services)
    page.preview_button.click()
    assert page.report is not None

    def edit(dialog: QWidget) -> None:
        dialog.label_edit.setText("DDETS 35 – AVDL")  # type: ignore[attr-defined]
        indicators = dialog.indicators  # type: ignore[attr-defined]
        for row in range(indicators.count()):
            if indicators.item(row).data(QtCore.ItemDataRole.UserRole) == "file_active":
                indicators.item(row).setCheckState(QtCore.CheckState.Checked)
        save(dialog)

    drive_modal(qtbot, page.profile_button.click, edit)
    assert page.report is None  # the figures of the former profile are gone
    assert page.profile_combo.currentText() == "DDETS 35 – AVDL"
    page.preview_button.click()
    assert [page.sections.item(row).text() for row in range(page.sections.count())][:1] == ["File active"]
    assert page.sections.count() == 3  # the file active, the rates, the statistics


def test_every_label_of_the_form_shows_its_shortcut_not_an_ampersand(qtbot, services: Services) -> None:
    """Seen on a screenshot: « &Financeur : » printed as is, the label beside a layout having no buddy."""
    from PySide6.QtWidgets import QLabel

    page = _page(qtbot, services)
    for label in page.findChildren(QLabel):
        if "&" in label.text() and not label.text().startswith("<"):
            assert label.buddy() is not None, label.text()


def test_the_team_lead_gives_the_profile_its_funder_budget_and_avoided_costs(qtbot, services: Services) -> None:
    from PySide6.QtWidgets import QComboBox, QWidget

    from tests.ui.conftest import drive_modal
    from tests.ui.test_my_tasks import save

    _world(services, 6)
    _as_team_lead(services)
    page = _page(qtbot, services)

    def costs(sheet: QWidget) -> None:
        sheet._add_empty()  # type: ignore[attr-defined]
        table = sheet.table  # type: ignore[attr-defined]
        for column, text in ((0, "Nuitées d'hôtel"), (1, "35,00"), (3, "1 200"), (4, "Tarif 115 de 2026.")):
            table.item(0, column).setText(text)
        source = table.cellWidget(0, 2)
        assert isinstance(source, QComboBox) and source.currentData() == ""
        sheet._accept()  # type: ignore[attr-defined]

    def edit(dialog: QWidget) -> None:
        combo = dialog.funder_combo  # type: ignore[attr-defined]
        combo.setCurrentIndex(combo.findData("ddets"))
        dialog.budget_edit.setText("150 000")  # type: ignore[attr-defined]
        drive_modal(qtbot, dialog._edit_costs, costs)  # type: ignore[attr-defined]
        assert dialog.costs_label.text() == "1 ligne"  # type: ignore[attr-defined]
        save(dialog)

    drive_modal(qtbot, page.profile_button.click, edit)
    profile = next(p for p in services.export_profiles.profiles() if p.code == "ddets_avdl")
    assert (profile.funder_code, profile.annual_budget) == ("ddets", 150_000)
    assert [(line.label, line.quantity) for line in profile.avoided_costs] == [("Nuitées d'hôtel", 1200)]
    page.preview_button.click()
    titles = [page.sections.item(row).text() for row in range(page.sections.count())]
    assert "Coûts évités" in titles
    page.sections.setCurrentRow(titles.index("Coûts évités"))
    assert _grid_texts(page)[0][:2] == ["Nuitées d'hôtel", "42\u202f000,00\xa0€"]
