"""The one rule for a new passphrase, wherever one is set (command line, first-run wizard, key change).

Strength is zxcvbn's estimate of the number of guesses an attacker needs, trying the likeliest first: common
passwords, dictionary words, keyboard patterns, repeats, sequences, dates. zxcvbn knows English; it is given a
list of French words, French passwords and AZERTY patterns made for caseworker
(``resources/passphrases/mots_courants_fr.txt``), and the names of the person and of the association, as its
``user_inputs``. Accents are removed before measuring: an attacker tries "ete" and "été" alike.

zxcvbn is generous with phrases of everyday words: it multiplies its estimate by the factorial of the number of
pieces it found, so "maison jardin voiture" passes for 10**14 guesses while an attacker going through the
thousand commonest words needs about 10**9. A second estimate therefore reads the passphrase as words, numbers
and separators (each known word costs its rank in its list, an unknown one as much as zxcvbn's brute force, a
year a few hundred guesses, each distinct separator ten) and the lower of the two counts.

The threshold, and why. The passphrase is stretched with scrypt (n = 2**17, r = 8: about a third of a second
and 128 MiB per guess on a laptop core). Someone who takes the laptop copies the database and the key file and
guesses offline, as long as they like. At 10**8 guesses (zxcvbn's score 3) a few rented machines need days; at
10**10 (score 4) the same machines need years, which is the protection owed to files about health, justice and
family life of people in difficulty. Hence: at least 12 characters and an estimate of at least 10**10 guesses.
Four or five uncommon words pass easily; "motdepasse123" and "azertyuiop12" do not.
"""

from __future__ import annotations

import functools
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from caseworker.formats import format_list
from caseworker.paths import resources_dir

if TYPE_CHECKING:
    from zxcvbn.matching import _Match

MIN_PASSPHRASE_LENGTH = 12
MIN_GUESSES_LOG10 = 10.0
_ZXCVBN_MAX_LENGTH = 72  # zxcvbn refuses longer input: a longer passphrase is judged on its beginning
_WORD_LIST = ("passphrases", "mots_courants_fr.txt")
# zxcvbn keeps the user inputs of a call in a module-level dictionary: one call at a time.
_ZXCVBN_LOCK = threading.Lock()

_REASONS = {
    "personnel": "votre nom ou celui de l'association",
    "mots de passe": "un mot de passe très répandu",
    "clavier": "des touches voisines du clavier (azerty, qsdf…)",
    "métier": "des mots du métier ou de caseworker",
    "mots": "des mots très courants",
    "lieux": "des noms de villes ou de régions",
    "prénoms": "des prénoms ou des noms courants",
    "repeat": "des répétitions (« aaa », « abcabc »)",
    "sequence": "une suite (« abc », « 6543 »)",
    "recent_year": "une année récente",
    "date": "une date",
}
# zxcvbn's own dictionaries, for words the French list lacks.
_ZXCVBN_DICTIONARIES = {
    "passwords": "mots de passe",
    "english_wikipedia": "mots",
    "us_tv_and_film": "mots",
    "surnames": "prénoms",
    "male_names": "prénoms",
    "female_names": "prénoms",
}


def _plain(text: str) -> str:
    """Lowercase without accents (« Été » → « ete »): how dictionaries are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class _Word:
    category: str
    rank: int
    """Rank within its category: attackers go through the lists side by side, the commonest words first."""


@functools.lru_cache(maxsize=1)
def _french_list() -> dict[str, _Word]:
    """The French list, word → category and rank, in the file's order."""
    words: dict[str, _Word] = {}
    counts: dict[str, int] = {}
    category = "mots"
    text = resources_dir().joinpath(*_WORD_LIST).read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            category = line[1:-1]
            continue
        word = _plain(line)
        if word not in words:
            counts[category] = counts.get(category, 0) + 1
            words[word] = _Word(category, counts[category])
    return words


def french_words() -> tuple[str, ...]:
    """The French words, passwords and keyboard patterns, as the file orders them (lowercase, no accents)."""
    return tuple(_french_list())


@functools.lru_cache(maxsize=1)
def _interleaved() -> tuple[str, ...]:
    """The list in the order an attacker tries it: the first word of each category, then the second, and so on."""
    words = _french_list()
    return tuple(sorted(words, key=lambda word: (words[word].rank, list(_REASONS).index(words[word].category))))


def _personal_words(personal_words: Iterable[str]) -> list[str]:
    """Names as an attacker would try them: each word, the whole name, and the name without spaces."""
    found: list[str] = []
    for name in personal_words:
        plain = _plain(name).strip()
        if not plain:
            continue
        parts = [part for part in plain.replace("-", " ").split() if len(part) > 1]
        for candidate in (plain, plain.replace(" ", ""), *parts):
            if candidate not in found:
                found.append(candidate)
    return found


@dataclass(frozen=True)
class _Estimate:
    guesses_log10: float
    reasons: list[str]
    substitutions: bool = False


def _estimate(passphrase: str, personal_words: Sequence[str]) -> _Estimate:
    personal = _personal_words(personal_words)
    measured = _plain(passphrase)[:_ZXCVBN_MAX_LENGTH]
    by_pieces = _zxcvbn_estimate(measured, personal)
    by_words = _word_estimate(measured, personal)
    return by_words if by_words.guesses_log10 < by_pieces.guesses_log10 else by_pieces


