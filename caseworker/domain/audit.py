"""What the audit log records, and how the household file names it in French."""

from __future__ import annotations

from enum import Enum

from caseworker.domain.debrief import DECISION_LABELS


class AuditAction(str, Enum):
    """What happened."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    VIEW = "view"
    EXPORT = "export"
    UNLOCK = "unlock"
    UNLOCK_FAILED = "unlock_failed"
    REKEY = "rekey"
    BACKUP = "backup"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"


ACTION_LABELS = {
    AuditAction.CREATE: "Création",
    AuditAction.UPDATE: "Modification",
    AuditAction.DELETE: "Suppression",
    AuditAction.VIEW: "Consultation",
    AuditAction.EXPORT: "Export",
    AuditAction.UNLOCK: "Ouverture de la base",
    AuditAction.UNLOCK_FAILED: "Échec d'ouverture",
    AuditAction.REKEY: "Changement de clé",
    AuditAction.BACKUP: "Sauvegarde",
    AuditAction.LOGIN: "Connexion",
    AuditAction.LOGIN_FAILED: "Échec de connexion",
}
"""Each action as the history shows it."""

ENTITY_LABELS = {
    "household": "ménage",
    "person": "personne",
    "membership": "composition",
    "occupancy": "situation de logement",
    "dwelling": "logement",
    "consent": "consentement",
    "document": "pièce jointe",
    "organisation": "organisation",
    "partner_contact": "contact partenaire",
    "staff_member": "professionnel",
    "staff_credential": "code personnel",
    "session": "session",
    "database": "base",
    "setting": "paramètre",
    "measure": "dispositif",
    "episode": "accompagnement",
    "episode_transition": "étape de l'accompagnement",
    "intensity_period": "intensité",
    "suspension": "suspension",
    "extension": "prolongation",
    "objective": "objectif",
    "episode_review": "bilan",
    "exit_record": "sortie",
    "team_membership": "équipe",
    "contact": "contact",
    "task": "tâche",
    "debrief_note": "note de débrief",
    "contract": "contrat",
    "contract_version": "version du contrat",
    "contract_signatory": "signature",
    "contract_template": "modèle de contrat",
    "disclosure": "transmission à un partenaire",
    "household_summary": "résumé remis au ménage",
    "letterhead": "en-tête",
    "alert": "alerte",
    "alert_action": "action sur une alerte",
    "alert_mediation": "médiation tripartite",
    "debt": "dette",
    "repayment_plan": "plan d'apurement",
    "payment": "paiement",
    "legal_procedure": "procédure d'expulsion",
    "procedure_stage": "étape de la procédure",
    "procedure_suspension": "suspension de la procédure",
    "meeting_type": "type de réunion",
    "meeting": "réunion",
    "meeting_item": "point de réunion",
    "meeting_decision": "décision de réunion",
    "glissement_review": "revue du glissement",
}
"""What an event is about (its ``entity_type``), in the words of the history."""

FIELD_LABELS = {
    "household_present": "ménage présent",
    "household_view": "parole du ménage",
    "decided_on": "date de la décision",
    "postponed_to": "nouvelle date",
    "new_occupancy_id": "bail direct",
    "planned_on": "date prévue",
    "regular_payment": "paiement régulier",
    "debt_settled": "dette soldée ou plan respecté",
    "household_wish": "souhait du ménage",
    "insurance": "assurance",
    "attendees": "participants",
    "items": "ordre du jour",
    "minutes": "compte rendu",
    "label": "intitulé",
    "cadence_months": "périodicité",
    "household_attends": "présence du ménage",
    "members": "membres",
    "first_name": "prénom",
    "last_name": "nom",
    "pseudonym": "pseudonyme",
    "birth_year": "année de naissance",
    "administrative_status_id": "statut administratif",
    "administrative_status_deadline": "échéance du titre",
    "phone": "téléphone",
    "email": "courriel",
    "composition_type_id": "composition",
    "pet_count": "nombre d'animaux",
    "pets_note": "animaux",
    "situation_before_entry_id": "situation avant l'entrée",
    "referral_source_id": "prescripteur",
    "siao_reference": "référence SIAO",
    "numero_unique": "numéro unique",
    "numero_unique_expires_on": "fin de validité du numéro unique",
    "start_date": "date de début",
    "end_date": "date de fin",
    "end_reason": "motif du départ",
    "status": "statut",
    "name": "nom",
    "address": "adresse",
    "is_coordinator": "coordination",
    "role_id": "rôle",
    "text": "texte",
    "theme_id": "thème",
    "owner": "porteur",
    "next_review_on": "prochain bilan",
    "last_reviewed_on": "dernier bilan",
    "review_date": "date de revue",
    "note": "remarque",
    "note_class": "confidentialité de la note",
    "occurred_at": "date et heure",
    "duration_minutes": "durée",
    "type_id": "type",
    "outcome_id": "issue",
    "off_hours": "hors horaires",
    "topics": "thèmes",
    "participants": "participants",
    "funders": "financeurs",
    "duration_policy": "règle de durée",
    "duration_months": "durée en mois",
    "max_extensions": "nombre de prolongations",
    "suspended_days_count": "jours suspendus comptés",
    "caseload_target": "cible de file active",
    "levels": "niveaux d'intensité",
    "staff_member_id": "professionnel",
    "partner_contact_id": "contact partenaire",
    "level_id": "niveau d'intensité",
    "reason": "motif",
    "no_follow_up_reason_id": "motif sans suite",
    "is_national": "portée nationale",
    "target_public": "public visé",
    "review_start_months": "bilan d'entrée",
    "review_end_months": "bilan de fin",
    "review_every_months": "bilans périodiques",
    "active": "actif",
    "signed_on": "date de signature",
    "signed_place": "lieu de signature",
    "signed_how": "mode de signature",
    "ended_on": "date de fin",
    "end_status": "fin",
    "logo": "logo",
    "settled_on": "date de solde",
    "outcome": "issue",
    "amount_cents": "montant",
    "as_of": "date de la dette",
    "print": "impression",
    "file": "fichier",
    "impression": "impression",
    "fichier": "fichier",
    "remise": "remise en main propre",
    "courrier": "courrier",
    "courriel": "courriel",
    **{kind.value: label.lower() for kind, label in DECISION_LABELS.items()},
}
"""The names of changed fields (and of disclosure channels, and of a meeting decision's kind) as the history lists
them."""
