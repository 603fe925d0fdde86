"""Logging to a rotating file in the per-user log directory.

Rules: log ids and event names, never names, notes or any value typed by a person. Database errors carry no
statement parameters (the engine hides them), and known errors are logged by class name only.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from caseworker.errors import KnownError
from caseworker.paths import log_dir

LOG_FILE_NAME = "caseworker.log"
CRASH_FILE_NAME = "crash.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_crash_stream: IO[str] | None = None


def configure_logging(*, verbose: bool = False, directory: Path | None = None) -> Path:
    """Send logs to ``<log dir>/caseworker.log`` (rotating, 5 × 1 MB) and return the directory."""
    target = directory or log_dir()
    target.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        target / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger()
    for existing in list(root.handlers):
        if isinstance(existing, logging.handlers.RotatingFileHandler):
            root.removeHandler(existing)
            existing.close()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # SQLAlchemy's own loggers would print statements (and parameters when echo is on): keep them quiet.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return target


def install_crash_handlers(directory: Path | None = None) -> None:
    """Log uncaught exceptions (our bugs) and hard crashes (stack frames only, no values)."""
    global _crash_stream  # noqa: PLW0603 (one process-wide crash file, kept open for faulthandler)
    target = directory or log_dir()
    target.mkdir(parents=True, exist_ok=True)
    if _crash_stream is None:
        _crash_stream = (target / CRASH_FILE_NAME).open("a", encoding="utf-8")
        faulthandler.enable(_crash_stream)
    sys.excepthook = log_uncaught_exception


def log_uncaught_exception(exc_type: type[BaseException], exc: BaseException, traceback: TracebackType | None) -> None:
    """Log a bug with its traceback; a known error is logged by class name only (its message may quote input)."""
    if isinstance(exc, KnownError):
        logging.getLogger("caseworker").warning("known error: %s", exc_type.__name__)
        return
    logging.getLogger("caseworker").error(
        "uncaught %s", exc_type.__name__, exc_info=(exc_type, _scrubbed(exc), traceback)
    )


def log_exception_scrubbed(logger: logging.Logger, message: str, exc: BaseException) -> None:
    """Log ``message`` with the traceback of ``exc``, its text replaced (it may quote personal data)."""
    logger.error("%s (%s)", message, type(exc).__name__, exc_info=(type(exc), _scrubbed(exc), exc.__traceback__))


def _scrubbed(exc: BaseException) -> BaseException:
    """Replace an exception's message by its class name: messages may quote values typed by a person."""
    try:
        scrubbed = type(exc).__new__(type(exc))
        scrubbed.args = ("(message omis : peut contenir des données personnelles)",)
    except Exception:
        return RuntimeError(type(exc).__name__)
    return scrubbed
