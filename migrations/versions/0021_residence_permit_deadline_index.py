"""The deadline of a person's administrative status (titre de séjour) indexed, for the board (docs/domain.md §11.1).

The board lists the titres de séjour ending in the next seven days. Without an index the server read every current
member of every household and checked each person's rows rules before the date (40 ms on 10,000 households, the
board's slowest query there); with it, the few persons whose deadline falls in the week are found first.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_person_administrative_status_deadline", "person", ["administrative_status_deadline"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_person_administrative_status_deadline", table_name="person")
