"""Who funds each support, by what share, and the entry criteria a measure asks about (docs/domain.md §13.6, §13.7).

A measure's **funding lines** say which funders pay for it and by what share (``share_bp``, in basis points: 5,000
is half); an episode may have lines of its own, which then replace its measure's (a household co-funded by a
foundation, a measure whose convention changed). The funders' exports split each household's days of support by
these shares: a measure funded half by the DDETS and half by the métropole counts 0.5 household-year in each.

Lines written by the migration from the old free text (``Measure.funders``, ``Episode.funders``, both kept) are
``proposed``: a person confirms or corrects them, and the exports say while any is still a proposal.

A measure's **entry criteria** are informational: ticked or not on the episode, they never block an admission;
the exports count the entrants who met each. The **rights opened** for a household during its support (aide au
logement, RSA, complémentaire santé…) are counted for the funders too.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.models.base import Base, ReferenceItem, UtcDateTime, utc_now

FULL_SHARE_BP = 10_000
"""A whole share in basis points (100 %)."""


class Funder(ReferenceItem, Base):
    """A funder of the association's measures (DDETS, conseil départemental, métropole, a foundation…)."""

    __tablename__ = "funder"


class MeasureFunding(Base):
    """One funder's share of a measure."""

    __tablename__ = "measure_funding"
    __table_args__ = (UniqueConstraint("measure_id", "funder_id", name="uq_measure_funding_measure_funder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id"), index=True)
    funder_id: Mapped[int] = mapped_column(ForeignKey("funder.id"))
    share_bp: Mapped[int]
    proposed: Mapped[bool] = mapped_column(default=False)
    sort_order: Mapped[int] = mapped_column(default=0)

    funder: Mapped[Funder] = relationship()


class EpisodeFunding(Base):
    """One funder's share of one episode, replacing its measure's lines when an episode has any."""

    __tablename__ = "episode_funding"
    __table_args__ = (UniqueConstraint("episode_id", "funder_id", name="uq_episode_funding_episode_funder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episode.id"), index=True)
    funder_id: Mapped[int] = mapped_column(ForeignKey("funder.id"))
    share_bp: Mapped[int]
    proposed: Mapped[bool] = mapped_column(default=False)
    sort_order: Mapped[int] = mapped_column(default=0)

    funder: Mapped[Funder] = relationship()


class EntryCriterion(Base):
    """One criterion of a measure's target public (« sans logement depuis plus d'un an »…), informational only."""

    __tablename__ = "entry_criterion"
    __table_args__ = (UniqueConstraint("measure_id", "code", name="uq_entry_criterion_measure_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class EpisodeCriterion(Base):
    """A criterion the household was found to meet at orientation (absent: not met, or not known)."""

    __tablename__ = "episode_criterion"

    episode_id: Mapped[int] = mapped_column(ForeignKey("episode.id"), primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("entry_criterion.id"), primary_key=True, index=True)


class RightKind(ReferenceItem, Base):
    """A social right a household may have opened during its support (aide au logement, RSA, AAH…)."""

    __tablename__ = "right_kind"


class RightOpened(Base):
    """A right opened for a household (or one of its persons) on a day, during its support (docs/domain.md §13)."""

    __tablename__ = "right_opened"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    kind_id: Mapped[int] = mapped_column(ForeignKey("right_kind.id"))
    opened_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    kind: Mapped[RightKind] = relationship()
