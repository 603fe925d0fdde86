"""Support episodes: lifecycle, intensity, suspensions, extensions, objectives, reviews, exit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseworker.domain import (
    AuditAction,
    DurationPolicy,
    EpisodeStatus,
    ObjectivesMet,
    ObjectiveStatus,
    Party,
    ReviewKind,
)
from caseworker.services import Services
from caseworker.services.directory import StaffInput, StaffView
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.support import (
    ExitInput,
    ExtensionInput,
    IntensityChangeInput,
    ObjectiveInput,
    OrientationInput,
    SuspensionInput,
    TeamMemberInput,
)
from tests.services.builders import new_household, raw_rows
from tests.services.conftest import ActAs
from tests.support import FixedClock
from tests.support.row_versions import current_version

D = date


TEAM_SINCE = D(2025, 1, 1)
DEFAULT_START = D(2025, 10, 1)


def with_coordinator(services: Services, household_id: int, since: date = TEAM_SINCE) -> None:
    """Make the current user the household's coordinator."""
    services.team.add_member(
        household_id,
        TeamMemberInput(
            role_code="referent_social",
            start_date=since,
            staff_member_id=services.context.actor.staff_member_id,
            is_coordinator=True,
        ),
    )


def team_lead(services: Services) -> StaffView:
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    return services.directory.create_staff(
        StaffInput(first_name="Nadia", last_name="Benali", role_code="chef_service", organisation_id=own.id)
    )


def active_episode(services: Services, measure: str = "avdl", *, start: date = DEFAULT_START) -> tuple[int, int]:
    oriented = start - timedelta(days=30)
    household = new_household(services)
    with_coordinator(services, household.id)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code=measure, orientation_date=oriented, referral_source_code="siao")
    )
    services.episodes.activate(
        episode.id,
        on=start,
        level_code="renforce",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    return household.id, episode.id


HANDOVER = {
    "handover_services": "MDS de Rennes Nord, CCAS",
    "handover_contact_name": "Mme Leroy, assistante sociale de secteur",
    "handover_date": D(2026, 6, 10),
}


# ------------------------------------------------------------------------------------------- lifecycle


def test_orientation_starts_the_episode_with_the_measure_funders(services: Services) -> None:
    household = new_household(services)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=D(2026, 5, 2), referral_source_code="siao")
    )
    assert episode.status is EpisodeStatus.ORIENTATION_RECUE
    assert episode.status_label == "Orientation reçue"
    assert episode.funders == "DDETS (BOP 177), FNAVDL"
    assert episode.referral_source_label == "SIAO"
    assert episode.durations.span_days == 0
    assert [step.label for step in episode.transitions] == ["Orientation reçue"]
    assert episode.transitions[0].staff_name == "Claire MARTIN"


