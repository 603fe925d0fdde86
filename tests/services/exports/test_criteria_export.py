"""The entrants by entry criterion met (F19): counted through the services on a hand-built world, both backends."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from caseworker.exports.criteria_figures import NO_CRITERION, SOME_CRITERION
from caseworker.exports.report import ProtectedReport, ProtectedTable
from caseworker.services import Services
from caseworker.services.exports import ExportFormat
from caseworker.services.households import PersonInput
from caseworker.services.support import OrientationInput
from tests.services.board.test_board import followed
from tests.services.builders import TODAY, new_household
from tests.services.exports.test_exports import REQUEST, START, _as_team_lead
from tests.support.row_versions import current_version


def _tick(services: Services, episode_id: int, *codes: str) -> None:
    version = current_version(services.criteria, "set_met_criteria", episode_id)
    services.criteria.set_met_criteria(episode_id, codes, expected_version=version)


def _table(report: ProtectedReport, key: str, unit: str) -> ProtectedTable:
    return next(t for t in report.tables if t.source.key == key and t.source.unit.value == unit)


def _counts(table: ProtectedTable) -> dict[str, int]:
    return dict(zip(table.source.rows, (line[0] for line in table.source.counts), strict=True))


def _shown(table: ProtectedTable) -> dict[str, int | None]:
    return dict(zip(table.source.rows, (line[0].value for line in table.cells), strict=True))


def test_the_entrants_are_counted_by_criterion_met_in_both_units_without_totals(services: Services) -> None:
    ticks = [("dalo", "siao"), ("dalo",), ("dalo",), ("dalo",), ("dalo",), ()]
    for number, codes in enumerate(ticks):
        household, episode = followed(services, f"Prénom{number}", start=START + timedelta(days=number))
        _tick(services, episode, *codes)
        if number == 0:  # a household of two: two personnes
            services.households.add_member(
                household,
                PersonInput("Enfant", "Durand", birth_year=2015),
                role_code="enfant",
                start_date=TODAY,  # recorded with the reference person: both count from the start
                expected_version=current_version(services.households, "add_member", household),
            )
    # Not entrants of the period: started before it, not started yet, or under a measure of another profile.
    _household, before = followed(services, "Avant", start=START - timedelta(days=30))
    _tick(services, before, "dalo", "expulsion")
    waiting = new_household(services, "Attente", "Durand")
    services.episodes.open_episode(waiting.id, OrientationInput("avdl", START, criteria=("expulsion",)))
    _household, other = followed(services, "Iml", start=START, measure="iml_sous_location")
    _tick(services, other, "ressources")
    _as_team_lead(services)

    report = services.exports.preview(REQUEST)
    households = _table(report, "entry_criteria", "menage")
    persons = _table(report, "entry_criteria", "personne")
    assert _counts(households) == {"Reconnu prioritaire DALO": 5, "Menacé d'expulsion": 0, "Orienté par le SIAO": 1}
    assert _counts(persons) == {"Reconnu prioritaire DALO": 6, "Menacé d'expulsion": 0, "Orienté par le SIAO": 2}
    assert "ne s'additionnent pas" in households.source.definition
    # Multi-select: no total is published; each cell stands alone, the small one hidden in both units.
    assert households.grand_total is None and households.row_totals == () and households.column_totals == ()
    # DALO is hidden too: its 5 entrants are among the 5 with a criterion out of 6, which would pin « Aucun » at 1
    # (a review found it; the proof now knows the bound).
    assert _shown(households) == {
        "Reconnu prioritaire DALO": None,
        "Menacé d'expulsion": 0,
        "Orienté par le SIAO": None,
    }
    assert _shown(persons)["Orienté par le SIAO"] is None
    filled = _table(report, "entry_criteria_filled", "menage")
    assert _counts(filled) == {SOME_CRITERION: 5, NO_CRITERION: 1}
    entries = _table(report, "entries", "menage")
    assert filled.source.grand_total == entries.source.grand_total == 6  # the same entrants
    assert _shown(filled)[NO_CRITERION] is None


def test_a_criterion_deactivated_since_still_counts_its_entrants(services: Services) -> None:
    _household, episode = followed(services, "Prénom", start=START)
    _tick(services, episode, "expulsion")
    avdl = services.measures.measure_by_code("avdl").id
    kept = [c.to_input() for c in services.criteria.measure_criteria(avdl).criteria if c.code != "expulsion"]
    services.criteria.update_criteria(avdl, kept)  # expulsion, ticked, is deactivated
    _as_team_lead(services)
    report = services.exports.preview(REQUEST)
    assert _counts(_table(report, "entry_criteria", "menage")) == {
        "Reconnu prioritaire DALO": 0,
        "Orienté par le SIAO": 0,
        "Menacé d'expulsion": 1,
    }


@pytest.mark.parametrize("output_format", list(ExportFormat))
def test_every_file_format_writes_the_criteria_without_a_total(
    services: Services, tmp_path: Path, output_format: ExportFormat
) -> None:
    for number, codes in enumerate([("dalo",)] * 6):
        _household, episode = followed(services, f"Prénom{number}", start=START + timedelta(days=number))
        _tick(services, episode, *codes)
    _as_team_lead(services)
    path = tmp_path / f"avdl.{output_format.value}"
    services.exports.export(REQUEST, output_format, path)
    if output_format in (ExportFormat.CSV, ExportFormat.JSON):
        text = path.read_text(encoding="utf-8-sig")
        assert "Entrants par critère d'entrée rempli" in text and "Reconnu prioritaire DALO" in text
