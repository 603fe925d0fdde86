"""Date fields follow the services' plausibility rule: absurd dates refused as typed, unusual ones confirmed once."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from caseworker.services.date_rules import DateKind
from caseworker.ui.common.date_field import DateField
from caseworker.ui.households.episode_dialogs import NewEpisodeDialog
from caseworker.ui.households.household_dialog import HouseholdDialog
from caseworker.ui.prevention.prevention_dialogs import DebtDialog
from tests.services.builders import TODAY, new_household
from tests.ui.deps import episode_deps, prevention_deps


def _save(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_an_absurd_date_is_refused_like_a_date_that_does_not_exist(qtbot) -> None:
    field = DateField(kind=DateKind.EVENT, today=lambda: TODAY)
    qtbot.addWidget(field)
    field.line_edit.setText("01/01/1900")
    assert field.date_or_error() == (
        None,
        "La date 01/01/1900 n'est pas vraisemblable (au plus tôt le 01/01/1990).",
    )
    field.line_edit.setText("16/06/2026")
    assert field.date_or_error() == (None, "La date ne peut pas être dans le futur (16/06/2026).")
    planned = DateField(kind=DateKind.PLANNED, today=lambda: TODAY)
    qtbot.addWidget(planned)
    planned.line_edit.setText("01/01/2200")
    assert planned.date_or_error()[1] == "La date 01/01/2200 n'est pas vraisemblable (au plus tard le 15/06/2046)."
    planned.line_edit.setText("01/01/2027")
    assert planned.date_or_error() == (date(2027, 1, 1), None)
    assert planned.unusual() is None


def test_an_arrival_in_1900_is_refused_as_the_person_types(qtbot, services) -> None:
    dialog = HouseholdDialog(services.households, services.reference, services.context.clock.today)
    qtbot.addWidget(dialog)
    dialog.person_form.last_name_edit.setText("Dubois")
    assert dialog.start_field is not None
    dialog.start_field.line_edit.setText("01/01/1900")
    assert dialog.errors.message_for("start_date") == (
        "La date 01/01/1900 n'est pas vraisemblable (au plus tôt le 15/06/1926)."
    )
    _save(dialog)
    assert services.households.list_summaries() == []


def test_an_unusual_date_is_confirmed_before_saving_and_a_no_keeps_what_was_typed(
    qtbot, services, message_boxes
) -> None:
    household = new_household(services)
    dialog = NewEpisodeDialog(episode_deps(services), household.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_field.line_edit.setText("01/03/2023")  # more than two years ago: a slip of the year?
    dialog.note_edit.setPlainText("Orientation du SIAO")
    message_boxes.answer = QMessageBox.StandardButton.No
    _save(dialog)
    assert message_boxes.texts("question") == [
        "Cette date est inhabituelle : 01/03/2023 (plus de 2 ans avant aujourd'hui). La confirmer ?"
    ]
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.date_field.line_edit.text() == "01/03/2023"
    assert dialog.note_edit.toPlainText() == "Orientation du SIAO"
    assert services.episodes.episodes_for(household.id) == []
    message_boxes.answer = QMessageBox.StandardButton.Yes
    _save(dialog)
    assert len(message_boxes.texts("question")) == 2
    [episode] = services.episodes.episodes_for(household.id)
    assert episode.orientation_date == date(2023, 3, 1)


def test_several_unusual_dates_are_confirmed_in_one_question_asked_once(qtbot, services, message_boxes) -> None:
    household = new_household(services)
    dialog = DebtDialog(prevention_deps(services), household.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.amount_edit.setText("1250")
    dialog.as_of_field.line_edit.setText("31/03/2020")
    dialog.period_start_field.line_edit.setText("01/01/2019")
    _save(dialog)  # confirmed, then refused by the service: no creditor
    assert message_boxes.texts("question") == [
        "Ces dates sont inhabituelles :\n"
        "• 31/03/2020 (plus de 2 ans avant aujourd'hui)\n"
        "• 01/01/2019 (plus de 2 ans avant aujourd'hui)\n"
        "Les confirmer ?"
    ]
    assert dialog.errors.message_for("creditor_id") == "Créancier : choisissez une organisation ou saisissez un nom."
    dialog.creditor_edit.setText("EDF")
    _save(dialog)
    assert len(message_boxes.texts("question")) == 1  # confirmed already: not asked again
    [debt] = services.debts.debts_for(household.id)
    assert (debt.as_of, debt.period_start) == (date(2020, 3, 31), date(2019, 1, 1))


def test_a_birth_more_than_a_century_ago_is_confirmed(qtbot, services, message_boxes) -> None:
    dialog = HouseholdDialog(services.households, services.reference, services.context.clock.today)
    qtbot.addWidget(dialog)
    assert dialog.person_form is not None
    dialog.person_form.last_name_edit.setText("Dubois")
    dialog.person_form.birth_year_edit.setText("1920")
    message_boxes.answer = QMessageBox.StandardButton.No
    _save(dialog)
    assert message_boxes.texts("question") == [
        "Cette date est inhabituelle : 1920 (plus de 100 ans avant aujourd'hui). La confirmer ?"
    ]
    assert services.households.list_summaries() == []
    message_boxes.answer = QMessageBox.StandardButton.Yes
    _save(dialog)
    [household] = services.households.list_summaries()
    assert services.households.open_file(household.id).members[0].birth_year == 1920
