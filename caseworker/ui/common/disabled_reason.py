"""Greyed-out buttons say why: the reason a rule disables a button is its tooltip while it is disabled."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

_OWN_TOOLTIP = "enabledToolTip"


def enable_unless(widget: QWidget, reason: str) -> None:
    """Enable ``widget`` when ``reason`` is empty; otherwise disable it and show ``reason`` as its tooltip.

    The widget's own tooltip (a shortcut, what it does) comes back once it is enabled again.
    """
    own = widget.property(_OWN_TOOLTIP)
    if own is None:
        own = widget.toolTip()
        widget.setProperty(_OWN_TOOLTIP, own)
    widget.setEnabled(not reason)
    widget.setToolTip(reason or str(own))
