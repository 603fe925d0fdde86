"""Where things live on disk: the per-user data directory, logs, and bundled resources.

Migrations and resources are found in three layouts: a frozen bundle (``sys._MEIPASS``), an installed wheel
(bundled under ``caseworker/_bundled``) and a source checkout (top-level ``migrations/`` and ``resources/``).
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from caseworker import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent


def default_data_dir() -> Path:
    """Return the per-user data directory (honours ``XDG_DATA_HOME`` on Linux)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    """Return the per-user log directory (honours ``XDG_STATE_HOME`` on Linux)."""
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class DataPaths:
    """The files of one case store inside its data directory."""

    data_dir: Path

    @property
    def db_file(self) -> Path:
        """The SQLCipher database."""
        return self.data_dir / "caseworker.db"

    @property
    def key_info_file(self) -> Path:
        """Non-secret key metadata: storage mode, KDF salt and parameters, wrapped recovery key."""
        return self.data_dir / "caseworker.key.json"

    @property
    def backups_dir(self) -> Path:
        """Encrypted backups (same key as the database)."""
        return self.data_dir / "backups"

    def sidecar_files(self) -> list[Path]:
        """The SQLite companion files of the database."""
        return [self.db_file.with_name(self.db_file.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def restrict_to_owner(path: Path) -> None:
    """Make a file (0600) or directory (0700) private to its owner on POSIX systems.

    The database is encrypted anyway; this is defence in depth for other accounts on a shared computer.
    """
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        path.chmod(0o700 if path.is_dir() else 0o600)


def _bundle_roots() -> list[Path]:
    roots: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots.append(Path(frozen_root))
    roots.append(_PACKAGE_DIR / "_bundled")
    roots.append(_PACKAGE_DIR.parent)
    return roots


def _locate(name: str, marker: str) -> Path:
    for root in _bundle_roots():
        candidate = root / name
        if (candidate / marker).exists():
            return candidate
    searched = ", ".join(str(root / name) for root in _bundle_roots())
    raise FileNotFoundError(f"{name} not found (searched {searched})")


def migrations_dir() -> Path:
    """Return the Alembic script directory."""
    return _locate("migrations", "env.py")


def resources_dir() -> Path:
    """Return the resources directory (fonts, translations, icons)."""
    return _locate("resources", "fonts")
