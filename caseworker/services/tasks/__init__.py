"""Tasks, debrief notes and the automatic tasks of the morning debrief (docs/domain.md §11.2).

- :mod:`.service`: :class:`TaskService` creates, closes, reassigns and lists tasks (« Mes tâches », a household's
  tasks), records debrief notes and turns a debrief decision into a task or a note in one step;
- :mod:`.automatic`: :class:`AutomaticTasks` makes the tasks the record calls for (a planned end, a review, an
  expiry…) once each, and closes them by themselves when their condition is met;
- :mod:`.closing`: closing a person's tasks inside another use case (recording a contact closes them);
- :mod:`.views`: the frozen rows returned, and the due date said in words.
"""

from caseworker.services.tasks.automatic import AutomaticTasks, RefreshCounts
from caseworker.services.tasks.service import (
    DebriefChoice,
    DebriefDecision,
    DebriefOutcome,
    OwnerChoice,
    TaskInput,
    TaskService,
)
from caseworker.services.tasks.views import DebriefNoteView, TaskRow, due_in_words

__all__ = [
    "AutomaticTasks",
    "DebriefChoice",
    "DebriefDecision",
    "DebriefNoteView",
    "DebriefOutcome",
    "OwnerChoice",
    "RefreshCounts",
    "TaskInput",
    "TaskRow",
    "TaskService",
    "due_in_words",
]
