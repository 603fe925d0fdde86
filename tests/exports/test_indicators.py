"""The indicators on the reference figures of docs/domain.md §13 (from the field), computed then protected."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseworker.domain import EpisodeStatus
from caseworker.exports.facts import EpisodeFact, ExportScope, Members
from caseworker.exports.housing_figures import Situation, retention
from caseworker.exports.protection import protect_report
from caseworker.exports.report import CountTable, ExportParameters, Rate, Report, Unit, percent
from caseworker.exports.support_figures import exits
from caseworker.exports.tables import MERGED, TableText, TwinTables

AS_OF = date(2026, 12, 31)
SCOPE = ExportScope(("chez_soi_dabord",), date(2023, 1, 1), AS_OF, AS_OF)
PARAMETERS = ExportParameters(
    "dihal", "DIHAL – Logement d'abord", ("Un chez-soi d'abord",), SCOPE.period_start, AS_OF, AS_OF
)


def _episode(number: int, start: date, *, end: date | None = None, reason: str | None = None) -> EpisodeFact:
    return EpisodeFact(
        id=number,
        household_id=number,
        measure_code="chez_soi_dabord",
        status=EpisodeStatus.CLOTURE if end else EpisodeStatus.ACTIF,
        orientation=start - timedelta(days=30),
        start=start,
        end=end,
        reentry=False,
        referral_source="SIAO",
        exit_reason=reason,
        exit_reason_code=None,
        destination=None,
        destination_housed=None,
    )


def _members(count: int, per_household: int = 1) -> Members:
    members = Members()
    for household in range(1, count + 1):
        members.periods[household] = [(date(2020, 1, 1), None)] * per_household
    return members


def _first_snapshot() -> tuple[list[EpisodeFact], dict[int, list[Situation]]]:
    """38 people entered over four years; 28 obtained a tenancy, 23 of whom are still tenants (§13)."""
    episodes = [_episode(n, date(2023, 1, 1) + timedelta(days=30 * n)) for n in range(1, 39)]
    timelines: dict[int, list[Situation]] = {}
    for episode in episodes:
        n = episode.household_id
        assert episode.start is not None
        street = Situation(n, date(2022, 1, 1), None, False, "situation_initiale")
        if n > 28:  # never housed
            timelines[n] = [street]
            continue
        housed_on = episode.start + timedelta(days=60)
        street = Situation(n, date(2022, 1, 1), housed_on - timedelta(days=1), False, "situation_initiale")
        if n <= 23:
            timelines[n] = [street, Situation(n, housed_on, None, True, "acces_logement")]
        else:
            left = housed_on + timedelta(days=200)
            timelines[n] = [
                street,
                Situation(n, housed_on, left - timedelta(days=1), True, "acces_logement"),
                Situation(n, left, None, False, "perte_logement"),
            ]
    return episodes, timelines


def test_23_of_28_still_housed_prints_82_percent_not_85() -> None:
    episodes, timelines = _first_snapshot()
    tables, rates = retention(episodes, _members(38), SCOPE, timelines)
    households, _persons = tables
    assert households.counts == ((23,), (0,), (5,))
    assert rates[0].numerator == 23 and rates[0].denominator == 28
    protected = protect_report(Report(PARAMETERS, tables, rates, ()))
    assert protected.rates[0].text() == "23/28 = 82 % au 31/12/2026 (ménages ayant obtenu un logement)"
    assert protected.rates[1].text() == "23/28 = 82 % au 31/12/2026 (personnes ayant obtenu un logement)"
    assert protected.primary_hidden == protected.secondary_hidden == 0


def test_persons_are_counted_with_their_household_children_included() -> None:
    episodes, timelines = _first_snapshot()
    tables, rates = retention(episodes, _members(38, per_household=3), SCOPE, timelines)
    assert tables[1].counts == ((69,), (0,), (15,))
    assert (rates[1].numerator, rates[1].denominator) == (69, 84)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(23, 28, 82), (22, 38, 58), (22, 32, 69), (1, 8, 13), (1, 200, 1), (1, 201, 0), (0, 5, 0), (5, 5, 100)],
)
def test_percentages_round_half_up_from_the_exact_fraction(numerator: int, denominator: int, expected: int) -> None:
    assert percent(numerator, denominator) == expected


def _payment_tables(unit: Unit) -> tuple[CountTable, ...]:
    entrants_met = CountTable(
        "entrants_met", "t", unit, "", "", "", ("Rencontrés", "Jamais rencontrés"), ("Nombre",), ((32,), (6,))
    )
    payment = CountTable(
        "payment_resumed",
        "t",
        unit,
        "",
        "",
        "",
        ("Repris", "Pas de reprise"),
        ("Rencontrés", "Jamais rencontrés"),
        ((22, 0), (10, 6)),
    )
    return entrants_met, payment


def test_both_denominators_of_payment_resumed_are_printed_with_their_definition() -> None:
    """22 of 38 entrants is 58 %, 22 of the 32 met is 69 %: the denominator is always said (§13)."""
    rates = (
        Rate(
            "payment_resumed",
            "Reprise",
            Unit.MENAGE,
            22,
            38,
            AS_OF,
            "ménages entrés dans la période",
            "",
            "",
            "payment_resumed",
            ("Repris",),
        ),
        Rate(
            "payment_resumed_met",
            "Reprise",
            Unit.MENAGE,
            22,
            32,
            AS_OF,
            "ménages entrés dans la période et rencontrés",
            "",
            "",
            "payment_resumed",
            ("Repris",),
            "Rencontrés",
        ),
    )
    protected = protect_report(Report(PARAMETERS, _payment_tables(Unit.MENAGE), rates, ()))
    assert [rate.text() for rate in protected.rates] == [
        "22/38 = 58 % au 31/12/2026 (ménages entrés dans la période)",
        "22/32 = 69 % au 31/12/2026 (ménages entrés dans la période et rencontrés)",
    ]


def test_payment_resumed_among_the_met_is_tied_to_the_entrants_met() -> None:
    """The column « Rencontrés » is the entrants met: hiding one hides what would give it away in the other."""
    entrants_met = CountTable("entrants_met", "t", Unit.MENAGE, "", "", "", ("R", "J"), ("Nombre",), ((28,), (5,)))
    payment = CountTable(
        "payment_resumed", "t", Unit.MENAGE, "", "", "", ("Repris", "Non"), ("R", "J"), ((3, 0), (25, 5))
    )
    protected = protect_report(Report(PARAMETERS, (entrants_met, payment), (), ()))
    shown = {
        (table.source.key, index): cell.value
        for table in protected.tables
        for index, cell in enumerate(table.row_totals or (table.grand_total,))
    }
    hidden_payment = [cell.value is None for line in protected.tables[1].cells for cell in line]
    assert hidden_payment[0]  # the 3 resumed among the met
    # An attacker who adds the tables' equalities cannot pin the 3 below the threshold's width.
    assert shown[("entrants_met", 0)] is None or protected.tables[1].column_totals[0].value is not None


def test_a_rate_whose_numerator_is_hidden_is_hidden_and_says_so() -> None:
    tables = (CountTable("t", "t", Unit.MENAGE, "", "", "", ("Oui", "Non"), ("Nombre",), ((3,), (20,))),)
    rate = Rate("t", "t", Unit.MENAGE, 3, 23, AS_OF, "ménages", "", "", "t", ("Oui",))
    protected = protect_report(Report(PARAMETERS, tables, (rate,), ()))
    assert protected.rates[0].hidden
    assert protected.rates[0].text() == "s au 31/12/2026 (ménages)"
    assert protected.tables[0].cells[0][0].value is None and protected.tables[0].cells[1][0].value is None


def test_few_in_the_denominator_prints_the_counts_without_a_percentage() -> None:
    tables = (CountTable("t", "t", Unit.MENAGE, "", "", "", ("Oui", "Non"), ("Nombre",), ((5,), (0,))),)
    rate = Rate("t", "t", Unit.MENAGE, 5, 5, AS_OF, "ménages", "", "", "t", ("Oui",))
    protected = protect_report(Report(PARAMETERS, tables, (rate,), ()))
    assert protected.rates[0].text() == "5/5 au 31/12/2026 (ménages)"


def test_exits_by_reason_by_destination_and_by_length_share_their_total_and_small_reasons_merge() -> None:
    reasons = ["Relogement"] * 7 + ["Décès"] * 2 + ["Incarcération"] * 1 + ["Perte de contact"] * 6
    episodes = [
        _episode(n, date(2024, 1, 1), end=date(2026, 3, 1) + timedelta(days=n), reason=reason)
        for n, reason in enumerate(reasons, start=1)
    ]
    tables = exits(episodes, _members(len(episodes)), SCOPE, 5)
    by_reason = tables[0]
    assert by_reason.rows == ("Perte de contact", "Relogement", MERGED)
    assert by_reason.counts == ((6,), (7,), (3,))
    assert {table.grand_total for table in tables} == {16}
    protected = protect_report(Report(PARAMETERS, tables, (), ()))
    merged = protected.tables[0].cells[2][0]
    assert merged.value is None  # 3 merged exits are still fewer than 5
    # Every table sharing the total hides enough that the 3 cannot be recomputed from it.
    assert all(table.grand_total is not None for table in protected.tables)


def test_twin_tables_hide_the_same_cells_in_both_units() -> None:
    table = TwinTables(TableText("k", "Titre", "", "", "Lignes"), rows=("A", "B", "C"))
    for row, households in (("A", 3), ("B", 9), ("C", 12)):
        for _ in range(households):
            table.add(row, 4)  # 4 persons each: the persons' counts are never small
    protected = protect_report(Report(PARAMETERS, table.tables(), (), ()))
    households_view, persons_view = protected.tables
    hidden = [[cell.value is None for cell in line] for line in households_view.cells]
    assert hidden == [[cell.value is None for cell in line] for line in persons_view.cells]
    assert hidden[0] == [True]  # 3 households, hence their 12 persons too


def _attack_published(relations: list[tuple[str, tuple[str, ...]]], values: dict[str, int], hidden: set[str]) -> None:
    """An attacker's bounds on every hidden figure, from the equations written by hand: each at least 5 wide."""
    from caseworker.exports.secrecy import Relation, attack

    bounds = attack(values, [Relation(total, parts) for total, parts in relations], hidden)
    assert all(upper - lower >= 5 for lower, upper in bounds.values()), bounds


