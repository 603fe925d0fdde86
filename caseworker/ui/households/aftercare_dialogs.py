"""After-care in the support tab: its part of the exit dialog, ending it, reactivating in two clicks, the watch list.

The exit dialog carries an :class:`AfterCareBox` (checked: the exit leads to *suivi post-accompagnement*);
:class:`ReactivateDialog` opens pre-filled — the same measure, the last team, the level the support ended at, today —
so that *Réactiver* then *Réactiver* is all it takes (docs/domain.md §14.3). :class:`WatchRow` shows and changes a
household's stay on the watch list (§14.2).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QWidget,
)

from caseworker.domain import EpisodeStatus
from caseworker.domain.aftercare import (
    DEFAULT_AFTER_CARE_MONTHS,
    DEFAULT_WATCH_WEEKS,
    AfterCareEndReason,
    AfterCareKind,
    every_weeks_words,
)
from caseworker.domain.support import EPISODE_STATUS_LABELS
from caseworker.formats import format_date
from caseworker.services.date_rules import DateKind
from caseworker.services.support import (
    AfterCareChoices,
    AfterCareInput,
    AfterCareView,
    ReactivationInput,
    ReactivationProposal,
    WatchView,
)
from caseworker.services.support.aftercare import MONTHS_MAX, WATCH_WEEKS_MAX, AfterCareService
from caseworker.services.support.reactivation import ReactivationService
from caseworker.services.support.watch import WatchService
from caseworker.services.validation import LONG_TEXT_MAX, PARAGRAPH_MAX, SHORT_TEXT_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.form_dialog import FormDialog, note_edit
from caseworker.ui.common.form_errors import FormErrors, changed_meanwhile
from caseworker.ui.common.text_limits import limited_line


def _plain(text: str) -> QLabel:
    """A label of plain text (names and captions are never read as markup), wrapped."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class AfterCareBox(QGroupBox):
    """The after-care part of the exit dialog: checked, the exit leads into after-care."""

    def __init__(self, choices: AfterCareChoices, errors: FormErrors, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("After-care (suivi post-accompagnement)"), parent)
        self.setObjectName("after_care_box")
        self.setCheckable(True)
        self.setChecked(False)
        form = QFormLayout(self)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("after_care_kind_combo")
        for choice in choices.kinds:
            self.kind_combo.addItem(choice.label, choice.code)
        errors.add_row(form, self.tr("&Kind:"), self.kind_combo, "after_care_kind")
        self.months_spin = QSpinBox()
        self.months_spin.setObjectName("after_care_months_spin")
        self.months_spin.setRange(1, MONTHS_MAX)
        self.months_spin.setValue(DEFAULT_AFTER_CARE_MONTHS)
        self.months_spin.setSuffix(self.tr(" months"))
        errors.add_row(form, self.tr("&Window:"), self.months_spin, "after_care_months")
        self.funder_combo = ChoiceCombo(choices.funders, empty_label=self.tr("(choose)"))
        self.funder_combo.setObjectName("after_care_funder_combo")
        self.funder_combo.set_code(choices.default_funder)
        errors.add_row(form, self.tr("&Funded by:"), self.funder_combo, "after_care_funder")
        self.referent_combo = ChoiceCombo(choices.referents, empty_label=self.tr("(choose)"))
        self.referent_combo.setObjectName("after_care_referent_combo")
        self.referent_combo.set_code(choices.default_referent)
        errors.add_row(form, self.tr("Reachable &referent:"), self.referent_combo, "after_care_referent")
        self.watch_check = QCheckBox(self.tr("Put on the &watch list, news every"))
        self.watch_check.setObjectName("after_care_watch_check")
        self.watch_spin = QSpinBox()
        self.watch_spin.setObjectName("after_care_watch_spin")
        self.watch_spin.setRange(1, WATCH_WEEKS_MAX)
        self.watch_spin.setValue(DEFAULT_WATCH_WEEKS)
        self.watch_spin.setSuffix(self.tr(" weeks"))
        self.watch_check.toggled.connect(self.watch_spin.setEnabled)
        self.watch_spin.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.watch_check)
        row.addWidget(self.watch_spin)
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(row)
        errors.add_row(form, "", holder, "watch_weeks")
        # Veille means watching: choosing it ticks the watch list (the team may untick it).
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)

    def set_referents(self, choices: AfterCareChoices) -> None:
        """Offer the team of another exit day (kept: the referent chosen, while still on it)."""
        chosen = self.referent_combo.code() or choices.default_referent
        self.referent_combo.clear()
        self.referent_combo.addItem(self.tr("(choose)"), "")
        for choice in choices.referents:
            self.referent_combo.addItem(choice.label, choice.code)
        self.referent_combo.set_code(chosen)

    def _kind_changed(self) -> None:
        if self.kind_combo.currentData() == AfterCareKind.VEILLE.value:
            self.watch_check.setChecked(True)

    def value(self) -> AfterCareInput | None:
        """The after-care typed (None: unchecked, the episode closes)."""
        if not self.isChecked():
            return None
        referent = self.referent_combo.code()
        return AfterCareInput(
            kind=AfterCareKind(self.kind_combo.currentData()),
            funder_code=self.funder_combo.code(),
            referent_id=int(referent) if referent else 0,
            months=self.months_spin.value(),
            watch_weeks=self.watch_spin.value() if self.watch_check.isChecked() else None,
        )


