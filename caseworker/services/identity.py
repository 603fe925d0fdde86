"""How households and persons are named and numbered on screen and in documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
