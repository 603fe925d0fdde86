"""The qualitative export of a demo, every narrative ticked, scanned for every identifier in the store (F68).

The scan of tests/exports/test_no_personal_data.py, on the narratives' PDF and CSV: each name, pseudonym, phone,
address, SIAO reference, numéro unique, household number and staff name, searched as a whole word — none found.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import insert, select

from caseworker.demo.generator import generate_demo
from caseworker.models import FunderProfile, Measure
from caseworker.services import build_services
from caseworker.services.directory import OrganisationInput
from caseworker.services.exports import ApprovedNarrative, ExportFormat, ExportRequest, NarrativeFormat
from caseworker.services.setup import FirstRunInput
from tests.conftest import TODAY
from tests.demo.conftest import _copy_of_template
from tests.exports.test_no_personal_data import WHOLE, _identifiers, _texts
from tests.support import FixedClock

_FORMATS = {NarrativeFormat.PDF: ExportFormat.PDF, NarrativeFormat.CSV: ExportFormat.CSV}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, template_store):  # type: ignore[no-untyped-def]
    """The narratives' two files of a whole-service export of a 150-household demo, and the store's identifiers."""
    database = _copy_of_template(tmp_path_factory.mktemp("narratives") / "data", template_store)
    try:
        services = build_services(database.engine, FixedClock(TODAY))
        services.setup.complete_first_run(
            FirstRunInput(OrganisationInput("Association Le Toit", "association"), "Claire", "Martin", "chef_service")
        )
        generate_demo(database.engine, households=150, seed=11, today=TODAY)
        with services.context.transaction() as session:
            codes = " ".join(session.scalars(select(Measure.code)))
            session.execute(
                insert(FunderProfile).values(code=WHOLE, label="Tout le service", measure_codes=codes, threshold=5)
            )
        request = ExportRequest(WHOLE, date(2023, 7, 1), TODAY)
        review = services.export_narratives.review(request)
        ticked = [ApprovedNarrative(item.exit_id, item.digest) for item in review.passing]
        directory = tmp_path_factory.mktemp("files")
        files = {}
        for output_format in NarrativeFormat:
            path = directory / f"recits.{output_format.value}"
            services.export_narratives.export(request, ticked, output_format, path)
            files[output_format] = _texts(_FORMATS[output_format], path.read_bytes())
        yield review, files, _identifiers(services)
    finally:
        database.dispose()


def test_the_demos_narratives_pass_the_check(exported) -> None:  # type: ignore[no-untyped-def]
    review, _files, _identifiers = exported
    assert len(review.passing) >= 20
    assert review.to_reformulate == ()  # the demo's narratives name nobody: no false alarm


@pytest.mark.parametrize("output_format", list(NarrativeFormat))
def test_no_identifier_of_the_store_appears_in_the_narratives(exported, output_format: NarrativeFormat) -> None:  # type: ignore[no-untyped-def]
    review, files, identifiers = exported
    text = files[output_format]
    assert len(identifiers) > 300 and review.passing[0].text.split()[0] in text  # the scan has something to scan
    found = sorted(item for item in identifiers if re.search(rf"(?<!\w){re.escape(item)}(?!\w)", text))
    assert found == []
    assert not re.search(r"M-\d{6}", text)  # no household number, whatever the store's
