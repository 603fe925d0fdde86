"""Tests of caseworker/services/sharing/register.py: the consent register (docs/domain.md §3.4, §7.4)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import text

from caseworker.domain import AuditAction, ConsentStatus
from caseworker.services import Services
from caseworker.services.directory import OrganisationInput, OrganisationView, StaffInput
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.households import PersonInput
from caseworker.services.settings import CONSENT_VALIDITY_MONTHS
from caseworker.services.sharing import Attachment, ConsentInput, ConsentView, FilingReference
from caseworker.services.support import TeamMemberInput
from tests.services.builders import FILED, TODAY, new_household, raw_rows, reference_member, row_count
from tests.services.conftest import ActAs
from tests.support import FixedClock
from tests.support.row_versions import current_version

PDF = b"%PDF-1.4\n% formulaire de consentement signe\n" + bytes(range(256)) * 4

# docs/domain.md §3.4: every edge of the consent state machine (None is "no record yet").
DOMAIN_EDGES: dict[ConsentStatus | None, set[ConsentStatus]] = {
    None: {ConsentStatus.DEMANDE},
    ConsentStatus.DEMANDE: {ConsentStatus.ACCORDE, ConsentStatus.REFUSE},
    ConsentStatus.ACCORDE: {ConsentStatus.EXPIRE, ConsentStatus.REVOQUE},
    ConsentStatus.REFUSE: set(),
    ConsentStatus.REVOQUE: set(),
    ConsentStatus.EXPIRE: set(),
}


def reachable(start: ConsentStatus | None, end: ConsentStatus) -> bool:
    """Tell whether ``end`` can be reached from ``start`` following DOMAIN_EDGES (zero or more steps)."""
    seen: set[ConsentStatus | None] = {start}
    frontier = [start]
    while frontier:
        for following in DOMAIN_EDGES[frontier.pop()]:
            if following not in seen:
                seen.add(following)
                frontier.append(following)
    return end in seen


@dataclass
class Family:
    household_id: int
    adult_id: int
    child_id: int


@pytest.fixture
def family(services: Services) -> Family:
    created = new_household(services, "Sonia", "Durand", birth_year=1990, start_date=date(2025, 1, 1))
    child = services.households.add_member(
        created.id,
        PersonInput(first_name="Léo", birth_year=2015),
        role_code="enfant",
        start_date=date(2025, 1, 1),
        expected_version=current_version(services.households, "add_member", created.id),
    )
    return Family(created.id, reference_member(services, created.id).person_id, child.person_id)


@pytest.fixture
def partner(services: Services) -> OrganisationView:
    return services.directory.create_organisation(OrganisationInput(name="SIAO 35", kind_code="siao"))


def scope(family: Family, recipient: OrganisationView, *categories: str, **changes: object) -> ConsentInput:
    return ConsentInput(
        person_id=changes.pop("person_id", family.adult_id),  # type: ignore[arg-type]
        recipient_id=changes.pop("recipient_id", recipient.id),  # type: ignore[arg-type]
        category_codes=categories or ("identite", "loyer_dette"),
        purpose=changes.pop("purpose", "Fiche navette et suivi des impayés"),  # type: ignore[arg-type]
        **changes,  # type: ignore[arg-type]
    )


def granted(
    services: Services,
    family: Family,
    recipient: OrganisationView,
    *categories: str,
    signed_on: date = date(2026, 6, 1),
) -> ConsentView:
    return services.consents.record_granted(
        family.household_id,
        scope(family, recipient, *categories),
        signed_on=signed_on,
        filing=FilingReference("armoire", "Classeur 2026, n° 14"),
    )


# ----------------------------------------------------------------------------------------------- grant


def test_record_granted_with_where_the_original_is_filed(
    services: Services, family: Family, landlord: OrganisationView
) -> None:
    consent = granted(services, family, landlord, "loyer_dette", "identite")

    assert consent.status is ConsentStatus.ACCORDE
    assert consent.effective_status is ConsentStatus.ACCORDE
    assert consent.status_label == "Accordé"
    assert (consent.requested_on, consent.decided_on, consent.valid_from) == (date(2026, 6, 1),) * 3
    assert consent.expires_on == date(2027, 6, 1)
    assert consent.categories == (
        ("identite", "Identité"),
        ("loyer_dette", "Loyer, dette et plan d'apurement"),
    )
    assert consent.category_labels == "Identité, Loyer, dette et plan d'apurement"
    assert (consent.person_name, consent.recipient_name) == ("DURAND Sonia", "Habitat 35")
    assert (consent.evidence_place_code, consent.evidence_reference) == ("armoire", "Classeur 2026, n° 14")
    assert consent.filing_label == "Armoire / classeur — Classeur 2026, n° 14"
    assert consent.evidence_note == ""  # the free text of earlier revisions is no longer written
    assert consent.evidence_document_id is None
    assert services.consents.for_household(family.household_id) == [consent]


def test_a_verbal_agreement_stays_requested(services: Services, family: Family, landlord: OrganisationView) -> None:
    with pytest.raises(ValidationError) as caught:
        services.consents.record_granted(family.household_id, scope(family, landlord), signed_on=TODAY)
    assert caught.value.errors == {
        "evidence_place": "Un accord se prouve par le formulaire signé : joignez le scan, ou indiquez où "
        "l'original est classé et sa cote. Un accord oral reste « demandé »."
    }
    assert row_count(services, "consent") == 0

    requested = services.consents.request(family.household_id, scope(family, landlord), requested_on=TODAY)
    with pytest.raises(ValidationError) as caught:
        services.consents.grant(requested.id, signed_on=TODAY, filing=FilingReference("", "   "))
    assert "Un accord oral reste « demandé »" in caught.value.errors["evidence_place"]
    [stored] = services.consents.for_household(family.household_id)
    assert stored.status is ConsentStatus.DEMANDE
    assert stored.status_label == "Demandé"
    assert services.consents.valid_consent(family.household_id, landlord.id, "identite") is None


def test_a_filing_reference_names_a_place_from_the_list_and_a_reference(
    services: Services, family: Family, landlord: OrganisationView
) -> None:
    cases = [
        (
            FilingReference("dossier_papier", ""),
            {
                "evidence_reference": "Cote : indiquez sous quelle référence l'original signé est classé (n° de "
                "dossier, classeur…)."
            },
        ),
        (
            FilingReference("", "Classeur 3"),
            {"evidence_place": "Lieu de classement : choisissez une valeur dans la liste."},
        ),
        (
            FilingReference("cave", "Classeur 3"),
            {"evidence_place": "Lieu de classement : choisissez une valeur dans la liste."},
        ),
    ]
    for filing, errors in cases:
        with pytest.raises(ValidationError) as caught:
            services.consents.record_granted(
                family.household_id, scope(family, landlord), signed_on=TODAY, filing=filing
            )
        assert caught.value.errors == errors, filing
    with pytest.raises(ValidationError) as caught:
        services.consents.record_granted(
            family.household_id, scope(family, landlord), signed_on=TODAY, filing=FilingReference("ged", "x" * 101)
        )
    assert list(caught.value.errors) == ["evidence_reference"]
    assert "trop long" in caught.value.errors["evidence_reference"]
    assert row_count(services, "consent") == 0
    consent = services.consents.record_granted(
        family.household_id,
        scope(family, landlord),
        signed_on=TODAY,
        filing=FilingReference("ged", " Consentements/2026 "),
    )
    assert (consent.evidence_place_label, consent.evidence_reference) == (
        "GED / serveur de l'association",
        "Consentements/2026",
    )


def test_request_then_grant(services: Services, family: Family, landlord: OrganisationView) -> None:
    requested = services.consents.request(family.household_id, scope(family, landlord), requested_on=date(2026, 5, 20))
    assert (requested.status, requested.decided_on, requested.expires_on) == (
        ConsentStatus.DEMANDE,
        None,
        None,
    )

    consent = services.consents.grant(requested.id, signed_on=date(2026, 6, 2), filing=FILED)

    assert consent.id == requested.id
    assert consent.status is ConsentStatus.ACCORDE
    assert (consent.requested_on, consent.valid_from, consent.expires_on) == (
        date(2026, 5, 20),
        date(2026, 6, 2),
        date(2027, 6, 2),
    )
    audit = services.audit.for_household(family.household_id)
    assert [(entry.action, entry.fields) for entry in audit if entry.entity_type == "consent"] == [
        (AuditAction.UPDATE, ("status",)),
        (AuditAction.CREATE, ()),
    ]


def test_signature_cannot_precede_the_request(services: Services, family: Family, landlord: OrganisationView) -> None:
    requested = services.consents.request(family.household_id, scope(family, landlord), requested_on=date(2026, 6, 1))
    with pytest.raises(ValidationError) as caught:
        services.consents.grant(requested.id, signed_on=date(2026, 5, 31), filing=FILED)
    assert caught.value.errors == {"signed_on": "La signature ne peut pas précéder la demande."}


def test_dates_in_the_future_are_refused(services: Services, family: Family, landlord: OrganisationView) -> None:
    tomorrow = TODAY + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.consents.request(family.household_id, scope(family, landlord), requested_on=tomorrow)
    assert (
        caught.value.errors["requested_on"]
        == "Date de la demande : la date ne peut pas être dans le futur (16/06/2026)."
    )
    with pytest.raises(ValidationError) as caught:
        services.consents.record_granted(family.household_id, scope(family, landlord), signed_on=tomorrow, filing=FILED)
    assert "dans le futur" in caught.value.errors["decided_on"]
    assert row_count(services, "consent") == 0


# ------------------------------------------------------------------------------------------- who, what


@pytest.mark.parametrize(
    "reference",
    [
        "accord oral",
        "Accord verbal de Mme",
        "OK par téléphone le 3/06",
        "accord donné au tél.",
        "Accord ORAL, formulaire à signer",
        "donné oralement",
        "formulaire pas signé",
        "formulaire pas encore signé, accords verbaux",
        "de vive voix",
    ],
)
def test_an_oral_agreement_is_not_evidence(
    services: Services, family: Family, landlord: OrganisationView, reference: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.consents.record_granted(
            family.household_id,
            scope(family, landlord),
            signed_on=TODAY,
            filing=FilingReference("dossier_papier", reference),
            evidence=Attachment("scan.pdf", PDF),  # even with a scan, the reference contradicts it
        )
    assert caught.value.errors == {
        "evidence_reference": "Un accord oral, verbal ou par téléphone ne prouve pas le consentement : il reste "
        "« demandé » jusqu'à la signature du formulaire. Joignez le scan du formulaire signé ou indiquez où "
        "l'original est classé."
    }
    assert row_count(services, "consent") == 0
    assert row_count(services, "document") == 0


@pytest.mark.parametrize("reference", ["Classeur 3, intercalaire « Télé »", "Dossier 2026-014", "Armoire B, étagère 2"])
def test_ordinary_references_are_accepted(
    services: Services, family: Family, landlord: OrganisationView, reference: str
) -> None:
    consent = services.consents.record_granted(
        family.household_id,
        scope(family, landlord),
        signed_on=TODAY,
        filing=FilingReference("armoire", reference),
    )
    assert consent.evidence_reference == reference


def test_the_note_of_earlier_revisions_is_shown_as_a_legacy_mention(
    services: Services, family: Family, landlord: OrganisationView
) -> None:
    consent = granted(services, family, landlord)
    with services.context.engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE consent SET evidence_place_id = NULL, evidence_reference = '', "
                "evidence_note = 'Formulaire signé, classé au dossier papier' WHERE id = :id"
            ),
            {"id": consent.id},
        )
    [legacy] = services.consents.for_household(family.household_id)
    assert legacy.filing_label == "Mention ancienne : Formulaire signé, classé au dossier papier"
    assert legacy.effective_status is ConsentStatus.ACCORDE


def test_a_grown_up_child_gives_consent(services: Services, family: Family, landlord: OrganisationView) -> None:
    son = services.households.add_member(
        family.household_id,
        PersonInput(first_name="Yanis", birth_year=1990),
        role_code="enfant",
        start_date=TODAY,
        expected_version=current_version(services.households, "add_member", family.household_id),
    )
    consent = services.consents.request(
        family.household_id, scope(family, landlord, person_id=son.person_id), requested_on=TODAY
    )
    assert consent.person_name == "Yanis"


def test_only_adults_consent(services: Services, family: Family, landlord: OrganisationView) -> None:
    child_scope = scope(family, landlord, person_id=family.child_id)
    with pytest.raises(ValidationError) as caught:
        services.consents.record_granted(family.household_id, child_scope, signed_on=TODAY, filing=FILED)
    assert caught.value.errors == {
        "person_id": "Le consentement est donné par chaque adulte du ménage (18 ans ou plus cette année, ou rôle "
        "adulte), pas par un enfant."
    }


def test_an_adult_is_18_this_year_or_in_an_adult_role(
    services: Services, family: Family, landlord: OrganisationView
) -> None:
    """Only the birth year is known: anyone who may be 18 today, or holds an adult's role, gives consent."""
    members = {
        name: services.households.add_member(
            family.household_id,
            PersonInput(first_name=name, birth_year=year),
            role_code=role,
            start_date=TODAY,
            expected_version=current_version(services.households, "add_member", family.household_id),
        )
        for name, year, role in (
            ("Maé", 2009, "autre_adulte"),  # 17 this year, but in an adult's role
            ("Noé", 2008, "enfant"),  # 18 this year
            ("Lou", None, "enfant"),  # age unknown in a child's role: a child until the year is entered
            ("Tim", 2009, "enfant"),  # 17 this year and a child's role: a child
        )
    }
    for name in ("Maé", "Noé"):
        consent = services.consents.request(
            family.household_id, scope(family, landlord, person_id=members[name].person_id), requested_on=TODAY
        )
        assert consent.person_name == name
    for name in ("Tim", "Lou"):
        with pytest.raises(ValidationError) as caught:
            services.consents.request(
                family.household_id, scope(family, landlord, person_id=members[name].person_id), requested_on=TODAY
            )
        assert "pas par un enfant" in caught.value.errors["person_id"]
    file = services.households.open_file(family.household_id)
    adults = {member.first_name for member in file.members if member.is_adult(TODAY)}
    assert adults == {"Sonia", "Maé", "Noé"}


