"""The composition root: the one place that builds the store, the services and the window, and wires them.

Nothing else creates engines or services. Panels and dialogs receive what they need from here.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from caseworker import APP_DISPLAY_NAME, APP_NAME, ORGANISATION_DOMAIN
from caseworker.domain import AuditAction
from caseworker.errors import DatabaseStateError, KeyUnavailableError, KnownError
from caseworker.formats import format_datetime
from caseworker.logging_setup import (
    configure_logging,
    install_crash_handlers,
    log_exception_scrubbed,
    log_uncaught_exception,
)
from caseworker.paths import DataPaths, default_data_dir, resources_dir
from caseworker.services import Services, build_services
from caseworker.services.context import Clock
from caseworker.storage.backup_keys import KeptKey
from caseworker.storage.backups import RETENTION_DAYS, list_backups
from caseworker.storage.database import (
    Credentials,
    Database,
    NewKeyMaterial,
    StoreState,
    create_database,
    current_revision,
    inspect_data_dir,
    unlock_and_open,
)
from caseworker.storage.key_info import KeyStorage, load_key_info
from caseworker.storage.passphrase_strength import passphrase_problems
from caseworker.storage.rekey import rekey_database
from caseworker.storage.secret_store import KeyringSecretStore, SecretStore
from caseworker.storage.server_admin import schema_revision
from caseworker.storage.store_lock import StoreLock
from caseworker.team.enrolment import EnrolmentCode
from caseworker.team.live import ChangeListener, ListenerState, ServerChanges
from caseworker.team.membership import TeamConfig, join_team, load_team_config
from caseworker.team.session import TeamSession, open_team_session
from caseworker.ui.common.bug_log import install_bug_loggers
from caseworker.ui.common.os_lock_watcher import OsLockWatcher
from caseworker.ui.common.server_calls import ServerCalls, calls_off_the_gui_thread
from caseworker.ui.i18n import install_translators
from caseworker.ui.main_window import MainWindow
from caseworker.ui.settings.settings_panel import DatabaseActions, DatabaseInfo
from caseworker.ui.setup.key_tools import KeyMaterial, KeyTools, UnlockSecret

log = logging.getLogger(__name__)

STARTUP_PROBE_ENV = "CASEWORKER_STARTUP_PROBE"
"""Benchmarks only: a file where the time the main window was shown is written, after which the app quits."""


class Application:
    """Opens (or creates) the store, then shows the main window."""

    def __init__(
        self,
        paths: DataPaths,
        secret_store: SecretStore,
        *,
        clock: Clock | None = None,
        ask_personal_code: bool = False,
    ) -> None:
        """Prepare the start; ``ask_personal_code``: in local mode, ask the person's code at start.

        The window opens locked for a person who has one (the store's key comes from the keyring: without this,
        ending the process while locked and starting again would open their session), and someone who has none
        yet is asked to choose one.

        The command asks (``run_gui``); tests that build the window for something else do not, so that no lock or
        modal dialog waits for them.
        """
        self.paths = paths
        self.secret_store = secret_store
        self.clock = clock
        self.database: Database | None = None
        self.services: Services | None = None
        self.window: MainWindow | None = None
        self.exit_code = 0
        self.lock = StoreLock(paths)
        self.team: TeamSession | None = None
        self.listener: ChangeListener | None = None
        self.server_calls: ServerCalls | None = None
        self._joined: TeamConfig | None = None
        self._join_password: str | None = None  # typed at first run; kept for this start only (no keyring)
        self._retired: list[QWidget] = []
        self.ask_personal_code = ask_personal_code
        self.os_lock_watcher: OsLockWatcher | None = None

    # opening ---------------------------------------------------------------------------------------------

    def start(self) -> bool:
        """Run the first-run wizard or the unlock step, then show the window. False means "quit now"."""
        try:
            team = load_team_config(self.paths)
        except DatabaseStateError as exc:
            return self._fail(exc)
        if team is not None:
            return self._start_team(team)
        try:
            self.lock.acquire()
            state = inspect_data_dir(self.paths)
        except DatabaseStateError as exc:
            return self._fail(exc)
        if state is StoreState.ABSENT:
            if not self._first_run():
                return False
            if self._joined is not None:
                self.lock.release()  # no local store in team mode
                return self._start_team(self._joined)
        elif not self._unlock():
            return False
        assert self.services is not None
        if not self.services.setup.is_complete() and not self._first_run(existing=self.services):
            return False
        self._show_window()
        return True

    def _start_team(self, config: TeamConfig) -> bool:
        """Team mode: log in to the server (the saved password first, else asked), then show the window."""
        from caseworker.ui.common.tasks import run_with_progress
        from caseworker.ui.setup.team_login_dialog import TeamLoginDialog

        entry = config.keyring_entry()

        def connect(password: str) -> None:
            self.team = open_team_session(config, password, self.clock)
            if self.secret_store.is_secure():
                self.secret_store.set(entry, password)

        saved = self.secret_store.get(entry) if self.secret_store.is_secure() else self._join_password
        reason = ""
        if saved:
            try:
                run_with_progress(
                    None,
                    APP_DISPLAY_NAME,
                    QCoreApplication.translate("Application", "Connecting to the team server…"),
                    lambda _report, _cancelled: connect(saved),
                    cancellable=False,
                )
            except KnownError as exc:
                reason = exc.user_message
        failed = 0
        if self.team is None:
            dialog = TeamLoginDialog(connect, server=str(config.address), login=config.login, reason=reason)
            accepted = dialog.exec()
            self._retire(dialog)
            failed = dialog.failed_attempts
            if not accepted or self.team is None:
                self.exit_code = 1
                return False
        self._join_password = None
        # Every call to the server from here on runs off the GUI thread: a slow network never freezes the window.
        self.server_calls = ServerCalls()
        self.services = calls_off_the_gui_thread(self.team.services, self.server_calls)
        self.services.audit.record_unlock(failed_attempts=failed)
        self._show_window()
        return True

    def _retire(self, dialog: QWidget) -> None:
        """Delete a closed start-up dialog from the main event loop, never from a nested one.

        Left to Python, a dialog can be destroyed by the garbage collector at any moment, for instance inside the
        nested loop of the next progress dialog, whose event filter then touches a half-destroyed widget (a crash
        seen once in CI). Kept here and deleted later, it goes when the application's own loop runs.
        """
        self._retired.append(dialog)
        dialog.deleteLater()

    def _fail(self, exc: KnownError, parent: QWidget | None = None) -> bool:
        QMessageBox.critical(parent, APP_DISPLAY_NAME, exc.user_message)
        self.exit_code = exc.exit_code
        self._close_database()
        return False

    def _unlock(self) -> bool:
        try:
            info = load_key_info(self.paths.key_info_file)
        except KnownError as exc:
            return self._fail(exc)
        # A passphrase opens the store when it is kept that way, or when a change to a passphrase was interrupted.
        passphrase_possible = any(
            item is not None and item.storage is KeyStorage.PASSPHRASE for item in (info, info.pending)
        )
        if info.storage is KeyStorage.PASSPHRASE:
            return self._unlock_with_dialog(passphrase_possible=True)
        try:
            self.database = unlock_and_open(self.paths, self.secret_store)
        except KeyUnavailableError as exc:
            return self._unlock_with_dialog(
                passphrase_possible=passphrase_possible, start_with_recovery=True, reason=exc.user_message
            )
        except KnownError as exc:
            return self._fail(exc)
        self._database_opened(failed_attempts=0)
        return True

    def _unlock_with_dialog(
        self, *, passphrase_possible: bool, start_with_recovery: bool = False, reason: str = ""
    ) -> bool:
        from caseworker.ui.setup.unlock_dialog import UnlockDialog

        def unlock(secret: UnlockSecret) -> None:
            credentials = Credentials(passphrase=secret.passphrase, recovery_key=secret.recovery_key)
            self.database = unlock_and_open(self.paths, self.secret_store, credentials)

        dialog = UnlockDialog(
            unlock, passphrase_possible=passphrase_possible, start_with_recovery=start_with_recovery, reason=reason
        )
        accepted = dialog.exec()
        if dialog.fatal_error is not None:
            return self._fail(dialog.fatal_error)
        if not accepted or not dialog.opened or self.database is None:
            self.exit_code = 1
            return False
        self._database_opened(failed_attempts=dialog.failed_attempts)
        if dialog.used_recovery_key and self.database.key_info.storage is KeyStorage.PASSPHRASE:
            QMessageBox.information(
                None,
                APP_DISPLAY_NAME,
                QCoreApplication.translate(
                    "Application",
                    "The database was opened with the recovery key. Choose a new passphrase now in Settings → "
                    "Change the key, so that the recovery key is not needed at every start.",
                ),
            )
        return True

    def _database_opened(self, *, failed_attempts: int) -> None:
        assert self.database is not None
        self.services = build_services(self.database.engine, self.clock)
        self.services.audit.record_unlock(failed_attempts=failed_attempts)

    def _first_run(self, existing: Services | None = None) -> bool:
        from caseworker.ui.setup.first_run_wizard import FirstRunWizard

        wizard = FirstRunWizard(
            keyring_is_secure=self.secret_store.is_secure(),
            keys=key_tools(),
            create_store=self._create_store,
            generate_demo=_generate_demo,
            existing_services=existing,
            join_team=self._join_team if existing is None else None,
        )
        accepted = wizard.exec()
        self._retire(wizard)
        if accepted and wizard.joined and self._joined is not None:
            return True
        if self.services is None:
            self.exit_code = 1
            return False
        if not accepted or not self.services.setup.is_complete():
            self.exit_code = 1
            return False
        return True

    def _join_team(self, code: str, ca_file: Path, password: str) -> None:
        """Join the team's server (the first-run assistant's other path); keeps the password for this start."""
        config = join_team(self.paths, EnrolmentCode.parse(code), ca_file.read_bytes(), password, self.secret_store)
        self._joined = config
        self._join_password = password

    def _create_store(self, material: KeyMaterial) -> tuple[Services, str]:
        assert isinstance(material, NewKeyMaterial)  # made by key_tools().prepare
        self.database = create_database(self.paths, material, self.secret_store)
        self._database_opened(failed_attempts=0)
        assert self.services is not None
        return self.services, self.database.key_info.database_id

    # window ----------------------------------------------------------------------------------------------

    def _show_window(self) -> None:
        assert self.services is not None and (self.database is not None or self.team is not None)
        actions = DatabaseActions(
            info=self._database_info if self.team is None else self._server_info,
            backup=self._backup,
            rekey=self._rekey,
            keyring_is_secure=self.secret_store.is_secure(),
            keys=key_tools(),
            backup_retention_days=RETENTION_DAYS,
            team_mode=self.team is not None,
        )
        self.window = MainWindow(
            self.services, actions, verify_password=self._verify_password if self.team is not None else None
        )
        self.os_lock_watcher = OsLockWatcher(self.window)
        self.os_lock_watcher.os_locked.connect(self.window.screen_lock.lock)
        self.window.start()
        if self.team is not None:
            self._follow_colleagues(self.team, self.window)
            self.window.screen_lock.locked.connect(self._forget_saved_password)
        elif self.ask_personal_code and self._has_personal_code():
            self.window.screen_lock.lock()  # before anything personal is shown
        self.window.show()
        probe = os.environ.get(STARTUP_PROBE_ENV)
        if probe:  # the window is up: a question asked next (a modal dialog) must not hold the measure back
            QTimer.singleShot(0, lambda: _write_probe(Path(probe)))
        if self.team is None and self.ask_personal_code:
            self.ask_for_personal_code()

    def _follow_colleagues(self, team: TeamSession, window: MainWindow) -> None:
        """Team mode: colleagues' changes reach the open views (a listener thread, bridged to the GUI thread)."""
        from caseworker.ui.common.live_updates import LiveUpdates

        # A report that arrives while the window waits for the server is held until the wait ends: the views it
        # would refresh are the ones waiting for the answer.
        calls = self.server_calls
        live = LiveUpdates(window, is_waiting=lambda: calls is not None and calls.busy)
        window.follow_live_updates(live)

        def changed(changes: ServerChanges) -> None:
            live.deliver(changes.tables, changes.household_ids, resync=changes.resync)

        def state(state: ListenerState) -> None:
            if state in (ListenerState.LISTENING, ListenerState.DISCONNECTED):
                live.deliver_connection(state is ListenerState.LISTENING)

        self.listener = team.change_listener(changed, state)
        self.listener.start()

    def ask_for_personal_code(self) -> None:
        """Local mode: once the window is shown, ask the person who has no personal code yet to choose one."""
        from caseworker.ui.settings.credential_dialogs import PersonalCodeDialog

        assert self.services is not None and self.window is not None
        me = self.services.context.actor.staff_member_id
        if me is None or self.services.credentials.has_credential(me):
            return
        dialog = PersonalCodeDialog(
            self.services.credentials,
            reason=QCoreApplication.translate(
                "Application",
                "Choose your personal code. On a laptop shared by the team, it proves that it is you who works "
                "under your name: it is asked to switch to you and to unlock the window after a pause. Only you "
                "should know it.",
            ),
            parent=self.window,
        )
        dialog.exec()
        self._retire(dialog)
        self.window.settings.refresh()

    def _has_personal_code(self) -> bool:
        assert self.services is not None
        me = self.services.context.actor.staff_member_id
        return me is not None and self.services.credentials.has_credential(me)

    def _verify_password(self, password: str) -> None:
        """Team mode, unlocking: the password must still open a session on the server (checked off the GUI thread).

        Accepted, it is saved again in the keyring (taken out while locked, see :meth:`_forget_saved_password`).
        """
        from caseworker.ui.common.tasks import run_with_progress

        assert self.team is not None and self.window is not None
        team = self.team
        run_with_progress(
            self.window,
            APP_DISPLAY_NAME,
            QCoreApplication.translate("Application", "Checking the password with the team server…"),
            lambda _report, _cancelled: team.check_password(password),
            cancellable=False,
        )
        if self.secret_store.is_secure():  # as _start_team saves it
            try:
                self.secret_store.set(team.config.keyring_entry(), password)
            except Exception as exc:  # a refusing keyring: the password is simply asked at the next start
                log.warning("keyring: the password could not be saved again: %s", type(exc).__name__)

    def _forget_saved_password(self) -> None:
        """Team mode, locked: take the saved password out of the keyring, so that a restart asks it.

        Ending the process and starting again would otherwise log in with it and open the session without anyone
        typing anything. A successful unlock puts it back.
        """
        assert self.team is not None
        self.secret_store.delete(self.team.config.keyring_entry())

    def _database_info(self) -> DatabaseInfo:
        assert self.database is not None
        info = self.database.key_info
        with self.database.engine.connect() as connection:
            revision = current_revision(connection) or "?"
        backups = list_backups(self.paths)
        if info.storage is KeyStorage.KEYRING:
            storage = QCoreApplication.translate("Application", "In the system keyring ({backend})").format(
                backend=self.secret_store.describe()
            )
        else:
            storage = QCoreApplication.translate("Application", "Derived from a passphrase (asked at each start)")
        return DatabaseInfo(
            path=str(self.paths.db_file),
            key_storage=storage,
            keyring_backend=self.secret_store.describe(),
            revision=revision,
            database_id=info.database_id,
            last_backup=format_datetime(backups[0].created_at)
            if backups
            else QCoreApplication.translate("Application", "none yet"),
        )

    def _server_info(self) -> DatabaseInfo:
        assert self.team is not None and self.server_calls is not None
        engine = self.team.engine
        revision = self.server_calls.run(lambda: schema_revision(engine)) or "?"  # the server asked off the GUI thread
        return DatabaseInfo(
            path=f"{self.team.config.address} ({self.team.config.login})",
            key_storage=QCoreApplication.translate(
                "Application", "Encrypted (TLS), server certificate checked against the association's authority"
            ),
            keyring_backend=self.secret_store.describe(),
            revision=revision,
            database_id="",
            last_backup=QCoreApplication.translate("Application", "Made on the server by its administrator"),
        )

    def _backup(self) -> str:
        assert self.database is not None and self.services is not None
        path = self.database.backup("manuelle")
        self.services.audit.record_database_event(AuditAction.BACKUP)
        return str(path)

    def _rekey(self, material: KeyMaterial) -> tuple[KeptKey, ...]:
        assert self.database is not None and self.services is not None
        assert isinstance(material, NewKeyMaterial)  # made by key_tools().prepare
        change = rekey_database(self.database, material, self.secret_store)
        self.database = change.database
        self.services.audit.record_database_event(AuditAction.REKEY)
        return change.keys_to_keep

    def _close_database(self) -> None:
        if self.listener is not None:
            if not self.listener.stop():
                log.info("live updates: the listener was still connecting at shutdown")
            self.listener = None
        if self.server_calls is not None:
            self.server_calls.shutdown()
            self.server_calls = None
        if self.team is not None:
            self.team.dispose()
            self.team = None
        if self.database is not None:
            self.database.dispose()
            self.database = None
        self.lock.release()

    def shutdown(self) -> None:
        """Close the database (the WAL is checkpointed into the encrypted file)."""
        self._close_database()


