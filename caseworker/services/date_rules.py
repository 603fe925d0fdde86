"""How plausible a date is: one rule for every date a person types, in the services and in the dialogs.

Each date field has a *kind*. A kind says which dates are **absurd** (refused: the services never store them,
the dialogs say so as the person types) and which are **unusual** (accepted by the services, but the dialogs ask
"Cette date est inhabituelle (…). La confirmer ?" once for all such dates before saving). Ranges are relative
to today (T), except the floor of 1990, the year of the loi Besson (31 May 1990) that created the FSL and the
ASLL: no support measure, alert, debt plan or signature this application records can be older.

============  =========================================  ===========================  ===========================
Kind          Examples                                   Absurd (refused)             Unusual (to confirm)
============  =========================================  ===========================  ===========================
``EVENT``     a contact, a referral, an alert received,  after T; before 01/01/1990   more than 2 years before T
              an action, a payment, a signature, a step,
              a decision, a debt's date, a consent asked
``HOUSING``   a member's arrival in or departure from    after T; more than 100       more than 30 years before T
              the household, a housing situation         years before T
``PLANNED``   a contract's start and end, a planned      before 01/01/1990; more      more than 1 year before T;
              end, a review, a follow-up, a suspension,  than 20 years after T        more than 5 years after T
              the first month of a repayment plan
``VALIDITY``  the end of validity of a document: a       before 01/01/1990; more      more than 5 years before T;
              residence permit, a consent                than 20 years after T        more than 10 years after T
``BIRTH``     a birth (the birth year)                   after T; more than 120       more than 100 years before T
                                                         years before T
============  =========================================  ===========================  ===========================

Why these ranges:

- A fact of the support (``EVENT``) cannot be in the future. Records copied from paper files go back a few
  years; more than two years back is more often a slip in the year (2016 for 2026) than a backlog.
- A household's composition and housing history (``HOUSING``) can be old (a tenant of the same HLM flat since
  1980 facing eviction, a couple together for 35 years), but no one alive arrived more than a century ago; past
  30 years, confirm.
- Planned dates (``PLANNED``) are set ahead, sometimes backdated (a contract signed after it took effect); no
  measure lasts 20 years (a contract lasts ten at most), and anything past 5 years is likely a slip (2062).
- A residence permit lasts ten years at most (carte de résident) and a consent twelve months; an expiry more
  than five years ago no longer says anything useful, so confirm it.
- The oldest person ever recorded lived 122 years: a birth more than 120 years ago is a mistake, past 100 an
  exception worth confirming.

Every accepted date lies within 100 years before T and 20 years after it, so adding months or working days to
an accepted date never leaves Python's calendar (years 1 to 9999).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from caseworker.formats import format_date

# The loi Besson (31 May 1990) created the FSL and the ASLL; the contact log uses the same floor.
SUPPORT_ERA_START = date(1990, 1, 1)


class DateKind(Enum):
    """What a date field means, hence which dates are absurd or unusual for it (see the module's table)."""

    EVENT = "event"
    HOUSING = "housing"
    PLANNED = "planned"
    VALIDITY = "validity"
    BIRTH = "birth"


@dataclass(frozen=True)
class DateRule:
    """The ranges of one kind: absurd outside ``[earliest, latest]``, unusual outside the inner years.

    Attributes:
        floor: a fixed earliest date, or None to use ``years_back``.
        years_back: the earliest date in years before today, when ``floor`` is None.
        years_ahead: the latest date in years after today (0: today at the latest).
        unusual_years_back: unusual when more than this many years before today (None: never).
        unusual_years_ahead: unusual when more than this many years after today (None: never).
    """

    floor: date | None
    years_back: int
    years_ahead: int
    unusual_years_back: int | None
    unusual_years_ahead: int | None

    def earliest(self, today: date) -> date:
        """The first date accepted."""
        return self.floor if self.floor is not None else years_from(today, -self.years_back)

    def latest(self, today: date) -> date:
        """The last date accepted."""
        return years_from(today, self.years_ahead)


RULES: dict[DateKind, DateRule] = {
    DateKind.EVENT: DateRule(SUPPORT_ERA_START, 0, 0, unusual_years_back=2, unusual_years_ahead=None),
    DateKind.HOUSING: DateRule(None, 100, 0, unusual_years_back=30, unusual_years_ahead=None),
    DateKind.PLANNED: DateRule(SUPPORT_ERA_START, 0, 20, unusual_years_back=1, unusual_years_ahead=5),
    DateKind.VALIDITY: DateRule(SUPPORT_ERA_START, 0, 20, unusual_years_back=5, unusual_years_ahead=10),
    DateKind.BIRTH: DateRule(None, 120, 0, unusual_years_back=100, unusual_years_ahead=None),
}


def years_from(day: date, years: int) -> date:
    """Return ``day`` moved by whole ``years`` (29 February becomes 28 February in a common year)."""
    year = min(max(day.year + years, 1), 9999)
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def absurd_date(kind: DateKind, value: date, today: date) -> str | None:
    """Return why ``value`` cannot be right for a field of ``kind`` (French, no capital, no full stop), or None."""
    rule = RULES[kind]
    earliest, latest = rule.earliest(today), rule.latest(today)
    if value > latest:
        if rule.years_ahead == 0:
            return f"la date ne peut pas être dans le futur ({format_date(value)})"
        return f"la date {format_date(value)} n'est pas vraisemblable (au plus tard le {format_date(latest)})"
    if value < earliest:
        return f"la date {format_date(value)} n'est pas vraisemblable (au plus tôt le {format_date(earliest)})"
    return None


def unusual_date(kind: DateKind, value: date, today: date) -> str | None:
    """Return why an accepted ``value`` deserves a confirmation (French, e.g. "plus de 2 ans avant aujourd'hui")."""
    rule = RULES[kind]
    if absurd_date(kind, value, today) is not None:
        return None
    if rule.unusual_years_back is not None and value < years_from(today, -rule.unusual_years_back):
        return f"plus {_years(rule.unusual_years_back)} avant aujourd'hui"
    if rule.unusual_years_ahead is not None and value > years_from(today, rule.unusual_years_ahead):
        return f"plus {_years(rule.unusual_years_ahead)} après aujourd'hui"
    return None


def accepted_span(today: date) -> tuple[date, date]:
    """The first and last dates any kind accepts (every stored date lies within)."""
    return (
        min(rule.earliest(today) for kind, rule in RULES.items() if kind is not DateKind.BIRTH),
        max(rule.latest(today) for rule in RULES.values()),
    )


def _years(count: int) -> str:
    return "d'un an" if count == 1 else f"de {count} ans"
