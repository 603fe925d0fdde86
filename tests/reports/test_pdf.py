"""Tests of caseworker/reports/pdf.py, read back with independent tools.

Text comes back through poppler's ``pdftotext`` (what a person copying from a viewer gets) and, where poppler
normalises characters, through pdfium; fonts through ``pdffonts``; pages are rasterised with pdfium to check
that something visible was drawn where expected. Set CASEWORKER_PDF_PREVIEW_DIR to keep PNG previews of the
contract's pages for a look by eye.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import statistics
import subprocess
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from caseworker.formats import format_amount
from caseworker.reports.document_model import (
    Audience,
    GeneratedDocument,
    Letterhead,
    PartyDescription,
    Section,
    Signatory,
    SignatureBlock,
    TableData,
)
from caseworker.reports.pdf import (
    AUDIENCE_NOTICES,
    LOGO_MAX_HEIGHT,
    MARGIN,
    PAGE_WIDTH,
    RECIPIENT_INDENT,
    render_pdf,
)
from caseworker.reports.recovery_key import RecoverySheet, recovery_key_pdf
from tests.support import pdf_text

NNBSP = "\u202f"
AMOUNT = format_amount(Decimal("1250"))  # "1 250,00 €" with U+202F, then U+00A0 before the euro sign
ISSUED = date(2026, 3, 3)
OBJECTIVES = (
    "Reprendre le paiement du loyer courant dès le mois d'avril 2026.",
    "Apurer la dette locative selon l'échéancier de l'article 3.",
    "Ouvrir les droits à l'aide personnalisée au logement (APL) auprès de la CAF.",
    "Rencontrer la chargée de gestion locative une fois par trimestre.",
)
BLOCK_TITLES = ("Pour le bailleur", "Pour l'association", "Pour le ménage")
ADULTS = ("Karim BENALI", "Élodie BENALI")  # the party line spells them differently: unique needles
POINTS_PER_MM = 72 / 25.4


# ---------------------------------------------------------------------------------------------- documents


def letterhead(logo: bytes | None = None) -> Letterhead:
    return Letterhead(
        "Association Le Toit",
        ("12 rue de la Paix, 35000 Rennes", "02 99 00 00 00 · contact@letoit.example"),
        logo,
    )


def contract(filler: int = 0, **changes: object) -> GeneratedDocument:
    """A tripartite contract of two pages; ``filler`` paragraphs push the signatures further down."""
    schedule = tuple(
        (f"{number}", f"{5 + number:02d}/{number + 3:02d}/2026", format_amount(Decimal("125")))
        for number in range(1, 6)
    )
    document = GeneratedDocument(
        kind_label="Contrat d'objectifs tripartite",
        title="Contrat d'accompagnement vers le maintien dans le logement",
        reference="C-000012",
        issued_on=ISSUED,
        letterhead=letterhead(),
        audience=Audience.LANDLORD,
        version=2,
        version_date=ISSUED,
        subtitle="Avenant n° 1 au contrat du 2 septembre 2025",
        nature_notice="Ce document n'est pas un bail. Il ne modifie ni le bail ni ses conditions.",
        recipient_lines=("Habitat 35", "Service du recouvrement amiable", "12 rue de Paris", "35000 Rennes"),
        parties=(
            PartyDescription(
                "Le bailleur",
                "Habitat 35",
                ("12 rue de Paris, 35000 Rennes", "représenté par Mme Sophie Lefèvre, responsable de secteur"),
            ),
            PartyDescription("L'association", "Association Le Toit", ("représentée par M. Paul Bernard, président",)),
            PartyDescription(
                "Le ménage",
                "M. Karim Benali et Mme Élodie Benali",
                ("Logement : 4 allée des Tilleuls, appartement 12, 35200 Rennes",),
            ),
        ),
        sections=(
            Section(
                "Objet",
                paragraphs=(
                    "Le présent contrat organise l'accompagnement du ménage pour le maintien dans son logement. "
                    "Il précise les engagements de chacun et les modalités de suivi.",
                    *(
                        "Paragraphe complémentaire destiné à allonger le contrat pour déplacer le bloc de "
                        "signatures vers le bas de la page, sur deux lignes environ."
                        for _ in range(filler)
                    ),
                ),
            ),
            Section("Objectifs", paragraphs=("Les parties conviennent des objectifs suivants :",), items=OBJECTIVES),
            Section(
                "Apurement de la dette",
                paragraphs=(f"La dette locative s'élève à {AMOUNT} au 1er mars 2026.",),
                table=TableData(
                    ("Échéance", "Date", "Montant"), schedule, right_aligned=frozenset({2}), column_widths=(1, 2, 2)
                ),
            ),
            Section(
                "Engagements du bailleur",
                items=(
                    "Suspendre la procédure contentieuse pendant la durée du contrat.",
                    "Informer l'association de tout nouvel impayé dans un délai de quinze jours.",
                ),
            ),
            Section(
                "Engagements de l'association",
                items=(
                    "Accompagner le ménage dans ses démarches administratives et budgétaires.",
                    "Organiser un point d'étape tripartite tous les trois mois.",
                ),
            ),
            Section(
                "Engagements du ménage",
                items=(
                    "Payer le loyer résiduel et l'échéance de l'apurement chaque mois.",
                    "Signaler sans attendre tout changement de situation.",
                ),
            ),
            Section(
                "Durée et révision",
                paragraphs=(
                    "Le contrat est conclu pour six mois à compter de sa signature. Il peut être révisé par avenant "
                    "à la demande de l'une des parties.",
                ),
            ),
            Section(
                "Données personnelles",
                numbered=False,
                paragraphs=(
                    "Le bailleur ne reçoit que les informations nécessaires au suivi du logement, avec l'accord "
                    "du ménage, qui peut le retirer à tout moment auprès de l'association.",
                ),
            ),
        ),
        signature_intro="Fait à Rennes, en trois exemplaires originaux.",
        signature_blocks=(
            SignatureBlock("Pour le bailleur", "Habitat 35", (Signatory("Sophie Lefèvre", "Responsable de secteur"),)),
            SignatureBlock(
                "Pour l'association",
                "Association Le Toit",
                (Signatory("Paul Bernard", "Président", date(2026, 3, 4), "Rennes"),),
            ),
            SignatureBlock(
                "Pour le ménage",
                "M. et Mme Benali",
                tuple(Signatory(name, "Locataire") for name in ADULTS),
            ),
        ),
        closing_note="Chaque partie conserve un exemplaire. Le ménage peut demander une copie à tout moment.",
        keywords=("contrat", "C-000012"),
    )
    return replace(document, **changes)


def household_summary() -> GeneratedDocument:
    """The one-page plain-language summary: no parties, no signatures."""
    return GeneratedDocument(
        kind_label="Résumé pour le ménage",
        title="Votre accompagnement en bref",
        reference="R-2026-0007",
        issued_on=ISSUED,
        letterhead=letterhead(),
        audience=Audience.HOUSEHOLD,
        sections=(
            Section("Ce que nous faisons ensemble", numbered=False, items=OBJECTIVES[:2]),
            Section(
                "Vos prochains rendez-vous", numbered=False, items=("Mardi 10 mars 2026 à 14 h, à l'association.",)
            ),
            Section("Qui contacter", numbered=False, paragraphs=("Claire Martin\n02 99 00 00 01",)),
        ),
    )


def minimal(**changes: object) -> GeneratedDocument:
    document = GeneratedDocument(
        kind_label="Attestation",
        title="Attestation d'accompagnement",
        reference="A-2026-0001",
        issued_on=ISSUED,
        letterhead=letterhead(),
        audience=Audience.INTERNAL,
    )
    return replace(document, **changes)


# ---------------------------------------------------------------------------------------------- readers


def write(tmp_path: Path, data: bytes, name: str = "document.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def pdftotext(path: Path, page: int | None = None, *, layout: bool = True) -> str:
    command = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        command.append("-layout")
    if page is not None:
        command += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*command, str(path), "-"], check=True, capture_output=True, text=True).stdout


def page_count(data: bytes) -> int:
    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def pdfium_texts(data: bytes) -> list[str]:
    """Each page's text as pdfium reads it: it keeps U+202F, which poppler prints as a plain space."""
    pdf = pdfium.PdfDocument(data)
    try:
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