def _hidden(table: object) -> dict[str, bool]:
    from caseworker.exports.report import ProtectedTable

    assert isinstance(table, ProtectedTable)
    found = {f"r{index}": line[0].value is None for index, line in enumerate(table.cells)}
    found["total"] = table.grand_total is None or table.grand_total.value is None
    return found


def test_offers_and_their_refusals_count_the_same_refusals_and_the_proof_knows_it() -> None:
    """Reported by a review: 2 leases signed were recovered from the offers' total minus the refusals' total."""
    offers = CountTable(
        "offers",
        "t",
        Unit.OFFER,
        "",
        "",
        "",
        ("Bail", "Refusée", "CAL", "En cours"),
        ("Nombre",),
        ((2,), (5,), (10,), (8,)),
    )
    refusals = CountTable("offer_refusals", "t", Unit.OFFER, "", "", "", ("Localisation",), ("Nombre",), ((5,),))
    protected = protect_report(Report(PARAMETERS, (offers, refusals), (), ()))
    hidden_offers, hidden_refusals = _hidden(protected.tables[0]), _hidden(protected.tables[1])
    values = {"o0": 2, "o1": 5, "o2": 10, "o3": 8, "ot": 25, "f0": 5, "ft": 5}
    hidden = {f"o{key[1:]}" if key != "total" else "ot" for key, is_hidden in hidden_offers.items() if is_hidden}
    hidden |= {"f0" if key == "r0" else "ft" for key, is_hidden in hidden_refusals.items() if is_hidden}
    assert "o0" in hidden
    _attack_published([("ot", ("o0", "o1", "o2", "o3")), ("ft", ("f0",)), ("o1", ("ft",))], values, hidden)


