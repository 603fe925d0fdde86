"""Who has agreed to share what with whom, on a given day: the consent rules of docs/domain.md §7.4.

Every reader of consents goes through this module: the fiche navette and the alert letter or e-mail (the gate and
the consents linked to the disclosure), the contract's sharing clause, the household's summary and the consent
register. Nothing else decides whether a consent holds.

The rules, given all consent records of a household, its support episodes and a day:

1. **One truth per person × recipient × category: the newest decision wins.** A decision is a signature
   (*accordé*, dated by the signature), a refusal (dated by the refusal) or a withdrawal (*révoqué*, dated by the
   withdrawal); on the same day, the record entered later wins. A request still waiting for a signature
   (*demandé*) decides nothing: it neither suspends an earlier signature nor hides it; only when nothing was ever
   decided does it say how things stand. So a withdrawal takes back the person's consent for that recipient and
   each category of the record, whatever older records say, and a renewal takes over from the record it renews
   (the older one is history: *remplacé*).
2. **A signature holds from its date to the earlier of its expiry date** (12 months at most, set when signing)
   **and the end of the household's support.** Consents are not tied to one measure: the support is the union of
   the household's episodes, each running from its orientation date until the day it closed (``end_date``; from
   that day on there is no support) or, for a consent that covers after-care, until its after-care closed too.
   Episodes that overlap or follow each other without a day's gap form one stretch of support. A signature ends
   with the stretch running on the day it was signed or, for a consent given before any support started (at
   referral) or between two episodes, with the next one; it holds until the day before that stretch ended. A
   consent given while no support runs and none starts afterwards keeps only its expiry date, and a signature
   that has ended stays ended (a new episode needs a new signature). None of this is stored: it is derived when
   reading, so the register shows "Expiré (fin de l'accompagnement)" from the day the last episode closes.
3. **Only the record that holds the truth can authorise**, while its signature holds; a consent limited to one
   role of the recipient authorises only a document addressed to a contact in that role.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import ConsentStatus, EpisodeStatus
from caseworker.domain.consents import STATUS_LABELS
from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.models import (
    AfterCare,
    Consent,
    ConsentCategory,
    Episode,
    HouseholdMembership,
    LegalBasis,
    Organisation,
    PartnerContact,
)
from caseworker.services.households.adults import ADULT_RULE, current_adults, members_of_unknown_age
from caseworker.services.identity import printed_name
from caseworker.services.search_text import fold

IDENTITY = "identite"
UNPROVEN = "accord oral : le formulaire signé manque"
UNKNOWN_AGE = (
    "âge inconnu (rôle enfant, sans année de naissance) : indiquez l'année de naissance dans la composition du "
    "ménage ; à 18 ans, on donne son propre accord"
)
# Words that say the agreement was not signed (accents and case folded): "accord oral", "OK par tél.", …
_NOT_SIGNED = re.compile(
    r"\b(?:oral\w*|oraux|verbal\w*|verbaux|telephon\w*|tel|phone|appel\w*|vive voix|"
    r"(?:pas|non)(?: encore)? signe\w*|sans signature)\b"
)
DECISIONS = frozenset({ConsentStatus.ACCORDE, ConsentStatus.REFUSE, ConsentStatus.REVOQUE})
CLOSED_EPISODES = frozenset({EpisodeStatus.CLOTURE, EpisodeStatus.SANS_SUITE})


# ------------------------------------------------------------------------------------------------ facts


@dataclass(frozen=True)
class ConsentFacts:
    """One consent record, as the rules read it (plain values)."""

    id: int
    person_id: int
    recipient_id: int
    recipient_role_id: int | None
    recipient_role_label: str
    categories: frozenset[str]
    status: ConsentStatus  # as stored: never "expire"
    requested_on: date
    decided_on: date | None
    valid_from: date | None
    expires_on: date | None
    revoked_on: date | None
    covers_after_care: bool = False
    # Granted before revision 0008 with nothing to prove it but a note saying the agreement was oral: a request.
    unproven: bool = False
    # The order the household's decisions were recorded in (revision 0010); None for older ones.
    decision_seq: int | None = None

    @property
    def decision_key(self) -> tuple[date, int, int] | None:
        """When this record last decided something (None for a request still waiting), for ordering.

        By day first; on the same day, the decision recorded last (then, for decisions recorded before revision
        0010, the newer record).
        """
        if self.unproven:
            return None
        if self.status is ConsentStatus.REVOQUE and self.revoked_on is not None:
            return (self.revoked_on, self.decision_seq or 0, self.id)
        if self.status in DECISIONS and self.decided_on is not None:
            return (self.decided_on, self.decision_seq or 0, self.id)
        return None

    @property
    def starts_on(self) -> date | None:
        """The first day a signature holds."""
        return self.valid_from or self.decided_on


@dataclass(frozen=True)
class SupportSpan:
    """One episode of support: from its orientation date until the day it closed (exclusive; None: running).

    ``after_care_end`` is the day its after-care closed too (the same as ``support_end`` without after-care).
    """

    start: date
    support_end: date | None
    after_care_end: date | None


@dataclass(frozen=True)
class RecordState:
    """A record on a day, on its own: its status (``expire`` derived) and when its signature stops holding."""

    status: ConsentStatus
    last_day: date | None = None  # a signature's last valid day
    support_ended_on: date | None = None  # the end of support, when that (not the expiry date) ended it
    unproven: bool = False  # an "accordé" of old whose only proof says the agreement was oral

    @property
    def label(self) -> str:
        """Return the status in French: "Expiré (fin de l'accompagnement)" when the support ended it."""
        if self.status is ConsentStatus.EXPIRE and self.support_ended_on is not None:
            return "Expiré (fin de l'accompagnement)"
        if self.unproven:
            return f"{STATUS_LABELS[ConsentStatus.DEMANDE]} ({UNPROVEN})"
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class LegalBasisFacts:
    """A ground in law recorded by the team lead, as the rules read it (docs/domain.md §7.5)."""

    id: int
    person_id: int | None  # None: every adult of the household on the day it was decided
    recipient_id: int
    categories: frozenset[str]
    ground: str
    decided_on: date
    ends_on: date | None
    withdrawn_on: date | None
    # For a basis about every adult: the household's members on the day it was decided (someone who joined later
    # was not part of the decision, and may have refused since).
    members_on_decision: frozenset[int] = frozenset()

    def covers(self, person_id: int, recipient_id: int, category: str, day: date) -> bool:
        """Tell whether it lets ``recipient_id`` receive ``category`` about the person on ``day``."""
        concerned = self.person_id == person_id or (self.person_id is None and person_id in self.members_on_decision)
        return (
            concerned
            and self.recipient_id == recipient_id
            and category in self.categories
            and self.decided_on <= day
            and (self.ends_on is None or day <= self.ends_on)
            and (self.withdrawn_on is None or day < self.withdrawn_on)
        )


# ------------------------------------------------------------------------------------------------ rules


@dataclass(frozen=True)
class HouseholdConsents:
    """All consent records of one household and its support: the questions every disclosure asks."""

    records: tuple[ConsentFacts, ...]
    support: tuple[SupportSpan, ...] = ()
    legal_bases: tuple[LegalBasisFacts, ...] = ()

    def state(self, record: ConsentFacts, day: date) -> RecordState:
        """Return the record's own status on ``day``: a signature past its end is expired."""
        if record.unproven:
            return RecordState(ConsentStatus.DEMANDE, unproven=True)
        if record.status is not ConsentStatus.ACCORDE:
            return RecordState(record.status)
        last = record.expires_on
        ended_on = None
        support_end = self.support_end_for(record)
        if support_end is not None and (last is None or support_end - timedelta(days=1) < last):
            last, ended_on = support_end - timedelta(days=1), support_end
        if last is not None and day > last:
            return RecordState(ConsentStatus.EXPIRE, last, ended_on)
        return RecordState(ConsentStatus.ACCORDE, last, ended_on)

    def support_end_for(self, record: ConsentFacts) -> date | None:
        """Return the day the support a signature depends on ended (None: it runs, or nothing ties it)."""
        signed = record.starts_on or record.requested_on
        for _start, end in _stretches(self.support, after_care=record.covers_after_care):
            if end is None:
                return None
            if end > signed:
                return end
        return None

    def truth(self, person_id: int, recipient_id: int, category: str, day: date) -> ConsentFacts | None:
        """Return the record that says how things stand for this person, recipient and category on ``day``."""
        matching = [
            record
            for record in self.records
            if record.person_id == person_id and record.recipient_id == recipient_id and category in record.categories
        ]
        decided = [
            record
            for record in matching
            if record.decision_key is not None and record.decided_on is not None and record.decided_on <= day
        ]
        if decided:
            return max(decided, key=lambda record: record.decision_key or (date.min, 0, 0))
        waiting = [record for record in matching if record.status is ConsentStatus.DEMANDE or record.unproven]
        return max(waiting, key=lambda record: (record.requested_on, record.id)) if waiting else None

    def authorising(
        self,
        person_id: int,
        recipient_id: int,
        category: str,
        day: date,
        *,
        contact_role_id: int | None = None,
        any_role: bool = False,
    ) -> ConsentFacts | None:
        """Return the record that lets ``recipient_id`` receive ``category`` about the person on ``day``, or None.

        ``contact_role_id`` is the role of the contact the document is addressed to; ``any_role`` ignores role
        limits (a document that describes the consents rather than goes to one contact).
        """
        record = self.truth(person_id, recipient_id, category, day)
        if record is None or self.state(record, day).status is not ConsentStatus.ACCORDE:
            return None
        if record.starts_on is not None and record.starts_on > day:
            return None
        if not any_role and record.recipient_role_id is not None and record.recipient_role_id != contact_role_id:
            return None
        return record

    def legal_basis(self, person_id: int, recipient_id: int, category: str, day: date) -> LegalBasisFacts | None:
        """Return the legal basis that lets ``recipient_id`` receive ``category`` on ``day`` without consent, or None.

        It is asked only where no consent authorises: a consent, when there is one, stays the ground.
        """
        covering = [basis for basis in self.legal_bases if basis.covers(person_id, recipient_id, category, day)]
        return max(covering, key=lambda basis: (basis.decided_on, basis.id)) if covering else None

    def why_not(
        self,
        person_id: int,
        recipient_id: int,
        category: str,
        day: date,
        *,
        contact_role_id: int | None = None,
        to_whom: str = "ce bailleur",
    ) -> str:
        """Say in French why no consent lets ``recipient_id`` receive ``category`` (for the refusal message)."""
        record = self.truth(person_id, recipient_id, category, day)
        if record is None:
            return f"aucun consentement enregistré pour {to_whom}"
        state = self.state(record, day)
        if state.status is ConsentStatus.ACCORDE:
            if record.recipient_role_id is not None and record.recipient_role_id != contact_role_id:
                return (
                    f"l'accord est limité au rôle « {record.recipient_role_label} » : adressez le document à un "
                    "contact de ce rôle"
                )
            return f"l'accord ne prend effet que le {format_date(record.starts_on)}"
        if state.unproven:
            return f"noté « accordé » sans preuve ({UNPROVEN})"
        if state.status is ConsentStatus.DEMANDE:
            return "demandé, mais le formulaire signé n'est pas enregistré"
        if state.status is ConsentStatus.REFUSE:
            return (
                f"refusé le {format_date(record.decided_on)} (seule une base légale enregistrée par le chef de "
                "service permet de passer outre)"
            )
        if state.status is ConsentStatus.REVOQUE:
            return f"retiré le {format_date(record.revoked_on)}"
        if state.support_ended_on is not None:
            return f"expiré : l'accompagnement a pris fin le {format_date(state.support_ended_on)}"
        return f"expiré le {format_date(record.expires_on)}"

    def superseded(self, record: ConsentFacts, day: date) -> frozenset[str]:
        """Return the record's categories that a newer decision now decides (the record is history for them)."""
        key = record.decision_key
        if key is None:  # a request: history once a decision came after it
            since = (record.requested_on, record.id)
            return frozenset(
                category
                for category in record.categories
                if any(
                    other.decision_key is not None
                    and other.decision_key > since
                    and other.person_id == record.person_id
                    and other.recipient_id == record.recipient_id
                    and category in other.categories
                    for other in self.records
                )
            )
        return frozenset(
            category
            for category in record.categories
            if self.truth(record.person_id, record.recipient_id, category, day) not in (record, None)
        )

    def authorisations(self, recipient_id: int, day: date) -> list[Authorisation]:
        """Return each record that now authorises something for ``recipient_id`` (any role), with what and until."""
        found = []
        for record in sorted(self.records, key=lambda item: item.id):
            if record.recipient_id != recipient_id:
                continue
            allowed = tuple(
                sorted(
                    category
                    for category in record.categories
                    if self.authorising(record.person_id, recipient_id, category, day, any_role=True) is record
                )
            )
            if allowed:
                found.append(Authorisation(record, allowed, self.state(record, day).last_day))
        return found


