"""Key material: raw keys, passphrase stretching, the recovery key and its wrapping."""

from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseworker.storage.crypto import (
    KEY_BYTES,
    RECOVERY_KEY_LENGTH,
    DatabaseKey,
    RecoveryKey,
    ScryptParameters,
    WrappedKey,
    key_from_passphrase,
    unwrap_key,
    wrap_key,
)

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
FIXED_SECRET = bytes.fromhex("00112233445566778899aabbccddeeff")
TYPO_MESSAGE = "Cette clé de secours contient une faute de frappe : vérifiez chaque groupe."
LENGTH_MESSAGE = "Une clé de secours compte 28 caractères"


# ------------------------------------------------------------------------------------------- DatabaseKey


def test_database_key_is_32_random_bytes() -> None:
    first, second = DatabaseKey.generate(), DatabaseKey.generate()
    assert len(first.raw) == KEY_BYTES == 32
    assert first != second


@pytest.mark.parametrize("length", [0, 16, 31, 33, 64])
def test_database_key_refuses_other_lengths(length: int) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        DatabaseKey(b"\x01" * length)


def test_database_key_hex_round_trip_and_sqlcipher_literal() -> None:
    key = DatabaseKey(bytes(range(32)))
    assert key.hex() == bytes(range(32)).hex()
    assert DatabaseKey.from_hex(f"  {key.hex()}\n") == key
    assert key.sqlcipher_literal() == f"x'{bytes(range(32)).hex()}'"
    assert re.fullmatch(r"x'[0-9a-f]{64}'", DatabaseKey.generate().sqlcipher_literal())


@pytest.mark.parametrize("text", ["", "zz" * 32, "ab" * 31, "ab" * 33])
def test_database_key_from_bad_hex(text: str) -> None:
    with pytest.raises(ValueError):
        DatabaseKey.from_hex(text)


def test_database_key_repr_and_str_never_show_the_bytes() -> None:
    key = DatabaseKey(bytes(range(32)))
    for shown in (repr(key), str(key), f"{key}", repr([key]), repr({"key": key})):
        assert key.hex() not in shown
        assert key.hex()[:8] not in shown
        assert "\\x00\\x01" not in shown
    assert repr(key) == "DatabaseKey()"


def test_recovery_key_repr_never_shows_the_secret() -> None:
    recovery = RecoveryKey(FIXED_SECRET)
    assert repr(recovery) == "RecoveryKey()"
    assert recovery.formatted() not in repr(recovery)
    assert FIXED_SECRET.hex() not in str(recovery)


def test_check_value_is_stable_short_and_differs_per_key() -> None:
    key = DatabaseKey(bytes(range(32)))
    assert key.check_value() == DatabaseKey(bytes(range(32))).check_value()
    assert re.fullmatch(r"[0-9a-f]{32}", key.check_value())
    assert key.hex() not in key.check_value()
    values = {DatabaseKey.generate().check_value() for _ in range(50)}
    assert len(values) == 50
    neighbour = DatabaseKey(bytes(range(31)) + b"\x20")
    assert neighbour.check_value() != key.check_value()


# ------------------------------------------------------------------------------------------- passphrase


def test_passphrase_derivation_is_deterministic_per_salt() -> None:
    parameters = ScryptParameters(salt=b"s" * 16, n=2**10)
    first = key_from_passphrase("une phrase de passe", parameters)
    assert first == key_from_passphrase("une phrase de passe", parameters)
    assert first != key_from_passphrase("une phrase de passE", parameters)
    assert first != key_from_passphrase("une phrase de passe", ScryptParameters(salt=b"t" * 16, n=2**10))
    assert first != key_from_passphrase("une phrase de passe", ScryptParameters(salt=b"s" * 16, n=2**11))


def test_passphrase_derivation_known_answer() -> None:
    """A frozen value: any change to the derivation would lock every passphrase store out."""
    parameters = ScryptParameters(salt=bytes(16), n=2**10, r=8, p=1)
    key = key_from_passphrase("phrase de passe fixe", parameters)
    expected = hashlib.scrypt(b"phrase de passe fixe", salt=bytes(16), n=2**10, r=8, p=1, dklen=32)
    assert key.raw == expected


