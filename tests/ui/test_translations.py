"""The French catalogue is complete: every tr()/translate() string of the sources is translated, with the same
placeholders, and the compiled catalogue loads."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "i18n" / "caseworker_fr.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n|%\d")


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            found[(name, message.findtext("source", ""))] = message
    return found


def _lupdate() -> str:
    for name in ("pyside6-lupdate",):
        path = shutil.which(name) or str(Path(__import__("sys").executable).parent / name)
        if Path(path).exists():
            return path
    pytest.fail("pyside6-lupdate not found next to the interpreter")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], ET.Element]:
    target = tmp_path_factory.mktemp("lupdate") / "extracted.ts"
    sources = [str(path) for path in sorted((ROOT / "caseworker" / "ui").rglob("*.py"))]
    sources.append(str(ROOT / "caseworker" / "app.py"))
    subprocess.run([_lupdate(), *sources, "-ts", str(target), "-locations", "none"], check=True, capture_output=True)
    return _messages(target)


def test_sources_have_strings(extracted):
    assert len(extracted) > 150


def test_every_source_string_is_in_the_catalogue(extracted):
    catalogue = _messages(CATALOGUE)
    missing = [f"{context}: {source!r}" for context, source in extracted if (context, source) not in catalogue]
    assert missing == [], "run `make lupdate` and translate the new entries"


def test_every_catalogue_entry_is_still_found_in_the_sources(extracted):
    # A string lupdate cannot see (a translate() call with a variable context, a wrapper) keeps working until the
    # next `make lupdate` drops its entry (-no-obsolete) and the screen turns English.
    stale = [f"{context}: {source!r}" for context, source in _messages(CATALOGUE) if (context, source) not in extracted]
    assert stale == [], "write literal tr()/translate() calls, or run `make lupdate` for strings that are gone"


def test_every_string_is_translated_with_matching_placeholders():
    problems = []
    for (context, source), message in _messages(CATALOGUE).items():
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{context}: {source!r} is {translation.get('type')}")
            continue
        forms = [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]
        for text in forms:
            if not text.strip():
                problems.append(f"{context}: {source!r} has an empty translation")
            elif sorted(set(PLACEHOLDER.findall(text))) != sorted(set(PLACEHOLDER.findall(source))):
                problems.append(f"{context}: {source!r} → {text!r}: placeholders differ")
            if source.count("&") - source.count("&&") != text.count("&") - text.count("&&"):
                problems.append(f"{context}: {source!r} → {text!r}: keyboard accelerator (&) lost or added")
    assert problems == []


def test_compiled_catalogue_loads_and_translates(qapp):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from caseworker.ui.i18n import CATALOGUE as COMPILED

    compiled = ROOT / "resources" / "i18n" / COMPILED
    assert compiled.exists(), "run `make translations`"
    translator = QTranslator()
    assert translator.load(str(compiled))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("HouseholdListPanel", "Households") == "Ménages"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_french_translations_read_right():
    """Terms the application uses everywhere, and French typography: a proofread that stays proofread."""
    catalogue = _messages(CATALOGUE)

    def french(context: str, source: str) -> str:
        return catalogue[(context, source)].findtext("translation", "")

    assert french("SignatoryTableModel", "How") == "Mode de signature"
    assert french("SignatureDialog", "&How:") == "&Mode de signature :"
    assert french("ObjectiveDialog", "Next &review:") == "Prochain &bilan :"  # reviews are "bilans" everywhere
    assert french("MyHouseholdsTableModel", "Measures") == "Dispositifs"  # measures are "dispositifs"
    assert french("StageDialog", "Next stage") == "Stade suivant"  # procedure stages are "stades"
    slips = {
        r"\b[Dd]e (le|les)\b": "« de le »",
        r"\b[Àà] (le|les)\b": "« à le »",
        r"\b(à|de|par) \{(landlord|recipient)\}": "an organisation name after a preposition",
        r"\b[Dd]e \{(first|start|month)\}": "« de » before a month that may start with a vowel (avril)",
        r"[^\s\d&][;:!?](?=\s|$)": "no space before ; : ! ?",
        r"«\S|\S»": "no space inside « »",
        r"\S  +\S": "two spaces",
    }
    problems = []
    for (context, source), message in catalogue.items():
        translation = message.find("translation")
        assert translation is not None
        for text in [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]:
            problems.extend(
                f"{context}: {source!r} → {text!r}: {what}"
                for pattern, what in slips.items()
                if re.search(pattern, text)
            )
    assert problems == []
