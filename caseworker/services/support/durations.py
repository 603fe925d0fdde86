"""Derived figures of a support episode, computed from its dated periods and never stored.

Pure functions over plain values, so that property tests can hammer them: every period is inclusive of both
ends, ``None`` as an end means "still running", and nothing is counted after ``today``.
"""

from __future__ import annotations

from calendar import isleap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from caseworker.domain import DurationPolicy, ReviewKind

UNKNOWN_LEVEL = ""


@dataclass(frozen=True)
class Period:
    """An inclusive period; ``key`` names what it is (an intensity level code, a suspension reason…)."""

    start: date
    end: date | None
    key: str = ""


@dataclass(frozen=True)
class DurationRule:
    """What the measure says about duration."""

    policy: DurationPolicy
    months: int | None
    suspended_days_count: bool


@dataclass(frozen=True)
class Durations:
    """Days of the episode so far, split by state and by intensity level, and its planned end."""

    span_days: int
    days_active: int
    days_suspended: int
    days_by_level: dict[str, int] = field(default_factory=dict)
    planned_end: date | None = None
    days_remaining: int | None = None


def clip(period: Period, start: date, end: date) -> tuple[date, date] | None:
    """Return the part of ``period`` inside ``start``–``end`` (inclusive), or None."""
    low = max(period.start, start)
    high = min(period.end or end, end)
    return (low, high) if low <= high else None


def _days(bounds: tuple[date, date] | None) -> int:
    return 0 if bounds is None else (bounds[1] - bounds[0]).days + 1


