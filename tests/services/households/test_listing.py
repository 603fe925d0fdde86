"""Tests of caseworker/services/households/listing.py: the list page by page, in its order, and its counts.

The list no longer loads every household: each page must follow on from the last, every household once, in the
order the whole list had (by folded name, then number), and a search must find what it found before.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from caseworker.services import Services
from caseworker.services.errors import ValidationError
from caseworker.services.households import (
    LIST_ORDERS,
    HouseholdInput,
    HouseholdSummary,
    ListOrder,
    PageKey,
    PersonInput,
    listing,
)
from caseworker.services.search_text import fold, matches, tokens
from tests.services.builders import new_household
from tests.support.row_versions import current_version

NAMES = [
    ("Hélène", "Çelik"),
    ("Luc", "dupond"),
    ("Marc", "Dupont"),
    ("Paul", "Eddy"),
    ("Zoé", "Émile"),
    ("Œdipe", "Faure"),
    ("Anaïs", "Martin"),
    ("Marc", "Dupont"),  # the same name twice: the number decides
    ("Ali", "Ben Saïd"),
    ("Jean-Luc", "Le Gall"),
    ("Sofia", "D'Amato"),
]


def _everyone(services: Services, query: str = "", *, order: ListOrder | None = None, limit: int) -> list[int]:
    """Page through the list ``limit`` rows at a time; every page but the last is full."""
    ids: list[int] = []
    start: PageKey | None = None
    while True:
        page = services.households.list_page(query, order=order, start=start, limit=limit)
        ids.extend(item.id for item in page.rows)
        if page.next_key is None:
            return ids
        assert len(page.rows) == limit
        start = page.next_key


def _name_order(summaries: list[HouseholdSummary]) -> list[int]:
    return [item.id for item in sorted(summaries, key=lambda item: (fold(item.display_name), item.id))]


@pytest.fixture
def listed(services: Services) -> list[HouseholdSummary]:
    created = [new_household(services, first, last) for first, last in NAMES]
    created.append(services.households.create_household(HouseholdInput(), PersonInput(pseudonym="Zorro")))
    services.households.add_member(
        created[0].id, PersonInput(first_name="Sofia", last_name="Djebbar"), role_code="conjoint",
        start_date=date(2025, 1, 1),
        expected_version=current_version(services.households, "add_member", created[0].id),
    )  # fmt: skip
    return services.households.list_summaries()


@pytest.mark.parametrize("limit", [1, 2, 5, 100])
def test_pages_give_every_household_once_in_the_order_of_the_whole_list(
    services: Services, listed: list[HouseholdSummary], limit: int
) -> None:
    assert _everyone(services, limit=limit) == _name_order(listed)
    descending = _everyone(services, order=ListOrder("name", descending=True), limit=limit)
    assert descending == list(reversed(_name_order(listed)))
    assert _everyone(services, order=ListOrder("number"), limit=limit) == sorted(item.id for item in listed)


@pytest.mark.parametrize("column", LIST_ORDERS)
def test_every_order_pages_through_every_household_once(
    services: Services, listed: list[HouseholdSummary], column: str
) -> None:
    for descending in (False, True):
        ids = _everyone(services, order=ListOrder(column, descending), limit=3)
        assert sorted(ids) == sorted(item.id for item in listed)
        assert ids == _everyone(services, order=ListOrder(column, descending), limit=1000)


def test_members_and_since_order_by_value(services: Services, listed: list[HouseholdSummary]) -> None:
    counts = [
        services.households.summary(item).member_count
        for item in _everyone(services, order=ListOrder("members"), limit=4)
    ]
    assert counts == sorted(counts) and counts[-1] == 2


@pytest.fixture(params=["index", "no index"])
def search_index(request: pytest.FixtureRequest, backend: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The local search with its FTS index, and as if every word were too common for it (LIKE alone).

    Claire, who runs these tests, sees only the households she created: too few for her search to start from the
    index. It reads it here as for someone who sees every household (which households she sees is not changed).
    """
    if request.param == "no index":
        if backend != "sqlcipher":
            pytest.skip("the FTS index is the local store's (the server's GIN index is always read)")
        monkeypatch.setattr(listing, "SEARCH_INDEX_MOST", -1)  # no count is at most -1
    monkeypatch.setattr(listing, "visible_households", lambda _session: None)
    return str(request.param)


@pytest.mark.parametrize(
    "query", ["dup", "marc dupont", "e", "oe", "djebbar", "m-00000", "zzz", "   ", "d'a", "-", "upon", "ebba", "dipe"]
)
def test_a_search_pages_through_what_the_whole_list_would_show(
    search_index: str, services: Services, listed: list[HouseholdSummary], query: str
) -> None:
    words = tokens(query)
    expected = _name_order([item for item in listed if matches(item.search_key, words)])
    assert _everyone(services, query, limit=2) == expected
    assert [item.id for item in services.households.search(query, limit=1000)] == expected
    assert services.households.count(query) == len(expected)
    assert _everyone(services, query, order=ListOrder("name", descending=True), limit=3) == expected[::-1]
    by_number = sorted(expected)
    assert _everyone(services, query, order=ListOrder("number"), limit=2) == by_number
    assert _everyone(services, query, order=ListOrder("number", descending=True), limit=2) == by_number[::-1]


