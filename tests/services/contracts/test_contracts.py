"""Contracts: drafting from the household file, completeness, signatures, scans, amendments, end, exports."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from caseworker.domain import THREE_PARTIES, AuditAction, ContractStatus, Party, SignatureMethod
from caseworker.services import Services
from caseworker.services.contracts import (
    ClauseInput,
    CommitmentLine,
    ContractContent,
    ContractFilter,
    ContractView,
    DraftRequest,
    ObjectiveLine,
    ReviewLine,
    SignatureInput,
)
from caseworker.services.directory import OrganisationInput, OrganisationView, StaffInput
from caseworker.services.documents import Attachment
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.support import TeamMemberInput
from tests.services.builders import raw_rows, row_count
from tests.services.contract_builders import (
    HEALTH_OBJECTIVE,
    HOUSING_OBJECTIVE,
    Supported,
    grant_all,
)
from tests.support import FixedClock, pdf_text, pdftotext
from tests.support.row_versions import current_version

D = date
PROJECT = "Rester dans ce logement et, dans deux ans, en devenir locataire en titre."


def draft(services: Services, supported: Supported, kind: str = "contrat_objectifs") -> ContractView:
    return services.contracts.draft(DraftRequest(kind, supported.household_id))


def one_line(text: str) -> str:
    """Join wrapped lines; keep the no-break spaces of French amounts (``str.split`` would eat them)."""
    return re.sub(r"[ \n\f\r]+", " ", text)


def with_clause(content: ContractContent, code: str, body: str) -> ContractContent:
    return replace(
        content,
        clauses=tuple(ClauseInput(c.code, c.title, body, c.required) if c.code == code else c for c in content.clauses),
    )


def ready(services: Services, supported: Supported) -> ContractView:
    """A contrat d'objectifs with its residential project written: complete, still a draft."""
    view = draft(services, supported)
    return services.contracts.update_draft(
        view.latest.id,
        with_clause(view.latest.content(), "projet", PROJECT),
        expected_version=current_version(services.contracts, "update_draft", view.latest.id),
    )


def sign_all(services: Services, view: ContractView, on: date) -> ContractView:
    for signatory in view.latest.signatories:
        view = services.contracts.record_signature(
            signatory.id,
            SignatureInput(on, SignatureMethod.EN_MAIN_PROPRE, "Rennes"),
            expected_version=current_version(services.contracts, "record_signature", signatory.id),
        )
    return view


def signed(services: Services, supported: Supported) -> ContractView:
    view = services.contracts.send_for_signature(
        (ready_view := ready(services, supported)).latest.id, expected_version=ready_view.row_version
    )
    return sign_all(services, view, D(2026, 6, 15))


# ---------------------------------------------------------------------------------------------- drafting


def test_a_draft_is_filled_in_from_the_household_file(services: Services, supported: Supported) -> None:
    view = draft(services, supported)
    assert (view.reference, view.kind_label, view.status) == (
        f"C-{view.id:06d}",
        "Contrat d'objectifs tripartite",
        ContractStatus.BROUILLON,
    )
    assert (view.landlord_name, view.measure_label) == ("Habitat 35", "AVDL (accompagnement vers et dans le logement)")
    version = view.latest
    assert (version.number, version.starts_on, version.ends_on, version.term_label) == (
        1,
        D(2026, 6, 15),
        D(2027, 6, 14),
        "12 mois",
    )
    # Every adult signs for the household (the child does not), the user for the association, the landlord's contact.
    signatories = [(s.party, s.name, s.capacity) for s in version.signatories]
    assert signatories == [
        (Party.BAILLEUR, "Sophie MOREL", "Gestion locative"),
        (Party.ASSOCIATION, "Claire MARTIN", "Travailleur social"),
        (Party.MENAGE, "Hélène ÇELIK", "Sous-locataire"),
        (Party.MENAGE, "Karim BENALI", "Sous-locataire"),
    ]
    # Only the housing objective of the episode goes to a landlord-facing contract.
    assert [o.text for o in version.objectives] == [HOUSING_OBJECTIVE]
    choices = services.contracts.editor_choices(view.id)
    assert any(HEALTH_OBJECTIVE[:30] in reason for reason in choices.excluded_objectives)
    assert {choice.code for choice in choices.themes} >= {"droits_devoirs_locataire", "recherche_logement"}
    assert "sante" not in {choice.code for choice in choices.themes}
    assert [r.label for r in version.reviews] == ["Bilan d'entrée", "Bilan intermédiaire", "Bilan de fin"]
    assert {c.party for c in version.commitments} == set(THREE_PARTIES)
    partage = next(c for c in version.clauses if c.code == "partage")
    assert "{consentements}" in partage.body
    assert "aucune information" in partage.printed  # no consent yet: the clause says so


