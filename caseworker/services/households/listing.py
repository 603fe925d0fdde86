"""The household list: its rows, the search, and households named as the list names them.

The list loads every household once at start-up (10,000 rows) and filters in memory; a search by name goes to
the database through the folded ``search_text`` column (:func:`refresh_search_text` keeps it current).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.models import (
    AuditEvent,
    CompositionType,
    Household,
    HouseholdMembership,
    MemberRole,
    Occupancy,
    OccupancyStatus,
    Person,
)
from caseworker.models.housing import Dwelling
from caseworker.services.errors import NotFoundError
from caseworker.services.identity import household_reference, person_display_name
from caseworker.services.search_text import fold, matches, tokens
from caseworker.services.validation import SEARCH_MAX


class MemberName(NamedTuple):
    """A member as the household list knows them; the name shown and the folded search key are worked out on use.

    A plain tuple: the list holds every member of 10,000 households, and only the rows a search shows ever need
    more than the raw names.
    """

    first_name: str
    last_name: str
    pseudonym: str
    is_current: bool
    person_id: int = 0

    @property
    def display_name(self) -> str:
        """Return "DUPONT Marie" (or the pseudonym)."""
        return person_display_name(self.first_name, self.last_name, self.pseudonym)

    @property
    def search_key(self) -> str:
        """Return the folded words a search looks for."""
        return fold(f"{self.first_name} {self.last_name} {self.pseudonym}")


@dataclass(frozen=True)
class HouseholdSummary:
    """One row of the household list.

    ``members`` lists every member, past ones included (the search finds them too), the one who names the
    household first.
    """

    id: int
    reference: str
    display_name: str
    member_count: int
    composition_label: str
    housing_label: str
    city: str
    housing_since: date | None
    search_key: str
    # (household id, person id, first name, last name, pseudonym) of every member — the current ones first, the
    # one who names the household leading — when someone besides that person was ever a member. Raw rows: the list
    # holds 10,000 households, and only the rows a search shows ever need a member's name (:meth:`matched_member`).
    member_rows: tuple[tuple[int, int, str, str, str], ...] = ()

    @property
    def members(self) -> tuple[MemberName, ...]:
        """Return every member (past ones too), those of today first."""
        return tuple(
            MemberName(first, last, pseudonym, index < self.member_count, person_id)
            for index, (_household, person_id, first, last, pseudonym) in enumerate(self.member_rows)
        )

    def matched_member(self, query: Sequence[str]) -> MemberName | None:
        """Return the member a search found, when the household's own name and number do not match it.

        "djebbar" finds the household of AMRANI Djamel through his partner DJEBBAR Sofia: unless the list says
        so, a visit could be recorded for a household the person did not mean. ``query`` holds folded words
        (:func:`search_text.tokens`); None when the household's name answers every word, or nobody matches.
        """
        own = fold(f"{self.reference} {self.display_name}")
        missing = [word for word in query if word not in own]
        if not missing:
            return None
        others = self.members[1:] if self.members and self.members[0].is_current else self.members
        scored = [(sum(word in member.search_key for word in missing), member) for member in others]
        best = max(scored, key=lambda item: item[0], default=None)
        return best[1] if best is not None and best[0] else None


def display_names_for(session: Session, household_ids: Iterable[int]) -> dict[int, str]:
    """The households' names as the household list shows them (their reference person), in one query."""
    wanted = list(set(household_ids))
    if not wanted:
        return {}
    names: dict[int, str] = {}
    query = _current_members_query().where(HouseholdMembership.household_id.in_(wanted))
    for household_id, _role, first, last, pseudonym in session.execute(query):
        names.setdefault(household_id, person_display_name(first, last, pseudonym))
    empty = person_display_name("", "", "")
    return {household_id: names.get(household_id, empty) for household_id in wanted}


def _current_members_query() -> Select[int, str, str, str, str]:
    """Current members (household, role code, names), the reference person of each household first."""
    return (
        select(
            HouseholdMembership.household_id,
            MemberRole.code,
            Person.first_name,
            Person.last_name,
            Person.pseudonym,
        )
        .join(Person, Person.id == HouseholdMembership.person_id)
        .join(MemberRole, MemberRole.id == HouseholdMembership.role_id)
        .where(HouseholdMembership.end_date.is_(None))
        .order_by(HouseholdMembership.household_id, MemberRole.sort_order, HouseholdMembership.start_date)
    )