Box = tuple[float, float, float, float]  # left, bottom, right, top in points


def char_boxes(data: bytes, page_index: int, needle: str) -> list[tuple[Box, Box]]:
    """Boxes of the first and last characters of each occurrence of ``needle`` (case-sensitive)."""
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[page_index]
        textpage = page.get_textpage()
        searcher = textpage.search(needle, match_case=True)
        boxes = []
        while (found := searcher.get_next()) is not None:
            index, count = found
            boxes.append((textpage.get_charbox(index), textpage.get_charbox(index + count - 1)))
        searcher.close()
        textpage.close()
        page.close()
        return boxes
    finally:
        pdf.close()


def rightmost_character(data: bytes) -> float:
    pdf = pdfium.PdfDocument(data)
    try:
        right = 0.0
        for page in pdf:
            textpage = page.get_textpage()
            for index in range(textpage.count_chars()):
                right = max(right, textpage.get_charbox(index)[2])
            textpage.close()
            page.close()
        return right
    finally:
        pdf.close()


def render_page(data: bytes, index: int, scale: float = 1) -> Image.Image:
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[index]
        image = page.render(scale=scale).to_pil().convert("RGB")
        page.close()
        return image
    finally:
        pdf.close()


def pages_with(path: Path, total: int, needle: str) -> list[int]:
    return [number for number in range(1, total + 1) if needle in pdftotext(path, number)]


