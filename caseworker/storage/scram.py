"""SCRAM-SHA-256 password verifiers in PostgreSQL's format, computed on the client.

``ALTER ROLE … PASSWORD 'SCRAM-SHA-256$…'`` stores a verifier as it is: the password itself never travels to the
server, so it cannot end up in the server's statement log or in ``pg_stat_activity`` (RFC 5802 and RFC 7677).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import stringprep
import unicodedata

ITERATIONS = 32_768
"""Eight times PostgreSQL's default: a stolen verifier costs that much more to attack; a login costs ~15 ms."""


def saslprep(password: str) -> str:
    """Prepare a password as PostgreSQL does before hashing it (RFC 4013, SASLprep), so that logins match.

    Non-ASCII spaces become spaces, characters "commonly mapped to nothing" are dropped, then NFKC. PostgreSQL
    falls back to the raw bytes when the result is prohibited; so do we.
    """
    mapped = "".join(
        " " if stringprep.in_table_c12(char) else char for char in password if not stringprep.in_table_b1(char)
    )
    prepared = unicodedata.normalize("NFKC", mapped)
    prohibited = (
        stringprep.in_table_c12,
        stringprep.in_table_c21_c22,
        stringprep.in_table_c3,
        stringprep.in_table_c4,
        stringprep.in_table_c5,
        stringprep.in_table_c6,
        stringprep.in_table_c7,
        stringprep.in_table_c8,
        stringprep.in_table_c9,
        stringprep.in_table_a1,
    )
    if any(check(char) for char in prepared for check in prohibited):
        return password
    return prepared


def scram_verifier(password: str, *, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    """Return ``SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`` for ``password``."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", saslprep(password).encode("utf-8"), salt, iterations)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.digest(salted, b"Server Key", "sha256")

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"
