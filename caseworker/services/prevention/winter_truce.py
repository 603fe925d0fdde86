"""The winter truce and the legal grounds that allow an expulsion during it (docs/domain.md §3.5).

From 1 November to 31 March no expulsion may be carried out (art. L412-6 of the code des procédures civiles
d'exécution), except on the grounds the law states: the household is rehoused in conditions that respect the
unity and needs of the family; the occupants entered someone's home by voie de fait; a judge removed or reduced
the benefit of the truce; the building is under an arrêté de mise en sécurité; a violent spouse is evicted under a
protection order; a student no longer meets the conditions of a student residence. These grounds are reference
data (``truce_exception``, seeded by migration 0007).

An expulsion stage, or the closing of a procedure on an expulsion, dated in the truce is refused without one of
these grounds; the ground is stored with the stage (or the outcome), audited by field name, and the procedure's
history says "Expulsion pendant la trêve hivernale — motif : …", also for a stage entered later with an
earlier date, and for one recorded before grounds were asked (its ground then reads "non renseigné").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.formats import format_date
from caseworker.models import TruceException
from caseworker.services.calendar.holidays import winter_truce
from caseworker.services.validation import Problems

FIELD = "truce_exception"
"""The field name of the ground, in inputs and in validation errors."""

NOT_GIVEN = "non renseigné"


@dataclass(frozen=True)
class TruceGround:
    """A legal ground for an expulsion during the winter truce, as the dialogs offer it."""

    code: str
    label: str
    legal_basis: str


def truce_grounds(session: Session) -> list[TruceGround]:
    """Return the active grounds in display order."""
    query = select(TruceException).where(TruceException.active).order_by(TruceException.sort_order)
    return [TruceGround(item.code, item.label, item.legal_basis) for item in session.scalars(query)]


def ground_for_expulsion(
    session: Session, on: date, code: str | None, problems: Problems, *, expulsion: bool
) -> TruceException | None:
    """Return the ground that allows an expulsion on ``on``, recording a French problem when one is missing.

    Outside the truce, or for something other than an expulsion, no ground is recorded (one given is refused:
    it would say something untrue in the history).
    """
    truce = winter_truce(on)
    if not expulsion or truce is None:
        if code:
            problems.add(
                FIELD,
                "Un motif de dérogation à la trêve hivernale ne s'indique que pour une expulsion datée entre le "
                "1er novembre et le 31 mars.",
            )
        return None
    found = session.scalar(select(TruceException).where(TruceException.code == code)) if code else None
    if found is None or not found.active:
        problems.add(
            FIELD,
            f"Expulsion pendant la trêve hivernale (du {format_date(truce[0])} au {format_date(truce[1])}) : "
            "indiquez le motif légal qui la permet (relogement assuré, entrée par voie de fait, décision du "
            "juge…).",
        )
        return None
    return found


def truce_notice(on: date | None, ground: TruceException | None, *, expulsion: bool) -> str:
    """Return "Expulsion pendant la trêve hivernale — motif : …" for an expulsion dated in the truce, else ""."""
    if not expulsion or on is None or winter_truce(on) is None:
        return ""
    return f"Expulsion pendant la trêve hivernale — motif : {ground.label if ground is not None else NOT_GIVEN}"
