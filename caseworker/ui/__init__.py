"""The PySide6 user interface. Depends on the core; the core never imports it."""
