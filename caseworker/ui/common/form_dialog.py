"""The form dialog every "record something" window is: fields with their messages, Save and Cancel.

A :class:`FormDialog` lays out its fields in a form, each with an inline message line under it (:class:`FormErrors`),
a line for messages tied to no field, and Save/Cancel. On Save it reads the dates and amounts it was given (a typing
mistake is said under its field before any service is called), asks once about unusual dates, then calls the save
function; a refusal keeps the dialog open with everything typed (:func:`submit`). It never outgrows the screen
(:class:`FittedDialog`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from caseworker.formats import FormatError, parse_amount
from caseworker.services.date_rules import DateKind
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import FormErrors, lay_out_form_dialog, submit
from caseworker.ui.common.text_limits import limit_text

DEFAULT_WIDTH = 520


def amount_as_typed(value: Decimal) -> str:
    """Return an amount as people type it ("1250,50"), to prefill a field."""
    return f"{value:.2f}".replace(".", ",")


def note_edit(max_length: int, height: int = 70) -> QPlainTextEdit:
    """Return a short multi-line text field of a form, ``height`` pixels high.

    At most ``max_length`` characters (a counter shows under it in a form row); Tab moves on to the next field
    rather than typing a tab, so the keyboard order of the form stays what it is.
    """
    edit = limit_text(QPlainTextEdit(), max_length)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class FormDialog(FittedDialog):
    """A dialog made of a form, with a message line under each field.

    Rows are added with :meth:`add_row`, :meth:`date_row` and :meth:`amount_row`, then :meth:`finish` is given the
    function that saves.

    Args:
        title: the window title (already translated).
        today: the clock's today, for the plausibility of the dates typed (a form without dates needs none).
        parent: the window it belongs to.
        minimum_width: the narrowest the dialog gets (None: what its fields need).
    """

    def __init__(
        self,
        title: str,
        *,
        today: Callable[[], date] | None = None,
        parent: QWidget | None = None,
        minimum_width: int | None = DEFAULT_WIDTH,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        if minimum_width is not None:
            self.setMinimumWidth(minimum_width)
        self.errors = FormErrors()
        self.form = QFormLayout()
        self._today = today
        self._dates: dict[str, DateField] = {}
        self._amounts: dict[str, QLineEdit] = {}

    def add_row(self, label: str, widget: QWidget, field: str, *aliases: str) -> QLabel:
        """Add a field with its message line; ``field`` (and ``aliases``) name the service's fields it answers."""
        return self.errors.add_row(self.form, label, widget, field, *aliases)

    def date_row(
        self, kind: DateKind, label: str, field: str, value: date | None, *aliases: str, optional: bool = False
    ) -> DateField:
        """Add a date field of ``kind`` (its plausibility rule), filled with ``value``; ``aliases`` as in add_row."""
        assert self._today is not None, "a form with dates is given the clock's today"
        widget = DateField(kind=kind, today=self._today, optional=optional)
        widget.set_date(value)
        self.add_row(label, widget, field, *aliases)
        self._dates[field] = widget
        return widget

    def amount_row(self, label: str, field: str, value: Decimal | None) -> QLineEdit:
        """Add an amount in euros, typed the French way ("1 250,50"), read by the money rule on Save."""
        edit = QLineEdit()
        edit.setObjectName(f"{field}_edit")
        edit.setPlaceholderText(self.tr("e.g. 350,00"))
        edit.setMaxLength(20)
        if value is not None:
            edit.setText(amount_as_typed(value))
        self.add_row(label, edit, field)
        self._amounts[field] = edit
        return edit

    def finish(
        self,
        save: Callable[[], object],
        *,
        check: Callable[[], Mapping[str, str]] | None = None,
        confirm: Callable[[], bool] | None = None,
    ) -> None:
        """Lay the dialog out (form, general messages, Save/Cancel); Save reads the fields then calls ``save``.

        ``check`` returns the problems the dialog finds itself before the service is called (field → message),
        shown with those of the dates and amounts. ``confirm`` asks the person, once the form reads, whatever else
        the save needs them to agree to; declined, nothing is saved.
        """
        self._form_save = save
        self._form_check = check
        self._form_confirm = confirm
        # A bound method, never a lambda holding the dialog: PySide keeps a connection's lambda alive with the
        # button, and a dialog without a parent would never be freed.
        lay_out_form_dialog(self, self.errors, self.form, self._save_clicked)

    def _save_clicked(self) -> None:
        self._save(self._form_save, self._form_check, self._form_confirm)

    def value(self, field: str) -> date | None:
        """Return the date typed in ``field`` (None when empty or unreadable: Save has said why)."""
        found, _ = self._dates[field].date_or_error()
        return found

    def required(self, field: str) -> date:
        """Return the date of a field Save has already checked."""
        found = self.value(field)
        assert found is not None
        return found

    def amount(self, field: str) -> Decimal:
        """Return the amount typed in ``field`` (Save has already checked it reads)."""
        return parse_amount(self._amounts[field].text())

    def _save(
        self,
        save: Callable[[], object],
        check: Callable[[], Mapping[str, str]] | None = None,
        confirm: Callable[[], bool] | None = None,
    ) -> None:
        problems: dict[str, str] = dict(check()) if check is not None else {}
        for field, widget in self._dates.items():
            _, problem = widget.date_or_error()
            if problem:
                problems[field] = problem
        for field, edit in self._amounts.items():
            try:
                parse_amount(edit.text())
            except FormatError as exc:
                problems[field] = str(exc)
        if problems:
            self.errors.show(problems)
            return
        submit(self, self.errors, save, confirm)
