"""The rights opened for a household during its support: which right, on what day, for whom (docs/domain.md §13).

Opening rights (an aide au logement, the RSA, the AAH, a titre de séjour…) is much of what support does; the funders
ask how many households opened which rights. A right is the household's, or one of its persons' (a person who has
been a member of it). The kinds are a picklist an administrator may extend (``right_kind``). Each entry carries a
version: two people correcting it at once, the second is refused (:mod:`caseworker.services.row_versions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from caseworker.domain import AuditAction
from caseworker.models import Person, RightKind, RightOpened
from caseworker.models.base import ReferenceItem
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.households.queries import PersonChoice, existing_household, person_choices, was_member
from caseworker.services.identity import person_display_name
from caseworker.services.reference import Picklist, lookup
from caseworker.services.row_versions import claim_version
from caseworker.services.validation import Problems

ENTITY = "right_opened"


@dataclass(frozen=True)
class RightInput:
    """A right as typed: its kind (a picklist code), the day it was opened, whose (None: the household's)."""

    kind_code: str
    opened_on: date
    person_id: int | None = None


@dataclass(frozen=True)
class RightView:
    """One right opened, as the file lists it."""

    id: int
    household_id: int
    kind_code: str
    kind_label: str
    opened_on: date
    person_id: int | None
    person_name: str  # "" for the household's own
    row_version: int


class RightsService:
    """Records the rights opened for a household, corrects and deletes them."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def rights_for(self, household_id: int) -> list[RightView]:
        """Return the household's rights opened, newest first (a household one may not see has none)."""
        with self._ctx.read() as session:
            query = _with_relations(select(RightOpened)).where(RightOpened.household_id == household_id)
            rows = session.scalars(query.order_by(RightOpened.opened_on.desc(), RightOpened.id.desc())).all()
            names = _names(session, {row.person_id for row in rows if row.person_id is not None})
            return [_view(row, names) for row in rows]

    def persons_for(self, household_id: int) -> list[PersonChoice]:
        """Return who a right may be opened for: the current members in the household's order, then who left."""
        with self._ctx.read() as session:
            return person_choices(session, household_id)

    def record_right(self, household_id: int, data: RightInput) -> RightView:
        """Record a right opened for the household or one of its persons."""
        problems = _checked(data, self._ctx.clock.today())
        with self._ctx.transaction() as session:
            existing_household(session, household_id)
            right = RightOpened(household_id=household_id, created_by_id=self._ctx.actor.staff_member_id)
            _fill(session, right, data, problems)
            session.add(right)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, ENTITY, right.id, household_id=household_id)
            return _view(_load(session, right.id), _names(session, {right.person_id}))

    def update_right(self, right_id: int, data: RightInput, *, expected_version: int) -> RightView:
        """Correct a right opened (its kind, its day, whose it is)."""
        problems = _checked(data, self._ctx.clock.today())
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, RightOpened, right_id, expected_version)
            right = _load(session, right_id)
            _fill(session, right, data, problems)
            changed = audit.changed_attributes(right)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                ENTITY,
                right_id,
                household_id=right.household_id,
                fields=changed,
            )
            return _view(_load(session, right.id), _names(session, {right.person_id}))

    def delete_right(self, right_id: int, *, expected_version: int) -> None:
        """Delete a right recorded by mistake (refused when someone changed it meanwhile)."""
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, RightOpened, right_id, expected_version)
            right = _load(session, right_id)
            household_id = right.household_id
            session.delete(right)
            session.flush()
            audit.record(session, self._ctx, AuditAction.DELETE, ENTITY, right_id, household_id=household_id)


def _checked(data: RightInput, today: date) -> Problems:
    """The rules that need no database: a plausible day (a right is opened, not planned)."""
    problems = Problems()
    problems.date("opened_on", data.opened_on, kind=DateKind.EVENT, label="Date d'ouverture du droit", today=today)
    return problems


def _fill(session: Session, right: RightOpened, data: RightInput, problems: Problems) -> None:
    """Write ``data`` on ``right`` once its kind and person are found; nothing when a problem is."""
    kind: ReferenceItem | None = None
    try:
        kind = lookup(session, Picklist.RIGHT_KIND, data.kind_code, field="kind_code", label="Droit ouvert")
    except ValidationError as error:  # told with the other problems
        for field, message in error.errors.items():
            problems.add(field, message)
    household_id = right.household_id
    if data.person_id is not None and not was_member(session, data.person_id, household_id):
        problems.add("person_id", "Cette personne n'est pas membre du ménage : choisissez-en une de la liste.")
    problems.raise_if_any()
    assert isinstance(kind, RightKind)
    right.kind_id = kind.id
    right.kind = kind  # the view reads it: a relationship loaded before would still name the old kind
    right.opened_on = data.opened_on
    right.person_id = data.person_id


def _names(session: Session, person_ids: set[int | None]) -> dict[int, str]:
    wanted = sorted(person_id for person_id in person_ids if person_id is not None)
    if not wanted:
        return {}
    rows = session.execute(
        select(Person.id, Person.first_name, Person.last_name, Person.pseudonym).where(Person.id.in_(wanted))
    )
    return {person_id: person_display_name(first, last, pseudonym) for person_id, first, last, pseudonym in rows}


def _with_relations(query: Select[RightOpened]) -> Select[RightOpened]:
    return query.options(joinedload(RightOpened.kind))


def _load(session: Session, right_id: int) -> RightOpened:
    right = session.scalar(_with_relations(select(RightOpened)).where(RightOpened.id == right_id))
    if right is None:
        raise NotFoundError("Ce droit ouvert n'existe plus ou n'est plus accessible.")
    return right


def _view(right: RightOpened, names: dict[int, str]) -> RightView:
    return RightView(
        id=right.id,
        household_id=right.household_id,
        kind_code=right.kind.code,
        kind_label=right.kind.label,
        opened_on=right.opened_on,
        person_id=right.person_id,
        person_name=names.get(right.person_id, "") if right.person_id is not None else "",
        row_version=right.row_version,
    )
