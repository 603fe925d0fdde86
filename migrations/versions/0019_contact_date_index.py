"""Contacts indexed by date, for the morning debrief board (docs/domain.md §11.1).

The board reads contacts by date: those since the last working day, and the successful ones since the largest
no-contact threshold (the last contact of each household). ``ix_contact_household_at`` serves a household's
timeline, not a date range over every household: on 10,000 households and 500,000 contacts these readings went
through the whole contact table, larger than the store's page cache. ``ix_contact_occurred_at`` also holds the
household, the outcome and the type, so both readings are answered from the index alone on SQLite.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_contact_occurred_at", "contact", ["occurred_at", "household_id", "outcome_id", "type_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_contact_occurred_at", table_name="contact")
