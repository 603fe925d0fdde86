"""The fast revision reader agrees with Alembic's own reading of the scripts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caseworker.paths import migrations_dir
from caseworker.storage import migrations, revisions


def test_fast_reader_matches_alembic():
    assert revisions.known_revisions() == migrations.known_revisions()
    assert revisions.head_revision() == migrations.head_revision()


def test_fast_reader_follows_a_new_revision(tmp_path: Path):
    scripts = tmp_path / "scripts"
    shutil.copytree(migrations_dir(), scripts)
    head = revisions.head_revision()
    following = f"{int(head) + 1:04d}"
    (scripts / "versions" / f"{following}_more.py").write_text(
        f'revision: str = "{following}"\ndown_revision: str | None = "{head}"\n\n\ndef upgrade():\n    pass\n',
        encoding="utf-8",
    )
    assert revisions.head_revision(scripts) == following
    assert revisions.known_revisions(scripts) == {*revisions.known_revisions(), following}
    assert migrations.head_revision(scripts) == following


def test_fast_reader_refuses_branches(tmp_path: Path):
    scripts = tmp_path / "branches"
    shutil.copytree(migrations_dir(), scripts)
    for name in ("0902_a", "0903_b"):
        (scripts / "versions" / f"{name}.py").write_text(
            f'revision = "{name[:4]}"\ndown_revision = "0001"\n', encoding="utf-8"
        )
    with pytest.raises(RuntimeError, match="one chain"):
        revisions.head_revision(scripts)


def test_opening_does_not_import_alembic(tmp_path: Path):
    import subprocess
    import sys

    code = "import sys\nfrom caseworker.storage import database\nprint('alembic' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
