"""The sentences the "Dettes et procédure" tab writes about a repayment plan and an eviction procedure.

Pure functions of the views the services return, so that the panel only places them. Their strings keep the
panel's translation context ("PreventionPanel"), where the catalogue has them.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from caseworker.formats import format_amount, format_date, format_month
from caseworker.services.prevention import PlanView, ProcedureView

TRUCE_STYLE = "color: #0b4f8a;"
translate = QCoreApplication.translate


def escape_text(text: str) -> str:
    """Escape for a rich-text label, keeping apostrophes as typed (French text is full of them)."""
    return escape(text, quote=False)


def plan_text(plan: PlanView) -> str:
    """The plan in one paragraph: instalment, months, rent, what is due each month, when agreed and ended."""
    text = translate(
        "PreventionPanel",
        "{instalment} a month for {months} months, {first} to {last}, on top of {rent} of rent "
        "(due each month: {due}). Agreed on {agreed}.",
    ).format(
        instalment=format_amount(plan.instalment),
        months=plan.month_count,
        first=format_month(plan.start_month),
        last=format_month(plan.last_month),
        rent=format_amount(plan.rent_due),
        due=format_amount(plan.monthly_due),
        agreed=format_date(plan.agreed_on),
    )
    if plan.ended_on is not None:
        text += " " + translate("PreventionPanel", "Ended on {date}.").format(date=format_date(plan.ended_on))
        if plan.end_reason:
            text += " " + plan.end_reason
    return text


def procedure_text(procedure: ProcedureView) -> str:
    """The procedure as rich text: landlord and opening, dwelling, current stage or outcome, corrections."""
    lines = [
        "<b>"
        + escape_text(
            translate("PreventionPanel", "{landlord} — opened on {date}").format(
                landlord=procedure.landlord_name, date=format_date(procedure.opened_on)
            )
        )
        + "</b>",
        escape_text(
            translate("PreventionPanel", "Dwelling: {dwelling}").format(
                dwelling=procedure.dwelling_label or translate("PreventionPanel", "not given")
            )
        ),
    ]
    if procedure.is_open:
        lines.append(
            escape_text(
                translate("PreventionPanel", "Current stage: {stage} since {date}").format(
                    stage=procedure.current_stage_label, date=format_date(procedure.current_since)
                )
            )
        )
    else:
        lines.append(
            escape_text(
                translate("PreventionPanel", "Closed on {date}: {outcome}").format(
                    date=format_date(procedure.outcome_on), outcome=procedure.outcome_label
                )
            )
        )
        if procedure.outcome_truce_notice:
            lines.append(f'<span style="{TRUCE_STYLE}">{escape_text(procedure.outcome_truce_notice)}</span>')
    for entry in procedure.stages:
        if entry.is_correction:
            lines.append(
                "<i>"
                + escape_text(
                    translate("PreventionPanel", "Correction on {date}: back to {stage} ({reason})").format(
                        date=format_date(entry.on), stage=entry.label, reason=entry.note.replace("\n", " — ")
                    )
                )
                + "</i>"
            )
    return "<br>".join(lines)
