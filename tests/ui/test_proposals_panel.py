"""The housing tab's proposals log, driven as a person does: an offer logged, then its refusal with a reason."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QWidget

from caseworker.domain.proposals import HouseholdAnswer
from caseworker.formats import format_date
from caseworker.services import Services
from caseworker.services.directory import OrganisationView
from caseworker.ui.common.date_field import DateField
from caseworker.ui.households.household_file_panel import HouseholdFilePanel
from tests.services.builders import TODAY, new_household
from tests.ui.conftest import drive_modal, unexplained_disabled_buttons
from tests.ui.deps import household_file_deps
from tests.ui.test_my_tasks import save


def _type_date(dialog: QWidget, field: str, text: str) -> None:
    fields = [child for child in dialog.findChildren(DateField)]
    found = [widget for widget in fields if widget is dialog._dates[field]]  # type: ignore[attr-defined]
    found[0].line_edit.setText(text)


def test_an_offer_is_logged_then_refused_with_its_reason(qtbot, services: Services, landlord: OrganisationView) -> None:
    household = new_household(services).id
    panel = HouseholdFilePanel(household_file_deps(services))
    qtbot.addWidget(panel)
    panel.open_household(household)
    panel.show_tab(panel.housing_tab)
    proposals = panel.proposals_panel
    assert not proposals.follow_button.isEnabled() and proposals.follow_button.toolTip()
    assert unexplained_disabled_buttons(panel.housing_tab) == []
    cal = TODAY + timedelta(days=3)

    def offer(dialog: QWidget) -> None:
        dialog.landlord_combo.setCurrentIndex(dialog.landlord_combo.findData(landlord.id))  # type: ignore[attr-defined]
        dialog.typology_combo.set_code("t3")  # type: ignore[attr-defined]
        dialog.city_edit.setText("Rennes")  # type: ignore[attr-defined]
        dialog.rent_edit.setText("520,40")  # type: ignore[attr-defined]
        dialog.resources_edit.setText("1 600")  # type: ignore[attr-defined]
        # F06: the taux d'effort as typed, with its warning above 25 % (520,40 / 1 600 = 32,5 %).
        assert dialog.effort_label.text() == "Taux d'effort : 32,5 % — au-delà de 25 %"  # type: ignore[attr-defined]
        _type_date(dialog, "cal_on", format_date(cal))
        assert not dialog.reason_combo.isEnabled()  # type: ignore[attr-defined]
        save(dialog)

    drive_modal(qtbot, proposals.new_button.click, offer)
    model = proposals.model
    assert model.rowCount() == 1
    texts = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert texts[1:6] == [
        landlord.name,
        "T3 · Rennes",
        "520,40\u00a0€",
        "32,5 %",
        f"{format_date(cal)} — décision à venir",
    ]
    board = [row for row in services.board.board().panels[3].rows if row.what.startswith("CAL")]
    assert [(row.household_id, row.when) for row in board] == [(household, cal)]

    proposals.table.selectRow(0)
    refused_on = format_date(TODAY)

    def refuse(dialog: QWidget) -> None:
        assert dialog.city_edit.text() == "Rennes"  # type: ignore[attr-defined]  # the offer as saved
        assert dialog.landlord_combo.currentData() == landlord.id  # type: ignore[attr-defined]
        dialog.answer_combo.setCurrentIndex(  # type: ignore[attr-defined]
            dialog.answer_combo.findData(HouseholdAnswer.REFUSED.value)  # type: ignore[attr-defined]
        )
        _type_date(dialog, "answered_on", refused_on)
        save(dialog)  # no reason yet: refused, the dialog stays open with what was typed
        assert dialog.isVisible()
        assert "motif du refus" in dialog.errors.message_for("refusal_reason_code")  # type: ignore[attr-defined]
        dialog.reason_combo.set_code("localisation")  # type: ignore[attr-defined]
        save(dialog)

    drive_modal(qtbot, proposals.follow_button.click, refuse)
    (saved,) = services.proposals.proposals_for(household)
    assert saved.answer is HouseholdAnswer.REFUSED and saved.refusal_reason_label == "Localisation"
    assert saved.city == "Rennes" and saved.cal_on == cal  # nothing typed before was lost
    assert model.data(model.index(0, 6)) == "Refusée (Localisation)"

    proposals.table.selectRow(0)

    def unchanged(dialog: QWidget) -> None:  # a decided offer opens with its decisions, and saves them again
        assert dialog.answer_combo.currentData() == HouseholdAnswer.REFUSED.value  # type: ignore[attr-defined]
        assert dialog.reason_combo.code() == "localisation"  # type: ignore[attr-defined]
        save(dialog)

    drive_modal(qtbot, proposals.follow_button.click, unchanged)
    (again,) = services.proposals.proposals_for(household)
    assert (again.answer, again.refusal_reason_code, again.cal_on) == (HouseholdAnswer.REFUSED, "localisation", cal)
