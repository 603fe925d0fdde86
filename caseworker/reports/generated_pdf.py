"""A PDF produced in memory, as the services hand it to the person who prints or saves it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratedPdf:
    """A PDF produced in memory (written to disk only where the person chooses).

    Every service that produces a document (contracts, alert letters, the fiche navette, the household's summary)
    returns one, so it lives here beside the renderer rather than in any one of them; unlike ``reports.pdf`` it
    loads no ReportLab.
    """

    content: bytes
    filename: str
    frozen: bool  # the copy sent for signature, exactly as printed then
