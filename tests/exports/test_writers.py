"""The four writers of a funder export: what they publish reads back, twice the same bytes, and no hidden value.

The report is built by hand. Every hidden figure has a distinctive true value in its source (977 above all, which
appears nowhere else): the writers receive it inside ``source`` and must never print it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pypdfium2 as pdfium
import pytest

from caseworker.exports.report import (
    Cell,
    CellStatus,
    CountTable,
    ExportParameters,
    ProtectedRate,
    ProtectedReport,
    ProtectedStatistic,
    ProtectedTable,
    Rate,
    Statistic,
    Unit,
)
from caseworker.exports.writers import write_csv, write_json, write_pdf, write_xlsx

HIDDEN = b"977"  # the true value of hidden figures: never in any output
FLOW = "Flux du 01/01/2026 au 31/12/2026"
AS_OF = date(2026, 12, 31)
PRIMARY = Cell(None, CellStatus.PRIMARY)
SECONDARY = Cell(None, CellStatus.SECONDARY)


def shown(*values: int) -> tuple[Cell, ...]:
    return tuple(Cell(value) for value in values)


def exits_table() -> ProtectedTable:
    source = CountTable(
        key="exits_by_reason",
        title="Sorties par motif",
        unit=Unit.MENAGE,
        basis=FLOW,
        definition="Ménages sortis du dispositif pendant la période, selon le motif principal de la sortie.",
        row_heading="Motif de sortie",
        rows=("Logement autonome", "Hébergement d'urgence", "Décès", "Fin d'accompagnement concertée"),
        columns=("Nombre",),
        counts=((12,), (3,), (0,), (977,)),
    )
    cells = ((Cell(12),), (PRIMARY,), (Cell(0),), (SECONDARY,))
    return ProtectedTable(
        source=source,
        cells=cells,
        row_totals=(Cell(12), PRIMARY, Cell(0), SECONDARY),
        column_totals=(Cell(992),),
        grand_total=Cell(992),
    )


def contacts_table() -> ProtectedTable:
    source = CountTable(
        key="contacts_by_type_and_outcome",
        title="Contacts par type et résultat",
        unit=Unit.CONTACT,
        basis=FLOW,
        definition="Contacts tentés auprès des ménages accompagnés, selon leur type et s'ils ont abouti.",
        row_heading="Type de contact",
        rows=("Visite à domicile", "Appel téléphonique", "Accompagnement physique"),
        columns=("Abouti", "Non abouti"),
        counts=((40, 8), (1255, 21), (17, 6)),
    )
    cells = (shown(40, 8), shown(1255, 21), shown(17, 6))
    return ProtectedTable(
        source=source,
        cells=cells,
        row_totals=shown(48, 1276, 23),
        column_totals=shown(1312, 35),
        grand_total=Cell(1347),
    )


def barriers_table() -> ProtectedTable:
    source = CountTable(
        key="housing_barriers",
        title="Freins à l'accès au logement (plusieurs réponses possibles)",
        unit=Unit.PERSONNE,
        basis="Stock au 31/12/2026",
        definition="Personnes accompagnées selon les freins relevés ; une personne peut en cumuler plusieurs.",
        row_heading="Frein",
        rows=("Dettes locatives", "Santé", "Ressources insuffisantes"),
        columns=("Nombre",),
        counts=((9,), (14,), (0,)),
        totals=False,
    )
    return ProtectedTable(
        source=source, cells=(shown(9), shown(14), shown(0)), row_totals=(), column_totals=(), grand_total=None
    )


def rate(key: str, title: str, numerator: int, denominator: int) -> Rate:
    return Rate(
        key=key,
        title=title,
        unit=Unit.PERSONNE,
        numerator=numerator,
        denominator=denominator,
        as_of=AS_OF,
        definition="personnes ayant obtenu un logement",
        numerator_definition="Personnes toujours dans leur logement à la date d'état.",
        cohort="entrées du 01/01/2024 au 31/12/2026",
    )


def statistic(key: str, title: str, value: Decimal, contributors: int) -> Statistic:
    return Statistic(
        key=key,
        title=title,
        value=value,
        unit_label="jours",
        contributors=contributors,
        basis="Entrées du 01/01/2026 au 31/12/2026",
        definition="Médiane des délais, en jours calendaires.",
    )


@pytest.fixture
def report() -> ProtectedReport:
    retention = rate("housing_retention", "Maintien dans le logement", 23, 28)
    employment = rate("employment_access", "Accès à l'emploi", 1, 8)
    street = rate("return_to_street", "Retour à la rue", 4, 977)
    return ProtectedReport(
        parameters=ExportParameters(
            profile_code="dihal",
            profile_label="DIHAL — Un chez-soi d'abord",
            measures=("Un chez-soi d'abord", "Accompagnement vers et dans le logement"),
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
            as_of=AS_OF,
        ),
        tables=(exits_table(), contacts_table(), barriers_table()),
        rates=(
            ProtectedRate(retention, Cell(23), Cell(28)),
            ProtectedRate(employment, Cell(1), Cell(8)),
            ProtectedRate(street, PRIMARY, SECONDARY),
        ),
        statistics=(
            ProtectedStatistic(
                statistic("first_contact", "Délai médian avant le premier contact", Decimal("12.5"), 14),
                Decimal("12.5"),
            ),
            ProtectedStatistic(statistic("housing_delay", "Délai médian d'accès au logement", Decimal("977"), 3), None),
        ),
        primary_hidden=2,
        secondary_hidden=2,
        warnings=("Deux ménages co-financés sont comptés dans les effectifs de chaque financeur.",),
    )


# ---------------------------------------------------------------------------------------------------- XLSX


def test_xlsx_reads_back_numbers_as_ints_and_s_where_hidden(report: ProtectedReport) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(write_xlsx(report)))
    assert workbook.sheetnames == [
        "Présentation",
        "Sorties par motif",
        "Contacts par type et résultat",
        "Freins à l'accès au logement",
        "Taux",
        "Statistiques",
        "Définitions",
    ]
    exits = workbook["Sorties par motif"]
    grid = [[cell.value for cell in row] for row in exits.iter_rows(min_row=5)]
    assert grid == [
        ["Motif de sortie", "Nombre"],
        ["Logement autonome", 12],
        ["Hébergement d'urgence", "s"],
        ["Décès", 0],
        ["Fin d'accompagnement concertée", "s"],
        ["Total", 992],
    ]
    assert type(exits["B6"].value) is int
    assert exits["B6"].number_format == "#,##0"
    assert exits["B7"].alignment.horizontal == "right"
    contacts = workbook["Contacts par type et résultat"]
    assert [cell.value for cell in contacts[5]] == ["Type de contact", "Abouti", "Non abouti", "Total"]
    assert [cell.value for cell in contacts[7]] == ["Appel téléphonique", 1255, 21, 1276]
    assert [cell.value for cell in contacts[9]] == ["Total", 1312, 35, 1347]
    barriers = workbook["Freins à l'accès au logement"]
    assert [row[0].value for row in barriers.iter_rows(min_row=6)] == [
        "Dettes locatives",
        "Santé",
        "Ressources insuffisantes",
    ]  # no totals row for a multi-select breakdown
    assert barriers.max_column == 2


def test_xlsx_presentation_rates_statistics_and_definitions(report: ProtectedReport) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(write_xlsx(report)))
    presentation = {row[0].value: str(row[1].value) for row in workbook["Présentation"].iter_rows(min_row=3)}
    assert presentation["Profil"] == "DIHAL — Un chez-soi d'abord"
    assert presentation["État au"] == "31/12/2026"
    assert presentation["Seuil du secret statistique"] == "5"
    assert workbook["Présentation"]["B7"].data_type == "n"
    assert presentation["Cellules masquées"] == "4 cellules masquées (secret statistique)."
    assert "secret statistique" in presentation["Signification de « s »"]
    assert presentation["Avertissement"].startswith("Deux ménages")
    rates = [[cell.value for cell in row[:6]] for row in workbook["Taux"].iter_rows(min_row=2)]
    assert rates[0][:5] == ["Maintien dans le logement", "personnes", 23, 28, pytest.approx(23 / 28)]
    assert rates[0][5] == datetime(2026, 12, 31)
    assert workbook["Taux"]["E2"].number_format == "0 %"
    assert rates[1][2:5] == [1, 8, None]  # too few for a percentage
    assert rates[2][2:5] == ["s", "s", "s"]
    statistics = [[cell.value for cell in row[:3]] for row in workbook["Statistiques"].iter_rows(min_row=2)]
    assert statistics == [
        ["Délai médian avant le premier contact", 12.5, "jours"],
        ["Délai médian d'accès au logement", "s", "jours"],
    ]
    keys = [row[0].value for row in workbook["Définitions"].iter_rows(min_row=2)]
    assert keys == [
        "exits_by_reason",
        "contacts_by_type_and_outcome",
        "housing_barriers",
        "housing_retention",
        "employment_access",
        "return_to_street",
        "first_contact",
        "housing_delay",
    ]


def test_xlsx_is_deterministic_and_dated_on_the_as_of_day(report: ProtectedReport) -> None:
    first = write_xlsx(report)
    assert write_xlsx(report) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2026, 12, 31, 0, 0, 0)}
    properties = openpyxl.load_workbook(io.BytesIO(first)).properties
    assert properties.created == properties.modified == datetime(2026, 12, 31)


def test_xlsx_sheet_names_are_cleaned_shortened_and_unique(report: ProtectedReport) -> None:
    table = exits_table()
    odd = replace(table.source, title="Taux [brut] : sorties/entrées * ? \\ par motif")
    twin = ProtectedTable(odd, table.cells, table.row_totals, table.column_totals, table.grand_total)
    workbook = openpyxl.load_workbook(io.BytesIO(write_xlsx(replace(report, tables=(twin, twin)))))
    names = workbook.sheetnames[1:3]
    assert names == ["Taux brut sorties entrées par", "Taux brut sorties entrées (2)"]
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in names)


def test_xlsx_stores_a_label_starting_with_equals_as_text(report: ProtectedReport) -> None:
    table = barriers_table()
    source = replace(table.source, rows=("=1+1", "Santé", "Ressources insuffisantes"))
    tricky = ProtectedTable(source, table.cells, (), (), None)
    workbook = openpyxl.load_workbook(io.BytesIO(write_xlsx(replace(report, tables=(tricky,)))))
    assert workbook.worksheets[1]["A6"].data_type == "s"


# ---------------------------------------------------------------------------------------------------- CSV


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_csv_blocks_read_back(report: ProtectedReport) -> None:
    rows = csv_rows(write_csv(report))
    assert rows[0] == ["Rapport d'activité — DIHAL — Un chez-soi d'abord"]
    exits = rows.index(["Sorties par motif"])
    assert rows[exits - 1] == []
    assert rows[exits + 1 : exits + 8] == [
        [f"Ménages · {FLOW}"],
        ["Motif de sortie", "Nombre"],
        ["Logement autonome", "12"],
        ["Hébergement d'urgence", "s"],
        ["Décès", "0"],
        ["Fin d'accompagnement concertée", "s"],
        ["Total", "992"],
    ]
    contacts = rows.index(["Contacts par type et résultat"])
    assert rows[contacts + 1 : contacts + 3] == [
        [f"Contacts · {FLOW}"],
        ["Type de contact", "Abouti", "Non abouti", "Total"],
    ]
    assert rows[contacts + 6] == ["Total", "1312", "35", "1347"]
    barriers = rows.index(["Freins à l'accès au logement (plusieurs réponses possibles)"])
    assert rows[barriers + 5 : barriers + 7] == [["Ressources insuffisantes", "0"], []]  # no totals row
    rates = rows.index(["Taux"])
    assert rows[rates + 2][:6] == ["Maintien dans le logement", "personnes", "23", "28", "82", "31/12/2026"]
    assert rows[rates + 3][2:5] == ["1", "8", ""]
    assert rows[rates + 4][2:5] == ["s", "s", "s"]
    statistics = rows.index(["Statistiques"])
    assert rows[statistics + 2][:3] == ["Délai médian avant le premier contact", "12,5", "jours"]
    assert rows[statistics + 3][:2] == ["Délai médian d'accès au logement", "s"]


def test_csv_quotes_fields_holding_the_separator_or_quotes(report: ProtectedReport) -> None:
    label = 'Le "logement d\'abord"; et après'
    table = barriers_table()
    source = replace(table.source, rows=(label, "Santé", "Ressources insuffisantes"))
    tricky = ProtectedTable(source, table.cells, (), (), None)
    data = write_csv(replace(report, tables=(tricky,))).decode("utf-8-sig")
    assert '"Le ""logement d\'abord""; et après";9\r\n' in data


def test_csv_is_deterministic(report: ProtectedReport) -> None:
    assert write_csv(report) == write_csv(report)


# ---------------------------------------------------------------------------------------------------- JSON


def test_json_matches_the_schema(report: ProtectedReport) -> None:
    data = write_json(report)
    assert data.endswith(b"}\n")
    assert "Décès".encode() in data  # ensure_ascii=False
    document = json.loads(data)
    assert list(document) == [
        "schema",
        "version",
        "parameters",
        "suppression",
        "tables",
        "rates",
        "statistics",
        "avoided_costs",
        "warnings",
    ]
    assert document["avoided_costs"] is None  # this profile has no worksheet
    parameters = document["parameters"]
    assert (parameters["funder_code"], parameters["funder"], parameters["annual_budget"]) == (None, None, None)
    assert document["schema"] == "caseworker.funder-export"
    assert document["version"] == 1
    assert document["parameters"]["period_start"] == "2026-01-01"
    assert document["parameters"]["as_of"] == "2026-12-31"
    assert document["suppression"] == {"threshold": 5, "hidden": 4, "symbol": "s"}
    exits, contacts, barriers = document["tables"]
    assert exits["cells"] == [[12], [None], [0], [None]]
    assert "status" not in exits  # which hidden cells are small would narrow them: never published
    assert exits["row_totals"] == [12, None, 0, None]
    assert exits["column_totals"] == [992]
    assert exits["grand_total"] == 992
    assert (exits["unit"], contacts["unit"], barriers["unit"]) == ("menage", "contact", "personne")
    assert contacts["cells"] == [[40, 8], [1255, 21], [17, 6]]
    assert contacts["grand_total"] == 1347
    assert barriers["row_totals"] is None and barriers["column_totals"] is None and barriers["grand_total"] is None
    retention, employment, street = document["rates"]
    assert retention["text"] == "23/28 = 82 % au 31/12/2026 (personnes ayant obtenu un logement)"
    assert employment["text"] == "1/8 au 31/12/2026 (personnes ayant obtenu un logement)"
    assert (street["numerator"], street["denominator"]) == (None, None)
    assert street["text"] == "s au 31/12/2026 (personnes ayant obtenu un logement)"
    first_contact, delay = document["statistics"]
    assert (first_contact["value"], first_contact["contributors"]) == ("12.5", 14)
    assert (delay["value"], delay["contributors"]) == (None, None)  # not even how many contributed
    assert document["warnings"] == list(report.warnings)


def test_json_is_deterministic(report: ProtectedReport) -> None:
    assert write_json(report) == write_json(report)


# ---------------------------------------------------------------------------------------------------- PDF


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        pages = [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()
    # The PDF keeps French no-break spaces ("82 %"): compare with plain ones.
    return "\n".join(pages).replace("\u00a0", " ").replace("\u202f", " ").replace("\r\n", "\n")


def test_pdf_text_holds_titles_rates_and_s(report: ProtectedReport) -> None:
    text = pdf_text(write_pdf(report))
    for title in (
        "Rapport d'activité — DIHAL — Un chez-soi d'abord",
        "Sorties par motif",
        "Contacts par type et résultat",
        "Freins à l'accès au logement",
        "Définitions",
    ):
        assert title in text
    assert "23/28 = 82 % au 31/12/2026" in text
    assert "1/8 au 31/12/2026" in text and "13 %" not in text
    assert "s au 31/12/2026" in text
    assert "1 255" in text  # thousands grouped the French way
    assert "12,5 jours" in text
    assert "4 cellules masquées" in text
    # « s » explained, two in the exits' grid and two in its chart, a rate and its bar, a statistic.
    assert len(re.findall(r"(?<!\S)s(?!\S)", text)) == 8


def test_pdf_embeds_only_its_own_fonts(report: ProtectedReport) -> None:
    data = write_pdf(report)
    assert b"Helvetica" not in data
    assert b"DejaVuSans" in data


def test_pdf_is_deterministic(report: ProtectedReport) -> None:
    assert write_pdf(report) == write_pdf(report)


# ---------------------------------------------------------------------------------------------------- every format


def xlsx_members(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def test_no_hidden_value_in_any_output(report: ProtectedReport) -> None:
    assert HIDDEN not in xlsx_members(write_xlsx(report))
    assert HIDDEN not in write_csv(report)
    assert HIDDEN not in write_json(report)
    assert "977" not in pdf_text(write_pdf(report))
    # The small true values (3 in the exits table, 4 over the line of a rate, 3 contributors) cannot be searched
    # for as text: the JSON shows where they would be.
    document = json.loads(write_json(report))
    assert document["tables"][0]["cells"][1] == [None]
    assert document["rates"][2]["numerator"] is None
    assert document["statistics"][1]["contributors"] is None


def test_percentages_round_half_up_and_need_ten_in_the_denominator(report: ProtectedReport) -> None:
    retention = report.rates[0]
    assert retention.text().startswith("23/28 = 82 % ")
    eighths = ProtectedRate(rate("eighths", "Un sur huit", 1, 8), Cell(1), Cell(8))
    eighths_report = replace(report, rates=(eighths,))
    assert "%" not in json.loads(write_json(eighths_report))["rates"][0]["text"]
    rows = csv_rows(write_csv(eighths_report))
    assert rows[rows.index(["Taux"]) + 2][2:5] == ["1", "8", ""]
    assert openpyxl.load_workbook(io.BytesIO(write_xlsx(eighths_report)))["Taux"]["E2"].value is None
    text = pdf_text(write_pdf(eighths_report))
    assert "1/8 au" in text and "13 %" not in text
    half = ProtectedRate(rate("half_up", "Arrondi", 29, 200), Cell(29), Cell(200))
    assert "29/200 = 15 %" in pdf_text(write_pdf(replace(report, rates=(half,))))
