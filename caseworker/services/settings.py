"""Settings declared once (key, type, default, label) and stored in the encrypted database.

Settings are not case data and never hold secrets (the key lives in the keyring: see
``caseworker.storage.secret_store``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import select

from caseworker.models import SettingValue
from caseworker.services.context import ServiceContext

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """Declaration of one setting."""

    key: str
    kind: type
    default: T
    label: str


CURRENT_STAFF_MEMBER = Setting[int | None]("current_staff_member_id", int, None, "Utilisateur de ce poste")
OWN_ORGANISATION = Setting[int | None]("own_organisation_id", int, None, "Organisation de ce poste")
AUTO_LOCK_MINUTES = Setting[int]("auto_lock_minutes", int, 10, "Verrouillage après inactivité (minutes)")
CONSENT_VALIDITY_MONTHS = Setting[int]("consent_validity_months", int, 12, "Durée de validité d'un consentement (mois)")

ALL_SETTINGS: tuple[Setting[object], ...] = (
    CURRENT_STAFF_MEMBER,  # type: ignore[arg-type]
    OWN_ORGANISATION,  # type: ignore[arg-type]
    AUTO_LOCK_MINUTES,  # type: ignore[arg-type]
    CONSENT_VALIDITY_MONTHS,  # type: ignore[arg-type]
)


class SettingsService:
    """Reads and writes declared settings."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, setting: Setting[T]) -> T:
        """Return the stored value, or the declared default."""
        with self._ctx.read() as session:
            row = session.get(SettingValue, setting.key)
            if row is None:
                return setting.default
            value = json.loads(row.value_json)
        if value is None:
            return setting.default
        if not isinstance(value, setting.kind):
            return setting.default
        return value  # type: ignore[no-any-return]

    def set(self, setting: Setting[T], value: T) -> None:
        """Store a value."""
        if value is not None and not isinstance(value, setting.kind):
            raise TypeError(f"{setting.key} takes {setting.kind.__name__}")
        with self._ctx.transaction() as session:
            row = session.get(SettingValue, setting.key)
            encoded = json.dumps(value)
            if row is None:
                session.add(SettingValue(key=setting.key, value_json=encoded))
            else:
                row.value_json = encoded

    def all_values(self) -> dict[str, object]:
        """Return every declared setting with its current value."""
        with self._ctx.read() as session:
            stored = {row.key: json.loads(row.value_json) for row in session.scalars(select(SettingValue))}
        return {setting.key: stored.get(setting.key, setting.default) for setting in ALL_SETTINGS}
