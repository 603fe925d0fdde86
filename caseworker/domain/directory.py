"""How letters address a contact person."""

from __future__ import annotations

from enum import Enum


class Civility(str, Enum):
    """How a letter addresses a contact ("Bonjour Madame Fleury,"); unknown: "Madame, Monsieur,"."""

    MADAME = "madame"
    MONSIEUR = "monsieur"


CIVILITY_LABELS: dict[Civility, str] = {Civility.MADAME: "Madame", Civility.MONSIEUR: "Monsieur"}
"""A civility as a letter or an address block writes it."""
