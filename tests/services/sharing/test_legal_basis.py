"""Legal bases: a team lead, logged in, records the ground in law to share despite a refusal (docs/domain.md §7.5)."""

from __future__ import annotations

from datetime import date

import pytest

from caseworker.services import Services
from caseworker.services.directory import OrganisationInput, OrganisationView, StaffInput
from caseworker.services.errors import TransitionError, ValidationError
from caseworker.services.households import PersonInput
from caseworker.services.sharing import ConsentInput, ConsentMissingError, LegalBasisInput
from caseworker.services.sharing.legal_basis import EVERY_ADULT
from caseworker.services.sharing.liaison_sheet import LiaisonSheetRequest
from tests.services.builders import FILED, raw_rows, row_count
from tests.services.conftest import ActAs
from tests.services.contract_builders import Supported, grant_all, supported_household, team_lead
from tests.support.row_versions import current_version

D = date
GROUND = "Signalement à la CCAPEX (article L. 412-5 du code des procédures civiles d'exécution)"


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


def sheet_of(services: Services, supported: Supported, *categories: str):  # type: ignore[no-untyped-def]
    request = LiaisonSheetRequest(supported.landlord.id, categories, recipient_contact_id=supported.contact_id)
    return services.liaison_sheets.prepare(supported.household_id, request)


def refuse_rent(services: Services, supported: Supported) -> None:
    """Both adults agree to share their identity; Karim refuses the rent and the debt."""
    grant_all(services, supported, categories=("identite",))
    services.consents.record_refused(
        supported.household_id,
        ConsentInput(supported.adults[1], supported.landlord.id, ("loyer_dette",), "Fiche navette"),
        refused_on=D(2026, 6, 2),
    )
    grant_all(services, supported, categories=("loyer_dette",), signed_on=D(2026, 6, 1))  # Karim's came earlier


def basis(supported: Supported, **changes: object) -> LegalBasisInput:
    values: dict[str, object] = {
        "recipient_id": supported.landlord.id,
        "category_codes": ("loyer_dette",),
        "ground": GROUND,
        "decided_on": D(2026, 6, 10),
        "person_id": supported.adults[1],
    }
    values.update(changes)
    return LegalBasisInput(**values)  # type: ignore[arg-type]


def test_a_refusal_blocks_the_sheet_until_the_team_lead_records_a_legal_basis(
    services: Services, supported: Supported, act_as: ActAs
) -> None:
    refuse_rent(services, supported)
    with pytest.raises(ConsentMissingError) as refused:
        sheet_of(services, supported, "loyer_dette")
    assert "Karim BENALI — « Loyer, dette et plan d'apurement » : refusé le 02/06/2026" in refused.value.user_message
    assert "seule une base légale enregistrée par le chef de service" in refused.value.user_message

    act_as(services, team_lead(services))
    recorded = services.legal_bases.record(supported.household_id, basis(supported))
    assert (recorded.person_name, recorded.recipient_name, recorded.category_labels, recorded.decided_by_name) == (
        "BENALI Karim",
        "Habitat 35",
        "Loyer, dette et plan d'apurement",
        "Nadia BENALI",
    )
    sheet = sheet_of(services, supported, "loyer_dette")
    disclosure = services.liaison_sheets.record_sent(sheet, channel="impression")
    # The log says why Karim's refusal was overridden, beside the consents (both identities, Hélène's rent).
    assert disclosure.legal_basis == GROUND and len(disclosure.consent_ids) == 3
    assert services.legal_bases.for_household(supported.household_id) == [recorded]
    assert raw_rows(services, "SELECT action, entity_type FROM audit_event WHERE entity_type = 'legal_basis'") == [
        ("CREATE", "legal_basis")
    ]


def test_a_withdrawn_or_ended_basis_blocks_again_and_one_for_every_adult_covers_each(
    services: Services, supported: Supported, act_as: ActAs, clock
) -> None:  # type: ignore[no-untyped-def]
    refuse_rent(services, supported)
    act_as(services, team_lead(services))
    everyone = services.legal_bases.record(supported.household_id, basis(supported, person_id=None))
    assert everyone.person_name == EVERY_ADULT
    sheet_of(services, supported, "loyer_dette")  # passes
    services.legal_bases.withdraw(everyone.id, on=clock.today())
    with pytest.raises(ConsentMissingError):
        sheet_of(services, supported, "loyer_dette")
    with pytest.raises(TransitionError, match="déjà été retirée"):
        services.legal_bases.withdraw(everyone.id, on=clock.today())
    ended = services.legal_bases.record(supported.household_id, basis(supported, ends_on=clock.today()))
    assert ended.in_force(clock.today()) and not ended.in_force(D(2027, 1, 1))
    sheet_of(services, supported, "loyer_dette")
    with pytest.raises(ConsentMissingError):
        sheet_of(services, supported, "loyer_dette", "situation_logement")  # what it does not name stays blocked


def test_only_a_team_lead_logged_in_records_or_withdraws(
    services: Services, supported: Supported, act_as: ActAs
) -> None:
    refuse_rent(services, supported)
    with pytest.raises(TransitionError, match="chef de service, connecté"):
        services.legal_bases.record(supported.household_id, basis(supported))  # Claire, a social worker
    lead = team_lead(services)
    act_as(services, lead)
    recorded = services.legal_bases.record(supported.household_id, basis(supported))
    act_as(services, None)
    with pytest.raises(TransitionError, match="chef de service, connecté"):
        services.legal_bases.withdraw(recorded.id, on=D(2026, 6, 12))
    act_as(services, lead)
    assert [item.withdrawn_on for item in services.legal_bases.for_household(supported.household_id)] == [None]