def image_count(path: Path) -> int:
    listing = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True).stdout
    return len(listing.splitlines()) - 2  # two header lines


def png(size: tuple[int, int], color: tuple[int, ...], mode: str = "RGB", image_format: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=image_format)
    return buffer.getvalue()


def single_line(text: str) -> str:
    """Join lines; only ASCII white space (``\\s`` would also swallow U+202F)."""
    return re.sub(r"[ \t\r\n]+", " ", text)


# ---------------------------------------------------------------------------------------------- contract


def test_contract_shows_parties_objectives_version_and_notice(tmp_path: Path) -> None:
    path = write(tmp_path, render_pdf(contract()))
    text = single_line(pdftotext(path))

    for expected in (
        "Association Le Toit",
        "CONTRAT D'OBJECTIFS TRIPARTITE",
        "Contrat d'accompagnement vers le maintien dans le logement",
        "Avenant n° 1 au contrat du 2 septembre 2025",
        "Version 2 du 3 mars 2026",
        "Ce document n'est pas un bail. Il ne modifie ni le bail ni ses conditions.",
        "Le bailleur : Habitat 35",
        "représenté par Mme Sophie Lefèvre, responsable de secteur",
        "L'association : Association Le Toit",
        "Le ménage : M. Karim Benali et Mme Élodie Benali",
        "Article 1 — Objet",
        "Article 2 — Objectifs",
        "Article 7 — Durée et révision",
        "Données personnelles",
        "Fait à Rennes, en trois exemplaires originaux.",
        "Chaque partie conserve un exemplaire.",
    ):
        assert expected in text
    for objective in OBJECTIVES:
        assert f"• {objective}" in text
    assert "Article 8" not in text  # the unnumbered section is not counted


def test_amount_keeps_its_narrow_no_break_space_and_euro_sign(tmp_path: Path) -> None:
    data = render_pdf(contract())
    # ReportLab writes U+00A0 as the space code (so word spacing applies to it); U+202F is kept as it is.
    exact = AMOUNT.replace("\u00a0", " ")
    assert exact == f"1{NNBSP}250,00 €"
    assert f"La dette locative s'élève à {exact} au 1er mars 2026." in single_line(pdfium_texts(data)[0])
    # poppler prints every Unicode space as a plain one: the amount still reads "1 250,00 €" there.
    assert "La dette locative s'élève à 1 250,00 € au" in single_line(pdftotext(write(tmp_path, data)))


@pytest.mark.parametrize("words_before", range(60, 76))
def test_amount_never_breaks_across_lines(words_before: int) -> None:
    # Somewhere in this range the amount falls at the end of the first line: it must move down whole.
    paragraph = "mot " * words_before + f"{AMOUNT} fin"
    data = render_pdf(minimal(sections=(Section("Montant", paragraphs=(paragraph,)),)))
    assert f"1{NNBSP}250,00 €" in pdfium_texts(data)[0]


