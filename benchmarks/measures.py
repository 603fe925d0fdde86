"""What the benchmarks measure through the services and the real widgets, on any backend.

Shared by the local store (``__main__``) and the team's PostgreSQL server (``postgres``): the same measures, so
the figures compare.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_KEEP_ALIVE: list[object] = []


def stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000, "runs": len(ordered)}


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def run_parts(
    prefix: str,
    local: Callable[[Path, int], dict[str, object]],
    postgres: Callable[[int], dict[str, object]],
    targets: dict[str, float],
) -> int:
    """Run a benchmark of its own (``python -m benchmarks.<name>``) on each backend ``BENCH_PARTS`` names, in a
    temporary home; print the figures as JSON, then each target's verdict."""
    from benchmarks.__main__ import HOUSEHOLDS, PARTS, _keyring_kind

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix=prefix) as temporary:
        root = Path(temporary)
        for variable in ("XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(root / variable.lower())
        _keyring_kind()
        results: dict[str, object] = {"households": HOUSEHOLDS}
        if "local" in PARTS:
            results["local"] = local(root, HOUSEHOLDS)
        if "postgres" in PARTS:
            results["postgresql"] = postgres(HOUSEHOLDS)
    print(json.dumps(results, indent=2, default=str))
    for backend in ("local", "postgresql"):
        found = results.get(backend)
        if not isinstance(found, dict):
            continue
        for name, target in targets.items():
            median = found[name]["median_ms"]
            verdict = "ok" if median <= target else "OVER"
            print(f"{backend:11} {name:15} median {median:7.1f} ms (target {target:.0f}) {verdict}")
    return 0


def ensure_application() -> object:
    """The Qt application of the run, created once (destroyed last, at exit: Qt objects must not outlive it)."""
    from PySide6.QtWidgets import QApplication

    from caseworker.app import create_qt_application

    app = QApplication.instance() or create_qt_application(sys.argv[:1])
    if app not in _KEEP_ALIVE:
        _KEEP_ALIVE.append(app)
    return app


def gui_measures(services) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from caseworker.ui.alerts.alert_panels import AlertInboxPanel
    from caseworker.ui.households.household_file_panel import HouseholdFilePanel
    from caseworker.ui.households.household_list_panel import HouseholdListPanel
    from caseworker.ui.households.my_households_panel import MyHouseholdsPanel
    from caseworker.ui.households.support_timeline import SupportTimeline
    from caseworker.ui.main_window import alerts_deps, household_file_deps, user_session

    app = ensure_application()
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

    opens = [timed(open_one(household_id), 1)[0] for household_id in ids]
    timeline = SupportTimeline()
    timeline.resize(1100, 320)
    timeline.show()
    busiest = busiest_households(services, 20)

    def render(household_id: int) -> Callable[[], None]:
        def action() -> None:
            timeline.set_data(services.timeline.for_household(household_id))
            timeline.repaint()  # paints now, not at the next event loop turn

        return action

    renders = [timed(render(household_id), 1)[0] for household_id in ids[:40] + busiest]
    my_panel = MyHouseholdsPanel(
        services.my_households, services.team, services.households, user_session(services).staff_id
    )
    my_panel.resize(1200, 700)
    my_panel.show()

    def reload_mine() -> None:
        my_panel.reload()
        QApplication.processEvents()

    reload_mine()
    my_reloads = timed(reload_mine, 20)
    service_opens = [timed(lambda hid=hid: services.households.open_file(hid), 1)[0] for hid in ids]
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
            inbox_changes.extend(timed(toggle(control), 1))
    for widget in (panel, file_panel, timeline, my_panel, inbox):
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()
    del app
    return {
        "search_keystroke": stats(keystrokes),
        "household_file_open": stats(opens),
        "household_file_service_only": stats(service_opens),
        "timeline_render": stats(renders),
        "my_households_panel": stats(my_reloads),
        "alert_inbox_panel": stats(inbox_changes),
    }


def busiest_households(services, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    """The households with the most contacts (the heaviest timelines)."""
    from sqlalchemy import text

    with services.context.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT household_id FROM contact GROUP BY household_id ORDER BY count(*) DESC LIMIT :n"),
            {"n": count},
        )
        return [int(row[0]) for row in rows]


def support_measures(services) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """« Mes ménages » and saving a contact, through the services (the GUI ones are in _gui_measures)."""
    from datetime import datetime, timezone

    from caseworker.services.support import ContactInput

    services.my_households.for_staff()
    my_households = timed(services.my_households.for_staff, 30)
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

    saves = [timed(save(household_id), 1)[0] for household_id in targets]
    return {
        "my_households": stats(my_households),
        "my_households_rows": len(rows),
        "contact_save": stats(saves),
    }


def contract_measures(services) -> dict[str, object]:  # type: ignore[no-untyped-def]
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
    renders = [timed(lambda v=view.latest.id: services.contracts.version_pdf(v), 1)[0] for view in drafts]

    def hundred() -> None:
        for household in households:
            view = services.contracts.draft(DraftRequest("contrat_objectifs", household))
            services.contracts.version_pdf(view.latest.id)

    hundred_seconds = timed(hundred, 1)
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
        sheets.append(timed(lambda h=household, r=request: services.liaison_sheets.prepare(h, r), 1)[0])
    results: dict[str, object] = {
        "contract_pdf": stats(renders),
        "contracts_100": stats(hundred_seconds),
        "contracts_100_count": len(households),
    }
    if sheets:
        results["liaison_sheet"] = stats(sheets)
    return results


def alert_measures(services) -> dict[str, object]:  # type: ignore[no-untyped-def]
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
        runs = timed(lambda f=alert_filter: services.alerts.inbox(f), 10)
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
        saves.append(timed(lambda d=data: services.alerts.create(d), 1)[0])
    with services.context.engine.connect() as connection:
        total = connection.execute(text("SELECT count(*) FROM alert")).scalar_one()
    return {
        "alert_inbox_filter": stats(samples),
        "alert_inbox_rows": sizes,
        "alert_inbox_median_ms": medians,
        "alert_save": stats(saves),
        "alerts_total": total,
    }


def referent_measures(referent) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What the household rule costs a referent (docs/domain.md §2): a search, a file opened, a contact saved.

    ``referent``: services acting as a social worker, who sees only the households of their teams.
    """
    from datetime import datetime, timezone

    from caseworker.services.support import ContactInput

    mine = referent.households.list_summaries()
    rng = random.Random(13)
    prefixes = [summary.display_name.split()[0][:3].lower() for summary in rng.choices(mine, k=30)]
    searches = [timed(lambda p=prefix: referent.households.search(p), 1)[0] for prefix in prefixes]
    opened = [timed(lambda h=item.id: referent.households.open_file(h), 1)[0] for item in rng.choices(mine, k=30)]
    moment = datetime.now(timezone.utc).replace(microsecond=0)
    saves = [
        timed(
            lambda h=summary.id: referent.contacts.record_contact(
                h, ContactInput(occurred_at=moment, type_code="visite_domicile", outcome_code="rencontre")
            ),
            1,
        )[0]
        for summary in rng.choices(mine, k=30)
    ]
    return {
        "referent_households": len(mine),
        "referent_search": stats(searches),
        "referent_file_open": stats(opened),
        "referent_contact_save": stats(saves),
    }
