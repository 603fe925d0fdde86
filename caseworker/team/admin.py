"""Administering the team's server: install it, add and disable people, check it (``caseworker server …``).

Every function here works on a maintenance connection (:class:`MaintenanceAccess`): an account that may create
roles. What the server holds and why is in :mod:`caseworker.storage.server_admin` and docs/domain.md §9.2.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy import Engine

from caseworker.errors import DatabaseStateError
from caseworker.services import build_services
from caseworker.services.context import Clock, SystemClock
from caseworker.services.directory import OrganisationInput, StaffInput, StaffView
from caseworker.services.setup import FirstRunInput
from caseworker.storage import server_admin
from caseworker.storage.migrations import head_revision
from caseworker.storage.scram import scram_verifier
from caseworker.storage.server import ServerAddress, ServerLogin, connection_arguments, make_server_engine
from caseworker.storage.server_admin import ServerRoles
from caseworker.team.access_rules import (
    RULES_VERSION,
    install_schema,
    require_current_rules,
    rules_installed,
    rules_problem,
)
from caseworker.team.enrolment import EnrolmentCode

ENROLMENT_DAYS = 7
MIN_SERVER_VERSION = 150000


@dataclass(frozen=True)
class MaintenanceAccess:
    """How the administrator reaches the server: address, maintenance account, the association's CA."""

    address: ServerAddress
    user: str
    password: str = field(repr=False)
    ca_file: Path

    def login(self) -> ServerLogin:
        """The maintenance account as a login."""
        return ServerLogin(self.user, self.password)

    def connect(self, database: str | None = None) -> psycopg.Connection:
        """An autocommit connection (role and database commands cannot run inside a transaction)."""
        address = self.address if database is None else ServerAddress(self.address.host, self.address.port, database)
        arguments = connection_arguments(address, self.login(), self.ca_file, application_name="caseworker-admin")
        try:
            return psycopg.connect(**arguments, autocommit=True)
        except psycopg.OperationalError as exc:
            raise DatabaseStateError(describe_connection_failure(exc, self.address)) from None

    def engine(self) -> Engine:
        """An engine on the caseworker database as the maintenance account (the caller disposes of it)."""
        return make_server_engine(self.address, self.login(), self.ca_file)

    @contextmanager
    def open_engine(self) -> Iterator[Engine]:
        """An engine as :meth:`engine`, disposed of on leaving."""
        engine = self.engine()
        try:
            yield engine
        finally:
            engine.dispose()


def connection_failure_kind(exc: BaseException) -> str:
    """A short English word for the log saying why a connection failed (no name, no address: logs hold none)."""
    text = str(exc).lower()
    for kind, words in (
        ("certificate", ("certificate",)),
        ("password", ("password authentication failed", "no password supplied")),
        ("disabled", ("not permitted to log in",)),
        ("timeout", ("timeout", "timed out")),
        ("pg_hba", ("no pg_hba.conf entry",)),
    ):
        if any(word in text for word in words):
            return kind
    return "unreachable"


def describe_connection_failure(exc: BaseException, address: ServerAddress) -> str:
    """Say in French why the server could not be reached, without repeating what the driver printed."""
    text = str(exc).lower()
    if "certificate verify failed" in text or ("certificate" in text and "verif" in text):
        return (
            f"Le certificat présenté par {address.host} n'est pas signé par l'autorité de votre association : la "
            "connexion a été refusée (ce n'est peut-être pas votre serveur)."
        )
    if "does not match host name" in text or "server certificate for" in text:
        return f"Le certificat du serveur n'est pas au nom de « {address.host} » : la connexion a été refusée."
    if "password authentication failed" in text or "no password supplied" in text:
        return "Identifiant ou mot de passe refusé par le serveur."
    if "not permitted to log in" in text:
        return "Cet identifiant a été désactivé sur le serveur : voyez avec la personne qui l'administre."
    if "does not exist" in text and "database" in text:
        return f"La base « {address.database} » n'existe pas sur le serveur {address.host}."
    if "timeout" in text or "timed out" in text:
        return f"Le serveur {address.host}:{address.port} ne répond pas (délai dépassé). Réessayez plus tard."
    if "ssl" in text and ("not support" in text or "unsupported" in text):
        return (
            f"Le serveur {address.host} n'accepte pas les connexions chiffrées (TLS) : caseworker refuse de s'y "
            "connecter."
        )
    if "no pg_hba.conf entry" in text:
        return f"Le serveur {address.host} n'autorise pas cette connexion (pg_hba.conf)."
    return f"Impossible de joindre le serveur {address.host}:{address.port}. Vérifiez le réseau et l'adresse."


