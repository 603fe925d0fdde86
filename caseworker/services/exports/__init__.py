"""Anonymised figures for funders: profiles, preview, files written and logged; exit narratives (docs/domain.md §13).

The computation and the disclosure control are :mod:`caseworker.exports` (Qt-free, no service of their own); this
package is what the window and the command line call, and re-exports the published report's types they read.
"""

from __future__ import annotations

from caseworker.exports.compute import STEPS
from caseworker.exports.protection import ExposedCellsError
from caseworker.exports.report import (
    SECRET,
    UNIT_LABELS,
    Cell,
    CellStatus,
    ExportParameters,
    ProtectedRate,
    ProtectedReport,
    ProtectedStatistic,
    ProtectedTable,
    Unit,
)
from caseworker.exports.secrecy import Cancelled as ExportCancelled
from caseworker.exports.writers.presentation import COSTS_NOTE, CostRow, cost_rows
from caseworker.services.exports.narratives import (
    ApprovedNarrative,
    FindingView,
    NarrativeExportResult,
    NarrativeExportService,
    NarrativeFormat,
    NarrativeReview,
    NarrativeView,
)
from caseworker.services.exports.profiles import Choice, ProfileInput, ProfileService, ProfileView
from caseworker.services.exports.service import (
    ExportFormat,
    ExportRequest,
    ExportResult,
    ExportService,
    render,
)

__all__ = [
    "COSTS_NOTE",
    "SECRET",
    "STEPS",
    "UNIT_LABELS",
    "ApprovedNarrative",
    "Cell",
    "CellStatus",
    "Choice",
    "CostRow",
    "ExportCancelled",
    "ExportFormat",
    "ExportParameters",
    "ExportRequest",
    "ExportResult",
    "ExportService",
    "ExposedCellsError",
    "FindingView",
    "NarrativeExportResult",
    "NarrativeExportService",
    "NarrativeFormat",
    "NarrativeReview",
    "NarrativeView",
    "ProfileInput",
    "ProfileService",
    "ProfileView",
    "ProtectedRate",
    "ProtectedReport",
    "ProtectedStatistic",
    "ProtectedTable",
    "Unit",
    "cost_rows",
    "render",
]
