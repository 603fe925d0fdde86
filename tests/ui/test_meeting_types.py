"""A meeting type changed from the Meetings section: its name, cadence, standing members, whether the household
attends — the next meeting planned takes them (docs/domain.md §11.3)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from caseworker.services import Services
from caseworker.services.directory import StaffInput
from caseworker.services.meetings import MeetingTypeInput
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.main_window import meetings_deps
from caseworker.ui.meetings.meetings_page import MeetingsPage
from tests.ui.conftest import drive_modal
from tests.ui.deps import session
from tests.ui.test_meetings_ui import save


def test_the_cosi_s_cadence_and_members_are_changed_from_the_meetings_section(qtbot, services: Services) -> None:
    own = services.setup.own_organisation_id()
    lead = services.directory.create_staff(
        StaffInput(first_name="Sophie", last_name="Leroy", role_code="chef_service", organisation_id=own)
    )
    page = MeetingsPage(meetings_deps(services, session(services)))
    qtbot.addWidget(page)
    page.show()
    page.reload()
    page.types_menu.aboutToShow.emit()
    labels = [action.text() for action in page.types_menu.actions()]
    assert "COSI (comité de suivi)" in labels

    def change(dialog: QWidget) -> None:
        assert dialog.cadence_spin.value() == 3  # type: ignore[attr-defined]  # quarterly, as seeded
        dialog.label_edit.setText("")  # type: ignore[attr-defined]
        save(dialog)
        assert dialog.isVisible()  # a name is required: refused in place, nothing lost
        assert "obligatoire" in dialog.errors.message_for("label")  # type: ignore[attr-defined]
        dialog.label_edit.setText("COSI")  # type: ignore[attr-defined]
        dialog.cadence_spin.setValue(4)  # type: ignore[attr-defined]
        members = dialog.members_list  # type: ignore[attr-defined]
        members.set_checked([("staff", lead.id)])
        save(dialog)

    drive_modal(qtbot, lambda: page.edit_type("cosi"), change)
    [cosi] = [item for item in services.meetings.meeting_types() if item.code == "cosi"]
    assert (cosi.label, cosi.cadence_months, cosi.household_attends) == ("COSI", 4, True)
    assert [member.staff_member_id for member in cosi.members] == [lead.id]
    assert page.type_combo.findText("COSI") >= 0  # the filter names it anew


def test_a_type_saved_by_a_colleague_meanwhile_is_refused_and_what_was_typed_stays(
    qtbot, services: Services, message_boxes
) -> None:
    page = MeetingsPage(meetings_deps(services, session(services)))
    qtbot.addWidget(page)
    page.show()
    page.reload()

    def change(dialog: QWidget) -> None:
        dialog.label_edit.setText("COSI mensuel")  # type: ignore[attr-defined]
        dialog.cadence_spin.setValue(1)  # type: ignore[attr-defined]
        [cosi] = [item for item in services.meetings.meeting_types() if item.code == "cosi"]
        services.meetings.update_type(  # a colleague saves the type first, from the version both read
            "cosi",
            MeetingTypeInput("COSI de Paul", 2, True),
            expected_version=cosi.row_version,
        )
        save(dialog)
        assert dialog.isVisible() and changed_meanwhile(dialog)  # refused in place…
        assert "modifié par une autre personne" in message_boxes.texts()[-1]
        assert dialog.label_edit.text() == "COSI mensuel"  # type: ignore[attr-defined]  # …nothing typed is lost
        assert dialog.cadence_spin.value() == 1  # type: ignore[attr-defined]
        dialog.reject()  # type: ignore[attr-defined]

    drive_modal(qtbot, lambda: page.edit_type("cosi"), change)
    [cosi] = [item for item in services.meetings.meeting_types() if item.code == "cosi"]
    assert (cosi.label, cosi.cadence_months) == ("COSI de Paul", 2)  # the colleague's save stands
    assert page.type_combo.findText("COSI de Paul") >= 0  # the section read the types again
