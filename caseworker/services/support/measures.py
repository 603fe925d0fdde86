"""The measure catalogue (dispositifs), editable by an administrator.

A measure is reference data (docs/domain.md §1): an association adds "Totem" (open-ended) or "AMLI maintien" (six
months renewable once) from Paramètres, without a release. Its intensity scale is part of it: each level has a
contact rhythm, a caseload weight and a no-contact threshold (docs/domain.md §3.1).

Codes are stable identifiers: a measure's code is made from its name once and never changes (a rename keeps it),
and levels are matched by code on every edit. A level left out of an edit is deactivated, never deleted, because
intensity periods of past episodes refer to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import AuditAction, DurationPolicy
from caseworker.models.support import IntensityLevel, Measure
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.errors import NotFoundError
from caseworker.services.search_text import fold
from caseworker.services.validation import ADDRESS_MAX, LABEL_MAX, NAME_MAX, PARAGRAPH_MAX, Problems

MEASURE_NAME_MAX = LABEL_MAX
FUNDERS_MAX = ADDRESS_MAX
TARGET_PUBLIC_MAX = PARAGRAPH_MAX
LEVEL_LABEL_MAX = NAME_MAX
CODE_MAX = 64
MAX_DURATION_MONTHS = 120
MAX_EXTENSIONS = 20
MAX_CASELOAD_TARGET = 200
MAX_REVIEW_MONTHS = 24
MAX_RHYTHM_CONTACTS = 100
MAX_RHYTHM_DAYS = 365
MAX_WEIGHT_PERCENT = 1000
MAX_NO_CONTACT_DAYS = 365

_CODE = re.compile(r"^[a-z0-9_]{1,64}$")


# ----------------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class IntensityLevelInput:
    """One level of a measure's intensity scale as typed; ``code`` empty for a new level (made from the label)."""

    label: str
    rhythm_contacts: int | None
    rhythm_days: int | None
    weight_percent: int
    no_contact_days: int | None
    code: str = ""
    active: bool = True


DEFAULT_SCALE = (
    IntensityLevelInput("Renforcé", 2, 7, 200, 7, code="renforce"),
    IntensityLevelInput("Soutenu", 1, 7, 150, 14, code="soutenu"),
    IntensityLevelInput("Standard / droit commun", 1, 14, 100, 21, code="standard"),
    IntensityLevelInput("Veille", 1, 30, 50, 45, code="veille"),
    IntensityLevelInput("Droits de suite", None, None, 0, None, code="droits_de_suite"),
)
"""The default intensity scale (docs/domain.md §3.1) offered to a new measure, with the seeded measures' codes."""


@dataclass(frozen=True)
class MeasureInput:
    """What an administrator types to create or edit a measure; ``levels`` in display order."""

    name: str
    is_national: bool
    funders: str
    duration_policy: DurationPolicy
    duration_months: int | None
    max_extensions: int | None
    suspended_days_count: bool
    caseload_target: int | None
    levels: tuple[IntensityLevelInput, ...]
    target_public: str = ""
    review_start_months: int = 1
    review_end_months: int = 1
    review_every_months: int = 6
    active: bool = True


@dataclass(frozen=True)
class IntensityLevelView:
    """One level of an intensity scale, with its expected rhythm and caseload weight."""

    id: int
    code: str
    label: str
    rhythm_contacts: int | None
    rhythm_days: int | None
    weight_percent: int
    no_contact_days: int | None
    sort_order: int
    active: bool

    @property
    def rhythm_label(self) -> str:
        """Return the rhythm in French: "2 × par semaine", "1 × tous les 15 jours", "à la demande"."""
        return rhythm_label(self.rhythm_contacts, self.rhythm_days)

    @property
    def weight(self) -> float:
        """Return the caseload weight (1.0: counts as one household)."""
        return self.weight_percent / 100

    def to_input(self) -> IntensityLevelInput:
        """Return the input that leaves this level as it is (an edit form starts from it)."""
        return IntensityLevelInput(
            label=self.label,
            rhythm_contacts=self.rhythm_contacts,
            rhythm_days=self.rhythm_days,
            weight_percent=self.weight_percent,
            no_contact_days=self.no_contact_days,
            code=self.code,
            active=self.active,
        )


