"""The board (*Tableau de bord*) of the morning debrief and its meeting mode (docs/domain.md §11.1).

Callers use one service, :class:`BoardService`, and read frozen values. Modules:

- ``values.py`` — the filter, the board, its panels and rows; overdue in words; initials
- ``scope.py`` — which households a reading covers (the filters as one SQL selection), their names, the combos
- ``panels.py`` — alerts, contacts since the last working day, no-contact, suspensions to review, waiting list,
  caseloads
- ``deadlines.py`` — the deadlines of the next 7 days; ``episode_deadlines.py`` — those an episode sets (reviews,
  planned end, the decision before it)
- ``service.py`` — :class:`BoardService`: one reading of the seven panels
"""

from __future__ import annotations

from caseworker.services.board.service import BoardService
from caseworker.services.board.values import (
    PANEL_ROWS,
    PANEL_TITLES,
    Board,
    BoardChoices,
    BoardFilter,
    BoardPanel,
    BoardRow,
    FilterChoice,
    PanelKind,
    initials_of,
    late_words,
)

__all__ = [
    "PANEL_ROWS",
    "PANEL_TITLES",
    "Board",
    "BoardChoices",
    "BoardFilter",
    "BoardPanel",
    "BoardRow",
    "BoardService",
    "FilterChoice",
    "PanelKind",
    "initials_of",
    "late_words",
]
