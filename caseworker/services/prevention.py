"""Eviction prevention: debts, repayment plans and payments, and the legal procedure (DOMAIN.md §5.5, §6.7)."""

from __future__ import annotations

from caseworker.services.context import ServiceContext


class DebtService:
    """Debts of a household, repayment plans and payments; "paiement régulier repris" is derived."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx


class ProcedureService:
    """Eviction procedures: stages that only move forward, suspensions, the winter truce, the outcome."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
