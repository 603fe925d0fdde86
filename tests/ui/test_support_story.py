"""The support-episode story of the issue, in the real window, in French.

A caseworker takes a household through: orientation → actif (Renforcé) → five "porte close" visits → first
contact → step-down to Standard → suspension for hospitalisation → resumption → extension approved by the team
lead → exit with a handover plan. The timeline shows it, the derived durations are right, every step is in the
audit log, and a second renewal beyond the policy is refused with a clear message.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from caseworker.app import Application
from caseworker.domain import EpisodeStatus
from caseworker.services.directory import StaffInput
from caseworker.services.households import HouseholdInput, PersonInput
from caseworker.storage.secret_store import KeyringSecretStore
from tests.ui.conftest import drive_modal

START = date(2025, 11, 10)
ATTEMPTS = [date(2025, 11, 12), date(2025, 11, 15), date(2025, 11, 18), date(2025, 11, 21), date(2025, 11, 24)]
FIRST_CONTACT = date(2025, 11, 26)


def _save(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def _message(dialog: QDialog, field: str) -> str:
    return dialog.errors.message_for(field)  # type: ignore[attr-defined]


def _ctrl_k(qtbot, window, widget) -> None:
    """Press Ctrl+K as a person would: shortcuts reach the active window only (offscreen, a closed dialog keeps
    the activation until the main window takes it back)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(widget, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)


def _seed(services) -> int:
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    services.directory.create_staff(
        StaffInput(first_name="Nadia", last_name="Benali", role_code="chef_service", organisation_id=own.id)
    )
    services.households.create_household(HouseholdInput(), PersonInput(first_name="Marc", last_name="Dupont"))
    household = services.households.create_household(
        HouseholdInput(composition_code="personne_seule"),
        PersonInput(first_name="Yanis", last_name="Ferhatqz", birth_year=1979),
        start_date=date(2025, 10, 1),
    )
    return household.id


