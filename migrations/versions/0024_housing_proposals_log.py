"""The housing proposals log: each offer, the landlord's committee, the household's answer (docs/domain.md §12).

``housing_proposal`` holds one row per dwelling offered to a household: the date of the offer, the landlord, the
typology and town, the rent, the date and decision of the allocation committee (CAL), the household's answer
and, for a refusal, its reason from the new picklist ``proposal_refusal_reason``, and the day the lease was
signed. The board lists the committees of the week; the funders' exports count proposals, refusals by reason
and the time from offer to lease.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSAL_REASONS = (
    ("localisation", "Localisation"),
    ("typologie", "Typologie"),
    ("cout", "Coût / taux d'effort"),
    ("etat", "État du logement"),
    ("environnement", "Environnement"),
    ("sante_accessibilite", "Santé / accessibilité"),
    ("animaux", "Animaux"),
    ("autre", "Autre"),
)
"""The reasons of docs/domain.md §12, in the order the form lists them (an administrator may add or rename)."""


def upgrade() -> None:
    reasons = op.create_table(
        "proposal_refusal_reason",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_refusal_reason")),
        sa.UniqueConstraint("code", name=op.f("uq_proposal_refusal_reason_code")),
    )
    op.bulk_insert(
        reasons,
        [
            {"code": code, "label": label, "sort_order": order, "active": True}
            for order, (code, label) in enumerate(REFUSAL_REASONS)
        ],
    )
    op.create_table(
        "housing_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("proposed_on", sa.Date(), nullable=False),
        sa.Column("landlord_id", sa.Integer(), nullable=True),
        sa.Column("typology_id", sa.Integer(), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("rent_cents", sa.Integer(), nullable=True),
        sa.Column("cal_on", sa.Date(), nullable=True),
        sa.Column(
            "cal_decision",
            sa.Enum(
                "ALLOCATED",
                "CONDITIONAL",
                "RANKED",
                "REJECTED",
                "POSTPONED",
                name="caldecision",
                native_enum=False,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column(
            "answer",
            sa.Enum("ACCEPTED", "REFUSED", name="householdanswer", native_enum=False, length=16),
            nullable=True,
        ),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("refusal_reason_id", sa.Integer(), nullable=True),
        sa.Column("lease_signed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_housing_proposal_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_housing_proposal_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["landlord_id"], ["organisation.id"], name=op.f("fk_housing_proposal_landlord_id_organisation")
        ),
        sa.ForeignKeyConstraint(
            ["refusal_reason_id"],
            ["proposal_refusal_reason.id"],
            name=op.f("fk_housing_proposal_refusal_reason_id_proposal_refusal_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["typology_id"], ["dwelling_typology.id"], name=op.f("fk_housing_proposal_typology_id_dwelling_typology")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_housing_proposal")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # On the team's server, nobody but the owner reads the offers until the access rules (installed right after
        # the upgrade) say who may: never, meanwhile, every household's.
        op.execute("ALTER TABLE housing_proposal ENABLE ROW LEVEL SECURITY")
    op.create_index(op.f("ix_housing_proposal_cal_on"), "housing_proposal", ["cal_on"], unique=False)
    op.create_index(op.f("ix_housing_proposal_household_id"), "housing_proposal", ["household_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_housing_proposal_household_id"), table_name="housing_proposal")
    op.drop_index(op.f("ix_housing_proposal_cal_on"), table_name="housing_proposal")
    op.drop_table("housing_proposal")
    op.drop_table("proposal_refusal_reason")
