"""Revision 0025 adds the funders' profiles (seeded) and the log of exports, and going back removes them. On both
backends (``tests.storage.conftest.migration_engine``)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, inspect

from caseworker.storage import migrations
from tests.storage.conftest import rows_of

BEFORE = "0024"
SCRATCH_DATABASE = "caseworker_migration_0025"


def test_0025_adds_the_funder_profiles_and_the_export_log_and_removes_them(migration_engine: Engine) -> None:
    engine = migration_engine
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), BEFORE)
    with engine.begin() as connection:
        migrations.upgrade_to_head(connection)
        assert rows_of(connection, "SELECT code, measure_codes, threshold FROM funder_profile ORDER BY sort_order") == [
            ("ddets_avdl", "avdl", 5),
            ("ddets_iml", "iml_sous_location", 5),
            ("cd_asll", "asll", 5),
            ("dihal_logement_dabord", "chez_soi_dabord logements_accompagnes", 5),
            ("fondation", "programme_local", 5),
        ]
        assert rows_of(connection, "SELECT count(*) FROM export_run") == [(0,)]
    with engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), BEFORE)
        assert not {"funder_profile", "export_run"} & set(inspect(connection).get_table_names())
