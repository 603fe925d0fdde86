<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
    <context>
        <name>Application</name>
        <message>
            <source>The database was opened with the recovery key. Choose a new passphrase now in Settings → Change the key, so that the recovery key is not needed at every start.</source>
            <translation>La base a été ouverte avec la clé de secours. Choisissez dès maintenant une nouvelle phrase de passe dans Paramètres → Changer la clé, pour ne pas avoir besoin de la clé de secours à chaque ouverture.</translation>
        </message>
        <message>
            <source>In the system keyring ({backend})</source>
            <translation>Dans le trousseau du système ({backend})</translation>
        </message>
        <message>
            <source>Derived from a passphrase (asked at each start)</source>
            <translation>Tirée d'une phrase de passe (demandée à chaque ouverture)</translation>
        </message>
        <message>
            <source>none yet</source>
            <translation>aucune pour l'instant</translation>
        </message>
    </context>
    <context>
        <name>AuditTableModel</name>
        <message>
            <source>When</source>
            <translation>Quand</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Qui</translation>
        </message>
        <message>
            <source>What</source>
            <translation>Quoi</translation>
        </message>
        <message>
            <source>Fields</source>
            <translation>Champs</translation>
        </message>
    </context>
    <context>
        <name>ChangeKeyDialog</name>
        <message>
            <source>Change the database key</source>
            <translation>Changer la clé de la base</translation>
        </message>
        <message>
            <source>New random key kept in the system &amp;keyring</source>
            <translation>Nouvelle clé aléatoire gardée dans le &amp;trousseau du système</translation>
        </message>
        <message>
            <source>New &amp;passphrase</source>
            <translation>Nouvelle &amp;phrase de passe</translation>
        </message>
        <message>
            <source>Passphrase:</source>
            <translation>Phrase de passe :</translation>
        </message>
        <message>
            <source>Confirm:</source>
            <translation>Confirmation :</translation>
        </message>
        <message>
            <source>&amp;Next</source>
            <translation>&amp;Suivant</translation>
        </message>
        <message>
            <source>C&amp;hange the key</source>
            <translation>C&amp;hanger la clé</translation>
        </message>
        <message>
            <source>The key was changed. Keep the new recovery key; destroy the old one.</source>
            <translation>La clé a été changée. Conservez la nouvelle clé de secours ; détruisez l'ancienne.</translation>
        </message>
        <message>
            <source>The database is re-encrypted with a new key, and a new recovery key replaces the old one (destroy the old sheet). A backup is taken first.</source>
            <translation>La base est chiffrée de nouveau avec une nouvelle clé, et une nouvelle clé de secours remplace l'ancienne (détruisez l'ancienne feuille). Une sauvegarde est faite auparavant.</translation>
        </message>
        <message>
            <source>Re-encrypting the database and its backups…</source>
            <translation>Nouveau chiffrement de la base et de ses sauvegardes…</translation>
        </message>
        <message>
            <source>The key could not be changed</source>
            <translation>La clé n'a pas pu être changée</translation>
        </message>
    </context>
    <context>
        <name>ComingSoonPage</name>
        <message>
            <source>Coming soon.</source>
            <translation>Bientôt disponible.</translation>
        </message>
    </context>
    <context>
        <name>ConsentDecisionDialog</name>
        <message>
            <source>Record the signature</source>
            <translation>Enregistrer la signature</translation>
        </message>
        <message>
            <source>Record a refusal</source>
            <translation>Enregistrer un refus</translation>
        </message>
        <message>
            <source>Withdraw the consent</source>
            <translation>Retirer le consentement</translation>
        </message>
        <message>
            <source>Consent:</source>
            <translation>Consentement :</translation>
        </message>
        <message>
            <source>&amp;Date:</source>
            <translation>&amp;Date :</translation>
        </message>
        <message>
            <source>&amp;Expires on:</source>
            <translation>&amp;Expire le :</translation>
        </message>
        <message>
            <source>E&amp;vidence:</source>
            <translation>Pre&amp;uve :</translation>
        </message>
        <message>
            <source>&amp;Note:</source>
            <translation>&amp;Remarque :</translation>
        </message>
    </context>
    <context>
        <name>ConsentDialog</name>
        <message>
            <source>New consent</source>
            <translation>Nouveau consentement</translation>
        </message>
        <message>
            <source>New &amp;organisation…</source>
            <translation>Nouvel &amp;organisme…</translation>
        </message>
        <message>
            <source>Sharing housing-related information with the landlord (liaison sheet, alerts).</source>
            <translation>Transmission au bailleur des informations liées au logement (fiche navette, alertes).</translation>
        </message>
        <message>
            <source>&amp;Granted: the form is signed</source>
            <translation>&amp;Accordé : le formulaire est signé</translation>
        </message>
        <message>
            <source>Re&amp;quested: waiting for the signature</source>
            <translation>De&amp;mandé : en attente de signature</translation>
        </message>
        <message>
            <source>Re&amp;fused by the person</source>
            <translation>Re&amp;fusé par la personne</translation>
        </message>
        <message>
            <source>empty: {months} months after the signature</source>
            <translation>vide : {months} mois après la signature</translation>
        </message>
        <message>
            <source>Also valid during after-care</source>
            <translation>Valable aussi pendant l'après-accompagnement</translation>
        </message>
        <message>
            <source>&amp;Person:</source>
            <translation>&amp;Personne :</translation>
        </message>
        <message>
            <source>&amp;Recipient:</source>
            <translation>&amp;Destinataire :</translation>
        </message>
        <message>
            <source>Information &amp;shared:</source>
            <translation>Informations &amp;transmises :</translation>
        </message>
        <message>
            <source>P&amp;urpose:</source>
            <translation>Fi&amp;nalité :</translation>
        </message>
        <message>
            <source>&amp;Decision:</source>
            <translation>Dé&amp;cision :</translation>
        </message>
        <message>
            <source>D&amp;ate:</source>
            <translation>Da&amp;te :</translation>
        </message>
        <message>
            <source>&amp;Expires on:</source>
            <translation>&amp;Expire le :</translation>
        </message>
        <message>
            <source>E&amp;vidence:</source>
            <translation>Pre&amp;uve :</translation>
        </message>
        <message>
            <source>Refusal &amp;note:</source>
            <translation>Remarque sur le re&amp;fus :</translation>
        </message>
        <message>
            <source>The household has no adult member: consent is given by adults.</source>
            <translation>Le ménage n'a aucun membre adulte : le consentement est donné par les adultes.</translation>
        </message>
        <message>
            <source>Choose the person who gives (or refuses) consent.</source>
            <translation>Choisissez la personne qui donne (ou refuse) son consentement.</translation>
        </message>
        <message>
            <source>Choose the recipient.</source>
            <translation>Choisissez le destinataire.</translation>
        </message>
    </context>
    <context>
        <name>ConsentTableModel</name>
        <message>
            <source>Person</source>
            <translation>Personne</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>Destinataire</translation>
        </message>
        <message>
            <source>Information</source>
            <translation>Informations</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Decided on</source>
            <translation>Décidé le</translation>
        </message>
        <message>
            <source>Expires on</source>
            <translation>Expire le</translation>
        </message>
        <message>
            <source>Evidence</source>
            <translation>Preuve</translation>
        </message>
        <message>
            <source>scan attached</source>
            <translation>scan joint</translation>
        </message>
    </context>
    <context>
        <name>CorrectDatesDialog</name>
        <message>
            <source>Correct the dates</source>
            <translation>Corriger les dates</translation>
        </message>
        <message>
            <source>Period:</source>
            <translation>Période :</translation>
        </message>
        <message>
            <source>&amp;From:</source>
            <translation>&amp;Du :</translation>
        </message>
        <message>
            <source>&amp;To (empty if current):</source>
            <translation>&amp;Au (vide si en cours) :</translation>
        </message>
    </context>
    <context>
        <name>DateField</name>
        <message>
            <source>dd/mm/yyyy</source>
            <translation>jj/mm/aaaa</translation>
        </message>
        <message>
            <source>Choose in a calendar</source>
            <translation>Choisir dans un calendrier</translation>
        </message>
        <message>
            <source>Enter a date (dd/mm/yyyy).</source>
            <translation>Saisissez une date (jj/mm/aaaa).</translation>
        </message>
    </context>
    <context>
        <name>DemoDataPage</name>
        <message>
            <source>Demonstration data</source>
            <translation>Données de démonstration</translation>
        </message>
        <message>
            <source>You can add fictitious households (invented names and addresses) to try the application. Do not add them to a database that will hold real files: they would be counted with them.</source>
            <translation>Vous pouvez ajouter des ménages fictifs (noms et adresses inventés) pour découvrir l'application. Ne le faites pas dans une base qui accueillera de vrais dossiers : ils seraient comptés avec eux.</translation>
        </message>
        <message>
            <source>Add &amp;fictitious households</source>
            <translation>Ajouter des ménages &amp;fictifs</translation>
        </message>
        <message>
            <source>Number of households:</source>
            <translation>Nombre de ménages :</translation>
        </message>
    </context>
    <context>
        <name>DepartureDialog</name>
        <message>
            <source>Departure from the household</source>
            <translation>Départ du ménage</translation>
        </message>
        <message>
            <source>Person:</source>
            <translation>Personne :</translation>
        </message>
        <message>
            <source>e.g. adult child moved out, separation</source>
            <translation>ex. : enfant majeur parti, séparation</translation>
        </message>
        <message>
            <source>&amp;Departure date:</source>
            <translation>&amp;Date du départ :</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>&amp;Motif :</translation>
        </message>
    </context>
    <context>
        <name>EvidenceField</name>
        <message>
            <source>e.g. signed form filed in the paper record</source>
            <translation>ex. : formulaire signé classé au dossier papier</translation>
        </message>
        <message>
            <source>No scan attached</source>
            <translation>Aucun scan joint</translation>
        </message>
        <message>
            <source>Attach the &amp;scan…</source>
            <translation>Joindre le &amp;scan…</translation>
        </message>
        <message>
            <source>The file is larger than 20 MB: scan it at a lower resolution.</source>
            <translation>Le fichier dépasse 20 Mo : numérisez-le en résolution plus faible.</translation>
        </message>
        <message>
            <source>The file could not be read: {error}</source>
            <translation>Le fichier n'a pas pu être lu : {error}</translation>
        </message>
        <message>
            <source>Signed form</source>
            <translation>Formulaire signé</translation>
        </message>
        <message>
            <source>Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)</source>
            <translation>Scans (*.pdf *.jpg *.jpeg *.png);;Tous les fichiers (*)</translation>
        </message>
    </context>
    <context>
        <name>FirstRunWizard</name>
        <message>
            <source>Setting up Caseworker</source>
            <translation>Mise en service de Caseworker</translation>
        </message>
        <message>
            <source>Demonstration data</source>
            <translation>Données de démonstration</translation>
        </message>
        <message>
            <source>Creating {count} fictitious households…</source>
            <translation>Création de {count} ménages fictifs…</translation>
        </message>
        <message>
            <source>Cancelled: no fictitious household was added.</source>
            <translation>Annulé : aucun ménage fictif n'a été ajouté.</translation>
        </message>
    </context>
    <context>
        <name>HouseholdDialog</name>
        <message>
            <source>New household</source>
            <translation>Nouveau ménage</translation>
        </message>
        <message>
            <source>Edit the household</source>
            <translation>Modifier le ménage</translation>
        </message>
        <message>
            <source>— not recorded —</source>
            <translation>— non renseigné —</translation>
        </message>
        <message>
            <source>e.g. 1 dog</source>
            <translation>ex. : 1 chien</translation>
        </message>
        <message>
            <source>Household</source>
            <translation>Ménage</translation>
        </message>
        <message>
            <source>&amp;Composition:</source>
            <translation>&amp;Composition :</translation>
        </message>
        <message>
            <source>Number of &amp;pets:</source>
            <translation>Nombre d'a&amp;nimaux :</translation>
        </message>
        <message>
            <source>Pets (&amp;details):</source>
            <translation>Animaux (dé&amp;tail) :</translation>
        </message>
        <message>
            <source>&amp;Situation before entry:</source>
            <translation>&amp;Situation avant l'entrée :</translation>
        </message>
        <message>
            <source>&amp;Referred by:</source>
            <translation>Prescri&amp;pteur :</translation>
        </message>
        <message>
            <source>SIAO &amp;reference:</source>
            <translation>&amp;Référence SIAO :</translation>
        </message>
        <message>
            <source>First member</source>
            <translation>Premier membre</translation>
        </message>
        <message>
            <source>R&amp;ole:</source>
            <translation>Rô&amp;le :</translation>
        </message>
        <message>
            <source>&amp;Arrival date:</source>
            <translation>Date d'&amp;arrivée :</translation>
        </message>
    </context>
    <context>
        <name>HouseholdFilePanel</name>
        <message>
            <source>← Households</source>
            <translation>← Ménages</translation>
        </message>
        <message>
            <source>Back to the list (Esc)</source>
            <translation>Retour à la liste (Échap)</translation>
        </message>
        <message>
            <source>&amp;Edit the household…</source>
            <translation>Modifier le ména&amp;ge…</translation>
        </message>
        <message>
            <source>&amp;Add a member…</source>
            <translation>&amp;Ajouter un membre…</translation>
        </message>
        <message>
            <source>Edit the &amp;person…</source>
            <translation>Modifier la &amp;personne…</translation>
        </message>
        <message>
            <source>&amp;Departure…</source>
            <translation>&amp;Départ…</translation>
        </message>
        <message>
            <source>Former members</source>
            <translation>Anciens membres</translation>
        </message>
        <message>
            <source>&amp;Members</source>
            <translation>&amp;Composition</translation>
        </message>
        <message>
            <source>New &amp;situation…</source>
            <translation>Nouvelle &amp;situation…</translation>
        </message>
        <message>
            <source>&amp;Correct the dates…</source>
            <translation>Corriger les da&amp;tes…</translation>
        </message>
        <message>
            <source>&amp;Undo the last change</source>
            <translation>A&amp;nnuler le dernier changement</translation>
        </message>
        <message>
            <source>&amp;Housing</source>
            <translation>&amp;Logement</translation>
        </message>
        <message>
            <source>&amp;New consent…</source>
            <translation>&amp;Nouveau consentement…</translation>
        </message>
        <message>
            <source>Si&amp;gned…</source>
            <translation>Si&amp;gné…</translation>
        </message>
        <message>
            <source>&amp;Refused…</source>
            <translation>&amp;Refusé…</translation>
        </message>
        <message>
            <source>&amp;Withdraw…</source>
            <translation>Ré&amp;voquer…</translation>
        </message>
        <message>
            <source>Save the sca&amp;n…</source>
            <translation>Enregistrer le sca&amp;n…</translation>
        </message>
        <message>
            <source>&amp;Consents</source>
            <translation>C&amp;onsentements</translation>
        </message>
        <message>
            <source>Who opened this file</source>
            <translation>Qui a ouvert ce dossier</translation>
        </message>
        <message>
            <source>Changes</source>
            <translation>Modifications</translation>
        </message>
        <message>
            <source>H&amp;istory</source>
            <translation>H&amp;istorique</translation>
        </message>
        <message numerus="yes">
            <source>%n person(s)</source>
            <translation>
                <numerusform>%n personne</numerusform>
                <numerusform>%n personnes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n pet(s)</source>
            <translation>
                <numerusform>%n animal</numerusform>
                <numerusform>%n animaux</numerusform>
            </translation>
        </message>
        <message>
            <source>before entry: {situation}</source>
            <translation>avant l'entrée : {situation}</translation>
        </message>
        <message>
            <source>referred by: {source}</source>
            <translation>prescripteur : {source}</translation>
        </message>
        <message>
            <source>SIAO: {reference}</source>
            <translation>SIAO : {reference}</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Composition</translation>
        </message>
        <message>
            <source>Select a member in the list first.</source>
            <translation>Sélectionnez d'abord un membre dans la liste.</translation>
        </message>
        <message>
            <source>Housing</source>
            <translation>Logement</translation>
        </message>
        <message>
            <source>Select a period in the list first.</source>
            <translation>Sélectionnez d'abord une période dans la liste.</translation>
        </message>
        <message>
            <source>Undo the last change</source>
            <translation>Annuler le dernier changement</translation>
        </message>
        <message>
            <source>Delete the period "{status}" from {start} and reopen the previous one?</source>
            <translation>Supprimer la période « {status} » commencée le {start} et rouvrir la précédente ?</translation>
        </message>
        <message>
            <source>Save the scan</source>
            <translation>Enregistrer le scan</translation>
        </message>
        <message>
            <source>The file could not be written: {error}</source>
            <translation>Le fichier n'a pas pu être écrit : {error}</translation>
        </message>
    </context>
    <context>
        <name>HouseholdListPanel</name>
        <message>
            <source>Households</source>
            <translation>Ménages</translation>
        </message>
        <message>
            <source>Search a name, a pseudonym, a number… (Ctrl+F)</source>
            <translation>Rechercher un nom, un pseudonyme, un numéro… (Ctrl+F)</translation>
        </message>
        <message>
            <source>&amp;New household…</source>
            <translation>&amp;Nouveau ménage…</translation>
        </message>
        <message>
            <source>Create a household (Ctrl+N)</source>
            <translation>Créer un ménage (Ctrl+N)</translation>
        </message>
        <message numerus="yes">
            <source>%n household(s)</source>
            <translation>
                <numerusform>%n ménage</numerusform>
                <numerusform>%n ménages</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of {total} household(s)</source>
            <translation>
                <numerusform>%n ménage sur {total}</numerusform>
                <numerusform>%n ménages sur {total}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HouseholdTableModel</name>
        <message>
            <source>Number</source>
            <translation>Numéro</translation>
        </message>
        <message>
            <source>Household</source>
            <translation>Ménage</translation>
        </message>
        <message>
            <source>Composition</source>
            <translation>Composition</translation>
        </message>
        <message>
            <source>People</source>
            <translation>Personnes</translation>
        </message>
        <message>
            <source>Housing</source>
            <translation>Logement</translation>
        </message>
        <message>
            <source>Town</source>
            <translation>Commune</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>Depuis le</translation>
        </message>
    </context>
    <context>
        <name>HousingTimeline</name>
        <message>
            <source>No housing situation recorded yet.</source>
            <translation>Aucune situation de logement enregistrée.</translation>
        </message>
    </context>
    <context>
        <name>KeyStoragePage</name>
        <message>
            <source>Protecting the database</source>
            <translation>Protection de la base</translation>
        </message>
        <message>
            <source>The database is encrypted with a random key. Choose how this computer keeps it.</source>
            <translation>La base est chiffrée avec une clé aléatoire. Choisissez comment cet ordinateur la conserve.</translation>
        </message>
        <message>
            <source>In the system &amp;keyring (recommended): opens without typing anything</source>
            <translation>Dans le &amp;trousseau du système (recommandé) : ouverture sans rien saisir</translation>
        </message>
        <message>
            <source>With a &amp;passphrase, typed at each start</source>
            <translation>Avec une &amp;phrase de passe, saisie à chaque ouverture</translation>
        </message>
        <message>
            <source>No secure keyring is available on this computer, so the key will be derived from a passphrase.</source>
            <translation>Aucun trousseau sécurisé n'est disponible sur cet ordinateur : la clé sera tirée d'une phrase de passe.</translation>
        </message>
        <message>
            <source>Passphrase:</source>
            <translation>Phrase de passe :</translation>
        </message>
        <message>
            <source>Confirm:</source>
            <translation>Confirmation :</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Households</source>
            <translation>Ménages</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>Tableau de bord</translation>
        </message>
        <message>
            <source>The morning debrief board: new and overdue alerts, yesterday's contacts, households past their no-contact threshold, deadlines of the week, suspended measures to review, waiting list and caseloads against targets.</source>
            <translation>Le tableau du debrief du matin : alertes nouvelles et en retard, contacts de la veille, ménages sans contact depuis trop longtemps, échéances de la semaine, mesures suspendues à revoir, liste d'attente et file active de chacun au regard de l'objectif.</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alertes</translation>
        </message>
        <message>
            <source>Two-way alerts with landlords (rent arrears, neighbour trouble, technical problems) with response deadlines in working days, escalation and eviction prevention.</source>
            <translation>Les alertes dans les deux sens avec les bailleurs (impayés, troubles de voisinage, problèmes techniques), avec délais de réponse en jours ouvrés, escalade et prévention des expulsions.</translation>
        </message>
        <message>
            <source>Contracts</source>
            <translation>Contrats</translation>
        </message>
        <message>
            <source>Tripartite contracts (landlord, association, household) drafted here, printed, signed and amended; liaison sheets for landlords built only from information the household agreed to share.</source>
            <translation>Les contrats tripartites (bailleur, association, ménage) rédigés ici, imprimés, signés et modifiés par avenant ; les fiches navette pour les bailleurs, bâties uniquement avec les informations que le ménage a accepté de transmettre.</translation>
        </message>
        <message>
            <source>Exports</source>
            <translation>Exports</translation>
        </message>
        <message>
            <source>Anonymised activity figures for funders: no names, small counts hidden, rates computed from counts with their definitions.</source>
            <translation>Les chiffres d'activité anonymisés pour les financeurs : aucun nom, petits effectifs masqués, taux calculés à partir des effectifs avec leur définition.</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <source>{section} (Ctrl+{number})</source>
            <translation>{section} (Ctrl+{number})</translation>
        </message>
        <message>
            <source>Encrypted database · {user}</source>
            <translation>Base chiffrée · {user}</translation>
        </message>
    </context>
    <context>
        <name>MemberDialog</name>
        <message>
            <source>Add a member</source>
            <translation>Ajouter un membre</translation>
        </message>
        <message>
            <source>Edit a person</source>
            <translation>Modifier une personne</translation>
        </message>
        <message>
            <source>R&amp;ole:</source>
            <translation>Rô&amp;le :</translation>
        </message>
        <message>
            <source>&amp;Arrival date:</source>
            <translation>Date d'&amp;arrivée :</translation>
        </message>
    </context>
    <context>
        <name>MembersTableModel</name>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>Âge</translation>
        </message>
        <message>
            <source>Administrative status</source>
            <translation>Statut administratif</translation>
        </message>
        <message>
            <source>Status deadline</source>
            <translation>Échéance du titre</translation>
        </message>
        <message>
            <source>Arrived</source>
            <translation>Arrivée</translation>
        </message>
        <message>
            <source>Left</source>
            <translation>Départ</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Motif</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>Something went wrong</source>
            <translation>Un problème est survenu</translation>
        </message>
        <message>
            <source>An unexpected error occurred. Nothing already saved has been lost. The details were written to the log file; please report the problem.</source>
            <translation>Une erreur inattendue s'est produite. Rien de ce qui était déjà enregistré n'a été perdu. Le détail a été écrit dans le journal ; merci de signaler le problème.</translation>
        </message>
    </context>
    <context>
        <name>OccupancyChangeDialog</name>
        <message>
            <source>New housing situation</source>
            <translation>Nouvelle situation de logement</translation>
        </message>
        <message>
            <source>none recorded yet</source>
            <translation>aucune enregistrée</translation>
        </message>
        <message>
            <source>Current situation:</source>
            <translation>Situation actuelle :</translation>
        </message>
        <message>
            <source>New &amp;status:</source>
            <translation>Nouveau &amp;statut :</translation>
        </message>
        <message>
            <source>&amp;From:</source>
            <translation>À partir &amp;du :</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>&amp;Motif :</translation>
        </message>
        <message>
            <source>D&amp;welling:</source>
            <translation>Lo&amp;gement :</translation>
        </message>
        <message>
            <source>Sub-lease meant to slide to the household (&amp;bail glissant)</source>
            <translation>Sous-location destinée à glisser au ménage (&amp;bail glissant)</translation>
        </message>
        <message>
            <source>Concerted step-&amp;back, decided with the household</source>
            <translation>&amp;Retour en arrière concerté, décidé avec le ménage</translation>
        </message>
        <message>
            <source>The household &amp;agreed</source>
            <translation>Le ménage a donné son &amp;accord</translation>
        </message>
        <message>
            <source>Lease &amp;holder:</source>
            <translation>&amp;Titulaire du bail :</translation>
        </message>
        <message>
            <source>Housing benefit &amp;paid to:</source>
            <translation>APL versée &amp;à :</translation>
        </message>
        <message>
            <source>&amp;Note:</source>
            <translation>Re&amp;marque :</translation>
        </message>
        <message>
            <source>— not recorded —</source>
            <translation>— non renseigné —</translation>
        </message>
        <message>
            <source>— no dwelling —</source>
            <translation>— aucun logement —</translation>
        </message>
        <message>
            <source>Current dwelling</source>
            <translation>Logement actuel</translation>
        </message>
        <message>
            <source>Previous</source>
            <translation>Précédent</translation>
        </message>
        <message>
            <source>New dwelling…</source>
            <translation>Nouveau logement…</translation>
        </message>
        <message>
            <source>New dwelling</source>
            <translation>Nouveau logement</translation>
        </message>
        <message>
            <source>New &amp;landlord…</source>
            <translation>Nouveau &amp;bailleur…</translation>
        </message>
        <message>
            <source>Land&amp;lord:</source>
            <translation>Ba&amp;illeur :</translation>
        </message>
        <message>
            <source>&amp;Address:</source>
            <translation>Adr&amp;esse :</translation>
        </message>
        <message>
            <source>&amp;Postcode:</source>
            <translation>&amp;Code postal :</translation>
        </message>
        <message>
            <source>&amp;Town:</source>
            <translation>C&amp;ommune :</translation>
        </message>
        <message>
            <source>T&amp;ype:</source>
            <translation>T&amp;ypologie :</translation>
        </message>
        <message>
            <source>Stoc&amp;k:</source>
            <translation>Pa&amp;rc :</translation>
        </message>
        <message>
            <source>Ren&amp;t (€/month):</source>
            <translation>Lo&amp;yer (€/mois) :</translation>
        </message>
        <message>
            <source>&amp;Charges (€/month):</source>
            <translation>C&amp;harges (€/mois) :</translation>
        </message>
        <message>
            <source>No reason allows this change from the current situation.</source>
            <translation>Aucun motif ne permet ce changement depuis la situation actuelle.</translation>
        </message>
        <message>
            <source>Choose a reason.</source>
            <translation>Choisissez un motif.</translation>
        </message>
    </context>
    <context>
        <name>OccupancyTableModel</name>
        <message>
            <source>Situation</source>
            <translation>Situation</translation>
        </message>
        <message>
            <source> (sliding sub-lease)</source>
            <translation> (bail glissant)</translation>
        </message>
        <message>
            <source>From</source>
            <translation>Du</translation>
        </message>
        <message>
            <source>To</source>
            <translation>Au</translation>
        </message>
        <message>
            <source>current</source>
            <translation>en cours</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>Jours</translation>
        </message>
        <message>
            <source>Dwelling</source>
            <translation>Logement</translation>
        </message>
        <message>
            <source>Landlord</source>
            <translation>Bailleur</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Motif</translation>
        </message>
        <message>
            <source> — concerted</source>
            <translation> — concerté</translation>
        </message>
        <message>
            <source>Lease holder</source>
            <translation>Titulaire du bail</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Remarque</translation>
        </message>
    </context>
    <context>
        <name>OrganisationDialog</name>
        <message>
            <source>New landlord</source>
            <translation>Nouveau bailleur</translation>
        </message>
        <message>
            <source>New organisation</source>
            <translation>Nouvel organisme</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Nom :</translation>
        </message>
        <message>
            <source>&amp;Kind:</source>
            <translation>&amp;Type :</translation>
        </message>
        <message>
            <source>&amp;Territory:</source>
            <translation>Te&amp;rritoire :</translation>
        </message>
        <message>
            <source>&amp;Phone:</source>
            <translation>&amp;Téléphone :</translation>
        </message>
        <message>
            <source>&amp;E-mail:</source>
            <translation>&amp;Courriel :</translation>
        </message>
    </context>
    <context>
        <name>PersonForm</name>
        <message>
            <source>When the person does not give a name</source>
            <translation>Quand la personne ne donne pas son nom</translation>
        </message>
        <message>
            <source>yyyy (optional)</source>
            <translation>aaaa (facultatif)</translation>
        </message>
        <message>
            <source>— not recorded —</source>
            <translation>— non renseigné —</translation>
        </message>
        <message>
            <source>&amp;First name:</source>
            <translation>&amp;Prénom :</translation>
        </message>
        <message>
            <source>&amp;Last name:</source>
            <translation>&amp;Nom :</translation>
        </message>
        <message>
            <source>&amp;Pseudonym:</source>
            <translation>Ps&amp;eudonyme :</translation>
        </message>
        <message>
            <source>&amp;Birth year:</source>
            <translation>Année de nai&amp;ssance :</translation>
        </message>
        <message>
            <source>Administrative &amp;status:</source>
            <translation>Statu&amp;t administratif :</translation>
        </message>
        <message>
            <source>Status &amp;deadline:</source>
            <translation>Éc&amp;héance du titre :</translation>
        </message>
        <message>
            <source>P&amp;hone:</source>
            <translation>Télép&amp;hone :</translation>
        </message>
        <message>
            <source>Enter the birth year with four digits, e.g. 1984.</source>
            <translation>Saisissez l'année de naissance sur quatre chiffres, par exemple 1984.</translation>
        </message>
    </context>
    <context>
        <name>ProfilePage</name>
        <message>
            <source>Your organisation and you</source>
            <translation>Votre organisation et vous</translation>
        </message>
        <message>
            <source>Every change and every file opened will be recorded under this name.</source>
            <translation>Chaque modification et chaque dossier ouvert seront enregistrés à ce nom.</translation>
        </message>
        <message>
            <source>&amp;Organisation:</source>
            <translation>&amp;Organisation :</translation>
        </message>
        <message>
            <source>&amp;Kind:</source>
            <translation>T&amp;ype :</translation>
        </message>
        <message>
            <source>&amp;Territory:</source>
            <translation>&amp;Territoire :</translation>
        </message>
        <message>
            <source>&amp;First name:</source>
            <translation>&amp;Prénom :</translation>
        </message>
        <message>
            <source>&amp;Last name:</source>
            <translation>&amp;Nom :</translation>
        </message>
        <message>
            <source>&amp;Role:</source>
            <translation>&amp;Fonction :</translation>
        </message>
        <message>
            <source>&amp;Working time:</source>
            <translation>Temps de tra&amp;vail :</translation>
        </message>
    </context>
    <context>
        <name>QProgressDialog</name>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
    </context>
    <context>
        <name>RecoveryKeyPage</name>
        <message>
            <source>Recovery key</source>
            <translation>Clé de secours</translation>
        </message>
        <message>
            <source>Create the database</source>
            <translation>Créer la base</translation>
        </message>
        <message>
            <source>The database could not be created</source>
            <translation>La base n'a pas pu être créée</translation>
        </message>
    </context>
    <context>
        <name>RecoveryKeyPanel</name>
        <message>
            <source>This recovery key reopens the database if the key kept by this computer is lost, or if the passphrase is forgotten. It is shown only once: print it or write it down now, and keep it locked away from the computer.</source>
            <translation>Cette clé de secours rouvre la base si la clé gardée par cet ordinateur est perdue, ou si la phrase de passe est oubliée. Elle n'est affichée qu'une fois : imprimez-la ou recopiez-la maintenant, et conservez-la sous clé, hors de l'ordinateur.</translation>
        </message>
        <message>
            <source>Save as &amp;PDF…</source>
            <translation>Enregistrer en &amp;PDF…</translation>
        </message>
        <message>
            <source>P&amp;rint…</source>
            <translation>Imp&amp;rimer…</translation>
        </message>
        <message>
            <source>I have printed or written down this recovery key and will keep it away from the computer.</source>
            <translation>J'ai imprimé ou recopié cette clé de secours et je la conserverai hors de l'ordinateur.</translation>
        </message>
        <message>
            <source>Save the recovery key</source>
            <translation>Enregistrer la clé de secours</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Recovery key</source>
            <translation>Clé de secours</translation>
        </message>
        <message>
            <source>The file could not be written: {error}</source>
            <translation>Le fichier n'a pas pu être écrit : {error}</translation>
        </message>
        <message>
            <source>The recovery key was saved. Print it, then delete the file or move it off this computer.</source>
            <translation>La clé de secours a été enregistrée. Imprimez-la, puis supprimez le fichier ou sortez-le de cet ordinateur.</translation>
        </message>
        <message>
            <source>Database {id}, created on {day}</source>
            <translation>Base {id}, créée le {day}</translation>
        </message>
        <message>
            <source>Keep this sheet locked away from the computer. Anyone holding it and the database file can read the records.</source>
            <translation>Conservez cette feuille sous clé, hors de l'ordinateur. Quiconque la détient avec le fichier de la base peut lire les dossiers.</translation>
        </message>
    </context>
    <context>
        <name>SettingsPanel</name>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <source>Who uses this computer</source>
            <translation>Qui utilise cet ordinateur</translation>
        </message>
        <message>
            <source>&amp;Switch user</source>
            <translation>&amp;Changer d'utilisateur</translation>
        </message>
        <message>
            <source>Current user:</source>
            <translation>Utilisateur actuel :</translation>
        </message>
        <message>
            <source>Another person:</source>
            <translation>Autre personne :</translation>
        </message>
        <message>
            <source>Encrypted database</source>
            <translation>Base chiffrée</translation>
        </message>
        <message>
            <source>File:</source>
            <translation>Fichier :</translation>
        </message>
        <message>
            <source>Key kept:</source>
            <translation>Clé conservée :</translation>
        </message>
        <message>
            <source>Schema version:</source>
            <translation>Version du schéma :</translation>
        </message>
        <message>
            <source>Last backup:</source>
            <translation>Dernière sauvegarde :</translation>
        </message>
        <message>
            <source>&amp;Back up now</source>
            <translation>&amp;Sauvegarder maintenant</translation>
        </message>
        <message>
            <source>Change the &amp;key…</source>
            <translation>Changer la &amp;clé…</translation>
        </message>
        <message>
            <source>Caseworker {version}. Encryption: SQLCipher (BSD licence) with OpenSSL (Apache 2.0). Fonts: DejaVu (free licence).</source>
            <translation>Caseworker {version}. Chiffrement : SQLCipher (licence BSD) avec OpenSSL (Apache 2.0). Polices : DejaVu (licence libre).</translation>
        </message>
        <message>
            <source>Backup failed</source>
            <translation>La sauvegarde a échoué</translation>
        </message>
        <message>
            <source>Backup</source>
            <translation>Sauvegarde</translation>
        </message>
        <message>
            <source>Encrypted backup written:
{path}</source>
            <translation>Sauvegarde chiffrée écrite :
{path}</translation>
        </message>
    </context>
    <context>
        <name>UnlockDialog</name>
        <message>
            <source>Unlock the database</source>
            <translation>Ouvrir la base</translation>
        </message>
        <message>
            <source>The case database is encrypted. Enter your passphrase to open it.</source>
            <translation>La base des dossiers est chiffrée. Saisissez votre phrase de passe pour l'ouvrir.</translation>
        </message>
        <message>
            <source>&amp;Passphrase:</source>
            <translation>&amp;Phrase de passe :</translation>
        </message>
        <message>
            <source>&amp;Recovery key:</source>
            <translation>Clé de &amp;secours :</translation>
        </message>
        <message>
            <source>Passphrase forgotten? Use the &amp;recovery key</source>
            <translation>Phrase de passe oubliée ? Utiliser la clé de s&amp;ecours</translation>
        </message>
        <message>
            <source>Use the &amp;passphrase instead</source>
            <translation>Utiliser plutôt la &amp;phrase de passe</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Ouvrir</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>Welcome to Caseworker</source>
            <translation>Bienvenue dans Caseworker</translation>
        </message>
        <message>
            <source>Caseworker follows the households your association supports: members, housing, consents to share information with landlords, and who viewed each file.

Everything is stored in an encrypted database on this computer. Nothing is sent anywhere.

This assistant sets up the encryption key, a recovery key to print, your organisation and the person who uses this laptop.</source>
            <translation>Caseworker suit les ménages que votre association accompagne : composition, logement, consentements à transmettre des informations aux bailleurs, et qui a consulté chaque dossier.

Tout est enregistré dans une base chiffrée sur cet ordinateur. Rien n'est envoyé nulle part.

Cet assistant met en place la clé de chiffrement, une clé de secours à imprimer, votre organisation et la personne qui utilise cet ordinateur.</translation>
        </message>
    </context>
</TS>