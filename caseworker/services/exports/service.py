"""Funder exports: a profile and a period in, protected figures out — previewed, or written and logged (§13).

:class:`ExportService` computes every indicator of the profile's measures in one read transaction
(:mod:`caseworker.exports.compute`), puts them through disclosure control (:mod:`caseworker.exports.protection`)
and either returns them for the preview or renders them (XLSX, CSV, PDF, JSON) and writes the file where the person
chose. Each file written is logged as an :class:`~caseworker.models.ExportRun` (who, when, the parameters, the
SHA-256 of the bytes) with an audit event that carries the same hash, so the chained audit log vouches for it. The
same data and parameters give the same bytes.

Only someone who sees every household (a team lead) exports: anyone else's figures would be partial.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.exports.compute import Progress, compute_report
from caseworker.exports.protection import STATISTIC_GROUPS, protect_report
from caseworker.exports.report import CostAssumption, ExportParameters, ProtectedReport, Report
from caseworker.models import AvoidedCostLine, ExportRun, Funder, FunderProfile, Measure
from caseworker.services import audit
from caseworker.services.access_policy import require_exporter
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import TransitionError
from caseworker.services.exports.profiles import stored_profile
from caseworker.services.validation import Problems

MAX_PERIOD_DAYS = 366 * 5
"""A period longer than five years is a typing error (a report covers a year, sometimes a convention's term)."""


class ExportFormat(str, Enum):
    """The files an export can be written as."""

    XLSX = "xlsx"
    CSV = "csv"
    PDF = "pdf"
    JSON = "json"


@dataclass(frozen=True)
class ExportRequest:
    """Which profile, over which period (both ends included), with stocks taken on ``as_of`` (default: the end)."""

    profile_code: str
    period_start: date
    period_end: date
    as_of: date | None = None


@dataclass(frozen=True)
class ExportResult:
    """A file written: where, its hash, and how many cells were hidden."""

    path: Path
    sha256: str
    primary_hidden: int
    secondary_hidden: int
    run_id: int


def _never() -> bool:
    return False


class ExportService:
    """Lists the funders' profiles, previews an export, writes and logs it."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def refusal(self) -> str:
        """Why the person working may not export ("" when they may): said beside the greyed-out buttons."""
        with self._ctx.read() as session:
            try:
                require_exporter(session, self._ctx.actor.staff_member_id)
            except TransitionError as exc:
                return exc.user_message
        return ""

    def preview(
        self, request: ExportRequest, *, progress: Progress | None = None, cancelled: Callable[[], bool] = _never
    ) -> ProtectedReport:
        """Compute and protect the figures of ``request`` (nothing written, nothing logged: no file leaves)."""
        problems = Problems()
        check_request(problems, request, self._ctx.clock.today())
        problems.raise_if_any()
        with self._ctx.read() as session:
            require_exporter(session, self._ctx.actor.staff_member_id)
            profile = stored_profile(session, request.profile_code)
            funder = session.get(Funder, profile.funder_id) if profile.funder_id is not None else None
            parameters = ExportParameters(
                profile_code=profile.code,
                profile_label=profile.label,
                measures=measure_names(session, profile),
                period_start=request.period_start,
                period_end=request.period_end,
                as_of=request.as_of or request.period_end,
                threshold=profile.threshold,
                funder_code=funder.code if funder is not None else "",
                funder_label=funder.label if funder is not None else "",
                annual_budget_cents=profile.annual_budget_cents,
                avoided_costs=_avoided_costs(session, profile),
            )
            report = compute_report(
                session, parameters, measure_codes_of(profile), progress=progress, cancelled=cancelled
            )
            wanted = frozenset(profile.indicator_keys.split())
        return protect_report(_only(report, wanted) if wanted else report, cancelled=cancelled)

    def export(
        self,
        request: ExportRequest,
        output_format: ExportFormat,
        path: Path,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = _never,
    ) -> ExportResult:
        """Compute, protect, render and write the file at ``path``, then log the run; return what was written.

        The file is written next to its destination then moved into place: a failure leaves no half-written file
        (and logs nothing). The run is logged once the file is in place.
        """
        protected = self.preview(request, progress=progress, cancelled=cancelled)
        data = render(protected, output_format)
        temporary = written_beside(path, data)
        placed = False
        digest = hashlib.sha256(data).hexdigest()
        parameters = protected.parameters
        try:
            with self._ctx.transaction() as session:
                run = ExportRun(
                    at=self._ctx.clock.now(),
                    staff_member_id=self._ctx.actor.staff_member_id,
                    profile_code=parameters.profile_code,
                    profile_label=parameters.profile_label,
                    measure_codes=" ".join(measure_codes_of(stored_profile(session, parameters.profile_code))),
                    period_start=parameters.period_start,
                    period_end=parameters.period_end,
                    as_of=parameters.as_of,
                    threshold=parameters.threshold,
                    output_format=output_format.value,
                    output_sha256=digest,
                    primary_hidden=protected.primary_hidden,
                    secondary_hidden=protected.secondary_hidden,
                )
                session.add(run)
                session.flush()
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.EXPORT,
                    "export_run",
                    run.id,
                    fields=[f"format={output_format.value}", f"sha256={digest}", *_funding_fields(parameters)],
                )
                session.flush()
                # In place once the log is written, and taken back if the log is not committed: no file leaves
                # without its line in the log, and no line names a file that was not written.
                temporary.replace(path)
                placed = True
                result = ExportResult(path, digest, protected.primary_hidden, protected.secondary_hidden, run.id)
        except BaseException:
            (path if placed else temporary).unlink(missing_ok=True)
            raise
        return result


def _only(report: Report, keys: frozenset[str]) -> Report:
    """The indicators a profile asks for (by key).

    A rate keeps the table it is read from, a statistic the table counting its households, and the avoided-cost
    worksheet (the profile's own) the tables and statistics its lines are read from: without them, the secrecy
    could not tell whether they may be shown.
    """
    statistics_wanted = set(keys) | {line.statistic for line in report.cost_lines if line.statistic}
    for statistic in report.statistics:
        group = statistic.group or STATISTIC_GROUPS.get(statistic.key)
        if statistic.key in statistics_wanted and group is not None:
            statistics_wanted.add(group[0])
    rates = tuple(rate for rate in report.rates if rate.key in keys)
    tables = frozenset(
        statistics_wanted
        | {rate.table_key for rate in rates if rate.table_key}
        | {figure[0] for line in report.cost_lines for figure in line.figures}
    )
    return replace(
        report,
        tables=tuple(table for table in report.tables if table.key in tables),
        rates=rates,
        statistics=tuple(statistic for statistic in report.statistics if statistic.key in statistics_wanted),
    )


def render(report: ProtectedReport, output_format: ExportFormat) -> bytes:
    """The bytes of ``report`` in ``output_format``."""
    from caseworker.exports import writers

    return {
        ExportFormat.XLSX: writers.write_xlsx,
        ExportFormat.CSV: writers.write_csv,
        ExportFormat.PDF: writers.write_pdf,
        ExportFormat.JSON: writers.write_json,
    }[output_format](report)


def written_beside(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path`` (moved into place by the caller); return it."""
    handle, temporary = tempfile.mkstemp(prefix=".caseworker-export-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def check_request(problems: Problems, request: ExportRequest, today: date) -> None:
    """Add to ``problems`` what is wrong with the request's period (the figures' and the narratives' alike)."""
    problems.date("period_start", request.period_start, kind=DateKind.EVENT, label="Début de la période", today=today)
    # A stock is taken on a day lived: neither the period's end nor the état au is in the future.
    problems.date("period_end", request.period_end, kind=DateKind.EVENT, label="Fin de la période", today=today)
    problems.date("as_of", request.as_of, kind=DateKind.EVENT, label="Date de l'état", today=today)
    problems.ordered(
        "period_end",
        request.period_start,
        request.period_end,
        start_label="Le début de la période",
        end_label="La fin de la période",
    )
    if (request.period_end - request.period_start).days > MAX_PERIOD_DAYS:
        problems.add("period_end", "La période d'un export ne dépasse pas cinq ans.")
    if request.as_of is not None and request.as_of < request.period_start:
        problems.add("as_of", "La date de l'état ne peut pas précéder le début de la période.")


def measure_codes_of(profile: FunderProfile) -> tuple[str, ...]:
    """The codes of the measures the profile counts."""
    return tuple(profile.measure_codes.split())


def _funding_fields(parameters: ExportParameters) -> list[str]:
    """What of the profile, beyond the logged columns, changed the figures: its funder, budget and worksheet.

    The profile may be edited later: the audit event keeps what this file was computed with (the worksheet as the
    SHA-256 of its lines).
    """
    worksheet = hashlib.sha256(repr(parameters.avoided_costs).encode()).hexdigest()
    budget = "" if parameters.annual_budget_cents is None else str(parameters.annual_budget_cents)
    return [f"funder={parameters.funder_code}", f"budget_cents={budget}", f"avoided_costs_sha256={worksheet}"]


def _avoided_costs(session: Session, profile: FunderProfile) -> tuple[CostAssumption, ...]:
    rows = session.scalars(
        select(AvoidedCostLine)
        .where(AvoidedCostLine.profile_id == profile.id)
        .order_by(AvoidedCostLine.sort_order, AvoidedCostLine.id)
    )
    return tuple(
        CostAssumption(row.label, row.unit_cost_cents, row.quantity_source, row.quantity, row.assumption)
        for row in rows
    )


def measure_names(session: Session, profile: FunderProfile) -> tuple[str, ...]:
    """The names of the measures the profile counts, in alphabetical order (as a report prints them)."""
    names = session.scalars(
        select(Measure.name).where(Measure.code.in_(measure_codes_of(profile))).order_by(Measure.name)
    )
    return tuple(names)