def _zxcvbn_estimate(measured: str, personal: list[str]) -> _Estimate:
    from zxcvbn import zxcvbn  # its dictionaries take a moment to load: only when a passphrase is chosen

    with _ZXCVBN_LOCK:
        result = zxcvbn(measured, user_inputs=[*personal, *_interleaved()])
    reasons: list[str] = []
    substitutions = False
    for match in result["sequence"]:
        _add(reasons, _reason(match, personal))
        substitutions = substitutions or bool(match.get("l33t"))
    return _Estimate(float(result["guesses_log10"]), reasons, substitutions)


def _reason(match: _Match, personal: list[str]) -> str | None:
    pattern = match["pattern"]
    if pattern == "dictionary":
        word = str(match.get("matched_word", ""))
        if word in personal:
            return _REASONS["personnel"]
        known = _french_list().get(word)
        category = known.category if known else _ZXCVBN_DICTIONARIES.get(str(match.get("dictionary_name")))
        return _REASONS.get(category or "")
    if pattern == "spatial":
        return _REASONS["clavier"]
    if pattern == "regex":
        return _REASONS.get(str(match.get("regex_name")))
    return _REASONS.get(pattern)


_TOKENS = re.compile(r"[^\W\d_]+|\d+|[\W_]+")
_COMMON_SEPARATORS = frozenset(" -_.,;:'/+&*!?")


def _word_estimate(measured: str, personal: list[str]) -> _Estimate:
    """Words, numbers and separators, each guessed on its own (see the module docstring)."""
    log10 = 0.0
    reasons: list[str] = []
    separators: set[str] = set()
    pieces = 0
    for token in _TOKENS.findall(measured):
        if token[0].isdigit():
            pieces += 1
            year = len(token) == 4 and 1900 <= int(token) <= 2099
            log10 += math.log10(200) if year else len(token)
            if year:
                _add(reasons, _REASONS["recent_year"])
        elif token[0].isalpha():
            pieces += 1
            guesses, reason = _word_guesses(token, personal)
            log10 += math.log10(guesses)
            _add(reasons, reason)
        elif len(token) == 1 and token in _COMMON_SEPARATORS:
            separators.add(token)
        else:
            log10 += len(token)  # unusual separators: brute force, as zxcvbn counts them
    log10 += len(separators) + math.log10(max(pieces, 1))
    return _Estimate(log10, reasons)


def _word_guesses(word: str, personal: list[str]) -> tuple[float, str | None]:
    if word in personal:
        return personal.index(word) + 1, _REASONS["personnel"]
    known = _french_list().get(word)
    if known is not None:
        return known.rank * len(_REASONS), _REASONS[known.category]
    from zxcvbn import matching

    for name, ranked in matching.RANKED_DICTIONARIES.items():
        rank = ranked.get(word)
        if rank is not None and name in _ZXCVBN_DICTIONARIES:
            return rank * len(_ZXCVBN_DICTIONARIES), _REASONS[_ZXCVBN_DICTIONARIES[name]]
    return 10.0 ** len(word), None


def _add(reasons: list[str], reason: str | None) -> None:
    if reason is not None and reason not in reasons:
        reasons.append(reason)


def estimated_guesses_log10(passphrase: str, personal_words: Sequence[str] = ()) -> float:
    """Return log10 of the guesses zxcvbn estimates an attacker needs (with the French words and the names)."""
    return _estimate(passphrase, personal_words).guesses_log10


def passphrase_problem(
    passphrase: str, confirmation: str | None = None, *, personal_words: Sequence[str] = ()
) -> str | None:
    """Return a French message saying why a new passphrase is not acceptable, or ``None``.

    Args:
        passphrase: what was typed.
        confirmation: the second typing, when there is one.
        personal_words: the names of the person and of the association (guessed first by anyone who knows
            whose laptop it is).
    """
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return f"La phrase de passe doit compter au moins {MIN_PASSPHRASE_LENGTH} caractères."
    if passphrase.strip() != passphrase:
        return "La phrase de passe ne doit pas commencer ni finir par une espace."
    estimate = _estimate(passphrase, personal_words)
    if estimate.guesses_log10 < MIN_GUESSES_LOG10:
        because = f" : elle contient {format_list(estimate.reasons)}" if estimate.reasons else ""
        substitutions = (
            " Remplacer des lettres par des chiffres ou des symboles (« @ » pour « a ») ne protège presque pas."
            if estimate.substitutions
            else ""
        )
        return (
            f"Phrase de passe trop facile à deviner{because}.{substitutions} Ajoutez un ou deux mots peu "
            "courants, sans lien avec vous ni avec l'association."
        )
    if confirmation is not None and confirmation != passphrase:
        return MISMATCH
    return None


MISMATCH = "Les deux saisies de la phrase de passe ne correspondent pas."


def passphrase_problems(passphrase: str, confirmation: str, *, personal_words: Sequence[str] = ()) -> dict[str, str]:
    """Return the problems of a new passphrase by field, for a form: ``passphrase`` (strength) or ``confirm``.

    The mismatch belongs under the second typing: the person has nothing to change in the first one.
    """
    problem = passphrase_problem(passphrase, personal_words=personal_words)
    if problem:
        return {"passphrase": problem}
    return {"confirm": MISMATCH} if confirmation != passphrase else {}
