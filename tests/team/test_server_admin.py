"""caseworker server init / add-user / disable-user, and a laptop joining with its one-time code."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import psycopg
import pytest

from caseworker.errors import DatabaseStateError
from caseworker.paths import DataPaths
from caseworker.services import build_services
from caseworker.services.directory import OrganisationInput, StaffInput
from caseworker.storage import server_admin
from caseworker.storage.migrations import head_revision
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.storage.server import ServerAddress, ServerLogin, connection_arguments
from caseworker.storage.server_admin import ServerRoles
from caseworker.team import admin
from caseworker.team.access_rules import RULES_FINGERPRINT, RULES_MARK, RULES_VERSION, rules_fingerprint
from caseworker.team.admin import MaintenanceAccess, NewPerson
from caseworker.team.enrolment import EnrolmentCode
from caseworker.team.membership import join_team, load_team_config, team_config_file
from caseworker.team.session import open_team_session
from tests.support import FixedClock
from tests.support.postgres import Authority

ASSOCIATION = OrganisationInput(name="Association Le Toit", kind_code="association", territory="Rennes")
PASSWORD = "quatre mots bien choisis ici"


def login(access: MaintenanceAccess, first_name: str) -> str:
    """Logins are cluster-wide: each test's are its own (``nadia.team_3``)."""
    return f"{first_name}.{access.address.database}"


def admin_of(access: MaintenanceAccess) -> NewPerson:
    return NewPerson(login(access, "nadia"), "Nadia", "Benali", "administrateur")


def install(access: MaintenanceAccess, roles: ServerRoles) -> EnrolmentCode:
    return admin.init_server(access, roles, organisation=ASSOCIATION, first_admin=admin_of(access))


def connect_as(access: MaintenanceAccess, login: str, password: str) -> psycopg.Connection:
    arguments = connection_arguments(access.address, ServerLogin(login, password), access.ca_file)
    return psycopg.connect(**arguments, autocommit=True)


def test_init_installs_the_schema_roles_and_first_admin(access: MaintenanceAccess, roles: ServerRoles) -> None:
    code = install(access, roles)
    assert code.login == login(access, "nadia")
    with access.open_engine() as engine:
        assert server_admin.schema_revision(engine) == head_revision()
        services = build_services(engine)
        staff = services.directory.staff_by_login(login(access, "nadia"))
        assert staff is not None and (staff.first_name, staff.role_code) == ("Nadia", "administrateur")
        assert services.setup.own_organisation_id() is not None
        assert services.context.actor.staff_member_id is None  # a server has no "current user"
    with access.connect(access.address.database) as connection:
        [state] = server_admin.login_states(connection, roles)
        assert (state.login, state.can_login, state.member) == (login(access, "nadia"), True, True)
        assert state.valid_until is not None and state.valid_until < datetime.now(timezone.utc) + timedelta(days=8)
        assert server_admin.privileged_members(connection, roles) == []
        assert server_admin.tables_people_may_change(connection, roles, server_admin.APPEND_ONLY_TABLES) == []
        owners = connection.execute(
            "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public'"
        ).fetchall()
        assert owners == [(roles.owner,)]


def test_init_refuses_a_database_that_already_holds_caseworker(access: MaintenanceAccess, roles: ServerRoles) -> None:
    install(access, roles)
    with pytest.raises(DatabaseStateError, match="contient déjà les données de caseworker"):
        admin.init_server(
            access, roles, organisation=ASSOCIATION, first_admin=NewPerson(login(access, "autre"), "A", "B", "benevole")
        )
    with access.open_engine() as engine:
        assert [s.login for s in build_services(engine).directory.list_staff()] == [login(access, "nadia")]


