"""The minutes of a meeting: who came, and per item what was said, the note with its class, the typed decision.

Each item's decision changes the record it names (an extension moves the planned end, a step validated records
the bilan…) in the minutes' own transaction: one refusal saves nothing, and its message lands under the field it
is about (``items.0.decisions.0.justification``); everything typed stays in the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain import AlertStatus, DurationPolicy, NoteClass
from caseworker.domain.debrief import AgendaItemKind, GlissementOutcome
from caseworker.domain.support import REVIEW_LABELS
from caseworker.formats import format_date
from caseworker.services.date_rules import DateKind
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
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_dialog import note_edit
from caseworker.ui.common.form_errors import FormErrors, lay_out_form_dialog, submit
from caseworker.ui.common.text_limits import limited_line
from caseworker.ui.meetings.agenda_dialogs import kept_line
from caseworker.ui.meetings.deps import MeetingsDeps
from caseworker.ui.meetings.minutes_exit import ExitFields


class Choice(Enum):
    """The decision an item's minutes may carry (one per item in this dialog)."""

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


PRESENCE = (None, True, False)
CLOSED_ALERTS = frozenset({AlertStatus.RESOLU, AlertStatus.CLOS_SANS_SUITE})


@dataclass
class ItemForm:
    """The widgets of one item's minutes, and how to read its decision."""

    item: ItemView
    present_combo: QComboBox
    view_edit: QPlainTextEdit
    note_edit: QPlainTextEdit
    class_combo: QComboBox
    decision_combo: QComboBox
    panels: dict[Choice, QWidget]
    months_spin: QSpinBox | None = None
    justification_edit: QPlainTextEdit | None = None
    level_combo: ChoiceCombo | None = None
    reason_edit: QPlainTextEdit | None = None
    step_note_edit: QPlainTextEdit | None = None
    refusal_combo: ChoiceCombo | None = None
    orientation_note_edit: QPlainTextEdit | None = None
    postponed_field: DateField | None = None
    review_version: int | None = None
    renewal: bool = False
    exit_fields: ExitFields | None = None
    alert_combo: QComboBox | None = None  # data: (alert id, its version as read)
    escalation_level_combo: ChoiceCombo | None = None
    target_edit: QLineEdit | None = None
    escalation_note_edit: QPlainTextEdit | None = None

    def choice(self) -> Choice:
        """Return the decision chosen."""
        return Choice(self.decision_combo.currentData())


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
        self._forms: dict[int, tuple[QFormLayout, str]] = {}  # each item's form and its decision's error key
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
        box = QGroupBox(f"{index + 1}. {item.household_name} — {item.kind_label} : {item.label}")
        box.setObjectName(f"item_box_{index}")
        form = QFormLayout(box)
        present = QComboBox()
        present.addItem(self.tr("not said"), None)
        present.addItem(self.tr("yes"), True)
        present.addItem(self.tr("no"), False)
        present.setCurrentIndex(PRESENCE.index(item.household_present))
        self.errors.add_row(form, self.tr("Household present:"), present, f"{prefix}.household_present")
        view = note_edit(LONG_TEXT_MAX, 50)
        view.setPlainText(item.household_view)
        if item.household_view_hidden:
            view.setPlaceholderText(self.tr("The household's view is not yours to read: it stays as it is."))
            view.setEnabled(False)
        self.errors.add_row(form, self.tr("The household's view:"), view, f"{prefix}.household_view")
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
        if item.decisions:  # recorded already: saving again adds a decision, it never replaces one
            recorded = QLabel("\n".join(d.summary or d.kind_label for d in item.decisions))
            recorded.setWordWrap(True)
            form.addRow(self.tr("Decided:"), recorded)
        decision = QComboBox()
        decision.setObjectName(f"decision_combo_{index}")
        self.errors.add_row(form, self.tr("Decision:"), decision, f"{prefix}.decisions", f"{prefix}.episode_version")
        entry = ItemForm(item, present, view, note, note_class, decision, {})
        entry.review_version = reviews.get(item.glissement_review_id or 0)
        self._decision_panels(entry, form, f"{prefix}.decisions.0")
        decision.currentIndexChanged.connect(lambda _index, e=entry: self._show_panel(e))
        self._show_panel(entry)
        self.form.addRow(box)
        return entry

    def _decision_panels(self, entry: ItemForm, form: QFormLayout, field: str) -> None:
        """Offer the decisions the item allows; each one's fields are built when it is first chosen.

        Sixty items with every decision's fields built up front would take seconds to open (and read each
        episode): only the decisions actually taken cost anything.
        """
        item = entry.item
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
        for choice, label in offered:
            entry.decision_combo.addItem(label, choice.value)
        self._forms[id(entry)] = (form, field)

    def _build_panel(self, entry: ItemForm, choice: Choice) -> QWidget:
        """Build the fields of one decision of an item (errors keyed as the service names them)."""
        form, field = self._forms[id(entry)]
        panel = QWidget()
        layout = QFormLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        item = entry.item
        if choice is Choice.EXTENSION and item.episode_id is not None:
            self._extension_fields(entry, layout, field, item.episode_id)
        elif choice is Choice.INTENSITY and item.episode_id is not None:
            entry.level_combo = ChoiceCombo(self.deps.episodes.levels_for(item.episode_id))
            self.errors.add_row(layout, self.tr("New level:"), entry.level_combo, f"{field}.level_code")
            entry.reason_edit = note_edit(LONG_TEXT_MAX, 50)
            self.errors.add_row(layout, self.tr("Reason:"), entry.reason_edit, f"{field}.reason", f"{field}.start_date")
        elif choice is Choice.STEP and item.review_kind is not None and item.due_on is not None:
            layout.addRow(self.tr("Review:"), QLabel(f"{REVIEW_LABELS[item.review_kind]} — {format_date(item.due_on)}"))
            entry.step_note_edit = note_edit(LONG_TEXT_MAX, 50)
            self.errors.add_row(layout, self.tr("Note:"), entry.step_note_edit, f"{field}.note", f"{field}.held_on")
        elif choice is Choice.EXIT:
            entry.exit_fields = ExitFields(
                layout, self.errors, field, self._episode_choices(), self.deps.today, self.meeting.held_on
            )
        elif choice is Choice.ORIENTATION_REFUSED:
            reasons = self._episode_choices().no_follow_up_reasons
            entry.refusal_combo = ChoiceCombo(reasons, empty_label=self.tr("(choose a reason)"))
            self.errors.add_row(layout, self.tr("Reason:"), entry.refusal_combo, f"{field}.reason_code")
            entry.orientation_note_edit = note_edit(LONG_TEXT_MAX, 50)
            self.errors.add_row(layout, self.tr("Note:"), entry.orientation_note_edit, f"{field}.note", f"{field}.on")
        elif choice is Choice.ESCALATION and item.household_id is not None:
            self._escalation_fields(entry, layout, field, item.household_id)
        elif choice is Choice.GLISSEMENT_POSTPONED:
            entry.postponed_field = DateField(kind=DateKind.PLANNED, today=self.deps.today, optional=True)
            self.errors.add_row(layout, self.tr("New date:"), entry.postponed_field, f"{field}.postponed_to")
        form.addRow(panel)
        return panel

    def _extension_fields(self, entry: ItemForm, layout: QFormLayout, field: str, episode_id: int) -> None:
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

    def _escalation_fields(self, entry: ItemForm, layout: QFormLayout, field: str, household_id: int) -> None:
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

    def _escalation(self, entry: ItemForm) -> EscalationDecision:
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

    def _show_panel(self, entry: ItemForm) -> None:
        chosen = entry.choice()
        if chosen is not Choice.NONE and chosen not in entry.panels:
            entry.panels[chosen] = self._build_panel(entry, chosen)
        for choice, panel in entry.panels.items():
            panel.setVisible(choice is chosen)

    # saving ------------------------------------------------------------------------------------------------

    def decision(self, entry: ItemForm) -> Decision | None:
        """Return the typed decision of an item's form (None: no decision)."""
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
                entry.item.review_kind,  # type: ignore[arg-type]  # offered only when the item names its review
                entry.item.due_on,  # type: ignore[arg-type]
                _text(entry.step_note_edit),
            ),
            Choice.EXIT: lambda: ExitDecision(entry.exit_fields.exit_input()),  # type: ignore[union-attr]
            Choice.ESCALATION: lambda: self._escalation(entry),
            Choice.ORIENTATION_ACCEPTED: lambda: OrientationDecision(True),
            Choice.ORIENTATION_REFUSED: lambda: OrientationDecision(
                False, entry.refusal_combo.code() if entry.refusal_combo else "", _text(entry.orientation_note_edit)
            ),
            Choice.GLISSEMENT_ACCEPTED: lambda: self._glissement(entry, GlissementOutcome.ACCEPTED),
            Choice.GLISSEMENT_POSTPONED: lambda: self._glissement(entry, GlissementOutcome.POSTPONED),
            Choice.GLISSEMENT_REFUSED: lambda: self._glissement(entry, GlissementOutcome.REFUSED),
        }
        builder = builders.get(choice)
        return builder() if builder is not None else None

    def _glissement(self, entry: ItemForm, outcome: GlissementOutcome) -> GlissementDecision:
        postponed = None
        if outcome is GlissementOutcome.POSTPONED and entry.postponed_field is not None:
            postponed, _problem = entry.postponed_field.date_or_error()
        return GlissementDecision(outcome, entry.review_version or 0, postponed_to=postponed)

    def minutes(self) -> MinutesInput:
        """Return the minutes as typed."""
        attendees = tuple(
            kept_line(attendee, present=check.isChecked())
            for attendee, check in zip(self.meeting.attendees, self.attendee_checks, strict=True)
        )
        items = []
        for entry in self.item_forms:
            decision = self.decision(entry)
            note = entry.note_edit.toPlainText()
            items.append(
                ItemMinutes(
                    entry.item.id,
                    household_present=entry.present_combo.currentData(),
                    household_view=None if entry.item.household_view_hidden else entry.view_edit.toPlainText(),
                    note=None if entry.item.note_hidden else note,
                    note_class=NoteClass(entry.class_combo.currentData()),
                    decisions=(decision,) if decision is not None else (),
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
        for index, entry in enumerate(self.item_forms):
            if entry.exit_fields is not None and entry.choice() is Choice.EXIT:
                problems.update(entry.exit_fields.problems())
            if entry.choice() is Choice.ESCALATION and entry.alert_combo is not None and not entry.alert_combo.count():
                problems[f"items.{index}.decisions.0.alert_id"] = self.tr(
                    "This household has no open alert to escalate."
                )
            field = entry.postponed_field
            if field is not None and entry.choice() is Choice.GLISSEMENT_POSTPONED:
                _, problem = field.date_or_error()
                if problem:
                    problems[f"items.{index}.decisions.0.postponed_to"] = problem
        return problems

    def _save_clicked(self) -> None:
        problems = self._check()
        if problems:
            self.errors.show(problems)
            return
        data = self.minutes()
        submit(self, self.errors, lambda: self._record(data))

    def _record(self, data: MinutesInput) -> None:
        self.result_ = self.deps.meetings.record_minutes(
            self.meeting.id, data, expected_version=self.meeting.row_version
        )


def _text(edit: QPlainTextEdit | None) -> str:
    return edit.toPlainText() if edit is not None else ""