def test_only_current_members_consent(services: Services, family: Family, landlord: OrganisationView) -> None:
    partner = services.households.add_member(
        family.household_id,
        PersonInput(first_name="Marc", birth_year=1988),
        role_code="conjoint",
        start_date=date(2025, 1, 1),
        expected_version=current_version(services.households, "add_member", family.household_id),
    )
    services.households.end_membership(
        partner.membership_id,
        end_date=date(2026, 1, 1),
        reason="Départ",
        expected_version=current_version(services.households, "end_membership", partner.membership_id),
    )
    stranger = new_household(services, "Paul", "Bernard")
    stranger_id = reference_member(services, stranger.id).person_id
    for person_id in (partner.person_id, stranger_id, 4242):
        with pytest.raises(ValidationError) as caught:
            services.consents.request(
                family.household_id, scope(family, landlord, person_id=person_id), requested_on=TODAY
            )
        assert caught.value.errors == {"person_id": "Choisissez un membre actuel du ménage."}


def test_at_least_one_known_category(services: Services, family: Family, landlord: OrganisationView) -> None:
    with pytest.raises(ValidationError) as caught:
        services.consents.request(
            family.household_id, ConsentInput(family.adult_id, landlord.id, (), "Suivi"), requested_on=TODAY
        )
    assert caught.value.errors == {"category_codes": "Cochez au moins une catégorie d'informations."}
    with pytest.raises(ValidationError) as caught:
        services.consents.request(family.household_id, scope(family, landlord, "sante"), requested_on=TODAY)
    assert caught.value.errors == {"category_codes": "Une des catégories cochées n'existe pas ou n'est plus proposée."}


