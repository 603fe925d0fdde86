"""One référent coordinateur at a time (docs/domain.md §1 item 4, §2): who coordinates, handing over, succession.

A staff member whose profession may coordinate (by default a travailleur social) is the référent coordinateur
while the team is not empty. Coordination is a flag on a membership *period*: handing it over on day D ends the
two affected memberships on D - 1 and opens new ones from D with the flags swapped (on the very day a membership
starts, the flag is simply flipped). The history of coordinators is therefore kept, and
:meth:`.team.TeamService.coordinator_changes` counts it. A coordinator leaving a team that others remain on names
a successor; the last one cannot leave while the household has running support.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.formats import format_date
from caseworker.models import Episode, TeamMembership
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.support.memberships import audit_created, may_coordinate, with_people
from caseworker.services.support.states import running_statuses
from caseworker.services.validation import Problems

ONLY_SOCIAL_WORKERS_COORDINATE = "Seul un travailleur social peut être référent coordinateur."
SUCCESSOR_REQUIRED = "Désignez un nouveau référent coordinateur avant de retirer l'actuel."
HANDOVER_REASON = "Changement de référent coordinateur"


def current_coordinator(session: Session, household_id: int) -> TeamMembership | None:
    """Return the current coordinator's membership, if any."""
    return session.scalar(
        select(TeamMembership)
        .where(
            TeamMembership.household_id == household_id,
            TeamMembership.end_date.is_(None),
            TeamMembership.is_coordinator.is_(True),
        )
        .order_by(TeamMembership.start_date.desc())
        .limit(1)
    )


def has_coordinator_on(session: Session, household_id: int, on: date) -> bool:
    """Tell whether someone coordinated the household's team on ``on`` (support starts only then)."""
    found = session.scalar(
        select(func.count(TeamMembership.id)).where(
            TeamMembership.household_id == household_id,
            TeamMembership.is_coordinator.is_(True),
            TeamMembership.start_date <= on,
            (TeamMembership.end_date.is_(None)) | (TeamMembership.end_date >= on),
        )
    )
    return bool(found)


def check_after_past_coordination(
    session: Session, household_id: int, on: date, field: str, problems: Problems
) -> None:
    """Record a problem when a coordination starting ``on`` would overlap an ended one (one coordinator a day)."""
    last_end = session.scalar(
        select(func.max(TeamMembership.end_date)).where(
            TeamMembership.household_id == household_id, TeamMembership.is_coordinator.is_(True)
        )
    )
    if last_end is not None and on <= last_end:
        problems.add(
            field,
            f"Un autre référent coordinateur l'était jusqu'au {format_date(last_end)} : "
            "la nouvelle coordination ne peut commencer qu'après.",
        )


def has_running_support(session: Session, household_id: int) -> bool:
    """Tell whether the household has an active or suspended support episode."""
    found = session.scalar(
        select(Episode.id).where(Episode.household_id == household_id, Episode.status.in_(running_statuses())).limit(1)
    )
    return found is not None


def hand_over(
    session: Session, ctx: ServiceContext, membership: TeamMembership, *, coordinating: bool, on: date
) -> None:
    """Set a current membership's coordination flag from ``on``, keeping the period before it as history."""
    if membership.start_date == on:
        membership.is_coordinator = coordinating
        session.flush()
        audit.record(
            session,
            ctx,
            AuditAction.UPDATE,
            "team_membership",
            membership.id,
            household_id=membership.household_id,
            fields=["is_coordinator"],
        )
        return
    # The following period is written first: on the team's server, the person is never off the team in between
    # (row-level security checks each statement, and off the team the household is out of their sight).
    following = TeamMembership(
        household_id=membership.household_id,
        staff_member_id=membership.staff_member_id,
        partner_contact_id=membership.partner_contact_id,
        role_id=membership.role_id,
        is_coordinator=coordinating,
        start_date=on,
        end_reason="",
    )
    session.add(following)
    session.flush()
    membership.end_date = on - timedelta(days=1)
    membership.end_reason = HANDOVER_REASON
    session.flush()
    audit.record(
        session,
        ctx,
        AuditAction.UPDATE,
        "team_membership",
        membership.id,
        household_id=membership.household_id,
        fields=["end_date", "end_reason"],
    )
    audit_created(session, ctx, following)


def check_successor(
    session: Session,
    leaving: TeamMembership,
    end_date: date,
    successor_id: int | None,
    problems: Problems,
) -> TeamMembership | None:
    """Return the successor of a leaving coordinator, or record why the coordinator cannot leave."""
    others = session.scalars(
        with_people(select(TeamMembership)).where(
            TeamMembership.household_id == leaving.household_id,
            TeamMembership.end_date.is_(None),
            TeamMembership.id != leaving.id,
        )
    ).all()
    if not others:
        if has_running_support(session, leaving.household_id):
            problems.add(
                "coordinator",
                "Le ménage est accompagné : l'équipe doit garder un référent coordinateur. "
                "Ajoutez d'abord son successeur à l'équipe.",
            )
        return None
    if successor_id is None:
        if not any(may_coordinate(other) for other in others):
            problems.add(
                "successor_id",
                f"{SUCCESSOR_REQUIRED} Aucun autre membre de l'équipe ne peut l'être : "
                "ajoutez d'abord un travailleur social à l'équipe.",
            )
        else:
            problems.add("successor_id", SUCCESSOR_REQUIRED)
        return None
    successor = next((other for other in others if other.id == successor_id), None)
    if successor is None:
        problems.add("successor_id", "Le successeur doit être un membre actuel de l'équipe de ce ménage.")
        return None
    if not may_coordinate(successor):
        problems.add("successor_id", ONLY_SOCIAL_WORKERS_COORDINATE)
        return None
    if successor.start_date > end_date + timedelta(days=1):
        problems.add(
            "successor_id",
            f"Le successeur n'arrive dans l'équipe que le {format_date(successor.start_date)} : "
            "la coordination ne peut pas rester vacante jusque-là.",
        )
        return None
    return successor
