"""First run: how the key is kept, the recovery key, the organisation, who uses this laptop, optional demo data.

The database is created when the person leaves the recovery-key page (the key is known and kept by then); the
organisation and user are saved at the end. If the wizard is abandoned after the database exists, the next start
reopens it on the "organisation" page (``profile_only``): nothing is created twice.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from caseworker.errors import KnownError
from caseworker.services import Services
from caseworker.services.credentials import secret_problem
from caseworker.services.directory import OrganisationInput
from caseworker.services.errors import TransitionError, ValidationError
from caseworker.services.reference import Picklist
from caseworker.services.setup import FirstRunInput
from caseworker.services.validation import LABEL_MAX, NAME_MAX
from caseworker.ui.common.fitted_dialog import fit_to_screen
from caseworker.ui.common.form_errors import FormErrors
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.tasks import run_with_progress
from caseworker.ui.common.text_limits import limited_line
from caseworker.ui.setup.join_team_page import JoinTeam, JoinTeamPage
from caseworker.ui.setup.key_tools import KeyMaterial, KeyTools
from caseworker.ui.setup.recovery_key_panel import RecoveryKeyPanel

CreateStore = Callable[[KeyMaterial], tuple[Services, str]]
"""Creates the encrypted store from key material; returns the services and the database id."""

DemoGenerator = Callable[[Services, int, Callable[[int, int], None], Callable[[], bool]], bool]
"""Adds fictitious households; returns False when the person cancelled (nothing was added)."""


class WelcomePage(QWizardPage):
    """What the application does, what the wizard will ask, and (when possible) joining a team's server."""

    def __init__(self, *, can_join: bool = False) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to Caseworker"))
        if can_join:
            intro = self.tr(
                "Caseworker follows the households your association supports: members, housing, consents to share "
                "information with landlords, and who viewed each file.\n\n"
                "The files are kept either in an encrypted database on this computer (nothing is sent anywhere), or "
                "on your association's server, shared by the team over an encrypted connection."
            )
        else:
            intro = self.tr(
                "Caseworker follows the households your association supports: members, housing, consents to share "
                "information with landlords, and who viewed each file.\n\n"
                "Everything is stored in an encrypted database on this computer. Nothing is sent anywhere.\n\n"
                "This assistant sets up the encryption key, a recovery key to print, your organisation and the "
                "person who uses this laptop."
            )
        text = QLabel(intro)
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        self.local_radio = QRadioButton(self.tr("Create the &database on this computer (one person, or to try)"))
        self.join_radio = QRadioButton(self.tr("&Join my team: our files are on the association's server"))
        self.local_radio.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.local_radio)
        choice.addButton(self.join_radio)
        if can_join:
            layout.addSpacing(12)
            layout.addWidget(self.local_radio)
            layout.addWidget(self.join_radio)
        else:
            self.local_radio.setVisible(False)
            self.join_radio.setVisible(False)
        layout.addStretch(1)


