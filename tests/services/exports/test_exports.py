"""Tests of caseworker/services/exports: the funder export through the services, on both backends (§13)."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from caseworker.domain import EpisodeStatus
from caseworker.services import Services
from caseworker.services.errors import ConcurrentChangeError, NotFoundError, TransitionError, ValidationError
from caseworker.services.exports import ExportCancelled, ExportFormat, ExportRequest, ProfileInput
from caseworker.services.support import ContactInput
from tests.services.board.test_board import followed
from tests.services.builders import TODAY, raw_rows
from tests.services.support.test_episodes import team_lead

START = date(2026, 1, 1)
REQUEST = ExportRequest("ddets_avdl", START, TODAY)


def _as_team_lead(services: Services) -> None:
    services.context.actor.staff_member_id = team_lead(services).id


def _world(services: Services, households: int = 6) -> list[int]:
    """``households`` followed under AVDL since January, each met once in March."""
    ids = []
    for number in range(households):
        household, _episode = followed(services, f"Prénom{number}", start=START + timedelta(days=number))
        services.contacts.record_contact(
            household,
            ContactInput(datetime(2026, 3, 2 + number, 10, tzinfo=timezone.utc), "visite_domicile", "rencontre"),
        )
        ids.append(household)
    return ids


def test_the_file_active_of_the_export_is_the_supports_running_today(services: Services) -> None:
    _world(services)
    followed(services, "Iml", start=START, measure="iml_sous_location")  # another measure: not in the AVDL profile
    _as_team_lead(services)
    report = services.exports.preview(REQUEST)
    file_active = next(t for t in report.tables if t.source.key == "file_active" and t.source.unit.value == "menage")
    running = sum(
        1
        for household in services.households.list_page("").rows
        for episode in services.episodes.episodes_for(household.id)
        if episode.measure_code == "avdl" and episode.status in (EpisodeStatus.ACTIF, EpisodeStatus.SUSPENDU)
    )
    assert file_active.grand_total is not None and file_active.grand_total.value == running == 6
    entrants = next(r for r in report.rates if r.source.key == "entrants_met" and r.source.unit.value == "menage")
    assert entrants.text() == "6/6 au 15/06/2026 (ménages entrés dans la période)"


def test_only_someone_who_sees_every_household_exports(services: Services) -> None:
    _world(services, 1)
    with pytest.raises(TransitionError, match="seul un chef de service"):
        services.exports.preview(REQUEST)


def test_an_export_is_written_logged_with_its_hash_and_the_same_data_give_the_same_bytes(
    services: Services, tmp_path: Path
) -> None:
    _world(services)
    _as_team_lead(services)
    out = tmp_path / "exports"
    out.mkdir()
    first = services.exports.export(REQUEST, ExportFormat.JSON, out / "avdl.json")
    second = services.exports.export(REQUEST, ExportFormat.JSON, out / "again.json")
    data = (out / "avdl.json").read_bytes()
    assert first.sha256 == hashlib.sha256(data).hexdigest() == second.sha256
    assert data == (out / "again.json").read_bytes()
    assert json.loads(data)["parameters"]["profile_label"] == "DDETS – AVDL"
    runs = raw_rows(services, "SELECT profile_code, output_format, output_sha256, staff_member_id FROM export_run")
    assert runs[0][:3] == ("ddets_avdl", "json", first.sha256)
    events = raw_rows(
        services,
        "SELECT action, entity_type, entity_id, fields, staff_member_id FROM audit_event "
        "WHERE entity_type = 'export_run' ORDER BY id",
    )
    assert events[0][:3] == ("EXPORT", "export_run", first.run_id)
    # The funder, budget and worksheet the figures were computed with (none here), beside the file's hash.
    assert f"format=json,funder=,sha256={first.sha256}" in events[0][3] and "budget_cents=," in events[0][3]
    # Who exported: the person logged in (on the team's server, the login signs both, whatever the client says).
    assert runs[0][3] == events[0][4] is not None
    assert sorted(path.name for path in out.iterdir()) == ["again.json", "avdl.json"]  # no temporary file left


def test_a_cancelled_export_writes_nothing_and_logs_nothing(services: Services, tmp_path: Path) -> None:
    _world(services, 2)
    _as_team_lead(services)
    out = tmp_path / "exports"
    out.mkdir()
    with pytest.raises(ExportCancelled):
        services.exports.export(REQUEST, ExportFormat.CSV, out / "x.csv", cancelled=lambda: True)
    assert list(out.iterdir()) == []
    assert raw_rows(services, "SELECT count(*) FROM export_run") == [(0,)]


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (ExportRequest("ddets_avdl", TODAY, START), "period_end"),
        (ExportRequest("ddets_avdl", date(1850, 1, 1), TODAY), "period_start"),
        (ExportRequest("ddets_avdl", date(2015, 1, 1), TODAY), "period_end"),
        (ExportRequest("ddets_avdl", START, TODAY, as_of=START - timedelta(days=1)), "as_of"),
    ],
)
def test_an_implausible_period_is_refused_with_a_french_message(
    services: Services, request_: ExportRequest, field: str
) -> None:
    _as_team_lead(services)
    with pytest.raises(ValidationError) as error:
        services.exports.preview(request_)
    assert field in error.value.errors


def test_an_unknown_profile_is_not_found(services: Services) -> None:
    _as_team_lead(services)
    with pytest.raises(NotFoundError, match="Profil d'export inconnu"):
        services.exports.preview(ExportRequest("nope", START, TODAY))


def test_the_profiles_are_seeded_for_the_usual_funders(services: Services) -> None:
    labels = [profile.label for profile in services.export_profiles.profiles()]
    assert labels[:4] == [
        "DDETS – AVDL",
        "DDETS – IML",
        "Conseil départemental – ASLL",
        "DIHAL – Logement d'abord",
    ]


@pytest.fixture(params=["Europe/Paris", "America/Guadeloupe"])
def local_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The process's local time is this zone's (the database keeps UTC; a contact's day is its local day)."""
    import time as clock

    monkeypatch.setenv("TZ", request.param)
    clock.tzset()
    yield ZoneInfo(request.param)
    monkeypatch.undo()
    clock.tzset()


