"""Contract kinds and their clause templates: versioned reference data an administrator edits in Paramètres.

A clause text may hold placeholders such as ``{bailleur}`` or ``{montant_dette}``: they are filled in from the
contract's own data when its PDF is produced, so a draft stays right when its dates or amounts change. Saving a
template adds a version; contracts remember the version they were drafted from, and older versions stay
readable. Clauses whose code starts with ``engagements_`` are the default commitments of a party, one per line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import AuditAction, Party
from caseworker.models import ContractKind, ContractTemplate, ContractTemplateClause
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.errors import NotFoundError
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX, PARAGRAPH_MAX, Problems

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

# Every placeholder a clause may use, with what it becomes (shown in the template editor).
PLACEHOLDERS: Mapping[str, str] = {
    "menage": "les noms des adultes du ménage",
    "association": "le nom de l'association",
    "bailleur": "le nom du bailleur",
    "logement": "l'adresse du logement",
    "dispositif": "le dispositif d'accompagnement",
    "referent": "le référent coordinateur",
    "date_debut": "la date d'effet",
    "date_fin": "la date de fin",
    "duree": "la durée, de la date d'effet à la date de fin (« 12 mois »)",
    "consentements": "ce que le ménage a autorisé à transmettre au bailleur, à la date du document",
    "montant_dette": "le montant de la dette",
    "date_dette": "la date à laquelle la dette est arrêtée",
    "mensualite": "le montant de chaque mensualité",
    "nombre_mensualites": "le nombre de mensualités",
    "duree_sous_location": "la durée de la sous-location",
    "renouvellements": "combien de fois la sous-location peut être renouvelée (« une fois »)",
    "sous_location": "la durée de la sous-location et ses renouvellements (« 6 mois, renouvelable une fois »)",
    "nombre_menages": "le nombre de ménages visé par la convention",
    "territoire": "le territoire de l'association",
}

COMMITMENT_CODES: Mapping[str, Party] = {
    "engagements_bailleur": Party.BAILLEUR,
    "engagements_association": Party.ASSOCIATION,
    "engagements_menage": Party.MENAGE,
}
CLAUSE_CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
TITLE_MAX = LABEL_MAX
NOTE_MAX = PARAGRAPH_MAX


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
class ClauseInput:
    """A clause as typed: its code (stable key), heading, text with placeholders, and whether it is required."""

    code: str
    title: str
    body: str
    required: bool = False


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


def placeholders_in(text: str) -> list[str]:
    """Return the placeholder names used in ``text``, in order."""
    return [match.group(1) for match in PLACEHOLDER.finditer(text)]


def fill_placeholders(text: str, values: Mapping[str, str]) -> str:
    """Replace every known placeholder by its value; a missing value shows as "[à compléter : …]"."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        value = values.get(name, "")
        return value if value else f"[à compléter : {PLACEHOLDERS[name]}]"

    return PLACEHOLDER.sub(replace, text)


def check_clauses(problems: Problems, clauses: Sequence[ClauseInput], *, field: str = "clauses") -> list[ClauseInput]:
    """Validate clause inputs (shared by templates and contract drafts); return them cleaned."""
    cleaned: list[ClauseInput] = []
    seen: set[str] = set()
    for number, clause in enumerate(clauses, start=1):
        code = clause.code.strip()
        where = f"Clause {number}"
        if not CLAUSE_CODE.match(code):
            problems.add(field, f"{where} : code interne invalide (lettres minuscules, chiffres et « _ »).")
        elif code in seen:
            problems.add(field, f"{where} : la clause « {code} » figure deux fois.")
        seen.add(code)
        title = problems.text(field, clause.title, label=f"{where}, titre", max_length=TITLE_MAX, required=True)
        body = problems.text(field, clause.body, label=f"{where}, texte", max_length=LONG_TEXT_MAX, multiline=True)
        unknown = [name for name in placeholders_in(body) if name not in PLACEHOLDERS]
        if unknown:
            names = ", ".join(f"{{{name}}}" for name in unknown)
            problems.add(
                field,
                f"{where} (« {title or code} ») : champ inconnu {names}. Champs possibles : "
                + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
                + ".",
            )
        if body.count("{") != body.count("}"):
            problems.add(field, f"{where} (« {title or code} ») : une accolade n'est pas refermée.")
        cleaned.append(ClauseInput(code, title, body, clause.required))
    return cleaned


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