@pytest.mark.parametrize("words_before", range(60, 76))
def test_french_punctuation_never_starts_a_line(words_before: int) -> None:
    # "Dispositif : AVDL", "« Alertes »": the space before : ; ? ! and inside « » must not break.
    paragraph = "mot " * words_before + "fin : « Alertes » ; oui ? non ! fin"
    data = render_pdf(minimal(sections=(Section("Ponctuation", paragraphs=(paragraph,)),)))
    lines = [line.strip() for line in pdfium_texts(data)[0].splitlines()]
    assert not [line for line in lines if line.startswith((":", ";", "?", "!", "»")) or line.endswith("«")]
    assert "fin : « Alertes » ; oui ? non ! fin" in " ".join(lines)  # read back with plain spaces


def test_page_numbers_show_the_right_total(tmp_path: Path) -> None:
    data = render_pdf(contract())
    path = write(tmp_path, data)
    total = page_count(data)
    assert total == 2
    for number in range(1, total + 1):
        page = pdftotext(path, number)
        assert f"Page {number} / {total}" in page
        assert "C-000012 · Version 2 du 03/03/2026" in single_line(page)
        assert AUDIENCE_NOTICES[Audience.LANDLORD] in page


@pytest.mark.parametrize("filler", range(0, 16))
def test_signature_blocks_stay_together_on_one_page(tmp_path: Path, filler: int) -> None:
    # Each filler paragraph moves the signatures down by two lines: some of these would straddle a page break.
    data = render_pdf(contract(filler))
    path = write(tmp_path, data)
    total = page_count(data)
    pages = {needle: pages_with(path, total, needle) for needle in (*BLOCK_TITLES, *ADULTS, "Fait à Rennes")}
    assert all(len(found) == 1 for found in pages.values()), pages
    assert len({found[0] for found in pages.values()}) == 1, pages


def test_signature_blocks_are_side_by_side_with_dates_and_places(tmp_path: Path) -> None:
    data = render_pdf(contract())
    text = pdftotext(write(tmp_path, data))
    title_line = next(line for line in text.splitlines() if "Pour le bailleur" in line)
    assert "Pour l'association" in title_line
    assert "Pour le ménage" in title_line
    flat = single_line(text)
    assert "Le : 04/03/2026" in flat  # recorded
    assert "À : Rennes" in flat
    assert flat.count("Le : ____ / ____ / ________") == 3  # two adults and the landlord still to sign
    assert flat.count("Signature") == 4  # one box per signatory


def test_single_signature_block_sits_on_the_right() -> None:
    block = SignatureBlock("Pour l'association", "Association Le Toit", (Signatory("Paul Bernard", "Président"),))
    data = render_pdf(minimal(signature_blocks=(block,)))
    [(first, _)] = char_boxes(data, 0, "Pour l'association")
    assert first[0] > PAGE_WIDTH / 2


@pytest.mark.parametrize(
    ("blocks", "rows"), [(4, [[1, 2], [3, 4]]), (5, [[1, 2, 3], [4, 5]]), (7, [[1, 2, 3], [4, 5, 6], [7]])]
)
def test_many_signature_blocks_wrap_into_rows(tmp_path: Path, blocks: int, rows: list[list[int]]) -> None:
    signature_blocks = tuple(
        SignatureBlock(f"Bloc {number}", f"Partie {number}", (Signatory(f"Signataire {number}"),))
        for number in range(1, blocks + 1)
    )
    data = render_pdf(minimal(signature_blocks=signature_blocks))
    lines = [line for line in pdftotext(write(tmp_path, data)).splitlines() if "Bloc " in line]
    assert [[int(number) for number in re.findall(r"Bloc (\d)", line)] for line in lines] == rows


def test_household_block_without_signatories_leaves_room_to_write_a_name(tmp_path: Path) -> None:
    data = render_pdf(minimal(signature_blocks=(SignatureBlock("Pour le ménage", "Famille Benali", ()),)))
    assert "Nom : ____" in pdftotext(write(tmp_path, data))


def test_first_page_is_drawn_and_previews_are_kept(tmp_path: Path) -> None:
    data = render_pdf(contract())
    preview_dir = os.environ.get("CASEWORKER_PDF_PREVIEW_DIR")
    for index in range(page_count(data)):
        image = render_page(data, index, scale=1.5)
        image.save(tmp_path / f"page{index + 1}.png")
        if preview_dir:
            shutil.copy(tmp_path / f"page{index + 1}.png", Path(preview_dir) / f"pdf-preview-page{index + 1}.png")
        if index == 0:
            grey = image.convert("L")
            inked = sum(grey.histogram()[:200])
            assert inked / (grey.width * grey.height) > 0.02


