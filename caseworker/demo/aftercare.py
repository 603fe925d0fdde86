"""Demo after-care and the watch list: some exits of the last two years go on into after-care (docs/domain.md §14).

Written once every chunk's support is in, over the episodes this generation wrote. About a third of the exits of
the last two years whose reason suits it (a dwelling reached, a relay, a stay in hospital…) end **into after-care**
instead of closing: the episode is *suivi post-accompagnement* while its window runs (12 months mostly, from the exit
day), *clôturé* once the after-care ended — at the end of its window, typed a few days after it passed; earlier,
the household moved away or asked to stop; or by a **reactivation**: the household came back under the same measure
within the window, and the new episode the support step linked to the previous one (``previous_episode_id``) is
the reactivation, opened on the day the after-care ended. A few windows passed without being closed (*à clore*).
The funder is often the foundation; the referent is the coordinator on the team on the exit day. After-care
contacts (a call or a visit every month or two, by the referent) are flagged ``after_care``, as are the support's
contacts that fell on its exit day. Some households are on the **watch list**, from their after-care or on their
own. Nothing is audited (the demo's past is invented); its own random generator: the other steps draw the same.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from caseworker.demo.batch import TableIds
from caseworker.demo.draws import day_between, weighted
from caseworker.demo.funding import SHARES
from caseworker.domain import EpisodeStatus, NoteClass
from caseworker.domain.aftercare import DEFAULT_WATCH_WEEKS, AfterCareEndReason, AfterCareKind
from caseworker.models import (
    AfterCare,
    Contact,
    ContactNote,
    ContactOutcome,
    ContactParticipant,
    ContactType,
    Episode,
    EpisodeTransition,
    ExitReason,
    ExitRecord,
    Funder,
    Measure,
    TeamMembership,
    Topic,
    WatchEntry,
)
from caseworker.models.contacts import contact_topic_link
from caseworker.services.calendar import is_off_hours, is_working_day
from caseworker.services.calendar.territories import association_territory

S = EpisodeStatus
E = AfterCareEndReason
PARIS = ZoneInfo("Europe/Paris")

HORIZON_DAYS = 730
"""After-care is offered on the exits of the last two years (the feature's age in the demo)."""

INTO_AFTER_CARE = {
    "logement_autonome": 0.8,
    "glissement": 0.8,
    "relogement": 0.8,
    "passage_relais": 0.7,
    "duree_maximale": 0.7,
    "hospitalisation": 0.5,
    "chrs_hebergement": 0.4,
}
"""The share of the exits for each reason that go on into after-care, when support ended then (not when a concurrent
support runs on): about a third of all exits."""

REACTIVATED = 0.85
"""Of the households that came back under the same measure within the window: reactivated from their after-care."""

KINDS = ((AfterCareKind.DROITS_DE_SUITE, 70), (AfterCareKind.SERVICE_APRES_VENTE, 20), (AfterCareKind.VEILLE, 10))
WINDOW_MONTHS = ((12, 80), (6, 10), (18, 6), (24, 4))
FOUNDATION = "fondation"
FOUNDATION_SHARE = 0.6
"""After-care is often paid by the foundation; otherwise by the measure's first funder."""

ENDED_EARLY = 0.1
EARLY_ENDS = ((E.DEPART, 45), (E.DEMANDE_DU_MENAGE, 45), (E.DECES, 10))
LEFT_TO_CLOSE = 0.1
"""Windows that passed without the team closing them (shown *à clore*)."""
CLOSED_AFTER = (1, 14)
"""Days after the window's last day the team typed its end."""

ON_WATCH = 0.35
WATCHED_ALONE = 0.05
"""Of the other exits of the last two years: households put on the watch list without after-care."""
WATCH_WEEKS = ((DEFAULT_WATCH_WEEKS, 70), (4, 15), (8, 15))
WATCH_END_REASONS = {
    E.FIN_DE_FENETRE: "Fin du suivi post-accompagnement.",
    E.REACTIVATION: "Réactivation : nouvel accompagnement.",
    E.DEPART: "Le ménage a quitté le territoire.",
    E.DECES: "Décès.",
    E.DEMANDE_DU_MENAGE: "À la demande du ménage.",
}
WATCH_ALONE_END = "Nouvelles rassurantes : fin de la veille."
CLOSING_REASONS = {
    E.FIN_DE_FENETRE: "Fin de la période de suivi post-accompagnement.",
    E.REACTIVATION: "Réactivation : un nouvel accompagnement est ouvert.",
    E.DEPART: "Départ du ménage.",
    E.DECES: "Décès.",
    E.DEMANDE_DU_MENAGE: "Fin du suivi à la demande du ménage.",
}
INTO_AFTER_CARE_REASON = "Sortie du dispositif avec suivi post-accompagnement."

CONTACT_GAP = (21, 70)
CONTACT_KINDS = (("telephone", 50), ("visite_domicile", 25), ("sms", 15), ("entretien_bureau", 10))
REMOTE = frozenset({"telephone", "sms"})
DURATIONS = {"telephone": (5, 20), "visite_domicile": (30, 75), "entretien_bureau": (30, 45)}
TOPICS = ("installation", "budget_dettes", "droits_devoirs_locataire", "vie_quotidienne", "voisinage")
NOTES = (
    "Appel de courtoisie : tout va bien dans le logement.",
    "Point sur les factures d'énergie, pas de difficulté signalée.",
    "Le ménage demande un conseil pour un courrier du bailleur.",
    "Visite de suivi : le logement est bien investi.",
    "Rappel des coordonnées de l'équipe en cas de besoin.",
)
NOTES_SMS = ("SMS de nouvelles : tout va bien.", "SMS : rappel du numéro de l'équipe.")
NOTES_MISSED = ("Pas de réponse, message laissé.", "Absent lors du passage, carte laissée.")


@dataclass
class _Episode:
    id: int
    household_id: int
    measure_id: int
    status: EpisodeStatus
    orientation: date
    start: date | None
    end: date | None
    previous_id: int | None
    exit_reason: str | None


@dataclass
class _AfterCare:
    id: int
    episode: _Episode
    start: date
    planned_end: date
    referent: int
    ended_on: date | None = None
    end_reason: AfterCareEndReason | None = None
    row: dict[str, object] = field(default_factory=dict)

    def last_day(self, yesterday: date) -> date:
        """The last day it ran (or runs up to yesterday): the day before its end, within its window."""
        last = min(self.planned_end, yesterday)
        return min(last, self.ended_on - timedelta(days=1)) if self.ended_on is not None else last


@dataclass(frozen=True)
class AfterCareCounts:
    """What the after-care step wrote."""

    after_cares: int
    reactivations: int
    watch_entries: int
    contacts: int


def write_demo_after_care(
    session: Session, rng: random.Random, today: date, household_ids: Collection[int]
) -> AfterCareCounts:
    """Put some exits of ``household_ids`` (this generation's) into after-care, with their contacts and watch."""
    wanted = set(household_ids)
    episodes = _episodes(session, wanted)
    if not episodes:
        return AfterCareCounts(0, 0, 0, 0)
    measures = dict(session.execute(select(Measure.id, Measure.code)).all())
    funders = dict(session.execute(select(Funder.code, Funder.id)).all())
    if not funders:
        return AfterCareCounts(0, 0, 0, 0)
    yesterday = today - timedelta(days=1)
    horizon = today - timedelta(days=HORIZON_DAYS)
    by_household: dict[int, list[_Episode]] = defaultdict(list)
    for episode in episodes:
        by_household[episode.household_id].append(episode)
    coordinators = _coordinators(session, wanted)
    ids = TableIds(session, ("after_care", "watch_entry", "episode_transition", "contact", "contact_participant"))
    after_cares: list[_AfterCare] = []
    watched: list[dict[str, object]] = []
    for household_id in sorted(by_household):
        mine = by_household[household_id]
        busy_until = date.min
        for episode in mine:
            if (
                episode.status is not S.CLOTURE
                or episode.end is None
                or episode.exit_reason is None
                or not horizon <= episode.end <= yesterday
                or episode.end <= busy_until
                or _supported(mine, episode.end)
            ):
                continue
            months = weighted(rng, WINDOW_MONTHS)
            planned_end = episode.end + relativedelta(months=months) - timedelta(days=1)
            returned = next((item for item in mine if item.previous_id == episode.id), None)
            reactivation = (
                returned is not None
                and returned.measure_id == episode.measure_id
                and returned.orientation <= min(planned_end, yesterday)
            )
            share = REACTIVATED if reactivation else INTO_AFTER_CARE.get(episode.exit_reason, 0.0)
            until = returned.orientation - timedelta(days=1) if reactivation and returned else planned_end
            if rng.random() >= share or _other_support_within(mine, episode, until):
                if rng.random() < WATCHED_ALONE:
                    watched.append(_watched_alone(rng, ids.next("watch_entry"), episode, yesterday))
                continue
            referent = _referent(coordinators.get(household_id, ()), episode.end)
            if referent is None:
                continue
            care = _AfterCare(ids.next("after_care"), episode, episode.end, planned_end, referent)
            if reactivation:
                assert returned is not None
                care.ended_on, care.end_reason = returned.orientation, E.REACTIVATION
            else:
                came_back = any(item.orientation > episode.end for item in mine if item is not episode)
                _ending(rng, care, today, may_stay_open=not came_back)
            care.row = _row(rng, care, measures, funders)
            after_cares.append(care)
            busy_until = planned_end if care.ended_on is None else care.ended_on
    if not after_cares and not watched:
        return AfterCareCounts(0, 0, 0, 0)
    session.execute(insert(AfterCare), [care.row for care in after_cares])
    watched.extend(_watch(rng, ids, care) for care in after_cares if rng.random() < ON_WATCH)
    if watched:
        session.execute(insert(WatchEntry), watched)
    _transitions(session, ids, after_cares)
    contacts = _Contacts(session, rng, ids, yesterday)
    for care in after_cares:
        contacts.during(care, by_household[care.episode.household_id])
    written = contacts.write()
    _flag_exit_day_contacts(session, after_cares, by_household, yesterday)
    return AfterCareCounts(
        after_cares=len(after_cares),
        reactivations=sum(1 for care in after_cares if care.end_reason is E.REACTIVATION),
        watch_entries=len(watched),
        contacts=written,
    )


def _episodes(session: Session, households: set[int]) -> list[_Episode]:
    """The episodes of these households, each household's in the order they were referred."""
    query = (
        select(
            Episode.id,
            Episode.household_id,
            Episode.measure_id,
            Episode.status,
            Episode.orientation_date,
            Episode.start_date,
            Episode.end_date,
            Episode.previous_episode_id,
            ExitReason.code,
        )
        .outerjoin(ExitRecord, ExitRecord.episode_id == Episode.id)
        .outerjoin(ExitReason, ExitReason.id == ExitRecord.reason_id)
        .order_by(Episode.household_id, Episode.orientation_date, Episode.id)
    )
    return [_Episode(*row) for row in session.execute(query) if row[1] in households]


def _coordinators(session: Session, households: set[int]) -> dict[int, list[tuple[int, date, date | None]]]:
    """Each household's coordinators: (staff member, first day, last day or None)."""
    found: dict[int, list[tuple[int, date, date | None]]] = defaultdict(list)
    query = (
        select(TeamMembership.household_id, TeamMembership.staff_member_id, TeamMembership.start_date)
        .add_columns(TeamMembership.end_date)
        .where(TeamMembership.is_coordinator.is_(True), TeamMembership.staff_member_id.is_not(None))
        .order_by(TeamMembership.id)
    )
    for household_id, staff_id, first, last in session.execute(query):
        if household_id in households:
            found[household_id].append((staff_id, first, last))
    return found


def _referent(coordinators: Sequence[tuple[int, date, date | None]], exit_day: date) -> int | None:
    """The coordinator on the household's team on the exit day (the last one when several)."""
    on_team = [staff for staff, first, last in coordinators if first <= exit_day and (last is None or last >= exit_day)]
    return on_team[-1] if on_team else None


def _supported(episodes: Sequence[_Episode], day: date) -> bool:
    """Whether a support of the household runs that day (started, and its exit day not reached)."""
    return any(
        item.start is not None and item.start <= day and (item.end is None or day < item.end) for item in episodes
    )


def _other_support_within(episodes: Sequence[_Episode], episode: _Episode, last: date) -> bool:
    """Whether another episode was referred or ran from the exit day to ``last`` (the after-care's last day)."""
    assert episode.end is not None
    for item in episodes:
        if item is episode:
            continue
        if episode.end <= item.orientation <= last:
            return True
        if item.start is not None and item.start <= last and (item.end is None or item.end > episode.end):
            return True
    return False


def _ending(rng: random.Random, care: _AfterCare, today: date, *, may_stay_open: bool) -> None:
    """How an after-care that no reactivation ended came to an end (or not yet).

    A window that passed is left *à clore* now and then, never when the household came back since (the
    reactivation would have ended it).
    """
    yesterday = today - timedelta(days=1)
    if rng.random() < ENDED_EARLY:
        last = min(care.planned_end, yesterday)
        if last > care.start + timedelta(days=30):
            care.ended_on = day_between(rng, care.start + timedelta(days=30), last)
            care.end_reason = weighted(rng, EARLY_ENDS)
            return
    if care.planned_end >= yesterday or (rng.random() < LEFT_TO_CLOSE and may_stay_open):
        return  # still running, or its window passed and nobody closed it yet (à clore)
    care.ended_on = min(care.planned_end + timedelta(days=rng.randint(*CLOSED_AFTER)), yesterday)
    care.end_reason = E.FIN_DE_FENETRE


def _row(rng: random.Random, care: _AfterCare, measures: dict[int, str], funders: dict[str, int]) -> dict[str, object]:
    own = SHARES.get(measures.get(care.episode.measure_id, ""), ())
    funder = FOUNDATION if rng.random() < FOUNDATION_SHARE or not own else own[0][0]
    funder_id = funders.get(funder) or funders.get(FOUNDATION) or next(iter(sorted(funders.values())))
    return {
        "id": care.id,
        "episode_id": care.episode.id,
        "household_id": care.episode.household_id,
        "kind": weighted(rng, KINDS),
        "start_date": care.start,
        "planned_end": care.planned_end,
        "funder_id": funder_id,
        "referent_id": care.referent,
        "ended_on": _stored_end(care),
        "end_reason": care.end_reason,
        "created_at": _at(care.start, 15),
        "created_by_id": care.referent,
        "row_version": 1,
    }


def _stored_end(care: _AfterCare) -> date | None:
    """The end as the service stores it: closed days after its window, it ended with it (the day after its last)."""
    if care.ended_on is None:
        return None
    return min(care.ended_on, care.planned_end + timedelta(days=1))


def _watched_until(care: _AfterCare) -> date | None:
    """A watch's end date is its last day watched: the day before the after-care's end (never before it began)."""
    end = _stored_end(care)
    return None if end is None else max(end - timedelta(days=1), care.start)


def _watch(rng: random.Random, ids: TableIds, care: _AfterCare) -> dict[str, object]:
    """A watch entry from an after-care: it ends with it."""
    return {
        "id": ids.next("watch_entry"),
        "household_id": care.episode.household_id,
        "after_care_id": care.id,
        "every_weeks": weighted(rng, WATCH_WEEKS),
        "start_date": care.start,
        "end_date": _watched_until(care),
        "end_reason": WATCH_END_REASONS[care.end_reason] if care.end_reason is not None else "",
        "note": "",
        "created_at": _at(care.start, 15),
        "created_by_id": care.referent,
        "ended_by_id": care.referent if care.ended_on is not None else None,
        "row_version": 1,
    }


def _watched_alone(rng: random.Random, watch_id: int, episode: _Episode, yesterday: date) -> dict[str, object]:
    """A household put on the watch list after its exit, without after-care; some taken off since."""
    assert episode.end is not None
    start = min(episode.end + timedelta(days=rng.randint(0, 20)), yesterday)
    ended = start + timedelta(days=rng.randint(90, 270))
    end = ended if ended <= yesterday and rng.random() < 0.5 else None
    return {
        "id": watch_id,
        "household_id": episode.household_id,
        "after_care_id": None,
        "every_weeks": weighted(rng, WATCH_WEEKS),
        "start_date": start,
        "end_date": end,
        "end_reason": WATCH_ALONE_END if end is not None else "",
        "note": "",
        "created_at": _at(start, 15),
        "created_by_id": None,
        "ended_by_id": None,
        "row_version": 1,
    }


def _transitions(session: Session, ids: TableIds, after_cares: Sequence[_AfterCare]) -> None:
    """The exit leads into after-care, then to *clôturé* on the day the after-care ended."""
    episodes = [care.episode.id for care in after_cares]
    session.execute(
        update(EpisodeTransition)
        .where(EpisodeTransition.episode_id.in_(episodes), EpisodeTransition.to_status == S.CLOTURE)
        .values(to_status=S.APRES_ACCOMPAGNEMENT, reason=INTO_AFTER_CARE_REASON)
    )
    running = [care.episode.id for care in after_cares if care.ended_on is None]
    if running:
        session.execute(update(Episode).where(Episode.id.in_(running)).values(status=S.APRES_ACCOMPAGNEMENT))
    closing = [
        {
            "id": ids.next("episode_transition"),
            "episode_id": care.episode.id,
            "from_status": S.APRES_ACCOMPAGNEMENT,
            "to_status": S.CLOTURE,
            "effective_date": care.ended_on,
            "staff_member_id": care.referent,
            "reason": CLOSING_REASONS[care.end_reason],
            "recorded_at": _at(care.ended_on, 10),
        }
        for care in after_cares
        if care.ended_on is not None and care.end_reason is not None
    ]
    if closing:
        session.execute(insert(EpisodeTransition), closing)


class _Contacts:
    """The after-care contacts: a call or a visit every month or two by the referent, on working days."""

    def __init__(self, session: Session, rng: random.Random, ids: TableIds, yesterday: date) -> None:
        self._session = session
        self._rng = rng
        self._ids = ids
        self._yesterday = yesterday
        self._territory = association_territory(session)
        self._types = dict(session.execute(select(ContactType.code, ContactType.id)).all())
        self._outcomes = dict(session.execute(select(ContactOutcome.code, ContactOutcome.id)).all())
        topics = dict(session.execute(select(Topic.code, Topic.id)).all())
        self._topics = [topics[code] for code in TOPICS if code in topics]
        self._contacts: list[dict[str, object]] = []
        self._notes: list[dict[str, object]] = []
        self._participants: list[dict[str, object]] = []
        self._links: list[dict[str, object]] = []

    def during(self, care: _AfterCare, episodes: Sequence[_Episode]) -> None:
        """Queue the contacts of one after-care (none on a day a support of the household runs)."""
        rng = self._rng
        last = care.last_day(self._yesterday)
        day = care.start + timedelta(days=rng.randint(7, 30))
        while day <= last:
            while not is_working_day(day, territory=self._territory):
                day += timedelta(days=1)
            if day > last:
                break
            if not _supported(episodes, day):
                self._contact(care, day)
            day += timedelta(days=rng.randint(*CONTACT_GAP))

    def _contact(self, care: _AfterCare, day: date) -> None:
        rng = self._rng
        kind = weighted(rng, CONTACT_KINDS)
        if kind not in self._types:
            return
        missed = rng.random() < 0.2
        outcome = (
            ("non_joint" if kind in REMOTE else "absent") if missed else ("joint" if kind in REMOTE else "rencontre")
        )
        local = datetime.combine(day, time(rng.randint(9, 16), 5 * rng.randint(0, 11)), tzinfo=PARIS)
        moment = local.astimezone(timezone.utc)
        contact_id = self._ids.next("contact")
        note = rng.choice(NOTES_MISSED if missed else NOTES_SMS if kind == "sms" else NOTES)
        span = DURATIONS.get(kind)
        self._contacts.append(
            {
                "id": contact_id,
                "household_id": care.episode.household_id,
                "occurred_at": moment,
                "duration_minutes": rng.randint(*span) if span else None,
                "type_id": self._types[kind],
                "outcome_id": self._outcomes[outcome],
                "off_hours": is_off_hours(local.replace(tzinfo=None), territory=self._territory),
                "after_care": True,
                "has_note": True,
                "note_class": NoteClass.REFERENTS,
                "author_id": care.referent,
                "created_at": moment + timedelta(minutes=rng.randint(5, 240)),
            }
        )
        self._notes.append({"contact_id": contact_id, "text": note})
        if not missed and self._topics and rng.random() < 0.7:
            self._links.append({"contact_id": contact_id, "topic_id": rng.choice(self._topics)})
        self._participants.append(
            {
                "id": self._ids.next("contact_participant"),
                "contact_id": contact_id,
                "staff_member_id": care.referent,
                "partner_contact_id": None,
            }
        )

    def write(self) -> int:
        """Insert the queued contacts with their notes, topics and participants; return how many contacts."""
        session = self._session
        if self._contacts:
            session.execute(insert(Contact), self._contacts)
        if self._notes:
            session.execute(insert(ContactNote), self._notes)
        if self._links:
            session.execute(insert(contact_topic_link), self._links)
        if self._participants:
            session.execute(insert(ContactParticipant), self._participants)
        return len(self._contacts)


def _flag_exit_day_contacts(
    session: Session, after_cares: Sequence[_AfterCare], episodes: dict[int, list[_Episode]], yesterday: date
) -> None:
    """The support's contacts that fell while the after-care ran (its exit day) are after-care contacts too."""
    windows: dict[int, list[_AfterCare]] = defaultdict(list)
    for care in after_cares:
        windows[care.episode.household_id].append(care)
    flagged: list[int] = []
    query = select(Contact.id, Contact.household_id, Contact.occurred_at).where(
        Contact.household_id.in_(sorted(windows)), Contact.after_care.is_(False)
    )
    for contact_id, household_id, moment in session.execute(query):
        day = moment.astimezone(PARIS).date()
        if any(care.start <= day <= care.last_day(yesterday) for care in windows[household_id]) and not _supported(
            episodes[household_id], day
        ):
            flagged.append(contact_id)
    if flagged:
        session.execute(update(Contact).where(Contact.id.in_(flagged)).values(after_care=True))


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.utc)
