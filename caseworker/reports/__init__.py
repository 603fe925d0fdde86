"""Documents produced from the case store (PDF with ReportLab; Qt-free)."""
