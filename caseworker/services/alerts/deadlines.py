"""Alert response deadlines, in French working days (docs/domain.md §4).

The acknowledgement and first-action deadlines count in working days after the day of receipt, from the
landlord's convention cadre in force when it sets them for that type, else the type's defaults; both are stored
with the alert, with where they come from. The working days are those of the territory that applies to that
landlord (its convention's, else the association's). An alert is overdue from the day after a deadline it has
not met: that is computed on reading (:mod:`.inbox`), never stored.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import ContractStatus
from caseworker.models import AlertType, Contract, ContractKind, ContractVersion, ConventionAlertRule
from caseworker.services.calendar.territories import landlord_territory
from caseworker.services.calendar.working_days import add_working_days
from caseworker.services.contracts import contract_reference

DEFAULT_SOURCE = "Délais par défaut du type d'alerte"


def due_dates(
    session: Session, alert_type: AlertType, landlord_id: int, received_at: datetime
) -> tuple[date, date, str]:
    """Return the acknowledgement and first-action due dates, and where they come from.

    From the landlord's convention cadre in force, else the type's defaults. Working days are those of the
    territory that applies to that landlord (its convention's, else the association's).
    """
    received_on = received_at.astimezone().date()
    territory = landlord_territory(session, landlord_id)
    rule = session.execute(
        select(ConventionAlertRule, Contract.id)
        .join(ContractVersion, ContractVersion.id == ConventionAlertRule.version_id)
        .join(Contract, Contract.id == ContractVersion.contract_id)
        .join(ContractKind, ContractKind.id == Contract.kind_id)
        .where(
            ContractKind.code == "convention_cadre",
            Contract.landlord_id == landlord_id,
            Contract.ended_on.is_(None),
            ContractVersion.status == ContractStatus.EN_VIGUEUR,
            ConventionAlertRule.alert_type_id == alert_type.id,
        )
        .order_by(ContractVersion.in_force_on.desc())
        .limit(1)
    ).first()
    if rule is not None:
        found, contract_id = rule
        source = f"Convention cadre {contract_reference(contract_id)}"
        return (
            add_working_days(received_on, found.acknowledge_days, territory=territory),
            add_working_days(received_on, found.action_days, territory=territory),
            source,
        )
    return (
        add_working_days(received_on, alert_type.acknowledge_days, territory=territory),
        add_working_days(received_on, alert_type.action_days, territory=territory),
        DEFAULT_SOURCE,
    )
