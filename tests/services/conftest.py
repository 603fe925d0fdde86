"""Every service test runs on both backends: the encrypted local store and the team's PostgreSQL server.

On the server, who is working is the session's login (docs/domain.md §9.2): Claire MARTIN of the first run logs in
as the run's test login, and :func:`act_as` gives another person a login of their own and connects as them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine

from caseworker.services import Services, build_services
from caseworker.services.directory import OrganisationInput
from caseworker.services.setup import FirstRunInput
from caseworker.storage import server_admin
from caseworker.storage.scram import scram_verifier
from caseworker.storage.server import ServerLogin
from tests.conftest import POSTGRES_NOBODY, POSTGRES_PERSON, POSTGRES_ROLES, postgres_engine_as
from tests.support import FixedClock
from tests.support.postgres import PostgresCluster

BACKENDS = ("sqlcipher", "postgresql")
ActAs = Callable[[Services, "int | None"], None]


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


@pytest.fixture
def services(bare_services: Services, request: pytest.FixtureRequest) -> Services:
    """Services after the first run: "Association Le Toit" and its user Claire MARTIN (travailleur social)."""
    claire = bare_services.setup.complete_first_run(
        FirstRunInput(
            organisation=OrganisationInput(name="Association Le Toit", kind_code="association", territory="Rennes"),
            first_name="Claire",
            last_name="Martin",
            role_code="travailleur_social",
        )
    )
    if bare_services.context.team_mode:
        give_login(request, claire.id, POSTGRES_PERSON.user)  # a login is the administration's to give
        assert bare_services.setup.load_actor() == bare_services.directory.get_staff(claire.id)
    return bare_services


def give_login(request: pytest.FixtureRequest, staff_id: int, login: str) -> None:
    """Link a staff record to a login as the server's administration does (a person may not do it)."""
    admin: psycopg.Connection = request.getfixturevalue("postgres_database")
    admin.execute(
        sql.SQL("UPDATE staff_member SET login = {} WHERE id = {}").format(sql.Literal(login), sql.Literal(staff_id))
    )


@pytest.fixture
def act_as(request: pytest.FixtureRequest, backend: str) -> Iterator[ActAs]:
    """Make ``services`` act as another person (None: nobody).

    Locally that is the laptop's current user; on the server it is another login: the person gets one (linked to
    their staff record) and the services connect as them from then on.
    """
    engines: dict[int | None, Engine] = {}  # one per person for the whole test: switching back reuses it

    def act(services: Services, staff_id: int | None) -> None:
        if not services.context.team_mode:
            services.context.actor.staff_member_id = staff_id
            return
        cluster: PostgresCluster = request.getfixturevalue("postgres_server")
        admin: psycopg.Connection = request.getfixturevalue("postgres_database")
        login = ServerLogin(f"cwtest.staff{staff_id}", "mot de passe de test assez long") if staff_id else None
        if login is not None:
            if not server_admin.role_exists(admin, login.user):
                server_admin.create_login(admin, POSTGRES_ROLES, login.user, scram_verifier(login.password))
            give_login(request, staff_id, login.user)
        if staff_id not in engines:
            engines[staff_id] = postgres_engine_as(cluster, login or POSTGRES_NOBODY)
        services.context.engine = engines[staff_id]
        services.setup.load_actor()
        assert services.context.actor.staff_member_id == staff_id

    yield act
    for engine in engines.values():
        engine.dispose()
