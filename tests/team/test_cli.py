"""The administrator's and the laptop's commands, as typed: French output, secrets never on the command line."""

from __future__ import annotations

import io
import re
import sys

import pytest

from caseworker.cli import main
from caseworker.paths import DataPaths
from caseworker.services import Services, build_services
from caseworker.services.directory import OrganisationInput
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.storage.server_admin import ServerRoles
from caseworker.team.admin import MaintenanceAccess, NewPerson, init_server
from caseworker.team.membership import load_team_config
from tests.services.builders import new_household

PASSWORD = "vingt six lettres et plus encore"


def run(argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str = "") -> tuple[int, str, str]:
    previous = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        status = main(argv)
    finally:
        sys.stdin = previous
    out, err = capsys.readouterr()
    return status, out, err


def server(access: MaintenanceAccess, command: str, *extra: str) -> list[str]:
    url = f"postgresql://{access.user}@{access.address.host}:{access.address.port}/{access.address.database}"
    return [
        "server",
        command,
        "--url",
        url,
        "--ca",
        str(access.ca_file),
        "--roles-prefix",
        access.address.database,
        *extra,
    ]


def code_in(output: str) -> str:
    [code] = re.findall(r"CW1-\S+", output)
    return code


def test_install_join_check_add_and_disable_from_the_command_line(
    access: MaintenanceAccess, laptop: DataPaths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", access.password)
    admin_login = f"nadia.{access.address.database}"
    status, out, err = run(
        server(
            access,
            "init",
            "--organisation",
            "Association Le Toit",
            "--admin-login",
            admin_login,
            "--admin-first-name",
            "Nadia",
            "--admin-last-name",
            "Benali",
        ),
        capsys,
    )
    assert (status, err) == (0, "")
    assert "caseworker est installé" in out and "à usage unique" in out
    code = code_in(out)

    status, out, err = run(
        ["--data-dir", str(laptop.data_dir), "team", "join", "--ca", str(access.ca_file)],
        capsys,
        stdin=f"{code}\n{PASSWORD}\n{PASSWORD}\n",
    )
    assert (status, err) == (0, ""), err
    assert "fait partie de l'équipe" in out and PASSWORD not in out
    config = load_team_config(laptop)
    assert config is not None and config.login == admin_login
    assert KeyringSecretStore().get(config.keyring_entry()) == PASSWORD

    status, out, err = run(server(access, "check"), capsys)
    assert status == 0, out
    assert "[NON]" not in out and "1 actif(s) dont 0 en attente" in out

    fatou = f"fatou.{access.address.database}"
    status, out, _ = run(
        server(
            access,
            "add-user",
            "--login",
            fatou,
            "--first-name",
            "Fatou",
            "--last-name",
            "Diallo",
            "--role",
            "infirmier",
        ),
        capsys,
    )
    assert status == 0 and code_in(out)
    status, out, _ = run(server(access, "disable-user", "--login", fatou), capsys)
    assert status == 0 and "retiré" in out
    assert access.password not in out


def test_a_password_in_the_url_and_a_weak_password_are_refused(
    access: MaintenanceAccess, laptop: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = server(access, "check")
    argv[3] = argv[3].replace("@", ":secret@")
    status, _, err = run(argv, capsys)
    assert status != 0 and "ne doit pas contenir de mot de passe" in err
    status, _, err = run(
        ["--data-dir", str(laptop.data_dir), "team", "join", "--ca", str(access.ca_file)], capsys, stdin="CW1-abc\n"
    )
    assert status != 0 and "Code d'inscription illisible" in err
    code = init_server(
        access,
        ServerRoles(access.address.database),
        organisation=OrganisationInput(name="Le Toit", kind_code="association"),
        first_admin=NewPerson(f"nadia.{access.address.database}", "Nadia", "Benali", "administrateur"),
    ).text()
    status, _, err = run(
        ["--data-dir", str(laptop.data_dir), "team", "join", "--ca", str(access.ca_file)],
        capsys,
        stdin=f"{code}\nmotdepasse123\nmotdepasse123\n",
    )
    assert status != 0 and "motdepasse123" not in err and err.startswith("Erreur :")
    assert load_team_config(laptop) is None


def test_migrate_from_local_copies_the_store_and_gives_its_user_the_first_login(
    services: Services,
    data_paths: DataPaths,
    access: MaintenanceAccess,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new_household(services, "Zoé", "Local")
    monkeypatch.setenv("PGPASSWORD", access.password)
    claire = f"claire.{access.address.database}"
    argv = server(access, "migrate-from-local", "--data-dir", str(data_paths.data_dir), "--admin-login", claire)
    status, out, err = run(argv, capsys)
    assert (status, err) == (0, ""), err
    assert "household : 1 ligne(s)" in out and "DIFFÉRENTE" not in out
    assert code_in(out) and "La base locale n'a pas été modifiée" in out
    with access.open_engine() as engine:
        on_server = build_services(engine)
        staff = on_server.directory.staff_by_login(claire)
        assert staff is not None and (staff.first_name, staff.last_name) == ("Claire", "Martin")
        assert on_server.context.actor.staff_member_id is None
        assert [h.display_name for h in on_server.households.list_summaries()] == ["LOCAL Zoé"]
