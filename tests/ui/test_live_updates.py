"""Team mode, live: a colleague's new alert appears in the open inbox within 2 s, without restarting; the household
list gains the household they created, the open file's contact log their visit, the open board it a moment later,
and « Mes tâches » the task they give (docs/domain.md §9.2)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from caseworker.app import Application
from caseworker.domain import AlertChannel
from caseworker.paths import DataPaths
from caseworker.services.alerts import AlertInput
from caseworker.services.board import PanelKind
from caseworker.services.directory import OrganisationInput
from caseworker.services.households import OccupancyChangeInput
from caseworker.services.support import ContactInput
from caseworker.services.tasks import TaskInput
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.team.admin import NewPerson, add_user
from caseworker.team.membership import join_team, load_team_config
from caseworker.team.session import TeamSession, open_team_session
from caseworker.ui.common.live_updates import BOARD_REFRESH_MS, LiveChanges, LiveUpdates
from tests.services.builders import initial_situation, new_dwelling, new_household
from tests.support.postgres import PostgresCluster
from tests.ui.team_server import new_team_server

PASSWORD = "la clef des champs en hiver"
_numbers = itertools.count(1)


@pytest.fixture
def office(postgres_server: PostgresCluster, tmp_path: Path) -> tuple[DataPaths, TeamSession]:
    """A team server; the team lead Fatou DIALLO's laptop joined, and Claire MARTIN's session on another laptop."""
    database = f"ui_live_{next(_numbers)}"
    access, roles, _nadia = new_team_server(postgres_server, database)
    fatou = add_user(access, roles, NewPerson(f"fatou.{database}", "Fatou", "Diallo", "chef_service"))
    claire = add_user(access, roles, NewPerson(f"claire.{database}", "Claire", "Martin", "travailleur_social"))
    laptops = []
    for name, code in (("fatou", fatou), ("claire", claire)):
        paths = DataPaths(tmp_path / name)
        join_team(paths, code, access.ca_file.read_bytes(), PASSWORD, KeyringSecretStore())
        laptops.append(paths)
    config = load_team_config(laptops[1])
    assert config is not None
    return laptops[0], open_team_session(config, PASSWORD)


def test_a_colleagues_alert_appears_in_the_open_inbox(qtbot, office, message_boxes) -> None:  # type: ignore[no-untyped-def]
    laptop, colleague = office
    application = Application(laptop, KeyringSecretStore())
    assert application.start(), message_boxes.shown
    window = application.window
    qtbot.addWidget(window)
    assert application.listener is not None and application.listener.wait_listening(5)
    try:
        households = window.households.list_panel.model
        assert households.rowCount() == 0
        # Claire, on her laptop, houses a household with a landlord...
        claire = colleague.services
        landlord = claire.directory.create_organisation(
            OrganisationInput(name="Habitat 35", kind_code="bailleur_social")
        )
        household = new_household(claire, "Hélène", "Çelik")
        dwelling = new_dwelling(claire, landlord.id)
        initial_situation(claire, household.id)
        claire.occupancy.change_occupancy(
            household.id,
            OccupancyChangeInput("sous_locataire", date(2025, 9, 1), "acces_logement", dwelling_id=dwelling.id),
        )
        qtbot.waitUntil(lambda: households.rowCount() == 1, timeout=2000)
        window.show_widget(window.alerts)
        inbox = window.alerts
        assert inbox.model.rowCount() == 0
        # ... and records the landlord's call: the team lead's inbox, open, shows it.
        claire.alerts.create(
            AlertInput(
                "impaye",
                household.id,
                landlord.id,
                datetime(2026, 6, 15, 9, tzinfo=timezone.utc),
                AlertChannel.TELEPHONE,
                description="Deux mois de loyer impayés.",
                amount=Decimal("825.00"),
            )
        )
        qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=2000)
        assert inbox.model.record(0).household_id == household.id
        assert not window.live_label.isVisible()
        # The team lead opens the household's contact log; Claire's visit appears in it.
        window.open_household(household.id)
        file_panel = window.households.file_panel
        file_panel.show_tab(file_panel.contacts_panel)
        contacts = file_panel.contacts_panel.model
        assert contacts.rowCount() == 0
        claire.contacts.record_contact(
            household.id,
            ContactInput(datetime(2026, 6, 16, 9, tzinfo=timezone.utc), "visite_domicile", "rencontre"),
        )
        qtbot.waitUntil(lambda: contacts.rowCount() == 1, timeout=2000)
        # The board, open for the debrief, reads Claire's next visit again a moment later (changes gathered).
        window.show_widget(window.board)
        board = window.board.models[PanelKind.CONTACTS]
        shown_before = board.rowCount()
        claire.contacts.record_contact(
            household.id,
            ContactInput(datetime.now(timezone.utc) - timedelta(minutes=5), "telephone", "rencontre"),
        )
        qtbot.waitUntil(lambda: board.rowCount() == shown_before + 1, timeout=BOARD_REFRESH_MS + 3000)
        # « Mes tâches », open: the task Claire gives Fatou appears.
        window.show_widget(window.my_tasks)
        fatou = application.services.context.actor.staff_member_id
        assert all(row.title != "Appeler le bailleur" for row in window.my_tasks.model.records())
        claire.tasks.create_task(TaskInput(fatou, "Appeler le bailleur", date.today(), household_id=household.id))
        qtbot.waitUntil(
            lambda: any(row.title == "Appeler le bailleur" for row in window.my_tasks.model.records()), timeout=2000
        )
    finally:
        colleague.dispose()
        application.shutdown()
    assert application.listener is None


def test_reports_wait_while_the_window_waits_for_the_server(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A view refreshed in the middle of its own save would act on what the save is about to change."""
    waiting = [True]
    live = LiveUpdates(is_waiting=lambda: waiting[0])
    arrived: list[LiveChanges] = []
    live.changes_arrived.connect(arrived.append)
    live.deliver(["alert"], [1])
    live.deliver(["contact"], [2], resync=False)
    qtbot.wait(100)
    assert arrived == []
    waiting[0] = False
    qtbot.waitUntil(lambda: arrived != [], timeout=1000)
    assert arrived == [LiveChanges(frozenset({"alert", "contact"}), frozenset({1, 2}))]  # the two, as one
    live.deliver(["alert"], [3])
    qtbot.waitUntil(lambda: len(arrived) == 2, timeout=1000)
    assert arrived[1] == LiveChanges(frozenset({"alert"}), frozenset({3}))
