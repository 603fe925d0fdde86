"""The same measures on the team's PostgreSQL server, and ten people saving at once.

A throwaway cluster (``tests/support/postgres.py``: ``initdb`` in /tmp, a test CA, TLS only, SCRAM, 127.0.0.1) is
installed as ``caseworker server init`` does (``team/admin.py``: group roles, schema owned by the owner role, the
association and its first administrator). The demo is written into it by the maintenance account, as a migration
from a local store would be; then every measure runs as a person: a member login over verify-full TLS.

Ten workers (processes, as ten laptops are: each its own login, engine and services) then record contacts and
alerts for ``BENCH_WORKER_SECONDS`` (60 by default), twice: pausing ``BENCH_WORKER_PAUSE`` seconds on average between
saves (1 s by default: ten people saving ten times a second together, far more than a team does), then back to back
(what the server and this machine can take at most). Every save attempted is counted, every id returned is looked
for afterwards (a lost write is one attempted and not there), every exception is an error a person would have seen.
"""

from __future__ import annotations

import os
import random
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from benchmarks.board import board_measures
from benchmarks.drop_in import drop_in_measures, grow_visits
from benchmarks.measures import alert_measures, gui_measures, referent_measures, stats, support_measures, timed
from benchmarks.scale import scale_series

WORKERS = int(os.environ.get("BENCH_WORKERS", "10"))
WORKER_SECONDS = float(os.environ.get("BENCH_WORKER_SECONDS", "60"))
WORKER_PAUSE = float(os.environ.get("BENCH_WORKER_PAUSE", "1"))
"""Seconds a worker waits after each save, on average, in the paced run (the second run saves back to back)."""
DATABASE = "caseworker_bench"
CASELOAD = 25
"""Households on each worker's teams: the ones they save contacts and alerts for."""


@dataclass
class Server:
    """The running cluster, its maintenance access and roles, and how a person logs in."""

    cluster: Any
    access: Any
    roles: Any
    logins: dict[str, str] = field(default_factory=dict)  # login → password

    def engine_as(self, login: str) -> Any:
        from caseworker.storage.server import ServerLogin, make_server_engine

        return make_server_engine(self.access.address, ServerLogin(login, self.logins[login]), self.access.ca_file)

    def services_as(self, login: str) -> Any:
        from caseworker.services import build_services

        services = build_services(self.engine_as(login))
        actor = services.setup.load_actor()
        assert actor is not None, f"{login} is nobody on the server"
        return services

    def add_person(self, login: str, first_name: str, last_name: str, role_code: str) -> None:
        from caseworker.team.admin import NewPerson, add_user

        add_user(self.access, self.roles, NewPerson(login, first_name, last_name, role_code))
        self._set_password(login)

    def _set_password(self, login: str) -> None:
        # The enrolment (``team join``) would replace the one-time password: the benchmark sets one directly.
        from caseworker.storage import server_admin
        from caseworker.storage.scram import scram_verifier

        password = secrets.token_urlsafe(18)
        with self.access.connect(DATABASE) as connection:
            server_admin.set_login_password(connection, login, scram_verifier(password))
        self.logins[login] = password


def start_server() -> Server:
    """Start a throwaway cluster and install caseworker on it as ``server init`` does."""
    from caseworker.services.directory import OrganisationInput
    from caseworker.storage.server import ServerAddress
    from caseworker.storage.server_admin import ServerRoles
    from caseworker.team.admin import MaintenanceAccess, NewPerson, init_server
    from tests.support.postgres import SUPERUSER, start_cluster

    cluster = start_cluster()
    if cluster is None:
        raise RuntimeError("PostgreSQL (15 or later) is not installed: scripts/install-system-deps.sh test")
    access = MaintenanceAccess(
        ServerAddress("127.0.0.1", cluster.port, DATABASE), SUPERUSER, cluster.superuser_password, cluster.ca_file
    )
    server = Server(cluster, access, ServerRoles(prefix="bench"))
    init_server(
        access,
        server.roles,
        organisation=OrganisationInput("Association de mesure", "association"),
        # The team lead, who sees every household: the list, the search and the inbox at their fullest.
        first_admin=NewPerson("camille.mesure", "Camille", "Mesure", "chef_service"),
    )
    server._set_password("camille.mesure")
    return server


