"""« Mes tâches » and the check of automatic tasks (docs/domain.md §11.2), through the services.

The check is measured as the team lead runs it (every household: the largest run) and as the busiest referent
does; « Mes tâches » as that referent reads it. The first run of the check on a fresh demo makes nothing (the demo
already ran it): what is measured is the steady run, which reads everything and writes little. The window runs the
check behind a progress dialog, on a worker thread, with the cyclic collector paused (``ui/common/tasks.py``,
``caseworker/collection.py``): so is it measured (with the collector running, half the time went to collecting the
garbage of the process that wrote the demo).
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.measures import stats, timed
from caseworker.collection import collection_paused


def _as_the_window_runs(check: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        with collection_paused():
            return check()

    return run


def task_measures(services, referent) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """``services`` act as the team lead, ``referent`` as the busiest social worker."""
    services.automatic_tasks.refresh()
    referent.automatic_tasks.refresh()
    referent.tasks.my_tasks(recently_closed=True)
    return {
        "referent_open_tasks": len(referent.tasks.my_tasks()),
        "automatic_tasks_refresh": stats(timed(_as_the_window_runs(services.automatic_tasks.refresh), 5)),
        "referent_automatic_tasks_refresh": stats(timed(_as_the_window_runs(referent.automatic_tasks.refresh), 10)),
        "referent_my_tasks": stats(timed(lambda: referent.tasks.my_tasks(recently_closed=True), 30)),
    }
