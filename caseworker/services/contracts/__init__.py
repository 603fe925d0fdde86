"""Contracts: tripartite contracts, protocols, attestations and conventions cadres, from draft to end.

This package owns the contract kinds and their versioned clause templates, drafting a contract from the
household's file, its lifecycle (brouillon → à signer → en vigueur → échu, remplacé or résilié; avenants, paper
signatures, scans: docs/domain.md §3.6), the PDF of each version (C0/C1 only, docs/domain.md §7.2) and the
Contrats section's list. Callers use :class:`ContractService` and :class:`ContractTemplateService` and the values
they take and return, all re-exported here.

- ``values.py``: the inputs and views (plain dataclasses) and the printed reference ``C-000012``
- ``records.py``: loading a contract whole, the draft-only check, the base of the use-case groups
- ``views.py``: reading contracts: the list and its filters, reviews due, one contract with its versions
- ``drafting.py``: a first draft from the household's file and the kind's template; the editor's choices
- ``content.py``: what a draft may say, how it is stored, what it needs before signature
- ``lifecycle.py``: send for signature, back to draft, signatures, scans, amendments, the end
- ``rendering.py``: a version's PDF facts and rendering; each print or save recorded (disclosure log)
- ``clauses.py``: clause placeholders, their values for one version, and the sharing clause
- ``templates.py``: contract kinds and clause templates (reference data), new clause codes
- ``service.py``: :class:`ContractService`, the use-case groups together
"""

from __future__ import annotations

from caseworker.services.contracts.clauses import (
    COMMITMENT_CODES,
    PLACEHOLDERS,
    ClauseInput,
    check_clauses,
    fill_placeholders,
    placeholder_values,
    placeholders_in,
)
from caseworker.services.contracts.content import TITLE_MAX
from caseworker.services.contracts.lifecycle import SCAN_MAX_BYTES
from caseworker.services.contracts.rendering import contract_facts
from caseworker.services.contracts.service import ContractService
from caseworker.services.contracts.templates import (
    NOTE_MAX,
    ContractKindView,
    ContractTemplateService,
    TemplateClauseView,
    TemplateView,
    clause_code_for,
)
from caseworker.services.contracts.values import (
    ENDED,
    PENDING,
    AlertRuleLine,
    AlertRuleView,
    ClauseView,
    CommitmentLine,
    ContractContent,
    ContractFilter,
    ContractSummary,
    ContractVersionView,
    ContractView,
    DraftRequest,
    EditorChoices,
    ObjectiveLine,
    ObjectiveLineView,
    ReviewLine,
    ScanView,
    SignatoryLine,
    SignatoryOption,
    SignatoryView,
    SignatureInput,
    contract_reference,
)

__all__ = [
    "COMMITMENT_CODES",
    "ENDED",
    "NOTE_MAX",
    "PENDING",
    "PLACEHOLDERS",
    "SCAN_MAX_BYTES",
    "TITLE_MAX",
    "AlertRuleLine",
    "AlertRuleView",
    "ClauseInput",
    "ClauseView",
    "CommitmentLine",
    "ContractContent",
    "ContractFilter",
    "ContractKindView",
    "ContractService",
    "ContractSummary",
    "ContractTemplateService",
    "ContractVersionView",
    "ContractView",
    "DraftRequest",
    "EditorChoices",
    "ObjectiveLine",
    "ObjectiveLineView",
    "ReviewLine",
    "ScanView",
    "SignatoryLine",
    "SignatoryOption",
    "SignatoryView",
    "SignatureInput",
    "TemplateClauseView",
    "TemplateView",
    "check_clauses",
    "clause_code_for",
    "contract_facts",
    "contract_reference",
    "fill_placeholders",
    "placeholder_values",
    "placeholders_in",
]
