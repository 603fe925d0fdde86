<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Action on {reference}</source>
        <translation>Action sur {reference}</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Action :</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Quand :</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Linked &amp;contact:</source>
        <translation>&amp;Contact lié :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
    <message>
        <source>Tripartite mediation</source>
        <translation>Médiation tripartite</translation>
    </message>
    <message>
        <source>&amp;Participants:</source>
        <translation>&amp;Participants :</translation>
    </message>
    <message>
        <source>e.g. M. Leroy, neighbour; the building&apos;s guardian</source>
        <translation>ex. : M. Leroy, voisin ; le gardien de l&apos;immeuble</translation>
    </message>
    <message>
        <source>&amp;Others present:</source>
        <translation>A&amp;utres présents :</translation>
    </message>
    <message>
        <source>A&amp;greement:</source>
        <translation>Acc&amp;ord trouvé :</translation>
    </message>
    <message>
        <source>&amp;Follow-up on:</source>
        <translation>&amp;Suivi le :</translation>
    </message>
</context>
<context>
    <name>ActivateDialog</name>
    <message>
        <source>Start support</source>
        <translation>Activer l&apos;accompagnement</translation>
    </message>
    <message>
        <source>&amp;Start date:</source>
        <translation>Date de &amp;début :</translation>
    </message>
    <message>
        <source>&amp;Intensity:</source>
        <translation>&amp;Intensité :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
</context>
<context>
    <name>AddTeamMemberDialog</name>
    <message>
        <source>Add a team member</source>
        <translation>Ajouter un membre à l&apos;équipe</translation>
    </message>
    <message>
        <source>Choose a person…</source>
        <translation>Choisir une personne…</translation>
    </message>
    <message>
        <source>Coordinating referent from this date</source>
        <translation>Référent coordinateur à partir de cette date</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Personne :</translation>
    </message>
    <message>
        <source>&amp;Role in the team:</source>
        <translation>&amp;Rôle dans l&apos;équipe :</translation>
    </message>
    <message>
        <source>&amp;Since:</source>
        <translation>&amp;Depuis le :</translation>
    </message>
    <message>
        <source>Coo&amp;rdination:</source>
        <translation>&amp;Coordination :</translation>
    </message>
    <message>
        <source>Everyone in the directory is already on this team.</source>
        <translation>Toutes les personnes de l&apos;annuaire font déjà partie de cette équipe.</translation>
    </message>
    <message>
        <source>Choose the person who joins the team.</source>
        <translation>Choisissez la personne qui rejoint l&apos;équipe.</translation>
    </message>
    <message>
        <source>You are not on this household&apos;s team. Once {name} joins it, the household will no longer appear in your lists and searches: only its team and the team lead see it.

To keep following it, add yourself to the team first. Add {name} anyway?</source>
        <translation>Vous ne faites pas partie de l&apos;équipe de ce ménage. Dès que {name} l&apos;aura rejointe, le ménage n&apos;apparaîtra plus dans vos listes ni vos recherches : seuls les membres de son équipe et le ou la chef·fe de service le voient.

Pour garder l&apos;accès à son dossier, ajoutez-vous d&apos;abord à l&apos;équipe. Ajouter {name} quand même ?</translation>
    </message>
</context>
<context>
    <name>AfterCareBox</name>
    <message>
        <source>After-care (suivi post-accompagnement)</source>
        <translation>Suivi post-accompagnement (droits de suite, service après-vente, veille)</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type de suivi :</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Durée :</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(choisir)</translation>
    </message>
    <message>
        <source>&amp;Funded by:</source>
        <translation>&amp;Financé par :</translation>
    </message>
    <message>
        <source>Reachable &amp;referent:</source>
        <translation>&amp;Référent joignable :</translation>
    </message>
    <message>
        <source>Put on the &amp;watch list, news every</source>
        <translation>Mettre en &amp;veille, prendre des nouvelles toutes les</translation>
    </message>
    <message>
        <source> weeks</source>
        <translation> semaines</translation>
    </message>
</context>
<context>
    <name>AgendaTableModel</name>
    <message>
        <source>Household</source>
        <translation>Ménage</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Point</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Décisions</translation>
    </message>
</context>
<context>
    <name>AlertDetailPanel</name>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Prendre en compte</translation>
    </message>
    <message>
        <source>Add an ac&amp;tion…</source>
        <translation>Ajouter une ac&amp;tion…</translation>
    </message>
    <message>
        <source>E&amp;scalate…</source>
        <translation>E&amp;scalader…</translation>
    </message>
    <message>
        <source>Back to &amp;treatment</source>
        <translation>Revenir en &amp;traitement</translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation>&amp;Résoudre…</translation>
    </message>
    <message>
        <source>Close &amp;without follow-up…</source>
        <translation>Clore &amp;sans suite…</translation>
    </message>
    <message>
        <source>Ac&amp;knowledgement e-mail…</source>
        <translation>Accusé de ré&amp;ception…</translation>
    </message>
    <message>
        <source>Send to the &amp;landlord</source>
        <translation>Envoyer au &amp;bailleur</translation>
    </message>
    <message>
        <source>As a &amp;letter (PDF to print or save)…</source>
        <translation>Par &amp;courrier (PDF à imprimer ou enregistrer)…</translation>
    </message>
    <message>
        <source>As an &amp;e-mail (text to copy or .eml file)…</source>
        <translation>Par c&amp;ourriel (texte à copier ou fichier .eml)…</translation>
    </message>
    <message>
        <source>Attach a &amp;document…</source>
        <translation>Joindre un &amp;document…</translation>
    </message>
    <message>
        <source>Rec&amp;urrence…</source>
        <translation>Ré&amp;cidive…</translation>
    </message>
    <message>
        <source>Choose an alert in the list.</source>
        <translation>Choisissez une alerte dans la liste.</translation>
    </message>
    <message>
        <source>{caption} · after-care referent: {name}</source>
        <translation>{caption} · référent du suivi : {name}</translation>
    </message>
    <message>
        <source>received {when} by {channel}</source>
        <translation>reçue le {when} par {channel}</translation>
    </message>
    <message>
        <source>severity: {severity}</source>
        <translation>gravité : {severity}</translation>
    </message>
    <message>
        <source>Outcome: {outcome}</source>
        <translation>Issue : {outcome}</translation>
    </message>
    <message>
        <source>Documents: {names}</source>
        <translation>Documents : {names}</translation>
    </message>
    <message>
        <source>Acknowledge by {acknowledge} · first action by {action} ({source})</source>
        <translation>Prise en compte au plus tard le {acknowledge} · première action au plus tard le {action} ({source})</translation>
    </message>
    <message>
        <source>Overdue: not acknowledged (due {date}).</source>
        <translation>En retard : non prise en compte (attendue le {date}).</translation>
    </message>
    <message>
        <source>Overdue: no action yet (due {date}).</source>
        <translation>En retard : aucune action (attendue le {date}).</translation>
    </message>
    <message>
        <source>&amp;Acknowledged by the landlord</source>
        <translation>&amp;Prise en compte par le bailleur</translation>
    </message>
    <message>
        <source>Reacti&amp;vate support…</source>
        <translation>Réacti&amp;ver l&apos;accompagnement…</translation>
    </message>
    <message>
        <source>T&amp;reated by the landlord…</source>
        <translation>T&amp;raitée par le bailleur…</translation>
    </message>
    <message>
        <source>The alert is closed.</source>
        <translation>L&apos;alerte est close.</translation>
    </message>
    <message>
        <source>The alert has not been acknowledged yet.</source>
        <translation>L&apos;alerte n&apos;a pas encore été prise en compte.</translation>
    </message>
    <message>
        <source>Record an action first: an alert is escalated once it is being treated.</source>
        <translation>Enregistrez d&apos;abord une action : une alerte s&apos;escalade une fois en traitement.</translation>
    </message>
    <message>
        <source>The alert is already acknowledged.</source>
        <translation>L&apos;alerte est déjà prise en compte.</translation>
    </message>
    <message>
        <source>The alert is closed: record a recurrence instead.</source>
        <translation>L&apos;alerte est close : enregistrez plutôt une récidive.</translation>
    </message>
    <message>
        <source>Only an escalated alert goes back to treatment.</source>
        <translation>Seule une alerte escaladée revient en traitement.</translation>
    </message>
    <message>
        <source>Once acknowledged, an alert is closed without follow-up only after an action; or resolve it.</source>
        <translation>Une fois prise en compte, une alerte ne se clôt sans suite qu&apos;après une action ; sinon, résolvez-la.</translation>
    </message>
    <message>
        <source>Only for an alert received from the landlord.</source>
        <translation>Seulement pour une alerte reçue du bailleur.</translation>
    </message>
    <message>
        <source>Only for an alert to send to the landlord.</source>
        <translation>Seulement pour une alerte à adresser au bailleur.</translation>
    </message>
    <message>
        <source>A recurrence is recorded once this alert is closed.</source>
        <translation>Une récidive s&apos;enregistre une fois cette alerte close.</translation>
    </message>
    <message>
        <source>Acknowledgement for the landlord</source>
        <translation>Accusé de réception pour le bailleur</translation>
    </message>
    <message>
        <source>Alert not sent</source>
        <translation>Alerte non envoyée</translation>
    </message>
    <message>
        <source>Letter to {landlord}</source>
        <translation>Courrier — {landlord}</translation>
    </message>
    <message>
        <source>Printing this letter or saving a copy sends it to the landlord: it is recorded.</source>
        <translation>Imprimer ce courrier ou en enregistrer une copie vaut envoi au bailleur : c&apos;est consigné au registre des transmissions.</translation>
    </message>
    <message>
        <source>E-mail to {landlord}</source>
        <translation>Courriel — {landlord}</translation>
    </message>
    <message>
        <source>Attach a document</source>
        <translation>Joindre un document</translation>
    </message>
</context>
<context>
    <name>AlertHistory</name>
    <message>
        <source>Action: {kind}</source>
        <translation>Action : {kind}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
</context>
<context>
    <name>AlertInboxPanel</name>
    <message>
        <source>All types</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation>Les deux sens</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closes</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>All landlords</source>
        <translation>Tous les bailleurs</translation>
    </message>
    <message>
        <source>O&amp;verdue only</source>
        <translation>En &amp;retard seulement</translation>
    </message>
    <message>
        <source>&amp;My households</source>
        <translation>&amp;Mes ménages</translation>
    </message>
    <message>
        <source>&amp;New alert…</source>
        <translation>&amp;Nouvelle alerte…</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ype :</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>Se&amp;ns :</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>S&amp;tatut :</translation>
    </message>
    <message>
        <source>&amp;Landlord:</source>
        <translation>&amp;Bailleur :</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Open a household first.</source>
        <translation>Ouvrez d&apos;abord un ménage.</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n alerte</numerusform>
            <numerusform>%n alertes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n en retard</numerusform>
            <numerusform>%n en retard</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <source>acknowledge by {date}</source>
        <translation>prise en compte au plus tard le {date}</translation>
    </message>
    <message>
        <source>first action by {date}</source>
        <translation>première action au plus tard le {date}</translation>
    </message>
    <message>
        <source>Referent</source>
        <translation>Référent</translation>
    </message>
    <message>
        <source>The household&apos;s coordinating referent</source>
        <translation>Le référent coordinateur du ménage</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçue le</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Ménage</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>Bailleur</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Échéance</translation>
    </message>
</context>
<context>
    <name>AmendDialog</name>
    <message>
        <source>Prepare an amendment</source>
        <translation>Préparer un avenant</translation>
    </message>
    <message>
        <source>Version {number}, in force since {date}, stays in force until the amendment is signed.</source>
        <translation>La version {number}, en vigueur depuis le {date}, le reste jusqu&apos;à la signature de l&apos;avenant.</translation>
    </message>
    <message>
        <source>e.g. objective revised at the six-month review</source>
        <translation>ex. objectif revu au bilan des six mois</translation>
    </message>
    <message>
        <source>&amp;What changes, and why:</source>
        <translation>&amp;Ce qui change, et pourquoi :</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Connecting to the team server…</source>
        <translation>Connexion au serveur de l&apos;équipe…</translation>
    </message>
    <message>
        <source>The database was opened with the recovery key. Choose a new passphrase now in Settings → Change the key, so that the recovery key is not needed at every start.</source>
        <translation>La base a été ouverte avec la clé de secours. Choisissez dès maintenant une nouvelle phrase de passe dans Paramètres → Changer la clé, pour ne pas avoir besoin de la clé de secours à chaque ouverture.</translation>
    </message>
    <message>
        <source>Choose your personal code. On a laptop shared by the team, it proves that it is you who works under your name: it is asked to switch to you and to unlock the window after a pause. Only you should know it.</source>
        <translation>Choisissez votre code personnel. Sur un ordinateur partagé par l&apos;équipe, il prouve que c&apos;est bien vous qui travaillez sous votre nom : il est demandé pour passer à votre session et pour déverrouiller la fenêtre après une pause. Vous seul devez le connaître.</translation>
    </message>
    <message>
        <source>Checking the password with the team server…</source>
        <translation>Vérification du mot de passe auprès du serveur de l&apos;équipe…</translation>
    </message>
    <message>
        <source>In the system keyring ({backend})</source>
        <translation>Dans le trousseau du système ({backend})</translation>
    </message>
    <message>
        <source>Derived from a passphrase (asked at each start)</source>
        <translation>Tirée d&apos;une phrase de passe (demandée à chaque ouverture)</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>aucune pour l&apos;instant</translation>
    </message>
    <message>
        <source>Encrypted (TLS), server certificate checked against the association&apos;s authority</source>
        <translation>Chiffrée (TLS), certificat du serveur vérifié auprès de l&apos;autorité de l&apos;association</translation>
    </message>
    <message>
        <source>Made on the server by its administrator</source>
        <translation>Faites sur le serveur par la personne qui l&apos;administre</translation>
    </message>
</context>
<context>
    <name>AttachEncounterDialog</name>
    <message>
        <source>Attach to a household</source>
        <translation>Attacher à un ménage</translation>
    </message>
    <message>
        <source>Encounter:</source>
        <translation>Rencontre :</translation>
    </message>
    <message>
        <source>&amp;Household:</source>
        <translation>&amp;Ménage :</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Personne :</translation>
    </message>
    <message>
        <source>Not known (the household)</source>
        <translation>Inconnue (le ménage)</translation>
    </message>
    <message>
        <source>Pick the household first.</source>
        <translation>Choisissez d&apos;abord le ménage.</translation>
    </message>
    <message>
        <source>{name} (left the household)</source>
        <translation>{name} (a quitté le ménage)</translation>
    </message>
    <message>
        <source>Type part of the household&apos;s name or number, then pick it in the list.</source>
        <translation>Tapez une partie du nom ou du numéro du ménage, puis choisissez-le dans la liste.</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <source>The file could not be read: {error}</source>
        <translation>Le fichier n&apos;a pas pu être lu : {error}</translation>
    </message>
</context>
<context>
    <name>AttendeeDialog</name>
    <message>
        <source>Add an attendee</source>
        <translation>Ajouter un participant</translation>
    </message>
    <message>
        <source>(nobody from the team)</source>
        <translation>(personne de l&apos;équipe)</translation>
    </message>
    <message>
        <source>&amp;Team member:</source>
        <translation>Membre de l&apos;&amp;équipe :</translation>
    </message>
    <message>
        <source>(no partner)</source>
        <translation>(aucun partenaire)</translation>
    </message>
    <message>
        <source>&amp;Partner:</source>
        <translation>&amp;Partenaire :</translation>
    </message>
    <message>
        <source>C&amp;ontact:</source>
        <translation>C&amp;ontact :</translation>
    </message>
    <message>
        <source>or a name, when the person is in no list</source>
        <translation>ou un nom, quand la personne n&apos;est dans aucune liste</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Capacity:</source>
        <translation>&amp;Qualité :</translation>
    </message>
    <message>
        <source>Choose someone from a list or type a name, not both.</source>
        <translation>Choisissez quelqu&apos;un dans une liste ou tapez un nom, pas les deux.</translation>
    </message>
</context>
<context>
    <name>AttendeesTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Qualité</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Présence</translation>
    </message>
    <message>
        <source>present</source>
        <translation>présent</translation>
    </message>
    <message>
        <source>excused</source>
        <translation>excusé</translation>
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
    <name>BoardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>&amp;Refresh (F5)</source>
        <translation>Actualise&amp;r (F5)</translation>
    </message>
    <message>
        <source>&amp;Decision…</source>
        <translation>&amp;Décision…</translation>
    </message>
    <message>
        <source>Record a decision of the debrief about the selected household</source>
        <translation>Consigner une décision du débrief sur le ménage sélectionné</translation>
    </message>
    <message>
        <source>&amp;Meeting mode</source>
        <translation>&amp;Mode réunion</translation>
    </message>
    <message>
        <source>Full screen for the projector: nothing the whole team may not see</source>
        <translation>Plein écran pour le vidéoprojecteur : rien que toute l&apos;équipe ne puisse voir</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>É&amp;quipe :</translation>
    </message>
    <message>
        <source>Re&amp;ferent:</source>
        <translation>Ré&amp;férent :</translation>
    </message>
    <message>
        <source>M&amp;easure:</source>
        <translation>Dis&amp;positif :</translation>
    </message>
    <message>
        <source>Nothing to report.</source>
        <translation>Rien à signaler.</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Tout afficher</translation>
    </message>
    <message>
        <source>on {day}</source>
        <translation>le {day}</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n en retard</numerusform>
            <numerusform>%n en retard</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only the %n most urgent rows are shown, of {total}.</source>
        <translation>
            <numerusform>Seule la ligne la plus urgente (%n) est affichée, sur {total}.</numerusform>
            <numerusform>Seules les %n lignes les plus urgentes sont affichées, sur {total}.</numerusform>
        </translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Toutes les équipes</translation>
    </message>
    <message>
        <source>All referents</source>
        <translation>Tous les référents</translation>
    </message>
    <message>
        <source>All measures</source>
        <translation>Tous les dispositifs</translation>
    </message>
</context>
<context>
    <name>BoardTableModel</name>
    <message>
        <source>Household</source>
        <translation>Ménage</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Professionnel</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Ménages</translation>
    </message>
    <message>
        <source>Weighted load</source>
        <translation>Charge pondérée</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
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
        <source>The database is re-encrypted with a new key, and a new recovery key replaces the old one. Keep the old sheet until you are told that no backup needs it any more. A backup is taken first.</source>
        <translation>La base est chiffrée de nouveau avec une nouvelle clé, et une nouvelle clé de secours remplace l&apos;ancienne. Gardez l&apos;ancienne feuille jusqu&apos;à ce qu&apos;on vous indique qu&apos;aucune sauvegarde n&apos;en a plus besoin. Une sauvegarde est faite auparavant.</translation>
    </message>
    <message>
        <source>The key was changed. Keep the new recovery key; destroy the old one.</source>
        <translation>La clé a été changée. Conservez la nouvelle clé de secours ; détruisez l&apos;ancienne.</translation>
    </message>
    <message numerus="yes">
        <source>The key was changed. Keep the new recovery key. %n backup(s) are still encrypted with an older key:</source>
        <translation>
            <numerusform>La clé a été changée. Conservez la nouvelle clé de secours. %n sauvegarde reste chiffrée avec une ancienne clé :</numerusform>
            <numerusform>La clé a été changée. Conservez la nouvelle clé de secours. %n sauvegardes restent chiffrées avec une ancienne clé :</numerusform>
        </translation>
    </message>
    <message>
        <source>The key file of this backup is unreadable: {names}. Keep your old recovery keys and passphrases as long as it exists.</source>
        <translation>Le fichier de clé de cette sauvegarde est illisible : {names}. Gardez vos anciennes clés de secours et phrases de passe tant qu&apos;elle existe.</translation>
    </message>
    <message>
        <source>The key file of these {count} backups is unreadable: {names}. Keep your old recovery keys and passphrases as long as they exist.</source>
        <translation>Le fichier de clé de ces {count} sauvegardes est illisible : {names}. Gardez vos anciennes clés de secours et phrases de passe tant qu&apos;elles existent.</translation>
    </message>
    <message>
        <source>Keep {secret} as long as this backup exists: {names}. It is deleted automatically {days} days after it was written (on {until} at the earliest).</source>
        <translation>Gardez {secret} tant que cette sauvegarde existe : {names}. Elle sera supprimée automatiquement {days} jours après son écriture (au plus tôt le {until}).</translation>
    </message>
    <message>
        <source>Keep {secret} as long as these {count} backups exist: {names}. They are deleted automatically {days} days after they were written (the last one on {until} at the earliest).</source>
        <translation>Gardez {secret} tant que ces {count} sauvegardes existent : {names}. Elles seront supprimées automatiquement {days} jours après leur écriture (la dernière au plus tôt le {until}).</translation>
    </message>
    <message>
        <source>The old key is still in this computer&apos;s keyring: the next start tries the re-encryption again.</source>
        <translation>L&apos;ancienne clé reste dans le trousseau de cet ordinateur : le prochain démarrage réessaiera le rechiffrement.</translation>
    </message>
    <message>
        <source>the old recovery key or the old passphrase</source>
        <translation>l&apos;ancienne clé de secours ou l&apos;ancienne phrase de passe</translation>
    </message>
    <message>
        <source>the old recovery key</source>
        <translation>l&apos;ancienne clé de secours</translation>
    </message>
    <message>
        <source>the old recovery key (key created on {date}) or the old passphrase</source>
        <translation>l&apos;ancienne clé de secours (clé créée le {date}) ou l&apos;ancienne phrase de passe</translation>
    </message>
    <message>
        <source>the old recovery key (key created on {date})</source>
        <translation>l&apos;ancienne clé de secours (clé créée le {date})</translation>
    </message>
    <message>
        <source>Re-encrypting the database and its backups…</source>
        <translation>Nouveau chiffrement de la base et de ses sauvegardes…</translation>
    </message>
    <message>
        <source>The key could not be changed</source>
        <translation>La clé n&apos;a pas pu être changée</translation>
    </message>
</context>
<context>
    <name>ClauseListModel</name>
    <message>
        <source>(no title)</source>
        <translation>(sans titre)</translation>
    </message>
    <message>
        <source>{title} (required)</source>
        <translation>{title} (obligatoire)</translation>
    </message>
    <message>
        <source>Internal code: {code}</source>
        <translation>Code interne : {code}</translation>
    </message>
</context>
<context>
    <name>CloseAlertDialog</name>
    <message>
        <source>Close {reference} without follow-up</source>
        <translation>Clore {reference} sans suite</translation>
    </message>
    <message>
        <source>&amp;Why (duplicate, error…):</source>
        <translation>&amp;Pourquoi (doublon, erreur…) :</translation>
    </message>
    <message>
        <source>{reference} treated by the landlord</source>
        <translation>{reference} traitée par le bailleur</translation>
    </message>
    <message>
        <source>&amp;What the landlord did:</source>
        <translation>&amp;Ce qu&apos;a fait le bailleur :</translation>
    </message>
    <message>
        <source>Resolve {reference}</source>
        <translation>Résoudre {reference}</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Issue :</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Close support</source>
        <translation>Clôturer l&apos;accompagnement</translation>
    </message>
    <message>
        <source>&amp;End date:</source>
        <translation>Date de &amp;fin :</translation>
    </message>
    <message>
        <source>Exit &amp;reason:</source>
        <translation>&amp;Motif de sortie :</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(inconnue)</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>&amp;Destination :</translation>
    </message>
    <message>
        <source>&amp;Objectives met:</source>
        <translation>&amp;Objectifs atteints :</translation>
    </message>
    <message>
        <source>In the household&apos;s own words (optional)</source>
        <translation>Dans les mots du ménage (facultatif)</translation>
    </message>
    <message>
        <source>&amp;Narrative:</source>
        <translation>&amp;Récit :</translation>
    </message>
    <message>
        <source>Handover plan</source>
        <translation>Passage de relais</translation>
    </message>
    <message>
        <source>e.g. MDS, CCAS, the landlord&apos;s social adviser, CMP</source>
        <translation>ex. : MDS, CCAS, conseiller·ère social·e du bailleur, CMP</translation>
    </message>
    <message>
        <source>&amp;Services taking over:</source>
        <translation>&amp;Services qui prennent le relais :</translation>
    </message>
    <message>
        <source>Named &amp;contact:</source>
        <translation>&amp;Contact nommé :</translation>
    </message>
    <message>
        <source>Hando&amp;ver date:</source>
        <translation>Date du rela&amp;is :</translation>
    </message>
    <message>
        <source>Handover &amp;meeting, note:</source>
        <translation>Ré&amp;union de relais, remarque :</translation>
    </message>
    <message>
        <source>No handover</source>
        <translation>Pas de passage de relais</translation>
    </message>
    <message>
        <source>Why there is no handover (required)</source>
        <translation>Pourquoi il n&apos;y a pas de relais (obligatoire)</translation>
    </message>
    <message>
        <source>&amp;Why:</source>
        <translation>&amp;Pourquoi :</translation>
    </message>
