<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
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
        <source>Take back a return</source>
        <translation>Enregistrer un retour</translation>
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
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Solde</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
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
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
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
        <source>Show a report first.</source>
        <translation>Affichez d&apos;abord un rapport.</translation>
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
        <source>Manager</source>
        <translation>Responsable</translation>
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
        <source>Settings</source>
        <translation>Paramètres</translation>
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
        <source>Pay with points</source>
        <translation>Payer avec des points</translation>
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
</context>
</TS>
