"""Encounters outside the contact log: the drop-in register, street outreach, sessions (docs/domain.md §14)."""
