"""The PDF preview shows, prints and saves a generated document from memory, and writes no temporary file."""

from __future__ import annotations

import errno
import io
import itertools
import os
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit, QMessageBox, QWidget
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from caseworker.ui.common import pdf_preview
from caseworker.ui.common.pdf_preview import PdfPreviewDialog
from tests.ui.conftest import MessageLog, drive_modal

NOTICE = "Ce document sera transmis au bailleur : vérifiez-le avant de l'enregistrer ou de l'imprimer."


def _tr(source: str, n: int = -1) -> str:
    """The dialog's text as shown (English until the lead adds the French to the catalogue)."""
    return QCoreApplication.translate("PdfPreviewDialog", source, "", n)


def _pdf(pages: int) -> bytes:
    """An A4 document whose page n has its title and a black band at height n (to tell the pages apart)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    width, height = A4
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica-Bold", 18)
        canvas.drawString(72, height - 72, f"Fiche de liaison, page {number}")
        canvas.setFont("Helvetica", 11)
        for line in range(20):
            canvas.drawString(72, height - 110 - 16 * line, f"Ligne {line + 1} : Mme Dupont, 12 rue des Lilas")
        canvas.rect(72, height * (1 - number / (pages + 1)) - 20, width - 144, 40, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _dialog(qtbot, pages: int = 3, **kwargs) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(_pdf(pages), "Fiche de liaison", "fiche-liaison.pdf", **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def _shown(qtbot, dialog: PdfPreviewDialog) -> PdfPreviewDialog:
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _dark_rows(image: QImage) -> list[int]:
    """Rows of ``image`` that hold dark pixels (text, the black band)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    bits = bytes(gray.constBits())
    dark = bytes(1 if value < 128 else 0 for value in range(256))
    return [
        row
        for row in range(gray.height())
        if bits[row * gray.bytesPerLine() : row * gray.bytesPerLine() + gray.width()].translate(dark).count(1)
    ]


