"""The association's letterhead on every generated document: its name, address, phone, e-mail and logo.

Name and contact lines come from the association's own organisation record (edited in Paramètres); the logo is
an image stored inside the encrypted database, its document id kept in the settings.
"""

from __future__ import annotations

import io
import json

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.models import Document, Organisation, SettingValue
from caseworker.reports.document_model import Letterhead
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.documents import Attachment, new_document
from caseworker.services.errors import ValidationError
from caseworker.services.settings import LETTERHEAD_LOGO
from caseworker.services.validation import Problems

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def load_letterhead(session: Session) -> Letterhead:
    """Return the letterhead as it stands (inside the caller's session)."""
    own = session.scalar(select(Organisation).where(Organisation.is_own).limit(1))
    logo = None
    row = session.get(SettingValue, LETTERHEAD_LOGO.key)
    logo_id = json.loads(row.value_json) if row is not None else None
    if isinstance(logo_id, int):
        document = session.get(Document, logo_id)
        logo = document.content if document is not None else None
    if own is None:
        return Letterhead("Association", (), logo)
    lines = [line.strip() for line in own.address.splitlines() if line.strip()]
    contact = " · ".join(part for part in (own.phone, own.email) if part)
    if contact:
        lines.append(contact)
    return Letterhead(own.name, tuple(lines), logo)


class LetterheadService:
    """Reads the letterhead; sets or removes its logo."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def letterhead(self, session: Session | None = None) -> Letterhead:
        """Return the letterhead (in ``session`` when given, else in a short read)."""
        if session is not None:
            return load_letterhead(session)
        with self._ctx.read() as own_session:
            return load_letterhead(own_session)

    def set_logo(self, attachment: Attachment | None) -> None:
        """Store a PNG or JPEG logo (None removes it)."""
        name = ""
        if attachment is not None:
            _check_logo(attachment)
            name = _file_name(attachment)
        with self._ctx.transaction() as session:
            row = session.get(SettingValue, LETTERHEAD_LOGO.key)
            previous = json.loads(row.value_json) if row is not None else None
            new_id = None
            if attachment is not None:
                suffix = "." + attachment.filename.rsplit(".", 1)[-1].lower()
                document = new_document(
                    Attachment(name, attachment.content, LOGO_TYPES[suffix]),
                    household_id=None,
                    created_by_id=self._ctx.actor.staff_member_id,
                )
                session.add(document)
                session.flush()
                new_id = document.id
            encoded = json.dumps(new_id)
            if row is None:
                session.add(SettingValue(key=LETTERHEAD_LOGO.key, value_json=encoded))
            else:
                row.value_json = encoded
            session.flush()
            if isinstance(previous, int):
                session.execute(delete(Document).where(Document.id == previous))
            audit.record(session, self._ctx, AuditAction.UPDATE, "letterhead", None, fields=["logo"])


def _file_name(attachment: Attachment) -> str:
    problems = Problems()
    name, _media_type = problems.file("logo", attachment.filename, "", default_type="")
    problems.raise_if_any()
    return name


def _check_logo(attachment: Attachment) -> None:
    suffix = "." + attachment.filename.rsplit(".", 1)[-1].lower() if "." in attachment.filename else ""
    if suffix not in LOGO_TYPES:
        raise ValidationError({"logo": "Le logo doit être une image PNG ou JPEG."})
    if len(attachment.content) > LOGO_MAX_BYTES:
        raise ValidationError({"logo": "Le logo dépasse 2 Mo : choisissez une image plus légère."})
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(attachment.content)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError({"logo": "Ce fichier n'est pas une image lisible."}) from None
