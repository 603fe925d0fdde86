"""The fiche navette: consent gate, housing-only content, disclosure log; the household's summary."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from caseworker.domain import NoteClass, Party
from caseworker.services import Services
from caseworker.services.contracts import DraftRequest
from caseworker.services.directory import OrganisationView, PartnerContactInput
from caseworker.services.sharing import ConsentInput, ConsentMissingError
from caseworker.services.sharing.liaison_sheet import LiaisonSheetRequest
from caseworker.services.support import ContactInput, ObjectiveInput, SuspensionInput
from tests.services.builders import FILED, raw_rows, row_count
from tests.services.contract_builders import (
    ALL_CATEGORIES,
    HEALTH_OBJECTIVE,
    HOUSING_OBJECTIVE,
    Supported,
    grant_all,
    grant_siao,
    supported_household,
)
from tests.support import FixedClock, pdf_text
from tests.support.row_versions import current_version, person_household

D = date


def one_line(value: str) -> str:
    return re.sub(r"[ \n\f\r]+", " ", value)


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


def request(supported: Supported, categories: tuple[str, ...] = ALL_CATEGORIES, **extra: object) -> LiaisonSheetRequest:
    return LiaisonSheetRequest(
        supported.landlord.id,
        categories,
        recipient_contact_id=supported.contact_id,
        **extra,  # type: ignore[arg-type]
    )


def test_without_consent_the_sheet_is_refused_and_says_which_consent_is_missing(
    services: Services, supported: Supported
) -> None:
    with pytest.raises(ConsentMissingError) as refused:
        services.liaison_sheets.prepare(supported.household_id, request(supported, ("loyer_dette",)))
    message = refused.value.user_message
    assert message.startswith("Fiche navette — Habitat 35 : elle ne peut pas être produite, il manque un consentement.")
    assert "Hélène ÇELIK — « Identité » : aucun consentement enregistré pour ce bailleur" in message
    assert "Karim BENALI — « Loyer, dette et plan d'apurement »" in message
    assert {(item.person_name, item.category_code) for item in refused.value.missing} == {
        ("Hélène ÇELIK", "identite"),
        ("Hélène ÇELIK", "loyer_dette"),
        ("Karim BENALI", "identite"),
        ("Karim BENALI", "loyer_dette"),
    }
    assert row_count(services, "disclosure") == 0


def test_every_adult_must_agree(services: Services, supported: Supported) -> None:
    first, second = supported.adults
    services.consents.record_granted(
        supported.household_id,
        ConsentInput(first, supported.landlord.id, ALL_CATEGORIES, "Fiche navette"),
        signed_on=D(2026, 6, 1),
        filing=FILED,
    )
    services.consents.request(
        supported.household_id,
        ConsentInput(second, supported.landlord.id, ALL_CATEGORIES, "Fiche navette"),
        requested_on=D(2026, 6, 1),
    )
    missing = services.liaison_sheets.missing_consents(supported.household_id, request(supported, ("identite",)))
    assert [(item.person_name, item.reason) for item in missing] == [
        ("Karim BENALI", "demandé, mais le formulaire signé n'est pas enregistré")
    ]


def test_the_sheet_holds_only_what_was_consented_and_chosen(services: Services, supported: Supported) -> None:
    grant_all(services, supported)
    sheet = services.liaison_sheets.prepare(
        supported.household_id, request(supported, ("identite", "situation_logement", "objectifs_logement"))
    )
    assert sheet.categories == ("identite", "situation_logement", "objectifs_logement")
    content = one_line(pdf_text(sheet.pdf.content))
    for expected in (
        "Fiche navette — Habitat 35",
        "À l'attention de Sophie MOREL (Gestion locative)",
        "AVDL (accompagnement vers et dans le logement) — accompagnement en cours",
        "Référent coordinateur : Claire MARTIN",
        "Hélène ÇELIK",
        "Karim BENALI",
        "Sous-locataire depuis le 01/09/2025",
        "14 rue de Brest, 35000 Rennes",
        HOUSING_OBJECTIVE,
        "Accord du ménage",
    ):
        assert expected in content, expected
    assert HEALTH_OBJECTIVE not in content
    assert "Loyer" not in content  # rent was not chosen
    assert "Léo" not in content  # children are not named on the lease
    assert row_count(services, "disclosure") == 0  # preparing is not sending


def test_rent_and_the_protocol_debt(services: Services, supported: Supported) -> None:
    grant_all(services, supported)
    sheet = services.liaison_sheets.prepare(supported.household_id, request(supported, ("loyer_dette",)))
    content = pdf_text(sheet.pdf.content)
    assert "412,50" in content and "80,00" in content


def test_a_suspension_is_told_in_neutral_words(services: Services, supported: Supported) -> None:
    grant_all(services, supported)
    services.episodes.suspend(
        supported.episode_id,
        SuspensionInput(D(2026, 6, 1), "hospitalisation", note="Hospitalisé au CHU après une crise"),
        expected_version=current_version(services.episodes, "suspend", supported.episode_id),
    )
    content = pdf_text(services.liaison_sheets.prepare(supported.household_id, request(supported)).pdf.content)
    assert "accompagnement suspendu temporairement" in one_line(content)
    assert "ospitalis" not in content and "CHU" not in content and "crise" not in content


def test_revoked_expired_and_role_limited_consents(services: Services, supported: Supported, clock: FixedClock) -> None:
    first, second = supported.adults
    granted = services.consents.record_granted(
        supported.household_id,
        ConsentInput(first, supported.landlord.id, ("identite",), "Fiche navette"),
        signed_on=D(2026, 6, 1),
        filing=FILED,
    )
    services.consents.record_granted(
        supported.household_id,
        ConsentInput(second, supported.landlord.id, ("identite",), "Fiche navette", recipient_role_code="cesf"),
        signed_on=D(2026, 6, 1),
        filing=FILED,
    )
    reasons = {
        m.person_name: m.reason
        for m in services.liaison_sheets.missing_consents(supported.household_id, request(supported, ()))
    }
    limited = (
        "l'accord est limité au rôle « Conseiller·ère social·e / CESF » : adressez le document à un contact de ce rôle"
    )
    assert reasons == {"Karim BENALI": limited}
    cesf = services.directory.create_partner_contact(
        PartnerContactInput(supported.landlord.id, "Inès", "Le Goff", role_code="cesf")
    )
    to_cesf = LiaisonSheetRequest(supported.landlord.id, (), recipient_contact_id=cesf.id)
    assert services.liaison_sheets.missing_consents(supported.household_id, to_cesf) == []
    services.consents.revoke(granted.id, revoked_on=D(2026, 6, 15), note="Ne souhaite plus")
    [missing] = services.liaison_sheets.missing_consents(supported.household_id, to_cesf)
    assert missing.reason == "retiré le 15/06/2026"
    clock.today_value = D(2027, 7, 1)
    reasons = {
        m.person_name: m.reason for m in services.liaison_sheets.missing_consents(supported.household_id, to_cesf)
    }
    assert reasons["Karim BENALI"].startswith("expiré le")


def test_sending_writes_the_disclosure_log(services: Services, supported: Supported) -> None:
    grant_all(services, supported)
    grant_siao(services, supported)
    sheet = services.liaison_sheets.prepare(
        supported.household_id, request(supported, ("situation_logement",), copy_siao=True, message="Visite le 20/06.")
    )
    disclosure = services.liaison_sheets.record_sent(sheet, channel="impression")
    assert (disclosure.recipient_name, disclosure.recipient_contact, disclosure.document_label) == (
        "Habitat 35",
        "Sophie MOREL",
        "Fiche navette",
    )
    assert disclosure.categories == ("Identité", "Situation de logement")
    assert disclosure.copy_siao and len(disclosure.consent_ids) == 2
    assert services.liaison_sheets.disclosures_for(supported.household_id) == [disclosure]
    [(fields,)] = raw_rows(services, "SELECT fields FROM disclosure")
    assert isinstance(fields, str)
    assert "adresse" in fields and "loyer" not in fields and "message" in fields
    # Append-only, even for someone with SQL access through the application.
    with (
        services.context.engine.begin() as connection,
        pytest.raises(Exception, match=r"append-only|permission denied"),
    ):
        connection.execute(text("UPDATE disclosure SET channel = 'x'"))
    with (
        services.context.engine.begin() as connection,
        pytest.raises(Exception, match=r"append-only|permission denied"),
    ):
        connection.execute(text("DELETE FROM disclosure"))


def test_a_consent_revoked_before_sending_blocks_the_disclosure(services: Services, supported: Supported) -> None:
    grant_all(services, supported)
    sheet = services.liaison_sheets.prepare(supported.household_id, request(supported, ("identite",)))
    consent = services.consents.for_household(supported.household_id)[0]
    services.consents.revoke(consent.id, revoked_on=D(2026, 6, 15), note="Appel du ménage")
    with pytest.raises(ConsentMissingError):
        services.liaison_sheets.record_sent(sheet, channel="fichier")
    assert row_count(services, "disclosure") == 0


def test_options_route_to_the_right_contacts(services: Services, supported: Supported) -> None:
    grant_all(services, supported, categories=("identite", "situation_logement"))
    services.directory.create_partner_contact(
        PartnerContactInput(supported.landlord.id, "Paul", "Abgrall", role_code="proximite", is_referent=True)
    )
    options = services.liaison_sheets.options(supported.household_id)
    [landlord] = options.landlords
    assert (landlord.name, landlord.is_current) == ("Habitat 35", True)
    assert landlord.consented == ("identite", "situation_logement")
    assert [contact.role_code for contact in landlord.contacts] == ["gestion_locative", "proximite"]
    assert [choice.code for choice in options.categories] == list(ALL_CATEGORIES)


def test_the_household_summary(services: Services, supported: Supported) -> None:
    grant_all(services, supported, categories=("identite", "loyer_dette"))
    sheet = services.liaison_sheets.prepare(supported.household_id, request(supported, ("identite",)))
    sent = services.liaison_sheets.record_sent(sheet, channel="remise")  # dated by the server in team mode
    pdf = services.liaison_sheets.household_summary(supported.household_id)
    content = one_line(pdf_text(pdf.content))
    for expected in (
        "Votre accompagnement",
        "★ Claire MARTIN — Référent·e social·e",
        "Habitat 35 — Hélène ÇELIK a accepté que l'association lui transmette : Identité, Loyer, dette et plan "
        "d'apurement",
        f"{sent.at.astimezone():%d/%m/%Y} — Habitat 35 : Fiche navette",
        "Vous pouvez retirer votre accord à tout moment",
    ):
        assert expected in content, expected
    assert HEALTH_OBJECTIVE not in content
    assert raw_rows(services, "SELECT count(*) FROM audit_event WHERE entity_type = 'household_summary'") == [(1,)]


# --------------------------------------------------------------------------------------- property test

# Canaries that cannot appear by chance in a generated document.
canary = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=12).map(lambda tail: f"Qx{tail}")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(health=canary, justice=canary, social=canary, note=canary, suspension=canary)
def test_no_health_justice_or_social_content_ever_reaches_a_landlord_document(
    services: Services, landlord: OrganisationView, health: str, justice: str, social: str, note: str, suspension: str
) -> None:
    supported = supported_household(services, landlord)
    grant_all(services, supported)  # a consent for "all housing information"
    episode = supported.episode_id
    services.episodes.add_objective(
        episode,
        ObjectiveInput(f"Soins {health}", Party.MENAGE, "sante_mentale"),
        expected_version=current_version(services.episodes, "add_objective", episode),
    )
    services.episodes.add_objective(
        episode,
        ObjectiveInput(f"SPIP {justice}", Party.MENAGE, "justice"),
        expected_version=current_version(services.episodes, "add_objective", episode),
    )
    services.episodes.add_objective(
        episode,
        ObjectiveInput(f"Emploi {social}", Party.ASSOCIATION, "emploi_formation"),
        expected_version=current_version(services.episodes, "add_objective", episode),
    )
    for note_class, value in ((NoteClass.SANTE, note), (NoteClass.EQUIPE, social), (NoteClass.REFERENTS, health)):
        services.contacts.record_contact(
            supported.household_id,
            ContactInput(
                occurred_at=datetime(2026, 6, 10, 9, 0, tzinfo=timezone.utc),
                type_code="visite_domicile",
                outcome_code="rencontre",
                topic_codes=("sante", "justice"),
                note=f"Note {value}",
                note_class=note_class,
            ),
        )
    services.episodes.suspend(
        episode,
        SuspensionInput(D(2026, 6, 12), "incarceration", note=f"Maison d'arrêt {suspension}"),
        expected_version=current_version(services.episodes, "suspend", episode),
    )
    documents = [services.liaison_sheets.prepare(supported.household_id, request(supported)).pdf.content]
    contract = services.contracts.draft(DraftRequest("contrat_objectifs", supported.household_id))
    documents.append(services.contracts.version_pdf(contract.latest.id).content)
    documents.append(services.liaison_sheets.household_summary(supported.household_id).content)
    for document in documents:
        content = pdf_text(document)
        for secret in (health, justice, social, note, suspension):
            assert secret not in content
        assert "ncarcér" not in content and "arrêt" not in content


def test_a_copy_to_the_siao_needs_the_households_consent_for_the_siao(services: Services, supported: Supported) -> None:
    from caseworker.services.directory import OrganisationInput

    grant_all(services, supported, categories=("identite",))
    copy = request(supported, ("identite",), copy_siao=True)
    with pytest.raises(ConsentMissingError) as no_siao:
        services.liaison_sheets.prepare(supported.household_id, copy)
    assert "aucun SIAO dans l'annuaire" in no_siao.value.user_message
    siao = services.directory.create_organisation(OrganisationInput("SIAO 35", "siao"))
    with pytest.raises(ConsentMissingError) as refused:
        services.liaison_sheets.prepare(supported.household_id, copy)
    assert "copie au SIAO : aucun consentement" in refused.value.user_message
    for person_id in supported.adults:
        services.consents.record_granted(
            supported.household_id,
            ConsentInput(person_id, siao.id, ("identite",), "Copie de la fiche navette"),
            signed_on=D(2026, 6, 1),
            filing=FILED,
        )
    sheet = services.liaison_sheets.prepare(supported.household_id, copy)
    assert services.liaison_sheets.record_sent(sheet, channel="courrier").copy_siao


# ------------------------------------------------------------------- issue 11: withdrawal, end of support


def _alert_to_the_landlord(services: Services, supported: Supported) -> int:
    from caseworker.domain import AlertChannel
    from caseworker.services.alerts import AlertInput

    alert = services.alerts.create(
        AlertInput(
            "probleme_technique",
            supported.household_id,
            supported.landlord.id,
            datetime(2026, 6, 12, 9, 0, tzinfo=timezone.utc),
            AlertChannel.COURRIER,
            description="Le chauffe-eau ne fonctionne plus.",
        )
    )
    return alert.id


def test_revoking_the_renewal_withdraws_consent_whatever_the_older_record_says(
    services: Services, supported: Supported
) -> None:
    """The reviewer's scenario: a consent for each adult, a renewal before expiry, then the newest revoked."""
    grant_all(services, supported, signed_on=D(2026, 1, 10))
    grant_all(services, supported, signed_on=D(2026, 6, 1))  # renewal before the first one expires
    alert_id = _alert_to_the_landlord(services, supported)
    sheet = services.liaison_sheets.prepare(supported.household_id, request(supported))
    letter = services.alerts.prepare_outgoing(alert_id, contact_id=supported.contact_id)
    renewals = [
        view for view in services.consents.for_household(supported.household_id) if view.decided_on == D(2026, 6, 1)
    ]
    assert len(renewals) == 2
    for renewal in renewals:
        services.consents.revoke(renewal.id, revoked_on=D(2026, 6, 15), note="Ne souhaite plus")

    with pytest.raises(ConsentMissingError) as refused:
        services.liaison_sheets.prepare(supported.household_id, request(supported))
    assert "Hélène ÇELIK — « Identité » : retiré le 15/06/2026" in refused.value.user_message
    assert {item.person_name for item in refused.value.missing} == {"Hélène ÇELIK", "Karim BENALI"}
    with pytest.raises(ConsentMissingError):
        services.alerts.prepare_outgoing(alert_id, contact_id=supported.contact_id)
    with pytest.raises(ConsentMissingError):
        services.liaison_sheets.record_sent(sheet, channel="impression")
    with pytest.raises(ConsentMissingError):
        services.alerts.record_sent(letter, channel="courrier")
    assert row_count(services, "disclosure") == 0
    assert services.consents.valid_consent(supported.household_id, supported.landlord.id, "identite") is None

    # The household summary and the register tell the same single truth.
    summary = one_line(pdf_text(services.liaison_sheets.household_summary(supported.household_id).content))
    assert "a accepté" not in summary
    assert "Habitat 35 — Hélène ÇELIK : révoqué" in summary
    assert "Habitat 35 — Karim BENALI : révoqué" in summary
    register = services.consents.for_household(supported.household_id)
    assert sorted((view.decided_on, view.register_label) for view in register) == [
        (D(2026, 1, 10), "Remplacé (historique)"),
        (D(2026, 1, 10), "Remplacé (historique)"),
        (D(2026, 6, 1), "Révoqué"),
        (D(2026, 6, 1), "Révoqué"),
    ]


