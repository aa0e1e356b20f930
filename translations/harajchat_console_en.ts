<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>harajchat::admin</name>
    <message>
        <location filename="../shared/protocol/AdminProtocol.cpp" line="64"/>
        <source>a packet has exactly one key: message, reads or pres</source>
        <translation>a packet has exactly one key: message, reads or pres</translation>
    </message>
    <message>
        <location filename="../shared/protocol/AdminProtocol.cpp" line="70"/>
        <source>the value of &quot;%1&quot; must be an object</source>
        <translation>the value of &quot;%1&quot; must be an object</translation>
    </message>
    <message>
        <location filename="../shared/protocol/AdminProtocol.cpp" line="74"/>
        <source>unknown packet &quot;%1&quot;</source>
        <translation>unknown packet &quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../shared/protocol/AdminProtocol.cpp" line="80"/>
        <source>pres.what must be online, offline, typing or stop_typing</source>
        <translation>pres.what must be online, offline, typing or stop_typing</translation>
    </message>
</context>
<context>
    <name>harajchat::console::ChartsPanel</name>
    <message>
        <location filename="../console/ui/ChartsPanel.cpp" line="33"/>
        <source>Messages per second</source>
        <translation>Messages per second</translation>
    </message>
    <message>
        <location filename="../console/ui/ChartsPanel.cpp" line="33"/>
        <source>Sockets</source>
        <translation>Sockets</translation>
    </message>
    <message>
        <location filename="../console/ui/ChartsPanel.cpp" line="33"/>
        <source>Users online</source>
        <translation>Users online</translation>
    </message>
    <message>
        <location filename="../console/ui/ChartsPanel.cpp" line="34"/>
        <source>Push outbox</source>
        <translation>Push outbox</translation>
    </message>
    <message>
        <location filename="../console/ui/ChartsPanel.cpp" line="34"/>
        <source>Push failures per second</source>
        <translation>Push failures per second</translation>
    </message>
</context>
<context>
    <name>harajchat::console::ConnectDialog</name>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="95"/>
        <source>Connect to a daemon</source>
        <translation>Connect to a daemon</translation>
    </message>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="96"/>
        <source>Admin socket URL:</source>
        <translation>Admin socket URL:</translation>
    </message>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="97"/>
        <source>Admin token:</source>
        <translation>Admin token:</translation>
    </message>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="99"/>
        <source>Remember the token (kept unencrypted in this user&apos;s settings)</source>
        <translation>Remember the token (kept unencrypted in this user&apos;s settings)</translation>
    </message>
</context>
<context>
    <name>harajchat::console::CounterChart</name>
    <message>
        <location filename="../console/ui/CounterChart.cpp" line="49"/>
        <source>push is off</source>
        <translation>push is off</translation>
    </message>
    <message>
        <location filename="../console/ui/CounterChart.cpp" line="49"/>
        <source>no data yet</source>
        <translation>no data yet</translation>
    </message>
    <message>
        <location filename="../console/ui/CounterChart.cpp" line="99"/>
        <source>5 min ago</source>
        <translation>5 min ago</translation>
    </message>
    <message>
        <location filename="../console/ui/CounterChart.cpp" line="100"/>
        <source>now</source>
        <translation>now</translation>
    </message>
</context>
<context>
    <name>harajchat::console::CountersPanel</name>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="63"/>
        <source>Sockets:</source>
        <translation>Sockets:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="63"/>
        <source>Authenticated sockets:</source>
        <translation>Authenticated sockets:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="64"/>
        <source>Users online:</source>
        <translation>Users online:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="64"/>
        <source>Messages per second:</source>
        <translation>Messages per second:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="65"/>
        <source>Pushes sent:</source>
        <translation>Pushes sent:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="65"/>
        <source>Pushes queued:</source>
        <translation>Pushes queued:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="66"/>
        <source>Push retries:</source>
        <translation>Push retries:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="66"/>
        <source>Pushes failed:</source>
        <translation>Pushes failed:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="67"/>
        <source>Pushes dropped:</source>
        <translation>Pushes dropped:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="67"/>
        <source>Device tokens deleted:</source>
        <translation>Device tokens deleted:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="68"/>
        <source>Push notifications:</source>
        <translation>Push notifications:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="69"/>
        <source>off</source>
        <translation>off</translation>
    </message>
