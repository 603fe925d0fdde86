"""Small builders shared by the service tests (everything goes through the public service API)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import text

from caseworker.services import Services
from caseworker.services.directory import DwellingInput, DwellingView
from caseworker.services.households import (
    HouseholdInput,
    HouseholdSummary,
    MemberView,
    OccupancyChangeInput,
    OccupancyView,
    PersonInput,
)
from caseworker.services.sharing import FilingReference

# Same day as the ``clock`` fixture of tests/conftest.py.
TODAY = date(2026, 6, 15)
# Where a signed consent form is filed: the household's paper file at the office, under its number.
FILED = FilingReference("dossier_papier", "Dossier M-000001, chemise « Consentements »")


def new_household(
    services: Services,
    first_name: str = "Hélène",
    last_name: str = "Çelik",
    *,
    birth_year: int | None = 1985,
    start_date: date | None = None,
    details: HouseholdInput | None = None,
) -> HouseholdSummary:
    """Create a household whose first member is an adult "personne de référence"."""
    return services.households.create_household(
        details or HouseholdInput(),
        PersonInput(first_name=first_name, last_name=last_name, birth_year=birth_year),
        start_date=start_date,
    )


def reference_member(services: Services, household_id: int) -> MemberView:
    """Return the first current member of a household (its "personne de référence")."""
    return services.households.open_file(household_id).members[0]


def new_dwelling(
    services: Services, landlord_id: int | None, address: str = "12 rue de Brest", rent: str = "350.00"
) -> DwellingView:
    """Record a T2 in the social stock in Rennes."""
    return services.directory.create_dwelling(
        DwellingInput(
            landlord_id=landlord_id,
            address=address,
            postcode="35000",
            city="Rennes",
            stock_code="social",
            typology_code="t2",
            rent=Decimal(rent),
            charges=Decimal("80.00"),
        )
    )


def initial_situation(
    services: Services, household_id: int, status_code: str = "heberge_tiers", start: date = date(2024, 1, 1)
) -> OccupancyView:
    """Record the situation at entry (not housed, no dwelling)."""
    return services.occupancy.change_occupancy(
        household_id,
        OccupancyChangeInput(status_code=status_code, start_date=start, reason_code="situation_initiale"),
    )


def raw_rows(services: Services, sql: str, **params: object) -> list[tuple[object, ...]]:
    """Run a read-only SQL statement and return plain tuples (to check what is really stored).

    Values are given as SQLite stores them (dates and timestamps as text, booleans as 0/1); PostgreSQL's typed
    values are written the same way, so one expectation checks what both backends hold.
    """
    with services.context.engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(text(sql), params)]
    if services.context.engine.dialect.name == "sqlite":
        return rows
    return [tuple(_as_sqlite_stores_it(value) for value in row) for row in rows]


def _as_sqlite_stores_it(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def row_count(services: Services, table: str) -> int:
    """Count the rows of a table."""
    rows = raw_rows(services, f"SELECT count(*) FROM {table}")
    return int(rows[0][0])  # type: ignore[call-overload]