def test_a_withdrawn_category_is_refused(services: Services, family: Family, landlord: OrganisationView) -> None:
    with services.context.engine.begin() as connection:
        connection.execute(text("UPDATE consent_category SET active = false WHERE code = 'alertes'"))
    with pytest.raises(ValidationError) as caught:
        services.consents.request(
            family.household_id, scope(family, landlord, "identite", "alertes"), requested_on=TODAY
        )
    assert "n'est plus proposée" in caught.value.errors["category_codes"]


def test_duplicate_categories_are_stored_once(services: Services, family: Family, landlord: OrganisationView) -> None:
    consent = services.consents.request(
        family.household_id, scope(family, landlord, "alertes", "identite", "alertes"), requested_on=TODAY
    )
    assert [code for code, _label in consent.categories] == ["identite", "alertes"]


def test_recipient_purpose_and_role(services: Services, family: Family, landlord: OrganisationView) -> None:
    with pytest.raises(ValidationError) as caught:
        services.consents.request(
            family.household_id,
            scope(family, landlord, recipient_id=4242, purpose=" ", recipient_role_code="pape"),
            requested_on=TODAY,
        )
    assert caught.value.errors == {
        "recipient_id": "Choisissez le destinataire (bailleur ou partenaire).",
        "purpose": "Finalité : ce champ est obligatoire.",
        "recipient_role_code": "Rôle du destinataire : choisissez une valeur dans la liste.",
    }
    consent = services.consents.request(
        family.household_id, scope(family, landlord, recipient_role_code="cesf"), requested_on=TODAY
    )
    assert consent.recipient_role_label == "Conseiller·ère social·e / CESF"


