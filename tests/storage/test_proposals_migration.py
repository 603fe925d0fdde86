"""Revision 0024 adds the housing proposals log and its refusal reasons, and going back removes them. On both
backends (``tests.storage.conftest.migration_engine``)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, inspect

from caseworker.storage import migrations
from tests.storage.conftest import rows_of

BEFORE = "0023"
SCRATCH_DATABASE = "caseworker_migration_0024"


def test_0024_adds_the_proposals_log_with_the_reasons_of_a_refusal_and_removes_them(migration_engine: Engine) -> None:
    engine = migration_engine
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), BEFORE)
    with engine.begin() as connection:
        migrations.upgrade_to_head(connection)
        assert rows_of(connection, "SELECT code, label FROM proposal_refusal_reason ORDER BY sort_order") == [
            ("localisation", "Localisation"),
            ("typologie", "Typologie"),
            ("cout", "Coût / taux d'effort"),
            ("etat", "État du logement"),
            ("environnement", "Environnement"),
            ("sante_accessibilite", "Santé / accessibilité"),
            ("animaux", "Animaux"),
            ("autre", "Autre"),
        ]
        indexes = {index["name"] for index in inspect(connection).get_indexes("housing_proposal")}
        assert {"ix_housing_proposal_cal_on", "ix_housing_proposal_household_id"} <= indexes
    with engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), BEFORE)
        tables = set(inspect(connection).get_table_names())
        assert not {"housing_proposal", "proposal_refusal_reason"} & tables
