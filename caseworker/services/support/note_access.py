"""Who may read a note of the contact log (docs/domain.md §5): the class of the note decides.

A note for the team (*équipe*) is read by everyone; a note for the referents by the household's current team; a
health note by health staff (:data:`HEALTH_ROLE_CODES`) and the household's coordinator. The author always reads
their own notes. A note the reader may not read comes back empty, marked hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import NoteClass
from caseworker.models import StaffMember, StaffRole, TeamMembership

HEALTH_ROLE_CODES = frozenset({"infirmier", "psychologue"})
"""Staff roles that may read health notes (NoteClass.SANTE), besides the author and the household's coordinator."""


@dataclass(frozen=True)
class NoteReader:
    """Who is reading a household's log, as far as note classes are concerned."""

    staff_id: int | None
    health_role: bool = False
    on_team: bool = False
    coordinator: bool = False

    def may_read(self, note_class: NoteClass, author_id: int | None) -> bool:
        """Tell whether this reader may read a note of ``note_class`` written by ``author_id``."""
        if note_class is NoteClass.EQUIPE:
            return True
        if self.staff_id is not None and author_id == self.staff_id:
            return True
        if note_class is NoteClass.REFERENTS:
            return self.on_team
        return self.health_role or self.coordinator


def note_reader(session: Session, staff_id: int | None, household_id: int) -> NoteReader:
    """Return what ``staff_id`` may read in this household's notes (two small indexed queries)."""
    if staff_id is None:
        return NoteReader(None)
    role_code = session.scalar(
        select(StaffRole.code).join(StaffMember, StaffMember.role_id == StaffRole.id).where(StaffMember.id == staff_id)
    )
    memberships = session.scalars(
        select(TeamMembership.is_coordinator).where(
            TeamMembership.household_id == household_id,
            TeamMembership.staff_member_id == staff_id,
            TeamMembership.end_date.is_(None),
        )
    ).all()
    return NoteReader(
        staff_id,
        health_role=role_code in HEALTH_ROLE_CODES,
        on_team=bool(memberships),
        coordinator=any(memberships),
    )
