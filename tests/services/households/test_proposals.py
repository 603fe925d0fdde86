"""Tests of caseworker/services/households/proposals.py: the housing proposals log (docs/domain.md §12)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from caseworker.domain.proposals import CalDecision, HouseholdAnswer
from caseworker.services import Services
from caseworker.services.directory import OrganisationInput
from caseworker.services.errors import ConcurrentChangeError, NotFoundError, ValidationError
from caseworker.services.households import ProposalInput
from tests.services.builders import TODAY, new_household, raw_rows

OFFERED = TODAY - timedelta(days=40)
CAL = TODAY - timedelta(days=20)


def _landlord(services: Services, name: str = "Archipel Habitat") -> int:
    return services.directory.create_organisation(OrganisationInput(name=name, kind_code="bailleur_social")).id


def _signed(landlord_id: int) -> ProposalInput:
    """An offer that went all the way: allocated by the CAL, accepted, the lease signed."""
    return ProposalInput(
        proposed_on=OFFERED,
        landlord_id=landlord_id,
        typology_code="t2",
        city="Rennes",
        rent=Decimal("412.50"),
        cal_on=CAL,
        cal_decision=CalDecision.ALLOCATED,
        answer=HouseholdAnswer.ACCEPTED,
        answered_on=CAL + timedelta(days=2),
        lease_signed_on=CAL + timedelta(days=12),
    )


def test_an_offer_is_logged_with_its_committee_answer_and_lease(services: Services) -> None:
    household = new_household(services)
    landlord = _landlord(services)
    saved = services.proposals.record_proposal(household.id, _signed(landlord))
    assert (saved.landlord_name, saved.typology_label, saved.city, saved.rent) == (
        "Archipel Habitat",
        "T2",
        "Rennes",
        Decimal("412.50"),
    )
    assert saved.cal_decision_label == "Attribution"
    assert saved.answer_label == "Acceptée"
    assert saved.days_to_lease == 32
    assert saved.settled
    assert services.proposals.proposals_for(household.id) == [saved]
    assert raw_rows(services, "SELECT rent_cents, cal_decision, answer FROM housing_proposal") == [
        (41250, "ALLOCATED", "ACCEPTED")
    ]
    events = raw_rows(services, "SELECT action, entity_type FROM audit_event WHERE entity_type = 'housing_proposal'")
    assert events == [("CREATE", "housing_proposal")]


def test_a_refusal_needs_its_reason_and_shows_it(services: Services) -> None:
    household = new_household(services)
    refused = ProposalInput(proposed_on=OFFERED, answer=HouseholdAnswer.REFUSED, answered_on=OFFERED)
    with pytest.raises(ValidationError) as error:
        services.proposals.record_proposal(household.id, refused)
    assert error.value.errors == {"refusal_reason_code": "Refus du ménage : choisissez le motif du refus."}
    saved = services.proposals.record_proposal(household.id, replace(refused, refusal_reason_code="localisation"))
    assert saved.answer_label == "Refusée (Localisation)"
    assert saved.settled and saved.days_to_lease is None


def test_a_pending_offer_is_not_settled_until_an_outcome_is_known(services: Services) -> None:
    household = new_household(services)
    pending = services.proposals.record_proposal(
        household.id, ProposalInput(proposed_on=OFFERED, cal_on=TODAY + timedelta(days=3))
    )
    assert not pending.settled and pending.cal_decision_label == "" and pending.answer_label == ""
    ranked = services.proposals.update_proposal(
        pending.id,
        ProposalInput(proposed_on=OFFERED, cal_on=CAL, cal_decision=CalDecision.RANKED),
        expected_version=pending.row_version,
    )
    assert ranked.settled and ranked.row_version == pending.row_version + 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"cal_on": OFFERED - timedelta(days=1)},
            "cal_on",
            "La date de la CAL (",
        ),
        (
            {"cal_on": TODAY + timedelta(days=5), "cal_decision": CalDecision.ALLOCATED},
            "cal_decision",
            "La CAL n'a pas encore eu lieu : sa décision se saisit après la commission.",
        ),
        (
            {"cal_on": None, "cal_decision": CalDecision.REJECTED},
            "cal_on",
            "Décision de la CAL : indiquez aussi la date de la commission.",
        ),
        (
            {"answer": None, "answered_on": OFFERED},
            "answer",
            "Date de réponse : indiquez aussi la réponse du ménage.",
        ),
        (
            {"refusal_reason_code": "typologie"},
            "refusal_reason_code",
            "Un motif de refus ne se saisit que si le ménage a refusé.",
        ),
        (
            {"cal_decision": CalDecision.REJECTED},
            "lease_signed_on",
            "Un bail se signe après une attribution par la CAL : saisissez sa décision.",
        ),
        (
            {"answer": HouseholdAnswer.REFUSED, "refusal_reason_code": "cout"},
            "lease_signed_on",
            "Un bail se signe après l'acceptation du ménage : saisissez sa réponse.",
        ),
        (
            {"lease_signed_on": CAL - timedelta(days=1)},
            "lease_signed_on",
            "La signature (",
        ),
        (
            {"proposed_on": date(1850, 1, 1)},
            "proposed_on",
            "Date de la proposition : ",
        ),
        (
            {"rent": Decimal("-1")},
            "rent",
            "Loyer et charges : ",
        ),
        (
            {"rent": Decimal("NaN")},
            "rent",
            "Loyer et charges : ",
        ),
        (
            {"city": "Rennes\x00"},
            "city",
            "Commune : le texte contient des caractères de contrôle non autorisés.",
        ),
        (
            {"typology_code": "palace"},
            "typology_code",
            "Typologie : choisissez une valeur dans la liste.",
        ),
    ],
)
def test_an_incoherent_offer_is_refused_with_a_french_message_and_nothing_saved(
    services: Services, change: dict[str, object], field: str, message: str
) -> None:
    household = new_household(services)
    landlord = _landlord(services)
    with pytest.raises(ValidationError) as error:
        services.proposals.record_proposal(household.id, replace(_signed(landlord), **change))  # type: ignore[arg-type]
    assert error.value.errors[field].startswith(message), error.value.errors
    assert services.proposals.proposals_for(household.id) == []


def test_the_landlord_must_be_one(services: Services) -> None:
    household = new_household(services)
    ccas = services.directory.create_organisation(OrganisationInput(name="CCAS de Rennes", kind_code="ccas")).id
    with pytest.raises(ValidationError) as error:
        services.proposals.record_proposal(household.id, ProposalInput(proposed_on=OFFERED, landlord_id=ccas))
    assert error.value.errors == {"landlord_id": "« CCAS de Rennes » n'est pas un bailleur dans l'annuaire."}
    with pytest.raises(ValidationError):
        services.proposals.record_proposal(household.id, ProposalInput(proposed_on=OFFERED, landlord_id=999_999))


def test_a_save_typed_against_an_older_version_is_refused(services: Services) -> None:
    household = new_household(services)
    first = services.proposals.record_proposal(household.id, ProposalInput(proposed_on=OFFERED))
    services.proposals.update_proposal(
        first.id, ProposalInput(proposed_on=OFFERED, city="Rennes"), expected_version=first.row_version
    )
    with pytest.raises(ConcurrentChangeError, match="Cette proposition de logement a été modifiée"):
        services.proposals.update_proposal(
            first.id, ProposalInput(proposed_on=OFFERED, city="Brest"), expected_version=first.row_version
        )
    assert [view.city for view in services.proposals.proposals_for(household.id)] == ["Rennes"]


def test_an_unknown_household_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.proposals.record_proposal(999_999, ProposalInput(proposed_on=OFFERED))


def test_offers_are_listed_newest_first(services: Services) -> None:
    household = new_household(services)
    for days in (90, 10, 50):
        services.proposals.record_proposal(household.id, ProposalInput(proposed_on=TODAY - timedelta(days=days)))
    dates = [view.proposed_on for view in services.proposals.proposals_for(household.id)]
    assert dates == sorted(dates, reverse=True)


def test_the_view_an_update_returns_names_the_new_typology_landlord_and_reason(services: Services) -> None:
    """Reported while building the rights opened: after a change of typology the view still said « T2 »."""
    household = new_household(services)
    first, second = _landlord(services), _landlord(services, "Néotoa")
    offer = services.proposals.record_proposal(
        household.id, ProposalInput(OFFERED, first, "t2", "Rennes", answer=HouseholdAnswer.REFUSED,
                                    answered_on=OFFERED, refusal_reason_code="localisation")
    )  # fmt: skip
    updated = services.proposals.update_proposal(
        offer.id,
        ProposalInput(OFFERED, second, "t3", "Rennes", answer=HouseholdAnswer.REFUSED, answered_on=OFFERED,
                      refusal_reason_code="typologie"),
        expected_version=offer.row_version,
    )  # fmt: skip
    names = (updated.typology_label, updated.landlord_name, updated.refusal_reason_label)
    assert names == ("T3", "Néotoa", "Typologie")
    assert services.proposals.proposals_for(household.id)[0] == updated
