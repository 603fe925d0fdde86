"""The qualitative export as a PDF or a CSV: each narrative with its quarter, exit reason and length band only.

The PDF has the funder report's page (A4, margins, footer, colours: :mod:`.pdf_report`) without its tables.

The same document gives the same bytes (the PDF is written invariant). Like every writer, nothing is written to
disk and nothing logged: the caller saves the bytes where the person chose.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, PageTemplate, Paragraph

from caseworker import APP_DISPLAY_NAME
from caseworker.exports.narrative_export import NarrativeDocument, PublishedNarrative
from caseworker.exports.writers.pdf_chart import ACCENT, GREY, LIGHT
from caseworker.exports.writers.pdf_report import BOTTOM_MARGIN, MARGIN, PAGE_WIDTH, body_frame
from caseworker.exports.writers.presentation import not_a_formula
from caseworker.formats import format_date
from caseworker.reports.fonts import BOLD, REGULAR, register_fonts

NO_BREAK = "\u00a0"
_FRENCH_SPACES = re.compile(r" (?=[:;%!?»])|(?<=«) ")

TITLE = "Récits de sortie"
ABOUT = (
    "Récits de fin d'accompagnement, dans les mots des ménages. Chacun a été vérifié (aucun nom, adresse, numéro "
    "ni date du dossier du ménage) puis relu et retenu un à un par l'association ; un récit n'est accompagné que "
    "du trimestre de la sortie, de son motif et de la durée de l'accompagnement."
)
_CSV_HEADER = ("Trimestre de sortie", "Motif de sortie", "Durée d'accompagnement", "Récit")


def title(document: NarrativeDocument) -> str:
    """« Récits de sortie — <profile> »."""
    return f"{TITLE} — {document.profile_label}"


def _facts(document: NarrativeDocument) -> list[tuple[str, str]]:
    period = f"du {format_date(document.period_start)} au {format_date(document.period_end)}"
    return [
        ("Mesures", ", ".join(document.measures)),
        ("Sorties de la période", period),
        ("Récits", str(len(document.narratives))),
    ]


def write_narratives_csv(document: NarrativeDocument) -> bytes:
    """UTF-8 with a BOM, ``;`` between fields, CRLF line ends (Excel on Windows); a narrative's lines kept quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([not_a_formula(title(document))])
    writer.writerows([label, not_a_formula(value)] for label, value in _facts(document))
    writer.writerow([ABOUT])
    writer.writerow([])
    writer.writerow(_CSV_HEADER)
    writer.writerows(
        [narrative.quarter, not_a_formula(narrative.reason), narrative.length_band, not_a_formula(narrative.text)]
        for narrative in document.narratives
    )
    return buffer.getvalue().encode("utf-8-sig")


def write_narratives_pdf(document: NarrativeDocument) -> bytes:
    """A4, French, fonts embedded: the cover facts, then each narrative under its quarter, reason and length."""
    register_fonts()
    buffer = io.BytesIO()
    frame = body_frame()
    footer = (
        f"{title(document)} · sorties du {format_date(document.period_start)} au {format_date(document.period_end)}"
    )
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[PageTemplate(id="page", frames=[frame], onPage=functools.partial(_draw_footer, text=footer))],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title(document),
        author=APP_DISPLAY_NAME,
        creator=APP_DISPLAY_NAME,
        lang="fr-FR",
        invariant=1,
        initialFontName=REGULAR,
        initialFontSize=10,
    )
    template.build(_story(document))
    return buffer.getvalue()


def _draw_footer(canvas: Canvas, _document: Any, *, text: str) -> None:
    canvas.saveState()
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(GREY)
    canvas.drawString(MARGIN, 11 * mm, text)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, 11 * mm, f"Page {canvas.getPageNumber()}")
    canvas.restoreState()


def _story(document: NarrativeDocument) -> list[Flowable]:
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14, spaceAfter=4)
    heading = ParagraphStyle(
        "heading", parent=body, fontName=BOLD, fontSize=9, textColor=ACCENT, spaceBefore=10, keepWithNext=1
    )
    notice = ParagraphStyle(
        "notice",
        parent=body,
        fontSize=9,
        leading=12.5,
        spaceBefore=6,
        spaceAfter=8,
        borderWidth=0.8,
        borderColor=ACCENT,
        backColor=LIGHT,
        borderPadding=(6, 8, 7, 8),
    )
    story: list[Flowable] = [
        Paragraph(
            _markup(title(document)), ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=17, leading=22)
        )
    ]
    story.extend(
        Paragraph(f"<b>{_markup(label)}</b>{NO_BREAK}: {_markup(value)}", body) for label, value in _facts(document)
    )
    story.append(Paragraph(_markup(ABOUT), notice))
    for narrative in document.narratives:
        lines = [line.strip() for line in narrative.text.splitlines() if line.strip()]
        story.append(
            KeepTogether(
                [Paragraph(_markup(_heading(narrative)), heading), *(Paragraph(_markup(line), body) for line in lines)]
            )
        )
    return story


def _heading(narrative: PublishedNarrative) -> str:
    return " · ".join(part for part in (narrative.quarter, narrative.reason, narrative.length_band) if part)


def _markup(text: str) -> str:
    """Plain French text as Paragraph markup: escaped, with no-break spaces before « : ; ! ? » and inside « »."""
    return escape(_FRENCH_SPACES.sub(NO_BREAK, text))
