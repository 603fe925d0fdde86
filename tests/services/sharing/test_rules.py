"""Tests of caseworker/services/sharing/rules.py: one truth per person × recipient × category, and how long a
signature holds (its expiry date or the end of the household's support, whichever comes first)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from caseworker.domain import ConsentStatus
from caseworker.services.sharing.rules import ConsentFacts, HouseholdConsents, SupportSpan

D = date
PERSON, LANDLORD, SIAO = 1, 10, 20
GESTION, CESF = 100, 101


def grant(
    record_id: int,
    signed: date,
    *categories: str,
    expires: date | None = None,
    after_care: bool = False,
    role: int | None = None,
) -> ConsentFacts:
    return ConsentFacts(
        id=record_id,
        person_id=PERSON,
        recipient_id=LANDLORD,
        recipient_role_id=role,
        recipient_role_label="Gestion locative" if role == GESTION else "",
        categories=frozenset(categories or ("identite",)),
        status=ConsentStatus.ACCORDE,
        requested_on=signed,
        decided_on=signed,
        valid_from=signed,
        expires_on=expires or signed + relativedelta(years=1),
        revoked_on=None,
        covers_after_care=after_care,
    )


def revoked(record: ConsentFacts, on: date) -> ConsentFacts:
    return replace(record, status=ConsentStatus.REVOQUE, revoked_on=on)


def request(record_id: int, on: date, *categories: str) -> ConsentFacts:
    return replace(
        grant(record_id, on, *categories),
        status=ConsentStatus.DEMANDE,
        decided_on=None,
        valid_from=None,
        expires_on=None,
    )


def refused(record_id: int, on: date, *categories: str) -> ConsentFacts:
    return replace(request(record_id, on, *categories), status=ConsentStatus.REFUSE, decided_on=on)


def episode(start: date, end: date | None = None, *, after_care_until: date | None = None) -> SupportSpan:
    return SupportSpan(start, end, after_care_until or end)


def allowed(rules: HouseholdConsents, day: date, category: str = "identite", **role: int | None) -> int | None:
    found = rules.authorising(PERSON, LANDLORD, category, day, **role)  # type: ignore[arg-type]
    return found.id if found is not None else None


# ------------------------------------------------------------------------------------- the newest decision


def test_revoking_the_renewal_withdraws_whatever_the_older_grant_says() -> None:
    first = grant(1, D(2026, 1, 10))
    renewal = grant(2, D(2026, 6, 1))
    assert allowed(HouseholdConsents((first, renewal)), D(2026, 6, 15)) == 2
    rules = HouseholdConsents((first, revoked(renewal, D(2026, 6, 15))))
    assert allowed(rules, D(2026, 6, 15)) is None
    assert rules.why_not(PERSON, LANDLORD, "identite", D(2026, 6, 15)) == "retiré le 15/06/2026"
    assert rules.superseded(first, D(2026, 6, 15)) == {"identite"}


def test_on_the_same_day_the_decision_recorded_last_wins_whatever_the_record() -> None:
    """Signed B (identité) this morning, then withdrew A (identité, loyer) this afternoon: identité is withdrawn."""
    older = grant(1, D(2026, 1, 10), "identite", "loyer_dette")
    today = D(2026, 6, 15)
    signed = replace(grant(2, today, "identite"), decision_seq=2)
    withdrawn = replace(revoked(older, today), decision_seq=3)
    assert allowed(HouseholdConsents((withdrawn, signed)), today, "identite") is None
    # The other way round (withdrawn first, then signed again): the signature is the truth.
    withdrawn_first = replace(revoked(older, today), decision_seq=2)
    signed_after = replace(grant(2, today, "identite"), decision_seq=3)
    assert allowed(HouseholdConsents((withdrawn_first, signed_after)), today, "identite") == 2


def test_revoking_the_older_record_withdraws_the_categories_a_later_grant_also_gave() -> None:
    """A withdrawal decides at its own date: it is newer than a grant signed before it."""
    older = grant(1, D(2026, 1, 10), "identite", "loyer_dette")
    narrower = grant(2, D(2026, 3, 1), "identite")
    rules = HouseholdConsents((revoked(older, D(2026, 6, 1)), narrower))
    day = D(2026, 6, 15)
    assert allowed(rules, day, "identite") is None
    assert allowed(rules, day, "loyer_dette") is None
    assert rules.superseded(narrower, day) == {"identite"}
    # A grant signed after the withdrawal authorises again.
    again = grant(3, D(2026, 6, 10), "identite")
    assert allowed(HouseholdConsents((revoked(older, D(2026, 6, 1)), narrower, again)), day, "identite") == 3


def test_on_the_same_day_the_record_entered_later_wins() -> None:
    day = D(2026, 6, 1)
    assert allowed(HouseholdConsents((revoked(grant(1, D(2026, 1, 1)), day), grant(2, day))), day) == 2
    assert allowed(HouseholdConsents((grant(1, day), refused(2, day, "identite"))), day) is None


def test_a_request_decides_nothing_but_a_refusal_does() -> None:
    signed = grant(1, D(2026, 1, 10))
    waiting = request(2, D(2026, 6, 1))
    rules = HouseholdConsents((signed, waiting))
    assert allowed(rules, D(2026, 6, 15)) == 1  # a renewal asked for does not suspend the signature
    assert rules.superseded(waiting, D(2026, 6, 15)) == frozenset()  # still waiting, not history
    assert rules.superseded(signed, D(2026, 6, 15)) == frozenset()
    answered = HouseholdConsents((signed, replace(waiting, status=ConsentStatus.REFUSE, decided_on=D(2026, 6, 2))))
    assert allowed(answered, D(2026, 6, 15)) is None
    assert answered.why_not(PERSON, LANDLORD, "identite", D(2026, 6, 15)).startswith("refusé le 02/06/2026 (seule une")
    # A request older than a decision is history.
    assert HouseholdConsents((request(1, D(2026, 1, 1)), grant(2, D(2026, 2, 1)))).superseded(
        request(1, D(2026, 1, 1)), D(2026, 6, 15)
    ) == {"identite"}


def test_a_role_limited_grant_takes_over_and_limits_the_role() -> None:
    rules = HouseholdConsents((grant(1, D(2026, 1, 10)), grant(2, D(2026, 6, 1), role=GESTION)))
    day = D(2026, 6, 15)
    assert allowed(rules, day, contact_role_id=GESTION) == 2
    assert allowed(rules, day, contact_role_id=CESF) is None
    assert allowed(rules, day) is None
    assert rules.why_not(PERSON, LANDLORD, "identite", day, contact_role_id=CESF) == (
        "l'accord est limité au rôle « Gestion locative » : adressez le document à un contact de ce rôle"
    )
    assert rules.authorising(PERSON, LANDLORD, "identite", day, any_role=True) is not None


def test_each_recipient_and_category_has_its_own_truth() -> None:
    landlord = grant(1, D(2026, 1, 10), "identite", "alertes")
    siao = replace(grant(2, D(2026, 2, 1), "identite"), recipient_id=SIAO)
    rules = HouseholdConsents((landlord, revoked(siao, D(2026, 3, 1))))
    assert allowed(rules, D(2026, 6, 15), "alertes") == 1
    assert allowed(rules, D(2026, 6, 15), "identite") == 1
    assert rules.authorising(PERSON, SIAO, "identite", D(2026, 6, 15)) is None
    assert rules.why_not(PERSON, SIAO, "loyer_dette", D(2026, 6, 15), to_whom="le SIAO") == (
        "aucun consentement enregistré pour le SIAO"
    )


# ------------------------------------------------------------------------------------ the end of support


def test_a_signature_ends_the_day_the_only_episode_closes() -> None:
    signed = grant(1, D(2026, 6, 1))
    rules = HouseholdConsents((signed,), (episode(D(2025, 8, 1), D(2026, 6, 15)),))
    assert allowed(rules, D(2026, 6, 14)) == 1
    assert allowed(rules, D(2026, 6, 15)) is None
    state = rules.state(signed, D(2026, 6, 15))
    assert (state.status, state.last_day, state.support_ended_on, state.label) == (
        ConsentStatus.EXPIRE,
        D(2026, 6, 14),
        D(2026, 6, 15),
        "Expiré (fin de l'accompagnement)",
    )
    assert rules.why_not(PERSON, LANDLORD, "identite", D(2026, 6, 20)) == (
        "expiré : l'accompagnement a pris fin le 15/06/2026"
    )


def test_the_expiry_date_ends_it_when_it_comes_first() -> None:
    signed = grant(1, D(2026, 1, 10), expires=D(2026, 5, 31))
    rules = HouseholdConsents((signed,), (episode(D(2025, 8, 1), D(2026, 6, 15)),))
    state = rules.state(signed, D(2026, 6, 1))
    assert (state.status, state.last_day, state.support_ended_on, state.label) == (
        ConsentStatus.EXPIRE,
        D(2026, 5, 31),
        None,
        "Expiré",
    )
    assert rules.why_not(PERSON, LANDLORD, "identite", D(2026, 6, 1)) == "expiré le 31/05/2026"
    running = HouseholdConsents((grant(1, D(2026, 1, 10)),), (episode(D(2025, 8, 1)),))
    assert running.state(running.records[0], D(2027, 1, 10)).status is ConsentStatus.ACCORDE
    assert running.state(running.records[0], D(2027, 1, 11)).status is ConsentStatus.EXPIRE


def test_overlapping_or_adjacent_episodes_are_one_support() -> None:
    signed = grant(1, D(2026, 2, 1))
    episodes = (
        episode(D(2025, 8, 1), D(2026, 3, 1)),
        episode(D(2026, 2, 15), D(2026, 4, 1)),  # overlaps the first
        episode(D(2026, 4, 1), D(2026, 5, 20)),  # starts the day the second closes: no day without support
        episode(D(2026, 5, 22)),  # two days later: a new support
    )
    rules = HouseholdConsents((signed,), episodes)
    assert rules.support_end_for(signed) == D(2026, 5, 20)
    assert allowed(rules, D(2026, 5, 19)) == 1
    assert allowed(rules, D(2026, 5, 20)) is None
    assert allowed(rules, D(2026, 6, 1)) is None  # expired is final: the next episode needs a new signature


def test_a_consent_given_at_referral_ends_with_the_support_that_follows() -> None:
    signed = grant(1, D(2026, 1, 5))  # before the orientation was recorded
    rules = HouseholdConsents((signed,), (episode(D(2026, 1, 20), D(2026, 6, 1)),))
    assert allowed(rules, D(2026, 1, 10)) == 1
    assert rules.support_end_for(signed) == D(2026, 6, 1)
    assert allowed(rules, D(2026, 6, 1)) is None


def test_a_consent_given_after_support_ended_keeps_only_its_expiry_or_the_next_support() -> None:
    signed = grant(1, D(2026, 6, 1))
    closed = episode(D(2025, 1, 1), D(2026, 5, 1))
    alone = HouseholdConsents((signed,), (closed,))
    assert alone.support_end_for(signed) is None
    assert allowed(alone, D(2027, 6, 1)) == 1
    assert allowed(alone, D(2027, 6, 2)) is None
    reactivated = HouseholdConsents((signed,), (closed, episode(D(2026, 7, 1), D(2026, 9, 1))))
    assert reactivated.support_end_for(signed) == D(2026, 9, 1)


def test_no_episode_at_all_leaves_the_expiry_date() -> None:
    signed = grant(1, D(2026, 6, 1))
    assert HouseholdConsents((signed,)).support_end_for(signed) is None


def test_after_care_keeps_a_consent_that_covers_it() -> None:
    after = episode(D(2025, 1, 1), D(2026, 3, 1), after_care_until=D(2026, 9, 1))
    plain = grant(1, D(2026, 1, 10), "identite")
    covering = replace(grant(2, D(2026, 1, 10), "alertes"), covers_after_care=True)
    rules = HouseholdConsents((plain, covering), (after,))
    day = D(2026, 6, 1)  # in after-care
    assert allowed(rules, day, "identite") is None
    assert allowed(rules, day, "alertes") == 2
    assert allowed(rules, D(2026, 9, 1), "alertes") is None  # after-care closed
    running = HouseholdConsents((covering,), (SupportSpan(D(2025, 1, 1), D(2026, 3, 1), None),))
    assert allowed(running, D(2026, 12, 1), "alertes") == 2  # after-care still runs: the expiry date decides
    assert allowed(running, D(2027, 1, 11), "alertes") is None


@given(
    signed=st.dates(D(2024, 1, 1), D(2026, 12, 31)),
    offsets=st.lists(st.tuples(st.integers(-400, 400), st.one_of(st.none(), st.integers(0, 300))), max_size=4),
    day=st.dates(D(2024, 1, 1), D(2028, 12, 31)),
)
def test_a_signature_never_holds_on_a_day_without_support_after_it_began(
    signed: date, offsets: list[tuple[int, int | None]], day: date
) -> None:
    """Whatever the episodes: a signature holds from its signature to its expiry, and never from the day the
    support it depends on stopped."""
    spans = tuple(
        episode(signed + timedelta(days=start), None if length is None else signed + timedelta(days=start + length))
        for start, length in offsets
    )
    record = grant(1, signed)
    rules = HouseholdConsents((record,), spans)
    holds = allowed(rules, day) == 1
    assert not holds or signed <= day <= (record.expires_on or date.max)
    end = rules.support_end_for(record)
    if holds and end is not None:
        assert day < end
    if end is not None:  # the support it depends on: every episode running the day before it ended had ended
        assert not any(span.start < end and span.support_end is None for span in spans)


@pytest.mark.parametrize("status", [ConsentStatus.DEMANDE, ConsentStatus.REFUSE, ConsentStatus.REVOQUE])
def test_only_a_signature_has_an_end(status: ConsentStatus) -> None:
    record = replace(grant(1, D(2026, 1, 1)), status=status, revoked_on=D(2026, 2, 1))
    state = HouseholdConsents((record,)).state(record, D(2030, 1, 1))
    assert (state.status, state.last_day) == (status, None)


def test_a_legacy_grant_whose_only_proof_says_oral_authorises_nothing() -> None:
    """Before revision 0008 any note made a consent "accordé"; one that says the agreement was oral proves nothing."""
    oral = replace(grant(1, D(2026, 1, 10), "identite"), unproven=True)
    rules = HouseholdConsents((oral,))
    assert rules.authorising(PERSON, LANDLORD, "identite", D(2026, 6, 15)) is None
    state = rules.state(oral, D(2026, 6, 15))
    assert state.status is ConsentStatus.DEMANDE
    assert state.label == "Demandé (accord oral : le formulaire signé manque)"
    assert "le formulaire signé manque" in rules.why_not(PERSON, LANDLORD, "identite", D(2026, 6, 15))
    # A signed form recorded later is the truth from then on; the oral "grant" never counted as a decision.
    signed = grant(2, D(2026, 3, 1), "identite")
    assert HouseholdConsents((oral, signed)).authorising(PERSON, LANDLORD, "identite", D(2026, 6, 15)) == signed


@pytest.mark.parametrize(
    ("note", "unproven"),
    [
        ("Accord oral du ménage", True),
        ("OK par tél. le 3/02", True),
        ("accord VERBAL", True),
        ("Formulaire signé, classé au dossier papier", False),
        ("", False),
    ],
)
def test_which_legacy_notes_prove_nothing(note: str, unproven: bool) -> None:
    from caseworker.services.sharing.rules import legacy_note_proves_nothing

    assert legacy_note_proves_nothing(note) is unproven


def test_a_signature_on_29_february_expires_a_year_later() -> None:
    record = grant(1, D(2024, 2, 29))
    assert record.expires_on == D(2025, 2, 28)
