"""The taux d'effort at an offer: computed from the rent and the resources recorded, never typed or stored; counted
by band for the funders (DOMAIN §7.1 and F06), on both backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from caseworker.exports.housing_figures import EFFORT_BANDS, effort_band
from caseworker.services import Services
from caseworker.services.errors import ValidationError
from caseworker.services.exports import ExportRequest
from caseworker.services.households.proposals import effort_rate
from tests.services.board.test_board import followed
from tests.services.builders import TODAY
from tests.services.exports.test_exports import _as_team_lead
from tests.services.households.test_proposals import _landlord, _signed

START = date(2026, 1, 1)


def test_the_effort_rate_of_f06_is_29_4_percent() -> None:
    """Rent 350 € + charges 80 € + heating 40 € over resources of 1 600 € → 29.4 %."""
    assert effort_rate(Decimal(350 + 80 + 40), Decimal(1600)) == Decimal("29.4")
    assert effort_rate(Decimal(400), None) is None and effort_rate(Decimal(400), Decimal(0)) is None


@pytest.mark.parametrize(
    ("rent", "resources", "band"),
    [(99, 1_000, "Moins de 10 %"), (100, 1_000, "10 à 25 %"), (250, 1_000, "25 à 30 %"), (299, 1_000, "25 à 30 %"),
     (350, 1_000, "Plus de 35 %"), (500, None, "Non renseigné"), (500, 0, "Non renseigné")],
)  # fmt: skip
def test_a_bound_belongs_to_the_band_above_from_the_exact_fraction(rent: int, resources: int | None, band: str) -> None:
    assert effort_band(rent * 100, None if resources is None else resources * 100) == band


def test_the_resources_are_recorded_with_the_offer_and_its_rate_shown(services: Services) -> None:
    household, _episode = followed(services, "Awa", start=START)
    offer = services.proposals.record_proposal(
        household, replace(_signed(_landlord(services)), rent=Decimal(470), resources=Decimal(1600))
    )
    assert (offer.resources, offer.effort_rate) == (Decimal("1600.00"), Decimal("29.4"))
    with pytest.raises(ValidationError, match="Ressources mensuelles : le montant ne peut pas être négatif"):
        services.proposals.record_proposal(
            household, replace(_signed(_landlord(services, "Autre")), resources=Decimal(-1))
        )


def test_the_leases_signed_in_the_period_are_counted_by_effort_band(services: Services) -> None:
    landlord = _landlord(services)
    for number in range(5):
        household, _episode = followed(services, f"Prénom{number}", start=START)
        services.proposals.record_proposal(
            household, replace(_signed(landlord), rent=Decimal(470), resources=Decimal(1600))
        )
    _as_team_lead(services)
    report = services.exports.preview(ExportRequest("ddets_avdl", START, TODAY))
    table = next(
        t for t in report.tables if t.source.key == "effort_at_attribution" and t.source.unit.value == "menage"
    )
    assert table.source.rows == EFFORT_BANDS
    assert [cell.value for (cell,) in table.cells] == [0, 0, 5, 0, 0, 0]
    assert table.grand_total is not None and table.grand_total.value == 5
