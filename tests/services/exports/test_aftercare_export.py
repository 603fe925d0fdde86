"""The « Après-accompagnement » tables of the funder export, on a hand-built world, both backends (§14.6, §13).

Supports are opened, activated and closed through the services; the after-care rows, the after-care contacts and
the encounters outside the contact log are written as rows (the services that record them are built apart), then
the export is previewed and written: each count is checked, its secrecy, and that no place or title leaves.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from sqlalchemy import insert, select, text, update

from caseworker.domain import EpisodeStatus, NoteClass, ObjectivesMet
from caseworker.domain.aftercare import AfterCareEndReason, AfterCareKind, AgeBand, Sex
from caseworker.models import (
    AfterCare,
    CollectiveSession,
    CollectiveSessionAttendee,
    Contact,
    ContactOutcome,
    ContactType,
    DropInVisit,
    Episode,
    Funder,
    OutreachEncounter,
    SessionTheme,
)
from caseworker.services import Services
from caseworker.services.exports import ExportFormat
from caseworker.services.support import ExitInput, OrientationInput
from tests.services.board.test_board import followed
from tests.services.exports.test_exports import REQUEST, START, _as_team_lead
from tests.support.row_versions import current_version

WAIVER = {"waiver_reason": "Le ménage ne souhaite pas de relais."}
PLACE = "Sous le pont Mirabeau"
TITLE = "Atelier chez Mme Kowalczyk"
ROOM = "Salle Rue Secrète"


def _exited(services: Services, first: str, start: date, end: date, measure: str = "avdl") -> tuple[int, int]:
    """A household supported from ``start`` whose support ended on ``end``: (household, episode)."""
    household, episode = followed(services, first, start=start, measure=measure)
    services.episodes.close(
        episode,
        ExitInput(end, "logement_autonome", ObjectivesMet.OUI, **WAIVER),  # type: ignore[arg-type]
        expected_version=current_version(services.episodes, "close", episode),
    )
    return household, episode


def _returned(services: Services, household: int, previous: int, orientation: date, start: date) -> None:
    """A new AVDL support of the household, linked to its previous one, started on ``start``."""
    episode = services.episodes.open_episode(
        household, OrientationInput("avdl", orientation, previous_episode_id=previous)
    )
    services.episodes.activate(
        episode.id,
        on=start,
        level_code="standard",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )


def _write(services: Services, model: Any, rows: list[dict[str, object]]) -> None:
    """Insert rows (one statement: each row names every column any of them names, None by default)."""
    columns = {column for row in rows for column in row}
    with services.context.engine.begin() as connection:
        connection.execute(insert(model), [dict.fromkeys(columns) | row for row in rows])


def _ids(services: Services, model: Any) -> dict[str, int]:
    with services.context.engine.connect() as connection:
        return dict(connection.execute(select(model.code, model.id)).all())


def _after_care(
    services: Services,
    household: int,
    episode: int,
    start: date,
    kind: AfterCareKind = AfterCareKind.DROITS_DE_SUITE,
    *,
    months: int = 12,
    ended: tuple[date, AfterCareEndReason] | None = None,
    funder: str = "fondation",
) -> None:
    planned = date(start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1, start.day)
    _write(
        services,
        AfterCare,
        [
            {
                "episode_id": episode,
                "household_id": household,
                "kind": kind,
                "start_date": start,
                "planned_end": planned - timedelta(days=1),
                "funder_id": _ids(services, Funder)[funder],
                "referent_id": services.context.actor.staff_member_id,
                "ended_on": ended[0] if ended else None,
                "end_reason": ended[1] if ended else None,
            }
        ],
    )
    if ended is None:
        with services.context.engine.begin() as connection:
            connection.execute(
                update(Episode).where(Episode.id == episode).values(status=EpisodeStatus.APRES_ACCOMPAGNEMENT)
            )


def _after_care_contact(services: Services, household: int, day: date, outcome: str = "joint") -> None:
    _write(
        services,
        Contact,
        [
            {
                "household_id": household,
                "occurred_at": datetime(day.year, day.month, day.day, 9, tzinfo=timezone.utc),
                "type_id": _ids(services, ContactType)["telephone"],
                "outcome_id": _ids(services, ContactOutcome)[outcome],
                "after_care": True,
                "note_class": NoteClass.REFERENTS,
                "author_id": services.context.actor.staff_member_id,
            }
        ],
    )


def _world(services: Services) -> dict[str, int]:
    """After-cares around the period (1 January – 15 June 2026), a reactivation, a return, and encounters."""
    ended = date(2025, 12, 1)
    households = {}
    for number in range(5):  # five households in after-care all period
        household, episode = _exited(services, f"Zephyrin{number}", date(2025, 3, 1), ended)
        _after_care(services, household, episode, ended)
        households[f"suivi{number}"] = household
    household, episode = _exited(services, "Court", date(2024, 10, 1), date(2025, 6, 1))
    _after_care(services, household, episode, date(2025, 6, 1), months=6)  # its window passed before the period
    household, episode = _exited(services, "Arret", date(2025, 1, 1), date(2025, 9, 1))
    _after_care(  # ended on the period's first day: it ran until the day before
        services, household, episode, date(2025, 9, 1), AfterCareKind.VEILLE,
        ended=(START, AfterCareEndReason.DEMANDE_DU_MENAGE),
    )  # fmt: skip
    household, episode = _exited(services, "Sav", date(2025, 1, 1), date(2025, 9, 1))
    _after_care(  # ran on the period's first day
        services, household, episode, date(2025, 9, 1), AfterCareKind.SERVICE_APRES_VENTE,
        ended=(START + timedelta(days=1), AfterCareEndReason.DEPART),
    )  # fmt: skip
    household, episode = _exited(services, "Iml", date(2025, 1, 1), ended, measure="iml_sous_location")
    _after_care(services, household, episode, ended)  # another measure: not in the AVDL profile
    household, episode = _exited(services, "Quirinus", date(2025, 1, 1), date(2025, 10, 1))
    _after_care(
        services, household, episode, date(2025, 10, 1), ended=(date(2026, 3, 2), AfterCareEndReason.REACTIVATION)
    )
    _returned(services, household, episode, date(2026, 3, 2), date(2026, 3, 10))
    households["retour"] = household
    household, episode = _exited(services, "Clos", date(2024, 6, 1), date(2025, 5, 1))
    _returned(services, household, episode, date(2026, 1, 20), date(2026, 2, 1))  # came back, no after-care
    _after_care_contact(services, households["retour"], date(2026, 2, 10))  # counted
    _after_care_contact(services, households["retour"], date(2026, 3, 5))  # after the reactivation: not after-care
    _after_care_contact(services, households["suivi0"], date(2026, 4, 7), "non_joint")  # an attempt
    _after_care_contact(services, households["suivi1"], date(2025, 12, 15))  # before the period
    return households


def _encounters(services: Services, households: dict[str, int]) -> None:
    def at(day: int) -> datetime:
        return datetime(2026, 2, day, 9, 30, tzinfo=timezone.utc)

    visits: list[dict[str, object]] = [
        {"occurred_at": at(3), "household_id": households[f"suivi{n}"]} for n in range(5)
    ]
    visits.append({"occurred_at": at(5), "household_id": households["retour"]})
    visits += [{"occurred_at": at(5), "age_band": AgeBand.AGE_25_34, "sex": Sex.HOMME} for _ in range(2)]
    visits.append({"occurred_at": datetime(2025, 12, 2, 9, tzinfo=timezone.utc)})  # before the period
    _write(services, DropInVisit, visits)
    street: list[dict[str, object]] = [{"occurred_at": at(day), "place": PLACE} for day in range(1, 7)]
    street.append(
        {
            "occurred_at": at(9),
            "place": PLACE,
            "household_id": households["suivi2"],
            "attached_at": at(20),
        }
    )
    _write(services, OutreachEncounter, street)
    theme = _ids(services, SessionTheme)["budget"]
    _write(
        services,
        CollectiveSession,
        [
            {"held_on": date(2026, 4, 2), "theme_id": theme, "title": TITLE, "place": ROOM, "anonymous_count": 3},
            {"held_on": date(2026, 5, 7), "theme_id": theme, "title": TITLE, "place": ROOM, "anonymous_count": 0},
            {"held_on": date(2025, 11, 6), "theme_id": theme, "title": TITLE, "place": ROOM, "anonymous_count": 9},
        ],
    )
    with services.context.engine.connect() as connection:
        sessions = list(connection.scalars(select(CollectiveSession.id).order_by(CollectiveSession.held_on)))
    _write(
        services,
        CollectiveSessionAttendee,
        [{"session_id": sessions[1], "household_id": households[f"suivi{n}"]} for n in range(3)]
        + [{"session_id": sessions[2], "household_id": households["suivi4"]}]
        + [{"session_id": sessions[0], "household_id": households["retour"]}],  # before the period
    )


def _table(report: Any, key: str, unit: str = "menage") -> Any:
    return next(t for t in report.tables if t.source.key == key and t.source.unit.value == unit)


def _counts(table: Any) -> dict[str, int]:
    return {row: line[0] for row, line in zip(table.source.rows, table.source.counts, strict=True)}


def _shown(table: Any) -> list[int | None]:
    return [line[0].value for line in table.cells]


def test_after_care_households_contacts_and_reactivations_are_counted_apart(services: Services) -> None:
    _world(services)
    _as_team_lead(services)
    report = services.exports.preview(REQUEST)

    households = _table(report, "after_care_households")
    assert _counts(households) == {"Droits de suite": 6, "Service après-vente": 1, "Veille": 0}
    assert _counts(_table(report, "after_care_households", "personne")) == _counts(households)
    # One after-care of a kind: hidden, and the other so that the total does not give it back; zeros are shown.
    assert _shown(households) == [None, None, 0] and households.grand_total.value == 7
    assert _shown(_table(report, "after_care_households", "personne")) == [None, None, 0]

    contacts = _table(report, "after_care_contacts", "contact")
    assert _counts(contacts) == {"Rencontré ou joint": 1, "Tentative sans contact": 1, "Annulé": 0}
    activity = _table(report, "contacts_by_type", "contact")
    assert activity.source.grand_total == 0  # none of them is the measure's activity

    reactivations = _table(report, "reactivations")
    assert _counts(reactivations) == {
        "Réactivés pendant leur après-accompagnement": 1,
        "Revenus après une clôture": 1,
    }
    entries = _counts(_table(report, "entries"))
    assert entries["Ré-entrée"] == 2 >= reactivations.source.grand_total
    assert _shown(reactivations) == [None, None]


def test_a_profile_with_its_funder_counts_the_after_care_that_funder_pays(services: Services) -> None:
    _world(services)
    with services.context.engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE funder_profile SET funder_id = (SELECT id FROM funder WHERE code = 'ddets') "
                "WHERE code = 'ddets_avdl'"
            )
        )
    household, episode = _exited(services, "Payé", date(2025, 1, 1), date(2025, 12, 1))
    _after_care(services, household, episode, date(2025, 12, 1), funder="ddets")
    _as_team_lead(services)
    report = services.exports.preview(REQUEST)
    assert _counts(_table(report, "after_care_households")) == {
        "Droits de suite": 1,
        "Service après-vente": 0,
        "Veille": 0,
    }


def test_drop_in_street_and_workshops_are_counted_for_the_whole_service_without_a_place(
    services: Services, tmp_path: Path
) -> None:
    households = _world(services)
    _encounters(services, households)
    _as_team_lead(services)
    report = services.exports.preview(REQUEST)

    visits = _table(report, "drop_in_visits", "passage")
    assert _counts(visits) == {"Passages identifiés (ménage connu)": 6, "Passages anonymes": 2}
    assert _shown(visits) == [None, None] and visits.grand_total.value == 8
    assert visits.source.definition.startswith("Pour tout le service")
    street = _table(report, "street_encounters", "rencontre")
    assert _counts(street) == {"Personnes restées anonymes": 6, "Rattachées depuis à un ménage": 1}
    sessions = _table(report, "collective_sessions", "atelier")
    assert _counts(sessions) == {"Gestion du budget": 2} and _shown(sessions) == [2]  # not about anyone
    attendance = _table(report, "session_attendance", "participation")
    assert _counts(attendance) == {
        "Participants nommés (ménage ou personne)": 4,
        "Participants venus sans être nommés": 3,
    }
    assert _shown(attendance) == [None, None] and attendance.grand_total.value == 7

    out = tmp_path / "files"
    out.mkdir()
    texts = []
    for output_format in ExportFormat:
        path = out / f"export.{output_format.value}"
        services.exports.export(REQUEST, output_format, path)
        data = path.read_bytes()
        if output_format is ExportFormat.XLSX:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                texts.append("\n".join(archive.read(name).decode("utf-8") for name in archive.namelist()))
        elif output_format is ExportFormat.PDF:
            texts.append("\n".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(data)))
        else:
            texts.append(data.decode("utf-8-sig"))
        if output_format is ExportFormat.JSON:
            keys = {table["key"] for table in json.loads(data)["tables"]}
            assert {"after_care_households", "drop_in_visits", "session_attendance"} <= keys
    everything = "\n".join(texts)
    assert "Passages à la permanence" in everything
    for secret in ("Mirabeau", "Kowalczyk", "Secrète", "Zephyrin", "Quirinus"):
        assert secret not in everything
