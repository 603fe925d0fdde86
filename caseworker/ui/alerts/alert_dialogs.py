"""Dialogs of the alert lifecycle: a new alert (or a recurrence), an action, an escalation, a closing note."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from caseworker.domain import AlertActionKind, AlertChannel, AlertSeverity, Party
from caseworker.domain.alerts import TO_LANDLORD
from caseworker.errors import KnownError
from caseworker.formats import FormatError, format_date, parse_amount
from caseworker.services.alerts import ActionInput, AlertChoices, AlertInput, AlertView
from caseworker.services.alerts.mediations import MediationInput, ParticipantLine
from caseworker.services.date_rules import DateKind
from caseworker.services.validation import ADDRESS_MAX, DESCRIPTION_MAX, LABEL_MAX, LONG_TEXT_MAX
from caseworker.ui.alerts.deps import AlertsDeps
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.form_dialog import FormDialog, note_edit
from caseworker.ui.common.household_picker import HouseholdPicker, household_label
from caseworker.ui.common.text_limits import limited_line
from caseworker.ui.directory.partner_contact_dialog import PartnerContactDialog
from caseworker.ui.households.contact_dialog import CheckList


class WhenField(QWidget):
    """A date and a time (local), defaulting to now."""

    def __init__(self, moment: datetime, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_field = DateField(kind=DateKind.EVENT, today=today)
        self.date_field.set_date(moment.date())
        self.time_edit = QTimeEdit(QTime(moment.hour, moment.minute))
        self.time_edit.setDisplayFormat("HH:mm")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_field, 1)
        layout.addWidget(self.time_edit)
        self.setFocusProxy(self.date_field)

    def value(self) -> tuple[datetime | None, str | None]:
        """Return the aware local time, or why the date cannot be read."""
        day, problem = self.date_field.date_or_error()
        if problem or day is None:
            return None, problem or ""
        chosen = self.time_edit.time()
        return datetime.combine(day, time(chosen.hour(), chosen.minute())).astimezone(), None


class NewAlertDialog(FormDialog):
    """Records an alert received from a landlord, or one to send to it; ``saved`` holds it afterwards.

    ``household_id`` None lets the person pick the household (typing part of a name); ``related`` makes the
    new alert a recurrence of an earlier one (same household, landlord and type proposed).
    """

    def __init__(
        self,
        deps: AlertsDeps,
        household_id: int | None = None,
        parent: QWidget | None = None,
        *,
        related: AlertView | None = None,
    ) -> None:
        super().__init__("", today=deps.today, parent=parent, minimum_width=600)
        self._deps = deps
        self._related = related
        self.saved: AlertView | None = None
        self.setWindowTitle(self.tr("New alert") if related is None else self.tr("Recurrence of an alert"))
        choices = deps.alerts.choices()
        now = deps.now().astimezone()
        if related is not None:
            household_id = related.household_id
        self._fixed_household = household_id
        self._add_household_row(household_id)
        self._add_type_rows(choices)
        self._add_landlord_rows()
        self._add_detail_rows(choices, now)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.landlord_combo.currentIndexChanged.connect(self._landlord_changed)
        self.household_combo.currentIndexChanged.connect(self._household_changed)
        self.when_field.date_field.edited.connect(self._show_deadlines)
        if related is not None:
            self.type_combo.set_code(related.type_code)
            self.landlord_combo.setCurrentIndex(max(self.landlord_combo.findData(related.landlord_id), 0))
            self.description_edit.setPlainText(related.description)
        elif household_id is not None:
            self._select_current_landlord(household_id)
        self._type_changed()
        self.finish(self._submit, check=self._problems)
        self.type_combo.setFocus()

    def _add_household_row(self, household_id: int | None) -> None:
        """The household: fixed (shown as text), or picked by typing part of a name or a number."""
        households = self._deps.households
        self.household_combo = HouseholdPicker(lambda text, limit: households.search(text, limit=limit))
        self.household_combo.setObjectName("household_combo")
        if household_id is not None:
            summary = households.summary(household_id)
            self.form.addRow(self.tr("Household:"), QLabel(household_label(summary)))
            return
        self.add_row(self.tr("&Household:"), self.household_combo, "household_id")

    def _add_type_rows(self, choices: AlertChoices) -> None:
        """The alert type, and under it which way the alert goes (from or to the landlord)."""
        self.type_combo = ChoiceCombo(choices.types)
        self.type_combo.setObjectName("type_combo")
        self._outbound = {choice.code for choice in choices.types if choice.flag}
        self.add_row(self.tr("&Type:"), self.type_combo, "type_code")
        self.direction_label = QLabel()
        self.direction_label.setStyleSheet("color: #6b6b6b;")
        self.form.addRow("", self.direction_label)

    def _add_landlord_rows(self) -> None:
        """The landlord, and its contact person with the buttons to add or correct one."""
        self.landlord_combo = QComboBox()
        self.landlord_combo.setObjectName("landlord_combo")
        for organisation in self._deps.directory.list_organisations(landlords_only=True):
            self.landlord_combo.addItem(organisation.name, organisation.id)
        self.add_row(self.tr("&Landlord:"), self.landlord_combo, "landlord_id")
        self.contact_combo = QComboBox()
        self.contact_combo.setObjectName("contact_combo")
        self.new_contact_button = QPushButton(self.tr("New…"))
        self.new_contact_button.setToolTip(self.tr("Add a contact person to this landlord"))
        self.edit_contact_button = QPushButton(self.tr("Edit…"))
        self.edit_contact_button.setToolTip(self.tr("Correct this contact (civility, name, role, phone, e-mail)"))
        contact_row = QWidget()
        contact_layout = QHBoxLayout(contact_row)
        contact_layout.setContentsMargins(0, 0, 0, 0)
        contact_layout.addWidget(self.contact_combo, 1)
        contact_layout.addWidget(self.new_contact_button)
        contact_layout.addWidget(self.edit_contact_button)
        contact_row.setFocusProxy(self.contact_combo)
        self.add_row(self.tr("&Contact:"), contact_row, "partner_contact_id")
        self.new_contact_button.clicked.connect(self._new_contact)
        self.edit_contact_button.clicked.connect(self._edit_contact)
        self.contact_combo.currentIndexChanged.connect(self._contact_chosen)

    def _add_detail_rows(self, choices: AlertChoices, now: datetime) -> None:
        """Channel, severity, when it came, the amount (rent arrears), the description and the deadlines."""
        self.channel_combo = ChoiceCombo(choices.channels)
        self.add_row(self.tr("C&hannel:"), self.channel_combo, "channel")
        self.severity_combo = ChoiceCombo(choices.severities)
        self.severity_combo.set_code(AlertSeverity.MODEREE.value)
        self.add_row(self.tr("Se&verity:"), self.severity_combo, "severity")
        self.when_field = WhenField(now, self._deps.today)
        self.add_row(self.tr("&Received:"), self.when_field, "received_at")
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(self.tr("e.g. 825,00 (rent arrears)"))
        self.add_row(self.tr("&Amount:"), self.amount_edit, "amount")
        self.description_edit = note_edit(DESCRIPTION_MAX, 100)
        self.description_edit.setPlaceholderText(
            self.tr("What the landlord says, or what is wrong in the dwelling: housing matters only")
        )
        self.add_row(self.tr("&Description:"), self.description_edit, "description")
        self.deadline_label = QLabel()
        self.deadline_label.setWordWrap(True)
        self.form.addRow(self.tr("Deadlines:"), self.deadline_label)

    def household_id(self) -> int | None:
        """Return the chosen household."""
        if self._fixed_household is not None:
            return self._fixed_household
        return self.household_combo.household_id()

    def _household_changed(self) -> None:
        household = self.household_id()
        if household is not None:
            self._select_current_landlord(household)

    def _select_current_landlord(self, household_id: int) -> None:
        try:
            file = self._deps.households.open_file(household_id, record_view=False)
        except KnownError:  # out of sight meanwhile: the landlord is chosen by hand, Save will say why
            return
        current = file.current_occupancy
        landlord = current.dwelling.landlord_id if current and current.dwelling else None
        if landlord is not None and self.landlord_combo.findData(landlord) >= 0:
            self.landlord_combo.setCurrentIndex(self.landlord_combo.findData(landlord))

    def _type_changed(self) -> None:
        outbound = self.type_combo.code() in self._outbound
        self.direction_label.setText(
            self.tr("From the association to the landlord: a letter or an e-mail is then prepared for it.")
            if outbound
            else self.tr("From the landlord to the association.")
        )
        self.amount_edit.setEnabled(self.type_combo.code() == "impaye")
        self._landlord_changed()

    def _landlord_changed(self) -> None:
        self.contact_combo.clear()
        self.contact_combo.addItem(self.tr("(no named contact)"), None)
        landlord = self.landlord_combo.currentData()
        if landlord is not None:
            for contact in self._deps.alerts.suggested_contacts(int(landlord), self.type_combo.code()):
                role = f" — {contact.role_label}" if contact.role_label else ""
                self.contact_combo.addItem(f"{contact.name}{role}", contact.id)
            if self.contact_combo.count() > 1:
                self.contact_combo.setCurrentIndex(1)  # the contact whose role deals with this type
        self._contact_chosen()
        self._show_deadlines()

    def _contact_chosen(self) -> None:
        self.new_contact_button.setEnabled(self.landlord_combo.currentData() is not None)
        self.edit_contact_button.setEnabled(self.contact_combo.currentData() is not None)

    def _new_contact(self) -> None:
        landlord = self.landlord_combo.currentData()
        if landlord is None:
            return
        dialog = PartnerContactDialog(self._deps.directory, self._deps.reference, int(landlord), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._reload_contacts(dialog.saved.id)

    def _edit_contact(self) -> None:
        contact_id = self.contact_combo.currentData()
        landlord = self.landlord_combo.currentData()
        if contact_id is None or landlord is None:
            return
        contact = self._deps.directory.get_partner_contact(int(contact_id))
        dialog = PartnerContactDialog(
            self._deps.directory, self._deps.reference, int(landlord), contact=contact, parent=self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._reload_contacts(dialog.saved.id)

    def _reload_contacts(self, selected: int) -> None:
        self._landlord_changed()
        self.contact_combo.setCurrentIndex(max(self.contact_combo.findData(selected), 0))

    def _show_deadlines(self) -> None:
        landlord = self.landlord_combo.currentData()
        moment, problem = self.when_field.value()
        if landlord is None or moment is None or problem or not self.type_combo.code():
            self.deadline_label.setText("")
            return
        acknowledge, action, source = self._deps.alerts.deadlines(self.type_combo.code(), int(landlord), moment)
        self.deadline_label.setText(
            self.tr("acknowledge by {acknowledge}, first action by {action} ({source})").format(
                acknowledge=format_date(acknowledge), action=format_date(action), source=source
            )
        )

    def _amount(self) -> Decimal | None:
        """Return the amount typed (only for rent arrears); raises FormatError when it cannot be read."""
        if self.amount_edit.isEnabled() and self.amount_edit.text().strip():
            return parse_amount(self.amount_edit.text())
        return None

    def _problems(self) -> dict[str, str]:
        """What must be right before the service is asked: a readable moment and amount, a household, a landlord."""
        problems: dict[str, str] = {}
        moment, problem = self.when_field.value()
        if problem or moment is None:
            problems["received_at"] = problem or ""
        try:
            self._amount()
        except FormatError as exc:
            problems["amount"] = str(exc)
        if self.household_id() is None:
            problems["household_id"] = self.tr("Choose the household concerned.")
        if self.landlord_combo.currentData() is None:
            problems["landlord_id"] = self.tr("Choose the landlord.")
        return problems

    def _submit(self) -> None:
        moment, _problem = self.when_field.value()
        household = self.household_id()
        assert moment is not None and household is not None  # checked by _problems
        self.saved = self._deps.alerts.create(
            AlertInput(
                type_code=self.type_combo.code(),
                household_id=household,
                landlord_id=int(self.landlord_combo.currentData()),
                received_at=moment,
                channel=AlertChannel(self.channel_combo.code()),
                severity=AlertSeverity(self.severity_combo.code()),
                description=self.description_edit.toPlainText(),
                partner_contact_id=self.contact_combo.currentData(),
                amount=self._amount(),
                related_alert_id=self._related.id if self._related else None,
            )
        )

    def is_outbound(self) -> bool:
        """Tell whether the chosen type goes to the landlord."""
        return self.type_combo.code() in self._outbound


class ActionDialog(FormDialog):
    """Links an action to an alert (the first one starts its treatment)."""

    def __init__(self, deps: AlertsDeps, alert: AlertView, parent: QWidget | None = None) -> None:
        title = self.tr("Action on {reference}").format(reference=alert.reference)
        super().__init__(title, today=deps.today, parent=parent)
        self._deps = deps
        self._alert = alert
        self.saved: AlertView | None = None
        choices = deps.alerts.choices()
        self.kind_combo = ChoiceCombo(choices.action_kinds)
        self.add_row(self.tr("&Action:"), self.kind_combo, "kind")
        self.when_field = WhenField(deps.now().astimezone(), deps.today)
        self.add_row(self.tr("&When:"), self.when_field, "at")
        self.contact_combo = QComboBox()
        self.contact_combo.addItem(self.tr("(none)"), None)
        for contact in deps.contacts.contacts_for(alert.household_id, limit=20):
            self.contact_combo.addItem(
                f"{contact.local_time:%d/%m/%Y %H:%M} — {contact.type_label} — {contact.outcome_label}", contact.id
            )
        self.add_row(self.tr("Linked &contact:"), self.contact_combo, "contact_id")
        self.note_edit = note_edit(LONG_TEXT_MAX)
        self.add_row(self.tr("&Note:"), self.note_edit, "note", "status")
        self.mediation_box = self._mediation_box(deps, alert)
        self.form.addRow(self.mediation_box)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.finish(self._submit, check=self._problems)

    def _mediation_box(self, deps: AlertsDeps, alert: AlertView) -> QGroupBox:
        """Who took part, what was agreed, when it is checked again: shown for a tripartite mediation only."""
        box = QGroupBox(self.tr("Tripartite mediation"))
        form = QFormLayout(box)
        self.participant_list = CheckList()
        self.participant_list.setObjectName("participant_list")
        options = deps.alerts.mediation_options(alert.id)
        first_adult = next((o.line for o in options if o.line.party is Party.MENAGE), None)
        me = deps.me()
        for option in options:
            line = option.line
            ticked = (
                line == first_adult
                or (line.partner_contact_id is not None and line.partner_contact_id == alert.contact_id)
                or (line.staff_member_id is not None and line.staff_member_id == me)
            )
            label = f"{option.name} — {option.detail}"
            self.participant_list.add(label, line, checked=ticked)
            self.participant_list.item(self.participant_list.count() - 1).setToolTip(label)
        # Long organisation names are cut at the end (the tooltip has them): no scroll bar eating the rows.
        self.participant_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.participant_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.participant_list.fit_height()
        self.errors.add_row(form, self.tr("&Participants:"), self.participant_list, "participants")
        # Several names separated by ";", each one checked against LABEL_MAX by the service.
        self.others_edit = limited_line(ADDRESS_MAX)
        self.others_edit.setPlaceholderText(self.tr("e.g. M. Leroy, neighbour; the building's guardian"))
        form.addRow(self.tr("&Others present:"), self.others_edit)
        self.agreement_edit = note_edit(LONG_TEXT_MAX, 90)
        self.errors.add_row(form, self.tr("A&greement:"), self.agreement_edit, "agreement")
        self.follow_up_field = DateField(kind=DateKind.PLANNED, today=deps.today)
        self.follow_up_field.set_date(deps.today() + relativedelta(months=1))
        self.errors.add_row(form, self.tr("&Follow-up on:"), self.follow_up_field, "follow_up_on")
        return box

    def _kind_changed(self) -> None:
        mediation = self.kind_combo.code() == AlertActionKind.MEDIATION.value
        self.mediation_box.setVisible(mediation)
        self.setMinimumWidth(680 if mediation else 520)
        self.adjustSize()

    def _mediation(self) -> MediationInput | None:
        if self.kind_combo.code() != AlertActionKind.MEDIATION.value:
            return None
        follow_up, _problem = self.follow_up_field.date_or_error()
        others = [name.strip() for name in self.others_edit.text().split(";") if name.strip()]
        lines = [key for key in self.participant_list.checked_keys() if isinstance(key, ParticipantLine)]
        lines += [ParticipantLine(Party.AUTRE, name=name) for name in others]
        return MediationInput(tuple(lines), self.agreement_edit.toPlainText(), follow_up)

    def _problems(self) -> dict[str, str]:
        """A moment that reads, then (for a mediation) a follow-up date that reads: the first problem only."""
        moment, problem = self.when_field.value()
        if problem or moment is None:
            return {"at": problem or ""}
        if self.mediation_box.isVisibleTo(self):
            _day, follow_up_problem = self.follow_up_field.date_or_error()
            if follow_up_problem:
                return {"follow_up_on": follow_up_problem}
        return {}

    def _submit(self) -> None:
        moment, _problem = self.when_field.value()
        assert moment is not None  # checked by _problems
        self.saved = self._deps.alerts.add_action(
            self._alert.id,
            ActionInput(
                AlertActionKind(self.kind_combo.code()),
                moment,
                self.note_edit.toPlainText(),
                self.contact_combo.currentData(),
                mediation=self._mediation(),
            ),
            expected_version=self._alert.row_version,
        )


class EscalateDialog(FormDialog):
    """Escalates an alert to a level and a target body."""

    def __init__(self, deps: AlertsDeps, alert: AlertView, parent: QWidget | None = None) -> None:
        title = self.tr("Escalate {reference}").format(reference=alert.reference)
        super().__init__(title, today=deps.today, parent=parent)
        self._deps = deps
        self._alert = alert
        self.saved: AlertView | None = None
        self.setMinimumWidth(560)
        self.level_combo = ChoiceCombo(deps.alerts.choices().escalation_levels)
        self.add_row(self.tr("&Level:"), self.level_combo, "level")
        self.target_edit = limited_line(LABEL_MAX, alert.escalation_target)
        self.target_edit.setPlaceholderText(self.tr("e.g. prevention platform, CCAPEX, the landlord's agency head"))
        self.add_row(self.tr("&Target:"), self.target_edit, "target")
        self.note_edit = note_edit(LONG_TEXT_MAX)
        self.add_row(self.tr("&Note:"), self.note_edit, "note", "status")
        self.finish(self._submit)

    def _submit(self) -> None:
        self.saved = self._deps.alerts.escalate(
            self._alert.id,
            level=self.level_combo.code(),
            target=self.target_edit.text(),
            note=self.note_edit.toPlainText(),
            expected_version=self._alert.row_version,
        )


class CloseAlertDialog(FormDialog):
    """Resolves an alert with its outcome, or closes it without follow-up with a reason."""

    def __init__(
        self, deps: AlertsDeps, alert: AlertView, parent: QWidget | None = None, *, without_follow_up: bool = False
    ) -> None:
        super().__init__("", today=deps.today, parent=parent)
        self._deps = deps
        self._alert = alert
        self._without = without_follow_up
        self.saved: AlertView | None = None
        if without_follow_up:
            title = self.tr("Close {reference} without follow-up")
            label = self.tr("&Why (duplicate, error…):")
        elif alert.direction == TO_LANDLORD:
            title = self.tr("{reference} treated by the landlord")
            label = self.tr("&What the landlord did:")
        else:
            title = self.tr("Resolve {reference}")
            label = self.tr("&Outcome:")
        self.setWindowTitle(title.format(reference=alert.reference))
        self.text_edit = note_edit(LONG_TEXT_MAX, 90)
        self.add_row(label, self.text_edit, "reason" if without_follow_up else "outcome", "status")
        self.finish(self._submit)

    def _submit(self) -> None:
        alerts, text = self._deps.alerts, self.text_edit.toPlainText()
        if self._without:
            self.saved = alerts.close_without_follow_up(
                self._alert.id, reason=text, expected_version=self._alert.row_version
            )
        else:
            self.saved = alerts.resolve(self._alert.id, outcome=text, expected_version=self._alert.row_version)
