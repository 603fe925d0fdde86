"""Tests of caseworker/services/credentials.py and auto_lock.py: each person's own code on a shared laptop.

Credentials exist in local mode only (docs/domain.md §9.3): on the team's server the login is the credential and
the members' group cannot even read ``staff_credential``, so the PostgreSQL runs check the refusal instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from caseworker.domain import AuditAction
from caseworker.services import Services, build_services
from caseworker.services.credentials import (
    CheckOutcome,
    lockout_delay,
    make_verifier,
    secret_problem,
    verifier_matches,
)
from caseworker.services.directory import StaffInput, StaffView
from caseworker.services.errors import TransitionError, ValidationError
from caseworker.services.settings import CURRENT_STAFF_MEMBER
from tests.services.builders import raw_rows
from tests.services.conftest import ActAs

PIN = "428613"
PASSPHRASE = "girafe cornemuse pastèque escalier"


class MovingClock:
    """A clock whose moment the test moves forward."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 6, 15, 9, 0, tzinfo=timezone.utc)

    def today(self):  # type: ignore[no-untyped-def]
        return self.moment.date()

    def now(self) -> datetime:
        return self.moment

    def advance(self, seconds: int) -> None:
        self.moment += timedelta(seconds=seconds)


@pytest.fixture
def local(services: Services) -> Services:
    if services.context.team_mode:
        pytest.skip("personal codes are a local-mode feature: on the server the login is the credential")
    services.context.clock = MovingClock()
    return services


def _colleague(services: Services, role_code: str = "travailleur_pair", first: str = "Yanis") -> StaffView:
    own = services.setup.own_organisation_id()
    assert own is not None
    return services.directory.create_staff(
        StaffInput(first_name=first, last_name="Le Goff", role_code=role_code, organisation_id=own)
    )


def _actions(services: Services, limit: int = 50) -> list[AuditAction]:
    return [entry.action for entry in reversed(services.audit.recent(limit=limit))]


# the verifier and the rules ------------------------------------------------------------------------------------


def test_the_verifier_names_its_parameters_and_salt_never_the_secret() -> None:
    first, second = make_verifier(PIN), make_verifier(PIN)
    algorithm, parameters, _salt, _hash = first.split("$")
    assert (algorithm, parameters) == ("scrypt", "n=32768,r=8,p=1")
    assert PIN not in first
    assert first != second  # a random salt each time
    assert verifier_matches(first, PIN) and verifier_matches(second, PIN)
    assert not verifier_matches(first, "428614")
    assert not verifier_matches(first, "")
    # Made with other parameters, still checked with its own: they can grow later without a migration.
    stronger = first.replace("n=32768", "n=65536")
    assert not verifier_matches(stronger, PIN)
    assert not verifier_matches(first.replace("n=32768", "n=1073741824"), PIN)  # absurd: refused, not computed
    assert not verifier_matches("bcrypt$x$y$z", PIN) and not verifier_matches("garbage", PIN)


def test_lockout_delays_grow_from_the_fourth_failure_up_to_fifteen_minutes() -> None:
    assert [lockout_delay(n) for n in range(1, 11)] == [0, 0, 0, 30, 60, 120, 240, 480, 900, 900]
    assert lockout_delay(10_000) == 900


@pytest.mark.parametrize(
    ("secret", "problem"),
    [
        ("12345", "au moins 6 chiffres"),
        ("123456", "trop facile"),
        ("111111", "trop facile"),
        ("987654", "trop facile"),
        ("maison", "au moins 12 caractères"),
        ("yanis le goff", "trop facile"),  # the person's own name
        (PIN, None),
        ("20481632", None),
        (PASSPHRASE, None),
    ],
)
def test_a_pin_of_six_digits_or_a_passphrase(secret: str, problem: str | None) -> None:
    found = secret_problem(secret, personal_words=("Yanis", "Le Goff"))
    assert (found is None) if problem is None else (problem in (found or "").lower())


# setting, checking, waiting -------------------------------------------------------------------------------------


def test_failures_make_the_next_attempt_wait_even_after_a_restart(local: Services) -> None:
    me = local.context.actor.staff_member_id
    assert me is not None
    assert not local.credentials.has_credential(me)
    local.credentials.set_own(PIN, PIN)
    assert local.credentials.has_credential(me)
    clock = local.context.clock
    assert isinstance(clock, MovingClock)

    for _ in range(3):
        check = local.credentials.verify(me, "000000")
        assert (check.outcome, check.wait_seconds) == (CheckOutcome.REFUSED, 0)
        assert check.message == "Code incorrect pour Claire MARTIN."
    fourth = local.credentials.verify(me, "000000")
    assert (fourth.outcome, fourth.wait_seconds) == (CheckOutcome.REFUSED, 30)
    assert "réessayez dans 30 secondes" in fourth.message

    # Waiting: not even the right code is tried, and the attempt does not count.
    clock.advance(10)
    blocked = local.credentials.verify(me, PIN)
    assert (blocked.outcome, blocked.wait_seconds) == (CheckOutcome.WAIT, 20)
    assert raw_rows(local, "SELECT failed_attempts FROM staff_credential") == [(4,)]

    # Restarting the program does not lift the wait: it is in the row.
    restarted = build_services(local.context.engine, clock)
    assert restarted.credentials.verify(me, PIN).outcome is CheckOutcome.WAIT

    clock.advance(21)
    fifth = local.credentials.verify(me, "000000")
    assert fifth.wait_seconds == 60 and "1 minute" in fifth.message
    clock.advance(60)
    assert local.credentials.verify(me, PIN).accepted
    assert raw_rows(local, "SELECT failed_attempts, blocked_until FROM staff_credential") == [(0, None)]
    assert local.credentials.verify(me, "000000").wait_seconds == 0  # a success starts the count again

    actions = _actions(local)
    assert actions.count(AuditAction.LOGIN_FAILED) == 6
    assert actions.count(AuditAction.LOGIN) == 1
    stored = raw_rows(local, "SELECT fields, entity_type FROM audit_event WHERE action IN ('LOGIN', 'LOGIN_FAILED')")
    assert {entity for _fields, entity in stored} == {"staff_member"}
    assert all(PIN not in str(fields) and "000000" not in str(fields) for fields, _entity in stored)


