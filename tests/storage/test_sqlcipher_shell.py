"""Independent clients read the file: the Debian ``sqlcipher`` shell, and a from-scratch SQLCipher 4 decoder.

Both prove that the file is standard SQLCipher 4 keyed with the raw key (so it stays readable by other tools,
e.g. for a recovery by hand), and that the data is really in it, behind the key.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest

from caseworker.paths import DataPaths
from caseworker.services import build_services
from caseworker.services.directory import OrganisationInput
from caseworker.services.households import HouseholdInput, PersonInput
from caseworker.services.setup import FirstRunInput
from caseworker.storage import migrations
from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.database import NewKeyMaterial, create_database
from caseworker.storage.secret_store import KeyringSecretStore
from tests.storage.conftest import sha256
from tests.support import FixedClock

CANARY = "Zyxwvuqa-Canari-7731"
PAGE_SIZE = 4096
RESERVE = 80  # IV (16) + HMAC-SHA512 (64)


@pytest.fixture
def store_with_canary(tmp_path: Path) -> tuple[Path, DatabaseKey]:
    """A new store holding a person named after the canary, written through the services, then closed."""
    paths = DataPaths(tmp_path / "store")
    material = NewKeyMaterial.for_keyring()
    database = create_database(paths, material, KeyringSecretStore())
    services = build_services(database.engine, FixedClock(date(2026, 6, 15)))
    services.setup.complete_first_run(
        FirstRunInput(
            organisation=OrganisationInput(name="Association Le Toit", kind_code="association"),
            first_name="Claire",
            last_name="Martin",
            role_code="travailleur_social",
        )
    )
    services.households.create_household(HouseholdInput(), PersonInput(first_name="Aïcha", last_name=CANARY))
    database.dispose()
    assert not paths.db_file.with_name("caseworker.db-wal").exists()  # everything is in the main file
    return paths.db_file, material.key


# ------------------------------------------------------------------------------------- the Debian shell


def _shell_cipher_version(shell: str) -> str:
    result = subprocess.run(
        [shell, ":memory:"],
        input="PRAGMA cipher_version;\n",
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def _run_shell(shell: str, db_file: Path, key_hex: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    script = f"PRAGMA key = \"x'{key_hex}'\";\nSELECT last_name FROM person ORDER BY id;\n"
    return subprocess.run(
        [shell, str(db_file)], input=script, capture_output=True, text=True, timeout=60, check=False, cwd=cwd
    )


@pytest.mark.sqlcipher_shell
def test_sqlcipher_shell_reads_the_database_with_the_key_only(
    store_with_canary: tuple[Path, DatabaseKey], tmp_path: Path
) -> None:
    shell = shutil.which("sqlcipher")
    if shell is None:
        pytest.skip("the `sqlcipher` shell is not installed (Debian package `sqlcipher`)")
    version = _shell_cipher_version(shell)
    match = re.match(r"(\d+)\.", version)
    if match is None or int(match.group(1)) < 4:
        pytest.skip(
            f"the `sqlcipher` shell here is SQLCipher {version or '(unknown)'}, which cannot read "
            "SQLCipher 4 files "
            "(HMAC-SHA512, 4096-byte pages): a SQLCipher 4 shell is needed (Debian 12 ships 3.4.1)"
        )
    db_file, key = store_with_canary
    before = sha256(db_file)

    good = _run_shell(shell, db_file, key.hex(), tmp_path)
    lines = [line for line in good.stdout.splitlines() if line.strip()]
    if lines and lines[0] == "ok":  # recent versions answer PRAGMA key with "ok"
        lines = lines[1:]
    assert good.returncode == 0, good.stderr
    assert lines == [CANARY]

    wrong = _run_shell(shell, db_file, DatabaseKey.generate().hex(), tmp_path)
    assert CANARY not in wrong.stdout
    assert "file is not a database" in wrong.stderr or "encrypted" in wrong.stderr
    assert sha256(db_file) == before


# ------------------------------------------------------------------------- an independent SQLCipher decoder


def decrypt_sqlcipher4(data: bytes, key: bytes) -> bytes:
    """Decrypt a SQLCipher 4 file keyed with a raw 256-bit key into a plain SQLite image.

    Format (SQLCipher 4 defaults): 16-byte salt at the start of page 1; each 4096-byte page is AES-256-CBC
    encrypted, followed by its IV and an HMAC-SHA512 over ciphertext, IV and page number (little-endian),
    keyed by PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 iterations).

    Raises:
        ValueError: a page's HMAC does not match (wrong key or damaged page).
    """
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    salt = data[:16]
    hmac_key = hashlib.pbkdf2_hmac("sha512", key, bytes(byte ^ 0x3A for byte in salt), 2, dklen=32)
    plain = bytearray()
    for index in range(len(data) // PAGE_SIZE):
        page = data[index * PAGE_SIZE : (index + 1) * PAGE_SIZE]
        body = page[16 if index == 0 else 0 : PAGE_SIZE - RESERVE]
        iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
        mac = page[PAGE_SIZE - RESERVE + 16 :]
        expected = hmac.new(hmac_key, body + iv + (index + 1).to_bytes(4, "little"), hashlib.sha512).digest()
        if not hmac.compare_digest(mac, expected):
            raise ValueError(f"HMAC mismatch on page {index + 1}")
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        clear = decryptor.update(body) + decryptor.finalize()
        plain += (b"SQLite format 3\x00" if index == 0 else b"") + clear + bytes(RESERVE)
    return bytes(plain)


def test_an_independent_decoder_reads_the_file(store_with_canary: tuple[Path, DatabaseKey]) -> None:
    pytest.importorskip("cryptography")
    db_file, key = store_with_canary
    data = db_file.read_bytes()
    assert len(data) % PAGE_SIZE == 0
    assert CANARY.encode() not in data

    image = bytearray(decrypt_sqlcipher4(data, key.raw))
    assert int.from_bytes(image[16:18], "big") == PAGE_SIZE
    assert image[20] == RESERVE
    image[18] = image[19] = 1  # WAL → rollback journal, for an in-memory copy
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(bytes(image))
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("SELECT last_name FROM person ORDER BY id").fetchall() == [(CANARY,)]
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (migrations.head_revision(),)
        ]
    finally:
        connection.close()

    with pytest.raises(ValueError, match="HMAC mismatch on page 1"):
        decrypt_sqlcipher4(data, DatabaseKey.generate().raw)
