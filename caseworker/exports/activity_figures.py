"""The activity indicators of a funder export: contacts, first contact, alerts, procedures, meetings (§13).

A contact counts for a measure when it took place while one of the household's supports under that measure ran
(after-care contacts are counted apart, never in the measure's activity). Contacts are read for the period only,
as plain rows (household, moment, type, outcome): the measure's spans are checked in memory, day by day in local
time.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta, timezone
from statistics import median
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, case, cast, func, select
from sqlalchemy.orm import Session

from caseworker.domain.contacts import ATTEMPT, REACHED
from caseworker.domain.debrief import MeetingStatus
from caseworker.domain.prevention import OUTCOME_LABELS
from caseworker.exports.facts import EpisodeFact, ExportScope, Members
from caseworker.exports.report import ENTERED, CountTable, Rate, Statistic, Unit
from caseworker.exports.secrecy import Cancelled as ExportCancelled
from caseworker.exports.support_figures import period_words, rounded
from caseworker.exports.tables import EventTable, TableText, TwinTables
from caseworker.models import (
    Alert,
    AlertType,
    Contact,
    ContactOutcome,
    ContactType,
    Episode,
    LegalProcedure,
    Measure,
    Meeting,
    MeetingType,
    Topic,
)
from caseworker.models.contacts import contact_topic_link
from caseworker.models.sql import among

OUTCOME_COLUMNS = {REACHED: "Rencontré ou joint", ATTEMPT: "Tentative sans contact", "cancelled": "Annulé"}
HOME_VISIT = "visite_domicile"
MET_ROWS = ("Rencontrés au moins une fois", "Jamais rencontrés")
ALERT_DIRECTIONS = {
    "to_association": "Du bailleur vers l'association",
    "to_landlord": "De l'association vers le bailleur",
}
ACK_ROWS = ("Prise en compte dans le délai", "Prise en compte hors délai", "Pas encore prise en compte")

Spans = dict[int, list[EpisodeFact]]


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


class LocalDays:
    """The local day of a stored UTC moment read as text ("2026-03-02 09:41:00…"), converted once per hour.

    Reading hundreds of thousands of contacts as datetimes, then converting each to local time, took most of an
    export's time; the text and a cache of the hours seen make it a dictionary lookup. A zone whose offset is not a
    whole number of hours is converted to the minute.
    """

    def __init__(self) -> None:
        self._hours: dict[str, date | None] = {}

    def of(self, moment: str | datetime) -> date:
        """The local day of ``moment`` (text as stored, or a datetime from a backend that returns one)."""
        if isinstance(moment, datetime):
            return _local_day(moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc))
        key = moment[:13]
        day = self._hours.get(key, _UNSEEN)
        if day is _UNSEEN:
            at = datetime(int(key[:4]), int(key[5:7]), int(key[8:10]), int(key[11:13]), tzinfo=timezone.utc)
            local = at.astimezone()
            offset = local.utcoffset()
            whole = offset is not None and offset.total_seconds() % 3600 == 0
            day = self._hours[key] = local.date() if whole else None
        if day is None or isinstance(day, str):
            at = datetime.fromisoformat(moment[:16]).replace(tzinfo=timezone.utc)
            return at.astimezone().date()
        return day


_UNSEEN = "unseen"


def as_text(column: Any) -> Any:
    """A stored moment read as text, without the datetime conversion of its type (see :class:`LocalDays`)."""
    return cast(column, String)


def period_moments(scope: ExportScope) -> tuple[datetime, datetime]:
    """The period as moments: from its first day's midnight to the day after its last, local time."""
    start = datetime.combine(scope.period_start, time.min).astimezone()
    end = datetime.combine(scope.period_end + timedelta(days=1), time.min).astimezone()
    return start, end


def in_scope(scope: ExportScope) -> Select[int]:
    """The households with an episode of the scope's measures (the database narrows the rows it sends)."""
    return (
        select(Episode.household_id)
        .join(Measure, Measure.id == Episode.measure_id)
        .where(Measure.code.in_(scope.measure_codes), Episode.start_date.is_not(None))
    )


def spans_of(episodes: Sequence[EpisodeFact]) -> Spans:
    """The started supports of each household."""
    spans: Spans = defaultdict(list)
    for episode in episodes:
        if episode.start is not None:
            spans[episode.household_id].append(episode)
    return spans


