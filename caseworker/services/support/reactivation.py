"""Reactivation in two clicks: a new episode linked to the previous one, where the team decides (docs/domain.md §14.3).

**Réactiver** on an episode in after-care (or closed) opens, in one transaction, a new episode of the same measure
pointing to it (``previous_episode_id``), at the step the team chooses — *orientation reçue*, *accord de
principe*, *en attente* or directly *actif* (at an intensity level, with a coordinator on the team that day). The
running after-care ends that day with the reason *réactivation* (and its watch-list entry with it). Members of the
team on the previous episode's last day who have left since may rejoin from that day, with their former role.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, EpisodeStatus
from caseworker.domain.aftercare import AfterCareEndReason
from caseworker.models import Episode, Measure, TeamMembership
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ValidationError
from caseworker.services.identity import staff_display_name
from caseworker.services.reference import Choice
from caseworker.services.row_versions import claim_version
from caseworker.services.support.aftercare import after_care_on, end_after_care_in, refresh_after_care_flags
from caseworker.services.support.coordination import current_coordinator, hand_over, has_coordinator_on
from caseworker.services.support.episode_records import check_step_date, load_episode, record_transition
from caseworker.services.support.episode_views import EpisodeView, episode_view
from caseworker.services.support.intensity import level_of, open_period
from caseworker.services.support.memberships import audit_created, may_coordinate, with_people
from caseworker.services.support.states import ENDED
from caseworker.services.validation import LONG_TEXT_MAX, Problems

STARTS = (
    EpisodeStatus.ORIENTATION_RECUE,
    EpisodeStatus.ACCORD_DE_PRINCIPE,
    EpisodeStatus.EN_ATTENTE,
    EpisodeStatus.ACTIF,
)
"""Where a reactivated episode may start."""

REACTIVABLE = frozenset({EpisodeStatus.APRES_ACCOMPAGNEMENT, EpisodeStatus.CLOTURE})
"""Which episodes may be reactivated: those whose support started and ended (not a referral *sans suite*)."""


@dataclass(frozen=True)
class ReactivationInput:
    """The new episode: its first day, where it starts, its level when active, who rejoins the team."""

    on: date
    start: EpisodeStatus = EpisodeStatus.ACTIF
    level_code: str | None = None  # required when ``start`` is *actif*
    rejoin_staff_ids: tuple[int, ...] = ()  # members of the last team who left since
    note: str = ""
    coordinator_staff_id: int | None = None  # name this member coordinator from ``on`` when nobody coordinates


@dataclass(frozen=True)
class ReactivationProposal:
    """What the reactivation dialog pre-fills: the measure, the team, the levels, where to start."""

    previous_episode_id: int
    previous_version: int
    measure_code: str
    measure_name: str
    levels: list[Choice]
    default_level: str  # the level the previous episode ended at, when still offered ("": the measure's first)
    current_team: list[str]  # "Prénom NOM (rôle)", coordinator first
    coordinator: str  # "" when nobody coordinates today
    # When nobody coordinates today: who to name (the last coordinator still on the team, else the after-care
    # referent), as a choice (code = staff id); None when someone coordinates or nobody may.
    proposed_coordinator: Choice | None
    former_members: list[Choice]  # code = staff id as text: on the last team, not on the team today
    after_care_caption: str  # "" when no after-care runs


class ReactivationService:
    """Proposes and records the reactivation of an ended episode."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def proposal(self, episode_id: int) -> ReactivationProposal:
        """What reactivating ``episode_id`` today would pre-fill."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            episode = load_episode(session, episode_id)
            _check_reactivable(session, episode)
            levels = [level for level in episode.measure.levels if level.active]
            last_level = max(episode.intensity_periods, key=lambda period: period.start_date, default=None)
            default = last_level.level.code if last_level and last_level.level.active else ""
            coordinator = current_coordinator(session, episode.household_id)
            after_care = after_care_on(session, episode.household_id, today)
            return ReactivationProposal(
                previous_episode_id=episode.id,
                previous_version=episode.row_version,
                measure_code=episode.measure.code,
                measure_name=episode.measure.name,
                levels=[Choice(level.code, level.label) for level in levels],
                default_level=default or (levels[0].code if levels else ""),
                current_team=_current_team(session, episode.household_id),
                coordinator=_name(coordinator) if coordinator is not None else "",
                proposed_coordinator=None
                if coordinator is not None
                else _proposed_coordinator(session, episode, after_care.referent_id if after_care else None),
                former_members=[Choice(str(row.staff_member_id), _name(row)) for row in _former(session, episode)],
                after_care_caption=after_care.caption(today) if after_care is not None else "",
            )

    def reactivate(self, episode_id: int, data: ReactivationInput, *, expected_version: int) -> EpisodeView:
        """Open the new episode linked to ``episode_id`` (ending its after-care); return the new episode."""
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        if data.start not in STARTS:
            problems.add("start", "Étape de départ : choisissez une valeur dans la liste.")
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            previous = load_episode(session, episode_id)
            _check_reactivable(session, previous)
            check_step_date(problems, previous, data.on, today, field="on")
            if previous.end_date is not None and data.on < previous.end_date:
                problems.add("on", "La réactivation ne peut pas précéder la fin de l'accompagnement précédent.")
            _check_measure_free(session, previous, problems)
            level = level_of(previous, data.level_code, problems) if data.start is EpisodeStatus.ACTIF else None
            if data.start is EpisodeStatus.ACTIF and data.level_code is None:
                problems.add("level_code", "Niveau d'intensité : choisissez une valeur dans la liste.")
            former = {row.staff_member_id: row for row in _former(session, previous)}
            unknown = [staff_id for staff_id in data.rejoin_staff_ids if staff_id not in former]
            if unknown:
                problems.add(
                    "rejoin", "Seuls les membres de la dernière équipe qui l'ont quittée peuvent la rejoindre."
                )
            problems.raise_if_any()
            if previous.status is EpisodeStatus.APRES_ACCOMPAGNEMENT:
                # A window that passed unclosed (« à clore ») ended with it: the return is not from after-care.
                lapsed = after_care_on(session, previous.household_id, data.on) is None
                reason = AfterCareEndReason.FIN_DE_FENETRE if lapsed else AfterCareEndReason.REACTIVATION
                end_after_care_in(session, self._ctx, previous, reason, data.on)
            for staff_id in dict.fromkeys(data.rejoin_staff_ids):
                _rejoin(session, self._ctx, former[staff_id], data.on)
            if data.coordinator_staff_id is not None and not has_coordinator_on(
                session, previous.household_id, data.on
            ):
                _name_coordinator(session, self._ctx, previous.household_id, data.coordinator_staff_id, data.on)
            if data.start is EpisodeStatus.ACTIF and not has_coordinator_on(session, previous.household_id, data.on):
                raise ValidationError(
                    {
                        "coordinator": "Personne ne coordonne l'équipe à cette date : faites revenir le référent "
                        "coordinateur, ou réactivez en « Orientation reçue » et désignez-en un (onglet Équipe)."
                    }
                )
            episode = _open(session, self._ctx, previous, data.on, note)
            if data.start in (EpisodeStatus.ACCORD_DE_PRINCIPE, EpisodeStatus.EN_ATTENTE):
                record_transition(session, self._ctx, episode, episode.status, data.start, data.on, "Réactivation")
            elif data.start is EpisodeStatus.ACTIF:
                assert level is not None
                episode.start_date = data.on
                record_transition(session, self._ctx, episode, episode.status, data.start, data.on, "Réactivation")
                open_period(session, self._ctx, episode, level, data.on, "Réactivation", "")
            refresh_after_care_flags(session, previous.household_id, data.on)
            return episode_view(session, load_episode(session, episode.id), today)


def _check_reactivable(session: Session, episode: Episode) -> None:
    """Only the latest episode of a chain, once its support ended, is reactivated (never one already followed)."""
    if episode.status not in REACTIVABLE or episode.start_date is None:
        raise ValidationError(
            {"status": "Seul un accompagnement terminé (clôturé ou en suivi post-accompagnement) peut être réactivé."}
        )
    if session.scalar(select(exists().where(Episode.previous_episode_id == episode.id))):
        raise ValidationError(
            {"status": "Cet accompagnement a déjà été suivi d'un autre : c'est le plus récent qui se réactive."}
        )


def _check_measure_free(session: Session, previous: Episode, problems: Problems) -> None:
    """A household has one episode under way per measure: none but the previous one may be."""
    others = session.scalar(
        select(func.count(Episode.id)).where(
            Episode.household_id == previous.household_id,
            Episode.measure_id == previous.measure_id,
            Episode.id != previous.id,
            Episode.status.not_in(list(ENDED)),  # one in after-care is under way too: it is the one to reactivate
        )
    )
    if others:
        problems.add(
            "on",
            f"Le ménage a déjà un accompagnement « {previous.measure.name} » en cours : il n'y a rien à réactiver.",
        )


def _proposed_coordinator(session: Session, previous: Episode, after_care_referent: int | None) -> Choice | None:
    """Who to name coordinator when nobody coordinates: the last coordinator still on the team, else the referent."""
    rows = session.scalars(
        with_people(select(TeamMembership)).where(
            TeamMembership.household_id == previous.household_id,
            TeamMembership.staff_member_id.is_not(None),
            TeamMembership.end_date.is_(None),
        )
    ).all()
    current = {row.staff_member_id: row for row in rows if may_coordinate(row)}
    past = session.scalars(
        select(TeamMembership.staff_member_id)
        .where(TeamMembership.household_id == previous.household_id, TeamMembership.is_coordinator.is_(True))
        .order_by(TeamMembership.start_date.desc())
    ).all()
    for staff_id in (*past, after_care_referent):
        if staff_id in current:
            return Choice(str(staff_id), _name(current[staff_id]))
    return None


def _name_coordinator(session: Session, ctx: ServiceContext, household_id: int, staff_id: int, on: date) -> None:
    """Make a current member who may coordinate the coordinator from ``on`` (nobody coordinates then)."""
    membership = session.scalar(
        with_people(select(TeamMembership)).where(
            TeamMembership.household_id == household_id,
            TeamMembership.staff_member_id == staff_id,
            TeamMembership.end_date.is_(None),
        )
    )
    if membership is None or not may_coordinate(membership):
        raise ValidationError({"coordinator": "Ce professionnel ne peut pas coordonner l'équipe du ménage."})
    if on < membership.start_date:
        raise ValidationError({"coordinator": "Le coordinateur doit faire partie de l'équipe à cette date."})
    hand_over(session, ctx, membership, coordinating=True, on=on)


def _open(session: Session, ctx: ServiceContext, previous: Episode, on: date, note: str) -> Episode:
    """The new episode, *orientation reçue* on ``on``, same measure and funders, linked to ``previous``."""
    measure = session.get(Measure, previous.measure_id)
    assert measure is not None
    episode = Episode(
        household_id=previous.household_id,
        measure_id=previous.measure_id,
        status=EpisodeStatus.ORIENTATION_RECUE,
        funders=previous.funders,
        referral_source_id=None,
        referral_note=note,
        orientation_date=on,
        previous_episode_id=previous.id,
    )
    session.add(episode)
    session.flush()
    record_transition(session, ctx, episode, None, EpisodeStatus.ORIENTATION_RECUE, on, "Réactivation")
    audit.record(session, ctx, AuditAction.CREATE, "episode", episode.id, household_id=episode.household_id)
    return load_episode(session, episode.id)


def _former(session: Session, previous: Episode) -> list[TeamMembership]:
    """Staff on the team on the previous episode's last day who are on it no more (one row each, the latest)."""
    last_day = (previous.end_date or previous.start_date or previous.orientation_date) - timedelta(days=1)
    last_day = max(last_day, previous.start_date or previous.orientation_date)
    rows = session.scalars(
        with_people(select(TeamMembership)).where(
            TeamMembership.household_id == previous.household_id, TeamMembership.staff_member_id.is_not(None)
        )
    ).all()
    current = {row.staff_member_id for row in rows if row.end_date is None}
    then = [
        row
        for row in rows
        if row.start_date <= last_day
        and (row.end_date is None or row.end_date >= last_day)
        and row.staff_member_id not in current
        and row.staff_member is not None
        and row.staff_member.active
    ]
    latest: dict[int, TeamMembership] = {}
    for row in sorted(then, key=lambda item: item.start_date):
        assert row.staff_member_id is not None
        latest[row.staff_member_id] = row
    return sorted(latest.values(), key=_name)


