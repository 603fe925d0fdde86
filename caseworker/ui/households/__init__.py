"""The Ménages section: household list, household file and their dialogs."""
