"""The qualitative export: exit narratives checked, ticked one by one by the team lead, written and logged (§13, F68).

:meth:`NarrativeExportService.review` lists the narratives of the exits of a profile's period with what the check
of :mod:`caseworker.exports.narratives` found in each (the terms matched included: the team lead is entitled to the
record). :meth:`NarrativeExportService.export` writes only the narratives the team lead ticked, each checked again
and compared with the text the team lead read — a narrative edited since, or one that no longer passes, stops the
export before anything is written. Nothing leaves by default. The file is logged as an
:class:`~caseworker.models.ExportRun` with an audit event carrying its SHA-256, as the figures are.
:meth:`NarrativeExportService.reformulate` lets the team lead reword a narrative the check withheld (audited).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.domain.narratives import FINDING_LABELS, FindingKind
from caseworker.exports.facts import ExportScope
from caseworker.exports.narrative_export import (
    ExitNarrative,
    NarrativeDocument,
    exit_narratives,
    publication_order,
    quarter_of,
    text_digest,
)
from caseworker.exports.narratives import NarrativeCheck
from caseworker.exports.secrecy import Cancelled as ExportCancelled
from caseworker.exports.support_figures import length_band
from caseworker.models import Episode, ExitRecord, ExportRun, Funder, FunderProfile
from caseworker.services import audit
from caseworker.services.access_policy import require_exporter
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ConcurrentChangeError, NotFoundError, TransitionError
from caseworker.services.exports.household_records import household_records
from caseworker.services.exports.profiles import stored_profile
from caseworker.services.exports.service import (
    ExportRequest,
    check_request,
    measure_codes_of,
    measure_names,
    written_beside,
)
from caseworker.services.identity import household_reference
from caseworker.services.validation import LONG_TEXT_MAX, Problems

NOTHING_TICKED = "Cochez au moins un récit relu : aucun récit ne part sans l'accord du chef de service."
CHANGED_SINCE = (
    "Un récit coché a changé ou n'est plus dans la période depuis votre relecture : relancez la vérification et "
    "relisez-le avant d'exporter. Rien n'a été écrit."
)
CHANGED_SINCE_READ = (
    "Ce récit a été modifié depuis que vous l'avez lu : relancez la vérification pour lire la nouvelle version. "
    "Rien n'a été enregistré."
)
FAILS_NOW = (
    "Un récit coché ne passe plus la vérification (nom, adresse, numéro ou date du dossier) : il est à reformuler. "
    "Rien n'a été écrit."
)


class NarrativeFormat(str, Enum):
    """The files the qualitative export can be written as."""

    PDF = "pdf"
    CSV = "csv"


@dataclass(frozen=True)
class FindingView:
    """One thing a narrative may not carry: why (in French), the words found, and where (``text[start:end]``)."""

    kind: FindingKind
    label: str
    term: str
    start: int
    end: int


@dataclass(frozen=True)
class NarrativeView:
    """A narrative as the team lead reviews it: what would leave with it, and what the check found.

    ``household_number`` lets the team lead find the file of a narrative to reformulate; it never leaves.
    ``digest`` is what the team lead read: the export compares it with the text of the day.
    """

    exit_id: int
    household_number: str
    quarter: str
    reason: str
    length_band: str
    text: str
    digest: str
    findings: tuple[FindingView, ...]

    @property
    def passes(self) -> bool:
        """Whether the check found nothing: the team lead may tick it."""
        return not self.findings


@dataclass(frozen=True)
class NarrativeReview:
    """The narratives of the exits of the period, those that pass and those to reformulate."""

    profile_label: str
    narratives: tuple[NarrativeView, ...]

    @property
    def passing(self) -> tuple[NarrativeView, ...]:
        """The narratives the team lead may tick."""
        return tuple(item for item in self.narratives if item.passes)

    @property
    def to_reformulate(self) -> tuple[NarrativeView, ...]:
        """The narratives never exported as written (« à reformuler »)."""
        return tuple(item for item in self.narratives if not item.passes)


@dataclass(frozen=True)
class ApprovedNarrative:
    """A narrative the team lead ticked, as read (the export refuses it if its text changed since)."""

    exit_id: int
    digest: str


@dataclass(frozen=True)
class NarrativeExportResult:
    """A file written: where, its hash, how many narratives it holds, and its line in the export log."""

    path: Path
    sha256: str
    narratives: int
    run_id: int


def _never() -> bool:
    return False


class NarrativeExportService:
    """Reviews the exit narratives of a funder's period, then writes and logs those the team lead ticked."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def review(self, request: ExportRequest, *, cancelled: Callable[[], bool] = _never) -> NarrativeReview:
        """The narratives of the exits of ``request``'s period, each with what the check found (nothing written).

        ``cancelled`` is asked between narratives (a year of a large service: thousands) and stops the reading with
        :class:`~caseworker.exports.secrecy.Cancelled`.
        """
        self._check(request)
        with self._ctx.read() as session:
            require_exporter(session, self._ctx.actor.staff_member_id)
            profile = stored_profile(session, request.profile_code)
            checked = _checked(session, _scope(profile, request), profile, cancelled)
            label = profile.label
        return NarrativeReview(label, tuple(_view(narrative, findings) for narrative, findings in checked))

    def export(
        self,
        request: ExportRequest,
        approved: Iterable[ApprovedNarrative],
        output_format: NarrativeFormat,
        path: Path,
    ) -> NarrativeExportResult:
        """Write the ticked narratives at ``path``, checked again, then log the run; return what was written.

        Refused before anything is written when nothing is ticked, or when a ticked narrative changed since it was
        read, left the period, or no longer passes the check. The file is written beside its destination and moved
        into place once its log is written, as the figures are.
        """
        self._check(request)
        wanted = {item.exit_id: item.digest for item in approved}
        if not wanted:
            raise TransitionError(NOTHING_TICKED)
        with self._ctx.read() as session:
            require_exporter(session, self._ctx.actor.staff_member_id)
            profile = stored_profile(session, request.profile_code)
            checked = {
                narrative.exit_id: (narrative, findings)
                for narrative, findings in _checked(session, _scope(profile, request), profile)
            }
            measures = measure_names(session, profile)
            label = profile.label
        chosen = []
        for exit_id, digest in wanted.items():
            narrative, findings = checked.get(exit_id, (None, ()))
            if narrative is None or narrative.digest != digest:
                raise ConcurrentChangeError(CHANGED_SINCE)
            if findings:
                raise TransitionError(FAILS_NOW)
            chosen.append(narrative)
        document = NarrativeDocument(
            profile_label=label,
            measures=measures,
            period_start=request.period_start,
            period_end=request.period_end,
            narratives=tuple(narrative.published() for narrative in sorted(chosen, key=publication_order)),
        )
        data = render_narratives(document, output_format)
        return self._written(request, output_format, path, data, chosen)

    def reformulate(self, exit_id: int, text: str, *, expected_digest: str) -> NarrativeView:
        """Replace an exit's narrative by ``text`` (the team lead rewording it), audited; return it checked again.

        ``expected_digest`` is the digest of the narrative the team lead read: a narrative edited meanwhile is not
        overwritten. The new text is checked like any other, and ticked like any other before it leaves.
        """
        problems = Problems()
        narrative = problems.text("narrative", text, label="Récit", max_length=LONG_TEXT_MAX, multiline=True)
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            require_exporter(session, self._ctx.actor.staff_member_id)
            record = session.get(ExitRecord, exit_id)
            if record is None:
                raise NotFoundError("Cette sortie est introuvable.")
            read = record.narrative
            if text_digest(read.strip()) != expected_digest:
                raise ConcurrentChangeError(CHANGED_SINCE_READ)
            # Only over the text read: two team leads rewording at once, the second is refused (on the server the
            # update waits for the first and finds the text changed); the episode moves to its next version.
            claimed = session.execute(
                update(ExitRecord)
                .where(ExitRecord.id == exit_id, ExitRecord.narrative == read)
                .values(narrative=narrative)
                .execution_options(synchronize_session="fetch")
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                raise ConcurrentChangeError(CHANGED_SINCE_READ)
            episode = record.episode
            session.execute(update(Episode).where(Episode.id == episode.id).values(row_version=Episode.row_version + 1))
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "exit_record",
                record.id,
                household_id=episode.household_id,
                fields=["narrative"],
            )
            assert episode.start_date is not None and episode.end_date is not None  # an exit record ends a support
            reformulated = ExitNarrative(
                exit_id=record.id,
                household_id=episode.household_id,
                quarter=quarter_of(episode.end_date),
                reason=record.reason.label,
                length_band=length_band(episode.start_date, episode.end_date),
                text=narrative.strip(),
            )
            check = NarrativeCheck(household_records(session, {episode.household_id})[episode.household_id])
            findings = _finding_views(check, reformulated.text)
        return _view(reformulated, findings)

    def _check(self, request: ExportRequest) -> None:
        problems = Problems()
        check_request(problems, request, self._ctx.clock.today())
        problems.raise_if_any()

    def _written(
        self,
        request: ExportRequest,
        output_format: NarrativeFormat,
        path: Path,
        data: bytes,
        chosen: Sequence[ExitNarrative],
    ) -> NarrativeExportResult:
        """Place ``data`` at ``path`` and log it (no file without its line in the log, no line without its file)."""
        temporary = written_beside(path, data)
        placed = False
        digest = hashlib.sha256(data).hexdigest()
        try:
            with self._ctx.transaction() as session:
                profile = stored_profile(session, request.profile_code)
                run = ExportRun(
                    at=self._ctx.clock.now(),
                    staff_member_id=self._ctx.actor.staff_member_id,
                    profile_code=profile.code,
                    profile_label=profile.label,
                    measure_codes=" ".join(measure_codes_of(profile)),
                    period_start=request.period_start,
                    period_end=request.period_end,
                    as_of=request.period_end,
                    threshold=profile.threshold,
                    output_format=output_format.value,
                    output_sha256=digest,
                    primary_hidden=0,
                    secondary_hidden=0,
                )
                session.add(run)
                session.flush()
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.EXPORT,
                    "export_run",
                    run.id,
                    fields=["content=narratives", f"format={output_format.value}", f"sha256={digest}"],
                )
                for narrative in chosen:  # each household's history says its words went to a funder (§8.4)
                    audit.record(
                        session,
                        self._ctx,
                        AuditAction.EXPORT,
                        "exit_record",
                        narrative.exit_id,
                        household_id=narrative.household_id,
                        fields=[f"export_run={run.id}", "narrative"],
                    )
                session.flush()
                temporary.replace(path)
                placed = True
                result = NarrativeExportResult(path, digest, len(chosen), run.id)
        except BaseException:
            (path if placed else temporary).unlink(missing_ok=True)
            raise
        return result


