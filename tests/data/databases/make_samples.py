"""Freeze a small encrypted sample database at the current schema revision (test data, not secret).

Run from the repository root when a new migration is added, *before* changing anything else:

    python tests/data/databases/make_samples.py

It writes ``rev_<head>.db``, ``rev_<head>.key.json`` and ``rev_<head>.key.hex`` (the raw key: test data)
next to this script. Existing samples are never regenerated: each one is a frozen database written by an
older version, and ``tests/storage/test_sample_databases.py`` checks that every one of them still upgrades
to head and reads back.
The rows are written through ``caseworker.services`` so that they are what the application really stores.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[2]

# What every sample holds (read back by the test).
ORGANISATION = "Association Échantillon"
STAFF_FIRST_NAME = "Claire"
STAFF_LAST_NAME = "Martin"
PERSON_FIRST_NAME = "Zoé"
PERSON_LAST_NAME = "Échantillon-Müller"
OCCUPANCY_NOTE = "Note d'échantillon : hébergée chez sa sœur."
SAMPLE_DAY = date(2026, 6, 15)


def sample_files(revision: str) -> tuple[Path, Path, Path]:
    """Return the database, key file and key hex paths of the sample at ``revision``."""
    stem = HERE / f"rev_{revision}"
    return stem.with_suffix(".db"), Path(f"{stem}.key.json"), Path(f"{stem}.key.hex")


def main() -> int:
    """Write the sample at the current head revision; refuse to overwrite one."""
    sys.path.insert(0, str(REPO_ROOT))
    import keyring

    from caseworker.paths import DataPaths
    from caseworker.services import build_services
    from caseworker.services.directory import OrganisationInput
    from caseworker.services.households import HouseholdInput, OccupancyChangeInput, PersonInput
    from caseworker.services.setup import FirstRunInput
    from caseworker.storage.database import NewKeyMaterial, create_database
    from caseworker.storage.migrations import head_revision
    from caseworker.storage.secret_store import KeyringSecretStore
    from tests.support import FixedClock, InMemoryKeyring

    revision = head_revision()
    db_target, key_target, hex_target = sample_files(revision)
    if db_target.exists() or key_target.exists() or hex_target.exists():
        print(f"rev_{revision} exists already: samples are frozen, never regenerated.", file=sys.stderr)
        return 1
    keyring.set_keyring(InMemoryKeyring())  # never the real keyring
    with tempfile.TemporaryDirectory() as scratch:
        paths = DataPaths(Path(scratch) / "store")
        material = NewKeyMaterial.for_keyring()
        database = create_database(paths, material, KeyringSecretStore())
        services = build_services(database.engine, FixedClock(SAMPLE_DAY))
        services.setup.complete_first_run(
            FirstRunInput(
                organisation=OrganisationInput(name=ORGANISATION, kind_code="association", territory="Rennes"),
                first_name=STAFF_FIRST_NAME,
                last_name=STAFF_LAST_NAME,
                role_code="travailleur_social",
            )
        )
        household = services.households.create_household(
            HouseholdInput(), PersonInput(first_name=PERSON_FIRST_NAME, last_name=PERSON_LAST_NAME)
        )
        services.occupancy.change_occupancy(
            household.id,
            OccupancyChangeInput(
                status_code="heberge_tiers",
                start_date=SAMPLE_DAY,
                reason_code="situation_initiale",
                note=OCCUPANCY_NOTE,
            ),
        )
        database.dispose()
        shutil.copyfile(paths.db_file, db_target)
        shutil.copyfile(paths.key_info_file, key_target)
    hex_target.write_text(material.key.hex() + "\n", encoding="ascii")
    print(f"wrote {db_target.name}, {key_target.name}, {hex_target.name} (revision {revision})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
