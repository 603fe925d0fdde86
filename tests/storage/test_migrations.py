"""Migrations: run in-process on the keyed connection, after a backup; a failure puts the backup back."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect

from caseworker.errors import MigrationFailedError, NewerDatabaseError
from caseworker.models import Base
from caseworker.paths import DataPaths, migrations_dir
from caseworker.storage import migrations
from caseworker.storage.backups import list_backups
from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.database import check_database, open_database
from caseworker.storage.engine import connect_raw, make_engine
from caseworker.storage.key_info import load_key_info
from caseworker.storage.search_index import search_phrase
from tests.conftest import Template
from tests.storage.conftest import fingerprint, sha256

# The shipped head, and a probe revision that would follow it.
HEAD = migrations.head_revision()
NEXT = f"{int(HEAD) + 1:04d}"
REVISION_HEADER = f'import sqlalchemy as sa\nfrom alembic import op\n\nrevision = "{NEXT}"\ndown_revision = "{HEAD}"\n'
REVISION_HEADER += "branch_labels = None\ndepends_on = None\n\n\n"

FAILING_NEXT = (
    REVISION_HEADER
    + """def upgrade():
    op.create_table("migration_probe", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO migration_probe (id) VALUES (1)")
    op.execute("UPDATE person SET last_name = 'écrasé'")
    raise RuntimeError("échec simulé de la migration suivante")


def downgrade():
    op.drop_table("migration_probe")
"""
)

WORKING_NEXT = (
    REVISION_HEADER
    + """def upgrade():
    op.create_table(
        "migration_probe",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("label", sa.Text(), nullable=False, server_default="sonde"),
    )
    op.execute("INSERT INTO migration_probe (id) VALUES (1)")


def downgrade():
    op.drop_table("migration_probe")
"""
)


def scripts_with(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    """Copy the real migrations into a fresh directory (the script directory cache is per location)."""
    target = tmp_path / name
    shutil.copytree(migrations_dir(), target, ignore=shutil.ignore_patterns("__pycache__"))
    for file_name, source in files.items():
        (target / "versions" / file_name).write_text(source, encoding="utf-8")
    return target


def raw_tables(path: Path, key: DatabaseKey) -> set[str]:
    connection = connect_raw(path, key)
    try:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        connection.close()


def raw_revision(path: Path, key: DatabaseKey) -> str:
    connection = connect_raw(path, key)
    try:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connection.close()


def person_names(path: Path, key: DatabaseKey) -> list[str]:
    connection = connect_raw(path, key)
    try:
        return [row[0] for row in connection.execute("SELECT last_name FROM person ORDER BY id")]
    finally:
        connection.close()


def add_person_row(path: Path, key: DatabaseKey, last_name: str) -> None:
    connection = connect_raw(path, key)
    try:
        connection.execute(
            "INSERT INTO person (first_name, last_name, pseudonym, phone, created_at, updated_at) "
            "VALUES ('', ?, '', '', '2026-06-15 10:00:00', '2026-06-15 10:00:00')",
            (last_name,),
        )
    finally:
        connection.close()


# ------------------------------------------------------------------------------------------ the scripts


def test_head_and_known_revisions() -> None:
    assert migrations.head_revision() == HEAD
    assert migrations.known_revisions() == {f"{n:04d}" for n in range(1, int(HEAD) + 1)}
    assert migrations.script_directory() is migrations.script_directory()


def test_extra_script_directory_is_seen(tmp_path: Path) -> None:
    scripts = scripts_with(tmp_path, "extra", {f"{NEXT}_probe.py": WORKING_NEXT})
    assert migrations.head_revision(scripts) == NEXT
    assert migrations.known_revisions(scripts) == {*migrations.known_revisions(), NEXT}
    assert migrations.head_revision() == HEAD


def test_alembic_config_binds_the_connection(tmp_path: Path) -> None:
    sentinel = object()
    config = migrations.alembic_config(sentinel, tmp_path)  # type: ignore[arg-type]
    assert config.get_main_option("script_location") == str(tmp_path)
    assert config.attributes["connection"] is sentinel
    assert migrations.alembic_config().get_main_option("script_location") == str(migrations_dir())
    assert "connection" not in migrations.alembic_config().attributes


def test_env_refuses_to_run_without_an_open_connection() -> None:
    with pytest.raises(RuntimeError, match="run in-process on an unlocked database"):
        command.upgrade(migrations.alembic_config(), "head")


def test_schema_at_head_matches_the_models(database_at_head: tuple[Path, DatabaseKey]) -> None:
    """The migrations and the models describe the same schema (no forgotten migration)."""
    path, key = database_at_head
    engine = make_engine(path, key)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts=migrations.SCHEMA_COMPARISON)
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


@pytest.fixture
def database_at_head(data_paths: DataPaths, template_store: Template) -> tuple[Path, DatabaseKey]:
    return data_paths.db_file, template_store.key


def test_has_user_tables_and_current_revision(tmp_path: Path, database_at_head: tuple[Path, DatabaseKey]) -> None:
    empty = make_engine(tmp_path / "empty.db", DatabaseKey.generate())
    try:
        with empty.connect() as connection:
            assert migrations.has_user_tables(connection) is False
            assert migrations.current_revision(connection) is None
    finally:
        empty.dispose()
    path, key = database_at_head
    engine = make_engine(path, key)
    try:
        with engine.connect() as connection:
            assert migrations.has_user_tables(connection) is True
            assert migrations.current_revision(connection) == HEAD
    finally:
        engine.dispose()


# -------------------------------------------------------------------------------------------- upgrading


def test_failed_migration_restores_the_backup(
    data_paths: DataPaths, template_store: Template, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    key = template_store.key
    add_person_row(data_paths.db_file, key, "Avant-Migration")
    scripts = scripts_with(tmp_path, "failing", {f"{NEXT}_fails.py": FAILING_NEXT})

    with (
        caplog.at_level(logging.ERROR, logger="caseworker.storage.database"),
        pytest.raises(MigrationFailedError) as caught,
    ):
        open_database(data_paths, key, load_key_info(data_paths.key_info_file), script_location=scripts)

    message = caught.value.user_message
    assert message.startswith("La mise à jour de la base a échoué.")
    assert "La base a été remise dans son état d'avant la mise à jour" in message
    assert "aucune donnée n'a été perdue" in message
    assert caught.value.exit_code == 6
    assert isinstance(caught.value.__cause__, RuntimeError)
    assert [record.getMessage() for record in caplog.records] == [
        "migration failed; restoring the pre-migration backup (RuntimeError)"
    ]
    # The log never quotes the exception's own text (it may carry personal data), only its class.
    assert "RuntimeError: (message omis" in caplog.text
    backups = list_backups(data_paths)
    assert [backup.reason for backup in backups] == ["avant-migration"]
    assert backups[0].path.name.endswith("-avant-migration.db")
    assert backups[0].path.name in message
    # The database file is the backup, byte for byte, and holds exactly the data of before.
    assert sha256(data_paths.db_file) == sha256(backups[0].path)
    assert "migration_probe" not in raw_tables(data_paths.db_file, key)
    assert raw_revision(data_paths.db_file, key) == HEAD
    assert person_names(data_paths.db_file, key) == ["Avant-Migration"]
    assert not any(sidecar.exists() for sidecar in data_paths.sidecar_files())
    # The real scripts open it at the shipped head, in good health.
    database = open_database(data_paths, key, load_key_info(data_paths.key_info_file))
    try:
        report = check_database(database)
    finally:
        database.dispose()
    assert report.ok is True
    assert report.revision == HEAD


def test_successful_migration_takes_a_backup_first(
    data_paths: DataPaths, template_store: Template, tmp_path: Path
) -> None:
    key = template_store.key
    add_person_row(data_paths.db_file, key, "Conservé")
    scripts = scripts_with(tmp_path, "working", {f"{NEXT}_probe.py": WORKING_NEXT})

    database = open_database(data_paths, key, load_key_info(data_paths.key_info_file), script_location=scripts)
    try:
        with database.engine.connect() as connection:
            assert migrations.current_revision(connection) == NEXT
            assert "migration_probe" in inspect(connection).get_table_names()
            assert connection.exec_driver_sql("SELECT id, label FROM migration_probe").fetchall() == [(1, "sonde")]
            assert connection.exec_driver_sql("SELECT last_name FROM person").scalars().all() == ["Conservé"]
    finally:
        database.dispose()
    backups = list_backups(data_paths)
    assert [backup.reason for backup in backups] == ["avant-migration"]
    assert raw_revision(backups[0].path, key) == HEAD
    assert "migration_probe" not in raw_tables(backups[0].path, key)
    assert person_names(backups[0].path, key) == ["Conservé"]
    assert backups[0].key_file.read_bytes() == data_paths.key_info_file.read_bytes()

    # Reopening with the same scripts does nothing more; the older application refuses the newer file.
    again = open_database(data_paths, key, load_key_info(data_paths.key_info_file), script_location=scripts)
    again.dispose()
    assert len(list_backups(data_paths)) == 1
    snapshot = fingerprint(data_paths.data_dir)
    with pytest.raises(NewerDatabaseError, match=f"« {NEXT} »"):
        open_database(data_paths, key, load_key_info(data_paths.key_info_file))
    assert fingerprint(data_paths.data_dir) == snapshot


def test_open_without_migrating_leaves_the_schema_alone(
    data_paths: DataPaths, template_store: Template, tmp_path: Path
) -> None:
    scripts = scripts_with(tmp_path, "not-applied", {f"{NEXT}_probe.py": WORKING_NEXT})
    database = open_database(
        data_paths,
        template_store.key,
        load_key_info(data_paths.key_info_file),
        migrate=False,
        script_location=scripts,
    )
    database.dispose()
    assert raw_revision(data_paths.db_file, template_store.key) == HEAD
    assert list_backups(data_paths) == []


def test_0007_numbers_the_existing_alert_history_by_time(tmp_path: Path) -> None:
    """Steps and actions recorded before 0007 get one numbering per alert, in time order (a step first on a tie)."""
    path, key = tmp_path / "history.db", DatabaseKey.generate()
    engine = make_engine(path, key)
    try:
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), "0006")
    finally:
        engine.dispose()
    raw = connect_raw(path, key)
    try:
        raw.execute("PRAGMA foreign_keys = OFF")  # the alerts themselves do not matter here
        step = "INSERT INTO alert_step VALUES (?, ?, ?, NULL, NULL, 'NOUVEAU', '', '', '')"
        action = "INSERT INTO alert_action VALUES (?, ?, 'VISITE', ?, '', NULL, NULL)"
        raw.execute(step, (1, 7, "2026-06-15 10:00:35.000000"))
        raw.execute(action, (1, 7, "2026-06-15 10:00:00.000000"))
        raw.execute(step, (2, 7, "2026-06-15 10:00:00.000000"))
        raw.execute(step, (3, 8, "2026-06-16 09:00:00.000000"))
        raw.commit()
    finally:
        raw.close()
    engine = make_engine(path, key)
    try:
        with engine.begin() as connection:
            migrations.upgrade_to_head(connection)
    finally:
        engine.dispose()
    raw = connect_raw(path, key)
    try:
        steps = raw.execute("SELECT id, seq FROM alert_step ORDER BY id").fetchall()
        actions = raw.execute("SELECT id, seq FROM alert_action ORDER BY id").fetchall()
    finally:
        raw.close()
    assert [tuple(row) for row in steps] == [(1, 3), (2, 1), (3, 1)]
    assert [tuple(row) for row in actions] == [(1, 2)]


def test_the_consent_evidence_revision_keeps_the_free_text_of_earlier_consents(tmp_path: Path) -> None:
    """Revision 0008 adds where the signed form is filed; a note written before stays, shown as legacy."""
    key = DatabaseKey.generate()
    engine = make_engine(tmp_path / "old.db", key)
    try:
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), "0006")
            for statement in (
                "INSERT INTO household (id, pet_count, pets_note, siao_reference, search_text, created_at, updated_at)"
                " VALUES (1, 0, '', '', '', '2026-01-01 10:00:00', '2026-01-01 10:00:00')",
                "INSERT INTO person (id, first_name, last_name, pseudonym, phone, created_at, updated_at)"
                " VALUES (1, 'Zoé', 'Test', '', '', '2026-01-01 10:00:00', '2026-01-01 10:00:00')",
                "INSERT INTO organisation"
                " (id, name, kind_id, address, phone, email, territory, former_names, is_own, active, created_at)"
                " VALUES (1, 'Habitat 35', (SELECT id FROM organisation_kind WHERE code = 'bailleur_social'),"
                " '', '', '', '', '', 0, 1, '2026-01-01 10:00:00')",
                "INSERT INTO consent (id, household_id, person_id, recipient_id, purpose, status, requested_on,"
                " decided_on, valid_from, expires_on, status_note, covers_after_care, evidence_note, created_at)"
                " VALUES (1, 1, 1, 1, 'Fiche navette', 'ACCORDE', '2026-01-10', '2026-01-10', '2026-01-10',"
                " '2027-01-10', '', 0, 'Formulaire signé, classé au dossier papier', '2026-01-10 10:00:00')",
                "INSERT INTO consent_category_link (consent_id, category_id)"
                " SELECT 1, id FROM consent_category WHERE code = 'identite'",
            ):
                connection.exec_driver_sql(statement)
        with engine.begin() as connection:
            migrations.upgrade_to_head(connection)
        with engine.connect() as connection:
            row = connection.exec_driver_sql(
                "SELECT evidence_note, evidence_place_id, evidence_reference FROM consent WHERE id = 1"
            ).one()
            assert tuple(row) == ("Formulaire signé, classé au dossier papier", None, "")
            assert connection.exec_driver_sql("SELECT count(*) FROM consent_category_link").scalar_one() == 1
            places = [
                item[0] for item in connection.exec_driver_sql("SELECT code FROM evidence_place ORDER BY sort_order")
            ]
            assert places == ["dossier_papier", "armoire", "ged", "autre"]
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        engine.dispose()


def test_0012_moves_notes_apart_and_back(tmp_path: Path) -> None:
    """Revision 0012 moves each contact's note to contact_note (has_note set); going back restores them, an empty
    note included."""
    path, key = tmp_path / "notes.db", DatabaseKey.generate()
    engine = make_engine(path, key)
    try:
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), "0011")
    finally:
        engine.dispose()
    raw = connect_raw(path, key)
    try:
        raw.execute("PRAGMA foreign_keys = OFF")  # the household and picklists do not matter here
        contact = (
            "INSERT INTO contact (id, household_id, occurred_at, type_id, outcome_id, off_hours, after_care, note,"
            " note_class, created_at) VALUES (?, 1, '2026-06-15 10:00:00', 1, 1, 0, 0, ?, 'SANTE', '2026-06-15')"
        )
        raw.execute(contact, (1, "Suivi CMP"))
        raw.execute(contact, (2, ""))
        raw.commit()
    finally:
        raw.close()
    engine = make_engine(path, key)
    try:
        with engine.begin() as connection:
            migrations.upgrade_to_head(connection)
            assert connection.exec_driver_sql("SELECT id, has_note FROM contact ORDER BY id").fetchall() == [
                (1, 1),
                (2, 0),
            ]
            assert connection.exec_driver_sql("SELECT contact_id, text FROM contact_note").fetchall() == [
                (1, "Suivi CMP")
            ]
        with engine.begin() as connection:
            command.downgrade(migrations.alembic_config(connection), "0011")
            assert connection.exec_driver_sql("SELECT id, note FROM contact ORDER BY id").fetchall() == [
                (1, "Suivi CMP"),
                (2, ""),
            ]
    finally:
        engine.dispose()


def _household_rows(connection: Connection, rows: list[tuple[int, str]]) -> None:
    for household_id, search_text in rows:
        connection.exec_driver_sql(
            "INSERT INTO household (id, pet_count, pets_note, siao_reference, search_text, created_at, updated_at)"
            " VALUES (?, 0, '', '', ?, '2026-01-01 10:00:00', '2026-01-01 10:00:00')",
            (household_id, search_text),
        )


def _indexed(connection: Connection, word: str) -> list[int]:
    found = connection.exec_driver_sql(
        "SELECT rowid FROM household_search WHERE household_search MATCH ? ORDER BY rowid", (search_phrase(word),)
    )
    return list(found.scalars())


def test_0017_indexes_the_households_already_there_and_goes_back(tmp_path: Path) -> None:
    """Revision 0017 builds the search index of every household stored before it, and its downgrade removes it."""
    engine = make_engine(tmp_path / "search.db", DatabaseKey.generate())
    try:
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), "0016")
            _household_rows(connection, [(1, "m-000001 celik helene"), (2, "m-000002 dupont marc")])
        with engine.begin() as connection:
            migrations.upgrade_to_head(connection)
            assert _indexed(connection, "elik") == [1]
            assert _indexed(connection, "m-00000") == [1, 2]
            _household_rows(connection, [(3, "m-000003 dupond luc")])  # the triggers keep it in step
            assert _indexed(connection, "dupon") == [2, 3]
        with engine.begin() as connection:
            command.downgrade(migrations.alembic_config(connection), "0016")
            schema = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE name LIKE 'household_search%'")
            assert schema.all() == []
            _household_rows(connection, [(4, "m-000004 dupont anne")])  # no trigger left to fail
        with engine.begin() as connection:
            migrations.upgrade_to_head(connection)
            assert _indexed(connection, "dupont") == [2, 4]
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("trigger", "refusal"),
    [
        # A batch ALTER of ``household`` on SQLite drops its triggers with the old table.
        ("household_search_after_update", "the migration dropped the triggers that keep the search index in sync"),
        # The same of ``contact`` would drop the triggers that keep the last contacts.
        ("household_last_contact_delete", "the migration dropped the triggers that keep the last contacts in sync"),
    ],
)
def test_a_migration_that_loses_triggers_the_store_relies_on_is_undone(
    data_paths: DataPaths, template_store: Template, tmp_path: Path, trigger: str, refusal: str
) -> None:
    """A migration that drops a trigger the store relies on: the upgrade is refused and the store left at head."""
    key = template_store.key
    dropping = REVISION_HEADER + (
        f'def upgrade():\n    op.execute("DROP TRIGGER {trigger}")\n\n\ndef downgrade():\n    pass\n'
    )
    scripts = scripts_with(tmp_path, "dropping", {f"{NEXT}_drops.py": dropping})
    with pytest.raises(MigrationFailedError) as caught:
        open_database(data_paths, key, load_key_info(data_paths.key_info_file), script_location=scripts)
    assert str(caught.value.__cause__) == refusal
    assert raw_revision(data_paths.db_file, key) == HEAD
