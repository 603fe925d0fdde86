"""Funders' export profiles and the log of exports written (docs/domain.md §13).

``funder_profile`` holds what each funder receives (measures, indicators, threshold of the statistical secret),
seeded with the usual funders of the field and edited without a release; ``export_run`` logs each export written:
who, when, the parameters and the SHA-256 of the file. On the team's server the log is append-only and signed by
the login (``storage/server_admin.py``).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROFILES = (
    ("ddets_avdl", "DDETS – AVDL", "avdl"),
    ("ddets_iml", "DDETS – IML", "iml_sous_location"),
    ("cd_asll", "Conseil départemental – ASLL", "asll"),
    ("dihal_logement_dabord", "DIHAL – Logement d'abord", "chez_soi_dabord logements_accompagnes"),
    ("fondation", "Fondation – accompagnement local", "programme_local"),
)
"""Code, label and measures of the profiles every association starts with (the team lead edits them)."""


def upgrade() -> None:
    profiles = op.create_table(
        "funder_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("measure_codes", sa.String(length=1000), nullable=False),
        sa.Column("indicator_keys", sa.Text(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funder_profile")),
        sa.UniqueConstraint("code", name=op.f("uq_funder_profile_code")),
    )
    op.bulk_insert(
        profiles,
        [
            {
                "code": code,
                "label": label,
                "measure_codes": measures,
                "indicator_keys": "",
                "threshold": 5,
                "sort_order": order,
                "active": True,
                "row_version": 1,
            }
            for order, (code, label, measures) in enumerate(PROFILES)
        ],
    )
    op.create_table(
        "export_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("staff_member_id", sa.Integer(), nullable=True),
        sa.Column("profile_code", sa.String(length=64), nullable=False),
        sa.Column("profile_label", sa.String(length=200), nullable=False),
        sa.Column("measure_codes", sa.String(length=1000), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("output_format", sa.String(length=8), nullable=False),
        sa.Column("output_sha256", sa.String(length=64), nullable=False),
        sa.Column("primary_hidden", sa.Integer(), nullable=False),
        sa.Column("secondary_hidden", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_member_id"], ["staff_member.id"], name=op.f("fk_export_run_staff_member_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_run")),
    )


def downgrade() -> None:
    op.drop_table("export_run")
    op.drop_table("funder_profile")
