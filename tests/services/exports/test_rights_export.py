"""The households that opened rights during support, by right: counted through the services on a hand-built world,
both backends (caseworker/exports/rights_figures.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from caseworker.exports.report import ProtectedReport, ProtectedTable
from caseworker.services import Services
from caseworker.services.households import PersonInput, RightInput
from tests.services.board.test_board import followed
from tests.services.builders import TODAY
from tests.services.exports.test_exports import REQUEST, START, _as_team_lead
from tests.support.row_versions import current_version


def _table(report: ProtectedReport, unit: str) -> ProtectedTable:
    return next(t for t in report.tables if t.source.key == "rights_opened" and t.source.unit.value == unit)


def _counts(table: ProtectedTable) -> dict[str, int]:
    return {row: line[0] for row, line in zip(table.source.rows, table.source.counts, strict=True) if line[0]}


def _shown(table: ProtectedTable) -> dict[str, int | None]:
    return dict(zip(table.source.rows, (line[0].value for line in table.cells), strict=True))


def test_each_household_counts_once_per_right_opened_while_supported_in_both_units(services: Services) -> None:
    rights = services.rights
    for number in range(5):  # five households open the RSA in the period, while supported
        household, _episode = followed(services, f"Prénom{number}", start=START + timedelta(days=number))
        rights.record_right(household, RightInput("rsa", START + timedelta(days=20 + number)))
        if number == 0:  # a household of two (the child recorded with the file: counted from the start)
            services.households.add_member(
                household,
                PersonInput("Enfant", "Durand", birth_year=2015),
                role_code="enfant",
                start_date=TODAY,
                expected_version=current_version(services.households, "add_member", household),
            )
            rights.record_right(household, RightInput("rsa", START + timedelta(days=60)))  # the same right again
            rights.record_right(household, RightInput("aah", START + timedelta(days=61)))
            rights.record_right(household, RightInput("dalo", START + timedelta(days=62)))
    # Not counted: opened before the support began, before the period, or under a measure of another profile.
    late, _episode = followed(services, "Tardif", start=START + timedelta(days=100))
    rights.record_right(late, RightInput("css", START + timedelta(days=50)))
    early, _episode = followed(services, "Avant", start=START - timedelta(days=90))
    rights.record_right(early, RightInput("css", START - timedelta(days=10)))
    other, _episode = followed(services, "Iml", start=START, measure="iml_sous_location")
    rights.record_right(other, RightInput("css", START + timedelta(days=30)))
    with services.context.engine.begin() as connection:  # a right ended in the list since: still counted; others go
        connection.execute(text("UPDATE right_kind SET active = false WHERE code IN ('dalo', 'fsl')"))
    _as_team_lead(services)

    report = services.exports.preview(REQUEST)
    households, persons = _table(report, "menage"), _table(report, "personne")
    assert _counts(households) == {"RSA": 5, "AAH": 1, "Reconnaissance DALO": 1}
    assert _counts(persons) == {"RSA": 6, "AAH": 2, "Reconnaissance DALO": 2}
    assert households.source.rows[:2] == ("Aide au logement (APL, ALS, ALF)", "RSA")  # the picklist's order
    assert "Aide du FSL" not in households.source.rows and "Reconnaissance DALO" in households.source.rows
    assert "ne s'additionnent pas" in households.source.definition
    # Multi-select: no total; each cell stands alone, the small ones hidden in both units, the zeros shown.
    assert households.grand_total is None and households.row_totals == () and households.column_totals == ()
    shown = _shown(households)
    assert (shown["RSA"], shown["AAH"], shown["Complémentaire santé solidaire"]) == (5, None, 0)
    assert _shown(persons)["AAH"] is None and _shown(persons)["RSA"] == 6
