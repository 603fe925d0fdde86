"""Anonymised exports for funders: the tables' figures and the statistical secrecy that guards them (Qt-free)."""
