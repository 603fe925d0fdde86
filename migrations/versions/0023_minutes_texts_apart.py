"""The minutes' general note and each household's view in tables of their own (docs/domain.md §5.2).

Both are read as *équipe* notes: a volunteer, or an administrator off the household's team (off any team, for the
general note), does not read them. They were columns of rows the whole team must see (the meeting, its items):
row-level security could not withhold them on the team's server, only the services did. Their texts move to
``meeting_general_note`` and ``meeting_item_view`` (one row per text, like ``meeting_item_note``), whose own row
rules the server applies; the rows keep a flag that a text exists (``has_general_note``, ``has_household_view``),
so that a reader who may not read it sees it marked hidden. The texts already written move with them.

The columns are dropped by a plain ``ALTER TABLE … DROP COLUMN`` on both backends: the meeting tables are never
rebuilt.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting_general_note",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_general_note_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_meeting_general_note")),
    )
    op.create_table(
        "meeting_item_view",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["meeting_item.id"], name=op.f("fk_meeting_item_view_item_id_meeting_item"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_meeting_item_view")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # On the team's server, nobody but the owner reads them until the access rules (installed right after the
        # upgrade, in a transaction of their own) say who may: never, meanwhile, every household's texts.
        op.execute("ALTER TABLE meeting_general_note ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE meeting_item_view ENABLE ROW LEVEL SECURITY")
    op.add_column("meeting", sa.Column("has_general_note", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column(
        "meeting_item", sa.Column("has_household_view", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.execute(
        "INSERT INTO meeting_general_note (meeting_id, text) SELECT id, general_note FROM meeting "
        "WHERE general_note <> ''"
    )
    op.execute(
        "INSERT INTO meeting_item_view (item_id, text) SELECT id, household_view FROM meeting_item "
        "WHERE household_view <> ''"
    )
    op.execute("UPDATE meeting SET has_general_note = (general_note <> '')")
    op.execute("UPDATE meeting_item SET has_household_view = (household_view <> '')")
    op.execute("ALTER TABLE meeting DROP COLUMN general_note")
    op.execute("ALTER TABLE meeting_item DROP COLUMN household_view")


def downgrade() -> None:
    op.add_column("meeting", sa.Column("general_note", sa.Text(), server_default="", nullable=False))
    op.add_column("meeting_item", sa.Column("household_view", sa.Text(), server_default="", nullable=False))
    op.execute(
        "UPDATE meeting SET general_note = coalesce((SELECT n.text FROM meeting_general_note n "
        "WHERE n.meeting_id = meeting.id), '')"
    )
    op.execute(
        "UPDATE meeting_item SET household_view = coalesce((SELECT v.text FROM meeting_item_view v "
        "WHERE v.item_id = meeting_item.id), '')"
    )
    op.execute("ALTER TABLE meeting_item DROP COLUMN has_household_view")
    op.execute("ALTER TABLE meeting DROP COLUMN has_general_note")
    op.drop_table("meeting_item_view")
    op.drop_table("meeting_general_note")
