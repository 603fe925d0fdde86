"""A team's office on the run's test server: Claire MARTIN logged in, a landlord, a household it houses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal

import psycopg
from sqlalchemy import Engine

from caseworker.domain import AlertChannel
from caseworker.services import Services, build_services
from caseworker.services.alerts import AlertInput
from caseworker.services.directory import OrganisationInput
from caseworker.services.households import OccupancyChangeInput
from caseworker.services.setup import FirstRunInput
from tests.conftest import POSTGRES_PERSON
from tests.services.builders import initial_situation, new_dwelling, new_household
from tests.support import FixedClock


@dataclass
class Office:
    """Claire MARTIN's services on the server, a landlord and a household housed by it."""

    services: Services
    landlord_id: int
    household_id: int

    def record_alert(self) -> int:
        return self.services.alerts.create(
            AlertInput(
                "impaye",
                self.household_id,
                self.landlord_id,
                datetime(2026, 6, 15, 9, tzinfo=timezone.utc),
                AlertChannel.TELEPHONE,
                description="Deux mois de loyer impayés.",
                amount=Decimal("825.00"),
            )
        ).id


def build_office(engine: Engine, admin: psycopg.Connection) -> Office:
    services = build_services(engine, FixedClock(date(2026, 6, 15)))
    claire = services.setup.complete_first_run(
        FirstRunInput(
            organisation=OrganisationInput(name="Association Le Toit", kind_code="association", territory="Rennes"),
            first_name="Claire",
            last_name="Martin",
            role_code="travailleur_social",
        )
    )
    admin.execute("UPDATE staff_member SET login = %s WHERE id = %s", (POSTGRES_PERSON.user, claire.id))
    services.setup.load_actor()
    landlord = services.directory.create_organisation(OrganisationInput(name="Habitat 35", kind_code="bailleur_social"))
    household = new_household(services, "Hélène", "Çelik")
    dwelling = new_dwelling(services, landlord.id)
    initial_situation(services, household.id)
    services.occupancy.change_occupancy(
        household.id,
        OccupancyChangeInput("sous_locataire", date(2025, 9, 1), "acces_logement", dwelling_id=dwelling.id),
    )
    return Office(services, landlord.id, household.id)
