"""How letters address a contact person."""

from __future__ import annotations

from enum import Enum


class Civility(str, Enum):
    """How a letter addresses a contact ("Bonjour Madame Fleury,"); unknown: "Madame, Monsieur,"."""

    MADAME = "madame"
    MONSIEUR = "monsieur"
