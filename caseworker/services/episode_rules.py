"""The support-episode state machine (DOMAIN.md §5.1): which state may follow which, in French.

Pure data and functions, shared by the service (which enforces them) and the UI (which offers only allowed
steps). Any transition not listed is refused.
"""

from __future__ import annotations

from caseworker.domain import DurationPolicy, EpisodeStatus
from caseworker.services.errors import TransitionError

S = EpisodeStatus

STATUS_LABELS: dict[EpisodeStatus, str] = {
    S.ORIENTATION_RECUE: "Orientation reçue",
    S.ACCORD_DE_PRINCIPE: "Accord de principe",
    S.EN_ATTENTE: "En attente",
    S.ACTIF: "Actif",
    S.SUSPENDU: "Suspendu",
    S.CLOTURE: "Clôturé",
    S.APRES_ACCOMPAGNEMENT: "Suivi post-accompagnement",
    S.SANS_SUITE: "Sans suite",
}

WAITING = frozenset({S.ORIENTATION_RECUE, S.ACCORD_DE_PRINCIPE, S.EN_ATTENTE})
RUNNING = frozenset({S.ACTIF, S.SUSPENDU})
ENDED = frozenset({S.CLOTURE, S.SANS_SUITE})

# ``apres_accompagnement`` (after-care) is reserved for a later issue: nothing leads to it yet.
TRANSITIONS: dict[EpisodeStatus, frozenset[EpisodeStatus]] = {
    S.ORIENTATION_RECUE: frozenset({S.ACCORD_DE_PRINCIPE, S.EN_ATTENTE, S.ACTIF, S.SANS_SUITE}),
    S.EN_ATTENTE: frozenset({S.ACCORD_DE_PRINCIPE, S.ACTIF, S.SANS_SUITE}),
    S.ACCORD_DE_PRINCIPE: frozenset({S.ACTIF, S.SANS_SUITE}),
    S.ACTIF: frozenset({S.SUSPENDU, S.CLOTURE}),
    S.SUSPENDU: frozenset({S.ACTIF, S.CLOTURE}),
    S.APRES_ACCOMPAGNEMENT: frozenset({S.CLOTURE}),
    S.CLOTURE: frozenset(),
    S.SANS_SUITE: frozenset(),
}


def allowed_next(status: EpisodeStatus) -> frozenset[EpisodeStatus]:
    """Return the states that may follow ``status``."""
    return TRANSITIONS[status]


def check_transition(current: EpisodeStatus, target: EpisodeStatus) -> None:
    """Raise a French :class:`TransitionError` unless ``current`` → ``target`` is allowed."""
    if target in TRANSITIONS[current]:
        return
    here, there = STATUS_LABELS[current], STATUS_LABELS[target]
    if current in ENDED and target in RUNNING:
        raise TransitionError(
            f"Un accompagnement « {here} » ne peut pas repasser à « {there} » : "
            "pour reprendre, ouvrez un nouvel accompagnement lié au précédent."
        )
    if current is target:
        raise TransitionError(f"L'accompagnement est déjà « {here} ».")
    raise TransitionError(f"Passage impossible de « {here} » à « {there} ».")


def extension_limit_message(measure_name: str, policy: DurationPolicy, allowed: int, used: int) -> str:
    """Say, in French that agrees in gender and number, why one more renewal or extension is refused.

    A renewable measure counts *renouvellements* (masculine), the others *prolongations* (feminine);
    ``used`` may exceed ``allowed`` when the catalogue lowered the limit after some were granted.
    """
    feminine = policy is not DurationPolicy.RENEWABLE
    noun = "prolongation" if feminine else "renouvellement"
    e = "e" if feminine else ""
    if allowed <= 0:
        return f"« {measure_name} » ne permet {'aucune' if feminine else 'aucun'} {noun}."
    limit = f"« {measure_name} » permet {allowed} {noun}{'s' if allowed > 1 else ''} au plus"
    if used <= allowed:
        granted = f", déjà accordé{e}{'s' if allowed > 1 else ''}"
    else:
        granted = f", et {used} ont déjà été accordé{e}s"
    return f"{limit}{granted} : {'une' if feminine else 'un'} {noun} de plus est refusé{e}."
