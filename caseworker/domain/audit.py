"""What the audit log records."""

from __future__ import annotations

from enum import Enum


class AuditAction(str, Enum):
    """What happened."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    VIEW = "view"
    EXPORT = "export"
    UNLOCK = "unlock"
    UNLOCK_FAILED = "unlock_failed"
    REKEY = "rekey"
    BACKUP = "backup"
