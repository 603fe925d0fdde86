"""The version a test's call is typed against: the record's current one, read the way a dialog would have it.

Tests about something else pass the current version (what a person who just opened the record has); the refusals
themselves are tested in ``tests/services/test_row_versions.py``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

_HOUSEHOLD = "SELECT row_version FROM household WHERE id = :id"
_EPISODE = "SELECT row_version FROM episode WHERE id = :id"
_ALERT = "SELECT row_version FROM alert WHERE id = :id"
_CONTRACT = "SELECT row_version FROM contract WHERE id = :id"
_BY_VERSION = "SELECT c.row_version FROM contract c JOIN contract_version v ON v.contract_id = c.id WHERE v.id = :id"

QUERIES = {
    "update_household": _HOUSEHOLD,
    "add_member": _HOUSEHOLD,
    "add_existing_person": _HOUSEHOLD,
    "update_person": (
        "SELECT h.row_version FROM household h JOIN household_membership m ON m.household_id = h.id"
        " WHERE m.person_id = :id ORDER BY m.end_date IS NOT NULL, m.start_date DESC, m.id DESC LIMIT 1"
    ),
    "end_membership": (
        "SELECT h.row_version FROM household h JOIN household_membership m ON m.household_id = h.id WHERE m.id = :id"
    ),
    **dict.fromkeys(
        (
            "agree",
            "put_on_waiting_list",
            "activate",
            "decline",
            "suspend",
            "resume",
            "close",
            "change_intensity",
            "extend",
            "add_objective",
            "record_review",
            "set_episode_funding",
            "set_met_criteria",
        ),
        _EPISODE,
    ),
    "update_objective": (
        "SELECT e.row_version FROM episode e JOIN objective o ON o.episode_id = e.id WHERE o.id = :id"
    ),
    **dict.fromkeys(
        ("acknowledge", "add_action", "escalate", "back_to_treatment", "resolve", "close_without_follow_up"),
        _ALERT,
    ),
    **dict.fromkeys(
        ("update_draft", "discard_draft", "send_for_signature", "back_to_draft", "attach_scan"), _BY_VERSION
    ),
    "record_signature": (
        "SELECT c.row_version FROM contract c JOIN contract_version v ON v.contract_id = c.id"
        " JOIN contract_signatory s ON s.version_id = v.id WHERE s.id = :id"
    ),
    "amend": _CONTRACT,
    "end_contract": _CONTRACT,
    **dict.fromkeys(("complete_task", "cancel_task", "change_task"), "SELECT row_version FROM task WHERE id = :id"),
    **dict.fromkeys(
        ("cancel", "set_attendees", "add_items", "remove_item", "reorder_items", "record_minutes"),
        "SELECT row_version FROM meeting WHERE id = :id",
    ),
    "update_glissement_review": "SELECT row_version FROM glissement_review WHERE id = :id",
    "update_proposal": "SELECT row_version FROM housing_proposal WHERE id = :id",
    # Ending an after-care and reactivating are changes of the episode.
    **dict.fromkeys(("end", "reactivate"), "SELECT row_version FROM episode WHERE id = :id"),
    **dict.fromkeys(("change_rhythm", "take_off"), "SELECT row_version FROM watch_entry WHERE id = :id"),
    **dict.fromkeys(("update_right", "delete_right"), "SELECT row_version FROM right_opened WHERE id = :id"),
    **dict.fromkeys(
        ("correct_encounter", "delete_encounter", "attach_encounter", "detach_encounter"),
        "SELECT row_version FROM outreach_encounter WHERE id = :id",
    ),
    **dict.fromkeys(("update_session", "delete_session"), "SELECT row_version FROM collective_session WHERE id = :id"),
    "update_profile": "SELECT row_version FROM funder_profile WHERE code = :id",  # a profile is named by its code
    "update_type": "SELECT row_version FROM meeting_type WHERE code = :id",  # a type is named by its code
}


def current_version(service: Any, operation: str, target_id: int | str) -> int:
    """Return the version of the record ``service.operation(target_id, …)`` changes, as it is now.

    ``target_id`` is a row's id, or a meeting type's code.
    """
    with service._ctx.read() as session:
        version = session.scalar(text(QUERIES[operation]), {"id": target_id})
    return -1 if version is None else int(version)


def person_household(service: Any, person_id: int) -> int:
    """Return the household whose file a person's details are edited from: their current one."""
    query = (
        "SELECT household_id FROM household_membership WHERE person_id = :id"
        " ORDER BY end_date IS NOT NULL, start_date DESC, id DESC LIMIT 1"
    )
    with service._ctx.read() as session:
        household_id = session.scalar(text(query), {"id": person_id})
    return -1 if household_id is None else int(household_id)
