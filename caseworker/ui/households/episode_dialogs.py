"""Dialogs of the support episode: referral, each step of the lifecycle, intensity, extension, exit, objectives.

Each dialog collects plain values, calls one EpisodeService method through :func:`submit`, and stays open with
the French messages under their fields when the service refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QSpinBox,
    QWidget,
)

from caseworker.domain import DurationPolicy, ObjectivesMet, ObjectiveStatus, Party
from caseworker.domain.support import OBJECTIVE_OWNER_LABELS, OBJECTIVE_STATUS_LABELS, OBJECTIVES_MET_LABELS
from caseworker.formats import format_date
from caseworker.services.date_rules import DateKind
from caseworker.services.meetings.views import DecisionView
from caseworker.services.support import (
    CriteriaService,
    EpisodeService,
    EpisodeView,
    ExitInput,
    ExtensionInput,
    IntensityChangeInput,
    MilestoneView,
    ObjectiveInput,
    ObjectiveView,
    OrientationInput,
    SuspensionInput,
)
from caseworker.services.support.aftercare import AfterCareService
from caseworker.services.support.funding import FundingService
from caseworker.services.support.reactivation import ReactivationService
from caseworker.services.support.watch import WatchService
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX, PARAGRAPH_MAX, SHORT_TEXT_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.form_dialog import FormDialog, note_edit
from caseworker.ui.common.text_limits import limited_line
from caseworker.ui.households.aftercare_dialogs import AfterCareBox
from caseworker.ui.households.criteria_checklist import add_checklist, ticked_codes

StrEnumValue = TypeVar("StrEnumValue", bound=Enum)


@dataclass(frozen=True)
class EpisodeDeps:
    """What the dialogs of the support tab use: the episode service, and the clock the dates are checked against."""

    episodes: EpisodeService
    today: Callable[[], date]
    # An episode's meeting decisions (None where no meeting service is given): its file says where each was taken.
    decisions: Callable[[int], Sequence[DecisionView]] | None = None
    # Who funds an episode (None where not given: the support tab then offers no Funding button).
    funding: FundingService | None = None
    # A measure's entry criteria, as a checklist of the referral (None: not shown).
    criteria: CriteriaService | None = None
    # After-care, reactivation and the watch list (None where not given: the support tab offers none of them).
    after_care: AfterCareService | None = None
    reactivation: ReactivationService | None = None
    watch: WatchService | None = None


class _EpisodeDialog(FormDialog):
    """A form dialog of the support tab: the service it calls, dates checked against the clock."""

    def __init__(self, deps: EpisodeDeps, title: str, parent: QWidget | None) -> None:
        super().__init__(title, today=deps.today, parent=parent)
        self.deps = deps


class NewEpisodeDialog(_EpisodeDialog):
    """Records a referral (orientation reçue) for a measure."""

    def __init__(
        self,
        deps: EpisodeDeps,
        household_id: int,
        *,
        previous: EpisodeView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(deps, self.tr("New referral"), parent)
        choices = deps.episodes.choices()
        self.measure_combo = ChoiceCombo(choices.measures)
        self.measure_combo.setObjectName("measure_combo")
        if previous is not None:
            self.measure_combo.set_code(previous.measure_code)
        self.errors.add_row(self.form, self.tr("&Measure:"), self.measure_combo, "measure_code")
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&Referral date:"), "orientation_date", deps.today())
        self.source_combo = ChoiceCombo(choices.referral_sources, empty_label=self.tr("(not given)"))
        self.errors.add_row(self.form, self.tr("Referred &by:"), self.source_combo, "referral_source_code")
        self.note_edit = note_edit(LONG_TEXT_MAX)
        self.errors.add_row(self.form, self.tr("&Note:"), self.note_edit, "note")
        self.criteria_checklist = add_checklist(self, deps.criteria, self.measure_combo)
        if previous is not None:
            follows = self.tr("Follows the closed episode of {measure}.").format(measure=previous.measure_name)
            self.form.insertRow(0, QLabel(follows))
        self._household_id = household_id
        self._previous_id = previous.id if previous is not None else None
        self.finish(self._submit)

    def _submit(self) -> None:
        self.deps.episodes.open_episode(
            self._household_id,
            OrientationInput(
                measure_code=self.measure_combo.code(),
                orientation_date=self.required("orientation_date"),
                referral_source_code=self.source_combo.code() or None,
                note=self.note_edit.toPlainText(),
                previous_episode_id=self._previous_id,
                criteria=ticked_codes(self.criteria_checklist),
            ),
        )


class StepDialog(_EpisodeDialog):
    """A simple step with a date and a reason: agreement in principle, waiting list."""

    def __init__(
        self,
        deps: EpisodeDeps,
        episode: EpisodeView,
        title: str,
        action: Callable[[int, date, str, int], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(deps, title, parent)
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&Date:"), "on", deps.today())
        self.reason_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Reason or decision:"), self.reason_edit, "reason")
        self.finish(
            lambda: action(episode.id, self.required("on"), self.reason_edit.toPlainText(), episode.row_version)
        )


class ActivateDialog(_EpisodeDialog):
    """Starts support: date and first intensity level (a coordinator must already be named)."""

    def __init__(self, deps: EpisodeDeps, episode: EpisodeView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("Start support"), parent)
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&Start date:"), "on", deps.today())
        self.level_combo = ChoiceCombo(deps.episodes.levels_for(episode.id))
        self.level_combo.setObjectName("level_combo")
        self.errors.add_row(self.form, self.tr("&Intensity:"), self.level_combo, "level_code")
        coordinator_error = QLabel()
        self.errors.add_row(self.form, "", coordinator_error, "coordinator")
        self.reason_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Note:"), self.reason_edit, "reason")
        self.finish(
            lambda: deps.episodes.activate(
                episode.id,
                on=self.required("on"),
                level_code=self.level_combo.code(),
                reason=self.reason_edit.toPlainText(),
                expected_version=episode.row_version,
            )
        )


class DeclineDialog(_EpisodeDialog):
    """Ends a referral without support (sans suite)."""

    def __init__(self, deps: EpisodeDeps, episode: EpisodeView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("No follow-up"), parent)
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&Date:"), "on", deps.today())
        self.reason_combo = ChoiceCombo(deps.episodes.choices().no_follow_up_reasons)
        self.errors.add_row(self.form, self.tr("&Reason:"), self.reason_combo, "reason_code")
        self.note_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Note:"), self.note_edit, "note")
        self.finish(
            lambda: deps.episodes.decline(
                episode.id,
                on=self.required("on"),
                reason_code=self.reason_combo.code(),
                note=self.note_edit.toPlainText(),
                expected_version=episode.row_version,
            )
        )


class SuspendDialog(_EpisodeDialog):
    """Pauses support (hospitalisation, incarcération…) with a review date."""

    def __init__(self, deps: EpisodeDeps, episode: EpisodeView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("Suspend support"), parent)
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&From:"), "start_date", deps.today())
        self.reason_combo = ChoiceCombo(deps.episodes.choices().suspension_reasons)
        self.reason_combo.setObjectName("reason_combo")
        self.errors.add_row(self.form, self.tr("&Reason:"), self.reason_combo, "reason_code")
        self.review_field = self.date_row(DateKind.PLANNED, self.tr("Re&view on:"), "review_date", None, optional=True)
        self.review_field.line_edit.setPlaceholderText(self.tr("empty: in one month"))
        self.note_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Note:"), self.note_edit, "note")
        self.finish(
            lambda: deps.episodes.suspend(
                episode.id,
                SuspensionInput(
                    self.required("start_date"),
                    self.reason_combo.code(),
                    self.value("review_date"),
                    self.note_edit.toPlainText(),
                ),
                expected_version=episode.row_version,
            )
        )


class ResumeDialog(_EpisodeDialog):
    """Resumes a suspended episode, confirming the intensity."""

    def __init__(self, deps: EpisodeDeps, episode: EpisodeView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("Resume support"), parent)
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&Resumed on:"), "on", deps.today())
        self.level_combo = ChoiceCombo(deps.episodes.levels_for(episode.id))
        self.level_combo.setObjectName("level_combo")
        current = episode.current_intensity
        if current is not None:
            self.level_combo.set_code(current.level_code)
        self.errors.add_row(self.form, self.tr("&Intensity:"), self.level_combo, "level_code")
        self.reason_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Note:"), self.reason_edit, "reason")
        self.finish(
            lambda: deps.episodes.resume(
                episode.id,
                on=self.required("on"),
                level_code=self.level_combo.code(),
                reason=self.reason_edit.toPlainText(),
                expected_version=episode.row_version,
            )
        )


class IntensityDialog(_EpisodeDialog):
    """Steps support up or down from a date."""

    def __init__(self, deps: EpisodeDeps, episode: EpisodeView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("Change intensity"), parent)
        current = episode.current_intensity
        if current is not None:
            self.form.addRow(
                self.tr("Current:"),
                QLabel(
                    self.tr("{level} since {date}").format(
                        level=current.level_label, date=format_date(current.start_date)
                    )
                ),
            )
        self.level_combo = ChoiceCombo(deps.episodes.levels_for(episode.id))
        self.level_combo.setObjectName("level_combo")
        self.errors.add_row(self.form, self.tr("&New level:"), self.level_combo, "level_code")
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&From:"), "start_date", deps.today())
        self.reason_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Reason:"), self.reason_edit, "reason")
        self.where_edit = limited_line(LABEL_MAX)
        self.where_edit.setPlaceholderText(self.tr("e.g. COSI, team meeting"))
        self.errors.add_row(self.form, self.tr("Decided &in:"), self.where_edit, "decided_where")
        self.finish(
            lambda: deps.episodes.change_intensity(
                episode.id,
                IntensityChangeInput(
                    self.level_combo.code(),
                    self.required("start_date"),
                    self.reason_edit.toPlainText(),
                    self.where_edit.text(),
                ),
                expected_version=episode.row_version,
            )
        )


class ExtensionDialog(_EpisodeDialog):
    """Renews or extends an episode, with a justification and a team lead's approval."""

    def __init__(self, deps: EpisodeDeps, episode: EpisodeView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("Extend support"), parent)
        planned = episode.durations.planned_end
        self.form.addRow(self.tr("Planned end:"), QLabel(format_date(planned) or self.tr("none")))
        left = episode.extensions_left
        if left is not None:
            self.form.addRow(self.tr("Extensions left:"), QLabel(str(left)))
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&Decided on:"), "decided_on", deps.today())
        self.months_spin = QSpinBox()
        self.months_spin.setObjectName("months_spin")
        self.months_spin.setRange(1, 60)
        self.months_spin.setSuffix(self.tr(" months"))
        self.months_spin.setValue(episode.duration_months or 6)
        renewable = episode.duration_policy is DurationPolicy.RENEWABLE
        self.months_spin.setEnabled(not renewable)
        self.errors.add_row(self.form, self.tr("&Length:"), self.months_spin, "months")
        approvers = deps.episodes.choices().approvers
        self.approver_combo = ChoiceCombo(approvers, empty_label=self.tr("(choose a team lead)"))
        self.approver_combo.setObjectName("approver_combo")
        if len(approvers) == 1:
            self.approver_combo.set_code(approvers[0].code)
        self.errors.add_row(self.form, self.tr("&Approved by:"), self.approver_combo, "approver_id")
        self.justification_edit = note_edit(LONG_TEXT_MAX)
        self.justification_edit.setObjectName("justification_edit")
        self.errors.add_row(self.form, self.tr("&Justification:"), self.justification_edit, "justification")
        self.where_edit = limited_line(LABEL_MAX)
        self.errors.add_row(self.form, self.tr("Decided &in:"), self.where_edit, "decided_where")
        self.finish(
            lambda: deps.episodes.extend(
                episode.id,
                ExtensionInput(
                    self.required("decided_on"),
                    self.justification_edit.toPlainText(),
                    int(self.approver_combo.code()) if self.approver_combo.code() else None,
                    months=None if renewable else self.months_spin.value(),
                    decided_where=self.where_edit.text(),
                ),
                expected_version=episode.row_version,
            )
        )
        if not approvers:
            # Approving is the team lead's own act: whoever else opens the dialog learns it before typing anything.
            self.errors.show(
                {
                    "approver_id": self.tr(
                        "An extension is recorded by the team lead who approves it, logged in under their own name: "
                        "ask them to record it."
                    )
                }
            )


