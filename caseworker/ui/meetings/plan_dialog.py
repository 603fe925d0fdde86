"""Planning a meeting: its type, its date (the type's next date proposed, F56), its place, whether urgent."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.services.date_rules import DateKind
from caseworker.services.meetings import MeetingInput, MeetingView
from caseworker.services.validation import LABEL_MAX
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.text_limits import limited_line
from caseworker.ui.meetings.deps import MeetingsDeps


class PlanMeetingDialog(FormDialog):
    """Plans a meeting of a type; changing the type proposes its next date again.

    The date proposed is the soonest date a household followed is due for a meeting of that type (its last
    passage, or its start, plus the type's cadence), never before today: the coordinator sees why under the field.
    """

    def __init__(self, deps: MeetingsDeps, type_code: str = "", parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Plan a meeting"), today=deps.today, parent=parent)
        self.deps = deps
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("plan_type_combo")
        for meeting_type in deps.meetings.meeting_types():
            self.type_combo.addItem(meeting_type.label, meeting_type.code)
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(type_code), 0) if type_code else 0)
        self.add_row(self.tr("&Type:"), self.type_combo, "type_code")
        self.date_field = self.date_row(DateKind.PLANNED, self.tr("&Date:"), "held_on", deps.today())
        self.next_label = QLabel()
        self.next_label.setObjectName("next_date_hint")
        self.next_label.setWordWrap(True)
        self.form.addRow("", self.next_label)
        self.place_edit = limited_line(LABEL_MAX)
        self.place_edit.setObjectName("place_edit")
        self.add_row(self.tr("&Place:"), self.place_edit, "place")
        self.urgent_check = QCheckBox(self.tr("&Urgent (outside the usual cadence)"))
        self.urgent_check.setObjectName("urgent_check")
        self.add_row("", self.urgent_check, "urgent")
        self.saved: MeetingView | None = None
        self.type_combo.currentIndexChanged.connect(lambda _index: self._propose_date())
        self._propose_date()
        self.finish(self._plan)

    def proposed_date(self, code: str) -> tuple[date, str]:
        """Return the date proposed for the type ``code``, and why (an empty reason: today, nothing due)."""
        today = self.deps.today()
        dates = self.deps.meetings.next_dates(code) if code else []
        if not dates:
            return today, ""
        soonest = dates[0]
        due = [item for item in dates if item.due_on <= max(soonest.due_on, today)]
        reason = self.tr("%n household(s) due by {date} (first: {name}, {basis})", "", len(due)).format(
            date=format_date(soonest.due_on), name=soonest.household_name, basis=soonest.basis
        )
        return max(soonest.due_on, today), reason

    def _propose_date(self) -> None:
        try:
            proposed, reason = self.proposed_date(str(self.type_combo.currentData() or ""))
        except KnownError as exc:
            proposed, reason = self.deps.today(), exc.user_message
        self.date_field.set_date(proposed)
        self.next_label.setText(reason)
        self.next_label.setVisible(bool(reason))

    def _plan(self) -> None:
        self.saved = self.deps.meetings.plan(
            MeetingInput(
                str(self.type_combo.currentData() or ""),
                self.required("held_on"),
                place=self.place_edit.text(),
                urgent=self.urgent_check.isChecked(),
            )
        )
