"""The printable recovery-key sheet (PDF, generated in memory; written only where the person chooses)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from caseworker import APP_DISPLAY_NAME
from caseworker.formats import format_long_date
from caseworker.reports.fonts import BOLD, REGULAR, register_fonts


@dataclass(frozen=True)
class RecoverySheet:
    """What the sheet shows."""

    recovery_key: str
    database_id: str
    created_on: date
    computer_name: str = ""
    organisation_name: str = ""


def recovery_key_pdf(sheet: RecoverySheet) -> bytes:
    """Return the one-page A4 PDF."""
    register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"Clé de secours — {APP_DISPLAY_NAME}",
        author=sheet.organisation_name or APP_DISPLAY_NAME,
        initialFontName=REGULAR,
    )
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=15)
    title = ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=18, leading=24, spaceAfter=6)
    key_style = ParagraphStyle("key", parent=body, fontName=BOLD, fontSize=16, leading=24, alignment=1)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=12, textColor=colors.HexColor("#555555"))
    key_table = Table([[Paragraph(sheet.recovery_key, key_style)]], colWidths=[170 * mm])
    key_table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
            ]
        )
    )
    story = [
        Paragraph(f"Clé de secours de la base {APP_DISPLAY_NAME}", title),
        Paragraph("<br/>".join(_identification(sheet)), body),
        Spacer(1, 8 * mm),
        key_table,
        Spacer(1, 8 * mm),
        Paragraph(
            "Cette clé rouvre la base chiffrée si la clé enregistrée dans le trousseau de l'ordinateur est perdue "
            "(réinstallation, changement de session, autre ordinateur) ou si la phrase de passe est oubliée.",
            body,
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            "<b>Conservez cette feuille sous clé, hors de l'ordinateur</b> (coffre du service, armoire fermée). "
            "Quiconque possède cette clé et le fichier de la base peut lire les dossiers. Ne la photographiez pas, "
            "ne l'envoyez pas par courriel.",
            body,
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            "Pour l'utiliser : au démarrage, choisissez « Utiliser la clé de secours » et recopiez les groupes de "
            "quatre caractères (majuscules ou minuscules, tirets facultatifs). Après un changement de clé, gardez "
            "cette feuille tant que « caseworker db check » indique des sauvegardes qui s'ouvrent avec l'ancienne "
            "clé.",
            body,
        ),
        Spacer(1, 12 * mm),
        Paragraph(
            f"Document produit par {APP_DISPLAY_NAME}. Il ne contient aucune donnée de personne accompagnée.",
            small,
        ),
    ]
    document.build(story)
    return buffer.getvalue()


def _identification(sheet: RecoverySheet) -> list[str]:
    lines = []
    if sheet.organisation_name:
        lines.append(f"Organisation : <b>{_escape(sheet.organisation_name)}</b>")
    if sheet.computer_name:
        lines.append(f"Ordinateur : {_escape(sheet.computer_name)}")
    lines.append(f"Base n° {_escape(sheet.database_id[:8])} — clé créée le {format_long_date(sheet.created_on)}")
    return lines


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
