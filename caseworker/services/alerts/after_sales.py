"""The landlord's after-sales line: an alert about a household in after-care (docs/domain.md §14.2).

An alert a landlord sends about a household whose support ended but whose after-care ran on the day it was
received is for the after-care referent: the inbox names them (« mes alertes » lists it for them), the alert reads
« Ménage sorti — suivi post-accompagnement jusqu'au … », and while the after-care has not ended it offers the
reactivation of the episode. Read from the after-care rows alone (no support service: the alerts stay below them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from caseworker.formats import format_date
from caseworker.models import AfterCare, Alert, Episode, StaffMember
from caseworker.services.identity import staff_display_name


@dataclass(frozen=True)
class AfterSales:
    """The after-care an alert falls in: who answers it, until when, which episode to reactivate."""

    referent_id: int
    referent_name: str
    planned_end: date
    episode_id: int
    episode_version: int
    ended: bool  # the after-care has ended since (nothing to reactivate from it any more)

    @property
    def caption(self) -> str:
        """« Ménage sorti — suivi post-accompagnement jusqu'au jj/mm/aaaa »."""
        return f"Ménage sorti — suivi post-accompagnement jusqu'au {format_date(self.planned_end)}"


def after_sales_on(session: Session, pairs: Iterable[tuple[int, date]]) -> dict[tuple[int, date], AfterSales]:
    """For each (household, day), the after-care that ran that day, if any (one query)."""
    wanted = set(pairs)
    if not wanted:
        return {}
    households = {household_id for household_id, _day in wanted}
    rows = session.execute(
        select(
            AfterCare.household_id,
            AfterCare.start_date,
            AfterCare.planned_end,
            AfterCare.ended_on,
            AfterCare.referent_id,
            AfterCare.episode_id,
            Episode.row_version,
            StaffMember.first_name,
            StaffMember.last_name,
        )
        .join(StaffMember, StaffMember.id == AfterCare.referent_id)
        .join(Episode, Episode.id == AfterCare.episode_id)
        .where(AfterCare.household_id.in_(households))
        .order_by(AfterCare.start_date)
    ).all()
    # A day on which support runs (another measure's, beside the after-care) is that support's: no after-sales.
    supports = session.execute(
        select(Episode.household_id, Episode.start_date, Episode.end_date).where(
            Episode.household_id.in_(households), Episode.start_date.is_not(None)
        )
    ).all()
    found: dict[tuple[int, date], AfterSales] = {}
    for household_id, day in wanted:
        if any(
            other == household_id and start is not None and start <= day and (end is None or end > day)
            for other, start, end in supports
        ):
            continue
        for row in rows:
            if row[0] != household_id or not row[1] <= day <= row[2] or (row[3] is not None and day >= row[3]):
                continue
            found[(household_id, day)] = AfterSales(
                referent_id=row[4],
                referent_name=staff_display_name(row[7], row[8]),
                planned_end=row[2],
                episode_id=row[5],
                episode_version=row[6],
                ended=row[3] is not None,
            )
    return found


def after_care_referent_alerts(staff_member_id: int):  # type: ignore[no-untyped-def]
    """The alerts that came during an after-care ``staff_member_id`` is the referent of (for « mes alertes »).

    Only those received once it began (the coordinator's earlier alerts stay theirs), while it has not ended.
    """
    own = aliased(Alert)
    return (
        select(own.id)
        .join(AfterCare, AfterCare.household_id == own.household_id)
        .where(
            AfterCare.referent_id == staff_member_id,
            AfterCare.ended_on.is_(None),
            own.received_at >= AfterCare.start_date,  # a timestamp against a day: from its first moment
        )
    )
