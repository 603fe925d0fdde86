"""Reaching the household ("aller vers", docs/domain.md §5): the figures the contact log gives.

Failed attempts (porte close, absent, non joint) are ordinary contacts; from them and the contacts that reached
the household come the attempts and days before the first contact, the last contact and the attempts since.
Pure: the service reads (local date, outcome kind) pairs and hands them here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from caseworker.domain.contacts import ATTEMPT, REACHED


@dataclass(frozen=True)
class FirstContactStats:
    """What the log says about reaching the household (docs/domain.md §5); cancelled contacts are ignored.

    Attributes:
        attempts: contacts up to and including the first one that reached the household (0 while none did).
        days: days from the first attempt to the first contact (None while none reached the household).
        first_attempt_on: local date of the first attempt (or of the first contact when it came first).
        first_contact_on: local date of the first contact that reached the household.
        last_contact_on: local date of the last contact that reached the household.
        total_attempts_without_contact: failed attempts since the last contact (all of them while none reached).
    """

    attempts: int
    days: int | None
    first_attempt_on: date | None
    first_contact_on: date | None
    last_contact_on: date | None
    total_attempts_without_contact: int


def first_contact_stats_of(events: Iterable[tuple[date, str]]) -> FirstContactStats:
    """Compute :class:`FirstContactStats` from (local date, outcome kind) pairs in chronological order."""
    counted = 0
    first_attempt_on: date | None = None
    first_contact_on: date | None = None
    last_contact_on: date | None = None
    since_last_contact = 0
    for day, kind in events:
        if kind not in {REACHED, ATTEMPT}:
            continue  # cancelled: neither a try nor a contact
        if first_attempt_on is None:
            first_attempt_on = day
        if first_contact_on is None:
            counted += 1
        if kind == REACHED:
            first_contact_on = first_contact_on or day
            last_contact_on = day
            since_last_contact = 0
        else:
            since_last_contact += 1
    reached = first_contact_on is not None and first_attempt_on is not None
    return FirstContactStats(
        attempts=counted if reached else 0,
        days=(first_contact_on - first_attempt_on).days if first_contact_on and first_attempt_on else None,
        first_attempt_on=first_attempt_on,
        first_contact_on=first_contact_on,
        last_contact_on=last_contact_on,
        total_attempts_without_contact=since_last_contact,
    )
