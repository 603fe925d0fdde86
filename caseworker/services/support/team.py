"""The household's team (multiréférence): who works with the household, from when to when, and in which role.

A team is per household (docs/domain.md §1 item 4, §2): staff members (of the association or of a partner
organisation) and partner contacts of the directory, each on a dated membership. One of them coordinates
(:mod:`.coordination`); each professional's caseload is read by :mod:`.caseloads`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from caseworker.domain import AuditAction
from caseworker.formats import format_date
from caseworker.models import Household, Organisation, PartnerContact, StaffMember, TeamMembership, TeamRole
from caseworker.services import audit
from caseworker.services.access_policy import on_team_on, role_code_of, sees_all_households
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.identity import staff_display_name
from caseworker.services.reference import Choice
from caseworker.services.support.caseloads import CaseloadView, read_caseloads
from caseworker.services.support.coordination import (
    ONLY_SOCIAL_WORKERS_COORDINATE,
    check_after_past_coordination,
    check_successor,
    current_coordinator,
    hand_over,
)
from caseworker.services.support.memberships import (
    audit_created,
    load_membership,
    may_coordinate,
    member_name,
    with_people,
)
from caseworker.services.validation import SHORT_TEXT_MAX, Problems

# Team role suggested for a new member, from their profession (staff role code); partner contacts of a landlord
# are the housing referent, other partner contacts are "partenaire". Only a suggestion: the person chooses.
_SUGGESTED_TEAM_ROLES = {
    "travailleur_social": "referent_social",
    "travailleur_pair": "travailleur_pair",
    "infirmier": "referent_sante",
    "psychologue": "referent_sante",
    "juriste": "juriste",
}


# ----------------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class TeamMemberInput:
    """A new member of a household's team: exactly one of a staff member or a partner contact."""

    role_code: str
    start_date: date
    staff_member_id: int | None = None
    partner_contact_id: int | None = None
    is_coordinator: bool = False


@dataclass(frozen=True)
class TeamMemberView:
    """One membership period of a household's team."""

    id: int
    household_id: int
    staff_member_id: int | None
    partner_contact_id: int | None
    name: str
    organisation_name: str
    profession_label: str  # the staff member's profession, or the partner contact's role
    role_code: str
    role_label: str
    is_coordinator: bool
    may_coordinate: bool
    start_date: date
    end_date: date | None
    end_reason: str

    @property
    def is_current(self) -> bool:
        """Tell whether the membership is still running (no end date)."""
        return self.end_date is None


@dataclass(frozen=True)
class TeamCandidate:
    """Someone who may join a team: an active staff member or partner contact of the directory."""

    staff_member_id: int | None
    partner_contact_id: int | None
    name: str
    organisation_name: str
    profession_label: str
    may_coordinate: bool
    suggested_role_code: str


# ---------------------------------------------------------------------------------------------- service


