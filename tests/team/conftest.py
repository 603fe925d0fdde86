"""A fresh database name and role prefix per test on the session's throwaway cluster (roles are cluster-wide)."""

from __future__ import annotations

import itertools
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine

from caseworker.paths import DataPaths
from caseworker.storage.server import ServerAddress
from caseworker.storage.server_admin import ServerRoles
from caseworker.team.admin import MaintenanceAccess
from tests.support.postgres import SUPERUSER, PostgresCluster
from tests.team.office import Office, build_office

_numbers = itertools.count(1)


@pytest.fixture
def access(postgres_server: PostgresCluster) -> MaintenanceAccess:
    number = next(_numbers)
    return MaintenanceAccess(
        ServerAddress("127.0.0.1", postgres_server.port, f"team_{number}"),
        SUPERUSER,
        postgres_server.superuser_password,
        postgres_server.ca_file,
    )


@pytest.fixture
def roles(access: MaintenanceAccess) -> ServerRoles:
    return ServerRoles(prefix=access.address.database)


@pytest.fixture
def laptop(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "laptop")


@pytest.fixture
def office(postgres_engine: Engine, postgres_database: psycopg.Connection) -> Office:
    """Claire MARTIN logged in on the run's database, with a landlord and a household it houses."""
    return build_office(postgres_engine, postgres_database)
