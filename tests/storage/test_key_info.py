"""The key file: JSON round trip, atomic save, French errors on damage."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from caseworker.errors import CorruptDatabaseError
from caseworker.storage.crypto import DatabaseKey, RecoveryKey, ScryptParameters, wrap_key
from caseworker.storage.key_info import FORMAT_VERSION, KeyInfo, KeyStorage, load_key_info, save_key_info

DAMAGED = "est illisible ou endommagé"


def make_info(storage: KeyStorage = KeyStorage.KEYRING) -> KeyInfo:
    key = DatabaseKey.generate()
    database_id = KeyInfo.new_database_id()
    return KeyInfo(
        database_id=database_id,
        storage=storage,
        key_check=key.check_value(),
        recovery=wrap_key(key, RecoveryKey.generate()),
        keyring_entry=KeyInfo.new_keyring_entry(database_id) if storage is KeyStorage.KEYRING else None,
        passphrase_kdf=ScryptParameters.fresh(n=2**10) if storage is KeyStorage.PASSPHRASE else None,
    ).stamped()


@pytest.mark.parametrize("storage", list(KeyStorage))
def test_round_trip(tmp_path: Path, storage: KeyStorage) -> None:
    info = make_info(storage)
    path = tmp_path / "caseworker.key.json"
    save_key_info(path, info)
    assert load_key_info(path) == info
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT_VERSION
    assert data["storage"] == storage.value
    assert ("keyring_entry" in data) is (storage is KeyStorage.KEYRING)
    assert ("passphrase_kdf" in data) is (storage is KeyStorage.PASSPHRASE)


def test_key_file_never_holds_the_key(tmp_path: Path) -> None:
    key = DatabaseKey.generate()
    recovery = RecoveryKey.generate()
    info = KeyInfo(
        database_id="db",
        storage=KeyStorage.KEYRING,
        key_check=key.check_value(),
        recovery=wrap_key(key, recovery),
        keyring_entry="db/entry",
    )
    path = tmp_path / "k.json"
    save_key_info(path, info)
    text = path.read_text(encoding="utf-8")
    assert key.hex() not in text
    assert recovery.formatted() not in text
    assert recovery.secret.hex() not in text


def test_new_identifiers_are_unique() -> None:
    assert KeyInfo.new_database_id() != KeyInfo.new_database_id()
    first = KeyInfo.new_keyring_entry("db")
    assert first.startswith("db/")
    assert first != KeyInfo.new_keyring_entry("db")


def test_stamped_sets_an_utc_time() -> None:
    info = make_info()
    assert info.key_changed_at.endswith("+00:00")
    assert (
        KeyInfo(database_id="x", storage=KeyStorage.KEYRING, key_check="c", recovery=info.recovery).key_changed_at == ""
    )


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "caseworker.key.json"
    first, second = make_info(), make_info()
    save_key_info(path, first)
    save_key_info(path, second)
    assert sorted(p.name for p in path.parent.iterdir()) == ["caseworker.key.json"]
    assert load_key_info(path) == second


def test_failed_save_keeps_the_old_file_and_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "caseworker.key.json"
    old = make_info()
    save_key_info(path, old)
    before = path.read_bytes()

    def broken_fsync(_fd: int) -> None:
        raise OSError("disque plein")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disque plein"):
        save_key_info(path, make_info())
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["caseworker.key.json"]


def test_interrupted_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even an interruption (KeyboardInterrupt) between write and rename leaves the old file whole."""
    path = tmp_path / "caseworker.key.json"
    save_key_info(path, make_info())
    before = path.read_bytes()
    original_replace = Path.replace

    def interrupted(self: Path, target: Path) -> Path:
        if Path(target) == path:
            raise KeyboardInterrupt
        return original_replace(self, target)

    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_key_info(path, make_info())
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["caseworker.key.json"]


def _valid_json() -> dict[str, object]:
    return make_info(KeyStorage.PASSPHRASE).to_json()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json at all",
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        b"null",
        b'{"format": 1}',
        json.dumps({**_valid_json(), "format": 99}).encode(),
        json.dumps({**_valid_json(), "storage": "clef-usb"}).encode(),
        json.dumps({**_valid_json(), "recovery": "abc"}).encode(),
        json.dumps({**_valid_json(), "passphrase_kdf": {"name": "md5"}}).encode(),
        json.dumps({**_valid_json(), "passphrase_kdf": [1]}).encode(),
        json.dumps({k: v for k, v in _valid_json().items() if k != "key_check"}).encode(),
        json.dumps(
            {
                **_valid_json(),
                "recovery": {
                    "kdf": {"name": "scrypt", "salt": "!!", "n": 1, "r": 1, "p": 1},
                    "wrapped_key": "00",
                },
            }
        ).encode(),
        json.dumps(
            {
                **_valid_json(),
                "recovery": {
                    "kdf": {"name": "scrypt", "salt": "", "n": "x", "r": 1, "p": 1},
                    "wrapped_key": "00",
                },
            }
        ).encode(),
    ],
)
def test_load_garbage_raises_a_french_corrupt_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "caseworker.key.json"
    path.write_bytes(content)
    with pytest.raises(CorruptDatabaseError) as caught:
        load_key_info(path)
    message = caught.value.user_message
    assert "« caseworker.key.json »" in message
    assert DAMAGED in message
    assert "la base n'a pas été modifiée" in message
    assert path.read_bytes() == content


def test_load_missing_file_raises_a_french_corrupt_error(tmp_path: Path) -> None:
    with pytest.raises(CorruptDatabaseError, match=DAMAGED) as caught:
        load_key_info(tmp_path / "absent.key.json")
    assert caught.value.exit_code == 4
    assert not (tmp_path / "absent.key.json").exists()