def after_care_words(view: AfterCareView, today: date) -> str:
    """One line about an episode's after-care, in French (the caption, its funder, who stays reachable)."""
    words = f"{view.caption(today)} — {view.kind_label}, financé par {view.funder_label}"
    return words + (f" ; référent joignable : {view.referent_name}" if view.ended_on is None else "")


class EndAfterCareDialog(FormDialog):
    """Ends an episode's after-care with a reason (not a reactivation: that is Reactivate)."""

    def __init__(
        self,
        service: AfterCareService,
        episode_id: int,
        episode_version: int,
        view: AfterCareView,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("End after-care"), today=today, parent=parent)
        self.form.addRow(_plain(view.caption(today())))
        # A window that passed ends the day after its last day; an earlier end is today (another reason).
        window_over = view.planned_end + timedelta(days=1)
        self.date_row(DateKind.EVENT, self.tr("&Ended on:"), "on", window_over if view.to_close(today()) else today())
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("end_reason_combo")
        reasons = [reason for reason in AfterCareEndReason if reason is not AfterCareEndReason.REACTIVATION]
        labels = {choice.code: choice.label for choice in service.choices(episode_id, today()).end_reasons}
        for reason in reasons:
            self.reason_combo.addItem(labels.get(reason.value, reason.value), reason.value)
        if view.to_close(today()):
            self.reason_combo.setCurrentIndex(self.reason_combo.findData(AfterCareEndReason.FIN_DE_FENETRE.value))
        self.add_row(self.tr("&Reason:"), self.reason_combo, "reason")
        self.finish(
            lambda: service.end(
                episode_id,
                reason=AfterCareEndReason(self.reason_combo.currentData()),
                on=self.required("on"),
                expected_version=episode_version,
            )
        )


