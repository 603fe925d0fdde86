"""The contact log of demo households: meetings at the rhythm of the intensity level, and failed attempts.

Contacts from the orientation to the end of support (or yesterday): sometimes a run of failed "aller vers"
attempts before a first meeting (docs/domain.md §5), then one contact every interval of the current level, give
or take, with the coordinator or another team member; almost none while the episode is suspended. Ordinary
contacts fall on working days during office hours, some in the evening or at the weekend. Notes are generic
sentences, never a name.

This loop runs half a million times for 10,000 households: the draws are precomputed (cumulative weights,
ids by code) and the rows are tuples in storage format, queued in
:class:`caseworker.demo.support.writer.SupportRows`.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from caseworker.demo.draws import cumulative
from caseworker.demo.support.plans import Spell
from caseworker.demo.support.reference import StaffInfo, SupportReference
from caseworker.demo.support.tables import (
    ATTEMPT_TYPES,
    CONTACT_TYPES,
    DURATIONS,
    HEALTH_TOPICS,
    NOTE_CLASSES,
    NOTES_BY_TOPIC,
    NOTES_CANCELLED,
    NOTES_FAILED,
    NOTES_GENERAL,
    NOTES_SMS,
    REMOTE_TYPES,
    SHARE_OF_FAILED_ATTEMPTS,
    SHARE_WITH_FAILED_RUN,
    TOPIC_WEIGHTS,
    TOPICS_PER_CONTACT,
)
from caseworker.demo.support.writer import SupportRows
from caseworker.domain import EpisodeStatus
from caseworker.services.calendar import is_off_hours, is_working_day

# Local time of the contacts: the demo does not depend on the machine's time zone.
PARIS = ZoneInfo("Europe/Paris")

S = EpisodeStatus
_OUTCOMES = ("rencontre", "joint", "porte_close", "absent", "non_joint", "refus", "annule_menage", "annule_equipe")


class ContactLog:
    """Queues the contacts of each stretch of support, with their topics and participants."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        *,
        reference: SupportReference,
        rows: SupportRows,
        territory: str,
    ) -> None:
        self._rng = rng
        self._yesterday = today - timedelta(days=1)
        self._coordinators = reference.coordinators
        self._ids = rows.ids
        self._contacts = rows.contacts
        self._links = rows.links
        self._participants = rows.participants
        # Precomputed draws (the contact loop runs half a million times).
        self._topic_mix = cumulative([(reference.topic[code], weight) for code, weight in TOPIC_WEIGHTS])
        self._topic_codes = {reference.topic[code]: code for code, _ in TOPIC_WEIGHTS}
        self._type_mix = cumulative(CONTACT_TYPES)
        self._attempt_mix = cumulative(ATTEMPT_TYPES)
        self._type_ids = {code: reference.contact_type[code] for code, _ in CONTACT_TYPES}
        self._outcome_ids = {code: reference.outcome[code] for code in _OUTCOMES}
        self._topics_per_contact = list(accumulate(TOPICS_PER_CONTACT))
        self._utc_midnight: dict[int, datetime] = {}
        self._territory = territory  # whose public holidays count the days
        self._working: dict[int, bool] = {}

    def topic_profile(self) -> list[int]:
        """A household's usual concerns: a few topics its contacts are about."""
        rng = self._rng
        topics, totals = self._topic_mix
        profile: list[int] = []
        for topic_id in rng.choices(topics, cum_weights=totals, k=rng.randint(3, 6)):
            if topic_id not in profile:
                profile.append(topic_id)
        return profile

    def log(self, household_id: int, spell: Spell, profile: list[int], handler: StaffInfo | None) -> None:
        """Contacts from the orientation to the end (or yesterday), at the rhythm of the intensity level.

        Before support starts, the referral is handled by the household's former coordinator when it comes
        back, else by a social worker of the service.
        """
        rng = self._rng
        main = spell.main
        failed_run = rng.random() < SHARE_WITH_FAILED_RUN
        yesterday = self._yesterday
        if main.start is None:
            # Not (yet) supported: whoever handles the referral tries to reach the household, or meets it once.
            staff = handler or rng.choice(self._coordinators)
            last = min(main.steps[-1][1] if main.status is S.SANS_SUITE else yesterday, yesterday)
            day = main.orientation + timedelta(days=rng.randint(1, 10))
            if failed_run:
                day = self._failed_run(household_id, day, last, staff.id)
            if day <= last and rng.random() < 0.6:
                self._contact(household_id, day, last, "entretien_bureau", "rencontre", profile, [staff.id], None)
            return
        start = main.start
        last = min(main.end or yesterday, yesterday)
        coordinator = spell.coordinators[0][0].id
        day = start + timedelta(days=rng.randint(0, 5))
        if failed_run:
            day = self._failed_run(household_id, day, last, coordinator)
        else:
            # Before the start, the coordinator-to-be may meet the household once or twice.
            before = (start - main.orientation).days
            for _ in range(rng.randint(0, 2) if before > 2 else 0):
                early = main.orientation + timedelta(days=rng.randint(1, before - 1))
                kind, outcome = rng.choice((("entretien_bureau", "rencontre"), ("telephone", "joint")))
                self._contact(household_id, early, start, kind, outcome, profile, [coordinator], None)
        if day > last:
            return
        first = self._contact(household_id, day, last, "visite_domicile", "rencontre", profile, [coordinator], None)
        self._rhythm(household_id, spell, first, last, profile)

    def _failed_run(self, household_id: int, day: date, last: date, staff_id: int) -> date:
        """1–8 failed "aller vers" attempts, some in the evening or at the weekend; returns the next day to try."""
        rng = self._rng
        types, totals = self._attempt_mix
        for _ in range(rng.randint(1, 8)):
            if day > last:
                break
            kind = rng.choices(types, cum_weights=totals)[0]
            outcome = "non_joint" if kind in REMOTE_TYPES else rng.choice(("porte_close", "porte_close", "absent"))
            tried = self._contact(
                household_id, day, last, kind, outcome, None, [staff_id], None, odd_hours=rng.random() < 0.3
            )
            day = max(day, tried) + timedelta(days=rng.randint(1, 4))
        return day

    def _rhythm(self, household_id: int, spell: Spell, first: date, last: date, profile: list[int]) -> None:
        """Contacts after the first meeting, one every "interval" of the current level, give or take.

        Some come sooner, some later, a few are never logged; a Housing First team (multidisciplinary, on call)
        sees people a little more often than the nominal rhythm. Suspended weeks have almost no contact.
        """
        rng = self._rng
        random_ = rng.random
        main = spell.main
        levels = main.levels
        level_index = 0
        intervals = main.measure.interval_days
        suspensions = main.suspensions
        suspension_index = 0
        coordinators = spell.coordinators
        coordinator_index = 0
        others = [member for member in spell.members if not member.coordinator and member.staff is not None]
        landlord_contact = next((m.partner_contact_id for m in spell.members if m.partner_contact_id), None)
        types, type_cumulative = self._type_mix
        ordinal = first.toordinal()
        last_ordinal = last.toordinal()
        position = float(ordinal)
        spread, shortest = (1.0, 0.4) if main.measure.code == "chez_soi_dabord" else (1.25, 0.55)
        while True:
            day_ordinal = int(position)
            while level_index + 1 < len(levels) and levels[level_index + 1][1].toordinal() <= day_ordinal:
                level_index += 1
            interval = intervals[levels[level_index][0]]
            position += interval * (shortest + spread * random_())
            day_ordinal = int(position)
            if day_ordinal > last_ordinal:
                return
            day = date.fromordinal(day_ordinal)
            while suspension_index < len(suspensions):
                current = suspensions[suspension_index]
                if current.end is not None and current.end < day:
                    suspension_index += 1
                    continue
                break
            suspended = suspension_index < len(suspensions) and suspensions[suspension_index].start <= day
            if suspended and random_() > 0.04:
                continue
            while coordinator_index + 1 < len(coordinators) and coordinators[coordinator_index + 1][1] <= day:
                coordinator_index += 1
            staff = [coordinators[coordinator_index][0].id]
            if others and random_() < 0.2:
                present = [m.staff.id for m in others if m.start <= day and (m.end is None or day <= m.end) and m.staff]
                if present:
                    other = present[0] if len(present) == 1 else rng.choice(present)
                    staff = [other] if random_() < 0.5 else [staff[0], other]
            kind = "telephone" if suspended else rng.choices(types, cum_weights=type_cumulative)[0]
            outcome = _outcome(random_, kind)
            partner = landlord_contact if landlord_contact and kind == "reunion_partenaire" else None
            held = self._contact(
                household_id, day, last, kind, outcome, profile, staff, partner, odd_hours=random_() < 0.06
            )
            position = max(position, float(held.toordinal()))

    def _contact(
        self,
        household_id: int,
        day: date,
        latest: date,
        kind: str,
        outcome: str,
        profile: list[int] | None,
        staff_ids: list[int],
        partner_contact_id: int | None,
        *,
        odd_hours: bool = False,
    ) -> date:
        """Queue one contact with its topics and participants (the first participant wrote it); return its day.

        Ordinary contacts fall on working days during office hours (a weekend or holiday moves to the next
        working day, unless that is after ``latest``); ``odd_hours`` ones in the evening or at the weekend.
        """
        rng = self._rng
        random_ = rng.random
        ordinal, minute = self._when(day, latest, odd_hours)
        contact_day = date.fromordinal(ordinal)
        local = datetime(contact_day.year, contact_day.month, contact_day.day, minute // 60, minute % 60)
        occurred = self._utc_midnight_of(ordinal) + timedelta(minutes=minute)
        attempt = outcome in ("porte_close", "absent", "non_joint")
        cancelled = outcome in ("annule_menage", "annule_equipe")
        bounds = DURATIONS[kind]
        if bounds is None or cancelled:
            duration = None
        elif attempt:
            duration = 2 if kind == "telephone" else rng.randint(10, 20)
        else:
            duration = bounds[0] + 5 * int(random_() * ((bounds[1] - bounds[0]) // 5 + 1))
        topics, note = self._subject(kind, attempt, cancelled, profile)
        draw = random_()
        if topics and self._topic_codes[topics[0]] in HEALTH_TOPICS and draw < 0.35:
            note_class = NOTE_CLASSES[2]
        elif draw > 0.85:
            note_class = NOTE_CLASSES[1]
        else:
            note_class = NOTE_CLASSES[0]
        contact_id = self._ids.next("contact")
        created = occurred + timedelta(minutes=(duration or 0) + 5 + int(random_() * 236))
        self._contacts.append(
            (
                contact_id,
                household_id,
                _utc_text(occurred),
                duration,
                self._type_ids[kind],
                self._outcome_ids[outcome],
                int(is_off_hours(local, territory=self._territory)),
                0,
                note,
                note_class,
                staff_ids[0],
                _utc_text(created),
            )
        )
        for topic_id in topics:
            self._links.append((contact_id, topic_id))
        next_id = self._ids.next
        for staff_id in staff_ids:
            self._participants.append((next_id("contact_participant"), contact_id, staff_id, None))
        if partner_contact_id is not None:
            self._participants.append((next_id("contact_participant"), contact_id, None, partner_contact_id))
        return contact_day

    def _when(self, day: date, latest: date, odd_hours: bool) -> tuple[int, int]:
        """The day (ordinal) and the local minute of a contact planned on ``day``."""
        random_ = self._rng.random
        ordinal = day.toordinal()
        last_ordinal = latest.toordinal()
        weekend = ordinal - day.weekday() + 5 + (random_() < 0.4)  # the Saturday or Sunday of that week
        if odd_hours and weekend <= last_ordinal and random_() < 0.35:
            ordinal = weekend
            minute = 600 + 5 * int(random_() * 96)  # 10:00–17:55
        elif odd_hours:
            minute = 1110 + 5 * int(random_() * 25)  # 18:30–20:30
        else:
            moved = ordinal
            while not self._is_working(moved):
                moved += 1
            if moved <= last_ordinal:
                ordinal = moved
            minute = 540 + 5 * int(random_() * 103)  # 09:00–17:30
        return ordinal, minute

    def _subject(self, kind: str, attempt: bool, cancelled: bool, profile: list[int] | None) -> tuple[list[int], str]:
        """The topics of a contact (a few of the household's usual concerns) and its note."""
        rng = self._rng
        topics: list[int] = []
        if attempt:
            note = rng.choice(NOTES_FAILED)
        elif cancelled:
            note = rng.choice(NOTES_CANCELLED)
        elif kind == "sms":
            note = rng.choice(NOTES_SMS)
        else:
            if profile:
                count = bisect_right(self._topics_per_contact, rng.random() * self._topics_per_contact[-1])
                if count:
                    topics = rng.sample(profile, min(count, len(profile)))
            note = rng.choice(NOTES_BY_TOPIC[self._topic_codes[topics[0]]]) if topics else rng.choice(NOTES_GENERAL)
        return topics, note

    def _utc_midnight_of(self, ordinal: int) -> datetime:
        """Local midnight of that day as naive UTC (contacts fall between 08:00 and 21:00, away from DST jumps)."""
        found = self._utc_midnight.get(ordinal)
        if found is None:
            day = date.fromordinal(ordinal)
            noon = datetime.combine(day, time(12), tzinfo=PARIS)
            offset = noon.utcoffset() or timedelta(0)
            found = datetime.combine(day, time(0)) - offset
            self._utc_midnight[ordinal] = found
        return found

    def _is_working(self, ordinal: int) -> bool:
        found = self._working.get(ordinal)
        if found is None:
            found = is_working_day(date.fromordinal(ordinal), territory=self._territory)
            self._working[ordinal] = found
        return found


def _outcome(random_: Callable[[], float], kind: str) -> str:
    """How a contact after the first meeting went: mostly held, sometimes missed, cancelled or refused."""
    draw = random_()
    if draw < SHARE_OF_FAILED_ATTEMPTS:
        if kind in REMOTE_TYPES:
            return "non_joint"
        return "porte_close" if kind == "visite_domicile" and random_() < 0.6 else "absent"
    if draw < SHARE_OF_FAILED_ATTEMPTS + 0.03:
        return "annule_menage" if random_() < 0.7 else "annule_equipe"
    if draw < SHARE_OF_FAILED_ATTEMPTS + 0.04:
        return "refus"
    return "joint" if kind in REMOTE_TYPES else "rencontre"


def _utc_text(moment: datetime) -> str:
    """A naive UTC datetime in the storage format of :class:`caseworker.models.base.UtcDateTime`."""
    return f"{moment.isoformat(' ')}.000000"
