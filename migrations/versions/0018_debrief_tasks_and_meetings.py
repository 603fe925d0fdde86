"""The morning debrief and the meetings: tasks, debrief notes, meeting types, meetings and their minutes, typed
decisions, glissement reviews, and the household's numéro unique with its expiry (docs/domain.md §11).

Seeds three meeting types: the COSI (quarterly, the household attends), the admission commission and the team's
synthesis meeting.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# code, label, cadence in months (None: on demand), whether the household attends, admission commission.
MEETING_TYPES = [
    ("cosi", "COSI (comité de suivi)", 3, True, False),
    ("commission_admission", "Commission d'admission", 1, False, True),
    ("synthese", "Réunion de synthèse", None, False, False),
]


def upgrade() -> None:
    op.create_table(
        "meeting_type",
        sa.Column("cadence_months", sa.Integer(), nullable=True),
        sa.Column("household_attends", sa.Boolean(), nullable=False),
        sa.Column("admission_commission", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_type")),
        sa.UniqueConstraint("code", name=op.f("uq_meeting_type_code")),
    )
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_type_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("PLANNED", "HELD", "CANCELLED", name="meetingstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("general_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("minutes_recorded_at", sa.DateTime(), nullable=True),
        sa.Column("minutes_recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_meeting_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_type_id"], ["meeting_type.id"], name=op.f("fk_meeting_meeting_type_id_meeting_type")
        ),
        sa.ForeignKeyConstraint(
            ["minutes_recorded_by_id"], ["staff_member.id"], name=op.f("fk_meeting_minutes_recorded_by_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_held_on", ["held_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_meeting_type_id"), ["meeting_type_id"], unique=False)

    op.create_table(
        "meeting_type_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_type_id", sa.Integer(), nullable=False),
        sa.Column("staff_member_id", sa.Integer(), nullable=True),
        sa.Column("partner_contact_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("capacity", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_type_id"], ["meeting_type.id"], name=op.f("fk_meeting_type_member_meeting_type_id_meeting_type")
        ),
        sa.ForeignKeyConstraint(
            ["partner_contact_id"],
            ["partner_contact.id"],
            name=op.f("fk_meeting_type_member_partner_contact_id_partner_contact"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_member_id"], ["staff_member.id"], name=op.f("fk_meeting_type_member_staff_member_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_type_member")),
    )
    with op.batch_alter_table("meeting_type_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_type_member_meeting_type_id"), ["meeting_type_id"], unique=False)

    op.create_table(
        "debrief_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("staff_member_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_debrief_note_household_id_household")
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_debrief_note_meeting_id_meeting")),
        sa.ForeignKeyConstraint(
            ["staff_member_id"], ["staff_member.id"], name=op.f("fk_debrief_note_staff_member_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debrief_note")),
    )
    with op.batch_alter_table("debrief_note", schema=None) as batch_op:
        batch_op.create_index("ix_debrief_note_household_on", ["household_id", "written_on"], unique=False)

    op.create_table(
        "meeting_attendee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("staff_member_id", sa.Integer(), nullable=True),
        sa.Column("partner_contact_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("capacity", sa.String(length=200), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_attendee_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["partner_contact_id"],
            ["partner_contact.id"],
            name=op.f("fk_meeting_attendee_partner_contact_id_partner_contact"),
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_meeting_attendee_person_id_person")),
        sa.ForeignKeyConstraint(
            ["staff_member_id"], ["staff_member.id"], name=op.f("fk_meeting_attendee_staff_member_id_staff_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attendee")),
    )
    with op.batch_alter_table("meeting_attendee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_attendee_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "glissement_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("occupancy_id", sa.Integer(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("regular_payment", sa.Boolean(), nullable=False),
        sa.Column("debt_settled", sa.Boolean(), nullable=False),
        sa.Column("household_wish", sa.Boolean(), nullable=False),
        sa.Column("insurance", sa.Boolean(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum("ACCEPTED", "POSTPONED", "REFUSED", name="glissementoutcome", native_enum=False, length=16),
            nullable=True,
        ),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("postponed_to", sa.Date(), nullable=True),
        sa.Column("new_occupancy_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_glissement_review_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_glissement_review_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["new_occupancy_id"], ["occupancy.id"], name=op.f("fk_glissement_review_new_occupancy_id_occupancy")
        ),
        sa.ForeignKeyConstraint(
            ["occupancy_id"], ["occupancy.id"], name=op.f("fk_glissement_review_occupancy_id_occupancy")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_glissement_review")),
    )
    with op.batch_alter_table("glissement_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_glissement_review_household_id"), ["household_id"], unique=False)

    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "origin",
            sa.Enum(
                "DEBRIEF",
                "MEETING",
                "ALERT",
                "REVIEW",
                "WATCH_LIST",
                "AUTOMATIC",
                "OTHER",
                name="taskorigin",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "reason",
            sa.Enum(
                "PLANNED_END",
                "REVIEW",
                "CONSENT_EXPIRY",
                "RESIDENCE_PERMIT_EXPIRY",
                "NUMERO_UNIQUE_EXPIRY",
                "SUSPENSION_REVIEW",
                "MEDIATION_FOLLOW_UP",
                "NO_CONTACT",
                name="automaticreason",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("automatic_key", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum("OPEN", "DONE", "CANCELLED", name="taskstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("close_note", sa.Text(), nullable=False),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["alert.id"], name=op.f("fk_task_alert_id_alert")),
        sa.ForeignKeyConstraint(["closed_by_id"], ["staff_member.id"], name=op.f("fk_task_closed_by_id_staff_member")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_task_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"], name=op.f("fk_task_household_id_household")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_task_meeting_id_meeting")),
        sa.ForeignKeyConstraint(["owner_id"], ["staff_member.id"], name=op.f("fk_task_owner_id_staff_member")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
        sa.UniqueConstraint("automatic_key", name=op.f("uq_task_automatic_key")),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index("ix_task_household_status", ["household_id", "status"], unique=False)
        batch_op.create_index("ix_task_owner_status_due", ["owner_id", "status", "due_on"], unique=False)

    op.create_table(
        "meeting_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("episode_id", sa.Integer(), nullable=True),
        sa.Column("glissement_review_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "REVIEW",
                "EXTENSION",
                "GLISSEMENT",
                "ADMISSION",
                "SITUATION",
                name="agendaitemkind",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("household_present", sa.Boolean(), nullable=True),
        sa.Column("household_view", sa.Text(), nullable=False),
        sa.Column(
            "note_class",
            sa.Enum("EQUIPE", "REFERENTS", "SANTE", "JUSTICE", name="noteclass", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("has_note", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["episode_id"], ["episode.id"], name=op.f("fk_meeting_item_episode_id_episode")),
        sa.ForeignKeyConstraint(
            ["glissement_review_id"],
            ["glissement_review.id"],
            name=op.f("fk_meeting_item_glissement_review_id_glissement_review"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_meeting_item_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_item_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_item")),
    )
    with op.batch_alter_table("meeting_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_item_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "meeting_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "STEP_VALIDATED",
                "INTENSITY_CHANGE",
                "EXTENSION",
                "EXIT",
                "ORIENTATION_ACCEPTED",
                "ORIENTATION_REFUSED",
                "ESCALATION",
                "GLISSEMENT_ACCEPTED",
                "GLISSEMENT_POSTPONED",
                "GLISSEMENT_REFUSED",
                name="decisionkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.Column("extension_id", sa.Integer(), nullable=True),
        sa.Column("intensity_period_id", sa.Integer(), nullable=True),
        sa.Column("transition_id", sa.Integer(), nullable=True),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("glissement_review_id", sa.Integer(), nullable=True),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["alert.id"], name=op.f("fk_meeting_decision_alert_id_alert")),
        sa.ForeignKeyConstraint(["episode_id"], ["episode.id"], name=op.f("fk_meeting_decision_episode_id_episode")),
        sa.ForeignKeyConstraint(
            ["extension_id"], ["extension.id"], name=op.f("fk_meeting_decision_extension_id_extension")
        ),
        sa.ForeignKeyConstraint(
            ["glissement_review_id"],
            ["glissement_review.id"],
            name=op.f("fk_meeting_decision_glissement_review_id_glissement_review"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_meeting_decision_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["intensity_period_id"],
            ["intensity_period.id"],
            name=op.f("fk_meeting_decision_intensity_period_id_intensity_period"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["meeting_item.id"], name=op.f("fk_meeting_decision_item_id_meeting_item")
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_decision_meeting_id_meeting")),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["staff_member.id"], name=op.f("fk_meeting_decision_recorded_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["review_id"], ["episode_review.id"], name=op.f("fk_meeting_decision_review_id_episode_review")
        ),
        sa.ForeignKeyConstraint(
            ["transition_id"],
            ["episode_transition.id"],
            name=op.f("fk_meeting_decision_transition_id_episode_transition"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_decision")),
    )
    with op.batch_alter_table("meeting_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_decision_extension_id"), ["extension_id"], unique=False)
        batch_op.create_index("ix_meeting_decision_household", ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_decision_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "meeting_item_note",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["meeting_item.id"], name=op.f("fk_meeting_item_note_item_id_meeting_item"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_meeting_item_note")),
    )
    # Plain ALTER TABLE on both backends: the household table is never rebuilt (its search index triggers stay).
    op.add_column("household", sa.Column("numero_unique", sa.String(length=40), server_default="", nullable=False))
    op.add_column("household", sa.Column("numero_unique_expires_on", sa.Date(), nullable=True))
    meeting_type = sa.table(
        "meeting_type",
        sa.column("code", sa.String()),
        sa.column("label", sa.String()),
        sa.column("sort_order", sa.Integer()),
        sa.column("active", sa.Boolean()),
        sa.column("cadence_months", sa.Integer()),
        sa.column("household_attends", sa.Boolean()),
        sa.column("admission_commission", sa.Boolean()),
    )
    op.bulk_insert(
        meeting_type,
        [
            {
                "code": code,
                "label": label,
                "sort_order": order,
                "active": True,
                "cadence_months": cadence,
                "household_attends": attends,
                "admission_commission": admission,
            }
            for order, (code, label, cadence, attends, admission) in enumerate(MEETING_TYPES)
        ],
    )


def downgrade() -> None:
    op.execute("ALTER TABLE household DROP COLUMN numero_unique_expires_on")
    op.execute("ALTER TABLE household DROP COLUMN numero_unique")

    op.drop_table("meeting_item_note")
    with op.batch_alter_table("meeting_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_decision_meeting_id"))
        batch_op.drop_index("ix_meeting_decision_household")
        batch_op.drop_index(batch_op.f("ix_meeting_decision_extension_id"))

    op.drop_table("meeting_decision")
    with op.batch_alter_table("meeting_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_item_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_item_household_id"))

    op.drop_table("meeting_item")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_owner_status_due")
        batch_op.drop_index("ix_task_household_status")

    op.drop_table("task")
    with op.batch_alter_table("glissement_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_glissement_review_household_id"))

    op.drop_table("glissement_review")
    with op.batch_alter_table("meeting_attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_attendee_meeting_id"))

    op.drop_table("meeting_attendee")
    with op.batch_alter_table("debrief_note", schema=None) as batch_op:
        batch_op.drop_index("ix_debrief_note_household_on")

    op.drop_table("debrief_note")
    with op.batch_alter_table("meeting_type_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_type_member_meeting_type_id"))

    op.drop_table("meeting_type_member")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_meeting_type_id"))
        batch_op.drop_index("ix_meeting_held_on")

    op.drop_table("meeting")
    op.drop_table("meeting_type")