def _merged(periods: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    merged: list[tuple[date, date]] = []
    for low, high in sorted(periods):
        if merged and low <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _overlap_days(bounds: tuple[date, date], others: Sequence[tuple[date, date]]) -> int:
    return sum(_days(clip(Period(low, high), *bounds)) for low, high in others)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""The days of each month of a common year (February gains one in a leap year): ``monthrange`` also works out
the month's first weekday, which costs three times what this does."""


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved by ``months`` (negative: back), the day clipped to the month's end (31 Jan + 1 → 28 Feb).

    What ``dateutil``'s ``relativedelta(months=…)`` does, at a small fraction of its cost: the board computes the
    reviews of thousands of episodes at each reading.
    """
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    last = 29 if month == 2 and isleap(year) else _MONTH_DAYS[month]
    return date(year, month, day.day if day.day <= last else last)


def planned_end(
    start: date, rule: DurationRule, extension_months: Iterable[int], suspended_days: int = 0
) -> date | None:
    """Return the last planned day: start + duration + extensions (+ suspended days when they do not count)."""
    if rule.policy is DurationPolicy.OPEN_ENDED or rule.months is None:
        return None
    end = add_months(start, rule.months + sum(extension_months)) - timedelta(days=1)
    if not rule.suspended_days_count:
        end += timedelta(days=suspended_days)
    return end


def _suspended(start: date, last: date, suspensions: Iterable[Period]) -> list[tuple[date, date]]:
    return _merged(b for b in (clip(item, start, last) for item in suspensions) if b is not None)


def suspended_days(start: date, today: date, suspensions: Iterable[Period]) -> int:
    """Return the days suspended from ``start`` to ``today`` (overlapping suspensions counted once).

    What :func:`durations` counts for a running episode, without its other figures: the board needs only the
    planned end of thousands of episodes.
    """
    return sum(_days(bounds) for bounds in _suspended(start, today, suspensions)) if today >= start else 0


def durations(
    *,
    start: date | None,
    end: date | None,
    today: date,
    intensity: Sequence[Period],
    suspensions: Sequence[Period],
    rule: DurationRule,
    extension_months: Iterable[int] = (),
) -> Durations:
    """Compute the episode's derived figures.

    Days active plus days suspended always equal the span from the start to the end (or today); days per
    level add up to the days active (active days not covered by any intensity period count as unknown).
    """
    if start is None:
        return Durations(0, 0, 0)
    last = min(end, today) if end is not None else today
    if last < start:
        return Durations(0, 0, 0, {}, planned_end(start, rule, extension_months), None)
    suspended = _suspended(start, last, suspensions)
    days_suspended = sum(_days(bounds) for bounds in suspended)
    days_active = (last - start).days + 1 - days_suspended
    by_level = _active_days_by_level(start, last, intensity, suspended, days_active)
    planned = planned_end(start, rule, extension_months, days_suspended)
    remaining = None if planned is None or end is not None else (planned - today).days
    return Durations((last - start).days + 1, days_active, days_suspended, by_level, planned, remaining)


def days_by_level(
    start: date, last: date, intensity: Sequence[Period], suspensions: Sequence[Period]
) -> dict[str, int]:
    """Return the days active from ``start`` to ``last`` (both included) at each level, as :func:`durations` does.

    Suspended days are at no level; active days not covered by an intensity period are under
    :data:`UNKNOWN_LEVEL`. The funders' exports read the days of each support within their period this way.
    """
    if last < start:
        return {}
    if not suspensions:
        simple = _days_by_level_without_overlap(start, last, intensity)
        if simple is not None:
            return simple
    suspended = _suspended(start, last, suspensions)
    days_active = (last - start).days + 1 - sum(_days(bounds) for bounds in suspended)
    return _active_days_by_level(start, last, intensity, suspended, days_active)


def _days_by_level_without_overlap(start: date, last: date, intensity: Sequence[Period]) -> dict[str, int] | None:
    """:func:`days_by_level` without suspensions, for periods each after the one before (None when one is not).

    The usual case, and the export computes it for thousands of supports: one pass, no merging.
    """
    by_level: dict[str, int] = {}
    covered = 0
    until: date | None = None
    for item in intensity:
        low = item.start if item.start > start else start
        high = last if item.end is None or item.end > last else item.end
        if low > high:
            continue
        if until is not None and low <= until:
            return None
        days = (high - low).days + 1
        by_level[item.key] = by_level.get(item.key, 0) + days
        covered += days
        until = high
    unknown = (last - start).days + 1 - covered
    if unknown:
        by_level[UNKNOWN_LEVEL] = by_level.get(UNKNOWN_LEVEL, 0) + unknown
    return by_level


def _active_days_by_level(
    start: date, last: date, intensity: Sequence[Period], suspended: Sequence[tuple[date, date]], days_active: int
) -> dict[str, int]:
    """Split ``days_active`` by the levels of ``intensity`` (``suspended``: the merged suspended days)."""
    by_level: dict[str, int] = {}
    covered: list[tuple[date, date]] = []
    covered_until: date | None = None
    for item in intensity:
        bounds = clip(item, start, last)
        if bounds is None:
            continue
        if covered_until is None or bounds[0] > covered_until:
            # After every period before it (the usual case: a change closes the level before): all of it is new.
            active = _days(bounds) - (_overlap_days(bounds, suspended) if suspended else 0)
        else:
            # Overlapping intensity periods would count twice: only the part not yet covered counts.
            fresh = _days(bounds) - _overlap_days(bounds, _merged(covered))
            fresh_suspended = _overlap_days(bounds, suspended) - _overlap_suspended_covered(bounds, covered, suspended)
            active = fresh - fresh_suspended
        covered.append(bounds)
        covered_until = bounds[1] if covered_until is None else max(covered_until, bounds[1])
        if active:
            by_level[item.key] = by_level.get(item.key, 0) + active
    unknown = days_active - sum(by_level.values())
    if unknown:
        by_level[UNKNOWN_LEVEL] = by_level.get(UNKNOWN_LEVEL, 0) + unknown
    return by_level


def _overlap_suspended_covered(
    bounds: tuple[date, date], covered: Sequence[tuple[date, date]], suspended: Sequence[tuple[date, date]]
) -> int:
    """Suspended days inside ``bounds`` that an earlier intensity period already covered."""
    total = 0
    for low, high in _merged(covered):
        inner = clip(Period(low, high), *bounds)
        if inner is not None:
            total += _overlap_days(inner, suspended)
    return total


@dataclass(frozen=True)
class Milestone:
    """A review due on a date (bilan d'entrée, intermédiaire, de fin, or periodic for open-ended measures)."""

    kind: ReviewKind
    due_on: date


def milestones(
    start: date,
    end: date | None,
    *,
    start_months: int,
    end_months: int,
    every_months: int,
    horizon: date,
    since: date | None = None,
) -> list[Milestone]:
    """Return the reviews of an episode started on ``start`` and planned to end on ``end``.

    With an end: start + ``start_months``, the midpoint, and end − ``end_months`` (each at most once, in
    order, and never before the start). Open-ended: start + ``start_months``, then every ``every_months``
    until ``horizon``; with ``since``, the periodic reviews of the months before ``since`` are skipped without
    being computed (a few may still come before it: the caller filters), which the board needs for episodes
    running for years.
    """
    first = add_months(start, start_months)
    if end is None:
        found = [Milestone(ReviewKind.START, first)]
        step = max(every_months, 1)
        index = 1
        if since is not None:
            # add_months(first, k) falls in a month before ``since``'s for every k below the months between them.
            months_before = (since.year - first.year) * 12 + since.month - first.month
            index = max(1, (months_before - 1) // step)
        while True:
            due = add_months(first, step * index)
            if due > horizon:
                break
            found.append(Milestone(ReviewKind.PERIODIC, due))
            index += 1
        return found
    middle = start + (end - start) / 2
    closing = add_months(end, -end_months)
    found = []
    for kind, due in ((ReviewKind.START, first), (ReviewKind.MID, middle), (ReviewKind.END, closing)):
        if due < start or (found and due <= found[-1].due_on) or due > end:
            continue
        found.append(Milestone(kind, due))
    return found
