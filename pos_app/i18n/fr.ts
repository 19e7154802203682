<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
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
        <translation>Écran client : son écran a été débranché ; la caisse fonctionne sans lui.</translation>
    </message>
</context>
</TS>
