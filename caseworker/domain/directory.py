"""How letters address a contact person."""

from __future__ import annotations

import re
from enum import Enum


class Civility(str, Enum):
    """How a letter addresses a contact ("Bonjour Madame Fleury,"); unknown: "Madame, Monsieur,"."""

    MADAME = "madame"
    MONSIEUR = "monsieur"


CIVILITY_LABELS: dict[Civility, str] = {Civility.MADAME: "Madame", Civility.MONSIEUR: "Monsieur"}
"""A civility as a letter or an address block writes it."""


LOGIN_PATTERN = re.compile(r"^[a-z][a-z0-9._-]{1,47}$")
"""A person's login on the team's server: lower-case letters without accents, digits, ``.``, ``-`` and ``_``,
2 to 48 characters, starting with a letter (``claire.martin``). Safe as a PostgreSQL role name everywhere."""

LOGIN_RULE = (
    "lettres minuscules sans accent, chiffres, « . », « - » ou « _ », de 2 à 48 caractères en commençant par une "
    "lettre, par exemple claire.martin"
)
