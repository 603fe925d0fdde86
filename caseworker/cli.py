"""The ``caseworker`` command.

* ``caseworker`` opens the application window.
* ``caseworker demo --households N`` builds a realistic fictitious dataset (creating the store if needed).
* ``caseworker db upgrade | check | backup | rekey`` maintains the encrypted store.
* ``caseworker export --profile P --from D --to D --format F --out FILE`` writes a funder's anonymised figures
  (:mod:`caseworker.cli_export`).

Headless use: when the key is kept as a passphrase, ``CASEWORKER_PASSPHRASE`` supplies it (and
``CASEWORKER_NEW_PASSPHRASE`` the new one for ``db rekey --passphrase``); ``CASEWORKER_RECOVERY_KEY`` supplies a
recovery key. These variables are for scripts and servers only; the window never reads them.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from caseworker import APP_DISPLAY_NAME, __version__
from caseworker.errors import CorruptDatabaseError, KeyUnavailableError, KnownError
from caseworker.paths import DataPaths, default_data_dir

if TYPE_CHECKING:  # imported where used: the command starts fast and `--version` loads no storage code
    from caseworker.storage.backup_keys import KeptKey
    from caseworker.storage.key_info import KeyStorage

PASSPHRASE_ENV = "CASEWORKER_PASSPHRASE"
NEW_PASSPHRASE_ENV = "CASEWORKER_NEW_PASSPHRASE"
RECOVERY_ENV = "CASEWORKER_RECOVERY_KEY"
# A damaged interior page makes SQLite list every page below it: the first lines say enough.
PROBLEMS_SHOWN = 20
DEMO_NAMES = ("Association de démonstration", "Camille Démo")
"""The organisation and the user a demo store is set up with."""
LOCK_WAIT_SECONDS = 10.0
"""How long a command waits for another caseworker program (a window, a key change) to let go of the store."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseworker",
        description=f"{APP_DISPLAY_NAME} : suivi des ménages accompagnés (Logement d'abord), base chiffrée locale.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=Path, help="dossier des données (par défaut : dossier de l'utilisateur)")
    parser.add_argument("--verbose", action="store_true", help="journal détaillé (jamais de données personnelles)")
    commands = parser.add_subparsers(dest="command")

    demo = commands.add_parser("demo", help="crée des ménages fictifs réalistes")
    demo.add_argument("--households", type=int, required=True, help="nombre de ménages à créer")
    demo.add_argument("--seed", type=int, default=2026, help="graine du générateur (même graine, mêmes données)")
    demo.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)

    db = commands.add_parser("db", help="maintenance de la base chiffrée")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    for name, text in (
        ("upgrade", "met la base à jour (sauvegarde chiffrée d'abord)"),
        ("check", "vérifie l'intégrité de la base"),
        ("backup", "écrit une sauvegarde chiffrée"),
    ):
        sub = db_commands.add_parser(name, help=text)
        sub.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
        sub.add_argument("--recovery-key", action="store_true", help="ouvrir avec la clé de secours")
    rekey = db_commands.add_parser("rekey", help="change la clé de la base et la clé de secours")
    rekey.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    rekey.add_argument("--recovery-key", action="store_true", help="ouvrir avec la clé de secours (trousseau perdu)")
    mode = rekey.add_mutually_exclusive_group()
    mode.add_argument("--keyring", action="store_true", help="nouvelle clé aléatoire gardée dans le trousseau")
    mode.add_argument("--passphrase", action="store_true", help="nouvelle clé tirée d'une phrase de passe")
    rekey.add_argument("--recovery-pdf", type=Path, help="écrit la nouvelle clé de secours dans ce PDF")
    from caseworker.cli_export import add_export_command
    from caseworker.team.cli import add_server_commands, add_team_commands

    add_export_command(commands)

    add_server_commands(commands)
    add_team_commands(commands)
    team = commands.choices["team"]
    team.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args = _parser().parse_args(argv)
    if os.name == "posix":
        # Whatever this process writes (database, WAL, backups, logs, saved sheets) is private by default.
        os.umask(0o077)
    data_dir = getattr(args, "sub_data_dir", None) or args.data_dir
    if args.command is None:
        from caseworker.app import run_gui

        return run_gui(data_dir, verbose=args.verbose)
    from caseworker.logging_setup import configure_logging

    configure_logging(verbose=args.verbose)
    if args.command == "server":
        from caseworker.team.cli import run_server_command

        return run_server_command(args, open_local=_open_for_reading)
    paths = DataPaths(data_dir or default_data_dir())
    if args.command == "team":
        from caseworker.team.cli import run_team_command

        return run_team_command(args, paths.data_dir)
    from caseworker.storage.store_lock import StoreLock

    # Every command takes the store's lock: never two programs changing the same store, and no check or backup
    # of a store in the middle of a key change (it would read a file being rewritten under another key).
    lock = StoreLock(paths)
    try:
        if args.command != "demo":
            from caseworker.storage.database import require_store

            # Only `demo` may create a store: the others create nothing where there is none, not even the lock.
            require_store(paths)
        lock.acquire(wait_seconds=LOCK_WAIT_SECONDS, on_wait=_say_we_wait)
        if args.command == "demo":
            return _demo(paths, args.households, args.seed)
        if args.command == "export":
            return _export(paths, args)
        return _db(paths, args)
    except KnownError as exc:
        print(f"Erreur : {exc.user_message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130
    finally:
        lock.release()


@contextmanager
def _open_for_reading(data_dir: Path) -> Iterator[object]:
    """Open a local store under its lock without changing it (no upgrade, no backup re-encryption)."""
    from caseworker.storage.database import require_store
    from caseworker.storage.store_lock import StoreLock

    paths = DataPaths(data_dir)
    require_store(paths)
    lock = StoreLock(paths)
    lock.acquire(wait_seconds=LOCK_WAIT_SECONDS, on_wait=_say_we_wait)
    try:
        database = _open(paths, use_recovery=False, for_check=True)
        try:
            yield database
        finally:
            database.dispose()
    finally:
        lock.release()


def _say_we_wait() -> None:
    print(
        "La base est utilisée par un autre programme caseworker (une fenêtre ou une commande en cours) : "
        f"attente de sa libération ({LOCK_WAIT_SECONDS:.0f} s au plus)…",
        file=sys.stderr,
        flush=True,
    )


def _credentials(*, use_recovery: bool) -> object:
    from caseworker.storage.database import Credentials

    if use_recovery:
        recovery = os.environ.get(RECOVERY_ENV) or _prompt("Clé de secours : ")
        return Credentials(recovery_key=recovery)
    return Credentials(passphrase=os.environ.get(PASSPHRASE_ENV))


def _prompt(label: str) -> str:
    if not sys.stdin.isatty():
        raise KeyUnavailableError(f"{label.strip(' :')} : aucune saisie possible (pas de terminal).")
    return getpass.getpass(label)


def _open(  # type: ignore[no-untyped-def]
    paths: DataPaths, *, use_recovery: bool, for_check: bool = False, credentials: object | None = None
):
    """Unlock and open the store.

    Every command but ``db check`` refuses a damaged store untouched, upgrades an older one and finishes
    re-encrypting backups an interrupted key change left; ``db check`` (``for_check``) only reads.
    """
    from caseworker.storage.database import Credentials, unlock_and_open
    from caseworker.storage.secret_store import KeyringSecretStore

    credentials = credentials or _unlock_credentials(paths, use_recovery=use_recovery)
    assert isinstance(credentials, Credentials)
    return unlock_and_open(
        paths,
        KeyringSecretStore(),
        credentials,
        migrate=not for_check,
        verify=not for_check,
        finish_backups=not for_check,
    )


def _unlock_credentials(paths: DataPaths, *, use_recovery: bool) -> object:
    """The recovery key, or the passphrase (asked when the store is kept that way), or nothing (the keyring)."""
    from caseworker.storage.database import Credentials
    from caseworker.storage.key_info import KeyStorage, load_key_info

    credentials = _credentials(use_recovery=use_recovery)
    assert isinstance(credentials, Credentials)
    if credentials.recovery_key is None and credentials.passphrase is None and paths.key_info_file.exists():
        info = load_key_info(paths.key_info_file)
        # A passphrase opens the store when it is kept that way, or when a change to a passphrase was interrupted.
        if any(item is not None and item.storage is KeyStorage.PASSPHRASE for item in (info, info.pending)):
            credentials = Credentials(passphrase=_prompt("Phrase de passe : "))
    return credentials


def _check_unopenable(paths: DataPaths, credentials: object, reason: KnownError) -> int:
    """``db check`` of a store too damaged to open: the file itself is checked with its key, nothing written."""
    from caseworker.storage.database import Credentials, check_store, obtain_key
    from caseworker.storage.key_info import load_key_info
    from caseworker.storage.secret_store import KeyringSecretStore

    assert isinstance(credentials, Credentials)
    key = obtain_key(load_key_info(paths.key_info_file), KeyringSecretStore(), credentials)
    report = check_store(paths, key)
    print(f"La base ne s'ouvre pas : {reason.user_message}")
    for problem in report.problems[:PROBLEMS_SHOWN]:
        print(f"Problème : {problem}")
    if len(report.problems) > PROBLEMS_SHOWN:
        print(f"… et {len(report.problems) - PROBLEMS_SHOWN} autres problèmes ({len(report.problems)} en tout).")
    _print_backups(paths, key)
    return 1


def _db(paths: DataPaths, args: argparse.Namespace) -> int:
    from caseworker.storage.database import check_database

    command = args.db_command
    if command == "upgrade":
        database = _open(paths, use_recovery=args.recovery_key)
        report = check_database(database)
        database.dispose()
        print(f"Base à jour (schéma {report.revision}).")
        return 0
    if command == "check":
        credentials = _unlock_credentials(paths, use_recovery=args.recovery_key)
        try:
            database = _open(paths, use_recovery=args.recovery_key, for_check=True, credentials=credentials)
        except CorruptDatabaseError as exc:
            # A damaged page read at opening: the check still says what is wrong with the file.
            return _check_unopenable(paths, credentials, exc)
        report = check_database(database)
        database.dispose()
        print(f"Schéma : {report.revision} (version de l'application : {report.head})")
        for problem in report.problems[:PROBLEMS_SHOWN]:
            print(f"Problème : {problem}")
        if len(report.problems) > PROBLEMS_SHOWN:
            hidden = len(report.problems) - PROBLEMS_SHOWN
            print(f"… et {hidden} autres problèmes ({len(report.problems)} en tout).")
        _print_backups(paths, database.key)
        if report.revision != report.head:
            print("La base doit être mise à jour : caseworker db upgrade")
        if report.ok:
            print("Base intègre.")
            return 0
        return 1
    if command == "backup":
        database = _open(paths, use_recovery=args.recovery_key)
        path = database.backup("manuelle")
        _audit(database, "backup")
        database.dispose()
        print(f"Sauvegarde chiffrée écrite : {path}")
        return 0
    return _rekey(paths, args)


def _print_backups(paths: DataPaths, key: object) -> None:
    """Say which key opens each backup (``db check``)."""
    from datetime import datetime

    from caseworker.formats import format_date
    from caseworker.storage.backup_keys import BackupAccess, backup_statuses
    from caseworker.storage.backups import RETENTION_DAYS, key_file_of, shared_key_file
    from caseworker.storage.crypto import DatabaseKey
    from caseworker.storage.key_info import KeyStorage
    from caseworker.storage.secret_store import KeyringSecretStore

    assert isinstance(key, DatabaseKey)
    statuses = backup_statuses(paths, key, KeyringSecretStore())
    complete = [status for status in statuses if status.access is not BackupAccess.INCOMPLETE]
    current = sum(status.access is BackupAccess.CURRENT_KEY for status in complete)
    if not complete:
        print("Sauvegardes : aucune.")
    else:
        verb = "s'ouvrent" if current > 1 else "s'ouvre"
        print(f"Sauvegardes : {len(complete)}, dont {current} {verb} avec la clé actuelle.")
    for status in statuses:
        name = status.path.name
        info = status.key_info
        day = ""
        if info is not None and info.key_changed_at:
            day = format_date(datetime.fromisoformat(info.key_changed_at).date())
        since = f" (clé du {day})" if day else ""
        passphrase = info is not None and info.storage is KeyStorage.PASSPHRASE
        secrets = (
            "l'ancienne phrase de passe ou l'ancienne clé de secours" if passphrase else "l'ancienne clé de secours"
        )
        described = "décrites" if passphrase else "décrite"
        if status.access is BackupAccess.CURRENT_KEY:
            print(f"Sauvegarde {name} : s'ouvre avec la clé actuelle.")
        elif status.access is BackupAccess.OLDER_KEY and status.in_keyring:
            print(
                f"Sauvegarde {name} : s'ouvre avec l'ancienne clé, encore gardée dans le trousseau de cet ordinateur "
                f"(et avec {secrets}{f', clé du {day}' if day else ''}) ; elle sera rechiffrée avec la clé "
                "actuelle à la prochaine ouverture de la base."
            )
        elif status.access is BackupAccess.OLDER_KEY:
            print(
                f"Sauvegarde {name} : ne s'ouvre qu'avec {secrets}{since}, {described} dans son fichier de clé "
                f"« {status.path.name.removesuffix('.db')}.key.json »."
            )
        elif status.access is BackupAccess.OLDER_SHARED_KEY:
            print(
                f"Sauvegarde {name} (d'une version antérieure) : ne s'ouvre pas avec la clé actuelle ; essayez "
                f"{secrets}{since}, {described} dans « backups/caseworker.key.json »."
            )
        elif status.access is BackupAccess.NO_KNOWN_KEY:
            print(
                f"Attention : sauvegarde {name} : aucune clé connue ne l'ouvre (le fichier de clé commun des "
                "sauvegardes a été remplacé par une version antérieure de caseworker)."
            )
        elif status.access is BackupAccess.KEY_FILE_UNREADABLE:
            key_file = key_file_of(status.path) if key_file_of(status.path).exists() else shared_key_file(paths)
            print(
                f"Attention : sauvegarde {name} : fichier de clé « {key_file.name} » illisible ; la clé actuelle ne "
                "l'ouvre pas. Gardez vos anciennes clés de secours et phrases de passe tant qu'elle existe : le "
                "fichier de clé d'une sauvegarde écrite avec la même clé peut remplacer le sien."
            )
        elif status.access is BackupAccess.DAMAGED:
            print(f"Attention : sauvegarde {name} : endommagée (elle ne se relit pas avec sa clé).")
        else:
            print(
                f"Attention : {name} : sauvegarde incomplète (écriture interrompue), jamais comptée parmi les "
                f"sauvegardes gardées ; supprimée après {RETENTION_DAYS} jours."
            )


def _rekey(paths: DataPaths, args: argparse.Namespace) -> int:
    from caseworker.storage.database import NewKeyMaterial
    from caseworker.storage.key_info import KeyStorage
    from caseworker.storage.passphrase_strength import passphrase_problem
    from caseworker.storage.rekey import rekey_database
    from caseworker.storage.secret_store import KeyringSecretStore

    store = KeyringSecretStore()
    if args.recovery_pdf is not None and not _writable_destination(args.recovery_pdf):
        print(
            f"Erreur : impossible d'écrire « {args.recovery_pdf} » (dossier absent ou protégé). La clé n'a pas changé.",
            file=sys.stderr,
        )
        return 2
    database = _open(paths, use_recovery=args.recovery_key)
    use_passphrase = args.passphrase or (not args.keyring and database.key_info.storage is KeyStorage.PASSPHRASE)
    if use_passphrase:
        new = os.environ.get(NEW_PASSPHRASE_ENV)
        if new is None:
            new = _prompt("Nouvelle phrase de passe : ")
            if _prompt("Confirmez : ") != new:
                database.dispose()
                print("Erreur : les deux saisies ne correspondent pas. La clé n'a pas changé.", file=sys.stderr)
                return 2
        problem = passphrase_problem(new, personal_words=_names_in(database))
        if problem:
            database.dispose()
            print(f"Erreur : {problem} La clé n'a pas changé.", file=sys.stderr)
            return 2
        material = NewKeyMaterial.for_passphrase(new)
    else:
        if not store.is_secure():
            database.dispose()
            print(
                "Erreur : aucun trousseau sécurisé sur cette machine ; utilisez --passphrase. La clé n'a pas changé.",
                file=sys.stderr,
            )
            return 2
        material = NewKeyMaterial.for_keyring()
    recovery = material.recovery.formatted()
    pdf = None
    if args.recovery_pdf:
        from datetime import date

        from caseworker.reports.recovery_key import RecoverySheet, recovery_key_pdf

        pdf = recovery_key_pdf(RecoverySheet(recovery, database.key_info.database_id, date.today()))
    # The new recovery key is printed before the change: whatever happens next, the person has it.
    print(f"Nouvelle clé de secours (à imprimer et garder hors de l'ordinateur) : {recovery}", flush=True)
    old_storage = database.key_info.storage
    change = rekey_database(database, material, store)
    _audit(change.database, "rekey")
    change.database.dispose()
    print(_changed_message(change.keys_to_keep, old_storage))
    if pdf is not None:
        try:
            args.recovery_pdf.write_bytes(pdf)
        except OSError as exc:
            print(f"Attention : la feuille PDF n'a pas pu être écrite ({exc.strerror}) ; notez la clé ci-dessus.")
            return 1
    return 0


def _changed_message(kept: Sequence[KeptKey], old_storage: KeyStorage) -> str:
    """Say what to keep after a key change: the older keys that backups still need, or that none does."""
    from caseworker.storage.backups import RETENTION_DAYS
    from caseworker.storage.key_info import KeyStorage

    if not kept:
        if old_storage is KeyStorage.PASSPHRASE:
            return (
                "La clé de la base a été changée. L'ancienne phrase de passe et l'ancienne clé de secours n'ouvrent "
                "plus ni la base ni ses sauvegardes : vous pouvez détruire l'ancienne feuille."
            )
        return (
            "La clé de la base a été changée. L'ancienne clé de secours n'ouvre plus ni la base ni ses "
            "sauvegardes : vous pouvez détruire l'ancienne feuille."
        )
    from caseworker.formats import format_date

    count = sum(len(item.backups) for item in kept)
    older = "d'anciennes clés" if len(kept) > 1 else "une ancienne clé"
    lines = [
        f"La clé de la base a été changée, mais {count} sauvegardes restent chiffrées avec {older}."
        if count > 1
        else f"La clé de la base a été changée, mais une sauvegarde reste chiffrée avec {older}."
    ]
    for item in kept:
        names = ", ".join(path.name for path in item.backups)
        until = format_date(item.deleted_from)
        single = len(item.backups) == 1
        if item.key_info is None:
            lines.append(
                f"Le fichier de clé de cette sauvegarde est illisible : {names}. Gardez vos anciennes clés de "
                "secours et phrases de passe tant qu'elle existe."
                if single
                else f"Le fichier de clé de ces {len(item.backups)} sauvegardes est illisible : {names}. Gardez "
                "vos anciennes clés de secours et phrases de passe tant qu'elles existent."
            )
            continue
        secret = _old_secret(item)
        line = (
            f"Gardez {secret} tant que cette sauvegarde existe : {names} ; elle sera supprimée automatiquement "
            f"{RETENTION_DAYS} jours après son écriture (au plus tôt le {until})."
            if single
            else f"Gardez {secret} tant que ces {len(item.backups)} sauvegardes existent : {names} ; elles seront "
            f"supprimées automatiquement {RETENTION_DAYS} jours après leur écriture (la dernière au plus tôt le "
            f"{until})."
        )
        if item.in_keyring:
            line += (
                " L'ancienne clé reste dans le trousseau de cet ordinateur : la prochaine ouverture de la base "
                "réessaiera le rechiffrement."
            )
        lines.append(line)
    lines.append("« caseworker db check » indique les sauvegardes qui s'ouvrent encore avec une ancienne clé.")
    return "\n".join(lines)


def _old_secret(item: KeptKey) -> str:
    """What opens the backups of an older key: its recovery sheet (dated as printed on it), or its passphrase."""
    from caseworker.formats import format_long_date

    created_on = item.created_on
    sheet = "l'ancienne clé de secours"
    if created_on is not None:
        sheet += f" (clé créée le {format_long_date(created_on)})"
    return f"{sheet} ou l'ancienne phrase de passe" if item.passphrase else sheet


def _names_in(database: object) -> list[str]:
    """The association's and the current user's names: the first words someone who knows the store tries."""
    from caseworker.services import build_services

    services = build_services(database.engine)  # type: ignore[attr-defined]
    actor = services.setup.load_actor()
    return [] if actor is None else [actor.display_name, actor.organisation_name]


def _writable_destination(path: Path) -> bool:
    parent = path.resolve().parent
    return parent.is_dir() and os.access(parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _audit(database: object, event: str) -> None:
    from caseworker.domain import AuditAction
    from caseworker.services import build_services

    services = build_services(database.engine)  # type: ignore[attr-defined]
    services.audit.record_database_event(AuditAction.BACKUP if event == "backup" else AuditAction.REKEY)


def _export(paths: DataPaths, args: argparse.Namespace) -> int:
    from caseworker.cli_export import run_export

    database = _open(paths, use_recovery=False)
    try:
        return run_export(database, args, _prompt)
    finally:
        database.dispose()


def _demo(paths: DataPaths, households: int, seed: int) -> int:
    from caseworker.demo.generator import generate_demo
    from caseworker.services import build_services
    from caseworker.services.directory import OrganisationInput
    from caseworker.services.setup import FirstRunInput
    from caseworker.storage.database import NewKeyMaterial, StoreState, create_database, inspect_data_dir
    from caseworker.storage.passphrase_strength import passphrase_problem
    from caseworker.storage.secret_store import KeyringSecretStore

    if households < 1:
        print("Erreur : --households doit être au moins 1.", file=sys.stderr)
        return 2
    store = KeyringSecretStore()
    if inspect_data_dir(paths) is StoreState.ABSENT:
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if passphrase is not None:
            problem = passphrase_problem(passphrase, personal_words=DEMO_NAMES)
            if problem:
                print(f"Erreur : {problem} Aucune base n'a été créée.", file=sys.stderr)
                return 2
            material = NewKeyMaterial.for_passphrase(passphrase)
        elif store.is_secure():
            material = NewKeyMaterial.for_keyring()
        else:
            print(
                f"Erreur : aucun trousseau sécurisé sur cette machine. Définissez {PASSPHRASE_ENV} pour créer une "
                "base protégée par phrase de passe.",
                file=sys.stderr,
            )
            return 2
        database = create_database(paths, material, store)
        print(f"Base chiffrée créée dans {paths.data_dir}.")
        print(f"Clé de secours (à imprimer et garder hors de l'ordinateur) : {material.recovery.formatted()}")
    else:
        database = _open(paths, use_recovery=False)
    services = build_services(database.engine)
    if not services.setup.is_complete():
        organisation, first_name, last_name = DEMO_NAMES[0], *DEMO_NAMES[1].split()
        services.setup.complete_first_run(
            FirstRunInput(
                organisation=OrganisationInput(name=organisation, kind_code="association"),
                first_name=first_name,
                last_name=last_name,
                role_code="travailleur_social",
            )
        )

    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total} ménages", end="", file=sys.stderr, flush=True)

    report = generate_demo(
        database.engine,
        households=households,
        seed=seed,
        actor_staff_id=services.context.actor.staff_member_id,
        progress=progress,
    )
    print(file=sys.stderr)
    database.dispose()
    print(
        f"{report.households} ménages, {report.persons} personnes, {report.occupancies} périodes de logement, "
        f"{report.consents} consentements créés en {report.seconds:.1f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
