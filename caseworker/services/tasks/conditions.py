"""A condition that calls for an automatic task, and the key that makes its task once (docs/domain.md §11.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from caseworker.domain.debrief import AutomaticReason

HORIZON_DAYS = 30
"""Planned ends, reviews and expiries get their task this many days ahead (docs/domain.md §11.2)."""
SHORT_HORIZON_DAYS = 7
"""A suspension's review and a mediation's follow-up are dated a few weeks ahead: a week's notice is enough."""
CREATE_LOOKBACK_DAYS = 90
"""No task is made for a condition whose date passed more than this many days ago."""


@dataclass(frozen=True)
class Condition:
    """Something the record calls for: a task for the household's coordinator, once (its ``key``)."""

    reason: AutomaticReason
    key: str
    household_id: int
    due_on: date
    title: str
    horizon_days: int = HORIZON_DAYS
    lasting: bool = False
    """Current as long as it lasts (a no-contact breach): the :data:`CREATE_LOOKBACK_DAYS` limit does not apply."""
    owner_hint: int | None = None
    """Who should hold it if they may (an after-care's referent), before the household's coordinator."""

    def due_for_a_task(self, today: date) -> bool:
        """Tell whether the condition is close enough (and, unless it lasts, recent enough) to get its task."""
        if self.due_on > today + timedelta(days=self.horizon_days):
            return False
        return self.lasting or self.due_on >= today - timedelta(days=CREATE_LOOKBACK_DAYS)


def automatic_key(reason: AutomaticReason, subject: str | int, day: date) -> str:
    """Return the key that makes a task once: ``review:episode-12-start:2026-07-01``."""
    return f"{reason.value}:{subject}:{day.isoformat()}"
