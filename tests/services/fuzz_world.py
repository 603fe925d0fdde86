"""The database the input fuzzing starts from, and the valid calls that built it (the seeds it mutates).

Everything goes through the public service API, with every call recorded: ``test_input_fuzz`` takes a recorded
call and replaces one to three of its values by nasty ones, so that a bad value meets the code behind the checks
that a random call would never pass (a known draft version, an active episode, a plan that exists…).
"""

from __future__ import annotations

import dataclasses
import inspect
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from caseworker.domain import (
    AlertActionKind,
    AlertChannel,
    ContractStatus,
    DurationPolicy,
    NoteClass,
    ObjectivesMet,
    Party,
    ProcedureOutcome,
    ProcedureStage,
    ReviewKind,
    SignatureMethod,
    SuspensionGround,
)
from caseworker.domain.aftercare import AfterCareEndReason, AfterCareKind, AgeBand, Sex
from caseworker.domain.debrief import AgendaItemKind, GlissementOutcome, TaskOrigin
from caseworker.domain.proposals import CalDecision, HouseholdAnswer
from caseworker.services import Services
from caseworker.services.alerts import ActionInput, AlertFilter, AlertInput
from caseworker.services.alerts.mediations import MediationInput, ParticipantLine
from caseworker.services.contracts import ClauseInput, ContractFilter, DraftRequest, SignatureInput
from caseworker.services.directory import DwellingInput, OrganisationInput, PartnerContactInput, StaffInput
from caseworker.services.documents import Attachment
from caseworker.services.encounters import DropInInput, EncounterInput
from caseworker.services.encounters.sessions import SessionAttendeeInput, SessionInput
from caseworker.services.exports import ExportRequest, ProfileInput
from caseworker.services.households import (
    HouseholdInput,
    ListOrder,
    OccupancyChangeInput,
    PersonInput,
    ProposalInput,
    RightInput,
)
from caseworker.services.meetings import (
    AttendeeInput,
    GlissementDecision,
    GlissementReviewInput,
    IntensityDecision,
    ItemInput,
    ItemMinutes,
    MeetingInput,
    MeetingTypeInput,
    MemberInput,
    MinutesInput,
    StepDecision,
)
from caseworker.services.prevention import (
    DebtInput,
    PaymentInput,
    PlanInput,
    ProcedureInput,
    StageInput,
)
from caseworker.services.prevention import SuspensionInput as ProcedureSuspension
from caseworker.services.setup import FirstRunInput
from caseworker.services.sharing import ConsentInput, FilingReference, LegalBasisInput
from caseworker.services.sharing.liaison_sheet import LiaisonSheetRequest
from caseworker.services.support import (
    AfterCareInput,
    ContactInput,
    CriterionInput,
    ExitInput,
    ExtensionInput,
    IntensityChangeInput,
    MeasureInput,
    ObjectiveInput,
    OrientationInput,
    ReactivationInput,
    TeamMemberInput,
)
from caseworker.services.support import SuspensionInput as EpisodeSuspension
from caseworker.services.support.funding import FundingShare
from caseworker.services.support.measures import DEFAULT_SCALE
from caseworker.services.tasks import DebriefChoice, DebriefDecision, TaskInput
from tests.services.contract_builders import ALL_CATEGORIES, supported_household
from tests.support.row_versions import current_version, person_household

Seeds = dict[str, list[dict[str, Any]]]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)  # type: ignore[misc]


def recording(services: Services, seeds: Seeds) -> Callable[[], None]:
    """Record every successful call of every public service method into ``seeds``; return the undo."""
    patched: list[tuple[object, str]] = []
    for field in dataclasses.fields(services):
        service = getattr(services, field.name)
        if field.name == "context":
            continue
        for name, method in inspect.getmembers(service, inspect.ismethod):
            if name.startswith("_"):
                continue
            signature = inspect.signature(method)

            def wrapper(
                *args: Any, _m: Any = method, _s: Any = signature, _key: str = f"{field.name}.{name}", **kw: Any
            ):
                result = _m(*args, **kw)
                bound = _s.bind(*args, **kw)
                seeds[_key].append(dict(bound.arguments))
                return result

            setattr(service, name, wrapper)
            patched.append((service, name))

    def undo() -> None:
        for service, name in patched:
            delattr(service, name)

    return undo


def populate(services: Services) -> Seeds:
    """Build the world; return the recorded calls ("service.method" → the arguments of each call)."""
    seeds: Seeds = defaultdict(list)
    undo = recording(services, seeds)
    try:
        _build(services)
    finally:
        undo()
    return dict(seeds)


