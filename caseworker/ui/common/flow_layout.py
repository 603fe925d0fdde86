"""A row of buttons (or filters) that wraps onto more lines when the window is narrow.

A row of six French button labels is wider than the content of a 1024-pixel screen; laid out in a
``QHBoxLayout`` it sets the minimum width of the whole window. In a :class:`FlowLayout` the row keeps its
order and wraps instead (Qt's "flow layout" example, with the height for a width so that what follows moves
down rather than being overlapped).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget

DEFAULT_SPACING = 6


class FlowLayout(QLayout):
    """Lays its items left to right, wrapping to a new line when the next one does not fit."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = DEFAULT_SPACING) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        if parent is None:
            self.setContentsMargins(0, 0, 0, 0)

    # QLayout interface ----------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        """Append an item (``addWidget`` goes through here)."""
        self._items.append(item)

    def count(self) -> int:
        """Return the number of items."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        """Return the item at ``index``, or None."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        """Remove and return the item at ``index``, or None."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        """Never asks for more room than its lines."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        """The height depends on how many lines the width leaves."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Return the height of the lines at ``width``."""
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        """Place the items in ``rect``."""
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line, if the room is there."""
        shown = self._shown()
        left, top, right, bottom = self._margins()
        width = sum(item.sizeHint().width() for item in shown) + self.spacing() * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width + left + right, height + top + bottom)

    def minimumSize(self) -> QSize:
        """As narrow as the widest item."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        left, top, right, bottom = self._margins()
        return size + QSize(left + right, top + bottom)

    # layout -----------------------------------------------------------------------------------------------

    def _margins(self) -> tuple[int, int, int, int]:
        margins = self.contentsMargins()
        return margins.left(), margins.top(), margins.right(), margins.bottom()

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]  # hidden widgets take no room

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        left, top, right, bottom = self._margins()
        area = rect.adjusted(left, top, -right, -bottom)
        x, y = area.x(), area.y()
        line_height = 0
        spacing = self.spacing()
        for item in self._shown():
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x = area.x()
                y += line_height + spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(min(hint.width(), area.width()), hint.height())))
            x += hint.width() + spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + bottom
