"""The housing indicators of a funder export: staying housed, time to a lease, changes, offers (docs/domain.md §13).

*Obtained a dwelling during support*: a housed situation that begins while the support runs and follows a situation
without housing (or none recorded). Staying housed is then read on the *état au* day: still housed (*maintenus*),
back to a supported or sheltered situation by a concerted step-back (*retours concertés*, their own category), or
out of housing otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain.proposals import CalDecision, HouseholdAnswer
from caseworker.exports.facts import EpisodeFact, ExportScope, Members
from caseworker.exports.report import CountTable, Rate, Statistic, Unit
from caseworker.exports.support_figures import period_words, rounded
from caseworker.exports.tables import EventTable, TableText, TwinTables
from caseworker.formats import format_date
from caseworker.models import (
    HousingProposal,
    Occupancy,
    OccupancyChangeReason,
    OccupancyStatus,
    ProposalRefusalReason,
)

RETENTION_ROWS = ("Maintenus dans un logement", "Retours concertés", "Autres sorties du logement")
DELAY_BANDS = ("Moins de 6 mois", "6 à 12 mois", "Plus de 12 mois")
CHANGE_ROWS = {
    "acces_logement": "Accès au logement",
    "relogement": "Relogement ou mutation",
    "mutation": "Relogement ou mutation",
    "glissement": "Glissement du bail",
    "retour_concerte": "Retour concerté",
    "perte_logement": "Perte du logement",
    "expulsion": "Expulsion",
}
OFFER_ROWS = ("Bail signé", "Refusée par le ménage", "Non attribuée par la CAL", "En cours")


@dataclass(frozen=True)
class Situation:
    """One occupancy period: when, housed or not, and why it began."""

    household_id: int
    start: date
    end: date | None
    housed: bool
    reason: str
    bail_glissant: bool = False  # a sub-lease meant to slide to the household
    id: int = 0


def load_situations(session: Session, households: set[int]) -> dict[int, list[Situation]]:
    """Each household's occupancy periods, oldest first."""
    query = (
        select(
            Occupancy.household_id,
            Occupancy.start_date,
            Occupancy.end_date,
            OccupancyStatus.is_housed,
            OccupancyChangeReason.code,
            Occupancy.bail_glissant,
            Occupancy.id,
        )
        .join(OccupancyStatus, OccupancyStatus.id == Occupancy.status_id)
        .join(OccupancyChangeReason, OccupancyChangeReason.id == Occupancy.change_reason_id)
        .order_by(Occupancy.household_id, Occupancy.start_date, Occupancy.id)
    )
    timelines: dict[int, list[Situation]] = defaultdict(list)
    for household_id, start, end, housed, reason, glissant, occupancy_id in session.execute(query):
        if household_id in households:
            timelines[household_id].append(Situation(household_id, start, end, housed, reason, glissant, occupancy_id))
    return timelines


def obtained(episode: EpisodeFact, timeline: Sequence[Situation], until: date) -> Situation | None:
    """The first dwelling the household obtained during this support, up to ``until``."""
    if episode.start is None or episode.start > until:
        return None
    last = min(episode.end - timedelta(days=1), until) if episode.end is not None else until  # exit: first day out
    previous: Situation | None = None
    for situation in timeline:
        if situation.housed and episode.start <= situation.start <= last and (previous is None or not previous.housed):
            return situation
        previous = situation
    return None


def situation_on(timeline: Sequence[Situation], day: date) -> Situation | None:
    """The household's situation that day (None before the first recorded)."""
    for situation in timeline:
        if situation.start <= day and (situation.end is None or situation.end >= day):
            return situation
    return None


