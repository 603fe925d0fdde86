"""Funders' profiles: what each funder receives, edited by the team lead without a release (docs/domain.md §13).

A profile names the measures whose supports it counts, the threshold of its statistical secret, and optionally the
indicators it asks for (none: every indicator). Two people editing one profile: the second save is refused, nothing
typed is lost (docs/domain.md §9.4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.exports.compute import INDICATORS
from caseworker.exports.costs import QUANTITY_SOURCES
from caseworker.formats import amount_problem, amount_to_cents, cents_to_amount
from caseworker.models import AvoidedCostLine, Funder, FunderProfile, Measure
from caseworker.services import audit
from caseworker.services.access_policy import require_exporter
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ConcurrentChangeError, NotFoundError
from caseworker.services.validation import LABEL_MAX, NAME_MAX, PARAGRAPH_MAX, Problems

SMALLEST_THRESHOLD = 3
LARGEST_THRESHOLD = 20
"""The threshold of the secret a profile may set: below 3 a count of 1 or 2 shows; above 20 little is left."""

MAX_BUDGET = Decimal("100000000")
"""A yearly budget above a hundred million euros is a typing error for an association's measures."""
MAX_UNIT_COST = Decimal("1000000")
MAX_QUANTITY = 10_000_000
MAX_COST_LINES = 20


@dataclass(frozen=True)
class AvoidedCostInput:
    """A line of the avoided-cost worksheet: what is avoided, its unit cost in euros, where its quantity comes from.

    ``source`` is a key of :func:`ProfileService.quantity_choices`, or "" for ``quantity`` as typed; ``assumption``
    is printed with the line.
    """

    label: str
    unit_cost: Decimal
    source: str = ""
    quantity: int | None = None
    assumption: str = ""


@dataclass(frozen=True)
class ProfileView:
    """A funder's profile as the export page lists it (``indicator_keys`` empty: every indicator)."""

    code: str
    label: str
    measure_codes: tuple[str, ...]
    threshold: int
    indicator_keys: tuple[str, ...] = ()
    row_version: int = 1
    funder_code: str = ""
    annual_budget: Decimal | None = None
    avoided_costs: tuple[AvoidedCostInput, ...] = ()


