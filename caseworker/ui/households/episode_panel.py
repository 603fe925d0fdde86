"""The support tab of a household file: its episodes, the derived figures, and every step of the lifecycle.

Only the steps the state machine allows from the current status are offered; the service still checks them.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain import DurationPolicy, EpisodeStatus
from caseworker.formats import format_date
from caseworker.services.support import AfterCareView, EpisodeView, MilestoneView, ObjectiveView
from caseworker.services.support.reactivation import REACTIVABLE
from caseworker.services.support.states import SUPPORT_OVER
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.record_table_model import RECORD_ROLE
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.households.aftercare_dialogs import (
    EndAfterCareDialog,
    ReactivateDialog,
    WatchRow,
    after_care_words,
)
from caseworker.ui.households.criteria_checklist import EpisodeCriteriaDialog, EpisodeCriteriaView
from caseworker.ui.households.episode_dialogs import (
    ActivateDialog,
    CloseDialog,
    DeclineDialog,
    EpisodeDeps,
    ExtensionDialog,
    IntensityDialog,
    NewEpisodeDialog,
    ObjectiveDialog,
    ResumeDialog,
    ReviewDialog,
    StepDialog,
    SuspendDialog,
)
from caseworker.ui.households.episode_table_models import (
    ExtensionsTableModel,
    IntensityTableModel,
    MilestonesTableModel,
    ObjectivesTableModel,
    SuspensionsTableModel,
    TransitionsTableModel,
)
from caseworker.ui.households.funding_dialog import FundingDialog

S = EpisodeStatus


class EpisodesPanel(QWidget):
    """Shows one household's support episodes and offers the allowed steps.

    Signals:
        changed: something was recorded (the file refreshes its timeline and lists).
    """

    changed = Signal()

    def __init__(self, deps: EpisodeDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self._household_id: int | None = None
        self._episodes: list[EpisodeView] = []
        self._after_care: dict[int, AfterCareView] = {}  # by episode

        top = self._build_top()
        self._build_summary()
        # The watch list's buttons end the row of steps; what it says is a line of the summary (no row of its own).
        self.watch_row: WatchRow | None = None
        if deps.watch is not None:
            self.watch_row = WatchRow(deps.watch, deps.today)
            self.watch_row.label.setVisible(False)
            self.watch_row.changed.connect(self._watch_changed)
        steps = self._build_steps()
        self._build_record_tables()
        self._build_tabs()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addLayout(steps)
        layout.addWidget(self.tabs, 1)
        self._show(None)

    # building ---------------------------------------------------------------------------------------------

    def _build_top(self) -> QHBoxLayout:
        """Create the episode chooser and the New referral button, returned in a row."""
        self.episode_combo = QComboBox()
        self.episode_combo.setObjectName("episode_combo")
        self.episode_combo.setMinimumContentsLength(40)
        self.episode_combo.currentIndexChanged.connect(self._show_selected)
        self.new_button = QPushButton(self.tr("&New referral…"))
        self.new_button.setObjectName("new_episode_button")
        self.new_button.clicked.connect(self.new_episode)
        self.funding_button = QPushButton(self.tr("F&unding…"))
        self.funding_button.setObjectName("episode_funding_button")
        self.funding_button.clicked.connect(self.edit_funding)
        self.funding_button.setVisible(self._deps.funding is not None)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Episode:")))
        top.addWidget(self.episode_combo, 1)
        top.addWidget(self.funding_button)
        top.addWidget(self.new_button)
        return top

    def _build_summary(self) -> None:
        """Create the label that sums up the chosen episode."""
        self.summary_label = QLabel()
        self.summary_label.setObjectName("episode_summary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_steps(self) -> QHBoxLayout:
        """Create a button per lifecycle step, returned in a row (only the allowed ones get enabled)."""
        self._step_buttons: dict[str, QPushButton] = {}
        steps = QHBoxLayout()
        for key, label, action in (
            ("agree", self.tr("Agreement in principle…"), self.agree),
            ("wait", self.tr("Waiting list…"), self.wait),
            ("activate", self.tr("&Start support…"), self.activate),
            ("decline", self.tr("No follow-up…"), self.decline),
            ("intensity", self.tr("Change &intensity…"), self.change_intensity),
            ("suspend", self.tr("Sus&pend…"), self.suspend),
            ("resume", self.tr("&Resume…"), self.resume),
            ("extend", self.tr("E&xtend…"), self.extend),
            ("close", self.tr("C&lose…"), self.close_episode),
            ("end_after_care", self.tr("End after-care…"), self.end_after_care),
            ("reactivate", self.tr("Reacti&vate…"), self.reactivate),
            ("reopen", self.tr("New episode after this one…"), self.reopen),
        ):
            button = QPushButton(label)
            button.setObjectName(f"{key}_button")
            button.clicked.connect(action)
            steps.addWidget(button)
            self._step_buttons[key] = button
        steps.addStretch(1)
        if self.watch_row is not None:
            steps.addWidget(self.watch_row)
        return steps

    def _build_record_tables(self) -> None:
        """Create the models of the episode's records, and the objective and review tables with their buttons."""
        self.transitions_model = TransitionsTableModel(self)
        self.intensity_model = IntensityTableModel(self)
        self.suspensions_model = SuspensionsTableModel(self)
        self.extensions_model = ExtensionsTableModel(self)
        self.objectives_model = ObjectivesTableModel(self)
        self.milestones_model = MilestonesTableModel(self)
        self.objectives_table = record_table(self.objectives_model, "objectives_table", fit_to_contents=True)
        self.objectives_table.doubleClicked.connect(self.edit_objective)
        self.milestones_table = record_table(self.milestones_model, "milestones_table", fit_to_contents=True)
        self.milestones_table.doubleClicked.connect(self.record_review)
        self.add_objective_button = QPushButton(self.tr("Add &objective…"))
        self.add_objective_button.setObjectName("add_objective_button")
        self.add_objective_button.clicked.connect(self.add_objective)
        self.edit_objective_button = QPushButton(self.tr("Update objective…"))
        self.edit_objective_button.clicked.connect(self.edit_objective)
        self.review_button = QPushButton(self.tr("Record review held…"))
        self.review_button.setObjectName("record_review_button")
        self.review_button.clicked.connect(self.record_review)

    def _build_tabs(self) -> None:
        """Create the tabs: one table per kind of record, and the exit."""
        self.tabs = QTabWidget()
        self.tabs.setObjectName("episode_tabs")
        self.tabs.addTab(
            record_table(self.transitions_model, "transitions_table", fit_to_contents=True), self.tr("History")
        )
        self.tabs.addTab(
            record_table(self.intensity_model, "intensity_table", fit_to_contents=True), self.tr("Intensity")
        )
        self.tabs.addTab(
            record_table(self.suspensions_model, "suspensions_table", fit_to_contents=True), self.tr("Suspensions")
        )
        self.tabs.addTab(
            record_table(self.extensions_model, "extensions_table", fit_to_contents=True), self.tr("Extensions")
        )
        self.tabs.addTab(
            self._with_buttons(self.objectives_table, self.add_objective_button, self.edit_objective_button),
            self.tr("Objectives"),
        )
        self.tabs.addTab(self._with_buttons(self.milestones_table, self.review_button), self.tr("Reviews"))
        self.exit_label = QLabel()
        self.exit_label.setObjectName("exit_label")
        self.exit_label.setWordWrap(True)
        self.exit_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.exit_label.setTextFormat(Qt.TextFormat.RichText)
        self.tabs.addTab(self.exit_label, self.tr("Exit"))
        if self._deps.criteria is not None:  # what the household met at orientation, and the button to change it
            self.criteria_view = EpisodeCriteriaView(self._deps.criteria)
            self.criteria_view.edit_button.clicked.connect(self.edit_criteria)
            self.tabs.addTab(self.criteria_view, self.tr("Entry criteria"))

    @staticmethod
    def _with_buttons(table: QTableView, *buttons: QPushButton) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    # ------------------------------------------------------------------------------------------- state

    def set_household(self, household_id: int | None) -> None:
        """Show the episodes of ``household_id`` (None: nothing)."""
        self._household_id = household_id
        self.refresh()

    def refresh(self, *, select_id: int | None = None) -> None:
        """Read the episodes again, keeping the selection."""
        current = self.current()
        keep = select_id if select_id is not None else (current.id if current else None)
        self._episodes = self._deps.episodes.episodes_for(self._household_id) if self._household_id is not None else []
        after_care = self._deps.after_care
        self._after_care = (
            {view.episode_id: view for view in after_care.after_care_for(self._household_id)}
            if after_care is not None and self._household_id is not None
            else {}
        )
        if self.watch_row is not None:
            self.watch_row.set_household(self._household_id)
        self.episode_combo.blockSignals(True)
        self.episode_combo.clear()
        for episode in self._episodes:
            if episode.status in SUPPORT_OVER:
                text = self.tr("{measure} — {status} on {date}").format(
                    measure=episode.measure_name,
                    status=episode.status_label,
                    date=format_date(episode.end_date or episode.orientation_date),
                )
            else:
                text = self.tr("{measure} — {status} (since {date})").format(
                    measure=episode.measure_name,
                    status=episode.status_label,
                    date=format_date(episode.start_date or episode.orientation_date),
                )
            self.episode_combo.addItem(text, episode.id)
        index = self.episode_combo.findData(keep) if keep is not None else 0
        self.episode_combo.setCurrentIndex(max(index, 0))
        self.episode_combo.blockSignals(False)
        enable_unless(self.new_button, "" if self._household_id is not None else self.tr("Open a household first."))
        self._show_selected()

    def current(self) -> EpisodeView | None:
        """Return the episode shown."""
        episode_id = self.episode_combo.currentData() if hasattr(self, "episode_combo") else None
        return next((item for item in self._episodes if item.id == episode_id), None)

    def episodes(self) -> list[EpisodeView]:
        """Return the household's episodes as last read."""
        return list(self._episodes)

    def _show_selected(self) -> None:
        self._show(self.current())

    def _show(self, episode: EpisodeView | None) -> None:
        self.summary_label.setText(self._summary(episode) if episode else self.tr("No support episode yet."))
        allowed = episode.allowed_next if episode else frozenset()
        status = episode.status if episode else None
        visible = {
            "agree": S.ACCORD_DE_PRINCIPE in allowed,
            "wait": S.EN_ATTENTE in allowed,
            "activate": S.ACTIF in allowed and status is not S.SUSPENDU,
            "decline": S.SANS_SUITE in allowed,
            "intensity": status is S.ACTIF,
            "suspend": S.SUSPENDU in allowed,
            "resume": status is S.SUSPENDU,
            "extend": status is S.ACTIF
            and episode is not None
            and episode.duration_policy not in (DurationPolicy.OPEN_ENDED, DurationPolicy.FIXED),
            "close": S.CLOTURE in allowed and status is not S.APRES_ACCOMPAGNEMENT,
            "end_after_care": status is S.APRES_ACCOMPAGNEMENT and self._deps.after_care is not None,
            # Only the latest of a chain comes back (one followed by a reactivation already is history).
            "reactivate": status in REACTIVABLE
            and self._deps.reactivation is not None
            and episode is not None
            and all(other.previous_episode_id != episode.id for other in self._episodes),
            "reopen": status is S.SANS_SUITE or (status is S.CLOTURE and self._deps.reactivation is None),
        }
        for key, button in self._step_buttons.items():
            button.setVisible(visible[key])
        no_extension_left = episode is not None and episode.extensions_left == 0
        enable_unless(
            self._step_buttons["extend"],
            self.tr("No extension left under the measure's policy ({policy}).").format(policy=episode.policy_label)
            if no_extension_left and episode is not None
            else "",
        )
        self.transitions_model.set_records(episode.transitions if episode else [])
        self._read_origins(episode)
        self.intensity_model.set_records(episode.intensity if episode else [])
        self.suspensions_model.set_records(episode.suspensions if episode else [])
        self.extensions_model.set_records(episode.extensions if episode else [])
        self.objectives_model.set_records(episode.objectives if episode else [])
        self.milestones_model.set_records(episode.milestones if episode else [])
        running = episode is not None and status not in SUPPORT_OVER
        over = "" if running else self.tr("Support is over: its objectives are kept as they were.")
        if episode is None:
            over = self.tr("Record a referral first.")
        enable_unless(self.add_objective_button, over)
        enable_unless(self.edit_objective_button, over)
        not_started = ""
        if episode is None or episode.start_date is None:
            not_started = self.tr("Support has not started yet: reviews are counted from its start.")
        enable_unless(self.review_button, not_started)
        if self._deps.criteria is not None:
            self.criteria_view.show_episode(episode)
        self.exit_label.setText(self._exit_text(episode) if episode else "")

    def _read_origins(self, episode: EpisodeView | None) -> None:
        """Say where a meeting decided an extension or a level ("décidée en COSI du …"), from its minutes."""
        decisions = self._deps.decisions(episode.id) if episode is not None and self._deps.decisions else []
        self.extensions_model.origins = {d.extension_id: d.origin for d in decisions if d.extension_id is not None}
        self.intensity_model.origins = {
            d.intensity_period_id: d.origin for d in decisions if d.intensity_period_id is not None
        }

    def _summary(self, episode: EpisodeView) -> str:
        figures = episode.durations
        lines = [
            f"<b>{escape(episode.measure_name)}</b> — {escape(episode.status_label)} · {escape(episode.policy_label)}",
            escape(self._funding_words(episode)),
            escape(
                self.tr("Referral: {date}{source}").format(
                    date=format_date(episode.orientation_date),
                    source=f" ({episode.referral_source_label})" if episode.referral_source_label else "",
                )
            ),
        ]
        if episode.start_date:
            lines.append(
                escape(
                    self.tr("Started {start} · {active} days active · {suspended} days suspended").format(
                        start=format_date(episode.start_date),
                        active=figures.days_active,
                        suspended=figures.days_suspended,
                    )
                )
            )
            levels = ", ".join(
                self.tr("{level}: {days} d").format(level=label, days=days) for label, days in episode.days_by_level()
            )
            if levels:
                lines.append(escape(self.tr("Days per intensity level: {levels}").format(levels=levels)))
        ended = episode.status in SUPPORT_OVER  # over: nothing is planned any more, no end nor extension to come
        if figures.planned_end is not None and not ended:
            planned = self.tr("Planned end: {date}").format(date=format_date(figures.planned_end))
            if figures.days_remaining is not None and figures.days_remaining < 0:
                planned += " · " + self.tr("passed %n day(s) ago", "", -figures.days_remaining)
            elif figures.days_remaining is not None:
                planned += " · " + self.tr("{days} days left").format(days=figures.days_remaining)
            lines.append(escape(planned))
        elif episode.duration_policy is DurationPolicy.OPEN_ENDED and not ended:
            lines.append(escape(self.tr("Open-ended: reviews only")))
        left = episode.extensions_left
        if left is not None and episode.duration_policy is not DurationPolicy.FIXED and not ended:
            lines.append(escape(self.tr("Extensions left under the measure's policy: {left}").format(left=left)))
        if episode.end_date:
            lines.append(escape(self.tr("Ended {date}").format(date=format_date(episode.end_date))))
        if episode.no_follow_up_reason_label:
            lines.append(escape(self.tr("No follow-up: {reason}").format(reason=episode.no_follow_up_reason_label)))
        after_care = self._after_care.get(episode.id)
        if after_care is not None:
            lines.append("<b>" + escape(after_care_words(after_care, self._deps.today())) + "</b>")
        if self.watch_row is not None and self.watch_row.watched():
            lines.append(escape(self.watch_row.label.text()))
        if episode.previous_episode_id is not None:
            lines.append(escape(self.tr("Follows an earlier episode (re-entry).")))
        return "<br>".join(lines)

    def _exit_text(self, episode: EpisodeView) -> str:
        record = episode.exit
        if record is None:
            return escape(self.tr("Not closed."))
        rows = [
            (self.tr("Exit reason"), record.reason_label),
            (self.tr("Destination"), record.destination_label),
            (self.tr("Objectives met"), record.objectives_met_label),
            (self.tr("Narrative"), record.narrative),
        ]
        if record.waiver_reason:
            rows.append((self.tr("No handover, because"), record.waiver_reason))
        else:
            rows += [
                (self.tr("Services taking over"), record.handover_services),
                (self.tr("Named contact"), record.handover_contact),
                (self.tr("Handover date"), format_date(record.handover_date)),
                (self.tr("Handover note"), record.handover_note),
            ]
        after_care = self._after_care.get(episode.id)
        if after_care is not None:
            rows.append((self.tr("After-care"), after_care_words(after_care, self._deps.today())))
        return "<br>".join(f"<b>{escape(label)}</b> : {escape(value)}" for label, value in rows if value)

    # ------------------------------------------------------------------------------------------ steps

    def _run(self, make: Callable[[EpisodeView], QDialog]) -> None:
        episode = self.current()
        if episode is None:
            return
        dialog = make(episode)
        if dialog.exec() == QDialog.DialogCode.Accepted or changed_meanwhile(dialog):
            self.refresh(select_id=episode.id)
            self.changed.emit()

    def _funding_words(self, episode: EpisodeView) -> str:
        funding = episode.funding
        if not funding.lines:
            return self.tr("Funding: not given")
        words = self.tr("Funding: {summary}").format(summary=funding.summary)
        if not funding.own:
            words = self.tr("{funding} (the measure's)").format(funding=words)
        if funding.proposed:
            words = self.tr("{funding} — proposed from the former text, to check").format(funding=words)
        return words

    def edit_funding(self) -> None:
        """Who funds the chosen episode: its measure's lines, or its own."""
        funding = self._deps.funding
        episode = self.current()
        if funding is None or episode is None:
            return
        measure = funding.measure_funding(episode.measure_id)
        self._run(
            lambda e: FundingDialog(
                funding,
                e.funding,
                lambda shares: funding.set_episode_funding(e.id, shares, expected_version=e.row_version),
                inherited=measure.summary,
                parent=self,
            )
        )

    def new_episode(self) -> None:
        """Record a new referral."""
        if self._household_id is None:
            return
        dialog = NewEpisodeDialog(self._deps, self._household_id, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(
                select_id=max((e.id for e in self._deps.episodes.episodes_for(self._household_id)), default=None)
            )
            self.changed.emit()

    def reopen(self) -> None:
        """Open a new episode linked to the closed one (re-entry keeps the history)."""
        episode = self.current()
        if episode is None or self._household_id is None:
            return
        dialog = NewEpisodeDialog(self._deps, self._household_id, previous=episode, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(select_id=max(e.id for e in self._deps.episodes.episodes_for(self._household_id)))
            self.changed.emit()

    def _watch_changed(self) -> None:
        self._show_selected()
        self.changed.emit()

    def reactivate(self) -> None:
        """Reactivate the ended episode: a new one linked to it, pre-filled (docs/domain.md §14.3)."""
        reactivation = self._deps.reactivation
        episode = self.current()
        if reactivation is None or episode is None:
            return
        dialog = ReactivateDialog(reactivation, reactivation.proposal(episode.id), self._deps.today, self)
        if dialog.exec() == QDialog.DialogCode.Accepted or changed_meanwhile(dialog):
            self.refresh(select_id=dialog.reactivated_id)
            self.changed.emit()

    def end_after_care(self) -> None:
        """End the chosen episode's after-care with a reason."""
        after_care = self._deps.after_care
        episode = self.current()
        view = self._after_care.get(episode.id) if episode is not None else None
        if after_care is None or view is None:
            return
        self._run(lambda e: EndAfterCareDialog(after_care, e.id, e.row_version, view, self._deps.today, self))

    def edit_criteria(self) -> None:
        """Tick the entry criteria the household met (information only)."""
        criteria = self._deps.criteria
        if criteria is not None:
            self._run(lambda e: EpisodeCriteriaDialog(criteria, e, self))

    def agree(self) -> None:
        """Record the agreement in principle."""
        self._run(
            lambda e: StepDialog(
                self._deps,
                e,
                self.tr("Agreement in principle"),
                lambda episode_id, on, reason, version: self._deps.episodes.agree(
                    episode_id, on=on, reason=reason, expected_version=version
                ),
                self,
            )
        )

    def wait(self) -> None:
        """Put the household on the waiting list."""
        self._run(
            lambda e: StepDialog(
                self._deps,
                e,
                self.tr("Waiting list"),
                lambda episode_id, on, reason, version: self._deps.episodes.put_on_waiting_list(
                    episode_id, on=on, reason=reason, expected_version=version
                ),
                self,
            )
        )

    def activate(self) -> None:
        """Start support."""
        self._run(lambda e: ActivateDialog(self._deps, e, self))

    def decline(self) -> None:
        """End the referral without support."""
        self._run(lambda e: DeclineDialog(self._deps, e, self))

    def change_intensity(self) -> None:
        """Step up or down."""
        self._run(lambda e: IntensityDialog(self._deps, e, self))

    def suspend(self) -> None:
        """Pause support."""
        self._run(lambda e: SuspendDialog(self._deps, e, self))

    def resume(self) -> None:
        """Resume support."""
        self._run(lambda e: ResumeDialog(self._deps, e, self))

    def extend(self) -> None:
        """Renew or extend."""
        self._run(lambda e: ExtensionDialog(self._deps, e, self))

    def close_episode(self) -> None:
        """Close with the exit record and handover plan."""
        self._run(lambda e: CloseDialog(self._deps, e, self))

    def add_objective(self) -> None:
        """Add an objective."""
        self.tabs.setCurrentIndex(4)
        self._run(lambda e: ObjectiveDialog(self._deps, e, None, self))

    def _selected(self, table: QTableView) -> object | None:
        index = table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def edit_objective(self) -> None:
        """Update the selected objective."""
        objective = self._selected(self.objectives_table)
        if isinstance(objective, ObjectiveView):
            self._run(lambda e: ObjectiveDialog(self._deps, e, objective, self))

    def record_review(self) -> None:
        """Record the selected review as held."""
        milestone = self._selected(self.milestones_table)
        if isinstance(milestone, MilestoneView) and milestone.held_on is None:
            self._run(lambda e: ReviewDialog(self._deps, e, milestone, self))