def test_a_contact_counts_by_its_local_day_at_the_edges_of_the_support(
    services: Services, local_zone: ZoneInfo
) -> None:
    """The database knows UTC days; the edges are decided in memory by the local day, ahead of UTC (Paris) or
    behind it (Guadeloupe)."""
    from sqlalchemy import update

    from caseworker.models import Contact, Episode

    household, episode = followed(services, "Bord", start=date(2026, 2, 2))
    with services.context.transaction() as session:  # the support ended on 3 March (its first day out)
        session.execute(update(Episode).where(Episode.id == episode).values(end_date=date(2026, 3, 3)))

    def contact(day: date, hour: int, minute: int, *, after_care: bool = False) -> None:
        moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=local_zone).astimezone(timezone.utc)
        services.contacts.record_contact(household, ContactInput(moment, "telephone", "rencontre"))
        if after_care:  # the after-care flag is set by the after-care capability (issue 16): here by hand
            with services.context.transaction() as session:
                session.execute(update(Contact).where(Contact.occurred_at == moment).values(after_care=True))

    contact(date(2026, 2, 1), 23, 30)  # the day before the start
    contact(date(2026, 2, 2), 0, 30)  # the first day: counted
    contact(date(2026, 2, 15), 12, 0)  # counted
    contact(date(2026, 2, 16), 12, 0, after_care=True)  # after-care: never the measure's
    contact(date(2026, 3, 2), 23, 30)  # the last day: counted
    contact(date(2026, 3, 3), 0, 30)  # the first day out
    _as_team_lead(services)
    report = services.exports.preview(ExportRequest("ddets_avdl", date(2026, 1, 1), TODAY))
    by_type = next(t for t in report.tables if t.source.key == "contacts_by_type")
    assert by_type.source.grand_total == 3


