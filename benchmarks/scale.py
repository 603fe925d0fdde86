"""The household list at 10,000 and 100,000 households, on the local store and on the server.

What must not grow with the number of rows: the start of the list (the first page shown, with its count) and a
keystroke in the search box. Measured in the real panel at each size; the old way (every household loaded,
``list_summaries``) is measured beside it for contrast.

The first 10,000 households are the demo's (realistic names, histories, members); the households up to 100,000
are added by bulk inserts of minimal households, each one person (a first name and a last name drawn from the
demo's people, recombined) as reference person and nothing else: generating the whole demo at 100,000 would take
tens of minutes here, and the list reads only the household, its members and its current housing.
"""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timezone
from typing import Any

from benchmarks.measures import ensure_application, stats, timed

KEYSTROKE_NAMES = 40


def grow(engine: Any, target: int) -> float:
    """Add minimal households until there are ``target``; return the seconds it took."""
    from sqlalchemy import func, insert, select
    from sqlalchemy.orm import Session

    from caseworker.demo.batch import advance_sequences
    from caseworker.models import Household, HouseholdMembership, MemberRole, Person
    from caseworker.services.identity import household_reference, person_display_name
    from caseworker.services.search_text import fold

    started = time.perf_counter()
    with Session(engine) as session, session.begin():
        count = session.scalar(select(func.count()).select_from(Household)) or 0
        if count >= target:
            return 0.0
        rng = random.Random(target)
        pool = session.execute(select(Person.first_name, Person.last_name).where(Person.last_name != "")).all()
        role_id = session.scalar(select(MemberRole.id).where(MemberRole.code == "reference"))
        next_household = (session.scalar(select(func.max(Household.id))) or 0) + 1
        next_person = (session.scalar(select(func.max(Person.id))) or 0) + 1
        next_membership = (session.scalar(select(func.max(HouseholdMembership.id))) or 0) + 1
        now = datetime.now(timezone.utc)
        missing = target - count
        for chunk_start in range(0, missing, 5000):
            households, persons, memberships = [], [], []
            for offset in range(chunk_start, min(missing, chunk_start + 5000)):
                household_id, person_id = next_household + offset, next_person + offset
                first, last = rng.choice(pool)[0], rng.choice(pool)[1]
                households.append(
                    {
                        "id": household_id,
                        "search_text": fold(f"{household_reference(household_id)} {first} {last}"),
                        "sort_name": fold(person_display_name(first, last, "")),
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                persons.append({"id": person_id, "first_name": first, "last_name": last, "created_at": now})
                memberships.append(
                    {
                        "id": next_membership + offset,
                        "household_id": household_id,
                        "person_id": person_id,
                        "role_id": role_id,
                        "start_date": date(2024, 1, 1),
                    }
                )
            session.execute(insert(Household), households)
            session.execute(insert(Person), persons)
            session.execute(insert(HouseholdMembership), memberships)
        advance_sequences(session, ["household", "person", "household_membership"])
    return time.perf_counter() - started


def list_measures(services: Any) -> dict[str, object]:
    """Start of the list (panel built, first page and counts shown) and keystrokes, in the real panel."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from caseworker.ui.households.household_list_panel import HouseholdListPanel

    ensure_application()
    households = services.households

    def start_list() -> Any:
        panel = HouseholdListPanel(households, services.reference, services.context.clock.today)
        panel.resize(1200, 700)
        panel.show()
        panel.reload()
        QApplication.processEvents()
        return panel

    start_list().deleteLater()  # caches warm, as a second start of the application
    QApplication.processEvents()
    starts = []
    for _ in range(10):
        begin = time.perf_counter()
        panel = start_list()
        starts.append(time.perf_counter() - begin)
        panel.close()
        panel.deleteLater()
        QApplication.processEvents()
    total = households.count()
    rng = random.Random(7)
    names = [item.display_name for item in households.summaries(rng.sample(range(1, total + 1), KEYSTROKE_NAMES))]
    panel = start_list()
    keystrokes: list[float] = []
    for name in names:
        query = name.split()[0][:6].lower()
        panel.search_edit.clear()
        QApplication.processEvents()
        for character in query:
            begin = time.perf_counter()
            QTest.keyClick(panel.search_edit, character)
            QApplication.processEvents()
            keystrokes.append(time.perf_counter() - begin)
    panel.close()
    panel.deleteLater()
    QApplication.processEvents()
    return {
        "households": total,
        "list_start": stats(starts),
        "search_keystroke": stats(keystrokes),
        "first_page_service": stats(timed(households.list_page, 20)),
        "count_service": stats(timed(households.count, 20)),
        "list_load_all": stats(timed(households.list_summaries, 2)),
    }


def scale_series(services: Any, bulk_engine: Any, sizes: list[int], analyze: Any = None) -> dict[str, object]:
    """Measure the list at each size (growing the store between them)."""
    series: dict[str, object] = {}
    for size in sizes:
        seconds = grow(bulk_engine, size)
        if analyze is not None:
            analyze()
        figures = list_measures(services)
        figures["grown_in_seconds"] = round(seconds, 1)
        series[str(size)] = figures
        print(
            f"  {size} households: list start {figures['list_start']['median_ms']:.1f} ms, "  # type: ignore[index]
            f"keystroke {figures['search_keystroke']['median_ms']:.1f} ms",  # type: ignore[index]
            flush=True,
        )
    return series
