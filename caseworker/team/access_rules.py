"""The access rules on the team's server: row-level security and triggers built from the services' own rules.

The rule of who reads a contact note is written once, in :mod:`caseworker.services.support.note_access`; here it
becomes ``caseworker_may_read_note(contact_id)`` and the row-level security of ``contact_note``, for every
person's login (the member group). Likewise who reads consents (:mod:`caseworker.services.access_policy`) becomes
``caseworker_may_read_consents()`` and the row-level security of the consent register. A debrief note follows the
rule of an *équipe* note of the log (``caseworker_may_read_debrief_note``). The contact log's author is the
session's person, and cannot be changed; a note's class, or its household, changes only for someone who
may read the note (docs/domain.md §5.2, §9.2).
"""

from __future__ import annotations

import hashlib
from typing import Any, Protocol

import psycopg
from psycopg import sql
from sqlalchemy import Engine, text

from caseworker.domain import NoteClass
from caseworker.errors import DatabaseStateError
from caseworker.models import Base
from caseworker.services.access_policy import (
    TEAM_LEAD_ROLE,
    consent_rule_sql,
    household_staffed_sql,
    sees_all_households_sql,
    visible_households_sql,
)
from caseworker.services.board import panels
from caseworker.services.encounters import drop_in, sessions
from caseworker.services.households.listing import SEARCH_FUNCTION, SEEN_FUNCTION
from caseworker.services.support import caseloads
from caseworker.services.support.note_access import note_rule_sql
from caseworker.services.visibility import NOT_A_HOUSEHOLDS, ParentLink, hanging_tables
from caseworker.storage import server_admin
from caseworker.storage.server_admin import ServerRoles
from caseworker.storage.server_changes import install_change_notices


def install_schema(engine: Engine, roles: ServerRoles) -> None:
    """Migrate as the owner role, grant the member group its rights, and install the access rules."""
    server_admin.upgrade_schema(engine, roles)
    with engine.begin() as connection:
        connection.exec_driver_sql(f'SET LOCAL ROLE "{roles.owner}"')
        install_access_rules(connection.connection.dbapi_connection, roles)  # type: ignore[arg-type]


RULES_VERSION = 9
"""The version of what the server enforces beyond the schema: the access rules, the server's own functions (who
is working, the actor of each log line), the change notices and the member group's rights.

They change with the code, not always with the schema: a laptop checks at log-in that the server's are its own
(a search would call a function the server lacks, or the server would still enforce a rule the old way). Raise it
whenever :func:`rules_fingerprint` changes (a test compares it with :data:`RULES_FINGERPRINT`)."""

RULES_FINGERPRINT = "9965f543e622e919"
"""The fingerprint of the statements of :data:`RULES_VERSION` (as this version's libraries write them)."""

RULES_MARK = "caseworker_access_rules()"
"""On the server: returns the :data:`RULES_VERSION` installed (see :func:`require_current_rules`)."""


class _Executes(Protocol):
    """What writing the rules needs of a connection: a psycopg connection, or a recorder of the statements."""

    def execute(self, query: Any) -> object: ...


