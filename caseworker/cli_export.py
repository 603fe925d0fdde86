"""``caseworker export``: a funder's anonymised figures written to a file, from the command line (§13).

    caseworker export --profile ddets_avdl --from 2026-01-01 --to 2026-12-31 --format xlsx --out avdl-2026.xlsx

The export is made as the laptop's current user, who must see every household (a team lead); when that person has a
personal code, it is asked (or read from ``CASEWORKER_CODE`` in a script). Standard output says only where the file
went, its hash and how many cells were hidden: never a name, never a figure of the file. Progress goes to standard
error. The run is logged like an export from the window.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

CODE_ENV = "CASEWORKER_CODE"
FORMATS = ("xlsx", "csv", "pdf", "json")


def add_export_command(commands: Any) -> None:
    """Declare ``export`` and its options on the command line's sub-commands."""
    export = commands.add_parser("export", help="écrit les chiffres anonymisés d'un financeur (XLSX, CSV, PDF, JSON)")
    export.add_argument("--profile", required=True, help="code du profil de financeur (ex. ddets_avdl)")
    export.add_argument(
        "--from", dest="period_start", required=True, type=_day, help="début de la période (AAAA-MM-JJ)"
    )
    export.add_argument("--to", dest="period_end", required=True, type=_day, help="fin de la période (AAAA-MM-JJ)")
    export.add_argument("--as-of", dest="as_of", type=_day, help="date de l'état (par défaut : la fin de la période)")
    export.add_argument("--format", dest="output_format", choices=FORMATS, required=True, help="format du fichier")
    export.add_argument("--out", type=Path, required=True, help="fichier à écrire")
    export.add_argument("--data-dir", type=Path, dest="sub_data_dir", help=argparse.SUPPRESS)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text[:20]} » n'est pas une date AAAA-MM-JJ.") from None


def run_export(database: Any, args: argparse.Namespace, prompt: Any) -> int:
    """Identify the current user, then compute, protect, write and log the export; return the exit status."""
    from caseworker.services import build_services
    from caseworker.services.exports import ExportFormat, ExportRequest

    services = build_services(database.engine)
    staff_id = services.context.actor.staff_member_id
    if staff_id is None:
        print("Erreur : aucun utilisateur n'est défini sur ce poste : ouvrez d'abord l'application.", file=sys.stderr)
        return 2
    if services.credentials.has_credential(staff_id):
        code = os.environ.get(CODE_ENV) or prompt("Votre code personnel : ")
        check = services.credentials.verify(staff_id, code)
        if not check.accepted:
            print(f"Erreur : {check.message}", file=sys.stderr)
            return 2
    out: Path = args.out.expanduser().resolve()
    if not out.parent.is_dir():
        print(f"Erreur : le dossier « {out.parent} » n'existe pas.", file=sys.stderr)
        return 2

    def progress(done: int, total: int, step: str) -> None:
        print(f"\r[{done + 1}/{total}] {step}…", end="", file=sys.stderr, flush=True)

    result = services.exports.export(
        ExportRequest(args.profile, args.period_start, args.period_end, args.as_of),
        ExportFormat(args.output_format),
        out,
        progress=progress,
    )
    print(file=sys.stderr)
    hidden = result.primary_hidden + result.secondary_hidden
    print(f"Export écrit : {result.path} — {hidden} cases masquées (secret statistique) — SHA-256 {result.sha256}")
    return 0
