"""Tests of caseworker/services/search_text.py: accent- and case-insensitive folding for the search."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseworker.services.search_text import fold, matches, tokens

# French letters and what the search should see instead.
FRENCH = {
    **{letter: letter for letter in "abcdefghijklmnopqrstuvwxyz"},
    **{letter.upper(): letter for letter in "abcdefghijklmnopqrstuvwxyz"},
    **dict.fromkeys("àâäÀÂÄ", "a"),
    **dict.fromkeys("çÇ", "c"),
    **dict.fromkeys("éèêëÉÈÊË", "e"),
    **dict.fromkeys("îïÎÏ", "i"),
    **dict.fromkeys("ôöÔÖ", "o"),
    **dict.fromkeys("ùûüÙÛÜ", "u"),
    **dict.fromkeys("ÿŸ", "y"),
    **dict.fromkeys("œŒ", "oe"),
    **dict.fromkeys("æÆ", "ae"),
    "-": "-",
    "'": "'",
    "’": "'",
}


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Çelik Hélène-Œdipe", "celik helene-oedipe"),
        ("  DUPONT\t\nJean  ", "dupont jean"),
        ("Straße", "strasse"),
        ("L’Haÿ-les-Roses", "l'hay-les-roses"),
        ("Ame\u0301lie", "amelie"),  # decomposed accent
        ("ﬁlippi", "filippi"),  # typographic ligature
        ("Æsa", "aesa"),
        ("", ""),
    ],
)
def test_fold_examples(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text(alphabet="".join(FRENCH) + " "))
def test_fold_removes_french_accents_and_case(text: str) -> None:
    expected = " ".join("".join(FRENCH.get(ch, ch) for ch in text).split())
    assert fold(text) == expected


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_tokens_and_matches() -> None:
    assert tokens("  Çelik   HÉL ") == ["celik", "hel"]
    assert tokens("") == []
    key = fold("M-000012 Hélène Çelik Œdipe")
    assert matches(key, tokens("celik hel"))
    assert matches(key, tokens("oe"))
    assert matches(key, tokens("000012"))
    assert matches(key, [])  # an empty query matches everything
    assert not matches(key, tokens("celik martin"))


def test_letters_without_decomposition_are_folded():
    from caseworker.services.search_text import fold

    assert fold("Małgorzata Yıldız Đorđević Søren") == "malgorzata yildiz dordevic soren"
