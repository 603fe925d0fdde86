"""The demo's rights opened: while a support ran; a person's right names a member, the household's no one."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.demo import DemoReport
from caseworker.demo.rights import HOUSEHOLD_RIGHTS
from caseworker.models import Episode, HouseholdMembership, RightKind, RightOpened
from caseworker.storage.database import Database

Demo = tuple[Database, DemoReport]


def test_rights_are_opened_while_a_support_runs_for_the_household_or_one_of_its_members(demo: Demo) -> None:
    database, _report = demo
    with Session(database.engine) as session:
        rights = session.execute(
            select(RightOpened.household_id, RightOpened.person_id, RightOpened.opened_on, RightKind.code).join(
                RightKind, RightKind.id == RightOpened.kind_id
            )
        ).all()
        supports = session.execute(
            select(Episode.household_id, Episode.start_date, Episode.end_date).where(Episode.start_date.is_not(None))
        ).all()
        members = set(session.execute(select(HouseholdMembership.household_id, HouseholdMembership.person_id)).all())
    started = {household for household, _start, _end in supports}
    assert rights and len({household for household, *_rest in rights}) > 0.5 * len(started)  # most, not all
    for household, person, opened_on, code in rights:
        assert any(
            household == other and start <= opened_on and (end is None or opened_on < end)
            for other, start, end in supports
        ), (household, opened_on)
        assert (person is None) == (code in HOUSEHOLD_RIGHTS)
        assert person is None or (household, person) in members
    kinds = Counter(code for *_rest, code in rights)
    assert kinds["aide_logement"] > kinds["rsa"] > kinds["dalo"]
