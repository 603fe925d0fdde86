"""The household list: its rows, the search, and households named as the list names them.

The list reads one page at a time (:func:`list_page`), in the order of the folded name that names each household
(``sort_name``, then the id: keyset pagination over ``ix_household_sort_name``), and searches in the database:
every word must occur in the folded ``search_text`` (a trigram index: GIN on PostgreSQL, FTS5 on SQLite).
:func:`refresh_search_text` keeps both columns current (the FTS index follows by triggers). Start-up and a
keystroke read a page and two counts, whatever the number of households.

:func:`households_matching` is the one query behind the pages, the counts and the search: a condition on which
households a person may see goes there (``conditions``), once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Integer,
    Row,
    Select,
    and_,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
    tuple_,
    update,
)
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
from caseworker.models.sql import among
from caseworker.services.access_policy import sees_all_households
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.identity import household_reference, person_display_name
from caseworker.services.search_text import fold, tokens
from caseworker.services.validation import SEARCH_MAX
from caseworker.services.visibility import viewer_of, visible_households
from caseworker.storage.search_index import HOUSEHOLD_SEARCH, search_phrase


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
    query = _current_members_query().where(among(session, HouseholdMembership.household_id, wanted))
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
        household_query = household_query.where(among(session, Household.id, household_ids))
        current_query = current_query.where(among(session, HouseholdMembership.household_id, household_ids))
        former_query = former_query.where(among(session, HouseholdMembership.household_id, household_ids))
        occupancy_query = occupancy_query.where(among(session, Occupancy.household_id, household_ids))
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


PAGE_SIZE = 50
TRIGRAM = 3
"""The shortest word a trigram index can look up."""
COUNT_LIMIT = 1000
"""A search counts its households up to this many; beyond, the list says "more than 1,000"."""
"""Rows the list reads at a time: about two screens of scrolling."""

LIST_ORDERS = ("name", "number", "composition", "members", "housing", "city", "since")
"""What the list can be sorted by; "name" and "number" page through an index, the others by position."""


@dataclass(frozen=True)
class ListOrder:
    """The list's order: one of :data:`LIST_ORDERS`, ascending or not; ties go by name, then number."""

    column: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts: after the row whose order values are ``after``, or at ``offset``."""

    after: tuple[str | int, ...] = ()
    offset: int = 0


@dataclass(frozen=True)
class HouseholdPage:
    """Rows of the list in its order; ``next_key`` is None on the last page.

    ``matched``: how many households the search finds, when asked with the page (up to the limit asked, plus one).
    """

    rows: list[HouseholdSummary]
    next_key: PageKey | None
    matched: int | None = None


_LARGEST_ID = 2**63 - 1


def check_page_request(order: ListOrder, start: PageKey | None, limit: int) -> None:
    """Refuse a page the list never asks for: an unknown order, a key of the wrong shape, an absurd size."""
    problems: dict[str, str] = {}
    if order.column not in LIST_ORDERS:
        problems["order"] = "Ordre de la liste inconnu."
    if not 1 <= limit <= 1000:
        problems["limit"] = "Une page de la liste compte de 1 à 1 000 ménages."
    if start is not None:
        shapes = {"name": (str, int), "number": (int,)}.get(order.column)
        after = start.after
        well_formed = (
            shapes is None
            or not after
            or (  # by another column a page starts at its offset
                len(after) == len(shapes)
                and all(type(value) is kind for value, kind in zip(after, shapes, strict=True))
                and all(0 <= value <= _LARGEST_ID for value in after if isinstance(value, int))
                and all(len(value) <= 10_000 for value in after if isinstance(value, str))
            )
        )
        if not well_formed or not 0 <= start.offset <= _LARGEST_ID:
            problems["start"] = "Cette page de la liste n'existe pas : relancez la recherche."
    if problems:
        raise ValidationError(problems)


def known_ids(household_ids: Iterable[int]) -> list[int]:
    """The ids that can name a household (the others name none)."""
    return [item for item in household_ids if 0 < item <= _LARGEST_ID]


SEEN_FUNCTION_NAME = "caseworker_households_seen"
SEEN_FUNCTION = f"{SEEN_FUNCTION_NAME}()"
"""On the team's server: the ids of the households the person sees, exactly those its row-level security lets
through (installed by :mod:`caseworker.team.access_rules`). For who sees every household it returns them all: the
list asks it only for a person whose role does not (:func:`_sees_some_households`)."""

SEARCH_FUNCTION_NAME = "caseworker_households_like"
SEARCH_FUNCTION = f"{SEARCH_FUNCTION_NAME}(text)"
"""On the team's server: the ids of the households the person sees whose folded names contain the word (given as
is: the function escapes it), read on the trigram index (installed by :mod:`caseworker.team.access_rules`)."""


def search_words(query: str) -> list[str]:
    """The folded words a search looks for.

    A search is a few words of a name: longer text is cut (SQLite refuses LIKE patterns over 50,000 bytes), and
    what cannot be text (a lone surrogate pasted from a broken source) is left out.
    """
    return tokens(query[:SEARCH_MAX].encode("utf-8", "ignore").decode("utf-8"))


def households_matching(
    session: Session, words: Sequence[str], conditions: Sequence[ColumnElement[bool]] = ()
) -> list[ColumnElement[bool]]:
    """The WHERE clause of the list, its counts and the search: every word in the folded names, and ``conditions``.

    The one place where the list decides which households it shows: a visibility rule (a referent sees only the
    households of their teams) is one more condition here.

    A word is looked for with LIKE '%word%': that is the test, on both backends. A trigram index narrows it down
    first for the words of three characters or more (:func:`_read_from_index`). On PostgreSQL a word of one or two
    characters, which has no trigram, is looked for with ``strpos`` (the same test), which the planner answers by
    reading rows until it has enough.
    """
    postgresql = session.get_bind().dialect.name == "postgresql"
    clauses = list(conditions)
    indexed = _read_from_index(session, words)
    longest = max(indexed, key=len, default=None) if postgresql else None
    if indexed and not postgresql:
        clauses.append(Household.id.in_(_search_index_query(indexed)))
    if postgresql and not indexed and _sees_some_households(session):
        # No word for the index: start from the households the person sees (their teams'), which the server
        # lists, rather than from every household's name, each passed through the row-level security.
        clauses.append(Household.id.in_(select(getattr(func, SEEN_FUNCTION_NAME)())))
    for word in words:
        if postgresql and len(word) < TRIGRAM:
            clauses.append(func.strpos(Household.search_text, word) > 0)
            continue
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        if word == longest:
            # The households the server's index finds for the longest word (row-level security keeps the planner
            # from that index: the server's function reads it, with the same rule of who sees which household).
            clauses.append(Household.id.in_(select(getattr(func, SEARCH_FUNCTION_NAME)(word))))
        clauses.append(Household.search_text.like(f"%{escaped}%", escape="\\"))
    return clauses


def _sees_some_households(session: Session) -> bool:
    """Whether the session's person has a role that sees only some households (their teams').

    The role is the one read at the session's start: the server's rules decide what is seen in any case; a role
    changed since only makes the list slower or faster to answer, never different.
    """
    viewer = viewer_of(session)
    return viewer is not None and viewer.staff_member_id is not None and not sees_all_households(viewer.role_code)


SEARCH_INDEX_MOST = 2000
"""On SQLite, the most households the FTS index may name for the search to start from them.