</context>
<context>
    <name>CloseProcedureDialog</name>
    <message>
        <source>Close the procedure</source>
        <translation>Clore la procédure</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Issue :</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Date :</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— choisir —</translation>
    </message>
    <message>
        <source>&amp;Went to:</source>
        <translation>Destina&amp;tion :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
    <message>
        <source>The housing situation changes on that date: the household leaves the dwelling.</source>
        <translation>La situation de logement change à cette date : le ménage quitte le logement (où est-il allé ?).</translation>
    </message>
</context>
<context>
    <name>CloseTaskDialog</name>
    <message>
        <source>Cancel the task</source>
        <translation>Annuler la tâche</translation>
    </message>
    <message>
        <source>Task done</source>
        <translation>Tâche faite</translation>
    </message>
    <message>
        <source>&amp;Why:</source>
        <translation>&amp;Motif :</translation>
    </message>
    <message>
        <source>&amp;Note (optional):</source>
        <translation>&amp;Remarque (facultative) :</translation>
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
        <translation>Valable aussi pendant l&apos;après-accompagnement</translation>
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
        <source>The household has no adult member (18 or over this year, or an adult&apos;s role): consent is given by adults.</source>
        <translation>Le ménage n&apos;a aucun membre adulte (18 ans ou plus cette année, ou rôle adulte) : le consentement est donné par les adultes.</translation>
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
        <source>A newer decision for the same person, recipient and information now applies.</source>
        <translation>Une décision plus récente pour la même personne, le même destinataire et les mêmes informations s&apos;applique désormais.</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>Décidé le</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valable jusqu&apos;au</translation>
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
    <name>ConsentsTab</name>
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
        <source>Consents are not shown to volunteers: ask a member of the household&apos;s team.</source>
        <translation>Les consentements ne sont pas affichés aux bénévoles : adressez-vous à un membre de l&apos;équipe du ménage.</translation>
    </message>
    <message>
        <source>Consents are not shown to volunteers.</source>
        <translation>Les consentements ne sont pas affichés aux bénévoles.</translation>
    </message>
    <message>
        <source>Select a consent in the list first.</source>
        <translation>Sélectionnez d&apos;abord un consentement dans la liste.</translation>
    </message>
    <message>
        <source>Only a requested consent is signed or refused (this one is: {status}).</source>
        <translation>Seul un consentement demandé peut être signé ou refusé (celui-ci : {status}).</translation>
    </message>
    <message>
        <source>Only a granted consent is withdrawn (this one is: {status}).</source>
        <translation>Seul un consentement accordé peut être révoqué (celui-ci : {status}).</translation>
    </message>
    <message>
        <source>A newer decision replaced this record: withdraw the one in force.</source>
        <translation>Une décision plus récente a remplacé cet enregistrement : retirez celui qui est en vigueur.</translation>
    </message>
    <message>
        <source>No scan was saved with this consent.</source>
        <translation>Aucun scan n&apos;a été enregistré avec ce consentement.</translation>
    </message>
    <message>
        <source>Save the scan</source>
        <translation>Enregistrer le scan</translation>
    </message>
    <message>
        <source>The file could not be written: {error}</source>
        <translation>Le fichier n&apos;a pas pu être écrit : {error}</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>New contact — {household}</source>
        <translation>Nouveau contact — {household}</translation>
    </message>
    <message>
        <source>Edit a contact — {household}</source>
        <translation>Modifier un contact — {household}</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>non renseignée</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Close the task «{title}» ({due})</source>
        <translation>Fermer la tâche « {title} » ({due})</translation>
    </message>
    <message>
        <source>e.g. door closed, note left with the caretaker; come back at 7 pm</source>
        <translation>ex. : porte close, mot laissé au gardien ; repasser à 19 h</translation>
    </message>
    <message>
        <source>The whole team</source>
        <translation>Toute l&apos;équipe</translation>
    </message>
    <message>
        <source>The household&apos;s referents</source>
        <translation>Les référents du ménage</translation>
    </message>
    <message>
        <source>Health staff only (health)</source>
        <translation>Soignants seulement (santé)</translation>
    </message>
    <message>
        <source>Justice staff only (justice)</source>
        <translation>Juristes seulement (justice)</translation>
    </message>
    <message>
        <source>O&amp;utside office hours (evening, weekend, public holiday)</source>
        <translation>&amp;Hors horaires de bureau (soir, week-end, jour férié)</translation>
    </message>
    <message>
        <source>Household:</source>
        <translation>Ménage :</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Quand :</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Issue :</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Durée :</translation>
    </message>
    <message>
        <source>Top&amp;ics:</source>
        <translation>Thè&amp;mes :</translation>
    </message>
    <message>
        <source>&amp;Participants:</source>
        <translation>&amp;Participants :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
    <message>
        <source>Note &amp;readable by:</source>
        <translation>Remarque &amp;lisible par :</translation>
    </message>
    <message>
        <source>M&amp;y tasks:</source>
        <translation>Mes &amp;tâches :</translation>
    </message>
    <message>
        <source>Hidden note: you may not read it; it is kept unchanged.</source>
        <translation>Remarque masquée : vous n&apos;avez pas accès à son contenu ; elle est conservée telle quelle.</translation>
    </message>
    <message>
        <source>Contradictory contacts</source>
        <translation>Contacts contradictoires</translation>
    </message>
    <message>
        <source>A contact “{existing}” is already recorded for this household at the same minute ({time}), and this one says “{new}”. Save anyway?</source>
        <translation>Un contact « {existing} » est déjà enregistré pour ce ménage à la même minute ({time}), et celui-ci indique « {new} ». Enregistrer quand même ?</translation>
    </message>
</context>
<context>
    <name>ContactsPanel</name>
    <message>
        <source>&amp;New contact…</source>
        <translation>&amp;Nouveau contact…</translation>
    </message>
    <message>
        <source>Record a contact or an attempt (Ctrl+K)</source>
        <translation>Enregistrer un contact ou une tentative (Ctrl+K)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Drop-in, street outreach and workshops:</source>
        <translation>Permanence, maraude et ateliers :</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s) before first contact</source>
        <translation>
            <numerusform>%n tentative avant premier contact</numerusform>
            <numerusform>%n tentatives avant premier contact</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>Last contact: {date}</source>
        <translation>Dernier contact : {date}</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s) since the last contact</source>
        <translation>
            <numerusform>%n tentative depuis le dernier contact</numerusform>
            <numerusform>%n tentatives depuis le dernier contact</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No contact yet: %n attempt(s)</source>
        <translation>
            <numerusform>Aucun contact pour l&apos;instant : %n tentative</numerusform>
            <numerusform>Aucun contact pour l&apos;instant : %n tentatives</numerusform>
        </translation>
    </message>
    <message>
        <source>since {date}</source>
        <translation>depuis le {date}</translation>
    </message>
    <message>
        <source>No contact recorded yet.</source>
        <translation>Aucun contact enregistré pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Delete the contact</source>
        <translation>Supprimer le contact</translation>
    </message>
    <message>
        <source>Delete the contact of {when} ({outcome})? Only a contact recorded by mistake should be deleted.</source>
        <translation>Supprimer le contact du {when} ({outcome}) ? Seul un contact enregistré par erreur doit être supprimé.</translation>
    </message>
    <message>
        <source>Open a household first.</source>
        <translation>Ouvrez d&apos;abord un ménage.</translation>
    </message>
    <message>
        <source>Select a contact in the list first.</source>
        <translation>Sélectionnez d&apos;abord un contact dans la liste.</translation>
    </message>
</context>
<context>
    <name>ContactsTableModel</name>
    <message>
        <source>(hidden note)</source>
        <translation>(remarque masquée)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>Off hours</source>
        <translation>Hors horaires</translation>
    </message>
    <message>
        <source>Outside office hours (evening, weekend, public holiday)</source>
        <translation>Hors horaires de bureau (soir, week-end, jour férié)</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Thèmes</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>After-care</source>
        <translation>Suivi post-accompagnement</translation>
    </message>
    <message>
        <source>During after-care: counted apart from the measure&apos;s activity</source>
        <translation>Pendant le suivi post-accompagnement : compté à part de l&apos;activité du dispositif</translation>
    </message>
</context>
<context>
    <name>ContractDetailPanel</name>
    <message>
        <source>&amp;Edit the draft…</source>
        <translation>&amp;Modifier le brouillon…</translation>
    </message>
    <message>
        <source>Pre&amp;view / print…</source>
        <translation>&amp;Aperçu / impression…</translation>
    </message>
    <message>
        <source>Send for si&amp;gnature</source>
        <translation>Envoyer à la si&amp;gnature</translation>
    </message>
    <message>
        <source>Back to dra&amp;ft</source>
        <translation>Revenir au &amp;brouillon</translation>
    </message>
    <message>
        <source>Record a &amp;signature…</source>
        <translation>Enregistrer une &amp;signature…</translation>
    </message>
    <message>
        <source>Attach the signed &amp;copy…</source>
        <translation>Joindre l&apos;e&amp;xemplaire signé…</translation>
    </message>
    <message>
        <source>Save the signed cop&amp;y…</source>
        <translation>Enregistrer l&apos;exemplaire signé &amp;sous…</translation>
    </message>
    <message>
        <source>&amp;Amend…</source>
        <translation>A&amp;venant…</translation>
    </message>
    <message>
        <source>E&amp;nd…</source>
        <translation>Mettre &amp;fin…</translation>
    </message>
    <message>
        <source>&amp;Delete the draft</source>
        <translation>S&amp;upprimer le brouillon</translation>
    </message>
    <message>
        <source>&amp;Versions</source>
        <translation>&amp;Versions</translation>
    </message>
    <message>
        <source>Si&amp;gnatories of the selected version</source>
        <translation>Signa&amp;taires de la version choisie</translation>
    </message>
    <message>
        <source>Choose a contract in the list.</source>
        <translation>Choisissez un contrat dans la liste.</translation>
    </message>
    <message>
        <source>landlord: {name}</source>
        <translation>bailleur : {name}</translation>
    </message>
    <message>
        <source>ended on {date}</source>
        <translation>terminé le {date}</translation>
    </message>
    <message>
        <source>Only a draft is edited, sent or deleted.</source>
        <translation>Seul un brouillon se modifie, s&apos;envoie à la signature ou se supprime.</translation>
    </message>
    <message>
        <source>Only a version sent for signature goes back to draft.</source>
        <translation>Seule une version envoyée à la signature revient au brouillon.</translation>
    </message>
    <message>
        <source>Signatures are recorded once the version is sent for signature.</source>
        <translation>Les signatures s&apos;enregistrent une fois la version envoyée à la signature.</translation>
    </message>
    <message>
        <source>Someone has signed already: the version stays as it was signed.</source>
        <translation>Quelqu&apos;un a déjà signé : la version reste telle qu&apos;elle a été signée.</translation>
    </message>
    <message>
        <source>Everyone has signed this version.</source>
        <translation>Tout le monde a signé cette version.</translation>
    </message>
    <message>
        <source>The signed copy is attached once the version is sent for signature.</source>
        <translation>L&apos;exemplaire signé se joint une fois la version envoyée à la signature.</translation>
    </message>
    <message>
        <source>No signed copy is attached yet.</source>
        <translation>Aucun exemplaire signé n&apos;est encore joint.</translation>
    </message>
    <message>
        <source>The contract has ended.</source>
        <translation>Le contrat a pris fin.</translation>
    </message>
    <message>
        <source>The contract is not in force yet (no signed version).</source>
        <translation>Le contrat n&apos;est pas encore en vigueur (aucune version signée).</translation>
    </message>
    <message>
        <source>An amendment is being prepared already.</source>
        <translation>Un avenant est déjà en préparation.</translation>
    </message>
    <message>
        <source>Draft: marked &quot;PROJET&quot;. Send it for signature to print the copies to be signed.</source>
        <translation>Brouillon, marqué « PROJET ». Envoyez-le à la signature pour imprimer les exemplaires à signer.</translation>
    </message>
    <message>
        <source>The copy as sent for signature. Printing or saving it is recorded as sent to {landlord}.</source>
        <translation>L&apos;exemplaire tel qu&apos;envoyé à la signature. L&apos;imprimer ou l&apos;enregistrer est consigné comme transmis au bailleur ({landlord}).</translation>
    </message>
    <message>
        <source>The copy as sent for signature.</source>
        <translation>L&apos;exemplaire tel qu&apos;envoyé à la signature.</translation>
    </message>
    <message>
        <source>Attach the signed copy</source>
        <translation>Joindre l&apos;exemplaire signé</translation>
    </message>
    <message>
        <source>Save the signed copy</source>
        <translation>Enregistrer l&apos;exemplaire signé</translation>
    </message>
    <message>
        <source>The file could not be written: {error}</source>
        <translation>Le fichier n&apos;a pas pu être écrit : {error}</translation>
    </message>
    <message>
        <source>Delete this draft contract? Nothing of it will be kept.</source>
        <translation>Supprimer ce projet de contrat ? Rien n&apos;en sera conservé.</translation>
    </message>
    <message>
        <source>Delete the draft amendment? The version in force is not changed.</source>
        <translation>Supprimer le projet d&apos;avenant ? La version en vigueur n&apos;est pas modifiée.</translation>
    </message>
    <message>
        <source>Delete the draft</source>
        <translation>Supprimer le brouillon</translation>
    </message>
</context>
<context>
    <name>ContractEditorDialog</name>
    <message>
        <source>{kind} — version {number} (draft)</source>
        <translation>{kind} — version {number} (brouillon)</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message>
        <source>empty: not set (open-ended)</source>
        <translation>vide : non déterminée</translation>
    </message>
    <message>
        <source>&amp;until</source>
        <translation>&amp;jusqu&apos;au</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <source>What this amendment changes, and why (required)</source>
        <translation>Ce que change cet avenant, et pourquoi (obligatoire)</translation>
    </message>
    <message>
        <source>Amend&amp;ment:</source>
        <translation>A&amp;venant :</translation>
    </message>
    <message>
        <source>&amp;Add an objective</source>
        <translation>A&amp;jouter un objectif</translation>
    </message>
    <message>
        <source>Add from the support plan…</source>
        <translation>Reprendre un objectif de l&apos;accompagnement…</translation>
    </message>
    <message>
        <source>Objectives in the household&apos;s own words.</source>
        <translation>Les objectifs, dans les mots du ménage.</translation>
    </message>
    <message>
        <source>This document goes to the landlord: only housing objectives may appear.</source>
        <translation>Ce document est remis au bailleur : seuls les objectifs liés au logement peuvent y figurer.</translation>
    </message>
    <message>
        <source>&amp;Objectives</source>
        <translation>&amp;Objectifs</translation>
    </message>
    <message>
        <source>In the household&apos;s words, e.g. &quot;Pay my rent every month&quot;</source>
        <translation>Dans les mots du ménage, ex. « Payer mon loyer chaque mois »</translation>
    </message>
    <message>
        <source>(theme)</source>
        <translation>(thème)</translation>
    </message>
    <message>
        <source>One commitment per line</source>
        <translation>Un engagement par ligne</translation>
    </message>
    <message>
        <source>Co&amp;mmitments</source>
        <translation>&amp;Engagements</translation>
    </message>
    <message>
        <source>Add a &amp;date</source>
        <translation>Ajouter une &amp;date</translation>
    </message>
    <message>
        <source>&amp;Reviews</source>
        <translation>&amp;Bilans</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Bilan</translation>
    </message>
    <message>
        <source>Add someone from the file or the directory…</source>
        <translation>Ajouter une personne du dossier ou de l&apos;annuaire…</translation>
    </message>
    <message>
        <source>Add a person &amp;not in the directory</source>
        <translation>Ajouter une personne &amp;hors annuaire</translation>
    </message>
    <message>
        <source>&amp;Signatories</source>
        <translation>&amp;Signataires</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Capacity (e.g. director, tenant)</source>
        <translation>Qualité (ex. directrice, locataire)</translation>
    </message>
    <message>
        <source>Clause title</source>
        <translation>Titre de la clause</translation>
    </message>
    <message>
        <source>Required before the signature</source>
        <translation>Obligatoire avant la signature</translation>
    </message>
    <message>
        <source>Fields filled in when the document is printed: {fields}</source>
        <translation>Champs remplis à l&apos;impression du document : {fields}</translation>
    </message>
    <message>
        <source>C&amp;lauses</source>
        <translation>C&amp;lauses</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Rent &amp;debt:</source>
        <translation>&amp;Dette locative :</translation>
    </message>
    <message>
        <source>Debt &amp;as of:</source>
        <translation>Dette &amp;arrêtée au :</translation>
    </message>
    <message>
        <source>Monthly &amp;instalment:</source>
        <translation>&amp;Mensualité :</translation>
    </message>
    <message>
        <source>&amp;Number of instalments:</source>
        <translation>&amp;Nombre de mensualités :</translation>
    </message>
    <message>
        <source>Sub-lease &amp;term:</source>
        <translation>Durée de la so&amp;us-location :</translation>
    </message>
    <message>
        <source>Re&amp;newals:</source>
        <translation>Re&amp;nouvellements :</translation>
    </message>
    <message>
        <source>Debt and s&amp;ub-lease</source>
        <translation>Dette et so&amp;us-location</translation>
    </message>
    <message>
        <source>&amp;Households aimed at:</source>
        <translation>&amp;Ménages visés :</translation>
    </message>
    <message>
        <source>(the association&apos;s territory)</source>
        <translation>(territoire de l&apos;association)</translation>
    </message>
    <message>
        <source>Public holidays that count this landlord&apos;s alert deadlines (Alsace-Moselle, overseas…)</source>
        <translation>Jours fériés qui comptent les délais des alertes de ce bailleur (Alsace-Moselle, outre-mer…)</translation>
    </message>
    <message>
        <source>&amp;Public holidays of:</source>
        <translation>&amp;Jours fériés de :</translation>
    </message>
    <message>
        <source>Response deadlines, in French working days (acknowledge / first action):</source>
        <translation>Délais de réponse, en jours ouvrés (prise en compte / première action) :</translation>
    </message>
    <message>
        <source> d.</source>
        <translation> j.</translation>
    </message>
    <message>
        <source>Acknowledge within</source>
        <translation>Prise en compte sous</translation>
    </message>
    <message>
        <source>First action within</source>
        <translation>Première action sous</translation>
    </message>
    <message>
        <source>&amp;Partnership</source>
        <translation>&amp;Partenariat</translation>
    </message>
    <message>
        <source>Review {number}: {problem}</source>
        <translation>Bilan {number} : {problem}</translation>
    </message>
</context>
<context>
    <name>ContractTableModel</name>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Ménage</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>Bailleur</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non déterminée</translation>
    </message>
    <message>
        <source>Next review</source>
        <translation>Prochain bilan</translation>
    </message>
    <message>
        <source>A review is due within 30 days</source>
        <translation>Un bilan est prévu dans les 30 jours</translation>
    </message>
</context>
<context>
    <name>ContractTemplatesPanel</name>
    <message>
        <source>Contract &amp;kind:</source>
        <translation>&amp;Type de contrat :</translation>
    </message>
    <message>
        <source>&amp;Clauses:</source>
        <translation>&amp;Clauses :</translation>
    </message>
    <message>
        <source>&amp;New clause…</source>
        <translation>&amp;Nouvelle clause…</translation>
    </message>
    <message>
        <source>Add a clause after the selected one.</source>
        <translation>Ajouter une clause après celle qui est choisie.</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Remove the selected clause from the next version.</source>
        <translation>Retirer la clause choisie de la prochaine version.</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Monter</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Descen&amp;dre</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>T&amp;itre :</translation>
    </message>
    <message>
        <source>Re&amp;quired: it must be written before the contract is signed</source>
        <translation>O&amp;bligatoire : à rédiger avant la signature du contrat</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xte :</translation>
    </message>
    <message>
        <source>Insert a &amp;field…</source>
        <translation>Insérer un &amp;champ…</translation>
    </message>
    <message>
        <source>Insert at the cursor a field filled in from each contract.</source>
        <translation>Insérer au curseur un champ rempli d&apos;après chaque contrat.</translation>
    </message>
    <message>
        <source>V&amp;ersions:</source>
        <translation>V&amp;ersions :</translation>
    </message>
    <message>
        <source>S&amp;how the version…</source>
        <translation>A&amp;fficher la version…</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>D&amp;iscard the changes</source>
        <translation>&amp;Abandonner les modifications</translation>
    </message>
    <message>
        <source>&amp;Save as a new version…</source>
        <translation>&amp;Enregistrer comme nouvelle version…</translation>
    </message>
    <message>
        <source>The changes to the template of “{kind}” are not saved. Discard them?</source>
        <translation>Les modifications du modèle « {kind} » ne sont pas enregistrées. Les abandonner ?</translation>
    </message>
    <message>
        <source>No template yet: saving creates its first version.</source>
        <translation>Pas encore de modèle : l&apos;enregistrement crée sa première version.</translation>
    </message>
    <message>
        <source>Current version: {version} of {date}. Reason: {note}</source>
        <translation>Version en cours : {version} du {date}. Motif : {note}</translation>
    </message>
    <message>
        <source>One commitment per line: each line becomes a commitment of the party in the contract.</source>
        <translation>Un engagement par ligne : chaque ligne devient un engagement de cette partie dans le contrat.</translation>
    </message>
    <message>
        <source>Fields in braces are filled in from each contract when it is printed.</source>
        <translation>Les champs entre accolades sont remplis d&apos;après chaque contrat à l&apos;impression.</translation>
    </message>
    <message>
        <source>New clause</source>
        <translation>Nouvelle clause</translation>
    </message>
    <message>
        <source>&amp;Title of the new clause:</source>
        <translation>&amp;Titre de la nouvelle clause :</translation>
    </message>
</context>
<context>
    <name>ContractsSection</name>
    <message>
        <source>Contracts</source>
        <translation>Contrats</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>All landlords</source>
        <translation>Tous les bailleurs</translation>
    </message>
    <message>
        <source>Re&amp;views due (30 days)</source>
        <translation>&amp;Bilans à venir (30 jours)</translation>
    </message>
    <message>
        <source>Show &amp;ended</source>
        <translation>Afficher les contrats &amp;terminés</translation>
    </message>
    <message>
        <source>New &amp;framework agreement…</source>
        <translation>Nouvelle &amp;convention cadre…</translation>
    </message>
    <message>
        <source>&amp;Open the household file</source>
        <translation>&amp;Ouvrir le dossier du ménage</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>T&amp;ype :</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Statut :</translation>
    </message>
    <message>
        <source>&amp;Landlord:</source>
        <translation>B&amp;ailleur :</translation>
    </message>
    <message numerus="yes">
        <source>%n contract(s)</source>
        <translation>
            <numerusform>%n contrat</numerusform>
            <numerusform>%n contrats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n review(s) due</source>
        <translation>
            <numerusform>%n bilan à venir</numerusform>
            <numerusform>%n bilans à venir</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoordinatorDialog</name>
    <message>
        <source>Change the coordinating referent</source>
        <translation>Changer de référent coordinateur</translation>
    </message>
    <message>
        <source>New coordinator:</source>
        <translation>Nouveau référent coordinateur :</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>À partir &amp;du :</translation>
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
    <name>CorrectEncounterDialog</name>
    <message>
        <source>Correct the encounter</source>
        <translation>Corriger la rencontre</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>&amp;Lieu :</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>&amp;Jour :</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>&amp;Heure :</translation>
    </message>
    <message>
        <source>&amp;Offered:</source>
        <translation>&amp;Proposé :</translation>
    </message>
    <message>
        <source>— not known —</source>
        <translation>— inconnu —</translation>
    </message>
    <message>
        <source>&amp;Age:</source>
        <translation>Â&amp;ge :</translation>
    </message>
    <message>
        <source>&amp;Sex:</source>
        <translation>&amp;Sexe :</translation>
    </message>
</context>
<context>
    <name>CostSheetDialog</name>
    <message>
        <source>Avoided costs</source>
        <translation>Coûts évités</translation>
    </message>
    <message>
        <source>Each line multiplies a unit cost by a quantity, typed or read from the export&apos;s figures; the assumption is printed beside the total. A line read from a figure hidden by statistical secrecy is hidden with it.</source>
        <translation>Chaque ligne multiplie un coût unitaire par une quantité, saisie ou lue dans les chiffres de l&apos;export ; l&apos;hypothèse est imprimée à côté du total. Une ligne lue dans un chiffre masqué par le secret statistique est masquée avec lui.</translation>
    </message>
    <message>
        <source>Avoided</source>
        <translation>Poste évité</translation>
    </message>
    <message>
        <source>Unit cost (€)</source>
        <translation>Coût unitaire (€)</translation>
    </message>
    <message>
        <source>Quantity from</source>
        <translation>Source de la quantité</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Assumption</source>
        <translation>Hypothèse</translation>
    </message>
    <message>
        <source>&amp;Add a line</source>
        <translation>&amp;Ajouter une ligne</translation>
    </message>
    <message>
        <source>&amp;Remove the line</source>
        <translation>&amp;Retirer la ligne</translation>
    </message>
    <message>
        <source>Typed</source>
        <translation>Saisie</translation>
    </message>
    <message>
        <source>Line {n}, unit cost: {problem}</source>
        <translation>Ligne {n}, coût unitaire : {problem}</translation>
    </message>
    <message>
        <source>Line {n}: type the quantity as a whole number.</source>
        <translation>Ligne {n} : saisissez la quantité en nombre entier.</translation>
    </message>
