"""Encounters outside the contact log, for the people who meet them: the drop-in register (docs/domain.md §14.4)."""
