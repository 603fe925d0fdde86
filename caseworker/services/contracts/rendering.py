"""A version's PDF: the facts it shows, its rendering in memory, and the record of each print or save.

Landlord-facing kinds may carry only C0/C1 information (docs/domain.md §7.2): the document is built from
:class:`caseworker.reports.landlord_facing.ContractFacts`, which has no place for anything else. Once a version
is sent for signature its PDF is frozen inside the encrypted database, and that copy is what prints afterwards;
printing or saving a landlord-facing version is written to the disclosure log.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, ContractStatus
from caseworker.domain.alerts import DIRECTION_LABELS
from caseworker.domain.contracts import CARRIED_BY_LABELS
from caseworker.formats import cents_to_amount
from caseworker.models import Contract, ContractVersion, Document, Organisation
from caseworker.reports.document_model import Letterhead
from caseworker.reports.generated_pdf import GeneratedPdf
from caseworker.reports.landlord_facing import (
    AlertRuleFacts,
    ClauseFacts,
    ContractFacts,
    DebtFacts,
    ObjectiveFacts,
    PartyFacts,
    ReviewFacts,
    SignatoryFacts,
    build_contract_document,
)
from caseworker.services import audit
from caseworker.services.contracts.clauses import (
    fill_placeholders,
    placeholder_values,
    require_consent_reader_for,
    valid_consents,
)
from caseworker.services.contracts.records import ContractUseCases, household_of, load_version
from caseworker.services.contracts.values import contract_reference
from caseworker.services.errors import ValidationError
from caseworker.services.letterhead import LetterheadService
from caseworker.services.sharing import DisclosureEntry, write_disclosure


class ContractDocuments(ContractUseCases):
    """Gives a version's PDF and records each time one is printed or saved."""

    def version_pdf(self, version_id: int) -> GeneratedPdf:
        """Return a version's PDF: the frozen copy once sent for signature, a fresh "PROJET" for a draft."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            version = load_version(session, version_id)
            contract = version.contract
            require_consent_reader_for(session, contract)
            if version.pdf_document_id is not None:
                document = session.get(Document, version.pdf_document_id)
                assert document is not None
                return GeneratedPdf(document.content, document.filename, frozen=True)
            return GeneratedPdf(
                render_version(session, contract, version, self._letterhead, today),
                pdf_filename(contract, version),
                frozen=False,
            )

    def record_export(self, version_id: int, *, channel: str) -> None:
        """Record that a version was printed or saved (``channel``: "print" or "file").

        A landlord-facing version sent for signature or later goes to the landlord: it is written to the
        disclosure log too (the household signs the document itself; the consents valid today are linked).
        """
        if channel not in {"print", "file"}:
            raise ValidationError({"channel": "Indiquez si la version a été imprimée ou enregistrée."})
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            version = load_version(session, version_id)
            contract = version.contract
            require_consent_reader_for(session, contract)
            audit.record(
                session,
                self._ctx,
                AuditAction.EXPORT,
                "contract_version",
                version.id,
                household_id=household_of(contract),
                fields=[channel],
            )
            if (
                contract.kind.landlord_facing
                and contract.landlord_id is not None
                and version.status is not ContractStatus.BROUILLON
            ):
                allowed = valid_consents(session, contract.household_id, contract.landlord_id, today)
                consents = [consent for consent, _allowed in allowed]
                write_disclosure(
                    session,
                    self._ctx,
                    DisclosureEntry(
                        household_id=contract.household_id,
                        recipient_id=contract.landlord_id,
                        recipient_contact_id=None,
                        channel="impression" if channel == "print" else "fichier",
                        document_kind=contract.kind.code,
                        document_reference=f"{contract_reference(contract.id)} v{version.number}",
                        categories=sorted({code for _consent, item in allowed for code in item.categories}),
                        fields=("parties", "objectifs", "engagements", "calendrier", "clauses"),
                        sha256=version.pdf_sha256,
                    ),
                    consents=consents,
                    legal_basis="Document soumis à la signature de chaque partie, dont le ménage.",
                )


def render_version(
    session: Session, contract: Contract, version: ContractVersion, letterhead: LetterheadService, today: date
) -> bytes:
    """Render a version's PDF in memory, as it reads today (ReportLab is loaded only now)."""
    from caseworker.reports.pdf import render_pdf

    facts = contract_facts(session, contract, version, letterhead.letterhead(session), today)
    return render_pdf(build_contract_document(facts))


