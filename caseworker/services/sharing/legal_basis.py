"""Grounds in law to share without, or despite, a household member's consent (docs/domain.md §7.5).

A refusal is recorded and support goes on; the documents that would share what was refused are blocked. Only a
legal basis — a court order, a referral the law requires — recorded by the *chef·fe de service*, logged in as
themself, lets them through: for one adult or every adult, one recipient and the categories it names, from the
day it was decided until its end or its withdrawal. The consent rules (:mod:`.rules`) read it where no consent
authorises, and a disclosure made on it names it in the disclosure log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from caseworker.domain import AuditAction
from caseworker.models import Household, HouseholdMembership, LegalBasis, Organisation
from caseworker.services import audit
from caseworker.services.access_policy import TEAM_LEAD_ROLE, require_consent_reader, role_code_of
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError, TransitionError
from caseworker.services.households.adults import ADULT_RULE, is_adult
from caseworker.services.identity import person_display_name, staff_display_name
from caseworker.services.sharing.register import checked_categories
from caseworker.services.validation import PURPOSE_MAX, Problems

EVERY_ADULT = "Tous les adultes du ménage"
TEAM_LEAD_ONLY = (
    "Seul le ou la chef de service, connecté(e) sous son propre nom, enregistre ou retire une base légale : "
    "elle permet de partager malgré un refus."
)


@dataclass(frozen=True)
class LegalBasisInput:
    """What the team lead records: for whom (None: every adult), to whom, what, on what ground, from when."""

    recipient_id: int
    category_codes: tuple[str, ...]
    ground: str
    decided_on: date
    person_id: int | None = None
    ends_on: date | None = None


@dataclass(frozen=True)
class LegalBasisView:
    """A legal basis as the register shows it."""

    id: int
    household_id: int
    person_id: int | None
    person_name: str
    recipient_id: int
    recipient_name: str
    categories: tuple[tuple[str, str], ...]  # (code, label)
    ground: str
    decided_on: date
    ends_on: date | None
    withdrawn_on: date | None
    decided_by_name: str

    @property
    def category_labels(self) -> str:
        """The categories in words, in the register's order."""
        return ", ".join(label for _code, label in self.categories)

    def in_force(self, day: date) -> bool:
        """Tell whether it lets documents through on ``day``."""
        return (
            self.decided_on <= day
            and (self.ends_on is None or day <= self.ends_on)
            and (self.withdrawn_on is None or day < self.withdrawn_on)
        )