def test_joining_replaces_the_one_time_password_and_pins_the_authority(
    access: MaintenanceAccess, roles: ServerRoles, laptop: DataPaths
) -> None:
    code = install(access, roles)
    text = code.text()
    assert code.one_time_password not in repr(code)
    config = join_team(
        laptop,
        EnrolmentCode.parse(f"  {text[:20]}\n{text[20:]} "),
        access.ca_file.read_bytes(),
        PASSWORD,
        KeyringSecretStore(),
    )
    assert config == load_team_config(laptop)
    assert config.ca_file.read_bytes() == access.ca_file.read_bytes()
    assert KeyringSecretStore().get(config.keyring_entry()) == PASSWORD
    assert PASSWORD not in team_config_file(laptop).read_text(encoding="utf-8")
    with connect_as(access, login(access, "nadia"), PASSWORD) as connection:
        assert connection.execute("SELECT session_user").fetchone() == (login(access, "nadia"),)
        assert connection.info.pgconn.ssl_in_use
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        connect_as(access, login(access, "nadia"), code.one_time_password)
    with access.connect(access.address.database) as connection:
        [state] = server_admin.login_states(connection, roles)
        assert state.valid_until is None  # permanent now
    # The same code again: it opens nothing any more, and the laptop is told why.
    other = DataPaths(laptop.data_dir.parent / "other")
    with pytest.raises(DatabaseStateError, match="déjà servi"):
        join_team(other, code, access.ca_file.read_bytes(), "un autre mot de passe long", KeyringSecretStore())
    assert not other.data_dir.exists() or not team_config_file(other).exists()


def test_a_code_is_refused_with_another_authority_and_writes_nothing(
    access: MaintenanceAccess, roles: ServerRoles, laptop: DataPaths
) -> None:
    code = install(access, roles)
    with pytest.raises(DatabaseStateError, match="pas celui de votre association"):
        join_team(laptop, code, Authority.create().certificate_pem, PASSWORD, KeyringSecretStore())
    assert not laptop.data_dir.exists()
    with pytest.raises(DatabaseStateError, match="illisible"):
        EnrolmentCode.parse("CW1-pas-un-code")


def test_an_expired_code_is_refused_by_the_laptop_and_by_the_server(
    access: MaintenanceAccess, roles: ServerRoles, laptop: DataPaths
) -> None:
    long_ago = FixedClock(date.today() - timedelta(days=30))
    code = admin.init_server(access, roles, organisation=ASSOCIATION, first_admin=admin_of(access), clock=long_ago)
    with pytest.raises(DatabaseStateError, match="a expiré"):
        join_team(laptop, code, access.ca_file.read_bytes(), PASSWORD, KeyringSecretStore())
    # Even with the laptop's clock set back, the server refuses the one-time password after its date.
    with pytest.raises(DatabaseStateError, match="n'ouvre plus le serveur"):
        join_team(laptop, code, access.ca_file.read_bytes(), PASSWORD, KeyringSecretStore(), now=long_ago.now())
    assert not team_config_file(laptop).exists()


def test_a_member_cannot_change_the_logs_the_schema_or_the_roles(
    access: MaintenanceAccess, roles: ServerRoles, laptop: DataPaths
) -> None:
    join_team(laptop, install(access, roles), access.ca_file.read_bytes(), PASSWORD, KeyringSecretStore())
    refused = [
        "UPDATE audit_event SET fields = ''",
        "DELETE FROM audit_event",
        "TRUNCATE audit_event",
        "DELETE FROM disclosure",
        "UPDATE alembic_version SET version_num = '0001'",
        "CREATE TABLE evil (id int)",
        "DROP TABLE household",
        "ALTER TABLE household DISABLE ROW LEVEL SECURITY",
        "CREATE ROLE someone LOGIN",
        f'ALTER ROLE "{login(access, "nadia")}" BYPASSRLS',
        "SELECT caseworker_complete_enrolment('motdepasse')",
    ]
    with connect_as(access, login(access, "nadia"), PASSWORD) as connection:
        assert connection.execute("SELECT count(*) FROM audit_event").fetchone()[0] > 0  # type: ignore[index]
        for statement in refused:
            with pytest.raises(psycopg.Error):
                connection.execute(statement)


