"""Legal bases: the ground in law a team lead records to share despite a refusal (docs/domain.md §7.5).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "legal_basis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("ground", sa.String(length=300), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=False),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["staff_member.id"], name=op.f("fk_legal_basis_decided_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"], name=op.f("fk_legal_basis_household_id_household")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_legal_basis_person_id_person")),
        sa.ForeignKeyConstraint(
            ["recipient_id"], ["organisation.id"], name=op.f("fk_legal_basis_recipient_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"], ["staff_member.id"], name=op.f("fk_legal_basis_withdrawn_by_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_basis")),
    )
    op.create_index(op.f("ix_legal_basis_household_id"), "legal_basis", ["household_id"], unique=False)
    op.create_table(
        "legal_basis_category_link",
        sa.Column("legal_basis_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["consent_category.id"],
            name=op.f("fk_legal_basis_category_link_category_id_consent_category"),
        ),
        sa.ForeignKeyConstraint(
            ["legal_basis_id"],
            ["legal_basis.id"],
            name=op.f("fk_legal_basis_category_link_legal_basis_id_legal_basis"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("legal_basis_id", "category_id", name=op.f("pk_legal_basis_category_link")),
    )


def downgrade() -> None:
    op.drop_table("legal_basis_category_link")
    op.drop_index(op.f("ix_legal_basis_household_id"), table_name="legal_basis")
    op.drop_table("legal_basis")
