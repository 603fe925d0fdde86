"""Every document the application generates, built through the public service API (for tests that read them).

One supported household (two adults, a child, a sub-lease of Habitat 35, AVDL support) with every consent
granted, a rent debt under a repayment plan and an alert each way. ``every_document`` returns, by name, the
text a reader sees: PDFs read with pdfium, e-mails as their subject and body.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from decimal import Decimal

from caseworker.domain import AlertChannel, SignatureMethod
from caseworker.reports.recovery_key import RecoverySheet, recovery_key_pdf
from caseworker.services import Services
from caseworker.services.alerts import AlertInput, EmailDraft
from caseworker.services.contracts import ClauseInput, ContractContent, ContractView, DraftRequest, SignatureInput
from caseworker.services.directory import OrganisationView
from caseworker.services.prevention import DebtInput, PlanInput
from caseworker.services.sharing.liaison_sheet import LiaisonSheetRequest
from tests.services.contract_builders import ALL_CATEGORIES, Supported, grant_all, grant_siao, supported_household
from tests.support import pdf_text
from tests.support.row_versions import current_version

CONTRACT_KINDS = ("contrat_objectifs", "protocole_maintien", "engagement_minimal", "attestation_accord")
_FRAMEWORK_CLAUSES = {
    "public": "Ménages sortant de la rue ou menacés d'expulsion.",
    "modalites": "Visites à domicile, niveaux renforcé à veille.",
    "financement": "L'association est financée par la DDETS ; le bailleur met à disposition 10 logements.",
    "referents": "Pour le bailleur : Sophie MOREL ; pour l'association : Claire MARTIN.",
}
PROJECT = "Rester dans ce logement et, dans deux ans, en devenir locataire en titre."


@dataclass(frozen=True)
class Documents:
    """The texts of the generated documents, by name, and the e-mails themselves."""

    texts: dict[str, str]
    emails: dict[str, EmailDraft]


def _with_clause(content: ContractContent, code: str, body: str) -> ContractContent:
    clauses = tuple(ClauseInput(c.code, c.title, body, c.required) if c.code == code else c for c in content.clauses)
    return replace(content, clauses=clauses)


def _complete(services: Services, view: ContractView) -> ContractView:
    """Fill in what each kind leaves to be typed, so that it can be sent for signature."""
    content = view.latest.content()
    if view.kind_code == "contrat_objectifs":
        content = _with_clause(content, "projet", PROJECT)
    if view.kind_code == "convention_cadre":
        for code, body in _FRAMEWORK_CLAUSES.items():
            content = _with_clause(content, code, body)
        content = replace(content, target_households=15)
    return services.contracts.update_draft(
        view.latest.id, content, expected_version=current_version(services.contracts, "update_draft", view.latest.id)
    )


def _sign(services: Services, view: ContractView, on: date) -> ContractView:
    for signatory in view.latest.signatories:
        view = services.contracts.record_signature(
            signatory.id,
            SignatureInput(on, SignatureMethod.EN_MAIN_PROPRE, "Rennes"),
            expected_version=current_version(services.contracts, "record_signature", signatory.id),
        )
    return view


def every_document(services: Services, landlord: OrganisationView) -> Documents:
    """Build one of each generated document (contracts drafted, signed and amended) and return their texts."""
    supported = supported_household(services, landlord)
    grant_all(services, supported)
    grant_siao(services, supported)
    _debt_with_plan(services, supported)
    texts: dict[str, str] = {}
    for kind in CONTRACT_KINDS:
        view = services.contracts.draft(DraftRequest(kind, supported.household_id))
        texts[f"{kind} (brouillon)"] = pdf_text(services.contracts.version_pdf(view.latest.id).content)
        view = _complete(services, view)
        view = services.contracts.send_for_signature(
            view.latest.id, expected_version=current_version(services.contracts, "send_for_signature", view.latest.id)
        )
        view = _sign(services, view, services.context.clock.today())
        texts[kind] = pdf_text(services.contracts.version_pdf(view.latest.id).content)
    amended = services.contracts.amend(
        view.id,
        note="Date de début revue au bilan",
        expected_version=current_version(services.contracts, "amend", view.id),
    )
    texts["avenant"] = pdf_text(services.contracts.version_pdf(amended.latest.id).content)
    framework = services.contracts.draft(DraftRequest("convention_cadre", landlord_id=landlord.id))
    framework = services.contracts.send_for_signature(
        (complete := _complete(services, framework)).latest.id, expected_version=complete.row_version
    )
    texts["convention_cadre"] = pdf_text(services.contracts.version_pdf(framework.latest.id).content)
    sheet = services.liaison_sheets.prepare(
        supported.household_id,
        LiaisonSheetRequest(
            landlord.id,
            ALL_CATEGORIES,
            recipient_contact_id=supported.contact_id,
            message="Merci de nous prévenir avant toute visite du logement.",
            copy_siao=True,
        ),
    )
    texts["fiche navette"] = pdf_text(sheet.pdf.content)
    services.liaison_sheets.record_sent(sheet, channel="remise")
    emails = _alerts(services, supported, texts)
    texts["résumé pour le ménage"] = pdf_text(services.liaison_sheets.household_summary(supported.household_id).content)
    texts["clé de secours"] = pdf_text(
        recovery_key_pdf(
            RecoverySheet(
                "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789",
                "0123456789abcdef",
                date(2026, 6, 15),
                computer_name="Portable accueil",
                organisation_name="Association Le Toit",
            )
        )
    )
    for name, email in emails.items():
        texts[name] = f"{email.subject}\n\n{email.body}"
    return Documents(texts, emails)


def _debt_with_plan(services: Services, supported: Supported) -> None:
    arrears = services.debts.add_debt(
        supported.household_id, DebtInput(Decimal("1250.00"), date(2026, 3, 31), creditor_id=supported.landlord.id)
    )
    services.debts.add_plan(
        arrears.id, PlanInput(Decimal("52.10"), Decimal("180.00"), date(2026, 4, 1), 24, date(2026, 3, 31))
    )


def _alerts(services: Services, supported: Supported, texts: dict[str, str]) -> dict[str, EmailDraft]:
    received = datetime(2026, 6, 15, 7, 0, tzinfo=timezone.utc)
    incoming = services.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            supported.landlord.id,
            received,
            AlertChannel.TELEPHONE,
            description="Deux mois de loyer impayés (avril et mai).",
            amount=Decimal("825.00"),
            partner_contact_id=supported.contact_id,
        )
    )
    outgoing_alert = services.alerts.create(
        AlertInput(
            "probleme_technique",
            supported.household_id,
            supported.landlord.id,
            received,
            AlertChannel.COURRIER,
            description="Le chauffe-eau ne fonctionne plus depuis le 10 juin.",
        )
    )
    outgoing = services.alerts.prepare_outgoing(outgoing_alert.id, contact_id=supported.contact_id)
    texts["lettre d'alerte au bailleur"] = pdf_text(outgoing.letter.content)
    return {
        "accusé de réception (courriel)": services.alerts.acknowledgement_email(incoming.id),
        "alerte au bailleur (courriel)": outgoing.email,
    }
