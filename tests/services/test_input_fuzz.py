"""Every public service method that takes input, fed bad input: it refuses in French or stores valid rows.

The property of issue 11 (15,004 fuzzed calls found 152 crashes and 3 invalid rows). For each method, calls are
built from its type hints: random text (huge, control characters, lone surrogates, direction overrides), dates
of years 1 to 9999, moments at the ends of the calendar, numbers (NaN, ±Infinity, 1e30, negatives, three
decimals, huge integers) and ids that exist or not. Most calls start from a *seed*, a valid call recorded while
building the world (``fuzz_world``), with one to three of its values replaced: the bad value then meets the code
behind the checks. Whatever the input:

- the call returns, or raises a :class:`KnownError` (``ValidationError``, ``NotFoundError``…): nothing else;
- every row written still follows the rules (dates within the span the date rules accept, amounts within the
  money rule, text without control or direction characters, normalised, within the longest text rule).

A new public method that takes input is fuzzed automatically (its parameters need a strategy, or
:func:`test_every_input_method_is_fuzzed` fails) unless :data:`NOT_FUZZED` says why not. The examples are the
same on every run (``derandomize``); one copy of the world per service keeps the module under a minute.
``CASEWORKER_FUZZ_EXAMPLES=500`` runs a longer, random search instead.
"""

from __future__ import annotations

import collections.abc
import contextlib
import dataclasses
import enum
import inspect
import os
import re
import shutil
import types
import typing
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Date, DateTime, String, Text, event, select

from caseworker.errors import KnownError
from caseworker.models.base import Base
from caseworker.paths import DataPaths
from caseworker.services import Services, build_services
from caseworker.services.date_rules import DateKind, absurd_date, accepted_span
from caseworker.services.directory import OrganisationInput
from caseworker.services.setup import FirstRunInput, SetupService
from caseworker.services.validation import LONG_TEXT_MAX
from caseworker.storage.database import Database, open_database
from caseworker.storage.key_info import load_key_info
from tests.conftest import Template
from tests.services.fuzz_world import Seeds, populate
from tests.support import FixedClock, InMemoryKeyring
from tests.support.row_versions import current_version

TODAY = date(2026, 6, 15)
# A longer, random search when looking for trouble: CASEWORKER_FUZZ_EXAMPLES=500 pytest <this file>
_EXPLORE = int(os.environ.get("CASEWORKER_FUZZ_EXAMPLES", "0"))
WRITE_EXAMPLES = _EXPLORE or 40
READ_EXAMPLES = _EXPLORE // 5 or 6
PARIS = ZoneInfo("Europe/Paris")