def test_nothing_is_printed_past_the_right_margin() -> None:
    assert rightmost_character(render_pdf(contract())) <= PAGE_WIDTH - MARGIN + 0.5


def test_recipient_block_is_on_the_right(tmp_path: Path) -> None:
    data = render_pdf(contract())
    [(first, _)] = char_boxes(data, 0, "Service du recouvrement amiable")
    assert first[0] == pytest.approx(MARGIN + RECIPIENT_INDENT, abs=1)


def test_table_right_aligns_amount_columns() -> None:
    data = render_pdf(contract())
    [(_, montant_end)] = char_boxes(data, 0, "Montant")
    [(date_start, _)] = char_boxes(data, 0, "Date")
    amounts = char_boxes(data, 0, "125,00 €")
    dates = [box for number in range(1, 6) for box in char_boxes(data, 0, f"{5 + number:02d}/{number + 3:02d}/2026")]
    assert len(amounts) == len(dates) == 5
    for _, euro in amounts:  # right-aligned column: amounts end where the header ends
        assert euro[2] == pytest.approx(montant_end[2], abs=1)
    for start, _ in dates:  # left-aligned column: dates start where the header starts
        assert start[0] == pytest.approx(date_start[0], abs=1)


def test_output_is_deterministic() -> None:
    assert render_pdf(contract()) == render_pdf(contract())


def test_metadata_names_title_author_subject_keywords() -> None:
    pdf = pdfium.PdfDocument(render_pdf(contract()))
    try:
        metadata = pdf.get_metadata_dict()
    finally:
        pdf.close()
    assert metadata["Title"] == "Contrat d'accompagnement vers le maintien dans le logement"
    assert metadata["Author"] == "Association Le Toit"
    assert metadata["Subject"] == "Contrat d'objectifs tripartite"
    assert metadata["Keywords"] == "contrat, C-000012"
    assert metadata["CreationDate"].startswith("D:20260303")


@pytest.mark.timing
def test_two_page_contract_renders_fast() -> None:
    document = contract()
    render_pdf(document)  # fonts and styles: once per process
    timings = []
    for _ in range(15):
        start = time.perf_counter()
        render_pdf(document)
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    print(f"two-page contract: median {median * 1000:.1f} ms over {len(timings)} renders")
    assert median < 1.0


# ---------------------------------------------------------------------------------------------- fonts


@pytest.mark.parametrize(
    "document",
    [contract(draft=True, letterhead=letterhead(png((200, 100), (200, 30, 30)))), household_summary(), minimal()],
    ids=["contract", "household-summary", "attestation"],
)
def test_only_embedded_dejavu_fonts(tmp_path: Path, document: GeneratedDocument) -> None:
    path = write(tmp_path, render_pdf(document))
    listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = listing.splitlines()[2:]
    assert rows
    for row in rows:
        name, columns = row.split()[0], row.split()
        assert "DejaVuSans" in name, row
        assert columns[-5] == "yes", row  # emb
    assert "Helvetica" not in listing


# ---------------------------------------------------------------------------------------------- letterhead


def red_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    red, green, blue = image.convert("RGB").split()
    mask = ImageChops.multiply(
        ImageChops.multiply(red.point(lambda v: 255 if v > 150 else 0), green.point(lambda v: 255 if v < 90 else 0)),
        blue.point(lambda v: 255 if v < 90 else 0),
    )
    return mask.getbbox()


@pytest.mark.parametrize(
    "logo",
    [
        png((200, 100), (200, 30, 30)),
        png((200, 100), (200, 30, 30, 255), mode="RGBA"),
        png((200, 100), (200, 30, 30), image_format="JPEG"),
        png((2000, 1000), (200, 30, 30)),  # large: scaled down, same place and size
    ],
    ids=["png", "png-with-alpha", "jpeg", "large-png"],
)
def test_logo_is_drawn_25_mm_high_keeping_its_shape(tmp_path: Path, logo: bytes) -> None:
    data = render_pdf(minimal(letterhead=letterhead(logo)))
    assert image_count(write(tmp_path, data)) == 1
    box = red_box(render_page(data, 0, scale=2))
    assert box is not None
    left, top, right, bottom = (value / 2 for value in box)  # points
    assert bottom - top == pytest.approx(LOGO_MAX_HEIGHT, abs=1.5)
    assert (right - left) / (bottom - top) == pytest.approx(2, abs=0.05)
    assert left == pytest.approx(MARGIN, abs=1.5)
    assert "Association Le Toit" in pdftotext(write(tmp_path, data))


