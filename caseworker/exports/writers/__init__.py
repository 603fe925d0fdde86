"""The files of a funder export: each writer turns a :class:`~caseworker.exports.report.ProtectedReport` into bytes.

XLSX (a sheet per table), CSV (for Excel on Windows), JSON (schema in docs/funder-export-json.md) and PDF (the
activity report, with charts). Every writer reads the published cells only — never the true counts a table's,
rate's or statistic's ``source`` still carries —, writes no file and logs nothing: the caller saves the bytes
where the person chose. openpyxl and ReportLab load with the first XLSX or PDF, not when the application starts.
"""

from __future__ import annotations

from caseworker.exports.report import ProtectedReport
from caseworker.exports.writers.csv_text import write_csv
from caseworker.exports.writers.json_doc import write_json

__all__ = ["write_csv", "write_json", "write_pdf", "write_xlsx"]


def write_xlsx(report: ProtectedReport) -> bytes:
    """The Excel workbook: see :func:`caseworker.exports.writers.xlsx.write_xlsx`."""
    from caseworker.exports.writers import xlsx

    return xlsx.write_xlsx(report)


def write_pdf(report: ProtectedReport) -> bytes:
    """The PDF activity report: see :func:`caseworker.exports.writers.pdf_report.write_pdf`."""
    from caseworker.exports.writers import pdf_report

    return pdf_report.write_pdf(report)