# Public methods that take arguments but are not fuzzed, and why.
NOT_FUZZED = {
    "alerts.record_sent": "takes back the OutgoingAlert that prepare_outgoing made (no typed input)",
    "liaison_sheets.record_sent": "takes back the PreparedSheet that prepare made (no typed input)",
    "meetings.record_partner_copy_sent": "takes back the PreparedPartnerCopy that partner_copy made (no typed input)",
    "alerts.escalate_in": "takes a session: the helper of escalate (fuzzed) and of the minutes' escalations",
    "directory.create_organisation_in": "takes a session: the helper of create_organisation (fuzzed)",
    "directory.create_staff_in": "takes a session: the helper of create_staff (fuzzed)",
    "letterhead.letterhead": "takes a session (internal helper), no input",
    "settings.get": "takes a declared Setting, no input",
    "settings.set": "takes a declared Setting and a value of its type, checked by the Setting",
    "setup.complete_first_run": "done once, before the world exists: test_the_first_run_refuses_bad_input",
    "audit.record_database_event": "an AuditAction from the storage layer, no input",
    "audit.record_unlock": "a count from the unlock dialog, no input",
    "exports.export": "writes a file where the person chose (tests/services/exports); its request is preview's",
    "export_narratives.export": "writes a file where the person chose (tests/services/exports), as exports.export",
}
# Methods that only read (fewer examples: nothing they do is stored). A method missing here counts as a write.
READS = {
    "alerts.acknowledgement_email",
    "board.board",
    "board.panel",
    "meetings.running_support",
    "alerts.alert",
    "alerts.counts",
    "alerts.deadlines",
    "alerts.document",
    "alerts.for_household",
    "alerts.inbox",
    "alerts.mediation_options",
    "alerts.prepare_outgoing",
    "alerts.suggested_contacts",
    "audit.for_household",
    "audit.recent",
    "proposals.proposals_for",
    "rights.rights_for",
    "drop_in.day",
    "drop_in.day_counts",
    "drop_in.for_household",
    "drop_in.last_visit_on",
    "drop_in.month_counts",
    "drop_in.persons_for",
    "rights.persons_for",
    "after_care.after_care_for",
    "after_care.current_for",
    "after_care.choices",
    "after_care.episode_after_care",
    "reactivation.proposal",
    "watch.watch_for",
    "outreach.counts",
    "outreach.encounter",
    "outreach.encounters",
    "outreach.for_household",
    "outreach.persons_for",
    "outreach.recent_places",
    "collective_sessions.persons_for",
    "collective_sessions.session",
    "collective_sessions.sessions_between",
    "collective_sessions.for_household",
    "collective_sessions.figures",
    "funding.check",
    "funding.episode_funding",
    "funding.measure_funding",
    "exports.preview",
    "export_narratives.review",
    "consents.evidence",
    "consents.for_household",
    "legal_bases.for_household",
    "consents.valid_consent",
    "contacts.contacts_for",
    "contacts.first_contact_stats",
    "contacts.last_reached_dates",
    "contacts.open_tasks_for",
    "contacts.partner_contacts_for",
    "contract_templates.current_template",
    "contract_templates.kind",
    "contract_templates.template_versions",
    "contracts.contract",
    "criteria.criteria_of",
    "criteria.episode_criteria",
    "criteria.measure_criteria",
    "credentials.has_credential",
    "contracts.contracts_for",
    "contracts.editor_choices",
    "contracts.list_contracts",
    "contracts.scan",
    "contracts.version_pdf",
    "debts.debt",
    "debts.debts_for",
    "debts.plan",
    "debts.regular_payment_resumed",
    "directory.get_dwelling",
    "directory.get_organisation",
    "directory.get_staff",
    "directory.list_dwellings",
    "directory.list_organisations",
    "directory.list_partner_contacts",
    "episodes.episode",
    "episodes.episodes_for",
    "episodes.levels_for",
    "households.count",
    "households.list_page",
    "households.open_file",
    "households.search",
    "households.summaries",
    "households.summary",
    "liaison_sheets.disclosures_for",
    "liaison_sheets.household_summary",
    "liaison_sheets.missing_consents",
    "liaison_sheets.options",
    "liaison_sheets.prepare",
    "measures.list_measures",
    "meetings.decision_for",
    "meetings.decisions_for_episode",
    "meetings.decisions_for_household",
    "meetings.glissement_reviews_for",
    "meetings.internal_minutes",
    "meetings.meeting",
    "meetings.meeting_types",
    "meetings.next_dates",
    "meetings.partner_copy",
    "meetings.past",
    "meetings.propose_agenda",
    "meetings.upcoming",
    "measures.measure",
    "measures.measure_by_code",
    "my_households.for_staff",
    "occupancy.reasons_for",
    "occupancy.timeline",
    "procedures.procedure",
    "procedures.procedures_for",
    "reference.choices",
    "team.candidates",
    "team.caseload",
    "team.caseloads",
    "team.coordinator_changes",
    "team.current_coordinator",
    "team.current_household_ids",
    "team.team",
    "tasks.debrief_notes",
    "tasks.household_tasks",
    "tasks.my_tasks",
    "tasks.owner_choices",
    "timeline.for_household",
}
# Where the ids a parameter names live (other ``*_id`` parameters draw from every table).
ID_TABLES = {
    "household": ["household"],
    "episode": ["episode"],
    "exit": ["exit_record"],
    "previous_episode": ["episode"],
    "consent": ["consent"],
    "contact": ["contact", "partner_contact"],
    "handover_contact": ["partner_contact"],
    "partner_contact": ["partner_contact"],
    "recipient_contact": ["partner_contact"],
    "participant_contact": ["partner_contact"],
    "contract": ["contract"],
    "version": ["contract_version"],
    "signatory": ["contract_signatory"],
    "membership": ["household_membership", "team_membership"],
    "person": ["person"],
    "objective": ["objective"],
    "plan": ["repayment_plan"],
    "debt": ["debt"],
    "payment": ["payment"],
    "procedure": ["legal_procedure"],
    "suspension": ["procedure_suspension"],
    "organisation": ["organisation"],
    "landlord": ["organisation"],
    "creditor": ["organisation"],
    "recipient": ["organisation"],
    "staff": ["staff_member"],
    "staff_member": ["staff_member"],
    "participant_staff": ["staff_member"],
    "approver": ["staff_member"],
    "successor": ["staff_member"],
    "dwelling": ["dwelling"],
    "measure": ["measure"],
    "occupancy": ["occupancy"],
    "document": ["document"],
    "alert": ["alert"],
    "related_alert": ["alert"],
    "task": ["task"],
    "close_task": ["task"],
    "owner": ["staff_member"],
    "meeting": ["meeting"],
    "item": ["meeting_item"],
    "review": ["episode_review"],
    "glissement_review": ["glissement_review"],
    "proposal": ["housing_proposal"],
    "extension": ["extension"],
    "intensity_period": ["intensity_period"],
    "transition": ["episode_transition"],
    "encounter": ["outreach_encounter"],
    "session": ["collective_session"],
    "visit": ["drop_in_visit"],
}


