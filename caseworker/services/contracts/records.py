"""Loading a contract with everything its views need, and what every group of contract use cases starts from.

A contract is read whole (its kind, landlord and every version with its clauses, objectives, commitments,
reviews, signatories and alert rules: one query per collection), because its views, its PDF and its status all
look at several versions at once.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import ContractStatus
from caseworker.domain.contracts import CONTRACT_STATUS_LABELS
from caseworker.models import Contract, ContractObjective, ContractVersion, ConventionAlertRule
from caseworker.services.context import ServiceContext
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.letterhead import LetterheadService


class ContractUseCases:
    """What each group of contract use cases holds: the context (sessions, clock, actor) and the letterhead.

    :class:`caseworker.services.contracts.ContractService` gathers the groups (reading, drafting, lifecycle,
    documents) into the one service the application builds.
    """

    def __init__(self, ctx: ServiceContext, letterhead: LetterheadService) -> None:
        self._ctx = ctx
        self._letterhead = letterhead


def load_contract(session: Session, contract_id: int) -> Contract:
    """Return a contract with every version and what they hold, or refuse an id that no longer exists."""
    contract = session.scalar(
        select(Contract)
        .where(Contract.id == contract_id)
        .options(
            selectinload(Contract.kind),
            selectinload(Contract.landlord),
            selectinload(Contract.versions).selectinload(ContractVersion.clauses),
            selectinload(Contract.versions)
            .selectinload(ContractVersion.objectives)
            .selectinload(ContractObjective.theme),
            selectinload(Contract.versions).selectinload(ContractVersion.commitments),
            selectinload(Contract.versions).selectinload(ContractVersion.reviews),
            selectinload(Contract.versions).selectinload(ContractVersion.signatories),
            selectinload(Contract.versions)
            .selectinload(ContractVersion.alert_rules)
            .selectinload(ConventionAlertRule.alert_type),
            selectinload(Contract.versions).selectinload(ContractVersion.template),
        )
    )
    if contract is None:
        raise NotFoundError("Ce contrat n'existe plus.")
    return contract


def load_version(session: Session, version_id: int) -> ContractVersion:
    """Return a version, its contract loaded whole (:func:`load_contract`)."""
    version = session.get(ContractVersion, version_id)
    if version is None:
        raise NotFoundError("Cette version du contrat n'existe plus.")
    load_contract(session, version.contract_id)  # loads the whole contract with its versions
    return version


def household_of(contract: Contract) -> int | None:
    """Return the household a contract is about (None for a convention cadre)."""
    return contract.household_id


def check_editable(version: ContractVersion) -> None:
    """Refuse to change a version that is no longer a draft: a signed version is changed by an amendment."""
    if version.status is not ContractStatus.BROUILLON:
        raise ValidationError(
            {
                "status": f"La version {version.number} est « {CONTRACT_STATUS_LABELS[version.status].lower()} » : "
                "une version envoyée à la signature ou signée ne se modifie plus. Préparez un avenant."
            }
        )
