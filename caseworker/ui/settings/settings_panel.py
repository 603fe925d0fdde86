"""Paramètres: who uses this laptop, the encrypted database (backup, key change), the measure catalogue, about.

A second tab holds what generated documents are made of: the letterhead and the contract clause templates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseworker import __version__
from caseworker.errors import KeyChangeIncompleteError, KnownError
from caseworker.formats import format_date, format_long_date
from caseworker.services.auto_lock import AutoLockService
from caseworker.services.calendar.territories import WorkingDaysService
from caseworker.services.contracts import ContractTemplateService
from caseworker.services.credentials import CredentialService
from caseworker.services.directory import DirectoryService
from caseworker.services.letterhead import LetterheadService
from caseworker.services.setup import SetupService
from caseworker.services.support import CriteriaService, MeasureService
from caseworker.services.support.funding import FundingService
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.flow_layout import FlowLayout
from caseworker.ui.common.form_errors import FormErrors
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.tasks import run_with_progress
from caseworker.ui.settings.contract_templates_panel import ContractTemplatesPanel
from caseworker.ui.settings.credential_dialogs import PersonalCodeDialog, SwitchUserDialog
from caseworker.ui.settings.letterhead_panel import LetterheadPanel
from caseworker.ui.settings.measure_catalogue import MeasureCataloguePanel
from caseworker.ui.settings.territory_box import TerritoryBox
from caseworker.ui.setup.key_tools import KeptKeyNotice, KeyMaterial, KeyTools
from caseworker.ui.setup.recovery_key_panel import RecoveryKeyPanel


@dataclass(frozen=True)
class DatabaseInfo:
    """What the settings page shows about the store (given by the composition root)."""

    path: str
    key_storage: str
    keyring_backend: str
    revision: str
    database_id: str
    last_backup: str


@dataclass(frozen=True)
class DatabaseActions:
    """Operations on the store that only the composition root may perform."""

    info: Callable[[], DatabaseInfo]
    backup: Callable[[], str]
    rekey: Callable[[KeyMaterial], Sequence[KeptKeyNotice]]
    """Change the key; return the older keys that backups still need (see ``KeyChange.keys_to_keep``)."""
    keyring_is_secure: bool
    keys: KeyTools
    backup_retention_days: int
    """Backups are deleted this many days after they were written."""
    team_mode: bool = False
    """The files are on the team's server: no key or backup on this laptop, and each person logs in."""


@dataclass(frozen=True)
class SettingsDeps:
    """The services the Paramètres section calls (the store itself is reached through :class:`DatabaseActions`).

    Attributes:
        setup: who uses this laptop, and the association running the application.
        directory: the staff to switch to, and the association's name.
        measures: the measure catalogue.
        funding: who funds each measure.
        working_days: the territory whose public holidays deadlines count.
        letterhead: the letterhead of generated documents.
        contract_templates: the contract clause templates.
        credentials: each person's own code (local mode).
        auto_lock: the inactivity delay before the window locks.
        criteria: the measures' entry criteria (None: not edited here).
    """

    setup: SetupService
    directory: DirectoryService
    measures: MeasureService
    funding: FundingService
    working_days: WorkingDaysService
    letterhead: LetterheadService
    contract_templates: ContractTemplateService
    credentials: CredentialService
    auto_lock: AutoLockService
    criteria: CriteriaService | None = None


