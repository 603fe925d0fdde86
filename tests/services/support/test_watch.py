"""The watch list (veille): a « prendre des nouvelles » task every N weeks until removed (docs/domain.md §14.2, F62).

A failed attempt is trying, not news: it leaves the task open. News (a contact reaching the household, or an
identified drop-in visit) closes it, and the next one falls N weeks later.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from caseworker.domain import ObjectivesMet
from caseworker.domain.aftercare import AfterCareKind
from caseworker.domain.debrief import AutomaticReason, TaskStatus
from caseworker.services import Services
from caseworker.services.directory import OrganisationView
from caseworker.services.errors import ValidationError
from caseworker.services.support import AfterCareInput, ContactInput, ExitInput
from tests.services.contract_builders import Supported, supported_household
from tests.support import FixedClock
from tests.support.row_versions import current_version

D = date


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


def watch_tasks(services: Services, household_id: int) -> list[tuple[date, TaskStatus]]:
    return [
        (task.due_on, task.status)
        for task in services.tasks.household_tasks(household_id)
        if task.reason is AutomaticReason.WATCH
    ]


def test_a_watched_household_gets_its_task_every_n_weeks_until_removed(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    household = supported.household_id
    watch = services.watch.put_on(household, every_weeks=6, on=D(2026, 6, 1), note="Fragile depuis la sortie")
    assert (watch.next_due, watch.last_news, watch.attempts_since) == (D(2026, 7, 13), None, 0)

    clock.today_value = D(2026, 7, 1)  # more than a week before: no task yet
    services.automatic_tasks.refresh()
    assert watch_tasks(services, household) == []

    clock.today_value = D(2026, 7, 8)
    services.automatic_tasks.refresh()
    [task] = [item for item in services.tasks.household_tasks(household) if item.reason is AutomaticReason.WATCH]
    assert task.title.startswith("Prendre des nouvelles du ménage (veille toutes les 6 semaines ; mis en veille le")
    assert (task.due_on, task.owner_name) == (D(2026, 7, 13), "Claire MARTIN")

    # A failed attempt is trying, not news: the task stays open.
    clock.today_value = D(2026, 7, 9)
    services.contacts.record_contact(household, ContactInput(at(D(2026, 7, 9)), "visite_domicile", "porte_close"))
    services.automatic_tasks.refresh()
    assert watch_tasks(services, household) == [(D(2026, 7, 13), TaskStatus.OPEN)]
    [view] = services.watch.watch_for(household)
    assert (view.attempts_since, view.last_news) == (1, None)

    # News closes it by itself; the next falls six weeks after the news.
    clock.today_value = D(2026, 7, 15)
    services.contacts.record_contact(household, ContactInput(at(D(2026, 7, 15)), "telephone", "rencontre"))
    services.automatic_tasks.refresh()
    assert watch_tasks(services, household) == [(D(2026, 7, 13), TaskStatus.DONE)]
    [view] = services.watch.watch_for(household)
    assert (view.last_news, view.next_due, view.attempts_since) == (D(2026, 7, 15), D(2026, 8, 26), 0)
    clock.today_value = D(2026, 8, 20)
    services.automatic_tasks.refresh()
    assert (D(2026, 8, 26), TaskStatus.OPEN) in watch_tasks(services, household)

    # Taken off the list: no more task, the open one closes.
    services.watch.take_off(view.id, reason="Le ménage va bien", expected_version=view.row_version)
    services.automatic_tasks.refresh()
    assert all(status is TaskStatus.DONE for _due, status in watch_tasks(services, household))
    assert services.watch.watch_list() == []


def test_watch_list_input_is_checked_in_french(services: Services, supported: Supported) -> None:
    with pytest.raises(ValidationError, match="de 1 à 26 semaines"):
        services.watch.put_on(supported.household_id, every_weeks=0)
    watch = services.watch.put_on(supported.household_id)
    assert watch.every_weeks == 6
    with pytest.raises(ValidationError, match="déjà sur la liste de veille"):
        services.watch.put_on(supported.household_id)
    with pytest.raises(ValidationError, match="Motif"):
        services.watch.take_off(watch.id, reason="  ", expected_version=watch.row_version)
    changed = services.watch.change_rhythm(watch.id, 3, expected_version=watch.row_version)
    assert changed.every_weeks == 3 and changed.next_due == watch.start_date + timedelta(weeks=3)
    [listed] = services.watch.watch_list()
    assert listed.id == watch.id


def test_the_after_care_referent_holds_the_tasks_and_is_reminded_of_the_window(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    from tests.services.support.test_aftercare import colleague

    julie = colleague(services, supported.household_id)
    services.episodes.close(
        supported.episode_id,
        ExitInput(
            end_date=D(2026, 2, 2),
            reason_code="logement_autonome",
            objectives_met=ObjectivesMet.OUI,
            waiver_reason="Relais inutile",
            after_care=AfterCareInput(AfterCareKind.VEILLE, "fondation", julie, months=6, watch_weeks=6),
        ),
        expected_version=current_version(services.episodes, "close", supported.episode_id),
    )
    clock.today_value = D(2026, 7, 28)
    services.automatic_tasks.refresh()
    tasks = {task.reason: task for task in services.tasks.household_tasks(supported.household_id)}
    assert tasks[AutomaticReason.AFTER_CARE_END].owner_name == "Julie ROBIN"
    assert tasks[AutomaticReason.AFTER_CARE_END].due_on == D(2026, 8, 1)
    assert tasks[AutomaticReason.WATCH].owner_name == "Julie ROBIN"
    # The household is in after-care, not in support: no « no contact » task for it.
    assert AutomaticReason.NO_CONTACT not in tasks