def _close(services: Services, episode_id: int, on: date) -> None:
    from caseworker.domain import ObjectivesMet
    from caseworker.services.support import ExitInput

    services.episodes.close(
        episode_id,
        ExitInput(on, "logement_autonome", ObjectivesMet.OUI, waiver_reason="Le ménage ne le souhaite pas"),
        expected_version=current_version(services.episodes, "close", episode_id),
    )


def test_consent_ends_with_the_households_only_episode(services: Services, supported: Supported) -> None:
    grant_all(services, supported)  # signed on 01/06/2026, during the AVDL support, valid until 01/06/2027
    alert_id = _alert_to_the_landlord(services, supported)
    services.liaison_sheets.prepare(supported.household_id, request(supported))

    _close(services, supported.episode_id, D(2026, 6, 15))

    with pytest.raises(ConsentMissingError) as refused:
        services.liaison_sheets.prepare(supported.household_id, request(supported))
    assert "« Identité » : expiré : l'accompagnement a pris fin le 15/06/2026" in refused.value.user_message
    with pytest.raises(ConsentMissingError):
        services.alerts.prepare_outgoing(alert_id, contact_id=supported.contact_id)
    register = services.consents.for_household(supported.household_id)
    assert {(view.status_label, view.ends_on) for view in register} == {
        ("Expiré (fin de l'accompagnement)", D(2026, 6, 14))
    }
    summary = one_line(pdf_text(services.liaison_sheets.household_summary(supported.household_id).content))
    assert "Habitat 35 — Hélène ÇELIK : expiré (fin de l'accompagnement)" in summary


