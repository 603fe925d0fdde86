"""The Qt binding itself: a release that corrupts the interpreter is refused before anyone ships it."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor


def test_void_calls_keep_the_reference_count_of_none() -> None:
    """PySide6 6.12.0 under Python 3.11 drops one reference to None per void call, then aborts the process.

    pyproject.toml excludes it; this test fails if such a binding comes back.
    """
    colour = QColor(1, 2, 3)
    before = sys.getrefcount(None)
    for _ in range(500):
        colour.setRed(5)
    # A few references may come and go meanwhile; hundreds lost means the binding is broken.
    assert sys.getrefcount(None) > before - 50
