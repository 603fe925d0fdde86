"""Revision 0026 turns the free text of funders into proposed funding lines (keeping the text), seeds the funders
and the entry criteria, and going back removes them. On both backends (``tests.storage.conftest.migration_engine``)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, inspect

from caseworker.storage import migrations
from tests.storage.conftest import rows_of

BEFORE = "0025"
SCRATCH_DATABASE = "caseworker_migration_0026"

_EPISODE = (
    "INSERT INTO episode (id, household_id, measure_id, status, funders, referral_note, orientation_date, created_at)"
    " VALUES ({id}, 1, (SELECT id FROM measure WHERE code = 'avdl'), 'ACTIF', '{funders}', '', '2026-01-05',"
    " '2026-01-05 10:00:00')"
)


def test_0026_proposes_funding_lines_from_the_free_text_and_removes_them(migration_engine: Engine) -> None:
    engine = migration_engine
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), BEFORE)
        connection.exec_driver_sql(
            "INSERT INTO household (id, pet_count, pets_note, siao_reference, search_text, created_at, updated_at)"
            " VALUES (1, 0, '', '', '', '2026-01-01 10:00:00', '2026-01-01 10:00:00')"
        )
        # The measure's own text (no lines of its own), another text, and one naming a funder nobody listed.
        connection.exec_driver_sql(_EPISODE.format(id=1, funders="DDETS (BOP 177), FNAVDL"))
        connection.exec_driver_sql(_EPISODE.format(id=2, funders="DDETS / Rennes Métropole"))
        connection.exec_driver_sql(_EPISODE.format(id=3, funders="Fondation Abbé Pierre et Mutuelle X (dons, legs)"))
        # The same funders as the measure's in another order and spelling: the measure's lines apply.
        connection.exec_driver_sql(_EPISODE.format(id=4, funders="fnavdl et DDETS"))
        # A hyphenated place is one name; « et » inside brackets splits nothing; a funder named twice is added once.
        connection.exec_driver_sql(_EPISODE.format(id=5, funders="Département d''Ille-et-Vilaine (FSL et ASLL)"))
        connection.exec_driver_sql(_EPISODE.format(id=6, funders="MUTUELLE X (dons, legs) – DDETS"))
    with engine.begin() as connection:
        migrations.upgrade_to_head(connection)
        measures = rows_of(
            connection,
            "SELECT m.code, f.code, l.share_bp, l.proposed FROM measure_funding l JOIN measure m ON m.id = l.measure_id"
            " JOIN funder f ON f.id = l.funder_id ORDER BY m.code, l.sort_order",
        )
        assert [(m, f, s) for m, f, s, _ in measures] == [
            ("asll", "conseil_departemental", 10_000),
            ("avdl", "ddets", 5_000),
            ("avdl", "fnavdl", 5_000),
            ("chez_soi_dabord", "dihal", 5_000),
            ("chez_soi_dabord", "ars", 5_000),
            ("chrs_hors_les_murs", "ddets", 10_000),
            ("iml_sous_location", "ddets", 10_000),
            ("logements_accompagnes", "etat", 5_000),
            ("logements_accompagnes", "bailleurs", 5_000),
        ]
        assert all(proposed for *_, proposed in measures)
        episodes = rows_of(
            connection,
            "SELECT l.episode_id, f.code, f.label, l.share_bp FROM episode_funding l"
            " JOIN funder f ON f.id = l.funder_id"
            " ORDER BY l.episode_id, l.sort_order",
        )
        assert episodes == [
            (2, "ddets", "DDETS (BOP 177)", 5_000),
            (2, "metropole", "Métropole / EPCI", 5_000),
            (3, "fondation", "Fondation", 5_000),
            (3, "financeur_13", "Mutuelle X (dons, legs)", 5_000),
            (5, "conseil_departemental", "Conseil départemental (FSL)", 10_000),
            (6, "financeur_13", "Mutuelle X (dons, legs)", 5_000),
            (6, "ddets", "DDETS (BOP 177)", 5_000),
        ]
        assert rows_of(connection, "SELECT count(*) FROM funder") == [(13,)]
        assert rows_of(connection, "SELECT funders FROM episode WHERE id = 3") == [
            ("Fondation Abbé Pierre et Mutuelle X (dons, legs)",)
        ]
        criteria = rows_of(
            connection,
            "SELECT c.code FROM entry_criterion c JOIN measure m ON m.id = c.measure_id WHERE m.code = 'avdl'"
            " ORDER BY c.sort_order",
        )
        assert criteria == [("dalo",), ("expulsion",), ("siao",)]
        assert rows_of(connection, "SELECT code FROM right_kind ORDER BY sort_order LIMIT 2") == [
            ("aide_logement",),
            ("rsa",),
        ]
        assert "resources_cents" in {column["name"] for column in inspect(connection).get_columns("housing_proposal")}
        assert rows_of(
            connection, "SELECT funder_id, annual_budget_cents FROM funder_profile WHERE code = 'ddets_avdl'"
        ) == [(None, None)]
    with engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), BEFORE)
        tables = set(inspect(connection).get_table_names())
        assert not {
            "funder",
            "measure_funding",
            "episode_funding",
            "entry_criterion",
            "episode_criterion",
            "right_kind",
            "right_opened",
        } & tables
        assert "funder_id" not in {column["name"] for column in inspect(connection).get_columns("funder_profile")}
