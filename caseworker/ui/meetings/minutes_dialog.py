"""The minutes of a meeting: who came, and per item what was said, the note with its class, the typed decisions.

An item may carry several decisions (a COSI extends a household's support by six months *and* lowers its
intensity): the person adds, sees and removes them in the item's list before saving. Each decision changes the
record it names (an extension moves the planned end, a step validated records the bilan…), all in the minutes'
own transaction: one refusal saves nothing, and its message lands under the field it is about; everything typed
stays in the dialog.

The service numbers an item's decisions as they are sent (``items.0.decisions.1.justification``: the second one
sent); the dialog keys each decision's fields by a number that stays while it is open (one removed, or left at
"no decision", is not sent), and turns the service's numbers back into its own before showing a refusal.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain import AlertStatus, DurationPolicy, NoteClass
from caseworker.domain.debrief import AgendaItemKind, GlissementOutcome
from caseworker.domain.support import REVIEW_LABELS
from caseworker.formats import format_date
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import ValidationError
from caseworker.services.meetings import (
    Decision,
    EscalationDecision,
    ExitDecision,
    ExtensionDecision,
    GlissementDecision,
    IntensityDecision,
    ItemMinutes,
    ItemView,
    MeetingView,
    MinutesInput,
    MinutesResult,
    OrientationDecision,
    StepDecision,
)
from caseworker.services.support.episode_views import EpisodeChoices
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_dialog import note_edit
from caseworker.ui.common.form_errors import FormErrors, lay_out_form_dialog, submit
from caseworker.ui.common.text_limits import limited_line
from caseworker.ui.meetings.agenda_dialogs import kept_line
from caseworker.ui.meetings.deps import MeetingsDeps
from caseworker.ui.meetings.minutes_exit import ExitFields


class Choice(Enum):
    """A decision an item's minutes may carry (an item may carry several)."""

    NONE = "none"
    EXTENSION = "extension"
    INTENSITY = "intensity"
    STEP = "step"
    EXIT = "exit"
    ESCALATION = "escalation"
    ORIENTATION_ACCEPTED = "orientation_accepted"
    ORIENTATION_REFUSED = "orientation_refused"
    GLISSEMENT_ACCEPTED = "glissement_accepted"
    GLISSEMENT_POSTPONED = "glissement_postponed"
    GLISSEMENT_REFUSED = "glissement_refused"


_GLISSEMENT = frozenset({Choice.GLISSEMENT_ACCEPTED, Choice.GLISSEMENT_POSTPONED, Choice.GLISSEMENT_REFUSED})
_ORIENTATION = frozenset({Choice.ORIENTATION_ACCEPTED, Choice.ORIENTATION_REFUSED})
_EXCLUSIVE = {choice: group for group in (_GLISSEMENT, _ORIENTATION) for choice in group}
"""Decisions of which an item takes one at most (several escalations, of different alerts, may be decided)."""

PRESENCE = (None, True, False)
CLOSED_ALERTS = frozenset({AlertStatus.RESOLU, AlertStatus.CLOS_SANS_SUITE})
_SENT_DECISION = re.compile(r"^items\.(\d+)\.decisions\.(\d+)(\..*)?$")


@dataclass
class DecisionForm:
    """The widgets of one decision of an item: its kind, and the fields of that kind (built when first chosen).

    ``key`` names its fields' messages (``items.<item>.decisions.<key>.<field>``); it stays while the dialog is
    open, whatever is removed before it.
    """

    key: int
    box: QFrame
    form: QFormLayout
    decision_combo: QComboBox
    remove_button: QPushButton
    panels: dict[Choice, QWidget] = field(default_factory=dict)
    months_spin: QSpinBox | None = None
    justification_edit: QPlainTextEdit | None = None
    level_combo: ChoiceCombo | None = None
    reason_edit: QPlainTextEdit | None = None
    step_note_edit: QPlainTextEdit | None = None
    refusal_combo: ChoiceCombo | None = None
    orientation_note_edit: QPlainTextEdit | None = None
    postponed_field: DateField | None = None
    renewal: bool = False
    exit_fields: ExitFields | None = None
    alert_combo: QComboBox | None = None  # data: (alert id, its version as read)
    escalation_level_combo: ChoiceCombo | None = None
    target_edit: QLineEdit | None = None
    escalation_note_edit: QPlainTextEdit | None = None

    def choice(self) -> Choice:
        """Return the decision chosen."""
        return Choice(self.decision_combo.currentData())


