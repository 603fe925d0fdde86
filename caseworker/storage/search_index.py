"""The local store's full-text index of household names: an FTS5 table outside the models.

On SQLite, ``household_search`` (migration 0017) indexes ``household.search_text`` by trigrams, so that a search
for a word of three letters or more reads the index instead of every row. It is an external-content table: it
holds no copy of the text, only the index, kept in sync by triggers on ``household``. FTS5 stores that index in
shadow tables of its own. None of these are models (the server has no such table: its trigram GIN index is a plain
index of ``household``), so whatever compares or copies the schema table by table leaves them out
(:func:`is_search_index_table`, :func:`include_in_schema_comparison`).
"""

from __future__ import annotations

from collections.abc import Mapping

HOUSEHOLD_SEARCH = "household_search"
"""The FTS5 table (SQLite only): rowid is the household's id, its one column ``search_text``."""

SEARCH_INDEX_TABLES = frozenset(
    {HOUSEHOLD_SEARCH, *(f"{HOUSEHOLD_SEARCH}_{shadow}" for shadow in ("data", "idx", "docsize", "config", "content"))}
)
"""The FTS5 table and the shadow tables FTS5 may create for it (an external-content table has no ``_content``)."""

SEARCH_INDEX_TRIGGERS = frozenset(
    {f"{HOUSEHOLD_SEARCH}_after_insert", f"{HOUSEHOLD_SEARCH}_after_delete", f"{HOUSEHOLD_SEARCH}_after_update"}
)
"""The triggers on ``household`` that keep the index in sync; without them a search silently misses households."""


def is_search_index_table(name: str | None) -> bool:
    """True for the search index and its shadow tables: SQLite-only, derived, never a model."""
    return name in SEARCH_INDEX_TABLES


def include_in_schema_comparison(name: str | None, type_: str, parent_names: Mapping[str, str | None]) -> bool:
    """Alembic's ``include_name`` hook: compare every table but the search index with the models."""
    return not (type_ == "table" and is_search_index_table(name))


def search_phrase(word: str) -> str:
    """``word`` as one FTS5 phrase: within double quotes every character is literal but ``"``, which is doubled."""
    return '"' + word.replace('"', '""') + '"'
