"""« Mes tâches » and the dialogs of tasks and debrief decisions (docs/domain.md §11.2)."""
