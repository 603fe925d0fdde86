"""The COSI of the issue, in the real window, in French: planned, its agenda filled from the records, its minutes
recorded by the team lead with a six-month extension (the planned end moves, the support tab says « décidée en
COSI du … »), a health note by the nurse, and the partner copy for the landlord — named, with no health note."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from caseworker.app import Application
from caseworker.domain import NoteClass
from caseworker.domain.debrief import DecisionKind, MeetingStatus
from caseworker.services import Services
from caseworker.services.directory import OrganisationView, StaffInput
from caseworker.services.sharing import ConsentInput
from caseworker.services.support import TeamMemberInput
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.ui.common.pdf_preview import PdfPreviewDialog
from caseworker.ui.meetings.agenda_dialogs import FillAgendaDialog
from caseworker.ui.meetings.meeting_dialog import MeetingDialog
from caseworker.ui.meetings.minutes_dialog import Choice, MinutesDialog
from caseworker.ui.meetings.partner_copy_dialog import PartnerCopyDialog
from tests.services.builders import FILED, raw_rows
from tests.services.contract_builders import ALL_CATEGORIES
from tests.services.support.test_episodes import active_episode
from tests.support import pdf_text
from tests.ui.conftest import drive_modal, drive_modals
from tests.ui.test_meetings_ui import decide, no_failure_in_a_dialog, save, when_shown  # noqa: F401  (an autouse fixture)

D = date


def staff(services: Services, first: str, last: str, role: str) -> int:
    own = services.setup.own_organisation_id()
    assert own is not None
    return services.directory.create_staff(
        StaffInput(first_name=first, last_name=last, role_code=role, organisation_id=own)
    ).id


def seed(services: Services, landlord: OrganisationView) -> tuple[int, int, int, int]:
    """A household in « 10 000 logements accompagnés » (ends 31/12/2026), its adult's consent for the landlord, a
    nurse on its team, and a team lead; returns (household, episode, team lead, nurse)."""
    household_id, episode_id = active_episode(services, "logements_accompagnes", start=D(2025, 1, 1))
    person_id = services.households.open_file(household_id, record_view=False).members[0].person_id
    services.consents.record_granted(
        household_id,
        ConsentInput(person_id, landlord.id, ALL_CATEGORIES, "Compte rendu du COSI"),
        signed_on=D(2026, 6, 1),
        filing=FILED,
    )
    lead = staff(services, "Nadia", "Benali", "chef_service")
    nurse = staff(services, "Inès", "Roux", "infirmier")
    services.team.add_member(
        household_id, TeamMemberInput(role_code="referent_sante", start_date=D(2026, 1, 1), staff_member_id=nurse)
    )
    return household_id, episode_id, lead, nurse


def open_meeting(qtbot, page, *interactions) -> None:  # type: ignore[no-untyped-def]
    page.table.selectRow(0)
    drive_modals(qtbot, page.open_button.click, *interactions, timeout=15000)


def test_a_cosi_from_planning_to_the_partner_copy(
    qtbot, services, landlord, data_paths, database, clock, message_boxes
) -> None:
    household_id, episode_id, lead, nurse = seed(services, landlord)
    assert services.episodes.episode(episode_id).durations.planned_end == D(2026, 12, 31)
    database.dispose()
    application = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert application.start(), message_boxes.shown
    window = application.window
    assert window is not None and application.services is not None
    qtbot.addWidget(window)
    window.show()
    app_services = application.services
    app_services.context.actor.staff_member_id = lead  # the team lead, logged in, approves the extension

    # The section comes right after « Mes tâches ».
    assert window.stack.indexOf(window.meetings) == window.stack.indexOf(window.my_tasks) + 1
    window.show_widget(window.meetings)
    page = window.meetings
    assert page.model.rowCount() == 0

    # Plan a COSI today, in the council room.
    def plan(dialog: QDialog) -> None:
        combo = dialog.type_combo  # type: ignore[attr-defined]
        combo.setCurrentIndex(combo.findData("cosi"))
        dialog.date_field.set_date(clock.today())  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.place_edit, "Salle du conseil")  # type: ignore[attr-defined]
        save(dialog)

    drive_modal(qtbot, page.plan_button.click, plan)
    assert [(m.type_code, m.held_on, m.place, m.item_count) for m in page.model.records()] == [
        ("cosi", clock.today(), "Salle du conseil", 0)
    ]
    assert page.model.data(page.model.index(0, 4)) == "Prévue"

    minutes_seen: list[str] = []

    def fill(meeting: QDialog) -> None:
        assert isinstance(meeting, MeetingDialog)

        def tick(dialog: QDialog) -> None:
            chosen = dialog.chosen()  # type: ignore[attr-defined]
            assert chosen and all(p.household_id == household_id for p in chosen)  # all ticked by default
            dialog.add_button.click()  # type: ignore[attr-defined]

        drive_modal(qtbot, meeting.fill_button.click, when_shown(qtbot, FillAgendaDialog, tick))
        assert [item.household_id for item in meeting.meeting.items] == [household_id] * len(meeting.meeting.items)

        def minutes(dialog: QDialog) -> None:
            assert isinstance(dialog, MinutesDialog)
            entry = next(e for e in dialog.item_forms if e.item.episode_id == episode_id)
            entry.present_combo.setCurrentIndex(1)  # yes
            entry.view_edit.setPlainText("Nous voulons encore six mois pour nous installer.")
            extension = decide(entry, Choice.EXTENSION)
            months = extension.months_spin
            assert months is not None and months.value() == 24 and months.isEnabled()
            months.setValue(6)
            save(dialog)  # no justification: refused under its field, nothing typed is lost
            index = dialog.item_forms.index(entry)
            message = dialog.errors.message_for(f"items.{index}.decisions.0.justification")
            assert message, dialog.errors.message_for("")
            assert dialog.isVisible() and months.value() == 6
            assert entry.view_edit.toPlainText().startswith("Nous voulons")
            assert extension.justification_edit is not None
            extension.justification_edit.setPlainText("Relogement en cours, bail signé en septembre")
            save(dialog)
            minutes_seen.append("saved")

        drive_modal(qtbot, meeting.minutes_button.click, minutes)
        assert meeting.meeting.status is MeetingStatus.HELD
        decision = next(d for item in meeting.meeting.items for d in item.decisions)
        assert decision.kind is DecisionKind.EXTENSION
        assert decision.summary == "Prolongation de 6 mois : fin prévue le 30/06/2027"
        meeting.reject()

    open_meeting(qtbot, page, fill)
    assert minutes_seen == ["saved"]
    assert any("30/06/2027" in text for text in message_boxes.texts("information"))  # the result says the new end

    # The nurse adds her health note to the minutes (only she, and health staff, read it).
    app_services.context.actor.staff_member_id = nurse
    page.past_check.setChecked(True)  # held: among the past meetings

    def health_note(meeting: QDialog) -> None:
        def minutes(dialog: QDialog) -> None:
            entry = next(e for e in dialog.item_forms if e.item.episode_id == episode_id)  # type: ignore[attr-defined]
            entry.note_edit.setPlainText("Traitement au CMP")
            entry.class_combo.setCurrentIndex(entry.class_combo.findData(NoteClass.SANTE.value))
            save(dialog)

        drive_modal(qtbot, meeting.minutes_button.click, minutes)  # type: ignore[attr-defined]
        meeting.reject()

    open_meeting(qtbot, page, health_note)

    # Back as the team lead: the partner copy for the landlord names the household, and holds no health note.
    app_services.context.actor.staff_member_id = lead
    copies: list[bytes] = []

    def partner(meeting: QDialog) -> None:
        def internal(shown: QDialog) -> None:
            assert shown.objectName() == "internal_minutes_preview" and shown.page_count() >= 1  # type: ignore[attr-defined]
            shown.reject()

        drive_modal(qtbot, meeting.internal_button.click, when_shown(qtbot, PdfPreviewDialog, internal))  # type: ignore[attr-defined]

        def choose(dialog: QDialog) -> None:
            assert isinstance(dialog, PartnerCopyDialog)
            dialog.organisation_combo.setCurrentIndex(dialog.organisation_combo.findData(landlord.id))

            def preview(shown: QDialog) -> None:
                assert dialog.prepared is not None
                copies.append(dialog.prepared.pdf.content)
                shown.exported.emit("print")  # type: ignore[attr-defined]  # printed: written to the log
                shown.reject()

            drive_modal(qtbot, dialog.preview_button.click, when_shown(qtbot, PdfPreviewDialog, preview))
            assert not dialog.not_named_label.isVisible()  # the adult agreed: the household is named
            dialog.reject()

        drive_modal(qtbot, meeting.partner_button.click, choose)  # type: ignore[attr-defined]
        meeting.reject()

    open_meeting(qtbot, page, partner)
    content = pdf_text(copies[0])
    assert "CMP" not in content and "santé" not in content
    assert "Prolongation" in content  # the C0 decision is there
    assert raw_rows(app_services, "SELECT count(*) FROM disclosure WHERE household_id = :h", h=household_id) == [(1,)]

    # The household file: the planned end moved by six months, and the extension says where it was decided.
    window.open_household(household_id)
    panel = window.households.file_panel
    panel.show_tab(panel.support_tab)
    episodes = panel.episodes_panel
    assert episodes.current().durations.planned_end == D(2027, 6, 30)
    model = episodes.extensions_model
    decided_in = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Décidé en"
    )
    assert model.data(model.index(0, decided_in)) == "décidée en COSI (comité de suivi) du 15/06/2026"
    window.close()
    application.shutdown()
