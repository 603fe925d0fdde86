"""Who funds a measure or one support episode, and by what share (docs/domain.md §13.6).

One dialog for both: a measure's lines (the measure catalogue), or an episode's own lines replacing its measure's
(the support tab). Each line is a funder from the list (a new one is added by name) and its share in percent, two
decimals at most; the total is shown as it is typed and must reach 100 %. Lines proposed from the former free text
say so until they are saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from caseworker.errors import KnownError
from caseworker.services.reference import Choice
from caseworker.services.support.funding import FundingService, FundingShare, FundingView, share_text
from caseworker.services.validation import LABEL_MAX
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_dialog import FormDialog

MAX_ROWS = 10

SaveFunding = Callable[[Sequence[FundingShare] | None], FundingView]
"""Saves the lines typed (None: the measure's again, for an episode) and returns them as stored."""


class FundingDialog(FormDialog):
    """Edits funding lines; ``saved`` holds them once saved.

    Args:
        funding: the funders' list (and adding one).
        current: the lines as stored.
        save: what saving does (the measure's lines, or the episode's).
        inherited: for an episode, its measure's lines in words (None for a measure): the episode may keep them.
    """

    def __init__(
        self,
        funding: FundingService,
        current: FundingView,
        save: SaveFunding,
        *,
        inherited: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Funding"), parent=parent, minimum_width=600)
        self._funding = funding
        self._save_lines = save
        self._funders: list[Choice] = funding.funders()
        self.saved: FundingView | None = None
        self.own_check: QCheckBox | None = None
        if inherited is not None:
            self.own_check = QCheckBox(self.tr("&Own funding for this episode"))
            self.own_check.setObjectName("ownFunding")
            self.own_check.setChecked(current.own)
            self.own_check.toggled.connect(self._own_toggled)
            self.form.addRow("", self.own_check)
            measure = QLabel(self.tr("Otherwise, the measure's: {summary}").format(summary=inherited))
            measure.setWordWrap(True)
            self.form.addRow("", measure)
        if current.proposed:
            if current.own or inherited is None:
                words = self.tr("Proposed from the former text « {text} »: check the shares, then save.")
            else:
                words = self.tr(
                    "The measure's lines were proposed from its former text « {text} »: they are confirmed in "
                    "Settings, Measures, Funding."
                )
            proposed = QLabel(words.format(text=current.legacy_text))
            proposed.setObjectName("proposedFunding")
            proposed.setWordWrap(True)
            self.form.addRow("", proposed)
        self.total_label = QLabel()
        self.total_label.setObjectName("fundingTotal")
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("fundingLines")
        self.table.setHorizontalHeaderLabels([self.tr("Funder"), self.tr("Share")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(150)
        lines = current.lines if current.own or inherited is None else ()
        for line in lines:
            self._add(line.funder_code, line.percent)
        self.add_button = QPushButton(self.tr("&Add a funder"))
        self.add_button.clicked.connect(self._add_line)
        self.remove_button = QPushButton(self.tr("&Remove the line"))
        self.remove_button.clicked.connect(self._remove)
        self.new_button = QPushButton(self.tr("&New funder…"))
        self.new_button.clicked.connect(self._new_funder)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.new_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.total_label)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table)
        column.addLayout(buttons)
        self.add_row(self.tr("&Lines:"), box, "funding")
        self._own_toggled()
        self._show_total()
        self.finish(self._save_funding)

    def _own_toggled(self) -> None:
        editable = self.own_check is None or self.own_check.isChecked()
        for widget in (self.table, self.add_button, self.remove_button):
            widget.setEnabled(editable)
        enable_unless(self.new_button, self._funding.refusal() if editable else self.tr("Tick own funding first."))
        if editable and self.table.rowCount() == 0:
            self._add_line()

    def _add_line(self) -> None:
        if self.table.rowCount() >= MAX_ROWS:
            return
        left = Decimal(100) - self._total()
        self._add("", left if left > 0 else Decimal(0))
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        combo = self.table.cellWidget(self.table.rowCount() - 1, 0)
        if combo is not None:
            combo.setFocus()

    def _add(self, funder_code: str, percent: Decimal) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = QComboBox()
        combo.addItem(self.tr("(choose a funder)"), "")
        for choice in self._funders:
            combo.addItem(choice.label, choice.code)
        combo.setCurrentIndex(max(0, combo.findData(funder_code)))
        self.table.setCellWidget(row, 0, combo)
        spin = QDoubleSpinBox()
        spin.setRange(0, 100)
        spin.setDecimals(2)
        spin.setSuffix(" %")
        spin.setValue(float(percent))
        spin.valueChanged.connect(self._show_total)
        self.table.setCellWidget(row, 1, spin)
        self._show_total()

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._show_total()

    def _new_funder(self) -> None:
        if self.table.rowCount() >= MAX_ROWS:
            return
        name, accepted = QInputDialog.getText(
            self, self.tr("New funder"), self.tr("Name of the funder:"), QLineEdit.EchoMode.Normal, ""
        )
        if not accepted or not name.strip():
            return
        try:
            added = self._funding.add_funder(name[:LABEL_MAX])
        except KnownError as exc:
            self.errors.show({"funding": exc.user_message})
            return
        if added not in self._funders:
            self._funders.append(added)
            for row in range(self.table.rowCount()):
                combo = self.table.cellWidget(row, 0)
                if isinstance(combo, QComboBox) and combo.findData(added.code) < 0:
                    combo.addItem(added.label, added.code)
        self._add(added.code, max(Decimal(100) - self._total(), Decimal(0)))

    def shares(self) -> list[FundingShare]:
        """The lines as typed (a line without a funder is kept: the service says which)."""
        lines = []
        for row in range(self.table.rowCount()):
            combo, spin = self.table.cellWidget(row, 0), self.table.cellWidget(row, 1)
            if isinstance(combo, QComboBox) and isinstance(spin, QDoubleSpinBox):
                lines.append(FundingShare(str(combo.currentData() or ""), Decimal(f"{spin.value():.2f}")))
        return lines

    def _total(self) -> Decimal:
        return sum((share.percent for share in self.shares()), Decimal(0))

    def _show_total(self) -> None:
        total = self._total()
        self.total_label.setText(self.tr("Total: {total} %").format(total=share_text(int(total * 100))))

    def _save_funding(self) -> None:
        own = self.own_check is None or self.own_check.isChecked()
        self.saved = self._save_lines(self.shares() if own else None)
