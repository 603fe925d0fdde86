"""Inline validation messages: a red line under each field, shown as the person types or after a refusal."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

ERROR_STYLE = "color: #b3261e;"


class FormErrors:
    """Maps field names to error labels placed under their widgets in a form layout."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._general: QLabel | None = None

    def add_row(self, form: QFormLayout, label: str, widget: QWidget, field: str, *aliases: str) -> QLabel:
        """Add ``widget`` to ``form`` with an (initially hidden) error line for ``field`` and its aliases."""
        form.addRow(label, widget)
        error = QLabel(widget.parentWidget())
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        error.setObjectName(f"error_{field}")
        form.addRow("", error)
        for name in (field, *aliases):
            self._labels[name] = error
        return error

    def set_general_label(self, label: QLabel) -> None:
        """Where to show messages that belong to no particular field."""
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setVisible(False)
        self._general = label

    def show(self, errors: dict[str, str]) -> None:
        """Show ``errors`` (field → message); clear every other line."""
        for label in set(self._labels.values()):
            label.clear()
            label.setVisible(False)
        unplaced = []
        for field, message in errors.items():
            label = self._labels.get(field) or self._labels.get(field.split(".")[-1])
            if label is None:
                unplaced.append(message)
                continue
            label.setText(message if not label.text() else f"{label.text()}\n{message}")
            label.setVisible(True)
        if self._general is not None:
            self._general.setText("\n".join(unplaced))
            self._general.setVisible(bool(unplaced))

    def clear(self) -> None:
        """Hide every message."""
        self.show({})

    def message_for(self, field: str) -> str:
        """Return the message currently shown for ``field`` (tests read it)."""
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""
