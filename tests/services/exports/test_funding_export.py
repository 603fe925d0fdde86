"""Co-financing, cost per household-year and the avoided-cost worksheet in the funders' exports, on both backends
(docs/domain.md §13.6, §13.7; DOMAIN F66, F67)."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from caseworker.exports.report import ProtectedReport, ProtectedStatistic, ProtectedTable
from caseworker.services import Services
from caseworker.services.errors import TransitionError, ValidationError
from caseworker.services.exports import ExportFormat, ExportRequest
from caseworker.services.exports.profiles import AvoidedCostInput, ProfileInput
from caseworker.services.support.funding import FundingShare
from tests.services.board.test_board import followed
from tests.services.builders import TODAY, raw_rows
from tests.services.support.test_episodes import team_lead
from tests.support import pdf_text
from tests.support.row_versions import current_version

START = date(2026, 1, 1)


def _as_team_lead(services: Services) -> None:
    services.context.actor.staff_member_id = team_lead(services).id


def _half_and_half(services: Services) -> None:
    """AVDL funded half by the DDETS, half by the métropole."""
    avdl = services.measures.measure_by_code("avdl")
    services.funding.set_measure_funding(
        avdl.id, [FundingShare("ddets", Decimal(50)), FundingShare("metropole", Decimal(50))]
    )


def _profile(services: Services, code: str, **changes: object) -> None:
    """Point a profile at AVDL with ``changes`` (funder, budget, worksheet)."""
    profile = next(p for p in services.export_profiles.profiles() if p.code == code)
    data = ProfileInput(profile.label, ("avdl",), profile.threshold, (), **changes)  # type: ignore[arg-type]
    services.export_profiles.update_profile(code, data, expected_version=profile.row_version)


def _statistic(report: ProtectedReport, key: str) -> ProtectedStatistic:
    return next(s for s in report.statistics if s.source.key == key)


def _table(report: ProtectedReport, key: str, unit: str = "menage") -> ProtectedTable:
    return next(t for t in report.tables if t.source.key == key and t.source.unit.value == unit)


def _supported(services: Services, households: int) -> list[int]:
    return [followed(services, f"Prénom{n}", start=START + timedelta(days=n))[1] for n in range(households)]


def _expected_household_years(households: int, share: Decimal) -> Decimal:
    days = sum((TODAY - (START + timedelta(days=n))).days + 1 for n in range(households))
    return (Decimal(days) * share / 365).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_a_measure_funded_half_and_half_counts_half_a_household_year_in_each_funders_export(
    services: Services,
) -> None:
    _supported(services, 6)
    _half_and_half(services)
    _as_team_lead(services)
    _profile(services, "ddets_avdl", funder_code="ddets")
    _profile(services, "fondation", funder_code="metropole")
    request = ExportRequest("ddets_avdl", START, TODAY)
    ddets = services.exports.preview(request)
    metropole = services.exports.preview(replace(request, profile_code="fondation"))
    expected = _expected_household_years(6, Decimal("0.5"))
    assert _statistic(ddets, "household_years").value == expected == _statistic(metropole, "household_years").value
    # Every household is in both funders' head counts, flagged cofinancé.
    for report in (ddets, metropole):
        funded = _table(report, "funded_households")
        assert [cell.value for (cell,) in funded.cells] == [0, 6, 0]
        assert funded.source.rows[1] == "Cofinancés"
        assert _table(report, "file_active").grand_total.value == 6  # type: ignore[union-attr]
    # Without a funder named, every day counts whole.
    _profile(services, "dihal_logement_dabord")
    whole = services.exports.preview(replace(request, profile_code="dihal_logement_dabord"))
    assert _statistic(whole, "household_years").value == _expected_household_years(6, Decimal(1))


def test_an_episode_funded_otherwise_leaves_the_funders_figures_it_does_not_pay_for(services: Services) -> None:
    episodes = _supported(services, 6)
    _half_and_half(services)
    version = current_version(services.episodes, "activate", episodes[0])
    services.funding.set_episode_funding(
        episodes[0], [FundingShare("fondation", Decimal(100))], expected_version=version
    )
    assert services.funding.episode_funding(episodes[0]).summary == "Fondation"
    assert services.funding.episode_funding(episodes[1]).summary == "DDETS (BOP 177) 50 % · Métropole / EPCI 50 %"
    _as_team_lead(services)
    _profile(services, "ddets_avdl", funder_code="ddets")
    report = services.exports.preview(ExportRequest("ddets_avdl", START, TODAY))
    assert _table(report, "file_active").grand_total.value == 5  # type: ignore[union-attr]


def test_the_cost_per_household_year_is_the_budget_of_the_period_over_the_household_years(services: Services) -> None:
    _supported(services, 6)
    _as_team_lead(services)
    _profile(services, "ddets_avdl", annual_budget=Decimal("150000"))
    report = services.exports.preview(ExportRequest("ddets_avdl", START, TODAY))
    supported_days = sum((TODAY - (START + timedelta(days=n))).days + 1 for n in range(6))
    days = (TODAY - START).days + 1
    # Over the exact household-years (days / 365), not the two decimals printed.
    expected = (Decimal(150_000) * days / 365 / (Decimal(supported_days) / 365)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    cost = _statistic(report, "cost_per_household_year")
    assert cost.value == expected
    assert "150\u202f000,00\xa0€" in cost.source.definition and f"{days} jours" in cost.source.definition
    # Fewer households than the threshold: neither the household-years nor the cost is published.
    _profile(services, "ddets_avdl", annual_budget=Decimal("150000"))
    small = services.exports.preview(ExportRequest("ddets_avdl", START, START + timedelta(days=2)))
    assert _statistic(small, "household_years").hidden and _statistic(small, "cost_per_household_year").hidden


def test_the_avoided_cost_worksheet_prints_its_assumptions_and_hides_a_line_read_from_a_hidden_count(
    services: Services,
) -> None:
    _supported(services, 6)
    _as_team_lead(services)
    hotel = AvoidedCostInput("Nuitées d'hôtel", Decimal("35"), "", 1_200, "Nuitée à 35 € (tarif 115, 2026).")
    kept = AvoidedCostInput("Expulsions évitées", Decimal("12000"), "households_kept", None, "Coût d'une expulsion.")
    _profile(services, "ddets_avdl", avoided_costs=(hotel,))
    report = services.exports.preview(ExportRequest("ddets_avdl", START, TODAY))
    (line,) = report.cost_lines
    assert (line.quantity, line.total_cents, report.cost_total_cents) == (Decimal(1200), 4_200_000, 4_200_000)
    assert line.source.assumption.assumption == "Nuitée à 35 € (tarif 115, 2026)."
    # Nobody obtained a dwelling here: the count read is 0, published, and so is the line.
    _profile(services, "ddets_avdl", avoided_costs=(hotel, kept))
    report = services.exports.preview(ExportRequest("ddets_avdl", START, TODAY))
    assert [line.quantity for line in report.cost_lines] == [Decimal(1200), Decimal(0)]
    assert report.cost_total_cents == 4_200_000
    saved = next(p for p in services.export_profiles.profiles() if p.code == "ddets_avdl")
    assert saved.avoided_costs == (hotel, kept)


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        ([("ddets", "50"), ("metropole", "40")], "les parts doivent faire 100 % en tout (elles font 90 %)"),
        ([("ddets", "50"), ("ddets", "50")], "DDETS (BOP 177) figure deux fois"),
        ([("ddets", "NaN")], "la part doit être un pourcentage"),
        ([("ddets", "-5")], "comprise entre 0 et 100"),
        ([("ddets", "33.333"), ("metropole", "66.667")], "deux décimales au plus"),
        ([("inconnu", "100")], "choisissez un financeur dans la liste"),
    ],
)
def test_funding_lines_are_checked_with_a_french_message(
    services: Services, shares: list[tuple[str, str]], message: str
) -> None:
    avdl = services.measures.measure_by_code("avdl")
    before = services.funding.measure_funding(avdl.id)
    with pytest.raises(ValidationError, match=re.escape(message)):
        services.funding.set_measure_funding(avdl.id, [FundingShare(code, Decimal(text)) for code, text in shares])
    assert services.funding.measure_funding(avdl.id) == before


def test_the_lines_proposed_from_the_old_text_are_confirmed_by_a_save_and_the_export_warns_meanwhile(
    services: Services,
) -> None:
    _supported(services, 6)
    avdl = services.measures.measure_by_code("avdl")
    proposed = services.funding.measure_funding(avdl.id)
    assert proposed.proposed and proposed.legacy_text == "DDETS (BOP 177), FNAVDL"
    assert proposed.summary == "DDETS (BOP 177) 50 % · FNAVDL 50 %"
    _as_team_lead(services)
    request = ExportRequest("ddets_avdl", START, TODAY)
    assert any("proposée à partir de l'ancienne saisie" in w for w in services.exports.preview(request).warnings)
    confirmed = services.funding.set_measure_funding(
        avdl.id, [FundingShare(line.funder_code, line.percent) for line in proposed.lines]
    )
    assert not confirmed.proposed and confirmed.lines == proposed.lines
    assert not services.exports.preview(request).warnings


def test_a_new_funder_is_added_once_whatever_its_case(services: Services) -> None:
    added = services.funding.add_funder("Fondation de l'Avenir")
    again = services.funding.add_funder("  FONDATION DE L'AVENIR ")
    assert added == again and added.label == "Fondation de l'Avenir"
    assert added in services.funding.funders()


def test_every_format_prints_the_worksheet_with_its_assumptions_and_the_funding(
    services: Services, tmp_path: Path
) -> None:
    _supported(services, 6)
    _half_and_half(services)
    _as_team_lead(services)
    hotel = AvoidedCostInput("Nuitées d'hôtel", Decimal("35"), "", 1_200, "Nuitée à 35 € (tarif 115).")
    _profile(services, "ddets_avdl", funder_code="ddets", annual_budget=Decimal(150_000), avoided_costs=(hotel,))
    request = ExportRequest("ddets_avdl", START, TODAY)
    written = {}
    for output in ExportFormat:
        services.exports.export(request, output, tmp_path / f"avdl.{output.value}")
        written[output] = (tmp_path / f"avdl.{output.value}").read_bytes()
    document = json.loads(written[ExportFormat.JSON])
    assert document["avoided_costs"]["lines"][0]["total"] == "42000.00"
    assert document["avoided_costs"]["total"] == "42000.00"
    assert document["parameters"]["funder"] == "DDETS (BOP 177)"
    assert document["parameters"]["annual_budget"] == "150000.00"
    csv_text = written[ExportFormat.CSV].decode("utf-8-sig")
    assert "Coûts évités (estimation)" in csv_text and "Nuitée à 35 € (tarif 115)." in csv_text
    assert "42\u202f000,00\xa0€" in csv_text
    sheet = load_workbook(io.BytesIO(written[ExportFormat.XLSX]))["Coûts évités"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Nuitées d'hôtel", 35, 1200, "Quantité saisie", 42000, "Nuitée à 35 € (tarif 115)."] in values
    text = " ".join(pdf_text(written[ExportFormat.PDF]).split())
    assert "Coûts évités (estimation)" in text and "Nuitée à 35 € (tarif 115)." in text
    assert "Financeur : DDETS (BOP 177)" in text


def test_only_an_administrator_or_a_team_lead_sets_a_measures_funders_once_one_is_named(services: Services) -> None:
    """A measure's shares change every funder's figures: reported by a review, anyone could change them."""
    avdl = services.measures.measure_by_code("avdl")
    shares = [FundingShare("ddets", Decimal(100))]
    services.funding.set_measure_funding(avdl.id, shares)  # a store naming nobody yet: its people may
    assert services.funding.refusal() == ""
    lead = team_lead(services)  # the social worker logged in is not the team lead
    assert "Seuls un administrateur et un chef de service" in services.funding.refusal()
    with pytest.raises(TransitionError, match="Seuls un administrateur et un chef de service"):
        services.funding.set_measure_funding(avdl.id, [FundingShare("metropole", Decimal(100))])
    with pytest.raises(TransitionError, match="Seuls un administrateur et un chef de service"):
        services.funding.add_funder("Région Bretagne")
    services.context.actor.staff_member_id = lead.id
    assert services.funding.set_measure_funding(avdl.id, [FundingShare("metropole", Decimal(100))]).summary == (
        "Métropole / EPCI"
    )


def test_a_worksheet_typed_like_a_formula_is_text_in_the_csv_and_the_export_logs_its_funding(
    services: Services, tmp_path: Path
) -> None:
    """Reported by a review: an assumption « =HYPERLINK(…) » ran as a formula in Excel; the log did not say which
    funder, budget and worksheet a file was computed with."""
    _supported(services, 6)
    _as_team_lead(services)
    formula = AvoidedCostInput('=HYPERLINK("x")', Decimal("35"), "", 10, "-20 % sur la période")
    _profile(services, "ddets_avdl", funder_code="ddets", annual_budget=Decimal(1_000), avoided_costs=(formula,))
    services.exports.export(ExportRequest("ddets_avdl", START, TODAY), ExportFormat.CSV, tmp_path / "f.csv")
    text = (tmp_path / "f.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'-20 % sur la période" in text
    assert not any(cell.startswith(("=", "-", "+", "@")) for line in text.splitlines() for cell in line.split(";"))
    (fields,) = raw_rows(services, "SELECT fields FROM audit_event WHERE action = 'EXPORT'")
    assert "funder=ddets" in str(fields[0]) and "budget_cents=100000" in str(fields[0])
    assert "avoided_costs_sha256=" in str(fields[0])


def test_a_worksheet_line_read_from_household_years_nobody_contributes_to_is_zero_not_secret(
    services: Services,
) -> None:
    _as_team_lead(services)
    years = AvoidedCostInput("Coût évité par ménage-année", Decimal("5000"), "household_years", None, "Étude 2024.")
    _profile(services, "ddets_avdl", avoided_costs=(years,))
    report = services.exports.preview(ExportRequest("ddets_avdl", START, TODAY))
    (line,) = report.cost_lines
    assert (line.quantity, line.total_cents, report.cost_total_cents) == (Decimal(0), 0, 0)


def test_single_parent_families_show_in_the_file_active_by_composition_in_households_and_persons(
    services: Services,
) -> None:
    """F01: a single parent, two children and a dog count one household, three persons, « famille monoparentale »
    (five such families here, so that the count is published)."""
    from caseworker.services.households import HouseholdInput, PersonInput

    for number in range(5):
        household = services.households.create_household(
            HouseholdInput(composition_code="famille_monoparentale", pet_count=1),
            PersonInput(first_name=f"Parent{number}", last_name="Martin", birth_year=1988),
            start_date=date(2025, 6, 1),
        )
        for child in ("Léa", "Noé"):
            services.households.add_member(
                household.id,
                PersonInput(first_name=child, last_name="Martin", birth_year=2016),
                role_code="enfant",
                start_date=date(2025, 6, 1),
                expected_version=current_version(services.households, "add_member", household.id),
            )
        _follow(services, household.id)
    _supported(services, 5)  # persons alone, composition not recorded
    _as_team_lead(services)
    report = services.exports.preview(ExportRequest("ddets_avdl", START, TODAY))
    households = _table(report, "file_active_by_composition")
    persons = _table(report, "file_active_by_composition", "personne")
    row = households.source.rows.index("Famille monoparentale")
    assert (households.cells[row][0].value, persons.cells[row][0].value) == (5, 15)


def _follow(services: Services, household_id: int) -> None:
    """An AVDL support of the household under way since January."""
    from caseworker.services.support import OrientationInput
    from tests.services.support.test_episodes import with_coordinator

    with_coordinator(services, household_id, since=START - timedelta(days=20))
    episode = services.episodes.open_episode(
        household_id, OrientationInput(measure_code="avdl", orientation_date=START - timedelta(days=10))
    )
    services.episodes.activate(
        episode.id,
        on=START,
        level_code="renforce",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
