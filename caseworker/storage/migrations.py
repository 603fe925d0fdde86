"""Alembic, run in-process on an unlocked connection (no alembic.ini, no URL)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from caseworker.paths import migrations_dir
from caseworker.storage.search_index import include_in_schema_comparison

SCHEMA_COMPARISON: dict[str, Any] = {
    "compare_type": True,
    "render_as_batch": True,
    "include_name": include_in_schema_comparison,
}
"""How Alembic compares a database with the models (autogenerate, and the tests that no migration is missing):
column types too, batch operations for SQLite, and not the SQLite-only search index (it is no model)."""


def alembic_config(connection: Connection | None = None, script_location: Path | None = None) -> Config:
    """Return an Alembic configuration bound to ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(script_location or migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=4)
def _script_directory(location: str) -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config(script_location=Path(location)))


def script_directory(script_location: Path | None = None) -> ScriptDirectory:
    """Return the (cached) script directory."""
    return _script_directory(str(script_location or migrations_dir()))


def head_revision(script_location: Path | None = None) -> str:
    """Return the newest revision this version of caseworker knows."""
    head = script_directory(script_location).get_current_head()
    if head is None:
        raise RuntimeError("no migration found")
    return head


def known_revisions(script_location: Path | None = None) -> set[str]:
    """Return every revision id this version knows."""
    return {script.revision for script in script_directory(script_location).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    """Return the revision stamped in the database, or None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def has_user_tables(connection: Connection) -> bool:
    """Return True when the database holds any table at all."""
    return bool(inspect(connection).get_table_names())


def upgrade_to_head(connection: Connection, script_location: Path | None = None) -> None:
    """Upgrade inside the caller's transaction (SQLite DDL is transactional with our engine)."""
    command.upgrade(alembic_config(connection, script_location), "head")
