"""``caseworker db check`` watches each household's last successful contact, kept by triggers (migration 0022)."""

from __future__ import annotations

from datetime import datetime, timezone

from caseworker.services import Services
from caseworker.services.support import ContactInput
from caseworker.storage.database import Database, check_database
from caseworker.storage.engine import connect_raw
from tests.services.builders import new_household
from tests.storage.conftest import fingerprint


def test_the_check_finds_the_last_contacts_out_of_step_and_changes_nothing(
    database: Database, services: Services
) -> None:
    """Each household's last successful contact is kept by triggers (migration 0022): ``caseworker db check`` says
    when one is missing and when the kept moments no longer say what the contact log says."""
    household = new_household(services, "Marc", "Dupont")
    services.contacts.record_contact(
        household.id,
        ContactInput(
            occurred_at=datetime(2026, 6, 1, 10, tzinfo=timezone.utc),
            type_code="visite_domicile",
            outcome_code="rencontre",
        ),
    )
    assert check_database(database).problems == []
    raw = connect_raw(database.paths.db_file, database.key)
    try:
        raw.execute("DROP TRIGGER household_last_contact_delete")
        raw.execute("DELETE FROM contact_participant")
        raw.execute("DELETE FROM contact")
        raw.commit()
    finally:
        raw.close()
    database.dispose()
    before = fingerprint(database.paths.data_dir)
    problems = check_database(database).problems
    assert fingerprint(database.paths.data_dir) == before
    assert problems == [
        "derniers contacts : le déclencheur household_last_contact_delete manque (ils ne suivent plus le journal des "
        "contacts)",
        "derniers contacts : 1 ménage(s) ne correspondent plus au journal des contacts",
    ]
