"""The one PDF renderer: lays out a :class:`~caseworker.reports.document_model.GeneratedDocument` on A4.

Contracts, protocols, attestations, liaison sheets, household summaries and letters all go through here, so
that every document the association hands out looks the same, embeds its fonts (no Helvetica fallback that a
viewer would substitute) and carries the same footer: reference, version, who it was written for, page count.
The renderer decides nothing about content: services pass text that is already French and already formatted.
"""

from __future__ import annotations

import functools
import io
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from caseworker import APP_DISPLAY_NAME
from caseworker.formats import format_date, format_long_date
from caseworker.reports.document_model import (
    Audience,
    GeneratedDocument,
    Letterhead,
    Signatory,
    SignatureBlock,
    TableData,
)
from caseworker.reports.fonts import BOLD, REGULAR, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
BOTTOM_MARGIN = 24 * mm  # the footer lives in the bottom margin
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
LOGO_MAX_HEIGHT = 25 * mm
LOGO_MAX_WIDTH = 60 * mm
SIGNATURE_BOX_HEIGHT = 25 * mm
SIGNATURE_GAP = 6 * mm
RECIPIENT_INDENT = 88 * mm  # the address starts about 106 mm from the left edge, where window envelopes show it

AUDIENCE_NOTICES = {
    Audience.LANDLORD: "Document transmis au bailleur : informations limitées au logement, avec l'accord du ménage.",
    Audience.HOUSEHOLD: "Document remis au ménage.",
    Audience.INTERNAL: "Document interne — confidentiel.",
}

_ACCENT = colors.HexColor("#1f3a5f")
_GREY = colors.HexColor("#555555")
_RULE = colors.HexColor("#9aa5b1")
_LIGHT = colors.HexColor("#eef2f6")
_ZEBRA = colors.HexColor("#f7f8fa")
_BLANK_DATE = "____ / ____ / ________"
_BLANK_PLACE = "____________________"
# C0/C1 control characters other than tab and newline: they have no glyph and some confuse the PDF text layer.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NO_BREAK_SPACES = "\u202f\u2007"  # ReportLab treats these as breakable spaces (U+00A0 it already keeps)
# French typography: the space before : ; ? ! and inside « » never breaks (U+00A0, as the signature blocks use).
_FRENCH_SPACES = (re.compile(r" +(?=[:;?!»])"), re.compile(r"(?<=«) +"))
_LOGO_MAX_PIXELS = (1600, 400)  # about 300 dpi at the largest printed size: enough for print, light to embed


def render_pdf(document: GeneratedDocument) -> bytes:
    """Return the document as PDF bytes (A4, fonts embedded, deterministic for the same input).

    Layout follows the usual table-friendly path first; only if ReportLab cannot place an oversized element
    (a table cell or a signature taller than a page) is the document rebuilt letting table rows split inside
    themselves, which is uglier but always fits.
    """
    register_fonts()
    _keep_no_break_spaces()
    try:
        return _build(document, split_rows=False)
    except LayoutError:
        return _build(document, split_rows=True)


def _build(document: GeneratedDocument, *, split_rows: bool) -> bytes:
    buffer = io.BytesIO()
    # One frame without ReportLab's default 6 pt padding: CONTENT_WIDTH is then exactly the width tables get.
    frame = Frame(
        MARGIN,
        BOTTOM_MARGIN,
        CONTENT_WIDTH,
        PAGE_HEIGHT - MARGIN - BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[PageTemplate(id="page", frames=[frame])],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=document.title,
        author=document.letterhead.organisation_name,
        subject=document.kind_label,
        keywords=list(document.keywords),
        creator=APP_DISPLAY_NAME,
        lang="fr-FR",
        displayDocTitle=True,
        invariant=1,
        initialFontName=REGULAR,
        initialFontSize=10,
    )
    footer = _Footer(
        left=_footer_left(document),
        notice=document.footer_notice or AUDIENCE_NOTICES[document.audience],
        draft=document.draft,
        pdf_date=f"D:{document.issued_on:%Y%m%d}000000Z",
    )
    story = _Story(document, split_rows=split_rows).flowables()
    template.build(story, canvasmaker=functools.partial(_NumberedCanvas, footer=footer))
    return buffer.getvalue()


