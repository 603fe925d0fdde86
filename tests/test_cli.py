"""The `caseworker` command: demo, db upgrade|check|backup|rekey, and clear French errors with exit codes."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from caseworker.cli import main
from caseworker.paths import DataPaths
from caseworker.storage import migrations
from caseworker.storage.backups import list_backups
from caseworker.storage.database import Credentials, unlock_and_open
from caseworker.storage.key_info import KeyStorage, load_key_info
from caseworker.storage.secret_store import KeyringSecretStore

PASSPHRASE = "phrase de passe de la démo 2026"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> DataPaths:
    """A passphrase-protected store with 12 demo households, made by the command line."""
    monkeypatch.setenv("CASEWORKER_PASSPHRASE", PASSPHRASE)
    paths = DataPaths(tmp_path / "store")
    assert main(["demo", "--households", "12", "--data-dir", str(paths.data_dir)]) == 0
    output = capsys.readouterr().out
    assert "12 ménages" in output
    assert "Clé de secours" in output
    return paths


def test_demo_creates_a_passphrase_store_with_households(demo_store: DataPaths):
    assert load_key_info(demo_store.key_info_file).storage is KeyStorage.PASSPHRASE
    database = unlock_and_open(demo_store, KeyringSecretStore(), Credentials(passphrase=PASSPHRASE))
    from caseworker.services import build_services

    services = build_services(database.engine)
    assert services.setup.is_complete()
    # The demo's user is a social worker: they see the households whose team they are on (docs/domain.md §2).
    with database.engine.connect() as connection:
        theirs = connection.exec_driver_sql(
            "SELECT COUNT(DISTINCT household_id) FROM team_membership WHERE staff_member_id = ? AND end_date IS NULL",
            (services.context.actor.staff_member_id,),
        ).scalar()
        everyone = connection.exec_driver_sql("SELECT COUNT(*) FROM household").scalar()
    assert everyone == 12 and 0 < len(services.households.list_summaries()) == theirs < 12
    database.dispose()


def test_demo_uses_the_keyring_when_it_is_secure(tmp_path: Path, capsys):
    paths = DataPaths(tmp_path / "store")
    assert main(["demo", "--households", "3", "--data-dir", str(paths.data_dir)]) == 0
    assert load_key_info(paths.key_info_file).storage is KeyStorage.KEYRING
    assert main(["db", "check", "--data-dir", str(paths.data_dir)]) == 0
    assert "Base intègre." in capsys.readouterr().out


def test_check_backup_upgrade(demo_store: DataPaths, capsys):
    assert main(["db", "check", "--data-dir", str(demo_store.data_dir)]) == 0
    assert f"Schéma : {migrations.head_revision()}" in capsys.readouterr().out
    assert main(["db", "backup", "--data-dir", str(demo_store.data_dir)]) == 0
    assert "Sauvegarde chiffrée écrite" in capsys.readouterr().out
    assert len(list_backups(demo_store)) == 1
    assert main(["db", "upgrade", "--data-dir", str(demo_store.data_dir)]) == 0
    assert "Base à jour" in capsys.readouterr().out


def test_wrong_passphrase_exits_3_and_leaves_the_file(demo_store: DataPaths, monkeypatch, capsys):
    monkeypatch.setenv("CASEWORKER_PASSPHRASE", "pas la bonne phrase du tout")
    before = _digest(demo_store.db_file)
    assert main(["db", "check", "--data-dir", str(demo_store.data_dir)]) == 3
    assert "Phrase de passe incorrecte" in capsys.readouterr().err
    assert _digest(demo_store.db_file) == before


def test_damaged_file_exits_4(demo_store: DataPaths, capsys):
    raw = bytearray(demo_store.db_file.read_bytes())
    raw[100:300] = bytes(200)
    demo_store.db_file.write_bytes(bytes(raw))
    before = _digest(demo_store.db_file)
    assert main(["db", "upgrade", "--data-dir", str(demo_store.data_dir)]) == 4
    assert "endommagée" in capsys.readouterr().err
    assert _digest(demo_store.db_file) == before


def test_newer_database_exits_5(demo_store: DataPaths, capsys):
    database = unlock_and_open(demo_store, KeyringSecretStore(), Credentials(passphrase=PASSPHRASE))
    with database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0999'")
    database.dispose()
    before = _digest(demo_store.db_file)
    assert main(["db", "upgrade", "--data-dir", str(demo_store.data_dir)]) == 5
    assert "version plus récente" in capsys.readouterr().err
    assert _digest(demo_store.db_file) == before


def test_missing_store_is_not_created_by_db_commands(tmp_path: Path, capsys):
    target = tmp_path / "nothing"
    assert main(["db", "check", "--data-dir", str(target)]) == 8
    assert "Aucune base" in capsys.readouterr().err
    assert not (target / "caseworker.db").exists()


def test_rekey_to_the_keyring_with_a_new_recovery_pdf(demo_store: DataPaths, tmp_path: Path, capsys):
    pdf = tmp_path / "secours.pdf"
    assert main(["db", "rekey", "--keyring", "--recovery-pdf", str(pdf), "--data-dir", str(demo_store.data_dir)]) == 0
    output = capsys.readouterr().out
    recovery = output.split("garder hors de l'ordinateur) : ")[1].split()[0]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert load_key_info(demo_store.key_info_file).storage is KeyStorage.KEYRING
    unlock_and_open(demo_store, KeyringSecretStore()).dispose()
    unlock_and_open(demo_store, KeyringSecretStore(), Credentials(recovery_key=recovery)).dispose()


@pytest.mark.parametrize(
    ("new", "reason"),
    [
        ("court", "au moins 12 caractères"),
        ("azertyuiop12", "touches voisines du clavier"),
        ("motdepasse123", "un mot de passe très répandu"),
        # Strong for a stranger, not for someone who knows whose store it is.
        ("Démonstration Démo Association", "votre nom ou celui de l'association"),
    ],
)
def test_rekey_refuses_a_weak_new_passphrase(demo_store: DataPaths, monkeypatch, capsys, new: str, reason: str):
    before = load_key_info(demo_store.key_info_file)
    monkeypatch.setenv("CASEWORKER_NEW_PASSPHRASE", new)
    capsys.readouterr()
    assert main(["db", "rekey", "--passphrase", "--data-dir", str(demo_store.data_dir)]) == 2
    captured = capsys.readouterr()
    assert reason in captured.err
    assert "La clé n'a pas changé" in captured.err
    assert "Nouvelle clé de secours" not in captured.out
    assert load_key_info(demo_store.key_info_file) == before
    unlock_and_open(demo_store, KeyringSecretStore(), Credentials(passphrase=PASSPHRASE)).dispose()


@pytest.mark.parametrize(
    ("passphrase", "reason"),
    [("", "au moins 12 caractères"), ("a", "au moins 12 caractères"), ("motdepasse123", "mot de passe très répandu")],
)
def test_demo_refuses_a_weak_passphrase_for_a_new_store(
    tmp_path: Path, monkeypatch, capsys, passphrase: str, reason: str
):
    monkeypatch.setenv("CASEWORKER_PASSPHRASE", passphrase)
    paths = DataPaths(tmp_path / "store")
    assert main(["demo", "--households", "1", "--data-dir", str(paths.data_dir)]) == 2
    captured = capsys.readouterr()
    assert reason in captured.err
    assert "Aucune base n'a été créée." in captured.err
    assert not paths.db_file.exists()
    assert not paths.key_info_file.exists()


def test_no_terminal_and_no_passphrase_gives_a_message_not_a_hang(demo_store: DataPaths, monkeypatch, capsys):
    monkeypatch.delenv("CASEWORKER_PASSPHRASE")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert main(["db", "check", "--data-dir", str(demo_store.data_dir)]) == 7
    assert "pas de terminal" in capsys.readouterr().err


def test_version_and_help_run_without_qt():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from caseworker.cli import main; "
            "code = main(['db', 'check', '--data-dir', '/nonexistent/x']); "
            "print(code, any(m.startswith('PySide6') for m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "8 False"


def test_rekey_refuses_an_unwritable_pdf_path_before_changing_anything(demo_store: DataPaths, tmp_path, capsys):
    before = load_key_info(demo_store.key_info_file)
    target = tmp_path / "absent" / "secours.pdf"
    assert (
        main(["db", "rekey", "--keyring", "--recovery-pdf", str(target), "--data-dir", str(demo_store.data_dir)]) == 2
    )
    assert "La clé n'a pas changé" in capsys.readouterr().err
    assert load_key_info(demo_store.key_info_file).key_check == before.key_check


@pytest.mark.parametrize(
    "command", [["db", "upgrade"], ["db", "check"], ["db", "backup"], ["demo", "--households", "1"]]
)
def test_a_command_waits_briefly_then_is_refused_while_the_window_holds_the_store(
    demo_store: DataPaths, monkeypatch, capsys, command: list[str]
):
    from caseworker.storage.store_lock import StoreLock

    monkeypatch.setattr("caseworker.cli.LOCK_WAIT_SECONDS", 0.3)
    before = _digest(demo_store.db_file)
    backups_before = list_backups(demo_store)
    capsys.readouterr()
    with StoreLock(demo_store):
        assert main([*command, "--data-dir", str(demo_store.data_dir)]) == 8
    captured = capsys.readouterr()
    assert "attente de sa libération" in captured.err
    assert "utilise déjà cette base" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert _digest(demo_store.db_file) == before
    assert list_backups(demo_store) == backups_before


LOCK_HOLDER = """
import sys, time
from pathlib import Path
from caseworker.paths import DataPaths
from caseworker.storage.store_lock import StoreLock
lock = StoreLock(DataPaths(Path(sys.argv[1])))
lock.acquire()
print("verrou pris", flush=True)
time.sleep(float(sys.argv[2]))
lock.release()
"""


@pytest.mark.parametrize("command", [["db", "check"], ["db", "backup"]])
def test_check_and_backup_wait_for_another_program_to_finish(
    demo_store: DataPaths, monkeypatch, capsys, command: list[str]
):
    """Another process (a key change, say) holds the store for a second: the command waits, then runs."""
    monkeypatch.setattr("caseworker.cli.LOCK_WAIT_SECONDS", 30)
    with subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(demo_store.data_dir), "1.0"], stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "verrou pris"
        capsys.readouterr()
        assert main([*command, "--data-dir", str(demo_store.data_dir)]) == 0
    captured = capsys.readouterr()
    assert "attente de sa libération" in captured.err
    assert "Base intègre." in captured.out or "Sauvegarde chiffrée écrite" in captured.out


@pytest.mark.parametrize("which", ["db_file", "key_info_file"])
@pytest.mark.parametrize(
    "command", [["db", "check"], ["db", "upgrade"], ["db", "backup"], ["demo", "--households", "1"]]
)
def test_a_directory_in_place_of_a_store_file_gives_a_french_message(
    demo_store: DataPaths, capsys, which: str, command: list[str]
):
    target = getattr(demo_store, which)
    target.unlink()
    target.mkdir()
    capsys.readouterr()
    assert main([*command, "--data-dir", str(demo_store.data_dir)]) == 8
    captured = capsys.readouterr()
    assert f"Erreur : « {target} » est un dossier" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert target.is_dir()


def test_a_file_in_place_of_the_data_directory_gives_a_french_message(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("CASEWORKER_PASSPHRASE", PASSPHRASE)
    data_dir = tmp_path / "store"
    data_dir.write_text("pas un dossier", encoding="utf-8")
    for command in (["db", "check"], ["demo", "--households", "1"]):
        assert main([*command, "--data-dir", str(data_dir)]) == 8
        assert "n'est pas un dossier" in capsys.readouterr().err
    assert data_dir.read_text(encoding="utf-8") == "pas un dossier"


def _flip_64_bytes_in_the_middle(path: Path) -> None:
    content = bytearray(path.read_bytes())
    middle = len(content) // 2
    content[middle : middle + 64] = bytes(byte ^ 0xFF for byte in content[middle : middle + 64])
    path.write_bytes(bytes(content))


def _store_files(paths: DataPaths) -> dict[str, str]:
    return {
        str(path.relative_to(paths.data_dir)): _digest(path)
        for path in sorted(paths.data_dir.rglob("*"))
        if path.is_file() and path.name != "caseworker.lock"
    }


@pytest.mark.parametrize(
    "command",
    [["db", "upgrade"], ["db", "backup"], ["db", "rekey", "--keyring"], ["demo", "--households", "2"]],
    ids=["upgrade", "backup", "rekey", "demo"],
)
def test_a_damaged_store_is_refused_by_every_command_that_writes(demo_store: DataPaths, capsys, command: list[str]):
    """64 bytes flipped in the middle: page 1 is intact, so the store opens; only a full check sees it."""
    assert main(["db", "backup", "--data-dir", str(demo_store.data_dir)]) == 0
    _flip_64_bytes_in_the_middle(demo_store.db_file)
    before = _store_files(demo_store)
    capsys.readouterr()
    assert main([*command, "--data-dir", str(demo_store.data_dir)]) == 4
    captured = capsys.readouterr()
    assert "Erreur : La base « caseworker.db » est endommagée" in captured.err
    assert "Le fichier n'a pas été modifié" in captured.err
    assert "Traceback" not in captured.err
    assert "Nouvelle clé de secours" not in captured.out
    assert _store_files(demo_store) == before
    assert main(["db", "check", "--data-dir", str(demo_store.data_dir)]) == 1
    assert "Problème : chiffrement : HMAC verification failed" in capsys.readouterr().out
    assert _store_files(demo_store) == before


NEW_PASSPHRASE = "nouvelle phrase de la démo 2027"


def test_check_says_which_backups_open_after_an_interrupted_key_change(demo_store: DataPaths, monkeypatch, capsys):
    from caseworker.storage import rekey as rekey_module

    class Killed(BaseException):
        pass

    def killed(*_args, **_kwargs):
        raise Killed

    data_dir = str(demo_store.data_dir)
    assert main(["db", "backup", "--data-dir", data_dir]) == 0
    monkeypatch.setenv("CASEWORKER_NEW_PASSPHRASE", NEW_PASSPHRASE)
    with monkeypatch.context() as patch:
        patch.setattr(rekey_module, "rekey_backups", killed)  # dies after the key file is promoted
        with pytest.raises(Killed):
            main(["db", "rekey", "--passphrase", "--data-dir", data_dir])
    (demo_store.backups_dir / "caseworker-20260101-090000-manuelle.db").write_bytes(b"")
    capsys.readouterr()
    monkeypatch.setenv("CASEWORKER_PASSPHRASE", NEW_PASSPHRASE)
    assert main(["db", "check", "--data-dir", data_dir]) == 0
    output = capsys.readouterr().out
    assert "Sauvegardes : 2, dont 0 s'ouvre avec la clé actuelle." in output
    older = [line for line in output.splitlines() if "ne s'ouvre qu'avec l'ancienne phrase de passe" in line]
    assert len(older) == 2
    assert all("ou l'ancienne clé de secours (clé du " in line for line in older)
    assert all(".key.json »." in line for line in older)
    assert (
        "Attention : caseworker-20260101-090000-manuelle.db : sauvegarde incomplète (écriture interrompue), "
        "jamais comptée parmi les sauvegardes gardées ; supprimée après 30 jours."
    ) in output
    assert main(["db", "backup", "--data-dir", data_dir]) == 0
    capsys.readouterr()
    assert main(["db", "check", "--data-dir", data_dir]) == 0
    output = capsys.readouterr().out
    assert "Sauvegardes : 3, dont 1 s'ouvre avec la clé actuelle." in output
    assert sum("s'ouvre avec la clé actuelle." in line for line in output.splitlines()) == 2


def test_check_of_a_badly_damaged_store_lists_a_readable_number_of_problems(demo_store: DataPaths, capsys, monkeypatch):
    """A damaged interior page makes SQLite report every page below it: a hundred lines nobody reads."""
    import caseworker.storage.database as database_module
    from caseworker.storage.database import CheckReport

    real = database_module.check_database

    def many_problems(database):  # type: ignore[no-untyped-def]
        report = real(database)
        lines = [f"intégrité : Tree 12 page {page} cell 0: invalid page number" for page in range(100)]
        return CheckReport(report.revision, report.head, lines)

    monkeypatch.setattr(database_module, "check_database", many_problems)
    capsys.readouterr()
    assert main(["db", "check", "--data-dir", str(demo_store.data_dir)]) == 1
    out = capsys.readouterr().out
    shown = [line for line in out.splitlines() if line.startswith("Problème : ")]
    assert len(shown) == 20
    assert "… et 80 autres problèmes (100 en tout)." in out


def test_rekey_says_which_backups_still_need_the_old_passphrase_instead_of_destroying_it(
    demo_store: DataPaths, monkeypatch, capsys
):
    """A damaged backup cannot be re-encrypted: the old passphrase and recovery key still open it."""
    data_dir = str(demo_store.data_dir)
    assert main(["db", "backup", "--data-dir", data_dir]) == 0
    damaged = list_backups(demo_store)[0]
    _flip_64_bytes_in_the_middle(damaged.path)
    key_date = load_key_info(demo_store.key_info_file).key_changed_at
    monkeypatch.setenv("CASEWORKER_NEW_PASSPHRASE", NEW_PASSPHRASE)
    capsys.readouterr()
    assert main(["db", "rekey", "--passphrase", "--data-dir", data_dir]) == 0
    output = " ".join(capsys.readouterr().out.split())
    assert "ne fonctionne plus" not in output
    assert "détruire" not in output
    from datetime import datetime, timedelta

    from caseworker.formats import format_date, format_long_date

    created = format_long_date(datetime.fromisoformat(key_date).astimezone().date())
    until = format_date((damaged.created_at + timedelta(days=30)).astimezone().date())
    assert (
        "La clé de la base a été changée, mais une sauvegarde reste chiffrée avec une ancienne clé. "
        f"Gardez l'ancienne clé de secours (clé créée le {created}) ou l'ancienne phrase de passe tant que "
        f"cette sauvegarde existe : {damaged.path.name} ; elle sera supprimée automatiquement 30 jours après "
        f"son écriture (au plus tôt le {until})."
    ) in output
    assert "« caseworker db check » indique les sauvegardes qui s'ouvrent encore avec une ancienne clé." in output


def test_rekey_that_re_encrypts_every_backup_says_the_old_recovery_key_opens_nothing_any_more(
    demo_store: DataPaths, monkeypatch, capsys
):
    assert main(["db", "backup", "--data-dir", str(demo_store.data_dir)]) == 0
    monkeypatch.setenv("CASEWORKER_NEW_PASSPHRASE", NEW_PASSPHRASE)
    capsys.readouterr()
    assert main(["db", "rekey", "--passphrase", "--data-dir", str(demo_store.data_dir)]) == 0
    assert (
        "La clé de la base a été changée. L'ancienne phrase de passe et l'ancienne clé de secours n'ouvrent plus "
        "ni la base ni ses sauvegardes : vous pouvez détruire l'ancienne feuille."
    ) in capsys.readouterr().out


def test_check_says_when_an_older_key_is_still_in_the_keyring(tmp_path: Path, monkeypatch, capsys):
    from caseworker.storage import rekey as rekey_module

    class Killed(BaseException):
        pass

    def killed(*_args, **_kwargs):
        raise Killed

    data_dir = str(tmp_path / "store")
    assert main(["demo", "--households", "1", "--data-dir", data_dir]) == 0
    assert main(["db", "backup", "--data-dir", data_dir]) == 0
    with monkeypatch.context() as patch:
        patch.setattr(rekey_module, "rekey_backups", killed)  # dies after the key file is promoted
        with pytest.raises(Killed):
            main(["db", "rekey", "--keyring", "--data-dir", data_dir])
    capsys.readouterr()
    assert main(["db", "check", "--data-dir", data_dir]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Sauvegarde caseworker-")]
    assert len(lines) == 2
    assert all(
        "s'ouvre avec l'ancienne clé, encore gardée dans le trousseau de cet ordinateur (et avec l'ancienne clé "
        "de secours, clé du " in line
        for line in lines
    ), lines


def test_check_says_a_backup_key_file_is_unreadable_rather_than_damaged(demo_store: DataPaths, monkeypatch, capsys):
    data_dir = str(demo_store.data_dir)
    assert main(["db", "backup", "--data-dir", data_dir]) == 0
    backup = list_backups(demo_store)[0]
    backup.key_file.write_text("{pas du json", encoding="utf-8")
    monkeypatch.setenv("CASEWORKER_NEW_PASSPHRASE", NEW_PASSPHRASE)
    assert main(["db", "rekey", "--passphrase", "--data-dir", data_dir]) == 0
    monkeypatch.setenv("CASEWORKER_PASSPHRASE", NEW_PASSPHRASE)
    capsys.readouterr()
    assert main(["db", "check", "--data-dir", data_dir]) == 0
    output = capsys.readouterr().out
    assert "endommagée" not in output
    assert (
        f"Attention : sauvegarde {backup.path.name} : fichier de clé « {backup.key_file.name} » illisible ; la clé "
        "actuelle ne l'ouvre pas."
    ) in output


def test_a_file_in_place_of_the_backups_folder_gives_a_french_message(demo_store: DataPaths, capsys):
    assert main(["db", "backup", "--data-dir", str(demo_store.data_dir)]) == 0
    demo_store.backups_dir.rename(demo_store.data_dir / "ailleurs")
    demo_store.backups_dir.write_text("pas un dossier", encoding="utf-8")
    before = _store_files(demo_store)
    capsys.readouterr()
    assert main(["db", "backup", "--data-dir", str(demo_store.data_dir)]) == 8
    captured = capsys.readouterr()
    assert f"Erreur : « {demo_store.backups_dir} » n'est pas un dossier" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert _store_files(demo_store) == before


@pytest.mark.parametrize(
    "command",
    [["db", "check"], ["db", "upgrade"], ["db", "backup"], ["db", "rekey", "--keyring"]],
    ids=["check", "upgrade", "backup", "rekey"],
)
@pytest.mark.parametrize("exists", [False, True], ids=["absent", "empty-folder"])
def test_a_command_on_a_folder_without_a_store_creates_nothing(
    tmp_path: Path, capsys, command: list[str], exists: bool
):
    target = tmp_path / "nothing"
    if exists:
        target.mkdir()
    assert main([*command, "--data-dir", str(target)]) == 8
    assert f"Aucune base caseworker dans « {target} »" in capsys.readouterr().err
    assert list(tmp_path.rglob("*")) == ([target] if exists else [])


def _export_args(paths: DataPaths, out: Path, output_format: str = "json") -> list[str]:
    return [
        "export",
        "--profile",
        "ddets_avdl",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--format",
        output_format,
        "--out",
        str(out),
        "--data-dir",
        str(paths.data_dir),
    ]


def test_export_is_refused_to_whoever_does_not_see_every_household(demo_store: DataPaths, tmp_path: Path, capsys):
    out = tmp_path / "avdl.json"
    assert main(_export_args(demo_store, out)) != 0
    assert "seul un chef de service" in capsys.readouterr().err
    assert not out.exists()


def test_export_by_the_team_lead_writes_the_file_and_prints_nothing_personal(
    demo_store: DataPaths, tmp_path: Path, capsys
):
    from caseworker.services import build_services
    from caseworker.services.directory import StaffInput
    from caseworker.services.settings import CURRENT_STAFF_MEMBER

    database = unlock_and_open(demo_store, KeyringSecretStore(), Credentials(passphrase=PASSPHRASE))
    services = build_services(database.engine)
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    lead = services.directory.create_staff(StaffInput("Nadia", "Benali", "chef_service", own.id))
    services.settings.set(CURRENT_STAFF_MEMBER, lead.id)
    names = {row.display_name for row in services.households.list_page("").rows}
    database.dispose()
    out = tmp_path / "avdl.xlsx"
    assert main(_export_args(demo_store, out, "xlsx")) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith(f"Export écrit : {out} — ")
    assert f"SHA-256 {_digest(out)}" in printed.out
    assert names and not any(name in printed.out + printed.err for name in names)