@dataclass(frozen=True)
class MeasureView:
    """A measure of the catalogue with its whole intensity scale (inactive levels included, in order)."""

    id: int
    code: str
    name: str
    is_national: bool
    funders: str
    target_public: str
    duration_policy: DurationPolicy
    duration_months: int | None
    max_extensions: int | None
    suspended_days_count: bool
    caseload_target: int | None
    review_start_months: int
    review_end_months: int
    review_every_months: int
    active: bool
    levels: tuple[IntensityLevelView, ...]

    @property
    def policy_label(self) -> str:
        """Return the duration policy in French, e.g. "6 mois, renouvelable 1 fois" or "Sans limite de durée"."""
        return policy_label(self.duration_policy, self.duration_months, self.max_extensions)

    @property
    def scope_label(self) -> str:
        """Return "National" or "Local"."""
        return "National" if self.is_national else "Local"

    def active_levels(self) -> tuple[IntensityLevelView, ...]:
        """Return the levels that new intensity periods may use."""
        return tuple(level for level in self.levels if level.active)

    def to_input(self) -> MeasureInput:
        """Return the input that leaves this measure as it is (an edit form starts from it)."""
        return MeasureInput(
            name=self.name,
            is_national=self.is_national,
            funders=self.funders,
            duration_policy=self.duration_policy,
            duration_months=self.duration_months,
            max_extensions=self.max_extensions,
            suspended_days_count=self.suspended_days_count,
            caseload_target=self.caseload_target,
            levels=tuple(level.to_input() for level in self.levels),
            target_public=self.target_public,
            review_start_months=self.review_start_months,
            review_end_months=self.review_end_months,
            review_every_months=self.review_every_months,
            active=self.active,
        )


def rhythm_label(contacts: int | None, days: int | None) -> str:
    """Return "N × <period>" in French, or "à la demande" when there is no expected rhythm."""
    if contacts is None or days is None:
        return "à la demande"
    if days == 1:
        period = "par jour"
    elif days == 7:
        period = "par semaine"
    elif days in {14, 15}:
        period = "tous les 15 jours"
    elif days in {30, 31}:
        period = "par mois"
    elif days in {365, 366}:
        period = "par an"
    elif days % 30 == 0:
        period = f"tous les {days // 30} mois"
    elif days % 7 == 0:
        period = f"toutes les {days // 7} semaines"
    else:
        period = f"tous les {days} jours"
    return f"{contacts} × {period}"


def policy_label(policy: DurationPolicy, months: int | None, extensions: int | None) -> str:
    """Return a duration policy in French, as a team says it."""
    if policy is DurationPolicy.OPEN_ENDED or months is None:
        return "Sans limite de durée"
    if policy is DurationPolicy.RENEWABLE:
        return f"{months} mois, renouvelable {extensions or 0} fois"
    if policy is DurationPolicy.MAX_PLUS_EXTENSION:
        if extensions is None:
            return f"{months} mois + prolongation négociée"
        plural = "s" if extensions > 1 else ""
        return f"{months} mois + {extensions} prolongation{plural} négociée{plural}"
    return f"{months} mois, sans prolongation"


def slug(text: str, *, fallback: str) -> str:
    """Return an ASCII lower-case code made from ``text``: "AMLI maintien (6 mois)" → "amli_maintien_6_mois"."""
    folded = fold(text).encode("ascii", "ignore").decode("ascii")
    code = re.sub(r"[^a-z0-9]+", "_", folded).strip("_")
    return code[: CODE_MAX - 8].rstrip("_") or fallback


def unique_code(base: str, taken: Iterable[str]) -> str:
    """Return ``base``, or ``base_2``, ``base_3``… whichever is not taken yet."""
    used = set(taken)
    if base not in used:
        return base
    number = 2
    while f"{base}_{number}" in used:
        number += 1
    return f"{base}_{number}"


# ------------------------------------------------------------------------------------------- validation


@dataclass(frozen=True)
class _CleanLevel:
    code: str
    label: str
    rhythm_contacts: int | None
    rhythm_days: int | None
    weight_percent: int
    no_contact_days: int | None
    active: bool


@dataclass(frozen=True)
class _CleanMeasure:
    name: str
    funders: str
    target_public: str
    duration_policy: DurationPolicy
    duration_months: int | None
    max_extensions: int | None
    levels: tuple[_CleanLevel, ...]


def _in_range(problems: Problems, field: str, value: int | None, low: int, high: int, message: str) -> None:
    if value is not None and not low <= value <= high:
        problems.add(field, message)


