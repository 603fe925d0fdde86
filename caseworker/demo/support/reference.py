"""What the support step reads from the store once per generation: the measures, the picklists and the staff.

Everything is read by code (never by a hard-coded id) inside the generation's transaction; a measure or a role
the demo needs that was deleted in Paramètres is reported in French (:class:`DemoReferenceDataError`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.demo.reference import CodeMap, DemoReferenceDataError, code_map
from caseworker.demo.support.tables import (
    DAYS_PER_MONTH,
    HANDOVER_SERVICES,
    LEVEL_ORDER,
    MEASURE_WEIGHTS,
    NEGOTIATED_EXTENSION_MONTHS,
    UNLIMITED_EXTENSIONS_DRAWN,
)
from caseworker.domain import DurationPolicy
from caseworker.models import (
    ContactOutcome,
    ContactType,
    ExitReason,
    IntensityLevel,
    Measure,
    NoFollowUpReason,
    Organisation,
    OrganisationKind,
    PartnerContact,
    PartnerRole,
    StaffMember,
    StaffRole,
    SuspensionReason,
    TeamRole,
    Topic,
)
from caseworker.services.support.durations import DurationRule


@dataclass(frozen=True)
class MeasureInfo:
    """What the generator needs of a measure of the catalogue."""

    id: int
    code: str
    funders: str
    rule: DurationRule
    max_extensions: int | None
    review_start_months: int
    review_end_months: int
    review_every_months: int
    levels: dict[str, int]  # intensity level code → id
    interval_days: dict[str, float]  # level code → days between two expected contacts

    def running_days(self) -> int:
        """Return the longest a running episode may have lasted, with every extension the policy allows."""
        months = self.rule.months or 0
        if self.rule.policy is DurationPolicy.RENEWABLE:
            months *= 1 + (self.max_extensions or 0)
        elif self.rule.policy is DurationPolicy.MAX_PLUS_EXTENSION:
            drawn = UNLIMITED_EXTENSIONS_DRAWN if self.max_extensions is None else self.max_extensions
            months += NEGOTIATED_EXTENSION_MONTHS * drawn
        return int(months * DAYS_PER_MONTH) - 5

    def extension_months(self) -> int:
        """Return how long one extension adds."""
        if self.rule.policy is DurationPolicy.RENEWABLE and self.rule.months:
            return self.rule.months
        return NEGOTIATED_EXTENSION_MONTHS


@dataclass(frozen=True)
class StaffInfo:
    """A professional who can join teams."""

    id: int
    role: str
    organisation_id: int
    may_coordinate: bool


@dataclass
class SupportReference:
    """Catalogue, picklists and people the support step draws from, read once per generation."""

    measures: dict[str, MeasureInfo]
    topic: CodeMap
    contact_type: CodeMap
    outcome: CodeMap
    team_role: CodeMap
    suspension_reason: CodeMap
    exit_reason: CodeMap
    no_follow_up_reason: CodeMap
    coordinators: list[StaffInfo]
    team_leads: list[StaffInfo]
    peers: list[StaffInfo]
    health: list[StaffInfo]
    lawyers: list[StaffInfo]
    actor: StaffInfo | None
    landlord_contacts: dict[int, list[int]]  # organisation id → partner contacts, referent first
    handover_contacts: list[tuple[str, int]]  # (kind of service, partner contact id)


def load_support_reference(session: Session, own_organisation_id: int, actor_staff_id: int | None) -> SupportReference:
    """Read the measures, picklists and staff the support step needs (inside the generation's transaction)."""
    measures = _measures(session)
    staff = _active_staff(session)
    actor = _actor(session, staff, actor_staff_id)
    others = [item for item in staff if item.id != actor_staff_id]
    coordinators = _coordinators(others, own_organisation_id, actor)
    landlord_contacts, handover_contacts = _partner_contacts(session)
    return SupportReference(
        measures=measures,
        topic=code_map(session, Topic, "Thèmes"),
        contact_type=code_map(session, ContactType, "Types de contact"),
        outcome=code_map(session, ContactOutcome, "Issues de contact"),
        team_role=code_map(session, TeamRole, "Rôles dans l'équipe"),
        suspension_reason=code_map(session, SuspensionReason, "Motifs de suspension"),
        exit_reason=code_map(session, ExitReason, "Motifs de sortie"),
        no_follow_up_reason=code_map(session, NoFollowUpReason, "Motifs de fin sans suite"),
        coordinators=coordinators,
        team_leads=[item for item in others if item.role == "chef_service"] or coordinators,
        peers=[item for item in others if item.role == "travailleur_pair"],
        health=[item for item in others if item.role in {"infirmier", "psychologue"}],
        lawyers=[item for item in others if item.role == "juriste"],
        actor=actor,
        landlord_contacts=landlord_contacts,
        handover_contacts=handover_contacts,
    )


def _measures(session: Session) -> dict[str, MeasureInfo]:
    """The active measures of the original catalogue that still have their whole intensity scale."""
    levels: dict[int, dict[str, tuple[int, float]]] = {}
    for level in session.scalars(select(IntensityLevel).where(IntensityLevel.active.is_(True))):
        if level.rhythm_contacts and level.rhythm_days:
            interval = level.rhythm_days / level.rhythm_contacts
            levels.setdefault(level.measure_id, {})[level.code] = (level.id, interval)
    measures: dict[str, MeasureInfo] = {}
    for measure in session.scalars(select(Measure).where(Measure.active.is_(True)).order_by(Measure.id)):
        scale = levels.get(measure.id, {})
        if measure.code not in MEASURE_WEIGHTS or any(code not in scale for code in LEVEL_ORDER):
            continue
        measures[measure.code] = MeasureInfo(
            id=measure.id,
            code=measure.code,
            funders=measure.funders,
            rule=DurationRule(measure.duration_policy, measure.duration_months, measure.suspended_days_count),
            max_extensions=measure.max_extensions,
            review_start_months=measure.review_start_months,
            review_end_months=measure.review_end_months,
            review_every_months=measure.review_every_months,
            levels={code: scale[code][0] for code in LEVEL_ORDER},
            interval_days={code: scale[code][1] for code in LEVEL_ORDER},
        )
    if not measures:
        raise DemoReferenceDataError(
            "Données de démonstration : aucun des dispositifs du catalogue d'origine (AVDL, ASLL, IML…) n'est "
            "actif avec son échelle d'intensité. Rétablissez-les dans Paramètres ou utilisez une base neuve."
        )
    return measures


def _active_staff(session: Session) -> list[StaffInfo]:
    rows = session.execute(
        select(StaffMember.id, StaffRole.code, StaffMember.organisation_id, StaffRole.may_coordinate)
        .join(StaffRole, StaffRole.id == StaffMember.role_id)
        .where(StaffMember.active.is_(True))
        .order_by(StaffMember.id)
    ).all()
    return [StaffInfo(row[0], row[1], row[2] or 0, row[3]) for row in rows]


def _actor(session: Session, staff: list[StaffInfo], actor_staff_id: int | None) -> StaffInfo | None:
    """The current user, also when inactive (they still get a caseload)."""
    actor = next((item for item in staff if item.id == actor_staff_id), None)
    if actor is None and actor_staff_id is not None:
        row = session.execute(
            select(StaffRole.code, StaffMember.organisation_id, StaffRole.may_coordinate)
            .join(StaffRole, StaffRole.id == StaffMember.role_id)
            .where(StaffMember.id == actor_staff_id)
        ).first()
        if row is not None:
            actor = StaffInfo(actor_staff_id, row[0], row[1] or 0, row[2])
    return actor


def _coordinators(others: list[StaffInfo], own_organisation_id: int, actor: StaffInfo | None) -> list[StaffInfo]:
    """Who may coordinate: the association's own social workers, else anybody's, else the current user."""
    coordinators = [item for item in others if item.may_coordinate and item.organisation_id == own_organisation_id]
    if not coordinators:
        coordinators = [item for item in others if item.may_coordinate]
    if not coordinators and actor is not None and actor.may_coordinate:
        coordinators = [actor]
    if not coordinators:
        raise DemoReferenceDataError(
            "Données de démonstration : aucun professionnel ne peut coordonner un accompagnement (rôle "
            "« Travailleur social »). Rétablissez ce rôle dans Paramètres ou utilisez une base neuve."
        )
    return coordinators


def _partner_contacts(session: Session) -> tuple[dict[int, list[int]], list[tuple[str, int]]]:
    """Landlords' contacts who may join a team (referent first), and the services a household may be handed to."""
    contacts = session.execute(
        select(
            PartnerContact.id, PartnerContact.organisation_id, PartnerContact.is_referent, PartnerRole.code,
            OrganisationKind.code, OrganisationKind.is_landlord,
        )
        .join(PartnerRole, PartnerRole.id == PartnerContact.role_id)
        .join(Organisation, Organisation.id == PartnerContact.organisation_id)
        .join(OrganisationKind, OrganisationKind.id == Organisation.kind_id)
        .where(PartnerContact.active.is_(True))
        .order_by(PartnerContact.id)
    ).all()  # fmt: skip
    landlord_contacts: dict[int, list[int]] = {}
    handover_contacts: list[tuple[str, int]] = []
    for contact_id, organisation_id, is_referent, role, kind, is_landlord in contacts:
        if is_landlord and role in {"cesf", "gestion_locative", "proximite"}:
            bucket = landlord_contacts.setdefault(organisation_id, [])
            bucket.insert(0 if is_referent else len(bucket), contact_id)
        if kind in HANDOVER_SERVICES and role in {"cesf", "autre"}:
            handover_contacts.append((kind, contact_id))
        if is_landlord and role == "cesf":
            handover_contacts.append(("landlord", contact_id))
    return landlord_contacts, handover_contacts
