"""Meeting types, planning, next dates (F56), the agenda proposed from the records, attendees, visibility."""

from __future__ import annotations

from datetime import date

import pytest

from caseworker.domain import EpisodeStatus, NoteClass, ReviewKind
from caseworker.domain.debrief import AgendaItemKind, MeetingStatus
from caseworker.services import Services
from caseworker.services.directory import OrganisationView, PartnerContactInput, StaffInput
from caseworker.services.errors import ConcurrentChangeError, NotFoundError, TransitionError, ValidationError
from caseworker.services.meetings import (
    AttendeeInput,
    ItemInput,
    ItemMinutes,
    MeetingInput,
    MeetingTypeInput,
    MeetingTypeView,
    MemberInput,
    MinutesInput,
)
from caseworker.services.meetings.glissement import GlissementReviewInput
from caseworker.services.support import OrientationInput
from tests.services.builders import TODAY, new_household
from tests.services.conftest import ActAs
from tests.services.contract_builders import supported_household
from tests.services.meetings.builders import item_of, planned, with_item
from tests.services.support.test_episodes import active_episode
from tests.support.row_versions import current_version

D = date


def test_meeting_types_are_seeded_and_edited(services: Services, landlord: OrganisationView) -> None:
    types = {item.code: item for item in services.meetings.meeting_types()}
    assert (types["cosi"].cadence_months, types["cosi"].household_attends) == (3, True)
    assert types["commission_admission"].admission_commission
    assert types["synthese"].cadence_months is None
    contact = services.directory.create_partner_contact(
        PartnerContactInput(landlord.id, "Sophie", "Morel", role_code="gestion_locative")
    )
    me = services.context.actor.staff_member_id
    edited = services.meetings.update_type(
        "cosi",
        MeetingTypeInput(
            "COSI (comité de suivi)",
            3,
            True,
            (
                MemberInput(staff_member_id=me, capacity="Référente"),
                MemberInput(partner_contact_id=contact.id, capacity="Bailleur"),
                MemberInput(name="M. Garnier", capacity="DDETS"),
            ),
        ),
        expected_version=types["cosi"].row_version,
    )
    assert [member.name for member in edited.members] == ["Claire MARTIN", "Sophie MOREL", "M. Garnier"]
    meeting = planned(services)
    assert [(item.name, item.capacity, item.present) for item in meeting.attendees] == [
        ("Claire MARTIN", "Référente", True),
        ("Sophie MOREL", "Bailleur", True),
        ("M. Garnier", "DDETS", True),
    ]
    with pytest.raises(ValidationError) as refused:
        services.meetings.update_type(
            "cosi", MeetingTypeInput(" ", 0, True, (MemberInput(),)), expected_version=edited.row_version
        )
    assert set(refused.value.errors) == {"label", "cadence_months", "members.0"}
    assert "entre 1 et 24" in refused.value.errors["cadence_months"]


def _cosi(services: Services) -> MeetingTypeView:
    return next(item for item in services.meetings.meeting_types(active_only=False) if item.code == "cosi")


def test_two_people_editing_the_cosi_s_members_the_second_save_is_refused(services: Services, act_as: ActAs) -> None:
    """Claire and Paul open the COSI's settings; Paul saves first; Claire's save, typed against the version both
    read, is refused in French and writes nothing: Paul's members stay, and Claire saves once she read them."""
    claire = services.context.actor.staff_member_id
    own = services.setup.own_organisation_id()
    assert claire is not None and own is not None
    paul = services.directory.create_staff(StaffInput("Paul", "Roux", "travailleur_social", own)).id
    read_by_claire = _cosi(services)
    act_as(services, paul)
    read_by_paul = _cosi(services)
    assert read_by_paul.row_version == read_by_claire.row_version == 1
    pauls = MeetingTypeInput("COSI", 3, True, (MemberInput(staff_member_id=paul, capacity="Référent"),))
    saved = services.meetings.update_type("cosi", pauls, expected_version=read_by_paul.row_version)
    assert saved.row_version == read_by_paul.row_version + 1
    act_as(services, claire)
    claires = MeetingTypeInput("COSI trimestriel", 4, False, (MemberInput(name="M. Garnier", capacity="DDETS"),))
    with pytest.raises(ConcurrentChangeError) as refused:
        services.meetings.update_type("cosi", claires, expected_version=read_by_claire.row_version)
    assert str(refused.value).startswith("Ce type de réunion a été modifié par une autre personne")
    assert "Vos saisies sont conservées" in str(refused.value)
    kept = _cosi(services)  # nothing of Claire's is written, nothing of Paul's is lost
    assert (kept.label, kept.cadence_months, kept.household_attends) == ("COSI", 3, True)
    assert [(m.staff_member_id, m.capacity) for m in kept.members] == [(paul, "Référent")]
    assert kept.row_version == saved.row_version
    again = services.meetings.update_type("cosi", claires, expected_version=kept.row_version)
    assert [m.name for m in again.members] == ["M. Garnier"] and again.row_version == kept.row_version + 1
    with pytest.raises(NotFoundError):
        services.meetings.update_type("disparu", claires, expected_version=1)


