"""Who funds each support, by what share: the funding lines of measures and episodes (docs/domain.md §13.6).

A measure's lines say which funders pay for it and by what share; an episode may have lines of its own, which then
replace its measure's (co-funded by a foundation, a convention of its own). Shares are typed as percentages with at
most two decimals (50, 33,33) and stored in basis points; the lines of one measure or episode add up to exactly
100 %. The funders' exports split each household's days by these shares.

Lines proposed by the migration from the old free text stay ``proposed`` until someone saves them: the forms say
so, and so do the exports. A measure's funders, and the list of funders, are set by an administrator or a team lead
(they change every funder's figures); an episode's own lines by whoever may change the episode.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.models import Episode, EpisodeFunding, Funder, Measure, MeasureFunding
from caseworker.models.funding import FULL_SHARE_BP
from caseworker.services import audit
from caseworker.services.access_policy import FUNDING_REFUSED, may_edit_funding, require_funding_editor
from caseworker.services.context import ServiceContext
from caseworker.services.errors import NotFoundError
from caseworker.services.reference import Choice
from caseworker.services.row_versions import claim_version
from caseworker.services.search_text import fold
from caseworker.services.validation import LABEL_MAX, Problems

MAX_LINES = 10
"""More funders than this on one support is a typing error, not a convention."""

FIELD = "funding"


@dataclass(frozen=True)
class FundingShare:
    """One line as typed: a funder (picklist code) and its share in percent (50, 33.33)."""

    funder_code: str
    percent: Decimal


@dataclass(frozen=True)
class FundingLine:
    """One line as stored: the funder and its share in basis points (5,000 = 50 %)."""

    funder_code: str
    funder_label: str
    share_bp: int

    @property
    def percent(self) -> Decimal:
        """The share in percent (50, 33.33)."""
        return Decimal(self.share_bp) / 100

    @property
    def percent_text(self) -> str:
        """« 50 % », « 33,33 % »."""
        return f"{share_text(self.share_bp)} %"


@dataclass(frozen=True)
class FundingView:
    """The lines of a measure or an episode.

    Attributes:
        lines: the funders and their shares, in order (empty: funding not stated).
        proposed: the lines were proposed from the old free text and nobody has confirmed them yet.
        own: for an episode, whether the lines are its own (False: its measure's).
        legacy_text: the free text typed before funding lines existed ("" when none): for an episode following its
            measure's lines, the measure's text (the lines were proposed from it).
    """

    lines: tuple[FundingLine, ...]
    proposed: bool
    own: bool
    legacy_text: str

    @property
    def summary(self) -> str:
        """« DDETS (BOP 177) 50 % · FNAVDL 50 % »; « non renseigné » without lines."""
        if not self.lines:
            return "non renseigné"
        if len(self.lines) == 1:
            return self.lines[0].funder_label
        return " · ".join(f"{line.funder_label} {line.percent_text}" for line in self.lines)

    @property
    def cofunded(self) -> bool:
        """Whether more than one funder pays (the exports flag it *cofinancé*)."""
        return len(self.lines) > 1


def share_text(share_bp: int) -> str:
    """A share in basis points in French: 5000 → « 50 », 3333 → « 33,33 »."""
    whole, rest = divmod(share_bp, 100)
    return str(whole) if rest == 0 else f"{whole},{rest:02d}".rstrip("0")


def _basis_points(problems: Problems, key: str, index: int, value: object) -> int | None:
    """The share in basis points, or None with a French message when it is not a plausible percentage."""
    label = f"Financement, ligne {index + 1}"
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        number = Decimal("NaN")
    if isinstance(value, bool) or not number.is_finite() or (isinstance(value, float) and not math.isfinite(value)):
        problems.add(key, f"{label} : la part doit être un pourcentage (par exemple 50 ou 33,33).")
        return None
    if number <= 0 or number > 100:
        problems.add(key, f"{label} : la part doit être comprise entre 0 et 100 % (0 exclu).")
        return None
    basis_points = number * 100
    if basis_points != basis_points.to_integral_value():
        problems.add(key, f"{label} : la part se donne avec deux décimales au plus.")
        return None
    return int(basis_points)


def check_shares(session: Session, problems: Problems, shares: Sequence[FundingShare]) -> list[tuple[Funder, int]]:
    """The lines of ``shares`` checked: known active funders, each once, shares adding up to exactly 100 %.

    Problems are added under ``funding`` (the form's field); an empty sequence means "not stated" and is valid.
    """
    if len(shares) > MAX_LINES:
        problems.add(FIELD, f"Financement : {MAX_LINES} financeurs au plus.")
        return []
    funders = {funder.code: funder for funder in session.scalars(select(Funder).where(Funder.active.is_(True)))}
    lines: list[tuple[Funder, int]] = []
    seen: set[str] = set()
    for index, share in enumerate(shares):
        funder = funders.get(share.funder_code) if isinstance(share.funder_code, str) else None
        if funder is None:
            problems.add(FIELD, f"Financement, ligne {index + 1} : choisissez un financeur dans la liste.")
            continue
        if funder.code in seen:
            problems.add(FIELD, f"Financement : {funder.label} figure deux fois.")
            continue
        seen.add(funder.code)
        basis_points = _basis_points(problems, FIELD, index, share.percent)
        if basis_points is not None:
            lines.append((funder, basis_points))
    if lines and len(lines) == len(shares):
        total = sum(basis_points for _funder, basis_points in lines)
        if total != FULL_SHARE_BP:
            problems.add(
                FIELD, f"Financement : les parts doivent faire 100 % en tout (elles font {share_text(total)} %)."
            )
    return lines


def replace_lines(session: Session, owner: Measure | Episode, lines: Sequence[tuple[Funder, int]]) -> bool:
    """Put ``lines`` in place of the measure's or episode's lines, confirmed; True when anything changed."""
    model: type[MeasureFunding] | type[EpisodeFunding]
    if isinstance(owner, Measure):
        model, column = MeasureFunding, MeasureFunding.measure_id
    else:
        model, column = EpisodeFunding, EpisodeFunding.episode_id
    before = [(row.funder_id, row.share_bp, row.proposed) for row in _rows(session, model, owner.id)]
    after = [(funder.id, basis_points, False) for funder, basis_points in lines]
    if before == after:
        return False
    session.execute(delete(model).where(column == owner.id))
    session.flush()
    for order, (funder, basis_points) in enumerate(lines):
        row = model(funder_id=funder.id, share_bp=basis_points, proposed=False, sort_order=order)
        if isinstance(row, MeasureFunding):
            row.measure_id = owner.id
        else:
            row.episode_id = owner.id
        session.add(row)
    session.flush()
    return True


def _rows(
    session: Session, model: type[MeasureFunding] | type[EpisodeFunding], owner_id: int
) -> Sequence[MeasureFunding | EpisodeFunding]:
    if model is MeasureFunding:
        query = select(MeasureFunding).where(MeasureFunding.measure_id == owner_id)
        return list(session.scalars(query.order_by(MeasureFunding.sort_order, MeasureFunding.id)))
    episodes = select(EpisodeFunding).where(EpisodeFunding.episode_id == owner_id)
    return list(session.scalars(episodes.order_by(EpisodeFunding.sort_order, EpisodeFunding.id)))


def _view(rows: Sequence[MeasureFunding | EpisodeFunding], *, own: bool, legacy_text: str) -> FundingView:
    lines = tuple(FundingLine(row.funder.code, row.funder.label, row.share_bp) for row in rows)
    return FundingView(lines, any(row.proposed for row in rows), own, legacy_text)


def measure_funding_view(session: Session, measure: Measure) -> FundingView:
    """The measure's lines."""
    return _view(_rows(session, MeasureFunding, measure.id), own=True, legacy_text=measure.funders)


def episode_funding_view(session: Session, episode: Episode) -> FundingView:
    """The episode's own lines, or its measure's when it has none."""
    own = _rows(session, EpisodeFunding, episode.id)
    if own:
        return _view(own, own=True, legacy_text=episode.funders)
    measure = _rows(session, MeasureFunding, episode.measure_id)
    return _view(measure, own=False, legacy_text=episode.measure.funders)


class FundingService:
    """Reads and changes the funding lines of measures and episodes, and the list of funders."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def funders(self) -> list[Choice]:
        """The active funders, in the list's order."""
        with self._ctx.read() as session:
            query = select(Funder).where(Funder.active.is_(True)).order_by(Funder.sort_order, Funder.label)
            return [Choice(funder.code, funder.label) for funder in session.scalars(query)]

    def refusal(self) -> str:
        """Why the person working may not set a measure's funders nor add a funder ("" when they may)."""
        with self._ctx.read() as session:
            return "" if may_edit_funding(session, self._ctx.actor.staff_member_id) else FUNDING_REFUSED

    def add_funder(self, label: str) -> Choice:
        """Add a funder to the list (or return the one of that name, whatever its case and accents)."""
        problems = Problems()
        cleaned = problems.text("label", label, label="Nom du financeur", max_length=LABEL_MAX, required=True)
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            require_funding_editor(session, self._ctx.actor.staff_member_id)
            for funder in session.scalars(select(Funder)):
                if fold(funder.label) == fold(cleaned):
                    if not funder.active:
                        funder.active = True
                        audit.record(session, self._ctx, AuditAction.UPDATE, "funder", funder.id, fields=["active"])
                    return Choice(funder.code, funder.label)
            count = session.scalar(select(func.count(Funder.id))) or 0
            codes = set(session.scalars(select(Funder.code)))
            number = count + 1
            while f"financeur_{number}" in codes:
                number += 1
            funder = Funder(code=f"financeur_{number}", label=cleaned, sort_order=count, active=True)
            session.add(funder)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "funder", funder.id)
            return Choice(funder.code, funder.label)

    def measure_funding(self, measure_id: int) -> FundingView:
        """The lines of a measure."""
        with self._ctx.read() as session:
            measure = session.get(Measure, measure_id)
            if measure is None:
                raise NotFoundError(f"Dispositif introuvable (n° {measure_id}).")
            return measure_funding_view(session, measure)

    def check(self, shares: Sequence[FundingShare]) -> None:
        """Refuse ``shares`` with the French messages a save would give (a form checks before saving the rest)."""
        problems = Problems()
        with self._ctx.read() as session:
            check_shares(session, problems, shares)
        problems.raise_if_any()

    def set_measure_funding(self, measure_id: int, shares: Sequence[FundingShare]) -> FundingView:
        """Give a measure its funding lines (none: not stated); confirms proposed lines."""
        problems = Problems()
        with self._ctx.transaction() as session:
            require_funding_editor(session, self._ctx.actor.staff_member_id)
            measure = session.get(Measure, measure_id)
            if measure is None:
                raise NotFoundError(f"Dispositif introuvable (n° {measure_id}).")
            lines = check_shares(session, problems, shares)
            problems.raise_if_any()
            if replace_lines(session, measure, lines):
                audit.record(session, self._ctx, AuditAction.UPDATE, "measure", measure.id, fields=["funding"])
            return measure_funding_view(session, measure)

    def episode_funding(self, episode_id: int) -> FundingView:
        """The lines of an episode: its own, or its measure's."""
        with self._ctx.read() as session:
            episode = session.get(Episode, episode_id)
            if episode is None:
                raise NotFoundError("Accompagnement introuvable.")
            return episode_funding_view(session, episode)

    def set_episode_funding(
        self, episode_id: int, shares: Sequence[FundingShare] | None, *, expected_version: int
    ) -> FundingView:
        """Give an episode lines of its own (``None``: its measure's again); confirms proposed lines."""
        problems = Problems()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = session.get(Episode, episode_id)
            if episode is None:
                raise NotFoundError("Accompagnement introuvable.")
            lines = check_shares(session, problems, shares or ())
            if shares is not None and not shares:
                problems.add(FIELD, "Financement : ajoutez au moins un financeur, ou gardez celui du dispositif.")
            problems.raise_if_any()
            if replace_lines(session, episode, lines):
                audit.record(session, self._ctx, AuditAction.UPDATE, "episode", episode.id, fields=["funding"])
            return episode_funding_view(session, episode)


__all__ = [
    "FundingLine",
    "FundingService",
    "FundingShare",
    "FundingView",
    "check_shares",
    "episode_funding_view",
    "measure_funding_view",
    "replace_lines",
    "share_text",
]