def test_a_count_may_stop_early(services: Services, listed: list[HouseholdSummary]) -> None:
    assert services.households.count("e", at_most=2) == 3  # "more than 2"
    assert services.households.count("e", at_most=1000) == services.households.count("e") > 3
    assert services.households.count("zola", at_most=2) == 0


def test_a_page_asked_with_its_count_says_what_count_says(services: Services, listed: list[HouseholdSummary]) -> None:
    """One call for a keystroke: the page, and how many match (as count with at_most), from one transaction."""
    for query, limit, at_most in (("e", 2, 1000), ("e", 2, 2), ("e", 1000, 1000), ("zola", 2, 1000), ("", 2, 5)):
        page = services.households.list_page(query, limit=limit, count_at_most=at_most)
        assert page.rows == services.households.list_page(query, limit=limit).rows
        assert page.matched == services.households.count(query, at_most=at_most), (query, limit, at_most)
    assert services.households.list_page("e", limit=2).matched is None  # not asked
    start = services.households.list_page("e", limit=2).next_key
    assert services.households.list_page("e", start=start, limit=1000, count_at_most=1000).matched == (
        services.households.count("e")
    )  # a later page, the last: still every match
    with pytest.raises(ValidationError):
        services.households.list_page("e", count_at_most=-1)


def test_count_of_the_whole_list(services: Services, listed: list[HouseholdSummary]) -> None:
    assert services.households.count() == len(listed) == len(NAMES) + 1


def test_a_page_key_survives_a_household_added_before_it(services: Services, listed: list[HouseholdSummary]) -> None:
    first = services.households.list_page(limit=3)
    new_household(services, "Aaron", "Abadie")  # sorts first: already behind the reader
    rest = _everyone_from(services, first.next_key)
    assert [item.id for item in first.rows] + rest == _name_order(listed)


def _everyone_from(services: Services, start: PageKey | None) -> list[int]:
    ids: list[int] = []
    while start is not None:
        page = services.households.list_page(start=start, limit=4)
        ids.extend(item.id for item in page.rows)
        start = page.next_key
    return ids


def test_the_order_follows_the_person_who_names_the_household(services: Services) -> None:
    zola = new_household(services, "Alain", "Zola")
    abadie = new_household(services, "Zoé", "Abadie")
    member = services.households.add_member(
        zola.id,
        PersonInput(first_name="Anne", last_name="Abad"),
        role_code="conjoint",
        start_date=date(2025, 1, 1),
        expected_version=current_version(services.households, "add_member", zola.id),
    )
    assert [item.id for item in services.households.list_page().rows] == [abadie.id, zola.id]
    [head] = [
        m for m in services.households.open_file(zola.id, record_view=False).members if m.person_id != member.person_id
    ]
    services.households.end_membership(
        head.membership_id,
        end_date=date(2026, 6, 15),
        reason="Départ",
        expected_version=current_version(services.households, "end_membership", head.membership_id),
    )
    assert services.households.summary(zola.id).display_name == "ABAD Anne"
    assert [item.id for item in services.households.list_page().rows] == [zola.id, abadie.id]
    services.households.update_person(
        member.person_id,
        PersonInput(first_name="Anne", last_name="Bertin"),
        household_id=zola.id,
        expected_version=current_version(services.households, "update_household", zola.id),
    )
    assert [item.id for item in services.households.list_page().rows] == [abadie.id, zola.id]


def test_a_word_is_found_anywhere_in_a_name(services: Services, listed: list[HouseholdSummary]) -> None:
    """A part in the middle of a name finds it, accents and case aside, through another member too."""
    dupont = [item.id for item in listed if item.display_name == "DUPONT Marc"]
    dupond = [item.id for item in listed if item.display_name == "DUPOND Luc"]
    assert [item.id for item in services.households.search("PONT")] == dupont
    assert [item.id for item in services.households.search("upon")] == [*dupond, *dupont]  # in name order
    assert [item.id for item in services.households.search("pont luc")] == []  # every word, in the same household
    assert [item.id for item in services.households.search("pond luc")] == dupond
    assert [item.display_name for item in services.households.search("ÉLIK")] == ["ÇELIK Hélène"]
    assert [item.display_name for item in services.households.search("dipe")] == ["FAURE Œdipe"]
    assert [item.display_name for item in services.households.search("ebbar")] == ["ÇELIK Hélène"]


