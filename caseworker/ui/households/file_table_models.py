"""Table models of the household file: members, housing periods, consents, audit entries."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from caseworker.domain.parties import PARTY_LABELS
from caseworker.formats import format_date, format_datetime
from caseworker.services.audit import AuditEntry
from caseworker.services.households import MemberView, OccupancyView
from caseworker.services.sharing import ConsentView
from caseworker.ui.common.record_table_model import Column, RecordTableModel

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


translate = QCoreApplication.translate


class MembersTableModel(RecordTableModel[MemberView]):
    """Current (or past) members of a household."""

    def __init__(self, today: date, *, past: bool = False, parent: Any = None) -> None:
        columns: list[Column[MemberView]] = [
            Column(translate("MembersTableModel", "Name"), lambda m: m.display_name),
            Column(translate("MembersTableModel", "Role"), lambda m: m.role_label),
            Column(
                translate("MembersTableModel", "Age"),
                lambda m: "" if m.birth_year is None else f"{m.age(today)} ({m.birth_year})",
                sort_key=lambda m: m.birth_year or 0,
                alignment=_RIGHT,
            ),
            Column(
                translate("MembersTableModel", "Administrative status"),
                lambda m: m.administrative_status_label,
            ),
            Column(
                translate("MembersTableModel", "Status deadline"),
                lambda m: format_date(m.administrative_status_deadline),
                sort_key=lambda m: m.administrative_status_deadline or date.max,
            ),
            Column(
                translate("MembersTableModel", "Arrived"),
                lambda m: format_date(m.start_date),
                sort_key=lambda m: m.start_date,
            ),
        ]
        if past:
            columns += [
                Column(
                    translate("MembersTableModel", "Left"),
                    lambda m: format_date(m.end_date),
                    sort_key=lambda m: m.end_date or date.max,
                ),
                Column(translate("MembersTableModel", "Reason"), lambda m: m.end_reason),
            ]
        super().__init__(columns, parent)


class OccupancyTableModel(RecordTableModel[OccupancyView]):
    """Housing periods, newest first."""

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("OccupancyTableModel", "Situation"),
                    lambda o: (
                        o.status_label
                        + (translate("OccupancyTableModel", " (sliding sub-lease)") if o.bail_glissant else "")
                    ),
                ),
                Column(
                    translate("OccupancyTableModel", "From"),
                    lambda o: format_date(o.start_date),
                    sort_key=lambda o: o.start_date,
                ),
                Column(
                    translate("OccupancyTableModel", "To"),
                    lambda o: format_date(o.end_date) or translate("OccupancyTableModel", "current"),
                    sort_key=lambda o: o.end_date or date.max,
                ),
                Column(
                    translate("OccupancyTableModel", "Days"),
                    lambda o: str(o.days(today)),
                    sort_key=lambda o: o.days(today),
                    alignment=_RIGHT,
                ),
                Column(
                    translate("OccupancyTableModel", "Dwelling"),
                    lambda o: o.dwelling.one_line if o.dwelling else "",
                ),
                Column(
                    translate("OccupancyTableModel", "Landlord"),
                    lambda o: o.dwelling.landlord_name if o.dwelling else "",
                ),
                Column(
                    translate("OccupancyTableModel", "Reason"),
                    lambda o: (
                        o.reason_label + (translate("OccupancyTableModel", " — concerted") if o.concerted else "")
                    ),
                ),
                Column(
                    translate("OccupancyTableModel", "Lease holder"),
                    lambda o: PARTY_LABELS[o.lease_holder] if o.lease_holder else "",
                ),
                Column(
                    translate("OccupancyTableModel", "Note"),
                    lambda o: o.note.replace("\n", " "),
                    tooltip=lambda o: o.note,
                ),
            ],
            parent,
        )


class ConsentTableModel(RecordTableModel[ConsentView]):
    """The household's consent register."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(translate("ConsentTableModel", "Person"), lambda c: c.person_name),
                Column(translate("ConsentTableModel", "Recipient"), lambda c: c.recipient_name),
                Column(
                    translate("ConsentTableModel", "Information"),
                    lambda c: c.category_labels,
                    tooltip=lambda c: c.purpose,
                ),
                Column(
                    translate("ConsentTableModel", "Status"),
                    lambda c: c.register_label,
                    tooltip=lambda c: (
                        translate(
                            "ConsentTableModel",
                            "A newer decision for the same person, recipient and information now applies.",
                        )
                        if c.superseded_codes
                        else ""
                    ),
                ),
                Column(
                    translate("ConsentTableModel", "Decided on"),
                    lambda c: format_date(c.decided_on),
                    sort_key=lambda c: c.decided_on or date.min,
                ),
                Column(
                    translate("ConsentTableModel", "Valid until"),
                    lambda c: format_date(c.ends_on or c.expires_on),
                    sort_key=lambda c: c.ends_on or c.expires_on or date.max,
                ),
                Column(
                    translate("ConsentTableModel", "Evidence"),
                    lambda c: "; ".join(
                        part
                        for part in (
                            translate("ConsentTableModel", "scan attached") if c.evidence_document_id else "",
                            c.filing_label,
                        )
                        if part
                    ),
                ),
            ],
            parent,
        )


class AuditTableModel(RecordTableModel[AuditEntry]):
    """Who viewed or changed the file, and when."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("AuditTableModel", "When"),
                    lambda e: format_datetime(e.at),
                    sort_key=lambda e: e.at,
                ),
                Column(translate("AuditTableModel", "Who"), lambda e: e.staff_name),
                Column(translate("AuditTableModel", "What"), lambda e: e.description),
                Column(translate("AuditTableModel", "Fields"), lambda e: e.field_labels),
            ],
            parent,
        )