def test_with_two_episodes_consent_lasts_until_the_household_has_none_running(
    services: Services, supported: Supported
) -> None:
    from caseworker.services.support import OrientationInput

    second = services.episodes.open_episode(
        supported.household_id,
        OrientationInput(measure_code="asll", orientation_date=D(2026, 3, 1), referral_source_code="siao"),
    )
    services.episodes.activate(
        second.id,
        on=D(2026, 3, 15),
        level_code="standard",
        expected_version=current_version(services.episodes, "activate", second.id),
    )
    grant_all(services, supported)
    _close(services, supported.episode_id, D(2026, 6, 10))
    services.liaison_sheets.prepare(supported.household_id, request(supported))  # ASLL still runs

    _close(services, second.id, D(2026, 6, 15))
    with pytest.raises(ConsentMissingError) as refused:
        services.liaison_sheets.prepare(supported.household_id, request(supported))
    assert "l'accompagnement a pris fin le 15/06/2026" in refused.value.user_message


def test_a_grown_up_child_is_an_adult_who_must_consent(services: Services, supported: Supported) -> None:
    """A 36-year-old recorded with the role "enfant" is asked for consent like any adult."""
    from caseworker.services.households import PersonInput

    son = services.households.add_member(
        supported.household_id,
        PersonInput(first_name="Yanis", last_name="Çelik", birth_year=1990),
        role_code="enfant",
        start_date=D(2024, 1, 1),
        expected_version=current_version(services.households, "add_member", supported.household_id),
    )
    grant_all(services, supported)
    with pytest.raises(ConsentMissingError) as refused:
        services.liaison_sheets.prepare(supported.household_id, request(supported, ("identite",)))
    assert [(item.person_name, item.category_code) for item in refused.value.missing] == [("Yanis ÇELIK", "identite")]
    assert "18 ans ou plus cette année, ou rôle adulte" in refused.value.user_message
    alert_id = _alert_to_the_landlord(services, supported)
    with pytest.raises(ConsentMissingError):
        services.alerts.prepare_outgoing(alert_id, contact_id=supported.contact_id)

    services.consents.record_granted(
        supported.household_id,
        ConsentInput(son.person_id, supported.landlord.id, ALL_CATEGORIES, "Fiche navette"),
        signed_on=D(2026, 6, 1),
        filing=FILED,
    )
    content = one_line(
        pdf_text(services.liaison_sheets.prepare(supported.household_id, request(supported)).pdf.content)
    )
    assert "Yanis ÇELIK" in content
    assert "Léo" not in content  # the 10-year-old is still a child
    [member] = [m for m in services.households.open_file(supported.household_id).members if m.first_name == "Yanis"]
    assert member.is_adult(D(2026, 6, 15))
    contract = services.contracts.draft(DraftRequest("contrat_objectifs", supported.household_id))
    signatories = {option.name for option in services.contracts.editor_choices(contract.id).signatory_options}
    assert {"Yanis ÇELIK", "Hélène ÇELIK", "Karim BENALI"} <= signatories
    assert "Léo ÇELIK" not in signatories
    parties = {option.name for option in services.alerts.mediation_options(alert_id)}
    assert "ÇELIK Yanis" in parties
    summary = one_line(pdf_text(services.liaison_sheets.household_summary(supported.household_id).content))
    assert "Yanis ÇELIK" in summary


