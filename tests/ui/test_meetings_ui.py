"""The Meetings section and a meeting's dialogs, driven as a person: planning (the next date proposed), the type
filter, cancelling, the agenda (a referent sees only their households' items), attendees, the minutes' errors
under their fields, and the partner copy saying which households it does not name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWidget

from caseworker.domain import AlertActionKind, AlertChannel, AlertStatus, NoteClass
from caseworker.domain.debrief import AgendaItemKind, DecisionKind, GlissementOutcome, MeetingStatus
from caseworker.services import Services
from caseworker.services.alerts import ActionInput, AlertInput
from caseworker.services.directory import OrganisationView, PartnerContactInput, StaffInput
from caseworker.services.meetings import AttendeeInput, ItemInput, ItemMinutes, MeetingInput, MeetingView, MinutesInput
from caseworker.services.meetings.glissement import GlissementReviewInput
from caseworker.services.meetings.planning import ITEM_LABEL_MAX
from caseworker.services.support import OrientationInput, TeamMemberInput
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.pdf_preview import PdfPreviewDialog
from caseworker.ui.households.household_file_panel import HouseholdFilePanel
from caseworker.ui.main_window import meetings_deps
from caseworker.ui.meetings.agenda_dialogs import ItemDialog
from caseworker.ui.meetings.deps import MeetingsDeps
from caseworker.ui.meetings.meeting_dialog import MeetingDialog
from caseworker.ui.meetings.meetings_page import MeetingsPage
from caseworker.ui.meetings.minutes_dialog import Choice, DecisionForm, ItemForm, MinutesDialog
from caseworker.ui.meetings.partner_copy_dialog import PartnerCopyDialog
from tests.services.builders import TODAY, new_household
from tests.services.contract_builders import supported_household
from tests.services.support.test_episodes import active_episode
from tests.ui.conftest import drive_modal
from tests.ui.deps import household_file_deps, session

D = date


FAILURES: list[BaseException] = []


@pytest.fixture(autouse=True)
def no_failure_in_a_dialog() -> Iterator[None]:
    FAILURES.clear()
    yield
    if FAILURES:
        raise FAILURES[0]


def when_shown(qtbot, kind: type, interact: Callable[[Any], None]) -> Callable[[QWidget], None]:  # type: ignore[no-untyped-def]
    """An interaction with the dialog of ``kind``, once up: work read off the GUI thread first (a progress
    dialog's loop) lets the driver see the window under it. Never blocks (the work's loop must end to open the
    dialog): it looks again a moment later, and a failure closes the dialog and fails the test at its end."""

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind):
            QTimer.singleShot(20, look)
            return
        try:
            interact(widget)
        except BaseException as exc:  # re-raised by the test's fixture below, once the dialogs are closed
            FAILURES.append(exc)
            widget.close()

    return lambda _first: look()


def save(dialog: QWidget) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Save).click()


def decide(entry: ItemForm, choice: Choice, number: int = 0) -> DecisionForm:
    """Choose ``choice`` for the ``number``-th decision in an item's list of the minutes (its first by default)."""
    decision = entry.decisions[number]
    decision.decision_combo.setCurrentIndex(decision.decision_combo.findData(choice.value))
    assert decision.choice() is choice, f"{choice} is not offered"
    return decision


def tab_round(dialog: QWidget, start: QWidget) -> list[QWidget]:
    """Press Tab from ``start`` all round the dialog; return the fields reached, each once (a second visit, or
    never coming back to ``start``, fails)."""
    QApplication.processEvents()  # widgets just added are shown by the event loop
    start.setFocus()
    reached = [start]
    for _ in range(200):
        dialog.focusNextChild()
        widget = dialog.focusWidget()
        if widget is start:
            return reached
        assert widget not in reached, "Tab reaches a field twice"
        reached.append(widget)
    raise AssertionError("Tab never comes back")


def deps_of(services: Services) -> MeetingsDeps:
    return meetings_deps(services, session(services))


