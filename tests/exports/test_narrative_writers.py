"""Tests of caseworker/exports/writers/narratives.py: the qualitative export's CSV and PDF."""

from __future__ import annotations

import csv
import io
from datetime import date

import pypdfium2 as pdfium

from caseworker.exports.narrative_export import NarrativeDocument, PublishedNarrative
from caseworker.exports.writers.narratives import write_narratives_csv, write_narratives_pdf

DOCUMENT = NarrativeDocument(
    profile_label="DDETS – AVDL",
    measures=("AVDL",),
    period_start=date(2026, 1, 1),
    period_end=date(2026, 6, 15),
    narratives=(
        PublishedNarrative("T1 2026", "Logement autonome", "Moins de 6 mois", '=LIEN_HYPERTEXTE("http://x")'),
        PublishedNarrative("T2 2026", "Logement autonome", "6 à 12 mois", "- Je me sens chez moi ;\nvraiment."),
        PublishedNarrative("T2 2026", "Décès", "24 mois et plus", "Merci <b>à tous</b> & à l'équipe."),
    ),
)


def test_the_csv_keeps_each_narrative_whole_and_never_a_formula() -> None:
    data = write_narratives_csv(DOCUMENT)
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    texts = [row[3] for row in rows if len(row) == 4][1:]
    assert texts == [
        '\'=LIEN_HYPERTEXTE("http://x")',
        "'- Je me sens chez moi ;\nvraiment.",
        "Merci <b>à tous</b> & à l'équipe.",
    ]


def test_the_pdf_prints_the_text_as_typed_and_the_same_document_gives_the_same_bytes() -> None:
    data = write_narratives_pdf(DOCUMENT)
    assert data == write_narratives_pdf(DOCUMENT)
    text = "\n".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(data))
    assert "Merci <b>à tous</b> & à l'équipe." in text  # markup typed is text, not markup
    assert "T2 2026 · Décès · 24 mois et plus" in text and "Récits : 3" in text.replace("\u00a0", " ")
