"""Tests of caseworker/services/setup.py: the first run and the person using this laptop."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from caseworker.domain import AuditAction
from caseworker.services import Services, build_services
from caseworker.services.directory import OrganisationInput, StaffInput
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.households import HouseholdInput, PersonInput
from caseworker.services.settings import CURRENT_STAFF_MEMBER, OWN_ORGANISATION
from caseworker.services.setup import FirstRunInput
from tests.conftest import POSTGRES_PERSON
from tests.services.builders import raw_rows, row_count
from tests.services.conftest import ActAs, give_login
from tests.support import FixedClock


def first_run(**changes: object) -> FirstRunInput:
    values: dict[str, object] = {
        "organisation": OrganisationInput(name="Association Le Toit", kind_code="association", territory="Rennes"),
        "first_name": "Claire",
        "last_name": "Martin",
        "role_code": "travailleur_social",
    }
    values.update(changes)
    return FirstRunInput(**values)  # type: ignore[arg-type]


def test_before_the_first_run(bare_services: Services) -> None:
    assert not bare_services.setup.is_complete()
    assert bare_services.setup.own_organisation_id() is None
    assert bare_services.setup.load_actor() is None
    assert bare_services.context.actor.staff_member_id is None
    assert bare_services.directory.list_organisations() == []


def test_first_run_creates_the_association_and_its_user(bare_services: Services) -> None:
    staff = bare_services.setup.complete_first_run(first_run(fte_percent=80))

    assert (staff.first_name, staff.last_name, staff.role_code, staff.fte_percent) == (
        "Claire",
        "Martin",
        "travailleur_social",
        80,
    )
    [own] = bare_services.directory.list_organisations()
    assert (own.name, own.is_own, own.kind_code, own.territory) == (
        "Association Le Toit",
        True,
        "association",
        "Rennes",
    )
    assert staff.organisation_id == own.id
    assert bare_services.setup.is_complete()
    assert bare_services.setup.own_organisation_id() == own.id
    assert bare_services.settings.get(OWN_ORGANISATION) == own.id
    if bare_services.context.team_mode:
        # The server has no "user of this laptop": the person works once they log in with their own login.
        assert bare_services.settings.get(CURRENT_STAFF_MEMBER) is None
        assert bare_services.context.actor.staff_member_id is None
        return
    assert bare_services.settings.get(CURRENT_STAFF_MEMBER) == staff.id
    assert bare_services.context.actor.staff_member_id == staff.id


def test_the_actor_is_recorded_on_audit_events(bare_services: Services, request: pytest.FixtureRequest) -> None:
    staff = bare_services.setup.complete_first_run(first_run())
    if bare_services.context.team_mode:
        give_login(request, staff.id, POSTGRES_PERSON.user)  # Claire logs in
        bare_services.setup.load_actor()
    created = bare_services.households.create_household(HouseholdInput(), PersonInput(first_name="Anne"))
    entries = bare_services.audit.for_household(created.id)
    assert {entry.staff_name for entry in entries} == {"Claire MARTIN"}
    assert raw_rows(
        bare_services,
        "SELECT DISTINCT staff_member_id FROM audit_event WHERE household_id = :id",
        id=created.id,
    ) == [(staff.id,)]


def test_the_actor_is_loaded_when_the_database_is_opened_again(services: Services, clock: FixedClock) -> None:
    staff_id = services.context.actor.staff_member_id
    assert staff_id is not None
    reopened = build_services(services.context.engine, clock)
    assert reopened.context.actor.staff_member_id == staff_id
    assert reopened.setup.is_complete()
    loaded = reopened.setup.load_actor()
    assert loaded is not None
    assert loaded.display_name == "Claire MARTIN"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"first_name": " "}, "first_name", "Prénom : ce champ est obligatoire."),
        ({"last_name": ""}, "last_name", "Nom : ce champ est obligatoire."),
        (
            {"organisation": OrganisationInput(name=" ", kind_code="association")},
            "organisation_name",
            "Nom de l'organisation : ce champ est obligatoire.",
        ),
        ({"role_code": "astronaute"}, "role_code", "Fonction : choisissez une valeur dans la liste."),
        ({"fte_percent": 0}, "fte_percent", "Temps de travail : entre 1 et 100 % d'un temps plein."),
        (
            {"organisation": OrganisationInput(name="Le Toit", kind_code="association", email="toit@")},
            "email",
            "Courriel : l'adresse n'est pas valide",
        ),
    ],
)
def test_a_mistake_in_the_first_run_writes_nothing(
    bare_services: Services, changes: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        bare_services.setup.complete_first_run(first_run(**changes))
    assert message in caught.value.errors[field]
    assert row_count(bare_services, "organisation") == 0
    assert row_count(bare_services, "staff_member") == 0
    assert not bare_services.setup.is_complete()
    assert bare_services.setup.own_organisation_id() is None
    # Once corrected, the first run completes with a single own organisation.
    bare_services.setup.complete_first_run(first_run())
    assert [item.is_own for item in bare_services.directory.list_organisations()] == [True]


def test_switch_user(services: Services) -> None:
    own = services.setup.own_organisation_id()
    assert own is not None
    colleague = services.directory.create_staff(
        StaffInput(first_name="Yanis", last_name="Le Goff", role_code="travailleur_pair", organisation_id=own)
    )
    if services.context.team_mode:
        # On the server, changing who works means logging in as them: a session cannot become someone else.
        with pytest.raises(TransitionError, match="propre identifiant"):
            services.setup.switch_user(colleague.id)
        assert services.directory.get_staff(services.context.actor.staff_member_id or 0).first_name == "Claire"
        return

    claire = services.context.actor.staff_member_id
    with pytest.raises(ValidationError, match="pas encore de code personnel"):
        services.setup.switch_user(colleague.id, "428613")
    services.context.actor.staff_member_id = colleague.id  # Yanis chose his own code when he was logged in
    services.credentials.set_own("428613", "428613")
    services.context.actor.staff_member_id = claire

    switched = services.setup.switch_user(colleague.id, "428613")

    assert switched == colleague
    assert services.context.actor.staff_member_id == colleague.id
    assert services.settings.get(CURRENT_STAFF_MEMBER) == colleague.id
    created = services.households.create_household(HouseholdInput(), PersonInput(first_name="Anne"))
    file = services.households.open_file(created.id)
    assert [view.staff_name for view in file.views] == ["Yanis LE GOFF"]
    assert {entry.staff_name for entry in file.history if entry.action is AuditAction.CREATE} == {"Yanis LE GOFF"}


def test_switch_to_an_unknown_user_changes_nothing(services: Services) -> None:
    before = services.context.actor.staff_member_id
    refusal = "propre identifiant" if services.context.team_mode else "professionnel n° 4242"
    with pytest.raises((NotFoundError, TransitionError), match=refusal):
        services.setup.switch_user(4242)
    assert services.context.actor.staff_member_id == before
    assert services.settings.get(CURRENT_STAFF_MEMBER) == (None if services.context.team_mode else before)


def test_a_vanished_user_means_no_current_user(services: Services, clock: FixedClock, act_as: ActAs) -> None:
    if services.context.team_mode:
        act_as(services, None)  # a login that names nobody (a record gone, or never linked)
        reopened = build_services(services.context.engine, clock)
        assert reopened.context.actor.staff_member_id is None
        return
    services.settings.set(CURRENT_STAFF_MEMBER, 4242)
    reopened = build_services(services.context.engine, clock)
    assert reopened.context.actor.staff_member_id is None
    assert not reopened.setup.is_complete()


def test_own_organisation_falls_back_to_the_flag(services: Services) -> None:
    own = services.setup.own_organisation_id()
    with services.context.engine.begin() as connection:
        connection.execute(text("DELETE FROM setting WHERE key = 'own_organisation_id'"))
    assert services.settings.get(OWN_ORGANISATION) is None
    assert services.setup.own_organisation_id() == own


def test_first_run_is_done_only_once(services: Services) -> None:
    from caseworker.services.errors import TransitionError
    from caseworker.services.setup import FirstRunInput

    with pytest.raises(TransitionError, match="déjà faite"):
        services.setup.complete_first_run(
            FirstRunInput(OrganisationInput("Autre", "association"), "Claire", "Martin", "travailleur_social")
        )
    assert [item.name for item in services.directory.list_organisations() if item.is_own] == ["Association Le Toit"]
