"""Recording a consent (signed, requested or refused) and its later decisions (signature, refusal, withdrawal)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path

from dateutil.relativedelta import relativedelta
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.services.date_rules import DateKind
from caseworker.services.documents import Attachment
from caseworker.services.households import HouseholdFile
from caseworker.services.reference import Choice, Picklist
from caseworker.services.settings import CONSENT_VALIDITY_MONTHS
from caseworker.services.sharing import ConsentInput, ConsentView, FilingReference
from caseworker.services.sharing.register import MAX_ATTACHMENT_BYTES
from caseworker.services.validation import FILING_REFERENCE_MAX, PARAGRAPH_MAX, PURPOSE_MAX
from caseworker.ui.common.attachments import UnreadableFileError, choose_file, read_attachment
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.text_limits import limit_text, limited_line
from caseworker.ui.households.file_deps import ConsentDeps


class EvidenceField(QWidget):
    """The proof of a signature: the scanned form and/or where the signed original is filed.

    The scan is kept inside the encrypted database; the filing is a place from the list and its reference. A
    verbal agreement is no proof.
    """

    def __init__(self, places: list[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attachment: Attachment | None = None
        self.file_label = QLabel(self.tr("No scan attached"))
        attach = QPushButton(self.tr("Attach the &scan…"))
        attach.clicked.connect(self._choose)
        self.place_combo = ChoiceCombo(places, empty_label=self.tr("— original filed in —"))
        self.place_combo.setAccessibleName(self.tr("Where the signed original is filed"))
        self.reference_edit = limited_line(FILING_REFERENCE_MAX)
        self.reference_edit.setPlaceholderText(self.tr("reference, e.g. file no. or binder"))
        self.reference_edit.setAccessibleName(self.tr("Reference of the signed original"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file_label, 1)
        row.addWidget(attach)
        filed = QHBoxLayout()
        filed.setContentsMargins(0, 0, 0, 0)
        filed.addWidget(self.place_combo)
        filed.addWidget(self.reference_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(filed)
        layout.addWidget(QLabel(self.tr("A verbal agreement is no proof: without the signed form it stays requested.")))
        self.setFocusProxy(attach)

    def filing(self) -> FilingReference | None:
        """Return where the signed original is filed, or None when nothing was given."""
        place, reference = self.place_combo.code(), self.reference_edit.text()
        if not place and not reference.strip():
            return None
        return FilingReference(place, reference)

    def attach_file(self, path: Path) -> str | None:
        """Read a file into memory; return a French problem or None."""
        try:
            attachment = read_attachment(path, max_bytes=MAX_ATTACHMENT_BYTES, guess_media_type=True)
        except UnreadableFileError as exc:
            return str(exc)
        if len(attachment.content) > MAX_ATTACHMENT_BYTES:
            return self.tr("The file is larger than 20 MB: scan it at a lower resolution.")
        self.attachment = attachment
        self.file_label.setText(path.name)
        return None

    def _choose(self) -> None:
        path = choose_file(
            self,
            self.tr("Signed form"),
            self.tr("Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)"),
            start=str(Path.home()),
        )
        if path is not None:
            problem = self.attach_file(path)
            if problem:
                self.file_label.setText(problem)


class Decision(Enum):
    """What the new consent record says."""

    GRANTED = "granted"
    REQUESTED = "requested"
    REFUSED = "refused"


class ConsentDialog(FormDialog):
    """A new consent record for an adult member, towards an organisation, for some categories."""

    def __init__(self, deps: ConsentDeps, household: HouseholdFile, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New consent"), today=deps.today, parent=parent, minimum_width=620)
        self._deps = deps
        self._household = household
        today = deps.today()
        self._build_person_combo(household, today)
        recipient_widget = self._build_recipient_row()
        categories_widget = self._build_categories()
        decision_widget = self._build_purpose_and_decision()
        months = deps.settings.get(CONSENT_VALIDITY_MONTHS)
        self.evidence = EvidenceField(deps.reference.choices(Picklist.EVIDENCE_PLACE))
        self.after_care_box = QCheckBox(self.tr("Also valid during after-care"))
        self.note_edit = limited_line(PARAGRAPH_MAX)
        self._add_rows(recipient_widget, categories_widget, decision_widget, today, months)
        self._tell_if_no_adult()
        self.finish(self._submit, check=self._check)
        for radio in (self.granted_radio, self.requested_radio, self.refused_radio):
            radio.toggled.connect(self._decision_changed)
        self._decision_changed()

    # building ---------------------------------------------------------------------------------------------

    def _build_person_combo(self, household: HouseholdFile, today: date) -> None:
        """Offer the household's adults: consent is given by adults."""
        self.person_combo = QComboBox()
        for member in household.members:
            if member.is_adult(today):
                self.person_combo.addItem(member.display_name, member.person_id)

    def _build_recipient_row(self) -> QWidget:
        """Return the recipient organisation chooser, with a button to add an organisation to the directory."""
        self.recipient_combo = QComboBox()
        add_recipient = QPushButton(self.tr("New &organisation…"))
        add_recipient.clicked.connect(self._add_recipient)
        recipient_row = QHBoxLayout()
        recipient_row.setContentsMargins(0, 0, 0, 0)
        recipient_row.addWidget(self.recipient_combo, 1)
        recipient_row.addWidget(add_recipient)
        recipient_widget = QWidget()
        recipient_widget.setLayout(recipient_row)
        self._fill_recipients()
        return recipient_widget

    def _build_categories(self) -> QWidget:
        """Return a check box per category of information shared (housing checked by default)."""
        self.category_boxes: dict[str, QCheckBox] = {}
        categories_widget = QWidget()
        categories_layout = QVBoxLayout(categories_widget)
        categories_layout.setContentsMargins(0, 0, 0, 0)
        for category in self._deps.reference.choices(Picklist.CONSENT_CATEGORY):
            box = QCheckBox(category.label)
            self.category_boxes[category.code] = box
            categories_layout.addWidget(box)
        if "situation_logement" in self.category_boxes:  # the housing situation is what a landlord asks first
            self.category_boxes["situation_logement"].setChecked(True)
        return categories_widget

    def _build_purpose_and_decision(self) -> QWidget:
        """Create the purpose and the decision buttons (granted, requested, refused); return the decision's box."""
        self.purpose_edit = limit_text(
            QPlainTextEdit(self.tr("Sharing housing-related information with the landlord (liaison sheet, alerts).")),
            PURPOSE_MAX,
        )
        self.purpose_edit.setFixedHeight(60)
        self.purpose_edit.setTabChangesFocus(True)
        self.granted_radio = QRadioButton(self.tr("&Granted: the form is signed"))
        self.requested_radio = QRadioButton(self.tr("Re&quested: waiting for the signature"))
        self.refused_radio = QRadioButton(self.tr("Re&fused by the person"))
        self.granted_radio.setChecked(True)
        group = QButtonGroup(self)
        for radio in (self.granted_radio, self.requested_radio, self.refused_radio):
            group.addButton(radio)
        decision_widget = QWidget()
        decision_layout = QVBoxLayout(decision_widget)
        decision_layout.setContentsMargins(0, 0, 0, 0)
        for radio in (self.granted_radio, self.requested_radio, self.refused_radio):
            decision_layout.addWidget(radio)
        return decision_widget

    def _add_rows(self, recipient: QWidget, categories: QWidget, decision: QWidget, today: date, months: int) -> None:
        """Put the fields in the form, each with its message line."""
        self.add_row(self.tr("&Person:"), self.person_combo, "person_id")
        self.add_row(self.tr("&Recipient:"), recipient, "recipient_id")
        self.add_row(self.tr("Information &shared:"), categories, "category_codes")
        self.add_row(self.tr("P&urpose:"), self.purpose_edit, "purpose")
        self.add_row(self.tr("&Decision:"), decision, "status")
        self.date_field = self.date_row(
            DateKind.EVENT, self.tr("D&ate:"), "signed_on", today, "decided_on", "requested_on"
        )
        self.expiry_field = self.date_row(DateKind.VALIDITY, self.tr("&Expires on:"), "expires_on", None, optional=True)
        self.expiry_field.line_edit.setPlaceholderText(
            self.tr("empty: {months} months after the signature").format(months=months)
        )
        self.add_row(self.tr("E&vidence:"), self.evidence, "evidence", "evidence_place", "evidence_reference")
        self.add_row(self.tr("Refusal &note:"), self.note_edit, "status_note")
        self.form.addRow("", self.after_care_box)

    def _tell_if_no_adult(self) -> None:
        """Say at once why the dialog cannot be saved when the household has no adult."""
        if self.person_combo.count() == 0:
            self.errors.show(
                {
                    "person_id": self.tr(
                        "The household has no adult member (18 or over this year, or an adult's role): consent is "
                        "given by adults."
                    )
                }
            )

    def _fill_recipients(self, select_id: int | None = None) -> None:
        self.recipient_combo.clear()
        organisations = [item for item in self._deps.directory.list_organisations() if not item.is_own]
        organisations.sort(key=lambda item: (not item.is_landlord, item.name))
        for organisation in organisations:
            self.recipient_combo.addItem(f"{organisation.name} ({organisation.kind_label})", organisation.id)
        current = self._household.current_occupancy
        landlord_id = current.dwelling.landlord_id if current and current.dwelling else None
        target = select_id if select_id is not None else landlord_id
        if target is not None and self.recipient_combo.findData(target) >= 0:
            self.recipient_combo.setCurrentIndex(self.recipient_combo.findData(target))

    def _add_recipient(self) -> None:
        saved = self._deps.new_organisation(self, False)
        if saved is not None:
            self._fill_recipients(saved)

    def decision(self) -> Decision:
        """Return the chosen decision."""
        if self.requested_radio.isChecked():
            return Decision.REQUESTED
        if self.refused_radio.isChecked():
            return Decision.REFUSED
        return Decision.GRANTED

    def _decision_changed(self) -> None:
        granted = self.decision() is Decision.GRANTED
        self.expiry_field.setEnabled(granted)
        self.evidence.setEnabled(granted)
        self.note_edit.setEnabled(self.decision() is Decision.REFUSED)

    def _check(self) -> dict[str, str]:
        """The person and the recipient are chosen (the dates are read by the form)."""
        problems: dict[str, str] = {}
        if self.person_combo.currentData() is None:
            problems["person_id"] = self.tr("Choose the person who gives (or refuses) consent.")
        if self.recipient_combo.currentData() is None:
            problems["recipient_id"] = self.tr("Choose the recipient.")
        return problems

    def _submit(self) -> None:
        data = ConsentInput(
            person_id=int(self.person_combo.currentData()),
            recipient_id=int(self.recipient_combo.currentData()),
            category_codes=tuple(code for code, box in self.category_boxes.items() if box.isChecked()),
            purpose=self.purpose_edit.toPlainText(),
            covers_after_care=self.after_care_box.isChecked(),
        )
        consents = self._deps.consents
        day = self.required("signed_on")
        if self.decision() is Decision.GRANTED:
            consents.record_granted(
                self._household.id,
                data,
                signed_on=day,
                expires_on=self.value("expires_on"),
                filing=self.evidence.filing(),
                evidence=self.evidence.attachment,
            )
        elif self.decision() is Decision.REQUESTED:
            consents.request(self._household.id, data, requested_on=day)
        else:
            consents.record_refused(self._household.id, data, refused_on=day, note=self.note_edit.text())


