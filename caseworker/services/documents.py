"""Files kept inside the encrypted database: what a person attaches, how it is checked and stored.

A scanned consent form, a letter received with an alert, the signed copy of a contract, the letterhead's logo and
the frozen PDF of a contract sent for signature are all ``Document`` rows: the bytes, their size and SHA-256, a
file name and a media type. An :class:`Attachment` is such a file on its way in or out. Reading one back records a
``view`` audit event: see :func:`caseworker.services.audit.read_document`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from caseworker.models import Document
from caseworker.services.validation import Problems


@dataclass(frozen=True)
class Attachment:
    """A file to store inside the encrypted database, or read back from it."""

    filename: str
    content: bytes
    media_type: str = ""


def check_attachment(
    problems: Problems,
    field: str,
    attachment: Attachment,
    *,
    max_bytes: int,
    empty_message: str,
    too_large_message: str,
    default_type: str = "",
) -> Attachment:
    """Record what is wrong with an attached file under ``field``; return it with its name and type cleaned.

    The name and the media type are checked first (:meth:`Problems.file`, ``default_type`` when the chooser gave
    none), then the content: empty, or over ``max_bytes``. Each use says in its own words what to do about a file
    that is too large (scan at a lower resolution…).
    """
    name, media_type = problems.file(field, attachment.filename, attachment.media_type, default_type=default_type)
    if not attachment.content:
        problems.add(field, empty_message)
    elif len(attachment.content) > max_bytes:
        problems.add(field, too_large_message)
    return Attachment(name, attachment.content, media_type)


def new_document(attachment: Attachment, *, household_id: int | None, created_by_id: int | None) -> Document:
    """Return the ``Document`` row that stores a checked attachment (its size and SHA-256 computed here).

    The caller adds it to its session and records the audit event its use case calls for.
    """
    return Document(
        household_id=household_id,
        filename=attachment.filename,
        media_type=attachment.media_type,
        size=len(attachment.content),
        sha256=hashlib.sha256(attachment.content).hexdigest(),
        content=attachment.content,
        created_by_id=created_by_id,
    )


def attachment_of(document: Document) -> Attachment:
    """Return a stored document as a file to show or save."""
    return Attachment(document.filename, document.content, document.media_type)
