"""The data the support of demo households is drawn from: weights, durations and French phrasings.

Constant tables only (no code): how often each status, measure, level, suspension, exit and topic occurs, how
long things last, and the sentences a caseworker would write. The planners of this package read them; changing
a weight or a sentence here changes the generated data (and the pinned checksums of
``tests/demo/test_fingerprint.py``), nothing else.
"""

from __future__ import annotations

from dateutil.relativedelta import relativedelta

from caseworker.domain import EpisodeStatus, NoteClass, ObjectivesMet, ObjectiveStatus, Party

S = EpisodeStatus
WAITING = (S.ORIENTATION_RECUE, S.EN_ATTENTE, S.ACCORD_DE_PRINCIPE)

# Status of each household's current episode (docs/domain.md §3.1): most are running, a few wait, some ended.
STATUS_MIX = (
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
RUNNING_SHARE = 0.72

# Measure weights, adjusted by the household's situation before entry and its current occupancy status.
MEASURE_WEIGHTS = {
    "avdl": 24,
    "asll": 24,
    "iml_sous_location": 20,
    "chrs_hors_les_murs": 7,
    "logements_accompagnes": 8,
    "chez_soi_dabord": 10,
    "programme_local": 7,
}
MEASURE_BOOST = {
    "rue": {"chez_soi_dabord": 2.0},
    "squat": {"chez_soi_dabord": 2.0},
    "institution": {"chez_soi_dabord": 1.6, "chrs_hors_les_murs": 1.5},
    "locataire_menace": {"avdl": 2.0, "asll": 1.5, "iml_sous_location": 0.2, "chez_soi_dabord": 0.1},
    "sous_locataire": {"iml_sous_location": 2.5},
    "intermediaire": {"iml_sous_location": 2.0},
}
# The measure a concurrent episode is opened under, beside the household's main one.
COMPANION = {"iml_sous_location": "asll", "asll": "iml_sous_location", "avdl": "iml_sous_location"}
COMPANION_DEFAULT = "asll"

DAYS_PER_MONTH = 30.44
# Extension length for "max_plus_extension" measures, and how many to draw when the measure sets no limit.
NEGOTIATED_EXTENSION_MONTHS = 6
UNLIMITED_EXTENSIONS_DRAWN = 2

# Intensity: first level, how long each level lasts (days), what usually follows (docs/domain.md §3.1).
FIRST_LEVEL = (("renforce", 60), ("soutenu", 40))
LEVEL_DAYS = {"renforce": (45, 150), "soutenu": (60, 200), "standard": (60, 240), "veille": (60, 300)}
LEVEL_DAYS_HOUSING_FIRST = {"renforce": (90, 420), "soutenu": (120, 420), "standard": (60, 200), "veille": (45, 120)}
NEXT_LEVEL = {
    "renforce": (("soutenu", 1),),
    "soutenu": (("standard", 75), ("renforce", 25)),
    "standard": (("veille", 55), ("soutenu", 45)),
    "veille": (("standard", 70), ("soutenu", 30)),
}
NEXT_LEVEL_HOUSING_FIRST = {
    "renforce": (("soutenu", 1),),
    "soutenu": (("renforce", 50), ("standard", 50)),
    "standard": (("soutenu", 75), ("veille", 25)),
    "veille": (("soutenu", 60), ("standard", 40)),
}
LEVEL_ORDER = ("renforce", "soutenu", "standard", "veille")
LEVEL_REASONS = {
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
DECIDED_WHERE = ("Synthèse d'équipe", "Bilan avec le ménage", "COSI", "Debrief du matin")
FIRST_LEVEL_DECIDED_WHERE = "Commission d'admission"

# Extensions: why they were granted, and where.
EXTENSION_JUSTIFICATIONS = (
    "Objectifs logement en cours, prolongation validée.",
    "Glissement du bail en préparation.",
    "Dette en cours d'apurement, accompagnement à poursuivre.",
)
EXTENSION_DECIDED_WHERE = ("COSI", "Comité technique", "Synthèse d'équipe")

# Suspensions: reason, weight, shortest and longest (days).
SUSPENSIONS = (
    ("hospitalisation", 30, 7, 60),
    ("souhait_menage", 20, 14, 90),
    ("depart_temporaire", 15, 14, 60),
    ("incarceration", 12, 30, 180),
    ("perte_contact", 12, 21, 120),
    ("absence_prolongee", 8, 30, 120),
    ("autre", 3, 14, 60),
)
# Review date of a current suspension: usually a month after it began (docs/domain.md §3.1).
OPEN_SUSPENSION_REVIEWS = (relativedelta(months=1),) * 7 + (relativedelta(days=14),) * 2 + (relativedelta(months=2),)
SUSPENSION_NOTES = {
    "hospitalisation": "Reprise prévue à la sortie d'hospitalisation.",
    "souhait_menage": "Le ménage souhaite faire une pause ; point téléphonique prévu.",
    "depart_temporaire": "Séjour hors du département, retour annoncé.",
    "incarceration": "Lien maintenu avec le SPIP pendant la détention.",
    "perte_contact": "Plus de nouvelles malgré plusieurs passages ; veille avec le bailleur.",
    "absence_prolongee": "Absence prolongée du logement, bailleur informé.",
    "autre": "",
}

# Exit (docs/domain.md §3.1): reason, weight, possible destinations (occupancy status; None: unknown).
EXITS: tuple[tuple[str, int, tuple[str | None, ...]], ...] = (
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
EXIT_MET = {
    "logement_autonome": ObjectivesMet.OUI,
    "glissement": ObjectivesMet.OUI,
    "relogement": ObjectivesMet.OUI,
    "passage_relais": ObjectivesMet.PARTIELLEMENT,
    "duree_maximale": ObjectivesMet.PARTIELLEMENT,
}
# Exits during a suspension that often end it (the household never came back).
EXIT_SUSPENSION = {"incarceration": "incarceration", "hospitalisation": "hospitalisation",
                    "perte_contact": "perte_contact"}  # fmt: skip
WAIVED_EXITS = frozenset({"perte_contact", "deces", "depart_territoire", "oqtf", "refus_accompagnement", "radiation"})
WAIVERS = {
    "perte_contact": "Ménage injoignable : pas de relais possible.",
    "deces": "Décès de la personne.",
    "depart_territoire": "Départ hors du département sans nouvelle adresse.",
    "oqtf": "Départ du territoire, pas de relais possible.",
    "refus_accompagnement": "Le ménage ne souhaite pas de relais.",
    "radiation": "Fin décidée par le dispositif, relais refusé par le ménage.",
}
HANDOVER_SERVICES = {
    "ccas": "CCAS (conseillère en économie sociale et familiale)",
    "conseil_departemental": "Centre départemental d'action sociale",
    "sante": "CMP du secteur",
    "landlord": "Conseillère sociale du bailleur",
}
HANDOVER_NOTES = (
    "Rencontre à trois avec le ménage pour présenter le relais.",
    "Synthèse transmise avec l'accord du ménage.",
    "Premier rendez-vous pris avec le nouveau référent.",
)
NARRATIVES = (
    "",
    "",
    "Je me sens chez moi, je sais qui appeler si besoin.",
    "J'ai repris confiance, je gère mes papiers seul.",
    "Ça a été long mais le logement tient.",
    "Je préfère continuer avec l'assistante sociale du quartier.",
)
NO_FOLLOW_UP = (
    ("refus_commission", 20),
    ("refus_menage", 25),
    ("injoignable", 25),
    ("oriente_ailleurs", 20),
    ("deces", 3),
    ("autre", 7),
)

TRANSITION_REASONS = {
    S.ORIENTATION_RECUE: ("Orientation reçue du prescripteur.", "Fiche d'orientation reçue."),
    S.EN_ATTENTE: ("Dossier présenté, en attente de la commission d'admission.", "Inscrit sur la liste d'attente."),
    S.ACCORD_DE_PRINCIPE: ("Accord de la commission d'admission.", "Accord de principe donné en comité."),
    S.ACTIF: ("Début de l'accompagnement, référent coordinateur désigné.", "Premier rendez-vous, contrat signé."),
    S.CLOTURE: ("Sortie du dispositif, bilan de fin réalisé.", "Fin de l'accompagnement."),
    S.SANS_SUITE: ("Orientation classée sans suite.", "Pas d'entrée dans le dispositif."),
}
RESUME_REASON = "Reprise de l'accompagnement."
SUSPEND_REASON = "Suspension de l'accompagnement."
REFERRAL_NOTES = ("", "", "Orientation via la fiche SIAO.", "Demande transmise par le prescripteur.")

# Objectives in the household's own words, by theme.
OBJECTIVES = {
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
OBJECTIVE_OWNERS = ((Party.MENAGE, 75), (Party.ASSOCIATION, 15), (Party.BAILLEUR, 10))
OBJECTIVE_STATUS_RUNNING = (
    (ObjectiveStatus.EN_COURS, 60),
    (ObjectiveStatus.ATTEINT, 20),
    (ObjectiveStatus.PARTIEL, 12),
    (ObjectiveStatus.ABANDONNE, 8),
)
OBJECTIVE_STATUS_ENDED = (
    (ObjectiveStatus.ATTEINT, 45),
    (ObjectiveStatus.PARTIEL, 35),
    (ObjectiveStatus.ABANDONNE, 20),
)
REVIEW_NOTES = ("Bilan fait avec le ménage.", "Bilan en présence du ménage et du bailleur.", "")

# Topics: how often each is a household's concern (a household has a few of them).
TOPIC_WEIGHTS = (
    ("budget_dettes", 14), ("acces_droits", 14), ("installation", 10), ("vie_quotidienne", 10), ("sante", 8),
    ("recherche_logement", 8), ("droits_devoirs_locataire", 6), ("sante_mentale", 6), ("energie", 5),
    ("lien_social", 5), ("emploi_formation", 4), ("parentalite", 3), ("addictions", 3), ("voisinage", 2),
    ("loisirs", 2), ("justice", 1), ("mesure_protection", 1),
)  # fmt: skip
HEALTH_TOPICS = frozenset({"sante", "sante_mentale", "addictions"})
TOPICS_PER_CONTACT = (5, 30, 36, 29)  # weights of 0, 1, 2, 3 topics

# Contact notes: generic sentences, never a name.
NOTES_BY_TOPIC = {
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
NOTES_GENERAL = ("Point sur la situation.", "Nouvelles prises, rien de particulier.", "Visite de suivi.")
NOTES_SMS = ("Rappel du rendez-vous par message.", "Message pour prendre des nouvelles.")
NOTES_FAILED = (
    "Passage sans réponse, mot laissé dans la boîte aux lettres.",
    "Message laissé sur le répondeur.",
    "Porte close, repasser en fin de journée.",
    "Pas de réponse, voir avec le gardien.",
    "Absent au rendez-vous, nouveau passage prévu.",
)
NOTES_CANCELLED = ("Rendez-vous annulé, à reprogrammer.", "Rendez-vous reporté à la semaine prochaine.")

# Contact types (weights) and what a contact of that type lasts (minutes; None: not counted).
CONTACT_TYPES = (
    ("visite_domicile", 36), ("telephone", 22), ("sms", 12), ("entretien_bureau", 12), ("accompagnement", 10),
    ("rencontre_exterieure", 3), ("accueil_sans_rdv", 2), ("courrier", 1), ("seance_collective", 1),
    ("reunion_partenaire", 1),
)  # fmt: skip
DURATIONS: dict[str, tuple[int, int] | None] = {
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
REMOTE_TYPES = frozenset({"telephone", "sms", "courrier"})
ATTEMPT_TYPES = (("visite_domicile", 55), ("telephone", 30), ("sms", 15))
NOTE_CLASSES = (NoteClass.REFERENTS.name, NoteClass.EQUIPE.name, NoteClass.SANTE.name)

# Team roles by staff role; what kinds of other members a household's team has.
TEAM_ROLE_FOR_STAFF = {
    "travailleur_social": "referent_social",
    "travailleur_pair": "travailleur_pair",
    "infirmier": "referent_sante",
    "psychologue": "referent_sante",
    "juriste": "juriste",
}
MEMBER_KINDS = (("landlord", 30), ("peer", 25), ("health", 20), ("social", 15), ("lawyer", 5))
MEMBER_KINDS_HOUSING_FIRST = (("health", 40), ("peer", 30), ("landlord", 15), ("social", 15))
MEMBER_COUNTS = (35, 35, 20, 10)  # weights of 0, 1, 2, 3 other members
MEMBER_END_REASONS = ("Fin de l'intervention.", "Relais pris par un autre membre de l'équipe.")
COORDINATOR_CHANGE_REASONS = ("Changement de référent coordinateur.", "Départ de la professionnelle, relais assuré.")
SPELL_END_REASON = "Fin de l'accompagnement."