def minutes_on(qtbot, services: Services, item: ItemInput) -> tuple[MinutesDialog, MeetingView]:  # type: ignore[no-untyped-def]
    """A COSI planned today with ``item`` on its agenda, and its minutes open."""
    meeting = services.meetings.plan(MeetingInput("cosi", TODAY))
    meeting = services.meetings.add_items(meeting.id, [item], expected_version=meeting.row_version)
    dialog = MinutesDialog(deps_of(services), meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, meeting


def glissement_item(services: Services, household_id: int) -> ItemInput:
    """An item of the household's glissement review, opened today (rent paid regularly, insured)."""
    review = services.meetings.open_glissement_review(
        household_id, GlissementReviewInput(TODAY, regular_payment=True, insurance=True)
    )
    return ItemInput(AgendaItemKind.GLISSEMENT, "Glissement du bail", household_id, None, review.id)


def lead(services: Services) -> int:
    own = services.setup.own_organisation_id()
    assert own is not None
    return services.directory.create_staff(
        StaffInput(first_name="Nadia", last_name="Benali", role_code="chef_service", organisation_id=own)
    ).id


def colleague(services: Services) -> int:
    own = services.setup.own_organisation_id()
    assert own is not None
    return services.directory.create_staff(
        StaffInput(first_name="Paul", last_name="Roux", role_code="travailleur_social", organisation_id=own)
    ).id


def page_for(qtbot, services: Services) -> MeetingsPage:  # type: ignore[no-untyped-def]
    page = MeetingsPage(deps_of(services))
    qtbot.addWidget(page)
    page.show()
    page.reload()
    return page


def test_planning_proposes_the_next_date_then_filters_and_cancels(qtbot, services: Services, message_boxes) -> None:
    household_id, _ = active_episode(services, start=D(2026, 3, 1))  # a COSI every 3 months: due 01/06/2026
    page = page_for(qtbot, services)
    assert not page.open_button.isEnabled() and page.open_button.toolTip()  # greyed, and says why

    def plan(dialog: QWidget) -> None:
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("cosi"))  # type: ignore[attr-defined]
        # Overdue since 01/06: proposed today, and the hint says whose date it is and why.
        assert dialog.date_field.date_or_error() == (TODAY, None)  # type: ignore[attr-defined]
        hint = dialog.next_label.text()  # type: ignore[attr-defined]
        assert "01/06/2026" in hint and "Début de l'accompagnement le 01/03/2026" in hint
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("synthese"))  # type: ignore[attr-defined]
        assert not dialog.next_label.isVisibleTo(dialog)  # type: ignore[attr-defined]  # on demand: nothing due
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("cosi"))  # type: ignore[attr-defined]
        dialog.date_field.set_date(D(2026, 7, 2))  # type: ignore[attr-defined]
        dialog.place_edit.setText("Salle du conseil")  # type: ignore[attr-defined]
        dialog.urgent_check.setChecked(True)  # type: ignore[attr-defined]
        save(dialog)

    drive_modal(qtbot, page.plan_button.click, plan)
    assert [(m.type_code, m.held_on, m.place, m.urgent) for m in page.model.records()] == [
        ("cosi", D(2026, 7, 2), "Salle du conseil", True)
    ]
    assert page.selected_meeting() is not None  # the meeting planned is selected
    assert household_id  # the household the date was proposed for
    page.type_combo.setCurrentIndex(page.type_combo.findData("commission_admission"))
    assert page.model.rowCount() == 0
    page.type_combo.setCurrentIndex(page.type_combo.findData("cosi"))
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    page.cancel_button.click()  # confirmed (the message boxes answer Yes)
    assert page.model.rowCount() == 0
    page.past_check.setChecked(True)
    assert [m.status for m in page.model.records()] == [MeetingStatus.CANCELLED]
    page.table.selectRow(0)
    assert not page.cancel_button.isEnabled() and page.cancel_button.toolTip()


def test_a_referent_sees_only_their_households_items_and_orders_the_agenda(
    qtbot, services: Services, message_boxes
) -> None:
    claire = services.context.actor.staff_member_id
    mine, _ = active_episode(services)
    other = new_household(services, "Bruno", "Petit").id
    paul = colleague(services)
    services.team.add_member(  # Paul's household: Claire is not on its team
        other, TeamMemberInput(role_code="referent_social", start_date=D(2026, 1, 1), staff_member_id=paul)
    )
    services.context.actor.staff_member_id = lead(services)  # the team lead sees every household
    meeting = services.meetings.plan(MeetingInput("cosi", TODAY))
    meeting = services.meetings.add_items(
        meeting.id,
        [
            ItemInput(AgendaItemKind.SITUATION, "Point de situation", mine),
            ItemInput(AgendaItemKind.SITUATION, "Relogement", other),
            ItemInput(AgendaItemKind.SITUATION, "Organisation des astreintes"),
        ],
        expected_version=meeting.row_version,
    )
    services.context.actor.staff_member_id = claire
    dialog = MeetingDialog(deps_of(services), meeting.id)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [item.label for item in dialog.agenda_model.records()]
    assert labels == ["Point de situation", "Organisation des astreintes"]  # not the other team's household
    assert "PETIT" not in " ".join(item.household_name for item in dialog.agenda_model.records())
    dialog.agenda_table.selectRow(0)
    assert not dialog.up_button.isEnabled() and dialog.up_button.toolTip()
    dialog.down_button.click()
    assert [item.label for item in services.meetings.meeting(meeting.id).items] == [
        "Organisation des astreintes",
        "Point de situation",
    ]
    assert dialog.agenda_table.currentIndex().row() == 1  # the item moved stays selected

    # A colleague changes the meeting meanwhile: the removal is refused, said, and the meeting read again.
    current = services.meetings.meeting(meeting.id)
    services.meetings.set_attendees(
        meeting.id, [AttendeeInput("Mme Lucas", "CCAS")], expected_version=current.row_version
    )
    dialog.agenda_table.selectRow(1)
    dialog.remove_button.click()
    assert message_boxes.texts("warning") or message_boxes.texts("critical")
    assert [a.name for a in dialog.attendees_model.records()] == ["Mme Lucas"]  # read again
    dialog.agenda_table.selectRow(1)
    dialog.remove_button.click()
    assert [item.label for item in services.meetings.meeting(meeting.id).items] == ["Organisation des astreintes"]
    assert not dialog.internal_button.isEnabled() and dialog.internal_button.toolTip()


