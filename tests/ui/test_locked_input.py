"""Nothing gets past the lock: no shortcut, no key of a covered dialog, no window opened meanwhile, no restart (F41).

Each test reproduces a way around the lock a reviewer found: the key or the event that slipped through, and what it
would have done (a section switched, a contact saved, a dialog closed with what was typed, a name shown, a page
printed, the last person's session opened without their code).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from caseworker.app import Application
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.ui.common.lock_page import Curtain
from caseworker.ui.common.pdf_preview import PdfPreviewDialog
from caseworker.ui.households.contact_dialog import ContactDialog
from tests.services.builders import new_household, row_count
from tests.ui.conftest import PIN, drive_modal
from tests.ui.test_pdf_preview import _pdf


def test_a_section_shortcut_does_nothing_while_locked(qtbot, application):
    window = application.window
    window.show()
    window.activateWindow()
    lock = window.screen_lock
    assert window.navigation.currentRow() == 0
    lock.lock()
    qtbot.keyClick(lock.page.form.secret_edit, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    row = window.navigation.currentRow()
    lock.unlock(PIN)
    assert row == 0, f"Ctrl+4 switched the locked window to section {row}"
    qtbot.keyClick(window.households.list_panel.search_edit, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.navigation.currentRow() == 3, "unlocked, the shortcuts work again"


def test_a_covered_contact_dialog_does_not_save_on_ctrl_enter(qtbot, application):
    window = application.window
    window.show()
    services = application.services
    household = new_household(services)
    before = row_count(services, "contact")
    seen: dict[str, object] = {}

    def while_locked(dialog: QWidget) -> None:
        assert isinstance(dialog, ContactDialog)
        dialog.outcome_combo.set_code("porte_close")
        qtbot.keyClicks(dialog.note_edit, "Porte close")
        lock = window.screen_lock
        lock.lock()
        curtain = dialog.findChild(Curtain)
        assert curtain is not None and curtain.isVisible()
        qtbot.keyClick(curtain.form.secret_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        seen["contacts"] = row_count(services, "contact")
        seen["open"] = dialog.isVisible()
        lock.unlock(PIN)
        seen["note"] = dialog.note_edit.toPlainText()
        dialog.reject()

    drive_modal(qtbot, lambda: window.households.record_contact(household.id), while_locked)
    assert seen == {"contacts": before, "open": True, "note": "Porte close"}


def test_escape_or_the_window_s_close_button_leave_a_covered_dialog_open(qtbot, application):
    window = application.window
    window.show()
    seen: dict[str, object] = {}

    def while_locked(dialog: QWidget) -> None:
        first_name = dialog.person_form.first_name_edit
        qtbot.keyClicks(first_name, "Anne")
        lock = window.screen_lock
        lock.lock()
        curtain = dialog.findChild(Curtain)
        qtbot.keyClick(curtain.form.secret_edit, Qt.Key.Key_Escape)
        seen["after Escape"] = dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the dialog itself, had it the focus
        seen["after Escape to the dialog"] = dialog.isVisible()
        dialog.windowHandle().close()  # as the window manager's close button does
        seen["after close"] = dialog.isVisible()
        lock.unlock(PIN)
        seen["text"] = first_name.text()
        dialog.reject()

    drive_modal(qtbot, window.households.list_panel.new_button.click, while_locked)
    assert seen == {"after Escape": True, "after Escape to the dialog": True, "after close": True, "text": "Anne"}


def test_enter_with_the_right_code_unlocks_without_submitting_the_covered_dialog(qtbot, application):
    """The line edit passes Enter on to its parents: once unlocked, the dialog's default button would take it."""
    window = application.window
    window.show()
    seen: dict[str, object] = {}

    def unlock_with_enter(dialog: QWidget) -> None:
        first_name = dialog.person_form.first_name_edit
        qtbot.keyClicks(first_name, "Anne")
        lock = window.screen_lock
        lock.lock()
        curtain = dialog.findChild(Curtain)
        curtain.form.secret_edit.setText(PIN)
        qtbot.keyClick(curtain.form.secret_edit, Qt.Key.Key_Return)
        seen["locked"] = lock.is_locked
        seen["open"] = dialog.isVisible()
        seen["text"] = first_name.text()
        dialog.reject()

    drive_modal(qtbot, window.households.list_panel.new_button.click, unlock_with_enter)
    assert seen == {"locked": False, "open": True, "text": "Anne"}


