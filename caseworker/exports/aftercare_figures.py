"""After-care and the encounters outside the contact log in a funder export: their own tables (docs/domain.md §14.6).

None of this is a measure's activity (§14): after-care is reported apart from the support it followed (DOMAIN §7.1
« Après-accompagnement », counting convention 5), in tables of its own.

- **Ménages en après-accompagnement**: the after-cares that followed the exit of a support of the profile's measures
  and ran at least one day of the period, by kind, in ménages and personnes (the household's members on its first
  day in the period). An after-care runs from the exit day to its window's last day, until the day before it
  ended (a reactivation's day is the new support's). A profile that names its funder counts the after-cares that
  funder pays (an after-care has its own funder: a foundation often pays it, not the measure's funders).
- **Contacts d'après-accompagnement**: the contacts of the period recorded as after-care contacts (§14.1) on a day
  one of those after-cares ran, by outcome; never in the activity tables.
- **Réactivations après une sortie**: the supports of the period's entries (the same episodes as the « Entrées »
  table) that follow a previous episode of the household (``previous_episode_id``): reactivated from its after-care
  (the after-care ended by the reactivation) or after a closed support. Each is a re-entry: the table's total is no
  more than the entries' « Ré-entrée » row (:data:`caseworker.exports.protection.AT_MOST`).
- For the **whole service** (not only the profile's measures, as their definitions say): drop-in visits
  (identified or anonymous), street encounters (still anonymous or attached since to a household), workshops held
  by theme (not about anyone, shown whatever their number, as the meetings are) and their attendance (attendees
  named, and those who came without being named).

Counts only: no place, no title, no name, no household leaves; the same secrecy as every table (§13).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from caseworker.domain.aftercare import AFTER_CARE_KIND_LABELS, AfterCareEndReason, AfterCareKind
from caseworker.domain.contacts import ATTEMPT, REACHED
from caseworker.exports.activity_figures import OUTCOME_COLUMNS, LocalDays, as_text, period_moments
from caseworker.exports.facts import EpisodeFact, ExportScope, Members, load_members
from caseworker.exports.report import CountTable, Unit
from caseworker.exports.support_figures import entrants, period_words
from caseworker.exports.tables import EventTable, TableText, TwinTables
from caseworker.models import (
    AfterCare,
    CollectiveSession,
    CollectiveSessionAttendee,
    Contact,
    ContactOutcome,
    DropInVisit,
    Episode,
    Funder,
    Measure,
    OutreachEncounter,
    SessionTheme,
)
from caseworker.models.sql import among

KIND_ROWS = tuple(AFTER_CARE_KIND_LABELS[kind] for kind in AfterCareKind)
REACTIVATION_ROWS = ("Réactivés pendant leur après-accompagnement", "Revenus après une clôture")
VISIT_ROWS = ("Passages identifiés (ménage connu)", "Passages anonymes")
ENCOUNTER_ROWS = ("Personnes restées anonymes", "Rattachées depuis à un ménage")
ATTENDANCE_ROWS = ("Participants nommés (ménage ou personne)", "Participants venus sans être nommés")
SERVICE_WIDE = "Pour tout le service, pas seulement les mesures du profil : "


@dataclass(frozen=True)
class AfterCareFact:
    """One after-care as the figures see it (no name, no note)."""

    household_id: int
    kind: AfterCareKind
    start: date
    planned_end: date
    ended_on: date | None

    def runs_on(self, day: date) -> bool:
        """Whether it ran that day: from the exit day to its window's last day, until the day before it ended."""
        return self.start <= day <= self.planned_end and (self.ended_on is None or day < self.ended_on)

    def first_day_in(self, scope: ExportScope) -> date | None:
        """Its first day within the period, or None when it did not run in it."""
        first = max(self.start, scope.period_start)
        last = min(self.planned_end, scope.period_end)
        if self.ended_on is not None:
            last = min(last, self.ended_on - timedelta(days=1))
        return first if first <= last else None


def load_after_cares(session: Session, scope: ExportScope, funder_code: str) -> list[AfterCareFact]:
    """The after-cares of the scope's measures (those ``funder_code`` pays, when it is not "")."""
    query = (
        select(AfterCare.household_id, AfterCare.kind, AfterCare.start_date, AfterCare.planned_end)
        .add_columns(AfterCare.ended_on)
        .join(Episode, Episode.id == AfterCare.episode_id)
        .join(Measure, Measure.id == Episode.measure_id)
        .where(Measure.code.in_(scope.measure_codes), AfterCare.start_date <= scope.period_end)
        .order_by(AfterCare.id)
    )
    if funder_code:
        query = query.join(Funder, Funder.id == AfterCare.funder_id).where(Funder.code == funder_code)
    return [AfterCareFact(*row) for row in session.execute(query)]


