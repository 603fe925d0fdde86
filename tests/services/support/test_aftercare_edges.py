"""After-care at its edges (docs/domain.md §14.1–§14.3): backdated steps, windows that passed, chains of episodes,
a second support beside the after-care, the watch list kept single. Each was a defect a review proved first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from caseworker.domain import AlertChannel, EpisodeStatus, ObjectivesMet
from caseworker.domain.aftercare import AfterCareEndReason, AfterCareKind
from caseworker.domain.debrief import AutomaticReason, TaskStatus
from caseworker.services import Services
from caseworker.services.alerts import AlertInput
from caseworker.services.directory import OrganisationView
from caseworker.services.errors import ValidationError
from caseworker.services.support import AfterCareInput, ContactInput, ExitInput, ReactivationInput
from tests.services.conftest import ActAs
from tests.services.contract_builders import Supported, supported_household
from tests.services.support.test_aftercare import EXIT, colleague, into_after_care, local
from tests.support import FixedClock
from tests.support.row_versions import current_version

D = date


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


def version(services: Services, episode_id: int) -> int:
    return current_version(services.episodes, "close", episode_id)


# ----------------------------------------------------------------------- 1. contact.after_care goes stale


def test_a_backdated_exit_into_after_care_flags_the_contacts_already_recorded_after_it(
    services: Services, supported: Supported
) -> None:
    """Exits are recorded after the fact: contacts logged meanwhile fall in after-care, outside any support."""
    julie = colleague(services, supported.household_id)
    # 03/03: support still runs in the record, the contact is an ordinary one.
    contact = services.contacts.record_contact(
        supported.household_id, ContactInput(local(2026, 3, 3, 10, 0), "telephone", "rencontre")
    )
    assert contact.after_care is False
    # 15/06: the exit of 02/02 into after-care is recorded.
    into_after_care(services, supported, julie)
    [view] = [item for item in services.contacts.contacts_for(supported.household_id) if item.id == contact.id]
    # §14.1: no running support on 03/03 and after-care runs then: an after-care contact.
    assert view.after_care is True


def test_a_backdated_reactivation_unflags_the_contacts_now_inside_the_new_support(
    services: Services, supported: Supported
) -> None:
    julie = colleague(services, supported.household_id)
    into_after_care(services, supported, julie)
    contact = services.contacts.record_contact(
        supported.household_id, ContactInput(local(2026, 6, 10, 10, 0), "visite_domicile", "rencontre")
    )
    assert contact.after_care is True
    services.reactivation.reactivate(
        supported.episode_id,
        ReactivationInput(on=D(2026, 6, 1), level_code="renforce"),
        expected_version=version(services, supported.episode_id),
    )
    [view] = [item for item in services.contacts.contacts_for(supported.household_id) if item.id == contact.id]
    # Support runs again since 01/06: the contact of 10/06 is the measure's activity.
    assert view.after_care is False


# ------------------------------------------------------------ 2. an after-care ended late runs past its window


def test_ending_a_window_that_passed_does_not_make_it_run_again_past_its_last_day(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    julie = colleague(services, supported.household_id)
    into_after_care(services, supported, julie, months=2)  # last day 01/04/2026
    # 15/06 (TODAY): « à clore »; the dialog proposes today as the end date.
    services.after_care.end(
        supported.episode_id,
        reason=AfterCareEndReason.FIN_DE_FENETRE,
        on=clock.today(),
        expected_version=version(services, supported.episode_id),
    )
    [after_care] = services.after_care.after_care_for(supported.household_id)
    assert after_care.last_day == D(2026, 4, 1)  # got 14/06/2026
    assert not after_care.running_on(D(2026, 5, 10))
    contact = services.contacts.record_contact(
        supported.household_id, ContactInput(local(2026, 5, 10, 10, 0), "telephone", "rencontre")
    )
    assert contact.after_care is False  # the window was over on 10/05


# --------------------------------------------------------------------------------------- 3. the watch list


def test_an_exit_onto_the_watch_list_does_not_make_a_second_current_entry(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    julie = colleague(services, supported.household_id)
    services.watch.put_on(supported.household_id, every_weeks=6, on=D(2026, 1, 10))
    into_after_care(services, supported, julie, kind=AfterCareKind.VEILLE, watch_weeks=6)
    current = [view for view in services.watch.watch_for(supported.household_id) if view.is_current]
    assert len(current) == 1  # got 2: two « prendre des nouvelles » tasks each cycle
    clock.today_value = D(2026, 6, 15)
    services.automatic_tasks.refresh()
    open_watch = [
        task
        for task in services.tasks.household_tasks(supported.household_id)
        if task.reason is AutomaticReason.WATCH and task.status is TaskStatus.OPEN
    ]
    assert len(open_watch) == 1


def test_a_reactivation_takes_the_household_off_the_watch_list_even_when_put_on_from_the_support_tab(
    services: Services, supported: Supported
) -> None:
    """§14.2: « Taking the household off the list (a reason) ends it; a reactivation does too »."""
    julie = colleague(services, supported.household_id)
    into_after_care(services, supported, julie)  # the watch box left unticked
    services.watch.put_on(supported.household_id, every_weeks=4, on=D(2026, 3, 1))  # « Mettre en veille… »
    services.reactivation.reactivate(
        supported.episode_id,
        ReactivationInput(on=D(2026, 6, 15), level_code="renforce"),
        expected_version=version(services, supported.episode_id),
    )
    assert [view for view in services.watch.watch_for(supported.household_id) if view.is_current] == []


# ------------------------------------------------------------------ 4. one episode under way per measure


def test_an_older_closed_episode_cannot_be_reactivated_while_its_successor_is_in_after_care(
    services: Services, supported: Supported
) -> None:
    julie = colleague(services, supported.household_id)
    first = supported.episode_id
    services.episodes.close(
        first,
        ExitInput(
            end_date=EXIT,
            reason_code="logement_autonome",
            objectives_met=ObjectivesMet.OUI,
            waiver_reason="Le ménage ne souhaite pas de relais.",
        ),
        expected_version=version(services, first),
    )
    second = services.reactivation.reactivate(
        first, ReactivationInput(on=D(2026, 3, 1), level_code="renforce"), expected_version=version(services, first)
    )
    services.episodes.close(
        second.id,
        ExitInput(
            end_date=D(2026, 4, 1),
            reason_code="logement_autonome",
            objectives_met=ObjectivesMet.OUI,
            waiver_reason="Le ménage ne souhaite pas de relais.",
            after_care=AfterCareInput(AfterCareKind.DROITS_DE_SUITE, "fondation", julie),
        ),
        expected_version=version(services, second.id),
    )
    # The support tab still offers « Réactiver » on the first episode (it is clôturé).
    with pytest.raises(ValidationError):
        services.reactivation.reactivate(
            first,
            ReactivationInput(on=D(2026, 5, 1), level_code="renforce"),
            expected_version=version(services, first),
        )
    statuses = sorted(episode.status.value for episode in services.episodes.episodes_for(supported.household_id))
    assert statuses == sorted([EpisodeStatus.CLOTURE.value, EpisodeStatus.APRES_ACCOMPAGNEMENT.value])


# ------------------------------------------------- 5. a second episode running beside the after-care


def test_a_landlord_alert_goes_to_the_running_support_not_to_the_after_care_of_another_measure(
    services: Services, supported: Supported
) -> None:
    from caseworker.services.support import OrientationInput

    julie = colleague(services, supported.household_id)
    into_after_care(services, supported, julie)  # AVDL: after-care with Julie until 01/02/2027
    other = services.episodes.open_episode(
        supported.household_id,
        OrientationInput(measure_code="asll", orientation_date=D(2026, 3, 1), referral_source_code="siao"),
    )
    services.episodes.activate(
        other.id,
        on=D(2026, 3, 15),
        level_code="soutenu",
        expected_version=current_version(services.episodes, "activate", other.id),
    )
    # A contact now is the ASLL's activity (is_after_care_day says so)...
    contact = services.contacts.record_contact(
        supported.household_id, ContactInput(local(2026, 6, 2, 10, 0), "telephone", "rencontre")
    )
    assert contact.after_care is False
    # ...but the landlord's alert of the same day is routed as if the household had left support.
    alert = services.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            supported.landlord.id,
            local(2026, 6, 2, 9, 30),
            AlertChannel.TELEPHONE,
            description="Deux mois de loyer impayés.",
            amount=Decimal("825.00"),
            partner_contact_id=supported.contact_id,
        )
    )
    assert alert.after_sales is None  # got « Ménage sorti — suivi post-accompagnement … » with « Réactiver »
    email = services.alerts.acknowledgement_email(alert.id)
    assert "Le référent coordinateur de l'accompagnement est Claire MARTIN" in email.body


# -------------------------------------------------------- 6. the exit service closes an episode in after-care


def test_an_episode_in_after_care_is_not_closed_again_by_the_exit_service(
    services: Services, supported: Supported
) -> None:
    """§14.1: after-care ends with a reason (« Clore le suivi »); a second exit is refused with a French message."""
    from caseworker.errors import KnownError

    julie = colleague(services, supported.household_id)
    into_after_care(services, supported, julie)
    with pytest.raises(KnownError):  # a COSI « sortie » decision goes through the same close_in
        services.episodes.close(
            supported.episode_id,
            ExitInput(
                end_date=D(2026, 6, 1),
                reason_code="logement_autonome",
                objectives_met=ObjectivesMet.OUI,
                waiver_reason="Relais inutile",
            ),
            expected_version=version(services, supported.episode_id),
        )


# ------------------------------------------------------------------------------------------ 7. French


def test_a_weekly_watch_reads_in_french(services: Services, supported: Supported, clock: FixedClock) -> None:
    services.watch.put_on(supported.household_id, every_weeks=1, on=D(2026, 6, 10))
    services.automatic_tasks.refresh()
    [task] = [
        task for task in services.tasks.household_tasks(supported.household_id) if task.reason is AutomaticReason.WATCH
    ]
    assert "toutes les 1 semaines" not in task.title


# -------------------------------------------------------------------- 8. nobody coordinates at reactivation


def test_reactivation_brings_back_the_team_that_left_and_its_coordinator(
    services: Services, supported: Supported
) -> None:
    julie = colleague(services, supported.household_id)
    services.episodes.close(
        supported.episode_id,
        ExitInput(
            end_date=EXIT,
            reason_code="logement_autonome",
            objectives_met=ObjectivesMet.OUI,
            waiver_reason="Le ménage ne souhaite pas de relais.",
        ),
        expected_version=version(services, supported.episode_id),
    )
    # After the exit the whole team leaves: Julie, then Claire, who coordinated (support no longer runs).
    team = {item.staff_member_id: item for item in services.team.team(supported.household_id)}
    services.team.end_membership(team[julie].id, end_date=D(2026, 3, 1), reason="Fin")
    claire = next(staff_id for staff_id, item in team.items() if item.is_coordinator)
    services.team.end_membership(team[claire].id, end_date=D(2026, 3, 2), reason="Fin")
    proposal = services.reactivation.proposal(supported.episode_id)
    assert proposal.coordinator == "" and proposal.current_team == []
    assert {choice.label for choice in proposal.former_members} == {"Claire MARTIN", "Julie ROBIN"}
    with pytest.raises(ValidationError, match="Personne ne coordonne"):
        services.reactivation.reactivate(
            supported.episode_id,
            ReactivationInput(on=D(2026, 6, 1), level_code="renforce"),
            expected_version=proposal.previous_version,
        )
    new = services.reactivation.reactivate(
        supported.episode_id,
        ReactivationInput(on=D(2026, 6, 1), level_code="renforce", rejoin_staff_ids=(claire, julie)),
        expected_version=proposal.previous_version,
    )
    assert new.status is EpisodeStatus.ACTIF
    coordinator = services.team.current_coordinator(supported.household_id)
    assert coordinator is not None and coordinator.staff_member_id == claire


def test_the_after_care_referent_gets_only_the_alerts_that_came_during_it(
    services: Services, supported: Supported, act_as: ActAs
) -> None:
    from caseworker.services.alerts import AlertFilter

    julie = colleague(services, supported.household_id)
    [membership] = [item for item in services.team.team(supported.household_id) if item.staff_member_id == julie]
    before = services.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            supported.landlord.id,
            local(2026, 1, 20, 9, 0),
            AlertChannel.TELEPHONE,
            description="Relance",
        )
    )
    into_after_care(services, supported, julie)
    during = services.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            supported.landlord.id,
            local(2026, 5, 20, 9, 0),
            AlertChannel.TELEPHONE,
            description="Deux mois impayés",
        )
    )
    services.team.end_membership(membership.id, end_date=D(2026, 6, 1), reason="Reste joignable hors équipe")
    act_as(services, julie)
    mine = {row.id for row in services.alerts.inbox(AlertFilter(mine=True))}
    assert during.id in mine or not mine  # off the team, she may not see the household's alerts at all
    assert before.id not in mine


def test_my_households_says_both_the_after_care_and_a_waiting_referral(
    services: Services, supported: Supported
) -> None:
    from caseworker.services.support import OrientationInput

    julie = colleague(services, supported.household_id)
    into_after_care(services, supported, julie)
    services.episodes.open_episode(
        supported.household_id, OrientationInput(measure_code="asll", orientation_date=D(2026, 6, 1))
    )
    [row] = [row for row in services.my_households.for_staff(julie) if row.household_id == supported.household_id]
    assert row.status_label.startswith("Suivi post-accompagnement jusqu'au 01/02/2027 · ")
