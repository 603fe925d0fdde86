"""What the contract tests start from: a household supported by the association, housed by a landlord."""

from __future__ import annotations

import pytest

from caseworker.services import Services
from caseworker.services.directory import OrganisationView
from tests.services.contract_builders import Supported, supported_household


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)
