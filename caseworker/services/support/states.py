"""The support-episode state machine (docs/domain.md §3.1): which state may follow which, in French.

Pure data and functions, shared by the services (which enforce them) and the UI (which offers only allowed
steps). Any transition not listed is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from caseworker.domain import EpisodeStatus
from caseworker.domain.support import EPISODE_STATUS_LABELS
from caseworker.services.errors import TransitionError

S = EpisodeStatus

WAITING = frozenset({S.ORIENTATION_RECUE, S.ACCORD_DE_PRINCIPE, S.EN_ATTENTE})
RUNNING = frozenset({S.ACTIF, S.SUSPENDU})
ENDED = frozenset({S.CLOTURE, S.SANS_SUITE})
SUPPORT_OVER = ENDED | {S.APRES_ACCOMPAGNEMENT}
"""Support no longer runs: ended, or in after-care (docs/domain.md §14.1): nothing is planned any more."""

TRANSITIONS: dict[EpisodeStatus, frozenset[EpisodeStatus]] = {
    S.ORIENTATION_RECUE: frozenset({S.ACCORD_DE_PRINCIPE, S.EN_ATTENTE, S.ACTIF, S.SANS_SUITE}),
    S.EN_ATTENTE: frozenset({S.ACCORD_DE_PRINCIPE, S.ACTIF, S.SANS_SUITE}),
    S.ACCORD_DE_PRINCIPE: frozenset({S.ACTIF, S.SANS_SUITE}),
    S.ACTIF: frozenset({S.SUSPENDU, S.CLOTURE, S.APRES_ACCOMPAGNEMENT}),
    S.SUSPENDU: frozenset({S.ACTIF, S.CLOTURE, S.APRES_ACCOMPAGNEMENT}),
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
    here, there = EPISODE_STATUS_LABELS[current], EPISODE_STATUS_LABELS[target]
    if current in SUPPORT_OVER and target in RUNNING:
        raise TransitionError(
            f"Un accompagnement « {here} » ne peut pas repasser à « {there} » : "
            "pour reprendre, utilisez « Réactiver » (un nouvel accompagnement lié au précédent)."
        )
    if current is target:
        raise TransitionError(f"L'accompagnement est déjà « {here} ».")
    raise TransitionError(f"Passage impossible de « {here} » à « {there} ».")


def running_statuses() -> Sequence[EpisodeStatus]:
    """Return the statuses in which support is under way, in a stable order (for SQL queries)."""
    return sorted(RUNNING, key=lambda status: status.value)