@functools.lru_cache(maxsize=1)
def _keep_no_break_spaces() -> None:
    """Make ReportLab's paragraphs treat U+202F and U+2007 as the no-break spaces they are (once per process).

    French amounts read "1 250,00 €" with a narrow no-break space (U+202F). ReportLab's word splitter counts
    it as ordinary white space: the amount can break across lines after "1", and the PDF text layer gets a
    plain space, so a search or a copy no longer finds the amount. U+00A0 is already kept; this wraps the
    module-level ``split`` of :mod:`reportlab.platypus.paragraph` to keep the other two as well. If a future
    ReportLab renames it, nothing is patched and the U+202F test in tests/reports says so.
    """
    from reportlab.platypus import paragraph

    original = getattr(paragraph, "split", None)
    white_space = getattr(paragraph, "_wsc", None)
    if not callable(original) or not isinstance(white_space, str):
        return
    breaking = "".join(character for character in white_space if character not in _NO_BREAK_SPACES)
    split_words = re.compile(f"[{re.escape(breaking)}]+").split

    def split(text: str | bytes, delim: str | bytes | None = None) -> list[str]:
        if delim is not None or not isinstance(text, str) or not any(space in text for space in _NO_BREAK_SPACES):
            return original(text, delim)  # type: ignore[no-any-return]
        words = split_words(text)
        # Same shape as the original: with U+00A0 present it keeps the empty edge strings, else str.split's.
        return words if "\xa0" in text else [word for word in words if word]

    paragraph.split = split


def _footer_left(document: GeneratedDocument) -> str:
    parts = [document.reference] if document.reference else []
    if document.version is not None:
        parts.append(f"Version {document.version} du {format_date(document.version_date or document.issued_on)}")
    return "  ·  ".join(parts)


def _markup(text: str) -> str:
    """Turn plain text into Paragraph mini-markup that shows exactly that text (escaped, newlines kept)."""
    cleaned = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    for space in _FRENCH_SPACES:
        cleaned = space.sub("\u00a0", cleaned)
    covered = _covered_characters()
    if not all(ord(character) in covered for character in cleaned):
        cleaned = "".join(character if ord(character) in covered else "\ufffd" for character in cleaned)
    escaped = cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\n", "<br/>")


@functools.lru_cache(maxsize=1)
def _covered_characters() -> frozenset[int]:
    """Code points both DejaVu faces can draw (plus newline, which becomes a line break).

    Anything else (Chinese, most emoji) would print as nothing: it becomes U+FFFD instead, so a reader sees
    that something could not be printed rather than a silently shortened name.
    """
    register_fonts()
    regular = pdfmetrics.getFont(REGULAR).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(regular.keys() & bold.keys()) | {ord("\n")}


# ---------------------------------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    bullet: ParagraphStyle
    heading: ParagraphStyle
    kind: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    meta: ParagraphStyle
    notice: ParagraphStyle
    organisation: ParagraphStyle
    letterhead_line: ParagraphStyle
    recipient: ParagraphStyle
    party: ParagraphStyle
    party_detail: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    header_cell: ParagraphStyle
    header_cell_right: ParagraphStyle
    block_title: ParagraphStyle
    block_party: ParagraphStyle
    signatory: ParagraphStyle
    signatory_detail: ParagraphStyle


