"""Key material: the raw database key, passphrase stretching and the recovery key.

The database is encrypted by SQLCipher with a random 256-bit *raw* key (no per-connection PBKDF2, so opening a
connection costs well under a millisecond). That key lives in the OS keyring, or is derived from a passphrase with
scrypt when no secure keyring exists.

The *recovery key* is a separate random 128-bit secret, shown once. It does not encrypt the database itself: it
unwraps a copy of the raw key kept (wrapped) in the non-secret key file. Wrapping is a one-time pad: the wrapped
value is ``raw_key XOR scrypt(recovery_secret, fresh_salt)``, so nothing about the raw key can be learned from
the key file without the recovery secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

KEY_BYTES = 32

# Crockford's base32 alphabet: no I, L, O or U, so a printed key is read back without ambiguity.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_READ = str.maketrans({"I": "1", "L": "1", "O": "0"})
_RECOVERY_SECRET_BYTES = 16
_RECOVERY_DATA_CHARS = 26  # 130 bits, enough for the 128-bit secret
_RECOVERY_CHECK_CHARS = 2  # 10 bits of checksum: catches typing mistakes before the slow unwrap
RECOVERY_KEY_LENGTH = _RECOVERY_DATA_CHARS + _RECOVERY_CHECK_CHARS


@dataclass(frozen=True)
class DatabaseKey:
    """A raw 256-bit SQLCipher key. Its repr never shows the bytes."""

    raw: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.raw) != KEY_BYTES:
            raise ValueError("a database key has exactly 32 bytes")

    @classmethod
    def generate(cls) -> DatabaseKey:
        """Return a fresh random key from the OS CSPRNG."""
        return cls(secrets.token_bytes(KEY_BYTES))

    @classmethod
    def from_hex(cls, text: str) -> DatabaseKey:
        """Parse the 64-hex-digit form kept in the keyring."""
        return cls(bytes.fromhex(text.strip()))

    def hex(self) -> str:
        """Return the key as 64 lowercase hex digits."""
        return self.raw.hex()

    def sqlcipher_literal(self) -> str:
        """Return the blob literal SQLCipher takes as a raw key (``x'…'``)."""
        return f"x'{self.raw.hex()}'"

    def check_value(self) -> str:
        """Return a short, non-reversible tag that tells a wrong key from a damaged file.

        Both open failures look alike to SQLCipher ("file is not a database"). Comparing this tag with the one
        stored at creation says which it is. It reveals nothing usable: it is an HMAC of a fixed text under the
        key, and guessing a passphrase against it costs the same scrypt work as guessing against the file.
        """
        return hmac.new(self.raw, b"caseworker key check v1", hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class ScryptParameters:
    """Parameters and salt of one scrypt derivation (stored beside the database; not secret)."""

    salt: bytes
    n: int = 2**17
    r: int = 8
    p: int = 1

    @classmethod
    def fresh(cls, *, n: int = 2**17) -> ScryptParameters:
        """Return parameters with a new random salt."""
        return cls(salt=secrets.token_bytes(16), n=n)

    def derive(self, secret: bytes) -> bytes:
        """Stretch ``secret`` into 32 bytes."""
        max_memory = 128 * self.r * self.n * 2 + 1024 * 1024
        return hashlib.scrypt(secret, salt=self.salt, n=self.n, r=self.r, p=self.p, maxmem=max_memory, dklen=32)

    def to_json(self) -> dict[str, object]:
        """Return a JSON-ready mapping."""
        return {
            "name": "scrypt",
            "salt": base64.b64encode(self.salt).decode("ascii"),
            "n": self.n,
            "r": self.r,
            "p": self.p,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> ScryptParameters:
        """Parse :meth:`to_json` output."""
        if data.get("name") != "scrypt":
            raise ValueError("unknown key derivation")
        parameters = cls(
            salt=base64.b64decode(str(data["salt"]), validate=True),
            n=int(str(data["n"])),
            r=int(str(data["r"])),
            p=int(str(data["p"])),
        )
        # Refuse what hashlib.scrypt would reject later, in the middle of an unlock.
        if not parameters.salt or parameters.n < 2 or parameters.n & (parameters.n - 1):
            raise ValueError("invalid scrypt parameters")
        if parameters.r < 1 or parameters.p < 1:
            raise ValueError("invalid scrypt parameters")
        return parameters


def key_from_passphrase(passphrase: str, parameters: ScryptParameters) -> DatabaseKey:
    """Stretch a passphrase into the raw database key."""
    return DatabaseKey(parameters.derive(passphrase.encode("utf-8")))


def _checksum_chars(data_chars: str) -> str:
    digest = hashlib.sha256(b"caseworker recovery v1:" + data_chars.encode("ascii")).digest()
    value = int.from_bytes(digest[:2], "big") >> 6  # 10 bits
    return _CROCKFORD[value >> 5] + _CROCKFORD[value & 31]


@dataclass(frozen=True)
class RecoveryKey:
    """The printable recovery secret: 28 Crockford base32 characters in groups of four."""

    secret: bytes = field(repr=False)

    @classmethod
    def generate(cls) -> RecoveryKey:
        """Return a fresh random recovery key."""
        return cls(secrets.token_bytes(_RECOVERY_SECRET_BYTES))

    def _data_chars(self) -> str:
        value = int.from_bytes(self.secret, "big")
        chars = []
        for _ in range(_RECOVERY_DATA_CHARS):
            chars.append(_CROCKFORD[value & 31])
            value >>= 5
        return "".join(reversed(chars))

    def formatted(self) -> str:
        """Return the key as the user sees and types it, e.g. ``ABCD-EFGH-…``."""
        compact = self._data_chars()
        compact += _checksum_chars(compact)
        return "-".join(compact[i : i + 4] for i in range(0, len(compact), 4))

    @classmethod
    def parse(cls, text: str) -> RecoveryKey:
        """Read a typed recovery key, forgiving case, spaces, dashes and look-alike letters.

        Raises:
            ValueError: with a French message when the text cannot be a recovery key.
        """
        compact = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_CROCKFORD_READ)
        if len(compact) != RECOVERY_KEY_LENGTH or any(ch not in _CROCKFORD for ch in compact):
            raise ValueError(
                f"Une clé de secours compte {RECOVERY_KEY_LENGTH} caractères (chiffres et lettres, groupés par quatre)."
            )
        data, check = compact[:_RECOVERY_DATA_CHARS], compact[_RECOVERY_DATA_CHARS:]
        if _checksum_chars(data) != check:
            raise ValueError("Cette clé de secours contient une faute de frappe : vérifiez chaque groupe.")
        value = 0
        for ch in data:
            value = (value << 5) | _CROCKFORD.index(ch)
        if value >> (8 * _RECOVERY_SECRET_BYTES):
            raise ValueError("Cette clé de secours n'est pas valide.")
        return cls(value.to_bytes(_RECOVERY_SECRET_BYTES, "big"))


@dataclass(frozen=True)
class WrappedKey:
    """The raw database key wrapped under a recovery key (safe to store in the clear)."""

    parameters: ScryptParameters
    wrapped: bytes

    def to_json(self) -> dict[str, object]:
        """Return a JSON-ready mapping."""
        return {"kdf": self.parameters.to_json(), "wrapped_key": self.wrapped.hex()}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> WrappedKey:
        """Parse :meth:`to_json` output."""
        kdf = data["kdf"]
        if not isinstance(kdf, dict):
            raise ValueError("malformed wrapped key")
        wrapped = bytes.fromhex(str(data["wrapped_key"]))
        if len(wrapped) != KEY_BYTES:
            raise ValueError("a wrapped key has exactly 32 bytes")
        return cls(parameters=ScryptParameters.from_json(kdf), wrapped=wrapped)


def _xor(left: bytes, right: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(left, right, strict=True))


# The recovery secret already holds 128 random bits; a moderate scrypt cost is plenty.
_RECOVERY_SCRYPT_N = 2**15


def wrap_key(key: DatabaseKey, recovery: RecoveryKey) -> WrappedKey:
    """Wrap ``key`` under ``recovery`` with a fresh salt (never reuse a pad)."""
    parameters = ScryptParameters.fresh(n=_RECOVERY_SCRYPT_N)
    return WrappedKey(parameters=parameters, wrapped=_xor(key.raw, parameters.derive(recovery.secret)))


def unwrap_key(wrapped: WrappedKey, recovery: RecoveryKey) -> DatabaseKey:
    """Recover the raw key. A wrong recovery key yields a wrong (not an invalid) key: check it."""
    return DatabaseKey(_xor(wrapped.wrapped, wrapped.parameters.derive(recovery.secret)))
