"""The package as installed from a wheel (not the source checkout) finds its migrations and creates a store.

The wheel bundles ``migrations/`` and ``resources/`` under ``caseworker/_bundled`` (hatchling
force-include): a missing file there would only show up on a user's machine. The package is installed with
pip into a scratch directory (no dependencies: they come from the running environment) and exercised in a
separate process started outside the repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from caseworker.storage.migrations import head_revision

REPO_ROOT = Path(__file__).resolve().parents[2]

CHECK_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    site, work, expected_head = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

    import caseworker
    import caseworker.paths as paths

    package = Path(caseworker.__file__).resolve().parent
    assert package == site / "caseworker", caseworker.__file__
    assert paths.migrations_dir() == package / "_bundled" / "migrations", paths.migrations_dir()
    assert paths.resources_dir() == package / "_bundled" / "resources", paths.resources_dir()
    assert any(paths.migrations_dir().glob("versions/0001_*.py"))

    from caseworker.paths import DataPaths
    from caseworker.storage.database import (
        Credentials, NewKeyMaterial, check_database, create_database, unlock_and_open,
    )
    from caseworker.storage.migrations import head_revision


    class NoKeyring:
        def is_secure(self): return False
        def describe(self): return "none"
        def get(self, entry): return None
        def set(self, entry, secret): raise AssertionError("passphrase mode never writes to the keyring")
        def delete(self, entry): pass


    assert head_revision() == expected_head, head_revision()
    store = DataPaths(work / "store")
    passphrase = "une phrase de passe installée"
    database = create_database(store, NewKeyMaterial.for_passphrase(passphrase), NoKeyring())
    report = check_database(database)
    assert report.ok and report.revision == expected_head, report
    database.dispose()
    again = unlock_and_open(store, NoKeyring(), Credentials(passphrase=passphrase))
    assert check_database(again).revision == expected_head
    again.dispose()
    print("installed-package-ok", package)
    """
)


@pytest.mark.slow
def test_installed_package_creates_a_store(tmp_path: Path) -> None:
    site = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--no-cache-dir",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(REPO_ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    bundled = site / "caseworker" / "_bundled"
    assert (bundled / "migrations" / "env.py").is_file()
    assert (bundled / "migrations" / "script.py.mako").is_file()
    assert (bundled / "resources" / "fonts").is_dir()

    work = tmp_path / "work"
    work.mkdir()
    environment = {
        **os.environ,
        "PYTHONPATH": str(site),
        "PYTHONNOUSERSITE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    run = subprocess.run(
        [sys.executable, "-c", CHECK_SCRIPT, str(site), str(work), head_revision()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=work,
        env=environment,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip() == f"installed-package-ok {site / 'caseworker'}"
    assert (work / "store" / "caseworker.db").is_file()