@dataclass
class ItemForm:
    """The widgets of one item's minutes, and its decisions (in the order they were added)."""

    item: ItemView
    index: int
    present_combo: QComboBox
    view_edit: QPlainTextEdit
    note_edit: QPlainTextEdit
    class_combo: QComboBox
    offered: list[tuple[Choice, str]]
    decisions_layout: QVBoxLayout
    add_decision_button: QPushButton
    decisions: list[DecisionForm] = field(default_factory=list)
    review_version: int | None = None
    next_key: int = 0

    def prefix(self, decision: DecisionForm) -> str:
        """Return the prefix of a decision's messages."""
        return f"items.{self.index}.decisions.{decision.key}"


class MinutesDialog(FittedDialog):
    """Records the minutes of a meeting (attendance, items, decisions, general note).

    Attributes:
        result_: what the service returned once saved (the meeting as held, and the warnings to pass on).
        item_forms: each item's widgets, in the agenda's order (tests drive them).
    """

    def __init__(self, deps: MeetingsDeps, meeting: MeetingView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deps = deps
        self.meeting = meeting
        self.result_: MinutesResult | None = None
        self.setWindowTitle(
            self.tr("Minutes — {type} of {date}").format(type=meeting.type_label, date=format_date(meeting.held_on))
        )
        self.setMinimumWidth(640)
        self.errors = FormErrors()
        self.form = QFormLayout()
        self.attendee_checks: list[QCheckBox] = []
        attendance = QWidget()
        attendance_layout = QVBoxLayout(attendance)
        attendance_layout.setContentsMargins(0, 0, 0, 0)
        for attendee in meeting.attendees:
            label = f"{attendee.name} — {attendee.capacity}" if attendee.capacity else attendee.name
            check = QCheckBox(label)
            check.setChecked(attendee.present)
            self.attendee_checks.append(check)
            attendance_layout.addWidget(check)
        if not meeting.attendees:
            attendance_layout.addWidget(QLabel(self.tr("Nobody on the attendance list.")))
        self.errors.add_row(self.form, self.tr("Present:"), attendance, "attendees")
        self.general_edit = note_edit(LONG_TEXT_MAX, 60)
        self.general_edit.setObjectName("general_note_edit")
        self.general_edit.setPlainText(meeting.general_note)
        if meeting.general_note_hidden:  # a volunteer, an administrator: kept as it is, never overwritten
            self.general_edit.setPlaceholderText(self.tr("A general note you may not read exists: it stays as it is."))
            self.general_edit.setEnabled(False)
        self.errors.add_row(self.form, self.tr("&General note:"), self.general_edit, "general_note", "held_on")
        self.item_forms: list[ItemForm] = []
        self._choices: EpisodeChoices | None = None  # read when a decision first needs its picklists
        self._sent: dict[tuple[int, int], int] = {}  # (item, place among the decisions sent) → the decision's key
        reviews = self._glissement_versions()
        for index, item in enumerate(meeting.items):
            self.item_forms.append(self._item_form(index, item, reviews))
        lay_out_form_dialog(self, self.errors, self.form, self._save_clicked)

    # building ----------------------------------------------------------------------------------------------

    def _glissement_versions(self) -> dict[int, int]:
        versions: dict[int, int] = {}
        households = {item.household_id for item in self.meeting.items if item.glissement_review_id is not None}
        for household_id in households:
            if household_id is not None:
                for review in self.deps.meetings.glissement_reviews_for(household_id):
                    versions[review.id] = review.row_version
        return versions

    def _item_form(self, index: int, item: ItemView, reviews: dict[int, int]) -> ItemForm:
        prefix = f"items.{index}"
        about = f"{item.household_name} — {item.kind_label}" if item.household_name else item.kind_label
        box = QGroupBox(f"{index + 1}. {about} : {item.label}")
        box.setObjectName(f"item_box_{index}")
        form = QFormLayout(box)
        present = QComboBox()
        present.addItem(self.tr("not said"), None)
        present.addItem(self.tr("yes"), True)
        present.addItem(self.tr("no"), False)
        present.setCurrentIndex(PRESENCE.index(item.household_present))
        presence = self.errors.add_row(form, self.tr("Household present:"), present, f"{prefix}.household_present")
        view = note_edit(LONG_TEXT_MAX, 50)
        view.setPlainText(item.household_view)
        if item.household_view_hidden:
            view.setPlaceholderText(self.tr("The household's view is not yours to read: it stays as it is."))
            view.setEnabled(False)
        heard = self.errors.add_row(form, self.tr("The household's view:"), view, f"{prefix}.household_view")
        if item.household_id is None:  # an item typed by hand about no household: nobody to be present or heard
            for message in (presence, heard):  # the row is the field's box, the message's parent
                row = message.parentWidget()
                assert row is not None
                form.setRowVisible(row, False)
        note = note_edit(LONG_TEXT_MAX, 60)
        note.setPlainText(item.note)
        if item.note_hidden:  # written in a class this reader does not read: kept as it is, never overwritten
            note.setPlaceholderText(self.tr("A note you may not read exists: it stays as it is."))
            note.setEnabled(False)
        self.errors.add_row(form, self.tr("Note:"), note, f"{prefix}.note")
        note_class = QComboBox()
        note_class.addItem(self.tr("The whole team"), NoteClass.EQUIPE.value)
        note_class.addItem(self.tr("The household's referents"), NoteClass.REFERENTS.value)
        note_class.addItem(self.tr("Health staff only (health)"), NoteClass.SANTE.value)
        note_class.addItem(self.tr("Justice staff only (justice)"), NoteClass.JUSTICE.value)
        note_class.setCurrentIndex(max(note_class.findData(item.note_class.value), 0))
        note_class.setEnabled(not item.note_hidden)
        self.errors.add_row(form, self.tr("Note readable by:"), note_class, f"{prefix}.note_class")
        if item.decisions:  # recorded already: saving again adds decisions, it never replaces one
            recorded = QLabel("\n".join(d.summary or d.kind_label for d in item.decisions))
            recorded.setWordWrap(True)
            form.addRow(self.tr("Decided:"), recorded)
        decisions = QWidget()
        decisions.setObjectName(f"decisions_{index}")
        decisions_layout = QVBoxLayout(decisions)
        decisions_layout.setContentsMargins(0, 0, 0, 0)
        add_button = QPushButton(self.tr("Add a decision"))
        add_button.setObjectName(f"add_decision_button_{index}")
        add_button.setToolTip(self.tr("This item takes another decision, recorded with the others"))
        buttons = QHBoxLayout()
        buttons.addWidget(add_button)
        buttons.addStretch(1)
        decisions_layout.addLayout(buttons)
        self.errors.add_row(form, self.tr("Decisions:"), decisions, f"{prefix}.decisions", f"{prefix}.episode_version")
        offered = self._offered(item)
        entry = ItemForm(item, index, present, view, note, note_class, offered, decisions_layout, add_button)
        entry.review_version = reviews.get(item.glissement_review_id or 0)
        add_button.clicked.connect(lambda _checked=False, e=entry: self._add_clicked(e))
        if len(offered) > 1:
            self.add_decision(entry)
        else:  # "no decision" is all there is (an item of no household, a candidate without an orientation…)
            enable_unless(add_button, self.tr("No typed decision applies to this item."))
        self.form.addRow(box)
        return entry

    def _offered(self, item: ItemView) -> list[tuple[Choice, str]]:
        """The decisions an item allows; each one's fields are built when it is first chosen.

        Sixty items with every decision's fields built up front would take seconds to open (and read each
        episode): only the decisions actually taken cost anything.
        """
        offered = [(Choice.NONE, self.tr("(no decision)"))]
        if item.episode_id is not None:
            offered += [(Choice.EXTENSION, self.tr("Extension")), (Choice.INTENSITY, self.tr("Change of intensity"))]
            if item.review_kind is not None and item.due_on is not None:
                offered.append((Choice.STEP, self.tr("Step validated")))
            if item.kind is not AgendaItemKind.ADMISSION:
                offered.append((Choice.EXIT, self.tr("Exit validated")))
            if item.kind is AgendaItemKind.ADMISSION or self.meeting.admission_commission:
                offered += [
                    (Choice.ORIENTATION_ACCEPTED, self.tr("Orientation accepted")),
                    (Choice.ORIENTATION_REFUSED, self.tr("Orientation refused")),
                ]
        if item.household_id is not None and not self.meeting.admission_commission:
            offered.append((Choice.ESCALATION, self.tr("Alert escalated")))
        if item.glissement_review_id is not None:
            offered += [
                (Choice.GLISSEMENT_ACCEPTED, self.tr("Glissement accepted")),
                (Choice.GLISSEMENT_POSTPONED, self.tr("Glissement postponed")),
                (Choice.GLISSEMENT_REFUSED, self.tr("Glissement refused")),
            ]
        return offered

    def add_decision(self, entry: ItemForm) -> DecisionForm:
        """Add a decision to an item's list (at "no decision" until its kind is chosen) and return it."""
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setObjectName(f"decision_box_{entry.index}_{entry.next_key}")
        form = QFormLayout(box)
        combo = QComboBox()
        combo.setObjectName(f"decision_combo_{entry.index}_{entry.next_key}")
        for choice, label in entry.offered:
            combo.addItem(label, choice.value)
        remove = QPushButton(self.tr("Remove this decision"))
        remove.setObjectName(f"remove_decision_button_{entry.index}_{entry.next_key}")
        chooser = QWidget()
        row = QHBoxLayout(chooser)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(combo, 1)
        row.addWidget(remove)
        decision = DecisionForm(entry.next_key, box, form, combo, remove)
        entry.next_key += 1
        field_name = entry.prefix(decision)
        self.errors.add_row(form, self.tr("Decision:"), chooser, field_name, f"{field_name}.decision")
        combo.currentIndexChanged.connect(lambda _index, d=decision, e=entry: self._show_panel(e, d))
        remove.clicked.connect(lambda _checked=False, d=decision, e=entry: self.remove_decision(e, d))
        entry.decisions_layout.insertWidget(len(entry.decisions), box)
        entry.decisions.append(decision)
        self._show_panel(entry, decision)
        self._order_tabs(entry)
        return decision

    @staticmethod
    def _order_tabs(entry: ItemForm) -> None:
        """Put an item's fields in Tab order as they read: its texts, each decision and its fields, then Add.

        Qt orders the keyboard by when widgets were made: a decision added, or its fields built when first chosen,
        would come after the last item of the minutes. A field moved would leave behind the widgets that give it
        their focus (the box that holds it with its message, a date's own box): Tab would reach the field a second
        time there, and loop. Naming their focus again puts them back just before it.
        """
        chain: list[QWidget] = [entry.present_combo, entry.view_edit, entry.note_edit, entry.class_combo]
        window = entry.present_combo.window()
        for decision in entry.decisions:
            chain += [decision.decision_combo, decision.remove_button]
            for panel in decision.panels.values():
                chain += [  # a combo's list pops up in a window of its own: not in the dialog's order
                    widget
                    for widget in panel.findChildren(QWidget)
                    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                    and widget.focusProxy() is None
                    and widget.window() is window
                ]
        chain.append(entry.add_decision_button)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        for widget in chain:
            holder = widget.parentWidget()
            while holder is not None and (proxy := holder.focusProxy()) is not None:
                holder.setFocusProxy(None)  # type: ignore[arg-type]
                holder.setFocusProxy(proxy)  # Qt moves a widget next to the one it gives its focus to
                holder = holder.parentWidget()

    def _add_clicked(self, entry: ItemForm) -> None:
        decision = self.add_decision(entry)
        decision.decision_combo.setFocus()  # the keyboard goes on where the new decision is

    def remove_decision(self, entry: ItemForm, decision: DecisionForm) -> None:
        """Take a decision off an item's list (nothing was saved of it: it is simply not sent)."""
        entry.decisions.remove(decision)
        self.errors.forget(entry.prefix(decision))
        entry.add_decision_button.setFocus()  # never left on a widget that is going
        decision.box.hide()
        entry.decisions_layout.removeWidget(decision.box)
        decision.box.deleteLater()

    def _build_panel(self, entry: ItemForm, decision: DecisionForm, choice: Choice) -> QWidget:
        """Build the fields of one decision of an item (errors keyed by the decision's own number)."""
        field = entry.prefix(decision)
        panel = QWidget()
        layout = QFormLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        item = entry.item
        if choice is Choice.EXTENSION and item.episode_id is not None:
            self._extension_fields(decision, layout, field, item.episode_id)
        elif choice is Choice.INTENSITY and item.episode_id is not None:
            decision.level_combo = ChoiceCombo(self.deps.episodes.levels_for(item.episode_id))
            self.errors.add_row(layout, self.tr("New level:"), decision.level_combo, f"{field}.level_code")
            decision.reason_edit = note_edit(LONG_TEXT_MAX, 50)
            self.errors.add_row(
                layout, self.tr("Reason:"), decision.reason_edit, f"{field}.reason", f"{field}.start_date"
            )
        elif choice is Choice.STEP and item.review_kind is not None and item.due_on is not None:
            layout.addRow(self.tr("Review:"), QLabel(f"{REVIEW_LABELS[item.review_kind]} — {format_date(item.due_on)}"))
            decision.step_note_edit = note_edit(LONG_TEXT_MAX, 50)
            self.errors.add_row(layout, self.tr("Note:"), decision.step_note_edit, f"{field}.note", f"{field}.held_on")
        elif choice is Choice.EXIT:
            decision.exit_fields = ExitFields(
                layout, self.errors, field, self._episode_choices(), self.deps.today, self.meeting.held_on
            )
        elif choice is Choice.ORIENTATION_REFUSED:
            reasons = self._episode_choices().no_follow_up_reasons
            decision.refusal_combo = ChoiceCombo(reasons, empty_label=self.tr("(choose a reason)"))
            self.errors.add_row(layout, self.tr("Reason:"), decision.refusal_combo, f"{field}.reason_code")
            decision.orientation_note_edit = note_edit(LONG_TEXT_MAX, 50)
            self.errors.add_row(
                layout, self.tr("Note:"), decision.orientation_note_edit, f"{field}.note", f"{field}.on"
            )
        elif choice is Choice.ESCALATION and item.household_id is not None:
            self._escalation_fields(decision, layout, field, item.household_id)
        elif choice is Choice.GLISSEMENT_POSTPONED:
            decision.postponed_field = DateField(kind=DateKind.PLANNED, today=self.deps.today, optional=True)
            self.errors.add_row(layout, self.tr("New date:"), decision.postponed_field, f"{field}.postponed_to")
        decision.form.addRow(panel)
        return panel

    def _extension_fields(self, entry: DecisionForm, layout: QFormLayout, field: str, episode_id: int) -> None:
        episode = self.deps.episodes.episode(episode_id)
        layout.addRow(
            self.tr("Planned end now:"), QLabel(format_date(episode.durations.planned_end) or self.tr("none"))
        )
        entry.months_spin = QSpinBox()
        entry.months_spin.setRange(1, 60)
        entry.months_spin.setValue(episode.duration_months or 6)
        entry.months_spin.setSuffix(self.tr(" months"))
        # A renewal takes the measure's own duration: the length is then shown, not chosen.
        entry.renewal = episode.duration_policy is DurationPolicy.RENEWABLE
        entry.months_spin.setEnabled(not entry.renewal)
        self.errors.add_row(layout, self.tr("Length:"), entry.months_spin, f"{field}.months")
        entry.justification_edit = note_edit(LONG_TEXT_MAX, 50)
        self.errors.add_row(layout, self.tr("Justification:"), entry.justification_edit, f"{field}.justification")
        approver = QLabel(self.tr("the team lead logged in (you)"))
        self.errors.add_row(layout, self.tr("Approved by:"), approver, f"{field}.approver_id", f"{field}.decided_on")

    def _escalation_fields(self, entry: DecisionForm, layout: QFormLayout, field: str, household_id: int) -> None:
        """The household's open alerts (their versions read now), the level, the body seized, a note."""
        entry.alert_combo = QComboBox()
        for row in self.deps.alerts.for_household(household_id):
            if row.status not in CLOSED_ALERTS:
                version = self.deps.alerts.alert(row.id).row_version
                entry.alert_combo.addItem(f"{row.reference} — {row.type_label} ({row.status_label})", (row.id, version))
        self.errors.add_row(layout, self.tr("Alert:"), entry.alert_combo, f"{field}.alert_id", f"{field}.status")
        entry.escalation_level_combo = ChoiceCombo(self.deps.alerts.choices().escalation_levels)
        self.errors.add_row(layout, self.tr("Level:"), entry.escalation_level_combo, f"{field}.level")
        entry.target_edit = limited_line(LABEL_MAX)
        entry.target_edit.setPlaceholderText(self.tr("e.g. prevention platform, CCAPEX, the landlord's agency head"))
        self.errors.add_row(layout, self.tr("Target:"), entry.target_edit, f"{field}.target")
        entry.escalation_note_edit = note_edit(LONG_TEXT_MAX, 50)
        self.errors.add_row(layout, self.tr("Note:"), entry.escalation_note_edit, f"{field}.note")

    def _escalation(self, entry: DecisionForm) -> EscalationDecision:
        alert_id, version = entry.alert_combo.currentData() if entry.alert_combo is not None else (0, 0)
        return EscalationDecision(
            alert_id,
            version,
            entry.escalation_level_combo.code() if entry.escalation_level_combo else "",
            entry.target_edit.text() if entry.target_edit else "",
            _text(entry.escalation_note_edit),
        )

    def _episode_choices(self) -> EpisodeChoices:
        if self._choices is None:
            self._choices = self.deps.episodes.choices()
        return self._choices

    def _show_panel(self, entry: ItemForm, decision: DecisionForm) -> None:
        chosen = decision.choice()
        if chosen is not Choice.NONE and chosen not in decision.panels:
            decision.panels[chosen] = self._build_panel(entry, decision, chosen)
            self._order_tabs(entry)
        for choice, panel in decision.panels.items():
            panel.setVisible(choice is chosen)

    # saving ------------------------------------------------------------------------------------------------

    def decision(self, item_form: ItemForm, entry: DecisionForm) -> Decision | None:
        """Return one typed decision of an item's form (None: left at "no decision")."""
        choice = entry.choice()
        builders: dict[Choice, Callable[[], Decision]] = {
            Choice.EXTENSION: lambda: ExtensionDecision(
                _text(entry.justification_edit),
                months=None if entry.renewal or entry.months_spin is None else entry.months_spin.value(),
            ),
            Choice.INTENSITY: lambda: IntensityDecision(
                entry.level_combo.code() if entry.level_combo else "", _text(entry.reason_edit)
            ),
            Choice.STEP: lambda: StepDecision(
                item_form.item.review_kind,  # type: ignore[arg-type]  # offered only when the item names its review
                item_form.item.due_on,  # type: ignore[arg-type]
                _text(entry.step_note_edit),
            ),
            Choice.EXIT: lambda: ExitDecision(entry.exit_fields.exit_input()),  # type: ignore[union-attr]
            Choice.ESCALATION: lambda: self._escalation(entry),
            Choice.ORIENTATION_ACCEPTED: lambda: OrientationDecision(True),
            Choice.ORIENTATION_REFUSED: lambda: OrientationDecision(
                False, entry.refusal_combo.code() if entry.refusal_combo else "", _text(entry.orientation_note_edit)
            ),
            Choice.GLISSEMENT_ACCEPTED: lambda: self._glissement(item_form, entry, GlissementOutcome.ACCEPTED),
            Choice.GLISSEMENT_POSTPONED: lambda: self._glissement(item_form, entry, GlissementOutcome.POSTPONED),
            Choice.GLISSEMENT_REFUSED: lambda: self._glissement(item_form, entry, GlissementOutcome.REFUSED),
        }
        builder = builders.get(choice)
        return builder() if builder is not None else None

    def _glissement(self, item_form: ItemForm, entry: DecisionForm, outcome: GlissementOutcome) -> GlissementDecision:
        postponed = None
        if outcome is GlissementOutcome.POSTPONED and entry.postponed_field is not None:
            postponed, _problem = entry.postponed_field.date_or_error()
        return GlissementDecision(outcome, item_form.review_version or 0, postponed_to=postponed)

    def minutes(self) -> MinutesInput:
        """Return the minutes as typed (each item's decisions in their order, those at "no decision" left out)."""
        attendees = tuple(
            kept_line(attendee, present=check.isChecked())
            for attendee, check in zip(self.meeting.attendees, self.attendee_checks, strict=True)
        )
        items = []
        self._sent.clear()
        for entry in self.item_forms:
            decisions: list[Decision] = []
            for form in entry.decisions:
                decision = self.decision(entry, form)
                if decision is not None:
                    self._sent[(entry.index, len(decisions))] = form.key
                    decisions.append(decision)
            note = entry.note_edit.toPlainText()
            items.append(
                ItemMinutes(
                    entry.item.id,
                    household_present=entry.present_combo.currentData(),
                    household_view=None if entry.item.household_view_hidden else entry.view_edit.toPlainText(),
                    note=None if entry.item.note_hidden else note,
                    note_class=NoteClass(entry.class_combo.currentData()),
                    decisions=tuple(decisions),
                    episode_version=entry.item.episode_version,
                )
            )
        return MinutesInput(
            items=tuple(items),
            attendees=attendees,
            general_note=None if self.meeting.general_note_hidden else self.general_edit.toPlainText(),
        )

    def _check(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        for entry in self.item_forms:
            taken: set[Choice] = set()
            for decision in entry.decisions:
                field = entry.prefix(decision)
                chosen = decision.choice()
                # One outcome per question: a glissement, an orientation, an exit are decided once; and an exit
                # with an extension contradicts itself (the service would apply both, one after the other).
                group = _EXCLUSIVE.get(chosen, frozenset({chosen}) if chosen is not Choice.NONE else frozenset())
                if chosen is not Choice.ESCALATION and group & taken:
                    problems[f"{field}.decision"] = self.tr("This item already takes a decision of this kind.")
                elif {chosen} | taken >= {Choice.EXIT, Choice.EXTENSION}:
                    problems[f"{field}.decision"] = self.tr("An exit and an extension cannot be decided together.")
                taken |= group
                if decision.exit_fields is not None and chosen is Choice.EXIT:
                    problems.update(decision.exit_fields.problems())
                if (
                    chosen is Choice.ESCALATION
                    and decision.alert_combo is not None
                    and not decision.alert_combo.count()
                ):
                    problems[f"{field}.alert_id"] = self.tr("This household has no open alert to escalate.")
                postponed = decision.postponed_field
                if postponed is not None and chosen is Choice.GLISSEMENT_POSTPONED:
                    _, problem = postponed.date_or_error()
                    if problem:
                        problems[f"{field}.postponed_to"] = problem
        return problems

    def _save_clicked(self) -> None:
        problems = self._check()
        if problems:
            self.errors.show(problems)
            return
        data = self.minutes()
        submit(self, self.errors, lambda: self._record(data))

    def _record(self, data: MinutesInput) -> None:
        try:
            self.result_ = self.deps.meetings.record_minutes(
                self.meeting.id, data, expected_version=self.meeting.row_version
            )
        except ValidationError as exc:  # the service numbers the decisions sent: back to the dialog's own
            raise ValidationError({self._own_key(name): message for name, message in exc.errors.items()}) from None

    def _own_key(self, name: str) -> str:
        """Return the dialog's key for a message the service keyed by the decision's place among those sent."""
        found = _SENT_DECISION.match(name)
        if found is None:
            return name
        item, sent, rest = int(found.group(1)), int(found.group(2)), found.group(3) or ""
        key = self._sent.get((item, sent))
        return name if key is None else f"items.{item}.decisions.{key}{rest}"


def _text(edit: QPlainTextEdit | None) -> str:
    return edit.toPlainText() if edit is not None else ""
