"""Tripartite mediations held about an alert: participants, agreement, follow-up date (docs/domain.md §7.2).

A mediation extends one action of kind "médiation tripartite" on an alert; its participants are household
members, contacts of the landlord, professionals, or people named (a neighbour, an interpreter).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert_mediation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("agreement", sa.Text(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["alert_action.id"],
            name=op.f("fk_alert_mediation_action_id_alert_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_mediation")),
        sa.UniqueConstraint("action_id", name=op.f("uq_alert_mediation_action_id")),
    )
    op.create_table(
        "mediation_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mediation_id", sa.Integer(), nullable=False),
        sa.Column(
            "party",
            sa.Enum("MENAGE", "BAILLEUR", "ASSOCIATION", "AUTRE", name="mediationparty", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("partner_contact_id", sa.Integer(), nullable=True),
        sa.Column("staff_member_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mediation_id"],
            ["alert_mediation.id"],
            name=op.f("fk_mediation_participant_mediation_id_alert_mediation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_contact_id"],
            ["partner_contact.id"],
            name=op.f("fk_mediation_participant_partner_contact_id_partner_contact"),
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_mediation_participant_person_id_person")),
        sa.ForeignKeyConstraint(
            ["staff_member_id"], ["staff_member.id"], name=op.f("fk_mediation_participant_staff_member_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediation_participant")),
    )
    with op.batch_alter_table("mediation_participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mediation_participant_mediation_id"), ["mediation_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mediation_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mediation_participant_mediation_id"))

    op.drop_table("mediation_participant")
    op.drop_table("alert_mediation")