class ChangeKeyDialog(FittedDialog):
    """Changing the key in two steps: choose the new key and keep its recovery key, then re-encrypt.

    The new recovery key is shown (and must be confirmed) *before* anything changes, so that whatever happens
    during the re-encryption, the person holds a recovery key that opens the result.
    """

    def __init__(
        self,
        actions: DatabaseActions,
        database_id: str,
        organisation_name: str,
        parent: QWidget | None = None,
        *,
        user_name: str = "",
    ):
        super().__init__(parent)
        self._actions = actions
        self._database_id = database_id
        self._organisation_name = organisation_name
        # The first words someone who knows whose laptop it is would try.
        self._personal_words = [name for name in (organisation_name, user_name) if name]
        self.material: KeyMaterial | None = None
        self.busy = False
        self.changed = False
        self.setWindowTitle(self.tr("Change the database key"))
        self.setMinimumWidth(620)
        self.keyring_radio = QRadioButton(self.tr("New random key kept in the system &keyring"))
        self.passphrase_radio = QRadioButton(self.tr("New &passphrase"))
        if actions.keyring_is_secure:
            self.keyring_radio.setChecked(True)
        else:
            self.keyring_radio.setEnabled(False)
            self.passphrase_radio.setChecked(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = FormErrors()
        form = QFormLayout()
        self.errors.add_row(form, self.tr("Passphrase:"), self.passphrase_edit, "passphrase")
        self.errors.add_row(form, self.tr("Confirm:"), self.confirm_edit, "confirm")
        self.recovery_panel = RecoveryKeyPanel(actions.keys.recovery_sheet_pdf)
        self.recovery_panel.setVisible(False)
        self.recovery_panel.confirmation_changed.connect(self._confirmation_changed)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.next_button = self.buttons.addButton(self.tr("&Next"), QDialogButtonBox.ButtonRole.ActionRole)
        self.next_button.clicked.connect(self._prepare)
        self.change_button = self.buttons.addButton(self.tr("C&hange the key"), QDialogButtonBox.ButtonRole.ActionRole)
        self.change_button.clicked.connect(self._change)
        self.change_button.setVisible(False)
        self.change_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        explanation = QLabel(
            self.tr(
                "The database is re-encrypted with a new key, and a new recovery key replaces the old one. Keep the "
                "old sheet until you are told that no backup needs it any more. A backup is taken first."
            )
        )
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.keyring_radio)
        layout.addWidget(self.passphrase_radio)
        layout.addLayout(form)
        layout.addWidget(self.recovery_panel)
        layout.addWidget(self.buttons)

    def _prepare(self) -> None:
        """Step 1: make the new key and show its recovery key; nothing is changed yet."""
        if self.passphrase_radio.isChecked():
            problems = self._actions.keys.passphrase_problems(
                self.passphrase_edit.text(), self.confirm_edit.text(), personal_words=self._personal_words
            )
            if problems:
                self.errors.show(problems)
                return
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.material = self._actions.keys.prepare(self.passphrase_edit.text())
            finally:
                QGuiApplication.restoreOverrideCursor()
        else:
            self.material = self._actions.keys.prepare(None)
        self.errors.clear()
        for widget in (self.keyring_radio, self.passphrase_radio, self.passphrase_edit, self.confirm_edit):
            widget.setEnabled(False)
        self.recovery_panel.show_key(self.material.recovery.formatted(), self._database_id, self._organisation_name)
        self.recovery_panel.setVisible(True)
        self.next_button.setVisible(False)
        self.change_button.setVisible(True)
        self.adjustSize()

    def _confirmation_changed(self, confirmed: bool) -> None:
        self.change_button.setEnabled(confirmed and not self.busy)

    def _change(self) -> None:
        """Step 2: re-encrypt (once: the button and the dialog are locked while it runs)."""
        if self.busy or self.material is None or not self.recovery_panel.is_confirmed():
            return
        self.busy = True
        self.change_button.setEnabled(False)
        self.buttons.setEnabled(False)
        material = self.material
        try:
            kept = run_with_progress(
                self,
                self.tr("Change the database key"),
                self.tr("Re-encrypting the database and its backups…"),
                lambda _report, _cancelled: self._actions.rekey(material),
                cancellable=False,
            )
        except KeyChangeIncompleteError as exc:
            self.changed = True
            show_error(self, exc, title=self.tr("Change the database key"))
        except Exception as exc:
            show_error(self, exc, title=self.tr("The key could not be changed"))
        else:
            self.changed = True
            QMessageBox.information(self, self.tr("Change the database key"), self._changed_message(kept))
        finally:
            self.busy = False
        self.done(QDialog.DialogCode.Accepted if self.changed else QDialog.DialogCode.Rejected)

    def _changed_message(self, kept: Sequence[KeptKeyNotice]) -> str:
        """Say what to keep: the new recovery key, and the older ones that backups still need (never "destroy")."""
        if not kept:
            return self.tr("The key was changed. Keep the new recovery key; destroy the old one.")
        count = sum(len(item.backups) for item in kept)
        lines = [
            self.tr(
                "The key was changed. Keep the new recovery key. %n backup(s) are still encrypted with an older key:",
                "",
                count,
            )
        ]
        for item in kept:
            names = ", ".join(path.name for path in item.backups)
            single = len(item.backups) == 1
            if item.key_info is None:
                if single:
                    text = self.tr(
                        "The key file of this backup is unreadable: {names}. Keep your old recovery keys and "
                        "passphrases as long as it exists."
                    )
                else:
                    text = self.tr(
                        "The key file of these {count} backups is unreadable: {names}. Keep your old recovery keys "
                        "and passphrases as long as they exist."
                    )
                lines.append(text.format(names=names, count=len(item.backups)))
                continue
            if single:
                text = self.tr(
                    "Keep {secret} as long as this backup exists: {names}. It is deleted automatically {days} days "
                    "after it was written (on {until} at the earliest)."
                )
            else:
                text = self.tr(
                    "Keep {secret} as long as these {count} backups exist: {names}. They are deleted automatically "
                    "{days} days after they were written (the last one on {until} at the earliest)."
                )
            text = text.format(
                secret=self._secret(item),
                names=names,
                count=len(item.backups),
                days=self._actions.backup_retention_days,
                until=format_date(item.deleted_from),
            )
            if item.in_keyring:
                text += " " + self.tr(
                    "The old key is still in this computer's keyring: the next start tries the re-encryption again."
                )
            lines.append(text)
        return "\n\n".join(lines)

    def _secret(self, item: KeptKeyNotice) -> str:
        """Name what opens the backups of an older key: its recovery sheet (dated) and, if any, its passphrase."""
        created_on = item.created_on
        if created_on is None:
            if item.passphrase:
                return self.tr("the old recovery key or the old passphrase")
            return self.tr("the old recovery key")
        created = format_long_date(created_on)
        if item.passphrase:
            return self.tr("the old recovery key (key created on {date}) or the old passphrase").format(date=created)
        return self.tr("the old recovery key (key created on {date})").format(date=created)

    def reject(self) -> None:
        """Escape and Cancel do nothing while the database is being re-encrypted."""
        if self.busy:
            return
        super().reject()


