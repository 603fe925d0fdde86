"""Tests of caseworker/services/audit.py: an append-only trail that never copies personal data."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from caseworker.domain import AuditAction
from caseworker.domain.audit import ACTION_LABELS
from caseworker.services import Services, audit
from caseworker.services.audit import AuditEntry
from caseworker.services.directory import DwellingInput, OrganisationInput, OrganisationView
from caseworker.services.households import HouseholdInput, OccupancyChangeInput, PersonInput
from caseworker.services.sharing import Attachment, ConsentInput
from tests.services.builders import TODAY, new_household, raw_rows, reference_member, row_count
from tests.support import FixedClock
from tests.support.row_versions import current_version, person_household

CANARY = "Zorglubovitch"


def test_audit_log_is_append_only(services: Services) -> None:
    new_household(services)
    count = row_count(services, "audit_event")
    assert count > 0
    with (
        pytest.raises(DBAPIError, match=r"audit_event is append-only|permission denied for table audit_event"),
        services.context.engine.begin() as connection,
    ):
        connection.execute(text("UPDATE audit_event SET staff_member_id = NULL"))
    with (
        pytest.raises(DBAPIError, match=r"audit_event is append-only|permission denied for table audit_event"),
        services.context.engine.begin() as connection,
    ):
        connection.execute(text("DELETE FROM audit_event"))
    with (
        pytest.raises(DBAPIError, match=r"audit_event is append-only|permission denied for table audit_event"),
        services.context.engine.begin() as connection,
    ):
        connection.execute(text("UPDATE audit_event SET fields = 'x' WHERE id = (SELECT max(id) FROM audit_event)"))
    assert row_count(services, "audit_event") == count


def test_audit_never_stores_field_values(services: Services, landlord: OrganisationView) -> None:
    created = services.households.create_household(
        HouseholdInput(pets_note=f"chien {CANARY}", siao_reference=f"SIAO-{CANARY}"),
        PersonInput(first_name=CANARY, last_name=f"{CANARY}-Nom", pseudonym=CANARY, phone="06 00 00 00 00"),
    )
    person_id = reference_member(services, created.id).person_id
    services.households.update_person(
        person_id,
        PersonInput(first_name=f"{CANARY}2", last_name=CANARY),
        household_id=person_household(services.households, person_id),
        expected_version=current_version(services.households, "update_person", person_id),
    )
    services.households.update_household(
        created.id,
        HouseholdInput(pets_note=f"chat {CANARY}"),
        expected_version=current_version(services.households, "update_household", created.id),
    )
    partner = services.households.add_member(
        created.id,
        PersonInput(first_name=f"{CANARY}3"),
        role_code="conjoint",
        start_date=TODAY,
        expected_version=current_version(services.households, "add_member", created.id),
    )
    services.households.end_membership(
        partner.membership_id,
        end_date=TODAY,
        reason=f"Départ {CANARY}",
        expected_version=current_version(services.households, "end_membership", partner.membership_id),
    )
    services.occupancy.change_occupancy(
        created.id,
        OccupancyChangeInput(
            status_code="locataire_titre",
            start_date=date(2026, 1, 1),
            reason_code="situation_initiale",
            new_dwelling=DwellingInput(landlord.id, f"1 rue {CANARY}", city=CANARY, notes=CANARY, rent=Decimal("1")),
            note=f"Note {CANARY}",
        ),
    )
    consent = services.consents.record_granted(
        created.id,
        ConsentInput(person_id, landlord.id, ("identite",), purpose=f"Finalité {CANARY}"),
        signed_on=TODAY,
        evidence=Attachment(f"{CANARY}.pdf", CANARY.encode()),
    )
    services.consents.evidence(consent.id)
    services.consents.revoke(consent.id, revoked_on=TODAY, note=CANARY)
    services.directory.update_organisation(landlord.id, OrganisationInput(name=CANARY, kind_code="bailleur_social"))
    services.households.open_file(created.id)

    rows = raw_rows(services, "SELECT * FROM audit_event")
    assert len(rows) >= 15
    dump = "\n".join(repr(row) for row in rows)
    assert CANARY.lower() not in dump.lower()
    for (fields,) in raw_rows(services, "SELECT fields FROM audit_event"):
        assert re.fullmatch(r"([a-z_]+(,[a-z_]+)*)?", str(fields)), fields


def test_for_household_newest_first_with_filters(services: Services, clock: FixedClock) -> None:
    created = new_household(services)
    other = new_household(services, "Paul", "Bernard")
    clock.today_value = date(2026, 6, 20)
    services.households.open_file(created.id)
    services.households.update_household(
        created.id,
        HouseholdInput(pet_count=1),
        expected_version=current_version(services.households, "update_household", created.id),
    )

    entries = services.audit.for_household(created.id)
    assert [(entry.action, entry.entity_type) for entry in entries] == [
        (AuditAction.UPDATE, "household"),
        (AuditAction.VIEW, "household"),
        (AuditAction.CREATE, "person"),
        (AuditAction.CREATE, "household"),
    ]
    assert entries[0].fields == ("pet_count",)
    if services.context.team_mode:  # the team's server dates its log itself (docs/domain.md §9.2)
        assert entries[0].at >= entries[-1].at
        assert abs(entries[0].at - datetime.now(timezone.utc)) < timedelta(minutes=5)
    else:
        assert entries[0].at == datetime(2026, 6, 20, 10, 0, tzinfo=timezone.utc)
        assert entries[-1].at == datetime(2026, 6, 15, 10, 0, tzinfo=timezone.utc)
    assert all(entry.staff_name == "Claire MARTIN" for entry in entries)
    views = services.audit.for_household(created.id, actions=[AuditAction.VIEW])
    assert [entry.description for entry in views] == ["Consultation — ménage"]
    assert len(services.audit.for_household(created.id, limit=2)) == 2
    assert {entry.entity_id for entry in entries if entry.entity_type == "household"} == {created.id}
    assert len(services.audit.for_household(other.id)) == 2


def test_recent_covers_the_whole_database(services: Services) -> None:
    created = new_household(services)
    recent = services.audit.recent()
    assert recent[0].entity_type in {"household", "membership", "person"}
    descriptions = {entry.description for entry in recent}
    assert {"Création — organisation", "Création — professionnel", "Création — ménage"} <= descriptions
    assert len(services.audit.recent(limit=1)) == 1
    assert created.id in {entry.entity_id for entry in recent if entry.entity_type == "household"}


def test_events_before_the_first_run_are_attributed_to_the_system(bare_services: Services) -> None:
    bare_services.directory.create_organisation(OrganisationInput(name="SIAO 35", kind_code="siao"))
    [entry] = bare_services.audit.recent()
    assert entry.staff_name == "Système"


def test_record_sorts_and_bounds_field_names(services: Services) -> None:
    with services.context.transaction() as session:
        audit.record(session, services.context, AuditAction.EXPORT, "export", None, fields=["b", "a"])
        audit.record(session, services.context, AuditAction.UPDATE, "household", 1, fields=["x" * 600, "y" * 600])
    stored = raw_rows(services, "SELECT fields FROM audit_event ORDER BY id DESC LIMIT 2")
    assert [len(str(value)) for (value,) in stored] == [1000, 3]
    assert stored[1] == ("a,b",)


def test_descriptions() -> None:
    at = datetime(2026, 6, 15, tzinfo=timezone.utc)
    assert AuditEntry(at, "X", AuditAction.UNLOCK_FAILED, "database", None, ()).description == (
        "Échec d'ouverture — base"
    )
    assert AuditEntry(at, "X", AuditAction.EXPORT, "rapport", None, ()).description == "Export — rapport"
    assert set(ACTION_LABELS) == set(AuditAction)


def test_record_unlock_writes_the_failed_attempts_first(services: Services) -> None:
    services.audit.record_unlock(failed_attempts=2)
    services.audit.record_database_event(AuditAction.BACKUP)
    newest = services.audit.recent(limit=4)
    assert [entry.description for entry in newest] == [
        "Sauvegarde — base",
        "Ouverture de la base — base",
        "Échec d'ouverture — base",
        "Échec d'ouverture — base",
    ]
    assert {entry.staff_name for entry in newest} == {"Claire MARTIN"}
    services.audit.record_unlock()
    assert services.audit.recent(limit=1)[0].action is AuditAction.UNLOCK
