"""Street outreach (maraude): encounters recorded in the street in under 30 seconds, no name (docs/domain.md §14.5).

An encounter is a time (now unless typed), a place (a short line: « Place Sainte-Anne », « sous le pont de
Nantes »), what was offered (several entries of the ``outreach_offer`` picklist), an age band and a sex when known —
never a name: recording one creates no person and no household. Once the person is identified, the encounter may be
**attached** to their household (and to the person, a member of it now or before); who attached it and when are
kept, and the household's file then lists it (:meth:`OutreachService.for_household`). Attaching to the wrong
household is undone by detaching. None of it is a contact of a measure's activity (§14).

**Who sees what.** An encounter attached to nobody is the service's: everyone sees it, corrects it and may attach
it. An attached encounter follows its household's rule (:mod:`caseworker.services.visibility` locally, the row-level
security on the team's server): a referent sees the encounters attached to the households of their teams, and the
unattached ones; an encounter attached to another team's household is absent from their list, their counts and
their recent places, and "not found" when asked for. The team lead sees every one. Deleting an encounter (recorded
by mistake) is for whoever recorded it, or a team lead.

The place is free text a person typed in the street: it is stored, shown, and never logged (the audit events name
the fields changed, never their values). Each encounter carries a version: two people correcting it at once, the
second is refused (:mod:`caseworker.services.row_versions`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import AuditAction
from caseworker.domain.aftercare import AGE_BAND_LABELS, SEX_LABELS, AgeBand, Sex
from caseworker.formats import format_datetime
from caseworker.models import (
    OutreachEncounter,
    OutreachOffer,
    Person,
    StaffMember,
    outreach_encounter_offer,
)
from caseworker.services import audit
from caseworker.services.access_policy import TEAM_LEAD_ROLE, role_code_of
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.encounters.history import EncounterKind, HouseholdEncounter
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.households.listing import display_names_for
from caseworker.services.households.queries import PersonChoice, existing_household, person_choices, was_member
from caseworker.services.identity import household_reference, person_display_name, staff_display_name
from caseworker.services.reference import Choice
from caseworker.services.row_versions import claim_version
from caseworker.services.validation import NAME_MAX, Problems

ENTITY = "outreach_encounter"

CLOCK_SKEW = timedelta(minutes=5)
"""How far ahead of this laptop's clock an encounter's time may be (another laptop's clock runs a little fast)."""

RECENT_PLACES = 30
"""How many recent places the quick entry proposes."""

_RECENT_ENCOUNTERS_READ = 300
"""How many of the latest encounters the recent places are read from."""

MAX_PERIOD_DAYS = 366 * 5
"""The longest period a list or a count covers (as the exports: five years)."""

DELETE_REFUSED = (
    "Seule la personne qui a enregistré cette rencontre, ou un chef de service, peut la supprimer : "
    "corrigez-la plutôt, ou adressez-vous à elle."
)


@dataclass(frozen=True)
class EncounterInput:
    """An encounter as typed: when (None: now), where, what was offered (picklist codes), age band and sex if known."""

    place: str
    offer_codes: tuple[str, ...] = ()
    age_band: AgeBand | None = None
    sex: Sex | None = None
    occurred_at: datetime | None = None


@dataclass(frozen=True)
class EncounterView:
    """One street encounter as the outreach page lists it.

    ``household_name`` and ``person_name`` are "" while it is attached to nobody; ``may_delete`` says whether the
    person reading may delete it (its recorder, or a team lead).
    """

    id: int
    occurred_at: datetime
    place: str
    offer_codes: tuple[str, ...]
    offer_labels: tuple[str, ...]
    age_band: AgeBand | None
    sex: Sex | None
    household_id: int | None
    household_name: str
    household_reference: str
    person_id: int | None
    person_name: str
    attached_at: datetime | None
    attached_by_name: str
    recorded_by_name: str
    may_delete: bool
    row_version: int

    @property
    def age_band_label(self) -> str:
        """The age band in French ("" when not known)."""
        return AGE_BAND_LABELS[self.age_band] if self.age_band is not None else ""

    @property
    def sex_label(self) -> str:
        """The sex in French ("" when not known)."""
        return SEX_LABELS[self.sex] if self.sex is not None else ""

    @property
    def is_attached(self) -> bool:
        """Whether the encounter is attached to a household."""
        return self.household_id is not None


@dataclass(frozen=True)
class OutreachCounts:
    """The street encounters of a period, counted (for the funders' export, docs/domain.md §14.6).

    ``by_age_band`` and ``by_sex`` have a None key for "not known"; ``by_offer`` counts the encounters where each
    offer was made (an encounter with two offers counts under both), by code, with ``offer_labels`` naming them.
    """

    encounters: int
    attached: int
    households: int
    by_age_band: dict[AgeBand | None, int] = field(default_factory=dict)
    by_sex: dict[Sex | None, int] = field(default_factory=dict)
    by_offer: dict[str, int] = field(default_factory=dict)
    offer_labels: dict[str, str] = field(default_factory=dict)


class OutreachService:
    """Records street encounters, lists, corrects, deletes, attaches them to a household, and counts them."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # reading ---------------------------------------------------------------------------------------------

    def offer_choices(self) -> list[Choice]:
        """Return what a round may offer (the active entries of the picklist), in display order."""
        with self._ctx.read() as session:
            offers = session.scalars(
                select(OutreachOffer)
                .where(OutreachOffer.active.is_(True))
                .order_by(OutreachOffer.sort_order, OutreachOffer.label)
            )
            return [Choice(offer.code, offer.label) for offer in offers]

    def recent_places(self, limit: int = RECENT_PLACES) -> list[str]:
        """Return the places of the latest encounters one sees, most recent first, each once (for the completer)."""
        with self._ctx.read() as session:
            places = session.scalars(
                select(OutreachEncounter.place)
                .where(OutreachEncounter.place != "")
                .order_by(OutreachEncounter.occurred_at.desc(), OutreachEncounter.id.desc())
                .limit(_RECENT_ENCOUNTERS_READ)
            )
            return list(dict.fromkeys(places))[: max(limit, 0)]

    def encounters(self, start: date, end: date, *, unattached_only: bool = False) -> list[EncounterView]:
        """Return the encounters of the days ``start`` to ``end`` (local, inclusive), newest first.

        ``unattached_only`` keeps those attached to no household yet (the ones "to attach").
        """
        since, until = _period(start, end, self._ctx.clock.today())
        with self._ctx.read() as session:
            query = _with_offers(select(OutreachEncounter)).where(
                OutreachEncounter.occurred_at >= since, OutreachEncounter.occurred_at < until
            )
            if unattached_only:
                query = query.where(OutreachEncounter.household_id.is_(None))
            rows = session.scalars(
                query.order_by(OutreachEncounter.occurred_at.desc(), OutreachEncounter.id.desc())
            ).all()
            return _views(session, self._ctx, rows)

    def encounter(self, encounter_id: int) -> EncounterView:
        """Return one encounter (NotFoundError when it is gone or attached to a household one may not see)."""
        with self._ctx.read() as session:
            return _views(session, self._ctx, [_load(session, encounter_id)])[0]

    def persons_for(self, household_id: int) -> list[PersonChoice]:
        """Return whom of a household an encounter may be attached to: its current members first, then who left."""
        with self._ctx.read() as session:
            return person_choices(session, household_id)

    def for_household(self, household_id: int) -> list[HouseholdEncounter]:
        """Return the encounters attached to a household, newest first, as its file lists them."""
        with self._ctx.read() as session:
            rows = session.scalars(
                _with_offers(select(OutreachEncounter))
                .where(OutreachEncounter.household_id == household_id)
                .order_by(OutreachEncounter.occurred_at.desc(), OutreachEncounter.id.desc())
            ).all()
            names = _person_names(session, {row.person_id for row in rows})
            return [
                HouseholdEncounter(
                    kind=EncounterKind.OUTREACH,
                    row_id=row.id,
                    occurred_at=row.occurred_at,
                    detail=household_detail(row.place, [offer.label for offer in _sorted_offers(row)]),
                    person_name=names.get(row.person_id, "") if row.person_id is not None else "",
                )
                for row in rows
            ]

    def counts(self, start: date, end: date) -> OutreachCounts:
        """Count the encounters of the days ``start`` to ``end`` (local, inclusive) one sees."""
        since, until = _period(start, end, self._ctx.clock.today())
        with self._ctx.read() as session:
            return outreach_counts_in(session, since, until)

    # writing ---------------------------------------------------------------------------------------------

    def record_encounter(self, data: EncounterInput) -> EncounterView:
        """Record an encounter met in the street: no household, no person is created."""
        problems = Problems()
        place, occurred_at = self._checked(problems, data)
        with self._ctx.transaction() as session:
            offers = _offers(session, problems, data.offer_codes, kept=set())
            problems.raise_if_any()
            encounter = OutreachEncounter(
                occurred_at=occurred_at,
                place=place,
                age_band=data.age_band,
                sex=data.sex,
                offers=offers,
                recorded_by_id=self._ctx.actor.staff_member_id,
            )
            session.add(encounter)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, ENTITY, encounter.id)
            return _views(session, self._ctx, [_load(session, encounter.id)])[0]

    def correct_encounter(self, encounter_id: int, data: EncounterInput, *, expected_version: int) -> EncounterView:
        """Correct an encounter's time, place, offers, age band or sex (whom it is attached to stays)."""
        problems = Problems()
        place, occurred_at = self._checked(problems, data)
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, OutreachEncounter, encounter_id, expected_version)
            encounter = _load(session, encounter_id)
            offers = _offers(session, problems, data.offer_codes, kept={offer.id for offer in encounter.offers})
            problems.raise_if_any()
            changed_offers = {offer.id for offer in offers} != {offer.id for offer in encounter.offers}
            encounter.occurred_at = occurred_at
            encounter.place = place
            encounter.age_band = data.age_band
            encounter.sex = data.sex
            changed = audit.changed_attributes(encounter)
            if changed_offers:
                encounter.offers = offers
                changed.append("offers")
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                ENTITY,
                encounter_id,
                household_id=encounter.household_id,
                fields=changed,
            )
            return _views(session, self._ctx, [_load(session, encounter_id)])[0]

    def delete_encounter(self, encounter_id: int, *, expected_version: int) -> None:
        """Delete an encounter recorded by mistake (its recorder, or a team lead)."""
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, OutreachEncounter, encounter_id, expected_version)
            encounter = _load(session, encounter_id)
            if not _may_delete(session, self._ctx, encounter):
                raise TransitionError(DELETE_REFUSED)
            household_id = encounter.household_id
            session.delete(encounter)
            session.flush()
            audit.record(session, self._ctx, AuditAction.DELETE, ENTITY, encounter_id, household_id=household_id)

    def attach_encounter(
        self, encounter_id: int, household_id: int, person_id: int | None = None, *, expected_version: int
    ) -> EncounterView:
        """Attach an encounter to the household of the person identified (and to that person, a member of it)."""
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, OutreachEncounter, encounter_id, expected_version)
            encounter = _load(session, encounter_id)
            if encounter.household_id is not None:
                raise TransitionError(
                    "Cette rencontre est déjà rattachée à un ménage : détachez-la d'abord si ce n'est pas le bon."
                )
            existing_household(session, household_id)
            if person_id is not None and not was_member(session, person_id, household_id):
                raise ValidationError(
                    {"person_id": "Cette personne n'est pas membre du ménage : choisissez-en une de la liste."}
                )
            encounter.household_id = household_id
            encounter.person_id = person_id
            encounter.attached_at = self._ctx.clock.now()
            encounter.attached_by_id = self._ctx.actor.staff_member_id
            session.flush()
            fields = ["household_id", "person_id"] if person_id is not None else ["household_id"]
            audit.record(
                session, self._ctx, AuditAction.UPDATE, ENTITY, encounter_id, household_id=household_id, fields=fields
            )
            return _views(session, self._ctx, [_load(session, encounter_id)])[0]

    def detach_encounter(self, encounter_id: int, *, expected_version: int) -> EncounterView:
        """Detach an encounter attached to the wrong household (a mistake): it is then attached to nobody."""
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, OutreachEncounter, encounter_id, expected_version)
            encounter = _load(session, encounter_id)
            household_id = encounter.household_id
            if household_id is None:
                raise TransitionError("Cette rencontre n'est rattachée à aucun ménage.")
            fields = ["household_id", "person_id"] if encounter.person_id is not None else ["household_id"]
            encounter.household_id = None
            encounter.person_id = None
            encounter.attached_at = None
            encounter.attached_by_id = None
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.UPDATE, ENTITY, encounter_id, household_id=household_id, fields=fields
            )
            return _views(session, self._ctx, [_load(session, encounter_id)])[0]

    # internals -------------------------------------------------------------------------------------------

    def _checked(self, problems: Problems, data: EncounterInput) -> tuple[str, datetime]:
        """The rules that need no database: a place on one line, a plausible time; return them cleaned."""
        if "\n" in data.place or "\r" in data.place:
            problems.add("place", "Lieu : un lieu s'écrit sur une seule ligne.")
        place = problems.text("place", data.place, label="Lieu", max_length=NAME_MAX, required=True)
        now = self._ctx.clock.now()
        moment = data.occurred_at or now
        if moment.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous: pass an aware datetime")
        problems.moment("occurred_at", moment, kind=DateKind.EVENT, label="Heure", today=self._ctx.clock.today())
        if "occurred_at" in problems.errors:  # an absurd moment is not converted: it may leave the calendar
            return place, now
        utc = moment.astimezone(timezone.utc).replace(second=0, microsecond=0)
        if utc > now + CLOCK_SKEW:
            problems.add(
                "occurred_at", f"Heure : une rencontre ne peut pas être dans le futur ({format_datetime(utc)})."
            )
        return place, utc


