"""HouseholdTableModel without widgets: search (accents, several words, narrowing), French sort, upsert."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from caseworker.services.households import HouseholdSummary
from caseworker.services.search_text import fold
from caseworker.ui.common.record_table_model import RECORD_ROLE
from caseworker.ui.households.household_table_model import HouseholdTableModel

NAMES = ["Martin Anaïs", "Çelik Hélène", "Dupont Marc", "Émile Zoé", "Eddy Paul", "Faure Œdipe", "dupond Luc"]


def _summary(number: int, name: str, members: int = 1, since: date | None = None) -> HouseholdSummary:
    return HouseholdSummary(
        id=number,
        reference=f"M-{number:06d}",
        display_name=name,
        member_count=members,
        composition_label="Personne seule",
        housing_label="Locataire en titre",
        city="Rennes",
        housing_since=since,
        search_key=fold(f"M-{number:06d} {name}"),
    )


@pytest.fixture
def model(qapp) -> HouseholdTableModel:
    table = HouseholdTableModel()
    table.set_households([_summary(number, name) for number, name in enumerate(NAMES, start=1)])
    return table


def _names(model: HouseholdTableModel) -> list[str]:
    return [model.data(model.index(row, model.COLUMN_NAME)) for row in range(model.rowCount())]


def test_search_ignores_accents_case_and_word_order(model):
    model.set_search("HELENE celik")
    assert _names(model) == ["Çelik Hélène"]
    model.set_search("oedipe")
    assert _names(model) == ["Faure Œdipe"]
    model.set_search("")
    assert model.rowCount() == len(NAMES)


def test_search_by_household_number(model):
    model.set_search("m-000003")
    assert _names(model) == ["Dupont Marc"]


def test_sorting_follows_french_collation(model):
    model.sort(model.COLUMN_NAME, Qt.SortOrder.AscendingOrder)
    assert _names(model) == [
        "Çelik Hélène",
        "dupond Luc",
        "Dupont Marc",
        "Eddy Paul",
        "Émile Zoé",
        "Faure Œdipe",
        "Martin Anaïs",
    ]
    model.sort(model.COLUMN_NAME, Qt.SortOrder.DescendingOrder)
    assert _names(model)[0] == "Martin Anaïs"


def test_sort_is_kept_when_the_search_is_cleared(model):
    model.sort(model.COLUMN_NAME, Qt.SortOrder.AscendingOrder)
    model.set_search("dup")
    assert _names(model) == ["dupond Luc", "Dupont Marc"]
    model.set_search("")
    assert _names(model)[0] == "Çelik Hélène"


def test_upsert_replaces_a_row_and_keeps_the_search(model):
    model.set_search("dupont")
    model.upsert(_summary(3, "Dupont Marc", members=4))
    assert model.rowCount() == 1
    assert model.data(model.index(0, model.COLUMN_MEMBERS)) == "4"
    assert model.data(model.index(0, 0), RECORD_ROLE).member_count == 4
    model.upsert(_summary(99, "Dupontel Albert"))
    assert _names(model) == ["Dupont Marc", "Dupontel Albert"]
    assert model.total_count() == len(NAMES) + 1


def test_numeric_and_date_columns_sort_by_value(qapp):
    model = HouseholdTableModel()
    model.set_households(
        [
            _summary(1, "A", members=10, since=date(2024, 1, 1)),
            _summary(2, "B", members=2, since=None),
            _summary(3, "C", members=9, since=date(2020, 5, 1)),
        ]
    )
    model.sort(model.COLUMN_MEMBERS, Qt.SortOrder.AscendingOrder)
    assert _names(model) == ["B", "C", "A"]
    model.sort(model.COLUMN_SINCE, Qt.SortOrder.AscendingOrder)
    assert _names(model) == ["C", "A", "B"]


@settings(max_examples=60, deadline=None)
@given(steps=st.lists(st.text(alphabet="aeiouclmdnpt éÉç", max_size=6), min_size=1, max_size=8))
def test_incremental_search_always_equals_a_fresh_search(qapp, steps):
    """Typing, narrowing and deleting in any order shows exactly what a fresh search would show."""
    households = [_summary(number, name) for number, name in enumerate(NAMES, start=1)]
    typed = HouseholdTableModel()
    typed.set_households(households)
    for query in steps:
        typed.set_search(query)
        fresh = HouseholdTableModel()
        fresh.set_households(households)
        fresh.set_search(query)
        assert _names(typed) == _names(fresh)


def test_a_household_found_through_another_member_says_whom(qapp) -> None:
    amrani = replace(
        _summary(1, "AMRANI Djamel", members=2),
        search_key=fold("M-000001 djamel amrani sofia djebbar"),
        member_rows=((1, 1, "Djamel", "Amrani", ""), (1, 2, "Sofia", "Djebbar", "")),
    )
    model = HouseholdTableModel()
    model.set_households([amrani, _summary(2, "DJEBBAR Nadia")])
    model.set_search("djebbar")
    assert _names(model) == ["AMRANI Djamel — membre : DJEBBAR Sofia", "DJEBBAR Nadia"]
    model.sort(model.COLUMN_NAME, Qt.SortOrder.AscendingOrder)  # sorted by the household's name, not the note
    assert _names(model) == ["AMRANI Djamel — membre : DJEBBAR Sofia", "DJEBBAR Nadia"]
    model.set_search("amrani")
    assert _names(model) == ["AMRANI Djamel"]
    model.set_search("")
    assert _names(model) == ["AMRANI Djamel", "DJEBBAR Nadia"]