def test_unknown_household_and_consent(services: Services, family: Family, landlord: OrganisationView) -> None:
    with pytest.raises(NotFoundError, match=r"Ménage introuvable \(n° 4242\)"):
        services.consents.request(4242, scope(family, landlord), requested_on=TODAY)
    for call in (
        lambda: services.consents.grant(4242, signed_on=TODAY, filing=FILED),
        lambda: services.consents.refuse(4242, refused_on=TODAY),
        lambda: services.consents.revoke(4242, revoked_on=TODAY),
        lambda: services.consents.evidence(4242),
    ):
        with pytest.raises(NotFoundError, match=r"Ce consentement est introuvable\."):
            call()


# ---------------------------------------------------------------------------------------------- expiry


def test_expiry_may_be_shorter_but_not_longer_than_twelve_months(
    services: Services, family: Family, landlord: OrganisationView
) -> None:
    signed = date(2026, 6, 1)

    def grant_until(expires_on: date) -> ConsentView:
        return services.consents.record_granted(
            family.household_id,
            scope(family, landlord),
            signed_on=signed,
            expires_on=expires_on,
            filing=FILED,
        )

    assert grant_until(date(2026, 12, 31)).expires_on == date(2026, 12, 31)
    assert grant_until(date(2027, 6, 1)).expires_on == date(2027, 6, 1)
    with pytest.raises(ValidationError) as caught:
        grant_until(date(2027, 6, 2))
    assert caught.value.errors == {
        "expires_on": "Un consentement vaut au plus 12 mois (jusqu'au 01/06/2027) ; il se renouvelle par "
        "un nouvel "
        "enregistrement."
    }
    with pytest.raises(ValidationError) as caught:
        grant_until(signed)
    assert caught.value.errors == {"expires_on": "La date d'expiration doit suivre la date de signature."}


def test_validity_follows_the_setting(services: Services, family: Family, landlord: OrganisationView) -> None:
    services.settings.set(CONSENT_VALIDITY_MONTHS, 6)
    consent = granted(services, family, landlord, signed_on=date(2026, 1, 31))
    assert consent.expires_on == date(2026, 7, 31)


def test_expiry_is_derived_from_the_date(
    services: Services, clock: FixedClock, family: Family, landlord: OrganisationView
) -> None:
    consent = granted(services, family, landlord, "identite", signed_on=date(2026, 6, 1))

    clock.today_value = date(2027, 6, 1)  # last valid day
    [current] = services.consents.for_household(family.household_id)
    assert current.effective_status is ConsentStatus.ACCORDE
    assert services.consents.valid_consent(family.household_id, landlord.id, "identite") == current

    clock.today_value = date(2027, 6, 2)
    [current] = services.consents.for_household(family.household_id)
    assert current.status is ConsentStatus.ACCORDE  # what is stored does not change
    assert current.effective_status is ConsentStatus.EXPIRE
    assert current.status_label == "Expiré"
    assert services.consents.valid_consent(family.household_id, landlord.id, "identite") is None
    file = services.households.open_file(family.household_id)
    assert [item.status_label for item in file.consents] == ["Expiré"]
    with pytest.raises(TransitionError, match=r"Ce consentement a déjà expiré : il n'y a rien à révoquer\."):
        services.consents.revoke(consent.id, revoked_on=date(2027, 6, 2))


def test_a_form_signed_long_ago_is_recorded_as_expired(
    services: Services, family: Family, landlord: OrganisationView
) -> None:
    consent = granted(services, family, landlord, signed_on=date(2025, 1, 10))
    assert consent.expires_on == date(2026, 1, 10)
    assert consent.effective_status is ConsentStatus.EXPIRE


