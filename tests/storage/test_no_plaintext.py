"""Canary: personal data never reaches the disk in the clear.

A distinctive name and note are written through the services (and pushed through failing calls, a database
integrity error and the crash logger); then every file the application could have touched (the data
directory with database, -wal, -shm, key file and backups; the temporary directory; every XDG directory and
the log directory) is scanned for the canary, in UTF-8 and UTF-16, in any letter case.
"""

from __future__ import annotations

import logging
import logging.handlers
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy.exc
from sqlalchemy import text

from caseworker.logging_setup import LOG_FILE_NAME, configure_logging, log_uncaught_exception
from caseworker.paths import DataPaths, default_data_dir, log_dir
from caseworker.services import build_services
from caseworker.services.contracts import DraftRequest, ObjectiveLine
from caseworker.services.directory import OrganisationInput
from caseworker.services.errors import ValidationError
from caseworker.services.households import HouseholdInput, OccupancyChangeInput, PersonInput
from caseworker.services.setup import FirstRunInput
from caseworker.storage.database import NewKeyMaterial, check_database, create_database, unlock_and_open
from caseworker.storage.engine import PLAINTEXT_SQLITE_HEADER
from caseworker.storage.secret_store import KeyringSecretStore
from tests.support import FixedClock, pdf_text
from tests.support.row_versions import current_version

CANARY = "Zyxwvuqa-Canari-7731"
TODAY = date(2026, 6, 15)
# Case-insensitive needles: the name is also stored upper-cased (display) and folded (search column).
NEEDLES = (
    CANARY.lower().encode("utf-8"),
    CANARY.lower().encode("utf-16-le"),
    b"zyxwvuqa",
    "zyxwvuqa".encode("utf-16-le"),
)


def files_containing_the_canary(roots: list[Path]) -> tuple[list[Path], list[Path]]:
    """Return (files scanned, files where a needle occurs)."""
    scanned: list[Path] = []
    found: list[Path] = []
    for root in roots:
        candidates = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in candidates:
            if not path.is_file() or path.is_symlink():
                continue
            data = path.read_bytes().lower()
            scanned.append(path)
            if any(needle in data for needle in NEEDLES):
                found.append(path)
    return scanned, found


def new_temporary_entries(before: set[str]) -> list[Path]:
    """Entries created in the process-wide temporary directory by Python or SQLite during the test."""
    directory = Path(tempfile.gettempdir())
    return [
        directory / name
        for name in {entry.name for entry in directory.iterdir()} - before
        if name.startswith(("tmp", "etilqs", "sqlite", "caseworker"))
    ]


@pytest.fixture
def file_logging() -> Iterator[Path]:
    """The application's own logging setup (rotating file in the XDG state directory), undone afterwards."""
    root = logging.getLogger()
    saved_level = root.level
    saved_handlers = list(root.handlers)
    saved_levels = {name: logging.getLogger(name).level for name in ("sqlalchemy", "alembic")}
    directory = configure_logging(verbose=True)
    yield directory
    for handler in list(root.handlers):
        if handler not in saved_handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(saved_level)
    for name, level in saved_levels.items():
        logging.getLogger(name).setLevel(level)


def test_scanner_finds_a_plaintext_canary(tmp_path: Path) -> None:
    """The scan itself works (else the real test would pass for nothing)."""
    (tmp_path / "a.txt").write_text(f"x {CANARY.upper()} y", encoding="utf-8")
    (tmp_path / "b.txt").write_text(CANARY, encoding="utf-16-le")
    (tmp_path / "c.txt").write_text("rien", encoding="utf-8")
    scanned, found = files_containing_the_canary([tmp_path])
    assert len(scanned) == 3
    assert found == [tmp_path / "a.txt", tmp_path / "b.txt"]


