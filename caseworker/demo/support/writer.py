"""Where the support rows of a chunk wait, the ids they carry, and how they are written.

The contact log is the bulk of the data (about fifty contacts per household, with their topics and
participants): those rows are built as tuples already in the storage format and written with
``batch.write_tuples``, which skips the per-value type processing of Core inserts (about three times faster at
half a million rows). The other tables hold a few rows per household and go through ordinary Core inserts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from caseworker.demo.batch import Row, TableIds, write_tuples
from caseworker.models import Base

_ID_TABLES = (
    "episode",
    "episode_transition",
    "intensity_period",
    "suspension",
    "extension",
    "objective",
    "episode_review",
    "exit_record",
    "team_membership",
    "contact",
    "contact_participant",
)
# Insert order respects foreign keys (episodes before what refers to them, contacts before their links).
_CORE_TABLES = _ID_TABLES[:9]
_CONTACT_COLUMNS = (
    "id", "household_id", "occurred_at", "duration_minutes", "type_id", "outcome_id", "off_hours", "after_care",
    "has_note", "note_class", "author_id", "created_at",
)  # fmt: skip
_NOTE_INDEX = _CONTACT_COLUMNS.index("has_note")  # the queued tuple holds the note's text there
_NOTE_COLUMNS = ("contact_id", "text")
_TOPIC_LINK_COLUMNS = ("contact_id", "topic_id")
_PARTICIPANT_COLUMNS = ("id", "contact_id", "staff_member_id", "partner_contact_id")


@dataclass
class SupportCounts:
    """Rows the support step wrote."""

    episodes: int = 0
    contacts: int = 0
    team_memberships: int = 0

    def add(self, other: SupportCounts) -> None:
        """Add ``other``'s counts to these."""
        self.episodes += other.episodes
        self.contacts += other.contacts
        self.team_memberships += other.team_memberships


class SupportRows:
    """The queued rows of a chunk: dicts for Core inserts, tuples in storage format for the contact log.

    The contact lists are emptied in place by :meth:`write`, so the contact log may keep a reference to them.
    """

    def __init__(self, session: Session) -> None:
        self.ids = TableIds(session, _ID_TABLES)
        self.rows: dict[str, list[Row]] = {name: [] for name in _CORE_TABLES}
        self.contacts: list[tuple[Any, ...]] = []
        self.links: list[tuple[int, int]] = []
        self.participants: list[tuple[int, int, int | None, int | None]] = []

    def write(self, session: Session) -> SupportCounts:
        """Insert the queued rows inside the caller's transaction, empty the queues and return the counts."""
        counts = SupportCounts(
            episodes=len(self.rows["episode"]),
            contacts=len(self.contacts),
            team_memberships=len(self.rows["team_membership"]),
        )
        for name in _CORE_TABLES:
            rows = self.rows[name]
            if rows:
                session.execute(insert(Base.metadata.tables[name]), rows)
                self.rows[name] = []
        connection = session.connection()
        notes = [(row[0], row[_NOTE_INDEX]) for row in self.contacts if row[_NOTE_INDEX]]
        contacts = [(*row[:_NOTE_INDEX], bool(row[_NOTE_INDEX]), *row[_NOTE_INDEX + 1 :]) for row in self.contacts]
        bulk: tuple[tuple[str, Sequence[str], Sequence[tuple[Any, ...]]], ...] = (
            ("contact", _CONTACT_COLUMNS, contacts),
            ("contact_note", _NOTE_COLUMNS, notes),
            ("contact_topic_link", _TOPIC_LINK_COLUMNS, self.links),
            ("contact_participant", _PARTICIPANT_COLUMNS, self.participants),
        )
        for table, columns, tuples in bulk:
            if tuples:
                write_tuples(connection, table, columns, tuples)
        self.contacts.clear()
        self.links.clear()
        self.participants.clear()
        return counts
