"""A colleague saved the record while the dialog was open: the save is refused, and what was typed stays.

The colleague is simulated through the services (another person in local mode); docs/domain.md §9.4.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from caseworker.domain import Party
from caseworker.services import Services
from caseworker.services.directory import OrganisationView, StaffInput
from caseworker.services.support import IntensityChangeInput, TeamMemberInput
from caseworker.ui.common import form_errors
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.households.episode_dialogs import ObjectiveDialog
from caseworker.ui.households.household_file_panel import HouseholdFilePanel
from tests.services.contract_builders import supported_household
from tests.ui.conftest import drive_modal
from tests.ui.deps import episode_deps, household_file_deps


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages the dialogs show in a message box (recorded instead: a box would wait for a click)."""
    messages: list[str] = []
    monkeypatch.setattr(form_errors, "show_error", lambda _parent, exc: messages.append(exc.user_message))
    return messages


def _as_paul(services: Services, household_id: int, change) -> None:  # type: ignore[no-untyped-def]
    """Make a change as Paul ROUX, a colleague on another laptop, on the household's team (so he sees it)."""
    own = services.setup.own_organisation_id()
    assert own is not None
    paul = services.directory.create_staff(StaffInput("Paul", "Roux", "travailleur_social", own))
    services.team.add_member(
        household_id, TeamMemberInput("referent_social", date(2025, 1, 1), staff_member_id=paul.id)
    )
    claire = services.context.actor.staff_member_id
    services.context.actor.staff_member_id = paul.id
    try:
        change()
    finally:
        services.context.actor.staff_member_id = claire


def _save(dialog: QWidget) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_a_household_saved_meanwhile_refuses_the_edit_keeps_the_typing_and_the_file_reloads_on_close(
    qtbot, services: Services, landlord: OrganisationView, shown: list[str]
) -> None:
    h = supported_household(services, landlord).household_id
    panel = HouseholdFilePanel(household_file_deps(services))
    qtbot.addWidget(panel)
    panel.open_household(h)
    opened = panel.household
    assert opened is not None

    def edit(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.siao_edit.setText("SIAO-2026-0077")
        dialog.pets_edit.setText("un chat")
        _as_paul(
            services,
            h,
            lambda: services.households.update_household(
                h, replace(opened.details, pet_count=2), expected_version=opened.row_version
            ),
        )
        _save(dialog)
        assert len(shown) == 1 and shown[0].startswith("Ce ménage a été modifié par Paul ROUX le ")
        assert "Vos saisies sont conservées" in shown[0]
        assert dialog.isVisible() and dialog.saved is None  # still open…
        assert dialog.siao_edit.text() == "SIAO-2026-0077"  # …with what was typed
        assert dialog.pets_edit.text() == "un chat"
        assert changed_meanwhile(dialog)
        dialog.reject()  # the person closes it

    drive_modal(qtbot, panel.edit_household, edit)
    now = panel.household
    assert now is not None and now.row_version == opened.row_version + 1  # the panel shows the newer version
    assert (now.details.pet_count, now.details.siao_reference) == (2, "")  # Paul's, nothing of Claire's


def test_an_objective_typed_while_the_episode_changed_is_kept_in_the_dialog(
    qtbot, services: Services, landlord: OrganisationView, shown: list[str]
) -> None:
    supported = supported_household(services, landlord)
    episode = services.episodes.episode(supported.episode_id)
    dialog = ObjectiveDialog(episode_deps(services), episode)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text_edit.setPlainText("Trouver un travail à mi-temps")
    _as_paul(
        services,
        supported.household_id,
        lambda: services.episodes.change_intensity(
            episode.id, IntensityChangeInput("standard", date(2026, 6, 1)), expected_version=episode.row_version
        ),
    )
    _save(dialog)
    assert shown and shown[0].startswith("Cet accompagnement a été modifié par Paul ROUX le ")
    assert dialog.isVisible() and dialog.text_edit.toPlainText() == "Trouver un travail à mi-temps"
    objectives = services.episodes.episode(episode.id).objectives
    assert "Trouver un travail à mi-temps" not in [item.text for item in objectives]
    newer = services.episodes.episode(episode.id)  # reopened on the newer version, the same text saves
    reopened = ObjectiveDialog(episode_deps(services), newer)
    qtbot.addWidget(reopened)
    reopened.text_edit.setPlainText("Trouver un travail à mi-temps")
    _save(reopened)
    assert reopened.result() == reopened.DialogCode.Accepted
    assert "Trouver un travail à mi-temps" in [item.text for item in services.episodes.episode(episode.id).objectives]
    assert Party.MENAGE in [item.owner for item in services.episodes.episode(episode.id).objectives]


def test_nothing_changed_meanwhile_saves_as_before(qtbot, services: Services, landlord: OrganisationView) -> None:
    supported = supported_household(services, landlord)
    episode = services.episodes.episode(supported.episode_id)
    dialog = ObjectiveDialog(episode_deps(services), episode)
    qtbot.addWidget(dialog)
    dialog.text_edit.setPlainText("Ouvrir un livret A")
    _save(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted and not changed_meanwhile(dialog)
    assert services.episodes.episode(episode.id).row_version == episode.row_version + 1


def test_an_alert_step_refused_as_stale_shows_the_newer_alert(
    qtbot, services: Services, landlord: OrganisationView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A button with no dialog (take into account): the refusal is said, and the panel shows the alert as it is now."""
    from datetime import datetime, timezone

    from caseworker.domain import AlertChannel, AlertStatus
    from caseworker.services.alerts import AlertInput
    from caseworker.ui.alerts import alert_panels
    from caseworker.ui.alerts.alert_panels import AlertDetailPanel
    from tests.ui.deps import alerts_deps

    supported = supported_household(services, landlord)
    alert = services.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            landlord.id,
            datetime(2026, 6, 15, 8, 0, tzinfo=timezone.utc),
            AlertChannel.TELEPHONE,
            description="Loyer de juin impayé.",
        )
    )
    messages: list[str] = []
    monkeypatch.setattr(alert_panels, "show_error", lambda _parent, exc: messages.append(exc.user_message))
    panel = AlertDetailPanel(alerts_deps(services))
    qtbot.addWidget(panel)
    panel.set_alert(alert.id)
    _as_paul(
        services,
        supported.household_id,
        lambda: services.alerts.acknowledge(alert.id, expected_version=alert.row_version),
    )
    panel.acknowledge()
    assert len(messages) == 1 and messages[0].startswith("Cette alerte a été modifiée par Paul ROUX le ")
    assert panel.alert is not None
    assert panel.alert.status is AlertStatus.PRIS_EN_COMPTE and panel.alert.row_version == alert.row_version + 1