def test_the_off_hours_contacts_share_the_contacts_total_and_the_proof_knows_it() -> None:
    """Reported by a review: a hidden contacts' total was given back by the off-hours table's total."""
    by_type = CountTable(
        "contacts_by_type",
        "t",
        Unit.CONTACT,
        "",
        "",
        "",
        ("A", "B", "C"),
        ("x", "y", "z"),
        ((1, 1, 5), (0, 5, 2), (3, 20, 2)),
    )
    off_hours = CountTable("contacts_off_hours", "t", Unit.CONTACT, "", "", "", ("H", "B"), ("Nombre",), ((9,), (30,)))
    protected = protect_report(Report(PARAMETERS, (by_type, off_hours), (), ()))
    first, second = protected.tables
    assert first.grand_total is not None and second.grand_total is not None
    assert (first.grand_total.value is None) == (second.grand_total.value is None)  # one figure, one fate
    assert first.cells[0][0].value is None and first.cells[0][1].value is None
    assert first.row_totals[0].value is None or first.cells[0][2].value is None  # 1 and 1 not given back


def test_a_statistic_of_a_row_is_withheld_with_that_row_even_when_enough_contribute() -> None:
    """The days at a level are tied to the level's count: hidden to protect another, it takes its days with it."""
    from decimal import Decimal

    from caseworker.exports.report import Statistic

    table = CountTable("levels", "t", Unit.MENAGE, "", "", "", ("A", "B", "C"), ("Nombre",), ((3,), (6,), (20,)))
    days = tuple(
        Statistic("days", f"Jours {row}", Decimal(100 * count), "jours", count, "", "", group=("levels", "row", index))
        for index, (row, count) in enumerate((("A", 3), ("B", 6), ("C", 20)))
    )
    protected = protect_report(Report(PARAMETERS, (table,), (), days))
    hidden = [line[0].value is None for line in protected.tables[0].cells]
    assert hidden == [True, True, False]  # 3 is small, and 6 hides it from the total
    assert [statistic.value for statistic in protected.statistics] == [None, None, Decimal(2000)]