</context>
<context>
    <name>CriteriaButton</name>
    <message>
        <source>Entry c&amp;riteria…</source>
        <translation>Critères d&apos;&amp;entrée…</translation>
    </message>
    <message>
        <source>Choose a measure in the list first.</source>
        <translation>Choisissez d&apos;abord un dispositif dans la liste.</translation>
    </message>
</context>
<context>
    <name>CriteriaChecklist</name>
    <message>
        <source>Entry criteria (for information, they never block admission)</source>
        <translation>Critères d&apos;entrée (pour information, ne bloquent pas l&apos;admission)</translation>
    </message>
    <message>
        <source>This measure lists no entry criteria.</source>
        <translation>Ce dispositif ne liste aucun critère d&apos;entrée.</translation>
    </message>
    <message>
        <source>No longer offered for this measure: kept because it was ticked.</source>
        <translation>Plus proposé pour ce dispositif : conservé parce qu&apos;il avait été coché.</translation>
    </message>
</context>
<context>
    <name>CriteriaEditorDialog</name>
    <message>
        <source>Entry criteria of {measure}</source>
        <translation>Critères d&apos;entrée : {measure}</translation>
    </message>
    <message>
        <source>Shown as an unticked checklist at each referral to this measure, for information: they never block an admission. The funders&apos; exports count the entrants who met each.</source>
        <translation>Proposés sous forme de liste à cocher, non cochée, à chaque orientation vers ce dispositif, pour information : ils ne bloquent jamais une admission. Les exports pour les financeurs comptent les entrants qui remplissaient chacun.</translation>
    </message>
    <message>
        <source>&amp;Criteria:</source>
        <translation>&amp;Critères :</translation>
    </message>
</context>
<context>
    <name>CriteriaTable</name>
    <message>
        <source>Criterion</source>
        <translation>Critère</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Proposé</translation>
    </message>
    <message>
        <source>&amp;Add a criterion</source>
        <translation>&amp;Ajouter un critère</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Reti&amp;rer</translation>
    </message>
    <message>
        <source>A criterion already ticked for a household is deactivated, never deleted.</source>
        <translation>Un critère déjà coché pour un ménage est désactivé, jamais supprimé.</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Monter</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Descen&amp;dre</translation>
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
    <name>DebriefDecisionDialog</name>
    <message>
        <source>Debrief decision</source>
        <translation>Décision du débrief</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;Tâche</translation>
    </message>
    <message>
        <source>Debrief &amp;note</source>
        <translation>&amp;Note de débrief</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>Décision :</translation>
    </message>
    <message>
        <source>T&amp;ext:</source>
        <translation>Te&amp;xte :</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;Pour :</translation>
    </message>
    <message>
        <source>&amp;Due on:</source>
        <translation>&amp;Échéance :</translation>
    </message>
    <message>
        <source>&amp;Written on:</source>
        <translation>&amp;Datée du :</translation>
    </message>
</context>
<context>
    <name>DebriefNotesTableModel</name>
    <message>
        <source>(hidden note)</source>
        <translation>(note masquée)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>DebtDialog</name>
    <message>
        <source>New debt</source>
        <translation>Nouvelle dette</translation>
    </message>
    <message>
        <source>Edit debt</source>
        <translation>Modifier la dette</translation>
    </message>
    <message>
        <source>(another creditor: type its name below)</source>
        <translation>(autre créancier : saisissez son nom ci-dessous)</translation>
    </message>
    <message>
        <source>&amp;Creditor:</source>
        <translation>&amp;Créancier :</translation>
    </message>
    <message>
        <source>e.g. EDF, Trésor public</source>
        <translation>ex. EDF, Trésor public</translation>
    </message>
    <message>
        <source>Creditor &amp;name:</source>
        <translation>&amp;Nom du créancier :</translation>
    </message>
    <message>
        <source>Rent arrears</source>
        <translation>Dette de loyer</translation>
    </message>
    <message>
        <source>&amp;Amount (€):</source>
        <translation>&amp;Montant (€) :</translation>
    </message>
    <message>
        <source>Amount &amp;on:</source>
        <translation>Montant &amp;au :</translation>
    </message>
    <message>
        <source>Period &amp;from:</source>
        <translation>&amp;Période du :</translation>
    </message>
    <message>
        <source>Period &amp;until:</source>
        <translation>Période a&amp;u :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
</context>
<context>
    <name>DeclineDialog</name>
    <message>
        <source>No follow-up</source>
        <translation>Sans suite</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Date :</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
</context>
<context>
    <name>DemoDataPage</name>
    <message>
        <source>Demonstration data</source>
        <translation>Données de démonstration</translation>
    </message>
    <message>
        <source>You can add fictitious households (invented names and addresses) to try the application. Do not add them to a database that will hold real files: they would be counted with them.

They are shared among the teams of fictitious colleagues, and each person sees the households whose team they are on: you will be on about twenty of them; a team lead sees them all.</source>
        <translation>Vous pouvez ajouter des ménages fictifs (noms et adresses inventés) pour essayer l&apos;application. Ne les ajoutez pas à une base qui contiendra de vrais dossiers : ils seraient comptés avec eux.

Ils sont répartis entre les équipes de collègues fictifs, et chacun ne voit que les ménages à l&apos;équipe desquels il appartient : vous appartiendrez à celle d&apos;une vingtaine d&apos;entre eux ; un ou une chef·fe de service les voit tous.</translation>
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
    <name>DisclosureTableModel</name>
    <message>
        <source>Legal basis: {basis}</source>
        <translation>Base légale : {basis}</translation>
    </message>
    <message>
        <source>A copy went to the SIAO</source>
        <translation>Une copie a été adressée au SIAO</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Catégories</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Transmission</translation>
    </message>
    <message>
        <source>SIAO copy</source>
        <translation>Copie SIAO</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
</context>
<context>
    <name>DropInMonthTableModel</name>
    <message>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Visites</translation>
    </message>
    <message>
        <source>Ident.</source>
        <translation>Ident.</translation>
    </message>
    <message>
        <source>Anon.</source>
        <translation>Anon.</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Ménages</translation>
    </message>
</context>
<context>
    <name>DropInRegisterPage</name>
    <message>
        <source>A name, a number, or « anonyme »</source>
        <translation>Un nom, un numéro, ou « anonyme »</translation>
    </message>
    <message>
        <source>A&amp;nonymous</source>
        <translation>A&amp;nonyme</translation>
    </message>
    <message>
        <source>Alt+N, or type « anonyme » in the household field</source>
        <translation>Alt+N, ou tapez « anonyme » dans le champ du ménage</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Enter in any field of the row</source>
        <translation>Entrée dans n&apos;importe quel champ de la ligne</translation>
    </message>
    <message>
        <source>&amp;Household:</source>
        <translation>&amp;Ménage :</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Personne :</translation>
    </message>
    <message>
        <source>A&amp;ge:</source>
        <translation>Â&amp;ge :</translation>
    </message>
    <message>
        <source>Se&amp;x:</source>
        <translation>Se&amp;xe :</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>M&amp;otif :</translation>
    </message>
    <message>
        <source>T&amp;ime:</source>
        <translation>&amp;Heure :</translation>
    </message>
    <message>
        <source>◀ Previous day</source>
        <translation>◀ Jour précédent</translation>
    </message>
    <message>
        <source>Alt+Left</source>
        <translation>Alt+Gauche</translation>
    </message>
    <message>
        <source>Next day ▶</source>
        <translation>Jour suivant ▶</translation>
    </message>
    <message>
        <source>Alt+Right</source>
        <translation>Alt+Droite</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>&amp;Jour :</translation>
    </message>
    <message>
        <source>Delete the visit…</source>
        <translation>Supprimer la visite…</translation>
    </message>
    <message>
        <source>Only a visit recorded by mistake (Delete key in the list)</source>
        <translation>Seulement une visite notée par erreur (touche Suppr dans la liste)</translation>
    </message>
    <message>
        <source>Enter or a double click shows the day</source>
        <translation>Entrée ou un double clic affiche ce jour</translation>
    </message>
    <message>
        <source>Drop-in register</source>
        <translation>Registre de la permanence</translation>
    </message>
    <message>
        <source>&lt;b&gt;{day}&lt;/b&gt;: {counts}</source>
        <translation>&lt;b&gt;{day}&lt;/b&gt; : {counts}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{month}&lt;/b&gt;: {counts}</source>
        <translation>&lt;b&gt;{month}&lt;/b&gt; : {counts}</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s) of households followed by another team: counted, not listed.</source>
        <translation>
            <numerusform>%n visite d&apos;un ménage suivi par une autre équipe : comptée, non listée.</numerusform>
            <numerusform>%n visites de ménages suivis par une autre équipe : comptées, non listées.</numerusform>
        </translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>Nouvelle visite</translation>
    </message>
    <message>
        <source>New visit on {day}</source>
        <translation>Nouvelle visite le {day}</translation>
    </message>
    <message>
        <source>This is today</source>
        <translation>C&apos;est aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Recorded at {time}: {who}.</source>
        <translation>Enregistrée à {time} : {who}.</translation>
    </message>
    <message>
        <source>Delete the visit</source>
        <translation>Supprimer la visite</translation>
    </message>
    <message>
        <source>Delete the visit of {time} ({who})? Only a visit recorded by mistake should be deleted.</source>
        <translation>Supprimer la visite de {time} ({who}) ? Ne supprimez qu&apos;une visite notée par erreur.</translation>
    </message>
    <message>
        <source>Type part of a name or a number, or « anonyme ».</source>
        <translation>Tapez une partie d&apos;un nom ou un numéro, ou « anonyme ».</translation>
    </message>
    <message>
        <source>No household matches « {text} ».</source>
        <translation>Aucun ménage ne correspond à « {text} ».</translation>
    </message>
    <message>
        <source>Enter records the visit; Tab to name the person or the reason first.</source>
        <translation>Entrée enregistre la visite ; Tab pour indiquer d&apos;abord la personne ou le motif.</translation>
    </message>
    <message>
        <source>Several households match: choose one with the arrows and Enter.</source>
        <translation>Plusieurs ménages correspondent : choisissez-en un avec les flèches et Entrée.</translation>
    </message>
    <message>
        <source>The household</source>
        <translation>Le ménage</translation>
    </message>
    <message>
        <source>{name} (left the household)</source>
        <translation>{name} (a quitté le ménage)</translation>
    </message>
    <message>
        <source>{visits} — {identified}, {anonymous}; {households}</source>
        <translation>{visits} — {identified}, {anonymous} ; {households}</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n visite</numerusform>
            <numerusform>%n visites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identified</source>
        <translation>
            <numerusform>%n identifiée</numerusform>
            <numerusform>%n identifiées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n anonymous</source>
        <translation>
            <numerusform>%n anonyme</numerusform>
            <numerusform>%n anonymes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n household(s)</source>
        <translation>
            <numerusform>%n ménage</numerusform>
            <numerusform>%n ménages</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a visit in the list</source>
        <translation>Sélectionnez une visite dans la liste</translation>
    </message>
    <message>
        <source>Only whoever recorded the visit, or a team lead, may delete it</source>
        <translation>Seuls la personne qui a noté la visite et un chef de service peuvent la supprimer</translation>
    </message>
</context>
<context>
    <name>DropInVisitsTableModel</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>Visiteur</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Enregistrée par</translation>
    </message>
</context>
<context>
    <name>EmailDialog</name>
    <message>
        <source>To: {to}
Subject: {subject}</source>
        <translation>À : {to}
Objet : {subject}</translation>
    </message>
    <message>
        <source>&amp;Copy the text</source>
        <translation>&amp;Copier le texte</translation>
    </message>
    <message>
        <source>Save as .&amp;eml…</source>
        <translation>&amp;Enregistrer en .eml…</translation>
    </message>
    <message>
        <source>Save the e-mail</source>
        <translation>Enregistrer le courriel</translation>
    </message>
    <message>
        <source>The file could not be written: {error}</source>
        <translation>Le fichier n&apos;a pas pu être écrit : {error}</translation>
    </message>
</context>
<context>
    <name>EncountersSection</name>
    <message>
        <source>Drop-in register</source>
        <translation>Permanence</translation>
    </message>
    <message>
        <source>Street outreach</source>
        <translation>Maraude</translation>
    </message>
    <message>
        <source>Workshops</source>
        <translation>Ateliers</translation>
    </message>
</context>
<context>
    <name>EncountersTableModel</name>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
</context>
<context>
    <name>EndAfterCareDialog</name>
    <message>
        <source>End after-care</source>
        <translation>Clore le suivi post-accompagnement</translation>
    </message>
    <message>
        <source>&amp;Ended on:</source>
        <translation>&amp;Terminé le :</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>M&amp;otif :</translation>
    </message>
</context>
<context>
    <name>EndContractDialog</name>
    <message>
        <source>End the contract</source>
        <translation>Mettre fin au contrat</translation>
    </message>
    <message>
        <source>Expired (reached its term)</source>
        <translation>Échu (arrivé à son terme)</translation>
    </message>
    <message>
        <source>Terminated early</source>
        <translation>Résilié avant son terme</translation>
    </message>
    <message>
        <source>&amp;How it ends:</source>
        <translation>&amp;Fin :</translation>
    </message>
    <message>
        <source>&amp;On:</source>
        <translation>&amp;Le :</translation>
    </message>
    <message>
        <source>Required for an early end</source>
        <translation>Obligatoire pour une résiliation</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif :</translation>
    </message>
</context>
<context>
    <name>EndMembershipDialog</name>
    <message>
        <source>End a team membership</source>
        <translation>Fin de participation à l&apos;équipe</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>Membre :</translation>
    </message>
    <message>
        <source>e.g. end of the health follow-up, change of sector</source>
        <translation>ex. : fin du suivi santé, changement de secteur</translation>
    </message>
    <message>
        <source>&amp;Last day:</source>
        <translation>&amp;Dernier jour :</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif :</translation>
    </message>
    <message>
        <source>Choose the new coordinator…</source>
        <translation>Choisir le nouveau référent coordinateur…</translation>
    </message>
    <message>
        <source>New &amp;coordinator:</source>
        <translation>Nouveau référent &amp;coordinateur :</translation>
    </message>
    <message>
        <source>The new coordinator takes over the day after the last day.</source>
        <translation>Le nouveau référent coordinateur prend le relais le lendemain du dernier jour.</translation>
    </message>
    <message>
        <source>Choose the new coordinating referent before the current one leaves.</source>
        <translation>Choisissez le nouveau référent coordinateur avant le départ de l&apos;actuel.</translation>
    </message>
    <message>
        <source>You are leaving this household&apos;s team. After your last day ({date}) the household will no longer appear in your lists and searches: only its team and the team lead see it. Record your departure?</source>
        <translation>Vous quittez l&apos;équipe de ce ménage. Après votre dernier jour ({date}), le ménage n&apos;apparaîtra plus dans vos listes ni vos recherches : seuls les membres de son équipe et le ou la chef·fe de service le voient. Enregistrer votre départ ?</translation>
    </message>
</context>
<context>
    <name>EndPlanDialog</name>
    <message>
        <source>End the repayment plan</source>
        <translation>Mettre fin au plan d&apos;apurement</translation>
    </message>
    <message>
        <source>&amp;Ended on:</source>
        <translation>&amp;Terminé le :</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif :</translation>
    </message>
</context>
<context>
    <name>EpisodeCriteriaDialog</name>
    <message>
        <source>Entry criteria</source>
        <translation>Critères d&apos;entrée</translation>
    </message>
    <message>
        <source>Referral to {measure}</source>
        <translation>Orientation vers le dispositif {measure}</translation>
    </message>
</context>
<context>
    <name>EpisodeCriteriaView</name>
    <message>
        <source>C&amp;hange the criteria met…</source>
        <translation>Cocher les critères re&amp;mplis…</translation>
    </message>
    <message>
        <source>Record a referral first.</source>
        <translation>Enregistrez d&apos;abord une orientation.</translation>
    </message>
    <message>
        <source>For information: entry criteria never block an admission.</source>
        <translation>Pour information : les critères d&apos;entrée ne bloquent jamais une admission.</translation>
    </message>
    <message>
        <source>The measure lists no entry criteria.</source>
        <translation>Le dispositif ne liste aucun critère d&apos;entrée.</translation>
    </message>
    <message>
        <source>met</source>
        <translation>rempli</translation>
    </message>
    <message>
        <source>not ticked</source>
        <translation>non coché</translation>
    </message>
</context>
<context>
    <name>EpisodeTables</name>
    <message>
        <source>ongoing</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Contact rhythm</source>
        <translation>Rythme des contacts</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Decided in</source>
        <translation>Décidé en</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revue</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>en retard</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>Décidé le</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>{months} months</source>
        <translation>{months} mois</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Approuvé par</translation>
    </message>
    <message>
        <source>Justification</source>
        <translation>Justification</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Carried by</source>
        <translation>Porté par</translation>
    </message>
    <message>
        <source>Next review</source>
        <translation>Prochain bilan</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Prévu le</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Réalisé le</translation>
    </message>
</context>
<context>
    <name>EpisodesPanel</name>
    <message>
        <source>&amp;New referral…</source>
        <translation>&amp;Nouvelle orientation…</translation>
    </message>
    <message>
        <source>F&amp;unding…</source>
        <translation>&amp;Financement…</translation>
    </message>
    <message>
        <source>Episode:</source>
        <translation>Accompagnement :</translation>
    </message>
    <message>
        <source>Agreement in principle…</source>
        <translation>Accord de principe…</translation>
    </message>
    <message>
        <source>Waiting list…</source>
        <translation>Liste d&apos;attente…</translation>
    </message>
    <message>
        <source>&amp;Start support…</source>
        <translation>&amp;Activer l&apos;accompagnement…</translation>
    </message>
    <message>
        <source>No follow-up…</source>
        <translation>Sans suite…</translation>
    </message>
    <message>
        <source>Change &amp;intensity…</source>
        <translation>C&amp;hanger l&apos;intensité…</translation>
    </message>
    <message>
        <source>Sus&amp;pend…</source>
        <translation>&amp;Suspendre…</translation>
    </message>
    <message>
        <source>&amp;Resume…</source>
        <translation>&amp;Reprendre…</translation>
    </message>
    <message>
        <source>E&amp;xtend…</source>
        <translation>&amp;Prolonger…</translation>
    </message>
    <message>
        <source>C&amp;lose…</source>
        <translation>Clôt&amp;urer…</translation>
    </message>
    <message>
        <source>End after-care…</source>
        <translation>Clore le suivi…</translation>
    </message>
    <message>
        <source>Reacti&amp;vate…</source>
        <translation>Réacti&amp;ver…</translation>
    </message>
    <message>
        <source>New episode after this one…</source>
        <translation>Nouvel accompagnement à la suite…</translation>
    </message>
    <message>
        <source>Add &amp;objective…</source>
        <translation>Ajouter un o&amp;bjectif…</translation>
    </message>
    <message>
        <source>Update objective…</source>
        <translation>Mettre à jour l&apos;objectif…</translation>
    </message>
    <message>
        <source>Record review held…</source>
        <translation>Enregistrer un bilan réalisé…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Intensity</source>
        <translation>Intensité</translation>
    </message>
    <message>
        <source>Suspensions</source>
        <translation>Suspensions</translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation>Prolongations</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Objectifs</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Bilans</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Entry criteria</source>
        <translation>Critères d&apos;entrée</translation>
    </message>
    <message>
        <source>{measure} — {status} on {date}</source>
        <translation>{measure} — {status} le {date}</translation>
    </message>
    <message>
        <source>{measure} — {status} (since {date})</source>
        <translation>{measure} — {status} (depuis le {date})</translation>
    </message>
    <message>
        <source>Open a household first.</source>
        <translation>Ouvrez d&apos;abord un ménage.</translation>
    </message>
    <message>
        <source>No support episode yet.</source>
        <translation>Aucun accompagnement pour l&apos;instant.</translation>
    </message>
    <message>
        <source>No extension left under the measure&apos;s policy ({policy}).</source>
        <translation>Plus de prolongation possible selon le dispositif ({policy}).</translation>
    </message>
    <message>
        <source>Support is over: its objectives are kept as they were.</source>
        <translation>L&apos;accompagnement est terminé : ses objectifs restent tels qu&apos;ils étaient.</translation>
    </message>
    <message>
        <source>Record a referral first.</source>
        <translation>Enregistrez d&apos;abord une orientation.</translation>
    </message>
    <message>
        <source>Support has not started yet: reviews are counted from its start.</source>
        <translation>L&apos;accompagnement n&apos;a pas encore commencé : les bilans se comptent à partir de son début.</translation>
    </message>
    <message>
        <source>Referral: {date}{source}</source>
        <translation>Orientation : {date}{source}</translation>
    </message>
    <message>
        <source>Started {start} · {active} days active · {suspended} days suspended</source>
        <translation>Débuté le {start} · {active} jours actifs · {suspended} jours suspendus</translation>
    </message>
    <message>
        <source>{level}: {days} d</source>
        <translation>{level} : {days} j</translation>
    </message>
    <message>
        <source>Days per intensity level: {levels}</source>
        <translation>Jours par niveau d&apos;intensité : {levels}</translation>
    </message>
    <message>
        <source>Planned end: {date}</source>
        <translation>Fin prévue : {date}</translation>
    </message>
    <message numerus="yes">
        <source>passed %n day(s) ago</source>
        <translation>
            <numerusform>dépassée depuis %n jour</numerusform>
            <numerusform>dépassée depuis %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>{days} days left</source>
        <translation>{days} jours restants</translation>
    </message>
    <message>
        <source>Open-ended: reviews only</source>
        <translation>Sans limite de durée : bilans seulement</translation>
    </message>
    <message>
        <source>Extensions left under the measure&apos;s policy: {left}</source>
        <translation>Prolongations encore possibles selon les règles du dispositif : {left}</translation>
    </message>
    <message>
        <source>Ended {date}</source>
        <translation>Terminé le {date}</translation>
    </message>
    <message>
        <source>No follow-up: {reason}</source>
        <translation>Sans suite : {reason}</translation>
    </message>
    <message>
        <source>Follows an earlier episode (re-entry).</source>
        <translation>Fait suite à un accompagnement précédent (ré-entrée).</translation>
    </message>
    <message>
        <source>Not closed.</source>
        <translation>Non clôturé.</translation>
    </message>
    <message>
        <source>Exit reason</source>
        <translation>Motif de sortie</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Objectives met</source>
        <translation>Objectifs atteints</translation>
    </message>
    <message>
        <source>Narrative</source>
        <translation>Récit</translation>
    </message>
    <message>
        <source>No handover, because</source>
        <translation>Pas de relais, car</translation>
    </message>
    <message>
        <source>Services taking over</source>
        <translation>Services qui prennent le relais</translation>
    </message>
    <message>
        <source>Named contact</source>
        <translation>Contact nommé</translation>
    </message>
    <message>
        <source>Handover date</source>
        <translation>Date du relais</translation>
    </message>
    <message>
        <source>Handover note</source>
        <translation>Remarque sur le relais</translation>
    </message>
    <message>
        <source>After-care</source>
        <translation>Suivi post-accompagnement</translation>
    </message>
    <message>
        <source>Funding: not given</source>
        <translation>Financement : non renseigné</translation>
    </message>
    <message>
        <source>Funding: {summary}</source>
        <translation>Financement : {summary}</translation>
    </message>
    <message>
        <source>{funding} (the measure&apos;s)</source>
        <translation>{funding} (celui du dispositif)</translation>
    </message>
    <message>
        <source>{funding} — proposed from the former text, to check</source>
        <translation>{funding} — proposé à partir de l&apos;ancienne saisie, à vérifier</translation>
    </message>
    <message>
        <source>Agreement in principle</source>
        <translation>Accord de principe</translation>
    </message>
    <message>
        <source>Waiting list</source>
        <translation>Liste d&apos;attente</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <source>Escalate {reference}</source>
        <translation>Escalader {reference}</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Niveau :</translation>
    </message>
    <message>
        <source>e.g. prevention platform, CCAPEX, the landlord&apos;s agency head</source>
        <translation>ex. plateforme de prévention, CCAPEX, responsable d&apos;agence du bailleur</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>&amp;Instance saisie :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
