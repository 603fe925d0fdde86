"""Who may read a note of the contact log."""

from __future__ import annotations

from enum import Enum


class NoteClass(str, Enum):
    """Who may read a contact note (DOMAIN.md §8.1): the team, the household's referents, or health staff."""

    EQUIPE = "equipe"
    REFERENTS = "referents"
    SANTE = "sante"
