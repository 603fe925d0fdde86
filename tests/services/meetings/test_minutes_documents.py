"""The minutes' PDFs: the internal minutes (F36), and the partner copy — C0/C1 only, checked against each adult's
consent, written to the disclosure log; random health, justice and social text never reaches it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseworker.domain import NoteClass, ReviewKind
from caseworker.domain.debrief import AgendaItemKind, GlissementOutcome
from caseworker.services import Services
from caseworker.services.directory import OrganisationView, StaffInput
from caseworker.services.errors import ValidationError
from caseworker.services.meetings import (
    AttendeeInput,
    GlissementDecision,
    IntensityDecision,
    ItemMinutes,
    MeetingView,
    MinutesInput,
    StepDecision,
)
from caseworker.services.meetings.glissement import GlissementReviewInput
from caseworker.services.sharing import ConsentInput, ConsentMissingError
from caseworker.services.support import TeamMemberInput
from tests.services.builders import TODAY, raw_rows, row_count
from tests.services.conftest import ActAs
from tests.services.contract_builders import ALL_CATEGORIES, Supported, grant_all, supported_household
from tests.services.meetings.builders import planned, with_item
from tests.support import pdf_text

D = date


def one_line(value: str) -> str:
    return re.sub(r"[ \n\f\r]+", " ", value)


def held_cosi(
    services: Services,
    supported: Supported,
    *,
    note: str = "Dette soldée",
    view: str = "Nous sommes prêts",
    health: str = "",
) -> MeetingView:
    """A COSI held with the household present: a step validated, a change of intensity, the glissement accepted."""
    review = services.meetings.open_glissement_review(
        supported.household_id,
        GlissementReviewInput(TODAY, regular_payment=True, debt_settled=True, household_wish=True, insurance=True),
    )
    meeting = planned(services)
    meeting = with_item(
        services, meeting, supported.household_id, episode_id=supported.episode_id, kind=AgendaItemKind.REVIEW
    )
    meeting = with_item(
        services, meeting, supported.household_id, kind=AgendaItemKind.GLISSEMENT, glissement_review_id=review.id
    )
    review_item, glissement_item = meeting.items
    result = services.meetings.record_minutes(
        meeting.id,
        MinutesInput(
            attendees=(
                *(AttendeeInput(item.name, item.capacity, True, item.id) for item in meeting.attendees),
                AttendeeInput("Nadia Garnier", "DDETS", present=False),
                AttendeeInput("Hélène ÇELIK", "Ménage", True, person_id=supported.adults[0]),
            ),
            items=(
                ItemMinutes(
                    review_item.id,
                    household_present=True,
                    household_view=view,
                    note=note,
                    note_class=NoteClass.REFERENTS,
                    decisions=(
                        StepDecision(ReviewKind.START, D(2025, 10, 1)),
                        IntensityDecision("standard", f"Va mieux {health}"),
                    ),
                    episode_version=review_item.episode_version,
                ),
                ItemMinutes(
                    glissement_item.id,
                    household_present=True,
                    decisions=(GlissementDecision(GlissementOutcome.ACCEPTED, review.row_version),),
                ),
            ),
            general_note=f"Organisation des astreintes {health}",
        ),
        expected_version=meeting.row_version,
    )
    return result.meeting


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


def test_the_internal_minutes_hold_attendance_views_notes_and_decisions(
    services: Services, supported: Supported
) -> None:
    meeting = held_cosi(services, supported)
    pdf = services.meetings.internal_minutes(meeting.id)
    content = one_line(pdf_text(pdf.content))
    for expected in (
        "COMPTE RENDU DE RÉUNION",
        "COSI (comité de suivi) du 15/06/2026, Salle du conseil, Rennes",
        "Nadia Garnier DDETS excusé",
        "Ménage présent : oui",
        "Parole du ménage : Nous sommes prêts",
        "Note (référents) : Dette soldée",
        "Décision — Étape validée : Bilan d'entrée validé.",
        "Décision — Glissement accepté : Glissement du bail accepté : bail direct au nom du ménage à partir du "
        "15/06/2026.",
        "Document interne",
    ):
        assert expected in content, expected
    assert pdf.filename == f"Compte rendu CR-{meeting.id:06d}-20260615.pdf"
    assert raw_rows(services, "SELECT action FROM audit_event WHERE entity_type = 'meeting' AND action = 'EXPORT'")


def test_without_consent_the_partner_copy_names_no_household(services: Services, supported: Supported) -> None:
    meeting = held_cosi(services, supported)
    copy = services.meetings.partner_copy(meeting.id, supported.landlord.id)
    content = one_line(pdf_text(copy.pdf.content))
    assert "Copie partenaire — Habitat 35" in content
    assert (
        "2 situations de ménages ont également été examinées ; faute d'accord écrit de chaque adulte pour " in content
    )
    for secret in ("ÇELIK", "Benali", "Hélène", "Glissement", "Dette soldée", "Nous sommes prêts"):
        assert secret.lower() not in content.lower(), secret
    assert "Nadia Garnier DDETS excusé" in content  # the professionals (C0)
    services.meetings.record_partner_copy_sent(copy, channel="courrier")
    assert raw_rows(services, "SELECT household_id, legal_basis, document_kind FROM disclosure") == [
        (None, "C0", "compte_rendu_reunion")
    ]


def test_with_consent_the_partner_copy_holds_c0_and_the_consented_c1_only(
    services: Services, supported: Supported
) -> None:
    grant_all(services, supported)
    meeting = held_cosi(services, supported)
    copy = services.meetings.partner_copy(meeting.id, supported.landlord.id, recipient_contact_id=supported.contact_id)
    content = one_line(pdf_text(copy.pdf.content))
    for expected in (
        "Ménage Hélène ÇELIK, Karim BENALI",
        "Ménage présent : oui",
        "Décision — Étape validée : Bilan d'entrée validé.",
        "Décision — Glissement accepté",
    ):
        assert expected in content, expected
    for absent in ("Intensité", "Standard", "Dette soldée", "Nous sommes prêts", "astreintes", "Léo"):
        assert absent not in content, absent
    assert "Hélène ÇELIK Ménage" not in content  # the household's members are not in the attendance list
    disclosures = services.meetings.record_partner_copy_sent(copy, channel="courrier")
    assert [(item.document_label, item.categories) for item in disclosures] == [
        ("Compte rendu de réunion (copie partenaire)", ()),
        ("Compte rendu de réunion (copie partenaire)", ("Identité", "Situation de logement")),
    ]
    assert disclosures[1].consent_ids
    assert row_count(services, "disclosure") == 2


def test_a_consent_withdrawn_before_sending_blocks_the_partner_copy(services: Services, supported: Supported) -> None:
    grant_all(services, supported)
    meeting = held_cosi(services, supported)
    copy = services.meetings.partner_copy(meeting.id, supported.landlord.id)
    first, _second = supported.adults
    services.consents.record_refused(
        supported.household_id,
        ConsentInput(first, supported.landlord.id, ALL_CATEGORIES, "Compte rendu"),
        refused_on=TODAY,
    )
    with pytest.raises(ConsentMissingError, match="Compte rendu \\(copie partenaire\\) — Habitat 35"):
        services.meetings.record_partner_copy_sent(copy, channel="courrier")
    assert row_count(services, "disclosure") == 0
    with pytest.raises(ValidationError, match="transmis"):
        services.meetings.record_partner_copy_sent(copy, channel="pigeon")


def test_a_volunteer_prepares_no_partner_copy(services: Services, supported: Supported, act_as: ActAs) -> None:
    meeting = held_cosi(services, supported)
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    volunteer = services.directory.create_staff(
        StaffInput(first_name="Luc", last_name="Morin", role_code="benevole", organisation_id=own.id)
    )
    act_as(services, volunteer.id)
    with pytest.raises(Exception, match="consentements"):
        services.meetings.partner_copy(meeting.id, supported.landlord.id)


# Canaries that cannot appear by chance in a generated document.
canary = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=12).map(lambda tail: f"Qx{tail}")


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(health=canary, social=canary, view=canary)
def test_no_note_view_or_assessment_ever_reaches_a_partner_copy(
    services: Services, landlord: OrganisationView, health: str, social: str, view: str
) -> None:
    """F36: whatever the consents, the partner copy holds no note, no household's view, no assessment."""
    supported = supported_household(services, landlord)
    grant_all(services, supported)
    meeting = held_cosi(services, supported, note=f"Suivi {social}", view=f"Avis {view}", health=health)
    content = pdf_text(services.meetings.partner_copy(meeting.id, landlord.id).pdf.content)
    for secret in (health, social, view):
        assert secret not in content
    internal = pdf_text(services.meetings.internal_minutes(meeting.id).content)
    assert social in internal and view in internal  # the canaries were in the minutes


