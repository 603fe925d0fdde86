"""Every output format of a funder export, scanned for every identifier in the store: none is found (§13, F63).

A demo of 150 households (names, pseudonyms, phones, addresses, SIAO references, numéros uniques, household numbers,
staff names, where street encounters and workshops took place) is exported by the team lead over three years for
every measure, in XLSX (every member of the zip), CSV, JSON and PDF (its text); then each identifier is searched as
a whole word, and the command line's output too.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pypdfium2 as pdfium
import pytest
from sqlalchemy import insert, select

from caseworker.demo.generator import generate_demo
from caseworker.models import (
    CollectiveSession,
    Dwelling,
    FunderProfile,
    Household,
    Measure,
    OutreachEncounter,
    Person,
    StaffMember,
)
from caseworker.services import Services, build_services
from caseworker.services.directory import OrganisationInput
from caseworker.services.exports import ExportFormat, ExportRequest
from caseworker.services.identity import household_reference
from caseworker.services.setup import FirstRunInput
from tests.conftest import TODAY
from tests.demo.conftest import _copy_of_template
from tests.support import FixedClock

WHOLE = "tout_le_service"


def _texts(output_format: ExportFormat, data: bytes) -> str:
    if output_format is ExportFormat.XLSX:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    if output_format is ExportFormat.PDF:
        document = pdfium.PdfDocument(data)
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    return data.decode("utf-8-sig")


def _identifiers(services: Services) -> set[str]:
    """Every name, pseudonym, phone, address, SIAO reference, numéro unique and household number of the store."""
    found: set[str] = set()
    with services.context.read() as session:
        for first, last, pseudonym, phone in session.execute(
            select(Person.first_name, Person.last_name, Person.pseudonym, Person.phone)
        ):
            found.update((first, last, pseudonym, phone))
        for household_id, siao, numero in session.execute(
            select(Household.id, Household.siao_reference, Household.numero_unique)
        ):
            found.update((household_reference(household_id), siao, numero))
        found.update(session.scalars(select(Dwelling.address)))
        for first, last in session.execute(select(StaffMember.first_name, StaffMember.last_name)):
            found.update((first, last))
        found.update(session.scalars(select(OutreachEncounter.place)))  # where the street rounds met people
        for title, place in session.execute(select(CollectiveSession.title, CollectiveSession.place)):
            found.update((title, place))
    return {item for item in found if len(item) >= 3}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, template_store):  # type: ignore[no-untyped-def]
    """The four files of a whole-service export of a 150-household demo, and the store's identifiers."""
    database = _copy_of_template(tmp_path_factory.mktemp("pii") / "data", template_store)
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
        directory = tmp_path_factory.mktemp("files")
        request = ExportRequest(WHOLE, date(2023, 7, 1), TODAY)
        files = {}
        for output_format in ExportFormat:
            path = directory / f"export.{output_format.value}"
            services.exports.export(request, output_format, path)
            files[output_format] = _texts(output_format, path.read_bytes())
        yield files, _identifiers(services)
    finally:
        database.dispose()


@pytest.mark.parametrize("output_format", list(ExportFormat))
def test_no_identifier_of_the_store_appears_in_any_format(exported, output_format: ExportFormat) -> None:  # type: ignore[no-untyped-def]
    files, identifiers = exported
    text = files[output_format]
    assert len(identifiers) > 300 and len(text) > 2000  # the scan has something to scan
    found = sorted(item for item in identifiers if re.search(rf"(?<!\w){re.escape(item)}(?!\w)", text))
    assert found == []
