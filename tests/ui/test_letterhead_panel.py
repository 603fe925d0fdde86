"""Paramètres › En-tête: the logo is chosen from a file and previewed, refused when not an image, removed; the
address, phone and e-mail are edited and show on the letterhead.

Widgets are found by attribute or object name (the English source labels are not translated yet); messages from
the service are French.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QPlainTextEdit

from caseworker.services import Services
from caseworker.services.directory import OrganisationInput
from caseworker.services.documents import Attachment
from caseworker.ui.settings.letterhead_panel import PREVIEW_HEIGHT, PREVIEW_WIDTH, LetterheadPanel
from tests.ui.conftest import drive_modal


def _panel(qtbot, services: Services) -> LetterheadPanel:
    panel = LetterheadPanel(services.letterhead, services.setup, services.directory)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def _png(path: Path, width: int = 120, height: int = 60) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#23364a"))
    assert image.save(str(path))
    return path


@pytest.fixture
def chosen_file(monkeypatch: pytest.MonkeyPatch):
    """Answer the file dialog with the path the test puts in ``chosen["path"]``; record how it was asked."""
    chosen: dict[str, object] = {"path": ""}

    def get_open_file_name(parent, caption, directory, filter_, **kwargs):
        chosen["filter"] = filter_
        chosen["options"] = kwargs.get("options")
        return str(chosen["path"]), filter_

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open_file_name))
    return chosen


def _preview_size(panel: LetterheadPanel) -> tuple[int, int]:
    pixmap = panel.logo_label.pixmap()
    return (0, 0) if pixmap is None or pixmap.isNull() else (pixmap.width(), pixmap.height())


def test_a_png_logo_is_chosen_and_previewed(qtbot, services, tmp_path, chosen_file):
    panel = _panel(qtbot, services)
    assert _preview_size(panel) == (0, 0)
    assert not panel.remove_button.isEnabled()
    logo = _png(tmp_path / "logo.png")
    chosen_file["path"] = logo
    changed: list[bool] = []
    panel.letterhead_changed.connect(lambda: changed.append(True))
    panel.choose_button.click()
    assert chosen_file["options"] == QFileDialog.Option.DontUseNativeDialog
    assert "*.png" in str(chosen_file["filter"]) and "*.jpg" in str(chosen_file["filter"])
    assert services.letterhead.letterhead().logo == logo.read_bytes()
    assert _preview_size(panel) == (120, 60)  # a small logo is shown as it is
    assert panel.remove_button.isEnabled() and not panel.error_label.isVisible()
    assert changed == [True]
    # A large one is scaled down to the preview, keeping its proportions.
    chosen_file["path"] = _png(tmp_path / "grand.png", 880, 220)
    panel.choose_button.click()
    assert _preview_size(panel) == (PREVIEW_WIDTH, 55)
    assert PREVIEW_HEIGHT >= 55


def test_a_file_that_is_not_an_image_is_refused(qtbot, services, tmp_path, chosen_file):
    kept = _png(tmp_path / "logo.png").read_bytes()
    services.letterhead.set_logo(Attachment("logo.png", kept))
    panel = _panel(qtbot, services)
    fake = tmp_path / "faux.png"
    fake.write_bytes(b"ceci n'est pas une image")
    chosen_file["path"] = fake
    panel.choose_button.click()
    assert panel.error_label.isVisible()
    assert panel.error_label.text() == "Ce fichier n'est pas une image lisible."
    assert services.letterhead.letterhead().logo == kept  # the previous logo stays
    assert _preview_size(panel) == (120, 60)
    text = tmp_path / "notes.txt"
    text.write_text("bonjour")
    chosen_file["path"] = text
    panel.choose_button.click()
    assert panel.error_label.text() == "Le logo doit être une image PNG ou JPEG."
    # Choosing a good image clears the message.
    chosen_file["path"] = _png(tmp_path / "autre.png", 40, 40)
    panel.choose_button.click()
    assert not panel.error_label.isVisible()
    assert _preview_size(panel) == (40, 40)


def test_a_logo_too_heavy_is_refused_without_reading_it_all(qtbot, services, tmp_path, chosen_file):
    panel = _panel(qtbot, services)
    heavy = tmp_path / "lourd.png"
    heavy.write_bytes(b"\0" * (3 * 1024 * 1024))
    chosen_file["path"] = heavy
    panel.choose_button.click()
    assert panel.error_label.text() == "Le logo dépasse 2 Mo : choisissez une image plus légère."
    assert services.letterhead.letterhead().logo is None


def test_cancelling_the_file_dialog_changes_nothing(qtbot, services, chosen_file):
    panel = _panel(qtbot, services)
    chosen_file["path"] = ""
    panel.choose_button.click()
    assert services.letterhead.letterhead().logo is None
    assert not panel.error_label.isVisible()


def test_the_logo_is_removed_after_asking(qtbot, services, tmp_path, message_boxes):
    services.letterhead.set_logo(Attachment("logo.png", _png(tmp_path / "logo.png").read_bytes()))
    panel = _panel(qtbot, services)
    assert _preview_size(panel) == (120, 60)
    message_boxes.answer = message_boxes.answer.No
    panel.remove_button.click()
    assert services.letterhead.letterhead().logo is not None
    message_boxes.answer = message_boxes.answer.Yes
    panel.remove_button.click()
    assert len(message_boxes.texts("question")) == 2
    assert services.letterhead.letterhead().logo is None
    assert _preview_size(panel) == (0, 0)
    assert not panel.remove_button.isEnabled()


def test_the_address_phone_and_email_show_on_the_letterhead(qtbot, services):
    own = services.setup.own_organisation_id()
    panel = _panel(qtbot, services)
    assert panel.name_label.text() == "Association Le Toit"
    assert services.letterhead.letterhead().lines == ()

    def fill(dialog):
        dialog.findChild(QPlainTextEdit, "addressEdit").setPlainText("12 rue de la Paix\n35000 Rennes")
        dialog.findChild(QLineEdit, "phoneEdit").setText("02 99 00 00 00")
        dialog.findChild(QLineEdit, "emailEdit").setText("contact@letoit.fr")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    drive_modal(qtbot, panel.address_button.click, fill)
    assert QApplication.activeModalWidget() is None
    lines = ("12 rue de la Paix", "35000 Rennes", "02 99 00 00 00 · contact@letoit.fr")
    assert services.letterhead.letterhead().lines == lines
    assert panel.lines_label.text() == "\n".join(lines)
    organisation = services.directory.get_organisation(own)
    # The other fields are kept.
    assert (organisation.name, organisation.kind_code, organisation.territory) == (
        "Association Le Toit",
        "association",
        "Rennes",
    )


def test_a_wrong_email_is_refused_in_the_dialog_and_cancel_changes_nothing(qtbot, services):
    own = services.setup.own_organisation_id()
    before = services.directory.get_organisation(own)
    services.directory.update_organisation(
        own,
        OrganisationInput(before.name, before.kind_code, before.territory, address="1 place de la Mairie"),
    )
    panel = _panel(qtbot, services)

    def refused(dialog):
        address = dialog.findChild(QPlainTextEdit, "addressEdit")
        assert address.toPlainText() == "1 place de la Mairie"  # the dialog starts from what is stored
        address.setPlainText("2 place de la Mairie")
        dialog.findChild(QLineEdit, "emailEdit").setText("contact-at-letoit")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        assert dialog.isVisible()
        assert dialog.errors.message_for("email") == (
            "Courriel : l'adresse n'est pas valide (exemple : prenom.nom@exemple.fr)."
        )
        assert address.toPlainText() == "2 place de la Mairie"  # nothing typed is lost
        dialog.reject()

    drive_modal(qtbot, panel.address_button.click, refused)
    assert services.letterhead.letterhead().lines == ("1 place de la Mairie",)
    assert panel.lines_label.text() == "1 place de la Mairie"
