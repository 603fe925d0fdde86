"""Screenshots of after-care, reactivation, the landlord's after-sales line and the encounters section (issue 16).

Usage: QT_QPA_PLATFORM=offscreen python scripts/aftercare_screenshots.py docs/screenshots
On a 1366×768 and a 1024×768 screen, in a temporary directory with an in-memory keyring, as the other scripts: the
demo of 400 households; one of them leaves into droits de suite, its landlord calls, and the drop-in's morning.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import keyring

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from screenshots import _MemoryKeyring, _new_store, _offscreen_screen  # the helpers of the main script

SIZES = ((1366, 768), (1024, 768))


def main(target: Path, size: tuple[int, int] | None = None) -> int:
    """Take each screen size in a process of its own (the offscreen screen's size is set when Qt starts)."""
    if size is None:
        for width, height in SIZES:
            subprocess.run([sys.executable, __file__, str(target), f"{width}x{height}"], check=True)
        return 0
    keyring.set_keyring(_MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="caseworker-aftercare-shots-") as temporary:
        for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(Path(temporary) / variable.lower())
        os.environ["QT_QPA_PLATFORM"] = _offscreen_screen(Path(temporary), size)
        return _shoot(Path(temporary) / "data", target / f"{size[0]}x{size[1]}", size)


def _story(services):  # type: ignore[no-untyped-def]
    """A running household of the demo leaves into droits de suite; four months on its landlord calls."""
    from caseworker.domain import AlertChannel, ObjectivesMet
    from caseworker.domain.aftercare import AfterCareKind
    from caseworker.services.alerts import AlertInput
    from caseworker.services.support import AfterCareInput, ExitInput

    today = date.today()
    me = services.context.actor.staff_member_id
    for row in services.my_households.for_staff(me):
        running = [episode for episode in services.episodes.episodes_for(row.household_id) if episode.is_running]
        occupancy = services.households.open_file(row.household_id, record_view=False).current_occupancy
        if not running or occupancy is None or occupancy.dwelling is None:
            continue
        landlord_id = occupancy.dwelling.landlord_id
        landlords = {item.id for item in services.directory.list_organisations() if item.is_landlord}
        if landlord_id not in landlords:
            continue
        episode = running[0]
        exit_day = today - timedelta(days=120)
        steps = [item.effective_date for item in episode.transitions] + [item.start_date for item in episode.intensity]
        steps += [item.start_date for item in episode.suspensions]
        if episode.start_date is None or max(steps) >= exit_day:
            continue
        services.episodes.close(
            episode.id,
            ExitInput(
                exit_day,
                "logement_autonome",
                ObjectivesMet.OUI,
                handover_services="MDS, CCAS",
                handover_contact_name="Mme Leroy",
                handover_date=exit_day,
                after_care=AfterCareInput(AfterCareKind.DROITS_DE_SUITE, "fondation", me, 12, 6),
            ),
            expected_version=episode.row_version,
        )
        services.alerts.create(
            AlertInput(
                "impaye",
                row.household_id,
                landlord_id,
                datetime.now().astimezone() - timedelta(hours=1),
                AlertChannel.TELEPHONE,
                description="Deux mois de loyer impayés.",
                amount=Decimal("825.00"),
            )
        )
        return row.household_id, episode.id
    raise SystemExit("no running household with a landlord in the demo")


def _shoot(data_dir: Path, target: Path, size: tuple[int, int]) -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    from caseworker.app import Application, create_qt_application
    from caseworker.demo.generator import generate_demo
    from caseworker.ui.households.aftercare_dialogs import ReactivateDialog
    from caseworker.ui.households.episode_dialogs import CloseDialog

    app = create_qt_application(sys.argv[:1])
    target.mkdir(parents=True, exist_ok=True)
    paths, store, database, services = _new_store(data_dir)
    generate_demo(database.engine, households=400, actor_staff_id=services.context.actor.staff_member_id)
    household_id, episode_id = _story(services)
    database.dispose()

    application = Application(paths, store)
    assert application.start()
    window = application.window
    assert window is not None
    window.resize(*size)
    window.show()

    def save(widget: QWidget, name: str) -> None:
        for _ in range(3):
            QApplication.processEvents()
        widget.grab().save(str(target / f"{name}.png"))
        print(f"{target / name}.png")

    live = application.services
    window.open_household(household_id)
    panel = window.households.file_panel
    panel.show_tab(panel.support_tab)
    save(window, "apres-accompagnement-dossier")
    running = next((e for e in live.episodes.episodes_for(household_id) if e.is_running), None)
    if running is not None:
        dialog = CloseDialog(panel.episodes_panel._deps, running, parent=window)
        dialog.after_care_box.setChecked(True)
        dialog.show()
        save(dialog, "sortie-avec-suivi")
        dialog.reject()
    window.show_widget(window.alerts)
    window.alerts.reload()
    inbox = window.alerts
    inbox.table.selectRow(
        next(row for row in range(inbox.model.rowCount()) if inbox.model.record(row).household_id == household_id)
    )
    save(window, "alerte-menage-sorti")
    reactivate = ReactivateDialog(
        live.reactivation, live.reactivation.proposal(episode_id), live.context.clock.today, window
    )
    reactivate.show()
    save(reactivate, "reactiver")
    reactivate.reject()
    window.show_widget(window.encounters)
    for index, name in enumerate(("accueil-permanence", "accueil-maraude", "accueil-ateliers")):
        window.encounters.setCurrentIndex(index)
        save(window, name)
    window.close()
    application.shutdown()
    del app
    return 0


if __name__ == "__main__":
    size = tuple(int(part) for part in sys.argv[2].split("x")) if len(sys.argv) > 2 else None
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"), size))  # type: ignore[arg-type]
