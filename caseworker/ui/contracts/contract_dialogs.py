"""Small dialogs of the contract lifecycle: a new contract, a signature, an amendment, the end."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from caseworker.domain import ContractStatus, SignatureMethod
from caseworker.domain.contracts import SIGNATURE_METHOD_LABELS
from caseworker.formats import format_date
from caseworker.services.contracts import ContractView, DraftRequest, SignatoryView, SignatureInput
from caseworker.services.date_rules import DateKind
from caseworker.services.validation import LONG_TEXT_MAX, NAME_MAX
from caseworker.ui.common.form_dialog import FormDialog, note_edit
from caseworker.ui.common.text_limits import limited_line
from caseworker.ui.contracts.deps import ContractsDeps

CONVENTION = "convention_cadre"


class NewContractDialog(FormDialog):
    """Chooses what to draft. For a household: any household kind; without one: a convention cadre.

    ``created`` holds the new contract once drafted.
    """

    def __init__(self, deps: ContractsDeps, household_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__("", parent=parent, minimum_width=560)
        self._deps = deps
        self._household_id = household_id
        self.created: ContractView | None = None
        self.setWindowTitle(self.tr("New contract") if household_id else self.tr("New framework agreement"))
        kinds = [kind for kind in deps.templates.kinds() if kind.with_household == (household_id is not None)]
        self._kinds = {kind.code: kind for kind in kinds}
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kind_combo")
        for kind in kinds:
            self.kind_combo.addItem(kind.label, kind.code)
        self.add_row(self.tr("&Kind:"), self.kind_combo, "kind_code")
        self.description_label = QLabel()
        self.description_label.setWordWrap(True)
        self.description_label.setStyleSheet("color: #6b6b6b;")
        self.form.addRow("", self.description_label)
        self.landlord_combo = QComboBox()
        self.landlord_combo.setObjectName("landlord_combo")
        if household_id is not None:
            self.landlord_combo.addItem(self.tr("The landlord of the current dwelling"), None)
        for organisation in deps.directory.list_organisations(landlords_only=True):
            self.landlord_combo.addItem(organisation.name, organisation.id)
        self.add_row(self.tr("&Landlord:"), self.landlord_combo, "landlord_id")
        self.episode_combo = QComboBox()
        self.episode_combo.setObjectName("episode_combo")
        if household_id is not None:
            episodes = deps.episodes.episodes_for(household_id)
            running = [episode for episode in episodes if episode.is_running]
            self.episode_combo.addItem(self.tr("The support under way"), None)
            for episode in episodes:
                self.episode_combo.addItem(f"{episode.measure_name} — {episode.status_label}", episode.id)
            if not episodes:
                self.episode_combo.setItemText(0, self.tr("(no support episode)"))
            elif not running:
                self.episode_combo.setCurrentIndex(1)
            self.add_row(self.tr("&Support:"), self.episode_combo, "episode_id")
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.finish(self._submit)

    def _kind_changed(self) -> None:
        kind = self._kinds.get(self.kind_combo.currentData())
        self.description_label.setText(kind.description if kind else "")
        self.landlord_combo.setEnabled(kind is None or "bailleur" in {p.value for p in kind.signing_parties})

    def _submit(self) -> None:
        self.created = self._deps.contracts.draft(
            DraftRequest(
                self.kind_combo.currentData() or "",
                self._household_id,
                self.landlord_combo.currentData() if self.landlord_combo.isEnabled() else None,
                self.episode_combo.currentData(),
            )
        )


class SignatureDialog(FormDialog):
    """Records one signature collected on paper; ``saved`` holds the contract afterwards."""

    def __init__(
        self, deps: ContractsDeps, signatory: SignatoryView, parent: QWidget | None = None, *, version: int
    ) -> None:
        super().__init__(self.tr("Record a signature"), today=deps.today, parent=parent)
        self._deps = deps
        self._signatory = signatory
        self._version = version  # of the contract, as shown: the signature is recorded against it
        self.saved: ContractView | None = None
        self.setMinimumWidth(460)
        who = f"{signatory.name} ({signatory.party_label.lower()})"
        self.form.addRow(self.tr("Signatory:"), QLabel(who))
        self.date_field = self.date_row(DateKind.EVENT, self.tr("Signed &on:"), "signed_on", deps.today())
        self.method_combo = QComboBox()
        for method, label in SIGNATURE_METHOD_LABELS.items():
            self.method_combo.addItem(label, method.value)
        self.add_row(self.tr("&How:"), self.method_combo, "method")
        self.place_edit = limited_line(NAME_MAX)
        self.place_edit.setPlaceholderText(self.tr("e.g. Rennes"))
        self.add_row(self.tr("&Place:"), self.place_edit, "place")
        self.finish(self._submit)

    def _submit(self) -> None:
        self.saved = self._deps.contracts.record_signature(
            self._signatory.id,
            SignatureInput(
                self.required("signed_on"), SignatureMethod(self.method_combo.currentData()), self.place_edit.text()
            ),
            expected_version=self._version,
        )


class AmendDialog(FormDialog):
    """Starts an amendment (avenant) of the version in force."""

    def __init__(self, deps: ContractsDeps, contract: ContractView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Prepare an amendment"), today=deps.today, parent=parent)
        self._deps = deps
        self._contract = contract
        self.saved: ContractView | None = None
        self.setMinimumWidth(520)
        current = contract.in_force
        if current is not None:
            text = self.tr("Version {number}, in force since {date}, stays in force until the amendment is signed.")
            info = QLabel(text.format(number=current.number, date=format_date(current.in_force_on)))
            info.setWordWrap(True)
            self.form.addRow(info)
        self.note_edit = note_edit(LONG_TEXT_MAX)
        self.note_edit.setPlaceholderText(self.tr("e.g. objective revised at the six-month review"))
        self.add_row(self.tr("&What changes, and why:"), self.note_edit, "amendment_note", "status")
        self.finish(self._submit)

    def _submit(self) -> None:
        self.saved = self._deps.contracts.amend(
            self._contract.id, note=self.note_edit.toPlainText(), expected_version=self._contract.row_version
        )


class EndContractDialog(FormDialog):
    """Ends a contract in force: at its term, or early with a reason."""

    def __init__(self, deps: ContractsDeps, contract: ContractView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("End the contract"), today=deps.today, parent=parent)
        self._deps = deps
        self._contract = contract
        self.saved: ContractView | None = None
        self.setMinimumWidth(500)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("Expired (reached its term)"), ContractStatus.ECHU.value)
        self.status_combo.addItem(self.tr("Terminated early"), ContractStatus.RESILIE.value)
        self.add_row(self.tr("&How it ends:"), self.status_combo, "status")
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&On:"), "on", deps.today())
        self.reason_edit = note_edit(LONG_TEXT_MAX)
        self.reason_edit.setPlaceholderText(self.tr("Required for an early end"))
        self.add_row(self.tr("&Reason:"), self.reason_edit, "reason")
        self.finish(self._submit)

    def _submit(self) -> None:
        self.saved = self._deps.contracts.end_contract(
            self._contract.id,
            on=self.required("on"),
            status=ContractStatus(self.status_combo.currentData()),
            reason=self.reason_edit.toPlainText(),
            expected_version=self._contract.row_version,
        )
