"""Every text field of every dialog takes what its rule takes, no more; the refusal states the same maximum.

Issue 11: the first name took 200 characters, the rule said 100, the message 199. The walk below opens each
dialog on a rich household (the world of the input fuzzing), and for each text field of its form:

- a one-line field stops at a maximum, a multi-line one shows a live counter towards it;
- typed one character beyond that maximum, the service refuses the field with "(maximum au maximum)": the
  widget's maximum *is* the rule's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from caseworker.domain import AlertActionKind, ContractStatus, EpisodeStatus, SignatureMethod
from caseworker.services import Services
from caseworker.services.contracts import DraftRequest, SignatureInput
from caseworker.services.sharing import ConsentInput
from caseworker.services.support import OrientationInput
from caseworker.services.validation import LONG_TEXT_MAX, NAME_MAX, too_long_message
from caseworker.ui.alerts.alert_dialogs import ActionDialog, CloseAlertDialog, EscalateDialog, NewAlertDialog
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.text_limits import TextCounter, max_length_of
from caseworker.ui.contracts.contract_dialogs import AmendDialog, EndContractDialog, SignatureDialog
from caseworker.ui.contracts.contract_editor import ContractEditorDialog
from caseworker.ui.contracts.liaison_sheet_dialog import LiaisonSheetDialog
from caseworker.ui.directory.organisation_dialog import OrganisationDialog
from caseworker.ui.households.consent_dialogs import ConsentDecisionDialog, ConsentDialog
from caseworker.ui.households.contact_dialog import ContactDialog
from caseworker.ui.households.episode_dialogs import (
    CloseDialog,
    DeclineDialog,
    ExtensionDialog,
    IntensityDialog,
    NewEpisodeDialog,
    ObjectiveDialog,
    ResumeDialog,
    StepDialog,
    SuspendDialog,
)
from caseworker.ui.households.household_dialog import HouseholdDialog
from caseworker.ui.households.member_dialogs import DepartureDialog, MemberDialog
from caseworker.ui.households.occupancy_dialogs import NEW_DWELLING, OccupancyChangeDialog
from caseworker.ui.households.team_panel import EndMembershipDialog
from caseworker.ui.prevention.prevention_dialogs import (
    CloseProcedureDialog,
    DebtDialog,
    EndPlanDialog,
    PaymentDialog,
    PlanDialog,
    ProcedureDialog,
    ProcedureSuspendDialog,
    StageDialog,
)
from caseworker.ui.settings.letterhead_panel import LetterheadAddressDialog
from caseworker.ui.settings.measure_catalogue import MeasureDialog
from caseworker.ui.settings.template_versions import SaveTemplateVersionDialog
from tests.services.fuzz_world import populate
from tests.support.row_versions import current_version
from tests.ui.deps import (
    alerts_deps,
    consent_deps,
    contact_deps,
    contracts_deps,
    episode_deps,
    housing_deps,
    prevention_deps,
    team_deps,
)

# Text widgets that follow no text rule, and why (by object name or by the attribute holding them).
NOT_TEXT = {
    "birth_year": "a year, four digits",
    "birth_year_edit": "a year, four digits",
    "amount_edit": "an amount, read by parse_amount",
    "rent_edit": "an amount, read by parse_amount",
    "charges_edit": "an amount, read by parse_amount",
    "debt_edit": "an amount, read by parse_amount",
    "instalment_edit": "an amount, read by parse_amount",
    "commitmentEdit": "one commitment per line, each checked against PARAGRAPH_MAX",
}


@dataclass
class World:
    services: Services
    household: int
    second: int


@pytest.fixture
def world(bare_services: Services) -> World:
    populate(bare_services)
    return World(bare_services, household=1, second=2)


def _episode(s: Services, household: int, status: EpisodeStatus):  # type: ignore[no-untyped-def]
    return next(item for item in s.episodes.episodes_for(household) if item.status is status)


def _in_force(s: Services, household: int):  # type: ignore[no-untyped-def]
    view = s.contracts.draft(DraftRequest("engagement_minimal", household))
    content = view.latest.content()
    from dataclasses import replace

    clauses = tuple(replace(c, body=c.body or "Rester en lien.") for c in content.clauses)
    view = s.contracts.update_draft(
        view.latest.id,
        replace(content, clauses=clauses),
        expected_version=current_version(s.contracts, "update_draft", view.latest.id),
    )
    view = s.contracts.send_for_signature(
        view.latest.id, expected_version=current_version(s.contracts, "send_for_signature", view.latest.id)
    )
    for signatory in view.latest.signatories:
        view = s.contracts.record_signature(
            signatory.id,
            SignatureInput(date(2026, 6, 15), SignatureMethod.EN_MAIN_PROPRE),
            expected_version=current_version(s.contracts, "record_signature", signatory.id),
        )
    assert view.status is ContractStatus.EN_VIGUEUR
    return view


Prepare = Callable[[QDialog], None]


def _dialogs(w: World) -> dict[str, tuple[Callable[[], QDialog], Prepare | None]]:
    """Every dialog with text fields, and what to set so that its service is reached (or None)."""
    s, h = w.services, w.household
    file = s.households.open_file(h, record_view=False)
    member = file.members[1]
    active = _episode(s, h, EpisodeStatus.ACTIF)
    alert = s.alerts.alert(
        next(item.id for item in s.alerts.for_household(h) if item.status.value in {"en_traitement", "escalade"})
    )
    debt = next(item for item in s.debts.debts_for(h) if item.settled_on is None)
    plan = s.debts.plan(next(plan.id for plan in debt.plans if plan.ended_on is None))
    procedure = next(item for item in s.procedures.procedures_for(h) if item.outcome is None)
    team = s.team.team(h)
    draft = s.contracts.contract(
        next(item.id for item in s.contracts.contracts_for(h) if item.status is ContractStatus.BROUILLON)
    )
    requested = s.consents.request(
        h, ConsentInput(file.members[0].person_id, 2, ("identite",), "Essai"), requested_on=date(2026, 6, 10)
    )
    in_force = _in_force(s, w.second)
    signing = s.contracts.send_for_signature(
        (drafted := s.contracts.draft(DraftRequest("engagement_minimal", w.second))).latest.id,
        expected_version=drafted.row_version,
    )
    own = next(item for item in s.directory.list_organisations() if item.is_own)
    orientation = s.episodes.open_episode(w.second, OrientationInput("logements_accompagnes", date(2026, 6, 1)))
    suspended = _episode(s, w.second, EpisodeStatus.SUSPENDU)
    waiting = _episode(s, w.second, EpisodeStatus.EN_ATTENTE)
    renewable = s.episodes.activate(
        waiting.id,
        on=date(2026, 2, 1),
        level_code=s.episodes.levels_for(waiting.id)[0].code,
        expected_version=current_version(s.episodes, "activate", waiting.id),
    )

    def amounts(**texts: str) -> Prepare:
        def prepare(dialog: QDialog) -> None:
            for name, text in texts.items():
                getattr(dialog, name).setText(text)

        return prepare

    def new_dwelling(dialog: QDialog) -> None:
        dialog.status_combo.set_code("locataire_titre")  # type: ignore[attr-defined]
        combo = dialog.dwelling_combo  # type: ignore[attr-defined]
        combo.setCurrentIndex(combo.findData(NEW_DWELLING))

    def refused(dialog: QDialog) -> None:
        dialog.refused_radio.setChecked(True)  # type: ignore[attr-defined]

    def waived(dialog: QDialog) -> None:
        dialog.waiver_check.setChecked(True)  # type: ignore[attr-defined]

    def mediation(dialog: QDialog) -> None:
        dialog.kind_combo.set_code(AlertActionKind.MEDIATION.value)  # type: ignore[attr-defined]

    def typed_creditor(dialog: QDialog) -> None:
        dialog.creditor_combo.set_code("")  # type: ignore[attr-defined]
        dialog.amount_edit.setText("100")  # type: ignore[attr-defined]

    def until(dialog: QDialog) -> None:
        dialog.end_field.set_date(date(2026, 8, 31))  # type: ignore[attr-defined]

    a = alerts_deps(s)
    c = contracts_deps(s)
    p = prevention_deps(s)
    return {
        "new household": (lambda: HouseholdDialog(s.households, s.reference, s.context.clock.today), None),
        "household": (lambda: HouseholdDialog(s.households, s.reference, s.context.clock.today, file), None),
        "new member": (
            lambda: MemberDialog(s.households, s.reference, s.context.clock.today, h, version=file.row_version),
            None,
        ),
        "member": (
            lambda: MemberDialog(s.households, s.reference, s.context.clock.today, h, member, version=file.row_version),
            None,
        ),
        "departure": (
            lambda: DepartureDialog(s.households, s.context.clock.today, member, version=file.row_version),
            None,
        ),
        "occupancy": (lambda: OccupancyChangeDialog(housing_deps(s), file), None),
        "occupancy, new dwelling": (lambda: OccupancyChangeDialog(housing_deps(s), file), new_dwelling),
        "contact": (lambda: ContactDialog(contact_deps(s), h, "Çelik"), None),
        "consent": (lambda: ConsentDialog(consent_deps(s), file), None),
        "consent, refused": (lambda: ConsentDialog(consent_deps(s), file), refused),
        "consent granted": (lambda: ConsentDecisionDialog(consent_deps(s), requested, "grant"), None),
        "consent refused": (lambda: ConsentDecisionDialog(consent_deps(s), requested, "refuse"), None),
        "end of team membership": (lambda: EndMembershipDialog(team_deps(s), team[-1], team), None),
        "referral": (lambda: NewEpisodeDialog(episode_deps(s), h), None),
        "agreement": (
            lambda: StepDialog(
                episode_deps(s),
                orientation,
                "Accord",
                lambda episode, on, reason, version: s.episodes.agree(
                    episode, on=on, reason=reason, expected_version=version
                ),
            ),
            None,
        ),
        "decline": (lambda: DeclineDialog(episode_deps(s), orientation), None),
        "suspension": (lambda: SuspendDialog(episode_deps(s), active), None),
        "resumption": (lambda: ResumeDialog(episode_deps(s), suspended), None),
        "intensity": (lambda: IntensityDialog(episode_deps(s), active), None),
        "extension": (lambda: ExtensionDialog(episode_deps(s), renewable), None),
        "exit": (lambda: CloseDialog(episode_deps(s), active), None),
        "exit, no handover": (lambda: CloseDialog(episode_deps(s), active), waived),
        "objective": (lambda: ObjectiveDialog(episode_deps(s), active), None),
        "organisation": (lambda: OrganisationDialog(s.directory, s.reference), None),
        "alert": (lambda: NewAlertDialog(a, h), None),
        "action": (lambda: ActionDialog(a, alert), None),
        "action, mediation": (lambda: ActionDialog(a, alert), mediation),
        "escalation": (lambda: EscalateDialog(a, alert), None),
        "resolution": (lambda: CloseAlertDialog(a, alert), None),
        "closing without follow-up": (lambda: CloseAlertDialog(a, alert, without_follow_up=True), None),
        "signature": (lambda: SignatureDialog(c, signing.latest.signatories[0], version=signing.row_version), None),
        "amendment": (lambda: AmendDialog(c, in_force), None),
        "end of contract": (lambda: EndContractDialog(c, in_force), None),
        "liaison sheet": (lambda: LiaisonSheetDialog(s.liaison_sheets, h), None),
        "contract editor": (lambda: ContractEditorDialog(c, draft, draft.latest), None),
        "debt": (lambda: DebtDialog(p, h), typed_creditor),
        "plan": (lambda: PlanDialog(p, debt), amounts(instalment_edit="50", rent_edit="100")),
        "end of plan": (lambda: EndPlanDialog(p, plan), None),
        "payment": (lambda: PaymentDialog(p, plan), amounts(amount_edit="50")),
        "procedure": (lambda: ProcedureDialog(p, h), None),
        "stage": (lambda: StageDialog(p, procedure), None),
        "procedure suspension": (lambda: ProcedureSuspendDialog(p, procedure), until),
        "procedure closing": (lambda: CloseProcedureDialog(p, procedure), None),
        "measure": (lambda: MeasureDialog(s.measures), None),
        "letterhead": (lambda: LetterheadAddressDialog(s.directory, own), None),
        "template version": (
            lambda: SaveTemplateVersionDialog(
                "Contrat d'engagement",
                2,
                "",
                lambda note: s.contract_templates.save_template("engagement_minimal", [], note=note),
            ),
            None,
        ),
    }


def _text_widgets(dialog: QDialog) -> list[QLineEdit | QPlainTextEdit]:
    """The dialog's editable text fields (not the line edits inside date fields, spin boxes and combo boxes)."""
    found: list[QLineEdit | QPlainTextEdit] = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, QLineEdit | QPlainTextEdit) or widget.isReadOnly():
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox | DateField):
            continue
        found.append(widget)
    return found


