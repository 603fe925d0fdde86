"""The board of the morning debrief (docs/domain.md §11.1): its seven panels, filters, visibility and meeting mode."""

from __future__ import annotations

import gc
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from caseworker.domain import AlertChannel, ProcedureStage
from caseworker.domain.contacts import NoteClass
from caseworker.domain.debrief import AgendaItemKind, DecisionKind, MeetingStatus
from caseworker.domain.file_tabs import FileTab
from caseworker.domain.proposals import CalDecision, HouseholdAnswer
from caseworker.errors import ServerUnavailableError
from caseworker.models import (
    AdministrativeStatus,
    Household,
    LegalProcedure,
    Person,
    ProcedureStageEntry,
)
from caseworker.models.meetings import Meeting, MeetingDecision, MeetingItem, MeetingType
from caseworker.services import Services
from caseworker.services.alerts import AlertInput
from caseworker.services.board import Board, BoardFilter, BoardRow, PanelKind, initials_of, late_words
from caseworker.services.board.panels import previous_working_day
from caseworker.services.calendar import METROPOLE
from caseworker.services.directory import OrganisationInput, OrganisationView, StaffInput
from caseworker.services.errors import ValidationError
from caseworker.services.households import ProposalInput
from caseworker.services.support import ContactInput, OrientationInput, SuspensionInput
from tests.services.builders import new_household
from tests.services.conftest import ActAs
from tests.services.contract_builders import Supported, supported_household
from tests.services.support.test_episodes import team_lead, with_coordinator
from tests.support import FixedClock
from tests.support.row_versions import current_version

D = date
PARIS = ZoneInfo("Europe/Paris")
MONDAY = D(2026, 6, 15)


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


def rows(board: Board, kind: PanelKind, household_id: int | None = None) -> list[BoardRow]:
    found = board.panel(kind).rows
    return [row for row in found if household_id is None or row.household_id == household_id]


def followed(
    services: Services, first: str, last: str = "Durand", *, start: date, measure: str = "avdl", level: str = "renforce"
) -> tuple[int, int]:
    """A household the current user coordinates, with an actif episode: (household id, episode id)."""
    household = new_household(services, first, last)
    with_coordinator(services, household.id, since=start - timedelta(days=20))
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code=measure, orientation_date=start - timedelta(days=10))
    )
    services.episodes.activate(
        episode.id,
        on=start,
        level_code=level,
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    return household.id, episode.id


def contact_at(
    services: Services, household_id: int, moment: datetime, outcome: str = "rencontre", **extra: object
) -> None:
    services.contacts.record_contact(
        household_id,
        ContactInput(occurred_at=moment, type_code="visite_domicile", outcome_code=outcome, **extra),  # type: ignore[arg-type]
    )


# ------------------------------------------------------------------------------------------- 1. alerts


def test_an_arrears_alert_of_friday_evening_is_new_on_monday_and_overdue_from_tuesday(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    clock.today_value = MONDAY
    services.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            supported.landlord.id,
            datetime(2026, 6, 12, 17, 0, tzinfo=PARIS),  # Friday 17:00, one working day to acknowledge
            AlertChannel.TELEPHONE,
            amount=Decimal("825.00"),
        )
    )
    monday = rows(services.board.board(), PanelKind.ALERTS)
    assert len(monday) == 1
    assert not monday[0].overdue
    assert monday[0].words == "Nouvelle, prise en compte attendue le 15/06/2026"
    assert monday[0].tab is FileTab.ALERTS
    assert monday[0].household_id == supported.household_id
    assert monday[0].display_name == "ÇELIK Hélène"

    clock.today_value = D(2026, 6, 16)  # Tuesday 00:00 and after: overdue by one working day
    tuesday = services.board.board().panel(PanelKind.ALERTS)
    assert tuesday.count == 1 and tuesday.overdue_count == 1
    assert tuesday.rows[0].words == "Prise en compte en retard de 1 jour ouvré (attendue le 15/06/2026)"

    clock.today_value = D(2026, 6, 22)  # the next Monday: five working days late, the weekend not counted
    assert rows(services.board.board(), PanelKind.ALERTS)[0].words.startswith(
        "Prise en compte en retard de 5 jours ouvrés"
    )


