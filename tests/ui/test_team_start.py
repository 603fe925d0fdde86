"""Starting in team mode: the saved password first, else the login dialog; a refusal is said and can be retried."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from caseworker.app import Application
from caseworker.paths import DataPaths
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.team.admin import MaintenanceAccess
from caseworker.team.enrolment import EnrolmentCode
from caseworker.team.membership import TEAM_FILE, join_team, load_team_config
from tests.support.postgres import Authority, PostgresCluster
from tests.ui.conftest import drive_modal
from tests.ui.team_server import new_team_server

PASSWORD = "la clef des champs en hiver"
_numbers = itertools.count(1)


@pytest.fixture
def server_code(postgres_server: PostgresCluster) -> tuple[MaintenanceAccess, str]:
    """A fresh team server and the enrolment code of its first administrator, Nadia BENALI."""
    database = f"ui_team_{next(_numbers)}"
    access, _roles, code = new_team_server(postgres_server, database)
    return access, code


@pytest.fixture
def laptop(server_code: tuple[MaintenanceAccess, str], tmp_path: Path) -> DataPaths:
    """A laptop that joined the server as Nadia BENALI."""
    access, code = server_code
    paths = DataPaths(tmp_path / "laptop")
    join_team(paths, EnrolmentCode.parse(code), access.ca_file.read_bytes(), PASSWORD, KeyringSecretStore())
    return paths


def test_the_saved_password_opens_the_window_as_the_person(qtbot, laptop: DataPaths, message_boxes) -> None:
    application = Application(laptop, KeyringSecretStore())
    assert application.start(), message_boxes.shown
    qtbot.addWidget(application.window)
    assert application.services is not None
    me = application.services.setup.load_actor()
    assert me is not None and me.display_name == "Nadia BENALI"
    assert not laptop.db_file.exists()  # no case data on the laptop
    settings = application.window.settings
    assert settings.user_label.text().startswith("Nadia BENALI")
    assert settings.switch_button.isHidden() and settings.backup_button.isHidden()
    assert "127.0.0.1" in settings.path_label.text()
    assert application.window.user_label.text() == "Serveur de l'équipe · Nadia BENALI — Administrateur·rice"
    application.shutdown()


def test_a_refused_password_is_said_and_the_right_one_opens(qtbot, laptop: DataPaths, message_boxes) -> None:
    config = load_team_config(laptop)
    assert config is not None
    KeyringSecretStore().set(config.keyring_entry(), "un ancien mot de passe")
    application = Application(laptop, KeyringSecretStore())
    said: list[str] = []
    result: list[bool] = []

    def log_in(dialog) -> None:  # type: ignore[no-untyped-def]
        said.append(dialog.error_label.text())
        dialog.password_edit.setText("encore faux mais long")
        dialog.connect_button.click()
        said.append(dialog.error_label.text())
        assert dialog.isVisible()
        dialog.password_edit.setText(PASSWORD)
        dialog.connect_button.click()

    drive_modal(qtbot, lambda: result.append(application.start()), log_in, timeout=20000)
    assert result == [True], message_boxes.shown
    qtbot.addWidget(application.window)
    assert said == ["Identifiant ou mot de passe refusé par le serveur."] * 2
    assert KeyringSecretStore().get(config.keyring_entry()) == PASSWORD  # the working one is kept
    application.shutdown()


def test_an_unreachable_server_is_said_and_quitting_leaves_everything(qtbot, laptop: DataPaths, message_boxes) -> None:
    team_file = laptop.data_dir / TEAM_FILE
    team_file.write_text(team_file.read_text(encoding="utf-8").replace('"port": ', '"port": 1, "old": '), "utf-8")
    before = team_file.read_bytes()
    application = Application(laptop, KeyringSecretStore())
    said: list[str] = []
    result: list[bool] = []

    def give_up(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.connect_button.click()  # nothing typed yet
        said.append(dialog.error_label.text())
        dialog.password_edit.setText(PASSWORD)
        dialog.connect_button.click()
        said.append(dialog.error_label.text())
        dialog.connect_button.click()  # retry: same answer, the window stays usable
        said.append(dialog.error_label.text())
        dialog.quit_button.click()

    drive_modal(qtbot, lambda: result.append(application.start()), give_up, timeout=20000)
    assert result == [False], said
    assert said[0] == "Saisissez votre mot de passe."
    assert said[1].startswith("Impossible de joindre le serveur 127.0.0.1:1"), said
    assert said[2] == said[1]
    assert team_file.read_bytes() == before


def test_the_first_run_assistant_joins_a_team(
    qtbot, server_code: tuple[MaintenanceAccess, str], tmp_path: Path, message_boxes
) -> None:
    access, code = server_code
    paths = DataPaths(tmp_path / "new-laptop")
    wrong_ca = tmp_path / "autre.crt"
    wrong_ca.write_bytes(Authority.create().certificate_pem)
    application = Application(paths, KeyringSecretStore())
    said: list[str] = []
    result: list[bool] = []

    def walk(wizard) -> None:  # type: ignore[no-untyped-def]
        wizard.currentPage().join_radio.setChecked(True)
        wizard.next()
        page = wizard.currentPage()
        assert page is wizard.join_page
        page.code_edit.setPlainText(code)
        page.ca_edit.setText(str(wrong_ca))
        page.password_edit.setText("motdepasse123")
        page.confirm_edit.setText("motdepasse123")
        assert not page.isComplete()  # too easy to guess
        page.password_edit.setText(PASSWORD)
        page.confirm_edit.setText(PASSWORD)
        assert page.isComplete()
        wizard.button(QWizard.WizardButton.FinishButton).click()
        said.append(page.result_label.text())
        assert wizard.isVisible() and page.code_edit.toPlainText() == code  # nothing typed is lost
        page.ca_edit.setText(str(access.ca_file))
        wizard.button(QWizard.WizardButton.FinishButton).click()

    drive_modal(qtbot, lambda: result.append(application.start()), walk, timeout=30000)
    assert result == [True], message_boxes.shown
    qtbot.addWidget(application.window)
    assert said == [
        "Ce certificat d'autorité n'est pas celui de votre association : le code a été fait pour un autre. "
        "Demandez le bon fichier à la personne qui administre le serveur ; rien n'a été enregistré."
    ]
    assert application.services is not None and application.services.context.team_mode
    me = application.services.setup.load_actor()
    assert me is not None and me.display_name == "Nadia BENALI"
    assert load_team_config(paths) is not None and not paths.db_file.exists()
    application.shutdown()


def _unlock_with(form, secret: str) -> None:  # type: ignore[no-untyped-def]
    form.secret_edit.setText(secret)
    form.unlock_button.click()


def test_a_locked_window_takes_the_saved_password_out_of_the_keyring(qtbot, laptop: DataPaths, message_boxes) -> None:
    """Killed while locked, the application must not log in again by itself: the restart asks the password."""
    config = load_team_config(laptop)
    assert config is not None
    application = Application(laptop, KeyringSecretStore())
    assert application.start(), message_boxes.shown
    qtbot.addWidget(application.window)
    lock = application.window.screen_lock
    try:
        assert KeyringSecretStore().get(config.keyring_entry()) == PASSWORD
        lock.lock()
        assert KeyringSecretStore().get(config.keyring_entry()) is None

        # Ended now (the process killed) and started again, the login dialog would ask the password: a start
        # without a saved one asks it (test_a_refused_password_is_said_and_the_right_one_opens).
        form = lock.page.form
        _unlock_with(form, "pas le bon mot de passe")
        assert lock.is_locked and form.message.text() == "Identifiant ou mot de passe refusé par le serveur."
        assert KeyringSecretStore().get(config.keyring_entry()) is None
        _unlock_with(form, PASSWORD)
        assert not lock.is_locked
        assert KeyringSecretStore().get(config.keyring_entry()) == PASSWORD  # put back
    finally:
        if lock.is_locked:
            lock.unlock(PASSWORD)
        application.shutdown()


def test_with_the_server_unreachable_the_session_s_own_password_unlocks(
    qtbot, laptop: DataPaths, message_boxes
) -> None:
    application = Application(laptop, KeyringSecretStore())
    assert application.start(), message_boxes.shown
    qtbot.addWidget(application.window)
    team = application.team
    assert team is not None
    address = team.config.address
    team.config = dataclasses.replace(team.config, address=dataclasses.replace(address, port=1))  # network down
    lock = application.window.screen_lock
    try:
        lock.lock()
        form = lock.page.form
        _unlock_with(form, "pas le bon mot de passe")
        assert lock.is_locked
        assert form.message.text().startswith("Impossible de joindre le serveur 127.0.0.1:1"), form.message.text()
        _unlock_with(form, PASSWORD)
        assert not lock.is_locked
    finally:
        team.config = dataclasses.replace(team.config, address=address)
        if lock.is_locked:
            lock.unlock(PASSWORD)
        application.shutdown()
