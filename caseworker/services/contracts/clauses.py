"""Clause texts: their placeholders, the values that fill them for one version, and the sharing clause.

A clause text may hold placeholders such as ``{bailleur}`` or ``{montant_dette}``: they are filled in from the
contract's own data when its PDF is produced, so a draft stays right when its dates or amounts change. Clauses
whose code starts with ``engagements_`` are the default commitments of a party, one per line. The values are C0/C1
information only (docs/domain.md §7.2); ``{consentements}``, the sharing clause, says what the household agreed to
share with the landlord, from the consent register as it stands on the day of the document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import Party
from caseworker.formats import cents_to_amount, format_amount, format_date, format_list, format_long_date
from caseworker.models import (
    Consent,
    Contract,
    ContractVersion,
    Episode,
    Occupancy,
    Organisation,
)
from caseworker.services.access_policy import may_read_consents
from caseworker.services.errors import TransitionError
from caseworker.services.households import current_adults
from caseworker.services.households.queries import coordinator
from caseworker.services.identity import printed_name, staff_display_name
from caseworker.services.sharing import Authorisation, household_consents
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX, Problems
from caseworker.services.visibility import viewer_of

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

# Every placeholder a clause may use, with what it becomes (shown in the template editor).
PLACEHOLDERS: Mapping[str, str] = {
    "menage": "les noms des adultes du ménage",
    "association": "le nom de l'association",
    "bailleur": "le nom du bailleur",
    "logement": "l'adresse du logement",
    "dispositif": "le dispositif d'accompagnement",
    "referent": "le référent coordinateur",
    "date_debut": "la date d'effet",
    "date_fin": "la date de fin",
    "duree": "la durée, de la date d'effet à la date de fin (« 12 mois »)",
    "consentements": "ce que le ménage a autorisé à transmettre au bailleur, à la date du document",
    "montant_dette": "le montant de la dette",
    "date_dette": "la date à laquelle la dette est arrêtée",
    "mensualite": "le montant de chaque mensualité",
    "nombre_mensualites": "le nombre de mensualités",
    "duree_sous_location": "la durée de la sous-location",
    "renouvellements": "combien de fois la sous-location peut être renouvelée (« une fois »)",
    "sous_location": "la durée de la sous-location et ses renouvellements (« 6 mois, renouvelable une fois »)",
    "nombre_menages": "le nombre de ménages visé par la convention",
    "territoire": "le territoire de l'association",
}

COMMITMENT_CODES: Mapping[str, Party] = {
    "engagements_bailleur": Party.BAILLEUR,
    "engagements_association": Party.ASSOCIATION,
    "engagements_menage": Party.MENAGE,
}
CLAUSE_CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
TITLE_MAX = LABEL_MAX


@dataclass(frozen=True)
class ClauseInput:
    """A clause as typed: its code (stable key), heading, text with placeholders, and whether it is required."""

    code: str
    title: str
    body: str
    required: bool = False


def placeholders_in(text: str) -> list[str]:
    """Return the placeholder names used in ``text``, in order."""
    return [match.group(1) for match in PLACEHOLDER.finditer(text)]


def fill_placeholders(text: str, values: Mapping[str, str]) -> str:
    """Replace every known placeholder by its value; a missing value shows as "[à compléter : …]"."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        value = values.get(name, "")
        return value if value else f"[à compléter : {PLACEHOLDERS[name]}]"

    return PLACEHOLDER.sub(replace, text)


def check_clauses(problems: Problems, clauses: Sequence[ClauseInput], *, field: str = "clauses") -> list[ClauseInput]:
    """Validate clause inputs (shared by templates and contract drafts); return them cleaned."""
    cleaned: list[ClauseInput] = []
    seen: set[str] = set()
    for number, clause in enumerate(clauses, start=1):
        code = clause.code.strip()
        where = f"Clause {number}"
        if not CLAUSE_CODE.match(code):
            problems.add(field, f"{where} : code interne invalide (lettres minuscules, chiffres et « _ »).")
        elif code in seen:
            problems.add(field, f"{where} : la clause « {code} » figure deux fois.")
        seen.add(code)
        title = problems.text(field, clause.title, label=f"{where}, titre", max_length=TITLE_MAX, required=True)
        body = problems.text(field, clause.body, label=f"{where}, texte", max_length=LONG_TEXT_MAX, multiline=True)
        unknown = [name for name in placeholders_in(body) if name not in PLACEHOLDERS]
        if unknown:
            names = ", ".join(f"{{{name}}}" for name in unknown)
            problems.add(
                field,
                f"{where} (« {title or code} ») : champ inconnu {names}. Champs possibles : "
                + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
                + ".",
            )
        if body.count("{") != body.count("}"):
            problems.add(field, f"{where} (« {title or code} ») : une accolade n'est pas refermée.")
        cleaned.append(ClauseInput(code, title, body, clause.required))
    return cleaned


def term_label(start: date | None, end: date | None) -> str:
    """Return how long a version runs, as a contract says it: "12 mois", "45 jours", "durée non déterminée"."""
    if end is None:
        return "durée non déterminée"
    if start is None:
        return f"jusqu'au {format_long_date(end)}"
    delta = relativedelta(end + relativedelta(days=1), start)
    months = delta.years * 12 + delta.months
    if delta.days == 0 and months > 0:
        return f"{months} mois"
    return f"{(end - start).days + 1} jours"


