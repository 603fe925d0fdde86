"""« Attacher à un ménage… »: a street encounter attached to the household of the person once identified.

The household is found by typing part of its name or number (:class:`HouseholdPicker`, asked of the service); the
person, when known, is one of its members, now or before. Who attached it and when are kept by the service
(docs/domain.md §14.5).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from caseworker.errors import KnownError
from caseworker.formats import format_datetime
from caseworker.services.encounters import EncounterView, OutreachService
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.household_picker import HouseholdPicker, Search
from caseworker.ui.common.messages import show_error


@dataclass(frozen=True)
class OutreachDeps:
    """What the outreach page uses: the service, the household search of the attach dialog, the clock's today."""

    outreach: OutreachService
    search_households: Search
    today: Callable[[], date]


def encounter_summary(encounter: EncounterView) -> str:
    """One line saying which encounter: « 14/06/2026 à 23:30 — Sous le pont de Nantes »."""
    return f"{format_datetime(encounter.occurred_at)} — {encounter.place}"


class AttachEncounterDialog(FormDialog):
    """Attaches a street encounter to a household, and to a person of it when known.

    Attributes:
        saved: the encounter as attached (None until then).
    """

    def __init__(self, deps: OutreachDeps, encounter: EncounterView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Attach to a household"), parent=parent)
        self._deps = deps
        self.encounter = encounter
        self.saved: EncounterView | None = None
        summary = QLabel(encounter_summary(encounter))
        summary.setObjectName("attach_encounter_summary")
        summary.setWordWrap(True)
        self.form.addRow(self.tr("Encounter:"), summary)
        self.household_picker = HouseholdPicker(deps.search_households)
        self.household_picker.setObjectName("attach_household_picker")
        self.household_picker.currentIndexChanged.connect(self._household_changed)
        self.household_picker.lineEdit().textEdited.connect(self._household_changed)  # type: ignore[union-attr]
        self.add_row(self.tr("&Household:"), self.household_picker, "household_id")
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("attach_person_combo")
        self.add_row(self.tr("&Person:"), self.person_combo, "person_id")
        self._household_changed()
        self.finish(self._attach, check=self._check)

    def _household_changed(self, *_args: object) -> None:
        """Offer the members of the household picked (none while no household is)."""
        household_id = self.household_picker.household_id()
        self.person_combo.clear()
        self.person_combo.addItem(self.tr("Not known (the household)"), None)
        if household_id is None:
            self.person_combo.setEnabled(False)
            self.person_combo.setToolTip(self.tr("Pick the household first."))
            return
        try:
            persons = self._deps.outreach.persons_for(household_id)
        except KnownError as exc:  # the server unreachable: said; the household may be picked again
            show_error(self, exc)
            persons = []
        for person in persons:
            name = person.name if person.current else self.tr("{name} (left the household)").format(name=person.name)
            self.person_combo.addItem(name, person.id)
        self.person_combo.setEnabled(True)
        self.person_combo.setToolTip("")

    def _check(self) -> Mapping[str, str]:
        if self.household_picker.household_id() is None:
            return {"household_id": self.tr("Type part of the household's name or number, then pick it in the list.")}
        return {}

    def _attach(self) -> None:
        household_id = self.household_picker.household_id()
        assert household_id is not None  # checked
        self.saved = self._deps.outreach.attach_encounter(
            self.encounter.id,
            household_id,
            self.person_combo.currentData(),
            expected_version=self.encounter.row_version,
        )
