"""Tests of caseworker/services/support/team.py: the household's team, its coordinator, and caseloads (F20, F22)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import event as sql_event
from sqlalchemy import select

from caseworker.domain import EpisodeStatus
from caseworker.models import Episode, IntensityLevel, IntensityPeriod, Measure, StaffMember
from caseworker.services import Services
from caseworker.services.directory import OrganisationInput, PartnerContactInput, StaffInput
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.support import TeamMemberInput, TeamMemberView
from caseworker.services.support.coordination import ONLY_SOCIAL_WORKERS_COORDINATE, SUCCESSOR_REQUIRED
from tests.services.builders import TODAY, new_household, raw_rows
from tests.services.conftest import ActAs

JAN = date(2026, 1, 5)


# ---------------------------------------------------------------------------------------------- builders


def organisation(services: Services, name: str, kind: str = "association") -> int:
    return services.directory.create_organisation(OrganisationInput(name=name, kind_code=kind)).id


def staff(
    services: Services, organisation_id: int, first: str, last: str, role: str = "travailleur_social", fte: int = 100
) -> int:
    return services.directory.create_staff(StaffInput(first, last, role, organisation_id, fte_percent=fte)).id


def own_organisation_id(services: Services) -> int:
    return services.directory.get_staff(claire(services)).organisation_id


def claire(services: Services) -> int:
    """Claire MARTIN, the social worker of the ``services`` fixture (acting or not)."""
    return next(member.id for member in services.directory.list_staff() if member.display_name == "Claire MARTIN")


@pytest.fixture
def as_lead(services: Services, act_as: ActAs) -> int:
    """Act as Sophie LEROY, the team lead, who sees every household.

    Claire stops seeing a household she created once a colleague is on its team without her, or after she left
    it (docs/domain.md §2): these tests of the team's rules read through the person who sees them all.
    """
    lead = staff(services, own_organisation_id(services), "Sophie", "Leroy", "chef_service")
    act_as(services, lead)
    return lead


def add_staff(
    services: Services, household_id: int, staff_id: int, start: date = JAN, *, role: str = "referent_social", **kw
) -> TeamMemberView:
    return services.team.add_member(
        household_id, TeamMemberInput(role_code=role, start_date=start, staff_member_id=staff_id, **kw)
    )


def start_support(
    services: Services,
    household_id: int,
    *,
    measure_code: str = "chez_soi_dabord",
    level_code: str | None = "standard",
    status: EpisodeStatus = EpisodeStatus.ACTIF,
    start: date = JAN,
) -> int:
    """Insert a running episode and its current intensity directly (the episode service is written elsewhere)."""
    with services.context.transaction() as session:
        measure = session.scalars(select(Measure).where(Measure.code == measure_code)).one()
        episode = Episode(
            household_id=household_id,
            measure_id=measure.id,
            status=status,
            orientation_date=start,
            start_date=start,
        )
        session.add(episode)
        session.flush()
        if level_code is not None:
            session.add(
                IntensityPeriod(
                    episode_id=episode.id, level_id=_level_id(session, measure.id, level_code), start_date=start
                )
            )
        return episode.id


def change_intensity(services: Services, episode_id: int, level_code: str, on: date) -> None:
    with services.context.transaction() as session:
        episode = session.get(Episode, episode_id)
        assert episode is not None
        for period in episode.intensity_periods:
            if period.end_date is None:
                period.end_date = on - timedelta(days=1)
        session.add(
            IntensityPeriod(
                episode_id=episode_id, level_id=_level_id(session, episode.measure_id, level_code), start_date=on
            )
        )


def set_episode_status(services: Services, episode_id: int, status: EpisodeStatus) -> None:
    with services.context.transaction() as session:
        episode = session.get(Episode, episode_id)
        assert episode is not None
        episode.status = status


def _level_id(session, measure_id: int, code: str) -> int:  # type: ignore[no-untyped-def]
    return session.scalars(
        select(IntensityLevel.id).where(IntensityLevel.measure_id == measure_id, IntensityLevel.code == code)
    ).one()


def team_rows(services: Services, household_id: int) -> list[tuple[object, ...]]:
    return raw_rows(
        services,
        "SELECT staff_member_id, partner_contact_id, is_coordinator, start_date, end_date FROM team_membership "
        "WHERE household_id = :h ORDER BY start_date, id",
        h=household_id,
    )


@contextmanager
def counted_statements(services: Services) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    sql_event.listen(services.context.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sql_event.remove(services.context.engine, "before_cursor_execute", count)


# ------------------------------------------------------------------------------------------ the team (F20)


def test_the_first_member_who_may_coordinate_becomes_coordinator(services: Services) -> None:
    household = new_household(services)
    view = add_staff(services, household.id, claire(services))
    assert view.is_coordinator and view.may_coordinate and view.is_current
    assert (view.name, view.organisation_name, view.profession_label) == (
        "Claire MARTIN",
        "Association Le Toit",
        "Travailleur social",
    )
    assert (view.role_code, view.role_label) == ("referent_social", "Référent·e social·e")
    assert services.team.current_coordinator(household.id) == view
    assert services.team.coordinator_changes(household.id) == 0


def test_f20_three_organisations_and_removing_the_coordinator_forces_a_successor(
    as_lead: int, services: Services
) -> None:
    household = new_household(services)
    peer_org = organisation(services, "Association Pair à Pair")
    health_org = organisation(services, "CMP Rennes Nord", "sante")
    peer = staff(services, peer_org, "Karim", "Benali", "travailleur_pair")
    nurse = staff(services, health_org, "Inès", "Roux", "infirmier")
    coordinator = add_staff(services, household.id, claire(services))
    add_staff(services, household.id, peer, date(2026, 2, 1), role="travailleur_pair")
    add_staff(services, household.id, nurse, date(2026, 2, 1), role="referent_sante")
    team = services.team.team(household.id)
    assert [member.organisation_name for member in team] == [
        "Association Le Toit",
        "Association Pair à Pair",
        "CMP Rennes Nord",
    ]
    assert [member.is_coordinator for member in team] == [True, False, False]

    # Nobody left can coordinate: the coordinator cannot leave.
    with pytest.raises(ValidationError) as refused:
        services.team.end_membership(coordinator.id, end_date=date(2026, 5, 31))
    assert refused.value.errors["successor_id"].startswith(SUCCESSOR_REQUIRED)
    peer_membership = next(member for member in team if member.staff_member_id == peer)
    with pytest.raises(ValidationError) as refused:
        services.team.end_membership(coordinator.id, end_date=date(2026, 5, 31), successor_id=peer_membership.id)
    assert refused.value.errors == {"successor_id": ONLY_SOCIAL_WORKERS_COORDINATE}

    # A second social worker joins; now the coordinator can leave, naming them in the same operation.
    second = staff(services, own_organisation_id(services), "Lucie", "Garnier")
    successor = add_staff(services, household.id, second, date(2026, 3, 1))
    assert not successor.is_coordinator
    with pytest.raises(ValidationError) as refused:
        services.team.end_membership(coordinator.id, end_date=date(2026, 5, 31))
    assert refused.value.errors == {"successor_id": SUCCESSOR_REQUIRED}
    services.team.end_membership(
        coordinator.id, end_date=date(2026, 5, 31), reason="Mutation", successor_id=successor.id
    )
    now = services.team.current_coordinator(household.id)
    assert now is not None
    assert (now.staff_member_id, now.start_date) == (second, date(2026, 6, 1))
    assert {member.staff_member_id for member in services.team.team(household.id)} == {peer, nurse, second}
    assert services.team.coordinator_changes(household.id) == 1
    past = [member for member in services.team.team(household.id, include_past=True) if not member.is_current]
    assert {(member.staff_member_id, member.end_date, member.end_reason) for member in past} == {
        (claire(services), date(2026, 5, 31), "Mutation"),
        (second, date(2026, 5, 31), "Changement de référent coordinateur"),
    }


def test_designating_a_coordinator_keeps_the_history_and_counts_changes(services: Services) -> None:
    household = new_household(services)
    other = staff(services, own_organisation_id(services), "Lucie", "Garnier")
    first = add_staff(services, household.id, claire(services), date(2026, 1, 1))
    second = add_staff(services, household.id, other, date(2026, 2, 1))
    services.team.designate_coordinator(household.id, second.id, on=date(2026, 3, 1))
    assert team_rows(services, household.id) == [
        (claire(services), None, 1, "2026-01-01", "2026-02-28"),
        (other, None, 0, "2026-02-01", "2026-02-28"),
        (claire(services), None, 0, "2026-03-01", None),
        (other, None, 1, "2026-03-01", None),
    ]
    team = services.team.team(household.id)
    assert [(member.staff_member_id, member.is_coordinator) for member in team] == [
        (other, True),
        (claire(services), False),
    ]
    assert services.team.coordinator_changes(household.id) == 1
    services.team.designate_coordinator(household.id, team[1].id, on=date(2026, 4, 1))
    assert services.team.coordinator_changes(household.id) == 2
    assert len(services.team.team(household.id, include_past=True)) == 6
    assert first.id != team[1].id  # the membership was split


def test_designation_on_the_day_a_membership_starts_flips_the_flags_in_place(services: Services) -> None:
    household = new_household(services)
    other = staff(services, own_organisation_id(services), "Lucie", "Garnier")
    add_staff(services, household.id, claire(services), date(2026, 3, 1))
    second = add_staff(services, household.id, other, date(2026, 3, 1))
    services.team.designate_coordinator(household.id, second.id, on=date(2026, 3, 1))
    assert team_rows(services, household.id) == [
        (claire(services), None, 0, "2026-03-01", None),
        (other, None, 1, "2026-03-01", None),
    ]
    assert services.team.coordinator_changes(household.id) == 0
    services.team.designate_coordinator(household.id, second.id, on=date(2026, 4, 1))  # already: nothing to do
    assert len(team_rows(services, household.id)) == 2


def test_adding_a_coordinator_hands_over_and_the_previous_one_stays(services: Services) -> None:
    household = new_household(services)
    other = staff(services, own_organisation_id(services), "Lucie", "Garnier")
    add_staff(services, household.id, claire(services), date(2026, 1, 1))
    with pytest.raises(ValidationError) as refused:
        add_staff(services, household.id, other, date(2025, 12, 1), is_coordinator=True)
    assert "depuis le 01/01/2026" in refused.value.errors["start_date"]
    added = add_staff(services, household.id, other, date(2026, 4, 1), is_coordinator=True)
    assert added.is_coordinator
    assert team_rows(services, household.id) == [
        (claire(services), None, 1, "2026-01-01", "2026-03-31"),
        (claire(services), None, 0, "2026-04-01", None),
        (other, None, 1, "2026-04-01", None),
    ]
    assert services.team.coordinator_changes(household.id) == 1


def test_only_a_social_worker_coordinates(as_lead: int, services: Services) -> None:
    household = new_household(services)
    partner = organisation(services, "CMP Rennes Nord", "sante")
    peer = staff(services, own_organisation_id(services), "Karim", "Benali", "travailleur_pair")
    contact = services.directory.create_partner_contact(
        PartnerContactInput(organisation_id=partner, first_name="Paul", last_name="Henry")
    )
    first = add_staff(services, household.id, peer, role="travailleur_pair")
    assert not first.is_coordinator and not first.may_coordinate  # the first member, but not a social worker
    with pytest.raises(ValidationError) as refused:
        services.team.add_member(
            household.id,
            TeamMemberInput("partenaire", JAN, partner_contact_id=contact.id, is_coordinator=True),
        )
    assert refused.value.errors == {"is_coordinator": ONLY_SOCIAL_WORKERS_COORDINATE}
    member = services.team.add_member(household.id, TeamMemberInput("partenaire", JAN, partner_contact_id=contact.id))
    assert (member.name, member.organisation_name, member.may_coordinate) == ("Paul HENRY", "CMP Rennes Nord", False)
    with pytest.raises(ValidationError) as refused:
        services.team.designate_coordinator(household.id, member.id, on=JAN)
    assert refused.value.errors == {"membership_id": ONLY_SOCIAL_WORKERS_COORDINATE}
    assert services.team.current_coordinator(household.id) is None
    # A social worker joining a team without coordinator takes the coordination.
    assert add_staff(services, household.id, claire(services), date(2026, 2, 1)).is_coordinator


def test_member_input_is_checked(services: Services) -> None:
    household = new_household(services)
    with pytest.raises(ValidationError) as refused:
        services.team.add_member(household.id, TeamMemberInput("referent_social", TODAY + timedelta(days=1)))
    assert set(refused.value.errors) == {"start_date", "member"}
    assert "futur" in refused.value.errors["start_date"]
    with pytest.raises(ValidationError) as refused:
        services.team.add_member(
            household.id,
            TeamMemberInput("referent_social", JAN, staff_member_id=claire(services), partner_contact_id=1),
        )
    assert set(refused.value.errors) == {"member"}
    with pytest.raises(ValidationError) as refused:
        add_staff(services, household.id, claire(services), role="nope")
    assert set(refused.value.errors) == {"role_code"}
    with pytest.raises(NotFoundError):
        add_staff(services, household.id, 9999)
    with pytest.raises(NotFoundError):
        services.team.add_member(household.id, TeamMemberInput("partenaire", JAN, partner_contact_id=9999))
    with pytest.raises(NotFoundError):
        add_staff(services, 9999, claire(services))
    inactive = staff(services, own_organisation_id(services), "Ancien", "Salarié")
    with services.context.transaction() as session:
        member = session.get(StaffMember, inactive)
        assert member is not None
        member.active = False
    with pytest.raises(ValidationError) as refused:
        add_staff(services, household.id, inactive)
    assert refused.value.errors == {"member": "Ancien SALARIÉ n'est plus actif dans l'annuaire."}


def test_the_same_person_is_never_twice_on_the_team(as_lead: int, services: Services) -> None:
    household = new_household(services)
    other = staff(services, own_organisation_id(services), "Lucie", "Garnier")
    add_staff(services, household.id, claire(services))
    membership = add_staff(services, household.id, other)
    with pytest.raises(ValidationError) as refused:
        add_staff(services, household.id, other, date(2026, 3, 1))
    assert refused.value.errors == {"member": "Lucie GARNIER fait déjà partie de l'équipe."}
    services.team.end_membership(membership.id, end_date=date(2026, 3, 31))
    with pytest.raises(ValidationError) as refused:
        add_staff(services, household.id, other, date(2026, 3, 31))
    assert "jusqu'au 31/03/2026" in refused.value.errors["start_date"]
    back = add_staff(services, household.id, other, date(2026, 4, 1))
    assert back.is_current
    # Another household's team is another matter.
    assert add_staff(services, new_household(services, "Noé", "Traoré").id, other).is_current


def test_ending_a_membership_checks_its_dates(services: Services) -> None:
    household = new_household(services)
    other = staff(services, own_organisation_id(services), "Lucie", "Garnier")
    add_staff(services, household.id, claire(services))
    membership = add_staff(services, household.id, other, date(2026, 2, 1))
    with pytest.raises(ValidationError) as refused:
        services.team.end_membership(membership.id, end_date=date(2026, 1, 31))
    assert "antérieure" in refused.value.errors["end_date"]
    with pytest.raises(ValidationError) as refused:
        services.team.end_membership(membership.id, end_date=TODAY + timedelta(days=1))
    assert "futur" in refused.value.errors["end_date"]
    with pytest.raises(ValidationError) as refused:
        services.team.end_membership(membership.id, end_date=TODAY, reason="x" * 301)
    assert set(refused.value.errors) == {"end_reason"}
    services.team.end_membership(membership.id, end_date=TODAY, reason="  Fin de mission ")
    ended = next(m for m in services.team.team(household.id, include_past=True) if m.id == membership.id)
    assert (ended.end_date, ended.end_reason, ended.is_current) == (TODAY, "Fin de mission", False)
    with pytest.raises(ValidationError) as refused:
        services.team.end_membership(membership.id, end_date=TODAY)
    assert refused.value.errors == {"end_date": "Cette personne a déjà quitté l'équipe."}
    with pytest.raises(NotFoundError):
        services.team.end_membership(9999, end_date=TODAY)


def test_the_last_coordinator_stays_while_support_is_running(services: Services) -> None:
    household = new_household(services)
    coordinator = add_staff(services, household.id, claire(services))
    episode = start_support(services, household.id, status=EpisodeStatus.SUSPENDU)
    with pytest.raises(ValidationError) as refused:
        services.team.end_membership(coordinator.id, end_date=TODAY)
    assert set(refused.value.errors) == {"coordinator"}
    set_episode_status(services, episode, EpisodeStatus.CLOTURE)
    services.team.end_membership(coordinator.id, end_date=TODAY)
    assert services.team.team(household.id) == []
    assert services.team.current_coordinator(household.id) is None


def test_a_successor_must_be_a_current_member_of_the_same_team(as_lead: int, services: Services) -> None:
    household = new_household(services)
    elsewhere = new_household(services, "Noé", "Traoré")
    other = staff(services, own_organisation_id(services), "Lucie", "Garnier")
    coordinator = add_staff(services, household.id, claire(services))
    add_staff(services, household.id, other, date(2026, 5, 1))
    stranger = add_staff(services, elsewhere.id, other)
    with pytest.raises(ValidationError) as refused:
        services.team.end_membership(coordinator.id, end_date=TODAY, successor_id=stranger.id)
    assert set(refused.value.errors) == {"successor_id"}
    with pytest.raises(NotFoundError):
        services.team.designate_coordinator(household.id, stranger.id, on=TODAY)
    with pytest.raises(ValidationError) as refused:
        services.team.designate_coordinator(elsewhere.id, stranger.id, on=TODAY + timedelta(days=1))
    assert set(refused.value.errors) == {"on"}


def test_a_handover_cannot_start_before_the_members_arrival(services: Services) -> None:
    household = new_household(services)
    other = staff(services, own_organisation_id(services), "Lucie", "Garnier")
    add_staff(services, household.id, claire(services), date(2026, 1, 1))
    second = add_staff(services, household.id, other, date(2026, 3, 1))
    with pytest.raises(ValidationError) as refused:
        services.team.designate_coordinator(household.id, second.id, on=date(2026, 2, 1))
    assert "Lucie GARNIER" in refused.value.errors["on"]


def test_every_change_is_audited(as_lead: int, services: Services) -> None:
    household = new_household(services)
    other = staff(services, own_organisation_id(services), "Lucie", "Garnier")
    first = add_staff(services, household.id, claire(services), date(2026, 1, 1))
    second = add_staff(services, household.id, other, date(2026, 2, 1))
    services.team.end_membership(first.id, end_date=date(2026, 4, 30), successor_id=second.id)
    events = raw_rows(
        services,
        "SELECT action, entity_id, household_id, fields FROM audit_event WHERE entity_type = 'team_membership' "
        "ORDER BY id",
    )
    successor_row = services.team.current_coordinator(household.id)
    assert successor_row is not None
    assert events == [
        ("CREATE", first.id, household.id, "is_coordinator,role_id,staff_member_id,start_date"),
        ("CREATE", second.id, household.id, "role_id,staff_member_id,start_date"),
        # The hand-over, then the departure (who leaves their own team no longer sees it afterwards).
        ("UPDATE", second.id, household.id, "end_date,end_reason"),
        ("CREATE", successor_row.id, household.id, "is_coordinator,role_id,staff_member_id,start_date"),
        ("UPDATE", first.id, household.id, "end_date,end_reason"),
    ]


def test_role_choices_and_candidates(as_lead: int, services: Services) -> None:
    codes = [choice.code for choice in services.team.role_choices()]
    assert codes == [
        "referent_social",
        "referent_sante",
        "travailleur_pair",
        "referent_logement",
        "juriste",
        "partenaire",
        "autre",
    ]
    household = new_household(services)
    landlord = organisation(services, "Habitat 35", "bailleur_social")
    contact = services.directory.create_partner_contact(
        PartnerContactInput(organisation_id=landlord, first_name="Anne", last_name="Petit", role_code="cesf")
    )
    nurse = staff(services, organisation(services, "CMP", "sante"), "Inès", "Roux", "infirmier")
    candidates = services.team.candidates(household.id)
    assert [(c.name, c.profession_label, c.may_coordinate, c.suggested_role_code) for c in candidates] == [
        ("Sophie LEROY", "Chef·fe de service", False, "autre"),  # the association's staff first
        ("Claire MARTIN", "Travailleur social", True, "referent_social"),
        ("Inès ROUX", "Infirmier·e", False, "referent_sante"),
        ("Anne PETIT", "Conseiller·ère social·e / CESF", False, "referent_logement"),
    ]
    assert candidates[3].partner_contact_id == contact.id
    add_staff(services, household.id, nurse)
    assert [c.name for c in services.team.candidates(household.id)] == ["Sophie LEROY", "Claire MARTIN", "Anne PETIT"]


def test_current_household_ids(as_lead: int, services: Services) -> None:
    first, second, third = (new_household(services, "A", name) for name in ("Un", "Deux", "Trois"))
    for household in (first, second, third):
        add_staff(services, household.id, claire(services))
    other = staff(services, own_organisation_id(services), "Lucie", "Garnier")
    add_staff(services, second.id, other, date(2026, 2, 1))
    coordinator = services.team.current_coordinator(second.id)
    successor = next(m for m in services.team.team(second.id) if m.staff_member_id == other)
    assert coordinator is not None
    services.team.end_membership(coordinator.id, end_date=date(2026, 3, 1), successor_id=successor.id)
    assert services.team.current_household_ids(claire(services)) == [first.id, third.id]
    assert services.team.current_household_ids(other) == [second.id]


# ---------------------------------------------------------------------------------------- caseloads (F22)


def _households_of(services: Services, staff_id: int, count: int, **support: object) -> list[tuple[int, int]]:
    """Create ``count`` households with running support and ``staff_id`` on their team; return (household, episode)."""
    created = []
    for number in range(count):
        household = new_household(services, "Ménage", f"N{number:03d}")
        add_staff(services, household.id, staff_id)
        created.append((household.id, start_support(services, household.id, **support)))  # type: ignore[arg-type]
    return created


def test_f22_twelve_households_on_a_one_to_ten_measure_are_over_target(services: Services) -> None:
    households = _households_of(services, claire(services), 12)
    load = services.team.caseload(claire(services))
    assert (load.name, load.role_label, load.fte_percent) == ("Claire MARTIN", "Travailleur social", 100)
    assert (load.households, load.weighted_load, load.target) == (12, 12.0, 10.0)
    assert load.ratio == pytest.approx(1.2)
    assert load.over_target
    # Renforcé weighs 2, standard 1: three households stepped up add three to the load.
    for _household, episode in households[:3]:
        change_intensity(services, episode, "renforce", date(2026, 3, 1))
    load = services.team.caseload(claire(services))
    assert (load.households, load.weighted_load) == (12, 15.0)
    assert load.ratio == pytest.approx(1.5)
    # Veille weighs a half: a lighter caseload can fall under the target.
    for _household, episode in households:
        change_intensity(services, episode, "veille", date(2026, 4, 1))
    load = services.team.caseload(claire(services))
    assert (load.weighted_load, load.over_target) == (6.0, False)


def test_caseload_counts_only_running_support_and_current_membership(as_lead: int, services: Services) -> None:
    staff_id = claire(services)
    (_paused, paused_episode), (closed, closed_episode), (left, _), (both, _) = _households_of(services, staff_id, 4)
    set_episode_status(services, paused_episode, EpisodeStatus.SUSPENDU)  # counted, weighs 0
    set_episode_status(services, closed_episode, EpisodeStatus.CLOTURE)  # not counted
    # A second running episode under another measure: the heaviest level and the smallest target win.
    start_support(services, both, measure_code="avdl", level_code="renforce")
    # An episode without intensity recorded weighs as standard.
    no_level = new_household(services, "Sans", "Niveau")
    add_staff(services, no_level.id, staff_id)
    start_support(services, no_level.id, measure_code="asll", level_code=None)
    # Leaving the team removes the household from the caseload.
    other = staff(services, own_organisation_id(services), "Lucie", "Garnier")
    successor = add_staff(services, left, other, date(2026, 2, 1))
    mine = next(m for m in services.team.team(left) if m.staff_member_id == staff_id)
    services.team.end_membership(mine.id, end_date=date(2026, 3, 1), successor_id=successor.id)
    # A household without any episode is not counted either.
    add_staff(services, new_household(services, "Sans", "Accompagnement").id, staff_id)

    load = services.team.caseload(staff_id)
    assert load.households == 3  # paused, both, no_level
    assert load.weighted_load == 0 + 2 + 1
    assert load.target == 10.0  # chez-soi d'abord (10) beats AVDL (25) and ASLL (30)
    lucie = services.team.caseload(other)
    assert (lucie.households, lucie.weighted_load, lucie.target) == (1, 1.0, 10.0)
    assert closed


def test_caseload_target_follows_the_working_time(as_lead: int, services: Services) -> None:
    part_time = staff(services, own_organisation_id(services), "Lucie", "Garnier", fte=50)
    _households_of(services, part_time, 6)
    load = services.team.caseload(part_time)
    assert (load.households, load.weighted_load, load.target, load.fte_percent) == (6, 6.0, 5.0, 50)
    assert load.over_target


def test_caseload_without_target_or_households(services: Services) -> None:
    load = services.team.caseload(claire(services))
    assert (load.households, load.weighted_load, load.target, load.ratio, load.over_target) == (
        0,
        0.0,
        None,
        None,
        False,
    )
    with services.context.transaction() as session:
        for measure in session.scalars(select(Measure)):
            measure.caseload_target = None
    _households_of(services, claire(services), 2)
    load = services.team.caseload(claire(services))
    assert (load.households, load.target, load.ratio, load.over_target) == (2, None, None, False)
    with pytest.raises(NotFoundError):
        services.team.caseload(9999)


def test_caseloads_lists_the_association_and_partners_on_a_team(services: Services) -> None:
    partner_org = organisation(services, "Association Pair à Pair")
    peer = staff(services, partner_org, "Karim", "Benali", "travailleur_pair")
    staff(services, partner_org, "Zoé", "Absente", "travailleur_pair")  # on no team: not listed
    colleague = staff(services, own_organisation_id(services), "Lucie", "Garnier")  # own staff: listed
    ((household, _),) = _households_of(services, claire(services), 1)
    add_staff(services, household, peer, role="travailleur_pair")
    loads = services.team.caseloads()
    assert [(load.name, load.households) for load in loads] == [
        ("Karim BENALI", 1),
        ("Lucie GARNIER", 0),
        ("Claire MARTIN", 1),
    ]
    assert [load.staff_member_id for load in services.team.caseloads(staff_member_ids=[colleague, peer])] == [
        peer,
        colleague,
    ]


def test_caseloads_take_a_fixed_number_of_queries(as_lead: int, services: Services) -> None:
    _households_of(services, claire(services), 3)
    with counted_statements(services) as few:
        services.team.caseloads()
    _households_of(services, claire(services), 27)
    with counted_statements(services) as many:
        loads = services.team.caseloads()
    assert next(load.households for load in loads if load.staff_member_id == claire(services)) == 30
    assert len(many) == len(few) <= 2


# ------------------------------------------------------------------------------ one coordinator, always


@dataclass(frozen=True)
class Step:
    kind: str  # add, add_coordinator, end, designate
    person: int
    days_later: int


STEPS = st.builds(
    Step,
    st.sampled_from(["add", "add", "add_coordinator", "end", "end", "designate"]),
    st.integers(0, 4),
    st.integers(0, 3),
)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEPS, max_size=14), running=st.booleans())
def test_random_changes_keep_exactly_one_coordinator(
    as_lead: int, services: Services, steps: list[Step], running: bool
) -> None:
    own = own_organisation_id(services)
    partner = organisation(services, "Partenaire")
    contact = services.directory.create_partner_contact(
        PartnerContactInput(organisation_id=partner, first_name="Paul", last_name="Henry")
    ).id
    # Two social workers, one of a partner organisation, a peer worker, a partner contact.
    people: list[tuple[int | None, int | None]] = [
        (claire(services), None),
        (staff(services, own, "Lucie", "Garnier"), None),
        (staff(services, partner, "Marc", "Perrin"), None),
        (staff(services, partner, "Karim", "Benali", "travailleur_pair"), None),
        (None, contact),
    ]
    household = new_household(services).id
    if running:
        start_support(services, household)
    day = date(2026, 1, 5)
    for step in steps:
        day += timedelta(days=step.days_later)
        staff_id, contact_id = people[step.person]
        team = services.team.team(household)
        mine = next(
            (m for m in team if (m.staff_member_id, m.partner_contact_id) == (staff_id, contact_id)),
            None,
        )
        try:
            if step.kind in {"add", "add_coordinator"}:
                services.team.add_member(
                    household,
                    TeamMemberInput(
                        "autre",
                        day,
                        staff_member_id=staff_id,
                        partner_contact_id=contact_id,
                        is_coordinator=step.kind == "add_coordinator",
                    ),
                )
            elif step.kind == "end" and mine is not None:
                successor = next((m.id for m in team if m.may_coordinate and m.id != mine.id), None)
                services.team.end_membership(
                    mine.id, end_date=day, successor_id=successor if mine.is_coordinator else None
                )
            elif step.kind == "designate" and mine is not None:
                services.team.designate_coordinator(household, mine.id, on=day)
            event(f"{step.kind} accepted")
        except ValidationError as refused:
            event(f"{step.kind} refused: {', '.join(sorted(refused.errors))}")
        _check_one_coordinator(services, household)


def _check_one_coordinator(services: Services, household: int) -> None:
    current = services.team.team(household)
    coordinators = [member for member in current if member.is_coordinator]
    assert len(coordinators) <= 1
    if any(member.may_coordinate for member in current):
        assert len(coordinators) == 1
    assert all(member.may_coordinate for member in coordinators)
    people = [(member.staff_member_id, member.partner_contact_id) for member in current]
    assert len(people) == len(set(people))
    # At every moment of the history too: coordination periods follow each other without overlapping.
    history = sorted(
        (m for m in services.team.team(household, include_past=True) if m.is_coordinator),
        key=lambda member: member.start_date,
    )
    for before, after in pairwise(history):
        assert before.end_date is not None and before.end_date < after.start_date
