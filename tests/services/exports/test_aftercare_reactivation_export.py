"""A reactivation after the after-care's window passed is not « pendant leur après-accompagnement » (§14.1)."""

from __future__ import annotations

from datetime import date

from caseworker.services import Services
from caseworker.services.support import ReactivationInput
from tests.services.exports.test_aftercare_export import _after_care, _counts, _exited, _table
from tests.services.exports.test_exports import REQUEST, _as_team_lead


def test_a_reactivation_long_after_the_window_passed_came_after_a_closure(services: Services) -> None:
    household, episode = _exited(services, "Tardif", date(2024, 6, 1), date(2025, 1, 1))
    _after_care(services, household, episode, date(2025, 1, 1), months=6)  # window: to 30/06/2025, left « à clore »
    proposal = services.reactivation.proposal(episode)
    services.reactivation.reactivate(  # eight months after the window's last day
        episode,
        ReactivationInput(on=date(2026, 3, 2), level_code=proposal.default_level),
        expected_version=proposal.previous_version,
    )
    _as_team_lead(services)
    report = services.exports.preview(REQUEST)
    # The after-care no longer ran anywhere since 01/07/2025 (§14.1): the household was not « in after-care ».
    assert _counts(_table(report, "reactivations")) == {
        "Réactivés pendant leur après-accompagnement": 0,
        "Revenus après une clôture": 1,
    }