class TeamService:
    """The household's team (multiréférence) and each professional's caseload."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # choices ---------------------------------------------------------------------------------------------

    def role_choices(self) -> list[Choice]:
        """Return the active team roles (référent social, référent santé, pair…) in display order."""
        with self._ctx.read() as session:
            query = select(TeamRole).where(TeamRole.active.is_(True)).order_by(TeamRole.sort_order, TeamRole.label)
            return [Choice(role.code, role.label) for role in session.scalars(query)]

    def candidates(self, household_id: int | None = None) -> list[TeamCandidate]:
        """Return active staff members, then active partner contacts, who are not current members of the team."""
        with self._ctx.read() as session:
            taken_staff, taken_contacts = _current_members(session, household_id)
            active_roles = set(session.scalars(select(TeamRole.code).where(TeamRole.active.is_(True))).all())
            staff = session.scalars(
                select(StaffMember)
                .options(joinedload(StaffMember.role), joinedload(StaffMember.organisation))
                .join(StaffMember.organisation)
                .where(StaffMember.active.is_(True))
                .order_by(Organisation.is_own.desc(), Organisation.name, StaffMember.last_name, StaffMember.first_name)
            ).all()
            contacts = session.scalars(
                select(PartnerContact)
                .options(
                    joinedload(PartnerContact.role),
                    joinedload(PartnerContact.organisation).joinedload(Organisation.kind),
                )
                .join(PartnerContact.organisation)
                .where(PartnerContact.active.is_(True), Organisation.active.is_(True))
                .order_by(Organisation.name, PartnerContact.last_name, PartnerContact.first_name)
            ).all()

            def suggestion(code: str) -> str:
                return code if code in active_roles else ""

            result = [
                TeamCandidate(
                    staff_member_id=member.id,
                    partner_contact_id=None,
                    name=staff_display_name(member.first_name, member.last_name),
                    organisation_name=member.organisation.name,
                    profession_label=member.role.label,
                    may_coordinate=member.role.may_coordinate,
                    suggested_role_code=suggestion(_SUGGESTED_TEAM_ROLES.get(member.role.code, "autre")),
                )
                for member in staff
                if member.id not in taken_staff
            ]
            result += [
                TeamCandidate(
                    staff_member_id=None,
                    partner_contact_id=contact.id,
                    name=staff_display_name(contact.first_name, contact.last_name),
                    organisation_name=contact.organisation.name,
                    profession_label=contact.role.label if contact.role else "",
                    may_coordinate=False,
                    suggested_role_code=suggestion(
                        "referent_logement" if contact.organisation.kind.is_landlord else "partenaire"
                    ),
                )
                for contact in contacts
                if contact.id not in taken_contacts
            ]
            return result

    # changes ---------------------------------------------------------------------------------------------

    def add_member(self, household_id: int, data: TeamMemberInput) -> TeamMemberView:
        """Add someone to the team from ``data.start_date``.

        The first member who may coordinate, in a team without a coordinator, coordinates. ``is_coordinator``
        hands the coordination over on the start date (the previous coordinator stays on the team).
        """
        problems = Problems()
        today = self._ctx.clock.today()
        problems.date(
            "start_date", data.start_date, kind=DateKind.EVENT, label="Date d'arrivée dans l'équipe", today=today
        )
        if (data.staff_member_id is None) == (data.partner_contact_id is None):
            problems.add("member", "Choisissez un professionnel ou un contact partenaire (un seul).")
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
            role = _team_role(session, data.role_code)
            name, may_coordinate = _check_person(session, data, problems)
            for other in session.scalars(_person_rows(household_id, data.staff_member_id, data.partner_contact_id)):
                if other.end_date is None:
                    problems.add("member", f"{name} fait déjà partie de l'équipe.")
                elif other.end_date >= data.start_date:
                    problems.add(
                        "start_date",
                        f"{name} faisait déjà partie de l'équipe à cette date "
                        f"(jusqu'au {format_date(other.end_date)}).",
                    )
            current = current_coordinator(session, household_id)
            coordinates = data.is_coordinator or (current is None and may_coordinate)
            if data.is_coordinator and not may_coordinate:
                problems.add("is_coordinator", ONLY_SOCIAL_WORKERS_COORDINATE)
            if data.is_coordinator and current is not None and data.start_date < current.start_date:
                problems.add(
                    "start_date",
                    f"Le référent coordinateur actuel l'est depuis le {format_date(current.start_date)} : "
                    "la nouvelle coordination ne peut pas commencer avant.",
                )
            if coordinates:
                check_after_past_coordination(session, household_id, data.start_date, "start_date", problems)
            problems.raise_if_any()
            if data.is_coordinator and current is not None:
                hand_over(session, self._ctx, current, coordinating=False, on=data.start_date)
            membership = TeamMembership(
                household_id=household_id,
                staff_member_id=data.staff_member_id,
                partner_contact_id=data.partner_contact_id,
                role_id=role.id,
                is_coordinator=coordinates,
                start_date=data.start_date,
                end_reason="",
            )
            session.add(membership)
            session.flush()
            audit_created(session, self._ctx, membership)
            # Read from the new row itself, not looked up again: the first colleague joining the team of a
            # household its creator is not on takes it out of the creator's sight (docs/domain.md §2).
            return _view(membership)

    def end_membership(
        self, membership_id: int, *, end_date: date, reason: str = "", successor_id: int | None = None
    ) -> None:
        """Record that a member left the team on ``end_date`` (inclusive).

        Ending the coordinator while others remain requires ``successor_id``, a current member who may
        coordinate and does so from the next day; ``successor_id`` is ignored for any other member. The last
        member cannot leave while the household has running support (actif or suspendu) if they coordinate.
        """
        problems = Problems()
        today = self._ctx.clock.today()
        cleaned_reason = problems.text("end_reason", reason, label="Motif du départ", max_length=SHORT_TEXT_MAX)
        problems.date("end_date", end_date, kind=DateKind.EVENT, label="Date de départ de l'équipe", today=today)
        with self._ctx.transaction() as session:
            membership = session.get(TeamMembership, membership_id)
            if membership is None:
                raise NotFoundError("Ce membre de l'équipe est introuvable.")
            if membership.end_date is not None:
                problems.add("end_date", "Cette personne a déjà quitté l'équipe.")
            problems.ordered(
                "end_date",
                membership.start_date,
                end_date,
                start_label="La date d'arrivée dans l'équipe",
                end_label="La date de départ",
            )
            successor: TeamMembership | None = None
            # No successor is counted from a refused date (an absurd one may leave the calendar).
            if membership.is_coordinator and membership.end_date is None and "end_date" not in problems.errors:
                successor = check_successor(session, membership, end_date, successor_id, problems)
            problems.raise_if_any()
            # The successor first: someone leaving their own team no longer sees its household once they have
            # left, and on the team's server each statement is checked against that (docs/domain.md §2).
            if successor is not None:
                hand_over(session, self._ctx, successor, coordinating=True, on=end_date + timedelta(days=1))
            membership.end_date = end_date
            membership.end_reason = cleaned_reason
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "team_membership",
                membership.id,
                household_id=membership.household_id,
                fields=["end_date", "end_reason"],
            )

    def designate_coordinator(self, household_id: int, membership_id: int, *, on: date) -> None:
        """Make a current member who may coordinate the coordinator from ``on`` (the previous one stays)."""
        problems = Problems()
        problems.date(
            "on", on, kind=DateKind.EVENT, label="Date du changement de coordination", today=self._ctx.clock.today()
        )
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            target = session.scalar(with_people(select(TeamMembership)).where(TeamMembership.id == membership_id))
            if target is None or target.household_id != household_id:
                raise NotFoundError("Ce membre de l'équipe est introuvable.")
            if target.end_date is not None:
                raise ValidationError({"membership_id": "Cette personne ne fait plus partie de l'équipe."})
            if target.is_coordinator:
                return
            if not may_coordinate(target):
                raise ValidationError({"membership_id": ONLY_SOCIAL_WORKERS_COORDINATE})
            current = current_coordinator(session, household_id)
            for row in (target, current):
                if row is not None and on < row.start_date:
                    problems.add(
                        "on",
                        f"La date du changement doit suivre l'arrivée dans l'équipe ({member_name(row)}, le "
                        f"{format_date(row.start_date)}).",
                    )
            check_after_past_coordination(session, household_id, on, "on", problems)
            problems.raise_if_any()
            if current is not None:
                hand_over(session, self._ctx, current, coordinating=False, on=on)
            hand_over(session, self._ctx, target, coordinating=True, on=on)

    # reading ---------------------------------------------------------------------------------------------

    def team(self, household_id: int, *, include_past: bool = False) -> list[TeamMemberView]:
        """Return the team: the coordinator first, then current members by arrival, then (optionally) past ones."""
        with self._ctx.read() as session:
            query = with_people(select(TeamMembership)).where(TeamMembership.household_id == household_id)
            if not include_past:
                query = query.where(TeamMembership.end_date.is_(None))
            views = [_view(row) for row in session.scalars(query)]
        views.sort(
            key=lambda view: (
                not (view.is_current and view.is_coordinator),
                not view.is_current,
                view.start_date,
                view.id,
            )
        )
        return views

    def keeps_sight_after_adding(self, household_id: int, staff_member_id: int | None) -> bool:
        """Tell whether the person working still sees the household once this staff member joins its team.

        False when they see it only as the one who opened its file (they are not on its team and nobody of the
        staff is yet) and someone else joins: from then on only its team and the team lead see it
        (docs/domain.md §2). Ask before adding.
        """
        viewer = self._ctx.actor.staff_member_id
        if viewer is None or staff_member_id is None or staff_member_id == viewer:
            return True
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            if sees_all_households(role_code_of(session, viewer)):
                return True
            return bool(_current_staff_ids(session, household_id, today) & {viewer})

    def keeps_sight_after_leaving(self, membership_id: int) -> bool:
        """Tell whether the person working still sees the household once this membership has ended.

        False when it is their own and only membership on the team while colleagues stay on it: after its last
        day the household leaves their lists and searches (docs/domain.md §2). Ask before recording it.
        """
        viewer = self._ctx.actor.staff_member_id
        if viewer is None:
            return True
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            membership = session.get(TeamMembership, membership_id)
            if membership is None or membership.staff_member_id != viewer:
                return True
            if sees_all_households(role_code_of(session, viewer)):
                return True
            household_id = membership.household_id
            others = session.scalars(
                select(TeamMembership.staff_member_id).where(
                    TeamMembership.household_id == household_id,
                    TeamMembership.id != membership_id,
                    TeamMembership.staff_member_id.is_not(None),
                    on_team_on(TeamMembership.end_date, today),
                )
            ).all()
            if viewer in others:
                return True  # still on the team in another role
            # Nobody of the staff left: the one who opened the file sees it again.
            return not others and session.get(Household, household_id).created_by_id == viewer  # type: ignore[union-attr]

    def current_coordinator(self, household_id: int) -> TeamMemberView | None:
        """Return the current coordinator, if any."""
        with self._ctx.read() as session:
            row = current_coordinator(session, household_id)
            return _view(load_membership(session, row.id)) if row is not None else None

    def coordinator_changes(self, household_id: int) -> int:
        """Count the times the coordination passed from one professional to another."""
        with self._ctx.read() as session:
            holders = session.scalars(
                select(TeamMembership.staff_member_id)
                .where(TeamMembership.household_id == household_id, TeamMembership.is_coordinator.is_(True))
                .order_by(TeamMembership.start_date, TeamMembership.id)
            ).all()
        return sum(1 for before, after in pairwise(holders) if before != after)

    def current_household_ids(self, staff_member_id: int) -> list[int]:
        """Return the households whose team the staff member is currently on."""
        with self._ctx.read() as session:
            return list(
                session.scalars(
                    select(TeamMembership.household_id)
                    .where(TeamMembership.staff_member_id == staff_member_id, TeamMembership.end_date.is_(None))
                    .distinct()
                    .order_by(TeamMembership.household_id)
                )
            )

    def caseloads(self, *, staff_member_ids: Iterable[int] | None = None) -> list[CaseloadView]:
        """Return caseloads by name, of the given staff members or of the whole team.

        Without ``staff_member_ids``: every active staff member of the association, and every other staff
        member currently on a team. Two queries whatever the number of households: the staff members, and
        the loads grouped in SQL.
        """
        wanted = None if staff_member_ids is None else sorted(set(staff_member_ids))
        with self._ctx.read() as session:
            return read_caseloads(session, wanted)

    def caseload(self, staff_member_id: int) -> CaseloadView:
        """Return one staff member's caseload."""
        found = self.caseloads(staff_member_ids=[staff_member_id])
        if not found:
            raise NotFoundError(f"Enregistrement introuvable (professionnel n° {staff_member_id}).")
        return found[0]