</context>
<context>
    <name>EvidenceField</name>
    <message>
        <source>No scan attached</source>
        <translation>Aucun scan joint</translation>
    </message>
    <message>
        <source>Attach the &amp;scan…</source>
        <translation>Joindre le &amp;scan…</translation>
    </message>
    <message>
        <source>— original filed in —</source>
        <translation>— original classé dans —</translation>
    </message>
    <message>
        <source>Where the signed original is filed</source>
        <translation>Lieu de classement de l&apos;original signé</translation>
    </message>
    <message>
        <source>reference, e.g. file no. or binder</source>
        <translation>cote, ex. : n° de dossier ou classeur</translation>
    </message>
    <message>
        <source>Reference of the signed original</source>
        <translation>Cote de l&apos;original signé</translation>
    </message>
    <message>
        <source>A verbal agreement is no proof: without the signed form it stays requested.</source>
        <translation>Un accord oral ne suffit pas : sans le formulaire signé, le consentement reste « demandé ».</translation>
    </message>
    <message>
        <source>The file is larger than 20 MB: scan it at a lower resolution.</source>
        <translation>Le fichier dépasse 20 Mo : numérisez-le en résolution plus faible.</translation>
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
    <name>ExitFields</name>
    <message>
        <source>End date:</source>
        <translation>Date de fin :</translation>
    </message>
    <message>
        <source>Exit reason:</source>
        <translation>Motif de sortie :</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(inconnue)</translation>
    </message>
    <message>
        <source>Destination:</source>
        <translation>Destination :</translation>
    </message>
    <message>
        <source>Objectives met:</source>
        <translation>Objectifs atteints :</translation>
    </message>
    <message>
        <source>In the household&apos;s own words (optional)</source>
        <translation>Dans les mots du ménage (facultatif)</translation>
    </message>
    <message>
        <source>Narrative:</source>
        <translation>Récit :</translation>
    </message>
    <message>
        <source>Handover plan</source>
        <translation>Passage de relais</translation>
    </message>
    <message>
        <source>e.g. MDS, CCAS, the landlord&apos;s social adviser, CMP</source>
        <translation>Par exemple : MDS, CCAS, conseiller·ère social·e du bailleur, CMP</translation>
    </message>
    <message>
        <source>Services taking over:</source>
        <translation>Services qui prennent le relais :</translation>
    </message>
    <message>
        <source>Named contact:</source>
        <translation>Contact nommé :</translation>
    </message>
    <message>
        <source>Handover date:</source>
        <translation>Date du relais :</translation>
    </message>
    <message>
        <source>Handover meeting, note:</source>
        <translation>Rencontre de relais, note :</translation>
    </message>
    <message>
        <source>No handover</source>
        <translation>Pas de passage de relais</translation>
    </message>
    <message>
        <source>Why there is no handover (required)</source>
        <translation>Pourquoi il n&apos;y a pas de relais (obligatoire)</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Pourquoi :</translation>
    </message>
</context>
<context>
    <name>ExportsPage</name>
    <message>
        <source>Exports for funders</source>
        <translation>Exports pour les financeurs</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Aperçu</translation>
    </message>
    <message>
        <source>Compute and protect the figures (Ctrl+Enter)</source>
        <translation>Calculer et protéger les chiffres (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>&amp;Households</source>
        <translation>&amp;Ménages</translation>
    </message>
    <message>
        <source>P&amp;ersons</source>
        <translation>P&amp;ersonnes</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>Edit the p&amp;rofile…</source>
        <translation>Modifier le p&amp;rofil…</translation>
    </message>
    <message>
        <source>Its measures, its threshold, the indicators it asks for</source>
        <translation>Ses mesures, son seuil, les indicateurs qu&apos;il demande</translation>
    </message>
    <message>
        <source>Exit &amp;narratives…</source>
        <translation>Récits de &amp;sortie…</translation>
    </message>
    <message>
        <source>The qualitative export: the exit narratives of the period, checked, read and ticked one by one</source>
        <translation>L&apos;export qualitatif : les récits de sortie de la période, vérifiés, relus et cochés un à un</translation>
    </message>
    <message>
        <source>&amp;Funder:</source>
        <translation>&amp;Financeur :</translation>
    </message>
    <message>
        <source>from</source>
        <translation>du</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Période :</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <source>Enter the period (dd/mm/yyyy).</source>
        <translation>Saisissez la période (jj/mm/aaaa).</translation>
    </message>
    <message>
        <source>Computing and protecting the figures…</source>
        <translation>Calcul et protection des chiffres…</translation>
    </message>
    <message>
        <source>Export the figures</source>
        <translation>Exporter les chiffres</translation>
    </message>
    <message>
        <source>Writing the export…</source>
        <translation>Écriture de l&apos;export…</translation>
    </message>
    <message>
        <source>Export written: {path}
{hidden} cells hidden by statistical secrecy ({primary} primary, {secondary} secondary).
SHA-256: {digest}</source>
        <translation>Export écrit : {path}
{hidden} cases masquées par le secret statistique ({primary} primaires, {secondary} secondaires).
SHA-256 : {digest}</translation>
    </message>
    <message>
        <source>{profile} · {start} – {end} · état au {as_of}</source>
        <translation>{profile} · du {start} au {end} · état au {as_of}</translation>
    </message>
    <message>
        <source>{hidden} cells hidden ({primary} primary, {secondary} secondary): « s » (secret statistique) hides a count from 1 to {below}, and whatever would let it be recomputed from the totals.</source>
        <translation>{hidden} cases masquées ({primary} primaires, {secondary} secondaires) : « s » (secret statistique) masque un effectif de 1 à {below}, et ce qui permettrait de retrouver cet effectif à partir des totaux.</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>Taux</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <source>Avoided costs</source>
        <translation>Coûts évités</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Hidden: statistical secrecy</source>
        <translation>Masqué : secret statistique</translation>
    </message>
    <message>
        <source>Rates are computed from the counts, never typed or stored.</source>
        <translation>Les taux sont calculés à partir des effectifs : jamais saisis ni enregistrés.</translation>
    </message>
    <message>
        <source>A median or a mean is withheld (« s ») when fewer households than the threshold contribute.</source>
        <translation>Une médiane ou une moyenne est masquée (« s ») quand moins de ménages que le seuil y contribuent.</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>Définition</translation>
    </message>
    <message>
        <source>No funder profile is active.</source>
        <translation>Aucun profil de financeur n&apos;est actif.</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <source>Extend support</source>
        <translation>Prolonger l&apos;accompagnement</translation>
    </message>
    <message>
        <source>Planned end:</source>
        <translation>Fin prévue :</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Extensions left:</source>
        <translation>Prolongations restantes :</translation>
    </message>
    <message>
        <source>&amp;Decided on:</source>
        <translation>&amp;Décidé le :</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>D&amp;urée :</translation>
    </message>
    <message>
        <source>(choose a team lead)</source>
        <translation>(choisir un·e chef·fe de service)</translation>
    </message>
    <message>
        <source>&amp;Approved by:</source>
        <translation>&amp;Approuvé par :</translation>
    </message>
    <message>
        <source>&amp;Justification:</source>
        <translation>&amp;Justification :</translation>
    </message>
    <message>
        <source>Decided &amp;in:</source>
        <translation>Décidé &amp;en :</translation>
    </message>
    <message>
        <source>An extension is recorded by the team lead who approves it, logged in under their own name: ask them to record it.</source>
        <translation>Une prolongation est enregistrée par le chef de service qui l&apos;approuve, connecté sous son propre nom : demandez-lui de l&apos;enregistrer.</translation>
    </message>
</context>
<context>
    <name>FillAgendaDialog</name>
    <message>
        <source>Fill the agenda</source>
        <translation>Remplir l&apos;ordre du jour</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) proposed from the records (reviews due, planned ends, glissements, candidates).</source>
        <translation>
            <numerusform>%n point proposé d&apos;après les dossiers (bilans dus, fins prévues, glissements, candidats).</numerusform>
            <numerusform>%n points proposés d&apos;après les dossiers (bilans dus, fins prévues, glissements, candidats).</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Untick all</source>
        <translation>Tout &amp;décocher</translation>
    </message>
    <message>
        <source>&amp;Tick all</source>
        <translation>Tout &amp;cocher</translation>
    </message>
    <message>
        <source>&amp;Add to the agenda</source>
        <translation>&amp;Ajouter à l&apos;ordre du jour</translation>
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
        <translation>Annulé : aucun ménage fictif n&apos;a été ajouté.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>e.g. 350,00</source>
        <translation>ex. 350,00</translation>
    </message>
</context>
<context>
    <name>FormErrors</name>
    <message>
        <source>This date is unusual: {date} ({reason}). Confirm it?</source>
        <translation>Cette date est inhabituelle : {date} ({reason}). La confirmer ?</translation>
    </message>
    <message>
        <source>These dates are unusual:
{dates}
Confirm them?</source>
        <translation>Ces dates sont inhabituelles :
{dates}
Les confirmer ?</translation>
    </message>
    <message>
        <source>Unusual date</source>
        <translation>Date inhabituelle</translation>
    </message>
</context>
<context>
    <name>FundingDialog</name>
    <message>
        <source>Funding</source>
        <translation>Financement</translation>
    </message>
    <message>
        <source>&amp;Own funding for this episode</source>
        <translation>Financement &amp;propre à cet accompagnement</translation>
    </message>
    <message>
        <source>Otherwise, the measure&apos;s: {summary}</source>
        <translation>Sinon, celui du dispositif : {summary}</translation>
    </message>
    <message>
        <source>Proposed from the former text « {text} »: check the shares, then save.</source>
        <translation>Proposé à partir de l&apos;ancienne saisie « {text} » : vérifiez les parts, puis enregistrez.</translation>
    </message>
    <message>
        <source>The measure&apos;s lines were proposed from its former text « {text} »: they are confirmed in Settings, Measures, Funding.</source>
        <translation>Les lignes du dispositif ont été proposées à partir de son ancienne saisie « {text} » : elles se confirment dans Paramètres › Dispositifs › Financement.</translation>
    </message>
    <message>
        <source>Funder</source>
        <translation>Financeur</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>&amp;Add a funder</source>
        <translation>&amp;Ajouter un financeur</translation>
    </message>
    <message>
        <source>&amp;Remove the line</source>
        <translation>&amp;Retirer la ligne</translation>
    </message>
    <message>
        <source>&amp;New funder…</source>
        <translation>&amp;Nouveau financeur…</translation>
    </message>
    <message>
        <source>&amp;Lines:</source>
        <translation>&amp;Lignes :</translation>
    </message>
    <message>
        <source>Tick own funding first.</source>
        <translation>Cochez d&apos;abord « Financement propre à cet accompagnement ».</translation>
    </message>
    <message>
        <source>(choose a funder)</source>
        <translation>(choisissez un financeur)</translation>
    </message>
    <message>
        <source>New funder</source>
        <translation>Nouveau financeur</translation>
    </message>
    <message>
        <source>Name of the funder:</source>
        <translation>Nom du financeur :</translation>
    </message>
    <message>
        <source>Total: {total} %</source>
        <translation>Total : {total} %</translation>
    </message>
</context>
<context>
    <name>GlissementReviewDialog</name>
    <message>
        <source>Glissement review</source>
        <translation>Revue du glissement</translation>
    </message>
    <message>
        <source>Postponed:</source>
        <translation>Reporté :</translation>
    </message>
    <message>
        <source>by the meeting, to {date}</source>
        <translation>par la réunion, au {date}</translation>
    </message>
    <message>
        <source>&amp;Rent and charges paid regularly</source>
        <translation>&amp;Loyer et charges payés régulièrement</translation>
    </message>
    <message>
        <source>&amp;Debt settled, or a repayment plan kept</source>
        <translation>&amp;Dette soldée, ou plan d&apos;apurement respecté</translation>
    </message>
    <message>
        <source>The household &amp;wishes to take over the lease</source>
        <translation>Le ménage &amp;souhaite reprendre le bail</translation>
    </message>
    <message>
        <source>&amp;Home insurance in the household&apos;s name</source>
        <translation>Assurance &amp;habitation au nom du ménage</translation>
    </message>
    <message>
        <source>&amp;Decide by:</source>
        <translation>Décider a&amp;vant le :</translation>
    </message>
    <message>
        <source>The COSI before this date gets the review on its proposed agenda; it alone decides.</source>
        <translation>Le COSI qui précède cette date reçoit la revue dans son ordre du jour proposé ; lui seul décide.</translation>
    </message>
</context>
<context>
    <name>HouseholdChooserDialog</name>
    <message>
        <source>Which household?</source>
        <translation>Quel ménage ?</translation>
    </message>
    <message>
        <source>The households you opened lately come first. Type to search.</source>
        <translation>Les ménages que vous avez ouverts récemment viennent en premier. Tapez pour chercher.</translation>
    </message>
    <message>
        <source>Search a name, a pseudonym, a number…</source>
        <translation>Chercher un nom, un pseudonyme, un numéro…</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Choisir</translation>
    </message>
</context>
<context>
    <name>HouseholdContractsPanel</name>
    <message>
        <source>&amp;New contract…</source>
        <translation>&amp;Nouveau contrat…</translation>
    </message>
    <message>
        <source>&amp;Fiche navette…</source>
        <translation>&amp;Fiche navette…</translation>
    </message>
    <message>
        <source>Liaison sheet for the landlord, from what the household agreed to share</source>
        <translation>Fiche navette pour le bailleur, avec ce que le ménage a accepté de transmettre</translation>
    </message>
    <message>
        <source>Summary &amp;for the household…</source>
        <translation>&amp;Résumé pour le ménage…</translation>
    </message>
    <message>
        <source>One page in plain French: referents, what is shared, how to withdraw</source>
        <translation>Une page en français simple : référents, ce qui est transmis, comment retirer son accord</translation>
    </message>
    <message>
        <source>Documents sent to partners (disclosure log)</source>
        <translation>Documents transmis aux partenaires (registre des transmissions)</translation>
    </message>
    <message>
        <source>Open a household first.</source>
        <translation>Ouvrez d&apos;abord un ménage.</translation>
    </message>
    <message>
        <source>Consents and what was shared are not shown to volunteers.</source>
        <translation>Les consentements et ce qui a été transmis ne sont pas affichés aux bénévoles.</translation>
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
        <source>social housing application, e.g. 035 26 12345</source>
        <translation>demande de logement social, p. ex. 035 26 12345</translation>
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
        <translation>Nombre d&apos;a&amp;nimaux :</translation>
    </message>
    <message>
        <source>Pets (&amp;details):</source>
        <translation>Animaux (dé&amp;tail) :</translation>
    </message>
    <message>
        <source>&amp;Situation before entry:</source>
        <translation>&amp;Situation avant l&apos;entrée :</translation>
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
        <source>Numéro &amp;unique:</source>
        <translation>Numéro &amp;unique :</translation>
    </message>
    <message>
        <source>Numéro unique &amp;valid until:</source>
        <translation>Numéro unique &amp;valable jusqu&apos;au :</translation>
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
        <translation>Date d&apos;&amp;arrivée :</translation>
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
        <source>&amp;Members</source>
        <translation>&amp;Composition</translation>
    </message>
    <message>
        <source>S&amp;upport</source>
        <translation>Accompagn&amp;ement</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>É&amp;quipe</translation>
    </message>
    <message>
        <source>C&amp;ontacts</source>
        <translation>Con&amp;tacts</translation>
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
        <source>&amp;Glissement review…</source>
        <translation>Revue du &amp;glissement…</translation>
    </message>
    <message>
        <source>&amp;Housing</source>
        <translation>&amp;Logement</translation>
    </message>
    <message>
        <source>&amp;Consents</source>
        <translation>C&amp;onsentements</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>&amp;Alertes</translation>
    </message>
    <message>
        <source>&amp;Debts and procedure</source>
        <translation>&amp;Dettes et procédure</translation>
    </message>
    <message>
        <source>Cont&amp;racts</source>
        <translation>Cont&amp;rats</translation>
    </message>
    <message>
        <source>Tas&amp;ks and notes</source>
        <translation>Tâc&amp;hes et notes</translation>
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
        <translation>avant l&apos;entrée : {situation}</translation>
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
        <source>numéro unique: {number}</source>
        <translation>numéro unique : {number}</translation>
    </message>
    <message>
        <source>(valid until {date})</source>
        <translation>(valable jusqu&apos;au {date})</translation>
    </message>
    <message>
        <source>No housing situation recorded yet.</source>
        <translation>Aucune situation de logement enregistrée pour l&apos;instant.</translation>
    </message>
    <message>
        <source>The household has no current housing situation.</source>
        <translation>Le ménage n&apos;a pas de situation de logement en cours.</translation>
    </message>
    <message>
        <source>Only a current sub-lease in bail glissant is reviewed for glissement.</source>
        <translation>Seule une sous-location en cours en bail glissant fait l&apos;objet d&apos;une revue du glissement.</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Logement</translation>
    </message>
    <message>
        <source>Select a period in the list first.</source>
        <translation>Sélectionnez d&apos;abord une période dans la liste.</translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation>Annuler le dernier changement</translation>
    </message>
    <message>
        <source>Delete the period &quot;{status}&quot; from {start} and reopen the previous one?</source>
        <translation>Supprimer la période « {status} » commencée le {start} et rouvrir la précédente ?</translation>
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
    <message>
        <source>New &amp;contact…</source>
        <translation>Nouveau &amp;contact…</translation>
    </message>
    <message>
        <source>Record a visit, a call or an attempt for the selected household (Ctrl+K)</source>
        <translation>Enregistrer une visite, un appel ou une tentative pour le ménage sélectionné (Ctrl+K)</translation>
    </message>
    <message>
        <source>For which household do you record a contact?</source>
        <translation>Pour quel ménage enregistrez-vous un contact ?</translation>
    </message>
    <message numerus="yes">
        <source>More than %n of {total} household(s)</source>
        <translation>
            <numerusform>Plus de %n ménage sur {total}</numerusform>
            <numerusform>Plus de %n ménages sur {total}</numerusform>
        </translation>
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
    <name>HouseholdPicker</name>
    <message>
        <source>Type part of a name or a number</source>
        <translation>Tapez une partie d&apos;un nom ou d&apos;un numéro</translation>
    </message>
</context>
<context>
    <name>HouseholdSummary</name>
    <message>
        <source>Summary for the household</source>
        <translation>Résumé pour le ménage</translation>
    </message>
    <message>
        <source>This summary is for the household itself: give it to them. Printing or saving it sends nothing to a partner.</source>
        <translation>Ce résumé est destiné au ménage lui-même : remettez-le-lui. L&apos;imprimer ou l&apos;enregistrer ne transmet rien à un partenaire.</translation>
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
    <message>
        <source>{household} — member: {member}</source>
        <translation>{household} — membre : {member}</translation>
    </message>
    <message>
        <source>{household} — former member: {member}</source>
        <translation>{household} — ancien membre : {member}</translation>
    </message>
</context>
<context>
    <name>HouseholdTasksTab</name>
    <message>
        <source>Debrief &amp;decision…</source>
        <translation>Décision du dé&amp;brief…</translation>
    </message>
    <message>
        <source>A task for someone of the team, or a dated debrief note</source>
        <translation>Une tâche pour quelqu&apos;un de l&apos;équipe, ou une note de débrief datée</translation>
    </message>
    <message>
        <source>Task d&amp;one…</source>
        <translation>Tâche &amp;faite…</translation>
    </message>
    <message>
        <source>Cance&amp;l the task…</source>
        <translation>A&amp;nnuler la tâche…</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>Debrief notes (the team reads them; never in a partner document)</source>
        <translation>Notes de débrief (l&apos;équipe les lit ; jamais dans un document pour un partenaire)</translation>
    </message>
    <message>
        <source>Select a task first.</source>
        <translation>Sélectionnez d&apos;abord une tâche.</translation>
    </message>
    <message>
        <source>This task is closed already.</source>
        <translation>Cette tâche est déjà fermée.</translation>
    </message>
</context>
<context>
    <name>HouseholdsSection</name>
    <message>
        <source>Household closed</source>
        <translation>Dossier fermé</translation>
    </message>
    <message>
        <source>A change of its team means you no longer follow this household: its file was closed and it no longer appears in your lists. Ask its team or the team lead if this is a mistake.</source>
        <translation>À la suite d&apos;un changement dans son équipe, vous ne suivez plus ce ménage : son dossier a été fermé et il n&apos;apparaît plus dans vos listes. En cas d&apos;erreur, adressez-vous à son équipe ou à votre chef·fe de service.</translation>
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
    <name>IntensityDialog</name>
    <message>
        <source>Change intensity</source>
        <translation>Changer l&apos;intensité</translation>
    </message>
    <message>
        <source>Current:</source>
        <translation>Actuelle :</translation>
    </message>
    <message>
        <source>{level} since {date}</source>
        <translation>{level} depuis le {date}</translation>
    </message>
    <message>
        <source>&amp;New level:</source>
        <translation>&amp;Nouveau niveau :</translation>
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
        <source>e.g. COSI, team meeting</source>
        <translation>ex. : COSI, réunion d&apos;équipe</translation>
    </message>
    <message>
        <source>Decided &amp;in:</source>
        <translation>Décidé &amp;en :</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>Add an item</source>
        <translation>Ajouter un point</translation>
    </message>
    <message>
        <source>e.g. A neighbour&apos;s complaint, the summer on-call rota</source>
        <translation>Par exemple : plainte d&apos;un voisin, astreintes d&apos;été</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Intitulé :</translation>
    </message>
    <message>
        <source>Left empty: an item for the whole team</source>
        <translation>Laissé vide : un point pour toute l&apos;équipe</translation>
    </message>
    <message>
        <source>Choose the household among the matches, or leave the field empty.</source>
        <translation>Choisissez le ménage parmi les propositions, ou laissez le champ vide.</translation>
    </message>
    <message>
        <source>&amp;Household:</source>
        <translation>&amp;Ménage :</translation>
    </message>
</context>
<context>
    <name>JoinTeamPage</name>
    <message>
        <source>Join your team&apos;s server</source>
        <translation>Rejoindre le serveur de votre équipe</translation>
    </message>
    <message>
        <source>Your association&apos;s administrator gave you an enrolment code and the certificate of the association&apos;s authority (a .crt file). Your files will stay on the server, not on this computer.</source>
        <translation>La personne qui administre le serveur de l&apos;association vous a remis un code d&apos;inscription et le certificat de l&apos;autorité de l&apos;association (un fichier .crt). Les dossiers resteront sur le serveur, pas sur cet ordinateur.</translation>
    </message>
    <message>
        <source>association-ca.crt</source>
        <translation>autorite-association.crt</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Enrolment &amp;code:</source>
        <translation>&amp;Code d&apos;inscription :</translation>
    </message>
    <message>
        <source>&amp;Authority (CA):</source>
        <translation>&amp;Autorité (CA) :</translation>
    </message>
    <message>
        <source>Your &amp;password:</source>
        <translation>Votre &amp;mot de passe :</translation>
    </message>
    <message>
        <source>C&amp;onfirm:</source>
        <translation>C&amp;onfirmation :</translation>
    </message>
    <message>
        <source>Certificate of the association&apos;s authority</source>
        <translation>Certificat de l&apos;autorité de l&apos;association</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem)</source>
        <translation>Certificats (*.crt *.pem)</translation>
    </message>
    <message>
        <source>File not found: {path}</source>
        <translation>Fichier introuvable : {path}</translation>
    </message>
    <message>
        <source>Team server</source>
        <translation>Serveur de l&apos;équipe</translation>
    </message>
    <message>
        <source>Joining the team&apos;s server…</source>
        <translation>Inscription auprès du serveur de l&apos;équipe…</translation>
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
        <translation>Aucun trousseau sécurisé n&apos;est disponible sur cet ordinateur : la clé sera tirée d&apos;une phrase de passe.</translation>
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
    <name>LegalBasisBox</name>
    <message>
        <source>Legal bases: sharing despite a refusal</source>
        <translation>Bases légales : partager malgré un refus</translation>
    </message>
    <message>
        <source>New legal &amp;basis…</source>
        <translation>Nouvelle &amp;base légale…</translation>
    </message>
    <message>
        <source>Wit&amp;hdraw the legal basis…</source>
        <translation>Reti&amp;rer la base légale…</translation>
    </message>
    <message>
        <source>Only the team lead, logged in, decides this.</source>
        <translation>Seul le chef de service, connecté sous son nom, en décide.</translation>
    </message>
    <message>
        <source>Select a legal basis in the list first.</source>
        <translation>Sélectionnez d&apos;abord une base légale dans la liste.</translation>
    </message>
    <message>
        <source>This legal basis was already withdrawn.</source>
        <translation>Cette base légale a déjà été retirée.</translation>
    </message>
</context>
<context>
    <name>LegalBasisDialog</name>
    <message>
        <source>New legal basis</source>
        <translation>Nouvelle base légale</translation>
    </message>
    <message>
        <source>A refusal is respected and support goes on. Record here only a ground in law (court order, referral required by law…) that allows sharing despite it: it is written to the disclosure log of each document sent on it.</source>
        <translation>Un refus est respecté et l&apos;accompagnement continue. N&apos;enregistrez ici qu&apos;un fondement légal (décision de justice, signalement imposé par la loi…) qui permet de partager malgré ce refus : il est inscrit au registre des transmissions de chaque document envoyé sur cette base.</translation>
    </message>
    <message>
        <source>Every adult of the household</source>
        <translation>Tous les adultes du ménage</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;Pour :</translation>
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
        <source>e.g. Referral to the CCAPEX required by law (article …)</source>
        <translation>ex. : signalement à la CCAPEX imposé par la loi (article …)</translation>
    </message>
    <message>
        <source>&amp;Ground in law:</source>
        <translation>&amp;Fondement légal :</translation>
    </message>
    <message>
        <source>&amp;Decided on:</source>
        <translation>Décidée &amp;le :</translation>
    </message>
    <message>
        <source>&amp;Ends on:</source>
        <translation>&amp;Fin le :</translation>
    </message>
    <message>
        <source>Choose the recipient.</source>
        <translation>Choisissez le destinataire.</translation>
    </message>
