"""The classic attack on every export: from the published cells and totals, recover a hidden cell (§13).

Random small cohorts (5 to 30 households: entries, referral sources, exits by reason, destination and length, the
file active, the waiting list) are computed by the export's own functions, protected, then attacked by an attacker
written here from what the tables publish: each table's row, column and grand totals, and the tables known to count
the same population (the entries, their referral sources and whether entry criteria were ticked; the exits three
ways) and the figures counted twice (the refusals, the off-hours contacts, the alerts acknowledged, the glissements
accepted), and the bounds the definitions give (the reactivations among the re-entries…). No hidden cell may be
narrowed to an interval tighter than the threshold.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseworker.domain import EpisodeStatus
from caseworker.exports.aftercare_figures import reactivations
from caseworker.exports.criteria_figures import count_criteria
from caseworker.exports.facts import EpisodeFact, ExportScope, Members
from caseworker.exports.protection import protect_report
from caseworker.exports.report import CountTable, ExportParameters, ProtectedTable, Report, Unit
from caseworker.exports.secrecy import Relation, attack
from caseworker.exports.support_figures import (
    entrants,
    entries,
    exits,
    file_active,
    file_active_by_composition,
    referral_sources,
    waiting_list,
)
from caseworker.exports.tables import EventTable, TableText

START, END = date(2026, 1, 1), date(2026, 12, 31)
SCOPE = ExportScope(("avdl",), START, END, END)
PARAMETERS = ExportParameters("p", "Profil", ("AVDL",), START, END, END)
REASONS = ("Relogement", "Perte de contact", "Décès", "Autre", "Passage de relais")
DESTINATIONS = ("Locataire", "Hébergé", "Rue", None)
SOURCES = ("SIAO", "CCAS", "Bailleur", "Autre")
SAME_POPULATION = (
    {"file_active", "file_active_by_composition"},
    {"entries", "referral_sources", "entry_criteria_filled"},
    {"exits_by_reason", "exits_by_destination", "exits_by_length"},
)
CRITERIA = ("Reconnu prioritaire DALO", "Menacé d'expulsion", "Orienté par le SIAO")


@st.composite
def cohorts(draw: st.DrawFn) -> tuple[list[EpisodeFact], Members]:
    size = draw(st.integers(5, 30))
    episodes = []
    members = Members()
    for number in range(1, size + 1):
        start = START - timedelta(days=draw(st.integers(-300, 400)))
        exited = draw(st.booleans())
        end = start + timedelta(days=draw(st.integers(30, 700))) if exited else None
        waiting = draw(st.integers(0, 9)) == 0
        episodes.append(
            EpisodeFact(
                id=number,
                household_id=number,
                measure_code="avdl",
                status=EpisodeStatus.ORIENTATION_RECUE if waiting else EpisodeStatus.ACTIF,
                orientation=start - timedelta(days=20),
                start=None if waiting else start,
                end=None if waiting else end,
                reentry=draw(st.integers(0, 4)) == 0,
                referral_source=draw(st.sampled_from(SOURCES)),
                exit_reason=draw(st.sampled_from(REASONS)) if end else None,
                exit_reason_code=None,
                destination=draw(st.sampled_from(DESTINATIONS)) if end else None,
                destination_housed=None,
            )
        )
        members.periods[number] = [(date(2000, 1, 1), None)] * draw(st.integers(1, 5))
    return episodes, members


def _equations(tables: tuple[ProtectedTable, ...]) -> tuple[dict[str, int], list[Relation], set[str]]:
    """What the attacker knows: every figure (true values, for the LP's consistency), the sums, what is hidden."""
    values: dict[str, int] = {}
    relations: list[Relation] = []
    hidden: set[str] = set()
    totals: dict[tuple[str, str], str] = {}
    for table in tables:
        source = table.source
        if not source.rows:
            continue  # nothing counted: nothing published but a zero
        name = f"{source.key}/{source.unit.value}"
        cells = [[f"{name}/{row}/{column}" for column in range(len(source.columns))] for row in range(len(source.rows))]
        for row, line in enumerate(cells):
            for column, key in enumerate(line):
                values[key] = source.counts[row][column]
                if table.cells[row][column].value is None:
                    hidden.add(key)
        if table.grand_total is None:
            continue
        grand = f"{name}/total"
        values[grand] = source.grand_total
        if table.grand_total.value is None:
            hidden.add(grand)
        totals[(source.key, source.unit.value)] = grand
        if len(source.columns) == 1:
            relations.append(Relation(grand, tuple(line[0] for line in cells)))
            continue
        for row, line in enumerate(cells):
            key = f"{name}/row{row}"
            values[key] = source.row_total(row)
            relations.append(Relation(key, tuple(line)))
            if table.row_totals[row].value is None:
                hidden.add(key)
        for column in range(len(source.columns)):
            key = f"{name}/column{column}"
            values[key] = source.column_total(column)
            relations.append(Relation(key, tuple(line[column] for line in cells)))
            if table.column_totals[column].value is None:
                hidden.add(key)
        relations.append(Relation(grand, tuple(f"{name}/row{row}" for row in range(len(cells)))))
    for group in SAME_POPULATION:
        for unit in ("menage", "personne"):
            keys = [totals[(key, unit)] for key in sorted(group) if (key, unit) in totals]
            relations.extend(Relation(first, (other,)) for first, other in itertools.pairwise(keys))
    # The same events counted twice, as the attacker who reads the definitions knows.
    for left, right in (
        ("offer_refusals/proposition/total", "offers/proposition/1/0"),
        ("contacts_off_hours/contact/total", "contacts_by_type/contact/total"),
        ("alerts_acknowledged/alerte/total", "alerts_by_type/alerte/column0"),
        # Each accepted glissement review is a sub-lease of the bail glissant table's first row.
        ("bail_glissant/menage/0/0", "glissements/menage/0/0"),
        ("bail_glissant/personne/0/0", "glissements/personne/0/0"),
    ):
        if left in values and right in values:
            relations.append(Relation(left, (right,)))
    # What the definitions bound (a review found both used): the sub-leases postponed or refused are among the
    # reviews postponed or refused; each criterion's entrants are among those with one ticked, who are each in a row.
    for row in (1, 2):
        small, large = f"bail_glissant/menage/{row}/0", f"glissements/menage/{row}/0"
        if small in values and large in values:
            relations.append(Relation(large, (small,), "<="))
    # Each reactivation is an entry that follows a previous support: one of the entries' « Ré-entrée » row.
    reactivated, reentries = "reactivations/menage/total", "entries/menage/1/0"
    if reactivated in values and reentries in values:
        relations.append(Relation(reentries, (reactivated,), "<="))
    criteria = tuple(sorted(key for key in values if key.startswith("entry_criteria/menage/")))
    some = "entry_criteria_filled/menage/0/0"
    if criteria and some in values:
        relations.extend(Relation(some, (criterion,), "<=") for criterion in criteria)
        relations.append(Relation(some, criteria, ">="))
    return values, relations, hidden


@st.composite
def event_tables(draw: st.DrawFn) -> tuple[CountTable, ...]:
    """Offers and their refusals, contacts and the off-hours ones, alerts and their acknowledgement, glissement
    reviews and the sub-leases in bail glissant: random, small."""
    small = st.integers(0, 9)
    offers = [draw(small) for _ in range(4)]
    refusals = EventTable(TableText("offer_refusals", "", "", "", ""), Unit.OFFER)
    for _ in range(offers[1]):
        refusals.add(draw(st.sampled_from(("Localisation", "Coût", "Typologie", "Autre"))))
    refusals.merge_small(5)
    contacts = [[draw(small) for _ in range(3)] for _ in range(3)]
    total = sum(map(sum, contacts))
    late = draw(st.integers(0, total))
    alerts = [[draw(small) for _ in range(2)] for _ in range(3)]
    received = sum(line[0] for line in alerts)
    in_time = draw(st.integers(0, received))
    late_ack = draw(st.integers(0, received - in_time))

    def table(key: str, unit: Unit, rows: int, columns: int, counts: list[list[int]]) -> CountTable:
        return CountTable(
            key,
            key,
            unit,
            "",
            "",
            "",
            tuple(f"l{i}" for i in range(rows)),
            tuple(f"c{j}" for j in range(columns)),
            tuple(tuple(line) for line in counts),
        )

    reviews = [draw(small) for _ in range(3)]  # accepted, postponed, refused
    subleases = [reviews[0], draw(st.integers(0, reviews[1])), draw(st.integers(0, reviews[2])), draw(small)]
    return (
        table("glissements", Unit.MENAGE, 3, 1, [[count] for count in reviews]),
        table("bail_glissant", Unit.MENAGE, 4, 1, [[count] for count in subleases]),
        table("offers", Unit.OFFER, 4, 1, [[count] for count in offers]),
        refusals.table(),
        table("contacts_by_type", Unit.CONTACT, 3, 3, contacts),
        table("contacts_off_hours", Unit.CONTACT, 2, 1, [[late], [total - late]]),
        table("alerts_by_type", Unit.ALERT, 3, 2, alerts),
        table("alerts_acknowledged", Unit.ALERT, 3, 1, [[in_time], [late_ack], [received - in_time - late_ack]]),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_tables())
def test_no_hidden_event_count_is_recovered_through_the_table_that_counts_it_again(tables) -> None:  # type: ignore[no-untyped-def]
    """The review's three leaks, at random: each table, and the one counting the same events again."""
    protected = protect_report(Report(PARAMETERS, tables, (), ()))
    values, relations, hidden = _equations(protected.tables)
    if not hidden:
        return
    for cell, (lower, upper) in attack(values, relations, hidden).items():
        assert upper - lower >= 5, (cell, lower, upper, values[cell])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.data())
