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
        <source>{help}. Allowed: {allowed}.</source>
        <translation>{help}. Valeurs permises&#xa0;: {allowed}.</translation>
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
        <source>{help} (config.toml: {key})</source>
        <translation>{help} (config.toml&#xa0;: {key})</translation>
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
        <source>{help}. A change needs a restart.</source>
        <translation>{help}. Un changement demande un redémarrage.</translation>
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
        <source>{help}; {allowed}; {when}.</source>
        <translation>{help}&#xa0;; {allowed}&#xa0;; {when}.</translation>
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
        <source>Store&apos;s country (phones, number formats)</source>
        <translation>Pays du magasin (téléphones, nombres)</translation>
    </message>
    <message>
        <source>Currency (ISO code)</source>
        <translation>Devise (code ISO)</translation>
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
        <source>Earn rates: default currency</source>
        <translation>Taux de gain&#xa0;: devise par défaut</translation>
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
        <source>Print each slip at once</source>
        <translation>Imprimer chaque ticket aussitôt</translation>
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
        <source>Customer display: screen</source>
        <translation>Écran client&#xa0;: écran</translation>
    </message>
    <message>
        <source>Customer display: back to idle after (seconds)</source>
        <translation>Écran client&#xa0;: retour à l&apos;accueil après (secondes)</translation>
    </message>
    <message>
        <source>Customer display: store name</source>
        <translation>Écran client&#xa0;: nom du magasin</translation>
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
        <source>from {variable}</source>
        <translation>depuis {variable}</translation>
    </message>
    <message>
        <source>set in keyring</source>
        <comment>API key</comment>
        <translation>dans le trousseau du système</translation>
    </message>
    <message>
        <source>missing</source>
        <comment>API key</comment>
        <translation>manquante</translation>
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
    <message>
        <source>Rewards</source>
        <translation>Récompenses</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Load older</source>
        <translation>Plus anciens</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Updating history…</source>
        <translation>Mise à jour de l&apos;historique…</translation>
    </message>
    <message>
        <source>Asking the loyalty service for this customer&apos;s history…</source>
        <translation>Demande de l&apos;historique de ce client au serveur de fidélité…</translation>
    </message>
    <message>
        <source>This customer could not be loaded.</source>
        <translation>Impossible de charger ce client.</translation>
    </message>
    <message>
        <source>No {type} lines among the newest {n}. </source>
        <translation>Aucune ligne «&#xa0;{type}&#xa0;» parmi les {n} plus récentes. </translation>
    </message>
    <message>
        <source>Offline: history as last seen, plus what waits to sync</source>
        <translation>Hors ligne&#xa0;: historique tel que vu la dernière fois, plus ce qui attend la synchronisation</translation>
    </message>
    <message>
        <source>Older history could not be loaded.</source>
        <translation>Impossible de charger l&apos;historique plus ancien.</translation>
    </message>
    <message>
        <source>History could not be loaded.</source>
        <translation>Impossible de charger l&apos;historique.</translation>
    </message>
    <message>
        <source>Confirming with the loyalty service…</source>
        <translation>Confirmation auprès du serveur de fidélité…</translation>
    </message>
    <message>
        <source>Award points  (F6)</source>
        <translation>Attribuer des points  (F6)</translation>
    </message>
    <message>
        <source>Return  (F3)</source>
        <translation>Retour  (F3)</translation>
    </message>
    <message>
        <source>Adjust points (manager)</source>
        <translation>Ajuster les points (responsable)</translation>
    </message>
    <message>
        <source>Back  (Esc)</source>
        <translation>Revenir  (Échap)</translation>
    </message>
    <message numerus="yes">
        <source>{points} pts expire on {date}</source>
        <translation>
            <numerusform>{points} pt expire le {date}</numerusform>
            <numerusform>{points} pts expirent le {date}</numerusform>
        </translation>
    </message>
    <message>
        <source>No tier</source>
        <translation>Sans niveau</translation>
    </message>
    <message>
        <source>{points} pts</source>
        <translation>{points} pts</translation>
    </message>
    <message>
        <source>{balance} after {points} waiting to sync</source>
        <translation>{balance} après {points} en attente de synchronisation</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>À jour</translation>
    </message>
    <message>
        <source>From this terminal&apos;s copy, as of {when}</source>
        <translation>Copie de ce terminal, au {when}</translation>
    </message>
    <message>
        <source>Loading history…</source>
        <translation>Chargement de l&apos;historique…</translation>
    </message>
    <message>
        <source>waiting</source>
        <comment>to sync</comment>
        <translation>en attente</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Ventes</translation>
    </message>
    <message>
        <source>Bonuses</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Retours</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>Échanges</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>Ajustements</translation>
    </message>
    <message>
        <source>Expiries</source>
        <translation>Expirations</translation>
    </message>
    <message>
        <source>Other awards</source>
        <translation>Autres attributions</translation>
    </message>
    <message>
        <source>sale</source>
        <comment>history line</comment>
        <translation>vente</translation>
    </message>
    <message>
        <source>bonus</source>
        <comment>history line</comment>
        <translation>bonus</translation>
    </message>
    <message>
        <source>return</source>
        <comment>history line</comment>
        <translation>retour</translation>
    </message>
    <message>
        <source>redemption</source>
        <comment>history line</comment>
        <translation>échange</translation>
    </message>
    <message>
        <source>adjustment</source>
        <comment>history line</comment>
        <translation>ajustement</translation>
    </message>
    <message>
        <source>expiry</source>
        <comment>history line</comment>
        <translation>expiration</translation>
    </message>
    <message>
        <source>award</source>
        <comment>history line</comment>
        <translation>attribution</translation>
    </message>
    <message>
        <source>History type</source>
        <translation>Type d&apos;historique</translation>
    </message>
    <message>
        <source>Show only one type of history line</source>
        <translation>N&apos;afficher qu&apos;un type de ligne d&apos;historique</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Solde</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>En attente de synchronisation</translation>
    </message>
    <message>
        <source>Scan a loyalty card, or type a name, phone, email or id</source>
        <translation>Scannez une carte, ou tapez nom, téléphone, e-mail ou identifiant</translation>
    </message>
    <message>
        <source>Customer search</source>
        <translation>Recherche de client</translation>
    </message>
    <message>
        <source>Recently active customers</source>
        <translation>Clients récemment actifs</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>The search failed; try again.</source>
        <translation>La recherche a échoué&#xa0;; réessayez.</translation>
    </message>
    <message>
        <source>Customers found</source>
        <translation>Clients trouvés</translation>
    </message>
    <message>
        <source>No customers on this terminal yet: they arrive with the first sync.</source>
        <translation>Aucun client sur ce terminal pour l&apos;instant&#xa0;: ils arrivent avec la première synchronisation.</translation>
    </message>
    <message>
        <source>No customer matches. Check the spelling, or enrol them (F7).</source>
        <translation>Aucun client ne correspond. Vérifiez l&apos;orthographe, ou inscrivez-le (F7).</translation>
    </message>
    <message>
        <source>↓ to choose, Enter to open</source>
        <translation>↓ pour choisir, Entrée pour ouvrir</translation>
    </message>
    <message>
        <source>This loyalty backend does not offer analytics (it needs LoyalPro API v1.1)</source>
        <translation>Ce serveur de fidélité ne propose pas de statistiques (il faut l&apos;API LoyalPro v1.1)</translation>
    </message>
    <message>
        <source>Analytics need the loyalty backend; try again when online.</source>
        <translation>Les statistiques demandent le serveur de fidélité&#xa0;; réessayez une fois en ligne.</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>The period&apos;s first day, in the store&apos;s time zone</source>
        <translation>Premier jour de la période, dans le fuseau horaire du magasin</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>Gagnés</translation>
    </message>
    <message>
        <source>Points earned, bonus included</source>
        <translation>Points gagnés, bonus compris</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>Of the points earned, bonus points</source>
        <translation>Parmi les points gagnés, les points bonus</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>Échangés</translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation>Points échangés</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirés</translation>
    </message>
    <message>
        <source>Points expired</source>
        <translation>Points expirés</translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation>Ajustés</translation>
    </message>
    <message>
        <source>Points adjusted by hand (returns not included)</source>
        <translation>Points ajustés à la main (hors retours)</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Repris</translation>
    </message>
    <message>
        <source>Points taken back for returned purchases</source>
        <translation>Points repris pour des achats retournés</translation>
    </message>
    <message>
        <source>Redeems</source>
        <comment>column: redemptions</comment>
        <translation>Échanges</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Remises</translation>
    </message>
    <message>
        <source>Discount total of the redemptions</source>
        <translation>Total des remises des échanges</translation>
    </message>
    <message>
        <source>Customers active in the period</source>
        <translation>Clients actifs sur la période</translation>
    </message>
    <message>
        <source>week of {day}</source>
        <translation>semaine du {day}</translation>
    </message>
    <message>
        <source>Analytics from</source>
        <translation>Statistiques du</translation>
    </message>
    <message>
        <source>Analytics to</source>
        <translation>Statistiques au</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>Par jour</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>Par semaine</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>Par mois</translation>
    </message>
    <message>
        <source>Analytics interval</source>
        <translation>Intervalle des statistiques</translation>
    </message>
    <message>
        <source>Analytics for</source>
        <translation>Statistiques pour</translation>
    </message>
    <message>
        <source>Whole merchant</source>
        <translation>Toute l&apos;enseigne</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Refresh analytics</source>
        <translation>Actualiser les statistiques</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <source>Export analytics as CSV</source>
        <translation>Exporter les statistiques en CSV</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Exporter en PDF</translation>
    </message>
    <message>
        <source>Export analytics as PDF</source>
        <translation>Exporter les statistiques en PDF</translation>
    </message>
    <message>
        <source>From</source>
        <comment>dates</comment>
        <translation>Du</translation>
    </message>
    <message>
        <source>to</source>
        <comment>dates</comment>
        <translation>au</translation>
    </message>
    <message>
        <source>Analytics summary</source>
        <translation>Résumé des statistiques</translation>
    </message>
    <message>
        <source>Analytics by period</source>
        <translation>Statistiques par période</translation>
    </message>
    <message>
        <source>This store ({store})</source>
        <translation>Ce magasin ({store})</translation>
    </message>
    <message>
        <source> (no store_id in config.toml: the whole merchant only)</source>
        <translation> (pas de store_id dans config.toml&#xa0;: toute l&apos;enseigne seulement)</translation>
    </message>
    <message>
        <source>No store_id in config.toml: the whole merchant only.</source>
        <translation>Pas de store_id dans config.toml&#xa0;: toute l&apos;enseigne seulement.</translation>
    </message>
    <message>
        <source>The analytics could not be made.</source>
        <translation>Impossible de produire les statistiques.</translation>
    </message>
    <message>
        <source>Store {store}</source>
        <translation>Magasin {store}</translation>
    </message>
    <message>
        <source>{where}, days in {zone}{no_store}</source>
        <translation>{where}, journées selon {zone}{no_store}</translation>
    </message>
    <message>
        <source>Refresh the analytics first.</source>
        <translation>Actualisez d&apos;abord les statistiques.</translation>
    </message>
    <message>
        <source>worth {value} ({note})</source>
        <translation>valant {value} ({note})</translation>
    </message>
    <message>
        <source>Expiring within {days} days: {points}</source>
        <translation>Expirent sous {days} jours&#xa0;: {points}</translation>
    </message>
    <message>
        <source>Expiring: none</source>
        <translation>Expirent&#xa0;: aucun</translation>
    </message>
    <message>
        <source>Redemptions: {n}, discounts {amount}</source>
        <translation>Échanges&#xa0;: {n}, remises {amount}</translation>
    </message>
    <message>
        <source>Outstanding now (whole merchant): {points} points, {value}</source>
        <translation>En circulation (toute l&apos;enseigne)&#xa0;: {points} points, {value}</translation>
    </message>
    <message>
        <source>Top rewards: {rewards}</source>
        <translation>Récompenses les plus échangées&#xa0;: {rewards}</translation>
    </message>
    <message>
        <source>none</source>
        <comment>rewards</comment>
        <translation>aucune</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>Verify the chain</source>
        <translation>Vérifier la chaîne</translation>
    </message>
    <message>
        <source>The audit log is intact.</source>
        <translation>Le journal d&apos;audit est intact.</translation>
    </message>
    <message numerus="yes">
        <source>The audit log was altered: {n} problem(s), first at entry #{seq}.</source>
        <translation>
            <numerusform>Le journal d&apos;audit a été modifié&#xa0;: {n} problème, à l&apos;entrée n°&#xa0;{seq}.</numerusform>
            <numerusform>Le journal d&apos;audit a été modifié&#xa0;: {n} problèmes, le premier à l&apos;entrée n°&#xa0;{seq}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Redemptions by hour</source>
        <translation>Échanges par heure</translation>
    </message>
    <message>
        <source>Adjusted (±)</source>
        <translation>Ajustés (±)</translation>
    </message>
    <message>
        <source>Points issued and redeemed by period</source>
        <translation>Points attribués et échangés par période</translation>
    </message>
    <message numerus="yes">
        <source>{n} period(s): {issued} points issued, {redeemed} redeemed</source>
        <translation>
            <numerusform>{n} période&#xa0;: {issued} points attribués, {redeemed} échangés</numerusform>
            <numerusform>{n} périodes&#xa0;: {issued} points attribués, {redeemed} échangés</numerusform>
        </translation>
    </message>
    <message>
        <source>Operations the loyalty service refused after they were handed out. Retry when something changed, accept the loss (it is recorded), or void the local record. Each needs a manager&apos;s PIN.</source>
        <translation>Opérations refusées par le serveur de fidélité après avoir été accordées. Réessayez si quelque chose a changé, acceptez la perte (elle est enregistrée) ou annulez l&apos;enregistrement local. Chacune demande le code PIN d&apos;un responsable.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Caissier</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Refused because</source>
        <translation>Motif du refus</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Litiges</translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>Aucun litige.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Accept the loss</source>
        <translation>Accepter la perte</translation>
    </message>
    <message>
        <source>Void the local record</source>
        <translation>Annuler l&apos;enregistrement local</translation>
    </message>
    <message>
        <source>Report from</source>
        <translation>Rapport du</translation>
    </message>
    <message>
        <source>Report to</source>
        <translation>Rapport au</translation>
    </message>
    <message>
        <source>This terminal</source>
        <translation>Ce terminal</translation>
    </message>
    <message>
        <source>This store (online)</source>
        <translation>Ce magasin (en ligne)</translation>
    </message>
    <message>
        <source>Whole merchant (online)</source>
        <translation>Toute l&apos;enseigne (en ligne)</translation>
    </message>
    <message>
        <source>Report for</source>
        <translation>Rapport pour</translation>
    </message>
    <message>
        <source>Show</source>
        <comment>report</comment>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>End-of-day slip (PDF)</source>
        <translation>Ticket de fin de journée (PDF)</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Récompense</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Redemptions by reward</source>
        <translation>Échanges par récompense</translation>
    </message>
    <message>
        <source>Redemptions by cashier</source>
        <translation>Échanges par caissier</translation>
    </message>
    <message>
        <source>This store, {store} (online)</source>
        <translation>Ce magasin, {store} (en ligne)</translation>
    </message>
    <message>
        <source>This store (no store_id set)</source>
        <translation>Ce magasin (aucun store_id)</translation>
    </message>
    <message>
        <source>No store set for this terminal.</source>
        <translation>Aucun magasin défini pour ce terminal.</translation>
    </message>
    <message>
        <source>No store is set for this terminal (store_id in config.toml), so a store&apos;s report cannot be asked for: choose the whole merchant, or this terminal.</source>
        <translation>Aucun magasin n&apos;est défini pour ce terminal (store_id dans config.toml)&#xa0;: le rapport d&apos;un magasin ne peut pas être demandé. Choisissez toute l&apos;enseigne, ou ce terminal.</translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation>Impossible de produire le rapport.</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}&#xa0;: {value}</translation>
    </message>
    <message>
        <source>Slip not printed: the printer is out of paper. Load a roll, then Reprint slip (Ctrl+P).</source>
        <translation>Ticket non imprimé&#xa0;: l&apos;imprimante n&apos;a plus de papier. Mettez un rouleau, puis Réimprimer le ticket (Ctrl+P).</translation>
    </message>
    <message>
        <source>Slip not printed: the printer is offline. Turn it on or plug it in, then Reprint slip (Ctrl+P).</source>
        <translation>Ticket non imprimé&#xa0;: l&apos;imprimante est hors ligne. Allumez-la ou branchez-la, puis Réimprimer le ticket (Ctrl+P).</translation>
    </message>
    <message>
        <source>Slip not printed: the printer is missing. Check its cable and power, then Reprint slip (Ctrl+P).</source>
        <translation>Ticket non imprimé&#xa0;: l&apos;imprimante est introuvable. Vérifiez son câble et son alimentation, puis Réimprimer le ticket (Ctrl+P).</translation>
    </message>
    <message>
        <source>Slip not printed: no receipt printer is set. Use A5 or PDF (Ctrl+Shift+P).</source>
        <translation>Ticket non imprimé&#xa0;: aucune imprimante de tickets n&apos;est réglée. Utilisez A5 ou PDF (Ctrl+Maj+P).</translation>
    </message>
    <message>
        <source>Slip not printed: the printer cannot be used. Tell a manager; A5 or PDF (Ctrl+Shift+P) still works.</source>
        <translation>Ticket non imprimé&#xa0;: l&apos;imprimante ne peut pas être utilisée. Prévenez un responsable&#xa0;; A5 ou PDF (Ctrl+Maj+P) fonctionne toujours.</translation>
    </message>
    <message>
        <source>Print on receipt printer</source>
        <translation>Imprimer sur l&apos;imprimante de tickets</translation>
    </message>
    <message>
        <source>Print the report on the receipt printer</source>
        <translation>Imprimer le rapport sur l&apos;imprimante de tickets</translation>
    </message>
    <message>
        <source>To print its slip: Ctrl+P.</source>
        <translation>Pour imprimer son ticket&#xa0;: Ctrl+P.</translation>
    </message>
    <message>
        <source>Slip not printed</source>
        <translation>Ticket non imprimé</translation>
    </message>
    <message>
        <source>Show a report first.</source>
        <translation>Affichez d&apos;abord un rapport.</translation>
    </message>
    <message>
        <source>Printing the slip…</source>
        <translation>Impression du ticket…</translation>
    </message>
    <message>
        <source>Slip printed.</source>
        <translation>Ticket imprimé.</translation>
    </message>
    <message>
        <source>Given by</source>
        <translation>Attribué par</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Autorisé par</translation>
    </message>
    <message>
        <source>Large awards</source>
        <translation>Attributions importantes</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>personne</translation>
    </message>
    <message>
        <source>Large awards (over the limit, or approved by a manager): {n}</source>
        <translation>Attributions importantes (au-delà de la limite, ou autorisées par un responsable)&#xa0;: {n}</translation>
    </message>
    <message>
        <source>Large awards (over the limit, or approved by a manager): none</source>
        <translation>Attributions importantes (au-delà de la limite, ou autorisées par un responsable)&#xa0;: aucune</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Returned</source>
        <comment>amount</comment>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Taken back</source>
        <translation>Repris</translation>
    </message>
    <message>
        <source>Shortfall</source>
        <translation>Manque</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>When the return was taken, in local time</source>
        <translation>Date du retour, en heure locale</translation>
    </message>
    <message>
        <source>The order number of the original sale</source>
        <translation>Le numéro de commande de la vente d&apos;origine</translation>
    </message>
    <message>
        <source>Whose points</source>
        <translation>À qui sont les points</translation>
    </message>
    <message>
        <source>The amount returned</source>
        <translation>Le montant retourné</translation>
    </message>
    <message>
        <source>Points taken back from the customer (expected: this terminal&apos;s figure, until it syncs)</source>
        <translation>Points repris au client (prévus&#xa0;: le chiffre de ce terminal, jusqu&apos;à la synchronisation)</translation>
    </message>
    <message>
        <source>Points the customer had already spent: written off, not recovered</source>
        <translation>Points que le client avait déjà dépensés&#xa0;: passés en perte, non récupérés</translation>
    </message>
    <message>
        <source>queued: waits to sync; settled: the loyalty service took the points back; refused: nothing was taken back (see Conflicts)</source>
        <translation>en attente&#xa0;: attend la synchronisation&#xa0;; réglé&#xa0;: le serveur de fidélité a repris les points&#xa0;; refusé&#xa0;: rien n&apos;a été repris (voir Litiges)</translation>
    </message>
    <message>
        <source>A shortfall is the part of a return&apos;s points the customer had already spent: written off, not recovered.</source>
        <translation>Le manque est la part des points d&apos;un retour que le client avait déjà dépensée&#xa0;: passée en perte, non récupérée.</translation>
    </message>
    <message>
        <source>queued</source>
        <comment>return state</comment>
        <translation>en attente</translation>
    </message>
    <message>
        <source>settled</source>
        <comment>return state</comment>
        <translation>réglé</translation>
    </message>
    <message>
        <source>refused</source>
        <comment>return state</comment>
        <translation>refusé</translation>
    </message>
    <message>
        <source>none</source>
        <comment>shortfall</comment>
        <translation>aucun</translation>
    </message>
    <message>
        <source>{points} expected</source>
        <translation>{points} prévus</translation>
    </message>
    <message>
        <source>after sync</source>
        <translation>après synchronisation</translation>
    </message>
    <message>
        <source>nothing</source>
        <comment>taken back</comment>
        <translation>rien</translation>
    </message>
    <message>
        <source>Shortfalls</source>
        <translation>Manques</translation>
    </message>
    <message>
        <source>Shortfalls only</source>
        <translation>Manques seulement</translation>
    </message>
    <message>
        <source>Show only returns with a shortfall</source>
        <translation>N&apos;afficher que les retours avec un manque</translation>
    </message>
    <message>
        <source>Export returns as CSV</source>
        <translation>Exporter les retours en CSV</translation>
    </message>
    <message>
        <source>No returns on this terminal.</source>
        <translation>Aucun retour sur ce terminal.</translation>
    </message>
    <message>
        <source>No return with a shortfall.</source>
        <translation>Aucun retour avec un manque.</translation>
    </message>
    <message>
        <source>Today&apos;s redemptions</source>
        <translation>Échanges du jour</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <source>Settings  (Ctrl+Shift+S)</source>
        <translation>Paramètres  (Ctrl+Maj+S)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Enregistré dans {path}</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Non enregistré&#xa0;: {error}</translation>
    </message>
    <message>
        <source>{points} pts  ·  worth {value}</source>
        <translation>{points} pts  ·  valeur {value}</translation>
    </message>
    <message>
        <source>{least} to {most} pts, in {step}s</source>
        <translation>de {least} à {most} pts, par {step}</translation>
    </message>
    <message numerus="yes">
        <source>{reward}, {points} point(s). {note}</source>
        <translation>
            <numerusform>{reward}, {points} point. {note}</numerusform>
            <numerusform>{reward}, {points} points. {note}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{points} point(s) expire today</source>
        <translation>
            <numerusform>{points} point expire aujourd&apos;hui</numerusform>
            <numerusform>{points} points expirent aujourd&apos;hui</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{points} point(s) expire tomorrow</source>
        <translation>
            <numerusform>{points} point expire demain</numerusform>
            <numerusform>{points} points expirent demain</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in {days} day(s)</source>
        <translation>
            <numerusform>dans {days} jour</numerusform>
            <numerusform>dans {days} jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{points} point(s) expire {when}</source>
        <translation>
            <numerusform>{points} point expire {when}</numerusform>
            <numerusform>{points} points expirent {when}</numerusform>
        </translation>
    </message>
    <message>
        <source>Progress to the next tier</source>
        <translation>Progression vers le niveau suivant</translation>
    </message>
    <message>
        <source>Lifetime {points} pts</source>
        <translation>{points} pts cumulés</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>Écran client</translation>
    </message>
    <message>
        <source>Customer display: screen {screen} is not connected; the till works without it.</source>
        <translation>Écran client&#xa0;: l&apos;écran {screen} n&apos;est pas branché&#xa0;; la caisse fonctionne sans lui.</translation>
    </message>
    <message>
        <source>Customer display: its screen was disconnected; the till works without it.</source>
        <translation>Écran client&#xa0;: son écran a été débranché&#xa0;; la caisse fonctionne sans lui.</translation>
    </message>
    <message>
        <source>Recovered after a restart: this code was issued but may not have been shown. Give it to the customer, or ask a manager.</source>
        <translation>Retrouvé après un redémarrage&#xa0;: ce code a été émis mais n&apos;a peut-être pas été affiché. Donnez-le au client, ou appelez un responsable.</translation>
    </message>
    <message>
        <source>A5 or PDF…  (Ctrl+Shift+P)</source>
        <translation>A5 ou PDF…  (Ctrl+Maj+P)</translation>
    </message>
    <message>
        <source>Print the A5 slip or save it as a PDF</source>
        <translation>Imprimer le ticket A5 ou l&apos;enregistrer en PDF</translation>
    </message>
    <message>
        <source>Copy code  (Ctrl+C)</source>
        <translation>Copier le code  (Ctrl+C)</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copier le code</translation>
    </message>
    <message>
        <source>Done  (Enter)</source>
        <translation>Terminé  (Entrée)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>The loyalty service refused this code after it was given out offline.
Do not give the reward, and take back any printed slip.
Call a manager: they will resolve it under Conflicts.</source>
        <translation>Le serveur de fidélité a refusé ce code après sa remise hors ligne.
Ne donnez pas la récompense, et reprenez tout ticket imprimé.
Appelez un responsable&#xa0;: il traitera le litige dans Litiges.</translation>
    </message>
    <message>
        <source>The loyalty service refused this code after it was given out offline.
Do not give the discount, and take back any printed slip.
Call a manager: they will resolve it under Conflicts.</source>
        <translation>Le serveur de fidélité a refusé ce code après sa remise hors ligne.
Ne donnez pas la remise, et reprenez tout ticket imprimé.
Appelez un responsable&#xa0;: il traitera le litige dans Litiges.</translation>
    </message>
    <message numerus="yes">
        <source>{n} points</source>
        <translation>
            <numerusform>{n} point</numerusform>
            <numerusform>{n} points</numerusform>
        </translation>
    </message>
    <message>
        <source>not taken from the customer</source>
        <translation>non retirés au client</translation>
    </message>
    <message>
        <source>balance after: {balance} (projected)</source>
        <translation>solde après&#xa0;: {balance} (prévu)</translation>
    </message>
    <message>
        <source>balance after: {balance}</source>
        <translation>solde après&#xa0;: {balance}</translation>
    </message>
    <message>
        <source>Reprint slip  (Ctrl+P)</source>
        <translation>Réimprimer le ticket  (Ctrl+P)</translation>
    </message>
    <message>
        <source>Print slip  (Ctrl+P)</source>
        <translation>Imprimer le ticket  (Ctrl+P)</translation>
    </message>
    <message>
        <source>Reprint slip</source>
        <translation>Réimprimer le ticket</translation>
    </message>
    <message>
        <source>Print slip</source>
        <translation>Imprimer le ticket</translation>
    </message>
    <message>
        <source>CONFIRMED</source>
        <translation>CONFIRMÉ</translation>
    </message>
    <message>
        <source>OFFLINE: valid now, will sync when the connection is back</source>
        <translation>HORS LIGNE&#xa0;: valable maintenant, synchronisé au retour de la connexion</translation>
    </message>
    <message>
        <source>REFUSED: do not give this reward</source>
        <translation>REFUSÉ&#xa0;: ne donnez pas cette récompense</translation>
    </message>
    <message>
        <source>REFUSED: do not give this discount</source>
        <translation>REFUSÉ&#xa0;: ne donnez pas cette remise</translation>
    </message>
    <message>
        <source>{code} was already used</source>
        <translation>{code} a déjà été utilisé</translation>
    </message>
    <message>
        <source>{code} is void: its points went back to the customer</source>
        <translation>{code} est annulé&#xa0;: ses points sont revenus au client</translation>
    </message>
    <message>
        <source>{code} is {status}</source>
        <translation>{code}&#xa0;: {status}</translation>
    </message>
    <message>
        <source>Check a redemption code</source>
        <translation>Vérifier un code d&apos;échange</translation>
    </message>
    <message>
        <source>Scan the code, or type REDEEM-…</source>
        <translation>Scannez le code, ou tapez REDEEM-…</translation>
    </message>
    <message>
        <source>Redemption code</source>
        <translation>Code d&apos;échange</translation>
    </message>
    <message>
        <source>DO NOT ACCEPT</source>
        <translation>NE PAS ACCEPTER</translation>
    </message>
    <message>
        <source>Do not accept this code</source>
        <translation>N&apos;acceptez pas ce code</translation>
    </message>
    <message>
        <source>Check  (Enter)</source>
        <translation>Vérifier  (Entrée)</translation>
    </message>
    <message>
        <source>Check the code</source>
        <translation>Vérifier le code</translation>
    </message>
    <message>
        <source>Mark used and give the reward  (F10)</source>
        <translation>Valider et remettre  (F10)</translation>
    </message>
    <message>
        <source>Mark used and give the reward</source>
        <translation>Valider le code et donner la récompense</translation>
    </message>
    <message>
        <source>Void (manager)</source>
        <translation>Annuler (responsable)</translation>
    </message>
    <message>
        <source>Void this code (a manager approves)</source>
        <translation>Annuler ce code (un responsable autorise)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>For {name}</source>
        <translation>Pour {name}</translation>
    </message>
    <message>
        <source>Issued to {name}</source>
        <translation>Émis pour {name}</translation>
    </message>
    <message>
        <source>customer {id}</source>
        <translation>client {id}</translation>
    </message>
    <message>
        <source>checked on this terminal only (offline)</source>
        <translation>vérifié sur ce terminal seulement (hors ligne)</translation>
    </message>
    <message>
        <source>{code}: {status}</source>
        <translation>{code}&#xa0;: {status}</translation>
    </message>
    <message>
        <source>{code} is now used: give {reward}</source>
        <translation>{code} est maintenant utilisé&#xa0;: donnez {reward}</translation>
    </message>
    <message>
        <source>Something went wrong; the code was not changed.</source>
        <translation>Un problème est survenu&#xa0;; le code n&apos;a pas été modifié.</translation>
    </message>
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
        <translation>Panne simulée</translation>
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
