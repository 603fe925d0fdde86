"""Hears the computer lock its session or go to sleep, so that the application locks too (F41; Linux, D-Bus).

Listened to: logind's ``PrepareForSleep(true)`` (Manager) and ``Lock`` (this session's object) on the system bus,
and ``ActiveChanged(true)`` of ``org.freedesktop.ScreenSaver`` and ``org.gnome.ScreenSaver`` on the session bus.
A bus that is absent (Windows, macOS, a minimal desktop, the tests) is simply not listened to: the idle delay
still locks.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

LOGIN1 = "org.freedesktop.login1"
LOGIN1_PATH = "/org/freedesktop/login1"
SCREEN_SAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")


class OsLockWatcher(QObject):
    """Emits :attr:`os_locked` when the operating system locks the session or suspends.

    Signals:
        os_locked: the screen was locked, or the computer is about to sleep.
    """

    os_locked = Signal()

    def __init__(self, parent: QObject | None = None, *, system_bus: object = None, session_bus: object = None) -> None:
        """Listen on the given buses (tests give private ones), else on the desktop's own when there are some."""
        super().__init__(parent)
        self.listening: list[str] = []
        if not sys.platform.startswith("linux"):
            return
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a build without Qt D-Bus
            return
        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        assert isinstance(system, QDBusConnection) and isinstance(session, QDBusConnection)
        if system.isConnected():
            self._listen(system, LOGIN1, LOGIN1_PATH, f"{LOGIN1}.Manager", "PrepareForSleep", "sleep_prepared(bool)")
            path = _own_session_path(system)
            if path:
                self._listen(system, LOGIN1, path, f"{LOGIN1}.Session", "Lock", "session_lock_requested()")
        if session.isConnected():
            for interface in SCREEN_SAVERS:
                self._listen(session, "", "", interface, "ActiveChanged", "screensaver_changed(bool)")

    def _listen(self, bus: object, service: str, path: str, interface: str, name: str, slot: str) -> None:
        from PySide6.QtCore import SLOT
        from PySide6.QtDBus import QDBusConnection

        assert isinstance(bus, QDBusConnection)
        # The stubs say bytes; PySide 6.11 accepts only the str that SLOT() returns.
        if bus.connect(service, path, interface, name, self, SLOT(slot)):  # type: ignore[call-overload]
            self.listening.append(f"{interface}.{name}")
        else:
            log.info("not listening to %s.%s", interface, name)

    @Slot(bool)
    def sleep_prepared(self, starting: bool) -> None:
        """logind: the computer is about to sleep (``True``) or has woken up."""
        if starting:
            self.os_locked.emit()

    @Slot()
    def session_lock_requested(self) -> None:
        """logind: this session is being locked (``loginctl lock-session``)."""
        self.os_locked.emit()

    @Slot(bool)
    def screensaver_changed(self, active: bool) -> None:
        """The desktop's screen saver or lock screen came on (``True``) or went off."""
        if active:
            self.os_locked.emit()


def _own_session_path(system: object) -> str:
    """Ask logind which session this process belongs to (its object emits ``Lock``); empty when it cannot say."""
    from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage, QDBusObjectPath

    assert isinstance(system, QDBusConnection)
    # "auto": the caller's own session (a process started from the desktop has one).
    message = QDBusMessage.createMethodCall(LOGIN1, LOGIN1_PATH, f"{LOGIN1}.Manager", "GetSession")
    message.setArguments(["auto"])
    reply = system.call(message, QDBus.CallMode.Block, 1000)
    arguments = reply.arguments() if reply.type() == QDBusMessage.MessageType.ReplyMessage else []
    if not arguments:
        return ""
    found = arguments[0]
    return found.path() if isinstance(found, QDBusObjectPath) else str(found)