def test_activation_needs_a_coordinator_and_a_level(services: Services) -> None:
    household = new_household(services)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=D(2026, 5, 2))
    )
    with pytest.raises(ValidationError) as refused:
        services.episodes.activate(
            episode.id,
            on=D(2026, 5, 10),
            level_code="inconnu",
            expected_version=current_version(services.episodes, "activate", episode.id),
        )
    assert "coordinateur" in refused.value.errors["coordinator"]
    assert "niveau" in refused.value.errors["level_code"]
    with_coordinator(services, household.id)
    active = services.episodes.activate(
        episode.id,
        on=D(2026, 5, 10),
        level_code="renforce",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    assert active.status is EpisodeStatus.ACTIF
    assert active.start_date == D(2026, 5, 10)
    assert active.current_intensity is not None and active.current_intensity.level_label == "Renforcé"


def test_waiting_list_then_agreement_then_activation(services: Services) -> None:
    household = new_household(services)
    with_coordinator(services, household.id)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="chez_soi_dabord", orientation_date=D(2026, 1, 5))
    )
    services.episodes.put_on_waiting_list(
        episode.id,
        on=D(2026, 1, 20),
        reason="Commission de février",
        expected_version=current_version(services.episodes, "put_on_waiting_list", episode.id),
    )
    services.episodes.agree(
        episode.id,
        on=D(2026, 2, 12),
        reason="Accord de la commission",
        expected_version=current_version(services.episodes, "agree", episode.id),
    )
    view = services.episodes.activate(
        episode.id,
        on=D(2026, 3, 1),
        level_code="soutenu",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    assert [step.to_status for step in view.transitions] == [
        EpisodeStatus.ORIENTATION_RECUE,
        EpisodeStatus.EN_ATTENTE,
        EpisodeStatus.ACCORD_DE_PRINCIPE,
        EpisodeStatus.ACTIF,
    ]
    assert view.transitions[1].reason == "Commission de février"
    assert view.durations.planned_end is None  # open-ended


def test_decline_needs_a_reason_and_ends_the_referral(services: Services) -> None:
    household = new_household(services)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="asll", orientation_date=D(2026, 5, 2))
    )
    with pytest.raises(ValidationError, match="précisez"):
        services.episodes.decline(
            episode.id,
            on=D(2026, 5, 20),
            reason_code="autre",
            expected_version=current_version(services.episodes, "decline", episode.id),
        )
    view = services.episodes.decline(
        episode.id,
        on=D(2026, 5, 20),
        reason_code="injoignable",
        expected_version=current_version(services.episodes, "decline", episode.id),
    )
    assert view.status is EpisodeStatus.SANS_SUITE
    assert view.no_follow_up_reason_label == "Ménage injoignable"
    assert view.allowed_next == frozenset()


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("suspend", "Passage impossible de « Orientation reçue » à « Suspendu »"),
        ("close", "Passage impossible de « Orientation reçue » à « Clôturé »"),
    ],
)
def test_impossible_transitions_are_refused_in_french(services: Services, action: str, message: str) -> None:
    household = new_household(services)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=D(2026, 5, 2))
    )
    with pytest.raises(TransitionError, match=message):
        if action == "suspend":
            services.episodes.suspend(
                episode.id,
                SuspensionInput(D(2026, 5, 3), "hospitalisation"),
                expected_version=current_version(services.episodes, "suspend", episode.id),
            )
        else:
            services.episodes.close(
                episode.id,
                ExitInput(D(2026, 5, 3), "autre", ObjectivesMet.NON, waiver_reason="Erreur"),
                expected_version=current_version(services.episodes, "close", episode.id),
            )


def test_a_closed_episode_cannot_be_suspended_or_resumed(services: Services) -> None:
    _, episode_id = active_episode(services)
    services.episodes.close(
        episode_id,
        ExitInput(D(2026, 6, 1), "logement_autonome", ObjectivesMet.OUI, waiver_reason="Le ménage ne le souhaite pas"),
        expected_version=current_version(services.episodes, "close", episode_id),
    )
    with pytest.raises(TransitionError, match="nouvel accompagnement"):
        services.episodes.suspend(
            episode_id,
            SuspensionInput(D(2026, 6, 5), "hospitalisation"),
            expected_version=current_version(services.episodes, "suspend", episode_id),
        )


def test_step_dates_cannot_go_back_or_into_the_future(services: Services) -> None:
    _, episode_id = active_episode(services)
    with pytest.raises(ValidationError, match="dernière étape"):
        services.episodes.suspend(
            episode_id,
            SuspensionInput(D(2025, 9, 15), "hospitalisation"),
            expected_version=current_version(services.episodes, "suspend", episode_id),
        )
    with pytest.raises(ValidationError, match="futur"):
        services.episodes.suspend(
            episode_id,
            SuspensionInput(D(2026, 7, 1), "hospitalisation"),
            expected_version=current_version(services.episodes, "suspend", episode_id),
        )


