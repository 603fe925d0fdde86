"""Synthetic demo data (Qt-free): a plausible caseload of fictitious households for training, screenshots and benches.

This package owns the demo generator: it invents the directory, households with their members, housing and
consents, then their support and their prevention (alerts, debts, procedures), and writes them in one
transaction; the same seed and the same ``today`` give the same rows. Constant data (names, places, weights,
phrasings) live apart from the planners that draw from them.

- ``generator.py``: :func:`generate_demo`, the chunks and the single transaction.
- ``batch.py``: rows waiting to be written, and the ids they will carry.
- ``draws.py``: the random draws every planner makes (weighted choices, days, moments at work).
- ``reference.py``: the picklists the generator reads by code.
- ``names.py``, ``places.py``: names, towns, streets and organisations (data).
- ``directory.py``: the association, landlords, partners and the team.
- ``people.py``, ``households.py``, ``housing.py``, ``consents.py``: one household at a time.
- ``support/``: episodes, teams and the contact log.
- ``prevention/``: alerts, debts and eviction procedures.
- ``aftercare.py``: after-care of some exits, reactivations, the watch list.
- ``encounters.py``: the drop-in register, street outreach and workshops.
"""

from caseworker.demo.generator import DemoCancelled, DemoReport, generate_demo
from caseworker.demo.reference import DemoReferenceDataError

__all__ = ["DemoCancelled", "DemoReferenceDataError", "DemoReport", "generate_demo"]
