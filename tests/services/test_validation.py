"""Tests of caseworker/services/validation.py (and the errors of caseworker/services/errors.py)."""

from __future__ import annotations

import ast
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import caseworker
from caseworker.errors import KnownError
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.validation import Problems, periods_overlap

TODAY = date(2026, 6, 15)

# ------------------------------------------------------------------------------------------------- text


def test_text_is_normalised_and_trimmed() -> None:
    problems = Problems()
    assert problems.text("name", "  Ame\u0301lie \t  Dupont \n", label="Nom") == "Amélie Dupont"
    assert problems.text("name", None, label="Nom") == ""
    assert not problems


def test_multiline_text_keeps_line_breaks_and_tabs() -> None:
    problems = Problems()
    cleaned = problems.text("note", "  ligne 1\n\tligne 2  \n", label="Remarque", multiline=True)
    assert cleaned == "ligne 1\n\tligne 2"
    assert not problems


def test_required_text() -> None:
    problems = Problems()
    problems.text("name", " \n ", label="Nom", required=True)
    assert problems.errors == {"name": "Nom : ce champ est obligatoire."}


def test_length_is_counted_after_cleaning() -> None:
    problems = Problems()
    assert problems.text("name", "  " + "a" * 10 + "  ", label="Nom", max_length=10) == "a" * 10
    problems.text("other", "a" * 11, label="Autre", max_length=10)
    assert problems.errors == {"other": "Autre : 11 caractères, c'est trop long (10 au maximum)."}


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x9b"])
def test_control_characters_are_refused(control: str) -> None:
    problems = Problems()
    problems.text("name", f"Ali{control}ce", label="Prénom")
    problems.text("note", f"ligne\n{control}", label="Remarque", multiline=True)
    assert problems.errors == {
        "name": "Prénom : le texte contient des caractères de contrôle non autorisés.",
        "note": "Remarque : le texte contient des caractères de contrôle non autorisés.",
    }


def test_windows_line_breaks_are_line_breaks() -> None:
    problems = Problems()
    assert problems.text("note", "ligne 1\r\nligne 2\rligne 3", label="Remarque", multiline=True) == (
        "ligne 1\nligne 2\nligne 3"
    )
    assert not problems


def test_line_breaks_are_control_characters_in_single_line_text_but_folded_to_spaces() -> None:
    problems = Problems()
    assert problems.text("name", "Jean\nPierre\rPaul", label="Prénom") == "Jean Pierre Paul"
    assert not problems


@pytest.mark.parametrize("broken", ["\ud800", "a\udfffb", "\udbff"])
def test_lone_surrogates_are_refused(broken: str) -> None:
    problems = Problems()
    assert problems.text("name", broken, label="Nom") == ""
    assert problems.errors == {"name": "Nom : le texte contient des caractères invalides."}


def test_first_problem_per_field_wins_and_raise() -> None:
    problems = Problems()
    problems.add("name", "premier")
    problems.add("name", "second")
    problems.add("other", "autre")
    assert problems.errors == {"name": "premier", "other": "autre"}
    with pytest.raises(ValidationError) as caught:
        problems.raise_if_any()
    assert caught.value.errors == {"name": "premier", "other": "autre"}
    assert caught.value.user_message == "premier\nautre"
    Problems().raise_if_any()  # nothing to raise


@given(st.text(), st.booleans(), st.integers(0, 50))
@example("\ud800", False, 10)
@example("\u0085\u2028x\u00a0", False, 10)
def test_text_never_raises_and_its_result_is_clean(value: str, multiline: bool, max_length: int) -> None:
    problems = Problems()
    cleaned = problems.text("field", value, label="Champ", max_length=max_length, multiline=multiline)
    assert cleaned == cleaned.strip()
    if not problems:
        cleaned.encode("utf-8")
        allowed = {"\n", "\t"} if multiline else set()
        assert all(unicodedata.category(ch) != "Cc" or ch in allowed for ch in cleaned)
        assert len(cleaned) <= max_length
        assert unicodedata.is_normalized("NFC", cleaned)
    else:
        assert set(problems.errors) == {"field"}
        assert problems.errors["field"].startswith("Champ : ")


# ------------------------------------------------------------------------------------------------ dates


def test_a_date_of_a_past_fact() -> None:
    problems = Problems()
    for value in (TODAY, None, date(1990, 1, 1)):
        problems.date("ok", value, kind=DateKind.EVENT, label="Date", today=TODAY)
    assert not problems
    problems.date("future", TODAY + timedelta(days=1), kind=DateKind.EVENT, label="Date de visite", today=TODAY)
    problems.date("old", date(1989, 12, 31), kind=DateKind.EVENT, label="Date de visite", today=TODAY)
    assert problems.errors == {
        "future": "Date de visite : la date ne peut pas être dans le futur (16/06/2026).",
        "old": "Date de visite : la date 31/12/1989 n'est pas vraisemblable (au plus tôt le 01/01/1990).",
    }


