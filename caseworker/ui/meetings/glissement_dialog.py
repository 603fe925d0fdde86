"""A glissement review, from the housing tab: the convention's criteria ticked, and when the meeting should decide.

The review is opened on the household's current sub-lease in bail glissant; its planned date brings it to the
agenda of the COSI that falls before it (docs/domain.md §11.3, §6.8). Its outcome is never decided here: only the
minutes decide, even when every criterion is ticked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from caseworker.domain.debrief import GlissementOutcome
from caseworker.formats import format_date
from caseworker.services.date_rules import DateKind
from caseworker.services.meetings import GlissementReviewInput, GlissementReviewView, MeetingService
from caseworker.ui.common.form_dialog import FormDialog

DEFAULT_DELAY_DAYS = 90
"""A new review is planned for the quarter to come unless the person says otherwise."""


def pending_review(meetings: MeetingService, household_id: int) -> GlissementReviewView | None:
    """Return the household's review still waiting for a decision (not decided, or postponed), if any."""
    for review in meetings.glissement_reviews_for(household_id):
        if review.outcome is None or review.outcome is GlissementOutcome.POSTPONED:
            return review
    return None


class GlissementReviewDialog(FormDialog):
    """Opens a glissement review of the current sub-lease, or ticks again the criteria of the one pending.

    Attributes:
        saved: the review as saved (None until then).
    """

    def __init__(
        self,
        meetings: MeetingService,
        household_id: int,
        today: Callable[[], date],
        review: GlissementReviewView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Glissement review"), today=today, parent=parent)
        self.meetings = meetings
        self.household_id = household_id
        self.review = review
        self.saved: GlissementReviewView | None = None
        if review is not None and review.outcome is GlissementOutcome.POSTPONED and review.postponed_to:
            self.form.addRow(
                self.tr("Postponed:"),
                QLabel(self.tr("by the meeting, to {date}").format(date=format_date(review.postponed_to))),
            )
        self.payment_check = QCheckBox(self.tr("&Rent and charges paid regularly"))
        self.debt_check = QCheckBox(self.tr("&Debt settled, or a repayment plan kept"))
        self.wish_check = QCheckBox(self.tr("The household &wishes to take over the lease"))
        self.insurance_check = QCheckBox(self.tr("&Home insurance in the household's name"))
        checks = (
            (self.payment_check, "regular_payment"),
            (self.debt_check, "debt_settled"),
            (self.wish_check, "household_wish"),
            (self.insurance_check, "insurance"),
        )
        for check, field in checks:
            check.setObjectName(f"{field}_check")
            check.setChecked(bool(review is not None and getattr(review, field)))
            self.add_row("", check, field)
        planned = review.planned_on if review is not None else today() + timedelta(days=DEFAULT_DELAY_DAYS)
        self.date_field = self.date_row(DateKind.PLANNED, self.tr("&Decide by:"), "planned_on", planned)
        hint = QLabel(self.tr("The COSI before this date gets the review on its proposed agenda; it alone decides."))
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.finish(self._save_review)

    def data(self) -> GlissementReviewInput:
        """Return the review as typed."""
        return GlissementReviewInput(
            self.required("planned_on"),
            regular_payment=self.payment_check.isChecked(),
            debt_settled=self.debt_check.isChecked(),
            household_wish=self.wish_check.isChecked(),
            insurance=self.insurance_check.isChecked(),
        )

    def _save_review(self) -> None:
        if self.review is None:
            self.saved = self.meetings.open_glissement_review(self.household_id, self.data())
        else:
            self.saved = self.meetings.update_glissement_review(
                self.review.id, self.data(), expected_version=self.review.row_version
            )
