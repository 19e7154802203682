<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
    <message>
        <source>That is more than one award can give: at most {n} points.</source>
        <translation>C&apos;est plus qu&apos;une attribution ne peut donner&#xa0;: {n} points au plus.</translation>
    </message>
    <message>
        <source>Award points to {name}</source>
        <translation>Attribuer des points à {name}</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Vente</translation>
    </message>
    <message>
        <source>Award for a sale</source>
        <translation>Attribution pour une vente</translation>
    </message>
    <message>
        <source>Bonus / no sale</source>
        <translation>Bonus / sans vente</translation>
    </message>
    <message>
        <source>Bonus points, no sale</source>
        <translation>Points bonus, sans vente</translation>
    </message>
    <message>
        <source>Scan or type the receipt&apos;s order number</source>
        <translation>Scannez ou tapez le n° de commande du ticket</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Numéro de commande</translation>
    </message>
    <message>
        <source>Sale amount in {currency}</source>
        <translation>Montant de la vente en {currency}</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>ex. {example}</translation>
    </message>
    <message>
        <source>Points for this sale</source>
        <translation>Points pour cette vente</translation>
    </message>
    <message>
        <source>Order number:</source>
        <translation>N° de commande&#xa0;:</translation>
    </message>
    <message>
        <source>Amount ({currency}):</source>
        <translation>Montant ({currency})&#xa0;:</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Why, e.g. Birthday bonus</source>
        <translation>Pourquoi, ex. Bonus anniversaire</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Points expire on</source>
        <translation>Les points expirent le</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>Date d&apos;expiration</translation>
    </message>
    <message>
        <source>Points:</source>
        <translation>Points&#xa0;:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motif&#xa0;:</translation>
    </message>
    <message>
        <source>Award</source>
        <comment>action</comment>
        <translation>Attribuer</translation>
    </message>
    <message>
        <source>No earn rate for {currency} in config.toml [earn].</source>
        <translation>Aucun taux de gain pour {currency} dans config.toml [earn].</translation>
    </message>
    <message>
        <source>Earn rate: {rate}.</source>
        <translation>Taux de gain&#xa0;: {rate}.</translation>
    </message>
    <message>
        <source>Earn rate: {rate}, x {multiplier} for {tier}.</source>
        <translation>Taux de gain&#xa0;: {rate}, x {multiplier} pour {tier}.</translation>
    </message>
    <message>
        <source>Scan or type the receipt&apos;s order number.</source>
        <translation>Scannez ou tapez le n° de commande du ticket.</translation>
    </message>
    <message>
        <source>Type the sale&apos;s amount in {currency}.</source>
        <translation>Tapez le montant de la vente en {currency}.</translation>
    </message>
    <message>
        <source>Type digits only.</source>
        <translation>Tapez uniquement des chiffres.</translation>
    </message>
    <message>
        <source>A sale under {least} earns no points.</source>
        <translation>Une vente de moins de {least} ne rapporte aucun point.</translation>
    </message>
    <message numerus="yes">
        <source>{amount} → {n} point(s)</source>
        <translation>
            <numerusform>{amount} → {n} point</numerusform>
            <numerusform>{amount} → {n} points</numerusform>
        </translation>
    </message>
    <message>
        <source>Type how many points to give.</source>
        <translation>Tapez le nombre de points à donner.</translation>
    </message>
    <message>
        <source>Type at least 1 point.</source>
        <translation>Tapez au moins 1 point.</translation>
    </message>
    <message>
        <source>Enrol a new customer</source>
        <translation>Inscrire un nouveau client</translation>
    </message>
    <message>
        <source>scan the new card</source>
        <translation>scannez la nouvelle carte</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Téléphone&#xa0;:</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>E-mail&#xa0;:</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Card number:</source>
        <translation>N° de carte&#xa0;:</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>Numéro de carte</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>Inscrire</translation>
    </message>
    <message>
        <source>Saved as {phone}</source>
        <translation>Enregistré sous {phone}</translation>
    </message>
    <message>
        <source>{what}:</source>
        <translation>{what}&#xa0;:</translation>
    </message>
    <message>
        <source>Manager approval</source>
        <translation>Autorisation du responsable</translation>
    </message>
    <message>
        <source>A manager must approve: &lt;b&gt;{what}&lt;/b&gt;</source>
        <translation>Un responsable doit autoriser&#xa0;: &lt;b&gt;{what}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Manager&apos;s PIN</source>
        <translation>Code PIN du responsable</translation>
    </message>
    <message>
        <source>Why (kept in the audit log)</source>
        <translation>Pourquoi (noté dans l&apos;audit)</translation>
    </message>
    <message>
        <source>Manager:</source>
        <translation>Responsable&#xa0;:</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>Code PIN&#xa0;:</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Autoriser</translation>
    </message>
    <message>
        <source>Type the manager&apos;s name.</source>
        <translation>Tapez le nom du responsable.</translation>
    </message>
    <message>
        <source>Say why: it goes into the audit log.</source>
        <translation>Indiquez pourquoi&#xa0;: c&apos;est noté dans le journal d&apos;audit.</translation>
    </message>
    <message>
        <source>The manager types their PIN.</source>
        <translation>Le responsable tape son code PIN.</translation>
    </message>
    <message>
        <source>Adjust {name}&apos;s points</source>
        <translation>Ajuster les points de {name}</translation>
    </message>
    <message>
        <source>e.g. -50 or 120</source>
        <translation>ex. -50 ou 120</translation>
    </message>
    <message>
        <source>Points to add or take away</source>
        <translation>Points à ajouter ou à retirer</translation>
    </message>
    <message>
        <source>e.g. Card scanned twice</source>
        <translation>ex. Carte scannée deux fois</translation>
    </message>
    <message>
        <source>Points (+ or -):</source>
        <translation>Points (+ ou -)&#xa0;:</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Type how many points to add, or - and how many to take away (e.g. -50).</source>
        <translation>Tapez le nombre de points à ajouter, ou - et le nombre à retirer (ex. -50).</translation>
    </message>
    <message>
        <source>Type a number other than 0.</source>
        <translation>Tapez un nombre autre que 0.</translation>
    </message>
    <message>
        <source>One adjustment is at most {n} points either way.</source>
        <translation>Un ajustement est de {n} points au plus, dans un sens ou dans l&apos;autre.</translation>
    </message>
    <message>
        <source>Type a whole number of points, with - to take points away.</source>
        <translation>Tapez un nombre entier de points, avec - pour en retirer.</translation>
    </message>
    <message>
        <source>{low} to {high} points ({money} to {most}), steps of {step}.</source>
        <translation>De {low} à {high} points ({money} à {most}), par pas de {step}.</translation>
    </message>
    <message numerus="yes">
        <source>Balance: {n} point(s).</source>
        <translation>
            <numerusform>Solde&#xa0;: {n} point.</numerusform>
            <numerusform>Solde&#xa0;: {n} points.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline: at most {n} point(s) now (the offline policy).</source>
        <translation>
            <numerusform>Hors ligne&#xa0;: {n} point au plus (règle hors ligne).</numerusform>
            <numerusform>Hors ligne&#xa0;: {n} points au plus (règle hors ligne).</numerusform>
        </translation>
    </message>
    <message>
        <source>Amount to cover</source>
        <translation>Montant à couvrir</translation>
    </message>
    <message>
        <source>Type the amount to cover</source>
        <translation>Tapez le montant à couvrir</translation>
    </message>
    <message>
        <source>Type the points</source>
        <translation>Tapez les points</translation>
    </message>
    <message>
        <source>Amount or points</source>
        <translation>Montant ou points</translation>
    </message>
    <message>
        <source>Points and discount</source>
        <translation>Points et remise</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>Solde après</translation>
    </message>
    <message>
        <source>Use points</source>
        <translation>Utiliser les points</translation>
    </message>
    <message>
        <source>Not {value}: steps of {step}, from {low} to {high}.</source>
        <translation>Pas {value}&#xa0;: par pas de {step}, de {low} à {high}.</translation>
    </message>
    <message>
        <source>The customer pays the other {rest} another way.</source>
        <translation>Le client paie les {rest} restants autrement.</translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) = {discount} off</source>
        <translation>
            <numerusform>{n} point = {discount} de remise</numerusform>
            <numerusform>{n} points = {discount} de remise</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Balance after: {n} point(s)</source>
        <translation>
            <numerusform>Solde après&#xa0;: {n} point</numerusform>
            <numerusform>Solde après&#xa0;: {n} points</numerusform>
        </translation>
    </message>
    <message>
        <source>Type the amount to cover or the points.</source>
        <translation>Tapez le montant à couvrir ou les points.</translation>
    </message>
    <message>
        <source>Confirm redemption</source>
        <translation>Confirmer l&apos;échange</translation>
    </message>
    <message>
        <source>Redeem &lt;b&gt;{reward}&lt;/b&gt; for &lt;b&gt;{name}&lt;/b&gt;?</source>
        <translation>Échanger &lt;b&gt;{reward}&lt;/b&gt; pour &lt;b&gt;{name}&lt;/b&gt;&#xa0;?</translation>
    </message>
    <message>
        <source>Worth:</source>
        <translation>Valeur&#xa0;:</translation>
    </message>
    <message>
        <source>Discount:</source>
        <translation>Remise&#xa0;:</translation>
    </message>
    <message>
        <source>Balance now:</source>
        <translation>Solde actuel&#xa0;:</translation>
    </message>
    <message>
        <source>Balance after:</source>
        <translation>Solde après&#xa0;:</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>Échanger</translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s)</source>
        <translation>
            <numerusform>{n} point</numerusform>
            <numerusform>{n} points</numerusform>
        </translation>
    </message>
    <message>
        <source>Take back a return for {name}</source>
        <translation>Retour pour {name}</translation>
    </message>
    <message>
        <source>Take back a return</source>
        <translation>Enregistrer un retour</translation>
    </message>
    <message>
        <source>The receipt&apos;s order number</source>
        <translation>Le n° de commande du ticket</translation>
    </message>
    <message>
        <source>Order number of the sale</source>
        <translation>Numéro de commande de la vente</translation>
    </message>
    <message>
        <source>Amount returned in {currency}</source>
        <translation>Montant rendu en {currency}</translation>
    </message>
    <message>
        <source>Optional, e.g. Damaged</source>
        <translation>Facultatif, ex. Abîmé</translation>
    </message>
    <message>
        <source>Reason for the return</source>
        <translation>Motif du retour</translation>
    </message>
    <message>
        <source>Order number of the sale:</source>
        <translation>N° de commande de la vente&#xa0;:</translation>
    </message>
    <message>
        <source>Amount returned ({currency}):</source>
        <translation>Montant rendu ({currency})&#xa0;:</translation>
    </message>
    <message>
        <source>Reason (optional):</source>
        <translation>Motif (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <source>Return on order {order}</source>
        <translation>Retour sur la commande {order}</translation>
    </message>
    <message>
        <source>Return of {amount} on order {order}. This order did not earn on this terminal: the loyalty service works out the points to take back.</source>
        <translation>Retour de {amount} sur la commande {order}. Cette commande n&apos;a pas rapporté de points sur ce terminal&#xa0;: le serveur de fidélité calcule les points à reprendre.</translation>
    </message>
    <message>
        <source>Order {order}: return of {amount}</source>
        <translation>Commande {order}&#xa0;: retour de {amount}</translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) (for {amount} returned before)</source>
        <translation>
            <numerusform>{n} point (pour {amount} déjà rendus)</numerusform>
            <numerusform>{n} points (pour {amount} déjà rendus)</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation>rien pour l&apos;instant</translation>
    </message>
    <message>
        <source>Takes back</source>
        <translation>Reprend</translation>
    </message>
    <message>
        <source>The sale earned</source>
        <translation>La vente a rapporté</translation>
    </message>
    <message>
        <source>Already taken back</source>
        <translation>Déjà repris</translation>
    </message>
    <message>
        <source>This return</source>
        <translation>Ce retour</translation>
    </message>
    <message>
        <source>Take back</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>A change needs a restart.</source>
        <translation>Une modification nécessite un redémarrage.</translation>
    </message>
    <message>
        <source>not in config.toml; in use now: {value}</source>
        <translation>absent de config.toml&#xa0;; utilisé maintenant&#xa0;: {value}</translation>
    </message>
    <message>
        <source>not set: {default}</source>
        <translation>non défini&#xa0;: {default}</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Check</source>
        <comment>settings tab</comment>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>These settings are kept in {path}. Each change is audited with its old and new value. Hover over a field for what it does.</source>
        <translation>Ces paramètres sont gardés dans {path}. Chaque modification est auditée avec l&apos;ancienne et la nouvelle valeur. Survolez un champ pour voir son rôle.</translation>
    </message>
    <message>
        <source>What the save did</source>
        <translation>Résultat de l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Enregistrer les paramètres</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>Fermer  (Échap)</translation>
    </message>
    <message>
        <source>{tab} settings</source>
        <translation>Paramètres&#xa0;: {tab}</translation>
    </message>
    <message>
        <source>Where the API key comes from</source>
        <translation>Origine de la clé API</translation>
    </message>
    <message>
        <source>type a new key to replace it (never shown)</source>
        <translation>tapez une nouvelle clé pour la remplacer (jamais affichée)</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>Nouvelle clé API</translation>
    </message>
    <message>
        <source>Check this terminal</source>
        <translation>Vérifier ce terminal</translation>
    </message>
    <message>
        <source>The same checks as &apos;pos-app doctor&apos;: each a pass, warning or fail, and its fix.</source>
        <translation>Les mêmes vérifications que «&#xa0;pos-app doctor&#xa0;»&#xa0;: chacune réussie, en alerte ou en échec, avec sa solution.</translation>
    </message>
    <message numerus="yes">
        <source>Nothing saved: {n} field(s) to fix ({first})</source>
        <translation>
            <numerusform>Rien n&apos;est enregistré&#xa0;: {n} champ à corriger ({first})</numerusform>
            <numerusform>Rien n&apos;est enregistré&#xa0;: {n} champs à corriger ({first})</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>Rien n&apos;a changé.</translation>
    </message>
    <message>
        <source>Checking...</source>
        <translation>Vérification...</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>Enregistrement...</translation>
    </message>
    <message>
        <source>{status}  {name}: {detail}</source>
        <translation>{status}  {name}&#xa0;: {detail}</translation>
    </message>
    <message>
        <source>Fix: {fix}</source>
        <translation>Solution&#xa0;: {fix}</translation>
    </message>
    <message>
        <source>Save  (Ctrl+S)</source>
        <translation>Enregistrer  (Ctrl+S)</translation>
    </message>
    <message>
        <source>Check this terminal  (Ctrl+D)</source>
        <translation>Vérifier ce terminal  (Ctrl+D)</translation>
    </message>
    <message>
        <source>API key: {source}</source>
        <translation>Clé API&#xa0;: {source}</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>ALERTE</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>Backend</source>
        <comment>settings tab</comment>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Terminal</source>
        <comment>settings tab</comment>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Offline</source>
        <comment>settings tab</comment>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Awards</source>
        <comment>settings tab</comment>
        <translation>Attributions</translation>
    </message>
    <message>
        <source>Devices</source>
        <comment>settings tab</comment>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>A change takes effect now.</source>
        <translation>Une modification prend effet tout de suite.</translation>
    </message>
    <message>
        <source>takes effect now</source>
        <translation>prend effet tout de suite</translation>
    </message>
    <message>
        <source>needs a restart</source>
        <translation>nécessite un redémarrage</translation>
    </message>
    <message>
        <source>Backend URL</source>
        <translation>URL du serveur de fidélité</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé API</translation>
    </message>
    <message>
        <source>Terminal ID</source>
        <translation>ID du terminal</translation>
    </message>
    <message>
        <source>Store ID</source>
        <translation>ID du magasin</translation>
    </message>
    <message>
        <source>Phone region</source>
        <translation>Pays des numéros de téléphone</translation>
    </message>
    <message>
        <source>Allow plain HTTP to another machine</source>
        <translation>Autoriser le HTTP simple vers une autre machine</translation>
    </message>
    <message>
        <source>Wait for the backend (seconds)</source>
        <translation>Attente du serveur de fidélité (secondes)</translation>
    </message>
    <message>
        <source>Lock after (minutes without use)</source>
        <translation>Verrouiller après (minutes sans activité)</translation>
    </message>
    <message>
        <source>Naira per point (when [earn] sets no rate)</source>
        <translation>Naira par point (si [earn] ne fixe aucun taux)</translation>
    </message>
    <message>
        <source>Time zone of the store&apos;s days</source>
        <translation>Fuseau horaire des journées du magasin</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Plein écran</translation>
    </message>
    <message>
        <source>Kiosk mode</source>
        <translation>Mode kiosque</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Codes may be handed out offline</source>
        <translation>Codes autorisés hors ligne</translation>
    </message>
    <message>
        <source>Oldest customer data used offline (hours)</source>
        <translation>Âge max. des données client hors ligne (heures)</translation>
    </message>
    <message>
        <source>Max points per redemption</source>
        <translation>Points max. par échange</translation>
    </message>
    <message>
        <source>Max pending points per customer</source>
        <translation>Points en attente max. par client</translation>
    </message>
    <message>
        <source>Max points per award</source>
        <translation>Points max. par attribution</translation>
    </message>
    <message>
        <source>Max points per cashier per day</source>
        <translation>Points max. par caissier et par jour</translation>
    </message>
    <message>
        <source>Tier change needs approval</source>
        <translation>Changement de niveau soumis à autorisation</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Points earned ({})</source>
        <translation>Points gagnés ({})</translation>
    </message>
    <message>
        <source>For every ({})</source>
        <translation>Pour chaque ({})</translation>
    </message>
    <message>
        <source>Tier {} multiplier</source>
        <translation>Multiplicateur du niveau {}</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Imprimante de tickets</translation>
    </message>
    <message>
        <source>Paper width (mm)</source>
        <translation>Largeur du papier (mm)</translation>
    </message>
    <message>
        <source>Log file size (KiB)</source>
        <translation>Taille du fichier journal (Kio)</translation>
    </message>
    <message>
        <source>Log files kept</source>
        <translation>Fichiers journaux gardés</translation>
    </message>
    <message>
        <source>Scanner prefix</source>
        <translation>Préfixe du scanner</translation>
    </message>
    <message>
        <source>Scanner suffix (Enter, Tab or characters)</source>
        <translation>Suffixe du scanner (Entrée, Tab ou caractères)</translation>
    </message>
    <message>
        <source>Scanner: most time between keys (ms)</source>
        <translation>Scanner&#xa0;: délai max. entre touches (ms)</translation>
    </message>
    <message>
        <source>Set up this terminal</source>
        <translation>Configurer ce terminal</translation>
    </message>
    <message>
        <source>Connect this terminal to your LoyalPro backend. The API key is kept in the system&apos;s keyring, never in a file.</source>
        <translation>Connectez ce terminal à votre serveur de fidélité LoyalPro. La clé API est gardée dans le trousseau du système, jamais dans un fichier.</translation>
    </message>
    <message>
        <source>e.g. {example} (optional)</source>
        <translation>ex. {example} (facultatif)</translation>
    </message>
    <message>
        <source>Backend URL:</source>
        <translation>URL du serveur&#xa0;:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Clé API&#xa0;:</translation>
    </message>
    <message>
        <source>Terminal id:</source>
        <translation>ID du terminal&#xa0;:</translation>
    </message>
    <message>
        <source>Store id:</source>
        <translation>ID du magasin&#xa0;:</translation>
    </message>
    <message>
        <source>Save and start</source>
        <translation>Enregistrer et démarrer</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>Non autorisé</translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) awarded. New balance: {balance}.</source>
        <translation>
            <numerusform>{n} point attribué. Nouveau solde&#xa0;: {balance}.</numerusform>
            <numerusform>{n} points attribués. Nouveau solde&#xa0;: {balance}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) recorded and kept in the queue, not yet sent: {why} Tell a manager.</source>
        <translation>
            <numerusform>{n} point enregistré et gardé dans la file d&apos;attente, pas encore envoyé&#xa0;: {why} Prévenez un responsable.</numerusform>
            <numerusform>{n} points enregistrés et gardés dans la file d&apos;attente, pas encore envoyés&#xa0;: {why} Prévenez un responsable.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) awarded offline: they reach the customer&apos;s balance when the terminal syncs.</source>
        <translation>
            <numerusform>{n} point attribué hors ligne&#xa0;: il arrive sur le solde du client à la synchronisation du terminal.</numerusform>
            <numerusform>{n} points attribués hors ligne&#xa0;: ils arrivent sur le solde du client à la synchronisation du terminal.</numerusform>
        </translation>
    </message>
    <message>
        <source>Points awarded</source>
        <translation>Points attribués</translation>
    </message>
    <message>
        <source>Points were not awarded</source>
        <translation>Les points n&apos;ont pas été attribués</translation>
    </message>
    <message>
        <source>The customer was not enrolled</source>
        <translation>Le client n&apos;a pas été inscrit</translation>
    </message>
    <message>
        <source>Customer enrolled</source>
        <translation>Client inscrit</translation>
    </message>
    <message>
        <source>{name} is a member now.</source>
        <translation>{name} est maintenant membre.</translation>
    </message>
    <message>
        <source>sending it again</source>
        <translation>le renvoyer</translation>
    </message>
    <message>
        <source>accepting the loss</source>
        <translation>accepter la perte</translation>
    </message>
    <message>
        <source>voiding the local record</source>
        <translation>annuler l&apos;enregistrement local</translation>
    </message>
    <message>
        <source>Managers only</source>
        <translation>Responsables uniquement</translation>
    </message>
    <message>
        <source>A manager must sign in for this (Switch user, F9).</source>
        <translation>Un responsable doit se connecter pour cela (Changer d&apos;utilisateur, F9).</translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s).</source>
        <translation>
            <numerusform>{n} point.</numerusform>
            <numerusform>{n} points.</numerusform>
        </translation>
    </message>
    <message>
        <source>New balance: {balance}.</source>
        <translation>Nouveau solde&#xa0;: {balance}.</translation>
    </message>
    <message>
        <source>It reaches the backend when the terminal syncs.</source>
        <translation>Il arrive au serveur de fidélité à la synchronisation du terminal.</translation>
    </message>
    <message>
        <source>Points adjusted</source>
        <translation>Points ajustés</translation>
    </message>
    <message>
        <source>Points were not adjusted</source>
        <translation>Les points n&apos;ont pas été ajustés</translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) for {name} ({reason})</source>
        <translation>
            <numerusform>{n} point pour {name} ({reason})</numerusform>
            <numerusform>{n} points pour {name} ({reason})</numerusform>
        </translation>
    </message>
    <message>
        <source>Redemption voided</source>
        <translation>Échange annulé</translation>
    </message>
    <message>
        <source>{code} is void; the points go back to the customer.</source>
        <translation>{code} est annulé&#xa0;; les points reviennent au client.</translation>
    </message>
    <message>
        <source>{code} is void; the points go back to the customer when the terminal syncs.</source>
        <translation>{code} est annulé&#xa0;; les points reviennent au client à la synchronisation du terminal.</translation>
    </message>
    <message>
        <source>Not voided</source>
        <translation>Non annulé</translation>
    </message>
    <message>
        <source>voiding {code} (the points go back)</source>
        <translation>l&apos;annulation de {code} (les points reviennent)</translation>
    </message>
    <message>
        <source>Conflict resolved</source>
        <translation>Litige résolu</translation>
    </message>
    <message>
        <source>Not resolved</source>
        <translation>Non résolu</translation>
    </message>
    <message>
        <source>conflict #{id}: {what}</source>
        <translation>litige n° {id}&#xa0;: {what}</translation>
    </message>
    <message>
        <source>Pay with points</source>
        <translation>Payer avec des points</translation>
    </message>
    <message>
        <source>No code was issued</source>
        <translation>Aucun code n&apos;a été émis</translation>
    </message>
    <message>
        <source>this redemption while the loyalty service cannot be reached</source>
        <translation>cet échange alors que le serveur de fidélité est injoignable</translation>
    </message>
    <message>
        <source>Returns need a newer loyalty backend (LoyalPro API v1.1): nothing was taken back. A manager can take the points back with an adjustment.</source>
        <translation>Les retours demandent un serveur de fidélité plus récent (LoyalPro API v1.1)&#xa0;: rien n&apos;a été repris. Un responsable peut reprendre les points par un ajustement.</translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) could not be taken back: the customer had already spent them (listed for the manager).</source>
        <translation>
            <numerusform>{n} point n&apos;a pas pu être repris&#xa0;: le client l&apos;avait déjà dépensé (signalé au responsable).</numerusform>
            <numerusform>{n} points n&apos;ont pas pu être repris&#xa0;: le client les avait déjà dépensés (signalés au responsable).</numerusform>
        </translation>
    </message>
    <message>
        <source>the points</source>
        <translation>les points</translation>
    </message>
    <message>
        <source>Return on order {order} kept in the queue, not yet sent (it takes back {expected}): {why} Tell a manager.</source>
        <translation>Retour sur la commande {order} gardé dans la file d&apos;attente, pas encore envoyé (il reprend {expected})&#xa0;: {why} Prévenez un responsable.</translation>
    </message>
    <message>
        <source>Return on order {order} queued offline: it takes back {expected} when the terminal syncs. Any shortfall is listed for the manager then.</source>
        <translation>Retour sur la commande {order} mis en file d&apos;attente hors ligne&#xa0;: il reprend {expected} à la synchronisation du terminal. Tout manque sera alors signalé au responsable.</translation>
    </message>
    <message numerus="yes">
        <source>Order {order}: {n} point(s) taken back.</source>
        <translation>
            <numerusform>Commande {order}&#xa0;: {n} point repris.</numerusform>
            <numerusform>Commande {order}&#xa0;: {n} points repris.</numerusform>
        </translation>
    </message>
    <message>
        <source>The return on order {order} was refused by the loyalty service: nothing was taken back. A manager sees it under Conflicts.</source>
        <translation>Le retour sur la commande {order} a été refusé par le serveur de fidélité&#xa0;: rien n&apos;a été repris. Un responsable le voit sous Litiges.</translation>
    </message>
    <message numerus="yes">
        <source>Return on order {order} synced: {n} point(s) taken back.</source>
        <translation>
            <numerusform>Retour sur la commande {order} synchronisé&#xa0;: {n} point repris.</numerusform>
            <numerusform>Retour sur la commande {order} synchronisé&#xa0;: {n} points repris.</numerusform>
        </translation>
    </message>
    <message>
        <source>Return synced</source>
        <translation>Retour synchronisé</translation>
    </message>
    <message>
        <source>Nothing was taken back</source>
        <translation>Rien n&apos;a été repris</translation>
    </message>
    <message>
        <source>Order {order} did not earn points on this terminal: open the customer first, then take the return there.</source>
        <translation>La commande {order} n&apos;a pas rapporté de points sur ce terminal&#xa0;: ouvrez d&apos;abord le client, puis enregistrez le retour depuis sa fiche.</translation>
    </message>
    <message>
        <source>Return taken back</source>
        <translation>Retour enregistré</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>la valeur par défaut</translation>
    </message>
    <message>
        <source>Settings not opened</source>
        <translation>Paramètres non ouverts</translation>
    </message>
    <message>
        <source>Nothing saved: {why}</source>
        <translation>Rien n&apos;est enregistré&#xa0;: {why}</translation>
    </message>
    <message>
        <source>Took effect now: {settings}.</source>
        <translation>En vigueur tout de suite&#xa0;: {settings}.</translation>
    </message>
    <message>
        <source>Needs a restart of pos-app: {settings}.</source>
        <translation>Nécessite un redémarrage de pos-app&#xa0;: {settings}.</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Paramètres enregistrés</translation>
    </message>
    <message>
        <source>the check</source>
        <translation>la vérification</translation>
    </message>
    <message numerus="yes">
        <source>Sent {n} waiting operation(s).</source>
        <translation>
            <numerusform>{n} opération en attente envoyée.</numerusform>
            <numerusform>{n} opérations en attente envoyées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Customer data is up to date.</source>
        <translation>Les données client sont à jour.</translation>
    </message>
    <message numerus="yes">
        <source>{n} still waiting.</source>
        <translation>
            <numerusform>{n} toujours en attente.</numerusform>
            <numerusform>{n} toujours en attente.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} conflict(s) need(s) a manager.</source>
        <translation>
            <numerusform>{n} litige demande un responsable.</numerusform>
            <numerusform>{n} litiges demandent un responsable.</numerusform>
        </translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message numerus="yes">
        <source>{n} operation(s) wait(s) on this terminal and will be sent when it answers.</source>
        <translation>
            <numerusform>{n} opération attend sur ce terminal et sera envoyée dès qu&apos;il répondra.</numerusform>
            <numerusform>{n} opérations attendent sur ce terminal et seront envoyées dès qu&apos;il répondra.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is waiting to be sent.</source>
        <translation>Rien n&apos;attend d&apos;être envoyé.</translation>
    </message>
    <message>
        <source>Not synced</source>
        <translation>Non synchronisé</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisé</translation>
    </message>
</context>
</TS>
