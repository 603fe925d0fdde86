"""Field validation shared by services (which enforce it) and dialogs (which show it as the person types).

Every message is French and names the field; nothing here touches the database.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from caseworker.formats import format_date
from caseworker.services.errors import ValidationError

EARLIEST_DATE = date(1900, 1, 1)
MIN_BIRTH_YEAR = 1900
NAME_MAX = 100
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 20_000

_ALLOWED_CONTROL_MULTILINE = {"\n", "\t"}
# Embedding, override and isolate controls: they make a name display differently from what it contains.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class Problems:
    """Collects field errors; :meth:`raise_if_any` turns them into one :class:`ValidationError`."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        """Record a problem (the first one per field wins: it is usually the most useful)."""
        self.errors.setdefault(field, message)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        """Raise the collected problems, if any."""
        if self.errors:
            raise ValidationError(self.errors)

    def text(
        self,
        field: str,
        value: str | None,
        *,
        label: str,
        max_length: int = SHORT_TEXT_MAX,
        required: bool = False,
        multiline: bool = False,
    ) -> str:
        """Return ``value`` cleaned (NFC, trimmed); record a problem when it is missing, too long or odd.

        Odd means control characters (other than line breaks and tabs in multi-line text) or text that cannot
        be encoded (lone surrogates pasted from broken sources).
        """
        # Windows and old Mac line breaks (pasted text) are line breaks too, not control characters.
        cleaned = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
        if not multiline:
            cleaned = " ".join(cleaned.split())
        if required and not cleaned:
            self.add(field, f"{label} : ce champ est obligatoire.")
            return cleaned
        try:
            cleaned.encode("utf-8")
        except UnicodeEncodeError:
            self.add(field, f"{label} : le texte contient des caractères invalides.")
            return ""
        if any(ch in _BIDI_CONTROLS for ch in cleaned):
            self.add(field, f"{label} : le texte contient des caractères d'inversion du sens d'écriture.")
        allowed = _ALLOWED_CONTROL_MULTILINE if multiline else set()
        if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in cleaned):
            self.add(field, f"{label} : le texte contient des caractères de contrôle non autorisés.")
        if len(cleaned) > max_length:
            self.add(
                field,
                f"{label} : {len(cleaned)} caractères, c'est trop long ({max_length} au maximum).",
            )
        return cleaned

    def past_or_today(self, field: str, value: date | None, *, label: str, today: date) -> None:
        """Record a problem when a date of a past fact is in the future or implausibly old."""
        if value is None:
            return
        if value > today:
            self.add(field, f"{label} : la date ne peut pas être dans le futur ({format_date(value)}).")
        elif value < EARLIEST_DATE:
            self.add(field, f"{label} : la date est antérieure à 1900.")

    def plausible(self, field: str, value: date | None, *, label: str) -> None:
        """Record a problem for a date outside 1900–2200 (typing mistakes such as 2202)."""
        if value is not None and not EARLIEST_DATE <= value <= date(2200, 12, 31):
            self.add(field, f"{label} : la date {format_date(value)} n'est pas vraisemblable.")

    def ordered(self, field: str, start: date | None, end: date | None, *, start_label: str, end_label: str) -> None:
        """Record a problem when ``end`` is before ``start``."""
        if start is not None and end is not None and end < start:
            self.add(
                field,
                f"{end_label} ({format_date(end)}) est antérieure à {start_label.lower()} ({format_date(start)}).",
            )

    def birth_year(self, field: str, value: int | None, *, today: date) -> None:
        """Record a problem when a birth year is outside 1900–this year."""
        if value is None:
            return
        if not MIN_BIRTH_YEAR <= value <= today.year:
            self.add(
                field,
                f"L'année de naissance doit être comprise entre {MIN_BIRTH_YEAR} et {today.year}.",
            )


def periods_overlap(start_a: date, end_a: date | None, start_b: date, end_b: date | None) -> bool:
    """Tell whether two inclusive periods share a day (``None`` end means still running)."""
    a_end = end_a or date.max
    b_end = end_b or date.max
    return start_a <= b_end and start_b <= a_end
