"""« Mes ménages »: my current households and what needs attention."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select

from caseworker.domain import AlertActionKind, AlertChannel, NoteClass, ReviewKind
from caseworker.models import ContactOutcome, ContactType, TeamMembership, TeamRole
from caseworker.models.contacts import Contact
from caseworker.services import Services
from caseworker.services.alerts import ActionInput, AlertInput
from caseworker.services.directory import OrganisationView, StaffInput
from caseworker.services.sharing import ConsentInput
from caseworker.services.support import IntensityChangeInput, MyHouseholdRow, OrientationInput, SuspensionInput
from tests.services.builders import FILED, TODAY, new_household
from tests.services.conftest import ActAs
from tests.services.support.test_episodes import with_coordinator
from tests.support import FixedClock
from tests.support.row_versions import current_version

D = date


def contact(services: Services, household_id: int, day: date, outcome: str = "rencontre") -> None:
    with services.context.transaction() as session:
        session.add(
            Contact(
                household_id=household_id,
                occurred_at=datetime.combine(day, time(10, 0), tzinfo=timezone.utc),
                type_id=session.scalars(select(ContactType.id).where(ContactType.code == "visite_domicile")).one(),
                outcome_id=session.scalars(select(ContactOutcome.id).where(ContactOutcome.code == outcome)).one(),
                note_class=NoteClass.REFERENTS,
            )
        )


def followed(services: Services, name: str, *, measure: str = "avdl", start: date, level: str = "renforce") -> int:
    household = new_household(services, name, "Durand")
    with_coordinator(services, household.id)
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code=measure, orientation_date=start - timedelta(days=10))
    )
    services.episodes.activate(
        episode.id,
        on=start,
        level_code=level,
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    return household.id


def test_only_my_current_households(services: Services, act_as: ActAs) -> None:
    mine = followed(services, "Anne", start=D(2026, 6, 1))
    other = new_household(services, "Bruno", "Petit")
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    colleague = services.directory.create_staff(
        StaffInput(first_name="Paul", last_name="Roux", role_code="travailleur_social", organisation_id=own.id)
    )
    with services.context.transaction() as session:
        role = session.scalars(select(TeamRole).where(TeamRole.code == "referent_social")).one()
        session.add(
            TeamMembership(
                household_id=other.id,
                staff_member_id=colleague.id,
                role_id=role.id,
                is_coordinator=True,
                start_date=D(2026, 1, 1),
            )
        )
    rows = services.my_households.for_staff()
    assert [row.household_id for row in rows] == [mine]
    assert rows[0].is_coordinator
    assert rows[0].team_role_label == "Référent·e social·e"
    assert rows[0].measures == "AVDL (accompagnement vers et dans le logement)"
    assert rows[0].status_label == "Actif"
    assert rows[0].intensity_label == "Renforcé"
    act_as(services, colleague.id)  # a colleague's households are theirs to see (and the team lead's)
    assert [row.household_id for row in services.my_households.for_staff(colleague.id)] == [other.id]


def test_no_contact_threshold_follows_the_intensity(services: Services) -> None:
    renforce = followed(services, "Anne", start=D(2026, 5, 1))
    contact(services, renforce, TODAY - timedelta(days=10))
    contact(services, renforce, TODAY - timedelta(days=2), outcome="porte_close")  # a failed attempt is no contact
    standard = followed(services, "Bruno", start=D(2026, 5, 1), level="standard")
    contact(services, standard, TODAY - timedelta(days=10))
    rows = {row.household_id: row for row in services.my_households.for_staff()}
    assert rows[renforce].no_contact_threshold == 7
    assert rows[renforce].days_without_contact == 10
    assert rows[renforce].no_contact_overdue
    assert "Sans contact depuis 10 jours (seuil 7)" in rows[renforce].attention()
    assert rows[standard].no_contact_threshold == 21
    assert not rows[standard].no_contact_overdue
    assert services.my_households.for_staff()[0].household_id == renforce


def test_never_met_since_the_start(services: Services) -> None:
    household = followed(services, "Anne", start=D(2026, 6, 1))
    contact(services, household, D(2026, 6, 3), outcome="porte_close")
    row = services.my_households.for_staff()[0]
    assert row.last_contact_on is None
    assert row.days_without_contact == 14
    assert row.attention()[0] == "Aucun contact depuis le début"


def test_suspension_pauses_the_no_contact_flag_and_shows_its_review(services: Services) -> None:
    household = followed(services, "Anne", start=D(2026, 1, 5))
    episode = services.episodes.episodes_for(household)[0]
    services.episodes.suspend(
        episode.id,
        SuspensionInput(D(2026, 3, 1), "hospitalisation", D(2026, 6, 1)),
        expected_version=current_version(services.episodes, "suspend", episode.id),
    )
    row = services.my_households.for_staff()[0]
    assert row.status_label == "Suspendu"
    assert not row.no_contact_overdue
    assert row.suspension_review_on == D(2026, 6, 1)
    assert row.suspension_review_overdue
    assert "Revue de la suspension en retard" in row.attention()


def test_overdue_review_and_close_planned_end(services: Services) -> None:
    household = followed(services, "Anne", start=D(2026, 1, 1))  # AVDL 6 months: ends 30 June
    contact(services, household, TODAY)
    row = services.my_households.for_staff()[0]
    assert row.next_review_label == "Bilan d'entrée"
    assert row.next_review_on == D(2026, 2, 1)
    assert row.review_overdue
    assert row.planned_end == D(2026, 6, 30)
    assert row.planned_end_soon
    episode = services.episodes.episodes_for(household)[0]
    services.episodes.record_review(
        episode.id,
        kind=ReviewKind.START,
        due_on=D(2026, 2, 1),
        held_on=D(2026, 2, 3),
        expected_version=current_version(services.episodes, "record_review", episode.id),
    )
    services.episodes.record_review(
        episode.id,
        kind=ReviewKind.MID,
        due_on=D(2026, 3, 31),
        held_on=D(2026, 4, 1),
        expected_version=current_version(services.episodes, "record_review", episode.id),
    )
    row = services.my_households.for_staff()[0]
    assert (row.next_review_label, row.next_review_on, row.review_overdue) == ("Bilan de fin", D(2026, 5, 30), True)


def test_step_down_changes_the_threshold(services: Services) -> None:
    household = followed(services, "Anne", start=D(2026, 1, 1))
    episode = services.episodes.episodes_for(household)[0]
    services.episodes.change_intensity(
        episode.id,
        IntensityChangeInput("veille", D(2026, 5, 1)),
        expected_version=current_version(services.episodes, "change_intensity", episode.id),
    )
    contact(services, household, TODAY - timedelta(days=30))
    row = services.my_households.for_staff()[0]
    assert (row.intensity_label, row.no_contact_threshold, row.no_contact_overdue) == ("Veille", 45, False)


def test_nobody_logged_in_sees_nothing(services: Services, act_as: ActAs) -> None:
    followed(services, "Anne", start=D(2026, 6, 1))
    act_as(services, None)
    assert services.my_households.for_staff() == []


def test_overdue_alerts_of_my_households_are_flagged(
    services: Services, landlord: OrganisationView, clock: FixedClock
) -> None:
    household = new_household(services, "Hélène", "Çelik")
    with_coordinator(services, household.id)  # followed, no support episode yet: nothing else needs attention

    def mine() -> MyHouseholdRow:
        [row] = [r for r in services.my_households.for_staff() if r.household_id == household.id]
        return row

    received = datetime(2026, 6, 12, 15, 0, tzinfo=timezone.utc)  # a Friday: acknowledge by Monday 15/06
    arrears = services.alerts.create(AlertInput("impaye", household.id, landlord.id, received, AlertChannel.TELEPHONE))
    neighbours = services.alerts.create(
        AlertInput("trouble_voisinage", household.id, landlord.id, received, AlertChannel.COURRIER)
    )
    row = mine()
    assert (row.overdue_alerts, row.needs_attention, row.attention()) == (0, False, [])  # due today: not late yet
    clock.today_value = D(2026, 6, 16)
    row = mine()
    assert (row.overdue_alerts, row.needs_attention, row.attention()) == (2, True, ["2 alertes en retard"])
    services.alerts.acknowledge(
        arrears.id, expected_version=current_version(services.alerts, "acknowledge", arrears.id)
    )
    services.alerts.add_action(
        neighbours.id,
        ActionInput(AlertActionKind.APPEL, datetime(2026, 6, 16, 8, 0, tzinfo=timezone.utc)),
        expected_version=current_version(services.alerts, "add_action", neighbours.id),
    )
    row = mine()
    # Acknowledged and acted on; the first action on the arrears is due later.
    assert (row.overdue_alerts, row.needs_attention, row.attention()) == (0, False, [])
    clock.today_value = D(2026, 6, 25)
    assert mine().attention() == ["1 alerte en retard"]  # the first action on the arrears is now late too


def test_a_consent_ending_within_30_days_is_flagged_until_renewed(
    services: Services, landlord: OrganisationView
) -> None:
    household = followed(services, "Anne", start=D(2026, 6, 1))
    person = services.households.open_file(household).members[0].person_id
    services.consents.record_granted(
        household,
        ConsentInput(person, landlord.id, ("identite",), "Fiche navette"),
        signed_on=D(2025, 7, 6),
        expires_on=D(2026, 7, 5),
        filing=FILED,
    )
    row = services.my_households.for_staff()[0]
    assert row.consent_expires_on == D(2026, 7, 5)
    assert row.needs_attention
    assert "Consentement à renouveler (fin le 05/07/2026)" in row.attention()
    services.consents.record_granted(
        household,
        ConsentInput(person, landlord.id, ("identite",), "Fiche navette"),
        signed_on=TODAY,
        expires_on=D(2027, 6, 14),
        filing=FILED,
    )
    assert services.my_households.for_staff()[0].consent_expires_on is None