def _check_duration(problems: Problems, data: MeasureInput) -> tuple[DurationPolicy, int | None, int | None]:
    """Check the duration policy's months and extensions; return them as stored."""
    try:
        policy = DurationPolicy(data.duration_policy)
    except ValueError:
        problems.add("duration_policy", "Règle de durée : choisissez une règle dans la liste.")
        return DurationPolicy.OPEN_ENDED, None, None
    months, extensions = data.duration_months, data.max_extensions
    months_message = f"Durée : un nombre de mois entre 1 et {MAX_DURATION_MONTHS}."
    if policy is DurationPolicy.OPEN_ENDED:
        if months is not None:
            problems.add("duration_months", "Un dispositif sans limite de durée n'a pas de durée en mois.")
        if extensions is not None:
            problems.add("max_extensions", "Un dispositif sans limite de durée n'a pas de prolongations.")
        return policy, None, None
    if months is None:
        problems.add("duration_months", "Durée : indiquez le nombre de mois.")
    else:
        _in_range(problems, "duration_months", months, 1, MAX_DURATION_MONTHS, months_message)
    if policy is DurationPolicy.FIXED:
        if extensions not in {None, 0}:
            problems.add("max_extensions", "Un dispositif à durée fixe n'a pas de prolongation.")
        return policy, months, 0
    if policy is DurationPolicy.RENEWABLE:
        if extensions is None:
            problems.add("max_extensions", "Renouvellements : indiquez combien de fois le dispositif se renouvelle.")
        else:
            _in_range(
                problems,
                "max_extensions",
                extensions,
                1,
                MAX_EXTENSIONS,
                f"Renouvellements : entre 1 et {MAX_EXTENSIONS} fois.",
            )
        return policy, months, extensions
    _in_range(
        problems,
        "max_extensions",
        extensions,
        1,
        MAX_EXTENSIONS,
        f"Prolongations : entre 1 et {MAX_EXTENSIONS}, ou laissez vide pour ne pas en limiter le nombre.",
    )
    return policy, months, extensions


def _check_level(problems: Problems, index: int, level: IntensityLevelInput) -> _CleanLevel:
    key = f"levels.{index}"
    label = problems.text(
        f"{key}.label", level.label, label=f"Libellé du niveau {index + 1}", max_length=LEVEL_LABEL_MAX, required=True
    )
    name = f"Niveau « {label} »" if label else f"Niveau {index + 1}"
    contacts, days = level.rhythm_contacts, level.rhythm_days
    if (contacts is None) != (days is None):
        problems.add(
            f"{key}.rhythm",
            f"{name} : indiquez à la fois le nombre de contacts et la période en jours, ou aucun des deux "
            "(à la demande).",
        )
    _in_range(
        problems,
        f"{key}.rhythm",
        contacts,
        1,
        MAX_RHYTHM_CONTACTS,
        f"{name} : le nombre de contacts est compris entre 1 et {MAX_RHYTHM_CONTACTS}.",
    )
    _in_range(
        problems,
        f"{key}.rhythm",
        days,
        1,
        MAX_RHYTHM_DAYS,
        f"{name} : la période du rythme est comprise entre 1 et {MAX_RHYTHM_DAYS} jours.",
    )
    _in_range(
        problems,
        f"{key}.weight_percent",
        level.weight_percent,
        0,
        MAX_WEIGHT_PERCENT,
        f"{name} : le poids est compris entre 0 et {MAX_WEIGHT_PERCENT} %.",
    )
    _in_range(
        problems,
        f"{key}.no_contact_days",
        level.no_contact_days,
        1,
        MAX_NO_CONTACT_DAYS,
        f"{name} : le seuil sans contact est compris entre 1 et {MAX_NO_CONTACT_DAYS} jours, ou vide.",
    )
    code = level.code.strip()
    if code and not _CODE.match(code):
        problems.add(f"{key}.code", f"{name} : code invalide (minuscules, chiffres et _ uniquement).")
    return _CleanLevel(code, label, contacts, days, level.weight_percent, level.no_contact_days, level.active)


def _check_levels(problems: Problems, levels: tuple[IntensityLevelInput, ...]) -> tuple[_CleanLevel, ...]:
    cleaned = tuple(_check_level(problems, index, level) for index, level in enumerate(levels))
    if not any(level.active for level in cleaned):
        problems.add("levels", "Niveaux d'intensité : il faut au moins un niveau actif.")
    labels: dict[str, int] = {}
    codes: dict[str, int] = {}
    for index, level in enumerate(cleaned):
        folded = fold(level.label)
        if folded and folded in labels:
            problems.add(
                f"levels.{index}.label",
                f"Niveau « {level.label} » : ce libellé est déjà celui du niveau {labels[folded] + 1}.",
            )
        labels.setdefault(folded, index)
        if level.code and level.code in codes:
            problems.add(f"levels.{index}.code", f"Niveau « {level.label} » : code « {level.code} » en double.")
        codes.setdefault(level.code, index)
    return cleaned