@dataclass(frozen=True)
class Authorisation:
    """What one record now allows sharing with its recipient, and its last valid day."""

    record: ConsentFacts
    categories: tuple[str, ...]
    until: date | None


def _stretches(spans: Iterable[SupportSpan], *, after_care: bool) -> list[tuple[date, date | None]]:
    """Merge episodes that overlap or follow each other without a gap into stretches of support, in order."""
    stretches: list[tuple[date, date | None]] = []
    for span in sorted(spans, key=lambda item: item.start):
        end = span.after_care_end if after_care else span.support_end
        if end is not None and end < span.start:
            end = span.start
        if stretches:
            start, current = stretches[-1]
            if current is None or span.start <= current:
                stretches[-1] = (start, None if current is None or end is None else max(current, end))
                continue
        stretches.append((span.start, end))
    return stretches


# ----------------------------------------------------------------------------------------------- loading


def household_consents(session: Session, household_id: int) -> HouseholdConsents:
    """Read a household's consent records and support episodes."""
    consents = session.scalars(
        select(Consent)
        .where(Consent.household_id == household_id)
        .options(selectinload(Consent.categories), selectinload(Consent.recipient_role))
    )
    episodes = session.scalars(
        select(Episode).where(Episode.household_id == household_id).options(selectinload(Episode.transitions))
    )
    after_care = {
        row.episode_id: row for row in session.scalars(select(AfterCare).where(AfterCare.household_id == household_id))
    }
    bases = session.scalars(
        select(LegalBasis).where(LegalBasis.household_id == household_id).options(selectinload(LegalBasis.categories))
    )
    memberships = session.execute(
        select(HouseholdMembership.person_id, HouseholdMembership.start_date, HouseholdMembership.end_date).where(
            HouseholdMembership.household_id == household_id
        )
    ).all()
    return HouseholdConsents(
        tuple(consent_facts(consent) for consent in consents),
        tuple(_support_span(episode, after_care.get(episode.id)) for episode in episodes),
        tuple(legal_basis_facts(basis, memberships) for basis in bases),
    )


