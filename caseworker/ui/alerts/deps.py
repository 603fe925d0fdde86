"""What the alerts section needs: the services it calls, the clock and the person using the application."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from caseworker.services.alerts import AlertService
from caseworker.services.directory import DirectoryService
from caseworker.services.households import HouseholdService
from caseworker.services.reference import ReferenceDataService
from caseworker.services.support import ContactService
from caseworker.services.support.reactivation import ReactivationService


@dataclass(frozen=True)
class AlertsDeps:
    """The services and clock the alert inbox, its detail and its dialogs use.

    Attributes:
        alerts: the alert lifecycle, inbox and correspondence.
        households: the household picked for a new alert, and its current landlord.
        directory: the landlords and their contact people.
        reference: the picklists of the contact dialog (roles).
        contacts: the household's contacts an action links to.
        now: the clock's current moment (aware), the default time of what is recorded.
        today: the clock's today, for the plausibility of the dates typed.
        me: the id of the staff member using the application (ticked among a mediation's participants).
        reactivation: reactivates the support of a household in after-care the alert is about (None: not offered).
    """

    alerts: AlertService
    households: HouseholdService
    directory: DirectoryService
    reference: ReferenceDataService
    contacts: ContactService
    now: Callable[[], datetime]
    today: Callable[[], date]
    me: Callable[[], int | None]
    reactivation: ReactivationService | None = None