def test_bad_input_is_refused_in_french(services: Services, supported: Supported, act_as: ActAs) -> None:
    child = services.households.open_file(supported.household_id).members[-1].person_id
    act_as(services, team_lead(services))
    for changes, field in (
        ({"ground": "  "}, "ground"),
        ({"category_codes": ()}, "category_codes"),
        ({"category_codes": ("inconnue",)}, "category_codes"),
        ({"ends_on": D(2026, 6, 1)}, "ends_on"),
        ({"decided_on": D(2031, 1, 1)}, "decided_on"),
        ({"person_id": child}, "person_id"),
        ({"recipient_id": 999_999}, "recipient_id"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.legal_bases.record(supported.household_id, basis(supported, **changes))
        assert field in refused.value.errors, changes
    assert row_count(services, "legal_basis") == 0


def test_a_volunteer_prepares_no_document_that_reads_consents(
    services: Services, supported: Supported, act_as: ActAs
) -> None:
    """Consents are not a volunteer's to read, whichever screen asks (docs/domain.md §2): the same refusal."""
    refuse_rent(services, supported)
    own = services.setup.own_organisation_id()
    assert own is not None
    volunteer = services.directory.create_staff(StaffInput("Jean", "Blanc", "benevole", own))
    act_as(services, volunteer.id)
    assert not services.liaison_sheets.may_share()
    request = LiaisonSheetRequest(supported.landlord.id, ("loyer_dette",))
    for attempt in (
        lambda: services.liaison_sheets.options(supported.household_id),
        lambda: services.liaison_sheets.missing_consents(supported.household_id, request),
        lambda: services.liaison_sheets.prepare(supported.household_id, request),
        lambda: services.liaison_sheets.household_summary(supported.household_id),
        lambda: services.liaison_sheets.disclosures_for(supported.household_id),
        lambda: services.legal_bases.for_household(supported.household_id),
    ):
        with pytest.raises(TransitionError, match="pas accessibles aux bénévoles"):
            attempt()


def test_a_basis_for_every_adult_covers_the_adults_of_the_day_it_was_decided(
    services: Services, supported: Supported, act_as: ActAs
) -> None:
    """Marc joins after the decision and refuses: the decision never concerned him."""
    refuse_rent(services, supported)
    lead = team_lead(services)
    act_as(services, lead)
    services.legal_bases.record(supported.household_id, basis(supported, person_id=None))  # decided 10/06
    sheet_of(services, supported, "loyer_dette")  # Hélène and Karim: covered
    marc = services.households.add_member(
        supported.household_id,
        PersonInput(first_name="Marc", last_name="Petit", birth_year=1990),
        role_code="conjoint",
        start_date=D(2026, 6, 12),
        expected_version=current_version(services.households, "add_member", supported.household_id),
    )
    grant_all_of(services, supported, marc.person_id, ("identite",))
    services.consents.record_refused(
        supported.household_id,
        ConsentInput(marc.person_id, supported.landlord.id, ("loyer_dette",), "Fiche navette"),
        refused_on=D(2026, 6, 12),
    )
    with pytest.raises(ConsentMissingError) as refused:
        sheet_of(services, supported, "loyer_dette")
    assert [item.person_name for item in refused.value.missing] == ["Marc PETIT"]


def grant_all_of(services: Services, supported: Supported, person_id: int, categories: tuple[str, ...]) -> None:
    services.consents.record_granted(
        supported.household_id,
        ConsentInput(person_id, supported.landlord.id, categories, "Fiche navette"),
        signed_on=D(2026, 6, 12),
        filing=FILED,
    )


def test_a_copy_to_the_siao_sent_on_a_legal_basis_names_it_in_the_log(
    services: Services, supported: Supported, act_as: ActAs
) -> None:
    grant_all(services, supported, categories=("identite", "situation_logement"))
    siao = services.directory.create_organisation(OrganisationInput("SIAO 35", "siao"))
    for person_id in supported.adults:
        services.consents.record_refused(
            supported.household_id,
            ConsentInput(person_id, siao.id, ("identite", "situation_logement"), "Copie au SIAO"),
            refused_on=D(2026, 6, 2),
        )
    act_as(services, team_lead(services))
    services.legal_bases.record(
        supported.household_id,
        basis(
            supported,
            recipient_id=siao.id,
            category_codes=("identite", "situation_logement"),
            person_id=None,
            ground="Ordonnance du juge des contentieux de la protection",
            decided_on=D(2026, 6, 15),  # Hélène's membership is recorded from that day
        ),
    )
    request = LiaisonSheetRequest(
        supported.landlord.id, ("situation_logement",), recipient_contact_id=supported.contact_id, copy_siao=True
    )
    sheet = services.liaison_sheets.prepare(supported.household_id, request)
    disclosure = services.liaison_sheets.record_sent(sheet, channel="impression")
    assert disclosure.copy_siao
    assert disclosure.legal_basis == "Copie au SIAO : Ordonnance du juge des contentieux de la protection"
