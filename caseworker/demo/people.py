"""The people of one demo household: names, ages, statuses, and who joined or left the household when.

Members are consistent with the composition: a single-parent family has one adult and children born at least
17 years after the parent; a couple may have lost a partner ("personne seule" after a separation); adult
children leave. Some people of the street are known only by a nickname.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from caseworker.demo.names import ORIGINS, PSEUDONYMS_MEN, PSEUDONYMS_WOMEN, Origin, french_first_names
from caseworker.services.households import ADULT_AGE, is_adult

CHILD_ROLES = frozenset({"enfant", "autre_mineur"})

_ORIGIN_WEIGHTS = [origin.weight for origin in ORIGINS]
# Reference person's age by composition: (youngest, oldest, most frequent).
_REFERENCE_AGE = {
    "personne_seule": (19, 72, 40),
    "famille_monoparentale": (20, 56, 33),
    "couple_avec_enfants": (21, 58, 36),
    "couple_sans_enfant": (19, 76, 34),
    "colocation": (19, 48, 26),
}
# Share of women among reference persons (single men are the majority of people supported alone).
_REFERENCE_WOMEN = {
    "personne_seule": 0.32,
    "famille_monoparentale": 0.88,
    "couple_avec_enfants": 0.5,
    "couple_sans_enfant": 0.5,
    "colocation": 0.4,
}
_CHILDREN = {
    "famille_monoparentale": ((1, 24), (2, 30), (3, 24), (4, 14), (5, 8)),
    "couple_avec_enfants": ((1, 15), (2, 28), (3, 27), (4, 17), (5, 9), (6, 4)),
}


@dataclass
class Member:
    """A person and their membership of the household (``end`` is None while present)."""

    person_id: int
    first_name: str
    last_name: str
    pseudonym: str
    birth_year: int | None
    woman: bool
    role: str
    start: date
    end: date | None = None
    end_reason: str = ""
    status_code: str | None = None
    deadline: date | None = None
    phone: str = ""

    def present_on(self, day: date) -> bool:
        """True when the person belonged to the household on ``day``."""
        return self.start <= day and (self.end is None or self.end >= day)

    def adult_on(self, day: date) -> bool:
        """True for an adult on ``day``, by the application's rule (``services.adults.is_adult``)."""
        return is_adult(child_role=self.role in CHILD_ROLES, birth_year=self.birth_year, on=day)


class PhoneNumbers:
    """Distinct mobile numbers in the range kept for fiction (06 39 98 xx xx), in a scrambled order."""

    def __init__(self) -> None:
        self._count = 0

    def next(self) -> str:
        """Return the next number ("06 39 98 47 12"); numbers repeat only after 10,000 of them."""
        self._count += 1
        # 7919 is prime to 10,000: the first 10,000 numbers are all different.
        value = (self._count * 7919) % 10_000
        return f"06 39 98 {value // 100:02d} {value % 100:02d}"


