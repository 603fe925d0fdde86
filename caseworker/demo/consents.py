"""Consents of demo households towards their current landlord (docs/domain.md §3.4, §7.3).

Each adult who is a current member decides for themself. Most agree (a signed form, filed in a place of the list
under a reference, valid twelve months, some already past their expiry date and sometimes renewed), some refuse,
some have only been asked, a few withdraw. Grown-up children still recorded as "enfant" have not been asked yet.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from caseworker.demo.batch import Batch
from caseworker.demo.draws import at_work_hours, day_between
from caseworker.demo.housing import LANDLORD_KINDS, Period
from caseworker.demo.people import CHILD_ROLES, Member
from caseworker.demo.reference import ReferenceIds
from caseworker.domain import ConsentStatus

SHARE_OF_HOUSED_HOUSEHOLDS = 0.6

_CATEGORIES = (
    ("identite", 1.0),
    ("situation_logement", 0.9),
    ("alertes", 0.7),
    ("loyer_dette", 0.55),
    ("objectifs_logement", 0.4),
)
# Where the signed form is filed: a place of the list, and its reference.
_EVIDENCE = (
    ("dossier_papier", "Dossier du ménage, chemise « Consentements »"),
    ("armoire", "Armoire des consentements, classeur {year}"),
    ("ged", "Consentements/{year}"),
)
_PURPOSES = (
    "Prévenir les impayés et coordonner le suivi du bail avec le bailleur.",
    "Échanger avec le bailleur en cas d'alerte (impayé, trouble de voisinage, problème technique).",
    "Faire le point avec le bailleur sur l'installation dans le logement.",
)
_GLISSEMENT_PURPOSE = "Préparer la commission de glissement du bail avec le bailleur."
_NOTES = {
    ConsentStatus.REFUSE: (
        "Ne souhaite pas que le bailleur connaisse sa situation pour l'instant.",
        "Refus exprimé lors de l'entretien ; à reproposer plus tard si la personne le souhaite.",
    ),
    ConsentStatus.DEMANDE: (
        "Accord oral, formulaire à faire signer à la prochaine visite.",
        "Demande expliquée, la personne souhaite réfléchir.",
    ),
    ConsentStatus.REVOQUE: (
        "Révoqué lors d'un entretien, à la demande de la personne.",
        "Retrait de l'accord après un différend avec le bailleur.",
    ),
}


class ConsentPlanner:
    """Adds consent rows (and their categories) for a household's adults."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        *,
        refs: ReferenceIds,
        validity_months: int,
        batch: Batch,
        next_consent_id: Callable[[], int],
    ) -> None:
        self._rng = rng
        self._today = today
        self._refs = refs
        self._validity = relativedelta(months=validity_months)
        self._batch = batch
        self._next_id = next_consent_id

    def plan(self, household_id: int, members: list[Member], current: Period) -> None:
        """Record consents towards the current landlord for some housed households."""
        rng = self._rng
        dwelling = current.dwelling
        if dwelling is None or dwelling.landlord.kind not in LANDLORD_KINDS:
            return
        if rng.random() >= SHARE_OF_HOUSED_HOUSEHOLDS:
            return
        purpose = _GLISSEMENT_PURPOSE if current.bail_glissant else rng.choice(_PURPOSES)
        role_id = self._refs.partner_role[dwelling.landlord.consent_role]
        for member in members:
            if member.end is not None or rng.random() < 0.08:
                continue
            earliest = max(current.start, member.start, self._today - timedelta(days=540))
            if earliest >= self._today or not member.adult_on(earliest):
                continue
            if member.role in CHILD_ROLES:
                # A grown-up child still recorded as "enfant" is an adult who must consent, but has not been
                # asked yet: the fiche navette of the household names them as missing.
                continue
            status = rng.choices(
                (ConsentStatus.ACCORDE, ConsentStatus.REFUSE, ConsentStatus.DEMANDE, ConsentStatus.REVOQUE),
                weights=(66, 12, 16, 6),
            )[0]
            row = {
                "household_id": household_id,
                "person_id": member.person_id,
                "recipient_id": dwelling.landlord.id,
                "recipient_role_id": role_id,
                "purpose": purpose,
                "covers_after_care": False,
                "evidence_note": "",
                "evidence_place_id": None,
                "evidence_reference": "",
                "status_note": "",
                "decided_on": None,
                "valid_from": None,
                "expires_on": None,
                "revoked_on": None,
            }
            if status is ConsentStatus.DEMANDE:
                asked = day_between(rng, max(earliest, self._today - timedelta(days=60)), self._today)
                self._add(row, ConsentStatus.DEMANDE, asked, note=rng.choice(_NOTES[status]))
            elif status is ConsentStatus.REFUSE:
                refused = day_between(rng, earliest, self._today)
                self._add(row, ConsentStatus.REFUSE, refused, decided_on=refused, note=rng.choice(_NOTES[status]))
            else:
                self._granted(row, status, earliest)

    def _granted(self, row: dict[str, object], status: ConsentStatus, earliest: date) -> None:
        rng = self._rng
        signed = day_between(rng, earliest, self._today)
        expires = signed + self._validity
        if status is ConsentStatus.REVOQUE:
            last = min(expires - timedelta(days=1), self._today)
            if signed + timedelta(days=5) > last:
                status = ConsentStatus.ACCORDE
            else:
                revoked = day_between(rng, signed + timedelta(days=5), last)
                self._add(
                    row,
                    status,
                    signed,
                    decided_on=signed,
                    expires_on=expires,
                    revoked_on=revoked,
                    note=rng.choice(_NOTES[status]),
                    evidence=True,
                )
                return
        covers_after_care = rng.random() < 0.2
        self._add(
            row,
            ConsentStatus.ACCORDE,
            signed,
            decided_on=signed,
            expires_on=expires,
            evidence=True,
            covers_after_care=covers_after_care,
        )
        renewal = expires + timedelta(days=rng.randint(0, 45))
        if expires < self._today and renewal <= self._today and rng.random() < 0.5:
            self._add(
                row,
                ConsentStatus.ACCORDE,
                renewal,
                decided_on=renewal,
                expires_on=renewal + self._validity,
                evidence=True,
                covers_after_care=covers_after_care,
            )

    def _add(
        self,
        template: dict[str, object],
        status: ConsentStatus,
        requested_on: date,
        *,
        decided_on: date | None = None,
        expires_on: date | None = None,
        revoked_on: date | None = None,
        note: str = "",
        evidence: bool = False,
        covers_after_care: bool = False,
    ) -> None:
        rng = self._rng
        consent_id = self._next_id()
        batch = self._batch
        batch.add(
            "consent",
            {
                **template,
                "id": consent_id,
                "status": status,
                "requested_on": requested_on,
                "decided_on": decided_on,
                "valid_from": decided_on if expires_on is not None else None,
                "expires_on": expires_on,
                "revoked_on": revoked_on,
                "status_note": note,
                **(self._filing(requested_on) if evidence else {}),
                "covers_after_care": covers_after_care,
                "created_at": at_work_hours(rng, requested_on),
            },
        )
        codes = [code for code, chance in _CATEGORIES if rng.random() < chance]
        for code in codes:
            batch.add(
                "consent_category_link",
                {"consent_id": consent_id, "category_id": self._refs.consent_category[code]},
            )

    def _filing(self, signed_on: date) -> dict[str, object]:
        """Where the signed form is filed: a place of the list and a reference."""
        place, reference = self._rng.choice(_EVIDENCE)
        return {
            "evidence_place_id": self._refs.evidence_place[place],
            "evidence_reference": reference.format(year=signed_on.year),
        }