@functools.lru_cache(maxsize=1)
def _styles() -> _Styles:
    """Build the styles once: every one derives from ``body``, which names DejaVu for text and bullets."""
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        bulletFontName=REGULAR,
        fontSize=10,
        leading=14,
        spaceAfter=4,
        splitLongWords=1,
    )
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=11, textColor=_GREY)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0)
    header_cell = ParagraphStyle("header_cell", parent=cell, fontName=BOLD)
    block_title = ParagraphStyle("block_title", parent=cell, fontName=BOLD, fontSize=9.5, textColor=_ACCENT)
    signatory = ParagraphStyle("signatory", parent=cell, fontName=BOLD)
    return _Styles(
        body=body,
        small=small,
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=4, spaceAfter=2),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=9,
            spaceAfter=4,
            textColor=_ACCENT,
            keepWithNext=1,
        ),
        kind=ParagraphStyle("kind", parent=body, fontName=BOLD, fontSize=9.5, leading=13, textColor=_ACCENT),
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=17, leading=22, spaceAfter=3),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=11, leading=15, spaceAfter=2),
        meta=ParagraphStyle("meta", parent=body, fontSize=9, leading=12, textColor=_GREY, spaceAfter=0),
        notice=ParagraphStyle(
            "notice",
            parent=body,
            fontName=BOLD,
            fontSize=9.5,
            leading=13,
            leftIndent=8,
            rightIndent=8,
            spaceAfter=6,
            borderWidth=1,
            borderColor=_ACCENT,
            backColor=_LIGHT,
            borderPadding=(6, 8, 7, 8),
        ),
        organisation=ParagraphStyle("organisation", parent=body, fontName=BOLD, fontSize=12.5, leading=16),
        letterhead_line=ParagraphStyle("letterhead_line", parent=small, spaceAfter=0),
        recipient=ParagraphStyle("recipient", parent=body, leftIndent=RECIPIENT_INDENT, spaceAfter=0),
        party=ParagraphStyle("party", parent=body, spaceBefore=3, spaceAfter=0),
        party_detail=ParagraphStyle("party_detail", parent=body, leftIndent=12, fontSize=9.5, spaceAfter=0),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        header_cell=header_cell,
        header_cell_right=ParagraphStyle("header_cell_right", parent=header_cell, alignment=TA_RIGHT),
        block_title=block_title,
        block_party=ParagraphStyle("block_party", parent=cell),
        signatory=signatory,
        signatory_detail=ParagraphStyle("signatory_detail", parent=cell, fontSize=8.5, leading=11.5),
    )


def _table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A TableStyle that names DejaVu first, so no cell can fall back to ReportLab's unembedded Helvetica."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


# ---------------------------------------------------------------------------------------------------- story