def test_no_hidden_cell_of_an_export_is_recovered_from_the_published_totals(cohort, data) -> None:  # type: ignore[no-untyped-def]
    episodes, members = cohort
    kinds = ("Personne seule", "Couple sans enfant", "Famille monoparentale", "Couple avec enfant(s)")
    compositions = {episode.household_id: data.draw(st.sampled_from(kinds)) for episode in episodes}
    tables = (
        *file_active(episodes, members, SCOPE, frozenset()),
        *file_active_by_composition(episodes, members, SCOPE, compositions, 5),
        *entries(episodes, members, SCOPE),
        *referral_sources(episodes, members, SCOPE, 5),
        *exits(episodes, members, SCOPE, 5),
        *waiting_list(episodes, members, SCOPE),
    )
    protected = protect_report(Report(PARAMETERS, tables, (), ()))
    values, relations, hidden = _equations(protected.tables)
    if not hidden:
        return
    for cell, (lower, upper) in attack(values, relations, hidden).items():
        assert upper - lower >= 5, (cell, lower, upper, values[cell])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.data())
def test_no_hidden_entrant_is_recovered_through_the_criteria_they_met(cohort, data) -> None:  # type: ignore[no-untyped-def]
    """The criteria overlap (no total, each cell alone); whether any was ticked splits the entrants (their total)."""
    episodes, members = cohort
    met = {episode.id: data.draw(st.lists(st.sampled_from(CRITERIA), max_size=3, unique=True)) for episode in episodes}
    tables = (
        *entries(episodes, members, SCOPE),
        *referral_sources(episodes, members, SCOPE, 5),
        *count_criteria(entrants(episodes, SCOPE), members, SCOPE, CRITERIA, met),
    )
    protected = protect_report(Report(PARAMETERS, tables, (), ()))
    by_criterion = [t for t in protected.tables if t.source.key == "entry_criteria"]
    assert all(t.grand_total is None for t in by_criterion)
    households, persons = by_criterion
    for left, right in zip(households.cells, persons.cells, strict=True):  # twins: hidden in both or neither
        assert (left[0].value is None) == (right[0].value is None)
    values, relations, hidden = _equations(protected.tables)
    if not hidden:
        return
    for cell, (lower, upper) in attack(values, relations, hidden).items():
        assert upper - lower >= 5, (cell, lower, upper, values[cell])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.data())