def test_the_file_active_on_the_board_is_the_exports(services: Services) -> None:
    """The same definition on both sides (docs/domain.md §13): started, not yet ended; suspended among them."""
    from sqlalchemy import select

    from caseworker.models import Measure
    from caseworker.services.board import BoardFilter, PanelKind
    from caseworker.services.support import SuspensionInput
    from tests.support.row_versions import current_version

    households = _world(services, 6)
    followed(services, "Iml", start=START, measure="iml_sous_location")  # another measure
    paused = services.episodes.episodes_for(households[0])[0]
    services.episodes.suspend(
        paused.id,
        SuspensionInput(date(2026, 6, 1), "hospitalisation"),
        expected_version=current_version(services.episodes, "suspend", paused.id),
    )
    _as_team_lead(services)
    with services.context.read() as session:
        avdl = session.scalars(select(Measure.id).where(Measure.code == "avdl")).one()
    board = services.board.board(BoardFilter(measure_id=avdl))
    caseloads = next(panel for panel in board.panels if panel.kind is PanelKind.CASELOADS)
    assert caseloads.note == "file active : 6 accompagnements en cours, dont 1 suspendu"
    report = services.exports.preview(ExportRequest("ddets_avdl", START, TODAY))
    table = next(t for t in report.tables if t.source.key == "file_active" and t.source.unit.value == "menage")
    assert table.source.counts == ((5,), (1,))  # actif, suspendu
    assert table.source.grand_total == 6  # what the board says
    # Published, one suspended is hidden, and so the 5 active (else 6 − 5 gives it away), and even the total: with
    # both parts at least 1, a total of 6 would pin each between 1 and 5, narrower than the threshold.
    assert [cell.value for cell in table.row_totals] == [None, None]
    assert table.grand_total is not None and table.grand_total.value is None


def test_a_profile_asking_for_some_indicators_gets_those_only(services: Services) -> None:
    from sqlalchemy import update

    from caseworker.models import FunderProfile

    _world(services, 5)
    with services.context.transaction() as session:
        session.execute(
            update(FunderProfile)
            .where(FunderProfile.code == "ddets_avdl")
            .values(indicator_keys="file_active entrants_met exit_length_median")
        )
    _as_team_lead(services)
    report = services.exports.preview(REQUEST)
    # The median keeps the table counting its households (exits by reason): without it, the secrecy could not
    # tell whether the median may be shown.
    assert {table.source.key for table in report.tables} == {"file_active", "entrants_met", "exits_by_reason"}
    assert {rate.source.key for rate in report.rates} == {"entrants_met"}
    assert [statistic.source.key for statistic in report.statistics] == ["exit_length_median"]


def test_contacts_and_topics_count_the_same_whether_read_or_grouped_by_the_database(services: Services) -> None:
    """A household supported all period long has its contacts grouped by the database; one that starts during the
    period has them read one by one: the two ways give the same counts, topics included, after-care apart."""
    from sqlalchemy import update

    from caseworker.models import Contact

    all_along, _ = followed(services, "Tout", start=date(2025, 6, 2))
    from_march, _ = followed(services, "Mars", start=date(2026, 3, 2))
    for household in (all_along, from_march):
        for day, topics in (
            (date(2026, 1, 10), ("sante_mentale",)),
            (date(2026, 4, 10), ("sante_mentale", "acces_droits")),
        ):
            services.contacts.record_contact(
                household,
                ContactInput(
                    datetime(day.year, day.month, day.day, 10, tzinfo=timezone.utc),
                    "telephone",
                    "rencontre",
                    topic_codes=topics,
                ),
            )
        moment = datetime(2026, 4, 11, 10, tzinfo=timezone.utc)
        services.contacts.record_contact(household, ContactInput(moment, "telephone", "rencontre"))
        with services.context.transaction() as session:  # after-care (issue 16): never the measure's activity
            session.execute(
                update(Contact)
                .where(Contact.household_id == household, Contact.occurred_at == moment)
                .values(after_care=True)
            )
    _as_team_lead(services)
    report = services.exports.preview(REQUEST)
    by_type = next(t for t in report.tables if t.source.key == "contacts_by_type")
    assert by_type.source.grand_total == 3  # both of the household supported all along, April's of the other
    topics = next(t for t in report.tables if t.source.key == "contacts_by_topic").source
    counts = dict(zip(topics.rows, (line[0] for line in topics.counts), strict=True))
    assert sum(counts.values()) == 5  # 1 + 2 all along, 2 from March