@dataclass(frozen=True)
class ProfileInput:
    """A profile as typed: its name, measures, threshold and indicators (none: all), and its funding.

    ``funder_code`` is the funder whose share it reports ("" : every household-day whole), ``annual_budget`` its
    yearly budget in euros (None: not stated), ``avoided_costs`` its avoided-cost worksheet.
    """

    label: str
    measure_codes: tuple[str, ...]
    threshold: int = 5
    indicator_keys: tuple[str, ...] = ()
    funder_code: str = ""
    annual_budget: Decimal | None = None
    avoided_costs: tuple[AvoidedCostInput, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Choice:
    """A measure or an indicator a profile may name: its code and its French name."""

    code: str
    label: str


def profile_view(session: Session, profile: FunderProfile) -> ProfileView:
    """The view of a stored profile."""
    funder = session.get(Funder, profile.funder_id) if profile.funder_id is not None else None
    lines = session.scalars(
        select(AvoidedCostLine)
        .where(AvoidedCostLine.profile_id == profile.id)
        .order_by(AvoidedCostLine.sort_order, AvoidedCostLine.id)
    )
    return ProfileView(
        profile.code,
        profile.label,
        tuple(profile.measure_codes.split()),
        profile.threshold,
        tuple(profile.indicator_keys.split()),
        profile.row_version,
        funder.code if funder is not None else "",
        cents_to_amount(profile.annual_budget_cents),
        tuple(
            AvoidedCostInput(
                line.label,
                cents_to_amount(line.unit_cost_cents) or Decimal(0),
                line.quantity_source,
                line.quantity,
                line.assumption,
            )
            for line in lines
        ),
    )


def stored_profile(session: Session, code: str) -> FunderProfile:
    """The active profile ``code``, or a French "not found"."""
    profile = session.scalar(select(FunderProfile).where(FunderProfile.code == code))
    if profile is None or not profile.active:
        raise NotFoundError(f"Profil d'export inconnu : « {code[:40]} ».")
    return profile


class ProfileService:
    """Lists the funders' profiles and what they may name; the team lead edits them."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def profiles(self) -> list[ProfileView]:
        """The active profiles, in their order."""
        with self._ctx.read() as session:
            rows = session.scalars(
                select(FunderProfile)
                .where(FunderProfile.active.is_(True))
                .order_by(FunderProfile.sort_order, FunderProfile.label)
            )
            return [profile_view(session, row) for row in rows]

    def measure_choices(self) -> list[Choice]:
        """Every measure of the catalogue, active or not (a profile may count a measure no longer offered)."""
        with self._ctx.read() as session:
            rows = session.execute(select(Measure.code, Measure.name).order_by(Measure.sort_order, Measure.name))
            return [Choice(code, name) for code, name in rows]

    def indicator_choices(self) -> list[Choice]:
        """Every indicator a profile may ask for, in the export's order."""
        return [Choice(key, label) for key, label in INDICATORS.items()]

    def funder_choices(self) -> list[Choice]:
        """The active funders a profile may report the share of."""
        with self._ctx.read() as session:
            query = select(Funder.code, Funder.label).where(Funder.active.is_(True))
            return [Choice(code, label) for code, label in session.execute(query.order_by(Funder.sort_order))]

    def quantity_choices(self) -> list[Choice]:
        """The export's figures an avoided-cost line may read its quantity from."""
        return [Choice(key, source.label) for key, source in QUANTITY_SOURCES.items()]

    def update_profile(self, code: str, data: ProfileInput, *, expected_version: int) -> ProfileView:
        """Save a profile's name, measures, threshold and indicators (the team lead only)."""
        problems = Problems()
        label = problems.text("label", data.label, label="Nom du profil", max_length=NAME_MAX * 2, required=True)
        if not SMALLEST_THRESHOLD <= data.threshold <= LARGEST_THRESHOLD:
            problems.add(
                "threshold",
                f"Seuil du secret statistique : entre {SMALLEST_THRESHOLD} et {LARGEST_THRESHOLD}.",
            )
        unknown = [key for key in data.indicator_keys if key not in INDICATORS]
        if unknown:
            problems.add("indicator_keys", "Indicateurs : choisissez-les dans la liste.")
        budget_cents = _budget(problems, data.annual_budget)
        lines = _cost_lines(problems, data.avoided_costs)
        with self._ctx.transaction() as session:
            require_exporter(session, self._ctx.actor.staff_member_id)
            profile = stored_profile(session, code)
            funder = session.scalar(select(Funder).where(Funder.code == data.funder_code)) if data.funder_code else None
            if data.funder_code and (funder is None or not funder.active):
                problems.add("funder_code", "Financeur : choisissez-le dans la liste.")
            known = set(session.scalars(select(Measure.code)))
            if not data.measure_codes:
                problems.add("measure_codes", "Mesures : choisissez au moins une mesure.")
            elif any(measure not in known for measure in data.measure_codes):
                problems.add("measure_codes", "Mesures : choisissez-les dans le catalogue.")
            problems.raise_if_any()
            claimed = session.execute(
                update(FunderProfile)
                .where(FunderProfile.id == profile.id, FunderProfile.row_version == expected_version)
                .values(
                    label=label,
                    measure_codes=" ".join(dict.fromkeys(data.measure_codes)),
                    threshold=data.threshold,
                    indicator_keys=" ".join(dict.fromkeys(data.indicator_keys)),
                    funder_id=funder.id if funder is not None else None,
                    annual_budget_cents=budget_cents,
                    row_version=FunderProfile.row_version + 1,
                )
                .execution_options(synchronize_session="fetch")
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                raise ConcurrentChangeError(
                    "Ce profil a été modifié par une autre personne pendant que vous le modifiiez. Vos saisies sont "
                    "conservées : fermez cette fenêtre pour voir la nouvelle version, puis recommencez."
                )
            session.execute(delete(AvoidedCostLine).where(AvoidedCostLine.profile_id == profile.id))
            for order, line in enumerate(lines):
                line.profile_id = profile.id
                line.sort_order = order
                session.add(line)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "funder_profile",
                profile.id,
                fields=[
                    "label",
                    "measure_codes",
                    "threshold",
                    "indicator_keys",
                    "funding",
                    "annual_budget_cents",
                    "avoided_costs",
                ],
            )
            session.refresh(profile)
            return profile_view(session, profile)


def _budget(problems: Problems, budget: Decimal | None) -> int | None:
    """The yearly budget in cents (None: not stated), or None with a French message."""
    if budget is None:
        return None
    problem = amount_problem(_decimal(budget), maximum=MAX_BUDGET, allow_zero=False)
    if problem is not None:
        problems.add("annual_budget", f"Budget annuel : {problem}.")
        return None
    return amount_to_cents(_decimal(budget))


def _decimal(value: object) -> Decimal:
    """A number typed anywhere as a Decimal (NaN for what is not one, which every check refuses)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | str) and not isinstance(value, bool):
        try:
            return Decimal(value)
        except ArithmeticError:
            return Decimal("NaN")
    return Decimal("NaN")


def _cost_lines(problems: Problems, lines: Sequence[AvoidedCostInput]) -> list[AvoidedCostLine]:
    """The worksheet's lines checked, as rows to store (unsaved); problems under ``avoided_costs``."""
    if len(lines) > MAX_COST_LINES:
        problems.add("avoided_costs", f"Coûts évités : {MAX_COST_LINES} lignes au plus.")
        return []
    rows = []
    for index, line in enumerate(lines):
        where = f"Coûts évités, ligne {index + 1}"
        label = problems.text(
            "avoided_costs", line.label, label=f"{where}, intitulé", max_length=LABEL_MAX, required=True
        )
        assumption = problems.text(
            "avoided_costs", line.assumption, label=f"{where}, hypothèse", max_length=PARAGRAPH_MAX, multiline=True
        )
        cost = _decimal(line.unit_cost)
        problem = amount_problem(cost, maximum=MAX_UNIT_COST, allow_zero=False)
        if problem is not None:
            problems.add("avoided_costs", f"{where}, coût unitaire : {problem}.")
            continue
        quantity = line.quantity
        if line.source and line.source not in QUANTITY_SOURCES:
            problems.add("avoided_costs", f"{where} : choisissez la source de la quantité dans la liste.")
            continue
        if not line.source:
            if not isinstance(quantity, int) or isinstance(quantity, bool) or not 0 <= quantity <= MAX_QUANTITY:
                largest = f"{MAX_QUANTITY:,}".replace(",", "\u202f")
                problems.add("avoided_costs", f"{where} : indiquez une quantité entre 0 et {largest}.")
                continue
        else:
            quantity = None
        rows.append(
            AvoidedCostLine(
                label=label,
                unit_cost_cents=amount_to_cents(cost),
                quantity_source=line.source,
                quantity=quantity,
                assumption=assumption,
            )
        )
    return rows