class _Story:
    """Turns one document into the list of flowables, top to bottom."""

    def __init__(self, document: GeneratedDocument, *, split_rows: bool) -> None:
        self._document = document
        self._styles = _styles()
        # ReportLab's splitInRow is a minimum height in points; 0 keeps rows whole (the normal case).
        self._split_in_row = 36 if split_rows else 0

    def flowables(self) -> list[Flowable]:
        document = self._document
        story: list[Flowable] = [*self._letterhead(document.letterhead)]
        if document.recipient_lines:
            story.append(Spacer(1, 6 * mm))
            story.append(
                Paragraph("<br/>".join(_markup(line) for line in document.recipient_lines), self._styles.recipient)
            )
        story.append(Spacer(1, 8 * mm))
        story.extend(self._heading_block())
        if document.parties:
            story.append(Spacer(1, 3 * mm))
            for party in document.parties:
                story.append(
                    Paragraph(f"<b>{_markup(party.role_label)}</b>\u00a0: {_markup(party.name)}", self._styles.party)
                )
                story.extend(Paragraph(_markup(detail), self._styles.party_detail) for detail in party.details)
        article = 0
        for section in document.sections:
            if section.numbered:
                article += 1
                heading = f"Article {article} — {section.title}" if section.title else f"Article {article}"
            else:
                heading = section.title
            if heading:
                story.append(Paragraph(_markup(heading), self._styles.heading))
            story.extend(Paragraph(_markup(text), self._styles.body) for text in section.paragraphs)
            story.extend(Paragraph(_markup(item), self._styles.bullet, bulletText="•") for item in section.items)
            if section.table is not None:
                table = self._data_table(section.table)
                if table is not None:
                    story.extend([Spacer(1, 2 * mm), table, Spacer(1, 2 * mm)])
        if document.signature_blocks or document.signature_intro:
            story.append(Spacer(1, 6 * mm))
            story.append(self._signatures())
        if document.closing_note:
            story.append(Spacer(1, 6 * mm))
            story.append(Paragraph(_markup(document.closing_note), self._styles.small))
        return story

    def _letterhead(self, letterhead: Letterhead) -> list[Flowable]:
        text: list[Flowable] = []
        if letterhead.organisation_name:
            text.append(Paragraph(_markup(letterhead.organisation_name), self._styles.organisation))
        text.extend(Paragraph(_markup(line), self._styles.letterhead_line) for line in letterhead.lines)
        logo = _logo_image(letterhead.logo) if letterhead.logo else None
        if logo is None:
            return text
        logo_column = logo.drawWidth + 5 * mm
        table = Table(
            [[logo, text]],
            colWidths=[logo_column, CONTENT_WIDTH - logo_column],
            hAlign="LEFT",
        )
        table.setStyle(
            _table_style(
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            )
        )
        return [table]

    def _heading_block(self) -> list[Flowable]:
        document = self._document
        styles = self._styles
        block: list[Flowable] = []
        if document.kind_label:
            block.append(Paragraph(_markup(document.kind_label.upper()), styles.kind))
        block.append(Paragraph(_markup(document.title), styles.title))
        if document.subtitle:
            block.append(Paragraph(_markup(document.subtitle), styles.subtitle))
        if document.version is not None:
            when = format_long_date(document.version_date or document.issued_on)
            block.append(Paragraph(f"Version {document.version} du {when}", styles.meta))
        else:
            block.append(Paragraph(f"{document.issued_label} {format_long_date(document.issued_on)}", styles.meta))
        if document.nature_notice:
            # A bordered paragraph rather than a one-cell table: a paragraph splits across pages if it must.
            block.extend([Spacer(1, 5 * mm), Paragraph(_markup(document.nature_notice), styles.notice)])
        block.append(Spacer(1, 3 * mm))
        return block

    def _data_table(self, data: TableData) -> Table | None:
        columns = max([len(data.headers), *(len(row) for row in data.rows)])
        if columns == 0:
            return None
        styles = self._styles

        def cells(values: Sequence[str], left: ParagraphStyle, right: ParagraphStyle) -> list[Paragraph]:
            padded = [*values, *([""] * (columns - len(values)))]
            return [
                Paragraph(_markup(value), right if index in data.right_aligned else left)
                for index, value in enumerate(padded)
            ]

        header_rows = [cells(data.headers, styles.header_cell, styles.header_cell_right)] if data.headers else []
        body_rows = [cells(row, styles.cell, styles.cell_right) for row in data.rows]
        table = Table(
            header_rows + body_rows,
            colWidths=_column_widths(data.column_widths, columns),
            repeatRows=len(header_rows),
            splitInRow=self._split_in_row,
            hAlign="LEFT",
        )
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, _RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("ROWBACKGROUNDS", (0, len(header_rows)), (-1, -1), [colors.white, _ZEBRA]),
        ]
        if header_rows:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), _LIGHT))
        table.setStyle(_table_style(*commands))
        return table

    def _signatures(self) -> Flowable:
        """All blocks kept on one page: side by side, at most three a row (two a row for four blocks).

        Each signatory gets table rows of their own (rather than one tall cell per block): signatories of
        different blocks stay level, and a household with many adults can only break between people.
        """
        document = self._document
        parts: list[Flowable] = []
        if document.signature_intro:
            parts.append(Paragraph(_markup(document.signature_intro), self._styles.body))
            parts.append(Spacer(1, 3 * mm))
        blocks = document.signature_blocks
        per_row = 2 if len(blocks) in (1, 2, 4) else 3
        column = (CONTENT_WIDTH - SIGNATURE_GAP * (per_row - 1)) / per_row
        for start in range(0, len(blocks), per_row):
            if start:
                parts.append(Spacer(1, 6 * mm))
            parts.append(self._signature_row(blocks[start : start + per_row], column, single=len(blocks) == 1))
        return KeepTogether(parts)

    def _signature_row(self, blocks: Sequence[SignatureBlock], column: float, *, single: bool) -> Table:
        """One table: the block titles, then for each signatory rank a text row and a signature-box row.

        Boxes get their own row so that they stay level across blocks whatever the length of the text above
        them; NOSPLIT keeps a person's text and box on the same page.
        """
        styles = self._styles
        people = [block.signatories or (Signatory(name=""),) for block in blocks]
        ranks = max(len(signatories) for signatories in people)
        header: list[Any] = []
        rows: list[list[Any]] = [[] for _ in range(2 * ranks)]
        widths: list[float] = []
        for index, (block, signatories) in enumerate(zip(blocks, people, strict=True)):
            if index:
                header.append("")
                for row in rows:
                    row.append("")
                widths.append(SIGNATURE_GAP)
            header.append(
                [
                    Paragraph(_markup(block.title), styles.block_title),
                    Paragraph(_markup(block.party_name), styles.block_party),
                ]
            )
            for rank in range(ranks):
                present = rank < len(signatories)
                rows[2 * rank].append(self._signatory(signatories[rank]) if present else "")
                rows[2 * rank + 1].append(_SignatureBox(SIGNATURE_BOX_HEIGHT) if present else "")
            widths.append(column)
        table = Table(
            [header, *rows],
            colWidths=widths,
            repeatRows=1,
            splitInRow=self._split_in_row,
            hAlign="RIGHT" if single else "LEFT",
        )
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
        ]
        commands.extend(("LINEBELOW", (index * 2, 0), (index * 2, 0), 0.8, _ACCENT) for index in range(len(blocks)))
        for rank in range(ranks):
            text_row, box_row = 1 + 2 * rank, 2 + 2 * rank
            commands.append(("TOPPADDING", (0, text_row), (-1, text_row), 2 * mm))
            commands.append(("BOTTOMPADDING", (0, text_row), (-1, text_row), 1.5 * mm))
            commands.append(("BOTTOMPADDING", (0, box_row), (-1, box_row), 4 * mm))
            commands.append(("NOSPLIT", (0, text_row), (-1, box_row)))
        table.setStyle(_table_style(*commands))
        return table

    def _signatory(self, signatory: Signatory) -> list[Flowable]:
        styles = self._styles
        signed_on = format_date(signatory.signed_on) if signatory.signed_on else _BLANK_DATE
        cell: list[Flowable] = [Paragraph(_markup(signatory.name) or f"Nom\u00a0: {_BLANK_PLACE}", styles.signatory)]
        if signatory.capacity:
            cell.append(Paragraph(_markup(signatory.capacity), styles.signatory_detail))
        cell.append(Paragraph(f"Le\u00a0: {signed_on}", styles.signatory_detail))
        cell.append(Paragraph(f"À\u00a0: {_markup(signatory.place) or _BLANK_PLACE}", styles.signatory_detail))
        return cell


