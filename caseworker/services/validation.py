"""Field validation shared by services (which enforce it) and dialogs (which show it as the person types).

Every message is French and names the field; nothing here touches the database. Dates follow
:mod:`caseworker.services.date_rules` (absurd dates refused), amounts :func:`caseworker.formats.amount_problem`
(the one money rule).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal

from caseworker.formats import MAX_AMOUNT, amount_problem, amount_to_cents, format_date, format_number
from caseworker.services.date_rules import RULES, DateKind, absurd_date
from caseworker.services.errors import ValidationError

# Inside Problems, ``date`` names the method: annotations there use this alias.
_Date = date

# The longest text each kind of field takes: the services refuse more, the dialogs' fields stop there (one-line
# fields) or count towards it (multi-line ones). Always these names, never a number, on either side.
NAME_MAX = 100  # a first or last name, a pseudonym, a town, a place, a level of intensity
PHONE_MAX = 40
POSTCODE_MAX = 5  # a French postcode has five digits
REFERENCE_MAX = 60  # a SIAO reference
FILING_REFERENCE_MAX = 100  # where a signed original is filed ("Dossier 2026-014, classeur B")
LABEL_MAX = 200  # a title, an organisation, a creditor, an e-mail address, a body, a signatory, "decided in"
SHORT_TEXT_MAX = 300  # a note or a reason on one line
ADDRESS_MAX = 500  # a postal address, a list of funders
PURPOSE_MAX = 1_000  # what a consent is for
MESSAGE_MAX = 1_500  # the message on a fiche navette
PARAGRAPH_MAX = 2_000  # an objective, a commitment, former names, a note on a decision
DESCRIPTION_MAX = 5_000  # an alert's description, notes on a dwelling or on a change of housing
LONG_TEXT_MAX = 20_000  # a narrative, the notes of a contact, a clause
SEARCH_MAX = 200  # what the search boxes take: a few words of a name, a reference
FILE_NAME_MAX = 255  # the longest file name most file systems allow

# A media type as RFC 6838 spells it ("application/pdf", "image/png"): anything else is not one.
_MEDIA_TYPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}")

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
                f"{label} : {too_long_message(len(cleaned), max_length)}",
            )
        return cleaned

    def file(self, field: str, filename: str, media_type: str, *, default_type: str) -> tuple[str, str]:
        """Return an attached file's name (cleaned) and media type (``default_type`` when none is given).

        The name is shown in lists and offered when the file is saved again: it follows the text rule; the
        media type comes from the file chooser, and is refused unless it reads as one.
        """
        name = self.text(field, filename, label="Nom du fichier", max_length=FILE_NAME_MAX, required=True)
        if media_type and not _MEDIA_TYPE.fullmatch(media_type):
            self.add(field, "Le type du fichier joint n'est pas reconnu.")
        return name, media_type or default_type

    def date(self, field: str, value: _Date | None, *, kind: DateKind, label: str, today: _Date) -> None:
        """Record a problem when ``value`` is absurd for a date of ``kind`` (see :mod:`date_rules`)."""
        if value is None:
            return
        problem = absurd_date(kind, value, today)
        if problem is not None:
            self.add(field, f"{label} : {problem}.")

    def moment(self, field: str, value: datetime | None, *, kind: DateKind, label: str, today: _Date) -> None:
        """Like :meth:`date` for a date and time, judged on its day as typed (in its own time zone).

        The day is read without converting the time zone: converting a moment of year 1 or 9999 could leave
        Python's calendar (OverflowError) before the rule had a chance to refuse it.
        """
        if value is not None:
            self.date(field, value.date(), kind=kind, label=label, today=today)

    def amount(
        self,
        field: str,
        value: Decimal | None,
        *,
        label: str,
        maximum: Decimal = MAX_AMOUNT,
        allow_zero: bool = True,
        required: bool = False,
    ) -> int | None:
        """Return ``value`` in cents, or None and a problem when it breaks the money rule (or is missing).

        The rule is :func:`caseworker.formats.amount_problem`, the same as for what people type: finite, not
        negative, at most ``maximum``, at most two decimals (refused, never rounded).
        """
        if value is None:
            if required:
                self.add(field, f"{label} : ce champ est obligatoire.")
            return None
        problem = amount_problem(value, maximum=maximum, allow_zero=allow_zero)
        if problem is not None:
            self.add(field, f"{label} : {problem}.")
            return None
        return amount_to_cents(value)

    def ordered(self, field: str, start: _Date | None, end: _Date | None, *, start_label: str, end_label: str) -> None:
        """Record a problem when ``end`` is before ``start``.

        Labels start with their article ("La date de début", "Le début de la période", "L'ouverture de la
        procédure"): the message contracts it after "à" and makes "antérieur" agree with ``end_label``.
        """
        if start is not None and end is not None and end < start:
            self.add(
                field,
                f"{end_label} ({format_date(end)}) est {_earlier_agreeing_with(end_label)} "
                f"{with_a(start_label)} ({format_date(start)}).",
            )

    def birth_year(self, field: str, value: int | None, *, today: _Date) -> None:
        """Record a problem when a birth year is absurd (see :data:`DateKind.BIRTH`)."""
        if value is None:
            return
        first, last = birth_year_bounds(today)
        if not first <= value <= last:
            self.add(field, f"L'année de naissance doit être comprise entre {first} et {last}.")


def too_long_message(length: int, max_length: int) -> str:
    """Return "20 001 caractères, c'est trop long (20 000 au maximum)." (numbers written the French way)."""
    return f"{_count(length)} caractères, c'est trop long ({_count(max_length)} au maximum)."


def text_count(length: int, max_length: int) -> str:
    """Return what a counter under a text shows: "1 234 / 20 000"."""
    return f"{_count(length)} / {_count(max_length)}"


def _count(number: int) -> str:
    return format_number(number, "#,##0")


def birth_year_bounds(today: date) -> tuple[int, int]:
    """The first and last birth years accepted (the :data:`DateKind.BIRTH` rule, by year)."""
    rule = RULES[DateKind.BIRTH]
    return rule.earliest(today).year, rule.latest(today).year


_ARTICLES = (("Le ", "au ", False), ("La ", "à la ", True), ("L'", "à l'", None), ("L’", "à l’", None))


def with_a(label: str) -> str:
    """Return "à" + ``label`` in correct French: "au début", "à la date de début", "à l'ouverture"."""
    for article, contracted, _feminine in _ARTICLES:
        if label.startswith(article) or label.startswith(article.lower()):
            return contracted + label[len(article) :]
    raise ValueError(f"ordered() labels start with Le, La or L': {label!r}")


def _earlier_agreeing_with(label: str) -> str:
    """Return "antérieur" or "antérieure", agreeing with the noun ``label`` starts with."""
    for article, _contracted, feminine in _ARTICLES:
        if (label.startswith(article) or label.startswith(article.lower())) and feminine is not None:
            return "antérieure" if feminine else "antérieur"
    raise ValueError(f"ordered() end labels start with Le or La (their gender must show): {label!r}")


def periods_overlap(start_a: date, end_a: date | None, start_b: date, end_b: date | None) -> bool:
    """Tell whether two inclusive periods share a day (``None`` end means still running)."""
    a_end = end_a or date.max
    b_end = end_b or date.max
    return start_a <= b_end and start_b <= a_end
