"""The minutes and their typed decisions: each changes its record in the same transaction and links to it; one
refusal saves nothing. Every test runs on both backends (the ``services`` fixture)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from caseworker.domain import (
    AlertActionKind,
    AlertChannel,
    AlertStatus,
    EpisodeStatus,
    NoteClass,
    ObjectivesMet,
    ReviewKind,
)
from caseworker.domain.debrief import AgendaItemKind, DecisionKind, GlissementOutcome, MeetingStatus
from caseworker.services import Services
from caseworker.services.alerts import ActionInput, AlertInput
from caseworker.services.directory import OrganisationView, StaffInput
from caseworker.services.errors import ConcurrentChangeError, TransitionError, ValidationError
from caseworker.services.meetings import (
    EscalationDecision,
    ExitDecision,
    ExtensionDecision,
    GlissementDecision,
    IntensityDecision,
    ItemMinutes,
    MinutesInput,
    OrientationDecision,
    StepDecision,
)
from caseworker.services.meetings.glissement import GlissementReviewInput
from caseworker.services.support import ExitInput, OrientationInput, TeamMemberInput
from tests.services.builders import TODAY, new_household, raw_rows, row_count
from tests.services.conftest import ActAs
from tests.services.contract_builders import Supported, supported_household
from tests.services.meetings.builders import decide, item_of, planned, with_item
from tests.services.support.test_episodes import active_episode, team_lead, with_coordinator
from tests.support import pdf_text
from tests.support.row_versions import current_version

D = date


def colleague(services: Services, role: str = "travailleur_social", first: str = "Paul") -> int:
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    return services.directory.create_staff(
        StaffInput(first_name=first, last_name="Roux", role_code=role, organisation_id=own.id)
    ).id


# ------------------------------------------------------------------------------------------- F58: extension


def test_an_extension_in_cosi_moves_the_planned_end_and_links_the_minute(services: Services, act_as: ActAs) -> None:
    household_id, episode_id = active_episode(services, "logements_accompagnes", start=D(2025, 1, 1))
    lead = team_lead(services)
    meeting = with_item(services, planned(services), household_id, episode_id=episode_id, kind=AgendaItemKind.EXTENSION)
    before = services.episodes.episode(episode_id).durations.planned_end
    act_as(services, lead.id)  # the team lead approves, logged in (docs/domain.md §3.1)
    result = decide(
        services,
        meeting,
        item_of(meeting, household_id),
        ExtensionDecision("Relogement en cours, bail signé en septembre", months=6),
        household_present=True,
        household_view="Nous voulons encore six mois pour nous installer.",
    )
    episode = services.episodes.episode(episode_id)
    assert (before, episode.durations.planned_end) == (D(2026, 12, 31), D(2027, 6, 30))
    assert episode.extensions[0].decided_where == "COSI (comité de suivi) du 15/06/2026"
    decision = result.meeting.items[0].decisions[0]
    assert decision.kind is DecisionKind.EXTENSION and decision.kind_label == "Prolongation"
    assert decision.summary == "Prolongation de 6 mois : fin prévue le 30/06/2027"
    assert result.meeting.status is MeetingStatus.HELD
    linked = services.meetings.decision_for(extension_id=decision.extension_id)
    assert linked is not None and linked.origin == "décidée en COSI (comité de suivi) du 15/06/2026"
    assert [item.id for item in services.meetings.decisions_for_episode(episode_id)] == [decision.id]
    assert raw_rows(services, "SELECT count(*) FROM audit_event WHERE entity_type = 'extension'") == [(1,)]


def test_an_extension_not_approved_by_the_team_lead_saves_nothing_of_the_minutes(services: Services) -> None:
    household_id, episode_id = active_episode(services, "logements_accompagnes", start=D(2025, 1, 1))
    meeting = with_item(services, planned(services), household_id, episode_id=episode_id)
    with pytest.raises(ValidationError) as refused:
        decide(
            services,
            meeting,
            item_of(meeting, household_id),
            IntensityDecision("standard", "Le ménage va mieux"),
            ExtensionDecision("Relogement en cours", months=6),
            household_present=True,
            note="Situation stable",
        )
    assert refused.value.errors == {
        "items.0.decisions.1.approver_id": "Seul·e un·e chef·fe de service peut approuver une prolongation."
    }
    episode = services.episodes.episode(episode_id)
    assert (episode.extensions, len(episode.intensity)) == ((), 1)  # the intensity change rolled back too
    after = services.meetings.meeting(meeting.id)
    assert (after.status, after.items[0].note, after.items[0].household_present) == (MeetingStatus.PLANNED, "", None)
    assert row_count(services, "meeting_decision") == 0
    assert after.row_version == meeting.row_version


# ------------------------------------------------------------------------------------------- intensity, step, exit


def test_intensity_step_and_exit_change_the_episode(services: Services) -> None:
    household_id, episode_id = active_episode(services, start=D(2026, 1, 5))
    meeting = with_item(services, planned(services), household_id, episode_id=episode_id, kind=AgendaItemKind.REVIEW)
    result = decide(
        services,
        meeting,
        item_of(meeting, household_id),
        IntensityDecision("standard", "Objectifs atteints pour l'essentiel"),
        StepDecision(ReviewKind.MID, D(2026, 4, 5), "Bilan partagé avec le ménage"),
        ExitDecision(
            ExitInput(
                end_date=TODAY,
                reason_code="logement_autonome",
                objectives_met=ObjectivesMet.OUI,
                waiver_reason="Le ménage n'a plus besoin d'accompagnement",
            )
        ),
    )
    kinds = [(item.kind, item.summary) for item in result.meeting.items[0].decisions]
    assert kinds == [
        (DecisionKind.INTENSITY_CHANGE, "Intensité « Standard / droit commun » à partir du 15/06/2026"),
        (DecisionKind.STEP_VALIDATED, "Bilan intermédiaire validé"),
        (DecisionKind.EXIT, "Sortie du dispositif validée au 15/06/2026"),
    ]
    episode = services.episodes.episode(episode_id)
    assert episode.status is EpisodeStatus.CLOTURE
    assert episode.current_intensity is None  # closed with the episode
    intensity, step, exit_ = result.meeting.items[0].decisions
    assert intensity.intensity_period_id == episode.intensity[-1].id
    closing = raw_rows(
        services, "SELECT id FROM episode_transition WHERE episode_id = :id AND to_status = 'CLOTURE'", id=episode_id
    )
    assert step.review_id is not None and [(exit_.transition_id,)] == closing
    assert services.meetings.decision_for(transition_id=exit_.transition_id) == exit_


def test_a_stale_episode_version_refuses_the_minutes(services: Services) -> None:
    household_id, episode_id = active_episode(services, start=D(2026, 1, 5))
    meeting = with_item(services, planned(services), household_id, episode_id=episode_id)
    item = item_of(meeting, household_id)
    services.episodes.record_review(  # a colleague changes the episode meanwhile
        episode_id,
        kind=ReviewKind.START,
        due_on=D(2026, 2, 5),
        held_on=D(2026, 2, 5),
        expected_version=current_version(services.episodes, "record_review", episode_id),
    )
    with pytest.raises(ConcurrentChangeError):
        decide(services, meeting, item, IntensityDecision("standard"))
    assert services.meetings.meeting(meeting.id).status is MeetingStatus.PLANNED


# ------------------------------------------------------------------------------------------- admission commission


def test_the_admission_commission_agrees_or_declines(services: Services) -> None:
    accepted = new_household(services, "Anne", "Durand")
    refused = new_household(services, "Bruno", "Petit")
    episodes = {}
    for household in (accepted, refused):
        with_coordinator(services, household.id)
        episodes[household.id] = services.episodes.open_episode(
            household.id, OrientationInput(measure_code="avdl", orientation_date=D(2026, 5, 2))
        ).id
    meeting = planned(services, "commission_admission")
    for household in (accepted, refused):
        meeting = with_item(
            services, meeting, household.id, episode_id=episodes[household.id], kind=AgendaItemKind.ADMISSION
        )
    result = services.meetings.record_minutes(
        meeting.id,
        MinutesInput(
            items=(
                ItemMinutes(
                    item_of(meeting, accepted.id).id,
                    decisions=(OrientationDecision(True),),
                    episode_version=item_of(meeting, accepted.id).episode_version,
                ),
                ItemMinutes(
                    item_of(meeting, refused.id).id,
                    decisions=(OrientationDecision(False, "refus_commission"),),
                    episode_version=item_of(meeting, refused.id).episode_version,
                ),
            )
        ),
        expected_version=meeting.row_version,
    )
    assert services.episodes.episode(episodes[accepted.id]).status is EpisodeStatus.ACCORD_DE_PRINCIPE
    assert services.episodes.episode(episodes[refused.id]).status is EpisodeStatus.SANS_SUITE
    summaries = [item.decisions[0].summary for item in result.meeting.items]
    assert summaries == ["Accord de principe pour l'admission", "Orientation sans suite"]
    assert [item.decisions[0].kind for item in result.meeting.items] == [
        DecisionKind.ORIENTATION_ACCEPTED,
        DecisionKind.ORIENTATION_REFUSED,
    ]


def test_a_refusal_without_its_reason_is_refused(services: Services) -> None:
    household = new_household(services)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=D(2026, 5, 2))
    )
    meeting = with_item(services, planned(services, "commission_admission"), household.id, episode_id=episode.id)
    with pytest.raises(ValidationError) as refused:
        decide(services, meeting, meeting.items[0], OrientationDecision(False, "inconnu"))
    assert "Motif" in refused.value.errors["items.0.decisions.0.reason_code"]
    assert services.episodes.episode(episode.id).status is EpisodeStatus.ORIENTATION_RECUE


# ------------------------------------------------------------------------------------------- escalation


def test_an_escalation_moves_the_alert(services: Services, landlord: OrganisationView) -> None:
    household_id, episode_id = active_episode(services, start=D(2026, 1, 5))
    alert = services.alerts.create(
        AlertInput(
            "impaye", household_id, landlord.id, datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc), AlertChannel.COURRIER
        )
    )
    services.alerts.acknowledge(alert.id, expected_version=current_version(services.alerts, "acknowledge", alert.id))
    services.alerts.add_action(  # the team is on it: the alert is "en traitement"
        alert.id,
        ActionInput(AlertActionKind.APPEL, datetime(2026, 6, 2, 9, 0, tzinfo=timezone.utc)),
        expected_version=current_version(services.alerts, "add_action", alert.id),
    )
    meeting = with_item(services, planned(services), household_id, episode_id=episode_id)
    result = decide(
        services,
        meeting,
        meeting.items[0],
        EscalationDecision(
            alert.id,
            current_version(services.alerts, "escalate", alert.id),
            "N2",
            "Commission de prévention des expulsions",
        ),
    )
    escalated = services.alerts.alert(alert.id)
    assert escalated.status is AlertStatus.ESCALADE
    decision = result.meeting.items[0].decisions[0]
    assert decision.alert_id == alert.id
    assert decision.summary == "Escalade de l'alerte (N2) : Commission de prévention des expulsions"


# ------------------------------------------------------------------------------------------- glissement (F51)


@pytest.fixture
def glissement(services: Services, landlord: OrganisationView) -> tuple[Supported, int]:
    supported = supported_household(services, landlord)
    review = services.meetings.open_glissement_review(
        supported.household_id,
        GlissementReviewInput(TODAY, regular_payment=True, debt_settled=True, household_wish=True, insurance=True),
    )
    assert review.criteria_met
    return supported, review.id


def _glissement_meeting(services: Services, supported: Supported, review_id: int):  # type: ignore[no-untyped-def]
    return with_item(
        services,
        planned(services),
        supported.household_id,
        kind=AgendaItemKind.GLISSEMENT,
        glissement_review_id=review_id,
    )


def test_an_accepted_glissement_opens_the_direct_lease_on_the_same_dwelling(
    services: Services, glissement: tuple[Supported, int]
) -> None:
    supported, review_id = glissement
    meeting = _glissement_meeting(services, supported, review_id)
    version = services.meetings.glissement_reviews_for(supported.household_id)[0].row_version
    result = decide(services, meeting, meeting.items[0], GlissementDecision(GlissementOutcome.ACCEPTED, version))
    timeline = services.occupancy.timeline(supported.household_id)
    sub_lease, direct = timeline[-2], timeline[-1]
    assert (sub_lease.status_code, sub_lease.end_date) == ("sous_locataire", D(2026, 6, 14))
    assert (direct.status_code, direct.start_date, direct.reason_code) == ("locataire_titre", TODAY, "glissement")
    assert direct.dwelling is not None and direct.dwelling.id == supported.dwelling_id
    review = services.meetings.glissement_reviews_for(supported.household_id)[0]
    assert (review.outcome, review.new_occupancy_id, review.decided_on) == (
        GlissementOutcome.ACCEPTED,
        direct.id,
        TODAY,
    )
    assert result.meeting.items[0].decisions[0].glissement_review_id == review_id
    # AVDL's planned end is past (28/02/2026): support ends within three months of the glissement.
    assert any("moins de trois mois après le glissement" in warning for warning in result.warnings)
    assert any("aide au logement" in warning for warning in result.warnings)


def test_a_postponed_glissement_needs_its_new_date(services: Services, glissement: tuple[Supported, int]) -> None:
    supported, review_id = glissement
    meeting = _glissement_meeting(services, supported, review_id)
    version = services.meetings.glissement_reviews_for(supported.household_id)[0].row_version
    with pytest.raises(ValidationError) as refused:
        decide(services, meeting, meeting.items[0], GlissementDecision(GlissementOutcome.POSTPONED, version))
    assert refused.value.errors == {
        "items.0.decisions.0.postponed_to": "Glissement reporté : indiquez la nouvelle date prévue."
    }
    assert services.meetings.glissement_reviews_for(supported.household_id)[0].outcome is None
    result = decide(
        services,
        meeting,
        meeting.items[0],
        GlissementDecision(GlissementOutcome.POSTPONED, version, postponed_to=D(2026, 12, 1)),
    )
    assert result.meeting.items[0].decisions[0].summary == "Glissement du bail reporté au 01/12/2026"
    assert services.occupancy.timeline(supported.household_id)[-1].status_code == "sous_locataire"
    review = services.meetings.glissement_reviews_for(supported.household_id)[0]
    assert (review.outcome, review.postponed_to) == (GlissementOutcome.POSTPONED, D(2026, 12, 1))


def test_a_refused_glissement_is_final(services: Services, glissement: tuple[Supported, int]) -> None:
    supported, review_id = glissement
    meeting = _glissement_meeting(services, supported, review_id)
    version = services.meetings.glissement_reviews_for(supported.household_id)[0].row_version
    result = decide(services, meeting, meeting.items[0], GlissementDecision(GlissementOutcome.REFUSED, version))
    assert result.meeting.items[0].decisions[0].kind is DecisionKind.GLISSEMENT_REFUSED
    review = services.meetings.glissement_reviews_for(supported.household_id)[0]
    with pytest.raises(TransitionError, match="déjà été décidé"):
        services.meetings.update_glissement_review(
            review_id, GlissementReviewInput(TODAY), expected_version=review.row_version
        )


def test_a_glissement_review_starts_from_a_bail_glissant(services: Services) -> None:
    household_id, _ = active_episode(services)
    with pytest.raises(ValidationError, match="bail glissant"):
        services.meetings.open_glissement_review(household_id, GlissementReviewInput(TODAY))


# ------------------------------------------------------------------------------------------- notes, visibility


def test_a_note_is_written_only_in_a_class_its_writer_reads(services: Services, act_as: ActAs) -> None:
    household_id, episode_id = active_episode(services)
    claire = services.context.actor.staff_member_id
    lead = team_lead(services).id  # sees every household, reads no health note
    nurse = colleague(services, "infirmier", "Inès")
    services.team.add_member(
        household_id, TeamMemberInput(role_code="referent_sante", start_date=D(2026, 1, 1), staff_member_id=nurse)
    )
    meeting = with_item(services, planned(services), household_id, episode_id=episode_id)
    with pytest.raises(ValidationError, match="« santé »"):  # Claire could not read it back
        decide(services, meeting, meeting.items[0], note="Suivi au CMP", note_class=NoteClass.SANTE)
    act_as(services, nurse)
    written = decide(services, meeting, meeting.items[0], note="Suivi au CMP", note_class=NoteClass.SANTE)
    assert written.meeting.items[0].note == "Suivi au CMP"
    for reader in (claire, lead):
        act_as(services, reader)
        item = services.meetings.meeting(meeting.id).items[0]
        assert (item.note, item.note_hidden, item.note_class) == ("", True, NoteClass.SANTE)
        with pytest.raises(ValidationError, match="masquée"):
            decide(services, written.meeting, item, note="Autre chose", note_class=NoteClass.EQUIPE)
    act_as(services, claire)
    item = services.meetings.meeting(meeting.id).items[0]
    kept = decide(services, written.meeting, item, household_present=True)  # the masked note is kept as it was
    assert kept.meeting.items[0].household_present is True
    act_as(services, nurse)
    assert services.meetings.meeting(meeting.id).items[0].note == "Suivi au CMP"


def test_a_referent_sees_neither_the_items_nor_the_decisions_of_another_team(services: Services, act_as: ActAs) -> None:
    household_id, episode_id = active_episode(services, start=D(2026, 1, 5))
    meeting = with_item(services, planned(services), household_id, episode_id=episode_id)
    decide(services, meeting, meeting.items[0], IntensityDecision("standard"), note="Va mieux")
    other = colleague(services)
    act_as(services, other)
    seen = services.meetings.meeting(meeting.id)
    assert (seen.status, seen.items) == (MeetingStatus.HELD, ())
    assert services.meetings.decisions_for_household(household_id) == []
    assert services.meetings.decisions_for_episode(episode_id) == []
    assert services.meetings.past()[0].item_count == 0


def test_a_lease_a_glissement_review_names_cannot_be_undone(
    services: Services, glissement: tuple[Supported, int]
) -> None:
    supported, review_id = glissement
    meeting = _glissement_meeting(services, supported, review_id)
    version = services.meetings.glissement_reviews_for(supported.household_id)[0].row_version
    decide(services, meeting, meeting.items[0], GlissementDecision(GlissementOutcome.ACCEPTED, version))
    with pytest.raises(ValidationError, match="revue de glissement du bail"):
        services.occupancy.undo_last_change(supported.household_id)
    assert services.occupancy.timeline(supported.household_id)[-1].status_code == "locataire_titre"


def test_a_volunteer_and_an_administrator_read_neither_the_general_note_nor_the_households_view(
    services: Services, act_as: ActAs
) -> None:
    """Texts without a class are read as équipe notes with no author (docs/domain.md §5.2: rule 2 first)."""
    household_id, episode_id = active_episode(services)
    claire = services.context.actor.staff_member_id
    volunteer = colleague(services, "benevole", "Jean")
    administrator = colleague(services, "administrateur", "Nadia")
    services.team.add_member(
        household_id, TeamMemberInput(role_code="referent_social", start_date=D(2026, 1, 1), staff_member_id=volunteer)
    )
    meeting = with_item(services, planned(services), household_id, episode_id=episode_id)
    item = meeting.items[0]
    services.meetings.record_minutes(
        meeting.id,
        MinutesInput(
            items=(ItemMinutes(item.id, household_view="Souhaite rester près de sa fille"),),
            general_note="Point équipe : arrêt maladie de Paul",
        ),
        expected_version=meeting.row_version,
    )
    act_as(services, volunteer)
    seen = services.meetings.meeting(meeting.id)
    assert (seen.general_note, seen.general_note_hidden) == ("", True)
    assert (seen.items[0].household_view, seen.items[0].household_view_hidden) == ("", True)
    internal = pdf_text(services.meetings.internal_minutes(meeting.id).content)
    assert "fille" not in internal and "maladie" not in internal
    with pytest.raises(ValidationError, match="La parole du ménage n'est pas lisible pour vous"):
        decide(services, seen, seen.items[0], household_view="Autre chose")
    with pytest.raises(ValidationError, match="La note générale n'est pas lisible pour vous"):
        services.meetings.record_minutes(
            meeting.id, MinutesInput(general_note="Écrasée"), expected_version=seen.row_version
        )
    # What they were shown ("") and None both leave the texts as they are; the rest of the minutes is theirs.
    kept = decide(services, seen, seen.items[0], household_present=True, household_view="")
    services.meetings.record_minutes(
        meeting.id, MinutesInput(general_note=""), expected_version=kept.meeting.row_version
    )
    act_as(services, administrator)  # sees the meeting, no household's item, and not the general note
    seen = services.meetings.meeting(meeting.id)
    assert (seen.general_note, seen.general_note_hidden, seen.items) == ("", True, ())
    act_as(services, claire)
    seen = services.meetings.meeting(meeting.id)
    assert (seen.general_note, seen.general_note_hidden) == ("Point équipe : arrêt maladie de Paul", False)
    assert (seen.items[0].household_view, seen.items[0].household_present) == ("Souhaite rester près de sa fille", True)
    assert not seen.items[0].household_view_hidden
    internal = pdf_text(services.meetings.internal_minutes(meeting.id).content)
    assert "fille" in internal and "maladie" in internal
