"""Tests of caseworker/services/validation.py (and the errors of caseworker/services/errors.py)."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from caseworker.errors import KnownError
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


def test_past_or_today() -> None:
    problems = Problems()
    problems.past_or_today("today", TODAY, label="Date", today=TODAY)
    problems.past_or_today("none", None, label="Date", today=TODAY)
    problems.past_or_today("1900", date(1900, 1, 1), label="Date", today=TODAY)
    assert not problems
    problems.past_or_today("future", TODAY + timedelta(days=1), label="Date de visite", today=TODAY)
    problems.past_or_today("old", date(1899, 12, 31), label="Date de visite", today=TODAY)
    assert problems.errors == {
        "future": "Date de visite : la date ne peut pas être dans le futur (16/06/2026).",
        "old": "Date de visite : la date est antérieure à 1900.",
    }


def test_plausible() -> None:
    problems = Problems()
    for value in (date(1900, 1, 1), date(2200, 12, 31), None):
        problems.plausible("ok", value, label="Échéance")
    assert not problems
    problems.plausible("late", date(2202, 1, 1), label="Échéance")
    problems.plausible("early", date(1899, 12, 31), label="Échéance")
    assert problems.errors == {
        "late": "Échéance : la date 01/01/2202 n'est pas vraisemblable.",
        "early": "Échéance : la date 31/12/1899 n'est pas vraisemblable.",
    }


def test_ordered() -> None:
    problems = Problems()
    problems.ordered("same", TODAY, TODAY, start_label="Début", end_label="Fin")
    problems.ordered("open", TODAY, None, start_label="Début", end_label="Fin")
    problems.ordered("unknown", None, TODAY, start_label="Début", end_label="Fin")
    assert not problems
    problems.ordered(
        "end", date(2026, 6, 2), date(2026, 6, 1), start_label="La date de début", end_label="La date de fin"
    )
    assert problems.errors == {"end": "La date de fin (01/06/2026) est antérieure à la date de début (02/06/2026)."}


@pytest.mark.parametrize(("year", "ok"), [(1899, False), (1900, True), (2026, True), (2027, False), (None, True)])
def test_birth_year(year: int | None, ok: bool) -> None:
    problems = Problems()
    problems.birth_year("birth_year", year, today=TODAY)
    assert (not problems) is ok
    if not ok:
        assert problems.errors == {"birth_year": "L'année de naissance doit être comprise entre 1900 et 2026."}


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
