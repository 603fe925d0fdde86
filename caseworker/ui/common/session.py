"""Who is working on this laptop and what time it is, as widgets read them.

The services keep the clock and the current person in their context, which also holds the engine: widgets never
see it. The main window hands this instead (a test gives a fixed clock through the same functions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class UserSession:
    """The clock and the current person, read each time they are needed (the person changes on "Switch user")."""

    today: Callable[[], date]
    now: Callable[[], datetime]
    staff_id: Callable[[], int | None]
    """The staff member using the application (None before the first run is finished)."""