def run_postgres(households: int, *, full: bool = True, scale: list[int] | None = None) -> dict[str, object]:
    """Install, fill, measure (``full``: every measure and the workers), then the list at each size of ``scale``.

    The cluster is removed at the end.
    """
    server = start_server()
    try:
        results = _measure(server, households, full=full)
        if scale:
            print("postgresql: the household list at each size", flush=True)
            camille = server.services_as("camille.mesure")
            with server.access.open_engine() as engine:
                results["scale"] = scale_series(camille, engine, scale, analyze=lambda: _analyze(server))
            camille.context.engine.dispose()
        return results
    finally:
        server.cluster.stop()


def _measure(server: Server, households: int, *, full: bool) -> dict[str, object]:
    from caseworker.demo.generator import generate_demo

    camille = server.services_as("camille.mesure")
    with server.access.open_engine() as engine:
        report = generate_demo(engine, households=households, actor_staff_id=camille.context.actor.staff_member_id)
    print(f"postgresql: demo of {report.households} households written in {report.seconds:.1f} s", flush=True)
    _analyze(server)
    results: dict[str, object] = {
        "households": households,
        "demo_generation": {"seconds": report.seconds, "contacts": report.contacts, "alerts": report.alerts},
        "server_version": camille.context.engine.dialect.server_version_info,
    }
    if not full:
        camille.context.engine.dispose()
        return results
    results["list_load"] = stats(timed(camille.households.list_summaries, 3))
    results["list_first_page"] = stats(timed(camille.households.list_page, 20))
    results.update(support_measures(camille))
    results.update(alert_measures(camille))
    results.update(gui_measures(_as_the_window_calls(camille)))
    referent = _referent(server)
    results.update(board_measures(_as_the_window_calls(camille), referent))
    with server.access.open_engine() as engine:  # the demo has no drop-in visits yet (benchmarks/drop_in.py)
        results["drop_in_visits"] = grow_visits(engine, camille.context.clock.today())
    _analyze(server)
    results.update(drop_in_measures(_as_the_window_calls(camille), referent))
    camille.context.engine.dispose()
    results.update(referent_measures(referent))
    caseloads = _worker_caseloads(server, WORKERS)
    results["workers"] = concurrent_saves(server, caseloads, WORKER_SECONDS, pause=WORKER_PAUSE)
    results["workers_flat_out"] = concurrent_saves(server, caseloads, WORKER_SECONDS, pause=0.0)
    return results


def _referent(server: Server) -> Any:
    """A social worker with their own login, on the teams of the households the busiest demo referent is on."""
    from sqlalchemy import text

    from benchmarks.__main__ import busiest_referent

    server.add_person("bench.referent", "Référente", "Mesure", "travailleur_social")
    referent = server.services_as("bench.referent")
    with server.access.open_engine() as engine, engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO team_membership (household_id, staff_member_id, role_id, is_coordinator, start_date,"
                " end_reason, created_at) SELECT m.household_id, :me, m.role_id, false, current_date, '', now()"
                " FROM team_membership m WHERE m.staff_member_id = :busiest AND m.end_date IS NULL"
            ),
            {"me": referent.context.actor.staff_member_id, "busiest": busiest_referent(engine)},
        )
    return referent


def _as_the_window_calls(services: Any) -> Any:
    """The services as the window uses them in team mode: each call run off the GUI thread (ui/common/server_calls)."""
    from benchmarks.measures import ensure_application
    from caseworker.ui.common.server_calls import ServerCalls, calls_off_the_gui_thread

    ensure_application()
    return calls_off_the_gui_thread(services, ServerCalls())


