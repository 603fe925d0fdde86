"""Tests of caseworker/services/households/rights.py: the rights opened for a household (docs/domain.md §13)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseworker.services import Services
from caseworker.services.directory import StaffInput
from caseworker.services.errors import ConcurrentChangeError, DeletedMeanwhileError, NotFoundError, ValidationError
from caseworker.services.households import PersonInput, RightInput
from tests.services.builders import TODAY, new_household, raw_rows
from tests.services.conftest import ActAs
from tests.services.support.test_episodes import with_coordinator
from tests.support.row_versions import current_version

OPENED = TODAY - timedelta(days=30)


def _with_child(services: Services) -> tuple[int, int, int]:
    """A household of Hélène Çelik and her son; return its id, hers and his."""
    household = new_household(services).id
    version = services.households.open_file(household, record_view=False).row_version
    services.households.add_member(
        household,
        PersonInput(first_name="Noé", last_name="Çelik", birth_year=2015),
        role_code="enfant",
        start_date=TODAY - timedelta(days=400),
        expected_version=version,
    )
    mother, son = (choice.id for choice in services.rights.persons_for(household))
    return household, mother, son


def test_a_right_is_recorded_listed_corrected_and_deleted_each_step_audited(services: Services) -> None:
    household, _mother, son = _with_child(services)
    assert [(c.name, c.current) for c in services.rights.persons_for(household)] == [
        ("ÇELIK Hélène", True),
        ("ÇELIK Noé", True),
    ]
    rsa = services.rights.record_right(household, RightInput("rsa", OPENED))
    aah = services.rights.record_right(household, RightInput("allocations_familiales", TODAY, person_id=son))
    assert (rsa.kind_label, rsa.person_name, rsa.row_version) == ("RSA", "", 1)
    assert (aah.kind_code, aah.person_id, aah.person_name) == ("allocations_familiales", son, "ÇELIK Noé")
    assert services.rights.rights_for(household) == [aah, rsa]  # newest first

    corrected = services.rights.update_right(
        rsa.id, RightInput("aah", OPENED - timedelta(days=2)), expected_version=rsa.row_version
    )
    assert (corrected.kind_code, corrected.opened_on, corrected.row_version) == ("aah", OPENED - timedelta(days=2), 2)
    services.rights.delete_right(aah.id, expected_version=aah.row_version)
    assert services.rights.rights_for(household) == [corrected]
    events = raw_rows(
        services, "SELECT action, entity_id, fields FROM audit_event WHERE entity_type = 'right_opened' ORDER BY id"
    )
    assert events == [
        ("CREATE", rsa.id, ""),
        ("CREATE", aah.id, ""),
        ("UPDATE", rsa.id, "kind_id,opened_on"),
        ("DELETE", aah.id, ""),
    ]
    history = [entry for entry in services.audit.for_household(household) if entry.entity_type == "right_opened"]
    assert [entry.description for entry in history][-1].endswith("— droit ouvert")
    assert "droit, date d'ouverture" in {entry.field_labels for entry in history}


def test_a_change_typed_against_an_older_version_is_refused(services: Services) -> None:
    household = new_household(services).id
    right = services.rights.record_right(household, RightInput("rsa", OPENED))
    services.rights.update_right(right.id, RightInput("css", OPENED), expected_version=right.row_version)
    with pytest.raises(ConcurrentChangeError, match="Ce droit ouvert a été modifié"):
        services.rights.update_right(right.id, RightInput("aah", OPENED), expected_version=right.row_version)
    with pytest.raises(ConcurrentChangeError, match="Ce droit ouvert a été modifié"):
        services.rights.delete_right(right.id, expected_version=right.row_version)
    assert [view.kind_code for view in services.rights.rights_for(household)] == ["css"]
    current = current_version(services.rights, "delete_right", right.id)
    services.rights.delete_right(right.id, expected_version=current)
    with pytest.raises(DeletedMeanwhileError, match="Ce droit ouvert a été supprimé"):
        services.rights.update_right(right.id, RightInput("aah", OPENED), expected_version=current + 1)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (RightInput("", OPENED), "kind_code", "Droit ouvert : choisissez une valeur dans la liste."),
        (RightInput("loto", OPENED), "kind_code", "Droit ouvert : choisissez une valeur dans la liste."),
        (RightInput("rsa", date(1850, 1, 1)), "opened_on", "Date d'ouverture du droit : "),
        (RightInput("rsa", TODAY + timedelta(days=30)), "opened_on", "Date d'ouverture du droit : "),
        (RightInput("rsa", OPENED, person_id=999_999), "person_id", "Cette personne n'est pas membre du ménage"),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_saved(
    services: Services, data: RightInput, field: str, message: str
) -> None:
    household = new_household(services).id
    with pytest.raises(ValidationError) as error:
        services.rights.record_right(household, data)
    assert error.value.errors[field].startswith(message), error.value.errors
    assert services.rights.rights_for(household) == []


def test_a_person_of_another_household_is_refused_and_problems_are_told_together(services: Services) -> None:
    household = new_household(services).id
    (stranger,) = services.rights.persons_for(new_household(services, "Awa", "Diallo").id)
    with pytest.raises(ValidationError) as error:
        services.rights.record_right(household, RightInput("loto", OPENED, person_id=stranger.id))
    assert set(error.value.errors) == {"kind_code", "person_id"}
    right = services.rights.record_right(household, RightInput("rsa", OPENED))
    with pytest.raises(ValidationError):
        services.rights.update_right(
            right.id, RightInput("rsa", OPENED, person_id=stranger.id), expected_version=right.row_version
        )
    assert services.rights.rights_for(household) == [right]  # the refused correction changed nothing, version too


def test_an_unknown_household_or_right_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.rights.record_right(999_999, RightInput("rsa", OPENED))
    with pytest.raises(NotFoundError):
        services.rights.delete_right(999_999, expected_version=1)
    assert services.rights.rights_for(999_999) == []


def test_someone_outside_the_households_team_neither_reads_nor_changes_its_rights(
    services: Services, act_as: ActAs
) -> None:
    household = new_household(services).id
    with_coordinator(services, household)
    right = services.rights.record_right(household, RightInput("rsa", OPENED))
    own = services.setup.own_organisation_id()
    assert own is not None
    paul = services.directory.create_staff(StaffInput("Paul", "Roux", "travailleur_social", own)).id
    act_as(services, paul)
    assert services.rights.rights_for(household) == []
    assert services.rights.persons_for(household) == []
    with pytest.raises(NotFoundError):
        services.rights.record_right(household, RightInput("aah", OPENED))
    with pytest.raises(ConcurrentChangeError):  # DeletedMeanwhileError: out of sight
        services.rights.update_right(right.id, RightInput("aah", OPENED), expected_version=right.row_version)
    with pytest.raises(ConcurrentChangeError):
        services.rights.delete_right(right.id, expected_version=right.row_version)
