"""Stored files: the checks of an attachment and the row that keeps it."""

from __future__ import annotations

import hashlib

from caseworker.services.documents import Attachment, attachment_of, check_attachment, new_document
from caseworker.services.validation import Problems


def _check(attachment: Attachment) -> tuple[Problems, Attachment]:
    problems = Problems()
    checked = check_attachment(
        problems, "file", attachment, max_bytes=4, empty_message="vide", too_large_message="trop lourd"
    )
    return problems, checked


def test_an_empty_or_too_large_file_is_refused_in_the_callers_words() -> None:
    assert _check(Attachment("a.pdf", b""))[0].errors == {"file": "vide"}
    assert _check(Attachment("a.pdf", b"12345"))[0].errors == {"file": "trop lourd"}


def test_a_good_file_keeps_its_name_and_becomes_a_document_with_its_digest() -> None:
    problems, checked = _check(Attachment("  scan.pdf ", b"1234", "application/pdf"))
    assert not problems
    document = new_document(checked, household_id=7, created_by_id=None)
    assert (document.household_id, document.size) == (7, 4)
    assert document.sha256 == hashlib.sha256(b"1234").hexdigest()
    assert attachment_of(document) == Attachment(checked.filename, b"1234", "application/pdf")
