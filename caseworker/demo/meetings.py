"""Demo COSI meetings: a quarterly committee over the last two years, with minutes, and the next one planned.

Written after the households and their support, from what the support step stored: each COSI held validates
some of the reviews held and the extensions decided since the previous one (a typed decision linked to that
review or extension, as the minutes service links them, docs/domain.md §11.3), with whether the household was
there. The committee's standing members are the team leads and the first few colleagues. Bulk Core inserts in
the generation's transaction, like the other demo writers; a fixed number of meetings, each capped to the size
of a real committee's agenda, whatever the number of households.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from caseworker.demo.batch import TableIds
from caseworker.domain import NoteClass
from caseworker.domain.debrief import AgendaItemKind, DecisionKind, MeetingStatus
from caseworker.domain.support import REVIEW_LABELS
from caseworker.formats import format_date
from caseworker.models import Base, Episode, EpisodeReview, Extension, StaffMember
from caseworker.models.meetings import MeetingType
from caseworker.services.identity import staff_display_name

HELD_COMMITTEES = 8  # two years of quarterly COSI
ITEMS_PER_COMMITTEE = 24  # reviews and extensions, like a real committee's afternoon
STANDING_MEMBERS = 5
PLACE = "Salle du conseil"
_TABLES = ("meeting", "meeting_attendee", "meeting_item", "meeting_item_view", "meeting_decision")
_VIEWS = (
    "Le ménage souhaite continuer l'accompagnement.",
    "Le ménage dit se sentir bien dans son logement.",
    "Le ménage demande de l'aide pour ses démarches administratives.",
    "",
)


def write_meetings(session: Session, rng: random.Random, today: date, actor_staff_id: int | None) -> int:
    """Write the demo COSI meetings and their minutes; return how many meetings were written."""
    cosi = session.scalar(select(MeetingType.id).where(MeetingType.code == "cosi"))
    if cosi is None:  # the picklist entry was deleted: no COSI to hold
        return 0
    ids = TableIds(session, [name for name in _TABLES if name != "meeting_item_view"])
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in _TABLES}
    members = _members(session)
    dates = [today - relativedelta(months=3 * back) for back in range(HELD_COMMITTEES, 0, -1)]
    previous = dates[0] - relativedelta(months=3)
    for held_on in dates:
        meeting_id = ids.next("meeting")
        at = datetime.combine(held_on, time(16, 0), tzinfo=timezone.utc)
        rows["meeting"].append(
            {
                "id": meeting_id,
                "meeting_type_id": cosi,
                "held_on": held_on,
                "place": PLACE,
                "urgent": False,
                "status": MeetingStatus.HELD,
                "has_general_note": False,
                "created_at": at - relativedelta(days=14),
                "created_by_id": actor_staff_id,
                "minutes_recorded_at": at,
                "minutes_recorded_by_id": actor_staff_id,
                "row_version": 1,
            }
        )
        for order, (staff_id, name) in enumerate(members):
            rows["meeting_attendee"].append(
                {
                    "id": ids.next("meeting_attendee"),
                    "meeting_id": meeting_id,
                    "staff_member_id": staff_id,
                    "name": name,
                    "capacity": "",
                    "present": rng.random() > 0.15,
                    "sort_order": order,
                }
            )
        _minutes(session, _Committee(rng, ids, rows, meeting_id, held_on, actor_staff_id), previous)
        previous = held_on
    rows["meeting"].append(
        {
            "id": ids.next("meeting"),
            "meeting_type_id": cosi,
            "held_on": today + relativedelta(months=3),
            "place": PLACE,
            "urgent": False,
            "status": MeetingStatus.PLANNED,
            "has_general_note": False,
            "created_at": datetime.combine(today, time(9, 0), tzinfo=timezone.utc),
            "created_by_id": actor_staff_id,
            "minutes_recorded_at": None,
            "minutes_recorded_by_id": None,
            "row_version": 1,
        }
    )
    for name in _TABLES:
        if rows[name]:
            session.execute(insert(Base.metadata.tables[name]), rows[name])
    return len(rows["meeting"])


def _members(session: Session) -> list[tuple[int, str]]:
    """The committee's standing members: a few active colleagues, in a stable order."""
    staff = session.execute(
        select(StaffMember.id, StaffMember.first_name, StaffMember.last_name)
        .where(StaffMember.active.is_(True))
        .order_by(StaffMember.id)
        .limit(STANDING_MEMBERS)
    ).all()
    return [(staff_id, staff_display_name(first, last)) for staff_id, first, last in staff]