def test_plan_cancel_and_list(services: Services) -> None:
    later = planned(services, on=D(2026, 9, 15))
    urgent = services.meetings.plan(MeetingInput("cosi", D(2026, 7, 1), urgent=True))
    assert [item.id for item in services.meetings.upcoming()] == [urgent.id, later.id]
    cancelled = services.meetings.cancel(later.id, expected_version=later.row_version)
    assert cancelled.status is MeetingStatus.CANCELLED and cancelled.status_label == "Annulée"
    assert [item.id for item in services.meetings.upcoming("cosi")] == [urgent.id]
    assert [item.id for item in services.meetings.past()] == [later.id]
    with pytest.raises(ConcurrentChangeError):  # typed against the version before the cancellation
        services.meetings.cancel(later.id, expected_version=later.row_version)
    with pytest.raises(ValidationError, match="Type de réunion"):
        services.meetings.plan(MeetingInput("inconnu", TODAY))
    with pytest.raises(NotFoundError):
        services.meetings.meeting(999_999)


def test_next_dates_follow_the_cadence(services: Services) -> None:
    """F56: the last COSI item of the household plus the cadence, else the episode's start plus the cadence."""
    household_id, episode_id = active_episode(services, start=D(2026, 1, 5))
    proposal = services.meetings.next_dates("cosi")
    assert [(item.household_id, item.due_on, item.basis) for item in proposal] == [
        (household_id, D(2026, 4, 5), "Début de l'accompagnement le 05/01/2026")
    ]
    meeting = with_item(services, planned(services, on=D(2026, 5, 4)), household_id, episode_id=episode_id)
    assert services.meetings.next_dates("cosi")[0].due_on == D(2026, 4, 5)  # planned is not held
    services.meetings.record_minutes(
        meeting.id,
        MinutesInput(items=(ItemMinutes(meeting.items[0].id, household_present=True),)),
        expected_version=meeting.row_version,
    )
    proposal = services.meetings.next_dates("cosi")
    assert [(item.due_on, item.basis) for item in proposal] == [(D(2026, 8, 4), "Dernier passage le 04/05/2026")]
    assert services.meetings.next_dates("synthese") == []  # on demand: no cadence


