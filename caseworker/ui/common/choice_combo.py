"""Combo boxes filled from picklists (reference data), keyed by code."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QWidget

from caseworker.services.reference import Choice


class ChoiceCombo(QComboBox):
    """A combo of picklist entries; ``code()`` returns the chosen code ("" for the empty entry)."""

    def __init__(self, choices: Sequence[Choice], *, empty_label: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        if empty_label is not None:
            self.addItem(empty_label, "")
        for choice in choices:
            self.addItem(choice.label, choice.code)

    def code(self) -> str:
        """Return the selected code."""
        data = self.currentData()
        return str(data) if data is not None else ""

    def set_code(self, code: str) -> None:
        """Select the entry with ``code`` (the empty entry when absent)."""
        index = self.findData(code)
        self.setCurrentIndex(max(index, 0))
