"""« Attacher à un ménage… » and « Corriger… »: a street encounter attached once the person is identified, or corrected.

The household is found by typing part of its name or number (:class:`HouseholdPicker`, asked of the service); the
person, when known, is one of its members, now or before. Who attached it and when are kept by the service
(docs/domain.md §14.5).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QListWidgetItem, QTimeEdit, QWidget

from caseworker.domain.aftercare import AGE_BAND_LABELS, SEX_LABELS, AgeBand, Sex
from caseworker.errors import KnownError
from caseworker.formats import format_datetime
from caseworker.services.date_rules import DateKind
from caseworker.services.encounters import EncounterInput, EncounterView, OutreachService
from caseworker.services.validation import NAME_MAX
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.household_picker import HouseholdPicker, Search
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.text_limits import limited_line


@dataclass(frozen=True)
class OutreachDeps:
    """What the outreach page uses: the service, the household search of the attach dialog, the clock's today."""

    outreach: OutreachService
    search_households: Search
    today: Callable[[], date]


def encounter_summary(encounter: EncounterView) -> str:
    """One line saying which encounter: « 14/06/2026 à 23:30 — Sous le pont de Nantes »."""
    return f"{format_datetime(encounter.occurred_at)} — {encounter.place}"


class AttachEncounterDialog(FormDialog):
    """Attaches a street encounter to a household, and to a person of it when known.

    Attributes:
        saved: the encounter as attached (None until then).
    """

    def __init__(self, deps: OutreachDeps, encounter: EncounterView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Attach to a household"), parent=parent)
        self._deps = deps
        self.encounter = encounter
        self.saved: EncounterView | None = None
        summary = QLabel(encounter_summary(encounter))
        summary.setObjectName("attach_encounter_summary")
        summary.setWordWrap(True)
        self.form.addRow(self.tr("Encounter:"), summary)
        self.household_picker = HouseholdPicker(deps.search_households)
        self.household_picker.setObjectName("attach_household_picker")
        self.household_picker.currentIndexChanged.connect(self._household_changed)
        self.household_picker.lineEdit().textEdited.connect(self._household_changed)  # type: ignore[union-attr]
        self.add_row(self.tr("&Household:"), self.household_picker, "household_id")
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("attach_person_combo")
        self.add_row(self.tr("&Person:"), self.person_combo, "person_id")
        self._household_changed()
        self.finish(self._attach, check=self._check)

    def _household_changed(self, *_args: object) -> None:
        """Offer the members of the household picked (none while no household is)."""
        household_id = self.household_picker.household_id()
        self.person_combo.clear()
        self.person_combo.addItem(self.tr("Not known (the household)"), None)
        if household_id is None:
            self.person_combo.setEnabled(False)
            self.person_combo.setToolTip(self.tr("Pick the household first."))
            return
        try:
            persons = self._deps.outreach.persons_for(household_id)
        except KnownError as exc:  # the server unreachable: said; the household may be picked again
            show_error(self, exc)
            persons = []
        for person in persons:
            name = person.name if person.current else self.tr("{name} (left the household)").format(name=person.name)
            self.person_combo.addItem(name, person.id)
        self.person_combo.setEnabled(True)
        self.person_combo.setToolTip("")

    def _check(self) -> Mapping[str, str]:
        if self.household_picker.household_id() is None:
            return {"household_id": self.tr("Type part of the household's name or number, then pick it in the list.")}
        return {}

    def _attach(self) -> None:
        household_id = self.household_picker.household_id()
        assert household_id is not None  # checked
        self.saved = self._deps.outreach.attach_encounter(
            self.encounter.id,
            household_id,
            self.person_combo.currentData(),
            expected_version=self.encounter.row_version,
        )


class CorrectEncounterDialog(FormDialog):
    """Corrects a street encounter: when, where, what was offered, age band and sex (whom it is attached to stays).

    Attributes:
        saved: the encounter as corrected (None until then).
    """

    def __init__(self, deps: OutreachDeps, encounter: EncounterView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Correct the encounter"), today=deps.today, parent=parent)
        self._deps = deps
        self.encounter = encounter
        self.saved: EncounterView | None = None
        local = encounter.occurred_at.astimezone()
        self.place_edit = limited_line(NAME_MAX)
        self.place_edit.setObjectName("correct_place_edit")
        self.place_edit.setText(encounter.place)
        self.add_row(self.tr("&Place:"), self.place_edit, "place")
        self.date_row(DateKind.EVENT, self.tr("&Day:"), "occurred_at", local.date())
        self.time_edit = QTimeEdit(QTime(local.hour, local.minute))
        self.time_edit.setObjectName("correct_time_edit")
        self.time_edit.setDisplayFormat("HH:mm")
        self.add_row(self.tr("&Time:"), self.time_edit, "time")
        self.offer_list = QListWidget()
        self.offer_list.setObjectName("correct_offer_list")
        self.offer_list.setMaximumHeight(140)
        offered = set(encounter.offer_codes)
        choices = deps.outreach.offer_choices()
        known = {choice.code for choice in choices}
        labels = dict(zip(encounter.offer_codes, encounter.offer_labels, strict=True))
        # An offer deactivated since stays on the encounters that had it.
        for code, label in [(choice.code, choice.label) for choice in choices] + [
            (code, labels[code]) for code in encounter.offer_codes if code not in known
        ]:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in offered else Qt.CheckState.Unchecked)
            self.offer_list.addItem(item)
        self.add_row(self.tr("&Offered:"), self.offer_list, "offer_codes")
        self.age_combo = QComboBox()
        self.age_combo.addItem(self.tr("— not known —"), None)
        for band, label in AGE_BAND_LABELS.items():
            self.age_combo.addItem(label, band.value)
        self.age_combo.setCurrentIndex(
            max(self.age_combo.findData(encounter.age_band.value), 0) if encounter.age_band else 0
        )
        self.add_row(self.tr("&Age:"), self.age_combo, "age_band")
        self.sex_combo = QComboBox()
        self.sex_combo.addItem(self.tr("— not known —"), None)
        for sex, label in SEX_LABELS.items():
            self.sex_combo.addItem(label, sex.value)
        if encounter.sex is not None:
            self.sex_combo.setCurrentIndex(max(self.sex_combo.findData(encounter.sex.value), 0))
        self.add_row(self.tr("&Sex:"), self.sex_combo, "sex")
        self.finish(self._correct)

    def _offers(self) -> tuple[str, ...]:
        items = (self.offer_list.item(row) for row in range(self.offer_list.count()))
        return tuple(
            str(item.data(Qt.ItemDataRole.UserRole)) for item in items if item.checkState() == Qt.CheckState.Checked
        )

    def _correct(self) -> None:
        typed = self.time_edit.time()
        moment = datetime.combine(self.required("occurred_at"), time(typed.hour(), typed.minute())).astimezone()
        age, sex = self.age_combo.currentData(), self.sex_combo.currentData()
        self.saved = self._deps.outreach.correct_encounter(
            self.encounter.id,
            EncounterInput(
                place=self.place_edit.text(),
                offer_codes=self._offers(),
                age_band=AgeBand(age) if age else None,
                sex=Sex(sex) if sex else None,
                occurred_at=moment,
            ),
            expected_version=self.encounter.row_version,
        )
