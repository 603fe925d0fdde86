"""Preview, print and save a PDF generated in memory, without ever writing it to a temporary file.

Contracts and liaison sheets are built as PDF bytes. Opening them in the system viewer would need a plaintext file
on disk; instead this dialog rasterises the pages with PDFium (pypdfium2), shows them, and prints them the same
way. The only file it writes is the copy the person saves, where they choose.
"""

from __future__ import annotations

import contextlib
import logging
import math
import threading
from collections import OrderedDict
from contextlib import AbstractContextManager
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.ui.common.fitted_dialog import FittedDialog, screen_of
from caseworker.ui.common.lock_page import covered_by_lock
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.tasks import Cancelled, Report, run_with_progress

log = logging.getLogger(__name__)

# PDFium is not thread-safe, not even across documents: printing renders in a worker thread while the preview may
# render on the GUI thread, so every PDFium call goes through this lock. Reentrant, because a garbage collection
# can close a forgotten document (under the lock) in a thread that already holds it.
_PDFIUM_LOCK = threading.RLock()

POINTS_TO_PIXELS = 96 / 72
"""Logical pixels per PDF point at 100 % (Qt's logical pixel is 1/96 inch)."""
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
MAX_PRINT_DPI = 300
"""Sharp enough for text; a 600 or 1200 dpi raster would only make the print job huge and slow."""
PAGE_GAP = 16
"""Logical pixels around and between the pages."""
WHEEL_NOTCH = 120
"""A mouse wheel's notch, in eighths of a degree."""
CACHED_PAGES = 12
"""Rendered pages kept for the current zoom (about 4 MB each at 100 %)."""

BACKGROUND = QColor("#e4e4e4")
PAGE_FRAME = QColor("#bdbdbd")
PAGE_SHADOW = QColor(0, 0, 0, 40)
NOTICE_STYLE = (
    "QLabel#pdfNotice { background: #fff4d6; border: 1px solid #e2c26a; border-radius: 4px; padding: 8px;"
    " color: #3b2f00; }"
)

_IMAGE_FORMATS = {
    "RGB": QImage.Format.Format_RGB888,
    "RGBX": QImage.Format.Format_RGBX8888,
    "RGBA": QImage.Format.Format_RGBA8888,
    "RGBa": QImage.Format.Format_RGBA8888_Premultiplied,
    "L": QImage.Format.Format_Grayscale8,
}


class _Document:
    """A PDF opened by PDFium from memory; every call holds the PDFium lock."""

    def __init__(self, pdf: bytes) -> None:
        with _PDFIUM_LOCK:
            self._pdf = pdfium.PdfDocument(pdf)
            self.page_sizes = [self._pdf.get_page_size(index) for index in range(len(self._pdf))]

    def __del__(self, lock: AbstractContextManager[object] = _PDFIUM_LOCK) -> None:  # outlives module teardown
        pdf = getattr(self, "_pdf", None)
        if pdf is not None:
            with lock:
                pdf.close()

    @property
    def page_count(self) -> int:
        return len(self.page_sizes)

    def render(self, index: int, scale: float, *, grayscale: bool = False) -> QImage:
        """Rasterise page ``index`` at ``scale`` pixels per point, into an image that owns its pixels."""
        with _PDFIUM_LOCK:
            page = self._pdf[index]
            try:
                bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=not grayscale, grayscale=grayscale)
                image = QImage(
                    bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, _IMAGE_FORMATS[bitmap.mode]
                ).copy()  # the QImage above only borrows the bitmap's buffer, which goes away with the bitmap
                bitmap.close()
            finally:
                page.close()
        return image


