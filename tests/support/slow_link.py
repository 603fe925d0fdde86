"""A network link whose slowness a test sets: a TCP relay on 127.0.0.1 that holds each chunk before passing it on.

Put between the app and the test server (the laptop's team file names the relay's port), it makes every round trip
to the server last at least :attr:`SlowLink.delay` seconds, as a poor connection from a tenant's home would.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time


class SlowLink:
    """Relays connections from a local port to ``target_port``; :attr:`delay` seconds added to each chunk."""

    def __init__(self, target_port: int, *, delay: float = 0.0) -> None:
        self.delay = delay
        self._target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._closed = threading.Event()
        threading.Thread(target=self._accept, name="slow-link", daemon=True).start()

    def close(self) -> None:
        """Stop relaying: every relayed connection is cut."""
        self._closed.set()
        self._listener.close()
        for sock in list(self._sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _address = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self._target_port))
            self._sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), name="slow-link", daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        while True:
            try:
                chunk = source.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            if self.delay:
                time.sleep(self.delay)
            try:
                sink.sendall(chunk)
            except OSError:
                break
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
