"""The random draws every demo planner makes: weighted choices, a day between two days, a moment at work.

Each function makes exactly the calls to ``rng`` it always made: the generated data depend on the order and the
number of draws, so a planner that uses these stays reproducible seed for seed.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from itertools import accumulate
from typing import TypeVar

T = TypeVar("T")

# Items beside the running total of their weights, for draws repeated many times (see :func:`cumulative`).
Mix = tuple[list[T], list[float]]


def weighted(rng: random.Random, items: Sequence[tuple[T, float]]) -> T:
    """Return one of the items, drawn with the weights given beside them."""
    return rng.choices([item for item, _ in items], weights=[weight for _, weight in items])[0]


def cumulative(items: Sequence[tuple[T, float]]) -> Mix[T]:
    """Split weighted items into the items and their cumulative weights, once, for draws in a loop."""
    return [item for item, _ in items], list(accumulate(weight for _, weight in items))


def pick(rng: random.Random, mix: Mix[T]) -> T:
    """Return one item of a :func:`cumulative` mix (one ``random()`` call, cheaper than ``choices``)."""
    items, totals = mix
    return items[bisect_right(totals, rng.random() * totals[-1])]


def draw_count(rng: random.Random, weights: Sequence[int]) -> int:
    """Return 0, 1, 2… drawn with the weights given for each count."""
    return rng.choices(range(len(weights)), weights=weights)[0]


def day_between(rng: random.Random, first: date, last: date) -> date:
    """Return a day between ``first`` and ``last`` (both included; ``first`` when they cross)."""
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def at_work_hours(rng: random.Random, day: date) -> datetime:
    """Return a plausible moment of ``day`` during office hours, in UTC."""
    return datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59)), tzinfo=timezone.utc)
