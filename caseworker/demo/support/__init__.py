"""The support timelines of demo households: episodes, the team around them and the contact log.

This package owns what the demo invents about support once a chunk of households exists: which measure and
episode each household has (walked through the state machine of docs/domain.md §3.1, with suspensions,
intensity levels, extensions, objectives, reviews and the exit record), the team with its one coordinator, and
contacts at the rhythm of the current intensity level. Its constant data (weights, durations, French phrasings)
live apart from the code that draws from them, and the same seed always gives the same rows.

- ``tables.py``: the weights, durations and sentences the planners draw from (data only).
- ``reference.py``: the measures, picklists and staff read once per generation.
- ``plans.py``: the support being invented for one household, before it becomes rows.
- ``episodes.py``: the episode timelines (status, path, suspensions, levels, extensions).
- ``team.py``: the team around a household.
- ``episode_rows.py``: the rows of episodes, transitions, team, periods, objectives, reviews and exits.
- ``contacts.py``: the contact log.
- ``writer.py``: the queued rows of a chunk, their ids, and how they are written.
- ``planner.py``: :class:`SupportPlanner`, which calls the others in the order of the random draws.
"""

from caseworker.demo.support.planner import SupportPlanner
from caseworker.demo.support.reference import SupportReference, load_support_reference
from caseworker.demo.support.tables import ACTOR_CASELOAD
from caseworker.demo.support.writer import SupportCounts

__all__ = ["ACTOR_CASELOAD", "SupportCounts", "SupportPlanner", "SupportReference", "load_support_reference"]
