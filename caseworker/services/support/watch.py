"""The watch list (*veille*): households to take news of every N weeks until taken off (docs/domain.md §14.2).

A household is put on the list from its after-care (the exit dialog) or on its own, with a rhythm (6 weeks unless
chosen). **News** is a contact whose outcome reached the household, or an identified drop-in visit; a failed
attempt is *trying*, not news. The next news is due N weeks after the later of the day it was put on the list and
the last news: the automatic task « prendre des nouvelles » (:mod:`caseworker.services.tasks.aftercare_tasks`)
falls then, and closes by itself when news comes. Taking a household off the list needs a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.domain.aftercare import DEFAULT_WATCH_WEEKS
from caseworker.domain.contacts import ATTEMPT
from caseworker.models import Contact, ContactOutcome, DropInVisit, Household, WatchEntry
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.row_versions import claim_version
from caseworker.services.support.aftercare import WATCH_WEEKS_MAX, after_care_on
from caseworker.services.support.last_contact import last_reached_days
from caseworker.services.validation import PARAGRAPH_MAX, SHORT_TEXT_MAX, Problems


@dataclass(frozen=True)
class WatchView:
    """One stay of a household on the watch list, with where its news stands."""

    id: int
    household_id: int
    every_weeks: int
    start_date: date
    end_date: date | None
    end_reason: str
    note: str
    from_after_care: bool
    last_news: date | None  # the last contact that reached the household, or identified drop-in visit
    attempts_since: int  # failed attempts since the last news (or since it was put on the list)
    next_due: date
    row_version: int

    @property
    def is_current(self) -> bool:
        """Whether the household is still watched."""
        return self.end_date is None


def news_days(session: Session, household_ids: Iterable[int]) -> dict[int, date]:
    """The last day news came from each household: reached by a contact, or identified at the drop-in."""
    wanted = list(dict.fromkeys(household_ids))
    news = last_reached_days(session, wanted)
    if not wanted:
        return news
    for start in range(0, len(wanted), 5_000):
        query = (
            select(DropInVisit.household_id, func.max(DropInVisit.occurred_at))
            .where(DropInVisit.household_id.in_(wanted[start : start + 5_000]))
            .group_by(DropInVisit.household_id)
        )
        for household_id, moment in session.execute(query):
            if household_id is None or moment is None:
                continue
            day = moment.astimezone().date()
            if household_id not in news or news[household_id] < day:
                news[household_id] = day
    return news


def next_news_due(entry_start: date, every_weeks: int, last_news: date | None) -> date:
    """When the next news is due: N weeks after the later of the entry's start and the last news."""
    since = max(entry_start, last_news) if last_news else entry_start
    return since + timedelta(weeks=every_weeks)


def _attempts_since(session: Session, household_id: int, first_day: date) -> int:
    """The failed attempts from ``first_day`` (local midnight) on."""
    moment = datetime.combine(first_day, time()).astimezone()
    return int(
        session.scalar(
            select(func.count(Contact.id))
            .join(ContactOutcome, ContactOutcome.id == Contact.outcome_id)
            .where(Contact.household_id == household_id, Contact.occurred_at >= moment, ContactOutcome.kind == ATTEMPT)
        )
        or 0
    )


def _first_day(entry: WatchEntry, news: dict[int, date]) -> date:
    """The first day of the current cycle: the day after the last news, or the day it was put on the list."""
    last = news.get(entry.household_id)
    return max(entry.start_date, last + timedelta(days=1)) if last else entry.start_date


def _attempts(session: Session, entries: Sequence[WatchEntry], news: dict[int, date]) -> dict[int, int]:
    """The failed attempts of each entry's current cycle, read in one grouped query (by household)."""
    firsts = {entry.household_id: _first_day(entry, news) for entry in entries}
    if not firsts:
        return {}
    earliest = datetime.combine(min(firsts.values()), time()).astimezone()
    found: dict[int, int] = dict.fromkeys(firsts, 0)
    households = sorted(firsts)
    for start in range(0, len(households), 5_000):
        rows = session.execute(
            select(Contact.household_id, Contact.occurred_at)
            .join(ContactOutcome, ContactOutcome.id == Contact.outcome_id)
            .where(
                Contact.household_id.in_(households[start : start + 5_000]),
                Contact.occurred_at >= earliest,
                ContactOutcome.kind == ATTEMPT,
            )
        )
        for household_id, moment in rows:
            if moment.astimezone().date() >= firsts[household_id]:
                found[household_id] += 1
    return found


def _view(session: Session, entry: WatchEntry, news: dict[int, date], attempts: int | None = None) -> WatchView:
    last = news.get(entry.household_id)
    first_day = _first_day(entry, news)
    return WatchView(
        id=entry.id,
        household_id=entry.household_id,
        every_weeks=entry.every_weeks,
        start_date=entry.start_date,
        end_date=entry.end_date,
        end_reason=entry.end_reason,
        note=entry.note,
        from_after_care=entry.after_care_id is not None,
        last_news=last,
        attempts_since=attempts if attempts is not None else _attempts_since(session, entry.household_id, first_day),
        next_due=next_news_due(entry.start_date, entry.every_weeks, last),
        row_version=entry.row_version,
    )


