"""Tests of caseworker/services/exports/narratives.py: the qualitative export, on both backends (§13, F68)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from caseworker.domain import ObjectivesMet
from caseworker.domain.narratives import FindingKind
from caseworker.models import ExitRecord
from caseworker.services import Services
from caseworker.services.errors import ConcurrentChangeError, TransitionError, ValidationError
from caseworker.services.exports import ApprovedNarrative, ExportRequest, NarrativeFormat, NarrativeReview
from caseworker.services.households import HouseholdInput
from caseworker.services.support import ExitInput, OrientationInput
from tests.services.builders import TODAY, new_household, raw_rows
from tests.services.exports.test_exports import _as_team_lead
from tests.services.support.test_episodes import with_coordinator
from tests.support.row_versions import current_version

START = date(2026, 1, 1)
REQUEST = ExportRequest("ddets_avdl", START, TODAY)
WAIVER = {"waiver_reason": "Le ménage ne souhaite pas de relais."}


def exited(
    services: Services,
    first: str,
    narrative: str,
    *,
    last: str = "Durand",
    end: date = date(2026, 5, 12),
    start: date = date(2025, 9, 3),
    measure: str = "avdl",
    siao: str = "",
) -> int:
    """A household supported from ``start`` whose support ended on ``end`` with ``narrative``: its id."""
    household = new_household(services, first, last, details=HouseholdInput(siao_reference=siao))
    with_coordinator(services, household.id, since=start - timedelta(days=20))
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code=measure, orientation_date=start - timedelta(days=10))
    )
    services.episodes.activate(
        episode.id,
        on=start,
        level_code="renforce",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    services.episodes.close(
        episode.id,
        ExitInput(end, "logement_autonome", ObjectivesMet.OUI, narrative=narrative, **WAIVER),  # type: ignore[arg-type]
        expected_version=current_version(services.episodes, "close", episode.id),
    )
    return household.id


def _world(services: Services) -> None:
    exited(services, "Hélène", "« Je me sens chez moi. »")
    exited(services, "Yasmina", "Merci à Yasmina d'avoir tenu bon, disait l'équipe.", siao="SIAO-35-2026-0042")
    exited(services, "Bruno", "   ")  # empty: skipped
    exited(services, "Paul", "Avant la période.", end=date(2025, 12, 20), start=date(2025, 3, 1))
    exited(services, "Iris", "Une autre mesure.", measure="iml_sous_location")
    exited(services, "Léon", "J'ai repris confiance,\nje gère mes papiers seul.", end=date(2026, 2, 3))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the files (the test's own holds its database)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def _approve(review: NarrativeReview) -> list[ApprovedNarrative]:
    return [ApprovedNarrative(item.exit_id, item.digest) for item in review.passing]


def test_the_review_lists_the_periods_narratives_and_withholds_one_naming_the_household(services: Services) -> None:
    _world(services)
    _as_team_lead(services)
    review = services.export_narratives.review(REQUEST)
    assert review.profile_label == "DDETS – AVDL"
    # Four exits in the period: fewer than the threshold share any description, so none is said.
    assert [(item.quarter, item.reason, item.length_band, item.text) for item in review.passing] == [
        ("", "Autre motif", "Durée non précisée", "J'ai repris confiance,\nje gère mes papiers seul."),
        ("", "Autre motif", "Durée non précisée", "« Je me sens chez moi. »"),
    ]
    [withheld] = review.to_reformulate
    assert withheld.text.startswith("Merci à Yasmina")
    assert withheld.household_number.startswith("M-")  # to find the file; never exported
    assert [(finding.kind, finding.term, finding.label) for finding in withheld.findings] == [
        (FindingKind.MEMBER_NAME, "Yasmina", "nom d'une personne du ménage")
    ]
    assert withheld.text[withheld.findings[0].start : withheld.findings[0].end] == "Yasmina"


def test_the_ticked_narratives_are_written_logged_and_nothing_personal_is_in_the_file(
    services: Services, out: Path
) -> None:
    _world(services)
    _as_team_lead(services)
    review = services.export_narratives.review(REQUEST)
    ticked = _approve(review)[:1]
    path = out / "recits.csv"
    result = services.export_narratives.export(REQUEST, ticked, NarrativeFormat.CSV, path)
    data = path.read_bytes()
    assert result.sha256 == hashlib.sha256(data).hexdigest() and result.narratives == 1
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Récits de sortie — DDETS – AVDL"]
    header = rows.index(["Trimestre de sortie", "Motif de sortie", "Durée d'accompagnement", "Récit"])
    assert rows[header + 1 :] == [
        ["", "Autre motif", "Durée non précisée", "J'ai repris confiance,\nje gère mes papiers seul."]
    ]  # the other passing narrative was not ticked: it did not leave
    runs = raw_rows(services, "SELECT profile_code, output_format, output_sha256, staff_member_id FROM export_run")
    assert runs[0][:3] == ("ddets_avdl", "csv", result.sha256)
    events = raw_rows(
        services, "SELECT action, entity_id, fields, staff_member_id FROM audit_event WHERE entity_type = 'export_run'"
    )
    assert events == [("EXPORT", result.run_id, f"content=narratives,format=csv,sha256={result.sha256}", runs[0][3])]
    # The household whose words left has it in its history.
    exits = raw_rows(
        services,
        "SELECT household_id, fields FROM audit_event WHERE entity_type = 'exit_record' AND action = 'EXPORT'",
    )
    household = raw_rows(
        services,
        "SELECT e.household_id FROM exit_record x JOIN episode e ON e.id = x.episode_id WHERE x.id = :id",
        id=ticked[0].exit_id,
    )[0][0]
    assert exits == [(household, f"export_run={result.run_id},narrative")]
    assert sorted(item.name for item in out.iterdir()) == ["recits.csv"]  # no temporary file left


def test_the_pdf_holds_the_ticked_narratives_and_no_identifier_of_the_store(services: Services, out: Path) -> None:
    _world(services)
    _as_team_lead(services)
    review = services.export_narratives.review(REQUEST)
    path = out / "recits.pdf"
    first = services.export_narratives.export(REQUEST, _approve(review), NarrativeFormat.PDF, path)
    again = services.export_narratives.export(REQUEST, _approve(review), NarrativeFormat.PDF, out / "bis.pdf")
    assert first.sha256 == again.sha256  # the same data give the same bytes
    text = "\n".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(path.read_bytes()))
    assert "Je me sens chez moi" in text and "je gère mes papiers seul" in text
    assert "Autre motif · Durée non précisée" in text  # four exits: fewer than the threshold share a description
    identifiers = _identifiers(services)
    assert len(identifiers) >= 10
    assert [item for item in identifiers if re.search(rf"(?<!\w){re.escape(item)}(?!\w)", text)] == []
    assert not re.search(r"\d{2}/\d{2}/\d{4}", text.replace("01/01/2026", "").replace(TODAY.strftime("%d/%m/%Y"), ""))


def _identifiers(services: Services) -> set[str]:
    """Every name, SIAO reference, household number and staff name of the store (as the figures' scan)."""
    found: set[str] = set()
    for first, last, pseudonym in raw_rows(services, "SELECT first_name, last_name, pseudonym FROM person"):
        found.update((str(first), str(last), str(pseudonym)))
    for household_id, siao in raw_rows(services, "SELECT id, siao_reference FROM household"):
        found.update((f"M-{household_id:06d}", str(siao)))
    for first, last in raw_rows(services, "SELECT first_name, last_name FROM staff_member"):
        found.update((str(first), str(last)))
    return {item for item in found if len(item) >= 3}


def test_a_narrative_that_fails_the_check_never_leaves_even_ticked(services: Services, out: Path) -> None:
    _world(services)
    _as_team_lead(services)
    review = services.export_narratives.review(REQUEST)
    [withheld] = review.to_reformulate
    forged = [*_approve(review), ApprovedNarrative(withheld.exit_id, withheld.digest)]
    with pytest.raises(TransitionError, match="ne passe plus la vérification"):
        services.export_narratives.export(REQUEST, forged, NarrativeFormat.CSV, out / "x.csv")
    assert list(out.iterdir()) == []
    assert raw_rows(services, "SELECT count(*) FROM export_run") == [(0,)]


def test_nothing_leaves_by_default(services: Services, out: Path) -> None:
    _world(services)
    _as_team_lead(services)
    with pytest.raises(TransitionError, match="Cochez au moins un récit"):
        services.export_narratives.export(REQUEST, [], NarrativeFormat.PDF, out / "x.pdf")
    assert list(out.iterdir()) == []


def test_a_narrative_edited_since_the_review_is_checked_and_read_again(services: Services, out: Path) -> None:
    _world(services)
    _as_team_lead(services)
    review = services.export_narratives.review(REQUEST)
    ticked = _approve(review)
    with services.context.transaction() as session:  # someone edits a ticked narrative meanwhile
        record = session.scalars(select(ExitRecord).where(ExitRecord.id == ticked[0].exit_id)).one()
        record.narrative = "Merci à Léon, et à Nadia."
    with pytest.raises(ConcurrentChangeError, match="relancez la vérification"):
        services.export_narratives.export(REQUEST, ticked, NarrativeFormat.CSV, out / "x.csv")
    assert list(out.iterdir()) == []
    again = services.export_narratives.review(REQUEST)
    assert [item.text for item in again.to_reformulate] == [
        "Merci à Léon, et à Nadia.",  # Léon is of the household; Nadia Benali, the team lead, is staff
        "Merci à Yasmina d'avoir tenu bon, disait l'équipe.",
    ]
    assert {finding.kind for finding in again.to_reformulate[0].findings} == {
        FindingKind.MEMBER_NAME,
        FindingKind.STAFF_NAME,
    }


def test_only_someone_who_sees_every_household_reviews_or_exports(services: Services, out: Path) -> None:
    _world(services)
    claire = services.context.actor.staff_member_id  # a social worker
    with pytest.raises(TransitionError, match="seul un chef de service"):
        services.export_narratives.review(REQUEST)
    _as_team_lead(services)
    ticked = _approve(services.export_narratives.review(REQUEST))
    services.context.actor.staff_member_id = claire
    with pytest.raises(TransitionError, match="seul un chef de service"):
        services.export_narratives.export(REQUEST, ticked, NarrativeFormat.CSV, out / "x.csv")
    assert list(out.iterdir()) == []


def test_an_implausible_period_is_refused(services: Services) -> None:
    _as_team_lead(services)
    with pytest.raises(ValidationError) as error:
        services.export_narratives.review(ExportRequest("ddets_avdl", TODAY, START))
    assert "period_end" in error.value.errors


def test_the_team_lead_rewords_a_withheld_narrative_which_is_checked_again_and_audited(
    services: Services, out: Path
) -> None:
    _world(services)
    _as_team_lead(services)
    [withheld] = services.export_narratives.review(REQUEST).to_reformulate
    still = services.export_narratives.reformulate(
        withheld.exit_id, "Merci à Nadia d'avoir tenu bon.", expected_digest=withheld.digest
    )
    assert [finding.kind for finding in still.findings] == [FindingKind.STAFF_NAME]  # still not to send
    with pytest.raises(ConcurrentChangeError, match="modifié depuis que vous l'avez lu"):
        services.export_narratives.reformulate(withheld.exit_id, "Autre chose.", expected_digest=withheld.digest)
    clean = services.export_narratives.reformulate(
        withheld.exit_id, "Merci à l'équipe d'avoir tenu bon.", expected_digest=still.digest
    )
    assert clean.passes
    review = services.export_narratives.review(REQUEST)
    assert review.to_reformulate == ()
    assert [(item.digest, item.text) for item in review.passing if item.exit_id == clean.exit_id] == [
        (clean.digest, clean.text)
    ]
    result = services.export_narratives.export(
        REQUEST, [ApprovedNarrative(clean.exit_id, clean.digest)], NarrativeFormat.CSV, out / "r.csv"
    )
    assert result.narratives == 1 and "Merci à l'équipe" in (out / "r.csv").read_text("utf-8-sig")
    events = raw_rows(
        services,
        "SELECT action, entity_id, fields FROM audit_event WHERE entity_type = 'exit_record' AND action = 'UPDATE'",
    )
    assert events == [("UPDATE", withheld.exit_id, "narrative"), ("UPDATE", withheld.exit_id, "narrative")]


def test_only_the_team_lead_rewords_and_within_the_limits(services: Services) -> None:
    _world(services)
    claire = services.context.actor.staff_member_id  # a social worker
    _as_team_lead(services)
    [withheld] = services.export_narratives.review(REQUEST).to_reformulate
    with pytest.raises(ValidationError) as error:
        services.export_narratives.reformulate(withheld.exit_id, "x" * 20_001, expected_digest=withheld.digest)
    assert "narrative" in error.value.errors
    services.context.actor.staff_member_id = claire
    with pytest.raises(TransitionError, match="seul un chef de service"):
        services.export_narratives.reformulate(withheld.exit_id, "Merci.", expected_digest=withheld.digest)


def test_a_narrative_is_described_only_as_precisely_as_enough_exits_share(services: Services) -> None:
    """Reported by a review: « T2 2026 · Incarcération · 6 à 12 mois » beside a story singled out its household.
    Six exits share T2 2026, their reason and their length: said in full; a seventh, in T1, keeps its year."""
    for number in range(6):
        exited(services, f"Prénom{number}", f"Récit {number}.", end=date(2026, 5, 12 + number))
    exited(services, "Septième", "Récit de janvier.", end=date(2026, 1, 20), start=date(2025, 12, 1))
    _as_team_lead(services)
    described = {
        item.text: (item.quarter, item.reason, item.length_band)
        for item in services.export_narratives.review(REQUEST).passing
    }
    assert described["Récit 0."] == ("T2 2026", "Logement autonome / objectifs atteints", "6 à 12 mois")
    assert described["Récit de janvier."] == ("2026", "Logement autonome / objectifs atteints", "Durée non précisée")


def test_a_funders_profile_gets_the_narratives_of_the_supports_it_funds(services: Services) -> None:
    """Reported by a review: a foundation's profile received narratives of supports it did not fund."""
    from decimal import Decimal

    from caseworker.services.exports.profiles import ProfileInput
    from caseworker.services.support.funding import FundingShare

    funded = exited(services, "Aidée", "Merci pour tout.")
    exited(services, "Autre", "Une autre histoire.")
    (episode,) = services.episodes.episodes_for(funded)
    services.funding.set_episode_funding(
        episode.id, [FundingShare("fondation", Decimal(100))], expected_version=episode.row_version
    )
    _as_team_lead(services)
    profile = next(p for p in services.export_profiles.profiles() if p.code == "fondation")
    services.export_profiles.update_profile(
        "fondation",
        ProfileInput(profile.label, ("avdl",), 3, funder_code="fondation"),
        expected_version=profile.row_version,
    )
    review = services.export_narratives.review(ExportRequest("fondation", START, TODAY))
    assert [item.text for item in review.passing] == ["Merci pour tout."]


def test_reading_the_narratives_stops_when_the_team_lead_cancels(services: Services) -> None:
    """A year of a large service holds thousands: the dialog shows progress and Cancel, the reading stops."""
    from caseworker.services.exports import ExportCancelled

    _world(services)
    _as_team_lead(services)
    with pytest.raises(ExportCancelled):
        services.export_narratives.review(REQUEST, cancelled=lambda: True)
    assert services.export_narratives.review(REQUEST, cancelled=lambda: False).passing
