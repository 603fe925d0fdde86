"""Screenshots of the board and of its meeting mode on a 1366×768 screen, in French, on the fictitious demo.

Usage: QT_QPA_PLATFORM=offscreen python scripts/board_screenshots.py docs/screenshots/1366x768
Everything happens in a temporary directory with an in-memory keyring, as in ``scripts/screenshots.py`` (whose
helpers it uses): the demo of 400 households, Hélène Çelik's story, her alerts, contacts, debt and procedure.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import keyring

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from screenshots import (  # the helpers of the main script
    _MemoryKeyring,
    _new_store,
    _offscreen_screen,
    _seed_alerts,
    _seed_contacts_debts_and_procedure,
    _seed_story,
    _seed_support_and_contract,
)

SIZE = (1366, 768)


def main(target: Path) -> int:
    """Take the board as the team lead sees it, and meeting mode with initials."""
    keyring.set_keyring(_MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="caseworker-board-shots-") as temporary:
        for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(Path(temporary) / variable.lower())
        os.environ["QT_QPA_PLATFORM"] = _offscreen_screen(Path(temporary), SIZE)
        return _shoot(Path(temporary) / "data", target)


def _shoot(data_dir: Path, target: Path) -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    from caseworker.app import Application, create_qt_application
    from caseworker.demo.generator import generate_demo
    from caseworker.services.board import PanelKind
    from caseworker.services.directory import StaffInput

    app = create_qt_application(sys.argv[:1])
    target.mkdir(parents=True, exist_ok=True)
    paths, store, database, services = _new_store(data_dir)
    generate_demo(database.engine, households=400, actor_staff_id=services.context.actor.staff_member_id)
    story, landlord, _adult = _seed_story(services)
    contract = _seed_support_and_contract(services, story.id, landlord.id)
    _seed_alerts(services, story.id, landlord.id)
    _seed_contacts_debts_and_procedure(services, story.id, landlord.id, contract.episode_id)
    # The board as the team lead reads it at the morning debrief: every household of the service.
    claire = services.directory.get_staff(services.context.actor.staff_member_id)
    services.directory.update_staff(
        claire.id,
        StaffInput(
            first_name=claire.first_name,
            last_name=claire.last_name,
            role_code="chef_service",
            organisation_id=claire.organisation_id,
        ),
    )
    database.dispose()

    application = Application(paths, store)
    assert application.start()
    window = application.window
    assert window is not None
    window.resize(*SIZE)
    window.show()

    def save(widget: QWidget, name: str) -> None:
        for _ in range(3):  # layout requests post further events (a wrapped label's height, a resize)
            QApplication.processEvents()
        widget.grab().save(str(target / f"{name}.png"))
        print(f"{target / name}.png")

    window.show_widget(window.board)
    save(window, "tableau-de-bord")
    window.board.scroll_area.verticalScrollBar().setValue(window.board.scroll_area.verticalScrollBar().maximum())
    save(window, "tableau-de-bord-bas")
    window.board.scroll_area.verticalScrollBar().setValue(0)
    window.board.open_meeting_mode()
    meeting = window.board.meeting_window
    assert meeting is not None
    meeting.resize(*SIZE)
    save(meeting, "mode-reunion")
    meeting.initials_box.setChecked(True)
    meeting.tabs.setCurrentIndex(list(PanelKind).index(PanelKind.DEADLINES))
    save(meeting, "mode-reunion-initiales")
    meeting.close()
    window.close()
    application.shutdown()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/1366x768")))
