"""Loading translations: the application's French catalogue and Qt's own (dialog buttons), French by default."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

CATALOGUE = "caseworker_fr.qm"


def install_translators(app: QCoreApplication, catalogue_dir: Path) -> list[QTranslator]:
    """Install the French translators (``CASEWORKER_LANG=en`` keeps the English source strings, for developers).

    ``catalogue_dir`` is the folder of the compiled catalogue (the composition root knows where resources live).
    Returns the translators, which must stay referenced for as long as the application runs.
    """
    if os.environ.get("CASEWORKER_LANG", "fr").lower().startswith("en"):
        return []
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    installed = []
    qt_translator = QTranslator(app)
    if qt_translator.load("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    own = QTranslator(app)
    catalogue = catalogue_dir / CATALOGUE
    if own.load(str(catalogue)):
        app.installTranslator(own)
        installed.append(own)
    else:
        log.warning("French catalogue missing (%s): run `make translations`", catalogue.name)
    return installed