def _supported(spans: Spans, household_id: int, day: date) -> bool:
    return any(episode.running_on(day) for episode in spans.get(household_id, ()))


def _ranges(spans: Spans) -> dict[int, tuple[tuple[date, date], ...]]:
    """Each household's supports as (first day, first day out) pairs: the hot loop compares dates only."""
    return {
        household_id: tuple((episode.start, episode.end or date.max) for episode in supports if episode.start)
        for household_id, supports in spans.items()
    }


def _within(ranges: tuple[tuple[date, date], ...], day: date) -> bool:
    """Whether ``day`` falls in one of the ranges (as :meth:`EpisodeFact.running_on` says)."""
    return any(first <= day < out for first, out in ranges)


def contacts(
    session: Session, spans: Spans, scope: ExportScope, cancelled: Callable[[], bool]
) -> tuple[tuple[CountTable, ...], tuple[Rate, ...]]:
    """Contacts of the period by type and outcome, by topic (multi-select), home-visit share, off hours."""
    types = dict(session.execute(select(ContactType.id, ContactType.label)).all())
    type_codes = dict(session.execute(select(ContactType.id, ContactType.code)).all())
    kinds = dict(session.execute(select(ContactOutcome.id, ContactOutcome.kind)).all())
    by_type = EventTable(
        TableText(
            "contacts_by_type",
            "Contacts par type et résultat",
            period_words(scope),
            "Contacts et tentatives de contact de la période pendant un accompagnement de la mesure (hors suivi "
            "post-accompagnement), selon leur type et leur résultat.",
            "Type de contact",
        ),
        Unit.CONTACT,
        rows=tuple(types[key] for key in sorted(types)),
        columns=tuple(OUTCOME_COLUMNS.values()),
    )
    ranges = _ranges(spans)
    whole = _whole_period(ranges, scope)
    counts, off_hours, read_topics = _contact_counts(session, ranges, whole, scope, cancelled)
    reached = home_visits_reached = 0
    for (type_id, outcome_id), count in sorted(counts.items()):
        kind = kinds.get(outcome_id, "cancelled")
        by_type.add(types[type_id], count, column=OUTCOME_COLUMNS.get(kind, OUTCOME_COLUMNS["cancelled"]))
        if kind == REACHED:
            reached += count
            home_visits_reached += count if type_codes[type_id] == HOME_VISIT else 0
    table = by_type.table()
    home_label = types[next(key for key, code in type_codes.items() if code == HOME_VISIT)]
    rates = (
        Rate(
            key="home_visit_share",
            title="Part des visites à domicile",
            unit=Unit.CONTACT,
            numerator=home_visits_reached,
            denominator=reached,
            as_of=scope.period_end,
            definition="contacts réussis de la période",
            numerator_definition="Visites à domicile où le ménage a été rencontré.",
            cohort=period_words(scope),
            table_key="contacts_by_type",
            numerator_rows=(home_label,),
            column=OUTCOME_COLUMNS[REACHED],
        ),
    )
    extra = EventTable(
        TableText(
            "contacts_off_hours",
            "Contacts en dehors des heures de bureau",
            period_words(scope),
            "Contacts de la période, dans les mêmes conditions, marqués comme tenus hors des heures de bureau.",
            "Contacts",
        ),
        Unit.CONTACT,
        rows=("Hors heures de bureau", "Aux heures de bureau"),
    )
    extra.add("Hors heures de bureau", off_hours)
    extra.add("Aux heures de bureau", sum(counts.values()) - off_hours)
    return (table, _topics(session, whole, read_topics, scope), extra.table()), rates


def _in_period(scope: ExportScope) -> ColumnElement[bool]:
    """A contact of the period, not of after-care, of a household with a support of the scope's measures."""
    start, end = period_moments(scope)
    return and_(
        Contact.occurred_at >= start,
        Contact.occurred_at < end,
        Contact.after_care.is_(False),
        Contact.household_id.in_(in_scope(scope)),
    )


def _whole_period(ranges: dict[int, tuple[tuple[date, date], ...]], scope: ExportScope) -> list[int]:
    """The households supported on every day of the period: each of their contacts in it counts, unread."""
    return sorted(
        household_id
        for household_id, supports in ranges.items()
        if any(first <= scope.period_start and out > scope.period_end for first, out in supports)
    )


