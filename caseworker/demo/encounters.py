"""Demo encounters outside the contact log: the drop-in register, street outreach, workshops (docs/domain.md §14.4–5).

Over the last two years: the drop-in opens on Tuesday and Thursday mornings (working days), 15 to 30 visits a
morning, about a third anonymous (an age band and sex, when known), the others from households of this generation
that were known to the association that day (oriented, supported, or exited within the last year), a person of
theirs named half the time; street outreach goes out two evenings a week (Monday and Wednesday), 5 to 12 encounters
a round, each with what was offered and no name, one in ten attached since to a household; about three workshops
a month, 4 to 12 people each, some of them unnamed. The volumes follow the size of the generation (a demo of 50
households has a smaller drop-in). Written once the supports are in, in bulk; nothing is audited; its own random
generator: the other steps draw the same.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from caseworker.demo.batch import TableIds
from caseworker.demo.draws import cumulative, pick, weighted
from caseworker.domain.aftercare import AgeBand, Sex
from caseworker.models import (
    CollectiveSession,
    CollectiveSessionAttendee,
    CollectiveSessionFacilitator,
    DropInReason,
    DropInVisit,
    Episode,
    HouseholdMembership,
    OutreachEncounter,
    OutreachOffer,
    SessionTheme,
    StaffMember,
    outreach_encounter_offer,
)
from caseworker.services.calendar import is_working_day
from caseworker.services.calendar.territories import association_territory

PARIS = ZoneInfo("Europe/Paris")
HORIZON_DAYS = 730
FULL_SIZE = 500
"""From this many households generated, the drop-in and the rounds are at full size; below, in proportion."""

DROP_IN_DAYS = (1, 3)  # Tuesday, Thursday
DROP_IN_VISITS = (15, 30)
ANONYMOUS_SHARE = 0.3
PERSON_NAMED = 0.5
KNOWN_AFTER_EXIT = 365
"""A household still drops in up to a year after its last support ended."""
REASONS = (
    ("accueil", 30), ("courrier", 25), ("demarches", 15), ("logement", 10), ("budget", 7), ("ecoute", 7),
    ("orientation", 4), ("autre", 2),
)  # fmt: skip
AGE_BANDS = (
    (AgeBand.AGE_18_24, 15), (AgeBand.AGE_25_34, 25), (AgeBand.AGE_35_49, 30), (AgeBand.AGE_50_64, 20),
    (AgeBand.AGE_65_PLUS, 5), (AgeBand.MINEUR, 2), (None, 3),
)  # fmt: skip
SEXES = ((Sex.HOMME, 62), (Sex.FEMME, 33), (Sex.AUTRE, 1), (None, 4))

OUTREACH_DAYS = (0, 2)  # Monday, Wednesday
OUTREACH_ENCOUNTERS = (5, 12)
ATTACHED_SHARE = 0.1
PLACES = (
    "Parvis de la gare", "Place du marché", "Sous le pont du canal", "Abords du centre commercial",
    "Square Jean-Moulin", "Parking de la médiathèque", "Arrêt de bus Hôtel de ville", "Bords de la rivière",
    "Entrée du parc municipal", "Galerie marchande",
)  # fmt: skip
OFFERS = (
    ("boisson", 40), ("ecoute", 25), ("information", 15), ("hygiene", 8), ("vetements", 5), ("repas", 4),
    ("mise_a_l_abri", 2), ("accompagnement", 1),
)  # fmt: skip

SESSIONS_A_MONTH = 3
ATTENDEES = (4, 12)
ANONYMOUS_ATTENDEES = (0, 0, 0, 1, 1, 2, 3)
THEMES = (
    ("droits_devoirs_locataire", 20), ("budget", 20), ("energie", 15), ("acces_aux_droits", 15),
    ("numerique", 12), ("cuisine", 10), ("convivialite", 8),
)  # fmt: skip
SESSION_PLACES = ("Salle d'activité de l'association", "Maison de quartier", "Centre social")


@dataclass(frozen=True)
class EncounterCounts:
    """What the encounters step wrote."""

    drop_in_visits: int
    outreach_encounters: int
    sessions: int
    attendees: int


@dataclass(frozen=True)
class _Known:
    """A household the association knew from ``first`` to ``last`` (both included), and its members."""

    household_id: int
    first: date
    last: date
    persons: tuple[int, ...]


def write_demo_encounters(
    session: Session, rng: random.Random, today: date, household_ids: Collection[int]
) -> EncounterCounts:
    """Write the drop-in register, the street rounds and the workshops of the last two years."""
    if not household_ids:
        return EncounterCounts(0, 0, 0, 0)
    scale = min(1.0, len(household_ids) / FULL_SIZE)
    known = _known(session, set(household_ids), today)
    staff = list(session.scalars(select(StaffMember.id).where(StaffMember.active.is_(True)).order_by(StaffMember.id)))
    territory = association_territory(session)
    first = today - timedelta(days=HORIZON_DAYS)
    days = [first + timedelta(days=offset) for offset in range(HORIZON_DAYS)]
    working = [day for day in days if is_working_day(day, territory=territory)]
    ids = TableIds(
        session,
        (
            "drop_in_visit",
            "outreach_encounter",
            "collective_session",
            "collective_session_facilitator",
            "collective_session_attendee",
        ),
    )
    visits = _drop_in(session, rng, ids, [day for day in working if day.weekday() in DROP_IN_DAYS], known, staff, scale)
    encounters = _outreach(
        session, rng, ids, [day for day in days if day.weekday() in OUTREACH_DAYS], known, staff, scale, today
    )
    sessions, attendees = _sessions(session, rng, ids, working, known, staff)
    return EncounterCounts(visits, encounters, sessions, attendees)


def _known(session: Session, households: set[int], today: date) -> list[_Known]:
    """This generation's households, each known from its first referral to a year after its last support ended."""
    spans: dict[int, list[date]] = {}
    query = select(Episode.household_id, func.min(Episode.orientation_date), func.max(Episode.end_date)).group_by(
        Episode.household_id
    )
    open_ended = set(session.scalars(select(Episode.household_id).where(Episode.end_date.is_(None))))
    for household_id, first, last in session.execute(query):
        if household_id in households:
            end = today if household_id in open_ended or last is None else last + timedelta(days=KNOWN_AFTER_EXIT)
            spans[household_id] = [first, end]
    members: dict[int, list[int]] = defaultdict(list)
    for household_id, person_id in session.execute(
        select(HouseholdMembership.household_id, HouseholdMembership.person_id).order_by(HouseholdMembership.id)
    ):
        if household_id in spans:
            members[household_id].append(person_id)
    return [
        _Known(household_id, first, last, tuple(members.get(household_id, ())))
        for household_id, (first, last) in sorted(spans.items())
    ]