def _meetings(s: Services, household: int, episode: int, lead_id: int, landlord_id: int) -> None:
    """A COSI planned, its agenda edited and its minutes recorded with decisions; a glissement review."""
    s.meetings.meeting_types(active_only=False)
    s.meetings.update_type(
        "cosi",
        MeetingTypeInput(
            "COSI (comité de suivi)",
            3,
            True,
            (MemberInput(staff_member_id=lead_id, capacity="Cheffe de service"), MemberInput(name="M. Garnier")),
        ),
        expected_version=1,
    )
    s.meetings.next_dates("cosi")
    review = s.meetings.open_glissement_review(household, GlissementReviewInput(date(2026, 9, 1), True))
    review = s.meetings.update_glissement_review(
        review.id, GlissementReviewInput(date(2026, 6, 15), True, True, True, True), expected_version=review.row_version
    )
    later = s.meetings.plan(MeetingInput("synthese", date(2026, 9, 15), place="Bureau"))
    s.meetings.cancel(later.id, expected_version=later.row_version)
    meeting = s.meetings.plan(MeetingInput("cosi", date(2026, 6, 15), place="Salle du conseil"))
    s.meetings.propose_agenda(meeting.id)
    meeting = s.meetings.add_items(
        meeting.id,
        [
            ItemInput(AgendaItemKind.REVIEW, "Bilan intermédiaire", household, episode, None, date(2026, 1, 1)),
            ItemInput(AgendaItemKind.GLISSEMENT, "Glissement", household, None, review.id, date(2026, 6, 15)),
            ItemInput(AgendaItemKind.SITUATION, "Astreintes"),
        ],
        expected_version=meeting.row_version,
    )
    ids = [item.id for item in meeting.items]
    meeting = s.meetings.reorder_items(meeting.id, ids[::-1], expected_version=meeting.row_version)
    meeting = s.meetings.remove_item(meeting.id, ids[2], expected_version=meeting.row_version)
    meeting = s.meetings.set_attendees(
        meeting.id,
        [
            *(AttendeeInput(item.name, item.capacity, True, item.id) for item in meeting.attendees),
            AttendeeInput("Mme Lucas", "CCAS", present=False),
        ],
        expected_version=meeting.row_version,
    )
    bilan = next(item for item in meeting.items if item.kind is AgendaItemKind.REVIEW)
    glissement = next(item for item in meeting.items if item.kind is AgendaItemKind.GLISSEMENT)
    held = s.meetings.record_minutes(
        meeting.id,
        MinutesInput(
            items=(
                ItemMinutes(
                    bilan.id,
                    True,
                    "Nous allons mieux",
                    "Point d'étape",
                    NoteClass.REFERENTS,
                    (StepDecision(ReviewKind.MID, date(2026, 1, 1)), IntensityDecision("renforce", "Dette")),
                    bilan.episode_version,
                ),
                ItemMinutes(
                    glissement.id,
                    True,
                    decisions=(GlissementDecision(GlissementOutcome.POSTPONED, review.row_version, date(2026, 12, 1)),),
                ),
            ),
            general_note="Prochaine séance en septembre",
        ),
        expected_version=meeting.row_version,
    )
    decision = next(item for line in held.meeting.items for item in line.decisions if item.review_id is not None)
    s.meetings.meeting(meeting.id)
    s.meetings.upcoming("cosi")
    s.meetings.past("cosi", limit=10)
    s.meetings.decisions_for_household(household)
    s.meetings.decisions_for_episode(episode)
    s.meetings.decision_for(review_id=decision.review_id)
    s.meetings.glissement_reviews_for(household)
    s.meetings.internal_minutes(meeting.id)
    s.meetings.partner_copy(meeting.id, landlord_id)


def _proposals(s: Services, household: int, landlord_id: int) -> None:
    """An offer logged, then allocated, accepted and signed; another refused for a reason."""
    offer = s.proposals.record_proposal(
        household, ProposalInput(date(2026, 5, 2), landlord_id, "t2", "Rennes", Decimal("450.00"), date(2026, 5, 20))
    )
    s.proposals.update_proposal(
        offer.id,
        ProposalInput(
            date(2026, 5, 2),
            landlord_id,
            "t2",
            "Rennes",
            Decimal("450.00"),
            date(2026, 5, 20),
            CalDecision.ALLOCATED,
            HouseholdAnswer.ACCEPTED,
            date(2026, 5, 22),
            lease_signed_on=date(2026, 6, 1),
        ),
        expected_version=offer.row_version,
    )
    s.proposals.record_proposal(
        household,
        ProposalInput(date(2026, 4, 2), answer=HouseholdAnswer.REFUSED, refusal_reason_code="localisation"),
    )
    s.proposals.proposals_for(household)


def _drop_in(s: Services, household: int) -> None:
    """Drop-in visits: identified (a person of the household), anonymous, one deleted (docs/domain.md §14.4)."""
    person = s.drop_in.persons_for(household)[0].id
    s.drop_in.record_visit(DropInInput(household, person, reason_code="courrier", occurred_at=_utc(2026, 6, 15, 9, 5)))
    s.drop_in.record_visit(DropInInput(age_band=AgeBand.AGE_25_34, sex=Sex.FEMME, reason_code="accueil"))
    mistake = s.drop_in.record_visit(DropInInput(household, occurred_at=_utc(2026, 6, 14, 16, 30)))
    s.drop_in.delete_visit(mistake.id)
    s.drop_in.day(date(2026, 6, 15))
    s.drop_in.day_counts(date(2026, 6, 15))
    s.drop_in.month_counts(2026, 6)
    s.drop_in.for_household(household)
    s.drop_in.last_visit_on(household)


def _rights(s: Services, household: int) -> None:
    """A right opened for the household, corrected to one of its persons; another recorded, then deleted."""
    person = s.rights.persons_for(household)[0].id
    right = s.rights.record_right(household, RightInput("rsa", date(2026, 5, 4)))
    s.rights.update_right(right.id, RightInput("aah", date(2026, 5, 4), person), expected_version=right.row_version)
    mistake = s.rights.record_right(household, RightInput("css", date(2026, 6, 1)))
    s.rights.delete_right(mistake.id, expected_version=mistake.row_version)
    s.rights.rights_for(household)


