"""Encounters outside the contact log: the drop-in register, street outreach, collective sessions."""
