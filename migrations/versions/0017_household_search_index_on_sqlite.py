"""A full-text index of household names on SQLite: the search for a word of three letters reads it.

A search looks for each word with LIKE '%word%'. On PostgreSQL the trigram GIN index of 0014 answers that; on
SQLite ``ix_household_search_text`` is a plain index, which LIKE '%word%' can only read whole: at 100,000
households a keystroke took 26–42 ms. SQLite's FTS5 has a trigram tokenizer that answers the same question from an
index: ``household_search`` indexes ``household.search_text`` by trigrams. It is an external-content table (it keeps
no copy of the names: ``content='household'``), kept in sync by three triggers in the way FTS5 documents ('delete'
rows give the old text back to take its trigrams out), and built once here ('rebuild').

On PostgreSQL this revision does nothing: the trigram GIN index of 0014 is the same index there.

Any later revision that rebuilds ``household`` (a batch ALTER on SQLite copies it into a new table) drops these
triggers with the old table: it must create them again (``caseworker.storage.database`` refuses to finish a
migration that lost them).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The names as caseworker.storage.search_index gives them today (migrations do not import the application).
_TRIGGERS = {
    "household_search_after_insert": "AFTER INSERT ON household BEGIN "
    "INSERT INTO household_search (rowid, search_text) VALUES (new.id, new.search_text); END",
    "household_search_after_delete": "AFTER DELETE ON household BEGIN "
    "INSERT INTO household_search (household_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    # The id too, though it never changes: the index is keyed on it.
    "household_search_after_update": "AFTER UPDATE OF id, search_text ON household BEGIN "
    "INSERT INTO household_search (household_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO household_search (rowid, search_text) VALUES (new.id, new.search_text); END",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE VIRTUAL TABLE household_search USING fts5("
        "search_text, content='household', content_rowid='id', tokenize='trigram')"
    )
    for name, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("INSERT INTO household_search (household_search) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE household_search")
