"""First run and unlocking: wizard, unlock dialog, recovery key display."""