class _Recorder:
    """Keeps the statements that would install the rules, as text."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def execute(self, query: Any) -> object:
        self.statements.append(query if isinstance(query, str) else query.as_string(None))
        return None


def rules_fingerprint() -> str:
    """A fingerprint of everything :data:`RULES_VERSION` covers, as this code writes it (whatever the roles' prefix).

    For the test that keeps :data:`RULES_VERSION` honest; laptops and servers compare the version, which does not
    depend on how a library version renders a statement.
    """
    recorder = _Recorder()
    roles = ServerRoles()
    server_admin.install_server_functions(recorder, roles)  # type: ignore[arg-type]
    install_change_notices(recorder)  # type: ignore[arg-type]
    server_admin.grant_member_rights(recorder, roles)  # type: ignore[arg-type]
    _write_rules(recorder, roles)
    return hashlib.sha256("\n".join(recorder.statements).encode()).hexdigest()[:16]


def install_access_rules(connection: psycopg.Connection, roles: ServerRoles) -> None:
    """(Re)create the rule functions, the policies and the triggers (run as the owner role, after each upgrade)."""
    _write_rules(connection, roles)
    _rule_function(connection, sql.Identifier(roles.member), RULES_MARK, f"SELECT {RULES_VERSION}", returns="integer")


def rules_installed(engine: Engine) -> int | None:
    """The version of the rules on the server (None: rules from before versions, or none at all)."""
    with engine.connect() as connection:
        if connection.scalar(text(f"SELECT to_regprocedure('{RULES_MARK}')")) is None:
            return None
        found = connection.scalar(text(f"SELECT {RULES_MARK}"))
        return found if isinstance(found, int) else None


def rules_problem(installed: int | None) -> str | None:
    """What is wrong with the server's rules for this version, in French (None: they are this version's)."""
    if installed == RULES_VERSION:
        return None
    if installed is not None and installed > RULES_VERSION:
        return (
            "Les règles d'accès du serveur viennent d'une version plus récente de caseworker : mettez à jour "
            "caseworker sur cet ordinateur."
        )
    return "Les règles d'accès du serveur doivent être mises à jour pour cette version (caseworker server migrate)."


def require_current_rules(engine: Engine) -> None:
    """Refuse a server whose access rules are not this version's, in French (its schema may be current)."""
    problem = rules_problem(rules_installed(engine))
    if problem is not None:
        raise DatabaseStateError(problem)