@dataclass(frozen=True)
class NewPerson:
    """A person to give a login to."""

    login: str
    first_name: str
    last_name: str
    role_code: str
    fte_percent: int = 100


def init_server(
    access: MaintenanceAccess,
    roles: ServerRoles,
    *,
    organisation: OrganisationInput,
    first_admin: NewPerson,
    clock: Clock | None = None,
) -> EnrolmentCode:
    """Install caseworker on the server: database, group roles, schema, the association and its first admin.

    Refuses a database that already holds caseworker data (run ``server migrate`` for an upgrade).
    Returns the first administrator's enrolment code.
    """
    clock = clock or SystemClock()
    server_admin.check_login_name(first_admin.login)
    create_database_if_missing(access)
    with access.connect(access.address.database) as connection:
        _check_server_version(connection)
        server_admin.create_group_roles(connection, roles, access.address.database)
    with access.open_engine() as engine:
        if server_admin.schema_revision(engine) is not None:
            raise DatabaseStateError(
                f"La base « {access.address.database} » contient déjà les données de caseworker : rien n'a été "
                "modifié. Pour une mise à jour, utilisez « caseworker server migrate »."
            )
        install_schema(engine, roles)
        services = build_services(engine, clock)
        admin = services.setup.complete_first_run(
            FirstRunInput(
                organisation=organisation,
                first_name=first_admin.first_name,
                last_name=first_admin.last_name,
                role_code=first_admin.role_code,
                fte_percent=first_admin.fte_percent,
            )
        )
        return give_login(access, roles, engine, admin, first_admin.login, clock)


def migrate_server(access: MaintenanceAccess, roles: ServerRoles) -> tuple[str | None, str]:
    """Upgrade the schema to this version's head (as the owner role) and renew the member group's rights."""
    with access.open_engine() as engine:
        before = server_admin.schema_revision(engine)
        if before is not None and before.isdigit() and int(before) > int(head_revision()):
            server_admin.require_current_schema(engine)
        rules = rules_installed(engine) if before is not None else None
        if rules is not None and rules > RULES_VERSION:  # never put older rules back
            require_current_rules(engine)
        install_schema(engine, roles)
    return before, head_revision()


def add_user(
    access: MaintenanceAccess, roles: ServerRoles, person: NewPerson, *, clock: Clock | None = None
) -> EnrolmentCode:
    """Add a person (their staff record and their login) and return their enrolment code."""
    clock = clock or SystemClock()
    server_admin.check_login_name(person.login)
    with access.open_engine() as engine:
        server_admin.require_current_schema(engine)
        services = build_services(engine, clock)
        if services.directory.staff_by_login(person.login) is not None:
            raise DatabaseStateError(f"L'identifiant « {person.login} » est déjà celui d'une personne de l'équipe.")
        own = services.setup.own_organisation_id()
        if own is None:
            raise DatabaseStateError("Le serveur n'est pas installé : lancez d'abord « caseworker server init ».")
        staff = _existing_without_login(services.directory.list_staff(), person) or services.directory.create_staff(
            StaffInput(person.first_name, person.last_name, person.role_code, own, fte_percent=person.fte_percent)
        )
        return give_login(access, roles, engine, staff, person.login, clock)


def _existing_without_login(staff: list[StaffView], person: NewPerson) -> StaffView | None:
    """The person's own record when it came from a local store (same names, same role, no login yet)."""
    for member in staff:
        same = (member.first_name.casefold(), member.last_name.casefold(), member.role_code) == (
            person.first_name.strip().casefold(),
            person.last_name.strip().casefold(),
            person.role_code,
        )
        if same and member.login is None:
            return member
    return None