def test_a_health_note_stays_out_of_the_partner_copy_and_of_other_readers_minutes(
    services: Services, supported: Supported, act_as: ActAs
) -> None:
    """F36: the nurse's health-class note is in the nurse's minutes only, never in a partner copy."""
    grant_all(services, supported)
    claire = services.context.actor.staff_member_id
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    nurse = services.directory.create_staff(
        StaffInput(first_name="Inès", last_name="Roux", role_code="infirmier", organisation_id=own.id)
    ).id
    services.team.add_member(
        supported.household_id,
        TeamMemberInput(role_code="referent_sante", start_date=D(2026, 1, 1), staff_member_id=nurse),
    )
    meeting = with_item(services, planned(services), supported.household_id, episode_id=supported.episode_id)
    act_as(services, nurse)
    services.meetings.record_minutes(
        meeting.id,
        MinutesInput(
            items=(
                ItemMinutes(
                    meeting.items[0].id, household_present=True, note="Traitement au CMP", note_class=NoteClass.SANTE
                ),
            )
        ),
        expected_version=meeting.row_version,
    )
    assert "Note (santé) : Traitement au CMP" in one_line(
        pdf_text(services.meetings.internal_minutes(meeting.id).content)
    )
    act_as(services, claire)  # the coordinator
    mine = one_line(pdf_text(services.meetings.internal_minutes(meeting.id).content))
    assert "Note (santé) : masquée pour la personne qui a établi ce document." in mine
    assert "CMP" not in mine
    partner = pdf_text(services.meetings.partner_copy(meeting.id, supported.landlord.id).pdf.content)
    assert "CMP" not in partner and "santé" not in partner
