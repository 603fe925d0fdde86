"""The directory: organisations and partners."""