def _someone(rng: random.Random, known: Sequence[_Known], day: date) -> _Known | None:
    """A household known that day, drawn at random (a few tries: most are known on most days)."""
    for _ in range(6):
        candidate = known[int(rng.random() * len(known))]
        if candidate.first <= day <= candidate.last:
            return candidate
    return None


def _local(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS).astimezone(timezone.utc)


def _scaled(rng: random.Random, bounds: tuple[int, int], scale: float) -> int:
    return max(1, round(rng.randint(*bounds) * scale))


def _drop_in(
    session: Session,
    rng: random.Random,
    ids: TableIds,
    mornings: Sequence[date],
    known: Sequence[_Known],
    staff: Sequence[int],
    scale: float,
) -> int:
    reasons_by_code = dict(session.execute(select(DropInReason.code, DropInReason.id)).all())
    reasons = cumulative([(reasons_by_code[code], weight) for code, weight in REASONS if code in reasons_by_code])
    ages, sexes = cumulative(AGE_BANDS), cumulative(SEXES)
    rows: list[dict[str, object]] = []
    for day in mornings:
        recorder = rng.choice(staff) if staff else None
        count = _scaled(rng, DROP_IN_VISITS, scale)
        minutes = sorted(rng.randint(0, 179) for _ in range(count))  # 09:00–11:59
        for minute in minutes:
            visitor = None if rng.random() < ANONYMOUS_SHARE or not known else _someone(rng, known, day)
            person = None
            if visitor is not None and visitor.persons and rng.random() < PERSON_NAMED:
                person = rng.choice(visitor.persons)
            moment = _local(day, 9 + minute // 60, minute % 60)
            rows.append(
                {
                    "id": ids.next("drop_in_visit"),
                    "occurred_at": moment,
                    "household_id": visitor.household_id if visitor else None,
                    "person_id": person,
                    "age_band": None if visitor else pick(rng, ages),
                    "sex": None if visitor else pick(rng, sexes),
                    "reason_id": pick(rng, reasons) if reasons[0] else None,  # the picklist may have been emptied
                    "recorded_by_id": recorder,
                    "created_at": moment,
                }
            )
    if rows:
        session.execute(insert(DropInVisit), rows)
    return len(rows)


def _outreach(
    session: Session,
    rng: random.Random,
    ids: TableIds,
    evenings: Sequence[date],
    known: Sequence[_Known],
    staff: Sequence[int],
    scale: float,
    today: date,
) -> int:
    offers_by_code = dict(session.execute(select(OutreachOffer.code, OutreachOffer.id)).all())
    offers = [(offers_by_code[code], weight) for code, weight in OFFERS if code in offers_by_code]
    ages, sexes = cumulative(AGE_BANDS), cumulative(SEXES)
    now = datetime.combine(today, time(8), tzinfo=timezone.utc)
    rows: list[dict[str, object]] = []
    links: list[dict[str, object]] = []
    for day in evenings:
        recorder = rng.choice(staff) if staff else None
        places = rng.sample(PLACES, 4)  # the round's stops, in order, from 20:00 to 23:00
        count = _scaled(rng, OUTREACH_ENCOUNTERS, scale)
        for minute in sorted(rng.randint(0, 179) for _ in range(count)):
            moment = _local(day, 20 + minute // 60, minute % 60)
            encounter_id = ids.next("outreach_encounter")
            attached = _someone(rng, known, day) if known and rng.random() < ATTACHED_SHARE else None
            attached_at = None
            if attached is not None:
                attached_at = min(moment + timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 6)), now)
            rows.append(
                {
                    "id": encounter_id,
                    "occurred_at": moment,
                    "place": places[minute // 45],
                    "age_band": pick(rng, ages),
                    "sex": pick(rng, sexes),
                    "household_id": attached.household_id if attached else None,
                    "person_id": attached.persons[0] if attached and attached.persons else None,
                    "attached_at": attached_at,
                    "attached_by_id": recorder if attached else None,
                    "recorded_by_id": recorder,
                    "created_at": moment,
                    "row_version": 1,
                }
            )
            chosen = {weighted(rng, offers) for _ in range(rng.randint(1, 3))} if offers else set()
            links.extend({"encounter_id": encounter_id, "offer_id": offer_id} for offer_id in sorted(chosen))
    if rows:
        session.execute(insert(OutreachEncounter), rows)
    if links:
        session.execute(insert(outreach_encounter_offer), links)
    return len(rows)


def _sessions(
    session: Session,
    rng: random.Random,
    ids: TableIds,
    working: Sequence[date],
    known: Sequence[_Known],
    staff: Sequence[int],
) -> tuple[int, int]:
    themes_by_code = dict(session.execute(select(SessionTheme.code, SessionTheme.id)).all())
    themes = [(themes_by_code[code], weight) for code, weight in THEMES if code in themes_by_code]
    if not themes or not working:
        return 0, 0
    months: dict[tuple[int, int], list[date]] = defaultdict(list)
    for day in working:
        months[(day.year, day.month)].append(day)
    sessions: list[dict[str, object]] = []
    facilitators: list[dict[str, object]] = []
    attendees: list[dict[str, object]] = []
    for month in sorted(months):
        days = months[month]
        for day in sorted(rng.sample(days, min(SESSIONS_A_MONTH, len(days)))):
            session_id = ids.next("collective_session")
            anonymous = rng.choice(ANONYMOUS_ATTENDEES)
            named = max(rng.randint(*ATTENDEES) - anonymous, 0)
            sessions.append(
                {
                    "id": session_id,
                    "held_on": day,
                    "theme_id": weighted(rng, themes),
                    "title": "",
                    "place": rng.choice(SESSION_PLACES),
                    "duration_minutes": rng.choice((90, 120, 150)),
                    "anonymous_count": anonymous,
                    "created_at": _local(day, 17, 0),
                    "created_by_id": None,
                    "row_version": 1,
                }
            )
            for staff_id in rng.sample(staff, min(rng.randint(1, 2), len(staff))):
                facilitators.append(
                    {
                        "id": ids.next("collective_session_facilitator"),
                        "session_id": session_id,
                        "staff_member_id": staff_id,
                        "partner_contact_id": None,
                    }
                )
            came: set[int] = set()
            for _ in range(named):
                household = _someone(rng, known, day) if known else None
                if household is None or household.household_id in came:
                    continue
                came.add(household.household_id)
                person = rng.choice(household.persons) if household.persons and rng.random() < 0.8 else None
                attendees.append(
                    {
                        "id": ids.next("collective_session_attendee"),
                        "session_id": session_id,
                        "household_id": household.household_id,
                        "person_id": person,
                    }
                )
    session.execute(insert(CollectiveSession), sessions)
    if facilitators:
        session.execute(insert(CollectiveSessionFacilitator), facilitators)
    if attendees:
        session.execute(insert(CollectiveSessionAttendee), attendees)
    return len(sessions), len(attendees) + sum(int(row["anonymous_count"]) for row in sessions)  # type: ignore[call-overload]
