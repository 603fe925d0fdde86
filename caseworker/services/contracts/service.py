"""The contract service the application builds: every contract use case, gathered from the modules that hold them."""

from __future__ import annotations

from caseworker.services.contracts.drafting import ContractDrafting
from caseworker.services.contracts.lifecycle import ContractLifecycle
from caseworker.services.contracts.rendering import ContractDocuments
from caseworker.services.contracts.views import ContractReading


class ContractService(ContractReading, ContractDrafting, ContractLifecycle, ContractDocuments):
    """Drafts contracts and takes them through signature, amendment and end.

    One object for the UI to call (``services.contracts``), built from ``ServiceContext`` and the letterhead; each
    base holds the use cases of one module: reading (``views``), drafting, the lifecycle (signatures, scans,
    amendments, end) and the documents (``rendering``).
    """
