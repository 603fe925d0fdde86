"""The board of the morning debrief (docs/domain.md §11.1): the service and the real page, on both backends.

Targets at 10,000 households and about 500,000 contacts: the whole board (seven panels, each with its counts and
its most urgent rows) ≤ 150 ms median at the service, ≤ 250 ms in the real page (service call, seven tables
filled, titles set). Also measured: every row of every panel, and one panel read whole (« Tout afficher »).
Measured for the team lead (who sees every household: the board at its fullest), in meeting mode, and for a
referent (their households only).

``make bench`` runs :func:`board_measures` with the other measures. Alone, ``python -m benchmarks.board`` builds a
local demo store (``BENCH_HOUSEHOLDS``, 10,000 by default) and, unless ``BENCH_PARTS`` leaves ``postgres`` out, the
same demo on a throwaway PostgreSQL server, and prints the figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.measures import ensure_application, run_parts, stats, timed

TARGETS_MS = {"board_service": 150.0, "board_page": 250.0}
REPEAT = 20


def board_measures(services: Any, referent: Any | None = None) -> dict[str, object]:
    """The board read by ``services`` (a team lead), in meeting mode, by ``referent``, and shown in the page."""
    from caseworker.services.board import PanelKind
    from caseworker.ui.board.board_page import BoardPage

    board = services.board.board()
    results: dict[str, object] = {
        "board_rows": {panel.kind.value: panel.count for panel in board.panels},
        "board_service": stats(timed(services.board.board, REPEAT)),
        "board_meeting_mode": stats(timed(lambda: services.board.board(meeting_mode=True, initials=True), REPEAT // 2)),
        # Every row of every panel (not what the page asks for): what the first rows per panel save.
        "board_every_row": stats(timed(lambda: services.board.board(rows_per_panel=None), REPEAT // 2)),
        # « Tout afficher » on the largest panel.
        "board_whole_contacts_panel": stats(timed(lambda: services.board.panel(PanelKind.CONTACTS), REPEAT // 2)),
    }
    if referent is not None:
        mine = referent.board.board()
        results["board_referent_rows"] = {panel.kind.value: panel.count for panel in mine.panels}
        results["board_referent"] = stats(timed(referent.board.board, REPEAT))
    app: Any = ensure_application()
    page = BoardPage(services.board)
    page.resize(1166, 700)  # a 1366-pixel screen less the navigation
    page.show()
    app.processEvents()

    def reload() -> None:
        page.reload()
        app.processEvents()  # painted, as the person sees it

    reload()
    assert page.models[PanelKind.ALERTS].rowCount() == len(board.panel(PanelKind.ALERTS).rows)
    results["board_page"] = stats(timed(reload, REPEAT // 2))
    page.close()
    page.deleteLater()
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
    print(f"local: {report.households} households, {report.contacts} contacts in {report.seconds:.1f} s", flush=True)
    referent = build_services(database.engine)
    referent.context.actor.staff_member_id = busiest_referent(database.engine)
    try:
        return {"contacts": report.contacts, **board_measures(services, referent)}
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
        print(f"postgresql: {report.households} households written in {report.seconds:.1f} s", flush=True)
        _analyze(server)
        referent = _referent(server)
        results = board_measures(_as_the_window_calls(camille), referent)
        camille.context.engine.dispose()
        referent.context.engine.dispose()
        return results
    finally:
        server.cluster.stop()


def main() -> int:
    """Measure the board alone on a fresh demo (local, then PostgreSQL), and print the figures as JSON."""
    return run_parts("caseworker-bench-board-", _local, _postgres, TARGETS_MS)


if __name__ == "__main__":
    raise SystemExit(main())
