"""Row versions for concurrent edits, and each person's own credential on a shared laptop.

``row_version`` on the records two people may edit at once (household, episode, alert, contract): a save names
the version it was typed against, and a newer one refuses it with who changed it and when (docs/domain.md §9.4).

``staff_credential`` holds, in local mode, each person's passphrase or PIN as a memory-hard hash (scrypt), with the
failed attempts and the delay before the next one (docs/domain.md §9.3). In team mode the server's login is the
credential and this table stays empty; the server's member group has no right on it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED_TABLES = ("household", "episode", "alert", "contract")


def upgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+ and PostgreSQL): no table is rebuilt.
    for table in VERSIONED_TABLES:
        op.execute(f"ALTER TABLE {table} ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1")
    op.create_table(
        "staff_credential",
        sa.Column("staff_member_id", sa.Integer(), nullable=False),
        sa.Column("verifier", sa.String(length=400), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("blocked_until", sa.DateTime(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_member_id"], ["staff_member.id"], name=op.f("fk_staff_credential_staff_member_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("staff_member_id", name=op.f("pk_staff_credential")),
    )


def downgrade() -> None:
    op.drop_table("staff_credential")
    for table in VERSIONED_TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN row_version")
