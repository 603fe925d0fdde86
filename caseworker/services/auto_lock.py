"""How long the window waits without input before it locks (F41), and who may change it.

The lock itself is the UI's (``ui/common/auto_lock.py``); the delay is a setting of the association, changed by an
administrateur only: a person who finds it annoying should not be the one to lengthen it.
"""

from __future__ import annotations

from caseworker.services.context import ServiceContext
from caseworker.services.credentials import is_administrator
from caseworker.services.errors import TransitionError, ValidationError
from caseworker.services.settings import AUTO_LOCK_MINUTES, SettingsService


class AutoLockService:
    """Reads and changes the inactivity delay."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    @property
    def bounds(self) -> tuple[int, int]:
        """The shortest and longest delays accepted, in minutes."""
        assert AUTO_LOCK_MINUTES.minimum is not None and AUTO_LOCK_MINUTES.maximum is not None
        return AUTO_LOCK_MINUTES.minimum, AUTO_LOCK_MINUTES.maximum

    def idle_minutes(self) -> int:
        """Return the delay, in minutes."""
        return self._settings.get(AUTO_LOCK_MINUTES)

    def may_change(self) -> bool:
        """Tell whether the person logged in may change the delay (an administrateur)."""
        with self._ctx.read() as session:
            return is_administrator(session, self._ctx.actor.staff_member_id)

    def set_idle_minutes(self, minutes: int) -> None:
        """Change the delay (an administrateur only; between the bounds)."""
        if not self.may_change():
            raise TransitionError("Seul un administrateur peut changer le délai de verrouillage.")
        low, high = self.bounds
        if not low <= minutes <= high:
            raise ValidationError(
                {"minutes": f"Le délai de verrouillage doit être compris entre {low} et {high} minutes."}
            )
        self._settings.set(AUTO_LOCK_MINUTES, minutes)
