"""French formats of dates and amounts: reading what people type, writing what they read.

Formatting goes through Babel (CLDR data) so that amounts carry the narrow no-break spaces and the euro sign
placement French typography expects ("1 250,00 €").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from babel.dates import format_date as _babel_format_date
from babel.lists import format_list as _babel_format_list
from babel.numbers import format_currency, format_decimal

LOCALE = "fr_FR"
_DATE_SEPARATORS = re.compile(r"[\s./-]+")
_AMOUNT_NOISE = re.compile(r"[\s\u00a0\u202f€]")
# The largest amounts the money rule accepts. Beyond them, a typing slip is far likelier than the figure.
MAX_AMOUNT = Decimal("1000000")  # a debt, arrears, an instalment: a million euros
MAX_RENT = Decimal("100000")  # a month's rent or charges
_CENT = Decimal("0.01")


class FormatError(ValueError):
    """Text that cannot be read as a date or an amount; the message is French."""


def parse_date(text: str) -> date:
    """Read a French date: ``25/12/2026``, ``25-12-2026``, ``25.12.2026``, ``25 12 2026`` or ``25122026``.

    Raises:
        FormatError: with a French message saying what is expected.
    """
    cleaned = text.strip()
    if not cleaned:
        raise FormatError("Saisissez une date au format jj/mm/aaaa.")
    if re.fullmatch(r"\d{8}", cleaned):
        day, month, year = cleaned[:2], cleaned[2:4], cleaned[4:]
    else:
        parts = _DATE_SEPARATORS.split(cleaned)
        if len(parts) != 3 or not all(part.isdigit() for part in parts):
            raise FormatError(f"« {cleaned[:30]} » n'est pas une date : utilisez le format jj/mm/aaaa.")
        day, month, year = parts
    if len(year) != 4:
        raise FormatError("Indiquez l'année sur quatre chiffres (jj/mm/aaaa).")
    try:
        return date(int(year), int(month), int(day))
    except (ValueError, OverflowError):  # OverflowError: a day or month of twenty digits
        raise FormatError(f"Le {day[:4]}/{month[:4]}/{year} n'existe pas dans le calendrier.") from None


def format_date(value: date | None) -> str:
    """Return ``dd/mm/yyyy`` (the short form used in tables and fields); empty for None.

    Written out rather than through ``strftime``, which asks the C library for the time zone at every call (a stat
    of /etc/localtime when TZ is unset): a tenth of the cost, and the board writes thousands of dates a reading.
    """
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_long_date(value: date) -> str:
    """Return a date in words, e.g. "22 novembre 2026"."""
    return _babel_format_date(value, format="long", locale=LOCALE)


def format_month(value: date) -> str:
    """Return a month in words, e.g. "mars 2026" (the day is ignored)."""
    return _babel_format_date(value, format="LLLL y", locale=LOCALE)


def format_datetime(value: datetime) -> str:
    """Return local ``dd/mm/yyyy à HH:MM``."""
    local = value.astimezone()
    return f"{local:%d/%m/%Y} à {local:%H:%M}"


def amount_problem(value: Decimal, *, maximum: Decimal = MAX_AMOUNT, allow_zero: bool = True) -> str | None:
    """Return why ``value`` is not an amount in euros (a French phrase without capital or full stop), or None.

    The one money rule, shared by :func:`parse_amount` (what people type) and the services (what they store):
    a finite number, not negative, not zero unless ``allow_zero``, at most ``maximum``, at most two decimals —
    never rounded silently.
    """
    if not value.is_finite():
        return "ce n'est pas un montant"
    if value < 0:
        return "le montant ne peut pas être négatif"
    if value == 0 and not allow_zero:
        return "indiquez un montant supérieur à zéro"
    # Before quantizing: quantizing a number of 30 digits raises InvalidOperation.
    if value > maximum:
        return f"ce montant est trop élevé pour être vraisemblable ({format_amount(maximum)} au plus)"
    if not _whole_cents(value):
        return "un montant a au plus deux décimales (les centimes)"
    return None


def _whole_cents(value: Decimal) -> bool:
    """Tell whether a finite amount is a whole number of cents (no fraction of a cent to round away)."""
    try:
        return value == value.quantize(_CENT)
    except InvalidOperation:  # more digits than the decimal context holds: not an amount anyway
        return False


def parse_amount(text: str, *, maximum: Decimal = MAX_AMOUNT, allow_zero: bool = True) -> Decimal:
    """Read a euro amount typed the French way ("1 250,50", "1250.5 €").

    Raises:
        FormatError: not a number, or refused by :func:`amount_problem` (negative, more than two decimals,
            implausibly large…).
    """
    cleaned = _AMOUNT_NOISE.sub("", text)
    if not cleaned:
        raise FormatError("Saisissez un montant en euros, par exemple 350,00.")
    if cleaned.count(",") + cleaned.count(".") > 1:
        raise FormatError("Utilisez une seule virgule pour les centimes, par exemple 1250,50.")
    try:
        amount = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        raise FormatError(f"« {text.strip()[:30]} » n'est pas un montant.") from None
    if not amount.is_finite():
        raise FormatError(f"« {text.strip()[:30]} » n'est pas un montant.")
    problem = amount_problem(amount, maximum=maximum, allow_zero=allow_zero)
    if problem is not None:
        raise FormatError(f"{problem[0].upper()}{problem[1:]}.")
    # copy_abs: "-0" is zero, not "-0,00 €".
    return amount.copy_abs().quantize(_CENT)


def format_amount(value: Decimal | None) -> str:
    """Return "1 250,00 €" (narrow no-break spaces as CLDR says); empty for None."""
    if value is None:
        return ""
    return str(format_currency(value, "EUR", locale=LOCALE))


def cents_to_amount(cents: int | None) -> Decimal | None:
    """Convert stored cents to euros."""
    return None if cents is None else (Decimal(cents) / 100).quantize(Decimal("0.01"))


def amount_to_cents(amount: Decimal | None) -> int | None:
    """Convert euros to stored cents, exactly.

    Raises:
        ValueError: the amount has fractions of a cent or is not finite: it should have been refused by
            :func:`amount_problem` before (nothing is ever rounded silently).
    """
    if amount is None:
        return None
    if not amount.is_finite() or not _whole_cents(amount):
        raise ValueError("amount_to_cents: check the amount with amount_problem first")
    return int(amount.scaleb(2))


def format_number(value: float, pattern: str = "0.#") -> str:
    """Return a number the French way ("12,5"); ``pattern`` is a CLDR pattern ("0.0" keeps one decimal)."""
    return str(format_decimal(value, format=pattern, locale=LOCALE))


def format_list(items: Sequence[str]) -> str:
    """Return items the French way: "a, b et c" ("" for none)."""
    return str(_babel_format_list(list(items), locale=LOCALE)) if items else ""
