"""The layers, enforced: the core never imports Qt or the UI (STYLE.md §1); only the composition root and the UI
may; the domain vocabulary depends on nothing; the UI reaches the core through the services and the vocabulary."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import caseworker

PACKAGE = Path(caseworker.__file__).parent
CORE_PACKAGES = ("domain", "models", "services", "storage", "reports", "demo", "team", "exports")
CORE_MODULES = (
    "errors.py",
    "paths.py",
    "formats.py",
    "logging_setup.py",
    "cli.py",
    "cli_export.py",
    "collection.py",
    "__init__.py",
)
FORBIDDEN = ("PySide6", "shiboken6", "caseworker.ui", "caseworker.app")


def _core_files() -> list[Path]:
    files = [PACKAGE / name for name in CORE_MODULES]
    for package in CORE_PACKAGES:
        files.extend(sorted((PACKAGE / package).rglob("*.py")))
    return files


def _imports(path: Path) -> list[tuple[int, str]]:
    return _imports_in_source(path.read_text(encoding="utf-8"), path)


def _imports_in_source(source: str, path: Path) -> list[tuple[int, str]]:
    """Return (line, module) for every import the module makes, dynamic ones with a literal name included.

    Dynamic imports: ``importlib.import_module("x")``, ``import_module("x")`` (imported from importlib under any
    name), ``__import__("x")`` and ``importlib.__import__("x")``.
    """
    tree = ast.parse(source, filename=str(path))
    import_module_names = {"import_module"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "importlib":
            import_module_names.update(
                alias.asname or alias.name for alias in node.names if alias.name == "import_module"
            )
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.ImportFrom):
            # Relative import: resolve it against the module's own package.
            package = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)[:-1]
            base = package[: len(package) - (node.level - 1)]
            found.append((node.lineno, ".".join([*base, *([node.module] if node.module else [])])))
            found.extend((node.lineno, ".".join([*base, alias.name])) for alias in node.names if not node.module)
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func, import_module_names) and node.args:
            name = node.args[0]
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                found.append((node.lineno, name.value))
            else:
                # A computed module name cannot be checked: the core has no reason to import that way.
                found.append((node.lineno, "<computed>"))
    return found


def _is_dynamic_import(function: ast.expr, import_module_names: set[str]) -> bool:
    if isinstance(function, ast.Attribute):
        return function.attr in ("import_module", "__import__")
    if isinstance(function, ast.Name):
        return function.id == "__import__" or function.id in import_module_names
    return False


def _violations(found: list[tuple[int, str]]) -> list[str]:
    return [
        module
        for _line, module in found
        if module == "<computed>" or any(module == name or module.startswith(name + ".") for name in FORBIDDEN)
    ]


SNIPPET_PATH = PACKAGE / "storage" / "snippet.py"


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6.QtWidgets",
        "from PySide6 import QtCore",
        "import importlib\nimportlib.import_module('PySide6.QtWidgets')",
        "from importlib import import_module\nimport_module('PySide6')",
        "from importlib import import_module as load\nload('caseworker.ui.main_window')",
        "__import__('PySide6')",
        "import importlib\nimportlib.__import__('shiboken6')",
        "import builtins\nbuiltins.__import__('PySide6')",
        "from .. import ui",
        "from ..ui import main_window",
        "import importlib\nname = 'PySide' + '6'\nimportlib.import_module(name)",
    ],
)
def test_the_detector_sees_every_way_of_importing_qt(source: str):
    assert _violations(_imports_in_source(source, SNIPPET_PATH)) != [], source


@pytest.mark.parametrize(
    "source",
    [
        "import sqlalchemy",
        "from importlib import import_module\nimport_module('caseworker.storage.migrations')",
        "__import__('json')",
        "from . import crypto",
        "from ..services import households",
    ],
)
def test_the_detector_lets_core_imports_through(source: str):
    assert _violations(_imports_in_source(source, SNIPPET_PATH)) == [], source


def test_core_modules_exist():
    assert len(_core_files()) > 20


def test_core_never_imports_qt_or_ui():
    violations = []
    for path in _core_files():
        for line, module in _imports(path):
            if _violations([(line, module)]):
                # The command line opens the window through a lazy import inside main(): allowed, and only that.
                if path.name == "cli.py" and module == "caseworker.app":
                    continue
                violations.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    assert violations == []


def test_importing_the_core_loads_no_qt():
    code = (
        "import sys\n"
        "import caseworker.cli, caseworker.services, caseworker.storage.database, caseworker.reports.recovery_key\n"
        "import caseworker.models, caseworker.demo.generator\n"
        "print(sorted(name for name in sys.modules if name.startswith(('PySide6', 'caseworker.ui'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_ui_is_not_imported_by_anything_but_the_composition_root():
    importers = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in ("ui", "_bundled") or relative.name == "app.py":
            continue
        for line, module in _imports(path):
            if module.startswith("caseworker.ui"):
                importers.append(f"{relative}:{line}")
    assert importers == []


def test_the_domain_vocabulary_depends_on_nothing_of_the_application_nor_on_the_orm():
    offending = []
    for path in sorted((PACKAGE / "domain").rglob("*.py")):
        for line, module in _imports(path):
            if module.startswith(("sqlalchemy", "PySide6")) or (
                module.startswith("caseworker") and not module.startswith("caseworker.domain")
            ):
                offending.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    assert offending == []


# What the UI may import from the application: the services (which it calls), the domain vocabulary, French
# formats, the errors it shows, the pause of the cyclic collector its worker threads share with the services', and
# itself. Everything else (models, storage, reports…) is reached through them.
UI_MAY_IMPORT = (
    "caseworker.services",
    "caseworker.domain",
    "caseworker.formats",
    "caseworker.errors",
    "caseworker.collection",
    "caseworker.ui",
)


def _ui_imports() -> set[tuple[str, str]]:
    found = set()
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for _line, module in _imports(path):
            # ``caseworker`` itself only holds the name and version of the application.
            if module.startswith("caseworker.") and not module.startswith(UI_MAY_IMPORT):
                found.add((relative, module))
    return found


def test_the_ui_reaches_the_core_only_through_the_services_and_the_vocabulary():
    assert _ui_imports() == set()


def test_the_ui_never_imports_the_models():
    assert not any(module.startswith("caseworker.models") for _path, module in _ui_imports())


# Who may see the whole set of services: the main window, which composes the sections and hands each what it
# uses. The first-run wizard creates the store and hands the set back to the composition root (it only calls
# ``setup`` and ``reference`` on the way); it never unpacks the context.
MAY_SEE_ALL_SERVICES = ("ui/main_window.py", "ui/setup/first_run_wizard.py")
MAY_READ_THE_CONTEXT = ("ui/main_window.py",)


def _services_bag_uses(source: str) -> list[tuple[int, str]]:
    """Return (line, what) for every import of ``Services`` and every read of an attribute named ``context``.

    ``Services`` is caught under any alias, inside ``if TYPE_CHECKING:`` as well, and as
    ``caseworker.services.Services`` after ``import caseworker.services``. ``.context`` is the services' context
    (engine, actor, clock): nothing else in the UI is called so; a *call* ``x.context()`` (a Qt method such as
    ``QOpenGLWidget.context``) is not it.
    """
    tree = ast.parse(source)
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "caseworker.services":
            found.extend((node.lineno, "imports Services") for alias in node.names if alias.name == "Services")
        elif isinstance(node, ast.Attribute) and node.attr == "Services":
            found.append((node.lineno, "uses caseworker.services.Services"))
        elif isinstance(node, ast.Attribute) and node.attr == "context" and id(node) not in called:
            found.append((node.lineno, "reads .context"))
    return found


@pytest.mark.parametrize(
    "source",
    [
        "from caseworker.services import Services",
        "from caseworker.services import HouseholdService, Services as Bag",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from caseworker.services import Services",
        "import caseworker.services\ndef f(s: caseworker.services.Services) -> None: ...",
        "def f(services):\n    return services.context.clock.today",
        "def f(self):\n    context = self._services.context",
    ],
)
def test_the_detector_sees_the_whole_set_of_services(source: str):
    assert _services_bag_uses(source) != [], source


@pytest.mark.parametrize(
    "source",
    [
        "from caseworker.services.households import HouseholdService",
        "from caseworker.services.support import Services",  # not the set: another package's name
        "def f(widget):\n    return widget.context()",
        "context = 'SupportTimeline'",
    ],
)
def test_the_detector_lets_narrow_dependencies_through(source: str):
    assert _services_bag_uses(source) == [], source


def test_only_the_main_window_sees_the_whole_set_of_services():
    offending = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for line, what in _services_bag_uses(path.read_text(encoding="utf-8")):
            allowed = MAY_READ_THE_CONTEXT if what == "reads .context" else MAY_SEE_ALL_SERVICES
            if relative not in allowed:
                offending.append(f"{relative}:{line} {what}")
    assert offending == []
