"""The household's team: who follows the household, from which organisation, and who coordinates.

The panel shows the team (optionally with past members), how many times the coordination changed hands, and the
caseload of each current staff member against their target (who may coordinate: docs/domain.md §2). Every change
goes through :class:`caseworker.services.support.TeamService`; the panel re-reads the team afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseworker.formats import format_date, format_number
from caseworker.services.date_rules import DateKind
from caseworker.services.support import CaseloadView, TeamCandidate, TeamMemberInput, TeamMemberView, TeamService
from caseworker.services.validation import SHORT_TEXT_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.form_errors import ERROR_STYLE
from caseworker.ui.common.messages import ask_yes_no
from caseworker.ui.common.record_table_model import Column, RecordTableModel
from caseworker.ui.common.text_limits import limited_line

translate = QCoreApplication.translate


@dataclass(frozen=True)
class TeamDeps:
    """What the team tab and its dialogs use: the team service, and the clock the dates are checked against."""

    team: TeamService
    today: Callable[[], date]


class TeamTableModel(RecordTableModel[TeamMemberView]):
    """The members of a household's team, in the order the service gives (coordinator first)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(translate("TeamTableModel", "Name"), lambda m: m.name),
                Column(translate("TeamTableModel", "Organisation"), lambda m: m.organisation_name),
                Column(translate("TeamTableModel", "Profession"), lambda m: m.profession_label),
                Column(translate("TeamTableModel", "Role in the team"), lambda m: m.role_label),
                Column(
                    translate("TeamTableModel", "Coordination"),
                    lambda m: translate("TeamTableModel", "★ Coordinator") if m.is_coordinator else "",
                    sort_key=lambda m: not m.is_coordinator,
                ),
                Column(
                    translate("TeamTableModel", "Since"),
                    lambda m: format_date(m.start_date),
                    sort_key=lambda m: m.start_date,
                ),
                Column(
                    translate("TeamTableModel", "Until"),
                    lambda m: format_date(m.end_date),
                    sort_key=lambda m: m.end_date or date.max,
                    tooltip=lambda m: m.end_reason,
                ),
            ],
            parent,
        )


