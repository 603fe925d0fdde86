"""Alerts between landlords and the association, debts and eviction procedures of demo households.

This package owns what the demo invents about prevention once a chunk of households and their support are
written: the alerts of each stay in a landlord's dwelling with their dated histories, the rent debts with
their repayment plans and payments, and the eviction procedures behind the court terminations of the occupancy
history. Its constant data (weights, delays, French text) live apart from the code that draws from them, and
the same seed always gives the same rows.

- ``tables.py``: the weights, delays and sentences the planners draw from (data only).
- ``reference.py``: the alert types, landlords and staff read once per generation.
- ``plans.py``: the stays, alerts, debts and procedures being invented, before they become rows.
- ``moments.py``: local moments, office hours, working days and the stored UTC text.
- ``teams.py``: who is on each household's team, read back after the support step.
- ``alerts.py``: the alerts and the dated walk of each one.
- ``debts.py``: debts, repayment plans and payments.
- ``procedures.py``: eviction procedures, their stages and suspensions.
- ``writer.py``: the queued rows of a chunk, their ids, and how they are written.
- ``planner.py``: :class:`PreventionPlanner`, which calls the others in the order of the random draws.
"""

from caseworker.demo.prevention.planner import PreventionPlanner
from caseworker.demo.prevention.reference import PreventionReference, load_prevention_reference
from caseworker.demo.prevention.writer import PreventionCounts

__all__ = ["PreventionCounts", "PreventionPlanner", "PreventionReference", "load_prevention_reference"]