# ---------------------------------------------------------------------------------------------- helpers


def _team_role(session: Session, code: str) -> TeamRole:
    role = session.scalar(select(TeamRole).where(TeamRole.code == code)) if code else None
    if role is None or not role.active:
        raise ValidationError({"role_code": "Rôle dans l'équipe : choisissez une valeur dans la liste."})
    return role


def _check_person(session: Session, data: TeamMemberInput, problems: Problems) -> tuple[str, bool]:
    """Check that the member exists and is active; return their name and whether they may coordinate."""
    if data.staff_member_id is not None:
        staff = session.scalar(
            select(StaffMember).options(joinedload(StaffMember.role)).where(StaffMember.id == data.staff_member_id)
        )
        if staff is None:
            raise NotFoundError(f"Enregistrement introuvable (professionnel n° {data.staff_member_id}).")
        name = staff_display_name(staff.first_name, staff.last_name)
        if not staff.active:
            problems.add("member", f"{name} n'est plus actif dans l'annuaire.")
        return name, staff.role.may_coordinate
    contact = session.get(PartnerContact, data.partner_contact_id)
    if contact is None:
        raise NotFoundError(f"Enregistrement introuvable (contact partenaire n° {data.partner_contact_id}).")
    name = staff_display_name(contact.first_name, contact.last_name)
    if not contact.active:
        problems.add("member", f"{name} n'est plus actif dans l'annuaire.")
    return name, False


