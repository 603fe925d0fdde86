"""The life of a contract: a draft edited, sent for signature, signed, scanned, amended, ended.

Lifecycle of a version (docs/domain.md §3.6): brouillon → en_signature (its PDF is frozen inside the encrypted
database) → en_vigueur once every signatory's signature is recorded (the version it amends becomes ``remplace``
then) → échu or résilié when the contract ends. Only a draft can be edited; a version in force is changed by an
amendment (avenant): a new draft version copied from it, while it stays in force until the amendment is signed.
Signatures are collected on paper; the signed copy's scan is kept inside the encrypted database.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, ContractStatus
from caseworker.domain.contracts import CONTRACT_STATUS_LABELS
from caseworker.formats import format_date, format_list
from caseworker.models import Contract, ContractSignatory, ContractVersion, Document
from caseworker.services import audit
from caseworker.services.contracts.clauses import require_consent_reader_for
from caseworker.services.contracts.content import apply_content, check_complete, check_content
from caseworker.services.contracts.records import (
    ContractUseCases,
    check_editable,
    household_of,
    load_contract,
    load_version,
)
from caseworker.services.contracts.rendering import pdf_filename, render_version
from caseworker.services.contracts.values import (
    ENDED,
    PENDING,
    ContractContent,
    ContractView,
    SignatureInput,
)
from caseworker.services.contracts.views import contract_view, version_view
from caseworker.services.date_rules import DateKind
from caseworker.services.documents import Attachment, new_document
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.row_versions import claim_version
from caseworker.services.validation import LONG_TEXT_MAX, NAME_MAX, Problems

SCAN_MAX_BYTES = 25 * 1024 * 1024
SCAN_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


class ContractLifecycle(ContractUseCases):
    """Takes a contract's versions from draft through signature to amendment and end."""

    def update_draft(self, version_id: int, data: ContractContent, *, expected_version: int) -> ContractView:
        """Replace the whole content of a draft version."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            version = load_version(session, version_id)
            claim_version(session, self._ctx, Contract, version.contract_id, expected_version)
            contract = version.contract
            check_editable(version)
            problems = Problems()
            cleaned = check_content(session, contract, data, problems, today, amendment=version.number > 1)
            problems.raise_if_any()
            apply_content(session, version, cleaned)
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "contract_version",
                version.id,
                household_id=household_of(contract),
            )
            return contract_view(session, contract, today)

    def discard_draft(self, version_id: int, *, expected_version: int) -> ContractView | None:
        """Delete a draft; discarding the first version deletes the contract (returns None then)."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            version = load_version(session, version_id)
            claim_version(session, self._ctx, Contract, version.contract_id, expected_version)
            contract = version.contract
            check_editable(version)
            household = household_of(contract)
            if version.number == 1:
                audit.record(session, self._ctx, AuditAction.DELETE, "contract", contract.id, household_id=household)
                session.delete(contract)
                return None
            audit.record(session, self._ctx, AuditAction.DELETE, "contract_version", version.id, household_id=household)
            contract.versions.remove(version)
            session.flush()
            return contract_view(session, contract, today)

    # signature -------------------------------------------------------------------------------------------

    def send_for_signature(self, version_id: int, *, expected_version: int) -> ContractView:
        """Check that the draft is complete, freeze its PDF and wait for the signatures."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            version = load_version(session, version_id)
            claim_version(session, self._ctx, Contract, version.contract_id, expected_version)
            contract = version.contract
            check_editable(version)
            require_consent_reader_for(session, contract)
            check_complete(session, contract, version, today)
            version.status = ContractStatus.EN_SIGNATURE
            version.sent_for_signature_on = today
            session.flush()
            pdf = render_version(session, contract, version, self._letterhead, today)
            document = new_document(
                Attachment(pdf_filename(contract, version), pdf, "application/pdf"),
                household_id=contract.household_id,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            session.add(document)
            session.flush()
            version.pdf_document_id = document.id
            version.pdf_sha256 = document.sha256
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "contract_version",
                version.id,
                household_id=household_of(contract),
                fields=["status"],
            )
            return contract_view(session, contract, today)

    def back_to_draft(self, version_id: int, *, expected_version: int) -> ContractView:
        """Take a version awaiting signatures back to draft (only before anyone has signed)."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            version = load_version(session, version_id)
            claim_version(session, self._ctx, Contract, version.contract_id, expected_version)
            contract = version.contract
            if version.status is not ContractStatus.EN_SIGNATURE:
                raise ValidationError(
                    {"status": "Seul un document en attente de signature peut redevenir un brouillon."}
                )
            signed = [s.name for s in version.signatories if s.signed_on is not None]
            if signed:
                have = "ont" if len(signed) > 1 else "a"
                raise ValidationError(
                    {
                        "status": f"{format_list(signed)} {have} déjà signé cette version : elle ne peut plus être "
                        "modifiée. Enregistrez les autres signatures, puis préparez un avenant."
                    }
                )
            frozen = version.pdf_document_id
            version.status = ContractStatus.BROUILLON
            version.sent_for_signature_on = None
            version.pdf_document_id = None
            version.pdf_sha256 = ""
            session.flush()
            if frozen is not None:
                session.execute(delete(Document).where(Document.id == frozen))
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "contract_version",
                version.id,
                household_id=household_of(contract),
                fields=["status"],
            )
            return contract_view(session, contract, today)

    def record_signature(self, signatory_id: int, data: SignatureInput, *, expected_version: int) -> ContractView:
        """Record one signature; when every signatory has signed, the version comes into force."""
        today = self._ctx.clock.today()
        problems = Problems()
        place = problems.text("place", data.place, label="Lieu", max_length=NAME_MAX)
        with self._ctx.transaction() as session:
            signatory = session.get(ContractSignatory, signatory_id)
            if signatory is None:
                raise NotFoundError("Ce signataire n'existe plus.")
            claim_version(session, self._ctx, Contract, signatory.version.contract_id, expected_version)
            version = signatory.version
            contract = version.contract
            if version.status is not ContractStatus.EN_SIGNATURE:
                raise ValidationError(
                    {
                        "signed_on": "Les signatures s'enregistrent sur une version envoyée à la signature "
                        f"(ici : « {CONTRACT_STATUS_LABELS[version.status]} »)."
                    }
                )
            sent = version.sent_for_signature_on
            assert sent is not None
            problems.date("signed_on", data.signed_on, kind=DateKind.EVENT, label="Date de signature", today=today)
            if "signed_on" not in problems.errors and data.signed_on < sent:
                problems.add(
                    "signed_on",
                    f"La date de signature ne peut pas précéder l'envoi à la signature ({format_date(sent)}).",
                )
            problems.raise_if_any()
            signatory.signed_on = data.signed_on
            signatory.signed_place = place
            signatory.signed_how = data.method
            signatory.recorded_at = self._ctx.clock.now()
            signatory.recorded_by_id = self._ctx.actor.staff_member_id
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "contract_signatory",
                signatory.id,
                household_id=household_of(contract),
                fields=["signed_on", "signed_place", "signed_how"],
            )
            if all(item.signed_on is not None for item in version.signatories):
                self._bring_into_force(session, contract, version)
            return contract_view(session, contract, today)

    def attach_scan(self, version_id: int, attachment: Attachment, *, expected_version: int) -> ContractView:
        """Store the scanned signed copy inside the encrypted database (replacing an earlier scan)."""
        today = self._ctx.clock.today()
        suffix = "." + attachment.filename.rsplit(".", 1)[-1].lower() if "." in attachment.filename else ""
        problems = Problems()
        if suffix not in SCAN_TYPES:
            problems.add("scan", "Joignez un PDF ou une image (PNG, JPEG) du document signé.")
        if not attachment.content:
            problems.add("scan", "Le fichier est vide.")
        if len(attachment.content) > SCAN_MAX_BYTES:
            problems.add("scan", "Le fichier dépasse 25 Mo : numérisez en niveaux de gris ou à 200 points par pouce.")
        filename, media_type = problems.file(
            "scan", attachment.filename, attachment.media_type, default_type=SCAN_TYPES.get(suffix, "")
        )
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            version = load_version(session, version_id)
            claim_version(session, self._ctx, Contract, version.contract_id, expected_version)
            contract = version.contract
            if version.status is ContractStatus.BROUILLON:
                raise ValidationError({"scan": "Un brouillon n'est pas signé : envoyez-le d'abord à la signature."})
            document = new_document(
                Attachment(filename, attachment.content, media_type),
                household_id=contract.household_id,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            session.add(document)
            session.flush()
            replaced = version.scan_document_id
            version.scan_document_id = document.id
            session.flush()
            if replaced is not None:
                session.execute(delete(Document).where(Document.id == replaced))
            audit.record(
                session,
                self._ctx,
                AuditAction.CREATE,
                "document",
                document.id,
                household_id=household_of(contract),
            )
            return contract_view(session, contract, today)

    def scan(self, version_id: int) -> Attachment:
        """Return the signed copy (recording that it was viewed)."""
        with self._ctx.transaction() as session:
            version = load_version(session, version_id)
            require_consent_reader_for(session, version.contract)  # the signed copy names the consents too
            if version.scan_document_id is None:
                raise NotFoundError("Aucun exemplaire signé n'est joint à cette version.")
            document = session.get(Document, version.scan_document_id)
            assert document is not None
            return audit.read_document(session, self._ctx, document, household_id=household_of(version.contract))

    # amendments and end ----------------------------------------------------------------------------------

    def amend(self, contract_id: int, *, note: str, expected_version: int) -> ContractView:
        """Prepare an amendment (avenant): a draft copied from the version in force, which stays in force."""
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text(
            "amendment_note", note, label="Objet de l'avenant", max_length=LONG_TEXT_MAX, multiline=True, required=True
        )
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Contract, contract_id, expected_version)
            contract = load_contract(session, contract_id)
            if contract.ended_on is not None:
                raise ValidationError({"status": "Ce contrat a pris fin : un nouveau contrat doit être rédigé."})
            latest = contract.versions[-1]
            if latest.status in PENDING:
                raise ValidationError(
                    {
                        "status": f"La version {latest.number} ({CONTRACT_STATUS_LABELS[latest.status].lower()}) "
                        "est déjà en préparation : terminez-la ou supprimez-la avant un nouvel avenant."
                    }
                )
            current = next((v for v in reversed(contract.versions) if v.status is ContractStatus.EN_VIGUEUR), None)
            if current is None:
                raise ValidationError(
                    {"status": "Un avenant modifie une version en vigueur : celle-ci n'est pas encore signée."}
                )
            copy = ContractVersion(
                contract_id=contract.id,
                number=latest.number + 1,
                status=ContractStatus.BROUILLON,
                template_id=current.template_id,
                drafted_on=today,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            contract.versions.append(copy)
            content = version_view(current, today).content()
            cleaned = check_content(session, contract, content, Problems(), today, amendment=False)
            apply_content(session, copy, cleaned)
            copy.amendment_note = note
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.CREATE,
                "contract_version",
                copy.id,
                household_id=household_of(contract),
            )
            return contract_view(session, contract, today)

    def end_contract(
        self, contract_id: int, *, on: date, status: ContractStatus, reason: str, expected_version: int
    ) -> ContractView:
        """End a contract in force: at its term (échu) or early (résilié, with a reason)."""
        today = self._ctx.clock.today()
        problems = Problems()
        reason = problems.text(
            "reason",
            reason,
            label="Motif",
            max_length=LONG_TEXT_MAX,
            multiline=True,
            required=status is ContractStatus.RESILIE,
        )
        if status not in ENDED:
            problems.add("status", "Un contrat prend fin à son échéance ou par résiliation.")
        problems.date("on", on, kind=DateKind.EVENT, label="Date de fin", today=today)
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Contract, contract_id, expected_version)
            contract = load_contract(session, contract_id)
            if contract.ended_on is not None:
                raise ValidationError({"status": f"Ce contrat a déjà pris fin le {format_date(contract.ended_on)}."})
            current = next((v for v in reversed(contract.versions) if v.status is ContractStatus.EN_VIGUEUR), None)
            if current is None:
                raise ValidationError(
                    {"status": "Ce contrat n'a jamais été signé : supprimez le brouillon au lieu d'y mettre fin."}
                )
            assert current.in_force_on is not None
            if on < current.in_force_on:
                problems.add(
                    "on", f"La fin ne peut pas précéder l'entrée en vigueur ({format_date(current.in_force_on)})."
                )
            problems.raise_if_any()
            current.status = status
            contract.ended_on = on
            contract.end_status = status
            contract.end_reason = reason
            for version in contract.versions:
                if version.status is ContractStatus.BROUILLON:
                    contract.versions.remove(version)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "contract",
                contract.id,
                household_id=household_of(contract),
                fields=["ended_on", "end_status", "end_reason"],
            )
            return contract_view(session, contract, today)

    def _bring_into_force(self, session: Session, contract: Contract, version: ContractVersion) -> None:
        signed_dates = [item.signed_on for item in version.signatories if item.signed_on is not None]
        in_force_on = max(signed_dates)
        for other in contract.versions:
            if other.status is ContractStatus.EN_VIGUEUR and other.id != version.id:
                other.status = ContractStatus.REMPLACE
                other.replaced_on = in_force_on
        version.status = ContractStatus.EN_VIGUEUR
        version.in_force_on = in_force_on
        audit.record(
            session,
            self._ctx,
            AuditAction.UPDATE,
            "contract_version",
            version.id,
            household_id=household_of(contract),
            fields=["status"],
        )