# ----------------------------------------------------------------------------------------------- world


@dataclass(frozen=True)
class World:
    """A database with records of every kind (copied for each test) and the calls that built it."""

    directory: Path
    template: Template
    seeds: Seeds


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, template_store: Template) -> Iterator[World]:
    directory = tmp_path_factory.mktemp("fuzz_world") / "data"
    shutil.copytree(template_store.directory, directory)
    previous = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())
    try:
        services, database = _open(directory, template_store)
        try:
            seeds = populate(services)
        finally:
            database.dispose()
    finally:
        keyring.set_keyring(previous)
    yield World(directory, template_store, seeds)


def _open(directory: Path, template: Template) -> tuple[Services, Database]:
    paths = DataPaths(directory)
    database = open_database(paths, template.key, load_key_info(paths.key_info_file))
    return build_services(database.engine, FixedClock(TODAY)), database


@pytest.fixture
def fuzzed(world: World, tmp_path: Path) -> Iterator[Services]:
    """A fresh copy of the world."""
    directory = tmp_path / "data"
    shutil.copytree(world.directory, directory)
    services, database = _open(directory, world.template)
    yield services
    database.dispose()


# ------------------------------------------------------------------------------------------ strategies

CONTROL = st.characters(categories=["Cc"])
SURROGATE = st.characters(categories=["Cs"])
BIDI = st.sampled_from("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NASTY_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(st.one_of(st.characters(), CONTROL, SURROGATE, BIDI), max_size=20),
    st.sampled_from(["", " ", "Dupont", "  Ame\u0301lie  ", "x" * (LONG_TEXT_MAX + 1), "é" * 301, "\r\n\t"]),
    st.integers(0, 26_000).map(lambda n: "é" * n),  # up to 52 kB of UTF-8 (SQLite's LIKE stops at 50 kB)
)
NASTY_DATES = st.one_of(
    st.dates(),
    st.dates(min_value=TODAY - timedelta(days=1500), max_value=TODAY + timedelta(days=800)),
    st.sampled_from([date.min, date.max, date(1900, 1, 1), date(2200, 1, 1), date(1989, 12, 31), TODAY]),
)
ZONES = st.sampled_from(
    [timezone.utc, PARIS, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12)), ZoneInfo("Pacific/Kiritimati")]
)
NASTY_MOMENTS = st.one_of(
    st.datetimes(timezones=ZONES),
    st.builds(
        lambda day, minutes, zone: datetime.combine(day, time(), tzinfo=zone) + timedelta(minutes=minutes),
        st.dates(min_value=TODAY - timedelta(days=800), max_value=TODAY + timedelta(days=2)),
        st.integers(0, 24 * 60 - 1),
        ZONES,
    ),
    st.sampled_from(
        [
            datetime.min.replace(tzinfo=timezone(timedelta(hours=14))),
            datetime.max.replace(tzinfo=timezone(timedelta(hours=-12))),
            datetime(1900, 1, 1, tzinfo=timezone.utc),
        ]
    ),
)
NASTY_DECIMALS = st.one_of(
    st.sampled_from(
        [Decimal(text) for text in ("NaN", "sNaN", "-NaN", "Infinity", "-Infinity", "1e30", "-500", "12.345", "-0")]
    ),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=-1000, max_value=2_000_000, places=2),
    st.decimals(min_value=-1000, max_value=10_000, places=3),
)
NASTY_COUNTS = st.one_of(
    st.integers(-5, 130),
    st.sampled_from([0, -1, 10_000, 2**31, 2**63 - 1, -(2**63), 2**64, 10**30]),
)
NASTY_BYTES = st.one_of(st.binary(max_size=64), st.sampled_from([b"", b"%PDF-1.4\n%\xe2\xe3\n", b"\x00" * 10]))
MISSING_IDS = st.sampled_from([0, -1, 99_999, 2**63 - 1])