def test_a_child_of_unknown_age_is_no_signatory_but_the_gate_asks_for_the_birth_year(
    services: Services, supported: Supported
) -> None:
    """A child's role without a birth year: never named to sign, never asked to consent, but maybe grown up."""
    from caseworker.services.households import PersonInput

    services.households.add_member(
        supported.household_id,
        PersonInput(first_name="Inès", last_name="Çelik"),
        role_code="enfant",
        start_date=D(2024, 1, 1),
        expected_version=current_version(services.households, "add_member", supported.household_id),
    )
    grant_all(services, supported)
    contract = services.contracts.draft(DraftRequest("contrat_objectifs", supported.household_id))
    signatories = {option.name for option in services.contracts.editor_choices(contract.id).signatory_options}
    assert "Inès ÇELIK" not in signatories
    with pytest.raises(ConsentMissingError) as refused:
        services.liaison_sheets.prepare(supported.household_id, request(supported, ("identite", "alertes")))
    assert [(item.person_name, item.category_code) for item in refused.value.missing] == [("Inès ÇELIK", "identite")]
    assert "âge inconnu (rôle enfant, sans année de naissance) : indiquez l'année de naissance" in (
        refused.value.user_message
    )
    [member] = [m for m in services.households.open_file(supported.household_id).members if m.first_name == "Inès"]
    services.households.update_person(
        member.person_id,
        PersonInput(first_name="Inès", last_name="Çelik", birth_year=2016),
        household_id=person_household(services.households, member.person_id),
        expected_version=current_version(services.households, "update_person", member.person_id),
    )
    services.liaison_sheets.prepare(supported.household_id, request(supported, ("identite", "alertes")))


