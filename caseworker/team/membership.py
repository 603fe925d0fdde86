"""A laptop in team mode: joining the team's server once, then connecting as the person at each start.

The laptop keeps, in its data directory, ``team.json`` (the server's address and the person's login: nothing
secret) and ``team-ca.crt`` (the association's certificate authority, pinned when joining: every later connection
is verified against it and nothing else). The person's password is kept in the OS keyring when it is secure, and
asked at each start otherwise; never in a file, a setting, a log or a command line (docs/domain.md §9.2).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import psycopg

from caseworker.errors import DatabaseStateError
from caseworker.paths import DataPaths, restrict_to_owner
from caseworker.storage.scram import scram_verifier
from caseworker.storage.secret_store import SecretStore
from caseworker.storage.server import ServerAddress, ServerLogin, connection_arguments
from caseworker.team.admin import describe_connection_failure
from caseworker.team.enrolment import EnrolmentCode

TEAM_FILE = "team.json"
CA_FILE = "team-ca.crt"


@dataclass(frozen=True)
class TeamConfig:
    """Where this laptop's team server is and who logs in from it."""

    address: ServerAddress
    login: str
    ca_file: Path

    def keyring_entry(self) -> str:
        """The keyring entry of the person's password (one per login and server)."""
        return f"team:{self.login}@{self.address.host}:{self.address.port}/{self.address.database}"


def team_config_file(paths: DataPaths) -> Path:
    """Where the laptop's team configuration is (its presence means team mode)."""
    return paths.data_dir / TEAM_FILE


def load_team_config(paths: DataPaths) -> TeamConfig | None:
    """Return this laptop's team configuration, or None in local mode.

    Raises:
        DatabaseStateError: the file exists but cannot be read (nothing is changed).
    """
    path = team_config_file(paths)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        address = ServerAddress(str(data["host"]), int(data["port"]), str(data["database"]))
        return TeamConfig(address, str(data["login"]), paths.data_dir / CA_FILE)
    except (OSError, ValueError, KeyError, TypeError):
        raise DatabaseStateError(
            f"Le fichier « {path} » (serveur de l'équipe) est illisible. Rejoignez l'équipe à nouveau avec un "
            "nouveau code d'inscription."
        ) from None


def join_team(
    paths: DataPaths,
    code: EnrolmentCode,
    ca_pem: bytes,
    password: str,
    secret_store: SecretStore,
    *,
    now: datetime | None = None,
) -> TeamConfig:
    """Join the team's server with a one-time code: the person's own password replaces the code's at once.

    Raises:
        DatabaseStateError: wrong CA file, expired code, server unreachable or code already used; nothing is
            written on the laptop in that case.
    """
    code.check_authority(ca_pem)
    if (now or datetime.now(timezone.utc)) > code.expires_at:
        raise DatabaseStateError(
            "Ce code d'inscription a expiré : demandez-en un nouveau à la personne qui administre le serveur."
        )
    if team_config_file(paths).exists():
        raise DatabaseStateError("Cet ordinateur fait déjà partie d'une équipe.")
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    restrict_to_owner(paths.data_dir)
    with tempfile.TemporaryDirectory(dir=paths.data_dir) as scratch:
        trial_ca = Path(scratch) / CA_FILE
        trial_ca.write_bytes(ca_pem)
        arguments = connection_arguments(code.address, ServerLogin(code.login, code.one_time_password), trial_ca)
        try:
            with psycopg.connect(**arguments, autocommit=True) as connection:
                connection.execute("SELECT caseworker_complete_enrolment(%s)", (scram_verifier(password),))
        except psycopg.OperationalError as exc:
            message = describe_connection_failure(exc, code.address)
            if "refusé" in message and "Identifiant" in message:
                message = (
                    "Ce code d'inscription n'ouvre plus le serveur : il a déjà servi ou a été remplacé. Demandez-en "
                    "un nouveau à la personne qui administre le serveur."
                )
            raise DatabaseStateError(message) from None
    config = TeamConfig(code.address, code.login, paths.data_dir / CA_FILE)
    _write_private(config.ca_file, ca_pem)
    if secret_store.is_secure():
        secret_store.set(config.keyring_entry(), password)
    payload = {
        "host": code.address.host,
        "port": code.address.port,
        "database": code.address.database,
        "login": code.login,
    }
    _write_private(team_config_file(paths), (json.dumps(payload, indent=2) + "\n").encode("utf-8"))
    return config


def _write_private(path: Path, content: bytes) -> None:
    """Write through a temporary file and a rename: a crash never leaves half a file."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(content)
    restrict_to_owner(temporary)
    temporary.replace(path)
