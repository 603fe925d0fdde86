"""The qualitative export: the exit narratives of a profile's period, each with only its quarter, reason and length.

The exits are the figures' (:func:`caseworker.exports.facts.load_episodes`): supports of the profile's measures
that ended in the period with an exit record. A narrative leaves with the quarter of its exit, the exit's reason
and the band of the support's length (the bands of the exits by length) — never a day, a name or a number — and
only once it passes :mod:`caseworker.exports.narratives` and the team lead has ticked it (docs/domain.md §13).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.exports.facts import ExportScope, load_episodes
from caseworker.exports.support_figures import DURATION_BANDS, length_band
from caseworker.models import ExitRecord
from caseworker.models.sql import among


@dataclass(frozen=True)
class ExitNarrative:
    """One exit of the period with a narrative, as read from the store (ids stay inside the application)."""

    exit_id: int
    household_id: int
    quarter: str
    reason: str
    length_band: str
    text: str

    @property
    def digest(self) -> str:
        """The SHA-256 of the text: what the team lead read is what leaves (an edit since asks for a new reading)."""
        return text_digest(self.text)

    def published(self) -> PublishedNarrative:
        """What a funder reads of it."""
        return PublishedNarrative(self.quarter, self.reason, self.length_band, self.text)


@dataclass(frozen=True)
class PublishedNarrative:
    """A narrative as the file holds it: no day, no name, no number."""

    quarter: str
    reason: str
    length_band: str
    text: str


@dataclass(frozen=True)
class NarrativeDocument:
    """The qualitative export of one profile over one period."""

    profile_label: str
    measures: tuple[str, ...]
    period_start: date
    period_end: date
    narratives: tuple[PublishedNarrative, ...]


def quarter_of(day: date) -> str:
    """« T2 2026 »: the quarter of an exit (a narrative carries no day)."""
    return f"T{(day.month - 1) // 3 + 1} {day.year}"


def text_digest(text: str) -> str:
    """The SHA-256 of a narrative's text (hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def exit_narratives(session: Session, scope: ExportScope) -> list[ExitNarrative]:
    """The exits of the period with a narrative (an empty one is skipped), oldest quarter first."""
    exits = {episode.id: episode for episode in load_episodes(session, scope) if episode.exited}
    exits = {key: episode for key, episode in exits.items() if scope.in_period(episode.end)}
    if not exits:
        return []
    rows = session.execute(
        select(ExitRecord.id, ExitRecord.episode_id, ExitRecord.narrative).where(
            among(session, ExitRecord.episode_id, exits)
        )
    )
    narratives = []
    for exit_id, episode_id, narrative in rows:
        text = (narrative or "").strip()
        episode = exits[episode_id]
        if not text or episode.start is None or episode.end is None:
            continue
        narratives.append(
            ExitNarrative(
                exit_id=exit_id,
                household_id=episode.household_id,
                quarter=quarter_of(episode.end),
                reason=episode.exit_reason or "",
                length_band=length_band(episode.start, episode.end),
                text=text,
            )
        )
    return sorted(narratives, key=publication_order)


def publication_order(narrative: ExitNarrative | PublishedNarrative) -> tuple[str, str, int, str]:
    """Quarter (year first), reason, length, text: an order that says nothing of who exited first."""
    number, year = narrative.quarter[1:].split()
    return (f"{year}{number}", narrative.reason, DURATION_BANDS.index(narrative.length_band), narrative.text)