# --------------------------------------------------------------------------------- refusal, revocation


def test_refusal_is_recorded(services: Services, family: Family, landlord: OrganisationView) -> None:
    consent = services.consents.record_refused(
        family.household_id, scope(family, landlord), refused_on=date(2026, 6, 3), note="Ne souhaite pas"
    )
    assert (consent.status, consent.decided_on, consent.status_note) == (
        ConsentStatus.REFUSE,
        date(2026, 6, 3),
        "Ne souhaite pas",
    )
    assert consent.status_label == "Refusé"
    requested = services.consents.request(family.household_id, scope(family, landlord), requested_on=date(2026, 6, 5))
    refused = services.consents.refuse(requested.id, refused_on=date(2026, 6, 6))
    assert refused.status is ConsentStatus.REFUSE
    other = services.consents.request(family.household_id, scope(family, landlord), requested_on=date(2026, 6, 5))
    with pytest.raises(ValidationError) as caught:
        services.consents.refuse(other.id, refused_on=date(2026, 6, 4))
    assert caught.value.errors == {"decided_on": "La date ne peut pas précéder le 05/06/2026."}


def test_revocation_is_immediate(services: Services, family: Family, landlord: OrganisationView) -> None:
    consent = granted(services, family, landlord, "identite")
    assert services.consents.valid_consent(family.household_id, landlord.id, "identite") is not None

    revoked = services.consents.revoke(consent.id, revoked_on=TODAY, note="Demande de la personne")

    assert (revoked.status, revoked.effective_status, revoked.revoked_on) == (
        ConsentStatus.REVOQUE,
        ConsentStatus.REVOQUE,
        TODAY,
    )
    assert revoked.status_label == "Révoqué"
    assert revoked.status_note == "Demande de la personne"
    assert revoked.decided_on == date(2026, 6, 1)
    assert services.consents.valid_consent(family.household_id, landlord.id, "identite") is None
    assert services.consents.valid_consent(family.household_id, landlord.id, "identite", on=date(2026, 6, 10)) is None


def test_one_truth_per_person_recipient_and_category(
    services: Services, family: Family, landlord: OrganisationView
) -> None:
    """The newest decision counts; the record it replaced is history and is not the one to withdraw."""
    first = granted(services, family, landlord, "identite", "loyer_dette", signed_on=date(2026, 1, 10))
    renewal = granted(services, family, landlord, "identite", signed_on=date(2026, 6, 1))
    views = {view.id: view for view in services.consents.for_household(family.household_id)}
    assert views[first.id].register_label == "Accordé (en partie remplacé)"
    assert views[first.id].superseded_codes == ("identite",)
    assert views[renewal.id].register_label == "Accordé"

    services.consents.revoke(renewal.id, revoked_on=TODAY)
    assert services.consents.valid_consent(family.household_id, landlord.id, "identite") is None
    assert (
        services.consents.valid_consent(family.household_id, landlord.id, "loyer_dette")
        == services.consents.for_household(family.household_id)[-1]
    )

    third = granted(services, family, landlord, "loyer_dette", signed_on=TODAY)
    with pytest.raises(TransitionError, match="remplacé par une décision plus récente"):
        services.consents.revoke(first.id, revoked_on=TODAY)  # history now: the third record decides
    views = {view.id: view for view in services.consents.for_household(family.household_id)}
    assert [views[key].register_label for key in (first.id, renewal.id, third.id)] == [
        "Remplacé (historique)",
        "Révoqué",
        "Accordé",
    ]


def test_revocation_date_checks(services: Services, family: Family, landlord: OrganisationView) -> None:
    consent = granted(services, family, landlord, signed_on=date(2026, 6, 1))
    with pytest.raises(ValidationError) as caught:
        services.consents.revoke(consent.id, revoked_on=date(2026, 5, 31))
    assert caught.value.errors == {"revoked_on": "La date ne peut pas précéder le 01/06/2026."}
    with pytest.raises(ValidationError) as caught:
        services.consents.revoke(consent.id, revoked_on=TODAY + timedelta(days=1))
    assert "dans le futur" in caught.value.errors["revoked_on"]
    [stored] = services.consents.for_household(family.household_id)
    assert stored.status is ConsentStatus.ACCORDE


