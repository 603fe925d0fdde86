"""The alert inbox (Alertes section and the household's Alertes tab) and the detail of one alert with its actions."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain import AlertStatus
from caseworker.domain.alerts import DIRECTION_LABELS, STATUS_LABELS, TO_ASSOCIATION, TO_LANDLORD
from caseworker.errors import KnownError
from caseworker.formats import format_amount, format_date, format_datetime
from caseworker.services.alerts import (
    MAX_ATTACHMENT_BYTES as ALERT_ATTACHMENT_MAX_BYTES,
)
from caseworker.services.alerts import AlertFilter, AlertView, EmailDraft, OutgoingAlert
from caseworker.services.errors import ConcurrentChangeError
from caseworker.ui.alerts.alert_dialogs import ActionDialog, CloseAlertDialog, EscalateDialog, NewAlertDialog
from caseworker.ui.alerts.alert_table_models import AlertHistoryTableModel, AlertTableModel, history_lines
from caseworker.ui.alerts.deps import AlertsDeps
from caseworker.ui.common.attachments import choose_attachment
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.flow_layout import FlowLayout
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.pdf_preview import PdfPreviewDialog
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.households.aftercare_dialogs import ReactivateDialog

OVERDUE_STYLE = "color: #b3261e; font-weight: 600;"


class EmailDialog(FittedDialog):
    """Shows an e-mail to copy into the mail program, or to save as ``.eml``.

    Signals:
        exported(str): "courriel" once the text was copied or the ``.eml`` saved.
    """

    exported = Signal(str)

    def __init__(self, draft: EmailDraft, sender: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self._sender = sender
        self.setWindowTitle(title)
        self.resize(640, 460)
        header = QLabel(self.tr("To: {to}\nSubject: {subject}").format(to=draft.to or "—", subject=draft.subject))
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body_edit = QPlainTextEdit(draft.body)
        self.body_edit.setReadOnly(True)
        copy = QPushButton(self.tr("&Copy the text"))
        copy.clicked.connect(self.copy_text)
        save = QPushButton(self.tr("Save as .&eml…"))
        save.clicked.connect(self.save_eml)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.body_edit, 1)
        layout.addWidget(buttons)

    def copy_text(self) -> None:
        """Put the subject and the text on the clipboard (to paste into the mail program)."""
        QGuiApplication.clipboard().setText(f"{self._draft.subject}\n\n{self._draft.body}")
        self.exported.emit("courriel")

    def save_eml(self) -> bool:
        """Write the ``.eml`` where the person chooses."""
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the e-mail"),
            "message.eml",
            "E-mail (*.eml)",
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if not name:
            return False
        return self.save_to(name)

    def save_to(self, path: str) -> bool:
        """Write the ``.eml`` to ``path``."""
        try:
            Path(path).write_bytes(self._draft.eml(self._sender))
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Save the e-mail"),
                self.tr("The file could not be written: {error}").format(error=exc.strerror),
            )
            return False
        self.exported.emit("courriel")
        return True


class AlertDetailPanel(QWidget):
    """One alert: what, who, deadlines, history, and the next steps.

    Signals:
        changed: the alert changed (lists should refresh).
    """

    changed = Signal()

    def __init__(self, deps: AlertsDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self._alerts = deps.alerts
        self.alert: AlertView | None = None
        self.title_label = QLabel()
        self.title_label.setObjectName("alertTitle")
        self.title_label.setWordWrap(True)
        self.details_label = QLabel()
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.deadline_label = QLabel()
        self.deadline_label.setWordWrap(True)
        # The landlord's after-sales line (docs/domain.md §14.2): the household left support, its after-care runs.
        self.after_sales_label = QLabel()
        self.after_sales_label.setObjectName("afterSalesLabel")
        self.after_sales_label.setWordWrap(True)
        self.reactivate_button = QPushButton(self.tr("Reacti&vate support…"))
        self.reactivate_button.setObjectName("reactivateButton")
        self.reactivate_button.clicked.connect(self.reactivate)
        after_sales = QHBoxLayout()
        after_sales.addWidget(self.after_sales_label, 1)
        after_sales.addWidget(self.reactivate_button)
        self.history_model = AlertHistoryTableModel(self)
        self.history_table = record_table(self.history_model, "alertHistoryTable")
        self.acknowledge_button = QPushButton(self.tr("&Acknowledge"))
        self.action_button = QPushButton(self.tr("Add an ac&tion…"))
        self.escalate_button = QPushButton(self.tr("E&scalate…"))
        self.back_button = QPushButton(self.tr("Back to &treatment"))
        self.resolve_button = QPushButton(self.tr("&Resolve…"))
        self.close_button = QPushButton(self.tr("Close &without follow-up…"))
        self.reply_button = QPushButton(self.tr("Ac&knowledgement e-mail…"))
        # Two ways to send, chosen from the button's menu (Space or Enter opens it, arrows and letters choose).
        self.send_button = QPushButton(self.tr("Send to the &landlord"))
        send_menu = QMenu(self.send_button)
        self.send_letter_action = send_menu.addAction(self.tr("As a &letter (PDF to print or save)…"))
        self.send_letter_action.triggered.connect(self.send_letter)
        self.send_email_action = send_menu.addAction(self.tr("As an &e-mail (text to copy or .eml file)…"))
        self.send_email_action.triggered.connect(self.send_email)
        self.send_button.setMenu(send_menu)
        self.attach_button = QPushButton(self.tr("Attach a &document…"))
        self.recurrence_button = QPushButton(self.tr("Rec&urrence…"))
        actions = (
            (self.acknowledge_button, self.acknowledge),
            (self.action_button, self.add_action),
            (self.escalate_button, self.escalate),
            (self.back_button, self.back_to_treatment),
            (self.resolve_button, self.resolve),
            (self.close_button, self.close_without_follow_up),
            (self.reply_button, self.acknowledgement_email),
            (self.send_button, None),
            (self.attach_button, self.attach_document),
            (self.recurrence_button, self.recurrence),
        )
        # The steps first, then what goes with them; on a narrow screen the buttons wrap onto more lines.
        buttons = FlowLayout()
        for button, slot in actions:
            if slot is not None:
                button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.deadline_label)
        layout.addLayout(after_sales)
        layout.addLayout(buttons)
        layout.addWidget(self.history_table, 1)
        self.set_alert(None)

    def set_alert(self, alert_id: int | None) -> None:
        """Show an alert (None: nothing)."""
        try:
            self.alert = self._alerts.alert(alert_id) if alert_id is not None else None
        except KnownError as exc:
            show_error(self, exc)
            self.alert = None
        self._show()

    def _show(self) -> None:
        alert = self.alert
        if alert is None:
            self.title_label.setText(self.tr("Choose an alert in the list."))
            self.details_label.clear()
            self.deadline_label.clear()
            self.history_model.set_records([])
        else:
            self.title_label.setText(f"<b>{alert.reference} · {alert.type_label}</b> — {alert.status_label}")
            self.details_label.setText(self._details_text(alert))
            self.deadline_label.setText(self._deadline_text(alert))
            self.deadline_label.setStyleSheet(OVERDUE_STYLE if alert.overdue else "")
            self.history_model.set_records(history_lines(alert))
            self.history_table.resizeColumnsToContents()
        self._explain_buttons(alert)
        self._show_after_sales(alert)
        if alert is not None and alert.direction == TO_LANDLORD:
            self.acknowledge_button.setText(self.tr("&Acknowledged by the landlord"))
            self.resolve_button.setText(self.tr("T&reated by the landlord…"))
        else:
            self.acknowledge_button.setText(self.tr("&Acknowledge"))
            self.resolve_button.setText(self.tr("&Resolve…"))

    def _show_after_sales(self, alert: AlertView | None) -> None:
        """« Ménage sorti — suivi post-accompagnement jusqu'au … », its referent, and Reactivate while it runs."""
        after_sales = alert.after_sales if alert is not None else None
        self.after_sales_label.setVisible(after_sales is not None)
        if after_sales is not None:
            self.after_sales_label.setText(
                "<b>"
                + escape(
                    self.tr("{caption} · after-care referent: {name}").format(
                        caption=after_sales.caption, name=after_sales.referent_name
                    )
                )
                + "</b>"
            )
        self.reactivate_button.setVisible(
            after_sales is not None and not after_sales.ended and self._deps.reactivation is not None
        )

    def reactivate(self) -> None:
        """Reactivate the household's support from its after-care (two clicks: this, then the dialog's Save)."""
        alert, reactivation = self.alert, self._deps.reactivation
        if alert is None or alert.after_sales is None or reactivation is None:
            return
        try:
            proposal = reactivation.proposal(alert.after_sales.episode_id)
        except KnownError as exc:
            show_error(self, exc)
            return
        dialog = ReactivateDialog(reactivation, proposal, self._deps.today, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reread()

    def _details_text(self, alert: AlertView) -> str:
        """Direction, household, landlord, when and how it came, severity, then the description and outcome."""
        parts = [
            alert.direction_label,
            alert.household_name,
            alert.landlord_name + (f" ({alert.contact_name})" if alert.contact_name else ""),
            self.tr("received {when} by {channel}").format(
                when=format_datetime(alert.received_at), channel=alert.channel_label.lower()
            ),
            self.tr("severity: {severity}").format(severity=alert.severity_label.lower()),
        ]
        if alert.amount is not None:
            parts.append(format_amount(alert.amount))
        if alert.dwelling_label:
            parts.append(alert.dwelling_label)
        text = " · ".join(part for part in parts if part)
        if alert.description:
            text += "\n" + alert.description
        if alert.outcome:
            text += "\n" + self.tr("Outcome: {outcome}").format(outcome=alert.outcome)
        if alert.documents:
            text += "\n" + self.tr("Documents: {names}").format(names=", ".join(name for _id, name in alert.documents))
        return text

    def _deadline_text(self, alert: AlertView) -> str:
        """The two deadlines and where they come from, preceded by what is overdue."""
        deadline = self.tr("Acknowledge by {acknowledge} · first action by {action} ({source})").format(
            acknowledge=format_date(alert.acknowledge_due_on),
            action=format_date(alert.action_due_on),
            source=alert.deadline_source,
        )
        if alert.acknowledge_overdue:
            overdue = self.tr("Overdue: not acknowledged (due {date}).").format(
                date=format_date(alert.acknowledge_due_on)
            )
            return overdue + " " + deadline
        if alert.action_overdue:
            overdue = self.tr("Overdue: no action yet (due {date}).").format(date=format_date(alert.action_due_on))
            return overdue + " " + deadline
        return deadline

    def _explain_buttons(self, alert: AlertView | None) -> None:
        """Enable the steps the alert's status allows; a greyed-out button says why in its tooltip."""
        if alert is None:
            for button in self._step_buttons():
                enable_unless(button, self.tr("Choose an alert in the list."))
            return
        allowed = alert.allowed
        status = alert.status
        closed = self.tr("The alert is closed.") if not alert.is_open else ""
        not_acknowledged = self.tr("The alert has not been acknowledged yet.") if status is AlertStatus.NOUVEAU else ""
        no_action_yet = (
            self.tr("Record an action first: an alert is escalated once it is being treated.")
            if status in (AlertStatus.NOUVEAU, AlertStatus.PRIS_EN_COMPTE)
            else ""
        )
        enable_unless(
            self.acknowledge_button,
            "" if AlertStatus.PRIS_EN_COMPTE in allowed else closed or self.tr("The alert is already acknowledged."),
        )
        enable_unless(
            self.action_button, self.tr("The alert is closed: record a recurrence instead.") if closed else ""
        )
        enable_unless(self.escalate_button, "" if AlertStatus.ESCALADE in allowed else closed or no_action_yet)
        enable_unless(
            self.back_button,
            ""
            if status is AlertStatus.ESCALADE
            else closed or self.tr("Only an escalated alert goes back to treatment."),
        )
        enable_unless(self.resolve_button, "" if AlertStatus.RESOLU in allowed else closed or not_acknowledged)
        enable_unless(
            self.close_button,
            ""
            if AlertStatus.CLOS_SANS_SUITE in allowed
            else closed
            or self.tr("Once acknowledged, an alert is closed without follow-up only after an action; or resolve it."),
        )
        enable_unless(
            self.reply_button,
            "" if alert.direction == TO_ASSOCIATION else self.tr("Only for an alert received from the landlord."),
        )
        enable_unless(
            self.send_button,
            closed if alert.direction == TO_LANDLORD else self.tr("Only for an alert to send to the landlord."),
        )
        enable_unless(self.attach_button, "")
        enable_unless(
            self.recurrence_button,
            "" if not alert.is_open else self.tr("A recurrence is recorded once this alert is closed."),
        )

    def _step_buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.acknowledge_button,
            self.action_button,
            self.escalate_button,
            self.back_button,
            self.resolve_button,
            self.close_button,
            self.reply_button,
            self.send_button,
            self.attach_button,
            self.recurrence_button,
        )

    def _done(self, alert: AlertView | None) -> None:
        if alert is not None:
            self.alert = alert
            self._show()
            self.changed.emit()

    def _run(self, action) -> None:  # type: ignore[no-untyped-def]
        try:
            alert = action()
        except KnownError as exc:
            show_error(self, exc)
            if isinstance(exc, ConcurrentChangeError):
                self._reread()
            return
        self._done(alert)

    def _reread(self) -> None:
        """Show the newer version after a save refused as typed against an older one (or the alert gone)."""
        if self.alert is not None:
            self.set_alert(self.alert.id)
            self.changed.emit()

    def acknowledge(self) -> None:
        """Take the alert into account now."""
        if self.alert is not None:
            alert_id, version = self.alert.id, self.alert.row_version
            self._run(lambda: self._alerts.acknowledge(alert_id, expected_version=version))

    def back_to_treatment(self) -> None:
        """End the escalation."""
        if self.alert is not None:
            alert_id, version = self.alert.id, self.alert.row_version
            self._run(lambda: self._alerts.back_to_treatment(alert_id, expected_version=version))

    def _dialog(self, dialog: QDialog) -> None:
        if dialog.exec():
            self._done(getattr(dialog, "saved", None))
        elif changed_meanwhile(dialog):
            self._reread()

    def add_action(self) -> None:
        """Link an action."""
        if self.alert is not None:
            self._dialog(ActionDialog(self._deps, self.alert, self))

    def escalate(self) -> None:
        """Escalate."""
        if self.alert is not None:
            self._dialog(EscalateDialog(self._deps, self.alert, self))

    def resolve(self) -> None:
        """Resolve with the outcome."""
        if self.alert is not None:
            self._dialog(CloseAlertDialog(self._deps, self.alert, self))

    def close_without_follow_up(self) -> None:
        """Close without follow-up."""
        if self.alert is not None:
            self._dialog(CloseAlertDialog(self._deps, self.alert, self, without_follow_up=True))

    def recurrence(self) -> None:
        """Record a new alert linked to this closed one."""
        if self.alert is not None:
            dialog = NewAlertDialog(self._deps, parent=self, related=self.alert)
            if dialog.exec() and dialog.saved is not None:
                self.changed.emit()

    def acknowledgement_email(self) -> None:
        """The reply to the landlord: taken into account, who the referent is."""
        if self.alert is None:
            return
        try:
            draft = self._alerts.acknowledgement_email(self.alert.id)
        except KnownError as exc:
            show_error(self, exc)
            return
        dialog = EmailDialog(draft, "", self.tr("Acknowledgement for the landlord"), self)
        alert_id = self.alert.id
        # Copied or saved, it leaves for the landlord: written to the disclosure log (C0, no consent needed).
        dialog.exported.connect(lambda _how: self._acknowledgement_sent(alert_id, draft))
        dialog.exec()

    def _acknowledgement_sent(self, alert_id: int, draft: EmailDraft) -> None:
        try:
            self._alerts.record_acknowledgement_sent(alert_id, draft)
        except KnownError as exc:
            show_error(self, exc)
            return
        self.changed.emit()

    def send_letter(self) -> None:
        """Prepare the letter to the landlord and preview it (refused without the household's consent)."""
        outgoing = self._prepare_outgoing()
        if outgoing is None or self.alert is None:
            return
        preview = PdfPreviewDialog(
            outgoing.letter.content,
            self.tr("Letter to {landlord}").format(landlord=self.alert.landlord_name),
            outgoing.letter.filename,
            self,
            notice=self.tr("Printing this letter or saving a copy sends it to the landlord: it is recorded."),
        )
        preview.exported.connect(self._letter_sent)
        self._outgoing = outgoing
        preview.exec()

    def send_email(self) -> None:
        """Prepare the e-mail to the landlord and show it (refused without the household's consent)."""
        outgoing = self._prepare_outgoing()
        if outgoing is None or self.alert is None:
            return
        email = EmailDialog(
            outgoing.email,
            outgoing.sender,
            self.tr("E-mail to {landlord}").format(landlord=self.alert.landlord_name),
            self,
        )
        email.exported.connect(self._email_sent)
        self._outgoing = outgoing
        email.exec()

    def _prepare_outgoing(self) -> OutgoingAlert | None:
        alert = self.alert
        if alert is None:
            return None
        try:
            return self._alerts.prepare_outgoing(alert.id, contact_id=alert.contact_id)
        except KnownError as exc:
            show_error(self, exc, title=self.tr("Alert not sent"))
            return None

    def _letter_sent(self, how: str) -> None:
        self._record("courrier" if how == "print" else "fichier")

    def _email_sent(self, _how: str) -> None:
        self._record("courriel")

    def _record(self, channel: str) -> None:
        try:
            self._alerts.record_sent(self._outgoing, channel=channel)
        except KnownError as exc:
            show_error(self, exc)
            return
        self.changed.emit()

    def attach_document(self) -> None:
        """Store a document in the encrypted database."""
        if self.alert is None:
            return
        attachment = choose_attachment(self, self.tr("Attach a document"), max_bytes=ALERT_ATTACHMENT_MAX_BYTES)
        if attachment is None:
            return
        alert_id = self.alert.id
        self._run(lambda: self._alerts.attach_document(alert_id, attachment))