def test_two_concurrent_measures_but_not_the_same_twice(services: Services) -> None:
    household = new_household(services)
    with_coordinator(services, household.id)
    asll = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="asll", orientation_date=D(2026, 1, 5), funders="CD 35 (FSL)")
    )
    iml = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="iml_sous_location", orientation_date=D(2026, 2, 1))
    )
    services.episodes.activate(
        asll.id,
        on=D(2026, 1, 10),
        level_code="standard",
        expected_version=current_version(services.episodes, "activate", asll.id),
    )
    services.episodes.activate(
        iml.id,
        on=D(2026, 2, 15),
        level_code="renforce",
        expected_version=current_version(services.episodes, "activate", iml.id),
    )
    episodes = services.episodes.episodes_for(household.id)
    assert {(item.measure_code, item.funders, item.start_date) for item in episodes} == {
        ("asll", "CD 35 (FSL)", D(2026, 1, 10)),
        ("iml_sous_location", "DDETS (BOP 177)", D(2026, 2, 15)),
    }
    with pytest.raises(ValidationError, match="déjà un accompagnement"):
        services.episodes.open_episode(
            household.id, OrientationInput(measure_code="asll", orientation_date=D(2026, 3, 1))
        )


def test_a_new_episode_links_to_the_previous_one(services: Services) -> None:
    household_id, first = active_episode(services)
    services.episodes.close(
        first,
        ExitInput(D(2026, 1, 31), "perte_contact", ObjectivesMet.NON, waiver_reason="Ménage injoignable"),
        expected_version=current_version(services.episodes, "close", first),
    )
    second = services.episodes.open_episode(
        household_id, OrientationInput(measure_code="avdl", orientation_date=D(2026, 5, 1), previous_episode_id=first)
    )
    assert second.previous_episode_id == first
    assert [item.id for item in services.episodes.episodes_for(household_id)] == [second.id, first]