def test_passphrase_is_utf8_encoded_before_stretching() -> None:
    parameters = ScryptParameters(salt=b"x" * 16, n=2**10)
    composed = key_from_passphrase("Hélène été", parameters)
    assert composed.raw == hashlib.scrypt("Hélène été".encode(), salt=b"x" * 16, n=2**10, r=8, p=1, dklen=32)


def test_fresh_scrypt_parameters_use_the_documented_cost_and_random_salts() -> None:
    first, second = ScryptParameters.fresh(), ScryptParameters.fresh()
    assert (first.n, first.r, first.p) == (2**17, 8, 1)
    assert len(first.salt) == 16
    assert first.salt != second.salt


def test_scrypt_parameters_json_round_trip() -> None:
    parameters = ScryptParameters(salt=bytes(range(16)), n=2**14, r=8, p=2)
    data = parameters.to_json()
    assert data["name"] == "scrypt"
    assert ScryptParameters.from_json(data) == parameters
    with pytest.raises(ValueError, match="unknown key derivation"):
        ScryptParameters.from_json({**data, "name": "argon2id"})


# ----------------------------------------------------------------------------------------- recovery key


def test_recovery_key_format() -> None:
    formatted = RecoveryKey.generate().formatted()
    assert RECOVERY_KEY_LENGTH == 28
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}", formatted)
    compact = formatted.replace("-", "")
    assert len(compact) == 28
    assert not set(compact) & set("ILOU")
    # 128 bits in 26 characters of 5 bits (130): the first character only carries 3 bits.
    assert compact[0] in "01234567"


def test_recovery_key_known_answer() -> None:
    """Frozen: a printed recovery key must keep working after any refactoring."""
    formatted = RecoveryKey(FIXED_SECRET).formatted()
    assert formatted == RecoveryKey(FIXED_SECRET).formatted()
    assert RecoveryKey.parse(formatted).secret == FIXED_SECRET
    value = int.from_bytes(FIXED_SECRET, "big")
    data = "".join(CROCKFORD[(value >> (5 * (25 - i))) & 31] for i in range(26))
    assert formatted.replace("-", "")[:26] == data


def test_recovery_key_parse_forgives_case_spaces_and_look_alikes() -> None:
    recovery = RecoveryKey(FIXED_SECRET)
    formatted = recovery.formatted()
    compact = formatted.replace("-", "")
    variants = [
        formatted,
        formatted.lower(),
        compact,
        " ".join(compact[i : i + 4] for i in range(0, 28, 4)),
        f"  {formatted.lower()}\n",
        compact.replace("0", "O").replace("1", "I"),
        compact.replace("0", "o").replace("1", "l"),
        compact.replace("1", "L"),
        "-".join(compact),
    ]
    assert "0" in compact or "1" in compact  # the look-alike variants really differ from the original
    for variant in variants:
        assert RecoveryKey.parse(variant) == recovery, variant


def test_recovery_key_look_alikes_on_a_key_full_of_them() -> None:
    secret = bytes(16)  # all zeros: the data part is "0000…", every character has a look-alike
    formatted = RecoveryKey(secret).formatted()
    assert formatted.startswith("0000-0000")
    typed = formatted.replace("0", "o")
    assert RecoveryKey.parse(typed).secret == secret


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ABCD",
        "0" * 27,
        "0" * 29,
        "UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU",
        "ÉÉÉÉ" * 7,
        "0000-0000-0000-0000-0000-0000-000*",
    ],
)
def test_recovery_key_parse_refuses_malformed_text(text: str) -> None:
    with pytest.raises(ValueError, match=LENGTH_MESSAGE):
        RecoveryKey.parse(text)


def test_recovery_key_parse_detects_every_typo_in_the_check_group() -> None:
    compact = RecoveryKey(FIXED_SECRET).formatted().replace("-", "")
    for index in (26, 27):
        for replacement in CROCKFORD:
            if replacement == compact[index]:
                continue
            typo = compact[:index] + replacement + compact[index + 1 :]
            with pytest.raises(ValueError) as caught:
                RecoveryKey.parse(typo)
            assert str(caught.value) == TYPO_MESSAGE