def _current_staff_ids(session: Session, household_id: int, today: date) -> set[int]:
    """The staff members on the household's team today (a membership's end date is its last day)."""
    return set(
        session.scalars(
            select(TeamMembership.staff_member_id).where(
                TeamMembership.household_id == household_id,
                TeamMembership.staff_member_id.is_not(None),
                on_team_on(TeamMembership.end_date, today),
            )
        )
    )


def _current_members(session: Session, household_id: int | None) -> tuple[set[int], set[int]]:
    """Return the ids of the staff members and of the partner contacts currently on the household's team."""
    taken_staff: set[int] = set()
    taken_contacts: set[int] = set()
    if household_id is None:
        return taken_staff, taken_contacts
    for staff_id, contact_id in session.execute(
        select(TeamMembership.staff_member_id, TeamMembership.partner_contact_id).where(
            TeamMembership.household_id == household_id, TeamMembership.end_date.is_(None)
        )
    ):
        if staff_id is not None:
            taken_staff.add(staff_id)
        if contact_id is not None:
            taken_contacts.add(contact_id)
    return taken_staff, taken_contacts


def _person_rows(
    household_id: int, staff_member_id: int | None, partner_contact_id: int | None
) -> Select[TeamMembership]:
    query = select(TeamMembership).where(TeamMembership.household_id == household_id)
    if staff_member_id is not None:
        return query.where(TeamMembership.staff_member_id == staff_member_id)
    return query.where(TeamMembership.partner_contact_id == partner_contact_id)


def _view(membership: TeamMembership) -> TeamMemberView:
    staff, contact = membership.staff_member, membership.partner_contact
    if staff is not None:
        organisation, profession = staff.organisation.name, staff.role.label
    elif contact is not None:
        organisation, profession = contact.organisation.name, contact.role.label if contact.role else ""
    else:  # pragma: no cover (excluded by a CHECK constraint)
        organisation, profession = "", ""
    return TeamMemberView(
        id=membership.id,
        household_id=membership.household_id,
        staff_member_id=membership.staff_member_id,
        partner_contact_id=membership.partner_contact_id,
        name=member_name(membership),
        organisation_name=organisation,
        profession_label=profession,
        role_code=membership.role.code,
        role_label=membership.role.label,
        is_coordinator=membership.is_coordinator,
        may_coordinate=may_coordinate(membership),
        start_date=membership.start_date,
        end_date=membership.end_date,
        end_reason=membership.end_reason,
    )
