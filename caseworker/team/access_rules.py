"""The access rules on the team's server: row-level security and triggers built from the services' own rules.

The rule of who reads a contact note is written once, in :mod:`caseworker.services.support.note_access`; here it
becomes ``caseworker_may_read_note(contact_id)`` and the row-level security of ``contact_note``, for every
person's login (the member group). The contact log's author is the session's person, and cannot be changed; a
note's class, or its household, changes only for someone who may read the note (docs/domain.md §5.2, §9.2).
"""

from __future__ import annotations

import psycopg
from psycopg import sql
from sqlalchemy import Engine

from caseworker.services.support.note_access import note_rule_sql
from caseworker.storage import server_admin
from caseworker.storage.server_admin import ServerRoles


def install_schema(engine: Engine, roles: ServerRoles) -> None:
    """Migrate as the owner role, grant the member group its rights, and install the access rules."""
    server_admin.upgrade_schema(engine, roles)
    with engine.begin() as connection:
        connection.exec_driver_sql(f'SET LOCAL ROLE "{roles.owner}"')
        install_access_rules(connection.connection.dbapi_connection, roles)  # type: ignore[arg-type]


def install_access_rules(connection: psycopg.Connection, roles: ServerRoles) -> None:
    """(Re)create the rule functions, the policies and the triggers (run as the owner role, after each upgrade)."""
    member = sql.Identifier(roles.member)
    is_member = sql.SQL(
        "pg_has_role(session_user, {m}, 'MEMBER') AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"
    ).format(m=sql.Literal(roles.member))
    connection.execute(
        sql.SQL(
            "CREATE OR REPLACE FUNCTION caseworker_may_read_note(integer) RETURNS boolean LANGUAGE sql STABLE "
            "SECURITY DEFINER SET search_path = public, pg_catalog AS $rule$ {body} $rule$"
        ).format(body=sql.SQL(note_rule_sql()))
    )
    connection.execute("REVOKE ALL ON FUNCTION caseworker_may_read_note(integer) FROM PUBLIC")
    connection.execute(sql.SQL("GRANT EXECUTE ON FUNCTION caseworker_may_read_note(integer) TO {}").format(member))
    connection.execute("ALTER TABLE contact_note ENABLE ROW LEVEL SECURITY")
    connection.execute("DROP POLICY IF EXISTS contact_note_by_class ON contact_note")
    connection.execute(
        sql.SQL(
            "CREATE POLICY contact_note_by_class ON contact_note TO {} "
            "USING (caseworker_may_read_note(contact_id)) WITH CHECK (caseworker_may_read_note(contact_id))"
        ).format(member)
    )
    # The contact log: written by the person logged in; a note's class or household changes only with the right
    # to read it (else lowering the class would reveal it).
    connection.execute(
        sql.SQL(
            "CREATE OR REPLACE FUNCTION caseworker_guard_contact() RETURNS trigger LANGUAGE plpgsql "
            "SECURITY DEFINER SET search_path = public, pg_catalog AS $$ BEGIN "
            "IF NOT ({is_member}) THEN RETURN NEW; END IF; "
            "IF TG_OP = 'INSERT' THEN NEW.author_id := caseworker_session_staff(); RETURN NEW; END IF; "
            "IF NEW.author_id IS DISTINCT FROM OLD.author_id THEN "
            "RAISE EXCEPTION 'the author of a contact cannot change' USING ERRCODE = 'insufficient_privilege'; END IF; "
            "IF OLD.has_note AND (NEW.note_class IS DISTINCT FROM OLD.note_class "
            "OR NEW.household_id IS DISTINCT FROM OLD.household_id) AND NOT caseworker_may_read_note(OLD.id) THEN "
            "RAISE EXCEPTION 'this note cannot be reclassified by this person' "
            "USING ERRCODE = 'insufficient_privilege'; END IF; "
            "RETURN NEW; END $$"
        ).format(is_member=is_member)
    )
    connection.execute("REVOKE ALL ON FUNCTION caseworker_guard_contact() FROM PUBLIC")
    connection.execute("DROP TRIGGER IF EXISTS contact_guard ON contact")
    connection.execute(
        "CREATE TRIGGER contact_guard BEFORE INSERT OR UPDATE ON contact "
        "FOR EACH ROW EXECUTE FUNCTION caseworker_guard_contact()"
    )