def test_unknown_episode(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.episodes.episode(999)


# ------------------------------------------------------------------------ intensity and suspensions


def test_intensity_history_and_days_per_level(services: Services, clock: FixedClock) -> None:
    _, episode_id = active_episode(services, start=D(2026, 1, 1))
    services.episodes.change_intensity(
        episode_id,
        IntensityChangeInput("standard", D(2026, 3, 1), reason="Stabilisé", decided_where="COSI"),
        expected_version=current_version(services.episodes, "change_intensity", episode_id),
    )
    view = services.episodes.episode(episode_id)
    assert [(p.level_label, p.start_date, p.end_date) for p in view.intensity] == [
        ("Renforcé", D(2026, 1, 1), D(2026, 2, 28)),
        ("Standard / droit commun", D(2026, 3, 1), None),
    ]
    assert view.days_by_level() == [("Renforcé", 59), ("Standard / droit commun", 107)]
    assert view.durations.days_active == 166 == view.durations.span_days


def test_intensity_change_rules(services: Services) -> None:
    _, episode_id = active_episode(services, start=D(2026, 1, 1))
    with pytest.raises(ValidationError, match="déjà « Renforcé »"):
        services.episodes.change_intensity(
            episode_id,
            IntensityChangeInput("renforce", D(2026, 2, 1)),
            expected_version=current_version(services.episodes, "change_intensity", episode_id),
        )
    with pytest.raises(ValidationError, match="doit suivre"):
        services.episodes.change_intensity(
            episode_id,
            IntensityChangeInput("standard", D(2026, 1, 1)),
            expected_version=current_version(services.episodes, "change_intensity", episode_id),
        )
    services.episodes.suspend(
        episode_id,
        SuspensionInput(D(2026, 2, 1), "hospitalisation"),
        expected_version=current_version(services.episodes, "suspend", episode_id),
    )
    with pytest.raises(ValidationError, match="accompagnement actif"):
        services.episodes.change_intensity(
            episode_id,
            IntensityChangeInput("standard", D(2026, 2, 10)),
            expected_version=current_version(services.episodes, "change_intensity", episode_id),
        )


def test_suspension_and_resumption_keep_the_episode(services: Services) -> None:
    _, episode_id = active_episode(services, start=D(2026, 1, 1))
    suspended = services.episodes.suspend(
        episode_id,
        SuspensionInput(D(2026, 3, 1), "hospitalisation", note="Séjour au CHGR"),
        expected_version=current_version(services.episodes, "suspend", episode_id),
    )
    assert suspended.status is EpisodeStatus.SUSPENDU
    assert suspended.current_suspension is not None
    assert suspended.current_suspension.review_date == D(2026, 4, 1)  # one month by default
    assert suspended.current_suspension.review_overdue  # today is 15 June
    resumed = services.episodes.resume(
        episode_id,
        on=D(2026, 4, 15),
        level_code="soutenu",
        expected_version=current_version(services.episodes, "resume", episode_id),
    )
    assert resumed.id == episode_id
    assert resumed.status is EpisodeStatus.ACTIF
    assert [(s.start_date, s.end_date) for s in resumed.suspensions] == [(D(2026, 3, 1), D(2026, 4, 14))]
    assert resumed.durations.days_suspended == 45
    assert resumed.durations.days_active + resumed.durations.days_suspended == resumed.durations.span_days
    assert [p.level_code for p in resumed.intensity] == ["renforce", "soutenu"]
    # AVDL: suspended days do not count towards the duration, so the planned end moves by 45 days.
    assert resumed.durations.planned_end == D(2026, 6, 30) + timedelta(days=45)


def test_resumption_must_follow_the_suspension(services: Services) -> None:
    _, episode_id = active_episode(services, start=D(2026, 1, 1))
    services.episodes.suspend(
        episode_id,
        SuspensionInput(D(2026, 3, 1), "incarceration", D(2026, 6, 1)),
        expected_version=current_version(services.episodes, "suspend", episode_id),
    )
    with pytest.raises(ValidationError, match="doit suivre le début de la suspension"):
        services.episodes.resume(
            episode_id, on=D(2026, 3, 1), expected_version=current_version(services.episodes, "resume", episode_id)
        )


def test_suspended_days_count_when_the_measure_says_so(services: Services) -> None:
    _, episode_id = active_episode(services, "chrs_hors_les_murs", start=D(2026, 1, 1))
    services.episodes.suspend(
        episode_id,
        SuspensionInput(D(2026, 2, 1), "depart_temporaire"),
        expected_version=current_version(services.episodes, "suspend", episode_id),
    )
    view = services.episodes.resume(
        episode_id, on=D(2026, 3, 1), expected_version=current_version(services.episodes, "resume", episode_id)
    )
    assert view.suspended_days_count
    assert view.durations.planned_end == D(2026, 6, 30)


# --------------------------------------------------------------------------------------- extensions


def test_renewable_once_refuses_the_second_renewal(services: Services, act_as: ActAs) -> None:
    lead = team_lead(services)
    _, episode_id = active_episode(services, start=D(2026, 1, 1))
    renewal = ExtensionInput(D(2026, 6, 1), "Relogement en cours", lead.id)
    act_as(services, lead.id)  # the team lead records the renewal they approve
    view = services.episodes.extend(
        episode_id, renewal, expected_version=current_version(services.episodes, "extend", episode_id)
    )
    assert view.durations.planned_end == D(2026, 12, 31)
    assert view.extensions[0].months == 6
    assert view.extensions[0].approver_name == "Nadia BENALI"
    assert view.extensions_left == 0
    with pytest.raises(ValidationError) as refused:
        services.episodes.extend(
            episode_id, renewal, expected_version=current_version(services.episodes, "extend", episode_id)
        )
    assert refused.value.errors["months"] == (
        "« AVDL (accompagnement vers et dans le logement) » permet 1 renouvellement au plus, déjà accordé : "
        "un renouvellement de plus est refusé."
    )


def test_extension_needs_a_justification_and_a_team_lead(services: Services, act_as: ActAs) -> None:
    _, episode_id = active_episode(services, "logements_accompagnes", start=D(2025, 1, 1))
    me = services.context.actor.staff_member_id
    with pytest.raises(ValidationError) as refused:
        services.episodes.extend(
            episode_id,
            ExtensionInput(D(2026, 6, 1), "  ", me, months=6),
            expected_version=current_version(services.episodes, "extend", episode_id),
        )
    assert "obligatoire" in refused.value.errors["justification"]
    assert "chef·fe de service" in refused.value.errors["approver_id"]
    with pytest.raises(ValidationError, match="entre 1 et 60"):
        services.episodes.extend(
            episode_id,
            ExtensionInput(D(2026, 6, 1), "Dette en cours", team_lead(services).id),
            expected_version=current_version(services.episodes, "extend", episode_id),
        )
    lead_id = team_lead(services).id
    assert services.episodes.choices().approvers == []  # Claire is no team lead: nobody to choose
    # Approving for someone else is refused, in both modes: the team lead logs in and records it.
    with pytest.raises(ValidationError) as elsewhere:
        services.episodes.extend(
            episode_id,
            ExtensionInput(D(2026, 6, 1), "Dette en cours d'apurement", lead_id, months=6),
            expected_version=current_version(services.episodes, "extend", episode_id),
        )
    assert "connecté·e sous son propre nom" in elsewhere.value.errors["approver_id"]
    act_as(services, lead_id)
    lead = services.episodes.choices().approvers[0]  # the team lead logged in, alone in the list
    assert int(lead.code) == lead_id
    act_as(services, int(lead.code))
    view = services.episodes.extend(
        episode_id,
        ExtensionInput(D(2026, 6, 1), "Dette en cours d'apurement", int(lead.code), months=6),
        expected_version=current_version(services.episodes, "extend", episode_id),
    )
    assert view.durations.planned_end == D(2027, 6, 30)
    assert view.extensions_left is None  # negotiated extensions without a set limit


@pytest.mark.parametrize(
    ("measure", "message"), [("programme_local", "durée fixe"), ("chez_soi_dabord", "sans limite")]
)
def test_fixed_and_open_ended_measures_have_no_extension(services: Services, measure: str, message: str) -> None:
    lead = team_lead(services)
    _, episode_id = active_episode(services, measure, start=D(2026, 1, 1))
    with pytest.raises(ValidationError, match=message):
        services.episodes.extend(
            episode_id,
            ExtensionInput(D(2026, 6, 1), "Besoin", lead.id, months=3),
            expected_version=current_version(services.episodes, "extend", episode_id),
        )


# ------------------------------------------------------------------------------- objectives, reviews


def test_objectives_in_the_household_words(services: Services) -> None:
    _, episode_id = active_episode(services)
    objective = services.episodes.add_objective(
        episode_id,
        ObjectiveInput(
            "« Avoir mon chez-moi et pouvoir recevoir ma fille »",
            theme_code="recherche_logement",
            set_on=D(2026, 3, 1),
            next_review_on=D(2026, 6, 1),
        ),
        expected_version=current_version(services.episodes, "add_objective", episode_id),
    )
    assert objective.owner_label == "Le ménage"
    assert objective.review_overdue
    updated = services.episodes.update_objective(
        objective.id,
        ObjectiveInput(objective.text, owner=Party.MENAGE, status=ObjectiveStatus.PARTIEL),
        expected_version=current_version(services.episodes, "update_objective", objective.id),
    )
    assert updated.status_label == "Partiellement atteint"
    assert updated.last_reviewed_on == D(2026, 6, 15)
    assert not updated.review_overdue
    with pytest.raises(ValidationError, match="obligatoire"):
        services.episodes.add_objective(
            episode_id,
            ObjectiveInput("   "),
            expected_version=current_version(services.episodes, "add_objective", episode_id),
        )


def test_milestones_follow_the_measure_offsets(services: Services) -> None:
    _, episode_id = active_episode(services, "programme_local", start=D(2026, 1, 10))  # fixed 12 months
    view = services.episodes.episode(episode_id)
    assert [(m.kind, m.due_on, m.overdue) for m in view.milestones] == [
        (ReviewKind.START, D(2026, 2, 10), True),
        (ReviewKind.MID, D(2026, 7, 11), False),
        (ReviewKind.END, D(2026, 12, 9), False),
    ]
    services.episodes.record_review(
        episode_id,
        kind=ReviewKind.START,
        due_on=D(2026, 2, 10),
        held_on=D(2026, 2, 12),
        expected_version=current_version(services.episodes, "record_review", episode_id),
    )
    view = services.episodes.episode(episode_id)
    assert view.milestones[0].held_on == D(2026, 2, 12)
    assert not view.milestones[0].overdue
    with pytest.raises(ValidationError, match="déjà enregistré"):
        services.episodes.record_review(
            episode_id,
            kind=ReviewKind.START,
            due_on=D(2026, 2, 10),
            held_on=D(2026, 2, 13),
            expected_version=current_version(services.episodes, "record_review", episode_id),
        )


def test_open_ended_measures_get_periodic_reviews(services: Services) -> None:
    _, episode_id = active_episode(services, "chez_soi_dabord", start=D(2025, 1, 1))
    kinds = [(m.kind, m.due_on) for m in services.episodes.episode(episode_id).milestones]
    assert kinds[:3] == [
        (ReviewKind.START, D(2025, 2, 1)),
        (ReviewKind.PERIODIC, D(2025, 8, 1)),
        (ReviewKind.PERIODIC, D(2026, 2, 1)),
    ]


# ---------------------------------------------------------------------------------------------- exit


def test_exit_requires_a_handover_plan_or_a_waiver(services: Services) -> None:
    _, episode_id = active_episode(services)
    with pytest.raises(ValidationError) as refused:
        services.episodes.close(
            episode_id,
            ExitInput(D(2026, 6, 12), "passage_relais", ObjectivesMet.OUI, handover_services="MDS de Rennes Nord"),
            expected_version=current_version(services.episodes, "close", episode_id),
        )
    assert refused.value.errors["handover"] == (
        "Passage de relais : indiquez un contact nommé, la date du relais — ou écrivez pourquoi il n'y a pas de relais."
    )
    view = services.episodes.close(
        episode_id,
        ExitInput(
            D(2026, 6, 12),
            "logement_autonome",
            ObjectivesMet.PARTIELLEMENT,
            destination_status_code="locataire_titre",
            narrative="« Je me sens chez moi »",
            **HANDOVER,
        ),
        expected_version=current_version(services.episodes, "close", episode_id),
    )
    assert view.status is EpisodeStatus.CLOTURE
    assert view.end_date == D(2026, 6, 12)
    assert view.exit is not None
    assert (view.exit.reason_label, view.exit.destination_label, view.exit.handover_contact) == (
        "Logement autonome / objectifs atteints",
        "Locataire en titre",
        "Mme Leroy, assistante sociale de secteur",
    )
    assert view.current_intensity is None
    assert view.durations.days_remaining is None


def test_exit_from_suspension_closes_the_suspension(services: Services) -> None:
    _, episode_id = active_episode(services, start=D(2026, 1, 1))
    services.episodes.suspend(
        episode_id,
        SuspensionInput(D(2026, 4, 1), "incarceration", D(2026, 7, 1)),
        expected_version=current_version(services.episodes, "suspend", episode_id),
    )
    view = services.episodes.close(
        episode_id,
        ExitInput(D(2026, 5, 31), "incarceration", ObjectivesMet.NON, waiver_reason="Peine de 2 ans"),
        expected_version=current_version(services.episodes, "close", episode_id),
    )
    assert view.suspensions[0].end_date == D(2026, 5, 31)
    assert view.exit is not None and view.exit.waiver_reason == "Peine de 2 ans"
    assert view.durations.span_days == 151
    assert view.durations.days_suspended == 61


# ------------------------------------------------------------------------------ the story of the issue


def test_the_whole_story_is_audited(services: Services, act_as: ActAs) -> None:
    """orientation → actif (Renforcé) → step-down → suspension → resumption → extension → exit."""
    lead = team_lead(services)
    household = new_household(services)
    with_coordinator(services, household.id)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=D(2025, 11, 3))
    )
    services.episodes.activate(
        episode.id,
        on=D(2025, 11, 10),
        level_code="renforce",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    services.episodes.change_intensity(
        episode.id,
        IntensityChangeInput("standard", D(2026, 1, 5)),
        expected_version=current_version(services.episodes, "change_intensity", episode.id),
    )
    services.episodes.suspend(
        episode.id,
        SuspensionInput(D(2026, 2, 2), "hospitalisation"),
        expected_version=current_version(services.episodes, "suspend", episode.id),
    )
    services.episodes.resume(
        episode.id,
        on=D(2026, 3, 2),
        level_code="standard",
        expected_version=current_version(services.episodes, "resume", episode.id),
    )
    act_as(services, lead.id)
    services.episodes.extend(
        episode.id,
        ExtensionInput(D(2026, 5, 4), "Accès au logement en cours", lead.id),
        expected_version=current_version(services.episodes, "extend", episode.id),
    )
    view = services.episodes.close(
        episode.id,
        ExitInput(D(2026, 6, 12), "passage_relais", ObjectivesMet.OUI, **HANDOVER),
        expected_version=current_version(services.episodes, "close", episode.id),
    )
    figures = view.durations
    assert figures.span_days == 215
    assert figures.days_suspended == 28
    assert figures.days_active == 187
    assert dict(view.days_by_level()) == {"Renforcé": 56, "Standard / droit commun": 131}
    # 6 months + a 6-month renewal + 28 suspended days that do not count
    assert figures.planned_end == D(2026, 11, 9) + timedelta(days=28)
    events = raw_rows(
        services,
        "SELECT action, entity_type FROM audit_event WHERE household_id = :h ORDER BY id",
        h=household.id,
    )
    assert {entity for _, entity in events} >= {
        "episode",
        "episode_transition",
        "intensity_period",
        "suspension",
        "extension",
        "exit_record",
    }
    assert all(action in {AuditAction.CREATE.name, AuditAction.UPDATE.name} for action, _ in events)
    assert [step.label for step in view.transitions] == [
        "Orientation reçue",
        "Actif",
        "Suspendu",
        "Actif",
        "Clôturé",
    ]


def test_duration_policy_enum_is_stored_by_name(services: Services) -> None:
    rows = raw_rows(services, "SELECT duration_policy FROM measure WHERE code = 'avdl'")
    assert rows == [(DurationPolicy.RENEWABLE.name,)]


def test_an_exit_cannot_precede_the_last_change_of_intensity(services: Services) -> None:
    """An exit dated before a step-down recorded later would leave a level running after the support ended."""
    _, episode_id = active_episode(services)
    services.episodes.change_intensity(
        episode_id,
        IntensityChangeInput("standard", D(2026, 3, 1), reason="Stabilisé"),
        expected_version=current_version(services.episodes, "change_intensity", episode_id),
    )
    with pytest.raises(ValidationError, match="changement d'intensité du 01/03/2026"):
        services.episodes.close(
            episode_id,
            ExitInput(D(2026, 2, 1), "logement_autonome", ObjectivesMet.OUI, waiver_reason="Aucun relais"),
            expected_version=current_version(services.episodes, "close", episode_id),
        )
    assert services.episodes.episode(episode_id).status is EpisodeStatus.ACTIF
