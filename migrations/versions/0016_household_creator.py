"""Who created each household: the one person who sees it until its team has a professional on it.

A referent sees the households whose team they are on (docs/domain.md §2); a household just created has no team
yet, so its creator sees it until a staff member joins its team. Households created before this revision take
their creator from the audit log's creation event.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE on both backends (SQLite accepts a named reference on an added column): no table rebuilt.
    op.execute(
        "ALTER TABLE household ADD COLUMN created_by_id INTEGER "
        "CONSTRAINT fk_household_created_by_id_staff_member REFERENCES staff_member (id)"
    )
    op.execute(
        "UPDATE household SET created_by_id = (SELECT a.staff_member_id FROM audit_event a "
        "WHERE a.entity_type = 'household' AND a.entity_id = household.id AND a.action = 'CREATE' "
        "ORDER BY a.id LIMIT 1)"
    )
    op.create_index("ix_household_created_by", "household", ["created_by_id"])


def downgrade() -> None:
    op.drop_index("ix_household_created_by", table_name="household")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE household DROP CONSTRAINT fk_household_created_by_id_staff_member")
    op.execute("ALTER TABLE household DROP COLUMN created_by_id")