def summaries_for(session: Session, household_ids: list[int] | None) -> list[HouseholdSummary]:
    """Build list rows (all households, or those of ``household_ids``) with four queries.

    The queries read the households, their current members, their former members and their current occupancies.
    The list loads 10,000 rows at start-up: a household's members are kept only when there is someone besides the
    person who names it (only then can a search find the household through another member).
    """
    household_query = select(Household.id, Household.search_text, CompositionType.label).outerjoin(
        CompositionType, CompositionType.id == Household.composition_type_id
    )
    current_query = (
        select(
            HouseholdMembership.household_id,
            HouseholdMembership.person_id,
            Person.first_name,
            Person.last_name,
            Person.pseudonym,
        )
        .join(Person, Person.id == HouseholdMembership.person_id)
        .join(MemberRole, MemberRole.id == HouseholdMembership.role_id)
        .where(HouseholdMembership.end_date.is_(None))
        .order_by(HouseholdMembership.household_id, MemberRole.sort_order, HouseholdMembership.start_date)
    )
    former_query = (
        select(
            HouseholdMembership.household_id,
            HouseholdMembership.person_id,
            Person.first_name,
            Person.last_name,
            Person.pseudonym,
        )
        .join(Person, Person.id == HouseholdMembership.person_id)
        .where(HouseholdMembership.end_date.is_not(None))
        .order_by(HouseholdMembership.household_id, HouseholdMembership.end_date.desc())  # latest departure first
    )
    occupancy_query = (
        select(Occupancy.household_id, OccupancyStatus.label, Dwelling.city, Occupancy.start_date)
        .join(OccupancyStatus, OccupancyStatus.id == Occupancy.status_id)
        .outerjoin(Dwelling, Dwelling.id == Occupancy.dwelling_id)
        .where(Occupancy.end_date.is_(None))
    )
    if household_ids is not None:
        household_query = household_query.where(Household.id.in_(household_ids))
        current_query = current_query.where(HouseholdMembership.household_id.in_(household_ids))
        former_query = former_query.where(HouseholdMembership.household_id.in_(household_ids))
        occupancy_query = occupancy_query.where(Occupancy.household_id.in_(household_ids))
    present: dict[int, list[Row[int, int, str, str, str]]] = defaultdict(list)
    for row in session.execute(current_query):
        present[row[0]].append(row)
    former: dict[int, list[Row[int, int, str, str, str]]] = defaultdict(list)
    for row in session.execute(former_query):
        household_id, person_id = row[0], row[1]
        known = former[household_id]
        # Back after leaving: listed once, as a current member; left twice: listed once, at the latest departure.
        if all(other[1] != person_id for other in (*present.get(household_id, ()), *known)):
            known.append(row)
    housing = {row[0]: (row[1], row[2] or "", row[3]) for row in session.execute(occupancy_query)}
    summaries = []
    for household_id, search_text, composition_label in session.execute(household_query):
        rows = present.get(household_id, ())
        head = rows[0] if rows else None
        gone = former.get(household_id, ())
        everyone = (*rows, *gone) if len(rows) > 1 or gone else ()
        housing_label, city, since = housing.get(household_id, ("", "", None))
        summaries.append(
            HouseholdSummary(
                id=household_id,
                reference=household_reference(household_id),
                display_name=person_display_name(head[2], head[3], head[4])
                if head
                else person_display_name("", "", ""),
                member_count=len(rows),
                composition_label=composition_label or "",
                housing_label=housing_label,
                city=city,
                housing_since=since,
                search_key=search_text,
                member_rows=everyone,
            )
        )
    return summaries


def summary_of(session: Session, household_id: int) -> HouseholdSummary:
    """Return one household's row of the list, or raise :class:`NotFoundError`."""
    found = summaries_for(session, [household_id])
    if not found:
        raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
    return found[0]


def search_households(session: Session, query: str, *, limit: int) -> list[HouseholdSummary]:
    """Return households whose members' names (accents and case ignored) contain every word of ``query``.

    The best ``limit`` rows in the list's order (by name, then number).
    """
    # A search is a few words of a name: longer text is cut (SQLite refuses LIKE patterns over 50,000 bytes),
    # and what cannot be text (a lone surrogate pasted from a broken source) is left out.
    words = tokens(query[:SEARCH_MAX].encode("utf-8", "ignore").decode("utf-8"))
    statement = select(Household.id, Household.search_text)
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(Household.search_text.like(f"%{escaped}%", escape="\\"))
    ids = [row.id for row in session.execute(statement) if matches(row.search_text, words)]
    found = summaries_for(session, ids) if ids else []
    return sorted(found, key=lambda item: (fold(item.display_name), item.id))[:limit]


def recently_opened_by(session: Session, staff_id: int, *, limit: int) -> list[int]:
    """Return the households ``staff_id`` opened lately, the most recent first (their consultations).

    The newest events are read first (by id, the order they were written in), and only until ``limit``
    households are found: fast whatever the size of the audit log.
    """
    found: list[int] = []
    query = (
        select(AuditEvent.household_id)
        .where(
            AuditEvent.staff_member_id == staff_id,
            AuditEvent.action == AuditAction.VIEW,
            AuditEvent.entity_type == "household",
        )
        .order_by(AuditEvent.id.desc())
    )
    # Closed on leaving: stopping early must not leave a server-side cursor open (PostgreSQL).
    with closing(session.execute(query.execution_options(yield_per=200))) as rows:
        for (household_id,) in rows:
            if household_id is not None and household_id not in found:
                found.append(household_id)
                if len(found) == limit:
                    break
    return found


def refresh_search_text(session: Session, household_id: int) -> None:
    """Recompute what the search matches for a household: every member's names, past and present."""
    household = session.get(Household, household_id)
    if household is None:
        return
    rows = session.execute(
        select(Person.first_name, Person.last_name, Person.pseudonym)
        .join(HouseholdMembership, HouseholdMembership.person_id == Person.id)
        .where(HouseholdMembership.household_id == household_id)
        .order_by(HouseholdMembership.person_id)
    ).all()
    parts = [household_reference(household_id), household.siao_reference]
    for first, last, pseudonym in rows:
        parts.extend((first, last, pseudonym))
    household.search_text = fold(" ".join(part for part in parts if part))
