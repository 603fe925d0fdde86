"""What the contracts section needs: the services it calls and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from caseworker.services.calendar.territories import WorkingDaysService
from caseworker.services.contracts import ContractService, ContractTemplateService
from caseworker.services.directory import DirectoryService
from caseworker.services.sharing.liaison_sheet import LiaisonSheetService
from caseworker.services.support import EpisodeService


@dataclass(frozen=True)
class ContractsDeps:
    """The services and clock the contracts section, the household's Contrats tab and their dialogs use.

    Attributes:
        contracts: drafting, the signature lifecycle and the contracts' documents.
        templates: the kinds of contract that can be drafted.
        directory: the landlords a framework agreement is signed with.
        episodes: the household's support episodes a contract belongs to.
        working_days: the territories whose public holidays a deadline counts.
        liaison_sheets: the fiche navette, the household's summary and what was sent.
        today: the clock's today, the default date and the plausibility of the dates typed.
    """

    contracts: ContractService
    templates: ContractTemplateService
    directory: DirectoryService
    episodes: EpisodeService
    working_days: WorkingDaysService
    liaison_sheets: LiaisonSheetService
    today: Callable[[], date]