@pytest.mark.parametrize(
    ("prepare", "move", "message"),
    [
        ("revoked", "grant", "Un consentement « révoqué » ne peut pas devenir « accordé »."),
        ("revoked", "revoke", "Un consentement « révoqué » ne peut pas devenir « révoqué »."),
        ("revoked", "refuse", "« révoqué » ne peut pas devenir « refusé »"),
        ("refused", "revoke", "Un consentement « refusé » ne peut pas devenir « révoqué »."),
        ("refused", "grant", "« refusé » ne peut pas devenir « accordé »"),
        ("refused", "refuse", "« refusé » ne peut pas devenir « refusé »"),
        ("granted", "grant", "« accordé » ne peut pas devenir « accordé »"),
        ("granted", "refuse", "« accordé » ne peut pas devenir « refusé »"),
        ("requested", "revoke", "Un consentement « demandé » ne peut pas devenir « révoqué »."),
    ],
)
def test_transitions_outside_the_state_machine(
    services: Services, family: Family, landlord: OrganisationView, *, prepare: str, move: str, message: str
) -> None:
    consents = services.consents
    if prepare == "refused":
        consent = consents.record_refused(family.household_id, scope(family, landlord), refused_on=TODAY)
    elif prepare == "requested":
        consent = consents.request(family.household_id, scope(family, landlord), requested_on=TODAY)
    else:
        consent = granted(services, family, landlord)
        if prepare == "revoked":
            consent = consents.revoke(consent.id, revoked_on=TODAY)
    before = consents.for_household(family.household_id)

    with pytest.raises(TransitionError) as caught:
        if move == "grant":
            consents.grant(consent.id, signed_on=TODAY, filing=FILED)
        elif move == "refuse":
            consents.refuse(consent.id, refused_on=TODAY)
        else:
            consents.revoke(consent.id, revoked_on=TODAY)

    assert message in caught.value.user_message
    assert caught.value.user_message.endswith("Pour renouveler, enregistrez un nouveau consentement.")
    assert consents.for_household(family.household_id) == before


# ------------------------------------------------------------------------------------------ valid_consent


def test_valid_consent_needs_the_right_recipient_category_and_date(
    services: Services, family: Family, landlord: OrganisationView, partner: OrganisationView
) -> None:
    consent = granted(services, family, landlord, "identite", "loyer_dette", signed_on=date(2026, 6, 1))
    household = family.household_id

    assert services.consents.valid_consent(household, landlord.id, "loyer_dette") == consent
    assert services.consents.valid_consent(household, landlord.id, "identite", on=date(2026, 6, 1)) == consent
    assert services.consents.valid_consent(household, landlord.id, "identite", on=date(2027, 6, 1)) == consent
    assert services.consents.valid_consent(household, partner.id, "loyer_dette") is None
    assert services.consents.valid_consent(household, landlord.id, "alertes") is None
    assert services.consents.valid_consent(household, landlord.id, "identite", on=date(2026, 5, 31)) is None
    assert services.consents.valid_consent(household, landlord.id, "identite", on=date(2027, 6, 2)) is None
    other = new_household(services, "Paul", "Bernard")
    assert services.consents.valid_consent(other.id, landlord.id, "identite") is None


def test_a_refused_or_requested_consent_authorises_nothing(
    services: Services, family: Family, landlord: OrganisationView
) -> None:
    services.consents.request(family.household_id, scope(family, landlord, "identite"), requested_on=TODAY)
    services.consents.record_refused(family.household_id, scope(family, landlord, "identite"), refused_on=TODAY)
    assert services.consents.valid_consent(family.household_id, landlord.id, "identite") is None


def test_renewal_is_a_new_record(
    services: Services, clock: FixedClock, family: Family, landlord: OrganisationView
) -> None:
    first = granted(services, family, landlord, "identite", signed_on=date(2026, 6, 1))
    clock.today_value = date(2027, 7, 1)
    renewed = granted(services, family, landlord, "identite", signed_on=date(2027, 7, 1))
    assert renewed.id != first.id
    assert [item.id for item in services.consents.for_household(family.household_id)] == [
        renewed.id,
        first.id,
    ]
    assert services.consents.valid_consent(family.household_id, landlord.id, "identite") == renewed


# ---------------------------------------------------------------------------------------------- evidence


def test_evidence_is_stored_in_the_database_and_read_back(
    services: Services, family: Family, landlord: OrganisationView
) -> None:
    consent = services.consents.record_granted(
        family.household_id,
        scope(family, landlord),
        signed_on=TODAY,
        evidence=Attachment(" formulaire signé.pdf ", PDF),
    )
    assert consent.evidence_document_id is not None
    assert raw_rows(
        services,
        "SELECT filename, media_type, size, sha256, content, household_id FROM document WHERE id = :id",
        id=consent.evidence_document_id,
    ) == [
        (
            "formulaire signé.pdf",
            "application/pdf",
            len(PDF),
            hashlib.sha256(PDF).hexdigest(),
            PDF,
            family.household_id,
        )
    ]
    views_before = [
        entry for entry in services.audit.for_household(family.household_id) if entry.action is AuditAction.VIEW
    ]

    attachment = services.consents.evidence(consent.id)

    assert attachment == Attachment("formulaire signé.pdf", PDF, "application/pdf")
    views = [entry for entry in services.audit.for_household(family.household_id) if entry.action is AuditAction.VIEW]
    assert len(views) == len(views_before) + 1
    assert (views[0].entity_type, views[0].entity_id, views[0].staff_name) == (
        "document",
        consent.evidence_document_id,
        "Claire MARTIN",
    )


def test_evidence_on_grant_with_an_explicit_media_type(
    services: Services, family: Family, landlord: OrganisationView
) -> None:
    requested = services.consents.request(family.household_id, scope(family, landlord), requested_on=TODAY)
    consent = services.consents.grant(
        requested.id, signed_on=TODAY, evidence=Attachment("scan", b"\x89PNG\r\n", "image/png")
    )
    assert services.consents.evidence(consent.id) == Attachment("scan", b"\x89PNG\r\n", "image/png")
    unknown = services.consents.record_granted(
        family.household_id,
        scope(family, landlord),
        signed_on=TODAY,
        evidence=Attachment("scan.zzz9", b"data"),
    )
    assert services.consents.evidence(unknown.id).media_type == "application/octet-stream"