Beyond, the words are common ("m-0" is in every household's number): reading every one of those households to
sort them costs more than walking the list in its order until a page of them is found, as without the index. At
100,000 households both cost the same about here (reading m households against 50 × 100,000 / m rows). Who sees
no more households than this (a referent) starts from those, without the index.
"""

_SEARCH_INDEX = table(HOUSEHOLD_SEARCH, column("rowid", Integer))
"""The local store's FTS5 index of ``search_text`` (not a model: :mod:`caseworker.storage.search_index`)."""
_SEARCH_INDEX_MATCH: ColumnElement[str] = literal_column(HOUSEHOLD_SEARCH)
"""The FTS5 table's hidden column of its own name: the left side of MATCH, a query on every column."""


def _search_index_query(words: Sequence[str]) -> Select[int]:
    """The households whose ``search_text`` holds every word (and maybe more: LIKE decides), from the FTS index.

    One MATCH, each word a phrase (its characters taken as they are). The index ignores case beyond ASCII where
    LIKE does not: it may give more households, never fewer.
    """
    phrases = " ".join(search_phrase(word) for word in words)
    return select(_SEARCH_INDEX.c.rowid).where(_SEARCH_INDEX_MATCH.op("MATCH")(phrases))


def _read_from_index(session: Session, words: Sequence[str]) -> list[str]:
    """The words a trigram index looks up (three characters or more), or none when the index would not help.

    On PostgreSQL the server's function reads the GIN index for the longest of them. On SQLite the FTS index gives
    the households holding all of them, unless they are more than :data:`SEARCH_INDEX_MOST` (asked first: a fraction
    of a millisecond) or the person sees no more households than that (a referent: the search starts from those,
    as short a list, and the question is spared). A word holding a NUL character is left to LIKE (FTS5 reads its query
    up to the NUL).
    """
    if session.get_bind().dialect.name == "postgresql":
        return [word for word in words if len(word) >= TRIGRAM]
    indexed = [word for word in words if len(word) >= TRIGRAM and "\x00" not in word]
    seen = visible_households(session)
    if not indexed or (seen is not None and len(seen) <= SEARCH_INDEX_MOST):
        return []
    named = select(func.count()).select_from(_search_index_query(indexed).limit(SEARCH_INDEX_MOST + 1).subquery())
    return indexed if (session.connection().scalar(named) or 0) <= SEARCH_INDEX_MOST else []


def count_households(
    session: Session,
    words: Sequence[str],
    conditions: Sequence[ColumnElement[bool]] = (),
    *,
    at_most: int | None = None,
) -> int:
    """How many households the list shows for ``words`` (all of them when there is no word).

    With ``at_most``, counting stops after ``at_most + 1``: a one-letter search matches most of 100,000 households,
    and counting them all would read every row at each keystroke; "more than 1,000" says enough.
    """
    matching = select(Household.id).where(*households_matching(session, words, conditions))
    if at_most is not None:
        matching = matching.limit(at_most + 1)
    return int(session.scalar(select(func.count()).select_from(matching.subquery())) or 0)


def list_page(
    session: Session,
    words: Sequence[str],
    *,
    order: ListOrder = ListOrder(),
    start: PageKey | None = None,
    limit: int = PAGE_SIZE,
    conditions: Sequence[ColumnElement[bool]] = (),
) -> HouseholdPage:
    """Return the ``limit`` households after ``start`` in ``order``, among those :func:`households_matching`.

    By name or number the page starts after the last row's key (keyset pagination: an index range, as fast on the
    last page as on the first, and no row is skipped or shown twice when one is added meanwhile); by another column
    it starts at a position (those orders are computed, not indexed: rarely used, slower on a large list).
    """
    if limit < 1:
        return HouseholdPage([], None)
    keys = _order_keys(session, order)
    clauses = households_matching(session, words, conditions)
    statement = select(Household.id, *keys).where(*clauses)
    if order.column in ("name", "number") and _trigram_search(session, words):
        # The households that match first (the trigram index), then their order: left to itself the planner may
        # walk the whole name index instead, filtering row by row, for a word it wrongly thinks common. (SQLite
        # starts from its FTS index by itself, a list of rowids: faster than through a materialized CTE.)
        matching = select(Household.id, Household.sort_name).where(*clauses).cte("matching").prefix_with("MATERIALIZED")
        keys = [matching.c.sort_name, matching.c.id] if order.column == "name" else [matching.c.id]
        statement = select(matching.c.id, *keys)
    descending = order.descending
    ordering = [key.desc() if descending else key.asc() for key in keys]
    if order.column in ("name", "number"):
        if start is not None and start.after:
            position = tuple_(*keys)
            bound = tuple_(*start.after)
            statement = statement.where(position < bound if descending else position > bound)
    elif start is not None:
        statement = statement.offset(start.offset)
    rows = session.execute(statement.order_by(*ordering).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    found = {summary.id: summary for summary in summaries_for(session, [row[0] for row in rows])} if rows else {}
    next_key = None
    if more:
        offset = (start.offset if start is not None else 0) + len(rows)
        next_key = PageKey(after=tuple(rows[-1][1:]), offset=offset)
    return HouseholdPage([found[row[0]] for row in rows if row[0] in found], next_key)


def _trigram_search(session: Session, words: Sequence[str]) -> bool:
    """True on PostgreSQL when a word is long enough for the trigram index (three characters)."""
    return session.get_bind().dialect.name == "postgresql" and any(len(word) >= TRIGRAM for word in words)


def _order_keys(session: Session, order: ListOrder) -> list[ColumnElement[Any]]:
    """The ORDER BY of ``order``: its column, then the name, then the number (the last two make it total)."""
    name: ColumnElement[Any] = Household.sort_name.expression
    number: ColumnElement[Any] = Household.id.expression
    if order.column == "number":
        return [number]
    if order.column == "name":
        return [name, number]
    postgresql = session.get_bind().dialect.name == "postgresql"

    def text_key(expression: ColumnElement[Any]) -> ColumnElement[Any]:
        # Byte order on both backends, as SQLite compares text and as ``sort_name`` is compared.
        return func.coalesce(expression, "").collate("C") if postgresql else func.coalesce(expression, "")

    current = and_(Occupancy.household_id == Household.id, Occupancy.end_date.is_(None))
    computed: ColumnElement[Any]
    if order.column == "composition":
        computed = text_key(
            select(CompositionType.label).where(CompositionType.id == Household.composition_type_id).scalar_subquery()
        )
    elif order.column == "members":
        computed = (
            select(func.count())
            .where(HouseholdMembership.household_id == Household.id, HouseholdMembership.end_date.is_(None))
            .scalar_subquery()
        )
    elif order.column == "housing":
        computed = text_key(
            select(OccupancyStatus.label)
            .join(Occupancy, Occupancy.status_id == OccupancyStatus.id)
            .where(current)
            .limit(1)
            .scalar_subquery()
        )
    elif order.column == "city":
        computed = text_key(
            select(Dwelling.city)
            .join(Occupancy, Occupancy.dwelling_id == Dwelling.id)
            .where(current)
            .limit(1)
            .scalar_subquery()
        )
    else:  # since: the start of the current housing, households without one last
        since = select(Occupancy.start_date).where(current).limit(1).scalar_subquery()
        return [since.is_(None), since, name, number]
    return [computed, name, number]


def search_households(
    session: Session, query: str, *, limit: int, conditions: Sequence[ColumnElement[bool]] = ()
) -> list[HouseholdSummary]:
    """Return households whose members' names (accents and case ignored) contain every word of ``query``.

    The first ``limit`` rows in the list's order (by name, then number).
    """
    return list_page(session, search_words(query), limit=limit, conditions=conditions).rows


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
    household.sort_name = sort_names_for(session, [household_id])[household_id]


def sort_names_for(session: Session, household_ids: Iterable[int]) -> dict[int, str]:
    """The list's order key of each household: its name as the list shows it, folded."""
    return {household_id: fold(name) for household_id, name in display_names_for(session, household_ids).items()}


def refresh_sort_names(session: Session, household_ids: Sequence[int]) -> None:
    """Recompute the order key of many households at once (bulk writers: the demo, a migration from local)."""
    names = sort_names_for(session, household_ids)
    if names:
        # Not an edit of the household: ``updated_at`` keeps its value (an UPDATE would stamp it otherwise).
        statement = (
            update(Household)
            .where(Household.id == bindparam("household_id"))
            .values(sort_name=bindparam("name"), updated_at=Household.updated_at)
        )
        session.connection().execute(
            statement, [{"household_id": household_id, "name": name} for household_id, name in names.items()]
        )
