"""The French of letters and contracts: a civility for partner contacts, reworded default clauses.

A contact's civility (Madame, Monsieur, or none) opens letters and e-mails ("Bonjour Madame Fleury,").
The default clauses named the organisations inside sentences ("accompagné par {association}"), which reads
wrong for names that need an article ("par Association Le Toit") or start with one ("de Le Relais"): they now
say "l'association", "le bailleur", "le ménage", the parties named once in the preamble. Each kind whose newest
template still holds an original default text gets a new template version (texts an administrator changed are
kept as they are); drafts still holding an original text are reworded too. Signed versions are never touched.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from collections.abc import Sequence
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOTE = (
    "Textes revus : les parties sont désignées comme « l'association », « le bailleur » et « le ménage », "
    "nommés une fois en tête du document (tout nom d'organisation se lit alors correctement)."
)

_OLD_SHARING = (
    "{association} ne transmet à {bailleur} que des informations relatives au logement, et seulement celles que "
    "le ménage a autorisées par écrit. À la date de ce document, le ménage a autorisé la transmission de : "
    "{consentements}. Le ménage peut retirer son accord à tout moment, sans conséquence sur son accompagnement. "
    "Aucune information relative à la santé ou à la justice n'est jamais transmise."
)
_NEW_SHARING = (
    "L'association ne transmet au bailleur que des informations relatives au logement, et seulement celles que "
    "le ménage a autorisées par écrit. À la date de ce document, le ménage a autorisé la transmission de : "
    "{consentements}. Le ménage peut retirer son accord à tout moment, sans conséquence sur son accompagnement. "
    "Aucune information relative à la santé ou à la justice n'est jamais transmise."
)

# kind code → clause code → (original text of 0003, new text)
REWORDED: dict[str, dict[str, tuple[str, str]]] = {
    "contrat_objectifs": {
        "objet": (
            "Le présent contrat organise l'accompagnement de {menage} par {association}, dans le cadre du "
            "dispositif {dispositif}, en lien avec {bailleur}, pour le logement situé {logement}. Il fixe les "
            "objectifs définis avec le ménage, dans ses propres mots, et les engagements de chacune des "
            "parties.",
            "Le présent contrat organise l'accompagnement du ménage par l'association, dans le cadre du "
            "dispositif {dispositif}, en lien avec le bailleur, pour le logement situé {logement}. Il fixe les "
            "objectifs définis avec le ménage, dans ses propres mots, et les engagements de chacune des "
            "parties.",
        ),
        "sortie": (
            "L'accompagnement prend fin à son échéance, lorsque les objectifs sont atteints ou à la demande du "
            "ménage. Un passage de relais vers les services de droit commun est préparé avec le ménage. "
            "Pendant les douze mois qui suivent, le ménage peut solliciter {association} (droits de suite).",
            "L'accompagnement prend fin à son échéance, lorsque les objectifs sont atteints ou à la demande du "
            "ménage. Un passage de relais vers les services de droit commun est préparé avec le ménage. "
            "Pendant les douze mois qui suivent, le ménage peut solliciter l'association (droits de suite).",
        ),
        "partage": (_OLD_SHARING, _NEW_SHARING),
    },
    "protocole_maintien": {
        "objet": (
            "Le présent protocole a pour objet de maintenir {menage} dans le logement situé {logement}, "
            "appartenant à {bailleur}, avec l'accompagnement de {association} dans le cadre du dispositif "
            "{dispositif}.",
            "Le présent protocole a pour objet de maintenir le ménage dans le logement situé {logement}, qui "
            "appartient au bailleur, avec l'accompagnement de l'association dans le cadre du dispositif "
            "{dispositif}.",
        ),
        "sous_location": (
            "{association} prend le logement à bail et le sous-loue au ménage pour {duree_sous_location}, "
            "renouvelable {renouvellements}. Un point d'étape réunit les trois parties à la fin de chaque "
            "période.",
            "L'association prend le logement à bail et le sous-loue au ménage pour {sous_location}. Un point "
            "d'étape réunit les trois parties à la fin de chaque période.",
        ),
        "issues": (
            "Si le loyer et les mensualités sont réglés régulièrement pendant la sous-location, {bailleur} "
            "consent un nouveau bail au nom du ménage. Si le logement ne convient plus, un relogement ou une "
            "mutation est recherché. En cas de manquements répétés constatés lors d'un bilan tripartite, le "
            "protocole peut prendre fin ; la procédure reprend alors au stade où elle avait été suspendue.",
            "Si le loyer et les mensualités sont réglés régulièrement pendant la sous-location, le bailleur "
            "consent un nouveau bail au nom du ménage. Si le logement ne convient plus, un relogement ou une "
            "mutation est recherché. En cas de manquements répétés constatés lors d'un bilan tripartite, le "
            "protocole peut prendre fin ; la procédure reprend alors au stade où elle avait été suspendue.",
        ),
        "partage": (_OLD_SHARING, _NEW_SHARING),
    },
    "engagement_minimal": {
        "objet": (
            "{menage} et {association} conviennent de rester en lien dans le cadre du dispositif {dispositif}.",
            "Le ménage et l'association conviennent de rester en lien dans le cadre du dispositif {dispositif}.",
        ),
    },
    "attestation_accord": {
        "attestation": (
            "{association} atteste avoir donné son accord de principe pour accompagner {menage} dans le cadre "
            "du dispositif {dispositif}, dès l'entrée dans le logement qui lui serait attribué par {bailleur}. "
            "L'accompagnement débutera le {date_debut} ; le référent coordinateur sera {referent}.",
            "L'association atteste avoir donné son accord de principe pour accompagner le ménage dans le cadre "
            "du dispositif {dispositif}, dès l'entrée dans le logement qui lui serait attribué par le bailleur. "
            "L'accompagnement débutera le {date_debut} ; le référent coordinateur sera {referent}.",
        ),
    },
    "convention_cadre": {
        "objectifs": (
            "{bailleur} et {association} s'associent pour permettre l'accès et le maintien dans le logement "
            "de ménages accompagnés. L'objectif est d'accompagner {nombre_menages} ménages sur la durée de la "
            "convention, sur le territoire de {territoire}.",
            "Le bailleur et l'association s'associent pour permettre à des ménages accompagnés d'accéder à un "
            "logement et de s'y maintenir. L'objectif est d'accompagner {nombre_menages} ménages sur la durée "
            "de la convention. Territoire concerné : {territoire}.",
        ),
    },
}

_kind = sa.table("contract_kind", sa.column("id"), sa.column("code"))
_template = sa.table(
    "contract_template",
    sa.column("id"),
    sa.column("kind_id"),
    sa.column("version"),
    sa.column("note"),
    sa.column("created_at", sa.DateTime()),
    sa.column("created_by_id"),
)
_template_clause = sa.table(
    "contract_template_clause",
    sa.column("id"),
    sa.column("template_id"),
    sa.column("code"),
    sa.column("title"),
    sa.column("body"),
    sa.column("required"),
    sa.column("sort_order"),
)
_contract = sa.table("contract", sa.column("id"), sa.column("kind_id"))
_version = sa.table(
    "contract_version", sa.column("id"), sa.column("contract_id"), sa.column("status"), sa.column("template_id")
)
_clause = sa.table("contract_clause", sa.column("id"), sa.column("version_id"), sa.column("code"), sa.column("body"))


def upgrade() -> None:
    with op.batch_alter_table("partner_contact", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "civility",
                sa.Enum("MADAME", "MONSIEUR", name="civility", native_enum=False, length=16),
                nullable=True,
            )
        )
    connection = op.get_bind()
    for kind_code, texts in REWORDED.items():
        kind_id = connection.scalar(sa.select(_kind.c.id).where(_kind.c.code == kind_code))
        if kind_id is None:
            continue
        _reword_template(connection, kind_id, texts)
        _reword_drafts(connection, kind_id, texts)


def _reword_template(connection: sa.Connection, kind_id: int, texts: dict[str, tuple[str, str]]) -> None:
    """Add a template version with the new texts, if the newest one still holds an original text."""
    latest = connection.execute(
        sa.select(_template.c.id, _template.c.version)
        .where(_template.c.kind_id == kind_id)
        .order_by(_template.c.version.desc())
        .limit(1)
    ).first()
    if latest is None:
        return
    clauses = connection.execute(
        sa.select(
            _template_clause.c.code,
            _template_clause.c.title,
            _template_clause.c.body,
            _template_clause.c.required,
            _template_clause.c.sort_order,
        )
        .where(_template_clause.c.template_id == latest.id)
        .order_by(_template_clause.c.sort_order)
    ).all()
    reworded = [
        texts[clause.code][1] if clause.code in texts and clause.body == texts[clause.code][0] else clause.body
        for clause in clauses
    ]
    if reworded == [clause.body for clause in clauses]:
        return
    version = latest.version + 1
    connection.execute(
        _template.insert().values(
            kind_id=kind_id,
            version=version,
            note=NOTE,
            created_at=datetime.now(timezone.utc).replace(tzinfo=None),
            created_by_id=None,
        )
    )
    template_id = connection.scalar(
        sa.select(_template.c.id).where(_template.c.kind_id == kind_id, _template.c.version == version)
    )
    connection.execute(
        _template_clause.insert(),
        [
            {
                "template_id": template_id,
                "code": clause.code,
                "title": clause.title,
                "body": body,
                "required": clause.required,
                "sort_order": clause.sort_order,
            }
            for clause, body in zip(clauses, reworded, strict=True)
        ],
    )


def _reword_drafts(connection: sa.Connection, kind_id: int, texts: dict[str, tuple[str, str]]) -> None:
    """Drafts are printed from their clauses each time: give them the new texts too (signed ones keep theirs)."""
    drafts = (
        sa.select(_version.c.id)
        .join(_contract, _contract.c.id == _version.c.contract_id)
        .where(_contract.c.kind_id == kind_id, _version.c.status == "BROUILLON")
    )
    for code, (old, new) in texts.items():
        connection.execute(
            _clause.update()
            .where(_clause.c.version_id.in_(drafts), _clause.c.code == code, _clause.c.body == old)
            .values(body=new)
        )


def downgrade() -> None:
    connection = op.get_bind()
    for kind_code, texts in REWORDED.items():
        kind_id = connection.scalar(sa.select(_kind.c.id).where(_kind.c.code == kind_code))
        if kind_id is None:
            continue
        reverse = {code: (new, old) for code, (old, new) in texts.items()}
        _reword_drafts(connection, kind_id, reverse)
        added = sa.select(_template.c.id).where(_template.c.kind_id == kind_id, _template.c.note == NOTE)
        used = sa.select(_version.c.id).where(_version.c.template_id.in_(added))
        if connection.execute(used.limit(1)).first() is None:
            connection.execute(_template_clause.delete().where(_template_clause.c.template_id.in_(added)))
            connection.execute(_template.delete().where(_template.c.id.in_(added)))
    with op.batch_alter_table("partner_contact", schema=None) as batch_op:
        batch_op.drop_column("civility")
