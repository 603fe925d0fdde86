"""The Alertes section and the household alerts tab: inbox, detail, lifecycle dialogs, letters to landlords."""
