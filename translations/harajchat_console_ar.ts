<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>harajchat::console::ConnectDialog</name>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="84"/>
        <source>Connect to a daemon</source>
        <translation>الاتصال بخادم</translation>
    </message>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="85"/>
        <source>Admin socket URL:</source>
        <translation>عنوان منفذ الإدارة:</translation>
    </message>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="86"/>
        <source>Admin token:</source>
        <translation>رمز الإدارة:</translation>
    </message>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="87"/>
        <source>Remember URL and token</source>
        <translation>تذكر العنوان والرمز</translation>
    </message>
</context>
<context>
    <name>harajchat::console::CountersPanel</name>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="40"/>
        <source>push off</source>
        <translation>الإشعارات متوقفة</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="54"/>
        <source>Sockets:</source>
        <translation>الاتصالات:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="54"/>
        <source>Authenticated sockets:</source>
        <translation>الاتصالات الموثقة:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="55"/>
        <source>Users online:</source>
        <translation>المستخدمون المتصلون:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="55"/>
        <source>Messages per second:</source>
        <translation>الرسائل في الثانية:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="56"/>
        <source>Pushes sent:</source>
        <translation>إشعارات مرسلة:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="56"/>
        <source>Pushes queued:</source>
        <translation>إشعارات في الانتظار:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="57"/>
        <source>Push retries:</source>
        <translation>إعادات محاولة الإشعار:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="57"/>
        <source>Pushes failed:</source>
        <translation>إشعارات فاشلة:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="58"/>
        <source>Pushes dropped:</source>
        <translation>إشعارات مُسقطة:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="58"/>
        <source>Device tokens deleted:</source>
        <translation>رموز أجهزة محذوفة:</translation>
    </message>
</context>
<context>
    <name>harajchat::console::EventLogView</name>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="83"/>
        <source>Export events</source>
        <translation>تصدير الأحداث</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="84"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>ملفات نصية (*.txt);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="98"/>
        <source>Filter events</source>
        <translation>تصفية الأحداث</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="99"/>
        <source>Resume</source>
        <translation>استئناف</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="99"/>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="100"/>
        <source>Clear</source>
        <translation>مسح</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="101"/>
        <source>Export...</source>
        <translation>تصدير...</translation>
    </message>
</context>
<context>
    <name>harajchat::console::MainWindow</name>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="88"/>
        <source>Connected: %n session(s)</source>
        <translation><numerusform>متصل: %n جلسة</numerusform><numerusform>متصل: %n جلسة</numerusform><numerusform>متصل: %n جلسة</numerusform><numerusform>متصل: %n جلسة</numerusform><numerusform>متصل: %n جلسة</numerusform><numerusform>متصل: %n جلسة</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="94"/>
        <source>Session %1 opened from %2</source>
        <translation>فُتحت الجلسة %1 من %2</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="99"/>
        <source>Session %1 is user %2 (%3)</source>
        <translation>الجلسة %1 للمستخدم %2 (%3)</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="106"/>
        <source>Session %1 closed</source>
        <translation>أُغلقت الجلسة %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="116"/>
        <source>Presence to %n listener(s): %1</source>
        <translation><numerusform>حالة إلى %n مستمع: %1</numerusform><numerusform>حالة إلى %n مستمع: %1</numerusform><numerusform>حالة إلى %n مستمع: %1</numerusform><numerusform>حالة إلى %n مستمع: %1</numerusform><numerusform>حالة إلى %n مستمع: %1</numerusform><numerusform>حالة إلى %n مستمع: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="117"/>
        <source>To user %1 on %n socket(s): %2</source>
        <translation><numerusform>إلى المستخدم %1 عبر %n اتصال: %2</numerusform><numerusform>إلى المستخدم %1 عبر %n اتصال: %2</numerusform><numerusform>إلى المستخدم %1 عبر %n اتصال: %2</numerusform><numerusform>إلى المستخدم %1 عبر %n اتصال: %2</numerusform><numerusform>إلى المستخدم %1 عبر %n اتصال: %2</numerusform><numerusform>إلى المستخدم %1 عبر %n اتصال: %2</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="123"/>
        <source>Command %1 done</source>
        <translation>نُفذ الأمر %1</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="123"/>
        <source>Command %1 failed: %2</source>
        <translation>فشل الأمر %1: %2</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="164"/>
        <source>User %1 is online</source>
        <translation>المستخدم %1 متصل</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="165"/>
        <source>User %1 is offline</source>
        <translation>المستخدم %1 غير متصل</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="172"/>
        <source>Connected to %1</source>
        <translation>متصل بـ %1</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="174"/>
        <source>Connecting to %1...</source>
        <translation>جارٍ الاتصال بـ %1...</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="176"/>
        <source>Connection lost; retrying in %n second(s)</source>
        <translation><numerusform>انقطع الاتصال؛ إعادة المحاولة خلال %n ثانية</numerusform><numerusform>انقطع الاتصال؛ إعادة المحاولة خلال %n ثانية</numerusform><numerusform>انقطع الاتصال؛ إعادة المحاولة خلال %n ثانية</numerusform><numerusform>انقطع الاتصال؛ إعادة المحاولة خلال %n ثانية</numerusform><numerusform>انقطع الاتصال؛ إعادة المحاولة خلال %n ثانية</numerusform><numerusform>انقطع الاتصال؛ إعادة المحاولة خلال %n ثانية</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="179"/>
        <source>The daemon refused the admin token</source>
        <translation>رفض الخادم رمز الإدارة</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="183"/>
        <source>Not connected</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="206"/>
        <source>Haraj Chat console</source>
        <translation>لوحة تحكم محادثة حراج</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="207"/>
        <source>Sessions</source>
        <translation>الجلسات</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="208"/>
        <source>Online users</source>
        <translation>المستخدمون المتصلون</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="209"/>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="210"/>
        <source>Send a packet</source>
        <translation>إرسال حزمة</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="211"/>
        <source>Counters</source>
        <translation>العدادات</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="212"/>
        <source>Connect...</source>
        <translation>اتصال...</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="213"/>
        <source>Disconnect</source>
        <translation>قطع الاتصال</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="214"/>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="215"/>
        <source>System language</source>
        <translation>لغة النظام</translation>
    </message>
