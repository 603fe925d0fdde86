"""Paramètres: switching user, an encrypted backup, and a key change that shows the new recovery key."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton

from caseworker.app import Application
from caseworker.domain import AuditAction
from caseworker.services.directory import StaffInput
from caseworker.storage.backups import list_backups
from caseworker.storage.database import Credentials, unlock_and_open
from caseworker.storage.key_info import KeyStorage, load_key_info
from caseworker.storage.secret_store import KeyringSecretStore
from tests.support.damage import damage_a_page_of_rows
from tests.ui.conftest import drive_modal

NEW_PASSPHRASE = "une nouvelle phrase de passe solide"
YANIS_PIN = "739152"


def _save_button(dialog: QDialog) -> QPushButton:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    return buttons.button(QDialogButtonBox.StandardButton.Save)


def _start(qtbot, services, data_paths, database, clock):
    database.dispose()
    application = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert application.start()
    qtbot.addWidget(application.window)
    application.window.show_widget(application.window.settings)
    return application


def test_backup_and_switch_user(qtbot, services, data_paths, database, clock, message_boxes):
    own = services.setup.own_organisation_id()
    colleague = services.directory.create_staff(
        StaffInput(first_name="Yanis", last_name="Le Goff", role_code="travailleur_pair", organisation_id=own)
    )
    claire = services.context.actor.staff_member_id
    services.context.actor.staff_member_id = colleague.id  # Yanis chose his code when he last worked here
    services.credentials.set_own(YANIS_PIN, YANIS_PIN)
    services.context.actor.staff_member_id = claire
    application = _start(qtbot, services, data_paths, database, clock)
    panel = application.window.settings
    assert panel.backup_label.text() == "aucune pour l'instant"
    panel.backup_button.click()
    assert len(list_backups(data_paths)) == 1
    assert "Sauvegarde chiffrée écrite" in message_boxes.texts("information")[0]
    assert panel.backup_label.text() != "aucune pour l'instant"
    panel.user_combo.setCurrentIndex(panel.user_combo.findData(colleague.id))

    def wrong_then_right(dialog):
        dialog.secret_edit.setText("000000")
        _save_button(dialog).click()
        assert dialog.isVisible(), "a wrong code keeps the dialog open"
        assert dialog.findChild(QLabel, "error_secret").text() == "Code incorrect pour Yanis LE GOFF."
        assert panel.user_label.text().startswith("Claire MARTIN")
        dialog.secret_edit.setText(YANIS_PIN)
        _save_button(dialog).click()

    drive_modal(qtbot, panel.switch_button.click, wrong_then_right)
    assert panel.user_label.text().startswith("Yanis LE GOFF")
    assert "Yanis LE GOFF" in application.window.user_label.text()
    actions = [entry.action for entry in application.services.audit.recent(limit=10)]
    assert AuditAction.BACKUP in actions
    assert AuditAction.LOGIN_FAILED in actions and AuditAction.LOGIN in actions
    application.shutdown()


def test_change_the_key_from_the_window(qtbot, services, data_paths, database, clock, message_boxes):
    application = _start(qtbot, services, data_paths, database, clock)
    panel = application.window.settings
    shown: list[str] = []

    def change(dialog):
        dialog.passphrase_radio.setChecked(True)
        dialog.passphrase_edit.setText(NEW_PASSPHRASE)
        dialog.confirm_edit.setText(NEW_PASSPHRASE)
        dialog.next_button.click()
        # The new recovery key is shown and must be kept before anything changes.
        assert dialog.recovery_panel.isVisible()
        shown.append(dialog.recovery_panel.key_label.text())
        assert not dialog.change_button.isEnabled()
        assert load_key_info(data_paths.key_info_file).storage is KeyStorage.KEYRING  # nothing changed yet
        dialog.recovery_panel.confirm_box.setChecked(True)
        # A second click (or Escape) while the database is re-encrypted does nothing.
        QTimer.singleShot(0, dialog._change)
        QTimer.singleShot(0, dialog.reject)
        dialog.change_button.click()

    drive_modal(qtbot, panel.rekey_button.click, change)
    assert QApplication.activeModalWidget() is None
    assert message_boxes.texts("information") == [
        "La clé a été changée. Conservez la nouvelle clé de secours ; détruisez l'ancienne."
    ]
    assert "phrase de passe" in panel.storage_label.text()
    assert (
        len([entry for entry in application.services.audit.recent(limit=10) if entry.action is AuditAction.REKEY]) == 1
    )
    # The window keeps working on the re-keyed database.
    assert application.services.households.list_summaries() == []
    application.shutdown()
    assert load_key_info(data_paths.key_info_file).storage is KeyStorage.PASSPHRASE
    reopened = unlock_and_open(data_paths, KeyringSecretStore(), Credentials(passphrase=NEW_PASSPHRASE))
    reopened.dispose()
    reopened = unlock_and_open(data_paths, KeyringSecretStore(), Credentials(recovery_key=shown[0]))
    reopened.dispose()


def test_the_territory_is_chosen_in_parametres_among_french_labels(qtbot, services, data_paths, database, clock):
    application = _start(qtbot, services, data_paths, database, clock)
    box = application.window.settings.territory_box
    assert box.title() == "Jours ouvrés"
    combo = box.combo
    assert combo.currentText() == "France métropolitaine"
    labels = [combo.itemText(index) for index in range(combo.count())]
    assert {"Moselle", "Bas-Rhin (Alsace)", "Haut-Rhin (Alsace)", "Guadeloupe", "Martinique", "Guyane"} <= set(labels)
    assert {"La Réunion", "Mayotte"} <= set(labels)
    index = combo.findText("Moselle")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert application.services.working_days.territory() == "57"
    application.window.settings.refresh()
    assert combo.currentText() == "Moselle"
    application.shutdown()


def test_a_weak_new_passphrase_is_refused_with_the_reason(qtbot, services, data_paths, database, clock):
    """The names of the person and of the association count as known words (Claire Martin, Le Toit)."""
    application = _start(qtbot, services, data_paths, database, clock)
    panel = application.window.settings
    refused: list[str] = []

    def try_weak(dialog):
        dialog.passphrase_radio.setChecked(True)
        for weak in ("azertyuiop12", "Le Toit de Claire Martin"):
            dialog.passphrase_edit.setText(weak)
            dialog.confirm_edit.setText(weak)
            dialog.next_button.click()
            assert not dialog.recovery_panel.isVisible()
            assert dialog.material is None
            refused.append(dialog.errors.message_for("passphrase"))
        dialog.reject()

    drive_modal(qtbot, panel.rekey_button.click, try_weak)
    assert "touches voisines du clavier" in refused[0]
    assert "votre nom ou celui de l'association" in refused[1]
    assert load_key_info(data_paths.key_info_file).storage is KeyStorage.KEYRING
    application.shutdown()


def test_after_a_key_change_the_window_says_which_backups_still_need_the_old_recovery_key(
    qtbot, services, data_paths, database, clock, message_boxes
):
    """A damaged backup cannot be re-encrypted: the old recovery key must be kept while it exists."""
    from datetime import datetime, timedelta

    from caseworker.formats import format_date, format_long_date

    database.backup()
    damaged = list_backups(data_paths)[0]
    damage_a_page_of_rows(damaged.path, database.key)
    created = format_long_date(
        datetime.fromisoformat(load_key_info(data_paths.key_info_file).key_changed_at).astimezone().date()
    )
    application = _start(qtbot, services, data_paths, database, clock)

    def change(dialog):
        dialog.passphrase_radio.setChecked(True)
        dialog.passphrase_edit.setText(NEW_PASSPHRASE)
        dialog.confirm_edit.setText(NEW_PASSPHRASE)
        dialog.next_button.click()
        dialog.recovery_panel.confirm_box.setChecked(True)
        dialog.change_button.click()

    drive_modal(qtbot, application.window.settings.rekey_button.click, change)
    until = format_date((damaged.created_at + timedelta(days=30)).astimezone().date())
    assert message_boxes.texts("information") == [
        "La clé a été changée. Conservez la nouvelle clé de secours. 1 sauvegarde reste chiffrée avec une "
        "ancienne clé :\n\n"
        f"Gardez l'ancienne clé de secours (clé créée le {created}) tant que cette sauvegarde existe : "
        f"{damaged.path.name}. Elle sera supprimée automatiquement 30 jours après son écriture (au plus tôt le "
        f"{until}). L'ancienne clé reste dans le trousseau de cet ordinateur : le prochain démarrage réessaiera le "
        "rechiffrement."
    ]
    application.shutdown()
