"""Moments of the prevention step: local minutes, office hours, French working days and the stored UTC text.

A moment is a number of minutes since day 1 of the proleptic calendar, Paris local time: cheap to compare and to
add to, which the alert histories do a great deal. Working days and their deadlines count the public holidays
of the association's territory (docs/domain.md §4) and are cached, as is each day's offset from UTC.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from caseworker.services.calendar import add_working_days, is_working_day

PARIS = ZoneInfo("Europe/Paris")
DAY = 1440  # moments are minutes since day 1 of the proleptic calendar, Paris local time
OPENS = 8 * 60 + 30
CLOSES = 18 * 60 + 30


class Moments:
    """Office-hour moments drawn with the step's random generator, and the calendar arithmetic on them."""

    def __init__(self, rng: random.Random, today: date, territory: str) -> None:
        self._rng = rng
        self.horizon = today.toordinal() * DAY - 1  # nothing happens today or later
        self._territory = territory  # whose public holidays count the days
        self._working: dict[int, bool] = {}
        self._working_after: dict[tuple[int, int], int] = {}
        self._utc_days: dict[int, tuple[str, int]] = {}  # day → (ISO date, minutes ahead of UTC)

    def received(self, ordinal: int, last_ordinal: int) -> int | None:
        """A moment of office hours on the first working day from ``ordinal`` (None if after ``last_ordinal``)."""
        while not self.is_working(ordinal):
            ordinal += 1
        if ordinal > last_ordinal:
            return None
        return ordinal * DAY + OPENS + 5 * int(self._rng.random() * 114)  # 08:30–18:00

    def at(self, ordinal: int, after: int) -> int:
        """A moment of office hours on the first working day from ``ordinal``, later than ``after``."""
        random_ = self._rng.random
        while True:
            if self.is_working(ordinal):
                base = ordinal * DAY
                if after < base + OPENS:
                    return base + OPENS + int(random_() * (CLOSES - OPENS))
                low = after + 10
                high = min(base + CLOSES, after + 240)
                if low < high:
                    return low + int(random_() * (high - low))
            ordinal += 1

    def working_days_after(self, ordinal: int, days: int) -> int:
        """:func:`calendar_fr.add_working_days` on ordinals (the alert deadlines), cached."""
        key = (ordinal, days)
        found = self._working_after.get(key)
        if found is None:
            found = add_working_days(date.fromordinal(ordinal), days, territory=self._territory).toordinal()
            self._working_after[key] = found
        return found

    def is_working(self, ordinal: int) -> bool:
        """Whether that day is a working day of the territory (cached)."""
        found = self._working.get(ordinal)
        if found is None:
            found = is_working_day(date.fromordinal(ordinal), territory=self._territory)
            self._working[ordinal] = found
        return found

    def utc_text(self, moment: int) -> str:
        """A local moment as naive UTC text, the storage format of :class:`~caseworker.models.base.UtcDateTime`."""
        ordinal, minute = divmod(moment, DAY)
        found = self._utc_days.get(ordinal)
        if found is None:
            day = date.fromordinal(ordinal)
            offset = datetime.combine(day, time(12), tzinfo=PARIS).utcoffset() or timedelta(0)
            found = (day.isoformat(), int(offset.total_seconds()) // 60)
            self._utc_days[ordinal] = found
        text, offset_minutes = found
        minute -= offset_minutes  # moments fall between 08:30 and 23:59, far from midnight in UTC too
        return f"{text} {minute // 60:02d}:{minute % 60:02d}:00.000000"