def test_an_attendee_is_a_staff_member_a_contact_or_a_name(qtbot, services: Services, landlord) -> None:
    contact = services.directory.create_partner_contact(
        PartnerContactInput(landlord.id, "Sophie", "Morel", role_code="gestion_locative")
    )
    meeting = services.meetings.plan(MeetingInput("cosi", TODAY))
    dialog = MeetingDialog(deps_of(services), meeting.id)
    qtbot.addWidget(dialog)
    dialog.show()
    before = len(dialog.meeting.attendees)

    def add(attendee: QWidget) -> None:
        staff = attendee.staff_combo  # type: ignore[attr-defined]
        staff.setCurrentIndex(1)
        attendee.name_edit.setText("Mme Lucas")  # type: ignore[attr-defined]
        save(attendee)  # both a colleague and a name: the name would be dropped, so it is refused
        assert attendee.errors.message_for("name")  # type: ignore[attr-defined]
        attendee.name_edit.clear()  # type: ignore[attr-defined]
        partner = attendee.organisation_combo  # type: ignore[attr-defined]
        partner.setCurrentIndex(partner.findData(landlord.id))
        assert attendee.contact_combo.currentData() == contact.id  # type: ignore[attr-defined]
        save(attendee)  # a colleague and a partner's contact: the service refuses, under the first field
        assert attendee.errors.message_for(f"attendees.{before}").startswith("Un membre est soit")  # type: ignore[attr-defined]
        staff.setCurrentIndex(0)
        partner.setCurrentIndex(0)
        attendee.name_edit.setText("Mme Lucas")  # type: ignore[attr-defined]
        attendee.capacity_edit.setText("CCAS")  # type: ignore[attr-defined]
        save(attendee)

    drive_modal(qtbot, dialog.add_attendee_button.click, add)
    assert [(a.name, a.capacity) for a in dialog.meeting.attendees][before:] == [("Mme Lucas", "CCAS")]
    dialog.attendees_table.selectRow(before)
    dialog.remove_attendee_button.click()
    assert len(services.meetings.meeting(meeting.id).attendees) == before


def test_a_postponed_glissement_needs_its_new_date_under_its_field(
    qtbot, services: Services, landlord: OrganisationView, message_boxes
) -> None:
    supported = supported_household(services, landlord)  # a sub-lease in bail glissant
    dialog, _meeting = minutes_on(qtbot, services, glissement_item(services, supported.household_id))
    entry = dialog.item_forms[0]
    combo = entry.decisions[0].decision_combo
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert Choice.GLISSEMENT_POSTPONED.value in offered and Choice.EXTENSION.value not in offered  # no episode
    postponed = decide(entry, Choice.GLISSEMENT_POSTPONED)
    entry.view_edit.setPlainText("Nous attendons la fin de l'échéancier")
    save(dialog)
    assert dialog.errors.message_for("items.0.decisions.0.postponed_to")  # the service's message, in its place
    assert dialog.isVisible() and entry.view_edit.toPlainText() == "Nous attendons la fin de l'échéancier"
    assert postponed.postponed_field is not None
    postponed.postponed_field.set_date(D(2026, 12, 1))
    save(dialog)
    assert dialog.result_ is not None
    decision = dialog.result_.meeting.items[0].decisions[0]
    assert decision.kind is DecisionKind.GLISSEMENT_POSTPONED
    reviews = services.meetings.glissement_reviews_for(supported.household_id)
    assert (reviews[0].outcome, reviews[0].postponed_to) == (GlissementOutcome.POSTPONED, D(2026, 12, 1))