def _contact_counts(
    session: Session,
    ranges: dict[int, tuple[tuple[date, date], ...]],
    whole_period: list[int],
    scope: ExportScope,
    cancelled: Callable[[], bool],
) -> tuple[Counter[tuple[int, int]], int, Counter[int]]:
    """Contacts of the period during a support of the scope, by (type, outcome), and how many off hours.

    A household supported on every day of the period has its contacts counted by the database. The others' are
    read, and each contact's local day compared with their supports in memory: the database keeps UTC moments, and
    the day that counts is the one the team lived. Their topics come with them (one row per topic, in the same
    read: a second pass over the contacts cost as much as the first): also returned, counted by topic.
    """
    counts: Counter[tuple[int, int]] = Counter()
    off_hours = 0
    whole = among(session, Contact.household_id, whole_period)
    grouped = (
        select(Contact.type_id, Contact.outcome_id, func.count(), func.sum(case((Contact.off_hours, 1), else_=0)))
        .where(_in_period(scope), whole)
        .group_by(Contact.type_id, Contact.outcome_id)
    )
    for type_id, outcome_id, count, late in session.execute(grouped):
        counts[(type_id, outcome_id)] += count
        off_hours += int(late or 0)
    counted: dict[int, bool] = {}
    topics: Counter[int] = Counter()
    days = LocalDays()
    query = (
        select(
            Contact.id,
            Contact.household_id,
            as_text(Contact.occurred_at),
            Contact.type_id,
            Contact.outcome_id,
            Contact.off_hours,
            contact_topic_link.c.topic_id,
        )
        .outerjoin(contact_topic_link, contact_topic_link.c.contact_id == Contact.id)
        .where(_in_period(scope), ~whole)
    )
    for number, (contact_id, household_id, moment, type_id, outcome_id, late, topic_id) in enumerate(
        session.execute(query)
    ):
        if number % 20_000 == 0 and cancelled():
            raise ExportCancelled
        within = counted.get(contact_id)
        if within is None:  # the contact's first row (one per topic)
            within = counted[contact_id] = _within(ranges.get(household_id, ()), days.of(moment))
            if within:
                counts[(type_id, outcome_id)] += 1
                off_hours += bool(late)
        if within and topic_id is not None:
            topics[topic_id] += 1
    return counts, off_hours, topics


def _topics(session: Session, whole_period: list[int], read: Counter[int], scope: ExportScope) -> CountTable:
    """Contacts by topic: a contact may have several, so the rows are never summed (F26).

    The households supported all period have their contacts' topics counted by the database; ``read``: the others'.
    """
    labels = dict(session.execute(select(Topic.id, Topic.label)).all())
    table = EventTable(
        TableText(
            "contacts_by_topic",
            "Contacts par thème abordé",
            period_words(scope),
            "Les mêmes contacts, selon les thèmes abordés ; un contact peut en aborder plusieurs : les lignes ne "
            "s'additionnent pas.",
            "Thème",
        ),
        Unit.CONTACT,
        rows=tuple(session.scalars(select(Topic.label).order_by(Topic.sort_order, Topic.label))),
        totals=False,
    )
    topics: Counter[int] = Counter(read)
    whole = among(session, Contact.household_id, whole_period)
    linked = select(contact_topic_link.c.topic_id).join(Contact, Contact.id == contact_topic_link.c.contact_id)
    grouped = linked.add_columns(func.count()).where(_in_period(scope), whole).group_by(contact_topic_link.c.topic_id)
    for topic_id, count in session.execute(grouped):
        topics[topic_id] += count
    for topic_id, count in sorted(topics.items()):
        table.add(labels[topic_id], count)
    return table.table()


