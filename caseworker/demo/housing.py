"""Occupancy timelines and dwellings of demo households (docs/domain.md §3.2).

A timeline is a walk through the occupancy state machine: the first period is the situation at entry, each
following one uses a change reason whose guard the new period satisfies (from/to statuses, same or different
dwelling, bail glissant, concerted step-back with the household's agreement, a note for "autre"). Periods are
contiguous: each ends the day before the next starts, and the last one stays open.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from caseworker.demo.batch import Batch
from caseworker.demo.draws import at_work_hours, weighted
from caseworker.demo.people import Member
from caseworker.demo.places import CITIES, DWELLING_NOTES, STREETS, City
from caseworker.demo.reference import ReferenceIds
from caseworker.domain import Party
from caseworker.services.calendar import winter_truce

LANDLORD_KINDS = frozenset({"bailleur_social", "bailleur_prive", "ais"})
MAX_PERIODS = 5


@dataclass(frozen=True)
class Landlord:
    """A landlord the generator can place dwellings with (``association`` for the association's own stock)."""

    id: int
    kind: str
    departments: tuple[str, ...]
    consent_role: str


@dataclass(frozen=True)
class DwellingPlan:
    """A dwelling created for a household."""

    id: int
    landlord: Landlord
    city: City


@dataclass
class Period:
    """One occupancy period (``end`` is derived from the next period's start)."""

    status: str
    reason: str
    start: date
    dwelling: DwellingPlan | None = None
    concerted: bool = False
    agreement: bool = False
    bail_glissant: bool = False
    note: str = ""
    end: date | None = None


# First status from the situation before entry.
FIRST_STATUS = {
    "rue": "sans_abri",
    "squat": "squat",
    "chez_tiers": "heberge_tiers",
    "urgence": "hebergement_urgence",
    "hotel": "hebergement_urgence",
    "chrs": "hebergement_insertion",
    "alt": "logement_temporaire",
    "institution": "institution",
    "cada": "cada",
    "locataire_menace": "locataire_titre",
    "autre": "autre",
}

# Days a period usually lasts before the next change: (shortest, longest).
_DURATION = {
    "sans_abri": (20, 200),
    "squat": (30, 240),
    "heberge_tiers": (30, 300),
    "hebergement_urgence": (20, 240),
    "hebergement_insertion": (90, 500),
    "institution": (20, 240),
    "cada": (60, 400),
    "autre": (30, 200),
    "logement_temporaire": (120, 540),
    "intermediaire": (180, 540),
    "sous_locataire": (270, 900),
    "locataire_titre": (300, 1500),
    "locataire_mandat": (300, 1200),
    "colocation": (180, 720),
    "logement_accompagne": (240, 1100),
    "logement_adapte": (240, 1100),
    "occupant_sans_titre": (60, 400),
}
# Chance that another change follows: ordinary tenancies are meant to last.
_CONTINUES = {"locataire_titre": 0.25, "locataire_mandat": 0.3, "colocation": 0.4, "logement_accompagne": 0.3}
_CONTINUES_DEFAULT = 0.88
# Housing First: nobody stays years without housing unless the story is already long (MAX_PERIODS).
_CONTINUES_NOT_HOUSED = 1.0

# Who holds the lease and receives the housing benefit, by status.
_PARTIES: dict[str, tuple[Party | None, Party | None]] = {
    "logement_temporaire": (Party.ASSOCIATION, None),
    "intermediaire": (Party.ASSOCIATION, Party.ASSOCIATION),
    "sous_locataire": (Party.ASSOCIATION, Party.ASSOCIATION),
    "locataire_titre": (Party.MENAGE, Party.BAILLEUR),
    "locataire_mandat": (Party.MENAGE, Party.BAILLEUR),
    "colocation": (Party.MENAGE, Party.MENAGE),
    "logement_accompagne": (Party.MENAGE, Party.BAILLEUR),
    "logement_adapte": (Party.MENAGE, Party.BAILLEUR),
}

# Landlord kinds by housed status, with weights ("association" = the association's own stock).
_LANDLORD_FOR = {
    "logement_temporaire": (("association", 6), ("bailleur_social", 4)),
    "intermediaire": (("association", 5), ("ais", 5)),
    "sous_locataire": (("bailleur_social", 65), ("bailleur_prive", 20), ("ais", 15)),
    "locataire_titre": (("bailleur_social", 85), ("bailleur_prive", 15)),
    "locataire_mandat": (("ais", 85), ("bailleur_prive", 15)),
    "colocation": (("bailleur_social", 6), ("bailleur_prive", 4)),
    "logement_accompagne": (("association", 5), ("bailleur_social", 5)),
    "logement_adapte": (("bailleur_social", 1),),
}

_TYPOLOGY_BY_SIZE = (
    (("chambre", 3), ("t1", 40), ("t1bis", 22), ("t2", 35)),
    (("t1bis", 10), ("t2", 60), ("t3", 30)),
    (("t2", 15), ("t3", 65), ("t4", 20)),
    (("t3", 35), ("t4", 55), ("t5", 10)),
    (("t4", 55), ("t5", 40), ("t6", 5)),
    (("t5", 60), ("t6", 40)),
)
# Monthly rent and charges in euros by typology: (rent low, rent high, charges low, charges high).
_AMOUNTS = {
    "chambre": (250, 320, 30, 50),
    "t1": (260, 360, 35, 70),
    "t1bis": (300, 400, 40, 80),
    "t2": (330, 470, 45, 95),
    "t3": (380, 540, 60, 115),
    "t4": (430, 620, 70, 130),
    "t5": (480, 680, 80, 145),
    "t6": (540, 720, 90, 150),
}

_NOTES = {
    "acces_logement": (
        "Attribution validée en CAL.",
        "Entrée dans les lieux après visite avec le ménage.",
        "",
    ),
    "orientation_hebergement": ("Orientation SIAO.", "Admission validée en commission.", ""),
    "progression": ("Validé en comité technique.", "Validé en COSI avec le ménage."),
    "glissement": ("Glissement du bail validé en commission (avis favorable du bailleur).",),
    "nouveau_bail": ("Nouveau bail signé au nom du ménage.",),
    "resiliation": ("Résiliation du bail prononcée par le tribunal (impayés).",),
    "reprise_bail": ("Protocole tripartite signé (bailleur, ménage, association).",),
    "mutation": ("Logement plus grand après une naissance.", "Rapprochement de l'école des enfants.", ""),
    "relogement": (
        "Relogement dans un logement plus adapté.",
        "Troubles de voisinage : relogement accordé.",
        "",
    ),
    "retour_concerte": (
        "Décision concertée en COSI, avec l'accord du ménage : besoin d'un cadre plus collectif pour un temps.",
        "Retour choisi par la personne, après une période d'isolement dans le logement.",
    ),
    "expulsion": ("Expulsion avec le concours de la force publique.",),
    "perte_logement": (
        "Départ volontaire du logement.",
        "Abandon du logement constaté par le bailleur.",
        "",
    ),
    "situation_initiale": ("",),
}
_OTHER_CHANGES = (
    ("institution", "Hospitalisation de longue durée."),
    ("institution", "Incarcération (courte peine)."),
    ("heberge_tiers", "Hébergé par un ami en attendant une solution."),
    ("sans_abri", "Fin de prise en charge par le 115, retour à la rue."),
)


class HousingPlanner:
    """Builds a household's occupancy timeline, creating the dwellings it needs in ``batch``."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        *,
        refs: ReferenceIds,
        landlords: Sequence[Landlord],
        batch: Batch,
        next_dwelling_id: Callable[[], int],
    ) -> None:
        self._rng = rng
        self._today = today
        self._refs = refs
        self._batch = batch
        self._next_dwelling_id = next_dwelling_id
        self._by_kind: dict[tuple[str, str], list[Landlord]] = {}
        for landlord in landlords:
            for department in landlord.departments:
                self._by_kind.setdefault((landlord.kind, department), []).append(landlord)
        self._any_kind: dict[str, list[Landlord]] = {}
        for landlord in landlords:
            self._any_kind.setdefault(landlord.kind, []).append(landlord)

    def timeline(self, situation: str, entry: date, city: City, members: list[Member]) -> list[Period]:
        """Return the periods from entry to today, oldest first; the last one is open."""
        rng = self._rng
        first = FIRST_STATUS.get(situation, "autre")
        period = Period(first, "situation_initiale", entry)
        if first in self._refs.housed_statuses:
            period.dwelling = self._dwelling(first, city, members, entry)
        periods = [period]
        while len(periods) < MAX_PERIODS and rng.random() < self._continues(periods[-1].status):
            current = periods[-1]
            low, high = _DURATION.get(current.status, (60, 400))
            start = current.start + timedelta(days=rng.randint(low, high))
            if start >= self._today:
                break
            following = self._next(current, start, city, members)
            if following.start >= self._today:  # an eviction put off until after the winter truce
                break
            periods.append(following)
        for previous, following in itertools.pairwise(periods):
            previous.end = following.start - timedelta(days=1)
        return periods

    def _continues(self, status: str) -> float:
        """Return the chance that another change follows a period in ``status``."""
        if status not in self._refs.housed_statuses:
            return _CONTINUES_NOT_HOUSED
        return _CONTINUES.get(status, _CONTINUES_DEFAULT)

    @staticmethod
    def parties(status: str) -> tuple[Party | None, Party | None]:
        """Return who holds the lease and who receives the housing benefit for ``status``."""
        return _PARTIES.get(status, (None, None))

    # transitions -------------------------------------------------------------------------------------------

    def _next(self, current: Period, start: date, city: City, members: list[Member]) -> Period:
        rng = self._rng
        status = current.status
        housed = status in self._refs.housed_statuses
        options: list[tuple[str, float]]
        if not housed:
            options = [("acces_logement", 5), ("orientation_hebergement", 3.5), ("autre", 0.4)]
        elif status in {"logement_temporaire", "intermediaire"}:
            options = [
                ("progression", 3),
                ("relocation", 1.5),
                ("retour_concerte", 0.25),
                ("perte_logement", 0.2),
            ]
        elif status == "sous_locataire":
            # A lease slides to the household only from a landlord, not from the association's own stock.
            own_stock = current.dwelling is not None and current.dwelling.landlord.kind == "association"
            options = [
                ("glissement", 5 if current.bail_glissant else 0),
                ("nouveau_bail", 0 if own_stock else 0.4 if current.bail_glissant else 1.5),
                ("relocation", 0.8),
                ("retour_concerte", 0.4),
                ("perte_logement", 0.25),
            ]
        elif status in {"locataire_titre", "locataire_mandat"}:
            # A court termination is rare (about 2 % of households), each one with its eviction procedure.
            options = [
                ("resiliation", 0.4),
                ("relocation", 1.2),
                ("retour_concerte", 0.35),
                ("perte_logement", 0.3),
            ]
        elif status == "occupant_sans_titre":
            options = [("reprise_bail", 2), ("expulsion", 1), ("relocation", 1)]
        else:
            options = [("relocation", 3), ("retour_concerte", 0.3), ("perte_logement", 0.2)]
        move = weighted(rng, options)
        if move == "relocation":
            return self._relocation(current, start, city, members)
        if move in {"progression", "glissement", "nouveau_bail", "resiliation", "reprise_bail"}:
            return self._same_dwelling(move, current, start)
        if move == "retour_concerte":
            return self._step_back(current, start, city, members)
        if move == "autre":
            choices = [(target, note) for target, note in _OTHER_CHANGES if target != status]
            target, note = rng.choice(choices)
            return Period(target, "autre", start, note=note)
        if move == "acces_logement":
            target = weighted(rng, (("sous_locataire", 5), ("locataire_titre", 3), ("locataire_mandat", 1.5)))
            return self._housed(target, move, start, city, members, glissant=0.7)
        if move == "orientation_hebergement":
            return self._orientation(current, start, city, members)
        # perte_logement, expulsion: back to a situation without housing.
        target = weighted(rng, (("heberge_tiers", 1.5), ("sans_abri", 1), ("hebergement_urgence", 1)))
        if move == "expulsion":
            start = self._outside_winter_truce(start, current.start)
        return Period(target, move, start, note=self._note(move))

    def _outside_winter_truce(self, day: date, after: date) -> date:
        """Move an eviction out of the winter truce (1 November – 31 March, docs/domain.md §3.5).

        To the autumn before when the occupation without title began earlier, else to the spring after (possibly
        after today: then the eviction has not happened yet).
        """
        truce = winter_truce(day)
        if truce is None:
            return day
        autumn = truce[0] - timedelta(days=1 + self._rng.randint(0, 20))
        if autumn > after + timedelta(days=30) and self._rng.random() < 0.4:
            return autumn
        return truce[1] + timedelta(days=1 + self._rng.randint(0, 40))

    def _same_dwelling(self, reason: str, current: Period, start: date) -> Period:
        rng = self._rng
        if reason == "progression":
            target = "sous_locataire" if current.status == "intermediaire" or rng.random() < 0.65 else "intermediaire"
        elif reason in {"glissement", "nouveau_bail"}:
            target = "locataire_titre"
        elif reason == "resiliation":
            target = "occupant_sans_titre"
        else:
            target = "sous_locataire"
        own_stock = current.dwelling is not None and current.dwelling.landlord.kind == "association"
        chance = 0 if own_stock else 0.4 if reason == "reprise_bail" else 0.7
        glissant = target == "sous_locataire" and rng.random() < chance
        return Period(target, reason, start, current.dwelling, bail_glissant=glissant, note=self._note(reason))

    def _relocation(self, current: Period, start: date, city: City, members: list[Member]) -> Period:
        rng = self._rng
        target = weighted(
            rng,
            (
                ("locataire_titre", 3),
                ("sous_locataire", 2),
                ("locataire_mandat", 0.4),
                ("logement_adapte", 0.3),
            ),
        )
        landlord = current.dwelling.landlord if current.dwelling else None
        mutation = (
            landlord is not None
            and landlord.kind == "bailleur_social"
            and target in {"locataire_titre", "sous_locataire", "logement_adapte"}
            and rng.random() < 0.5
        )
        reason = "mutation" if mutation else "relogement"
        return self._housed(target, reason, start, city, members, glissant=0.5, landlord=landlord if mutation else None)

    def _step_back(self, current: Period, start: date, city: City, members: list[Member]) -> Period:
        rng = self._rng
        targets = [("hebergement_insertion", 1.0), ("logement_accompagne", 2.0), ("logement_adapte", 0.5)]
        target = weighted(rng, [(code, weight) for code, weight in targets if code != current.status])
        note = self._note("retour_concerte")
        if target in self._refs.housed_statuses:
            period = self._housed(target, "retour_concerte", start, city, members, glissant=0)
            period.note = note
        else:
            period = Period(target, "retour_concerte", start, note=note)
        period.concerted = True
        period.agreement = True
        return period

    def _orientation(self, current: Period, start: date, city: City, members: list[Member]) -> Period:
        rng = self._rng
        targets: list[tuple[str, float]] = [
            ("hebergement_urgence", 3),
            ("hebergement_insertion", 1.5),
            ("logement_temporaire", 1.5),
            ("intermediaire", 0.7),
            ("logement_accompagne", 0.8),
            ("logement_adapte", 0.4),
            ("colocation", 0.3 if len(members) == 1 else 0),
        ]
        if current.status in {"hebergement_insertion", "cada"}:
            targets = [item for item in targets if item[0] not in {"hebergement_urgence", "hebergement_insertion"}]
        target = weighted(rng, [item for item in targets if item[0] != current.status])
        if target in self._refs.housed_statuses:
            return self._housed(target, "orientation_hebergement", start, city, members, glissant=0)
        note = self._note("orientation_hebergement")
        if target == "hebergement_urgence":
            note = rng.choice(("Place obtenue via le 115.", "Mise à l'abri par le 115.", ""))
        return Period(target, "orientation_hebergement", start, note=note)

    def _housed(
        self,
        target: str,
        reason: str,
        start: date,
        city: City,
        members: list[Member],
        *,
        glissant: float,
        landlord: Landlord | None = None,
    ) -> Period:
        dwelling = self._dwelling(target, city, members, start, landlord=landlord)
        bail_glissant = target == "sous_locataire" and self._rng.random() < glissant
        return Period(target, reason, start, dwelling, bail_glissant=bail_glissant, note=self._note(reason))

    def _note(self, reason: str) -> str:
        return self._rng.choice(_NOTES.get(reason, ("",)))

    # dwellings ---------------------------------------------------------------------------------------------

    def _dwelling(
        self, status: str, city: City, members: list[Member], start: date, *, landlord: Landlord | None = None
    ) -> DwellingPlan:
        rng = self._rng
        if rng.random() < 0.12:
            nearby = [item for item in CITIES if item.department == city.department]
            city = rng.choices(nearby, weights=[item.weight for item in nearby])[0]
        if landlord is None:
            landlord = self._landlord(weighted(rng, _LANDLORD_FOR.get(status, (("bailleur_social", 1),))), city)
        size = sum(1 for member in members if member.present_on(start))
        typology = weighted(rng, _TYPOLOGY_BY_SIZE[min(max(size, 1), len(_TYPOLOGY_BY_SIZE)) - 1])
        if status == "colocation":
            typology = weighted(rng, (("t3", 6), ("t4", 4)))
        elif status == "logement_accompagne":
            typology = weighted(rng, (("chambre", 3), ("t1", 7))) if size == 1 else typology
        stock = {
            "bailleur_social": "social",
            "association": "associatif",
            "ais": "prive_intermediation",
        }.get(
            landlord.kind,
            "prive_intermediation" if status in {"sous_locataire", "locataire_mandat"} else "prive",
        )
        rent_low, rent_high, charges_low, charges_high = _AMOUNTS[typology]
        rent = rng.uniform(rent_low, rent_high)
        if stock == "social":
            rent_cents = round(rent * 100)
        else:
            rent = min(rent * 1.12, 750)
            rent_cents = round(rent / 5) * 500
        charges_cents = rng.randint(charges_low * 100, charges_high * 100) // 10 * 10
        dwelling_id = self._next_dwelling_id()
        self._batch.add(
            "dwelling",
            {
                "id": dwelling_id,
                "landlord_id": landlord.id,
                "stock_id": self._refs.stock[stock],
                "typology_id": self._refs.typology[typology],
                "financing": self._financing(status, stock),
                "reserving_body": self._reserving_body(stock, city),
                "address": self._address(stock),
                "postcode": rng.choice(city.postcodes),
                "city": city.name,
                "rent_cents": rent_cents,
                "charges_cents": charges_cents,
                "notes": rng.choice(DWELLING_NOTES) if rng.random() < 0.2 else "",
                "created_at": at_work_hours(rng, start),
            },
        )
        return DwellingPlan(dwelling_id, landlord, city)

    def _landlord(self, kind: str, city: City) -> Landlord:
        candidates = self._by_kind.get((kind, city.department)) or self._any_kind.get(kind)
        if not candidates:
            candidates = self._by_kind.get(("bailleur_social", city.department)) or self._any_kind["bailleur_social"]
        return self._rng.choice(candidates)

    def _financing(self, status: str, stock: str) -> str:
        rng = self._rng
        if status == "logement_temporaire":
            return "ALT"
        if status == "logement_accompagne":
            return "Pension de famille (PLAI)" if rng.random() < 0.6 else "Résidence sociale (PLAI)"
        if status == "logement_adapte":
            return "PLAI adapté"
        if stock == "social":
            return weighted(rng, (("PLAI", 40), ("PLUS", 50), ("PLS", 5), ("PLAI adapté", 5)))
        if stock == "prive_intermediation":
            return "Intermédiation locative (IML)"
        if stock == "prive":
            return "Conventionné Anah (Loc'Avantages)" if rng.random() < 0.4 else ""
        return ""

    def _reserving_body(self, stock: str, city: City) -> str:
        if stock != "social":
            return ""
        return weighted(
            self._rng,
            (
                ("Contingent préfectoral", 45),
                ("Action Logement", 15),
                (f"Ville de {city.name}", 20),
                ("Bailleur (hors contingent)", 20),
            ),
        )

    def _address(self, stock: str) -> str:
        rng = self._rng
        number = str(rng.randint(1, 120)) + (" bis" if rng.random() < 0.05 else "")
        street = f"{number} {rng.choice(STREETS)}"
        if stock in {"social", "associatif"} and rng.random() < 0.8:
            building = f"bât. {rng.choice('ABCDEF')}, " if rng.random() < 0.4 else ""
            return f"{street}, {building}appt {rng.randint(1, 6)}{rng.randint(1, 4):02d}"
        return street
