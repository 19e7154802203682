<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
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
        <translation>Valider et donner la récompense  (F10)</translation>
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
        <source>Back  (Esc)</source>
        <translation>Retour  (Échap)</translation>
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
</context>
</TS>
