"""Tests of caseworker/services/households/occupancy.py: the housing timeline and its guards (docs/domain.md §3.2)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from caseworker.domain import Party
from caseworker.services import Services
from caseworker.services.directory import DwellingInput, DwellingView, OrganisationView
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.households import OccupancyChangeInput, OccupancyView
from tests.services.builders import TODAY, initial_situation, new_dwelling, new_household, row_count

# The seeded statuses and guards (migrations/versions/0001, docs/domain.md §10, §3.2), written out again on
# purpose: the service reads them from the database, the tests check its behaviour against the specification.
NOT_HOUSED = (
    "sans_abri",
    "squat",
    "heberge_tiers",
    "hebergement_urgence",
    "hebergement_insertion",
    "institution",
    "cada",
    "autre",
)
HOUSED = (
    "logement_temporaire",
    "intermediaire",
    "sous_locataire",
    "locataire_titre",
    "locataire_mandat",
    "colocation",
    "logement_accompagne",
    "logement_adapte",
    "occupant_sans_titre",
)
STATUSES = NOT_HOUSED + HOUSED


@dataclass(frozen=True)
class Guard:
    from_spec: str
    to_spec: str
    dwelling_rule: str = "any"
    concerted: bool = False
    bail_glissant: bool = False
    note: bool = False
    initial: bool = False


GUARDS = {
    "situation_initiale": Guard("", "", initial=True),
    "acces_logement": Guard("@not_housed", "locataire_titre locataire_mandat sous_locataire"),
    "orientation_hebergement": Guard(
        "@not_housed",
        "hebergement_urgence hebergement_insertion cada logement_temporaire intermediaire "
        "logement_accompagne logement_adapte colocation",
    ),
    "progression": Guard("logement_temporaire intermediaire", "intermediaire sous_locataire", "same"),
    "glissement": Guard("sous_locataire", "locataire_titre", "same", bail_glissant=True),
    "nouveau_bail": Guard("sous_locataire", "locataire_titre", "same"),
    "resiliation": Guard("locataire_titre locataire_mandat", "occupant_sans_titre", "same"),
    "reprise_bail": Guard("occupant_sans_titre", "sous_locataire", "same"),
    "mutation": Guard("@housed", "@housed", "different"),
    "relogement": Guard("@housed", "@housed", "different"),
    "retour_concerte": Guard("@housed", "@not_housed logement_accompagne logement_adapte", concerted=True),
    "expulsion": Guard("occupant_sans_titre", "@not_housed"),
    "perte_logement": Guard("@housed", "@not_housed"),
    "autre": Guard("", "", note=True),
}
REASONS = tuple(GUARDS)


def _matches(spec: str, status: str) -> bool:
    if not spec:
        return True
    groups = {"@housed": HOUSED, "@not_housed": NOT_HOUSED}
    return any(status in groups.get(token, (token,)) for token in spec.split())


@dataclass(frozen=True)
class Move:
    """What the tests know about a period: enough to check a change against the specification."""

    status: str
    reason: str
    dwelling_id: int | None
    new_dwelling: bool = False
    concerted: bool = False
    agreement: bool = False
    bail_glissant: bool = False
    note: str = ""

    @classmethod
    def of(cls, view: OccupancyView) -> Move:
        return cls(
            status=view.status_code,
            reason=view.reason_code,
            dwelling_id=view.dwelling.id if view.dwelling else None,
            concerted=view.concerted,
            agreement=view.household_agreement,
            bail_glissant=view.bail_glissant,
            note=view.note,
        )


def guard_problems(previous: Move | None, move: Move) -> set[str]:
    """Return the fields the specification refuses for ``move`` after ``previous`` (dates aside)."""
    guard = GUARDS[move.reason]
    fields: set[str] = set()
    if previous is None:
        if not guard.initial:
            fields.add("reason_code")
    else:
        if guard.initial or not _matches(guard.from_spec, previous.status):
            fields.add("reason_code")
        if guard.bail_glissant and not previous.bail_glissant:
            fields.add("reason_code")
        if guard.dwelling_rule == "same" and (
            previous.dwelling_id is None or move.new_dwelling or move.dwelling_id != previous.dwelling_id
        ):
            fields.add("dwelling")
        if (
            guard.dwelling_rule == "different"
            and move.dwelling_id is not None
            and move.dwelling_id == previous.dwelling_id
        ):
            fields.add("dwelling")
    if not _matches(guard.to_spec, move.status):
        fields.add("status_code")
    if guard.concerted and not (move.concerted and move.agreement):
        fields.add("concerted")
    if guard.note and not move.note.strip():
        fields.add("note")
    if move.status in HOUSED and move.dwelling_id is None and not move.new_dwelling:
        fields.add("dwelling")
    if move.bail_glissant and move.status != "sous_locataire":
        fields.add("bail_glissant")
    return fields


def assert_consistent_timeline(timeline: list[OccupancyView]) -> None:
    """Periods follow each other without overlap; only the last is open; each change obeys its guard."""
    assert [item.start_date for item in timeline] == sorted(item.start_date for item in timeline)
    open_periods = [item for item in timeline if item.end_date is None]
    if timeline:
        assert open_periods == [timeline[-1]]
    for earlier, later in pairwise(timeline):
        assert earlier.end_date is not None
        assert earlier.start_date <= earlier.end_date < later.start_date
    for index, item in enumerate(timeline):
        for other in timeline[index + 1 :]:
            assert (item.end_date or date.max) < other.start_date, (item, other)
    previous: Move | None = None
    for item in timeline:
        assert guard_problems(previous, Move.of(item)) == set(), item
        previous = Move.of(item)


# ------------------------------------------------------------------------------------------- fixtures


@pytest.fixture
def household_id(services: Services) -> int:
    return new_household(services, start_date=date(2024, 1, 1)).id


@pytest.fixture
def flat(services: Services, landlord: OrganisationView) -> DwellingView:
    return new_dwelling(services, landlord.id, "3 allée des Tilleuls")


@pytest.fixture
def other_flat(services: Services, landlord: OrganisationView) -> DwellingView:
    return new_dwelling(services, landlord.id, "8 boulevard Villebois-Mareuil")


def change(services: Services, household_id: int, **fields: object) -> OccupancyView:
    return services.occupancy.change_occupancy(household_id, OccupancyChangeInput(**fields))  # type: ignore[arg-type]


def refused(services: Services, household_id: int, **fields: object) -> dict[str, str]:
    before = services.occupancy.timeline(household_id)
    with pytest.raises(ValidationError) as caught:
        change(services, household_id, **fields)
    assert services.occupancy.timeline(household_id) == before
    return caught.value.errors


def sub_lease(services: Services, household_id: int, flat: DwellingView, *, bail_glissant: bool = True) -> None:
    """heberge_tiers since 2024-01-01, then a sub-lease in ``flat`` from 2025-03-01."""
    initial_situation(services, household_id, start=date(2024, 1, 1))
    change(
        services,
        household_id,
        status_code="sous_locataire",
        start_date=date(2025, 3, 1),
        reason_code="acces_logement",
        dwelling_id=flat.id,
        bail_glissant=bail_glissant,
    )


# ---------------------------------------------------------------------------------------- user story


def test_user_story_from_host_to_sub_lease_to_direct_lease(
    services: Services, household_id: int, landlord: OrganisationView
) -> None:
    first = initial_situation(services, household_id, start=date(2024, 1, 1))
    assert (first.status_label, first.reason_label, first.is_housed, first.dwelling) == (
        "Hébergé chez un tiers",
        "Situation à l'entrée",
        False,
        None,
    )

    sub_lease_view = change(
        services,
        household_id,
        status_code="sous_locataire",
        start_date=date(2025, 3, 1),
        reason_code="acces_logement",
        new_dwelling=DwellingInput(
            landlord_id=landlord.id,
            address="5 rue Saint-Malo",
            postcode="35000",
            city="Rennes",
            typology_code="t1",
            rent=Decimal("412.50"),
        ),
        bail_glissant=True,
        lease_holder=Party.ASSOCIATION,
        apl_recipient=Party.ASSOCIATION,
    )
    assert sub_lease_view.dwelling is not None
    assert sub_lease_view.dwelling.one_line == "5 rue Saint-Malo, 35000 Rennes (Studio / T1)"
    assert sub_lease_view.dwelling.landlord_name == "Habitat 35"
    assert sub_lease_view.dwelling.rent == Decimal("412.50")
    assert sub_lease_view.bail_glissant
    assert sub_lease_view.lease_holder is Party.ASSOCIATION

    direct = change(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2026, 4, 1),
        reason_code="glissement",
        dwelling_id=sub_lease_view.dwelling.id,
        lease_holder=Party.MENAGE,
        apl_recipient=Party.BAILLEUR,
    )

    timeline = services.occupancy.timeline(household_id)
    assert [(item.status_code, item.reason_code, item.start_date, item.end_date) for item in timeline] == [
        ("heberge_tiers", "situation_initiale", date(2024, 1, 1), date(2025, 2, 28)),
        ("sous_locataire", "acces_logement", date(2025, 3, 1), date(2026, 3, 31)),
        ("locataire_titre", "glissement", date(2026, 4, 1), None),
    ]
    assert timeline[-1] == direct
    assert direct.dwelling == sub_lease_view.dwelling
    assert (direct.lease_holder, direct.apl_recipient) == (Party.MENAGE, Party.BAILLEUR)
    assert direct.days(TODAY) == 76
    assert timeline[0].days(TODAY) == 425
    summary = services.households.summary(household_id)
    assert (summary.housing_label, summary.city, summary.housing_since) == (
        "Locataire en titre",
        "Rennes",
        date(2026, 4, 1),
    )
    assert services.households.open_file(household_id).current_occupancy == direct
    assert_consistent_timeline(timeline)


# ---------------------------------------------------------------------------------------- first period


def test_initial_situation_must_use_the_entry_reason(services: Services, household_id: int) -> None:
    errors = refused(
        services,
        household_id,
        status_code="sans_abri",
        start_date=date(2024, 1, 1),
        reason_code="autre",
        note="Arrivée",
    )
    assert errors == {
        "reason_code": "Pour la première situation enregistrée, choisissez le motif « Situation à l'entrée »."
    }


def test_entry_reason_only_for_the_first_period(services: Services, household_id: int) -> None:
    initial_situation(services, household_id)
    errors = refused(
        services,
        household_id,
        status_code="sans_abri",
        start_date=date(2025, 1, 1),
        reason_code="situation_initiale",
    )
    assert errors == {"reason_code": "« Situation à l'entrée » ne s'applique qu'à la première situation enregistrée."}


def test_initial_housed_situation_needs_a_dwelling(services: Services, household_id: int, flat: DwellingView) -> None:
    errors = refused(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2024, 1, 1),
        reason_code="situation_initiale",
    )
    assert errors == {"dwelling": "« Locataire en titre » : indiquez le logement."}
    view = change(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2024, 1, 1),
        reason_code="situation_initiale",
        dwelling_id=flat.id,
    )
    assert view.dwelling is not None
    assert view.dwelling.id == flat.id


def test_unknown_codes_and_household(services: Services, household_id: int) -> None:
    assert refused(
        services, household_id, status_code="palais", start_date=TODAY, reason_code="situation_initiale"
    ) == {"status_code": "Statut : choisissez une valeur dans la liste."}
    assert refused(services, household_id, status_code="sans_abri", start_date=TODAY, reason_code="hasard") == {
        "reason_code": "Motif : choisissez une valeur dans la liste."
    }
    with pytest.raises(NotFoundError, match=r"Ménage introuvable \(n° 4242\)"):
        change(services, 4242, status_code="sans_abri", start_date=TODAY, reason_code="situation_initiale")


# ------------------------------------------------------------------------------------------- guards


def test_same_dwelling_guard(
    services: Services, household_id: int, flat: DwellingView, other_flat: DwellingView
) -> None:
    sub_lease(services, household_id, flat)
    message = "« Glissement du bail » se fait dans le même logement que la situation actuelle."
    for dwelling in (
        {"dwelling_id": other_flat.id},
        {},
        {"new_dwelling": DwellingInput(None, "1 rue Neuve")},
    ):
        errors = refused(
            services,
            household_id,
            status_code="locataire_titre",
            start_date=date(2026, 1, 1),
            reason_code="glissement",
            **dwelling,
        )
        assert errors["dwelling"] == message


def test_same_dwelling_guard_needs_a_current_dwelling(
    services: Services, household_id: int, flat: DwellingView
) -> None:
    # Without a current dwelling, a "same dwelling" reason cannot apply whatever dwelling is chosen.
    initial_situation(services, household_id, status_code="sans_abri")
    errors = refused(
        services,
        household_id,
        status_code="sous_locataire",
        start_date=date(2025, 1, 1),
        reason_code="progression",
        dwelling_id=flat.id,
    )
    assert errors == {
        "reason_code": "« Progression » ne s'applique qu'à partir de : Logement temporaire (ALT), Logement "
        "intermédiaire (situation actuelle : Sans abri).",
        "dwelling": "« Progression » se fait dans le même logement que la situation actuelle.",
    }


def test_different_dwelling_guard(
    services: Services, household_id: int, flat: DwellingView, other_flat: DwellingView
) -> None:
    sub_lease(services, household_id, flat)
    errors = refused(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2026, 1, 1),
        reason_code="mutation",
        dwelling_id=flat.id,
    )
    assert errors == {"dwelling": "« Mutation » suppose un autre logement que le logement actuel."}
    moved = change(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2026, 1, 1),
        reason_code="relogement",
        dwelling_id=other_flat.id,
    )
    assert moved.dwelling is not None
    assert moved.dwelling.id == other_flat.id


def test_from_status_guard(services: Services, household_id: int, flat: DwellingView) -> None:
    initial_situation(services, household_id)
    errors = refused(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2025, 1, 1),
        reason_code="mutation",
        dwelling_id=flat.id,
    )
    assert errors == {
        "reason_code": "« Mutation » ne s'applique qu'à partir de : une situation de logement "
        "(situation actuelle : Hébergé chez un tiers)."
    }
    errors = refused(
        services, household_id, status_code="sans_abri", start_date=date(2025, 1, 1), reason_code="expulsion"
    )
    assert errors == {
        "reason_code": "« Expulsion » ne s'applique qu'à partir de : Occupant sans droit ni titre "
        "(situation actuelle : Hébergé chez un tiers)."
    }


def test_to_status_guard(services: Services, household_id: int, flat: DwellingView) -> None:
    initial_situation(services, household_id)
    errors = refused(
        services,
        household_id,
        status_code="hebergement_urgence",
        start_date=date(2025, 1, 1),
        reason_code="acces_logement",
    )
    assert errors == {
        "status_code": "« Accès au logement » mène à : Locataire en titre, Locataire (mandat de gestion), "
        "Sous-locataire (et non à « Hébergement d'urgence »)."
    }
    sub_lease_in = change(
        services,
        household_id,
        status_code="sous_locataire",
        start_date=date(2025, 1, 1),
        reason_code="acces_logement",
        dwelling_id=flat.id,
    )
    assert sub_lease_in.reason_label == "Accès au logement"
    errors = refused(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2025, 6, 1),
        reason_code="perte_logement",
        dwelling_id=flat.id,
    )
    assert errors == {
        "status_code": "« Départ ou perte du logement » mène à : une situation sans logement "
        "(et non à « Locataire en titre »)."
    }


def test_concerted_step_back_needs_the_household_agreement(
    services: Services, household_id: int, flat: DwellingView
) -> None:
    sub_lease(services, household_id, flat)
    message = (
        "« Retour en arrière concerté » suppose une décision concertée et l'accord du ménage : cochez les deux cases."
    )
    for flags in ({}, {"concerted": True}, {"household_agreement": True}):
        errors = refused(
            services,
            household_id,
            status_code="hebergement_insertion",
            start_date=date(2026, 1, 1),
            reason_code="retour_concerte",
            **flags,
        )
        assert errors == {"concerted": message}
    back = change(
        services,
        household_id,
        status_code="hebergement_insertion",
        start_date=date(2026, 1, 1),
        reason_code="retour_concerte",
        concerted=True,
        household_agreement=True,
    )
    assert (back.concerted, back.household_agreement, back.is_housed) == (True, True, False)


def test_glissement_requires_a_bail_glissant(services: Services, household_id: int, flat: DwellingView) -> None:
    sub_lease(services, household_id, flat, bail_glissant=False)
    errors = refused(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2026, 1, 1),
        reason_code="glissement",
        dwelling_id=flat.id,
    )
    assert errors == {"reason_code": "« Glissement du bail » suppose une sous-location en bail glissant."}
    # Without a bail glissant, the direct lease is a "nouveau bail" in the same dwelling.
    view = change(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2026, 1, 1),
        reason_code="nouveau_bail",
        dwelling_id=flat.id,
    )
    assert view.reason_label == "Nouveau bail"


def test_bail_glissant_only_for_a_sub_lease(services: Services, household_id: int, flat: DwellingView) -> None:
    initial_situation(services, household_id)
    errors = refused(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2025, 1, 1),
        reason_code="acces_logement",
        dwelling_id=flat.id,
        bail_glissant=True,
    )
    assert errors == {"bail_glissant": "Le bail glissant ne concerne qu'une sous-location."}


def test_other_reason_requires_a_note(services: Services, household_id: int) -> None:
    initial_situation(services, household_id)
    errors = refused(
        services,
        household_id,
        status_code="institution",
        start_date=date(2025, 1, 1),
        reason_code="autre",
        note="  \n ",
    )
    assert errors == {"note": "« Autre changement de situation » : précisez le changement dans la remarque."}
    view = change(
        services,
        household_id,
        status_code="institution",
        start_date=date(2025, 1, 1),
        reason_code="autre",
        note="  Hospitalisation longue\n",
    )
    assert view.note == "Hospitalisation longue"


def test_housed_status_needs_a_dwelling(services: Services, household_id: int) -> None:
    initial_situation(services, household_id)
    errors = refused(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2025, 1, 1),
        reason_code="acces_logement",
    )
    assert errors == {"dwelling": "« Locataire en titre » : indiquez le logement."}


def test_eviction_chain(services: Services, household_id: int, flat: DwellingView) -> None:
    initial_situation(services, household_id)
    for status, reason, start in (
        ("locataire_titre", "acces_logement", date(2024, 6, 1)),
        ("occupant_sans_titre", "resiliation", date(2025, 2, 1)),
        ("sous_locataire", "reprise_bail", date(2025, 6, 1)),
        ("locataire_titre", "nouveau_bail", date(2025, 12, 1)),
        ("occupant_sans_titre", "resiliation", date(2026, 2, 1)),
    ):
        change(
            services,
            household_id,
            status_code=status,
            start_date=start,
            reason_code=reason,
            dwelling_id=flat.id,
        )
    change(services, household_id, status_code="sans_abri", start_date=date(2026, 5, 1), reason_code="expulsion")
    timeline = services.occupancy.timeline(household_id)
    assert [item.reason_code for item in timeline][-1] == "expulsion"
    assert len(timeline) == 7
    assert_consistent_timeline(timeline)


def test_dwelling_choice_problems(services: Services, household_id: int, flat: DwellingView) -> None:
    initial_situation(services, household_id)
    errors = refused(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2025, 1, 1),
        reason_code="acces_logement",
        dwelling_id=flat.id,
        new_dwelling=DwellingInput(None, "1 rue Neuve"),
    )
    assert errors == {"dwelling": "Choisissez un logement existant ou décrivez-en un nouveau, pas les deux."}
    errors = refused(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2025, 1, 1),
        reason_code="acces_logement",
        dwelling_id=4242,
    )
    assert errors == {"dwelling": "Ce logement est introuvable."}
    dwellings_before = row_count(services, "dwelling")
    errors = refused(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2025, 1, 1),
        reason_code="acces_logement",
        new_dwelling=DwellingInput(None, "", postcode="3500", rent=Decimal("-1")),
    )
    assert errors == {
        "dwelling.address": "Adresse : ce champ est obligatoire.",
        "dwelling.postcode": "Code postal : cinq chiffres (exemple : 35000).",
        "dwelling.rent": "Loyer : le montant ne peut pas être négatif.",
    }
    assert row_count(services, "dwelling") == dwellings_before


# -------------------------------------------------------------------------------------------- dates


def test_previous_period_ends_the_day_before(services: Services, household_id: int) -> None:
    initial_situation(services, household_id, start=date(2024, 1, 1))
    change(
        services,
        household_id,
        status_code="sans_abri",
        start_date=date(2024, 3, 1),
        reason_code="autre",
        note="Rupture",
    )
    first, second = services.occupancy.timeline(household_id)
    assert first.end_date == date(2024, 2, 29)
    assert (second.start_date, second.end_date) == (date(2024, 3, 1), None)


def test_a_change_the_day_after_the_start_is_accepted(services: Services, household_id: int) -> None:
    initial_situation(services, household_id, start=date(2024, 1, 1))
    change(
        services,
        household_id,
        status_code="sans_abri",
        start_date=date(2024, 1, 2),
        reason_code="autre",
        note="x",
    )
    first, _second = services.occupancy.timeline(household_id)
    assert (first.start_date, first.end_date) == (date(2024, 1, 1), date(2024, 1, 1))
    assert first.days(TODAY) == 1


@pytest.mark.parametrize("start", [date(2024, 1, 1), date(2023, 12, 31)])
def test_change_must_follow_the_current_start(services: Services, household_id: int, start: date) -> None:
    initial_situation(services, household_id, start=date(2024, 1, 1))
    errors = refused(services, household_id, status_code="sans_abri", start_date=start, reason_code="autre", note="x")
    assert errors == {"start_date": "La date du changement doit suivre le début de la situation actuelle (01/01/2024)."}


def test_change_in_the_future_is_refused(services: Services, household_id: int) -> None:
    initial_situation(services, household_id, start=date(2024, 1, 1))
    errors = refused(
        services,
        household_id,
        status_code="sans_abri",
        start_date=TODAY + timedelta(days=1),
        reason_code="autre",
        note="x",
    )
    assert errors == {"start_date": "Date du changement : la date ne peut pas être dans le futur (16/06/2026)."}
    change(services, household_id, status_code="sans_abri", start_date=TODAY, reason_code="autre", note="x")


def test_huge_note_is_refused(services: Services, household_id: int) -> None:
    initial_situation(services, household_id)
    errors = refused(
        services,
        household_id,
        status_code="sans_abri",
        start_date=date(2025, 1, 1),
        reason_code="autre",
        note="x" * 10_000,
    )
    assert errors == {"note": "Remarque : 10\u202f000 caractères, c'est trop long (5\u202f000 au maximum)."}


# ------------------------------------------------------------------------------------------ corrections


@pytest.fixture
def three_periods(services: Services, household_id: int, flat: DwellingView) -> list[OccupancyView]:
    """heberge_tiers 2024-01-01 → sous_locataire 2025-03-01 → locataire_titre 2026-04-01 (open)."""
    sub_lease(services, household_id, flat)
    change(
        services,
        household_id,
        status_code="locataire_titre",
        start_date=date(2026, 4, 1),
        reason_code="glissement",
        dwelling_id=flat.id,
    )
    return services.occupancy.timeline(household_id)


def test_correct_dates(services: Services, household_id: int, three_periods: list[OccupancyView]) -> None:
    first, _second, _third = three_periods
    corrected = services.occupancy.correct_dates(first.id, start_date=date(2023, 11, 15), end_date=date(2025, 2, 28))
    assert (corrected.start_date, corrected.end_date) == (date(2023, 11, 15), date(2025, 2, 28))
    assert services.occupancy.timeline(household_id)[0] == corrected


def test_correct_dates_refuses_overlaps(
    services: Services, household_id: int, three_periods: list[OccupancyView]
) -> None:
    first, second, third = three_periods
    with pytest.raises(ValidationError) as caught:
        services.occupancy.correct_dates(first.id, start_date=date(2024, 1, 1), end_date=date(2025, 3, 1))
    assert caught.value.errors == {"start_date": "Cette période chevauche une autre période (01/03/2025 – 31/03/2026)."}
    with pytest.raises(ValidationError) as caught:
        services.occupancy.correct_dates(third.id, start_date=date(2026, 3, 31), end_date=None)
    assert caught.value.errors == {"start_date": "Cette période chevauche une autre période (01/03/2025 – 31/03/2026)."}
    with pytest.raises(ValidationError) as caught:
        services.occupancy.correct_dates(second.id, start_date=date(2025, 3, 1), end_date=date(2026, 4, 1))
    assert caught.value.errors == {"start_date": "Cette période chevauche une autre période (01/04/2026 – en cours)."}
    assert services.occupancy.timeline(household_id) == three_periods


def test_correct_dates_refuses_end_before_start(
    services: Services, household_id: int, three_periods: list[OccupancyView]
) -> None:
    first = three_periods[0]
    with pytest.raises(ValidationError) as caught:
        services.occupancy.correct_dates(first.id, start_date=date(2024, 1, 1), end_date=date(2023, 12, 31))
    assert caught.value.errors == {
        "end_date": "La date de fin (31/12/2023) est antérieure à la date de début (01/01/2024)."
    }
    with pytest.raises(ValidationError) as caught:
        services.occupancy.correct_dates(three_periods[2].id, start_date=TODAY + timedelta(days=2), end_date=None)
    assert caught.value.errors == {"start_date": "Date de début : la date ne peut pas être dans le futur (17/06/2026)."}
    assert services.occupancy.timeline(household_id) == three_periods


def test_only_the_last_period_stays_open(
    services: Services, household_id: int, three_periods: list[OccupancyView]
) -> None:
    first, _second, third = three_periods
    with pytest.raises(ValidationError) as caught:
        services.occupancy.correct_dates(first.id, start_date=date(2024, 1, 1), end_date=None)
    assert caught.value.errors["end_date"] == "Seule la dernière période peut rester en cours (sans date de fin)."
    with pytest.raises(ValidationError) as caught:
        services.occupancy.correct_dates(third.id, start_date=date(2026, 4, 1), end_date=date(2026, 5, 1))
    assert caught.value.errors == {
        "end_date": "Pour terminer la situation actuelle, enregistrez plutôt la nouvelle situation du ménage."
    }
    assert services.occupancy.timeline(household_id) == three_periods


def test_correction_cannot_move_a_period_past_another(
    services: Services, household_id: int, three_periods: list[OccupancyView]
) -> None:
    """Moving the current period before the others (with an end date) would leave no current situation."""
    _first, second, third = three_periods
    with pytest.raises(ValidationError) as caught:
        services.occupancy.correct_dates(third.id, start_date=date(2023, 1, 1), end_date=date(2023, 6, 30))
    assert "start_date" in caught.value.errors or "end_date" in caught.value.errors
    # A closed period cannot jump over its neighbour either (the guards of the next change refer to it).
    services.occupancy.correct_dates(second.id, start_date=date(2025, 3, 1), end_date=date(2025, 12, 31))
    with pytest.raises(ValidationError) as caught:
        services.occupancy.correct_dates(three_periods[0].id, start_date=date(2026, 1, 1), end_date=date(2026, 3, 1))
    assert caught.value.errors == {
        "start_date": "Une correction ne peut pas faire passer une période avant ou après une autre : "
        "l'ordre des situations doit rester le même."
    }
    timeline = services.occupancy.timeline(household_id)
    assert [item.id for item in timeline] == [item.id for item in three_periods]
    assert timeline[-1].end_date is None


def test_correct_unknown_period(services: Services) -> None:
    with pytest.raises(NotFoundError, match=r"Cette période de logement est introuvable\."):
        services.occupancy.correct_dates(4242, start_date=date(2024, 1, 1), end_date=None)


def test_undo_last_change_reopens_the_previous_period(
    services: Services, household_id: int, three_periods: list[OccupancyView]
) -> None:
    services.occupancy.undo_last_change(household_id)
    timeline = services.occupancy.timeline(household_id)
    assert [item.id for item in timeline] == [item.id for item in three_periods[:2]]
    assert timeline[-1].end_date is None
    assert timeline[-1].status_code == "sous_locataire"
    assert services.households.summary(household_id).housing_label == "Sous-locataire"
    services.occupancy.undo_last_change(household_id)
    services.occupancy.undo_last_change(household_id)
    assert services.occupancy.timeline(household_id) == []
    with pytest.raises(ValidationError) as caught:
        services.occupancy.undo_last_change(household_id)
    assert caught.value.errors == {"occupancy": "Il n'y a pas de situation en cours à annuler."}
    # After undoing everything, the next situation is the entry situation again.
    assert initial_situation(services, household_id).reason_code == "situation_initiale"


# ------------------------------------------------------------------------------------------- reasons_for


def _codes(services: Services, household_id: int, status: str) -> list[str]:
    return [choice.code for choice in services.occupancy.reasons_for(household_id, status)]


def test_reasons_for_the_first_period(services: Services, household_id: int) -> None:
    assert _codes(services, household_id, "sans_abri") == ["situation_initiale"]
    assert _codes(services, household_id, "locataire_titre") == ["situation_initiale"]


def test_reasons_for_follow_the_guards(services: Services, household_id: int, flat: DwellingView) -> None:
    initial_situation(services, household_id)
    assert _codes(services, household_id, "sous_locataire") == ["acces_logement", "autre"]
    assert _codes(services, household_id, "hebergement_urgence") == ["orientation_hebergement", "autre"]
    change(
        services,
        household_id,
        status_code="sous_locataire",
        start_date=date(2025, 3, 1),
        reason_code="acces_logement",
        dwelling_id=flat.id,
        bail_glissant=True,
    )
    assert _codes(services, household_id, "locataire_titre") == [
        "glissement",
        "nouveau_bail",
        "mutation",
        "relogement",
        "autre",
    ]
    choices = services.occupancy.reasons_for(household_id, "hebergement_insertion")
    assert [(choice.code, choice.label, choice.flag) for choice in choices] == [
        ("retour_concerte", "Retour en arrière concerté", True),
        ("perte_logement", "Départ ou perte du logement", False),
        ("autre", "Autre changement de situation", False),
    ]


def test_reasons_for_without_bail_glissant(services: Services, household_id: int, flat: DwellingView) -> None:
    sub_lease(services, household_id, flat, bail_glissant=False)
    assert _codes(services, household_id, "locataire_titre") == [
        "nouveau_bail",
        "mutation",
        "relogement",
        "autre",
    ]


@pytest.mark.parametrize("previous_status", ["heberge_tiers", "sous_locataire", "occupant_sans_titre"])
def test_reasons_for_agree_with_the_specification(
    services: Services, household_id: int, flat: DwellingView, previous_status: str
) -> None:
    reason = "situation_initiale"
    dwelling_id = flat.id if previous_status in HOUSED else None
    change(
        services,
        household_id,
        status_code=previous_status,
        start_date=date(2024, 1, 1),
        reason_code=reason,
        dwelling_id=dwelling_id,
        bail_glissant=previous_status == "sous_locataire",
    )
    previous = Move(previous_status, reason, dwelling_id, bail_glissant=previous_status == "sous_locataire")
    for status in STATUSES:
        expected = [
            code
            for code in REASONS
            if not guard_problems(
                previous,
                Move(status, code, None, new_dwelling=True, concerted=True, agreement=True, note="x"),
            )
            - {"dwelling"}
        ]
        assert _codes(services, household_id, status) == expected, status


# -------------------------------------------------------------------------------------- property test


@st.composite
def moves(draw: st.DrawFn, previous: Move | None, dwellings: tuple[int, int]) -> tuple[Move, int]:
    """Draw a change: valid by the specification, or spoilt in one respect, or anything at all."""
    mode = draw(st.sampled_from(["valid", "valid", "spoilt", "spoilt", "random"]))
    if mode == "random":
        status = draw(st.sampled_from(STATUSES))
        reason = draw(st.sampled_from(REASONS))
        dwelling_choice = draw(st.sampled_from(["none", "new", "first", "second", "previous"]))
        concerted, agreement, bail = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
        note = draw(st.sampled_from(["", "  ", "Précision"]))
        days = draw(st.integers(-30, 400))
    else:
        allowed: dict[str, list[str]] = {}
        near_misses: dict[str, list[str]] = {}  # reason → statuses failing exactly one of its guards
        for code in REASONS:
            for candidate in STATUSES:
                ideal = Move(candidate, code, None, new_dwelling=True, concerted=True, agreement=True, note="x")
                problems = guard_problems(previous, ideal) - {"dwelling"}
                if not problems:
                    allowed.setdefault(code, []).append(candidate)
                elif len(problems) == 1:
                    near_misses.setdefault(code, []).append(candidate)
        reason = draw(st.sampled_from(sorted(allowed)))
        status = draw(st.sampled_from(allowed[reason]))
        if mode == "spoilt" and near_misses:
            reason = draw(st.sampled_from(sorted(near_misses)))
            status = draw(st.sampled_from(near_misses[reason]))
        if GUARDS[reason].dwelling_rule == "same" and previous is not None:
            dwelling_choice = "previous"
        elif status in HOUSED:
            dwelling_choice = draw(st.sampled_from(["new", "first", "second"]))
        else:
            dwelling_choice = "none"
        concerted = agreement = GUARDS[reason].concerted
        bail = status == "sous_locataire" and draw(st.booleans())
        note = "Précision" if GUARDS[reason].note else ""
        days = draw(st.integers(1, 300))
        if mode == "spoilt":
            spoil = draw(st.sampled_from(["none", "dwelling", "concerted", "bail", "note", "date"]))
            if spoil == "dwelling":
                dwelling_choice = draw(st.sampled_from(["none", "new", "first", "second", "previous"]))
            elif spoil == "concerted":
                concerted, agreement = draw(st.sampled_from([(True, False), (False, True), (False, False)]))
            elif spoil == "bail":
                bail = not bail
            elif spoil == "note":
                note = ""
            elif spoil == "date":
                days = draw(st.integers(-30, 0))
    dwelling_id = {
        "none": None,
        "new": None,
        "first": dwellings[0],
        "second": dwellings[1],
        "previous": previous.dwelling_id if previous else None,
    }[dwelling_choice]
    move = Move(status, reason, dwelling_id, dwelling_choice == "new", concerted, agreement, bail, note)
    return move, days


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_changes_keep_a_consistent_timeline(
    services: Services, landlord: OrganisationView, data: st.DataObject
) -> None:
    household_id = new_household(services, start_date=date(2020, 1, 1)).id
    dwellings = (
        new_dwelling(services, landlord.id, "1 rue A").id,
        new_dwelling(services, landlord.id, "2 rue B").id,
    )
    base = date(2021, 1, 1)
    timeline: list[OccupancyView] = []
    for _step in range(data.draw(st.integers(1, 12), label="steps")):
        previous = Move.of(timeline[-1]) if timeline else None
        move, days = data.draw(moves(previous, dwellings))
        start = (timeline[-1].start_date if timeline else base) + timedelta(days=days)
        expected = guard_problems(previous, move)
        if start > TODAY or (timeline and start <= timeline[-1].start_date):
            expected.add("start_date")
        request = OccupancyChangeInput(
            status_code=move.status,
            start_date=start,
            reason_code=move.reason,
            dwelling_id=move.dwelling_id,
            new_dwelling=DwellingInput(landlord.id, "9 rue Neuve") if move.new_dwelling else None,
            concerted=move.concerted,
            household_agreement=move.agreement,
            bail_glissant=move.bail_glissant,
            note=move.note,
        )
        try:
            view = services.occupancy.change_occupancy(household_id, request)
        except ValidationError as error:
            event("refused")
            assert set(error.errors) == expected, (move, error.errors)
            assert services.occupancy.timeline(household_id) == timeline
        else:
            event(f"accepted: {move.reason}")
            assert expected == set(), (move, view)
            after = services.occupancy.timeline(household_id)
            assert after[-1] == view
            assert after[:-1] == [
                *timeline[:-1],
                *([_closed(timeline[-1], start - timedelta(days=1))] if timeline else []),
            ]
            timeline = after
        assert_consistent_timeline(timeline)


def _closed(view: OccupancyView, end: date) -> OccupancyView:
    return replace(view, end_date=end)
