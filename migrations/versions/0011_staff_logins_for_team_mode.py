"""Team mode: each person's own database login on the association's server.

``staff_member.login`` names the PostgreSQL login of a person who logs in to the team's server; it is unique, and
empty for a colleague named on a team who never logs in, and in local mode. The server's access rules find the
person behind a session through it (docs/domain.md §9.2).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN and an index: staff_member, referenced from everywhere, is not rebuilt.
    op.execute("ALTER TABLE staff_member ADD COLUMN login VARCHAR(48)")
    op.create_index("ix_staff_member_login", "staff_member", ["login"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_staff_member_login", table_name="staff_member")
    with op.batch_alter_table("staff_member", schema=None) as batch_op:
        batch_op.drop_column("login")