def _rejoin(session: Session, ctx: ServiceContext, former: TeamMembership, on: date) -> None:
    """Bring a former member back from ``on`` with their role; they coordinate if nobody does and they may."""
    if former.end_date is not None and on <= former.end_date:
        raise ValidationError(
            {"rejoin": f"{_name(former)} faisait encore partie de l'équipe à cette date : choisissez une date après."}
        )
    coordinates = current_coordinator(session, former.household_id) is None and may_coordinate(former)
    membership = TeamMembership(
        household_id=former.household_id,
        staff_member_id=former.staff_member_id,
        role_id=former.role_id,
        is_coordinator=coordinates,
        start_date=on,
        end_reason="",
    )
    session.add(membership)
    session.flush()
    audit_created(session, ctx, membership)


def _current_team(session: Session, household_id: int) -> list[str]:
    rows = session.scalars(
        with_people(select(TeamMembership)).where(
            TeamMembership.household_id == household_id, TeamMembership.end_date.is_(None)
        )
    ).all()
    ordered = sorted(rows, key=lambda row: (not row.is_coordinator, _name(row)))
    return [f"{_name(row)} ({row.role.label})" for row in ordered]


def _name(membership: TeamMembership) -> str:
    person = membership.staff_member or membership.partner_contact
    return staff_display_name(person.first_name, person.last_name) if person is not None else ""