class ReactivateDialog(FormDialog):
    """Reactivates an ended episode: pre-filled, one more click (docs/domain.md §14.3)."""

    def __init__(
        self,
        service: ReactivationService,
        proposal: ReactivationProposal,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Reactivate support"), today=today, parent=parent)
        self._service = service
        self._proposal = proposal
        intro = self.tr("A new episode of {measure}, linked to the previous one.").format(measure=proposal.measure_name)
        if proposal.after_care_caption:
            intro += " " + self.tr("Its after-care ends that day ({caption}).").format(
                caption=proposal.after_care_caption
            )
        self.form.addRow(_plain(intro))
        team = ", ".join(proposal.current_team) or self.tr("nobody")
        team_label = _plain(self.tr("Team: {team}").format(team=team))
        team_label.setObjectName("reactivation_team_label")
        self.form.addRow(team_label)
        self.date_row(DateKind.EVENT, self.tr("&From:"), "on", today())
        self.start_combo = QComboBox()
        self.start_combo.setObjectName("reactivation_start_combo")
        for status in (
            EpisodeStatus.ACTIF,
            EpisodeStatus.ORIENTATION_RECUE,
            EpisodeStatus.ACCORD_DE_PRINCIPE,
            EpisodeStatus.EN_ATTENTE,
        ):
            self.start_combo.addItem(EPISODE_STATUS_LABELS[status], status.value)
        self.add_row(self.tr("&Starting at:"), self.start_combo, "start")
        self.level_combo = ChoiceCombo(proposal.levels)
        self.level_combo.setObjectName("reactivation_level_combo")
        self.level_combo.set_code(proposal.default_level)
        self.add_row(self.tr("&Intensity:"), self.level_combo, "level_code")
        # Nobody coordinates today: the last coordinator still on the team (else the after-care referent) is proposed.
        self.coordinator_check = QCheckBox()
        self.coordinator_check.setObjectName("reactivation_coordinator_check")
        proposed = proposal.proposed_coordinator
        if proposed is not None:
            self.coordinator_check.setText(self.tr("Name {name} coordinator").format(name=proposed.label))
            self.coordinator_check.setChecked(True)
        self.coordinator_check.setVisible(proposed is not None)
        self.add_row("", self.coordinator_check, "coordinator")
        self.start_combo.currentIndexChanged.connect(self._start_changed)
        self.former_list = QListWidget()
        self.former_list.setObjectName("former_members_list")
        self.former_list.setMaximumHeight(80)
        for choice in proposal.former_members:
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, int(choice.code))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.former_list.addItem(item)
        if proposal.former_members:
            self.add_row(self.tr("Re&join the team:"), self.former_list, "rejoin")
        self.note_edit = note_edit(LONG_TEXT_MAX, 50)
        self.note_edit.setPlaceholderText(self.tr("Why support resumes (optional)"))
        self.add_row(self.tr("&Note:"), self.note_edit, "note")
        self.finish(self._submit)
        self.reactivated_id: int | None = None

    def _start_changed(self) -> None:
        self.level_combo.setEnabled(self.start_combo.currentData() == EpisodeStatus.ACTIF.value)

    def _rejoining(self) -> tuple[int, ...]:
        items = (self.former_list.item(row) for row in range(self.former_list.count()))
        return tuple(
            int(item.data(Qt.ItemDataRole.UserRole)) for item in items if item.checkState() == Qt.CheckState.Checked
        )

    def _submit(self) -> None:
        start = EpisodeStatus(self.start_combo.currentData())
        view = self._service.reactivate(
            self._proposal.previous_episode_id,
            ReactivationInput(
                on=self.required("on"),
                start=start,
                level_code=self.level_combo.code() if start is EpisodeStatus.ACTIF else None,
                rejoin_staff_ids=self._rejoining(),
                note=self.note_edit.toPlainText(),
                coordinator_staff_id=int(self._proposal.proposed_coordinator.code)
                if self._proposal.proposed_coordinator is not None and self.coordinator_check.isChecked()
                else None,
            ),
            expected_version=self._proposal.previous_version,
        )
        self.reactivated_id = view.id


