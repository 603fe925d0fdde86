"""Where things live: per-user directories (redirected in tests), store files, bundled resources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import caseworker.paths as paths_module
from caseworker.paths import DataPaths, default_data_dir, log_dir, migrations_dir, resources_dir

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_user_directories_follow_xdg_variables() -> None:
    data_home = Path(os.environ["XDG_DATA_HOME"])
    state_home = Path(os.environ["XDG_STATE_HOME"])
    assert default_data_dir() == data_home / "caseworker"
    assert log_dir() == state_home / "caseworker" / "log"
    # Redirected by the autouse fixture: never the real profile.
    assert data_home != Path.home() / ".local" / "share"
    assert state_home != Path.home() / ".local" / "state"


def test_user_directories_are_not_created_by_asking() -> None:
    assert not default_data_dir().exists()
    assert not log_dir().exists()


def test_data_paths_layout(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "store")
    assert paths.db_file == tmp_path / "store" / "caseworker.db"
    assert paths.key_info_file == tmp_path / "store" / "caseworker.key.json"
    assert paths.backups_dir == tmp_path / "store" / "backups"
    assert paths.sidecar_files() == [
        tmp_path / "store" / "caseworker.db-wal",
        tmp_path / "store" / "caseworker.db-shm",
        tmp_path / "store" / "caseworker.db-journal",
    ]
    assert not paths.data_dir.exists()


def test_source_checkout_layout() -> None:
    assert migrations_dir() == REPO_ROOT / "migrations"
    assert (migrations_dir() / "env.py").is_file()
    assert resources_dir() == REPO_ROOT / "resources"
    assert (resources_dir() / "fonts").is_dir()


def test_frozen_bundle_is_searched_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "env.py").write_text("", encoding="utf-8")
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert migrations_dir() == tmp_path / "migrations"
    assert resources_dir() == tmp_path / "resources"


def test_installed_wheel_layout_is_searched_before_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site" / "caseworker"
    (package / "_bundled" / "migrations").mkdir(parents=True)
    (package / "_bundled" / "migrations" / "env.py").write_text("", encoding="utf-8")
    (tmp_path / "site" / "migrations").mkdir()
    (tmp_path / "site" / "migrations" / "env.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(paths_module, "_PACKAGE_DIR", package)
    assert migrations_dir() == package / "_bundled" / "migrations"


def test_missing_resources_name_every_place_searched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "pkg" / "caseworker"
    package.mkdir(parents=True)
    monkeypatch.setattr(paths_module, "_PACKAGE_DIR", package)
    # A directory without its marker file does not count.
    (package / "_bundled" / "migrations").mkdir(parents=True)
    with pytest.raises(FileNotFoundError) as caught:
        migrations_dir()
    message = str(caught.value)
    assert str(package / "_bundled" / "migrations") in message
    assert str(tmp_path / "pkg" / "migrations") in message
    with pytest.raises(FileNotFoundError, match="resources not found"):
        resources_dir()