def test_the_agenda_proposes_reviews_planned_ends_and_glissements(
    services: Services, landlord: OrganisationView
) -> None:
    supported = supported_household(services, landlord)  # AVDL since 01/09/2025, sub-lease in bail glissant
    review = services.meetings.open_glissement_review(
        supported.household_id, GlissementReviewInput(D(2026, 9, 1), regular_payment=True, insurance=True)
    )
    assert not review.criteria_met
    meeting = planned(services)
    proposals = services.meetings.propose_agenda(meeting.id)
    # AVDL lasts six months: its reviews and its planned end (28/02/2026) are overdue, and still to decide; the
    # end review covers the entry and mid-term ones missed before it.
    assert [(item.kind, item.due_on) for item in proposals] == [
        (AgendaItemKind.REVIEW, D(2026, 1, 28)),
        (AgendaItemKind.EXTENSION, D(2026, 2, 28)),
        (AgendaItemKind.GLISSEMENT, D(2026, 9, 1)),
    ]
    assert proposals[0].label == "Bilan de fin — échéance le 28/01/2026"
    assert proposals[1].label == "Fin prévue le 28/02/2026 : sortie, prolongation ou passage de relais"
    assert proposals[2].glissement_review_id == review.id
    assert {item.household_name for item in proposals} == {"ÇELIK Hélène"}
    chosen = proposals[0]
    meeting = services.meetings.add_items(
        meeting.id,
        [
            ItemInput(chosen.kind, chosen.label, chosen.household_id, chosen.episode_id, None, chosen.due_on),
        ],
        expected_version=meeting.row_version,
    )
    assert meeting.items[0].review_kind is ReviewKind.END
    assert meeting.items[0].episode_version is not None
    assert len(services.meetings.propose_agenda(meeting.id)) == 2  # what the agenda holds is not proposed again
    services.episodes.record_review(
        supported.episode_id,
        kind=ReviewKind.END,
        due_on=D(2026, 1, 28),
        held_on=D(2026, 2, 2),
        expected_version=current_version(services.episodes, "record_review", supported.episode_id),
    )
    assert [item.kind for item in services.meetings.propose_agenda(meeting.id)] == [
        AgendaItemKind.EXTENSION,
        AgendaItemKind.GLISSEMENT,
    ]  # once the end review is held, the earlier ones are not brought up again


def test_the_horizon_is_the_next_meeting_of_the_type(services: Services) -> None:
    active_episode(services, start=D(2026, 3, 1))  # reviews 01/04, 30/05 and 31/07; planned end 31/08/2026
    meeting = planned(services)
    due = [(item.kind, item.due_on) for item in services.meetings.propose_agenda(meeting.id)]
    assert due == [(AgendaItemKind.REVIEW, D(2026, 7, 31)), (AgendaItemKind.EXTENSION, D(2026, 8, 31))]
    planned(services, on=D(2026, 7, 1))  # the next COSI decides what falls after it
    assert [item.due_on for item in services.meetings.propose_agenda(meeting.id)] == [D(2026, 5, 31)]
    services.meetings.plan(MeetingInput("cosi", D(2026, 6, 20), urgent=True))  # an urgent session is no horizon
    assert len(services.meetings.propose_agenda(meeting.id)) == 1


def test_the_admission_commission_proposes_the_waiting_list(services: Services) -> None:
    household = new_household(services, "Anne", "Durand")
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=D(2026, 5, 2))
    )
    active_episode(services)  # running: not a candidate
    meeting = planned(services, "commission_admission")
    proposals = services.meetings.propose_agenda(meeting.id)
    assert [(item.kind, item.episode_id, item.label) for item in proposals] == [
        (AgendaItemKind.ADMISSION, episode.id, "Candidature orientée le 02/05/2026")
    ]
    assert episode.status is EpisodeStatus.ORIENTATION_RECUE


def test_items_are_added_removed_and_reordered(services: Services) -> None:
    first, _ = active_episode(services)
    second = new_household(services, "Bruno", "Petit").id
    meeting = planned(services)
    meeting = services.meetings.add_items(
        meeting.id,
        [
            ItemInput(AgendaItemKind.SITUATION, "Point de situation", first),
            ItemInput(AgendaItemKind.SITUATION, "Relogement", second),
            ItemInput(AgendaItemKind.SITUATION, "Organisation des astreintes"),
        ],
        expected_version=meeting.row_version,
    )
    ids = [item.id for item in meeting.items]
    meeting = services.meetings.reorder_items(meeting.id, ids[::-1], expected_version=meeting.row_version)
    assert [item.id for item in meeting.items] == ids[::-1]
    meeting = services.meetings.remove_item(meeting.id, ids[1], expected_version=meeting.row_version)
    assert [item.label for item in meeting.items] == ["Organisation des astreintes", "Point de situation"]
    with pytest.raises(ValidationError, match="indiquez lequel"):
        services.meetings.add_items(
            meeting.id, [ItemInput(AgendaItemKind.REVIEW, "Bilan")], expected_version=meeting.row_version
        )
    with pytest.raises(ValidationError, match="commission d'admission"):
        services.meetings.add_items(
            meeting.id,
            [ItemInput(AgendaItemKind.ADMISSION, "Admission", first, services.episodes.episodes_for(first)[0].id)],
            expected_version=meeting.row_version,
        )
    meeting = services.meetings.set_attendees(
        meeting.id,
        [AttendeeInput("Mme Lucas", "CCAS", present=False)],
        expected_version=meeting.row_version,
    )
    assert [(item.name, item.present) for item in meeting.attendees] == [("Mme Lucas", False)]
    held = services.meetings.record_minutes(meeting.id, MinutesInput(), expected_version=meeting.row_version)
    with pytest.raises(TransitionError, match="déjà tenue"):
        services.meetings.remove_item(meeting.id, ids[0], expected_version=held.meeting.row_version)


