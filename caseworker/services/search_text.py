"""Accent- and case-insensitive text folding shared by the search column and the search box."""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter plus an accent.
_LIGATURES = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ł": "l",
        "Ł": "l",
        "ı": "i",
        "đ": "d",
        "Đ": "d",
        "ø": "o",
        "Ø": "o",
        "’": "'",
        "‘": "'",
    }
)


def fold(text: str) -> str:
    """Return ``text`` lowercased without accents: "Çelik Hélène-Œdipe" → "celik helene-oedipe"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def tokens(query: str) -> list[str]:
    """Split a search query into folded words; every word must match (in any order)."""
    return fold(query).split()


def matches(search_key: str, query_tokens: list[str]) -> bool:
    """Return True when every token occurs in the (already folded) key."""
    return all(token in search_key for token in query_tokens)
