"""The one-time enrolment code that lets a laptop join the team's server (docs/domain.md §9.2).

The administrator makes a code for one person (``caseworker server add-user``). It says where the server is, the
person's login, a one-time password and the fingerprint of the association's certificate authority, and it
expires (7 days by default: the server refuses the one-time password after that, ``VALID UNTIL``). Joining checks
that the CA file given with the code is the one the administrator meant, connects with verified TLS, replaces the
one-time password by the person's own at once, and pins the CA on the laptop. Once used, the code opens nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from caseworker.errors import DatabaseStateError
from caseworker.storage.server import ServerAddress

CODE_PREFIX = "CW1-"
_FINGERPRINT_CHARS = 32  # 128 bits of the SHA-256 of the CA certificate: enough to tell a substituted CA


def ca_fingerprint(certificate_pem: bytes) -> str:
    """Return the SHA-256 of the CA certificate's DER form, in hexadecimal (as ``openssl x509 -fingerprint``)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        certificate = x509.load_pem_x509_certificate(certificate_pem)
    except ValueError:
        raise DatabaseStateError(
            "Le fichier de l'autorité de certification n'est pas un certificat PEM lisible."
        ) from None
    return hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()


@dataclass(frozen=True)
class EnrolmentCode:
    """What one code carries. ``one_time_password`` is never shown by ``repr``."""

    address: ServerAddress
    login: str
    one_time_password: str = field(repr=False)
    ca_fingerprint: str
    expires_at: datetime

    @classmethod
    def new(cls, address: ServerAddress, login: str, ca_pem: bytes, expires_at: datetime) -> EnrolmentCode:
        """A code with a fresh random one-time password (160 bits)."""
        return cls(address, login, secrets.token_urlsafe(20), ca_fingerprint(ca_pem), expires_at)

    def text(self) -> str:
        """The code as the administrator hands it over: ``CW1-`` then URL-safe base64, no spaces."""
        payload = {
            "h": self.address.host,
            "p": self.address.port,
            "d": self.address.database,
            "l": self.login,
            "s": self.one_time_password,
            "f": self.ca_fingerprint[:_FINGERPRINT_CHARS],
            "e": self.expires_at.isoformat(timespec="seconds"),
        }
        raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=True).encode("ascii")
        return CODE_PREFIX + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @classmethod
    def parse(cls, text: str) -> EnrolmentCode:
        """Read a code as typed or pasted (spaces and line breaks ignored).

        Raises:
            DatabaseStateError: with a French message when the text is not a code.
        """
        compact = "".join(text.split())
        if not compact.upper().startswith(CODE_PREFIX):
            raise DatabaseStateError("Ce n'est pas un code d'inscription caseworker (il commence par « CW1- »).")
        body = compact[len(CODE_PREFIX) :]
        try:
            payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            fingerprint = str(payload["f"]).lower()
            if not re.fullmatch(f"[0-9a-f]{{{_FINGERPRINT_CHARS}}}", fingerprint):
                raise ValueError("fingerprint")  # an empty one would accept any authority
            return cls(
                ServerAddress(str(payload["h"]), int(payload["p"]), str(payload["d"])),
                str(payload["l"]),
                str(payload["s"]),
                fingerprint,
                datetime.fromisoformat(str(payload["e"])),
            )
        except DatabaseStateError:
            raise
        except (ValueError, KeyError, TypeError, json.JSONDecodeError):
            raise DatabaseStateError(
                "Code d'inscription illisible : vérifiez qu'il a été copié en entier, sans caractère en plus."
            ) from None

    def check_authority(self, ca_pem: bytes) -> None:
        """Refuse a CA file other than the one the administrator made the code for."""
        if not ca_fingerprint(ca_pem).startswith(self.ca_fingerprint.lower()):
            raise DatabaseStateError(
                "Ce certificat d'autorité n'est pas celui de votre association : le code a été fait pour un autre. "
                "Demandez le bon fichier à la personne qui administre le serveur ; rien n'a été enregistré."
            )