def renew_enrolment(
    access: MaintenanceAccess, roles: ServerRoles, login: str, *, clock: Clock | None = None
) -> EnrolmentCode:
    """Make a new enrolment code for an existing person (a lost laptop, a forgotten password): the old one dies."""
    clock = clock or SystemClock()
    with access.open_engine() as engine:
        services = build_services(engine, clock)
        staff = services.directory.staff_by_login(server_admin.check_login_name(login))
        if staff is None or not staff.active:
            raise DatabaseStateError(f"Aucune personne active n'a l'identifiant « {login} ».")
    code = EnrolmentCode.new(access.address, login, access.ca_file.read_bytes(), _expiry(clock))
    with access.connect(access.address.database) as connection:
        server_admin.set_login_password(
            connection, login, scram_verifier(code.one_time_password), valid_until=code.expires_at
        )
    return code


def disable_user(access: MaintenanceAccess, roles: ServerRoles, login: str, *, clock: Clock | None = None) -> int:
    """Cut a person's access at once (login refused, sessions ended) and mark them gone; return sessions ended."""
    with access.connect(access.address.database) as connection:
        ended = server_admin.disable_login(connection, login)
    with access.open_engine() as engine:
        services = build_services(engine, clock or SystemClock())
        staff = services.directory.staff_by_login(login)
        if staff is not None and staff.active:
            services.directory.deactivate_staff(staff.id)
    return ended


def give_login(
    access: MaintenanceAccess, roles: ServerRoles, engine: Engine, staff: StaffView, login: str, clock: Clock
) -> EnrolmentCode:
    """Create ``login`` for an existing staff record, with a one-time password; return the enrolment code."""
    code = EnrolmentCode.new(access.address, login, access.ca_file.read_bytes(), _expiry(clock))
    with access.connect(access.address.database) as connection:
        server_admin.create_login(
            connection, roles, login, scram_verifier(code.one_time_password), valid_until=code.expires_at
        )
    build_services(engine, clock).directory.link_login(staff.id, login)
    return code


def _expiry(clock: Clock) -> datetime:
    return (clock.now() + timedelta(days=ENROLMENT_DAYS)).astimezone(timezone.utc).replace(microsecond=0)


def create_database_if_missing(access: MaintenanceAccess) -> None:
    """Create the caseworker database (UTF-8) when the server does not have it yet."""
    with access.connect("postgres") as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (access.address.database,)
        ).fetchone()
        if found is None:
            connection.execute(
                sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                    sql.Identifier(access.address.database)
                )
            )


def _check_server_version(connection: psycopg.Connection) -> None:
    if connection.info.server_version < MIN_SERVER_VERSION:
        raise DatabaseStateError(
            f"PostgreSQL {connection.info.server_version // 10000} est trop ancien : caseworker demande la "
            "version 15 ou plus récente."
        )


@dataclass(frozen=True)
class CheckItem:
    """One line of ``caseworker server check``: what was checked, whether it holds, and details."""

    label: str
    ok: bool
    detail: str = ""


