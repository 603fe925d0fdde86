"""The board's consent deadlines (docs/domain.md §11.1, §7.4): only for a reader of consents, never a consent already
renewed, agreeing with « Mes ménages » and the automatic tasks. Every test runs on both backends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseworker.domain.file_tabs import FileTab
from caseworker.models import Household
from caseworker.services import Services
from caseworker.services.board import Board, BoardRow, PanelKind
from caseworker.services.directory import OrganisationView
from caseworker.services.sharing import ConsentInput
from caseworker.services.support.my_households import expiring_consents
from tests.services.builders import FILED, TODAY, reference_member
from tests.services.conftest import ActAs
from tests.services.support.test_my_households import followed
from tests.services.tasks.test_tasks import colleague, on_team

D = date
EXPIRY = "Expiration d'un consentement · Habitat 35"


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()


def deadlines(board: Board, household_id: int) -> list[BoardRow]:
    return [row for row in board.panel(PanelKind.DEADLINES).rows if row.household_id == household_id]


def grant(services: Services, household_id: int, landlord: OrganisationView, *, signed: date, ends: date) -> None:
    person = reference_member(services, household_id).person_id
    services.consents.record_granted(
        household_id,
        ConsentInput(person, landlord.id, ("identite",), "Fiche navette"),
        signed_on=signed,
        expires_on=ends,
        filing=FILED,
    )


def test_a_consent_ending_in_the_window_is_listed_for_a_reader_of_consents(
    services: Services, landlord: OrganisationView
) -> None:
    household = followed(services, "Anne", start=D(2026, 6, 1))
    grant(services, household, landlord, signed=D(2025, 6, 18), ends=TODAY + timedelta(days=3))
    rows = [row for row in deadlines(services.board.board(), household) if row.tab is FileTab.CONSENTS]
    assert [(row.what, row.when) for row in rows] == [(EXPIRY, TODAY + timedelta(days=3))]
    services.automatic_tasks.refresh()  # the automatic task says the same
    assert [row.due_on for row in services.tasks.my_tasks() if "onsentement" in row.title] == [
        TODAY + timedelta(days=3)
    ]


def test_a_volunteer_on_the_team_sees_no_consent_deadline(
    services: Services, landlord: OrganisationView, act_as: ActAs
) -> None:
    household = followed(services, "Anne", start=D(2026, 6, 1))
    grant(services, household, landlord, signed=D(2025, 6, 18), ends=TODAY + timedelta(days=3))
    with services.context.transaction() as session:
        session.get_one(Household, household).numero_unique_expires_on = TODAY + timedelta(days=2)
    volunteer = colleague(services, "Léa", "Bénévole", role="benevole")
    on_team(services, household, volunteer.id)
    act_as(services, volunteer.id)
    seen = deadlines(services.board.board(), household)
    assert [row.what for row in seen] == ["Expiration du numéro unique (demande de logement social)"]  # they see it
    assert not [row for row in seen if row.tab is FileTab.CONSENTS or "consentement" in row.what]


def test_a_consent_already_renewed_is_not_listed_as_the_automatic_tasks_agree(
    services: Services, landlord: OrganisationView
) -> None:
    household = followed(services, "Anne", start=D(2026, 6, 1))
    grant(services, household, landlord, signed=D(2025, 6, 18), ends=TODAY + timedelta(days=3))
    grant(services, household, landlord, signed=TODAY, ends=D(2027, 6, 14))  # renewed before it ends
    assert not [row for row in deadlines(services.board.board(), household) if row.tab is FileTab.CONSENTS]
    with services.context.read() as session:
        assert expiring_consents(session, TODAY + timedelta(days=30), [household]) == []
    services.automatic_tasks.refresh()
    assert not [row for row in services.tasks.my_tasks() if "onsentement" in row.title]


def test_a_consent_already_ended_or_beyond_the_window_is_not_listed(
    services: Services, landlord: OrganisationView
) -> None:
    ended = followed(services, "Anne", start=D(2026, 6, 1))
    grant(services, ended, landlord, signed=D(2025, 6, 14), ends=TODAY - timedelta(days=1))  # a task's, not the board's
    later = followed(services, "Bruno", start=D(2026, 6, 1))
    grant(services, later, landlord, signed=D(2025, 6, 22), ends=TODAY + timedelta(days=7))  # the 8th day
    last = followed(services, "Chloé", start=D(2026, 6, 1))
    grant(services, last, landlord, signed=D(2025, 6, 22), ends=TODAY + timedelta(days=6))  # the 7th day: listed
    board = services.board.board()
    listed = {
        household: [row.when for row in deadlines(board, household) if row.tab is FileTab.CONSENTS]
        for household in (ended, later, last)
    }
    assert listed == {ended: [], later: [], last: [TODAY + timedelta(days=6)]}


def test_a_referent_sees_no_consent_deadline_of_another_teams_household(
    services: Services, landlord: OrganisationView, act_as: ActAs
) -> None:
    household = followed(services, "Anne", start=D(2026, 6, 1))
    grant(services, household, landlord, signed=D(2025, 6, 18), ends=TODAY + timedelta(days=3))
    act_as(services, colleague(services).id)
    board = services.board.board()
    assert not [row for panel in board.panels for row in panel.rows if row.household_id == household]
