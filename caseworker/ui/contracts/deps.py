"""What the contracts section needs: the services it calls and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from caseworker.services.calendar.territories import WorkingDaysService
from caseworker.services.contracts import ContractService, ContractTemplateService
from caseworker.services.directory import DirectoryService
from caseworker.services.sharing.liaison_sheet import LiaisonSheetService
from caseworker.services.support import EpisodeService

if TYPE_CHECKING:
    from caseworker.services import Services


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

    @classmethod
    def from_services(cls, services: Services) -> ContractsDeps:
        """Take what the section needs from the composition root's services (and nothing else)."""
        context = services.context  # the clock is read at each call: tests may swap it
        return cls(
            contracts=services.contracts,
            templates=services.contract_templates,
            directory=services.directory,
            episodes=services.episodes,
            working_days=services.working_days,
            liaison_sheets=services.liaison_sheets,
            today=lambda: context.clock.today(),  # noqa: PLW0108 (read the clock late)
        )