def _enum_combo(labels: Mapping[StrEnumValue, str], current: StrEnumValue) -> QComboBox:
    """A combo over a string enum; the item data is the enum's value (Qt turns str enums into plain str)."""
    combo = QComboBox()
    for value, label in labels.items():
        combo.addItem(label, value.value)
    combo.setCurrentIndex(max(combo.findData(current.value), 0))
    return combo


class CloseDialog(_EpisodeDialog):
    """Closes an episode: exit record and handover plan, or the reason why there is no handover; or into after-care."""

    def __init__(self, deps: EpisodeDeps, episode: EpisodeView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("Close support"), parent)
        self._episode = episode
        choices = deps.episodes.choices()
        self.setMinimumWidth(600)
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&End date:"), "end_date", deps.today())
        self.reason_combo = ChoiceCombo(choices.exit_reasons)
        self.reason_combo.setObjectName("exit_reason_combo")
        self.errors.add_row(self.form, self.tr("Exit &reason:"), self.reason_combo, "reason_code")
        self.destination_combo = ChoiceCombo(choices.destinations, empty_label=self.tr("(unknown)"))
        self.errors.add_row(self.form, self.tr("&Destination:"), self.destination_combo, "destination_status_code")
        self.met_combo = _enum_combo(OBJECTIVES_MET_LABELS, ObjectivesMet.PARTIELLEMENT)
        self.errors.add_row(self.form, self.tr("&Objectives met:"), self.met_combo, "objectives_met")
        self.narrative_edit = note_edit(LONG_TEXT_MAX)
        self.narrative_edit.setPlaceholderText(self.tr("In the household's own words (optional)"))
        self.errors.add_row(self.form, self.tr("&Narrative:"), self.narrative_edit, "narrative")
        self.form.addRow(QLabel("<b>" + self.tr("Handover plan") + "</b>"))
        self.services_edit = limited_line(PARAGRAPH_MAX)
        self.services_edit.setObjectName("handover_services_edit")
        self.services_edit.setPlaceholderText(self.tr("e.g. MDS, CCAS, the landlord's social adviser, CMP"))
        self.errors.add_row(self.form, self.tr("&Services taking over:"), self.services_edit, "handover_services")
        self.contact_edit = limited_line(SHORT_TEXT_MAX)
        self.contact_edit.setObjectName("handover_contact_edit")
        self.errors.add_row(self.form, self.tr("Named &contact:"), self.contact_edit, "handover_contact_name")
        self.handover_field = self.date_row(
            DateKind.PLANNED, self.tr("Hando&ver date:"), "handover_date", None, optional=True
        )
        self.handover_note_edit = note_edit(LONG_TEXT_MAX, 50)
        # What is missing from the handover plan is said under its fields (not under the waiver, disabled meanwhile).
        self.errors.add_row(
            self.form, self.tr("Handover &meeting, note:"), self.handover_note_edit, "handover_note", "handover"
        )
        self.waiver_check = QCheckBox(self.tr("No handover"))
        self.waiver_check.setObjectName("waiver_check")
        self.form.addRow("", self.waiver_check)
        self.waiver_edit = note_edit(LONG_TEXT_MAX, 50)
        self.waiver_edit.setObjectName("waiver_edit")
        self.waiver_edit.setPlaceholderText(self.tr("Why there is no handover (required)"))
        self.errors.add_row(self.form, self.tr("&Why:"), self.waiver_edit, "waiver_reason")
        self.waiver_check.toggled.connect(self._waiver_toggled)
        self._waiver_toggled(False)
        self.after_care_box: AfterCareBox | None = None
        if deps.after_care is not None:
            self.after_care_box = AfterCareBox(deps.after_care.choices(episode.id, deps.today()), self.errors)
            self.form.addRow(self.after_care_box)
            # The referent is one of the team on the exit day: the list follows the date typed.
            self.date_field.edited.connect(self._exit_day_changed)
        self.finish(self._submit)

    def _exit_day_changed(self) -> None:
        day, _problem = self.date_field.date_or_error()
        if day is not None and self.after_care_box is not None and self.deps.after_care is not None:
            self.after_care_box.set_referents(self.deps.after_care.choices(self._episode.id, day))

    def _waiver_toggled(self, waived: bool) -> None:
        self.waiver_edit.setEnabled(waived)
        for widget in (self.services_edit, self.contact_edit, self.handover_field, self.handover_note_edit):
            widget.setEnabled(not waived)

    def _submit(self) -> None:
        waived = self.waiver_check.isChecked()
        met = ObjectivesMet(self.met_combo.currentData())
        self.deps.episodes.close(
            self._episode.id,
            ExitInput(
                end_date=self.required("end_date"),
                reason_code=self.reason_combo.code(),
                objectives_met=met,
                destination_status_code=self.destination_combo.code() or None,
                narrative=self.narrative_edit.toPlainText(),
                handover_services="" if waived else self.services_edit.text(),
                handover_contact_name="" if waived else self.contact_edit.text(),
                handover_date=None if waived else self.value("handover_date"),
                handover_note="" if waived else self.handover_note_edit.toPlainText(),
                waiver_reason=self.waiver_edit.toPlainText() if waived else "",
                after_care=self.after_care_box.value() if self.after_care_box is not None else None,
            ),
            expected_version=self._episode.row_version,
        )


