"""The check an exit narrative passes before the qualitative export: nothing of the household's record (§13, F68).

An exit narrative is written "in the household's words" and may name anyone. Before a funder reads it, it is
checked against what the store knows of that household — its persons' names and pseudonyms, their years of birth
and phone numbers, its dwellings' addresses, postcodes and towns, its SIAO reference, numéro unique and household
number, the names of its partner contacts and of the association's staff — and against identifiers whatever their
source: a date to the day, a phone number (``phonenumbers``, France and overseas), an e-mail address, a number and
street, a postcode and town.

How terms match (docs/domain.md §13): case and accents are ignored on both sides ("Hélène" finds "HELENE" and
"helene"), and a term matches whole words only ("Marie" finds "Marie-Claire" and "d'Marie", never "mariée" or
"Mariam"). A word differing from a name only by its accents matches it ("marié" for "Marie"): the check prefers a
reformulation asked for nothing to a name let through. A name of several words matches with any spacing, hyphen or
apostrophe between them, and each of its words of three letters or more matches alone (particles such as "de",
"le", "ben" aside). The check is conservative on purpose: a narrative it flags is reworded, never exported as is.

Nothing here logs: the findings (what, where, the words matched) go back to the caller only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import phonenumbers

from caseworker.domain.narratives import FindingKind

PHONE_REGIONS = ("FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC")
"""Metropolitan France and the overseas regions and collectivities whose numbers a narrative may hold."""

# fmt: off
NAME_PARTICLES = frozenset({
    "de", "du", "des", "la", "le", "les", "d", "l", "van", "von", "der", "den", "el", "al", "ben", "bin", "ibn",
    "da", "di", "do", "dos", "das", "del", "della", "y", "e", "et", "saint", "sainte", "st",
})
# fmt: on
"""Words of a name too common to match alone (the whole name still matches)."""

MIN_PART = 3
"""A word of a name matches alone from three letters ("Li" matches only as the whole name)."""

_SEPARATORS = r"[\s'.\-]*"
_APART = r"[\s'.\-]+"  # at least one: a name written apart, never the name itself
_MONTHS = (
    r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
    r"|janv|fevr|fev|avr|juil|sept|oct|nov|dec"
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.\-])(?:0?[1-9]|[12]\d|3[01])\s?([/.\-])\s?(?:0?[1-9]|1[0-2])\s?\1\s?(?:\d{4}|\d{2})(?![\d/.\-]?\d)"
)
_ISO_DATE = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)")
_WORDED_DATE = re.compile(
    rf"(?<!\w)(?:1er|premier|0?[1-9]|[12]\d|3[01])\s+(?:{_MONTHS})(?!\w)\.?(?:\s+(?:\d{{4}}|\d{{2}})(?!\d))?"
)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_STREET_TYPES = (
    r"rue|avenue|av|bd|boulevard|allee|impasse|chemin|route|quai|square|residence|lotissement|passage|sentier"
    r"|esplanade|faubourg|hameau|lieu-dit|rond-point|promenade|parvis|ruelle|traverse|montee|cite|place|chaussee"
)
# "12 rue", "3 bis, avenue": a number then a kind of street (on the folded text).
_NUMBERED_STREET = re.compile(
    rf"(?<![\w,])\d{{1,4}}\s*(?:bis|ter|quater|[a-d])?\s*,?\s*(?:{_STREET_TYPES})(?!\w)\.?(?:\s+[\w'\-]+){{0,4}}"
)
# "rue Victor Hugo", "place de la République": a kind of street then a capitalised name (on the text as written).
_NAMED_STREET = re.compile(
    r"(?<!\w)(?i:rue|avenue|av\.|bd|boulevard|all[ée]e|impasse|chemin|route|quai|cours|square|r[ée]sidence"
    r"|lotissement|passage|sentier|esplanade|faubourg|hameau|lieu-dit|rond-point|promenade|parvis|ruelle"
    r"|traverse|mont[ée]e|cit[ée]|place|chauss[ée]e)"
    r"\s+(?:(?i:de\s+la|de\s+l'|de|du|des|d'|l'|la|le|les)\s*)?[A-ZÀ-ÖØ-Þ][\w'\-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'\-]*){0,3}"
)
# "35000 Rennes", "97400 Saint-Denis": a French postcode then a capitalised town.
_POSTCODE_TOWN = re.compile(r"(?<![\d\w])(?:0[1-9]|[1-8]\d|9[0-8]|2[AB])\d{3}\s+[A-ZÀ-ÖØ-Þ][\w'\-]+")
_DIGIT_RUN = re.compile(r"(?<!\d)\+?\d(?:[\s.\-]?\d){7,}(?!\d)")
_HOUSEHOLD_NUMBER = re.compile(r"^m-0*(\d+)$")
_ABBREVIATIONS = {"saint": "(?:saint|st)", "sainte": "(?:sainte|ste)"}
_LEADING_NUMBER = re.compile(r"^\d{1,4}\s*(?:bis|ter|quater|[a-d])?(?!\w)[\s,]*")


@dataclass(frozen=True)
class HouseholdRecord:
    """What the store knows of one household that its narrative must not repeat (plain text, as stored)."""

    member_names: tuple[str, ...] = ()
    birth_years: tuple[int, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    towns: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    partner_names: tuple[str, ...] = ()
    staff_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """Something a narrative may not carry: its kind, where it is (``text[start:end]``) and the words found."""

    kind: FindingKind
    start: int
    end: int
    term: str


def check_narrative(text: str, record: HouseholdRecord) -> tuple[Finding, ...]:
    """The findings of ``text`` against ``record`` and the generic identifiers, in reading order (none: it passes)."""
    return NarrativeCheck(record).findings(text)


class NarrativeCheck:
    """The terms of one household compiled once, to check its narratives (an exit per support)."""

    def __init__(self, record: HouseholdRecord) -> None:
        self._record = record
        self._patterns: list[tuple[FindingKind, re.Pattern[str]]] = []
        for kind, pattern in (
            (FindingKind.MEMBER_NAME, _names_pattern(record.member_names)),
            (FindingKind.PARTNER_NAME, _names_pattern(record.partner_names)),
            (FindingKind.STAFF_NAME, _names_pattern(record.staff_names)),  # the same for every household: compiled once
            (FindingKind.ADDRESS, _alternation(_address_terms(record.addresses))),
            (FindingKind.TOWN, _alternation(_phrases(record.towns))),
            (FindingKind.REFERENCE, _alternation(_reference_terms(record.references))),
            (FindingKind.EMAIL, _alternation(_phrases(record.emails))),
        ):
            if pattern is not None:
                self._patterns.append((kind, pattern))
        numbers = [(FindingKind.POSTCODE, str(code).strip()) for code in record.postcodes if code.strip()]
        numbers += [(FindingKind.BIRTH_YEAR, str(year)) for year in record.birth_years]
        for kind, digits in numbers:
            self._patterns.append((kind, re.compile(rf"(?<![\d\w]){re.escape(fold(digits))}(?![\d\w])")))
        self._phone_tails = {tail for tail in (_phone_tail(phone) for phone in record.phones) if tail}

    def findings(self, text: str) -> tuple[Finding, ...]:
        """Every finding in ``text``, in reading order, each kind and place once."""
        folded, origin = _folded(text)
        found: dict[tuple[FindingKind, int, int], None] = {}

        def add(kind: FindingKind, start: int, end: int) -> None:
            if end > start:
                found[(kind, start, end)] = None

        def add_folded(kind: FindingKind, match: re.Match[str]) -> None:
            start, end = match.span()
            add(kind, origin[start], origin[end - 1] + 1)

        for kind, pattern in self._patterns:
            for match in pattern.finditer(folded):
                add_folded(kind, match)
        for pattern in (_NUMERIC_DATE, _ISO_DATE, _WORDED_DATE):
            for match in pattern.finditer(folded):
                add_folded(FindingKind.DATE, match)
        for match in _NUMBERED_STREET.finditer(folded):
            add_folded(FindingKind.STREET, match)
        for pattern in (_NAMED_STREET, _POSTCODE_TOWN):
            for match in pattern.finditer(text):
                add(FindingKind.STREET, *match.span())
        for match in _EMAIL.finditer(text):
            add(FindingKind.EMAIL, *match.span())
        for start, end in _phone_spans(text):
            add(FindingKind.PHONE, start, end)
        for match in _DIGIT_RUN.finditer(text):
            if _phone_tail(match.group()) in self._phone_tails:
                add(FindingKind.PHONE, *match.span())
        return tuple(
            Finding(kind, start, end, text[start:end].strip())
            for kind, start, end in sorted(found, key=lambda key: (key[1], key[2], key[0].value))
        )


# ---------------------------------------------------------------------------------------------------- folding


def fold(text: str) -> str:
    """The search's folding (:func:`caseworker.services.search_text.fold`): lower case, no accents.

    Imported when first used: the services package, which that module's import loads, imports this one.
    """
    from caseworker.services.search_text import fold as search_fold

    return search_fold(text)


@functools.lru_cache(maxsize=4096)
def _fold_character(character: str) -> str:
    if unicodedata.category(character) == "Cf":
        return ""  # a soft hyphen or a zero-width space inside a name ("Du\u00adpont") hides nothing
    return " " if character.isspace() else fold(character)


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded as the search folds it (lower case, no accents), and where each folded character came from.

    Folding may lengthen a character ("œ" → "oe") or empty it (a lone combining accent): the positions let a
    finding point at the text as written.
    """
    pieces: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text):
        piece = _fold_character(character)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return "".join(pieces), origin