def household_detail(place: str, offer_labels: Sequence[str]) -> str:
    """Return what a household's file says of an encounter: « Maraude : Place Sainte-Anne — boisson chaude »."""
    offers = " ; ".join(_lower_first(label) for label in offer_labels)
    text = f"Maraude : {place}" if place else "Maraude"
    return f"{text} — {offers}" if offers else text


def outreach_counts_in(session: Session, since: datetime, until: datetime) -> OutreachCounts:
    """Count the encounters from ``since`` (included) to ``until`` (excluded) in the caller's session.

    The session's reader decides what is counted (a referent does not count another team's attached encounters):
    the funders' export runs as someone who sees every household.
    """
    in_period = (OutreachEncounter.occurred_at >= since, OutreachEncounter.occurred_at < until)
    rows = session.execute(
        select(
            OutreachEncounter.id, OutreachEncounter.age_band, OutreachEncounter.sex, OutreachEncounter.household_id
        ).where(*in_period)
    ).all()
    offered = session.execute(
        select(OutreachOffer.code, func.count())
        .select_from(OutreachEncounter)
        .join(outreach_encounter_offer, outreach_encounter_offer.c.encounter_id == OutreachEncounter.id)
        .join(OutreachOffer, OutreachOffer.id == outreach_encounter_offer.c.offer_id)
        .where(*in_period)
        .group_by(OutreachOffer.code)
    ).all()
    labels = {code: label for code, label in session.execute(select(OutreachOffer.code, OutreachOffer.label))}
    return OutreachCounts(
        encounters=len(rows),
        attached=sum(1 for row in rows if row.household_id is not None),
        households=len({row.household_id for row in rows if row.household_id is not None}),
        by_age_band=dict(Counter(row.age_band for row in rows)),
        by_sex=dict(Counter(row.sex for row in rows)),
        by_offer={code: int(count) for code, count in offered},
        offer_labels=labels,
    )