def _outreach(s: Services, household: int) -> None:
    """Street encounters: one recorded, corrected, attached to a person of the household, detached, attached again;
    one recorded by mistake and deleted; one left to attach."""
    s.outreach.offer_choices()
    bridge = s.outreach.record_encounter(
        EncounterInput("Pont de Nantes", ("boisson", "hygiene"), AgeBand.AGE_35_49, Sex.HOMME, _utc(2026, 6, 14, 21))
    )
    bridge = s.outreach.correct_encounter(
        bridge.id, EncounterInput("Sous le pont de Nantes", ("ecoute",)), expected_version=bridge.row_version
    )
    person = s.outreach.persons_for(household)[0].id
    bridge = s.outreach.attach_encounter(bridge.id, household, person, expected_version=bridge.row_version)
    bridge = s.outreach.detach_encounter(bridge.id, expected_version=bridge.row_version)
    s.outreach.attach_encounter(bridge.id, household, expected_version=bridge.row_version)
    mistake = s.outreach.record_encounter(EncounterInput("Gare", ()))
    s.outreach.delete_encounter(mistake.id, expected_version=mistake.row_version)
    s.outreach.record_encounter(EncounterInput("Square de la Touche", ("repas",), sex=Sex.FEMME))
    s.outreach.encounters(date(2026, 6, 1), date(2026, 6, 30), unattached_only=True)
    s.outreach.encounter(bridge.id)
    s.outreach.for_household(household)
    s.outreach.counts(date(2026, 6, 1), date(2026, 6, 30))
    s.outreach.recent_places(10)


def _sessions(s: Services, household: int, partner_contact_id: int) -> None:
    """A workshop with a person of the household and an anonymous count, corrected; another recorded, deleted."""
    me = s.context.actor.staff_member_id
    assert me is not None
    person = s.collective_sessions.persons_for(household)[0].id
    data = SessionInput(
        date(2026, 6, 10),
        "droits_devoirs_locataire",
        title="Le bail expliqué",
        place="Salle Colette",
        duration_minutes=90,
        staff_ids=(me,),
        partner_contact_ids=(partner_contact_id,),
        attendees=(SessionAttendeeInput(household, person),),
        anonymous_count=2,
    )
    workshop = s.collective_sessions.create_session(data)
    s.collective_sessions.update_session(
        workshop.id,
        SessionInput(date(2026, 6, 9), "budget", staff_ids=(me,), attendees=(SessionAttendeeInput(household),)),
        expected_version=workshop.row_version,
    )
    mistake = s.collective_sessions.create_session(SessionInput(date(2026, 6, 1), "energie", staff_ids=(me,)))
    s.collective_sessions.delete_session(mistake.id, expected_version=mistake.row_version)
    s.collective_sessions.session(workshop.id)
    s.collective_sessions.sessions_between(date(2026, 6, 1), date(2026, 6, 15))
    s.collective_sessions.for_household(household)
    s.collective_sessions.figures(date(2026, 1, 1), date(2026, 6, 15))


def _funding(s: Services, episode_id: int, lead_id: int) -> None:
    """Funding lines of a measure (by the team lead) and of an episode, a funder added."""
    me = s.context.actor.staff_member_id
    s.context.actor.staff_member_id = lead_id
    s.funding.refusal()
    s.funding.add_funder("Fondation de l'Avenir")
    avdl = s.measures.measure_by_code("avdl")
    shares = [FundingShare("ddets", Decimal(50)), FundingShare("metropole", Decimal(50))]
    s.funding.check(shares)
    s.funding.set_measure_funding(avdl.id, shares)
    s.funding.measure_funding(avdl.id)
    s.context.actor.staff_member_id = me
    s.funding.set_episode_funding(
        episode_id,
        [FundingShare("fondation", Decimal(100))],
        expected_version=current_version(s.episodes, "activate", episode_id),
    )
    s.funding.episode_funding(episode_id)


def _exports(s: Services, lead_id: int) -> None:
    """The funders' profiles, and a preview by the team lead (an export writes a file: not fuzzed)."""
    s.export_profiles.profiles()
    me = s.context.actor.staff_member_id
    s.context.actor.staff_member_id = lead_id
    s.exports.preview(ExportRequest("ddets_avdl", date(2026, 1, 1), date(2026, 6, 15)))
    avdl = next(profile for profile in s.export_profiles.profiles() if profile.code == "ddets_avdl")
    s.export_profiles.update_profile(
        "ddets_avdl", ProfileInput("DDETS – AVDL", ("avdl",), 5, ("file_active",)), expected_version=avdl.row_version
    )
    s.context.actor.staff_member_id = me


def _narratives(s: Services, lead_id: int) -> None:
    """The team lead reviews the foundation's exit narratives and rewords the one naming her (issue 15, F68)."""
    me = s.context.actor.staff_member_id
    s.context.actor.staff_member_id = lead_id
    review = s.export_narratives.review(ExportRequest("fondation", date(2026, 1, 1), date(2026, 6, 15)))
    [withheld] = review.to_reformulate
    s.export_narratives.reformulate(
        withheld.exit_id, "Merci à l'équipe, je me sens chez moi.", expected_digest=withheld.digest
    )
    s.context.actor.staff_member_id = me


