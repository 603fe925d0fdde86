"""Reading what the alert use cases share: an alert with its history, its type, the household's dwelling.

Also the household's coordinating referent, the printed reference, and today's date in local time. The
coordinator lookup is written here for the alerts only, until one shared household query replaces it (the fiche
navette has its own copy).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseworker.models import (
    Alert,
    AlertAction,
    AlertMediation,
    AlertType,
    Dwelling,
    Occupancy,
)
from caseworker.services.context import ServiceContext
from caseworker.services.errors import NotFoundError


def alert_reference(alert_id: int) -> str:
    """Return the printed reference of an alert, e.g. "AL-000042"."""
    return f"AL-{alert_id:06d}"


def local_today(ctx: ServiceContext) -> date:
    """Return today in local time: the day deadlines and follow-ups are compared with."""
    return ctx.clock.now().astimezone().date()


def load_alert(session: Session, alert_id: int) -> Alert:
    """Return an alert with its type, landlord, contact, history and documents loaded.

    Raises:
        NotFoundError: the alert no longer exists.
    """
    alert = session.scalar(
        select(Alert)
        .where(Alert.id == alert_id)
        .options(
            selectinload(Alert.alert_type),
            selectinload(Alert.landlord),
            selectinload(Alert.partner_contact),
            selectinload(Alert.steps),
            selectinload(Alert.actions).selectinload(AlertAction.mediation).selectinload(AlertMediation.participants),
            selectinload(Alert.documents),
        )
    )
    if alert is None:
        raise NotFoundError("Cette alerte n'existe plus.")
    return alert


def find_alert_type(session: Session, code: str) -> AlertType:
    """Return the alert type of ``code``.

    Raises:
        NotFoundError: no type has that code.
    """
    found = session.scalar(select(AlertType).where(AlertType.code == code))
    if found is None:
        raise NotFoundError(f"Type d'alerte inconnu : « {code} ».")
    return found


def current_dwelling_id(session: Session, household_id: int) -> int | None:
    """Return the dwelling the household lives in today, if any."""
    return session.scalar(
        select(Occupancy.dwelling_id)
        .where(Occupancy.household_id == household_id, Occupancy.end_date.is_(None))
        .limit(1)
    )


def dwelling_address(dwelling: Dwelling | None) -> str:
    """Return the dwelling's address on one line ("12 rue X, 35000 Rennes"; "" without a dwelling)."""
    if dwelling is None:
        return ""
    place = " ".join(part for part in (dwelling.postcode, dwelling.city) if part)
    return ", ".join(part for part in (dwelling.address, place) if part)
