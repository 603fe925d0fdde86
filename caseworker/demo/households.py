"""One demo household at a time: its details, members, occupancy timeline, consents and audit events."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from caseworker.demo.batch import Batch
from caseworker.demo.consents import ConsentPlanner
from caseworker.demo.draws import at_work_hours, weighted
from caseworker.demo.housing import HousingPlanner, Landlord, Period
from caseworker.demo.people import Member, PeopleFactory, PhoneNumbers
from caseworker.demo.places import CITIES, City
from caseworker.demo.reference import ReferenceIds
from caseworker.domain import AuditAction, Party
from caseworker.services.identity import household_reference
from caseworker.services.search_text import fold

FIRST_ENTRY = date(2018, 1, 2)

COMPOSITIONS = (
    ("personne_seule", 55),
    ("famille_monoparentale", 20),
    ("couple_avec_enfants", 12),
    ("couple_sans_enfant", 8),
    ("colocation", 5),
)
_SITUATIONS = {
    "alone": (
        ("rue", 22), ("squat", 6), ("chez_tiers", 14), ("urgence", 16), ("hotel", 4), ("chrs", 10),
        ("alt", 4), ("institution", 10), ("cada", 3), ("locataire_menace", 8), ("autre", 3),
    ),
    "family": (
        ("rue", 3), ("squat", 3), ("chez_tiers", 18), ("urgence", 14), ("hotel", 18), ("chrs", 10),
        ("alt", 6), ("institution", 1), ("cada", 10), ("locataire_menace", 14), ("autre", 3),
    ),
    "couple": (
        ("rue", 15), ("squat", 8), ("chez_tiers", 15), ("urgence", 12), ("hotel", 6), ("chrs", 8), ("alt", 5),
        ("institution", 3), ("cada", 5), ("locataire_menace", 15), ("autre", 3),
    ),
}  # fmt: skip
_REFERRALS = {
    "rue": (("maraude", 45), ("siao", 30), ("ccas", 10), ("autre_association", 10), ("spontane", 5)),
    "squat": (("maraude", 45), ("siao", 30), ("ccas", 10), ("autre_association", 10), ("spontane", 5)),
    "chez_tiers": (("siao", 45), ("ccas", 20), ("conseil_departemental", 10), ("autre_association", 10),
                   ("spontane", 10), ("caf", 5)),
    "urgence": (("siao", 75), ("autre_association", 10), ("ccas", 10), ("conseil_departemental", 5)),
    "hotel": (("siao", 75), ("autre_association", 10), ("ccas", 10), ("conseil_departemental", 5)),
    "chrs": (("siao", 60), ("autre_association", 35), ("autre", 5)),
    "alt": (("siao", 60), ("autre_association", 35), ("autre", 5)),
    "institution": (("hopital", 45), ("spip", 35), ("siao", 15), ("csapa", 5)),
    "cada": (("siao", 50), ("autre_association", 50)),
    "locataire_menace": (("bailleur", 45), ("ccapex", 25), ("caf", 10), ("ccas", 15),
                         ("conseil_departemental", 5)),
    "autre": (("autre", 40), ("spontane", 30), ("siao", 30)),
}  # fmt: skip
# Chance of a SIAO reference by situation before entry (about 60 % overall).
_SIAO = {
    "rue": 0.63, "squat": 0.55, "chez_tiers": 0.55, "urgence": 0.86, "hotel": 0.82, "chrs": 0.82, "alt": 0.75,
    "institution": 0.4, "cada": 0.68, "locataire_menace": 0.04, "autre": 0.27,
}  # fmt: skip
_PETS = (
    ("1 chien", 1, 45), ("2 chiens", 2, 12), ("1 chat", 1, 20), ("2 chats", 2, 8), ("1 chien, 1 chat", 2, 7),
    ("3 chats", 3, 3), ("1 chien (catégorie 2, déclaré en mairie)", 1, 3), ("1 lapin", 1, 2),
)  # fmt: skip
_CITY_WEIGHTS = [city.weight for city in CITIES]


class HouseholdFactory:
    """Adds one complete household to the current batch at each :meth:`add` call."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        *,
        refs: ReferenceIds,
        landlords: Sequence[Landlord],
        batch: Batch,
        next_id: Callable[[str], int],
        actor_staff_id: int | None,
        consent_validity_months: int,
    ) -> None:
        self._rng = rng
        self._today = today
        self._refs = refs
        self._batch = batch
        self._next_id = next_id
        self._actor = actor_staff_id
        self._people = PeopleFactory(rng, today, PhoneNumbers(), lambda: next_id("person"))
        self._housing = HousingPlanner(
            rng,
            today,
            refs=refs,
            landlords=landlords,
            batch=batch,
            next_dwelling_id=lambda: next_id("dwelling"),
        )
        self._consents = ConsentPlanner(
            rng,
            today,
            refs=refs,
            validity_months=consent_validity_months,
            batch=batch,
            next_consent_id=lambda: next_id("consent"),
        )
        self._siao_numbers: dict[tuple[str, int], int] = {}
        self._last_entry = max(FIRST_ENTRY, today - timedelta(days=14))

    def add(self) -> None:
        """Invent one household and queue its rows."""
        rng = self._rng
        household_id = self._next_id("household")
        composition = weighted(rng, COMPOSITIONS)
        group = {"personne_seule": "alone", "colocation": "alone", "couple_sans_enfant": "couple"}.get(
            composition, "family"
        )
        situation = weighted(rng, _SITUATIONS[group])
        entry = FIRST_ENTRY + timedelta(days=rng.randint(0, (self._last_entry - FIRST_ENTRY).days))
        city = rng.choices(CITIES, weights=_CITY_WEIGHTS)[0]
        street = situation in {"rue", "squat"}
        origin = self._people.origin()
        members = self._people.household(composition, entry, origin, street=street)
        periods = self._housing.timeline(situation, entry, city, members)
        if periods[-1].status in self._refs.housed_statuses:
            self._people.identify(members, origin)
        self._people.assign_ids(members)
        siao = self._siao_reference(city, entry) if rng.random() < _SIAO[situation] else ""
        pets_note, pet_count = "", 0
        if rng.random() < (0.3 if street else 0.12):
            pets_note, pet_count, _weight = rng.choices(_PETS, weights=[item[2] for item in _PETS])[0]
        last_change = max([period.start for period in periods] + [m.end or m.start for m in members])
        created_at = at_work_hours(rng, entry)
        self._batch.add(
            "household",
            {
                "id": household_id,
                "composition_type_id": self._refs.composition[composition],
                "pet_count": pet_count,
                "pets_note": pets_note,
                "situation_before_entry_id": self._refs.situation[situation],
                "referral_source_id": self._refs.referral[weighted(rng, _REFERRALS[situation])],
                "siao_reference": siao,
                "search_text": search_text(household_id, siao, members),
                "created_at": created_at,
                "updated_at": at_work_hours(rng, last_change),
            },
        )
        self._audit(created_at, "household", household_id, household_id)
        for member in members:
            self._person(household_id, member)
        for period in periods:
            self._occupancy(household_id, period)
        self._consents.plan(household_id, members, periods[-1])

    def _person(self, household_id: int, member: Member) -> None:
        rng = self._rng
        refs = self._refs
        status_id = refs.administrative_status[member.status_code] if member.status_code else None
        deadline = member.deadline if member.status_code in refs.deadline_statuses else None
        created_at = at_work_hours(rng, member.start)
        batch = self._batch
        batch.add(
            "person",
            {
                "id": member.person_id,
                "first_name": member.first_name,
                "last_name": member.last_name,
                "pseudonym": member.pseudonym,
                "birth_year": member.birth_year,
                "administrative_status_id": status_id,
                "administrative_status_deadline": deadline,
                "phone": member.phone,
                "created_at": created_at,
                "updated_at": created_at,
            },
        )
        batch.add(
            "household_membership",
            {
                "id": self._next_id("household_membership"),
                "household_id": household_id,
                "person_id": member.person_id,
                "role_id": refs.member_role[member.role],
                "start_date": member.start,
                "end_date": member.end,
                "end_reason": member.end_reason,
            },
        )
        self._audit(created_at, "person", member.person_id, household_id)

    def _occupancy(self, household_id: int, period: Period) -> None:
        rng = self._rng
        lease_holder, apl_recipient = HousingPlanner.parties(period.status)
        if apl_recipient is Party.BAILLEUR and period.status == "locataire_titre" and rng.random() < 0.3:
            apl_recipient = Party.MENAGE
        self._batch.add(
            "occupancy",
            {
                "id": self._next_id("occupancy"),
                "household_id": household_id,
                "dwelling_id": period.dwelling.id if period.dwelling else None,
                "status_id": self._refs.occupancy_status[period.status],
                "change_reason_id": self._refs.change_reason[period.reason],
                "start_date": period.start,
                "end_date": period.end,
                "note": period.note,
                "concerted": period.concerted,
                "household_agreement": period.agreement,
                "bail_glissant": period.bail_glissant,
                "lease_holder": lease_holder,
                "apl_recipient": apl_recipient,
                "created_at": at_work_hours(rng, period.start),
            },
        )

    def _audit(self, at: datetime, entity_type: str, entity_id: int, household_id: int) -> None:
        self._batch.add(
            "audit_event",
            {
                "id": self._next_id("audit_event"),
                "at": at,
                "staff_member_id": self._actor,
                "action": AuditAction.CREATE,
                "entity_type": entity_type,
                "entity_id": entity_id,
                "household_id": household_id,
                "fields": "",
            },
        )

    def _siao_reference(self, city: City, entry: date) -> str:
        """Return a reference such as "SIAO-35-2024-00123" (registered in the year of entry or before)."""
        rng = self._rng
        year = entry.year - (1 if rng.random() < 0.3 else 0)
        key = (city.department, year)
        number = self._siao_numbers.get(key, rng.randint(1, 40)) + rng.randint(1, 9)
        self._siao_numbers[key] = number
        return f"SIAO-{city.department}-{year}-{number:05d}"


def search_text(household_id: int, siao_reference: str, members: Sequence[Member]) -> str:
    """Return what :func:`caseworker.services.households.refresh_search_text` stores for these members."""
    parts = [household_reference(household_id), siao_reference]
    for member in sorted(members, key=lambda item: item.person_id):
        parts.extend((member.first_name, member.last_name, member.pseudonym))
    return fold(" ".join(part for part in parts if part))
