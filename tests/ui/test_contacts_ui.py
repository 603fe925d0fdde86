"""The contact log tab and its quick entry dialog, driven with the keyboard as a field worker would."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox

from caseworker.domain import NoteClass
from caseworker.services import Services
from caseworker.services.directory import StaffInput
from caseworker.services.support import ContactInput, FirstContactStats, TeamMemberInput
from caseworker.ui.households.contact_dialog import ContactDialog
from caseworker.ui.households.contacts_panel import OUTCOME_KIND_ROLE, ContactsPanel
from tests.services.builders import new_household
from tests.ui.conftest import MessageLog, drive_modal
from tests.ui.deps import contact_deps


@pytest.fixture(autouse=True)
def paris_time() -> Iterator[None]:
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Paris"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


@pytest.fixture
def household_id(services: Services) -> int:
    return new_household(services).id


@pytest.fixture
def panel(qtbot, services: Services, household_id: int) -> ContactsPanel:
    widget = ContactsPanel(contact_deps(services), services.households)
    qtbot.addWidget(widget)
    widget.set_household(household_id)
    widget.show()
    return widget


def visit(day: date, hour: int, outcome: str) -> ContactInput:
    return ContactInput(
        occurred_at=datetime(day.year, day.month, day.day, hour, 0).astimezone(),
        type_code="visite_domicile",
        outcome_code=outcome,
    )


def test_quick_entry_is_enter_after_ctrl_k(qtbot, services: Services, household_id: int, panel: ContactsPanel):
    assert panel.new_shortcut.key() == QKeySequence("Ctrl+K")
    changes: list[None] = []
    panel.changed.connect(lambda: changes.append(None))
    seen: dict[str, object] = {}

    def press_enter(dialog: QDialog) -> None:
        focus = dialog.focusWidget()
        seen["focus"] = focus.objectName()
        qtbot.keyClick(focus, Qt.Key.Key_Return)

    drive_modal(
        qtbot, lambda: qtbot.keyClick(panel.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier), press_enter
    )
    assert seen["focus"] == "outcomeCombo"
    [contact] = services.contacts.contacts_for(household_id)
    assert (contact.type_code, contact.outcome_code) == ("visite_domicile", "rencontre")
    assert contact.local_time == datetime(2026, 6, 15, 12, 0)  # the clock's "now", in Paris
    assert contact.note_class is NoteClass.REFERENTS
    assert contact.participant_staff_ids == (services.context.actor.staff_member_id,)
    assert not contact.off_hours
    assert changes == [None]
    assert panel.model.rowCount() == 1
    assert panel.selected_contact() == contact


def test_the_keyboard_reaches_every_field(qtbot, services: Services, household_id: int):
    dialog = ContactDialog(contact_deps(services), household_id, "ÇELIK Hélène")
    qtbot.addWidget(dialog)
    dialog.show()
    # Space toggles a topic; Tab leaves the note instead of typing a tab; Ctrl+Enter in the note saves.
    dialog.topic_list.setFocus()
    dialog.topic_list.setCurrentRow(2)
    qtbot.keyClick(dialog.topic_list, Qt.Key.Key_Space)
    assert dialog.topic_list.checked_keys() == [services.contacts.choices().topics[2].code]
    qtbot.keyClicks(dialog.note_edit, "Porte close, mot laisse")  # QTest types ASCII only
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.note_edit, "au gardien")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Tab)
    assert "\t" not in dialog.note_edit.toPlainText()
    dialog.outcome_combo.set_code("porte_close")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [contact] = services.contacts.contacts_for(household_id)
    assert contact.note == "Porte close, mot laisse\nau gardien"
    assert contact.outcome_kind == "attempt"
    assert contact.topic_codes == (services.contacts.choices().topics[2].code,)


def test_a_future_date_is_refused_and_the_dialog_stays_open(qtbot, services: Services, household_id: int):
    dialog = ContactDialog(contact_deps(services), household_id, "ÇELIK Hélène")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_field.set_date(date(2030, 1, 1))
    dialog.note_edit.setPlainText("Rendez-vous pris")
    qtbot.keyClick(dialog.outcome_combo, Qt.Key.Key_Return)
    assert dialog.errors.message_for("occurred_at")
    assert dialog.findChild(QLabel, "error_occurred_at").isVisible()
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.note_edit.toPlainText() == "Rendez-vous pris"
    assert services.contacts.contacts_for(household_id) == []
    dialog.date_field.set_date(date(2026, 6, 15))
    qtbot.keyClick(dialog.outcome_combo, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(services.contacts.contacts_for(household_id)) == 1


def test_an_unreadable_date_is_shown_without_asking_the_service(qtbot, services: Services, household_id: int):
    dialog = ContactDialog(contact_deps(services), household_id, "ÇELIK Hélène")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_field.line_edit.setText("31/02/2026")
    qtbot.keyClick(dialog.outcome_combo, Qt.Key.Key_Return)
    assert dialog.errors.message_for("occurred_at")
    assert dialog.isVisible()


def test_off_hours_follows_the_time_until_set_by_hand(qtbot, services: Services, household_id: int):
    dialog = ContactDialog(contact_deps(services), household_id, "ÇELIK Hélène")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.off_hours_box.isChecked()
    dialog.time_edit.setTime(dialog.time_edit.time().fromString("19:05", "HH:mm"))
    assert dialog.off_hours_box.isChecked()
    dialog.date_field.set_date(date(2026, 6, 13))  # a Saturday
    dialog.time_edit.setTime(dialog.time_edit.time().fromString("10:00", "HH:mm"))
    assert dialog.off_hours_box.isChecked()
    dialog.date_field.set_date(date(2026, 6, 12))
    assert not dialog.off_hours_box.isChecked()
    dialog.off_hours_box.click()  # the person says so: the time no longer decides
    dialog.time_edit.setTime(dialog.time_edit.time().fromString("11:00", "HH:mm"))
    assert dialog.off_hours_box.isChecked()
    qtbot.keyClick(dialog.outcome_combo, Qt.Key.Key_Return)
    [contact] = services.contacts.contacts_for(household_id)
    assert contact.off_hours
    assert contact.local_time == datetime(2026, 6, 12, 11, 0)


def test_the_panel_shows_the_first_contact_figures(qtbot, services: Services, household_id: int, panel):
    start = date(2026, 6, 1)
    for offset, hour in ((0, 9), (3, 19), (6, 8), (9, 17), (12, 20)):
        services.contacts.record_contact(household_id, visit(start + timedelta(days=offset), hour, "porte_close"))
    services.contacts.record_contact(household_id, visit(date(2026, 6, 15), 11, "rencontre"))
    panel.refresh()
    assert panel.stats == FirstContactStats(6, 14, date(2026, 6, 1), date(2026, 6, 15), date(2026, 6, 15), 0)
    text = panel.stats_label.text()
    assert "6" in text
    assert "14" in text
    assert "15/06/2026" in text
    model = panel.model
    assert model.rowCount() == 6
    kinds = [model.data(model.index(row, 0), OUTCOME_KIND_ROLE) for row in range(6)]
    assert kinds == ["reached"] + ["attempt"] * 5  # newest first
    assert model.data(model.index(1, 2), Qt.ItemDataRole.FontRole).italic()
    assert model.data(model.index(0, 2), Qt.ItemDataRole.FontRole) is None
    services.contacts.record_contact(household_id, visit(date(2026, 6, 15), 7, "absent"))
    panel.set_household(household_id, since=date(2026, 6, 10))
    assert panel.stats == FirstContactStats(4, 5, date(2026, 6, 10), date(2026, 6, 15), date(2026, 6, 15), 0)


def test_edit_and_delete_from_the_panel(qtbot, services: Services, household_id: int, panel, message_boxes: MessageLog):
    services.contacts.record_contact(household_id, visit(date(2026, 6, 10), 10, "absent"))
    panel.refresh()
    assert not panel.edit_button.isEnabled()
    panel.table.selectRow(0)
    assert panel.edit_button.isEnabled()

    def change_outcome(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactDialog)
        assert dialog.outcome_combo.code() == "absent"
        dialog.outcome_combo.set_code("rencontre")
        dialog.duration_spin.setValue(45)
        qtbot.keyClick(dialog.outcome_combo, Qt.Key.Key_Return)

    drive_modal(qtbot, panel.edit_button.click, change_outcome)
    [contact] = services.contacts.contacts_for(household_id)
    assert (contact.outcome_code, contact.duration_minutes) == ("rencontre", 45)
    message_boxes.answer = message_boxes.answer.No
    panel.table.selectRow(0)
    panel.delete_button.click()
    assert len(services.contacts.contacts_for(household_id)) == 1
    message_boxes.answer = message_boxes.answer.Yes
    panel.delete_button.click()
    assert services.contacts.contacts_for(household_id) == []
    assert len(message_boxes.texts("question")) == 2
    assert panel.model.rowCount() == 0


def test_a_hidden_note_is_kept_when_another_user_corrects_the_contact(qtbot, services: Services, household_id: int):
    services.contacts.record_contact(
        household_id,
        ContactInput(
            occurred_at=datetime(2026, 6, 10, 10, 0).astimezone(),
            type_code="telephone",
            outcome_code="joint",
            note="Suivi CMP",
            note_class=NoteClass.SANTE,
        ),
    )
    organisation_id = services.setup.own_organisation_id()
    assert organisation_id is not None
    colleague = services.directory.create_staff(StaffInput("Yann", "Le Gall", "travailleur_social", organisation_id))
    author_id = services.context.actor.staff_member_id
    assert author_id is not None
    for member in (author_id, colleague.id):  # both on the household's team: both see it
        services.team.add_member(
            household_id, TeamMemberInput("referent_social", date(2026, 1, 5), staff_member_id=member)
        )
    services.context.actor.staff_member_id = colleague.id
    [contact] = services.contacts.contacts_for(household_id)
    assert contact.note_hidden
    dialog = ContactDialog(contact_deps(services), household_id, "ÇELIK Hélène", contact=contact)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.note_edit.isEnabled()
    dialog.duration_spin.setValue(10)
    qtbot.keyClick(dialog.outcome_combo, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    services.context.actor.staff_member_id = author_id
    [contact] = services.contacts.contacts_for(household_id)
    assert (contact.note, contact.duration_minutes, contact.participant_staff_ids) == ("Suivi CMP", 10, (author_id,))


def test_no_household_no_action(qtbot, services: Services):
    widget = ContactsPanel(contact_deps(services), services.households)
    qtbot.addWidget(widget)
    widget.set_household(None)
    assert not widget.new_button.isEnabled()
    widget.new_contact()
    assert QApplication.activeModalWidget() is None


def test_participants_list_the_user_then_the_team_then_the_directory(qtbot, services: Services, household_id: int):
    organisation_id = services.setup.own_organisation_id()
    assert organisation_id is not None
    names = ("Anne", "Abeille"), ("Zoé", "Zimmer"), ("Bruno", "Aubert")
    abeille, zimmer, aubert = (
        services.directory.create_staff(StaffInput(first, last, "travailleur_social", organisation_id))
        for first, last in names
    )
    user = services.context.actor.staff_member_id
    for member, coordinates in ((user, False), (zimmer.id, True)):
        services.team.add_member(
            household_id,
            TeamMemberInput("referent_social", date(2026, 1, 5), staff_member_id=member, is_coordinator=coordinates),
        )
    dialog = ContactDialog(contact_deps(services), household_id, "ÇELIK Hélène")
    qtbot.addWidget(dialog)
    keys = dialog.participant_list.keys()
    assert keys[:2] == [("staff", user), ("staff", zimmer.id)]  # the user, then the household's team
    assert keys.index(("staff", abeille.id)) < keys.index(("staff", aubert.id))  # the rest in name order
    assert dialog.participant_list.checked_keys() == [("staff", user)]


def test_met_and_door_closed_at_the_same_minute_asks_before_saving(
    qtbot, services: Services, household_id: int, message_boxes: MessageLog
):
    services.contacts.record_contact(household_id, visit(date(2026, 6, 2), 19, "porte_close"))
    dialog = ContactDialog(contact_deps(services), household_id, "DUPONT Marc · M-000001")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_field.set_date(date(2026, 6, 2))
    dialog.time_edit.setTime(QTime(19, 0))
    dialog.outcome_combo.set_code("rencontre")
    dialog.note_edit.setPlainText("Rencontré finalement dans le hall.")
    message_boxes.answer = QMessageBox.StandardButton.No
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    [question] = message_boxes.texts("question")
    assert question.startswith("Un contact « Tentative sans contact : porte close » est déjà enregistré")
    assert "à la même minute (19:00)" in question and "« Rencontré »" in question
    assert question.endswith("Enregistrer quand même ?")
    # "No": nothing saved, the dialog open with everything typed.
    assert dialog.isVisible() and dialog.saved is None
    assert dialog.note_edit.toPlainText() == "Rencontré finalement dans le hall."
    assert dialog.outcome_combo.code() == "rencontre"
    assert len(services.contacts.contacts_for(household_id)) == 1
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.saved is not None and not dialog.isVisible()
    assert len(services.contacts.contacts_for(household_id)) == 2
    asked = len(message_boxes.texts("question"))
    # Another minute: no question.
    again = ContactDialog(contact_deps(services), household_id, "DUPONT Marc · M-000001")
    qtbot.addWidget(again)
    again.date_field.set_date(date(2026, 6, 2))
    again.time_edit.setTime(QTime(19, 1))
    again.outcome_combo.set_code("rencontre")
    again.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert again.saved is not None and len(message_boxes.texts("question")) == asked
