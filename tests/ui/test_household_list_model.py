"""The household list reads page by page: the view fetches more as the person scrolls, the count stays right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView

from caseworker.services import Services
from caseworker.services.households import PAGE_SIZE
from caseworker.services.search_text import fold
from caseworker.ui.households import household_list_model, household_list_panel
from caseworker.ui.households.household_list_model import HouseholdListTableModel
from caseworker.ui.households.household_list_panel import HouseholdListPanel
from tests.services.builders import new_household

LAST_NAMES = ["Martin", "Çelik", "Dupont", "Émile", "Roux", "Lefèvre", "Zola", "Abadie"]


def _create(services: Services, count: int) -> list[int]:
    return [
        new_household(services, f"Prénom{index:03d}", LAST_NAMES[index % len(LAST_NAMES)]).id for index in range(count)
    ]


def _names(model: HouseholdListTableModel) -> list[str]:
    return [model.record(row).display_name for row in range(model.rowCount())]


def test_the_model_reads_a_page_then_the_next_ones_until_the_last(qapp, services: Services) -> None:
    _create(services, 23)
    model = HouseholdListTableModel(services.households, page_size=10)
    model.reload()
    assert model.rowCount() == 10 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 23 and not model.canFetchMore(QModelIndex())
    everyone = sorted(services.households.list_summaries(), key=lambda item: (fold(item.display_name), item.id))
    assert [model.record(row).id for row in range(23)] == [item.id for item in everyone]
    assert (model.matched_count(), model.total_count()) == (23, 23)


def test_sorting_and_searching_start_again_from_the_first_page(qapp, services: Services) -> None:
    ids = _create(services, 23)
    model = HouseholdListTableModel(services.households, page_size=5)
    model.reload()
    model.sort(model.COLUMN_REFERENCE, Qt.SortOrder.DescendingOrder)
    assert [model.record(row).id for row in range(model.rowCount())] == sorted(ids, reverse=True)[:5]
    model.set_search("dupont")
    assert model.matched_count() == 3 and model.total_count() == 23
    assert [model.record(row).display_name for row in range(model.rowCount())] == [
        "DUPONT Prénom018",
        "DUPONT Prénom010",
        "DUPONT Prénom002",
    ]
    assert not model.canFetchMore(QModelIndex())


def test_the_view_fetches_more_when_scrolled_to_the_end(qtbot, services: Services) -> None:
    _create(services, 40)
    model = HouseholdListTableModel(services.households, page_size=10)
    model.reload()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    view.show()
    QApplication.processEvents()
    assert model.rowCount() < 40
    for _ in range(10):
        view.scrollToBottom()
        QApplication.processEvents()
    assert model.rowCount() == 40
    assert len({model.record(row).id for row in range(40)}) == 40


def test_the_panel_counts_every_household_not_the_rows_read(qtbot, services: Services, monkeypatch) -> None:
    _create(services, PAGE_SIZE + 5)
    panel = HouseholdListPanel(services.households, services.reference, services.context.clock.today)
    qtbot.addWidget(panel)
    panel.reload()
    assert panel.model.rowCount() == PAGE_SIZE
    assert panel.count_label.text() == f"{PAGE_SIZE + 5} ménages"
    qtbot.keyClicks(panel.search_edit, "martin")
    martins = (PAGE_SIZE + 5 + len(LAST_NAMES) - 1) // len(LAST_NAMES)
    assert panel.model.rowCount() == martins
    assert panel.count_label.text() == f"{martins} ménages sur {PAGE_SIZE + 5}"
    panel.search_edit.clear()
    assert panel.count_label.text() == f"{PAGE_SIZE + 5} ménages"
    monkeypatch.setattr(household_list_model, "COUNT_LIMIT", 10)
    monkeypatch.setattr(household_list_panel, "COUNT_LIMIT", 10)
    qtbot.keyClicks(panel.search_edit, "prenom")  # every household: more than a page, counted up to 11
    assert panel.count_label.text() == f"Plus de 10 ménages sur {PAGE_SIZE + 5}"
    panel.search_edit.clear()
    new_household(services, "Aaron", "Aaa")
    panel.household_updated(services.households.search("aaron")[0])  # created elsewhere: the count follows
    assert panel.count_label.text() == f"{PAGE_SIZE + 6} ménages"
    assert panel.model.record(0).display_name == "AAA Aaron"


def test_a_keystroke_asks_the_page_and_its_count_in_one_call(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    """In team mode each call is a wait for the server: a keystroke makes one."""
    _create(services, PAGE_SIZE + 5)
    calls: list[str] = []

    class Counted:
        def __getattr__(self, name: str) -> object:
            calls.append(name)
            return getattr(services.households, name)

    panel = HouseholdListPanel(Counted(), services.reference, services.context.clock.today)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    panel.reload()
    calls.clear()
    qtbot.keyClick(panel.search_edit, "m")
    assert calls == ["list_page"]
    assert panel.model.rowCount() == PAGE_SIZE  # more than a page match: counted in the same call
    assert panel.model.matched_count() == services.households.count("m") == PAGE_SIZE + 5


def test_a_page_asked_while_one_is_read_is_not_read_twice_and_a_late_page_is_dropped(
    qapp, services: Services, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """In team mode the window runs while the server answers: the view may ask again, the search may change."""
    _create(services, 23)
    model = HouseholdListTableModel(services.households, page_size=10)
    model.reload()
    read_page = services.households.list_page
    during: list[object] = []

    def meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("start") is not None and not during:
            during.append(model.canFetchMore(QModelIndex()))
            model.fetchMore(QModelIndex())  # the view, laid out again while the page is read
            during.append(len(during))
        return read_page(*args, **kwargs)

    monkeypatch.setattr(services.households, "list_page", meanwhile)
    model.fetchMore(QModelIndex())
    assert during == [False, 1]
    assert model.rowCount() == 20
    assert len({model.record(row).id for row in range(20)}) == 20  # no page twice

    def searched_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("start") is not None:
            monkeypatch.setattr(services.households, "list_page", read_page)
            model.set_search("dupont")  # typed while the next page of the whole list was read
        return read_page(*args, **kwargs)

    monkeypatch.setattr(services.households, "list_page", searched_meanwhile)
    model.fetchMore(QModelIndex())
    assert _names(model) and all("DUPONT" in name for name in _names(model))  # the late page is not appended
