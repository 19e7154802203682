<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>{points} pts expire on {date}</source>
        <translation>
            <numerusform>{points} pt expires on {date}</numerusform>
            <numerusform>{points} pts expire on {date}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The audit log was altered: {n} problem(s), first at entry #{seq}.</source>
        <translation>
            <numerusform>The audit log was altered: {n} problem, first at entry #{seq}.</numerusform>
            <numerusform>The audit log was altered: {n} problems, first at entry #{seq}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} period(s): {issued} points issued, {redeemed} redeemed</source>
        <translation>
            <numerusform>{n} period: {issued} points issued, {redeemed} redeemed</numerusform>
            <numerusform>{n} periods: {issued} points issued, {redeemed} redeemed</numerusform>
        </translation>
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
            <numerusform>{points} point expires today</numerusform>
            <numerusform>{points} points expire today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{points} point(s) expire tomorrow</source>
        <translation>
            <numerusform>{points} point expires tomorrow</numerusform>
            <numerusform>{points} points expire tomorrow</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in {days} day(s)</source>
        <translation>
            <numerusform>in {days} day</numerusform>
            <numerusform>in {days} days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{points} point(s) expire {when}</source>
        <translation>
            <numerusform>{points} point expires {when}</numerusform>
            <numerusform>{points} points expire {when}</numerusform>
        </translation>
    </message>
</context>
</TS>