def valid_consents(
    session: Session, household: int | None, recipient: int, today: date
) -> list[tuple[Consent, Authorisation]]:
    """The consents that now let ``recipient`` receive something (``disclosure_rules``), with what and until.

    Nothing for a reader whose role may not read consents (a volunteer, docs/domain.md §2): the contract they read or
    print says nothing of them, as on the team's server, where the consent register is not theirs to read.
    """
    if household is None or not reads_consents(session):
        return []
    allowed = household_consents(session, household).authorisations(recipient, today)
    rows = {
        consent.id: consent
        for consent in session.scalars(
            select(Consent)
            .where(Consent.id.in_([item.record.id for item in allowed]))
            .options(selectinload(Consent.categories), selectinload(Consent.person))
        )
    }
    return [(rows[item.record.id], item) for item in allowed]


def reads_consents(session: Session) -> bool:
    """Tell whether who reads through ``session`` may read consents (nobody in particular, the maintenance, may)."""
    viewer = viewer_of(session)
    return viewer is None or viewer.staff_member_id is None or may_read_consents(viewer.role_code)


NOT_YOURS_TO_READ = "[les consentements du ménage, que votre fonction ne permet pas de consulter]"
"""What the sharing clause says to a reader who may not read consents, in place of them (never "aucune")."""

CONSENTS_NOT_YOURS = (
    "Ce contrat cite les consentements du ménage, que votre fonction ne permet pas de consulter : un·e collègue "
    "qui les consulte l'imprime, l'enregistre ou l'envoie à la signature."
)


def require_consent_reader_for(session: Session, contract: Contract) -> None:
    """Refuse, in French, the document of a contract facing the landlord to who may not read consents.

    Its sharing clause and its footer say which consents let the landlord receive what (docs/domain.md §2): the
    frozen copy names them, a fresh one could only say they are unknown.
    """
    if contract.kind.landlord_facing and not reads_consents(session):
        raise TransitionError(CONSENTS_NOT_YOURS)


def placeholder_values(session: Session, contract: Contract, version: ContractVersion, today: date) -> dict[str, str]:
    """The values of the placeholders for one version (C0/C1 information only)."""
    values: dict[str, str] = {}
    own = session.scalar(select(Organisation).where(Organisation.is_own).limit(1))
    if own is not None:
        values["association"] = own.name
        values["territoire"] = own.territory
    if contract.landlord is not None:
        values["bailleur"] = contract.landlord.name
    if contract.household_id is not None:
        values.update(_household_values(session, contract, contract.household_id, today))
    if contract.episode_id is not None:
        episode = session.get(Episode, contract.episode_id)
        if episode is not None:
            values["dispositif"] = episode.measure.name
    values.update(_version_values(version))
    return values


def _household_values(session: Session, contract: Contract, household: int, today: date) -> dict[str, str]:
    """The household's adults, dwelling, sharing clause and coordinator."""
    values: dict[str, str] = {}
    adults = [printed_name(person) for person, _role in current_adults(session, household, today)]
    values["menage"] = format_list(adults)
    occupancy = session.scalar(
        select(Occupancy).where(Occupancy.household_id == household, Occupancy.end_date.is_(None)).limit(1)
    )
    if occupancy is not None and occupancy.dwelling is not None:
        dwelling = occupancy.dwelling
        place = " ".join(part for part in (dwelling.postcode, dwelling.city) if part)
        values["logement"] = ", ".join(part for part in (dwelling.address, place) if part)
    consents = valid_consents(session, household, contract.landlord_id or -1, today)
    if consents:
        values["consentements"] = " ; ".join(
            ", ".join(category.label.lower() for category in consent.categories if category.code in allowed.categories)
            + f" (accord donné par {printed_name(consent.person)}"
            + (f", jusqu'au {format_date(allowed.until)})" if allowed.until else ")")
            for consent, allowed in consents
        )
    elif not reads_consents(session):
        values["consentements"] = NOT_YOURS_TO_READ
    else:
        values["consentements"] = "aucune information (pas d'autorisation écrite en cours de validité)"
    referent = coordinator(session, household)
    if referent is not None:
        values["referent"] = staff_display_name(referent.first_name, referent.last_name)
    return values


def _version_values(version: ContractVersion) -> dict[str, str]:
    """The version's own dates, term, debt and plan, sub-lease and convention figures."""
    values: dict[str, str] = {}
    if version.starts_on is not None:
        values["date_debut"] = format_long_date(version.starts_on)
    if version.ends_on is not None:
        values["date_fin"] = format_long_date(version.ends_on)
        if version.starts_on is not None:
            # Only a term reads right after "pour une durée de": without an end date the clause must say otherwise.
            values["duree"] = term_label(version.starts_on, version.ends_on)
    if version.debt_cents is not None:
        values["montant_dette"] = format_amount(cents_to_amount(version.debt_cents))
    if version.debt_as_of is not None:
        values["date_dette"] = format_long_date(version.debt_as_of)
    if version.instalment_cents is not None:
        values["mensualite"] = format_amount(cents_to_amount(version.instalment_cents))
    if version.instalment_months is not None:
        values["nombre_mensualites"] = str(version.instalment_months)
    if version.sublease_months is not None:
        values["duree_sous_location"] = f"{version.sublease_months} mois"
    if version.sublease_renewals is not None:
        values["renouvellements"] = {0: "aucune fois", 1: "une fois"}.get(
            version.sublease_renewals, f"{version.sublease_renewals} fois"
        )
        if version.sublease_months is not None:
            renewable = (
                "non renouvelable" if version.sublease_renewals == 0 else f"renouvelable {values['renouvellements']}"
            )
            values["sous_location"] = f"{version.sublease_months} mois, {renewable}"
    if version.target_households is not None:
        values["nombre_menages"] = str(version.target_households)
    return values
