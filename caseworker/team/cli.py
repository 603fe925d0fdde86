"""``caseworker server …`` (the administrator) and ``caseworker team join`` (a laptop), in French.

Secrets are never taken from the command line, where the shell history and the process list would show them: the
maintenance password comes from ``PGPASSWORD`` or is asked, the enrolment code and the person's password are
asked (or read from standard input when it is not a terminal, one per line).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from caseworker.errors import DatabaseStateError, KnownError

MAINTENANCE_PASSWORD_ENV = "PGPASSWORD"

OpenLocal = Callable[[Path], AbstractContextManager[Any]]
"""Opens a local store by its data directory, for reading, as a context manager yielding the Database."""


def add_server_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``server init | add-user | disable-user | new-code | migrate | check``."""
    server = commands.add_parser("server", help="administration du serveur de l'équipe (PostgreSQL)")
    sub = server.add_subparsers(dest="server_command", required=True)

    def with_access(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument(
            "--url",
            required=True,
            help="postgresql://compte@serveur[:port]/base (compte de maintenance, sans mot de passe)",
        )
        parser.add_argument("--ca", required=True, type=Path, help="certificat de l'autorité de l'association (PEM)")
        parser.add_argument(
            "--roles-prefix", default="caseworker", help="préfixe des rôles de groupe (défaut : caseworker)"
        )
        return parser

    init = with_access(
        sub.add_parser("init", help="installe caseworker sur le serveur et crée le premier administrateur")
    )
    init.add_argument("--organisation", required=True, help="nom de l'association")
    init.add_argument("--territory", default="", help="ville ou territoire de l'association")
    _person_arguments(init, prefix="admin-", default_role="administrateur")
    add = with_access(sub.add_parser("add-user", help="ajoute une personne et donne son code d'inscription"))
    _person_arguments(add, prefix="", default_role=None)
    for name, text in (
        ("disable-user", "retire l'accès d'une personne, immédiatement"),
        ("new-code", "refait le code d'inscription d'une personne (l'ancien ne sert plus)"),
    ):
        with_access(sub.add_parser(name, help=text)).add_argument("--login", required=True)
    with_access(sub.add_parser("migrate", help="met le schéma du serveur à jour pour cette version"))
    move = with_access(
        sub.add_parser("migrate-from-local", help="copie la base chiffrée d'un poste vers une base neuve du serveur")
    )
    move.add_argument("--data-dir", type=Path, dest="local_data_dir", required=True, help="dossier de la base locale")
    move.add_argument("--admin-login", required=True, help="identifiant de l'utilisateur de ce poste sur le serveur")
    with_access(sub.add_parser("check", help="vérifie la configuration du serveur"))


def _person_arguments(parser: argparse.ArgumentParser, *, prefix: str, default_role: str | None) -> None:
    parser.add_argument(f"--{prefix}login", required=True, help="identifiant de connexion, ex. claire.martin")
    parser.add_argument(f"--{prefix}first-name", required=True)
    parser.add_argument(f"--{prefix}last-name", required=True)
    parser.add_argument(
        f"--{prefix}role",
        required=default_role is None,
        default=default_role,
        help="fonction : travailleur_social, travailleur_pair, infirmier, psychologue, juriste, benevole, "
        "chef_service, administrateur",
    )


def add_team_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``team join``."""
    team = commands.add_parser("team", help="mode équipe sur cet ordinateur")
    sub = team.add_subparsers(dest="team_command", required=True)
    join = sub.add_parser("join", help="rejoint le serveur de l'équipe avec un code d'inscription")
    join.add_argument("--ca", required=True, type=Path, help="certificat de l'autorité de l'association (PEM)")


def run_server_command(args: argparse.Namespace, open_local: OpenLocal | None = None) -> int:
    """Run one ``server`` command; a known problem is printed in French with its exit code.

    ``open_local`` opens a local store for reading (with its lock and its key), for ``migrate-from-local``.
    """
    from caseworker.services.directory import OrganisationInput
    from caseworker.storage.server import ServerAddress, login_name_in
    from caseworker.storage.server_admin import ServerRoles
    from caseworker.team import admin

    try:
        address = ServerAddress.parse(args.url)
        user = login_name_in(args.url)
        if not user:
            raise DatabaseStateError(
                "Indiquez le compte de maintenance dans l'adresse : postgresql://compte@serveur/base."
            )
        ca_file = _readable(args.ca)
        password = os.environ.get(MAINTENANCE_PASSWORD_ENV) or _secret(f"Mot de passe de {user} sur {address.host} : ")
        access = admin.MaintenanceAccess(address, user, password, ca_file)
        roles = ServerRoles(args.roles_prefix)
        command = args.server_command
        if command == "init":
            code = admin.init_server(
                access,
                roles,
                organisation=OrganisationInput(
                    name=args.organisation, kind_code="association", territory=args.territory
                ),
                first_admin=admin.NewPerson(
                    args.admin_login, args.admin_first_name, args.admin_last_name, args.admin_role
                ),
            )
            print(f"caseworker est installé sur {address}.")
            for item in admin.server_logging(access):
                print(f"[{'OK ' if item.ok else 'NON'}] {item.label} — {item.detail}")
            _print_code(code)
        elif command == "add-user":
            person = admin.NewPerson(args.login, args.first_name, args.last_name, args.role)
            _print_code(admin.add_user(access, roles, person))
        elif command == "new-code":
            _print_code(admin.renew_enrolment(access, roles, args.login))
        elif command == "disable-user":
            ended = admin.disable_user(access, roles, args.login)
            print(f"Accès de « {args.login} » retiré ; {ended} session(s) ouverte(s) fermée(s).")
        elif command == "migrate-from-local":
            assert open_local is not None
            _migrate_from_local(access, roles, args, open_local)
        elif command == "migrate":
            before, after = admin.migrate_server(access, roles)
            print(f"Schéma du serveur : révision {before or 'aucune'} → {after}.")
        else:
            items = admin.check_server(access, roles)
            for item in items:
                mark = "OK " if item.ok else "NON"
                print(f"[{mark}] {item.label}" + (f" — {item.detail}" if item.detail else ""))
            return 0 if all(item.ok for item in items) else 1
        return 0
    except KnownError as exc:
        print(f"Erreur : {exc.user_message}", file=sys.stderr)
        return exc.exit_code


def _migrate_from_local(access: Any, roles: Any, args: argparse.Namespace, open_local: OpenLocal) -> None:
    from caseworker.team.local_to_server import describe, give_first_login, migrate_local_store

    with open_local(args.local_data_dir) as database:
        staff_id = database_current_user(database)
        report = migrate_local_store(
            database, access, roles, progress=lambda table, done, total: print(f"  {done}/{total} {table}")
        )
    for line in describe(report):
        print(line)
    _print_code(give_first_login(access, roles, staff_id, args.admin_login))
    print("La base locale n'a pas été modifiée. Cet ordinateur rejoint l'équipe avec le code ci-dessus.")


def database_current_user(database: Any) -> int:
    """The staff member who uses the local store (they get the first login on the server)."""
    from caseworker.services import build_services

    staff_id = build_services(database.engine).context.actor.staff_member_id
    if staff_id is None:
        raise DatabaseStateError("La base locale n'a pas d'utilisateur : terminez d'abord sa mise en service.")
    return staff_id


def run_team_command(args: argparse.Namespace, data_dir: Path) -> int:
    """Run ``team join``: ask the code and the person's new password, join, say what happens next."""
    from caseworker.paths import DataPaths
    from caseworker.storage.passphrase_strength import passphrase_problems
    from caseworker.storage.secret_store import KeyringSecretStore
    from caseworker.team.enrolment import EnrolmentCode
    from caseworker.team.membership import join_team

    try:
        ca_pem = _readable(args.ca).read_bytes()
        code = EnrolmentCode.parse(_line("Code d'inscription : "))
        code.check_authority(ca_pem)
        password = _secret(f"Votre mot de passe pour {code.login} (12 caractères au moins) : ")
        confirmation = _secret("Le même, une seconde fois : ")
        problems = passphrase_problems(password, confirmation, personal_words=(code.login, *code.login.split(".")))
        if problems:
            raise DatabaseStateError(" ".join(problems.values()))
        store = KeyringSecretStore()
        config = join_team(DataPaths(data_dir), code, ca_pem, password, store)
        print(f"Cet ordinateur fait partie de l'équipe : {config.address}, identifiant {config.login}.")
        if not store.is_secure():
            print("Pas de trousseau sécurisé sur cet ordinateur : le mot de passe sera demandé à chaque démarrage.")
        return 0
    except KnownError as exc:
        print(f"Erreur : {exc.user_message}", file=sys.stderr)
        return exc.exit_code


def _print_code(code: object) -> None:
    from caseworker.team.enrolment import EnrolmentCode

    assert isinstance(code, EnrolmentCode)
    print(
        f"Code d'inscription de {code.login} (à usage unique, valable jusqu'au {code.expires_at:%d/%m/%Y %H:%M} UTC) :"
    )
    print()
    print(f"    {code.text()}")
    print()
    print(
        "À remettre à la personne avec le certificat de l'autorité de l'association. Sur son ordinateur : "
        "« caseworker team join --ca <certificat> », ou « Rejoindre mon équipe » à la mise en service."
    )


def _readable(path: Path) -> Path:
    if not path.is_file():
        raise DatabaseStateError(f"Fichier introuvable : « {path} ».")
    return path


def _secret(label: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(label)
    return _line(label)


def _line(label: str) -> str:
    if sys.stdin.isatty():
        return input(label).strip()
    line = sys.stdin.readline()
    if not line:
        raise DatabaseStateError(f"{label.strip(' :')} : aucune saisie (entrée standard vide).")
    return line.rstrip("\n")
