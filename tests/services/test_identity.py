"""Tests of caseworker/services/identity.py: how households and persons are named."""

from __future__ import annotations

import pytest

from caseworker.domain import Civility
from caseworker.services.identity import (
    addressed_as,
    addressee,
    email_greeting,
    household_reference,
    person_display_name,
    surname_in_letters,
)


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


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("FLEURY", "Fleury"),
        ("Fleury", "Fleury"),
        ("LE GOFF", "Le Goff"),
        ("DE LA FONTAINE", "de La Fontaine"),
        ("D'ALEMBERT", "d'Alembert"),
        ("N'DIAYE", "N'Diaye"),
        ("MARTIN-DUPONT", "Martin-Dupont"),
        ("ÇELIK", "Çelik"),
        ("van der Berg", "van der Berg"),  # typed with care: kept as it is
        ("  LE   GALL ", "Le Gall"),
    ],
)
def test_a_surname_in_a_letter_is_in_normal_case(typed: str, written: str) -> None:
    assert surname_in_letters(typed) == written


def test_an_e_mail_opens_with_the_civility_and_the_surname_or_a_plain_hello() -> None:
    assert email_greeting(Civility.MADAME, "FLEURY") == "Bonjour Madame Fleury,"
    assert email_greeting(Civility.MONSIEUR, "Le Goff") == "Bonjour Monsieur Le Goff,"
    assert email_greeting(None, "Fleury") == "Bonjour,"  # no civility: no name either
    assert email_greeting(Civility.MADAME, "") == "Bonjour Madame,"


def test_an_addressee_line_names_the_civility_when_known() -> None:
    assert addressee(Civility.MADAME, "Maud", "Fleury") == "Madame Maud FLEURY"
    assert addressee(None, "Maud", "Fleury") == "Maud FLEURY"


def test_a_letter_addresses_the_contact_by_civility_or_both() -> None:
    assert [addressed_as(civility) for civility in (Civility.MADAME, Civility.MONSIEUR, None)] == [
        "Madame",
        "Monsieur",
        "Madame, Monsieur",
    ]