def after_care(
    session: Session, episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope, funder_code: str
) -> tuple[CountTable, ...]:
    """Every table of the « Après-accompagnement » category, in the export's order."""
    cares = load_after_cares(session, scope, funder_code)
    counted = [care for care in cares if care.first_day_in(scope) is not None]
    households = {care.household_id for care in counted}
    # The households of the profile's supports are read already: the others' members (a funder's after-care of a
    # support it did not pay) are read apart.
    care_members = members if households <= members.periods.keys() else load_members(session, households)
    reactivated = set(
        session.scalars(select(AfterCare.episode_id).where(AfterCare.end_reason == AfterCareEndReason.REACTIVATION))
    )
    return (
        *households_in_after_care(counted, care_members, scope),
        after_care_contacts(session, counted, scope),
        *reactivations(episodes, members, scope, reactivated),
        drop_in_visits(session, scope),
        street_encounters(session, scope),
        *collective_sessions(session, scope),
    )


def households_in_after_care(
    cares: Sequence[AfterCareFact], members: Members, scope: ExportScope
) -> tuple[CountTable, ...]:
    """The after-cares that ran in the period, by kind, in both units."""
    table = TwinTables(
        TableText(
            "after_care_households",
            "Ménages en après-accompagnement",
            period_words(scope),
            "Suivis post-accompagnement en cours au moins un jour de la période après la sortie d'un accompagnement "
            "de la mesure, selon leur type ; un suivi court du jour de la sortie jusqu'à la fin de sa période, ou la "
            "veille de son arrêt. Les personnes sont celles du ménage au premier jour du suivi dans la période. Ces "
            "ménages ne sont pas dans la file active.",
            "Type de suivi",
        ),
        rows=KIND_ROWS,
    )
    for care in cares:
        first = care.first_day_in(scope)
        if first is not None:
            table.add(AFTER_CARE_KIND_LABELS[care.kind], members.count_on(care.household_id, first))
    return table.tables()


def after_care_contacts(session: Session, cares: Sequence[AfterCareFact], scope: ExportScope) -> CountTable:
    """After-care contacts of the period on a day one of these after-cares ran, by outcome."""
    table = EventTable(
        TableText(
            "after_care_contacts",
            "Contacts d'après-accompagnement",
            period_words(scope),
            "Contacts et tentatives de la période avec des ménages en suivi post-accompagnement (aucun "
            "accompagnement en cours ce jour-là), selon leur résultat ; ils ne comptent jamais dans l'activité de "
            "la mesure.",
            "Résultat",
        ),
        Unit.CONTACT,
        rows=tuple(OUTCOME_COLUMNS.values()),
    )
    by_household: dict[int, list[AfterCareFact]] = {}
    for care in cares:
        by_household.setdefault(care.household_id, []).append(care)
    if not by_household:
        return table.table()
    kinds = dict(session.execute(select(ContactOutcome.id, ContactOutcome.kind)).all())
    start, end = period_moments(scope)
    query = select(Contact.household_id, as_text(Contact.occurred_at), Contact.outcome_id).where(
        Contact.after_care.is_(True),
        Contact.occurred_at >= start,
        Contact.occurred_at < end,
        among(session, Contact.household_id, sorted(by_household)),
    )
    days = LocalDays()
    for household_id, moment, outcome_id in session.execute(query):
        day = days.of(moment)
        if any(care.runs_on(day) for care in by_household[household_id]):
            kind = kinds.get(outcome_id)
            table.add(OUTCOME_COLUMNS[kind] if kind in (REACHED, ATTEMPT) else OUTCOME_COLUMNS["cancelled"])
    return table.table()


def reactivations(
    episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope, reactivated_from: Collection[int]
) -> tuple[CountTable, ...]:
    """The period's entries that follow a previous episode: reactivated from after-care, or after a closure."""
    table = TwinTables(
        TableText(
            "reactivations",
            "Réactivations après une sortie",
            period_words(scope),
            "Accompagnements commencés dans la période qui font suite à un accompagnement précédent du ménage, "
            "selon qu'il était en suivi post-accompagnement (réactivé) ou clôturé ; chacun est aussi une ré-entrée "
            "du tableau des entrées.",
            "Réactivation",
        ),
        rows=REACTIVATION_ROWS,
    )
    for episode in entrants(episodes, scope):
        if episode.previous_id is None or episode.start is None:
            continue
        row = REACTIVATION_ROWS[0] if episode.previous_id in reactivated_from else REACTIVATION_ROWS[1]
        table.add(row, members.count_on(episode.household_id, episode.start))
    return table.tables()