@pytest.mark.parametrize(
    "logo",
    [b"not an image at all", b"", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, png((200, 100), (200, 30, 30))[:120]],
    ids=["garbage", "empty", "png-signature-only", "truncated-png"],
)
def test_unreadable_logo_is_left_out(tmp_path: Path, logo: bytes) -> None:
    path = write(tmp_path, render_pdf(minimal(letterhead=letterhead(logo))))
    assert image_count(path) == 0
    text = pdftotext(path)
    assert "Association Le Toit" in text
    assert "12 rue de la Paix, 35000 Rennes" in text


# ---------------------------------------------------------------------------------------------- text


def test_draft_mark_on_every_page() -> None:
    draft = pdfium_texts(render_pdf(contract(draft=True)))
    assert len(draft) == 2
    assert all("PROJET" in page for page in draft)
    assert not any("PROJET" in page for page in pdfium_texts(render_pdf(contract())))


def test_user_text_is_printed_literally(tmp_path: Path) -> None:
    tricky = "Dupont & <Fils>"
    markup = "<b>gras</b> &amp; <br/> <font size=40>x</font>"
    document = minimal(
        title=f"Attestation {tricky}",
        parties=(PartyDescription("Le bailleur", tricky, (markup,)),),
        sections=(Section(tricky, paragraphs=(markup,), items=(tricky,), table=TableData((tricky,), ((markup,),))),),
        signature_blocks=(SignatureBlock(tricky, tricky, (Signatory(tricky, tricky, place=tricky),)),),
        recipient_lines=(tricky,),
        letterhead=Letterhead(tricky, (tricky,)),
    )
    text = pdftotext(write(tmp_path, render_pdf(document)))
    assert text.count(tricky) >= 12
    assert text.count(markup) == 3  # detail line, paragraph, table cell
    assert "Le bailleur : Dupont & <Fils>" in text
    assert "Article 1 — Dupont & <Fils>" in text


def test_newlines_inside_a_paragraph_become_line_breaks(tmp_path: Path) -> None:
    document = minimal(sections=(Section("Contacts", paragraphs=("Claire Martin\r\n02 99 00 00 01\nBureau 3",)),))
    lines = [line.strip() for line in pdftotext(write(tmp_path, render_pdf(document))).splitlines()]
    start = lines.index("Claire Martin")
    assert lines[start : start + 3] == ["Claire Martin", "02 99 00 00 01", "Bureau 3"]


def test_very_long_words_are_split_not_overflowing(tmp_path: Path) -> None:
    token = "Anticonstitutionnellement" * 12  # 300 characters, no space
    assert len(token) == 300
    document = minimal(
        title=token,
        letterhead=Letterhead(token, (token,)),
        recipient_lines=(token,),
        parties=(PartyDescription(token, token, (token,)),),
        sections=(
            Section(
                token, paragraphs=(token,), items=(token,), table=TableData((token, "Montant"), ((token, AMOUNT),))
            ),
        ),
        signature_blocks=(
            SignatureBlock(token, token, (Signatory(token, token, place=token),)),
            SignatureBlock("Pour le ménage", "Famille Benali", (Signatory("Karim Benali"),)),
        ),
        nature_notice=token,
    )
    data = render_pdf(document)
    assert rightmost_character(data) <= PAGE_WIDTH - MARGIN + 0.5
    joined = "".join(pdftotext(write(tmp_path, data), layout=False).split())
    assert token in joined


def test_control_and_unprintable_characters_do_not_break_the_document(tmp_path: Path) -> None:
    document = minimal(title="Nom\x00 avec\x07 contrôle", sections=(Section("中文", paragraphs=("tab\tulé",)),))
    text = pdftotext(write(tmp_path, render_pdf(document)))
    assert "Nom avec contrôle" in text
    assert "\ufffd\ufffd" in text  # no DejaVu glyph: shown as replacement characters, not as something else
    assert "tab ulé" in text


# ---------------------------------------------------------------------------------------------- tables


