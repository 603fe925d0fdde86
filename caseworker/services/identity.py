"""How households and persons are named and numbered on screen and in documents."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from caseworker.domain import Civility
from caseworker.domain.directory import CIVILITY_LABELS

if TYPE_CHECKING:
    from caseworker.models import Person


def household_reference(household_id: int) -> str:
    """Return the persistent, human-readable household number, e.g. ``M-000042``."""
    return f"M-{household_id:06d}"


def person_display_name(first_name: str, last_name: str, pseudonym: str) -> str:
    """Return "NOM Prénom", or the pseudonym in guillemets when there is no name."""
    name = " ".join(part for part in (last_name.upper(), first_name) if part)
    if name:
        return name
    return f"« {pseudonym} »" if pseudonym else "(sans nom)"


def staff_display_name(first_name: str, last_name: str) -> str:
    """Return a professional's name as "Prénom NOM"."""
    return f"{first_name} {last_name.upper()}".strip()


def printed_name(person: Person) -> str:
    """A person as printed on a document: "Hélène ÇELIK" (the pseudonym when no name is known)."""
    if person.first_name or person.last_name:
        return f"{person.first_name} {person.last_name.upper()}".strip()
    return person.pseudonym or "(sans nom)"


# Particles written in lower case inside a surname ("Madame de La Fontaine", "Monsieur d'Alembert").
_PARTICLES = frozenset({"de", "du", "des", "d"})
_NAME_PART = re.compile(r"[^\s\-'’]+")


def surname_in_letters(last_name: str) -> str:
    """Return a surname as a letter writes it after "Madame": "FLEURY" → "Fleury", "DE LA FONTAINE" → "de La Fontaine".

    Only a name typed all in capitals is recased; one typed with lower-case letters is kept as it was typed.
    """
    name = " ".join(last_name.split())
    if name != name.upper():
        return name

    def recase(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        return word if word in _PARTICLES else word.capitalize()

    return _NAME_PART.sub(recase, name)


def email_greeting(civility: Civility | None, last_name: str) -> str:
    """Return how an e-mail to a contact opens: "Bonjour Madame Fleury,", or "Bonjour," without a civility."""
    if civility is None:
        return "Bonjour,"
    return (
        " ".join(part for part in ("Bonjour", CIVILITY_LABELS[civility], surname_in_letters(last_name)) if part) + ","
    )


def addressed_as(civility: Civility | None) -> str:
    """Return how a letter addresses a contact: "Madame", "Monsieur", or "Madame, Monsieur" when not known."""
    return CIVILITY_LABELS[civility] if civility is not None else "Madame, Monsieur"


def addressee(civility: Civility | None, first_name: str, last_name: str) -> str:
    """Return a contact as an address block names them: "Madame Maud FLEURY" ("Maud FLEURY" without a civility)."""
    name = staff_display_name(first_name, last_name)
    return f"{CIVILITY_LABELS[civility]} {name}" if civility is not None else name
