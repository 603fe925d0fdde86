"""The household list page by page, and a search index: ``household.sort_name`` and two indexes.

The list no longer loads every household at start: it reads pages in the order of ``sort_name`` (the folded name
of the person who names the household, then the id), and a search asks the database for the households whose
``search_text`` contains every word. ``ix_household_sort_name`` serves the pages; ``ix_household_search_text`` is,
on PostgreSQL, a trigram index (``pg_trgm``, a trusted extension the maintenance account installs before
migrating: ``server_admin.upgrade_schema``) that answers LIKE '%word%', and on SQLite a plain index the search reads
instead of the table. On PostgreSQL ``sort_name`` compares byte by byte (COLLATE "C"), as SQLite compares text.

The names are folded here as ``caseworker.services.search_text.fold`` did when this revision was written
(migrations do not import the application).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of services/search_text.fold as it is today, on purpose: a migration computes what it computed
# when it was written, whatever the application's folding becomes later.
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


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def _display_name(first_name: str, last_name: str, pseudonym: str) -> str:
    name = " ".join(part for part in (last_name.upper(), first_name) if part)
    if name:
        return name
    return f"« {pseudonym} »" if pseudonym else "(sans nom)"


def upgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    if postgresql:
        op.execute("""ALTER TABLE household ADD COLUMN sort_name TEXT COLLATE "C" NOT NULL DEFAULT ''""")
    else:
        op.execute("ALTER TABLE household ADD COLUMN sort_name TEXT NOT NULL DEFAULT ''")
    rows = bind.execute(
        sa.text(
            "SELECT h.id, p.first_name, p.last_name, p.pseudonym FROM household h "
            "LEFT JOIN household_membership m ON m.household_id = h.id AND m.end_date IS NULL "
            "LEFT JOIN person p ON p.id = m.person_id "
            "LEFT JOIN member_role r ON r.id = m.role_id "
            "ORDER BY h.id, r.sort_order, m.start_date"
        )
    )
    names: dict[int, str] = {}
    for household_id, first, last, pseudonym in rows:
        if household_id not in names:
            names[household_id] = _fold(_display_name(first or "", last or "", pseudonym or ""))
    if names:
        bind.execute(
            sa.text("UPDATE household SET sort_name = :name WHERE id = :id"),
            [{"id": household_id, "name": name} for household_id, name in names.items()],
        )
    op.create_index("ix_household_sort_name", "household", ["sort_name", "id"])
    if postgresql:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_household_search_text ON household USING gin (search_text gin_trgm_ops)")
    else:
        op.create_index("ix_household_search_text", "household", ["search_text"])


def downgrade() -> None:
    op.drop_index("ix_household_search_text", table_name="household")
    op.drop_index("ix_household_sort_name", table_name="household")
    op.execute("ALTER TABLE household DROP COLUMN sort_name")
