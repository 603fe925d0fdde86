"""What each staff role may read, written once (docs/domain.md §2, §5.2, §9.2).

The groups of roles below are what the rules name: the note rule (:mod:`caseworker.services.support.note_access`),
the consent register (:mod:`caseworker.services.sharing.register`) and the household file apply them in both modes,
and on the team's server the same groups become the row-level security and the guards
(:mod:`caseworker.team.access_rules`), so a hand-made client with a valid login gets no more than the application.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy import ColumnElement, CompoundSelect, Date, Integer, bindparam, exists, or_, select, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session

from caseworker.models import Household, StaffMember, StaffRole, TeamMembership
from caseworker.services.errors import TransitionError

HEALTH_ROLE_CODES = frozenset({"infirmier", "psychologue"})
"""Roles that read health notes (NoteClass.SANTE), besides their author."""

JUSTICE_ROLE_CODES = frozenset({"juriste"})
"""Roles that read justice notes (NoteClass.JUSTICE), besides their author."""

NO_NOTES_ROLE_CODES = frozenset({"benevole"})
"""Roles that read no note but their own."""

NO_CONSENT_ROLE_CODES = frozenset({"benevole"})
"""Roles that neither read nor record consents (a volunteer logs activities, not what a household agreed to)."""

TEAM_LEAD_ROLE = "chef_service"
"""The role that approves: a renewal or an extension, a legal basis overriding a refusal (made logged in)."""

SEE_ALL_HOUSEHOLDS_ROLE_CODES = frozenset({TEAM_LEAD_ROLE})
"""Roles that see every household of the service; everyone else sees the households whose team they are on."""

ADMINISTRATION_ROLE_CODES = frozenset({"administrateur"})
"""Roles that manage people and reference data: they read no note unless they are also on the household's team."""

CONSENTS_REFUSED = "Les consentements ne sont pas accessibles aux bénévoles : demandez à un membre de l'équipe."


def role_code_of(session: Session, staff_id: int | None) -> str | None:
    """Return the role code of ``staff_id`` (None for nobody)."""
    if staff_id is None:
        return None
    return session.scalar(
        select(StaffRole.code).join(StaffMember, StaffMember.role_id == StaffRole.id).where(StaffMember.id == staff_id)
    )


def sees_all_households(role_code: str | None) -> bool:
    """Tell whether someone of ``role_code`` sees every household (the team lead leads the whole service)."""
    return role_code in SEE_ALL_HOUSEHOLDS_ROLE_CODES


def on_team_on(
    end_date: ColumnElement[date | None] | InstrumentedAttribute[date | None], today: date | ColumnElement[date]
) -> ColumnElement[bool]:
    """A team membership still runs on ``today``: no end date, or one not past yet (its end date is its last day)."""
    return or_(end_date.is_(None), end_date >= today)


def visible_household_ids(staff_id: int, today: date) -> tuple[CompoundSelect[tuple[int]], dict[str, object]]:
    """The households ``staff_id`` sees when their role does not see them all (docs/domain.md §2).

    Those whose team they are on today (a membership's end date is its last day), and those they created while
    no staff member is on the household's team yet (a file just opened, before its team is named). Leaving the
    team ends it; so does the first colleague joining the team of a household one created without joining it.

    Returned as the query and its parameters: ``session.scalars(*visible_household_ids(…))``.
    """
    return _visible_household_ids(), {"viewer_id": staff_id, "viewer_today": today}


@cache
def _visible_household_ids() -> CompoundSelect[tuple[int]]:
    # Made once, with parameters: building the query cost more than running it, at every service call.
    staff_id = bindparam("viewer_id", type_=Integer)
    today = bindparam("viewer_today", type_=Date)
    membership = TeamMembership.__table__.alias("viewer_membership")
    staffed_membership = TeamMembership.__table__.alias("staffed_membership")
    household = Household.__table__.alias("created_household")
    on_team = select(membership.c.household_id).where(
        membership.c.staff_member_id == staff_id, on_team_on(membership.c.end_date, today)
    )
    staffed = exists(
        select(staffed_membership.c.id).where(
            staffed_membership.c.household_id == household.c.id,
            staffed_membership.c.staff_member_id.is_not(None),
            on_team_on(staffed_membership.c.end_date, today),
        )
    )
    created = select(household.c.id).where(household.c.created_by_id == staff_id, ~staffed)
    return union_all(on_team, created)


def may_read_consents(role_code: str | None) -> bool:
    """Tell whether someone of ``role_code`` reads the consent register (nobody logged in does not)."""
    return role_code is not None and role_code not in NO_CONSENT_ROLE_CODES


def require_consent_reader(session: Session, staff_id: int | None) -> None:
    """Refuse, in French, a person who may not read or record consents."""
    role_code = role_code_of(session, staff_id)
    if staff_id is not None and not may_read_consents(role_code):
        raise TransitionError(CONSENTS_REFUSED)


EXPORT_REFUSED = (
    "Les chiffres pour les financeurs portent sur tous les ménages du service : seul un chef de service, qui les "
    "voit tous, peut les produire."
)


