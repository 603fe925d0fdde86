"""Fixtures: an isolated environment for every test, a fresh encrypted database, ready services.

Every test runs with the standard directories (XDG_*), the temporary directory and the keyring redirected, so
nothing touches the real profile. The database is copied from a template migrated once per session (same key),
which keeps each test's database fresh and the suite fast.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import keyring
import psycopg
import pytest
from sqlalchemy import Engine

from caseworker.paths import DataPaths
from caseworker.services import Services, build_services
from caseworker.services.directory import OrganisationInput, OrganisationView
from caseworker.services.setup import FirstRunInput
from caseworker.storage import server_admin
from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.database import Database, NewKeyMaterial, create_database, open_database
from caseworker.storage.key_info import load_key_info
from caseworker.storage.scram import scram_verifier
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.storage.server import ServerAddress, ServerLogin, make_server_engine
from caseworker.storage.server_admin import ServerRoles
from caseworker.team.access_rules import install_schema
from tests.support import FixedClock, InMemoryKeyring
from tests.support.postgres import SUPERUSER, PostgresCluster, start_cluster

TODAY = date(2026, 6, 15)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_environment(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Redirect user directories and TMPDIR, and use an in-memory keyring unless the test needs the real one."""
    home = tmp_path_factory.mktemp("home")
    for variable, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("TMPDIR", "tmp"),
    ):
        target = home / sub
        target.mkdir()
        monkeypatch.setenv(variable, str(target))
    monkeypatch.delenv("CASEWORKER_PASSPHRASE", raising=False)
    monkeypatch.delenv("CASEWORKER_RECOVERY_KEY", raising=False)
    if request.node.get_closest_marker("real_keyring") is None:
        previous = keyring.get_keyring()
        keyring.set_keyring(InMemoryKeyring())
        yield home
        keyring.set_keyring(previous)
    else:
        yield home


@dataclass(frozen=True)
class Template:
    """A migrated database built once per session."""

    directory: Path
    key: DatabaseKey
    recovery: str


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Template:
    previous = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())
    try:
        directory = tmp_path_factory.mktemp("template")
        material = NewKeyMaterial.for_keyring()
        database = create_database(DataPaths(directory), material, KeyringSecretStore())
        database.dispose()
    finally:
        keyring.set_keyring(previous)
    return Template(directory, material.key, material.recovery.formatted())


@pytest.fixture
def data_paths(tmp_path: Path, template_store: Template) -> DataPaths:
    """A data directory holding a fresh copy of the template database, its key in the test keyring."""
    paths = DataPaths(tmp_path / "data")
    shutil.copytree(template_store.directory, paths.data_dir)
    info = load_key_info(paths.key_info_file)
    assert info.keyring_entry is not None
    KeyringSecretStore().set(info.keyring_entry, template_store.key.hex())
    return paths


@pytest.fixture
def database(data_paths: DataPaths, template_store: Template) -> Iterator[Database]:
    """An open, fresh, encrypted database."""
    db = open_database(data_paths, template_store.key, load_key_info(data_paths.key_info_file))
    yield db
    db.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def bare_services(database: Database, clock: FixedClock) -> Services:
    """Services before the first run (no organisation, no current user)."""
    return build_services(database.engine, clock)


@pytest.fixture
def services(bare_services: Services) -> Services:
    """Services after the first run: "Association Le Toit" and its user Claire MARTIN (travailleur social)."""
    bare_services.setup.complete_first_run(
        FirstRunInput(
            organisation=OrganisationInput(name="Association Le Toit", kind_code="association", territory="Rennes"),
            first_name="Claire",
            last_name="Martin",
            role_code="travailleur_social",
        )
    )
    return bare_services


@pytest.fixture
def landlord(services: Services) -> OrganisationView:
    return services.directory.create_organisation(OrganisationInput(name="Habitat 35", kind_code="bailleur_social"))


# ---------------------------------------------------------------------------------------------- PostgreSQL
POSTGRES_DATABASE = "caseworker_tests"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresCluster]:
    """A throwaway PostgreSQL cluster for the whole run (TLS only, SCRAM, 127.0.0.1), removed at the end."""
    cluster = start_cluster()
    if cluster is None:
        raise RuntimeError(
            "PostgreSQL (15 or later) is not installed: run scripts/install-system-deps.sh test (scripts/test.sh does)."
        )
    try:
        yield cluster
    finally:
        cluster.stop()


