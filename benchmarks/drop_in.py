"""The drop-in register (docs/domain.md §14.4): the day's and the month's counts, and recording one visit.

Targets at 10,000 households: the day's counts and the month's counts ≤ 50 ms median at the service, recording a
visit ≤ 20 ms. The demo holds two drop-in mornings a week over two years; the benchmark adds a busier desk's three
years on top, as a front desk open every weekday would have: about 25 visits between 9:00 and 17:00, about 30 %
anonymous (an age band and a sex when known), the identified ones from the demo's households (a person of the
household for half of them).
Measured for the team lead (every household) and a referent (their households; the counts are every household's
all the same), with the day's list (the register's table) for context.

``make bench`` runs :func:`drop_in_measures` with the other measures. Alone, ``python -m benchmarks.drop_in``
builds a local demo store (``BENCH_HOUSEHOLDS``, 10,000 by default) and, unless ``BENCH_PARTS`` leaves ``postgres``
out, the same demo on a throwaway PostgreSQL server, and prints the figures.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from benchmarks.measures import run_parts, stats, timed

TARGETS_MS = {"drop_in_day_counts": 50.0, "drop_in_month_counts": 50.0, "drop_in_record_visit": 20.0}
REPEAT = 30
YEARS = 3
VISITS_PER_DAY = 25
ANONYMOUS_SHARE = 0.3


def grow_visits(engine: Any, today: date, *, seed: int = 16) -> int:
    """Write three years of drop-in visits into the store behind ``engine`` (one transaction); return how many."""
    from sqlalchemy import insert, select

    from caseworker.domain.aftercare import AgeBand, Sex
    from caseworker.models import DropInReason, DropInVisit, HouseholdMembership, StaffMember

    rng = random.Random(seed)
    with engine.begin() as connection:
        members = connection.execute(
            select(HouseholdMembership.household_id, HouseholdMembership.person_id).where(
                HouseholdMembership.end_date.is_(None)
            )
        ).all()
        reasons = list(connection.execute(select(DropInReason.id)).scalars())
        staff = list(connection.execute(select(StaffMember.id).where(StaffMember.active.is_(True))).scalars())
        rows = []
        day = today - timedelta(days=365 * YEARS)
        while day <= today:
            if day.weekday() < 5:  # the drop-in opens on weekdays
                for _ in range(max(0, round(rng.gauss(VISITS_PER_DAY, 5)))):
                    local = datetime.combine(day, time(9)) + timedelta(minutes=rng.randrange(8 * 60))
                    at = local.astimezone().astimezone(timezone.utc)
                    row: dict[str, object] = {
                        "occurred_at": at,
                        "household_id": None,
                        "person_id": None,
                        "age_band": None,
                        "sex": None,
                        "reason_id": rng.choice(reasons) if rng.random() < 0.8 else None,
                        "recorded_by_id": rng.choice(staff),
                        "created_at": at,
                    }
                    if rng.random() < ANONYMOUS_SHARE:
                        row["age_band"] = rng.choice([None, *AgeBand])
                        row["sex"] = rng.choice([None, *Sex])
                    else:
                        household_id, person_id = rng.choice(members)
                        row["household_id"] = household_id
                        row["person_id"] = person_id if rng.random() < 0.5 else None
                    rows.append(row)
            day += timedelta(days=1)
        connection.execute(insert(DropInVisit), rows)
    return len(rows)


def drop_in_measures(services: Any, referent: Any | None = None) -> dict[str, object]:
    """The day's and the month's counts, the day's list and recording a visit, by ``services`` and ``referent``."""
    from caseworker.services.encounters import DropInInput

    today = services.context.clock.today()
    day = services.drop_in.day(today)
    results: dict[str, object] = {
        "drop_in_today": {"visits": day.counts.visits, "identified": day.counts.identified},
        "drop_in_day_counts": stats(timed(lambda: services.drop_in.day_counts(today), REPEAT)),
        "drop_in_month_counts": stats(timed(lambda: services.drop_in.month_counts(today.year, today.month), REPEAT)),
        "drop_in_day": stats(timed(lambda: services.drop_in.day(today), REPEAT)),
    }
    identified = next((visit.household_id for visit in day.visits if visit.household_id is not None), None)
    turn = [0]

    def record() -> None:  # identified and anonymous in turn
        turn[0] += 1
        anonymous = identified is None or turn[0] % 2 == 0
        services.drop_in.record_visit(DropInInput() if anonymous else DropInInput(identified, reason_code="accueil"))

    results["drop_in_record_visit"] = stats(timed(record, REPEAT))
    if referent is not None:
        seen = referent.drop_in.day(today)
        results["drop_in_referent_listed"] = {"listed": len(seen.visits), "unlisted": seen.unlisted}
        results["drop_in_referent_day_counts"] = stats(timed(lambda: referent.drop_in.day_counts(today), REPEAT))
        results["drop_in_referent_month_counts"] = stats(
            timed(lambda: referent.drop_in.month_counts(today.year, today.month), REPEAT)
        )
        results["drop_in_referent_day"] = stats(timed(lambda: referent.drop_in.day(today), REPEAT))
    return results


def _local(root: Path, households: int) -> dict[str, object]:
    from benchmarks.__main__ import busiest_referent
    from caseworker.demo.generator import generate_demo
    from caseworker.paths import DataPaths
    from caseworker.services import build_services
    from caseworker.services.directory import OrganisationInput
    from caseworker.services.setup import FirstRunInput
    from caseworker.storage.database import NewKeyMaterial, create_database
    from caseworker.storage.secret_store import KeyringSecretStore

    database = create_database(DataPaths(root / "data"), NewKeyMaterial.for_keyring(), KeyringSecretStore())
    services = build_services(database.engine)
    services.setup.complete_first_run(
        FirstRunInput(OrganisationInput("Association de mesure", "association"), "Camille", "Mesure", "chef_service")
    )
    report = generate_demo(
        database.engine, households=households, actor_staff_id=services.context.actor.staff_member_id
    )
    visits = grow_visits(database.engine, services.context.clock.today())
    print(f"local: {report.households} households, {visits} drop-in visits, demo in {report.seconds:.1f} s", flush=True)
    referent = build_services(database.engine)
    referent.context.actor.staff_member_id = busiest_referent(database.engine)
    try:
        return {"drop_in_visits": visits, **drop_in_measures(services, referent)}
    finally:
        database.dispose()


def _postgres(households: int) -> dict[str, object]:
    from benchmarks.postgres import _analyze, _as_the_window_calls, _referent, start_server
    from caseworker.demo.generator import generate_demo

    server = start_server()
    try:
        camille = server.services_as("camille.mesure")
        with server.access.open_engine() as engine:
            report = generate_demo(engine, households=households, actor_staff_id=camille.context.actor.staff_member_id)
            visits = grow_visits(engine, camille.context.clock.today())
        print(f"postgresql: {report.households} households, {visits} drop-in visits", flush=True)
        _analyze(server)
        referent = _referent(server)
        results = {"drop_in_visits": visits, **drop_in_measures(_as_the_window_calls(camille), referent)}
        camille.context.engine.dispose()
        referent.context.engine.dispose()
        return results
    finally:
        server.cluster.stop()


def main() -> int:
    """Measure the drop-in register alone on a fresh demo (local, then PostgreSQL), and print the figures as JSON."""
    return run_parts("caseworker-bench-drop-in-", _local, _postgres, TARGETS_MS)


if __name__ == "__main__":
    raise SystemExit(main())
