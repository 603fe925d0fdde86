"""Team mode: install the schema on the association's PostgreSQL server, and manage people's logins there.

What the server holds (docs/domain.md §9.2):

* ``<prefix>_owner`` (no login) owns every table, sequence and function: the migrations run as it. Row-level
  security does not apply to a table's owner, so nobody logs in as it.
* ``<prefix>_member`` (no login) is the group of every person: it may connect, read and write the case tables,
  and only append to the logs (no UPDATE, DELETE or TRUNCATE on ``audit_event``, ``disclosure`` and
  ``disclosure_consent_link``). Nothing else on the server is open to it, and PUBLIC loses CONNECT.
* one login per person, a member of ``<prefix>_member``, with a SCRAM-SHA-256 password, owning nothing. Disabling
  it (``NOLOGIN``) and ending its sessions cuts access at once.

Installed with the schema, owned by the owner role: the functions a person calls (enrolment, the session's staff),
the logs signed by the server (the person logged in and the server's time, whatever the client sent; consents attached
only to one's own disclosure), and the change notices that keep colleagues' open views current
(:mod:`caseworker.storage.server_changes`).

These commands run on a maintenance connection: an account of the hosting provider or the association's IT that
may create roles (superuser, or CREATEROLE and CREATEDB). People's logins never get that right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import psycopg
from psycopg import sql
from sqlalchemy import Engine

from caseworker.domain.directory import LOGIN_PATTERN, LOGIN_RULE
from caseworker.errors import DatabaseStateError
from caseworker.storage.migrations import current_revision, head_revision, upgrade_to_head
from caseworker.storage.server_changes import install_change_notices

APPEND_ONLY_TABLES = ("audit_event", "disclosure", "disclosure_consent_link", "export_run")
"""The logs: people may add to them and read them, never change or empty them."""

DERIVED_TABLES = ("household_last_contact",)
"""Figures the database's own triggers keep from other tables (migration 0022): people read them, never write them
(the triggers write them with the owner's rights). A copy to the server leaves them to the triggers too."""

ACTOR_STAMPED_TABLES = ("audit_event", "disclosure", "export_run")
"""Logs whose ``staff_member_id`` the server fills from the session's login, whatever the client sent."""

EXTENSIONS = ("pg_trgm",)
"""Trusted extensions the schema needs (the household search's trigram index, migration 0014)."""

_PREFIX = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class ServerRoles:
    """The group roles of one caseworker database (role names are shared by every database of a cluster)."""

    prefix: str = "caseworker"

    def __post_init__(self) -> None:
        if not _PREFIX.match(self.prefix):
            raise DatabaseStateError(
                f"Préfixe de rôles invalide : « {self.prefix} » (lettres minuscules, chiffres et _, 40 au plus)."
            )

    @property
    def owner(self) -> str:
        """The role that owns the schema (no login)."""
        return f"{self.prefix}_owner"

    @property
    def member(self) -> str:
        """The group every person's login belongs to (no login)."""
        return f"{self.prefix}_member"


def check_login_name(login: str) -> str:
    """Return ``login`` if it can name a person's database login, else raise with a French message."""
    if not LOGIN_PATTERN.match(login):
        raise DatabaseStateError(f"Identifiant invalide : « {login} ». Attendu : {LOGIN_RULE}.")
    return login


def role_exists(connection: psycopg.Connection, name: str) -> bool:
    """Tell whether a role of that name exists on the server (roles are shared by all its databases)."""
    return connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone() is not None


def create_group_roles(connection: psycopg.Connection, roles: ServerRoles, database: str) -> None:
    """Create the owner and member roles (once) and close the database to everyone else.

    The maintenance account becomes a member of the owner role so that it can run migrations as it.
    """
    for name in (roles.owner, roles.member):
        if not role_exists(connection, name):
            connection.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
    # The owner ends an enrolment (caseworker_complete_enrolment) by making the person's login permanent.
    connection.execute(sql.SQL("ALTER ROLE {} CREATEROLE").format(sql.Identifier(roles.owner)))
    connection.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(roles.owner)))
    db = sql.Identifier(database)
    connection.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(db))
    connection.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(db, sql.Identifier(roles.member)))
    connection.execute(sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(db, sql.Identifier(roles.owner)))
    connection.execute(sql.SQL("REVOKE ALL ON SCHEMA public FROM PUBLIC"))
    connection.execute(sql.SQL("GRANT USAGE, CREATE ON SCHEMA public TO {}").format(sql.Identifier(roles.owner)))
    # Granted here, by the maintenance account: the schema belongs to the database's owner, not to the owner role.
    connection.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(sql.Identifier(roles.member)))