class KeyStoragePage(QWizardPage):
    """Keyring (silent unlock) or passphrase (asked at each start)."""

    def __init__(self, keyring_is_secure: bool, keys: KeyTools) -> None:
        super().__init__()
        self.setTitle(self.tr("Protecting the database"))
        self.setSubTitle(self.tr("The database is encrypted with a random key. Choose how this computer keeps it."))
        self._keys = keys
        self.material: KeyMaterial | None = None
        self._prepared_for: str | None = None
        self.keyring_radio = QRadioButton(
            self.tr("In the system &keyring (recommended): opens without typing anything")
        )
        self.passphrase_radio = QRadioButton(self.tr("With a &passphrase, typed at each start"))
        group = QButtonGroup(self)
        group.addButton(self.keyring_radio)
        group.addButton(self.passphrase_radio)
        note = QLabel()
        note.setWordWrap(True)
        if keyring_is_secure:
            self.keyring_radio.setChecked(True)
        else:
            self.keyring_radio.setEnabled(False)
            self.passphrase_radio.setChecked(True)
            note.setText(
                self.tr(
                    "No secure keyring is available on this computer, so the key will be derived from a passphrase."
                )
            )
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = FormErrors()
        form = QFormLayout()
        self.errors.add_row(form, self.tr("Passphrase:"), self.passphrase_edit, "passphrase")
        self.errors.add_row(form, self.tr("Confirm:"), self.confirm_edit, "confirm")
        self._form_widget = QWidget()
        self._form_widget.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring_radio)
        layout.addWidget(self.passphrase_radio)
        layout.addWidget(note)
        layout.addWidget(self._form_widget)
        layout.addStretch(1)
        for signal in (
            self.passphrase_radio.toggled,
            self.passphrase_edit.textChanged,
            self.confirm_edit.textChanged,
        ):
            signal.connect(self._refresh)
        self._refresh()

    def _problems(self) -> dict[str, str]:
        if not self.passphrase_radio.isChecked():
            return {}
        return self._keys.passphrase_problems(self.passphrase_edit.text(), self.confirm_edit.text())

    def _refresh(self) -> None:
        self._form_widget.setEnabled(self.passphrase_radio.isChecked())
        problems = self._problems()
        confirm = self.confirm_edit.text()
        if "confirm" in problems and (not confirm or self.passphrase_edit.text().startswith(confirm)):
            del problems["confirm"]  # still typing the second time: nothing is wrong yet
        typed = bool(self.passphrase_edit.text() or confirm)
        self.errors.show(problems if typed else {})
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Allow "Next" once the choice is valid."""
        return not self._problems()

    def validatePage(self) -> bool:
        """Prepare the key material (stretching a passphrase takes about half a second).

        Going back and forth keeps the same key (and recovery key) unless the choice changed: a recovery sheet
        already printed stays valid.
        """
        choice = self.passphrase_edit.text() if self.passphrase_radio.isChecked() else None
        if self.material is not None and choice == self._prepared_for:
            return True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.material = self._keys.prepare(choice)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._prepared_for = choice
        return True


class RecoveryKeyPage(QWizardPage):
    """Shows the recovery key once; creates the database when the person moves on."""

    def __init__(self, key_page: KeyStoragePage, create_store: CreateStore, keys: KeyTools) -> None:
        super().__init__()
        self.setTitle(self.tr("Recovery key"))
        self._key_page = key_page
        self._create_store = create_store
        self.services: Services | None = None
        self.panel = RecoveryKeyPanel(keys.recovery_sheet_pdf)
        self.panel.confirmation_changed.connect(lambda _checked: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create the database"))

    def initializePage(self) -> None:
        """Show the key prepared on the previous page."""
        material = self._key_page.material
        assert material is not None
        self.panel.show_key(material.recovery.formatted(), database_id=material.database_id)

    def isComplete(self) -> bool:
        """The person must confirm they kept the key."""
        return self.panel.is_confirmed()

    def validatePage(self) -> bool:
        """Create the encrypted database (once)."""
        if self.services is not None:
            return True
        material = self._key_page.material
        assert material is not None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.services, _database_id = self._create_store(material)
        except KnownError as exc:
            QGuiApplication.restoreOverrideCursor()
            show_error(self, exc, title=self.tr("The database could not be created"))
            return False
        except Exception as exc:
            QGuiApplication.restoreOverrideCursor()
            show_error(self, exc, title=self.tr("The database could not be created"))
            return False
        QGuiApplication.restoreOverrideCursor()
        return True


class ProfilePage(QWizardPage):
    """The organisation and the person who uses this laptop."""

    def __init__(self, services_source: Callable[[], Services | None]) -> None:
        super().__init__()
        self.setTitle(self.tr("Your organisation and you"))
        self.setSubTitle(self.tr("Every change and every file opened will be recorded under this name."))
        self._services_source = services_source
        self.organisation_edit = limited_line(LABEL_MAX)
        self.organisation_kind = QComboBox()
        self.territory_edit = limited_line(LABEL_MAX)
        self.first_name_edit = limited_line(NAME_MAX)
        self.last_name_edit = limited_line(NAME_MAX)
        self.role_combo = QComboBox()
        self.fte_spin = QSpinBox()
        self.fte_spin.setRange(1, 100)
        self.fte_spin.setValue(100)
        self.fte_spin.setSuffix(" %")
        self.errors = FormErrors()
        form = QFormLayout(self)
        self.errors.add_row(form, self.tr("&Organisation:"), self.organisation_edit, "organisation_name", "name")
        self.errors.add_row(form, self.tr("&Kind:"), self.organisation_kind, "kind_code")
        self.errors.add_row(form, self.tr("&Territory:"), self.territory_edit, "territory")
        self.errors.add_row(form, self.tr("&First name:"), self.first_name_edit, "first_name")
        self.errors.add_row(form, self.tr("&Last name:"), self.last_name_edit, "last_name")
        self.errors.add_row(form, self.tr("&Role:"), self.role_combo, "role_code")
        self.errors.add_row(form, self.tr("&Working time:"), self.fte_spin, "fte_percent")
        # One's own code can wait (the window asks at start), but here is where it fits best.
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("personalCode")
        self.code_confirm_edit = QLineEdit()
        for edit in (self.code_edit, self.code_confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(200)
        self.code_edit.setPlaceholderText(self.tr("At least 6 digits, or a passphrase"))
        self.code_edit.setToolTip(
            self.tr(
                "Asked to switch to you and to unlock the window after a pause, on a laptop shared by the team. "
                "Leave it empty to choose it later."
            )
        )
        self.errors.add_row(form, self.tr("Personal &code:"), self.code_edit, "secret")
        self.errors.add_row(form, self.tr("Confir&m the code:"), self.code_confirm_edit, "confirm")
        for edit in (self.organisation_edit, self.first_name_edit, self.last_name_edit):
            edit.textChanged.connect(self.completeChanged)

    def initializePage(self) -> None:
        """Fill the picklists from the new database."""
        services = self._services_source()
        assert services is not None
        if self.organisation_kind.count() == 0:
            for choice in services.reference.choices(Picklist.ORGANISATION_KIND):
                self.organisation_kind.addItem(choice.label, choice.code)
            self.organisation_kind.setCurrentIndex(max(self.organisation_kind.findData("association"), 0))
            for choice in services.reference.choices(Picklist.STAFF_ROLE):
                self.role_combo.addItem(choice.label, choice.code)
        self.organisation_edit.setFocus()

    def isComplete(self) -> bool:
        """Organisation and name are required."""
        return all(edit.text().strip() for edit in (self.organisation_edit, self.first_name_edit, self.last_name_edit))

    def first_run_input(self) -> FirstRunInput:
        """Return what was typed."""
        return FirstRunInput(
            organisation=OrganisationInput(
                name=self.organisation_edit.text(),
                kind_code=str(self.organisation_kind.currentData()),
                territory=self.territory_edit.text(),
            ),
            first_name=self.first_name_edit.text(),
            last_name=self.last_name_edit.text(),
            role_code=str(self.role_combo.currentData()),
            fte_percent=self.fte_spin.value(),
        )

    def personal_code_problems(self) -> dict[str, str]:
        """Check the personal code typed (none is fine: it is asked later), before anything is saved."""
        code, confirmation = self.code_edit.text(), self.code_confirm_edit.text()
        if not code and not confirmation:
            return {}
        problem = secret_problem(code, personal_words=(self.first_name_edit.text(), self.last_name_edit.text()))
        if problem:
            return {"secret": problem}
        if confirmation != code:
            return {"confirm": self.tr("The two typings of the code differ.")}
        return {}


class DemoDataPage(QWizardPage):
    """Optional fictitious households to discover the application."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Demonstration data"))
        text = QLabel(
            self.tr(
                "You can add fictitious households (invented names and addresses) to try the application. Do not "
                "add them to a database that will hold real files: they would be counted with them.\n\n"
                "They are shared among the teams of fictitious colleagues, and each person sees the households whose "
                "team they are on: you will be on about twenty of them; a team lead sees them all."
            )
        )
        text.setWordWrap(True)
        self.demo_box = QCheckBox(self.tr("Add &fictitious households"))
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, 10_000)
        self.count_spin.setValue(50)
        self.count_spin.setEnabled(False)
        self.demo_box.toggled.connect(self.count_spin.setEnabled)
        form = QFormLayout()
        form.addRow(self.tr("Number of households:"), self.count_spin)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.demo_box)
        layout.addLayout(form)
        layout.addStretch(1)