class TeamPanel(QWidget):
    """A household's team, its coordinator, and the caseload of its staff members.

    Signals:
        changed: a member was added or left, or the coordination changed hands.
    """

    changed = Signal()

    def __init__(self, deps: TeamDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self.household_id: int | None = None
        self.model = TeamTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("teamTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton(self.tr("&Add member…"))
        self.add_button.setObjectName("addTeamMemberButton")
        self.coordinator_button = QPushButton(self.tr("Make &coordinator…"))
        self.coordinator_button.setObjectName("makeCoordinatorButton")
        self.end_button = QPushButton(self.tr("&End membership…"))
        self.end_button.setObjectName("endMembershipButton")
        self.add_button.clicked.connect(self.add_member)
        self.coordinator_button.clicked.connect(self.designate_coordinator)
        self.end_button.clicked.connect(self.end_membership)
        self.past_check = QCheckBox(self.tr("Show &past members"))
        self.past_check.setObjectName("showPastMembersCheck")
        self.past_check.toggled.connect(self.refresh)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.coordinator_button, self.end_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.past_check)

        self.changes_label = QLabel()
        self.changes_label.setObjectName("coordinatorChangesLabel")
        self.caseload_heading = QLabel(self.tr("Caseload of the staff members on the team"))
        self.caseload_box = QWidget()
        self.caseload_box.setObjectName("caseloadBox")
        self._caseload_layout = QVBoxLayout(self.caseload_box)
        self._caseload_layout.setContentsMargins(0, 0, 0, 0)
        self.caseload_labels: dict[int, QLabel] = {}

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.changes_label)
        layout.addWidget(self.caseload_heading)
        layout.addWidget(self.caseload_box)
        self.set_household(None)

    # loading ---------------------------------------------------------------------------------------------

    def set_household(self, household_id: int | None) -> None:
        """Show the team of ``household_id`` (None: nothing)."""
        self.household_id = household_id
        self.refresh()

    def refresh(self) -> None:
        """Re-read the team, the coordinator changes and the caseloads."""
        household_id = self.household_id
        if household_id is None:
            self.model.set_records([])
            self.changes_label.clear()
            self._show_caseloads([])
        else:
            team = self._deps.team.team(household_id, include_past=self.past_check.isChecked())
            self.model.set_records(team)
            self.table.resizeColumnsToContents()
            changes = self._deps.team.coordinator_changes(household_id)
            self.changes_label.setText(self.tr("Coordinator changes: %n", "", changes))
            staff_ids = [m.staff_member_id for m in team if m.is_current and m.staff_member_id is not None]
            self._show_caseloads(self._deps.team.caseloads(staff_member_ids=staff_ids) if staff_ids else [])
        enable_unless(self.add_button, "" if household_id is not None else self.tr("Open a household first."))
        self._update_buttons()

    def _show_caseloads(self, loads: list[CaseloadView]) -> None:
        for label in self.caseload_labels.values():
            self._caseload_layout.removeWidget(label)
            label.deleteLater()
        self.caseload_labels = {}
        for load in loads:
            label = QLabel(self._caseload_text(load), self.caseload_box)
            label.setObjectName(f"caseload_{load.staff_member_id}")
            label.setProperty("overTarget", load.over_target)
            if load.over_target:
                label.setStyleSheet(f"{ERROR_STYLE} font-weight: bold;")
                label.setToolTip(self.tr("Over the caseload target"))
            self._caseload_layout.addWidget(label)
            label.show()  # created after its parent may have been shown
            self.caseload_labels[load.staff_member_id] = label
        self.caseload_heading.setVisible(bool(loads))

    def _caseload_text(self, load: CaseloadView) -> str:
        households = self.tr("%n household(s)", "", load.households)
        if load.target is None or load.ratio is None:
            return self.tr("{name}: {households}, load {load}, no target").format(
                name=load.name, households=households, load=format_number(load.weighted_load, "0.0")
            )
        return self.tr("{name}: {households}, load {load} / target {target} ({percent} %)").format(
            name=load.name,
            households=households,
            load=format_number(load.weighted_load, "0.0"),
            target=format_number(load.target),
            percent=round(load.ratio * 100),
        )

    # selection -------------------------------------------------------------------------------------------

    def selected_member(self) -> TeamMemberView | None:
        """Return the member selected in the table, if any."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.record(index.row())

    def select_member(self, membership_id: int) -> bool:
        """Select the row of ``membership_id``; return whether it is shown."""
        for row, member in enumerate(self.model.records()):
            if member.id == membership_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        member = self.selected_member()
        if member is None:
            reason = self.tr("Select a member of the team first.")
            enable_unless(self.end_button, reason)
            enable_unless(self.coordinator_button, reason)
            return
        left = "" if member.is_current else self.tr("This person has left the team.")
        enable_unless(self.end_button, left)
        if left:
            coordinate = left
        elif member.is_coordinator:
            coordinate = self.tr("This person is the coordinator already.")
        elif not member.may_coordinate:
            coordinate = self.tr("This person's role in the team may not coordinate.")
        else:
            coordinate = ""
        enable_unless(self.coordinator_button, coordinate)

    # actions ---------------------------------------------------------------------------------------------

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()

    def add_member(self) -> None:
        """Add a staff member or a partner contact to the team."""
        if self.household_id is None:
            return
        dialog = AddTeamMemberDialog(self._deps, self.household_id, parent=self)
        if dialog.exec():
            self._after_change()
            if dialog.saved is not None:
                self.select_member(dialog.saved.id)

    def designate_coordinator(self) -> None:
        """Hand the coordination over to the selected member."""
        member = self.selected_member()
        if self.household_id is None or member is None or not self.coordinator_button.isEnabled():
            return
        if CoordinatorDialog(self._deps, member, parent=self).exec():
            self._after_change()

    def end_membership(self) -> None:
        """Record that the selected member left the team (naming a successor when they coordinate)."""
        member = self.selected_member()
        if self.household_id is None or member is None or not member.is_current:
            return
        team = self._deps.team.team(self.household_id)
        if EndMembershipDialog(self._deps, member, team, parent=self).exec():
            self._after_change()


class AddTeamMemberDialog(FormDialog):
    """Adds a staff member (of any organisation) or a partner contact to a household's team."""

    def __init__(self, deps: TeamDeps, household_id: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add a team member"), parent=parent, minimum_width=560)
        self._deps = deps
        self._household_id = household_id
        self.saved: TeamMemberView | None = None
        self._candidates = deps.team.candidates(household_id)
        self._has_coordinator = deps.team.current_coordinator(household_id) is not None
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("personCombo")
        self.person_combo.addItem(self.tr("Choose a person…"), None)
        previous_kind: bool | None = None
        for index, candidate in enumerate(self._candidates):
            is_staff = candidate.staff_member_id is not None
            if previous_kind is not None and previous_kind != is_staff:
                self.person_combo.insertSeparator(self.person_combo.count())
            previous_kind = is_staff
            self.person_combo.addItem(self._candidate_text(candidate), index)
        self.role_combo = ChoiceCombo(deps.team.role_choices())
        self.role_combo.setObjectName("teamRoleCombo")
        self.start_field = DateField(kind=DateKind.EVENT, today=deps.today)
        self.start_field.setObjectName("startDateField")
        self.start_field.set_date(deps.today())
        self.coordinator_check = QCheckBox(self.tr("Coordinating referent from this date"))
        self.coordinator_check.setObjectName("coordinatorCheck")
        self.add_row(self.tr("&Person:"), self.person_combo, "member", "staff_member_id", "partner_contact_id")
        self.add_row(self.tr("&Role in the team:"), self.role_combo, "role_code")
        self.add_row(self.tr("&Since:"), self.start_field, "start_date")
        self.add_row(self.tr("Coo&rdination:"), self.coordinator_check, "is_coordinator")
        self.finish(self._submit, check=self._problems, confirm=self._keeps_sight_or_agreed)
        self.person_combo.currentIndexChanged.connect(self._person_changed)
        self._person_changed()
        if not self._candidates:
            self.errors.show({"member": self.tr("Everyone in the directory is already on this team.")})
        self.person_combo.setFocus()

    def _candidate_text(self, candidate: TeamCandidate) -> str:
        profession = f" ({candidate.profession_label})" if candidate.profession_label else ""
        return f"{candidate.name} — {candidate.organisation_name}{profession}"

    def candidate(self) -> TeamCandidate | None:
        """Return the chosen person."""
        index = self.person_combo.currentData()
        return self._candidates[int(index)] if index is not None else None

    def choose(self, *, staff_member_id: int | None = None, partner_contact_id: int | None = None) -> bool:
        """Select a person by id (tests and callers that know whom to add); return whether they are offered."""
        for row in range(self.person_combo.count()):
            index = self.person_combo.itemData(row)
            if index is None:
                continue
            candidate = self._candidates[int(index)]
            if (candidate.staff_member_id, candidate.partner_contact_id) == (staff_member_id, partner_contact_id):
                self.person_combo.setCurrentIndex(row)
                return True
        return False

    def _person_changed(self) -> None:
        candidate = self.candidate()
        may_coordinate = candidate is not None and candidate.may_coordinate
        self.coordinator_check.setEnabled(may_coordinate)
        # Without a coordinator, the first person who may coordinate does (the service decides it too).
        self.coordinator_check.setChecked(may_coordinate and not self._has_coordinator)
        if candidate is not None and candidate.suggested_role_code:
            self.role_combo.set_code(candidate.suggested_role_code)

    def _problems(self) -> dict[str, str]:
        """The start date's problem, and a person not chosen yet."""
        _start, problem = self.start_field.date_or_error()
        typed: dict[str, str] = {}
        if problem:
            typed["start_date"] = problem
        if self.candidate() is None:
            typed["member"] = self.tr("Choose the person who joins the team.")
        return typed

    def _keeps_sight_or_agreed(self) -> bool:
        """Adding the first colleague to the team of a file one opened without joining it: ask first."""
        candidate = self.candidate()
        assert candidate is not None  # checked by _problems
        if self._deps.team.keeps_sight_after_adding(self._household_id, candidate.staff_member_id):
            return True
        return ask_yes_no(
            self,
            self.tr("Add a team member"),
            self.tr(
                "You are not on this household's team. Once {name} joins it, the household will no longer "
                "appear in your lists and searches: only its team and the team lead see it.\n\n"
                "To keep following it, add yourself to the team first. Add {name} anyway?"
            ).format(name=candidate.name),
        )

    def _submit(self) -> None:
        start, _ = self.start_field.date_or_error()
        candidate = self.candidate()
        assert start is not None and candidate is not None  # checked by _problems
        data = TeamMemberInput(
            role_code=self.role_combo.code(),
            start_date=start,
            staff_member_id=candidate.staff_member_id,
            partner_contact_id=candidate.partner_contact_id,
            is_coordinator=self.coordinator_check.isChecked(),
        )
        self.saved = self._deps.team.add_member(self._household_id, data)


class CoordinatorDialog(FormDialog):
    """Hands the coordination of the team over to a member, from a date."""

    def __init__(self, deps: TeamDeps, member: TeamMemberView, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Change the coordinating referent"), today=deps.today, parent=parent, minimum_width=None
        )
        self.form.addRow(self.tr("New coordinator:"), QLabel(member.name))
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&From:"), "on", deps.today())
        self.date_field.setObjectName("coordinationDateField")
        self.finish(lambda: deps.team.designate_coordinator(member.household_id, member.id, on=self.required("on")))
        self.date_field.setFocus()


class EndMembershipDialog(FormDialog):
    """Records that a member left the team; a leaving coordinator names their successor in the same step."""

    def __init__(
        self,
        deps: TeamDeps,
        member: TeamMemberView,
        team: list[TeamMemberView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("End a team membership"), today=deps.today, parent=parent)
        self._deps = deps
        self._member = member
        self.form.addRow(self.tr("Member:"), QLabel(f"{member.name} — {member.organisation_name}"))
        self.end_field = self.date_row(DateKind.EVENT, self.tr("&Last day:"), "end_date", deps.today())
        self.end_field.setObjectName("endDateField")
        self.reason_edit = limited_line(SHORT_TEXT_MAX)
        self.reason_edit.setObjectName("endReasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("e.g. end of the health follow-up, change of sector"))
        self.add_row(self.tr("&Reason:"), self.reason_edit, "end_reason")
        self.successor_combo = QComboBox()
        self.successor_combo.setObjectName("successorCombo")
        others = [other for other in team if other.is_current and other.id != member.id]
        self.needs_successor = member.is_coordinator and bool(others)
        if self.needs_successor:
            self.successor_combo.addItem(self.tr("Choose the new coordinator…"), None)
            for other in others:
                if other.may_coordinate:
                    self.successor_combo.addItem(f"{other.name} — {other.organisation_name}", other.id)
            self.add_row(self.tr("New &coordinator:"), self.successor_combo, "successor_id")
            hint = QLabel(self.tr("The new coordinator takes over the day after the last day."))
            hint.setWordWrap(True)
            self.form.addRow("", hint)
        else:
            self.successor_combo.setVisible(False)
        self.finish(self._submit, check=self._problems, confirm=self._keeps_sight_or_agreed)
        self.end_field.setFocus()

    def choose_successor(self, membership_id: int) -> bool:
        """Select the successor by membership id; return whether they are offered."""
        row = self.successor_combo.findData(membership_id)
        if row >= 0:
            self.successor_combo.setCurrentIndex(row)
        return row >= 0

    def _problems(self) -> dict[str, str]:
        """A leaving coordinator's successor not chosen yet (before anything is asked or saved)."""
        offered = self.successor_combo.count() > 1  # none offered: the service says who to add first
        if self.needs_successor and offered and self.successor_combo.currentData() is None:
            return {"successor_id": self.tr("Choose the new coordinating referent before the current one leaves.")}
        return {}

    def _keeps_sight_or_agreed(self) -> bool:
        """Leaving one's own team, colleagues staying on it: ask first."""
        if self._deps.team.keeps_sight_after_leaving(self._member.id):
            return True
        last_day = format_date(self.required("end_date"))
        return ask_yes_no(
            self,
            self.tr("End a team membership"),
            self.tr(
                "You are leaving this household's team. After your last day ({date}) the household will no longer "
                "appear in your lists and searches: only its team and the team lead see it. Record your departure?"
            ).format(date=last_day),
        )

    def _submit(self) -> None:
        data = self.successor_combo.currentData() if self.needs_successor else None
        successor_id = int(data) if data is not None else None
        self._deps.team.end_membership(
            self._member.id,
            end_date=self.required("end_date"),
            reason=self.reason_edit.text(),
            successor_id=successor_id,
        )
