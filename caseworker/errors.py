"""Errors meant for someone.

A :class:`KnownError` is an environmental problem the user can act on (wrong key, damaged file, database written
by a newer version…). It carries a French message that the GUI shows and the CLI prints; it is never a bug and is
not logged with a traceback. Anything else that escapes is our bug and is logged with detail (but never with
personal data).
"""

from __future__ import annotations


class KnownError(Exception):
    """A problem the user can understand and act on.

    Attributes:
        user_message: French text for the person in front of the screen.
        exit_code: process exit status used by the command line.
    """

    exit_code = 2

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class WrongKeyError(KnownError):
    """The key, passphrase or recovery key does not open the database."""

    exit_code = 3


class CorruptDatabaseError(KnownError):
    """The file is damaged or is not a caseworker database."""

    exit_code = 4


class NewerDatabaseError(KnownError):
    """The database was written by a newer version of caseworker."""

    exit_code = 5


class MigrationFailedError(KnownError):
    """An upgrade failed and the pre-upgrade backup was restored."""

    exit_code = 6


class KeyUnavailableError(KnownError):
    """No key could be obtained (keyring entry lost, no passphrase given…)."""

    exit_code = 7


class KeyChangeIncompleteError(KnownError):
    """The file uses the new key but the key file could not be updated (the next start finishes the change)."""

    exit_code = 12


class DatabaseStateError(KnownError):
    """The data directory is in a state we refuse to touch (e.g. database without its key file)."""

    exit_code = 8


class ServerUnavailableError(KnownError):
    """The team's server could not be reached, dropped the connection or did not answer in time (nothing saved)."""

    exit_code = 14