def _write_rules(connection: _Executes, roles: ServerRoles) -> None:
    """The rule functions, the policies and the triggers of :func:`install_access_rules`."""
    member = sql.Identifier(roles.member)
    is_member = server_admin.member_session_sql(roles)
    _rule_function(connection, member, "caseworker_may_read_note(integer)", note_rule_sql())
    _policy(connection, member, "contact_note", "contact_note_by_class", "caseworker_may_read_note(contact_id)")
    # The notes of a meeting's minutes follow the same classes (an item has no author).
    _rule_function(connection, member, "caseworker_may_read_meeting_note(integer)", note_rule_sql("meeting_item", None))
    _policy(
        connection,
        member,
        "meeting_item_note",
        "meeting_item_note_by_class",
        "caseworker_may_read_meeting_note(item_id)",
    )
    # The minutes' texts without a class of their own are read as équipe notes with no author (docs/domain.md §5.2):
    # a household's view as one of the item's household, the general note as one of no household (so by nobody
    # off every team: not an administrator, nor a volunteer).
    _rule_function(
        connection,
        member,
        "caseworker_may_read_meeting_view(integer)",
        note_rule_sql("meeting_item", None, note_class=NoteClass.EQUIPE),
    )
    _policy(
        connection,
        member,
        "meeting_item_view",
        "meeting_item_view_by_class",
        "caseworker_may_read_meeting_view(item_id)",
    )
    _rule_function(
        connection,
        member,
        "caseworker_may_read_general_note()",
        note_rule_sql("meeting", None, note_class=NoteClass.EQUIPE, from_arguments=True)
        .replace("$1::integer", "NULL::integer")
        .replace("$2::integer", "NULL::integer"),
    )
    _policy(
        connection,
        member,
        "meeting_general_note",
        "meeting_general_note_by_class",
        "(SELECT caseworker_may_read_general_note())",  # the same for every row: once per statement
    )
    # A debrief note is an équipe note whose author is who wrote it (docs/domain.md §5.2, §11.2): a volunteer, or an
    # administrator off the household's team, reads only their own. Its text is in the row itself: the rule is
    # given the row's household and author, so that a note being written (INSERT … RETURNING) passes it too.
    _rule_function(
        connection,
        member,
        "caseworker_may_read_debrief_note(integer, integer)",
        note_rule_sql("debrief_note", "staff_member_id", note_class=NoteClass.EQUIPE, from_arguments=True),
    )
    _policy(
        connection,
        member,
        "debrief_note",
        "debrief_note_by_class",
        "caseworker_may_read_debrief_note(household_id, staff_member_id)",
    )
    # The consent register and what each consent covers: not for the roles that may not read consents.
    _rule_function(connection, member, "caseworker_may_read_consents()", consent_rule_sql())
    for table in ("consent", "consent_category_link", "legal_basis", "legal_basis_category_link"):
        _policy(connection, member, table, f"{table}_by_role", "caseworker_may_read_consents()")
    _household_visibility(connection, member)
    _guard(
        connection,
        "household",
        "INSERT OR UPDATE",
        is_member,
        # Who created a household sees it until a staff member is on its team: the server says who that is.
        "IF TG_OP = 'INSERT' THEN NEW.created_by_id := caseworker_session_staff(); RETURN NEW; END IF; "
        "IF NEW.created_by_id IS DISTINCT FROM OLD.created_by_id THEN "
        "RAISE EXCEPTION 'who created a household cannot change' USING ERRCODE = 'insufficient_privilege'; END IF; "
        "RETURN NEW;",
    )
    _guard(
        connection,
        "contact",
        "INSERT OR UPDATE OR DELETE",
        is_member,
        # The contact log: written by the person logged in. A contact that carries a note this person may not
        # read can be neither reclassified, moved, marked note-less nor deleted by them (each would reveal or
        # destroy the note). Whether a note exists is read from contact_note itself, not from has_note.
        "IF TG_OP = 'INSERT' THEN NEW.author_id := caseworker_session_staff(); RETURN NEW; END IF; "
        "IF EXISTS (SELECT 1 FROM contact_note WHERE contact_id = OLD.id) "
        "AND NOT caseworker_may_read_note(OLD.id) AND (TG_OP = 'DELETE' "
        "OR NEW.note_class IS DISTINCT FROM OLD.note_class OR NEW.household_id IS DISTINCT FROM OLD.household_id "
        "OR NEW.has_note IS DISTINCT FROM OLD.has_note) THEN "
        "RAISE EXCEPTION 'this contact carries a note this person may not read' "
        "USING ERRCODE = 'insufficient_privilege'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; "
        "IF NEW.author_id IS DISTINCT FROM OLD.author_id THEN "
        "RAISE EXCEPTION 'the author of a contact cannot change' USING ERRCODE = 'insufficient_privilege'; END IF; "
        "RETURN NEW;",
    )
    _guard(
        connection,
        "meeting_item",
        "UPDATE OR DELETE",
        is_member,
        # An item of the minutes whose note (or household's view) this person may not read can be neither
        # reclassified, moved to another household, marked note-less (view-less) nor deleted by them (as for a
        # contact of the log).
        "IF EXISTS (SELECT 1 FROM meeting_item_note WHERE item_id = OLD.id) "
        "AND NOT caseworker_may_read_meeting_note(OLD.id) AND (TG_OP = 'DELETE' "
        "OR NEW.note_class IS DISTINCT FROM OLD.note_class OR NEW.household_id IS DISTINCT FROM OLD.household_id "
        "OR NEW.has_note IS DISTINCT FROM OLD.has_note) THEN "
        "RAISE EXCEPTION 'this item of the minutes carries a note this person may not read' "
        "USING ERRCODE = 'insufficient_privilege'; END IF; "
        # The same for the household's view (an équipe text of the household).
        "IF EXISTS (SELECT 1 FROM meeting_item_view WHERE item_id = OLD.id) "
        "AND NOT caseworker_may_read_meeting_view(OLD.id) AND (TG_OP = 'DELETE' "
        "OR NEW.household_id IS DISTINCT FROM OLD.household_id "
        "OR NEW.has_household_view IS DISTINCT FROM OLD.has_household_view) THEN "
        "RAISE EXCEPTION 'this item of the minutes carries a view this person may not read' "
        "USING ERRCODE = 'insufficient_privilege'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;",
    )
    _guard(
        connection,
        "meeting",
        "UPDATE OR DELETE",
        is_member,
        # The same for the general note: its meeting can be neither unmarked nor deleted by who may not read it
        # (the note's row would go with it: a cascade passes over the row rules).
        "IF EXISTS (SELECT 1 FROM meeting_general_note WHERE meeting_id = OLD.id) "
        "AND NOT caseworker_may_read_general_note() AND (TG_OP = 'DELETE' "
        "OR NEW.has_general_note IS DISTINCT FROM OLD.has_general_note) THEN "
        "RAISE EXCEPTION 'this meeting carries a general note this person may not read' "
        "USING ERRCODE = 'insufficient_privilege'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;",
    )
    _guard(
        connection,
        "staff_member",
        "INSERT OR UPDATE",
        is_member,
        # Who a session is, and what their role lets them read, are not theirs to change: a login is given by the
        # server's administration only, and a role changes only by an administrator logged in.
        "IF TG_OP = 'INSERT' THEN IF NEW.login IS NOT NULL THEN "
        "RAISE EXCEPTION 'a login is given by the server administration' USING ERRCODE = 'insufficient_privilege'; "
        "END IF; RETURN NEW; END IF; "
        "IF NEW.login IS DISTINCT FROM OLD.login THEN "
        "RAISE EXCEPTION 'a login is given by the server administration' USING ERRCODE = 'insufficient_privilege'; "
        "END IF; "
        "IF NEW.role_id IS DISTINCT FROM OLD.role_id AND NOT EXISTS (SELECT 1 FROM staff_member s "
        "JOIN staff_role r ON r.id = s.role_id WHERE s.login = session_user::text AND r.code = 'administrateur') "
        "THEN RAISE EXCEPTION 'only an administrator changes a role' USING ERRCODE = 'insufficient_privilege'; "
        "END IF; "
        # Nor their own: an administrator off the team who made themself a nurse would read health notes.
        "IF NEW.role_id IS DISTINCT FROM OLD.role_id AND OLD.id = caseworker_session_staff() THEN "
        "RAISE EXCEPTION 'an administrator changes the roles of others, not their own' "
        "USING ERRCODE = 'insufficient_privilege'; END IF; RETURN NEW;",
    )
    _guard(
        connection,
        "extension",
        "INSERT OR UPDATE",
        is_member,
        # A renewal or an extension is approved by a team lead, logged in as themself.
        "IF NOT EXISTS (SELECT 1 FROM staff_member s JOIN staff_role r ON r.id = s.role_id "
        f"WHERE s.id = NEW.approver_id AND s.login = session_user::text AND r.code = '{TEAM_LEAD_ROLE}') THEN "
        "RAISE EXCEPTION 'an extension is approved by the team lead logged in' "
        "USING ERRCODE = 'insufficient_privilege'; END IF; RETURN NEW;",
    )
    _guard(
        connection,
        "legal_basis",
        "INSERT OR UPDATE OR DELETE",
        is_member,
        # Sharing despite a refusal is decided by a team lead, logged in as themself; once recorded, a legal basis
        # is only withdrawn (by a team lead too), never rewritten or deleted.
        f"IF NOT EXISTS (SELECT 1 FROM staff_member s JOIN staff_role r ON r.id = s.role_id "
        f"WHERE s.id = caseworker_session_staff() AND r.code = '{TEAM_LEAD_ROLE}') THEN "
        "RAISE EXCEPTION 'a legal basis is recorded by the team lead logged in' "
        "USING ERRCODE = 'insufficient_privilege'; END IF; "
        "IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'a legal basis is withdrawn, not deleted' "
        "USING ERRCODE = 'insufficient_privilege'; END IF; "
        "IF TG_OP = 'INSERT' THEN "
        "IF NEW.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM household_membership m "
        "WHERE m.household_id = NEW.household_id AND m.person_id = NEW.person_id) THEN "
        "RAISE EXCEPTION 'a legal basis names a member of its household' "
        "USING ERRCODE = 'insufficient_privilege'; END IF; "
        "NEW.decided_by_id := caseworker_session_staff(); NEW.withdrawn_on := NULL; NEW.withdrawn_by_id := NULL; "
        "NEW.created_at := now() AT TIME ZONE 'UTC'; RETURN NEW; END IF; "
        # An update is a withdrawal, once, dated between the decision and today; nothing else changes.
        "IF (NEW.household_id, NEW.person_id, NEW.recipient_id, NEW.ground, NEW.decided_on, NEW.ends_on, "
        "NEW.decided_by_id, NEW.created_at) IS DISTINCT FROM (OLD.household_id, OLD.person_id, OLD.recipient_id, "
        "OLD.ground, OLD.decided_on, OLD.ends_on, OLD.decided_by_id, OLD.created_at) OR OLD.withdrawn_on IS NOT NULL "
        "OR NEW.withdrawn_on IS NULL OR NEW.withdrawn_on < OLD.decided_on OR NEW.withdrawn_on > current_date THEN "
        "RAISE EXCEPTION 'a legal basis is only withdrawn' USING ERRCODE = 'insufficient_privilege'; END IF; "
        "NEW.withdrawn_by_id := caseworker_session_staff(); RETURN NEW;",
    )
    _guard(
        connection,
        "legal_basis_category_link",
        "INSERT OR UPDATE OR DELETE",
        is_member,
        # What a legal basis covers is part of the team lead's decision: its categories are written with it, in
        # the same transaction, by the same person, and never changed afterwards.
        "IF TG_OP <> 'INSERT' OR NOT EXISTS (SELECT 1 FROM legal_basis b WHERE b.id = NEW.legal_basis_id "
        "AND b.decided_by_id = caseworker_session_staff() "
        "AND b.xmin::text::bigint = txid_current() % 4294967296) THEN "
        "RAISE EXCEPTION 'what a legal basis covers is set once by the team lead who records it' "
        "USING ERRCODE = 'insufficient_privilege'; END IF; RETURN NEW;",
    )
    _guard(
        connection,
        "staff_role",
        "UPDATE OR DELETE",
        is_member,
        # The codes are what the access rules name: a person may rename a label, never a code.
        "IF TG_OP = 'DELETE' OR NEW.code IS DISTINCT FROM OLD.code THEN "
        "RAISE EXCEPTION 'a role code cannot change' USING ERRCODE = 'insufficient_privilege'; END IF; "
        "RETURN NEW;",
    )