# Puts every table back as the migrations left it, in one round trip: rows deleted with the triggers off (the
# logs are append-only), the saved rows put back, each id sequence where it was. Copying an 11 MB database for
# each test would cost a quarter of a second on this disk; this costs a few milliseconds.
def _save_pristine_state(connection: psycopg.Connection) -> None:
    tables = [
        row[0]
        for row in connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    ]
    statements = ["SET LOCAL session_replication_role = replica"]
    connection.execute("CREATE SCHEMA pristine")
    for table in tables:
        statements.append(f'DELETE FROM public."{table}"')
        if connection.execute(f'SELECT count(*) FROM public."{table}"').fetchone()[0]:  # type: ignore[index]
            connection.execute(f'CREATE TABLE pristine."{table}" AS TABLE public."{table}"')
            statements.append(f'INSERT INTO public."{table}" SELECT * FROM pristine."{table}"')
    for (sequence,) in connection.execute(
        "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
    ).fetchall():
        last, called = connection.execute(f'SELECT last_value, is_called FROM public."{sequence}"').fetchone()  # type: ignore[misc]
        statements.append(f"SELECT setval('public.\"{sequence}\"', {last}, {'true' if called else 'false'})")
    body = ";\n".join(statements).replace("'", "''")
    connection.execute(
        f"CREATE FUNCTION pristine.reset() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE '{body}'; END $$"
    )


POSTGRES_ROLES = ServerRoles(prefix="cwtest")
POSTGRES_PERSON = ServerLogin("cwtest.person", "une personne de l'equipe de test")
POSTGRES_NOBODY = ServerLogin("cwtest.nobody", "personne n'est connecte ici")
"""A member login linked to no staff record: nobody in particular is working."""


@pytest.fixture(scope="session")
def postgres_database(postgres_server: PostgresCluster) -> Iterator[psycopg.Connection]:
    """One database installed as ``server init`` does (group roles, schema owned by the owner role, member
    rights), once per run, and the superuser connection that puts it back before each test."""
    with psycopg.connect(**postgres_server.conninfo(), autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {POSTGRES_DATABASE}")
    with psycopg.connect(**postgres_server.conninfo(POSTGRES_DATABASE), autocommit=True) as connection:
        server_admin.create_group_roles(connection, POSTGRES_ROLES, POSTGRES_DATABASE)
        for login in (POSTGRES_PERSON, POSTGRES_NOBODY):
            server_admin.create_login(connection, POSTGRES_ROLES, login.user, scram_verifier(login.password))
    engine = _postgres_engine(postgres_server, ServerLogin(SUPERUSER, postgres_server.superuser_password))
    try:
        install_schema(engine, POSTGRES_ROLES)
    finally:
        engine.dispose()
    with psycopg.connect(**postgres_server.conninfo(POSTGRES_DATABASE), autocommit=True) as connection:
        _save_pristine_state(connection)
        yield connection


def postgres_engine_as(cluster: PostgresCluster, login: ServerLogin) -> Engine:
    """An engine on the run's database as ``login`` (the caller disposes of it)."""
    return _postgres_engine(cluster, login)


def _postgres_engine(cluster: PostgresCluster, login: ServerLogin) -> Engine:
    return make_server_engine(ServerAddress("127.0.0.1", cluster.port, POSTGRES_DATABASE), login, cluster.ca_file)


@pytest.fixture
def postgres_engine(postgres_server: PostgresCluster, postgres_database: psycopg.Connection) -> Iterator[Engine]:
    """An engine over verified TLS to the run's database, as the migrations left it, logged in as a member of
    the team: what a laptop in team mode has."""
    with postgres_database.transaction():
        postgres_database.execute("SELECT pristine.reset()")
    engine = _postgres_engine(postgres_server, POSTGRES_PERSON)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def postgres_superuser_engine(
    postgres_server: PostgresCluster, postgres_database: psycopg.Connection
) -> Iterator[Engine]:
    """The same fresh database as the cluster's superuser (for checks of the schema itself)."""
    with postgres_database.transaction():
        postgres_database.execute("SELECT pristine.reset()")
    engine = _postgres_engine(postgres_server, ServerLogin(SUPERUSER, postgres_server.superuser_password))
    try:
        yield engine
    finally:
        engine.dispose()
