"""Reading contracts: the Contrats section (list, filters, reviews due), a household's contracts, one contract.

A contract's overall status is derived from its versions (the end recorded on the contract, else the version in
force, else the newest); its dates and next review come from the version in force, else the newest one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import ContractStatus
from caseworker.domain.alerts import DIRECTION_LABELS
from caseworker.domain.contracts import CARRIED_BY_LABELS, CONTRACT_STATUS_LABELS
from caseworker.domain.parties import PARTY_LABELS
from caseworker.formats import cents_to_amount
from caseworker.models import Contract, ContractKind, ContractVersion, Document, Episode
from caseworker.services.calendar import territory_label
from caseworker.services.contracts.clauses import fill_placeholders, placeholder_values, term_label
from caseworker.services.contracts.records import ContractUseCases, load_contract
from caseworker.services.contracts.templates import kind_view
from caseworker.services.contracts.values import (
    PENDING,
    AlertRuleView,
    ClauseView,
    CommitmentLine,
    ContractFilter,
    ContractSummary,
    ContractVersionView,
    ContractView,
    ObjectiveLineView,
    ReviewLine,
    ScanView,
    SignatoryView,
    contract_reference,
)
from caseworker.services.households import display_names_for

REVIEW_SOON_DAYS = 30


class ContractReading(ContractUseCases):
    """Reads contracts as the Contrats section, the household's tab and the contract panel show them."""

    def contract(self, contract_id: int) -> ContractView:
        """Return one contract with its versions."""
        with self._ctx.read() as session:
            return contract_view(session, load_contract(session, contract_id), self._ctx.clock.today())

    def contracts_for(self, household_id: int) -> list[ContractSummary]:
        """Return the household's contracts, newest first."""
        return self.list_contracts(ContractFilter(), household_id=household_id)

    def list_contracts(self, data: ContractFilter, *, household_id: int | None = None) -> list[ContractSummary]:
        """Return contracts matching the filter, newest first (the Contrats section)."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            query = select(Contract).options(
                selectinload(Contract.kind),
                selectinload(Contract.landlord),
                selectinload(Contract.versions).selectinload(ContractVersion.reviews),
            )
            if household_id is not None:
                query = query.where(Contract.household_id == household_id)
            if data.kind_code:
                query = query.join(ContractKind).where(ContractKind.code == data.kind_code)
            if data.landlord_id is not None:
                query = query.where(Contract.landlord_id == data.landlord_id)
            if not data.include_ended:
                query = query.where(Contract.ended_on.is_(None))
            contracts = list(session.scalars(query.order_by(Contract.id.desc())))
            names = display_names_for(session, {c.household_id for c in contracts if c.household_id is not None})
            rows = []
            for contract in contracts:
                row = summary(contract, names.get(contract.household_id or 0, ""), today)
                if data.status is not None and row.status is not data.status:
                    continue
                if data.reviews_due and not row.review_soon:
                    continue
                rows.append(row)
            return rows


# ----------------------------------------------------------------------------------------- status and dates


def overall_status(contract: Contract) -> ContractStatus:
    """Return the status of the contract as a whole: its end, else in force if a version is, else the newest's."""
    if contract.end_status is not None:
        return contract.end_status
    if any(v.status is ContractStatus.EN_VIGUEUR for v in contract.versions):
        return ContractStatus.EN_VIGUEUR
    return contract.versions[-1].status


def reference_version(contract: Contract) -> ContractVersion | None:
    """The version whose dates and reviews describe the contract: the one in force, else the newest."""
    in_force = next((v for v in reversed(contract.versions) if v.status is ContractStatus.EN_VIGUEUR), None)
    return in_force or (contract.versions[-1] if contract.versions else None)


def _status_label(contract: Contract) -> str:
    status = overall_status(contract)
    label = CONTRACT_STATUS_LABELS[status]
    latest = contract.versions[-1]
    if status is ContractStatus.EN_VIGUEUR and latest.status in PENDING:
        label += f" · avenant n° {latest.number - 1} " + (
            "en préparation" if latest.status is ContractStatus.BROUILLON else "à signer"
        )
    return label


def _next_review(version: ContractVersion | None, today: date) -> tuple[date | None, bool]:
    if version is None:
        return None, False
    upcoming = sorted(review.due_on for review in version.reviews if review.due_on >= today)
    if not upcoming:
        return None, False
    return upcoming[0], (upcoming[0] - today).days <= REVIEW_SOON_DAYS


# ------------------------------------------------------------------------------------------------ builders


def summary(contract: Contract, name: str, today: date) -> ContractSummary:
    """Return a contract as a row of a list (``name``: the household's display name, "" for none)."""
    reference = reference_version(contract)
    review_on, soon = _next_review(reference, today) if contract.ended_on is None else (None, False)
    return ContractSummary(
        id=contract.id,
        reference=contract_reference(contract.id),
        kind_code=contract.kind.code,
        kind_label=contract.kind.label,
        household_id=contract.household_id,
        household_name=name,
        landlord_id=contract.landlord_id,
        landlord_name=contract.landlord.name if contract.landlord else "",
        status=overall_status(contract),
        status_label=_status_label(contract),
        version=reference.number if reference else 0,
        starts_on=reference.starts_on if reference else None,
        ends_on=reference.ends_on if reference else None,
        next_review_on=review_on,
        review_soon=soon,
    )


