"""The secrecy of funders' exports: small counts cannot be recovered from what is published, whatever the attack.

Most tests build tables with :func:`table` and check the result with :func:`attack`. The property test at the end
checks protect() against a second attacker written here apart, who also knows that counts are integers: a mistake
in the module's own audit cannot hide itself.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseworker.exports import secrecy
from caseworker.exports.secrecy import (
    TOTAL,
    Cancelled,
    Protection,
    Relation,
    attack,
    cell_key,
    protect,
    table_relations,
)

Grid = Sequence[Sequence[int]]


def table(prefix: str, grid: Grid, *, grand_total: str | None = None) -> tuple[dict[str, int], list[Relation]]:
    """A rows × columns table with its margins: rows r0, r1…, columns c0, c1…"""
    rows = [f"r{index}" for index in range(len(grid))]
    columns = [f"c{index}" for index in range(len(grid[0]))]
    values = {
        cell_key(prefix, row, column): grid[i][j] for i, row in enumerate(rows) for j, column in enumerate(columns)
    }
    values |= {cell_key(prefix, row, TOTAL): sum(grid[i]) for i, row in enumerate(rows)}
    values |= {cell_key(prefix, TOTAL, column): sum(line[j] for line in grid) for j, column in enumerate(columns)}
    values[grand_total or cell_key(prefix, TOTAL, TOTAL)] = sum(map(sum, grid))
    return values, table_relations(prefix, rows, columns, grand_total=grand_total)


def categories(
    prefix: str, counts: Sequence[int], *, total: str | None = None
) -> tuple[dict[str, int], list[Relation]]:
    """A list of categories c0, c1… with its total."""
    labels = [f"c{index}" for index in range(len(counts))]
    values = {cell_key(prefix, label): count for label, count in zip(labels, counts, strict=True)}
    values[total or cell_key(prefix, TOTAL)] = sum(counts)
    return values, table_relations(prefix, labels, grand_total=total)


def widths(protection: Protection) -> dict[str, float]:
    return {cell: upper - lower for cell, (lower, upper) in protection.bounds.items()}


def stable_under_rule_2(hidden: set[str], relations: Sequence[Relation]) -> bool:
    """No relation has exactly one hidden member (which a subtraction would give away)."""
    return all(sum(cell in hidden for cell in relation.members) != 1 for relation in relations)


# The classic attack ------------------------------------------------------------------------------------------------

CLASSIC = [[12, 3, 9], [8, 15, 6], [10, 7, 11]]


def test_a_small_cell_hidden_alone_is_recovered_from_the_margins():
    values, relations = table("t", CLASSIC)

    assert attack(values, relations, ["t|r0|c1"]) == {"t|r0|c1": (3, 3.0)}


def test_protect_hides_the_small_cell_beyond_recovery():
    values, relations = table("t", CLASSIC)

    protection = protect(values, relations)

    # Rule 2 from the 3: the 9 beside it in its row, the 7 below it in its column, then the smallest count of each
    # row and column left with one hidden cell, until a cycle closes: 3 9 6 8 10 7.
    assert protection.hidden == {
        "t|r0|c1": "primary",
        "t|r0|c2": "secondary",
        "t|r1|c2": "secondary",
        "t|r1|c0": "secondary",
        "t|r2|c0": "secondary",
        "t|r2|c1": "secondary",
    }
    assert (protection.primary_count, protection.secondary_count) == (1, 5)
    assert protection.bounds["t|r0|c1"] == (1, 9.0)
    assert protection.exposed == ()
    assert all(width >= 5 for width in widths(protection).values())
    assert attack(values, relations, protection.hidden) == protection.bounds


def test_the_audit_extends_a_rectangle_that_the_complementary_rule_leaves_pinned():
    # Rule 2 hides the 5s beside the two 1s: every row and column then holds two hidden cells, yet the attacker
    # still pins the rectangle, since each hidden cell is at least 1: 1 ≤ a ≤ 5 only.
    values, relations = table("t", [[1, 5, 9], [5, 1, 9], [9, 9, 9]])
    rectangle = {"t|r0|c0", "t|r0|c1", "t|r1|c0", "t|r1|c1"}
    assert stable_under_rule_2(rectangle, relations)
    assert attack(values, relations, rectangle)["t|r0|c0"] == (1, 5.0)

    protection = protect(values, relations)

    assert rectangle < protection.hidden.keys()
    assert protection.exposed == ()
    assert all(width >= 5 for width in widths(protection).values())


def test_an_exposed_cell_whose_relations_have_nothing_left_to_hide_is_protected_through_linked_ones():
    # Row r0 is [0, 1]: its total and its 1 are hidden and its other cell is a zero, so when the audit finds the
    # row total exposed its own relations offer nothing; a cell is hidden in a relation linked to it instead.
    values, relations = table("t", [[0, 1], [1, 4], [5, 2]])

    protection = protect(values, relations)

    row = relations[0]
    assert row.total == "t|r0|Total"
    assert [cell for cell in row.members if cell not in protection.hidden] == ["t|r0|c0"]
    assert values["t|r0|c0"] == 0
    assert protection.exposed == ()
    assert all(width >= 5 for width in widths(protection).values())


# Linked tables, twins, zeros, threshold ----------------------------------------------------------------------------


def test_tables_sharing_a_total_are_protected_together():
    # Exits by reason [3, 0, 3] and by destination [6, 0], one population of 6. Protected apart, the reasons
    # hide their total too, which the destinations print: the two 3s are then pinned to 1–5.
    reasons, reason_relations = categories("exits_by_reason", [3, 0, 3], total="exits|Total")
    destinations, destination_relations = categories("exits_by_destination", [6, 0], total="exits|Total")
    values = reasons | destinations
    relations = reason_relations + destination_relations
    assert reason_relations[0].total == destination_relations[0].total == "exits|Total"

    apart = (
        protect(reasons, reason_relations).hidden.keys() | protect(destinations, destination_relations).hidden.keys()
    )
    assert "exits|Total" in apart
    assert "exits_by_destination|c0" not in apart
    assert attack(values, relations, apart)["exits_by_reason|c0"] == (1, 5.0)

    together = protect(values, relations)

    assert "exits_by_destination|c0" in together.hidden
    assert together.exposed == ()
    assert all(width >= 5 for width in widths(together).values())


def test_twins_are_hidden_together_though_their_counts_differ():
    households, household_relations = table("menages", [[2, 8], [7, 9]])
    persons, person_relations = table("personnes", [[6, 15], [12, 20]])
    twins = [(key, key.replace("menages", "personnes", 1)) for key in households]

    protection = protect(households | persons, household_relations + person_relations, twins=twins)

    assert protection.hidden["menages|r0|c0"] == "primary"
    assert protection.hidden["personnes|r0|c0"] == "secondary"  # 6 is not small: hidden as the twin of a 2
    assert {key for key, _ in twins if key in protection.hidden} == {
        household for household, person in twins if person in protection.hidden
    }
    assert protection.bounds["menages|r0|c0"] != protection.bounds["personnes|r0|c0"]  # two systems of equations
    assert protection.exposed == ()


def test_without_twins_the_person_view_would_print_the_cell_the_household_view_hides():
    households, household_relations = table("menages", [[2, 8], [7, 9]])
    persons, person_relations = table("personnes", [[6, 15], [12, 20]])

    protection = protect(households | persons, household_relations + person_relations)

    assert "menages|r0|c0" in protection.hidden
    assert not any(key.startswith("personnes") for key in protection.hidden)


def test_zeros_are_always_shown_even_as_twins_or_beside_small_counts():
    values, relations = table("t", [[0, 2, 0], [0, 0, 0], [3, 0, 0]])
    values |= {"twin_of_zero": 0, "twin_of_small": 9}

    protection = protect(values, relations, twins=[("t|r0|c1", "twin_of_zero", "twin_of_small")])

    assert not [cell for cell in protection.hidden if values[cell] == 0]
    assert "twin_of_small" in protection.hidden
    assert all(lower >= 1 for lower, _upper in protection.bounds.values())
    assert protect(*table("empty", [[0, 0], [0, 0]])).hidden == {}


def test_a_small_cell_whose_relation_holds_only_zeros_beside_it_hides_the_total_and_is_safe():
    # T = a + 0 + 0: rule 2 can only hide the total. The attacker then knows a = T and nothing more: unbounded.
    values = {"T": 3, "a": 3, "b": 0, "c": 0}

    protection = protect(values, [Relation("T", ("a", "b", "c"))])

    assert protection.hidden == {"T": "primary", "a": "primary"}
    assert protection.bounds == {"T": (1, math.inf), "a": (1, math.inf)}
    assert protection.exposed == ()


def test_a_cell_in_no_relation_is_bounded_only_below():
    protection = protect({"alone": 2, "shown": 7}, [])

    assert dict(protection.bounds) == {"alone": (1, math.inf)}


@pytest.mark.parametrize(
    ("threshold", "hidden_counts"), [(2, {1}), (3, {1, 2}), (5, {1, 2, 3, 4}), (11, {1, 2, 3, 4, 7, 10})]
)
def test_the_threshold_is_configurable(threshold: int, hidden_counts: set[int]):
    counts = [1, 2, 3, 4, 7, 10, 12, 40]
    values, relations = categories("t", counts)

    protection = protect(values, relations, threshold=threshold)

    primary = {values[cell] for cell, reason in protection.hidden.items() if reason == "primary"}
    assert primary == hidden_counts
    assert all(width >= threshold for width in widths(protection).values())


DETERMINISM_GRID = [[1, 5, 9, 2, 7], [5, 1, 9, 0, 6], [9, 9, 9, 3, 1], [4, 8, 2, 12, 5]]


def test_the_same_figures_give_the_same_pattern_whatever_their_order():
    values, relations = table("t", DETERMINISM_GRID)
    reversed_values = dict(reversed(list(values.items())))

    first = protect(values, relations)

    assert protect(values, relations) == first
    assert protect(reversed_values, relations) == first
    assert list(first.hidden) == sorted(first.hidden)


def test_the_same_figures_give_the_same_pattern_in_every_process():
    # Sets of strings iterate in an order that changes with each process's hash seed: none may leak into the result.
    values, relations = table("t", DETERMINISM_GRID)
    figures = json.dumps([values, [(relation.total, relation.parts) for relation in relations]])
    script = (
        "import json, sys\n"
        "from caseworker.exports.secrecy import Relation, protect\n"
        "values, relations = json.load(sys.stdin)\n"
        "print(sorted(protect(values, [Relation(total, tuple(parts)) for total, parts in relations]).hidden))\n"
    )
    patterns = {
        subprocess.run(
            [sys.executable, "-c", script],
            input=figures,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[-1]  # after HiGHS's banner
        for seed in (1, 2, 3)
    }
    assert patterns == {str(sorted(protect(values, relations).hidden))}


# Invalid input, cancellation, the termination guard ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "relations", "message"),
    [
        (
            {"T": 5, "a": 2, "b": 2},
            [Relation("T", ("a", "b"))],
            "'T' does not hold: the total is 5, its parts add to 4",
        ),
        ({"T": 1, "a": 1}, [Relation("T", ("a", "x"))], "names 'x', which has no value"),
        ({"T": 0}, [Relation("T", ())], "has no parts"),
        ({"T": 2, "a": 1}, [Relation("T", ("a", "a"))], "names a cell twice"),
        ({"a": -1}, [], "Cell 'a' must hold a count (an integer of at least 0), got -1"),
        ({"a": 1.5}, [], "got 1.5"),
        ({"a": True}, [], "got True"),
    ],
)
def test_inconsistent_figures_are_refused_with_a_clear_message(values, relations, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        protect(values, relations)


def test_other_invalid_input_is_refused():
    values, relations = categories("t", [3, 9])
    with pytest.raises(ValueError, match="threshold must be an integer of at least 2, got 1"):
        protect(values, relations, threshold=1)
    with pytest.raises(ValueError, match="A twin group names 'ghost'"):
        protect(values, relations, twins=[("t|c0", "ghost")])
    with pytest.raises(ValueError, match="Zeros are always shown, yet these are hidden: 'z'"):
        attack({"z": 0}, [], ["z"])
    with pytest.raises(ValueError, match="The hidden cells names 'ghost'"):
        attack(values, relations, ["ghost"])


@pytest.mark.parametrize(
    ("rows", "columns", "message"),
    [
        ([], ["a"], "has no rows"),
        (["a", "a"], [], "row label is repeated: 'a'"),
        (["a", TOTAL], [], "row label must be non-empty"),
        (["a"], ["x|y"], "column label must be non-empty"),
    ],
)
def test_table_labels_that_would_collide_are_refused(rows, columns, message):
    with pytest.raises(ValueError, match=message):
        table_relations("t", rows, columns)


def test_table_relations_give_rows_columns_and_the_grand_total_both_ways():
    relations = table_relations("t", ["a", "b"], ["x", "y"])

    assert relations == [
        Relation("t|a|Total", ("t|a|x", "t|a|y")),
        Relation("t|b|Total", ("t|b|x", "t|b|y")),
        Relation("t|Total|x", ("t|a|x", "t|b|x")),
        Relation("t|Total|y", ("t|a|y", "t|b|y")),
        Relation("t|Total|Total", ("t|a|Total", "t|b|Total")),
        Relation("t|Total|Total", ("t|Total|x", "t|Total|y")),
    ]
    assert table_relations("t", ["a", "b"]) == [Relation("t|Total", ("t|a", "t|b"))]


def test_cancelling_stops_the_audit_between_two_solves():
    values, relations = table("t", CLASSIC)
    polls = []

    def cancelled() -> bool:
        polls.append(None)
        return len(polls) > 3

    with pytest.raises(Cancelled):
        protect(values, relations, cancelled=cancelled)
    assert len(polls) == 4
    with pytest.raises(Cancelled):
        attack(values, relations, ["t|r0|c1"], cancelled=lambda: True)


def test_protect_stops_when_nothing_is_left_to_hide_and_lists_what_stays_exposed(monkeypatch: pytest.MonkeyPatch):
    # The guard of rule 5, with an audit made to find every interval narrow: every non-zero cell gets hidden, then
    # protect() returns instead of looping, and says which cells it could not protect.
    values, relations = table("t", [[1, 7], [0, 9]])
    monkeypatch.setattr(secrecy._AttackerModel, "protects", lambda _model, _cell, _threshold, _cancelled: False)
    monkeypatch.setattr(secrecy._AttackerModel, "bounds", lambda model, cell, _cancelled: (values[cell], values[cell]))

    protection = protect(values, relations)

    assert set(protection.hidden) == {cell for cell, value in values.items() if value}
    assert protection.exposed == tuple(sorted(protection.hidden))


# Work done -------------------------------------------------------------------------------------------------------


def test_the_audit_work_grows_with_the_hidden_cells_not_with_their_square(monkeypatch: pytest.MonkeyPatch):
    # Not a timing: the number of LP solves and of models built. Re-auditing everything after each extension, or
    # a model per solve, would multiply these (a whole export protects in well under a second this way).
    counts = {"models": 0, "solves": 0}

    class CountingHighs(highspy.Highs):
        def __init__(self) -> None:
            super().__init__()
            counts["models"] += 1

        def run(self) -> highspy.HighsStatus:
            counts["solves"] += 1
            return super().run()

    monkeypatch.setattr(highspy, "Highs", CountingHighs)
    values: dict[str, int] = {}
    relations: list[Relation] = []
    for pair in range(4):  # 8 tables of 12 × 6 in pairs sharing their grand total, a third of the counts small
        by_age = [[(7 * row + 3 * column + pair) % 13 for column in range(6)] for row in range(12)]
        by_place = [list(reversed(line)) for line in reversed(by_age)]
        for name, grid in (("by_age", by_age), ("by_place", by_place)):
            table_values, table_relations_ = table(f"{name}{pair}", grid, grand_total=f"pair{pair}|Total")
            values |= table_values
            relations += table_relations_

    protection = protect(values, relations)

    hidden = len(protection.hidden)
    assert protection.primary_count > 50
    assert protection.exposed == ()
    assert counts["solves"] <= 3 * hidden
    assert counts["models"] <= hidden


# The property: an independent attacker ---------------------------------------------------------------------------


def integer_attack(values: dict[str, int], relations: Sequence[Relation], hidden: set[str]) -> dict[str, float]:
    """Each hidden cell's interval width for an attacker who knows the hidden counts are integers of at least 1.

    Written apart from the module on purpose: every cell is a variable, published ones fixed by their bounds. Hidden
    ones are capped far above any finite bound (a vertex adds or subtracts each published count and each lower bound
    at most once): an optimum beyond that reach means "unbounded". A linear optimum whose point is integral is the
    integer optimum; otherwise the integer program is solved.
    """
    cells = sorted(values)
    reach = sum(values.values()) + len(values)
    linear = completion_model(values, relations, hidden, cap=2.0 * reach + 100, integer=False)
    integer = completion_model(values, relations, hidden, cap=2.0 * reach + 100, integer=True)
    result = {}
    for cell in sorted(hidden):
        extremes = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            optimum, point = optimise(linear, cells.index(cell), sense)
            if any(abs(value - round(value)) > 1e-9 for value in point):
                optimum, _point = optimise(integer, cells.index(cell), sense)
            extremes.append(optimum)
        lowest, highest = extremes
        result[cell] = math.inf if highest > reach else round(highest) - round(lowest)
    return result


def completion_model(
    values: dict[str, int], relations: Sequence[Relation], hidden: set[str], *, cap: float, integer: bool
) -> highspy.Highs:
    cells = sorted(values)
    model = highspy.Highs()
    model.setOptionValue("output_flag", False)
    model.addVars(
        len(cells),
        [1.0 if cell in hidden else float(values[cell]) for cell in cells],
        [cap if cell in hidden else float(values[cell]) for cell in cells],
    )
    for index, cell in enumerate(cells):
        if integer and cell in hidden:
            model.changeColIntegrality(index, highspy.HighsVarType.kInteger)
    for relation in relations:
        indices = [cells.index(relation.total), *(cells.index(part) for part in relation.parts)]
        model.addRow(0.0, 0.0, len(indices), indices, [-1.0] + [1.0] * len(relation.parts))
    return model


def optimise(model: highspy.Highs, column: int, sense: highspy.ObjSense) -> tuple[float, list[float]]:
    count = model.getNumCol()
    model.changeColsCost(count, list(range(count)), [1.0 if index == column else 0.0 for index in range(count)])
    model.changeObjectiveSense(sense)
    model.run()
    assert model.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return model.getObjectiveValue(), list(model.getSolution().col_value)


counts_strategy = st.one_of(st.integers(0, 4), st.integers(0, 12))  # half of them small


@dataclass(frozen=True)
class Figures:
    values: dict[str, int]
    relations: list[Relation]
    twins: list[tuple[str, str]]


@st.composite
def linked_tables(draw: st.DrawFn) -> Figures:
    """A household table and a list of categories counting the same households (one shared grand total), and
    sometimes the household table's person view, each cell a twin of its household cell."""
    rows, columns = draw(st.integers(2, 6)), draw(st.integers(2, 5))
    grid = draw(st.lists(st.lists(counts_strategy, min_size=columns, max_size=columns), min_size=rows, max_size=rows))
    total = sum(map(sum, grid))
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=1, max_size=3)))
    shares = [end - start for start, end in zip([0, *cuts], [*cuts, total], strict=True)]
    values, relations = table("a", grid, grand_total="households|Total")
    other_values, other_relations = categories("b", shares, total="households|Total")
    figures = Figures(values | other_values, relations + other_relations, [])
    if draw(st.booleans()):
        extra = st.integers(0, 3)
        persons = [[count + draw(extra) if count else 0 for count in line] for line in grid]
        person_values, person_relations = table("p", persons)
        twins = [(key, "p|Total|Total" if key == "households|Total" else "p" + key[1:]) for key in values]
        figures = Figures(figures.values | person_values, figures.relations + person_relations, twins)
    return figures


@settings(max_examples=200, deadline=None)
@given(linked_tables(), st.sampled_from([3, 5]))
def test_no_hidden_cell_can_be_narrowed_below_the_threshold_by_an_independent_attacker(
    figures: Figures, threshold: int
):
    values, relations = figures.values, figures.relations

    protection = protect(values, relations, twins=figures.twins, threshold=threshold)

    hidden = set(protection.hidden)
    assert protection.exposed == ()
    assert {cell for cell, value in values.items() if 0 < value < threshold} <= hidden
    assert not [cell for cell in hidden if values[cell] == 0]
    assert stable_under_rule_2(hidden, relations)
    assert all((household in hidden) == (person in hidden) for household, person in figures.twins)
    integer_widths = integer_attack(values, relations, hidden)
    assert all(width >= threshold for width in integer_widths.values()), integer_widths
    assert integer_widths == pytest.approx(widths(protection))  # on tables, the linear bounds are the integer ones
