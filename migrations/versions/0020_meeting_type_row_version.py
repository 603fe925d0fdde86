"""Meeting types carry a row version: two people editing the COSI's members, the second save is refused.

Until now the last save of a meeting type won, silently dropping what the first person had set (a member added,
the cadence changed). Like the meeting and the other records two people edit, the type now names the version a
save was typed against (docs/domain.md §9.4). Existing types start at version 1.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE on both backends (SQLite 3.35+ and PostgreSQL), as in 0013: the table is never rebuilt,
    # so the meetings and standing members that refer to it are left alone.
    op.add_column("meeting_type", sa.Column("row_version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    op.execute("ALTER TABLE meeting_type DROP COLUMN row_version")
