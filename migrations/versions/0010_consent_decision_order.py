"""The order in which consent decisions are recorded, so that two decisions of the same day are told apart.

A signature, a refusal and a withdrawal are dated by the day. When a new consent is signed in the morning and an
older one withdrawn in the afternoon, both decide on the same day: the one recorded last must be the truth
(docs/domain.md §7.4). ``decision_seq`` numbers the decisions of each household as they are recorded; decisions
recorded before this revision keep NULL and are ordered by their record, as before.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: the consent table is not rebuilt (see 0008).
    op.execute("ALTER TABLE consent ADD COLUMN decision_seq INTEGER")


def downgrade() -> None:
    # Rebuilds the consent table: run with foreign keys off, as every migration of the application is.
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_column("decision_seq")
