"""Synthetic demo data (Qt-free): fictitious households, dwellings, histories and consents for a caseload.

See :func:`caseworker.demo.generator.generate_demo`.
"""

from caseworker.demo.generator import DemoCancelled, DemoReport, generate_demo
from caseworker.demo.reference import DemoReferenceDataError

__all__ = ["DemoCancelled", "DemoReferenceDataError", "DemoReport", "generate_demo"]