def test_changing_ones_own_code_asks_the_current_one(local: Services) -> None:
    local.credentials.set_own(PIN, PIN)
    with pytest.raises(ValidationError) as missing:
        local.credentials.set_own(PASSPHRASE, PASSPHRASE)
    assert "Code incorrect" in missing.value.errors["current"]
    with pytest.raises(ValidationError) as mismatch:
        local.credentials.set_own(PASSPHRASE, PASSPHRASE + "!", current=PIN)
    assert mismatch.value.errors == {"confirm": "Les deux saisies du code ne correspondent pas."}
    with pytest.raises(ValidationError) as weak:
        local.credentials.set_own("123456", "123456", current=PIN)
    assert "trop facile" in weak.value.errors["secret"]

    local.credentials.set_own(PASSPHRASE, PASSPHRASE, current=PIN)

    me = local.context.actor.staff_member_id
    assert me is not None
    assert local.credentials.verify(me, PASSPHRASE).accepted
    assert not local.credentials.verify(me, PIN).accepted
    assert AuditAction.UPDATE in _actions(local)
    changes = "SELECT entity_type FROM audit_event WHERE action = 'UPDATE' AND entity_type = 'staff_credential'"
    assert len(raw_rows(local, changes)) == 2


def test_only_an_administrateur_sets_a_colleagues_code(local: Services, act_as: ActAs) -> None:
    claire = local.context.actor.staff_member_id
    yanis = _colleague(local)
    admin = _colleague(local, "administrateur", first="Inès")
    with pytest.raises(TransitionError, match="Seul un administrateur"):
        local.credentials.reset_for(yanis.id, PIN, PIN)
    assert not local.credentials.may_reset_others()
    assert not local.credentials.has_credential(yanis.id)

    act_as(local, admin.id)
    assert local.credentials.may_reset_others()
    with pytest.raises(TransitionError, match="votre propre code"):
        local.credentials.reset_for(admin.id, PIN, PIN)
    local.credentials.reset_for(yanis.id, PIN, PIN)
    for _ in range(5):
        local.credentials.verify(yanis.id, "000000")
    assert local.credentials.verify(yanis.id, PIN).outcome is CheckOutcome.WAIT
    local.credentials.reset_for(yanis.id, PASSPHRASE, PASSPHRASE)  # forgotten: a new one, and no more waiting
    assert local.credentials.verify(yanis.id, PASSPHRASE).accepted
    act_as(local, claire)


def test_switching_user_asks_that_persons_code(local: Services) -> None:
    claire = local.context.actor.staff_member_id
    yanis = _colleague(local)
    with pytest.raises(ValidationError) as none_yet:
        local.setup.switch_user(yanis.id, "anything")
    assert "n'a pas encore de code personnel : un administrateur" in none_yet.value.errors["secret"]

    admin = _colleague(local, "administrateur", first="Inès")
    local.context.actor.staff_member_id = admin.id
    local.credentials.reset_for(yanis.id, PIN, PIN)
    local.context.actor.staff_member_id = claire

    with pytest.raises(ValidationError) as wrong:
        local.setup.switch_user(yanis.id, "000000")
    assert wrong.value.errors["secret"] == "Code incorrect pour Yanis LE GOFF."
    with pytest.raises(ValidationError, match="Saisissez le code personnel de Yanis LE GOFF"):
        local.setup.switch_user(yanis.id)
    assert local.context.actor.staff_member_id == claire
    assert local.settings.get(CURRENT_STAFF_MEMBER) == claire

    assert local.setup.switch_user(yanis.id, PIN) == yanis
    assert local.settings.get(CURRENT_STAFF_MEMBER) == yanis.id
    assert local.setup.switch_user(yanis.id) == yanis  # staying the same person asks nothing


def test_in_team_mode_the_login_is_the_credential(services: Services, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("the refusal of team mode")
    me = services.context.actor.staff_member_id
    assert me is not None
    assert not services.credentials.available
    for attempt in (
        lambda: services.credentials.has_credential(me),
        lambda: services.credentials.verify(me, PIN),
        lambda: services.credentials.set_own(PIN, PIN),
    ):
        with pytest.raises(TransitionError, match="mot de passe de son identifiant sur le serveur"):
            attempt()
    assert not services.credentials.may_reset_others()


# the auto-lock delay (both backends) ---------------------------------------------------------------------------


def test_the_auto_lock_delay_is_changed_by_an_administrateur_only(services: Services, act_as: ActAs) -> None:
    claire = services.context.actor.staff_member_id
    assert services.auto_lock.idle_minutes() == 10
    assert services.auto_lock.bounds == (1, 30)
    assert not services.auto_lock.may_change()
    with pytest.raises(TransitionError, match="Seul un administrateur"):
        services.auto_lock.set_idle_minutes(30)

    admin = _colleague(services, "administrateur", first="Inès")
    act_as(services, admin.id)
    for refused in (0, 31):
        with pytest.raises(ValidationError, match="entre 1 et 30 minutes"):
            services.auto_lock.set_idle_minutes(refused)
    services.auto_lock.set_idle_minutes(3)
    assert services.auto_lock.idle_minutes() == 3
    act_as(services, claire)
    assert services.auto_lock.idle_minutes() == 3
