"""A keyring backend that keeps entries in a JSON file: for benchmark processes without a Secret Service only.

Never used by the application itself (it would be refused as insecure if its name said what it is; it is loaded
only through PYTHON_KEYRING_BACKEND by the benchmark runner).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend

_FILE = Path(os.environ.get("XDG_CACHE_HOME", "/tmp")) / "bench-keyring.json"


class FileKeyring(KeyringBackend):
    """Entries in a JSON file under XDG_CACHE_HOME (a benchmark's temporary directory)."""

    priority = 1  # type: ignore[assignment]

    def _load(self) -> dict[str, str]:
        return json.loads(_FILE.read_text(encoding="utf-8")) if _FILE.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        _FILE.parent.mkdir(parents=True, exist_ok=True)
        _FILE.write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        data.pop(f"{service}/{username}", None)
        _FILE.write_text(json.dumps(data), encoding="utf-8")