class AlertInboxPanel(QWidget):
    """The inbox with its filters, the selected alert below. ``household mode`` shows one household's alerts.

    Signals:
        changed: an alert was recorded or changed.
    """

    changed = Signal()

    def __init__(self, deps: AlertsDeps, parent: QWidget | None = None, *, household_mode: bool = False) -> None:
        super().__init__(parent)
        self._deps = deps
        self._household_mode = household_mode
        self._loaded = False
        self._sized = False
        self.household_id: int | None = None
        filters = self._build_filters()
        self.overdue_box = QCheckBox(self.tr("O&verdue only"))
        self.mine_box = QCheckBox(self.tr("&My households"))
        self.new_button = QPushButton(self.tr("&New alert…"))
        self.new_button.clicked.connect(self.new_alert)
        self.count_label = QLabel()
        for combo in (self.type_combo, self.direction_combo, self.status_combo, self.landlord_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.currentIndexChanged.connect(self.reload)
        for box in (self.overdue_box, self.mine_box):
            box.toggled.connect(self.reload)
        header = self._build_header()
        self.model = AlertTableModel(self, with_household=not household_mode)
        self.table = record_table(self.model, "alertsTable")
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = AlertDetailPanel(deps)
        self.detail.changed.connect(self._detail_changed)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([320, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        if household_mode:
            self.status_combo.setCurrentIndex(self.status_combo.findData(None))

    def _build_filters(self) -> FlowLayout:
        """The type, direction, status and landlord lists, each with its caption (landlords come on first load)."""
        self.type_combo = QComboBox()
        self.type_combo.addItem(self.tr("All types"), None)
        for choice in self._deps.alerts.choices().types:
            self.type_combo.addItem(choice.label, choice.code)
        self.direction_combo = QComboBox()
        self.direction_combo.addItem(self.tr("Both directions"), None)
        for code, label in DIRECTION_LABELS.items():
            self.direction_combo.addItem(label, code)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("Open"), "open")
        self.status_combo.addItem(self.tr("Closed"), "closed")
        self.status_combo.addItem(self.tr("Any status"), None)
        for status, label in STATUS_LABELS.items():
            self.status_combo.addItem(label, status.value)
        self.landlord_combo = QComboBox()
        self.landlord_combo.addItem(self.tr("All landlords"), None)
        filters = FlowLayout()  # wraps on a narrow screen, each caption staying with its list
        for label, widget in (
            (self.tr("T&ype:"), self.type_combo),
            (self.tr("&Direction:"), self.direction_combo),
            (self.tr("&Status:"), self.status_combo),
            (self.tr("&Landlord:"), self.landlord_combo),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            pair = QWidget()
            pair_layout = QHBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 0, 0)
            pair_layout.addWidget(caption)
            pair_layout.addWidget(widget)
            filters.addWidget(pair)
        return filters

    def _build_header(self) -> QHBoxLayout:
        """The page title (not in household mode), the count, "overdue only", "my households", New alert…."""
        header = QHBoxLayout()
        if not self._household_mode:
            title = QLabel(self.tr("Alerts"))
            title.setObjectName("pageTitle")
            header.addWidget(title)
        header.addWidget(self.count_label)
        header.addStretch(1)
        header.addWidget(self.overdue_box)
        if not self._household_mode:
            header.addWidget(self.mine_box)
        else:
            self.mine_box.setVisible(False)
        header.addWidget(self.new_button)
        return header

    def set_household(self, household_id: int | None) -> None:
        """Household mode: show this household's alerts."""
        self.household_id = household_id
        enable_unless(self.new_button, "" if household_id is not None else self.tr("Open a household first."))
        self.reload()

    def reload(self) -> None:
        """Re-read with the current filters."""
        if not self._loaded:
            self._loaded = True
            self.landlord_combo.blockSignals(True)
            for organisation in self._deps.directory.list_organisations(landlords_only=True):
                self.landlord_combo.addItem(organisation.name, organisation.id)
            self.landlord_combo.blockSignals(False)
        if self._household_mode and self.household_id is None:
            self.model.set_records([])
            self.detail.set_alert(None)
            return
        keep = self.detail.alert.id if self.detail.alert else None
        rows = self._deps.alerts.inbox(
            AlertFilter(
                type_code=self.type_combo.currentData(),
                direction=self.direction_combo.currentData(),
                status=self.status_combo.currentData(),
                landlord_id=self.landlord_combo.currentData(),
                overdue_only=self.overdue_box.isChecked(),
                mine=self.mine_box.isChecked(),
                household_id=self.household_id,
            )
        )
        self.model.set_records(rows)
        # The rows come overdue first, then newest first: no column's sort arrow describes that order.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        if rows and not self._sized:
            # Once: columns that keep their width while the filters change are easier to read (and measuring
            # every cell of 500 rows on each change costs more than the query).
            self._sized = True
            self.table.resizeColumnsToContents()
        overdue = sum(1 for row in rows if row.overdue)
        self.count_label.setText(
            self.tr("%n alert(s)", "", len(rows)) + (" · " + self.tr("%n overdue", "", overdue) if overdue else "")
        )
        self.count_label.setStyleSheet(OVERDUE_STYLE if overdue else "")
        index = next((i for i, row in enumerate(rows) if row.id == keep), 0 if rows else -1)
        if index >= 0:
            self.table.selectRow(index)
        else:
            self.detail.set_alert(None)

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        alert_id = self.model.record(rows[0].row()).id if rows else None
        if self.detail.alert is None or self.detail.alert.id != alert_id:
            self.detail.set_alert(alert_id)

    def _detail_changed(self) -> None:
        self.reload()
        self.changed.emit()

    def new_alert(self) -> None:
        """Record a new alert (for the household shown, in household mode)."""
        dialog = NewAlertDialog(self._deps, self.household_id, self)
        if dialog.exec() and dialog.saved is not None:
            self.reload()
            self.detail.set_alert(dialog.saved.id)
            self.changed.emit()