def retention(
    episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope, timelines: dict[int, list[Situation]]
) -> tuple[tuple[CountTable, ...], tuple[Rate, ...]]:
    """Staying housed: of those who obtained a dwelling during support since the launch, who is housed on the day."""
    as_of = scope.as_of
    cohort = f"accompagnements commencés jusqu'au {format_date(as_of)} (depuis le lancement)"
    table = TwinTables(
        TableText(
            "housing_retention",
            "Maintien dans le logement",
            f"Cohorte : {cohort} ; situation au {format_date(as_of)}",
            "Ménages ayant obtenu un logement pendant l'accompagnement, selon leur situation à la date : toujours "
            "logés, revenus vers un hébergement ou un logement accompagné par un retour concerté, ou sortis "
            "autrement du logement. Les personnes sont celles du ménage le jour de l'entrée dans le logement.",
            "Situation à la date",
        ),
        rows=RETENTION_ROWS,
    )
    seen: set[int] = set()
    for episode in episodes:
        if episode.household_id in seen:
            continue  # a household counts once, from its first dwelling obtained
        timeline = timelines.get(episode.household_id, [])
        got = obtained(episode, timeline, as_of)
        if got is None:
            continue
        seen.add(episode.household_id)
        now = situation_on(timeline, as_of)
        if now is not None and now.housed:
            row = RETENTION_ROWS[0]
        elif now is not None and now.reason == "retour_concerte":
            row = RETENTION_ROWS[1]
        else:
            row = RETENTION_ROWS[2]
        table.add(row, members.count_on(episode.household_id, got.start))
    tables = table.tables()
    rates = tuple(
        Rate(
            key="housing_retention",
            title="Maintien dans le logement",
            unit=counted.unit,
            numerator=counted.row_total(0),
            denominator=counted.grand_total,
            as_of=as_of,
            definition=f"{'ménages' if counted.unit is Unit.MENAGE else 'personnes'} ayant obtenu un logement",
            numerator_definition="Toujours dans un logement à la date (retours concertés comptés à part).",
            cohort=cohort,
            table_key="housing_retention",
            numerator_rows=(RETENTION_ROWS[0],),
        )
        for counted in tables
    )
    return tables, rates


def rehousing_delay(
    episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope, timelines: dict[int, list[Situation]]
) -> tuple[CountTable, ...]:
    """Households who obtained a dwelling in the period, by the time since their orientation."""
    table = TwinTables(
        TableText(
            "rehousing_delay",
            "Délai de relogement",
            period_words(scope),
            "Ménages entrés dans un logement pendant l'accompagnement au cours de la période, selon le délai entre "
            "l'orientation vers la mesure et l'entrée dans le logement.",
            "Délai depuis l'orientation",
        ),
        rows=DELAY_BANDS,
    )
    for episode in episodes:
        got = obtained(episode, timelines.get(episode.household_id, []), scope.period_end)
        if got is not None and scope.in_period(got.start):
            days = (got.start - episode.orientation).days
            band = DELAY_BANDS[0] if days < 183 else DELAY_BANDS[1] if days <= 365 else DELAY_BANDS[2]
            table.add(band, members.count_on(episode.household_id, got.start))
    return table.tables()


def housing_changes(
    supports: Mapping[int, list[EpisodeFact]],
    members: Members,
    scope: ExportScope,
    timelines: dict[int, list[Situation]],
) -> tuple[CountTable, ...]:
    """Changes of housing situation during support in the period; concerted step-backs in their own row (F52)."""
    rows = list(dict.fromkeys(CHANGE_ROWS.values()))
    table = TwinTables(
        TableText(
            "housing_changes",
            "Changements de situation de logement pendant l'accompagnement",
            period_words(scope),
            "Nouvelles situations de logement commencées dans la période pendant un accompagnement de la mesure, "
            "selon leur motif ; les retours concertés (pas en arrière décidé avec le ménage) sont comptés à part.",
            "Motif du changement",
        ),
        rows=rows,
    )
    for household_id, episodes in supports.items():
        for situation in timelines.get(household_id, []):
            label = CHANGE_ROWS.get(situation.reason)
            if label and scope.in_period(situation.start) and any(e.running_on(situation.start) for e in episodes):
                table.add(label, members.count_on(household_id, situation.start))
    return table.tables()


def by_household(episodes: Sequence[EpisodeFact]) -> dict[int, list[EpisodeFact]]:
    """Each household's episodes of the scope."""
    grouped: dict[int, list[EpisodeFact]] = defaultdict(list)
    for episode in episodes:
        grouped[episode.household_id].append(episode)
    return grouped


