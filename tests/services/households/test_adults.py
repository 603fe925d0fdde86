"""Tests of caseworker/services/households/adults.py: who counts as an adult (consent, signatures, mediations)."""

from __future__ import annotations

from datetime import date

import pytest

from caseworker.services.households.adults import ADULT_RULE, is_adult

DAY = date(2026, 1, 1)  # 1 January: someone born in 2008 may still be 17, and counts as an adult


@pytest.mark.parametrize(
    ("child_role", "birth_year", "adult"),
    [
        (True, 1990, True),  # 36 and recorded as "enfant": an adult
        (True, 2008, True),  # turns 18 this year: asked from 1 January
        (True, 2009, False),  # 17 this year and a child's role: a child
        (True, None, False),  # a child's role without a birth year: a child (the consent gate asks for the year)
        (False, 2015, True),  # an adult's role: an adult, whatever the year says
        (False, None, True),
    ],
)
def test_a_child_is_one_only_when_the_role_and_a_known_birth_year_say_so(
    child_role: bool, birth_year: int | None, adult: bool
) -> None:
    assert is_adult(child_role=child_role, birth_year=birth_year, on=DAY) is adult


def test_the_rule_in_words() -> None:
    assert ADULT_RULE == "18 ans ou plus cette année, ou rôle adulte"


@pytest.mark.parametrize(
    ("child_role", "birth_year", "unknown"), [(True, None, True), (True, 2015, False), (False, None, False)]
)
def test_whose_age_is_unknown(child_role: bool, birth_year: int | None, unknown: bool) -> None:
    from caseworker.services.households.adults import age_unknown

    assert age_unknown(child_role=child_role, birth_year=birth_year) is unknown