def test_an_alert_due_on_friday_is_overdue_on_saturday_with_no_working_day_late_yet(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    clock.today_value = D(2026, 6, 11)
    services.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            supported.landlord.id,
            datetime(2026, 6, 11, 9, 0, tzinfo=PARIS),  # Thursday: due on Friday
            AlertChannel.TELEPHONE,
        )
    )
    clock.today_value = D(2026, 6, 13)  # Saturday
    row = rows(services.board.board(), PanelKind.ALERTS)[0]
    assert row.overdue
    assert row.words == "Prise en compte en retard depuis le 13/06/2026 (attendue le 12/06/2026)"


def test_late_words() -> None:
    assert late_words(1, working=True) == "en retard de 1 jour ouvré"
    assert late_words(2, working=True) == "en retard de 2 jours ouvrés"
    assert late_words(3, working=False) == "en retard de 3 jours"


# ------------------------------------------------------------------------------------------- 2. contacts


def test_previous_working_day_skips_the_weekend_and_public_holidays() -> None:
    assert previous_working_day(MONDAY, METROPOLE) == D(2026, 6, 12)  # Monday → Friday
    assert previous_working_day(D(2026, 6, 16), METROPOLE) == MONDAY
    assert previous_working_day(D(2026, 5, 26), METROPOLE) == D(2026, 5, 22)  # after Whit Monday → the Friday
    assert previous_working_day(D(2026, 5, 15), METROPOLE) == D(2026, 5, 13)  # after Ascension → the Wednesday


def test_contacts_since_the_start_of_the_previous_working_day_attempts_shown_as_such(
    services: Services, clock: FixedClock
) -> None:
    clock.today_value = MONDAY
    household, _episode = followed(services, "Anne", start=D(2026, 1, 5))
    contact_at(services, household, datetime(2026, 6, 11, 23, 30, tzinfo=PARIS))  # Thursday night: before
    contact_at(services, household, datetime(2026, 6, 12, 0, 5, tzinfo=PARIS))  # Friday just after midnight
    contact_at(services, household, datetime(2026, 6, 13, 11, 0, tzinfo=PARIS), outcome="porte_close")
    panel = services.board.board().panel(PanelKind.CONTACTS)
    assert panel.note == "depuis le 12/06/2026"
    assert [row.when for row in panel.rows] == [D(2026, 6, 13), D(2026, 6, 12)]  # newest first
    assert panel.rows[0].words == "Tentative sans contact : porte close (« aller vers »)"
    assert not panel.rows[1].words.startswith("Tentative")
    assert {row.tab for row in panel.rows} == {FileTab.CONTACTS}


def test_a_panel_holds_its_most_urgent_rows_counts_them_all_and_is_read_whole_on_request(
    services: Services, clock: FixedClock
) -> None:
    clock.today_value = MONDAY
    household, _episode = followed(services, "Anne", start=D(2026, 1, 5))
    for hour in (9, 10, 11, 12):
        contact_at(services, household, datetime(2026, 6, 12, hour, 0, tzinfo=PARIS))
    contact_at(services, household, datetime(2026, 6, 13, 11, 0, tzinfo=PARIS), outcome="porte_close")
    whole = services.board.board(rows_per_panel=None).panel(PanelKind.CONTACTS)
    first = services.board.board(rows_per_panel=2).panel(PanelKind.CONTACTS)
    assert first.rows == whole.rows[:2]  # the newest
    assert (first.count, whole.count, len(whole.rows)) == (5, 5, 5)
    assert not first.complete and whole.complete
    assert services.board.panel(PanelKind.CONTACTS) == whole
    silent, _episode = followed(services, "Bruno", start=D(2026, 1, 5))  # renforcé: 7 days at most
    contact_at(services, silent, datetime(2026, 6, 5, 10, 0, tzinfo=PARIS))
    late = services.board.board(rows_per_panel=0).panel(PanelKind.NO_CONTACT)
    assert late.rows == () and late.count == late.overdue_count == 1  # the header still says it


