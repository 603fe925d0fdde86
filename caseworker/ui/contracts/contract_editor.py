"""The contract editor: the whole content of a draft version, saved in one go.

Tabs follow the document: objectives in the household's words, each party's commitments, the review calendar,
who signs, the clause texts (with their ``{fields}``), and — for the kinds that have them — the debt and
sub-lease of a protocole de maintien or the partnership figures and alert deadlines of a convention cadre.
A refused save keeps everything typed and shows each message on its tab.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain import Party
from caseworker.domain.parties import PARTY_LABELS
from caseworker.formats import FormatError, format_amount, parse_amount
from caseworker.services.contracts import (
    PLACEHOLDERS,
    TITLE_MAX,
    AlertRuleLine,
    ClauseInput,
    CommitmentLine,
    ContractContent,
    ContractVersionView,
    ContractView,
    ObjectiveLine,
    ReviewLine,
    SignatoryLine,
    SignatoryOption,
)
from caseworker.services.date_rules import DateKind
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX, PARAGRAPH_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.date_field import DateField
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import FormErrors, submit
from caseworker.ui.common.text_limits import TextCounter, limit_text, limited_line
from caseworker.ui.contracts.deps import ContractsDeps


class RowsEditor(QWidget):
    """A vertical list of rows of widgets, each with a remove button, inside a scroll area."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[QWidget, object]] = []
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setFocusProxy(scroll)

    def add(self, widgets: list[QWidget], data: object, *, removable: bool = True) -> QWidget:
        """Append a row made of ``widgets`` (``data`` travels with it); return the row widget."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, widget in enumerate(widgets):
            layout.addWidget(widget, 1 if index == 0 else 0)
        if removable:
            remove = QToolButton()
            remove.setText("✕")
            remove.setToolTip(self.tr("Remove this line"))
            remove.setAccessibleName(self.tr("Remove this line"))
            remove.clicked.connect(lambda: self.remove(row))
            layout.addWidget(remove)
        self._layout.insertWidget(self._layout.count() - 1, row)
        self._rows.append((row, data))
        if widgets:
            widgets[0].setFocus()
        return row

    def remove(self, row: QWidget) -> None:
        """Remove one row."""
        self._rows = [(widget, data) for widget, data in self._rows if widget is not row]
        row.setParent(None)
        row.deleteLater()

    def rows(self) -> list[tuple[QWidget, object]]:
        """Return the rows in order, with their data."""
        return list(self._rows)


class ContractEditorDialog(FittedDialog):
    """Edits a draft version; ``saved`` holds the contract after a successful save."""

    def __init__(
        self, deps: ContractsDeps, contract: ContractView, version: ContractVersionView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._deps = deps
        self._contract = contract
        self._version = version
        self.saved: ContractView | None = None
        self.setWindowTitle(
            self.tr("{kind} — version {number} (draft)").format(kind=contract.kind_label, number=version.number)
        )
        self.resize(900, 680)
        self.errors = FormErrors()
        choices = deps.contracts.editor_choices(contract.id)
        self._choices = choices
        content = version.content()

        header = self._build_header(content, version.number)

        self.tabs = QTabWidget()
        self._build_objectives(content)
        self._build_commitments(content)
        self._build_reviews(content)
        self._build_signatories(content)
        self._build_clauses(content)
        if contract.with_debt:
            self._build_debt(content)
        if contract.with_alert_rules:
            self._build_partnership(content)

        general = QLabel()
        self.errors.set_general_label(general)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(general)
        layout.addWidget(buttons)
        self.title_edit.setFocus()

    def _build_header(self, content: ContractContent, number: int) -> QFormLayout:
        """Title, from/until dates and (from version 2 on) what the amendment changes."""
        header = QFormLayout()
        self.title_edit = limited_line(TITLE_MAX, content.title)
        self.errors.add_row(header, self.tr("&Title:"), self.title_edit, "title")
        dates = QWidget()
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        self.start_field = DateField(kind=DateKind.PLANNED, today=self._deps.today)
        self.start_field.set_date(content.starts_on)
        self.end_field = DateField(kind=DateKind.PLANNED, today=self._deps.today, optional=True)
        self.end_field.set_date(content.ends_on)
        self.end_field.line_edit.setPlaceholderText(self.tr("empty: not set (open-ended)"))
        dates_row.addWidget(self.start_field)
        until = QLabel(self.tr("&until"))
        until.setBuddy(self.end_field)
        dates_row.addWidget(until)
        dates_row.addWidget(self.end_field)
        dates.setFocusProxy(self.start_field)
        self.errors.add_row(header, self.tr("&From:"), dates, "starts_on", "ends_on")
        self.amendment_edit = limit_text(QPlainTextEdit(content.amendment_note), LONG_TEXT_MAX)
        self.amendment_edit.setTabChangesFocus(True)
        self.amendment_edit.setFixedHeight(54)
        self.amendment_edit.setPlaceholderText(self.tr("What this amendment changes, and why (required)"))
        if number > 1:
            self.errors.add_row(header, self.tr("Amend&ment:"), self.amendment_edit, "amendment_note")
        return header

    # tabs --------------------------------------------------------------------------------------------------

    def _tab(self, title: str, field: str, body: QWidget, *extra: QWidget, aliases: tuple[str, ...] = ()) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        for widget in extra:
            layout.addWidget(widget)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(form, "", body, field, *aliases)
        layout.addLayout(form, 1)
        self.tabs.addTab(page, title)

    def _build_objectives(self, content: ContractContent) -> None:
        self.objectives = RowsEditor()
        for line in content.objectives:
            self._add_objective(line)
        add = QPushButton(self.tr("&Add an objective"))
        add.clicked.connect(lambda: self._add_objective(ObjectiveLine("", Party.MENAGE)))
        self.from_plan_combo = QComboBox()
        self.from_plan_combo.addItem(self.tr("Add from the support plan…"), None)
        for line in self._choices.episode_objectives:
            self.from_plan_combo.addItem(line.text, line)
        self.from_plan_combo.setEnabled(bool(self._choices.episode_objectives))
        self.from_plan_combo.activated.connect(self._add_from_plan)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(add)
        row.addWidget(self.from_plan_combo, 1)
        extra: list[QWidget] = [buttons]
        intro = self.tr("Objectives in the household's own words.")
        if self._contract.landlord_facing:
            intro += " " + self.tr("This document goes to the landlord: only housing objectives may appear.")
        label = QLabel(intro)
        label.setWordWrap(True)
        extra.insert(0, label)
        if self._choices.excluded_objectives:
            left_out = QLabel("\n".join(self._choices.excluded_objectives))
            left_out.setWordWrap(True)
            left_out.setObjectName("excludedObjectives")
            left_out.setStyleSheet("color: #6b6b6b;")
            extra.append(left_out)
        self._tab(self.tr("&Objectives"), "objectives", self.objectives, *extra)

    def _add_objective(self, line: ObjectiveLine) -> None:
        text = limited_line(PARAGRAPH_MAX, line.text)
        text.setPlaceholderText(self.tr('In the household\'s words, e.g. "Pay my rent every month"'))
        theme = ChoiceCombo(self._choices.themes, empty_label=self.tr("(theme)"))
        theme.set_code(line.theme_code or "")
        owner = ChoiceCombo(self._choices.owners)
        owner.set_code(line.owner.value)
        self.objectives.add([text, theme, owner], line.objective_id)

    def _add_from_plan(self, index: int) -> None:
        line = self.from_plan_combo.itemData(index)
        self.from_plan_combo.setCurrentIndex(0)
        if isinstance(line, ObjectiveLine):
            self._add_objective(line)

    def _build_commitments(self, content: ContractContent) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.commitment_edits: dict[Party, QPlainTextEdit] = {}
        for party in self._contract.signing_parties:
            edit = QPlainTextEdit("\n".join(c.text for c in content.commitments if c.party is party))
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(self.tr("One commitment per line"))
            edit.setObjectName("commitmentEdit")  # each line is checked against PARAGRAPH_MAX: no counter
            self.commitment_edits[party] = edit
            form.addRow(PARTY_LABELS[party] + " :", edit)
        self._tab(self.tr("Co&mmitments"), "commitments", page)

    def _build_reviews(self, content: ContractContent) -> None:
        self.reviews = RowsEditor()
        for line in content.reviews:
            self._add_review(line)
        add = QPushButton(self.tr("Add a &date"))
        add.clicked.connect(lambda: self._add_review(None))
        self._tab(self.tr("&Reviews"), "reviews", self.reviews, add)

    def _add_review(self, line: ReviewLine | None) -> None:
        when = DateField(kind=DateKind.PLANNED, today=self._deps.today)
        when.set_date(line.due_on if line else None)
        label = limited_line(LABEL_MAX, line.label if line else self.tr("Review"))
        self.reviews.add([label, when], None)

    def _build_signatories(self, content: ContractContent) -> None:
        self.signatories = RowsEditor()
        for line in content.signatories:
            self._add_signatory(line)
        self.candidate_combo = QComboBox()
        self.candidate_combo.addItem(self.tr("Add someone from the file or the directory…"), None)
        for option in self._choices.signatory_options:
            text = f"{PARTY_LABELS[option.party]} — {option.name}" + (
                f" ({option.capacity})" if option.capacity else ""
            )
            self.candidate_combo.addItem(text, option)
        self.candidate_combo.activated.connect(self._add_candidate)
        other = QPushButton(self.tr("Add a person &not in the directory"))
        other.clicked.connect(lambda: self._add_signatory(SignatoryLine(self._contract.signing_parties[0], "")))
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.candidate_combo, 1)
        row.addWidget(other)
        self._tab(self.tr("&Signatories"), "signatories", self.signatories, buttons)

    def _add_candidate(self, index: int) -> None:
        option = self.candidate_combo.itemData(index)
        self.candidate_combo.setCurrentIndex(0)
        if isinstance(option, SignatoryOption):
            self._add_signatory(
                SignatoryLine(
                    option.party,
                    option.name,
                    option.capacity,
                    option.person_id,
                    option.staff_member_id,
                    option.partner_contact_id,
                )
            )

    def _add_signatory(self, line: SignatoryLine) -> None:
        party = QComboBox()
        for code in self._contract.signing_parties:
            party.addItem(PARTY_LABELS[code], code.value)
        party.setCurrentIndex(max(party.findData(line.party.value), 0))
        name = limited_line(LABEL_MAX, line.name)
        name.setPlaceholderText(self.tr("Name"))
        capacity = limited_line(LABEL_MAX, line.capacity)
        capacity.setPlaceholderText(self.tr("Capacity (e.g. director, tenant)"))
        linked = line.person_id is not None or line.staff_member_id is not None or line.partner_contact_id is not None
        party.setEnabled(not linked)  # a person from the file signs for their own side
        self.signatories.add([name, capacity, party], (line.person_id, line.staff_member_id, line.partner_contact_id))

    def _build_clauses(self, content: ContractContent) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.clause_edits: list[tuple[ClauseInput, QLineEdit, QPlainTextEdit]] = []
        for clause in content.clauses:
            title = limited_line(TITLE_MAX, clause.title)
            title.setAccessibleName(self.tr("Clause title"))
            body = limit_text(QPlainTextEdit(clause.body), LONG_TEXT_MAX)
            body.setTabChangesFocus(True)
            body.setMinimumHeight(80)
            body.setAccessibleName(clause.title)
            if clause.required:
                body.setPlaceholderText(self.tr("Required before the signature"))
            layout.addWidget(title)
            layout.addWidget(body)
            layout.addWidget(TextCounter(body))
            self.clause_edits.append((clause, title, body))
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        help_label = QLabel(
            self.tr("Fields filled in when the document is printed: {fields}").format(
                fields=", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
            )
        )
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: #6b6b6b;")
        help_label.setToolTip("\n".join(f"{{{name}}} : {text}" for name, text in PLACEHOLDERS.items()))
        self._tab(self.tr("C&lauses"), "clauses", scroll, help_label)

    def _build_debt(self, content: ContractContent) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.debt_edit = QLineEdit(format_amount(content.debt))
        self.debt_field = DateField(kind=DateKind.EVENT, today=self._deps.today, optional=True)
        self.debt_field.set_date(content.debt_as_of)
        self.instalment_edit = QLineEdit(format_amount(content.instalment))
        self.instalment_spin = _spin(content.instalment_months, 0, 240, self.tr("not set"))
        self.sublease_spin = _spin(content.sublease_months, 0, 60, self.tr("not set"), self.tr(" months"))
        self.renewals_spin = _spin(content.sublease_renewals, 0, 10, self.tr("none"))
        self.errors.add_row(form, self.tr("Rent &debt:"), self.debt_edit, "debt")
        self.errors.add_row(form, self.tr("Debt &as of:"), self.debt_field, "debt_as_of")
        self.errors.add_row(form, self.tr("Monthly &instalment:"), self.instalment_edit, "instalment")
        self.errors.add_row(form, self.tr("&Number of instalments:"), self.instalment_spin, "instalment_months")
        self.errors.add_row(form, self.tr("Sub-lease &term:"), self.sublease_spin, "sublease_months")
        self.errors.add_row(form, self.tr("Re&newals:"), self.renewals_spin, "sublease_renewals")
        self.tabs.addTab(page, self.tr("Debt and s&ub-lease"))

    def _build_partnership(self, content: ContractContent) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.households_spin = _spin(content.target_households, 0, 10_000, self.tr("not set"))
        self.errors.add_row(form, self.tr("&Households aimed at:"), self.households_spin, "target_households")
        # Whose public holidays count the deadlines: the association's territory unless the convention says otherwise.
        self.territory_combo = ChoiceCombo(
            self._deps.working_days.territories(), empty_label=self.tr("(the association's territory)")
        )
        self.territory_combo.setObjectName("territoryCombo")
        self.territory_combo.set_code(content.territory or "")
        self.territory_combo.setToolTip(
            self.tr("Public holidays that count this landlord's alert deadlines (Alsace-Moselle, overseas…)")
        )
        self.errors.add_row(form, self.tr("&Public holidays of:"), self.territory_combo, "territory")
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Response deadlines, in French working days (acknowledge / first action):")))
        self.alert_rules = RowsEditor()
        labels = {choice.code: choice.label for choice in self._choices.alert_types}
        for rule in content.alert_rules:
            label = QLabel(labels.get(rule.alert_type_code, rule.alert_type_code))
            acknowledge = _spin(rule.acknowledge_days, 0, 60, None, self.tr(" d."))
            action = _spin(rule.action_days, 0, 120, None, self.tr(" d."))
            acknowledge.setAccessibleName(self.tr("Acknowledge within"))
            action.setAccessibleName(self.tr("First action within"))
            self.alert_rules.add([label, acknowledge, action], rule.alert_type_code, removable=False)
        form_errors = QFormLayout()
        self.errors.add_row(form_errors, "", self.alert_rules, "alert_rules")
        layout.addLayout(form_errors, 1)
        self.tabs.addTab(page, self.tr("&Partnership"))

    # saving ------------------------------------------------------------------------------------------------

    def content(self) -> tuple[ContractContent | None, dict[str, str]]:
        """Return what the form says, or the problems found before asking the service."""
        problems: dict[str, str] = {}
        start, problem = self.start_field.date_or_error()
        if problem:
            problems["starts_on"] = problem
        end, problem = self.end_field.date_or_error()
        if problem:
            problems["ends_on"] = problem
        objectives = _objective_lines(self.objectives)
        commitments = [
            CommitmentLine(party, line.strip())
            for party, edit in self.commitment_edits.items()
            for line in edit.toPlainText().split("\n")
            if line.strip()
        ]
        reviews = self._review_lines(problems)
        signatories = _signatory_lines(self.signatories)
        clauses = tuple(
            ClauseInput(clause.code, title.text(), body.toPlainText(), clause.required)
            for clause, title, body in self.clause_edits
        )
        values: dict[str, object] = self._debt_values(problems) if self._contract.with_debt else {}
        alert_rules: list[AlertRuleLine] = []
        if self._contract.with_alert_rules:
            values["target_households"] = _spin_value(self.households_spin)
            values["territory"] = self.territory_combo.code() or None
            for row, code in self.alert_rules.rows():
                acknowledge, action = _children(row, QSpinBox, QSpinBox)
                alert_rules.append(AlertRuleLine(str(code), acknowledge.value(), action.value()))
        if problems:
            return None, problems
        return (
            ContractContent(
                title=self.title_edit.text(),
                starts_on=start,
                ends_on=end,
                clauses=clauses,
                objectives=tuple(objectives),
                commitments=tuple(commitments),
                reviews=tuple(reviews),
                signatories=tuple(signatories),
                amendment_note=self.amendment_edit.toPlainText(),
                alert_rules=tuple(alert_rules),
                **values,  # type: ignore[arg-type]
            ),
            {},
        )

    def _review_lines(self, problems: dict[str, str]) -> list[ReviewLine]:
        """The reviews whose date reads; the first that does not is said under the reviews (``problems``)."""
        reviews = []
        for number, (row, _data) in enumerate(self.reviews.rows(), start=1):
            (label,) = _children(row, QLineEdit)
            (when,) = _children(row, DateField)
            due, problem = when.date_or_error()
            if problem or due is None:
                problems.setdefault(
                    "reviews", self.tr("Review {number}: {problem}").format(number=number, problem=problem)
                )
                continue
            reviews.append(ReviewLine(due, label.text()))
        return reviews

    def _debt_values(self, problems: dict[str, str]) -> dict[str, object]:
        """The debt and sub-lease fields; amounts and the date that do not read are added to ``problems``."""
        values: dict[str, object] = {}
        for field, edit in (("debt", self.debt_edit), ("instalment", self.instalment_edit)):
            values[field] = _amount(edit.text(), field, problems)
        due, problem = self.debt_field.date_or_error()
        if problem:
            problems["debt_as_of"] = problem
        values["debt_as_of"] = due
        values["instalment_months"] = _spin_value(self.instalment_spin)
        values["sublease_months"] = _spin_value(self.sublease_spin)
        values["sublease_renewals"] = _spin_value(self.renewals_spin)
        return values

    def _save(self) -> None:
        content, problems = self.content()
        if content is None:
            self.errors.show(problems)
            return

        def save() -> None:
            self.saved = self._deps.contracts.update_draft(
                self._version.id, content, expected_version=self._contract.row_version
            )

        submit(self, self.errors, save)


def _children(row: QWidget, *types: type) -> list:  # type: ignore[type-arg]
    """The row's widgets of the given types, in order (one per requested type, matched left to right)."""
    widgets = [child for child in row.findChildren(QWidget) if child.parent() is row]
    found = []
    position = 0
    for wanted in types:
        while position < len(widgets) and not isinstance(widgets[position], wanted):
            position += 1
        found.append(widgets[position])
        position += 1
    return found


