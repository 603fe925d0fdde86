"""The words of the support timeline: tooltips, the legend's labels, and the description read to screen readers.

Translated in the context "SupportTimeline" (the widget's class, whose ``tr()`` they went through before the
layout moved out of it), each call written out in full so that lupdate finds it; the words with plural forms in
the context "TimelineCounts" (see :class:`TimelineCounts`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject

from caseworker.formats import format_date
from caseworker.services.support import Band, TimelineContact, TimelineData, TimelineEpisode

CONTACT_HIT = 4.0  # pixels either side of a contact that still show its tooltip
MAX_TIP_CONTACTS = 8


def period(band: Band) -> str:
    """Return "since 01/09/2025" or "from 01/09/2025 to 31/12/2025"."""
    if band.end is None:
        return QCoreApplication.translate("SupportTimeline", "since {start}").format(start=format_date(band.start))
    return QCoreApplication.translate("SupportTimeline", "from {start} to {end}").format(
        start=format_date(band.start), end=format_date(band.end)
    )


class TimelineCounts(QObject):
    """The timeline's words with plural forms, in their own translation context.

    lupdate reads plural forms only from ``tr()`` calls, which need a QObject: hence this class and its one
    instance, :data:`COUNTS`.
    """

    def contacts(self, reached: int, attempts: int, separator: str) -> str:
        """Return "3 contacts reached" and "1 failed attempt", joined by ``separator``."""
        return self.tr("%n contact(s) reached", "", reached) + separator + self.tr("%n failed attempt(s)", "", attempts)

    def more(self, count: int) -> str:
        """Return "… and 4 more" (contacts left out of a tooltip)."""
        return self.tr("… and %n more", "", count)


COUNTS = TimelineCounts()


def contact_counts(reached: int, attempts: int, separator: str) -> str:
    """Return "3 contacts reached" and "1 failed attempt", joined by ``separator``."""
    return COUNTS.contacts(reached, attempts, separator)


def episode_tip(episode: TimelineEpisode) -> str:
    """The tooltip of an episode's lane label: measure, status, referral, support period, planned end."""
    lines = [episode.measure_name, episode.status_label]
    lines.append(
        QCoreApplication.translate("SupportTimeline", "Referral received on {date}").format(
            date=format_date(episode.orientation_date)
        )
    )
    if episode.start_date is not None:
        support = period(Band(episode.start_date, episode.end_date, ""))
        lines.append(QCoreApplication.translate("SupportTimeline", "Support: {period}").format(period=support))
    if episode.planned_end is not None:
        lines.append(
            QCoreApplication.translate("SupportTimeline", "Planned end: {date}").format(
                date=format_date(episode.planned_end)
            )
        )
    return "\n".join(lines)


def describe(data: TimelineData | None) -> str:
    """Return the content in words (the accessible description)."""
    if data is None:
        return ""
    parts = [_describe_episode(episode) for episode in data.episodes]
    reached = sum(1 for contact in data.contacts if contact.kind == "reached")
    attempts = sum(1 for contact in data.contacts if contact.kind == "attempt")
    parts.append(contact_counts(reached, attempts, ", "))
    if data.occupancies:
        current = data.occupancies[-1]
        parts.append(
            QCoreApplication.translate("SupportTimeline", "housing: {status} {period}").format(
                status=current.label, period=period(current)
            )
        )
    else:
        parts.append(QCoreApplication.translate("SupportTimeline", "no housing situation recorded"))
    return "; ".join(parts)


def _describe_episode(episode: TimelineEpisode) -> str:
    words = [
        QCoreApplication.translate("SupportTimeline", "{measure}: {status}").format(
            measure=episode.measure_name, status=episode.status_label
        )
    ]
    words.extend(f"{band.label} {period(band)}" for band in episode.intensity)
    words.extend(
        QCoreApplication.translate("SupportTimeline", "suspended ({reason}) {period}").format(
            reason=band.label, period=period(band)
        )
        for band in episode.suspensions
    )
    if episode.planned_end is not None:
        words.append(
            QCoreApplication.translate("SupportTimeline", "planned end {date}").format(
                date=format_date(episode.planned_end)
            )
        )
    return ", ".join(words)


def contacts_tip(xs: Sequence[float], contacts: Sequence[TimelineContact], x: float) -> str:
    """Return the contacts drawn within :data:`CONTACT_HIT` pixels of ``x`` on a row, one line each.

    ``xs`` are the contacts' positions on the row, sorted, and ``contacts`` the contacts in the same order.
    """
    low = bisect.bisect_left(xs, x - CONTACT_HIT)
    high = bisect.bisect_right(xs, x + CONTACT_HIT)
    found = contacts[low:high]
    if not found:
        return ""
    lines = [
        f"{format_date(contact.day)} — {contact.type_label} : {contact.outcome_label}"
        for contact in found[:MAX_TIP_CONTACTS]
    ]
    if len(found) > MAX_TIP_CONTACTS:
        lines.append(COUNTS.more(len(found) - MAX_TIP_CONTACTS))
    return "\n".join(lines)


def legend_entries(data: TimelineData) -> list[tuple[str, str]]:
    """Return the legend as (kind of swatch, label): only what the timeline shows, then "Today"."""
    levels: dict[int, str] = {}
    for episode in data.episodes:
        for band in episode.intensity:
            levels.setdefault(band.index, band.label)
    entries: list[tuple[str, str]] = [(f"level:{index}", label) for index, label in sorted(levels.items())]
    if any(episode.suspensions for episode in data.episodes):
        entries.append(("suspension", QCoreApplication.translate("SupportTimeline", "Suspension")))
    if data.episodes:
        entries.append(("waiting", QCoreApplication.translate("SupportTimeline", "Referral → start")))
        entries.append(("transition", QCoreApplication.translate("SupportTimeline", "Status change")))
    if any(episode.planned_end for episode in data.episodes):
        entries.append(("planned", QCoreApplication.translate("SupportTimeline", "Planned end")))
    kinds = {contact.kind for contact in data.contacts}
    if "reached" in kinds:
        entries.append(("reached", QCoreApplication.translate("SupportTimeline", "Contact")))
    if "attempt" in kinds:
        entries.append(("attempt", QCoreApplication.translate("SupportTimeline", "Failed attempt")))
    if "cancelled" in kinds:
        entries.append(("cancelled", QCoreApplication.translate("SupportTimeline", "Cancelled")))
    if any(band.index for band in data.occupancies):
        entries.append(("housed", QCoreApplication.translate("SupportTimeline", "Housed")))
    if any(not band.index for band in data.occupancies):
        entries.append(("not_housed", QCoreApplication.translate("SupportTimeline", "Not housed")))
    entries.append(("today", QCoreApplication.translate("SupportTimeline", "Today")))
    return entries
