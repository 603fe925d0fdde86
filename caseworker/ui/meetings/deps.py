"""What the meetings section and its dialogs use, handed over by the main window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from caseworker.services.alerts import AlertService
from caseworker.services.directory import DirectoryService
from caseworker.services.households import HouseholdService
from caseworker.services.meetings import MeetingService
from caseworker.services.support import EpisodeService


@dataclass(frozen=True)
class MeetingsDeps:
    """What a meeting's dialogs read and write through.

    The meetings service, the directory (attendees, partners), episodes (levels, reasons), alerts (to escalate one
    in the minutes), the clock, and the households (the one an item typed by hand is about, searched as typed).
    """

    meetings: MeetingService
    directory: DirectoryService
    episodes: EpisodeService
    alerts: AlertService
    today: Callable[[], date]
    staff_id: Callable[[], int | None]
    households: HouseholdService
