"""The Exports section: a funder's anonymised figures, previewed, then written as XLSX, CSV, PDF or JSON (§13).

The team lead chooses a funder's profile and a period, previews every table with the hidden cells marked "s" and
every definition shown, switches between households and persons, then writes the file. Computing and protecting
the figures runs off the GUI thread behind a progress dialog that can be cancelled; nothing personal is shown (the
figures are the protected ones, never the true counts).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.services.date_rules import DateKind
from caseworker.services.exports import (
    COSTS_NOTE,
    STEPS,
    UNIT_LABELS,
    ExportCancelled,
    ExportFormat,
    ExportRequest,
    ExportResult,
    ExportService,
    NarrativeExportService,
    ProfileService,
    ProtectedReport,
    ProtectedTable,
    Unit,
    cost_rows,
)
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.tasks import Cancelled, Report, run_with_progress
from caseworker.ui.exports.narratives_dialog import NarrativesDialog
from caseworker.ui.exports.profile_dialog import ProfileDialog

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_RATES = "rates"
_STATISTICS = "statistics"
_COSTS = "costs"
_FILTERS = {
    ExportFormat.XLSX: "Classeur Excel (*.xlsx)",
    ExportFormat.CSV: "CSV (*.csv)",
    ExportFormat.PDF: "PDF (*.pdf)",
    ExportFormat.JSON: "JSON (*.json)",
}


class ExportsPage(QWidget):
    """Profile and period, the preview (tables, rates, statistics), and Export as…."""

    def __init__(
        self,
        exports: ExportService,
        profiles: ProfileService,
        narratives: NarrativeExportService,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.exports = exports
        self.profiles = profiles
        self.narratives = narratives
        self._today = today
        self.report: ProtectedReport | None = None
        self._build_form()
        self._build_preview()
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Exports for funders"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        layout.addLayout(self.form_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.preview)
        self._fill_profiles()
        self.refresh_access()

    # building ---------------------------------------------------------------------------------------------

    def _build_form(self) -> None:
        today = self._today()
        self.profile_combo = QComboBox()
        self.profile_combo.setObjectName("exportProfileCombo")
        self.start_field = DateField(kind=DateKind.EVENT, today=self._today)
        self.start_field.setMaximumWidth(180)
        self.start_field.set_date(date(today.year, 1, 1))
        self.end_field = DateField(kind=DateKind.PLANNED, today=self._today)
        self.end_field.setMaximumWidth(180)
        self.end_field.set_date(today)
        self.preview_button = QPushButton(self.tr("&Preview"))
        self.preview_button.setObjectName("exportPreviewButton")
        self.preview_button.setToolTip(self.tr("Compute and protect the figures (Ctrl+Enter)"))
        self.preview_button.clicked.connect(self.preview)
        self.households_radio = QRadioButton(self.tr("&Households"))
        self.persons_radio = QRadioButton(self.tr("P&ersons"))
        self.households_radio.setChecked(True)
        self.households_radio.toggled.connect(self._show_sections)
        self.format_combo = QComboBox()
        self.format_combo.setObjectName("exportFormatCombo")
        for output_format in ExportFormat:
            self.format_combo.addItem(output_format.value.upper(), output_format)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export)
        self.profile_button = QPushButton(self.tr("Edit the p&rofile…"))
        self.profile_button.setObjectName("exportProfileButton")
        self.profile_button.setToolTip(self.tr("Its measures, its threshold, the indicators it asks for"))
        self.profile_button.clicked.connect(self.edit_profile)
        self.narratives_button = QPushButton(self.tr("Exit &narratives…"))
        self.narratives_button.setObjectName("exportNarrativesButton")
        self.narratives_button.setToolTip(
            self.tr("The qualitative export: the exit narratives of the period, checked, read and ticked one by one")
        )
        self.narratives_button.clicked.connect(self.review_narratives)
        fields = QFormLayout()
        funder = QHBoxLayout()
        funder.addWidget(self.profile_combo, 1)
        funder.addWidget(self.profile_button)
        funder_label = QLabel(self.tr("&Funder:"))
        funder_label.setBuddy(self.profile_combo)  # Alt+F: a label beside a layout has no buddy of its own
        fields.addRow(funder_label, funder)
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("from")))
        period.addWidget(self.start_field)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.end_field)
        period.addStretch(1)
        fields.addRow(self.tr("Period:"), period)
        actions = QHBoxLayout()
        actions.addWidget(self.preview_button)
        actions.addSpacing(16)
        actions.addWidget(self.households_radio)
        actions.addWidget(self.persons_radio)
        actions.addStretch(1)
        actions.addWidget(self.format_combo)
        actions.addWidget(self.export_button)
        actions.addSpacing(16)
        actions.addWidget(self.narratives_button)
        self.form_row = QVBoxLayout()
        self.form_row.addLayout(fields)
        self.form_row.addLayout(actions)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("exportSummary")
        self.summary_label.setWordWrap(True)

    def _build_preview(self) -> None:
        self.sections = QListWidget()
        self.sections.setObjectName("exportSections")
        self.sections.setWordWrap(True)  # long titles wrap rather than hide behind a scroll bar
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.currentItemChanged.connect(self._show_section)
        self.definition_label = QLabel()
        self.definition_label.setWordWrap(True)
        self.definition_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grid = QTableWidget()
        self.grid.setObjectName("exportGrid")
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.grid.horizontalHeader().setStretchLastSection(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.definition_label)
        right_layout.addWidget(self.grid, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.sections)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 740])

    def _fill_profiles(self) -> None:
        try:
            profiles = self.profiles.profiles()
        except KnownError as exc:
            show_error(self, exc)
            return
        chosen = self.profile_combo.currentData()
        self.profile_combo.clear()
        for profile in profiles:
            self.profile_combo.addItem(profile.label, profile.code)
        self.profile_combo.setCurrentIndex(max(self.profile_combo.findData(chosen), 0))

    # actions ----------------------------------------------------------------------------------------------

    def _request(self) -> ExportRequest | None:
        """The request typed, or None after saying what is wrong with a date."""
        start, start_problem = self.start_field.date_or_error()
        end, end_problem = self.end_field.date_or_error()
        problem = start_problem or end_problem
        if problem or start is None or end is None:
            QMessageBox.warning(self, self.tr("Exports"), problem or self.tr("Enter the period (dd/mm/yyyy)."))
            return None
        return ExportRequest(self.profile_combo.currentData(), start, end)

    def preview(self) -> None:
        """Compute and protect the figures of the profile and period, then show them."""
        request = self._request()
        if request is None or not self.preview_button.isEnabled():
            return
        try:
            report = run_with_progress(
                self,
                self.tr("Exports"),
                self.tr("Computing and protecting the figures…"),
                lambda progress, cancelled: self.exports.preview(
                    request, progress=_steps(progress), cancelled=cancelled
                ),
            )
        except ExportCancelled:
            return
        except KnownError as exc:
            show_error(self, exc)
            return
        self.report = report
        self._show_report(report)
        self.refresh_access()

    def export(self) -> None:
        """Write the figures of the profile and period in the chosen format, where the person says."""
        request = self._request()
        if request is None:
            return
        output_format = ExportFormat(self.format_combo.currentData())
        suggested = f"{request.profile_code}-{request.period_start.isoformat()}-{request.period_end.isoformat()}"
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the figures"),
            f"{suggested}.{output_format.value}",
            _FILTERS[output_format],
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != f".{output_format.value}":
            path = path.with_name(f"{path.name}.{output_format.value}")

        def work(progress: Report, cancelled: Cancelled) -> ExportResult:
            return self.exports.export(request, output_format, path, progress=_steps(progress), cancelled=cancelled)

        try:
            result = run_with_progress(self, self.tr("Exports"), self.tr("Writing the export…"), work)
        except ExportCancelled:
            return
        except (KnownError, OSError) as exc:
            show_error(self, exc)
            return
        QMessageBox.information(
            self,
            self.tr("Exports"),
            self.tr(
                "Export written: {path}\n{hidden} cells hidden by statistical secrecy ({primary} primary, "
                "{secondary} secondary).\nSHA-256: {digest}"
            ).format(
                path=result.path,
                hidden=result.primary_hidden + result.secondary_hidden,
                primary=result.primary_hidden,
                secondary=result.secondary_hidden,
                digest=result.sha256,
            ),
        )

    def review_narratives(self) -> None:
        """Open the qualitative export of the profile and period: the exit narratives, checked, to tick."""
        request = self._request()
        if request is None or not self.narratives_button.isEnabled():
            return
        NarrativesDialog(self.narratives, request, parent=self).exec()

    def edit_profile(self) -> None:
        """Edit the chosen funder's profile (its measures, threshold and indicators), then forget the preview."""
        code = self.profile_combo.currentData()
        profile = next((item for item in self.profiles.profiles() if item.code == code), None)
        if profile is None:
            return
        dialog = ProfileDialog(self.profiles, profile, parent=self)
        if dialog.exec() or changed_meanwhile(dialog):
            self._fill_profiles()
            self.forget_preview()

    # showing ----------------------------------------------------------------------------------------------

    def _unit(self) -> Unit:
        return Unit.MENAGE if self.households_radio.isChecked() else Unit.PERSONNE

    def _show_report(self, report: ProtectedReport) -> None:
        parameters = report.parameters
        hidden = report.primary_hidden + report.secondary_hidden
        lines = [
            self.tr("{profile} · {start} – {end} · état au {as_of}").format(
                profile=parameters.profile_label,
                start=format_date(parameters.period_start),
                end=format_date(parameters.period_end),
                as_of=format_date(parameters.as_of),
            ),
            self.tr(
                "{hidden} cells hidden ({primary} primary, {secondary} secondary): « s » (secret statistique) hides "
                "a count from 1 to {below}, and whatever would let it be recomputed from the totals."
            ).format(
                hidden=hidden,
                primary=report.primary_hidden,
                secondary=report.secondary_hidden,
                below=parameters.threshold - 1,
            ),
            *report.warnings,
        ]
        self.summary_label.setText("\n".join(lines))
        self._show_sections()

    def _show_sections(self) -> None:
        """List the tables of the unit chosen (households or persons; events in both), then rates and statistics."""
        self.sections.clear()
        if self.report is None:
            return
        unit = self._unit()
        for index, table in enumerate(self.report.tables):
            if table.source.unit in (Unit.MENAGE, Unit.PERSONNE) and table.source.unit is not unit:
                continue
            item = QListWidgetItem(table.source.title)
            item.setToolTip(table.source.title)
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.sections.addItem(item)
        others = [(_RATES, self.tr("Rates")), (_STATISTICS, self.tr("Statistics"))]
        if self.report.cost_lines:
            others.append((_COSTS, self.tr("Avoided costs")))
        for key, title in others:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sections.addItem(item)
        self.sections.setCurrentRow(0)

    def _show_section(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is None or self.report is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        if key == _RATES:
            self._show_rates(self.report)
        elif key == _STATISTICS:
            self._show_statistics(self.report)
        elif key == _COSTS:
            self._show_costs(self.report)
        else:
            self._show_table(self.report.tables[int(key)])

    def _show_table(self, table: ProtectedTable) -> None:
        source = table.source
        self.definition_label.setText(
            f"<b>{source.title}</b> — {UNIT_LABELS[source.unit]} · {source.basis}<br>{source.definition}"
        )
        with_totals = table.grand_total is not None
        several = len(source.columns) > 1
        columns = list(source.columns) + ([self.tr("Total")] if with_totals and several else [])
        rows = list(source.rows) + ([self.tr("Total")] if with_totals else [])
        self.grid.clear()
        self.grid.verticalHeader().setVisible(True)
        self.grid.horizontalHeader().setStretchLastSection(False)  # counts stay beside their labels
        self.grid.setRowCount(len(rows))
        self.grid.setColumnCount(len(columns))
        self.grid.setHorizontalHeaderLabels(columns)
        self.grid.setVerticalHeaderLabels(rows)
        for row, line in enumerate(table.cells):
            for column, cell in enumerate(line):
                self._put(row, column, cell.text)
            if with_totals and several:
                self._put(row, len(source.columns), table.row_totals[row].text)
        if with_totals:
            totals = table.column_totals if several else (table.grand_total,)
            for column, total in enumerate(totals):
                if total is not None:
                    self._put(len(source.rows), column, total.text)
            if several and table.grand_total is not None:
                self._put(len(source.rows), len(source.columns), table.grand_total.text)
        self.grid.resizeColumnsToContents()

    def _put(self, row: int, column: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setTextAlignment(_RIGHT)
        if text == "s":
            item.setToolTip(self.tr("Hidden: statistical secrecy"))
        self.grid.setItem(row, column, item)

    def _show_rates(self, report: ProtectedReport) -> None:
        self.definition_label.setText(self.tr("Rates are computed from the counts, never typed or stored."))
        rates = [rate for rate in report.rates if rate.source.unit not in (self._other_unit(),)]
        self._lines([(rate.source.title, rate.text(), rate.source.numerator_definition) for rate in rates])

    def _show_statistics(self, report: ProtectedReport) -> None:
        self.definition_label.setText(
            self.tr("A median or a mean is withheld (« s ») when fewer households than the threshold contribute.")
        )
        lines = []
        for statistic in report.statistics:
            value = "s" if statistic.value is None else f"{statistic.value} {statistic.source.unit_label}"
            lines.append((statistic.source.title, value.replace(".", ","), statistic.source.definition))
        self._lines(lines)

    def _show_costs(self, report: ProtectedReport) -> None:
        self.definition_label.setText(COSTS_NOTE)
        self._lines(
            [
                (
                    row.label,
                    row.total,
                    " · ".join(
                        part
                        for part in (
                            f"{row.unit_cost} × {row.quantity}" if row.unit_cost else "",
                            row.source,
                            row.assumption,
                        )
                        if part
                    ),
                )
                for row in cost_rows(report)
            ]
        )

    def _lines(self, lines: list[tuple[str, str, str]]) -> None:
        self.grid.clear()
        self.grid.setRowCount(len(lines))
        self.grid.setColumnCount(3)
        self.grid.setHorizontalHeaderLabels([self.tr("Indicator"), self.tr("Value"), self.tr("Definition")])
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setStretchLastSection(True)  # the definitions take the width left
        for row, texts in enumerate(lines):
            for column, text in enumerate(texts):
                self.grid.setItem(row, column, QTableWidgetItem(text))
        self.grid.resizeColumnsToContents()
        available = max(self.grid.viewport().width(), 400)  # the long texts wrap rather than run off the side
        self.grid.setColumnWidth(0, min(self.grid.columnWidth(0), available * 3 // 10))
        self.grid.setColumnWidth(1, min(self.grid.columnWidth(1), available * 9 // 20))
        self.grid.resizeRowsToContents()

    def _other_unit(self) -> Unit:
        return Unit.PERSONNE if self._unit() is Unit.MENAGE else Unit.MENAGE

    def forget_preview(self) -> None:
        """Clear the figures shown (another person now uses the laptop: they compute their own)."""
        self.report = None
        self.summary_label.clear()
        self.sections.clear()
        self.definition_label.clear()
        self.grid.clear()
        self.grid.setRowCount(0)
        self.grid.setColumnCount(0)
        self.refresh_access()

    def refresh_access(self) -> None:
        """Grey out Preview and Export, saying why, for someone who may not export (the user may have changed)."""
        refusal = self.exports.refusal()
        if not refusal and self.profile_combo.count() == 0:
            refusal = self.tr("No funder profile is active.")
        enable_unless(self.preview_button, refusal)
        enable_unless(self.export_button, refusal)
        enable_unless(self.profile_button, refusal)
        enable_unless(self.narratives_button, refusal)


def _steps(progress: Report) -> Callable[[int, int, str], None]:
    """The export's steps as the progress dialog counts them."""
    return lambda done, total, _step: progress(done, total or len(STEPS))
