"""Tests of caseworker/services/settings.py: declared settings stored in the encrypted database."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from caseworker.services import Services
from caseworker.services.settings import (
    ALL_SETTINGS,
    CONSENT_VALIDITY_MONTHS,
    CURRENT_STAFF_MEMBER,
    OWN_ORGANISATION,
)
from tests.services.builders import raw_rows


def test_defaults_before_anything_is_stored(bare_services: Services) -> None:
    settings = bare_services.settings
    assert settings.get(CONSENT_VALIDITY_MONTHS) == 12
    assert settings.get(CURRENT_STAFF_MEMBER) is None
    assert settings.all_values() == {
        "current_staff_member_id": None,
        "own_organisation_id": None,
        "consent_validity_months": 12,
        "letterhead_logo_document_id": None,
        "territory": "metropole",
        "auto_lock_minutes": 10,
    }


def test_set_and_get(bare_services: Services) -> None:
    settings = bare_services.settings
    settings.set(CONSENT_VALIDITY_MONTHS, 5)
    settings.set(CONSENT_VALIDITY_MONTHS, 6)  # overwrite
    settings.set(OWN_ORGANISATION, 3)
    assert settings.get(CONSENT_VALIDITY_MONTHS) == 6
    assert settings.get(OWN_ORGANISATION) == 3
    assert raw_rows(bare_services, "SELECT value_json FROM setting WHERE key = 'consent_validity_months'") == [("6",)]
    assert settings.all_values()["consent_validity_months"] == 6


def test_none_stores_the_default(bare_services: Services) -> None:
    settings = bare_services.settings
    settings.set(OWN_ORGANISATION, 3)
    settings.set(OWN_ORGANISATION, None)
    assert settings.get(OWN_ORGANISATION) is None


@pytest.mark.parametrize("value", ["10", True, 0, 37, -1])
def test_wrong_type_or_out_of_range_is_refused(bare_services: Services, value: object) -> None:
    with pytest.raises(ValueError, match="consent_validity_months"):
        bare_services.settings.set(CONSENT_VALIDITY_MONTHS, value)  # type: ignore[arg-type]
    assert bare_services.settings.get(CONSENT_VALIDITY_MONTHS) == 12


def test_a_damaged_stored_value_falls_back_to_the_default(bare_services: Services) -> None:
    with bare_services.context.engine.begin() as connection:
        connection.execute(text("""INSERT INTO setting (key, value_json) VALUES ('consent_validity_months', '0')"""))
    assert bare_services.settings.get(CONSENT_VALIDITY_MONTHS) == 12


def test_every_setting_is_declared_once_with_a_french_label() -> None:
    keys = [setting.key for setting in ALL_SETTINGS]
    assert len(keys) == len(set(keys))
    assert all(setting.label and setting.label[0].isupper() for setting in ALL_SETTINGS)


def test_changing_a_setting_is_audited_by_name_never_by_value(bare_services: Services) -> None:
    settings = bare_services.settings
    settings.set(CONSENT_VALIDITY_MONTHS, 6)
    settings.set(CONSENT_VALIDITY_MONTHS, 6)  # the same value again: nothing changed, nothing to record
    rows = raw_rows(
        bare_services, "SELECT action, entity_type, fields FROM audit_event WHERE entity_type = 'setting' ORDER BY id"
    )
    assert rows == [("UPDATE", "setting", "consent_validity_months")]
