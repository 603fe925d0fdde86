"""A funder's profile, edited by the team lead: its name, its measures, its threshold, the indicators it asks for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QSpinBox, QWidget

from caseworker.services.exports import Choice, ProfileInput, ProfileService, ProfileView
from caseworker.services.exports.profiles import LARGEST_THRESHOLD, SMALLEST_THRESHOLD
from caseworker.ui.common.form_dialog import FormDialog


def _checklist(choices: list[Choice], checked: tuple[str, ...], name: str) -> QListWidget:
    """A list of check boxes, one per choice (Space ticks the current one)."""
    widget = QListWidget()
    widget.setObjectName(name)
    for choice in choices:
        item = QListWidgetItem(choice.label)
        item.setData(Qt.ItemDataRole.UserRole, choice.code)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if choice.code in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMinimumHeight(140)
    return widget


def ticked(widget: QListWidget) -> tuple[str, ...]:
    """The codes ticked in a checklist, in its order."""
    return tuple(
        str(widget.item(row).data(Qt.ItemDataRole.UserRole))
        for row in range(widget.count())
        if widget.item(row).checkState() == Qt.CheckState.Checked
    )


class ProfileDialog(FormDialog):
    """Edits one profile; the save is refused, what was typed kept, if someone saved it meanwhile.

    Attributes:
        saved: the profile as saved (None until then).
    """

    def __init__(self, profiles: ProfileService, profile: ProfileView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Funder's profile"), parent=parent, minimum_width=640)
        self.profiles = profiles
        self.profile = profile
        self.saved: ProfileView | None = None
        self.label_edit = QLineEdit(profile.label)
        self.label_edit.setMaxLength(200)
        self.add_row(self.tr("&Name:"), self.label_edit, "label")
        self.measures = _checklist(profiles.measure_choices(), profile.measure_codes, "profileMeasures")
        self.add_row(self.tr("&Measures counted:"), self.measures, "measure_codes")
        self.threshold_spin = QSpinBox()
        self.threshold_spin.setRange(SMALLEST_THRESHOLD, LARGEST_THRESHOLD)
        self.threshold_spin.setValue(profile.threshold)
        self.add_row(self.tr("Statistical secret &threshold:"), self.threshold_spin, "threshold")
        self.indicators = _checklist(profiles.indicator_choices(), profile.indicator_keys, "profileIndicators")
        self.add_row(self.tr("&Indicators:"), self.indicators, "indicator_keys")
        hint = QLabel(self.tr("None ticked: the funder receives every indicator."))
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.finish(self._save_profile)

    def data(self) -> ProfileInput:
        """The profile as typed."""
        return ProfileInput(
            self.label_edit.text(), ticked(self.measures), self.threshold_spin.value(), ticked(self.indicators)
        )

    def _save_profile(self) -> None:
        self.saved = self.profiles.update_profile(
            self.profile.code, self.data(), expected_version=self.profile.row_version
        )