def first_contacts(
    session: Session, episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope
) -> tuple[tuple[CountTable, ...], tuple[Rate, ...], tuple[Statistic, ...], set[int]]:
    """Entrants of the period met at least once, the attempts and days before the first success.

    Also returns the episodes of the entrants met (the denominator of a rate of :mod:`.payment_figures`).
    """
    entrants = [episode for episode in episodes if scope.in_period(episode.start)]
    firsts = _first_successes(session, entrants, scope)
    table = TwinTables(
        TableText(
            "entrants_met",
            "Ménages rencontrés parmi les entrants",
            period_words(scope),
            f"Accompagnements commencés dans la période, selon qu'un contact réussi a eu lieu depuis leur début "
            f"(jusqu'au {scope.as_of.strftime('%d/%m/%Y')}).",
            "Premier contact",
        ),
        rows=MET_ROWS,
    )
    attempts: list[int] = []
    delays: list[int] = []
    for episode in entrants:
        assert episode.start is not None
        found = firsts.get(episode.id)
        table.add(MET_ROWS[0] if found else MET_ROWS[1], members.count_on(episode.household_id, episode.start))
        if found:
            attempts.append(found[0])
            delays.append(found[1])
    tables = table.tables()
    rates = tuple(
        Rate(
            key="entrants_met",
            title="Entrants rencontrés",
            unit=counted.unit,
            numerator=counted.row_total(0),
            denominator=counted.grand_total,
            as_of=scope.as_of,
            definition=f"{ENTERED[counted.unit]} dans la période",
            numerator_definition="Au moins un contact réussi depuis le début de l'accompagnement.",
            cohort=period_words(scope),
            table_key="entrants_met",
            numerator_rows=(MET_ROWS[0],),
        )
        for counted in tables
    )
    definition = "Pour les entrants de la période rencontrés, depuis le début de l'accompagnement."
    statistics = (
        Statistic(
            "first_contact_attempts_median",
            "Nombre médian de tentatives avant le premier contact réussi",
            rounded(median(attempts)) if attempts else None,
            "tentatives",
            len(attempts),
            period_words(scope),
            definition,
        ),
        Statistic(
            "first_contact_days_median",
            "Délai médian entre le début et le premier contact réussi",
            rounded(median(delays)) if delays else None,
            "jours",
            len(delays),
            period_words(scope),
            definition,
        ),
    )
    return tables, rates, statistics, set(firsts)


def _first_successes(
    session: Session, entrants: Sequence[EpisodeFact], scope: ExportScope
) -> dict[int, tuple[int, int]]:
    """Per entrant episode: (failed attempts before the first success, days from start to it), up to the day."""
    if not entrants:
        return {}
    earliest = min(episode.start for episode in entrants if episode.start is not None)
    households = defaultdict(list)
    for episode in entrants:
        households[episode.household_id].append(episode)
    kinds = {
        outcome_id: kind
        for outcome_id, kind in session.execute(select(ContactOutcome.id, ContactOutcome.kind))
        if kind in (REACHED, ATTEMPT)
    }
    last = datetime.combine(scope.as_of + timedelta(days=1), time.min).astimezone()
    query = (
        select(Contact.household_id, as_text(Contact.occurred_at), Contact.outcome_id)
        .where(
            Contact.occurred_at >= datetime.combine(earliest, time.min).astimezone(),
            Contact.occurred_at < last,
            Contact.household_id.in_(sorted(households)),
            Contact.outcome_id.in_(sorted(kinds)),
            Contact.after_care.is_(False),
        )
        .order_by(Contact.household_id, Contact.occurred_at)
    )
    found: dict[int, tuple[int, int]] = {}
    tried: dict[int, int] = defaultdict(int)
    days = LocalDays()
    for household_id, moment, outcome_id in session.execute(query):
        waiting = [episode for episode in households[household_id] if episode.id not in found]
        if not waiting:
            continue
        day = days.of(moment)
        for episode in waiting:
            if episode.start is None or day < episode.start:
                continue
            if kinds[outcome_id] == REACHED:
                found[episode.id] = (tried[episode.id], (day - episode.start).days)
            else:
                tried[episode.id] += 1
    return found


