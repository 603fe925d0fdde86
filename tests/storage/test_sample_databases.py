"""Every frozen sample database (tests/data/databases/rev_*.db) still upgrades to head and reads back.

The pattern every future migration must pass: a database written by an older version opens, is upgraded after
a backup, and its rows are still there for the current services.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from caseworker.paths import DataPaths
from caseworker.services import build_services
from caseworker.storage.backups import list_backups
from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.database import check_database, open_database
from caseworker.storage.engine import connect_raw
from caseworker.storage.key_info import load_key_info
from caseworker.storage.migrations import head_revision, known_revisions
from caseworker.storage.search_index import search_phrase
from tests.storage.conftest import sha256
from tests.support import FixedClock

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "data" / "databases"
SAMPLES = sorted(SAMPLES_DIR.glob("rev_*.db"))


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES_DIR / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _load_script()


def test_there_is_a_sample_for_the_first_revision() -> None:
    assert SAMPLES_DIR / "rev_0001.db" in SAMPLES


def test_every_known_revision_has_a_sample() -> None:
    """A migration without a frozen sample would never be tested on a database its own version wrote.

    Samples are made by running ``make_samples.py`` with the code as it was when the revision was head.
    """
    missing = [revision for revision in sorted(known_revisions()) if SAMPLES_DIR / f"rev_{revision}.db" not in SAMPLES]
    assert missing == []


def test_every_sample_has_its_key_files_and_a_known_revision() -> None:
    for sample in SAMPLES:
        revision = sample.stem.removeprefix("rev_")
        assert revision in known_revisions(), sample.name
        db_file, key_file, hex_file = SCRIPT.sample_files(revision)
        assert db_file == sample
        assert key_file.is_file(), key_file.name
        key = DatabaseKey.from_hex(hex_file.read_text(encoding="ascii"))
        assert load_key_info(key_file).key_check == key.check_value()
        connection = connect_raw(sample, key)
        try:
            stamped = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            connection.close()
        assert stamped == revision


@pytest.mark.parametrize("sample", SAMPLES, ids=[sample.stem for sample in SAMPLES])
def test_sample_upgrades_to_head_and_reads_back(sample: Path, tmp_path: Path) -> None:
    revision = sample.stem.removeprefix("rev_")
    _, key_file, hex_file = SCRIPT.sample_files(revision)
    original = sha256(sample)
    paths = DataPaths(tmp_path / "store")
    paths.data_dir.mkdir()
    shutil.copyfile(sample, paths.db_file)
    shutil.copyfile(key_file, paths.key_info_file)
    key = DatabaseKey.from_hex(hex_file.read_text(encoding="ascii"))

    database = open_database(paths, key, load_key_info(paths.key_info_file))
    try:
        report = check_database(database)
        assert report.problems == []
        assert report.revision == head_revision()
        services = build_services(database.engine, FixedClock(SCRIPT.SAMPLE_DAY))
        assert services.setup.is_complete()
        summaries = services.households.list_summaries()
        assert [summary.display_name for summary in summaries] == [
            f"{SCRIPT.PERSON_LAST_NAME.upper()} {SCRIPT.PERSON_FIRST_NAME}"
        ]
        timeline = services.occupancy.timeline(summaries[0].id)
        assert [(item.status_code, item.note) for item in timeline] == [("heberge_tiers", SCRIPT.OCCUPANCY_NOTE)]
        found = services.households.search("echantillon zoe")
        assert [item.id for item in found] == [summaries[0].id]
        # The search index holds the households written before it (0017 built it): a part of the name finds them.
        with database.engine.connect() as connection:
            indexed = connection.exec_driver_sql(
                "SELECT rowid FROM household_search WHERE household_search MATCH ?", (search_phrase("hantillon-mu"),)
            )
            assert list(indexed.scalars()) == [summaries[0].id]
        assert [item.id for item in services.households.search("antillon")] == [summaries[0].id]
        assert services.households.count("hantil mull") == 1
    finally:
        database.dispose()
    reasons = [backup.reason for backup in list_backups(paths)]
    assert reasons == ([] if revision == head_revision() else ["avant-migration"])
    assert sha256(sample) == original
