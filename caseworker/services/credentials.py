"""Each person's own passphrase or PIN on a shared laptop in local mode (docs/domain.md §9.3).

The store's key opens the database for whoever sits at the laptop; this credential says *who* works: switching
to another person, and unlocking the window after a pause, ask that person's own secret. Only a verifier is kept
(scrypt, memory-hard, with its parameters and salt so that they can grow later), never the secret. Failed attempts
make the next one wait (:func:`lockout_delay`), counted in the row so that restarting the program does not reset
them; every attempt is in the audit log.

In team mode the server's login is the credential (the server checks the password): this service refuses, and the
``staff_credential`` table is not even readable by the members' group.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.models import StaffCredential, StaffMember
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.identity import staff_display_name
from caseworker.storage.passphrase_strength import passphrase_problem

ADMINISTRATOR_ROLE = "administrateur"
"""The role code that may set a colleague's credential (and the auto-lock delay)."""

MIN_PIN_DIGITS = 6

SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
_SALT_BYTES = 16
_HASH_BYTES = 32
_MAX_N = 2**20  # a verifier asking more than this is not one we wrote: refuse rather than exhaust memory

FREE_FAILURES = 3
"""Failures allowed in a row before the next attempt has to wait."""
FIRST_DELAY_SECONDS = 30
MAX_DELAY_SECONDS = 15 * 60

TEAM_MODE_REFUSAL = (
    "En mode équipe, chaque personne se connecte avec le mot de passe de son identifiant sur le serveur : "
    "il n'y a pas de code personnel sur ce poste."
)


def lockout_delay(failures: int) -> int:
    """Return how many seconds the next attempt waits after ``failures`` failures in a row.

    No wait for the first three, then 30 s doubling at each further failure, at most 15 minutes: a six-digit PIN
    (10**6 values) then takes years to go through, while a person who mistypes loses little.
    """
    if failures <= FREE_FAILURES:
        return 0
    return min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS << min(failures - FREE_FAILURES - 1, 16))


def make_verifier(secret: str) -> str:
    """Return ``scrypt$n=…,r=…,p=…$salt$hash`` (base64) for ``secret``: what is stored instead of it."""
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt$n={SCRYPT_N},r={SCRYPT_R},p={SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verifier_matches(verifier: str, secret: str) -> bool:
    """Tell whether ``secret`` is the one ``verifier`` was made from (constant-time comparison)."""
    try:
        algorithm, parameters, salt_text, digest_text = verifier.split("$")
        values = dict(item.split("=", 1) for item in parameters.split(","))
        n, r, p = int(values["n"]), int(values["r"]), int(values["p"])
        salt, expected = base64.b64decode(salt_text), base64.b64decode(digest_text)
    except (ValueError, KeyError):
        return False
    if algorithm != "scrypt" or not (1 < n <= _MAX_N and 0 < r <= 32 and 0 < p <= 16) or not expected:
        return False
    return hmac.compare_digest(_scrypt(secret, salt, n, r, p, length=len(expected)), expected)


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int, *, length: int = _HASH_BYTES) -> bytes:
    # scrypt needs 128 · n · r bytes (32 MiB here): above OpenSSL's default ceiling, hence maxmem.
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r + 2**20, dklen=length)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def secret_problem(secret: str, *, personal_words: tuple[str, ...] = ()) -> str | None:
    """Return why ``secret`` cannot be a personal code, in French, or None.

    A PIN (digits only) needs at least six digits and no obvious run (111111, 123456): the waits after failures
    protect it. Anything else is a passphrase, under the one rule for passphrases (``passphrase_strength``).
    """
    if secret.isdecimal():
        if len(secret) < MIN_PIN_DIGITS:
            return f"Un code chiffré doit compter au moins {MIN_PIN_DIGITS} chiffres."
        if _is_obvious_pin(secret):
            return "Ce code est trop facile à deviner (chiffres répétés ou qui se suivent) : choisissez-en un autre."
        return None
    return passphrase_problem(secret, personal_words=personal_words)


def _is_obvious_pin(pin: str) -> bool:
    digits = [int(character) for character in pin]
    steps = {(b - a) % 10 for a, b in itertools.pairwise(digits)}
    return len(steps) == 1 and steps <= {0, 1, 9}


class CheckOutcome(Enum):
    """What an attempt gave."""

    ACCEPTED = "accepted"
    REFUSED = "refused"
    WAIT = "wait"
    """Too many failures: the attempt was not even tried (``wait_seconds`` says how long is left)."""


@dataclass(frozen=True)
class CredentialCheck:
    """The answer to one attempt, with the French message to show when it is not accepted."""

    outcome: CheckOutcome
    message: str = ""
    wait_seconds: int = 0

    @property
    def accepted(self) -> bool:
        """True when the secret was the right one."""
        return self.outcome is CheckOutcome.ACCEPTED


