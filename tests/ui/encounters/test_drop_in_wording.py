"""The drop-in register's counts said in French with the right plurals (docs/domain.md §14.4)."""

from __future__ import annotations

from caseworker.services import Services
from caseworker.services.encounters import DropInInput
from tests.services.builders import new_household
from tests.support import FixedClock
from tests.ui.encounters.test_drop_in_page import _page


def test_one_visit_is_said_in_the_singular(qtbot, services: Services, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    household = new_household(services, "Jeanne", "Abadie").id
    services.drop_in.record_visit(DropInInput(household))
    page = _page(qtbot, services, clock)
    said = page.day_counts_label.text()
    # Today: « 1 visites — 1 identifiées, 0 anonymes ; 1 ménages »
    assert "1 visite —" in said, said
    assert "1 identifiée," in said and "1 ménage" in said and "1 ménages" not in said, said