class _PageStrip(QWidget):
    """Every page one under the other on a grey background, each rendered when first painted.

    Rendering is lazy and cached for the current scale, so that a long document opens as fast as a short one.
    """

    def __init__(self, document: _Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._scale = POINTS_TO_PIXELS
        self._cache: OrderedDict[int, QPixmap] = OrderedDict()
        self._rects: list[QRect] = []
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._lay_out_pages()

    def set_scale(self, scale: float) -> None:
        """Show the pages at ``scale`` logical pixels per point (forgets the pages rendered at the old scale)."""
        if scale == self._scale:
            return
        self._scale = scale
        self._cache.clear()
        self._lay_out_pages()
        self.update()

    def content_size(self) -> QSize:
        """The size the pages need at the current scale, gaps included."""
        sizes = self._page_sizes()
        width = max((size.width() for size in sizes), default=0) + 2 * PAGE_GAP
        height = sum(size.height() for size in sizes) + (len(sizes) + 1) * PAGE_GAP
        return QSize(width, height)

    def sizeHint(self) -> QSize:
        """The pages' size (the dialog sizes the strip itself, to fill the view at least)."""
        return self.content_size()

    def page_rects(self) -> list[QRect]:
        """Where each page is drawn, in this widget's coordinates."""
        return list(self._rects)

    def pixmap(self, index: int) -> QPixmap:
        """Return page ``index`` rendered at the current scale (and the screen's pixel ratio)."""
        cached = self._cache.get(index)
        if cached is not None:
            self._cache.move_to_end(index)
            return cached
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap.fromImage(self._document.render(index, self._scale * ratio))
        pixmap.setDevicePixelRatio(ratio)
        self._cache[index] = pixmap
        while len(self._cache) > CACHED_PAGES:
            self._cache.popitem(last=False)
        return pixmap

    def _page_sizes(self) -> list[QSize]:
        # Rounded up as PDFium sizes its bitmaps, so that a page is drawn at its rendered size, without rescaling.
        return [
            QSize(max(1, math.ceil(width * self._scale)), max(1, math.ceil(height * self._scale)))
            for width, height in self._document.page_sizes
        ]

    def _lay_out_pages(self) -> None:
        y = PAGE_GAP
        self._rects = []
        for size in self._page_sizes():
            self._rects.append(QRect(QPoint(max(PAGE_GAP, (self.width() - size.width()) // 2), y), size))
            y += size.height() + PAGE_GAP

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the pages centred."""
        super().resizeEvent(event)
        self._lay_out_pages()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the background and the pages in view, rendering those not yet rendered."""
        painter = QPainter(self)
        painter.fillRect(event.rect(), BACKGROUND)
        for index, rect in enumerate(self._rects):
            if not rect.adjusted(-2, -2, 3, 4).intersects(event.rect()):
                continue
            painter.fillRect(rect.translated(1, 2).adjusted(0, 0, 2, 2), PAGE_SHADOW)
            painter.fillRect(rect.adjusted(-1, -1, 1, 1), PAGE_FRAME)
            painter.drawPixmap(rect, self.pixmap(index))
        painter.end()


class PdfPreviewDialog(FittedDialog):
    """Shows a generated PDF, prints it, saves a copy where the person chooses.

    Nothing is written to disk except the copy the person saves: pages are rendered from memory for the screen
    and for the printer.

    Signals:
        exported: the document left the application: ``"file"`` after a copy was saved, ``"print"`` after it was
            sent to the printer.
    """

    exported = Signal(str)

    def __init__(
        self, pdf: bytes, title: str, suggested_filename: str, parent: QWidget | None = None, *, notice: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._pdf = bytes(pdf)
        self._suggested_filename = suggested_filename
        self._zoom = 1.0
        self._fit_width = True  # until the person zooms: follow the window's width
        self._wheel_delta = 0
        self._document: _Document | None = self._open_document()
        self._build_notice(notice)
        toolbar = self._build_toolbar()
        self._build_pages()
        buttons = self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.notice_label)
        layout.addLayout(toolbar)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.error_label, 1)
        layout.addWidget(buttons)

        self._add_zoom_controls()
        self.print_button.setEnabled(self._document is not None)
        self._show_zoom()
        self.scroll_area.setFocus()
        self.resize(self._default_size())

    # building -----------------------------------------------------------------------------------------------

    def _open_document(self) -> _Document | None:
        """Open the PDF for rendering; None when PDFium cannot read it (the dialog then says so)."""
        try:
            return _Document(self._pdf)
        except pdfium.PdfiumError as exc:
            # Our own generated documents should always open: this is a bug. The PDFium reason names no person.
            log.error("PDF preview: PDFium could not open the document (%s; %d bytes)", exc, len(self._pdf))
            return None

    def _build_notice(self, notice: str) -> None:
        """Create the notice shown above the document (hidden when there is none)."""
        self.notice_label = QLabel(notice)
        self.notice_label.setObjectName("pdfNotice")
        self.notice_label.setStyleSheet(NOTICE_STYLE)
        self.notice_label.setWordWrap(True)
        self.notice_label.setVisible(bool(notice))

    def _build_toolbar(self) -> QHBoxLayout:
        """Create the zoom controls and the page count, returned in a row."""
        self.zoom_out_button = QToolButton()
        self.zoom_out_button.setText("−")
        self.zoom_in_button = QToolButton()
        self.zoom_in_button.setText("+")
        self.zoom_label = QLabel()
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("0000 %"))
        self.fit_width_button = QPushButton(self.tr("&Fit to width"))
        self.fit_width_button.setAutoDefault(False)
        self.page_count_label = QLabel(self.tr("%n page(s)", "", self.page_count()))
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.zoom_out_button)
        toolbar.addWidget(self.zoom_label)
        toolbar.addWidget(self.zoom_in_button)
        toolbar.addWidget(self.fit_width_button)
        toolbar.addStretch(1)
        toolbar.addWidget(self.page_count_label)
        return toolbar

    def _build_pages(self) -> None:
        """Create the scrolling strip of pages, or the error shown in its place when the PDF cannot be read."""
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("pdfPages")
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Always on: a scroll bar appearing would narrow the view, change "fit to width", and so on in a loop.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area.viewport().setAutoFillBackground(True)
        palette = self.scroll_area.viewport().palette()
        palette.setColor(self.scroll_area.viewport().backgroundRole(), BACKGROUND)
        self.scroll_area.viewport().setPalette(palette)
        self.error_label = QLabel(
            self.tr("This document cannot be shown: the PDF is damaged or unreadable. Please report the problem.")
        )
        self.error_label.setObjectName("pdfError")
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label.setMargin(24)
        self._strip: _PageStrip | None = None
        if self._document is not None:
            self._strip = _PageStrip(self._document)
            self._strip.setAccessibleName(self.tr("Document pages"))
            self.scroll_area.setWidget(self._strip)
            self.scroll_area.viewport().installEventFilter(self)
            self._strip.installEventFilter(self)  # wheel events over a page
            self.error_label.setVisible(False)
        else:
            self.scroll_area.setVisible(False)
            self.page_count_label.setVisible(False)

    def _build_buttons(self) -> QDialogButtonBox:
        """Create Save a copy, Print and Close (the default)."""
        self.save_button = QPushButton(self.tr("&Save a copy…"))
        self.print_button = QPushButton(self.tr("&Print…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        self.save_button.clicked.connect(self._choose_file_and_save)
        self.print_button.clicked.connect(self._choose_printer_and_print)
        return buttons

    def _add_zoom_controls(self) -> None:
        """Give the zoom controls their tooltips and shortcuts; hide them when there is nothing to zoom."""
        self._add_zoom_control(
            self.zoom_in_button, self.tr("Zoom in"), self.zoom_in, QKeySequence.StandardKey.ZoomIn, "Ctrl+="
        )
        self._add_zoom_control(self.zoom_out_button, self.tr("Zoom out"), self.zoom_out, "Ctrl+-")
        self._add_zoom_control(
            self.fit_width_button, self.tr("Fit the page width to the window"), self.fit_to_width, "Ctrl+0"
        )
        for control in (self.zoom_in_button, self.zoom_out_button, self.zoom_label, self.fit_width_button):
            control.setVisible(self._document is not None)

    # public API ---------------------------------------------------------------------------------------------

    def page_count(self) -> int:
        """Return the number of pages (0 when the PDF could not be opened)."""
        return 0 if self._document is None else self._document.page_count

    def save_to(self, path: str) -> bool:
        """Write the PDF to ``path``; tell the person in French if it fails. Returns True once written.

        Nothing is written while the application is locked.
        """
        if covered_by_lock(self):
            return False
        target = Path(path)
        try:
            handle = target.open("wb")
        except OSError as exc:
            self._tell_not_saved(exc)
            return False
        try:
            with handle:
                handle.write(self._pdf)
        except OSError as exc:
            with contextlib.suppress(OSError):
                target.unlink()  # a truncated copy is useless, and still holds personal data
            self._tell_not_saved(exc)
            return False
        self.exported.emit("file")
        return True

    def print_to(self, printer: QPrinter) -> bool:
        """Print the pages in ``printer``'s range (all when it has none); returns True once sent to the printer.

        Each page is rendered at the printer's resolution (at most ``MAX_PRINT_DPI``) and scaled into its page
        rectangle, keeping its proportions. Rendering runs in a worker thread behind a progress dialog. Nothing is
        printed while the application is locked.
        """
        if self._document is None or covered_by_lock(self):
            return False
        count = self._document.page_count
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or count, count)
        pages = list(range(first - 1, last))
        if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
            pages.reverse()
        if not pages:
            QMessageBox.warning(self, self.tr("Print"), self.tr("There is no page to print in the chosen range."))
            return False
        document = self._document

        def work(report: Report, _cancelled: Cancelled) -> bool:
            return _paint_pages(document, printer, pages, report)

        # Not cancellable: Qt's PDF and CUPS print engines cannot abort, and ending the painter early would still
        # send the pages drawn so far, so a Cancel button would be a lie.
        try:
            printed = run_with_progress(
                self, self.tr("Print"), self.tr("Preparing the pages for the printer…"), work, cancellable=False
            )
        except Exception as exc:
            show_error(self, exc, title=self.tr("Print"))
            return False
        if not printed:
            QMessageBox.warning(
                self,
                self.tr("Print"),
                self.tr(
                    "The document could not be printed. Check the printer, or the folder chosen for the printed "
                    "file, and try again."
                ),
            )
            return False
        self.exported.emit("print")
        return True

    # zoom ---------------------------------------------------------------------------------------------------

    def zoom(self) -> float:
        """Return the zoom factor (1.0 shows the pages at their real size)."""
        return self._zoom

    def set_zoom(self, zoom: float) -> None:
        """Show the pages at ``zoom`` (clamped to the zoom steps' range); stops following the window's width."""
        self._fit_width = False
        self._apply_zoom(zoom)

    def zoom_in(self) -> None:
        """Go to the next zoom step."""
        self.set_zoom(next((step for step in ZOOM_STEPS if step > self._zoom + 0.005), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        """Go to the previous zoom step."""
        self.set_zoom(next((step for step in reversed(ZOOM_STEPS) if step < self._zoom - 0.005), ZOOM_STEPS[0]))

    def fit_to_width(self) -> None:
        """Make the widest page fill the view's width, and keep it so when the window is resized."""
        self._fit_width = True
        self._fit()

    def page_image(self, index: int) -> QImage:
        """Return page ``index`` as shown at the current zoom (rendering it if needed)."""
        if self._strip is None:
            raise IndexError(index)
        return self._strip.pixmap(index).toImage()

    # internals ----------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the view's size ("fit to width"), and zoom with Ctrl + mouse wheel."""
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            if self._fit_width:
                self._fit()
            else:
                self._resize_strip()
        elif (
            watched in (self.scroll_area.viewport(), self._strip)
            and event.type() == QEvent.Type.Wheel
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            # One step per notch; touchpads send many small deltas that add up to a notch.
            self._wheel_delta += event.angleDelta().y()
            while self._wheel_delta >= WHEEL_NOTCH:
                self._wheel_delta -= WHEEL_NOTCH
                self.zoom_in()
            while self._wheel_delta <= -WHEEL_NOTCH:
                self._wheel_delta += WHEEL_NOTCH
                self.zoom_out()
            return True
        return super().eventFilter(watched, event)

    def _add_zoom_control(
        self,
        button: QToolButton | QPushButton,
        tip: str,
        slot: object,
        *keys: str | QKeySequence.StandardKey,
    ) -> None:
        button.clicked.connect(slot)
        if isinstance(button, QToolButton):
            button.setAccessibleName(tip)
        sequences = [QKeySequence(key) for key in keys]
        if sequences:
            shortcut = QShortcut(self)
            shortcut.setKeys(sequences)
            shortcut.activated.connect(slot)
            tip = f"{tip} ({sequences[0].toString(QKeySequence.SequenceFormat.NativeText)})"
        button.setToolTip(tip)

    def _fit(self) -> None:
        if self._document is None:
            return
        widest = max(width for width, _height in self._document.page_sizes)
        available = self.scroll_area.viewport().width() - 2 * PAGE_GAP
        self._apply_zoom(available / (widest * POINTS_TO_PIXELS))

    def _apply_zoom(self, zoom: float) -> None:
        zoom = min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        if self._strip is None:
            return
        bar = self.scroll_area.verticalScrollBar()
        position = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._zoom = zoom
        self._strip.set_scale(zoom * POINTS_TO_PIXELS)
        self._resize_strip()
        bar.setValue(round(position * bar.maximum()))  # stay on the same part of the document
        self._show_zoom()

    def _resize_strip(self) -> None:
        if self._strip is None:
            return
        viewport = self.scroll_area.viewport().size()
        content = self._strip.content_size()
        self._strip.resize(max(viewport.width(), content.width()), max(viewport.height(), content.height()))

    def _show_zoom(self) -> None:
        self.zoom_label.setText(self.tr("{percent}%").format(percent=round(self._zoom * 100)))
        self.zoom_in_button.setEnabled(self._document is not None and self._zoom < ZOOM_STEPS[-1])
        self.zoom_out_button.setEnabled(self._document is not None and self._zoom > ZOOM_STEPS[0])

    def _default_size(self) -> QSize:
        """Wide enough for an A4 page at about real size, as tall as the screen comfortably allows."""
        size = QSize(860, 940)
        screen = screen_of(self)
        if screen is not None:
            available = screen.availableGeometry().size()
            size = size.boundedTo(QSize(int(available.width() * 0.9), int(available.height() * 0.9)))
        return size

    def _choose_file_and_save(self) -> None:
        suggested = Path(self._suggested_filename)
        if not suggested.is_absolute() and suggested.parent == Path():
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            suggested = Path(folder or Path.home()) / suggested
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save a copy"),
            str(suggested),
            self.tr("PDF (*.pdf)"),
            options=QFileDialog.Option.DontUseNativeDialog,  # native dialogs log chosen files in "recent files"
        )
        if not name:
            return
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
            # The file dialog asked about replacing the name without the extension, not this one.
            if Path(name).exists() and (
                QMessageBox.question(
                    self,
                    self.tr("Save a copy"),
                    self.tr("“{name}” already exists. Do you want to replace it?").format(name=Path(name).name),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                != QMessageBox.StandardButton.Yes
            ):
                return
        self.save_to(name)

    def _choose_printer_and_print(self) -> None:
        if self._document is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self._document.page_count)
        dialog.setFromTo(1, self._document.page_count)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _tell_not_saved(self, exc: OSError) -> None:
        QMessageBox.warning(
            self,
            self.tr("Save a copy"),
            self.tr("The copy could not be saved: {error}").format(error=exc.strerror or str(exc)),
        )


def _paint_pages(document: _Document, printer: QPrinter, pages: list[int], report: Report) -> bool:
    """Draw ``pages`` on ``printer`` (in a worker thread: QPainter may paint on a QPrinter outside the GUI thread)."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        scale = min(printer.resolution(), MAX_PRINT_DPI) / 72
        grayscale = printer.colorMode() == QPrinter.ColorMode.GrayScale
        area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
        if not printer.fullPage():
            area.moveTopLeft(QPoint(0, 0))  # the painter's origin is then the printable area's corner
        for done, index in enumerate(pages):
            if done and not printer.newPage():
                return False
            image = document.render(index, scale, grayscale=grayscale)
            painter.drawImage(_fit_into(image.size(), area), image)
            report(done + 1, len(pages))
    finally:
        painter.end()
    return printer.printerState() != QPrinter.PrinterState.Error


def _fit_into(size: QSize, area: QRect) -> QRect:
    """The largest rectangle of ``size``'s proportions centred in ``area``."""
    fitted = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(
        QPoint(area.x() + (area.width() - fitted.width()) // 2, area.y() + (area.height() - fitted.height()) // 2),
        fitted,
    )
