"""Housing proposals: a dwelling offered to a household, the landlord's allocation committee and the household's answer.

See docs/domain.md §12. The CAL (*commission d'attribution des logements et d'examen de l'occupation des
logements*) decides on the landlord's side; the household accepts or refuses on its own, for a reason of the
picklist. A lease is signed only after an allocation and the household's acceptance.
"""

from __future__ import annotations

from enum import Enum


class CalDecision(str, Enum):
    """What the landlord's allocation committee decided (none recorded: still to come, or not known yet)."""

    ALLOCATED = "allocated"  # attribution
    CONDITIONAL = "conditional"  # attribution sous condition suspensive (a document still missing)
    RANKED = "ranked"  # classé en rang 2 ou plus: the dwelling goes to another candidate unless they refuse
    REJECTED = "rejected"  # non-attribution
    POSTPONED = "postponed"  # ajournement: examined again at a later committee

    @property
    def allocates(self) -> bool:
        """Whether the household may sign the lease after this decision."""
        return self in (CalDecision.ALLOCATED, CalDecision.CONDITIONAL)


class HouseholdAnswer(str, Enum):
    """The household's answer to the offer (none recorded: still thinking, or the visit is to come)."""

    ACCEPTED = "accepted"
    REFUSED = "refused"


CAL_DECISION_LABELS = {
    CalDecision.ALLOCATED: "Attribution",
    CalDecision.CONDITIONAL: "Attribution sous condition",
    CalDecision.RANKED: "Classé en rang suivant",
    CalDecision.REJECTED: "Non-attribution",
    CalDecision.POSTPONED: "Ajournement",
}

HOUSEHOLD_ANSWER_LABELS = {
    HouseholdAnswer.ACCEPTED: "Acceptée",
    HouseholdAnswer.REFUSED: "Refusée",
}
