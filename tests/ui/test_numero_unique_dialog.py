"""The numéro unique in the household dialog and in the file (F03)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialogButtonBox

from caseworker.services import Services
from caseworker.ui.households.household_dialog import HouseholdDialog
from caseworker.ui.households.household_file_panel import HouseholdFilePanel
from tests.services.builders import new_household
from tests.ui.deps import household_file_deps


def test_typed_checked_as_typed_and_saved(qtbot, services: Services) -> None:
    household = new_household(services).id
    file = services.households.open_file(household)
    dialog = HouseholdDialog(services.households, services.reference, services.context.clock.today, file)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.numero_expiry_field.set_date(date(2027, 3, 1))
    dialog._validate_live()  # as the field's own edit signal does
    assert dialog.errors.message_for("numero_unique").startswith("Numéro unique : indiquez le numéro")
    qtbot.keyClicks(dialog.numero_edit, "035 26 12345")
    assert not dialog.errors.message_for("numero_unique")
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.saved is not None
    details = services.households.open_file(household).details
    assert (details.numero_unique, details.numero_unique_expires_on) == ("035 26 12345", date(2027, 3, 1))
    panel = HouseholdFilePanel(household_file_deps(services))
    qtbot.addWidget(panel)
    shown = panel._details(services.households.open_file(household))
    assert any("035 26 12345" in part and "01/03/2027" in part for part in shown)  # the file's subtitle says it
