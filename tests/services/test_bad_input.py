"""The bad input measured by the fuzzing of issue 11, one test per symptom: refused in French, nothing stored.

Amounts follow one money rule (``formats.amount_problem`` through ``Problems.amount``) and dates one plausibility
rule (``services.date_rules``); ``test_input_fuzz.py`` keeps looking for what these examples miss.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from caseworker.domain import AlertChannel, ProcedureStage
from caseworker.services import Services
from caseworker.services.alerts import AlertInput
from caseworker.services.contracts import ContractView, DraftRequest
from caseworker.services.directory import DwellingInput, OrganisationView
from caseworker.services.errors import ValidationError
from caseworker.services.households import PersonInput
from caseworker.services.prevention import DebtInput, PaymentInput, PlanInput, ProcedureInput, StageInput
from caseworker.services.support import OrientationInput
from tests.services.builders import TODAY, new_household, raw_rows, row_count
from tests.services.contract_builders import Supported, supported_household
from tests.support.row_versions import current_version

NOT_MONEY = {
    "NaN": (Decimal("NaN"), "ce n'est pas un montant"),
    "sNaN": (Decimal("sNaN"), "ce n'est pas un montant"),
    "Infinity": (Decimal("Infinity"), "ce n'est pas un montant"),
    "-Infinity": (Decimal("-Infinity"), "ce n'est pas un montant"),
    "1e30": (Decimal("1e30"), "ce montant est trop élevé pour être vraisemblable"),
    "negative": (Decimal("-500"), "le montant ne peut pas être négatif"),
    "three decimals": (Decimal("12.345"), "un montant a au plus deux décimales (les centimes)"),
}


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


def _protocol(services: Services, supported: Supported) -> ContractView:
    return services.contracts.draft(DraftRequest("protocole_maintien", supported.household_id))


def _alert(services: Services, supported: Supported, **changes: object) -> None:
    data = AlertInput(
        "impaye",
        supported.household_id,
        supported.landlord.id,
        datetime(2026, 6, 15, 9, 0, tzinfo=timezone.utc),
        AlertChannel.TELEPHONE,
        description="Deux mois de loyer impayés.",
        amount=Decimal("825.00"),
    )
    services.alerts.create(replace(data, **changes))  # type: ignore[arg-type]


def _contract_amount(field: str) -> Callable[[Services, Supported, Decimal], None]:
    def save(services: Services, supported: Supported, amount: Decimal) -> None:
        version = _protocol(services, supported).latest
        content = replace(version.content(), debt=Decimal("1000"), instalment=Decimal("10"))
        services.contracts.update_draft(
            version.id,
            replace(content, **{field: amount}),
            expected_version=current_version(services.contracts, "update_draft", version.id),
        )

    return save


def _dwelling(field: str) -> Callable[[Services, Supported, Decimal], None]:
    def save(services: Services, supported: Supported, amount: Decimal) -> None:
        data = DwellingInput(supported.landlord.id, "1 rue A", rent=Decimal("400"), charges=Decimal("50"))
        services.directory.create_dwelling(replace(data, **{field: amount}))

    return save


def _debt(services: Services, supported: Supported, amount: Decimal) -> None:
    services.debts.add_debt(supported.household_id, DebtInput(amount, date(2026, 5, 31), creditor_name="EDF"))


def _plan(field: str) -> Callable[[Services, Supported, Decimal], None]:
    def save(services: Services, supported: Supported, amount: Decimal) -> None:
        debt = services.debts.add_debt(
            supported.household_id, DebtInput(Decimal("1200"), date(2026, 5, 31), creditor_name="EDF")
        )
        data = PlanInput(Decimal("50"), Decimal("300"), date(2026, 6, 1), 24, date(2026, 6, 1))
        services.debts.add_plan(debt.id, replace(data, **{field: amount}))

    return save


def _payment(services: Services, supported: Supported, amount: Decimal) -> None:
    debt = services.debts.add_debt(
        supported.household_id, DebtInput(Decimal("1200"), date(2026, 5, 31), creditor_name="EDF")
    )
    plan = services.debts.add_plan(
        debt.id, PlanInput(Decimal("50"), Decimal("300"), date(2026, 6, 1), 24, date(2026, 6, 1))
    )
    services.debts.record_payment(plan.id, PaymentInput(date(2026, 6, 1), amount, date(2026, 6, 5)))


AMOUNT_INPUTS: dict[str, tuple[Callable[[Services, Supported, Decimal], None], str, str]] = {
    # name: (save, field, label in the message)
    "alert amount": (lambda s, sup, amount: _alert(s, sup, amount=amount), "amount", "Montant"),
    "contract debt": (_contract_amount("debt"), "debt", "Montant de la dette"),
    "contract instalment": (_contract_amount("instalment"), "instalment", "Mensualité"),
    "rent": (_dwelling("rent"), "rent", "Loyer"),
    "charges": (_dwelling("charges"), "charges", "Charges"),
    "debt": (_debt, "amount", "Montant"),
    "plan instalment": (_plan("instalment"), "instalment", "Mensualité"),
    "plan rent": (_plan("rent_due"), "rent_due", "Loyer résiduel"),
    "payment": (_payment, "amount", "Montant"),
}


@pytest.mark.parametrize("target", AMOUNT_INPUTS)
def test_every_amount_follows_the_money_rule(services: Services, supported: Supported, target: str) -> None:
    save, field, label = AMOUNT_INPUTS[target]
    maximum = "100\u202f000,00\xa0€" if target in {"rent", "charges"} else "1\u202f000\u202f000,00\xa0€"
    for bad, (amount, problem) in NOT_MONEY.items():
        message = f"{problem} ({maximum} au plus)" if bad == "1e30" else problem
        with pytest.raises(ValidationError) as caught:
            save(services, supported, amount)
        assert caught.value.errors[field] == f"{label} : {message}.", bad


@pytest.mark.parametrize("target", AMOUNT_INPUTS)
def test_an_accepted_amount_is_stored_to_the_cent(services: Services, supported: Supported, target: str) -> None:
    save, _field, _label = AMOUNT_INPUTS[target]
    save(services, supported, Decimal("12.35"))
    stored = {
        value
        for table, column in (
            ("alert", "amount_cents"),
            ("contract_version", "debt_cents"),
            ("contract_version", "instalment_cents"),
            ("dwelling", "rent_cents"),
            ("dwelling", "charges_cents"),
            ("debt", "amount_cents"),
            ("repayment_plan", "instalment_cents"),
            ("repayment_plan", "rent_due_cents"),
            ("payment", "amount_cents"),
        )
        for (value,) in raw_rows(services, f"SELECT {column} FROM {table}")
    }
    assert 1235 in stored


def test_a_negative_contract_instalment_and_debt_are_refused(services: Services, supported: Supported) -> None:
    version = _protocol(services, supported).latest
    with pytest.raises(ValidationError) as caught:
        services.contracts.update_draft(
            version.id,
            replace(version.content(), debt=Decimal("-1000"), instalment=Decimal("-500")),
            expected_version=current_version(services.contracts, "update_draft", version.id),
        )
    assert caught.value.errors["debt"] == "Montant de la dette : le montant ne peut pas être négatif."
    assert caught.value.errors["instalment"] == "Mensualité : le montant ne peut pas être négatif."
    assert raw_rows(services, "SELECT debt_cents, instalment_cents FROM contract_version") == [(None, None)]


def test_three_decimals_are_refused_not_rounded(services: Services, supported: Supported) -> None:
    version = _protocol(services, supported).latest
    with pytest.raises(ValidationError) as caught:
        services.contracts.update_draft(
            version.id,
            replace(version.content(), instalment=Decimal("12.345")),
            expected_version=current_version(services.contracts, "update_draft", version.id),
        )
    assert "deux décimales" in caught.value.errors["instalment"]
    assert raw_rows(services, "SELECT instalment_cents FROM contract_version") == [(None,)]


# ------------------------------------------------------------------------------------------------ dates


def test_an_absurd_contract_start_is_refused_without_a_crash(services: Services, supported: Supported) -> None:
    version = _protocol(services, supported).latest
    for start in (date(9999, 1, 1), date(2200, 1, 1), date(1900, 1, 1)):
        with pytest.raises(ValidationError) as caught:
            services.contracts.update_draft(
                version.id,
                replace(version.content(), starts_on=start, ends_on=start + timedelta(days=200)),
                expected_version=current_version(services.contracts, "update_draft", version.id),
            )
        assert caught.value.errors["starts_on"].startswith(f"Date d'effet : la date {start:%d/%m/%Y} n'est pas")
    assert raw_rows(services, "SELECT starts_on FROM contract_version") == [(TODAY.isoformat(),)]


def test_a_referral_dated_1900_is_refused(services: Services) -> None:
    household = new_household(services)
    with pytest.raises(ValidationError) as caught:
        services.episodes.open_episode(household.id, OrientationInput("avdl", date(1900, 1, 1)))
    assert caught.value.errors == {
        "orientation_date": "Date d'orientation : la date 01/01/1900 n'est pas vraisemblable "
        "(au plus tôt le 01/01/1990)."
    }
    assert row_count(services, "episode") == 0


def test_an_alert_received_in_1900_is_refused(services: Services, supported: Supported) -> None:
    with pytest.raises(ValidationError) as caught:
        _alert(services, supported, received_at=datetime(1900, 1, 1, 9, 0, tzinfo=timezone.utc))
    assert caught.value.errors["received_at"] == (
        "Date de réception : la date 01/01/1900 n'est pas vraisemblable (au plus tôt le 01/01/1990)."
    )
    assert row_count(services, "alert") == 0


@pytest.mark.parametrize("moment", [datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))), datetime.max])
def test_an_alert_at_the_ends_of_the_calendar_is_refused_without_a_crash(
    services: Services, supported: Supported, moment: datetime
) -> None:
    with pytest.raises(ValidationError):
        _alert(services, supported, received_at=moment.replace(tzinfo=moment.tzinfo or timezone.utc))
    with pytest.raises(ValidationError):
        services.alerts.deadlines("impaye", supported.landlord.id, moment.replace(tzinfo=moment.tzinfo or timezone.utc))
    assert row_count(services, "alert") == 0


def test_an_arrival_dated_1900_is_refused(services: Services) -> None:
    household = new_household(services)
    with pytest.raises(ValidationError) as caught:
        services.households.add_member(
            household.id,
            PersonInput(first_name="Léa"),
            role_code="enfant",
            start_date=date(1900, 1, 1),
            expected_version=current_version(services.households, "add_member", household.id),
        )
    assert caught.value.errors == {
        "start_date": "Date d'arrivée : la date 01/01/1900 n'est pas vraisemblable (au plus tôt le 15/06/1926)."
    }
    assert row_count(services, "household_membership") == 1


def test_an_eviction_stage_in_the_future_or_before_1990_is_refused(services: Services, supported: Supported) -> None:
    procedure = services.procedures.open_procedure(
        supported.household_id, ProcedureInput(supported.landlord.id, date(2026, 3, 1))
    )
    for on in (TODAY + timedelta(days=1), date(1989, 12, 31)):
        with pytest.raises(ValidationError):
            services.procedures.add_stage(procedure.id, StageInput(ProcedureStage.COMMANDEMENT_DE_PAYER, on))


def test_a_suspension_from_the_last_day_of_the_calendar_is_refused_without_a_crash(services: Services) -> None:
    from caseworker.services.support import SuspensionInput
    from tests.services.support.test_episodes import active_episode

    _, episode_id = active_episode(services)
    with pytest.raises(ValidationError) as caught:
        services.episodes.suspend(
            episode_id,
            SuspensionInput(date(9999, 12, 31), "hospitalisation"),
            expected_version=current_version(services.episodes, "suspend", episode_id),
        )
    assert caught.value.errors["start_date"] == "Date : la date ne peut pas être dans le futur (31/12/9999)."


def test_a_search_of_pasted_junk_finds_nothing_and_does_not_fail(services: Services) -> None:
    new_household(services)
    assert services.households.search("é" * 30_000) == []  # SQLite refuses a LIKE pattern over 50 kB
    assert [item.display_name for item in services.households.search("\ud800çelik")] == ["ÇELIK Hélène"]


def test_a_code_that_is_not_text_is_refused(services: Services, supported: Supported) -> None:
    with pytest.raises(ValidationError) as caught:
        _alert(services, supported, type_code="\ud800")
    assert caught.value.errors == {"text": "Le texte contient des caractères invalides."}
    assert row_count(services, "alert") == 0


def test_a_mediation_participant_naming_two_people_is_refused(services: Services, supported: Supported) -> None:
    from caseworker.domain import AlertActionKind, Party
    from caseworker.services.alerts import ActionInput
    from caseworker.services.alerts.mediations import MediationInput, ParticipantLine

    _alert(services, supported)
    [alert] = services.alerts.for_household(supported.household_id)
    lines = (ParticipantLine(Party.MENAGE, person_id=supported.adults[0], name="Hélène"),)
    with pytest.raises(ValidationError) as caught:
        services.alerts.add_action(
            alert.id,
            ActionInput(
                AlertActionKind.MEDIATION,
                datetime(2026, 6, 15, 9, 30, tzinfo=timezone.utc),
                mediation=MediationInput(lines, "Accord", date(2026, 7, 15)),
            ),
            expected_version=current_version(services.alerts, "add_action", alert.id),
        )
    assert "Un participant est une seule personne" in caught.value.errors["participants"]


def test_the_coordinator_leaving_on_the_last_day_of_the_calendar_is_refused_without_a_crash(
    services: Services, supported: Supported
) -> None:
    from caseworker.services.directory import StaffInput
    from caseworker.services.support import TeamMemberInput

    own = services.setup.own_organisation_id()
    assert own is not None
    colleague = services.directory.create_staff(StaffInput("Paul", "Renard", "travailleur_social", own))
    successor = services.team.add_member(
        supported.household_id, TeamMemberInput("referent_social", date(2026, 1, 5), staff_member_id=colleague.id)
    )
    coordinator = next(item for item in services.team.team(supported.household_id) if item.is_coordinator)
    with pytest.raises(ValidationError) as caught:
        services.team.end_membership(
            coordinator.id, end_date=date(9999, 12, 31), reason="Mutation", successor_id=successor.id
        )
    assert "futur" in caught.value.errors["end_date"]
