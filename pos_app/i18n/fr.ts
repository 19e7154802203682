<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
    <message>
        <source>Something went wrong</source>
        <translation>Un problème est survenu</translation>
    </message>
    <message>
        <source>Something unexpected went wrong and was logged. If it happens again, tell your manager.</source>
        <translation>Un problème inattendu est survenu et a été consigné. S&apos;il se reproduit, prévenez votre responsable.</translation>
    </message>
    <message>
        <source>This terminal&apos;s data is from a newer pos-app</source>
        <translation>Les données de ce terminal viennent d&apos;un pos-app plus récent</translation>
    </message>
    <message>
        <source>The terminal&apos;s database ({path}) was written by a newer version of pos-app (data version {found}; this version reads up to {readable}). Install that newer pos-app build, or a later one, on this PC and start it again. Nothing was changed: the data is as it was.</source>
        <translation>La base de données du terminal ({path}) a été écrite par une version plus récente de pos-app (données en version {found}&#xa0;; cette version lit jusqu&apos;à la version {readable}). Installez ce pos-app plus récent, ou un plus récent encore, sur ce PC et relancez-le. Rien n&apos;a été modifié&#xa0;: les données sont intactes.</translation>
    </message>
    <message>
        <source>The terminal&apos;s data cannot be opened</source>
        <translation>Les données du terminal ne peuvent pas être ouvertes</translation>
    </message>
    <message>
        <source>The terminal&apos;s database cannot be used: {error}. Nothing was changed. Run &apos;pos-app doctor&apos; to see what is wrong, or call support.</source>
        <translation>La base de données du terminal est inutilisable&#xa0;: {error}. Rien n&apos;a été modifié. Lancez «&#xa0;pos-app doctor&#xa0;» pour voir ce qui ne va pas, ou appelez l&apos;assistance.</translation>
    </message>
    <message>
        <source>{name} ({role}) PIN {pin}</source>
        <translation>{name} ({role}) code PIN {pin}</translation>
    </message>
    <message>
        <source>Demo accounts: {accounts}</source>
        <translation>Comptes de démonstration&#xa0;: {accounts}</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>Code QR</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Code-barres</translation>
    </message>
    <message>
        <source>Shortcut {key}</source>
        <translation>Raccourci {key}</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>Fidélité</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>Rechercher un client</translation>
    </message>
    <message>
        <source>Find</source>
        <comment>short</comment>
        <translation>Client</translation>
    </message>
    <message>
        <source>Check a code</source>
        <translation>Vérifier un code</translation>
    </message>
    <message>
        <source>Check</source>
        <comment>short</comment>
        <translation>Code</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>New</source>
        <comment>short</comment>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Manager</source>
        <comment>short</comment>
        <translation>Resp.</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>Changer d&apos;utilisateur</translation>
    </message>
    <message>
        <source>Switch</source>
        <comment>short</comment>
        <translation>Changer</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>Caisse</translation>
    </message>
    <message>
        <source>Till</source>
        <comment>short</comment>
        <translation>Caisse</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>responsable</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>caissier</translation>
    </message>
    <message>
        <source>Kiosk mode</source>
        <translation>Mode kiosque</translation>
    </message>
    <message>
        <source>This till is in kiosk mode: a manager can close it from the menu (Till, F10).</source>
        <translation>Cette caisse est en mode kiosque&#xa0;: un responsable peut la fermer depuis le menu (Caisse, F10).</translation>
    </message>
    <message>
        <source>leaving kiosk mode (the window gets its title bar back)</source>
        <translation>la sortie du mode kiosque (la fenêtre retrouve sa barre de titre)</translation>
    </message>
    <message>
        <source>closing the loyalty terminal</source>
        <translation>la fermeture du terminal de fidélité</translation>
    </message>
    <message>
        <source>opening the settings</source>
        <translation>l&apos;ouverture des paramètres</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Non effectué</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>Quitter le mode kiosque</translation>
    </message>
    <message>
        <source>Back to kiosk mode</source>
        <translation>Revenir au mode kiosque</translation>
    </message>
    <message>
        <source>Close the terminal</source>
        <translation>Fermer le terminal</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Till menu</source>
        <translation>Menu Caisse</translation>
    </message>
    <message>
        <source>Kiosk mode is off until the app restarts.</source>
        <translation>Le mode kiosque est désactivé jusqu&apos;au redémarrage de l&apos;application.</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>Loyalty terminal</source>
        <translation>Terminal de fidélité</translation>
    </message>
    <message>
        <source>Choose a reward the customer has enough points for.</source>
        <translation>Choisissez une récompense pour laquelle le client a assez de points.</translation>
    </message>
    <message>
        <source>Choose another reward.</source>
        <translation>Choisissez une autre récompense.</translation>
    </message>
    <message>
        <source>Search for the customer again.</source>
        <translation>Recherchez à nouveau le client.</translation>
    </message>
    <message>
        <source>Check the connection, or try again in a moment.</source>
        <translation>Vérifiez la connexion, ou réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Try again when the terminal is back online (see the status bar), or offer a smaller reward.</source>
        <translation>Réessayez quand le terminal sera de nouveau en ligne (voir la barre d&apos;état), ou proposez une récompense plus petite.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Nothing was changed. If it happens again, tell your manager.</source>
        <translation>Un problème inattendu est survenu. Rien n&apos;a été modifié. S&apos;il se reproduit, prévenez votre responsable.</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Dismiss (Esc)</source>
        <translation>Fermer (Échap)</translation>
    </message>
    <message>
        <source>Dismiss this message</source>
        <translation>Fermer ce message</translation>
    </message>
    <message>
        <source>Problem: {title}. {text}</source>
        <translation>Problème&#xa0;: {title}. {text}</translation>
    </message>
    <message>
        <source>Done: {title}. {text}</source>
        <translation>Fait&#xa0;: {title}. {text}</translation>
    </message>
    <message>
        <source>Loyalty reward</source>
        <translation>Récompense fidélité</translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s)</source>
        <translation>
            <numerusform>{n} point</numerusform>
            <numerusform>{n} points</numerusform>
        </translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmé</translation>
    </message>
    <message>
        <source>Issued offline, will sync</source>
        <translation>Émis hors ligne, sera synchronisé</translation>
    </message>
    <message>
        <source>{time}  ·  terminal {id}</source>
        <translation>{time}  ·  terminal {id}</translation>
    </message>
    <message>
        <source>Valid once. Show this code at the checkout.</source>
        <translation>Valable une seule fois. Présentez ce code en caisse.</translation>
    </message>
    <message>
        <source>Redemption {code}</source>
        <translation>Échange {code}</translation>
    </message>
    <message>
        <source>Award points</source>
        <translation>Attribuer des points</translation>
    </message>
    <message>
        <source>Award {points}?</source>
        <translation>Attribuer {points}&#xa0;?</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>Attribuer</translation>
    </message>
    <message>
        <source>A manager can approve this redemption offline.</source>
        <translation>Un responsable peut autoriser cet échange hors ligne.</translation>
    </message>
    <message>
        <source>No code was issued</source>
        <translation>Aucun code n&apos;a été émis</translation>
    </message>
    <message>
        <source>Manager override…</source>
        <translation>Autorisation du responsable…</translation>
    </message>
    <message>
        <source>{format} files</source>
        <translation>Fichiers {format}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Connection problems</source>
        <translation>Connexion instable</translation>
    </message>
    <message>
        <source>Sync paused</source>
        <translation>Synchronisation suspendue</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>Dernière synchro&#xa0;: jamais</translation>
    </message>
    <message>
        <source>Terminal {id}</source>
        <translation>Terminal {id}</translation>
    </message>
    <message>
        <source>Sync now  (F5)</source>
        <translation>Synchroniser  (F5)</translation>
    </message>
    <message>
        <source>Sandbox outage</source>
        <translation>Panne du bac à sable</translation>
    </message>
    <message>
        <source>Demo only: the sandbox backend stops answering, as when the internet is down</source>
        <translation>Démo uniquement&#xa0;: le serveur bac à sable ne répond plus, comme lors d&apos;une coupure d&apos;internet</translation>
    </message>
    <message>
        <source>API key refused</source>
        <translation>clé API refusée</translation>
    </message>
    <message>
        <source>wrong backend</source>
        <translation>mauvais serveur</translation>
    </message>
    <message>
        <source>{state}: {why}</source>
        <translation>{state}&#xa0;: {why}</translation>
    </message>
    <message>
        <source>{detail} Nothing is lost: operations wait and sync once it is fixed.</source>
        <translation>{detail} Rien n&apos;est perdu&#xa0;: les opérations attendent et seront synchronisées une fois le problème réglé.</translation>
    </message>
    <message numerus="yes">
        <source>{n} waiting to sync</source>
        <translation>
            <numerusform>{n} opération en attente</numerusform>
            <numerusform>{n} opérations en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to sync</source>
        <translation>Rien en attente</translation>
    </message>
    <message numerus="yes">
        <source>{n} conflict(s)</source>
        <translation>
            <numerusform>{n} litige</numerusform>
            <numerusform>{n} litiges</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: {time}</source>
        <translation>Dernière synchro&#xa0;: {time}</translation>
    </message>
    <message>
        <source>That looked like a card scan: sign in first.</source>
        <translation>Cela ressemble à une carte scannée&#xa0;: connectez-vous d&apos;abord.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>Effacer le dernier chiffre</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Who is at the till?</source>
        <translation>Qui est à la caisse&#xa0;?</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>Le même code PIN, à nouveau</translation>
    </message>
    <message>
        <source>Checking the PIN</source>
        <translation>Vérification du code PIN</translation>
    </message>
    <message>
        <source>Set up the first manager&apos;s account</source>
        <translation>Créez le compte du premier responsable</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>Créer et se connecter</translation>
    </message>
    <message>
        <source>The two PINs differ; type them again.</source>
        <translation>Les deux codes PIN diffèrent&#xa0;; saisissez-les à nouveau.</translation>
    </message>
    <message>
        <source>Touch your name first.</source>
        <translation>Touchez d&apos;abord votre nom.</translation>
    </message>
    <message>
        <source>Sign-in failed; try again.</source>
        <translation>La connexion a échoué&#xa0;; réessayez.</translation>
    </message>
</context>
</TS>
