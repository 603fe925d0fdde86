"""Qt-free use cases over the case store. Each returns plain values; see :func:`build_services`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from caseworker.services.alerts import AlertService
from caseworker.services.audit import AuditService
from caseworker.services.auto_lock import AutoLockService
from caseworker.services.board import BoardService
from caseworker.services.calendar.territories import WorkingDaysService
from caseworker.services.context import Clock, ServiceContext, SystemClock
from caseworker.services.contracts import ContractService, ContractTemplateService
from caseworker.services.credentials import CredentialService
from caseworker.services.directory import DirectoryService
from caseworker.services.encounters.drop_in import DropInService
from caseworker.services.encounters.outreach import OutreachService
from caseworker.services.encounters.sessions import CollectiveSessionService
from caseworker.services.exports import ExportService, NarrativeExportService, ProfileService
from caseworker.services.households import HouseholdService, HousingProposalService, OccupancyService, RightsService
from caseworker.services.letterhead import LetterheadService
from caseworker.services.meetings import MeetingService
from caseworker.services.prevention import DebtService, ProcedureService
from caseworker.services.reference import ReferenceDataService
from caseworker.services.settings import SettingsService
from caseworker.services.setup import SetupService
from caseworker.services.sharing import ConsentService, LegalBasisService
from caseworker.services.sharing.liaison_sheet import LiaisonSheetService
from caseworker.services.support import (
    ContactService,
    CriteriaService,
    EpisodeService,
    MeasureService,
    MyHouseholdsService,
    TeamService,
    TimelineService,
)
from caseworker.services.support.aftercare import AfterCareService
from caseworker.services.support.funding import FundingService
from caseworker.services.support.reactivation import ReactivationService
from caseworker.services.support.watch import WatchService
from caseworker.services.tasks import AutomaticTasks, TaskService


@dataclass(frozen=True)
class Services:
    """Every service of one open database, sharing one context."""

    context: ServiceContext
    settings: SettingsService
    working_days: WorkingDaysService
    reference: ReferenceDataService
    directory: DirectoryService
    setup: SetupService
    credentials: CredentialService
    auto_lock: AutoLockService
    audit: AuditService
    households: HouseholdService
    occupancy: OccupancyService
    proposals: HousingProposalService
    rights: RightsService
    consents: ConsentService
    legal_bases: LegalBasisService
    measures: MeasureService
    funding: FundingService
    episodes: EpisodeService
    after_care: AfterCareService
    reactivation: ReactivationService
    watch: WatchService
    criteria: CriteriaService
    team: TeamService
    contacts: ContactService
    my_households: MyHouseholdsService
    timeline: TimelineService
    outreach: OutreachService
    letterhead: LetterheadService
    contract_templates: ContractTemplateService
    contracts: ContractService
    liaison_sheets: LiaisonSheetService
    alerts: AlertService
    debts: DebtService
    procedures: ProcedureService
    tasks: TaskService
    automatic_tasks: AutomaticTasks
    board: BoardService
    meetings: MeetingService
    exports: ExportService
    export_profiles: ProfileService
    export_narratives: NarrativeExportService
    collective_sessions: CollectiveSessionService
    drop_in: DropInService


def build_services(engine: Engine, clock: Clock | None = None) -> Services:
    """Wire the services over ``engine`` and load the current user, if the first run is done."""
    context = ServiceContext(engine=engine, clock=clock or SystemClock())
    settings = SettingsService(context)
    directory = DirectoryService(context)
    audit_service = AuditService(context)
    letterhead = LetterheadService(context)
    credentials = CredentialService(context)
    alerts = AlertService(context, letterhead)
    services = Services(
        context=context,
        settings=settings,
        working_days=WorkingDaysService(context, settings),
        reference=ReferenceDataService(context),
        directory=directory,
        setup=SetupService(context, directory, settings, credentials),
        credentials=credentials,
        auto_lock=AutoLockService(context, settings),
        audit=audit_service,
        households=HouseholdService(context, audit_service),
        occupancy=OccupancyService(context),
        proposals=HousingProposalService(context),
        rights=RightsService(context),
        consents=ConsentService(context, settings),
        legal_bases=LegalBasisService(context),
        measures=MeasureService(context),
        funding=FundingService(context),
        episodes=EpisodeService(context),
        after_care=AfterCareService(context),
        reactivation=ReactivationService(context),
        watch=WatchService(context),
        criteria=CriteriaService(context),
        team=TeamService(context),
        contacts=ContactService(context),
        my_households=MyHouseholdsService(context),
        timeline=TimelineService(context),
        outreach=OutreachService(context),
        letterhead=letterhead,
        contract_templates=ContractTemplateService(context),
        contracts=ContractService(context, letterhead),
        liaison_sheets=LiaisonSheetService(context, letterhead),
        alerts=alerts,
        debts=DebtService(context),
        procedures=ProcedureService(context),
        tasks=TaskService(context),
        automatic_tasks=AutomaticTasks(context),
        board=BoardService(context, alerts),
        meetings=MeetingService(context, letterhead),
        exports=ExportService(context),
        export_profiles=ProfileService(context),
        export_narratives=NarrativeExportService(context),
        collective_sessions=CollectiveSessionService(context),
        drop_in=DropInService(context),
    )
    services.setup.load_actor()
    return services
