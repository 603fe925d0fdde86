"""The one place secrets go: a small interface over the OS keyring.

Nothing else in the application talks to ``keyring``. Settings never hold secrets.
"""

from __future__ import annotations

import logging
from typing import Protocol

import keyring
import keyring.errors

from caseworker import APP_NAME

log = logging.getLogger(__name__)

# Backends that store nothing, fail on every call, or write secrets to a file in a readable form.
_INSECURE_NAME_PARTS = ("fail", "null", "plaintext")
_INSECURE_MODULE_PREFIXES = ("keyrings.alt",)


class SecretStore(Protocol):
    """Keeps small secrets (the raw database key) between sessions."""

    def is_secure(self) -> bool:
        """Return True when secrets are protected by the operating system."""

    def describe(self) -> str:
        """Return a short name of the backend, for the settings page."""

    def get(self, entry: str) -> str | None:
        """Return the secret stored under ``entry``, or None."""

    def set(self, entry: str, secret: str) -> None:
        """Store ``secret`` under ``entry``."""

    def delete(self, entry: str) -> None:
        """Forget ``entry`` (no error when it does not exist)."""


def backend_is_secure(backend: object) -> bool:
    """Tell whether a keyring backend really protects secrets.

    Fail/null backends do not store anything; ``keyrings.alt`` backends keep secrets in a file, base64-encoded or
    behind a terminal prompt. A chainer is secure when one of its backends is.
    """
    children = getattr(backend, "backends", None)
    if children is not None and type(backend).__name__ == "ChainerBackend":
        return any(backend_is_secure(child) for child in children)
    cls = type(backend)
    name = cls.__name__.lower()
    module = cls.__module__
    if any(part in name for part in _INSECURE_NAME_PARTS):
        return False
    if module.startswith(_INSECURE_MODULE_PREFIXES):
        return False
    try:
        priority = float(getattr(backend, "priority", 0))
    except (TypeError, ValueError, keyring.errors.KeyringError):
        return False
    return priority >= 1


class KeyringSecretStore:
    """A :class:`SecretStore` over the ``keyring`` library (Secret Service, macOS Keychain, Windows Vault)."""

    def __init__(self, service: str = APP_NAME) -> None:
        self._service = service

    def is_secure(self) -> bool:
        """Return True when the active keyring backend protects secrets."""
        try:
            return backend_is_secure(keyring.get_keyring())
        except keyring.errors.KeyringError:
            return False

    def describe(self) -> str:
        """Return the backend's class name."""
        backend = keyring.get_keyring()
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def get(self, entry: str) -> str | None:
        """Return the secret, or None when missing or when the keyring refuses (locked, dismissed)."""
        try:
            value = keyring.get_password(self._service, entry)
        except keyring.errors.KeyringError as exc:
            log.warning("keyring read failed: %s", type(exc).__name__)
            return None
        return value if isinstance(value, str) else None

    def set(self, entry: str, secret: str) -> None:
        """Store the secret; keyring errors propagate (the caller must not lose the key)."""
        keyring.set_password(self._service, entry, secret)

    def delete(self, entry: str) -> None:
        """Remove the secret if it exists."""
        try:
            keyring.delete_password(self._service, entry)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            log.warning("keyring delete failed: %s", type(exc).__name__)