def test_a_referent_sees_the_meeting_but_only_the_items_of_their_households(services: Services, act_as: ActAs) -> None:
    mine, _ = active_episode(services)
    own = next(item for item in services.directory.list_organisations() if item.is_own)
    colleague = services.directory.create_staff(
        StaffInput(first_name="Paul", last_name="Roux", role_code="travailleur_social", organisation_id=own.id)
    )
    meeting = with_item(services, planned(services), mine)
    meeting = services.meetings.add_items(
        meeting.id, [ItemInput(AgendaItemKind.SITUATION, "Ordre du jour général")], expected_version=meeting.row_version
    )
    assert item_of(meeting, mine).household_name == "ÇELIK Hélène"
    act_as(services, colleague.id)
    seen = services.meetings.meeting(meeting.id)
    assert [item.label for item in seen.items] == ["Ordre du jour général"]
    assert services.meetings.upcoming()[0].item_count == 1
    assert services.meetings.propose_agenda(meeting.id) == []
    assert services.meetings.next_dates("cosi") == []
    with pytest.raises(ValidationError, match="introuvable"):
        services.meetings.add_items(
            seen.id, [ItemInput(AgendaItemKind.SITUATION, "Intrus", mine)], expected_version=seen.row_version
        )
    with pytest.raises(ValidationError, match="ordre du jour a changé"):
        services.meetings.reorder_items(seen.id, [item.id for item in meeting.items], expected_version=seen.row_version)


def test_an_item_typed_by_hand_names_a_household_its_writer_sees(services: Services, act_as: ActAs) -> None:
    """Typed by hand: a title, and a household among those the person sees (with its running support, so the
    minutes may decide on it), or none at all; an empty or oversized title is refused under its field."""
    followed, episode_id = active_episode(services)
    waiting = new_household(services, "Marc", "Dupont").id  # no support running
    assert services.meetings.running_support(followed) == episode_id
    assert services.meetings.running_support(waiting) is None
    meeting = planned(services)
    meeting = services.meetings.add_items(
        meeting.id,
        [
            ItemInput(
                AgendaItemKind.SITUATION,
                "Plainte d'un voisin",
                followed,
                services.meetings.running_support(followed),
            ),
            ItemInput(AgendaItemKind.SITUATION, "  Astreintes   d'été "),
        ],
        expected_version=meeting.row_version,
    )
    assert [(i.label, i.household_id, i.episode_id, i.note_class) for i in meeting.items] == [
        ("Plainte d'un voisin", followed, episode_id, NoteClass.REFERENTS),
        ("Astreintes d'été", None, None, NoteClass.EQUIPE),  # no referents to read it: the team's
    ]
    with pytest.raises(ValidationError) as refused:
        services.meetings.add_items(
            meeting.id,
            [ItemInput(AgendaItemKind.SITUATION, " "), ItemInput(AgendaItemKind.SITUATION, "x" * 301)],
            expected_version=meeting.row_version,
        )
    assert refused.value.errors["items.0.label"] == "Intitulé : ce champ est obligatoire."
    assert "300" in refused.value.errors["items.1.label"]
    general = meeting.items[1]
    held = services.meetings.record_minutes(  # its note, in the class the dialog shows, is written and read back
        meeting.id,
        MinutesInput(items=(ItemMinutes(general.id, note="Planning validé", note_class=general.note_class),)),
        expected_version=meeting.row_version,
    )
    assert held.meeting.items[1].note == "Planning validé"
    meeting = held.meeting
    own = services.setup.own_organisation_id()
    assert own is not None
    paul = services.directory.create_staff(StaffInput("Paul", "Roux", "travailleur_social", own)).id
    act_as(services, paul)
    assert services.meetings.running_support(followed) is None  # on no household's team: none it may name
