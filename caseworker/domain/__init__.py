"""The vocabulary of the domain: states, kinds and codes shared by the models, the services and the UI.

Plain Python enums, free of the ORM and of Qt: the models store them, the services decide with them, the UI
shows them through the labels the services give. Their meaning is in docs/domain.md.
"""

from __future__ import annotations

from caseworker.domain.alerts import AlertActionKind, AlertChannel, AlertSeverity, AlertStatus
from caseworker.domain.audit import AuditAction
from caseworker.domain.consents import ConsentStatus
from caseworker.domain.contacts import NoteClass
from caseworker.domain.contracts import ContractStatus, SignatureMethod
from caseworker.domain.directory import Civility
from caseworker.domain.parties import THREE_PARTIES, Party
from caseworker.domain.prevention import ProcedureOutcome, ProcedureStage, SuspensionGround
from caseworker.domain.support import DurationPolicy, EpisodeStatus, ObjectivesMet, ObjectiveStatus, ReviewKind

__all__ = [
    "THREE_PARTIES",
    "AlertActionKind",
    "AlertChannel",
    "AlertSeverity",
    "AlertStatus",
    "AuditAction",
    "Civility",
    "ConsentStatus",
    "ContractStatus",
    "DurationPolicy",
    "EpisodeStatus",
    "NoteClass",
    "ObjectiveStatus",
    "ObjectivesMet",
    "Party",
    "ProcedureOutcome",
    "ProcedureStage",
    "ReviewKind",
    "SignatureMethod",
    "SuspensionGround",
]