def _exempt(dialog: QDialog, widget: QWidget) -> bool:
    names = {name for name, value in vars(dialog).items() if value is widget} | {widget.objectName()}
    return any(key in name for name in names for key in NOT_TEXT)


def _limit(widget: QLineEdit | QPlainTextEdit) -> int | None:
    if isinstance(widget, QLineEdit):
        return None if widget.maxLength() == QLineEdit().maxLength() else widget.maxLength()
    return max_length_of(widget)


def _save(dialog: QDialog) -> None:
    if isinstance(dialog, LiaisonSheetDialog):
        dialog.preview()  # refused before any preview opens: the message is too long
        return
    for box in dialog.findChildren(QDialogButtonBox):
        for kind in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Ok):
            button = box.button(kind)
            if button is not None:
                button.setEnabled(True)
                button.click()
                return
    raise AssertionError(f"{type(dialog).__name__}: no Save button")


def _set(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(text)
    else:
        widget.setPlainText(text)


def test_every_text_field_stops_at_its_rule_and_the_refusal_says_the_same(qtbot, world: World) -> None:
    problems: list[str] = []
    walked = 0
    for name, (factory, prepare) in _dialogs(world).items():
        dialog = factory()
        qtbot.addWidget(dialog)
        if prepare is not None:
            prepare(dialog)
        for widget in _text_widgets(dialog):
            if _limit(widget) is None and not _exempt(dialog, widget):
                problems.append(f"{name}: a text field without a maximum ({widget.objectName() or type(widget)})")
        for field, widget in dialog.errors.widgets().items():
            if not isinstance(widget, QLineEdit | QPlainTextEdit) or _exempt(dialog, widget) or field in NOT_TEXT:
                continue
            if not (widget.isVisibleTo(dialog) and widget.isEnabled()):
                continue  # not used in this mode of the dialog (another entry prepares it)
            maximum = _limit(widget)
            if maximum is None:
                continue
            walked += 1
            before = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            if isinstance(widget, QLineEdit):
                widget.setMaxLength(maximum + 1)
            _set(widget, "a" * (maximum + 1))
            _save(dialog)
            message = dialog.errors.message_for(field)
            if not any(line.endswith(too_long_message(maximum + 1, maximum)) for line in message.split("\n")):
                problems.append(f"{name}.{field}: maximum {maximum} in the dialog, the service says {message!r}")
            if isinstance(widget, QLineEdit):
                widget.setMaxLength(maximum)
            _set(widget, before)
        dialog.close()
    assert walked >= 60, "the walk met too few text fields"
    assert problems == [], "\n".join(problems)


def test_a_long_text_counts_as_the_person_types(qtbot, services: Services) -> None:
    from tests.services.builders import new_household

    household = new_household(services)
    dialog = ContactDialog(contact_deps(services), household.id, "Çelik")
    qtbot.addWidget(dialog)
    counter = dialog.findChild(TextCounter)
    assert counter is not None
    assert counter.text() == "0 / 20\u202f000"
    dialog.note_edit.setPlainText("é" * 1234)
    assert counter.text() == "1\u202f234 / 20\u202f000"
    assert "b3261e" not in counter.styleSheet()
    dialog.note_edit.setPlainText("x" * (LONG_TEXT_MAX + 1))
    assert counter.text() == "20\u202f001 / 20\u202f000"
    assert "b3261e" in counter.styleSheet()  # red: the service will refuse it


def test_the_first_name_takes_what_its_rule_takes(qtbot, services: Services) -> None:
    dialog = HouseholdDialog(services.households, services.reference, services.context.clock.today)
    qtbot.addWidget(dialog)
    assert dialog.person_form is not None
    dialog.person_form.first_name_edit.setText("x" * 200)
    assert dialog.person_form.first_name_edit.text() == "x" * NAME_MAX
    assert dialog.errors.message_for("first_name") == ""
    assert isinstance(dialog.findChild(QLabel, "error_first_name"), QLabel)