def test_a_planned_date() -> None:
    problems = Problems()
    for value in (date(1990, 1, 1), date(2046, 6, 15), None):
        problems.date("ok", value, kind=DateKind.PLANNED, label="Échéance", today=TODAY)
    assert not problems
    problems.date("late", date(2046, 6, 16), kind=DateKind.PLANNED, label="Échéance", today=TODAY)
    problems.date("early", date(1899, 12, 31), kind=DateKind.PLANNED, label="Échéance", today=TODAY)
    assert problems.errors == {
        "late": "Échéance : la date 16/06/2046 n'est pas vraisemblable (au plus tard le 15/06/2046).",
        "early": "Échéance : la date 31/12/1899 n'est pas vraisemblable (au plus tôt le 01/01/1990).",
    }


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12))),
        datetime(1900, 1, 1, tzinfo=timezone.utc),
    ],
)
def test_a_moment_is_judged_on_its_own_day_without_converting_it(moment: datetime) -> None:
    problems = Problems()
    problems.moment("at", moment, kind=DateKind.EVENT, label="Date et heure", today=TODAY)
    assert problems.errors["at"].startswith("Date et heure : la date ")
    assert f"{moment:%d/%m/%Y}" in problems.errors["at"]


# ---------------------------------------------------------------------------------------------- amounts


def test_an_amount_is_returned_in_cents() -> None:
    problems = Problems()
    assert problems.amount("rent", Decimal("412.50"), label="Loyer") == 41250
    assert problems.amount("zero", Decimal("-0"), label="Reste") == 0
    assert problems.amount("none", None, label="Montant") is None
    assert not problems


@pytest.mark.parametrize(
    ("value", "options", "message"),
    [
        (Decimal("NaN"), {}, "Montant : ce n'est pas un montant."),
        (Decimal("-Infinity"), {}, "Montant : ce n'est pas un montant."),
        (Decimal("-0.01"), {}, "Montant : le montant ne peut pas être négatif."),
        (Decimal("0"), {"allow_zero": False}, "Montant : indiquez un montant supérieur à zéro."),
        (
            Decimal("1e30"),
            {},
            "Montant : ce montant est trop élevé pour être vraisemblable (1\u202f000\u202f000,00\xa0€ au plus).",
        ),
        (
            Decimal("100000.01"),
            {"maximum": Decimal("100000")},
            "Montant : ce montant est trop élevé pour être vraisemblable (100\u202f000,00\xa0€ au plus).",
        ),
        (Decimal("12.345"), {}, "Montant : un montant a au plus deux décimales (les centimes)."),
        (None, {"required": True}, "Montant : ce champ est obligatoire."),
    ],
)
def test_an_amount_that_breaks_the_money_rule(value: Decimal | None, options: dict[str, object], message: str) -> None:
    problems = Problems()
    assert problems.amount("amount", value, label="Montant", **options) is None  # type: ignore[arg-type]
    assert problems.errors == {"amount": message}


@given(st.decimals(allow_nan=True, allow_infinity=True) | st.decimals(places=3, min_value=-(10**7), max_value=10**7))
def test_amount_never_raises_and_never_rounds(value: Decimal) -> None:
    problems = Problems()
    cents = problems.amount("amount", value, label="Montant")
    if cents is None:
        assert problems.errors["amount"].startswith("Montant : ")
    else:
        assert Decimal(cents) / 100 == value
        assert 0 <= cents <= 100_000_000


# ------------------------------------------------------------------------------------------ date order


def test_ordered() -> None:
    problems = Problems()
    problems.ordered("same", TODAY, TODAY, start_label="Le début", end_label="La fin")
    problems.ordered("open", TODAY, None, start_label="Le début", end_label="La fin")
    problems.ordered("unknown", None, TODAY, start_label="Le début", end_label="La fin")
    assert not problems
    problems.ordered(
        "end", date(2026, 6, 2), date(2026, 6, 1), start_label="La date de début", end_label="La date de fin"
    )
    problems.ordered(
        "period", date(2026, 6, 2), date(2026, 6, 1), start_label="Le début de la période", end_label="Le début"
    )
    assert problems.errors == {
        "end": "La date de fin (01/06/2026) est antérieure à la date de début (02/06/2026).",
        "period": "Le début (01/06/2026) est antérieur au début de la période (02/06/2026).",
    }


