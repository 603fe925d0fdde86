"""The Paramètres section."""