# The tables whose rows are a household's but whose rule is not the household's alone: row-level security of their
# own already lets some roles through (notes by class, consents by role); seeing the household is then one more
# condition, not another way in.
_RULED_ALREADY = frozenset(
    {
        "contact_note",
        "meeting_item_note",
        "meeting_item_view",
        "debrief_note",
        "consent",
        "consent_category_link",
        "legal_basis",
        "legal_basis_category_link",
    }
)
_SEES_ALL = "(SELECT caseworker_sees_all_households())"
_VISIBLE = "(SELECT caseworker_visible_households())"
_SESSION_STAFF = "(SELECT caseworker_session_staff())"
"""Who is working, read once per statement (an init plan), not once per row."""


def _household_visibility(connection: _Executes, member: sql.Identifier) -> None:
    """Who sees which household, on the household and on every row that is a household's (docs/domain.md §2).

    Built from the models: a table that names its household follows it; a table that hangs from such a row (a
    contract's versions, an alert's steps, a debt's payments…) follows its parent, whose own row-level security
    applies inside the check; a person follows the households they are a member of.
    """
    _rule_function(connection, member, "caseworker_sees_all_households()", sees_all_households_sql())
    _rule_function(connection, member, "caseworker_household_staffed(integer)", household_staffed_sql())
    _rule_function(
        connection,
        member,
        "caseworker_person_placed(integer)",
        "SELECT EXISTS (SELECT 1 FROM household_membership WHERE person_id = $1)",
    )
    _rule_function(
        connection, member, "caseworker_visible_households()", visible_households_sql(), returns="SETOF integer"
    )
    # Caseloads are figures the whole service shares (how many households, never which): counted over all.
    _rule_function(
        connection, member, caseloads.SERVER_FUNCTION, caseloads.loads_sql(), returns=caseloads.SERVER_FUNCTION_RETURNS
    )
    # A session's whole attendance is a figure too (how many came, never who): counted over all households.
    _rule_function(
        connection,
        member,
        sessions.SERVER_FUNCTION,
        sessions.SERVER_FUNCTION_SQL,
        returns=sessions.SERVER_FUNCTION_RETURNS,
    )
    # The drop-in register's counts are the service's figures too (how many visits, from how many households).
    _rule_function(
        connection, member, drop_in.COUNTS_FUNCTION, drop_in.counts_sql(), returns=drop_in.COUNTS_FUNCTION_RETURNS
    )
    # The board's households past their no-contact threshold: the row rules of the intensity periods (a check of the
    # episode for each row) would cost more than the reading; this applies the household's rule once, on the episode.
    on_episode = f"{_SEES_ALL} OR episode.household_id IN {_VISIBLE}"
    _rule_function(
        connection,
        member,
        panels.SILENT_FUNCTION,
        panels.silent_sql(on_episode),
        returns=panels.SILENT_FUNCTION_RETURNS,
    )
    rules: dict[str, str] = {
        # The row a person just created (INSERT … RETURNING) must pass this too: its creator sees it, the same
        # condition as in caseworker_visible_households(), read on the row itself.
        # (CASE: the staffing test only for the rows one created. "created_by_id = …" is null on a row nobody
        # created through the app, and "null AND x" evaluates x: a call per household, 16 ms a thousand.)
        "household": f"{_SEES_ALL} OR id IN {_VISIBLE} OR CASE WHEN created_by_id = {_SESSION_STAFF} "
        "THEN NOT caseworker_household_staffed(id) ELSE false END",
        # Someone just entered has no household yet, until the membership that follows in the same transaction.
        # Who sees every household sees every person (the check of their memberships costs a reading of all).
        "person": f"{_SEES_ALL} OR EXISTS (SELECT 1 FROM household_membership m WHERE m.person_id = person.id) "
        "OR NOT caseworker_person_placed(id)",
    }
    hanging = hanging_tables()
    for table in Base.metadata.sorted_tables:
        if table.name in rules or table.name in NOT_A_HOUSEHOLDS:
            continue
        if "household_id" in table.c:
            column = table.c.household_id
            rule = f"{_SEES_ALL} OR household_id IN {_VISIBLE}"
            rules[table.name] = f"household_id IS NULL OR {rule}" if column.nullable else rule
        elif table.name in hanging:  # follows its parents, whose own row-level security applies inside the check
            conditions = []
            for link in hanging[table.name]:
                parent = f"EXISTS (SELECT 1 FROM {link.parent} p WHERE p.id = {table.name}.{link.column})"
                conditions.append(f"({link.column} IS NULL OR {parent})" if link.nullable else parent)
            rule = " AND ".join(conditions)
            # Who sees every household sees every row whose parents follow the household's rule alone: checking
            # the parents would read them all (a hashed scan of every episode for a few suspensions). Not when a
            # parent has rules of its own (a consent by role): then the parent is checked.
            rules[table.name] = rule if _ruled_above(table.name, hanging) else f"{_SEES_ALL} OR ({rule})"
    # The search by name on the index made for it (a trigram index): under row-level security the planner may not
    # use it (LIKE is not "leakproof": it would run before the household's rule), and reads every household. This
    # function reads the index with the owner's rights and applies the household's rule itself: the households the
    # person sees whose folded names contain the word (``listing.households_matching`` asks it).
    _rule_function(
        connection,
        member,
        SEARCH_FUNCTION,
        # The caller gives a word, never a pattern: a pattern of their own (a trailing backslash makes LIKE fail
        # only once the text before it has matched) would tell them, by an error, what hidden names contain.
        "SELECT id FROM household WHERE search_text LIKE '%' || replace(replace(replace($1, '\\', '\\\\'), "
        f"'%', '\\%'), '_', '\\_') || '%' AND ({rules['household']})",
        returns="SETOF integer",
    )
    # The households a person who does not see them all sees, for the list to start from: under row-level
    # security a word of one or two letters (no trigram), or no word, reads the list's index of names row by row,
    # every household of the association, for the few hundred of one referent's teams. (For who sees them all it
    # returns every household: the list does not ask it then.)
    _rule_function(
        connection,
        member,
        SEEN_FUNCTION,
        f"SELECT v FROM caseworker_visible_households() v WHERE NOT {_SEES_ALL} "
        f"UNION ALL SELECT id FROM household WHERE {_SEES_ALL}",
        returns="SETOF integer",
    )
    for name, rule in rules.items():
        if name not in _RULED_ALREADY:  # no rule of its own yet: every row, then the household's condition
            _policy(connection, member, name, f"{name}_rows", "true")
        _policy(connection, member, name, f"{name}_by_household", rule, restrictive=True)
    # A membership written names a person one already sees (or someone just entered): linking a person of a hidden
    # household into one's own would show them. Read through the owner's rights: the person rule reads memberships.
    _rule_function(
        connection,
        member,
        "caseworker_person_visible(integer)",
        f"SELECT {_SEES_ALL} OR NOT caseworker_person_placed($1) OR EXISTS (SELECT 1 FROM household_membership m "
        f"WHERE m.person_id = $1 AND m.household_id IN {_VISIBLE})",
    )
    for command in ("INSERT", "UPDATE"):
        name = f"household_membership_person_{command.lower()}"
        connection.execute(sql.SQL("DROP POLICY IF EXISTS {} ON household_membership").format(sql.Identifier(name)))
        connection.execute(
            sql.SQL(
                "CREATE POLICY {} ON household_membership AS RESTRICTIVE FOR {command} TO {} {using}"
                "WITH CHECK (caseworker_person_visible(person_id))"
            ).format(
                sql.Identifier(name),
                member,
                command=sql.SQL(command),
                using=sql.SQL("USING (true) " if command == "UPDATE" else ""),
            )
        )