def _validate_measure(data: MeasureInput) -> tuple[Problems, _CleanMeasure]:
    """Check every field that needs no database; return the problems and the cleaned values."""
    problems = Problems()
    name = problems.text("name", data.name, label="Nom du dispositif", max_length=MEASURE_NAME_MAX, required=True)
    funders = problems.text("funders", data.funders, label="Financeurs", max_length=FUNDERS_MAX)
    target_public = problems.text(
        "target_public", data.target_public, label="Public visé", max_length=TARGET_PUBLIC_MAX, multiline=True
    )
    policy, months, extensions = _check_duration(problems, data)
    _in_range(
        problems,
        "caseload_target",
        data.caseload_target,
        1,
        MAX_CASELOAD_TARGET,
        f"Cible de file active : entre 1 et {MAX_CASELOAD_TARGET} ménages par référent, ou vide.",
    )
    for field, value, low, message in (
        ("review_start_months", data.review_start_months, 0, "Bilan d'entrée : entre 0 et {high} mois après le début."),
        ("review_end_months", data.review_end_months, 0, "Bilan de fin : entre 0 et {high} mois avant la fin."),
        ("review_every_months", data.review_every_months, 1, "Bilans périodiques : tous les 1 à {high} mois."),
    ):
        _in_range(problems, field, value, low, MAX_REVIEW_MONTHS, message.format(high=MAX_REVIEW_MONTHS))
    levels = _check_levels(problems, data.levels)
    return problems, _CleanMeasure(name, funders, target_public, policy, months, extensions, levels)


# ---------------------------------------------------------------------------------------------- service


