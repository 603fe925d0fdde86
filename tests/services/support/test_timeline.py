"""Tests of caseworker/services/support/timeline.py: the data behind the per-household timeline.

Episodes and contacts are inserted as rows (their services are written elsewhere); the timeline only reads.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import event, select

from caseworker.domain import EpisodeStatus, NoteClass
from caseworker.models import (
    Contact,
    ContactOutcome,
    ContactType,
    Episode,
    EpisodeTransition,
    Extension,
    IntensityLevel,
    IntensityPeriod,
    Measure,
    Suspension,
    SuspensionReason,
)
from caseworker.services import Services
from caseworker.services.directory import DwellingInput, OrganisationView, StaffInput
from caseworker.services.errors import NotFoundError
from caseworker.services.households import OccupancyChangeInput
from caseworker.services.support.timeline import Band, TimelineContact, TimelineData
from tests.services.builders import TODAY, initial_situation, new_household
from tests.services.conftest import ActAs


@pytest.fixture
def paris_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run in the French time zone, whatever the machine's."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class Rows:
    """Inserts episode and contact rows for one household, looking seeded codes up by name."""

    def __init__(self, services: Services, household_id: int, act_as: ActAs | None = None) -> None:
        self.services = services
        self._act_as = act_as
        self.household_id = household_id

    def episode(
        self,
        measure: str,
        status: EpisodeStatus,
        orientation: date,
        start: date | None = None,
        end: date | None = None,
        *,
        levels: tuple[tuple[str, date, date | None], ...] = (),
        suspensions: tuple[tuple[str, date, date | None], ...] = (),
        extensions: tuple[int, ...] = (),
        transitions: tuple[tuple[EpisodeStatus, date], ...] = (),
    ) -> int:
        with self.services.context.transaction() as session:
            measure_row = session.scalars(select(Measure).where(Measure.code == measure)).one()
            episode = Episode(
                household_id=self.household_id,
                measure_id=measure_row.id,
                status=status,
                orientation_date=orientation,
                start_date=start,
                end_date=end,
            )
            session.add(episode)
            session.flush()
            by_code = {level.code: level.id for level in measure_row.levels}
            for code, low, high in levels:
                session.add(
                    IntensityPeriod(episode_id=episode.id, level_id=by_code[code], start_date=low, end_date=high)
                )
            for code, low, high in suspensions:
                reason = session.scalars(select(SuspensionReason).where(SuspensionReason.code == code)).one()
                session.add(
                    Suspension(
                        episode_id=episode.id, reason_id=reason.id, start_date=low, end_date=high, review_date=low
                    )
                )
            previous: EpisodeStatus | None = None
            for target, day in transitions:
                session.add(
                    EpisodeTransition(episode_id=episode.id, from_status=previous, to_status=target, effective_date=day)
                )
                previous = target
            episode_id = episode.id
        if extensions:
            self._extensions(episode_id, orientation, extensions)
        return episode_id

    def _extensions(self, episode_id: int, decided_on: date, extensions: tuple[int, ...]) -> None:
        """Extensions approved by a team lead, who records them logged in (as the server requires)."""
        user = self.services.context.actor.staff_member_id
        own = self.services.setup.own_organisation_id()
        assert own is not None and self._act_as is not None
        lead = self.services.directory.create_staff(StaffInput("Nadia", "Benali", "chef_service", own))
        self._act_as(self.services, lead.id)
        with self.services.context.transaction() as session:
            for months in extensions:
                session.add(
                    Extension(
                        episode_id=episode_id,
                        decided_on=decided_on,
                        months=months,
                        justification="Relogement en cours",
                        approver_id=lead.id,
                    )
                )
        self._act_as(self.services, user)

    def contact(self, occurred_at: datetime, outcome: str, contact_type: str = "visite_domicile") -> None:
        with self.services.context.transaction() as session:
            type_id = session.scalars(select(ContactType.id).where(ContactType.code == contact_type)).one()
            outcome_id = session.scalars(select(ContactOutcome.id).where(ContactOutcome.code == outcome)).one()
            session.add(
                Contact(
                    household_id=self.household_id,
                    occurred_at=occurred_at,
                    type_id=type_id,
                    outcome_id=outcome_id,
                    note_class=NoteClass.EQUIPE,
                )
            )


def _utc(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)


@pytest.fixture
def household_id(services: Services) -> int:
    return new_household(services).id


@pytest.fixture
def rows(services: Services, household_id: int, act_as: ActAs) -> Rows:
    return Rows(services, household_id, act_as)


def test_unknown_household_raises(services: Services) -> None:
    with pytest.raises(NotFoundError, match="introuvable"):
        services.timeline.for_household(999_999)


def test_empty_household_shows_today_only(services: Services, household_id: int) -> None:
    data = services.timeline.for_household(household_id)
    assert data == TimelineData(household_id, TODAY, (), (), ())
    assert data.first_day == data.last_day == TODAY


def test_active_avdl_episode_with_levels_suspension_and_planned_end(services: Services, rows: Rows) -> None:
    rows.episode(
        "avdl",
        EpisodeStatus.ACTIF,
        date(2025, 9, 1),
        date(2025, 10, 1),
        levels=(("renforce", date(2025, 10, 1), date(2025, 12, 31)), ("soutenu", date(2026, 1, 1), None)),
        suspensions=(("hospitalisation", date(2026, 2, 1), date(2026, 2, 10)),),
        transitions=(
            (EpisodeStatus.ORIENTATION_RECUE, date(2025, 9, 1)),
            (EpisodeStatus.ACTIF, date(2025, 10, 1)),
            (EpisodeStatus.SUSPENDU, date(2026, 2, 1)),
            (EpisodeStatus.ACTIF, date(2026, 2, 11)),
        ),
    )
    (episode,) = services.timeline.for_household(rows.household_id).episodes

    assert (episode.measure_name, episode.status_code, episode.status_label) == (
        "AVDL (accompagnement vers et dans le logement)",
        "actif",
        "Actif",
    )
    assert episode.intensity == (
        Band(date(2025, 10, 1), date(2025, 12, 31), "Renforcé", "renforce", 0),
        Band(date(2026, 1, 1), None, "Soutenu", "soutenu", 1),
    )
    assert episode.suspensions == (Band(date(2026, 2, 1), date(2026, 2, 10), "Hospitalisation", "hospitalisation"),)
    assert episode.transitions == (
        (date(2025, 9, 1), "Orientation reçue"),
        (date(2025, 10, 1), "Actif"),
        (date(2026, 2, 1), "Suspendu"),
        (date(2026, 2, 11), "Actif"),
    )
    # Six months from 01/10/2025 end on 31/03/2026; AVDL does not count the ten suspended days.
    assert episode.planned_end == date(2026, 4, 10)


def test_extensions_push_the_planned_end_and_the_last_day(services: Services, rows: Rows) -> None:
    rows.episode("avdl", EpisodeStatus.ACTIF, date(2025, 12, 1), date(2026, 1, 1), extensions=(6,))
    data = services.timeline.for_household(rows.household_id)
    assert data.episodes[0].planned_end == date(2026, 12, 31)
    assert data.last_day == date(2026, 12, 31)
    assert data.first_day == date(2025, 12, 1)


def test_suspension_still_running_counts_until_today(services: Services, rows: Rows) -> None:
    rows.episode(
        "avdl",
        EpisodeStatus.SUSPENDU,
        date(2026, 1, 1),
        date(2026, 1, 1),
        suspensions=(("perte_contact", date(2026, 6, 1), None),),
    )
    (episode,) = services.timeline.for_household(rows.household_id).episodes
    assert episode.suspensions[0].end is None
    # 30/06/2026 plus the 15 days suspended so far (01/06 to 15/06).
    assert episode.planned_end == date(2026, 7, 15)


def test_episodes_in_order_closed_periods_stop_at_the_end(services: Services, rows: Rows) -> None:
    rows.episode("chez_soi_dabord", EpisodeStatus.ORIENTATION_RECUE, date(2026, 5, 1))
    rows.episode(
        "avdl",
        EpisodeStatus.CLOTURE,
        date(2024, 3, 1),
        date(2024, 4, 1),
        date(2024, 9, 30),
        levels=(("standard", date(2024, 4, 1), None),),
    )
    data = services.timeline.for_household(rows.household_id)

    closed, referral = data.episodes
    assert (closed.status_label, referral.status_label) == ("Clôturé", "Orientation reçue")
    assert closed.intensity == (Band(date(2024, 4, 1), date(2024, 9, 30), "Standard / droit commun", "standard", 2),)
    assert closed.planned_end is None  # closed: no end is planned any more (issue 11, item 19)
    assert (referral.start_date, referral.planned_end, referral.intensity) == (None, None, ())
    assert (data.first_day, data.last_day) == (date(2024, 3, 1), TODAY)


def test_contacts_on_their_local_day_with_kind_and_labels(services: Services, rows: Rows, paris_time: None) -> None:
    rows.contact(_utc(2026, 3, 2), "porte_close")
    rows.contact(_utc(2026, 2, 28, 23, 30), "rencontre")  # 00:30 on 1 March in Paris
    rows.contact(_utc(2026, 3, 5), "annule_menage", "telephone")

    contacts = services.timeline.for_household(rows.household_id).contacts
    assert contacts == (
        TimelineContact(date(2026, 3, 1), "reached", "Visite à domicile", "Rencontré"),
        TimelineContact(date(2026, 3, 2), "attempt", "Visite à domicile", "Tentative sans contact : porte close"),
        TimelineContact(date(2026, 3, 5), "cancelled", "Téléphone", "Annulé par le ménage"),
    )


def test_contacts_of_other_households_are_not_shown(services: Services, rows: Rows) -> None:
    other = Rows(services, new_household(services, "Paul", "Durand").id)
    other.contact(_utc(2026, 3, 2), "rencontre")
    rows.contact(_utc(2026, 4, 2), "rencontre")
    assert [c.day for c in services.timeline.for_household(rows.household_id).contacts] == [date(2026, 4, 2)]


def test_occupancies_housed_or_not(services: Services, household_id: int, landlord: OrganisationView) -> None:
    initial_situation(services, household_id, start=date(2024, 1, 1))
    services.occupancy.change_occupancy(
        household_id,
        OccupancyChangeInput(
            status_code="sous_locataire",
            start_date=date(2025, 3, 1),
            reason_code="acces_logement",
            new_dwelling=DwellingInput(
                landlord_id=landlord.id, address="5 rue Saint-Malo", postcode="35000", city="Rennes", rent=Decimal(400)
            ),
        ),
    )
    data = services.timeline.for_household(household_id)
    assert data.occupancies == (
        Band(date(2024, 1, 1), date(2025, 2, 28), "Hébergé chez un tiers", "heberge_tiers", 0),
        Band(date(2025, 3, 1), None, "Sous-locataire", "sous_locataire", 1),
    )
    assert (data.first_day, data.last_day) == (date(2024, 1, 1), TODAY)


def test_level_index_follows_the_measure_scale(services: Services, rows: Rows) -> None:
    with services.context.transaction() as session:
        scale = session.scalars(
            select(IntensityLevel.code).join(Measure).where(Measure.code == "asll").order_by(IntensityLevel.sort_order)
        ).all()
    rows.episode(
        "asll",
        EpisodeStatus.ACTIF,
        date(2025, 1, 1),
        date(2025, 1, 1),
        levels=tuple((code, date(2025, month, 1), date(2025, month, 28)) for month, code in enumerate(scale, 1)),
    )
    (episode,) = services.timeline.for_household(rows.household_id).episodes
    assert [(band.key, band.index) for band in episode.intensity] == [(code, i) for i, code in enumerate(scale)]


def test_a_handful_of_queries_whatever_the_size(services: Services, rows: Rows) -> None:
    for year in (2023, 2024, 2025):
        rows.episode(
            "avdl",
            EpisodeStatus.CLOTURE,
            date(year, 1, 1),
            date(year, 2, 1),
            date(year, 7, 31),
            levels=(("renforce", date(year, 2, 1), date(year, 3, 31)), ("standard", date(year, 4, 1), None)),
            suspensions=(("autre", date(year, 5, 1), date(year, 5, 3)),),
            extensions=(1,),
            transitions=((EpisodeStatus.ORIENTATION_RECUE, date(year, 1, 1)), (EpisodeStatus.ACTIF, date(year, 2, 1))),
        )
        for month in range(1, 13):
            rows.contact(_utc(year, month, 10), "rencontre")
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    engine = services.context.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        data = services.timeline.for_household(rows.household_id)
    finally:
        event.remove(engine, "before_cursor_execute", count)

    assert len(data.episodes) == 3
    assert len(data.contacts) == 36
    # Ten (the after-care bands are one), plus (locally) the read of the households the person sees, once per
    # service call (docs/domain.md §2).
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 11
