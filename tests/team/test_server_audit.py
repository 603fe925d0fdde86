"""The logs on the server are signed by it: a person's login, with raw psycopg and no application in between,
cannot write another person's name or another time, nor attach consents to a colleague's disclosure; opening a
file is logged (docs/domain.md §9.2)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import psycopg
import pytest
from sqlalchemy import text

from caseworker.domain import AuditAction
from caseworker.services.directory import StaffInput
from caseworker.services.errors import TransitionError
from caseworker.services.sharing import ConsentInput
from caseworker.storage.server import ServerAddress, ServerLogin, connection_arguments
from tests.conftest import POSTGRES_DATABASE, POSTGRES_PERSON
from tests.services.builders import FILED, raw_rows, reference_member
from tests.support.postgres import PostgresCluster
from tests.team.office import Office

LONG_AGO = datetime(2020, 1, 1, 8, 0)


def as_person(cluster: PostgresCluster, login: ServerLogin = POSTGRES_PERSON) -> psycopg.Connection:
    address = ServerAddress("127.0.0.1", cluster.port, POSTGRES_DATABASE)
    return psycopg.connect(**connection_arguments(address, login, cluster.ca_file), autocommit=True)


def colleague(office: Office) -> int:
    own = office.services.setup.own_organisation_id()
    assert own is not None
    return office.services.directory.create_staff(
        StaffInput(first_name="Paul", last_name="Leroy", role_code="travailleur_social", organisation_id=own)
    ).id


def server_now(connection: psycopg.Connection) -> datetime:
    row = connection.execute("SELECT now() AT TIME ZONE 'UTC'").fetchone()
    assert row is not None
    return row[0]  # type: ignore[no-any-return]


def test_an_audit_event_is_signed_with_the_sessions_person_and_the_servers_time(
    postgres_server: PostgresCluster, office: Office
) -> None:
    me = office.services.context.actor.staff_member_id
    other = colleague(office)
    with as_person(postgres_server) as connection:
        before = server_now(connection)
        row = connection.execute(
            "INSERT INTO audit_event (at, staff_member_id, action, entity_type, entity_id, household_id, fields) "
            "VALUES (%s, %s, 'VIEW', 'household', %s, %s, '') RETURNING staff_member_id, at",
            (LONG_AGO, other, office.household_id, office.household_id),
        ).fetchone()
        after = server_now(connection)
    assert row is not None
    staff, at = row
    assert staff == me != other
    assert before <= at <= after  # the server's clock, in UTC, not the year 2020 the client wrote


def test_a_disclosure_is_dated_by_the_server(postgres_server: PostgresCluster, office: Office) -> None:
    with as_person(postgres_server) as connection:
        before = server_now(connection)
        row = connection.execute(
            "INSERT INTO disclosure (at, staff_member_id, household_id, recipient_id, channel, document_kind, "
            "document_reference, categories, fields, legal_basis, copy_siao, sha256) "
            "VALUES (%s, NULL, %s, %s, 'impression', 'accuse_reception', 'X', '', '', 'C0', false, '') "
            "RETURNING at, staff_member_id",
            (LONG_AGO, office.household_id, office.landlord_id),
        ).fetchone()
    assert row is not None
    assert row[0] >= before
    assert row[1] == office.services.context.actor.staff_member_id


def test_consents_attach_only_to_a_disclosure_of_ones_own(
    postgres_server: PostgresCluster, postgres_database: psycopg.Connection, office: Office
) -> None:
    services = office.services
    person = reference_member(services, office.household_id).person_id
    consent = services.consents.record_granted(
        office.household_id,
        ConsentInput(person, office.landlord_id, ("identite",), "Fiche navette"),
        signed_on=date(2026, 6, 1),
        filing=FILED,
    )
    other = colleague(office)
    insert = (
        "INSERT INTO disclosure (at, staff_member_id, household_id, recipient_id, channel, document_kind, "
        "document_reference, categories, fields, legal_basis, copy_siao, sha256) "
        "VALUES (now(), %s, %s, %s, 'impression', 'fiche_navette', 'X', 'identite', '', '', false, '') RETURNING id"
    )
    # A colleague's disclosure, as the server's administration (a migration) writes it.
    theirs = postgres_database.execute(insert, (other, office.household_id, office.landlord_id)).fetchone()
    assert theirs is not None
    with as_person(postgres_server) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
            connection.execute(
                "INSERT INTO disclosure_consent_link (disclosure_id, consent_id) VALUES (%s, %s)",
                (theirs[0], consent.id),
            )
        assert "Seule la personne qui a fait une transmission" in str(refused.value)
        mine = connection.execute(insert, (other, office.household_id, office.landlord_id)).fetchone()
        assert mine is not None
        connection.execute(
            "INSERT INTO disclosure_consent_link (disclosure_id, consent_id) VALUES (%s, %s)", (mine[0], consent.id)
        )
    links = postgres_database.execute("SELECT disclosure_id FROM disclosure_consent_link").fetchall()
    assert links == [(mine[0],)]


def test_the_services_turn_the_refusal_into_a_french_message(
    postgres_database: psycopg.Connection, office: Office
) -> None:
    """What a gap between the services' rules and the server's looks like to the person: a refusal, nothing saved."""
    other = colleague(office)
    theirs = postgres_database.execute(
        "INSERT INTO disclosure (at, staff_member_id, household_id, recipient_id, channel, document_kind, "
        "document_reference, categories, fields, legal_basis, copy_siao, sha256) VALUES (now(), %s, %s, %s, "
        "'impression', 'fiche_navette', 'X', '', '', 'C0', false, '') RETURNING id",
        (other, office.household_id, office.landlord_id),
    ).fetchone()
    assert theirs is not None
    with (
        pytest.raises(TransitionError, match="dépasse vos droits"),
        office.services.context.transaction() as session,
    ):
        session.execute(
            text("INSERT INTO disclosure_consent_link (disclosure_id, consent_id) VALUES (:d, 1)"), {"d": theirs[0]}
        )


def test_opening_a_file_is_logged_on_the_server_by_whoever_opened_it(office: Office) -> None:
    services = office.services
    before = raw_rows(services, "SELECT now() AT TIME ZONE 'UTC'")[0][0]
    services.households.open_file(office.household_id)
    views = raw_rows(
        services,
        "SELECT staff_member_id, entity_type, entity_id, household_id, at FROM audit_event WHERE action = :action",
        action=AuditAction.VIEW.name,
    )
    assert len(views) == 1
    staff, entity_type, entity_id, household_id, at = views[0]
    assert (staff, entity_type, entity_id, household_id) == (
        services.context.actor.staff_member_id,
        "household",
        office.household_id,
        office.household_id,
    )
    # The server's time, not the laptop's clock (frozen on 15 June 2026 at 10:00 here).
    assert str(at) >= str(before)
    [entry] = services.audit.for_household(office.household_id, actions=[AuditAction.VIEW])
    assert entry.at != services.context.clock.now()
    assert abs(entry.at - datetime.now(timezone.utc)) < timedelta(minutes=5)