def render_narratives(document: NarrativeDocument, output_format: NarrativeFormat) -> bytes:
    """The bytes of ``document`` in ``output_format`` (ReportLab loads with the first PDF)."""
    from caseworker.exports.writers import narratives

    if output_format is NarrativeFormat.PDF:
        return narratives.write_narratives_pdf(document)
    return narratives.write_narratives_csv(document)


def _scope(profile: FunderProfile, request: ExportRequest) -> ExportScope:
    return ExportScope(measure_codes_of(profile), request.period_start, request.period_end, request.period_end)


def _checked(
    session: Session, scope: ExportScope, profile: FunderProfile, cancelled: Callable[[], bool] = _never
) -> list[tuple[ExitNarrative, tuple[FindingView, ...]]]:
    """Each narrative of the scope (the profile's funder's, described as its threshold allows) and its findings."""
    funder = session.get(Funder, profile.funder_id) if profile.funder_id is not None else None
    narratives = exit_narratives(
        session, scope, threshold=profile.threshold, funder_code=funder.code if funder is not None else ""
    )
    records = household_records(session, {narrative.household_id for narrative in narratives})
    checks = {household_id: NarrativeCheck(record) for household_id, record in records.items()}
    checked = []
    for number, narrative in enumerate(narratives):
        if number % 50 == 0 and cancelled():
            raise ExportCancelled
        checked.append((narrative, _finding_views(checks[narrative.household_id], narrative.text)))
    return checked


def _finding_views(check: NarrativeCheck, text: str) -> tuple[FindingView, ...]:
    return tuple(
        FindingView(item.kind, FINDING_LABELS[item.kind], item.term, item.start, item.end)
        for item in check.findings(text)
    )


def _view(narrative: ExitNarrative, findings: tuple[FindingView, ...]) -> NarrativeView:
    return NarrativeView(
        exit_id=narrative.exit_id,
        household_number=household_reference(narrative.household_id),
        quarter=narrative.quarter,
        reason=narrative.reason,
        length_band=narrative.length_band,
        text=narrative.text,
        digest=narrative.digest,
        findings=findings,
    )
