"""Names for the demo data: the diversity of the people supported in French cities, and of the teams.

Names are grouped by origin so that a family reads as a family (a Diallo household has Fatoumata and Mamadou;
children may carry names common among French children of their generation). French first names depend on the
generation: a woman born in 1962 is more likely a Françoise than an Océane. Every name here is common; none
refers to a real person. Lists are written as comma-separated text to stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass


def _names(text: str) -> tuple[str, ...]:
    """Split a comma-separated list of names."""
    return tuple(name.strip() for name in text.split(","))


def _weights(text: str) -> tuple[tuple[str, int], ...]:
    """Read "code weight, code weight" pairs."""
    pairs = (item.split() for item in text.split(","))
    return tuple((code, int(weight)) for code, weight in pairs)


# French first names by generation: born up to 1970, 1971–1985, 1986–2007, and children born from 2008.
GENERATION_LIMITS = (1970, 1985, 2007)
FRENCH_WOMEN_BY_GENERATION: tuple[tuple[str, ...], ...] = (
    _names(
        "Françoise, Martine, Sylvie, Catherine, Brigitte, Nathalie, Isabelle, Chantal, Monique, Dominique, "
        "Hélène, Annick, Maryvonne, Nicole, Véronique, Josiane, Marie-Thérèse, Odile"
    ),
    _names(
        "Stéphanie, Sandrine, Céline, Aurélie, Virginie, Sophie, Karine, Émilie, Audrey, Élodie, Laëtitia, "
        "Séverine, Gwenaëlle, Nolwenn, Delphine, Valérie, Cécile, Anne-Sophie"
    ),
    _names(
        "Anaïs, Océane, Manon, Laura, Pauline, Camille, Marine, Justine, Mélanie, Jessica, Morgane, "
        "Charlotte, Léa, Chloé, Clémence, Maëlle, Élise, Coralie, Sarah, Mélissa"
    ),
    _names(
        "Léa, Chloé, Zoé, Emma, Jade, Louise, Inès, Lina, Alice, Mila, Rose, Anna, Ambre, Léna, Lou, Nina, "
        "Maëlys, Célia, Romane, Lilou, Clémence, Agathe"
    ),
)
FRENCH_MEN_BY_GENERATION: tuple[tuple[str, ...], ...] = (
    _names(
        "Jean-Pierre, Patrick, Philippe, Alain, Michel, Jean-Luc, Éric, Gérard, Thierry, Christian, Daniel, "
        "Yannick, Joël, Bernard, Pascal, Hervé, René, Jean-Yves"
    ),
    _names(
        "Sébastien, Nicolas, Jérôme, Frédéric, Cédric, Julien, Stéphane, Mickaël, Ludovic, Grégory, Fabrice, "
        "Guillaume, Loïc, Erwan, Arnaud, Benoît, Gaël, Yann"
    ),
    _names(
        "Kévin, Anthony, Dylan, Maxime, Florian, Quentin, Jordan, Romain, Thomas, Alexandre, Valentin, "
        "Jérémy, Corentin, Gaëtan, Bastien, Steven, Aurélien, Mathieu, Killian"
    ),
    _names(
        "Noé, Mathéo, Gabriel, Léo, Raphaël, Louis, Jules, Adam, Hugo, Arthur, Nathan, Timéo, Sacha, Ethan, "
        "Enzo, Lucas, Aaron, Malo, Titouan, Évan, Loévan, Maël"
    ),
)


@dataclass(frozen=True)
class Origin:
    """A group of names that go together, and the administrative statuses usual among its adults.

    Empty first-name tuples mean "French first names of the person's generation" (families long settled in
    France, overseas départements). Statuses are (code, relative weight) pairs.
    """

    key: str
    weight: int
    surnames: tuple[str, ...]
    women: tuple[str, ...] = ()
    men: tuple[str, ...] = ()
    girls: tuple[str, ...] = ()
    boys: tuple[str, ...] = ()
    statuses: tuple[tuple[str, int], ...] = (("francais", 93), ("inconnu", 7))


ORIGINS: tuple[Origin, ...] = (
    Origin(
        "france",
        470,
        _names(
            "Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent, "
            "Lefèvre, Michel, David, Bertrand, Roux, Vincent, Fournier, Morel, Girard, Bonnet, Dupont, "
            "Lambert, Fontaine, Rousseau, Mercier, Blanc, Guérin, Faure, André, Chevalier, François, "
            "Legrand, Gauthier, Perrin, Robin, Clément, Morin, Henry, Roussel, Mathieu, Masson, Marchand, "
            "Duval, Denis, Lemaire, Noël, Meunier, Brun, Barbier, Lemoine, Renaud, Aubert, Giraud, Caron, "
            "Huet, Carpentier, Hervé, Rolland, Lebreton, Le Goff, Le Gall, Le Bihan, Le Roux, Tanguy, Le "
            "Floch, Guillou, Le Meur, Jaouen, Cadiou, Le Guen, Quéméner, Le Cornec, Morvan, Riou, Le Bris, "
            "Prigent, Hamon, Even, Le Corre, Salaün, Le Du, Le Moal, Guézennec, Ollivier, Pichon, Gicquel, "
            "Lemée, Briand, Bouvier, Besnard, Hébert, Lecomte, Pelletier"
        ),
    ),
    Origin(
        "maghreb",
        160,
        _names(
            "Benali, Haddad, Belkacem, Bouzid, Mansouri, Cherif, Amrani, Saïdi, Boudjema, Ferhat, Meziane, "
            "Hamidi, Benyahia, Kaddouri, Rahmani, El Amrani, Ouali, Zerrouki, Bensalem, Tahiri, Brahimi, "
            "Lahlou, Naciri, Aït Ahmed, Boukhari, Messaoudi, Djebbar"
        ),
        women=_names(
            "Aïcha, Fatima, Samira, Nadia, Karima, Leïla, Malika, Naïma, Souad, Yasmina, Khadija, Salima, "
            "Farida, Amel, Nour, Hanane, Siham, Rachida, Zohra, Meriem"
        ),
        men=_names(
            "Youssef, Karim, Mohamed, Rachid, Mehdi, Sofiane, Nordine, Farid, Hakim, Samir, Abdelkader, "
            "Bilal, Mourad, Djamel, Mustapha, Ahmed, Saïd, Hichem, Walid, Khaled"
        ),
        girls=_names("Inès, Lina, Yasmine, Sarah, Nour, Sofia, Aya, Maïssa, Imane, Assia, Lyna"),
        boys=_names("Adam, Rayan, Ilyes, Yanis, Nassim, Ayoub, Amine, Ismaël, Wassim, Sami, Younes"),
        statuses=_weights("francais 55, titre_sejour 24, recepisse 5, aps 2, sans_titre 5, inconnu 9"),
    ),
    Origin(
        "afrique_ouest",
        100,
        _names(
            "Diallo, Traoré, N'Diaye, Diop, Camara, Sow, Keïta, Coulibaly, Konaté, Ba, Sylla, Cissé, Touré, "
            "Fofana, Bamba, Kouyaté, Sanogo, Diarra, Bah, Doumbia"
        ),
        women=_names(
            "Fatoumata, Aminata, Mariam, Awa, Kadiatou, Aïssatou, Fanta, Binta, Djeneba, Hawa, Oumou, "
            "Ramatoulaye, Coumba, Mariama, Nafissatou, Salimata"
        ),
        men=_names(
            "Mamadou, Ibrahim, Moussa, Ousmane, Abdoulaye, Seydou, Boubacar, Amadou, Souleymane, Lamine, "
            "Cheikh, Bakary, Modibo, Alpha, Idrissa, Mahamadou"
        ),
        girls=_names("Aminata, Fatou, Mariama, Khadija, Maïmouna, Awa, Inès, Aïssata, Kadidia"),
        boys=_names("Moussa, Ibrahima, Issa, Adama, Ismaël, Adam, Mamadou, Souleymane, Yacouba"),
        statuses=_weights(
            "francais 24, titre_sejour 25, recepisse 9, demandeur_asile 9, protection_internationale 12, "
            "aps 4, sans_titre 9, inconnu 8"
        ),
    ),
    Origin(
        "afrique_centrale",
        30,
        _names("Mbala, Kalonji, Lukusa, Mukendi, Nsimba, Tshibangu, Ilunga, Kasongo, Mabiala, Nkounkou"),
        women=_names("Grâce, Merveille, Esther, Divine, Prisca, Nadège, Ruth, Gloire, Sandrine"),
        men=_names("Junior, Serge, Blaise, Fiston, Héritier, Christian, Patrick, Trésor, Jonathan"),
        girls=_names("Grâce, Océane, Emmanuella, Sarah, Précieuse, Naomie"),
        boys=_names("Christ, Ethan, Nathan, Exaucé, Kylian, Josué"),
        statuses=_weights(
            "francais 25, titre_sejour 30, recepisse 10, demandeur_asile 10, protection_internationale 12, "
            "sans_titre 7, inconnu 6"
        ),
    ),
    Origin(
        "afghanistan",
        20,
        _names("Ahmadi, Hosseini, Rahimi, Karimi, Sultani, Noori, Azimi, Haidari, Safi, Popal"),
        women=_names("Zahra, Fatima, Mariam, Maryam, Shabnam, Nargis, Parwana"),
        men=_names("Ahmad, Mohammad, Abdul, Jawad, Ali, Omar, Hamid, Mustafa, Rahmatullah, Sayed"),
        girls=_names("Sana, Mariam, Yasna, Mahsa, Inès"),
        boys=_names("Ali, Mohammad, Yasin, Adam, Elyas"),
        statuses=_weights(
            "demandeur_asile 28, protection_internationale 45, recepisse 10, titre_sejour 10, sans_titre 7"
        ),
    ),
    Origin(
        "soudan",
        12,
        _names("Abdallah, Osman, Hassan, Yahia, Idriss, Abakar, Mahamat, Ishag"),
        women=_names("Amna, Hawa, Asha, Fatima, Halima"),
        men=_names("Abdelrahman, Osman, Yousif, Adam, Mohamed, Ismail, Abdelaziz, Suleiman"),
        girls=_names("Amira, Hawa, Sara"),
        boys=_names("Adam, Ismail, Omar"),
        statuses=_weights("demandeur_asile 35, protection_internationale 45, recepisse 10, aps 10"),
    ),
    Origin(
        "erythree",
        10,
        _names("Tesfay, Gebremedhin, Haile, Tekle, Kidane, Berhane, Habte, Woldu"),
        women=_names("Selam, Helen, Rahel, Senait, Yohanna, Freweini"),
        men=_names("Yonas, Dawit, Samuel, Filmon, Tesfalem, Merhawi, Robel, Kibrom"),
        girls=_names("Selam, Abigail, Lidya"),
        boys=_names("Nahom, Yonas, Abel"),
        statuses=_weights("demandeur_asile 30, protection_internationale 60, recepisse 10"),
    ),
    Origin(
        "roumanie",
        30,
        _names("Popescu, Ionescu, Popa, Stan, Dumitru, Constantin, Munteanu, Radu, Stoica, Lazăr"),
        women=_names("Ioana, Elena, Mihaela, Andreea, Florentina, Georgiana, Roxana, Maria"),
        men=_names("Andrei, Ion, Mihai, Florin, Marian, Gheorghe, Ionuț, Costel, Vasile"),
        girls=_names("Maria, Bianca, Denisa, Alesia, Léa"),
        boys=_names("David, Luca, Darius, Gabriel, Ionuț"),
        statuses=_weights("ue 90, inconnu 10"),
    ),
    Origin(
        "pologne",
        12,
        _names("Kowalski, Nowak, Wiśniewski, Wójcik, Kamiński, Lewandowski, Zieliński, Mazur"),
        women=_names("Agnieszka, Katarzyna, Magdalena, Anna, Ewa, Joanna, Małgorzata"),
        men=_names("Piotr, Tomasz, Marek, Krzysztof, Paweł, Grzegorz, Andrzej"),
        girls=_names("Zuzanna, Julia, Maja, Léna"),
        boys=_names("Jakub, Kacper, Szymon, Hugo"),
        statuses=_weights("ue 92, inconnu 8"),
    ),
    Origin(
        "caucase_balkans",
        20,
        _names("Beridze, Kapanadze, Hoxha, Berisha, Krasniqi, Gashi, Sargsyan, Hovhannisyan, Avdić"),
        women=_names("Nino, Tamar, Elira, Arta, Anahit, Lusine, Vjosa"),
        men=_names("Giorgi, Levan, Arben, Besnik, Armen, Tigran, Edon, Ilir"),
        girls=_names("Ani, Elina, Nina, Ariana"),
        boys=_names("Davit, Luka, Erion, Noé"),
        statuses=_weights("demandeur_asile 25, aps 10, titre_sejour 25, sans_titre 20, recepisse 10, inconnu 10"),
    ),
    Origin(
        "turquie",
        25,
        _names("Çelik, Yilmaz, Kaya, Demir, Şahin, Yildiz, Öztürk, Aydin, Arslan, Doğan, Koç"),
        women=_names("Ayşe, Emine, Zeynep, Elif, Fatma, Hatice, Meryem, Gülsüm, Songül"),
        men=_names("Mehmet, Mustafa, Ahmet, Ali, Hüseyin, Murat, Emre, Kemal, Serkan"),
        girls=_names("Elif, Zeynep, Ecrin, Azra, Eylül"),
        boys=_names("Yusuf, Eymen, Ömer, Emir, Kerem"),
        statuses=_weights("francais 50, titre_sejour 35, protection_internationale 5, inconnu 10"),
    ),
    Origin(
        "portugal",
        30,
        _names(
            "Da Silva, Dos Santos, Ferreira, Pereira, Rodrigues, Fernandes, Gonçalves, Lopes, Martins, "
            "Carvalho, De Oliveira, Teixeira, Moreira, Sousa, Da Costa, Mendes"
        ),
        women=_names("Maria, Ana, Sandra, Isabel, Cristina, Sónia, Paula, Fátima, Conceição"),
        men=_names("João, José, Manuel, António, Carlos, Paulo, Rui, Nuno, Luís, Fernando"),
        girls=_names("Beatriz, Inês, Léa, Lara, Emma"),
        boys=_names("Tiago, Rafael, Enzo, Diogo, Lucas"),
        statuses=_weights("francais 50, ue 45, inconnu 5"),
    ),
    Origin(
        "vietnam",
        12,
        _names("Nguyen, Tran, Le, Pham, Hoang, Vu, Dang, Bui, Do"),
        women=_names("Thi Lan, Thi Hoa, Mai, Linh, Huong, Thu Trang, Ngoc Anh"),
        men=_names("Van Minh, Duc, Thanh, Quang, Tuan, Van Hai, Minh Khoa"),
        statuses=_weights("francais 75, titre_sejour 20, inconnu 5"),
    ),
    Origin(
        "outre_mer",
        25,
        _names(
            "Payet, Hoarau, Grondin, Técher, Lebon, Boyer, Rivière, Jean-Baptiste, Alexis, Saint-Louis, "
            "Hippolyte, Joseph, Madi, Said Ali, Attoumani"
        ),
    ),
)

# Street nicknames: outreach teams sometimes know a person only by one (docs/domain.md §2: a pseudonym is allowed).
PSEUDONYMS_WOMEN = _names("Jo, la Bretonne, Mamie Jo, Zaza, Mimi, la Rousse, Fifi, Kiki, Lulu, Coco, Sissi, la Petite")
PSEUDONYMS_MEN = _names(
    "Jo, le Grand, Momo, Pépé, Dédé, le Suisse, Nono, Rico, Bébert, Tonton, le Chti, le Marin, Gégé, "
    "P'tit Louis, Nounours, le Belge, Bouboule, Polo, Titi, Fafa, Doudou"
)

# Professionals (staff and partner contacts), kept apart from the people supported.
STAFF_WOMEN = _names(
    "Claire, Gwenaëlle, Sophie, Marion, Aurélie, Nolwenn, Julie, Amandine, Élise, Solène, Camille, "
    "Anne-Laure, Hind, Fatou, Inès, Laure, Mathilde, Katell, Soizic, Nadia, Maud, Armelle"
)
STAFF_MEN = _names(
    "Thomas, Yann, Maxime, Erwan, Karim, Julien, Pierre-Yves, Antoine, Gaël, Mehdi, Romain, Ronan, Benoît, "
    "Samuel, Tanguy, Nicolas, Goulven, Brieuc"
)
STAFF_SURNAMES = _names(
    "Le Bris, Kervella, Guillemot, Lemoine, Boucher, Daniel, Le Gac, Texier, Fleury, Rault, Benhamou, "
    "Sissoko, Le Borgne, Chauvin, Poulain, Renaud, Quiniou, Lagadec, Corbel, Lucas, Jégou, Guégan, Bellec, "
    "Tessier, Moal, Lefeuvre, Ménard, Bouguennec, Nédélec, Aubry, Ouattara, Marzin, Hascoët, Pasquier"
)


def french_first_names(birth_year: int, *, woman: bool) -> tuple[str, ...]:
    """Return the French first names usual for someone born in ``birth_year``."""
    pools = FRENCH_WOMEN_BY_GENERATION if woman else FRENCH_MEN_BY_GENERATION
    for limit, pool in zip(GENERATION_LIMITS, pools, strict=False):
        if birth_year <= limit:
            return pool
    return pools[-1]
