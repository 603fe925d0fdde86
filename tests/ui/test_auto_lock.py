"""The window locks after a pause or when the computer locks, and gives everything back to its person (F41).

Driven on the real window, as the application builds it: an idle delay shortened by the test, a dialog left open
with something typed, the person's own code (local mode) or an injected server password check (team mode).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from caseworker.app import Application, key_tools
from caseworker.errors import DatabaseStateError
from caseworker.services.directory import StaffInput
from caseworker.services.settings import CURRENT_STAFF_MEMBER
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.ui.common.auto_lock import ScreenLock
from caseworker.ui.common.lock_page import Curtain, LockForm
from caseworker.ui.common.os_lock_watcher import OsLockWatcher
from caseworker.ui.households.household_dialog import HouseholdDialog
from caseworker.ui.main_window import MainWindow
from caseworker.ui.settings.settings_panel import DatabaseActions, DatabaseInfo
from tests.ui.conftest import PIN, drive_modal

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def _lock_of(application: Application) -> ScreenLock:
    assert application.window is not None
    return application.window.screen_lock


def _unlock_with(form: LockForm, secret: str) -> None:
    form.secret_edit.setText(secret)
    form.unlock_button.click()


def test_a_pause_locks_everything_and_the_right_code_gives_back_the_dialog_being_typed(qtbot, application):
    window = application.window
    assert window is not None
    lock = _lock_of(application)
    assert lock.idle.interval_ms == 10 * 60_000  # the association's default
    list_panel = window.households.list_panel
    seen: dict[str, object] = {}

    def leave_the_dialog_open(dialog: QWidget) -> None:
        assert isinstance(dialog, HouseholdDialog) and dialog.person_form is not None
        first_name = dialog.person_form.first_name_edit
        qtbot.keyClicks(first_name, "Anne")
        title = dialog.windowTitle()

        lock.set_idle_interval(100)  # the pause, shortened
        qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)

        # Nothing personal shows: no section, no name in a title or the status bar, nothing of the dialog.
        assert not list_panel.isVisible()
        assert window.windowTitle() == "Caseworker"
        assert not window.statusBar().isVisible()
        assert dialog.isVisible(), "the dialog is covered, not closed"
        assert dialog.windowTitle() == "Caseworker"
        assert not first_name.isVisible()
        curtain = dialog.findChild(Curtain)
        assert curtain is not None and curtain.isVisible()
        forms = lock.forms()
        assert len(forms) == 2 and forms[1] is curtain.form
        assert "Claire MARTIN" in curtain.form.person_label.text()
        assert "code personnel" in curtain.form.person_label.text()

        # The dialog is on top: its curtain is where the code is typed. A wrong one keeps everything hidden.
        _unlock_with(curtain.form, "000000")
        assert lock.is_locked
        assert curtain.form.message.text() == "Code incorrect pour Claire MARTIN."
        assert curtain.form.secret_edit.text() == ""
        assert not first_name.isVisible()

        _unlock_with(curtain.form, PIN)
        assert not lock.is_locked
        seen["text"] = first_name.text()
        seen["visible"] = first_name.isVisible()
        seen["title"] = dialog.windowTitle() == title
        seen["curtain"] = dialog.findChild(Curtain) is None or not dialog.findChild(Curtain).isVisible()
        dialog.reject()

    drive_modal(qtbot, list_panel.new_button.click, leave_the_dialog_open)

    assert seen == {"text": "Anne", "visible": True, "title": True, "curtain": True}
    assert list_panel.isVisible()
    assert window.statusBar().isVisible()
    assert "Claire MARTIN" in window.user_label.text()
    assert lock.idle.interval_ms == 100  # counting again


def test_the_lock_page_of_the_main_window_and_its_screenshot(qtbot, application):
    window = application.window
    assert window is not None
    window.resize(1366, 700)
    window.show()
    lock = _lock_of(application)
    lock.lock()
    page = lock.page
    assert page is not None and window.centralWidget() is page
    form = page.form
    assert form.title.text() == "Caseworker est verrouillé"
    assert form.unlock_button.text() == "&Déverrouiller"
    _unlock_with(form, "999999")
    assert lock.is_locked and form.message.isVisible()
    QApplication.processEvents()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOT_DIR / "lock_page_1366x768.png"))
    assert window.close() is False, "a locked window stays open"
    _unlock_with(form, PIN)
    assert not lock.is_locked
    assert window.centralWidget() is not page and window.households.isVisible()


def test_the_computer_locking_locks_the_window(qtbot, application):
    watcher = application.os_lock_watcher
    assert watcher is not None
    lock = _lock_of(application)
    watcher.screensaver_changed(False)  # the screen saver going off locks nothing
    watcher.sleep_prepared(False)  # nor waking up
    assert not lock.is_locked
    watcher.screensaver_changed(True)
    assert lock.is_locked
    lock.unlock(PIN)
    watcher.sleep_prepared(True)
    assert lock.is_locked
    lock.unlock(PIN)
    watcher.session_lock_requested()
    assert lock.is_locked


@pytest.fixture
def private_bus() -> Iterator[str]:
    """A D-Bus daemon of the test's own (the desktop's buses are absent under test)."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed")
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    yield address
    process.terminate()
    process.wait(timeout=5)
    process.stdout.close()


