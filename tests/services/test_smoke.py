from caseworker.services.households import HouseholdInput, PersonInput


def test_create_and_find_household(services):
    created = services.households.create_household(HouseholdInput(), PersonInput(first_name="Hélène", last_name="Çelik"))
    assert [item.id for item in services.households.search("CELIK hel")] == [created.id]
