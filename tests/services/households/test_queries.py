"""The household questions other capabilities ask: the household, its members, its housing, its coordinator."""

from __future__ import annotations

import pytest

from caseworker.services import Services
from caseworker.services.directory import OrganisationView
from caseworker.services.errors import NotFoundError
from caseworker.services.households import (
    coordinator,
    coordinator_names,
    current_memberships,
    current_occupancy,
    existing_household,
)
from caseworker.services.identity import staff_display_name
from tests.services.builders import new_household
from tests.services.contract_builders import supported_household


def test_a_missing_household_is_named_in_the_callers_words(services: Services) -> None:
    with services.context.read() as session:
        with pytest.raises(NotFoundError, match=r"Ménage introuvable \(n° 999\)"):
            existing_household(session, 999)
        with pytest.raises(NotFoundError, match="Ce ménage n'existe plus"):
            existing_household(session, 999, missing="Ce ménage n'existe plus.")


def test_a_new_household_has_its_member_but_no_housing_nor_coordinator(services: Services) -> None:
    household = new_household(services, "Marie", "Dupont")
    with services.context.read() as session:
        assert existing_household(session, household.id).id == household.id
        assert [person.last_name for person, _membership in current_memberships(session, household.id)] == ["Dupont"]
        assert current_occupancy(session, household.id) is None
        assert coordinator(session, household.id) is None
        assert coordinator_names(session, [household.id]) == {}
        assert coordinator_names(session, []) == {}


def test_the_coordinator_is_the_referent_who_coordinates(services: Services, landlord: OrganisationView) -> None:
    supported = supported_household(services, landlord)
    with services.context.read() as session:
        found = coordinator(session, supported.household_id)
        assert found is not None and found.id == services.context.actor.staff_member_id
        assert coordinator_names(session, [supported.household_id]) == {
            supported.household_id: staff_display_name(found.first_name, found.last_name)
        }
        members = current_memberships(session, supported.household_id)
        assert [membership.role.code for _person, membership in members] == ["reference", "conjoint", "enfant"]
        occupancy = current_occupancy(session, supported.household_id)
        assert occupancy is not None and occupancy.status.code == "sous_locataire"
