"""What a draft may say, how it is stored, and what it needs before it goes to signature.

A draft's whole content is replaced on each save (:func:`check_content`, then :func:`apply_content`); a
landlord-facing kind carries only housing objectives (docs/domain.md §7.2). :func:`check_complete` is the list of
what must be filled in before the PDF is frozen and sent for signature.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import THREE_PARTIES, Party
from caseworker.domain.contracts import HOUSING_SENSITIVITY
from caseworker.domain.parties import PARTY_LABELS
from caseworker.formats import amount_to_cents
from caseworker.models import (
    AlertType,
    Contract,
    ContractClause,
    ContractCommitment,
    ContractKind,
    ContractObjective,
    ContractReview,
    ContractSignatory,
    ContractVersion,
    ConventionAlertRule,
    Topic,
)
from caseworker.reports.landlord_facing import PARTY_ROLES
from caseworker.services.calendar.territories import territory_problem
from caseworker.services.contracts.clauses import check_clauses, fill_placeholders, placeholder_values
from caseworker.services.contracts.values import (
    AlertRuleLine,
    CommitmentLine,
    ContractContent,
    ObjectiveLine,
    ReviewLine,
    SignatoryLine,
    SignatoryOption,
)
from caseworker.services.date_rules import DateKind
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX, PARAGRAPH_MAX, Problems

TITLE_MAX = LABEL_MAX
MAX_OBJECTIVES = 30
MAX_COMMITMENTS = 40
MAX_REVIEWS = 40
MAX_SIGNATORIES = 12
MAX_TERM_MONTHS = 120


def check_content(
    session: Session, contract: Contract, data: ContractContent, problems: Problems, today: date, *, amendment: bool
) -> ContractContent:
    """Validate a draft's content; return it cleaned (texts trimmed)."""
    kind = contract.kind
    title = problems.text("title", data.title, label="Titre", max_length=TITLE_MAX, required=True)
    _check_term(data, problems, today)
    clauses = check_clauses(problems, data.clauses)
    note = problems.text(
        "amendment_note",
        data.amendment_note,
        label="Objet de l'avenant",
        max_length=LONG_TEXT_MAX,
        multiline=True,
        required=amendment,
    )
    objectives = _check_objectives(session, kind, data.objectives, problems)
    parties = {Party(code) for code in kind.signing_parties.split()}
    commitments = _check_commitments(parties, data.commitments, problems)
    reviews = _check_reviews(data.reviews, problems, today)
    signatories = _check_signatories(parties, data.signatories, problems)
    _check_debt_and_figures(data, problems, today)
    rules = _check_alert_rules(session, data.alert_rules, problems)
    territory = data.territory if kind.with_alert_rules else None
    problem = territory_problem(territory)
    if problem is not None:
        problems.add("territory", problem)
    return ContractContent(
        title=title,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        clauses=tuple(clauses),
        objectives=objectives,
        commitments=commitments,
        reviews=reviews,
        signatories=signatories,
        amendment_note=note,
        debt=data.debt,
        debt_as_of=data.debt_as_of,
        instalment=data.instalment,
        instalment_months=data.instalment_months,
        sublease_months=data.sublease_months,
        sublease_renewals=data.sublease_renewals,
        target_households=data.target_households,
        alert_rules=rules,
        territory=territory,
    )


def _check_term(data: ContractContent, problems: Problems, today: date) -> None:
    problems.date("starts_on", data.starts_on, kind=DateKind.PLANNED, label="Date d'effet", today=today)
    problems.date("ends_on", data.ends_on, kind=DateKind.PLANNED, label="Date de fin", today=today)
    problems.ordered("ends_on", data.starts_on, data.ends_on, start_label="La date d'effet", end_label="La date de fin")
    dates_accepted = "starts_on" not in problems.errors and "ends_on" not in problems.errors
    if (
        dates_accepted  # an accepted date is at most 20 years ahead: adding ten years stays in the calendar
        and data.starts_on
        and data.ends_on
        and data.ends_on > data.starts_on + relativedelta(months=MAX_TERM_MONTHS)
    ):
        problems.add("ends_on", "Un contrat ne peut pas durer plus de dix ans : vérifiez la date de fin.")


