"""The support tab: steps offered by status, dialogs that keep what was typed when the service refuses."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from caseworker.domain import EpisodeStatus, ObjectivesMet
from caseworker.services import Services
from caseworker.services.directory import StaffInput
from caseworker.services.support import ExitInput, ExtensionInput, OrientationInput
from caseworker.ui.common.form_errors import FormErrors
from caseworker.ui.households.episode_dialogs import CloseDialog
from caseworker.ui.households.episode_panel import EpisodesPanel
from caseworker.ui.households.household_file_panel import HouseholdFilePanel
from tests.services.builders import new_household
from tests.services.support.test_episodes import with_coordinator
from tests.support.row_versions import current_version
from tests.ui.conftest import drive_modal, unexplained_disabled_buttons
from tests.ui.deps import episode_deps, household_file_deps


def _save(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Save).click()


def _errors(dialog: QDialog) -> FormErrors:
    errors = dialog.errors  # type: ignore[attr-defined]
    assert isinstance(errors, FormErrors)
    return errors


def _visible_steps(panel: EpisodesPanel) -> set[str]:
    return {key for key, button in panel._step_buttons.items() if not button.isHidden()}


def test_referral_activation_and_steps_offered(qtbot, services: Services) -> None:
    household = new_household(services)
    panel = EpisodesPanel(episode_deps(services))
    qtbot.addWidget(panel)
    panel.set_household(household.id)
    assert panel.current() is None

    def referral(dialog: QDialog) -> None:
        dialog.measure_combo.set_code("avdl")  # type: ignore[attr-defined]
        dialog.date_field.set_date(date(2026, 1, 5))  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.new_episode, referral)
    episode = panel.current()
    assert episode is not None and episode.status is EpisodeStatus.ORIENTATION_RECUE
    assert _visible_steps(panel) == {"agree", "wait", "activate", "decline"}

    refused: list[str] = []

    def activate_without_coordinator(dialog: QDialog) -> None:
        dialog.date_field.set_date(date(2026, 1, 12))  # type: ignore[attr-defined]
        _save(dialog)
        refused.append(_errors(dialog).message_for("coordinator"))
        assert dialog.isVisible()
        dialog.reject()

    drive_modal(qtbot, panel.activate, activate_without_coordinator)
    assert "coordinateur" in refused[0]
    with_coordinator(services, household.id)

    def activate(dialog: QDialog) -> None:
        dialog.date_field.set_date(date(2026, 1, 12))  # type: ignore[attr-defined]
        dialog.level_combo.set_code("renforce")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.activate, activate)
    episode = panel.current()
    assert episode is not None and episode.status is EpisodeStatus.ACTIF
    assert _visible_steps(panel) == {"intensity", "suspend", "extend", "close"}
    assert "Renforcé" in panel.summary_label.text()
    assert panel.intensity_model.rowCount() == 1


def test_a_second_renewal_is_refused_in_the_dialog(qtbot, services: Services) -> None:
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    lead = services.directory.create_staff(
        StaffInput(first_name="Nadia", last_name="Benali", role_code="chef_service", organisation_id=own.id)
    )
    household = new_household(services)
    with_coordinator(services, household.id)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=date(2026, 1, 5))
    )
    services.episodes.activate(
        episode.id,
        on=date(2026, 1, 12),
        level_code="standard",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    services.context.actor.staff_member_id = lead.id  # the team lead approves, logged in
    services.episodes.extend(
        episode.id,
        ExtensionInput(date(2026, 6, 1), "Relogement en cours", lead.id),
        expected_version=current_version(services.episodes, "extend", episode.id),
    )
    panel = EpisodesPanel(episode_deps(services))
    qtbot.addWidget(panel)
    panel.set_household(household.id)
    messages: list[str] = []

    def extend(dialog: QDialog) -> None:
        assert dialog.approver_combo.code() == str(lead.id)  # type: ignore[attr-defined]  # the only team lead
        assert not dialog.months_spin.isEnabled()  # type: ignore[attr-defined]  # renewals last the measure's length
        dialog.justification_edit.setPlainText("Encore un peu de temps")  # type: ignore[attr-defined]
        _save(dialog)
        messages.append(_errors(dialog).message_for("months"))
        assert dialog.isVisible()
        assert dialog.justification_edit.toPlainText() == "Encore un peu de temps"  # type: ignore[attr-defined]
        dialog.reject()

    drive_modal(qtbot, panel.extend, extend)
    assert "un renouvellement de plus est refusé" in messages[0]
    assert len(services.episodes.episode(episode.id).extensions) == 1


def test_only_the_team_lead_logged_in_approves_an_extension(qtbot, services: Services) -> None:
    household = new_household(services)
    with_coordinator(services, household.id)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=date(2026, 1, 5))
    )
    services.episodes.activate(
        episode.id,
        on=date(2026, 1, 12),
        level_code="standard",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    panel = EpisodesPanel(episode_deps(services))
    qtbot.addWidget(panel)
    panel.set_household(household.id)
    said: list[str] = []

    def extend(dialog: QDialog) -> None:  # Claire, a social worker, opens it: she is told before typing
        assert dialog.approver_combo.count() == 1  # type: ignore[attr-defined]  # "(choose a team lead)" only
        said.append(_errors(dialog).message_for("approver_id"))
        dialog.reject()

    drive_modal(qtbot, panel.extend, extend)
    assert "chef de service qui l'approuve, connecté sous son propre nom" in said[0]


def test_closing_needs_a_handover_or_a_written_waiver(qtbot, services: Services) -> None:
    household = new_household(services)
    with_coordinator(services, household.id)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="asll", orientation_date=date(2026, 1, 5))
    )
    services.episodes.activate(
        episode.id,
        on=date(2026, 1, 12),
        level_code="standard",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    panel = EpisodesPanel(episode_deps(services))
    qtbot.addWidget(panel)
    panel.set_household(household.id)

    def close(dialog: QDialog) -> None:
        dialog.reason_combo.set_code("passage_relais")  # type: ignore[attr-defined]
        _save(dialog)
        assert "Passage de relais" in _errors(dialog).message_for("handover")
        dialog.waiver_check.setChecked(True)  # type: ignore[attr-defined]
        dialog.waiver_edit.setPlainText("Le ménage part dans une autre région")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.close_episode, close)
    closed = panel.current()
    assert closed is not None and closed.status is EpisodeStatus.CLOTURE
    assert closed.exit is not None and closed.exit.waiver_reason == "Le ménage part dans une autre région"
    assert _visible_steps(panel) == {"reactivate"}  # coming back is a new episode linked to this one
    assert "Le ménage part dans une autre région" in panel.exit_label.text()
    assert panel.exit_label.textFormat() is Qt.TextFormat.RichText


def test_a_closed_episode_says_when_it_closed_and_plans_no_end(qtbot, services: Services) -> None:
    household = new_household(services)
    with_coordinator(services, household.id)
    closed = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=date(2026, 1, 5))
    )
    services.episodes.activate(
        closed.id,
        on=date(2026, 1, 12),
        level_code="standard",
        expected_version=current_version(services.episodes, "activate", closed.id),
    )
    services.episodes.close(
        closed.id,
        ExitInput(
            end_date=date(2026, 5, 29),
            reason_code="passage_relais",
            objectives_met=ObjectivesMet.OUI,
            waiver_reason="Le ménage a déménagé dans une autre région",
        ),
        expected_version=current_version(services.episodes, "close", closed.id),
    )
    declined = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="asll", orientation_date=date(2026, 2, 2))
    )
    services.episodes.decline(
        declined.id,
        on=date(2026, 3, 3),
        reason_code="refus_menage",
        expected_version=current_version(services.episodes, "decline", declined.id),
    )
    panel = HouseholdFilePanel(household_file_deps(services))
    qtbot.addWidget(panel)
    panel.open_household(household.id)
    panel.show_tab(panel.support_tab)
    episodes = panel.episodes_panel
    labels = [episodes.episode_combo.itemText(index) for index in range(episodes.episode_combo.count())]
    assert any(label.endswith("Clôturé le 29/05/2026") for label in labels), labels
    assert any(label.endswith("Sans suite le 03/03/2026") for label in labels), labels
    assert not any("depuis" in label for label in labels), labels
    for index in range(episodes.episode_combo.count()):
        episodes.episode_combo.setCurrentIndex(index)
        summary = episodes.summary_label.text()
        assert "Fin prévue" not in summary and "jours restants" not in summary and "restant" not in summary
    assert services.episodes.episode(closed.id).durations.planned_end is not None  # the measure's term is known…
    # …but a closed episode plans no end: no flag on the timeline, none in its description or legend.
    timeline = panel.support_timeline
    assert all(episode.planned_end is None for episode in timeline.data.episodes)
    assert "fin prévue" not in timeline.describe().lower()


def test_extend_is_greyed_out_with_the_reason_when_no_extension_is_left(qtbot, services: Services) -> None:
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    lead = services.directory.create_staff(
        StaffInput(first_name="Nadia", last_name="Benali", role_code="chef_service", organisation_id=own.id)
    )
    household = new_household(services)
    with_coordinator(services, household.id)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=date(2026, 1, 5))
    )
    panel = EpisodesPanel(episode_deps(services))
    qtbot.addWidget(panel)
    panel.set_household(household.id)
    assert unexplained_disabled_buttons(panel) == []  # not started: no review to record, and it says so
    assert "commencé" in panel.review_button.toolTip()
    services.episodes.activate(
        episode.id,
        on=date(2026, 1, 12),
        level_code="standard",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    panel.refresh()
    extend = panel._step_buttons["extend"]
    assert extend.isEnabled() and not extend.isHidden()
    services.context.actor.staff_member_id = lead.id  # the team lead approves, logged in
    services.episodes.extend(
        episode.id,
        ExtensionInput(date(2026, 6, 1), "Relogement en cours", lead.id),
        expected_version=current_version(services.episodes, "extend", episode.id),
    )
    panel.refresh()
    assert not extend.isHidden() and not extend.isEnabled()
    assert "Plus de prolongation possible" in extend.toolTip()
    assert "renouvelable 1 fois" in extend.toolTip()
    assert unexplained_disabled_buttons(panel) == []


def test_the_missing_handover_message_sits_under_the_handover_fields(qtbot, services: Services) -> None:
    household = new_household(services)
    with_coordinator(services, household.id)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="asll", orientation_date=date(2026, 1, 5))
    )
    services.episodes.activate(
        episode.id,
        on=date(2026, 1, 12),
        level_code="standard",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    dialog = CloseDialog(episode_deps(services), services.episodes.episode(episode.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reason_combo.set_code("passage_relais")
    _save(dialog)
    message = next(
        label
        for label in dialog.findChildren(QLabel)
        if label.isVisible() and label.text().startswith("Passage de relais")
    )

    def top(widget: QWidget) -> int:
        return widget.mapTo(dialog, QPoint(0, 0)).y()

    assert top(dialog.services_edit) < top(message) < top(dialog.waiver_check)
    assert dialog.waiver_edit.isAncestorOf(message) is False and message.isEnabled()


def test_a_planned_end_already_passed_says_so_in_words(qtbot, services: Services, clock) -> None:
    household = new_household(services)
    with_coordinator(services, household.id)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=date(2025, 8, 4))
    )
    services.episodes.activate(
        episode.id,
        on=date(2025, 9, 1),
        level_code="standard",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    panel = EpisodesPanel(episode_deps(services))
    qtbot.addWidget(panel)
    panel.set_household(household.id)
    assert "Fin prévue : 28/02/2026 · dépassée depuis 107 jours" in panel.summary_label.text()
    assert "-107" not in panel.summary_label.text()
    clock.today_value = date(2026, 2, 20)
    panel.refresh()
    assert "Fin prévue : 28/02/2026 · 8 jours restants" in panel.summary_label.text()


def test_an_episode_co_funded_by_a_foundation_gets_its_own_funding_lines(qtbot, services: Services) -> None:
    """The support tab says whose funding applies (the measure's, proposed from the former text); the referent
    gives the episode its own lines, 60 % DDETS and 40 % a foundation, then goes back to the measure's."""
    from PySide6.QtWidgets import QCheckBox, QTableWidget

    household = new_household(services)
    services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=date(2026, 1, 5))
    )
    panel = EpisodesPanel(episode_deps(services))
    qtbot.addWidget(panel)
    panel.set_household(household.id)
    text = panel.summary_label.text()
    assert "Financement : DDETS (BOP 177) 50 % · FNAVDL 50 % (celui du dispositif)" in text
    assert "proposé à partir de l&#x27;ancienne saisie, à vérifier" in text

    def own(dialog: QDialog) -> None:
        check = dialog.findChild(QCheckBox, "ownFunding")
        lines = dialog.findChild(QTableWidget, "fundingLines")
        assert check is not None and lines is not None and not lines.isEnabled()
        check.setChecked(True)  # a first line is offered, at 100 %
        first = lines.cellWidget(0, 0)
        first.setCurrentIndex(first.findData("ddets"))
        lines.cellWidget(0, 1).setValue(60)
        dialog.add_button.click()  # the second line takes what is left  # type: ignore[attr-defined]
        second = lines.cellWidget(1, 0)
        second.setCurrentIndex(second.findData("fondation"))
        assert lines.cellWidget(1, 1).value() == 40
        _save(dialog)

    drive_modal(qtbot, panel.funding_button.click, own)
    assert "Financement : DDETS (BOP 177) 60 % · Fondation 40 %" in panel.summary_label.text()
    assert "celui du dispositif" not in panel.summary_label.text()

    def back(dialog: QDialog) -> None:
        check = dialog.findChild(QCheckBox, "ownFunding")
        assert check is not None and check.isChecked()
        check.setChecked(False)
        _save(dialog)

    drive_modal(qtbot, panel.funding_button.click, back)
    assert "(celui du dispositif)" in panel.summary_label.text()
