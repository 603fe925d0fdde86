"""A household picked by typing part of its name or its number: the matches are asked for as one types.

The households are never all loaded (a federation's server holds a hundred thousand): a pause in the typing
asks the service for the first matches, shown under the field; choosing one makes it the picked household.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from caseworker.errors import KnownError
from caseworker.services.households import HouseholdSummary
from caseworker.ui.common.messages import show_error

MATCHES_SHOWN = 20
"""How many matches are shown under the field (more letters narrow them)."""
PAUSE_MS = 250
"""The pause in the typing after which the matches are asked for."""

Search = Callable[[str, int], list[HouseholdSummary]]
"""Households whose names or numbers contain every word typed, at most so many, in the list's order."""


def household_label(summary: HouseholdSummary) -> str:
    """How a household reads in the picker: its name and its number."""
    return f"{summary.display_name} · {summary.reference}"


class HouseholdPicker(QComboBox):
    """An editable field whose one item is the household picked; ``currentIndexChanged`` says it changed.

    ``search(text, limit)`` gives the matches of what is typed.
    """

    def __init__(self, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(30)
        line_edit = self.lineEdit()
        assert line_edit is not None  # an editable combo has one
        line_edit.setPlaceholderText(self.tr("Type part of a name or a number"))
        self.matches = QStandardItemModel(self)
        completer = QCompleter(self.matches, self)
        # The service has chosen the matches (every word, accents folded): the completer shows them as they are.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated[QModelIndex].connect(self._pick)  # type: ignore[index]
        self.setCompleter(completer)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.look_up)
        line_edit.textEdited.connect(self._pause.start)

    def household_id(self) -> int | None:
        """The household picked, None while the text is not the one picked (being typed, or changed since)."""
        if self.currentIndex() < 0 or self.currentText() != self.itemText(self.currentIndex()):
            return None
        data = self.currentData()
        return int(data) if data is not None else None

    def look_up(self) -> None:
        """Ask for the matches of what is typed now, and show them under the field."""
        self._pause.stop()
        text = self.currentText().strip()
        try:
            found = self._search(text, MATCHES_SHOWN) if text else []
        except KnownError as exc:  # the server unreachable, a refusal: said, what is typed stays
            show_error(self, exc)
            return
        self.matches.clear()
        for summary in found:
            item = QStandardItem(household_label(summary))
            item.setData(summary.id, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            self.matches.appendRow(item)
        completer = self.completer()
        if found and completer is not None and self.hasFocus():
            completer.complete()

    def pick(self, summary: HouseholdSummary) -> None:
        """Make ``summary`` the household picked, as if chosen among the matches."""
        self._picked(household_label(summary), summary.id)

    def _pick(self, index: QModelIndex) -> None:
        self._picked(str(index.data(Qt.ItemDataRole.DisplayRole)), index.data(Qt.ItemDataRole.UserRole))

    def _picked(self, label: str, household_id: int) -> None:
        self._pause.stop()  # what was typed is answered: no matches asked for it afterwards
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        self.addItem(label, household_id)  # the one item: index 0, currentIndexChanged
        self.setCurrentIndex(0)
        self.setEditText(label)
