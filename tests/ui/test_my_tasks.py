"""« Mes tâches », the task dialogs, the debrief decision, and the contact dialog closing tasks, driven as a person."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from caseworker.domain.debrief import AutomaticReason, TaskStatus
from caseworker.services import Services
from caseworker.services.tasks import TaskInput
from caseworker.ui.households.contact_dialog import ContactDialog
from caseworker.ui.main_window import task_deps
from caseworker.ui.tasks.my_tasks_page import OVERDUE_BACKGROUND, MyTasksPage
from caseworker.ui.tasks.task_dialogs import DebriefDecisionDialog
from tests.services.builders import TODAY, new_household
from tests.services.support.test_episodes import with_coordinator
from tests.services.support.test_my_households import followed
from tests.ui.conftest import drive_modal
from tests.ui.deps import contact_deps, session


def save(dialog: QWidget) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Save).click()


def me(services: Services) -> int:
    staff_id = services.context.actor.staff_member_id
    assert staff_id is not None
    return staff_id


def page_for(qtbot, services: Services) -> MyTasksPage:
    page = MyTasksPage(task_deps(services, session(services)))
    qtbot.addWidget(page)
    page.show()
    page.reload()
    return page


def test_overdue_first_said_in_words_then_done_from_the_keyboard(qtbot, services: Services) -> None:
    household = new_household(services, "Anne", "Durand").id
    with_coordinator(services, household)
    services.tasks.create_task(TaskInput(me(services), "Appeler la CAF", TODAY + timedelta(days=5), household))
    late = services.tasks.create_task(TaskInput(me(services), "Visite", TODAY - timedelta(days=3), household))
    page = page_for(qtbot, services)
    model = page.model
    assert model.data(model.index(0, 0)) == "en retard de 3 jours"  # in words, not only by colour
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert model.data(model.index(1, 0)) == "dans 5 jours"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert not page.done_button.isEnabled()  # nothing chosen for the person
    page.table.selectRow(0)
    assert page.done_button.isEnabled()

    def done(dialog: QWidget) -> None:
        dialog.note_edit.setPlainText("Vue chez elle")  # type: ignore[attr-defined]
        save(dialog)

    drive_modal(qtbot, lambda: qtbot.keyClick(page, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier), done)
    closed = next(row for row in services.tasks.household_tasks(household) if row.id == late.id)
    assert (closed.status, closed.close_note) == (TaskStatus.DONE, "Vue chez elle")
    assert [row.title for row in page.model.records()] == ["Appeler la CAF"]  # refreshed after the change


def test_cancel_needs_a_reason_and_keeps_what_was_typed(qtbot, services: Services) -> None:
    task = services.tasks.create_task(TaskInput(me(services), "Écrire au bailleur", TODAY))
    page = page_for(qtbot, services)
    page.table.selectRow(0)

    def cancel(dialog: QWidget) -> None:
        save(dialog)  # no reason: refused under the field, the dialog stays
        assert dialog.isVisible()
        assert dialog.errors.message_for("reason") == "Motif : ce champ est obligatoire."  # type: ignore[attr-defined]
        dialog.note_edit.setPlainText("Le bailleur a appelé")  # type: ignore[attr-defined]
        save(dialog)

    drive_modal(qtbot, page.cancel_button.click, cancel)
    [row] = services.tasks.my_tasks(recently_closed=True)
    assert (row.id, row.status, row.close_note) == (task.id, TaskStatus.CANCELLED, "Le bailleur a appelé")
    page.closed_check.setChecked(True)
    assert page.model.data(page.model.index(0, 0)) == "Annulée"


def test_new_task_with_ctrl_n(qtbot, services: Services) -> None:
    page = page_for(qtbot, services)

    def fill(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.title_edit, "Preparer le COSI")  # type: ignore[attr-defined]
        save(dialog)

    drive_modal(qtbot, lambda: qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier), fill)
    [row] = page.model.records()
    assert (row.title, row.due_on, row.owner_id) == ("Preparer le COSI", TODAY + timedelta(days=7), me(services))
    assert page.selected_task() == row


def test_showing_the_page_runs_the_check_of_automatic_tasks(qtbot, services: Services) -> None:
    household = followed(services, "Anne", start=date(2026, 1, 1))  # ends on 30 June
    page = page_for(qtbot, services)
    reasons = {row.reason for row in page.model.records()}
    assert AutomaticReason.PLANNED_END in reasons
    opened: list[int] = []
    page.household_opened.connect(opened.append)
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [household]


def test_debrief_decision_becomes_a_note_or_a_task(qtbot, services: Services) -> None:
    household = new_household(services, "Anne", "Durand").id
    with_coordinator(services, household)
    deps = task_deps(services, session(services))
    dialog = DebriefDecisionDialog(deps, household)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.note_radio.setChecked(True)
    assert not dialog.owner.isEnabled() and dialog.written_field.isEnabled()
    dialog.text_edit.setPlainText("Dette soldée, RAS")
    save(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [note] = services.tasks.debrief_notes(household)
    assert (note.text, note.written_on) == ("Dette soldée, RAS", TODAY)

    dialog = DebriefDecisionDialog(deps, household)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.task_radio.isChecked()
    save(dialog)  # no text: refused, kept open
    assert dialog.errors.message_for("text") == "Tâche : ce champ est obligatoire."
    dialog.text_edit.setPlainText("Visite avant vendredi")
    save(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [task] = services.tasks.household_tasks(household)
    assert (task.title, task.origin_label, task.owner_id) == ("Visite avant vendredi", "Débrief", me(services))


def test_the_contact_dialog_closes_the_ticked_tasks(qtbot, services: Services) -> None:
    household = new_household(services, "Anne", "Durand").id
    with_coordinator(services, household)
    visit = services.tasks.create_task(TaskInput(me(services), "Visite", TODAY, household))
    call = services.tasks.create_task(TaskInput(me(services), "Appel", TODAY + timedelta(days=1), household))
    dialog = ContactDialog(contact_deps(services), household, "DURAND Anne")
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [dialog.task_list.item(row).text() for row in range(dialog.task_list.count())]
    assert "Visite" in labels[0] and "(aujourd'hui)" in labels[0]
    assert "Appel" in labels[1] and "(demain)" in labels[1]
    assert dialog.task_list.checked_keys() == [visit.id]  # ticked when due by today; tomorrow's call is not
    qtbot.keyClick(dialog.outcome_combo, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [row.id for row in services.contacts.open_tasks_for(household)] == [call.id]


def test_a_failed_visit_unticks_the_tasks_a_reached_one_ticks_them_back(qtbot, services: Services) -> None:
    household = new_household(services, "Anne", "Durand").id
    with_coordinator(services, household)
    visit = services.tasks.create_task(TaskInput(me(services), "Visite", TODAY, household))
    call = services.tasks.create_task(TaskInput(me(services), "Appel", TODAY + timedelta(days=1), household))
    dialog = ContactDialog(contact_deps(services), household, "DURAND Anne")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.task_list.checked_keys() == [visit.id]
    dialog.outcome_combo.set_code("porte_close")  # the door stayed closed: the visit is still to do
    assert dialog.task_list.checked_keys() == []
    dialog.outcome_combo.set_code("annule_menage")  # cancelled is not reached either
    assert dialog.task_list.checked_keys() == []
    dialog.outcome_combo.set_code("rencontre")
    assert dialog.task_list.checked_keys() == [visit.id]
    dialog.task_list.set_checked([visit.id, call.id])  # the person ticks tomorrow's call too
    dialog.outcome_combo.set_code("joint")  # another "reached" outcome keeps what they ticked
    assert dialog.task_list.checked_keys() == [visit.id, call.id]

    dialog.outcome_combo.set_code("absent")
    dialog.task_list.set_checked([call.id])  # a failed attempt may still close a task the person ticks
    qtbot.keyClick(dialog.outcome_combo, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [row.id for row in services.contacts.open_tasks_for(household)] == [visit.id]
