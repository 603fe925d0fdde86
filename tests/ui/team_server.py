"""A fresh team server for a GUI test: a database of its own on the run's cluster, installed as `server init` does."""

from __future__ import annotations

from caseworker.services.directory import OrganisationInput
from caseworker.storage.server import ServerAddress
from caseworker.storage.server_admin import ServerRoles
from caseworker.team.admin import MaintenanceAccess, NewPerson, init_server
from tests.support.postgres import SUPERUSER, PostgresCluster


def new_team_server(cluster: PostgresCluster, database: str) -> tuple[MaintenanceAccess, ServerRoles, str]:
    """Install caseworker in ``database``, with Nadia BENALI as its first administrator.

    Returns the maintenance access, the group roles and Nadia's enrolment code.
    """
    access = MaintenanceAccess(
        ServerAddress("127.0.0.1", cluster.port, database), SUPERUSER, cluster.superuser_password, cluster.ca_file
    )
    roles = ServerRoles(database)
    code = init_server(
        access,
        roles,
        organisation=OrganisationInput(name="Association Le Toit", kind_code="association", territory="Rennes"),
        first_admin=NewPerson(f"nadia.{database}", "Nadia", "Benali", "administrateur"),
    )
    return access, roles, code.text()