def _lower_first(label: str) -> str:
    """« Boisson chaude » reads « boisson chaude » inside a sentence (an acronym stays: « CCAS »)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _period(start: date, end: date, today: date) -> tuple[datetime, datetime]:
    """Check a period of local days and return its bounds as aware moments (``end``'s next midnight excluded)."""
    problems = Problems()
    problems.date("start", start, kind=DateKind.EVENT, label="Début de la période", today=today)
    # A period may run on to its end (this month, this year): its end may be ahead.
    problems.date("end", end, kind=DateKind.PLANNED, label="Fin de la période", today=today)
    problems.ordered("end", start, end, start_label="Le début de la période", end_label="La fin de la période")
    if not problems and (end - start).days > MAX_PERIOD_DAYS:
        problems.add("end", "La période ne dépasse pas cinq ans.")
    problems.raise_if_any()
    return _local_midnight(start), _local_midnight(end + timedelta(days=1))


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone()


def _offers(session: Session, problems: Problems, codes: Sequence[str], *, kept: set[int]) -> list[OutreachOffer]:
    """The offers named by ``codes`` (each once): active ones, or inactive ones the encounter already had."""
    wanted = list(dict.fromkeys(codes))
    if not wanted:
        return []
    found = {
        offer.code: offer for offer in session.scalars(select(OutreachOffer).where(OutreachOffer.code.in_(wanted)))
    }
    offers = []
    for code in wanted:
        offer = found.get(code)
        if offer is None or (not offer.active and offer.id not in kept):
            problems.add("offer_codes", "Proposé : choisissez dans la liste de ce qu'une maraude propose.")
            return []
        offers.append(offer)
    return offers


def _may_delete(session: Session, ctx: ServiceContext, encounter: OutreachEncounter) -> bool:
    """Whether the person working may delete the encounter: they recorded it, or they lead the team."""
    staff_id = ctx.actor.staff_member_id
    if staff_id is not None and encounter.recorded_by_id == staff_id:
        return True
    return role_code_of(session, staff_id) == TEAM_LEAD_ROLE


def _with_offers(query: Select[OutreachEncounter]) -> Select[OutreachEncounter]:
    return query.options(selectinload(OutreachEncounter.offers))


def _load(session: Session, encounter_id: int) -> OutreachEncounter:
    encounter = session.scalar(_with_offers(select(OutreachEncounter)).where(OutreachEncounter.id == encounter_id))
    if encounter is None:
        raise NotFoundError("Cette rencontre de maraude n'existe plus ou n'est plus accessible.")
    return encounter


def _sorted_offers(encounter: OutreachEncounter) -> list[OutreachOffer]:
    return sorted(encounter.offers, key=lambda offer: (offer.sort_order, offer.label))


def _person_names(session: Session, person_ids: set[int | None]) -> dict[int, str]:
    wanted = sorted(person_id for person_id in person_ids if person_id is not None)
    if not wanted:
        return {}
    rows = session.execute(
        select(Person.id, Person.first_name, Person.last_name, Person.pseudonym).where(Person.id.in_(wanted))
    )
    return {person_id: person_display_name(first, last, pseudonym) for person_id, first, last, pseudonym in rows}


def _staff_names(session: Session, staff_ids: set[int | None]) -> dict[int, str]:
    wanted = sorted(staff_id for staff_id in staff_ids if staff_id is not None)
    if not wanted:
        return {}
    rows = session.execute(
        select(StaffMember.id, StaffMember.first_name, StaffMember.last_name).where(StaffMember.id.in_(wanted))
    )
    return {staff_id: staff_display_name(first, last) for staff_id, first, last in rows}


def _views(session: Session, ctx: ServiceContext, rows: Sequence[OutreachEncounter]) -> list[EncounterView]:
    """The rows as views, their households, persons and staff named in one query each."""
    households = display_names_for(session, {row.household_id for row in rows if row.household_id is not None})
    persons = _person_names(session, {row.person_id for row in rows})
    staff = _staff_names(session, {row.recorded_by_id for row in rows} | {row.attached_by_id for row in rows})
    actor = ctx.actor.staff_member_id
    leads = role_code_of(session, actor) == TEAM_LEAD_ROLE
    views = []
    for row in rows:
        offers = _sorted_offers(row)
        views.append(
            EncounterView(
                id=row.id,
                occurred_at=row.occurred_at,
                place=row.place,
                offer_codes=tuple(offer.code for offer in offers),
                offer_labels=tuple(offer.label for offer in offers),
                age_band=row.age_band,
                sex=row.sex,
                household_id=row.household_id,
                household_name=households.get(row.household_id, "") if row.household_id is not None else "",
                household_reference=household_reference(row.household_id) if row.household_id is not None else "",
                person_id=row.person_id,
                person_name=persons.get(row.person_id, "") if row.person_id is not None else "",
                attached_at=row.attached_at,
                attached_by_name=staff.get(row.attached_by_id, "") if row.attached_by_id is not None else "",
                recorded_by_name=staff.get(row.recorded_by_id, "") if row.recorded_by_id is not None else "",
                may_delete=leads or (actor is not None and row.recorded_by_id == actor),
                row_version=row.row_version,
            )
        )
    return views