def _labels_passed_to_ordered() -> set[tuple[str, str]]:
    """Every (start_label, end_label) pair written in a call to ``ordered`` in the package."""
    pairs = set()
    for path in Path(caseworker.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "ordered":
                labels = {keyword.arg: keyword.value for keyword in node.keywords}
                start, end = labels["start_label"], labels["end_label"]
                assert isinstance(start, ast.Constant) and isinstance(end, ast.Constant), f"{path}: literal labels"
                pairs.add((start.value, end.value))
    return pairs


# "à" + each start label, and the agreement of each end label, as a French reader expects them.
WITH_A = {
    "La date d'arrivée": "à la date d'arrivée",
    "La date d'arrivée dans l'équipe": "à la date d'arrivée dans l'équipe",
    "La date d'effet": "à la date d'effet",
    "La date de début": "à la date de début",
    "La date de l'accord": "à la date de l'accord",
    "La date de l'objectif": "à la date de l'objectif",
    "La date de la CAL": "à la date de la CAL",
    "La date de la proposition": "à la date de la proposition",
    "La date de la réponse": "à la date de la réponse",
    "La date de la dette": "à la date de la dette",
    "La date de suspension": "à la date de suspension",
    "La médiation": "à la médiation",
    "Le début de la période": "au début de la période",
    "L'ouverture de la procédure": "à l'ouverture de la procédure",
    "La mise en veille": "à la mise en veille",
}
EARLIER = {
    "La date": "antérieure",
    "La date de départ": "antérieure",
    "La date de fin": "antérieure",
    "La date de revue": "antérieure",
    "La date de la CAL": "antérieure",
    "La date de la réponse": "antérieure",
    "La signature": "antérieure",
    "La date du solde": "antérieure",
    "La date du suivi": "antérieure",
    "La fin de la période": "antérieure",
    "La date du prochain bilan": "antérieure",
    "Le début": "antérieur",
    "La sortie de la veille": "antérieure",
}


def test_every_label_passed_to_ordered_gives_correct_french() -> None:
    pairs = _labels_passed_to_ordered()
    assert len(pairs) >= 10  # the scan found the calls
    for start_label, end_label in pairs:
        problems = Problems()
        problems.ordered("f", date(2026, 6, 2), date(2026, 6, 1), start_label=start_label, end_label=end_label)
        assert problems.errors["f"] == (
            f"{end_label} (01/06/2026) est {EARLIER[end_label]} {WITH_A[start_label]} (02/06/2026)."
        ), "a new label: check its French and add it to WITH_A / EARLIER"
        assert not re.search(r"\bà le\b|\bà les\b|\bde le\b", problems.errors["f"])


@pytest.mark.parametrize(("label", "expected"), [("Les dates", "ValueError"), ("Date", "ValueError")])
def test_a_label_without_its_article_is_a_programming_error(label: str, expected: str) -> None:
    with pytest.raises(ValueError, match="start with"):
        Problems().ordered("f", TODAY, TODAY - timedelta(days=1), start_label=label, end_label="La fin")
    with pytest.raises(ValueError, match="start with"):
        Problems().ordered("f", TODAY, TODAY - timedelta(days=1), start_label="Le début", end_label=label)


@pytest.mark.parametrize(("year", "ok"), [(1905, False), (1906, True), (2026, True), (2027, False), (None, True)])
def test_birth_year(year: int | None, ok: bool) -> None:
    problems = Problems()
    problems.birth_year("birth_year", year, today=TODAY)
    assert (not problems) is ok
    if not ok:
        assert problems.errors == {"birth_year": "L'année de naissance doit être comprise entre 1906 et 2026."}


# --------------------------------------------------------------------------------------------- overlaps


def test_periods_overlap_examples() -> None:
    jan1, jan31, feb1 = date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 1)
    assert periods_overlap(jan1, jan31, jan31, None)  # ends inclusive
    assert not periods_overlap(jan1, jan31, feb1, None)
    assert periods_overlap(jan1, None, feb1, None)
    assert periods_overlap(feb1, None, jan1, None)


day_offsets = st.integers(0, 40)


@given(day_offsets, st.none() | day_offsets, day_offsets, st.none() | day_offsets)
def test_periods_overlap_means_a_shared_day(a: int, a_len: int | None, b: int, b_len: int | None) -> None:
    base = date(2026, 1, 1)
    start_a, start_b = base + timedelta(days=a), base + timedelta(days=b)
    end_a = None if a_len is None else start_a + timedelta(days=a_len)
    end_b = None if b_len is None else start_b + timedelta(days=b_len)
    horizon = base + timedelta(days=200)

    def days(start: date, end: date | None) -> set[date]:
        last = end or horizon
        return {start + timedelta(days=offset) for offset in range((last - start).days + 1)}

    shared = bool(days(start_a, end_a) & days(start_b, end_b))
    assert periods_overlap(start_a, end_a, start_b, end_b) is shared
    assert periods_overlap(start_b, end_b, start_a, end_a) is shared


# ------------------------------------------------------------------------------------------------ errors


def test_errors_are_known_errors_with_their_exit_codes() -> None:
    error = ValidationError({"name": "Nom : ce champ est obligatoire."})
    assert isinstance(error, KnownError)
    assert (error.exit_code, error.user_message) == (9, "Nom : ce champ est obligatoire.")
    assert NotFoundError("introuvable").exit_code == 10
    assert TransitionError("interdit").exit_code == 11
    with pytest.raises(ValueError, match="at least one message"):
        ValidationError({})


def test_validation_error_copies_its_messages() -> None:
    messages = {"name": "Nom : ce champ est obligatoire."}
    error = ValidationError(messages)
    messages["other"] = "ajouté après"
    assert error.errors == {"name": "Nom : ce champ est obligatoire."}


def test_bidirectional_overrides_are_refused():
    from caseworker.services.validation import Problems

    problems = Problems()
    problems.text("last_name", "Dupont\u202egnp.exe", label="Nom")
    assert problems.errors == {"last_name": "Nom : le texte contient des caractères d'inversion du sens d'écriture."}
