"""One program at a time on a case store: an advisory lock on ``caseworker.lock`` in the data directory.

Two windows (or a window and ``caseworker db rekey``) on the same store could otherwise change the key under each
other's feet. The lock is released by the operating system if the process dies, so it never needs cleaning up.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from caseworker.errors import DatabaseStateError
from caseworker.paths import DataPaths, restrict_to_owner

LOCK_FILE_NAME = "caseworker.lock"


class StoreLock:
    """Holds the lock from :meth:`acquire` until :meth:`release` (or the end of a ``with`` block)."""

    def __init__(self, paths: DataPaths) -> None:
        self._path: Path = paths.data_dir / LOCK_FILE_NAME
        self._handle: IO[bytes] | None = None

    def acquire(self, *, wait_seconds: float = 0.0, on_wait: Callable[[], None] | None = None) -> None:
        """Take the lock, or explain who holds it.

        Args:
            wait_seconds: how long to wait for another process to let go (a command started during a key change
                waits for it to end instead of reading a store being rewritten).
            on_wait: called once if the lock is busy and we wait, to tell the person why nothing happens.

        Raises:
            DatabaseStateError: another caseworker process uses this store (still, after the wait).
        """
        if self._handle is not None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            restrict_to_owner(self._path.parent)
            handle = self._path.open("a+b")
        except (FileExistsError, NotADirectoryError):
            raise DatabaseStateError(
                f"« {self._path.parent} » n'est pas un dossier : les données de caseworker ne peuvent pas y être "
                "rangées. Déplacez ce fichier ou choisissez un autre dossier des données. Rien n'a été modifié."
            ) from None
        except OSError as exc:
            raise DatabaseStateError(
                f"Le verrou « {self._path} » ne peut pas être ouvert ({exc.strerror}) : vérifiez les droits sur le "
                "dossier des données. Rien n'a été modifié."
            ) from None
        deadline = time.monotonic() + wait_seconds
        waiting = False
        while True:
            try:
                _lock(handle)
                break
            except OSError:
                if time.monotonic() < deadline:
                    if not waiting and on_wait is not None:
                        on_wait()
                    waiting = True
                    time.sleep(0.1)
                    continue
            handle.close()
            raise DatabaseStateError(
                "Caseworker utilise déjà cette base (une autre fenêtre ou une commande en cours sur cet "
                "ordinateur). Fermez-la, puis réessayez."
            ) from None
        self._handle = handle

    def release(self) -> None:
        """Give the lock back."""
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover (Windows)
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
