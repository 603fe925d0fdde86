"""Declarative base, naming convention and column types shared by every model."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, overload

from sqlalchemy import DateTime, Dialect, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Stable constraint names make Alembic batch migrations on SQLite predictable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and read back as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to naive UTC before storing."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous: pass an aware datetime")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Attach the UTC zone when reading."""
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=timezone.utc)


def utc_now() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    """The single declarative base of the case store."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ReferenceItem:
    """Columns shared by every picklist table (reference data editable by an administrator).

    The ``code`` is stable and used by rules and seeds; the ``label`` is what people read and may be renamed
    without breaking history.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code}>"


class TextApart:
    """A text kept in a row of its own, so that the team's server can refuse it row by row (docs/domain.md §5.2).

    Reads as the row's text ("" when there is none, or when the server does not let this reader have it); written,
    it creates, changes or removes the row (``row``: the owner's relationship to it, ``make``: a new row for a text)
    and sets the owner's ``flag`` that a text exists, which a reader who may not read it sees as *masquée*.
    """

    def __init__(self, row: str, flag: str, make: Callable[[str], Any]) -> None:
        self._row, self._flag, self._make = row, flag, make

    @overload
    def __get__(self, owner: None, kind: type | None = None) -> TextApart: ...

    @overload
    def __get__(self, owner: object, kind: type | None = None) -> str: ...

    def __get__(self, owner: object | None, kind: type | None = None) -> str | TextApart:
        if owner is None:
            return self
        row = getattr(owner, self._row)
        return row.text if row is not None else ""

    def __set__(self, owner: object, text: str) -> None:
        row = getattr(owner, self._row)
        if not text:
            setattr(owner, self._row, None)
        elif row is None:
            setattr(owner, self._row, self._make(text))
        else:
            row.text = text
        setattr(owner, self._flag, bool(text))