def _check_objectives(
    session: Session, kind: ContractKind, lines: tuple[ObjectiveLine, ...], problems: Problems
) -> tuple[ObjectiveLine, ...]:
    themes = {topic.code: topic for topic in session.scalars(select(Topic))}
    objectives = []
    if len(lines) > MAX_OBJECTIVES:
        problems.add("objectives", f"Au plus {MAX_OBJECTIVES} objectifs par contrat.")
    for number, line in enumerate(lines, start=1):
        text = problems.text(
            "objectives", line.text, label=f"Objectif {number}", max_length=PARAGRAPH_MAX, required=True, multiline=True
        )
        theme = themes.get(line.theme_code) if line.theme_code else None
        if line.theme_code and theme is None:
            problems.add("objectives", f"Objectif {number} : thème inconnu.")
        if kind.landlord_facing and (theme is None or theme.sensitivity != HOUSING_SENSITIVITY):
            what = (
                f"le thème « {theme.label} » ne concerne pas le logement"
                if theme
                else "choisissez un thème lié au logement"
            )
            problems.add(
                "objectives",
                f"Objectif {number} : ce document est remis au bailleur, seuls les objectifs liés au logement y "
                f"figurent ({what}).",
            )
        if line.owner not in THREE_PARTIES:
            problems.add(
                "objectives", f"Objectif {number} : choisissez qui le porte (le ménage, l'association ou le bailleur)."
            )
        objectives.append(ObjectiveLine(text, line.owner, line.theme_code, line.objective_id))
    return tuple(objectives)


def _check_commitments(
    parties: set[Party], lines: tuple[CommitmentLine, ...], problems: Problems
) -> tuple[CommitmentLine, ...]:
    commitments = []
    if len(lines) > MAX_COMMITMENTS:
        problems.add("commitments", f"Au plus {MAX_COMMITMENTS} engagements par contrat.")
    for number, commitment in enumerate(lines, start=1):
        text = problems.text(
            "commitments",
            commitment.text,
            label=f"Engagement {number}",
            max_length=PARAGRAPH_MAX,
            required=True,
            multiline=True,
        )
        if commitment.party not in parties:
            problems.add(
                "commitments",
                f"Engagement {number} : {PARTY_ROLES[commitment.party.value].lower()} n'est pas partie à ce document.",
            )
        commitments.append(CommitmentLine(commitment.party, text))
    return tuple(commitments)


def _check_reviews(lines: tuple[ReviewLine, ...], problems: Problems, today: date) -> tuple[ReviewLine, ...]:
    reviews = []
    if len(lines) > MAX_REVIEWS:
        problems.add("reviews", f"Au plus {MAX_REVIEWS} dates de bilan.")
    for number, review in enumerate(lines, start=1):
        label = problems.text("reviews", review.label, label=f"Bilan {number}", max_length=LABEL_MAX, required=True)
        problems.date("reviews", review.due_on, kind=DateKind.PLANNED, label=f"Bilan {number}", today=today)
        reviews.append(ReviewLine(review.due_on, label))
    return tuple(reviews)


