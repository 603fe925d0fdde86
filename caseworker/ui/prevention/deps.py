"""What the "Dettes et procédure" tab needs: the services it calls and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from caseworker.services.directory import DirectoryService
from caseworker.services.households import OccupancyService
from caseworker.services.prevention import DebtService, ProcedureService
from caseworker.services.reference import ReferenceDataService


@dataclass(frozen=True)
class PreventionDeps:
    """The services and clock the prevention tab and its dialogs use.

    Attributes:
        debts: debts, repayment plans and payments.
        procedures: the eviction procedure, its stages and suspensions.
        directory: the creditors and landlords to choose from.
        occupancy: the household's dwellings (the one a procedure concerns).
        reference: the picklists (the housing statuses a closing procedure leaves the household in).
        today: the clock's today, the default date and the plausibility of the dates typed.
    """

    debts: DebtService
    procedures: ProcedureService
    directory: DirectoryService
    occupancy: OccupancyService
    reference: ReferenceDataService
    today: Callable[[], date]