def legal_basis_facts(basis: LegalBasis, memberships: Sequence[tuple[int, date, date | None]] = ()) -> LegalBasisFacts:
    """Return the plain facts of a legal basis row (``memberships``: the household's, as person, start, end)."""
    day = basis.decided_on
    return LegalBasisFacts(
        members_on_decision=frozenset(
            person for person, start, end in memberships if start <= day and (end is None or end >= day)
        ),
        id=basis.id,
        person_id=basis.person_id,
        recipient_id=basis.recipient_id,
        categories=frozenset(category.code for category in basis.categories),
        ground=basis.ground,
        decided_on=basis.decided_on,
        ends_on=basis.ends_on,
        withdrawn_on=basis.withdrawn_on,
    )


def consent_facts(consent: Consent) -> ConsentFacts:
    """Return the plain facts of a consent row."""
    return ConsentFacts(
        id=consent.id,
        person_id=consent.person_id,
        recipient_id=consent.recipient_id,
        recipient_role_id=consent.recipient_role_id,
        recipient_role_label=consent.recipient_role.label if consent.recipient_role else "",
        categories=frozenset(category.code for category in consent.categories),
        status=consent.status,
        requested_on=consent.requested_on,
        decided_on=consent.decided_on,
        valid_from=consent.valid_from,
        expires_on=consent.expires_on,
        revoked_on=consent.revoked_on,
        covers_after_care=consent.covers_after_care,
        decision_seq=consent.decision_seq,
        unproven=(
            consent.status is ConsentStatus.ACCORDE
            and consent.evidence_document_id is None
            and consent.evidence_place_id is None
            and (not consent.evidence_note.strip() or legacy_note_proves_nothing(consent.evidence_note))
        ),
    )