def test_canary_never_reaches_the_disk_in_the_clear(
    isolated_environment: Path, file_logging: Path, tmp_path: Path
) -> None:
    home = isolated_environment
    assert file_logging == log_dir()
    assert home in log_dir().parents
    temporary_before = {entry.name for entry in Path(tempfile.gettempdir()).iterdir()}
    paths = DataPaths(default_data_dir())
    assert home in paths.data_dir.parents
    secret_store = KeyringSecretStore()
    database = create_database(paths, NewKeyMaterial.for_keyring(), secret_store)
    services = build_services(database.engine, FixedClock(TODAY))
    services.setup.complete_first_run(
        FirstRunInput(
            organisation=OrganisationInput(name="Association Le Toit", kind_code="association", territory="Rennes"),
            first_name="Claire",
            last_name="Martin",
            role_code="travailleur_social",
        )
    )
    household = services.households.create_household(
        HouseholdInput(), PersonInput(first_name="Aïcha", last_name=CANARY)
    )
    services.occupancy.change_occupancy(
        household.id,
        OccupancyChangeInput(
            status_code="heberge_tiers",
            start_date=TODAY,
            reason_code="situation_initiale",
            note=f"Hébergée chez {CANARY}, à revoir.",
        ),
    )
    # The data really is in the database.
    assert [item.display_name for item in services.households.search("zyxwvuqa")] == [f"{CANARY.upper()} Aïcha"]
    assert services.occupancy.timeline(household.id)[0].note == f"Hébergée chez {CANARY}, à revoir."
    # A contract naming the person, sent for signature: its PDF is rendered in memory and frozen in the database.
    contract = services.contracts.draft(DraftRequest("engagement_minimal", household.id))
    content = contract.latest.content()
    clauses = tuple(
        replace(clause, body="Le ménage et l'association restent en lien.") if clause.code == "objet" else clause
        for clause in content.clauses
    )
    objective = ObjectiveLine(f"Rester en lien avec {CANARY}", theme_code="lien_social")
    content = replace(content, clauses=clauses, objectives=(objective,))
    services.contracts.update_draft(
        contract.latest.id,
        content,
        expected_version=current_version(services.contracts, "update_draft", contract.latest.id),
    )
    services.contracts.send_for_signature(
        contract.latest.id,
        expected_version=current_version(services.contracts, "send_for_signature", contract.latest.id),
    )
    frozen = services.contracts.version_pdf(contract.latest.id)
    assert frozen.frozen and CANARY in pdf_text(frozen.content)

    log = logging.getLogger("caseworker.tests.canary")
    # A refused input carrying the canary, handled the way the application reports errors.
    with pytest.raises(ValidationError) as refused:
        services.households.create_household(HouseholdInput(), PersonInput(last_name=CANARY * 6))
    assert "zyxwvuqa" not in refused.value.user_message.lower()
    log_uncaught_exception(type(refused.value), refused.value, refused.value.__traceback__)
    with pytest.raises(ValidationError) as unknown_code:
        services.households.create_household(HouseholdInput(), PersonInput(last_name="Dupont"), role_code=CANARY)
    log_uncaught_exception(type(unknown_code.value), unknown_code.value, unknown_code.value.__traceback__)
    # A database integrity error whose parameters carry the canary.
    with pytest.raises(sqlalchemy.exc.IntegrityError) as integrity, database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO occupancy_status (code, label, sort_order, active, is_housed) "
                "VALUES ('sans_abri', :label, 0, 1, 0)"
            ),
            {"label": CANARY},
        )
    assert "zyxwvuqa" not in str(integrity.value).lower()
    log.exception("integrity error while saving", exc_info=integrity.value)
    log_uncaught_exception(type(integrity.value), integrity.value, integrity.value.__traceback__)
    # A bug whose message quotes the canary goes through the crash logger, which scrubs messages.
    try:
        raise RuntimeError(f"unexpected state for {CANARY}")
    except RuntimeError as bug:
        log_uncaught_exception(type(bug), bug, bug.__traceback__)
    database.backup()
    report = check_database(database)
    assert report.ok, report.problems

    roots = [home, tmp_path, log_dir(), *new_temporary_entries(temporary_before)]
    # While the database is open: the -wal and -shm files exist and must be encrypted too.
    assert paths.db_file.with_name("caseworker.db-wal").exists()
    scanned, found = files_containing_the_canary(roots)
    assert found == []
    assert paths.db_file.with_name("caseworker.db-wal") in scanned

    database.dispose()
    # Reopen and close once more (unlock path, settle, checkpoint), then scan everything again.
    unlock_and_open(paths, secret_store).dispose()
    logging.getLogger().handlers[-1].flush()
    scanned, found = files_containing_the_canary([home, tmp_path, log_dir(), *new_temporary_entries(temporary_before)])
    assert found == []

    backups = sorted(paths.backups_dir.glob("caseworker-*.db"))
    log_file = log_dir() / LOG_FILE_NAME
    assert {paths.db_file, paths.key_info_file, log_file, *backups} <= set(scanned)
    assert backups
    assert "backup written (manuelle)" in log_file.read_text(encoding="utf-8")
    assert "uncaught RuntimeError" in log_file.read_text(encoding="utf-8")
    for encrypted in (paths.db_file, *backups):
        assert not encrypted.read_bytes().startswith(PLAINTEXT_SQLITE_HEADER)
