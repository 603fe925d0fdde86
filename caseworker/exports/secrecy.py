"""Statistical secrecy of the funders' anonymised exports: which counts to print as "s", and the proof it holds.

Funders receive figures about cohorts of 10 to 30 households, where a count of 1 to 4 can point at one family
(docs/domain.md §8). This module only sees numbers: counts keyed by name, the additive relations between them (a
total is the sum of its parts) and groups of twin cells. It returns the cells to hide, why each is hidden, and the
interval an attacker can still narrow each one down to. It knows nothing of Qt, the database or what the tables mean.

The rules, in the order they are applied:

1. **Primary secrecy.** A count from 1 to ``threshold - 1`` (5 by default) is hidden. A zero is always shown: it
   points at nobody. The reader therefore knows that every hidden count is at least 1, and the audit assumes so.
2. **Complementary secrecy.** A relation with exactly one hidden member (total or part) gives it away by a
   subtraction, so its smallest other non-zero shown part is hidden too (ties by key), or its total when no part
   qualifies.
3. **Twins.** The same cell counted in households (ménages) and in persons is hidden in both views or in neither,
   so that the pattern of one view does not reveal the other. Twins hold different numbers in different relation
   systems: they share the pattern, not an equation. A zero twin stays shown (rule 1).
   Rules 2 and 3 are applied together until nothing changes.
4. **Audit.** Rule 2 stops a subtraction inside one relation, not an attacker who combines several: a rectangle of
   hidden cells inside a table with margins is often pinned down. So, as sdcTable's ``attack()`` and τ-ARGUS's
   audit do, linear programming gives every hidden cell its smallest and largest value consistent with every shown
   cell and every relation, each hidden cell being at least 1 and unbounded above. The bounds are rounded inward
   to integers (on tables with margins they are the integer bounds: the tests check it against an integer
   attacker). A hidden cell is protected when its interval is at least ``threshold`` wide. Bounds the caller knows
   an attacker reads in the definitions (a subset no larger than its whole: ``Relation.sense``) join the problem as
   inequalities.
5. **Extension.** While a hidden cell is exposed (the first by key), one more cell is hidden: the smallest non-zero
   shown part of a relation holding the exposed cell (a total only when no part qualifies; ties by key), looking
   at the relations reached through other hidden cells when its own offer nothing. Rules 2–3 run again, then the
   audit. Hiding a cell never narrows an interval (the attacker loses a known value), so a cell found protected
   stays protected and only the others are audited again. Each round hides one more non-zero cell, so the loop
   ends. Once every non-zero cell linked to an exposed one is hidden, its equations hold only zeros as constants:
   any multiple of the true counts fits them, every maximum is unbounded and nothing is exposed. ``exposed`` still
   lists what the audit finds narrow if nothing is left to hide, so a table is never declared safe by mistake.
6. **Determinism.** Cells are taken in key order and relations in the caller's order, never in a set's order: the
   same figures always give the same pattern.
"""

from __future__ import annotations

import functools
import heapq
import math
import os
import sys
import threading
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import highspy
import numpy

DEFAULT_THRESHOLD = 5
TOTAL = "Total"  # the coordinate of a margin in the keys built by cell_key()
KEY_SEPARATOR = "|"
_ROUNDING_TOLERANCE = 1e-6  # LP optima are floats: 3.9999999 is the integer bound 4

Reason = Literal["primary", "secondary"]
Bounds = tuple[int, float]  # the attacker's smallest and largest value of a hidden cell (math.inf: unbounded)


_BANNER_LOCK = threading.Lock()


@functools.cache
def _banner_out_of_the_way() -> None:
    """Make (and drop) a first solver with file descriptor 1 pointed at the null device.

    highspy prints "Running HiGHS …" on the C level's stdout once per process, before any option can silence it
    (ERGO-Code/HiGHS#2749): the command line's output must say only what it exported.
    """
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with Path(os.devnull).open("wb") as null:
            os.dup2(null.fileno(), 1)
            highspy.Highs()  # type: ignore[no-untyped-call]  # (highspy leaves __init__ untyped)
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _new_highs() -> highspy.Highs:
    """A HiGHS solver (its start-up banner kept off the standard output)."""
    with _BANNER_LOCK:
        _banner_out_of_the_way()
    return highspy.Highs()  # type: ignore[no-untyped-call]


