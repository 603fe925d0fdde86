"""Test doubles and builders shared by the test suite."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

from keyring.backend import KeyringBackend


class InMemoryKeyring(KeyringBackend):
    """A keyring that forgets everything at the end of the test (priority 1: treated as secure)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


class FixedClock:
    """A clock frozen on one day (advance it by assigning ``today``)."""

    def __init__(self, today: date) -> None:
        self.today_value = today

    def today(self) -> date:
        return self.today_value

    def now(self) -> datetime:
        return datetime.combine(self.today_value, time(10, 0), tzinfo=timezone.utc)