def drop_in_visits(session: Session, scope: ExportScope) -> CountTable:
    """Visits to the drop-in in the period, identified or anonymous (the whole service)."""
    table = EventTable(
        TableText(
            "drop_in_visits",
            "Passages à la permanence",
            period_words(scope),
            f"{SERVICE_WIDE}passages à la permanence dans la période, d'un ménage connu ou anonymes.",
            "Passage",
        ),
        Unit.VISIT,
        rows=VISIT_ROWS,
    )
    start, end = period_moments(scope)
    anonymous = case((DropInVisit.household_id.is_(None), 1), else_=0)
    query = select(func.count(), func.coalesce(func.sum(anonymous), 0)).where(
        DropInVisit.occurred_at >= start, DropInVisit.occurred_at < end
    )
    total, unnamed = session.execute(query).one()
    table.add(VISIT_ROWS[0], int(total) - int(unnamed))
    table.add(VISIT_ROWS[1], int(unnamed))
    return table.table()


def street_encounters(session: Session, scope: ExportScope) -> CountTable:
    """Street encounters of the period, still anonymous or attached to a household by the *état au* (the service)."""
    table = EventTable(
        TableText(
            "street_encounters",
            "Rencontres de rue (maraude)",
            period_words(scope),
            f"{SERVICE_WIDE}personnes rencontrées en maraude dans la période, selon qu'elles ont été rattachées à un "
            f"ménage au plus tard le {scope.as_of.strftime('%d/%m/%Y')}.",
            "Rencontre",
        ),
        Unit.ENCOUNTER,
        rows=ENCOUNTER_ROWS,
    )
    start, end = period_moments(scope)
    by_then = datetime.combine(scope.as_of + timedelta(days=1), time.min).astimezone()
    attached = case(
        (OutreachEncounter.household_id.is_not(None) & (OutreachEncounter.attached_at < by_then), 1), else_=0
    )
    query = select(func.count(), func.coalesce(func.sum(attached), 0)).where(
        OutreachEncounter.occurred_at >= start, OutreachEncounter.occurred_at < end
    )
    total, known = session.execute(query).one()
    table.add(ENCOUNTER_ROWS[0], int(total) - int(known))
    table.add(ENCOUNTER_ROWS[1], int(known))
    return table.table()


def collective_sessions(session: Session, scope: ExportScope) -> tuple[CountTable, CountTable]:
    """Workshops held in the period by theme (not about anyone), and their attendance (the whole service)."""
    held = EventTable(
        TableText(
            "collective_sessions",
            "Ateliers collectifs",
            period_words(scope),
            f"{SERVICE_WIDE}ateliers collectifs tenus dans la période, par thème.",
            "Thème",
        ),
        Unit.SESSION,
        about_people=False,
    )
    attendance = EventTable(
        TableText(
            "session_attendance",
            "Participation aux ateliers",
            period_words(scope),
            f"{SERVICE_WIDE}participations aux ateliers de la période : un ménage ou une personne nommés, et les "
            "personnes venues sans être nommées ; une personne venue à deux ateliers compte deux fois.",
            "Participants",
        ),
        Unit.ATTENDANCE,
        rows=ATTENDANCE_ROWS,
    )
    in_period = (CollectiveSession.held_on >= scope.period_start, CollectiveSession.held_on <= scope.period_end)
    themes = (
        select(SessionTheme.label, func.count(), func.coalesce(func.sum(CollectiveSession.anonymous_count), 0))
        .join(SessionTheme, SessionTheme.id == CollectiveSession.theme_id)
        .where(*in_period)
        .group_by(SessionTheme.id, SessionTheme.sort_order, SessionTheme.label)
        .order_by(SessionTheme.sort_order, SessionTheme.label)
    )
    unnamed = 0
    for label, count, anonymous in session.execute(themes):
        held.add(label, int(count))
        unnamed += int(anonymous)
    named = session.scalar(
        select(func.count())
        .select_from(CollectiveSessionAttendee)
        .join(CollectiveSession, CollectiveSession.id == CollectiveSessionAttendee.session_id)
        .where(*in_period)
    )
    attendance.add(ATTENDANCE_ROWS[0], int(named or 0))
    attendance.add(ATTENDANCE_ROWS[1], unnamed)
    return held.table(), attendance.table()