def key_tools() -> KeyTools:
    """The store's key operations, as the wizard and the key-change dialog use them."""
    return KeyTools(
        prepare=_prepare_key, passphrase_problems=passphrase_problems, recovery_sheet_pdf=_recovery_sheet_pdf
    )


def _prepare_key(passphrase: str | None) -> NewKeyMaterial:
    if passphrase is None:
        return NewKeyMaterial.for_keyring()
    return NewKeyMaterial.for_passphrase(passphrase)


def _recovery_sheet_pdf(*, recovery_key: str, database_id: str, created_on: date, organisation_name: str) -> bytes:
    from caseworker.reports.recovery_key import RecoverySheet, recovery_key_pdf  # ReportLab: loaded when printing

    sheet = RecoverySheet(
        recovery_key=recovery_key,
        database_id=database_id,
        created_on=created_on,
        computer_name=platform.node(),
        organisation_name=organisation_name,
    )
    return recovery_key_pdf(sheet)


def _generate_demo(
    services: Services, count: int, report: Callable[[int, int], None], cancelled: Callable[[], bool]
) -> bool:
    from caseworker.demo.generator import DemoCancelled, generate_demo

    try:
        generate_demo(
            services.context.engine,
            households=count,
            actor_staff_id=services.context.actor.staff_member_id,
            progress=report,
            should_cancel=cancelled,
        )
    except DemoCancelled:
        return False
    return True