def _tables_ids(services: Services) -> dict[str, list[int]]:
    with services.context.engine.connect() as connection:
        return {
            table.name: list(connection.execute(select(table.c.id).order_by(table.c.id).limit(200)).scalars())
            for table in Base.metadata.sorted_tables
            if "id" in table.c
        }


def _tables_codes(services: Services) -> dict[str, list[str]]:
    with services.context.engine.connect() as connection:
        return {
            table.name: sorted(connection.execute(select(table.c.code)).scalars())
            for table in Base.metadata.sorted_tables
            if "code" in table.c
        }


class Strategies:
    """Builds a strategy for each parameter from its type hint and name, and mutations of recorded calls."""

    def __init__(self, ids: dict[str, list[int]], codes: dict[str, list[str]]) -> None:
        self._ids = ids
        self._codes = codes

    @classmethod
    def of(cls, services: Services) -> Strategies:
        return cls(_tables_ids(services), _tables_codes(services))

    def ids(self, name: str) -> st.SearchStrategy[int]:
        """Ids of the table(s) the name points to, and ids that exist nowhere."""
        stem = re.sub(r"_ids?$", "", name)
        tables = ID_TABLES.get(stem, list(self._ids))
        known = sorted({item for table in tables for item in self._ids.get(table, [])[:30]})
        return st.one_of(st.sampled_from(known), MISSING_IDS) if known else MISSING_IDS

    def codes(self, name: str) -> st.SearchStrategy[str]:
        """Codes of the reference tables the name suggests (all codes if none), and nasty text."""
        words = [word for word in re.sub(r"_codes?$", "", name).split("_") if len(word) > 3]
        tables = [table for table in self._codes if any(word in table for word in words)] or list(self._codes)
        known = sorted({code for table in tables for code in self._codes[table]})
        return st.one_of(st.sampled_from(known), NASTY_TEXT) if known else NASTY_TEXT

    def for_type(self, name: str, hint: object) -> st.SearchStrategy[Any]:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            options = [self.for_type(name, arg) for arg in args if arg is not type(None)]
            return st.one_of(st.none(), *options) if type(None) in args else st.one_of(*options)
        if origin is collections.abc.Callable:  # progress and cancel callbacks: the window's, not typed input
            return st.just(_quiet_callback)
        if origin in (tuple, list, Sequence, Iterable):
            item = self.for_type(name, args[0])
            return st.lists(item, max_size=4).map(tuple if origin is tuple else list)
        if hint is bool:
            return st.booleans()
        if hint is int:
            if name == "limit":  # how many rows a list shows: set by the code, never typed
                return st.integers(0, 1000)
            return self.ids(name) if name == "id" or name.endswith(("_id", "_ids")) else NASTY_COUNTS
        if hint is str:
            is_code = name == "code" or name.endswith(("_code", "_codes")) or name in {"channel", "level"}
            return self.codes(name) if is_code else NASTY_TEXT
        if hint is bytes:
            return NASTY_BYTES
        if hint is Decimal:
            return NASTY_DECIMALS
        if hint is datetime:
            return NASTY_MOMENTS
        if hint is date:
            return NASTY_DATES
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return st.sampled_from(list(hint))
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            hints = typing.get_type_hints(hint)
            fields = {field.name: self.for_type(field.name, hints[field.name]) for field in dataclasses.fields(hint)}
            return st.builds(hint, **fields)
        raise NotImplementedError(f"no strategy for {name}: {hint!r}")

    def for_method(self, method: Callable[..., object], seeds: list[dict[str, Any]]) -> st.SearchStrategy[Any]:
        """Mostly a recorded call with one to three values replaced, sometimes a call made up entirely."""
        hints = typing.get_type_hints(method)
        parameters = [p for p in inspect.signature(method).parameters.values() if p.name != "self"]
        made_up = st.fixed_dictionaries({p.name: self.for_type(p.name, hints[p.name]) for p in parameters})
        if not seeds:
            return made_up
        hinted = {p.name: hints[p.name] for p in parameters}
        return st.one_of(self._mutations(seeds, hinted), self._mutations(seeds, hinted), made_up)

    def _mutations(self, seeds: list[dict[str, Any]], hints: dict[str, object]) -> st.SearchStrategy[Any]:
        @st.composite
        def mutated(draw: st.DrawFn) -> dict[str, Any]:
            call = dict(draw(st.sampled_from(seeds)))
            places = [place for name, value in call.items() for place in _places((name,), value, hints[name])]
            chosen = draw(st.lists(st.sampled_from(places), min_size=1, max_size=3, unique_by=lambda place: place[0]))
            chosen.sort(key=lambda place: len(place[0]))
            # A place inside one already replaced is gone (the new value has its own insides).
            chosen = [p for p in chosen if not any(p[0][: len(q[0])] == q[0] for q in chosen if len(q[0]) < len(p[0]))]
            for path, hint in chosen:
                call = _replace(call, path, draw(self.for_type(_name_of(path), hint)))
            return call

        return mutated()


