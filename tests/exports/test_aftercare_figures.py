"""The « Après-accompagnement » counts of caseworker/exports/aftercare_figures.py on hand-built facts (§14.6)."""

from __future__ import annotations

from datetime import date, timedelta

from caseworker.domain import EpisodeStatus
from caseworker.domain.aftercare import AfterCareKind
from caseworker.exports.aftercare_figures import AfterCareFact, households_in_after_care, reactivations
from caseworker.exports.facts import EpisodeFact, ExportScope, Members
from caseworker.exports.protection import protect_report
from caseworker.exports.report import ExportParameters, Report

START, END = date(2026, 1, 1), date(2026, 6, 30)
SCOPE = ExportScope(("avdl",), START, END, END)
PARAMETERS = ExportParameters("p", "Profil", ("AVDL",), START, END, END)


def _care(household: int, start: date, *, months_end: date, ended: date | None = None) -> AfterCareFact:
    return AfterCareFact(household, AfterCareKind.DROITS_DE_SUITE, start, months_end, ended)


def test_after_care_runs_from_the_exit_day_to_its_window_until_the_day_before_it_ended() -> None:
    care = _care(1, date(2025, 12, 1), months_end=date(2026, 11, 30), ended=date(2026, 3, 2))
    assert care.runs_on(date(2025, 12, 1)) and care.runs_on(date(2026, 3, 1))
    assert not care.runs_on(date(2026, 3, 2)) and not care.runs_on(date(2025, 11, 30))
    assert care.first_day_in(SCOPE) == START
    stopped_on_the_first_day = _care(2, date(2025, 9, 1), months_end=date(2026, 8, 31), ended=START)
    assert stopped_on_the_first_day.first_day_in(SCOPE) is None
    window_passed = _care(3, date(2025, 1, 1), months_end=START - timedelta(days=1))
    assert window_passed.first_day_in(SCOPE) is None  # left « à clore »: no longer running anywhere
    later = _care(4, date(2026, 5, 10), months_end=date(2027, 5, 9))
    assert later.first_day_in(SCOPE) == date(2026, 5, 10)


def test_households_in_after_care_count_their_persons_on_their_first_day_in_the_period() -> None:
    members = Members()
    members.periods[1] = [(date(2020, 1, 1), None), (date(2026, 2, 1), None)]  # a child born in February
    members.periods[2] = [(date(2020, 1, 1), None)]
    cares = [
        _care(1, date(2025, 12, 1), months_end=date(2026, 11, 30)),
        _care(2, date(2026, 3, 1), months_end=date(2027, 2, 28)),
        AfterCareFact(2, AfterCareKind.VEILLE, date(2024, 1, 1), date(2024, 12, 31), None),  # before: not counted
    ]
    households, persons = households_in_after_care(cares, members, SCOPE)
    assert households.rows == ("Droits de suite", "Service après-vente", "Veille")
    assert households.counts == ((2,), (0,), (0,)) and persons.counts == ((2,), (0,), (0,))
    cares.append(_care(1, date(2026, 2, 15), months_end=date(2027, 2, 14)))  # a second after-care of household 1
    _households, persons = households_in_after_care(cares, members, SCOPE)
    assert persons.counts == ((4,), (0,), (0,))


def _entrant(number: int, start: date, previous: int | None) -> EpisodeFact:
    return EpisodeFact(
        id=number,
        household_id=number,
        measure_code="avdl",
        status=EpisodeStatus.ACTIF,
        orientation=start - timedelta(days=10),
        start=start,
        end=None,
        reentry=previous is not None,
        referral_source="SIAO",
        exit_reason=None,
        exit_reason_code=None,
        destination=None,
        destination_housed=None,
        previous_id=previous,
    )


def test_reactivations_are_the_period_entries_that_follow_a_previous_support() -> None:
    members = Members()
    for number in range(1, 6):
        members.periods[number] = [(date(2020, 1, 1), None)] * number
    episodes = [
        _entrant(1, date(2026, 2, 1), previous=101),  # reactivated from its after-care
        _entrant(2, date(2026, 3, 1), previous=102),  # came back after a closed support
        _entrant(3, date(2025, 12, 1), previous=103),  # before the period
        _entrant(4, date(2026, 4, 1), previous=None),  # a first entry
    ]
    households, persons = reactivations(episodes, members, SCOPE, {101, 103})
    assert households.counts == ((1,), (1,)) and persons.counts == ((1,), (2,))
    protected = protect_report(Report(PARAMETERS, (households, persons), (), ()))
    assert all(cell.value is None for table in protected.tables for line in table.cells for cell in line)