def test_no_hidden_entrant_is_recovered_through_the_reactivations_among_the_reentries(cohort, data) -> None:  # type: ignore[no-untyped-def]
    """The reactivations are re-entries (§14.6): the attacker knows their total is no more than that row."""
    episodes, members = cohort
    episodes = [
        replace(episode, previous_id=1000 + episode.id) if episode.reentry and data.draw(st.booleans()) else episode
        for episode in episodes
    ]
    reactivated = {1000 + episode.id for episode in episodes if data.draw(st.booleans())}
    tables = (
        *entries(episodes, members, SCOPE),
        *referral_sources(episodes, members, SCOPE, 5),
        *reactivations(episodes, members, SCOPE, reactivated),
    )
    protected = protect_report(Report(PARAMETERS, tables, (), ()))
    values, relations, hidden = _equations(protected.tables)
    if not hidden:
        return
    for cell, (lower, upper) in attack(values, relations, hidden).items():
        assert upper - lower >= 5, (cell, lower, upper, values[cell])


def test_reentries_hidden_are_not_given_back_by_the_reactivations_that_are_among_them() -> None:
    """1 first entry hides the 9 re-entries from the total of 10; the 9 reactivations shown are among those 9: the
    re-entries are at least 9, the first entries at most 1, unless the proof knows the bound (it hides the total)."""

    def table(key: str, counts: tuple[int, ...]) -> CountTable:
        rows = tuple(f"l{index}" for index in range(len(counts)))
        return CountTable(key, key, Unit.MENAGE, "", "", "", rows, ("Nombre",), tuple((count,) for count in counts))

    tables = (table("entries", (1, 9)), table("reactivations", (9, 0)))
    protected = protect_report(Report(PARAMETERS, tables, (), ()))
    values, relations, hidden = _equations(protected.tables)
    assert {"entries/menage/0/0", "entries/menage/1/0"} <= hidden
    for cell, (lower, upper) in attack(values, relations, hidden).items():
        assert upper - lower >= 5, (cell, lower, upper, values[cell])


