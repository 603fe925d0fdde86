"""The data the alerts, debts and procedures of demo households are drawn from: weights, delays and French text.

Constant tables only: how often each household profile, alert type, channel, severity, action and escalation
occurs, how alerts of each type are handled, how repayment plans are kept, how long the stages of an eviction
procedure take, and the sentences a landlord or a caseworker would write (never health or justice matters,
docs/domain.md §7). Changing a weight or a sentence here changes the generated data (and the pinned checksums of
``tests/demo/test_fingerprint.py``), nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from caseworker.domain import AlertActionKind, AlertChannel, AlertSeverity, ProcedureStage, SuspensionGround

K = AlertActionKind
G = ProcedureStage

# Households: (profile, weight, alerts per year in a landlord's dwelling, share with rent arrears).
PROFILES = (("calme", 35, 0.4, 0.05), ("ordinaire", 40, 1.3, 0.2), ("fragile", 25, 3.3, 0.55))
# Types of the alerts that arrive (``procedure_engagee`` comes with the procedures, ``sortie_institution`` is
# not a landlord's matter): households with arrears mostly get arrears alerts.
TYPES_ARREARS = (
    ("impaye", 50), ("trouble_voisinage", 9), ("perte_contact", 9), ("defaut_entretien", 6),
    ("agressivite_personnel", 1.5), ("demande_mediation", 3), ("sante_crise", 1), ("autre", 1.5),
    ("probleme_technique", 12), ("demande_intervention", 3), ("information", 3),
)  # fmt: skip
TYPES_OTHER = (
    ("impaye", 15), ("trouble_voisinage", 22), ("perte_contact", 13), ("defaut_entretien", 11),
    ("agressivite_personnel", 2.5), ("demande_mediation", 4), ("sante_crise", 1.5), ("autre", 3),
    ("probleme_technique", 19), ("demande_intervention", 5), ("information", 4),
)  # fmt: skip
CHANNELS_IN = ((AlertChannel.COURRIEL, 45), (AlertChannel.TELEPHONE, 35), (AlertChannel.COURRIER, 12),
                (AlertChannel.REUNION, 5), (AlertChannel.AUTRE, 3))  # fmt: skip
CHANNELS_OUT = ((AlertChannel.COURRIEL, 60), (AlertChannel.COURRIER, 25), (AlertChannel.TELEPHONE, 15))
# Households the current user coordinates: share given a recent open alert (the inbox "mine" filter).
ACTOR_OPEN_ALERT_SHARE = 0.6
# Rent debts: share of the households with arrears whose arrears became a recorded debt, share with a plan.
DEBT_SHARE = 0.62
PLAN_SHARE = 0.6
EARLY_PROCEDURE_SHARE = 0.08  # debts of two months or more that start a procedure stopping before the court
RECURRENCE_SHARE = 0.35  # a new alert of the same type within six months of the last one is linked to it
RECURRENCE_DAYS = 183

_I = AlertSeverity.INFORMATION
_M = AlertSeverity.MODEREE
_E = AlertSeverity.ELEVEE
_U = AlertSeverity.URGENTE


@dataclass(frozen=True)
class Behaviour:
    """How alerts of one type are handled."""

    resolve_days: tuple[int, int]  # from the first action to the resolution
    escalation: float
    actions: tuple[tuple[AlertActionKind, float], ...]
    severities: tuple[tuple[AlertSeverity, float], ...]
    descriptions: tuple[str, ...]
    outcomes: tuple[str, ...]


BEHAVIOURS: dict[str, Behaviour] = {
    "impaye": Behaviour(
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
    "trouble_voisinage": Behaviour(
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
    "defaut_entretien": Behaviour(
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
    "perte_contact": Behaviour(
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
    "agressivite_personnel": Behaviour(
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
    "procedure_engagee": Behaviour(
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
    "sante_crise": Behaviour(
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
    "demande_mediation": Behaviour(
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
    "autre": Behaviour(
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
    "probleme_technique": Behaviour(
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
    "demande_intervention": Behaviour(
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
    "information": Behaviour(
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
ACTION_NOTES = {
    K.VISITE: ("Visite à domicile avec le ménage au sujet du signalement.", "Passage au logement."),
    K.APPEL: ("Appel au ménage pour faire le point.", "Échange téléphonique avec le bailleur."),
    K.MEDIATION: ("Rencontre tripartite bailleur, ménage et association.", "Médiation avec le voisinage."),
    K.DEMANDE_FSL: ("Dossier FSL maintien déposé.", "Demande d'aide du FSL pour la dette locative."),
    K.SAISINE_CCAPEX: ("Saisine de la CCAPEX.",),
    K.PLAN_APUREMENT: ("Plan d'apurement préparé avec le ménage et proposé au bailleur.",),
    K.RELANCE_BAILLEUR: ("Relance du bailleur sur l'intervention attendue.", "Relance par courriel."),
    K.AUTRE: ("Courrier au ménage avec les coordonnées du référent.", "Point en équipe."),
}
MEDIATION_AGREEMENTS = (
    "Le ménage reprend le paiement du loyer courant et verse {amount} de plus chaque mois ; le bailleur suspend "
    "les relances.",
    "Le ménage s'engage à limiter le bruit après 22 h ; le gardien prévient l'association en cas de nouvelle plainte.",
    "Un dossier FSL est déposé cette semaine ; le bailleur attend la décision avant toute suite contentieuse.",
    "Le bailleur programme l'intervention demandée ; le ménage sera présent pour ouvrir le logement.",
    "Le ménage accepte une visite mensuelle de l'association ; le bailleur est informé de chaque avancée.",
)
MEDIATION_GUESTS = ("Le gardien de l'immeuble", "Un voisin de palier", "Une interprète", "La conseillère du CCAS")
ACK_NOTES_IN = ("", "", "Accusé de réception envoyé au bailleur.", "Référent informé.")
ACK_NOTES_OUT = ("Le bailleur a accusé réception.", "Prise en compte confirmée par la gestion locative.")
JOINT_ACK_NOTE = "Pris en compte avec la première action"
BACK_NOTE = "Retour en traitement après l'instance."
VOID_REASONS = (
    "Doublon d'une alerte déjà enregistrée.",
    "Signalement concernant un autre logement.",
    "Alerte enregistrée par erreur.",
)
DROPPED_REASONS = (
    "Le ménage a quitté le logement.",
    "Le bailleur a retiré son signalement.",
    "Situation réglée directement entre le bailleur et le ménage.",
)
ESCALATION_TARGETS = {
    "N1": ("Chef de service et CESF du bailleur", "Chef de service et référent du bailleur"),
    "N2": ("Plateforme de prévention des expulsions", "Comité technique", "Responsable d'agence du bailleur"),
    "N3": ("CCAPEX",),
}
ESCALATION_TARGETS_OUT = {
    "N1": ("Chef de service et gestion locative du bailleur",),
    "N2": ("Responsable d'agence du bailleur",),
    "N3": ("Responsable d'agence du bailleur",),
}
ESCALATION_LEVELS = {"impaye": ((0, 40), (1, 45), (2, 15)), "procedure_engagee": ((1, 40), (2, 60))}
ESCALATION_LEVELS_DEFAULT = ((0, 65), (1, 33), (2, 2))
LEVELS = ("N1", "N2", "N3")
EXTRA_ACTIONS = ([0, 1, 2, 3], [50.0, 80.0, 95.0, 100.0])  # actions after the first one (cumulative weights)
PLAN_BREAK_DESCRIPTION = "Plan d'apurement non respecté : échéances impayées ({amount})."
MONTHS = ("un mois", "deux mois", "trois mois", "quatre mois", "cinq mois", "six mois")

# Repayment plans: payment habits (on time, partial, late; the rest missed), by weight.
HABITS = (((0.92, 0.02, 0.04), 60), ((0.74, 0.06, 0.10), 30), ((0.50, 0.08, 0.14), 10))
DOOMED_HABIT = (0.35, 0.1, 0.1)
PLAN_NOTES = ("Plan signé avec le bailleur et le ménage.", "Plan validé en commission FSL.", "")
DEBT_NOTES = ("Décompte du bailleur.", "Dette locative au dernier avis d'échéance.", "")
PAYMENT_NOTES = ("", "", "", "Virement", "Prélèvement", "Paiement à l'agence")
ENERGY_DEBT_SHARE = 0.1
ENERGY_CREDITOR = "Fournisseur d'énergie"

# Procedures: days between stages (shortest, longest), in order.
STAGE_GAPS = {
    G.RELANCES: (15, 45),
    G.PRECONTENTIEUX: (30, 90),
    G.COMMANDEMENT_DE_PAYER: (30, 75),
    G.ASSIGNATION: (45, 150),
    G.AUDIENCE: (45, 120),
    G.RESILIATION: (20, 60),
}
EARLY_STOPS = ((G.RELANCES, 30), (G.PRECONTENTIEUX, 30), (G.COMMANDEMENT_DE_PAYER, 15), (G.ASSIGNATION, 12),
                (G.AUDIENCE, 13))  # fmt: skip
STAGE_NOTES = {
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
SUSPENSION_NOTES = {
    SuspensionGround.PLATEFORME: "Situation examinée en plateforme de prévention.",
    SuspensionGround.PROTOCOLE: "Protocole tripartite en préparation.",
    SuspensionGround.PLAN_RESPECTE: "Le bailleur suspend tant que le plan est respecté.",
    SuspensionGround.MEDIATION: "Médiation en cours.",
    SuspensionGround.DELAIS_JUGE: "Délais de paiement accordés.",
    SuspensionGround.TREVE_HIVERNALE: "Trêve hivernale.",
    SuspensionGround.AUTRE: "",
}
PROCEDURE_NOTES = ("", "", "Suivi avec la juriste de l'association.", "Dossier suivi avec la CESF du bailleur.")
HOUSED_AFTER = frozenset({"mutation", "relogement", "acces_logement"})