def test_the_sharing_clause_follows_the_consent_register(services: Services, supported: Supported) -> None:
    grant_all(services, supported, categories=("identite", "situation_logement"))
    view = draft(services, supported)
    partage = next(c for c in view.latest.clauses if c.code == "partage")
    assert "identité, situation de logement (accord donné par Hélène ÇELIK" in partage.printed
    assert "Karim BENALI" in partage.printed


def test_the_sharing_clause_reads_the_newest_decision_of_each_adult(services: Services, supported: Supported) -> None:
    grant_all(services, supported, categories=("identite", "situation_logement"), signed_on=D(2026, 1, 10))
    grant_all(services, supported, categories=("identite",), signed_on=D(2026, 6, 1))
    karim = supported.adults[1]
    [renewal] = [
        item
        for item in services.consents.for_household(supported.household_id)
        if item.person_id == karim and item.decided_on == D(2026, 6, 1)
    ]
    services.consents.revoke(renewal.id, revoked_on=D(2026, 6, 15))
    printed = " ".join(
        next(c for c in draft(services, supported).latest.clauses if c.code == "partage").printed.split()
    )
    shared = re.findall(r"([a-zé ,]+) \(accord donné par ([^,)]+)", printed)
    assert sorted((name, categories.strip()) for categories, name in shared) == [
        ("Hélène ÇELIK", "identité"),  # the renewal
        ("Hélène ÇELIK", "situation de logement"),  # still the January form: the renewal did not cover it
        ("Karim BENALI", "situation de logement"),  # identity withdrawn, whatever the January form says
    ]


def test_a_household_contract_needs_a_household_and_a_landlord(services: Services, supported: Supported) -> None:
    with pytest.raises(ValidationError) as missing:
        services.contracts.draft(DraftRequest("contrat_objectifs"))
    assert "ménage" in missing.value.errors["household_id"]
    with pytest.raises(ValidationError) as unknown:
        services.contracts.draft(DraftRequest("bail_commercial", supported.household_id))
    assert "kind_code" in unknown.value.errors
    from tests.services.builders import new_household

    homeless = new_household(services, "Yanis", "Ferhat")
    with pytest.raises(ValidationError) as no_landlord:
        services.contracts.draft(DraftRequest("contrat_objectifs", homeless.id))
    assert "bailleur" in no_landlord.value.errors["landlord_id"]


def test_only_a_draft_is_edited_and_its_content_is_checked(services: Services, supported: Supported) -> None:
    view = draft(services, supported)
    content = view.latest.content()
    health = replace(
        content, objectives=(*content.objectives, ObjectiveLine("Voir le psychiatre", Party.MENAGE, "sante"))
    )
    with pytest.raises(ValidationError) as refused:
        services.contracts.update_draft(
            view.latest.id, health, expected_version=current_version(services.contracts, "update_draft", view.latest.id)
        )
    assert "seuls les objectifs liés au logement" in refused.value.errors["objectives"]
    assert "Santé" in refused.value.errors["objectives"]
    with pytest.raises(ValidationError) as backwards:
        services.contracts.update_draft(
            view.latest.id,
            replace(content, ends_on=D(2026, 1, 1)),
            expected_version=current_version(services.contracts, "update_draft", view.latest.id),
        )
    assert "ends_on" in backwards.value.errors
    with pytest.raises(ValidationError) as placeholder:
        services.contracts.update_draft(
            view.latest.id,
            with_clause(content, "objet", "Avec {proprietaire}."),
            expected_version=current_version(services.contracts, "update_draft", view.latest.id),
        )
    assert "{proprietaire}" in placeholder.value.errors["clauses"]
    with pytest.raises(ValidationError) as huge:
        services.contracts.update_draft(
            view.latest.id,
            with_clause(content, "objet", "x" * 30_000),
            expected_version=current_version(services.contracts, "update_draft", view.latest.id),
        )
    assert "clauses" in huge.value.errors
    # Nothing refused was saved.
    assert services.contracts.contract(view.id).latest.content() == content


def test_sending_for_signature_checks_completeness_and_freezes_the_pdf(
    services: Services, supported: Supported
) -> None:
    view = draft(services, supported)
    with pytest.raises(ValidationError) as incomplete:
        services.contracts.send_for_signature(
            view.latest.id, expected_version=current_version(services.contracts, "send_for_signature", view.latest.id)
        )
    assert "Projet résidentiel" in incomplete.value.errors["clauses"]
    view = services.contracts.update_draft(
        view.latest.id,
        with_clause(view.latest.content(), "projet", PROJECT),
        expected_version=current_version(services.contracts, "update_draft", view.latest.id),
    )
    view = services.contracts.send_for_signature(
        view.latest.id, expected_version=current_version(services.contracts, "send_for_signature", view.latest.id)
    )
    version = view.latest
    assert (version.status, version.sent_for_signature_on) == (ContractStatus.EN_SIGNATURE, D(2026, 6, 15))
    pdf = services.contracts.version_pdf(version.id)
    assert pdf.frozen
    import hashlib

    assert hashlib.sha256(pdf.content).hexdigest() == version.pdf_sha256
    assert services.contracts.version_pdf(version.id).content == pdf.content  # the same bytes every time
    with pytest.raises(ValidationError) as locked:
        services.contracts.update_draft(
            version.id,
            version.content(),
            expected_version=current_version(services.contracts, "update_draft", version.id),
        )
    assert "avenant" in locked.value.errors["status"]