def alerts(session: Session, spans: Spans, scope: ExportScope) -> tuple[tuple[CountTable, ...], tuple[Rate, ...]]:
    """Alerts of the period by type and direction, and how many were acknowledged within their deadline."""
    start, end = period_moments(scope)
    by_type = EventTable(
        TableText(
            "alerts_by_type",
            "Alertes par type et sens",
            period_words(scope),
            "Alertes reçues ou émises dans la période au sujet des ménages accompagnés par la mesure.",
            "Type d'alerte",
        ),
        Unit.ALERT,
        rows=tuple(session.scalars(select(AlertType.label).order_by(AlertType.sort_order, AlertType.label))),
        columns=tuple(ALERT_DIRECTIONS.values()),
    )
    acknowledged = EventTable(
        TableText(
            "alerts_acknowledged",
            "Prise en compte des alertes reçues",
            period_words(scope),
            "Alertes reçues du bailleur dans la période, selon leur prise en compte par rapport au délai "
            "(jours ouvrés du territoire, ou ceux de la convention).",
            "Prise en compte",
        ),
        Unit.ALERT,
        rows=ACK_ROWS,
    )
    query = (
        select(Alert.household_id, Alert.received_at, Alert.direction, AlertType.label, Alert.acknowledged_at)
        .join(AlertType, AlertType.id == Alert.alert_type_id)
        .add_columns(Alert.acknowledge_due_on)
        .where(Alert.received_at >= start, Alert.received_at < end, Alert.household_id.in_(in_scope(scope)))
    )
    for household_id, received, direction, label, acknowledged_at, due in session.execute(query):
        if not _supported(spans, household_id, _local_day(received)):
            continue
        by_type.add(label, column=ALERT_DIRECTIONS.get(direction, direction))
        if direction == "to_association":
            if acknowledged_at is None:
                acknowledged.add(ACK_ROWS[2])
            else:
                acknowledged.add(ACK_ROWS[0] if _local_day(acknowledged_at) <= due else ACK_ROWS[1])
    table = acknowledged.table()
    rate = Rate(
        key="alerts_acknowledged_in_time",
        title="Alertes prises en compte dans le délai",
        unit=Unit.ALERT,
        numerator=table.row_total(0),
        denominator=table.grand_total,
        as_of=scope.as_of,
        definition="alertes reçues du bailleur dans la période",
        numerator_definition="Prise en compte au plus tard le jour attendu.",
        cohort=period_words(scope),
        table_key="alerts_acknowledged",
        numerator_rows=(ACK_ROWS[0],),
    )
    return (by_type.table(), table), (rate,)


def procedures(session: Session, spans: Spans, scope: ExportScope) -> CountTable:
    """Eviction procedures opened in the period, and those that ended in it by outcome."""
    table = EventTable(
        TableText(
            "procedures",
            "Procédures d'expulsion",
            period_words(scope),
            "Procédures ouvertes dans la période pour des ménages accompagnés, et procédures terminées dans la "
            "période selon leur issue.",
            "Procédures",
        ),
        Unit.PROCEDURE,
        rows=("Ouvertes", *(f"Terminées : {label}" for label in OUTCOME_LABELS.values())),
        totals=False,  # a procedure opened and ended in the period is in two rows: they do not add up
    )
    query = select(
        LegalProcedure.household_id, LegalProcedure.opened_on, LegalProcedure.outcome, LegalProcedure.outcome_on
    )
    for household_id, opened, outcome, ended in session.execute(query):
        if scope.in_period(opened) and _supported(spans, household_id, opened):
            table.add("Ouvertes")
        followed = ended is not None and (
            _supported(spans, household_id, ended) or _supported(spans, household_id, opened)
        )
        if outcome is not None and scope.in_period(ended) and followed:
            table.add(f"Terminées : {OUTCOME_LABELS[outcome]}")
    return table.table()


def meetings(session: Session, scope: ExportScope) -> CountTable:
    """Meetings held in the period, by type (the COSI among them): not about any one person."""
    table = EventTable(
        TableText(
            "meetings_held",
            "Réunions tenues",
            period_words(scope),
            "Réunions de la période dont le compte rendu est enregistré, par type (dont les COSI).",
            "Type de réunion",
        ),
        Unit.MEETING,
        about_people=False,
    )
    query = (
        select(MeetingType.label, Meeting.id)
        .join(MeetingType, MeetingType.id == Meeting.meeting_type_id)
        .where(
            Meeting.status == MeetingStatus.HELD,
            Meeting.held_on >= scope.period_start,
            Meeting.held_on <= scope.period_end,
        )
        .order_by(MeetingType.sort_order, MeetingType.label)
    )
    for label, _meeting in session.execute(query):
        table.add(label)
    return table.table()
