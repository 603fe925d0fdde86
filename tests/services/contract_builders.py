"""A household ready for contracts: two adults and a child in a sub-lease of Habitat 35, AVDL support running,
a coordinator, objectives (one about housing, one about health), a landlord contact. Public service API only."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from caseworker.domain import ContractStatus, Party, SignatureMethod
from caseworker.services import Services
from caseworker.services.contracts import ClauseInput, ContractView, DraftRequest, SignatureInput
from caseworker.services.directory import OrganisationView, PartnerContactInput, StaffInput
from caseworker.services.households import OccupancyChangeInput, PersonInput
from caseworker.services.sharing import ConsentInput
from caseworker.services.support import ObjectiveInput, OrientationInput, TeamMemberInput
from tests.services.builders import FILED, initial_situation, new_dwelling, new_household
from tests.support.row_versions import current_version

HOUSING_OBJECTIVE = "Payer mon loyer tous les mois sans retard"
HEALTH_OBJECTIVE = "Reprendre mes rendez-vous au CMP pour mon traitement"
ALL_CATEGORIES = ("identite", "situation_logement", "loyer_dette", "objectifs_logement", "alertes")


@dataclass(frozen=True)
class Supported:
    household_id: int
    episode_id: int
    adults: tuple[int, int]  # person ids
    landlord: OrganisationView
    contact_id: int
    dwelling_id: int


def supported_household(services: Services, landlord: OrganisationView) -> Supported:
    household = new_household(services, "Hélène", "Çelik", birth_year=1986)
    file = services.households.open_file(household.id, record_view=False)
    first = file.members[0].person_id
    partner = services.households.add_member(
        household.id,
        PersonInput(first_name="Karim", last_name="Benali", birth_year=1984),
        role_code="conjoint",
        start_date=date(2024, 1, 1),
        expected_version=current_version(services.households, "add_member", household.id),
    )
    services.households.add_member(
        household.id,
        PersonInput(first_name="Léo", last_name="Çelik", birth_year=2016),
        role_code="enfant",
        start_date=date(2024, 1, 1),
        expected_version=current_version(services.households, "add_member", household.id),
    )
    initial_situation(services, household.id)
    dwelling = new_dwelling(services, landlord.id, address="14 rue de Brest", rent="412.50")
    services.occupancy.change_occupancy(
        household.id,
        OccupancyChangeInput(
            "sous_locataire", date(2025, 9, 1), "acces_logement", dwelling_id=dwelling.id, bail_glissant=True
        ),
    )
    services.team.add_member(
        household.id,
        TeamMemberInput(
            role_code="referent_social",
            start_date=date(2025, 1, 1),
            staff_member_id=services.context.actor.staff_member_id,
            is_coordinator=True,
        ),
    )
    episode = services.episodes.open_episode(
        household.id,
        OrientationInput(measure_code="avdl", orientation_date=date(2025, 8, 1), referral_source_code="siao"),
    )
    services.episodes.activate(
        episode.id,
        on=date(2025, 9, 1),
        level_code="renforce",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    services.episodes.add_objective(
        episode.id,
        ObjectiveInput(HOUSING_OBJECTIVE, Party.MENAGE, "droits_devoirs_locataire"),
        expected_version=current_version(services.episodes, "add_objective", episode.id),
    )
    services.episodes.add_objective(
        episode.id,
        ObjectiveInput(HEALTH_OBJECTIVE, Party.MENAGE, "sante"),
        expected_version=current_version(services.episodes, "add_objective", episode.id),
    )
    contact = services.directory.create_partner_contact(
        PartnerContactInput(landlord.id, "Sophie", "Morel", role_code="gestion_locative", phone="02 99 00 11 22")
    )
    return Supported(household.id, episode.id, (first, partner.person_id), landlord, contact.id, dwelling.id)


def grant_all(
    services: Services,
    supported: Supported,
    *,
    categories: tuple[str, ...] = ALL_CATEGORIES,
    signed_on: date = date(2026, 6, 1),
) -> None:
    """Each adult agrees in writing to share the categories with the landlord."""
    for person_id in supported.adults:
        services.consents.record_granted(
            supported.household_id,
            ConsentInput(person_id, supported.landlord.id, categories, "Fiche navette et alertes"),
            signed_on=signed_on,
            filing=FILED,
        )


def team_lead(services: Services) -> int:
    own = services.setup.own_organisation_id()
    assert own is not None
    return services.directory.create_staff(
        StaffInput(first_name="Nadia", last_name="Benali", role_code="chef_service", organisation_id=own)
    ).id


def grant_siao(services: Services, supported: Supported, categories: tuple[str, ...] = ALL_CATEGORIES) -> None:
    """The SIAO of the département, and each adult's consent to copy it on the liaison sheet."""
    from caseworker.services.directory import OrganisationInput

    siao = services.directory.create_organisation(OrganisationInput("SIAO 35", "siao"))
    for person_id in supported.adults:
        services.consents.record_granted(
            supported.household_id,
            ConsentInput(person_id, siao.id, categories, "Copie de la fiche navette au SIAO"),
            signed_on=date(2026, 6, 1),
            filing=FILED,
        )


def convention_in_force(
    services: Services,
    landlord_id: int,
    *,
    territory: str | None = None,
    signed_on: date = date(2026, 6, 15),
    arrears_days: tuple[int, int] | None = None,
) -> ContractView:
    """A convention cadre signed by all and in force with the landlord (who needs a named signatory).

    ``arrears_days``: the acknowledgement and first-action deadlines it sets for unpaid rent (else the defaults).
    """
    convention = services.contracts.draft(DraftRequest("convention_cadre", landlord_id=landlord_id))
    content = convention.latest.content()
    clauses = tuple(ClauseInput(c.code, c.title, c.body or "Texte convenu.", c.required) for c in content.clauses)
    rules = content.alert_rules
    if arrears_days is not None:
        acknowledge, action = arrears_days
        rules = tuple(
            replace(rule, acknowledge_days=acknowledge, action_days=action)
            if rule.alert_type_code == "impaye"
            else rule
            for rule in rules
        )
    services.contracts.update_draft(
        convention.latest.id,
        replace(content, clauses=clauses, alert_rules=rules, target_households=12, territory=territory),
        expected_version=current_version(services.contracts, "update_draft", convention.latest.id),
    )
    view = services.contracts.send_for_signature(
        convention.latest.id,
        expected_version=current_version(services.contracts, "send_for_signature", convention.latest.id),
    )
    for signatory in view.latest.signatories:
        view = services.contracts.record_signature(
            signatory.id,
            SignatureInput(signed_on, SignatureMethod.REUNION),
            expected_version=current_version(services.contracts, "record_signature", signatory.id),
        )
    assert view.status is ContractStatus.EN_VIGUEUR
    return view
