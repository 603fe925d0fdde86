"""Run the benchmarks and print the figures recorded in the README.

Dataset: ``caseworker demo`` with 10,000 households (about 25,000 persons) in a temporary data directory.
Measured, each over repeated runs (median and 95th percentile):

* database open: a keyed connection (key, probe, WAL, foreign keys) and the full open (with the schema check);
* search as you type: keystrokes into the real household search box, from key press to updated table and count;
* household file open: the real file panel, from the request to a populated panel (audit event included);
* cold start: ``caseworker --data-dir D`` in a fresh process until the main window is shown (keyring unlock,
  migrations check, the first page of the household list);
* list load (every household at once, as the list did before it read pages) and demo generation, for context.

Then (``BENCH_PARTS``, all three by default): ``postgres`` runs the same measures on a throwaway PostgreSQL server
as a member login over verify-full TLS, and ten concurrent workers (:mod:`benchmarks.postgres`); ``scale`` measures
the household list at each size of ``BENCH_SCALE`` (10,000 and 100,000) on both backends (:mod:`benchmarks.scale`).

Run under ``make bench``: it provides a D-Bus session with an unlocked gnome-keyring so the cold start uses the
real Secret Service, as on a laptop. Without one, the cold start falls back to a file-based test keyring and says so.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.board import TARGETS_MS as BOARD_TARGETS_MS
from benchmarks.board import board_measures
from benchmarks.drop_in import TARGETS_MS as DROP_IN_TARGETS_MS
from benchmarks.drop_in import drop_in_measures, grow_visits
from benchmarks.exports import CONTACTS as EXPORT_CONTACTS
from benchmarks.exports import TARGETS_MS as EXPORT_TARGETS_MS
from benchmarks.exports import export_measures, grow_contacts, whole_service_profile
from benchmarks.measures import (
    alert_measures,
    contract_measures,
    gui_measures,
    referent_measures,
    stats,
    support_measures,
    timed,
)
from benchmarks.tasks_measures import task_measures

HOUSEHOLDS = int(os.environ.get("BENCH_HOUSEHOLDS", "10000"))
PARTS = os.environ.get("BENCH_PARTS", "local,postgres,scale").split(",")
"""local: the encrypted store; postgres: the same measures on a server, and ten workers; scale: the list at SCALE."""
SCALE = [int(size) for size in os.environ.get("BENCH_SCALE", "10000,100000").split(",") if size]
RESULTS = Path(__file__).parent / "results"
TARGETS_MS = {
    "search_keystroke": 30.0,
    "household_file_open": 50.0,
    "cold_start": 2500.0,
    "db_open_connection": 5.0,
    "my_households": 100.0,
    "my_households_panel": 100.0,
    "timeline_render": 50.0,
    "contact_save": 20.0,
    "contract_pdf": 100.0,
    "contracts_100": 10_000.0,
    "liaison_sheet": 100.0,
    "alert_inbox_filter": 50.0,
    "alert_inbox_panel": 100.0,
    "alert_save": 20.0,
    "referent_search": 30.0,
    "referent_file_open": 50.0,
    "referent_contact_save": 20.0,
    "automatic_tasks_refresh": 1000.0,
    "referent_automatic_tasks_refresh": 300.0,
    "referent_my_tasks": 50.0,
    **BOARD_TARGETS_MS,
    **DROP_IN_TARGETS_MS,
    **EXPORT_TARGETS_MS,
}


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="caseworker-bench-") as temporary:
        root = Path(temporary)
        for variable in ("XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(root / variable.lower())
        keyring_used = _keyring_kind()
        results: dict[str, object] = run(root) if "local" in PARTS else {"households": HOUSEHOLDS}
        results["machine"] = _machine(keyring_used)
        if "scale" in PARTS:
            print("local store: the household list at each size", flush=True)
            results["scale_local"] = _scale_local(root / "scale")
        if "postgres" in PARTS or "scale" in PARTS:
            from benchmarks.postgres import WORKER_SECONDS, run_postgres

            print(f"postgresql: {HOUSEHOLDS} households, workers for {WORKER_SECONDS:.0f} s", flush=True)
            results["postgresql"] = run_postgres(
                HOUSEHOLDS, full="postgres" in PARTS, scale=SCALE if "scale" in PARTS else None
            )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print_report(results)
    return 0


def _keyring_kind() -> str:
    from caseworker.storage.secret_store import KeyringSecretStore

    store = KeyringSecretStore()
    if store.is_secure():
        return store.describe()
    import keyring

    sys.path.insert(0, str(Path(__file__).parent))
    from file_keyring import FileKeyring

    keyring.set_keyring(FileKeyring())
    os.environ["PYTHON_KEYRING_BACKEND"] = "file_keyring.FileKeyring"
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")]))
    return "file_keyring.FileKeyring (test backend: no Secret Service in this session)"


def _machine(keyring_used: str) -> dict[str, object]:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "keyring": keyring_used,
        "load_average_at_end": os.getloadavg(),
    }


def _scale_local(root: Path) -> dict[str, object]:
    """A fresh local store: the demo at the first size, then minimal households up to each next size."""
    from benchmarks.scale import scale_series
    from caseworker.demo.generator import generate_demo
    from caseworker.paths import DataPaths
    from caseworker.services import build_services
    from caseworker.services.directory import OrganisationInput
    from caseworker.services.setup import FirstRunInput
    from caseworker.storage.database import NewKeyMaterial, create_database
    from caseworker.storage.secret_store import KeyringSecretStore

    database = create_database(DataPaths(root), NewKeyMaterial.for_keyring(), KeyringSecretStore())
    services = build_services(database.engine)
    camille = services.setup.complete_first_run(
        FirstRunInput(OrganisationInput("Association de mesure", "association"), "Camille", "Mesure", "chef_service")
    )
    generate_demo(database.engine, households=SCALE[0], actor_staff_id=camille.id)
    try:
        return scale_series(services, database.engine, SCALE)
    finally:
        database.dispose()


def run(root: Path) -> dict[str, object]:
    from caseworker.demo.generator import generate_demo
    from caseworker.paths import DataPaths
    from caseworker.services import build_services
    from caseworker.services.directory import OrganisationInput
    from caseworker.services.setup import FirstRunInput
    from caseworker.storage.database import NewKeyMaterial, create_database, open_database
    from caseworker.storage.engine import make_engine
    from caseworker.storage.key_info import load_key_info
    from caseworker.storage.secret_store import KeyringSecretStore

    results: dict[str, object] = {"households": HOUSEHOLDS}
    paths = DataPaths(root / "data")
    material = NewKeyMaterial.for_keyring()
    database = create_database(paths, material, KeyringSecretStore())
    services = build_services(database.engine)
    services.setup.complete_first_run(
        FirstRunInput(
            OrganisationInput("Association de mesure", "association"),
            "Camille",
            "Mesure",
            "chef_service",  # the team lead sees every household: the list and the search at their fullest
        )
    )
    report = generate_demo(
        database.engine, households=HOUSEHOLDS, actor_staff_id=services.context.actor.staff_member_id
    )
    results["demo_generation"] = {
        "seconds": report.seconds,
        "persons": report.persons,
        "occupancies": report.occupancies,
        "episodes": report.episodes,
        "contacts": report.contacts,
        "team_memberships": report.team_memberships,
        "alerts": report.alerts,
        "debts": report.debts,
        "procedures": report.procedures,
    }
    print(
        f"dataset: {report.households} households, {report.persons} persons, {report.episodes} episodes, "
        f"{report.contacts} contacts, {report.alerts} alerts, {report.debts} debts, "
        f"{report.procedures} procedures in {report.seconds:.1f} s",
        flush=True,
    )
    database.dispose()
    info = load_key_info(paths.key_info_file)

    def connect_once() -> None:
        engine = make_engine(paths.db_file, material.key)
        with engine.connect():
            pass
        engine.dispose()

    connect_once()
    results["db_open_connection"] = stats(timed(connect_once, 50))

    def open_full() -> None:
        open_database(paths, material.key, info).dispose()

    results["db_open_full"] = stats(timed(open_full, 20))
    database = open_database(paths, material.key, info)
    services = build_services(database.engine)
    results["list_load"] = stats(timed(services.households.list_summaries, 5))
    results.update(support_measures(services))
    results.update(contract_measures(services))
    results.update(alert_measures(services))
    results.update(gui_measures(services))
    referent = build_services(database.engine)
    referent.context.actor.staff_member_id = busiest_referent(database.engine)
    results.update(referent_measures(referent))
    results.update(task_measures(services, referent))
    results.update(board_measures(services, referent))
    # The demo's drop-in mornings, and a busier desk's three years on top (benchmarks/drop_in.py).
    results["drop_in_visits"] = grow_visits(database.engine, services.context.clock.today())
    results.update(drop_in_measures(services, referent))
    # Last: the export's own dataset doubles the contacts up to a million (benchmarks/exports.py).
    results["export_contacts"] = grow_contacts(database.engine, EXPORT_CONTACTS)
    whole_service_profile(database.engine)
    with tempfile.TemporaryDirectory(prefix="caseworker-bench-export-") as directory:
        results.update(export_measures(services, Path(directory)))
    database.dispose()
    results["cold_start"] = _cold_start(paths)
    return results


def busiest_referent(engine) -> int:  # type: ignore[no-untyped-def]
    """The demo's social worker on the most households' teams today."""
    from sqlalchemy import text

    with engine.connect() as connection:
        return int(
            connection.execute(
                text(
                    "SELECT m.staff_member_id FROM team_membership m JOIN staff_member s ON s.id = m.staff_member_id "
                    "JOIN staff_role r ON r.id = s.role_id WHERE m.end_date IS NULL AND r.code = 'travailleur_social' "
                    "GROUP BY m.staff_member_id ORDER BY count(*) DESC, m.staff_member_id LIMIT 1"
                )
            ).scalar_one()
        )


def _cold_start(paths) -> dict[str, object]:  # type: ignore[no-untyped-def]
    samples = []
    for attempt in range(6):
        probe = paths.data_dir / f"probe-{attempt}.txt"
        environment = dict(os.environ, CASEWORKER_STARTUP_PROBE=str(probe), QT_QPA_PLATFORM="offscreen")
        start = time.time()
        subprocess.run(
            [sys.executable, "-m", "caseworker", "--data-dir", str(paths.data_dir)],
            env=environment,
            check=True,
            timeout=120,
            capture_output=True,
        )
        shown = float(probe.read_text(encoding="utf-8"))
        if attempt:  # the first run warms the OS file cache, as a laptop that has run the app before
            samples.append(shown - start)
    return stats(samples)


def print_report(results: dict[str, object]) -> None:
    print()
    if "machine" in results:
        print(f"Machine: {results['machine']}")
    print(f"{'measure':32} {'median':>10} {'p95':>10} {'target':>10}")
    for name in (
        "db_open_connection",
        "db_open_full",
        "search_keystroke",
        "household_file_open",
        "household_file_service_only",
        "list_load",
        "my_households",
        "my_households_panel",
        "timeline_render",
        "contact_save",
        "contract_pdf",
        "contracts_100",
        "liaison_sheet",
        "alert_inbox_filter",
        "alert_inbox_panel",
        "alert_save",
        "referent_search",
        "referent_file_open",
        "referent_contact_save",
        "board_service",
        "board_meeting_mode",
        "board_every_row",
        "board_whole_contacts_panel",
        "board_referent",
        "board_page",
        "drop_in_day_counts",
        "drop_in_month_counts",
        "drop_in_record_visit",
        "drop_in_day",
        "drop_in_referent_day",
        "export_preview",
        "export_xlsx",
        "export_avdl_xlsx",
        "cold_start",
    ):
        if name not in results:
            continue
        figures = results[name]
        assert isinstance(figures, dict)
        target = TARGETS_MS.get(name)
        print(
            f"{name:32} {figures['median_ms']:>8.1f}ms {figures['p95_ms']:>8.1f}ms "
            f"{(f'{target:.0f}ms' if target else ''):>10}"
        )
    if "demo_generation" in results:
        print(f"demo generation: {results['demo_generation']}")
    if "alert_inbox_rows" in results:
        print(f"alerts: {results['alerts_total']} in the database; rows per filter: {results['alert_inbox_rows']}")
        print(f"inbox median per filter (ms): {results['alert_inbox_median_ms']}")
    server = results.get("postgresql")
    if isinstance(server, dict):
        print("\nPostgreSQL over TLS on loopback, as a member login:")
        print_report(server)
        for key, title in (("workers", "paced"), ("workers_flat_out", "back to back")):
            workers = server.get(key)
            if isinstance(workers, dict):
                print(f"concurrent saves, {title}: {json.dumps(workers)}")
    for key in ("scale_local", "postgresql"):
        holder = results if key == "scale_local" else server
        series = holder.get("scale" if key == "postgresql" else key) if isinstance(holder, dict) else None
        if isinstance(series, dict):
            print(f"\nthe household list by size ({'local store' if key == 'scale_local' else 'PostgreSQL'}):")
            for size, figures in series.items():
                start, keystroke = figures["list_start"], figures["search_keystroke"]
                print(
                    f"  {size:>7}: start {start['median_ms']:.1f} ms (p95 {start['p95_ms']:.1f}), keystroke "
                    f"{keystroke['median_ms']:.1f} ms (p95 {keystroke['p95_ms']:.1f}), every row loaded "
                    f"{figures['list_load_all']['median_ms']:.0f} ms"
                )


if __name__ == "__main__":
    sys.exit(main())
