"""Run the benchmarks and print the figures recorded in the README.

Dataset: ``caseworker demo`` with 10,000 households (about 25,000 persons) in a temporary data directory.
Measured, each over repeated runs (median and 95th percentile):

* database open: a keyed connection (key, probe, WAL, foreign keys) and the full open (with the schema check);
* search as you type: keystrokes into the real household search box, from key press to updated table and count;
* household file open: the real file panel, from the request to a populated panel (audit event included);
* cold start: ``caseworker --data-dir D`` in a fresh process until the main window is shown (keyring unlock,
  migrations check, 10,000 rows loaded);
* list load and demo generation, for context.

Run under ``make bench``: it provides a D-Bus session with an unlocked gnome-keyring so the cold start uses the
real Secret Service, as on a laptop. Without one, the cold start falls back to a file-based test keyring and says so.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HOUSEHOLDS = int(os.environ.get("BENCH_HOUSEHOLDS", "10000"))
RESULTS = Path(__file__).parent / "results"
_KEEP_ALIVE: list[object] = []
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
}


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000, "runs": len(ordered)}


def _time(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="caseworker-bench-") as temporary:
        root = Path(temporary)
        for variable in ("XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(root / variable.lower())
        results = run(root)
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

    keyring_used = _keyring_kind()
    results: dict[str, object] = {
        "machine": {
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "keyring": keyring_used,
        },
        "households": HOUSEHOLDS,
    }
    paths = DataPaths(root / "data")
    material = NewKeyMaterial.for_keyring()
    database = create_database(paths, material, KeyringSecretStore())
    services = build_services(database.engine)
    services.setup.complete_first_run(
        FirstRunInput(
            OrganisationInput("Association de mesure", "association"),
            "Camille",
            "Mesure",
            "travailleur_social",
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
    results["db_open_connection"] = _stats(_time(connect_once, 50))

    def open_full() -> None:
        open_database(paths, material.key, info).dispose()

    results["db_open_full"] = _stats(_time(open_full, 20))
    database = open_database(paths, material.key, info)
    services = build_services(database.engine)
    results["list_load"] = _stats(_time(services.households.list_summaries, 5))
    results.update(_support_measures(services))
    results.update(_contract_measures(services))
    results.update(_alert_measures(services))
    results.update(_gui_measures(services))
    database.dispose()
    results["cold_start"] = _cold_start(paths)
    return results


def _gui_measures(services) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from caseworker.app import create_qt_application
    from caseworker.ui.alerts.alert_panels import AlertInboxPanel
    from caseworker.ui.households.household_file_panel import HouseholdFilePanel
    from caseworker.ui.households.household_list_panel import HouseholdListPanel
    from caseworker.ui.households.my_households_panel import MyHouseholdsPanel
    from caseworker.ui.households.support_timeline import SupportTimeline
    from caseworker.ui.main_window import alerts_deps, household_file_deps, user_session

    app = create_qt_application(sys.argv[:1])
    panel = HouseholdListPanel(services.households, services.reference, services.context.clock.today)
    panel.resize(1200, 700)
    panel.show()
    panel.reload()
    QApplication.processEvents()
    rng = random.Random(7)
    summaries = services.households.list_summaries()
    names = [summary.display_name for summary in rng.sample(summaries, 40)]
    keystrokes: list[float] = []
    for name in names:
        query = name.split()[0][:6].lower()
        panel.search_edit.clear()
        QApplication.processEvents()
        for character in query:
            start = time.perf_counter()
            QTest.keyClick(panel.search_edit, character)
            QApplication.processEvents()
            keystrokes.append(time.perf_counter() - start)
    QTest.keyClick(panel.search_edit, Qt.Key.Key_Backspace)
    file_panel = HouseholdFilePanel(household_file_deps(services, user_session(services)))
    file_panel.resize(1200, 700)
    file_panel.show()
    ids = [summary.id for summary in rng.sample(summaries, 60)]

    def open_one(household_id: int) -> Callable[[], None]:
        def action() -> None:
            file_panel.open_household(household_id)
            QApplication.processEvents()

        return action

    opens = [_time(open_one(household_id), 1)[0] for household_id in ids]
    timeline = SupportTimeline()
    timeline.resize(1100, 320)
    timeline.show()
    busiest = _busiest_households(services, 20)

    def render(household_id: int) -> Callable[[], None]:
        def action() -> None:
            timeline.set_data(services.timeline.for_household(household_id))
            timeline.repaint()  # paints now, not at the next event loop turn

        return action

    renders = [_time(render(household_id), 1)[0] for household_id in ids[:40] + busiest]
    my_panel = MyHouseholdsPanel(
        services.my_households, services.team, services.households, user_session(services).staff_id
    )
    my_panel.resize(1200, 700)
    my_panel.show()

    def reload_mine() -> None:
        my_panel.reload()
        QApplication.processEvents()

    reload_mine()
    my_reloads = _time(reload_mine, 20)
    service_opens = [_time(lambda hid=hid: services.households.open_file(hid), 1)[0] for hid in ids]
    inbox = AlertInboxPanel(alerts_deps(services))
    inbox.resize(1200, 800)
    inbox.show()
    inbox.reload()
    QApplication.processEvents()

    def toggle(control: Callable[[], None]) -> Callable[[], None]:
        def action() -> None:
            control()
            QApplication.processEvents()

        return action

    inbox_changes: list[float] = []
    for _ in range(5):
        for control in (
            inbox.overdue_box.toggle,
            lambda: inbox.status_combo.setCurrentIndex(2),  # any status
            lambda: inbox.type_combo.setCurrentIndex(1),
            lambda: inbox.type_combo.setCurrentIndex(0),
            lambda: inbox.status_combo.setCurrentIndex(1),  # closed
            lambda: inbox.status_combo.setCurrentIndex(0),
            inbox.overdue_box.toggle,
        ):
            inbox_changes.extend(_time(toggle(control), 1))
    for widget in (panel, file_panel, timeline, my_panel, inbox):
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()
    _KEEP_ALIVE.append(app)  # destroyed last, at exit: Qt objects must not outlive their application
    return {
        "search_keystroke": _stats(keystrokes),
        "household_file_open": _stats(opens),
        "household_file_service_only": _stats(service_opens),
        "timeline_render": _stats(renders),
        "my_households_panel": _stats(my_reloads),
        "alert_inbox_panel": _stats(inbox_changes),
    }


def _busiest_households(services, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    """The households with the most contacts (the heaviest timelines)."""
    from sqlalchemy import text

    with services.context.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT household_id FROM contact GROUP BY household_id ORDER BY count(*) DESC LIMIT :n"),
            {"n": count},
        )
        return [int(row[0]) for row in rows]


def _support_measures(services) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """« Mes ménages » and saving a contact, through the services (the GUI ones are in _gui_measures)."""
    from datetime import datetime, timezone

    from caseworker.services.support import ContactInput

    services.my_households.for_staff()
    my_households = _time(services.my_households.for_staff, 30)
    rows = services.my_households.for_staff()
    rng = random.Random(11)
    summaries = services.households.list_summaries()
    targets = [summary.id for summary in rng.sample(summaries, 100)]
    moment = datetime.now(timezone.utc).replace(microsecond=0)

    def save(household_id: int) -> Callable[[], None]:
        def action() -> None:
            services.contacts.record_contact(
                household_id,
                ContactInput(
                    occurred_at=moment,
                    type_code="visite_domicile",
                    outcome_code="rencontre",
                    duration_minutes=45,
                    topic_codes=("budget_dettes", "vie_quotidienne"),
                    note="Point sur le budget et les factures d'énergie.",
                ),
            )

        return action

    saves = [_time(save(household_id), 1)[0] for household_id in targets]
    return {
        "my_households": _stats(my_households),
        "my_households_rows": len(rows),
        "contact_save": _stats(saves),
    }


def _contract_measures(services) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """One contract PDF (a fresh render of a draft), and 100 contracts drafted, rendered and frozen."""
    from sqlalchemy import text

    from caseworker.services.contracts import DraftRequest
    from caseworker.services.sharing import ConsentInput, FilingReference
    from caseworker.services.sharing.liaison_sheet import LiaisonSheetRequest

    with services.context.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT o.household_id FROM occupancy o JOIN dwelling d ON d.id = o.dwelling_id "
                "WHERE o.end_date IS NULL AND d.landlord_id IS NOT NULL ORDER BY o.household_id LIMIT 100"
            )
        )
        households = [int(row[0]) for row in rows]
    drafts = [services.contracts.draft(DraftRequest("contrat_objectifs", household)) for household in households[:30]]
    services.contracts.version_pdf(drafts[0].latest.id)  # fonts registered, caches warm
    renders = [_time(lambda v=view.latest.id: services.contracts.version_pdf(v), 1)[0] for view in drafts]

    def hundred() -> None:
        for household in households:
            view = services.contracts.draft(DraftRequest("contrat_objectifs", household))
            services.contracts.version_pdf(view.latest.id)

    hundred_seconds = _time(hundred, 1)
    sheets = []
    categories = ("identite", "situation_logement", "loyer_dette", "objectifs_logement")
    for household in households[:30]:
        landlords = [item for item in services.liaison_sheets.options(household).landlords if item.is_current]
        if not landlords:
            continue
        today = services.context.clock.today()
        for member in services.households.open_file(household, record_view=False).members:
            if member.is_adult(today):
                services.consents.record_granted(
                    household,
                    ConsentInput(member.person_id, landlords[0].id, categories, "Fiche navette"),
                    signed_on=today,
                    filing=FilingReference("ged", "Consentements/mesure"),
                )
        request = LiaisonSheetRequest(landlords[0].id, categories)
        sheets.append(_time(lambda h=household, r=request: services.liaison_sheets.prepare(h, r), 1)[0])
    results: dict[str, object] = {
        "contract_pdf": _stats(renders),
        "contracts_100": _stats(hundred_seconds),
        "contracts_100_count": len(households),
    }
    if sheets:
        results["liaison_sheet"] = _stats(sheets)
    return results


def _alert_measures(services) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The inbox under its usual filters, and recording an alert (deadlines computed, audit event written)."""
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import text

    from caseworker.domain import AlertChannel
    from caseworker.services.alerts import AlertFilter, AlertInput

    with services.context.engine.connect() as connection:
        busiest_landlord = connection.execute(
            text("SELECT landlord_id FROM alert GROUP BY landlord_id ORDER BY count(*) DESC LIMIT 1")
        ).scalar_one()
        rows = connection.execute(
            text(
                "SELECT o.household_id, d.landlord_id FROM occupancy o JOIN dwelling d ON d.id = o.dwelling_id "
                "WHERE o.end_date IS NULL AND d.landlord_id IS NOT NULL ORDER BY o.household_id"
            )
        ).all()
    landlords = {organisation.id for organisation in services.directory.list_organisations(landlords_only=True)}
    rows = [row for row in rows if row[1] in landlords]
    filters = {
        "open": AlertFilter(),
        "overdue": AlertFilter(overdue_only=True),
        "type": AlertFilter(type_code="impaye", status=None),
        "landlord": AlertFilter(landlord_id=busiest_landlord, status=None),
        "mine": AlertFilter(mine=True, status=None),
        "all": AlertFilter(status=None),
        "closed": AlertFilter(status="closed"),
        "open_for_landlord": AlertFilter(landlord_id=busiest_landlord),
    }
    samples: list[float] = []
    sizes: dict[str, int] = {}
    medians: dict[str, float] = {}
    for name, alert_filter in filters.items():
        sizes[name] = len(services.alerts.inbox(alert_filter))
        runs = _time(lambda f=alert_filter: services.alerts.inbox(f), 10)
        medians[name] = round(statistics.median(runs) * 1000, 1)
        samples.extend(runs)
    rng = random.Random(5)
    moment = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(hours=1)
    saves = []
    for household_id, landlord_id in rng.sample(rows, min(100, len(rows))):
        data = AlertInput(
            type_code="trouble_voisinage",
            household_id=int(household_id),
            landlord_id=int(landlord_id),
            received_at=moment,
            channel=AlertChannel.TELEPHONE,
            description="Plainte d'un voisin pour du bruit le soir ; le gardien demande un rappel.",
        )
        saves.append(_time(lambda d=data: services.alerts.create(d), 1)[0])
    with services.context.engine.connect() as connection:
        total = connection.execute(text("SELECT count(*) FROM alert")).scalar_one()
    return {
        "alert_inbox_filter": _stats(samples),
        "alert_inbox_rows": sizes,
        "alert_inbox_median_ms": medians,
        "alert_save": _stats(saves),
        "alerts_total": total,
    }


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
    return _stats(samples)


def print_report(results: dict[str, object]) -> None:
    print()
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
    print(f"demo generation: {results['demo_generation']}")
    if "alert_inbox_rows" in results:
        print(f"alerts: {results['alerts_total']} in the database; rows per filter: {results['alert_inbox_rows']}")
        print(f"inbox median per filter (ms): {results['alert_inbox_median_ms']}")


if __name__ == "__main__":
    sys.exit(main())