</context>
<context>
    <name>harajchat::console::EventLogView</name>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="84"/>
        <source>Export events</source>
        <translation>Export events</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="85"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Text files (*.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="99"/>
        <source>Filter events</source>
        <translation>Filter events</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="100"/>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="100"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="101"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="102"/>
        <source>Export...</source>
        <translation>Export...</translation>
    </message>
</context>
<context>
    <name>harajchat::console::MainWindow</name>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="134"/>
        <source>Session %1 opened from %2</source>
        <translation>Session %1 opened from %2</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="145"/>
        <source>Session %1 is user %2 (%3)</source>
        <translation>Session %1 is user %2 (%3)</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="155"/>
        <source>Session %1 closed</source>
        <translation>Session %1 closed</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="215"/>
        <source>Command %1 done</source>
        <translation>Command %1 done</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="213"/>
        <source>Command %1 failed: %2</source>
        <translation>Command %1 failed: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="128"/>
        <source>Connected: %Ln session(s)</source>
        <translation><numerusform>Connected: %Ln session</numerusform><numerusform>Connected: %Ln sessions</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="165"/>
        <source>Presence to %Ln listener(s): %1</source>
        <translation><numerusform>Presence to %Ln listener: %1</numerusform><numerusform>Presence to %Ln listeners: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="166"/>
        <source>To user %1 on %Ln socket(s): %2</source>
        <translation><numerusform>To user %1 on %Ln socket: %2</numerusform><numerusform>To user %1 on %Ln sockets: %2</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="193"/>
        <source>Online users (%1)</source>
        <translation>Online users (%1)</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="218"/>
        <source>Nothing sent: user %1 has no open socket (command %2)</source>
        <translation>Nothing sent: user %1 has no open socket (command %2)</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="220"/>
        <source>Sent to user %1 on %Ln socket(s) (command %2)</source>
        <translation><numerusform>Sent to user %1 on %Ln socket (command %2)</numerusform><numerusform>Sent to user %1 on %Ln sockets (command %2)</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="257"/>
        <source>User %1 is online</source>
        <translation>User %1 is online</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="258"/>
        <source>User %1 is offline</source>
        <translation>User %1 is offline</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="268"/>
        <source>Connected to %1</source>
        <translation>Connected to %1</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="270"/>
        <source>Connecting to %1...</source>
        <translation>Connecting to %1...</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="273"/>
        <source>Connection to %1 lost; retrying in %Ln second(s)</source>
        <translation><numerusform>Connection to %1 lost; retrying in %Ln second</numerusform><numerusform>Connection to %1 lost; retrying in %Ln seconds</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="275"/>
        <source>Cannot reach %1 (%2); retrying in %Ln second(s)</source>
        <translation><numerusform>Cannot reach %1 (%2); retrying in %Ln second</numerusform><numerusform>Cannot reach %1 (%2); retrying in %Ln seconds</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="278"/>
        <source>The daemon refused the admin token</source>
        <translation>The daemon refused the admin token</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="282"/>
        <source>Not connected</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="316"/>
        <source>Not live: this is the daemon&apos;s state at %1; it may have changed since.</source>
        <translation>Not live: this is the daemon&apos;s state at %1; it may have changed since.</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="331"/>
        <source>Haraj Chat console</source>
        <translation>Haraj Chat console</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="332"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="334"/>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="335"/>
        <source>Send a packet</source>
        <translation>Send a packet</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="336"/>
        <source>Charts</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="337"/>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="338"/>
        <source>Counters</source>
        <translation>Counters</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="339"/>
        <source>Connect...</source>
        <translation>Connect...</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="340"/>
        <source>Disconnect</source>
        <translation>Disconnect</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="341"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="342"/>
        <source>System language</source>
        <translation>System language</translation>
    </message>
</context>
<context>
    <name>harajchat::console::PacketComposer</name>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="147"/>
        <source>Not JSON: %1 (at character %2)</source>
        <translation>Not JSON: %1 (at character %2)</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="150"/>
        <source>Not a packet of the contract: a packet is a JSON object</source>
        <translation>Not a packet of the contract: a packet is a JSON object</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="154"/>
        <source>Not a packet of the contract: %1</source>
        <translation>Not a packet of the contract: %1</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="157"/>
        <source>Valid packet.</source>
        <translation>Valid packet.</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="173"/>
        <source>Target user id:</source>
        <translation>Target user id:</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="174"/>
        <source>Template:</source>
        <translation>Template:</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="175"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="175"/>
        <source>Reads</source>
        <translation>Reads</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="176"/>
        <source>Presence: online</source>
        <translation>Presence: online</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="176"/>
        <source>Presence: offline</source>
        <translation>Presence: offline</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="177"/>
        <source>Presence: typing</source>
        <translation>Presence: typing</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="177"/>
        <source>Presence: stop typing</source>
        <translation>Presence: stop typing</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="180"/>
        <source>Send to the user&apos;s sockets</source>
        <translation>Send to the user&apos;s sockets</translation>
    </message>
</context>
<context>
    <name>harajchat::console::SessionModel</name>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="89"/>
        <source>not authenticated</source>
        <translation>not authenticated</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="117"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="119"/>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="121"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="123"/>
        <source>Remote address</source>
        <translation>Remote address</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="125"/>
        <source>Connected since</source>
        <translation>Connected since</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="127"/>
        <source>Listening to</source>
        <translation>Listening to</translation>
    </message>
</context>
<context>
    <name>harajchat::console::SessionsView</name>
    <message>
        <location filename="../console/ui/SessionsView.cpp" line="126"/>
        <source>Close session %1 from %2?</source>
        <translation>Close session %1 from %2?</translation>
    </message>
    <message>
        <location filename="../console/ui/SessionsView.cpp" line="127"/>
        <source>Close session %1 of user %2 (%3)? Their app will see the socket closed.</source>
        <translation>Close session %1 of user %2 (%3)? Their app will see the socket closed.</translation>
    </message>
    <message>
        <location filename="../console/ui/SessionsView.cpp" line="146"/>
        <source>Filter sessions (user, name, address...)</source>
        <translation>Filter sessions (user, name, address...)</translation>
    </message>
    <message>
        <location filename="../console/ui/SessionsView.cpp" line="129"/>
        <location filename="../console/ui/SessionsView.cpp" line="147"/>
        <source>Close session</source>
        <translation>Close session</translation>
    </message>
</context>
<context>
    <name>harajchat::console::UserView</name>
    <message>
        <location filename="../console/ui/UserView.cpp" line="109"/>
        <source>Pick a user in Sessions or Online users (double-click).</source>
        <translation>Pick a user in Sessions or Online users (double-click).</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="114"/>
        <source>User %1</source>
        <translation>User %1</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="114"/>
        <source>User %1 (%2)</source>
        <translation>User %1 (%2)</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="116"/>
        <source>%1: offline</source>
        <translation>%1: offline</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/UserView.cpp" line="117"/>
        <source>%1: online on %Ln socket(s)</source>
        <translation><numerusform>%1: online on %Ln socket</numerusform><numerusform>%1: online on %Ln sockets</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="128"/>
        <source>Listens to nobody&apos;s presence.</source>
        <translation>Listens to nobody&apos;s presence.</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="129"/>
        <source>Listens to the presence of: %1</source>
        <translation>Listens to the presence of: %1</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="143"/>
        <source>Send a packet to this user...</source>
        <translation>Send a packet to this user...</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="144"/>
        <source>Their sockets:</source>
        <translation>Their sockets:</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="145"/>
        <source>Recent events about them:</source>
        <translation>Recent events about them:</translation>
    </message>
</context>
</TS>