def legacy_note_proves_nothing(note: str) -> bool:
    """Tell whether a free-text evidence note says the agreement was oral, verbal, by phone or not signed."""
    return _NOT_SIGNED.search(fold(note)) is not None


def _support_span(episode: Episode, after_care: AfterCare | None = None) -> SupportSpan:
    """An episode as support: closed on its end date; after-care (if any) from the day it began.

    After-care ends on the day it was ended, or the day after its window's last day, whichever comes first
    (docs/domain.md §14.1): a consent covering it holds until then, the others end with the support.
    """
    if after_care is not None:
        window_over = after_care.planned_end + timedelta(days=1)
        ended = min(after_care.ended_on, window_over) if after_care.ended_on else window_over
        return SupportSpan(episode.orientation_date, after_care.start_date, ended)
    closed_on = None
    if episode.status in CLOSED_EPISODES:
        closing = [item.effective_date for item in episode.transitions if item.to_status is episode.status]
        closed_on = episode.end_date or (max(closing) if closing else episode.orientation_date)
    into_after_care = [
        item.effective_date for item in episode.transitions if item.to_status is EpisodeStatus.APRES_ACCOMPAGNEMENT
    ]
    if into_after_care:
        support_end: date | None = min(into_after_care)
    elif episode.status is EpisodeStatus.APRES_ACCOMPAGNEMENT:
        support_end = episode.end_date or episode.orientation_date
    else:
        support_end = closed_on
    return SupportSpan(episode.orientation_date, support_end, closed_on)


