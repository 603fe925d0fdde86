"""Where the signed consent form is kept: a place from a list and a reference (cote), instead of free text.

A consent is proven by the signed form (docs/domain.md §7.3): its scan in the database, or the place where the
original is filed and its reference. The free-text ``evidence_note`` of earlier revisions is kept as it was
and shown as a legacy mention; new consents no longer write it.

Revision ID: 0008
Revises: 0007
Create Date: 2027-01-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PLACES = (
    ("dossier_papier", "Dossier papier au bureau"),
    ("armoire", "Armoire / classeur"),
    ("ged", "GED / serveur de l'association"),
    ("autre", "Autre lieu"),
)


def upgrade() -> None:
    op.create_table(
        "evidence_place",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_place")),
        sa.UniqueConstraint("code", name=op.f("uq_evidence_place_code")),
    )
    op.bulk_insert(
        sa.table(
            "evidence_place",
            sa.column("code"),
            sa.column("label"),
            sa.column("sort_order"),
            sa.column("active"),
        ),
        [
            {"code": code, "label": label, "sort_order": order * 10, "active": True}
            for order, (code, label) in enumerate(PLACES, start=1)
        ],
    )
    # Plain ALTER TABLE … ADD COLUMN: the consent table is not rebuilt, so nothing that refers to it can be
    # touched (a rebuild drops the table, and ON DELETE CASCADE would empty consent_category_link if foreign
    # keys were on).
    op.execute(
        "ALTER TABLE consent ADD COLUMN evidence_place_id INTEGER "
        "CONSTRAINT fk_consent_evidence_place_id_evidence_place REFERENCES evidence_place (id)"
    )
    op.execute("ALTER TABLE consent ADD COLUMN evidence_reference VARCHAR(100) NOT NULL DEFAULT ''")


def downgrade() -> None:
    # Rebuilds the consent table: run with foreign keys off, as every migration of the application is.
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_column("evidence_reference")
        batch_op.drop_column("evidence_place_id")
    op.drop_table("evidence_place")
