"""After-care, the landlord's after-sales line and reactivation in two clicks (docs/domain.md §14.1–§14.3).

The issue's story: a household exits with a handover plan and 12 months of droits de suite; four months later the
landlord calls about unpaid rent — the alert reaches the after-care referent, who reactivates with the same team.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from caseworker.domain import AlertChannel, ConsentStatus, EpisodeStatus, ObjectivesMet
from caseworker.domain.aftercare import AfterCareEndReason, AfterCareKind
from caseworker.services import Services
from caseworker.services.alerts import AlertFilter, AlertInput
from caseworker.services.directory import OrganisationView, StaffInput
from caseworker.services.errors import TransitionError, ValidationError
from caseworker.services.sharing import ConsentInput
from caseworker.services.support import (
    AfterCareInput,
    ContactInput,
    ExitInput,
    ReactivationInput,
    TeamMemberInput,
)
from tests.services.builders import raw_rows
from tests.services.conftest import ActAs
from tests.services.contract_builders import FILED, Supported, supported_household
from tests.support import FixedClock
from tests.support.row_versions import current_version

D = date
PARIS = ZoneInfo("Europe/Paris")
EXIT = D(2026, 2, 2)


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


def colleague(services: Services, household_id: int) -> int:
    """Julie ROBIN, a social worker on the household's team since 2025: she will stay reachable."""
    own = services.setup.own_organisation_id()
    assert own is not None
    julie = services.directory.create_staff(
        StaffInput(first_name="Julie", last_name="Robin", role_code="travailleur_social", organisation_id=own)
    )
    services.team.add_member(
        household_id, TeamMemberInput(role_code="referent_social", start_date=D(2025, 9, 1), staff_member_id=julie.id)
    )
    return julie.id


def exit_data(referent_id: int, **after_care: object) -> ExitInput:
    return ExitInput(
        end_date=EXIT,
        reason_code="logement_autonome",
        objectives_met=ObjectivesMet.OUI,
        destination_status_code="locataire_titre",
        handover_services="MDS de Rennes Nord",
        handover_contact_name="Mme Leroy, assistante sociale de secteur",
        handover_date=D(2026, 2, 10),
        after_care=AfterCareInput(
            kind=after_care.pop("kind", AfterCareKind.DROITS_DE_SUITE),  # type: ignore[arg-type]
            funder_code=after_care.pop("funder_code", "fondation"),  # type: ignore[arg-type]
            referent_id=referent_id,
            **after_care,  # type: ignore[arg-type]
        ),
    )


def into_after_care(services: Services, supported: Supported, referent_id: int, **after_care: object) -> None:
    services.episodes.close(
        supported.episode_id,
        exit_data(referent_id, **after_care),
        expected_version=current_version(services.episodes, "close", supported.episode_id),
    )


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


# ------------------------------------------------------------------------------------------- after-care


def test_an_exit_into_twelve_months_of_droits_de_suite(services: Services, supported: Supported) -> None:
    julie = colleague(services, supported.household_id)
    into_after_care(services, supported, julie, watch_weeks=6)

    episode = services.episodes.episode(supported.episode_id)
    assert episode.status is EpisodeStatus.APRES_ACCOMPAGNEMENT
    assert episode.end_date == EXIT  # support ended on the exit day
    assert episode.exit is not None and episode.exit.handover_services == "MDS de Rennes Nord"
    [after_care] = services.after_care.after_care_for(supported.household_id)
    assert (after_care.kind_label, after_care.start_date, after_care.planned_end) == (
        "Droits de suite",
        EXIT,
        D(2027, 2, 1),
    )
    assert (after_care.funder_code, after_care.referent_name) == ("fondation", "Julie ROBIN")
    assert after_care.caption(D(2026, 6, 15)) == "Suivi post-accompagnement jusqu'au 01/02/2027"
    assert after_care.running_on(EXIT) and not after_care.running_on(EXIT - timedelta(days=1))
    [watch] = services.watch.watch_for(supported.household_id)
    assert (watch.every_weeks, watch.start_date, watch.from_after_care) == (6, EXIT, True)
    created = {entry.entity_type for entry in services.audit.for_household(supported.household_id)}
    assert {"after_care", "watch_entry", "exit_record"} <= created


def test_after_care_needs_a_funder_a_referent_of_the_team_and_a_sensible_window(
    services: Services, supported: Supported
) -> None:
    stranger = services.directory.create_staff(
        StaffInput(
            first_name="Paul",
            last_name="Girard",
            role_code="travailleur_social",
            organisation_id=services.setup.own_organisation_id() or 0,
        )
    )
    version = current_version(services.episodes, "close", supported.episode_id)
    with pytest.raises(ValidationError) as refused:
        services.episodes.close(
            supported.episode_id,
            exit_data(stranger.id, funder_code="", months=0, watch_weeks=40),
            expected_version=version,
        )
    errors = refused.value.errors
    assert errors["after_care_funder"] == "Financeur du suivi : choisissez une valeur dans la liste."
    assert errors["after_care_referent"].startswith("Référent du suivi : choisissez un professionnel de l'équipe")
    assert errors["after_care_months"] == "Durée du suivi : de 1 à 36 mois."
    assert errors["watch_weeks"] == "Rythme de la veille : de 1 à 26 semaines."
    # Nothing was written: the episode still runs.
    assert services.episodes.episode(supported.episode_id).status is EpisodeStatus.ACTIF
    assert services.after_care.after_care_for(supported.household_id) == []