class SettingsPanel(QWidget):
    """The Paramètres section.

    Signals:
        user_switched: another staff member now uses this laptop.
        auto_lock_changed(int): the inactivity delay changed (minutes).
    """

    user_switched = Signal()
    auto_lock_changed = Signal(int)

    def __init__(self, deps: SettingsDeps, actions: DatabaseActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self._actions = actions
        title = QLabel(self.tr("Settings"))
        title.setObjectName("pageTitle")
        user_box = self._build_user_box()
        db_box = self._build_database_box()
        general = self._build_general_tab(user_box, db_box)
        # documents: a second tab, so that the clause editor gets the height it needs at 1280×800
        documents = self._build_documents_tab()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(general, self.tr("&General"))
        self.tabs.addTab(documents, self.tr("&Documents and contracts"))
        self._documents_tab = documents
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    # building ---------------------------------------------------------------------------------------------

    def _build_user_box(self) -> QGroupBox:
        """Return the box that names the current user, switches to another, and holds the personal codes."""
        user_box = QGroupBox(self.tr("Logged in") if self._actions.team_mode else self.tr("Who uses this computer"))
        user_form = QFormLayout(user_box)
        self.user_label = QLabel()
        self.user_combo = QComboBox()
        self.switch_button = QPushButton(self.tr("&Switch user"))
        self.switch_button.clicked.connect(self._switch_user)
        self.own_code_button = QPushButton(self.tr("&My personal code…"))
        self.own_code_button.clicked.connect(self._own_code)
        self.colleague_code_button = QPushButton(self.tr("Code of the &person chosen…"))
        self.colleague_code_button.clicked.connect(self._colleague_code)
        self.code_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.user_combo, 1)
        row.addWidget(self.switch_button)
        row.addWidget(self.colleague_code_button)
        user_form.addRow(self.tr("Current user:"), self.user_label)
        if self._actions.team_mode:
            # On the team's server each person logs in with their own login: nobody acts as someone else.
            for widget in (self.user_combo, self.switch_button, self.colleague_code_button):
                widget.setVisible(False)
            note = QLabel(self.tr("Team mode: to work as another person, quit and log in with their own login."))
            note.setWordWrap(True)
            user_form.addRow(note)
        else:
            user_form.addRow(self.tr("Another person:"), row)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setObjectName("lockMinutes")
        low, high = self._deps.auto_lock.bounds
        self.lock_minutes.setRange(low, high)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setToolTip(self.tr("Without keyboard or mouse for this long, the window locks."))
        self.lock_minutes.editingFinished.connect(self._lock_minutes_chosen)
        security = QWidget()
        flow = FlowLayout(security)
        flow.setContentsMargins(0, 0, 0, 0)
        if not self._actions.team_mode:  # in team mode the server's password is the credential
            flow.addWidget(self.own_code_button)
            flow.addWidget(self.code_label)
        flow.addWidget(QLabel(self.tr("Lock after inactivity:")))
        flow.addWidget(self.lock_minutes)
        user_form.addRow(self.tr("Security:"), security)
        return user_box

    def _build_database_box(self) -> QGroupBox:
        """Return the box that describes the encrypted database, with the backup and change-key buttons."""
        team = self._actions.team_mode
        db_box = QGroupBox(self.tr("Team server") if team else self.tr("Encrypted database"))
        db_form = QFormLayout(db_box)
        self.path_label = QLabel()
        self.storage_label = QLabel()
        self.revision_label = QLabel()
        self.backup_label = QLabel()
        for label in (self.path_label, self.storage_label, self.backup_label):
            label.setWordWrap(True)
        db_form.addRow(self.tr("Server:") if team else self.tr("File:"), self.path_label)
        db_form.addRow(self.tr("Connection:") if team else self.tr("Key kept:"), self.storage_label)
        db_form.addRow(self.tr("Schema version:"), self.revision_label)
        db_form.addRow(self.tr("Backups:") if team else self.tr("Last backup:"), self.backup_label)
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.clicked.connect(self._backup)
        self.rekey_button = QPushButton(self.tr("Change the &key…"))
        self.rekey_button.clicked.connect(self._rekey)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.rekey_button)
        buttons.addStretch(1)
        if not team:
            db_form.addRow(buttons)
        else:
            self.backup_button.setVisible(False)
            self.rekey_button.setVisible(False)
        return db_box

    def _build_general_tab(self, user_box: QGroupBox, db_box: QGroupBox) -> QWidget:
        """Return the General tab: the user, the territory, the database, the measures and the about line."""
        about = QLabel(
            self.tr(
                "Caseworker {version}. Encryption: SQLCipher (BSD licence) with OpenSSL (Apache 2.0). "
                "Fonts: DejaVu (free licence)."
            ).format(version=__version__)
        )
        about.setWordWrap(True)
        # reference data
        measures_box = QGroupBox(self.tr("Measures (dispositifs)"))
        self.measures = MeasureCataloguePanel(self._deps.measures, self._deps.funding, criteria=self._deps.criteria)
        QVBoxLayout(measures_box).addWidget(self.measures)
        general = QWidget()
        general.setObjectName("generalSettings")
        general_layout = QVBoxLayout(general)
        general_layout.addWidget(user_box)
        self.territory_box = TerritoryBox(self._deps.working_days)
        general_layout.addWidget(self.territory_box)
        general_layout.addWidget(db_box)
        general_layout.addWidget(measures_box, 1)
        general_layout.addWidget(about)
        return general

    def _build_documents_tab(self) -> QWidget:
        """Return the Documents tab: the letterhead and the contract templates."""
        letterhead_box = QGroupBox(self.tr("Documents: letterhead"))
        self.letterhead = LetterheadPanel(self._deps.letterhead, self._deps.setup, self._deps.directory)
        QVBoxLayout(letterhead_box).addWidget(self.letterhead)
        templates_box = QGroupBox(self.tr("Contract templates"))
        self.contract_templates = ContractTemplatesPanel(self._deps.contract_templates)
        QVBoxLayout(templates_box).addWidget(self.contract_templates)
        documents = QWidget()
        documents.setObjectName("documentSettings")
        documents_layout = QVBoxLayout(documents)
        documents_layout.addWidget(letterhead_box)
        documents_layout.addWidget(templates_box, 1)
        return documents

    def may_close(self) -> bool:
        """Ask before unsaved changes to a contract template are lost (they are shown while asking)."""
        if not self.contract_templates.is_dirty():
            return True
        self.tabs.setCurrentWidget(self._documents_tab)
        return self.contract_templates.may_discard()

    def refresh(self) -> None:
        """Re-read everything shown."""
        current = self._deps.setup.load_actor()
        self.user_label.setText(
            f"{current.display_name} — {current.role_label}, {current.organisation_name}" if current else "—"
        )
        self.user_combo.clear()
        for staff in self._deps.directory.list_staff():
            self.user_combo.addItem(f"{staff.display_name} ({staff.role_label})", staff.id)
        self._refresh_codes(current is not None)
        self.lock_minutes.setValue(self._deps.auto_lock.idle_minutes())
        enable_unless(
            self.lock_minutes,
            "" if self._deps.auto_lock.may_change() else self.tr("Only an administrateur changes this delay."),
        )
        info = self._actions.info()
        self.path_label.setText(info.path)
        self.storage_label.setText(info.key_storage)
        self.revision_label.setText(info.revision)
        self.backup_label.setText(info.last_backup)
        self.territory_box.reload()
        self.letterhead.reload()

    def _refresh_codes(self, logged_in: bool) -> None:
        credentials = self._deps.credentials
        if not credentials.available:
            return
        me = self._deps.setup.load_actor()
        has_code = me is not None and credentials.has_credential(me.id)
        self.code_label.setText(self.tr("(personal code chosen)") if has_code else self.tr("(no personal code yet)"))
        enable_unless(self.own_code_button, "" if logged_in else self.tr("Nobody is logged in."))
        enable_unless(
            self.colleague_code_button,
            ""
            if credentials.may_reset_others()
            else self.tr("Only an administrateur gives a colleague a new code (when they have forgotten theirs)."),
        )

    def _switch_user(self) -> None:
        staff_id = self.user_combo.currentData()
        if staff_id is None:
            return
        current = self._deps.setup.load_actor()
        if current is not None and current.id == staff_id:
            return
        name = self._deps.directory.get_staff(int(staff_id)).display_name
        dialog = SwitchUserDialog(self._deps.setup, int(staff_id), name, parent=self)
        if not dialog.exec():
            return
        self.refresh()
        self.user_switched.emit()

    def _own_code(self) -> None:
        me = self._deps.setup.load_actor()
        if me is None:
            return
        dialog = PersonalCodeDialog(
            self._deps.credentials, has_current=self._deps.credentials.has_credential(me.id), parent=self
        )
        if dialog.exec():
            QMessageBox.information(self, self.tr("My personal code"), self.tr("Your personal code was saved."))
        self.refresh()

    def _colleague_code(self) -> None:
        staff_id = self.user_combo.currentData()
        me = self._deps.setup.load_actor()
        if staff_id is None or (me is not None and me.id == staff_id):
            QMessageBox.information(
                self,
                self.tr("Personal code"),
                self.tr("Choose a colleague in the list above (for your own code: My personal code)."),
            )
            return
        name = self._deps.directory.get_staff(int(staff_id)).display_name
        dialog = PersonalCodeDialog(self._deps.credentials, colleague=(int(staff_id), name), parent=self)
        if dialog.exec():
            QMessageBox.information(
                self, self.tr("Personal code"), self.tr("The new code of {name} was saved.").format(name=name)
            )

    def _lock_minutes_chosen(self) -> None:
        minutes = self.lock_minutes.value()
        if minutes == self._deps.auto_lock.idle_minutes():
            return
        try:
            self._deps.auto_lock.set_idle_minutes(minutes)
        except KnownError as exc:
            show_error(self, exc)
            self.lock_minutes.setValue(self._deps.auto_lock.idle_minutes())
            return
        self.auto_lock_changed.emit(minutes)

    def _backup(self) -> None:
        try:
            path = self._actions.backup()
        except Exception as exc:
            show_error(self, exc, title=self.tr("Backup failed"))
            return
        self.refresh()
        QMessageBox.information(self, self.tr("Backup"), self.tr("Encrypted backup written:\n{path}").format(path=path))

    def _rekey(self) -> None:
        own = self._deps.setup.own_organisation_id()
        organisation = self._deps.directory.get_organisation(own).name if own is not None else ""
        actor = self._deps.setup.load_actor()
        dialog = ChangeKeyDialog(
            self._actions,
            self._actions.info().database_id,
            organisation,
            parent=self,
            user_name=actor.display_name if actor is not None else "",
        )
        dialog.exec()
        self.refresh()