def test_a_glissement_hidden_among_the_reviews_is_not_given_back_by_the_subleases() -> None:
    """6 reviews accepted hide the 2 postponed from the total; the 6 sub-leases glissed are the same 6."""

    def table(key: str, counts: tuple[int, ...]) -> CountTable:
        rows = tuple(f"l{index}" for index in range(len(counts)))
        return CountTable(key, key, Unit.MENAGE, "", "", "", rows, ("Nombre",), tuple((count,) for count in counts))

    tables = (table("glissements", (6, 2, 20)), table("bail_glissant", (6, 0, 0, 30)))
    protected = protect_report(Report(PARAMETERS, tables, (), ()))
    values, relations, hidden = _equations(protected.tables)
    assert "glissements/menage/1/0" in hidden
    for cell, (lower, upper) in attack(values, relations, hidden).items():
        assert upper - lower >= 5, (cell, lower, upper, values[cell])


def _list(key: str, counts: tuple[int, ...], *, totals: bool = True) -> CountTable:
    rows = tuple(f"l{index}" for index in range(len(counts)))
    return CountTable(
        key, key, Unit.MENAGE, "", "", "", rows, ("Nombre",), tuple((count,) for count in counts), totals=totals
    )


def test_entrants_without_criterion_are_not_given_back_by_a_criterion_bounded_by_those_with_one() -> None:
    """Reported by a review: 40 entrants, 38 met the only criterion, 2 none; « Aucun » was exactly 2."""
    tables = (
        _list("entries", (40,)),
        _list("entry_criteria", (38,), totals=False),
        _list("entry_criteria_filled", (38, 2)),
    )
    protected = protect_report(Report(PARAMETERS, tables, (), ()))
    values, relations, hidden = _equations(protected.tables)
    assert "entry_criteria_filled/menage/1/0" in hidden
    for cell, (lower, upper) in attack(values, relations, hidden).items():
        assert upper - lower >= 5, (cell, lower, upper, values[cell])


def test_refused_glissement_reviews_are_not_given_back_by_the_subleases_postponed() -> None:
    """Reported by a review: reviews (6, 20, 2), sub-leases (6, 19, 0, 30): « refusé » was narrowed to 1–3."""
    tables = (_list("glissements", (6, 20, 2)), _list("bail_glissant", (6, 19, 0, 30)))
    protected = protect_report(Report(PARAMETERS, tables, (), ()))
    values, relations, hidden = _equations(protected.tables)
    assert "glissements/menage/2/0" in hidden
    for cell, (lower, upper) in attack(values, relations, hidden).items():
        assert upper - lower >= 5, (cell, lower, upper, values[cell])
