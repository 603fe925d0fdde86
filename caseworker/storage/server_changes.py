"""Team mode: the server tells every open laptop that a colleague changed something (PostgreSQL LISTEN/NOTIFY).

A trigger on each table that an open view shows sends, at commit, one notice per changed row on the channel
:data:`CHANNEL`: the table's name, the row's id and its household's id — never a name or any other value, since
every login listening receives every notice (docs/domain.md §9.2). PostgreSQL delivers a transaction's notices when
it commits (none if it rolls back) and sends identical ones once. What the laptop does with them is
:mod:`caseworker.team.live`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import psycopg
from psycopg import sql

CHANNEL = "caseworker_changes"
"""The one channel every laptop listens to."""

NOTIFIED_TABLES: dict[str, tuple[str, str | None]] = {
    # table: (the column naming its household, or its parent's row; the parent table whose household it is)
    "household": ("id", None),
    "household_membership": ("household_id", None),
    "occupancy": ("household_id", None),
    "contact": ("household_id", None),
    "alert": ("household_id", None),
    "alert_step": ("alert_id", "alert"),
    "alert_action": ("alert_id", "alert"),
    "episode": ("household_id", None),
    "intensity_period": ("episode_id", "episode"),
    "suspension": ("episode_id", "episode"),
    "extension": ("episode_id", "episode"),
    "team_membership": ("household_id", None),
    "consent": ("household_id", None),
    "legal_basis": ("household_id", None),
    "debt": ("household_id", None),
    "legal_procedure": ("household_id", None),
    "contract": ("household_id", None),
    "task": ("household_id", None),
    "debrief_note": ("household_id", None),
    "meeting_decision": ("household_id", None),
    "glissement_review": ("household_id", None),
    "housing_proposal": ("household_id", None),
    "right_opened": ("household_id", None),
    "after_care": ("household_id", None),
    "watch_entry": ("household_id", None),
    "drop_in_visit": ("household_id", None),
    "outreach_encounter": ("household_id", None),
    "collective_session_attendee": ("household_id", None),
}
"""What open views show and colleagues change, and how each row leads to its household."""


@dataclass(frozen=True)
class ChangeNotice:
    """One notice as the server sends it: which table, which row, which household (None: not a household's)."""

    table: str
    row_id: int | None
    household_id: int | None


def parse_notice(payload: str) -> ChangeNotice | None:
    """Read a notice's payload; None for anything this version does not understand (a newer server, a stranger)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("table"), str):
        return None
    row_id, household_id = data.get("id"), data.get("household")
    return ChangeNotice(
        data["table"],
        row_id if isinstance(row_id, int) else None,
        household_id if isinstance(household_id, int) else None,
    )


def install_change_notices(connection: psycopg.Connection) -> None:
    """(Re)create the notifying function and its triggers (run as the owner role, after each upgrade).

    The triggers run after each row is written, for everyone (a person, the maintenance account): a change made
    by the administration shows too. The household of a row that hangs from an alert or an episode is looked up.
    """
    connection.execute(
        sql.SQL(
            "CREATE OR REPLACE FUNCTION caseworker_notify_change() RETURNS trigger LANGUAGE plpgsql "
            "SET search_path = public, pg_catalog AS $$ "
            "DECLARE r jsonb; key bigint; household bigint; BEGIN "
            "IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF; "
            "key := (r ->> TG_ARGV[0])::bigint; household := key; "
            "IF TG_NARGS > 1 AND key IS NOT NULL THEN "
            "EXECUTE format('SELECT household_id FROM %I WHERE id = $1', TG_ARGV[1]) INTO household USING key; "
            "END IF; "
            "PERFORM pg_notify({channel}, json_build_object('table', TG_TABLE_NAME, 'id', (r ->> 'id')::bigint, "
            "'household', household)::text); "
            "RETURN NULL; END $$"
        ).format(channel=sql.Literal(CHANNEL))
    )
    connection.execute("REVOKE ALL ON FUNCTION caseworker_notify_change() FROM PUBLIC")
    for table, (column, parent) in NOTIFIED_TABLES.items():
        trigger = sql.Identifier(f"{table}_notify")
        arguments = [sql.Literal(column)] + ([sql.Literal(parent)] if parent else [])
        connection.execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(trigger, sql.Identifier(table)))
        connection.execute(
            sql.SQL(
                "CREATE TRIGGER {} AFTER INSERT OR UPDATE OR DELETE ON {} FOR EACH ROW "
                "EXECUTE FUNCTION caseworker_notify_change({})"
            ).format(trigger, sql.Identifier(table), sql.SQL(", ").join(arguments))
        )
