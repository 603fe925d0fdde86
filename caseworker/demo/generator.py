"""Synthetic demo data: a plausible caseload for training, screenshots and performance checks.

Everything is written in one transaction, in chunks of households with bulk inserts; a cancellation or an
error rolls the whole generation back. Each chunk of households is followed by their support: episodes, teams
and contact logs (:mod:`caseworker.demo.support`), then by the alerts with their landlords, the debts and the
eviction procedures (:mod:`caseworker.demo.prevention`, which reads the teams just written); once every chunk
is in, the after-care of some exits and the watch list (:mod:`caseworker.demo.aftercare`), the drop-in register,
street outreach and workshops (:mod:`caseworker.demo.encounters`), then the debrief tasks and notes and the
automatic tasks (:mod:`caseworker.demo.tasks`). The same seed
and the same ``today`` give the same people, dwellings and histories (ids depend on what the database already
holds).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from caseworker.demo.aftercare import write_demo_after_care
from caseworker.demo.batch import Batch, IdAllocator, advance_sequences
from caseworker.demo.criteria import write_demo_criteria
from caseworker.demo.directory import DirectoryBuilder
from caseworker.demo.encounters import write_demo_encounters
from caseworker.demo.funding import write_demo_funding
from caseworker.demo.households import FIRST_ENTRY, HouseholdFactory
from caseworker.demo.meetings import write_meetings
from caseworker.demo.prevention import PreventionCounts, PreventionPlanner, load_prevention_reference
from caseworker.demo.proposals import write_demo_proposals
from caseworker.demo.reference import load_reference_ids
from caseworker.demo.rights import write_demo_rights
from caseworker.demo.support import SupportCounts, SupportPlanner, load_support_reference
from caseworker.demo.tasks import write_demo_tasks
from caseworker.models import Base, SettingValue
from caseworker.services.households import refresh_sort_names
from caseworker.services.settings import CONSENT_VALIDITY_MONTHS

CHUNK_SIZE = 1000
_COUNTED = ("household", "person", "occupancy", "dwelling", "consent")


@dataclass(frozen=True)
class DemoReport:
    """What a generation added (organisations and staff: only those created, not those reused)."""

    households: int
    persons: int
    occupancies: int
    dwellings: int
    consents: int
    organisations: int
    staff: int
    episodes: int
    contacts: int
    team_memberships: int
    alerts: int
    debts: int
    procedures: int
    seconds: float
    tasks: int = 0
    after_cares: int = 0
    reactivations: int = 0
    drop_in_visits: int = 0
    outreach_encounters: int = 0
    sessions: int = 0


class DemoCancelled(Exception):  # noqa: N818 (the name is the public API: "the demo was cancelled")
    """The generation was cancelled; nothing was written."""


def generate_demo(
    engine: Engine,
    *,
    households: int,
    seed: int = 2026,
    today: date | None = None,
    actor_staff_id: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> DemoReport:
    """Add ``households`` fictitious households (with the directory they need and their support) to a database.

    The association's own organisation is reused when the first run created it; otherwise a fictitious one is
    created. Landlords, partners and staff already created by an earlier generation are reused by name.

    Args:
        engine: engine of an open, migrated case store.
        households: how many households to add.
        seed: seed of the random generators; the same seed gives the same data.
        today: the day histories end (defaults to the real date).
        actor_staff_id: staff member recorded on the audit events (None: "Système"); also the current user,
            given a caseload of about twenty households with running support ("Mes ménages") and a few open
            alerts on them.
        progress: called with (households done, households asked) after each chunk.
        should_cancel: asked between chunks; when it returns True the generation is rolled back.

    Returns:
        Counts of what was added and the time it took.

    Raises:
        DemoCancelled: ``should_cancel`` returned True; the database is unchanged.
        DemoReferenceDataError: a picklist entry the generator needs was deleted.
    """
    if households < 0:
        raise ValueError("households must be zero or more")
    day = today or date.today()
    if day < FIRST_ENTRY + timedelta(days=30):
        raise ValueError(f"today must be after {FIRST_ENTRY + timedelta(days=30)}: histories start in 2018")
    started = time.perf_counter()
    counts = dict.fromkeys(_COUNTED, 0)
    with Session(engine) as session, session.begin():
        refs = load_reference_ids(session)
        ids = IdAllocator(session)
        batch = Batch()
        directory = DirectoryBuilder(random.Random(f"{seed}:directory"), refs, batch, ids.next).build(session)
        batch.write(session)
        factory = HouseholdFactory(
            random.Random(f"{seed}:households"),
            day,
            refs=refs,
            landlords=directory.landlords,
            batch=batch,
            next_id=ids.next,
            actor_staff_id=actor_staff_id,
            consent_validity_months=_consent_validity_months(session),
        )
        support = SupportPlanner(
            random.Random(f"{seed}:support"),
            day,
            session=session,
            refs=refs,
            support=load_support_reference(session, directory.own_organisation_id, actor_staff_id),
            households_planned=households,
        )
        prevention = PreventionPlanner(
            random.Random(f"{seed}:prevention"),
            day,
            session=session,
            refs=refs,
            reference=load_prevention_reference(session, actor_staff_id),
        )
        support_counts = SupportCounts()
        prevention_counts = PreventionCounts()
        done = 0
        generated: list[int] = []  # this generation's households: after-care and encounters draw from them
        if progress is not None:
            progress(0, households)
        while done < households:
            _check_cancel(should_cancel)
            size = min(CHUNK_SIZE, households - done)
            for _ in range(size):
                factory.add()
            chunk = (batch.rows["household"], batch.rows["occupancy"], batch.rows["dwelling"])
            support.plan(*chunk)
            for name in _COUNTED:
                counts[name] += batch.count(name)
            batch.write(session)  # empties the batch; ``chunk`` keeps the rows
            refresh_sort_names(session, [row["id"] for row in chunk[0]])  # the list's order, as the services keep it
            generated.extend(row["id"] for row in chunk[0])
            support_counts.add(support.write(session))
            prevention.plan(session, *chunk)
            prevention_counts.add(prevention.write(session))
            done += size
            if progress is not None:
                progress(done, households)
        _check_cancel(should_cancel)
        after_care = write_demo_after_care(session, random.Random(f"{seed}:aftercare"), day, generated)
        encounters = write_demo_encounters(session, random.Random(f"{seed}:encounters"), day, generated)
        tasks = write_demo_tasks(session, random.Random(f"{seed}:tasks"), day)
        write_meetings(session, random.Random(f"{seed}:meetings"), day, actor_staff_id)
        write_demo_proposals(session, random.Random(f"{seed}:proposals"), day)
        write_demo_funding(session, random.Random(f"{seed}:funding"))
        write_demo_criteria(session, random.Random(f"{seed}:criteria"))
        write_demo_rights(session, random.Random(f"{seed}:rights"), day)
        advance_sequences(session, [table.name for table in Base.metadata.sorted_tables if "id" in table.c])
    return DemoReport(
        households=counts["household"],
        persons=counts["person"],
        occupancies=counts["occupancy"],
        dwellings=counts["dwelling"],
        consents=counts["consent"],
        organisations=directory.organisations,
        staff=directory.staff,
        episodes=support_counts.episodes,
        contacts=support_counts.contacts + after_care.contacts,
        team_memberships=support_counts.team_memberships,
        alerts=prevention_counts.alerts,
        debts=prevention_counts.debts,
        procedures=prevention_counts.procedures,
        seconds=time.perf_counter() - started,
        tasks=tasks.debrief_tasks + tasks.automatic_tasks,
        after_cares=after_care.after_cares,
        reactivations=after_care.reactivations,
        drop_in_visits=encounters.drop_in_visits,
        outreach_encounters=encounters.outreach_encounters,
        sessions=encounters.sessions,
    )


def _check_cancel(should_cancel: Callable[[], bool] | None) -> None:
    """Raise inside the transaction, which rolls everything back."""
    if should_cancel is not None and should_cancel():
        raise DemoCancelled("Génération des données de démonstration annulée : rien n'a été enregistré.")


def _consent_validity_months(session: Session) -> int:
    """Read the consent validity setting in the generation's own transaction (default 12 months)."""
    row = session.get(SettingValue, CONSENT_VALIDITY_MONTHS.key)
    value = json.loads(row.value_json) if row is not None else None
    return value if isinstance(value, int) and value > 0 else CONSENT_VALIDITY_MONTHS.default