def _after_care(s: Services, household: int) -> None:
    """An exit into after-care, reactivated; the new episode out into after-care again, then ended; a watch."""
    episode = s.episodes.open_episode(household, OrientationInput("logements_accompagnes", date(2025, 3, 1)))
    s.episodes.activate(
        episode.id,
        on=date(2025, 4, 1),
        level_code=_first_level(s, episode.id),
        expected_version=current_version(s.episodes, "activate", episode.id),
    )
    me = s.context.actor.staff_member_id or 0
    choices = s.after_care.choices(episode.id, date(2026, 5, 15))
    s.episodes.close(
        episode.id,
        ExitInput(
            date(2026, 5, 15),
            "logement_autonome",
            ObjectivesMet.OUI,
            waiver_reason="Relais inutile",
            after_care=AfterCareInput(AfterCareKind.DROITS_DE_SUITE, choices.funders[0].code, me, 12, 6),
        ),
        expected_version=current_version(s.episodes, "close", episode.id),
    )
    s.after_care.after_care_for(household)
    s.after_care.current_for(household)
    s.after_care.episode_after_care(episode.id)
    proposal = s.reactivation.proposal(episode.id)
    again = s.reactivation.reactivate(
        episode.id,
        ReactivationInput(date(2026, 6, 1), level_code=proposal.default_level, note="Appel du bailleur"),
        expected_version=proposal.previous_version,
    )
    s.episodes.close(
        again.id,
        ExitInput(
            date(2026, 6, 10),
            "logement_autonome",
            ObjectivesMet.PARTIELLEMENT,
            waiver_reason="Relais inutile",
            after_care=AfterCareInput(AfterCareKind.SERVICE_APRES_VENTE, choices.funders[0].code, me, 3),
        ),
        expected_version=current_version(s.episodes, "close", again.id),
    )
    s.after_care.end(
        again.id,
        reason=AfterCareEndReason.DEPART,
        on=date(2026, 6, 12),
        expected_version=current_version(s.episodes, "close", again.id),
    )
    watch = s.watch.put_on(household, every_weeks=4, on=date(2026, 6, 12), note="À surveiller")
    watch = s.watch.change_rhythm(watch.id, 8, expected_version=watch.row_version)
    s.watch.watch_for(household)
    s.watch.watch_list()
    s.watch.take_off(watch.id, reason="Va bien", on=date(2026, 6, 14), expected_version=watch.row_version)


