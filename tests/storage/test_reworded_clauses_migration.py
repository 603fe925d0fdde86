"""The migration that rewords the default clauses: new template versions and drafts, nobody's own text touched.

Run on a plain SQLite file (the migration is the same SQL on SQLCipher): upgraded to the revision before, given
an administrator's own template and contracts in each state, then upgraded and downgraded again.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from alembic import command
from sqlalchemy import Connection, create_engine, text

from caseworker.paths import migrations_dir
from caseworker.storage.migrations import alembic_config


def _migration() -> ModuleType:
    path = next(migrations_dir().glob("versions/*_french_of_documents.py"))
    spec = importlib.util.spec_from_file_location("french_of_documents", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MIGRATION = _migration()
OLD_OBJECT, NEW_OBJECT = MIGRATION.REWORDED["engagement_minimal"]["objet"]
OWN_TEXT = "{menage} et {association} restent en lien, au rythme du ménage."


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[Connection]:
    engine = create_engine(f"sqlite:///{tmp_path / 'store.db'}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), MIGRATION.down_revision)
        yield connection
    engine.dispose()


def _kind(connection: Connection, code: str) -> int:
    return int(connection.execute(text("SELECT id FROM contract_kind WHERE code = :c"), {"c": code}).scalar_one())


def _latest(connection: Connection, kind: int) -> tuple[int, int, str]:
    row = connection.execute(
        text("SELECT id, version, note FROM contract_template WHERE kind_id = :k ORDER BY version DESC LIMIT 1"),
        {"k": kind},
    ).one()
    return int(row[0]), int(row[1]), str(row[2])


def _body(connection: Connection, table: str, owner: str, owner_id: int, code: str) -> str:
    return str(
        connection.execute(
            text(f"SELECT body FROM {table} WHERE {owner} = :o AND code = :c"),
            {"o": owner_id, "c": code},
        ).scalar_one()
    )


def _contract_version(connection: Connection, kind: int, status: str, number: int) -> int:
    connection.execute(
        text("INSERT INTO contract (kind_id, end_reason, created_at) VALUES (:k, '', '2026-06-15 10:00:00')"),
        {"k": kind},
    )
    contract = connection.execute(text("SELECT max(id) FROM contract")).scalar_one()
    connection.execute(
        text(
            "INSERT INTO contract_version (contract_id, number, status, title, amendment_note, drafted_on, "
            "pdf_sha256, created_at) VALUES (:c, :n, :s, '', '', '2026-06-15', '', '2026-06-15 10:00:00')"
        ),
        {"c": contract, "n": number, "s": status},
    )
    version = int(connection.execute(text("SELECT max(id) FROM contract_version")).scalar_one())
    connection.execute(
        text(
            "INSERT INTO contract_clause (version_id, code, title, body, required, sort_order) "
            "VALUES (:v, 'objet', 'Objet', :b, 1, 10)"
        ),
        {"v": version, "b": OLD_OBJECT},
    )
    return version


def test_defaults_are_reworded_in_a_new_version_and_in_drafts_only(connection: Connection) -> None:
    minimal, framework = _kind(connection, "engagement_minimal"), _kind(connection, "convention_cadre")
    # An administrator rewrote the framework's objectives: that text is theirs.
    framework_v1, _, _ = _latest(connection, framework)
    connection.execute(
        text("UPDATE contract_template_clause SET body = :b WHERE template_id = :t AND code = 'objectifs'"),
        {"b": OWN_TEXT, "t": framework_v1},
    )
    draft = _contract_version(connection, minimal, "BROUILLON", 1)
    signed = _contract_version(connection, minimal, "EN_VIGUEUR", 1)

    command.upgrade(alembic_config(connection), MIGRATION.revision)

    template, version, note = _latest(connection, minimal)
    assert (version, note) == (2, MIGRATION.NOTE)
    assert _body(connection, "contract_template_clause", "template_id", template, "objet") == NEW_OBJECT
    assert _body(connection, "contract_clause", "version_id", draft, "objet") == NEW_OBJECT
    assert _body(connection, "contract_clause", "version_id", signed, "objet") == OLD_OBJECT  # as it was signed
    assert _latest(connection, framework)[0] == framework_v1  # nothing of the defaults left to reword
    assert _body(connection, "contract_template_clause", "template_id", framework_v1, "objectifs") == OWN_TEXT
    for kind_code in ("contrat_objectifs", "protocole_maintien", "attestation_accord"):
        assert _latest(connection, _kind(connection, kind_code))[1] == 2, kind_code
    connection.execute(text("UPDATE partner_contact SET civility = 'MADAME'"))  # the column exists

    command.downgrade(alembic_config(connection), MIGRATION.down_revision)

    assert _latest(connection, minimal)[1] == 1
    assert _body(connection, "contract_clause", "version_id", draft, "objet") == OLD_OBJECT
    columns = {row[1] for row in connection.execute(text("PRAGMA table_info(partner_contact)"))}
    assert "civility" not in columns


def test_every_original_text_is_the_one_the_first_templates_seeded(connection: Connection) -> None:
    for kind_code, texts in MIGRATION.REWORDED.items():
        template, _, _ = _latest(connection, _kind(connection, kind_code))
        for code, (old, _new) in texts.items():
            assert _body(connection, "contract_template_clause", "template_id", template, code) == old, code