@dataclass
class _Committee:
    """One COSI being written: its rows and ids, its date and who recorded its minutes."""

    rng: random.Random
    ids: TableIds
    rows: dict[str, list[dict[str, Any]]]
    meeting_id: int
    held_on: date
    actor_staff_id: int | None
    order: int = 0

    def item(self, household_id: int, episode_id: int, kind: AgendaItemKind, label: str, due_on: date | None) -> int:
        """Queue one household's item, with its presence and view; return its id."""
        item_id = self.ids.next("meeting_item")
        present = self.rng.random() < 0.7
        view = self.rng.choice(_VIEWS)
        self.rows["meeting_item"].append(
            {
                "id": item_id,
                "meeting_id": self.meeting_id,
                "household_id": household_id,
                "episode_id": episode_id,
                "glissement_review_id": None,
                "kind": kind,
                "label": label,
                "due_on": due_on,
                "sort_order": self.order,
                "household_present": present,
                "has_household_view": bool(view),
                "note_class": NoteClass.REFERENTS,
                "has_note": False,
            }
        )
        if view:
            self.rows["meeting_item_view"].append({"item_id": item_id, "text": view})
        self.order += 1
        return item_id

    def decision(
        self, item_id: int, household_id: int, episode_id: int, kind: DecisionKind, summary: str, **link: int
    ) -> None:
        """Queue a decision on an item, linked to the record it stands for."""
        self.rows["meeting_decision"].append(
            {
                "id": self.ids.next("meeting_decision"),
                "meeting_id": self.meeting_id,
                "item_id": item_id,
                "household_id": household_id,
                "episode_id": episode_id,
                "kind": kind,
                "decided_on": self.held_on,
                "summary": summary,
                "extension_id": link.get("extension_id"),
                "intensity_period_id": None,
                "transition_id": None,
                "review_id": link.get("review_id"),
                "glissement_review_id": None,
                "alert_id": None,
                "recorded_by_id": self.actor_staff_id,
                "created_at": datetime.combine(self.held_on, time(17, 0), tzinfo=timezone.utc),
            }
        )


def _minutes(session: Session, committee: _Committee, since: date) -> None:
    """The items of one COSI: reviews held and extensions decided since the previous one, each decided."""
    held_on, rng = committee.held_on, committee.rng
    reviews = session.execute(
        select(EpisodeReview.id, EpisodeReview.kind, EpisodeReview.due_on, Episode.id, Episode.household_id)
        .join(Episode, Episode.id == EpisodeReview.episode_id)
        .where(EpisodeReview.held_on > since, EpisodeReview.held_on <= held_on)
        .order_by(EpisodeReview.id)
    ).all()
    extensions = session.execute(
        select(Extension.id, Extension.months, Episode.id, Episode.household_id)
        .join(Episode, Episode.id == Extension.episode_id)
        .where(Extension.decided_on > since, Extension.decided_on <= held_on)
        .order_by(Extension.id)
    ).all()
    picked_extensions = rng.sample(extensions, min(len(extensions), ITEMS_PER_COMMITTEE // 4))
    picked_reviews = rng.sample(reviews, min(len(reviews), ITEMS_PER_COMMITTEE - len(picked_extensions)))
    for review_id, kind, due_on, episode_id, household_id in picked_reviews:
        label = f"{REVIEW_LABELS[kind]} — échéance le {format_date(due_on)}"
        item_id = committee.item(household_id, episode_id, AgendaItemKind.REVIEW, label, due_on)
        summary = f"{REVIEW_LABELS[kind]} validé"
        committee.decision(item_id, household_id, episode_id, DecisionKind.STEP_VALIDATED, summary, review_id=review_id)
    for extension_id, months, episode_id, household_id in picked_extensions:
        label = "Fin prévue : sortie, prolongation ou passage de relais"
        item_id = committee.item(household_id, episode_id, AgendaItemKind.EXTENSION, label, None)
        summary = f"Prolongation de {months} mois"
        committee.decision(
            item_id, household_id, episode_id, DecisionKind.EXTENSION, summary, extension_id=extension_id
        )
