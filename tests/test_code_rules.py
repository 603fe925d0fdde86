"""Rules of the code base that keep it easy to change (ARCHITECTURE.md, "Rules"): labels for people live with the
vocabulary, no module reaches into another package's private names, no module grows past the size a reader takes
in, and code comments cite the domain rules kept in the repository."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import caseworker

PACKAGE = Path(caseworker.__file__).parent
SOURCES = sorted(path for path in PACKAGE.rglob("*.py") if "_bundled" not in path.parts)
MAX_MODULE_LINES = 800


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_of(path: Path) -> str:
    """The package a module belongs to (a package's ``__init__`` belongs to the package itself)."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1])


def _label_dicts(tree: ast.Module) -> list[tuple[int, str]]:
    """Module-level names ending in ``_LABELS`` (the dictionaries of French text shown to people)."""
    found = []
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        for target in targets:
            is_labels = isinstance(target, ast.Name) and target.id.lstrip("_").endswith("LABELS")
            if is_labels and isinstance(node.value, (ast.Dict, ast.DictComp, ast.Call)):
                found.append((node.lineno, target.id))
    return found


def _private_imports(tree: ast.Module, path: Path) -> list[tuple[int, str]]:
    """``from caseworker.x import _name`` where ``caseworker.x`` is outside the importing module's own package."""
    own_package = _package_of(path)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not node.module:
            continue
        if node.level:
            base = own_package.split(".")[: len(own_package.split(".")) - (node.level - 1)]
            source = ".".join([*base, node.module])
        else:
            source = node.module
        if not source.startswith("caseworker"):
            continue
        source_package = (
            source.rsplit(".", 1)[0] if not (PACKAGE.parent / source.replace(".", "/")).is_dir() else source
        )
        for alias in node.names:
            private = alias.name.startswith("_") and not alias.name.startswith("__")
            if private and source_package != own_package:
                found.append((node.lineno, f"{source}.{alias.name}"))
    return found


def test_labels_for_people_live_with_the_vocabulary():
    misplaced = [
        f"{path.relative_to(PACKAGE.parent)}:{line} {name}"
        for path in SOURCES
        if "domain" not in path.relative_to(PACKAGE).parts[:1]
        for line, name in _label_dicts(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not misplaced, "Labels for domain values belong in caseworker/domain beside their enum:\n" + "\n".join(
        misplaced
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("STATUS_LABELS = {1: 'a'}", ["STATUS_LABELS"]),
        ("_KIND_LABELS: dict[int, str] = {1: 'a'}", ["_KIND_LABELS"]),
        ("LABELS = dict(a='b')", ["LABELS"]),
        ("def f():\n    X_LABELS = {1: 'a'}", []),
        ("MAX = 3", []),
    ],
)
def test_the_label_detector_sees_a_module_level_dictionary(source: str, expected: list[str]):
    assert [name for _line, name in _label_dicts(ast.parse(source))] == expected


def test_no_module_imports_another_packages_private_names():
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for path in SOURCES
        for line, name in _private_imports(ast.parse(path.read_text(encoding="utf-8")), path)
    ]
    assert not found, "Move what two packages share down to a public name:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("services/alerts/inbox.py", "from caseworker.services.alerts.states import _step", []),
        ("services/alerts/inbox.py", "from .states import _step", []),
        (
            "services/alerts/inbox.py",
            "from caseworker.services.validation import _field",
            ["caseworker.services.validation._field"],
        ),
        ("services/alerts/inbox.py", "from ..validation import _field", ["caseworker.services.validation._field"]),
        ("ui/alerts/panel.py", "from caseworker.services.alerts import _inbox", ["caseworker.services.alerts._inbox"]),
        ("services/alerts/inbox.py", "from caseworker.services.validation import __all__", []),
    ],
)
def test_the_private_import_detector(module: str, source: str, expected: list[str]):
    found = _private_imports(ast.parse(source), PACKAGE / module)
    assert [name for _line, name in found] == expected


def test_no_module_is_longer_than_a_reader_takes_in():
    long = [
        f"{path.relative_to(PACKAGE.parent)}: {count} lines"
        for path in SOURCES
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert not long, "Split by what the code does (ARCHITECTURE.md):\n" + "\n".join(long)


def test_comments_cite_the_domain_rules_kept_in_the_repository():
    root = PACKAGE.parent
    stale = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("caseworker", "tests", "scripts", "benchmarks", "migrations")
        for path in sorted((root / folder).rglob("*.py"))
        if path.resolve() != Path(__file__).resolve()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "DOMAIN" + ".md" in line
    ]
    assert not stale, "Cite docs/domain.md (the rules in the repository), not the external reference:\n" + "\n".join(
        stale
    )


def _hidden_translations(tree: ast.Module) -> list[tuple[int, str]]:
    """Calls of ``translate``/``tr`` whose text is not written there: lupdate never sees it, nothing translates it."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        receiver = node.func.value
        qt_translate = name == "translate" and isinstance(receiver, ast.Name) and receiver.id.endswith("Application")
        if not (qt_translate or name == "tr") or len(node.args) < (2 if qt_translate else 1):
            continue
        text = node.args[1] if qt_translate else node.args[0]
        if not isinstance(text, ast.Constant):
            found.append((node.lineno, ast.unparse(node)[:60]))
    return found


def test_every_text_to_translate_is_written_where_it_is_translated():
    """The minutes' exit fields went through a helper ``_tr(text)``: their English showed in the French window."""
    hidden = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {call}"
        for path in SOURCES
        for line, call in _hidden_translations(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not hidden, hidden


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('QCoreApplication.translate("Ctx", "Text")', 0),
        ('self.tr("Text")', 0),
        ('self.tr("%n item(s)", "", count)', 0),
        ('QCoreApplication.translate("Ctx", text)', 1),
        ("self.tr(message)", 1),
    ],
)
def test_the_hidden_translation_detector(source: str, expected: int):
    assert len(_hidden_translations(ast.parse(source))) == expected