# ---------------------------------------------------------------------------------------- the consent gate


@dataclass(frozen=True)
class MissingConsent:
    """One adult who has not (or no longer) agreed to share one category with the recipient."""

    person_name: str
    category_code: str
    category_label: str
    reason: str


class ConsentMissingError(KnownError):
    """A document would share something a household member has not agreed to share with this recipient."""

    exit_code = 13

    def __init__(
        self, landlord_name: str, missing: Sequence[MissingConsent], *, document: str = "Fiche navette"
    ) -> None:
        self.missing = tuple(missing)
        sheet = document == "Fiche navette"
        # The landlord's name after a dash: "pour Le Relais" would need its article.
        lines = [
            f"{document} — {landlord_name} : elle ne peut pas être {'produite' if sheet else 'envoyée'}, "
            "il manque un consentement."
        ]
        lines += [f"• {item.person_name} — « {item.category_label} » : {item.reason}." for item in missing]
        lines.append(f"Chaque adulte du ménage ({ADULT_RULE}) doit avoir donné son accord écrit.")
        lines.append(
            "Enregistrez le consentement signé (onglet Consentements)"
            + (" ou retirez cette catégorie de la fiche." if sheet else ".")
        )
        super().__init__("\n".join(lines))


def contact_role(session: Session, contact_id: int | None) -> int | None:
    """Return the role of the contact a document is addressed to (None: no contact, or no role)."""
    if contact_id is None:
        return None
    contact = session.get(PartnerContact, contact_id)
    return contact.role_id if contact is not None else None


def consent_gaps(
    session: Session,
    household_id: int,
    recipient_id: int,
    categories: Sequence[str],
    contact_id: int | None,
    day: date,
    *,
    to_whom: str = "ce bailleur",
) -> list[MissingConsent]:
    """Return, for each current adult and category, why ``recipient_id`` may not receive it (empty: allowed)."""
    labels = {item.code: item.label for item in session.scalars(select(ConsentCategory))}
    adults = current_adults(session, household_id, day)
    if not adults:
        return [MissingConsent("Le ménage", IDENTITY, labels.get(IDENTITY, IDENTITY), "aucun adulte n'est membre")]
    rules = household_consents(session, household_id)
    role_id = contact_role(session, contact_id)
    missing = []
    for person, _role in adults:
        for code in categories:
            if rules.authorising(person.id, recipient_id, code, day, contact_role_id=role_id) is not None:
                continue
            if rules.legal_basis(person.id, recipient_id, code, day) is not None:
                continue
            reason = rules.why_not(person.id, recipient_id, code, day, contact_role_id=role_id, to_whom=to_whom)
            missing.append(MissingConsent(printed_name(person), code, labels.get(code, code), reason))
    if categories:
        # A child of unknown age may have grown up: whether their own consent is needed cannot be told.
        missing += [
            MissingConsent(printed_name(person), categories[0], labels.get(categories[0], categories[0]), UNKNOWN_AGE)
            for person in members_of_unknown_age(session, household_id)
        ]
    return missing