def _band_position(image: QImage) -> float:
    """Vertical position (0 top, 1 bottom) of the rows that are mostly black: the page's black band."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    bits = bytes(gray.constBits())
    dark = bytes(1 if value < 128 else 0 for value in range(256))
    rows = [
        row
        for row in range(gray.height())
        if bits[row * gray.bytesPerLine() : row * gray.bytesPerLine() + gray.width()].translate(dark).count(1)
        > gray.width() // 2
    ]
    assert rows, "no black band found"
    return (rows[0] + rows[-1]) / 2 / gray.height()


def _printed_pages(path: Path) -> list[QImage]:
    document = pdfium.PdfDocument(path.read_bytes())
    images = []
    for page in document:
        bitmap = page.render(scale=0.5, rev_byteorder=True)
        images.append(
            QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888).copy()
        )
    document.close()
    return images


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _type_file_name(file_dialog: QFileDialog, folder: Path, name: str) -> None:
    """Choose ``folder`` and type ``name`` as a person would (selectFile() does nothing once the field has focus)."""
    file_dialog.setDirectory(str(folder))
    file_dialog.findChild(QLineEdit, "fileNameEdit").setText(name)
    file_dialog.accept()


def _temporary_files() -> list[str]:
    root = Path(os.environ["TMPDIR"])
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


# showing -------------------------------------------------------------------------------------------------------


def test_every_page_is_shown_with_the_notice_and_the_page_count(qtbot):
    dialog = _shown(qtbot, _dialog(qtbot, notice=NOTICE))
    assert dialog.windowTitle() == "Fiche de liaison"
    assert dialog.page_count() == 3
    assert dialog.page_count_label.text() == _tr("%n page(s)", 3)
    assert "3" in dialog.page_count_label.text()
    assert dialog.notice_label.isVisible()
    assert dialog.notice_label.text() == NOTICE
    assert not dialog.error_label.isVisible()
    images = [dialog.page_image(index) for index in range(3)]
    for number, image in enumerate(images, start=1):
        assert not image.isNull()
        assert len(_dark_rows(image)) > image.height() // 20, f"page {number} looks blank"
    assert [_band_position(image) for image in images] == pytest.approx([0.25, 0.5, 0.75], abs=0.02)


def test_no_notice_no_banner(qtbot):
    dialog = _shown(qtbot, _dialog(qtbot, pages=1))
    assert not dialog.notice_label.isVisible()
    assert dialog.page_count_label.text() == _tr("%n page(s)", 1)


def test_pages_are_laid_out_one_under_the_other_and_fit_the_width_at_first(qtbot):
    dialog = _shown(qtbot, _dialog(qtbot))
    strip = dialog.scroll_area.widget()
    rects = strip.page_rects()
    assert len(rects) == 3
    assert all(upper.bottom() < lower.top() for upper, lower in itertools.pairwise(rects))
    viewport = dialog.scroll_area.viewport().width()
    assert viewport - 2 * pdf_preview.PAGE_GAP - 2 <= rects[0].width() <= viewport - 2 * pdf_preview.PAGE_GAP
    assert dialog.page_image(0).width() == pytest.approx(rects[0].width() * strip.devicePixelRatioF(), abs=2)


def test_zoom_buttons_and_shortcuts_change_the_size_of_the_pages(qtbot):
    dialog = _shown(qtbot, _dialog(qtbot))
    dialog.set_zoom(1.0)
    assert dialog.zoom_label.text() == _tr("{percent}%").format(percent=100)
    at_100 = dialog.page_image(0).size()
    dialog.zoom_in_button.click()
    assert dialog.zoom() == 1.1
    larger = dialog.page_image(0).size()
    assert larger.width() > at_100.width()
    assert larger.height() > at_100.height()
    dialog.zoom_out_button.click()
    dialog.zoom_out_button.click()
    assert dialog.zoom() == 0.9
    assert dialog.page_image(0).width() < at_100.width()

    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.scroll_area, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom() == 1.0
    qtbot.keyClick(dialog.scroll_area, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom() == 0.9
    qtbot.keyClick(dialog.scroll_area, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    viewport = dialog.scroll_area.viewport().width()
    assert dialog.scroll_area.widget().page_rects()[0].width() == pytest.approx(
        viewport - 2 * pdf_preview.PAGE_GAP, abs=2
    )


def test_zoom_stops_at_its_limits(qtbot):
    dialog = _shown(qtbot, _dialog(qtbot, pages=1))
    for _ in range(30):
        dialog.zoom_in()
    assert dialog.zoom() == pdf_preview.ZOOM_STEPS[-1]
    assert not dialog.zoom_in_button.isEnabled()
    for _ in range(30):
        dialog.zoom_out()
    assert dialog.zoom() == pdf_preview.ZOOM_STEPS[0]
    assert not dialog.zoom_out_button.isEnabled()
    assert dialog.zoom_in_button.isEnabled()


def test_fit_to_width_follows_the_window_until_the_person_zooms(qtbot):
    dialog = _shown(qtbot, _dialog(qtbot, pages=1))
    before = dialog.zoom()
    dialog.resize(dialog.width() - 200, dialog.height())
    qtbot.waitUntil(lambda: dialog.zoom() < before)
    dialog.set_zoom(1.5)
    dialog.resize(dialog.width() + 100, dialog.height())
    qtbot.wait(50)
    assert dialog.zoom() == 1.5
    dialog.fit_width_button.click()
    assert dialog.zoom() != 1.5


@pytest.mark.timing
def test_ten_pages_open_fast_and_only_the_visible_pages_are_rendered(qtbot, monkeypatch):
    pdf = _pdf(10)
    rendered: list[int] = []
    original = pdf_preview._Document.render

    def counting(self, index, scale, **kwargs):
        rendered.append(index)
        return original(self, index, scale, **kwargs)

    monkeypatch.setattr(pdf_preview._Document, "render", counting)
    start = time.perf_counter()
    dialog = PdfPreviewDialog(pdf, "Contrat", "contrat.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab()  # paints what is in view
    elapsed = time.perf_counter() - start
    print(f"10-page document shown in {elapsed * 1000:.0f} ms, pages rendered: {sorted(set(rendered))}")
    assert elapsed < 1.0  # about 30 ms here; loose for slow CI machines
    assert dialog.page_count() == 10
    assert 0 < len(set(rendered)) <= 3


def test_the_pages_have_the_focus_and_escape_closes(qtbot):
    dialog = _shown(qtbot, _dialog(qtbot))
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.scroll_area
    qtbot.keyClick(dialog.scroll_area, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_buttons_have_keyboard_accelerators(qtbot):
    dialog = _dialog(qtbot)
    for button in (dialog.save_button, dialog.print_button, dialog.fit_width_button):
        assert "&" in button.text()


# saving --------------------------------------------------------------------------------------------------------


def test_save_to_writes_the_exact_bytes_and_says_so(qtbot, tmp_path):
    pdf = _pdf(2)
    dialog = PdfPreviewDialog(pdf, "Contrat", "contrat.pdf")
    qtbot.addWidget(dialog)
    target = tmp_path / "x.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=1000) as signal:
        assert dialog.save_to(str(target))
    assert signal.args == ["file"]
    assert target.read_bytes() == pdf


def test_saving_into_a_missing_folder_warns_and_emits_nothing(qtbot, tmp_path, message_boxes: MessageLog):
    dialog = _dialog(qtbot)
    with qtbot.assertNotEmitted(dialog.exported):
        assert not dialog.save_to(str(tmp_path / "missing" / "x.pdf"))
    assert len(message_boxes.shown) == 1
    kind, _title, text = message_boxes.shown[0]
    assert kind == "warning"
    assert text == _tr("The copy could not be saved: {error}").format(error=os.strerror(errno.ENOENT))
    assert not (tmp_path / "missing").exists()


def test_save_a_copy_asks_where_with_a_qt_file_dialog_and_adds_the_extension(qtbot, tmp_path):
    pdf = _pdf(1)
    dialog = PdfPreviewDialog(pdf, "Contrat", "contrat-dupont.pdf")
    qtbot.addWidget(dialog)
    seen: dict[str, object] = {}

    def choose(file_dialog) -> None:
        assert isinstance(file_dialog, QFileDialog)
        seen["native"] = not file_dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        seen["filters"] = file_dialog.nameFilters()
        seen["proposed"] = Path(file_dialog.selectedFiles()[0]).name
        _type_file_name(file_dialog, tmp_path, "copie")

    with qtbot.waitSignal(dialog.exported, timeout=5000):
        drive_modal(qtbot, dialog.save_button.click, choose)
    assert seen == {"native": False, "filters": ["PDF (*.pdf)"], "proposed": "contrat-dupont.pdf"}
    assert (tmp_path / "copie.pdf").read_bytes() == pdf
    assert not (tmp_path / "copie").exists()


def test_adding_the_extension_does_not_silently_replace_a_file(qtbot, tmp_path, message_boxes: MessageLog):
    existing = tmp_path / "copie.pdf"
    existing.write_bytes(b"keep me")
    dialog = _dialog(qtbot, pages=1)
    message_boxes.answer = QMessageBox.StandardButton.No

    def choose(file_dialog) -> None:
        _type_file_name(file_dialog, tmp_path, "copie")

    with qtbot.assertNotEmitted(dialog.exported):
        drive_modal(qtbot, dialog.save_button.click, choose)
    assert [kind for kind, _title, _text in message_boxes.shown] == ["question"]
    assert existing.read_bytes() == b"keep me"


# printing ------------------------------------------------------------------------------------------------------


def test_print_to_renders_every_page_on_the_printer(qtbot, tmp_path):
    dialog = _dialog(qtbot)
    output = tmp_path / "printed.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=10000) as signal:
        assert dialog.print_to(_pdf_printer(output))
    assert signal.args == ["print"]
    pages = _printed_pages(output)
    assert len(pages) == 3
    assert [_band_position(page) for page in pages] == pytest.approx([0.25, 0.5, 0.75], abs=0.02)


def test_print_to_respects_the_page_range(qtbot, tmp_path):
    dialog = _dialog(qtbot)
    output = tmp_path / "printed.pdf"
    printer = _pdf_printer(output)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert dialog.print_to(printer)
    pages = _printed_pages(output)
    assert [_band_position(page) for page in pages] == pytest.approx([0.5, 0.75], abs=0.02)


def test_print_to_keeps_the_proportions_of_the_page(qtbot, tmp_path):
    dialog = _dialog(qtbot, pages=1)
    output = tmp_path / "printed.pdf"
    printer = _pdf_printer(output)
    printer.setFullPage(True)
    assert dialog.print_to(printer)
    (page,) = _printed_pages(output)
    rows = _dark_rows(page)
    source = _dark_rows(dialog.page_image(0))
    # Same page size, printed at full page: the text starts at the same relative height.
    assert rows[0] / page.height() == pytest.approx(source[0] / dialog.page_image(0).height(), abs=0.01)


def test_a_grayscale_printer_gets_grayscale_pages(qtbot, tmp_path):
    dialog = _dialog(qtbot, pages=2)
    output = tmp_path / "printed.pdf"
    printer = _pdf_printer(output)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    assert dialog.print_to(printer)
    pages = _printed_pages(output)
    assert [_band_position(page) for page in pages] == pytest.approx([1 / 3, 2 / 3], abs=0.02)


def test_a_range_beyond_the_last_page_prints_nothing(qtbot, tmp_path, message_boxes: MessageLog):
    dialog = _dialog(qtbot)
    printer = _pdf_printer(tmp_path / "printed.pdf")
    printer.setFromTo(5, 6)
    with qtbot.assertNotEmitted(dialog.exported):
        assert not dialog.print_to(printer)
    assert message_boxes.texts("warning") == [_tr("There is no page to print in the chosen range.")]
    assert not (tmp_path / "printed.pdf").exists()


@pytest.mark.qt_log_ignore("QPainter::begin")  # Qt's own warning when the printer cannot start
def test_a_printer_that_cannot_start_is_reported(qtbot, tmp_path, message_boxes: MessageLog):
    dialog = _dialog(qtbot)
    with qtbot.assertNotEmitted(dialog.exported):
        assert not dialog.print_to(_pdf_printer(tmp_path / "missing" / "printed.pdf"))
    assert message_boxes.texts("warning") == [
        _tr(
            "The document could not be printed. Check the printer, or the folder chosen for the printed file, "
            "and try again."
        )
    ]


def test_the_print_button_offers_the_page_range_and_prints(qtbot, tmp_path, monkeypatch):
    output = tmp_path / "printed.pdf"
    seen: dict[str, object] = {}

    class AcceptingPrintDialog:
        def __init__(self, printer: QPrinter, parent) -> None:
            self._printer = printer
            seen["parent"] = parent

        def setMinMax(self, low: int, high: int) -> None:
            seen["range"] = (low, high)

        def setFromTo(self, low: int, high: int) -> None:
            pass

        def exec(self) -> QDialog.DialogCode:
            self._printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self._printer.setOutputFileName(str(output))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(pdf_preview, "QPrintDialog", AcceptingPrintDialog)
    dialog = _dialog(qtbot)
    with qtbot.waitSignal(dialog.exported, timeout=10000) as signal:
        dialog.print_button.click()
    assert signal.args == ["print"]
    assert seen == {"parent": dialog, "range": (1, 3)}
    assert len(_printed_pages(output)) == 3


# bad input, files ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"not a pdf at all", _pdf(1)[:200]], ids=["empty", "text", "truncated"])
def test_a_pdf_that_cannot_be_read_shows_a_message_instead_of_pages(qtbot, data, tmp_path, caplog):
    dialog = PdfPreviewDialog(data, "Contrat", "contrat.pdf")
    qtbot.addWidget(dialog)
    _shown(qtbot, dialog)
    assert dialog.page_count() == 0
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == _tr(
        "This document cannot be shown: the PDF is damaged or unreadable. Please report the problem."
    )
    assert not dialog.scroll_area.isVisible()
    assert not dialog.print_button.isEnabled()
    assert not dialog.zoom_in_button.isVisible()
    assert not dialog.print_to(_pdf_printer(tmp_path / "printed.pdf"))
    assert not (tmp_path / "printed.pdf").exists()
    assert "PDFium could not open the document" in caplog.text
    dialog.grab()
    # The bytes can still be saved (to be sent to whoever investigates).
    assert dialog.save_to(str(tmp_path / "x.pdf"))
    assert (tmp_path / "x.pdf").read_bytes() == data


def test_nothing_is_written_to_the_temporary_directory(qtbot, tmp_path):
    before = _temporary_files()
    dialog = _shown(qtbot, _dialog(qtbot, notice=NOTICE))
    dialog.zoom_in()
    dialog.scroll_area.verticalScrollBar().setValue(dialog.scroll_area.verticalScrollBar().maximum())
    dialog.grab()
    assert dialog.save_to(str(tmp_path / "saved.pdf"))
    assert dialog.print_to(_pdf_printer(tmp_path / "printed.pdf"))
    dialog.close()
    assert _temporary_files() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["printed.pdf", "saved.pdf"]


def test_ctrl_and_the_mouse_wheel_zoom(qtbot):
    dialog = _shown(qtbot, _dialog(qtbot))
    dialog.set_zoom(1.0)
    strip = dialog.scroll_area.widget()
    position = QPointF(strip.width() / 2, 40)

    def wheel(delta: int, modifiers: Qt.KeyboardModifier, receiver: QWidget = strip) -> None:
        event = QWheelEvent(
            position,
            receiver.mapToGlobal(position),
            QPoint(),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(receiver, event)

    wheel(120, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom() == 1.1
    for _ in range(4):  # a touchpad: small deltas adding up to one notch
        wheel(-30, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom() == 1.0
    wheel(120, Qt.KeyboardModifier.ControlModifier, dialog.scroll_area.viewport())  # beside the pages
    assert dialog.zoom() == 1.1
    # Without Ctrl the wheel scrolls (a real event over a page reaches the view, where it scrolls).
    wheel(-120, Qt.KeyboardModifier.NoModifier, dialog.scroll_area.viewport())
    assert dialog.zoom() == 1.1
    assert dialog.scroll_area.verticalScrollBar().value() > 0