def test_windows_opened_while_locked_are_covered_and_given_back(qtbot, application):
    window = application.window
    window.show()
    lock = window.screen_lock
    lock.lock()
    dialog = QDialog(window)
    edit = QLineEdit("Anne Dupont")
    QVBoxLayout(dialog).addWidget(edit)
    box = QMessageBox(QMessageBox.Icon.Warning, "Caseworker", "Le ménage Dupont a été modifié.", parent=window)
    opened: list[bool] = []
    QTimer.singleShot(0, lambda: opened.append(dialog.show() or box.open() or True))  # a timer, a live update
    qtbot.waitUntil(lambda: bool(opened))
    for shown in (dialog, box):
        assert shown.isVisible()
        curtain = shown.findChild(Curtain)
        assert curtain is not None and curtain.isVisible()
        assert shown.windowTitle() == "Caseworker"
    assert not edit.isVisible()
    assert not any(label.isVisible() and "Dupont" in label.text() for label in box.findChildren(QLabel))
    assert len(lock.forms()) == 3
    lock.unlock(PIN)
    assert edit.isVisible() and edit.text() == "Anne Dupont"
    assert any(label.isVisible() and "Dupont" in label.text() for label in box.findChildren(QLabel))
    box.close()
    dialog.close()


def test_nothing_is_printed_or_saved_while_locked(qtbot, application, tmp_path: Path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    window = application.window
    window.show()
    preview = PdfPreviewDialog(_pdf(2), "Fiche de liaison", "fiche-liaison.pdf", parent=window)
    preview.show()
    exported: list[str] = []
    preview.exported.connect(exported.append)
    lock = window.screen_lock
    lock.lock()
    assert preview.findChild(Curtain).isVisible()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) is False
    assert preview.save_to(str(tmp_path / "copy.pdf")) is False
    assert exported == [] and list(tmp_path.iterdir()) == []
    lock.unlock(PIN)
    assert preview.save_to(str(tmp_path / "copy.pdf")) is True
    assert exported == ["file"]
    preview.close()


def test_a_restart_opens_locked_on_the_last_person_s_session(qtbot, services, data_paths, database, clock):
    """Killing the process and starting again must not get past the lock: the person's code is asked first."""
    services.credentials.set_own(PIN, PIN)
    database.dispose()
    application = Application(data_paths, KeyringSecretStore(), clock=clock, ask_personal_code=True)
    assert application.start()
    window = application.window
    qtbot.addWidget(window)
    lock = window.screen_lock
    try:
        assert lock.is_locked, f"restarted: the window is open as {window.user_label.text()} and no code was asked"
        assert window.centralWidget() is lock.page and window.windowTitle() == "Caseworker"
        assert not window.households.list_panel.isVisible()
        assert not window.statusBar().isVisible()
        form = lock.page.form
        assert "Claire MARTIN" in form.person_label.text() and form.secret_edit.isVisible()
        form.secret_edit.setText("000000")
        form.unlock_button.click()
        assert lock.is_locked and form.message.text() == "Code incorrect pour Claire MARTIN."
        form.secret_edit.setText(PIN)
        form.unlock_button.click()
        assert not lock.is_locked
        assert window.households.list_panel.isVisible() and window.statusBar().isVisible()
        assert "Claire MARTIN" in window.user_label.text()
    finally:
        if lock.is_locked:
            lock.unlock(PIN)
        application.shutdown()


def test_a_start_without_asking_codes_opens_unlocked(qtbot, application):
    """Tests that build the window for something else (``ask_personal_code=False``) are not asked a code."""
    assert not application.window.screen_lock.is_locked
    assert QApplication.activeModalWidget() is None
