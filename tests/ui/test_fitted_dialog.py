"""Dialogs keep their size when messages are refreshed, never outgrow the screen, and keep Save in view."""

from __future__ import annotations

import gc
import importlib
import pkgutil

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QScrollArea, QWidget

import caseworker.ui
from caseworker.app import key_tools
from caseworker.services import Services
from caseworker.ui.common import fitted_dialog
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.households.contact_dialog import ContactDialog
from caseworker.ui.prevention.prevention_dialogs import DebtDialog
from caseworker.ui.setup.first_run_wizard import FirstRunWizard
from tests.services.builders import new_household
from tests.ui.deps import contact_deps, prevention_deps


def _save_button(dialog: QDialog):  # type: ignore[no-untyped-def]
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _inside(widget: QWidget, window: QWidget) -> bool:
    """Tell whether ``widget`` lies wholly inside ``window`` (what the person can reach)."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def test_saving_ten_times_on_a_bad_amount_keeps_the_dialog_height(qtbot, services: Services) -> None:
    household = new_household(services)
    dialog = DebtDialog(prevention_deps(services), household.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.amount_edit.setText("douze")
    heights = []
    for _ in range(10):
        _save_button(dialog).click()
        _settle()
        heights.append(dialog.height())
    assert dialog.errors.message_for("amount")
    assert len(set(heights)) == 1, heights
    assert dialog.isVisible() and _inside(_save_button(dialog), dialog)


def test_a_mismatched_passphrase_does_not_grow_the_wizard(qtbot) -> None:
    wizard = FirstRunWizard(
        keyring_is_secure=False,
        keys=key_tools(),
        create_store=lambda _material: None,  # type: ignore[arg-type,return-value]
        generate_demo=lambda *_: None,  # type: ignore[arg-type,return-value]
    )
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.key_page
    assert page is not None
    page.passphrase_edit.setText("une phrase de passe assez longue")
    heights = []
    page.confirm_edit.setText("une a")  # no longer the start of the passphrase: the mismatch is shown
    for letter in "utre phrase":
        page.confirm_edit.setText(page.confirm_edit.text() + letter)
        _settle()
        heights.append((wizard.height(), page.errors._labels["confirm"].minimumHeight()))
    assert page.errors.message_for("confirm")  # the mismatch, under the second typing
    assert len(set(heights)) == 1, heights


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """A screen whose usable area is only 440 pixels high (a netbook with a task bar, or a large font)."""
    area = QRect(0, 0, 1024, 440)
    monkeypatch.setattr(fitted_dialog, "available_geometry", lambda _widget: area)
    return area


def test_a_dialog_taller_than_the_screen_scrolls_and_keeps_its_buttons(
    qtbot, services: Services, small_screen: QRect
) -> None:
    household = new_household(services)
    dialog = ContactDialog(contact_deps(services), household.id, "DUPONT Marc · M-000001")
    qtbot.addWidget(dialog)
    assert dialog.minimumSizeHint().height() > small_screen.height()  # the form alone is taller than the screen
    dialog.show()
    _settle()
    assert dialog.height() <= small_screen.height() - fitted_dialog.FRAME_ALLOWANCE
    scroll = dialog.findChild(QScrollArea, fitted_dialog.SCROLL_AREA_NAME)
    assert scroll is not None and scroll.isAncestorOf(dialog.note_edit)
    assert _inside(_save_button(dialog), dialog)
    # Messages under the fields (the form grows) and a general one: still within the screen, Save still there.
    for _ in range(5):
        dialog.errors.show({"occurred_at": "Date illisible.", "note": "Trop long. " * 30, "autre": "Refusé."})
        _settle()
    assert dialog.height() <= small_screen.height() - fitted_dialog.FRAME_ALLOWANCE
    assert _inside(_save_button(dialog), dialog)
    general = next(label for label in dialog.findChildren(QWidget) if label.property(fitted_dialog.KEEP_IN_VIEW))
    assert general.isVisible() and not scroll.isAncestorOf(general) and _inside(general, dialog)


def test_a_dialog_that_fits_is_left_as_it_was(qtbot, services: Services) -> None:
    household = new_household(services)
    dialog = DebtDialog(prevention_deps(services), household.id)
    qtbot.addWidget(dialog)
    dialog.show()
    _settle()
    assert dialog.findChild(QScrollArea, fitted_dialog.SCROLL_AREA_NAME) is None
    assert dialog.height() >= dialog.sizeHint().height()


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found.add(sub)
        found |= _subclasses(sub)
    return found


def test_every_dialog_of_the_application_fits_the_screen() -> None:
    for module in pkgutil.walk_packages(caseworker.ui.__path__, "caseworker.ui."):
        importlib.import_module(module.name)
    ours = {cls for cls in _subclasses(QDialog) if cls.__module__.startswith("caseworker.ui.")}
    assert len(ours) > 40
    unfitted = sorted(
        cls.__qualname__
        for cls in ours
        if not issubclass(cls, FittedDialog) and cls.showEvent is QDialog.showEvent  # a wizard fits itself
    )
    assert unfitted == []


def test_measuring_the_screen_never_hands_the_application_screen_to_a_widget(qapp) -> None:
    # PySide6 makes the one QScreen wrapper a child of the widget whose screen() was asked: when that widget died,
    # the wrapper counted as destroyed, and Python's collector could later delete the real primary screen (a
    # segfault at the next show() or hide(), depending on when the collector ran). Ask the application instead.
    screen = QGuiApplication.primaryScreen()
    widget = QWidget()
    widget.resize(200, 100)
    widget.show()
    assert not fitted_dialog.available_geometry(widget).isEmpty()
    widget.close()
    shiboken6.delete(widget)
    del widget
    gc.collect()
    assert shiboken6.isValid(screen)
