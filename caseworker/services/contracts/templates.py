"""Contract kinds and their clause templates: versioned reference data an administrator edits in Paramètres.

Saving a template adds a version; contracts remember the version they were drafted from, and older versions stay
readable. What a clause may say (its placeholders) is in :mod:`.clauses`; how a new clause gets its internal code
is :func:`clause_code_for`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import AuditAction, Party
from caseworker.models import ContractKind, ContractTemplate, ContractTemplateClause
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.contracts.clauses import COMMITMENT_CODES, ClauseInput, check_clauses
from caseworker.services.errors import NotFoundError
from caseworker.services.search_text import fold
from caseworker.services.validation import PARAGRAPH_MAX, Problems

NOTE_MAX = PARAGRAPH_MAX
CLAUSE_CODE_MAX = 64  # what ``clauses.CLAUSE_CODE`` accepts


def clause_code_for(title: str, taken: Collection[str]) -> str:
    """Return a stable internal code for a new clause titled ``title``, different from every code in ``taken``.

    The code is what the service and the contracts key a clause by (lowercase ASCII letters, digits and
    underscores, starting with a letter, as ``clauses.CLAUSE_CODE`` requires): "Animaux de compagnie" becomes
    ``animaux_de_compagnie``, and a second one ``animaux_de_compagnie_2``. Accents and ligatures fold as in a
    search (``search_text.fold``: "Sœur" → ``soeur``); what is left outside ASCII is dropped.
    """
    folded = fold(title).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "_", folded).strip("_")
    if not base[:1].isalpha():
        base = f"clause_{base}".rstrip("_")
    base = base[: CLAUSE_CODE_MAX - 4].rstrip("_")
    code, number = base, 2
    while code in taken:
        suffix = f"_{number}"
        code = base[: CLAUSE_CODE_MAX - len(suffix)] + suffix
        number += 1
    return code


@dataclass(frozen=True)
class ContractKindView:
    """A kind of contract and what it involves."""

    id: int
    code: str
    label: str
    description: str
    signing_parties: tuple[Party, ...]
    with_household: bool
    landlord_facing: bool
    with_debt: bool
    with_alert_rules: bool
    default_term_months: int | None
    nature_notice: str


@dataclass(frozen=True)
class TemplateClauseView:
    """A clause of a template."""

    code: str
    title: str
    body: str
    required: bool

    @property
    def is_commitment_list(self) -> bool:
        """Tell whether the clause lists a party's default commitments (one per line) instead of a text."""
        return self.code in COMMITMENT_CODES


@dataclass(frozen=True)
class TemplateView:
    """One version of a kind's template."""

    id: int
    kind_code: str
    version: int
    note: str
    created_at: datetime
    clauses: tuple[TemplateClauseView, ...]


class ContractTemplateService:
    """Reads contract kinds and templates; saves a template as a new version."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def kinds(self) -> list[ContractKindView]:
        """Return the active contract kinds, in display order."""
        with self._ctx.read() as session:
            rows = session.scalars(
                select(ContractKind).where(ContractKind.active).order_by(ContractKind.sort_order, ContractKind.id)
            )
            return [kind_view(kind) for kind in rows]

    def kind(self, code: str) -> ContractKindView:
        """Return one kind by code."""
        with self._ctx.read() as session:
            return kind_view(_kind(session, code))

    def current_template(self, kind_code: str) -> TemplateView:
        """Return the newest template version of a kind."""
        with self._ctx.read() as session:
            return _template_view(current_template(session, _kind(session, kind_code).id))

    def template_versions(self, kind_code: str) -> list[TemplateView]:
        """Return every version of a kind's template, newest first."""
        with self._ctx.read() as session:
            kind = _kind(session, kind_code)
            rows = session.scalars(
                select(ContractTemplate)
                .where(ContractTemplate.kind_id == kind.id)
                .options(selectinload(ContractTemplate.clauses))
                .order_by(ContractTemplate.version.desc())
            )
            return [_template_view(template) for template in rows]

    def save_template(self, kind_code: str, clauses: Sequence[ClauseInput], *, note: str) -> TemplateView:
        """Save the clauses as the kind's new template version (contracts already drafted keep theirs)."""
        problems = Problems()
        cleaned = check_clauses(problems, clauses)
        if not cleaned:
            problems.add("clauses", "Un modèle doit avoir au moins une clause.")
        note = problems.text(
            "note", note, label="Motif de la modification", max_length=NOTE_MAX, multiline=True, required=True
        )
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            kind = _kind(session, kind_code)
            latest = session.scalar(
                select(func.max(ContractTemplate.version)).where(ContractTemplate.kind_id == kind.id)
            )
            template = ContractTemplate(
                kind_id=kind.id,
                version=(latest or 0) + 1,
                note=note,
                created_by_id=self._ctx.actor.staff_member_id,
                clauses=[
                    ContractTemplateClause(
                        code=clause.code,
                        title=clause.title,
                        body=clause.body,
                        required=clause.required,
                        sort_order=order * 10,
                    )
                    for order, clause in enumerate(cleaned, start=1)
                ],
            )
            session.add(template)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "contract_template", template.id)
            session.refresh(template, ["clauses"])
            return _template_view(template)


def kind_view(kind: ContractKind) -> ContractKindView:
    """Return the plain view of a kind."""
    return ContractKindView(
        id=kind.id,
        code=kind.code,
        label=kind.label,
        description=kind.description,
        signing_parties=tuple(Party(code) for code in kind.signing_parties.split()),
        with_household=kind.with_household,
        landlord_facing=kind.landlord_facing,
        with_debt=kind.with_debt,
        with_alert_rules=kind.with_alert_rules,
        default_term_months=kind.default_term_months,
        nature_notice=kind.nature_notice,
    )


def current_template(session: Session, kind_id: int) -> ContractTemplate:
    """Return the newest template of a kind (every kind is seeded with one)."""
    template = session.scalar(
        select(ContractTemplate)
        .where(ContractTemplate.kind_id == kind_id)
        .options(selectinload(ContractTemplate.clauses))
        .order_by(ContractTemplate.version.desc())
        .limit(1)
    )
    if template is None:
        raise NotFoundError("Ce type de contrat n'a pas de modèle : ajoutez-en un dans Paramètres.")
    return template


def _kind(session: Session, code: str) -> ContractKind:
    kind = session.scalar(select(ContractKind).where(ContractKind.code == code))
    if kind is None:
        raise NotFoundError(f"Type de contrat inconnu : « {code} ».")
    return kind


def _template_view(template: ContractTemplate) -> TemplateView:
    return TemplateView(
        id=template.id,
        kind_code=template.kind.code,
        version=template.version,
        note=template.note,
        created_at=template.created_at,
        clauses=tuple(
            TemplateClauseView(clause.code, clause.title, clause.body, clause.required) for clause in template.clauses
        ),
    )