class MeasureService:
    """The measure catalogue (dispositifs), editable by an administrator."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def list_measures(self, *, include_inactive: bool = False) -> list[MeasureView]:
        """Return the measures in catalogue order (active ones only, unless asked)."""
        with self._ctx.read() as session:
            query = select(Measure).options(selectinload(Measure.levels)).order_by(Measure.sort_order, Measure.name)
            if not include_inactive:
                query = query.where(Measure.active.is_(True))
            return [_measure_view(measure) for measure in session.scalars(query)]

    def measure(self, measure_id: int) -> MeasureView:
        """Return one measure (active or not)."""
        with self._ctx.read() as session:
            return _measure_view(_get(session, measure_id))

    def measure_by_code(self, code: str) -> MeasureView:
        """Return the measure with this code (seeded codes such as "avdl" are stable)."""
        with self._ctx.read() as session:
            measure = session.scalar(select(Measure).where(Measure.code == code))
            if measure is None:
                raise NotFoundError(f"Dispositif introuvable (code « {code} »).")
            return _measure_view(measure)

    def create_measure(self, data: MeasureInput) -> MeasureView:
        """Add a measure to the catalogue; its code is made from its name."""
        problems, cleaned = _validate_measure(data)
        with self._ctx.transaction() as session:
            _check_unique_name(session, problems, cleaned.name, None)
            plan = _plan_levels([], cleaned.levels, problems)
            problems.raise_if_any()
            codes = session.scalars(select(Measure.code)).all()
            last = session.scalar(select(func.max(Measure.sort_order))) or 0
            measure = Measure(code=unique_code(slug(cleaned.name, fallback="dispositif"), codes), sort_order=last + 10)
            _apply(measure, data, cleaned)
            _apply_levels(measure, plan)
            session.add(measure)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "measure", measure.id)
            return _measure_view(measure)

    def update_measure(self, measure_id: int, data: MeasureInput) -> MeasureView:
        """Edit a measure: its code never changes; levels left out are deactivated, never deleted."""
        problems, cleaned = _validate_measure(data)
        with self._ctx.transaction() as session:
            measure = _get(session, measure_id)
            _check_unique_name(session, problems, cleaned.name, measure.id)
            plan = _plan_levels(sorted(measure.levels, key=lambda row: row.sort_order), cleaned.levels, problems)
            problems.raise_if_any()
            _apply(measure, data, cleaned)
            changed = audit.changed_attributes(measure)
            if _apply_levels(measure, plan):
                changed.append("levels")
            session.flush()
            if changed:
                audit.record(session, self._ctx, AuditAction.UPDATE, "measure", measure.id, fields=changed)
            return _measure_view(measure)


def _check_unique_name(session: Session, problems: Problems, name: str, own_id: int | None) -> None:
    if not name:
        return
    folded = fold(name)
    for other_id, other_name, active in session.execute(select(Measure.id, Measure.name, Measure.active)):
        if other_id != own_id and fold(other_name) == folded:
            inactive = "" if active else " (désactivé)"
            problems.add("name", f"Un dispositif porte déjà ce nom : « {other_name} »{inactive}.")
            return


def _apply(measure: Measure, data: MeasureInput, cleaned: _CleanMeasure) -> None:
    measure.name = cleaned.name
    measure.is_national = data.is_national
    measure.funders = cleaned.funders
    measure.target_public = cleaned.target_public
    measure.duration_policy = cleaned.duration_policy
    measure.duration_months = cleaned.duration_months
    measure.max_extensions = cleaned.max_extensions
    measure.suspended_days_count = data.suspended_days_count
    measure.caseload_target = data.caseload_target
    measure.review_start_months = data.review_start_months
    measure.review_end_months = data.review_end_months
    measure.review_every_months = data.review_every_months
    measure.active = data.active


def _plan_levels(
    existing: list[IntensityLevel], levels: tuple[_CleanLevel, ...], problems: Problems
) -> list[tuple[str, _CleanLevel]]:
    """Give each typed level the code of the stored level it edits, or a fresh code for a new level.

    A level is matched by its code; a level typed without a code takes back a stored level with the same label
    that the edit leaves out (removing "Veille" and adding it again gives the same level, and the same history).
    A label may not be that of a level which stays deactivated: the scale would show it twice.
    """
    by_code = {row.code: row for row in existing}
    sent = {level.code for level in levels if level.code}
    left_out = {fold(row.label): row.code for row in reversed(existing) if row.code not in sent}
    taken = set(by_code) | sent
    plan: list[tuple[str, _CleanLevel]] = []
    for level in levels:
        code = level.code
        if not code:
            code = left_out.get(fold(level.label)) or unique_code(slug(level.label, fallback="niveau"), taken)
            taken.add(code)
        plan.append((code, level))
    kept = {code for code, _level in plan}
    for index, (_code, level) in enumerate(plan):
        other = left_out.get(fold(level.label))
        if other is not None and other not in kept:
            problems.add(
                f"levels.{index}.label",
                f"Niveau « {level.label} » : un niveau désactivé porte déjà ce libellé ; réactivez-le plutôt "
                "que d'en créer un autre.",
            )
    return plan


def _apply_levels(measure: Measure, plan: list[tuple[str, _CleanLevel]]) -> bool:
    """Write the planned levels and deactivate those left out; return True when anything changed."""
    existing = {level.code: level for level in measure.levels}
    changed = False
    for order, (code, level) in enumerate(plan, start=1):
        row = existing.get(code)
        if row is None:
            row = IntensityLevel(code=code)
            measure.levels.append(row)
            changed = True
        row.label = level.label
        row.rhythm_contacts = level.rhythm_contacts
        row.rhythm_days = level.rhythm_days
        row.weight_percent = level.weight_percent
        row.no_contact_days = level.no_contact_days
        row.sort_order = order * 10
        row.active = level.active
        changed = changed or bool(audit.changed_attributes(row))
    kept = {code for code, _level in plan}
    left_out = sorted((row for row in measure.levels if row.code not in kept), key=lambda row: row.sort_order)
    for order, row in enumerate(left_out, start=len(plan) + 1):
        row.active = False
        row.sort_order = order * 10
        changed = changed or bool(audit.changed_attributes(row))
    return changed


def _get(session: Session, measure_id: int) -> Measure:
    measure = session.get(Measure, measure_id)
    if measure is None:
        raise NotFoundError(f"Dispositif introuvable (n° {measure_id}).")
    return measure


def _level_view(level: IntensityLevel) -> IntensityLevelView:
    return IntensityLevelView(
        id=level.id,
        code=level.code,
        label=level.label,
        rhythm_contacts=level.rhythm_contacts,
        rhythm_days=level.rhythm_days,
        weight_percent=level.weight_percent,
        no_contact_days=level.no_contact_days,
        sort_order=level.sort_order,
        active=level.active,
    )


def _measure_view(measure: Measure) -> MeasureView:
    levels = sorted(measure.levels, key=lambda level: (level.sort_order, level.id))
    return MeasureView(
        id=measure.id,
        code=measure.code,
        name=measure.name,
        is_national=measure.is_national,
        funders=measure.funders,
        target_public=measure.target_public,
        duration_policy=measure.duration_policy,
        duration_months=measure.duration_months,
        max_extensions=measure.max_extensions,
        suspended_days_count=measure.suspended_days_count,
        caseload_target=measure.caseload_target,
        review_start_months=measure.review_start_months,
        review_end_months=measure.review_end_months,
        review_every_months=measure.review_every_months,
        active=measure.active,
        levels=tuple(_level_view(level) for level in levels),
    )
