"""A measure's entry criteria, and those a household was found to meet at orientation (docs/domain.md §3.1).

Entry criteria are **information, never a gate**: a measure's target public (« reconnu prioritaire DALO », « sans
logement depuis plus d'un an ») is shown as an unticked checklist when a referral is recorded, the team ticks what
it knows, and no step of the episode ever asks about them (an admission with nothing ticked goes through). The
funders' exports count the entrants by criterion met (:mod:`caseworker.exports.criteria_figures`).

A measure's criteria are reference data, edited beside the measure in Paramètres by whoever edits the catalogue
(:mod:`.measures`). A criterion's code is made from its label once and never changes (a rename keeps it); one left
out of an edit is deleted only while no episode says it was met, and deactivated otherwise: the episodes keep
their history and the exports their counts. Ticking an episode's criteria is a change of the episode: it names the
version it was typed against (:mod:`caseworker.services.row_versions`) and is audited.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.models import EntryCriterion, Episode, EpisodeCriterion, Measure
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.errors import NotFoundError
from caseworker.services.row_versions import claim_version
from caseworker.services.search_text import fold
from caseworker.services.support.episode_records import load_episode
from caseworker.services.support.measures import slug, unique_code
from caseworker.services.validation import LABEL_MAX, Problems

CRITERION_LABEL_MAX = LABEL_MAX
MAX_CRITERIA = 30
"""The most criteria a measure lists (a checklist, not a questionnaire)."""

FIELD = "criteria"
"""The field the refusals about criteria are said under, in every form that shows the checklist."""

_CODE = re.compile(r"^[a-z0-9_]{1,64}$")

GONE = (
    "Critères d'entrée : un critère coché n'est pas (ou plus) proposé pour ce dispositif ; fermez la fenêtre "
    "et rouvrez-la pour voir la liste à jour."
)


# ----------------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class CriterionInput:
    """One criterion as the administrator typed it; ``code`` empty for a new one (made from its label)."""

    label: str
    code: str = ""
    active: bool = True


@dataclass(frozen=True)
class CriterionView:
    """One criterion of a measure, in its order."""

    id: int
    code: str
    label: str
    sort_order: int
    active: bool

    def to_input(self) -> CriterionInput:
        """Return the input that leaves this criterion as it is (the editor starts from it)."""
        return CriterionInput(self.label, self.code, self.active)


@dataclass(frozen=True)
class MeasureCriteria:
    """A measure's whole list of criteria, inactive ones included."""

    measure_id: int
    measure_name: str
    criteria: tuple[CriterionView, ...]

    def active(self) -> tuple[CriterionView, ...]:
        """Return the criteria a new referral's checklist shows."""
        return tuple(criterion for criterion in self.criteria if criterion.active)


@dataclass(frozen=True)
class CriterionCheck:
    """One line of an episode's checklist: a criterion and whether the household was found to meet it."""

    code: str
    label: str
    met: bool
    active: bool


@dataclass(frozen=True)
class EpisodeCriteria:
    """An episode's checklist: its measure's active criteria, and any other it was found to meet.

    ``row_version`` is the episode's, for the next change (:mod:`caseworker.services.row_versions`).
    """

    episode_id: int
    row_version: int
    measure_name: str
    checks: tuple[CriterionCheck, ...]

    @property
    def met_codes(self) -> frozenset[str]:
        """Return the codes of the criteria ticked."""
        return frozenset(check.code for check in self.checks if check.met)

    @property
    def met_labels(self) -> tuple[str, ...]:
        """Return the labels of the criteria ticked, in the measure's order."""
        return tuple(check.label for check in self.checks if check.met)


# ---------------------------------------------------------------------------------------------- service


