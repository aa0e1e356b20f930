<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>harajchat::console::ConnectDialog</name>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="84"/>
        <source>Connect to a daemon</source>
        <translation>Connect to a daemon</translation>
    </message>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="85"/>
        <source>Admin socket URL:</source>
        <translation>Admin socket URL:</translation>
    </message>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="86"/>
        <source>Admin token:</source>
        <translation>Admin token:</translation>
    </message>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="87"/>
        <source>Remember URL and token</source>
        <translation>Remember URL and token</translation>
    </message>
</context>
<context>
    <name>harajchat::console::CountersPanel</name>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="40"/>
        <source>push off</source>
        <translation>push off</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="54"/>
        <source>Sockets:</source>
        <translation>Sockets:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="54"/>
        <source>Authenticated sockets:</source>
        <translation>Authenticated sockets:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="55"/>
        <source>Users online:</source>
        <translation>Users online:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="55"/>
        <source>Messages per second:</source>
        <translation>Messages per second:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="56"/>
        <source>Pushes sent:</source>
        <translation>Pushes sent:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="56"/>
        <source>Pushes queued:</source>
        <translation>Pushes queued:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="57"/>
        <source>Push retries:</source>
        <translation>Push retries:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="57"/>
        <source>Pushes failed:</source>
        <translation>Pushes failed:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="58"/>
        <source>Pushes dropped:</source>
        <translation>Pushes dropped:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="58"/>
        <source>Device tokens deleted:</source>
        <translation>Device tokens deleted:</translation>
    </message>
</context>
<context>
    <name>harajchat::console::EventLogView</name>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="83"/>
        <source>Export events</source>
        <translation>Export events</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="84"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Text files (*.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="98"/>
        <source>Filter events</source>
        <translation>Filter events</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="99"/>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="99"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="100"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="101"/>
        <source>Export...</source>
        <translation>Export...</translation>
    </message>
</context>
<context>
    <name>harajchat::console::MainWindow</name>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="88"/>
        <source>Connected: %n session(s)</source>
        <translation><numerusform>Connected: %n session</numerusform><numerusform>Connected: %n sessions</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="94"/>
        <source>Session %1 opened from %2</source>
        <translation>Session %1 opened from %2</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="99"/>
        <source>Session %1 is user %2 (%3)</source>
        <translation>Session %1 is user %2 (%3)</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="106"/>
        <source>Session %1 closed</source>
        <translation>Session %1 closed</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="116"/>
        <source>Presence to %n listener(s): %1</source>
        <translation><numerusform>Presence to %n listener: %1</numerusform><numerusform>Presence to %n listeners: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="117"/>
        <source>To user %1 on %n socket(s): %2</source>
        <translation><numerusform>To user %1 on %n socket: %2</numerusform><numerusform>To user %1 on %n sockets: %2</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="123"/>
        <source>Command %1 done</source>
        <translation>Command %1 done</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="123"/>
        <source>Command %1 failed: %2</source>
        <translation>Command %1 failed: %2</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="164"/>
        <source>User %1 is online</source>
        <translation>User %1 is online</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="165"/>
        <source>User %1 is offline</source>
        <translation>User %1 is offline</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="172"/>
        <source>Connected to %1</source>
        <translation>Connected to %1</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="174"/>
        <source>Connecting to %1...</source>
        <translation>Connecting to %1...</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="176"/>
        <source>Connection lost; retrying in %n second(s)</source>
        <translation><numerusform>Connection lost; retrying in %n second</numerusform><numerusform>Connection lost; retrying in %n seconds</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="179"/>
        <source>The daemon refused the admin token</source>
        <translation>The daemon refused the admin token</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="183"/>
        <source>Not connected</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="206"/>
        <source>Haraj Chat console</source>
        <translation>Haraj Chat console</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="207"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="208"/>
        <source>Online users</source>
        <translation>Online users</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="209"/>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="210"/>
        <source>Send a packet</source>
        <translation>Send a packet</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="211"/>
        <source>Counters</source>
        <translation>Counters</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="212"/>
        <source>Connect...</source>
        <translation>Connect...</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="213"/>
        <source>Disconnect</source>
        <translation>Disconnect</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="214"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="215"/>
        <source>System language</source>
        <translation>System language</translation>
    </message>
</context>
<context>
    <name>harajchat::console::PacketComposer</name>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="113"/>
        <source>Not JSON: %1 (at %2)</source>
        <translation>Not JSON: %1 (at %2)</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="115"/>
        <source>Not a packet of the contract: %1</source>
        <translation>Not a packet of the contract: %1</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="118"/>
        <source>Valid packet.</source>
        <translation>Valid packet.</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="132"/>
        <source>Target user id:</source>
        <translation>Target user id:</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="133"/>
        <source>Template:</source>
        <translation>Template:</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="134"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="134"/>
        <source>Reads</source>
        <translation>Reads</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="135"/>
        <source>Presence: online</source>
        <translation>Presence: online</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="135"/>
        <source>Presence: offline</source>
        <translation>Presence: offline</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="136"/>
        <source>Presence: typing</source>
        <translation>Presence: typing</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="136"/>
        <source>Presence: stop typing</source>
        <translation>Presence: stop typing</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="139"/>
        <source>Send to the user&apos;s sockets</source>
        <translation>Send to the user&apos;s sockets</translation>
    </message>
</context>
<context>
    <name>harajchat::console::SessionModel</name>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="77"/>
        <source>not authenticated</source>
        <translation>not authenticated</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="103"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="105"/>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="107"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="109"/>
        <source>Remote address</source>
        <translation>Remote address</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="111"/>
        <source>Connected since</source>
        <translation>Connected since</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="113"/>
        <source>Listening to</source>
        <translation>Listening to</translation>
    </message>
</context>
<context>
    <name>harajchat::console::SessionsView</name>
    <message>
        <location filename="../console/ui/SessionsView.cpp" line="82"/>
        <source>Filter sessions (user, name, address...)</source>
        <translation>Filter sessions (user, name, address...)</translation>
    </message>
    <message>
        <location filename="../console/ui/SessionsView.cpp" line="83"/>
        <source>Close session</source>
        <translation>Close session</translation>
    </message>
</context>
</TS>