def upgrade_schema(engine: Engine, roles: ServerRoles) -> None:
    """Run the migrations as the owner role, then give the member group its rights on what they created.

    The extensions the schema uses are installed first by the maintenance account (it owns the database, or is
    superuser): ``pg_trgm`` is trusted (PostgreSQL 13+), but creating one needs CREATE on the database, which the
    owner role does not have.
    """
    with engine.begin() as connection:
        for extension in EXTENSIONS:
            connection.exec_driver_sql(f'CREATE EXTENSION IF NOT EXISTS "{extension}"')
        connection.exec_driver_sql(f'SET LOCAL ROLE "{roles.owner}"')
        upgrade_to_head(connection)
        raw = connection.connection.dbapi_connection
        install_server_functions(raw, roles)  # type: ignore[arg-type]
        install_change_notices(raw)  # type: ignore[arg-type]
        grant_member_rights(raw, roles)  # type: ignore[arg-type]


def member_session_sql(roles: ServerRoles) -> sql.Composable:
    """True in a person's session: a member of the group, neither superuser nor holding the owner role.

    (A superuser is a member of every role, and on PostgreSQL 16+ the account that created the group may be
    counted as one: the maintenance account holds the owner role, a person never does.)
    """
    return sql.SQL(
        "(pg_has_role(session_user, {m}, 'USAGE') AND NOT pg_has_role(session_user, {o}, 'MEMBER') "
        "AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user))"
    ).format(m=sql.Literal(roles.member), o=sql.Literal(roles.owner))


def install_server_functions(connection: psycopg.Connection, roles: ServerRoles) -> None:
    """The functions a person calls to do what their login alone may not (owned by the owner role)."""
    # Joining a laptop: replace the one-time password by the person's own (a SCRAM verifier, never a clear
    # password) and make the login permanent, in one step, for the session's own login only.
    connection.execute(
        sql.SQL(
            "CREATE OR REPLACE FUNCTION caseworker_complete_enrolment(verifier text) RETURNS void "
            "LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$ "
            "DECLARE until timestamptz; BEGIN "
            "IF NOT pg_has_role(session_user, {member}, 'MEMBER') THEN "
            "RAISE EXCEPTION 'not a caseworker login' USING ERRCODE = 'insufficient_privilege'; END IF; "
            "IF verifier NOT LIKE 'SCRAM-SHA-256$%' THEN "
            "RAISE EXCEPTION 'a SCRAM verifier is expected' USING ERRCODE = 'invalid_parameter_value'; END IF; "
            "EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', session_user, verifier, 'infinity'); "
            "END $$"
        ).format(member=sql.Literal(roles.member))
    )
    # Who is working: the staff record whose login is the session's. SECURITY DEFINER: it reads staff_member
    # whatever the caller may read there; session_user cannot be changed by SET ROLE.
    connection.execute(
        "CREATE OR REPLACE FUNCTION caseworker_session_staff() RETURNS integer LANGUAGE plpgsql STABLE "
        "SECURITY DEFINER SET search_path = public, pg_catalog AS "
        "$$ BEGIN RETURN (SELECT id FROM staff_member WHERE login = session_user::text); END $$"
    )
    # The logs name the person logged in, at the server's time (UTC, naive as the column stores it), whatever the
    # client wrote: nobody can sign as someone else, nor date an entry in the past. The maintenance account (not a
    # member) writes as it says (an installation, a migration from a local store keeps its dates).
    connection.execute(
        sql.SQL(
            "CREATE OR REPLACE FUNCTION caseworker_stamp_actor() RETURNS trigger LANGUAGE plpgsql "
            "SECURITY DEFINER SET search_path = public, pg_catalog AS $$ BEGIN "
            "IF {is_member} THEN NEW.staff_member_id := caseworker_session_staff(); "
            "NEW.at := now() AT TIME ZONE 'UTC'; END IF; RETURN NEW; END $$"
        ).format(is_member=member_session_sql(roles))
    )
    for table in ACTOR_STAMPED_TABLES:
        trigger = sql.Identifier(f"{table}_actor")
        connection.execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(trigger, sql.Identifier(table)))
        connection.execute(
            sql.SQL(
                "CREATE TRIGGER {} BEFORE INSERT ON {} FOR EACH ROW EXECUTE FUNCTION caseworker_stamp_actor()"
            ).format(trigger, sql.Identifier(table))
        )
    connection.execute("REVOKE ALL ON FUNCTION caseworker_stamp_actor() FROM PUBLIC")
    install_disclosure_link_guard(connection, roles)
    connection.execute("REVOKE ALL ON FUNCTION caseworker_session_staff() FROM PUBLIC")
    connection.execute(
        sql.SQL("GRANT EXECUTE ON FUNCTION caseworker_session_staff() TO {}").format(sql.Identifier(roles.member))
    )
    function = sql.SQL("caseworker_complete_enrolment(text)")
    connection.execute(sql.SQL("REVOKE ALL ON FUNCTION {} FROM PUBLIC").format(function))
    connection.execute(sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(function, sql.Identifier(roles.member)))


