"""The export's duration, rent, glissement and caseload indicators, exact on small worlds, on both backends (§13).

Each world is built through the services as a team would type it; the figures are read from the report's true
counts (``source``) and then as published (small counts hidden, their statistics and rates with them).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from caseworker.domain.debrief import AgendaItemKind, GlissementOutcome
from caseworker.exports.report import ProtectedReport, ProtectedStatistic, ProtectedTable
from caseworker.services import Services
from caseworker.services.board import PanelKind
from caseworker.services.directory import OrganisationView, StaffInput
from caseworker.services.households import OccupancyChangeInput
from caseworker.services.meetings import GlissementDecision
from caseworker.services.meetings.glissement import GlissementReviewInput
from caseworker.services.prevention.debts import DebtInput, PaymentInput, PlanInput
from caseworker.services.support import SuspensionInput, TeamMemberInput
from caseworker.services.support.extensions import ExtensionInput
from caseworker.services.support.intensity import IntensityChangeInput
from tests.services.board.test_board import followed
from tests.services.builders import TODAY, initial_situation, new_dwelling, raw_rows
from tests.services.conftest import ActAs
from tests.services.contract_builders import supported_household
from tests.services.exports.test_exports import REQUEST, START, _as_team_lead
from tests.services.meetings.builders import decide, item_of, planned, with_item
from tests.services.support.test_episodes import team_lead
from tests.support.row_versions import current_version


def _table(report: ProtectedReport, key: str, unit: str = "menage") -> ProtectedTable:
    return next(t for t in report.tables if t.source.key == key and t.source.unit.value == unit)


def _counts(report: ProtectedReport, key: str, unit: str = "menage") -> dict[str, int]:
    table = _table(report, key, unit).source
    return {row: sum(line) for row, line in zip(table.rows, table.counts, strict=True)}


def _statistics(report: ProtectedReport, key: str) -> list[ProtectedStatistic]:
    return [statistic for statistic in report.statistics if statistic.source.key == key]


def test_days_at_each_intensity_level_and_the_extensions_of_the_period(services: Services, act_as: ActAs) -> None:
    """Six supports from 1 January to 15 June (166 days): one stepped down on 1 April, one suspended on 1 June."""
    episodes = [followed(services, f"Niveau{number}", start=START)[1] for number in range(6)]
    stepped, paused = episodes[0], episodes[1]
    services.episodes.change_intensity(
        stepped,
        IntensityChangeInput("standard", date(2026, 4, 1)),
        expected_version=current_version(services.episodes, "change_intensity", stepped),
    )
    services.episodes.suspend(
        paused,
        SuspensionInput(date(2026, 6, 1), "hospitalisation"),
        expected_version=current_version(services.episodes, "suspend", paused),
    )
    lead = team_lead(services)
    act_as(services, lead.id)  # a renewal is approved by the team lead, logged in
    for episode in episodes[2:4]:
        services.episodes.extend(
            episode,
            ExtensionInput(date(2026, 6, 1), "Relogement en cours", lead.id),
            expected_version=current_version(services.episodes, "extend", episode),
        )
    report = services.exports.preview(REQUEST)

    levels = _counts(report, "intensity_levels")
    assert (levels["Renforcé"], levels["Standard / droit commun"], levels["Veille"]) == (6, 1, 0)
    table = _table(report, "intensity_levels")
    assert table.grand_total is None and table.row_totals == ()  # a support counts at several levels: no totals
    by_title = {s.source.title: s for s in _statistics(report, "intensity_days")}
    renforce, standard = (
        by_title["Jours passés au niveau « Renforcé »"],
        by_title["Jours passés au niveau « Standard / droit commun »"],
    )
    # 90 days before the step down, 151 before the suspension, 4 × 166 all along; 76 days at standard.
    assert (renforce.source.value, renforce.source.contributors) == (Decimal(90 + 151 + 4 * 166), 6)
    assert (standard.source.value, standard.source.contributors) == (Decimal(76), 1)
    # Published: the single support at « Standard » is hidden, and its days are withheld with it.
    standard_row = table.source.rows.index("Standard / droit commun")
    assert table.cells[standard_row][0].value is None
    assert renforce.value == Decimal(905) and standard.hidden

    assert _counts(report, "extensions") == {"Renouvellement": 2, "Prolongation": 0}
    extensions = _table(report, "extensions")
    assert extensions.cells[0][0].value is None and extensions.grand_total is not None
    assert extensions.grand_total.value is None  # 2 + 0: the total would give the 2 away


def _housed(services: Services, landlord: OrganisationView, name: str) -> int:
    """A household supported under AVDL since January, a sub-tenant since 1 February."""
    household, _episode = followed(services, name, start=START)
    initial_situation(services, household, start=date(2025, 6, 1))
    dwelling = new_dwelling(services, landlord.id, address=f"{len(name)} rue {name}")
    services.occupancy.change_occupancy(
        household,
        OccupancyChangeInput("sous_locataire", date(2026, 2, 1), "acces_logement", dwelling_id=dwelling.id),
    )
    return household


def _rent_debt(services: Services, household: int, landlord: int, *, paid_months: tuple[int, ...] | None) -> None:
    """900 € of rent owed since 15 February; with a plan from March (300 € of rent + 100 €) paid for those months."""
    debt = services.debts.add_debt(household, DebtInput(Decimal("900.00"), date(2026, 2, 15), landlord))
    if paid_months is None:
        return
    plan = services.debts.add_plan(
        debt.id, PlanInput(Decimal("100.00"), Decimal("300.00"), date(2026, 3, 1), 12, date(2026, 2, 20))
    )
    for month in paid_months:
        services.debts.record_payment(
            plan.id, PaymentInput(date(2026, month, 1), Decimal("400.00"), date(2026, month, 5))
        )


def test_rent_up_to_date_counts_the_housed_households_without_arrears_or_keeping_to_their_plan(
    services: Services, landlord: OrganisationView
) -> None:
    _housed(services, landlord, "Ajour")
    _rent_debt(services, _housed(services, landlord, "Plan"), landlord.id, paid_months=(3, 4, 5))  # May paid: kept
    _rent_debt(services, _housed(services, landlord, "Retard"), landlord.id, paid_months=(3, 4))  # May unpaid: not kept
    _rent_debt(services, _housed(services, landlord, "Sansplan"), landlord.id, paid_months=None)
    street, _episode = followed(services, "Heberge", start=START)  # not housed: not counted
    initial_situation(services, street, start=date(2025, 6, 1))
    services.debts.add_debt(street, DebtInput(Decimal("300.00"), date(2026, 2, 15), landlord.id))
    _as_team_lead(services)
    report = services.exports.preview(REQUEST)
    assert _counts(report, "rent_up_to_date") == {
        "À jour du loyer": 1,
        "Plan d'apurement respecté": 1,
        "Impayé sans plan ou plan non respecté": 2,
    }
    rate = next(r for r in report.rates if r.source.key == "rent_up_to_date" and r.source.unit.value == "menage")
    assert (rate.source.numerator, rate.source.denominator) == (2, 4)
    assert rate.text() == "s au 15/06/2026 (ménages logés et accompagnés)"  # 1 and 1 under the threshold


def test_glissements_are_a_share_of_the_subleases_in_bail_glissant_and_match_the_reviews(
    services: Services, landlord: OrganisationView, act_as: ActAs
) -> None:
    accepted, postponed, undecided = (supported_household(services, landlord) for _ in range(3))
    outcomes = {accepted.household_id: GlissementOutcome.ACCEPTED, postponed.household_id: GlissementOutcome.POSTPONED}
    for household, outcome in outcomes.items():
        review = services.meetings.open_glissement_review(
            household, GlissementReviewInput(TODAY, regular_payment=True, household_wish=True)
        )
        meeting = with_item(
            services, planned(services), household, kind=AgendaItemKind.GLISSEMENT, glissement_review_id=review.id
        )
        version = services.meetings.glissement_reviews_for(household)[0].row_version
        later = date(2026, 12, 1) if outcome is GlissementOutcome.POSTPONED else None
        decide(services, meeting, item_of(meeting, household), GlissementDecision(outcome, version, postponed_to=later))
    assert undecided.household_id not in outcomes
    act_as(services, team_lead(services).id)
    report = services.exports.preview(REQUEST)
    assert _counts(report, "bail_glissant") == {
        "Glissement accepté": 1,
        "Glissement reporté": 1,
        "Glissement refusé": 0,
        "Aucune décision dans la période": 1,
    }
    assert _counts(report, "bail_glissant", "personne")["Glissement accepté"] == 3  # the couple and their son
    assert _counts(report, "glissements") == {"Accepté": 1, "Reporté": 1, "Refusé": 0}
    rate = next(r for r in report.rates if r.source.key == "bail_glissant" and r.source.unit.value == "menage")
    assert (rate.source.numerator, rate.source.denominator) == (1, 3)
    assert rate.hidden


def test_the_teams_caseload_per_fte_is_the_boards_added_up(services: Services, act_as: ActAs) -> None:
    """Claire follows five AVDL households and one IML; Paul, half-time, two of the AVDL ones and the IML one."""
    avdl = [followed(services, f"Charge{number}", start=START) for number in range(5)]
    iml = followed(services, "Iml", start=START, measure="iml_sous_location", level="standard")
    services.episodes.change_intensity(
        avdl[0][1],
        IntensityChangeInput("standard", date(2026, 4, 1)),
        expected_version=current_version(services.episodes, "change_intensity", avdl[0][1]),
    )
    services.episodes.suspend(
        avdl[1][1],
        SuspensionInput(date(2026, 6, 1), "hospitalisation"),
        expected_version=current_version(services.episodes, "suspend", avdl[1][1]),
    )
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    paul = services.directory.create_staff(StaffInput("Paul", "Roux", "travailleur_social", own.id, fte_percent=50)).id
    for household in (avdl[0][0], avdl[2][0], iml[0]):
        services.team.add_member(
            household, TeamMemberInput(role_code="referent_social", start_date=START, staff_member_id=paul)
        )
    claire = services.context.actor.staff_member_id
    assert claire is not None
    act_as(services, team_lead(services).id)
    board = services.board.board()
    loads = {row.staff_member_id: row for row in board.panel(PanelKind.CASELOADS).rows}
    fte = {
        staff: int(str(raw_rows(services, f"SELECT fte_percent FROM staff_member WHERE id = {staff}")[0][0]))
        for staff in (claire, paul)
    }
    assert (loads[claire].households, loads[paul].households) == (6, 3)
    report = services.exports.preview(REQUEST)
    figures = {s.source.key: s for s in report.statistics if s.source.key.startswith("caseload")}

    def per_fte(total: float) -> Decimal:
        exact = Decimal(str(total)) * 100 / sum(fte.values())
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    households = sum(loads[staff].households or 0 for staff in (claire, paul))
    weighted = sum(loads[staff].weighted_load or 0 for staff in (claire, paul))
    target = sum(loads[staff].target or 0 for staff in (claire, paul))
    assert figures["caseload_per_fte"].value == per_fte(households) == Decimal("6.0")  # 9 households, 1.5 FTE
    # Claire: 1 + 0 + 2 × 3 renforcé + 1 standard (IML) = 8; Paul: 1 + 2 + 1 = 4: 12 over 1.5 FTE.
    assert figures["caseload_weighted_per_fte"].value == per_fte(weighted) == Decimal("8.0")
    # The smallest target of each one's measures (IML: 20), scaled by their FTE: 20 + 10 over 1.5 FTE.
    assert figures["caseload_target_per_fte"].value == per_fte(target) == Decimal("20.0")
    assert figures["caseload_per_fte"].source.contributors == 6  # the households behind the figures
    assert "2 référents" in figures["caseload_per_fte"].source.basis


def _caseloads(services: Services) -> list[ProtectedStatistic]:
    report = services.exports.preview(REQUEST)
    return [s for s in report.statistics if s.source.key.startswith("caseload")]


def _second_referent(services: Services, household: int) -> None:
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    paul = services.directory.create_staff(StaffInput("Paul", "Roux", "travailleur_social", own.id)).id
    services.team.add_member(
        household, TeamMemberInput(role_code="referent_social", start_date=START, staff_member_id=paul)
    )


def test_a_caseload_of_one_referent_is_withheld_and_shown_once_there_are_two(services: Services) -> None:
    households = [followed(services, f"Seul{number}", start=START)[0] for number in range(6)]
    _as_team_lead(services)
    alone = _caseloads(services)
    assert len(alone) == 3 and all(s.hidden for s in alone)  # one referent: their own caseload
    assert alone[0].source.contributors == 6
    _second_referent(services, households[0])
    assert not any(s.hidden for s in _caseloads(services))


def test_a_caseload_over_fewer_households_than_the_threshold_is_withheld(services: Services) -> None:
    households = [followed(services, f"Peu{number}", start=START)[0] for number in range(4)]
    _second_referent(services, households[0])
    _as_team_lead(services)
    few = _caseloads(services)
    assert few[0].source.contributors == 4 and "2 référents" in few[0].source.basis
    assert all(s.hidden for s in few)