class ConsentDecisionDialog(FormDialog):
    """Signature of a requested consent, refusal of a request, or withdrawal of a granted consent."""

    def __init__(self, deps: ConsentDeps, consent: ConsentView, decision: str, parent: QWidget | None = None) -> None:
        titles = {
            "grant": self.tr("Record the signature"),
            "refuse": self.tr("Record a refusal"),
            "revoke": self.tr("Withdraw the consent"),
        }
        super().__init__(titles[decision], today=deps.today, parent=parent, minimum_width=None)
        self._deps = deps
        self._consent = consent
        self._decision = decision
        self.form.addRow(self.tr("Consent:"), QLabel(f"{consent.person_name} → {consent.recipient_name}"))
        self.date_field = self.date_row(
            DateKind.EVENT, self.tr("&Date:"), "signed_on", deps.today(), "decided_on", "revoked_on"
        )
        self.evidence = EvidenceField(deps.reference.choices(Picklist.EVIDENCE_PLACE))
        self.note_edit = limited_line(PARAGRAPH_MAX)
        if decision == "grant":
            self.expiry_field = self.date_row(
                DateKind.VALIDITY, self.tr("&Expires on:"), "expires_on", None, optional=True
            )
            default_expiry = consent.requested_on + relativedelta(months=deps.settings.get(CONSENT_VALIDITY_MONTHS))
            self.expiry_field.line_edit.setPlaceholderText(default_expiry.strftime("%d/%m/%Y"))
            self.add_row(self.tr("E&vidence:"), self.evidence, "evidence", "evidence_place", "evidence_reference")
        else:
            self.expiry_field = DateField(kind=DateKind.VALIDITY, today=deps.today, optional=True)
            self.add_row(self.tr("&Note:"), self.note_edit, "status_note")
        self.finish(self._submit)

    def _submit(self) -> None:
        consents = self._deps.consents
        day = self.required("signed_on")
        if self._decision == "grant":
            consents.grant(
                self._consent.id,
                signed_on=day,
                expires_on=self.value("expires_on"),
                filing=self.evidence.filing(),
                evidence=self.evidence.attachment,
            )
        elif self._decision == "refuse":
            consents.refuse(self._consent.id, refused_on=day, note=self.note_edit.text())
        else:
            consents.revoke(self._consent.id, revoked_on=day, note=self.note_edit.text())