def test_bad_attachments_are_refused_and_nothing_written(
    services: Services, family: Family, landlord: OrganisationView
) -> None:
    cases = [
        (Attachment("vide.pdf", b""), "Le fichier joint est vide."),
        (
            Attachment("enorme.pdf", b"\0" * (20 * 1024 * 1024 + 1)),
            "Le fichier joint dépasse 20 Mo : numérisez-le en résolution plus faible.",
        ),
        (Attachment("  ", PDF), "Nom du fichier : ce champ est obligatoire."),
        (
            Attachment("scan\x00.pdf", PDF),
            "Nom du fichier : le texte contient des caractères de contrôle non autorisés.",
        ),
    ]
    for attachment, message in cases:
        with pytest.raises(ValidationError) as caught:
            services.consents.record_granted(
                family.household_id, scope(family, landlord), signed_on=TODAY, evidence=attachment
            )
        assert caught.value.errors == {"evidence": message}
    assert row_count(services, "document") == 0
    assert row_count(services, "consent") == 0


def test_no_evidence_to_show(services: Services, family: Family, landlord: OrganisationView) -> None:
    consent = granted(services, family, landlord)
    with pytest.raises(NotFoundError, match=r"Aucun scan n'est joint à ce consentement\."):
        services.consents.evidence(consent.id)


# --------------------------------------------------------------------------------------- state machine


@dataclass
class Expected:
    """What the test believes about one consent."""

    recipient_id: int
    categories: tuple[str, ...]
    stored: ConsentStatus
    expires_on: date | None = None
    history: list[ConsentStatus] = field(default_factory=list)
    decided: tuple[date, int, int] | None = None  # (day, order recorded, id) of its last decision: the newest wins

    def effective(self, today: date) -> ConsentStatus:
        if self.stored is ConsentStatus.ACCORDE and self.expires_on is not None and today > self.expires_on:
            return ConsentStatus.EXPIRE
        return self.stored


CATEGORIES = ("identite", "loyer_dette", "alertes")