class CriteriaService:
    """Entry criteria: a measure's list (edited with the catalogue) and the ones each episode ticked."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def criteria_of(self, measure_code: str) -> tuple[CriterionView, ...]:
        """Return the active criteria of the measure with this code, in order (a new referral's checklist)."""
        with self._ctx.read() as session:
            measure = session.scalar(select(Measure).where(Measure.code == measure_code))
            if measure is None:
                raise NotFoundError("Dispositif introuvable.")
            return tuple(view for view in _views(session, measure.id) if view.active)

    def measure_criteria(self, measure_id: int) -> MeasureCriteria:
        """Return a measure's criteria, inactive ones included."""
        with self._ctx.read() as session:
            return _measure_criteria(session, _measure(session, measure_id))

    def update_criteria(self, measure_id: int, criteria: Sequence[CriterionInput]) -> MeasureCriteria:
        """Replace a measure's list: add, rename, reorder, deactivate; one left out is deleted unless used.

        The same rule as the rest of the catalogue's edits (:class:`.measures.MeasureService`).
        """
        problems = Problems()
        cleaned = _check_list(problems, criteria)
        with self._ctx.transaction() as session:
            measure = _measure(session, measure_id)
            stored = list(session.scalars(select(EntryCriterion).where(EntryCriterion.measure_id == measure.id)))
            plan = _plan(stored, cleaned, problems)
            problems.raise_if_any()
            if _apply(session, measure.id, stored, plan):
                session.flush()
                audit.record(session, self._ctx, AuditAction.UPDATE, "measure", measure.id, fields=["entry_criteria"])
            return _measure_criteria(session, measure)

    def episode_criteria(self, episode_id: int) -> EpisodeCriteria:
        """Return an episode's checklist, with the criteria it ticked."""
        with self._ctx.read() as session:
            return _episode_criteria(session, load_episode(session, episode_id))

    def set_met_criteria(self, episode_id: int, codes: Iterable[str], *, expected_version: int) -> EpisodeCriteria:
        """Record which of its measure's criteria the household met at orientation (``codes``: those ticked).

        Information only: nothing else of the episode depends on it. A criterion deactivated since stays ticked if
        it was, and cannot be newly ticked.
        """
        problems = Problems()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = load_episode(session, episode_id)
            ticked = _met_ids(session, episode.id)
            wanted = criteria_among(session, episode.measure_id, codes, problems, keep=ticked)
            problems.raise_if_any()
            chosen = {criterion.id for criterion in wanted}
            if chosen != ticked:
                gone = ticked - chosen
                if gone:
                    session.execute(
                        delete(EpisodeCriterion).where(
                            EpisodeCriterion.episode_id == episode.id, EpisodeCriterion.criterion_id.in_(sorted(gone))
                        )
                    )
                tick(session, episode.id, [criterion for criterion in wanted if criterion.id not in ticked])
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.UPDATE,
                    "episode",
                    episode.id,
                    household_id=episode.household_id,
                    fields=["entry_criteria"],
                )
            return _episode_criteria(session, episode)


# ------------------------------------------------------------------------------ in a caller's transaction


def criteria_among(
    session: Session,
    measure_id: int | None,
    codes: Iterable[str],
    problems: Problems,
    *,
    keep: Collection[int] = (),
) -> list[EntryCriterion]:
    """Return the measure's criteria named by ``codes``; a code it does not offer is a problem under ``criteria``.

    Only active criteria may be ticked, besides those of ``keep`` (already ticked before being deactivated).
    """
    wanted = set(codes)
    if not wanted or measure_id is None:
        return []
    found = [
        criterion
        for criterion in session.scalars(
            select(EntryCriterion)
            .where(EntryCriterion.measure_id == measure_id)
            .order_by(EntryCriterion.sort_order, EntryCriterion.id)
        )
        if criterion.code in wanted and (criterion.active or criterion.id in keep)
    ]
    if len(found) != len(wanted):
        problems.add(FIELD, GONE)
    return found


def tick(session: Session, episode_id: int, criteria: Sequence[EntryCriterion]) -> None:
    """Record that the household of a (flushed) episode met ``criteria``."""
    session.add_all(EpisodeCriterion(episode_id=episode_id, criterion_id=criterion.id) for criterion in criteria)
    session.flush()


# ------------------------------------------------------------------------------------------- validation


@dataclass(frozen=True)
class _Clean:
    code: str
    label: str
    active: bool