def _quiet_callback(*_args: object) -> bool:
    """A progress callback that listens to nothing, or a cancel question answered "no"."""
    return False


def _places(path: tuple[Any, ...], value: Any, hint: object) -> list[tuple[tuple[Any, ...], object]]:
    """Every value inside a call that a mutation may replace: (its path, its type hint)."""
    found: list[tuple[tuple[Any, ...], object]] = [(path, hint)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):  # "X | None": the insides are X's
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        hints = typing.get_type_hints(type(value))
        for field in dataclasses.fields(value):
            found += _places((*path, field.name), getattr(value, field.name), hints[field.name])
    elif isinstance(value, tuple | list) and typing.get_args(hint):
        item_hint = typing.get_args(hint)[0]
        for index, item in enumerate(value[:5]):
            found += _places((*path, index), item, item_hint)
    return found


def _name_of(path: tuple[Any, ...]) -> str:
    """The parameter or field name of a place (an item of a tuple takes its field's name)."""
    return next(str(part) for part in reversed(path) if isinstance(part, str))


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    if isinstance(value, tuple | list):
        items = list(value)
        items[head] = _replace(items[head], rest, new)
        return type(value)(items)
    return dataclasses.replace(value, **{head: _replace(getattr(value, head), rest, new)})


def input_methods() -> dict[str, Callable[..., object]]:
    """Every public method of every service that takes at least one argument, as "service.method"."""
    found = {}
    hints = typing.get_type_hints(Services)
    for field in dataclasses.fields(Services):
        if field.name == "context":
            continue
        for name, method in inspect.getmembers(hints[field.name], inspect.isfunction):
            if not name.startswith("_") and len(inspect.signature(method).parameters) > 1:
                found[f"{field.name}.{name}"] = method
    return found