def test_consent_state_machine(
    services: Services, clock: FixedClock, landlord: OrganisationView, partner: OrganisationView
) -> None:
    recipients = (landlord.id, partner.id)

    class ConsentMachine(RuleBasedStateMachine):
        consents = Bundle("consents")

        def __init__(self) -> None:
            super().__init__()
            clock.today_value = TODAY
            household = new_household(services, "Adèle", "Test", start_date=date(2020, 1, 1))
            self.household_id = household.id
            self.person_id = reference_member(services, household.id).person_id
            self.expected: dict[int, Expected] = {}
            self.decisions = 0  # the order decisions are recorded in: on the same day, the last one wins

        def _decision(self, day: date, consent_id: int) -> tuple[date, int, int]:
            self.decisions += 1
            return (day, self.decisions, consent_id)

        def _input(self, recipient: int, categories: tuple[str, ...]) -> ConsentInput:
            return ConsentInput(self.person_id, recipient, categories, "Partage avec le partenaire")

        @rule(
            target=consents,
            recipient=st.sampled_from(recipients),
            categories=st.sets(st.sampled_from(CATEGORIES), min_size=1),
        )
        def request(self, recipient: int, categories: set[str]) -> int:
            ordered = tuple(sorted(categories))
            view = services.consents.request(
                self.household_id, self._input(recipient, ordered), requested_on=clock.today()
            )
            self.expected[view.id] = Expected(
                recipient, ordered, ConsentStatus.DEMANDE, history=[ConsentStatus.DEMANDE]
            )
            return view.id

        @rule(
            target=consents,
            recipient=st.sampled_from(recipients),
            categories=st.sets(st.sampled_from(CATEGORIES), min_size=1),
            months=st.one_of(st.none(), st.integers(1, 12)),
        )
        def record_granted(self, recipient: int, categories: set[str], months: int | None) -> int:
            ordered = tuple(sorted(categories))
            today = clock.today()
            expires = None if months is None else today + relativedelta(months=months)
            view = services.consents.record_granted(
                self.household_id,
                self._input(recipient, ordered),
                signed_on=today,
                expires_on=expires,
                filing=FILED,
            )
            expected_expiry = expires or today + relativedelta(months=12)
            assert view.expires_on == expected_expiry
            self.expected[view.id] = Expected(
                recipient,
                ordered,
                ConsentStatus.ACCORDE,
                expected_expiry,
                history=[ConsentStatus.DEMANDE, ConsentStatus.ACCORDE],
                decided=self._decision(today, view.id),
            )
            return view.id

        @rule(target=consents, recipient=st.sampled_from(recipients))
        def record_refused(self, recipient: int) -> int:
            view = services.consents.record_refused(
                self.household_id, self._input(recipient, ("identite",)), refused_on=clock.today()
            )
            self.expected[view.id] = Expected(
                recipient,
                ("identite",),
                ConsentStatus.REFUSE,
                history=[ConsentStatus.DEMANDE, ConsentStatus.REFUSE],
                decided=self._decision(clock.today(), view.id),
            )
            return view.id

        @rule(consent_id=consents)
        def grant(self, consent_id: int) -> None:
            expected = self.expected[consent_id]
            today = clock.today()
            if expected.stored is ConsentStatus.DEMANDE:
                view = services.consents.grant(consent_id, signed_on=today, filing=FILED)
                expected.stored = ConsentStatus.ACCORDE
                expected.decided = self._decision(today, consent_id)
                expected.expires_on = today + relativedelta(months=12)
                assert view.expires_on == expected.expires_on
            else:
                with pytest.raises(TransitionError):
                    services.consents.grant(consent_id, signed_on=today, filing=FILED)

        @rule(consent_id=consents)
        def refuse(self, consent_id: int) -> None:
            expected = self.expected[consent_id]
            if expected.stored is ConsentStatus.DEMANDE:
                services.consents.refuse(consent_id, refused_on=clock.today())
                expected.stored = ConsentStatus.REFUSE
                expected.decided = self._decision(clock.today(), consent_id)
            else:
                with pytest.raises(TransitionError):
                    services.consents.refuse(consent_id, refused_on=clock.today())

        @rule(consent_id=consents)
        def revoke(self, consent_id: int) -> None:
            expected = self.expected[consent_id]
            holds_a_truth = any(
                self._truth(expected.recipient_id, category) == consent_id for category in expected.categories
            )
            if expected.effective(clock.today()) is ConsentStatus.ACCORDE and holds_a_truth:
                services.consents.revoke(consent_id, revoked_on=clock.today())
                expected.stored = ConsentStatus.REVOQUE
                expected.decided = self._decision(clock.today(), consent_id)
            else:
                with pytest.raises(TransitionError):
                    services.consents.revoke(consent_id, revoked_on=clock.today())

        def _truth(self, recipient: int, category: str) -> int | None:
            """The record whose decision is the newest for this recipient and category (requests decide nothing)."""
            decided = [
                (expected.decided, consent_id)
                for consent_id, expected in self.expected.items()
                if expected.decided is not None
                and expected.recipient_id == recipient
                and category in expected.categories
            ]
            return max(decided)[1] if decided else None

        @rule(days=st.integers(1, 400))
        def advance_clock(self, days: int) -> None:
            clock.today_value += timedelta(days=days)

        @rule(consent_id=consents, extra=st.integers(0, 1))
        def advance_to_an_expiry(self, consent_id: int, extra: int) -> None:
            """Land on the last valid day of a consent, or the day after."""
            expires_on = self.expected[consent_id].expires_on
            if expires_on is not None and expires_on + timedelta(days=extra) > clock.today():
                clock.today_value = expires_on + timedelta(days=extra)

        @invariant()
        def statuses_follow_the_domain(self) -> None:
            today = clock.today()
            views = {view.id: view for view in services.consents.for_household(self.household_id)}
            assert set(views) == set(self.expected)
            for consent_id, expected in self.expected.items():
                view = views[consent_id]
                assert view.status is expected.stored
                assert view.status is not ConsentStatus.EXPIRE  # expiry is derived, never stored
                assert view.effective_status is expected.effective(today)
                if view.effective_status is not expected.history[-1]:
                    assert view.effective_status in DOMAIN_EDGES[expected.history[-1]], (
                        expected.history,
                        view,
                    )
                    expected.history.append(view.effective_status)
                assert reachable(None, view.status)

        @invariant()
        def valid_consent_iff_the_newest_decision_is_a_valid_grant(self) -> None:
            today = clock.today()
            for recipient in recipients:
                for category in CATEGORIES[:2]:
                    found = services.consents.valid_consent(self.household_id, recipient, category)
                    truth = self._truth(recipient, category)
                    if truth is not None and self.expected[truth].effective(today) is ConsentStatus.ACCORDE:
                        assert found is not None
                        assert found.id == truth
                        assert found.effective_status is ConsentStatus.ACCORDE
                    else:
                        assert found is None

    run_state_machine_as_test(
        ConsentMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )


# ------------------------------------------------------------------------------------------ who reads them


def test_a_volunteer_neither_reads_nor_records_consents(
    services: Services, family: Family, landlord: OrganisationView, act_as: ActAs
) -> None:
    consent = granted(services, family, landlord, "loyer_dette")
    organisation_id = services.setup.own_organisation_id()
    assert organisation_id is not None
    volunteer = services.directory.create_staff(StaffInput("Jean", "Blanc", "benevole", organisation_id))
    nurse = services.directory.create_staff(StaffInput("Paul", "Leroy", "infirmier", organisation_id))
    for member in (services.context.actor.staff_member_id, volunteer.id, nurse.id):  # all on the household's team
        services.team.add_member(family.household_id, TeamMemberInput("autre", TODAY, staff_member_id=member))
    act_as(services, volunteer.id)
    file = services.households.open_file(family.household_id)
    assert (file.consents, file.consents_hidden) == ((), True)
    for attempt in (
        lambda: services.consents.for_household(family.household_id),
        lambda: services.consents.valid_consent(family.household_id, landlord.id, "loyer_dette"),
        lambda: services.consents.request(family.household_id, scope(family, landlord), requested_on=TODAY),
        lambda: services.consents.revoke(consent.id, revoked_on=TODAY),
    ):
        with pytest.raises(TransitionError, match="pas accessibles aux bénévoles"):
            attempt()
    act_as(services, nurse.id)  # every other role reads the register
    assert services.consents.for_household(family.household_id) == [consent]
    assert services.households.open_file(family.household_id).consents_hidden is False