class Cancelled(Exception):  # noqa: N818 (the person chose to stop: not an error)
    """The person cancelled the export while its figures were being protected."""


@dataclass(frozen=True)
class Relation:
    """An additive relation between published figures: the value of ``total`` is the sum of those of ``parts``.

    ``sense`` makes it a bound an attacker also knows: ``"<="`` the parts add up to at most the total (a subset of
    what the total counts: the sub-leases postponed are among the reviews postponed), ``">="`` to at least the total
    (every entrant with a criterion ticked is in at least one criterion's row). A bound gives nothing away by a
    subtraction (rule 2 skips it); the audit (rule 4) uses it.
    """

    total: str
    parts: tuple[str, ...]
    sense: Literal["=", "<=", ">="] = "="

    @property
    def members(self) -> tuple[str, ...]:
        """The total then the parts: every cell the relation ties together."""
        return (self.total, *self.parts)


@dataclass(frozen=True)
class Protection:
    """Which cells to print as "s", why, and what an attacker can still infer about each.

    Attributes:
        hidden: every hidden cell in key order, with the rule that hid it ("secondary": rules 2, 3 and 5).
        bounds: the attacker's tightest interval for each hidden cell.
        exposed: hidden cells whose interval is still narrower than the threshold. Empty unless nothing was left to
            hide; an export with an exposed cell must not be sent.
    """

    hidden: Mapping[str, Reason]
    bounds: Mapping[str, Bounds]
    exposed: tuple[str, ...]

    @property
    def primary_count(self) -> int:
        """How many cells are hidden because they are small (rule 1)."""
        return sum(1 for reason in self.hidden.values() if reason == "primary")

    @property
    def secondary_count(self) -> int:
        """How many cells are hidden only to protect others (rules 2, 3 and 5): the price of the secrecy."""
        return len(self.hidden) - self.primary_count


def cell_key(prefix: str, *coordinates: str) -> str:
    """The key of a table's cell, ``prefix|row|column``; a margin has :data:`TOTAL` as one of its coordinates."""
    return KEY_SEPARATOR.join((prefix, *coordinates))


def table_relations(
    prefix: str, rows: Sequence[str], columns: Sequence[str] = (), *, grand_total: str | None = None
) -> list[Relation]:
    """The relations of a table of counts and its margins, its cells keyed by :func:`cell_key`.

    A list of categories (no ``columns``) has cells ``prefix|row`` and a total ``prefix|Total``. A table of rows and
    columns has cells ``prefix|row|column``, row totals ``prefix|row|Total``, column totals ``prefix|Total|column``
    and a grand total ``prefix|Total|Total``, the sum of the row totals and of the column totals.

    Tables counting the same population share their grand total by passing the same ``grand_total`` key: exits by
    reason and exits by destination both pass ``"exits|Total"``, the values hold that key once, and the audit sees
    the two tables as one system, as an attacker would. Any other shared figure is shared the same way, with a
    relation written by hand that uses the same key.

    Raises:
        ValueError: no row, or a label that is empty, repeated, :data:`TOTAL` or holds :data:`KEY_SEPARATOR`.
    """
    _check_labels("prefix", [prefix])
    _check_labels("row", rows)
    _check_labels("column", columns)
    if not rows:
        raise ValueError(f"Table {prefix!r} has no rows.")
    if not columns:
        total = grand_total or cell_key(prefix, TOTAL)
        return [Relation(total, tuple(cell_key(prefix, row) for row in rows))]
    total = grand_total or cell_key(prefix, TOTAL, TOTAL)
    by_row = [
        Relation(cell_key(prefix, row, TOTAL), tuple(cell_key(prefix, row, column) for column in columns))
        for row in rows
    ]
    by_column = [
        Relation(cell_key(prefix, TOTAL, column), tuple(cell_key(prefix, row, column) for row in rows))
        for column in columns
    ]
    return [
        *by_row,
        *by_column,
        Relation(total, tuple(relation.total for relation in by_row)),
        Relation(total, tuple(relation.total for relation in by_column)),
    ]


