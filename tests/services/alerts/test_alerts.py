"""Alerts: deadlines in French working days, lifecycle, inbox filters, routing, the consent gate on outgoing alerts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event

from caseworker.domain import AlertActionKind, AlertChannel, AlertStatus, Party
from caseworker.services import Services
from caseworker.services.alerts import ActionInput, AlertFilter, AlertInput
from caseworker.services.alerts.mediations import MediationInput, ParticipantLine
from caseworker.services.calendar import (
    METROPOLE,
    TERRITORIES,
    add_working_days,
    is_working_day,
    public_holidays,
    working_days_between,
)
from caseworker.services.directory import OrganisationView, PartnerContactInput, StaffInput
from caseworker.services.errors import ValidationError
from caseworker.services.sharing import ConsentMissingError
from tests.services.builders import new_household, row_count
from tests.services.conftest import ActAs
from tests.services.contract_builders import Supported, convention_in_force, grant_all, supported_household
from tests.support import FixedClock, pdf_text
from tests.support.row_versions import current_version

D = date
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def arrears(supported: Supported, received_at: datetime, **extra: object) -> AlertInput:
    return AlertInput(
        "impaye",
        supported.household_id,
        supported.landlord.id,
        received_at,
        AlertChannel.TELEPHONE,
        description="Deux mois de loyer impayés (avril et mai).",
        amount=Decimal("825.00"),
        **extra,  # type: ignore[arg-type]
    )


# ------------------------------------------------------------------------------------------- calendar


def test_friday_five_pm_is_overdue_on_tuesday() -> None:
    friday = D(2026, 6, 12)
    assert add_working_days(friday, 1, territory=METROPOLE) == D(2026, 6, 15)  # Monday: the next working day
    assert add_working_days(D(2026, 6, 13), 1, territory=METROPOLE) == D(2026, 6, 15)  # received on Saturday
    # Easter Monday, Ascension and Whit Monday are not working days.
    good_friday = D(2026, 4, 3)
    assert add_working_days(good_friday, 1, territory=METROPOLE) == D(2026, 4, 7)  # Easter Monday skipped
    assert add_working_days(D(2026, 5, 13), 1, territory=METROPOLE) == D(2026, 5, 15)  # Ascension (14 May) skipped
    assert add_working_days(D(2026, 5, 22), 1, territory=METROPOLE) == D(2026, 5, 26)  # Whit Monday (25 May) skipped
    assert {D(2026, 4, 6), D(2026, 5, 14), D(2026, 5, 25)} <= public_holidays(2026, METROPOLE)
    assert add_working_days(D(2026, 6, 13), 0, territory=METROPOLE) == D(2026, 6, 15)


@given(
    st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)),
    st.integers(min_value=1, max_value=30),
    st.sampled_from(sorted(TERRITORIES)),
)
def test_a_deadline_is_exactly_n_working_days_later(start: date, days: int, territory: str) -> None:
    due = add_working_days(start, days, territory=territory)
    assert is_working_day(due, territory=territory)
    assert due > start
    assert working_days_between(start, due, territory=territory) == days
    assert working_days_between(start, due - timedelta(days=1), territory=territory) == days - 1
    # Never more than a calendar fortnight of slack per working week (weekends and at most a few holidays).
    assert (due - start).days <= days * 2 + 6


# ------------------------------------------------------------------------------------------- lifecycle


def test_the_friday_call_is_overdue_on_tuesday_and_stops_once_acknowledged(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    clock.today_value = D(2026, 6, 15)  # recorded on Monday morning from the Friday evening message
    friday = local(2026, 6, 12, 17, 0)
    alert = services.alerts.create(arrears(supported, friday, partner_contact_id=supported.contact_id))
    assert (alert.status, alert.acknowledge_due_on, alert.action_due_on) == (
        AlertStatus.NOUVEAU,
        D(2026, 6, 15),
        D(2026, 6, 17),  # impayé: first action within 3 working days
    )
    assert alert.deadline_source == "Délais par défaut du type d'alerte"
    assert alert.amount == Decimal("825.00")
    clock.today_value = D(2026, 6, 15)
    assert not services.alerts.alert(alert.id).overdue  # Monday: still due today
    clock.today_value = D(2026, 6, 16)
    view = services.alerts.alert(alert.id)
    assert view.acknowledge_overdue
    [row] = services.alerts.inbox(AlertFilter(overdue_only=True))
    assert row.overdue_label == "Prise en compte en retard (attendue le 15/06/2026)"
    assert services.alerts.counts().overdue_acknowledge == 1
    view = services.alerts.acknowledge(
        alert.id,
        note="Appel du bailleur noté",
        expected_version=current_version(services.alerts, "acknowledge", alert.id),
    )
    assert not view.acknowledge_overdue and view.status is AlertStatus.PRIS_EN_COMPTE
    clock.today_value = D(2026, 6, 18)
    assert services.alerts.alert(alert.id).action_overdue
    view = services.alerts.add_action(
        alert.id,
        ActionInput(AlertActionKind.VISITE, local(2026, 6, 18, 10, 0), "Visite à domicile"),
        expected_version=current_version(services.alerts, "add_action", alert.id),
    )
    assert view.status is AlertStatus.EN_TRAITEMENT and not view.overdue
    assert [step.to_status for step in view.steps] == [
        AlertStatus.NOUVEAU,
        AlertStatus.PRIS_EN_COMPTE,
        AlertStatus.EN_TRAITEMENT,
    ]
    assert services.alerts.inbox(AlertFilter(overdue_only=True)) == []


def test_transitions_follow_the_state_machine(services: Services, supported: Supported) -> None:
    alert = services.alerts.create(arrears(supported, local(2026, 6, 10, 9, 0)))
    with pytest.raises(ValidationError) as early:
        services.alerts.escalate(
            alert.id,
            level="N2",
            target="Plateforme de prévention",
            expected_version=current_version(services.alerts, "escalate", alert.id),
        )
    assert "« nouveau » ne peut pas passer à « escaladé »" in early.value.errors["status"]
    services.alerts.add_action(
        alert.id,
        ActionInput(AlertActionKind.APPEL, local(2026, 6, 10, 11, 0)),
        expected_version=current_version(services.alerts, "add_action", alert.id),
    )
    with pytest.raises(ValidationError) as no_level:
        services.alerts.escalate(
            alert.id, level="N9", target="", expected_version=current_version(services.alerts, "escalate", alert.id)
        )
    assert set(no_level.value.errors) == {"level", "target"}
    view = services.alerts.escalate(
        alert.id,
        level="N2",
        target="Plateforme de prévention des expulsions",
        expected_version=current_version(services.alerts, "escalate", alert.id),
    )
    assert (view.status, view.escalation_level) == (AlertStatus.ESCALADE, "N2")
    view = services.alerts.escalate(
        alert.id, level="N3", target="CCAPEX", expected_version=current_version(services.alerts, "escalate", alert.id)
    )
    assert view.escalation_target == "CCAPEX"
    view = services.alerts.back_to_treatment(
        alert.id,
        note="Plan d'apurement accepté",
        expected_version=current_version(services.alerts, "back_to_treatment", alert.id),
    )
    with pytest.raises(ValidationError):
        services.alerts.resolve(
            alert.id, outcome="", expected_version=current_version(services.alerts, "resolve", alert.id)
        )
    view = services.alerts.resolve(
        alert.id,
        outcome="Plan d'apurement signé, loyer repris",
        expected_version=current_version(services.alerts, "resolve", alert.id),
    )
    assert view.status is AlertStatus.RESOLU and view.closed_at is not None
    with pytest.raises(ValidationError) as final:
        services.alerts.acknowledge(
            alert.id, expected_version=current_version(services.alerts, "acknowledge", alert.id)
        )
    assert "nouvelle alerte liée" in final.value.errors["status"]
    recurrence = services.alerts.create(arrears(supported, local(2026, 6, 14, 9, 0), related_alert_id=alert.id))
    assert recurrence.related_alert_id == alert.id
    duplicate = services.alerts.create(arrears(supported, local(2026, 6, 14, 9, 5)))
    assert (
        services.alerts.close_without_follow_up(
            duplicate.id,
            reason="Doublon",
            expected_version=current_version(services.alerts, "close_without_follow_up", duplicate.id),
        ).status
        is AlertStatus.CLOS_SANS_SUITE
    )


def test_bad_input_is_refused_in_french(services: Services, supported: Supported) -> None:
    future = local(2026, 6, 20, 9, 0)
    with pytest.raises(ValidationError) as refused:
        services.alerts.create(replace(arrears(supported, future), type_code="inconnu", description="x" * 6000))
    assert set(refused.value.errors) >= {"received_at", "type_code", "description"}
    alert = services.alerts.create(arrears(supported, local(2026, 6, 10, 9, 0)))
    with pytest.raises(ValidationError) as before:
        services.alerts.acknowledge(
            alert.id,
            at=local(2026, 6, 9, 9, 0),
            expected_version=current_version(services.alerts, "acknowledge", alert.id),
        )
    assert "précède la réception" in before.value.errors["at"]
    assert row_count(services, "alert") == 1


def test_a_convention_cadre_sets_the_deadlines(services: Services, supported: Supported, clock: FixedClock) -> None:
    view = convention_in_force(services, supported.landlord.id, arrears_days=(2, 8))
    alert = services.alerts.create(arrears(supported, local(2026, 6, 15, 9, 0)))
    assert (alert.acknowledge_due_on, alert.action_due_on) == (D(2026, 6, 17), D(2026, 6, 25))
    assert alert.deadline_source == f"Convention cadre {view.reference}"


def test_inbox_filters(services: Services, supported: Supported, landlord: OrganisationView) -> None:
    from caseworker.services.directory import OrganisationInput
    from tests.services.builders import new_household

    services.alerts.create(arrears(supported, local(2026, 6, 1, 9, 0)))
    technical = services.alerts.create(
        AlertInput(
            "probleme_technique",
            supported.household_id,
            landlord.id,
            local(2026, 6, 2, 9, 0),
            AlertChannel.COURRIEL,
            description="Fuite sous l'évier",
        )
    )
    other_landlord = services.directory.create_organisation(OrganisationInput("Néotoa", "bailleur_social"))
    stranger = new_household(services, "Yanis", "Ferhat")
    services.alerts.create(
        AlertInput("trouble_voisinage", stranger.id, other_landlord.id, local(2026, 6, 3, 9, 0), AlertChannel.COURRIER)
    )
    assert len(services.alerts.inbox(AlertFilter())) == 3
    assert [r.type_code for r in services.alerts.inbox(AlertFilter(direction="to_landlord"))] == ["probleme_technique"]
    assert len(services.alerts.inbox(AlertFilter(type_code="impaye"))) == 1
    assert len(services.alerts.inbox(AlertFilter(landlord_id=other_landlord.id))) == 1
    assert {r.household_id for r in services.alerts.inbox(AlertFilter(mine=True))} == {supported.household_id}
    services.alerts.close_without_follow_up(
        technical.id,
        reason="Erreur de saisie",
        expected_version=current_version(services.alerts, "close_without_follow_up", technical.id),
    )
    assert len(services.alerts.inbox(AlertFilter())) == 2
    assert [r.id for r in services.alerts.inbox(AlertFilter(status="closed"))] == [technical.id]
    assert technical.id in {r.id for r in services.alerts.for_household(supported.household_id)}
    assert services.alerts.counts() == services.alerts.counts(mine=False)
    assert services.alerts.counts().open == 2


def test_the_inbox_shows_overdue_alerts_first_then_the_newest(services: Services, supported: Supported) -> None:
    oldest = services.alerts.create(arrears(supported, local(2026, 6, 1, 9, 0)))
    services.alerts.close_without_follow_up(
        oldest.id,
        reason="Doublon",
        expected_version=current_version(services.alerts, "close_without_follow_up", oldest.id),
    )
    forgotten = services.alerts.create(arrears(supported, local(2026, 6, 2, 9, 0)))  # never acknowledged
    closed = services.alerts.create(arrears(supported, local(2026, 6, 10, 9, 0)))
    services.alerts.close_without_follow_up(
        closed.id,
        reason="Erreur de saisie",
        expected_version=current_version(services.alerts, "close_without_follow_up", closed.id),
    )
    fresh = services.alerts.create(arrears(supported, local(2026, 6, 15, 8, 0)))
    expected = [forgotten.id, fresh.id, closed.id, oldest.id]
    assert [row.id for row in services.alerts.inbox(AlertFilter(status=None))] == expected
    assert [row.id for row in services.alerts.inbox(AlertFilter(status=None, type_code="impaye"))] == expected
    assert [row.id for row in services.alerts.inbox(AlertFilter(status=None, limit=2))] == expected[:2]
    assert [row.id for row in services.alerts.inbox(AlertFilter(status=None, limit=1))] == expected[:1]
    assert [row.id for row in services.alerts.inbox(AlertFilter())] == [forgotten.id, fresh.id]
    assert [row.id for row in services.alerts.inbox(AlertFilter(overdue_only=True))] == [forgotten.id]
    # The board's reading: the new and the overdue ones, in the inbox's order, without names (it names its rows).
    attention = services.alerts.needing_attention()
    assert [row.id for row in attention] == [forgotten.id, fresh.id]
    assert [(row.overdue, row.household_name, row.referent_name) for row in attention] == [
        (True, "", ""),
        (False, "", ""),
    ]


@pytest.mark.parametrize(
    "make_filter",
    [
        lambda s: AlertFilter(status=None),
        lambda s: AlertFilter(status=None, type_code="impaye"),
        lambda s: AlertFilter(status=None, landlord_id=s.landlord.id),
        lambda s: AlertFilter(status=None, household_id=s.household_id),
    ],
    ids=["all", "type", "landlord", "household"],
)
def test_the_inbox_reads_the_newest_alerts_from_an_index_without_sorting_them(
    services: Services, supported: Supported, make_filter: Callable[[Supported], AlertFilter], act_as: ActAs
) -> None:
    """50,000 alerts must not be sorted to show 500: the newest-first read walks an index ending in received_at.

    Read by the team lead, who sees every household's alerts; a referent's inbox reads the alerts of their own
    households from the index by household, and sorts those few.
    """
    services.alerts.create(arrears(supported, local(2026, 6, 1, 9, 0)))
    own = services.setup.own_organisation_id()
    assert own is not None
    act_as(services, services.directory.create_staff(StaffInput("Sophie", "Leroy", "chef_service", own)).id)
    statements: list[tuple[str, object]] = []
    engine = services.context.engine

    def capture(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        services.alerts.inbox(make_filter(supported))
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    [(newest_first, parameters)] = [(sql, p) for sql, p in statements if "FROM alert" in sql and "NOT IN" in sql]
    if engine.dialect.name == "postgresql":
        # A handful of rows: make a full scan and a sort the planner's last resorts, as at 50,000 alerts; a sort
        # is then still in the plan only if no index gives the order.
        with engine.begin() as connection:
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            connection.exec_driver_sql("SET LOCAL enable_sort = off")
            plan = [row[0] for row in connection.exec_driver_sql("EXPLAIN " + newest_first, parameters)]
        # An incremental sort (the id tie-break within one received_at) stops at the limit too; a full sort would not.
        assert not any(re.match(r"(->\s+)?Sort\s+\(", step.strip()) for step in plan), plan
        assert any("Index Scan" in step and "ix_alert_" in step for step in plan), plan
        return
    with engine.connect() as connection:
        plan = [row[3] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + newest_first, parameters)]
    assert not any("TEMP B-TREE" in step for step in plan), plan
    assert any(
        step.startswith("SEARCH alert USING INDEX ix_alert_") or step.startswith("SCAN alert USING INDEX ix_alert_")
        for step in plan
    ), plan


def test_arrears_alerts_suggest_the_litigation_and_social_advisers(services: Services, supported: Supported) -> None:
    landlord = supported.landlord.id
    for first, role in (("Luc", "contentieux"), ("Inès", "cesf"), ("Paul", "proximite")):
        services.directory.create_partner_contact(PartnerContactInput(landlord, first, "Agent", role_code=role))
    assert [c.role_code for c in services.alerts.suggested_contacts(landlord, "impaye")][:3] == [
        "contentieux",
        "cesf",
        "gestion_locative",
    ]
    assert services.alerts.suggested_contacts(landlord, "probleme_technique")[0].role_code == "gestion_locative"


def test_an_alert_to_the_landlord_is_refused_until_the_household_consents(
    services: Services, supported: Supported
) -> None:
    alert = services.alerts.create(
        AlertInput(
            "probleme_technique",
            supported.household_id,
            supported.landlord.id,
            local(2026, 6, 15, 9, 0),
            AlertChannel.COURRIER,
            description="Le chauffe-eau ne fonctionne plus depuis le 10 juin.",
        )
    )
    assert alert.status_label == "Nouveau"
    with pytest.raises(ConsentMissingError) as refused:
        services.alerts.prepare_outgoing(alert.id, contact_id=supported.contact_id)
    assert "« Alertes »" in refused.value.user_message
    assert refused.value.user_message.startswith("Alerte au bailleur — Habitat 35 : elle ne peut pas être envoyée")
    assert "fiche navette" not in refused.value.user_message  # it is a letter, not a liaison sheet
    grant_all(services, supported)
    outgoing = services.alerts.prepare_outgoing(alert.id, contact_id=supported.contact_id)
    text = pdf_text(outgoing.letter.content)
    assert "chauffe-eau" in text and "14 rue de Brest" in text and "Sophie MOREL" in text
    assert outgoing.email.subject.startswith("Problème technique dans le logement")
    assert b"Subject:" in outgoing.email.eml("contact@letoit.example")
    services.alerts.record_sent(outgoing, channel="courrier")
    [disclosure] = services.liaison_sheets.disclosures_for(supported.household_id)
    assert (disclosure.document_kind, disclosure.channel) == ("alerte_bailleur", "courrier")
    assert (
        services.alerts.acknowledge(
            alert.id, expected_version=current_version(services.alerts, "acknowledge", alert.id)
        ).status_label
        == "Pris en compte par le bailleur"
    )
    view = services.alerts.resolve(
        alert.id,
        outcome="Chauffe-eau remplacé le 18 juin",
        expected_version=current_version(services.alerts, "resolve", alert.id),
    )
    assert view.status_label == "Traité par le bailleur"


def test_the_acknowledgement_names_the_referent_and_nothing_else(services: Services, supported: Supported) -> None:
    alert = services.alerts.create(
        arrears(supported, local(2026, 6, 15, 9, 0), partner_contact_id=supported.contact_id)
    )
    email = services.alerts.acknowledgement_email(alert.id)
    assert "Claire MARTIN" in email.body
    assert email.body.startswith("Bonjour,\n")  # no civility recorded for Sophie MOREL: no name in the greeting
    assert "825" not in email.body and "impayés" not in email.body  # nothing of the situation is repeated


def test_the_acknowledgement_sent_is_written_to_the_disclosure_log_as_c0(
    services: Services, supported: Supported
) -> None:
    """It names the referent to the landlord: allowed without consent (C0), but logged like every document."""
    alert = services.alerts.create(
        arrears(supported, local(2026, 6, 15, 9, 0), partner_contact_id=supported.contact_id)
    )
    email = services.alerts.acknowledgement_email(alert.id)
    assert services.liaison_sheets.disclosures_for(supported.household_id) == []  # writing it is not sending it

    services.alerts.record_acknowledgement_sent(alert.id, email)

    [logged] = services.liaison_sheets.disclosures_for(supported.household_id)
    assert (logged.document_kind, logged.document_label, logged.channel) == (
        "accuse_reception",
        "Accusé de réception d'alerte",
        "courriel",
    )
    assert (logged.recipient_name, logged.recipient_contact) == ("Habitat 35", "Sophie MOREL")
    assert (logged.legal_basis, logged.consent_ids, logged.categories) == ("C0", (), ())
    assert logged.legal_basis_label == "C0 : information partenaire, sans consentement nécessaire"
    assert logged.document_reference == alert.reference


# ------------------------------------------------------------------------------------------------ mediation


def _mediation_input(services: Services, alert_id: int, *parties: Party, **changes: object) -> MediationInput:
    options = services.alerts.mediation_options(alert_id)
    lines = tuple(next(o.line for o in options if o.line.party is party) for party in parties)
    data = MediationInput(
        lines, "Le ménage verse 50 € par mois en plus du loyer ; le bailleur suspend la relance.", D(2026, 7, 15)
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def test_a_tripartite_mediation_keeps_its_parties_agreement_and_follow_up(
    services: Services, supported: Supported
) -> None:
    alert = services.alerts.create(arrears(supported, local(2026, 6, 1, 9, 0)))
    options = services.alerts.mediation_options(alert.id)
    assert [(o.name, o.detail) for o in options] == [
        ("ÇELIK Hélène", "Ménage — personne de référence"),
        ("BENALI Karim", "Ménage — conjoint·e"),
        ("Sophie MOREL", "Habitat 35 — gestion locative"),
        ("Claire MARTIN", "Association Le Toit"),
    ]
    when = local(2026, 6, 12, 14, 0)
    mediation = MediationInput(
        (
            options[0].line,
            options[2].line,
            options[3].line,
            ParticipantLine(Party.AUTRE, name="M. Leroy, gardien"),
        ),
        "Le ménage verse 50 € par mois en plus du loyer ; le bailleur suspend la relance.",
        D(2026, 7, 15),
    )
    view = services.alerts.add_action(
        alert.id,
        ActionInput(AlertActionKind.MEDIATION, when, mediation=mediation),
        expected_version=current_version(services.alerts, "add_action", alert.id),
    )
    [action] = view.actions
    assert action.kind_label == "Médiation tripartite" and action.mediation is not None
    assert [(p.party_label, p.name) for p in action.mediation.participants] == [
        ("Ménage", "ÇELIK Hélène"),
        ("Bailleur", "Sophie MOREL"),
        ("Association", "Claire MARTIN"),
        ("Autre participant", "M. Leroy, gardien"),
    ]
    assert action.mediation.follow_up_on == D(2026, 7, 15) and not action.mediation.follow_up_due
    assert "suivi le 15/07/2026" in action.mediation.summary and "Sophie MOREL (bailleur)" in action.mediation.summary
    assert view.status is AlertStatus.EN_TRAITEMENT  # a mediation is the first action
    assert "alert_mediation" in {entry.entity_type for entry in services.audit.for_household(supported.household_id)}


def test_a_mediation_is_refused_without_its_three_parties_an_agreement_or_a_follow_up(
    services: Services, supported: Supported
) -> None:
    alert = services.alerts.create(arrears(supported, local(2026, 6, 1, 9, 0)))
    when = local(2026, 6, 12, 14, 0)
    m = Party

    def refused(mediation: MediationInput | None) -> dict[str, str]:
        with pytest.raises(ValidationError) as error:
            services.alerts.add_action(
                alert.id,
                ActionInput(AlertActionKind.MEDIATION, when, mediation=mediation),
                expected_version=current_version(services.alerts, "add_action", alert.id),
            )
        return error.value.errors

    assert "participants" in refused(None)
    assert (
        "il manque bailleur" in refused(_mediation_input(services, alert.id, m.MENAGE, m.ASSOCIATION))["participants"]
    )
    assert "il manque ménage, bailleur et association" in refused(_mediation_input(services, alert.id))["participants"]
    full = (m.MENAGE, m.BAILLEUR, m.ASSOCIATION)
    assert "obligatoire" in refused(_mediation_input(services, alert.id, *full, agreement="  "))["agreement"]
    assert "date" in refused(_mediation_input(services, alert.id, *full, follow_up_on=None))["follow_up_on"]
    early = refused(_mediation_input(services, alert.id, *full, follow_up_on=D(2026, 6, 1)))
    assert "antérieure" in early["follow_up_on"]
    stranger = new_household(services, "Yanis", "Ferhat")
    outsider = services.households.open_file(stranger.id, record_view=False).members[0].person_id
    lines = _mediation_input(services, alert.id, *full).participants
    with_outsider = MediationInput((*lines, ParticipantLine(m.MENAGE, person_id=outsider)), "Accord", D(2026, 7, 1))
    assert "l'un de ses adultes" in refused(with_outsider)["participants"]
    members = services.households.open_file(supported.household_id, record_view=False).members
    child = next(member.person_id for member in members if member.is_child)
    with_child = MediationInput((*lines, ParticipantLine(m.MENAGE, person_id=child)), "Accord", D(2026, 7, 1))
    assert "l'un de ses adultes" in refused(with_child)["participants"]
    nameless = MediationInput((*lines, ParticipantLine(m.AUTRE, name=" ")), "Accord", D(2026, 7, 1))
    assert "Nommez" in refused(nameless)["participants"]
    # Each party has its own kind of person: names typed in do not make a landlord or an association present.
    typed = MediationInput(
        (lines[0], ParticipantLine(m.BAILLEUR, name="Y"), ParticipantLine(m.ASSOCIATION, name="Z")),
        "Accord",
        D(2026, 7, 1),
    )
    assert "contacts de l'annuaire" in refused(typed)["participants"]
    me = services.context.actor.staff_member_id
    staff_as_landlord = MediationInput(
        (lines[0], ParticipantLine(m.BAILLEUR, staff_member_id=me), lines[2]), "Accord", D(2026, 7, 1)
    )
    assert "contacts de l'annuaire" in refused(staff_as_landlord)["participants"]
    contact = lines[1].partner_contact_id
    twice = MediationInput(
        (lines[0], lines[1], ParticipantLine(m.ASSOCIATION, partner_contact_id=contact)), "Accord", D(2026, 7, 1)
    )
    assert "deux parties" in refused(twice)["participants"]
    from caseworker.services.directory import OrganisationInput

    ccas = services.directory.create_organisation(OrganisationInput("CCAS de Rennes", "ccas"))
    advisor = services.directory.create_partner_contact(PartnerContactInput(ccas.id, "Paul", "Autre")).id
    outside = MediationInput(
        (lines[0], lines[1], ParticipantLine(m.ASSOCIATION, partner_contact_id=advisor)), "Accord", D(2026, 7, 1)
    )
    assert "professionnels de l'annuaire" in refused(outside)["participants"]
    same_person = MediationInput((*lines, ParticipantLine(m.AUTRE, staff_member_id=me)), "Accord", D(2026, 7, 1))
    assert "deux parties" in refused(same_person)["participants"]
    assert services.alerts.alert(alert.id).actions == ()  # nothing half-saved
    assert services.alerts.alert(alert.id).status is AlertStatus.NOUVEAU


def test_a_mediation_follow_up_shows_in_mes_menages_until_someone_acts_on_the_alert(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    def mine() -> tuple[date | None, bool, list[str]]:
        [row] = [r for r in services.my_households.for_staff() if r.household_id == supported.household_id]
        return row.mediation_follow_up_on, row.mediation_follow_up_due, row.attention()

    alert = services.alerts.create(arrears(supported, local(2026, 6, 1, 9, 0)))
    full = (Party.MENAGE, Party.BAILLEUR, Party.ASSOCIATION)
    mediation = _mediation_input(services, alert.id, *full, follow_up_on=D(2026, 6, 20))
    services.alerts.add_action(
        alert.id,
        ActionInput(AlertActionKind.MEDIATION, local(2026, 6, 12, 14, 0), mediation=mediation),
        expected_version=current_version(services.alerts, "add_action", alert.id),
    )
    assert mine()[:2] == (D(2026, 6, 20), False)  # not yet
    clock.today_value = D(2026, 6, 22)
    _on, due, attention = mine()
    assert due and "Suivi de la médiation attendu le 20/06/2026" in attention
    services.alerts.add_action(
        alert.id,
        ActionInput(AlertActionKind.APPEL, local(2026, 6, 22, 9, 0), "Accord tenu"),
        expected_version=current_version(services.alerts, "add_action", alert.id),
    )
    assert mine()[:2] == (None, False)  # followed up
    second = services.alerts.add_action(
        alert.id,
        ActionInput(
            AlertActionKind.MEDIATION,
            local(2026, 6, 22, 10, 0),
            mediation=_mediation_input(services, alert.id, *full, follow_up_on=D(2026, 6, 22)),
        ),
        expected_version=current_version(services.alerts, "add_action", alert.id),
    )
    assert mine()[1]
    services.alerts.resolve(
        second.id, outcome="Dette soldée", expected_version=current_version(services.alerts, "resolve", second.id)
    )
    assert mine()[:2] == (None, False)  # a closed alert waits for nothing


# --------------------------------------------------------------------------------------------- history


class SecondsClock(FixedClock):
    """The real clock has seconds: a step recorded "now" is at 12:00:35, an action typed in the dialog at 12:00."""

    def now(self) -> datetime:
        return local(2026, 6, 15, 12, 0, 35)


def test_the_history_keeps_the_recorded_order_within_a_minute(services: Services, supported: Supported) -> None:
    seconds = SecondsClock(D(2026, 6, 15))
    object.__setattr__(services.context, "clock", seconds)
    alert = services.alerts.create(arrears(supported, local(2026, 6, 15, 11, 50)))
    services.alerts.acknowledge(
        alert.id, expected_version=current_version(services.alerts, "acknowledge", alert.id)
    )  # at the clock's 12:00:35
    view = services.alerts.add_action(
        alert.id,
        ActionInput(AlertActionKind.VISITE, local(2026, 6, 15, 12, 0)),
        expected_version=current_version(services.alerts, "add_action", alert.id),
    )
    entries = [
        (entry.step.to_status.value if entry.step else f"action:{entry.action.kind.value}")  # type: ignore[union-attr]
        for entry in view.history
    ]
    assert entries == ["nouveau", "pris_en_compte", "action:visite", "en_traitement"]
    # Every entry is read at the same precision (the minute people type and read).
    assert {entry.at.second for entry in view.history} == {0}
    assert services.alerts.alert(alert.id).history == view.history  # deterministic on reading again


def test_letters_and_e_mails_greet_a_contact_by_civility_and_surname(services: Services, supported: Supported) -> None:
    contact = services.directory.create_partner_contact(
        PartnerContactInput(supported.landlord.id, "Maud", "FLEURY", role_code="gestion_locative", civility="madame")
    )
    assert contact.civility == "madame"
    incoming = services.alerts.create(arrears(supported, local(2026, 6, 15, 9, 0), partner_contact_id=contact.id))
    assert services.alerts.acknowledgement_email(incoming.id).body.startswith("Bonjour Madame Fleury,\n")
    grant_all(services, supported)
    outgoing = services.alerts.create(
        AlertInput(
            "probleme_technique",
            supported.household_id,
            supported.landlord.id,
            local(2026, 6, 15, 9, 0),
            AlertChannel.COURRIER,
            description="Le chauffe-eau ne fonctionne plus.",
        )
    )
    prepared = services.alerts.prepare_outgoing(outgoing.id, contact_id=contact.id)
    assert prepared.email.body.startswith("Bonjour Madame Fleury,\n")
    letter = " ".join(pdf_text(prepared.letter.content).split())
    assert "À l'attention de Madame Maud FLEURY (Gestion" in letter
    assert "Madame, Objet" in letter and "Nous vous prions d'agréer, Madame, nos salutations distinguées." in letter
    anonymous = services.alerts.prepare_outgoing(outgoing.id, contact_id=None)
    assert anonymous.email.body.startswith("Bonjour,\n")
    letter = " ".join(pdf_text(anonymous.letter.content).split())
    assert "Madame, Monsieur, Objet" in letter and "d'agréer, Madame, Monsieur, nos salutations" in letter


def test_the_inbox_names_each_household_s_coordinating_referent(
    services: Services, supported: Supported, landlord: OrganisationView
) -> None:
    services.alerts.create(arrears(supported, local(2026, 6, 12, 17, 0)))
    orphan = new_household(services, "Paul", "Sansréférent")
    services.alerts.create(replace(arrears(supported, local(2026, 6, 12, 18, 0)), household_id=orphan.id))
    rows = {row.household_id: row for row in services.alerts.inbox(AlertFilter())}
    assert rows[supported.household_id].referent_name == "Claire MARTIN"
    assert rows[orphan.id].referent_name == ""
