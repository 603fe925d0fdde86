"""Alert history in the order recorded, legal grounds for an expulsion in the winter truce, holiday territories.

- ``alert_step.seq`` and ``alert_action.seq`` number an alert's steps and actions together in the order they
  were recorded (the history reads in that order within a minute); existing rows are numbered by time.
- ``truce_exception``: reference data, the legal grounds that allow an expulsion during the winter truce
  (art. L412-6 to L412-8 of the code des procédures civiles d'exécution, and the housing code);
  ``procedure_stage.truce_exception_id`` and ``legal_procedure.outcome_truce_exception_id`` record the one given.
- ``contract_version.territory``: a convention cadre may say whose public holidays count its deadlines
  (Moselle, Guadeloupe…); empty, the association's setting applies.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# code, label, where the law says so (art. L412-6 to L412-8 CPCE; the housing code for the arrêté de mise en sécurité)
_TRUCE_EXCEPTIONS = [
    (
        "relogement_assure",
        "Relogement assuré dans des conditions suffisantes (unité et besoins de la famille)",
        "Code des procédures civiles d'exécution, art. L412-6, alinéa 1er.",
    ),
    (
        "voie_de_fait",
        "Personnes entrées dans le domicile d'autrui par voie de fait",
        "Code des procédures civiles d'exécution, art. L412-6, alinéa 2 : introduction sans droit ni titre dans le "
        "domicile d'autrui à l'aide de manœuvres, menaces, voies de fait ou contrainte.",
    ),
    (
        "decision_juge",
        "Décision du juge supprimant ou réduisant le bénéfice de la trêve",
        "Code des procédures civiles d'exécution, art. L412-6, alinéa 3 : personnes entrées par voie de fait dans "
        "un lieu autre que le domicile.",
    ),
    (
        "arrete_mise_en_securite",
        "Bâtiment sous arrêté de mise en sécurité (anciennement arrêté de péril)",
        "Code de la construction et de l'habitation : arrêté de mise en sécurité ou de traitement de "
        "l'insalubrité, les occupants étant hébergés ou relogés.",
    ),
    (
        "conjoint_violent",
        "Conjoint, partenaire de PACS ou concubin violent (ordonnance de protection)",
        "Code des procédures civiles d'exécution, art. L412-8 ; code civil, art. 515-9.",
    ),
    (
        "logement_etudiant",
        "Logement étudiant (CROUS…) dont l'occupant ne remplit plus les conditions d'attribution",
        "Code des procédures civiles d'exécution, art. L412-7.",
    ),
]


def upgrade() -> None:
    op.create_table(
        "truce_exception",
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_truce_exception")),
        sa.UniqueConstraint("code", name=op.f("uq_truce_exception_code")),
    )
    with op.batch_alter_table("alert_step", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("alert_action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("procedure_stage", schema=None) as batch_op:
        batch_op.add_column(sa.Column("truce_exception_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_procedure_stage_truce_exception_id_truce_exception"),
            "truce_exception",
            ["truce_exception_id"],
            ["id"],
        )
    with op.batch_alter_table("legal_procedure", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome_truce_exception_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_legal_procedure_outcome_truce_exception_id_truce_exception"),
            "truce_exception",
            ["outcome_truce_exception_id"],
            ["id"],
        )
    with op.batch_alter_table("contract_version", schema=None) as batch_op:
        batch_op.add_column(sa.Column("territory", sa.String(length=8), nullable=True))
    _number_history()
    op.bulk_insert(
        sa.table(
            "truce_exception",
            sa.column("code"),
            sa.column("label"),
            sa.column("legal_basis"),
            sa.column("sort_order"),
            sa.column("active"),
        ),
        [
            {"code": code, "label": label, "legal_basis": basis, "sort_order": order * 10, "active": True}
            for order, (code, label, basis) in enumerate(_TRUCE_EXCEPTIONS, start=1)
        ],
    )


def _number_history() -> None:
    """Number each alert's steps and actions by time (a step first on a tie: the order the service records them)."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT alert_id, at, 0 AS kind, id FROM alert_step "
            "UNION ALL SELECT alert_id, at, 1 AS kind, id FROM alert_action "
            "ORDER BY alert_id, at, kind, id"
        )
    ).all()
    steps: list[dict[str, int]] = []
    actions: list[dict[str, int]] = []
    current, seq = None, 0
    for alert_id, _at, kind, row_id in rows:
        seq = seq + 1 if alert_id == current else 1
        current = alert_id
        (actions if kind else steps).append({"row_id": row_id, "seq": seq})
    if steps:
        connection.execute(sa.text("UPDATE alert_step SET seq = :seq WHERE id = :row_id"), steps)
    if actions:
        connection.execute(sa.text("UPDATE alert_action SET seq = :seq WHERE id = :row_id"), actions)


def downgrade() -> None:
    with op.batch_alter_table("contract_version", schema=None) as batch_op:
        batch_op.drop_column("territory")
    with op.batch_alter_table("legal_procedure", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_legal_procedure_outcome_truce_exception_id_truce_exception"), type_="foreignkey"
        )
        batch_op.drop_column("outcome_truce_exception_id")
    with op.batch_alter_table("procedure_stage", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_procedure_stage_truce_exception_id_truce_exception"), type_="foreignkey"
        )
        batch_op.drop_column("truce_exception_id")
    with op.batch_alter_table("alert_action", schema=None) as batch_op:
        batch_op.drop_column("seq")
    with op.batch_alter_table("alert_step", schema=None) as batch_op:
        batch_op.drop_column("seq")
    op.drop_table("truce_exception")