# ------------------------------------------------------------------------------------------- 3. no contact


def test_households_past_their_threshold_suspended_ones_not_counted(services: Services, clock: FixedClock) -> None:
    clock.today_value = MONDAY
    late, _ = followed(services, "Anne", start=D(2026, 1, 5))  # renforcé: 7 days
    contact_at(services, late, datetime(2026, 6, 5, 10, 0, tzinfo=PARIS))  # 10 days ago
    recent, _ = followed(services, "Bruno", start=D(2026, 1, 5))
    contact_at(services, recent, datetime(2026, 6, 12, 10, 0, tzinfo=PARIS))
    _paused, paused_episode = followed(services, "Chloé", start=D(2026, 1, 5))
    services.episodes.suspend(
        paused_episode,
        SuspensionInput(D(2026, 3, 1), "hospitalisation", D(2026, 9, 1)),
        expected_version=current_version(services.episodes, "suspend", paused_episode),
    )
    found = rows(services.board.board(), PanelKind.NO_CONTACT)
    assert [row.household_id for row in found] == [late]
    assert found[0].words == "Sans contact depuis 10 jours (seuil 7) : en retard de 3 jours"
    assert found[0].overdue and found[0].tab is FileTab.CONTACTS
    # The rule is the one of « Mes ménages »: both say the same households are past their threshold.
    mine = {row.household_id for row in services.my_households.for_staff() if row.no_contact_overdue}
    assert mine == {late}


def test_the_last_successful_contact_is_found_within_and_beyond_the_largest_threshold(
    services: Services, clock: FixedClock
) -> None:
    # The board compares each household's kept last contact with the start of the last day its threshold allows
    # (veille: 45 days; on the server through a function of the access rules): on that day, the day after, long
    # before, never.
    clock.today_value = MONDAY
    watched, _ = followed(services, "Anne", start=D(2026, 1, 5), level="veille")  # 45 days
    contact_at(services, watched, datetime(2026, 5, 1, 10, 0, tzinfo=PARIS))  # 45 days ago: not yet past
    long_ago, _ = followed(services, "Bruno", start=D(2026, 1, 5))  # renforcé: 7 days
    contact_at(services, long_ago, datetime(2026, 3, 2, 10, 0, tzinfo=PARIS))  # beyond every threshold
    contact_at(services, long_ago, datetime(2026, 6, 14, 10, 0, tzinfo=PARIS), outcome="porte_close")  # no contact
    within, _ = followed(services, "Chloé", start=D(2026, 1, 5))  # renforcé: 7 days
    contact_at(services, within, datetime(2026, 5, 20, 10, 0, tzinfo=PARIS))  # within 45 days, past 7
    never, _ = followed(services, "Denis", start=D(2026, 6, 1))  # renforcé, started 14 days ago, never reached
    found = {row.household_id: row for row in rows(services.board.board(), PanelKind.NO_CONTACT)}
    assert set(found) == {long_ago, within, never}
    assert found[long_ago].what == "Dernier contact le 02/03/2026"
    assert found[long_ago].when == D(2026, 3, 2)
    assert found[within].what == "Dernier contact le 20/05/2026"
    assert found[within].words == "Sans contact depuis 26 jours (seuil 7) : en retard de 19 jours"
    assert found[never].what == "Aucun contact depuis le début"
    # The same households as « Mes ménages » says, with the same last contacts.
    mine = {row.household_id for row in services.my_households.for_staff() if row.no_contact_overdue}
    assert mine == set(found)
    clock.today_value = MONDAY + timedelta(days=1)  # 46 days: past the veille threshold too
    found = {row.household_id: row for row in rows(services.board.board(), PanelKind.NO_CONTACT)}
    assert found[watched].what == "Dernier contact le 01/05/2026"