def test_a_screen_saver_signal_on_the_bus_locks_and_absent_buses_are_harmless(qtbot, private_bus):
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    listening = QDBusConnection.connectToBus(private_bus, "caseworker-test-listener")
    sending = QDBusConnection.connectToBus(private_bus, "caseworker-test-sender")
    absent = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "caseworker-test-absent")
    assert listening.isConnected() and not absent.isConnected()
    try:
        nowhere = OsLockWatcher(system_bus=absent, session_bus=absent)
        assert nowhere.listening == []
        watcher = OsLockWatcher(system_bus=absent, session_bus=listening)
        assert watcher.listening == [
            "org.freedesktop.ScreenSaver.ActiveChanged",
            "org.gnome.ScreenSaver.ActiveChanged",
        ]
        signal = QDBusMessage.createSignal("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged")
        signal.setArguments([True])
        # The bus registers the watcher's match rules asynchronously: on a busy machine a signal sent at once may
        # go before them. Sent again until it arrives, it proves the same thing without the race.
        received: list[bool] = []
        watcher.os_locked.connect(lambda: received.append(True))

        def sent_and_received() -> bool:
            if not received:
                assert sending.send(signal)
            return bool(received)

        qtbot.waitUntil(sent_and_received, timeout=10000)
    finally:
        for name in ("caseworker-test-listener", "caseworker-test-sender", "caseworker-test-absent"):
            QDBusConnection.disconnectFromBus(name)


def test_team_mode_unlocks_with_the_server_password(qtbot, services):
    """The password is checked by the composition root's ``verify_password`` (a new connection to the server)."""
    typed: list[str] = []

    def verify_password(password: str) -> None:
        typed.append(password)
        if password != "mot de passe du serveur":
            raise DatabaseStateError("Le serveur a refusé ce mot de passe.")

    actions = DatabaseActions(
        info=lambda: DatabaseInfo("serveur", "TLS", "test", "0013", "", ""),
        backup=lambda: "",
        rekey=lambda _material: (),
        keyring_is_secure=True,
        keys=key_tools(),
        backup_retention_days=30,
    )
    window = MainWindow(services, actions, verify_password=verify_password)
    qtbot.addWidget(window)
    window.show()
    lock = window.screen_lock
    lock.lock()
    assert lock.page is not None
    form = lock.page.form
    assert "mot de passe sur le serveur de l'équipe" in form.person_label.text()
    _unlock_with(form, "ancien")
    assert lock.is_locked and form.message.text() == "Le serveur a refusé ce mot de passe."
    _unlock_with(form, "mot de passe du serveur")
    assert not lock.is_locked
    assert typed == ["ancien", "mot de passe du serveur"]
    window.close()


def test_someone_without_a_code_yet_resumes_without_one(qtbot, services, data_paths, database, clock):
    database.dispose()
    application = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert application.start()
    assert application.window is not None
    qtbot.addWidget(application.window)
    lock = application.window.screen_lock
    lock.lock()
    assert lock.page is not None
    form = lock.page.form
    assert not form.secret_edit.isVisibleTo(form)
    assert "Paramètres" in form.hint.text()
    form.unlock_button.click()
    assert not lock.is_locked
    application.shutdown()


def test_the_idle_count_restarts_on_input(qtbot, application):
    lock = _lock_of(application)
    window = application.window
    assert window is not None
    lock.set_idle_interval(400)
    search = window.households.list_panel.search_edit
    for _ in range(4):
        qtbot.wait(150)
        qtbot.keyClick(search, Qt.Key.Key_A)
        assert not lock.is_locked
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)


def test_the_delay_is_set_by_an_administrateur_in_the_settings(qtbot, application, message_boxes):
    window = application.window
    assert window is not None
    spin = window.settings.lock_minutes
    assert spin.value() == 10
    assert not spin.isEnabled() and "administrateur" in spin.toolTip()
    services = application.services
    assert services is not None
    own = services.setup.own_organisation_id()
    assert own is not None
    admin = services.directory.create_staff(
        StaffInput(first_name="Inès", last_name="Garnier", role_code="administrateur", organisation_id=own)
    )
    services.settings.set(CURRENT_STAFF_MEMBER, admin.id)  # Inès is the one using the laptop now
    window.settings.refresh()
    assert spin.isEnabled()
    spin.setValue(2)
    spin.editingFinished.emit()
    assert services.auto_lock.idle_minutes() == 2
    assert window.screen_lock.idle.interval_ms == 2 * 60_000


def test_a_dialog_is_not_closed_by_the_lock(qtbot, application):
    """Hiding a dialog would end its exec() as cancelled: the lock never does."""
    window = application.window
    assert window is not None
    lock = _lock_of(application)
    results: list[int] = []

    def lock_and_unlock(dialog: QWidget) -> None:
        assert isinstance(dialog, QDialog)
        lock.lock()
        qtbot.wait(50)
        assert dialog.isVisible()
        lock.unlock(PIN)
        qtbot.wait(50)
        assert dialog.isVisible()
        dialog.reject()

    def open_dialog() -> None:
        results.append(window.households.list_panel.new_button.click() or 1)

    drive_modal(qtbot, open_dialog, lock_and_unlock)
    assert results == [1]