def check_server(access: MaintenanceAccess, roles: ServerRoles) -> list[CheckItem]:
    """Check what team mode relies on; each item says in French what holds and what does not."""
    items: list[CheckItem] = []
    with access.connect(access.address.database) as connection:
        version = connection.info.server_version
        items.append(CheckItem("PostgreSQL 15 ou plus récent", version >= MIN_SERVER_VERSION, f"version {version}"))
        tls = connection.execute("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
        items.append(
            CheckItem(
                "Connexion chiffrée et certificat du serveur vérifié",
                bool(tls and tls[0]) and connection.info.pgconn.ssl_in_use,
                str(tls[1]) if tls and tls[1] else "",
            )
        )
        encryption = _setting(connection, "password_encryption")
        items.append(CheckItem("Mots de passe en SCRAM-SHA-256", encryption == "scram-sha-256", encryption))
        items.append(_hba_item(connection, access.address.database))
        missing = [name for name in (roles.owner, roles.member) if not server_admin.role_exists(connection, name)]
        items.append(CheckItem("Rôles de groupe présents", not missing, ", ".join(missing)))
        privileged = server_admin.privileged_members(connection, roles)
        items.append(
            CheckItem(
                "Aucune personne ne contourne les règles (superuser, BYPASSRLS…)", not privileged, ", ".join(privileged)
            )
        )
        changeable = server_admin.tables_people_may_change(connection, roles, server_admin.APPEND_ONLY_TABLES)
        items.append(CheckItem("Journaux en ajout seul pour chaque personne", not changeable, ", ".join(changeable)))
        foreign = server_admin.tables_not_owned_by(connection, roles.owner)
        items.append(CheckItem("Tables détenues par le rôle propriétaire", not foreign, ", ".join(foreign)))
        logins = server_admin.login_states(connection, roles)
        items += logging_items(connection)
    with access.open_engine() as engine:
        revision = server_admin.schema_revision(engine)
        rules = rules_problem(rules_installed(engine) if revision is not None else None)
    items.append(
        CheckItem(
            "Schéma à jour pour cette version",
            revision == head_revision(),
            f"révision {revision or 'aucune'}, attendue {head_revision()}",
        )
    )
    items.append(CheckItem("Règles d'accès à jour pour cette version", rules is None, rules or ""))
    active = sum(1 for state in logins if state.can_login)
    pending = sum(1 for state in logins if state.can_login and state.valid_until is not None)
    items.append(
        CheckItem(
            "Identifiants",
            True,
            f"{active} actif(s) dont {pending} en attente d'inscription, {len(logins) - active} désactivé(s)",
        )
    )
    return items


_FATAL_NOT_LOGGED = ("panic",)
"""``log_min_messages`` levels above FATAL: a failed log-in (reported at FATAL) would not reach the log."""


def logging_items(connection: psycopg.Connection) -> list[CheckItem]:
    """Whether the server's own log records failed log-ins and connections (docs/domain.md §9.2).

    A laptop whose log-in fails cannot write to the database: the server's log is where such attempts are kept.
    PostgreSQL logs a refused password at FATAL level (with the login and the client's address) unless
    ``log_min_messages`` is set to PANIC; successful connections are logged only with ``log_connections``.
    """
    level = _setting(connection, "log_min_messages")
    connections = _setting(connection, "log_connections")
    connections_logged = connections.lower() not in ("", "off", "false", "0")
    return [
        CheckItem(
            "Échecs de connexion consignés dans le journal du serveur",
            bool(level) and level not in _FATAL_NOT_LOGGED,
            f"log_min_messages = {level or '?'}",
        ),
        CheckItem(
            "Connexions consignées dans le journal du serveur",
            connections_logged,
            f"log_connections = {connections or '?'}"
            + ("" if connections_logged else " (à activer : ALTER SYSTEM SET log_connections = on)"),
        ),
    ]


def server_logging(access: MaintenanceAccess) -> list[CheckItem]:
    """:func:`logging_items` on the caseworker database (``server init`` says it at the end)."""
    with access.connect(access.address.database) as connection:
        return logging_items(connection)


def _setting(connection: psycopg.Connection, name: str) -> str:
    row = connection.execute("SELECT setting FROM pg_settings WHERE name = %s", (name,)).fetchone()
    return str(row[0]) if row else ""


def _hba_item(connection: psycopg.Connection, database: str) -> CheckItem:
    """Every rule that lets someone reach this database must require TLS and SCRAM (readable by a superuser)."""
    label = "Accès au serveur : TLS et SCRAM exigés (pg_hba.conf)"
    try:
        rows = connection.execute(
            "SELECT line_number, type, database, auth_method FROM pg_hba_file_rules WHERE error IS NULL"
        ).fetchall()
    except psycopg.Error:
        return CheckItem(label, True, "non vérifiable avec ce compte (réservé à un superutilisateur)")
    weak = [
        f"ligne {line} ({kind}, {method})"
        for line, kind, databases, method in rows
        if (databases is None or "all" in databases or database in databases)
        and method != "reject"
        # No password sent in clear or as MD5, no trust; over the network, TLS only.
        and (method in ("trust", "password", "md5", "ident") or kind not in ("local", "hostssl"))
    ]
    return CheckItem(label, not weak, ", ".join(weak))
