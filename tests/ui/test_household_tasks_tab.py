"""The household file's « Tâches et notes » tab: what the debrief decided about the household, kept with its file."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from caseworker.domain.debrief import TaskStatus
from caseworker.services import Services
from caseworker.services.tasks import TaskInput
from caseworker.ui.main_window import task_deps
from caseworker.ui.tasks.household_tasks_tab import HouseholdTasksTab
from tests.services.builders import TODAY, new_household
from tests.services.support.test_episodes import with_coordinator
from tests.services.tasks.test_tasks import colleague, on_team
from tests.ui.conftest import drive_modal
from tests.ui.deps import session
from tests.ui.test_my_tasks import me, save


def test_the_tab_lists_the_tasks_open_first_and_the_notes_and_records_a_decision(qtbot, services: Services) -> None:
    household = new_household(services, "Anne", "Durand").id
    other = new_household(services, "Paul", "Martin").id
    with_coordinator(services, household)
    with_coordinator(services, other)
    done = services.tasks.create_task(TaskInput(me(services), "Appeler la CAF", TODAY - timedelta(days=9), household))
    services.tasks.complete_task(done.id, expected_version=done.row_version)
    services.tasks.create_task(TaskInput(me(services), "Visite", TODAY + timedelta(days=2), household))
    services.tasks.create_task(TaskInput(me(services), "Autre ménage", TODAY, other))
    tab = HouseholdTasksTab(task_deps(services, session(services)))
    qtbot.addWidget(tab)
    tab.show()
    tab.show_household(household)
    model = tab.tasks_model
    assert [row.title for row in model.records()] == ["Visite", "Appeler la CAF"]  # open first; not the other's
    assert model.data(model.index(0, 0)) == "dans 2 jours"
    assert model.data(model.index(0, 3)) == "Claire MARTIN"  # whose task it is, not the household
    assert model.data(model.index(1, 0)) == "Faite"
    assert not tab.done_button.isEnabled()
    tab.tasks_table.selectRow(1)
    assert not tab.done_button.isEnabled()  # a task done is done
    changed = []
    tab.changed.connect(lambda: changed.append(True))

    def note(dialog: QWidget) -> None:
        dialog.note_radio.setChecked(True)  # type: ignore[attr-defined]
        dialog.text_edit.setPlainText("On demande la prolongation en COSI")  # type: ignore[attr-defined]
        save(dialog)

    drive_modal(qtbot, tab.decision_button.click, note)
    assert [row.text for row in tab.notes_model.records()] == ["On demande la prolongation en COSI"]
    assert changed == [True]

    tab.tasks_table.selectRow(0)
    assert tab.done_button.isEnabled()
    drive_modal(qtbot, tab.done_button.click, save)
    assert {row.title: row.status for row in services.tasks.household_tasks(household)} == {
        "Visite": TaskStatus.DONE,
        "Appeler la CAF": TaskStatus.DONE,
    }
    assert [row.status for row in tab.tasks_model.records()] == [TaskStatus.DONE, TaskStatus.DONE]


def test_a_volunteer_sees_a_colleagues_debrief_note_as_hidden(qtbot, services: Services) -> None:
    """A debrief note is read as an équipe note of its author (docs/domain.md §5.2): « note masquée » for them."""
    household = new_household(services, "Anne", "Durand").id
    with_coordinator(services, household)
    services.tasks.add_debrief_note(household, "Le bailleur a rappelé : dette soldée.")
    volunteer = colleague(services, "Jean", "Blanc", role="benevole")
    on_team(services, household, volunteer.id)
    services.context.actor.staff_member_id = volunteer.id  # the laptop's user is now the volunteer
    tab = HouseholdTasksTab(task_deps(services, session(services)))
    qtbot.addWidget(tab)
    tab.show_household(household)
    model = tab.notes_model
    assert model.data(model.index(0, 2)) == QCoreApplication.translate("DebriefNotesTableModel", "(hidden note)")
    assert model.data(model.index(0, 2), Qt.ItemDataRole.ToolTipRole) in ("", None)
    assert model.data(model.index(0, 1)) == "Claire MARTIN"  # who wrote it, and when, stay in sight
