"""The categories a liaison sheet may carry, each marked with whether every adult agreed to share it.

Used by :class:`~caseworker.ui.contracts.liaison_sheet_dialog.LiaisonSheetDialog`: the list of C1 categories
(identity always ticked, since the sheet names the household) and, under it, the line saying who has not agreed to
what. Its strings keep the dialog's translation context.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QListWidgetItem, QVBoxLayout, QWidget

from caseworker.services.reference import Choice
from caseworker.services.sharing import MissingConsent
from caseworker.services.sharing.liaison_sheet import IDENTITY
from caseworker.ui.common.form_errors import ERROR_STYLE
from caseworker.ui.households.contact_dialog import CheckList

AGREED_STYLE = "color: #1e6b2e;"
_MISSING_COLOUR = QColor("#b3261e")
translate = QCoreApplication.translate  # in the context "LiaisonSheetDialog", whose strings these were


def missing_text(missing: Iterable[MissingConsent]) -> str:
    """One line per adult and reason, naming the categories (the service's words, in French)."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for item in missing:
        grouped.setdefault((item.person_name, item.reason), []).append(f"« {item.category_label} »")
    lines = [translate("LiaisonSheetDialog", "The sheet will be refused: a consent is missing.")]
    lines += [f"• {person} — {', '.join(labels)} : {reason}." for (person, reason), labels in grouped.items()]
    return "\n".join(lines)


class SheetCategories(QWidget):
    """The checkable categories (``category_list``) and the consent line under them (``missing_label``).

    Only identity is ticked at first (share the least by default), and it cannot be unticked.
    """

    def __init__(self, categories: Iterable[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        categories = tuple(categories)
        self._labels = {choice.code: choice.label for choice in categories}
        self.category_list = CheckList()
        self.category_list.setObjectName("category_list")
        self.category_list.setAccessibleName(translate("LiaisonSheetDialog", "Categories of housing information"))
        for choice in categories:
            self.category_list.add(choice.label, choice.code, checked=choice.code == IDENTITY)
        identity = self.item(IDENTITY)
        if identity is not None:
            # Always on the sheet (the service adds it anyway): shown ticked, and cannot be unticked.
            identity.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            identity.setToolTip(
                translate("LiaisonSheetDialog", "Always included: the sheet names the adults of the household.")
            )
        self.category_list.fit_height()
        self.missing_label = QLabel()
        self.missing_label.setObjectName("missing_label")
        self.missing_label.setWordWrap(True)
        self.missing_label.setTextFormat(Qt.TextFormat.PlainText)
        self.missing_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.category_list)
        layout.addWidget(self.missing_label)
        self.setFocusProxy(self.category_list)

    def codes(self) -> tuple[str, ...]:
        """Return every category offered, in display order."""
        return tuple(self._labels)

    def item(self, code: str) -> QListWidgetItem | None:
        """Return the entry of category ``code`` (None when it is not offered)."""
        for row, key in enumerate(self.category_list.keys()):
            if key == code:
                return self.category_list.item(row)
        return None

    def show_marks(self, missing_codes: set[str], *, available: bool) -> None:
        """Mark each category agreed or missing (``available`` False: no mark, the check could not be made)."""
        blocker = QSignalBlocker(self.category_list)
        for row, key in enumerate(self.category_list.keys()):
            item = self.category_list.item(row)
            code = str(key)
            label = self._labels.get(code, code)
            if code == IDENTITY:
                label = translate("LiaisonSheetDialog", "{category} (always included)").format(category=label)
            if not available:
                item.setText(label)
                item.setData(Qt.ItemDataRole.ForegroundRole, None)
                continue
            agreed = code not in missing_codes
            mark = (
                translate("LiaisonSheetDialog", "✓ agreed by every adult")
                if agreed
                else translate("LiaisonSheetDialog", "✗ consent missing")
            )
            item.setText(f"{label} — {mark}")
            item.setData(Qt.ItemDataRole.ForegroundRole, None if agreed else QBrush(_MISSING_COLOUR))
        del blocker
        viewport = self.category_list.viewport()
        assert viewport is not None  # a list view always has one
        viewport.update()

    def show_missing(self, text: str, *, refused: bool) -> None:
        """Show the consent line: in red when the sheet would be refused, in green when every adult agreed."""
        self.missing_label.setText(text)
        self.missing_label.setStyleSheet(ERROR_STYLE if refused else AGREED_STYLE)
        self.missing_label.setVisible(True)
        # Form layouts do not ask a wrapped label for its height: reserve it, or the text overlaps the list.
        self.missing_label.ensurePolished()
        width = self.category_list.width() if self.category_list.width() > 120 else 420
        slack = self.missing_label.fontMetrics().height() // 2
        self.missing_label.setMinimumHeight(self.missing_label.heightForWidth(width) + slack)