def missing_for_siao(session: Session, household_id: int, categories: Sequence[str], day: date) -> list[MissingConsent]:
    """A copy to the SIAO is a disclosure too: each adult must have agreed to share the same categories with it."""
    siao_id, missing = _best_siao(session, household_id, categories, day)
    if siao_id is None:
        return missing
    return [replace(item, reason=f"copie au SIAO : {item.reason}") for item in missing]


def siao_legal_grounds(session: Session, household_id: int, categories: Sequence[str], day: date) -> str:
    """The grounds in law the copy to the SIAO rests on, for the disclosure log ("" when consents suffice)."""
    siao_id, _missing = _best_siao(session, household_id, categories, day)
    if siao_id is None:
        return ""
    grounds = legal_grounds(session, household_id, siao_id, categories, None, day)
    return f"Copie au SIAO : {grounds}" if grounds else ""


def _best_siao(
    session: Session, household_id: int, categories: Sequence[str], day: date
) -> tuple[int | None, list[MissingConsent]]:
    """The active SIAO the household's consents (or legal bases) cover best, and what is still missing for it."""
    siao_ids = [
        organisation.id
        for organisation in session.scalars(select(Organisation).where(Organisation.active))
        if organisation.kind.code == "siao"
    ]
    if not siao_ids:
        labels = {item.code: item.label for item in session.scalars(select(ConsentCategory))}
        return None, [
            MissingConsent("Le ménage", IDENTITY, labels.get(IDENTITY, IDENTITY), "aucun SIAO dans l'annuaire")
        ]
    best: tuple[int | None, list[MissingConsent]] = (None, [])
    for siao_id in siao_ids:
        missing = consent_gaps(session, household_id, siao_id, categories, None, day, to_whom="le SIAO")
        if best[0] is None or len(missing) < len(best[1]):
            best = (siao_id, missing)
    return best


def authorising_consents(
    session: Session,
    household_id: int,
    recipient_id: int,
    categories: Sequence[str],
    contact_id: int | None,
    day: date,
) -> list[Consent]:
    """Return the consent rows that authorise the categories for the current adults (linked to a disclosure)."""
    rules = household_consents(session, household_id)
    role_id = contact_role(session, contact_id)
    ids = {
        record.id
        for person, _role in current_adults(session, household_id, day)
        for code in categories
        if (record := rules.authorising(person.id, recipient_id, code, day, contact_role_id=role_id)) is not None
    }
    if not ids:
        return []
    return list(session.scalars(select(Consent).where(Consent.id.in_(ids)).order_by(Consent.id)))


def legal_grounds(
    session: Session,
    household_id: int,
    recipient_id: int,
    categories: Sequence[str],
    contact_id: int | None,
    day: date,
) -> str:
    """Return the grounds in law a disclosure rests on where no consent authorises it ("" when consents suffice).

    Written to the disclosure log beside the consents, so that the household's record says why something was
    shared without their agreement.
    """
    rules = household_consents(session, household_id)
    role_id = contact_role(session, contact_id)
    grounds: dict[int, str] = {}
    for person, _role in current_adults(session, household_id, day):
        for code in categories:
            if rules.authorising(person.id, recipient_id, code, day, contact_role_id=role_id) is not None:
                continue
            basis = rules.legal_basis(person.id, recipient_id, code, day)
            if basis is not None:
                grounds[basis.id] = basis.ground
    return " ; ".join(grounds[key] for key in sorted(grounds))