# ------------------------------------------------------------------------------------------- 4. deadlines


def test_deadlines_of_the_next_seven_days_today_included(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    clock.today_value = MONDAY
    # AVDL of 6 months from 22 December: planned end 21 June, the decision on it due 30 days before (outside).
    household, _episode = followed(services, "Anne", start=D(2025, 12, 22))
    with services.context.transaction() as session:
        session.get_one(Household, household).numero_unique_expires_on = MONDAY  # today: included
        person = session.get_one(Person, supported.adults[0])
        person.administrative_status_deadline = MONDAY + timedelta(days=6)  # the last day of the window
        person.administrative_status_id = session.scalars(select(AdministrativeStatus.id).limit(1)).one()
        procedure = LegalProcedure(
            household_id=supported.household_id, landlord_id=supported.landlord.id, opened_on=D(2026, 1, 10)
        )
        session.add(procedure)
        session.flush()
        session.add(ProcedureStageEntry(procedure_id=procedure.id, stage=ProcedureStage.AUDIENCE, on=D(2026, 6, 18)))
        session.add(ProcedureStageEntry(procedure_id=procedure.id, stage=ProcedureStage.RESILIATION, on=D(2026, 6, 22)))
        cosi = session.scalars(select(MeetingType).where(MeetingType.code == "cosi")).one()
        meeting = Meeting(meeting_type_id=cosi.id, held_on=D(2026, 6, 17), status=MeetingStatus.PLANNED)
        session.add(meeting)
        session.flush()
        session.add(
            MeetingItem(
                meeting_id=meeting.id,
                household_id=household,
                kind=AgendaItemKind.EXTENSION,
                label="Fin prévue",
                note_class=NoteClass.EQUIPE,
            )
        )
    found = rows(services.board.board(), PanelKind.DEADLINES)
    mine = [(row.what, row.when, row.tab) for row in found if row.household_id == household]
    assert mine == [
        ("Expiration du numéro unique (demande de logement social)", MONDAY, FileTab.HOUSING),
        ("COSI (comité de suivi) du 17/06/2026", D(2026, 6, 17), FileTab.SUPPORT),
        ("Fin prévue · AVDL (accompagnement vers et dans le logement)", D(2026, 6, 21), FileTab.SUPPORT),
    ]
    theirs = [
        (row.what.split(" · ")[0], row.when, row.tab) for row in found if row.household_id == supported.household_id
    ]
    assert ("Audience au tribunal", D(2026, 6, 18), FileTab.DEBTS_AND_PROCEDURE) in theirs
    assert any(what.startswith("Fin de validité") and when == D(2026, 6, 21) for what, when, _ in theirs)
    assert all(row.when is not None and MONDAY <= row.when <= D(2026, 6, 21) for row in found)  # not the 22nd
    assert found[0].words == "Échéance aujourd'hui (15/06/2026)"
    # The board reads its deadlines on a second connection beside the other panels: the same as read alone.
    assert services.board.panel(PanelKind.DEADLINES).rows == tuple(found)


def test_the_allocation_committees_of_the_week_examining_an_undecided_offer(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    clock.today_value = MONDAY
    household = supported.household_id
    landlord = supported.landlord.id
    offered = MONDAY - timedelta(days=30)

    def offer(cal_on: date, **decided: object) -> None:
        services.proposals.record_proposal(
            household,
            ProposalInput(proposed_on=offered, landlord_id=landlord, cal_on=cal_on, **decided),  # type: ignore[arg-type]
        )

    offer(D(2026, 6, 19))  # in the window, not decided: listed
    offer(MONDAY + timedelta(days=7))  # the day after the window
    offer(MONDAY - timedelta(days=1), cal_decision=CalDecision.REJECTED)  # held and decided
    offer(MONDAY, cal_decision=CalDecision.ALLOCATED)  # held today, decided already
    services.proposals.record_proposal(household, ProposalInput(proposed_on=offered, cal_on=D(2026, 6, 16)))
    refused = ProposalInput(  # the household said no: its committee is no deadline of the team's
        proposed_on=offered, cal_on=D(2026, 6, 17), answer=HouseholdAnswer.REFUSED, refusal_reason_code="cout"
    )
    services.proposals.record_proposal(household, refused)
    found = [row for row in rows(services.board.board(), PanelKind.DEADLINES) if row.what.startswith("CAL")]
    assert [(row.household_id, row.what, row.when, row.tab) for row in found] == [
        (household, "CAL (commission d'attribution des logements)", D(2026, 6, 16), FileTab.HOUSING),
        (household, f"CAL · {supported.landlord.name}", D(2026, 6, 19), FileTab.HOUSING),
    ]
    assert found[0].words == "Échéance demain (16/06/2026)"


def test_a_failure_while_reading_the_deadlines_beside_the_other_panels_reaches_the_caller(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    import caseworker.services.board.service as board_service

    def fails(*_args: object, **_kwargs: object) -> list[object]:
        raise ServerUnavailableError("Le serveur de l'équipe n'a pas répondu à temps : rien n'a été enregistré.")

    monkeypatch.setattr(board_service, "deadline_lines", fails)
    with pytest.raises(ServerUnavailableError):
        services.board.board()
    assert gc.isenabled()  # the collector paused during the reading is on again


def test_reviews_and_the_decision_before_the_planned_end(services: Services, clock: FixedClock) -> None:
    clock.today_value = MONDAY
    household, _ = followed(services, "Anne", start=D(2026, 5, 16))  # bilan d'entrée one month later: 16 June
    ending, _ = followed(services, "Bruno", start=D(2026, 1, 15))  # ends 14 July: decision due 14 June (outside)
    closing, _ = followed(services, "Chloé", start=D(2026, 1, 18))  # ends 17 July: decision due 17 June
    found = rows(services.board.board(), PanelKind.DEADLINES)
    assert [(row.what, row.when) for row in found if row.household_id == household] == [
        ("Bilan d'entrée · AVDL (accompagnement vers et dans le logement)", D(2026, 6, 16))
    ]
    assert not [row for row in found if row.household_id == ending and row.what.startswith("Décision")]
    decisions = [row for row in found if row.household_id == closing and row.what.startswith("Décision")]
    assert [row.when for row in decisions] == [D(2026, 6, 17)]
    assert decisions[0].what == "Décision : sortie, prolongation ou passage de relais (fin prévue le 17/07/2026)"


# ------------------------------------------------------------------------------------------- 5. suspensions


def test_suspensions_due_for_review_and_their_reason_hidden_in_meeting_mode(
    services: Services, clock: FixedClock
) -> None:
    clock.today_value = MONDAY
    due, due_episode = followed(services, "Anne", start=D(2026, 1, 5))
    later, later_episode = followed(services, "Bruno", start=D(2026, 1, 5))
    for episode, review in ((due_episode, D(2026, 6, 10)), (later_episode, D(2026, 6, 30))):
        services.episodes.suspend(
            episode,
            SuspensionInput(D(2026, 3, 1), "incarceration", review),
            expected_version=current_version(services.episodes, "suspend", episode),
        )
    found = rows(services.board.board(), PanelKind.SUSPENSIONS)
    assert [row.household_id for row in found] == [due]
    assert "Incarcération" in found[0].what
    assert found[0].words == "Revue prévue le 10/06/2026, en retard de 5 jours"
    assert found[0].overdue and found[0].tab is FileTab.SUPPORT
    projected = rows(services.board.board(meeting_mode=True), PanelKind.SUSPENSIONS)
    assert [row.household_id for row in projected] == [due]
    assert "Incarcération" not in projected[0].what and "suspendu temporairement" in projected[0].what
    assert later not in {row.household_id for row in projected}


# ------------------------------------------------------------------------------------------- 6. waiting list


def test_waiting_list_with_waiting_days_and_the_commissions_decision(services: Services, clock: FixedClock) -> None:
    clock.today_value = MONDAY
    candidate = new_household(services, "Anne", "Durand")
    with_coordinator(services, candidate.id)
    episode = services.episodes.open_episode(
        candidate.id, OrientationInput(measure_code="avdl", orientation_date=D(2026, 5, 1))
    )
    other = new_household(services, "Bruno", "Petit")
    with_coordinator(services, other.id)
    services.episodes.open_episode(other.id, OrientationInput(measure_code="asll", orientation_date=D(2026, 6, 1)))
    found = rows(services.board.board(), PanelKind.WAITING)
    assert [(row.household_id, row.when, row.waiting_days, row.decision) for row in found] == [
        (candidate.id, D(2026, 5, 1), 45, ""),
        (other.id, D(2026, 6, 1), 14, ""),
    ]
    assert found[0].words == "En attente depuis 45 jours"
    with services.context.transaction() as session:
        commission = session.scalars(select(MeetingType).where(MeetingType.code == "commission_admission")).one()
        meeting = Meeting(meeting_type_id=commission.id, held_on=D(2026, 6, 10), status=MeetingStatus.HELD)
        session.add(meeting)
        session.flush()
        session.add(
            MeetingDecision(
                meeting_id=meeting.id,
                household_id=candidate.id,
                episode_id=episode.id,
                kind=DecisionKind.ORIENTATION_ACCEPTED,
                decided_on=D(2026, 6, 10),
                summary="",
            )
        )
    decided = rows(services.board.board(), PanelKind.WAITING, candidate.id)[0]
    assert decided.decision == "Commission du 10/06/2026 : accord"
    assert decided.words == "En attente depuis 45 jours · Commission du 10/06/2026 : accord"
    # Only the longest waits are shown (and worded), all of them counted.
    first = services.board.board(rows_per_panel=1).panel(PanelKind.WAITING)
    assert [(row.household_id, row.decision) for row in first.rows] == [(candidate.id, decided.decision)]
    assert first.total == 2
    # The measure filter keeps the candidates of that measure.
    asll = next(item for item in services.board.choices().measures if item.label == "ASLL (FSL)")
    assert [
        row.household_id for row in rows(services.board.board(BoardFilter(measure_id=asll.id)), PanelKind.WAITING)
    ] == [other.id]


# ------------------------------------------------------------------------------------------- 7. caseloads


def test_caseloads_weighted_against_target(services: Services, clock: FixedClock) -> None:
    clock.today_value = MONDAY
    followed(services, "Anne", start=D(2026, 1, 5))  # renforcé: 2
    followed(services, "Bruno", start=D(2026, 1, 5), level="standard")  # standard: 1
    claire = services.context.actor.staff_member_id
    row = next(row for row in rows(services.board.board(), PanelKind.CASELOADS) if row.staff_member_id == claire)
    assert (row.households, row.weighted_load, row.target) == (2, 3.0, 25.0)
    assert row.words == "Charge pondérée 3,0 pour une cible de 25,0 : dans la cible"
    assert not row.overdue and row.household_id is None and row.tab is None


# ------------------------------------------------------------------------------------------- visibility, filters


def test_a_referent_sees_only_their_households_and_the_team_lead_sees_all(
    services: Services, act_as: ActAs, clock: FixedClock
) -> None:
    clock.today_value = MONDAY
    mine, _ = followed(services, "Anne", start=D(2026, 1, 5))
    claire = services.context.actor.staff_member_id
    partner = services.directory.create_organisation(OrganisationInput(name="CCAS de Rennes", kind_code="ccas"))
    colleague = services.directory.create_staff(
        StaffInput(first_name="Paul", last_name="Roux", role_code="travailleur_social", organisation_id=partner.id)
    )
    lead = team_lead(services)
    act_as(services, colleague.id)
    # Nobody reached them yet: past the threshold; their first review falls on Wednesday 17/06.
    theirs, _ = followed(services, "Bruno", "Petit", start=D(2026, 5, 17))
    contact_at(services, theirs, datetime(2026, 6, 12, 10, 0, tzinfo=PARIS), outcome="porte_close")  # Friday
    act_as(services, claire)
    seen = services.board.board()
    everything = {row.household_id for panel in seen.panels for row in panel.rows if row.household_id}
    assert theirs not in everything
    assert mine in everything
    act_as(services, colleague.id)
    assert theirs in {row.household_id for row in rows(services.board.board(), PanelKind.NO_CONTACT)}
    assert theirs in {row.household_id for row in rows(services.board.board(), PanelKind.DEADLINES)}
    assert theirs in {row.household_id for row in rows(services.board.board(), PanelKind.CONTACTS)}
    assert mine not in {row.household_id for panel in services.board.board().panels for row in panel.rows}
    act_as(services, lead.id)
    whole = services.board.board()
    assert {mine, theirs} <= {row.household_id for row in rows(whole, PanelKind.NO_CONTACT)}
    # Filters: the partner's team, one referent.
    by_team = services.board.board(BoardFilter(organisation_id=partner.id))
    assert {row.household_id for row in rows(by_team, PanelKind.NO_CONTACT)} == {theirs}
    assert {row.staff_member_id for row in rows(by_team, PanelKind.CASELOADS)} == {colleague.id}
    by_referent = services.board.board(BoardFilter(referent_id=claire))
    assert {row.household_id for row in rows(by_referent, PanelKind.NO_CONTACT)} == {mine}
    choices = services.board.choices()
    assert {"Association Le Toit", "CCAS de Rennes"} <= {item.label for item in choices.organisations}
    assert {"Paul ROUX", "Claire MARTIN"} <= {item.label for item in choices.referents}


def test_an_unknown_filter_is_refused_in_french(services: Services) -> None:
    with pytest.raises(ValidationError) as raised:
        services.board.board(BoardFilter(referent_id=999_999))
    assert raised.value.errors == {"referent_id": "Référent : choisissez-le dans la liste."}


# ------------------------------------------------------------------------------------------- meeting mode


def test_meeting_mode_shows_initials_when_asked_and_never_a_health_topic(services: Services, clock: FixedClock) -> None:
    clock.today_value = MONDAY
    household, _ = followed(services, "Anne", "Durand", start=D(2026, 1, 5))
    contact_at(
        services,
        household,
        datetime(2026, 6, 12, 10, 0, tzinfo=PARIS),
        topic_codes=("sante_mentale", "recherche_logement"),
        note="Texte de la note, jamais au tableau",
    )
    normal = rows(services.board.board(), PanelKind.CONTACTS, household)[0]
    assert normal.who == "DURAND Anne"
    assert "Santé mentale" in normal.words
    projected = services.board.board(meeting_mode=True, initials=True)
    row = rows(projected, PanelKind.CONTACTS, household)[0]
    assert (row.who, row.display_name, row.initials) == ("D. A.", "", "D. A.")
    assert "Santé mentale" not in row.words and "Recherche de logement" in row.words
    texts = [f"{r.who} {r.display_name} {r.what} {r.words}" for panel in projected.panels for r in panel.rows]
    assert not any("Durand" in text or "DURAND" in text or "Texte de la note" in text for text in texts)
    named = rows(services.board.board(meeting_mode=True), PanelKind.CONTACTS, household)[0]
    assert named.who == "DURAND Anne"  # initials only when asked


def test_initials() -> None:
    assert initials_of("DURAND Anne") == "D. A."
    assert initials_of("ÇELIK Hélène") == "Ç. H."
    assert initials_of("« Lulu »") == "L."
    assert initials_of("(sans nom)") == "—"


def test_every_row_opens_a_tab_of_the_file(services: Services, supported: Supported, clock: FixedClock) -> None:
    clock.today_value = MONDAY
    board = services.board.board()
    assert [panel.kind for panel in board.panels] == list(PanelKind)
    for panel in board.panels:
        for row in panel.rows:
            assert (row.tab is None) == (row.household_id is None)
    assert board.panel(PanelKind.CASELOADS).count >= 1
    assert board.panel(PanelKind.ALERTS).count == 0
