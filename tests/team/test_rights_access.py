"""The rights opened for a household follow its row rules on the server: whoever is not on its team neither reads
nor writes them, even with raw SQL (docs/domain.md §9.2; the table names its household, like every household's
record, ``services.visibility``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest

from caseworker.services import build_services
from caseworker.services.households import RightInput
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


def test_the_rights_of_a_household_one_does_not_see_stay_out_of_reach_even_through_sql(team: Team) -> None:
    with team.access.open_engine() as engine:
        maintenance = build_services(engine)
        elsewhere = new_household(maintenance, "Anne", "Ailleurs").id  # nobody of this team is on its team
        hidden = maintenance.rights.record_right(elsewhere, RightInput("aah", date(2026, 6, 1)))
    claire = team.services_of("claire")
    mine = claire.rights.record_right(team.household_id, RightInput("rsa", date(2026, 6, 2)))
    assert [right.kind_code for right in claire.rights.rights_for(team.household_id)] == ["rsa"]
    assert claire.rights.rights_for(elsewhere) == []
    with team.psql("claire") as connection:
        kinds = dict(connection.execute("SELECT code, id FROM right_kind").fetchall())  # reference data
        assert [row[0] for row in connection.execute("SELECT id FROM right_opened")] == [mine.id]
        with pytest.raises(psycopg.Error, match="row-level security"):
            connection.execute(
                "INSERT INTO right_opened (household_id, kind_id, opened_on, created_at) VALUES (%s, %s, %s, now())",
                (elsewhere, kinds["css"], date(2026, 6, 3)),
            )
        with pytest.raises(psycopg.Error, match="row-level security"):
            connection.execute("UPDATE right_opened SET household_id = %s WHERE id = %s", (elsewhere, mine.id))
        changed = connection.execute("UPDATE right_opened SET kind_id = %s WHERE id = %s", (kinds["css"], hidden.id))
        assert changed.rowcount == 0
        deleted = connection.execute("DELETE FROM right_opened WHERE id = %s", (hidden.id,))
        assert deleted.rowcount == 0
    with team.access.open_engine() as engine:
        (still,) = build_services(engine).rights.rights_for(elsewhere)
        assert (still.id, still.kind_code) == (hidden.id, "aah")
