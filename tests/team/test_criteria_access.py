"""The entry criteria an episode ticked hang from its household: on the server, whoever is not on its team neither
reads nor writes them, even with raw SQL (docs/domain.md §9.2; the table follows its episode,
``services.visibility.hanging_tables``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest

from caseworker.services import build_services
from caseworker.services.support import OrientationInput
from caseworker.storage.server_admin import ServerRoles
from caseworker.team.admin import MaintenanceAccess
from tests.services.builders import new_household
from tests.team.test_access_rules import Team


@pytest.fixture
def team(access: MaintenanceAccess, roles: ServerRoles, tmp_path: Path) -> Iterator[Team]:
    built = Team(access, roles, tmp_path)
    yield built
    for engine in built.engines:
        engine.dispose()


def test_the_criteria_of_a_household_one_does_not_see_stay_out_of_reach_even_through_sql(team: Team) -> None:
    with team.access.open_engine() as engine:
        maintenance = build_services(engine)
        elsewhere = new_household(maintenance, "Anne", "Ailleurs").id  # nobody of this team is on its team
        hidden = maintenance.episodes.open_episode(
            elsewhere, OrientationInput("avdl", date(2026, 6, 1), criteria=("dalo",))
        ).id
    claire = team.services_of("claire")
    mine = claire.episodes.open_episode(
        team.household_id, OrientationInput("avdl", date(2026, 6, 2), criteria=("siao",))
    )
    assert claire.criteria.episode_criteria(mine.id).met_codes == {"siao"}
    with team.psql("claire") as connection:
        criteria = dict(connection.execute("SELECT code, id FROM entry_criterion").fetchall())  # reference data
        assert [row[0] for row in connection.execute("SELECT episode_id FROM episode_criterion")] == [mine.id]
        with pytest.raises(psycopg.Error, match="row-level security"):
            connection.execute(
                "INSERT INTO episode_criterion (episode_id, criterion_id) VALUES (%s, %s)", (hidden, criteria["siao"])
            )
        with pytest.raises(psycopg.Error, match="row-level security"):
            connection.execute("UPDATE episode_criterion SET episode_id = %s WHERE episode_id = %s", (hidden, mine.id))
        deleted = connection.execute("DELETE FROM episode_criterion WHERE episode_id = %s", (hidden,))
        assert deleted.rowcount == 0
    with team.access.open_engine() as engine:
        assert build_services(engine).criteria.episode_criteria(hidden).met_codes == {"dalo"}
