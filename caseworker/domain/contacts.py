"""The contact log's vocabulary: who may read a note, and what a contact's outcome amounts to."""

from __future__ import annotations

from enum import Enum


class NoteClass(str, Enum):
    """Who may read a contact note (docs/domain.md §5.2): the team, its referents, health or justice staff.

    The author always reads their own notes; a volunteer reads no other note.
    """

    EQUIPE = "equipe"
    REFERENTS = "referents"
    SANTE = "sante"
    JUSTICE = "justice"


# What an outcome of the picklist amounts to (``ContactOutcome.kind``, reference data): the household was reached,
# an "aller vers" attempt failed (porte close, absent, non joint), or the contact did not take place.
REACHED = "reached"
ATTEMPT = "attempt"
CANCELLED = "cancelled"
