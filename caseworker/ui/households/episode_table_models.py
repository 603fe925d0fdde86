"""Table models of the support tab: history, intensity, suspensions, extensions, objectives, reviews."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from caseworker.formats import format_date
from caseworker.services.support import (
    ExtensionView,
    IntensityPeriodView,
    MilestoneView,
    ObjectiveView,
    SuspensionView,
    TransitionView,
)
from caseworker.services.support.measures import rhythm_label
from caseworker.ui.common.record_table_model import Column, RecordTableModel

translate = QCoreApplication.translate


def _until(value: date | None) -> str:
    return format_date(value) if value else translate("EpisodeTables", "ongoing")


class TransitionsTableModel(RecordTableModel[TransitionView]):
    """Every step of the episode, oldest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("EpisodeTables", "Date"),
                    lambda t: format_date(t.effective_date),
                    sort_key=lambda t: t.effective_date,
                ),
                Column(translate("EpisodeTables", "Status"), lambda t: t.label),
                Column(translate("EpisodeTables", "By"), lambda t: t.staff_name),
                Column(translate("EpisodeTables", "Reason"), lambda t: t.reason, tooltip=lambda t: t.reason),
            ],
            parent,
        )


class IntensityTableModel(RecordTableModel[IntensityPeriodView]):
    """The dated intensity levels."""

    def __init__(self, parent: Any = None) -> None:
        # Where a meeting decided a row: "décidée en COSI (comité de suivi) du 15/06/2026" (by the row's id).
        self.origins: dict[int, str] = {}
        super().__init__(
            [
                Column(translate("EpisodeTables", "Level"), lambda p: p.level_label),
                Column(
                    translate("EpisodeTables", "Contact rhythm"),
                    lambda p: rhythm_label(p.rhythm_contacts, p.rhythm_days),
                ),
                Column(
                    translate("EpisodeTables", "From"),
                    lambda p: format_date(p.start_date),
                    sort_key=lambda p: p.start_date,
                ),
                Column(
                    translate("EpisodeTables", "Until"),
                    lambda p: _until(p.end_date),
                    sort_key=lambda p: p.end_date or date.max,
                ),
                Column(translate("EpisodeTables", "Reason"), lambda p: p.reason, tooltip=lambda p: p.reason),
                Column(
                    translate("EpisodeTables", "Decided in"),
                    lambda p: self.origins.get(p.id, p.decided_where),
                    tooltip=lambda p: self.origins.get(p.id, p.decided_where),
                ),
            ],
            parent,
        )


class SuspensionsTableModel(RecordTableModel[SuspensionView]):
    """Pauses without exit."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(translate("EpisodeTables", "Reason"), lambda s: s.reason_label),
                Column(
                    translate("EpisodeTables", "From"),
                    lambda s: format_date(s.start_date),
                    sort_key=lambda s: s.start_date,
                ),
                Column(
                    translate("EpisodeTables", "Until"),
                    lambda s: _until(s.end_date),
                    sort_key=lambda s: s.end_date or date.max,
                ),
                Column(
                    translate("EpisodeTables", "Review"),
                    lambda s: (
                        format_date(s.review_date)
                        + (" ⚠ " + translate("EpisodeTables", "overdue") if s.review_overdue else "")
                    ),
                    sort_key=lambda s: s.review_date,
                ),
                Column(translate("EpisodeTables", "Note"), lambda s: s.note, tooltip=lambda s: s.note),
            ],
            parent,
        )


class ExtensionsTableModel(RecordTableModel[ExtensionView]):
    """Renewals and extensions."""

    def __init__(self, parent: Any = None) -> None:
        # Where a meeting decided a row: "décidée en COSI (comité de suivi) du 15/06/2026" (by the row's id).
        self.origins: dict[int, str] = {}
        super().__init__(
            [
                Column(
                    translate("EpisodeTables", "Decided on"),
                    lambda e: format_date(e.decided_on),
                    sort_key=lambda e: e.decided_on,
                ),
                Column(
                    translate("EpisodeTables", "Length"),
                    lambda e: translate("EpisodeTables", "{months} months").format(months=e.months),
                    sort_key=lambda e: e.months,
                ),
                Column(translate("EpisodeTables", "Approved by"), lambda e: e.approver_name),
                Column(
                    translate("EpisodeTables", "Justification"),
                    lambda e: e.justification,
                    tooltip=lambda e: e.justification,
                ),
                Column(
                    translate("EpisodeTables", "Decided in"),
                    lambda e: self.origins.get(e.id, e.decided_where),
                    tooltip=lambda e: self.origins.get(e.id, e.decided_where),
                ),
            ],
            parent,
        )


class ObjectivesTableModel(RecordTableModel[ObjectiveView]):
    """Objectives in the household's words."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(translate("EpisodeTables", "Objective"), lambda o: o.text, tooltip=lambda o: o.text),
                Column(translate("EpisodeTables", "Theme"), lambda o: o.theme_label),
                Column(translate("EpisodeTables", "Carried by"), lambda o: o.owner_label),
                Column(translate("EpisodeTables", "Status"), lambda o: o.status_label),
                Column(
                    translate("EpisodeTables", "Next review"),
                    lambda o: (
                        format_date(o.next_review_on)
                        + (" ⚠ " + translate("EpisodeTables", "overdue") if o.review_overdue else "")
                    ),
                    sort_key=lambda o: o.next_review_on or date.max,
                ),
            ],
            parent,
        )


class MilestonesTableModel(RecordTableModel[MilestoneView]):
    """Reviews due and held."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(translate("EpisodeTables", "Review"), lambda m: m.label),
                Column(translate("EpisodeTables", "Due"), lambda m: format_date(m.due_on), sort_key=lambda m: m.due_on),
                Column(
                    translate("EpisodeTables", "Held"),
                    lambda m: (
                        format_date(m.held_on)
                        if m.held_on
                        else ("⚠ " + translate("EpisodeTables", "overdue") if m.overdue else "")
                    ),
                    sort_key=lambda m: m.held_on or date.max,
                ),
                Column(translate("EpisodeTables", "Note"), lambda m: m.note, tooltip=lambda m: m.note),
            ],
            parent,
        )