def test_contacts_during_after_care_are_flagged_and_kept_apart(services: Services, supported: Supported) -> None:
    julie = colleague(services, supported.household_id)
    before = services.contacts.record_contact(
        supported.household_id, ContactInput(local(2026, 1, 20, 10, 0), "visite_domicile", "rencontre")
    )
    into_after_care(services, supported, julie)
    after = services.contacts.record_contact(
        supported.household_id, ContactInput(local(2026, 3, 3, 10, 0), "telephone", "rencontre")
    )
    assert (before.after_care, after.after_care) == (False, True)
    assert raw_rows(services, f"SELECT after_care FROM contact WHERE id = {after.id}") == [(True,)]
    # Moving the contact back into the support makes it an ordinary one again.
    moved = services.contacts.update_contact(
        after.id, ContactInput(local(2026, 1, 30, 10, 0), "telephone", "rencontre")
    )
    assert moved.after_care is False


def test_consents_covering_after_care_last_the_window_the_others_end_at_exit(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    julie = colleague(services, supported.household_id)
    adult = supported.adults[0]
    covering = services.consents.record_granted(
        supported.household_id,
        ConsentInput(adult, supported.landlord.id, ("identite",), "Suivi post-accompagnement", covers_after_care=True),
        signed_on=D(2026, 1, 5),
        filing=FILED,
    )
    plain = services.consents.record_granted(
        supported.household_id,
        ConsentInput(adult, supported.landlord.id, ("loyer_dette",), "Fiche navette"),
        signed_on=D(2026, 1, 5),
        filing=FILED,
    )
    into_after_care(services, supported, julie, months=3)  # window: 02/02/2026 → 01/05/2026
    clock.today_value = D(2026, 3, 1)
    views = {view.id: view for view in services.consents.for_household(supported.household_id)}
    assert views[covering.id].effective_status is ConsentStatus.ACCORDE
    assert views[plain.id].effective_status is ConsentStatus.EXPIRE
    clock.today_value = D(2026, 5, 2)  # the window is over: the covering consent ends with it
    views = {view.id: view for view in services.consents.for_household(supported.household_id)}
    assert views[covering.id].effective_status is ConsentStatus.EXPIRE


def test_ending_after_care_closes_the_episode_and_the_watch(services: Services, supported: Supported) -> None:
    julie = colleague(services, supported.household_id)
    into_after_care(services, supported, julie, watch_weeks=4)
    with pytest.raises(ValidationError, match="Réactiver"):
        services.after_care.end(
            supported.episode_id,
            reason=AfterCareEndReason.REACTIVATION,
            on=D(2026, 6, 1),
            expected_version=current_version(services.episodes, "close", supported.episode_id),
        )
    view = services.after_care.end(
        supported.episode_id,
        reason=AfterCareEndReason.DEMANDE_DU_MENAGE,
        on=D(2026, 6, 1),
        expected_version=current_version(services.episodes, "close", supported.episode_id),
    )
    assert view.status is EpisodeStatus.CLOTURE
    assert view.transitions[-1].reason == "Fin du suivi : Demande du ménage"
    [after_care] = services.after_care.after_care_for(supported.household_id)
    assert (after_care.ended_on, after_care.end_reason_label) == (D(2026, 6, 1), "Demande du ménage")
    assert after_care.caption(D(2026, 6, 15)) == "Suivi post-accompagnement terminé le 01/06/2026 (Demande du ménage)"
    [watch] = services.watch.watch_for(supported.household_id)
    assert (watch.end_date, watch.end_reason) == (D(2026, 5, 31), "Demande du ménage")  # its last day watched
    with pytest.raises(TransitionError):
        services.after_care.end(
            supported.episode_id,
            reason=AfterCareEndReason.DEPART,
            on=D(2026, 6, 2),
            expected_version=current_version(services.episodes, "close", supported.episode_id),
        )


def test_a_window_past_without_an_end_is_to_close(services: Services, supported: Supported, clock: FixedClock) -> None:
    julie = colleague(services, supported.household_id)
    into_after_care(services, supported, julie, months=2)  # last day 01/04/2026
    clock.today_value = D(2026, 4, 2)
    current = services.after_care.current_for(supported.household_id)
    assert current is not None and current.to_close(clock.today_value)
    assert current.caption(clock.today_value) == "Suivi post-accompagnement échu le 01/04/2026 (à clore)"
    rows = services.my_households.for_staff(julie)
    [row] = [row for row in rows if row.household_id == supported.household_id]
    assert row.status_label == "Suivi post-accompagnement échu le 01/04/2026 (à clore)"
    assert "Suivi post-accompagnement échu : à clore ou réactiver" in row.attention()
    # A contact now is an ordinary one: the window is over.
    contact = services.contacts.record_contact(
        supported.household_id, ContactInput(local(2026, 4, 2, 9, 0), "telephone", "rencontre")
    )
    assert contact.after_care is False


# ----------------------------------------------------------------------------- the landlord's after-sales line


def test_the_landlord_calls_four_months_later_and_the_referent_reactivates_in_two_clicks(
    services: Services, supported: Supported, act_as: ActAs
) -> None:
    julie = colleague(services, supported.household_id)
    into_after_care(services, supported, julie)
    alert = services.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            supported.landlord.id,
            local(2026, 6, 2, 9, 30),
            AlertChannel.TELEPHONE,
            description="Deux mois de loyer impayés.",
            amount=Decimal("825.00"),
            partner_contact_id=supported.contact_id,
        )
    )
    assert alert.after_sales is not None
    assert alert.after_sales.caption == "Ménage sorti — suivi post-accompagnement jusqu'au 01/02/2027"
    assert alert.after_sales.referent_name == "Julie ROBIN"
    email = services.alerts.acknowledgement_email(alert.id)
    assert "Le suivi du ménage est assuré par Julie ROBIN" in email.body

    act_as(services, julie)
    [row] = services.alerts.inbox(AlertFilter(mine=True))
    assert row.id == alert.id and row.referent_name == "Julie ROBIN (suivi post-accompagnement)"

    proposal = services.reactivation.proposal(alert.after_sales.episode_id)
    assert proposal.measure_code == "avdl" and proposal.default_level == "renforce"
    assert proposal.current_team[0].startswith("Claire MARTIN")  # the coordinator stayed on the team
    new = services.reactivation.reactivate(
        proposal.previous_episode_id,
        ReactivationInput(on=D(2026, 6, 15), level_code=proposal.default_level),
        expected_version=proposal.previous_version,
    )
    assert (new.status, new.start_date, new.previous_episode_id) == (
        EpisodeStatus.ACTIF,
        D(2026, 6, 15),
        supported.episode_id,
    )
    assert new.measure_code == "avdl" and new.current_intensity is not None
    previous = services.episodes.episode(supported.episode_id)
    assert previous.status is EpisodeStatus.CLOTURE
    [after_care] = services.after_care.after_care_for(supported.household_id)
    assert (after_care.ended_on, after_care.end_reason) == (D(2026, 6, 15), AfterCareEndReason.REACTIVATION)
    # The timeline shows both episodes and the after-care between them.
    timeline = services.timeline.for_household(supported.household_id)
    first, second = timeline.episodes
    assert second.previous_episode_id == first.id
    assert first.after_care is not None
    assert (first.after_care.start, first.after_care.end) == (EXIT, D(2026, 6, 14))


