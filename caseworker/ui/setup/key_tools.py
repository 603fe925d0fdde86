"""What the setup and key-change screens need of the store's keys, as the composition root hands it over.

The UI never imports the storage layer: making a key (stretching a passphrase), judging a new passphrase, drawing
the recovery sheet and opening the store are callables that ``caseworker.app`` passes in. The protocols below name
only what the screens read of the values those callables return.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol


class RecoveryKeyText(Protocol):
    """A recovery key, as the screens show it."""

    def formatted(self) -> str:
        """Return the key in groups of four characters."""
        ...


class KeyMaterial(Protocol):
    """A new key prepared by the store (nothing written yet): the screens show its recovery key and pass it back."""

    @property
    def database_id(self) -> str:
        """The store's identifier, printed on the recovery sheet."""
        ...

    @property
    def recovery(self) -> RecoveryKeyText:
        """The recovery key that opens the store with this key."""
        ...


class KeptKeyNotice(Protocol):
    """An older key that backups still need, as the key-change dialog describes it."""

    @property
    def key_info(self) -> object | None:
        """``None`` when the key files of these backups cannot be read."""
        ...

    @property
    def backups(self) -> tuple[Path, ...]:
        """The backups it opens, newest first."""
        ...

    @property
    def deleted_from(self) -> date:
        """The first day the last of them may be deleted."""
        ...

    @property
    def in_keyring(self) -> bool:
        """The key is still in this computer's keyring."""
        ...

    @property
    def passphrase(self) -> bool:
        """The old passphrase opens these backups as well as the old recovery key."""
        ...

    @property
    def created_on(self) -> date | None:
        """The day printed on its recovery sheet, when known."""
        ...


class RecoverySheetPdf(Protocol):
    """Draws the recovery sheet as a one-page PDF."""

    def __call__(self, *, recovery_key: str, database_id: str, created_on: date, organisation_name: str) -> bytes:
        """Return the PDF bytes."""
        ...


class PassphraseProblems(Protocol):
    """Judges a new passphrase: problems by form field (``passphrase`` or ``confirm``), empty when it is fine."""

    def __call__(self, passphrase: str, confirmation: str, *, personal_words: Sequence[str] = ()) -> dict[str, str]:
        """Return the problems."""
        ...


@dataclass(frozen=True)
class KeyTools:
    """The key operations the wizard and the key-change dialog use (given by the composition root)."""

    prepare: Callable[[str | None], KeyMaterial]
    """Make a new key: stretched from the given passphrase, or random for the keyring when ``None`` (slow)."""
    passphrase_problems: PassphraseProblems
    recovery_sheet_pdf: RecoverySheetPdf


@dataclass(frozen=True)
class UnlockSecret:
    """What the person typed to open the store: a passphrase or the recovery key. Its repr never shows them."""

    passphrase: str | None = field(default=None, repr=False)
    recovery_key: str | None = field(default=None, repr=False)
