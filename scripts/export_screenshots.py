"""Screenshots of the Exports section and of the housing tab's proposals log, on a 1366×768 and a 1024×768 screen.

Usage: QT_QPA_PLATFORM=offscreen python scripts/export_screenshots.py docs/screenshots
Everything happens in a temporary directory with an in-memory keyring, as in ``scripts/screenshots.py`` (whose
helpers it uses): the demo of 400 households, the team lead logged in.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date
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
    with tempfile.TemporaryDirectory(prefix="caseworker-export-shots-") as temporary:
        for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(Path(temporary) / variable.lower())
        os.environ["QT_QPA_PLATFORM"] = _offscreen_screen(Path(temporary), size)
        return _shoot(Path(temporary) / "data", target / f"{size[0]}x{size[1]}", size)


def _shoot(data_dir: Path, target: Path, size: tuple[int, int]) -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    from caseworker.app import Application, create_qt_application
    from caseworker.demo.generator import generate_demo
    from caseworker.services.directory import StaffInput

    app = create_qt_application(sys.argv[:1])
    target.mkdir(parents=True, exist_ok=True)
    paths, store, database, services = _new_store(data_dir)
    generate_demo(database.engine, households=400, actor_staff_id=services.context.actor.staff_member_id)
    claire = services.directory.get_staff(services.context.actor.staff_member_id)
    services.directory.update_staff(
        claire.id,
        StaffInput(claire.first_name, claire.last_name, "chef_service", organisation_id=claire.organisation_id),
    )
    with_offers = sorted({row[0] for row in _offer_households(database.engine)})
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

    page = window.exports
    window.show_widget(page)
    page.profile_combo.setCurrentIndex(page.profile_combo.findData("dihal_logement_dabord"))
    today = date.today()
    page.start_field.set_date(date(today.year - 1, 1, 1))
    page.end_field.set_date(date(today.year - 1, 12, 31))
    page.preview()
    save(window, "exports-apercu")
    titles = [page.sections.item(row).text() for row in range(page.sections.count())]
    page.sections.setCurrentRow(titles.index("Sorties par motif"))
    save(window, "exports-sorties")
    page.sections.setCurrentRow(titles.index("Coûts évités"))
    save(window, "exports-couts-evites")
    page.persons_radio.setChecked(True)
    page.sections.setCurrentRow(titles.index("Taux"))
    save(window, "exports-taux-personnes")
    _dialogs(window, application, save)
    if with_offers:
        window.open_household(with_offers[0])
        panel = window.households.file_panel
        panel.show_tab(panel.housing_tab)
        save(window, "logement-propositions")
    window.close()
    application.shutdown()
    del app
    return 0


def _dialogs(window, application, save) -> None:  # type: ignore[no-untyped-def]
    """The funder's profile (funder, budget, worksheet), its worksheet, and a measure's funding lines."""
    from caseworker.ui.exports.cost_sheet_dialog import CostSheetDialog
    from caseworker.ui.exports.profile_dialog import ProfileDialog
    from caseworker.ui.households.funding_dialog import FundingDialog

    services = application.services
    profile = next(p for p in services.export_profiles.profiles() if p.code == "dihal_logement_dabord")
    dialog = ProfileDialog(services.export_profiles, profile, parent=window)
    dialog.show()
    save(dialog, "exports-profil")
    dialog.reject()
    sheet = CostSheetDialog(profile.avoided_costs, services.export_profiles.quantity_choices(), parent=window)
    sheet.show()
    save(sheet, "exports-couts-evites-saisie")
    sheet.reject()
    avdl = services.measures.measure_by_code("avdl")
    funding = FundingDialog(
        services.funding, services.funding.measure_funding(avdl.id), lambda shares: None, parent=window
    )
    funding.show()
    save(funding, "dispositif-financement")
    funding.reject()


def _offer_households(engine):  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    with engine.connect() as connection:
        return connection.execute(text("SELECT household_id FROM housing_proposal WHERE answer = 'REFUSED'")).all()


if __name__ == "__main__":
    size = tuple(int(part) for part in sys.argv[2].split("x")) if len(sys.argv) > 2 else None
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"), size))  # type: ignore[arg-type]