def test_support_story_in_the_real_window(qtbot, services, data_paths, database, clock, message_boxes) -> None:
    household_id = _seed(services)
    database.dispose()
    application = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert application.start(), message_boxes.shown
    window = application.window
    qtbot.addWidget(window)
    window.show()
    section = window.households
    list_panel = section.list_panel

    # Find the household and open its file.
    qtbot.keyClicks(list_panel.search_edit, "ferhat")
    qtbot.keyClick(list_panel.search_edit, Qt.Key.Key_Return)
    panel = section.file_panel
    assert panel.household is not None and panel.household.id == household_id

    # The team: the caseworker becomes the coordinating referent.
    panel.show_tab(panel.team_panel)

    def join(dialog: QDialog) -> None:
        combo = dialog.person_combo  # type: ignore[attr-defined]
        index = next(i for i in range(combo.count()) if combo.itemText(i).startswith("Claire MARTIN"))
        combo.setCurrentIndex(index)
        dialog.start_field.set_date(date(2025, 10, 20))  # type: ignore[attr-defined]
        assert dialog.coordinator_check.isChecked()  # type: ignore[attr-defined]  # the first TS coordinates
        _save(dialog)

    drive_modal(qtbot, panel.team_panel.add_button.click, join)
    coordinator = services.team.current_coordinator(household_id)
    assert coordinator is not None and coordinator.name == "Claire MARTIN"

    # Orientation, then support starts at the "Renforcé" level.
    panel.show_tab(panel.support_tab)
    episodes = panel.episodes_panel

    def referral(dialog: QDialog) -> None:
        dialog.measure_combo.set_code("avdl")  # type: ignore[attr-defined]
        dialog.date_field.set_date(date(2025, 11, 3))  # type: ignore[attr-defined]
        dialog.source_combo.set_code("siao")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, episodes.new_button.click, referral)

    def activate(dialog: QDialog) -> None:
        dialog.date_field.set_date(START)  # type: ignore[attr-defined]
        dialog.level_combo.set_code("renforce")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, episodes._step_buttons["activate"].click, activate)
    assert episodes.current().status is EpisodeStatus.ACTIF

    # Five "porte close" visits, the first one from the household list in three interactions
    # (select the row, Ctrl+K, Enter), then the first contact.
    qtbot.keyClick(panel, Qt.Key.Key_Escape)
    assert section.currentWidget() is list_panel

    def first_attempt(dialog: QDialog) -> None:
        dialog.outcome_combo.set_code("porte_close")  # type: ignore[attr-defined]  # the day's outcome
        dialog.date_field.set_date(ATTEMPTS[0])  # type: ignore[attr-defined]
        dialog.time_edit.setTime(QTime(19, 15))  # type: ignore[attr-defined]  # an evening attempt
        # A window manager activates a new dialog; offscreen, the test does it.
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        assert dialog.focusWidget() is dialog.outcome_combo  # type: ignore[attr-defined]
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    drive_modal(qtbot, lambda: _ctrl_k(qtbot, window, list_panel.table), first_attempt)
    logged = services.contacts.contacts_for(household_id)
    assert [(c.outcome_code, c.off_hours) for c in logged] == [("porte_close", True)]
    qtbot.keyClick(list_panel.search_edit, Qt.Key.Key_Return)

    def visit(day: date, outcome: str) -> None:
        def fill(dialog: QDialog) -> None:
            dialog.outcome_combo.set_code(outcome)  # type: ignore[attr-defined]
            dialog.date_field.set_date(day)  # type: ignore[attr-defined]
            dialog.time_edit.setTime(QTime(10, 30))  # type: ignore[attr-defined]
            _save(dialog)

        drive_modal(qtbot, lambda: _ctrl_k(qtbot, window, panel), fill)

    for day in ATTEMPTS[1:]:
        visit(day, "porte_close")
    visit(FIRST_CONTACT, "rencontre")
    assert panel.tabs.currentWidget() is panel.contacts_panel
    assert panel.contacts_panel.model.rowCount() == 6
    assert panel.contacts_panel.stats_label.text().startswith("6 tentatives avant premier contact, 14 jours")

    # Step down to Standard, suspension for hospitalisation, resumption.
    panel.show_tab(panel.support_tab)

    def step_down(dialog: QDialog) -> None:
        dialog.level_combo.set_code("standard")  # type: ignore[attr-defined]
        dialog.date_field.set_date(date(2026, 1, 5))  # type: ignore[attr-defined]
        dialog.where_edit.setText("COSI de janvier")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, episodes._step_buttons["intensity"].click, step_down)

    def suspend(dialog: QDialog) -> None:
        dialog.date_field.set_date(date(2026, 2, 2))  # type: ignore[attr-defined]
        dialog.reason_combo.set_code("hospitalisation")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, episodes._step_buttons["suspend"].click, suspend)
    assert episodes.current().status is EpisodeStatus.SUSPENDU
    assert episodes._step_buttons["resume"].isVisibleTo(episodes)

    def resume(dialog: QDialog) -> None:
        dialog.date_field.set_date(date(2026, 3, 2))  # type: ignore[attr-defined]
        assert dialog.level_combo.code() == "standard"  # type: ignore[attr-defined]  # confirm the intensity
        _save(dialog)

    drive_modal(qtbot, episodes._step_buttons["resume"].click, resume)

    # The renewal, recorded by the team lead who approves it, logged in; a second one is refused by the policy.
    working = application.services
    assert working is not None
    claire = working.context.actor.staff_member_id
    working.context.actor.staff_member_id = next(
        member.id for member in working.directory.list_staff() if member.role_code == "chef_service"
    )

    def extend(dialog: QDialog) -> None:
        dialog.date_field.set_date(date(2026, 5, 4))  # type: ignore[attr-defined]
        assert dialog.approver_combo.currentText() == "Nadia BENALI"  # type: ignore[attr-defined]
        dialog.justification_edit.setPlainText("Accès au logement en cours, dossier CAL déposé")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, episodes._step_buttons["extend"].click, extend)
    refused: list[str] = []

    def extend_again(dialog: QDialog) -> None:
        dialog.justification_edit.setPlainText("Encore six mois")  # type: ignore[attr-defined]
        _save(dialog)
        refused.append(_message(dialog, "months"))
        assert dialog.isVisible()
        dialog.reject()

    # The button is greyed out and says why (issue 11, item 21); the service refuses it anyway.
    extend_button = episodes._step_buttons["extend"]
    assert not extend_button.isEnabled() and "Plus de prolongation possible" in extend_button.toolTip()
    drive_modal(qtbot, episodes.extend, extend_again)
    assert refused[0].endswith("un renouvellement de plus est refusé.")
    working.context.actor.staff_member_id = claire  # Claire again

    # Exit with a handover plan.
    def close(dialog: QDialog) -> None:
        dialog.date_field.set_date(date(2026, 6, 12))  # type: ignore[attr-defined]
        dialog.reason_combo.set_code("passage_relais")  # type: ignore[attr-defined]
        dialog.destination_combo.set_code("locataire_titre")  # type: ignore[attr-defined]
        _save(dialog)
        assert "Passage de relais" in _message(dialog, "handover")  # nothing given yet: refused, kept open
        dialog.services_edit.setText("MDS Rennes Nord")  # type: ignore[attr-defined]
        dialog.contact_edit.setText("Mme Leroy, assistante sociale de secteur")  # type: ignore[attr-defined]
        dialog.handover_field.set_date(date(2026, 6, 10))  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, episodes._step_buttons["close"].click, close)
    closed = episodes.current()
    assert closed.status is EpisodeStatus.CLOTURE
    assert closed.exit is not None and closed.exit.handover_contact == "Mme Leroy, assistante sociale de secteur"

    # The derived durations.
    figures = closed.durations
    assert (figures.span_days, figures.days_active, figures.days_suspended) == (215, 187, 28)
    assert closed.days_by_level() == [("Renforcé", 56), ("Standard / droit commun", 131)]
    summary = episodes.summary_label.text()
    assert "187 jours actifs" in summary and "28 jours suspendu" in summary
    assert "Renforcé : 56 j" in summary

    # The timeline shows it all.
    timeline = panel.support_timeline.data
    assert timeline is not None
    (lane,) = timeline.episodes
    assert [band.label for band in lane.intensity] == ["Renforcé", "Standard / droit commun"]
    assert [(band.start, band.end) for band in lane.suspensions] == [(date(2026, 2, 2), date(2026, 3, 1))]
    assert [contact.kind for contact in timeline.contacts] == ["attempt"] * 5 + ["reached"]
    assert "AVDL" in panel.support_timeline.accessibleDescription()

    # Every step is in the audit log (History tab).
    panel.show_tab(panel.history_tab)
    model = panel.history_model
    changes = {model.data(model.index(row, 2)) for row in range(model.rowCount())}
    for expected in (
        "Création — équipe",
        "Création — accompagnement",
        "Création — étape de l'accompagnement",
        "Création — contact",
        "Création — intensité",
        "Création — suspension",
        "Modification — suspension",
        "Création — prolongation",
        "Création — sortie",
    ):
        assert expected in changes, (expected, sorted(changes))

    window.close()
    application.shutdown()
