"""The one passphrase rule: zxcvbn's estimate with French words, keyboard patterns and the person's own names."""

from __future__ import annotations

import re

import pytest

from caseworker.storage.passphrase_strength import (
    MIN_GUESSES_LOG10,
    MIN_PASSPHRASE_LENGTH,
    estimated_guesses_log10,
    french_words,
    passphrase_problem,
)

ENGLISH_FEEDBACK = re.compile(r"\b(guess|easy|common|password|words?|keys|avoid|add)\b", re.IGNORECASE)
NAMES = ("Association Les Glycines", "Gwenaëlle Kerbrat")


@pytest.mark.parametrize(
    ("passphrase", "reason"),
    [
        # The review's examples: all accepted before.
        ("motdepasse123", "mot de passe très répandu"),
        ("azertyuiop12", "touches voisines du clavier"),
        ("123456789012", "suite"),
        # French words and passwords zxcvbn does not know, joined the way people join them.
        ("bonjour soleil 2024", "un mot de passe très répandu"),
        ("soleil été 2024", "des mots très courants et une année récente"),
        ("jetaimemamour", "un mot de passe très répandu"),
        ("marseille13013", "un mot de passe très répandu"),
        ("nathalie1975!", "des prénoms ou des noms courants"),
        ("qsdfghjklm123", "touches voisines du clavier"),
        ("wxcvbnazerty1", "touches voisines du clavier"),
        ("chocolat chocolat chocolat", "répétitions"),
        ("1990-2000-2010", "une année récente"),
        ("01/01/1990!!", "une date"),
    ],
)
def test_weak_passphrases_are_refused_with_a_french_reason(passphrase: str, reason: str) -> None:
    problem = passphrase_problem(passphrase)
    assert problem is not None, passphrase
    assert problem.startswith("Phrase de passe trop facile à deviner : ")
    assert reason in problem
    assert passphrase not in problem  # never shown back in clear
    assert not ENGLISH_FEEDBACK.search(problem.replace("mot de passe", "")), problem


def test_the_names_of_the_person_and_the_association_count_as_known_words() -> None:
    passphrase = "GwenaelleKerbratGlycines"
    assert passphrase_problem(passphrase) is None  # unknown names: long enough
    problem = passphrase_problem(passphrase, personal_words=NAMES)
    assert problem is not None
    assert "votre nom ou celui de l'association" in problem


@pytest.mark.parametrize(
    "passphrase",
    [
        "vingt-trois pommes vertes au marché",
        "cheval agrafe batterie 42",
        "tulipe radar fenouil obscur",
        "Le hibou lit Proust à 7 h, sans lunettes",
        "Xk9#mP2$vL4q-Wz7",
        "épinards, quincaillerie & zeppelin",
    ],
)
def test_strong_passphrases_are_accepted(passphrase: str) -> None:
    assert passphrase_problem(passphrase, passphrase, personal_words=NAMES) is None
    assert estimated_guesses_log10(passphrase, NAMES) >= MIN_GUESSES_LOG10


@pytest.mark.parametrize(
    ("passphrase", "confirmation", "expected"),
    [
        ("", None, f"La phrase de passe doit compter au moins {MIN_PASSPHRASE_LENGTH} caractères."),
        ("a", None, "au moins 12 caractères"),
        ("court", None, "au moins 12 caractères"),
        (" vingt-trois pommes vertes", None, "ne doit pas commencer ni finir par une espace"),
        ("vingt-trois pommes vertes ", None, "ne doit pas commencer ni finir par une espace"),
        ("abababababababab", None, "répétitions"),
        ("aaaaaaaaaaaaaaaa", None, "répétitions"),
        ("une phrase de passe", None, "des mots du métier ou de caseworker"),
        (
            "vingt-trois pommes vertes au marché",
            "vingt-trois pommes vertes au marche",
            "Les deux saisies de la phrase de passe ne correspondent pas.",
        ),
    ],
)
def test_messages(passphrase: str, confirmation: str | None, expected: str) -> None:
    problem = passphrase_problem(passphrase, confirmation)
    assert problem is not None
    assert expected in problem


def test_a_very_long_passphrase_is_measured_not_refused() -> None:
    """zxcvbn refuses more than 72 characters; a longer passphrase is judged on its beginning."""
    long = "vingt-trois pommes vertes au marché " * 4
    assert passphrase_problem(long.strip()) is None
    assert passphrase_problem("azerty" * 20) is not None


def test_accents_do_not_make_a_common_word_uncommon() -> None:
    assert estimated_guesses_log10("éléphant château été") == estimated_guesses_log10("elephant chateau ete")
    assert passphrase_problem("soleil été 2024") == passphrase_problem("soleil ete 2024")


def test_everyday_words_are_counted_as_words_not_as_zxcvbn_pieces() -> None:
    """zxcvbn alone gives three everyday words 10**14 guesses; read as words they are far fewer."""
    from zxcvbn import zxcvbn

    assert zxcvbn("maison jardin voiture")["guesses_log10"] > 13
    assert estimated_guesses_log10("maison jardin voiture") < 12
    assert estimated_guesses_log10("le chat") < estimated_guesses_log10("le xqzt")


def test_the_word_list_is_read_from_the_resources() -> None:
    words = french_words()
    assert len(words) > 1000
    assert words[:3] == ("123456", "123456789", "motdepasse")
    assert {"qsdfghjklm", "logement", "chateau", "marseille", "camille"} <= set(words)
    assert all(word == word.lower() and word.strip() == word and word for word in words)
    assert len(set(words)) == len(words)
