"""Widgets and helpers shared by the panels and dialogs."""
