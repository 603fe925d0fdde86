"""Alerts between landlords and the association, debts and eviction procedures of demo households.

For each stay of a household in a landlord's dwelling (the association's own stock excluded), alerts arrive
over the years at the household's own pace: a few quiet households, most with an alert now and then, some
fragile ones often, and rent arrears concentrated on a minority (DOMAIN.md §6.6). Each alert walks the state
machine of §5.3 with dated steps: acknowledged (sometimes after its deadline), first action, perhaps an
escalation, then resolved or closed without follow-up; the walk is cut at ``today``, which leaves the recent
alerts open. A recurrence points to the earlier alert it repeats.

Arrears become a debt for some households, often with a repayment plan whose monthly payments are mostly on
time (§6.7); a few tenancies go to court. Every court termination of the occupancy history (§5.2 "résiliation")
has its procedure, whose stages move forward to that day and then to the eviction, the lease takeover, the
rehousing or the departure the history shows; a few procedures stop earlier (§5.5). Suspensions follow the
rules of §5.5: a plateforme lasts at most four months, no eviction happens during the winter truce.

Descriptions say what the landlord or the association may share: the dwelling, the rent, the neighbours,
never health or justice matters (§8.1). Rows are built as tuples in the storage format and written with
``exec_driver_sql`` (as the contact log, :mod:`caseworker.demo.support`).
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseworker.demo.batch import Row
from caseworker.demo.reference import CodeMap, ReferenceIds
from caseworker.domain import (
    AlertActionKind,
    AlertChannel,
    AlertSeverity,
    AlertStatus,
    Party,
    ProcedureOutcome,
    ProcedureStage,
    SuspensionGround,
)
from caseworker.models import (
    AlertType,
    Base,
    HouseholdMembership,
    Organisation,
    OrganisationKind,
    PartnerContact,
    PartnerRole,
    StaffMember,
    StaffRole,
    TeamMembership,
)
from caseworker.services.alerts import ACTION_LABELS, DEFAULT_SOURCE, ROUTING
from caseworker.services.calendar_fr import add_working_days, is_working_day, winter_truce
from caseworker.services.working_days import association_territory

PARIS = ZoneInfo("Europe/Paris")
S = AlertStatus
K = AlertActionKind
G = ProcedureStage
DAY = 1440  # moments are minutes since day 1 of the proleptic calendar, Paris local time
_OPENS = 8 * 60 + 30
_CLOSES = 18 * 60 + 30

# Households: (profile, weight, alerts per year in a landlord's dwelling, share with rent arrears).
_PROFILES = (("calme", 35, 0.4, 0.05), ("ordinaire", 40, 1.3, 0.2), ("fragile", 25, 3.3, 0.55))
# Types of the alerts that arrive (``procedure_engagee`` comes with the procedures, ``sortie_institution`` is
# not a landlord's matter): households with arrears mostly get arrears alerts.
_TYPES_ARREARS = (
    ("impaye", 50), ("trouble_voisinage", 9), ("perte_contact", 9), ("defaut_entretien", 6),
    ("agressivite_personnel", 1.5), ("demande_mediation", 3), ("sante_crise", 1), ("autre", 1.5),
    ("probleme_technique", 12), ("demande_intervention", 3), ("information", 3),
)  # fmt: skip
_TYPES_OTHER = (
    ("impaye", 15), ("trouble_voisinage", 22), ("perte_contact", 13), ("defaut_entretien", 11),
    ("agressivite_personnel", 2.5), ("demande_mediation", 4), ("sante_crise", 1.5), ("autre", 3),
    ("probleme_technique", 19), ("demande_intervention", 5), ("information", 4),
)  # fmt: skip
_CHANNELS_IN = ((AlertChannel.COURRIEL, 45), (AlertChannel.TELEPHONE, 35), (AlertChannel.COURRIER, 12),
                (AlertChannel.REUNION, 5), (AlertChannel.AUTRE, 3))  # fmt: skip
_CHANNELS_OUT = ((AlertChannel.COURRIEL, 60), (AlertChannel.COURRIER, 25), (AlertChannel.TELEPHONE, 15))
# Households the current user coordinates: share given a recent open alert (the inbox "mine" filter).
ACTOR_OPEN_ALERT_SHARE = 0.6
# Rent debts: share of the households with arrears whose arrears became a recorded debt, share with a plan.
DEBT_SHARE = 0.62
PLAN_SHARE = 0.6
EARLY_PROCEDURE_SHARE = 0.08  # debts of two months or more that start a procedure stopping before the court
RECURRENCE_SHARE = 0.35  # a new alert of the same type within six months of the last one is linked to it
_RECURRENCE_DAYS = 183

_I = AlertSeverity.INFORMATION
_M = AlertSeverity.MODEREE
_E = AlertSeverity.ELEVEE
_U = AlertSeverity.URGENTE


@dataclass(frozen=True)
class _Behaviour:
    """How alerts of one type are handled."""

    resolve_days: tuple[int, int]  # from the first action to the resolution
    escalation: float
    actions: tuple[tuple[AlertActionKind, float], ...]
    severities: tuple[tuple[AlertSeverity, float], ...]
    descriptions: tuple[str, ...]
    outcomes: tuple[str, ...]


_BEHAVIOURS: dict[str, _Behaviour] = {
    "impaye": _Behaviour(
        (14, 80),
        0.12,
        ((K.APPEL, 35), (K.VISITE, 30), (K.DEMANDE_FSL, 15), (K.PLAN_APUREMENT, 12), (K.MEDIATION, 8)),
        ((_M, 60), (_E, 35), (_U, 5)),
        (
            "Impayé de loyer : {months} ({amount}).",
            "Loyer non réglé, relance du bailleur sans réponse ({amount}).",
            "Dette locative de {amount} au dernier décompte ; le bailleur propose un rendez-vous.",
            "Retard de paiement du loyer et des charges ({amount}).",
        ),
        (
            "Loyer repris, le retard est réglé.",
            "Plan d'apurement proposé et accepté par le bailleur.",
            "Aide du FSL accordée, la dette est soldée.",
            "Rappel d'APL obtenu, le loyer est à jour.",
        ),
    ),
    "trouble_voisinage": _Behaviour(
        (7, 60),
        0.08,
        ((K.VISITE, 45), (K.MEDIATION, 30), (K.APPEL, 25)),
        ((_M, 70), (_E, 25), (_I, 5)),
        (
            "Plaintes de voisins pour du bruit en soirée.",
            "Conflit avec un voisin de palier signalé par le gardien.",
            "Nombreux passages dans la cage d'escalier signalés par les voisins.",
            "Musique forte la nuit, plusieurs plaintes écrites des voisins.",
            "Chien qui aboie en l'absence du locataire, plaintes de voisins.",
        ),
        (
            "Rencontre avec les voisins, la situation s'est apaisée.",
            "Médiation réalisée, plus de plainte depuis.",
            "Situation calme selon le gardien.",
        ),
    ),
    "defaut_entretien": _Behaviour(
        (14, 90),
        0.05,
        ((K.VISITE, 60), (K.APPEL, 25), (K.AUTRE, 15)),
        ((_M, 70), (_E, 25), (_I, 5)),
        (
            "Logement encombré constaté lors du passage du gardien.",
            "Odeurs signalées dans la cage d'escalier.",
            "Dégradations constatées dans le logement.",
            "Entretien annuel de la chaudière refusé à deux reprises.",
            "Balcon encombré, remarque des voisins.",
        ),
        (
            "Logement remis en ordre avec l'aide de l'équipe.",
            "Visite conjointe avec le bailleur satisfaisante.",
            "Entretien de la chaudière effectué.",
        ),
    ),
    "perte_contact": _Behaviour(
        (3, 40),
        0.05,
        ((K.VISITE, 60), (K.APPEL, 40)),
        ((_M, 50), (_E, 45), (_U, 5)),
        (
            "Plus de nouvelles du locataire depuis plusieurs semaines, volets fermés.",
            "Courrier qui s'accumule dans la boîte aux lettres.",
            "Le gardien ne voit plus le locataire, le logement semble inoccupé.",
            "Rendez-vous de l'état des lieux intermédiaire manqué, téléphone sans réponse.",
        ),
        (
            "Ménage revu à domicile, il est bien présent dans le logement.",
            "Contact rétabli avec le ménage.",
            "Absence expliquée par le ménage, le logement reste occupé.",
        ),
    ),
    "agressivite_personnel": _Behaviour(
        (3, 30),
        0.2,
        ((K.APPEL, 40), (K.MEDIATION, 35), (K.VISITE, 25)),
        ((_E, 60), (_U, 40)),
        (
            "Propos menaçants envers le gardien.",
            "Altercation avec le personnel de l'agence lors d'un rendez-vous.",
            "Comportement agressif au téléphone avec la chargée de gestion locative.",
        ),
        (
            "Rencontre avec le ménage et le gardien, excuses présentées.",
            "Rendez-vous à l'agence accompagné par la référente, échange apaisé.",
        ),
    ),
    "procedure_engagee": _Behaviour(
        (20, 120),
        0.35,
        ((K.APPEL, 30), (K.DEMANDE_FSL, 25), (K.MEDIATION, 20), (K.SAISINE_CCAPEX, 15), (K.PLAN_APUREMENT, 10)),
        ((_E, 60), (_U, 40)),
        (
            "Le bailleur informe de l'assignation délivrée pour la dette locative.",
            "Procédure d'expulsion engagée pour impayés de loyer, audience à venir.",
        ),
        (
            "Dossier présenté à la CCAPEX, démarches en cours avec le bailleur.",
            "Accord avec le bailleur sur un échéancier avant l'audience.",
        ),
    ),
    "sante_crise": _Behaviour(
        (2, 20),
        0.1,
        ((K.VISITE, 60), (K.APPEL, 40)),
        ((_E, 50), (_U, 50)),
        (
            "Comportement inhabituel signalé par le gardien, demande de passage rapide.",
            "Le gardien s'inquiète pour le locataire et demande un passage de l'équipe.",
        ),
        ("Passage de l'équipe au logement, le bailleur est rassuré.", "Situation suivie par l'équipe."),
    ),
    "demande_mediation": _Behaviour(
        (14, 60),
        0.05,
        ((K.MEDIATION, 60), (K.APPEL, 40)),
        ((_M, 80), (_I, 20)),
        (
            "Le bailleur demande une rencontre avec le ménage et l'association.",
            "Demande de médiation au sujet de l'occupation du logement.",
        ),
        ("Rencontre tripartite tenue, engagements notés.", "Médiation réalisée avec le bailleur et le ménage."),
    ),
    "autre": _Behaviour(
        (5, 40),
        0.02,
        ((K.APPEL, 70), (K.AUTRE, 30)),
        ((_I, 50), (_M, 50)),
        (
            "Demande d'information du bailleur sur l'occupation du logement.",
            "Changement de composition du ménage à confirmer au bailleur.",
            "Attestation d'assurance habitation demandée par le bailleur.",
        ),
        ("Information transmise au bailleur avec l'accord du ménage.", "Attestation fournie au bailleur."),
    ),
    "probleme_technique": _Behaviour(
        (7, 75),
        0.08,
        ((K.RELANCE_BAILLEUR, 55), (K.APPEL, 30), (K.VISITE, 15)),
        ((_M, 55), (_E, 30), (_U, 15)),
        (
            "Fuite d'eau dans la salle de bain.",
            "Chauffage en panne depuis plusieurs jours.",
            "Moisissures dans la chambre, ventilation défaillante.",
            "Serrure de la porte d'entrée cassée.",
            "Infiltration d'eau par la fenêtre du séjour.",
            "Chauffe-eau hors service.",
            "Prises électriques défectueuses dans la cuisine.",
        ),
        (
            "Intervention réalisée par le bailleur, vérifiée avec le ménage.",
            "Réparation effectuée par l'entreprise mandatée.",
            "Équipement remplacé par le bailleur.",
        ),
    ),
    "demande_intervention": _Behaviour(
        (7, 45),
        0.04,
        ((K.RELANCE_BAILLEUR, 60), (K.APPEL, 40)),
        ((_M, 80), (_I, 20)),
        (
            "Demande de remplacement de la porte du hall.",
            "Insectes dans le logement : demande de désinsectisation.",
            "Demande de pose d'une barre d'appui dans la salle de bain.",
            "Volet roulant bloqué dans la chambre.",
        ),
        ("Intervention faite par le bailleur.", "Travaux programmés puis réalisés."),
    ),
    "information": _Behaviour(
        (1, 10),
        0.0,
        ((K.APPEL, 100),),
        ((_I, 100),),
        (
            "Information : le ménage s'absente trois semaines, le logement reste occupé.",
            "Information : nouveau référent coordinateur pour ce ménage.",
            "Information : naissance, le ménage compte une personne de plus.",
        ),
        ("Information prise en compte par le bailleur.",),
    ),
}
_ACTION_NOTES = {
    K.VISITE: ("Visite à domicile avec le ménage au sujet du signalement.", "Passage au logement."),
    K.APPEL: ("Appel au ménage pour faire le point.", "Échange téléphonique avec le bailleur."),
    K.MEDIATION: ("Rencontre tripartite bailleur, ménage et association.", "Médiation avec le voisinage."),
    K.DEMANDE_FSL: ("Dossier FSL maintien déposé.", "Demande d'aide du FSL pour la dette locative."),
    K.SAISINE_CCAPEX: ("Saisine de la CCAPEX.",),
    K.PLAN_APUREMENT: ("Plan d'apurement préparé avec le ménage et proposé au bailleur.",),
    K.RELANCE_BAILLEUR: ("Relance du bailleur sur l'intervention attendue.", "Relance par courriel."),
    K.AUTRE: ("Courrier au ménage avec les coordonnées du référent.", "Point en équipe."),
}
_MEDIATION_AGREEMENTS = (
    "Le ménage reprend le paiement du loyer courant et verse {amount} de plus chaque mois ; le bailleur suspend "
    "les relances.",
    "Le ménage s'engage à limiter le bruit après 22 h ; le gardien prévient l'association en cas de nouvelle plainte.",
    "Un dossier FSL est déposé cette semaine ; le bailleur attend la décision avant toute suite contentieuse.",
    "Le bailleur programme l'intervention demandée ; le ménage sera présent pour ouvrir le logement.",
    "Le ménage accepte une visite mensuelle de l'association ; le bailleur est informé de chaque avancée.",
)
_MEDIATION_GUESTS = ("Le gardien de l'immeuble", "Un voisin de palier", "Une interprète", "La conseillère du CCAS")
_ACK_NOTES_IN = ("", "", "Accusé de réception envoyé au bailleur.", "Référent informé.")
_ACK_NOTES_OUT = ("Le bailleur a accusé réception.", "Prise en compte confirmée par la gestion locative.")
_JOINT_ACK_NOTE = "Pris en compte avec la première action"
_BACK_NOTE = "Retour en traitement après l'instance."
_VOID_REASONS = (
    "Doublon d'une alerte déjà enregistrée.",
    "Signalement concernant un autre logement.",
    "Alerte enregistrée par erreur.",
)
_DROPPED_REASONS = (
    "Le ménage a quitté le logement.",
    "Le bailleur a retiré son signalement.",
    "Situation réglée directement entre le bailleur et le ménage.",
)
_ESCALATION_TARGETS = {
    "N1": ("Chef de service et CESF du bailleur", "Chef de service et référent du bailleur"),
    "N2": ("Plateforme de prévention des expulsions", "Comité technique", "Responsable d'agence du bailleur"),
    "N3": ("CCAPEX",),
}
_ESCALATION_TARGETS_OUT = {
    "N1": ("Chef de service et gestion locative du bailleur",),
    "N2": ("Responsable d'agence du bailleur",),
    "N3": ("Responsable d'agence du bailleur",),
}
_ESCALATION_LEVELS = {"impaye": ((0, 40), (1, 45), (2, 15)), "procedure_engagee": ((1, 40), (2, 60))}
_ESCALATION_LEVELS_DEFAULT = ((0, 65), (1, 33), (2, 2))
_LEVELS = ("N1", "N2", "N3")
_EXTRA_ACTIONS = ([0, 1, 2, 3], [50.0, 80.0, 95.0, 100.0])  # actions after the first one (cumulative weights)
_PLAN_BREAK_DESCRIPTION = "Plan d'apurement non respecté : échéances impayées ({amount})."
_MONTHS = ("un mois", "deux mois", "trois mois", "quatre mois", "cinq mois", "six mois")

# Repayment plans: payment habits (on time, partial, late; the rest missed), by weight.
_HABITS = (((0.92, 0.02, 0.04), 60), ((0.74, 0.06, 0.10), 30), ((0.50, 0.08, 0.14), 10))
_DOOMED_HABIT = (0.35, 0.1, 0.1)
_PLAN_NOTES = ("Plan signé avec le bailleur et le ménage.", "Plan validé en commission FSL.", "")
_DEBT_NOTES = ("Décompte du bailleur.", "Dette locative au dernier avis d'échéance.", "")
_PAYMENT_NOTES = ("", "", "", "Virement", "Prélèvement", "Paiement à l'agence")
_ENERGY_DEBT_SHARE = 0.1
_ENERGY_CREDITOR = "Fournisseur d'énergie"

# Procedures: days between stages (shortest, longest), in order.
_STAGE_GAPS = {
    G.RELANCES: (15, 45),
    G.PRECONTENTIEUX: (30, 90),
    G.COMMANDEMENT_DE_PAYER: (30, 75),
    G.ASSIGNATION: (45, 150),
    G.AUDIENCE: (45, 120),
    G.RESILIATION: (20, 60),
}
_EARLY_STOPS = ((G.RELANCES, 30), (G.PRECONTENTIEUX, 30), (G.COMMANDEMENT_DE_PAYER, 15), (G.ASSIGNATION, 12),
                (G.AUDIENCE, 13))  # fmt: skip
_STAGE_NOTES = {
    G.IMPAYE_CONSTATE: "Impayé constaté par le bailleur.",
    G.RELANCES: "Relances du bailleur.",
    G.PRECONTENTIEUX: "Dossier transmis au service contentieux du bailleur.",
    G.COMMANDEMENT_DE_PAYER: "Commandement de payer délivré.",
    G.ASSIGNATION: "Assignation délivrée.",
    G.AUDIENCE: "Audience tenue.",
    G.RESILIATION: "Résiliation du bail prononcée.",
    G.OCCUPANT_SANS_TITRE: "Le ménage est occupant sans droit ni titre.",
    G.COMMANDEMENT_DE_QUITTER: "Commandement de quitter les lieux délivré.",
    G.CONCOURS_FORCE_PUBLIQUE: "Concours de la force publique accordé.",
    G.EXPULSION: "Expulsion réalisée.",
}
_SUSPENSION_NOTES = {
    SuspensionGround.PLATEFORME: "Situation examinée en plateforme de prévention.",
    SuspensionGround.PROTOCOLE: "Protocole tripartite en préparation.",
    SuspensionGround.PLAN_RESPECTE: "Le bailleur suspend tant que le plan est respecté.",
    SuspensionGround.MEDIATION: "Médiation en cours.",
    SuspensionGround.DELAIS_JUGE: "Délais de paiement accordés.",
    SuspensionGround.TREVE_HIVERNALE: "Trêve hivernale.",
    SuspensionGround.AUTRE: "",
}
_PROCEDURE_NOTES = ("", "", "Suivi avec la juriste de l'association.", "Dossier suivi avec la CESF du bailleur.")
_HOUSED_AFTER = frozenset({"mutation", "relogement", "acces_logement"})

_COLUMNS = {
    "alert": (
        "id", "alert_type_id", "direction", "household_id", "dwelling_id", "landlord_id", "partner_contact_id",
        "channel", "severity", "received_at", "description", "amount_cents", "status", "acknowledge_due_on",
        "action_due_on", "deadline_source", "acknowledged_at", "first_action_at", "closed_at", "outcome",
        "escalation_level", "escalation_target", "related_alert_id", "created_at", "created_by_id",
    ),
    "alert_step": (
        "id", "alert_id", "at", "staff_member_id", "from_status", "to_status", "note", "escalation_level",
        "escalation_target", "seq",
    ),
    "alert_action": ("id", "alert_id", "kind", "at", "note", "contact_id", "staff_member_id", "seq"),
    "alert_mediation": ("id", "action_id", "agreement", "follow_up_on"),
    "mediation_participant": (
        "id", "mediation_id", "party", "person_id", "partner_contact_id", "staff_member_id", "name", "sort_order",
    ),
    "debt": (
        "id", "household_id", "creditor_id", "creditor_name", "is_rent", "amount_cents", "as_of", "period_start",
        "period_end", "note", "settled_on", "created_at",
    ),
    "repayment_plan": (
        "id", "debt_id", "instalment_cents", "rent_due_cents", "start_month", "months", "agreed_on", "note",
        "ended_on", "end_reason", "created_at",
    ),
    "payment": ("id", "plan_id", "month", "amount_cents", "paid_on", "note", "created_at"),
    "legal_procedure": (
        "id", "household_id", "landlord_id", "dwelling_id", "opened_on", "outcome", "outcome_on", "note",
        "created_at",
    ),
    "procedure_stage": ("id", "procedure_id", "stage", "on", "note", "is_correction", "created_at", "created_by_id"),
    "procedure_suspension": (
        "id", "procedure_id", "ground", "start_date", "end_date", "stage_at_suspension", "note", "created_at",
    ),
}  # fmt: skip
# Insert order respects foreign keys.
_TABLES = tuple(_COLUMNS)


def _insert(name: str, columns: Sequence[str]) -> str:
    quoted = ", ".join(f'"{column}"' for column in columns)  # "on" is an SQL keyword
    return f"INSERT INTO {name} ({quoted}) VALUES ({', '.join('?' * len(columns))})"


_INSERTS = {name: _insert(name, columns) for name, columns in _COLUMNS.items()}


# ----------------------------------------------------------------------------------------------- reference


@dataclass(frozen=True)
class AlertTypeInfo:
    """An alert type of the reference data and its default deadlines (French working days)."""

    id: int
    code: str
    direction: str
    acknowledge_days: int
    action_days: int


@dataclass(frozen=True)
class PreventionReference:
    """Alert types, landlords with their contacts and the staff, read once per generation."""

    alert_types: dict[str, AlertTypeInfo]
    landlords: frozenset[int]  # organisations that are landlords (the association's own stock is not)
    contacts: dict[int, list[tuple[int, str]]]  # landlord → (partner contact, role code)
    team_leads: list[int]
    lawyers: list[int]
    actor_id: int | None


def load_prevention_reference(session: Session, actor_staff_id: int | None) -> PreventionReference:
    """Read what the alerts and procedures need (inside the generation's transaction)."""
    rows = session.execute(
        select(AlertType.id, AlertType.code, AlertType.direction, AlertType.acknowledge_days, AlertType.action_days)
    ).all()
    available = CodeMap("Types d'alerte", {row[1]: row[0] for row in rows})
    by_id = {row[0]: row for row in rows}
    types: dict[str, AlertTypeInfo] = {}
    for code in sorted({*_BEHAVIOURS, "procedure_engagee"}):
        type_id, _code, direction, acknowledge, action = by_id[available[code]]  # French error if deleted
        types[code] = AlertTypeInfo(type_id, code, direction, acknowledge, action)
    landlords = frozenset(
        session.scalars(
            select(Organisation.id)
            .join(OrganisationKind, OrganisationKind.id == Organisation.kind_id)
            .where(OrganisationKind.is_landlord.is_(True), Organisation.is_own.is_(False))
        )
    )
    contacts: dict[int, list[tuple[int, str]]] = {}
    for contact_id, organisation_id, role in session.execute(
        select(PartnerContact.id, PartnerContact.organisation_id, PartnerRole.code)
        .join(PartnerRole, PartnerRole.id == PartnerContact.role_id)
        .where(PartnerContact.active.is_(True), PartnerContact.organisation_id.in_(landlords))
        .order_by(PartnerContact.id)
    ):
        contacts.setdefault(organisation_id, []).append((contact_id, role))
    staff = session.execute(
        select(StaffMember.id, StaffRole.code)
        .join(StaffRole, StaffRole.id == StaffMember.role_id)
        .where(StaffMember.active.is_(True))
        .order_by(StaffMember.id)
    ).all()
    leads = [staff_id for staff_id, role in staff if role == "chef_service" and staff_id != actor_staff_id]
    social = [staff_id for staff_id, role in staff if role == "travailleur_social" and staff_id != actor_staff_id]
    return PreventionReference(
        alert_types=types,
        landlords=landlords,
        contacts=contacts,
        team_leads=leads or social or [staff_id for staff_id, _role in staff],
        lawyers=[staff_id for staff_id, role in staff if role == "juriste"],
        actor_id=actor_staff_id,
    )


# -------------------------------------------------------------------------------------------------- plans


@dataclass(frozen=True)
class _Period:
    status: str
    reason: str
    start: date
    end: date | None


@dataclass
class _Stay:
    """Consecutive occupancy periods in one landlord's dwelling."""

    dwelling_id: int
    landlord_id: int
    monthly_cents: int  # rent and charges
    periods: list[_Period]
    next_period: _Period | None = None

    @property
    def start(self) -> date:
        return self.periods[0].start

    @property
    def end(self) -> date | None:
        return self.periods[-1].end


@dataclass
class _AlertPlan:
    """An alert to write; its history is drawn when the household's alerts are complete."""

    type: AlertTypeInfo
    received: int  # moment (local minutes)
    stay: _Stay
    amount_cents: int | None = None
    force_open: bool = False
    resolve_not_before: int | None = None
    description: str = ""
    related: _AlertPlan | None = None
    id: int = 0
    closed: int | None = None  # moment it was closed, once drawn


@dataclass
class _Debt:
    stay: _Stay
    amount_cents: int
    as_of: date
    settled_on: date | None = None
    id: int = 0


@dataclass
class _Procedure:
    stay: _Stay
    opened: date
    stages: list[tuple[ProcedureStage, date]] = field(default_factory=list)
    suspensions: list[tuple[SuspensionGround, date, date, ProcedureStage]] = field(default_factory=list)
    outcome: ProcedureOutcome | None = None
    outcome_on: date | None = None


@dataclass
class PreventionCounts:
    """Rows the prevention step wrote."""

    alerts: int = 0
    debts: int = 0
    procedures: int = 0

    def add(self, other: PreventionCounts) -> None:
        """Add ``other``'s counts to these."""
        self.alerts += other.alerts
        self.debts += other.debts
        self.procedures += other.procedures


def _cumulative(weighted: Sequence[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    return [item for item, _ in weighted], list(accumulate(weight for _, weight in weighted))


# ------------------------------------------------------------------------------------------------ planner


class PreventionPlanner:
    """Invents the alerts, debts and procedures of each household of a chunk, then writes them."""

    def __init__(
        self, rng: random.Random, today: date, *, session: Session, refs: ReferenceIds, reference: PreventionReference
    ) -> None:
        self._rng = rng
        self._today = today
        self._yesterday = today - timedelta(days=1)
        self._horizon = today.toordinal() * DAY - 1  # nothing happens today or later
        self._ref = reference
        self._status_codes = {item_id: code for code, item_id in refs.occupancy_status.ids.items()}
        self._reason_codes = {item_id: code for code, item_id in refs.change_reason.ids.items()}
        self._housed = refs.housed_statuses
        self._last = {
            name: session.scalar(select(func.coalesce(func.max(Base.metadata.tables[name].c.id), 0))) or 0
            for name in _TABLES
        }
        self._rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _TABLES}
        self._types = reference.alert_types
        self._profiles = _cumulative([((code, rate, arrears), weight) for code, weight, rate, arrears in _PROFILES])
        self._mix_arrears = _cumulative([(self._types[code], weight) for code, weight in _TYPES_ARREARS])
        self._mix_other = _cumulative([(self._types[code], weight) for code, weight in _TYPES_OTHER])
        self._channels_in = _cumulative(_CHANNELS_IN)
        self._channels_out = _cumulative(_CHANNELS_OUT)
        self._mixes = {code: (_cumulative(b.actions), _cumulative(b.severities)) for code, b in _BEHAVIOURS.items()}
        self._territory = association_territory(session)  # whose public holidays count the days
        self._working: dict[int, bool] = {}
        self._working_after: dict[tuple[int, int], int] = {}
        self._utc_days: dict[int, tuple[str, int]] = {}  # day → (ISO date, minutes ahead of UTC)
        self._coordinators: dict[int, list[tuple[int, int, int]]] = {}  # household → (staff, first, last ordinal)
        self._actor_households: set[int] = set()

    # ------------------------------------------------------------------------------------------ chunk

    def plan(
        self, session: Session, households: Sequence[Row], occupancies: Sequence[Row], dwellings: Sequence[Row]
    ) -> None:
        """Invent the alerts, debts and procedures of a chunk whose households and support are written."""
        if not households:
            return
        self._load_team(session, households[0]["id"], households[-1]["id"])
        dwelling_of = {row["id"]: (row["landlord_id"], row["rent_cents"] + row["charges_cents"]) for row in dwellings}
        periods: dict[int, list[Row]] = {}
        for row in occupancies:
            periods.setdefault(row["household_id"], []).append(row)
        for row in households:
            mine = sorted(periods.get(row["id"], []), key=lambda item: item["start_date"])
            self._household(row["id"], self._stays(mine, dwelling_of))

    def write(self, session: Session) -> PreventionCounts:
        """Insert the queued rows inside the caller's transaction, empty the queues and return the counts."""
        counts = PreventionCounts(
            alerts=len(self._rows["alert"]),
            debts=len(self._rows["debt"]),
            procedures=len(self._rows["legal_procedure"]),
        )
        connection = session.connection()
        for name in _TABLES:
            rows = self._rows[name]
            if rows:
                connection.exec_driver_sql(_INSERTS[name], rows)
                self._rows[name] = []
        return counts

    def _next_id(self, table: str) -> int:
        self._last[table] += 1
        return self._last[table]

    def _load_team(self, session: Session, first_id: int, last_id: int) -> None:
        """Coordinators of the chunk's households, and those the current user is on the team of today."""
        self._coordinators = {}
        self._actor_households = set()
        actor = self._ref.actor_id
        rows = session.execute(
            select(
                TeamMembership.household_id,
                TeamMembership.staff_member_id,
                TeamMembership.is_coordinator,
                TeamMembership.start_date,
                TeamMembership.end_date,
            )
            .where(TeamMembership.household_id.between(first_id, last_id), TeamMembership.staff_member_id.is_not(None))
            .order_by(TeamMembership.id)
        )
        # The first member of each household stands for it at a mediation (the reference person, written first).
        self._first_member: dict[int, int] = {
            household_id: person_id
            for household_id, person_id in session.execute(
                select(HouseholdMembership.household_id, func.min(HouseholdMembership.person_id))
                .where(HouseholdMembership.household_id.between(first_id, last_id))
                .group_by(HouseholdMembership.household_id)
            )
        }
        for household_id, staff_id, is_coordinator, start, end in rows:
            if is_coordinator and staff_id is not None:
                last = end.toordinal() if end is not None else self._today.toordinal()
                self._coordinators.setdefault(household_id, []).append((staff_id, start.toordinal(), last))
            if staff_id == actor and end is None:
                self._actor_households.add(household_id)

    def _stays(self, periods: list[Row], dwelling_of: dict[int, tuple[int, int]]) -> list[_Stay]:
        stays: list[_Stay] = []
        current: _Stay | None = None
        for row in periods:
            period = _Period(
                self._status_codes.get(row["status_id"], "autre"),
                self._reason_codes.get(row["change_reason_id"], "autre"),
                row["start_date"],
                row["end_date"],
            )
            if current is not None and current.next_period is None:
                current.next_period = period
            dwelling_id = row["dwelling_id"]
            landlord_id, monthly = dwelling_of.get(dwelling_id, (None, 0)) if dwelling_id else (None, 0)
            if landlord_id is None or landlord_id not in self._ref.landlords:
                current = None
                continue
            if current is not None and current.dwelling_id == dwelling_id and current.next_period is period:
                current.periods.append(period)
                current.next_period = None
                continue
            current = _Stay(dwelling_id, landlord_id, monthly, [period])
            stays.append(current)
        return stays

    # -------------------------------------------------------------------------------------- household

    def _household(self, household_id: int, stays: list[_Stay]) -> None:
        if not stays:
            return
        rng = self._rng
        profiles, cumulative = self._profiles
        _profile, rate, arrears_share = rng.choices(profiles, cum_weights=cumulative)[0]
        evictions = [stay for stay in stays if any(p.reason == "resiliation" for p in stay.periods)]
        arrears = bool(evictions) or rng.random() < arrears_share
        mix = self._mix_arrears if arrears else self._mix_other
        alerts: list[_AlertPlan] = []
        debts: list[tuple[_Debt, list[tuple[Any, ...]]]] = []
        procedures: list[_Procedure] = []
        for stay in stays:
            last = min(stay.end or self._yesterday, self._yesterday)
            ordinal = stay.start.toordinal() + 20
            last_ordinal = last.toordinal()
            types, type_cumulative = mix
            while True:
                ordinal += int(rng.expovariate(rate / 365.25)) + 1
                if ordinal > last_ordinal:
                    break
                alert_type = rng.choices(types, cum_weights=type_cumulative)[0]
                received = self._received(ordinal, last_ordinal)
                if received is not None:
                    alerts.append(self._alert_plan(alert_type, received, stay, arrears))
            if stay in evictions:
                self._eviction(stay, alerts, debts, procedures)
            elif arrears:
                self._arrears(stay, alerts, debts, procedures)
        if household_id in self._actor_households and stays[-1].end is None and rng.random() < ACTOR_OPEN_ALERT_SHARE:
            types, type_cumulative = mix
            day = max(self._yesterday.toordinal() - rng.randint(0, 12), stays[-1].start.toordinal())
            received = self._received(day, self._yesterday.toordinal())
            if received is not None:
                plan = self._alert_plan(
                    rng.choices(types, cum_weights=type_cumulative)[0], received, stays[-1], arrears
                )
                plan.force_open = True
                alerts.append(plan)
        alerts.sort(key=lambda item: item.received)
        self._queue_alerts(household_id, alerts)
        for debt, plans in debts:
            self._queue_debt(household_id, debt, plans)
        for procedure in procedures:
            self._queue_procedure(household_id, procedure)

    def _received(self, ordinal: int, last_ordinal: int) -> int | None:
        """A moment of office hours on the first working day from ``ordinal`` (None if after ``last_ordinal``)."""
        while not self._is_working(ordinal):
            ordinal += 1
        if ordinal > last_ordinal:
            return None
        return ordinal * DAY + _OPENS + 5 * int(self._rng.random() * 114)  # 08:30–18:00

    def _alert_plan(self, alert_type: AlertTypeInfo, received: int, stay: _Stay, arrears: bool) -> _AlertPlan:
        rng = self._rng
        plan = _AlertPlan(alert_type, received, stay)
        behaviour = _BEHAVIOURS[alert_type.code]
        template = rng.choice(behaviour.descriptions)
        if alert_type.code == "impaye":
            months = rng.choices((1, 2, 3, 4, 5, 6), weights=(30, 30, 20, 10, 6, 4))[0] if arrears else 1
            share = rng.uniform(0.6, 1.0) if arrears else rng.uniform(0.3, 1.0)
            plan.amount_cents = max(round(months * stay.monthly_cents * share), 5000)
            template = template.replace("{months}", _MONTHS[months - 1])
        plan.description = template.replace("{amount}", _euros(plan.amount_cents or 0))
        return plan

    # ----------------------------------------------------------------------------------- arrears

    def _arrears(
        self,
        stay: _Stay,
        alerts: list[_AlertPlan],
        debts: list[tuple[_Debt, list[tuple[Any, ...]]]],
        procedures: list[_Procedure],
    ) -> None:
        """The first large arrears alert of a stay may become a debt, with a plan and perhaps a procedure."""
        rng = self._rng
        origin = next(
            (
                item
                for item in alerts
                if item.stay is stay
                and item.type.code == "impaye"
                and (item.amount_cents or 0) >= 1.5 * stay.monthly_cents
            ),
            None,
        )
        if origin is None or rng.random() > DEBT_SHARE:
            return
        debt = self._debt(stay, origin)
        plans = self._plans(debt, origin, alerts, doomed=False) if rng.random() < PLAN_SHARE else []
        if debt.settled_on is None and not plans and rng.random() < 0.45:
            settled = debt.as_of + timedelta(days=rng.randint(20, 150))
            if settled <= min(stay.end or self._yesterday, self._yesterday):
                debt.settled_on = settled
        debts.append((debt, plans))
        if debt.amount_cents >= 2 * stay.monthly_cents and rng.random() < EARLY_PROCEDURE_SHARE:
            procedure = self._early_procedure(stay, debt, plans)
            if procedure is not None:
                procedures.append(procedure)
                self._procedure_alert(procedure, alerts)

    def _debt(self, stay: _Stay, origin: _AlertPlan) -> _Debt:
        rng = self._rng
        received = date.fromordinal(origin.received // DAY)
        as_of = min(received + timedelta(days=rng.randint(0, 14)), self._yesterday)
        if stay.end is not None:
            as_of = min(as_of, stay.end)
        amount = round((origin.amount_cents or 0) * rng.uniform(1.0, 1.25))
        return _Debt(stay, amount, as_of)

    def _plans(
        self, debt: _Debt, origin: _AlertPlan, alerts: list[_AlertPlan], *, doomed: bool
    ) -> list[tuple[Any, ...]]:
        """A repayment plan (a second one after a broken one, sometimes) with its monthly payments.

        Returns the plan rows, each followed by its payments, as (plan tuple, [payment tuples]) flattened into
        the queue order by :meth:`_queue_debt`.
        """
        rng = self._rng
        stay = debt.stay
        last_day = min(stay.end or self._yesterday, self._yesterday)
        agreed = debt.as_of + timedelta(days=rng.randint(10, 60))
        remaining = debt.amount_cents
        plans: list[tuple[Any, ...]] = []
        for attempt in range(2):
            if agreed > last_day:
                break
            if attempt == 0:
                origin.resolve_not_before = agreed.toordinal() * DAY + _OPENS + rng.randint(0, 540)
            cap = rng.choice((6000, 8000, 10000, 15000))
            months = next((m for m in (6, 8, 10, 12, 18, 24, 36) if math.ceil(remaining / m / 500) * 500 <= cap), 36)
            instalment = math.ceil(remaining / months / 500) * 500
            rent_due = round(stay.monthly_cents * rng.uniform(0.15, 0.55) / 100) * 100
            start_month = (agreed + relativedelta(months=1)).replace(day=1)
            habit = _DOOMED_HABIT if doomed else _weighted(rng, _HABITS)
            plan_id = self._next_id("repayment_plan")
            payments, ended, reason, repaid = self._payments(
                plan_id, start_month, months, instalment, rent_due, remaining, habit, last_day, doomed=doomed
            )
            plans.append(
                (
                    plan_id,
                    debt.id,
                    instalment,
                    rent_due,
                    start_month.isoformat(),
                    months,
                    agreed.isoformat(),
                    rng.choice(_PLAN_NOTES),
                    ended.isoformat() if ended else None,
                    reason,
                    self._utc_text(agreed.toordinal() * DAY + _OPENS + rng.randint(0, 540)),
                    payments,
                )
            )
            remaining -= repaid
            if ended is None:
                break
            if remaining <= 0:
                debt.settled_on = ended
                break
            if reason.startswith("Plan non respecté"):
                received = self._received(ended.toordinal() + rng.randint(0, 10), last_day.toordinal())
                if received is not None:
                    alert = _AlertPlan(self._types["impaye"], received, stay, amount_cents=remaining)
                    alert.description = _PLAN_BREAK_DESCRIPTION.replace("{amount}", _euros(remaining))
                    alert.related = origin
                    alerts.append(alert)
            if doomed or rng.random() > 0.3 or (stay.end is not None and ended >= stay.end):
                break
            agreed = ended + timedelta(days=rng.randint(20, 90))
        return plans

    def _payments(
        self,
        plan_id: int,
        start_month: date,
        months: int,
        instalment: int,
        rent_due: int,
        amount: int,
        habit: tuple[float, float, float],
        last_day: date,
        *,
        doomed: bool,
    ) -> tuple[list[tuple[Any, ...]], date | None, str, int]:
        """Monthly payments: (rows, ended on, end reason, instalments repaid)."""
        rng = self._rng
        on_time, partial, late = habit
        rows: list[tuple[Any, ...]] = []
        repaid = 0
        missed_in_a_row = 0
        last_paid: date | None = None
        stay_over = last_day < self._yesterday  # the household left the dwelling
        safe_months = rng.randint(1, 4) if doomed else months
        for index in range(months):
            month = start_month + relativedelta(months=index)
            month_end = month + relativedelta(months=1) - timedelta(days=1)
            if month > last_day:
                if stay_over:
                    return rows, last_day, "Départ du logement.", repaid
                return rows, None, "", repaid
            due = min(instalment, amount - repaid)
            draw = 0.0 if doomed and index < safe_months else rng.random()
            paid_on: date | None
            if draw < on_time:
                paid_on, paid = month + timedelta(days=rng.randint(0, 27)), rent_due + due
            elif draw < on_time + partial:
                paid_on, paid = month + timedelta(days=rng.randint(0, 27)), rent_due + round(due * rng.uniform(0, 0.6))
            elif draw < on_time + partial + late:
                paid_on, paid = month_end + timedelta(days=rng.randint(1, 20)), rent_due + due
            else:
                paid_on, paid = None, 0
            if paid_on is not None and paid_on > last_day:
                if month_end >= last_day and not stay_over:
                    return rows, None, "", repaid  # this month is not over yet
                paid_on = None
            if paid_on is None:
                missed_in_a_row += 1
                if missed_in_a_row == 3:
                    ended = min(month_end + timedelta(days=rng.randint(5, 25)), last_day)
                    return rows, ended, "Plan non respecté : trois mois sans paiement.", repaid
                continue
            missed_in_a_row = 0
            repaid += paid - rent_due
            last_paid = max(last_paid or paid_on, paid_on)
            created = min(paid_on + timedelta(days=rng.randint(0, 3)), self._yesterday)
            rows.append(
                (
                    self._next_id("payment"),
                    plan_id,
                    month.isoformat(),
                    paid,
                    paid_on.isoformat(),
                    rng.choice(_PAYMENT_NOTES),
                    self._utc_text(created.toordinal() * DAY + _OPENS + rng.randint(0, 540)),
                )
            )
        end = max(last_paid or last_day, start_month + relativedelta(months=months) - timedelta(days=1))
        if end > last_day:
            return (rows, last_day, "Départ du logement.", repaid) if stay_over else (rows, None, "", repaid)
        if repaid >= amount:
            return rows, end, "Dette soldée : plan respecté jusqu'au bout.", repaid
        return rows, end, "Plan arrivé à échéance avec un reste à payer.", repaid

    # -------------------------------------------------------------------------------------- procedures

    def _eviction(
        self,
        stay: _Stay,
        alerts: list[_AlertPlan],
        debts: list[tuple[_Debt, list[tuple[Any, ...]]]],
        procedures: list[_Procedure],
    ) -> None:
        """The procedure behind a court termination of the history, from the arrears to what followed."""
        rng = self._rng
        index = next(i for i, p in enumerate(stay.periods) if p.reason == "resiliation")
        termination = stay.periods[index].start
        tenancy_start = stay.periods[index - 1].start if index else stay.start
        opened = max(termination - timedelta(days=rng.randint(240, 600)), tenancy_start + timedelta(days=30))
        if (termination - opened).days < 60:
            opened = tenancy_start + timedelta(days=max((termination - tenancy_start).days // 3, 1))
        origin_day = max(opened.toordinal() - rng.randint(10, 40), stay.start.toordinal() + 1)
        received = self._received(origin_day, termination.toordinal() - 1)
        if received is None:
            return
        origin = self._alert_plan(self._types["impaye"], received, stay, True)
        origin.amount_cents = max(origin.amount_cents or 0, 2 * stay.monthly_cents)
        origin.description = rng.choice(_BEHAVIOURS["impaye"].descriptions[1:]).replace(
            "{amount}", _euros(origin.amount_cents)
        )
        alerts.append(origin)
        debt = self._debt(stay, origin)
        debt.as_of = min(debt.as_of, opened)
        plans = self._plans(debt, origin, alerts, doomed=True) if rng.random() < 0.4 else []
        debts.append((debt, plans))
        procedure = _Procedure(stay, opened)
        chain: list[tuple[Any, ...]] = [("stage", G.IMPAYE_CONSTATE, 0)]
        for stage in (G.RELANCES, G.PRECONTENTIEUX, G.COMMANDEMENT_DE_PAYER, G.ASSIGNATION, G.AUDIENCE):
            if stage in (G.RELANCES, G.COMMANDEMENT_DE_PAYER, G.PRECONTENTIEUX) and rng.random() < 0.15:
                continue
            chain.append(("stage", stage, rng.randint(*_STAGE_GAPS[stage])))
            if stage is G.PRECONTENTIEUX and rng.random() < 0.35:
                chain.append(("suspension", SuspensionGround.PLATEFORME, rng.randint(5, 20), rng.randint(45, 120)))
        room = (termination - opened).days - 1
        total = sum(item[2] + (item[3] if item[0] == "suspension" else 0) for item in chain)
        scale = min(1.0, room / total) if total else 1.0
        self._lay_out(procedure, chain, scale, termination - timedelta(days=1), clamp=True)
        procedure.stages.append((G.RESILIATION, termination))
        procedure.stages.append((G.OCCUPANT_SANS_TITRE, termination))
        self._after_termination(procedure, stay, termination, stay.periods[index].end)
        procedures.append(procedure)
        self._procedure_alert(procedure, alerts)

    def _after_termination(self, procedure: _Procedure, stay: _Stay, termination: date, end: date | None) -> None:
        """Stages after the termination, up to what the occupancy history shows next."""
        rng = self._rng
        following = stay.next_period if end is not None and end == stay.end else None
        if end is not None and following is None and end != stay.end:
            following = next((p for p in stay.periods if p.start == end + timedelta(days=1)), None)
        last = self._yesterday if end is None else end + timedelta(days=1)
        span = (last - termination).days
        reason = following.reason if following is not None else ""
        if reason == "expulsion" or (end is None and span > 45):
            order = rng.uniform(0.15, 0.35) if reason == "expulsion" else rng.uniform(0.3, 0.9)
            ordered = termination + timedelta(days=max(1, int(span * order)))
            if ordered < last:
                procedure.stages.append((G.COMMANDEMENT_DE_QUITTER, ordered))
        if reason == "expulsion":
            force = termination + timedelta(days=max(2, int(span * rng.uniform(0.55, 0.85))))
            truce = winter_truce(force)
            if truce is not None:
                force = truce[1] + timedelta(days=1) if truce[1] + timedelta(days=1) < last else truce[0] - timedelta(1)
            if procedure.stages[-1][1] < force < last:
                procedure.stages.append((G.CONCOURS_FORCE_PUBLIQUE, force))
            self._winter_truces(procedure, last)
            procedure.stages.append((G.EXPULSION, last))
            procedure.outcome, procedure.outcome_on = ProcedureOutcome.EXPULSION, last
        elif reason == "reprise_bail":
            start = max(termination + timedelta(days=1), last - timedelta(days=rng.randint(20, 60)))
            procedure.suspensions.append((SuspensionGround.PROTOCOLE, start, last, procedure.stages[-1][0]))
            procedure.outcome, procedure.outcome_on = ProcedureOutcome.NOUVEAU_BAIL, last
        elif following is not None:
            self._winter_truces(procedure, last)
            housed = following.reason in _HOUSED_AFTER or following.status in self._housed
            procedure.outcome = ProcedureOutcome.RELOGEMENT if housed else ProcedureOutcome.DEPART_VOLONTAIRE
            procedure.outcome_on = last
        elif end is None:
            self._winter_truces(procedure, self._today)
            truce = winter_truce(self._today)
            if truce is None and rng.random() < 0.5:
                ground = rng.choice((SuspensionGround.PROTOCOLE, SuspensionGround.MEDIATION, SuspensionGround.AUTRE))
                start = max([procedure.stages[-1][1], *(item[2] for item in procedure.suspensions)]) + timedelta(days=1)
                start = max(start, self._yesterday - timedelta(days=rng.randint(5, 60)))
                if start <= self._yesterday:
                    ending = start + timedelta(days=rng.randint(60, 180))
                    procedure.suspensions.append((ground, start, ending, procedure.stages[-1][0]))

    def _winter_truces(self, procedure: _Procedure, until: date) -> None:
        """Winter truces between the order to leave and ``until`` (the stage in force when each began)."""
        ordered = next((day for stage, day in procedure.stages if stage is G.COMMANDEMENT_DE_QUITTER), None)
        if ordered is None:
            return
        year = ordered.year if ordered.month >= 4 else ordered.year - 1
        while True:
            start, end = date(year, 11, 1), date(year + 1, 3, 31)
            year += 1
            if start >= until or start > self._yesterday:
                return
            if end < ordered:
                continue
            begun = max(start, ordered + timedelta(days=1))
            stage = [item for item, day in procedure.stages if day <= begun][-1]
            if any(begun < day <= end for _stage, day in procedure.stages):
                continue  # a stage reached during the truce: not an eviction step (it was moved out of it)
            procedure.suspensions.append((SuspensionGround.TREVE_HIVERNALE, begun, end, stage))

    def _early_procedure(self, stay: _Stay, debt: _Debt, plans: list[tuple[Any, ...]]) -> _Procedure | None:
        """A procedure opened for a debt that stops before the court's decision."""
        rng = self._rng
        opened = debt.as_of + timedelta(days=rng.randint(20, 120))
        stay_last = min(stay.end or self._yesterday, self._yesterday)
        cutoff = min(stay_last, debt.settled_on or stay_last)
        if opened >= cutoff:
            return None
        procedure = _Procedure(stay, opened)
        stop = _weighted(rng, _EARLY_STOPS)
        chain: list[tuple[Any, ...]] = [("stage", G.IMPAYE_CONSTATE, 0)]
        for stage in (G.RELANCES, G.PRECONTENTIEUX, G.COMMANDEMENT_DE_PAYER, G.ASSIGNATION, G.AUDIENCE):
            if stage is G.COMMANDEMENT_DE_PAYER and stop is not stage and rng.random() < 0.3:
                continue
            chain.append(("stage", stage, rng.randint(*_STAGE_GAPS[stage])))
            if stage is G.PRECONTENTIEUX and rng.random() < 0.3:
                chain.append(("suspension", SuspensionGround.PLATEFORME, rng.randint(5, 20), rng.randint(30, 120)))
            if stage is G.AUDIENCE and rng.random() < 0.6:
                chain.append(("suspension", SuspensionGround.DELAIS_JUGE, rng.randint(10, 30), rng.randint(365, 730)))
            if stage is stop:
                break
        pause: tuple[date, date, bool] | None = None
        if plans:
            # The landlord waits while the plan runs; it goes on only if the plan failed with a debt left.
            first = plans[0]
            plan_start = date.fromisoformat(first[4])
            planned = plan_start + relativedelta(months=first[5]) - timedelta(days=1)
            ended = date.fromisoformat(first[8]) if first[8] else None
            resumes = ended is not None and debt.settled_on is None and first[9] != "Départ du logement."
            if plan_start > opened:
                pause = (plan_start, ended or planned, resumes)
        self._lay_out(procedure, chain, 1.0, cutoff, pause=pause)
        if not procedure.stages:
            return None
        last_stage = procedure.stages[-1][1]
        if debt.settled_on is not None and debt.settled_on >= last_stage and debt.settled_on <= stay_last:
            procedure.outcome, procedure.outcome_on = ProcedureOutcome.DETTE_APUREE, debt.settled_on
        elif stay.end is not None and stay.end <= self._yesterday:
            housed = stay.next_period is not None and stay.next_period.status in self._housed
            procedure.outcome = ProcedureOutcome.RELOGEMENT if housed else ProcedureOutcome.DEPART_VOLONTAIRE
            procedure.outcome_on = max(stay.end, last_stage)
        elif (self._yesterday - last_stage).days > 540 and rng.random() < 0.6:
            procedure.outcome = ProcedureOutcome.ABANDONNEE
            procedure.outcome_on = last_stage + timedelta(days=rng.randint(180, 540))
        if procedure.outcome_on is not None:
            ending = procedure.outcome_on
            procedure.suspensions = [
                (ground, start, min(end, ending), stage)
                for ground, start, end, stage in procedure.suspensions
                if start <= ending
            ]
        return procedure

    def _lay_out(
        self,
        procedure: _Procedure,
        chain: list[tuple[Any, ...]],
        scale: float,
        cutoff: date,
        *,
        clamp: bool = False,
        pause: tuple[date, date, bool] | None = None,
    ) -> None:
        """Place stages and suspensions one after the other from the opening; nothing starts after ``cutoff``.

        A stage never falls inside a suspension; a plateforme lasts four months at most (§5.5). ``clamp``: no
        suspension lasts beyond ``cutoff`` either. ``pause``: a repayment plan (first month, end, whether the
        procedure goes on after it) suspends the procedure when it starts.
        """
        day = procedure.opened
        for item in chain:
            gap = item[2] if item[2] == 0 else max(1, int(item[2] * scale))
            if pause is not None and procedure.stages and day + timedelta(days=gap) > pause[0]:
                start, end, resumes = max(pause[0], day + timedelta(days=1)), pause[1], pause[2]
                pause = None
                if start > cutoff or end < start:
                    return
                procedure.suspensions.append((SuspensionGround.PLAN_RESPECTE, start, end, procedure.stages[-1][0]))
                if not resumes:
                    return
                day = end
            day += timedelta(days=gap)
            if day > cutoff:
                return
            if item[0] == "stage":
                procedure.stages.append((item[1], day))
                continue
            if not procedure.stages:
                continue
            ground: SuspensionGround = item[1]
            end = day + timedelta(days=max(1, int(item[3] * scale)))
            if ground is SuspensionGround.PLATEFORME:
                end = min(end, day + relativedelta(months=4))
            if clamp:
                end = min(end, cutoff)
            procedure.suspensions.append((ground, day, end, procedure.stages[-1][0]))
            day = end

    def _procedure_alert(self, procedure: _Procedure, alerts: list[_AlertPlan]) -> None:
        """The landlord tells the association when the household is summoned."""
        summoned = next((day for stage, day in procedure.stages if stage is G.ASSIGNATION), None)
        if summoned is None:
            return
        last = min(procedure.stay.end or self._yesterday, self._yesterday)
        received = self._received(summoned.toordinal() + self._rng.randint(0, 7), last.toordinal())
        if received is not None:
            alerts.append(self._alert_plan(self._types["procedure_engagee"], received, procedure.stay, True))

    # ------------------------------------------------------------------------------------------ alerts

    def _queue_alerts(self, household_id: int, alerts: list[_AlertPlan]) -> None:
        last_of_type: dict[str, _AlertPlan] = {}
        for plan in alerts:
            plan.id = self._next_id("alert")
            if plan.related is None:
                earlier = last_of_type.get(plan.type.code)
                if (
                    earlier is not None
                    and earlier.closed is not None
                    and 0 < plan.received - earlier.closed < _RECURRENCE_DAYS * DAY
                    and self._rng.random() < RECURRENCE_SHARE
                ):
                    plan.related = earlier
            self._queue_alert(household_id, plan)
            last_of_type[plan.type.code] = plan

    def _queue_alert(self, household_id: int, plan: _AlertPlan) -> None:
        rng = self._rng
        alert_type = plan.type
        code = alert_type.code
        behaviour = _BEHAVIOURS[code]
        (action_mix, severity_mix) = self._mixes[code]
        outbound = alert_type.direction == "to_landlord"
        received = plan.received
        received_day = received // DAY
        acknowledge_due = self._working_days_after(received_day, alert_type.acknowledge_days)
        action_due = self._working_days_after(received_day, alert_type.action_days)
        # The whole walk, then cut at the horizon.
        steps: list[tuple[AlertStatus, int, str, str, str]] = []  # to, moment, note, level, target
        actions: list[tuple[AlertActionKind, int]] = []
        draw = rng.random()
        void_share, quick_share = (0.03, 0.6) if code == "information" else (0.04, 0.08)
        if draw < void_share:
            closed = self._at(self._working_days_after(received_day, rng.randint(0, 2)), received)
            steps.append((S.CLOS_SANS_SUITE, closed, rng.choice(_VOID_REASONS), "", ""))
        else:
            acknowledged = self._acknowledgement(received, acknowledge_due, alert_type.acknowledge_days)
            joint = draw >= void_share + quick_share and rng.random() < 0.2
            ack_note = _JOINT_ACK_NOTE if joint else rng.choice(_ACK_NOTES_OUT if outbound else _ACK_NOTES_IN)
            steps.append((S.PRIS_EN_COMPTE, acknowledged, ack_note, "", ""))
            if draw < void_share + quick_share:
                resolved = self._at(self._working_days_after(acknowledged // DAY, rng.randint(0, 5)), acknowledged)
                steps.append((S.RESOLU, resolved, rng.choice(behaviour.outcomes), "", ""))
            else:
                first = acknowledged if joint else self._first_action(acknowledged, action_due)
                kind = _pick(rng, action_mix)
                actions.append((kind, first))
                steps.append((S.EN_TRAITEMENT, first, ACTION_LABELS[kind], "", ""))
                cursor = first
                if rng.random() < behaviour.escalation:
                    levels = _ESCALATION_LEVELS.get(code, _ESCALATION_LEVELS_DEFAULT)
                    level = _weighted(rng, levels)
                    targets = _ESCALATION_TARGETS_OUT if outbound else _ESCALATION_TARGETS
                    for _ in range(2 if rng.random() < 0.25 and level < 2 else 1):
                        cursor = self._at(cursor // DAY + rng.randint(5, 30), cursor)
                        target = rng.choice(targets[_LEVELS[level]])
                        steps.append((S.ESCALADE, cursor, "", _LEVELS[level], target))
                        if _LEVELS[level] == "N3" and not outbound:
                            actions.append((K.SAISINE_CCAPEX, cursor))
                        level += 1
                    if rng.random() < 0.4:
                        cursor = self._at(cursor // DAY + rng.randint(10, 40), cursor)
                        steps.append((S.EN_TRAITEMENT, cursor, _BACK_NOTE, "", ""))
                low, high = behaviour.resolve_days
                ending = self._at(first // DAY + rng.randint(low, high), cursor)
                if plan.resolve_not_before is not None and ending < plan.resolve_not_before:
                    ending = self._at(plan.resolve_not_before // DAY, max(plan.resolve_not_before, cursor))
                    actions.append((K.PLAN_APUREMENT, ending))
                    steps.append((S.RESOLU, ending, "Plan d'apurement signé avec le bailleur.", "", ""))
                elif rng.random() < 0.07:
                    steps.append((S.CLOS_SANS_SUITE, ending, rng.choice(_DROPPED_REASONS), "", ""))
                else:
                    steps.append((S.RESOLU, ending, rng.choice(behaviour.outcomes), "", ""))
                for _ in range(_pick(rng, _EXTRA_ACTIONS)):
                    moment = first + int(rng.random() * (ending - first))
                    actions.append((_pick(rng, action_mix), self._at(moment // DAY, moment)))
        horizon = self._horizon
        if plan.force_open and steps[-1][0] in (S.RESOLU, S.CLOS_SANS_SUITE):
            horizon = min(horizon, steps[-1][1] - 1)
        kept = [step for step in steps if step[1] <= horizon]
        status = kept[-1][0] if kept else S.NOUVEAU
        acknowledged_at = next((moment for to, moment, *_ in kept if to is S.PRIS_EN_COMPTE), None)
        first_action_at = next((moment for to, moment, *_ in kept if to is S.EN_TRAITEMENT), None)
        closed_at = kept[-1][1] if status in (S.RESOLU, S.CLOS_SANS_SUITE) else None
        plan.closed = closed_at
        escalation = next(((level, target) for to, _m, _n, level, target in reversed(kept) if to is S.ESCALADE), None)
        contacts = self._ref.contacts.get(plan.stay.landlord_id, [])
        contact_id = self._contact_for(code, contacts) if rng.random() < 0.85 else None
        recorder = self._staff_on(household_id, received_day, lead_share=0.0 if outbound else 0.4)
        if code == "impaye" and (plan.amount_cents or 0) > 3 * plan.stay.monthly_cents:
            severity = _E
        else:
            severity = _pick(rng, severity_mix)
        channels = self._channels_out if outbound else self._channels_in
        related = plan.related
        self._rows["alert"].append(
            (
                plan.id,
                alert_type.id,
                alert_type.direction,
                household_id,
                plan.stay.dwelling_id,
                plan.stay.landlord_id,
                contact_id,
                _pick(rng, channels).name,
                severity.name,
                self._utc_text(received),
                plan.description,
                plan.amount_cents,
                status.name,
                date.fromordinal(acknowledge_due).isoformat(),
                date.fromordinal(action_due).isoformat(),
                DEFAULT_SOURCE,
                self._utc_text(acknowledged_at) if acknowledged_at is not None else None,
                self._utc_text(first_action_at) if first_action_at is not None else None,
                self._utc_text(closed_at) if closed_at is not None else None,
                kept[-1][2] if closed_at is not None else "",
                escalation[0] if escalation else "",
                escalation[1] if escalation else "",
                related.id
                if related is not None and related.closed is not None and related.closed < received
                else None,
                self._utc_text(min(received + 2 + int(rng.random() * 60), self._horizon)),
                recorder,
            )
        )
        next_id = self._next_id
        # Steps and actions share one numbering per alert, in the order they happened (the history reads so).
        recorded: list[tuple[int, tuple[object, ...]]] = [
            (
                received,
                (next_id("alert_step"), plan.id, self._utc_text(received), recorder, None, "NOUVEAU", "", "", ""),
            )
        ]
        previous = S.NOUVEAU
        for to, moment, note, level, target in kept:
            staff = self._staff_on(household_id, moment // DAY, lead_share=0.5 if to is S.ESCALADE else 0.0)
            recorded.append(
                (
                    moment,
                    (
                        next_id("alert_step"),
                        plan.id,
                        self._utc_text(moment),
                        staff,
                        previous.name,
                        to.name,
                        note,
                        level,
                        target,
                    ),
                )
            )
            previous = to
        actions_done: list[tuple[int, tuple[object, ...]]] = []
        if first_action_at is not None:
            self._queue_actions(household_id, plan, actions, first_action_at, closed_at, contact_id, actions_done)
        events = sorted(
            [(moment, 0, index) for index, (moment, _row) in enumerate(recorded)]
            + [(moment, 1, index) for index, (moment, _row) in enumerate(actions_done)]
        )
        for seq, (_moment, kind, index) in enumerate(events, start=1):
            if kind == 0:
                self._rows["alert_step"].append((*recorded[index][1], seq))
            else:
                self._rows["alert_action"].append((*actions_done[index][1], seq))

    def _queue_actions(
        self,
        household_id: int,
        plan: _AlertPlan,
        actions: list[tuple[AlertActionKind, int]],
        first_action_at: int,
        closed_at: int | None,
        contact_id: int | None,
        done: list[tuple[int, tuple[object, ...]]],
    ) -> None:
        """The actions of an alert, from the first one to its closing (a mediation needs the landlord's contact)."""
        rng = self._rng
        next_id = self._next_id
        limit = closed_at if closed_at is not None else self._horizon
        landlord_contact = (
            contact_id
            if contact_id is not None
            else next((c for c, _role in self._ref.contacts.get(plan.stay.landlord_id, [])), None)
        )
        can_mediate = landlord_contact is not None and household_id in self._first_member
        for drawn, moment in sorted(actions, key=lambda item: item[1]):
            # Without anybody of the landlord's in the directory, nobody sits at a mediation table: a visit instead.
            kind = K.VISITE if drawn is K.MEDIATION and not can_mediate else drawn
            if first_action_at <= moment <= limit:
                action_id = next_id("alert_action")
                staff = self._staff_on(household_id, moment // DAY, lead_share=0.0)
                done.append(
                    (
                        moment,
                        (
                            action_id,
                            plan.id,
                            kind.name,
                            self._utc_text(moment),
                            rng.choice(_ACTION_NOTES[kind]),
                            None,
                            staff,
                        ),
                    )
                )
                if kind is K.MEDIATION and landlord_contact is not None:
                    self._queue_mediation(household_id, plan, action_id, moment, staff, landlord_contact)

    def _queue_mediation(
        self, household_id: int, plan: _AlertPlan, action_id: int, moment: int, staff: int, landlord_contact: int
    ) -> None:
        """The household, the landlord and the association around a table; sometimes a guest; a follow-up date."""
        rng = self._rng
        mediation_id = self._next_id("alert_mediation")
        instalment = max(20, (plan.amount_cents or 60_000) // 100 // 12 // 10 * 10)
        agreement = rng.choice(_MEDIATION_AGREEMENTS).format(amount=f"{instalment} €")
        follow_up = date.fromordinal(moment // DAY) + timedelta(days=rng.choice((21, 30, 30, 45, 60)))
        self._rows["alert_mediation"].append((mediation_id, action_id, agreement, follow_up.isoformat()))
        people: list[tuple[str, int | None, int | None, int | None, str]] = [
            (Party.MENAGE.name, self._first_member[household_id], None, None, ""),
            (Party.BAILLEUR.name, None, landlord_contact, None, ""),
            (Party.ASSOCIATION.name, None, None, staff, ""),
        ]
        if rng.random() < 0.25:
            people.append((Party.AUTRE.name, None, None, None, rng.choice(_MEDIATION_GUESTS)))
        rows = self._rows["mediation_participant"]
        for order, person in enumerate(people):
            rows.append((self._next_id("mediation_participant"), mediation_id, *person, order))

    def _acknowledgement(self, received: int, due: int, days: int) -> int:
        """Mostly on time (the same day or by the deadline), sometimes a few days late, rarely weeks late."""
        rng = self._rng
        draw = rng.random()
        if draw < 0.80:
            offset = 0 if rng.random() < 0.5 else rng.randint(1, max(days, 1))
        elif draw < 0.94:
            offset = days + rng.randint(1, 4)
        else:
            offset = days + rng.randint(5, 25)
        day = self._working_days_after(received // DAY, offset) if offset else received // DAY
        return self._at(day, received)

    def _first_action(self, acknowledged: int, due: int) -> int:
        rng = self._rng
        draw = rng.random()
        start = acknowledged // DAY
        if draw < 0.75 and due >= start:
            day = start + rng.randint(0, due - start)
        elif draw < 0.92:
            day = self._working_days_after(max(due, start), rng.randint(1, 5))
        else:
            day = self._working_days_after(max(due, start), rng.randint(6, 30))
        return self._at(day, acknowledged)

    def _contact_for(self, code: str, contacts: list[tuple[int, str]]) -> int | None:
        if not contacts:
            return None
        for role in ROUTING.get(code, ("gestion_locative", "cesf")):
            for contact_id, contact_role in contacts:
                if contact_role == role:
                    return contact_id
        return contacts[0][0]

    def _staff_on(self, household_id: int, ordinal: int, *, lead_share: float) -> int:
        """The household's coordinator on that day (or a team lead, who also records some alerts)."""
        rng = self._rng
        if lead_share == 0.0 or rng.random() >= lead_share:
            for staff_id, first, last in self._coordinators.get(household_id, ()):
                if first <= ordinal <= last:
                    return staff_id
        return rng.choice(self._ref.team_leads)

    # ------------------------------------------------------------------------------------------ rows

    def _queue_debt(self, household_id: int, debt: _Debt, plans: list[tuple[Any, ...]]) -> None:
        rng = self._rng
        stay = debt.stay
        debt_id = self._next_id("debt")
        debt.id = debt_id
        months = max(1, round(debt.amount_cents / max(stay.monthly_cents, 1)))
        period_end = debt.as_of.replace(day=1) - timedelta(days=1)
        period_start = (period_end.replace(day=1) - relativedelta(months=months - 1)).replace(day=1)
        created = self._utc_text(debt.as_of.toordinal() * DAY + _OPENS + rng.randint(0, 540))
        self._rows["debt"].append(
            (
                debt_id,
                household_id,
                stay.landlord_id,
                "",
                1,
                debt.amount_cents,
                debt.as_of.isoformat(),
                max(period_start, stay.start).isoformat(),
                max(period_end, stay.start).isoformat(),
                rng.choice(_DEBT_NOTES),
                debt.settled_on.isoformat() if debt.settled_on else None,
                created,
            )
        )
        for plan in plans:
            self._rows["repayment_plan"].append((plan[0], debt_id, *plan[2:11]))
            self._rows["payment"].extend(plan[11])
        if rng.random() < _ENERGY_DEBT_SHARE:
            as_of = min(debt.as_of + timedelta(days=rng.randint(0, 120)), self._yesterday)
            self._rows["debt"].append(
                (
                    self._next_id("debt"),
                    household_id,
                    None,
                    _ENERGY_CREDITOR,
                    0,
                    rng.randint(150, 900) * 100,
                    as_of.isoformat(),
                    None,
                    None,
                    "Factures d'électricité en retard.",
                    None,
                    self._utc_text(as_of.toordinal() * DAY + _OPENS + rng.randint(0, 540)),
                )
            )

    def _queue_procedure(self, household_id: int, procedure: _Procedure) -> None:
        rng = self._rng
        procedure_id = self._next_id("legal_procedure")
        stay = procedure.stay
        self._rows["legal_procedure"].append(
            (
                procedure_id,
                household_id,
                stay.landlord_id,
                stay.dwelling_id,
                procedure.opened.isoformat(),
                procedure.outcome.name if procedure.outcome else None,
                procedure.outcome_on.isoformat() if procedure.outcome_on else None,
                rng.choice(_PROCEDURE_NOTES),
                self._utc_text(procedure.opened.toordinal() * DAY + _OPENS + rng.randint(0, 540)),
            )
        )
        for stage, day in procedure.stages:
            staff = rng.choice(self._ref.lawyers) if self._ref.lawyers and rng.random() < 0.5 else None
            if staff is None:
                staff = self._staff_on(household_id, day.toordinal(), lead_share=0.0)
            moment = day.toordinal() * DAY + _OPENS + rng.randint(0, 540)
            self._rows["procedure_stage"].append(
                (
                    self._next_id("procedure_stage"),
                    procedure_id,
                    stage.name,
                    day.isoformat(),
                    _STAGE_NOTES[stage],
                    0,
                    self._utc_text(min(moment, self._horizon)),
                    staff,
                )
            )
        for ground, start, end, stage in procedure.suspensions:
            self._rows["procedure_suspension"].append(
                (
                    self._next_id("procedure_suspension"),
                    procedure_id,
                    ground.name,
                    start.isoformat(),
                    end.isoformat(),
                    stage.name,
                    _SUSPENSION_NOTES[ground],
                    self._utc_text(min(start.toordinal() * DAY + _OPENS + rng.randint(0, 540), self._horizon)),
                )
            )

    # ------------------------------------------------------------------------------------------ time

    def _at(self, ordinal: int, after: int) -> int:
        """A moment of office hours on the first working day from ``ordinal``, later than ``after``."""
        random_ = self._rng.random
        while True:
            if self._is_working(ordinal):
                base = ordinal * DAY
                if after < base + _OPENS:
                    return base + _OPENS + int(random_() * (_CLOSES - _OPENS))
                low = after + 10
                high = min(base + _CLOSES, after + 240)
                if low < high:
                    return low + int(random_() * (high - low))
            ordinal += 1

    def _working_days_after(self, ordinal: int, days: int) -> int:
        """:func:`calendar_fr.add_working_days` on ordinals (the alert deadlines), cached."""
        key = (ordinal, days)
        found = self._working_after.get(key)
        if found is None:
            found = add_working_days(date.fromordinal(ordinal), days, territory=self._territory).toordinal()
            self._working_after[key] = found
        return found

    def _is_working(self, ordinal: int) -> bool:
        found = self._working.get(ordinal)
        if found is None:
            found = is_working_day(date.fromordinal(ordinal), territory=self._territory)
            self._working[ordinal] = found
        return found

    def _utc_text(self, moment: int) -> str:
        """A local moment as naive UTC text, the storage format of :class:`~caseworker.models.base.UtcDateTime`."""
        ordinal, minute = divmod(moment, DAY)
        found = self._utc_days.get(ordinal)
        if found is None:
            day = date.fromordinal(ordinal)
            offset = datetime.combine(day, time(12), tzinfo=PARIS).utcoffset() or timedelta(0)
            found = (day.isoformat(), int(offset.total_seconds()) // 60)
            self._utc_days[ordinal] = found
        text, offset_minutes = found
        minute -= offset_minutes  # moments fall between 08:30 and 23:59, far from midnight in UTC too
        return f"{text} {minute // 60:02d}:{minute % 60:02d}:00.000000"


def _euros(cents: int) -> str:
    """Print cents as :func:`caseworker.formats.format_amount` does ("1 250,00 €"), without Babel's cost."""
    whole = f"{cents // 100:,}".replace(",", "\u202f")
    return f"{whole},{cents % 100:02d}\u00a0€"


def _weighted(rng: random.Random, weighted: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([item for item, _ in weighted], weights=[weight for _, weight in weighted])[0]


def _pick(rng: random.Random, mix: tuple[list[Any], list[float]]) -> Any:
    items, cumulative = mix
    return items[bisect_right(cumulative, rng.random() * cumulative[-1])]
