"""The core never imports Qt or the UI (STYLE.md §1); only the composition root and the UI may."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import caseworker

PACKAGE = Path(caseworker.__file__).parent
CORE_PACKAGES = ("models", "services", "storage", "reports", "demo")
CORE_MODULES = ("errors.py", "paths.py", "formats.py", "logging_setup.py", "cli.py", "__init__.py")
FORBIDDEN = ("PySide6", "shiboken6", "caseworker.ui", "caseworker.app")


def _core_files() -> list[Path]:
    files = [PACKAGE / name for name in CORE_MODULES]
    for package in CORE_PACKAGES:
        files.extend(sorted((PACKAGE / package).rglob("*.py")))
    return files


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
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
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def test_core_modules_exist():
    assert len(_core_files()) > 20


def test_core_never_imports_qt_or_ui():
    violations = []
    for path in _core_files():
        for line, module in _imports(path):
            if any(module == name or module.startswith(name + ".") for name in FORBIDDEN):
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
