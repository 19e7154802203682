<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>{n} point(s)</source>
        <translation>
            <numerusform>{n} point</numerusform>
            <numerusform>{n} points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} waiting to sync</source>
        <translation>
            <numerusform>{n} waiting to sync</numerusform>
            <numerusform>{n} waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} conflict(s)</source>
        <translation>
            <numerusform>{n} conflict</numerusform>
            <numerusform>{n} conflicts</numerusform>
        </translation>
    </message>
</context>
</TS>