</context>
<context>
    <name>harajchat::console::PacketComposer</name>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="113"/>
        <source>Not JSON: %1 (at %2)</source>
        <translation>ليس JSON: %1 (عند %2)</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="115"/>
        <source>Not a packet of the contract: %1</source>
        <translation>ليست حزمة من العقد: %1</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="118"/>
        <source>Valid packet.</source>
        <translation>حزمة صالحة.</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="132"/>
        <source>Target user id:</source>
        <translation>معرّف المستخدم المستهدف:</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="133"/>
        <source>Template:</source>
        <translation>القالب:</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="134"/>
        <source>Message</source>
        <translation>رسالة</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="134"/>
        <source>Reads</source>
        <translation>قراءات</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="135"/>
        <source>Presence: online</source>
        <translation>الحالة: متصل</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="135"/>
        <source>Presence: offline</source>
        <translation>الحالة: غير متصل</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="136"/>
        <source>Presence: typing</source>
        <translation>الحالة: يكتب</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="136"/>
        <source>Presence: stop typing</source>
        <translation>الحالة: توقف عن الكتابة</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="139"/>
        <source>Send to the user&apos;s sockets</source>
        <translation>إرسال إلى اتصالات المستخدم</translation>
    </message>
</context>
<context>
    <name>harajchat::console::SessionModel</name>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="77"/>
        <source>not authenticated</source>
        <translation>غير موثق</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="103"/>
        <source>Session</source>
        <translation>الجلسة</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="105"/>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="107"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="109"/>
        <source>Remote address</source>
        <translation>العنوان البعيد</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="111"/>
        <source>Connected since</source>
        <translation>متصل منذ</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="113"/>
        <source>Listening to</source>
        <translation>يستمع إلى</translation>
    </message>
</context>
<context>
    <name>harajchat::console::SessionsView</name>
    <message>
        <location filename="../console/ui/SessionsView.cpp" line="82"/>
        <source>Filter sessions (user, name, address...)</source>
        <translation>تصفية الجلسات (المستخدم، الاسم، العنوان...)</translation>
    </message>
    <message>
        <location filename="../console/ui/SessionsView.cpp" line="83"/>
        <source>Close session</source>
        <translation>إغلاق الجلسة</translation>
    </message>
</context>
</TS>
