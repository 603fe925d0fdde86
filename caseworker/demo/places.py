"""Places and organisations for the demo data: Breton towns with their real postcodes, fictitious partners.

Every organisation name ends with "(fictif)" so that a screenshot can never be mistaken for real records.
Telephone numbers use ranges the French regulator (Arcep) keeps for fiction (02 61 91 xx xx, 06 39 98 xx xx),
and e-mail addresses the reserved ``.example`` domain.
"""

from __future__ import annotations

from dataclasses import dataclass


def _comma_list(text: str) -> tuple[str, ...]:
    """Split a comma-separated list (kept as text so the data stays compact)."""
    return tuple(item.strip() for item in text.split(","))


DEPARTMENTS = {"22": "Côtes-d'Armor", "29": "Finistère", "35": "Ille-et-Vilaine", "56": "Morbihan"}


@dataclass(frozen=True)
class City:
    """A town where dwellings are found; ``weight`` is its share of the households."""

    name: str
    postcodes: tuple[str, ...]
    department: str
    weight: int


CITIES: tuple[City, ...] = (
    City("Rennes", ("35000", "35200", "35700"), "35", 300),
    City("Saint-Malo", ("35400",), "35", 30),
    City("Fougères", ("35300",), "35", 18),
    City("Vitré", ("35500",), "35", 14),
    City("Redon", ("35600",), "35", 10),
    City("Bruz", ("35170",), "35", 10),
    City("Cesson-Sévigné", ("35510",), "35", 8),
    City("Saint-Jacques-de-la-Lande", ("35136",), "35", 12),
    City("Chantepie", ("35135",), "35", 6),
    City("Brest", ("29200",), "29", 110),
    City("Quimper", ("29000",), "29", 45),
    City("Morlaix", ("29600",), "29", 15),
    City("Landerneau", ("29800",), "29", 8),
    City("Concarneau", ("29900",), "29", 8),
    City("Quimperlé", ("29300",), "29", 6),
    City("Saint-Brieuc", ("22000",), "22", 50),
    City("Lannion", ("22300",), "22", 12),
    City("Dinan", ("22100",), "22", 12),
    City("Guingamp", ("22200",), "22", 10),
    City("Plérin", ("22190",), "22", 6),
    City("Lorient", ("56100",), "56", 50),
    City("Vannes", ("56000",), "56", 45),
    City("Lanester", ("56600",), "56", 15),
    City("Hennebont", ("56700",), "56", 6),
    City("Pontivy", ("56300",), "56", 10),
    City("Auray", ("56400",), "56", 6),
    City("Ploërmel", ("56800",), "56", 4),
)

STREETS = _comma_list(
    "rue Jean Jaurès, rue Victor Hugo, rue de la République, boulevard de la Liberté, rue des Lilas, allée "
    "des Tilleuls, rue Pasteur, rue Jules Ferry, avenue Pierre Mendès France, rue Louise Michel, rue Simone "
    "Veil, rue Gambetta, square Jean Moulin, rue du Moulin, impasse des Ajoncs, rue des Genêts, rue de "
    "Brocéliande, allée de Kerivoal, rue Anatole Le Braz, rue Théodore Botrel, boulevard de l'Océan, rue de "
    "l'Abbé Pierre, rue des Hortensias, rue du Stade, rue de la Gare, rue des Mouettes, avenue de la "
    "Libération, rue Marcel Cachin, allée des Camélias, rue du Port, place du Marché, rue Saint-Exupéry, rue "
    "Colette, rue des Écoles, rue de Keranroux, rue Paul Éluard, rue Lucie Aubrac, boulevard Clemenceau, rue "
    "des Glénan, allée Per-Jakez Hélias, rue de Kerzu, rue des Acacias, rue de la Chalotais, rue du Docteur "
    "Roux, rue Ambroise Croizat, avenue des Champs Blancs, rue Jacques Prévert, rue Georges Brassens, rue de "
    "Lorient, rue de Vannes, rue de Brest, rue de Nantes"
)