def require_exporter(session: Session, staff_id: int | None) -> None:
    """Refuse, in French, a funder export by someone who does not see every household.

    Their figures would be partial. Nobody logged in (a local store's maintenance) sees them all.
    """
    if staff_id is not None and not sees_all_households(role_code_of(session, staff_id)):
        raise TransitionError(EXPORT_REFUSED)


FUNDING_REFUSED = (
    "Seuls un administrateur et un chef de service fixent les financeurs d'un dispositif et complètent la liste des "
    "financeurs : cela change les chiffres de chaque financeur."
)
FUNDING_EDITOR_ROLE_CODES = ADMINISTRATION_ROLE_CODES | {TEAM_LEAD_ROLE}


def may_edit_funding(session: Session, staff_id: int | None) -> bool:
    """Tell whether ``staff_id`` may set a measure's funders or add a funder to the list (docs/domain.md §13.6).

    An administrator or a team lead; nobody logged in (a local store's maintenance); and anyone in a store that
    names neither yet (one person, or a small team before they name one).
    """
    if staff_id is None or role_code_of(session, staff_id) in FUNDING_EDITOR_ROLE_CODES:
        return True
    editors = session.scalar(
        select(StaffMember.id)
        .join(StaffRole, StaffRole.id == StaffMember.role_id)
        .where(StaffRole.code.in_(FUNDING_EDITOR_ROLE_CODES), StaffMember.active.is_(True))
        .limit(1)
    )
    return editors is None


def require_funding_editor(session: Session, staff_id: int | None) -> None:
    """Refuse, in French, someone who may not set a measure's funders nor add a funder."""
    if not may_edit_funding(session, staff_id):
        raise TransitionError(FUNDING_REFUSED)


ROLE_CHANGE_REFUSED = (
    "Seul un administrateur, connecté sous son propre nom, change la fonction d'une personne : elle décide de ce "
    "que la personne peut lire."
)
OWN_ROLE_REFUSED = (
    "Un administrateur change la fonction des autres, pas la sienne : demandez-le à un autre administrateur."
)


def require_role_changer(session: Session, actor_id: int | None, staff_id: int) -> None:
    """Refuse, in French, a change of ``staff_id``'s role by someone other than an administrator (never their own).

    A store that names no active administrator yet (one person, or a small team before they name one) lets its
    people set their roles; on the team's server there is always one, and the server applies the same rule.
    """
    administrators = session.scalars(
        select(StaffMember.id)
        .join(StaffRole, StaffRole.id == StaffMember.role_id)
        .where(StaffRole.code.in_(ADMINISTRATION_ROLE_CODES), StaffMember.active.is_(True))
    ).all()
    if not administrators:
        return
    if actor_id not in administrators:
        raise TransitionError(ROLE_CHANGE_REFUSED)
    if actor_id == staff_id:
        raise TransitionError(OWN_ROLE_REFUSED)


def codes_sql(codes: frozenset[str]) -> str:
    """Return ``codes`` as a SQL list of literals (the codes are constants of this module, never input)."""
    return ", ".join(f"'{code}'" for code in sorted(codes))


def consent_rule_sql() -> str:
    """The body of ``caseworker_may_read_consents()``: :func:`may_read_consents` for the session's person."""
    return f"""
SELECT EXISTS (
  SELECT 1 FROM staff_member s JOIN staff_role r ON r.id = s.role_id
  WHERE s.login = session_user::text AND r.code NOT IN ({codes_sql(NO_CONSENT_ROLE_CODES)})
)
"""


def sees_all_households_sql() -> str:
    """The body of ``caseworker_sees_all_households()``: :func:`sees_all_households` for the session's person."""
    return f"""
SELECT EXISTS (
  SELECT 1 FROM staff_member s JOIN staff_role r ON r.id = s.role_id
  WHERE s.login = session_user::text AND r.code IN ({codes_sql(SEE_ALL_HOUSEHOLDS_ROLE_CODES)})
)
"""


def visible_households_sql() -> str:
    """The body of ``caseworker_visible_households()``: :func:`visible_household_ids` for the session's person.

    The server's date is "today": a laptop's clock does not extend anyone's access.
    """
    # The person once, and the "no staff on the team yet" test inline: a function call per created household
    # would cost every statement of someone who opened many files.
    return """
WITH me AS (SELECT caseworker_session_staff() AS id)
SELECT m.household_id FROM team_membership m, me
WHERE m.staff_member_id = me.id AND (m.end_date IS NULL OR m.end_date >= current_date)
UNION ALL
SELECT h.id FROM household h, me
WHERE h.created_by_id = me.id AND NOT EXISTS (
    SELECT 1 FROM team_membership s WHERE s.household_id = h.id AND s.staff_member_id IS NOT NULL
    AND (s.end_date IS NULL OR s.end_date >= current_date))
"""


def household_staffed_sql() -> str:
    """The body of ``caseworker_household_staffed(household_id)``: a staff member is on its team today."""
    return """
SELECT EXISTS (
  SELECT 1 FROM team_membership m
  WHERE m.household_id = $1 AND m.staff_member_id IS NOT NULL AND (m.end_date IS NULL OR m.end_date >= current_date)
)
"""
