"""The secret store: which keyring backends count as secure, and the store's error handling."""

from __future__ import annotations

import logging

import keyring
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from caseworker import APP_NAME
from caseworker.storage.secret_store import KeyringSecretStore, backend_is_secure
from tests.support import InMemoryKeyring

# ------------------------------------------------------------------------------------ fake backend classes


class SecretServiceLike:
    """Looks like a real OS keyring."""

    priority = 5


class Keyring:
    """Stands for a class named like keyring's own backends."""

    priority = 5


class LowPriorityKeyring:
    priority = 0.5


class ZeroPriorityKeyring:
    priority = 0


class NoPriorityKeyring:
    pass


class TextPriorityKeyring:
    priority = "high"


class FailingPriorityKeyring:
    @property
    def priority(self) -> float:
        raise keyring.errors.KeyringError("backend unusable")


class PlaintextKeyring:
    priority = 5


class MyFailKeyring:
    priority = 5


class NullStore:
    priority = 5


def _in_module(cls: type, module: str) -> type:
    return type(cls.__name__, (cls,), {"__module__": module})


AltFileKeyring = _in_module(SecretServiceLike, "keyrings.alt.file")
AltEncrypted = _in_module(SecretServiceLike, "keyrings.alt.Gnome")
FailModuleKeyring = type("Keyring", (), {"__module__": "keyring.backends.fail", "priority": 0})
NullModuleKeyring = type("Keyring", (), {"__module__": "keyring.backends.null", "priority": -1})


class ChainerBackend:
    """Shaped like keyring.backends.chainer.ChainerBackend: a ``backends`` list."""

    priority = 10

    def __init__(self, *children: object) -> None:
        self.backends = list(children)


class NotAChainer:
    """Has a ``backends`` attribute but is not a chainer: judged on its own."""

    priority = 0

    def __init__(self, *children: object) -> None:
        self.backends = list(children)


@pytest.mark.parametrize(
    ("backend", "secure"),
    [
        (SecretServiceLike(), True),
        (Keyring(), True),
        (InMemoryKeyring(), True),
        (LowPriorityKeyring(), False),
        (ZeroPriorityKeyring(), False),
        (NoPriorityKeyring(), False),
        (TextPriorityKeyring(), False),
        (FailingPriorityKeyring(), False),
        (PlaintextKeyring(), False),
        (MyFailKeyring(), False),
        (NullStore(), False),
        (AltFileKeyring(), False),
        (AltEncrypted(), False),
        (FailModuleKeyring(), False),
        (NullModuleKeyring(), False),
        (keyring.backends.fail.Keyring(), False),
        (keyring.backends.null.Keyring(), False),
    ],
    ids=lambda value: type(value).__name__ if not isinstance(value, bool) else str(value),
)
def test_backend_is_secure(backend: object, secure: bool) -> None:
    assert backend_is_secure(backend) is secure


def test_chainer_is_secure_when_one_child_is() -> None:
    assert backend_is_secure(ChainerBackend(PlaintextKeyring(), SecretServiceLike())) is True
    assert backend_is_secure(ChainerBackend(SecretServiceLike())) is True


def test_chainer_is_not_secure_when_no_child_is() -> None:
    assert backend_is_secure(ChainerBackend()) is False
    assert backend_is_secure(ChainerBackend(PlaintextKeyring(), AltFileKeyring(), LowPriorityKeyring())) is False
    assert backend_is_secure(ChainerBackend(keyring.backends.fail.Keyring())) is False


def test_nested_chainers() -> None:
    assert backend_is_secure(ChainerBackend(ChainerBackend(SecretServiceLike()))) is True
    assert backend_is_secure(ChainerBackend(ChainerBackend(NullStore()))) is False


def test_a_non_chainer_with_backends_is_judged_on_its_own() -> None:
    assert backend_is_secure(NotAChainer(SecretServiceLike())) is False


def test_real_chainer_class_is_recognised(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import chainer

    monkeypatch.setattr(chainer.ChainerBackend, "backends", [PlaintextKeyring(), SecretServiceLike()])
    assert backend_is_secure(chainer.ChainerBackend()) is True
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [PlaintextKeyring()])
    assert backend_is_secure(chainer.ChainerBackend()) is False


# -------------------------------------------------------------------------------------------- the store


def test_store_round_trip_uses_the_application_service_name() -> None:
    backend = keyring.get_keyring()
    assert isinstance(backend, InMemoryKeyring)
    store = KeyringSecretStore()
    assert store.get("db/entry") is None
    store.set("db/entry", "ab" * 32)
    assert store.get("db/entry") == "ab" * 32
    assert backend.entries == {(APP_NAME, "db/entry"): "ab" * 32}
    store.delete("db/entry")
    assert store.get("db/entry") is None
    store.delete("db/entry")  # deleting twice is fine


def test_store_with_another_service_name_is_separate() -> None:
    KeyringSecretStore("autre").set("e", "1")
    assert KeyringSecretStore().get("e") is None
    assert KeyringSecretStore("autre").get("e") == "1"


def test_is_secure_and_describe_follow_the_active_backend() -> None:
    store = KeyringSecretStore()
    assert store.is_secure() is True
    assert store.describe() == "tests.support.InMemoryKeyring"
    keyring.set_keyring(keyring.backends.fail.Keyring())
    assert store.is_secure() is False
    assert store.describe() == "keyring.backends.fail.Keyring"


class _NeverViable:
    """A ``priority`` that cannot be read: keyring then never picks the class as a default backend.

    Every KeyringBackend subclass is registered with keyring, and the real default backend is chosen among the
    registered classes: a test double with a plain priority would be picked elsewhere (test_real_keyring).
    """

    def __get__(self, instance: object, owner: type) -> float:
        raise keyring.errors.KeyringError("test double: never a default backend")


class RefusingKeyring(KeyringBackend):
    """A keyring that is locked (the person dismissed the unlock prompt)."""

    priority = _NeverViable()  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Prompt dismissed")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("Prompt dismissed")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("Prompt dismissed")


class MissingEntryKeyring(RefusingKeyring):
    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("not found")


def test_locked_keyring_reads_as_missing_and_logs_the_error_class_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    keyring.set_keyring(RefusingKeyring())
    store = KeyringSecretStore()
    with caplog.at_level(logging.WARNING, logger="caseworker.storage.secret_store"):
        assert store.get("db/entry") is None
        store.delete("db/entry")
    assert [record.getMessage() for record in caplog.records] == [
        "keyring read failed: KeyringLocked",
        "keyring delete failed: KeyringLocked",
    ]


def test_test_doubles_are_never_chosen_as_the_default_backend() -> None:
    assert RefusingKeyring.viable is False
    assert MissingEntryKeyring.viable is False
    assert backend_is_secure(RefusingKeyring()) is False


def test_failed_set_propagates() -> None:
    keyring.set_keyring(RefusingKeyring())
    with pytest.raises(keyring.errors.PasswordSetError):
        KeyringSecretStore().set("db/entry", "secret")


def test_delete_of_a_missing_entry_is_silent(caplog: pytest.LogCaptureFixture) -> None:
    keyring.set_keyring(MissingEntryKeyring())
    with caplog.at_level(logging.DEBUG):
        KeyringSecretStore().delete("db/entry")
    assert caplog.records == []


def test_non_string_value_reads_as_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "get_password", lambda _service, _entry: b"bytes")
    assert KeyringSecretStore().get("db/entry") is None


def test_is_secure_is_false_when_the_keyring_cannot_be_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> object:
        raise keyring.errors.InitError("no backend")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    assert KeyringSecretStore().is_secure() is False