def test_a_file_whose_log_is_not_committed_is_taken_back(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reported by a review: the file was in place before its log line was written; a failed log left it there."""
    from caseworker.services import audit

    _world(services, 2)
    _as_team_lead(services)
    out = tmp_path / "exports"
    out.mkdir()

    def fails(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the server dropped")

    monkeypatch.setattr(audit, "record", fails)
    with pytest.raises(RuntimeError):
        services.exports.export(REQUEST, ExportFormat.JSON, out / "avdl.json")
    assert list(out.iterdir()) == []
    assert raw_rows(services, "SELECT count(*) FROM export_run") == [(0,)]


def test_a_period_or_a_day_in_the_future_is_refused(services: Services) -> None:
    """Reported by a review: « Stock au 31/12/2026 » printed for a day not yet lived."""
    _as_team_lead(services)
    for request in (
        ExportRequest("ddets_avdl", START, TODAY + timedelta(days=1)),
        ExportRequest("ddets_avdl", START, TODAY, as_of=TODAY + timedelta(days=1)),
    ):
        with pytest.raises(ValidationError):
            services.exports.preview(request)


def _avdl(services: Services):  # type: ignore[no-untyped-def]
    return next(profile for profile in services.export_profiles.profiles() if profile.code == "ddets_avdl")


def test_the_team_lead_edits_a_profile_and_the_next_export_follows_it(services: Services) -> None:
    from caseworker.services.exports import ProfileInput

    _world(services, 5)
    _as_team_lead(services)
    saved = services.export_profiles.update_profile(
        "ddets_avdl",
        ProfileInput("DDETS 35 – AVDL et IML", ("avdl", "iml_sous_location"), 10, ("file_active",)),
        expected_version=_avdl(services).row_version,
    )
    assert (saved.label, saved.measure_codes, saved.threshold, saved.indicator_keys) == (
        "DDETS 35 – AVDL et IML",
        ("avdl", "iml_sous_location"),
        10,
        ("file_active",),
    )
    report = services.exports.preview(REQUEST)
    assert report.parameters.threshold == 10 and report.parameters.profile_label == "DDETS 35 – AVDL et IML"
    assert {table.source.key for table in report.tables} == {"file_active"}
    events = raw_rows(services, "SELECT action, entity_type FROM audit_event WHERE entity_type = 'funder_profile'")
    assert events == [("UPDATE", "funder_profile")]
    with pytest.raises(ConcurrentChangeError):  # typed against the version before
        services.export_profiles.update_profile(
            "ddets_avdl", ProfileInput("Autre", ("avdl",)), expected_version=saved.row_version - 1
        )


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ({"label": "  "}, "label"),
        ({"measure_codes": ()}, "measure_codes"),
        ({"measure_codes": ("inconnue",)}, "measure_codes"),
        ({"threshold": 2}, "threshold"),
        ({"threshold": 21}, "threshold"),
        ({"indicator_keys": ("nom_des_menages",)}, "indicator_keys"),
    ],
)
def test_a_profile_typed_wrong_is_refused_in_french_and_unchanged(
    services: Services, typed: dict[str, object], field: str
) -> None:
    from dataclasses import replace

    from caseworker.services.exports import ProfileInput

    _as_team_lead(services)
    before = _avdl(services)
    with pytest.raises(ValidationError) as error:
        services.export_profiles.update_profile(
            "ddets_avdl",
            replace(ProfileInput("DDETS – AVDL", ("avdl",)), **typed),  # type: ignore[arg-type]
            expected_version=before.row_version,
        )
    assert field in error.value.errors
    assert _avdl(services) == before


def test_only_the_team_lead_edits_a_profile(services: Services) -> None:
    from caseworker.services.exports import ProfileInput

    with pytest.raises(TransitionError, match="seul un chef de service"):
        services.export_profiles.update_profile(
            "ddets_avdl", ProfileInput("X", ("avdl",)), expected_version=_avdl(services).row_version
        )


def test_every_indicator_computed_can_be_chosen_in_a_profile_and_every_choice_is_computed(services: Services) -> None:
    from caseworker.exports.compute import INDICATORS

    _world(services, 2)
    _as_team_lead(services)
    profile = next(p for p in services.export_profiles.profiles() if p.code == "ddets_avdl")
    services.export_profiles.update_profile(  # the cost per household-year needs a budget
        "ddets_avdl",
        ProfileInput(profile.label, profile.measure_codes, annual_budget=Decimal(150_000)),
        expected_version=profile.row_version,
    )
    report = services.exports.preview(REQUEST)
    computed = {t.source.key for t in report.tables} | {r.source.key for r in report.rates}
    computed |= {s.source.key for s in report.statistics}
    assert computed == set(INDICATORS)