def test_the_pdf_names_the_parties_objectives_version_and_three_signature_blocks(
    services: Services, supported: Supported
) -> None:
    view = services.contracts.send_for_signature(
        (ready_view := ready(services, supported)).latest.id, expected_version=ready_view.row_version
    )
    pdf = services.contracts.version_pdf(view.latest.id).content
    text = pdftotext(pdf)
    for expected in (
        "CONTRAT D'OBJECTIFS TRIPARTITE",
        "Ce document n'est pas un bail",
        "Version 1 du 15 juin 2026",
        "Habitat 35",
        "Association Le Toit",
        "Hélène ÇELIK",
        "Karim BENALI",
        "14 rue de Brest, 35000 Rennes",
        HOUSING_OBJECTIVE,
        PROJECT,
        "Bilan intermédiaire",
    ):
        assert expected in text, expected
    assert HEALTH_OBJECTIVE not in text
    pages = text.count("\f") or 1
    last = pdftotext(pdf, first=pages, last=pages)
    for block in ("Pour le bailleur", "Pour l'association", "Pour le ménage"):
        assert block in last, block  # the three blocks together, on the last page
    assert f"Page {pages} / {pages}" in last


def test_signatures_bring_the_version_into_force(services: Services, supported: Supported, clock: FixedClock) -> None:
    view = services.contracts.send_for_signature(
        (ready_view := ready(services, supported)).latest.id, expected_version=ready_view.row_version
    )
    first, *others = view.latest.signatories
    with pytest.raises(ValidationError) as early:
        services.contracts.record_signature(
            first.id,
            SignatureInput(D(2026, 6, 1), SignatureMethod.COURRIER),
            expected_version=current_version(services.contracts, "record_signature", first.id),
        )
    assert "précéder l'envoi" in early.value.errors["signed_on"]
    with pytest.raises(ValidationError) as future:
        services.contracts.record_signature(
            first.id,
            SignatureInput(D(2026, 7, 1), SignatureMethod.COURRIER),
            expected_version=current_version(services.contracts, "record_signature", first.id),
        )
    assert "futur" in future.value.errors["signed_on"]
    clock.today_value = D(2026, 6, 20)
    view = services.contracts.record_signature(
        first.id,
        SignatureInput(D(2026, 6, 16), SignatureMethod.COURRIER),
        expected_version=current_version(services.contracts, "record_signature", first.id),
    )
    assert view.latest.status is ContractStatus.EN_SIGNATURE
    with pytest.raises(ValidationError) as started:
        services.contracts.back_to_draft(
            view.latest.id, expected_version=current_version(services.contracts, "back_to_draft", view.latest.id)
        )
    assert "Sophie MOREL a déjà signé" in started.value.errors["status"]
    view = services.contracts.record_signature(
        others[0].id,
        SignatureInput(D(2026, 6, 16), SignatureMethod.COURRIER),
        expected_version=current_version(services.contracts, "record_signature", others[0].id),
    )
    with pytest.raises(ValidationError) as two:
        services.contracts.back_to_draft(
            view.latest.id, expected_version=current_version(services.contracts, "back_to_draft", view.latest.id)
        )
    assert "Sophie MOREL et Claire MARTIN ont déjà signé" in two.value.errors["status"]
    for signatory in others:
        view = services.contracts.record_signature(
            signatory.id,
            SignatureInput(D(2026, 6, 18), SignatureMethod.EN_MAIN_PROPRE, "Rennes"),
            expected_version=current_version(services.contracts, "record_signature", signatory.id),
        )
    assert (view.status, view.latest.in_force_on) == (ContractStatus.EN_VIGUEUR, D(2026, 6, 18))
    assert all(s.has_signed for s in view.latest.signatories)
    with pytest.raises(ValidationError):
        services.contracts.record_signature(
            first.id,
            SignatureInput(D(2026, 6, 19), SignatureMethod.COURRIER),
            expected_version=current_version(services.contracts, "record_signature", first.id),
        )


def test_back_to_draft_before_anyone_signs(services: Services, supported: Supported) -> None:
    view = services.contracts.send_for_signature(
        (ready_view := ready(services, supported)).latest.id, expected_version=ready_view.row_version
    )
    documents = row_count(services, "document")
    view = services.contracts.back_to_draft(
        view.latest.id, expected_version=current_version(services.contracts, "back_to_draft", view.latest.id)
    )
    assert (view.latest.status, view.latest.pdf_sha256) == (ContractStatus.BROUILLON, "")
    assert row_count(services, "document") == documents - 1  # the frozen copy is gone
    assert not services.contracts.version_pdf(view.latest.id).frozen


