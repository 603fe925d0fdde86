"""The text of a contact's note in a table of its own, so that the team's server can refuse it row by row.

``contact_note`` holds the text; ``contact.has_note`` says that a note exists (a reader who may not read it sees
"note masquée"). On the team's server, row-level security lets only those the note's class allows read or write
it (docs/domain.md §5.2); locally, the services apply the same rule. Existing notes are moved as they are.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contact_note",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_contact_note_contact_id_contact"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("contact_id", name=op.f("pk_contact_note")),
    )
    # Plain ALTER TABLE statements (SQLite 3.35+ and PostgreSQL): the contact table is not rebuilt.
    op.execute("ALTER TABLE contact ADD COLUMN has_note BOOLEAN NOT NULL DEFAULT false")
    op.execute("INSERT INTO contact_note (contact_id, text) SELECT id, note FROM contact WHERE note <> ''")
    op.execute("UPDATE contact SET has_note = true WHERE note <> ''")
    op.execute("ALTER TABLE contact DROP COLUMN note")


def downgrade() -> None:
    op.execute("ALTER TABLE contact ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    op.execute(
        "UPDATE contact SET note = "
        "coalesce((SELECT text FROM contact_note WHERE contact_note.contact_id = contact.id), '')"
    )
    op.execute("ALTER TABLE contact DROP COLUMN has_note")
    op.drop_table("contact_note")
