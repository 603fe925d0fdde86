"""Demo funding: the measures' funders and shares, a few co-funded supports, the funders' profiles completed.

Each measure's funders are confirmed with their shares, a few supports are co-funded by a foundation, and the
funders' profiles are given their funder, a yearly budget and (for the DIHAL) an avoided-cost worksheet. Written
after the supports (docs/domain.md §13.6, §13.7): the lines the migration proposed from the seeded free text are
replaced by the shares an association would have confirmed; nothing is audited (the demo's past is invented). Its
own random generator: the other steps draw the same.
"""

from __future__ import annotations

import random

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from caseworker.models import (
    AvoidedCostLine,
    Episode,
    EpisodeFunding,
    Funder,
    FunderProfile,
    Measure,
    MeasureFunding,
)

SHARES = {
    "avdl": (("ddets", 7_000), ("fnavdl", 3_000)),
    "asll": (("conseil_departemental", 10_000),),
    "iml_sous_location": (("ddets", 10_000),),
    "chrs_hors_les_murs": (("ddets", 10_000),),
    "logements_accompagnes": (("etat", 6_000), ("bailleurs", 4_000)),
    "chez_soi_dabord": (("dihal", 5_000), ("ars", 5_000)),
    "programme_local": (("metropole", 6_000), ("fondation", 4_000)),
}
"""Each measure's funders and shares in basis points."""

CO_FUNDED_SHARE = 0.08
"""Of the AVDL supports: half paid by a foundation, the rest by the measure's own funders in their proportions."""

PROFILES = {
    "ddets_avdl": ("ddets", 62_500_000),
    "ddets_iml": ("ddets", 45_000_000),
    "cd_asll": ("conseil_departemental", 30_000_000),
    "dihal_logement_dabord": ("dihal", 90_000_000),
    "fondation": ("fondation", 12_000_000),
}
"""Each profile's funder and yearly budget in cents."""

WORKSHEET = (
    (
        "Nuitées d'hôtel évitées",
        3_500,
        "",
        18_000,
        "Nuitée d'hôtel social à 35 € (tarif 115 du département) ; ménages logés venant de l'hôtel × nuits de l'année.",
    ),
    (
        "Journées d'hospitalisation évitées",
        50_000,
        "",
        1_200,
        "Journée en psychiatrie à 500 € ; baisse des "
        "journées déclarées par les ménages entre l'entrée et le bilan annuel.",
    ),
    (
        "Expulsions évitées",
        1_200_000,
        "procedures_without_eviction",
        None,
        "Coût public d'une expulsion "
        "(procédure, concours de la force publique, hébergement d'urgence) estimé à 12 000 €.",
    ),
)
"""The DIHAL profile's avoided-cost worksheet: label, unit cost in cents, quantity source, quantity, assumption."""


def write_demo_funding(session: Session, rng: random.Random) -> int:
    """Confirm the measures' lines, co-fund some supports, set the profiles; return how many episodes were co-funded."""
    funders = {code: funder_id for code, funder_id in session.execute(select(Funder.code, Funder.id))}
    measures = {code: measure_id for code, measure_id in session.execute(select(Measure.code, Measure.id))}
    session.execute(delete(MeasureFunding))
    rows = [
        {
            "measure_id": measures[code],
            "funder_id": funders[funder],
            "share_bp": share,
            "proposed": False,
            "sort_order": order,
        }
        for code, lines in SHARES.items()
        if code in measures
        for order, (funder, share) in enumerate(lines)
    ]
    if rows:
        session.execute(insert(MeasureFunding), rows)
    session.execute(delete(EpisodeFunding))
    avdl = measures.get("avdl")
    episodes = session.scalars(select(Episode.id).where(Episode.measure_id == avdl).order_by(Episode.id)).all()
    chosen = [episode for episode in episodes if rng.random() < CO_FUNDED_SHARE]
    own = [
        {"episode_id": episode, "funder_id": funders[funder], "share_bp": share, "proposed": False, "sort_order": order}
        for episode in chosen
        for order, (funder, share) in enumerate((("ddets", 3_500), ("fnavdl", 1_500), ("fondation", 5_000)))
    ]
    if own:
        session.execute(insert(EpisodeFunding), own)
    # The foundation's profile counts the AVDL supports it co-funds too (its share only).
    session.execute(
        update(FunderProfile).where(FunderProfile.code == "fondation").values(measure_codes="programme_local avdl")
    )
    for code, (funder, budget) in PROFILES.items():
        session.execute(
            update(FunderProfile)
            .where(FunderProfile.code == code)
            .values(funder_id=funders[funder], annual_budget_cents=budget)
        )
    dihal = session.scalar(select(FunderProfile.id).where(FunderProfile.code == "dihal_logement_dabord"))
    if dihal is not None:
        session.execute(delete(AvoidedCostLine).where(AvoidedCostLine.profile_id == dihal))
        session.execute(
            insert(AvoidedCostLine),
            [
                {
                    "profile_id": dihal,
                    "label": label,
                    "unit_cost_cents": cost,
                    "quantity_source": source,
                    "quantity": quantity,
                    "assumption": assumption,
                    "sort_order": order,
                }
                for order, (label, cost, source, quantity, assumption) in enumerate(WORKSHEET)
            ],
        )
    return len(chosen)
