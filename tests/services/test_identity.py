"""Tests of caseworker/services/identity.py: how households and persons are named."""

from __future__ import annotations

import pytest

from caseworker.services.identity import household_reference, person_display_name


def test_household_reference() -> None:
    assert household_reference(42) == "M-000042"
    assert household_reference(1_234_567) == "M-1234567"


@pytest.mark.parametrize(
    ("first", "last", "pseudonym", "shown"),
    [
        ("Hélène", "Çelik", "", "ÇELIK Hélène"),
        ("Hélène", "Çelik", "Lena", "ÇELIK Hélène"),
        ("", "Çelik", "", "ÇELIK"),
        ("Hélène", "", "", "Hélène"),
        ("", "", "Le Grand", "« Le Grand »"),
        ("", "", "", "(sans nom)"),
    ],
)
def test_person_display_name(first: str, last: str, pseudonym: str, shown: str) -> None:
    assert person_display_name(first, last, pseudonym) == shown