FUZZED = sorted(set(input_methods()) - set(NOT_FUZZED))
SERVICES = sorted({name.split(".")[0] for name in FUZZED})


def test_every_input_method_is_fuzzed(world: World) -> None:
    methods = input_methods()
    assert set(NOT_FUZZED) <= set(methods), "NOT_FUZZED names a method that no longer exists"
    assert set(READS) <= set(methods), "READS names a method that no longer exists"
    assert len(FUZZED) >= 100, "the enumeration of the services' methods found too few"
    strategies = Strategies({"household": [1]}, {"measure": ["avdl"]})
    for name in FUZZED:  # every parameter has a strategy: a new kind of parameter fails here
        strategies.for_method(methods[name], world.seeds.get(name, []))
    writes = [name for name in FUZZED if name not in READS]
    unseeded = [name for name in writes if name not in world.seeds]
    assert not unseeded, f"give these methods a valid call in fuzz_world (their seeds): {unseeded}"


# -------------------------------------------------------------------------------------------- the rules


def rule_breaches(services: Services, tables: Iterable[str] | None = None) -> list[str]:
    """Rows that break a rule (in ``tables``, or all): what no service should have let in."""
    first, last = accepted_span(TODAY)
    wanted = None if tables is None else set(tables)
    breaches = []
    with services.context.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if wanted is not None and table.name not in wanted:
                continue
            if table.name in LOCAL_ONLY_TABLES and services.context.team_mode:
                continue  # the members' group may not even read it (docs/domain.md §9.3)
            columns = [
                c for c in table.c if isinstance(c.type, Date | DateTime | String | Text) or c.name.endswith("_cents")
            ]
            if not columns:
                continue
            for row in connection.execute(select(*columns)):
                for column, value in zip(columns, row, strict=True):
                    kind = PAST_COLUMNS.get((table.name, column.name))
                    problem = _breach(column.name, value, first, last) or (
                        _absurd(kind, value) if kind is not None and value is not None else None
                    )
                    if problem:
                        breaches.append(f"{table.name}.{column.name}: {problem} ({str(value)[:60]!r})")
    return breaches


# Tables of local mode only, which a person's login on the team's server may not read.
LOCAL_ONLY_TABLES = {"staff_credential"}
# Columns the code derives (not typed): a folded search key is deliberately not normalised text.
DERIVED = {"search_text"}
# Columns holding facts that happened (DateKind.EVENT) or the household's history (HOUSING): never in the
# future, never older than their kind allows, whatever was typed.
PAST_COLUMNS: dict[tuple[str, str], DateKind] = {
    **{
        (table, column): DateKind.EVENT
        for table, columns in {
            "alert": ("received_at", "acknowledged_at", "first_action_at"),
            "alert_action": ("at",),
            "contact": ("occurred_at",),
            "consent": ("requested_on", "decided_on", "revoked_on"),
            "contract_signatory": ("signed_on",),
            "contract": ("ended_on",),
            "debt": ("as_of", "settled_on"),
            "repayment_plan": ("agreed_on", "ended_on"),
            "payment": ("paid_on",),
            "legal_procedure": ("opened_on", "outcome_on"),
            "right_opened": ("opened_on",),
            "outreach_encounter": ("occurred_at", "attached_at"),
            "collective_session": ("held_on",),
            "drop_in_visit": ("occurred_at",),
            "procedure_stage": ("on",),
            "episode": ("orientation_date",),
            "episode_transition": ("effective_date",),
            "extension": ("decided_on",),
            "episode_review": ("held_on",),
            "team_membership": ("start_date", "end_date"),
        }.items()
        for column in columns
    },
    **{
        (table, column): DateKind.HOUSING
        for table in ("household_membership", "occupancy")
        for column in ("start_date", "end_date")
    },
}


