<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>{amount} → {n} point(s)</source>
        <translation>
            <numerusform>{amount} → {n} point</numerusform>
            <numerusform>{amount} → {n} points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Balance: {n} point(s).</source>
        <translation>
            <numerusform>Balance: {n} point.</numerusform>
            <numerusform>Balance: {n} points.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline: at most {n} point(s) now (the offline policy).</source>
        <translation>
            <numerusform>Offline: at most {n} point now (the offline policy).</numerusform>
            <numerusform>Offline: at most {n} points now (the offline policy).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) = {discount} off</source>
        <translation>
            <numerusform>{n} point = {discount} off</numerusform>
            <numerusform>{n} points = {discount} off</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Balance after: {n} point(s)</source>
        <translation>
            <numerusform>Balance after: {n} point</numerusform>
            <numerusform>Balance after: {n} points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s)</source>
        <translation>
            <numerusform>{n} point</numerusform>
            <numerusform>{n} points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) (for {amount} returned before)</source>
        <translation>
            <numerusform>{n} point (for {amount} returned before)</numerusform>
            <numerusform>{n} points (for {amount} returned before)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing saved: {n} field(s) to fix ({first})</source>
        <translation>
            <numerusform>Nothing saved: {n} field to fix ({first})</numerusform>
            <numerusform>Nothing saved: {n} fields to fix ({first})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) awarded. New balance: {balance}.</source>
        <translation>
            <numerusform>{n} point awarded. New balance: {balance}.</numerusform>
            <numerusform>{n} points awarded. New balance: {balance}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) recorded and kept in the queue, not yet sent: {why} Tell a manager.</source>
        <translation>
            <numerusform>{n} point recorded and kept in the queue, not yet sent: {why} Tell a manager.</numerusform>
            <numerusform>{n} points recorded and kept in the queue, not yet sent: {why} Tell a manager.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) awarded offline: they reach the customer&apos;s balance when the terminal syncs.</source>
        <translation>
            <numerusform>{n} point awarded offline: they reach the customer&apos;s balance when the terminal syncs.</numerusform>
            <numerusform>{n} points awarded offline: they reach the customer&apos;s balance when the terminal syncs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s).</source>
        <translation>
            <numerusform>{n} point.</numerusform>
            <numerusform>{n} points.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) for {name} ({reason})</source>
        <translation>
            <numerusform>{n} point for {name} ({reason})</numerusform>
            <numerusform>{n} points for {name} ({reason})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} point(s) could not be taken back: the customer had already spent them (listed for the manager).</source>
        <translation>
            <numerusform>{n} point could not be taken back: the customer had already spent them (listed for the manager).</numerusform>
            <numerusform>{n} points could not be taken back: the customer had already spent them (listed for the manager).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Order {order}: {n} point(s) taken back.</source>
        <translation>
            <numerusform>Order {order}: {n} point taken back.</numerusform>
            <numerusform>Order {order}: {n} points taken back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Return on order {order} synced: {n} point(s) taken back.</source>
        <translation>
            <numerusform>Return on order {order} synced: {n} point taken back.</numerusform>
            <numerusform>Return on order {order} synced: {n} points taken back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent {n} waiting operation(s).</source>
        <translation>
            <numerusform>Sent {n} waiting operation.</numerusform>
            <numerusform>Sent {n} waiting operations.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} still waiting.</source>
        <translation>
            <numerusform>{n} still waiting.</numerusform>
            <numerusform>{n} still waiting.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} conflict(s) need(s) a manager.</source>
        <translation>
            <numerusform>{n} conflict needs a manager.</numerusform>
            <numerusform>{n} conflicts need a manager.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} operation(s) wait(s) on this terminal and will be sent when it answers.</source>
        <translation>
            <numerusform>{n} operation waits on this terminal and will be sent when it answers.</numerusform>
            <numerusform>{n} operations wait on this terminal and will be sent when it answers.</numerusform>
        </translation>
    </message>
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
    <message numerus="yes">
        <source>{n} points</source>
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