def test_reactivation_may_start_on_the_waiting_list_and_brings_back_who_left(
    services: Services, supported: Supported
) -> None:
    julie = colleague(services, supported.household_id)
    services.episodes.close(
        supported.episode_id,
        ExitInput(
            end_date=EXIT,
            reason_code="logement_autonome",
            objectives_met=ObjectivesMet.OUI,
            waiver_reason="Le ménage ne souhaite pas de relais.",
        ),
        expected_version=current_version(services.episodes, "close", supported.episode_id),
    )
    [membership] = [item for item in services.team.team(supported.household_id) if item.staff_member_id == julie]
    services.team.end_membership(membership.id, end_date=D(2026, 3, 1), reason="Fin du suivi")
    proposal = services.reactivation.proposal(supported.episode_id)
    assert [choice.label for choice in proposal.former_members] == ["Julie ROBIN"]
    assert proposal.after_care_caption == ""
    new = services.reactivation.reactivate(
        supported.episode_id,
        ReactivationInput(
            on=D(2026, 6, 1), start=EpisodeStatus.EN_ATTENTE, rejoin_staff_ids=(julie,), note="Nouvelle demande"
        ),
        expected_version=proposal.previous_version,
    )
    assert (new.status, new.start_date, new.orientation_date) == (EpisodeStatus.EN_ATTENTE, None, D(2026, 6, 1))
    assert new.referral_note == "Nouvelle demande"
    assert julie in {item.staff_member_id for item in services.team.team(supported.household_id)}
    # Reactivating twice is refused: the measure already runs.
    with pytest.raises(ValidationError, match="déjà été suivi d'un autre"):
        services.reactivation.reactivate(
            supported.episode_id,
            ReactivationInput(on=D(2026, 6, 2), start=EpisodeStatus.ORIENTATION_RECUE),
            expected_version=current_version(services.episodes, "close", supported.episode_id),
        )


def test_a_running_or_declined_episode_is_not_reactivated(services: Services, supported: Supported) -> None:
    with pytest.raises(ValidationError, match="Seul un accompagnement terminé"):
        services.reactivation.proposal(supported.episode_id)
    with pytest.raises(ValidationError, match="Seul un accompagnement terminé"):
        services.reactivation.reactivate(
            supported.episode_id,
            ReactivationInput(on=D(2026, 6, 1)),
            expected_version=current_version(services.episodes, "close", supported.episode_id),
        )
