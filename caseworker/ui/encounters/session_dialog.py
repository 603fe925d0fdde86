"""A collective session (atelier) recorded or corrected: its date, theme, who ran it, who came (docs/domain.md §14.5).

Made for the keyboard: the household of an attendee is found by typing part of its name (Enter on a match picks
it, Enter again adds it, with « le ménage » or the person chosen in the combo beside it); Delete removes the
selected attendee; Space ticks a facilitator. The attendees of households one does not follow are never shown:
the dialog says how many there are and the service keeps them as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caseworker.errors import KnownError
from caseworker.services.date_rules import DateKind
from caseworker.services.directory import DirectoryService
from caseworker.services.encounters.sessions import (
    MAX_ANONYMOUS,
    MAX_DURATION_MINUTES,
    CollectiveSessionService,
    SessionAttendeeInput,
    SessionInput,
    SessionView,
)
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.household_picker import HouseholdPicker, Search
from caseworker.ui.common.messages import show_error

ROLE_ID = Qt.ItemDataRole.UserRole
ROLE_PERSON = Qt.ItemDataRole.UserRole + 1
ROLE_PARTNER = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class SessionsDeps:
    """What the sessions page and its dialog use.

    The service, the directory, the household search, the clock and the person working (ticked as a facilitator of
    a new session).
    """

    sessions: CollectiveSessionService
    directory: DirectoryService
    search_households: Search
    today: Callable[[], date]
    staff_id: Callable[[], int | None]


class SessionDialog(FormDialog):
    """Records a collective session, or corrects one.

    Attributes:
        saved: the session as saved (None until then).
    """

    def __init__(self, deps: SessionsDeps, session: SessionView | None = None, parent: QWidget | None = None) -> None:
        title = self.tr("New collective session") if session is None else self.tr("Collective session")
        super().__init__(title, today=deps.today, parent=parent, minimum_width=640)
        self._deps = deps
        self.session = session
        self.saved: SessionView | None = None
        self._built = False
        summary = session.summary if session is not None else None
        self.date_field = self.date_row(
            DateKind.EVENT, self.tr("&Date:"), "held_on", summary.held_on if summary else deps.today()
        )
        self.theme_combo = ChoiceCombo(deps.sessions.themes(), empty_label="—")
        self.theme_combo.setObjectName("session_theme_combo")
        self.add_row(self.tr("&Theme:"), self.theme_combo, "theme_code")
        self.title_edit = QLineEdit(summary.title if summary else "")
        self.title_edit.setObjectName("session_title_edit")
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText(self.tr("Optional, e.g. The lease explained"))
        self.add_row(self.tr("T&itle:"), self.title_edit, "title")
        self.place_edit = QLineEdit(summary.place if summary else "")
        self.place_edit.setObjectName("session_place_edit")
        self.place_edit.setMaxLength(100)
        self.place_edit.setPlaceholderText(self.tr("Optional"))
        self.duration_spin = QSpinBox()
        self.duration_spin.setObjectName("session_duration_spin")
        self.duration_spin.setRange(0, MAX_DURATION_MINUTES)
        self.duration_spin.setSingleStep(15)
        self.duration_spin.setSpecialValueText(self.tr("not given"))
        self.duration_spin.setSuffix(self.tr(" min"))
        self.duration_spin.setValue((summary.duration_minutes or 0) if summary else 0)
        where = QWidget()
        where_layout = QHBoxLayout(where)
        where_layout.setContentsMargins(0, 0, 0, 0)
        where_layout.addWidget(self.place_edit, 1)
        duration_label = QLabel(self.tr("D&uration:"))
        duration_label.setBuddy(self.duration_spin)
        where_layout.addWidget(duration_label)
        where_layout.addWidget(self.duration_spin)
        where.setFocusProxy(self.place_edit)
        self.add_row(self.tr("&Place:"), where, "place", "duration_minutes")
        self.add_row(self.tr("&Run by:"), self._facilitators_box(), "facilitators")
        self.add_row(self.tr("&Attendees:"), self._attendees_box(), "attendees")
        self.anonymous_spin = QSpinBox()
        self.anonymous_spin.setObjectName("session_anonymous_spin")
        self.anonymous_spin.setRange(0, MAX_ANONYMOUS)
        self.anonymous_spin.setToolTip(self.tr("People who came without being named: no file is created for them"))
        self.anonymous_spin.setValue(summary.anonymous_count if summary else 0)
        self.add_row(self.tr("&Not named:"), self.anonymous_spin, "anonymous_count")
        if session is not None and summary is not None:
            self.theme_combo.set_code(summary.theme_code)
            for attendee in session.attendees:
                self._add_attendee_item(
                    attendee.household_id,
                    attendee.person_id,
                    self._attendee_text(attendee.household_name, attendee.reference, attendee.person_name),
                )
        self._fill_facilitators()
        self._built = True
        self._update_buttons()
        self.finish(self._save_session)

    # facilitators ---------------------------------------------------------------------------------------------

    def _facilitators_box(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.facilitator_list = QListWidget()
        self.facilitator_list.setObjectName("session_facilitator_list")
        self.facilitator_list.setToolTip(self.tr("Space ticks or unticks the person selected"))
        self.facilitator_list.setFixedHeight(96)
        layout.addWidget(self.facilitator_list)
        partner = QHBoxLayout()
        self.organisation_combo = QComboBox()
        self.organisation_combo.setObjectName("session_partner_organisation_combo")
        self.organisation_combo.addItem(self.tr("Partner…"), None)
        for organisation in self._deps.directory.list_organisations():
            if not organisation.is_own:
                self.organisation_combo.addItem(organisation.name, organisation.id)
        self.contact_combo = QComboBox()
        self.contact_combo.setObjectName("session_partner_contact_combo")
        self.add_partner_button = QPushButton(self.tr("Add this &contact"))
        self.add_partner_button.setObjectName("add_session_partner_button")
        self.add_partner_button.setAutoDefault(False)
        self.organisation_combo.currentIndexChanged.connect(self._list_contacts)
        self.contact_combo.currentIndexChanged.connect(lambda _index: self._update_buttons())
        self.add_partner_button.clicked.connect(self.add_partner)
        partner.addWidget(self.organisation_combo, 1)
        partner.addWidget(self.contact_combo, 1)
        partner.addWidget(self.add_partner_button)
        layout.addLayout(partner)
        box.setFocusProxy(self.facilitator_list)
        return box

    def _fill_facilitators(self) -> None:
        """Every active colleague (ticked when they ran it; the person working on a new session), then partners."""
        ran = self.session.summary.facilitators if self.session is not None else ()
        ticked = {item.staff_member_id for item in ran if item.staff_member_id is not None}
        me = self._deps.staff_id()
        if self.session is None and me is not None:
            ticked.add(me)
        listed: set[int] = set()
        for member in self._deps.directory.list_staff():
            self._add_facilitator(member.display_name, member.id, None, member.id in ticked)
            listed.add(member.id)
        for item in ran:
            if item.staff_member_id is not None and item.staff_member_id not in listed:  # has left since
                self._add_facilitator(item.name, item.staff_member_id, None, True)
            if item.partner_contact_id is not None:
                self._add_facilitator(item.name, None, item.partner_contact_id, True)

    def _add_facilitator(self, name: str, staff_id: int | None, contact_id: int | None, ticked: bool) -> None:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        item.setData(ROLE_ID, staff_id)
        item.setData(ROLE_PARTNER, contact_id)
        self.facilitator_list.addItem(item)

    def _list_contacts(self, _index: int = 0) -> None:
        self.contact_combo.clear()
        organisation_id = self.organisation_combo.currentData()
        if organisation_id is not None:
            try:
                contacts = self._deps.directory.list_partner_contacts(int(organisation_id))
            except KnownError as exc:
                show_error(self, exc)
                contacts = []
            for contact in contacts:
                self.contact_combo.addItem(f"{contact.first_name} {contact.last_name.upper()}".strip(), contact.id)
        self._update_buttons()

    def add_partner(self) -> None:
        """Add the partner's contact chosen to those who ran the session (ticked)."""
        contact_id = self.contact_combo.currentData()
        if contact_id is None:
            return
        for row in range(self.facilitator_list.count()):
            item = self.facilitator_list.item(row)
            if item.data(ROLE_PARTNER) == contact_id:
                item.setCheckState(Qt.CheckState.Checked)
                return
        name = f"{self.contact_combo.currentText()} ({self.organisation_combo.currentText()})"
        self._add_facilitator(name, None, int(contact_id), True)
        self.facilitator_list.setCurrentRow(self.facilitator_list.count() - 1)

    def facilitators(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Return the staff members and the partners' contacts ticked."""
        staff: list[int] = []
        contacts: list[int] = []
        for row in range(self.facilitator_list.count()):
            item = self.facilitator_list.item(row)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            if item.data(ROLE_ID) is not None:
                staff.append(int(item.data(ROLE_ID)))
            elif item.data(ROLE_PARTNER) is not None:
                contacts.append(int(item.data(ROLE_PARTNER)))
        return tuple(staff), tuple(contacts)

    # attendees ------------------------------------------------------------------------------------------------

    def _attendees_box(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        picking = QHBoxLayout()
        self.household_picker = HouseholdPicker(self._deps.search_households)
        self.household_picker.setObjectName("session_household_picker")
        self.household_picker.setMinimumContentsLength(20)
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("session_person_combo")
        self.person_combo.addItem(self.tr("The household"), None)
        self.add_attendee_button = QPushButton(self.tr("Add"))
        self.add_attendee_button.setObjectName("add_session_attendee_button")
        self.add_attendee_button.setAutoDefault(False)
        self.add_attendee_button.setToolTip(self.tr("Enter in the household's field, once a household is chosen"))
        picking.addWidget(self.household_picker, 2)
        picking.addWidget(self.person_combo, 1)
        picking.addWidget(self.add_attendee_button)
        layout.addLayout(picking)
        self.attendee_list = QListWidget()
        self.attendee_list.setObjectName("session_attendee_list")
        self.attendee_list.setFixedHeight(120)
        layout.addWidget(self.attendee_list)
        under = QHBoxLayout()
        self.attendee_count_label = QLabel()
        self.attendee_count_label.setObjectName("session_attendee_count")
        self.attendee_count_label.setWordWrap(True)
        self.remove_attendee_button = QPushButton(self.tr("Re&move"))
        self.remove_attendee_button.setObjectName("remove_session_attendee_button")
        self.remove_attendee_button.setAutoDefault(False)
        under.addWidget(self.attendee_count_label, 1)
        under.addWidget(self.remove_attendee_button)
        layout.addLayout(under)
        self.household_picker.currentIndexChanged.connect(self._list_persons)
        self.household_picker.editTextChanged.connect(lambda _text: self._update_buttons())
        self.add_attendee_button.clicked.connect(self.add_attendee)
        self.remove_attendee_button.clicked.connect(self.remove_attendee)
        self.attendee_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        line_edit = self.household_picker.lineEdit()
        assert line_edit is not None
        for watched in (self.household_picker, line_edit, self.person_combo, self.attendee_list):
            watched.installEventFilter(self)
        box.setFocusProxy(self.household_picker)
        return box

    def _list_persons(self, _index: int = 0) -> None:
        """Offer the persons of the household picked, « the household » first."""
        self.person_combo.clear()
        self.person_combo.addItem(self.tr("The household"), None)
        household_id = self.household_picker.household_id()
        if household_id is not None:
            try:
                persons = self._deps.sessions.persons_for(household_id)
            except KnownError as exc:
                show_error(self, exc)
                persons = []
            for person in persons:
                name = (
                    person.name if person.current else self.tr("{name} (left the household)").format(name=person.name)
                )
                self.person_combo.addItem(name, person.id)
        self._update_buttons()

    def add_attendee(self) -> None:
        """Add the household picked (or its person chosen) to the attendees, then get ready for the next one."""
        household_id = self.household_picker.household_id()
        if household_id is None:
            return
        person_id = self.person_combo.currentData()
        if self._attendee_row(household_id, person_id) is None:
            household = self.household_picker.currentText()
            person = self.person_combo.currentText() if person_id is not None else ""
            self._add_attendee_item(household_id, person_id, self._attendee_text(household, "", person))
        self.attendee_list.setCurrentRow(self._attendee_row(household_id, person_id) or 0)
        self.household_picker.clear()
        self.household_picker.matches.clear()  # the next household's matches are asked anew
        self.household_picker.setEditText("")
        self._list_persons()
        self.household_picker.setFocus()

    def remove_attendee(self) -> None:
        """Remove the selected attendee from the list."""
        row = self.attendee_list.currentRow()
        if row >= 0:
            self.attendee_list.takeItem(row)
        self._update_buttons()

    def attendees(self) -> tuple[SessionAttendeeInput, ...]:
        """Return the attendees listed (those the person sees; the service keeps the others)."""
        return tuple(
            SessionAttendeeInput(int(item.data(ROLE_ID)), item.data(ROLE_PERSON))
            for item in (self.attendee_list.item(row) for row in range(self.attendee_list.count()))
        )

    def _attendee_row(self, household_id: int, person_id: int | None) -> int | None:
        for row in range(self.attendee_list.count()):
            item = self.attendee_list.item(row)
            if item.data(ROLE_ID) == household_id and item.data(ROLE_PERSON) == person_id:
                return row
        return None

    def _attendee_text(self, household: str, reference: str, person: str) -> str:
        label = f"{household} · {reference}" if reference else household
        return self.tr("{household} — {person}").format(household=label, person=person) if person else label

    def _add_attendee_item(self, household_id: int, person_id: int | None, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(ROLE_ID, household_id)
        item.setData(ROLE_PERSON, person_id)
        self.attendee_list.addItem(item)
        self._update_buttons()

    # keyboard, buttons, save ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the household's field or the person's combo adds the attendee; Delete in the list removes one."""
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if watched is self.attendee_list and key == Qt.Key.Key_Delete:
                self.remove_attendee()
                return True
            if watched is not self.attendee_list and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                completer = self.household_picker.completer()
                popup = completer.popup() if completer is not None else None
                if popup is not None and popup.isVisible():
                    return False  # the match under the cursor is picked first
                if self.household_picker.household_id() is not None:
                    self.add_attendee()
                    return True
                if self.household_picker.currentText().strip():
                    self.household_picker.look_up()  # typed, not picked yet: show the matches, never save
                    return True
        return super().eventFilter(watched, event)

    def _update_buttons(self) -> None:
        if not self._built:  # a signal while the dialog is being made
            return
        count = self.attendee_list.count()
        enable_unless(
            self.add_attendee_button,
            "" if self.household_picker.household_id() is not None else self.tr("Choose a household first."),
        )
        enable_unless(
            self.remove_attendee_button, "" if self.attendee_list.currentRow() >= 0 else self.tr("Select an attendee.")
        )
        enable_unless(
            self.add_partner_button,
            "" if self.contact_combo.currentData() is not None else self.tr("Choose a partner."),
        )
        hidden = self.session.summary.hidden if self.session is not None else 0
        text = self.tr("%n attendee(s) listed", "", count)
        if hidden:
            text += " " + self.tr("(and %n of households you do not follow: they stay as they are)", "", hidden)
        self.attendee_count_label.setText(text)

    def data(self) -> SessionInput:
        """Return the session as typed (the form has been checked)."""
        staff, contacts = self.facilitators()
        duration = self.duration_spin.value()
        return SessionInput(
            held_on=self.required("held_on"),
            theme_code=self.theme_combo.code(),
            title=self.title_edit.text(),
            place=self.place_edit.text(),
            duration_minutes=duration or None,
            staff_ids=staff,
            partner_contact_ids=contacts,
            attendees=self.attendees(),
            anonymous_count=self.anonymous_spin.value(),
        )

    def _save_session(self) -> None:
        service = self._deps.sessions
        if self.session is None:
            self.saved = service.create_session(self.data())
        else:
            self.saved = service.update_session(self.session.id, self.data(), expected_version=self.session.row_version)