class WatchDialog(FormDialog):
    """Puts a household on the watch list, or changes its rhythm."""

    def __init__(
        self,
        service: WatchService,
        household_id: int,
        current: WatchView | None,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Watch list") if current is None else self.tr("Watch list rhythm")
        super().__init__(title, today=today, parent=parent)
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setObjectName("watch_weeks_spin")
        self.weeks_spin.setRange(1, WATCH_WEEKS_MAX)
        self.weeks_spin.setValue(current.every_weeks if current else DEFAULT_WATCH_WEEKS)
        self.weeks_spin.setSuffix(self.tr(" weeks"))
        self.add_row(self.tr("News &every:"), self.weeks_spin, "every_weeks", "household", "entry")
        if current is None:
            self.date_row(DateKind.EVENT, self.tr("&From:"), "on", today())
            self.note_edit = note_edit(PARAGRAPH_MAX, 50)
            self.add_row(self.tr("&Note:"), self.note_edit, "note")
            self.finish(
                lambda: service.put_on(
                    household_id,
                    every_weeks=self.weeks_spin.value(),
                    on=self.required("on"),
                    note=self.note_edit.toPlainText(),
                )
            )
        else:
            self.finish(
                lambda: service.change_rhythm(current.id, self.weeks_spin.value(), expected_version=current.row_version)
            )


class TakeOffWatchDialog(FormDialog):
    """Takes a household off the watch list, with a reason."""

    def __init__(
        self, service: WatchService, current: WatchView, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Take off the watch list"), today=today, parent=parent)
        self.date_row(DateKind.EVENT, self.tr("&On:"), "on", today())
        self.reason_edit = limited_line(SHORT_TEXT_MAX)
        self.reason_edit.setObjectName("watch_reason_edit")
        self.add_row(self.tr("&Reason:"), self.reason_edit, "reason", "entry")
        self.finish(
            lambda: service.take_off(
                current.id, reason=self.reason_edit.text(), on=self.required("on"), expected_version=current.row_version
            )
        )


class WatchRow(QWidget):
    """The household's stay on the watch list, and the buttons that change it.

    Signals:
        changed: the household was put on, changed or taken off the list.
    """

    changed = Signal()

    def __init__(self, service: WatchService, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._today = today
        self._household_id: int | None = None
        self._current: WatchView | None = None
        self.label = QLabel()
        self.label.setObjectName("watch_label")
        self.label.setWordWrap(True)
        self.put_on_button = QPushButton(self.tr("Watch list…"))
        self.put_on_button.setObjectName("watch_put_on_button")
        self.put_on_button.clicked.connect(self.put_on)
        self.rhythm_button = QPushButton(self.tr("Rhythm…"))
        self.rhythm_button.setObjectName("watch_rhythm_button")
        self.rhythm_button.clicked.connect(self.change_rhythm)
        self.take_off_button = QPushButton(self.tr("Take off the list…"))
        self.take_off_button.setObjectName("watch_take_off_button")
        self.take_off_button.clicked.connect(self.take_off)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        for button in (self.put_on_button, self.rhythm_button, self.take_off_button):
            layout.addWidget(button)

    def set_household(self, household_id: int | None) -> None:
        """Show the watch of ``household_id`` (None: nothing)."""
        self._household_id = household_id
        self.refresh()

    def refresh(self) -> None:
        """Read the household's watch again."""
        stays = self._service.watch_for(self._household_id) if self._household_id is not None else []
        self._current = next((stay for stay in stays if stay.is_current), None)
        current = self._current
        if current is None:
            self.label.setText(self.tr("Not on the watch list."))
        else:
            news = (
                self.tr("last news {date}").format(date=format_date(current.last_news))
                if current.last_news
                else self.tr("no news yet")
            )
            self.label.setText(
                self.tr("Watch list: news {every} · {news} · next due {due} · {attempts} attempt(s) since").format(
                    every=every_weeks_words(current.every_weeks),
                    news=news,
                    due=format_date(current.next_due),
                    attempts=current.attempts_since,
                )
            )
        self.put_on_button.setEnabled(self._household_id is not None)
        self.put_on_button.setVisible(current is None)
        self.rhythm_button.setVisible(current is not None)
        self.take_off_button.setVisible(current is not None)

    def watched(self) -> bool:
        """Whether the household is on the watch list."""
        return self._current is not None

    def _run(self, dialog: QDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted or changed_meanwhile(dialog):
            self.refresh()
            self.changed.emit()

    def put_on(self) -> None:
        """Put the household on the watch list."""
        if self._household_id is not None and self._current is None:
            self._run(WatchDialog(self._service, self._household_id, None, self._today, self))

    def change_rhythm(self) -> None:
        """Change how often news is due."""
        if self._household_id is not None and self._current is not None:
            self._run(WatchDialog(self._service, self._household_id, self._current, self._today, self))

    def take_off(self) -> None:
        """Take the household off the list."""
        if self._current is not None:
            self._run(TakeOffWatchDialog(self._service, self._current, self._today, self))