# Notes a landlord or a worker would write about a dwelling (most dwellings have none).
DWELLING_NOTES: tuple[str, ...] = (
    "Rez-de-chaussée, accessible en fauteuil.",
    "Chien accepté par le bailleur.",
    "3e étage sans ascenseur.",
    "Chauffage individuel gaz, compteur à relever.",
    "Proche arrêt de bus et commerces.",
    "Logement rénové (isolation, fenêtres) en 2021.",
    "Petite cour privative.",
    "Cave et place de parking.",
)


@dataclass(frozen=True)
class OrganisationSeed:
    """A fictitious organisation: name, kind code, departments it covers and its contacts' roles.

    ``contact_roles`` lists the partner-role codes of its contacts; the first one is the referent.
    """

    name: str
    kind: str
    departments: tuple[str, ...]
    territory: str
    domain: str
    contact_roles: tuple[str, ...] = ()


ALL = ("22", "29", "35", "56")

LANDLORDS: tuple[OrganisationSeed, ...] = (
    OrganisationSeed(
        "Rennes Habitat Solidaire (fictif)",
        "bailleur_social",
        ("35",),
        "Rennes Métropole",
        "rennes-habitat-solidaire.example",
        ("cesf", "gestion_locative", "proximite", "contentieux"),
    ),
    OrganisationSeed(
        "Ille-et-Vilaine Logis (fictif)",
        "bailleur_social",
        ("35",),
        "Ille-et-Vilaine",
        "ille-et-vilaine-logis.example",
        ("gestion_locative", "cesf", "proximite", "contentieux"),
    ),
    OrganisationSeed(
        "Armor Toits Partagés (fictif)",
        "bailleur_social",
        ("22",),
        "Côtes-d'Armor",
        "armor-toits.example",
        ("cesf", "gestion_locative", "proximite", "contentieux"),
    ),
    OrganisationSeed(
        "Brest Océane Habitat (fictif)",
        "bailleur_social",
        ("29",),
        "Brest métropole",
        "brest-oceane-habitat.example",
        ("cesf", "gestion_locative", "proximite", "contentieux", "responsable_agence"),
    ),
    OrganisationSeed(
        "Cornouaille Logement Social (fictif)",
        "bailleur_social",
        ("29",),
        "Finistère",
        "cornouaille-logement.example",
        ("gestion_locative", "cesf", "contentieux"),
    ),
    OrganisationSeed(
        "Logis du Scorff (fictif)",
        "bailleur_social",
        ("56",),
        "Pays de Lorient",
        "logis-du-scorff.example",
        ("cesf", "gestion_locative", "proximite", "contentieux"),
    ),
    OrganisationSeed(
        "Golfe Habitat Social (fictif)",
        "bailleur_social",
        ("56",),
        "Vannes et golfe du Morbihan",
        "golfe-habitat.example",
        ("gestion_locative", "cesf", "proximite"),
    ),
    OrganisationSeed(
        "Foyer Breton Hlm (fictif)",
        "bailleur_social",
        ALL,
        "Bretagne",
        "foyer-breton-hlm.example",
        ("cesf", "gestion_locative", "contentieux", "membre_cal"),
    ),
    OrganisationSeed(
        "AIS Bretagne Solidaire (fictif)",
        "ais",
        ALL,
        "Bretagne",
        "ais-bretagne-solidaire.example",
        ("gestion_locative", "cesf"),
    ),
    OrganisationSeed(
        "SCI Les Tilleuls (fictif)",
        "bailleur_prive",
        ("35",),
        "Rennes",
        "sci-tilleuls.example",
        ("gestion_locative",),
    ),
    OrganisationSeed(
        "Indivision Le Bihan (fictif)",
        "bailleur_prive",
        ("35",),
        "Saint-Malo",
        "indivision-lebihan.example",
        ("gestion_locative",),
    ),
    OrganisationSeed(
        "SCI Kerlann (fictif)",
        "bailleur_prive",
        ("29",),
        "Brest",
        "sci-kerlann.example",
        ("gestion_locative",),
    ),
    OrganisationSeed(
        "M. et Mme Le Goff (fictif)",
        "bailleur_prive",
        ("22",),
        "Saint-Brieuc",
        "famille-legoff.example",
        ("gestion_locative",),
    ),
    OrganisationSeed(
        "Mme Rolland (fictif)",
        "bailleur_prive",
        ("56",),
        "Lorient",
        "rolland-location.example",
        ("gestion_locative",),
    ),
)

