"""The French of renewals and extensions: the message that refuses one renewal or extension too many."""

from __future__ import annotations

import re

import pytest

from caseworker.domain import DurationPolicy
from caseworker.services.support.extensions import extension_limit_message
from caseworker.services.support.measures import MAX_EXTENSIONS

NAME = "AVDL"
LIMITED = (DurationPolicy.RENEWABLE, DurationPolicy.MAX_PLUS_EXTENSION)


@pytest.mark.parametrize(
    ("policy", "allowed", "used", "expected"),
    [
        (
            DurationPolicy.RENEWABLE,
            1,
            1,
            "« AVDL » permet 1 renouvellement au plus, déjà accordé : un renouvellement de plus est refusé.",
        ),
        (
            DurationPolicy.RENEWABLE,
            2,
            2,
            "« AVDL » permet 2 renouvellements au plus, déjà accordés : un renouvellement de plus est refusé.",
        ),
        (
            DurationPolicy.MAX_PLUS_EXTENSION,
            1,
            1,
            "« AVDL » permet 1 prolongation au plus, déjà accordée : une prolongation de plus est refusée.",
        ),
        (
            DurationPolicy.MAX_PLUS_EXTENSION,
            3,
            3,
            "« AVDL » permet 3 prolongations au plus, déjà accordées : une prolongation de plus est refusée.",
        ),
        # The catalogue lowered the limit after extensions were granted.
        (
            DurationPolicy.MAX_PLUS_EXTENSION,
            1,
            2,
            "« AVDL » permet 1 prolongation au plus, et 2 ont déjà été accordées : une prolongation de plus est "
            "refusée.",
        ),
        (
            DurationPolicy.RENEWABLE,
            2,
            3,
            "« AVDL » permet 2 renouvellements au plus, et 3 ont déjà été accordés : un renouvellement de plus est "
            "refusé.",
        ),
        (DurationPolicy.RENEWABLE, 0, 0, "« AVDL » ne permet aucun renouvellement."),
        (DurationPolicy.MAX_PLUS_EXTENSION, 0, 1, "« AVDL » ne permet aucune prolongation."),
    ],
)
def test_the_limit_message_reads_right(policy: DurationPolicy, allowed: int, used: int, expected: str) -> None:
    assert extension_limit_message(NAME, policy, allowed, used) == expected


@pytest.mark.parametrize("policy", LIMITED)
@pytest.mark.parametrize("allowed", range(MAX_EXTENSIONS + 1))
def test_every_count_agrees_in_gender_and_number(policy: DurationPolicy, allowed: int) -> None:
    feminine = policy is DurationPolicy.MAX_PLUS_EXTENSION
    noun = "prolongation" if feminine else "renouvellement"
    for used in range(allowed, allowed + 3):
        message = extension_limit_message(NAME, policy, allowed, used)
        words = re.findall(r"[\wéèà]+", message)
        assert noun in message, message
        for index, word in enumerate(words):
            if word.startswith(("accordé", "refusé")):
                ending = word.removeprefix("accordé").removeprefix("refusé")
                gender = "e" if feminine else ""
                plural = (
                    "s" if word.startswith("accordé") and (used if words[index - 1] == "été" else allowed) > 1 else ""
                )
                assert ending == gender + plural, message
            if word in ("prolongation", "prolongations", "renouvellement", "renouvellements") and index:
                before = words[index - 1]
                if before in ("un", "une", "aucun", "aucune"):
                    assert before.endswith("e") == feminine, message
                if before.isdigit():
                    assert word.endswith("s") == (int(before) > 1), message
        assert "{" not in message and "  " not in message