PROBE_DONE = "caseworker_probe_done"


def _write_probe(path: Path) -> None:
    """Write when the window showed, then leave: a question asked at start (a modal dialog) is closed unanswered.

    It may run before the main event loop has started (inside that dialog's own loop): ``run_gui`` then does not
    start it (:data:`PROBE_DONE`).
    """
    path.write_text(f"{time.time():.6f}\n", encoding="utf-8")
    app = QCoreApplication.instance()
    if app is not None:
        app.setProperty(PROBE_DONE, True)
    modal = QApplication.activeModalWidget()
    if modal is not None:
        modal.close()
    QCoreApplication.quit()


def create_qt_application(argv: list[str]) -> QApplication:
    """Create the QApplication with names, translations and the desktop file name."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setOrganizationDomain(ORGANISATION_DOMAIN)
    QGuiApplication.setDesktopFileName(APP_NAME)
    app.setProperty("caseworker_translators", install_translators(app, resources_dir() / "i18n"))
    return app


def run_gui(data_dir: Path | None = None, *, verbose: bool = False) -> int:
    """Entry point of ``caseworker`` without arguments."""
    configure_logging(verbose=verbose)
    install_crash_handlers()
    install_bug_loggers(lambda exc: log_uncaught_exception(type(exc), exc, exc.__traceback__), log_exception_scrubbed)
    app = create_qt_application(sys.argv[:1])
    application = Application(DataPaths(data_dir or default_data_dir()), KeyringSecretStore(), ask_personal_code=True)
    if not application.start():
        return application.exit_code or 1
    log.info("main window shown")
    code = 0 if app.property(PROBE_DONE) else app.exec()
    application.shutdown()
    return code