class ObjectiveDialog(_EpisodeDialog):
    """Adds or edits an objective in the household's own words."""

    def __init__(
        self,
        deps: EpisodeDeps,
        episode: EpisodeView,
        objective: ObjectiveView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(deps, self.tr("New objective") if objective is None else self.tr("Objective"), parent)
        self.text_edit = note_edit(PARAGRAPH_MAX, 80)
        self.text_edit.setObjectName("objective_text_edit")
        self.text_edit.setPlaceholderText(self.tr("In the household's own words"))
        self.errors.add_row(self.form, self.tr("&Objective:"), self.text_edit, "text")
        self.owner_combo = _enum_combo(OBJECTIVE_OWNER_LABELS, objective.owner if objective else Party.MENAGE)
        self.errors.add_row(self.form, self.tr("Carried &by:"), self.owner_combo, "owner")
        self.theme_combo = ChoiceCombo(deps.episodes.choices().themes, empty_label=self.tr("(no theme)"))
        self.errors.add_row(self.form, self.tr("&Theme:"), self.theme_combo, "theme_code")
        self.status_combo = _enum_combo(
            OBJECTIVE_STATUS_LABELS, objective.status if objective else ObjectiveStatus.EN_COURS
        )
        self.errors.add_row(self.form, self.tr("&Status:"), self.status_combo, "status")
        self.review_field = self.date_row(
            DateKind.PLANNED,
            self.tr("Next &review:"),
            "next_review_on",
            objective.next_review_on if objective else None,
            optional=True,
        )
        if objective is not None:
            self.text_edit.setPlainText(objective.text)
            self.theme_combo.set_code(objective.theme_code or "")

        def save() -> None:
            owner = Party(self.owner_combo.currentData())
            status = ObjectiveStatus(self.status_combo.currentData())
            data = ObjectiveInput(
                self.text_edit.toPlainText(),
                owner=owner,
                theme_code=self.theme_combo.code() or None,
                status=status,
                next_review_on=self.value("next_review_on"),
            )
            if objective is None:
                deps.episodes.add_objective(episode.id, data, expected_version=episode.row_version)
            else:
                deps.episodes.update_objective(objective.id, data, expected_version=episode.row_version)

        self.finish(save)


class ReviewDialog(_EpisodeDialog):
    """Records that a milestone review (bilan) was held."""

    def __init__(
        self, deps: EpisodeDeps, episode: EpisodeView, milestone: MilestoneView, parent: QWidget | None = None
    ) -> None:
        super().__init__(deps, milestone.label, parent)
        self.form.addRow(self.tr("Due on:"), QLabel(format_date(milestone.due_on)))
        self.held_field = self.date_row(DateKind.EVENT, self.tr("&Held on:"), "held_on", deps.today())
        self.note_edit = note_edit(LONG_TEXT_MAX)
        self.errors.add_row(self.form, self.tr("&Note:"), self.note_edit, "note")
        self.finish(
            lambda: deps.episodes.record_review(
                episode.id,
                kind=milestone.kind,
                due_on=milestone.due_on,
                held_on=self.required("held_on"),
                note=self.note_edit.toPlainText(),
                expected_version=episode.row_version,
            )
        )
