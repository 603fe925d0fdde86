"""The qualitative export: the exit narratives of a profile's period, each with only its quarter, reason and length.

The exits are the figures' (:func:`caseworker.exports.facts.load_episodes`, and the profile's funder's share:
:func:`caseworker.exports.funding_figures.funded_by`): supports of the profile's measures that ended in the period
with an exit record. A narrative leaves with the quarter of its exit, the exit's reason and the band of the
support's length (the bands of the exits by length) — never a day, a name or a number — and only once it passes
:mod:`caseworker.exports.narratives` and the team lead has ticked it (docs/domain.md §13.8).

Those three say who exited when few exits share them (« T2 2026 · Décès · 6 à 12 mois » in a cohort of twenty), so
they are coarsened as the figures' secrecy would: each narrative keeps its quarter, reason and band only when at
least ``threshold`` exits of the period share all three; else its year and reason when that many share them; else
its reason alone; else « Autre motif » alone (docs/domain.md §13.8).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.exports.facts import EpisodeFact, ExportScope, load_episodes
from caseworker.exports.funding_figures import funded_by, load_funding
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


OTHER_REASON = "Autre motif"
UNSAID_LENGTH = "Durée non précisée"


def exit_narratives(
    session: Session, scope: ExportScope, *, threshold: int = 5, funder_code: str = ""
) -> list[ExitNarrative]:
    """The exits of the period with a narrative (an empty one is skipped), oldest quarter first.

    Each is described only as precisely as ``threshold`` exits of the period allow (see the module).
    """
    supports = funded_by(load_episodes(session, scope), load_funding(session, scope), funder_code)
    exits = {episode.id: episode for episode in supports if episode.exited and scope.in_period(episode.end)}
    described = _descriptions(exits.values(), threshold)
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
        quarter, reason, band = described[episode.id]
        narratives.append(
            ExitNarrative(
                exit_id=exit_id,
                household_id=episode.household_id,
                quarter=quarter,
                reason=reason,
                length_band=band,
                text=text,
            )
        )
    return sorted(narratives, key=publication_order)


def _descriptions(exits: Iterable[EpisodeFact], threshold: int) -> dict[int, tuple[str, str, str]]:
    """Each exit's quarter, reason and band, coarsened until ``threshold`` exits of the period share them."""
    full: dict[int, tuple[str, str, str]] = {}
    for episode in exits:
        assert episode.start is not None and episode.end is not None  # exited
        full[episode.id] = (quarter_of(episode.end), episode.exit_reason or "", length_band(episode.start, episode.end))
    exact = Counter(full.values())
    by_year = Counter((quarter[-4:], reason) for quarter, reason, _band in full.values())
    by_reason = Counter(reason for _quarter, reason, _band in full.values())
    described = {}
    for episode_id, (quarter, reason, band) in full.items():
        if exact[(quarter, reason, band)] >= threshold:
            described[episode_id] = (quarter, reason, band)
        elif by_year[(quarter[-4:], reason)] >= threshold:
            described[episode_id] = (quarter[-4:], reason, UNSAID_LENGTH)
        elif by_reason[reason] >= threshold:
            described[episode_id] = ("", reason, UNSAID_LENGTH)
        else:
            described[episode_id] = ("", OTHER_REASON, UNSAID_LENGTH)
    return described


def publication_order(narrative: ExitNarrative | PublishedNarrative) -> tuple[str, str, int, str]:
    """Quarter (year first), reason, length, text: an order that says nothing of who exited first."""
    year, number = narrative.quarter[-4:], narrative.quarter[1:2] if narrative.quarter.startswith("T") else "0"
    bands = (*DURATION_BANDS, UNSAID_LENGTH)
    return (f"{year}{number}", narrative.reason, bands.index(narrative.length_band), narrative.text)
