"""The qualitative export: the team lead reads each exit narrative that passes the check and ticks those to send.

Two lists: the narratives that pass the check (none ticked at first: nothing leaves by default), and those « à
reformuler » with what the check found — the words matched are shown, highlighted in the text: the team lead is
entitled to the record — which the team lead rewords here (checked again, then ticked like any other). The
narrative selected is shown whole below. Export writes the ticked ones, checked again by the service, as PDF or CSV.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseworker.errors import KnownError
from caseworker.services.errors import ConcurrentChangeError
from caseworker.services.exports import (
    ApprovedNarrative,
    ExportCancelled,
    ExportRequest,
    NarrativeExportService,
    NarrativeFormat,
    NarrativeReview,
    NarrativeView,
)
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.record_table_model import Column, RecordTableModel
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.common.tasks import run_with_progress
from caseworker.ui.exports.reformulate_dialog import ReformulateDialog

translate = QCoreApplication.translate
_Index = QModelIndex | QPersistentModelIndex
_FILTERS = {NarrativeFormat.PDF: "PDF (*.pdf)", NarrativeFormat.CSV: "CSV (*.csv)"}
_HIGHLIGHT = "#ffe08a"


class NarrativeTableModel(RecordTableModel[NarrativeView]):
    """The narratives that pass the check, each with a box to tick (column 0); none ticked at first."""

    TICK = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column[NarrativeView](translate("NarrativeTableModel", "Send"), lambda _item: ""),
                Column[NarrativeView](translate("NarrativeTableModel", "Quarter"), lambda item: item.quarter),
                Column[NarrativeView](translate("NarrativeTableModel", "Exit reason"), lambda item: item.reason),
                Column[NarrativeView](
                    translate("NarrativeTableModel", "Length of support"), lambda item: item.length_band
                ),
                Column[NarrativeView](
                    translate("NarrativeTableModel", "Narrative"),
                    lambda item: _first_line(item.text),
                    tooltip=lambda item: item.text,
                ),
            ],
            parent,
        )
        self._ticked: dict[int, str] = {}  # exit id → the digest of the text read

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """The first column is a box to tick."""
        flags = super().flags(index)
        if index.isValid() and index.column() == self.TICK:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Whether a narrative is ticked, besides what every record table shows."""
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == self.TICK:
            item = self.record(index.row())
            ticked = self._ticked.get(item.exit_id) == item.digest
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Tick or untick a narrative (a click on its box, or Space on its row)."""
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != self.TICK:
            return False
        item = self.record(index.row())
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._ticked[item.exit_id] = item.digest
        else:
            self._ticked.pop(item.exit_id, None)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def set_records(self, records: Any) -> None:
        """Replace the rows; a narrative stays ticked only if its text is the one ticked (a new text, a new reading)."""
        kept = {(item.exit_id, item.digest) for item in records}
        self._ticked = {exit_id: digest for exit_id, digest in self._ticked.items() if (exit_id, digest) in kept}
        super().set_records(records)

    def ticked(self) -> list[ApprovedNarrative]:
        """The narratives ticked, as read (their text's digest)."""
        return [
            ApprovedNarrative(item.exit_id, item.digest)
            for item in self.records()
            if self._ticked.get(item.exit_id) == item.digest
        ]


class WithheldTableModel(RecordTableModel[NarrativeView]):
    """The narratives to reformulate, with what the check found."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column[NarrativeView](translate("WithheldTableModel", "Household"), lambda item: item.household_number),
                Column[NarrativeView](translate("WithheldTableModel", "Quarter"), lambda item: item.quarter),
                Column[NarrativeView](translate("WithheldTableModel", "Exit reason"), lambda item: item.reason),
                Column[NarrativeView](translate("WithheldTableModel", "Found"), _reasons, tooltip=_reasons),
            ],
            parent,
        )


class NarrativesDialog(FittedDialog):
    """Reviews the exit narratives of a funder's period and writes those ticked (PDF or CSV)."""

    def __init__(
        self, narratives: NarrativeExportService, request: ExportRequest, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.narratives = narratives
        self.request = request
        self.review: NarrativeReview | None = None
        self.setWindowTitle(self.tr("Exit narratives"))
        self.setMinimumSize(820, 560)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("narrativesSummary")
        self.summary_label.setWordWrap(True)
        self.passing_model = NarrativeTableModel(self)
        self.passing_table = record_table(self.passing_model, "narrativesPassing")
        self.withheld_model = WithheldTableModel(self)
        self.withheld_table = record_table(self.withheld_model, "narrativesWithheld")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.passing_table, "")
        self.tabs.addTab(self.withheld_table, "")
        self.text_view = QTextBrowser()
        self.text_view.setObjectName("narrativeText")
        self.text_view.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.text_view)
        splitter.setSizes([320, 160])
        self.format_combo = QComboBox()
        self.format_combo.setObjectName("narrativesFormat")
        for output_format in NarrativeFormat:
            self.format_combo.addItem(output_format.value.upper(), output_format)
        format_label = QLabel(self.tr("&Format:"))
        format_label.setBuddy(self.format_combo)
        self.export_button = QPushButton(self.tr("E&xport the ticked narratives…"))
        self.export_button.setObjectName("narrativesExportButton")
        self.export_button.clicked.connect(self.export)
        self.reload_button = QPushButton(self.tr("Check &again"))
        self.reload_button.setToolTip(self.tr("Read the narratives again (after one was reformulated)"))
        self.reload_button.clicked.connect(self.load)
        self.reformulate_button = QPushButton(self.tr("R&eformulate…"))
        self.reformulate_button.setObjectName("narrativesReformulateButton")
        self.reformulate_button.clicked.connect(self.reformulate)
        actions = QHBoxLayout()
        actions.addWidget(self.reload_button)
        actions.addWidget(self.reformulate_button)
        actions.addStretch(1)
        actions.addWidget(format_label)
        actions.addWidget(self.format_combo)
        actions.addWidget(self.export_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        self.passing_table.selectionModel().currentRowChanged.connect(self._show_passing)
        self.withheld_table.selectionModel().currentRowChanged.connect(self._show_withheld)
        self.tabs.currentChanged.connect(self._show_tab)
        self.tabs.currentChanged.connect(self._refresh_reformulate)
        self.withheld_table.selectionModel().currentRowChanged.connect(self._refresh_reformulate)
        self.passing_model.dataChanged.connect(self._refresh_export)
        self.load()

    def load(self) -> None:
        """Read and check the narratives of the period (again); one stays ticked only if its text is the one ticked."""
        request = self.request
        try:
            review: NarrativeReview | None = run_with_progress(
                self,
                self.tr("Exit narratives"),
                self.tr("Reading and checking the narratives…"),
                lambda _progress, cancelled: self.narratives.review(request, cancelled=cancelled),
            )
        except ExportCancelled:
            review = None
        except KnownError as exc:
            show_error(self, exc)
            review = None
        self.review = review
        passing = review.passing if review is not None else ()
        withheld = review.to_reformulate if review is not None else ()
        self.passing_model.set_records(passing)
        self.withheld_model.set_records(withheld)
        self.passing_table.resizeColumnsToContents()
        self.withheld_table.resizeColumnsToContents()
        self.tabs.setTabText(0, self.tr("&To send ({count})").format(count=len(passing)))
        self.tabs.setTabText(1, self.tr("To &reformulate ({count})").format(count=len(withheld)))
        self.summary_label.setText(
            self.tr(
                "{total} narratives of exits in the period: {passing} pass the check; to reformulate: {withheld} "
                "(a name, an address, a number or a date of the household's record, or a day). Read each one and "
                "tick those to send: nothing leaves unticked."
            ).format(total=len(passing) + len(withheld), passing=len(passing), withheld=len(withheld))
        )
        self.text_view.clear()
        for table in (self.passing_table, self.withheld_table):
            if table.model().rowCount():
                table.selectRow(0)
        self._refresh_export()
        self._refresh_reformulate()

    def reformulate(self) -> None:
        """Reword the narrative selected among those to reformulate, then read them all again."""
        current = self.withheld_table.currentIndex()
        if self.tabs.currentIndex() != 1 or not current.isValid():
            return
        dialog = ReformulateDialog(self.narratives, self.withheld_model.record(current.row()), parent=self)
        if dialog.exec() or changed_meanwhile(dialog):
            self.load()

    def export(self) -> None:
        """Write the ticked narratives where the person says, then say what was written."""
        ticked = self.passing_model.ticked()
        if not ticked:
            return
        output_format = NarrativeFormat(self.format_combo.currentData())
        request = self.request
        suggested = f"recits-{request.profile_code}-{request.period_start.isoformat()}-{request.period_end.isoformat()}"
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the narratives"), f"{suggested}.{output_format.value}", _FILTERS[output_format]
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != f".{output_format.value}":
            path = path.with_name(f"{path.name}.{output_format.value}")
        try:
            result = run_with_progress(
                self,
                self.tr("Exit narratives"),
                self.tr("Checking again and writing the narratives…"),
                lambda _progress, _cancelled: self.narratives.export(request, ticked, output_format, path),
                cancellable=False,  # the file and its log go together: nothing stops half-way
            )
        except ConcurrentChangeError as exc:
            show_error(self, exc)
            self.load()  # read the narratives of the day: the changed one is read again before it leaves
            return
        except (KnownError, OSError) as exc:
            show_error(self, exc)
            return
        QMessageBox.information(
            self,
            self.tr("Exit narratives"),
            self.tr("%n narrative(s) written: {path}\nSHA-256: {digest}", "", result.narratives).format(
                path=result.path, digest=result.sha256
            ),
        )

    # showing ----------------------------------------------------------------------------------------------

    def _refresh_export(self, *_args: object) -> None:
        reason = "" if self.passing_model.ticked() else self.tr("Tick at least one narrative you have read.")
        enable_unless(self.export_button, reason)

    def _refresh_reformulate(self, *_args: object) -> None:
        chosen = self.tabs.currentIndex() == 1 and self.withheld_table.currentIndex().isValid()
        reason = "" if chosen else self.tr("Choose a narrative in the list of those to reformulate.")
        enable_unless(self.reformulate_button, reason)

    def _show_tab(self, index: int) -> None:
        table = self.passing_table if index == 0 else self.withheld_table
        current = table.currentIndex()
        if current.isValid():
            self._show(table.model(), current.row())
        else:
            self.text_view.clear()

    def _show_passing(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self.tabs.currentIndex() == 0:
            self._show(self.passing_model, current.row())

    def _show_withheld(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self.tabs.currentIndex() == 1:
            self._show(self.withheld_model, current.row())

    def _show(self, model: Any, row: int) -> None:
        item: NarrativeView = model.record(row)
        heading = escape(f"{item.quarter} · {item.reason} · {item.length_band}")
        found = ""
        if item.findings:
            reasons = "<br>".join(escape(f"« {finding.term} » : {finding.label}") for finding in item.findings)
            title = self.tr("To reformulate:")
            found = f"<p><b>{escape(title)}</b><br>{reasons}</p>"
        self.text_view.setHtml(f"<p><b>{heading}</b></p>{found}<p>{_highlighted(item)}</p>")


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


def _reasons(item: NarrativeView) -> str:
    return " · ".join(f"« {finding.term} » ({finding.label})" for finding in item.findings)


def _highlighted(item: NarrativeView) -> str:
    """The narrative as HTML, each finding's words highlighted (overlapping findings as one)."""
    spans: list[list[int]] = []
    for finding in sorted(item.findings, key=lambda each: each.start):
        if spans and finding.start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], finding.end)
        else:
            spans.append([finding.start, finding.end])
    parts = []
    position = 0
    for start, end in spans:
        parts.append(escape(item.text[position:start]))
        parts.append(f'<span style="background-color:{_HIGHLIGHT}">{escape(item.text[start:end])}</span>')
        position = end
    parts.append(escape(item.text[position:]))
    return "".join(parts).replace("\n", "<br>")
