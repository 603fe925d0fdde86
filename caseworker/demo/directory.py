"""The demo directory: the association, landlords and partners with their contacts, and the team.

Organisations already present under the same name are reused (generating twice does not duplicate the
directory), and the association's own organisation from the first-run wizard is kept as it is.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.demo.batch import Batch
from caseworker.demo.housing import Landlord
from caseworker.demo.names import STAFF_MEN, STAFF_SURNAMES, STAFF_WOMEN
from caseworker.demo.places import (
    DEPARTMENTS,
    LANDLORDS,
    OWN_ASSOCIATION,
    OWN_STAFF,
    PARTNER_ASSOCIATIONS,
    PARTNER_STAFF,
    PARTNERS,
    OrganisationSeed,
)
from caseworker.demo.reference import ReferenceIds
from caseworker.domain import Civility
from caseworker.models import Organisation, StaffMember

# The directory is dated before the first households arrive.
_CREATED_ON = date(2017, 11, 6)

# A service following thousands of households needs more than the core team of ``OWN_STAFF``: about forty
# people, mostly social workers (who coordinate), four team leads, peers, a nurse and a psychologist.
ADDITIONAL_OWN_STAFF: tuple[tuple[str, int], ...] = (
    ("chef_service", 100),
    ("chef_service", 100),
    ("chef_service", 80),
    *(("travailleur_social", fte) for fte in (100, 100, 80, 100, 90, 100, 100, 50, 100, 80)),
    *(("travailleur_social", fte) for fte in (100, 70, 100, 100, 80, 100, 60, 100, 90)),
    ("travailleur_pair", 80),
    ("infirmier", 100),
)
OWN_TEAM: tuple[tuple[str, int], ...] = OWN_STAFF + ADDITIONAL_OWN_STAFF


@dataclass
class DirectoryResult:
    """What the directory step created, and the landlords households can be housed with."""

    landlords: list[Landlord] = field(default_factory=list)
    own_organisation_id: int = 0
    organisations: int = 0
    staff: int = 0


class DirectoryBuilder:
    """Adds organisations, partner contacts and staff rows to a batch."""

    def __init__(self, rng: random.Random, refs: ReferenceIds, batch: Batch, next_id: Callable[[str], int]) -> None:
        self._rng = rng
        self._refs = refs
        self._batch = batch
        self._next_id = next_id
        self._used_names: set[tuple[str, str]] = set()
        self._phone_count = 0

    def build(self, session: Session) -> DirectoryResult:
        """Create what is missing and return the landlords (existing rows are read in ``session``)."""
        result = DirectoryResult()
        existing = {name: org_id for name, org_id in session.execute(select(Organisation.name, Organisation.id))}
        own_id = session.scalar(
            select(Organisation.id).where(Organisation.is_own.is_(True)).order_by(Organisation.id).limit(1)
        )
        if own_id is None:
            own_id = existing.get(OWN_ASSOCIATION.name) or self._organisation(OWN_ASSOCIATION, result, is_own=True)
        result.own_organisation_id = own_id
        result.landlords.append(Landlord(own_id, "association", tuple(DEPARTMENTS), "direction"))
        for seed in LANDLORDS:
            org_id = existing.get(seed.name) or self._organisation(seed, result)
            consent_role = seed.contact_roles[0] if seed.contact_roles else "gestion_locative"
            result.landlords.append(Landlord(org_id, seed.kind, seed.departments, consent_role))
        for seed in PARTNERS:
            if seed.name not in existing:
                self._organisation(seed, result)
        # A team whose e-mail domain is already in the directory was created by an earlier generation.
        known_domains = {email.partition("@")[2] for email in session.scalars(select(StaffMember.email))}
        if OWN_ASSOCIATION.domain not in known_domains:
            self._staff(own_id, OWN_TEAM, OWN_ASSOCIATION.domain, result)
        for seed, team in zip(PARTNER_ASSOCIATIONS, PARTNER_STAFF, strict=True):
            org_id = existing.get(seed.name) or self._organisation(seed, result)
            if seed.domain not in known_domains:
                self._staff(org_id, team, seed.domain, result)
        return result

    def _organisation(self, seed: OrganisationSeed, result: DirectoryResult, *, is_own: bool = False) -> int:
        rng = self._rng
        org_id = self._next_id("organisation")
        created_at = datetime.combine(_CREATED_ON, time(9, rng.randint(0, 59)), tzinfo=timezone.utc)
        self._batch.add(
            "organisation",
            {
                "id": org_id,
                "name": seed.name,
                "kind_id": self._refs.organisation_kind[seed.kind],
                "territory": seed.territory,
                "former_names": "",
                "phone": self._landline(),
                "email": f"contact@{seed.domain}",
                "address": f"{rng.randint(1, 60)} {rng.choice(('rue', 'boulevard', 'avenue'))} "
                f"{rng.choice(('de la Liberté', 'Jean Jaurès', 'de Strasbourg', 'du Général Leclerc'))}",
                "is_own": is_own,
                "active": True,
                "created_at": created_at,
            },
        )
        result.organisations += 1
        for index, role in enumerate(seed.contact_roles):
            first, last, woman = self._person_name()
            self._batch.add(
                "partner_contact",
                {
                    "id": self._next_id("partner_contact"),
                    "organisation_id": org_id,
                    "civility": Civility.MADAME if woman else Civility.MONSIEUR,
                    "first_name": first,
                    "last_name": last,
                    "role_id": self._refs.partner_role[role],
                    "phone": self._landline(),
                    "email": _email(first, last, seed.domain),
                    "is_referent": index == 0,
                    "active": True,
                    "created_at": created_at,
                },
            )
        return org_id

    def _staff(
        self, organisation_id: int, team: tuple[tuple[str, int], ...], domain: str, result: DirectoryResult
    ) -> None:
        for role, fte in team:
            first, last, _woman = self._person_name()
            email = _email(first, last, domain)
            self._batch.add(
                "staff_member",
                {
                    "id": self._next_id("staff_member"),
                    "first_name": first,
                    "last_name": last,
                    "role_id": self._refs.staff_role[role],
                    "organisation_id": organisation_id,
                    "fte_percent": fte,
                    "phone": self._landline(),
                    "email": email,
                    "active": True,
                    "created_at": datetime.combine(_CREATED_ON, time(10, 0), tzinfo=timezone.utc),
                },
            )
            result.staff += 1

    def _person_name(self) -> tuple[str, str, bool]:
        """Return an unused first name and surname, and whether the first name is a woman's."""
        rng = self._rng
        while True:
            woman = rng.random() < 0.65
            first = rng.choice(STAFF_WOMEN if woman else STAFF_MEN)
            last = rng.choice(STAFF_SURNAMES)
            if (first, last) not in self._used_names:
                self._used_names.add((first, last))
                return first, last, woman

    def _landline(self) -> str:
        """Return a Breton landline number from the range kept for fiction (02 61 91 xx xx)."""
        self._phone_count += 1
        value = (self._phone_count * 7919) % 10_000
        return f"02 61 91 {value // 100:02d} {value % 100:02d}"


def _email(first: str, last: str, domain: str) -> str:
    """Return "prenom.nom@domain" without accents, spaces or apostrophes."""
    text = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return f"{plain}@{domain}"