def test_the_partner_copy_says_which_households_it_does_not_name(
    qtbot, services: Services, landlord: OrganisationView, message_boxes
) -> None:
    supported = supported_household(services, landlord)  # nobody agreed to share anything with the landlord
    meeting = services.meetings.plan(MeetingInput("cosi", TODAY))
    meeting = services.meetings.add_items(
        meeting.id,
        [ItemInput(AgendaItemKind.SITUATION, "Point de situation", supported.household_id)],
        expected_version=meeting.row_version,
    )
    services.meetings.record_minutes(meeting.id, MinutesInput(), expected_version=meeting.row_version)
    dialog = PartnerCopyDialog(deps_of(services), services.meetings.meeting(meeting.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.organisation_combo.setCurrentIndex(dialog.organisation_combo.findData(landlord.id))
    contacts = [dialog.contact_combo.itemData(i) for i in range(dialog.contact_combo.count())]
    assert contacts == [None, supported.contact_id]

    def preview(shown: QWidget) -> None:
        assert "ÇELIK Hélène" in shown.notice_label.text()  # type: ignore[attr-defined]
        shown.reject()  # type: ignore[attr-defined]

    drive_modal(qtbot, dialog.preview_button.click, when_shown(qtbot, PdfPreviewDialog, preview))
    assert dialog.not_named_label.isVisible() and "ÇELIK Hélène" in dialog.not_named_label.text()
    assert dialog.recorded == 0  # previewing records nothing


def test_an_item_takes_one_glissement_decision_and_never_an_exit_with_an_extension(
    qtbot, services: Services, landlord: OrganisationView, message_boxes
) -> None:
    supported = supported_household(services, landlord)  # a sub-lease in bail glissant, support running
    dialog, meeting = minutes_on(qtbot, services, glissement_item(services, supported.household_id))
    entry = dialog.item_forms[0]
    decide(entry, Choice.GLISSEMENT_ACCEPTED)
    entry.add_decision_button.click()
    decide(entry, Choice.GLISSEMENT_REFUSED, 1)
    save(dialog)
    # Said under the second decision, before anything is sent: not "changed by someone else".
    assert dialog.errors.message_for("items.0.decisions.1.decision") == ("Ce point porte déjà une décision de ce type.")
    assert not changed_meanwhile(dialog) and not message_boxes.texts()
    assert services.meetings.meeting(meeting.id).status is MeetingStatus.PLANNED
    decide(entry, Choice.NONE, 1)
    save(dialog)
    assert dialog.result_ is not None
    assert [d.kind for d in dialog.result_.meeting.items[0].decisions] == [DecisionKind.GLISSEMENT_ACCEPTED]


def test_the_exit_decided_in_the_minutes_reads_in_french(qtbot, services: Services, message_boxes) -> None:
    household_id, episode_id = active_episode(services)
    dialog, _meeting = minutes_on(
        qtbot, services, ItemInput(AgendaItemKind.SITUATION, "Point de situation", household_id, episode_id)
    )
    (entry,) = dialog.item_forms
    leaving = decide(entry, Choice.EXIT)
    texts = {label.text() for label in leaving.box.findChildren(QLabel)}
    assert {"Date de fin :", "Motif de sortie :", "Destination :", "<b>Passage de relais</b>", "Pourquoi :"} <= texts, (
        texts
    )
    assert not {"End date:", "Exit reason:", "<b>Handover plan</b>"} & texts


def test_an_exit_and_an_extension_are_not_decided_together(qtbot, services: Services, message_boxes) -> None:
    household_id, episode_id = active_episode(services)
    dialog, meeting = minutes_on(
        qtbot, services, ItemInput(AgendaItemKind.SITUATION, "Point de situation", household_id, episode_id)
    )
    (entry,) = dialog.item_forms
    decide(entry, Choice.EXTENSION)
    entry.add_decision_button.click()
    decide(entry, Choice.EXIT, 1)
    save(dialog)
    assert dialog.errors.message_for("items.0.decisions.1.decision") == (
        "Une sortie et une prolongation ne peuvent pas être décidées sur le même point."
    )
    assert services.meetings.meeting(meeting.id).status is MeetingStatus.PLANNED


def test_a_glissement_review_from_the_housing_tab_reaches_the_cosi_agenda(
    qtbot, services: Services, landlord: OrganisationView, message_boxes
) -> None:
    supported = supported_household(services, landlord)  # a current sub-lease in bail glissant
    other = new_household(services, "Bruno", "Petit").id  # no sub-lease
    panel = HouseholdFilePanel(household_file_deps(services))
    qtbot.addWidget(panel)
    panel.show()
    panel.open_household(other)
    panel.show_tab(panel.housing_tab)
    assert not panel.glissement_button.isEnabled() and panel.glissement_button.toolTip()
    panel.open_household(supported.household_id)
    panel.show_tab(panel.housing_tab)
    assert panel.glissement_button.isEnabled()

    def open_review(dialog: QWidget) -> None:
        dialog.payment_check.setChecked(True)  # type: ignore[attr-defined]
        dialog.insurance_check.setChecked(True)  # type: ignore[attr-defined]
        dialog.date_field.set_date(D(2026, 9, 1))  # type: ignore[attr-defined]
        save(dialog)

    drive_modal(qtbot, panel.glissement_button.click, open_review)
    (review,) = services.meetings.glissement_reviews_for(supported.household_id)
    assert (review.planned_on, review.regular_payment, review.debt_settled, review.insurance) == (
        D(2026, 9, 1),
        True,
        False,
        True,
    )

    def tick_again(dialog: QWidget) -> None:
        assert dialog.payment_check.isChecked() and not dialog.debt_check.isChecked()  # type: ignore[attr-defined]
        dialog.debt_check.setChecked(True)  # type: ignore[attr-defined]
        save(dialog)

    drive_modal(qtbot, panel.glissement_button.click, tick_again)  # the pending review, not a second one
    (review,) = services.meetings.glissement_reviews_for(supported.household_id)
    assert review.debt_settled and review.outcome is None
    meeting = services.meetings.plan(MeetingInput("cosi", TODAY))
    assert review.id in {p.glissement_review_id for p in services.meetings.propose_agenda(meeting.id)}


def test_a_step_validated_and_an_exit_with_its_handover_in_the_minutes(
    qtbot, services: Services, message_boxes
) -> None:
    reviewed, reviewed_episode = active_episode(services, start=D(2026, 1, 5))
    leaving, leaving_episode = active_episode(services, start=D(2025, 6, 2))
    meeting = services.meetings.plan(MeetingInput("cosi", TODAY))
    review = next(
        p
        for p in services.meetings.propose_agenda(meeting.id)
        if p.household_id == reviewed and p.kind is AgendaItemKind.REVIEW
    )
    meeting = services.meetings.add_items(
        meeting.id,
        [
            ItemInput(review.kind, review.label, reviewed, review.episode_id, None, review.due_on),
            ItemInput(AgendaItemKind.SITUATION, "Sortie", leaving, leaving_episode),
        ],
        expected_version=meeting.row_version,
    )
    dialog = MinutesDialog(deps_of(services), meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    step, exit_ = dialog.item_forms
    validated = decide(step, Choice.STEP)
    assert validated.step_note_edit is not None
    validated.step_note_edit.setPlainText("Bilan partagé avec le ménage")
    fields = decide(exit_, Choice.EXIT).exit_fields
    reached = tab_round(dialog, exit_.class_combo)  # the exit's fields, dates included, before the Add button
    assert fields is not None
    dates = [fields.end_field.line_edit, fields.handover_field.line_edit]
    assert reached.index(dates[0]) < reached.index(dates[1]) < reached.index(exit_.add_decision_button)
    assert fields is not None and fields.end_field.date_or_error() == (TODAY, None)  # the meeting's day
    fields.waiver_check.setChecked(True)  # no handover, and no reason given: refused, said where the plan is
    save(dialog)
    assert dialog.errors.message_for("items.1.decisions.0.handover").startswith("Passage de relais")
    assert validated.step_note_edit.toPlainText() == "Bilan partagé avec le ménage"  # nothing typed is lost
    assert services.meetings.meeting(meeting.id).status is MeetingStatus.PLANNED  # nothing saved
    fields.waiver_edit.setPlainText("Le ménage déménage hors du département")
    save(dialog)
    assert dialog.result_ is not None
    kinds = [[d.kind for d in item.decisions] for item in dialog.result_.meeting.items]
    assert kinds == [[DecisionKind.STEP_VALIDATED], [DecisionKind.EXIT]]
    assert services.episodes.episode(leaving_episode).status.value == "cloture"
    held = [m for m in services.episodes.episode(reviewed_episode).milestones if m.held_on is not None]
    assert [m.due_on for m in held] == [review.due_on]


def test_the_admission_commission_agrees_or_declines_and_a_cosi_changes_the_level(
    qtbot, services: Services, message_boxes
) -> None:
    agreed = new_household(services, "Anne", "Durand").id
    declined = new_household(services, "Marc", "Dupont").id
    for household_id in (agreed, declined):
        services.episodes.open_episode(
            household_id, OrientationInput(measure_code="avdl", orientation_date=D(2026, 5, 2))
        )
    meeting = services.meetings.plan(MeetingInput("commission_admission", TODAY))
    proposals = services.meetings.propose_agenda(meeting.id)
    assert {p.household_id for p in proposals} == {agreed, declined}
    meeting = services.meetings.add_items(
        meeting.id,
        [ItemInput(p.kind, p.label, p.household_id, p.episode_id, None, p.due_on) for p in proposals],
        expected_version=meeting.row_version,
    )
    dialog = MinutesDialog(deps_of(services), meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    forms = {entry.item.household_id: entry for entry in dialog.item_forms}
    yes, no = forms[agreed], forms[declined]
    decide(yes, Choice.ORIENTATION_ACCEPTED)
    refused = decide(no, Choice.ORIENTATION_REFUSED)
    save(dialog)  # declined without its reason: refused under the reason
    index = dialog.item_forms.index(no)
    assert dialog.errors.message_for(f"items.{index}.decisions.0.reason_code")
    assert refused.refusal_combo is not None
    refused.refusal_combo.setCurrentIndex(1)
    save(dialog)
    assert dialog.result_ is not None
    statuses = {h: services.episodes.episodes_for(h)[0].status.value for h in (agreed, declined)}
    assert statuses == {agreed: "accord_de_principe", declined: "sans_suite"}

    household_id, episode_id = active_episode(services, start=D(2026, 1, 5))
    cosi = services.meetings.plan(MeetingInput("cosi", TODAY))
    cosi = services.meetings.add_items(
        cosi.id,
        [ItemInput(AgendaItemKind.SITUATION, "Point de situation", household_id, episode_id)],
        expected_version=cosi.row_version,
    )
    minutes = MinutesDialog(deps_of(services), cosi)
    qtbot.addWidget(minutes)
    minutes.show()
    (entry,) = minutes.item_forms
    intensity = decide(entry, Choice.INTENSITY)
    assert intensity.level_combo is not None and intensity.reason_edit is not None
    intensity.level_combo.set_code("standard")
    intensity.reason_edit.setPlainText("Objectifs atteints pour l'essentiel")
    save(minutes)
    assert minutes.result_ is not None
    current = services.episodes.episode(episode_id).current_intensity
    assert current is not None and (current.level_code, current.start_date) == ("standard", TODAY)


def test_a_note_this_reader_may_not_read_is_shown_masked_and_kept(qtbot, services: Services, message_boxes) -> None:
    claire = services.context.actor.staff_member_id
    household_id, episode_id = active_episode(services)
    own = services.setup.own_organisation_id()
    assert own is not None
    nurse = services.directory.create_staff(
        StaffInput(first_name="Inès", last_name="Roux", role_code="infirmier", organisation_id=own)
    ).id
    services.team.add_member(
        household_id, TeamMemberInput(role_code="referent_sante", start_date=D(2026, 1, 1), staff_member_id=nurse)
    )
    meeting = services.meetings.plan(MeetingInput("cosi", TODAY))
    meeting = services.meetings.add_items(
        meeting.id,
        [ItemInput(AgendaItemKind.SITUATION, "Point de situation", household_id, episode_id)],
        expected_version=meeting.row_version,
    )
    services.context.actor.staff_member_id = nurse
    services.meetings.record_minutes(
        meeting.id,
        MinutesInput(items=(ItemMinutes(meeting.items[0].id, note="Traitement au CMP", note_class=NoteClass.SANTE),)),
        expected_version=meeting.row_version,
    )
    services.context.actor.staff_member_id = claire
    dialog = MinutesDialog(deps_of(services), services.meetings.meeting(meeting.id))
    qtbot.addWidget(dialog)
    dialog.show()
    (entry,) = dialog.item_forms
    assert entry.note_edit.toPlainText() == "" and not entry.note_edit.isEnabled()  # masked, not editable
    assert not entry.class_combo.isEnabled()
    entry.view_edit.setPlainText("Le ménage va mieux")
    save(dialog)
    assert dialog.result_ is not None
    services.context.actor.staff_member_id = nurse
    (item,) = services.meetings.meeting(meeting.id).items
    assert (item.note, item.note_class, item.household_view) == (
        "Traitement au CMP",
        NoteClass.SANTE,
        "Le ménage va mieux",
    )


def test_an_alert_escalated_by_the_cosi(qtbot, services: Services, landlord: OrganisationView, message_boxes) -> None:
    household_id, episode_id = active_episode(services, start=D(2026, 1, 5))
    quiet, quiet_episode = active_episode(services, start=D(2026, 1, 5))  # no alert
    alert = services.alerts.create(
        AlertInput(
            "impaye", household_id, landlord.id, datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc), AlertChannel.COURRIER
        )
    )
    services.alerts.acknowledge(alert.id, expected_version=services.alerts.alert(alert.id).row_version)
    services.alerts.add_action(  # the team is on it: the alert is « en traitement », which may be escalated
        alert.id,
        ActionInput(AlertActionKind.APPEL, datetime(2026, 6, 2, 9, 0, tzinfo=timezone.utc)),
        expected_version=services.alerts.alert(alert.id).row_version,
    )
    meeting = services.meetings.plan(MeetingInput("cosi", TODAY))
    meeting = services.meetings.add_items(
        meeting.id,
        [
            ItemInput(AgendaItemKind.SITUATION, "Impayé", household_id, episode_id),
            ItemInput(AgendaItemKind.SITUATION, "Point", quiet, quiet_episode),
        ],
        expected_version=meeting.row_version,
    )
    dialog = MinutesDialog(deps_of(services), meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    first, second = dialog.item_forms
    for entry in (first, second):
        decide(entry, Choice.ESCALATION)
    save(dialog)  # the second household has no open alert: said before anything is asked of the service
    assert dialog.errors.message_for("items.1.decisions.0.alert_id")
    assert dialog.errors.message_for("items.0.decisions.0.target") == ""
    decide(second, Choice.NONE)
    save(dialog)  # no target: the service's message under the field
    assert dialog.errors.message_for("items.0.decisions.0.target")
    escalation = first.decisions[0]
    assert escalation.alert_combo is not None and escalation.alert_combo.currentData()[0] == alert.id
    assert escalation.escalation_level_combo is not None and escalation.target_edit is not None
    escalation.escalation_level_combo.set_code("N2")
    escalation.target_edit.setText("Commission de prévention des expulsions")
    save(dialog)
    assert dialog.result_ is not None
    assert services.alerts.alert(alert.id).status is AlertStatus.ESCALADE


def test_minutes_typed_against_an_older_meeting_are_kept_and_the_meeting_read_again(
    qtbot, services: Services, message_boxes
) -> None:
    household_id, episode_id = active_episode(services)
    meeting = services.meetings.plan(MeetingInput("cosi", TODAY))
    meeting = services.meetings.add_items(
        meeting.id,
        [ItemInput(AgendaItemKind.SITUATION, "Point de situation", household_id, episode_id)],
        expected_version=meeting.row_version,
    )
    page = MeetingDialog(deps_of(services), meeting.id)
    qtbot.addWidget(page)
    page.show()

    def minutes(dialog: QWidget) -> None:
        (entry,) = dialog.item_forms  # type: ignore[attr-defined]
        entry.view_edit.setPlainText("Tout va bien")
        services.meetings.set_attendees(  # a colleague changes the attendance list meanwhile
            meeting.id, [AttendeeInput("Mme Lucas", "CCAS")], expected_version=meeting.row_version
        )
        save(dialog)
        assert message_boxes.texts()  # said why
        assert changed_meanwhile(dialog) and dialog.isVisible()
        assert entry.view_edit.toPlainText() == "Tout va bien"  # kept as typed
        dialog.reject()  # type: ignore[attr-defined]

    drive_modal(qtbot, page.minutes_button.click, minutes)
    assert [a.name for a in page.attendees_model.records()] == ["Mme Lucas"]  # the meeting read again
    assert services.meetings.meeting(meeting.id).status is MeetingStatus.PLANNED


def test_one_item_takes_two_decisions_and_a_decision_removed_is_not_sent(
    qtbot, services: Services, message_boxes
) -> None:
    """At the COSI, for one household: an extension of six months AND a change of intensity, both recorded in the
    minutes' one transaction, each linked to the minutes; a third decision added then removed (by the keyboard)
    is not sent, and a refusal of the last decision sent lands under that decision's own field."""
    household_id, episode_id = active_episode(services, start=D(2026, 1, 5))
    services.context.actor.staff_member_id = lead(services)  # the team lead, logged in, approves the extension
    before = services.episodes.episode(episode_id)
    assert before.current_intensity is not None and before.current_intensity.level_code == "renforce"
    meeting = services.meetings.plan(MeetingInput("cosi", TODAY))
    meeting = services.meetings.add_items(
        meeting.id,
        [ItemInput(AgendaItemKind.SITUATION, "Point de situation", household_id, episode_id)],
        expected_version=meeting.row_version,
    )
    dialog = MinutesDialog(deps_of(services), meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    (entry,) = dialog.item_forms
    assert len(entry.decisions) == 1  # one decision offered to begin with, at "no decision"
    intensity = decide(entry, Choice.INTENSITY)
    assert intensity.level_combo is not None and intensity.reason_edit is not None
    intensity.level_combo.set_code("standard")
    intensity.reason_edit.setPlainText("Le ménage est installé")
    entry.add_decision_button.click()
    escalation = decide(entry, Choice.ESCALATION, 1)  # chosen by mistake: taken off again, by the keyboard
    entry.add_decision_button.click()
    assert dialog.focusWidget() is entry.decisions[2].decision_combo  # the keyboard goes to the decision added
    extension = decide(entry, Choice.EXTENSION, 2)
    assert extension.months_spin is not None and extension.justification_edit is not None
    assert not extension.months_spin.isEnabled()  # a renewal: the measure's own six months, shown, not chosen
    escalation.remove_button.setFocus()
    with qtbot.waitSignal(escalation.box.destroyed, timeout=2000):  # gone for good, its messages' lines with it
        qtbot.keyClick(escalation.remove_button, Qt.Key.Key_Space)
    assert [d.choice() for d in entry.decisions] == [Choice.INTENSITY, Choice.EXTENSION]
    assert dialog.focusWidget() is entry.add_decision_button  # never left on the decision gone
    entry.class_combo.setFocus()
    assert tab_round(dialog, entry.class_combo)[
        :10
    ] == [  # the keyboard reads the item as the eye does, decisions added or not
        entry.class_combo,
        intensity.decision_combo,
        intensity.remove_button,
        intensity.level_combo,
        intensity.reason_edit,
        extension.decision_combo,
        extension.remove_button,
        extension.justification_edit,
        entry.add_decision_button,
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
    ]
    save(dialog)  # the extension, sent second, has no justification: said under its own field (key 2)
    shown = {name for name in dialog.errors.widgets() if dialog.errors.message_for(name)}
    assert shown == {"items.0.decisions.2.justification"}, shown  # under its own field, and nowhere else
    assert services.meetings.meeting(meeting.id).status is MeetingStatus.PLANNED  # nothing saved, nothing lost
    assert intensity.reason_edit.toPlainText() == "Le ménage est installé"
    extension.justification_edit.setPlainText("Relogement en cours, bail signé en septembre")
    save(dialog)
    assert dialog.result_ is not None
    (item,) = dialog.result_.meeting.items
    assert [d.kind for d in item.decisions] == [DecisionKind.INTENSITY_CHANGE, DecisionKind.EXTENSION]
    after = services.episodes.episode(episode_id)
    assert after.current_intensity is not None  # the intensity changed…
    assert (after.current_intensity.level_code, after.current_intensity.start_date) == ("standard", TODAY)
    assert before.durations.planned_end is not None and after.durations.planned_end is not None
    assert after.durations.planned_end > before.durations.planned_end  # …and the planned end moved
    (added,) = [x for x in after.extensions if x.id not in {y.id for y in before.extensions}]
    assert added.months == 6
    linked = [
        services.meetings.decision_for(intensity_period_id=after.current_intensity.id),
        services.meetings.decision_for(extension_id=added.id),
    ]
    assert [(d.meeting_id, d.kind) for d in linked if d is not None] == [
        (meeting.id, DecisionKind.INTENSITY_CHANGE),
        (meeting.id, DecisionKind.EXTENSION),
    ]


def test_an_item_typed_by_hand_about_a_household_or_the_whole_team(qtbot, services: Services, message_boxes) -> None:
    household_id, episode_id = active_episode(services)
    reference = services.households.open_file(household_id, record_view=False).reference
    meeting = services.meetings.plan(MeetingInput("cosi", TODAY))
    page = MeetingDialog(deps_of(services), meeting.id)
    qtbot.addWidget(page)
    page.show()
    assert page.add_item_button.isEnabled()

    def about_the_household(dialog: QWidget) -> None:
        assert isinstance(dialog, ItemDialog)
        picker = dialog.household_picker
        picker.setFocus()
        qtbot.keyClicks(picker.lineEdit(), "CELIK")  # accents folded by the search
        picker.look_up()  # the pause in the typing
        assert [picker.matches.item(row).text() for row in range(picker.matches.rowCount())] == [
            f"ÇELIK Hélène · {reference}"
        ]
        save(dialog)  # typed, not picked: said under the field
        assert dialog.errors.message_for("items.0.household_id") == (
            "Choisissez le ménage parmi les propositions, ou laissez le champ vide."
        )
        completer = picker.completer()
        assert completer is not None
        completer.activated[QModelIndex].emit(picker.matches.index(0, 0))  # chosen from the matches
        assert picker.household_id() == household_id
        save(dialog)  # no title: said under the field, in French, and the dialog stays
        assert dialog.isVisible()
        assert dialog.errors.message_for("items.0.label") == "Intitulé : ce champ est obligatoire."
        dialog.title_edit.setText("é" * 400)  # a huge paste is cut where the service's limit is
        assert len(dialog.title_edit.text()) == ITEM_LABEL_MAX
        dialog.title_edit.setText("Plainte\x07 d'un voisin")  # a control character pasted: refused where typed
        save(dialog)
        assert "caractères" in dialog.errors.message_for("items.0.label") and dialog.isVisible()
        dialog.title_edit.setText("Plainte d'un voisin")
        save(dialog)

    drive_modal(qtbot, page.add_item_button.click, about_the_household)

    def for_the_team(dialog: QWidget) -> None:
        assert isinstance(dialog, ItemDialog)
        qtbot.keyClicks(dialog.title_edit, "Astreintes d'ete")  # the keyboard only (QTest types ASCII)
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)  # Enter saves

    drive_modal(qtbot, page.add_item_button.click, for_the_team)
    items = services.meetings.meeting(meeting.id).items
    assert [(i.label, i.household_id, i.episode_id, i.kind) for i in items] == [
        ("Plainte d'un voisin", household_id, episode_id, AgendaItemKind.SITUATION),
        ("Astreintes d'ete", None, None, AgendaItemKind.SITUATION),
    ]
    assert [page.agenda_model.data(page.agenda_model.index(row, 2)) for row in range(2)] == [
        "Plainte d'un voisin",
        "Astreintes d'ete",
    ]
    assert page.agenda_table.currentIndex().row() == 1  # the item just added is selected

    minutes = MinutesDialog(deps_of(services), page.meeting)
    qtbot.addWidget(minutes)
    minutes.show()
    about, general = minutes.item_forms
    assert Choice.EXTENSION in [choice for choice, _label in about.offered]  # its support named: decided on
    assert general.decisions == [] and not general.add_decision_button.isEnabled()  # nothing to decide
    assert general.add_decision_button.toolTip()
