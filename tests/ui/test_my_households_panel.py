"""« Mes ménages » in the window: what needs attention is said in words and tinted, the useful columns in view."""

from __future__ import annotations

from datetime import date, datetime, timezone

from PySide6.QtCore import Qt

from caseworker.domain import AlertChannel
from caseworker.services import Services
from caseworker.services.alerts import AlertInput
from caseworker.services.directory import OrganisationView
from caseworker.ui.households.my_households_panel import ATTENTION_BACKGROUND, MyHouseholdsPanel
from tests.services.builders import new_household
from tests.services.support.test_episodes import with_coordinator
from tests.support import FixedClock
from tests.ui.deps import session


def test_overdue_alerts_are_flagged_in_the_panel(
    qtbot, services: Services, landlord: OrganisationView, clock: FixedClock
) -> None:
    household = new_household(services, "Hélène", "Çelik")
    with_coordinator(services, household.id)
    quiet = new_household(services, "Anne", "Durand")
    with_coordinator(services, quiet.id)
    received = datetime(2026, 6, 12, 15, 0, tzinfo=timezone.utc)
    services.alerts.create(AlertInput("impaye", household.id, landlord.id, received, AlertChannel.TELEPHONE))
    clock.today_value = date(2026, 6, 16)
    panel = MyHouseholdsPanel(services.my_households, services.team, services.households, session(services).staff_id)
    qtbot.addWidget(panel)
    panel.reload()
    model = panel.model
    first = model.record(0)
    assert first.household_id == household.id  # what needs attention comes first
    assert model.data(model.index(0, 0)) == "1 alerte en retard"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color() == ATTENTION_BACKGROUND
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert panel.summary_label.text() == "2 ménages · 1 demande de l'attention"


def test_ctrl_k_in_mes_menages_never_takes_the_first_row_for_the_person(qtbot, services: Services) -> None:
    from PySide6.QtWidgets import QApplication, QDialog

    from tests.ui.conftest import drive_modal

    households = [new_household(services, name, "Durand") for name in ("Anne", "Bruno")]
    for household in households:
        with_coordinator(services, household.id)
    services.households.open_file(households[1].id)
    panel = MyHouseholdsPanel(services.my_households, services.team, services.households, session(services).staff_id)
    qtbot.addWidget(panel)
    panel.show()
    panel.reload()
    assert not panel.table.selectionModel().hasSelection()  # nothing is chosen in advance

    def choose(chooser: QDialog) -> None:
        model = chooser.model  # type: ignore[attr-defined]
        rows = [model.data(model.index(row, model.COLUMN_NAME)) for row in range(model.rowCount())]
        assert rows == ["DURAND Bruno", "DURAND Anne"]  # my households only, the one opened lately first
        qtbot.keyClicks(chooser.search_edit, "anne")  # type: ignore[attr-defined]
        qtbot.keyClick(chooser.search_edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]

    requested: list[int] = []
    panel.contact_requested.connect(requested.append)
    drive_modal(qtbot, panel.request_contact, choose)
    assert requested == [households[0].id]
    assert QApplication.activeModalWidget() is None
