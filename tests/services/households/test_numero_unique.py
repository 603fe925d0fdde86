"""The numéro unique of the social housing application and its end of validity (F03), on both backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from caseworker.domain import AuditAction
from caseworker.services import Services
from caseworker.services.errors import ValidationError
from tests.services.builders import new_household
from tests.support.row_versions import current_version


def test_recorded_validated_and_audited(services: Services) -> None:
    household = new_household(services).id
    details = services.households.open_file(household).details
    typed = replace(details, numero_unique=" 035 26 12345 ", numero_unique_expires_on=date(2027, 3, 1))
    services.households.update_household(
        household, typed, expected_version=current_version(services.households, "update_household", household)
    )
    saved = services.households.open_file(household).details
    assert (saved.numero_unique, saved.numero_unique_expires_on) == ("035 26 12345", date(2027, 3, 1))
    [event] = [
        entry
        for entry in services.audit.for_household(household)
        if entry.action is AuditAction.UPDATE and entry.entity_type == "household"
    ]
    assert event.fields == ("numero_unique", "numero_unique_expires_on")
    assert event.field_labels == "numéro unique, fin de validité du numéro unique"


@pytest.mark.parametrize(
    ("numero", "expires_on", "field", "message"),
    [
        ("035/26", None, "numero_unique", "Numéro unique : des chiffres et des lettres"),
        ("", date(2027, 1, 1), "numero_unique", "Numéro unique : indiquez le numéro"),
        ("035 26 12345", date(2070, 1, 1), "numero_unique_expires_on", "Fin de validité du numéro unique : la date"),
        ("1" * 41, None, "numero_unique", "Numéro unique : 41 caractères, c'est trop long"),
    ],
)
def test_refused_in_french(services: Services, numero: str, expires_on: date | None, field: str, message: str) -> None:
    household = new_household(services).id
    details = replace(
        services.households.open_file(household).details, numero_unique=numero, numero_unique_expires_on=expires_on
    )
    with pytest.raises(ValidationError) as refused:
        services.households.update_household(
            household, details, expected_version=current_version(services.households, "update_household", household)
        )
    assert refused.value.errors[field].startswith(message)
    assert services.households.open_file(household).details.numero_unique == ""