def _check_signatories(
    parties: set[Party], lines: tuple[SignatoryLine, ...], problems: Problems
) -> tuple[SignatoryLine, ...]:
    signatories = []
    if len(lines) > MAX_SIGNATORIES:
        problems.add("signatories", f"Au plus {MAX_SIGNATORIES} signataires.")
    for number, signatory in enumerate(lines, start=1):
        name = problems.text(
            "signatories", signatory.name, label=f"Signataire {number}", max_length=LABEL_MAX, required=True
        )
        capacity = problems.text(
            "signatories", signatory.capacity, label=f"Signataire {number}, qualité", max_length=LABEL_MAX
        )
        links = [signatory.person_id, signatory.staff_member_id, signatory.partner_contact_id]
        if sum(link is not None for link in links) > 1:
            problems.add("signatories", f"Signataire {number} : une seule personne par ligne.")
        if signatory.party not in parties:
            problems.add(
                "signatories",
                f"Signataire {number} : {PARTY_ROLES[signatory.party.value].lower()} ne signe pas ce document.",
            )
        signatories.append(
            SignatoryLine(
                signatory.party,
                name,
                capacity,
                signatory.person_id,
                signatory.staff_member_id,
                signatory.partner_contact_id,
            )
        )
    return tuple(signatories)


def _check_debt_and_figures(data: ContractContent, problems: Problems, today: date) -> None:
    for field_name, value, label in (
        ("instalment_months", data.instalment_months, "Nombre de mensualités"),
        ("sublease_months", data.sublease_months, "Durée de la sous-location"),
        ("sublease_renewals", data.sublease_renewals, "Renouvellements"),
        ("target_households", data.target_households, "Nombre de ménages"),
    ):
        if value is not None and not 0 <= value <= 10_000:
            problems.add(field_name, f"{label} : un nombre entre 0 et 10 000.")
    if data.instalment_months is not None and data.instalment_months == 0:
        problems.add("instalment_months", "Nombre de mensualités : au moins une.")
    problems.date("debt_as_of", data.debt_as_of, kind=DateKind.EVENT, label="Date de la dette", today=today)
    debt = problems.amount("debt", data.debt, label="Montant de la dette")
    instalment = problems.amount("instalment", data.instalment, label="Mensualité", allow_zero=False)
    if debt is not None and instalment is not None and instalment > debt > 0:
        problems.add("instalment", "La mensualité dépasse la dette.")


def _check_alert_rules(
    session: Session, lines: tuple[AlertRuleLine, ...], problems: Problems
) -> tuple[AlertRuleLine, ...]:
    alert_codes = {item.code for item in session.scalars(select(AlertType))}
    rules = []
    seen_rules: set[str] = set()
    for rule in lines:
        if rule.alert_type_code not in alert_codes:
            problems.add("alert_rules", f"Type d'alerte inconnu : « {rule.alert_type_code} ».")
        elif rule.alert_type_code in seen_rules:
            problems.add("alert_rules", "Un même type d'alerte figure deux fois.")
        seen_rules.add(rule.alert_type_code)
        if not (0 <= rule.acknowledge_days <= 60 and 0 <= rule.action_days <= 120):
            problems.add(
                "alert_rules", "Délais : entre 0 et 60 jours ouvrés pour la prise en compte, 120 pour l'action."
            )
        elif rule.action_days < rule.acknowledge_days:
            problems.add("alert_rules", "La première action ne peut pas précéder la prise en compte.")
        rules.append(rule)
    return tuple(rules)


# ------------------------------------------------------------------------------------------------ storing


def apply_content(session: Session, version: ContractVersion, data: ContractContent) -> None:
    """Replace a draft version's content by ``data`` (already checked)."""
    version.title = data.title
    version.starts_on = data.starts_on
    version.ends_on = data.ends_on
    version.amendment_note = data.amendment_note
    version.debt_cents = amount_to_cents(data.debt)
    version.debt_as_of = data.debt_as_of
    version.instalment_cents = amount_to_cents(data.instalment)
    version.instalment_months = data.instalment_months
    version.sublease_months = data.sublease_months
    version.sublease_renewals = data.sublease_renewals
    version.target_households = data.target_households
    version.territory = data.territory
    # Old rows go first: the new ones may carry the same unique keys (an alert type per version).
    for collection in (
        version.clauses,
        version.objectives,
        version.commitments,
        version.reviews,
        version.signatories,
        version.alert_rules,
    ):
        collection.clear()
    session.flush()
    version.clauses = [
        ContractClause(code=c.code, title=c.title, body=c.body, required=c.required, sort_order=(i + 1) * 10)
        for i, c in enumerate(data.clauses)
    ]
    version.objectives = [objective_row(session, line, order) for order, line in enumerate(data.objectives)]
    version.commitments = [
        ContractCommitment(party=line.party, text=line.text, sort_order=order)
        for order, line in enumerate(data.commitments)
    ]
    version.reviews = [ContractReview(due_on=line.due_on, label=line.label) for line in data.reviews]
    version.signatories = [signatory_row(line, order) for order, line in enumerate(data.signatories)]
    alert_ids = {item.code: item.id for item in session.scalars(select(AlertType))}
    version.alert_rules = [
        ConventionAlertRule(
            alert_type_id=alert_ids[rule.alert_type_code],
            acknowledge_days=rule.acknowledge_days,
            action_days=rule.action_days,
        )
        for rule in data.alert_rules
    ]
    session.flush()


