"""Who may read a note of the contact log (docs/domain.md §5.2) — the rule, written once.

In order, the first that applies decides:

1. the author reads their own notes (a volunteer too: their own logs);
2. a volunteer (:data:`NO_NOTES_ROLE_CODES`) reads no other note, nor does an administrator
   (:data:`ADMINISTRATION_ROLE_CODES`) who is not on the household's current team;
3. a note for the whole team (*équipe*) is read by everyone;
4. nobody logged in reads nothing else;
5. a note for the referents is read by the household's current team;
6. a health note by health staff (:data:`HEALTH_ROLE_CODES`) only, a justice note by justice staff
   (:data:`JUSTICE_ROLE_CODES`) only.

The services apply :meth:`NoteReader.may_read` in both modes. On the team's server the same rule is also the SQL
function behind the row-level security of ``contact_note`` (:func:`note_rule_sql`, built from these same constants
and in the same order), so a hand-made client with a valid login gets no more. A test runs every case on both.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import NoteClass
from caseworker.models import TeamMembership
from caseworker.services.access_policy import (
    ADMINISTRATION_ROLE_CODES,
    HEALTH_ROLE_CODES,
    JUSTICE_ROLE_CODES,
    NO_NOTES_ROLE_CODES,
    codes_sql,
    role_code_of,
)

__all__ = [
    "HEALTH_ROLE_CODES",
    "JUSTICE_ROLE_CODES",
    "NO_NOTES_ROLE_CODES",
    "NoteReader",
    "note_reader",
    "note_rule_sql",
]


@dataclass(frozen=True)
class NoteReader:
    """Who is reading a household's log, as far as note classes are concerned."""

    staff_id: int | None
    role_code: str | None = None
    on_team: bool = False

    def may_read(self, note_class: NoteClass, author_id: int | None) -> bool:
        """Tell whether this reader may read a note of ``note_class`` written by ``author_id``."""
        if self.staff_id is not None and author_id == self.staff_id:
            return True
        if self.role_code in NO_NOTES_ROLE_CODES:
            return False
        if self.role_code in ADMINISTRATION_ROLE_CODES and not self.on_team:
            return False
        if note_class is NoteClass.EQUIPE:
            return True
        if self.staff_id is None:
            return False
        if note_class is NoteClass.REFERENTS:
            return self.on_team
        if note_class is NoteClass.SANTE:
            return self.role_code in HEALTH_ROLE_CODES
        return self.role_code in JUSTICE_ROLE_CODES  # NoteClass.JUSTICE


def note_reader(session: Session, staff_id: int | None, household_id: int) -> NoteReader:
    """Return what ``staff_id`` may read in this household's notes (two small indexed queries)."""
    if staff_id is None:
        return NoteReader(None)
    role_code = role_code_of(session, staff_id)
    on_team = session.scalar(
        select(TeamMembership.id)
        .where(
            TeamMembership.household_id == household_id,
            TeamMembership.staff_member_id == staff_id,
            TeamMembership.end_date.is_(None),
        )
        .limit(1)
    )
    return NoteReader(staff_id, role_code=role_code, on_team=on_team is not None)


def note_rule_sql(
    table: str = "contact",
    author_column: str | None = "author_id",
    *,
    note_class: NoteClass | None = None,
    from_arguments: bool = False,
) -> str:
    """The body of ``caseworker_may_read_note(contact_id)``: :meth:`NoteReader.may_read` in SQL, same order.

    The person is the staff record whose login is the session's (``session_user``). ``table`` is the row that
    carries the note's class and household (a contact, or an item of a meeting's minutes, which has no author).
    ``note_class`` fixes the class for rows that have none of their own (a debrief note is *équipe*).
    ``from_arguments``: the function is given the row's household and author (``$1``, ``$2``) rather than its id —
    for a row that carries its own text (``debrief_note``): the check of a row being inserted (and returned) runs
    before the row exists, so it could not be read back by its id.
    """
    author = f"c.{author_column} = me.id" if author_column else "false"
    klass = f"'{note_class.name}'" if note_class is not None else "c.note_class"
    if from_arguments:
        source = f"(SELECT $1::integer AS household_id, $2::integer AS {author_column or 'author_id'}) c"
        where = ""
    else:
        source = f"{table} c"
        where = "WHERE c.id = $1"
    return f"""
SELECT CASE
  WHEN me.id IS NOT NULL AND {author} THEN true
  WHEN me.role IN ({codes_sql(NO_NOTES_ROLE_CODES)}) THEN false
  WHEN me.role IN ({codes_sql(ADMINISTRATION_ROLE_CODES)}) AND NOT EXISTS (
    SELECT 1 FROM team_membership t
    WHERE t.household_id = c.household_id AND t.staff_member_id = me.id AND t.end_date IS NULL) THEN false
  WHEN {klass} = '{NoteClass.EQUIPE.name}' THEN true
  WHEN me.id IS NULL THEN false
  WHEN {klass} = '{NoteClass.REFERENTS.name}' THEN EXISTS (
    SELECT 1 FROM team_membership t
    WHERE t.household_id = c.household_id AND t.staff_member_id = me.id AND t.end_date IS NULL)
  WHEN {klass} = '{NoteClass.SANTE.name}' THEN coalesce(me.role IN ({codes_sql(HEALTH_ROLE_CODES)}), false)
  ELSE coalesce(me.role IN ({codes_sql(JUSTICE_ROLE_CODES)}), false)
END
FROM {source}
LEFT JOIN (
  SELECT s.id, r.code AS role FROM staff_member s JOIN staff_role r ON r.id = s.role_id
  WHERE s.login = session_user::text
) me ON true
{where}
"""
