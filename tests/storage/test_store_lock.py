"""Only one caseworker process at a time on a store."""

from __future__ import annotations

import subprocess
import sys

import pytest

from caseworker.errors import DatabaseStateError
from caseworker.paths import DataPaths
from caseworker.storage.store_lock import StoreLock


def test_a_second_process_is_refused_until_the_first_releases(tmp_path):
    paths = DataPaths(tmp_path / "store")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from caseworker.paths import DataPaths\n"
        "from caseworker.storage.store_lock import StoreLock\n"
        "from caseworker.errors import DatabaseStateError\n"
        "try:\n"
        "    StoreLock(DataPaths(Path(sys.argv[1]))).acquire()\n"
        "except DatabaseStateError as exc:\n"
        "    print(exc.user_message)\n"
        "else:\n"
        "    print('acquis')\n"
    )
    with StoreLock(paths):
        refused = subprocess.run(
            [sys.executable, "-c", code, str(paths.data_dir)], check=False, capture_output=True, text=True
        )
        assert "Caseworker utilise déjà cette base" in refused.stdout
    accepted = subprocess.run(
        [sys.executable, "-c", code, str(paths.data_dir)], check=False, capture_output=True, text=True
    )
    assert accepted.stdout.strip() == "acquis"


def test_the_same_lock_object_can_be_acquired_twice_and_released(tmp_path):
    lock = StoreLock(DataPaths(tmp_path / "store"))
    lock.acquire()
    lock.acquire()
    lock.release()
    lock.release()
    other = StoreLock(DataPaths(tmp_path / "store"))
    other.acquire()
    with pytest.raises(DatabaseStateError):
        # flock locks belong to the open file description: a second handle in the same process is refused too.
        StoreLock(DataPaths(tmp_path / "store")).acquire()
    other.release()


def test_a_file_in_place_of_the_data_directory_is_refused_in_french(tmp_path):
    data_dir = tmp_path / "store"
    data_dir.write_text("pas un dossier", encoding="utf-8")
    with pytest.raises(DatabaseStateError, match="n'est pas un dossier"):
        StoreLock(DataPaths(data_dir)).acquire()
    assert data_dir.read_text(encoding="utf-8") == "pas un dossier"


def test_waiting_for_the_lock_says_so_once_then_gives_up(tmp_path):
    import time

    paths = DataPaths(tmp_path / "store")
    told = []
    with StoreLock(paths):
        started = time.monotonic()
        with pytest.raises(DatabaseStateError, match="utilise déjà cette base"):
            StoreLock(paths).acquire(wait_seconds=0.4, on_wait=lambda: told.append("attente"))
        assert time.monotonic() - started >= 0.4
    assert told == ["attente"]
    free = StoreLock(paths)
    free.acquire(wait_seconds=5, on_wait=lambda: told.append("inutile"))
    free.release()
    assert told == ["attente"]