class LegalBasisService:
    """Records and withdraws legal bases, by the team lead logged in; lists a household's."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def record(self, household_id: int, data: LegalBasisInput) -> LegalBasisView:
        """Record a legal basis decided by the team lead who is logged in."""
        today = self._ctx.clock.today()
        problems = Problems()
        ground = problems.text(
            "ground", data.ground, label="Base légale", max_length=PURPOSE_MAX, multiline=True, required=True
        )
        problems.date("decided_on", data.decided_on, kind=DateKind.EVENT, label="Date de la décision", today=today)
        if data.ends_on is not None:
            problems.date("ends_on", data.ends_on, kind=DateKind.VALIDITY, label="Fin", today=today)
            if data.ends_on < data.decided_on:
                problems.add("ends_on", "La fin ne peut pas précéder la décision.")
        with self._ctx.transaction() as session:
            decided_by = self._team_lead(session)
            if session.get(Household, household_id) is None:
                raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
            if data.person_id is not None:
                self._check_adult(session, household_id, data.person_id, data.decided_on, problems)
            if session.get(Organisation, data.recipient_id) is None:
                problems.add("recipient_id", "Choisissez le destinataire (bailleur ou partenaire).")
            categories = checked_categories(session, data.category_codes, problems)
            problems.raise_if_any()
            basis = LegalBasis(
                household_id=household_id,
                person_id=data.person_id,
                recipient_id=data.recipient_id,
                ground=ground,
                decided_on=data.decided_on,
                ends_on=data.ends_on,
                decided_by_id=decided_by,
                categories=categories,
            )
            session.add(basis)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "legal_basis", basis.id, household_id=household_id)
            return _view(_get(session, basis.id))

    def withdraw(self, basis_id: int, *, on: date) -> LegalBasisView:
        """Withdraw a legal basis from ``on`` (documents are blocked again from that day)."""
        problems = Problems()
        problems.date("withdrawn_on", on, kind=DateKind.EVENT, label="Date du retrait", today=self._ctx.clock.today())
        with self._ctx.transaction() as session:
            withdrawn_by = self._team_lead(session)
            basis = _get(session, basis_id)
            if basis.withdrawn_on is not None:
                raise TransitionError("Cette base légale a déjà été retirée.")
            if on < basis.decided_on:
                problems.add("withdrawn_on", "Le retrait ne peut pas précéder la décision.")
            problems.raise_if_any()
            basis.withdrawn_on = on
            basis.withdrawn_by_id = withdrawn_by
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "legal_basis",
                basis.id,
                household_id=basis.household_id,
                fields=["withdrawn_on"],
            )
            return _view(basis)

    def may_decide(self) -> bool:
        """Tell whether the person logged in records and withdraws legal bases (a team lead)."""
        with self._ctx.read() as session:
            return role_code_of(session, self._ctx.actor.staff_member_id) == TEAM_LEAD_ROLE

    def for_household(self, household_id: int) -> list[LegalBasisView]:
        """Return the household's legal bases, newest first (whoever reads the consent register reads them)."""
        with self._ctx.read() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            rows = session.scalars(
                _query()
                .where(LegalBasis.household_id == household_id)
                .order_by(LegalBasis.decided_on.desc(), LegalBasis.id.desc())
            )
            return [_view(row) for row in rows]

    def _team_lead(self, session: Session) -> int:
        """Return the person logged in, who must be a team lead (the approval is theirs, made by them)."""
        staff_id = self._ctx.actor.staff_member_id
        if staff_id is None or role_code_of(session, staff_id) != TEAM_LEAD_ROLE:
            raise TransitionError(TEAM_LEAD_ONLY)
        return staff_id

    @staticmethod
    def _check_adult(session: Session, household_id: int, person_id: int, on: date, problems: Problems) -> None:
        membership = session.scalar(
            select(HouseholdMembership)
            .options(joinedload(HouseholdMembership.role), joinedload(HouseholdMembership.person))
            .where(
                HouseholdMembership.household_id == household_id,
                HouseholdMembership.person_id == person_id,
                HouseholdMembership.end_date.is_(None),
            )
        )
        if membership is None:
            problems.add("person_id", "Choisissez un membre actuel du ménage, ou tous les adultes.")
        elif not is_adult(child_role=membership.role.is_child, birth_year=membership.person.birth_year, on=on):
            problems.add("person_id", f"Une base légale vaut pour un adulte du ménage ({ADULT_RULE}).")


def _query() -> Select[LegalBasis]:
    return select(LegalBasis).options(
        selectinload(LegalBasis.categories),
        joinedload(LegalBasis.person),
        joinedload(LegalBasis.recipient),
        joinedload(LegalBasis.decided_by),
    )


def _get(session: Session, basis_id: int) -> LegalBasis:
    basis = session.scalar(_query().where(LegalBasis.id == basis_id))
    if basis is None:
        raise NotFoundError(f"Base légale introuvable (n° {basis_id}).")
    return basis


def _view(basis: LegalBasis) -> LegalBasisView:
    person = basis.person
    return LegalBasisView(
        id=basis.id,
        household_id=basis.household_id,
        person_id=basis.person_id,
        person_name=(
            person_display_name(person.first_name, person.last_name, person.pseudonym) if person else EVERY_ADULT
        ),
        recipient_id=basis.recipient_id,
        recipient_name=basis.recipient.name,
        categories=tuple(sorted(((item.code, item.label) for item in basis.categories), key=lambda pair: pair[0])),
        ground=basis.ground,
        decided_on=basis.decided_on,
        ends_on=basis.ends_on,
        withdrawn_on=basis.withdrawn_on,
        decided_by_name=staff_display_name(basis.decided_by.first_name, basis.decided_by.last_name),
    )