# ---------------------------------------------------------------------------------------------------- terms


def _runs(value: str) -> list[str]:
    """The words of a folded value (letters and digits)."""
    return re.findall(r"[^\W_]+", fold(value))


def _phrase(runs: list[str]) -> str:
    """A pattern of words with any spacing, hyphen, dot or apostrophe between them ("Saint" also written "St")."""
    return _SEPARATORS.join(_ABBREVIATIONS.get(run, re.escape(run)) for run in runs)


def _phrases(values: Iterable[str]) -> Iterator[str]:
    for value in values:
        runs = _runs(value)
        if runs and len("".join(runs)) >= 2:
            yield _phrase(runs)


def _name_terms(names: Iterable[str]) -> Iterator[str]:
    """Each name whole, and each of its words of three letters or more that is not a particle."""
    for name in names:
        runs = [run for run in _runs(name) if not run.isdigit()]
        if not runs or len("".join(runs)) < 2:
            continue
        yield _phrase(runs)
        for run in runs:
            if len(run) >= MIN_PART and run not in NAME_PARTICLES:
                yield re.escape(run)
            # Stored joined, written apart: « Ndiaye » as « N'Diaye », « Legoff » as « Le Goff ».
            if len(run) >= MIN_PART + 2 and not run.isdigit():
                yield "|".join(f"{re.escape(run[:cut])}{_APART}{re.escape(run[cut:])}" for cut in (1, 2, 3))


