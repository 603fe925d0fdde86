"""When households were last reached, read from what the database keeps (docs/domain.md §11.1).

``household_last_contact`` holds, per household, the moment of its latest contact whose outcome is *reached*;
triggers keep it from the contact log (migration 0022). Reading it is one row a household, never a grouping of
the contacts themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.models import HouseholdLastContact
from caseworker.models.sql import among

_IDS_PER_QUERY = 10_000
"""Thousands of ids are asked for in queries of this many (SQLite's limit on a statement's parameters)."""


def last_reached_days(session: Session, household_ids: Iterable[int]) -> dict[int, date]:
    """Return, per household, the local day of its last successful contact (never reached: absent).

    Read from ``household_last_contact``, which the database keeps from the contact log (one row a household):
    never a grouping of the contacts themselves.
    """
    wanted = list(dict.fromkeys(household_ids))
    if not wanted:
        return {}
    found: dict[int, date] = {}
    for start in range(0, len(wanted), _IDS_PER_QUERY):
        query = select(HouseholdLastContact.household_id, HouseholdLastContact.reached_at).where(
            among(session, HouseholdLastContact.household_id, wanted[start : start + _IDS_PER_QUERY])
        )
        for household_id, moment in session.execute(query):
            found[household_id] = moment.astimezone().date()  # stored in UTC: the local day is what matters
    return found
