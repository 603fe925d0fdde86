"""After-care, the watch list, the drop-in register, street outreach and collective sessions (docs/domain.md §14).

``after_care`` holds the after-care an episode ends into (kind, window, funder, the referent who stays reachable,
how it ended); ``watch_entry`` the households on the watch list and how often to take news of them. The encounters
outside the contact log need no household: ``drop_in_visit`` (the drop-in register, identified or anonymous),
``outreach_encounter`` with what was offered (``outreach_offer``, seeded), ``collective_session`` with its theme
(``session_theme``, seeded), facilitators and attendees. ``drop_in_reason`` is seeded too. Nothing existing
changes: an anonymous visit or encounter names no household, and on the team's server the rows of a household
follow its rule (row-level security enabled here, the rules installed right after the upgrade).

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DROP_IN_REASONS = (
    ("accueil", "Accueil, café, pause"),
    ("courrier", "Courrier, domiciliation"),
    ("demarches", "Démarches administratives"),
    ("logement", "Question de logement"),
    ("budget", "Budget, factures"),
    ("ecoute", "Écoute, soutien"),
    ("orientation", "Orientation vers un partenaire"),
    ("autre", "Autre"),
)
OUTREACH_OFFERS = (
    ("boisson", "Boisson chaude, collation"),
    ("repas", "Repas"),
    ("hygiene", "Kit d'hygiène"),
    ("vetements", "Vêtements, couverture"),
    ("information", "Information, orientation"),
    ("mise_a_l_abri", "Appel au 115, mise à l'abri"),
    ("ecoute", "Écoute"),
    ("accompagnement", "Proposition d'accompagnement"),
)
SESSION_THEMES = (
    ("droits_devoirs_locataire", "Droits et devoirs du locataire"),
    ("budget", "Gestion du budget"),
    ("energie", "Économies d'énergie"),
    ("acces_aux_droits", "Accès aux droits"),
    ("numerique", "Numérique et démarches en ligne"),
    ("cuisine", "Cuisine et alimentation"),
    ("convivialite", "Convivialité, sortie collective"),
    ("autre", "Autre"),
)
"""The picklists every association starts with (an administrator adds, renames or deactivates)."""

HOUSEHOLD_TABLES = (
    "after_care",
    "watch_entry",
    "drop_in_visit",
    "outreach_encounter",
    "outreach_encounter_offer",
    "collective_session_attendee",
)
"""The new tables whose rows may be a household's: under row-level security on the team's server."""


def _picklist(name: str) -> sa.Table:
    return op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("code", name=op.f(f"uq_{name}_code")),
    )


def _seed(table: sa.Table, rows: tuple[tuple[str, str], ...]) -> None:
    op.bulk_insert(
        table,
        [
            {"code": code, "label": label, "sort_order": order, "active": True}
            for order, (code, label) in enumerate(rows)
        ],
    )


def upgrade() -> None:
    _seed(_picklist("drop_in_reason"), DROP_IN_REASONS)
    _seed(_picklist("outreach_offer"), OUTREACH_OFFERS)
    _seed(_picklist("session_theme"), SESSION_THEMES)

    op.create_table(
        "collective_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("anonymous_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_collective_session_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["session_theme.id"], name=op.f("fk_collective_session_theme_id_session_theme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collective_session")),
    )
    with op.batch_alter_table("collective_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_collective_session_held_on"), ["held_on"], unique=False)

    op.create_table(
        "collective_session_attendee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_collective_session_attendee_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_collective_session_attendee_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["collective_session.id"],
            name=op.f("fk_collective_session_attendee_session_id_collective_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collective_session_attendee")),
    )
    with op.batch_alter_table("collective_session_attendee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_collective_session_attendee_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_collective_session_attendee_session_id"), ["session_id"], unique=False)

    op.create_table(
        "collective_session_facilitator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("staff_member_id", sa.Integer(), nullable=True),
        sa.Column("partner_contact_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(staff_member_id IS NULL) != (partner_contact_id IS NULL)",
            name=op.f("ck_collective_session_facilitator_one_kind_of_facilitator"),
        ),
        sa.ForeignKeyConstraint(
            ["partner_contact_id"],
            ["partner_contact.id"],
            name=op.f("fk_collective_session_facilitator_partner_contact_id_partner_contact"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["collective_session.id"],
            name=op.f("fk_collective_session_facilitator_session_id_collective_session"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_member_id"],
            ["staff_member.id"],
            name=op.f("fk_collective_session_facilitator_staff_member_id_staff_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collective_session_facilitator")),
    )
    with op.batch_alter_table("collective_session_facilitator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_collective_session_facilitator_session_id"), ["session_id"], unique=False)

    op.create_table(
        "drop_in_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column(
            "age_band",
            sa.Enum(
                "MINEUR",
                "AGE_18_24",
                "AGE_25_34",
                "AGE_35_49",
                "AGE_50_64",
                "AGE_65_PLUS",
                name="ageband",
                native_enum=False,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column("sex", sa.Enum("FEMME", "HOMME", "AUTRE", name="sex", native_enum=False, length=16), nullable=True),
        sa.Column("reason_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_drop_in_visit_household_id_household")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_drop_in_visit_person_id_person")),
        sa.ForeignKeyConstraint(
            ["reason_id"], ["drop_in_reason.id"], name=op.f("fk_drop_in_visit_reason_id_drop_in_reason")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["staff_member.id"], name=op.f("fk_drop_in_visit_recorded_by_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drop_in_visit")),
    )
    with op.batch_alter_table("drop_in_visit", schema=None) as batch_op:
        batch_op.create_index("ix_drop_in_visit_household_at", ["household_id", "occurred_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_drop_in_visit_occurred_at"), ["occurred_at"], unique=False)

    op.create_table(
        "outreach_encounter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column(
            "age_band",
            sa.Enum(
                "MINEUR",
                "AGE_18_24",
                "AGE_25_34",
                "AGE_35_49",
                "AGE_50_64",
                "AGE_65_PLUS",
                name="ageband",
                native_enum=False,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column("sex", sa.Enum("FEMME", "HOMME", "AUTRE", name="sex", native_enum=False, length=16), nullable=True),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("attached_at", sa.DateTime(), nullable=True),
        sa.Column("attached_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["attached_by_id"], ["staff_member.id"], name=op.f("fk_outreach_encounter_attached_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_outreach_encounter_household_id_household")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_outreach_encounter_person_id_person")),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["staff_member.id"], name=op.f("fk_outreach_encounter_recorded_by_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_encounter")),
    )
    with op.batch_alter_table("outreach_encounter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outreach_encounter_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outreach_encounter_occurred_at"), ["occurred_at"], unique=False)

    op.create_table(
        "after_care",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "DROITS_DE_SUITE", "SERVICE_APRES_VENTE", "VEILLE", name="aftercarekind", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("planned_end", sa.Date(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=False),
        sa.Column("referent_id", sa.Integer(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column(
            "end_reason",
            sa.Enum(
                "FIN_DE_FENETRE",
                "REACTIVATION",
                "DEPART",
                "DECES",
                "DEMANDE_DU_MENAGE",
                name="aftercareendreason",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_after_care_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(["episode_id"], ["episode.id"], name=op.f("fk_after_care_episode_id_episode")),
        sa.ForeignKeyConstraint(["funder_id"], ["funder.id"], name=op.f("fk_after_care_funder_id_funder")),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"], name=op.f("fk_after_care_household_id_household")),
        sa.ForeignKeyConstraint(
            ["referent_id"], ["staff_member.id"], name=op.f("fk_after_care_referent_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_after_care")),
        sa.UniqueConstraint("episode_id", name=op.f("uq_after_care_episode_id")),
    )
    with op.batch_alter_table("after_care", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_after_care_household_id"), ["household_id"], unique=False)

    op.create_table(
        "outreach_encounter_offer",
        sa.Column("encounter_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["encounter_id"],
            ["outreach_encounter.id"],
            name=op.f("fk_outreach_encounter_offer_encounter_id_outreach_encounter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["outreach_offer.id"], name=op.f("fk_outreach_encounter_offer_offer_id_outreach_offer")
        ),
        sa.PrimaryKeyConstraint("encounter_id", "offer_id", name=op.f("pk_outreach_encounter_offer")),
    )
    op.create_table(
        "watch_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("after_care_id", sa.Integer(), nullable=True),
        sa.Column("every_weeks", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=300), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("ended_by_id", sa.Integer(), nullable=True),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["after_care_id"], ["after_care.id"], name=op.f("fk_watch_entry_after_care_id_after_care")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_watch_entry_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["ended_by_id"], ["staff_member.id"], name=op.f("fk_watch_entry_ended_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"], name=op.f("fk_watch_entry_household_id_household")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_entry")),
    )
    with op.batch_alter_table("watch_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_watch_entry_household_id"), ["household_id"], unique=False)
    op.create_index(
        "uq_watch_entry_current",
        "watch_entry",
        ["household_id"],
        unique=True,
        sqlite_where=sa.text("end_date IS NULL"),
        postgresql_where=sa.text("end_date IS NULL"),
    )

    if op.get_bind().dialect.name == "postgresql":
        for table in HOUSEHOLD_TABLES:
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")


def downgrade() -> None:
    op.drop_index("uq_watch_entry_current", table_name="watch_entry")
    with op.batch_alter_table("watch_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_watch_entry_household_id"))

    op.drop_table("watch_entry")
    op.drop_table("outreach_encounter_offer")
    with op.batch_alter_table("after_care", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_after_care_household_id"))

    op.drop_table("after_care")
    with op.batch_alter_table("outreach_encounter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outreach_encounter_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_outreach_encounter_household_id"))

    op.drop_table("outreach_encounter")
    with op.batch_alter_table("drop_in_visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drop_in_visit_occurred_at"))
        batch_op.drop_index("ix_drop_in_visit_household_at")

    op.drop_table("drop_in_visit")
    with op.batch_alter_table("collective_session_facilitator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_collective_session_facilitator_session_id"))

    op.drop_table("collective_session_facilitator")
    with op.batch_alter_table("collective_session_attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_collective_session_attendee_session_id"))
        batch_op.drop_index(batch_op.f("ix_collective_session_attendee_household_id"))

    op.drop_table("collective_session_attendee")
    with op.batch_alter_table("collective_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_collective_session_held_on"))

    op.drop_table("collective_session")
    for name in ("session_theme", "outreach_offer", "drop_in_reason"):
        op.drop_table(name)
