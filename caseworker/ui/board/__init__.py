"""The board (*Tableau de bord*) of the morning debrief and its meeting mode (docs/domain.md §11.1).

- ``board_table_model.py`` — :class:`BoardTableModel`: one panel's rows, overdue said in words and tinted
- ``board_page.py`` — :class:`BoardPage`: the filters and the seven panels, each row opening its household's file
- ``meeting_window.py`` — :class:`MeetingWindow`: the projector, full screen, large type, keyboard only
"""
