"""The entry criteria of a measure as an unticked checklist: information, never a condition of admission (F19).

:class:`CriteriaChecklist` is the box the referral dialog and :class:`EpisodeCriteriaDialog` show: one check box per
criterion (Tab and Space tick them), captioned as information. The support tab says which were met
(:class:`EpisodeCriteriaView`) and opens :class:`EpisodeCriteriaDialog` to change them. Every rule is
:class:`~caseworker.services.support.criteria.CriteriaService`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from caseworker.services.support import CriteriaService, CriterionCheck, CriterionView, EpisodeView
from caseworker.services.support.criteria import FIELD, MAX_CRITERIA
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_dialog import FormDialog


class CriteriaChecklist(QGroupBox):
    """A measure's criteria, each a check box; nothing ticked is a valid answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Entry criteria (for information, they never block admission)"), parent)
        self.setObjectName("criteria_checklist")
        self._layout = QVBoxLayout(self)
        self._empty = QLabel(self.tr("This measure lists no entry criteria."))
        self._empty.setWordWrap(True)
        self._layout.addWidget(self._empty)
        # The boxes are made once, hidden, and reused: boxes made when the measure changes would come after the
        # dialog's buttons in the Tab order.
        self._pool = [self._new_box() for _ in range(MAX_CRITERIA)]
        self._boxes: dict[str, QCheckBox] = {}

    def _new_box(self) -> QCheckBox:
        box = QCheckBox(self)
        box.setVisible(False)
        self._layout.addWidget(box)
        return box

    def set_criteria(self, criteria: Iterable[CriterionView | CriterionCheck]) -> None:
        """Show ``criteria``, ticked where a check says it was met, unticked otherwise."""
        shown = list(criteria)
        while len(self._pool) < len(shown):
            self._pool.append(self._new_box())
        self._boxes = {}
        for index, box in enumerate(self._pool):
            criterion = shown[index] if index < len(shown) else None
            box.setVisible(criterion is not None)
            if criterion is None:
                box.setObjectName("")
                box.setChecked(False)
                continue
            box.setText(criterion.label.replace("&", "&&"))  # an ampersand typed is not a shortcut
            box.setObjectName(f"criterion_{criterion.code}")
            box.setChecked(isinstance(criterion, CriterionCheck) and criterion.met)
            kept = self.tr("No longer offered for this measure: kept because it was ticked.")
            box.setToolTip("" if criterion.active else kept)
            self._boxes[criterion.code] = box
        self._empty.setVisible(not self._boxes)

    def boxes(self) -> list[QCheckBox]:
        """Return the check boxes, in order."""
        return list(self._boxes.values())

    def ticked(self) -> tuple[str, ...]:
        """Return the codes of the criteria ticked, in order."""
        return tuple(code for code, box in self._boxes.items() if box.isChecked())


class EpisodeCriteriaView(QWidget):
    """The support tab's « Critères d'entrée » tab: which criteria the episode's household met, and Change."""

    def __init__(self, criteria: CriteriaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("episode_criteria_view")
        self._criteria = criteria
        self.label = QLabel()
        self.label.setObjectName("episode_criteria_label")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.edit_button = QPushButton(self.tr("C&hange the criteria met…"))
        self.edit_button.setObjectName("edit_criteria_button")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label, 1)
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_episode(self, episode: EpisodeView | None) -> None:
        """Show the criteria of ``episode`` (None: nothing to show)."""
        if episode is None:
            self.label.setText("")
            enable_unless(self.edit_button, self.tr("Record a referral first."))
            return
        current = self._criteria.episode_criteria(episode.id)
        lines = [escape(self.tr("For information: entry criteria never block an admission."))]
        if not current.checks:
            lines.append(escape(self.tr("The measure lists no entry criteria.")))
        for check in current.checks:
            mark = "☑" if check.met else "☐"
            state = self.tr("met") if check.met else self.tr("not ticked")
            lines.append(f"{mark} {escape(check.label)} — {escape(state)}")
        self.label.setText("<br>".join(lines))
        enable_unless(self.edit_button, "" if current.checks else self.tr("The measure lists no entry criteria."))


class EpisodeCriteriaDialog(FormDialog):
    """Changes which of its measure's criteria the household met at orientation."""

    def __init__(self, criteria: CriteriaService, episode: EpisodeView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Entry criteria"), parent=parent)
        self.setObjectName("episode_criteria_dialog")
        current = criteria.episode_criteria(episode.id)
        self.checklist = CriteriaChecklist()
        self.checklist.set_criteria(current.checks)
        self.form.addRow(QLabel(self.tr("Referral to {measure}").format(measure=current.measure_name)))
        self.add_row("", self.checklist, FIELD)
        self._criteria = criteria
        self._episode_id = episode.id
        self._version = current.row_version
        self.finish(self._submit)

    def _submit(self) -> None:
        self._criteria.set_met_criteria(self._episode_id, self.checklist.ticked(), expected_version=self._version)


def add_checklist(
    dialog: FormDialog, criteria: CriteriaService | None, measures: ChoiceCombo
) -> CriteriaChecklist | None:
    """Add to a referral form the checklist of the measure chosen in ``measures``, following its choice.

    None without the criteria service (nothing is shown, nothing ticked).
    """
    if criteria is None:
        return None
    checklist = CriteriaChecklist()

    def show_measure() -> None:
        code = measures.code()
        checklist.set_criteria(criteria.criteria_of(code) if code else ())

    measures.currentIndexChanged.connect(lambda _index: show_measure())
    show_measure()
    dialog.add_row("", checklist, FIELD)
    return checklist


def ticked_codes(checklist: CriteriaChecklist | None) -> tuple[str, ...]:
    """Return what a checklist that may be absent has ticked."""
    return checklist.ticked() if checklist is not None else ()
