"""What a household's file shows of the encounters outside its contact log (docs/domain.md §14.4, §14.5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from caseworker.domain.aftercare import ENCOUNTER_KIND_LABELS, EncounterKind

__all__ = ["EncounterKind", "HouseholdEncounter"]


@dataclass(frozen=True)
class HouseholdEncounter:
    """One encounter of a household, as its file lists it (newest first): no free text, nothing about others.

    ``occurred_at`` is aware (UTC) like every stored time; a session held on a day reads as that day at noon, local.
    ``detail`` says what it was (« Courrier, domiciliation », « Atelier : Droits et devoirs du locataire »,
    « Maraude : Place Sainte-Anne — boisson chaude »); ``person_name`` whom of the household, "" for the household.
    """

    kind: EncounterKind
    row_id: int
    occurred_at: datetime
    detail: str
    person_name: str = ""

    @property
    def kind_label(self) -> str:
        """The French name of where it happened."""
        return ENCOUNTER_KIND_LABELS[self.kind]