class PeopleFactory:
    """Invents the members of a household (ids come from ``next_person_id``)."""

    def __init__(
        self, rng: random.Random, today: date, phones: PhoneNumbers, next_person_id: Callable[[], int]
    ) -> None:
        self._rng = rng
        self._today = today
        self._phones = phones
        self._next_id = next_person_id

    # public ------------------------------------------------------------------------------------------------

    def origin(self) -> Origin:
        """Pick where a family's names come from."""
        return self._rng.choices(ORIGINS, weights=_ORIGIN_WEIGHTS)[0]

    def household(self, composition: str, entry: date, origin: Origin, *, street: bool) -> list[Member]:
        """Return the members of a new household, past and present, reference person first.

        Args:
            composition: composition code (current composition).
            entry: the day the household entered support; founding members join then.
            origin: origin of the reference person's names.
            street: the household came from the street (a nickname is then more likely).
        """
        rng = self._rng
        low, high, mode = _REFERENCE_AGE[composition]
        age = round(rng.triangular(low, high, mode))
        woman = rng.random() < _REFERENCE_WOMEN[composition]
        reference = self._adult(origin, woman, self._today.year - age, "reference", entry)
        members = [reference]
        if street and composition == "personne_seule" and rng.random() < 0.35:
            self._make_pseudonymous(reference)
        elif street and rng.random() < 0.04:
            reference.pseudonym = rng.choice(PSEUDONYMS_WOMEN if woman else PSEUDONYMS_MEN)
        elif rng.random() < 0.04:
            reference.birth_year = None
        parents = [reference]
        if composition in {"couple_avec_enfants", "couple_sans_enfant"}:
            partner = self._partner(reference, origin, entry)
            members.append(partner)
            parents.append(partner)
        elif composition in {"personne_seule", "famille_monoparentale"}:
            past_partner = 0.4 if composition == "famille_monoparentale" else 0.2
            if reference.birth_year is not None and age >= 22 and rng.random() < past_partner:
                partner = self._partner(reference, origin, entry)
                if self._leave(partner, entry, self._partner_reason(partner)):
                    members.append(partner)
                    parents.append(partner)
        elif composition == "colocation":
            for _ in range(rng.choice((1, 1, 1, 2))):
                members.append(self._flatmate(reference, entry))
            if rng.random() < 0.4:
                flatmate = self._flatmate(reference, entry)
                if self._leave(flatmate, entry, rng.choice(("Fin de la colocation", "Départ du colocataire"))):
                    members.append(flatmate)
        if composition in _CHILDREN:
            counts, weights = zip(*_CHILDREN[composition], strict=True)
            members.extend(self._children(parents, origin, entry, rng.choices(counts, weights=weights)[0]))
        if composition != "colocation" and rng.random() < 0.18:
            grown = self._grown_child_who_left(parents, origin, entry)
            if grown is not None:
                members.append(grown)
        if composition != "colocation" and rng.random() < 0.1:
            relative = self._relative(reference, origin, entry, alone=composition == "personne_seule")
            if relative is not None:
                members.append(relative)
        return members

    # adults ------------------------------------------------------------------------------------------------

    def _adult(self, origin: Origin, woman: bool, birth_year: int, role: str, start: date) -> Member:
        rng = self._rng
        pool = origin.women if woman else origin.men
        first = rng.choice(pool) if pool else rng.choice(french_first_names(birth_year, woman=woman))
        member = Member(
            person_id=0,
            first_name=first,
            last_name=rng.choice(origin.surnames),
            pseudonym="",
            birth_year=birth_year,
            woman=woman,
            role=role,
            start=start,
        )
        self._adult_status(member, origin)
        if rng.random() < 0.62:
            member.phone = self._phones.next()
        return member

    def _adult_status(self, member: Member, origin: Origin) -> None:
        rng = self._rng
        if rng.random() < 0.07:
            return
        codes, weights = zip(*origin.statuses, strict=True)
        member.status_code = rng.choices(codes, weights=weights)[0]
        member.deadline = self._deadline(member.status_code)

    def _deadline(self, status_code: str) -> date | None:
        rng = self._rng
        if status_code not in _DEADLINE_DAYS or rng.random() < 0.1:
            return None
        bands = _DEADLINE_DAYS[status_code]
        low, high = rng.choices([band for band, _ in bands], weights=[weight for _, weight in bands])[0]
        return self._today + timedelta(days=rng.randint(low, high))

    def _make_pseudonymous(self, member: Member) -> None:
        rng = self._rng
        member.pseudonym = rng.choice(PSEUDONYMS_WOMEN if member.woman else PSEUDONYMS_MEN)
        member.first_name = ""
        member.last_name = ""
        member.status_code = "inconnu" if rng.random() < 0.5 else None
        member.deadline = None
        if rng.random() < 0.7:
            member.birth_year = None
        if rng.random() < 0.5:
            member.phone = ""

    def _partner(self, reference: Member, origin: Origin, entry: date) -> Member:
        rng = self._rng
        woman = not reference.woman if rng.random() < 0.96 else reference.woman
        base = reference.birth_year or self._today.year - 40
        shift = round(rng.triangular(-4, 9, 2))  # men are on average a little older than their partner
        same_sex = woman == reference.woman
        birth_year = base + rng.randint(-6, 6) if same_sex else (base + shift if woman else base - shift)
        birth_year = min(birth_year, self._today.year - 19)
        partner_origin = origin if rng.random() < 0.8 else self.origin()
        partner = self._adult(partner_origin, woman, birth_year, "conjoint", entry)
        if partner_origin is origin and rng.random() < 0.5:
            partner.last_name = reference.last_name or partner.last_name
        return partner

    def _flatmate(self, reference: Member, entry: date) -> Member:
        rng = self._rng
        birth_year = self._today.year - round(rng.triangular(19, 50, 27))
        return self._adult(self.origin(), rng.random() < 0.4, birth_year, "autre_adulte", entry)

    def _relative(self, reference: Member, origin: Origin, entry: date, *, alone: bool) -> Member | None:
        """Return a relative hosted by the household (a brother, a grandmother…), who sometimes left since.

        A person now alone only had one in the past: None when that cannot be (entry too recent).
        """
        rng = self._rng
        birth_year = self._today.year - round(rng.triangular(18, 80, 30))
        relative = self._adult(origin, rng.random() < 0.5, birth_year, "autre_adulte", entry)
        if reference.last_name and rng.random() < 0.6:
            relative.last_name = reference.last_name
        if alone or rng.random() < 0.45:
            reason = rng.choice(("Départ d'un proche hébergé", "Fin de l'hébergement familial"))
            if not self._leave(relative, entry, reason) and alone:
                return None
        return relative

    def _partner_reason(self, partner: Member) -> str:
        rng = self._rng
        if rng.random() < 0.03:
            return "Décès"
        if rng.random() < 0.5:
            return "Séparation du couple"
        return "Départ de la conjointe" if partner.woman else "Départ du conjoint"

    def _leave(self, member: Member, entry: date, reason: str, *, earliest: date | None = None) -> bool:
        """End a membership between two months after entry and a few days ago; False when too recent."""
        first = max(entry + timedelta(days=60), earliest or entry)
        last = self._today - timedelta(days=5)
        if first > last:
            return False
        member.end = first + timedelta(days=self._rng.randint(0, (last - first).days))
        member.end_reason = reason
        return True

    # children ----------------------------------------------------------------------------------------------

    def _children(self, parents: list[Member], origin: Origin, entry: date, count: int) -> list[Member]:
        rng = self._rng
        years = [parent.birth_year for parent in parents if parent.birth_year is not None]
        mothers = [parent.birth_year for parent in parents if parent.birth_year is not None and parent.woman]
        youngest = max(years) if years else self._today.year - 35
        low = max(youngest + 17, self._today.year - 20)
        high = min(self._today.year, min(mothers) + 44 if mothers else min(years or [youngest]) + 50)
        if low > high:
            return []
        surname = self._children_surname(parents)
        # Siblings are born in different years (the list gets shorter when the parents are young).
        born = sorted(rng.sample(range(low, high + 1), min(count, high - low + 1)))
        return [self._child(origin, surname, year, entry, parents[0]) for year in born]

    def _children_surname(self, parents: list[Member]) -> str:
        rng = self._rng
        names = [parent.last_name for parent in parents if parent.last_name]
        if not names:
            return ""
        fathers = [parent.last_name for parent in parents if parent.last_name and not parent.woman]
        if len(set(names)) > 1 and rng.random() < 0.12:
            return "-".join(dict.fromkeys(names))
        if fathers and rng.random() < 0.75:
            return fathers[0]
        return names[0]

    def _child(self, origin: Origin, surname: str, birth_year: int, entry: date, parent: Member) -> Member:
        rng = self._rng
        woman = rng.random() < 0.5
        pool = origin.girls if woman else origin.boys
        if pool and rng.random() < 0.65:
            first = rng.choice(pool)
        else:
            first = rng.choice(french_first_names(birth_year, woman=woman))
        start = entry
        if birth_year >= entry.year:
            earliest = max(entry + timedelta(days=1), date(birth_year, 1, 1))
            latest = min(self._today, date(birth_year, 12, 31))
            if earliest <= latest:
                start = earliest + timedelta(days=rng.randint(0, (latest - earliest).days))
        child = Member(
            person_id=0,
            first_name=first,
            last_name=surname or rng.choice(origin.surnames),
            pseudonym="",
            birth_year=birth_year,
            woman=woman,
            role="enfant",
            start=start,
        )
        age = self._today.year - birth_year
        if age >= ADULT_AGE:
            shared = {"francais", "ue", "demandeur_asile", "protection_internationale"}
            child.status_code = parent.status_code if parent.status_code in shared else "titre_sejour"
            child.deadline = self._deadline(child.status_code)
        if age >= 15 and rng.random() < 0.5:
            child.phone = self._phones.next()
        return child

    def _grown_child_who_left(self, parents: list[Member], origin: Origin, entry: date) -> Member | None:
        rng = self._rng
        years = [parent.birth_year for parent in parents if parent.birth_year is not None]
        if not years:
            return None
        child_year_high = min(self._today.year - ADULT_AGE - 1, min(years) + 40)
        child_year_low = max(years) + 17
        if child_year_low > child_year_high:
            return None
        child = self._child(
            origin,
            self._children_surname(parents),
            rng.randint(child_year_low, child_year_high),
            entry,
            parents[0],
        )
        assert child.birth_year is not None
        child.start = entry
        reason = rng.choice(
            (
                "Enfant majeur parti (logement autonome)",
                "Enfant majeur parti (études)",
                "Enfant majeur parti (hébergé chez un proche)",
            )
        )
        of_age = date(child.birth_year + ADULT_AGE, 12, 31)
        return child if self._leave(child, entry, reason, earliest=of_age) else None

    def identify(self, members: list[Member], origin: Origin) -> None:
        """Give names to people known only by a nickname: a lease is not signed under a street name.

        The nickname stays (the team and the search still know the person by it).
        """
        rng = self._rng
        for member in members:
            if member.first_name or member.last_name:
                continue
            birth_year = member.birth_year or self._today.year - round(rng.triangular(22, 66, 43))
            named = self._adult(origin, member.woman, birth_year, member.role, member.start)
            member.first_name, member.last_name = named.first_name, named.last_name
            if rng.random() < 0.7:
                member.birth_year = birth_year
            member.status_code, member.deadline = named.status_code, named.deadline

    def assign_ids(self, members: list[Member]) -> None:
        """Give person ids in a stable order: adults first, then children from the eldest."""
        members.sort(key=lambda m: (m.role in CHILD_ROLES, m.role != "reference", m.birth_year or 0))
        for member in members:
            member.person_id = self._next_id()


# Days from today to the deadline of a status, as (band, weight): some already passed (renewal pending),
# many within the coming months (the alert the team needs), the rest later.
_DEADLINE_DAYS: dict[str, tuple[tuple[tuple[int, int], int], ...]] = {
    "titre_sejour": (((-90, -1), 12), ((0, 90), 25), ((91, 365), 28), ((366, 1095), 35)),
    "recepisse": (((-30, -1), 10), ((0, 120), 60), ((121, 180), 30)),
    "aps": (((-30, -1), 10), ((0, 180), 90)),
    "demandeur_asile": (((0, 60), 35), ((61, 300), 65)),
    "protection_internationale": (((30, 365), 20), ((366, 3650), 80)),
}