def signatory_row(line: SignatoryLine | SignatoryOption, order: int) -> ContractSignatory:
    """Return the row of a signatory line (or of a proposed signatory)."""
    return ContractSignatory(
        party=line.party,
        name=line.name,
        capacity=line.capacity,
        person_id=line.person_id,
        staff_member_id=line.staff_member_id,
        partner_contact_id=line.partner_contact_id,
        sort_order=order,
    )


def objective_row(session: Session, line: ObjectiveLine, order: int) -> ContractObjective:
    """Return the row of an objective line, its theme looked up by code."""
    theme_id = None
    if line.theme_code:
        theme_id = session.scalar(select(Topic.id).where(Topic.code == line.theme_code))
    return ContractObjective(
        objective_id=line.objective_id, text=line.text, theme_id=theme_id, owner=line.owner, sort_order=order
    )


# ------------------------------------------------------------------------------------- before signature


def check_complete(session: Session, contract: Contract, version: ContractVersion, today: date) -> None:
    """What a version needs before it goes to signature."""
    kind = contract.kind
    problems = Problems()
    if version.starts_on is None:
        problems.add("starts_on", "Indiquez la date d'effet.")
    present = {signatory.party for signatory in version.signatories}
    for code in kind.signing_parties.split():
        party = Party(code)
        if party not in present:
            problems.add("signatories", f"Ajoutez un signataire pour : {PARTY_LABELS[party].lower()}.")
    values = placeholder_values(session, contract, version, today)
    for clause in version.clauses:
        printed = fill_placeholders(clause.body, values)
        if clause.required and not clause.body.strip():
            problems.add("clauses", f"La clause « {clause.title} » est obligatoire : rédigez-la avant la signature.")
        elif "[à compléter" in printed:
            missing = printed[printed.index("[à compléter") :].split("]", 1)[0].removeprefix("[à compléter : ")
            problems.add("clauses", f"Clause « {clause.title} » : il manque {missing}.")
    if kind.with_debt:
        for name, value, label in (
            ("debt", version.debt_cents, "le montant de la dette"),
            ("debt_as_of", version.debt_as_of, "la date de la dette"),
            ("instalment", version.instalment_cents, "la mensualité"),
            ("instalment_months", version.instalment_months, "le nombre de mensualités"),
            ("sublease_months", version.sublease_months, "la durée de la sous-location"),
        ):
            if value is None:
                problems.add(name, f"Un protocole de maintien indique {label}.")
    if kind.with_alert_rules and version.target_households is None:
        problems.add("target_households", "La convention indique le nombre de ménages visé.")
    if kind.with_alert_rules and not version.alert_rules:
        problems.add("alert_rules", "La convention fixe les délais de réponse aux alertes.")
    for number, objective in enumerate(version.objectives, start=1):
        theme = objective.theme
        if kind.landlord_facing and (theme is None or theme.sensitivity != HOUSING_SENSITIVITY):
            problems.add(
                "objectives", f"Objectif {number} : seuls les objectifs liés au logement figurent sur ce document."
            )
    problems.raise_if_any()
