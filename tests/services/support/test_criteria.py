"""Entry criteria: a measure's list, edited with the catalogue, and those an episode ticked (never a gate)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseworker.domain import EpisodeStatus
from caseworker.services import Services
from caseworker.services.directory import StaffInput
from caseworker.services.errors import ConcurrentChangeError, NotFoundError, ValidationError
from caseworker.services.support import CriterionInput, OrientationInput
from caseworker.services.support.criteria import GONE, MAX_CRITERIA
from tests.services.builders import new_household, raw_rows
from tests.services.conftest import ActAs
from tests.services.support.test_episodes import with_coordinator
from tests.support.row_versions import current_version

ORIENTED = date(2026, 5, 4)
AVDL = ("Reconnu prioritaire DALO", "Menacé d'expulsion", "Orienté par le SIAO")


def _referral(services: Services, *codes: str, measure: str = "avdl") -> tuple[int, int]:
    household = new_household(services)
    with_coordinator(services, household.id)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code=measure, orientation_date=ORIENTED, criteria=codes)
    )
    return household.id, episode.id


def _avdl_id(services: Services) -> int:
    return services.measures.measure_by_code("avdl").id


def _labels(services: Services, measure: str = "avdl") -> list[str]:
    return [criterion.label for criterion in services.criteria.criteria_of(measure)]


def _other_staff(services: Services, role: str = "travailleur_social") -> int:
    own = services.setup.own_organisation_id()
    assert own is not None
    return services.directory.create_staff(StaffInput("Paul", "Roux", role, own)).id


# ------------------------------------------------------------------------------------------- the episode


def test_the_seeded_criteria_of_a_measure_are_offered_in_order(services: Services) -> None:
    assert _labels(services) == list(AVDL)
    assert [c.code for c in services.criteria.criteria_of("asll")] == ["fsl", "maintien"]
    with pytest.raises(NotFoundError):
        services.criteria.criteria_of("pas_un_dispositif")


def test_a_referral_keeps_the_criteria_ticked_and_the_checklist_shows_every_active_one(services: Services) -> None:
    _household, episode_id = _referral(services, "dalo", "siao")
    checklist = services.criteria.episode_criteria(episode_id)
    assert checklist.met_codes == {"dalo", "siao"}
    assert [check.code for check in checklist.checks] == [c.code for c in services.criteria.criteria_of("avdl")]
    assert checklist.measure_name == services.measures.measure_by_code("avdl").name
    assert checklist.row_version == services.episodes.episode(episode_id).row_version


def test_a_criterion_of_another_measure_is_refused_in_french_and_nothing_is_recorded(services: Services) -> None:
    household = new_household(services)
    with pytest.raises(ValidationError) as refused:
        services.episodes.open_episode(
            household.id, OrientationInput(measure_code="avdl", orientation_date=ORIENTED, criteria=("fsl",))
        )
    assert refused.value.errors == {"criteria": GONE}
    assert services.episodes.episodes_for(household.id) == []


@pytest.mark.parametrize("ticked", [(), ("dalo", "expulsion", "siao")])
def test_criteria_never_block_an_admission(services: Services, ticked: tuple[str, ...]) -> None:
    """Information, never a gate: nothing ticked or everything, the referral goes all the way to actif."""
    _household, episode_id = _referral(services, *ticked)
    services.episodes.put_on_waiting_list(
        episode_id, on=ORIENTED, expected_version=current_version(services.episodes, "put_on_waiting_list", episode_id)
    )
    services.episodes.agree(
        episode_id, on=ORIENTED, expected_version=current_version(services.episodes, "agree", episode_id)
    )
    started = services.episodes.activate(
        episode_id,
        on=ORIENTED + timedelta(days=7),
        level_code="renforce",
        expected_version=current_version(services.episodes, "activate", episode_id),
    )
    assert started.status is EpisodeStatus.ACTIF
    assert services.criteria.episode_criteria(episode_id).met_codes == set(ticked)


def test_ticking_is_a_change_of_the_episode_versioned_and_audited(services: Services) -> None:
    _household, episode_id = _referral(services, "dalo")
    before = current_version(services.criteria, "set_met_criteria", episode_id)
    changed = services.criteria.set_met_criteria(episode_id, {"siao", "expulsion"}, expected_version=before)
    assert changed.met_codes == {"siao", "expulsion"}
    assert changed.row_version == before + 1 == services.episodes.episode(episode_id).row_version
    assert raw_rows(
        services,
        "SELECT action, fields FROM audit_event WHERE entity_type = 'episode' AND entity_id = :id ORDER BY id",
        id=episode_id,
    )[-1] == ("UPDATE", "entry_criteria")
    with pytest.raises(ConcurrentChangeError, match="modifié"):
        services.criteria.set_met_criteria(episode_id, set(), expected_version=before)
    assert services.criteria.episode_criteria(episode_id).met_codes == {"siao", "expulsion"}
    cleared = services.criteria.set_met_criteria(episode_id, [], expected_version=changed.row_version)
    assert cleared.met_codes == frozenset() and cleared.met_labels == ()


def test_an_unknown_code_is_refused_under_the_checklist(services: Services) -> None:
    _household, episode_id = _referral(services)
    version = current_version(services.criteria, "set_met_criteria", episode_id)
    with pytest.raises(ValidationError) as refused:
        services.criteria.set_met_criteria(episode_id, {"dalo", "x" * 5000}, expected_version=version)
    assert refused.value.errors == {"criteria": GONE}
    assert services.criteria.episode_criteria(episode_id).met_codes == frozenset()


def test_someone_outside_the_households_team_neither_reads_nor_ticks_its_criteria(
    services: Services, act_as: ActAs
) -> None:
    _household, episode_id = _referral(services, "dalo")
    version = current_version(services.criteria, "set_met_criteria", episode_id)
    act_as(services, _other_staff(services))
    with pytest.raises(NotFoundError):
        services.criteria.episode_criteria(episode_id)
    with pytest.raises(ConcurrentChangeError):  # DeletedMeanwhileError: out of sight
        services.criteria.set_met_criteria(episode_id, {"siao"}, expected_version=version)


# ------------------------------------------------------------------------------------------- the catalogue


def test_the_list_is_edited_added_renamed_reordered_and_deactivated_keeping_codes(services: Services) -> None:
    measure_id = _avdl_id(services)
    stored = services.criteria.measure_criteria(measure_id)
    dalo, expulsion, siao = (
        next(c for c in stored.criteria if c.code == code) for code in ("dalo", "expulsion", "siao")
    )
    edited = services.criteria.update_criteria(
        measure_id,
        [
            CriterionInput("Orienté par le SIAO (SI-SIAO)", siao.code),
            CriterionInput("Sans logement depuis plus d'un an"),
            CriterionInput(dalo.label, dalo.code, active=False),
            expulsion.to_input(),
        ],
    )
    assert [(c.code, c.label, c.active) for c in edited.criteria] == [
        ("siao", "Orienté par le SIAO (SI-SIAO)", True),
        ("sans_logement_depuis_plus_d_un_an", "Sans logement depuis plus d'un an", True),
        ("dalo", dalo.label, False),
        ("expulsion", expulsion.label, True),
    ]
    assert [c.sort_order for c in edited.criteria] == [10, 20, 30, 40]
    assert _labels(services) == ["Orienté par le SIAO (SI-SIAO)", "Sans logement depuis plus d'un an", expulsion.label]
    assert raw_rows(
        services,
        "SELECT action, fields FROM audit_event WHERE entity_type = 'measure' AND entity_id = :id",
        id=measure_id,
    ) == [("UPDATE", "entry_criteria")]
    again = services.criteria.update_criteria(measure_id, [c.to_input() for c in edited.criteria])
    assert again == edited
    assert len(raw_rows(services, "SELECT id FROM audit_event WHERE entity_type = 'measure'")) == 1  # nothing changed


def test_a_criterion_left_out_is_deleted_unless_an_episode_ticked_it(services: Services) -> None:
    measure_id = _avdl_id(services)
    _household, episode_id = _referral(services, "dalo")
    kept = [c.to_input() for c in services.criteria.measure_criteria(measure_id).criteria if c.code == "siao"]
    edited = services.criteria.update_criteria(measure_id, kept)
    assert [(c.code, c.active) for c in edited.criteria] == [("siao", True), ("dalo", False)]  # expulsion: deleted
    checklist = services.criteria.episode_criteria(episode_id)
    assert [(c.code, c.met, c.active) for c in checklist.checks] == [("siao", False, True), ("dalo", True, False)]
    version = checklist.row_version
    # Still ticked, it stays ticked; deactivated, it cannot be newly ticked elsewhere.
    assert services.criteria.set_met_criteria(episode_id, {"dalo", "siao"}, expected_version=version).met_codes == {
        "dalo",
        "siao",
    }
    fresh = _referral(services)[1]
    with pytest.raises(ValidationError):
        services.criteria.set_met_criteria(
            fresh, {"dalo"}, expected_version=current_version(services.criteria, "set_met_criteria", fresh)
        )
    # Typed again under its label, a criterion left out comes back with its code (and its ticks).
    back = services.criteria.update_criteria(measure_id, [*kept, CriterionInput("reconnu prioritaire  dalo")])
    assert [(c.code, c.label, c.active) for c in back.criteria] == [
        ("siao", "Orienté par le SIAO", True),
        ("dalo", "reconnu prioritaire dalo", True),
    ]


def test_a_criterion_ticked_on_a_household_the_editor_does_not_see_is_deactivated_not_deleted(
    services: Services, act_as: ActAs
) -> None:
    measure_id = _avdl_id(services)
    _household, episode_id = _referral(services, "expulsion")
    claire = services.context.actor.staff_member_id
    administrator = _other_staff(services, "administrateur")
    act_as(services, administrator)
    edited = services.criteria.update_criteria(measure_id, [CriterionInput("Orienté par le SIAO", "siao")])
    assert [(c.code, c.active) for c in edited.criteria] == [("siao", True), ("expulsion", False)]
    again = services.criteria.update_criteria(measure_id, [CriterionInput("Orienté par le SIAO", "siao")])
    assert again == edited  # left out again: still kept, and nothing changed
    act_as(services, claire)
    assert services.criteria.episode_criteria(episode_id).met_codes == {"expulsion"}
    events = raw_rows(
        services, "SELECT fields FROM audit_event WHERE entity_type = 'measure' AND entity_id = :id", id=measure_id
    )
    assert events == [("entry_criteria",)]


@pytest.mark.parametrize(
    ("criteria", "field", "message"),
    [
        ([CriterionInput("  ")], "criteria.0.label", "Critère 1 : ce champ est obligatoire."),
        ([CriterionInput("Sans domicile"), CriterionInput("sans  DOMICILE")], "criteria.1.label", "déjà en ligne 1"),
        ([CriterionInput("x" * 201)], "criteria.0.label", "Critère 1 :"),
        ([CriterionInput("Autre", "n'importe quoi")], "criteria.0.label", "code invalide"),
        ([CriterionInput("Autre", "jamais_vu")], "criteria.0.label", "n'est pas (ou plus) proposé"),
        ([CriterionInput(f"Critère {n}") for n in range(MAX_CRITERIA + 1)], "criteria", "30 au plus"),
    ],
)
def test_a_faulty_list_is_refused_in_french_and_nothing_changes(
    services: Services, criteria: list[CriterionInput], field: str, message: str
) -> None:
    measure_id = _avdl_id(services)
    before = services.criteria.measure_criteria(measure_id)
    with pytest.raises(ValidationError) as refused:
        services.criteria.update_criteria(measure_id, criteria)
    assert message in refused.value.errors[field]
    assert services.criteria.measure_criteria(measure_id) == before


def test_an_unknown_measure_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.criteria.measure_criteria(99_999)
    with pytest.raises(NotFoundError):
        services.criteria.update_criteria(99_999, [])
