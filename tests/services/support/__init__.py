"""Tests of the support capability (caseworker.services.support)."""