class CredentialService:
    """Sets, resets and checks each person's own credential (local mode only)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    @property
    def available(self) -> bool:
        """True in local mode; in team mode the server's login is the credential."""
        return not self._ctx.team_mode

    def has_credential(self, staff_id: int) -> bool:
        """Tell whether ``staff_id`` has chosen (or been given) a credential."""
        self._refuse_in_team_mode()
        with self._ctx.read() as session:
            return session.get(StaffCredential, staff_id) is not None

    def may_reset_others(self) -> bool:
        """Tell whether the person logged in is an administrateur (who sets a colleague's credential)."""
        if self._ctx.team_mode:
            return False
        with self._ctx.read() as session:
            return is_administrator(session, self._ctx.actor.staff_member_id)

    def verify(self, staff_id: int, secret: str) -> CredentialCheck:
        """Check ``secret`` against ``staff_id``'s credential, counting failures and recording the attempt."""
        self._refuse_in_team_mode()
        with self._ctx.transaction() as session:
            return self._verify_in(session, staff_id, secret)

    def set_own(self, new: str, confirmation: str, *, current: str = "") -> None:
        """Set the credential of the person logged in; ``current`` is needed when they already have one.

        A wrong ``current`` counts as a failed attempt (the form would otherwise be a way to guess without
        waiting). Fields of the refusal: ``current``, ``secret``, ``confirm``.
        """
        self._refuse_in_team_mode()
        staff_id = self._ctx.actor.staff_member_id
        if staff_id is None:
            raise TransitionError("Personne n'est connecté sur ce poste : terminez d'abord la mise en service.")
        refusal: ValidationError | None = None
        with self._ctx.transaction() as session:
            member = _staff(session, staff_id)
            self._check_new(member, new, confirmation)
            if session.get(StaffCredential, staff_id) is not None:
                check = self._verify_in(session, staff_id, current)
                if not check.accepted:
                    refusal = ValidationError({"current": check.message})  # raised once the failure is saved
            if refusal is None:
                self._store(session, staff_id, new)
        if refusal is not None:
            raise refusal

    def reset_for(self, staff_id: int, new: str, confirmation: str) -> None:
        """Give a colleague a new credential (an administrateur only), e.g. when they forgot theirs.

        The colleague's waits are lifted; they may change it once logged in (:meth:`set_own`).
        """
        self._refuse_in_team_mode()
        with self._ctx.transaction() as session:
            if not is_administrator(session, self._ctx.actor.staff_member_id):
                raise TransitionError("Seul un administrateur peut définir le code personnel d'un collègue.")
            if staff_id == self._ctx.actor.staff_member_id:
                raise TransitionError("Pour votre propre code, utilisez « Mon code personnel » : l'ancien est demandé.")
            member = _staff(session, staff_id)
            self._check_new(member, new, confirmation)
            self._store(session, staff_id, new)

    # inside a transaction ------------------------------------------------------------------------------------

    def _verify_in(self, session: Session, staff_id: int, secret: str) -> CredentialCheck:
        member = _staff(session, staff_id)
        name = staff_display_name(member.first_name, member.last_name)
        credential = session.get(StaffCredential, staff_id)
        if credential is None:
            return CredentialCheck(
                CheckOutcome.REFUSED,
                f"{name} n'a pas encore de code personnel : un administrateur peut lui en donner un (Paramètres), "
                "ou cette personne le choisit elle-même une fois connectée.",
            )
        now = self._ctx.clock.now()
        if credential.blocked_until is not None and credential.blocked_until > now:
            wait = math.ceil((credential.blocked_until - now).total_seconds())
            return CredentialCheck(CheckOutcome.WAIT, _wait_message(wait), wait)
        if verifier_matches(credential.verifier, secret):
            credential.failed_attempts = 0
            credential.blocked_until = None
            audit.record(session, self._ctx, AuditAction.LOGIN, "staff_member", staff_id)
            return CredentialCheck(CheckOutcome.ACCEPTED)
        credential.failed_attempts += 1
        delay = lockout_delay(credential.failed_attempts)
        credential.blocked_until = now + timedelta(seconds=delay) if delay else None
        audit.record(session, self._ctx, AuditAction.LOGIN_FAILED, "staff_member", staff_id)
        message = f"Code incorrect pour {name}."
        if delay:
            message += " " + _wait_message(delay)
        return CredentialCheck(CheckOutcome.REFUSED, message, delay)

    def _check_new(self, member: StaffMember, new: str, confirmation: str) -> None:
        problem = secret_problem(new, personal_words=(member.first_name, member.last_name))
        if problem:
            raise ValidationError({"secret": problem})
        if confirmation != new:
            raise ValidationError({"confirm": "Les deux saisies du code ne correspondent pas."})

    def _store(self, session: Session, staff_id: int, new: str) -> None:
        credential = session.get(StaffCredential, staff_id)
        if credential is None:
            credential = StaffCredential(staff_member_id=staff_id)
            session.add(credential)
        credential.verifier = make_verifier(new)
        credential.failed_attempts = 0
        credential.blocked_until = None
        credential.changed_at = self._ctx.clock.now()
        audit.record(session, self._ctx, AuditAction.UPDATE, "staff_credential", staff_id)

    def _refuse_in_team_mode(self) -> None:
        if self._ctx.team_mode:
            raise TransitionError(TEAM_MODE_REFUSAL)


def _staff(session: Session, staff_id: int) -> StaffMember:
    member = session.get(StaffMember, staff_id)
    if member is None:
        raise NotFoundError(f"Le professionnel n° {staff_id} n'existe pas.")
    return member


def is_administrator(session: Session, staff_id: int | None) -> bool:
    """Tell whether ``staff_id`` holds the administrateur role."""
    member = session.get(StaffMember, staff_id) if staff_id is not None else None
    return member is not None and member.role.code == ADMINISTRATOR_ROLE


def _wait_message(seconds: int) -> str:
    if seconds < 60:
        return f"Trop d'essais manqués : réessayez dans {seconds} secondes."
    minutes = math.ceil(seconds / 60)
    return f"Trop d'essais manqués : réessayez dans {minutes} minute{'s' if minutes > 1 else ''}."
