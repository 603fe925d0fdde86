"""Which territory's public holidays count the working days: the association's, or a landlord's convention cadre.

The association sets its territory in Paramètres (a setting: metropolitan France by default). A convention cadre
with a landlord may name another territory (a landlord in Moselle, an association covering two departments):
that landlord's alert deadlines are then counted on the convention's territory (docs/domain.md §4).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import ContractStatus
from caseworker.models import Contract, ContractKind, ContractVersion
from caseworker.services.calendar.holidays import TERRITORIES
from caseworker.services.calendar.working_days import is_off_hours
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ValidationError
from caseworker.services.reference import Choice
from caseworker.services.settings import TERRITORY, SettingsService, read_setting


def association_territory(session: Session) -> str:
    """Return the association's territory (the setting of Paramètres)."""
    return read_setting(session, TERRITORY)


def landlord_territory(session: Session, landlord_id: int) -> str:
    """Return the territory of the landlord's convention cadre in force, else the association's."""
    return landlord_territories(session, [landlord_id])[landlord_id]


def landlord_territories(session: Session, landlord_ids: Iterable[int]) -> dict[int, str]:
    """Return, per landlord, the territory of its convention cadre in force, else the association's (one query).

    Of several conventions in force, the one in force latest (then the latest written) names the territory.
    """
    wanted = set(landlord_ids)
    query = (
        select(Contract.landlord_id, ContractVersion.territory)
        .join(Contract, Contract.id == ContractVersion.contract_id)
        .join(ContractKind, ContractKind.id == Contract.kind_id)
        .where(
            ContractKind.code == "convention_cadre",
            Contract.landlord_id.in_(wanted),
            Contract.ended_on.is_(None),
            ContractVersion.status == ContractStatus.EN_VIGUEUR,
        )
        .order_by(ContractVersion.in_force_on, ContractVersion.id)
    )
    found: dict[int, str | None] = {}
    for landlord_id, territory in session.execute(query) if wanted else ():
        if landlord_id is not None:
            found[landlord_id] = territory  # the last one written over the others: in force latest
    default = association_territory(session) if any(found.get(item) not in TERRITORIES for item in wanted) else ""
    return {item: territory if (territory := found.get(item)) in TERRITORIES else default for item in wanted}


def territory_problem(territory: str | None) -> str | None:
    """Return why ``territory`` is not a territory people may choose (French), or None (None means "not given")."""
    if territory is None or territory in TERRITORIES:
        return None
    return "Territoire : choisissez-le dans la liste."


class WorkingDaysService:
    """The territory whose public holidays apply, and the office hours that follow from it."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    def territories(self) -> list[Choice]:
        """Return the territories people may choose, with their French labels."""
        return [Choice(code, label) for code, label in TERRITORIES.items()]

    def territory(self) -> str:
        """Return the association's territory."""
        return self._settings.get(TERRITORY)

    def set_territory(self, territory: str) -> None:
        """Choose the association's territory (deadlines already set keep their dates)."""
        problem = territory_problem(territory)
        if problem is not None:
            raise ValidationError({"territory": problem})
        self._settings.set(TERRITORY, territory)

    def is_off_hours(self, local_time: datetime) -> bool:
        """Tell whether a local wall-clock time is outside the association's office hours."""
        return is_off_hours(local_time, territory=self.territory())