def test_recovery_key_checksum_catches_nearly_all_single_typos_and_swaps() -> None:
    """The 10-bit checksum is a hash, not an error-correcting code: ~1 typo in 1000 slips through."""
    missed = tried = 0
    for seed in range(8):
        compact = RecoveryKey(bytes([seed * 17]) * 16).formatted().replace("-", "")
        candidates = [compact[:i] + ch + compact[i + 1 :] for i in range(1, 26) for ch in CROCKFORD if ch != compact[i]]
        candidates += [
            compact[:i] + compact[i + 1] + compact[i] + compact[i + 2 :]
            for i in range(27)
            if compact[i] != compact[i + 1]
        ]
        for typo in candidates:
            tried += 1
            try:
                parsed = RecoveryKey.parse(typo)
            except ValueError as exc:
                assert str(exc) in {TYPO_MESSAGE, "Cette clé de secours n'est pas valide."}
                continue
            missed += 1
            assert parsed.secret != bytes([seed * 17]) * 16
    assert tried > 6000
    assert missed / tried < 0.005


def test_recovery_key_parse_refuses_values_above_128_bits() -> None:
    # A first character above 7 encodes more than 128 bits; build such a key with a valid checksum.
    from caseworker.storage.crypto import _checksum_chars

    data = "Z" + "0" * 25
    typed = data + _checksum_chars(data)
    with pytest.raises(ValueError, match="n'est pas valide"):
        RecoveryKey.parse(typed)


@settings(max_examples=200, deadline=None)
@given(secret=st.binary(min_size=16, max_size=16))
def test_recovery_key_round_trip(secret: bytes) -> None:
    recovery = RecoveryKey(secret)
    formatted = recovery.formatted()
    assert len(formatted) == 28 + 6
    assert RecoveryKey.parse(formatted) == recovery
    assert RecoveryKey.parse(formatted.lower().replace("-", " ")) == recovery


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=40))
def test_recovery_key_parse_never_crashes_otherwise(text: str) -> None:
    try:
        parsed = RecoveryKey.parse(text)
    except ValueError as exc:
        assert "clé de secours" in str(exc)
    else:
        assert len(parsed.secret) == 16


# ------------------------------------------------------------------------------------------------ wrapping


def test_wrap_unwrap_round_trip() -> None:
    key = DatabaseKey.generate()
    recovery = RecoveryKey.generate()
    wrapped = wrap_key(key, recovery)
    assert wrapped.wrapped != key.raw
    assert key.raw.hex() not in repr(wrapped.to_json())
    assert unwrap_key(wrapped, recovery) == key
    assert unwrap_key(WrappedKey.from_json(wrapped.to_json()), RecoveryKey.parse(recovery.formatted())) == key


def test_wrap_uses_a_fresh_pad_each_time() -> None:
    key = DatabaseKey.generate()
    recovery = RecoveryKey.generate()
    first, second = wrap_key(key, recovery), wrap_key(key, recovery)
    assert first.parameters.salt != second.parameters.salt
    assert first.wrapped != second.wrapped
    assert unwrap_key(first, recovery) == unwrap_key(second, recovery) == key


def test_unwrap_with_a_wrong_recovery_key_gives_a_different_key() -> None:
    key = DatabaseKey.generate()
    wrapped = wrap_key(key, RecoveryKey.generate())
    other = unwrap_key(wrapped, RecoveryKey.generate())
    assert other != key
    assert other.check_value() != key.check_value()


def test_wrapped_key_from_json_refuses_malformed_data() -> None:
    wrapped = wrap_key(DatabaseKey.generate(), RecoveryKey.generate()).to_json()
    with pytest.raises(ValueError):
        WrappedKey.from_json({**wrapped, "kdf": "scrypt"})
    with pytest.raises(KeyError):
        WrappedKey.from_json({"kdf": wrapped["kdf"]})