def _breach(name: str, value: object, first: date, last: date) -> str | None:
    if value is None or name in DERIVED:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return None if first <= value <= last else "a date outside the span the date rules accept"
    if name.endswith("_cents"):
        assert isinstance(value, int)
        return None if 0 <= value <= 100_000_000 else "an amount outside the money rule"
    if isinstance(value, str):
        if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
            return "a control character"
        if any(ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" for ch in value):
            return "a direction override"
        if not unicodedata.is_normalized("NFC", value):
            return "text not normalised (NFC)"
        if len(value) > LONG_TEXT_MAX:
            return "text longer than any text rule"
    return None


def _absurd(kind: DateKind, value: date | datetime) -> str | None:
    day = value.date() if isinstance(value, datetime) else value
    return absurd_date(kind, day, TODAY)


def test_the_world_follows_the_rules(fuzzed: Services) -> None:
    tables = Base.metadata.tables
    assert all(column in tables[table].c for table, column in PAST_COLUMNS), "PAST_COLUMNS names a lost column"
    assert rule_breaches(fuzzed) == []


# -------------------------------------------------------------------------------------------- the fuzzing


class WrittenTables:
    """The tables an engine wrote to (INSERT, UPDATE) since the last :meth:`take`."""

    _STATEMENT = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE)\s+"?(\w+)', re.IGNORECASE)

    def __init__(self, services: Services) -> None:
        self._names: set[str] = set()
        event.listen(services.context.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: object, _cursor: object, statement: str, *_args: object) -> None:
        found = self._STATEMENT.match(statement)
        if found:
            self._names.add(found.group(1))

    def take(self) -> set[str]:
        names, self._names = self._names, set()
        return names


@pytest.mark.parametrize("service_name", SERVICES)
def test_bad_input_is_refused_or_stored_valid(fuzzed: Services, world: World, service_name: str) -> None:
    strategies = Strategies.of(fuzzed)
    written = WrittenTables(fuzzed)
    service = getattr(fuzzed, service_name)
    for name in (name for name in FUZZED if name.startswith(f"{service_name}.")):
        method_name = name.split(".")[1]
        strategy = strategies.for_method(getattr(type(service), method_name), world.seeds.get(name, []))
        _fuzz(fuzzed, written, name, getattr(service, method_name), strategy)
    assert rule_breaches(fuzzed) == []


def _fuzz(
    services: Services, written: WrittenTables, name: str, method: Callable[..., object], strategy: st.SearchStrategy
) -> None:
    """Call ``method`` with the examples of ``strategy``: a known error or valid rows, every time."""

    @settings(
        max_examples=READ_EXAMPLES if name in READS else WRITE_EXAMPLES,
        derandomize=not _EXPLORE,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def call(arguments: dict[str, Any]) -> None:
        arguments = _typed_against_current_version(method, arguments)
        with contextlib.suppress(KnownError):  # a refusal in French is fine: anything else fails the test
            method(**arguments)
        changed = written.take() - {"audit_event"}  # audit rows hold field names only: checked at the end
        assert rule_breaches(services, changed) == [], name

    call()


def _typed_against_current_version(method: Callable[..., object], arguments: dict[str, Any]) -> dict[str, Any]:
    """Type the call against the record's current version, so that the fuzz reaches the checks of the input.

    The seeds recorded the versions of the world being built, all older now: every call would be refused as
    typed against an older version (``tests/services/test_row_versions.py`` tests that refusal).
    """
    first = arguments.get(next(iter(inspect.signature(method).parameters), ""))
    if "expected_version" not in arguments or not isinstance(first, int | str):
        return arguments
    version = current_version(getattr(method, "__self__", None), method.__name__, first)
    return {**arguments, "expected_version": version}


def test_the_first_run_refuses_bad_input_or_stores_valid_rows(bare_services: Services) -> None:
    """The first run (organisation and user) on a database that has none yet; done once, then refused."""
    seed = {
        "data": FirstRunInput(
            organisation=OrganisationInput(name="Association Le Toit", kind_code="association", territory="Rennes"),
            first_name="Claire",
            last_name="Martin",
            role_code="travailleur_social",
        )
    }
    strategy = Strategies.of(bare_services).for_method(SetupService.complete_first_run, [seed])
    _fuzz(
        bare_services,
        WrittenTables(bare_services),
        "setup.complete_first_run",
        bare_services.setup.complete_first_run,
        strategy,
    )
    assert rule_breaches(bare_services) == []
