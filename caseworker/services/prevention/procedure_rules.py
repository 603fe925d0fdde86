"""The rules of an eviction procedure's stages (docs/domain.md §3.5).

Stages follow the legal order and move forward, possibly skipping some; going back is an audited correction that
drops the later stages. Reaching the résiliation ends the lease. A suspension by the prevention platform lasts
4 months at most.
"""

from __future__ import annotations

from collections.abc import Sequence

from dateutil.relativedelta import relativedelta

from caseworker.domain import ProcedureStage
from caseworker.models import ProcedureStageEntry

STAGES: tuple[ProcedureStage, ...] = tuple(ProcedureStage)
"""The stages in their legal order."""

PLATEFORME_MAX = relativedelta(months=4)
"""A plateforme may pause litigation for up to 4 months (docs/domain.md §3.5)."""


def stage_order(stage: ProcedureStage) -> int:
    """Return the position of ``stage`` in the procedure (0 for the first)."""
    return STAGES.index(stage)


def crosses_resiliation(previous: ProcedureStage | None, stage: ProcedureStage) -> bool:
    """Tell whether moving forward from ``previous`` (None: opening) to ``stage`` reaches or passes the résiliation."""
    before = stage_order(previous) if previous is not None else -1
    return before < stage_order(ProcedureStage.RESILIATION) <= stage_order(stage)


def replay(entries: Sequence[ProcedureStageEntry]) -> dict[ProcedureStage, ProcedureStageEntry]:
    """Return the stages reached, each with the entry that reached it: a correction drops the later stages."""
    reached: dict[ProcedureStage, ProcedureStageEntry] = {}
    for entry in entries:
        if entry.is_correction:
            for stage in [item for item in reached if stage_order(item) > stage_order(entry.stage)]:
                del reached[stage]
        reached[entry.stage] = entry
    return reached