def _check_list(problems: Problems, criteria: Sequence[CriterionInput]) -> list[_Clean]:
    if len(criteria) > MAX_CRITERIA:
        problems.add(FIELD, f"Critères d'entrée : {MAX_CRITERIA} au plus par dispositif.")
        return []
    cleaned = []
    labels: dict[str, int] = {}
    codes: set[str] = set()
    for index, criterion in enumerate(criteria):
        field = f"{FIELD}.{index}"
        label = problems.text(
            f"{field}.label",
            criterion.label,
            label=f"Critère {index + 1}",
            max_length=CRITERION_LABEL_MAX,
            required=True,
        )
        folded = fold(label)
        if folded and folded in labels:
            problems.add(f"{field}.label", f"Critère « {label} » : il figure déjà en ligne {labels[folded] + 1}.")
        labels.setdefault(folded, index)
        code = criterion.code.strip() if isinstance(criterion.code, str) else ""
        if code and (not _CODE.match(code) or code in codes):
            problems.add(f"{field}.label", f"Critère {index + 1} : code invalide ou en double.")
        codes.add(code)
        cleaned.append(_Clean(code, label, bool(criterion.active)))
    return cleaned


def _plan(stored: list[EntryCriterion], cleaned: list[_Clean], problems: Problems) -> list[tuple[str, _Clean]]:
    """Give each typed criterion the code of the stored one it edits, or a fresh one.

    A criterion typed without a code takes back a stored one with the same label that the edit leaves out (removed
    and added again: the same criterion, and the same episodes' ticks). A code the measure never had is refused.
    """
    by_code = {row.code: row for row in stored}
    sent = {item.code for item in cleaned if item.code}
    left_out = {fold(row.label): row.code for row in stored if row.code not in sent}
    taken = set(by_code)  # codes of rows about to be deleted included: their delete is flushed after the inserts
    plan: list[tuple[str, _Clean]] = []
    for index, item in enumerate(cleaned):
        code = item.code
        if code and code not in by_code:
            problems.add(f"{FIELD}.{index}.label", GONE)
        if not code:
            code = left_out.pop(fold(item.label), "") or unique_code(slug(item.label, fallback="critere"), taken)
            taken.add(code)
        plan.append((code, item))
    return plan


def _apply(session: Session, measure_id: int, stored: list[EntryCriterion], plan: list[tuple[str, _Clean]]) -> bool:
    """Write the planned criteria, then delete (or, when used, deactivate) those left out; True if anything changed."""
    existing = {row.code: row for row in stored}
    changed = False
    for order, (code, item) in enumerate(plan, start=1):
        row = existing.get(code)
        if row is None:
            row = EntryCriterion(measure_id=measure_id, code=code)
            session.add(row)
            changed = True
        row.label = item.label
        row.sort_order = order * 10
        row.active = item.active
        changed = changed or bool(audit.changed_attributes(row))
    kept = {code for code, _item in plan}
    left_out = sorted((row for row in stored if row.code not in kept), key=lambda row: (row.sort_order, row.id))
    session.flush()
    order = len(plan)
    for row in left_out:
        try:
            # Whether an episode ticked it is asked of the database itself: the row rules may hide that episode
            # from the person editing (locally and on the server alike), never the foreign key.
            with session.begin_nested():
                session.delete(row)
            changed = True
        except IntegrityError:
            order += 1
            row.active = False
            row.sort_order = order * 10
            changed = changed or bool(audit.changed_attributes(row))
    return changed


# ---------------------------------------------------------------------------------------------- reading


def _measure(session: Session, measure_id: int) -> Measure:
    measure = session.get(Measure, measure_id)
    if measure is None:
        raise NotFoundError(f"Dispositif introuvable (n° {measure_id}).")
    return measure


def _views(session: Session, measure_id: int) -> list[CriterionView]:
    rows = session.scalars(
        select(EntryCriterion)
        .where(EntryCriterion.measure_id == measure_id)
        .order_by(EntryCriterion.sort_order, EntryCriterion.id)
    )
    return [CriterionView(row.id, row.code, row.label, row.sort_order, row.active) for row in rows]


def _met_ids(session: Session, episode_id: int) -> set[int]:
    return set(session.scalars(select(EpisodeCriterion.criterion_id).where(EpisodeCriterion.episode_id == episode_id)))


def _measure_criteria(session: Session, measure: Measure) -> MeasureCriteria:
    return MeasureCriteria(measure.id, measure.name, tuple(_views(session, measure.id)))


def _episode_criteria(session: Session, episode: Episode) -> EpisodeCriteria:
    met = _met_ids(session, episode.id)
    checks = tuple(
        CriterionCheck(view.code, view.label, view.id in met, view.active)
        for view in _views(session, episode.measure_id)
        if view.active or view.id in met
    )
    return EpisodeCriteria(episode.id, episode.row_version, episode.measure.name, checks)
