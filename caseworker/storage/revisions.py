"""Which schema revisions this version knows, read from the migration scripts without importing Alembic.

Opening the database checks its revision at every start; importing Alembic for that costs a few hundred
milliseconds of cold start. The scripts follow a strict convention (one linear chain, ``revision`` and
``down_revision`` assigned as string literals), which this reader relies on and which
``tests/storage/test_revisions.py`` checks against Alembic's own reading. Alembic is imported only to upgrade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from caseworker.paths import migrations_dir

_REVISION = re.compile(r"^revision(?:\s*:\s*[\w\[\] |]+)?\s*=\s*['\"]([\w-]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision(?:\s*:\s*[\w\[\] |]+)?\s*=\s*(.+)$", re.MULTILINE)
_LITERAL = re.compile(r"^['\"]([\w-]+)['\"]$")


@dataclass(frozen=True)
class RevisionChain:
    """Revision id → the revision it follows (None for the first)."""

    parents: dict[str, str | None]

    @property
    def head(self) -> str:
        """The revision no other revision follows."""
        followed = {parent for parent in self.parents.values() if parent is not None}
        heads = [revision for revision in self.parents if revision not in followed]
        if len(heads) != 1:
            raise RuntimeError(f"migrations must form one chain; heads found: {sorted(heads)}")
        return heads[0]


def _parse(script: Path) -> tuple[str, str | None]:
    text = script.read_text(encoding="utf-8")
    revision = _REVISION.search(text)
    down = _DOWN_REVISION.search(text)
    if revision is None or down is None:
        raise RuntimeError(f"{script.name}: revision and down_revision must be assigned as literals")
    value = down.group(1).split("#")[0].strip()
    if value == "None":
        return revision.group(1), None
    literal = _LITERAL.match(value)
    if literal is None:
        raise RuntimeError(f"{script.name}: down_revision must be one revision id (merges are not supported)")
    return revision.group(1), literal.group(1)


@lru_cache(maxsize=4)
def _chain(location: str) -> RevisionChain:
    parents = dict(_parse(script) for script in sorted((Path(location) / "versions").glob("*.py")))
    if not parents:
        raise RuntimeError("no migration found")
    return RevisionChain(parents)


def revision_chain(script_location: Path | None = None) -> RevisionChain:
    """Return the (cached) chain of revisions of ``script_location`` (default: the bundled migrations)."""
    return _chain(str(script_location or migrations_dir()))


def head_revision(script_location: Path | None = None) -> str:
    """Return the newest revision this version of caseworker knows."""
    return revision_chain(script_location).head


def known_revisions(script_location: Path | None = None) -> set[str]:
    """Return every revision id this version knows."""
    return set(revision_chain(script_location).parents)