class WatchService:
    """Puts households on the watch list, changes their rhythm, takes them off, and lists them."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def watch_for(self, household_id: int) -> list[WatchView]:
        """Return the household's stays on the watch list, the current one first."""
        with self._ctx.read() as session:
            entries = session.scalars(
                select(WatchEntry)
                .where(WatchEntry.household_id == household_id)
                .order_by(WatchEntry.end_date.is_not(None), WatchEntry.start_date.desc(), WatchEntry.id.desc())
            ).all()
            news = news_days(session, [household_id])
            return [_view(session, entry, news) for entry in entries]

    def watch_list(self) -> list[WatchView]:
        """Return every household watched today that the person sees, the news most overdue first."""
        with self._ctx.read() as session:
            entries = session.scalars(select(WatchEntry).where(WatchEntry.end_date.is_(None))).all()
            news = news_days(session, {entry.household_id for entry in entries})
            attempts = _attempts(session, entries, news)
            views = [_view(session, entry, news, attempts[entry.household_id]) for entry in entries]
        return sorted(views, key=lambda view: (view.next_due, view.household_id))

    def put_on(
        self, household_id: int, *, every_weeks: int = DEFAULT_WATCH_WEEKS, on: date | None = None, note: str = ""
    ) -> WatchView:
        """Put a household on the watch list from ``on`` (today by default), news every ``every_weeks`` weeks."""
        today = self._ctx.clock.today()
        start = on or today
        problems = Problems()
        cleaned = problems.text("note", note, label="Remarque", max_length=PARAGRAPH_MAX, multiline=True)
        problems.date("on", start, kind=DateKind.EVENT, label="Date de mise en veille", today=today)
        _check_weeks(problems, every_weeks)
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
            current = session.scalar(
                select(WatchEntry.id).where(WatchEntry.household_id == household_id, WatchEntry.end_date.is_(None))
            )
            if current is not None:
                raise ValidationError({"household": "Ce ménage est déjà sur la liste de veille."})
            # During an after-care, the watch is part of it: it ends with it (docs/domain.md §14.2).
            after_care = after_care_on(session, household_id, start)
            entry = WatchEntry(
                household_id=household_id,
                after_care_id=after_care.id if after_care is not None else None,
                every_weeks=every_weeks,
                start_date=start,
                note=cleaned,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            session.add(entry)
            try:
                session.flush()
            except IntegrityError as exc:  # a colleague put it on the list a moment ago
                raise ValidationError({"household": "Ce ménage est déjà sur la liste de veille."}) from exc
            audit.record(session, self._ctx, AuditAction.CREATE, "watch_entry", entry.id, household_id=household_id)
            return _view(session, entry, news_days(session, [household_id]))

    def change_rhythm(self, entry_id: int, every_weeks: int, *, expected_version: int) -> WatchView:
        """Take news every ``every_weeks`` weeks from now on."""
        problems = Problems()
        _check_weeks(problems, every_weeks)
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, WatchEntry, entry_id, expected_version)
            entry = _current_entry(session, entry_id)
            if entry.every_weeks != every_weeks:
                entry.every_weeks = every_weeks
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.UPDATE,
                    "watch_entry",
                    entry.id,
                    household_id=entry.household_id,
                    fields=["every_weeks"],
                )
            return _view(session, entry, news_days(session, [entry.household_id]))

    def take_off(self, entry_id: int, *, reason: str, on: date | None = None, expected_version: int) -> WatchView:
        """Take a household off the watch list on ``on`` (today by default), with a reason."""
        today = self._ctx.clock.today()
        end = on or today
        problems = Problems()
        cleaned = problems.text("reason", reason, label="Motif", max_length=SHORT_TEXT_MAX, required=True)
        problems.date("on", end, kind=DateKind.EVENT, label="Date de sortie de la veille", today=today)
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, WatchEntry, entry_id, expected_version)
            entry = _current_entry(session, entry_id)
            problems.ordered(
                "on", entry.start_date, end, start_label="La mise en veille", end_label="La sortie de la veille"
            )
            problems.raise_if_any()
            entry.end_date = end
            entry.end_reason = cleaned
            entry.ended_by_id = self._ctx.actor.staff_member_id
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "watch_entry",
                entry.id,
                household_id=entry.household_id,
                fields=["end_date", "end_reason"],
            )
            return _view(session, entry, news_days(session, [entry.household_id]))


def _check_weeks(problems: Problems, every_weeks: int) -> None:
    if not 1 <= every_weeks <= WATCH_WEEKS_MAX:
        problems.add("every_weeks", f"Rythme de la veille : de 1 à {WATCH_WEEKS_MAX} semaines.")


def _current_entry(session: Session, entry_id: int) -> WatchEntry:
    entry = session.get(WatchEntry, entry_id)
    if entry is None:
        raise NotFoundError("Cette mise en veille est introuvable.")
    if entry.end_date is not None:
        raise ValidationError({"entry": "Ce ménage n'est plus sur la liste de veille."})
    return entry