def _build(s: Services) -> None:
    s.setup.complete_first_run(
        FirstRunInput(
            organisation=OrganisationInput(name="Association Le Toit", kind_code="association", territory="Rennes"),
            first_name="Claire",
            last_name="Martin",
            role_code="travailleur_social",
        )
    )
    own = s.setup.own_organisation_id()
    assert own is not None
    landlord = s.directory.create_organisation(OrganisationInput(name="Habitat 35", kind_code="bailleur_social"))
    s.directory.update_organisation(landlord.id, OrganisationInput(name="Habitat 35", kind_code="bailleur_social"))
    lead = s.directory.create_staff(StaffInput("Nadia", "Benali", "chef_service", own))
    colleague = s.directory.create_staff(StaffInput("Paul", "Renard", "travailleur_social", own))
    s.directory.update_staff(colleague.id, StaffInput("Paul", "Renard", "travailleur_social", own, phone="0299"))
    s.directory.link_login(lead.id, "nadia.benali")
    s.directory.staff_by_login("nadia.benali")
    leaver = s.directory.create_staff(StaffInput("Jean", "Depart", "benevole", own))
    s.directory.deactivate_staff(leaver.id)
    morin = s.directory.create_partner_contact(
        PartnerContactInput(landlord.id, "Luc", "Morin", role_code="contentieux")
    )
    s.directory.update_partner_contact(
        morin.id, PartnerContactInput(landlord.id, "Luc", "MORIN", role_code="contentieux", civility="monsieur")
    )
    s.directory.get_partner_contact(morin.id)
    s.working_days.set_territory("57")
    s.working_days.set_territory("metropole")
    spare = s.directory.create_dwelling(DwellingInput(landlord.id, "3 rue Haute", "35000", "Rennes", rent=Decimal("1")))
    s.directory.update_dwelling(spare.id, DwellingInput(landlord.id, "3 rue Haute", "35000", "Rennes"))
    measure = s.measures.create_measure(
        MeasureInput("Totem", False, "FAP", DurationPolicy.OPEN_ENDED, None, None, False, 15, DEFAULT_SCALE)
    )
    s.measures.update_measure(
        measure.id,
        MeasureInput("Totem", False, "FAP", DurationPolicy.OPEN_ENDED, None, None, False, 20, DEFAULT_SCALE),
    )
    s.criteria.update_criteria(measure.id, [CriterionInput("Sans logement"), CriterionInput("Orienté par le SIAO")])
    s.criteria.measure_criteria(measure.id)
    s.criteria.criteria_of("avdl")

    # The household of the contract tests: two adults and a child, AVDL active, sub-lease, coordinator.
    supported = supported_household(s, landlord)
    household = supported.household_id
    s.households.update_household(
        household,
        HouseholdInput(pet_count=1, pets_note="Un chat"),
        expected_version=current_version(s.households, "update_household", household),
    )
    first, partner = supported.adults
    s.households.update_person(
        partner,
        PersonInput(first_name="Karim", last_name="Benali", birth_year=1984),
        household_id=person_household(s.households, partner),
        expected_version=current_version(s.households, "update_person", partner),
    )
    for person_id in supported.adults:
        s.consents.record_granted(
            household,
            ConsentInput(person_id, landlord.id, ALL_CATEGORIES, "Fiche navette et alertes"),
            signed_on=date(2026, 6, 1),
            filing=FilingReference("dossier_papier", "Dossier du ménage, chemise « Consentements »"),
            evidence=Attachment("accord.pdf", PDF, "application/pdf"),
        )
    asked = s.consents.request(
        household, ConsentInput(first, landlord.id, ("identite",), "Bail glissant"), requested_on=date(2026, 6, 2)
    )
    s.consents.grant(asked.id, signed_on=date(2026, 6, 3), filing=FilingReference("armoire", "Classeur B"))
    s.consents.revoke(asked.id, revoked_on=date(2026, 6, 4), note="Retrait")
    refused = s.consents.request(
        household, ConsentInput(partner, landlord.id, ("identite",), "Autre"), requested_on=date(2026, 6, 2)
    )
    s.consents.refuse(refused.id, refused_on=date(2026, 6, 3))
    s.consents.record_refused(
        household, ConsentInput(partner, landlord.id, ("alertes",), "Autre"), refused_on=date(2026, 6, 3)
    )
    _legal_bases(s, lead.id, household, partner, landlord.id)
    contact = s.contacts.record_contact(
        household, ContactInput(_utc(2026, 6, 10, 9, 30), "visite_domicile", "rencontre", duration_minutes=45)
    )
    s.contacts.update_contact(
        contact.id, ContactInput(_utc(2026, 6, 10, 9, 30), "visite_domicile", "rencontre", note="Visite")
    )
    s.contacts.contradicting_contact(household, _utc(2026, 6, 11, 9, 0), "absent")
    s.working_days.is_off_hours(datetime(2026, 6, 11, 20, 0))
    mistaken = s.contacts.record_contact(household, ContactInput(_utc(2026, 6, 11, 9, 0), "telephone", "rencontre"))
    s.contacts.delete_contact(mistaken.id)
    _tasks(s, household)
    episode = supported.episode_id
    s.episodes.change_intensity(
        episode,
        IntensityChangeInput("standard", date(2026, 3, 1), "Mieux"),
        expected_version=current_version(s.episodes, "change_intensity", episode),
    )
    me = s.context.actor.staff_member_id
    s.context.actor.staff_member_id = lead.id  # the team lead approves, logged in
    s.episodes.extend(
        episode,
        ExtensionInput(date(2026, 6, 1), "Relogement en cours", lead.id, months=6),
        expected_version=current_version(s.episodes, "extend", episode),
    )
    s.context.actor.staff_member_id = me
    s.criteria.set_met_criteria(
        episode, ["dalo", "siao"], expected_version=current_version(s.criteria, "set_met_criteria", episode)
    )
    s.criteria.episode_criteria(episode)
    objective = s.episodes.add_objective(
        episode,
        ObjectiveInput("Ouvrir mes droits à l'APL", Party.MENAGE, "acces_droits"),
        expected_version=current_version(s.episodes, "add_objective", episode),
    )
    s.episodes.update_objective(
        objective.id,
        ObjectiveInput("Ouvrir mes droits à l'APL", Party.MENAGE, next_review_on=date(2026, 9, 1)),
        expected_version=current_version(s.episodes, "update_objective", objective.id),
    )
    s.episodes.record_review(
        episode,
        kind=ReviewKind.START,
        due_on=date(2025, 10, 1),
        held_on=date(2025, 10, 2),
        expected_version=current_version(s.episodes, "record_review", episode),
    )
    s.team.add_member(household, TeamMemberInput("referent_social", date(2026, 1, 5), staff_member_id=colleague.id))

    # Alerts, their actions and a mediation.
    alert = s.alerts.create(
        AlertInput(
            "impaye",
            household,
            landlord.id,
            _utc(2026, 6, 12, 9, 0),
            AlertChannel.TELEPHONE,
            description="Deux mois de loyer impayés.",
            amount=Decimal("825.00"),
            partner_contact_id=supported.contact_id,
        )
    )
    s.alerts.acknowledge(
        alert.id,
        at=_utc(2026, 6, 12, 9, 30),
        note="Vu",
        expected_version=current_version(s.alerts, "acknowledge", alert.id),
    )
    s.alerts.record_acknowledgement_sent(alert.id, s.alerts.acknowledgement_email(alert.id))
    s.alerts.add_action(
        alert.id,
        ActionInput(AlertActionKind.APPEL, _utc(2026, 6, 12, 10, 0), "Appel"),
        expected_version=current_version(s.alerts, "add_action", alert.id),
    )
    options = s.alerts.mediation_options(alert.id)
    parties = (Party.MENAGE, Party.BAILLEUR, Party.ASSOCIATION)
    lines = (
        *(next(option.line for option in options if option.line.party is party) for party in parties),
        ParticipantLine(Party.AUTRE, name="Gardien"),
    )
    s.alerts.add_action(
        alert.id,
        ActionInput(
            AlertActionKind.MEDIATION,
            _utc(2026, 6, 13, 10, 0),
            mediation=MediationInput(lines, "50 € par mois en plus du loyer.", date(2026, 7, 15)),
        ),
        expected_version=current_version(s.alerts, "add_action", alert.id),
    )
    s.alerts.escalate(
        alert.id,
        level="N2",
        target="Chef de service",
        note="Urgent",
        expected_version=current_version(s.alerts, "escalate", alert.id),
    )
    s.alerts.back_to_treatment(
        alert.id, note="Retour", expected_version=current_version(s.alerts, "back_to_treatment", alert.id)
    )
    s.alerts.attach_document(alert.id, Attachment("courrier.pdf", PDF, "application/pdf"))
    technical = s.alerts.create(
        AlertInput(
            "probleme_technique",
            household,
            landlord.id,
            _utc(2026, 6, 14, 9, 0),
            AlertChannel.COURRIEL,
            description="Fuite",
        )
    )
    s.alerts.add_action(
        technical.id,
        ActionInput(AlertActionKind.RELANCE_BAILLEUR, _utc(2026, 6, 14, 10, 0)),
        expected_version=current_version(s.alerts, "add_action", technical.id),
    )
    s.alerts.resolve(
        technical.id, outcome="Réparé", expected_version=current_version(s.alerts, "resolve", technical.id)
    )
    other = s.alerts.create(
        AlertInput(
            "impaye", household, landlord.id, _utc(2026, 6, 14, 11, 0), AlertChannel.COURRIEL, description="Relance"
        )
    )
    s.alerts.close_without_follow_up(
        other.id, reason="Doublon", expected_version=current_version(s.alerts, "close_without_follow_up", other.id)
    )
    s.alerts.inbox(AlertFilter())
    s.alerts.deadlines("impaye", landlord.id, _utc(2026, 6, 14, 11, 0))
    _meetings(s, supported.household_id, supported.episode_id, lead.id, landlord.id)
    _proposals(s, supported.household_id, landlord.id)
    _rights(s, supported.household_id)
    _outreach(s, supported.household_id)
    _sessions(s, supported.household_id, morin.id)
    _drop_in(s, supported.household_id)
    _funding(s, supported.episode_id, lead.id)
    _exports(s, lead.id)

    # Debts, a plan, payments, an eviction procedure.
    debt = s.debts.add_debt(household, DebtInput(Decimal("1250.00"), date(2026, 3, 31), creditor_id=landlord.id))
    s.debts.update_debt(debt.id, DebtInput(Decimal("1250.00"), date(2026, 3, 31), creditor_id=landlord.id, note="x"))
    plan = s.debts.add_plan(
        debt.id, PlanInput(Decimal("52.10"), Decimal("180.00"), date(2026, 4, 1), 24, date(2026, 3, 31))
    )
    s.debts.record_payment(plan.id, PaymentInput(date(2026, 4, 1), Decimal("232.10"), date(2026, 4, 5)))
    extra = s.debts.record_payment(plan.id, PaymentInput(date(2026, 5, 1), Decimal("10.00"), date(2026, 5, 5)))
    s.debts.delete_payment(extra.payments[-1].id)
    energy = s.debts.add_debt(household, DebtInput(Decimal("340.00"), date(2026, 5, 1), creditor_name="EDF"))
    short = s.debts.add_plan(energy.id, PlanInput(Decimal("40"), Decimal("0"), date(2026, 6, 1), 9, date(2026, 5, 2)))
    s.debts.end_plan(short.id, date(2026, 6, 2), "Renégocié")
    s.debts.settle(energy.id, date(2026, 6, 10))
    procedure = s.procedures.open_procedure(household, ProcedureInput(landlord.id, date(2026, 3, 1)))
    s.procedures.add_stage(procedure.id, StageInput(ProcedureStage.RELANCES, date(2026, 4, 1)))
    paused = s.procedures.suspend(
        procedure.id, ProcedureSuspension(SuspensionGround.PLATEFORME, date(2026, 5, 1), date(2026, 8, 31))
    )
    s.procedures.end_suspension_early(paused.suspensions[-1].id, date(2026, 6, 1))

    # Contracts: a draft, one sent for signature, one in force then amended.
    s.contracts.draft(DraftRequest("protocole_maintien", household))
    objectives = s.contracts.draft(DraftRequest("contrat_objectifs", household))
    content = objectives.latest.content()
    clauses = tuple(dataclasses.replace(c, body=c.body or "Trouver un logement adapté.") for c in content.clauses)
    ready = s.contracts.update_draft(
        objectives.latest.id,
        dataclasses.replace(content, clauses=clauses),
        expected_version=current_version(s.contracts, "update_draft", objectives.latest.id),
    )
    sent = s.contracts.send_for_signature(
        ready.latest.id, expected_version=current_version(s.contracts, "send_for_signature", ready.latest.id)
    )
    s.contracts.back_to_draft(
        sent.latest.id, expected_version=current_version(s.contracts, "back_to_draft", sent.latest.id)
    )
    sent = s.contracts.send_for_signature(
        ready.latest.id, expected_version=current_version(s.contracts, "send_for_signature", ready.latest.id)
    )
    s.contracts.attach_scan(
        sent.latest.id,
        Attachment("signe.pdf", PDF, "application/pdf"),
        expected_version=current_version(s.contracts, "attach_scan", sent.latest.id),
    )
    for signatory in sent.latest.signatories:
        in_force = s.contracts.record_signature(
            signatory.id,
            SignatureInput(date(2026, 6, 15), SignatureMethod.EN_MAIN_PROPRE),
            expected_version=current_version(s.contracts, "record_signature", signatory.id),
        )
    s.contracts.record_export(in_force.latest.id, channel="print")
    s.contracts.amend(
        in_force.id, note="Nouvel objectif", expected_version=current_version(s.contracts, "amend", in_force.id)
    )
    s.contracts.end_contract(
        in_force.id,
        on=date(2026, 6, 15),
        status=ContractStatus.RESILIE,
        reason="Départ",
        expected_version=current_version(s.contracts, "end_contract", in_force.id),
    )
    s.contracts.list_contracts(ContractFilter())
    engagement = s.contracts.draft(DraftRequest("engagement_minimal", household))
    s.contracts.discard_draft(
        engagement.latest.id, expected_version=current_version(s.contracts, "discard_draft", engagement.latest.id)
    )
    template = s.contract_templates.current_template("engagement_minimal")
    s.contract_templates.save_template(
        "engagement_minimal", [ClauseInput(c.code, c.title, c.body, c.required) for c in template.clauses], note="Relu"
    )
    s.letterhead.set_logo(None)
    s.liaison_sheets.missing_consents(household, LiaisonSheetRequest(landlord.id, ("identite",)))
    s.households.open_file(household)
    s.households.recently_opened(limit=10)
    s.households.list_page("mar", order=ListOrder("name", descending=True), start=None, limit=10)
    s.households.count("mar", at_most=5)
    s.households.summaries([household])

    # A second household: members, housing, and episodes in every state of their life.
    second = s.households.create_household(
        HouseholdInput(),
        PersonInput(first_name="Awa", last_name="Diallo", birth_year=1990),
        start_date=date(2025, 2, 1),
    )
    child = s.households.add_member(
        second.id,
        PersonInput(first_name="Moussa", birth_year=2015),
        role_code="enfant",
        start_date=date(2025, 2, 1),
        expected_version=current_version(s.households, "add_member", second.id),
    )
    s.households.end_membership(
        child.membership_id,
        end_date=date(2026, 1, 31),
        reason="Chez son père",
        expected_version=current_version(s.households, "end_membership", child.membership_id),
    )
    s.households.add_existing_person(
        second.id,
        child.person_id,
        role_code="enfant",
        start_date=date(2026, 3, 1),
        expected_version=current_version(s.households, "add_existing_person", second.id),
    )
    s.occupancy.change_occupancy(
        second.id, OccupancyChangeInput("heberge_tiers", date(2025, 2, 1), "situation_initiale")
    )
    moved = s.occupancy.change_occupancy(
        second.id, OccupancyChangeInput("locataire_titre", date(2026, 2, 1), "acces_logement", dwelling_id=spare.id)
    )
    s.occupancy.correct_dates(moved.id, start_date=date(2026, 2, 2), end_date=None)
    s.occupancy.undo_last_change(second.id)
    s.occupancy.change_occupancy(
        second.id, OccupancyChangeInput("locataire_titre", date(2026, 2, 1), "acces_logement", dwelling_id=spare.id)
    )
    # Oneself first: a household one created is out of one's sight once a colleague is on its team without one.
    s.team.add_member(
        second.id,
        TeamMemberInput("referent_social", date(2025, 1, 15), staff_member_id=s.context.actor.staff_member_id),
    )
    s.team.add_member(
        second.id,
        TeamMemberInput("referent_social", date(2025, 2, 1), staff_member_id=colleague.id, is_coordinator=True),
    )
    mine = next(
        member
        for member in s.team.team(second.id)
        if member.staff_member_id == s.context.actor.staff_member_id and member.is_current
    )
    s.team.designate_coordinator(second.id, mine.id, on=date(2025, 4, 1))
    s.team.keeps_sight_after_adding(second.id, colleague.id)  # the questions asked before a team change
    s.team.keeps_sight_after_leaving(mine.id)
    waiting = s.episodes.open_episode(
        second.id, OrientationInput("asll", date(2026, 1, 10), referral_source_code="siao")
    )
    s.episodes.put_on_waiting_list(
        waiting.id,
        on=date(2026, 1, 20),
        reason="Commission",
        expected_version=current_version(s.episodes, "put_on_waiting_list", waiting.id),
    )
    agreed = s.episodes.open_episode(second.id, OrientationInput("avdl", date(2026, 2, 1), criteria=("siao",)))
    s.episodes.agree(
        agreed.id,
        on=date(2026, 2, 10),
        reason="Accord",
        expected_version=current_version(s.episodes, "agree", agreed.id),
    )
    declined = s.episodes.open_episode(second.id, OrientationInput("chrs_hors_les_murs", date(2026, 2, 1)))
    s.episodes.decline(
        declined.id,
        on=date(2026, 2, 5),
        reason_code=_first_no_follow_up(s),
        note="Non",
        expected_version=current_version(s.episodes, "decline", declined.id),
    )
    suspended = s.episodes.open_episode(second.id, OrientationInput("iml_sous_location", date(2025, 3, 1)))
    s.episodes.activate(
        suspended.id,
        on=date(2025, 4, 1),
        level_code="renforce",
        expected_version=current_version(s.episodes, "activate", suspended.id),
    )
    s.episodes.suspend(
        suspended.id,
        EpisodeSuspension(date(2026, 5, 1), "hospitalisation", date(2026, 6, 30)),
        expected_version=current_version(s.episodes, "suspend", suspended.id),
    )
    closed = s.episodes.open_episode(second.id, OrientationInput("programme_local", date(2025, 3, 1)))
    s.episodes.activate(
        closed.id,
        on=date(2025, 4, 1),
        level_code=_first_level(s, closed.id),
        expected_version=current_version(s.episodes, "activate", closed.id),
    )
    s.episodes.close(
        closed.id,
        ExitInput(
            date(2026, 5, 31),
            "logement_autonome",
            ObjectivesMet.OUI,
            narrative="Merci à Nadia, je me sens chez moi.",
            waiver_reason="Ne le souhaite pas",
        ),
        expected_version=current_version(s.episodes, "close", closed.id),
    )
    _narratives(s, lead.id)
    resumed = s.episodes.open_episode(second.id, OrientationInput("chez_soi_dabord", date(2025, 3, 1)))
    s.episodes.activate(
        resumed.id,
        on=date(2025, 4, 1),
        level_code=_first_level(s, resumed.id),
        expected_version=current_version(s.episodes, "activate", resumed.id),
    )
    s.episodes.suspend(
        resumed.id,
        EpisodeSuspension(date(2026, 4, 1), "hospitalisation"),
        expected_version=current_version(s.episodes, "suspend", resumed.id),
    )
    s.episodes.resume(
        resumed.id, on=date(2026, 5, 1), expected_version=current_version(s.episodes, "resume", resumed.id)
    )
    _after_care(s, second.id)
    second_procedure = s.procedures.open_procedure(second.id, ProcedureInput(landlord.id, date(2026, 3, 1)))
    s.procedures.close(second_procedure.id, outcome=_first_outcome(), on=date(2026, 6, 1), note="Dette soldée")
    ended = s.team.add_member(second.id, TeamMemberInput("referent_social", date(2025, 5, 1), staff_member_id=lead.id))
    s.team.end_membership(ended.id, end_date=date(2026, 6, 1), reason="Mutation")
    s.setup.switch_user(s.context.actor.staff_member_id or 1)
    _credentials(s, own, colleague.id)


