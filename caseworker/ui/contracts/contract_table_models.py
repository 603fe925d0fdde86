"""Table models of the contracts UI: contracts, versions of one contract, signatories of one version."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from caseworker.domain.contracts import SIGNATURE_METHOD_LABELS
from caseworker.formats import format_date
from caseworker.services.contracts import ContractSummary, ContractVersionView, SignatoryView
from caseworker.ui.common.record_table_model import Column, RecordTableModel

translate = QCoreApplication.translate
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _date_key(value: Any) -> str:
    return value.isoformat() if value is not None else "9999"


class ContractTableModel(RecordTableModel[ContractSummary]):
    """Contracts of a household, or of every household in the Contrats section."""

    REFERENCE, KIND, HOUSEHOLD, LANDLORD, STATUS, VERSION, START, END, REVIEW = range(9)

    def __init__(self, parent: Any = None, *, with_household: bool = True) -> None:
        columns = [
            Column[ContractSummary](translate("ContractTableModel", "Reference"), lambda c: c.reference),
            Column[ContractSummary](translate("ContractTableModel", "Kind"), lambda c: c.kind_label),
            Column[ContractSummary](translate("ContractTableModel", "Household"), lambda c: c.household_name),
            Column[ContractSummary](translate("ContractTableModel", "Landlord"), lambda c: c.landlord_name),
            Column[ContractSummary](translate("ContractTableModel", "Status"), lambda c: c.status_label),
            Column[ContractSummary](
                translate("ContractTableModel", "Version"), lambda c: str(c.version), lambda c: c.version, _RIGHT
            ),
            Column[ContractSummary](
                translate("ContractTableModel", "From"),
                lambda c: format_date(c.starts_on),
                lambda c: _date_key(c.starts_on),
            ),
            Column[ContractSummary](
                translate("ContractTableModel", "Until"),
                lambda c: format_date(c.ends_on) or translate("ContractTableModel", "not set"),
                lambda c: _date_key(c.ends_on),
            ),
            Column[ContractSummary](
                translate("ContractTableModel", "Next review"),
                lambda c: format_date(c.next_review_on) + (" ⚑" if c.review_soon else ""),
                lambda c: _date_key(c.next_review_on),
                tooltip=lambda c: (
                    translate("ContractTableModel", "A review is due within 30 days") if c.review_soon else ""
                ),
            ),
        ]
        if not with_household:
            del columns[self.HOUSEHOLD]
        super().__init__(columns, parent)


class VersionTableModel(RecordTableModel[ContractVersionView]):
    """The versions of one contract: the original and its amendments."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column[ContractVersionView](
                    translate("VersionTableModel", "Version"),
                    lambda v: (
                        str(v.number)
                        if v.number == 1
                        else translate("VersionTableModel", "{number} (amendment)").format(number=v.number)
                    ),
                    lambda v: v.number,
                ),
                Column[ContractVersionView](translate("VersionTableModel", "Status"), lambda v: v.status_label),
                Column[ContractVersionView](
                    translate("VersionTableModel", "Dated"),
                    lambda v: format_date(v.version_date),
                    lambda v: v.version_date,
                ),
                Column[ContractVersionView](
                    translate("VersionTableModel", "In force from"),
                    lambda v: format_date(v.in_force_on),
                    lambda v: _date_key(v.in_force_on),
                ),
                Column[ContractVersionView](
                    translate("VersionTableModel", "Replaced on"),
                    lambda v: format_date(v.replaced_on),
                    lambda v: _date_key(v.replaced_on),
                ),
                Column[ContractVersionView](
                    translate("VersionTableModel", "Signed copy"), lambda v: v.scan.filename if v.scan else ""
                ),
                Column[ContractVersionView](translate("VersionTableModel", "Amendment"), lambda v: v.amendment_note),
            ],
            parent,
        )


class SignatoryTableModel(RecordTableModel[SignatoryView]):
    """Who signs a version, and the signatures recorded."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column[SignatoryView](translate("SignatoryTableModel", "For"), lambda s: s.party_label),
                Column[SignatoryView](translate("SignatoryTableModel", "Name"), lambda s: s.name),
                Column[SignatoryView](translate("SignatoryTableModel", "Capacity"), lambda s: s.capacity),
                Column[SignatoryView](
                    translate("SignatoryTableModel", "Signed on"),
                    lambda s: format_date(s.signed_on) or translate("SignatoryTableModel", "not yet"),
                    lambda s: _date_key(s.signed_on),
                ),
                Column[SignatoryView](translate("SignatoryTableModel", "Place"), lambda s: s.signed_place),
                Column[SignatoryView](
                    translate("SignatoryTableModel", "How"),
                    lambda s: SIGNATURE_METHOD_LABELS[s.signed_how] if s.signed_how else "",
                ),
            ],
            parent,
        )
