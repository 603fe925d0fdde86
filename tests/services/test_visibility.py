"""Who sees which household (docs/domain.md §2): the households whose team one is on; the team lead sees them all.

Run on both backends: locally the services apply the rule; on the team's server its row-level security does too.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from caseworker.services import Services
from caseworker.services.directory import StaffInput
from caseworker.services.errors import NotFoundError
from caseworker.services.households import listing
from caseworker.services.support import TeamMemberInput
from tests.services.builders import TODAY, new_household
from tests.services.conftest import ActAs


def _staff(services: Services, first: str, last: str, role: str) -> int:
    own = services.setup.own_organisation_id()
    assert own is not None
    return services.directory.create_staff(StaffInput(first, last, role, own)).id


def _listed(services: Services) -> set[int]:
    return {summary.id for summary in services.households.list_summaries()}


def test_a_referent_sees_the_households_of_their_teams_and_the_team_lead_sees_all(
    services: Services, act_as: ActAs
) -> None:
    claire = services.context.actor.staff_member_id
    assert claire is not None
    paul = _staff(services, "Paul", "Roux", "travailleur_social")
    lead = _staff(services, "Sophie", "Leroy", "chef_service")
    shared = new_household(services, "Awa", "Diallo")
    mine = new_household(services, "Hélène", "Çelik")
    assert _listed(services) == {shared.id, mine.id}  # a file just opened: its creator sees it
    services.team.add_member(shared.id, TeamMemberInput("referent_social", TODAY, staff_member_id=claire))
    services.team.add_member(mine.id, TeamMemberInput("referent_social", TODAY, staff_member_id=claire))
    services.team.add_member(shared.id, TeamMemberInput("referent_social", TODAY, staff_member_id=paul))

    act_as(services, paul)
    assert _listed(services) == {shared.id}
    assert services.households.count() == 1 and services.households.count("celik") == 0
    assert [found.id for found in services.households.search("diallo")] == [shared.id]
    with pytest.raises(NotFoundError):
        services.households.open_file(mine.id)  # the same answer as for a household that does not exist
    with pytest.raises(NotFoundError):
        services.audit.for_household(mine.id)  # nor who did what to it, and when

    act_as(services, lead)
    assert _listed(services) == {shared.id, mine.id}


@pytest.mark.parametrize("index_most", [listing.SEARCH_INDEX_MOST, 1])
def test_a_referents_search_by_part_of_a_name_finds_only_their_households(
    services: Services, act_as: ActAs, monkeypatch: pytest.MonkeyPatch, index_most: int
) -> None:
    """Whether the local search starts from the referent's households or from the name index (when they see more
    households than :data:`listing.SEARCH_INDEX_MOST` and the index names few)."""
    monkeypatch.setattr(listing, "SEARCH_INDEX_MOST", index_most)
    claire = services.context.actor.staff_member_id
    paul = _staff(services, "Paul", "Roux", "travailleur_social")
    lead = _staff(services, "Sophie", "Leroy", "chef_service")
    awa = new_household(services, "Awa", "Diallo")
    jean = new_household(services, "Jean", "Diallo-Martin")
    fatou = new_household(services, "Fatou", "Diallo")
    for household in (awa, jean):
        services.team.add_member(household.id, TeamMemberInput("referent_social", TODAY, staff_member_id=paul))
    services.team.add_member(fatou.id, TeamMemberInput("referent_social", TODAY, staff_member_id=claire))

    act_as(services, paul)
    for query, expected in (("iall", [awa.id, jean.id]), ("allo mart", [jean.id]), ("atou", []), ("fatou", [])):
        assert [found.id for found in services.households.search(query)] == expected, query
        assert services.households.count(query) == len(expected), query
        assert [item.id for item in services.households.list_page(query, limit=1).rows] == expected[:1], query
    act_as(services, lead)
    assert [found.id for found in services.households.search("iall")] == [awa.id, fatou.id, jean.id]  # by name


def test_leaving_the_team_ends_it_and_the_first_colleague_ends_the_creators_sight(
    services: Services, act_as: ActAs
) -> None:
    claire = services.context.actor.staff_member_id
    assert claire is not None
    paul = _staff(services, "Paul", "Roux", "travailleur_social")
    opened_for_paul = new_household(services, "Awa", "Diallo")
    services.team.add_member(opened_for_paul.id, TeamMemberInput("referent_social", TODAY, staff_member_id=paul))
    assert _listed(services) == set()  # Claire opened the file for Paul's team, not hers

    act_as(services, paul)
    assert _listed(services) == {opened_for_paul.id}
    other = new_household(services, "Marc", "Petit")
    membership = services.team.add_member(
        other.id, TeamMemberInput("referent_social", TODAY - timedelta(days=30), staff_member_id=paul)
    )
    colleague = services.team.add_member(
        other.id, TeamMemberInput("referent_social", TODAY - timedelta(days=30), staff_member_id=claire)
    )
    services.team.end_membership(membership.id, end_date=TODAY - timedelta(days=1), successor_id=colleague.id)
    assert _listed(services) == {opened_for_paul.id}  # his last day was yesterday
    with pytest.raises(NotFoundError):
        services.households.open_file(other.id)
    act_as(services, claire)
    assert _listed(services) == {other.id}


def test_a_volunteer_on_the_team_sees_the_household_and_an_administrator_off_it_does_not(
    services: Services, act_as: ActAs
) -> None:
    volunteer = _staff(services, "Jean", "Blanc", "benevole")
    administrator = _staff(services, "Nadia", "Benali", "administrateur")
    household = new_household(services)
    claire = services.context.actor.staff_member_id
    for member in (claire, volunteer):
        services.team.add_member(household.id, TeamMemberInput("autre", TODAY, staff_member_id=member))
    act_as(services, volunteer)
    assert _listed(services) == {household.id}
    act_as(services, administrator)
    assert _listed(services) == set()
    assert services.contacts.contacts_for(household.id) == []


def test_the_person_is_told_beforehand_when_a_team_change_takes_the_household_out_of_their_sight(
    services: Services, act_as: ActAs
) -> None:
    claire = services.context.actor.staff_member_id
    assert claire is not None
    paul = _staff(services, "Paul", "Roux", "travailleur_social")
    lead = _staff(services, "Sophie", "Leroy", "chef_service")
    household = new_household(services)
    assert services.team.keeps_sight_after_adding(household.id, claire)  # joining it oneself
    assert not services.team.keeps_sight_after_adding(household.id, paul)  # only Paul's team would see it
    assert services.team.keeps_sight_after_adding(household.id, None)  # a partner contact is not staff
    own = services.team.add_member(household.id, TeamMemberInput("referent_social", TODAY, staff_member_id=claire))
    assert services.team.keeps_sight_after_adding(household.id, paul)  # now on the team herself
    # Alone on the team, leaving gives the household back to its creator; with Paul on it, it leaves her sight.
    assert services.team.keeps_sight_after_leaving(own.id)
    pauls = services.team.add_member(household.id, TeamMemberInput("referent_social", TODAY, staff_member_id=paul))
    assert not services.team.keeps_sight_after_leaving(own.id)
    assert services.team.keeps_sight_after_leaving(pauls.id)  # a colleague leaving changes nothing for her
    act_as(services, lead)  # the team lead sees every household, on its team or not
    assert services.team.keeps_sight_after_adding(household.id, _staff(services, "Lucie", "Garnier", "infirmier"))
    act_as(services, paul)
    assert not services.team.keeps_sight_after_leaving(pauls.id)


def test_a_colleagues_caseload_counts_the_households_one_does_not_see(services: Services, act_as: ActAs) -> None:
    from tests.services.support.test_team import start_support

    claire = services.context.actor.staff_member_id
    assert claire is not None
    paul = _staff(services, "Paul", "Roux", "travailleur_social")
    lead = _staff(services, "Sophie", "Leroy", "chef_service")
    shared, pauls_own = new_household(services, "Awa", "Diallo"), new_household(services, "Hélène", "Çelik")
    for household, members in ((shared, (claire, paul)), (pauls_own, (paul,))):
        start_support(services, household.id)
        for member in members:
            services.team.add_member(household.id, TeamMemberInput("referent_social", TODAY, staff_member_id=member))
    assert _listed(services) == {shared.id}  # Claire does not see Paul's other household…
    assert services.team.caseload(paul).households == 2  # …but his caseload counts it: a figure, not a list
    assert {load.staff_member_id: load.households for load in services.team.caseloads()}[paul] == 2
    act_as(services, lead)
    assert services.team.caseload(paul).households == 2 and services.team.caseload(claire).households == 1


def test_no_record_of_a_household_one_does_not_see_is_read_even_through_its_parents(
    services: Services, act_as: ActAs, request: pytest.FixtureRequest
) -> None:
    """Every table that is a household's, directly or through a parent (a plan's payments, an alert's steps…)."""
    from sqlalchemy import or_, select

    from caseworker.demo import generate_demo
    from caseworker.models import Base
    from caseworker.services.visibility import NOT_A_HOUSEHOLDS, hanging_tables

    if services.context.team_mode:  # written as the server's maintenance would (a person may not)
        from caseworker.storage.server import ServerLogin
        from tests.conftest import postgres_engine_as
        from tests.support.postgres import SUPERUSER

        cluster = request.getfixturevalue("postgres_server")
        engine = postgres_engine_as(cluster, ServerLogin(SUPERUSER, cluster.superuser_password))
        generate_demo(engine, households=40, seed=3, today=TODAY)
        engine.dispose()
    else:
        generate_demo(services.context.engine, households=40, seed=3, today=TODAY)
    outsider = _staff(services, "Paul", "Roux", "travailleur_social")  # on no household's team
    lead = _staff(services, "Sophie", "Leroy", "chef_service")
    hanging = hanging_tables()
    classes = [
        mapper.class_
        for mapper in Base.registry.mappers
        if mapper.local_table.name not in NOT_A_HOUSEHOLDS  # type: ignore[attr-defined]
        and (
            mapper.local_table.name in hanging  # type: ignore[attr-defined]
            or mapper.local_table.name in ("household", "person")  # type: ignore[attr-defined]
            or ("household_id" in mapper.local_table.c and not mapper.local_table.c.household_id.nullable)
        )
    ]

    def query(cls: type) -> Any:
        """Its rows that are a household's: a row whose every (nullable) parent link is empty is no one's (an
        attendee of a meeting who is a staff member, not a household's member)."""
        links = hanging.get(cls.__table__.name, [])  # type: ignore[attr-defined]
        if links and all(link.nullable for link in links):
            return select(cls).where(or_(*(cls.__table__.c[link.column].is_not(None) for link in links)))  # type: ignore[attr-defined]
        return select(cls)

    def rows(staff_id: int) -> dict[str, int]:
        act_as(services, staff_id)
        with services.context.read() as session:
            return {cls.__name__: len(session.scalars(query(cls)).all()) for cls in classes}

    seen_by_lead = rows(lead)
    assert sum(1 for count in seen_by_lead.values() if count) >= 20  # the demo fills them: the test can fail
    assert rows(outsider) == dict.fromkeys(seen_by_lead, 0)