def test_add_user_then_disable_user_cuts_access_at_once(
    access: MaintenanceAccess, roles: ServerRoles, tmp_path: Path
) -> None:
    install(access, roles)
    code = admin.add_user(access, roles, NewPerson(login(access, "fatou"), "Fatou", "Diallo", "travailleur_social"))
    join_team(DataPaths(tmp_path / "fatou"), code, access.ca_file.read_bytes(), PASSWORD, KeyringSecretStore())
    session = connect_as(access, login(access, "fatou"), PASSWORD)
    assert session.execute("SELECT 1").fetchone() == (1,)
    with pytest.raises(DatabaseStateError, match="déjà celui d'une personne"):
        admin.add_user(access, roles, NewPerson(login(access, "fatou"), "Autre", "Fatou", "benevole"))
    assert admin.disable_user(access, roles, login(access, "fatou")) == 1
    with pytest.raises(psycopg.OperationalError):
        session.execute("SELECT 1")  # the open session was ended
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        connect_as(access, login(access, "fatou"), PASSWORD)
    with access.open_engine() as engine:
        staff = build_services(engine).directory.staff_by_login(login(access, "fatou"))
        assert staff is not None and not staff.active


def test_a_password_with_accents_logs_in(access: MaintenanceAccess, roles: ServerRoles, laptop: DataPaths) -> None:
    """The verifier is computed on the laptop; the server must derive the same one from an accented password."""
    password = "Été à Noël\u00a0: çà et là, œuvre ½"
    join_team(laptop, install(access, roles), access.ca_file.read_bytes(), password, KeyringSecretStore())
    with connect_as(access, login(access, "nadia"), password) as connection:
        assert connection.execute("SELECT 1").fetchone() == (1,)


def test_bad_login_names_are_refused_in_french() -> None:
    for login in ("Claire", "a", "claire martin", "x" * 60, "1abc", 'a"b'):
        with pytest.raises(DatabaseStateError, match="Identifiant invalide"):
            server_admin.check_login_name(login)


def test_add_user_takes_over_a_record_copied_from_a_local_store(access: MaintenanceAccess, roles: ServerRoles) -> None:
    install(access, roles)
    with access.open_engine() as engine:
        directory = build_services(engine).directory
        own = build_services(engine).setup.own_organisation_id()
        assert own is not None
        paul = directory.create_staff(StaffInput("Paul", "Renard", "travailleur_social", own))
    admin.add_user(access, roles, NewPerson(login(access, "paul"), "paul", "RENARD", "travailleur_social"))
    admin.add_user(access, roles, NewPerson(login(access, "paul2"), "Paul", "Renard", "infirmier"))  # another Paul
    with access.open_engine() as engine:
        directory = build_services(engine).directory
        taken = directory.staff_by_login(login(access, "paul"))
        other = directory.staff_by_login(login(access, "paul2"))
        assert taken is not None and taken.id == paul.id
        assert other is not None and other.id != paul.id


def test_the_server_signs_the_audit_log_with_the_login_whatever_the_client_writes(
    access: MaintenanceAccess, roles: ServerRoles, laptop: DataPaths
) -> None:
    join_team(laptop, install(access, roles), access.ca_file.read_bytes(), PASSWORD, KeyringSecretStore())
    admin.add_user(access, roles, NewPerson(login(access, "fatou"), "Fatou", "Diallo", "travailleur_social"))
    with access.open_engine() as engine:
        directory = build_services(engine).directory
        nadia, fatou = (directory.staff_by_login(login(access, name)) for name in ("nadia", "fatou"))
    assert nadia is not None and fatou is not None
    with connect_as(access, login(access, "nadia"), PASSWORD) as connection:
        row = connection.execute(
            "INSERT INTO audit_event (at, staff_member_id, action, entity_type, fields) "
            "VALUES (now(), %s, 'VIEW', 'household', '') RETURNING staff_member_id",
            (fatou.id,),  # a hand-made client signs as Fatou
        ).fetchone()
        assert row == (nadia.id,)
        assert connection.execute("SELECT caseworker_session_staff()").fetchone() == (nadia.id,)