def offers(
    session: Session, supports: Mapping[int, list[EpisodeFact]], scope: ExportScope, threshold: int
) -> tuple[tuple[CountTable, ...], tuple[Statistic, ...]]:
    """Offers made in the period to supported or waiting households, their outcome, refusals by reason (F54).

    ``supports``: each household's episodes of the scope (:func:`by_household`).
    """
    outcome = EventTable(
        TableText(
            "offers",
            "Propositions de logement",
            period_words(scope),
            "Logements proposés dans la période aux ménages orientés vers la mesure ou accompagnés, selon ce "
            "qu'il en est advenu à ce jour.",
            "Issue",
        ),
        Unit.OFFER,
        rows=OFFER_ROWS,
    )
    reasons = EventTable(
        TableText(
            "offer_refusals",
            "Refus de proposition par motif",
            period_words(scope),
            "Propositions de la période refusées par le ménage, selon le motif du refus.",
            "Motif du refus",
        ),
        Unit.OFFER,
    )
    days_to_lease: list[int] = []
    query = (
        select(HousingProposal, ProposalRefusalReason.label)
        .outerjoin(ProposalRefusalReason, ProposalRefusalReason.id == HousingProposal.refusal_reason_id)
        .where(HousingProposal.proposed_on >= scope.period_start, HousingProposal.proposed_on <= scope.period_end)
        .order_by(HousingProposal.proposed_on, HousingProposal.id)
    )
    for proposal, reason in session.execute(query):
        if not any(followed_on(e, proposal.proposed_on) for e in supports.get(proposal.household_id, [])):
            continue
        if proposal.lease_signed_on is not None:
            outcome.add(OFFER_ROWS[0])
            days_to_lease.append((proposal.lease_signed_on - proposal.proposed_on).days)
        elif proposal.answer is HouseholdAnswer.REFUSED:
            outcome.add(OFFER_ROWS[1])
            reasons.add(reason or "Non renseigné")
        elif proposal.cal_decision in (CalDecision.RANKED, CalDecision.REJECTED):
            outcome.add(OFFER_ROWS[2])
        else:
            outcome.add(OFFER_ROWS[3])
    reasons.merge_small(threshold)
    statistic = Statistic(
        "offer_to_lease_median",
        "Délai médian entre la proposition et la signature du bail",
        rounded(median(days_to_lease)) if days_to_lease else None,
        "jours",
        len(days_to_lease),
        period_words(scope),
        "Pour les propositions de la période suivies d'un bail signé.",
    )
    return (outcome.table(), reasons.table()), (statistic,)


def followed_on(episode: EpisodeFact, day: date) -> bool:
    """Whether the household was oriented to or supported under this episode that day (its exit: the first day out)."""
    return episode.orientation <= day and (episode.end is None or episode.end > day)


EFFORT_BANDS = ("Moins de 10 %", "10 à 25 %", "25 à 30 %", "30 à 35 %", "Plus de 35 %", "Non renseigné")


def effort_band(rent_cents: int | None, resources_cents: int | None) -> str:
    """The band of a taux d'effort (rent and charges over resources), from the exact fraction (no rounding)."""
    if rent_cents is None or resources_cents is None or resources_cents <= 0:
        return EFFORT_BANDS[-1]
    for band, limit in zip(EFFORT_BANDS, (10, 25, 30, 35), strict=False):
        if rent_cents * 100 < limit * resources_cents:
            return band
    return EFFORT_BANDS[4]


def effort_at_attribution(
    session: Session, supports: Mapping[int, list[EpisodeFact]], members: Members, scope: ExportScope
) -> tuple[CountTable, ...]:
    """Leases signed in the period after an offer, by the household's taux d'effort at the offer (DOMAIN §7.1)."""
    table = TwinTables(
        TableText(
            "effort_at_attribution",
            "Taux d'effort à l'attribution",
            period_words(scope),
            "Baux signés dans la période à la suite d'une proposition, selon le taux d'effort du ménage : loyer et "
            "charges de la proposition rapportés à ses ressources mensuelles à ce moment (« non renseigné » sans l'un "
            "des deux). Une borne appartient à la tranche au-dessus (25 % : « 25 à 30 % »).",
            "Taux d'effort",
        ),
        rows=EFFORT_BANDS,
    )
    query = select(
        HousingProposal.household_id,
        HousingProposal.lease_signed_on,
        HousingProposal.rent_cents,
        HousingProposal.resources_cents,
    ).where(HousingProposal.lease_signed_on >= scope.period_start, HousingProposal.lease_signed_on <= scope.period_end)
    for household_id, signed_on, rent, resources in session.execute(query):
        if signed_on is None or not any(followed_on(e, signed_on) for e in supports.get(household_id, [])):
            continue
        table.add(effort_band(rent, resources), members.count_on(household_id, signed_on))
    return table.tables()
