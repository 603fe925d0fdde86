# Moved: re-export kept while the refactor merges.
"""Moved to :mod:`caseworker.services.support.measures`."""

from __future__ import annotations

from caseworker.domain.support import DURATION_POLICY_LABELS as POLICY_LABELS
from caseworker.services.support.measures import (
    CODE_MAX,
    DEFAULT_SCALE,
    FUNDERS_MAX,
    LEVEL_LABEL_MAX,
    MAX_CASELOAD_TARGET,
    MAX_DURATION_MONTHS,
    MAX_EXTENSIONS,
    MAX_NO_CONTACT_DAYS,
    MAX_REVIEW_MONTHS,
    MAX_RHYTHM_CONTACTS,
    MAX_RHYTHM_DAYS,
    MAX_WEIGHT_PERCENT,
    MEASURE_NAME_MAX,
    TARGET_PUBLIC_MAX,
    IntensityLevelInput,
    IntensityLevelView,
    MeasureInput,
    MeasureService,
    MeasureView,
    policy_label,
    rhythm_label,
    slug,
    unique_code,
)

__all__ = [
    "CODE_MAX",
    "DEFAULT_SCALE",
    "FUNDERS_MAX",
    "LEVEL_LABEL_MAX",
    "MAX_CASELOAD_TARGET",
    "MAX_DURATION_MONTHS",
    "MAX_EXTENSIONS",
    "MAX_NO_CONTACT_DAYS",
    "MAX_REVIEW_MONTHS",
    "MAX_RHYTHM_CONTACTS",
    "MAX_RHYTHM_DAYS",
    "MAX_WEIGHT_PERCENT",
    "MEASURE_NAME_MAX",
    "POLICY_LABELS",
    "TARGET_PUBLIC_MAX",
    "IntensityLevelInput",
    "IntensityLevelView",
    "MeasureInput",
    "MeasureService",
    "MeasureView",
    "policy_label",
    "rhythm_label",
    "slug",
    "unique_code",
]
