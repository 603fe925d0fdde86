"""Team mode: the SQLAlchemy engine over the association's PostgreSQL server.

Every connection is encrypted and authenticated both ways: TLS with the server certificate verified against the
association's certificate authority pinned when the laptop joined (``sslmode=verify-full``), and the person's own
database login (SCRAM-SHA-256, chosen by the server's ``pg_hba.conf``). The password travels in the connection
arguments, never in a URL, so that no repr, log line or error message carries it. Timeouts are bounded so a
dropped network never freezes a save: connecting, each statement, each lock wait, and a transaction left idle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import Engine, create_engine

from caseworker.errors import DatabaseStateError

DEFAULT_PORT = 5432
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[?[0-9A-Fa-f:.]{2,45}\]?")
_DATABASE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,62}")
CONNECT_TIMEOUT_SECONDS = 5
STATEMENT_TIMEOUT_MS = 15_000
LOCK_TIMEOUT_MS = 5_000
IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class ServerAddress:
    """Where the team's database lives (no credential here: this is what settings may keep)."""

    host: str
    port: int = DEFAULT_PORT
    database: str = "caseworker"

    def __post_init__(self) -> None:
        # A host name or an IP address only: a path would be a Unix socket, where libpq does not check the server's
        # certificate; anything else could smuggle connection options.
        if not _HOST.fullmatch(self.host) or not 0 < self.port < 65536 or not _DATABASE.fullmatch(self.database):
            raise DatabaseStateError(
                f"Adresse de serveur invalide : « {self.host}:{self.port}/{self.database} » (un nom de serveur ou une "
                "adresse IP, un port de 1 à 65535, un nom de base en lettres, chiffres, « _ » ou « - »)."
            )

    @classmethod
    def parse(cls, url: str) -> ServerAddress:
        """Read ``postgresql://host[:port]/database``; a user or password written in it is refused.

        Raises:
            DatabaseStateError: a French message saying what is wrong with the address.
        """
        parts = urlsplit(url.strip())
        if parts.scheme not in ("postgresql", "postgres"):
            raise DatabaseStateError(
                f"Adresse de serveur non reconnue : « {url} ». Attendu : postgresql://serveur[:port]/base."
            )
        if parts.password is not None:
            raise DatabaseStateError(
                "L'adresse du serveur ne doit pas contenir de mot de passe : il serait visible dans l'historique "
                "des commandes. Il est demandé à part."
            )
        try:
            port = parts.port or DEFAULT_PORT
        except ValueError:
            raise DatabaseStateError(f"Port invalide dans « {url} ».") from None
        host = parts.hostname or ""
        database = unquote(parts.path.lstrip("/")) or "caseworker"
        if not host:
            raise DatabaseStateError(f"Nom du serveur manquant dans « {url} ».")
        return cls(host=host, port=port, database=database)

    def __str__(self) -> str:
        return f"postgresql://{self.host}:{self.port}/{self.database}"


def login_name_in(url: str) -> str | None:
    """Return the login name written in ``url`` (``postgresql://name@host/db``), if any."""
    parts = urlsplit(url.strip())
    return unquote(parts.username) if parts.username else None


@dataclass(frozen=True)
class ServerLogin:
    """One person's database login. The password is never shown by ``repr``."""

    user: str
    password: str = field(repr=False)


def connection_arguments(
    address: ServerAddress, login: ServerLogin, ca_file: Path, *, application_name: str = "caseworker"
) -> dict[str, Any]:
    """Return the libpq keywords of a verified, bounded connection (also used by raw psycopg clients)."""
    options = " ".join(
        (
            f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
            f"-c lock_timeout={LOCK_TIMEOUT_MS}",
            f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_TIMEOUT_MS}",
            "-c TimeZone=UTC",
            # No just-in-time compilation: the row rules' subplans make the planner overestimate short reads, which
            # it then compiles for longer than they run (17 of the 40 ms of a board's query, measured).
            "-c jit=off",
        )
    )
    return {
        "host": address.host,
        "port": address.port,
        "dbname": address.database,
        "user": login.user,
        "password": login.password,
        "sslmode": "verify-full",
        "sslrootcert": str(ca_file),
        # TLS 1.2 at least; the server decides the rest.
        "ssl_min_protocol_version": "TLSv1.2",
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "application_name": application_name,
        "options": options,
        # A dropped network is noticed within seconds, not after the kernel's two hours.
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": 15_000,
    }


def make_server_engine(address: ServerAddress, login: ServerLogin, ca_file: Path, *, echo: bool = False) -> Engine:
    """Return an engine whose every connection is verified TLS as ``login``.

    Statement parameters are hidden from exception messages (as in local mode); a connection found dead is
    replaced before use (``pool_pre_ping``).
    """
    arguments = connection_arguments(address, login, ca_file)
    return create_engine(
        "postgresql+psycopg://",
        connect_args=arguments,
        hide_parameters=True,
        pool_pre_ping=True,
        pool_size=4,
        max_overflow=4,
        pool_timeout=CONNECT_TIMEOUT_SECONDS * 2,
        echo=echo,
    )
