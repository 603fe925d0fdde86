"""What the meeting services hand back: frozen values a dialog shows, never live ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from caseworker.domain import NoteClass, ReviewKind
from caseworker.domain.debrief import (
    AGENDA_ITEM_LABELS,
    DECISION_LABELS,
    MEETING_STATUS_LABELS,
    AgendaItemKind,
    DecisionKind,
    GlissementOutcome,
    MeetingStatus,
)
from caseworker.formats import format_date


@dataclass(frozen=True)
class MemberView:
    """A standing member of a meeting type (one of staff, partner contact, or a name typed)."""

    staff_member_id: int | None
    partner_contact_id: int | None
    name: str
    capacity: str


@dataclass(frozen=True)
class MeetingTypeView:
    """A kind of meeting, its cadence (None: on demand) and its members."""

    id: int
    code: str
    label: str
    cadence_months: int | None
    household_attends: bool
    admission_commission: bool
    active: bool
    members: tuple[MemberView, ...]
    row_version: int  # a change names it: typed against an older version, it is refused (docs/domain.md §9.4)


@dataclass(frozen=True)
class NextDate:
    """When a household's next meeting of a type falls, and why (F56)."""

    household_id: int
    household_name: str
    episode_id: int
    due_on: date
    basis: str  # "Dernier passage le 12/03/2026" or "Début de l'accompagnement le 05/01/2026"


@dataclass(frozen=True)
class AttendeeView:
    """Someone invited to or present at a meeting."""

    id: int
    name: str
    capacity: str
    present: bool
    staff_member_id: int | None
    partner_contact_id: int | None
    person_id: int | None


@dataclass(frozen=True)
class DecisionView:
    """A typed decision of the minutes, with the record it changed.

    ``origin`` says where it was taken ("décidée en COSI du 12/03/2026"), for the file of the record it changed.
    """

    id: int
    meeting_id: int
    meeting_label: str
    meeting_on: date
    item_id: int | None
    household_id: int
    episode_id: int | None
    kind: DecisionKind
    decided_on: date
    summary: str
    extension_id: int | None
    intensity_period_id: int | None
    transition_id: int | None
    review_id: int | None
    glissement_review_id: int | None
    alert_id: int | None

    @property
    def kind_label(self) -> str:
        """Return the decision's kind in French ("Prolongation")."""
        return DECISION_LABELS[self.kind]

    @property
    def origin(self) -> str:
        """Return where the decision was taken: "décidée en COSI (comité de suivi) du 12/03/2026"."""
        return f"décidée en {self.meeting_label} du {format_date(self.meeting_on)}"


@dataclass(frozen=True)
class ItemView:
    """One item of the agenda and, once the meeting is held, of its minutes."""

    id: int
    kind: AgendaItemKind
    label: str
    household_id: int | None
    household_name: str
    episode_id: int | None
    episode_version: int | None  # the episode's version as read: a decision on it names it
    glissement_review_id: int | None
    due_on: date | None
    review_kind: ReviewKind | None  # for a review's item: which bilan falls due
    household_present: bool | None
    household_view: str
    note_class: NoteClass
    note: str  # "" when there is none or when the reader may not read it
    note_hidden: bool  # a note exists that this reader may not read (masquée)
    decisions: tuple[DecisionView, ...]
    # The household's view has no class: it is read as an équipe note (docs/domain.md §5.2, rule 2 first), so a
    # volunteer, or an administrator off the household's team, gets "" here and this flag when there is one.
    household_view_hidden: bool = False

    @property
    def kind_label(self) -> str:
        """Return what the item is about, in French."""
        return AGENDA_ITEM_LABELS[self.kind]


@dataclass(frozen=True)
class MeetingSummary:
    """A meeting in a list (upcoming or past)."""

    id: int
    type_code: str
    type_label: str
    held_on: date
    place: str
    urgent: bool
    status: MeetingStatus
    item_count: int  # the items this reader sees

    @property
    def status_label(self) -> str:
        """Return the meeting's status in French."""
        return MEETING_STATUS_LABELS[self.status]


@dataclass(frozen=True)
class MeetingView:
    """A meeting with its attendees, its agenda (the items this reader sees) and, once held, its minutes."""

    id: int
    type_id: int
    type_code: str
    type_label: str
    household_attends: bool
    admission_commission: bool
    held_on: date
    place: str
    urgent: bool
    status: MeetingStatus
    general_note: str  # "" for a reader who may not read it (see general_note_hidden)
    row_version: int
    attendees: tuple[AttendeeView, ...]
    items: tuple[ItemView, ...]
    # The general note is no household's: read as an équipe note by someone off any team, so never by a volunteer
    # or an administrator (docs/domain.md §5.2, rule 2); set when there is one this reader may not read.
    general_note_hidden: bool = False

    @property
    def status_label(self) -> str:
        """Return the meeting's status in French."""
        return MEETING_STATUS_LABELS[self.status]


@dataclass(frozen=True)
class AgendaProposal:
    """An item the agenda could hold, found from the records (docs/domain.md §11.3); nothing is stored yet."""

    kind: AgendaItemKind
    household_id: int
    household_name: str
    episode_id: int | None
    glissement_review_id: int | None
    label: str
    due_on: date | None


@dataclass(frozen=True)
class GlissementReviewView:
    """A glissement review: the convention's criteria, the planned date and, once decided, the outcome."""

    id: int
    household_id: int
    occupancy_id: int
    planned_on: date
    regular_payment: bool
    debt_settled: bool
    household_wish: bool
    insurance: bool
    outcome: GlissementOutcome | None
    decided_on: date | None
    postponed_to: date | None
    new_occupancy_id: int | None
    row_version: int

    @property
    def criteria_met(self) -> bool:
        """Tell whether every criterion of the convention is ticked (the decision stays the meeting's)."""
        return self.regular_payment and self.debt_settled and self.household_wish and self.insurance


@dataclass(frozen=True)
class MinutesResult:
    """The meeting as recorded, and what the team should be told (a support ending soon after a glissement…)."""

    meeting: MeetingView
    warnings: tuple[str, ...]