def protect(
    values: Mapping[str, int],
    relations: Sequence[Relation],
    *,
    twins: Sequence[Sequence[str]] = (),
    threshold: int = DEFAULT_THRESHOLD,
    cancelled: Callable[[], bool] | None = None,
) -> Protection:
    """Choose the cells to hide so that no count below ``threshold`` can be recovered (rules 1–6 of the module).

    Args:
        values: every published count, margins included.
        relations: the additive relations between them (:func:`table_relations` gives a table's).
        twins: groups of cells hidden together (the same cell in the ménage and in the personne view).
        threshold: the smallest count printed, and the width every hidden cell's interval must reach.
        cancelled: polled between two LP solves; when it returns True the work stops with :class:`Cancelled`.

    Raises:
        ValueError: the threshold is below 2, or the figures are inconsistent (see :func:`attack`).
        Cancelled: ``cancelled()`` returned True.
    """
    _check_threshold(threshold)
    _check_figures(values, relations)
    _check_known(values, (cell for group in twins for cell in group), "A twin group")
    neighbourhood = _Neighbourhood(relations, twins)
    hidden: dict[str, Reason] = {cell: "primary" for cell in sorted(values) if 0 < values[cell] < threshold}
    _complete_pattern(hidden, list(hidden), values, relations, neighbourhood)
    attacker = _Attacker(values, relations, neighbourhood, cancelled)
    protected: set[str] = set()
    while (exposed := _first_exposed(hidden, protected, attacker, threshold)) is not None:
        candidate = _extension_candidate(exposed, hidden, values, relations, neighbourhood)
        if candidate is None:
            break
        hidden[candidate] = "secondary"
        attacker.forget_around(_complete_pattern(hidden, [candidate], values, relations, neighbourhood))
    bounds = {cell: attacker.bounds(cell, hidden) for cell in sorted(hidden)}
    return Protection(
        hidden=MappingProxyType({cell: hidden[cell] for cell in sorted(hidden)}),
        bounds=MappingProxyType(bounds),
        exposed=tuple(cell for cell, (lower, upper) in bounds.items() if upper - lower < threshold),
    )


def attack(
    values: Mapping[str, int],
    relations: Sequence[Relation],
    hidden: Collection[str],
    *,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, Bounds]:
    """The attacker's tightest interval for each hidden cell, from every shown cell and every relation (rule 4).

    Public so that any pattern can be audited, not only the one :func:`protect` chose.

    Raises:
        ValueError: a value is not a count, a relation is empty, names a cell twice or an unknown cell, or does not
            hold; or a hidden cell is unknown or zero (zeros are always shown: the attacker knows a hidden count is
            at least 1).
        Cancelled: ``cancelled()`` returned True.
    """
    _check_figures(values, relations)
    _check_known(values, hidden, "The hidden cells")
    zeros = sorted(cell for cell in hidden if values[cell] == 0)
    if zeros:
        raise ValueError(f"Zeros are always shown, yet these are hidden: {', '.join(map(repr, zeros))}.")
    secret = frozenset(hidden)
    attacker = _Attacker(values, relations, _Neighbourhood(relations, ()), cancelled)
    return {cell: attacker.bounds(cell, secret) for cell in sorted(secret)}


def _check_threshold(threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 2:
        raise ValueError(f"The threshold must be an integer of at least 2, got {threshold!r}.")


def _check_labels(kind: str, labels: Sequence[str]) -> None:
    """Refuse labels that would make two cells share a key (a collision would merge unrelated figures)."""
    for label in labels:
        if not label or KEY_SEPARATOR in label or label == TOTAL:
            raise ValueError(f"A {kind} label must be non-empty, not {TOTAL!r}, without {KEY_SEPARATOR!r}: {label!r}.")
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise ValueError(f"A {kind} label is repeated: {', '.join(map(repr, repeated))}.")


def _check_known(values: Mapping[str, int], cells: Iterable[str], where: str) -> None:
    for cell in cells:
        if cell not in values:
            raise ValueError(f"{where} names {cell!r}, which has no value.")


def _check_figures(values: Mapping[str, int], relations: Sequence[Relation]) -> None:
    """Refuse figures an attacker's reasoning would not hold for (the audit trusts every relation to be true)."""
    for cell in sorted(values):
        value = values[cell]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"Cell {cell!r} must hold a count (an integer of at least 0), got {value!r}.")
    for relation in relations:
        where = f"The relation of total {relation.total!r}"
        if not relation.parts:
            raise ValueError(f"{where} has no parts.")
        if len(set(relation.members)) != len(relation.members):
            raise ValueError(f"{where} names a cell twice.")
        _check_known(values, relation.members, where)
        parts_sum = sum(values[part] for part in relation.parts)
        total = values[relation.total]
        holds = {"=": parts_sum == total, "<=": parts_sum <= total, ">=": parts_sum >= total}[relation.sense]
        if not holds:
            raise ValueError(
                f"{where} does not hold: the total is {values[relation.total]}, its parts add to {parts_sum}."
            )