def _analyze(server: Server) -> None:
    """Fresh planner statistics after the bulk load, as autovacuum would have made them by then."""
    import psycopg

    from caseworker.storage.server import connection_arguments

    arguments = connection_arguments(server.access.address, server.access.login(), server.access.ca_file)
    with psycopg.connect(**arguments, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


# ------------------------------------------------------------------------------------------ ten people at once


@dataclass
class WorkerTally:
    """What one worker tried, what it got back, how long each save took, what went wrong."""

    attempted: int = 0
    warm_up: int = 0  # of the attempted, those before the start (not timed)
    started_late: float = 0.0  # seconds after the common start this worker began (it logs in first)
    contact_ids: list[int] = field(default_factory=list)
    alert_ids: list[int] = field(default_factory=list)
    contact_latencies: list[float] = field(default_factory=list)
    alert_latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _worker_caseloads(server: Server, workers: int, prefix: str = "worker") -> dict[str, list[tuple[int, int]]]:
    """``workers`` social workers, each on the teams of a caseload of their own: login → (household, landlord)."""
    from sqlalchemy import text

    logins = [f"bench.{prefix}{index:02d}" for index in range(workers)]
    for index, login in enumerate(logins):
        server.add_person(login, f"Travailleur{index:02d}", "Concurrent", "travailleur_social")
    with server.access.open_engine() as engine, engine.begin() as connection:
        targets = [
            (int(row[0]), int(row[1]))
            for row in connection.execute(
                text(
                    "SELECT o.household_id, d.landlord_id FROM occupancy o JOIN dwelling d ON d.id = o.dwelling_id "
                    "JOIN organisation g ON g.id = d.landlord_id JOIN organisation_kind k ON k.id = g.kind_id "
                    "WHERE o.end_date IS NULL AND d.landlord_id IS NOT NULL AND k.is_landlord "
                    "ORDER BY o.household_id"
                )
            )
        ]
        caseloads = {login: targets[index::workers][:CASELOAD] for index, login in enumerate(logins)}
        # Each worker is a referent on the team of a caseload of their own (a person sees only those, §2).
        for login, caseload in caseloads.items():
            for household_id, _landlord in caseload:
                connection.execute(
                    text(
                        "INSERT INTO team_membership (household_id, staff_member_id, role_id, is_coordinator,"
                        " start_date, end_reason, created_at) SELECT :household, s.id, r.id, false, current_date,"
                        " '', now() FROM team_role r, staff_member s WHERE r.code = 'referent_social'"
                        " AND s.login = :login"
                    ),
                    {"household": household_id, "login": login},
                )
    return caseloads


def concurrent_saves(
    server: Server, caseloads: dict[str, list[tuple[int, int]]], seconds: float, *, pause: float
) -> dict[str, object]:
    """The workers of ``caseloads``, each a process of its own, saving contacts and alerts for ``seconds``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from sqlalchemy import text

    with server.access.open_engine() as engine, engine.connect() as connection:
        contacts_before = connection.execute(text("SELECT count(*) FROM contact")).scalar_one()
        alerts_before = connection.execute(text("SELECT count(*) FROM alert")).scalar_one()
    address, ca_file = server.access.address, server.access.ca_file
    # Every process starts (imports, logs in) before the common start, a few seconds ahead.
    start_at = time.time() + 8.0
    with ProcessPoolExecutor(len(caseloads), mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [
            pool.submit(
                _work,
                (address, ca_file, login, server.logins[login]),
                caseload,
                seconds,
                pause,
                start_at,
                index,
            )
            for index, (login, caseload) in enumerate(caseloads.items())
        ]
        tallies: list[WorkerTally] = [future.result() for future in futures]
    contact_ids = [i for tally in tallies for i in tally.contact_ids]
    alert_ids = [i for tally in tallies for i in tally.alert_ids]
    with server.access.open_engine() as engine, engine.connect() as connection:
        present_contacts = _present(connection, "contact", contact_ids)
        present_alerts = _present(connection, "alert", alert_ids)
        contacts_after = connection.execute(text("SELECT count(*) FROM contact")).scalar_one()
        alerts_after = connection.execute(text("SELECT count(*) FROM alert")).scalar_one()
    attempted = sum(tally.attempted for tally in tallies)
    contact_latencies = [value for tally in tallies for value in tally.contact_latencies]
    alert_latencies = [value for tally in tallies for value in tally.alert_latencies]
    latencies = contact_latencies + alert_latencies
    errors = [error for tally in tallies for error in tally.errors]
    return {
        "workers": len(caseloads),
        "seconds": seconds,
        "attempted": attempted,
        "saved": len(contact_ids) + len(alert_ids),
        "present_afterwards": present_contacts + present_alerts,
        "lost": attempted - present_contacts - present_alerts,
        "rows_added": (contacts_after - contacts_before) + (alerts_after - alerts_before),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:10],
        "contacts": len(contact_ids),
        "alerts": len(alert_ids),
        "per_second": round(len(latencies) / seconds, 1) if seconds else 0,  # the timed saves
        "warm_up_saves": sum(tally.warm_up for tally in tallies),
        "latest_start_s": round(max(tally.started_late for tally in tallies), 2),  # 0: all began together
        "pause_seconds": pause,
        "save": stats(latencies) if latencies else {},
        "contact_save": stats(contact_latencies) if contact_latencies else {},
        "alert_save": stats(alert_latencies) if alert_latencies else {},
    }


def _work(
    login: tuple[Any, Any, str, str],
    targets: list[tuple[int, int]],
    seconds: float,
    pause: float,
    start_at: float,
    index: int,
) -> WorkerTally:
    """In a process of its own: log in, then save a contact, then an alert, then a contact… on random households of
    the caseload from ``start_at`` (a wall-clock time) until ``seconds`` have passed."""
    from caseworker.services import build_services
    from caseworker.storage.server import ServerLogin, make_server_engine

    address, ca_file, user, password = login
    services = build_services(make_server_engine(address, ServerLogin(user, password), ca_file))
    assert services.setup.load_actor() is not None, f"{user} is nobody on the server"
    tally = WorkerTally()
    rng = random.Random(index)
    # One contact and one alert before the start, not timed: the process is connected and its statements compiled,
    # as on a laptop in use (a save's first compilation, a few tenths of a second, happens once per start).
    _save_one(services, rng, targets, tally, contact=True, timed=False)
    _save_one(services, rng, targets, tally, contact=False, timed=False)
    tally.warm_up = tally.attempted
    tally.started_late = max(0.0, time.time() - start_at)
    time.sleep(max(0.0, start_at - time.time()))
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        _save_one(services, rng, targets, tally, contact=tally.attempted % 2 == 0, timed=True)
        if pause:
            time.sleep(rng.uniform(0.5, 1.5) * pause)
    services.context.engine.dispose()
    return tally


def _save_one(
    services: Any, rng: random.Random, targets: list[tuple[int, int]], tally: WorkerTally, *, contact: bool, timed: bool
) -> None:
    """Save a contact (or an alert) on a random household of ``targets``; counted in ``tally``, timed if ``timed``."""
    from caseworker.domain import AlertChannel
    from caseworker.services.alerts import AlertInput
    from caseworker.services.support import ContactInput

    household_id, landlord_id = rng.choice(targets)
    moment = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=rng.randint(1, 600))
    tally.attempted += 1
    start = time.perf_counter()
    try:
        if contact:
            saved_contact = services.contacts.record_contact(
                household_id,
                ContactInput(
                    occurred_at=moment,
                    type_code="visite_domicile",
                    outcome_code="rencontre",
                    duration_minutes=30,
                    topic_codes=("budget_dettes",),
                    note="Point sur le budget.",
                ),
            )
            tally.contact_ids.append(saved_contact.id)
            if timed:
                tally.contact_latencies.append(time.perf_counter() - start)
        else:
            saved_alert = services.alerts.create(
                AlertInput(
                    type_code="trouble_voisinage",
                    household_id=household_id,
                    landlord_id=landlord_id,
                    received_at=moment,
                    channel=AlertChannel.TELEPHONE,
                    description="Plainte d'un voisin pour du bruit le soir.",
                )
            )
            tally.alert_ids.append(saved_alert.id)
            if timed:
                tally.alert_latencies.append(time.perf_counter() - start)
    except Exception as exc:  # every failure is one a person would have seen: counted, never hidden
        tally.errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")


def _present(connection: Any, table: str, ids: list[int]) -> int:
    from sqlalchemy import text

    found = 0
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        found += connection.execute(
            text(f"SELECT count(*) FROM {table} WHERE id = ANY(:ids)"), {"ids": chunk}
        ).scalar_one()
    return int(found)
