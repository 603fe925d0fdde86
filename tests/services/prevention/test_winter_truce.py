"""An expulsion during the winter truce needs a legal ground, recorded, audited and shown in the procedure's history."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from caseworker.domain import AuditAction, ProcedureOutcome, ProcedureStage
from caseworker.services import Services
from caseworker.services.directory import OrganisationView
from caseworker.services.errors import ValidationError
from caseworker.services.households import OccupancyChangeInput
from caseworker.services.prevention import ProcedureInput, StageInput
from tests.services.contract_builders import Supported, supported_household

D = date
RELOGEMENT = "Relogement assuré dans des conditions suffisantes (unité et besoins de la famille)"


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    supported = supported_household(services, landlord)
    services.occupancy.change_occupancy(
        supported.household_id,
        OccupancyChangeInput("locataire_titre", D(2025, 10, 1), "nouveau_bail", dwelling_id=supported.dwelling_id),
    )
    return supported


def terminated(services: Services, supported: Supported) -> int:
    """A procedure opened on 2 October 2025 whose lease ended on 10 October (today is 15 June 2026)."""
    procedure = services.procedures.open_procedure(
        supported.household_id, ProcedureInput(supported.landlord.id, D(2025, 10, 2))
    )
    services.procedures.add_stage(procedure.id, StageInput(ProcedureStage.RESILIATION, D(2025, 10, 10)))
    return procedure.id


def stage_audit_fields(services: Services, supported: Supported) -> list[tuple[str, ...]]:
    return [
        entry.fields
        for entry in services.audit.for_household(supported.household_id)
        if entry.entity_type == "procedure_stage"
    ]


def test_the_legal_grounds_are_reference_data_citing_the_law(services: Services) -> None:
    grounds = services.procedures.truce_grounds()
    assert [ground.code for ground in grounds] == [
        "relogement_assure",
        "voie_de_fait",
        "decision_juge",
        "arrete_mise_en_securite",
        "conjoint_violent",
        "logement_etudiant",
    ]
    assert grounds[0].label == RELOGEMENT
    assert "L412-6" in grounds[0].legal_basis and "L412-7" in grounds[-1].legal_basis


def test_an_expulsion_stage_in_the_truce_is_refused_without_a_legal_ground(
    services: Services, supported: Supported
) -> None:
    procedure_id = terminated(services, supported)
    with pytest.raises(ValidationError) as refused:
        services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.EXPULSION, D(2026, 2, 12)))
    assert refused.value.errors["truce_exception"].startswith(
        "Expulsion pendant la trêve hivernale (du 01/11/2025 au 31/03/2026) : indiquez le motif légal"
    )
    assert services.procedures.procedure(procedure_id).current_stage is ProcedureStage.RESILIATION
    view = services.procedures.add_stage(
        procedure_id, StageInput(ProcedureStage.EXPULSION, D(2026, 2, 12), truce_exception_code="relogement_assure")
    )
    notice = f"Expulsion pendant la trêve hivernale — motif : {RELOGEMENT}"
    assert view.stages[-1].truce_notice == notice
    assert view.stages[-1].truce_exception_code == "relogement_assure"
    assert [step.truce_notice for step in view.timeline if step.truce_notice] == [notice]
    assert any("truce_exception_id" in fields for fields in stage_audit_fields(services, supported))


def test_closing_on_an_expulsion_in_the_truce_needs_a_legal_ground_too(
    services: Services, supported: Supported
) -> None:
    procedure_id = terminated(services, supported)
    with pytest.raises(ValidationError) as refused:
        services.procedures.close(
            procedure_id, ProcedureOutcome.EXPULSION, D(2025, 11, 3), destination_code="heberge_tiers"
        )
    assert "trêve hivernale (du 01/11/2025 au 31/03/2026)" in refused.value.errors["truce_exception"]
    assert services.procedures.procedure(procedure_id).is_open
    assert services.occupancy.timeline(supported.household_id)[-1].status_code == "occupant_sans_titre"
    closed = services.procedures.close(
        procedure_id,
        ProcedureOutcome.EXPULSION,
        D(2025, 11, 3),
        destination_code="heberge_tiers",
        truce_exception_code="decision_juge",
    )
    judge = "Décision du juge supprimant ou réduisant le bénéfice de la trêve"
    assert closed.outcome_truce_notice == f"Expulsion pendant la trêve hivernale — motif : {judge}"
    updates = [
        entry.fields
        for entry in services.audit.for_household(supported.household_id)
        if entry.entity_type == "legal_procedure" and entry.action is AuditAction.UPDATE
    ]
    assert any("outcome_truce_exception_id" in fields for fields in updates)


def test_outside_the_truce_no_ground_is_asked_and_none_may_be_given(services: Services, supported: Supported) -> None:
    procedure_id = terminated(services, supported)
    with pytest.raises(ValidationError) as refused:
        services.procedures.add_stage(
            procedure_id, StageInput(ProcedureStage.EXPULSION, D(2026, 4, 2), truce_exception_code="voie_de_fait")
        )
    assert (
        "ne s'indique que pour une expulsion datée entre le 1er novembre et le 31 mars"
        in (refused.value.errors["truce_exception"])
    )
    view = services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.EXPULSION, D(2026, 4, 2)))
    assert view.stages[-1].truce_notice == "" and view.stages[-1].truce_exception_code is None
    closed = services.procedures.close(
        procedure_id, ProcedureOutcome.EXPULSION, D(2026, 4, 2), destination_code="heberge_tiers"
    )
    assert closed.outcome_truce_notice == ""


def test_an_expulsion_in_the_truce_recorded_without_a_ground_still_shows_the_truce(
    services: Services, supported: Supported
) -> None:
    procedure_id = terminated(services, supported)
    services.procedures.add_stage(
        procedure_id, StageInput(ProcedureStage.EXPULSION, D(2026, 1, 8), truce_exception_code="voie_de_fait")
    )
    with services.context.engine.begin() as connection:  # as a stage recorded before grounds were asked
        connection.execute(text("UPDATE procedure_stage SET truce_exception_id = NULL"))
    view = services.procedures.procedure(procedure_id)
    assert view.stages[-1].truce_notice == "Expulsion pendant la trêve hivernale — motif : non renseigné"