class _Neighbourhood:
    """Where each cell appears: the positions of its relations and of its twin groups."""

    def __init__(self, relations: Sequence[Relation], twins: Sequence[Sequence[str]]) -> None:
        self.twin_groups = tuple(tuple(group) for group in twins)
        self._relations: dict[str, list[int]] = {}
        self._twin_groups: dict[str, list[int]] = {}
        for position, relation in enumerate(relations):
            for cell in relation.members:
                self._relations.setdefault(cell, []).append(position)
        for position, group in enumerate(self.twin_groups):
            for cell in group:
                self._twin_groups.setdefault(cell, []).append(position)

    def relations_of(self, cell: str) -> Sequence[int]:
        """Positions in the caller's list of relations, in that order (rule 6)."""
        return self._relations.get(cell, ())

    def twin_groups_of(self, cell: str) -> Sequence[int]:
        return self._twin_groups.get(cell, ())


_TWIN_GROUP, _RELATION = 0, 1  # kinds of work in _complete_pattern(), twins first


def _complete_pattern(
    hidden: dict[str, Reason],
    newly_hidden: Sequence[str],
    values: Mapping[str, int],
    relations: Sequence[Relation],
    neighbourhood: _Neighbourhood,
) -> list[str]:
    """Apply rules 2 and 3 around the newly hidden cells until nothing changes; return them and those it hid.

    Only a relation or twin group holding a newly hidden cell can change, so the work list starts from those. It is
    a heap of (kind, position): the order never depends on a set's.
    """
    changed = list(newly_hidden)
    pending: list[tuple[int, int]] = []
    queued: set[tuple[int, int]] = set()

    def enqueue_around(cell: str) -> None:
        work = [(_TWIN_GROUP, group) for group in neighbourhood.twin_groups_of(cell)]
        work += [(_RELATION, position) for position in neighbourhood.relations_of(cell)]
        for item in work:
            if item not in queued:
                queued.add(item)
                heapq.heappush(pending, item)

    for cell in newly_hidden:
        enqueue_around(cell)
    while pending:
        kind, position = heapq.heappop(pending)
        queued.discard((kind, position))
        if kind == _TWIN_GROUP:
            to_hide = _twins_to_hide(neighbourhood.twin_groups[position], hidden, values)
        else:
            complement = _complement(relations[position], hidden, values)
            to_hide = [] if complement is None else [complement]
        for cell in to_hide:
            hidden[cell] = "secondary"
            changed.append(cell)
            enqueue_around(cell)
    return changed


def _twins_to_hide(group: Sequence[str], hidden: Container[str], values: Mapping[str, int]) -> list[str]:
    """Rule 3: the shown twins of a hidden cell, except zeros (always shown, rule 1)."""
    if not any(cell in hidden for cell in group):
        return []
    return [cell for cell in group if cell not in hidden and values[cell] > 0]


def _complement(relation: Relation, hidden: Container[str], values: Mapping[str, int]) -> str | None:
    """The cell rule 2 hides when the relation has exactly one hidden member, else None (a bound: never)."""
    if relation.sense != "=" or sum(1 for cell in relation.members if cell in hidden) != 1:
        return None
    parts = [part for part in relation.parts if part not in hidden and values[part] > 0]
    if parts:
        return min(parts, key=lambda part: (values[part], part))
    if relation.total not in hidden and values[relation.total] > 0:
        return relation.total
    return None


def _first_exposed(
    hidden: Mapping[str, Reason], protected: set[str], attacker: _Attacker, threshold: int
) -> str | None:
    """The first hidden cell by key that the attacker narrows below the threshold; remember those that are not."""
    for cell in sorted(hidden.keys() - protected):
        if not attacker.protects(cell, hidden, threshold):
            return cell
        protected.add(cell)
    return None