def test_a_code_without_fingerprint_or_an_address_that_is_a_socket_is_refused(access: MaintenanceAccess) -> None:
    code = EnrolmentCode.new(access.address, "claire.martin", access.ca_file.read_bytes(), datetime.now(timezone.utc))
    blank = EnrolmentCode(code.address, code.login, code.one_time_password, "", code.expires_at)
    with pytest.raises(DatabaseStateError, match="illisible"):
        EnrolmentCode.parse(blank.text())  # an empty fingerprint would accept any authority
    for host in ("/var/run/postgresql", "serveur host=autre", ""):
        with pytest.raises(DatabaseStateError, match="Adresse de serveur invalide"):
            ServerAddress(host, 5432, "caseworker")


def test_a_laptop_refuses_a_server_whose_access_rules_are_not_this_versions(
    access: MaintenanceAccess, roles: ServerRoles, laptop: DataPaths
) -> None:
    """The rules change with the code and not always with the schema: a search would call a function the server
    lacks. A server behind: the laptop says to migrate it, ``server check`` says it, ``server migrate`` installs
    them. A server ahead: the laptop says to update caseworker here, and an older ``server migrate`` refuses to put
    older rules back."""
    config = join_team(laptop, install(access, roles), access.ca_file.read_bytes(), PASSWORD, KeyringSecretStore())
    open_team_session(config, PASSWORD).engine.dispose()

    def rules_item() -> tuple[bool, str]:
        (item,) = [item for item in admin.check_server(access, roles) if item.label.startswith("Règles d'accès")]
        return item.ok, item.detail

    def server_says(statement: str) -> None:
        with access.connect(access.address.database) as connection:
            connection.execute(statement)

    assert rules_item() == (True, "")
    behind = "doivent être mises à jour pour cette version (caseworker server migrate)"
    for outdated in (
        f"CREATE OR REPLACE FUNCTION {RULES_MARK} RETURNS integer LANGUAGE sql AS $$ SELECT {RULES_VERSION - 1} $$",
        f"DROP FUNCTION {RULES_MARK}",  # a server installed before the rules had a version
    ):
        server_says(outdated)
        with pytest.raises(DatabaseStateError, match=re.escape(behind)):
            open_team_session(config, PASSWORD)
        ok, detail = rules_item()
        assert not ok and behind in detail
        assert admin.migrate_server(access, roles) == (head_revision(), head_revision())
        assert rules_item() == (True, "")
        session = open_team_session(config, PASSWORD)
        try:
            assert session.services.households.search("benali") == []  # the search function is there
        finally:
            session.engine.dispose()

    newer = f"CREATE OR REPLACE FUNCTION {RULES_MARK} RETURNS integer LANGUAGE sql AS $$ SELECT {RULES_VERSION + 1} $$"
    server_says(newer)
    ahead = "version plus récente de caseworker : mettez à jour caseworker sur cet ordinateur"
    with pytest.raises(DatabaseStateError, match=re.escape(ahead)):
        open_team_session(config, PASSWORD)
    with pytest.raises(DatabaseStateError, match=re.escape(ahead)):
        admin.migrate_server(access, roles)
    with access.connect(access.address.database) as connection:
        assert connection.execute(f"SELECT {RULES_MARK}").fetchone() == (RULES_VERSION + 1,)  # left as it was


def test_the_rules_version_follows_the_rules() -> None:
    """Whoever changes what the server enforces beyond the schema raises RULES_VERSION (and pins the new
    fingerprint): laptops and servers compare that version, not how a library renders the statements."""
    assert rules_fingerprint() == RULES_FINGERPRINT, (
        f"The server's rules changed (fingerprint {rules_fingerprint()}): raise RULES_VERSION in "
        "caseworker/team/access_rules.py and set RULES_FINGERPRINT to the new fingerprint."
    )
    for seed in ("1", "2"):  # nothing in it comes from the order of a set
        found = subprocess.run(
            [sys.executable, "-c", "from caseworker.team.access_rules import rules_fingerprint as f; print(f())"],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        assert found.stdout.strip() == RULES_FINGERPRINT
