"""Inline validation messages: a red line under each field, shown as the person types or after a refusal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from caseworker.errors import KnownError
from caseworker.services.errors import ConcurrentChangeError, ValidationError
from caseworker.ui.common.date_field import BirthYearEdit, DateField
from caseworker.ui.common.fitted_dialog import KEEP_IN_VIEW, fit_to_screen
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.text_limits import TextCounter, max_length_of

ERROR_STYLE = "color: #b3261e;"


class FormErrors:
    """Maps field names to error labels placed under their widgets in a form layout."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self._general: QLabel | None = None

    def add_row(self, form: QFormLayout, label: str, widget: QWidget, field: str, *aliases: str) -> QLabel:
        """Add ``widget`` to ``form`` with an (initially hidden) error line under it, for ``field`` and aliases.

        The widget and its message share a vertical box (the form's field): a wrapped message then gets the
        height it needs, which a separate form row does not guarantee. The label's keyboard accelerator still
        reaches the widget (the box forwards focus to it). A multi-line text given a maximum
        (:func:`~caseworker.ui.common.text_limits.limit_text`) gets its counter under it.
        """
        box = QWidget(widget.parentWidget())
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        if isinstance(widget, QPlainTextEdit) and max_length_of(widget) is not None:
            layout.addWidget(TextCounter(widget, box))
        error = QLabel(box)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        error.setVisible(False)
        error.setObjectName(f"error_{field}")
        layout.addWidget(error)
        box.setFocusProxy(widget)
        form.addRow(label, box)
        for name in (field, *aliases):
            self._labels[name] = error
        self._widgets[field] = widget
        return error

    def forget(self, field: str) -> None:
        """Drop ``field`` and the fields under it (``field.…``): their widgets are leaving the form.

        A dialog whose rows come and go (a decision removed from an item of the minutes) calls it before deleting
        them, so that no message is ever shown on, or cleared from, a widget that is gone.
        """
        for registry in (self._labels, self._widgets):
            for name in [name for name in registry if name == field or name.startswith(f"{field}.")]:
                del registry[name]

    def set_general_label(self, label: QLabel) -> None:
        """Where to show messages that belong to no particular field."""
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setVisible(False)
        label.setProperty(KEEP_IN_VIEW, True)  # under the form, next to Save, even when the form scrolls
        self._general = label

    def show(self, errors: dict[str, str]) -> None:
        """Show ``errors`` (field → message); clear every other line."""
        for shown in set(self._labels.values()):
            shown.clear()
            shown.setVisible(False)
            shown.setMinimumHeight(0)
        unplaced = []
        for field, message in errors.items():
            label = self._labels.get(field) or self._labels.get(field.split(".")[-1])
            if label is None:
                unplaced.append(message)
                continue
            label.setText(message if not label.text() else f"{label.text()}\n{message}")
            label.setVisible(True)
            # Reserve the height of the wrapped text (form layouts do not always ask a label for it).
            # QLabel.heightForWidth never answers less than the label's minimum height: measure without it, or
            # each refresh would add the slack again (a dialog growing by a few pixels at every click on Save).
            label.ensurePolished()  # the style sheet may change the font, hence the line height
            label.setMinimumHeight(0)
            holder = label.parentWidget()
            width = holder.width() if holder is not None else 0
            slack = label.fontMetrics().height() // 2  # rendering may use a slightly larger substitute font
            label.setMinimumHeight(label.heightForWidth(width if width > 120 else 360) + slack)
        if self._general is not None:
            self._general.setText("\n".join(unplaced))
            self._general.setVisible(bool(unplaced))
        self._fit_window()

    def _fit_window(self) -> None:
        """Grow the dialog when messages appear (a wrapped message must never be clipped); never shrink it.

        Never beyond the screen either: past its height, the form scrolls and the buttons stay in view.
        """
        any_label = next(iter(self._labels.values()), None) or self._general
        if any_label is None:
            return
        window = any_label.window()
        if window.isVisible():
            fit_to_screen(window)

    def clear(self) -> None:
        """Hide every message."""
        self.show({})

    def widgets(self) -> dict[str, QWidget]:
        """Each field's widget (tests walk them)."""
        return dict(self._widgets)

    def message_for(self, field: str) -> str:
        """Return the message currently shown for ``field`` (tests read it)."""
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""


def submit(
    dialog: QDialog, errors: FormErrors, save: Callable[[], object], confirm: Callable[[], bool] | None = None
) -> bool:
    """Run a dialog's save through its service and close it; on a refusal, keep it open with what was typed.

    Unusual dates in the dialog (a :class:`DateField` says so from its kind) are confirmed first, all in one
    question; declined, the dialog stays open on the first of them. A validation refusal shows each message under
    its field; any other known problem (a record deleted in the meantime…) shows a message box. ``confirm`` asks
    the person anything else the save needs them to agree to (after the dates); declined, nothing is saved and the
    dialog stays open. Returns True when the dialog was accepted.
    """
    if not confirm_unusual_dates(dialog):
        return False
    if confirm is not None and not confirm():
        return False
    try:
        save()
    except ValidationError as exc:
        errors.show(exc.errors)
        return False
    except ConcurrentChangeError as exc:  # typed against an older version: kept as typed, the panel reloads after
        dialog.setProperty(CHANGED_MEANWHILE, True)
        show_error(dialog, exc)
        return False
    except KnownError as exc:
        show_error(dialog, exc)
        return False
    dialog.accept()
    return True


CHANGED_MEANWHILE = "changedMeanwhile"


def changed_meanwhile(dialog: QWidget) -> bool:
    """Tell whether a save of ``dialog`` was refused because the record changed meanwhile (docs/domain.md §9.4).

    The dialog stays open with what was typed; once the person closes it, the panel shows the newer version.
    """
    return bool(dialog.property(CHANGED_MEANWHILE))


def confirm_unusual_dates(dialog: QWidget) -> bool:
    """Ask once whether the unusual dates of ``dialog`` are meant; True when there are none or they are."""
    unusual = [
        (field, reason)
        for field in dialog.findChildren(QWidget)
        if isinstance(field, DateField | BirthYearEdit)
        and field.isVisibleTo(dialog)
        and field.isEnabled()
        and (reason := field.unusual()) is not None
    ]
    if not unusual:
        return True
    if len(unusual) == 1:
        field, reason = unusual[0]
        question = QCoreApplication.translate("FormErrors", "This date is unusual: {date} ({reason}). Confirm it?")
        text = question.format(date=field.typed(), reason=reason)
    else:
        lines = "\n".join(f"• {field.typed()} ({reason})" for field, reason in unusual)
        text = QCoreApplication.translate("FormErrors", "These dates are unusual:\n{dates}\nConfirm them?").format(
            dates=lines
        )
    answer = QMessageBox.question(
        dialog,
        QCoreApplication.translate("FormErrors", "Unusual date"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        unusual[0][0].setFocus()
        return False
    for field, _reason in unusual:
        field.confirm_unusual()
    return True


def lay_out_form_dialog(dialog: QDialog, errors: FormErrors, form: QFormLayout, save: Callable[[], None]) -> None:
    """Give a form dialog its usual layout: the form, a line for messages tied to no field, Save and Cancel."""
    general = QLabel()
    errors.set_general_label(general)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(general)
    layout.addWidget(buttons)
