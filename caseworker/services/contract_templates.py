# Moved: re-export kept while the refactor merges.
"""Contract kinds and clause templates: now :mod:`caseworker.services.contracts.templates` and ``.clauses``."""

from __future__ import annotations

from caseworker.services.contracts.clauses import (
    CLAUSE_CODE,
    COMMITMENT_CODES,
    PLACEHOLDER,
    PLACEHOLDERS,
    TITLE_MAX,
    ClauseInput,
    check_clauses,
    fill_placeholders,
    placeholders_in,
)
from caseworker.services.contracts.templates import (
    NOTE_MAX,
    ContractKindView,
    ContractTemplateService,
    TemplateClauseView,
    TemplateView,
    current_template,
    kind_view,
)

__all__ = [
    "CLAUSE_CODE",
    "COMMITMENT_CODES",
    "NOTE_MAX",
    "PLACEHOLDER",
    "PLACEHOLDERS",
    "TITLE_MAX",
    "ClauseInput",
    "ContractKindView",
    "ContractTemplateService",
    "TemplateClauseView",
    "TemplateView",
    "check_clauses",
    "current_template",
    "fill_placeholders",
    "kind_view",
    "placeholders_in",
]
