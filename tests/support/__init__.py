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


def pdf_text(content: bytes) -> str:
    """Return the text of every page of a PDF, pages separated by form feeds (pdfium: fast, in memory)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(content)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\f".join(pages).replace("\r\n", "\n")
    finally:
        document.close()


def pdftotext(content: bytes, *, first: int | None = None, last: int | None = None) -> str:
    """Return the text poppler's ``pdftotext -layout`` extracts (an independent reader), fed on stdin."""
    import subprocess

    command = ["pdftotext", "-layout", "-enc", "UTF-8"]
    if first is not None:
        command += ["-f", str(first)]
    if last is not None:
        command += ["-l", str(last)]
    result = subprocess.run([*command, "-", "-"], input=content, capture_output=True, check=True, timeout=30)
    return result.stdout.decode("utf-8")
