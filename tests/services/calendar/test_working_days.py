"""Working days by territory: the association's setting, a landlord's convention cadre, the holidays of each place."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from caseworker.domain import AlertChannel
from caseworker.services import Services
from caseworker.services.alerts import AlertInput
from caseworker.services.calendar import (
    METROPOLE,
    TERRITORIES,
    add_working_days,
    is_off_hours,
    is_working_day,
    public_holidays,
)
from caseworker.services.calendar.territories import landlord_territories
from caseworker.services.contracts import DraftRequest
from caseworker.services.directory import OrganisationInput, OrganisationView, PartnerContactInput
from caseworker.services.errors import ValidationError
from caseworker.services.settings import TERRITORY
from caseworker.services.support import ContactInput
from tests.services.builders import new_household
from tests.services.contract_builders import Supported, convention_in_force, supported_household
from tests.support.row_versions import current_version

D = date
PARIS = ZoneInfo("Europe/Paris")
MOSELLE = "57"


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


def arrears(household_id: int, landlord_id: int, received_at: datetime) -> AlertInput:
    return AlertInput("impaye", household_id, landlord_id, received_at, AlertChannel.TELEPHONE)


# ------------------------------------------------------------------------------------------- the calendar


def test_alsace_moselle_adds_good_friday_and_saint_stephen() -> None:
    for territory in (MOSELLE, "67", "68"):
        assert {D(2026, 4, 3), D(2026, 12, 26)} <= public_holidays(2026, territory)
    assert D(2026, 4, 3) not in public_holidays(2026, METROPOLE)
    # 26 December 2025 is a Friday: a working day in Paris, a public holiday in Moselle.
    assert add_working_days(D(2025, 12, 24), 1, territory=METROPOLE) == D(2025, 12, 26)
    assert add_working_days(D(2025, 12, 24), 1, territory=MOSELLE) == D(2025, 12, 29)
    assert not is_working_day(D(2025, 12, 26), territory="68")


def test_each_overseas_department_has_its_own_abolition_day() -> None:
    assert not is_working_day(D(2026, 5, 27), territory="971")  # Guadeloupe, a Wednesday
    assert is_working_day(D(2026, 5, 27), territory=METROPOLE)
    assert not is_working_day(D(2026, 5, 22), territory="972")  # Martinique, a Friday
    assert is_working_day(D(2026, 5, 22), territory="971")
    assert not is_working_day(D(2027, 12, 20), territory="974")  # La Réunion, a Monday
    assert is_working_day(D(2027, 12, 20), territory=METROPOLE)
    assert add_working_days(D(2026, 5, 26), 1, territory="971") == D(2026, 5, 28)


def test_every_territory_is_known_to_the_holidays_library_and_labelled_in_french() -> None:
    assert TERRITORIES[METROPOLE] == "France métropolitaine"
    assert TERRITORIES[MOSELLE] == "Moselle" and TERRITORIES["974"] == "La Réunion"
    for territory in TERRITORIES:
        assert len(public_holidays(2026, territory)) >= 11
    with pytest.raises(ValueError, match="unknown territory"):
        public_holidays(2026, "75")


@pytest.mark.timing
def test_holiday_sets_are_computed_once_per_year_and_territory() -> None:
    public_holidays.cache_clear()
    for offset in range(2000):
        add_working_days(D(2026, 1, 1), offset % 40, territory=MOSELLE)
    info = public_holidays.cache_info()
    assert info.misses <= 3  # 2026, 2027 and at most one more year: never once per day counted
    started = time.perf_counter()
    for _ in range(5000):
        add_working_days(D(2026, 1, 1), 3, territory="971")
    assert time.perf_counter() - started < 1.0


# ---------------------------------------------------------------------------------------- the alert deadlines


def test_an_alert_received_in_moselle_on_thursday_2_april_waits_for_good_friday_and_easter_monday(
    services: Services, supported: Supported
) -> None:
    thursday = datetime(2026, 4, 2, 10, 0, tzinfo=PARIS)
    paris = services.alerts.create(arrears(supported.household_id, supported.landlord.id, thursday))
    # Paris: acknowledge on Friday 3; the first action within 3 working days, Easter Monday skipped.
    assert (paris.acknowledge_due_on, paris.action_due_on) == (D(2026, 4, 3), D(2026, 4, 8))
    services.working_days.set_territory(MOSELLE)
    moselle = services.alerts.create(arrears(supported.household_id, supported.landlord.id, thursday))
    # Moselle: Good Friday and Easter Monday are public holidays.
    assert (moselle.acknowledge_due_on, moselle.action_due_on) == (D(2026, 4, 7), D(2026, 4, 9))
    assert services.alerts.deadlines("impaye", supported.landlord.id, thursday)[:2] == (D(2026, 4, 7), D(2026, 4, 9))
    # The deadlines of the first alert were set when it was received: a new setting does not rewrite them.
    assert services.alerts.alert(paris.id).acknowledge_due_on == D(2026, 4, 3)


def test_the_landlords_convention_territory_wins_for_its_alerts(
    services: Services, supported: Supported, landlord: OrganisationView
) -> None:
    other = services.directory.create_organisation(OrganisationInput(name="Moselis", kind_code="bailleur_social"))
    services.directory.create_partner_contact(PartnerContactInput(other.id, "Paul", "Klein", role_code="contentieux"))
    convention_in_force(services, other.id, territory=MOSELLE)
    convention_in_force(services, landlord.id)  # says nothing: the association's territory
    thursday = datetime(2026, 4, 2, 10, 0, tzinfo=PARIS)
    at_moselis = services.alerts.create(arrears(supported.household_id, other.id, thursday))
    assert at_moselis.acknowledge_due_on == D(2026, 4, 7)
    at_habitat = services.alerts.create(arrears(supported.household_id, landlord.id, thursday))
    assert at_habitat.acknowledge_due_on == D(2026, 4, 3)
    services.working_days.set_territory("971")  # the association's setting now: Good Friday is a holiday there too
    again = services.alerts.create(arrears(supported.household_id, landlord.id, thursday))
    assert again.acknowledge_due_on == D(2026, 4, 7)
    # The board reads every landlord's territory at once: the same answers (and a landlord with no convention).
    bare = services.directory.create_organisation(OrganisationInput(name="Néolia", kind_code="bailleur_social"))
    with services.context.read() as session:
        assert landlord_territories(session, [other.id, landlord.id, bare.id]) == {
            other.id: MOSELLE,
            landlord.id: "971",
            bare.id: "971",
        }
        assert landlord_territories(session, []) == {}


def test_a_convention_keeps_its_territory_and_refuses_an_unknown_one(
    services: Services, landlord: OrganisationView
) -> None:
    convention = services.contracts.draft(DraftRequest("convention_cadre", landlord_id=landlord.id))
    content = convention.latest.content()
    assert content.territory is None
    saved = services.contracts.update_draft(
        convention.latest.id,
        replace(content, territory=MOSELLE),
        expected_version=current_version(services.contracts, "update_draft", convention.latest.id),
    )
    assert (saved.latest.territory, saved.latest.territory_label) == (MOSELLE, "Moselle")
    assert saved.latest.content().territory == MOSELLE  # an amendment starts from it
    with pytest.raises(ValidationError) as refused:
        services.contracts.update_draft(
            convention.latest.id,
            replace(content, territory="Lorraine"),
            expected_version=current_version(services.contracts, "update_draft", convention.latest.id),
        )
    assert refused.value.errors["territory"] == "Territoire : choisissez-le dans la liste."


# ------------------------------------------------------------------------------------ the setting, office hours


def test_the_association_territory_is_a_setting_with_french_labels(services: Services) -> None:
    assert services.working_days.territory() == METROPOLE == services.settings.get(TERRITORY)
    choices = services.working_days.territories()
    assert choices[0].label == "France métropolitaine"
    assert {"Moselle", "Bas-Rhin (Alsace)", "Guadeloupe", "Martinique", "La Réunion", "Mayotte"} <= {
        choice.label for choice in choices
    }
    services.working_days.set_territory("974")
    assert services.working_days.territory() == "974"
    with pytest.raises(ValidationError) as refused:
        services.working_days.set_territory("Paris")
    assert "territory" in refused.value.errors
    assert services.working_days.territory() == "974"


def test_the_off_hours_flag_of_a_contact_follows_the_associations_holidays(services: Services) -> None:
    household = new_household(services, "Inès", "Weber", birth_year=1990)
    good_friday_morning = datetime(2026, 4, 3, 10, 0, tzinfo=PARIS)
    assert not is_off_hours(good_friday_morning.replace(tzinfo=None), territory=METROPOLE)
    visit = ContactInput(occurred_at=good_friday_morning, type_code="visite_domicile", outcome_code="rencontre")
    assert not services.contacts.record_contact(household.id, visit).off_hours
    services.working_days.set_territory(MOSELLE)
    assert services.contacts.record_contact(household.id, visit).off_hours
    assert services.working_days.is_off_hours(good_friday_morning.replace(tzinfo=None))
