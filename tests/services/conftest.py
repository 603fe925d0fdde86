"""Every service test runs on both backends: the encrypted local store and the team's PostgreSQL server."""

from __future__ import annotations

import pytest

from caseworker.services import Services, build_services
from tests.support import FixedClock

BACKENDS = ("sqlcipher", "postgresql")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def bare_services(request: pytest.FixtureRequest, backend: str, clock: FixedClock) -> Services:
    """Services before the first run, over a fresh database of the backend under test."""
    if backend == "sqlcipher":
        engine = request.getfixturevalue("database").engine
    else:
        engine = request.getfixturevalue("postgres_engine")
    return build_services(engine, clock)