def _extension_candidate(
    exposed: str,
    hidden: Container[str],
    values: Mapping[str, int],
    relations: Sequence[Relation],
    neighbourhood: _Neighbourhood,
) -> str | None:
    """The cell rule 5 hides next: in the exposed cell's relations, else in those linked to it by hidden cells."""

    def best_in(positions: Iterable[int]) -> str | None:
        candidates = [
            (cell == relations[position].total, values[cell], cell)
            for position in positions
            for cell in relations[position].members
            if cell not in hidden and values[cell] > 0
        ]
        return min(candidates)[2] if candidates else None

    own = best_in(neighbourhood.relations_of(exposed))
    return own if own is not None else best_in(_component(exposed, hidden, relations, neighbourhood)[1])


def _component(
    cell: str, hidden: Container[str], relations: Sequence[Relation], neighbourhood: _Neighbourhood
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The hidden cells linked to ``cell`` through relations, and those relations: one attacker's problem.

    A shown cell is a constant for the attacker, so only hidden cells link relations: components stay small.
    """
    cells, positions, frontier = {cell}, set(), [cell]
    while frontier:
        for position in neighbourhood.relations_of(frontier.pop()):
            if position in positions:
                continue
            positions.add(position)
            for member in relations[position].members:
                if member in hidden and member not in cells:
                    cells.add(member)
                    frontier.append(member)
    return tuple(sorted(cells)), tuple(sorted(positions))


class _Attacker:
    """The attacker's models, one per component of hidden cells, kept while no newly hidden cell touches them."""

    def __init__(
        self,
        values: Mapping[str, int],
        relations: Sequence[Relation],
        neighbourhood: _Neighbourhood,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self._values = values
        self._relations = relations
        self._neighbourhood = neighbourhood
        self._cancelled = cancelled
        self._models: dict[tuple[str, ...], _AttackerModel] = {}
        self._component_of: dict[str, tuple[str, ...]] = {}

    def bounds(self, cell: str, hidden: Container[str]) -> Bounds:
        return self._model(cell, hidden).bounds(cell, self._cancelled)

    def protects(self, cell: str, hidden: Container[str], threshold: int) -> bool:
        return self._model(cell, hidden).protects(cell, threshold, self._cancelled)

    def _model(self, cell: str, hidden: Container[str]) -> _AttackerModel:
        component = self._component_of.get(cell)
        if component is None:
            component, positions = _component(cell, hidden, self._relations, self._neighbourhood)
            relations = [self._relations[position] for position in positions]
            self._models[component] = _AttackerModel(component, relations, self._values, hidden)
            self._component_of.update(dict.fromkeys(component, component))
        return self._models[component]

    def forget_around(self, newly_hidden: Iterable[str]) -> None:
        """Drop the models a newly hidden cell joins: each holds it as a constant that is no longer known."""
        for cell in newly_hidden:
            for position in self._neighbourhood.relations_of(cell):
                for member in self._relations[position].members:
                    component = self._component_of.get(member)
                    if component is not None:
                        del self._models[component]
                        for hidden_cell in component:
                            del self._component_of[hidden_cell]


class _AttackerModel:
    """One component's attacker problem in HiGHS, built once; only the objective changes, so each solve warm-starts.

    Variables are the hidden cells (at least 1, no upper bound); each relation becomes the equation "hidden parts
    minus hidden total = shown total minus shown parts". The true counts satisfy it, so the problem is feasible.

    Every solve returns a whole solution, a point the attacker cannot rule out: the lowest and highest value seen
    for each cell prove many intervals wide enough, or a lower bound of 1, without a solve of their own.
    """

    def __init__(
        self, cells: Sequence[str], relations: Sequence[Relation], values: Mapping[str, int], hidden: Container[str]
    ) -> None:
        self._column = {cell: column for column, cell in enumerate(cells)}
        self._values = values
        self._highs = _new_highs()
        self._highs.setOptionValue("output_flag", False)
        self._highs.setOptionValue("presolve", "off")  # presolve would rebuild the problem at every solve
        self._highs.setOptionValue("simplex_strategy", 4)  # primal: a new objective keeps the basis feasible
        self._highs.addVars(len(cells), [1.0] * len(cells), [highspy.kHighsInf] * len(cells))
        self._add_equations(relations, hidden)
        self._objective_column: int | None = None
        self._lowest_seen = numpy.array([float(values[cell]) for cell in cells])
        self._highest_seen = self._lowest_seen.copy()
        self._lowest: dict[int, float] = {}
        self._highest: dict[int, float] = {}

    def _add_equations(self, relations: Sequence[Relation], hidden: Container[str]) -> None:
        starts: list[int] = []
        columns: list[int] = []
        coefficients: list[float] = []
        lowest: list[float] = []
        highest: list[float] = []
        for relation in relations:
            starts.append(len(columns))
            constant = 0
            for cell, sign in ((relation.total, -1), *((part, 1) for part in relation.parts)):
                if cell in hidden:
                    columns.append(self._column[cell])
                    coefficients.append(float(sign))
                else:
                    constant -= sign * self._values[cell]
            # hidden parts − hidden total = constant, or at most it ("<=": parts ≤ total), or at least it (">=").
            lowest.append(-highspy.kHighsInf if relation.sense == "<=" else float(constant))
            highest.append(highspy.kHighsInf if relation.sense == ">=" else float(constant))
        self._highs.addRows(len(relations), lowest, highest, len(columns), starts, columns, coefficients)

    def bounds(self, cell: str, cancelled: Callable[[], bool] | None) -> Bounds:
        column = self._column[cell]
        lower = math.ceil(self._lowest_value(column, cancelled) - _ROUNDING_TOLERANCE)
        upper = _round_down(self._highest_value(column, cancelled))
        if not lower <= self._values[cell] <= upper:
            raise RuntimeError(f"The audit excludes the true count of {cell!r}: its equations are wrong.")
        return lower, upper

    def protects(self, cell: str, threshold: int, cancelled: Callable[[], bool] | None) -> bool:
        """Whether the interval is at least ``threshold`` wide, solving only what the solutions seen leave open."""
        column = self._column[cell]
        if self._width_seen(column) >= threshold:
            return True
        self._highest_value(column, cancelled)  # the bound a small count usually gets its width from
        if self._width_seen(column) >= threshold:
            return True
        self._lowest_value(column, cancelled)
        return self._width_seen(column) >= threshold  # both bounds solved: the values seen are the bounds

    def _width_seen(self, column: int) -> float:
        lowest = math.ceil(float(self._lowest_seen[column]) - _ROUNDING_TOLERANCE)
        return _round_down(float(self._highest_seen[column])) - lowest

    def _lowest_value(self, column: int, cancelled: Callable[[], bool] | None) -> float:
        if column not in self._lowest:
            if self._lowest_seen[column] <= 1 + _ROUNDING_TOLERANCE:
                self._lowest[column] = 1.0  # a solution reaches the variable's own lower bound
            else:
                self._lowest[column] = self._optimum(column, highspy.ObjSense.kMinimize, cancelled)
        return self._lowest[column]

    def _highest_value(self, column: int, cancelled: Callable[[], bool] | None) -> float:
        if column not in self._highest:
            self._highest[column] = self._optimum(column, highspy.ObjSense.kMaximize, cancelled)
        return self._highest[column]

    def _optimum(self, column: int, sense: highspy.ObjSense, cancelled: Callable[[], bool] | None) -> float:
        if cancelled is not None and cancelled():
            raise Cancelled
        if self._objective_column != column:
            if self._objective_column is not None:
                self._highs.changeColCost(self._objective_column, 0.0)
            self._highs.changeColCost(column, 1.0)
            self._objective_column = column
        self._highs.changeObjectiveSense(sense)
        self._highs.run()
        status = self._highs.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            solution = numpy.asarray(self._highs.getSolution().col_value)
            numpy.minimum(self._lowest_seen, solution, out=self._lowest_seen)
            numpy.maximum(self._highest_seen, solution, out=self._highest_seen)
            return self._highs.getObjectiveValue()
        unbounded = (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible)
        if sense == highspy.ObjSense.kMaximize and status in unbounded:
            self._highest_seen[column] = math.inf
            return math.inf  # "or infeasible" cannot be: the true counts are a solution
        raise RuntimeError(f"HiGHS could not bound a hidden count: {self._highs.modelStatusToString(status)}.")


def _round_down(value: float) -> float:
    """An attacker's upper bound as an integer (kept a float: it may be infinite)."""
    return value if math.isinf(value) else float(math.floor(value + _ROUNDING_TOLERANCE))