def install_disclosure_link_guard(connection: psycopg.Connection, roles: ServerRoles) -> None:
    """The consents a disclosure relied on are linked by the person who made it, in their own session.

    Otherwise anyone could attach a consent to a colleague's disclosure and make it look covered. The maintenance
    account (a migration from a local store) copies the links as they are.
    """
    connection.execute(
        sql.SQL(
            "CREATE OR REPLACE FUNCTION caseworker_guard_disclosure_link() RETURNS trigger LANGUAGE plpgsql "
            "SECURITY DEFINER SET search_path = public, pg_catalog AS $$ BEGIN "
            "IF {is_member} AND NOT EXISTS (SELECT 1 FROM disclosure WHERE id = NEW.disclosure_id "
            "AND staff_member_id = caseworker_session_staff()) THEN "
            "RAISE EXCEPTION {message} USING ERRCODE = 'insufficient_privilege'; END IF; RETURN NEW; END $$"
        ).format(
            is_member=member_session_sql(roles),
            message=sql.Literal(
                "Seule la personne qui a fait une transmission peut y rattacher les consentements qui la couvrent."
            ),
        )
    )
    connection.execute("REVOKE ALL ON FUNCTION caseworker_guard_disclosure_link() FROM PUBLIC")
    connection.execute("DROP TRIGGER IF EXISTS disclosure_consent_link_guard ON disclosure_consent_link")
    connection.execute(
        "CREATE TRIGGER disclosure_consent_link_guard BEFORE INSERT ON disclosure_consent_link FOR EACH ROW "
        "EXECUTE FUNCTION caseworker_guard_disclosure_link()"
    )


