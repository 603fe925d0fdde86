"""Settings declared once (key, type, default, label) and stored in the encrypted database.

Settings are not case data and never hold secrets (the key lives in the keyring: see
``caseworker.storage.secret_store``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.models import SettingValue
from caseworker.services import audit
from caseworker.services.calendar import METROPOLE, TERRITORIES
from caseworker.services.context import ServiceContext

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """Declaration of one setting: its key, type, default, label and (for numbers) its bounds."""

    key: str
    kind: type
    default: T
    label: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[object, ...] = ()  # when given, the only accepted values

    def accepts(self, value: object) -> bool:
        """Tell whether ``value`` is a valid value (None always means "the default")."""
        if value is None:
            return True
        if isinstance(value, bool) and self.kind is not bool:
            return False  # bool is an int to Python, not to a person
        if not isinstance(value, self.kind):
            return False
        if self.choices and value not in self.choices:
            return False
        if isinstance(value, int) and self.minimum is not None and value < self.minimum:
            return False
        return not (isinstance(value, int) and self.maximum is not None and value > self.maximum)


CURRENT_STAFF_MEMBER = Setting[int | None]("current_staff_member_id", int, None, "Utilisateur de ce poste", minimum=1)
OWN_ORGANISATION = Setting[int | None]("own_organisation_id", int, None, "Organisation de ce poste", minimum=1)
CONSENT_VALIDITY_MONTHS = Setting[int](
    "consent_validity_months", int, 12, "Durée de validité d'un consentement (mois)", minimum=1, maximum=36
)

LETTERHEAD_LOGO = Setting[int | None]("letterhead_logo_document_id", int, None, "Logo de l'en-tête", minimum=1)
TERRITORY = Setting[str](
    "territory", str, METROPOLE, "Territoire de l'association (jours fériés)", choices=tuple(TERRITORIES)
)
"""Whose public holidays count working days (alert deadlines, office hours); a convention cadre may differ."""
AUTO_LOCK_MINUTES = Setting[int](
    "auto_lock_minutes", int, 10, "Verrouillage après inactivité (minutes)", minimum=1, maximum=30
)
"""The window hides everything and asks the person's own credential after this long without input (F41)."""

ALL_SETTINGS: tuple[Setting[Any], ...] = (
    CURRENT_STAFF_MEMBER,
    OWN_ORGANISATION,
    CONSENT_VALIDITY_MONTHS,
    LETTERHEAD_LOGO,
    TERRITORY,
    AUTO_LOCK_MINUTES,
)


def read_setting(session: Session, setting: Setting[T]) -> T:
    """Return the stored value of ``setting`` in an open session, or its declared default."""
    row = session.get(SettingValue, setting.key)
    if row is None:
        return setting.default
    value = json.loads(row.value_json)
    if value is None or not setting.accepts(value):
        return setting.default
    return cast("T", value)


class SettingsService:
    """Reads and writes declared settings."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, setting: Setting[T]) -> T:
        """Return the stored value, or the declared default."""
        with self._ctx.read() as session:
            return read_setting(session, setting)

    def set(self, setting: Setting[T], value: T) -> None:
        """Store a value."""
        if not setting.accepts(value):
            raise ValueError(f"{setting.key}: {value!r} is not an accepted value")
        with self._ctx.transaction() as session:
            row = session.get(SettingValue, setting.key)
            encoded = json.dumps(value)
            if row is not None and row.value_json == encoded:
                return
            if row is None:
                session.add(SettingValue(key=setting.key, value_json=encoded))
            else:
                row.value_json = encoded
            # Who changed which setting, and when (the name only: a value may say something about someone).
            audit.record(session, self._ctx, AuditAction.UPDATE, "setting", None, fields=[setting.key])

    def all_values(self) -> dict[str, object]:
        """Return every declared setting with its current value."""
        with self._ctx.read() as session:
            stored = {row.key: json.loads(row.value_json) for row in session.scalars(select(SettingValue))}
        return {setting.key: stored.get(setting.key, setting.default) for setting in ALL_SETTINGS}
