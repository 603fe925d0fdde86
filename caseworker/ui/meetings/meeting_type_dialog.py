"""A meeting type's settings, from the Meetings section: name, cadence, members, whether the household attends.

Reference data (docs/domain.md §11.3): changed without a release; the code stays.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox, QWidget

from caseworker.services.meetings import MeetingTypeInput, MeetingTypeView, MemberInput
from caseworker.services.meetings.planning import MAX_CADENCE_MONTHS
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.households.contact_dialog import CheckList
from caseworker.ui.meetings.deps import MeetingsDeps

LABEL_MAX = 200


class MeetingTypeDialog(FormDialog):
    """Edits one meeting type; its standing members are the staff ticked, plus the partners and names kept.

    The save names the version read: when a colleague saved the type meanwhile, it is refused in French and the
    dialog stays open with everything typed (the Meetings section reads the types again once it is closed).

    Attributes:
        saved: the type as saved (None until then).
    """

    def __init__(self, deps: MeetingsDeps, meeting_type: MeetingTypeView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Meeting type — {label}").format(label=meeting_type.label), parent=parent)
        self.deps = deps
        self.meeting_type = meeting_type
        self.saved: MeetingTypeView | None = None
        self.label_edit = QLineEdit(meeting_type.label)
        self.label_edit.setObjectName("type_label_edit")
        self.label_edit.setMaxLength(LABEL_MAX)
        self.add_row(self.tr("&Name:"), self.label_edit, "label")
        self.cadence_spin = QSpinBox()
        self.cadence_spin.setObjectName("type_cadence_spin")
        self.cadence_spin.setRange(0, MAX_CADENCE_MONTHS)
        self.cadence_spin.setSpecialValueText(self.tr("on demand"))
        self.cadence_spin.setSuffix(self.tr(" month(s)"))
        self.cadence_spin.setValue(meeting_type.cadence_months or 0)
        self.add_row(self.tr("&Every:"), self.cadence_spin, "cadence_months")
        self.attends_check = QCheckBox(self.tr("The &household attends"))
        self.attends_check.setObjectName("type_household_attends_check")
        self.attends_check.setChecked(meeting_type.household_attends)
        self.add_row("", self.attends_check, "household_attends")
        self.active_check = QCheckBox(self.tr("In &use (offered when a meeting is planned)"))
        self.active_check.setObjectName("type_active_check")
        self.active_check.setChecked(meeting_type.active)
        self.add_row("", self.active_check, "active")
        self.members_list = CheckList()
        self.members_list.setObjectName("type_members_list")
        members = {member.staff_member_id for member in meeting_type.members if member.staff_member_id is not None}
        for staff in deps.directory.list_staff():
            if staff.active or staff.id in members:
                label = f"{staff.display_name} — {staff.role_label}"
                self.members_list.add(label, ("staff", staff.id), checked=staff.id in members)
        # Partners' contacts and names typed stay as they were, unless unticked.
        self._others: dict[Hashable, MemberInput] = {}
        for position, member in enumerate(meeting_type.members):
            if member.staff_member_id is not None:
                continue
            key = ("other", position)
            self._others[key] = MemberInput(
                partner_contact_id=member.partner_contact_id, name=member.name, capacity=member.capacity
            )
            shown = f"{member.name} — {member.capacity}" if member.capacity else member.name
            self.members_list.add(shown, key, checked=True)
        self.members_list.fit_height()
        self.add_row(self.tr("Standing &members:"), self.members_list, "members")
        self.finish(self._save_type)

    def _save_type(self) -> None:
        members = []
        for key in self.members_list.checked_keys():
            if key in self._others:
                members.append(self._others[key])
            else:
                members.append(MemberInput(staff_member_id=int(key[1])))  # type: ignore[index]
        cadence = self.cadence_spin.value() or None
        self.saved = self.deps.meetings.update_type(
            self.meeting_type.code,
            MeetingTypeInput(
                label=self.label_edit.text(),
                cadence_months=cadence,
                household_attends=self.attends_check.isChecked(),
                members=tuple(members),
                active=self.active_check.isChecked(),
            ),
            expected_version=self.meeting_type.row_version,
        )
