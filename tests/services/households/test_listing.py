"""Tests of caseworker/services/households/listing.py: the list page by page, in its order, and its counts.

The list no longer loads every household: each page must follow on from the last, every household once, in the
order the whole list had (by folded name, then number), and a search must find what it found before.
"""

from __future__ import annotations

from datetime import date

import pytest

from caseworker.services import Services
from caseworker.services.households import (
    LIST_ORDERS,
    HouseholdInput,
    HouseholdSummary,
    ListOrder,
    PageKey,
    PersonInput,
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


@pytest.mark.parametrize("query", ["dup", "marc dupont", "e", "oe", "djebbar", "m-00000", "zzz", "   ", "d'a", "-"])
def test_a_search_pages_through_what_the_whole_list_would_show(
    services: Services, listed: list[HouseholdSummary], query: str
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
