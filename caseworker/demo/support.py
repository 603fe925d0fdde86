"""Support timelines of demo households: episodes, the team around them and the contact log.

For each household: one support episode (some with a concurrent one, such as ASLL beside an IML sub-lease,
some after an earlier closed one), walked through the state machine of DOMAIN.md §5.1 with dated transitions;
intensity periods that step down and sometimes up again; suspensions, extensions within the measure's duration
policy, objectives, held reviews and the exit record (§6.5, §6.9). A team with one coordinating social worker
of the association, sometimes replaced, and a few other members (§6.2). Contacts at the rhythm of the current
intensity level, with runs of failed "aller vers" attempts before a first meeting (§6.4).

The contact log is the bulk of the data (about fifty contacts per household, with their topics and
participants): those rows are built as tuples already in the storage format and written with
``exec_driver_sql``, which skips the per-value type processing of Core inserts (about three times faster at
half a million rows). The other tables hold a few rows per household and go through ordinary Core inserts.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from caseworker.demo.batch import Row
from caseworker.demo.draws import at_work_hours
from caseworker.demo.reference import CodeMap, DemoReferenceDataError, ReferenceIds
from caseworker.domain import DurationPolicy, EpisodeStatus, NoteClass, ObjectivesMet, ObjectiveStatus, Party
from caseworker.models import (
    Base,
    ContactOutcome,
    ContactType,
    ExitReason,
    IntensityLevel,
    Measure,
    NoFollowUpReason,
    Organisation,
    OrganisationKind,
    PartnerContact,
    PartnerRole,
    StaffMember,
    StaffRole,
    SuspensionReason,
    TeamRole,
    Topic,
)
from caseworker.services.calendar_fr import is_off_hours, is_working_day
from caseworker.services.episode_math import DurationRule, milestones, planned_end
from caseworker.services.working_days import association_territory

# Local time of the contacts: the demo does not depend on the machine's time zone.
PARIS = ZoneInfo("Europe/Paris")

S = EpisodeStatus
WAITING = (S.ORIENTATION_RECUE, S.EN_ATTENTE, S.ACCORD_DE_PRINCIPE)

# Status of each household's current episode (DOMAIN.md §5.1): most are running, a few wait, some ended.
_STATUS_MIX = (
    (S.ORIENTATION_RECUE, 3),
    (S.EN_ATTENTE, 2.5),
    (S.ACCORD_DE_PRINCIPE, 2.5),
    (S.ACTIF, 65),
    (S.SUSPENDU, 7),
    (S.CLOTURE, 15),
    (S.SANS_SUITE, 5),
)
SHARE_WITH_CONCURRENT_EPISODE = 0.15
SHARE_WITH_EARLIER_EPISODE = 0.10
SHARE_WITH_FAILED_RUN = 0.40
SHARE_OF_FAILED_ATTEMPTS = 0.10
# Households with running support the current user should find in "Mes ménages" (one social worker's caseload).
ACTOR_CASELOAD = 22
_RUNNING_SHARE = 0.72

# Measure weights, adjusted by the household's situation before entry and its current occupancy status.
_MEASURE_WEIGHTS = {
    "avdl": 24,
    "asll": 24,
    "iml_sous_location": 20,
    "chrs_hors_les_murs": 7,
    "logements_accompagnes": 8,
    "chez_soi_dabord": 10,
    "programme_local": 7,
}
_MEASURE_BOOST = {
    "rue": {"chez_soi_dabord": 2.0},
    "squat": {"chez_soi_dabord": 2.0},
    "institution": {"chez_soi_dabord": 1.6, "chrs_hors_les_murs": 1.5},
    "locataire_menace": {"avdl": 2.0, "asll": 1.5, "iml_sous_location": 0.2, "chez_soi_dabord": 0.1},
    "sous_locataire": {"iml_sous_location": 2.5},
    "intermediaire": {"iml_sous_location": 2.0},
}
# The measure a concurrent episode is opened under, beside the household's main one.
_COMPANION = {"iml_sous_location": "asll", "asll": "iml_sous_location", "avdl": "iml_sous_location"}
_COMPANION_DEFAULT = "asll"

_MONTH = 30.44
# Extension length for "max_plus_extension" measures, and how many to draw when the measure sets no limit.
_NEGOTIATED_EXTENSION_MONTHS = 6
_UNLIMITED_EXTENSIONS_DRAWN = 2

# Intensity: first level, how long each level lasts (days), what usually follows (DOMAIN.md §4.2, §6.5).
_FIRST_LEVEL = (("renforce", 60), ("soutenu", 40))
_LEVEL_DAYS = {"renforce": (45, 150), "soutenu": (60, 200), "standard": (60, 240), "veille": (60, 300)}
_LEVEL_DAYS_HOUSING_FIRST = {"renforce": (90, 420), "soutenu": (120, 420), "standard": (60, 200), "veille": (45, 120)}
_NEXT_LEVEL = {
    "renforce": (("soutenu", 1),),
    "soutenu": (("standard", 75), ("renforce", 25)),
    "standard": (("veille", 55), ("soutenu", 45)),
    "veille": (("standard", 70), ("soutenu", 30)),
}
_NEXT_LEVEL_HOUSING_FIRST = {
    "renforce": (("soutenu", 1),),
    "soutenu": (("renforce", 50), ("standard", 50)),
    "standard": (("soutenu", 75), ("veille", 25)),
    "veille": (("soutenu", 60), ("standard", 40)),
}
_LEVEL_ORDER = ("renforce", "soutenu", "standard", "veille")
_LEVEL_REASONS = {
    "first": ("Niveau fixé à l'entrée dans le dispositif.", "Niveau retenu en commission d'admission."),
    "down": (
        "Installation stabilisée, rythme allégé.",
        "Objectifs en bonne voie, passage à un rythme plus léger.",
        "Le ménage souhaite des rencontres moins fréquentes.",
    ),
    "up": (
        "Période de fragilité, rythme renforcé.",
        "Difficultés avec le logement, accompagnement intensifié.",
        "Retour d'hospitalisation, rencontres plus fréquentes.",
    ),
}
_DECIDED_WHERE = ("Synthèse d'équipe", "Bilan avec le ménage", "COSI", "Debrief du matin")

# Suspensions: reason, weight, shortest and longest (days).
_SUSPENSIONS = (
    ("hospitalisation", 30, 7, 60),
    ("souhait_menage", 20, 14, 90),
    ("depart_temporaire", 15, 14, 60),
    ("incarceration", 12, 30, 180),
    ("perte_contact", 12, 21, 120),
    ("absence_prolongee", 8, 30, 120),
    ("autre", 3, 14, 60),
)
# Review date of a current suspension: usually a month after it began (DOMAIN.md §6.5).
_OPEN_SUSPENSION_REVIEWS = (relativedelta(months=1),) * 7 + (relativedelta(days=14),) * 2 + (relativedelta(months=2),)
_SUSPENSION_NOTES = {
    "hospitalisation": "Reprise prévue à la sortie d'hospitalisation.",
    "souhait_menage": "Le ménage souhaite faire une pause ; point téléphonique prévu.",
    "depart_temporaire": "Séjour hors du département, retour annoncé.",
    "incarceration": "Lien maintenu avec le SPIP pendant la détention.",
    "perte_contact": "Plus de nouvelles malgré plusieurs passages ; veille avec le bailleur.",
    "absence_prolongee": "Absence prolongée du logement, bailleur informé.",
    "autre": "",
}

# Exit (DOMAIN.md §4.2, §6.9): reason, weight, possible destinations (occupancy status; None: unknown).
_EXITS: tuple[tuple[str, int, tuple[str | None, ...]], ...] = (
    ("logement_autonome", 25, ("locataire_titre", "locataire_titre", "locataire_mandat")),
    ("glissement", 10, ("locataire_titre",)),
    ("relogement", 8, ("locataire_titre", "logement_accompagne", "logement_adapte")),
    ("passage_relais", 14, ("locataire_titre", "logement_accompagne", "sous_locataire")),
    ("duree_maximale", 6, ("locataire_titre", "sous_locataire")),
    ("refus_accompagnement", 6, ("locataire_titre", None)),
    ("perte_contact", 7, (None,)),
    ("depart_territoire", 6, ("autre", None)),
    ("chrs_hebergement", 4, ("hebergement_insertion",)),
    ("incarceration", 3, ("institution",)),
    ("hospitalisation", 3, ("institution",)),
    ("expulsion", 2, ("hebergement_urgence", "heberge_tiers")),
    ("deces", 2, (None,)),
    ("oqtf", 1, (None,)),
    ("radiation", 1, (None,)),
    ("autre", 2, (None, "autre")),
)
_EXIT_MET = {
    "logement_autonome": ObjectivesMet.OUI,
    "glissement": ObjectivesMet.OUI,
    "relogement": ObjectivesMet.OUI,
    "passage_relais": ObjectivesMet.PARTIELLEMENT,
    "duree_maximale": ObjectivesMet.PARTIELLEMENT,
}
# Exits during a suspension that often end it (the household never came back).
_EXIT_SUSPENSION = {"incarceration": "incarceration", "hospitalisation": "hospitalisation",
                    "perte_contact": "perte_contact"}  # fmt: skip
_WAIVED_EXITS = frozenset({"perte_contact", "deces", "depart_territoire", "oqtf", "refus_accompagnement", "radiation"})
_WAIVERS = {
    "perte_contact": "Ménage injoignable : pas de relais possible.",
    "deces": "Décès de la personne.",
    "depart_territoire": "Départ hors du département sans nouvelle adresse.",
    "oqtf": "Départ du territoire, pas de relais possible.",
    "refus_accompagnement": "Le ménage ne souhaite pas de relais.",
    "radiation": "Fin décidée par le dispositif, relais refusé par le ménage.",
}
_HANDOVER_SERVICES = {
    "ccas": "CCAS (conseillère en économie sociale et familiale)",
    "conseil_departemental": "Centre départemental d'action sociale",
    "sante": "CMP du secteur",
    "landlord": "Conseillère sociale du bailleur",
}
_HANDOVER_NOTES = (
    "Rencontre à trois avec le ménage pour présenter le relais.",
    "Synthèse transmise avec l'accord du ménage.",
    "Premier rendez-vous pris avec le nouveau référent.",
)
_NARRATIVES = (
    "",
    "",
    "Je me sens chez moi, je sais qui appeler si besoin.",
    "J'ai repris confiance, je gère mes papiers seul.",
    "Ça a été long mais le logement tient.",
    "Je préfère continuer avec l'assistante sociale du quartier.",
)
_NO_FOLLOW_UP = (
    ("refus_commission", 20),
    ("refus_menage", 25),
    ("injoignable", 25),
    ("oriente_ailleurs", 20),
    ("deces", 3),
    ("autre", 7),
)

_TRANSITION_REASONS = {
    S.ORIENTATION_RECUE: ("Orientation reçue du prescripteur.", "Fiche d'orientation reçue."),
    S.EN_ATTENTE: ("Dossier présenté, en attente de la commission d'admission.", "Inscrit sur la liste d'attente."),
    S.ACCORD_DE_PRINCIPE: ("Accord de la commission d'admission.", "Accord de principe donné en comité."),
    S.ACTIF: ("Début de l'accompagnement, référent coordinateur désigné.", "Premier rendez-vous, contrat signé."),
    S.CLOTURE: ("Sortie du dispositif, bilan de fin réalisé.", "Fin de l'accompagnement."),
    S.SANS_SUITE: ("Orientation classée sans suite.", "Pas d'entrée dans le dispositif."),
}
_RESUME_REASON = "Reprise de l'accompagnement."
_SUSPEND_REASON = "Suspension de l'accompagnement."
_REFERRAL_NOTES = ("", "", "Orientation via la fiche SIAO.", "Demande transmise par le prescripteur.")

# Objectives in the household's own words, by theme (DOMAIN.md §4.1).
_OBJECTIVES = {
    "recherche_logement": ("Trouver un logement à moi.", "Avoir un logement plus près de l'école des enfants."),
    "installation": ("M'installer et meubler le logement.", "Ouvrir les compteurs et assurer le logement."),
    "vie_quotidienne": ("Faire mes courses et mes repas moi-même.", "Tenir le logement propre."),
    "droits_devoirs_locataire": ("Comprendre mon bail et ce que je dois faire.", "Rester dans mon logement."),
    "acces_droits": ("Ouvrir mes droits à la CAF.", "Renouveler mes papiers à temps."),
    "budget_dettes": ("Payer mon loyer tous les mois.", "Rembourser ma dette de loyer."),
    "energie": ("Payer moins d'électricité.", "Ne plus avoir de coupure d'énergie."),
    "sante": ("Reprendre un suivi médical.", "Trouver un médecin traitant."),
    "sante_mentale": ("Retrouver un suivi au CMP.", "Dormir mieux et être moins angoissé."),
    "addictions": ("Diminuer ma consommation.", "Reprendre contact avec le CSAPA."),
    "parentalite": ("Que mes enfants soient scolarisés près du logement.", "Reprendre les visites avec mon fils."),
    "emploi_formation": ("Trouver une formation.", "Retrouver un travail à temps partiel."),
    "lien_social": ("Voir du monde, sortir plus souvent.", "Renouer avec ma famille."),
    "loisirs": ("Reprendre le sport.", "M'inscrire à une activité du quartier."),
    "voisinage": ("Que ça se passe bien avec les voisins.", "Apaiser les relations dans l'immeuble."),
    "justice": ("Préparer l'audience au tribunal.", "Respecter les obligations de ma mesure."),
    "mesure_protection": ("Être aidé pour gérer mon argent.", "Demander une mesure de protection."),
}
_OBJECTIVE_OWNERS = ((Party.MENAGE, 75), (Party.ASSOCIATION, 15), (Party.BAILLEUR, 10))
_OBJECTIVE_STATUS_RUNNING = (
    (ObjectiveStatus.EN_COURS, 60),
    (ObjectiveStatus.ATTEINT, 20),
    (ObjectiveStatus.PARTIEL, 12),
    (ObjectiveStatus.ABANDONNE, 8),
)
_OBJECTIVE_STATUS_ENDED = (
    (ObjectiveStatus.ATTEINT, 45),
    (ObjectiveStatus.PARTIEL, 35),
    (ObjectiveStatus.ABANDONNE, 20),
)
_REVIEW_NOTES = ("Bilan fait avec le ménage.", "Bilan en présence du ménage et du bailleur.", "")

# Topics: how often each is a household's concern (a household has a few of them).
_TOPIC_WEIGHTS = (
    ("budget_dettes", 14), ("acces_droits", 14), ("installation", 10), ("vie_quotidienne", 10), ("sante", 8),
    ("recherche_logement", 8), ("droits_devoirs_locataire", 6), ("sante_mentale", 6), ("energie", 5),
    ("lien_social", 5), ("emploi_formation", 4), ("parentalite", 3), ("addictions", 3), ("voisinage", 2),
    ("loisirs", 2), ("justice", 1), ("mesure_protection", 1),
)  # fmt: skip
_HEALTH_TOPICS = frozenset({"sante", "sante_mentale", "addictions"})
_TOPICS_PER_CONTACT = (5, 30, 36, 29)  # weights of 0, 1, 2, 3 topics

# Contact notes: generic sentences, never a name (DOMAIN.md §8).
_NOTES_BY_TOPIC = {
    "recherche_logement": ("Point sur les propositions de logement en cours.", "Visite d'un logement proposé."),
    "installation": ("Aide à l'installation : meubles et ouverture des compteurs.", "Point sur l'équipement."),
    "vie_quotidienne": ("Échange sur l'organisation de la semaine.", "Courses faites ensemble."),
    "droits_devoirs_locataire": ("Explication du bail et de l'état des lieux.", "Rappel des règles de l'immeuble."),
    "acces_droits": ("Constitution du dossier CAF.", "Point sur les démarches administratives en cours."),
    "budget_dettes": ("Point sur le budget et les factures d'énergie.", "Suivi du plan d'apurement."),
    "energie": ("Relevé des compteurs et conseils d'économie d'énergie.", "Demande d'aide au FSL énergie."),
    "sante": ("Accompagnement vers un rendez-vous médical.", "Point sur le suivi médical."),
    "sante_mentale": ("Échange sur le moral et le sommeil.", "Lien avec le CMP pour le prochain rendez-vous."),
    "addictions": ("Échange sur les consommations, orientation vers le CSAPA.", "Point avec le CSAPA."),
    "parentalite": ("Point sur la scolarité des enfants.", "Échange sur l'organisation avec les enfants."),
    "emploi_formation": ("Préparation d'un entretien de formation.", "Point sur la recherche d'emploi."),
    "lien_social": ("Présentation des activités du quartier.", "Sortie au café associatif."),
    "loisirs": ("Inscription à une activité sportive.", "Échange sur les envies de sorties."),
    "voisinage": ("Échange après un signalement de voisinage.", "Médiation avec le voisinage."),
    "justice": ("Préparation de l'audience.", "Point avec le SPIP."),
    "mesure_protection": ("Point sur la demande de mesure de protection.", "Échange avec le mandataire."),
}
_NOTES_GENERAL = ("Point sur la situation.", "Nouvelles prises, rien de particulier.", "Visite de suivi.")
_NOTES_SMS = ("Rappel du rendez-vous par message.", "Message pour prendre des nouvelles.")
_NOTES_FAILED = (
    "Passage sans réponse, mot laissé dans la boîte aux lettres.",
    "Message laissé sur le répondeur.",
    "Porte close, repasser en fin de journée.",
    "Pas de réponse, voir avec le gardien.",
    "Absent au rendez-vous, nouveau passage prévu.",
)
_NOTES_CANCELLED = ("Rendez-vous annulé, à reprogrammer.", "Rendez-vous reporté à la semaine prochaine.")

# Contact types (weights) and what a contact of that type lasts (minutes; None: not counted).
_CONTACT_TYPES = (
    ("visite_domicile", 36), ("telephone", 22), ("sms", 12), ("entretien_bureau", 12), ("accompagnement", 10),
    ("rencontre_exterieure", 3), ("accueil_sans_rdv", 2), ("courrier", 1), ("seance_collective", 1),
    ("reunion_partenaire", 1),
)  # fmt: skip
_DURATIONS: dict[str, tuple[int, int] | None] = {
    "visite_domicile": (30, 90),
    "telephone": (5, 25),
    "sms": None,
    "entretien_bureau": (30, 60),
    "accompagnement": (60, 180),
    "rencontre_exterieure": (10, 30),
    "accueil_sans_rdv": (15, 45),
    "courrier": None,
    "seance_collective": (90, 150),
    "reunion_partenaire": (45, 90),
}
_REMOTE_TYPES = frozenset({"telephone", "sms", "courrier"})
_ATTEMPT_TYPES = (("visite_domicile", 55), ("telephone", 30), ("sms", 15))
_NOTE_CLASSES = (NoteClass.REFERENTS.name, NoteClass.EQUIPE.name, NoteClass.SANTE.name)

# Team roles by staff role; what kinds of other members a household's team has.
_TEAM_ROLE_FOR_STAFF = {
    "travailleur_social": "referent_social",
    "travailleur_pair": "travailleur_pair",
    "infirmier": "referent_sante",
    "psychologue": "referent_sante",
    "juriste": "juriste",
}
_MEMBER_KINDS = (("landlord", 30), ("peer", 25), ("health", 20), ("social", 15), ("lawyer", 5))
_MEMBER_KINDS_HOUSING_FIRST = (("health", 40), ("peer", 30), ("landlord", 15), ("social", 15))
_MEMBER_COUNTS = (35, 35, 20, 10)  # weights of 0, 1, 2, 3 other members
_MEMBER_END_REASONS = ("Fin de l'intervention.", "Relais pris par un autre membre de l'équipe.")
_COORDINATOR_CHANGE_REASONS = ("Changement de référent coordinateur.", "Départ de la professionnelle, relais assuré.")
_SPELL_END_REASON = "Fin de l'accompagnement."


# ----------------------------------------------------------------------------------------------- reference


@dataclass(frozen=True)
class MeasureInfo:
    """What the generator needs of a measure of the catalogue."""

    id: int
    code: str
    funders: str
    rule: DurationRule
    max_extensions: int | None
    review_start_months: int
    review_end_months: int
    review_every_months: int
    levels: dict[str, int]  # intensity level code → id
    interval_days: dict[str, float]  # level code → days between two expected contacts

    def running_days(self) -> int:
        """Return the longest a running episode may have lasted, with every extension the policy allows."""
        months = self.rule.months or 0
        if self.rule.policy is DurationPolicy.RENEWABLE:
            months *= 1 + (self.max_extensions or 0)
        elif self.rule.policy is DurationPolicy.MAX_PLUS_EXTENSION:
            drawn = _UNLIMITED_EXTENSIONS_DRAWN if self.max_extensions is None else self.max_extensions
            months += _NEGOTIATED_EXTENSION_MONTHS * drawn
        return int(months * _MONTH) - 5

    def extension_months(self) -> int:
        """Return how long one extension adds."""
        if self.rule.policy is DurationPolicy.RENEWABLE and self.rule.months:
            return self.rule.months
        return _NEGOTIATED_EXTENSION_MONTHS


@dataclass(frozen=True)
class StaffInfo:
    """A professional who can join teams."""

    id: int
    role: str
    organisation_id: int
    may_coordinate: bool


@dataclass
class SupportReference:
    """Catalogue, picklists and people the support step draws from, read once per generation."""

    measures: dict[str, MeasureInfo]
    topic: CodeMap
    contact_type: CodeMap
    outcome: CodeMap
    team_role: CodeMap
    suspension_reason: CodeMap
    exit_reason: CodeMap
    no_follow_up_reason: CodeMap
    coordinators: list[StaffInfo]
    team_leads: list[StaffInfo]
    peers: list[StaffInfo]
    health: list[StaffInfo]
    lawyers: list[StaffInfo]
    actor: StaffInfo | None
    landlord_contacts: dict[int, list[int]]  # organisation id → partner contacts, referent first
    handover_contacts: list[tuple[str, int]]  # (kind of service, partner contact id)


def _codes(session: Session, model: Any, label: str) -> CodeMap:
    rows = session.execute(select(model.code, model.id)).all()
    return CodeMap(label, {code: item_id for code, item_id in rows})


def load_support_reference(session: Session, own_organisation_id: int, actor_staff_id: int | None) -> SupportReference:
    """Read the measures, picklists and staff the support step needs (inside the generation's transaction)."""
    levels: dict[int, dict[str, tuple[int, float]]] = {}
    for level in session.scalars(select(IntensityLevel).where(IntensityLevel.active.is_(True))):
        if level.rhythm_contacts and level.rhythm_days:
            interval = level.rhythm_days / level.rhythm_contacts
            levels.setdefault(level.measure_id, {})[level.code] = (level.id, interval)
    measures: dict[str, MeasureInfo] = {}
    for measure in session.scalars(select(Measure).where(Measure.active.is_(True)).order_by(Measure.id)):
        scale = levels.get(measure.id, {})
        if measure.code not in _MEASURE_WEIGHTS or any(code not in scale for code in _LEVEL_ORDER):
            continue
        measures[measure.code] = MeasureInfo(
            id=measure.id,
            code=measure.code,
            funders=measure.funders,
            rule=DurationRule(measure.duration_policy, measure.duration_months, measure.suspended_days_count),
            max_extensions=measure.max_extensions,
            review_start_months=measure.review_start_months,
            review_end_months=measure.review_end_months,
            review_every_months=measure.review_every_months,
            levels={code: scale[code][0] for code in _LEVEL_ORDER},
            interval_days={code: scale[code][1] for code in _LEVEL_ORDER},
        )
    if not measures:
        raise DemoReferenceDataError(
            "Données de démonstration : aucun des dispositifs du catalogue d'origine (AVDL, ASLL, IML…) n'est "
            "actif avec son échelle d'intensité. Rétablissez-les dans Paramètres ou utilisez une base neuve."
        )
    staff_rows = session.execute(
        select(StaffMember.id, StaffRole.code, StaffMember.organisation_id, StaffRole.may_coordinate)
        .join(StaffRole, StaffRole.id == StaffMember.role_id)
        .where(StaffMember.active.is_(True))
        .order_by(StaffMember.id)
    ).all()
    staff = [StaffInfo(row[0], row[1], row[2] or 0, row[3]) for row in staff_rows]
    actor = next((item for item in staff if item.id == actor_staff_id), None)
    if actor is None and actor_staff_id is not None:
        row = session.execute(
            select(StaffRole.code, StaffMember.organisation_id, StaffRole.may_coordinate)
            .join(StaffRole, StaffRole.id == StaffMember.role_id)
            .where(StaffMember.id == actor_staff_id)
        ).first()
        if row is not None:
            actor = StaffInfo(actor_staff_id, row[0], row[1] or 0, row[2])
    others = [item for item in staff if item.id != actor_staff_id]
    coordinators = [item for item in others if item.may_coordinate and item.organisation_id == own_organisation_id]
    if not coordinators:
        coordinators = [item for item in others if item.may_coordinate]
    if not coordinators and actor is not None and actor.may_coordinate:
        coordinators = [actor]
    if not coordinators:
        raise DemoReferenceDataError(
            "Données de démonstration : aucun professionnel ne peut coordonner un accompagnement (rôle "
            "« Travailleur social »). Rétablissez ce rôle dans Paramètres ou utilisez une base neuve."
        )
    contacts = session.execute(
        select(
            PartnerContact.id, PartnerContact.organisation_id, PartnerContact.is_referent, PartnerRole.code,
            OrganisationKind.code, OrganisationKind.is_landlord,
        )
        .join(PartnerRole, PartnerRole.id == PartnerContact.role_id)
        .join(Organisation, Organisation.id == PartnerContact.organisation_id)
        .join(OrganisationKind, OrganisationKind.id == Organisation.kind_id)
        .where(PartnerContact.active.is_(True))
        .order_by(PartnerContact.id)
    ).all()  # fmt: skip
    landlord_contacts: dict[int, list[int]] = {}
    handover_contacts: list[tuple[str, int]] = []
    for contact_id, organisation_id, is_referent, role, kind, is_landlord in contacts:
        if is_landlord and role in {"cesf", "gestion_locative", "proximite"}:
            bucket = landlord_contacts.setdefault(organisation_id, [])
            bucket.insert(0 if is_referent else len(bucket), contact_id)
        if kind in _HANDOVER_SERVICES and role in {"cesf", "autre"}:
            handover_contacts.append((kind, contact_id))
        if is_landlord and role == "cesf":
            handover_contacts.append(("landlord", contact_id))
    return SupportReference(
        measures=measures,
        topic=_codes(session, Topic, "Thèmes"),
        contact_type=_codes(session, ContactType, "Types de contact"),
        outcome=_codes(session, ContactOutcome, "Issues de contact"),
        team_role=_codes(session, TeamRole, "Rôles dans l'équipe"),
        suspension_reason=_codes(session, SuspensionReason, "Motifs de suspension"),
        exit_reason=_codes(session, ExitReason, "Motifs de sortie"),
        no_follow_up_reason=_codes(session, NoFollowUpReason, "Motifs de fin sans suite"),
        coordinators=coordinators,
        team_leads=[item for item in others if item.role == "chef_service"] or coordinators,
        peers=[item for item in others if item.role == "travailleur_pair"],
        health=[item for item in others if item.role in {"infirmier", "psychologue"}],
        lawyers=[item for item in others if item.role == "juriste"],
        actor=actor,
        landlord_contacts=landlord_contacts,
        handover_contacts=handover_contacts,
    )


# -------------------------------------------------------------------------------------------------- plans


@dataclass
class _Suspension:
    start: date
    end: date | None
    reason: str
    review: date


@dataclass
class _Episode:
    """One episode being invented; ids are handed out when it is queued, in chronological order."""

    measure: MeasureInfo
    status: EpisodeStatus
    orientation: date
    steps: list[tuple[EpisodeStatus, date]] = field(default_factory=list)  # after orientation_recue
    start: date | None = None
    end: date | None = None
    suspensions: list[_Suspension] = field(default_factory=list)
    levels: list[tuple[str, date]] = field(default_factory=list)  # level code, first day
    extensions: list[tuple[date, int]] = field(default_factory=list)  # decided on, months
    no_follow_up: str | None = None
    exit_reason: str | None = None
    id: int = 0


@dataclass
class _Member:
    staff: StaffInfo | None
    partner_contact_id: int | None
    role: str
    coordinator: bool
    start: date
    end: date | None
    end_reason: str = ""


@dataclass
class _Spell:
    """A stretch of support with one team: the main episode, a possible concurrent one, and the team."""

    main: _Episode
    companion: _Episode | None = None
    members: list[_Member] = field(default_factory=list)
    # Coordinators in order: (staff, first day).
    coordinators: list[tuple[StaffInfo, date]] = field(default_factory=list)
    failed_run: bool = False


@dataclass(frozen=True)
class _Household:
    id: int
    entry: date
    situation: str
    housing: str  # current occupancy status code
    landlord_id: int | None  # organisation of the current dwelling
    referral_source_id: int | None


@dataclass
class SupportCounts:
    """Rows the support step wrote."""

    episodes: int = 0
    contacts: int = 0
    team_memberships: int = 0

    def add(self, other: SupportCounts) -> None:
        """Add ``other``'s counts to these."""
        self.episodes += other.episodes
        self.contacts += other.contacts
        self.team_memberships += other.team_memberships


_ID_TABLES = (
    "episode",
    "episode_transition",
    "intensity_period",
    "suspension",
    "extension",
    "objective",
    "episode_review",
    "exit_record",
    "team_membership",
    "contact",
    "contact_participant",
)
# Insert order respects foreign keys (episodes before what refers to them, contacts before their links).
_CORE_TABLES = _ID_TABLES[:9]
_CONTACT_COLUMNS = (
    "id", "household_id", "occurred_at", "duration_minutes", "type_id", "outcome_id", "off_hours", "after_care",
    "note", "note_class", "author_id", "created_at",
)  # fmt: skip
_INSERT_CONTACT = f"INSERT INTO contact ({', '.join(_CONTACT_COLUMNS)}) VALUES ({', '.join('?' * 12)})"
_INSERT_TOPIC_LINK = "INSERT INTO contact_topic_link (contact_id, topic_id) VALUES (?, ?)"
_INSERT_PARTICIPANT = (
    "INSERT INTO contact_participant (id, contact_id, staff_member_id, partner_contact_id) VALUES (?, ?, ?, ?)"
)


class _Ids:
    """Ids after the largest one stored in each support table, so that rows can refer to each other."""

    def __init__(self, session: Session) -> None:
        self._last: dict[str, int] = {}
        for name in _ID_TABLES:
            table = Base.metadata.tables[name]
            self._last[name] = session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0

    def next(self, name: str) -> int:
        self._last[name] += 1
        return self._last[name]


def _cumulative(weighted: Sequence[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    return [item for item, _ in weighted], list(accumulate(weight for _, weight in weighted))


# ------------------------------------------------------------------------------------------------ planner


class SupportPlanner:
    """Invents the support of each household of a chunk, then writes it in the generation's transaction."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        *,
        session: Session,
        refs: ReferenceIds,
        support: SupportReference,
        households_planned: int,
    ) -> None:
        self._rng = rng
        self._today = today
        self._yesterday = today - timedelta(days=1)
        self._ref = support
        self._ids = _Ids(session)
        self._situation_codes = {item_id: code for code, item_id in refs.situation.ids.items()}
        self._housing_codes = {item_id: code for code, item_id in refs.occupancy_status.ids.items()}
        self._occupancy_status = refs.occupancy_status
        expected_running = max(households_planned * _RUNNING_SHARE, 1.0)
        self._actor_share = min(0.9, ACTOR_CASELOAD / expected_running) if support.actor is not None else 0.0
        self._rows: dict[str, list[Row]] = {name: [] for name in _CORE_TABLES}
        self._contacts: list[tuple[Any, ...]] = []
        self._links: list[tuple[int, int]] = []
        self._participants: list[tuple[int, int, int | None, int | None]] = []
        # Precomputed draws (the contact loop runs half a million times).
        self._status_mix = _cumulative(_STATUS_MIX)
        self._topic_mix = _cumulative([(support.topic[code], weight) for code, weight in _TOPIC_WEIGHTS])
        self._topic_codes = {support.topic[code]: code for code, _ in _TOPIC_WEIGHTS}
        self._type_mix = _cumulative(_CONTACT_TYPES)
        self._attempt_mix = _cumulative(_ATTEMPT_TYPES)
        self._type_ids = {code: support.contact_type[code] for code, _ in _CONTACT_TYPES}
        self._outcome_ids = {
            code: support.outcome[code]
            for code in ("rencontre", "joint", "porte_close", "absent", "non_joint", "refus", "annule_menage",
                         "annule_equipe")
        }  # fmt: skip
        self._topics_per_contact = list(accumulate(_TOPICS_PER_CONTACT))
        self._utc_midnight: dict[int, datetime] = {}
        self._territory = association_territory(session)  # whose public holidays count the days
        self._working: dict[int, bool] = {}

    # ------------------------------------------------------------------------------------------ chunk

    def plan(self, households: Sequence[Row], occupancies: Sequence[Row], dwellings: Sequence[Row]) -> None:
        """Invent the support of the households queued in this chunk (rows of the household batch)."""
        landlord_of = {row["id"]: row["landlord_id"] for row in dwellings}
        periods: dict[int, list[Row]] = {}
        for row in occupancies:
            periods.setdefault(row["household_id"], []).append(row)
        for row in households:
            mine = periods.get(row["id"], [])
            current = next((item for item in mine if item["end_date"] is None), None)
            entry = min((item["start_date"] for item in mine), default=row["created_at"].date())
            self._household(
                _Household(
                    id=row["id"],
                    entry=min(entry, self._today - timedelta(days=14)),
                    situation=self._situation_codes.get(row["situation_before_entry_id"], "autre"),
                    housing=self._housing_codes.get(current["status_id"], "autre") if current else "autre",
                    landlord_id=landlord_of.get(current["dwelling_id"]) if current else None,
                    referral_source_id=row["referral_source_id"],
                )
            )

    def write(self, session: Session) -> SupportCounts:
        """Insert the queued rows inside the caller's transaction, empty the queues and return the counts."""
        counts = SupportCounts(
            episodes=len(self._rows["episode"]),
            contacts=len(self._contacts),
            team_memberships=len(self._rows["team_membership"]),
        )
        for name in _CORE_TABLES:
            rows = self._rows[name]
            if rows:
                session.execute(insert(Base.metadata.tables[name]), rows)
                self._rows[name] = []
        connection = session.connection()
        bulk: tuple[tuple[str, Sequence[tuple[Any, ...]]], ...] = (
            (_INSERT_CONTACT, self._contacts),
            (_INSERT_TOPIC_LINK, self._links),
            (_INSERT_PARTICIPANT, self._participants),
        )
        for statement, tuples in bulk:
            if tuples:
                connection.exec_driver_sql(statement, list(tuples))
        self._contacts = []
        self._links = []
        self._participants = []
        return counts

    # -------------------------------------------------------------------------------------- household

    def _household(self, household: _Household) -> None:
        rng = self._rng
        measure = self._measure(household)
        main = self._main_episode(household, measure)
        spells: list[_Spell] = []
        earlier = None
        if rng.random() < SHARE_WITH_EARLIER_EPISODE / 0.75:
            earlier = self._earlier_episode(household, main.orientation)
        if earlier is not None:
            spells.append(_Spell(earlier))
        spell = _Spell(main)
        spells.append(spell)
        if main.status in (S.ACTIF, S.CLOTURE) and rng.random() < SHARE_WITH_CONCURRENT_EPISODE / 0.66:
            spell.companion = self._companion(main)
        actor_here = rng.random() < self._actor_share
        profile = self._topic_profile()
        previous_id: int | None = None
        handler: StaffInfo | None = None  # who took the household's last news
        for item in spells:
            if item.main.start is not None:
                self._team(household, item, actor_here and item is spell)
            self._queue_episode(household, item, item.main, previous_id)
            previous_id = item.main.id
            if item.companion is not None:
                self._queue_episode(household, item, item.companion, None)
            self._queue_team(household.id, item)
            self._queue_children(item, household)
            self._contact_log(household.id, item, profile, handler)
            if item.coordinators:
                handler = item.coordinators[-1][0]

    def _measure(self, household: _Household) -> MeasureInfo:
        rng = self._rng
        measures = self._ref.measures
        boosts = [_MEASURE_BOOST.get(household.situation, {}), _MEASURE_BOOST.get(household.housing, {})]
        known_for = (self._today - household.entry).days
        # Un chez-soi d'abord follows people for years: mostly households known for a long time.
        boosts.append({"chez_soi_dabord": 1.4 if known_for > 3 * 365 else 0.4 if known_for < 365 else 1.0})
        codes = list(measures)
        weights = []
        for code in codes:
            weight = float(_MEASURE_WEIGHTS[code])
            for boost in boosts:
                weight *= boost.get(code, 1.0)
            weights.append(weight)
        return measures[rng.choices(codes, weights=weights)[0]]

    def _draw_status(self, room: int) -> EpisodeStatus:
        statuses, cumulative = self._status_mix
        status: EpisodeStatus = self._rng.choices(statuses, cum_weights=cumulative)[0]
        if status is S.CLOTURE and room < 150:
            return S.ACTIF
        if status is S.SANS_SUITE and room < 30:
            return S.ORIENTATION_RECUE
        return status

    def _main_episode(self, household: _Household, measure: MeasureInfo) -> _Episode:
        rng = self._rng
        today = self._today
        room = (today - household.entry).days
        status = self._draw_status(room)
        if status in WAITING:
            orientation = max(household.entry, today - timedelta(days=rng.randint(1, 120)))
            episode = _Episode(measure, status, orientation)
            episode.steps = self._waiting_steps(orientation, self._yesterday, status)
            return episode
        if status is S.SANS_SUITE:
            orientation = self._day(household.entry, today - timedelta(days=20))
            decided = min(orientation + timedelta(days=rng.randint(10, 120)), self._yesterday)
            episode = _Episode(measure, status, orientation, no_follow_up=_weighted(rng, _NO_FOLLOW_UP))
            target = rng.choice((S.ORIENTATION_RECUE, S.EN_ATTENTE))
            episode.steps = [*self._waiting_steps(orientation, decided - timedelta(days=1), target), (status, decided)]
            return episode
        wait = rng.randint(7, 90)
        if status is S.CLOTURE:
            length = self._closed_days(measure)
            latest_end = today - timedelta(days=1)
            earliest_end = household.entry + timedelta(days=wait + length)
            if earliest_end > latest_end:
                length = max((latest_end - household.entry).days - wait, 60)
                earliest_end = latest_end
            end = self._day(earliest_end, latest_end)
            start = end - timedelta(days=length)
            orientation = max(household.entry, start - timedelta(days=wait))
            start = max(start, orientation + timedelta(days=1))
            return self._activated(measure, S.CLOTURE, orientation, start, end)
        elapsed = self._running_days(measure)
        if status is S.SUSPENDU:
            elapsed = max(elapsed, 45)
        start = today - timedelta(days=elapsed)
        orientation = start - timedelta(days=wait)
        if orientation < household.entry:
            orientation = household.entry
            start = max(start, orientation + timedelta(days=min(wait, max(room - 2, 0))))
        start = min(start, self._yesterday)
        if status is S.SUSPENDU and (today - start).days < 30:
            status = S.ACTIF
        return self._activated(measure, status, orientation, start, None)

    def _earlier_episode(self, household: _Household, before: date) -> _Episode | None:
        """An episode closed some months before the current one was referred (the household came back)."""
        rng = self._rng
        end = before - timedelta(days=rng.randint(60, 400))
        room = (end - household.entry).days
        if room < 150:
            return None
        measure = self._measure(household)
        length = min(self._closed_days(measure), room - 30)
        start = end - timedelta(days=length)
        orientation = max(household.entry, start - timedelta(days=rng.randint(7, 60)))
        return self._activated(measure, S.CLOTURE, orientation, start, end)

    def _companion(self, main: _Episode) -> _Episode | None:
        """A second episode running beside the main one (e.g. ASLL beside an IML sub-lease)."""
        rng = self._rng
        assert main.start is not None
        code = _COMPANION.get(main.measure.code, _COMPANION_DEFAULT)
        measure = self._ref.measures.get(code)
        if measure is None or main.measure.code in (code, "chez_soi_dabord"):
            return None
        last = main.end or self._yesterday
        if (last - main.start).days < 45:
            return None
        start = main.start + timedelta(days=rng.randint(0, min(90, (last - main.start).days - 40)))
        orientation = max(main.orientation, start - timedelta(days=rng.randint(0, 30)))
        limit = measure.running_days()
        if main.end is not None or rng.random() < 0.25:
            end_latest = min(last, start + timedelta(days=limit))
            if (end_latest - start).days < 40:
                return None
            end = self._day(start + timedelta(days=min(60, (end_latest - start).days)), end_latest)
            return self._activated(measure, S.CLOTURE, orientation, start, end, first_level="soutenu", quiet=True)
        if (self._today - start).days > limit:
            start = self._today - timedelta(days=limit)
            orientation = min(orientation, start)
        return self._activated(measure, S.ACTIF, orientation, start, None, first_level="soutenu", quiet=True)

    def _activated(
        self,
        measure: MeasureInfo,
        status: EpisodeStatus,
        orientation: date,
        start: date,
        end: date | None,
        *,
        first_level: str | None = None,
        quiet: bool = False,
    ) -> _Episode:
        """An episode that started: path to ``actif``, suspensions, intensity periods and extensions."""
        rng = self._rng
        episode = _Episode(measure, status, orientation, start=start, end=end)
        route = rng.random()
        target = S.ORIENTATION_RECUE if route < 0.3 else S.ACCORD_DE_PRINCIPE
        episode.steps = [*self._waiting_steps(orientation, start - timedelta(days=1), target), (S.ACTIF, start)]
        if status is S.CLOTURE:
            episode.exit_reason = _weighted_exit(rng)
        if not quiet:
            episode.suspensions = self._suspensions(episode)
        episode.levels = self._levels(episode, first_level)
        episode.extensions = self._extensions(episode)
        return episode

    def _waiting_steps(self, orientation: date, last: date, target: EpisodeStatus) -> list[tuple[EpisodeStatus, date]]:
        """Steps from ``orientation_recue`` to ``target`` (itself included, unless it is the first state)."""
        rng = self._rng
        if target is S.ORIENTATION_RECUE:
            return []
        path = [S.EN_ATTENTE] if target is S.EN_ATTENTE else [S.EN_ATTENTE, target]
        if target is S.ACCORD_DE_PRINCIPE and rng.random() < 0.5:
            path = [target]
        span = max((last - orientation).days, 0)
        days = sorted(rng.randint(min(1, span), span) for _ in path)
        return [(status, orientation + timedelta(days=day)) for status, day in zip(path, days, strict=True)]

    def _running_days(self, measure: MeasureInfo) -> int:
        rng = self._rng
        if measure.rule.policy is DurationPolicy.OPEN_ENDED:
            months = rng.uniform(0.2, 24) if rng.random() < 0.3 else rng.uniform(30, 60)
            return max(int(months * _MONTH), 1)
        return rng.randint(1, measure.running_days())

    def _closed_days(self, measure: MeasureInfo) -> int:
        rng = self._rng
        if measure.rule.policy is DurationPolicy.OPEN_ENDED:
            return int(rng.uniform(6, 48) * _MONTH)
        longest = measure.running_days()
        return rng.randint(min(60, longest), longest)

    # ------------------------------------------------------------------------------ episode timeline

    def _suspensions(self, episode: _Episode) -> list[_Suspension]:
        rng = self._rng
        assert episode.start is not None
        last = episode.end or self._yesterday
        found: list[_Suspension] = []
        tail: _Suspension | None = None
        if episode.status is S.SUSPENDU:
            begun = max(self._today - timedelta(days=1 + int(85 * rng.random() ** 1.6)), episode.start + timedelta(1))
            reason = _weighted_suspension(rng)[0]
            review = begun + rng.choice(_OPEN_SUSPENSION_REVIEWS)
            tail = _Suspension(begun, None, reason, review)
        elif episode.status is S.CLOTURE and episode.exit_reason in _EXIT_SUSPENSION and rng.random() < 0.6:
            assert episode.end is not None
            reason = _EXIT_SUSPENSION[episode.exit_reason]
            begun = episode.end - timedelta(days=rng.randint(14, 120))
            if begun > episode.start + timedelta(days=20):
                tail = _Suspension(begun, episode.end, reason, begun + relativedelta(months=1))
        count = rng.choices((0, 1, 2), weights=(70, 22, 8))[0]
        if tail is not None and tail.end is None:
            count = 1 if rng.random() < 0.2 else 0
        cursor = episode.start + timedelta(days=30)
        limit = (tail.start if tail is not None else last) - timedelta(days=20)
        for index in range(count):
            reason, shortest, longest = _weighted_suspension(rng)
            length = rng.randint(shortest, longest)
            latest = limit - timedelta(days=length)
            if latest < cursor:
                break
            begun = cursor + timedelta(days=rng.randint(0, (latest - cursor).days // (count - index)))
            ended = begun + timedelta(days=length - 1)
            found.append(_Suspension(begun, ended, reason, begun + relativedelta(months=1)))
            cursor = ended + timedelta(days=21)
        if tail is not None:
            found.append(tail)
        return found

    def _levels(self, episode: _Episode, first: str | None) -> list[tuple[str, date]]:
        """Intensity levels from the start; a change never falls inside a suspension (it waits for the resumption)."""
        rng = self._rng
        assert episode.start is not None
        housing_first = episode.measure.code == "chez_soi_dabord"
        lengths = _LEVEL_DAYS_HOUSING_FIRST if housing_first else _LEVEL_DAYS
        following = _NEXT_LEVEL_HOUSING_FIRST if housing_first else _NEXT_LEVEL
        last = episode.end or self._today
        code = first or _weighted(rng, _FIRST_LEVEL)
        day = episode.start
        levels = [(code, day)]
        while True:
            change: date | None = day + timedelta(days=rng.randint(*lengths[code]))
            for suspension in episode.suspensions:
                if (
                    change is not None
                    and suspension.start <= change
                    and (suspension.end is None or change <= suspension.end)
                ):
                    change = None if suspension.end is None else suspension.end + timedelta(days=1)
            if change is None or change >= last:
                return levels
            code = _weighted(rng, following[code])
            levels.append((code, change))
            day = change

    def _extensions(self, episode: _Episode) -> list[tuple[date, int]]:
        """Extensions the policy allows, decided before the planned end when the episode outlasted it."""
        rng = self._rng
        measure = episode.measure
        assert episode.start is not None
        if measure.rule.policy in (DurationPolicy.FIXED, DurationPolicy.OPEN_ENDED) or not measure.rule.months:
            return []
        limit = measure.max_extensions if measure.max_extensions is not None else 4
        horizon = episode.end or self._today
        suspended = sum(((min(item.end or horizon, horizon) - item.start).days + 1) for item in episode.suspensions)
        step = measure.extension_months()
        found: list[tuple[date, int]] = []
        while len(found) < limit:
            planned = planned_end(episode.start, measure.rule, [months for _, months in found], suspended)
            assert planned is not None
            needed = planned < horizon
            ahead = episode.end is None and (planned - self._today).days <= 30 and rng.random() < 0.5
            if not (needed or ahead):
                break
            decided = planned - timedelta(days=rng.randint(3, 35))
            decided = min(max(decided, episode.start + timedelta(days=1)), self._today)
            if found and decided <= found[-1][0]:
                decided = min(found[-1][0] + timedelta(days=1), self._today)
            found.append((decided, step))
        return found

    # ------------------------------------------------------------------------------------------ rows

    def _queue_episode(self, household: _Household, spell: _Spell, episode: _Episode, previous_id: int | None) -> None:
        """Queue the episode and its transitions.

        A team lead records the referral and admission steps; the coordinator in charge on the day records the
        start, the suspensions, the resumptions and the exit.
        """
        rng = self._rng
        ids = self._ids
        ref = self._ref
        episode.id = ids.next("episode")
        lead = rng.choice(ref.team_leads).id

        def coordinator(day: date) -> int:
            return self._coordinator_on(spell, day).id if spell.coordinators else lead

        self._rows["episode"].append(
            {
                "id": episode.id,
                "household_id": household.id,
                "measure_id": episode.measure.id,
                "status": episode.status,
                "funders": episode.measure.funders,
                "referral_source_id": household.referral_source_id,
                "referral_note": rng.choice(_REFERRAL_NOTES),
                "orientation_date": episode.orientation,
                "start_date": episode.start,
                "end_date": episode.end if episode.end is not None else self._no_follow_up_end(episode),
                "no_follow_up_reason_id": ref.no_follow_up_reason[episode.no_follow_up]
                if episode.no_follow_up
                else None,
                "previous_episode_id": previous_id,
                "created_at": at_work_hours(rng, episode.orientation),
            }
        )
        transitions = self._rows["episode_transition"]

        def transition(before: EpisodeStatus | None, after: EpisodeStatus, day: date, reason: str, by: int) -> None:
            transitions.append(
                {
                    "id": ids.next("episode_transition"),
                    "episode_id": episode.id,
                    "from_status": before,
                    "to_status": after,
                    "effective_date": day,
                    "staff_member_id": by,
                    "reason": reason,
                    "recorded_at": at_work_hours(rng, day),
                }
            )

        transition(
            None, S.ORIENTATION_RECUE, episode.orientation, rng.choice(_TRANSITION_REASONS[S.ORIENTATION_RECUE]), lead
        )
        status = S.ORIENTATION_RECUE
        for after, day in episode.steps:
            by = coordinator(day) if after is S.ACTIF else lead
            transition(status, after, day, rng.choice(_TRANSITION_REASONS[after]), by)
            status = after
        for suspension in episode.suspensions:
            transition(status, S.SUSPENDU, suspension.start, _SUSPEND_REASON, coordinator(suspension.start))
            status = S.SUSPENDU
            if suspension.end is not None and (episode.end is None or suspension.end < episode.end):
                resumed = suspension.end + timedelta(days=1)
                transition(status, S.ACTIF, resumed, _RESUME_REASON, coordinator(resumed))
                status = S.ACTIF
        if episode.status is S.CLOTURE:
            assert episode.end is not None
            reason = rng.choice(_TRANSITION_REASONS[S.CLOTURE])
            transition(status, S.CLOTURE, episode.end, reason, coordinator(episode.end))

    def _no_follow_up_end(self, episode: _Episode) -> date | None:
        """A referral closed without support ends on the day it was closed."""
        return episode.steps[-1][1] if episode.status is S.SANS_SUITE else None

    def _team(self, household: _Household, spell: _Spell, with_actor: bool) -> None:
        """One coordinator from the start (sometimes replaced), a few other members; the actor on some teams."""
        rng = self._rng
        ref = self._ref
        main = spell.main
        assert main.start is not None
        start, end = main.start, main.end
        last = end or self._yesterday
        actor = ref.actor if with_actor else None
        first = rng.choice(ref.coordinators)
        coordinators = [(first, start)]
        if (last - start).days > 180 and rng.random() < 0.15:
            change = self._day(start + timedelta(days=90), last - timedelta(days=30))
            second = rng.choice(ref.coordinators)
            if second.id != first.id:
                coordinators.append((second, change))
        actor_coordinates = actor is not None and actor.may_coordinate and rng.random() < 0.85
        if actor is not None and actor_coordinates:
            coordinators[-1] = (actor, coordinators[-1][1])
        spell.coordinators = coordinators
        members = spell.members
        for index, (staff, since) in enumerate(coordinators):
            until = coordinators[index + 1][1] - timedelta(days=1) if index + 1 < len(coordinators) else end
            reason = rng.choice(_COORDINATOR_CHANGE_REASONS) if index + 1 < len(coordinators) else ""
            members.append(_Member(staff, None, "referent_social", True, since, until, reason))
        if actor is not None and not actor_coordinates:
            members.append(
                self._member(actor, None, _TEAM_ROLE_FOR_STAFF.get(actor.role, "autre"), start, end, leaves=False)
            )
        housing_first = main.measure.code == "chez_soi_dabord"
        count = rng.choices((1, 2, 3), weights=(30, 45, 25))[0] if housing_first else _draw_count(rng, _MEMBER_COUNTS)
        kinds = _MEMBER_KINDS_HOUSING_FIRST if housing_first else _MEMBER_KINDS
        taken = {member.staff.id for member in members if member.staff is not None}
        for _ in range(count):
            kind = _weighted(rng, kinds)
            if kind == "landlord":
                contacts = ref.landlord_contacts.get(household.landlord_id or 0)
                if contacts and all(member.partner_contact_id is None for member in members):
                    contact_id = contacts[0] if rng.random() < 0.7 else rng.choice(contacts)
                    members.append(self._member(None, contact_id, "referent_logement", start, end))
                continue
            pool = {"peer": ref.peers, "health": ref.health, "social": ref.coordinators, "lawyer": ref.lawyers}[kind]
            candidates = [staff for staff in pool if staff.id not in taken]
            if not candidates:
                continue
            staff = rng.choice(candidates)
            taken.add(staff.id)
            members.append(self._member(staff, None, _TEAM_ROLE_FOR_STAFF.get(staff.role, "autre"), start, end))

    def _member(
        self,
        staff: StaffInfo | None,
        contact_id: int | None,
        role: str,
        start: date,
        end: date | None,
        *,
        leaves: bool = True,
    ) -> _Member:
        rng = self._rng
        last = end or self._yesterday
        since = start + timedelta(days=rng.randint(0, max(min(90, (last - start).days), 0)))
        until, reason = end, ""
        if leaves and (last - since).days > 60 and rng.random() < 0.15:
            until = self._day(since + timedelta(days=30), last - timedelta(days=1))
            reason = rng.choice(_MEMBER_END_REASONS)
        return _Member(staff, contact_id, role, False, since, until, reason)

    def _queue_team(self, household_id: int, spell: _Spell) -> None:
        rng = self._rng
        rows = self._rows["team_membership"]
        team_role = self._ref.team_role
        for member in spell.members:
            rows.append(
                {
                    "id": self._ids.next("team_membership"),
                    "household_id": household_id,
                    "staff_member_id": member.staff.id if member.staff is not None else None,
                    "partner_contact_id": member.partner_contact_id,
                    "role_id": team_role[member.role],
                    "is_coordinator": member.coordinator,
                    "start_date": member.start,
                    "end_date": member.end,
                    "end_reason": member.end_reason or (_SPELL_END_REASON if member.end is not None else ""),
                    "created_at": at_work_hours(rng, member.start),
                }
            )

    def _coordinator_on(self, spell: _Spell, day: date) -> StaffInfo:
        current = spell.coordinators[0][0]
        for staff, since in spell.coordinators:
            if since <= day:
                current = staff
        return current

    def _queue_children(self, spell: _Spell, household: _Household) -> None:
        """Intensity periods, suspensions, extensions, objectives, reviews and the exit record."""
        for episode in (spell.main, spell.companion):
            if episode is None or episode.start is None:
                continue
            self._queue_periods(episode)
            self._queue_objectives_and_reviews(episode, spell)
            if episode.status is S.CLOTURE:
                self._queue_exit(episode, household)

    def _queue_periods(self, episode: _Episode) -> None:
        rng = self._rng
        ids = self._ids
        ref = self._ref
        levels = episode.levels
        for index, (code, first_day) in enumerate(levels):
            if index + 1 < len(levels):
                last_day: date | None = levels[index + 1][1] - timedelta(days=1)
            else:
                last_day = episode.end
            if index == 0:
                reason, where = rng.choice(_LEVEL_REASONS["first"]), "Commission d'admission"
            else:
                before = _LEVEL_ORDER.index(levels[index - 1][0])
                reason = rng.choice(_LEVEL_REASONS["down" if _LEVEL_ORDER.index(code) > before else "up"])
                where = rng.choice(_DECIDED_WHERE)
            self._rows["intensity_period"].append(
                {
                    "id": ids.next("intensity_period"),
                    "episode_id": episode.id,
                    "level_id": episode.measure.levels[code],
                    "start_date": first_day,
                    "end_date": last_day,
                    "reason": reason,
                    "decided_where": where,
                }
            )
        for suspension in episode.suspensions:
            self._rows["suspension"].append(
                {
                    "id": ids.next("suspension"),
                    "episode_id": episode.id,
                    "reason_id": ref.suspension_reason[suspension.reason],
                    "start_date": suspension.start,
                    "end_date": suspension.end,
                    "review_date": suspension.review,
                    "note": _SUSPENSION_NOTES.get(suspension.reason, ""),
                }
            )
        for decided, months in episode.extensions:
            approver = rng.choice(ref.team_leads)
            self._rows["extension"].append(
                {
                    "id": ids.next("extension"),
                    "episode_id": episode.id,
                    "decided_on": decided,
                    "months": months,
                    "justification": rng.choice(
                        (
                            "Objectifs logement en cours, prolongation validée.",
                            "Glissement du bail en préparation.",
                            "Dette en cours d'apurement, accompagnement à poursuivre.",
                        )
                    ),
                    "approver_id": approver.id,
                    "decided_where": rng.choice(("COSI", "Comité technique", "Synthèse d'équipe")),
                    "created_at": at_work_hours(rng, decided),
                }
            )

    def _queue_objectives_and_reviews(self, episode: _Episode, spell: _Spell) -> None:
        rng = self._rng
        ids = self._ids
        assert episode.start is not None
        last = min(episode.end or self._today, self._today)
        count = rng.randint(1, 4) if episode is spell.main else rng.randint(1, 2)
        themes = rng.sample(list(_OBJECTIVES), count)
        weights = _OBJECTIVE_STATUS_ENDED if episode.end is not None else _OBJECTIVE_STATUS_RUNNING
        for theme in themes:
            set_on = min(episode.start + timedelta(days=rng.randint(0, 45)), last)
            status = _weighted(rng, weights)
            reviewed = None
            if (last - set_on).days > 60 and rng.random() < 0.6:
                reviewed = self._day(set_on + timedelta(days=30), last)
            next_review = None
            if status is ObjectiveStatus.EN_COURS:
                next_review = (reviewed or set_on) + relativedelta(months=rng.randint(3, 6))
            self._rows["objective"].append(
                {
                    "id": ids.next("objective"),
                    "episode_id": episode.id,
                    "text": rng.choice(_OBJECTIVES[theme]),
                    "theme_id": self._ref.topic[theme],
                    "owner": _weighted(rng, _OBJECTIVE_OWNERS),
                    "status": status,
                    "set_on": set_on,
                    "next_review_on": next_review,
                    "last_reviewed_on": reviewed,
                    "created_at": at_work_hours(rng, set_on),
                }
            )
        measure = episode.measure
        horizon = min(episode.end or self._today, self._today)
        if episode.end is not None:
            planned: date | None = episode.end
        else:
            planned = planned_end(episode.start, measure.rule, [months for _, months in episode.extensions])
        for milestone in milestones(
            episode.start,
            planned,
            start_months=measure.review_start_months,
            end_months=measure.review_end_months,
            every_months=measure.review_every_months,
            horizon=horizon,
        ):
            if milestone.due_on > horizon or rng.random() > 0.75:
                continue
            held = milestone.due_on + timedelta(days=rng.randint(-7, 21))
            held = min(max(held, episode.start), horizon)
            self._rows["episode_review"].append(
                {
                    "id": ids.next("episode_review"),
                    "episode_id": episode.id,
                    "kind": milestone.kind,
                    "due_on": milestone.due_on,
                    "held_on": held,
                    "note": rng.choice(_REVIEW_NOTES),
                    "staff_member_id": self._coordinator_on(spell, held).id if spell.coordinators else None,
                }
            )

    def _queue_exit(self, episode: _Episode, household: _Household) -> None:
        rng = self._rng
        ref = self._ref
        assert episode.end is not None and episode.start is not None and episode.exit_reason is not None
        reason = episode.exit_reason
        destinations = next(item[2] for item in _EXITS if item[0] == reason)
        destination = rng.choice(destinations)
        row: Row = {
            "id": self._ids.next("exit_record"),
            "episode_id": episode.id,
            "reason_id": ref.exit_reason[reason],
            "destination_status_id": self._occupancy_status[destination] if destination else None,
            "objectives_met": _EXIT_MET.get(reason, rng.choice((ObjectivesMet.PARTIELLEMENT, ObjectivesMet.NON))),
            "narrative": rng.choice(_NARRATIVES),
            "handover_services": "",
            "handover_contact_id": None,
            "handover_contact_name": "",
            "handover_date": None,
            "handover_note": "",
            "handover_waiver_reason": "",
        }
        if reason in _WAIVED_EXITS or not ref.handover_contacts or rng.random() < 0.15:
            row["handover_waiver_reason"] = _WAIVERS.get(reason, "Le ménage ne souhaite pas de relais.")
        else:
            kind, contact_id = rng.choice(ref.handover_contacts)
            row["handover_services"] = _HANDOVER_SERVICES[kind]
            row["handover_contact_id"] = contact_id
            row["handover_date"] = max(episode.end - timedelta(days=rng.randint(0, 20)), episode.start)
            row["handover_note"] = rng.choice(_HANDOVER_NOTES)
        self._rows["exit_record"].append(row)

    # -------------------------------------------------------------------------------------- contacts

    def _topic_profile(self) -> list[int]:
        """A household's usual concerns: a few topics its contacts are about."""
        rng = self._rng
        topics, cumulative = self._topic_mix
        profile: list[int] = []
        for topic_id in rng.choices(topics, cum_weights=cumulative, k=rng.randint(3, 6)):
            if topic_id not in profile:
                profile.append(topic_id)
        return profile

    def _contact_log(self, household_id: int, spell: _Spell, profile: list[int], handler: StaffInfo | None) -> None:
        """Contacts from the orientation to the end (or yesterday), at the rhythm of the intensity level.

        Before support starts, the referral is handled by the household's former coordinator when it comes
        back, else by a social worker of the service.
        """
        rng = self._rng
        main = spell.main
        failed_run = rng.random() < SHARE_WITH_FAILED_RUN
        yesterday = self._yesterday
        if main.start is None:
            # Not (yet) supported: whoever handles the referral tries to reach the household, or meets it once.
            staff = handler or rng.choice(self._ref.coordinators)
            last = min(main.steps[-1][1] if main.status is S.SANS_SUITE else yesterday, yesterday)
            day = main.orientation + timedelta(days=rng.randint(1, 10))
            if failed_run:
                day = self._failed_run(household_id, day, last, staff.id)
            if day <= last and rng.random() < 0.6:
                self._contact(household_id, day, last, "entretien_bureau", "rencontre", profile, [staff.id], None)
            return
        start = main.start
        last = min(main.end or yesterday, yesterday)
        coordinator = spell.coordinators[0][0].id
        day = start + timedelta(days=rng.randint(0, 5))
        if failed_run:
            day = self._failed_run(household_id, day, last, coordinator)
        else:
            # Before the start, the coordinator-to-be may meet the household once or twice.
            before = (start - main.orientation).days
            for _ in range(rng.randint(0, 2) if before > 2 else 0):
                early = main.orientation + timedelta(days=rng.randint(1, before - 1))
                kind, outcome = rng.choice((("entretien_bureau", "rencontre"), ("telephone", "joint")))
                self._contact(household_id, early, start, kind, outcome, profile, [coordinator], None)
        if day > last:
            return
        first = self._contact(household_id, day, last, "visite_domicile", "rencontre", profile, [coordinator], None)
        self._rhythm(household_id, spell, first, last, profile)

    def _failed_run(self, household_id: int, day: date, last: date, staff_id: int) -> date:
        """1–8 failed "aller vers" attempts, some in the evening or at the weekend; returns the next day to try."""
        rng = self._rng
        types, cumulative = self._attempt_mix
        for _ in range(rng.randint(1, 8)):
            if day > last:
                break
            kind = rng.choices(types, cum_weights=cumulative)[0]
            outcome = "non_joint" if kind in _REMOTE_TYPES else rng.choice(("porte_close", "porte_close", "absent"))
            tried = self._contact(
                household_id, day, last, kind, outcome, None, [staff_id], None, odd_hours=rng.random() < 0.3
            )
            day = max(day, tried) + timedelta(days=rng.randint(1, 4))
        return day

    def _rhythm(self, household_id: int, spell: _Spell, first: date, last: date, profile: list[int]) -> None:
        """Contacts after the first meeting, one every "interval" of the current level, give or take.

        Some come sooner, some later, a few are never logged; a Housing First team (multidisciplinary, on call)
        sees people a little more often than the nominal rhythm. Suspended weeks have almost no contact.
        """
        rng = self._rng
        random_ = rng.random
        main = spell.main
        levels = main.levels
        level_index = 0
        intervals = main.measure.interval_days
        suspensions = main.suspensions
        suspension_index = 0
        coordinators = spell.coordinators
        coordinator_index = 0
        others = [member for member in spell.members if not member.coordinator and member.staff is not None]
        landlord_contact = next((m.partner_contact_id for m in spell.members if m.partner_contact_id), None)
        types, type_cumulative = self._type_mix
        ordinal = first.toordinal()
        last_ordinal = last.toordinal()
        position = float(ordinal)
        spread, shortest = (1.0, 0.4) if main.measure.code == "chez_soi_dabord" else (1.25, 0.55)
        while True:
            day_ordinal = int(position)
            while level_index + 1 < len(levels) and levels[level_index + 1][1].toordinal() <= day_ordinal:
                level_index += 1
            interval = intervals[levels[level_index][0]]
            position += interval * (shortest + spread * random_())
            day_ordinal = int(position)
            if day_ordinal > last_ordinal:
                return
            day = date.fromordinal(day_ordinal)
            while suspension_index < len(suspensions):
                current = suspensions[suspension_index]
                if current.end is not None and current.end < day:
                    suspension_index += 1
                    continue
                break
            suspended = suspension_index < len(suspensions) and suspensions[suspension_index].start <= day
            if suspended and random_() > 0.04:
                continue
            while coordinator_index + 1 < len(coordinators) and coordinators[coordinator_index + 1][1] <= day:
                coordinator_index += 1
            staff = [coordinators[coordinator_index][0].id]
            if others and random_() < 0.2:
                present = [m.staff.id for m in others if m.start <= day and (m.end is None or day <= m.end) and m.staff]
                if present:
                    other = present[0] if len(present) == 1 else rng.choice(present)
                    staff = [other] if random_() < 0.5 else [staff[0], other]
            kind = "telephone" if suspended else rng.choices(types, cum_weights=type_cumulative)[0]
            draw = random_()
            if draw < SHARE_OF_FAILED_ATTEMPTS:
                if kind in _REMOTE_TYPES:
                    outcome = "non_joint"
                else:
                    outcome = "porte_close" if kind == "visite_domicile" and random_() < 0.6 else "absent"
            elif draw < SHARE_OF_FAILED_ATTEMPTS + 0.03:
                outcome = "annule_menage" if random_() < 0.7 else "annule_equipe"
            elif draw < SHARE_OF_FAILED_ATTEMPTS + 0.04:
                outcome = "refus"
            else:
                outcome = "joint" if kind in _REMOTE_TYPES else "rencontre"
            partner = landlord_contact if landlord_contact and kind == "reunion_partenaire" else None
            held = self._contact(
                household_id, day, last, kind, outcome, profile, staff, partner, odd_hours=random_() < 0.06
            )
            position = max(position, float(held.toordinal()))

    def _contact(
        self,
        household_id: int,
        day: date,
        latest: date,
        kind: str,
        outcome: str,
        profile: list[int] | None,
        staff_ids: list[int],
        partner_contact_id: int | None,
        *,
        odd_hours: bool = False,
    ) -> date:
        """Queue one contact with its topics and participants (the first participant wrote it); return its day.

        Ordinary contacts fall on working days during office hours (a weekend or holiday moves to the next
        working day, unless that is after ``latest``); ``odd_hours`` ones in the evening or at the weekend.
        """
        rng = self._rng
        random_ = rng.random
        ordinal = day.toordinal()
        last_ordinal = latest.toordinal()
        weekend = ordinal - day.weekday() + 5 + (random_() < 0.4)  # the Saturday or Sunday of that week
        if odd_hours and weekend <= last_ordinal and random_() < 0.35:
            ordinal = weekend
            minute = 600 + 5 * int(random_() * 96)  # 10:00–17:55
        elif odd_hours:
            minute = 1110 + 5 * int(random_() * 25)  # 18:30–20:30
        else:
            moved = ordinal
            while not self._is_working(moved):
                moved += 1
            if moved <= last_ordinal:
                ordinal = moved
            minute = 540 + 5 * int(random_() * 103)  # 09:00–17:30
        contact_day = date.fromordinal(ordinal)
        local = datetime(contact_day.year, contact_day.month, contact_day.day, minute // 60, minute % 60)
        occurred = self._utc_midnight_of(ordinal) + timedelta(minutes=minute)
        attempt = outcome in ("porte_close", "absent", "non_joint")
        cancelled = outcome in ("annule_menage", "annule_equipe")
        bounds = _DURATIONS[kind]
        if bounds is None or cancelled:
            duration = None
        elif attempt:
            duration = 2 if kind == "telephone" else rng.randint(10, 20)
        else:
            duration = bounds[0] + 5 * int(random_() * ((bounds[1] - bounds[0]) // 5 + 1))
        topics: list[int] = []
        if attempt:
            note = rng.choice(_NOTES_FAILED)
        elif cancelled:
            note = rng.choice(_NOTES_CANCELLED)
        elif kind == "sms":
            note = rng.choice(_NOTES_SMS)
        else:
            if profile:
                count = bisect_right(self._topics_per_contact, random_() * self._topics_per_contact[-1])
                if count:
                    topics = rng.sample(profile, min(count, len(profile)))
            note = rng.choice(_NOTES_BY_TOPIC[self._topic_codes[topics[0]]]) if topics else rng.choice(_NOTES_GENERAL)
        draw = random_()
        if topics and self._topic_codes[topics[0]] in _HEALTH_TOPICS and draw < 0.35:
            note_class = _NOTE_CLASSES[2]
        elif draw > 0.85:
            note_class = _NOTE_CLASSES[1]
        else:
            note_class = _NOTE_CLASSES[0]
        contact_id = self._ids.next("contact")
        created = occurred + timedelta(minutes=(duration or 0) + 5 + int(random_() * 236))
        self._contacts.append(
            (
                contact_id,
                household_id,
                _utc_text(occurred),
                duration,
                self._type_ids[kind],
                self._outcome_ids[outcome],
                int(is_off_hours(local, territory=self._territory)),
                0,
                note,
                note_class,
                staff_ids[0],
                _utc_text(created),
            )
        )
        for topic_id in topics:
            self._links.append((contact_id, topic_id))
        next_id = self._ids.next
        for staff_id in staff_ids:
            self._participants.append((next_id("contact_participant"), contact_id, staff_id, None))
        if partner_contact_id is not None:
            self._participants.append((next_id("contact_participant"), contact_id, None, partner_contact_id))
        return contact_day

    def _utc_midnight_of(self, ordinal: int) -> datetime:
        """Local midnight of that day as naive UTC (contacts fall between 08:00 and 21:00, away from DST jumps)."""
        found = self._utc_midnight.get(ordinal)
        if found is None:
            day = date.fromordinal(ordinal)
            noon = datetime.combine(day, time(12), tzinfo=PARIS)
            offset = noon.utcoffset() or timedelta(0)
            found = datetime.combine(day, time(0)) - offset
            self._utc_midnight[ordinal] = found
        return found

    def _is_working(self, ordinal: int) -> bool:
        found = self._working.get(ordinal)
        if found is None:
            found = is_working_day(date.fromordinal(ordinal), territory=self._territory)
            self._working[ordinal] = found
        return found

    def _day(self, first: date, last: date) -> date:
        """Return a day between ``first`` and ``last`` (both included; ``first`` when they cross)."""
        return first + timedelta(days=self._rng.randint(0, max((last - first).days, 0)))


def _utc_text(moment: datetime) -> str:
    """A naive UTC datetime in the storage format of :class:`caseworker.models.base.UtcDateTime`."""
    return f"{moment.isoformat(' ')}.000000"


def _weighted(rng: random.Random, weighted: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([item for item, _ in weighted], weights=[weight for _, weight in weighted])[0]


def _weighted_exit(rng: random.Random) -> str:
    return str(rng.choices([item[0] for item in _EXITS], weights=[item[1] for item in _EXITS])[0])


def _weighted_suspension(rng: random.Random) -> tuple[str, int, int]:
    reason, _weight, shortest, longest = rng.choices(_SUSPENSIONS, weights=[item[1] for item in _SUSPENSIONS])[0]
    return reason, shortest, longest


def _draw_count(rng: random.Random, weights: Sequence[int]) -> int:
    return rng.choices(range(len(weights)), weights=weights)[0]