class FirstRunWizard(QWizard):
    """The first-run assistant (see the module docstring)."""

    def __init__(
        self,
        *,
        keyring_is_secure: bool,
        keys: KeyTools,
        create_store: CreateStore,
        generate_demo: DemoGenerator,
        existing_services: Services | None = None,
        join_team: JoinTeam | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Setting up Caseworker"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(720, 520)
        self._generate_demo = generate_demo
        self._existing_services = existing_services
        self.profile_only = existing_services is not None
        self._finishing = False
        self.key_page: KeyStoragePage | None = None
        self.recovery_page: RecoveryKeyPage | None = None
        self.welcome_page: WelcomePage | None = None
        self.join_page: JoinTeamPage | None = None
        if not self.profile_only:
            self.welcome_page = WelcomePage(can_join=join_team is not None)
            self.addPage(self.welcome_page)
            self.key_page = KeyStoragePage(keyring_is_secure, keys)
            self.recovery_page = RecoveryKeyPage(self.key_page, create_store, keys)
            self.addPage(self.key_page)
            self.addPage(self.recovery_page)
        self.profile_page = ProfilePage(self.services)
        self.demo_page = DemoDataPage()
        self.addPage(self.profile_page)
        self.addPage(self.demo_page)
        if join_team is not None and not self.profile_only:
            self.join_page = JoinTeamPage(join_team, keys.passphrase_problems)
            self._join_id = self.addPage(self.join_page)

    @property
    def joined(self) -> bool:
        """True when the person joined a team's server (there is no local database then)."""
        return self.join_page is not None and self.join_page.joined

    def nextId(self) -> int:
        """Welcome leads to the local set-up or to joining a team; each path ends on its own last page."""
        current = self.currentPage()
        if current is self.welcome_page and self.welcome_page is not None and self.welcome_page.join_radio.isChecked():
            return self._join_id
        if current is self.demo_page or current is self.join_page:
            return -1
        return super().nextId()

    def showEvent(self, event: QShowEvent) -> None:
        """Stay within the screen (a wizard lays its pages out itself: see ``fitted_dialog``)."""
        super().showEvent(event)
        fit_to_screen(self)

    def services(self) -> Services | None:
        """Return the services of the database (existing, or created by this wizard)."""
        if self._existing_services is not None:
            return self._existing_services
        return self.recovery_page.services if self.recovery_page is not None else None

    def validateCurrentPage(self) -> bool:
        """On the last page, save the organisation and user, then add demo data if asked."""
        if self.currentPage() is not self.demo_page:
            return super().validateCurrentPage()
        if self._finishing:
            return False  # a second click on "Terminer" while the first one works
        self._finishing = True
        try:
            return self._finish()
        finally:
            self._finishing = False

    def _finish(self) -> bool:
        services = self.services()
        assert services is not None
        profile = self.profile_page
        code_problems = profile.personal_code_problems()
        if code_problems:
            self.back()
            profile.errors.show(code_problems)
            return False
        try:
            services.setup.complete_first_run(profile.first_run_input())
        except ValidationError as exc:
            self.back()
            profile.errors.show(exc.errors)
            return False
        except TransitionError:
            return True  # already done (this session, or an earlier one): nothing to add
        if profile.code_edit.text():
            try:
                services.credentials.set_own(profile.code_edit.text(), profile.code_confirm_edit.text())
            except KnownError as exc:  # checked above: only a surprise lands here, and the code can wait
                show_error(self, exc)
        if self.demo_page.demo_box.isChecked():
            count = self.demo_page.count_spin.value()
            try:
                completed = run_with_progress(
                    self,
                    self.tr("Demonstration data"),
                    self.tr("Creating {count} fictitious households…").format(count=count),
                    lambda report, cancelled: self._generate_demo(services, count, report, cancelled),
                )
                if not completed:
                    QMessageBox.information(
                        self,
                        self.tr("Demonstration data"),
                        self.tr("Cancelled: no fictitious household was added."),
                    )
            except Exception as exc:
                show_error(self, exc, title=self.tr("Demonstration data"))
        return True
