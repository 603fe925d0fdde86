"""The key file kept beside the database: how to obtain the key, never the key itself.

It holds the key-storage mode, the keyring entry name, the scrypt salt and parameters of a passphrase, the
key check value and the recovery-wrapped key. Losing it does not leak anything; every backup has its own copy
(as it was for that backup) so that each backup stays openable.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path

from caseworker.errors import CorruptDatabaseError
from caseworker.storage.crypto import ScryptParameters, WrappedKey

FORMAT_VERSION = 1


class KeyStorage(str, Enum):
    """Where the raw key is kept between sessions."""

    KEYRING = "keyring"
    PASSPHRASE = "passphrase"


@dataclass(frozen=True)
class KeyInfo:
    """Contents of the key file."""

    database_id: str
    storage: KeyStorage
    key_check: str
    recovery: WrappedKey
    keyring_entry: str | None = None
    passphrase_kdf: ScryptParameters | None = None
    pending: KeyInfo | None = None
    """The complete key information of a key change in progress (written before ``PRAGMA rekey``).

    A crash between the rekey and the key-file update leaves a file that only the new key opens: the opener
    then needs the new key's keyring entry, passphrase parameters and recovery wrap, all kept here.
    """
    key_changed_at: str = ""

    @staticmethod
    def new_database_id() -> str:
        """Return a fresh identifier for a new database."""
        return str(uuid.uuid4())

    @staticmethod
    def new_keyring_entry(database_id: str) -> str:
        """Return a fresh keyring entry name for this database (a new one at each rekey)."""
        return f"{database_id}/{uuid.uuid4().hex[:12]}"

    def stamped(self) -> KeyInfo:
        """Return a copy with ``key_changed_at`` set to now."""
        return replace(self, key_changed_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def to_json(self) -> dict[str, object]:
        """Return a JSON-ready mapping."""
        data: dict[str, object] = {
            "format": FORMAT_VERSION,
            "database_id": self.database_id,
            "storage": self.storage.value,
            "key_check": self.key_check,
            "recovery": self.recovery.to_json(),
            "key_changed_at": self.key_changed_at,
        }
        if self.keyring_entry is not None:
            data["keyring_entry"] = self.keyring_entry
        if self.passphrase_kdf is not None:
            data["passphrase_kdf"] = self.passphrase_kdf.to_json()
        if self.pending is not None:
            data["pending"] = replace(self.pending, pending=None).to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> KeyInfo:
        """Parse :meth:`to_json` output.

        Raises:
            ValueError: when the mapping is not a key file this version understands.
        """
        if data.get("format") != FORMAT_VERSION:
            raise ValueError("unsupported key file format")
        recovery = data["recovery"]
        kdf = data.get("passphrase_kdf")
        pending = data.get("pending")
        if not isinstance(recovery, dict) or (kdf is not None and not isinstance(kdf, dict)):
            raise ValueError("malformed key file")
        if pending is not None and not isinstance(pending, dict):
            raise ValueError("malformed key file")
        return cls(
            database_id=str(data["database_id"]),
            storage=KeyStorage(str(data["storage"])),
            key_check=str(data["key_check"]),
            recovery=WrappedKey.from_json(recovery),
            keyring_entry=_optional_str(data.get("keyring_entry")),
            passphrase_kdf=ScryptParameters.from_json(kdf) if kdf is not None else None,
            pending=cls.from_json({**pending, "pending": None}) if pending is not None else None,
            key_changed_at=str(data.get("key_changed_at", "")),
        )


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def load_key_info(path: Path) -> KeyInfo:
    """Read the key file.

    Raises:
        CorruptDatabaseError: the file is unreadable or not a key file.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return KeyInfo.from_json(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CorruptDatabaseError(
            f"Le fichier de clé « {path.name} » est illisible ou endommagé. Restaurez-le depuis une "
            "sauvegarde (chaque sauvegarde a le sien, « caseworker-….key.json ») ; la base n'a pas été modifiée."
        ) from exc


def save_key_info(path: Path, info: KeyInfo) -> None:
    """Write the key file atomically (a crash leaves either the old or the new file, never half of one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(info.to_json(), indent=2, sort_keys=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".key-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp_name).replace(path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
