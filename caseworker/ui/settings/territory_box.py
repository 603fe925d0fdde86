"""Paramètres: the association's territory, whose public holidays count the working days."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from caseworker.errors import KnownError
from caseworker.services.calendar.territories import WorkingDaysService
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.messages import show_error


class TerritoryBox(QGroupBox):
    """Chooses the territory whose public holidays count alert deadlines and office hours (saved when chosen)."""

    def __init__(self, working_days: WorkingDaysService, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Working days"), parent)
        self._working_days = working_days
        self.combo = ChoiceCombo(working_days.territories())
        self.combo.setObjectName("territoryCombo")
        self.combo.activated.connect(self._chosen)
        hint = QLabel(
            self.tr(
                "The public holidays of this territory count the alert deadlines and the office hours. A "
                "framework agreement with a landlord may name another territory for that landlord's alerts."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #6b6b6b;")
        form = QFormLayout(self)
        form.addRow(self.tr("&Territory:"), self.combo)
        form.addRow(hint)
        self.reload()

    def reload(self) -> None:
        """Show the territory saved."""
        self.combo.set_code(self._working_days.territory())

    def _chosen(self) -> None:
        try:
            self._working_days.set_territory(self.combo.code())
        except KnownError as exc:
            show_error(self, exc)
            self.reload()
