"""The agenda's and the attendance list's dialogs: items proposed by the records, an item typed, an attendee."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain.debrief import AgendaItemKind
from caseworker.formats import format_date
from caseworker.services.identity import staff_display_name
from caseworker.services.meetings import (
    AgendaProposal,
    AttendeeInput,
    AttendeeView,
    ItemInput,
    MeetingView,
)
from caseworker.services.meetings.planning import ITEM_LABEL_MAX
from caseworker.services.validation import LABEL_MAX
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.form_errors import FormErrors, submit
from caseworker.ui.common.household_picker import HouseholdPicker
from caseworker.ui.common.text_limits import limited_line
from caseworker.ui.meetings.deps import MeetingsDeps


def proposal_text(proposal: AgendaProposal) -> str:
    """One line of the proposed agenda: household, what it is about, when it falls due."""
    due = f" — {format_date(proposal.due_on)}" if proposal.due_on else ""
    return f"{proposal.household_name} · {proposal.label}{due}"


class FillAgendaDialog(FittedDialog):
    """Shows the items the records call for (propose_agenda) as a checkable list, all ticked; adds those ticked.

    Nothing is stored until Add: unticking leaves an item for a later meeting.

    Attributes:
        saved: the meeting as it stands after the items were added (None until then).
    """

    def __init__(
        self, deps: MeetingsDeps, meeting: MeetingView, proposals: list[AgendaProposal], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fill the agenda"))
        self.setMinimumWidth(560)
        self.deps = deps
        self.meeting = meeting
        self.proposals = proposals
        self.saved: MeetingView | None = None
        self.errors = FormErrors()
        intro = QLabel(
            self.tr(
                "%n item(s) proposed from the records (reviews due, planned ends, glissements, candidates).",
                "",
                len(proposals),
            )
        )
        intro.setWordWrap(True)
        self.proposal_list = QListWidget()
        self.proposal_list.setObjectName("proposal_list")
        for proposal in proposals:
            item = QListWidgetItem(proposal_text(proposal))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.proposal_list.addItem(item)
        self.none_button = QPushButton(self.tr("&Untick all"))
        self.none_button.clicked.connect(lambda: self._tick_all(Qt.CheckState.Unchecked))
        self.all_button = QPushButton(self.tr("&Tick all"))
        self.all_button.clicked.connect(lambda: self._tick_all(Qt.CheckState.Checked))
        general = QLabel()
        self.errors.set_general_label(general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(self.tr("&Add to the agenda"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setObjectName("add_to_agenda_button")
        self.add_button.setEnabled(bool(proposals))
        self.buttons.accepted.connect(self._add)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.all_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.none_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.proposal_list, 1)
        layout.addWidget(general)
        layout.addWidget(self.buttons)

    def _tick_all(self, state: Qt.CheckState) -> None:
        for row in range(self.proposal_list.count()):
            self.proposal_list.item(row).setCheckState(state)

    def chosen(self) -> list[AgendaProposal]:
        """Return the proposals ticked, in the list's order."""
        return [
            proposal
            for row, proposal in enumerate(self.proposals)
            if self.proposal_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _add(self) -> None:
        items = [
            ItemInput(p.kind, p.label, p.household_id, p.episode_id, p.glissement_review_id, p.due_on)
            for p in self.chosen()
        ]
        if not items:
            self.reject()
            return

        def save() -> None:
            self.saved = self.deps.meetings.add_items(self.meeting.id, items, expected_version=self.meeting.row_version)

        submit(self, self.errors, save)


class ItemDialog(FormDialog):
    """Adds an item typed by hand at the end of the agenda: a title and, when it is about one, a household.

    The household is searched as its name or number is typed, among those the person sees (never all loaded: a
    service holds ten thousand); the item names its running support, so that the minutes may decide on it. An item
    of no household (the field left empty) is for the whole team (the summer on-call rota, a partner's procedure).

    Attributes:
        saved: the meeting as it stands after the item was added (None until then).
    """

    def __init__(
        self,
        deps: MeetingsDeps,
        meeting: MeetingView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Add an item"), parent=parent)
        self.deps = deps
        self.meeting = meeting
        self.saved: MeetingView | None = None
        self.title_edit = limited_line(ITEM_LABEL_MAX)
        self.title_edit.setObjectName("item_title_edit")
        self.title_edit.setPlaceholderText(self.tr("e.g. A neighbour's complaint, the summer on-call rota"))
        self.add_row(self.tr("&Title:"), self.title_edit, "items.0.label")
        self.household_picker = HouseholdPicker(lambda text, limit: deps.households.search(text, limit=limit))
        self.household_picker.setObjectName("item_household_picker")
        self.household_picker.setToolTip(self.tr("Left empty: an item for the whole team"))
        self.add_row(self.tr("&Household:"), self.household_picker, "items.0.household_id", "items.0")
        self.finish(self._add, check=self._check)

    def _check(self) -> dict[str, str]:
        if self.household_picker.household_id() is None and self.household_picker.currentText().strip():
            return {
                "items.0.household_id": self.tr("Choose the household among the matches, or leave the field empty.")
            }
        return {}

    def item(self) -> ItemInput:
        """Return the item as typed (the service checks its title and that the household is one the person sees)."""
        household_id = self.household_picker.household_id()
        episode_id = self.deps.meetings.running_support(household_id) if household_id is not None else None
        return ItemInput(AgendaItemKind.SITUATION, self.title_edit.text(), household_id, episode_id)

    def _add(self) -> None:
        self.saved = self.deps.meetings.add_items(
            self.meeting.id, [self.item()], expected_version=self.meeting.row_version
        )


class AttendeeDialog(FormDialog):
    """Adds someone to the attendance list: a staff member, a partner's contact, or a name typed.

    The whole list is written back (lines kept by their id), so that the order and the presence already set stay.

    Attributes:
        saved: the meeting as it stands after the line was added (None until then).
    """

    def __init__(self, deps: MeetingsDeps, meeting: MeetingView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add an attendee"), today=deps.today, parent=parent)
        self.deps = deps
        self.meeting = meeting
        self.saved: MeetingView | None = None
        self.staff_combo = QComboBox()
        self.staff_combo.setObjectName("attendee_staff_combo")
        self.staff_combo.addItem(self.tr("(nobody from the team)"), None)
        for staff in deps.directory.list_staff():
            if staff.active:
                self.staff_combo.addItem(f"{staff.display_name} — {staff.role_label}", staff.id)
        index = len(meeting.attendees)
        self.add_row(self.tr("&Team member:"), self.staff_combo, f"attendees.{index}")
        self.organisation_combo = QComboBox()
        self.organisation_combo.setObjectName("attendee_organisation_combo")
        self.organisation_combo.addItem(self.tr("(no partner)"), None)
        for organisation in deps.directory.list_organisations():
            if not organisation.is_own:
                self.organisation_combo.addItem(organisation.name, organisation.id)
        self.add_row(self.tr("&Partner:"), self.organisation_combo, "organisation")
        self.contact_combo = QComboBox()
        self.contact_combo.setObjectName("attendee_contact_combo")
        self.add_row(self.tr("C&ontact:"), self.contact_combo, "partner_contact_id")
        self.name_edit = limited_line(LABEL_MAX)
        self.name_edit.setObjectName("attendee_name_edit")
        self.name_edit.setPlaceholderText(self.tr("or a name, when the person is in no list"))
        self.add_row(self.tr("&Name:"), self.name_edit, "name")
        self.capacity_edit = limited_line(LABEL_MAX)
        self.capacity_edit.setObjectName("attendee_capacity_edit")
        self.add_row(self.tr("&Capacity:"), self.capacity_edit, f"attendees.{index}.capacity")
        self.organisation_combo.currentIndexChanged.connect(lambda _index: self._list_contacts())
        self._list_contacts()
        self.finish(self._add, check=self._one_person)

    def _one_person(self) -> dict[str, str]:
        """A name typed beside someone chosen from a list would be dropped silently: say so instead."""
        line = self.new_line()
        if line.name.strip() and (line.staff_member_id is not None or line.partner_contact_id is not None):
            return {"name": self.tr("Choose someone from a list or type a name, not both.")}
        return {}

    def _list_contacts(self) -> None:
        self.contact_combo.clear()
        organisation_id = self.organisation_combo.currentData()
        self.contact_combo.setEnabled(organisation_id is not None)
        if organisation_id is None:
            return
        for contact in self.deps.directory.list_partner_contacts(int(organisation_id)):
            label = staff_display_name(contact.first_name, contact.last_name)
            self.contact_combo.addItem(f"{label} — {contact.role_label}" if contact.role_label else label, contact.id)

    def new_line(self) -> AttendeeInput:
        """Return the line typed (the service refuses two of staff, contact and name at once, in French)."""
        staff_id = self.staff_combo.currentData()
        contact_id = self.contact_combo.currentData() if self.contact_combo.isEnabled() else None
        return AttendeeInput(
            name=self.name_edit.text(),
            capacity=self.capacity_edit.text(),
            staff_member_id=int(staff_id) if staff_id is not None else None,
            partner_contact_id=int(contact_id) if contact_id is not None else None,
        )

    def _add(self) -> None:
        lines = (*(kept_line(attendee) for attendee in self.meeting.attendees), self.new_line())
        self.saved = self.deps.meetings.set_attendees(self.meeting.id, lines, expected_version=self.meeting.row_version)


def kept_line(attendee: AttendeeView, *, present: bool | None = None) -> AttendeeInput:
    """Return an attendance line as it is (``present`` changes whether the person came)."""
    return AttendeeInput(
        name=attendee.name,
        capacity=attendee.capacity,
        present=attendee.present if present is None else present,
        id=attendee.id,
        staff_member_id=attendee.staff_member_id,
        partner_contact_id=attendee.partner_contact_id,
        person_id=attendee.person_id,
    )