def grant_member_rights(connection: psycopg.Connection, roles: ServerRoles) -> None:
    """Grant the member group what people need, and no more (run after every upgrade: new tables)."""
    member = sql.Identifier(roles.member)
    statements = [
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(member),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(member),
        sql.SQL("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {}").format(member),
        # Local mode's per-person PINs: on the server the login is the credential, and nobody reads this table.
        sql.SQL("REVOKE ALL ON staff_credential FROM {}").format(member),
    ]
    statements += [
        sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(sql.Identifier(table), member)
        for table in APPEND_ONLY_TABLES
    ]
    statements += [
        sql.SQL("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(sql.Identifier(table), member)
        for table in DERIVED_TABLES
    ]
    for statement in statements:
        connection.execute(statement)


def schema_revision(engine: Engine) -> str | None:
    """Return the revision the server's schema is at (None for an empty database)."""
    with engine.connect() as connection:
        return current_revision(connection)


def require_current_schema(engine: Engine) -> None:
    """Refuse a server whose schema is older or newer than this version of caseworker, in French."""
    revision = schema_revision(engine)
    head = head_revision()
    if revision is None:
        raise DatabaseStateError(
            "La base du serveur est vide : elle doit d'abord être installée (caseworker server init)."
        )
    if revision != head:
        newer = revision.isdigit() and head.isdigit() and int(revision) > int(head)
        raise DatabaseStateError(
            "La base du serveur a été mise à jour par une version plus récente de caseworker : mettez à jour "
            "caseworker sur cet ordinateur."
            if newer
            else "La base du serveur doit être mise à jour pour cette version (caseworker server migrate)."
        )


@dataclass(frozen=True)
class LoginState:
    """A person's database login as the server sees it (``valid_until`` None: no end date)."""

    login: str
    can_login: bool
    valid_until: datetime | None
    member: bool


def create_login(
    connection: psycopg.Connection,
    roles: ServerRoles,
    login: str,
    verifier: str,
    *,
    valid_until: datetime | None = None,
) -> None:
    """Create a person's login, a member of the group, with a SCRAM verifier (never a clear password).

    Raises:
        DatabaseStateError: the name is invalid or already taken on this server.
    """
    check_login_name(login)
    if role_exists(connection, login):
        raise DatabaseStateError(f"L'identifiant « {login} » existe déjà sur ce serveur.")
    statement = sql.SQL(
        "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT "
        "CONNECTION LIMIT 20 PASSWORD {} VALID UNTIL {} IN ROLE {}"
    ).format(
        sql.Identifier(login),
        sql.Literal(verifier),
        sql.Literal(valid_until.isoformat() if valid_until else "infinity"),
        sql.Identifier(roles.member),
    )
    connection.execute(statement)
    if connection.info.server_version >= 160000:
        # From PostgreSQL 16, CREATEROLE alone no longer lets the owner role end this login's enrolment
        # (caseworker_complete_enrolment): it needs the ADMIN option on it, without its privileges.
        connection.execute(
            sql.SQL("GRANT {} TO {} WITH ADMIN TRUE, INHERIT FALSE, SET FALSE").format(
                sql.Identifier(login), sql.Identifier(roles.owner)
            )
        )


def set_login_password(
    connection: psycopg.Connection, login: str, verifier: str, *, valid_until: datetime | None = None
) -> None:
    """Replace a login's password (a SCRAM verifier) and its validity, and allow it to log in again."""
    connection.execute(
        sql.SQL("ALTER ROLE {} LOGIN PASSWORD {} VALID UNTIL {}").format(
            sql.Identifier(check_login_name(login)),
            sql.Literal(verifier),
            sql.Literal(valid_until.isoformat() if valid_until else "infinity"),
        )
    )


def disable_login(connection: psycopg.Connection, login: str) -> int:
    """Forbid a login and end its open sessions at once; return how many sessions were ended."""
    check_login_name(login)
    if not role_exists(connection, login):
        raise DatabaseStateError(f"Aucun identifiant « {login} » sur ce serveur.")
    connection.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(login)))
    ended = connection.execute(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = %s",
        (login,),
    ).fetchone()
    return int(ended[0]) if ended else 0


def login_states(connection: psycopg.Connection, roles: ServerRoles) -> list[LoginState]:
    """Return every login that is a member of the group, by name."""
    rows = connection.execute(
        "SELECT r.rolname, r.rolcanlogin, CASE WHEN r.rolvaliduntil = 'infinity' THEN NULL ELSE r.rolvaliduntil END, "
        "true FROM pg_roles r "
        "JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid "
        "WHERE g.rolname = %s ORDER BY r.rolname",
        (roles.member,),
    ).fetchall()
    return [LoginState(name, bool(can), until, bool(member)) for name, can, until, member in rows]


def privileged_members(connection: psycopg.Connection, roles: ServerRoles) -> list[str]:
    """Return members of the group that could escape its rules (superuser, BYPASSRLS, CREATEROLE, owning objects)."""
    rows = connection.execute(
        "SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid "
        "JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = %s AND (r.rolsuper OR r.rolbypassrls "
        "OR r.rolcreaterole OR r.rolcreatedb OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid) "
        "OR EXISTS (SELECT 1 FROM pg_proc p WHERE p.proowner = r.oid)) ORDER BY r.rolname",
        (roles.member,),
    ).fetchall()
    return [row[0] for row in rows]


def tables_people_may_change(connection: psycopg.Connection, roles: ServerRoles, tables: Iterable[str]) -> list[str]:
    """Return which of ``tables`` the member group may UPDATE, DELETE or TRUNCATE (should be none of the logs)."""
    found = []
    for table in tables:
        row = connection.execute(
            "SELECT has_table_privilege(%s, %s, 'UPDATE') OR has_table_privilege(%s, %s, 'DELETE') "
            "OR has_table_privilege(%s, %s, 'TRUNCATE')",
            (roles.member, table) * 3,
        ).fetchone()
        if row and row[0]:
            found.append(table)
    return found


def tables_not_owned_by(connection: psycopg.Connection, owner: str) -> list[str]:
    """Return the tables of the schema that another role owns (people's rules would not hold on them)."""
    rows = connection.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_get_userbyid(c.relowner) <> %s "
        "ORDER BY c.relname",
        (owner,),
    ).fetchall()
    return [row[0] for row in rows]