PARTNERS: tuple[OrganisationSeed, ...] = (
    OrganisationSeed(
        "SIAO d'Ille-et-Vilaine (fictif)",
        "siao",
        ("35",),
        "Ille-et-Vilaine",
        "siao35.example",
        ("autre", "direction"),
    ),
    OrganisationSeed("CCAS de Rennes (fictif)", "ccas", ("35",), "Rennes", "ccas-rennes.example", ("cesf", "autre")),
    OrganisationSeed("CCAS de Brest (fictif)", "ccas", ("29",), "Brest", "ccas-brest.example", ("cesf",)),
    OrganisationSeed(
        "Conseil départemental d'Ille-et-Vilaine (fictif)",
        "conseil_departemental",
        ("35",),
        "Ille-et-Vilaine",
        "cd35.example",
        ("autre", "direction"),
    ),
    OrganisationSeed(
        "DDETS d'Ille-et-Vilaine (fictif)",
        "etat",
        ("35",),
        "Ille-et-Vilaine",
        "ddets35.example",
        ("direction",),
    ),
    OrganisationSeed("CAF d'Ille-et-Vilaine (fictif)", "caf", ("35",), "Ille-et-Vilaine", "caf35.example", ("autre",)),
    OrganisationSeed(
        "CCAPEX d'Ille-et-Vilaine (fictif)",
        "ccapex",
        ("35",),
        "Ille-et-Vilaine",
        "ccapex35.example",
        ("autre",),
    ),
    OrganisationSeed("CMP Rennes Centre (fictif)", "sante", ("35",), "Rennes", "cmp-rennes.example", ("autre",)),
    OrganisationSeed("CSAPA L'Escale (fictif)", "sante", ("35",), "Rennes", "csapa-escale.example", ("autre",)),
    OrganisationSeed(
        "SPIP d'Ille-et-Vilaine (fictif)", "justice", ("35",), "Ille-et-Vilaine", "spip35.example", ("autre",)
    ),
)

OWN_ASSOCIATION = OrganisationSeed(
    "Association Un Toit d'Abord (fictif)", "association", ALL, "Bretagne", "untoitdabord.example"
)
PARTNER_ASSOCIATIONS: tuple[OrganisationSeed, ...] = (
    OrganisationSeed("Collectif Pairs et Rue (fictif)", "association", ("35",), "Rennes", "pairs-et-rue.example"),
    OrganisationSeed(
        "Association Soins et Logement (fictif)",
        "association",
        ("35", "29"),
        "Rennes et Brest",
        "soins-logement.example",
    ),
)

# Own staff: (staff-role code, FTE percent). Partner associations lend two people each to the team.
OWN_STAFF: tuple[tuple[str, int], ...] = (
    ("chef_service", 100),
    ("travailleur_social", 100),
    ("travailleur_social", 100),
    ("travailleur_social", 80),
    ("travailleur_social", 100),
    ("travailleur_social", 90),
    ("travailleur_social", 100),
    ("travailleur_social", 50),
    ("travailleur_social", 80),
    ("travailleur_social", 100),
    ("travailleur_pair", 50),
    ("travailleur_pair", 60),
    ("infirmier", 80),
    ("psychologue", 50),
    ("juriste", 60),
)
PARTNER_STAFF: tuple[tuple[tuple[str, int], ...], ...] = (
    (("travailleur_pair", 70), ("travailleur_pair", 50)),
    (("infirmier", 100), ("psychologue", 60)),
)