def test_the_sheet_and_the_letter_agree_with_their_feminine_names(services: Services, supported: Supported) -> None:
    from caseworker.domain import AlertChannel
    from caseworker.services.alerts import AlertInput

    grant_all(services, supported)
    sheet = one_line(pdf_text(services.liaison_sheets.prepare(supported.household_id, request(supported)).pdf.content))
    assert "Établie le 15 juin 2026" in sheet and "Établi le" not in sheet  # une fiche navette
    alert = services.alerts.create(
        AlertInput(
            "probleme_technique",
            supported.household_id,
            supported.landlord.id,
            datetime(2026, 6, 15, 7, 0, tzinfo=timezone.utc),
            AlertChannel.COURRIER,
            description="Le chauffe-eau ne fonctionne plus.",
        )
    )
    letter = one_line(pdf_text(services.alerts.prepare_outgoing(alert.id, contact_id=None).letter.content))
    assert "Établie le 15 juin 2026" in letter  # une alerte au bailleur
    summary = one_line(pdf_text(services.liaison_sheets.household_summary(supported.household_id).content))
    assert "Établi le 15 juin 2026" in summary  # un résumé


def test_a_consent_granted_of_old_on_an_oral_note_does_not_open_the_gate(
    services: Services, supported: Supported
) -> None:
    """Before revision 0008 any evidence note made a consent "accordé"; "accord oral" proves nothing."""
    grant_all(services, supported)
    services.liaison_sheets.prepare(supported.household_id, request(supported))  # the gate is open
    with services.context.engine.begin() as connection:  # as a store written by an older version holds it
        connection.execute(
            text(
                "UPDATE consent SET evidence_place_id = NULL, evidence_reference = '', "
                "evidence_note = 'Accord oral du ménage, formulaire à faire signer' WHERE person_id = :person"
            ),
            {"person": supported.adults[0]},
        )
    with pytest.raises(ConsentMissingError) as refused:
        services.liaison_sheets.prepare(supported.household_id, request(supported))
    assert "accord oral : le formulaire signé manque" in refused.value.user_message
    register = {
        view.status_label
        for view in services.consents.for_household(supported.household_id)
        if view.person_id == supported.adults[0]
    }
    assert register == {"Demandé (accord oral : le formulaire signé manque)"}
    # The signed form, recorded on that very record, completes it.
    mine = services.consents.for_household(supported.household_id)
    [record] = [view for view in mine if view.person_id == supported.adults[0]]
    services.consents.grant(record.id, signed_on=D(2026, 6, 15), filing=FILED)
    services.liaison_sheets.prepare(supported.household_id, request(supported))


def test_a_withdrawal_in_the_afternoon_beats_a_signature_of_the_morning(
    services: Services, supported: Supported
) -> None:
    """Signed B (identité) in the morning, withdrew the older A (identité, loyer…) in the afternoon."""
    grant_all(services, supported, signed_on=D(2026, 1, 10))
    older = {view.person_id: view.id for view in services.consents.for_household(supported.household_id)}
    grant_all(services, supported, categories=("identite",), signed_on=D(2026, 6, 15))
    for consent_id in older.values():
        services.consents.revoke(consent_id, revoked_on=D(2026, 6, 15))
    with pytest.raises(ConsentMissingError) as refused:
        services.liaison_sheets.prepare(supported.household_id, request(supported, ("identite",)))
    assert {item.person_name for item in refused.value.missing} == {"Hélène ÇELIK", "Karim BENALI"}