def test_a_statistic_tied_to_a_table_the_profile_left_out_is_withheld() -> None:
    from decimal import Decimal

    from caseworker.exports.report import Statistic

    days = Statistic("days", "Jours", Decimal(500), "jours", 10, "", "", group=("levels", "row", 0))
    assert protect_report(Report(PARAMETERS, (), (), (days,))).statistics[0].hidden


def _level_episode(number: int, start: date, end: date | None = None) -> EpisodeFact:
    return _episode(number, start, end=end, reason="Relogement" if end else None)


def test_days_in_the_period_stop_the_day_before_the_exit_and_leave_the_suspended_days_out() -> None:
    """The days arithmetic of the episode file, within the period: the exit day is the first day out."""
    from caseworker.exports.duration_figures import _days_in_period
    from caseworker.services.support.durations import UNKNOWN_LEVEL, Period, days_by_level

    scope = ExportScope(("chez_soi_dabord",), date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 31))
    before = _level_episode(1, date(2025, 6, 1), end=date(2026, 3, 1))
    assert _days_in_period(before, scope) == (date(2026, 1, 1), date(2026, 2, 28))
    assert _days_in_period(_level_episode(2, date(2025, 1, 1), end=date(2026, 1, 1)), scope) is None
    levels = [Period(date(2025, 6, 1), date(2026, 1, 31), "Renforcé"), Period(date(2026, 2, 1), None, "Standard")]
    paused = [Period(date(2026, 2, 10), date(2026, 2, 19))]
    assert days_by_level(date(2026, 1, 1), date(2026, 2, 28), levels, paused) == {"Renforcé": 31, "Standard": 18}
    assert days_by_level(date(2026, 1, 1), date(2026, 1, 10), [], []) == {UNKNOWN_LEVEL: 10}


def test_the_household_years_are_withheld_when_a_levels_days_are() -> None:
    """Reported by a review: 365 × the household-years less the days shown gave a hidden level's days back (3 days:
    its 1 to 4 households narrowed to at most 3)."""
    from decimal import Decimal

    from caseworker.exports.report import Statistic

    def table(key: str, counts: tuple[int, ...], *, totals: bool = True) -> CountTable:
        rows = tuple(f"l{index}" for index in range(len(counts)))
        counted = tuple((count,) for count in counts)
        return CountTable(key, key, Unit.MENAGE, "", "", "", rows, ("Nombre",), counted, totals=totals)

    def days(row: int, value: int, contributors: int) -> Statistic:
        return Statistic(
            "intensity_days",
            f"Jours {row}",
            Decimal(value),
            "jours",
            contributors,
            "",
            "",
            ("intensity_levels", "row", row),
        )

    tables = (table("intensity_levels", (12, 2), totals=False), table("funded_households", (14, 0, 0)))
    years = Statistic("household_years", "Ménages-années", Decimal("12.03"), "ménages-années", 14, "", "")
    protected = protect_report(Report(PARAMETERS, tables, (), (days(0, 4_388, 12), days(1, 3, 2), years)))
    shown = {(s.source.key, s.source.title): s.hidden for s in protected.statistics}
    assert shown == {
        ("intensity_days", "Jours 0"): False,
        ("intensity_days", "Jours 1"): True,
        ("household_years", "Ménages-années"): True,
    }
    # Every level's days shown: the household-years are too.
    protected = protect_report(Report(PARAMETERS, tables[1:], (), (years,)))
    assert not protected.statistics[0].hidden
