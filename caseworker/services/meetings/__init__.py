"""Meetings: the COSI, the admission commission, synthesis meetings, their minutes and decisions (§11.3).

This package owns meeting types (cadence, members, whether the household attends), planning meetings and their
next dates, the agenda proposed from the records, the minutes with their typed decisions (each changing the record
it names in the minutes' own transaction, through the rules of the service that owns that record), glissement
reviews, and the minutes' two PDFs. Its modules:

- ``views``: the frozen values the services return.
- ``records``: loading a meeting, claiming its version, building its views.
- ``planning``: meeting types, planning and cancelling, next dates, attendees, the agenda by hand.
- ``agenda``: the agenda proposed from the records (reviews due, planned ends, glissements, candidates).
- ``glissement``: glissement reviews and the decision on them (the sub-lease becoming a direct lease).
- ``decisions``: the typed decisions and how each changes its record.
- ``minutes``: recording the minutes in one transaction; finding the decisions that changed a record.
- ``documents``: the internal minutes and the partner copy, with the disclosure log.

:class:`MeetingService` is what the rest of the application calls.
"""

from __future__ import annotations

from caseworker.models.meetings import MeetingDecision
from caseworker.reports.generated_pdf import GeneratedPdf
from caseworker.services.alerts import AlertService
from caseworker.services.context import ServiceContext
from caseworker.services.letterhead import LetterheadService
from caseworker.services.meetings import agenda
from caseworker.services.meetings.decisions import (
    Decision,
    EscalationDecision,
    ExitDecision,
    ExtensionDecision,
    GlissementDecision,
    IntensityDecision,
    OrientationDecision,
    StepDecision,
)
from caseworker.services.meetings.documents import MeetingDocuments, PreparedPartnerCopy
from caseworker.services.meetings.glissement import GlissementReviewInput, GlissementReviews
from caseworker.services.meetings.minutes import ItemMinutes, MinutesInput, decisions_of, link_filter, record_minutes
from caseworker.services.meetings.planning import (
    AttendeeInput,
    ItemInput,
    MeetingInput,
    MeetingPlanning,
    MeetingTypeInput,
    MemberInput,
)
from caseworker.services.meetings.views import (
    AgendaProposal,
    AttendeeView,
    DecisionView,
    GlissementReviewView,
    ItemView,
    MeetingSummary,
    MeetingTypeView,
    MeetingView,
    MemberView,
    MinutesResult,
    NextDate,
)
from caseworker.services.sharing.log import DisclosureView

__all__ = [
    "AgendaProposal",
    "AttendeeInput",
    "AttendeeView",
    "Decision",
    "DecisionView",
    "EscalationDecision",
    "ExitDecision",
    "ExtensionDecision",
    "GlissementDecision",
    "GlissementReviewInput",
    "GlissementReviewView",
    "IntensityDecision",
    "ItemInput",
    "ItemMinutes",
    "ItemView",
    "MeetingInput",
    "MeetingService",
    "MeetingSummary",
    "MeetingTypeInput",
    "MeetingTypeView",
    "MeetingView",
    "MemberInput",
    "MemberView",
    "MinutesInput",
    "MinutesResult",
    "NextDate",
    "OrientationDecision",
    "PreparedPartnerCopy",
    "StepDecision",
]


class MeetingService(MeetingPlanning):
    """Meeting types, meetings, their agenda and minutes, glissement reviews and the minutes' PDFs."""

    def __init__(self, ctx: ServiceContext, letterhead: LetterheadService) -> None:
        super().__init__(ctx)
        # The minutes escalate alerts through the alerts' own rules, in the minutes' transaction.
        self._alerts = AlertService(ctx, letterhead)
        self._glissements = GlissementReviews(ctx)
        self._documents = MeetingDocuments(ctx, letterhead)

    # ----------------------------------------------------------------------------------- agenda, minutes

    def propose_agenda(self, meeting_id: int) -> list[AgendaProposal]:
        """Return the items the records call for before the next meeting of this type, not yet on the agenda."""
        with self._ctx.read() as session:
            return agenda.propose(session, self._ctx, meeting_id)

    def record_minutes(self, meeting_id: int, data: MinutesInput, *, expected_version: int) -> MinutesResult:
        """Record the minutes and apply their decisions, all in one transaction (nothing saved on a refusal)."""
        return record_minutes(self._ctx, self._alerts, meeting_id, data, expected_version=expected_version)

    # ----------------------------------------------------------------------------------- decisions by record

    def decisions_for_household(self, household_id: int) -> list[DecisionView]:
        """Return the decisions of every meeting about a household, oldest first."""
        with self._ctx.read() as session:
            return decisions_of(session, MeetingDecision.household_id == household_id)

    def decisions_for_episode(self, episode_id: int) -> list[DecisionView]:
        """Return the decisions about an episode, oldest first (its file shows where each was taken)."""
        with self._ctx.read() as session:
            return decisions_of(session, MeetingDecision.episode_id == episode_id)

    def decision_for(
        self,
        *,
        extension_id: int | None = None,
        intensity_period_id: int | None = None,
        transition_id: int | None = None,
        review_id: int | None = None,
        glissement_review_id: int | None = None,
        alert_id: int | None = None,
    ) -> DecisionView | None:
        """Return the decision that wrote a record (name exactly one), e.g. "décidée en COSI du 12/03/2026"."""
        conditions = link_filter(
            extension_id=extension_id,
            intensity_period_id=intensity_period_id,
            transition_id=transition_id,
            review_id=review_id,
            glissement_review_id=glissement_review_id,
            alert_id=alert_id,
        )
        with self._ctx.read() as session:
            found = decisions_of(session, conditions[0])
            return found[-1] if found else None

    # ----------------------------------------------------------------------------------- glissement reviews

    def open_glissement_review(self, household_id: int, data: GlissementReviewInput) -> GlissementReviewView:
        """Open a review of the household's current sub-lease in bail glissant."""
        return self._glissements.open_review(household_id, data)

    def update_glissement_review(
        self, review_id: int, data: GlissementReviewInput, *, expected_version: int
    ) -> GlissementReviewView:
        """Tick the criteria again or move the planned date of a review not decided."""
        return self._glissements.update_review(review_id, data, expected_version=expected_version)

    def glissement_reviews_for(self, household_id: int) -> list[GlissementReviewView]:
        """Return the household's glissement reviews, newest first."""
        return self._glissements.reviews_for(household_id)

    # ----------------------------------------------------------------------------------- documents

    def internal_minutes(self, meeting_id: int) -> GeneratedPdf:
        """Return the internal minutes PDF, as this reader may read them."""
        return self._documents.internal_minutes(meeting_id)

    def partner_copy(
        self, meeting_id: int, recipient_id: int, *, recipient_contact_id: int | None = None
    ) -> PreparedPartnerCopy:
        """Return a partner's copy (C0, and C1 as consented), ready to preview; nothing is logged yet."""
        return self._documents.partner_copy(meeting_id, recipient_id, recipient_contact_id=recipient_contact_id)

    def record_partner_copy_sent(self, copy: PreparedPartnerCopy, *, channel: str) -> list[DisclosureView]:
        """Write the partner copy to the disclosure log once printed or saved (consents checked again)."""
        return self._documents.record_partner_copy_sent(copy, channel=channel)
