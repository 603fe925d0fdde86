"""Errors raised by services, each with a French message for the person who typed the data."""

from __future__ import annotations

from caseworker.errors import KnownError


class ValidationError(KnownError):
    """Input refused; ``errors`` maps each field name to the French reason (shown next to the field)."""

    exit_code = 9

    def __init__(self, errors: dict[str, str]) -> None:
        if not errors:
            raise ValueError("a validation error needs at least one message")
        self.errors = dict(errors)
        super().__init__("\n".join(self.errors.values()))


class NotFoundError(KnownError):
    """The record asked for does not exist (deleted in the meantime, or a wrong id)."""

    exit_code = 10


class TransitionError(KnownError):
    """A state change that the state machine does not allow."""

    exit_code = 11


class ConcurrentChangeError(TransitionError):
    """A save typed against an older version of a record: someone saved a newer one meanwhile, or deleted it.

    Nothing was written. The dialog keeps what was typed; once closed, the panel shows the newer version
    (:mod:`caseworker.services.row_versions`).
    """


class DeletedMeanwhileError(ConcurrentChangeError, NotFoundError):
    """A save about a record that no longer exists: deleted meanwhile (or a wrong id). Nothing was written."""