def test_long_table_splits_across_pages_and_repeats_its_header(tmp_path: Path) -> None:
    rows = tuple(
        (f"Échéance {number:03d}", f"{number:02d}/2027", format_amount(Decimal(number))) for number in range(1, 121)
    )
    document = minimal(
        sections=(
            Section(
                "Échéancier",
                table=TableData(("N°", "Mois", "Montant"), rows, right_aligned=frozenset({2}), column_widths=(3, 2, 2)),
            ),
        )
    )
    data = render_pdf(document)
    path = write(tmp_path, data)
    total = page_count(data)
    assert total >= 3
    seen = []
    for number in range(1, total + 1):
        page = pdftotext(path, number)
        found = re.findall(r"Échéance (\d{3})", page)
        if found:
            header_lines = [line for line in page.splitlines() if re.fullmatch(r"\s*N°\s+Mois\s+Montant\s*", line)]
            assert len(header_lines) == 1, f"page {number}"
        seen.extend(int(value) for value in found)
    assert seen == list(range(1, 121))


def test_ragged_and_empty_tables_render() -> None:
    document = minimal(
        sections=(
            Section("Sans en-tête", table=TableData((), (("a",), ("b", "c", "d")), frozenset({7}), (0, 1))),
            Section("Vide", table=TableData((), ())),
            Section("En-tête seul", table=TableData(("", "Montant"), ())),
        )
    )
    text = single_line(pdfium_texts(render_pdf(document))[0])
    assert "Article 1 — Sans en-tête" in text
    assert "Article 3 — En-tête seul" in text


@pytest.mark.parametrize(
    "document",
    [
        minimal(sections=(Section("Énorme", table=TableData(("A", "B"), (("mot " * 6000, "z"),))),)),
        minimal(nature_notice="mot " * 6000),
        minimal(
            signature_blocks=(SignatureBlock("Pour le ménage", "Famille", (Signatory("Nom", "qualité " * 2500),)),)
        ),
        minimal(
            signature_blocks=(
                SignatureBlock("Pour le ménage", "Famille", tuple(Signatory(f"Adulte {n}") for n in range(12))),
            )
        ),
    ],
    ids=["table-cell-taller-than-a-page", "huge-notice", "huge-capacity", "twelve-adults"],
)
def test_oversized_content_still_renders(document: GeneratedDocument) -> None:
    data = render_pdf(document)
    total = page_count(data)
    assert total > 1
    assert f"Page {total} / {total}" in pdfium_texts(data)[-1]


# ---------------------------------------------------------------------------------------------- other documents


def test_household_summary_without_parties_or_signatures(tmp_path: Path) -> None:
    data = render_pdf(household_summary())
    path = write(tmp_path, data)
    assert page_count(data) == 1
    text = pdftotext(path)
    for expected in (
        "Votre accompagnement en bref",
        "Établi le 3 mars 2026",
        "Ce que nous faisons ensemble",
        "Claire Martin",
        "R-2026-0007",
        "Page 1 / 1",
        "Document remis au ménage.",
    ):
        assert expected in text
    assert "Article" not in text
    assert "Signature" not in text
    assert "Version" not in text


@pytest.mark.parametrize("audience", list(Audience))
def test_footer_notice_follows_the_audience(tmp_path: Path, audience: Audience) -> None:
    text = pdftotext(write(tmp_path, render_pdf(minimal(audience=audience))))
    assert AUDIENCE_NOTICES[audience] in text
    assert [notice for notice in AUDIENCE_NOTICES.values() if notice in text] == [AUDIENCE_NOTICES[audience]]


def test_version_without_its_own_date_uses_the_issue_date(tmp_path: Path) -> None:
    text = pdftotext(write(tmp_path, render_pdf(minimal(version=3))))
    assert "Version 3 du 3 mars 2026" in text
    assert "A-2026-0001 · Version 3 du 03/03/2026" in single_line(text)


def test_the_recovery_sheet_never_asks_to_destroy_a_sheet_that_may_still_open_backups() -> None:
    """After a key change, backups left under the old key open only with this sheet (or the old passphrase)."""
    text = " ".join(
        pdf_text(
            recovery_key_pdf(RecoverySheet("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789", "0123abcd", date(2026, 6, 15)))
        )
        .replace("\u2011", "-")
        .split()
    )
    assert "détruisez" not in text
    assert (
        "Après un changement de clé, gardez cette feuille tant que « caseworker db check » indique des sauvegardes "
        "qui s'ouvrent avec l'ancienne clé."
    ) in text