def _objective_lines(editor: RowsEditor) -> list[ObjectiveLine]:
    """The objectives as typed, each row keeping the id of the objective it came from."""
    objectives = []
    for row, objective_id in editor.rows():
        text, theme, owner = _children(row, QLineEdit, ChoiceCombo, ChoiceCombo)
        objectives.append(
            ObjectiveLine(
                text.text(),
                Party(owner.code()),
                theme.code() or None,
                objective_id if isinstance(objective_id, int) else None,
            )
        )
    return objectives


def _signatory_lines(editor: RowsEditor) -> list[SignatoryLine]:
    """The signatories as typed, each row keeping the person, staff member or contact it names."""
    signatories = []
    for row, links in editor.rows():
        name, capacity = _children(row, QLineEdit, QLineEdit)
        (party,) = _children(row, QComboBox)
        person_id, staff_id, contact_id = links if isinstance(links, tuple) else (None, None, None)
        signatories.append(
            SignatoryLine(Party(party.currentData()), name.text(), capacity.text(), person_id, staff_id, contact_id)
        )
    return signatories


def _spin(value: int | None, low: int, high: int, empty: str | None, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    if empty is not None:
        spin.setRange(low - 1, high)
        spin.setSpecialValueText(empty)
        spin.setValue(low - 1 if value is None else value)
    else:
        spin.setRange(low, high)
        spin.setValue(value or low)
    if suffix:
        spin.setSuffix(suffix)
    return spin


def _spin_value(spin: QSpinBox) -> int | None:
    return None if spin.specialValueText() and spin.value() == spin.minimum() else spin.value()


def _amount(text: str, field: str, problems: dict[str, str]) -> Decimal | None:
    if not text.strip():
        return None
    try:
        return parse_amount(text)
    except FormatError as exc:
        problems[field] = str(exc)
        return None
