"""Tests of caseworker/formats.py: French dates and amounts, typed and shown."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from caseworker.formats import (
    MAX_AMOUNT,
    FormatError,
    amount_problem,
    amount_to_cents,
    cents_to_amount,
    format_amount,
    format_date,
    format_datetime,
    format_list,
    format_long_date,
    parse_amount,
    parse_date,
)

NNBSP = "\u202f"  # narrow no-break space: the French thousands separator
NBSP = "\u00a0"

# --------------------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "typed",
    ["25/12/2026", "25-12-2026", "25.12.2026", "25 12 2026", "25122026", " 25 / 12 / 2026 ", "25/12-2026"],
)
def test_parse_date_accepts_french_forms(typed: str) -> None:
    assert parse_date(typed) == date(2026, 12, 25)


def test_parse_date_single_digit_day_and_month() -> None:
    assert parse_date("1/2/2026") == date(2026, 2, 1)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Saisissez une date au format jj/mm/aaaa."),
        ("   ", "Saisissez une date au format jj/mm/aaaa."),
        ("demain", "« demain » n'est pas une date : utilisez le format jj/mm/aaaa."),
        ("2026-12", "« 2026-12 » n'est pas une date : utilisez le format jj/mm/aaaa."),
        ("1/2/3/2026", "n'est pas une date"),
        ("25/12/26", "Indiquez l'année sur quatre chiffres (jj/mm/aaaa)."),
        ("2026/12/25", "Indiquez l'année sur quatre chiffres"),
        ("31/02/2026", "Le 31/02/2026 n'existe pas dans le calendrier."),
        ("29/02/2025", "Le 29/02/2025 n'existe pas dans le calendrier."),
        ("00/01/2026", "n'existe pas dans le calendrier"),
        ("01/13/2026", "n'existe pas dans le calendrier"),
        ("01/01/0000", "n'existe pas dans le calendrier"),
        ("99999999999999999999/01/2000", "n'existe pas dans le calendrier"),
        ("01/99999999999999999999/2000", "n'existe pas dans le calendrier"),
        ("²/01/2000", "n'existe pas dans le calendrier"),
    ],
)
def test_parse_date_refuses_with_a_french_message(typed: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_date(typed)
    assert message in str(caught.value)


def test_parse_date_leap_day() -> None:
    assert parse_date("29/02/2024") == date(2024, 2, 29)


def test_parse_date_message_quotes_at_most_30_characters() -> None:
    with pytest.raises(FormatError) as caught:
        parse_date("x" * 500)
    assert str(caught.value) == f"« {'x' * 30} » n'est pas une date : utilisez le format jj/mm/aaaa."


def test_format_date() -> None:
    assert format_date(date(2026, 1, 5)) == "05/01/2026"
    assert format_date(None) == ""
    assert format_long_date(date(2026, 11, 22)) == "22 novembre 2026"


def test_format_datetime_is_local_time() -> None:
    moment = datetime(2026, 6, 15, 10, 30, tzinfo=timezone.utc)
    local = moment.astimezone()
    assert format_datetime(moment) == f"{local:%d/%m/%Y} à {local:%H:%M}"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_format_then_parse_date_round_trip(day: date) -> None:
    assert parse_date(format_date(day)) == day
    assert parse_date(format_date(day).replace("/", "")) == day


@given(st.text())
@example("99999999999999999999/1/2000")
@example("1/1/" + "٢٠٢٦")  # Arabic-Indic digits
@example("\x00")
@example("\ud800/01/2026")
def test_parse_date_raises_only_format_errors(typed: str) -> None:
    try:
        parsed = parse_date(typed)
    except FormatError as error:
        assert str(error)
    else:
        assert isinstance(parsed, date)


@given(st.from_regex(r"\A[0-9 ./-]{1,24}\Z"))
def test_parse_date_on_date_like_text_raises_only_format_errors(typed: str) -> None:
    with contextlib.suppress(FormatError):
        parse_date(typed)


# ------------------------------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("350", Decimal("350.00")),
        ("350,5", Decimal("350.50")),
        ("1250.50", Decimal("1250.50")),
        ("1 250,50 €", Decimal("1250.50")),
        (f"1{NNBSP}250,50{NBSP}€", Decimal("1250.50")),
        ("0", Decimal("0.00")),
        ("-0", Decimal("0.00")),
        (",5", Decimal("0.50")),
        ("1000000", Decimal("1000000.00")),
    ],
)
def test_parse_amount(typed: str, amount: Decimal) -> None:
    parsed = parse_amount(typed)
    assert parsed == amount
    assert parsed.as_tuple().exponent == -2
    assert not parsed.is_signed()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Saisissez un montant en euros, par exemple 350,00."),
        (" € ", "Saisissez un montant en euros"),
        ("1.250,50", "Utilisez une seule virgule pour les centimes, par exemple 1250,50."),
        ("douze", "« douze » n'est pas un montant."),
        ("NaN", "« NaN » n'est pas un montant."),
        ("Infinity", "« Infinity » n'est pas un montant."),
        ("-5", "Le montant ne peut pas être négatif."),
        ("12,345", "Un montant a au plus deux décimales (les centimes)."),
        ("1000000,01", f"Ce montant est trop élevé pour être vraisemblable (1{NNBSP}000{NNBSP}000,00{NBSP}€ au plus)."),
        ("1e30", "Ce montant est trop élevé pour être vraisemblable"),
        ("9" * 40, "Ce montant est trop élevé pour être vraisemblable"),
    ],
)
def test_parse_amount_refuses_with_a_french_message(typed: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_amount(typed)
    assert message in str(caught.value)


def test_parse_amount_takes_the_limits_of_the_money_rule() -> None:
    assert parse_amount("100000", maximum=Decimal("100000")) == Decimal("100000.00")
    with pytest.raises(FormatError, match=f"100{NNBSP}000,00{NBSP}€ au plus"):
        parse_amount("100000,01", maximum=Decimal("100000"))
    with pytest.raises(FormatError, match="Indiquez un montant supérieur à zéro"):
        parse_amount("0", allow_zero=False)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (Decimal("12.34"), None),
        (Decimal("12.340000"), None),
        (Decimal("0"), None),
        (Decimal("NaN"), "ce n'est pas un montant"),
        (Decimal("sNaN"), "ce n'est pas un montant"),
        (Decimal("-Infinity"), "ce n'est pas un montant"),
        (Decimal("-1"), "le montant ne peut pas être négatif"),
        (Decimal("12.345"), "un montant a au plus deux décimales (les centimes)"),
        (Decimal("1e-30"), "un montant a au plus deux décimales (les centimes)"),
    ],
)
def test_amount_problem(value: Decimal, problem: str | None) -> None:
    assert amount_problem(value) == problem


@pytest.mark.parametrize("value", [Decimal("12.345"), Decimal("NaN"), Decimal("Infinity"), Decimal("1e-900")])
def test_amount_to_cents_never_rounds_silently(value: Decimal) -> None:
    with pytest.raises(ValueError, match="amount_problem"):
        amount_to_cents(value)


def test_format_amount_uses_french_typography() -> None:
    assert format_amount(Decimal("1250.5")) == f"1{NNBSP}250,50{NBSP}€"
    assert format_amount(Decimal("0")) == f"0,00{NBSP}€"
    assert format_amount(None) == ""


amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False)


@given(amounts)
def test_format_then_parse_amount_round_trip(amount: Decimal) -> None:
    assert parse_amount(format_amount(amount)) == amount
    assert parse_amount(str(amount).replace(".", ",")) == amount


@given(st.text())
@example("1e999999")
@example("9" * 30)
@example("1_000")
def test_parse_amount_raises_only_format_errors(typed: str) -> None:
    try:
        parsed = parse_amount(typed)
    except FormatError as error:
        assert str(error)
    else:
        assert Decimal(0) <= parsed <= MAX_AMOUNT
        assert parsed.as_tuple().exponent == -2


@given(amounts)
def test_cents_round_trip(amount: Decimal) -> None:
    cents = amount_to_cents(amount)
    assert isinstance(cents, int)
    assert cents_to_amount(cents) == amount


def test_cents_of_nothing() -> None:
    assert amount_to_cents(None) is None
    assert cents_to_amount(None) is None
    assert cents_to_amount(12345) == Decimal("123.45")


def test_lists_read_the_french_way() -> None:
    assert format_list([]) == ""
    assert format_list(["ménage"]) == "ménage"
    assert format_list(["ménage", "bailleur", "association"]) == "ménage, bailleur et association"
