"""The moment each household was last reached, kept by the database from the contact log (migration 0022).

Whatever writes the log — a contact recorded, corrected, deleted, moved to another household, an outcome whose kind
changes — ``household_last_contact`` says what grouping the successful contacts would say. On both backends.
"""

from __future__ import annotations

import random
import threading
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text, update

from caseworker.models import Contact, ContactOutcome
from caseworker.services import Services
from tests.services.builders import new_household, raw_rows
from tests.services.support.test_contacts import local, paris_time, visit

__all__ = ["paris_time"]  # the contacts' tests' local time (Paris), for these too

GROUPED = (
    "SELECT c.household_id, max(c.occurred_at) FROM contact c JOIN contact_outcome o ON o.id = c.outcome_id "
    "WHERE o.kind = 'reached' GROUP BY c.household_id"
)


def grouped(services: Services) -> dict[object, object]:
    """Each household's latest successful contact, grouped from the log itself."""
    return dict(raw_rows(services, GROUPED))


def kept(services: Services) -> dict[object, object]:
    """What the database keeps."""
    return dict(raw_rows(services, "SELECT household_id, reached_at FROM household_last_contact"))


def test_the_last_successful_contact_follows_the_log(services: Services) -> None:
    household = new_household(services).id
    other = new_household(services, "Marc", "Petit").id
    record, change, days = services.contacts.record_contact, services.contacts.update_contact, services.contacts
    record(household, visit(local(2026, 6, 1), "porte_close"))
    assert kept(services) == {}  # an "aller vers" that failed reaches nobody
    first = record(household, visit(local(2026, 6, 3), "rencontre")).id
    record(household, visit(local(2026, 5, 20), "joint"))  # an older one written later changes nothing
    record(household, visit(local(2026, 6, 10), "absent"))
    record(other, visit(local(2026, 6, 4), "annule_menage"))
    assert days.last_reached_dates([household, other]) == {household: date(2026, 6, 3)}
    change(first, visit(local(2026, 6, 3), "porte_close"))  # corrected: it was a closed door after all
    assert days.last_reached_dates([household]) == {household: date(2026, 5, 20)}
    change(first, visit(local(2026, 6, 12), "rencontre"))  # and then a meeting, later that month
    assert days.last_reached_dates([household]) == {household: date(2026, 6, 12)}
    services.contacts.delete_contact(first)
    assert days.last_reached_dates([household]) == {household: date(2026, 5, 20)}
    assert kept(services) == grouped(services)


def test_a_contact_moved_to_another_household_moves_its_moment(services: Services) -> None:
    household = new_household(services).id
    other = new_household(services, "Marc", "Petit").id
    moved = services.contacts.record_contact(household, visit(local(2026, 6, 3), "rencontre")).id
    services.contacts.record_contact(other, visit(local(2026, 5, 1), "rencontre"))
    with services.context.transaction() as session:  # no screen moves a contact: the database still follows
        session.execute(update(Contact).where(Contact.id == moved).values(household_id=other))
    assert services.contacts.last_reached_dates([household, other]) == {other: date(2026, 6, 3)}
    assert kept(services) == grouped(services)


def test_an_outcome_whose_kind_changes_is_counted_again(services: Services) -> None:
    household = new_household(services).id
    services.contacts.record_contact(household, visit(local(2026, 6, 3), "refus"))
    services.contacts.record_contact(household, visit(local(2026, 5, 2), "rencontre"))
    assert services.contacts.last_reached_dates([household]) == {household: date(2026, 6, 3)}
    with services.context.transaction() as session:  # a refusal to meet no longer counts as reached
        session.execute(update(ContactOutcome).where(ContactOutcome.code == "refus").values(kind="attempt"))
    assert services.contacts.last_reached_dates([household]) == {household: date(2026, 5, 2)}
    assert kept(services) == grouped(services)


OUTCOMES = ("rencontre", "joint", "refus", "porte_close", "absent", "annule_menage")


@pytest.mark.parametrize("seed", [1, 2])
def test_any_sequence_of_writes_keeps_what_grouping_says(services: Services, seed: int) -> None:
    """Random contacts recorded, corrected and deleted over three households: after each, the same answer."""
    draw = random.Random(seed)
    households = [new_household(services, f"Prénom{index}", "Tirage").id for index in range(3)]
    contacts: list[int] = []

    def moment() -> datetime:
        return local(2026, 4, 1) + timedelta(days=draw.randrange(70), hours=draw.randrange(10))

    for _step in range(30):
        action = draw.random()
        if action < 0.5 or not contacts:
            view = services.contacts.record_contact(draw.choice(households), visit(moment(), draw.choice(OUTCOMES)))
            contacts.append(view.id)
        elif action < 0.8:
            services.contacts.update_contact(draw.choice(contacts), visit(moment(), draw.choice(OUTCOMES)))
        else:
            gone = draw.choice(contacts)
            services.contacts.delete_contact(gone)
            contacts.remove(gone)
        assert kept(services) == grouped(services)


def test_two_sessions_writing_one_household_at_once_leave_it_right(services: Services, backend: str) -> None:
    """On the team's server two colleagues may write a household's contacts at the same moment: one corrects a
    failed attempt while the other deletes the only successful contact. Each recount waits for the other's, then
    reads what it committed (without that, the deleted contact's moment stayed, or a save failed on the key)."""
    if backend != "postgresql":
        pytest.skip("two sessions at once: the team's server (SQLite has one writer at a time)")
    household = new_household(services).id
    attempt = services.contacts.record_contact(household, visit(local(2026, 6, 1), "porte_close")).id
    reached = services.contacts.record_contact(household, visit(local(2026, 6, 3), "rencontre")).id
    engine = services.context.engine
    failures: list[BaseException] = []
    with engine.connect() as first:
        first.execute(
            text("UPDATE contact SET occurred_at = occurred_at + INTERVAL '1 hour' WHERE id = :id"), {"id": attempt}
        )

        def second() -> None:
            try:
                with engine.begin() as connection:
                    connection.execute(text("DELETE FROM contact_participant WHERE contact_id = :id"), {"id": reached})
                    connection.execute(text("DELETE FROM contact WHERE id = :id"), {"id": reached})
            except BaseException as exc:  # reported below
                failures.append(exc)

        thread = threading.Thread(target=second)
        thread.start()
        thread.join(0.5)  # the second recount waits for the first transaction
        first.commit()
    thread.join(10)
    assert not failures
    assert services.contacts.last_reached_dates([household]) == {}
    assert kept(services) == grouped(services)