@pytest.mark.parametrize(
    "query",
    ['"', '""', '"chat"', 'chat"', 'le "chat', '"""', "50%", "%%%", "t_50", "___", "t_5", "_", "%", "*", "\\", "50\\%"],
)
def test_quotes_and_wildcards_in_a_search_are_characters_like_any_other(
    search_index: str, services: Services, query: str
) -> None:
    """A double quote (FTS5's phrase mark), % and _ (LIKE's wildcards) find exactly the names that hold them."""
    new_household(services, "Jo", "Dupont_50%")
    new_household(services, "Jo", "Dupontx50y")
    quoted = services.households.create_household(HouseholdInput(), PersonInput(pseudonym='Le "Chat"'))
    services.households.create_household(HouseholdInput(), PersonInput(pseudonym="Le Chat*"))
    listed = services.households.list_summaries()
    expected = _name_order([item for item in listed if matches(item.search_key, tokens(query))])
    assert [item.id for item in services.households.search(query, limit=100)] == expected
    assert services.households.count(query) == len(expected)
    if query == '"chat"':
        assert expected == [quoted.id]


def test_a_new_name_is_found_and_the_old_one_no_longer(search_index: str, services: Services) -> None:
    """Renaming a person, adding a member or changing the SIAO number: the search follows at once."""
    household = new_household(services, "Gaspard", "Zyworski")
    other = new_household(services, "Anne", "Blanchard")
    assert [item.id for item in services.households.search("worsk")] == [household.id]
    [member] = services.households.open_file(household.id, record_view=False).members
    services.households.update_person(
        member.person_id,
        PersonInput(first_name="Gaspard", last_name="Leblanc"),
        household_id=household.id,
        expected_version=current_version(services.households, "update_household", household.id),
    )
    assert services.households.search("worsk") == []
    assert services.households.count("worsk") == 0
    assert [item.id for item in services.households.search("blanc")] == [other.id, household.id]
    services.households.add_member(
        household.id, PersonInput(first_name="Inès", last_name="Quenardel"), role_code="conjoint",
        start_date=date(2025, 1, 1),
        expected_version=current_version(services.households, "add_member", household.id),
    )  # fmt: skip
    assert [item.id for item in services.households.search("nardel")] == [household.id]
    services.households.update_household(
        other.id,
        HouseholdInput(siao_reference="SIAO-QX-4471"),
        expected_version=current_version(services.households, "update_household", other.id),
    )
    assert [item.id for item in services.households.search("qx-447")] == [other.id]
    services.households.update_household(
        other.id,
        HouseholdInput(siao_reference="SIAO-RW-9000"),
        expected_version=current_version(services.households, "update_household", other.id),
    )
    assert services.households.search("qx-447") == []
    assert [item.id for item in services.households.search("rw-900")] == [other.id]


def test_the_local_search_starts_from_its_index_unless_the_words_are_common(
    services: Services, listed: list[HouseholdSummary], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rare word: the FTS index names the households, no walk through the list. A word too common for it (more
    households than :data:`listing.SEARCH_INDEX_MOST`), or a person who sees fewer households than that: the
    list in its order, as without the index."""
    if services.context.team_mode:
        pytest.skip("the FTS index is the local store's (the server's plan is tested with its function)")
    engine = services.context.engine
    statements: list[tuple[str, object]] = []

    def record(_connection: object, _cursor: object, statement: str, parameters: object, *_args: object) -> None:
        statements.append((statement, parameters))

    def plans(query: str, order: ListOrder) -> list[str]:
        statements.clear()
        event.listen(engine, "before_cursor_execute", record)
        try:
            services.households.list_page(query, order=order)
        finally:
            event.remove(engine, "before_cursor_execute", record)
        [(page, parameters)] = [item for item in statements if "ORDER BY" in item[0] and "LIKE" in item[0]]
        with engine.connect() as connection:
            return [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {page}", parameters)]

    assert not any("household_search" in step for step in plans("dupon", ListOrder()))  # Claire sees 12 households
    monkeypatch.setattr(listing, "visible_households", lambda _session: None)  # as who sees every household
    for order in (ListOrder(), ListOrder("name", descending=True), ListOrder("number")):
        plan = plans("dupon", order)
        assert "SCAN household_search VIRTUAL TABLE INDEX 0:M1" in plan
        assert "SEARCH household USING INTEGER PRIMARY KEY (rowid=?)" in plan
        assert not any(step.startswith("SCAN household") and "household_search" not in step for step in plan)
    monkeypatch.setattr(listing, "SEARCH_INDEX_MOST", 2)  # "dup" names three households
    assert not any("household_search" in step for step in plans("dup", ListOrder()))
    assert not any("household_search" in step for step in plans("dupon", ListOrder()))
    assert any("household_search" in step for step in plans("dupont", ListOrder()))
