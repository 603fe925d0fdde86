"""Application settings stored in the encrypted database (separate from case data). See ``caseworker.settings``."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from caseworker.models.base import Base


class SettingValue(Base):
    """A stored setting (JSON-encoded value). The declarations live in :mod:`caseworker.settings`."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