</context>
<context>
    <name>LegalBasisTableModel</name>
    <message>
        <source>For</source>
        <translation>Pour</translation>
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
        <source>Ground</source>
        <translation>Fondement</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>Décidée le</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>En vigueur</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Décidée par</translation>
    </message>
    <message>
        <source>withdrawn on {date}</source>
        <translation>retirée le {date}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>until {date}</source>
        <translation>jusqu&apos;au {date}</translation>
    </message>
    <message>
        <source>from {date}</source>
        <translation>à partir du {date}</translation>
    </message>
    <message>
        <source>ended on {date}</source>
        <translation>terminée le {date}</translation>
    </message>
</context>
<context>
    <name>LetterheadAddressDialog</name>
    <message>
        <source>Address on the letterhead</source>
        <translation>Adresse de l&apos;en-tête</translation>
    </message>
    <message>
        <source>One line each: street, then postcode and town</source>
        <translation>Une ligne par élément : la rue, puis le code postal et la commune</translation>
    </message>
    <message>
        <source>Association:</source>
        <translation>Association :</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse :</translation>
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
    <name>LetterheadPanel</name>
    <message>
        <source>Choose a &amp;logo…</source>
        <translation>Choisir un &amp;logo…</translation>
    </message>
    <message>
        <source>A PNG or JPEG image of at most 2 MB.</source>
        <translation>Une image PNG ou JPEG de 2 Mo au plus.</translation>
    </message>
    <message>
        <source>Remo&amp;ve the logo</source>
        <translation>Re&amp;tirer le logo</translation>
    </message>
    <message>
        <source>Edit the &amp;address…</source>
        <translation>Modifier l&apos;&amp;adresse…</translation>
    </message>
    <message>
        <source>The address, phone and e-mail printed under the association&apos;s name.</source>
        <translation>L&apos;adresse, le téléphone et le courriel imprimés sous le nom de l&apos;association.</translation>
    </message>
    <message>
        <source>Printed at the top of every contract, liaison sheet and letter.</source>
        <translation>Imprimé en haut de chaque contrat, fiche navette et courrier.</translation>
    </message>
    <message>
        <source>No address, phone or e-mail yet.</source>
        <translation>Pas encore d&apos;adresse, de téléphone ni de courriel.</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Pas de logo</translation>
    </message>
    <message>
        <source>The logo cannot be shown.</source>
        <translation>Le logo ne peut pas être affiché.</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>Choisir un logo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Remove the logo</source>
        <translation>Retirer le logo</translation>
    </message>
    <message>
        <source>Documents will be printed without a logo. Remove it?</source>
        <translation>Les documents seront imprimés sans logo. Le retirer ?</translation>
    </message>
</context>
<context>
    <name>LevelsTable</name>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Every (days)</source>
        <translation>Tous les (jours)</translation>
    </message>
    <message>
        <source>Weight (%)</source>
        <translation>Poids (%)</translation>
    </message>
    <message>
        <source>No contact after (days)</source>
        <translation>Sans contact après (jours)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Expected contacts per period; leave both empty for &apos;on request&apos;.</source>
        <translation>Nombre de contacts attendus par période ; laissez les deux cases vides pour « à la demande ».</translation>
    </message>
    <message>
        <source>Caseload weight: 100 counts as one household, 200 as two.</source>
        <translation>Poids dans la file active : 100 compte pour un ménage, 200 pour deux.</translation>
    </message>
    <message>
        <source>The household is flagged after this many days without a successful contact (empty: never).</source>
        <translation>Le ménage est signalé après ce nombre de jours sans contact abouti (vide : jamais).</translation>
    </message>
    <message>
        <source>&amp;Add a level</source>
        <translation>&amp;Ajouter un niveau</translation>
    </message>
    <message>
        <source>Remo&amp;ve the level</source>
        <translation>Retirer le ni&amp;veau</translation>
    </message>
    <message>
        <source>A level already used keeps its history: it is deactivated, never deleted.</source>
        <translation>Un niveau déjà utilisé garde son historique : il est désactivé, jamais supprimé.</translation>
    </message>
    <message>
        <source>Level {row}, {column}: type a whole number, or nothing.</source>
        <translation>Niveau {row}, {column} : saisissez un nombre entier, ou rien.</translation>
    </message>
</context>
<context>
    <name>LiaisonSheetDialog</name>
    <message>
        <source>Liaison sheet for a landlord</source>
        <translation>Fiche navette pour un bailleur</translation>
    </message>
    <message>
        <source>The sheet always gives the support measure, who to call and the coming meetings. Tick what else it should carry: only what every adult of the household agreed in writing to share with this landlord.</source>
        <translation>La fiche indique toujours le dispositif, qui appeler et les prochains rendez-vous. Cochez ce qu&apos;elle doit contenir en plus : seulement ce que chaque adulte du ménage a accepté par écrit de transmettre à ce bailleur.</translation>
    </message>
    <message>
        <source>This household deals with no landlord yet: there is no current dwelling, consent or contract with a landlord. Record the dwelling or the household&apos;s consent first.</source>
        <translation>Ce ménage n&apos;a encore affaire à aucun bailleur : ni logement en cours, ni consentement, ni contrat avec un bailleur. Enregistrez d&apos;abord le logement ou le consentement du ménage.</translation>
    </message>
    <message>
        <source>{name} (current dwelling)</source>
        <translation>{name} (logement actuel)</translation>
    </message>
    <message>
        <source>No landlord</source>
        <translation>Aucun bailleur</translation>
    </message>
    <message>
        <source>Categories of housing information</source>
        <translation>Catégories d&apos;informations sur le logement</translation>
    </message>
    <message>
        <source>Always included: the sheet names the adults of the household.</source>
        <translation>Toujours incluse : la fiche nomme les adultes du ménage.</translation>
    </message>
    <message>
        <source>Optional. Housing matters only (a visit, a meeting, a repair): never health, justice, family or money matters other than the rent.</source>
        <translation>Facultatif. Seulement ce qui concerne le logement (une visite, un rendez-vous, une réparation) : jamais la santé, la justice, la famille ni l&apos;argent hors loyer.</translation>
    </message>
    <message>
        <source>Copy to the &amp;SIAO</source>
        <translation>Copie au &amp;SIAO</translation>
    </message>
    <message>
        <source>Records that the SIAO receives a copy of the sheet.</source>
        <translation>Indique que le SIAO reçoit une copie de la fiche (l&apos;accord du ménage pour le SIAO est vérifié aussi).</translation>
    </message>
    <message>
        <source>Printed or saved from the preview</source>
        <translation>Imprimée ou enregistrée depuis l&apos;aperçu</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>En main propre</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>Par courrier</translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation>Par courriel</translation>
    </message>
    <message>
        <source>&amp;Landlord:</source>
        <translation>&amp;Bailleur :</translation>
    </message>
    <message>
        <source>&amp;Addressed to:</source>
        <translation>À l&apos;&amp;attention de :</translation>
    </message>
    <message>
        <source>Ca&amp;tegories:</source>
        <translation>Ca&amp;tégories :</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Message :</translation>
    </message>
    <message>
        <source>&amp;Handed over:</source>
        <translation>&amp;Remise :</translation>
    </message>
    <message>
        <source>&amp;Preview…</source>
        <translation>A&amp;perçu…</translation>
    </message>
    <message>
        <source>{name} — {role}</source>
        <translation>{name} — {role}</translation>
    </message>
    <message>
        <source>No named contact (the landlord as a whole)</source>
        <translation>Sans destinataire nommé (le bailleur)</translation>
    </message>
    <message>
        <source>✓ Every adult agreed to share the ticked categories.</source>
        <translation>✓ Chaque adulte a accepté de transmettre les catégories cochées.</translation>
    </message>
    <message>
        <source>{category} (always included)</source>
        <translation>{category} (toujours incluse)</translation>
    </message>
    <message>
        <source>✓ agreed by every adult</source>
        <translation>✓ accord de chaque adulte</translation>
    </message>
    <message>
        <source>✗ consent missing</source>
        <translation>✗ consentement manquant</translation>
    </message>
    <message>
        <source>The sheet will be refused: a consent is missing.</source>
        <translation>La fiche sera refusée : il manque un consentement.</translation>
    </message>
    <message>
        <source>Printing or saving a copy from the preview sends the sheet: each is recorded in the disclosure log as printed or saved.</source>
        <translation>Imprimer la fiche ou en enregistrer une copie depuis l&apos;aperçu vaut transmission : chacune est consignée au registre des transmissions, comme imprimée ou enregistrée.</translation>
    </message>
    <message>
        <source>Printing or saving a copy from the preview sends the sheet: each is recorded in the disclosure log as handed over “{channel}”. Print or save it only to hand it over.</source>
        <translation>Imprimer la fiche ou en enregistrer une copie depuis l&apos;aperçu vaut transmission : chacune est consignée au registre des transmissions comme remise « {channel} ». Ne l&apos;imprimez ou ne l&apos;enregistrez que pour la remettre.</translation>
    </message>
    <message>
        <source>Liaison sheet refused</source>
        <translation>Fiche navette refusée</translation>
    </message>
    <message>
        <source>Liaison sheet — {landlord}</source>
        <translation>Fiche navette — {landlord}</translation>
    </message>
    <message>
        <source>Printing this sheet or saving a copy sends it to {landlord}: it is then recorded in the household&apos;s disclosure log. Check it first.</source>
        <translation>Imprimer cette fiche ou en enregistrer une copie vaut transmission au bailleur ({landlord}) : elle est alors consignée au registre des transmissions du ménage. Relisez-la d&apos;abord.</translation>
    </message>
    <message>
        <source>An unexpected error occurred; the details were written to the log file.</source>
        <translation>Une erreur inattendue s&apos;est produite ; les détails ont été écrits dans le journal.</translation>
    </message>
    <message>
        <source>The sheet has just been printed: do not hand it over, destroy it.</source>
        <translation>La fiche vient d&apos;être imprimée : ne la remettez pas, détruisez-la.</translation>
    </message>
    <message>
        <source>A copy has just been saved: do not hand it over, delete the file.</source>
        <translation>Une copie vient d&apos;être enregistrée : ne la remettez pas, supprimez le fichier.</translation>
    </message>
    <message>
        <source>Liaison sheet not recorded</source>
        <translation>Fiche navette non consignée</translation>
    </message>
    <message>
        <source>{reason}

Nothing was recorded in the disclosure log. {consequence}</source>
        <translation>{reason}

Rien n&apos;a été consigné au registre des transmissions. {consequence}</translation>
    </message>
    <message>
        <source>Liaison sheet recorded</source>
        <translation>Fiche navette consignée</translation>
    </message>
    <message>
        <source>Recorded in the disclosure log: {reference} to {recipient}, {channel}.</source>
        <translation>Consignée au registre des transmissions : {reference} — {recipient} ({channel}).</translation>
    </message>
</context>
<context>
    <name>LiftSuspensionDialog</name>
    <message>
        <source>Lift the suspension</source>
        <translation>Lever la suspension</translation>
    </message>
    <message>
        <source>Suspension:</source>
        <translation>Suspension :</translation>
    </message>
    <message>
        <source>{ground}, until {date}</source>
        <translation>{ground}, jusqu&apos;au {date}</translation>
    </message>
    <message>
        <source>&amp;Lifted on:</source>
        <translation>&amp;Levée le :</translation>
    </message>
</context>
<context>
    <name>LockForm</name>
    <message>
        <source>Caseworker is locked</source>
        <translation>Caseworker est verrouillé</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <source>Session of {person}.</source>
        <translation>Session de {person}.</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>You have no personal code yet, so anyone can resume this session. Choose one in Settings → My personal code.</source>
        <translation>Vous n&apos;avez pas encore de code personnel : n&apos;importe qui peut donc reprendre cette session. Choisissez-en un dans Paramètres → Mon code personnel.</translation>
    </message>
    <message>
        <source>Session of {person}. Type your password on the team server to continue.</source>
        <translation>Session de {person}. Saisissez votre mot de passe sur le serveur de l&apos;équipe pour continuer.</translation>
    </message>
    <message>
        <source>Session of {person}. Type your personal code to continue.</source>
        <translation>Session de {person}. Saisissez votre code personnel pour continuer.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Personal code</source>
        <translation>Code personnel</translation>
    </message>
    <message>
        <source>Everything open is kept as it was, including what was being typed.</source>
        <translation>Tout ce qui était ouvert est conservé tel quel, y compris la saisie en cours.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Households</source>
        <translation>Ménages</translation>
    </message>
    <message>
        <source>My households</source>
        <translation>Mes ménages</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>My tasks</source>
        <translation>Mes tâches</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Réunions</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Contrats</translation>
    </message>
    <message>
        <source>Drop-in and outreach</source>
        <translation>Accueil et maraude</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exports</translation>
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
        <source>Colleagues&apos; changes paused: the server cannot be reached (retrying)</source>
        <translation>Modifications des collègues en pause : serveur injoignable (nouvel essai en cours)</translation>
    </message>
    <message>
        <source>Team server · {user}</source>
        <translation>Serveur de l&apos;équipe · {user}</translation>
    </message>
    <message>
        <source>Encrypted database · {user}</source>
        <translation>Base chiffrée · {user}</translation>
    </message>
</context>
<context>
    <name>MeasureCataloguePanel</name>
    <message>
        <source>&amp;New measure…</source>
        <translation>&amp;Nouveau dispositif…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Funding…</source>
        <translation>&amp;Financement…</translation>
    </message>
    <message>
        <source>Show &amp;inactive measures</source>
        <translation>Afficher les dispositifs &amp;inactifs</translation>
    </message>
    <message>
        <source>Choose a measure in the list first.</source>
        <translation>Choisissez d&apos;abord un dispositif dans la liste.</translation>
    </message>
</context>
<context>
    <name>MeasureDialog</name>
    <message>
        <source>Edit a measure</source>
        <translation>Modifier un dispositif</translation>
    </message>
    <message>
        <source>New measure</source>
        <translation>Nouveau dispositif</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message>
        <source>Nationa&amp;l scheme (otherwise local)</source>
        <translation>Dispositif national (sinon &amp;local)</translation>
    </message>
    <message>
        <source>Suspended &amp;days count towards the duration</source>
        <translation>Les jours de &amp;suspension comptent dans la durée</translation>
    </message>
    <message>
        <source>Households per full-time referent (empty: no target).</source>
        <translation>Ménages par référent à temps plein (vide : pas de cible).</translation>
    </message>
    <message>
        <source>Ac&amp;tive: offered for new support episodes</source>
        <translation>Ac&amp;tif : proposé pour les nouveaux accompagnements</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>Target &amp;public:</source>
        <translation>&amp;Public visé :</translation>
    </message>
    <message>
        <source>Caseload tar&amp;get:</source>
        <translation>&amp;Cible de file active :</translation>
    </message>
    <message>
        <source>D&amp;uration policy:</source>
        <translation>&amp;Règle de durée :</translation>
    </message>
    <message>
        <source>&amp;Months:</source>
        <translation>&amp;Durée :</translation>
    </message>
    <message>
        <source>Rene&amp;wals:</source>
        <translation>Ren&amp;ouvellements :</translation>
    </message>
    <message>
        <source>&amp;Start review after:</source>
        <translation>&amp;Bilan d&apos;entrée après :</translation>
    </message>
    <message>
        <source>&amp;End review before the end:</source>
        <translation>Bilan d&amp;e fin avant le terme :</translation>
    </message>
    <message>
        <source>Periodic &amp;reviews every:</source>
        <translation>Bilans périodi&amp;ques tous les :</translation>
    </message>
    <message>
        <source>&amp;Intensity levels:</source>
        <translation>Niveaux d&apos;&amp;intensité :</translation>
    </message>
    <message>
        <source>Maximum e&amp;xtensions:</source>
        <translation>Nombre ma&amp;ximal de prolongations :</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