@functools.lru_cache(maxsize=64)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """The pattern of these names (kept: the staff's is every household's)."""
    return _alternation(_name_terms(names))


def _address_terms(addresses: Iterable[str]) -> Iterator[str]:
    """Each address whole, each of its lines, and each line's street without its number ("rue des Lilas")."""
    for address in addresses:
        lines = [line for line in re.split(r"[\n,;]", address) if line.strip()]
        yield from _phrases([address, *lines])
        for line in lines:
            street = _LEADING_NUMBER.sub("", fold(line).strip())
            runs = _runs(street)
            if street != fold(line).strip() and len(runs) >= 2:
                yield _phrase(runs)


def _reference_terms(references: Iterable[str]) -> Iterator[str]:
    """Each reference whole; a household number ("M-000042") also as "M42", "M 000042"."""
    for reference in references:
        number = _HOUSEHOLD_NUMBER.match(fold(reference).strip())
        if number is not None:
            yield rf"m{_SEPARATORS}0*{number.group(1)}"
        else:
            yield from _phrases([reference])


def _alternation(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern of whole-word terms, longest first (a name before its words)."""
    unique = sorted(set(terms), key=lambda term: (-len(term), term))
    if not unique:
        return None
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(unique)})(?![^\W_])")


# ---------------------------------------------------------------------------------------------------- phones


def _phone_spans(text: str) -> set[tuple[int, int]]:
    """Where ``text`` holds a phone number: any of France's (even a digit short), or a valid overseas one."""
    spans = set()
    for region in PHONE_REGIONS:
        leniency = phonenumbers.Leniency.POSSIBLE if region == "FR" else phonenumbers.Leniency.VALID
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=leniency):
            spans.add((match.start, match.end))
    return spans


def _phone_tail(number: str) -> str:
    """The last nine digits of a number (its subscriber part in France: "06 12…" and "+33 6 12…" agree)."""
    digits = re.sub(r"\D", "", number)
    return digits[-9:] if len(digits) >= 8 else ""
