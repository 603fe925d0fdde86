"""The shared pieces of every dialog and list: FormDialog, the attach-a-file flow, the record table."""

from __future__ import annotations

import gc
import weakref
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from caseworker.services.date_rules import DateKind
from caseworker.services.errors import ValidationError
from caseworker.ui.common.attachments import UnreadableFileError, read_attachment
from caseworker.ui.common.form_dialog import FormDialog, amount_as_typed
from caseworker.ui.common.record_table_view import record_table

TODAY = date(2026, 6, 15)


def _dialog(qtbot, save) -> FormDialog:  # type: ignore[no-untyped-def]
    dialog = FormDialog("Essai", today=lambda: TODAY)
    dialog.note = QLineEdit()  # type: ignore[attr-defined]
    dialog.add_row("Note :", dialog.note, "note")  # type: ignore[attr-defined]
    dialog.date_row(DateKind.EVENT, "Date :", "on", TODAY)
    dialog.amount_row("Montant :", "amount", Decimal("1250.5"))
    dialog.finish(save)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_typing_mistake_is_said_under_its_field_and_the_service_is_not_called(qtbot) -> None:
    calls: list[str] = []
    dialog = _dialog(qtbot, lambda: calls.append("saved"))
    assert dialog.findChild(QLineEdit, "amount_edit").text() == "1250,50"
    dialog.findChild(QLineEdit, "amount_edit").setText("12,345")
    dialog._save(lambda: calls.append("saved"))
    assert calls == []
    assert "deux décimales" in dialog.errors.message_for("amount")
    assert dialog.isVisible()


def test_a_refusal_keeps_everything_typed_and_an_acceptance_closes(qtbot) -> None:
    def refuse() -> None:
        raise ValidationError({"note": "Note : trop courte."})

    dialog = _dialog(qtbot, refuse)
    dialog.note.setText("Visite")  # type: ignore[attr-defined]
    dialog._save(refuse)
    assert dialog.errors.message_for("note") == "Note : trop courte."
    assert dialog.note.text() == "Visite" and dialog.isVisible()  # type: ignore[attr-defined]
    seen: list[tuple[date, Decimal]] = []
    dialog._save(lambda: seen.append((dialog.required("on"), dialog.amount("amount"))))
    assert seen == [(TODAY, Decimal("1250.50"))]
    assert not dialog.isVisible()


def test_amount_as_typed() -> None:
    assert amount_as_typed(Decimal("1250.5")) == "1250,50"


def test_an_attachment_is_read_up_to_one_byte_more_than_the_service_takes(tmp_path: Path) -> None:
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"x" * 100)
    attachment = read_attachment(big, max_bytes=10)
    assert (attachment.filename, len(attachment.content)) == ("scan.pdf", 11)
    with pytest.raises(UnreadableFileError, match="n'a pas pu être lu"):
        read_attachment(tmp_path / "absent.pdf", max_bytes=10)


def test_an_attachment_has_a_media_type_only_where_the_flow_asks_for_a_guess(tmp_path: Path) -> None:
    # A letter attached to an alert or a signed scan leaves the type to the service (octet-stream, or the scan's
    # own table): a guess from the platform's registry could name a type the service refuses.
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF")
    assert read_attachment(scan, max_bytes=10).media_type == ""
    assert read_attachment(scan, max_bytes=10, guess_media_type=True).media_type == "application/pdf"


def test_a_record_table_selects_one_whole_row_and_never_edits(qtbot) -> None:
    table = record_table(QStringListModel(["a", "b"]), "someTable", sortable=True)
    qtbot.addWidget(table)
    assert table.objectName() == "someTable"
    assert table.selectionBehavior() is QAbstractItemView.SelectionBehavior.SelectRows
    assert table.selectionMode() is QAbstractItemView.SelectionMode.SingleSelection
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert table.isSortingEnabled() and not table.verticalHeader().isVisible()


def test_a_finished_form_dialog_without_a_parent_is_freed_once_dropped(qapp) -> None:
    # Save was connected to a lambda holding the dialog: the connection kept every such dialog alive for good.
    dialog = FormDialog("Test", today=lambda: TODAY)
    dialog.add_row("&Name:", QLineEdit(), "name")
    dialog.finish(lambda: None)
    gone = weakref.ref(dialog)
    del dialog
    gc.collect()
    assert gone() is None