def test_the_signed_scan_is_kept_inside_the_database(services: Services, supported: Supported) -> None:
    view = ready(services, supported)
    scan = Attachment("contrat-signé.pdf", b"%PDF-1.4 scanned copy", "application/pdf")
    with pytest.raises(ValidationError) as unsigned:
        services.contracts.attach_scan(
            view.latest.id, scan, expected_version=current_version(services.contracts, "attach_scan", view.latest.id)
        )
    assert "brouillon" in unsigned.value.errors["scan"]
    view = signed(services, supported)
    with pytest.raises(ValidationError) as wrong_type:
        services.contracts.attach_scan(
            view.latest.id,
            Attachment("scan.docx", b"PK..."),
            expected_version=current_version(services.contracts, "attach_scan", view.latest.id),
        )
    assert "PDF ou une image" in wrong_type.value.errors["scan"]
    view = services.contracts.attach_scan(
        view.latest.id, scan, expected_version=current_version(services.contracts, "attach_scan", view.latest.id)
    )
    assert view.latest.scan is not None and view.latest.scan.filename == "contrat-signé.pdf"
    assert services.contracts.scan(view.latest.id).content == scan.content
    actions = raw_rows(services, "SELECT action FROM audit_event WHERE entity_type = 'document' ORDER BY id")
    assert [row[0] for row in actions][-2:] == [AuditAction.CREATE.name, AuditAction.VIEW.name]
    # A new scan replaces the old one (the old bytes are gone).
    view = services.contracts.attach_scan(
        view.latest.id,
        Attachment("v2.png", b"\x89PNG second"),
        expected_version=current_version(services.contracts, "attach_scan", view.latest.id),
    )
    assert services.contracts.scan(view.latest.id).content == b"\x89PNG second"
    assert raw_rows(services, "SELECT count(*) FROM document WHERE filename = 'contrat-signé.pdf'") == [(0,)]


# -------------------------------------------------------------------------------------------- amendments


