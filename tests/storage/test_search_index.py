"""Tests of caseworker/storage/search_index.py and the index itself: the triggers of revision 0017 keep it in step
with ``household``, the check finds it out of step without writing, and the schema comparison leaves it out."""

from __future__ import annotations

from sqlalchemy import Connection

from caseworker.services import Services
from caseworker.storage.database import Database, check_database, open_database
from caseworker.storage.engine import connect_raw
from caseworker.storage.key_info import load_key_info
from caseworker.storage.search_index import (
    SEARCH_INDEX_TABLES,
    SEARCH_INDEX_TRIGGERS,
    include_in_schema_comparison,
    is_search_index_table,
    search_phrase,
)
from tests.services.builders import new_household
from tests.storage.conftest import fingerprint


def _indexed(connection: Connection, word: str) -> list[int]:
    found = connection.exec_driver_sql(
        "SELECT rowid FROM household_search WHERE household_search MATCH ? ORDER BY rowid", (search_phrase(word),)
    )
    return list(found.scalars())


def test_the_index_and_its_triggers_are_the_ones_named_here(database: Database) -> None:
    with database.engine.connect() as connection:
        schema = connection.exec_driver_sql("SELECT type, name FROM sqlite_master WHERE name LIKE 'household_search%'")
        names = {(kind, name) for kind, name in schema}
    assert {name for kind, name in names if kind == "table"} <= SEARCH_INDEX_TABLES
    assert ("table", "household_search") in names
    assert {name for kind, name in names if kind == "trigger"} == SEARCH_INDEX_TRIGGERS


def test_a_phrase_takes_every_character_as_it_is() -> None:
    assert search_phrase("dupont") == '"dupont"'
    assert search_phrase('le "chat"') == '"le ""chat"""'
    assert search_phrase("50%_a*") == '"50%_a*"'


def test_the_schema_comparison_leaves_out_the_index_only() -> None:
    for name in SEARCH_INDEX_TABLES:
        assert is_search_index_table(name)
        assert not include_in_schema_comparison(name, "table", {})
    for name in ("household", "household_search_text", "search", None):
        assert not is_search_index_table(name)
        assert include_in_schema_comparison(name, "table", {})
    assert include_in_schema_comparison("household_search", "column", {"table_name": "x"})


def test_the_index_follows_new_renamed_and_deleted_households(database: Database, services: Services) -> None:
    celik = new_household(services, "Hélène", "Çelik")
    dupont = new_household(services, "Marc", "Dupont")
    with database.engine.connect() as connection:
        assert _indexed(connection, "elik") == [celik.id]
        assert _indexed(connection, "upon") == [dupont.id]
        # Another column of the household changes: the index is not touched (the trigger names search_text).
        connection.exec_driver_sql("UPDATE household SET sort_name = 'zzz' WHERE id = ?", (dupont.id,))
        connection.exec_driver_sql("UPDATE household SET search_text = 'm-x bertin' WHERE id = ?", (dupont.id,))
        assert _indexed(connection, "upon") == []
        assert _indexed(connection, "ertin") == [dupont.id]
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # the members and the log still name it
        connection.exec_driver_sql("DELETE FROM household WHERE id = ?", (celik.id,))
        assert _indexed(connection, "elik") == []
        connection.rollback()
    assert check_database(database).problems == []


def test_the_check_finds_the_index_out_of_step_and_changes_nothing(database: Database, services: Services) -> None:
    household = new_household(services, "Marc", "Dupont")
    assert check_database(database).problems == []
    raw = connect_raw(database.paths.db_file, database.key)
    try:
        raw.execute("DROP TRIGGER household_search_after_update")
        raw.execute("UPDATE household SET search_text = 'm-x bertin' WHERE id = ?", (household.id,))
    finally:
        raw.close()
    database.dispose()  # no connection left to write to the file while it is looked at
    before = fingerprint(database.paths.data_dir)
    problems = check_database(database).problems
    assert fingerprint(database.paths.data_dir) == before
    assert problems[0] == (
        "index de recherche : le déclencheur household_search_after_update manque (la recherche ne suit plus les "
        "ménages)"
    )
    assert problems[1].startswith("index de recherche : il ne correspond plus aux ménages (")
    assert len(problems) == 2


def test_an_index_out_of_step_is_reported_by_the_check_but_refuses_no_opening(
    database: Database, services: Services
) -> None:
    """The index is derived from the households: a mismatch damages no record. Opening (even verified) does not
    compare it (0.4 s at 100,000 households); ``caseworker db check`` does."""
    household = new_household(services, "Marc", "Dupont")
    raw = connect_raw(database.paths.db_file, database.key)
    try:  # the index told of a name the household does not hold (the triggers are all there)
        raw.execute(
            "INSERT INTO household_search (household_search, rowid, search_text) VALUES ('delete', ?, "
            "(SELECT search_text FROM household WHERE id = ?))",
            (household.id, household.id),
        )
        raw.execute("INSERT INTO household_search (rowid, search_text) VALUES (?, 'm-x bertin')", (household.id,))
        raw.commit()
    finally:
        raw.close()
    database.dispose()
    reopened = open_database(database.paths, database.key, load_key_info(database.paths.key_info_file), verify=True)
    try:
        problems = check_database(reopened).problems
    finally:
        reopened.dispose()
    assert len(problems) == 1 and problems[0].startswith("index de recherche : il ne correspond plus aux ménages (")