def version_view(version: ContractVersion, today: date, values: dict[str, str] | None = None) -> ContractVersionView:
    """Return one version as the UI shows it (``values``: the placeholders' values, for a draft's clauses)."""
    scan = None
    if version.scan_document_id is not None:
        scan = ScanView(version.scan_document_id, "", 0)
    return ContractVersionView(
        id=version.id,
        number=version.number,
        status=version.status,
        status_label=CONTRACT_STATUS_LABELS[version.status],
        title=version.title,
        starts_on=version.starts_on,
        ends_on=version.ends_on,
        term_label=term_label(version.starts_on, version.ends_on),
        amendment_note=version.amendment_note,
        clauses=tuple(
            ClauseView(c.code, c.title, c.body, c.required, fill_placeholders(c.body, values or {}))
            for c in version.clauses
        ),
        objectives=_objective_views(version),
        commitments=tuple(CommitmentLine(c.party, c.text) for c in version.commitments),
        reviews=tuple(ReviewLine(r.due_on, r.label) for r in version.reviews),
        signatories=_signatory_views(version),
        alert_rules=_alert_rule_views(version),
        debt=cents_to_amount(version.debt_cents),
        debt_as_of=version.debt_as_of,
        instalment=cents_to_amount(version.instalment_cents),
        instalment_months=version.instalment_months,
        sublease_months=version.sublease_months,
        sublease_renewals=version.sublease_renewals,
        target_households=version.target_households,
        territory=version.territory,
        territory_label=territory_label(version.territory) if version.territory else "",
        drafted_on=version.drafted_on,
        sent_for_signature_on=version.sent_for_signature_on,
        in_force_on=version.in_force_on,
        replaced_on=version.replaced_on,
        pdf_sha256=version.pdf_sha256,
        scan=scan,
        template_version=version.template.version if version.template else None,
    )


def _objective_views(version: ContractVersion) -> tuple[ObjectiveLineView, ...]:
    return tuple(
        ObjectiveLineView(
            o.text,
            o.owner,
            CARRIED_BY_LABELS[o.owner],
            o.theme.code if o.theme else None,
            o.theme.label if o.theme else "",
            o.objective_id,
        )
        for o in version.objectives
    )


def _signatory_views(version: ContractVersion) -> tuple[SignatoryView, ...]:
    return tuple(
        SignatoryView(
            s.id,
            s.party,
            PARTY_LABELS[s.party],
            s.name,
            s.capacity,
            s.person_id,
            s.staff_member_id,
            s.partner_contact_id,
            s.signed_on,
            s.signed_place,
            s.signed_how,
        )
        for s in version.signatories
    )


def _alert_rule_views(version: ContractVersion) -> tuple[AlertRuleView, ...]:
    return tuple(
        AlertRuleView(
            r.alert_type.code,
            r.alert_type.label,
            DIRECTION_LABELS.get(r.alert_type.direction, ""),
            r.acknowledge_days,
            r.action_days,
        )
        for r in sorted(version.alert_rules, key=lambda r: (r.alert_type.sort_order, r.alert_type_id))
    )


def contract_view(session: Session, contract: Contract, today: date) -> ContractView:
    """Return a contract loaded whole (``records.load_contract``) with all its versions, as the UI shows it."""
    names = display_names_for(session, [contract.household_id] if contract.household_id else [])
    scans = {
        document.id: (document.filename, document.size)
        for document in session.execute(
            select(Document.id, Document.filename, Document.size).where(
                Document.id.in_([v.scan_document_id for v in contract.versions if v.scan_document_id])
            )
        ).all()
    }
    versions = []
    for version in contract.versions:
        values = (
            placeholder_values(session, contract, version, today) if version.status is ContractStatus.BROUILLON else {}
        )
        view = version_view(version, today, values)
        if view.scan is not None and view.scan.document_id in scans:
            filename, size = scans[view.scan.document_id]
            view = replace(view, scan=ScanView(view.scan.document_id, filename, size))
        versions.append(view)
    reference = reference_version(contract)
    review_on, soon = _next_review(reference, today) if contract.ended_on is None else (None, False)
    measure = ""
    if contract.episode_id is not None:
        episode = session.get(Episode, contract.episode_id)
        measure = episode.measure.name if episode else ""
    kind = kind_view(contract.kind)
    return ContractView(
        id=contract.id,
        row_version=contract.row_version,
        reference=contract_reference(contract.id),
        kind_code=kind.code,
        kind_label=kind.label,
        landlord_facing=kind.landlord_facing,
        signing_parties=kind.signing_parties,
        with_debt=kind.with_debt,
        with_alert_rules=kind.with_alert_rules,
        household_id=contract.household_id,
        household_name=names.get(contract.household_id or 0, ""),
        landlord_id=contract.landlord_id,
        landlord_name=contract.landlord.name if contract.landlord else "",
        episode_id=contract.episode_id,
        measure_label=measure,
        versions=tuple(versions),
        ended_on=contract.ended_on,
        end_status=contract.end_status,
        end_reason=contract.end_reason,
        status=overall_status(contract),
        status_label=_status_label(contract),
        next_review_on=review_on,
        review_soon=soon,
    )
