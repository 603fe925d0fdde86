"""Quick entry of a contact or an "aller vers" attempt (docs/domain.md §5).

Every field has a default (now, home visit, met, the current user, note for the referents), focus lands on the
outcome, and Enter saves: a visit is logged in three keystrokes from the household list.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTime
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from caseworker.domain import NoteClass
from caseworker.services.calendar.territories import WorkingDaysService
from caseworker.services.date_rules import DateKind
from caseworker.services.directory import DirectoryService
from caseworker.services.encounters import HouseholdEncounter
from caseworker.services.support import ContactChoices, ContactInput, ContactService, ContactView, TeamService
from caseworker.services.support.contacts import DEFAULT_OUTCOME_CODE, DEFAULT_TYPE_CODE, MAX_DURATION_MINUTES
from caseworker.services.validation import LONG_TEXT_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import FormErrors, lay_out_form_dialog, submit
from caseworker.ui.common.session import UserSession
from caseworker.ui.common.text_limits import limit_text

_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_VISIBLE_ROWS = 6


@dataclass(frozen=True)
class ContactDeps:
    """What the contact dialog uses: the contacts, who may take part, the working hours, the clock and the user."""

    contacts: ContactService
    team: TeamService
    directory: DirectoryService
    working_days: WorkingDaysService
    session: UserSession
    # What the household took part in outside its contact log (None: not shown): docs/domain.md §14.
    encounters: Callable[[int], Sequence[HouseholdEncounter]] | None = None


class CheckList(QListWidget):
    """A list of checkable entries, each with a key; Space toggles the current entry, Enter is left to the dialog."""

    def add(self, label: str, key: Hashable, *, checked: bool = False) -> None:
        """Append an entry."""
        item = QListWidgetItem(label, self)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
        item.setData(_KEY_ROLE, key)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if self.currentRow() < 0:
            # Space works as soon as the list gets the focus; nothing looks selected meanwhile.
            self.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)

    def keys(self) -> list[Hashable]:
        """Return every key, in display order."""
        return [self.item(row).data(_KEY_ROLE) for row in range(self.count())]

    def checked_keys(self) -> list[Hashable]:
        """Return the keys of the checked entries, in display order."""
        return [
            self.item(row).data(_KEY_ROLE)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, keys: Iterable[Hashable]) -> None:
        """Check exactly the entries whose key is in ``keys``."""
        wanted = set(keys)
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(_KEY_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def fit_height(self) -> None:
        """Show a few rows at most; the rest scrolls."""
        rows = min(max(self.count(), 1), _VISIBLE_ROWS)
        row_height = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 4
        self.setFixedHeight(rows * row_height + 2 * self.frameWidth() + 2)


class ContactDialog(FittedDialog):
    """Records a contact with a household (``contact`` is None) or corrects one; ``saved`` holds the result."""

    def __init__(
        self,
        deps: ContactDeps,
        household_id: int,
        household_label: str,
        parent: QWidget | None = None,
        contact: ContactView | None = None,
    ) -> None:
        super().__init__(parent)
        self._deps = deps
        self._household_id = household_id
        self._contact = contact
        self.saved: ContactView | None = None
        self._build_heading(household_label, contact)
        self.errors = FormErrors()
        choices = deps.contacts.choices()
        when = contact.local_time if contact is not None else deps.session.now().astimezone()
        when_widget = self._build_when(when)
        self._build_kind_fields(choices)
        self._build_lists(choices, household_id)
        self._build_task_list(household_id)
        self._build_note_fields()

        self.type_combo.set_code(DEFAULT_TYPE_CODE)
        self.outcome_combo.set_code(DEFAULT_OUTCOME_CODE)
        if contact is not None:
            self._show_contact(contact)
        self._reached_outcomes = choices.reached_outcomes
        self._reached: bool | None = None
        self._update_task_ticks()
        self.outcome_combo.currentIndexChanged.connect(self._update_task_ticks)
        self._update_off_hours()
        self.date_field.edited.connect(self._update_off_hours)
        self.time_edit.timeChanged.connect(self._update_off_hours)
        self.topic_list.fit_height()
        self.participant_list.fit_height()
        self._lay_out(when_widget)
        self.outcome_combo.setFocus()

    # building ----------------------------------------------------------------------------------------------

    def _build_heading(self, household_label: str, contact: ContactView | None) -> None:
        """Name the household in the title and in bold at the top: a contact must never land in another file."""
        if contact is None:
            self.setWindowTitle(self.tr("New contact — {household}").format(household=household_label))
        else:
            self.setWindowTitle(self.tr("Edit a contact — {household}").format(household=household_label))
        self.household_label = QLabel(household_label)
        self.household_label.setObjectName("contactHousehold")
        self.household_label.setWordWrap(True)
        heading = self.household_label.font()
        heading.setBold(True)
        heading.setPointSizeF(heading.pointSizeF() * 1.25)
        self.household_label.setFont(heading)
        self.setMinimumWidth(560)

    def _build_when(self, when: datetime) -> QWidget:
        """Create the date and time fields, side by side in the returned row (which forwards focus to the date)."""
        self.date_field = DateField(kind=DateKind.EVENT, today=self._deps.session.today)
        self.date_field.setObjectName("contactDate")
        self.date_field.set_date(when.date())
        self.time_edit = QTimeEdit(QTime(when.hour, when.minute))
        self.time_edit.setObjectName("contactTime")
        self.time_edit.setDisplayFormat("HH:mm")
        when_widget = QWidget()
        when_row = QHBoxLayout(when_widget)
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.date_field, 1)
        when_row.addWidget(self.time_edit)
        when_widget.setFocusProxy(self.date_field)
        return when_widget

    def _build_kind_fields(self, choices: ContactChoices) -> None:
        """Create the type, outcome and duration fields."""
        self.type_combo = ChoiceCombo(choices.types)
        self.type_combo.setObjectName("typeCombo")
        self.outcome_combo = ChoiceCombo(choices.outcomes)
        self.outcome_combo.setObjectName("outcomeCombo")
        self.duration_spin = QSpinBox()
        self.duration_spin.setObjectName("durationSpin")
        self.duration_spin.setRange(0, MAX_DURATION_MINUTES)
        self.duration_spin.setSingleStep(5)
        self.duration_spin.setSpecialValueText(self.tr("not given"))
        self.duration_spin.setSuffix(self.tr(" min"))

    def _build_lists(self, choices: ContactChoices, household_id: int) -> None:
        """Create the topic and participant check lists."""
        deps = self._deps
        self.topic_list = CheckList()
        self.topic_list.setObjectName("topicList")
        for choice in choices.topics:
            self.topic_list.add(choice.label, choice.code)
        self.participant_list = CheckList()
        self.participant_list.setObjectName("participantList")
        # The people likely to take part come first: the current user, the household's team (its partner
        # contacts included), then the rest of the directory.
        current_user = deps.session.staff_id()
        team_ids = {member.staff_member_id for member in deps.team.team(household_id)} - {None}
        directory = deps.directory.list_staff()
        close = [item for item in directory if item.id == current_user]
        close += [item for item in directory if item.id in team_ids and item.id != current_user]
        rest = [item for item in directory if item.id not in team_ids and item.id != current_user]
        for member in close:
            self.participant_list.add(member.display_name, ("staff", member.id), checked=member.id == current_user)
        for partner in deps.contacts.partner_contacts_for(household_id):
            self.participant_list.add(partner.name, ("partner", partner.id))
        for member in rest:
            self.participant_list.add(member.display_name, ("staff", member.id))

    def _build_task_list(self, household_id: int) -> None:
        """Offer to close the person's open tasks of the household with the contact.

        "The referent records the visit, and the task closes" (docs/domain.md §11.2). Correcting a contact closes
        nothing: only a new one is offered. Which are ticked follows the outcome (:meth:`_update_task_ticks`).
        """
        self.task_list = CheckList()
        self.task_list.setObjectName("taskList")
        self._due_task_ids: list[int] = []
        if self._contact is not None:
            return
        today = self._deps.session.today()
        for task in self._deps.contacts.open_tasks_for(household_id):
            label = self.tr("Close the task «{title}» ({due})").format(title=task.title, due=task.due_in_words)
            self.task_list.add(label, task.id)
            if task.due_on <= today:
                self._due_task_ids.append(task.id)
        self.task_list.fit_height()

    def _build_note_fields(self) -> None:
        """Create the note, who may read it, and the off-hours flag."""
        self.note_edit = limit_text(QPlainTextEdit(), LONG_TEXT_MAX)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(90)
        self.note_edit.setPlaceholderText(self.tr("e.g. door closed, note left with the caretaker; come back at 7 pm"))
        self.note_edit.installEventFilter(self)
        self.note_class_combo = QComboBox()
        self.note_class_combo.setObjectName("noteClassCombo")
        self.note_class_combo.addItem(self.tr("The whole team"), NoteClass.EQUIPE.value)
        self.note_class_combo.addItem(self.tr("The household's referents"), NoteClass.REFERENTS.value)
        self.note_class_combo.addItem(self.tr("Health staff only (health)"), NoteClass.SANTE.value)
        self.note_class_combo.addItem(self.tr("Justice staff only (justice)"), NoteClass.JUSTICE.value)
        self.note_class_combo.setCurrentIndex(1)  # docs/domain.md §7.1: notes are C2 (social) by default
        self.off_hours_box = QCheckBox(self.tr("O&utside office hours (evening, weekend, public holiday)"))
        self.off_hours_box.setObjectName("offHoursBox")
        # Derived from the chosen time until the person sets it: then their choice stands.
        self.off_hours_touched = False
        self.off_hours_box.clicked.connect(self._off_hours_clicked)

    def _lay_out(self, when_widget: QWidget) -> None:
        """Put the fields in a form with Save as the default button; Ctrl+Enter saves from anywhere."""
        form = QFormLayout()
        form.addRow(self.tr("Household:"), self.household_label)
        self.errors.add_row(form, self.tr("&When:"), when_widget, "occurred_at")
        self.errors.add_row(form, self.tr("&Type:"), self.type_combo, "type_code")
        self.errors.add_row(form, self.tr("&Outcome:"), self.outcome_combo, "outcome_code")
        self.errors.add_row(form, self.tr("&Duration:"), self.duration_spin, "duration_minutes")
        self.errors.add_row(form, self.tr("Top&ics:"), self.topic_list, "topic_codes")
        self.errors.add_row(
            form, self.tr("&Participants:"), self.participant_list, "participant_staff_ids", "participant_contact_ids"
        )
        self.errors.add_row(form, self.tr("&Note:"), self.note_edit, "note")
        self.errors.add_row(form, self.tr("Note &readable by:"), self.note_class_combo, "note_class")
        self.errors.add_row(form, "", self.off_hours_box, "off_hours")
        if self.task_list.count():
            self.errors.add_row(form, self.tr("M&y tasks:"), self.task_list, "close_task_ids")
        lay_out_form_dialog(self, self.errors, form, self._save)
        button_box = self.findChild(QDialogButtonBox)
        assert button_box is not None  # laid out just above
        save_button = button_box.button(QDialogButtonBox.StandardButton.Save)
        save_button.setDefault(True)  # Enter in any field but the note saves
        for keys in (Qt.Modifier.CTRL | Qt.Key.Key_Return, Qt.Modifier.CTRL | Qt.Key.Key_Enter):
            QShortcut(QKeySequence(keys), self).activated.connect(self._save)

    # filling -----------------------------------------------------------------------------------------------

    def _show_contact(self, contact: ContactView) -> None:
        for combo, code, label in (
            (self.type_combo, contact.type_code, contact.type_label),
            (self.outcome_combo, contact.outcome_code, contact.outcome_label),
        ):
            if combo.findData(code) < 0:  # an entry retired since: the contact keeps it
                combo.addItem(label, code)
            combo.set_code(code)
        self.duration_spin.setValue(contact.duration_minutes or 0)
        known_topics = set(self.topic_list.keys())
        for code, label in zip(contact.topic_codes, contact.topic_labels, strict=True):
            if code not in known_topics:
                self.topic_list.add(label, code)
        self.topic_list.set_checked(contact.topic_codes)
        keys = [("staff", staff_id) for staff_id in contact.participant_staff_ids]
        keys += [("partner", partner_id) for partner_id in contact.participant_contact_ids]
        known_participants = set(self.participant_list.keys())
        for index, key in enumerate(keys):
            if key not in known_participants:  # a former colleague, a partner no longer on the team
                self.participant_list.add(contact.participants[index], key)
        self.participant_list.set_checked(keys)
        self.note_class_combo.setCurrentIndex(max(self.note_class_combo.findData(contact.note_class.value), 0))
        if contact.note_hidden:
            self.note_edit.setPlaceholderText(self.tr("Hidden note: you may not read it; it is kept unchanged."))
            self.note_edit.setEnabled(False)
            self.note_class_combo.setEnabled(False)
        else:
            self.note_edit.setPlainText(contact.note)
        self.off_hours_box.setChecked(contact.off_hours)
        # A flag that differs from what the time says was set by hand: keep it so.
        self.off_hours_touched = contact.off_hours != self._deps.working_days.is_off_hours(contact.local_time)

    # behaviour ---------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in the note saves (plain Enter starts a new line there)."""
        if (
            watched is self.note_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in {Qt.Key.Key_Return, Qt.Key.Key_Enter}
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._save()
            return True
        return super().eventFilter(watched, event)

    def local_time(self) -> datetime | None:
        """Return the chosen local wall-clock time, or None while the date cannot be read."""
        day, problem = self.date_field.date_or_error()
        if problem or day is None:
            return None
        chosen = self.time_edit.time()
        return datetime.combine(day, time(chosen.hour(), chosen.minute()))

    def _update_task_ticks(self) -> None:
        """Tick the tasks due by today when the household was reached; untick them all when it was not.

        The visit decided this morning is done when the household was met, not when the door stayed closed: a
        failed attempt or a cancelled contact closes nothing by default (the person may still tick a task). Only a
        change between reached and not reached touches the ticks, so choosing another "reached" outcome keeps what
        the person ticked.
        """
        reached = self.outcome_combo.code() in self._reached_outcomes
        if reached == self._reached:
            return
        self._reached = reached
        self.task_list.set_checked(self._due_task_ids if reached else ())

    def _off_hours_clicked(self) -> None:
        self.off_hours_touched = True

    def _update_off_hours(self) -> None:
        moment = self.local_time()
        if not self.off_hours_touched and moment is not None:
            self.off_hours_box.setChecked(self._deps.working_days.is_off_hours(moment))

    def contact_input(self, occurred_at: datetime) -> ContactInput:
        """Return what the form says, for the service."""
        keys = self.participant_list.checked_keys()
        hidden = self._contact is not None and self._contact.note_hidden
        return ContactInput(
            occurred_at=occurred_at,
            type_code=self.type_combo.code(),
            outcome_code=self.outcome_combo.code(),
            duration_minutes=self.duration_spin.value() or None,
            participant_staff_ids=tuple(key[1] for key in keys if isinstance(key, tuple) and key[0] == "staff"),
            participant_contact_ids=tuple(key[1] for key in keys if isinstance(key, tuple) and key[0] == "partner"),
            topic_codes=tuple(str(key) for key in self.topic_list.checked_keys()),
            note="" if hidden else self.note_edit.toPlainText(),
            note_class=NoteClass(self.note_class_combo.currentData()),
            off_hours=self.off_hours_box.isChecked() if self.off_hours_touched else None,
        )

    def _save(self) -> None:
        day, problem = self.date_field.date_or_error()
        moment = self.local_time()
        if problem or day is None or moment is None:
            self.errors.show({"occurred_at": problem or ""})
            self.date_field.setFocus()
            return
        data = self.contact_input(moment.astimezone())  # the laptop's zone, as the person reads the clock
        contacts = self._deps.contacts
        if not self._confirm_no_contradiction(data):
            return  # kept open, with everything typed

        def save() -> None:
            if self._contact is None:
                closing = [int(key) for key in self.task_list.checked_keys()]  # type: ignore[call-overload]
                self.saved = contacts.record_contact(self._household_id, data, close_task_ids=closing)
            else:
                self.saved = contacts.update_contact(self._contact.id, data)

        submit(self, self.errors, save)

    def _confirm_no_contradiction(self, data: ContactInput) -> bool:
        """Met and not met at the same minute cannot both be true: ask before saving such a pair."""
        clash = self._deps.contacts.contradicting_contact(
            self._household_id,
            data.occurred_at,
            data.outcome_code,
            excluding=self._contact.id if self._contact is not None else None,
        )
        if clash is None:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Contradictory contacts"),
            self.tr(
                "A contact “{existing}” is already recorded for this household at the same minute ({time}), "
                "and this one says “{new}”. Save anyway?"
            ).format(
                existing=clash.outcome_label,
                time=clash.local_time.strftime("%H:%M"),
                new=self.outcome_combo.currentText(),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