def _legal_bases(s: Services, lead_id: int, household: int, person_id: int, landlord_id: int) -> None:
    """A legal basis the team lead records, then withdraws, for the refusal above."""
    me = s.context.actor.staff_member_id
    s.context.actor.staff_member_id = lead_id
    basis = s.legal_bases.record(
        household,
        LegalBasisInput(landlord_id, ("alertes",), "Signalement CCAPEX", date(2026, 6, 5), person_id=person_id),
    )
    s.legal_bases.withdraw(basis.id, on=date(2026, 6, 8))
    s.legal_bases.for_household(household)
    s.context.actor.staff_member_id = me


def _tasks(s: Services, household: int) -> None:
    """Tasks (one closed by a contact), debrief notes and decisions, the automatic check (issue 14)."""
    me = s.context.actor.staff_member_id
    assert me is not None
    visit = s.tasks.create_task(TaskInput(me, "Visite", date(2026, 6, 20), household, TaskOrigin.DEBRIEF))
    s.contacts.open_tasks_for(household)
    s.contacts.record_contact(
        household, ContactInput(_utc(2026, 6, 12, 9, 0), "visite_domicile", "rencontre"), close_task_ids=[visit.id]
    )
    call = s.tasks.create_task(TaskInput(me, "Appeler la CAF", date(2026, 6, 18)))
    call = s.tasks.change_task(call.id, expected_version=call.row_version, due_on=date(2026, 6, 19), owner_id=me)
    s.tasks.complete_task(call.id, expected_version=call.row_version, note="Fait")
    other = s.tasks.create_task(TaskInput(me, "Écrire au bailleur", date(2026, 6, 25), household))
    s.tasks.cancel_task(other.id, expected_version=other.row_version, reason="Plus utile")
    s.tasks.add_debrief_note(household, "Situation stable", written_on=date(2026, 6, 12))
    s.tasks.record_debrief_decision(household, DebriefDecision(DebriefChoice.NOTE, "RAS", written_on=date(2026, 6, 12)))
    s.tasks.record_debrief_decision(
        household, DebriefDecision(DebriefChoice.TASK, "Visite à deux", owner_id=me, due_on=date(2026, 6, 22))
    )
    s.tasks.my_tasks(me, recently_closed=True)
    s.tasks.household_tasks(household, include_closed=True)
    s.tasks.owner_choices(household)
    s.tasks.debrief_notes(household)
    s.automatic_tasks.refresh()


def _credentials(s: Services, own: int, colleague_id: int) -> None:
    """Personal codes and the auto-lock delay: set by the person, then by an administrateur for a colleague."""
    me = s.context.actor.staff_member_id
    assert me is not None
    s.credentials.set_own("428613", "428613")
    s.credentials.verify(me, "428613")
    s.credentials.has_credential(me)
    admin = s.directory.create_staff(StaffInput("Inès", "Garnier", "administrateur", own))
    s.context.actor.staff_member_id = admin.id
    s.credentials.reset_for(colleague_id, "73915284", "73915284")
    s.auto_lock.set_idle_minutes(5)
    s.context.actor.staff_member_id = me


def _first_no_follow_up(s: Services) -> str:
    return s.episodes.choices().no_follow_up_reasons[0].code


def _first_level(s: Services, episode_id: int) -> str:
    return s.episodes.levels_for(episode_id)[0].code


def _first_outcome() -> ProcedureOutcome:
    return next(iter(ProcedureOutcome))
