"""The demo's exact output for one seed and one day, table by table: a refactor must not change a single draw.

The generator is deterministic: the same seed, the same ``today`` and the same store give the same rows. This test
pins what 50 households with a current user produce, as a row count and a checksum per table. A change of the
generator's *code* (moving tables and planners into modules of their own, renaming) must leave every checksum as
it is; a change of what the demo *invents* (a new weight, a new sentence, one more draw) changes them on purpose:
then print ``fingerprint(...)`` and paste the new values here in the same commit, saying why in its message.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from caseworker.demo import generate_demo
from caseworker.paths import DataPaths
from caseworker.services import build_services
from caseworker.services.directory import OrganisationInput
from caseworker.services.setup import FirstRunInput
from caseworker.storage.database import open_database
from caseworker.storage.key_info import load_key_info
from caseworker.storage.search_index import is_search_index_table
from tests.conftest import TODAY, Template
from tests.support import FixedClock

HOUSEHOLDS = 50
SEED = 11

# Table → (rows the generation added, first 16 hex digits of the SHA-256 of their repr in rowid order).
EXPECTED: dict[str, tuple[int, str]] = {
    "after_care": (2, "476f4a881a1eaf5f"),  # exits into after-care, reactivations (issue 16)
    "alert": (308, "926d9901c3386791"),
    "alert_action": (428, "d34d5c60c3b55b01"),
    "alert_mediation": (49, "06140171dd5e7764"),
    "alert_step": (1182, "52139f0c7dd4b976"),
    "audit_event": (175, "015cda83a7d0748a"),
    "avoided_cost_line": (3, "7461ce9dc9021ed0"),  # the DIHAL profile's avoided-cost worksheet (issue 15)
    "collective_session": (75, "f28990329b69b2da"),  # workshops, their facilitators and attendees (issue 16)
    "collective_session_attendee": (410, "6166af52fa384dd9"),
    "collective_session_facilitator": (110, "6acc31e1b0bd17e7"),
    "consent": (42, "63ac8ade5d5e9cad"),
    "consent_category_link": (139, "e03b1b3346cc18d5"),
    "contact": (2313, "4203ccad6bb234ac"),  # with the after-care contacts (issue 16)
    "contact_note": (2313, "afd1585d19c6cb91"),
    "contact_participant": (2412, "1ecef2214ef26b63"),
    "contact_topic_link": (3163, "d6e94a648e2d90a8"),
    "debrief_note": (5, "8f9c46a77c4a7095"),
    "debt": (11, "996fb08ff22dab36"),
    "drop_in_visit": (460, "6453517a13c62c48"),  # the drop-in register (issue 16)
    "dwelling": (61, "e2d2055ae79b745a"),
    "episode": (62, "3c7cc714700e02a3"),  # some in after-care (issue 16)
    "episode_criterion": (53, "f6b2910ce3d62608"),  # the entry criteria met at orientation (issue 15)
    "episode_review": (85, "975b7d20bf22a1ce"),
    "episode_transition": (230, "1a498c19dbdf99b4"),  # the exit into after-care (issue 16)
    "exit_record": (21, "3eb84bfca0b49c60"),
    "extension": (22, "2b2ac708b47c09d5"),
    "funder_profile": (5, "43c76c0476b26aed"),  # each profile's funder and yearly budget (issue 15)
    "household": (50, "e39729eacf730c67"),  # sort_name (0014), created_by_id (0016), numero_unique (0018)
    "household_last_contact": (47, "5acae1137f6d6a14"),  # kept by the database's triggers (0022)
    "household_membership": (125, "ae9b000e90302769"),
    "housing_proposal": (48, "27e35593f571f4b7"),  # the offers behind each access to housing (issue 15)
    "intensity_period": (149, "910e850d5d971cfe"),
    "legal_procedure": (2, "9d028f1e44ff0bed"),
    "measure_funding": (11, "3c65a80cf9fa779f"),  # the measures' funders and shares, confirmed (issue 15)
    "mediation_participant": (162, "b959f8023a4563b4"),
    "meeting": (9, "d5f537c81dd18d80"),  # the demo's COSI (issue 14); its general note apart since 0023
    "meeting_attendee": (40, "b6f791fbac9abfbc"),
    "meeting_decision": (55, "7b3a3409e31d8034"),
    "meeting_item": (55, "81d78772a2a8e281"),  # the household's view apart since 0023: the same draws
    "meeting_item_view": (35, "e20180ffe278aa10"),
    "objective": (136, "14e1854c78044f42"),
    "occupancy": (136, "efd9d6f6c264473f"),
    "organisation": (26, "ac9473480a361ad7"),
    "outreach_encounter": (208, "a8269d511eb25eff"),  # street outreach and what was offered (issue 16)
    "outreach_encounter_offer": (356, "165d89ef1f2336c8"),
    "partner_contact": (51, "ca9b398600ef835d"),
    "payment": (113, "9dc173c582975a4e"),
    "person": (125, "3112d361fcb2d050"),
    "procedure_stage": (19, "ea46c057522781dc"),
    "procedure_suspension": (1, "135922184facc1f0"),
    "repayment_plan": (6, "99754bc59de01c35"),
    "right_opened": (68, "f4c796199ba2f801"),  # the rights opened during support (issue 15)
    "sqlite_sequence": (2, "3d1cd03a1ab03840"),
    "staff_member": (43, "c73210e159008cf3"),
    "suspension": (15, "32de502fc168d5c1"),
    "task": (35, "97cd9b8a1ea372ac"),
    "team_membership": (106, "872c8de4ebe35158"),
    "watch_entry": (2, "f539d04e9b6f3ba2"),  # the watch list (issue 16)
}


def _tables(connection: Connection) -> list[str]:
    """The tables the demo writes to (the search index is derived from ``household``, not a draw)."""
    names = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
    return [name for name in names if not is_search_index_table(name)]


def _rows(connection: Connection, table: str) -> list[tuple[object, ...]]:
    order = "name" if table == "sqlite_sequence" else "rowid"
    return [tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table}" ORDER BY {order}'))]


def fingerprint(engine: Engine, before: dict[str, set[tuple[object, ...]]]) -> dict[str, tuple[int, str]]:
    """Count and checksum, per table, the rows that are not in ``before`` (what the generation wrote)."""
    found: dict[str, tuple[int, str]] = {}
    with engine.connect() as connection:
        for table in sorted(_tables(connection)):
            added = [row for row in _rows(connection, table) if row not in before.get(table, set())]
            if added:
                found[table] = (len(added), hashlib.sha256(repr(added).encode()).hexdigest()[:16])
    return found


def test_the_same_seed_and_day_give_exactly_the_pinned_rows(tmp_path: Path, template_store: Template) -> None:
    paths = DataPaths(tmp_path / "data")
    shutil.copytree(template_store.directory, paths.data_dir)
    database = open_database(paths, template_store.key, load_key_info(paths.key_info_file))
    try:
        services = build_services(database.engine, FixedClock(TODAY))
        services.setup.complete_first_run(
            FirstRunInput(
                organisation=OrganisationInput(name="Association Le Toit", kind_code="association"),
                first_name="Claire",
                last_name="Martin",
                role_code="travailleur_social",
            )
        )
        actor_id = services.context.actor.staff_member_id
        with database.engine.connect() as connection:
            before = {table: set(_rows(connection, table)) for table in _tables(connection)}
        generate_demo(database.engine, households=HOUSEHOLDS, seed=SEED, today=TODAY, actor_staff_id=actor_id)
        assert fingerprint(database.engine, before) == EXPECTED
    finally:
        database.dispose()
