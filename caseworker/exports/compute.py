"""Computing every indicator of an export in one read transaction (docs/domain.md §13).

:func:`compute_report` reads the episodes of the profile's measures, their households' members and housing
timelines, and the period's contacts, alerts, offers, procedures and meetings, then counts. It returns a
:class:`~caseworker.exports.report.Report` of true figures: :func:`caseworker.exports.protection.protect_report`
decides what may be published. ``progress`` is told each step; ``cancelled`` is asked between steps (and while the
contacts are read) and stops the computation with :class:`ExportCancelled`.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from caseworker.exports import (
    activity_figures,
    aftercare_figures,
    caseload_figures,
    criteria_figures,
    duration_figures,
    funding_figures,
    glissement_figures,
    housing_figures,
    payment_figures,
    rights_figures,
    support_figures,
)
from caseworker.exports.costs import cost_lines
from caseworker.exports.facts import ExportScope, load_compositions, load_episodes, load_members, suspended_on
from caseworker.exports.report import CountTable, ExportParameters, Rate, Report, Statistic
from caseworker.exports.secrecy import Cancelled as ExportCancelled

STEPS = ("support", "logement", "contacts", "alertes", "procédures")
"""What the progress bar names, in order."""

Progress = Callable[[int, int, str], None]

INDICATORS = {
    "file_active": "File active",
    "file_active_by_composition": "File active par composition du ménage",
    "entries": "Entrées",
    "referral_sources": "Entrées par origine de l'orientation",
    "entry_criteria": "Entrants par critère d'entrée rempli",
    "entry_criteria_filled": "Entrants selon le renseignement des critères d'entrée",
    "exits_by_reason": "Sorties par motif",
    "exits_by_destination": "Sorties par situation à la sortie",
    "exits_by_length": "Sorties par durée d'accompagnement",
    "exit_length_mean": "Durée moyenne d'accompagnement des sortants",
    "exit_length_median": "Durée médiane d'accompagnement des sortants",
    "intensity_levels": "Accompagnements par niveau d'intensité",
    "intensity_days": "Jours passés à chaque niveau d'intensité",
    "extensions": "Accompagnements prolongés ou renouvelés",
    "waiting_list": "Liste d'attente",
    "waiting_time_mean": "Délai moyen entre l'orientation et le début",
    "housing_retention": "Maintien dans le logement",
    "rehousing_delay": "Délai de relogement",
    "housing_changes": "Changements de situation de logement",
    "offers": "Propositions de logement",
    "effort_at_attribution": "Taux d'effort à l'attribution",
    "offer_refusals": "Refus de proposition par motif",
    "offer_to_lease_median": "Délai médian entre la proposition et le bail",
    "glissements": "Glissements de bail examinés",
    "bail_glissant": "Glissements réalisés (sous-locations en bail glissant)",
    "rent_up_to_date": "À jour du loyer",
    "entrants_met": "Entrants rencontrés",
    "first_contact_attempts_median": "Tentatives avant le premier contact (médiane)",
    "first_contact_days_median": "Délai avant le premier contact (médiane)",
    "payment_resumed": "Reprise du paiement régulier (sur les entrants)",
    "payment_resumed_met": "Reprise du paiement régulier (sur les entrants rencontrés)",
    "contacts_by_type": "Contacts par type et résultat",
    "home_visit_share": "Part des visites à domicile",
    "contacts_by_topic": "Contacts par thème abordé",
    "contacts_off_hours": "Contacts en dehors des heures de bureau",
    "alerts_by_type": "Alertes par type et sens",
    "alerts_acknowledged": "Prise en compte des alertes reçues",
    "alerts_acknowledged_in_time": "Alertes prises en compte dans le délai",
    "procedures": "Procédures d'expulsion",
    "rights_opened": "Ménages ayant ouvert des droits, par droit",
    "meetings_held": "Réunions tenues",
    "after_care_households": "Après-accompagnement : ménages suivis, par type",
    "after_care_contacts": "Après-accompagnement : contacts",
    "reactivations": "Après-accompagnement : réactivations",
    "drop_in_visits": "Après-accompagnement : passages à la permanence (tout le service)",
    "street_encounters": "Après-accompagnement : rencontres de rue (tout le service)",
    "collective_sessions": "Après-accompagnement : ateliers collectifs (tout le service)",
    "session_attendance": "Après-accompagnement : participation aux ateliers (tout le service)",
    "funded_households": "Ménages accompagnés selon le financement (cofinancés à part)",
    "household_years": "Ménages-années accompagnés",
    "cost_per_household_year": "Coût par ménage-année",
    "caseload_per_fte": "Charge : ménages par ETP de référent",
    "caseload_weighted_per_fte": "Charge pondérée par ETP de référent",
    "caseload_target_per_fte": "Cible de charge par ETP de référent",
}
"""Every indicator a profile may ask for, by key (a table's, a rate's or a statistic's), with its French name."""


def _never() -> bool:
    return False


def compute_report(
    session: Session,
    parameters: ExportParameters,
    measure_codes: tuple[str, ...],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = _never,
) -> Report:
    """Every indicator for ``parameters`` over the episodes of ``measure_codes``."""
    scope = ExportScope(measure_codes, parameters.period_start, parameters.period_end, parameters.as_of)
    threshold = parameters.threshold
    tables: list[CountTable] = []
    rates: list[Rate] = []
    statistics: list[Statistic] = []

    def step(index: int) -> None:
        if cancelled():
            raise ExportCancelled
        if progress is not None:
            progress(index, len(STEPS), STEPS[index])

    step(0)
    funding = funding_figures.load_funding(session, scope)
    episodes = funding_figures.funded_by(load_episodes(session, scope), funding, parameters.funder_code)
    households = {episode.household_id for episode in episodes}
    members = load_members(session, households)
    funded_tables, funded_statistics, funding_warnings = funding_figures.funding_figures(
        episodes, members, scope, funding, funding_figures.suspended_days(session, scope), parameters
    )
    suspended = suspended_on(session, scope.as_of)
    tables.extend(support_figures.file_active(episodes, members, scope, suspended))
    tables.extend(
        support_figures.file_active_by_composition(
            episodes, members, scope, load_compositions(session, households), threshold
        )
    )
    tables.extend(support_figures.entries(episodes, members, scope))
    tables.extend(support_figures.referral_sources(episodes, members, scope, threshold))
    tables.extend(criteria_figures.entry_criteria(session, episodes, members, scope))
    tables.extend(support_figures.exits(episodes, members, scope, threshold))
    tables.extend(support_figures.waiting_list(episodes, members, scope))
    statistics.extend(support_figures.exit_durations(episodes, scope))
    statistics.append(support_figures.waiting_time(episodes, scope))
    level_tables, level_statistics = duration_figures.intensity_levels(session, episodes, members, scope)
    tables.extend(level_tables)
    statistics.extend(level_statistics)
    tables.extend(duration_figures.extensions(session, episodes, members, scope))
    statistics.extend(caseload_figures.caseload(session, scope))

    step(1)
    timelines = housing_figures.load_situations(session, households)
    retention_tables, retention_rates = housing_figures.retention(episodes, members, scope, timelines)
    tables.extend(retention_tables)
    rates.extend(retention_rates)
    tables.extend(housing_figures.rehousing_delay(episodes, members, scope, timelines))
    supports = housing_figures.by_household(episodes)  # once: each of these reads a household's supports
    tables.extend(housing_figures.housing_changes(supports, members, scope, timelines))
    offer_tables, offer_statistics = housing_figures.offers(session, supports, scope, threshold)
    tables.extend(offer_tables)
    tables.extend(housing_figures.effort_at_attribution(session, supports, members, scope))
    statistics.extend(offer_statistics)
    reviews = glissement_figures.decided_reviews(session, supports, scope)
    tables.extend(glissement_figures.glissements(reviews, members, scope))
    glissant_tables, glissant_rates = glissement_figures.bail_glissant(reviews, supports, members, scope, timelines)
    tables.extend(glissant_tables)
    rates.extend(glissant_rates)
    rent_tables, rent_rates = payment_figures.rent_up_to_date(session, episodes, members, scope, timelines)
    tables.extend(rent_tables)
    rates.extend(rent_rates)

    step(2)
    spans = activity_figures.spans_of(episodes)
    met_tables, met_rates, met_statistics, met = activity_figures.first_contacts(session, episodes, members, scope)
    tables.extend(met_tables)
    rates.extend(met_rates)
    statistics.extend(met_statistics)
    payment_tables, payment_rates = payment_figures.payment_resumed(session, episodes, members, scope, met)
    tables.extend(payment_tables)
    rates.extend(payment_rates)
    contact_tables, contact_rates = activity_figures.contacts(session, spans, scope, cancelled)
    tables.extend(contact_tables)
    rates.extend(contact_rates)

    step(3)
    alert_tables, alert_rates = activity_figures.alerts(session, spans, scope)
    tables.extend(alert_tables)
    rates.extend(alert_rates)

    step(4)
    tables.append(activity_figures.procedures(session, spans, scope))
    tables.extend(rights_figures.rights_opened(session, spans, members, scope))
    tables.append(activity_figures.meetings(session, scope))
    tables.extend(aftercare_figures.after_care(session, episodes, members, scope, parameters.funder_code))
    tables.extend(funded_tables)  # last: the funding comes after the activity it pays for
    statistics.extend(funded_statistics)
    warnings = (
        funding_warnings if episodes else ("Aucun accompagnement des mesures choisies : toutes les tables sont vides.",)
    )
    return Report(
        parameters,
        tuple(tables),
        tuple(rates),
        tuple(statistics),
        warnings,
        cost_lines(parameters.avoided_costs, tables, statistics),
    )


__all__ = ["INDICATORS", "STEPS", "ExportCancelled", "Progress", "compute_report"]