def _column_widths(relative: Sequence[float], columns: int) -> list[float]:
    """Scale relative widths to the text width; anything unusable (wrong count, zero, negative) means equal."""
    if len(relative) != columns or any(width <= 0 for width in relative):
        return [CONTENT_WIDTH / columns] * columns
    total = sum(relative)
    return [CONTENT_WIDTH * width / total for width in relative]


class _SignatureBox(Flowable):  # type: ignore[misc]  # ReportLab has no type information
    """An empty framed area, as wide as its cell, where a person signs by hand."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self._box_height = height
        self._box_width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._box_width = available_width
        return available_width, self._box_height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(_RULE)
        canvas.setLineWidth(0.6)
        canvas.rect(0, 0, self._box_width, self._box_height)
        canvas.setFillColor(_GREY)
        canvas.setFont(REGULAR, 6.5)
        canvas.drawString(3, self._box_height - 9, "Signature")
        canvas.restoreState()


# ---------------------------------------------------------------------------------------------------- logo


@dataclass(frozen=True)
class _Logo:
    data: bytes
    width: int
    height: int


def _logo_image(data: bytes) -> Image | None:
    logo = _prepare_logo(data)
    if logo is None:
        return None
    scale = min(LOGO_MAX_HEIGHT / logo.height, LOGO_MAX_WIDTH / logo.width)
    return Image(io.BytesIO(logo.data), width=logo.width * scale, height=logo.height * scale, hAlign="LEFT")


@functools.lru_cache(maxsize=4)
def _prepare_logo(data: bytes) -> _Logo | None:
    """Decode the logo once per distinct image; None when it cannot be read (the letterhead then goes without).

    The logo comes from the settings, so anything may be there: a truncated file, another format, a photo of
    twenty megapixels. Everything is decoded fully here, flattened on white and re-encoded as a plain PNG of
    print size, except a reasonably sized RGB or greyscale JPEG, which PDF can embed as it is.
    """
    from PIL import Image as PILImage

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as image:
                image.load()
                if image.width < 1 or image.height < 1:
                    return None
                small_enough = image.width <= _LOGO_MAX_PIXELS[0] and image.height <= _LOGO_MAX_PIXELS[1]
                if image.format == "JPEG" and image.mode in ("RGB", "L") and small_enough:
                    return _Logo(data, image.width, image.height)
                flat = _flatten(image)
                flat.thumbnail(_LOGO_MAX_PIXELS)
                output = io.BytesIO()
                flat.save(output, format="PNG", optimize=False)
                return _Logo(output.getvalue(), flat.width, flat.height)
    except Exception:
        return None


def _flatten(image: Any) -> Any:
    """Return an RGB (or greyscale) copy with any transparency composited on white paper."""
    from PIL import Image as PILImage

    if image.mode in ("RGB", "L"):
        return image.copy()
    rgba = image.convert("RGBA")
    paper = PILImage.new("RGB", rgba.size, (255, 255, 255))
    paper.paste(rgba, mask=rgba.getchannel("A"))
    return paper


# ---------------------------------------------------------------------------------------------------- canvas


@dataclass(frozen=True)
class _Footer:
    left: str  # reference and version
    notice: str  # who the document is for
    draft: bool
    pdf_date: str  # creation date written in the metadata: the issue date, so output is reproducible


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type information
    """Holds every page until the end, so each footer can say "Page X / Y" (ReportLab's classic two-pass idiom)."""

    def __init__(self, *args: Any, footer: _Footer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._page_states: list[dict[str, Any]] = []
        self.setDateFormatter(lambda *_: footer.pdf_date)

    def showPage(self) -> None:
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self._draw_footer(total)
            if self._footer.draft:
                self._draw_draft_mark()
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        footer = self._footer
        right = PAGE_WIDTH - MARGIN
        self.saveState()
        self.setStrokeColor(_RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, 18 * mm, right, 18 * mm)
        self.setFillColor(_GREY)
        self.setFont(REGULAR, 8)
        self.drawString(MARGIN, 14 * mm, footer.left)
        self.drawRightString(right, 14 * mm, f"Page {self.getPageNumber()} / {total}")
        self.setFont(REGULAR, 7.5)
        self.drawString(MARGIN, 10 * mm, footer.notice)
        self.restoreState()

    def _draw_draft_mark(self) -> None:
        self.saveState()
        self.setFillColor(colors.HexColor("#808080"))
        self.setFillAlpha(0.14)
        self.setFont(BOLD, 120)
        self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        self.rotate(50)
        self.drawCentredString(0, -40, "PROJET")
        self.restoreState()