def _ruled_above(table: str, hanging: dict[str, list[ParentLink]]) -> bool:
    """Tell whether a parent of ``table``, or a parent of theirs, has row rules beyond its household's."""
    return any(link.parent in _RULED_ALREADY or _ruled_above(link.parent, hanging) for link in hanging.get(table, []))


def _rule_function(
    connection: _Executes, member: sql.Identifier, signature: str, body: str, *, returns: str = "boolean"
) -> None:
    """A function of the rules, run with the owner's rights, callable by the member group only.

    ``body`` is one query. The function is PL/pgSQL, which keeps the query's plan for the rest of the connection: a
    SQL-language function is planned again at every call, and the household rule calls two of them in every
    statement that reads a household's rows (0.7 ms a statement, a fifth of a file's opening, before this). The
    query's names are columns, not the function's own (a ``TABLE`` function's output names the same things).
    """
    returned = "RETURN QUERY {body};" if returns.startswith(("SETOF", "TABLE")) else "RETURN ({body});"
    connection.execute(
        sql.SQL(
            "CREATE OR REPLACE FUNCTION {signature} RETURNS {returns} LANGUAGE plpgsql STABLE "
            "SECURITY DEFINER SET search_path = public, pg_catalog AS $rule$ #variable_conflict use_column\n"
            "BEGIN " + returned + " END $rule$"
        ).format(signature=sql.SQL(signature), returns=sql.SQL(returns), body=sql.SQL(body.strip()))
    )
    connection.execute(sql.SQL("REVOKE ALL ON FUNCTION {} FROM PUBLIC").format(sql.SQL(signature)))
    connection.execute(sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(sql.SQL(signature), member))


