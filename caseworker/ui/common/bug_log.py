"""Logging the bugs the UI catches, through the logger the composition root installs.

What a log line may hold (no value typed by a person, so an exception's message is scrubbed) is the rule of
``caseworker.logging_setup``, which the UI does not import: ``caseworker.app`` installs its functions here at
start. Until then (a widget shown by a test) a bug is logged by its class name only, which breaks no rule.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

UncaughtLogger = Callable[[BaseException], None]
"""Logs a bug with its traceback (a known error by class name only)."""

ScrubbedLogger = Callable[[logging.Logger, str, BaseException], None]
"""Logs ``message`` on a logger with the traceback of an exception whose text is scrubbed."""


def _class_name_only(exc: BaseException) -> None:
    logging.getLogger("caseworker").error("uncaught %s", type(exc).__name__)


def _message_and_class_name(logger: logging.Logger, message: str, exc: BaseException) -> None:
    logger.error("%s (%s)", message, type(exc).__name__)


_uncaught: UncaughtLogger = _class_name_only
_scrubbed: ScrubbedLogger = _message_and_class_name


def install_bug_loggers(uncaught: UncaughtLogger, scrubbed: ScrubbedLogger) -> None:
    """Route the UI's bug logging to the application's loggers (called once by the composition root)."""
    global _uncaught, _scrubbed  # noqa: PLW0603 (one process-wide logging route, like sys.excepthook)
    _uncaught = uncaught
    _scrubbed = scrubbed


def log_bug(exc: BaseException) -> None:
    """Log a bug the UI caught and reported to the person."""
    _uncaught(exc)


def log_exception_scrubbed(logger: logging.Logger, message: str, exc: BaseException) -> None:
    """Log ``message`` with the traceback of ``exc``, its text replaced (it may quote personal data)."""
    _scrubbed(logger, message, exc)
