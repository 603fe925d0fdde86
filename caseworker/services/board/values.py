"""What the board returns: its filters, its seven panels and their rows, as frozen values (docs/domain.md §11.1).

Every row says which household it concerns (None for a colleague's caseload or a meeting without households), what
and when, the words to read aloud, whether it is overdue, and the tab of the household file it opens. Overdue is
always said in words ("en retard de 2 jours ouvrés"), never left to a colour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from caseworker.domain.file_tabs import FileTab


class PanelKind(str, Enum):
    """The seven panels of the board, in the order they are shown."""

    ALERTS = "alerts"
    CONTACTS = "contacts"
    NO_CONTACT = "no_contact"
    DEADLINES = "deadlines"
    SUSPENSIONS = "suspensions"
    WAITING = "waiting"
    CASELOADS = "caseloads"


PANEL_TITLES = {
    PanelKind.ALERTS: "Alertes nouvelles et en retard",
    PanelKind.CONTACTS: "Contacts depuis le dernier jour ouvré",
    PanelKind.NO_CONTACT: "Ménages sans contact au-delà du seuil",
    PanelKind.DEADLINES: "Échéances des 7 prochains jours",
    PanelKind.SUSPENSIONS: "Suspensions à revoir",
    PanelKind.WAITING: "Liste d'attente et admissions",
    PanelKind.CASELOADS: "File active par professionnel",
}


PANEL_ROWS = 100
"""Rows a panel holds in a reading of the whole board: its most urgent ones. A service of ten thousand households
has nearly two thousand contacts since Friday, which nobody reads in a twenty-minute debrief: the header counts them
all, a filter (team, referent, measure) narrows them, and « Tout afficher » reads the one panel whole."""


@dataclass(frozen=True)
class BoardFilter:
    """Which households the board covers: a team (an organisation's staff), a referent, a measure (None: any)."""

    organisation_id: int | None = None
    referent_id: int | None = None
    measure_id: int | None = None


@dataclass(frozen=True)
class BoardRow:
    """One line of a panel.

    ``who`` is what the board shows for the household: its name, or its initials in meeting mode when asked
    (for a caseload, the professional's name). ``when`` is the date the row is about (a contact's day, a
    deadline, an orientation); ``words`` says the rest in French, overdue included.
    """

    household_id: int | None
    reference: str
    display_name: str
    initials: str
    who: str
    what: str
    when: date | None
    words: str
    overdue: bool
    tab: FileTab | None
    # The waiting list: days since the orientation and the admission commission's decision ("" before it).
    waiting_days: int | None = None
    decision: str = ""
    # A caseload: the professional, their households, weighted load and target (None without a target).
    staff_member_id: int | None = None
    households: int | None = None
    weighted_load: float | None = None
    target: float | None = None


@dataclass(frozen=True)
class BoardPanel:
    """One panel: its title, its counts (for the header) and its rows, most urgent first.

    A panel may hold only its first rows (the most urgent: see :data:`PANEL_ROWS`): ``total`` and ``overdue_total``
    then count the whole panel, and :meth:`BoardService.panel` reads it whole.
    """

    kind: PanelKind
    title: str
    rows: tuple[BoardRow, ...]
    note: str = ""  # what the panel covers, in French (e.g. "depuis le vendredi 11/12")
    total: int | None = None  # None: ``rows`` is the whole panel
    overdue_total: int | None = None

    @property
    def count(self) -> int:
        """Return the number of rows of the whole panel (the figure of its header)."""
        return len(self.rows) if self.total is None else self.total

    @property
    def overdue_count(self) -> int:
        """Return how many rows of the whole panel are overdue."""
        if self.overdue_total is not None:
            return self.overdue_total
        return sum(1 for row in self.rows if row.overdue)

    @property
    def complete(self) -> bool:
        """Tell whether every row of the panel is here (not only the most urgent ones)."""
        return len(self.rows) == self.count


@dataclass(frozen=True)
class Board:
    """The seven panels of one reading, in order, with the day it was read for."""

    today: date
    panels: tuple[BoardPanel, ...]
    meeting_mode: bool = False

    def panel(self, kind: PanelKind) -> BoardPanel:
        """Return one panel by its kind."""
        return next(item for item in self.panels if item.kind is kind)


@dataclass(frozen=True)
class FilterChoice:
    """One entry of a filter's combo."""

    id: int
    label: str


@dataclass(frozen=True)
class BoardChoices:
    """What fills the filter combos: the teams (organisations with staff), the referents and the measures."""

    organisations: tuple[FilterChoice, ...]
    referents: tuple[FilterChoice, ...]
    measures: tuple[FilterChoice, ...]


def days_words(count: int, *, working: bool) -> str:
    """Return "1 jour ouvré", "3 jours ouvrés", "1 jour", "12 jours"."""
    noun = "jour" if count == 1 else "jours"
    if working:
        return f"{count} {noun} {'ouvré' if count == 1 else 'ouvrés'}"
    return f"{count} {noun}"


def late_words(count: int, *, working: bool) -> str:
    """Return "en retard de 2 jours ouvrés" (or of calendar days), the way overdue is always said."""
    return f"en retard de {days_words(count, working=working)}"


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def initials_of(display_name: str) -> str:
    """Return the initials of a household's name ("DURAND Anne" → "D. A."; a pseudonym → its first letter).

    Meeting mode shows these instead of names when asked: enough for the team to know whom they speak of.
    """
    words = _WORD.findall(display_name.replace("(sans nom)", ""))
    if not words:
        return "—"
    return " ".join(f"{word[0].upper()}." for word in words[:3])
