"""Property tests: random step sequences never reach an invalid episode, and derived days always add up."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from caseworker.domain import DurationPolicy, EpisodeStatus, ObjectivesMet
from caseworker.services import Services
from caseworker.services.directory import StaffInput
from caseworker.services.errors import TransitionError, ValidationError
from caseworker.services.support import (
    EpisodeView,
    ExitInput,
    ExtensionInput,
    IntensityChangeInput,
    OrientationInput,
    SuspensionInput,
)
from caseworker.services.support.durations import DurationRule, Period, durations
from caseworker.services.support.states import ENDED, RUNNING, TRANSITIONS, WAITING, check_transition
from tests.services.builders import TODAY, new_household
from tests.services.conftest import ActAs
from tests.services.support.test_episodes import with_coordinator
from tests.support.row_versions import current_version

FIRST_DAY = date(2025, 1, 1)
LEVELS = ("renforce", "soutenu", "standard", "veille", "droits_de_suite")
MEASURES = ("avdl", "asll", "iml_sous_location", "chez_soi_dabord", "programme_local", "chrs_hors_les_murs")

days = st.integers(min_value=0, max_value=(TODAY - FIRST_DAY).days)


def check_consistent(view: EpisodeView, today: date) -> None:
    """Everything that must hold for any episode, whatever happened to it."""
    assert view.transitions[-1].to_status is view.status
    for before, after in pairwise(view.transitions):
        assert after.from_status is before.to_status
        assert after.to_status in TRANSITIONS[before.to_status]
        assert after.effective_date >= before.effective_date
    open_suspensions = [item for item in view.suspensions if item.end_date is None]
    assert len(open_suspensions) == (1 if view.status is EpisodeStatus.SUSPENDU else 0)
    open_periods = [item for item in view.intensity if item.end_date is None]
    assert len(open_periods) == (1 if view.status in RUNNING else 0)
    if view.status in WAITING:
        assert view.start_date is None and not view.intensity
    periods = sorted(view.intensity, key=lambda item: item.start_date)
    if periods:
        assert periods[0].start_date == view.start_date
    for before, after in pairwise(periods):
        assert before.end_date == after.start_date - timedelta(days=1)
    figures = view.durations
    assert figures.days_active + figures.days_suspended == figures.span_days
    assert sum(figures.days_by_level.values()) == figures.days_active
    assert all(value > 0 for value in figures.days_by_level.values())
    if view.status in ENDED:
        assert view.end_date is not None
    if view.extensions_left is not None:
        assert view.extensions_left >= 0
    assert view.start_date is None or view.start_date <= today


class EpisodeMachine(RuleBasedStateMachine):
    """Random steps on one episode; refused steps change nothing, accepted ones keep it consistent."""

    services: Services
    lead_id: int
    user_id: int
    act_as: ActAs

    def __init__(self) -> None:
        super().__init__()
        self.episode_id = 0
        self.cursor = FIRST_DAY

    @initialize(measure=st.sampled_from(MEASURES))
    def open(self, measure: str) -> None:
        household = new_household(self.services)
        with_coordinator(self.services, household.id, since=FIRST_DAY)
        self.episode_id = self.services.episodes.open_episode(
            household.id, OrientationInput(measure_code=measure, orientation_date=FIRST_DAY)
        ).id

    def _attempt(self, action: object, *args: object) -> None:
        before = self.services.episodes.episode(self.episode_id)
        try:
            action(*args)  # type: ignore[operator]
        except (ValidationError, TransitionError):
            assert self.services.episodes.episode(self.episode_id) == before

    def _day(self, offset: int) -> date:
        return FIRST_DAY + timedelta(days=offset)

    @rule(offset=days)
    def agree(self, offset: int) -> None:
        self._attempt(
            lambda: self.services.episodes.agree(
                self.episode_id,
                on=self._day(offset),
                expected_version=current_version(self.services.episodes, "agree", self.episode_id),
            )
        )

    @rule(offset=days)
    def wait(self, offset: int) -> None:
        self._attempt(
            lambda: self.services.episodes.put_on_waiting_list(
                self.episode_id,
                on=self._day(offset),
                expected_version=current_version(self.services.episodes, "put_on_waiting_list", self.episode_id),
            )
        )

    @rule(offset=days, level=st.sampled_from((*LEVELS, "inconnu")))
    def activate(self, offset: int, level: str) -> None:
        self._attempt(
            lambda: self.services.episodes.activate(
                self.episode_id,
                on=self._day(offset),
                level_code=level,
                expected_version=current_version(self.services.episodes, "activate", self.episode_id),
            )
        )

    @rule(offset=days, level=st.sampled_from(LEVELS))
    def change_intensity(self, offset: int, level: str) -> None:
        self._attempt(
            lambda: self.services.episodes.change_intensity(
                self.episode_id,
                IntensityChangeInput(level, self._day(offset)),
                expected_version=current_version(self.services.episodes, "change_intensity", self.episode_id),
            )
        )

    @rule(offset=days, reason=st.sampled_from(("hospitalisation", "incarceration", "autre")))
    def suspend(self, offset: int, reason: str) -> None:
        self._attempt(
            lambda: self.services.episodes.suspend(
                self.episode_id,
                SuspensionInput(self._day(offset), reason),
                expected_version=current_version(self.services.episodes, "suspend", self.episode_id),
            )
        )

    @rule(offset=days, level=st.none() | st.sampled_from(LEVELS))
    def resume(self, offset: int, level: str | None) -> None:
        self._attempt(
            lambda: self.services.episodes.resume(
                self.episode_id,
                on=self._day(offset),
                level_code=level,
                expected_version=current_version(self.services.episodes, "resume", self.episode_id),
            )
        )

    @rule(offset=days, months=st.none() | st.integers(min_value=-1, max_value=70))
    def extend(self, offset: int, months: int | None) -> None:
        # The team lead records the extension they approve (on the server, as themself), then hands back.
        type(self).act_as(self.services, self.lead_id)
        try:
            self._attempt(
                lambda: self.services.episodes.extend(
                    self.episode_id,
                    ExtensionInput(self._day(offset), "Décision COSI", self.lead_id, months=months),
                    expected_version=current_version(self.services.episodes, "extend", self.episode_id),
                )
            )
        finally:
            type(self).act_as(self.services, self.user_id)

    @rule(offset=days, waiver=st.sampled_from(("", "Départ sans adresse")))
    def close(self, offset: int, waiver: str) -> None:
        self._attempt(
            lambda: self.services.episodes.close(
                self.episode_id,
                ExitInput(self._day(offset), "autre", ObjectivesMet.NON, waiver_reason=waiver),
                expected_version=current_version(self.services.episodes, "close", self.episode_id),
            )
        )

    @rule(offset=days)
    def decline(self, offset: int) -> None:
        self._attempt(
            lambda: self.services.episodes.decline(
                self.episode_id,
                on=self._day(offset),
                reason_code="refus_menage",
                expected_version=current_version(self.services.episodes, "decline", self.episode_id),
            )
        )

    @invariant()
    def consistent(self) -> None:
        if self.episode_id:
            check_consistent(self.services.episodes.episode(self.episode_id), TODAY)


def test_random_step_sequences_keep_every_episode_consistent(services: Services, act_as: ActAs) -> None:
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    lead = services.directory.create_staff(
        StaffInput(first_name="Nadia", last_name="Benali", role_code="chef_service", organisation_id=own.id)
    )
    EpisodeMachine.services = services
    EpisodeMachine.lead_id = lead.id
    EpisodeMachine.user_id = services.context.actor.staff_member_id or 0
    EpisodeMachine.act_as = staticmethod(act_as)  # type: ignore[assignment]
    run_state_machine_as_test(
        EpisodeMachine,
        settings=settings(
            max_examples=12,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )


@given(current=st.sampled_from(list(EpisodeStatus)), target=st.sampled_from(list(EpisodeStatus)))
def test_only_listed_transitions_pass(current: EpisodeStatus, target: EpisodeStatus) -> None:
    if target in TRANSITIONS[current]:
        check_transition(current, target)
    else:
        with pytest.raises(TransitionError):
            check_transition(current, target)


@st.composite
def periods(draw: st.DrawFn, start: date, count: int) -> list[Period]:
    found = []
    for _ in range(count):
        low = start + timedelta(days=draw(st.integers(-30, 400)))
        length = draw(st.none() | st.integers(0, 200))
        found.append(Period(low, None if length is None else low + timedelta(days=length), draw(st.sampled_from("ab"))))
    return found


@given(
    data=st.data(),
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 6, 1)),
    ended=st.none() | st.integers(0, 600),
    policy=st.sampled_from(list(DurationPolicy)),
    counted=st.booleans(),
)
def test_derived_days_always_add_up(
    data: st.DataObject, start: date, ended: int | None, policy: DurationPolicy, counted: bool
) -> None:
    """Any intensity and suspension periods (even overlapping or outside the episode) give consistent totals."""
    today = date(2026, 6, 15)
    end = None if ended is None else start + timedelta(days=ended)
    intensity = data.draw(periods(start, data.draw(st.integers(0, 4))))
    suspensions = data.draw(periods(start, data.draw(st.integers(0, 3))))
    rule = DurationRule(policy, None if policy is DurationPolicy.OPEN_ENDED else 6, counted)
    figures = durations(
        start=start, end=end, today=today, intensity=intensity, suspensions=suspensions, rule=rule, extension_months=[6]
    )
    last = min(end or today, today)
    assert figures.span_days == max((last - start).days + 1, 0)
    assert figures.days_active + figures.days_suspended == figures.span_days
    assert sum(figures.days_by_level.values()) == figures.days_active
    assert all(value >= 0 for value in figures.days_by_level.values())
    if policy is DurationPolicy.OPEN_ENDED:
        assert figures.planned_end is None
    else:
        assert figures.planned_end is not None
        shift = 0 if counted else figures.days_suspended
        assert figures.planned_end >= start + timedelta(days=360 + shift)