def _policy(
    connection: _Executes,
    member: sql.Identifier,
    table: str,
    name: str,
    rule: str,
    *,
    restrictive: bool = False,
) -> None:
    """Row-level security on ``table`` for the member group: rows ``rule`` refuses are neither seen nor written.

    A permissive policy is one way in (a row passes if any lets it); a restrictive one is a condition every row
    must meet besides.
    """
    connection.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(sql.Identifier(table)))
    connection.execute(sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(name), sql.Identifier(table)))
    connection.execute(
        sql.SQL("CREATE POLICY {} ON {} AS {kind} TO {} USING ({rule}) WITH CHECK ({rule})").format(
            sql.Identifier(name),
            sql.Identifier(table),
            member,
            kind=sql.SQL("RESTRICTIVE" if restrictive else "PERMISSIVE"),
            rule=sql.SQL(rule),
        )
    )


def _guard(connection: _Executes, table: str, events: str, is_member: sql.Composable, body: str) -> None:
    """A BEFORE trigger on ``table`` that runs ``body`` in a person's session only.

    The maintenance account and the owner role pass through.
    """
    function = sql.Identifier(f"caseworker_guard_{table}")
    connection.execute(
        sql.SQL(
            "CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql "
            "SECURITY DEFINER SET search_path = public, pg_catalog AS $$ BEGIN "
            "IF NOT {is_member} THEN IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END IF; "
            "{body} END $$"
        ).format(function=function, is_member=is_member, body=sql.SQL(body))
    )
    connection.execute(sql.SQL("REVOKE ALL ON FUNCTION {}() FROM PUBLIC").format(function))
    trigger = sql.Identifier(f"{table}_guard")
    connection.execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(trigger, sql.Identifier(table)))
    connection.execute(
        sql.SQL("CREATE TRIGGER {} BEFORE {} ON {} FOR EACH ROW EXECUTE FUNCTION {}()").format(
            trigger,
            sql.SQL(events),
            sql.Identifier(table),
            function,
        )
    )
