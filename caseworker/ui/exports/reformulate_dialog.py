"""The team lead rewords an exit narrative the check withheld (a name, an address, a day), then it is checked again."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from caseworker.services.exports import NarrativeExportService, NarrativeView
from caseworker.services.validation import LONG_TEXT_MAX
from caseworker.ui.common.form_dialog import FormDialog, note_edit


class ReformulateDialog(FormDialog):
    """Edits one narrative; the save is refused, what was typed kept, if someone changed it meanwhile.

    Attributes:
        saved: the narrative as saved and checked again (None until then).
    """

    def __init__(self, narratives: NarrativeExportService, narrative: NarrativeView, parent: QWidget | None = None):
        super().__init__(self.tr("Reformulate the narrative"), parent=parent, minimum_width=640)
        self.narratives = narratives
        self.narrative = narrative
        self.saved: NarrativeView | None = None
        found = "\n".join(f"« {finding.term} » : {finding.label}" for finding in narrative.findings)
        hint = QLabel(self.tr("Found by the check:\n{found}").format(found=found) if found else "")
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.text_edit = note_edit(LONG_TEXT_MAX, 200)
        self.text_edit.setPlainText(narrative.text)
        self.add_row(self.tr("&Narrative:"), self.text_edit, "narrative")
        self.finish(self._save_narrative)

    def _save_narrative(self) -> None:
        self.saved = self.narratives.reformulate(
            self.narrative.exit_id, self.text_edit.toPlainText(), expected_digest=self.narrative.digest
        )
