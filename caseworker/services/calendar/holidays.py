"""The days French law sets apart: public holidays by territory (the ``holidays`` library) and the winter truce.

Public holidays differ by territory (docs/domain.md §4): Alsace and Moselle add Good Friday and 26 December, each
overseas department its own day of the abolition of slavery (27 May in Guadeloupe, 22 May in Martinique,
20 December in La Réunion…). The association chooses its territory in Paramètres, and a landlord's convention
cadre may name another one for that landlord's alerts; every function that counts days takes the territory that
applies. Holiday sets are computed once per year and territory (the alert inbox and the demo count thousands of
days). The winter truce (docs/domain.md §3.5) is the same everywhere: 1 November to 31 March.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

METROPOLE = "metropole"
"""The default territory: metropolitan France (the eleven national public holidays)."""

# Territory code (as stored in the settings and on a convention) → French label and the ``holidays`` subdivision.
_TERRITORIES: dict[str, tuple[str, str | None]] = {
    METROPOLE: ("France métropolitaine", None),
    "67": ("Bas-Rhin (Alsace)", "6AE"),
    "68": ("Haut-Rhin (Alsace)", "6AE"),
    "57": ("Moselle", "57"),
    "971": ("Guadeloupe", "971"),
    "972": ("Martinique", "972"),
    "973": ("Guyane", "973"),
    "974": ("La Réunion", "974"),
    "976": ("Mayotte", "976"),
    "BL": ("Saint-Barthélemy", "BL"),
    "MF": ("Saint-Martin", "MF"),
    "PM": ("Saint-Pierre-et-Miquelon", "PM"),
    "NC": ("Nouvelle-Calédonie", "NC"),
    "PF": ("Polynésie française", "PF"),
    "WF": ("Wallis-et-Futuna", "WF"),
}

TERRITORIES: dict[str, str] = {code: label for code, (label, _subdivision) in _TERRITORIES.items()}
"""Every territory people may choose, in display order, with its French label."""


def territory_label(territory: str) -> str:
    """Return the French label of a territory code (the code itself when unknown)."""
    return TERRITORIES.get(territory, territory)


@lru_cache(maxsize=256)
def public_holidays(year: int, territory: str) -> frozenset[date]:
    """Return the public holidays of ``year`` in ``territory`` (a key of :data:`TERRITORIES`)."""
    if territory not in _TERRITORIES:
        raise ValueError(f"unknown territory: {territory!r}")
    from holidays import country_holidays  # ~150 ms the first time: kept off the start-up path

    subdivision = _TERRITORIES[territory][1]
    return frozenset(country_holidays("FR", subdiv=subdivision, years=year))


def is_public_holiday(day: date, *, territory: str) -> bool:
    """Tell whether ``day`` is a public holiday in ``territory``."""
    return day in public_holidays(day.year, territory)


def winter_truce(day: date) -> tuple[date, date] | None:
    """Return the winter truce (1 November – 31 March) that ``day`` falls in, or None outside it.

    Total over Python's calendar: at its very edges (years 1 and 9999, dates the services refuse anyway) the truce
    is cut at the edge instead of raising.
    """
    if day.month >= 11:
        return date(day.year, 11, 1), (date(day.year + 1, 3, 31) if day.year < date.max.year else date.max)
    if day.month <= 3:
        return (date(day.year - 1, 11, 1) if day.year > date.min.year else date.min), date(day.year, 3, 31)
    return None
