"""Every public service method that takes input, fed random input: it refuses in French or stores valid rows.

The property of issue 11 (15,004 fuzzed calls found 152 crashes and 3 invalid rows): for each method, random
text (huge, control characters, lone surrogates, direction overrides), dates of years 1 to 9999, aware moments at
the ends of the calendar, numbers (NaN, ±Infinity, 1e30, negatives, three decimals, huge integers) and ids that
exist or not, built from the method's type hints. Whatever the input:

- the call returns, or raises a :class:`KnownError` (``ValidationError``, ``NotFoundError``…): nothing else;
- every row of the database still follows the rules afterwards (dates within the span the date rules accept,
  amounts within the money rule, text without control or direction characters, normalised, trimmed).

A new public method that takes input must be fuzzed here or listed in :data:`NOT_FUZZED` with its reason:
:func:`test_every_input_method_is_fuzzed` fails otherwise. Each method runs a fixed number of examples
(``derandomize``: the same ones every run) against a copy of one rich database built once for the module.
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import shutil
import types
import typing
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Date, DateTime, Integer, String, Text, select

from caseworker.errors import KnownError
from caseworker.models import (
    AlertActionKind,
    AlertChannel,
    ObjectiveOwner,
    ProcedureStage,
    SignatureMethod,
    SuspensionGround,
)
from caseworker.models.base import Base
from caseworker.paths import DataPaths
from caseworker.services import Services, build_services
from caseworker.services.alerts import ActionInput, AlertInput
from caseworker.services.contacts import ContactInput
from caseworker.services.contracts import DraftRequest
from caseworker.services.date_rules import accepted_span
from caseworker.services.directory import OrganisationInput
from caseworker.services.episodes import ObjectiveInput
from caseworker.services.prevention import DebtInput, PaymentInput, PlanInput, ProcedureInput, SuspensionInput
from caseworker.services.setup import FirstRunInput
from caseworker.services.validation import LONG_TEXT_MAX
from caseworker.storage.database import open_database
from caseworker.storage.key_info import load_key_info
from tests.conftest import Template
from tests.services.contract_builders import grant_all, supported_household, team_lead
from tests.support import FixedClock, InMemoryKeyring

TODAY = date(2026, 6, 15)
EXAMPLES = 25
PARIS = ZoneInfo("Europe/Paris")

# Public methods that take arguments but are not fuzzed, and why.
NOT_FUZZED = {
    "alerts.record_sent": "takes back the OutgoingAlert that prepare_outgoing made (no typed input)",
    "liaison_sheets.record_sent": "takes back the PreparedSheet that prepare made (no typed input)",
    "directory.create_organisation_in": "the session-level helper of create_organisation (fuzzed)",
    "directory.create_staff_in": "the session-level helper of create_staff (fuzzed)",
    "letterhead.letterhead": "takes a session (internal helper), no input",
    "settings.get": "takes a declared Setting, no input",
    "settings.set": "takes a declared Setting and its typed value; the values are checked by Setting itself",
    "setup.complete_first_run": "refused once the first run is done: fuzzed by test_first_run_fuzz",
    "audit.record_database_event": "an AuditAction from the storage layer, no input",
    "audit.record_unlock": "a count from the unlock dialog, no input",
}


# ----------------------------------------------------------------------------------------------- world


@dataclass(frozen=True)
class World:
    """A database with at least one record of every kind, copied for each test."""

    directory: Path
    template: Template


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, template_store: Template) -> Iterator[World]:
    directory = tmp_path_factory.mktemp("fuzz_world") / "data"
    shutil.copytree(template_store.directory, directory)
    previous = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())
    try:
        services, database = _open(directory, template_store)
        try:
            _populate(services)
        finally:
            database.dispose()
    finally:
        keyring.set_keyring(previous)
    yield World(directory, template_store)


def _open(directory: Path, template: Template):  # type: ignore[no-untyped-def]
    paths = DataPaths(directory)
    database = open_database(paths, template.key, load_key_info(paths.key_info_file))
    return build_services(database.engine, FixedClock(TODAY)), database


def _populate(services: Services) -> None:
    """One of everything, through the public API (the fuzzed ids pick among them)."""
    services.setup.complete_first_run(
        FirstRunInput(
            organisation=OrganisationInput(name="Association Le Toit", kind_code="association", territory="Rennes"),
            first_name="Claire",
            last_name="Martin",
            role_code="travailleur_social",
        )
    )
    landlord = services.directory.create_organisation(OrganisationInput(name="Habitat 35", kind_code="bailleur_social"))
    supported = supported_household(services, landlord)
    team_lead(services)
    grant_all(services, supported)
    household = supported.household_id
    services.contacts.record_contact(
        household,
        ContactInput(
            occurred_at=datetime(2026, 6, 10, 9, 30, tzinfo=timezone.utc),
            type_code="visite_domicile",
            outcome_code="rencontre",
        ),
    )
    alert = services.alerts.create(
        AlertInput(
            "impaye",
            household,
            landlord.id,
            datetime(2026, 6, 12, 9, 0, tzinfo=timezone.utc),
            AlertChannel.TELEPHONE,
            description="Deux mois de loyer impayés.",
            amount=Decimal("825.00"),
            partner_contact_id=supported.contact_id,
        )
    )
    services.alerts.add_action(
        alert.id, ActionInput(AlertActionKind.APPEL, datetime(2026, 6, 12, 10, 0, tzinfo=timezone.utc), "Appel")
    )
    services.alerts.create(
        AlertInput(
            "probleme_technique",
            household,
            landlord.id,
            datetime(2026, 6, 14, 9, 0, tzinfo=timezone.utc),
            AlertChannel.COURRIEL,
            description="Fuite d'eau.",
        )
    )
    debt = services.debts.add_debt(household, DebtInput(Decimal("1250.00"), date(2026, 3, 31), creditor_id=landlord.id))
    plan = services.debts.add_plan(
        debt.id, PlanInput(Decimal("52.10"), Decimal("180.00"), date(2026, 4, 1), 24, date(2026, 3, 31))
    )
    services.debts.record_payment(plan.id, PaymentInput(date(2026, 4, 1), Decimal("232.10"), date(2026, 4, 5)))
    procedure = services.procedures.open_procedure(household, ProcedureInput(landlord.id, date(2026, 3, 1)))
    services.procedures.suspend(
        procedure.id, SuspensionInput(SuspensionGround.PLATEFORME, date(2026, 5, 1), date(2026, 8, 31))
    )
    services.procedures.add_stage(procedure.id, _stage(ProcedureStage.RELANCES, date(2026, 4, 1)))
    objectives = services.contracts.draft(DraftRequest("contrat_objectifs", household))
    services.contracts.draft(DraftRequest("protocole_maintien", household))
    content = objectives.latest.content()
    clauses = tuple(
        dataclasses.replace(clause, body=clause.body or "Trouver un logement adapté.") for clause in content.clauses
    )
    ready = services.contracts.update_draft(objectives.latest.id, dataclasses.replace(content, clauses=clauses))
    services.contracts.send_for_signature(ready.latest.id)
    services.episodes.add_objective(
        supported.episode_id, ObjectiveInput("Ouvrir mes droits à l'APL", ObjectiveOwner.MENAGE, "acces_droits")
    )


def _stage(stage: ProcedureStage, on: date):  # type: ignore[no-untyped-def]
    from caseworker.services.prevention import StageInput

    return StageInput(stage, on)


@pytest.fixture
def fuzzed(world: World, tmp_path: Path) -> Iterator[Services]:
    """A fresh copy of the world for one method."""
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
    st.integers(0, 300_000).map(lambda n: "a" * n),
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
        lambda day, minutes, zone: datetime.combine(day, time()).replace(tzinfo=zone) + timedelta(minutes=minutes),
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
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=-1000, max_value=2_000_000, places=2),
    st.decimals(min_value=-1000, max_value=10_000, places=3),
    st.sampled_from(
        [
            Decimal(text)
            for text in ("NaN", "sNaN", "-NaN", "Infinity", "-Infinity", "1e30", "-500", "12.345", "-0", "0")
        ]
    ),
)
NASTY_COUNTS = st.one_of(
    st.integers(-5, 130),
    st.sampled_from([0, -1, 10_000, 2**31, 2**63 - 1, -(2**63), 2**64, 10**30]),
)
NASTY_BYTES = st.one_of(st.binary(max_size=64), st.sampled_from([b"", b"%PDF-1.4\n%\xe2\xe3\n", b"\x00" * 10]))


def _ids(services: Services) -> st.SearchStrategy[int]:
    """Ids that exist in some table (the same small numbers in every table), and ids that do not."""
    with services.context.engine.connect() as connection:
        largest = max(
            (connection.execute(select(table.c.id).order_by(table.c.id.desc()).limit(1)).scalar() or 0)
            for table in Base.metadata.sorted_tables
            if "id" in table.c
        )
    return st.one_of(st.integers(-1, largest + 2), st.sampled_from([0, 99_999, 2**31, 2**63 - 1]))


def _codes(services: Services) -> st.SearchStrategy[str]:
    """Every code of every reference table (some right for the field, most not), and nasty text."""
    codes: set[str] = set()
    with services.context.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if "code" in table.c:
                codes.update(connection.execute(select(table.c.code)).scalars())
    return st.one_of(st.sampled_from(sorted(codes)), NASTY_TEXT)


class Strategies:
    """Builds a strategy for each parameter from its type hint and name."""

    def __init__(self, services: Services) -> None:
        self.ids = _ids(services)
        self.codes = _codes(services)

    def for_type(self, name: str, hint: object) -> st.SearchStrategy[object]:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            options = [self.for_type(name, arg) for arg in args if arg is not type(None)]
            return st.one_of(*options, st.none()) if type(None) in args else st.one_of(*options)
        if origin in (tuple, Sequence, list, Iterable) or (
            origin is not None and origin.__name__ in {"Sequence", "Iterable"}
        ):
            item = self.for_type(name, args[0])
            return st.lists(item, max_size=4).map(tuple if origin is tuple else list)
        if hint is bool:
            return st.booleans()
        if hint is int:
            if name == "limit":  # how many rows a list shows: set by the code, never typed
                return st.integers(0, 1000)
            return self.ids if name == "id" or name.endswith(("_id", "_ids")) else NASTY_COUNTS
        if hint is str:
            return (
                self.codes if name == "code" or name.endswith("_code") or name in {"channel", "level"} else NASTY_TEXT
            )
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
            return st.builds(
                hint, **{field.name: self.for_type(field.name, hints[field.name]) for field in dataclasses.fields(hint)}
            )
        raise NotImplementedError(f"no strategy for {name}: {hint!r}")

    def for_method(self, method: Callable[..., object]) -> st.SearchStrategy[dict[str, object]]:
        hints = typing.get_type_hints(method)
        parameters = [p for p in inspect.signature(method).parameters.values() if p.name != "self"]
        return st.fixed_dictionaries({p.name: self.for_type(p.name, hints[p.name]) for p in parameters})


def input_methods() -> dict[str, Callable[..., object]]:
    """Every public method of every service that takes at least one argument, as "service.method"."""
    found = {}
    for field in dataclasses.fields(Services):
        if field.name == "context":
            continue
        service_class = typing.get_type_hints(Services)[field.name]
        for name, method in inspect.getmembers(service_class, inspect.isfunction):
            if name.startswith("_"):
                continue
            if len(inspect.signature(method).parameters) > 1:
                found[f"{field.name}.{name}"] = method
    return found


FUZZED = sorted(set(input_methods()) - set(NOT_FUZZED))


def test_every_input_method_is_fuzzed() -> None:
    methods = input_methods()
    assert set(NOT_FUZZED) <= set(methods), "NOT_FUZZED names a method that no longer exists"
    assert len(FUZZED) >= 80, "the enumeration of the services' methods found too few"
    # Every fuzzed method's parameters have a strategy (a new parameter type fails here, not silently).
    strategies = Strategies.__new__(Strategies)
    strategies.ids = st.just(1)
    strategies.codes = st.just("x")
    for name in FUZZED:
        strategies.for_method(methods[name])


# -------------------------------------------------------------------------------------------- the rules


def stored_rule_breaches(services: Services) -> list[str]:
    """Rows that break a rule: what no service should ever have let in (empty when all is well)."""
    first, last = accepted_span(TODAY)
    breaches = []
    with services.context.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = [
                c for c in table.c if isinstance(c.type, (Date, DateTime, String, Text)) or c.name.endswith("_cents")
            ]
            if not columns:
                continue
            for row in connection.execute(select(*columns)):
                for column, value in zip(columns, row, strict=True):
                    problem = _breach(column.name, value, first, last)
                    if problem:
                        breaches.append(f"{table.name}.{column.name}: {problem} ({str(value)[:60]!r})")
    return breaches


def _breach(name: str, value: object, first: date, last: date) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return None if first <= value <= last else "date outside the accepted span"
    if name.endswith("_cents"):
        assert isinstance(value, int)
        return None if 0 <= value <= 100_000_000 else "amount outside the money rule"
    if isinstance(value, str):
        if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
            return "control character"
        if any(ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" for ch in value):
            return "direction override"
        if not unicodedata.is_normalized("NFC", value):
            return "not NFC"
        if len(value) > LONG_TEXT_MAX and name not in {"body", "content_text"}:
            return "longer than any text rule"
    return None


def test_the_world_follows_the_rules(fuzzed: Services) -> None:
    assert stored_rule_breaches(fuzzed) == []


# ------------------------------------------------------------------------------------------- the fuzzing


@pytest.mark.parametrize("name", FUZZED)
def test_random_input_is_refused_or_stored_valid(fuzzed: Services, name: str) -> None:
    service_name, method_name = name.split(".")
    service = getattr(fuzzed, service_name)
    method = getattr(service, method_name)
    strategy = Strategies(fuzzed).for_method(getattr(type(service), method_name))

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.large_base_example,
        ],
    )
    @given(strategy)
    def call(arguments: dict[str, object]) -> None:
        try:
            method(**arguments)
        except KnownError:
            pass
        assert stored_rule_breaches(fuzzed) == []

    call()
