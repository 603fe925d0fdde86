"""The main window on an association's laptop: 1366×768, 1280×720, 1024×768 (issue 11, item 16).

Nothing may be cut at 1366×768 and 1280×720 and the window must stay usable at 1024×768: its minimum size,
with every section and every tab of a household file shown once, fits those screens, and at 1366×768 the
columns people read first are in view without scrolling.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from PySide6.QtCore import QAbstractItemModel, QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QTableView, QWidget

from caseworker.app import Application
from caseworker.domain import AlertChannel
from caseworker.services.alerts import AlertInput
from caseworker.services.prevention import DebtInput, PlanInput, ProcedureInput
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.ui.main_window import MainWindow
from tests.services.contract_builders import Supported
from tests.services.prevention.test_prevention import tenant

# The window's own size on each screen: the screen minus a task bar and the title bar.
SCREENS = {"1366×768": (1366, 700), "1280×720": (1280, 650), "1024×768": (1024, 700)}


def _seed(services, landlord) -> Supported:  # type: ignore[no-untyped-def]
    supported = tenant(services, landlord)
    household = supported.household_id
    received = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)
    for code in ("impaye", "agressivite_personnel", "defaut_entretien"):
        services.alerts.create(
            AlertInput(
                code,
                household,
                landlord.id,
                received,
                AlertChannel.TELEPHONE,
                description="Appel de la gestionnaire au sujet du ménage, à rappeler avant vendredi.",
            )
        )
    debt = services.debts.add_debt(household, DebtInput(Decimal("1250"), date(2026, 1, 10), creditor_id=landlord.id))
    plan = PlanInput(Decimal("50"), Decimal("412.50"), date(2026, 2, 1), 12, date(2026, 1, 15))
    services.debts.add_plan(debt.id, plan)
    services.procedures.open_procedure(household, ProcedureInput(landlord.id, date(2026, 2, 2)))
    return supported


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _every_view(window: MainWindow, household_id: int) -> list[tuple[str, QWidget]]:
    """Show every section, and every tab of the household file, once (tabs load what they show when shown)."""
    shown = []
    for row in range(window.navigation.count()):
        window.show_section(row)
        _settle()
        shown.append((window.navigation.item(row).text(), window.stack.currentWidget()))
    window.open_household(household_id)
    panel = window.households.file_panel
    for index in range(panel.tabs.count()):
        panel.show_tab(panel.tabs.widget(index))
        _settle()
        shown.append((panel.tabs.tabText(index), window.households))
    return shown


def _cut_buttons(window: QWidget) -> list[str]:
    """Visible buttons that do not lie wholly inside the window (cut at its edge)."""
    inside = window.rect()
    return [
        button.text()
        for button in window.findChildren(QPushButton)
        if button.isVisible() and not inside.contains(QRect(button.mapTo(window, QPoint(0, 0)), button.size()))
    ]


@pytest.fixture
def window(qtbot, services, landlord, data_paths, database, clock, message_boxes):  # type: ignore[no-untyped-def]
    supported = _seed(services, landlord)
    database.dispose()
    application = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert application.start(), message_boxes.shown
    main = application.window
    assert main is not None
    qtbot.addWidget(main)
    main.show()
    main.supported = supported  # type: ignore[attr-defined]
    yield main
    main.close()
    application.shutdown()


def test_the_minimum_size_fits_a_1024_by_768_screen_with_everything_shown(window: MainWindow) -> None:
    household_id = window.supported.household_id  # type: ignore[attr-defined]
    widest = []
    for name, _widget in _every_view(window, household_id):
        minimum = window.minimumSizeHint()
        widest.append((minimum.width(), minimum.height(), name))
    assert max(widest)[0] <= 1024, sorted(widest)[-3:]
    assert max(height for _width, height, _name in widest) <= 640, widest  # 1280×720, a task bar, a title bar


@pytest.mark.parametrize("screen", list(SCREENS))
def test_nothing_is_cut_on_small_laptop_screens(window: MainWindow, screen: str) -> None:
    window.resize(*SCREENS[screen])
    household_id = window.supported.household_id  # type: ignore[attr-defined]
    cut = {}
    for name, _widget in _every_view(window, household_id):
        assert (window.width(), window.height()) == SCREENS[screen]  # the window did not have to grow
        if found := _cut_buttons(window):
            cut[name] = found
    assert cut == {}


def _column(model: QAbstractItemModel, header: str) -> int:
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header)


def _in_view(table: QTableView, column: int) -> bool:
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(column)
    right = left + header.sectionSize(column)
    return not table.isColumnHidden(column) and left >= 0 and right <= table.viewport().width()


def test_the_columns_that_matter_are_in_view_at_1366_by_768(window: MainWindow) -> None:
    window.resize(*SCREENS["1366×768"])
    window.show_widget(window.my_households)
    _settle()
    table = window.my_households.table
    model = window.my_households.model
    assert model.rowCount() == 1 and len(model.record(0).attention()) >= 2  # long words in "Attention"
    days = _column(model, "Jours sans contact / seuil")
    assert _in_view(table, days)
    window.show_widget(window.alerts)
    _settle()
    inbox = window.alerts
    referent = _column(inbox.model, "Référent")
    assert inbox.model.data(inbox.model.index(0, referent)) == "Claire MARTIN"
    assert _in_view(inbox.table, referent)
