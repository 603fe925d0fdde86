"""The French of the core's messages, read from the source: slips a template or a joined string makes.

Every string literal (and every f-string, its fields shown as ``{…}``) of the Qt-free core that reads as French
is checked: no contraction left undone, no organisation name after a preposition (it may need an article:
"par Association Le Toit", "de Le Relais"), a space before : ; ? ! and inside « ». The UI's French lives in
the catalogue (tests/ui/test_translations.py); documents as printed are checked in
tests/reports/test_french_documents.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "caseworker"
# Rules of the shared validation helpers belong to another change; their wording is checked there.
SKIPPED = {"services/validation.py"}
SLIPS = {
    r"\b[Dd]e (le|les)\b": "« de le » / « de les »",
    r"\b[Àà] (le|les)\b": "« à le » / « à les »",
    r"\b[Qq]ue (il|ils|elle|elles|on|un|une)\b": "« que il »",
    r"\b(de|à|par|pour|avec|chez|entre) \{[^}]*(landlord|organisation|association|recipient|own\.name)[^}]*\}": (
        "an organisation's name after a preposition"
    ),
    r"[^\s\d'{}%*][;:!?](?= |$)": "no space before ; : ! ?",
    r"«[^\s\u00a0]|[^\s\u00a0]»": "no space inside « »",
    r"\S  +\S": "two spaces",
}
_FRENCH = re.compile(r"[éèàçêù]|\b(le|la|les|du|des|un|une|est)\b")


def _strings(path: Path) -> list[tuple[int, str]]:
    """Return (line, text) of every string literal of a module that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            skip.add(id(body[0].value))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(value) for value in node.values)
            text = "".join(
                value.value if isinstance(value, ast.Constant) else "{" + ast.unparse(value.value) + "}"  # type: ignore[attr-defined]
                for value in node.values
            )
            found.append((node.lineno, text))
    found += [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]
    return found


def slips(text: str) -> list[str]:
    """What reads wrong in a French text."""
    if not _FRENCH.search(text):
        return []
    return [what for pattern, what in SLIPS.items() if re.search(pattern, text)]


def test_the_core_s_french_strings_read_right() -> None:
    problems = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("ui/") or relative in SKIPPED:
            continue
        problems += [f"{relative}:{line}: {what}: {text!r}" for line, text in _strings(path) for what in slips(text)]
    assert problems == []


def test_the_guard_sees_each_slip() -> None:
    for wrong in (
        "la date de le début",
        "transmis à les voisins",
        "parce que il pleut sur le logement",
        "La fiche pour {landlord_name} est prête",
        "Nom: la personne",
        "le type «Alertes»",
        "le  logement",
    ):
        assert slips(wrong), wrong
    assert not slips("Fiche navette — {landlord_name} : « Alertes » ; du bailleur, au ménage, qu'il vienne ?")
