"""Dialogs never taller than the screen: their content scrolls, their buttons stay in view.

A form that outgrows the screen (a small laptop, messages shown under many fields) would push Save and Cancel
below the bottom edge, out of reach. :func:`fit_to_screen` sizes a dialog to its content within the available
screen area and, when even its minimum height does not fit, moves the content into a scroll area with the button
box (and the widgets marked :data:`KEEP_IN_VIEW`) left under it. :class:`FittedDialog` does that each time it is
shown; :class:`~caseworker.ui.common.form_errors.FormErrors` does it when messages appear.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizard,
)

KEEP_IN_VIEW = "keepInView"
"""Dynamic property: a widget of the dialog's main layout that stays under the scroll area (a general message)."""

SCROLL_AREA_NAME = "dialogScrollArea"

# The window manager's title bar and borders lie outside the geometry a widget is given.
FRAME_ALLOWANCE = 40


def screen_of(widget: QWidget) -> QScreen | None:
    """Return the screen ``widget`` is on, asked of the application, never of the widget.

    PySide's return-value heuristic makes the QScreen wrapper that ``QWidget.screen()`` returns a child of the
    widget's wrapper: once the widget goes (or the GC collects a cycle holding them), PySide takes the application's
    QScreen for destroyed, or deletes it, and the next ``QCursor.pos()`` (Qt shows and hides every window with
    it) reads freed memory. ``QGuiApplication.screenAt`` is static: its result belongs to no widget.

    A window not shown yet has no place of its own (a dialog sizing itself in its constructor): like Qt, take the
    screen of the window it belongs to.
    """
    window = widget.window()
    parent = window.parentWidget()
    if not window.isVisible() and parent is not None:
        window = parent.window()
    return QGuiApplication.screenAt(window.frameGeometry().center()) or QGuiApplication.primaryScreen()


def available_geometry(widget: QWidget) -> QRect:
    """Return the part of the widget's screen that windows may use (without panels and task bars)."""
    screen = screen_of(widget)
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def fit_to_screen(window: QWidget) -> None:
    """Grow ``window`` to its content (never shrink it), within the available screen; scroll what cannot fit."""
    if not window.isWindow() or window.isMaximized() or window.isFullScreen():
        return
    available = available_geometry(window)
    limit_width = max(available.width() - FRAME_ALLOWANCE, 200)
    limit_height = max(available.height() - FRAME_ALLOWANCE, 200)
    layout = window.layout()
    if layout is not None:
        layout.activate()
    scroll = window.findChild(QScrollArea, SCROLL_AREA_NAME)
    minimum = window.minimumSizeHint()
    too_big = minimum.height() > limit_height or minimum.width() > limit_width
    if scroll is None and too_big and _can_scroll(window):
        scroll = _move_content_into_scroll_area(window)
        new_layout = window.layout()
        assert new_layout is not None  # the scroll area's
        new_layout.activate()  # the window's minimum size follows its new layout
    wanted = _wanted_size(window, scroll)
    width = min(max(wanted.width(), window.width()), limit_width)
    height = min(max(wanted.height(), window.height()), limit_height)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)


def _can_scroll(window: QWidget) -> bool:
    # A wizard lays its pages out itself: it is only kept within the screen.
    return isinstance(window, QDialog) and not isinstance(window, QWizard) and window.layout() is not None


def _wanted_size(window: QWidget, scroll: QScrollArea | None) -> QSize:
    """The size the window asks for; with a scroll area, the size its whole content would need."""
    hint = window.sizeHint().expandedTo(window.minimumSizeHint())
    inner = scroll.widget() if scroll is not None else None
    if scroll is None or inner is None:
        return hint
    content = inner.sizeHint()
    extra_width = max(content.width() + _scroll_bar_extent(scroll) - scroll.sizeHint().width(), 0)
    extra_height = max(content.height() + 2 * scroll.frameWidth() - scroll.sizeHint().height(), 0)
    hint.setWidth(hint.width() + extra_width)
    hint.setHeight(hint.height() + extra_height)
    return hint


def _scroll_bar_extent(scroll: QScrollArea) -> int:
    return scroll.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, scroll) + 2 * scroll.frameWidth()


def _move_content_into_scroll_area(window: QWidget) -> QScrollArea:
    """Put the window's layout in a scroll area; its button boxes and marked widgets stay under it."""
    layout = window.layout()
    assert layout is not None
    kept = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        widget = item.widget() if item is not None else None
        if widget is not None and (isinstance(widget, QDialogButtonBox) or widget.property(KEEP_IN_VIEW)):
            kept.append(widget)
    for widget in kept:
        layout.removeWidget(widget)
    margins = layout.contentsMargins()
    left, top, right, bottom = margins.left(), margins.top(), margins.right(), margins.bottom()
    content = QWidget()
    content.setObjectName("dialogContent")
    # Qt moves a layout to another widget when that widget takes it (and its widgets with it).
    content.setLayout(layout)
    layout.setContentsMargins(left, top, right, 0)
    scroll = QScrollArea()
    scroll.setObjectName(SCROLL_AREA_NAME)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    # Never narrower than the form: a vertical scroll bar is fine, a form cut on the right is not.
    scroll.setMinimumWidth(content.minimumSizeHint().width() + _scroll_bar_extent(scroll))
    outer = QVBoxLayout(window)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(0)
    outer.addWidget(scroll, 1)
    under = QVBoxLayout()
    under.setContentsMargins(left, layout.spacing() if layout.spacing() > 0 else 6, right, bottom)
    for widget in kept:
        under.addWidget(widget)
    outer.addLayout(under)
    return scroll


class FittedDialog(QDialog):
    """A dialog that fits the screen each time it is shown (see the module docstring)."""

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the screen once the dialog has its first size."""
        super().showEvent(event)
        fit_to_screen(self)
