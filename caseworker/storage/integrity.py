"""Integrity checks of an encrypted file, on a plain keyed connection.

No engine is involved: an engine's connections switch the file to WAL mode (a header write), and a damaged file
must be left exactly as it was. The checks only read: SQLCipher's page HMACs (every page carries one, so a
single flipped byte anywhere is found), then SQLite's own structure checks, the foreign keys, the audit log's
triggers and the household search index (FTS5 checks it in a statement that writes nothing, rolled back anyway).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from caseworker.errors import CorruptDatabaseError
from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.engine import DatabaseError, connect_raw
from caseworker.storage.search_index import HOUSEHOLD_SEARCH, SEARCH_INDEX_TRIGGERS

REQUIRED_TRIGGERS = frozenset({"audit_event_no_update", "audit_event_no_delete"})
"""The triggers that keep the audit log append-only; a store without them is not trusted."""

LAST_CONTACT = "household_last_contact"
LAST_CONTACT_TRIGGERS = frozenset(
    {f"{LAST_CONTACT}_insert", f"{LAST_CONTACT}_update", f"{LAST_CONTACT}_delete", f"{LAST_CONTACT}_outcome"}
)
"""The triggers that keep each household's last successful contact from the contact log (migration 0022)."""

_LAST_CONTACT_DIFFERENCES = (
    "SELECT count(*) FROM ("
    "SELECT household_id, reached_at FROM household_last_contact EXCEPT "
    "SELECT c.household_id, max(c.occurred_at) FROM contact c JOIN contact_outcome o ON o.id = c.outcome_id "
    "WHERE o.kind = 'reached' GROUP BY c.household_id) "
    "UNION ALL SELECT count(*) FROM ("
    "SELECT c.household_id, max(c.occurred_at) FROM contact c JOIN contact_outcome o ON o.id = c.outcome_id "
    "WHERE o.kind = 'reached' GROUP BY c.household_id EXCEPT "
    "SELECT household_id, reached_at FROM household_last_contact)"
)


def file_problems(
    db_file: Path, key: DatabaseKey, *, structure: bool = True, consistency: bool = True, search_index: bool = True
) -> list[str]:
    """Return what is wrong with the file, in French (empty when nothing is).

    The page HMACs are always checked: it reads every page once and finds any change to the file, the cheapest
    complete check of damage.

    Args:
        db_file: an encrypted database or backup.
        key: its key (a wrong key raises, it is not a "problem").
        structure: also run SQLite's integrity check (b-trees, indexes).
        consistency: also run the foreign-key check and look for the audit log's and the search index's triggers.
        search_index: with ``consistency``, also check that the search index holds exactly the households' names
            (:func:`_search_index_problems`; 0.4 s at 100,000 households) and the last contacts exactly what the
            contact log says. ``caseworker db check`` asks it; opening a store does not: both are derived from
            other tables, a mismatch damages no record.

    Raises:
        DatabaseError: the file does not open with this key at all.
    """
    try:
        connection = connect_raw(db_file, key)
    except DatabaseError as exc:
        if "malformed" not in str(exc):
            raise  # not this key at all ("file is not a database")
        # The key is right but a page of the schema itself is damaged: the pages can still be checked.
        connection = connect_raw(db_file, key, probe=False)
    try:
        problems = [f"chiffrement : {row[0]}" for row in connection.execute("PRAGMA cipher_integrity_check")]
        # A damaged page makes the checks below fail outright: report it instead of crashing.
        if structure:
            try:
                integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            except DatabaseError as exc:
                integrity = [f"vérification impossible ({exc})"]
            if integrity != ["ok"]:
                problems.extend(f"intégrité : {line}" for line in integrity)
        if not consistency:
            return problems
        try:
            foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
        except DatabaseError as exc:
            problems.append(f"clé étrangère : vérification impossible ({exc})")
        else:
            problems.extend(f"clé étrangère : table {row[0]}, ligne {row[1]}" for row in foreign)
        try:
            schema = {
                (kind, name)
                for kind, name in connection.execute(
                    "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')"
                )
            }
        except DatabaseError:
            schema = {("trigger", name) for name in REQUIRED_TRIGGERS}  # already reported above
        triggers = {name for kind, name in schema if kind == "trigger"}
        problems.extend(
            f"journal d'audit : le déclencheur {name} manque (le journal n'est plus protégé)"
            for name in sorted(REQUIRED_TRIGGERS - triggers)
        )
        if ("table", HOUSEHOLD_SEARCH) in schema:  # from revision 0017
            problems.extend(_search_index_problems(connection, triggers, contents=search_index))
        if ("table", LAST_CONTACT) in schema:  # from revision 0022
            problems.extend(_last_contact_problems(connection, triggers, contents=search_index))
        return problems
    finally:
        connection.close()


def _search_index_problems(connection: Any, triggers: set[str], *, contents: bool) -> list[str]:
    """The household search index: its triggers are there, and it indexes exactly every household's search text.

    FTS5's own check, compared with ``household`` (rank 1), is asked as an INSERT that changes nothing; it runs in
    a transaction rolled back all the same. SQLite's integrity check only looks at the index by itself.
    """
    problems = [
        f"index de recherche : le déclencheur {name} manque (la recherche ne suit plus les ménages)"
        for name in sorted(SEARCH_INDEX_TRIGGERS - triggers)
    ]
    if not contents:
        return problems
    try:
        connection.execute("PRAGMA busy_timeout = 5000")  # the application may be writing: wait for it
        connection.execute("BEGIN")
        try:
            connection.execute(
                f"INSERT INTO {HOUSEHOLD_SEARCH} ({HOUSEHOLD_SEARCH}, rank) VALUES ('integrity-check', 1)"
            )
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
    except DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            problems.append("index de recherche : vérification impossible, la base est occupée (réessayez)")
        else:
            problems.append(f"index de recherche : il ne correspond plus aux ménages ({exc})")
    return problems


def _last_contact_problems(connection: Any, triggers: set[str], *, contents: bool) -> list[str]:
    """Each household's last successful contact: its triggers are there, and it says what the contact log says."""
    problems = [
        f"derniers contacts : le déclencheur {name} manque (ils ne suivent plus le journal des contacts)"
        for name in sorted(LAST_CONTACT_TRIGGERS - triggers)
    ]
    if not contents:
        return problems
    try:
        differences = sum(row[0] for row in connection.execute(_LAST_CONTACT_DIFFERENCES))
    except DatabaseError as exc:
        problems.append(f"derniers contacts : vérification impossible ({exc})")
    else:
        if differences:
            problems.append(
                f"derniers contacts : {differences} ménage(s) ne correspondent plus au journal des contacts"
            )
    return problems


def damaged_store_error(db_file: Path, backups_dir: Path, problems: list[str]) -> CorruptDatabaseError:
    """The French refusal for a store whose check failed (nothing is written to it)."""
    first = problems[0] if problems else "vérification impossible"
    return CorruptDatabaseError(
        f"La base « {db_file.name} » est endommagée ({first}"
        f"{' …' if len(problems) > 1 else ''}). Le fichier n'a pas été modifié et rien n'y sera écrit ; "
        f"« caseworker db check » donne le détail. Restaurez une sauvegarde ({backups_dir})."
    )
