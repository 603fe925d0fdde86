"""caseworker: follow-up of households supported in Housing First (Logement d'abord).

The package is layered: ``models``, ``storage``, ``services``, ``reports`` and ``demo`` form a Qt-free core;
``ui`` sits on top of it and ``app`` is the single composition root. See ARCHITECTURE.md.
"""

__version__ = "0.1.0"

APP_NAME = "caseworker"
APP_DISPLAY_NAME = "Caseworker"
ORGANISATION_DOMAIN = "caseworker.invalid"