def pdf_filename(contract: Contract, version: ContractVersion) -> str:
    """Return the name a version's PDF is offered under: kind, reference and version number."""
    return f"{contract.kind.label} {contract_reference(contract.id)} v{version.number}.pdf"


def contract_facts(
    session: Session, contract: Contract, version: ContractVersion, letterhead: Letterhead, today: date
) -> ContractFacts:
    """Gather what a version's document shows (C0/C1 only: see the module docstring)."""
    values = placeholder_values(session, contract, version, today)
    own = session.scalar(select(Organisation).where(Organisation.is_own).limit(1))
    association = PartyFacts(
        own.name if own else letterhead.organisation_name,
        tuple(line for line in ((own.address if own else ""), (own.phone if own else "")) if line),
    )
    landlord = None
    if contract.landlord is not None:
        landlord = PartyFacts(contract.landlord.name, tuple(line for line in (contract.landlord.address,) if line))
    household = None
    if contract.household_id is not None:
        lines = tuple(line for line in (values.get("logement", ""),) if line)
        household = PartyFacts(values.get("menage", ""), lines)
    previous = next((v for v in contract.versions if v.number == version.number - 1), None)
    kind = contract.kind
    debt = None
    if kind.with_debt:
        debt = DebtFacts(
            cents_to_amount(version.debt_cents),
            version.debt_as_of,
            cents_to_amount(version.instalment_cents),
            version.instalment_months,
        )
    order = kind.signing_parties.split()
    return ContractFacts(
        kind_label=kind.label,
        nature_notice=kind.nature_notice,
        reference=contract_reference(contract.id),
        version=version.number,
        version_date=version.sent_for_signature_on or version.drafted_on,
        letterhead=letterhead,
        title=version.title,
        association=association,
        landlord=landlord,
        household=household,
        clauses=tuple(ClauseFacts(c.code, c.title, fill_placeholders(c.body, values)) for c in version.clauses),
        objectives=tuple(
            ObjectiveFacts(o.text, CARRIED_BY_LABELS[o.owner], o.theme.label if o.theme else "")
            for o in version.objectives
        ),
        commitments=_commitments(version, order),
        reviews=tuple(ReviewFacts(r.due_on, r.label) for r in version.reviews),
        signing_parties=tuple(order),
        signatories=tuple(
            SignatoryFacts(s.party.value, s.name, s.capacity, s.signed_on, s.signed_place) for s in version.signatories
        ),
        alert_rules=_alert_rules(version),
        debt=debt,
        amendment_note=version.amendment_note,
        previous_version_date=(previous.sent_for_signature_on or previous.drafted_on) if previous else None,
        place=_town(own.address) if own else "",
        draft=version.status is ContractStatus.BROUILLON,
        landlord_facing=kind.landlord_facing,
        shares_information=bool(valid_consents(session, contract.household_id, contract.landlord_id or -1, today)),
    )


def _commitments(version: ContractVersion, order: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each party's commitments, the parties in signing order."""
    commitments_by_party: dict[str, list[str]] = {}
    for commitment in version.commitments:
        commitments_by_party.setdefault(commitment.party.value, []).append(commitment.text)
    return tuple(
        (party, tuple(commitments_by_party.get(party, ())))
        for party in sorted(commitments_by_party, key=lambda p: order.index(p) if p in order else 99)
    )


def _alert_rules(version: ContractVersion) -> tuple[AlertRuleFacts, ...]:
    return tuple(
        AlertRuleFacts(
            rule.alert_type.label,
            DIRECTION_LABELS.get(rule.alert_type.direction, ""),
            rule.acknowledge_days,
            rule.action_days,
        )
        for rule in sorted(version.alert_rules, key=lambda r: (r.alert_type.sort_order, r.alert_type_id))
    )


def _town(address: str) -> str:
    """The town of an address whose line reads "35000 Rennes" ("" when there is none): where a contract is made.

    The territory is no place to sign in ("Fait à Bretagne"): without a town the line is left to fill in by hand.
    """
    for line in reversed(address.splitlines()):
        match = re.match(r"^\s*\d{5}\s+(.+?)\s*$", line)
        if match:
            return match.group(1)
    return ""
