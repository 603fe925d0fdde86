"""Co-financing as funding lines, informational entry criteria, the avoided-cost worksheet (docs/domain.md §13).

``funder`` is a new picklist of funders; ``measure_funding`` and ``episode_funding`` give each measure (and, when it
differs, each episode) its funders and their shares in basis points. The old free text (``measure.funders``,
``episode.funders``) is kept as it was, and lines are **proposed** from it: each funder it names (matched to the
picklist by its usual names, or added to it as written), in equal shares, flagged ``proposed`` until a person
confirms them. An episode gets lines of its own only when its text differs from its measure's.

``entry_criterion`` and ``episode_criterion`` hold the criteria of a measure's target public and those a household
met, for information (they never block an admission). ``funder_profile`` gains the funder whose share it reports and
its yearly budget; ``avoided_cost_line`` holds each profile's avoided-cost worksheet. ``housing_proposal`` gains the
household's monthly resources at the offer (its taux d'effort at attribution); ``right_kind`` and ``right_opened``
record the rights opened for a household during its support.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FULL_SHARE_BP = 10_000

FUNDERS = (
    ("ddets", "DDETS (BOP 177)", ("ddets", "ddcs", "bop 177", "bop177")),
    ("fnavdl", "FNAVDL", ("fnavdl",)),
    ("drihl", "DRIHL", ("drihl",)),
    ("dihal", "DIHAL", ("dihal",)),
    ("etat", "État (autres crédits)", ("etat", "prefecture")),
    ("conseil_departemental", "Conseil départemental (FSL)", ("conseil departemental", "departement", "fsl", "cd")),
    ("metropole", "Métropole / EPCI", ("metropole", "epci", "agglomeration", "communaute")),
    ("commune", "Commune / CCAS", ("commune", "ville", "mairie", "ccas")),
    ("ars", "ARS", ("ars",)),
    ("caf", "CAF", ("caf",)),
    ("bailleurs", "Bailleurs sociaux", ("bailleurs?",)),
    ("fondation", "Fondation", ("fondations?", "fap")),
)
"""The usual funders (code, label, the names they go by in a free text, as patterns of whole words, accents and
case folded); an administrator adds or renames others."""

CRITERIA = {
    "chez_soi_dabord": (
        ("sans_abri", "Sans abri ou sans logement stable"),
        ("parcours_long", "Parcours de rue ou d'hébergement de plus d'un an"),
        ("besoins_eleves", "Besoins d'accompagnement élevés"),
    ),
    "avdl": (
        ("dalo", "Reconnu prioritaire DALO"),
        ("expulsion", "Menacé d'expulsion"),
        ("siao", "Orienté par le SIAO"),
    ),
    "asll": (
        ("fsl", "Éligible au FSL"),
        ("maintien", "Difficultés de maintien dans le logement"),
    ),
    "iml_sous_location": (
        ("sortie_hebergement", "Sortant d'hébergement ou de la rue"),
        ("ressources", "Ressources suffisantes pour un loyer résiduel"),
    ),
    "logements_accompagnes": (
        ("sans_domicile", "Sans domicile ou hébergé"),
        ("plafonds", "Ressources sous les plafonds PLAI"),
    ),
}
RIGHT_KINDS = (
    ("aide_logement", "Aide au logement (APL, ALS, ALF)"),
    ("rsa", "RSA"),
    ("prime_activite", "Prime d'activité"),
    ("aah", "AAH"),
    ("pension", "Pension de retraite ou d'invalidité"),
    ("chomage", "Allocation chômage"),
    ("allocations_familiales", "Prestations familiales"),
    ("css", "Complémentaire santé solidaire"),
    ("protection_maladie", "Protection maladie (PUMa, AME)"),
    ("domiciliation", "Domiciliation"),
    ("titre_sejour", "Titre de séjour"),
    ("fsl", "Aide du FSL"),
    ("dalo", "Reconnaissance DALO"),
    ("autre", "Autre droit"),
)
"""The rights an association records as opened (an administrator may add or rename)."""

"""Informational criteria of the national measures every association starts with, by measure code. None is about
health: a criterion ticked shows to the whole team, where health is read by health staff only (docs/domain.md §5.2)."""

_SEPARATORS = re.compile(r"\s*[,;/+&]\s*|\s+et\s+|\s+[-\u2013\u2014]\s+", re.IGNORECASE)
"""Between two funders: a comma, a semicolon, a slash, a plus, an ampersand, « et », a dash between spaces — never a
hyphen within a name (Ille-et-Vilaine) nor anything inside brackets ("(FSL et ASLL)")."""


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _names(text: str) -> list[str]:
    """The funders a free text names, as written ("DDETS (BOP 177), FNAVDL" → two), each once."""
    masked = list(text)  # what is inside brackets hidden from the separators
    depth = 0
    for index, char in enumerate(text):
        if char == ")" and depth > 0:
            depth -= 1
        if depth > 0:
            masked[index] = "_"
        if char == "(":
            depth += 1
    names: list[str] = []
    start = 0
    for separator in _SEPARATORS.finditer("".join(masked)):
        _keep(names, text[start : separator.start()])
        start = separator.end()
    _keep(names, text[start:])
    return names


def _keep(names: list[str], part: str) -> None:
    cleaned = " ".join(part.split()).strip(" .-")
    if cleaned and _folded(cleaned) not in {_folded(name) for name in names}:
        names.append(cleaned[:200])


def _matches(name: str, known: dict[str, int]) -> list[int]:
    """The known funders a name points at, each once (« DDETS Métropole » names two); none: a funder of its own."""
    folded = _folded(re.sub(r"\(.*?\)", " ", name)) or _folded(name)
    return [
        known[code] for code, _label, aliases in FUNDERS if any(re.search(rf"\b{alias}\b", folded) for alias in aliases)
    ]


def _shares(count: int) -> list[int]:
    """Equal shares in basis points, the first taking what does not divide (3 → 3334, 3333, 3333)."""
    share = FULL_SHARE_BP // count
    return [share + FULL_SHARE_BP - share * count] + [share] * (count - 1)


def upgrade() -> None:
    funder = op.create_table(
        "funder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funder")),
        sa.UniqueConstraint("code", name=op.f("uq_funder_code")),
    )
    criterion = op.create_table(
        "entry_criterion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["measure_id"], ["measure.id"], name=op.f("fk_entry_criterion_measure_id_measure")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry_criterion")),
        sa.UniqueConstraint("measure_id", "code", name="uq_entry_criterion_measure_code"),
    )
    op.create_index(op.f("ix_entry_criterion_measure_id"), "entry_criterion", ["measure_id"], unique=False)
    measure_funding = op.create_table(
        "measure_funding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=False),
        sa.Column("share_bp", sa.Integer(), nullable=False),
        sa.Column("proposed", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["funder_id"], ["funder.id"], name=op.f("fk_measure_funding_funder_id_funder")),
        sa.ForeignKeyConstraint(["measure_id"], ["measure.id"], name=op.f("fk_measure_funding_measure_id_measure")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_funding")),
        sa.UniqueConstraint("measure_id", "funder_id", name="uq_measure_funding_measure_funder"),
    )
    op.create_index(op.f("ix_measure_funding_measure_id"), "measure_funding", ["measure_id"], unique=False)
    op.create_table(
        "avoided_cost_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("unit_cost_cents", sa.Integer(), nullable=False),
        sa.Column("quantity_source", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("assumption", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["funder_profile.id"], name=op.f("fk_avoided_cost_line_profile_id_funder_profile")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_avoided_cost_line")),
    )
    op.create_index(op.f("ix_avoided_cost_line_profile_id"), "avoided_cost_line", ["profile_id"], unique=False)
    op.create_table(
        "episode_criterion",
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["criterion_id"], ["entry_criterion.id"], name=op.f("fk_episode_criterion_criterion_id_entry_criterion")
        ),
        sa.ForeignKeyConstraint(["episode_id"], ["episode.id"], name=op.f("fk_episode_criterion_episode_id_episode")),
        sa.PrimaryKeyConstraint("episode_id", "criterion_id", name=op.f("pk_episode_criterion")),
    )
    op.create_index(op.f("ix_episode_criterion_criterion_id"), "episode_criterion", ["criterion_id"], unique=False)
    episode_funding = op.create_table(
        "episode_funding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=False),
        sa.Column("share_bp", sa.Integer(), nullable=False),
        sa.Column("proposed", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["episode_id"], ["episode.id"], name=op.f("fk_episode_funding_episode_id_episode")),
        sa.ForeignKeyConstraint(["funder_id"], ["funder.id"], name=op.f("fk_episode_funding_funder_id_funder")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episode_funding")),
        sa.UniqueConstraint("episode_id", "funder_id", name="uq_episode_funding_episode_funder"),
    )
    op.create_index(op.f("ix_episode_funding_episode_id"), "episode_funding", ["episode_id"], unique=False)
    kinds = op.create_table(
        "right_kind",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_right_kind")),
        sa.UniqueConstraint("code", name=op.f("uq_right_kind_code")),
    )
    op.bulk_insert(
        kinds,
        [
            {"code": code, "label": label, "sort_order": order, "active": True}
            for order, (code, label) in enumerate(RIGHT_KINDS)
        ],
    )
    op.create_table(
        "right_opened",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("kind_id", sa.Integer(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("row_version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_member.id"], name=op.f("fk_right_opened_created_by_id_staff_member")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_right_opened_household_id_household")
        ),
        sa.ForeignKeyConstraint(["kind_id"], ["right_kind.id"], name=op.f("fk_right_opened_kind_id_right_kind")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_right_opened_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_right_opened")),
    )
    op.create_index(op.f("ix_right_opened_household_id"), "right_opened", ["household_id"], unique=False)
    with op.batch_alter_table("housing_proposal") as batch_op:
        batch_op.add_column(sa.Column("resources_cents", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        # On the team's server, nobody but the owner reads a household's funding lines, criteria or rights until the
        # access rules (installed right after the upgrade) say who may.
        op.execute("ALTER TABLE episode_funding ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE episode_criterion ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE right_opened ENABLE ROW LEVEL SECURITY")
    with op.batch_alter_table("funder_profile") as batch_op:
        batch_op.add_column(sa.Column("funder_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("annual_budget_cents", sa.BigInteger(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_funder_profile_funder_id_funder"), "funder", ["funder_id"], ["id"])
    _seed(funder, criterion, measure_funding, episode_funding)


def _seed(funder: sa.Table, criterion: sa.Table, measure_funding: sa.Table, episode_funding: sa.Table) -> None:
    """The usual funders and criteria, then lines proposed from every free text."""
    connection = op.get_bind()
    op.bulk_insert(
        funder,
        [
            {"code": code, "label": label, "sort_order": order, "active": True}
            for order, (code, label, _aliases) in enumerate(FUNDERS)
        ],
    )
    measures = {
        code: (measure_id, text)
        for measure_id, code, text in connection.execute(sa.text("SELECT id, code, funders FROM measure ORDER BY id"))
    }
    op.bulk_insert(
        criterion,
        [
            {"measure_id": measures[code][0], "code": key, "label": label, "sort_order": order, "active": True}
            for code, entries in CRITERIA.items()
            if code in measures
            for order, (key, label) in enumerate(entries)
        ],
    )
    known: dict[str, int] = {
        code: funder_id for code, funder_id in connection.execute(sa.text("SELECT code, id FROM funder"))
    }
    added: dict[str, int] = {}  # the funders the texts name that the list lacked, by folded name: each added once

    def funders_of(text: str) -> list[int]:
        funders: list[int] = []
        for name in _names(text or ""):
            found = _matches(name, known)
            if not found:
                if _folded(name) not in added:
                    code = f"financeur_{len(known) + len(added) + 1}"
                    connection.execute(
                        funder.insert().values(code=code, label=name, sort_order=len(known) + len(added), active=True)
                    )
                    added[_folded(name)] = connection.execute(
                        sa.text("SELECT id FROM funder WHERE code = :c"), {"c": code}
                    ).scalar_one()
                found = [added[_folded(name)]]
            funders.extend(funder_id for funder_id in found if funder_id not in funders)
        return funders

    def lines(funders: list[int]) -> list[tuple[int, int]]:
        return list(zip(funders, _shares(len(funders)), strict=True)) if funders else []

    measure_funders: dict[int, list[int]] = {}
    for measure_id, text in measures.values():
        measure_funders[measure_id] = funders_of(text)
        for order, (funder_id, share) in enumerate(lines(measure_funders[measure_id])):
            connection.execute(
                measure_funding.insert().values(
                    measure_id=measure_id, funder_id=funder_id, share_bp=share, proposed=True, sort_order=order
                )
            )
    episodes = connection.execute(sa.text("SELECT id, measure_id, funders FROM episode ORDER BY id")).all()
    for episode_id, measure_id, text in episodes:
        named = funders_of(text)
        # The same funders as its measure's (in any order or spelling), or none named: the measure's lines apply.
        if not named or sorted(named) == sorted(measure_funders.get(measure_id, [])):
            continue
        for order, (funder_id, share) in enumerate(lines(named)):
            connection.execute(
                episode_funding.insert().values(
                    episode_id=episode_id, funder_id=funder_id, share_bp=share, proposed=True, sort_order=order
                )
            )


def downgrade() -> None:
    with op.batch_alter_table("housing_proposal") as batch_op:
        batch_op.drop_column("resources_cents")
    op.drop_index(op.f("ix_right_opened_household_id"), table_name="right_opened")
    op.drop_table("right_opened")
    op.drop_table("right_kind")
    # The tables referring to funder_profile and funder first: rebuilding funder_profile (SQLite) would break them.
    op.drop_index(op.f("ix_episode_funding_episode_id"), table_name="episode_funding")
    op.drop_table("episode_funding")
    op.drop_index(op.f("ix_episode_criterion_criterion_id"), table_name="episode_criterion")
    op.drop_table("episode_criterion")
    op.drop_index(op.f("ix_avoided_cost_line_profile_id"), table_name="avoided_cost_line")
    op.drop_table("avoided_cost_line")
    op.drop_index(op.f("ix_measure_funding_measure_id"), table_name="measure_funding")
    op.drop_table("measure_funding")
    op.drop_index(op.f("ix_entry_criterion_measure_id"), table_name="entry_criterion")
    op.drop_table("entry_criterion")
    with op.batch_alter_table("funder_profile") as batch_op:
        batch_op.drop_constraint(op.f("fk_funder_profile_funder_id_funder"), type_="foreignkey")
        batch_op.drop_column("annual_budget_cents")
        batch_op.drop_column("funder_id")
    op.drop_table("funder")
