"""The automatic tasks of after-care and the watch list (docs/domain.md §14.1, §14.2).

Two conditions about households whose support no longer runs, made and closed by
:class:`~caseworker.services.tasks.automatic.AutomaticTasks` like the others, and given first to the household's
after-care referent while they are on its team:

===========================  =====================================  ================================  ========
Reason                       Pending while                          Subject, date of the key          Made from
===========================  =====================================  ================================  ========
prendre des nouvelles        on the watch list; no news since the   watch entry, due date             7 days
(watch)                      due date's cycle began (a contact
                             reaching the household, or an
                             identified drop-in visit)
fin du suivi                 the after-care has not been ended      after-care, window's last day     7 days
(after-care end)             and its window ends on this date
===========================  =====================================  ================================  ========

News moves the due date, so the task of the old date is closed by the check (« des nouvelles sont arrivées ») and
the next one is made N weeks later. A failed attempt changes nothing: trying is not news.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain.aftercare import every_weeks_words
from caseworker.domain.debrief import AutomaticReason
from caseworker.formats import format_date
from caseworker.models import AfterCare, WatchEntry
from caseworker.services.support.watch import news_days, next_news_due
from caseworker.services.tasks.conditions import Condition, automatic_key

NOTICE_DAYS = 7
"""A watch task and an after-care's end get their task a week ahead."""


def after_care_conditions(session: Session) -> list[Condition]:
    """The pending conditions of the watch list and of after-care windows (the households the session sees).

    Each names the household's after-care referent as the preferred owner (while they may hold it).
    """
    found: list[Condition] = []
    referents: dict[int, int] = {}
    open_after_care = session.execute(
        select(AfterCare.id, AfterCare.household_id, AfterCare.planned_end, AfterCare.referent_id).where(
            AfterCare.ended_on.is_(None)
        )
    ).all()
    for after_care_id, household_id, planned_end, referent_id in open_after_care:
        referents[household_id] = referent_id
        found.append(
            Condition(
                AutomaticReason.AFTER_CARE_END,
                automatic_key(AutomaticReason.AFTER_CARE_END, f"after-care-{after_care_id}", planned_end),
                household_id,
                planned_end,
                f"Fin du suivi post-accompagnement le {format_date(planned_end)} : clore le suivi ou réactiver",
                NOTICE_DAYS,
                lasting=True,
                owner_hint=referent_id,
            )
        )
    entries = session.execute(
        select(WatchEntry.id, WatchEntry.household_id, WatchEntry.start_date, WatchEntry.every_weeks).where(
            WatchEntry.end_date.is_(None)
        )
    ).all()
    news = news_days(session, {row[1] for row in entries})
    for entry_id, household_id, start, weeks in entries:
        last = news.get(household_id)
        due = next_news_due(start, weeks, last)
        since = f"dernières nouvelles le {format_date(last)}" if last and last >= start else "mis en veille"
        since += "" if last and last >= start else f" le {format_date(start)}"
        found.append(
            Condition(
                AutomaticReason.WATCH,
                automatic_key(AutomaticReason.WATCH, f"watch-{entry_id}", due),
                household_id,
                due,
                f"Prendre des nouvelles du ménage (veille {every_weeks_words(weeks)} ; {since})",
                NOTICE_DAYS,
                lasting=True,
                owner_hint=referents.get(household_id),
            )
        )
    return found
