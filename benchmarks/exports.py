"""The funders' export at 10,000 households and a million contacts (issue 15): computed, protected, written.

Run alone: ``python -m benchmarks.exports`` (``BENCH_PARTS=local`` or ``postgres`` for one backend). The demo of
10,000 households holds about 480,000 contacts over eight years; its contacts are doubled (each copied three hours
later, on the same households) until the store holds a million, so that a year counts twice the demo's activity.
Measured (median of a few runs, the cyclic collector paused as the window's worker runs it):

* ``export_preview``: a whole-service profile (every measure) over the last full year — every indicator computed
  and protected (the linear-programming audit included);
* ``export_xlsx``: the same, written to an XLSX file and logged (target ≤ 3 s);
* ``export_avdl_xlsx``: the DDETS – AVDL profile (a twentieth of the households), for contrast.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.measures import run_parts, stats, timed

CONTACTS = int(os.environ.get("BENCH_CONTACTS", "1000000"))
TARGETS_MS = {"export_xlsx": 3000.0}
WHOLE_SERVICE = "bench_tout_le_service"


def _last_year() -> tuple[date, date]:
    year = date.today().year - 1
    return date(year, 1, 1), date(year, 12, 31)


def grow_contacts(engine: Any, target: int) -> int:
    """Copy contacts three hours later until the store holds ``target``; return how many there are."""
    from sqlalchemy import func, select, text

    from caseworker.models import Contact

    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # the copy is long (the last-contact triggers run per row)
            connection.execute(text("SET LOCAL statement_timeout = 0"))
        count = connection.scalar(select(func.count()).select_from(Contact)) or 0
        copied = 0  # the last id copied: each original once, in order, a hundred thousand at a time
        later = (
            "datetime(occurred_at, '+3 hours')"
            if connection.dialect.name == "sqlite"
            else ("occurred_at + interval '3 hours'")
        )
        while count < target:
            missing = min(target - count, 100_000)
            last = connection.scalar(
                text(f"SELECT max(id) FROM (SELECT id FROM contact WHERE id > {copied} ORDER BY id LIMIT {missing}) t")
            )
            connection.execute(
                text(
                    "INSERT INTO contact (household_id, occurred_at, duration_minutes, type_id, outcome_id, off_hours, "
                    "after_care, has_note, note_class, author_id, created_at) "
                    f"SELECT household_id, {later}, duration_minutes, type_id, outcome_id, off_hours, after_care, "
                    f"false, note_class, author_id, created_at FROM contact WHERE id > {copied} AND id <= {last}"
                )
            )
            copied = int(last)
            count = connection.scalar(select(func.count()).select_from(Contact)) or 0
    return int(count)


def whole_service_profile(engine: Any) -> None:
    """A profile of every measure (the benchmark's: the seeded ones are a funder's measures each)."""
    from sqlalchemy import insert, select

    from caseworker.models import FunderProfile, Measure

    with engine.begin() as connection:
        if connection.scalar(select(FunderProfile.id).where(FunderProfile.code == WHOLE_SERVICE)) is not None:
            return
        codes = " ".join(connection.scalars(select(Measure.code).order_by(Measure.code)))
        connection.execute(
            insert(FunderProfile).values(
                code=WHOLE_SERVICE,
                label="Tout le service (mesure)",
                measure_codes=codes,
                indicator_keys="",
                threshold=5,
                sort_order=99,
                active=True,
                row_version=1,
            )
        )


def export_measures(services: Any, directory: Path, repeat: int = 3) -> dict[str, object]:
    """Preview and XLSX of the whole service, XLSX of the AVDL profile; medians in milliseconds."""
    from caseworker.collection import collection_paused
    from caseworker.services.exports import ExportFormat, ExportRequest

    start, end = _last_year()
    whole = ExportRequest(WHOLE_SERVICE, start, end)
    avdl = ExportRequest("ddets_avdl", start, end)
    results: dict[str, object] = {}
    with collection_paused():
        report = services.exports.preview(whole)
        results["hidden"] = {"primary": report.primary_hidden, "secondary": report.secondary_hidden}
        results["tables"] = len(report.tables)
        results["export_preview"] = stats(timed(lambda: services.exports.preview(whole), repeat))
        results["export_xlsx"] = stats(
            timed(lambda: services.exports.export(whole, ExportFormat.XLSX, directory / "tout.xlsx"), repeat)
        )
        results["export_avdl_xlsx"] = stats(
            timed(lambda: services.exports.export(avdl, ExportFormat.XLSX, directory / "avdl.xlsx"), repeat)
        )
    return results


def _local(root: Path, households: int) -> dict[str, object]:
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
    actor = services.context.actor.staff_member_id
    report = generate_demo(database.engine, households=households, actor_staff_id=actor)
    contacts = grow_contacts(database.engine, CONTACTS)
    whole_service_profile(database.engine)
    print(f"local: {report.households} households, {contacts} contacts", flush=True)
    try:
        return {"contacts": contacts, **export_measures(services, root)}
    finally:
        database.dispose()


def _postgres(households: int) -> dict[str, object]:
    from benchmarks.postgres import _analyze, _as_the_window_calls, start_server
    from caseworker.demo.generator import generate_demo

    server = start_server()
    try:
        camille = server.services_as("camille.mesure")
        with server.access.open_engine() as engine:
            generate_demo(engine, households=households, actor_staff_id=camille.context.actor.staff_member_id)
            contacts = grow_contacts(engine, CONTACTS)
            whole_service_profile(engine)
        _analyze(server)
        print(f"postgresql: {households} households, {contacts} contacts", flush=True)
        with tempfile.TemporaryDirectory(prefix="caseworker-bench-exports-") as directory:
            results = {"contacts": contacts, **export_measures(_as_the_window_calls(camille), Path(directory))}
        camille.context.engine.dispose()
        return results
    finally:
        server.cluster.stop()


def main() -> int:
    """Measure the export on a fresh demo (local, then PostgreSQL), and print the figures as JSON."""
    return run_parts("caseworker-bench-exports-", _local, _postgres, TARGETS_MS)


if __name__ == "__main__":
    raise SystemExit(main())