def test_an_amendment_keeps_the_earlier_version_in_force_until_signed(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    view = signed(services, supported)
    v1 = view.latest
    v1_pdf = services.contracts.version_pdf(v1.id).content
    with pytest.raises(ValidationError):
        services.contracts.amend(
            view.id, note="", expected_version=current_version(services.contracts, "amend", view.id)
        )
    clock.today_value = D(2026, 12, 15)
    view = services.contracts.amend(
        view.id,
        note="Objectif revu au bilan des six mois",
        expected_version=current_version(services.contracts, "amend", view.id),
    )
    v2 = view.latest
    assert (v2.number, v2.status, view.in_force.id) == (2, ContractStatus.BROUILLON, v1.id)  # type: ignore[union-attr]
    assert view.status_label == "En vigueur · avenant n° 1 en préparation"
    with pytest.raises(ValidationError) as twice:
        services.contracts.amend(
            view.id, note="Encore", expected_version=current_version(services.contracts, "amend", view.id)
        )
    assert "déjà en préparation" in twice.value.errors["status"]
    content = v2.content()
    amended = replace(
        content,
        objectives=(
            ObjectiveLine("Payer le loyer et 50 € de dette par mois", Party.MENAGE, "droits_devoirs_locataire"),
        ),
    )
    view = services.contracts.update_draft(
        v2.id, amended, expected_version=current_version(services.contracts, "update_draft", v2.id)
    )
    view = services.contracts.send_for_signature(
        v2.id, expected_version=current_version(services.contracts, "send_for_signature", v2.id)
    )
    view = sign_all(services, view, D(2026, 12, 15))
    versions = {v.number: v for v in view.versions}
    assert (versions[1].status, versions[1].replaced_on) == (ContractStatus.REMPLACE, D(2026, 12, 15))
    assert versions[2].status is ContractStatus.EN_VIGUEUR
    # Version 1 is still viewable and printable, unchanged; version 2 says what it is.
    assert services.contracts.version_pdf(v1.id).content == v1_pdf
    assert HOUSING_OBJECTIVE in pdf_text(v1_pdf)
    v2_text = pdf_text(services.contracts.version_pdf(v2.id).content)
    assert "Version 2 du 15 décembre 2026" in v2_text
    assert "Avenant n° 1 à la version du 15 juin 2026" in v2_text
    assert "Payer le loyer et 50 € de dette par mois" in v2_text
    assert HOUSING_OBJECTIVE not in v2_text
    assert "Objectif revu au bilan des six mois" in v2_text


def test_discarding_drafts(services: Services, supported: Supported) -> None:
    view = signed(services, supported)
    view = services.contracts.amend(
        view.id, note="Essai", expected_version=current_version(services.contracts, "amend", view.id)
    )
    view = services.contracts.discard_draft(
        view.latest.id, expected_version=current_version(services.contracts, "discard_draft", view.latest.id)
    )  # type: ignore[assignment]
    assert [v.number for v in view.versions] == [1]
    first = draft(services, supported)
    assert (
        services.contracts.discard_draft(
            first.latest.id, expected_version=current_version(services.contracts, "discard_draft", first.latest.id)
        )
        is None
    )
    with pytest.raises(NotFoundError):
        services.contracts.contract(first.id)


def test_ending_a_contract(services: Services, supported: Supported, clock: FixedClock) -> None:
    unsigned = ready(services, supported)
    with pytest.raises(ValidationError) as never_signed:
        services.contracts.end_contract(
            unsigned.id,
            on=D(2026, 6, 15),
            status=ContractStatus.RESILIE,
            reason="x",
            expected_version=current_version(services.contracts, "end_contract", unsigned.id),
        )
    assert "supprimez le brouillon" in never_signed.value.errors["status"]
    view = signed(services, supported)
    clock.today_value = D(2026, 9, 1)
    with pytest.raises(ValidationError) as no_reason:
        services.contracts.end_contract(
            view.id,
            on=D(2026, 9, 1),
            status=ContractStatus.RESILIE,
            reason="",
            expected_version=current_version(services.contracts, "end_contract", view.id),
        )
    assert "reason" in no_reason.value.errors
    with pytest.raises(ValidationError) as too_early:
        services.contracts.end_contract(
            view.id,
            on=D(2026, 6, 1),
            status=ContractStatus.RESILIE,
            reason="Départ",
            expected_version=current_version(services.contracts, "end_contract", view.id),
        )
    assert "entrée en vigueur" in too_early.value.errors["on"]
    view = services.contracts.end_contract(
        view.id,
        on=D(2026, 9, 1),
        status=ContractStatus.RESILIE,
        reason="Relogement dans un autre département",
        expected_version=current_version(services.contracts, "end_contract", view.id),
    )
    assert (view.status, view.status_label, view.ended_on) == (ContractStatus.RESILIE, "Résilié", D(2026, 9, 1))
    with pytest.raises(ValidationError):
        services.contracts.amend(
            view.id, note="Trop tard", expected_version=current_version(services.contracts, "amend", view.id)
        )


def footer(pdf: bytes) -> str:
    """The notice printed at the foot of the last page (after it, only a draft's "PROJET" mark)."""
    lines = [line for line in pdf_text(pdf).split("\f")[-1].splitlines() if line.strip() not in ("", "PROJET")]
    return lines[-1]


def test_the_footer_says_what_the_sharing_clause_says(services: Services, supported: Supported) -> None:
    nothing = draft(services, supported)
    sharing = next(c for c in nothing.latest.clauses if c.code == "partage")
    assert "aucune information" in sharing.printed
    text = footer(services.contracts.version_pdf(nothing.latest.id).content)
    assert "avec l'accord du ménage" not in text
    assert "le ménage n'a autorisé aucune transmission d'informations" in text
    grant_all(services, supported)
    shared = draft(services, supported)
    assert "identité" in next(c for c in shared.latest.clauses if c.code == "partage").printed
    text = footer(services.contracts.version_pdf(shared.latest.id).content)
    assert text == "Document transmis au bailleur : informations limitées au logement, avec l'accord du ménage."


def test_a_contract_is_made_in_the_town_of_the_association_never_in_its_territory(
    services: Services, supported: Supported
) -> None:
    own = services.setup.own_organisation_id()
    assert own is not None

    def made_in() -> str:
        text = one_line(pdf_text(services.contracts.version_pdf(draft(services, supported).latest.id).content))
        return text[text.index("Fait ") :].split(",")[0]

    services.directory.update_organisation(
        own, OrganisationInput("Association Le Toit", "association", territory="Bretagne")
    )
    assert made_in() == "Fait à …………………………"  # to write by hand, not "Fait à Bretagne"
    services.directory.update_organisation(
        own,
        OrganisationInput(
            "Association Le Toit", "association", territory="Bretagne", address="3 rue Tal\n35000 Rennes"
        ),
    )
    assert made_in() == "Fait à Rennes"
    for town, made in (("72000 Le Mans", "Fait au Mans"), ("17000 La Rochelle", "Fait à La Rochelle")):
        services.directory.update_organisation(
            own, OrganisationInput("Association Le Toit", "association", address=f"1 place Tal\n{town}")
        )
        assert made_in() == made


def test_a_contract_that_is_not_for_the_landlord_does_not_say_it_is(
    services: Services, supported: Supported, landlord: OrganisationView
) -> None:
    grant_all(services, supported)
    minimal = draft(services, supported, "engagement_minimal")  # association and household only
    assert footer(services.contracts.version_pdf(minimal.latest.id).content) == "Document remis au ménage."
    framework = services.contracts.draft(DraftRequest("convention_cadre", landlord_id=landlord.id))
    text = footer(services.contracts.version_pdf(framework.latest.id).content)
    assert "ménage" not in text.replace("aucun ménage", "")  # no household, no household's agreement
    assert text == "Convention entre le bailleur et l'association : elle ne concerne aucun ménage en particulier."


# ------------------------------------------------------------------------------------------------ kinds


def test_a_maintenance_protocol_states_the_debt_and_the_sub_lease_term(
    services: Services, supported: Supported
) -> None:
    view = draft(services, supported, "protocole_maintien")
    version = view.latest
    assert (version.sublease_months, version.sublease_renewals) == (6, 1)  # AVDL: 6 months renewable once
    with pytest.raises(ValidationError) as no_debt:
        services.contracts.send_for_signature(
            version.id, expected_version=current_version(services.contracts, "send_for_signature", version.id)
        )
    assert set(no_debt.value.errors) >= {"debt", "instalment"}
    content = replace(
        version.content(),
        debt=Decimal("1250"),
        debt_as_of=D(2026, 5, 31),
        instalment=Decimal("52.10"),
        instalment_months=24,
    )
    view = services.contracts.update_draft(
        version.id, content, expected_version=current_version(services.contracts, "update_draft", version.id)
    )
    view = services.contracts.send_for_signature(
        version.id, expected_version=current_version(services.contracts, "send_for_signature", version.id)
    )
    pdf = services.contracts.version_pdf(version.id).content
    text = pdftotext(pdf)
    assert "PROTOCOLE TRIPARTITE DE MAINTIEN DANS LE LOGEMENT" in text
    flat = one_line(text)  # poppler turns no-break spaces into spaces
    assert "la dette locative s'élève à 1 250,00 €" in flat
    assert "24 mensualités de 52,10 €" in flat
    assert "pour 6 mois, renouvelable une fois" in flat
    # French formatting: a narrow no-break space between thousands (pdfium keeps the character).
    assert "1\u202f250,00" in pdf_text(pdf)


def test_a_maintenance_protocol_takes_the_debt_and_the_plan_from_the_debt_register(
    services: Services, supported: Supported
) -> None:
    from caseworker.services.prevention import DebtInput, PaymentInput, PlanInput

    landlord = supported.landlord.id
    arrears = services.debts.add_debt(
        supported.household_id, DebtInput(Decimal("1250.00"), D(2026, 3, 31), creditor_id=landlord)
    )
    plan = services.debts.add_plan(
        arrears.id, PlanInput(Decimal("52.10"), Decimal("180.00"), D(2026, 4, 1), 24, D(2026, 3, 31))
    )
    # April paid in full: the rent first, then 52,10 € off the debt.
    services.debts.record_payment(plan.id, PaymentInput(D(2026, 4, 1), Decimal("232.10"), D(2026, 4, 5)))
    # Not the landlord's, or not rent: a protocole with this landlord does not state them.
    services.debts.add_debt(supported.household_id, DebtInput(Decimal("340.00"), D(2026, 5, 1), creditor_name="EDF"))
    services.debts.add_debt(
        supported.household_id, DebtInput(Decimal("90.00"), D(2026, 5, 1), creditor_id=landlord, is_rent=False)
    )
    version = draft(services, supported, "protocole_maintien").latest
    assert (version.debt, version.debt_as_of) == (Decimal("1197.90"), D(2026, 6, 15))  # as of today
    # What is left, in instalments of the plan: 23 × 52,10 € covers the 1 197,90 € (22 would not).
    assert (version.instalment, version.instalment_months) == (Decimal("52.10"), 23)
    services.contracts.send_for_signature(
        version.id, expected_version=current_version(services.contracts, "send_for_signature", version.id)
    )  # nothing left to type before signing
    assert "la dette locative s'élève à 1 197,90 €" in one_line(
        pdftotext(services.contracts.version_pdf(version.id).content)
    )


def test_a_maintenance_protocol_without_a_recorded_debt_leaves_it_to_be_typed(
    services: Services, supported: Supported
) -> None:
    from caseworker.services.prevention import DebtInput

    settled = services.debts.add_debt(
        supported.household_id, DebtInput(Decimal("400.00"), D(2026, 1, 31), creditor_id=supported.landlord.id)
    )
    services.debts.settle(settled.id, D(2026, 5, 1))
    version = draft(services, supported, "protocole_maintien").latest
    assert (version.debt, version.debt_as_of, version.instalment, version.instalment_months) == (None, None, None, None)


def test_a_maintenance_protocol_with_two_rent_debts_leaves_the_instalments_to_agree(
    services: Services, supported: Supported
) -> None:
    from caseworker.services.prevention import DebtInput, PlanInput

    landlord = supported.landlord.id
    first = services.debts.add_debt(
        supported.household_id, DebtInput(Decimal("1000.00"), D(2026, 1, 31), creditor_id=landlord)
    )
    services.debts.add_plan(first.id, PlanInput(Decimal("50.00"), Decimal("180.00"), D(2026, 2, 1), 20, D(2026, 1, 31)))
    services.debts.add_debt(supported.household_id, DebtInput(Decimal("600.00"), D(2026, 5, 31), creditor_id=landlord))
    version = draft(services, supported, "protocole_maintien").latest
    assert version.debt == Decimal("1600.00")  # everything owed to this landlord
    assert (version.instalment, version.instalment_months) == (None, None)  # not a plan that covers both


def test_a_minimal_commitment_is_open_ended(services: Services, supported: Supported) -> None:
    view = draft(services, supported, "engagement_minimal")
    version = view.latest
    assert (version.ends_on, version.term_label) == (None, "durée non déterminée")
    assert [s.party for s in version.signatories] == [
        Party.ASSOCIATION,
        Party.MENAGE,
        Party.MENAGE,
    ]
    content = replace(version.content(), commitments=(CommitmentLine(Party.MENAGE, "Rester en lien"),))
    view = services.contracts.update_draft(
        version.id, content, expected_version=current_version(services.contracts, "update_draft", version.id)
    )
    with pytest.raises(ValidationError) as not_a_party:
        services.contracts.update_draft(
            version.id,
            replace(content, commitments=(CommitmentLine(Party.BAILLEUR, "Relouer"),)),
            expected_version=current_version(services.contracts, "update_draft", version.id),
        )
    assert "Engagement 1 : le bailleur n'est pas partie" in not_a_party.value.errors["commitments"]
    view = services.contracts.send_for_signature(
        version.id, expected_version=current_version(services.contracts, "send_for_signature", version.id)
    )
    text = pdf_text(services.contracts.version_pdf(version.id).content)
    assert "Sa durée n'est pas déterminée" in text
    assert "Rester en lien" in text
    assert "Pour le bailleur" not in text


def test_a_pre_allocation_attestation(services: Services, supported: Supported) -> None:
    view = draft(services, supported, "attestation_accord")
    view = services.contracts.send_for_signature(
        view.latest.id, expected_version=current_version(services.contracts, "send_for_signature", view.latest.id)
    )
    text = one_line(pdf_text(services.contracts.version_pdf(view.latest.id).content))
    assert "ATTESTATION D'ACCORD DE PRINCIPE DE MESURE D'ACCOMPAGNEMENT" in text
    assert "AVDL (accompagnement vers et dans le logement)" in text
    assert "le référent coordinateur sera Claire MARTIN" in text
    assert "L'accompagnement débutera le 15 juin 2026" in text
    assert "Pour l'association" in text and "Pour le ménage" in text


def test_a_framework_agreement_has_its_sections_and_alert_deadlines(
    services: Services, landlord: OrganisationView, supported: Supported
) -> None:
    with pytest.raises(ValidationError):
        services.contracts.draft(DraftRequest("convention_cadre", supported.household_id, landlord.id))
    view = services.contracts.draft(DraftRequest("convention_cadre", landlord_id=landlord.id))
    assert view.household_id is None
    version = view.latest
    impaye = next(rule for rule in version.alert_rules if rule.alert_type_code == "impaye")
    assert (impaye.acknowledge_days, impaye.action_days) == (1, 3)
    with pytest.raises(ValidationError) as incomplete:
        services.contracts.send_for_signature(
            version.id, expected_version=current_version(services.contracts, "send_for_signature", version.id)
        )
    assert "nombre de ménages" in incomplete.value.errors["clauses"]
    assert "target_households" in incomplete.value.errors
    content = version.content()
    for code, body in (
        ("public", "Ménages sortant de la rue ou menacés d'expulsion."),
        ("modalites", "Visites à domicile, niveaux renforcé à veille."),
        ("financement", "L'association est financée par la DDETS ; le bailleur met à disposition 10 logements."),
        ("referents", "Pour le bailleur : Sophie MOREL ; pour l'association : Claire MARTIN."),
    ):
        content = with_clause(content, code, body)
    rules = tuple(
        replace(rule, acknowledge_days=2) if rule.alert_type_code == "impaye" else rule for rule in content.alert_rules
    )
    view = services.contracts.update_draft(
        version.id,
        replace(content, target_households=15, alert_rules=rules),
        expected_version=current_version(services.contracts, "update_draft", version.id),
    )
    view = services.contracts.send_for_signature(
        version.id, expected_version=current_version(services.contracts, "send_for_signature", version.id)
    )
    text = pdftotext(services.contracts.version_pdf(version.id).content)
    assert "CONVENTION CADRE BAILLEUR / ASSOCIATION" in text
    assert "accompagner 15 ménages" in one_line(text)
    assert "Impayé de loyer" in text and "2 jours ouvrés" in text
    assert "Pour le ménage" not in text


# ----------------------------------------------------------------------------------------- exports, lists


def test_printing_a_signed_contract_is_a_disclosure_to_the_landlord(services: Services, supported: Supported) -> None:
    grant_all(services, supported)
    view = ready(services, supported)
    services.contracts.record_export(view.latest.id, channel="print")
    assert row_count(services, "disclosure") == 0  # a draft printed to read it with the household
    view = signed(services, supported)
    services.contracts.record_export(view.latest.id, channel="file")
    [disclosure] = services.liaison_sheets.disclosures_for(supported.household_id)
    assert (disclosure.recipient_name, disclosure.document_kind, disclosure.channel) == (
        "Habitat 35",
        "contrat_objectifs",
        "fichier",
    )
    assert disclosure.document_reference == f"{view.reference} v1"
    assert len(disclosure.consent_ids) == 2
    exports = raw_rows(
        services,
        "SELECT entity_type, count(*) FROM audit_event WHERE action = 'EXPORT' GROUP BY entity_type ORDER BY 1",
    )
    # Both prints, and the disclosure written through the one writer of the log (like every other document).
    assert exports == [("contract_version", 2), ("disclosure", 1)]


def test_the_contract_list_filters(
    services: Services, supported: Supported, landlord: OrganisationView, clock: FixedClock
) -> None:
    other = services.directory.create_organisation(OrganisationInput("Néotoa", "bailleur_social"))
    signed(services, supported)
    minimal = draft(services, supported, "engagement_minimal")
    services.contracts.update_draft(
        minimal.latest.id,
        replace(minimal.latest.content(), reviews=(ReviewLine(D(2026, 12, 1), "Point"),)),
        expected_version=current_version(services.contracts, "update_draft", minimal.latest.id),
    )
    convention = services.contracts.draft(DraftRequest("convention_cadre", landlord_id=other.id))
    services.contracts.update_draft(
        convention.latest.id,
        replace(convention.latest.content(), reviews=()),
        expected_version=current_version(services.contracts, "update_draft", convention.latest.id),
    )
    everything = services.contracts.list_contracts(ContractFilter())
    assert len(everything) == 3
    assert [
        row.kind_code for row in services.contracts.list_contracts(ContractFilter(kind_code="convention_cadre"))
    ] == ["convention_cadre"]
    in_force = services.contracts.list_contracts(ContractFilter(status=ContractStatus.EN_VIGUEUR))
    assert [row.household_name for row in in_force] == ["ÇELIK Hélène"]
    assert [row.landlord_name for row in services.contracts.list_contracts(ContractFilter(landlord_id=other.id))] == [
        "Néotoa"
    ]
    # The entry review of the signed contract (15 July) is within 30 days; the others are not.
    due = services.contracts.list_contracts(ContractFilter(reviews_due=True))
    assert [(row.kind_code, row.next_review_on) for row in due] == [("contrat_objectifs", D(2026, 7, 15))]
    clock.today_value = D(2026, 11, 15)
    due = services.contracts.list_contracts(ContractFilter(reviews_due=True))
    assert {(row.kind_code, row.next_review_on) for row in due} == {
        ("contrat_objectifs", D(2026, 12, 14)),
        ("engagement_minimal", D(2026, 12, 1)),
    }
    assert len(services.contracts.contracts_for(supported.household_id)) == 2


def test_every_step_is_audited(services: Services, supported: Supported) -> None:
    view = signed(services, supported)
    services.contracts.amend(
        view.id, note="Avenant", expected_version=current_version(services.contracts, "amend", view.id)
    )
    rows = raw_rows(
        services,
        "SELECT action, entity_type FROM audit_event WHERE entity_type LIKE 'contract%' ORDER BY id",
    )
    assert rows[0] == ("CREATE", "contract")
    assert ("UPDATE", "contract_signatory") in rows
    assert rows[-1] == ("CREATE", "contract_version")
    assert all(row[0] != "VIEW" for row in rows)


def test_a_volunteer_reads_a_contract_without_the_consents(services: Services, supported: Supported, act_as) -> None:  # type: ignore[no-untyped-def]
    """A volunteer never reads consents (docs/domain.md §2): the sharing clause of the draft they read names none, and
    does not say there are none."""
    grant_all(services, supported, categories=("identite", "situation_logement"))
    view = draft(services, supported)
    own = services.setup.own_organisation_id()
    volunteer = services.directory.create_staff(StaffInput("Jean", "Blanc", "benevole", own)).id
    services.team.add_member(
        supported.household_id, TeamMemberInput("autre", D(2026, 6, 15), staff_member_id=volunteer)
    )
    act_as(services, volunteer)
    partage = next(c for c in services.contracts.contract(view.id).latest.clauses if c.code == "partage")
    assert "que votre fonction ne permet pas de consulter" in partage.printed  # not "aucune": that would be untrue
    assert "Hélène ÇELIK" not in partage.printed
    # Its document says which consents let the landlord receive what: not theirs to print, save or send.
    version = services.contracts.contract(view.id).latest
    for attempt in (
        lambda: services.contracts.version_pdf(version.id),
        lambda: services.contracts.record_export(version.id, channel="print"),
        lambda: services.contracts.scan(version.id),
        lambda: services.contracts.send_for_signature(
            version.id, expected_version=services.contracts.contract(view.id).row_version
        ),
    ):
        with pytest.raises(TransitionError, match="que votre fonction ne permet pas de consulter"):
            attempt()