</context>
<context>
    <name>MeasureTableModel</name>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Dispositif</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Portée</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Caseload target</source>
        <translation>Cible de file active</translation>
    </message>
    <message>
        <source>Intensity levels</source>
        <translation>Niveaux d&apos;intensité</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>&amp;Fill the agenda…</source>
        <translation>&amp;Remplir l&apos;ordre du jour…</translation>
    </message>
    <message>
        <source>Add an i&amp;tem…</source>
        <translation>A&amp;jouter un point…</translation>
    </message>
    <message>
        <source>An item typed by hand, about a household or the whole team</source>
        <translation>Un point saisi à la main, sur un ménage ou pour toute l&apos;équipe</translation>
    </message>
    <message>
        <source>&amp;Remove the item</source>
        <translation>Re&amp;tirer le point</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Monter</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Descen&amp;dre</translation>
    </message>
    <message>
        <source>Add an &amp;attendee…</source>
        <translation>Ajouter un p&amp;articipant…</translation>
    </message>
    <message>
        <source>Remo&amp;ve the attendee</source>
        <translation>Retirer le parti&amp;cipant</translation>
    </message>
    <message>
        <source>&amp;Minutes…</source>
        <translation>C&amp;ompte rendu…</translation>
    </message>
    <message>
        <source>&amp;Internal minutes (PDF)…</source>
        <translation>Compte rendu &amp;interne (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Partner copy…</source>
        <translation>Copie &amp;partenaire…</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Ordre du jour</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>{type} of {date}</source>
        <translation>{type} du {date}</translation>
    </message>
    <message>
        <source>urgent</source>
        <translation>urgente</translation>
    </message>
    <message>
        <source>The agenda of a meeting held or cancelled stays.</source>
        <translation>L&apos;ordre du jour d&apos;une réunion tenue ou annulée ne change plus.</translation>
    </message>
    <message>
        <source>Select an item of the agenda first.</source>
        <translation>Sélectionnez d&apos;abord un point de l&apos;ordre du jour.</translation>
    </message>
    <message>
        <source>This item is first already.</source>
        <translation>Ce point est déjà le premier.</translation>
    </message>
    <message>
        <source>This item is last already.</source>
        <translation>Ce point est déjà le dernier.</translation>
    </message>
    <message>
        <source>This meeting is cancelled.</source>
        <translation>Cette réunion est annulée.</translation>
    </message>
    <message>
        <source>Select an attendee first.</source>
        <translation>Sélectionnez d&apos;abord un participant.</translation>
    </message>
    <message>
        <source>The minutes are not recorded yet.</source>
        <translation>Le compte rendu n&apos;est pas encore enregistré.</translation>
    </message>
    <message>
        <source>Fill the agenda</source>
        <translation>Remplir l&apos;ordre du jour</translation>
    </message>
    <message>
        <source>Reading the reviews, planned ends and glissements due…</source>
        <translation>Lecture des bilans, fins prévues et glissements à venir…</translation>
    </message>
    <message>
        <source>The records call for no item before the next meeting.</source>
        <translation>Les dossiers n&apos;appellent aucun point avant la prochaine réunion.</translation>
    </message>
    <message>
        <source>Remove the item</source>
        <translation>Retirer le point</translation>
    </message>
    <message>
        <source>Take « {label} » ({household}) off the agenda?</source>
        <translation>Retirer « {label} » ({household}) de l&apos;ordre du jour ?</translation>
    </message>
    <message>
        <source>The minutes are recorded.</source>
        <translation>Le compte rendu est enregistré.</translation>
    </message>
    <message>
        <source>Decisions:</source>
        <translation>Décisions :</translation>
    </message>
    <message>
        <source>To tell the team:</source>
        <translation>À signaler à l&apos;équipe :</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Compte rendu</translation>
    </message>
    <message>
        <source>Internal minutes</source>
        <translation>Compte rendu interne</translation>
    </message>
    <message>
        <source>Preparing the minutes…</source>
        <translation>Préparation du compte rendu…</translation>
    </message>
</context>
<context>
    <name>MeetingTypeDialog</name>
    <message>
        <source>Meeting type — {label}</source>
        <translation>Type de réunion — {label}</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>on demand</source>
        <translation>à la demande</translation>
    </message>
    <message>
        <source> month(s)</source>
        <translation> mois</translation>
    </message>
    <message>
        <source>&amp;Every:</source>
        <translation>&amp;Tous les :</translation>
    </message>
    <message>
        <source>The &amp;household attends</source>
        <translation>Le &amp;ménage y participe</translation>
    </message>
    <message>
        <source>In &amp;use (offered when a meeting is planned)</source>
        <translation>En &amp;usage (proposé pour planifier une réunion)</translation>
    </message>
    <message>
        <source>Standing &amp;members:</source>
        <translation>Membres &amp;permanents :</translation>
    </message>
</context>
<context>
    <name>MeetingWindow</name>
    <message>
        <source>Dashboard — meeting mode</source>
        <translation>Tableau de bord — mode réunion</translation>
    </message>
    <message>
        <source>Morning debrief</source>
        <translation>Débrief du matin</translation>
    </message>
    <message>
        <source>&amp;Initials instead of names (I)</source>
        <translation>&amp;Initiales au lieu des noms (I)</translation>
    </message>
    <message>
        <source>←/→ panels · ↑/↓ rows · I initials · F5 refresh · Esc leave</source>
        <translation>←/→ panneaux · ↑/↓ lignes · I initiales · F5 actualiser · Échap quitter</translation>
    </message>
    <message>
        <source>Morning debrief — {day}</source>
        <translation>Débrief du matin — {day}</translation>
    </message>
    <message numerus="yes">
        <source>Only the %n most urgent rows are shown, of {total}.</source>
        <translation>
            <numerusform>Seule la ligne la plus urgente (%n) est affichée, sur {total}.</numerusform>
            <numerusform>Seules les %n lignes les plus urgentes sont affichées, sur {total}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Meetings</source>
        <translation>Réunions</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>&amp;Past meetings</source>
        <translation>Réunions &amp;passées</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Actualise&amp;r</translation>
    </message>
    <message>
        <source>Pla&amp;n a meeting… (Ctrl+N)</source>
        <translation>Pla&amp;nifier une réunion… (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Open (Enter)</source>
        <translation>&amp;Ouvrir (Entrée)</translation>
    </message>
    <message>
        <source>&amp;Cancel the meeting…</source>
        <translation>&amp;Annuler la réunion…</translation>
    </message>
    <message>
        <source>Meeting t&amp;ypes…</source>
        <translation>T&amp;ypes de réunion…</translation>
    </message>
    <message>
        <source>Name, cadence, standing members, whether the household attends</source>
        <translation>Nom, périodicité, membres permanents, participation du ménage</translation>
    </message>
    <message numerus="yes">
        <source>%n past meeting(s)</source>
        <translation>
            <numerusform>%n réunion passée</numerusform>
            <numerusform>%n réunions passées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n upcoming meeting(s)</source>
        <translation>
            <numerusform>%n réunion à venir</numerusform>
            <numerusform>%n réunions à venir</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel the {type} of {date}? Its agenda is kept but it will not be held.</source>
        <translation>Annuler la réunion « {type} » du {date} ? Son ordre du jour est conservé, mais elle n&apos;aura pas lieu.</translation>
    </message>
    <message>
        <source>Cancel the meeting</source>
        <translation>Annuler la réunion</translation>
    </message>
    <message>
        <source>Select a meeting first.</source>
        <translation>Sélectionnez d&apos;abord une réunion.</translation>
    </message>
    <message>
        <source>Only a planned meeting can be cancelled.</source>
        <translation>Seule une réunion prévue peut être annulée.</translation>
    </message>
</context>
<context>
    <name>MeetingsTableModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>urgent</source>
        <translation>urgente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Points</translation>
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
        <translation>Date d&apos;&amp;arrivée :</translation>
    </message>
</context>
<context>
    <name>MembersTab</name>
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
        <source>Members</source>
        <translation>Composition</translation>
    </message>
    <message>
        <source>Select a member in the list first.</source>
        <translation>Sélectionnez d&apos;abord un membre dans la liste.</translation>
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
        <translation>Une erreur inattendue s&apos;est produite. Rien de ce qui était déjà enregistré n&apos;a été perdu. Le détail a été écrit dans le journal ; merci de signaler le problème.</translation>
    </message>
</context>
<context>
    <name>MinutesDialog</name>
    <message>
        <source>Minutes — {type} of {date}</source>
        <translation>Compte rendu — {type} du {date}</translation>
    </message>
    <message>
        <source>Nobody on the attendance list.</source>
        <translation>Personne sur la liste des participants.</translation>
    </message>
    <message>
        <source>Present:</source>
        <translation>Présents :</translation>
    </message>
    <message>
        <source>A general note you may not read exists: it stays as it is.</source>
        <translation>Une note générale que vous ne pouvez pas lire existe : elle reste telle quelle.</translation>
    </message>
    <message>
        <source>&amp;General note:</source>
        <translation>Note &amp;générale :</translation>
    </message>
    <message>
        <source>not said</source>
        <translation>non précisé</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Household present:</source>
        <translation>Ménage présent :</translation>
    </message>
    <message>
        <source>The household&apos;s view is not yours to read: it stays as it is.</source>
        <translation>L&apos;avis du ménage ne vous est pas lisible : il reste tel quel.</translation>
    </message>
    <message>
        <source>The household&apos;s view:</source>
        <translation>L&apos;avis du ménage :</translation>
    </message>
    <message>
        <source>A note you may not read exists: it stays as it is.</source>
        <translation>Une note que vous ne pouvez pas lire existe : elle reste telle quelle.</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note :</translation>
    </message>
    <message>
        <source>The whole team</source>
        <translation>Toute l&apos;équipe</translation>
    </message>
    <message>
        <source>The household&apos;s referents</source>
        <translation>Les référents du ménage</translation>
    </message>
    <message>
        <source>Health staff only (health)</source>
        <translation>Soignants seulement (santé)</translation>
    </message>
    <message>
        <source>Justice staff only (justice)</source>
        <translation>Juristes seulement (justice)</translation>
    </message>
    <message>
        <source>Note readable by:</source>
        <translation>Note lisible par :</translation>
    </message>
    <message>
        <source>Decided:</source>
        <translation>Décidé :</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>Décision :</translation>
    </message>
    <message>
        <source>(no decision)</source>
        <translation>(aucune décision)</translation>
    </message>
    <message>
        <source>Add a decision</source>
        <translation>Ajouter une décision</translation>
    </message>
    <message>
        <source>This item takes another decision, recorded with the others</source>
        <translation>Ajouter une autre décision à ce point, enregistrée avec les autres</translation>
    </message>
    <message>
        <source>Decisions:</source>
        <translation>Décisions :</translation>
    </message>
    <message>
        <source>No typed decision applies to this item.</source>
        <translation>Aucune décision ne peut être saisie sur ce point.</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Prolongation</translation>
    </message>
    <message>
        <source>Change of intensity</source>
        <translation>Changement d&apos;intensité</translation>
    </message>
    <message>
        <source>Step validated</source>
        <translation>Étape validée</translation>
    </message>
    <message>
        <source>Exit validated</source>
        <translation>Sortie validée</translation>
    </message>
    <message>
        <source>Orientation accepted</source>
        <translation>Orientation acceptée</translation>
    </message>
    <message>
        <source>Orientation refused</source>
        <translation>Orientation refusée</translation>
    </message>
    <message>
        <source>Alert escalated</source>
        <translation>Alerte escaladée</translation>
    </message>
    <message>
        <source>Glissement accepted</source>
        <translation>Glissement accepté</translation>
    </message>
    <message>
        <source>Glissement postponed</source>
        <translation>Glissement reporté</translation>
    </message>
    <message>
        <source>Glissement refused</source>
        <translation>Glissement refusé</translation>
    </message>
    <message>
        <source>Remove this decision</source>
        <translation>Retirer cette décision</translation>
    </message>
    <message>
        <source>New level:</source>
        <translation>Nouveau niveau :</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motif :</translation>
    </message>
    <message>
        <source>Review:</source>
        <translation>Bilan :</translation>
    </message>
    <message>
        <source>(choose a reason)</source>
        <translation>(choisir un motif)</translation>
    </message>
    <message>
        <source>New date:</source>
        <translation>Nouvelle date :</translation>
    </message>
    <message>
        <source>Planned end now:</source>
        <translation>Fin prévue actuelle :</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message>
        <source>Length:</source>
        <translation>Durée :</translation>
    </message>
    <message>
        <source>Justification:</source>
        <translation>Justification :</translation>
    </message>
    <message>
        <source>the team lead logged in (you)</source>
        <translation>le chef de service connecté (vous)</translation>
    </message>
    <message>
        <source>Approved by:</source>
        <translation>Validée par :</translation>
    </message>
    <message>
        <source>Alert:</source>
        <translation>Alerte :</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Niveau :</translation>
    </message>
    <message>
        <source>e.g. prevention platform, CCAPEX, the landlord&apos;s agency head</source>
        <translation>ex. plateforme de prévention, CCAPEX, responsable d&apos;agence du bailleur</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Destinataire :</translation>
    </message>
    <message>
        <source>This item already takes a decision of this kind.</source>
        <translation>Ce point porte déjà une décision de ce type.</translation>
    </message>
    <message>
        <source>An exit and an extension cannot be decided together.</source>
        <translation>Une sortie et une prolongation ne peuvent pas être décidées sur le même point.</translation>
    </message>
    <message>
        <source>This household has no open alert to escalate.</source>
        <translation>Ce ménage n&apos;a aucune alerte ouverte à escalader.</translation>
    </message>
</context>
<context>
    <name>MyHouseholdsPanel</name>
    <message>
        <source>My households</source>
        <translation>Mes ménages</translation>
    </message>
    <message>
        <source>New &amp;contact… (Ctrl+K)</source>
        <translation>Nouveau &amp;contact… (Ctrl+K)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s)</source>
        <translation>
            <numerusform>%n ménage</numerusform>
            <numerusform>%n ménages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n demande de l&apos;attention</numerusform>
            <numerusform>%n demandent de l&apos;attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Caseload: %n household(s) with running support</source>
        <translation>
            <numerusform>File active : %n ménage avec un accompagnement en cours</numerusform>
            <numerusform>File active : %n ménages avec un accompagnement en cours</numerusform>
        </translation>
    </message>
    <message>
        <source>weighted load {load}</source>
        <translation>charge pondérée {load}</translation>
    </message>
    <message>
        <source>target {target} ({percent} %)</source>
        <translation>cible {target} ({percent} %)</translation>
    </message>
    <message>
        <source>over target</source>
        <translation>au-delà de la cible</translation>
    </message>
    <message>
        <source>For which household do you record a contact?</source>
        <translation>Pour quel ménage enregistrez-vous un contact ?</translation>
    </message>
</context>
<context>
    <name>MyHouseholdsTableModel</name>
    <message>
        <source>Attention</source>
        <translation>Points d&apos;attention</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Ménage</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Référent coordinateur</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>Dispositifs</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Intensity</source>
        <translation>Intensité</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Dernier contact</translation>
    </message>
    <message>
        <source>Days without contact / threshold</source>
        <translation>Jours sans contact / seuil</translation>
    </message>
    <message>
        <source>Next review</source>
        <translation>Prochain bilan</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>Fin prévue</translation>
    </message>
</context>
<context>
    <name>MyTasksPage</name>
    <message>
        <source>My tasks</source>
        <translation>Mes tâches</translation>
    </message>
    <message>
        <source>&amp;New task… (Ctrl+N)</source>
        <translation>&amp;Nouvelle tâche… (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Done… (Ctrl+D)</source>
        <translation>&amp;Faite… (Ctrl+D)</translation>
    </message>
    <message>
        <source>Cance&amp;l task…</source>
        <translation>&amp;Annuler la tâche…</translation>
    </message>
    <message>
        <source>&amp;Open household (Enter)</source>
        <translation>&amp;Ouvrir le ménage (Entrée)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Actualise&amp;r</translation>
    </message>
    <message>
        <source>Show tasks closed in the last 7 days</source>
        <translation>Afficher les tâches fermées ces 7 derniers jours</translation>
    </message>
    <message>
        <source>Checking the deadlines of your households…</source>
        <translation>Vérification des échéances de vos ménages…</translation>
    </message>
    <message numerus="yes">
        <source>%n open task(s)</source>
        <translation>
            <numerusform>%n tâche à faire</numerusform>
            <numerusform>%n tâches à faire</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n en retard</numerusform>
            <numerusform>%n en retard</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MyTasksTableModel</name>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Ménage</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Pour</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Fermeture</translation>
    </message>
</context>
<context>
    <name>NarrativeTableModel</name>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Trimestre</translation>
    </message>
    <message>
        <source>Exit reason</source>
        <translation>Motif de sortie</translation>
    </message>
    <message>
        <source>Length of support</source>
        <translation>Durée d&apos;accompagnement</translation>
    </message>
    <message>
        <source>Narrative</source>
        <translation>Récit</translation>
    </message>
</context>
<context>
    <name>NarrativesDialog</name>
    <message>
        <source>Exit narratives</source>
        <translation>Récits de sortie</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format :</translation>
    </message>
    <message>
        <source>E&amp;xport the ticked narratives…</source>
        <translation>E&amp;xporter les récits cochés…</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>Vérifier à &amp;nouveau</translation>
    </message>
    <message>
        <source>Read the narratives again (after one was reformulated)</source>
        <translation>Relire les récits (après en avoir reformulé un)</translation>
    </message>
    <message>
        <source>R&amp;eformulate…</source>
        <translation>R&amp;eformuler…</translation>
    </message>
    <message>
        <source>Reading and checking the narratives…</source>
        <translation>Lecture et vérification des récits…</translation>
    </message>
    <message>
        <source>&amp;To send ({count})</source>
        <translation>À en&amp;voyer ({count})</translation>
    </message>
    <message>
        <source>To &amp;reformulate ({count})</source>
        <translation>À &amp;reformuler ({count})</translation>
    </message>
    <message>
        <source>{total} narratives of exits in the period: {passing} pass the check; to reformulate: {withheld} (a name, an address, a number or a date of the household&apos;s record, or a day). Read each one and tick those to send: nothing leaves unticked.</source>
        <translation>{total} récits de sorties de la période : {passing} passent la vérification ; à reformuler : {withheld} (un nom, une adresse, un numéro ou une date du dossier du ménage, ou un jour). Lisez chacun et cochez ceux à envoyer : rien ne part sans être coché.</translation>
    </message>
    <message>
        <source>Export the narratives</source>
        <translation>Exporter les récits</translation>
    </message>
    <message>
        <source>Checking again and writing the narratives…</source>
        <translation>Nouvelle vérification et écriture des récits…</translation>
    </message>
    <message numerus="yes">
        <source>%n narrative(s) written: {path}
SHA-256: {digest}</source>
        <translation>
            <numerusform>%n récit écrit : {path}
SHA-256 : {digest}</numerusform>
            <numerusform>%n récits écrits : {path}
SHA-256 : {digest}</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick at least one narrative you have read.</source>
        <translation>Cochez au moins un récit que vous avez lu.</translation>
    </message>
    <message>
        <source>Choose a narrative in the list of those to reformulate.</source>
        <translation>Choisissez un récit dans la liste de ceux à reformuler.</translation>
    </message>
    <message>
        <source>To reformulate:</source>
        <translation>À reformuler :</translation>
    </message>
</context>
<context>
    <name>NewAlertDialog</name>
    <message>
        <source>New alert</source>
        <translation>Nouvelle alerte</translation>
    </message>
    <message>
        <source>Recurrence of an alert</source>
        <translation>Récidive d&apos;une alerte</translation>
    </message>
    <message>
        <source>&amp;Household:</source>
        <translation>&amp;Ménage :</translation>
    </message>
    <message>
        <source>Household:</source>
        <translation>Ménage :</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>&amp;Landlord:</source>
        <translation>&amp;Bailleur :</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Nouveau…</translation>
    </message>
    <message>
        <source>Add a contact person to this landlord</source>
        <translation>Ajouter une personne à contacter chez ce bailleur</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Correct this contact (civility, name, role, phone, e-mail)</source>
        <translation>Corriger ce contact (civilité, nom, rôle, téléphone, courriel)</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>&amp;Contact :</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Canal :</translation>
    </message>
    <message>
        <source>Se&amp;verity:</source>
        <translation>&amp;Gravité :</translation>
    </message>
    <message>
        <source>&amp;Received:</source>
        <translation>&amp;Reçue le :</translation>
    </message>
    <message>
        <source>e.g. 825,00 (rent arrears)</source>
        <translation>ex. 825,00 (impayé de loyer)</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>Mon&amp;tant :</translation>
    </message>
    <message>
        <source>What the landlord says, or what is wrong in the dwelling: housing matters only</source>
        <translation>Ce que dit le bailleur, ou ce qui ne va pas dans le logement : seulement ce qui concerne le logement</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description :</translation>
    </message>
    <message>
        <source>Deadlines:</source>
        <translation>Délais :</translation>
    </message>
    <message>
        <source>From the association to the landlord: a letter or an e-mail is then prepared for it.</source>
        <translation>De l&apos;association au bailleur : un courrier ou un courriel lui est ensuite préparé.</translation>
    </message>
    <message>
        <source>From the landlord to the association.</source>
        <translation>Du bailleur à l&apos;association.</translation>
    </message>
    <message>
        <source>(no named contact)</source>
        <translation>(sans contact nommé)</translation>
    </message>
    <message>
        <source>acknowledge by {acknowledge}, first action by {action} ({source})</source>
        <translation>prise en compte au plus tard le {acknowledge}, première action au plus tard le {action} ({source})</translation>
    </message>
    <message>
        <source>Choose the household concerned.</source>
        <translation>Choisissez le ménage concerné.</translation>
    </message>
    <message>
        <source>Choose the landlord.</source>
        <translation>Choisissez le bailleur.</translation>
    </message>
</context>
<context>
    <name>NewContractDialog</name>
    <message>
        <source>New contract</source>
        <translation>Nouveau contrat</translation>
    </message>
    <message>
        <source>New framework agreement</source>
        <translation>Nouvelle convention cadre</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>The landlord of the current dwelling</source>
        <translation>Le bailleur du logement actuel</translation>
    </message>
    <message>
        <source>&amp;Landlord:</source>
        <translation>&amp;Bailleur :</translation>
    </message>
    <message>
        <source>The support under way</source>
        <translation>L&apos;accompagnement en cours</translation>
    </message>
    <message>
        <source>(no support episode)</source>
        <translation>(aucun accompagnement)</translation>
    </message>
    <message>
        <source>&amp;Support:</source>
        <translation>&amp;Accompagnement :</translation>
    </message>
</context>
<context>
    <name>NewEpisodeDialog</name>
    <message>
        <source>New referral</source>
        <translation>Nouvelle orientation</translation>
    </message>
    <message>
        <source>&amp;Measure:</source>
        <translation>&amp;Dispositif :</translation>
    </message>
    <message>
        <source>&amp;Referral date:</source>
        <translation>Date d&apos;&amp;orientation :</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(non renseigné)</translation>
    </message>
    <message>
        <source>Referred &amp;by:</source>
        <translation>&amp;Prescripteur :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
    <message>
        <source>Follows the closed episode of {measure}.</source>
        <translation>Fait suite à l&apos;accompagnement {measure} terminé.</translation>
    </message>
</context>
<context>
    <name>NewTaskDialog</name>
    <message>
        <source>New task</source>
        <translation>Nouvelle tâche</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>&amp;Tâche :</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;Pour :</translation>
    </message>
    <message>
        <source>&amp;Due on:</source>
        <translation>&amp;Échéance :</translation>
    </message>
</context>
<context>
    <name>ObjectiveDialog</name>
    <message>
        <source>New objective</source>
        <translation>Nouvel objectif</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>In the household&apos;s own words</source>
        <translation>Dans les mots du ménage</translation>
    </message>
    <message>
        <source>&amp;Objective:</source>
        <translation>&amp;Objectif :</translation>
    </message>
    <message>
        <source>Carried &amp;by:</source>
        <translation>Porté &amp;par :</translation>
    </message>
    <message>
        <source>(no theme)</source>
        <translation>(sans thème)</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème :</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Statut :</translation>
    </message>
    <message>
        <source>Next &amp;review:</source>
        <translation>Prochain &amp;bilan :</translation>
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
    <name>OutreachPage</name>
    <message>
        <source>Street outreach</source>
        <translation>Maraude</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Le mois dernier</translation>
    </message>
    <message>
        <source>Last 3 months</source>
        <translation>3 derniers mois</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <source>T&amp;o attach only</source>
        <translation>À ra&amp;ttacher seulement</translation>
    </message>
    <message>
        <source>Attac&amp;h to a household…</source>
        <translation>&amp;Attacher à un ménage…</translation>
    </message>
    <message>
        <source>Once the person is identified (Enter in the list)</source>
        <translation>Une fois la personne identifiée (Entrée dans la liste)</translation>
    </message>
    <message>
        <source>C&amp;orrect…</source>
        <translation>C&amp;orriger…</translation>
    </message>
    <message>
        <source>Deta&amp;ch…</source>
        <translation>&amp;Détacher…</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>Suppr&amp;imer…</translation>
    </message>
    <message>
        <source>P&amp;eriod:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message numerus="yes">
        <source>%n encounter(s)</source>
        <translation>
            <numerusform>%n rencontre</numerusform>
            <numerusform>%n rencontres</numerusform>
        </translation>
    </message>
    <message>
        <source>Detach the encounter « {encounter} » from {household}? Only one attached by mistake.</source>
        <translation>Détacher la rencontre « {encounter} » du ménage {household} ? Seulement si elle a été rattachée par erreur.</translation>
    </message>
    <message>
        <source>Detach the encounter</source>
        <translation>Détacher la rencontre</translation>
    </message>
    <message>
        <source>Delete the encounter « {encounter} »? Only one recorded by mistake should be deleted.</source>
        <translation>Supprimer la rencontre « {encounter} » ? Seule une rencontre enregistrée par erreur doit être supprimée.</translation>
    </message>
    <message>
        <source>Delete the encounter</source>
        <translation>Supprimer la rencontre</translation>
    </message>
    <message>
        <source>Select an encounter in the list first.</source>
        <translation>Sélectionnez d&apos;abord une rencontre dans la liste.</translation>
    </message>
    <message>
        <source>Already attached.</source>
        <translation>Déjà rattachée à un ménage.</translation>
    </message>
    <message>
        <source>Attached to no household.</source>
        <translation>Rattachée à aucun ménage.</translation>
    </message>
    <message>
        <source>Only who recorded it, or a team lead, deletes an encounter.</source>
        <translation>Seule la personne qui l&apos;a enregistrée, ou un chef de service, supprime une rencontre.</translation>
    </message>
</context>
<context>
    <name>OutreachTableModel</name>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Proposé</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Ménage</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Enregistrée par</translation>
    </message>
    <message>
        <source>To attach</source>
        <translation>À rattacher</translation>
    </message>
    <message>
        <source>Attached by {who} on {when}</source>
        <translation>Rattachée par {who} le {when}</translation>
    </message>
</context>
<context>
    <name>PartnerContactDialog</name>
    <message>
        <source>New contact</source>
        <translation>Nouveau contact</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>Modifier le contact</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Non précisée</translation>
    </message>
    <message>
        <source>Ms</source>
        <translation>Madame</translation>
    </message>
    <message>
        <source>Mr</source>
        <translation>Monsieur</translation>
    </message>
    <message>
        <source>Letters and e-mails open with it; when it is not known they greet without a name.</source>
        <translation>Les courriers et les courriels commencent par elle ; si elle n&apos;est pas précisée, ils saluent sans nommer la personne (« Madame, Monsieur, », « Bonjour, »).</translation>
    </message>
    <message>
        <source>Organisation:</source>
        <translation>Organisme :</translation>
    </message>
    <message>
        <source>&amp;Civility:</source>
        <translation>&amp;Civilité :</translation>
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
        <translation>&amp;Rôle :</translation>
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
    <name>PartnerCopyDialog</name>
    <message>
        <source>Partner copy of the minutes</source>
        <translation>Copie partenaire du compte rendu</translation>
    </message>
    <message>
        <source>&amp;Partner:</source>
        <translation>&amp;Partenaire :</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>&amp;Contact :</translation>
    </message>
    <message>
        <source>P&amp;review…</source>
        <translation>&amp;Aperçu…</translation>
    </message>
    <message>
        <source>(no named contact)</source>
        <translation>(sans contact nommé)</translation>
    </message>
    <message>
        <source>Checking the consents and preparing the copy…</source>
        <translation>Vérification des consentements et préparation de la copie…</translation>
    </message>
    <message>
        <source>Printing this copy or saving it sends it to {partner}: it is then recorded in the disclosure log.</source>
        <translation>Imprimer ou enregistrer cette copie revient à la transmettre au partenaire ({partner}) : elle est alors inscrite au registre des transmissions.</translation>
    </message>
    <message>
        <source>Not named for lack of consent: {households}.</source>
        <translation>Non nommés faute de consentement : {households}.</translation>
    </message>
    <message>
        <source>Partner copy — {partner}</source>
        <translation>Copie partenaire — {partner}</translation>
    </message>
    <message>
        <source>An unexpected error occurred; the details were written to the log file.</source>
        <translation>Une erreur inattendue s&apos;est produite ; les détails ont été écrits dans le journal.</translation>
    </message>
    <message>
        <source>Partner copy not recorded</source>
        <translation>Copie partenaire non enregistrée</translation>
    </message>
    <message>
        <source>{reason}

Nothing was recorded in the disclosure log. Do not hand over the copy just printed or saved: destroy it.</source>
        <translation>{reason}

Rien n&apos;a été inscrit au registre des transmissions. Ne remettez pas la copie qui vient d&apos;être imprimée ou enregistrée : détruisez-la.</translation>
    </message>
    <message>
        <source>Partner copy recorded</source>
        <translation>Copie partenaire enregistrée</translation>
    </message>
    <message numerus="yes">
        <source>Recorded in the disclosure log: %n household(s) named.</source>
        <translation>
            <numerusform>Inscrite au registre des transmissions : %n ménage nommé.</numerusform>
            <numerusform>Inscrite au registre des transmissions : %n ménages nommés.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Record a payment</source>
        <translation>Enregistrer un paiement</translation>
    </message>
    <message>
        <source>For the &amp;month:</source>
        <translation>Pour le &amp;mois de :</translation>
    </message>
    <message>
        <source>&amp;Amount (€):</source>
        <translation>Mon&amp;tant (€) :</translation>
    </message>
    <message>
        <source>&amp;Paid on:</source>
        <translation>&amp;Payé le :</translation>
    </message>
    <message>
        <source>e.g. transfer, cash at the office</source>
        <translation>ex. virement, espèces à l&apos;accueil</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
    <message>
        <source>Due {due}, already paid {paid}</source>
        <translation>Dû {due}, déjà payé {paid}</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>&amp;Fit to width</source>
        <translation>&amp;Ajuster à la largeur</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>This document cannot be shown: the PDF is damaged or unreadable. Please report the problem.</source>
        <translation>Ce document ne peut pas être affiché : le PDF est endommagé ou illisible. Merci de signaler le problème.</translation>
    </message>
    <message>
        <source>Document pages</source>
        <translation>Pages du document</translation>
    </message>
    <message>
        <source>&amp;Save a copy…</source>
        <translation>&amp;Enregistrer une copie…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Agrandir</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Réduire</translation>
    </message>
    <message>
        <source>Fit the page width to the window</source>
        <translation>Ajuster la largeur de la page à la fenêtre</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <source>There is no page to print in the chosen range.</source>
        <translation>Aucune page à imprimer dans l&apos;intervalle choisi.</translation>
    </message>
    <message>
        <source>Preparing the pages for the printer…</source>
        <translation>Préparation des pages pour l&apos;imprimante…</translation>
    </message>
    <message>
        <source>The document could not be printed. Check the printer, or the folder chosen for the printed file, and try again.</source>
        <translation>Le document n&apos;a pas pu être imprimé. Vérifiez l&apos;imprimante, ou le dossier choisi pour le fichier imprimé, puis réessayez.</translation>
    </message>
    <message>
        <source>{percent}%</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Enregistrer une copie</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>“{name}” already exists. Do you want to replace it?</source>
        <translation>« {name} » existe déjà. Voulez-vous le remplacer ?</translation>
    </message>
    <message>
        <source>The copy could not be saved: {error}</source>
        <translation>La copie n&apos;a pas pu être enregistrée : {error}</translation>
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
        <translation>Saisissez l&apos;année de naissance sur quatre chiffres, par exemple 1984.</translation>
    </message>
</context>
<context>
    <name>PersonalCodeDialog</name>
    <message>
        <source>Personal code of {name}</source>
        <translation>Code personnel de {name}</translation>
    </message>
    <message>
        <source>My personal code</source>
        <translation>Mon code personnel</translation>
    </message>
    <message>
        <source>A PIN of at least 6 digits, or a passphrase of at least 12 characters. After 3 mistakes, each new attempt waits longer (up to 15 minutes).</source>
        <translation>Un code d&apos;au moins 6 chiffres, ou une phrase de passe d&apos;au moins 12 caractères. Après 3 erreurs, chaque nouvel essai attend plus longtemps (jusqu&apos;à 15 minutes).</translation>
    </message>
    <message>
        <source>C&amp;urrent code:</source>
        <translation>Code ac&amp;tuel :</translation>
    </message>
    <message>
        <source>&amp;New code:</source>
        <translation>&amp;Nouveau code :</translation>
    </message>
    <message>
        <source>&amp;Confirm:</source>
        <translation>&amp;Confirmation :</translation>
    </message>
    <message>
        <source>Give it to {name} in person; they can change it once logged in.</source>
        <translation>Remettez-le en main propre à {name}, qui pourra le changer une fois connecté·e.</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Repayment plan</source>
        <translation>Plan d&apos;apurement</translation>
    </message>
    <message>
        <source>Debt:</source>
        <translation>Dette :</translation>
    </message>
    <message>
        <source>{creditor} — {amount} left to pay</source>
        <translation>{creditor} — {amount} restant dû</translation>
    </message>
    <message>
        <source>&amp;Instalment per month (€):</source>
        <translation>&amp;Mensualité (€) :</translation>
    </message>
    <message>
        <source>&amp;Rent left to pay per month (€):</source>
        <translation>&amp;Loyer résiduel par mois (€) :</translation>
    </message>
    <message>
        <source>The rent after housing benefit (APL): 0 when benefit covers it all.</source>
        <translation>Le loyer après l&apos;APL : 0 quand l&apos;aide couvre tout.</translation>
    </message>
    <message>
        <source>&amp;First month:</source>
        <translation>&amp;Premier mois :</translation>
    </message>
    <message>
        <source>Any day of the month: the plan starts on the 1st.</source>
        <translation>N&apos;importe quel jour du mois : le plan commence le 1er.</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mois</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>&amp;Durée :</translation>
    </message>
    <message>
        <source>&amp;Agreed on:</source>
        <translation>&amp;Convenu le :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
    <message>
        <source>Instalments in total: {total}</source>
        <translation>Total des mensualités : {total}</translation>
    </message>
    <message>
        <source>less than the {amount} left to pay</source>
        <translation>moins que les {amount} restant dus</translation>
    </message>
</context>
<context>
    <name>PlanMeetingDialog</name>
    <message>
        <source>Plan a meeting</source>
        <translation>Planifier une réunion</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Date :</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>Lie&amp;u :</translation>
    </message>
    <message>
        <source>&amp;Urgent (outside the usual cadence)</source>
        <translation>U&amp;rgente (hors du rythme habituel)</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s) due by {date} (first: {name}, {basis})</source>
        <translation>
            <numerusform>%n ménage à voir d&apos;ici le {date} (d&apos;abord : {name}, {basis})</numerusform>
            <numerusform>%n ménages à voir d&apos;ici le {date} (d&apos;abord : {name}, {basis})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreventionPanel</name>
    <message>
        <source>&amp;New debt…</source>
        <translation>&amp;Nouvelle dette…</translation>
    </message>
    <message>
        <source>Repayment &amp;plan…</source>
        <translation>&amp;Plan d&apos;apurement…</translation>
    </message>
    <message>
        <source>Record a pa&amp;yment…</source>
        <translation>Enregistrer un pa&amp;iement…</translation>
    </message>
    <message>
        <source>S&amp;ettle…</source>
        <translation>S&amp;older…</translation>
    </message>
    <message>
        <source>End the plan…</source>
        <translation>Mettre fin au plan…</translation>
    </message>
    <message>
        <source>Debts and repayment plan</source>
        <translation>Dettes et plan d&apos;apurement</translation>
    </message>
    <message>
        <source>New pro&amp;cedure…</source>
        <translation>Nouvelle pro&amp;cédure…</translation>
    </message>
    <message>
        <source>Ne&amp;xt stage…</source>
        <translation>Stade &amp;suivant…</translation>
    </message>
    <message>
        <source>S&amp;uspend…</source>
        <translation>Sus&amp;pendre…</translation>
    </message>
    <message>
        <source>Lift the suspension…</source>
        <translation>Lever la suspension…</translation>
    </message>
    <message>
        <source>C&amp;lose…</source>
        <translation>C&amp;lore…</translation>
    </message>
    <message>
        <source>Eviction procedure</source>
        <translation>Procédure d&apos;expulsion</translation>
    </message>
    <message>
        <source>{landlord} — {state} (opened {date})</source>
        <translation>{landlord} — {state} (ouverte le {date})</translation>
    </message>
    <message>
        <source>Open a household first.</source>
        <translation>Ouvrez d&apos;abord un ménage.</translation>
    </message>
    <message>
        <source>Record a debt first.</source>
        <translation>Enregistrez d&apos;abord une dette.</translation>
    </message>
    <message>
        <source>Select a debt in the list.</source>
        <translation>Sélectionnez une dette dans la liste.</translation>
    </message>
    <message>
        <source>This debt is settled.</source>
        <translation>Cette dette est soldée.</translation>
    </message>
    <message>
        <source>End the running plan before agreeing another one.</source>
        <translation>Mettez fin au plan en cours avant d&apos;en convenir d&apos;un autre.</translation>
    </message>
    <message>
        <source>Payments are recorded against a repayment plan: agree one first.</source>
        <translation>Les paiements s&apos;enregistrent sur un plan d&apos;apurement : convenez d&apos;abord d&apos;un plan avec le ménage.</translation>
    </message>
    <message>
        <source>The repayment plan has ended.</source>
        <translation>Le plan d&apos;apurement est terminé.</translation>
    </message>
    <message>
        <source>No debt recorded.</source>
        <translation>Aucune dette enregistrée.</translation>
    </message>
    <message>
        <source>No repayment plan for this debt.</source>
        <translation>Pas de plan d&apos;apurement pour cette dette.</translation>
    </message>
    <message>
        <source>{instalment} a month for {months} months, {first} to {last}, on top of {rent} of rent (due each month: {due}). Agreed on {agreed}.</source>
        <translation>{instalment} par mois pendant {months} mois ({first} – {last}), en plus de {rent} de loyer (dû chaque mois : {due}). Convenu le {agreed}.</translation>
    </message>
    <message>
        <source>Ended on {date}.</source>
        <translation>Terminé le {date}.</translation>
    </message>
    <message>
        <source>Regular payment resumed since {month} ({count} regular months in a row)</source>
        <translation>Paiement régulier repris depuis {month} ({count} mois réguliers consécutifs)</translation>
    </message>
    <message>
        <source>{count} consecutive regular months ({needed} needed)</source>
        <translation>{count} mois réguliers consécutifs ({needed} nécessaires)</translation>
    </message>
    <message>
        <source>No eviction procedure.</source>
        <translation>Aucune procédure d&apos;expulsion.</translation>
    </message>
    <message>
        <source>The procedure is closed.</source>
        <translation>La procédure est close.</translation>
    </message>
    <message>
        <source>last day</source>
        <translation>dernier jour</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>encore %n jour</numerusform>
            <numerusform>encore %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>Suspended ({ground}) until {date}: {countdown}. Resumes at: {stage}.</source>
        <translation>Suspendue ({ground}) jusqu&apos;au {date} : {countdown}. Reprise au stade : {stage}.</translation>
    </message>
    <message>
        <source>Suspension over: the procedure resumes at {stage}.</source>
        <translation>Suspension terminée : la procédure reprend au stade {stage}.</translation>
    </message>
    <message>
        <source>{landlord} — opened on {date}</source>
        <translation>{landlord} — ouverte le {date}</translation>
    </message>
    <message>
        <source>Dwelling: {dwelling}</source>
        <translation>Logement : {dwelling}</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <source>Current stage: {stage} since {date}</source>
        <translation>Stade actuel : {stage} depuis le {date}</translation>
    </message>
    <message>
        <source>Closed on {date}: {outcome}</source>
        <translation>Close le {date} : {outcome}</translation>
    </message>
    <message>
        <source>Correction on {date}: back to {stage} ({reason})</source>
        <translation>Correction le {date} : retour au stade {stage} ({reason})</translation>
    </message>
    <message>
        <source>Housing situation</source>
        <translation>Situation de logement</translation>
    </message>
</context>
<context>
    <name>PreventionTables</name>
    <message>
        <source>Settled on {date}</source>
        <translation>Soldée le {date}</translation>
    </message>
    <message>
        <source>Repayment plan running</source>
        <translation>Plan d&apos;apurement en cours</translation>
    </message>
    <message>
        <source>No plan</source>
        <translation>Sans plan</translation>
    </message>
    <message>
        <source>Rent</source>
        <translation>Loyer</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Creditor</source>
        <translation>Créancier</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Left to pay</source>
        <translation>Restant dû</translation>
    </message>
    <message>
        <source>Amount minus what the plan&apos;s payments brought beyond the rent</source>
        <translation>Montant moins ce que les paiements du plan ont apporté au-delà du loyer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Dû</translation>
    </message>
    <message>
        <source>Rent left to pay after housing benefit + instalment</source>
        <translation>Loyer résiduel après APL + mensualité</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Payé</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>À temps</translation>
    </message>
    <message>
        <source>Paid by the last day of the month</source>
        <translation>Payé au plus tard le dernier jour du mois</translation>
    </message>
    <message>
        <source>Regular</source>
        <translation>Régulier</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stade</translation>
    </message>
    <message>
        <source>Reached on</source>
        <translation>Atteint le</translation>
    </message>
    <message>
        <source>Winter truce</source>
        <translation>Trêve hivernale</translation>
    </message>
</context>
<context>
    <name>ProcedureDialog</name>
    <message>
        <source>New eviction procedure</source>
        <translation>Nouvelle procédure d&apos;expulsion</translation>
    </message>
    <message>
        <source>(choose a landlord)</source>
        <translation>(choisissez un bailleur)</translation>
    </message>
    <message>
        <source>&amp;Landlord:</source>
        <translation>&amp;Bailleur :</translation>
    </message>
    <message>
        <source>Dwelling:</source>
        <translation>Logement :</translation>
    </message>
    <message>
        <source>none (the household is not housed)</source>
        <translation>aucun (le ménage n&apos;est pas logé)</translation>
    </message>
    <message>
        <source>&amp;Opened on:</source>
        <translation>&amp;Ouverte le :</translation>
    </message>
    <message>
        <source>&amp;First stage:</source>
        <translation>&amp;Premier stade :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
    <message>
        <source>Choose the landlord.</source>
        <translation>Choisissez le bailleur.</translation>
    </message>
</context>
<context>
    <name>ProcedureSuspendDialog</name>
    <message>
        <source>Suspend the procedure</source>
        <translation>Suspendre la procédure</translation>
    </message>
    <message>
        <source>Stage kept:</source>
        <translation>Stade conservé :</translation>
    </message>
    <message>
        <source>&amp;Ground:</source>
        <translation>&amp;Motif :</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Jusqu&apos;au :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
    <message>
        <source>A plateforme pauses the procedure for 4 months at most.</source>
        <translation>Une plateforme suspend la procédure pour 4 mois au plus.</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Funder&apos;s profile</source>
        <translation>Profil du financeur</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Measures counted:</source>
        <translation>&amp;Mesures comptées :</translation>
    </message>
    <message>
        <source>Statistical secret &amp;threshold:</source>
        <translation>&amp;Seuil du secret statistique :</translation>
    </message>
    <message>
        <source>&amp;Indicators:</source>
        <translation>&amp;Indicateurs :</translation>
    </message>
    <message>
        <source>None ticked: the funder receives every indicator.</source>
        <translation>Aucun coché : le financeur reçoit tous les indicateurs.</translation>
    </message>
    <message>
        <source>(none: every day counts whole)</source>
        <translation>(aucun : chaque jour compte en entier)</translation>
    </message>
    <message>
        <source>&amp;Funder:</source>
        <translation>&amp;Financeur :</translation>
    </message>
    <message>
        <source>The figures count this funder&apos;s share of co-funded support.</source>
        <translation>Les chiffres comptent la part de ce financeur dans les accompagnements cofinancés.</translation>
    </message>
    <message>
        <source>e.g. 150 000,00 (empty: no cost per household-year)</source>
        <translation>ex. 150 000,00 (vide : pas de coût par ménage-année)</translation>
    </message>
    <message>
        <source>Yearly &amp;budget (€):</source>
        <translation>&amp;Budget annuel (€) :</translation>
    </message>
    <message>
        <source>&amp;Avoided costs…</source>
        <translation>&amp;Coûts évités…</translation>
    </message>
    <message>
        <source>Avoided-cost worksheet:</source>
        <translation>Feuille des coûts évités :</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n ligne</numerusform>
            <numerusform>%n lignes</numerusform>
        </translation>
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
    <message>
        <source>At least 6 digits, or a passphrase</source>
        <translation>Au moins 6 chiffres, ou une phrase de passe</translation>
    </message>
    <message>
        <source>Asked to switch to you and to unlock the window after a pause, on a laptop shared by the team. Leave it empty to choose it later.</source>
        <translation>Demandé pour passer à votre session et pour déverrouiller la fenêtre après une pause, sur un ordinateur partagé par l&apos;équipe. Laissez vide pour le choisir plus tard.</translation>
    </message>
    <message>
        <source>Personal &amp;code:</source>
        <translation>&amp;Code personnel :</translation>
    </message>
    <message>
        <source>Confir&amp;m the code:</source>
        <translation>Confir&amp;mation du code :</translation>
    </message>
    <message>
        <source>The two typings of the code differ.</source>
        <translation>Les deux saisies du code ne correspondent pas.</translation>
    </message>
</context>
<context>
    <name>ProposalDialog</name>
    <message>
        <source>New housing offer</source>
        <translation>Nouvelle proposition de logement</translation>
    </message>
    <message>
        <source>Housing offer</source>
        <translation>Proposition de logement</translation>
    </message>
    <message>
        <source>&amp;Offered on:</source>
        <translation>&amp;Proposée le :</translation>
    </message>
    <message>
        <source>— not recorded —</source>
        <translation>— non renseigné —</translation>
    </message>
    <message>
        <source>&amp;Landlord:</source>
        <translation>&amp;Bailleur :</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ypologie :</translation>
    </message>
    <message>
        <source>&amp;Town:</source>
        <translation>Co&amp;mmune :</translation>
    </message>
    <message>
        <source>e.g. 350,00</source>
        <translation>ex. 350,00</translation>
    </message>
    <message>
        <source>&amp;Rent and charges:</source>
        <translation>&amp;Loyer et charges :</translation>
    </message>
    <message>
        <source>e.g. 1 600,00</source>
        <translation>ex. 1 600,00</translation>
    </message>
    <message>
        <source>Monthly reso&amp;urces:</source>
        <translation>Ress&amp;ources mensuelles :</translation>
    </message>
    <message>
        <source>&amp;CAL on:</source>
        <translation>Date de la &amp;CAL :</translation>
    </message>
    <message>
        <source>— not decided yet —</source>
        <translation>— pas encore décidé —</translation>
    </message>
    <message>
        <source>CAL &amp;decision:</source>
        <translation>&amp;Décision de la CAL :</translation>
    </message>
    <message>
        <source>— no answer yet —</source>
        <translation>— pas encore de réponse —</translation>
    </message>
    <message>
        <source>Household&apos;s &amp;answer:</source>
        <translation>&amp;Réponse du ménage :</translation>
    </message>
    <message>
        <source>A&amp;nswered on:</source>
        <translation>Répo&amp;ndu le :</translation>
    </message>
    <message>
        <source>Reason for &amp;refusing:</source>
        <translation>Mo&amp;tif du refus :</translation>
    </message>
    <message>
        <source>Lease &amp;signed on:</source>
        <translation>Bail si&amp;gné le :</translation>
    </message>
    <message>
        <source>Effort rate: {rate} %</source>
        <translation>Taux d&apos;effort : {rate} %</translation>
    </message>
    <message>
        <source>{rate} — above {limit} %</source>
        <translation>{rate} — au-delà de {limit} %</translation>
    </message>
    <message>
        <source>Only a refusal has a reason.</source>
        <translation>Seul un refus a un motif.</translation>
    </message>
</context>
<context>
    <name>ProposalsPanel</name>
    <message>
        <source>New housing &amp;offer…</source>
        <translation>Nouvelle &amp;proposition de logement…</translation>
    </message>
    <message>
        <source>&amp;Follow up the offer…</source>
        <translation>Su&amp;ivre la proposition…</translation>
    </message>
    <message>
        <source>The CAL&apos;s decision, the household&apos;s answer, the lease</source>
        <translation>La décision de la CAL, la réponse du ménage, le bail</translation>
    </message>
    <message>
        <source>Housing offers (proposals and CAL)</source>
        <translation>Propositions de logement (et CAL)</translation>
    </message>
    <message>
        <source>Select an offer first.</source>
        <translation>Sélectionnez d&apos;abord une proposition.</translation>
    </message>
</context>
<context>
    <name>ProposalsTableModel</name>
    <message>
        <source>Offered</source>
        <translation>Proposée le</translation>
    </message>
    <message>
        <source>Landlord</source>
        <translation>Bailleur</translation>
    </message>
    <message>
        <source>Dwelling</source>
        <translation>Logement</translation>
    </message>
    <message>
        <source>Rent and charges</source>
        <translation>Loyer et charges</translation>
    </message>
    <message>
        <source>Effort rate</source>
        <translation>Taux d&apos;effort</translation>
    </message>
    <message>
        <source>CAL</source>
        <translation>CAL</translation>
    </message>
    <message>
        <source>Household&apos;s answer</source>
        <translation>Réponse du ménage</translation>
    </message>
    <message>
        <source>Lease signed</source>
        <translation>Bail signé</translation>
    </message>
    <message>
        <source>{date} — decision to come</source>
        <translation>{date} — décision à venir</translation>
    </message>
    <message>
        <source>{date} ({days} days after the offer)</source>
        <translation>{date} ({days} jours après la proposition)</translation>
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
    <name>QuickEncounterForm</name>
    <message>
        <source>New encounter (no name)</source>
        <translation>Nouvelle rencontre (sans nom)</translation>
    </message>
    <message>
        <source>Street, square, station…</source>
        <translation>Rue, place, gare…</translation>
    </message>
    <message>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
    <message>
        <source>Empty: now. Otherwise e.g. 21:30 or 21h30.</source>
        <translation>Vide : maintenant. Sinon, par exemple 21:30 ou 21h30.</translation>
    </message>
    <message>
        <source>— not known —</source>
        <translation>— inconnu —</translation>
    </message>
    <message>
        <source>&amp;Record (Enter)</source>
        <translation>&amp;Enregistrer (Entrée)</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>&amp;Lieu :</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>&amp;Heure :</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>&amp;Jour :</translation>
    </message>
    <message>
        <source>Offered (Alt+number):</source>
        <translation>Proposé (Alt+chiffre) :</translation>
    </message>
    <message>
        <source>&amp;Age:</source>
        <translation>Â&amp;ge :</translation>
    </message>
    <message>
        <source>&amp;Sex:</source>
        <translation>&amp;Sexe :</translation>
    </message>
    <message>
        <source>Day: {problem}</source>
        <translation>Jour : {problem}</translation>
    </message>
    <message>
        <source>Time: type it as 21:30 or 21h30 (empty: now).</source>
        <translation>Heure : tapez-la comme 21:30 ou 21h30 (vide : maintenant).</translation>
    </message>
    <message>
        <source>Time: type the time of an encounter of another day.</source>
        <translation>Heure : tapez l&apos;heure d&apos;une rencontre d&apos;un autre jour.</translation>
    </message>
</context>
<context>
    <name>ReactivateDialog</name>
    <message>
        <source>Reactivate support</source>
        <translation>Réactiver l&apos;accompagnement</translation>
    </message>
    <message>
        <source>A new episode of {measure}, linked to the previous one.</source>
        <translation>Un nouvel accompagnement {measure}, lié au précédent.</translation>
    </message>
    <message>
        <source>Its after-care ends that day ({caption}).</source>
        <translation>Son suivi post-accompagnement se termine ce jour-là ({caption}).</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>personne</translation>
    </message>
    <message>
        <source>Team: {team}</source>
        <translation>Équipe : {team}</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>À partir &amp;du :</translation>
    </message>
    <message>
        <source>&amp;Starting at:</source>
        <translation>&amp;Démarrer en :</translation>
    </message>
    <message>
        <source>&amp;Intensity:</source>
        <translation>&amp;Intensité :</translation>
    </message>
    <message>
        <source>Name {name} coordinator</source>
        <translation>Nommer {name} référent coordinateur</translation>
    </message>
    <message>
        <source>Re&amp;join the team:</source>
        <translation>Re&amp;joindre l&apos;équipe :</translation>
    </message>
    <message>
        <source>Why support resumes (optional)</source>
        <translation>Pourquoi l&apos;accompagnement reprend (facultatif)</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
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
        <translation>La base n&apos;a pas pu être créée</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPanel</name>
    <message>
        <source>This recovery key reopens the database if the key kept by this computer is lost, or if the passphrase is forgotten. It is shown only once: print it or write it down now, and keep it locked away from the computer.</source>
        <translation>Cette clé de secours rouvre la base si la clé gardée par cet ordinateur est perdue, ou si la phrase de passe est oubliée. Elle n&apos;est affichée qu&apos;une fois : imprimez-la ou recopiez-la maintenant, et conservez-la sous clé, hors de l&apos;ordinateur.</translation>
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
        <translation>J&apos;ai imprimé ou recopié cette clé de secours et je la conserverai hors de l&apos;ordinateur.</translation>
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
        <translation>Le fichier n&apos;a pas pu être écrit : {error}</translation>
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
        <translation>Conservez cette feuille sous clé, hors de l&apos;ordinateur. Quiconque la détient avec le fichier de la base peut lire les dossiers.</translation>
    </message>
</context>
<context>
    <name>ReformulateDialog</name>
    <message>
        <source>Reformulate the narrative</source>
        <translation>Reformuler le récit</translation>
    </message>
    <message>
        <source>Found by the check:
{found}</source>
        <translation>Trouvé par la vérification :
{found}</translation>
    </message>
    <message>
        <source>&amp;Narrative:</source>
        <translation>&amp;Récit :</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <source>Resume support</source>
        <translation>Reprendre l&apos;accompagnement</translation>
    </message>
    <message>
        <source>&amp;Resumed on:</source>
        <translation>&amp;Reprise le :</translation>
    </message>
    <message>
        <source>&amp;Intensity:</source>
        <translation>&amp;Intensité :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>Re&amp;marque :</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Due on:</source>
        <translation>Prévu le :</translation>
    </message>
    <message>
        <source>&amp;Held on:</source>
        <translation>&amp;Réalisé le :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>Re&amp;marque :</translation>
    </message>
</context>
<context>
    <name>RightDialog</name>
    <message>
        <source>New right opened</source>
        <translation>Nouveau droit ouvert</translation>
    </message>
    <message>
        <source>Right opened</source>
        <translation>Droit ouvert</translation>
    </message>
    <message>
        <source>&amp;Right:</source>
        <translation>&amp;Droit :</translation>
    </message>
    <message>
        <source>&amp;Opened on:</source>
        <translation>&amp;Ouvert le :</translation>
    </message>
    <message>
        <source>The household</source>
        <translation>Le ménage</translation>
    </message>
    <message>
        <source>{name} (left the household)</source>
        <translation>{name} (a quitté le ménage)</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;Pour :</translation>
    </message>
</context>
<context>
    <name>RightsPanel</name>
    <message>
        <source>Right o&amp;pened…</source>
        <translation>Droit o&amp;uvert…</translation>
    </message>
    <message>
        <source>Record a right opened for the household or one of its persons</source>
        <translation>Enregistrer un droit ouvert pour le ménage ou l&apos;une de ses personnes</translation>
    </message>
    <message>
        <source>Correct the right…</source>
        <translation>Corriger le droit…</translation>
    </message>
    <message>
        <source>Enter in the list</source>
        <translation>Entrée dans la liste</translation>
    </message>
    <message>
        <source>Delete the right…</source>
        <translation>Supprimer le droit…</translation>
    </message>
    <message>
        <source>Only a right recorded by mistake (Delete key in the list)</source>
        <translation>Seulement un droit enregistré par erreur (touche Suppr dans la liste)</translation>
    </message>
    <message>
        <source>Rights opened</source>
        <translation>Droits ouverts</translation>
    </message>
    <message>
        <source>Delete the right</source>
        <translation>Supprimer le droit</translation>
    </message>
    <message>
        <source>Delete « {right} » opened on {date}? Only a right recorded by mistake should be deleted.</source>
        <translation>Supprimer « {right} », ouvert le {date} ? Seul un droit enregistré par erreur doit être supprimé.</translation>
    </message>
    <message>
        <source>Select a right in the list first.</source>
        <translation>Sélectionnez d&apos;abord un droit dans la liste.</translation>
    </message>
</context>
<context>
    <name>RightsTableModel</name>
    <message>
        <source>Opened on</source>
        <translation>Ouvert le</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Droit</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Pour</translation>
    </message>
    <message>
        <source>The household</source>
        <translation>Le ménage</translation>
    </message>
</context>
<context>
    <name>RowsEditor</name>
    <message>
        <source>Remove this line</source>
        <translation>Supprimer cette ligne</translation>
    </message>
</context>
<context>
    <name>SaveTemplateVersionDialog</name>
    <message>
        <source>Save as a new version</source>
        <translation>Enregistrer comme nouvelle version</translation>
    </message>
    <message>
        <source>The template of “{kind}” becomes version {version}. Contracts already drafted keep the version they were drafted from.</source>
        <translation>Le modèle « {kind} » passe en version {version}. Les contrats déjà rédigés gardent la version dont ils sont issus.</translation>
    </message>
    <message>
        <source>e.g. wording agreed with the landlords in March</source>
        <translation>ex. rédaction convenue avec les bailleurs en mars</translation>
    </message>
    <message>
        <source>&amp;Reason for the change (required):</source>
        <translation>&amp;Motif de la modification (obligatoire) :</translation>
    </message>
</context>
<context>
    <name>ServerCalls</name>
    <message>
        <source>Waiting for the team server…</source>
        <translation>En attente du serveur de l&apos;équipe…</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>New collective session</source>
        <translation>Nouvel atelier collectif</translation>
    </message>
    <message>
        <source>Collective session</source>
        <translation>Atelier collectif</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Date :</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème :</translation>
    </message>
    <message>
        <source>Optional, e.g. The lease explained</source>
        <translation>Facultatif, par exemple Le bail expliqué</translation>
    </message>
    <message>
        <source>T&amp;itle:</source>
        <translation>&amp;Intitulé :</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Facultatif</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>non précisée</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>D&amp;urée :</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>&amp;Lieu :</translation>
    </message>
    <message>
        <source>&amp;Run by:</source>
        <translation>Animé &amp;par :</translation>
    </message>
    <message>
        <source>&amp;Attendees:</source>
        <translation>Participant&amp;s :</translation>
    </message>
    <message>
        <source>People who came without being named: no file is created for them</source>
        <translation>Personnes venues sans être nommées : aucun dossier n&apos;est créé pour elles</translation>
    </message>
    <message>
        <source>&amp;Not named:</source>
        <translation>Ano&amp;nymes :</translation>
    </message>
    <message>
        <source>Space ticks or unticks the person selected</source>
        <translation>Espace coche ou décoche la personne sélectionnée</translation>
    </message>
    <message>
        <source>Partner…</source>
        <translation>Partenaire…</translation>
    </message>
    <message>
        <source>Add this &amp;contact</source>
        <translation>Ajouter ce &amp;contact</translation>
    </message>
    <message>
        <source>The household</source>
        <translation>Le ménage</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Enter in the household&apos;s field, once a household is chosen</source>
        <translation>Entrée dans le champ du ménage, une fois le ménage choisi</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>{name} (left the household)</source>
        <translation>{name} (a quitté le ménage)</translation>
    </message>
    <message>
        <source>{household} — {person}</source>
        <translation>{household} — {person}</translation>
    </message>
    <message>
        <source>Choose a household first.</source>
        <translation>Choisissez d&apos;abord un ménage.</translation>
    </message>
    <message>
        <source>Select an attendee.</source>
        <translation>Sélectionnez un participant.</translation>
    </message>
    <message>
        <source>Choose a partner.</source>
        <translation>Choisissez un partenaire.</translation>
    </message>
    <message numerus="yes">
        <source>%n attendee(s) listed</source>
        <translation>
            <numerusform>%n participant inscrit</numerusform>
            <numerusform>%n participants inscrits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(and %n of households you do not follow: they stay as they are)</source>
        <translation>
            <numerusform>(et %n d&apos;un ménage que vous ne suivez pas : il reste inscrit)</numerusform>
            <numerusform>(et %n de ménages que vous ne suivez pas : ils restent inscrits)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>Collective sessions</source>
        <translation>Ateliers collectifs</translation>
    </message>
    <message>
        <source>Last 3 months</source>
        <translation>3 derniers mois</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>L&apos;année dernière</translation>
    </message>
    <message>
        <source>All sessions</source>
        <translation>Tous les ateliers</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Actualise&amp;r</translation>
    </message>
    <message>
        <source>&amp;New session… (Ctrl+N)</source>
        <translation>&amp;Nouvel atelier… (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Open (Enter)</source>
        <translation>&amp;Ouvrir (Entrée)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n atelier</numerusform>
            <numerusform>%n ateliers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attendance(s)</source>
        <translation>
            <numerusform>%n participation</numerusform>
            <numerusform>%n participations</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the session « {theme} » of {date}? It leaves the history of its attendees.</source>
        <translation>Supprimer l&apos;atelier « {theme} » du {date} ? Il disparaît de l&apos;historique de ses participants.</translation>
    </message>
    <message>
        <source>Delete the session</source>
        <translation>Supprimer l&apos;atelier</translation>
    </message>
    <message>
        <source>Select a session first.</source>
        <translation>Sélectionnez d&apos;abord un atelier.</translation>
    </message>
</context>
<context>
    <name>SessionsTableModel</name>
    <message>
        <source>{total} ({seen} you see)</source>
        <translation>{total} (dont {seen} que vous voyez)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <source>Run by</source>
        <translation>Animé par</translation>
    </message>
    <message>
        <source>Named</source>
        <translation>Nommés</translation>
    </message>
    <message>
        <source>Not named</source>
        <translation>Anonymes</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
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
        <source>Logged in</source>
        <translation>Personne connectée</translation>
    </message>
    <message>
        <source>&amp;Switch user</source>
        <translation>&amp;Changer d&apos;utilisateur</translation>
    </message>
    <message>
        <source>Current user:</source>
        <translation>Utilisateur actuel :</translation>
    </message>
    <message>
        <source>Team mode: to work as another person, quit and log in with their own login.</source>
        <translation>Mode équipe : pour travailler sous le nom d&apos;une autre personne, quittez l&apos;application et connectez-vous avec son propre identifiant.</translation>
    </message>
    <message>
        <source>Another person:</source>
        <translation>Autre personne :</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Without keyboard or mouse for this long, the window locks.</source>
        <translation>Sans clavier ni souris pendant ce délai, la fenêtre se verrouille.</translation>
    </message>
    <message>
        <source>Lock after inactivity:</source>
        <translation>Verrouillage après inactivité :</translation>
    </message>
    <message>
        <source>&amp;My personal code…</source>
        <translation>&amp;Mon code personnel…</translation>
    </message>
    <message>
        <source>Code of the &amp;person chosen…</source>
        <translation>Code de la &amp;personne choisie…</translation>
    </message>
    <message>
        <source>Encrypted database</source>
        <translation>Base chiffrée</translation>
    </message>
    <message>
        <source>Team server</source>
        <translation>Serveur de l&apos;équipe</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Fichier :</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur :</translation>
    </message>
    <message>
        <source>Key kept:</source>
        <translation>Clé conservée :</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>Connexion :</translation>
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
        <source>Backups:</source>
        <translation>Sauvegardes :</translation>
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
        <source>Measures (dispositifs)</source>
        <translation>Dispositifs</translation>
    </message>
    <message>
        <source>Documents: letterhead</source>
        <translation>Documents : en-tête</translation>
    </message>
    <message>
        <source>Contract templates</source>
        <translation>Modèles de contrats</translation>
    </message>
    <message>
        <source>(personal code chosen)</source>
        <translation>(code personnel choisi)</translation>
    </message>
    <message>
        <source>(no personal code yet)</source>
        <translation>(pas encore de code personnel)</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Général</translation>
    </message>
    <message>
        <source>&amp;Documents and contracts</source>
        <translation>&amp;Documents et contrats</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>Sécurité :</translation>
    </message>
    <message>
        <source>Only an administrateur changes this delay.</source>
        <translation>Seul un administrateur peut changer ce délai.</translation>
    </message>
    <message>
        <source>Nobody is logged in.</source>
        <translation>Personne n&apos;est connecté.</translation>
    </message>
    <message>
        <source>Only an administrateur gives a colleague a new code (when they have forgotten theirs).</source>
        <translation>Seul un administrateur peut donner un nouveau code à un collègue (quand il a oublié le sien).</translation>
    </message>
    <message>
        <source>My personal code</source>
        <translation>Mon code personnel</translation>
    </message>
    <message>
        <source>Your personal code was saved.</source>
        <translation>Votre code personnel est enregistré.</translation>
    </message>
    <message>
        <source>Personal code</source>
        <translation>Code personnel</translation>
    </message>
    <message>
        <source>Choose a colleague in the list above (for your own code: My personal code).</source>
        <translation>Choisissez un collègue dans la liste ci-dessus (pour votre propre code : Mon code personnel).</translation>
    </message>
    <message>
        <source>The new code of {name} was saved.</source>
        <translation>Le nouveau code de {name} est enregistré.</translation>
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
    <name>SettleDialog</name>
    <message>
        <source>Settle the debt</source>
        <translation>Solder la dette</translation>
    </message>
    <message>
        <source>Debt:</source>
        <translation>Dette :</translation>
    </message>
    <message>
        <source>{creditor} — {amount} on {date}</source>
        <translation>{creditor} — {amount} au {date}</translation>
    </message>
    <message>
        <source>Left to pay:</source>
        <translation>Restant dû :</translation>
    </message>
    <message>
        <source>&amp;Settled on:</source>
        <translation>&amp;Soldée le :</translation>
    </message>
</context>
<context>
    <name>SignatoryTableModel</name>
    <message>
        <source>For</source>
        <translation>Pour</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Qualité</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>Signé le</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>pas encore</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Mode de signature</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>Record a signature</source>
        <translation>Enregistrer une signature</translation>
    </message>
    <message>
        <source>Signatory:</source>
        <translation>Signataire :</translation>
    </message>
    <message>
        <source>Signed &amp;on:</source>
        <translation>Signé &amp;le :</translation>
    </message>
    <message>
        <source>&amp;How:</source>
        <translation>&amp;Mode de signature :</translation>
    </message>
    <message>
        <source>e.g. Rennes</source>
        <translation>ex. Rennes</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>Lie&amp;u :</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <source>Next stage</source>
        <translation>Stade suivant</translation>
    </message>
    <message>
        <source>Current stage:</source>
        <translation>Stade actuel :</translation>
    </message>
    <message>
        <source>{stage} since {date}</source>
        <translation>{stage} depuis le {date}</translation>
    </message>
    <message>
        <source>&amp;Stage reached:</source>
        <translation>&amp;Stade atteint :</translation>
    </message>
    <message>
        <source>&amp;On:</source>
        <translation>&amp;Le :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
    <message>
        <source>Why the procedure goes back (required for a correction)</source>
        <translation>Pourquoi la procédure revient en arrière (obligatoire pour une correction)</translation>
    </message>
    <message>
        <source>&amp;Correction reason:</source>
        <translation>Motif de la &amp;correction :</translation>
    </message>
    <message>
        <source>Stages only move forward: going back to an earlier stage is recorded as a correction.</source>
        <translation>Les stades ne font qu&apos;avancer : revenir à un stade antérieur est enregistré comme une correction.</translation>
    </message>
    <message>
        <source>The lease ends: a tenant of this dwelling becomes an occupier without right or title from this date.</source>
        <translation>Le bail prend fin : le locataire de ce logement devient occupant sans droit ni titre à cette date.</translation>
    </message>
    <message>
        <source>The stages in between are skipped.</source>
        <translation>Les stades intermédiaires sont sautés.</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Date :</translation>
    </message>
    <message>
        <source>&amp;Reason or decision:</source>
        <translation>&amp;Motif ou décision :</translation>
    </message>
</context>
<context>
    <name>SupportTimeline</name>
    <message>
        <source>Support and housing timeline</source>
        <translation>Frise de l&apos;accompagnement et du logement</translation>
    </message>
    <message>
        <source>housing: {status} {period}</source>
        <translation>logement : {status} {period}</translation>
    </message>
    <message>
        <source>no housing situation recorded</source>
        <translation>aucune situation de logement enregistrée</translation>
    </message>
    <message>
        <source>Nothing recorded yet: no support, contact or housing situation.</source>
        <translation>Rien d&apos;enregistré pour l&apos;instant : ni accompagnement, ni contact, ni situation de logement.</translation>
    </message>
    <message>
        <source>Today: {date}</source>
        <translation>Aujourd&apos;hui : {date}</translation>
    </message>
    <message>
        <source>Referral received on {date}</source>
        <translation>Orientation reçue le {date}</translation>
    </message>
    <message>
        <source>Support: {period}</source>
        <translation>Accompagnement : {period}</translation>
    </message>
    <message>
        <source>Planned end: {date}</source>
        <translation>Fin prévue : {date}</translation>
    </message>
    <message>
        <source>Intensity {level}: {period}</source>
        <translation>Intensité {level} : {period}</translation>
    </message>
    <message>
        <source>After-care ({kind}): {period}</source>
        <translation>Suivi post-accompagnement ({kind}) : {period}</translation>
    </message>
    <message>
        <source>Suspended ({reason}): {period}</source>
        <translation>Suspendu ({reason}) : {period}</translation>
    </message>
    <message>
        <source>{date}: {status}</source>
        <translation>{date} : {status}</translation>
    </message>
    <message>
        <source>{reached} reached · {attempts} attempts</source>
        <translation>aboutis : {reached} · tentatives : {attempts}</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Logement</translation>
    </message>
    <message>
        <source>Housing: {status}</source>
        <translation>Logement : {status}</translation>
    </message>
    <message>
        <source>{status}: {period}</source>
        <translation>{status} : {period}</translation>
    </message>
    <message>
        <source>Suspension</source>
        <translation>Suspension</translation>
    </message>
    <message>
        <source>Referral → start</source>
        <translation>Orientation → début</translation>
    </message>
    <message>
        <source>Status change</source>
        <translation>Changement de statut</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>Fin prévue</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact abouti</translation>
    </message>
    <message>
        <source>Failed attempt</source>
        <translation>Tentative sans contact</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Housed</source>
        <translation>Logé</translation>
    </message>
    <message>
        <source>Not housed</source>
        <translation>Non logé</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>since {start}</source>
        <translation>depuis le {start}</translation>
    </message>
    <message>
        <source>from {start} to {end}</source>
        <translation>du {start} au {end}</translation>
    </message>
    <message>
        <source>{measure}: {status}</source>
        <translation>{measure} : {status}</translation>
    </message>
    <message>
        <source>suspended ({reason}) {period}</source>
        <translation>suspendu ({reason}) {period}</translation>
    </message>
    <message>
        <source>planned end {date}</source>
        <translation>fin prévue le {date}</translation>
    </message>
</context>
<context>
    <name>SuspendDialog</name>
    <message>
        <source>Suspend support</source>
        <translation>Suspendre l&apos;accompagnement</translation>
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
        <source>Re&amp;view on:</source>
        <translation>Re&amp;vue le :</translation>
    </message>
    <message>
        <source>empty: in one month</source>
        <translation>vide : dans un mois</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
</context>
<context>
    <name>SwitchUserDialog</name>
    <message>
        <source>Switch user</source>
        <translation>Changer d&apos;utilisateur</translation>
    </message>
    <message>
        <source>Everything recorded from now on will be signed {name}. Type the personal code of {name}.</source>
        <translation>Tout ce qui sera enregistré à partir de maintenant sera signé {name}. Saisissez le code personnel de {name}.</translation>
    </message>
    <message>
        <source>&amp;Personal code:</source>
        <translation>&amp;Code personnel :</translation>
    </message>
    <message>
        <source>&amp;Switch</source>
        <translation>&amp;Changer</translation>
    </message>
</context>
<context>
    <name>TakeOffWatchDialog</name>
    <message>
        <source>Take off the watch list</source>
        <translation>Retirer de la veille</translation>
    </message>
    <message>
        <source>&amp;On:</source>
        <translation>&amp;Le :</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>M&amp;otif :</translation>
    </message>
</context>
<context>
    <name>TeamLoginDialog</name>
    <message>
        <source>Log in to the team server</source>
        <translation>Connexion au serveur de l&apos;équipe</translation>
    </message>
    <message>
        <source>Your team&apos;s files are on the association&apos;s server. Enter your password.</source>
        <translation>Les dossiers de votre équipe sont sur le serveur de l&apos;association. Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur :</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>Team server</source>
        <translation>Serveur de l&apos;équipe</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Connexion au serveur…</translation>
    </message>
</context>
<context>
    <name>TeamPanel</name>
    <message>
        <source>&amp;Add member…</source>
        <translation>&amp;Ajouter un membre…</translation>
    </message>
    <message>
        <source>Make &amp;coordinator…</source>
        <translation>&amp;Désigner comme coordinateur…</translation>
    </message>
    <message>
        <source>&amp;End membership…</source>
        <translation>&amp;Retirer de l&apos;équipe…</translation>
    </message>
    <message>
        <source>Show &amp;past members</source>
        <translation>A&amp;fficher les anciens membres</translation>
    </message>
    <message>
        <source>Caseload of the staff members on the team</source>
        <translation>File active des professionnels de l&apos;équipe</translation>
    </message>
    <message numerus="yes">
        <source>Coordinator changes: %n</source>
        <translation>
            <numerusform>Changements de référent coordinateur : %n</numerusform>
            <numerusform>Changements de référent coordinateur : %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a household first.</source>
        <translation>Ouvrez d&apos;abord un ménage.</translation>
    </message>
    <message>
        <source>Over the caseload target</source>
        <translation>Au-delà de la cible de file active</translation>
    </message>
    <message numerus="yes">
        <source>%n household(s)</source>
        <translation>
            <numerusform>%n ménage</numerusform>
            <numerusform>%n ménages</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}: {households}, load {load}, no target</source>
        <translation>{name} : {households}, charge {load}, sans cible</translation>
    </message>
    <message>
        <source>{name}: {households}, load {load} / target {target} ({percent} %)</source>
        <translation>{name} : {households}, charge {load} / cible {target} ({percent} %)</translation>
    </message>
    <message>
        <source>Select a member of the team first.</source>
        <translation>Sélectionnez d&apos;abord un membre de l&apos;équipe.</translation>
    </message>
    <message>
        <source>This person has left the team.</source>
        <translation>Cette personne a quitté l&apos;équipe.</translation>
    </message>
    <message>
        <source>This person is the coordinator already.</source>
        <translation>Cette personne est déjà le référent coordinateur.</translation>
    </message>
    <message>
        <source>This person&apos;s role in the team may not coordinate.</source>
        <translation>Le rôle de cette personne dans l&apos;équipe ne lui permet pas de coordonner.</translation>
    </message>
</context>
<context>
    <name>TeamTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisme</translation>
    </message>
    <message>
        <source>Profession</source>
        <translation>Profession</translation>
    </message>
    <message>
        <source>Role in the team</source>
        <translation>Rôle dans l&apos;équipe</translation>
    </message>
    <message>
        <source>Coordination</source>
        <translation>Coordination</translation>
    </message>
    <message>
        <source>★ Coordinator</source>
        <translation>★ Référent coordinateur</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis le</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Jusqu&apos;au</translation>
    </message>
</context>
<context>
    <name>TemplateVersionDialog</name>
    <message>
        <source>Template version {version}</source>
        <translation>Modèle, version {version}</translation>
    </message>
    <message>
        <source>{kind}, version {version} of {date}</source>
        <translation>{kind}, version {version} du {date}</translation>
    </message>
    <message>
        <source>Reason: {note}</source>
        <translation>Motif : {note}</translation>
    </message>
</context>
<context>
    <name>TemplateVersionTableModel</name>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
</context>
<context>
    <name>TerritoryBox</name>
    <message>
        <source>Working days</source>
        <translation>Jours ouvrés</translation>
    </message>
    <message>
        <source>The public holidays of this territory count the alert deadlines and the office hours. A framework agreement with a landlord may name another territory for that landlord&apos;s alerts.</source>
        <translation>Les jours fériés de ce territoire comptent les délais des alertes et les horaires de bureau. Une convention cadre avec un bailleur peut indiquer un autre territoire pour les alertes de ce bailleur.</translation>
    </message>
    <message>
        <source>&amp;Territory:</source>
        <translation>&amp;Territoire :</translation>
    </message>
</context>
<context>
    <name>TimelineCounts</name>
    <message numerus="yes">
        <source>%n contact(s) reached</source>
        <translation>
            <numerusform>%n contact abouti</numerusform>
            <numerusform>%n contacts aboutis</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed attempt(s)</source>
        <translation>
            <numerusform>%n tentative sans contact</numerusform>
            <numerusform>%n tentatives sans contact</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… et %n autre</numerusform>
            <numerusform>… et %n autres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TruceGround</name>
    <message>
        <source>— choose the legal ground —</source>
        <translation>— choisir le motif légal —</translation>
    </message>
    <message>
        <source>Legal &amp;ground:</source>
        <translation>&amp;Motif légal :</translation>
    </message>
    <message>
        <source>Expulsion during the winter truce ({start} – {end}): allowed only on one of the legal grounds.</source>
        <translation>Expulsion pendant la trêve hivernale (du {start} au {end}) : possible seulement pour l&apos;un des motifs prévus par la loi.</translation>
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
        <translation>La base des dossiers est chiffrée. Saisissez votre phrase de passe pour l&apos;ouvrir.</translation>
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
    <name>VersionTableModel</name>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>{number} (amendment)</source>
        <translation>{number} (avenant)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Dated</source>
        <translation>Datée du</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>En vigueur depuis</translation>
    </message>
    <message>
        <source>Replaced on</source>
        <translation>Remplacée le</translation>
    </message>
    <message>
        <source>Signed copy</source>
        <translation>Exemplaire signé</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>Avenant</translation>
    </message>
</context>
<context>
    <name>WatchDialog</name>
    <message>
        <source>Watch list</source>
        <translation>Veille</translation>
    </message>
    <message>
        <source>Watch list rhythm</source>
        <translation>Rythme de la veille</translation>
    </message>
    <message>
        <source> weeks</source>
        <translation> semaines</translation>
    </message>
    <message>
        <source>News &amp;every:</source>
        <translation>Nouvelles &amp;toutes les :</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>À partir &amp;du :</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Remarque :</translation>
    </message>
</context>
<context>
    <name>WatchRow</name>
    <message>
        <source>Watch list…</source>
        <translation>Mettre en veille…</translation>
    </message>
    <message>
        <source>Rhythm…</source>
        <translation>Rythme de la veille…</translation>
    </message>
    <message>
        <source>Take off the list…</source>
        <translation>Retirer de la veille…</translation>
    </message>
    <message>
        <source>Not on the watch list.</source>
        <translation>Pas en veille.</translation>
    </message>
    <message>
        <source>last news {date}</source>
        <translation>dernières nouvelles le {date}</translation>
    </message>
    <message>
        <source>no news yet</source>
        <translation>pas encore de nouvelles</translation>
    </message>
    <message>
        <source>Watch list: news {every} · {news} · next due {due} · {attempts} attempt(s) since</source>
        <translation>Veille : nouvelles {every} · {news} · prochaines attendues le {due} · {attempts} tentative(s) depuis</translation>
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

The files are kept either in an encrypted database on this computer (nothing is sent anywhere), or on your association&apos;s server, shared by the team over an encrypted connection.</source>
        <translation>Caseworker suit les ménages que votre association accompagne : composition, logement, consentements à transmettre des informations aux bailleurs, et qui a consulté chaque dossier.

Les dossiers sont gardés soit dans une base chiffrée sur cet ordinateur (rien n&apos;est envoyé nulle part), soit sur le serveur de votre association, partagés par l&apos;équipe par une connexion chiffrée.</translation>
    </message>
    <message>
        <source>Caseworker follows the households your association supports: members, housing, consents to share information with landlords, and who viewed each file.

Everything is stored in an encrypted database on this computer. Nothing is sent anywhere.

This assistant sets up the encryption key, a recovery key to print, your organisation and the person who uses this laptop.</source>
        <translation>Caseworker suit les ménages que votre association accompagne : composition, logement, consentements à transmettre des informations aux bailleurs, et qui a consulté chaque dossier.

Tout est enregistré dans une base chiffrée sur cet ordinateur. Rien n&apos;est envoyé nulle part.

Cet assistant met en place la clé de chiffrement, une clé de secours à imprimer, votre organisation et la personne qui utilise cet ordinateur.</translation>
    </message>
    <message>
        <source>Create the &amp;database on this computer (one person, or to try)</source>
        <translation>Créer la &amp;base sur cet ordinateur (une seule personne, ou pour essayer)</translation>
    </message>
    <message>
        <source>&amp;Join my team: our files are on the association&apos;s server</source>
        <translation>&amp;Rejoindre mon équipe : nos dossiers sont sur le serveur de l&apos;association</translation>
    </message>
</context>
<context>
    <name>WithdrawLegalBasisDialog</name>
    <message>
        <source>Withdraw the legal basis</source>
        <translation>Retirer la base légale</translation>
    </message>
    <message>
        <source>Legal basis:</source>
        <translation>Base légale :</translation>
    </message>
    <message>
        <source>&amp;Withdrawn on:</source>
        <translation>&amp;Retirée le :</translation>
    </message>
</context>
<context>
    <name>WithheldTableModel</name>
    <message>
        <source>Household</source>
        <translation>Ménage</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Trimestre</translation>
    </message>
    <message>
        <source>Exit reason</source>
        <translation>Motif de sortie</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Trouvé</translation>
    </message>
</context>
</TS>
