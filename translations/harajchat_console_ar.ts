<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>harajchat::admin</name>
    <message>
        <location filename="../shared/protocol/AdminProtocol.cpp" line="64"/>
        <source>a packet has exactly one key: message, reads or pres</source>
        <translation>للحزمة مفتاح واحد فقط: message أو reads أو pres</translation>
    </message>
    <message>
        <location filename="../shared/protocol/AdminProtocol.cpp" line="70"/>
        <source>the value of &quot;%1&quot; must be an object</source>
        <translation>يجب أن تكون قيمة &quot;%1&quot; كائنًا</translation>
    </message>
    <message>
        <location filename="../shared/protocol/AdminProtocol.cpp" line="74"/>
        <source>unknown packet &quot;%1&quot;</source>
        <translation>حزمة غير معروفة &quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../shared/protocol/AdminProtocol.cpp" line="80"/>
        <source>pres.what must be online, offline, typing or stop_typing</source>
        <translation>يجب أن تكون pres.what إحدى: online أو offline أو typing أو stop_typing</translation>
    </message>
</context>
<context>
    <name>harajchat::console::ChartsPanel</name>
    <message>
        <location filename="../console/ui/ChartsPanel.cpp" line="33"/>
        <source>Messages per second</source>
        <translation>الرسائل في الثانية</translation>
    </message>
    <message>
        <location filename="../console/ui/ChartsPanel.cpp" line="33"/>
        <source>Sockets</source>
        <translation>الاتصالات</translation>
    </message>
    <message>
        <location filename="../console/ui/ChartsPanel.cpp" line="33"/>
        <source>Users online</source>
        <translation>المستخدمون المتصلون</translation>
    </message>
    <message>
        <location filename="../console/ui/ChartsPanel.cpp" line="34"/>
        <source>Push outbox</source>
        <translation>صندوق الإشعارات الصادرة</translation>
    </message>
    <message>
        <location filename="../console/ui/ChartsPanel.cpp" line="34"/>
        <source>Push failures per second</source>
        <translation>إخفاقات الإشعار في الثانية</translation>
    </message>
</context>
<context>
    <name>harajchat::console::ConnectDialog</name>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="95"/>
        <source>Connect to a daemon</source>
        <translation>الاتصال بخادم</translation>
    </message>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="96"/>
        <source>Admin socket URL:</source>
        <translation>عنوان منفذ الإدارة:</translation>
    </message>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="97"/>
        <source>Admin token:</source>
        <translation>رمز الإدارة:</translation>
    </message>
    <message>
        <location filename="../console/ui/ConnectDialog.cpp" line="99"/>
        <source>Remember the token (kept unencrypted in this user&apos;s settings)</source>
        <translation>تذكر الرمز (يُحفظ دون تشفير في إعدادات هذا المستخدم)</translation>
    </message>
</context>
<context>
    <name>harajchat::console::CounterChart</name>
    <message>
        <location filename="../console/ui/CounterChart.cpp" line="49"/>
        <source>push is off</source>
        <translation>الإشعارات متوقفة</translation>
    </message>
    <message>
        <location filename="../console/ui/CounterChart.cpp" line="49"/>
        <source>no data yet</source>
        <translation>لا بيانات بعد</translation>
    </message>
    <message>
        <location filename="../console/ui/CounterChart.cpp" line="99"/>
        <source>5 min ago</source>
        <translation>قبل ٥ دقائق</translation>
    </message>
    <message>
        <location filename="../console/ui/CounterChart.cpp" line="100"/>
        <source>now</source>
        <translation>الآن</translation>
    </message>
</context>
<context>
    <name>harajchat::console::CountersPanel</name>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="63"/>
        <source>Sockets:</source>
        <translation>الاتصالات:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="63"/>
        <source>Authenticated sockets:</source>
        <translation>الاتصالات الموثقة:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="64"/>
        <source>Users online:</source>
        <translation>المستخدمون المتصلون:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="64"/>
        <source>Messages per second:</source>
        <translation>الرسائل في الثانية:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="65"/>
        <source>Pushes sent:</source>
        <translation>إشعارات مرسلة:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="65"/>
        <source>Pushes queued:</source>
        <translation>إشعارات في الانتظار:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="66"/>
        <source>Push retries:</source>
        <translation>إعادات محاولة الإشعار:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="66"/>
        <source>Pushes failed:</source>
        <translation>إشعارات فاشلة:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="67"/>
        <source>Pushes dropped:</source>
        <translation>إشعارات مُسقطة:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="67"/>
        <source>Device tokens deleted:</source>
        <translation>رموز أجهزة محذوفة:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="68"/>
        <source>Push notifications:</source>
        <translation>الإشعارات:</translation>
    </message>
    <message>
        <location filename="../console/ui/CountersPanel.cpp" line="69"/>
        <source>off</source>
        <translation>متوقفة</translation>
    </message>
</context>
<context>
    <name>harajchat::console::EventLogView</name>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="84"/>
        <source>Export events</source>
        <translation>تصدير الأحداث</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="85"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>ملفات نصية (*.txt);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="99"/>
        <source>Filter events</source>
        <translation>تصفية الأحداث</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="100"/>
        <source>Resume</source>
        <translation>استئناف</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="100"/>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="101"/>
        <source>Clear</source>
        <translation>مسح</translation>
    </message>
    <message>
        <location filename="../console/ui/EventLogView.cpp" line="102"/>
        <source>Export...</source>
        <translation>تصدير...</translation>
    </message>
</context>
<context>
    <name>harajchat::console::MainWindow</name>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="134"/>
        <source>Session %1 opened from %2</source>
        <translation>فُتحت الجلسة %1 من %2</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="145"/>
        <source>Session %1 is user %2 (%3)</source>
        <translation>الجلسة %1 للمستخدم %2 (%3)</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="155"/>
        <source>Session %1 closed</source>
        <translation>أُغلقت الجلسة %1</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="215"/>
        <source>Command %1 done</source>
        <translation>نُفذ الأمر %1</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="213"/>
        <source>Command %1 failed: %2</source>
        <translation>فشل الأمر %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="128"/>
        <source>Connected: %Ln session(s)</source>
        <translation><numerusform>متصل: لا جلسات</numerusform><numerusform>متصل: جلسة واحدة</numerusform><numerusform>متصل: جلستان</numerusform><numerusform>متصل: %Ln جلسات</numerusform><numerusform>متصل: %Ln جلسة</numerusform><numerusform>متصل: %Ln جلسة</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="165"/>
        <source>Presence to %Ln listener(s): %1</source>
        <translation><numerusform>حالة إلى %Ln مستمع: %1</numerusform><numerusform>حالة إلى مستمع واحد: %1</numerusform><numerusform>حالة إلى مستمعَين: %1</numerusform><numerusform>حالة إلى %Ln مستمعين: %1</numerusform><numerusform>حالة إلى %Ln مستمعًا: %1</numerusform><numerusform>حالة إلى %Ln مستمع: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="166"/>
        <source>To user %1 on %Ln socket(s): %2</source>
        <translation><numerusform>إلى المستخدم %1 عبر %Ln اتصال: %2</numerusform><numerusform>إلى المستخدم %1 عبر اتصال واحد: %2</numerusform><numerusform>إلى المستخدم %1 عبر اتصالين: %2</numerusform><numerusform>إلى المستخدم %1 عبر %Ln اتصالات: %2</numerusform><numerusform>إلى المستخدم %1 عبر %Ln اتصالًا: %2</numerusform><numerusform>إلى المستخدم %1 عبر %Ln اتصال: %2</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="193"/>
        <source>Online users (%1)</source>
        <translation>المستخدمون المتصلون (%1)</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="218"/>
        <source>Nothing sent: user %1 has no open socket (command %2)</source>
        <translation>لم يُرسل شيء: ليس للمستخدم %1 اتصال مفتوح (الأمر %2)</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="220"/>
        <source>Sent to user %1 on %Ln socket(s) (command %2)</source>
        <translation><numerusform>أُرسلت إلى المستخدم %1 عبر %Ln اتصال (الأمر %2)</numerusform><numerusform>أُرسلت إلى المستخدم %1 عبر اتصال واحد (الأمر %2)</numerusform><numerusform>أُرسلت إلى المستخدم %1 عبر اتصالين (الأمر %2)</numerusform><numerusform>أُرسلت إلى المستخدم %1 عبر %Ln اتصالات (الأمر %2)</numerusform><numerusform>أُرسلت إلى المستخدم %1 عبر %Ln اتصالًا (الأمر %2)</numerusform><numerusform>أُرسلت إلى المستخدم %1 عبر %Ln اتصال (الأمر %2)</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="257"/>
        <source>User %1 is online</source>
        <translation>المستخدم %1 متصل</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="258"/>
        <source>User %1 is offline</source>
        <translation>المستخدم %1 غير متصل</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="268"/>
        <source>Connected to %1</source>
        <translation>متصل بـ %1</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="270"/>
        <source>Connecting to %1...</source>
        <translation>جارٍ الاتصال بـ %1...</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="273"/>
        <source>Connection to %1 lost; retrying in %Ln second(s)</source>
        <translation><numerusform>انقطع الاتصال بـ %1؛ إعادة المحاولة الآن</numerusform><numerusform>انقطع الاتصال بـ %1؛ إعادة المحاولة خلال ثانية واحدة</numerusform><numerusform>انقطع الاتصال بـ %1؛ إعادة المحاولة خلال ثانيتين</numerusform><numerusform>انقطع الاتصال بـ %1؛ إعادة المحاولة خلال %Ln ثوانٍ</numerusform><numerusform>انقطع الاتصال بـ %1؛ إعادة المحاولة خلال %Ln ثانية</numerusform><numerusform>انقطع الاتصال بـ %1؛ إعادة المحاولة خلال %Ln ثانية</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/MainWindow.cpp" line="275"/>
        <source>Cannot reach %1 (%2); retrying in %Ln second(s)</source>
        <translation><numerusform>تعذر الوصول إلى %1 (%2)؛ إعادة المحاولة الآن</numerusform><numerusform>تعذر الوصول إلى %1 (%2)؛ إعادة المحاولة خلال ثانية واحدة</numerusform><numerusform>تعذر الوصول إلى %1 (%2)؛ إعادة المحاولة خلال ثانيتين</numerusform><numerusform>تعذر الوصول إلى %1 (%2)؛ إعادة المحاولة خلال %Ln ثوانٍ</numerusform><numerusform>تعذر الوصول إلى %1 (%2)؛ إعادة المحاولة خلال %Ln ثانية</numerusform><numerusform>تعذر الوصول إلى %1 (%2)؛ إعادة المحاولة خلال %Ln ثانية</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="278"/>
        <source>The daemon refused the admin token</source>
        <translation>رفض الخادم رمز الإدارة</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="282"/>
        <source>Not connected</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="316"/>
        <source>Not live: this is the daemon&apos;s state at %1; it may have changed since.</source>
        <translation>ليست بيانات حية: هذه حالة الخادم عند %1، وربما تغيرت منذ ذلك الحين.</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="331"/>
        <source>Haraj Chat console</source>
        <translation>لوحة تحكم محادثة حراج</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="332"/>
        <source>Sessions</source>
        <translation>الجلسات</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="334"/>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="335"/>
        <source>Send a packet</source>
        <translation>إرسال حزمة</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="336"/>
        <source>Charts</source>
        <translation>الرسوم البيانية</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="337"/>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="338"/>
        <source>Counters</source>
        <translation>العدادات</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="339"/>
        <source>Connect...</source>
        <translation>اتصال...</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="340"/>
        <source>Disconnect</source>
        <translation>قطع الاتصال</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="341"/>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location filename="../console/ui/MainWindow.cpp" line="342"/>
        <source>System language</source>
        <translation>لغة النظام</translation>
    </message>
</context>
<context>
    <name>harajchat::console::PacketComposer</name>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="147"/>
        <source>Not JSON: %1 (at character %2)</source>
        <translation>ليس JSON: %1 (عند المحرف %2)</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="150"/>
        <source>Not a packet of the contract: a packet is a JSON object</source>
        <translation>ليست حزمة من العقد: الحزمة كائن JSON</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="154"/>
        <source>Not a packet of the contract: %1</source>
        <translation>ليست حزمة من العقد: %1</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="157"/>
        <source>Valid packet.</source>
        <translation>حزمة صالحة.</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="173"/>
        <source>Target user id:</source>
        <translation>معرّف المستخدم المستهدف:</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="174"/>
        <source>Template:</source>
        <translation>القالب:</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="175"/>
        <source>Message</source>
        <translation>رسالة</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="175"/>
        <source>Reads</source>
        <translation>قراءات</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="176"/>
        <source>Presence: online</source>
        <translation>الحالة: متصل</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="176"/>
        <source>Presence: offline</source>
        <translation>الحالة: غير متصل</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="177"/>
        <source>Presence: typing</source>
        <translation>الحالة: يكتب</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="177"/>
        <source>Presence: stop typing</source>
        <translation>الحالة: توقف عن الكتابة</translation>
    </message>
    <message>
        <location filename="../console/ui/PacketComposer.cpp" line="180"/>
        <source>Send to the user&apos;s sockets</source>
        <translation>إرسال إلى اتصالات المستخدم</translation>
    </message>
</context>
<context>
    <name>harajchat::console::SessionModel</name>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="89"/>
        <source>not authenticated</source>
        <translation>غير موثق</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="117"/>
        <source>Session</source>
        <translation>الجلسة</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="119"/>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="121"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="123"/>
        <source>Remote address</source>
        <translation>العنوان البعيد</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="125"/>
        <source>Connected since</source>
        <translation>متصل منذ</translation>
    </message>
    <message>
        <location filename="../console/models/SessionModel.cpp" line="127"/>
        <source>Listening to</source>
        <translation>يستمع إلى</translation>
    </message>
</context>
<context>
    <name>harajchat::console::SessionsView</name>
    <message>
        <location filename="../console/ui/SessionsView.cpp" line="126"/>
        <source>Close session %1 from %2?</source>
        <translation>إغلاق الجلسة %1 من %2؟</translation>
    </message>
    <message>
        <location filename="../console/ui/SessionsView.cpp" line="127"/>
        <source>Close session %1 of user %2 (%3)? Their app will see the socket closed.</source>
        <translation>إغلاق الجلسة %1 للمستخدم %2 (%3)؟ سيرى تطبيقه الاتصال مغلقًا.</translation>
    </message>
    <message>
        <location filename="../console/ui/SessionsView.cpp" line="146"/>
        <source>Filter sessions (user, name, address...)</source>
        <translation>تصفية الجلسات (المستخدم، الاسم، العنوان...)</translation>
    </message>
    <message>
        <location filename="../console/ui/SessionsView.cpp" line="129"/>
        <location filename="../console/ui/SessionsView.cpp" line="147"/>
        <source>Close session</source>
        <translation>إغلاق الجلسة</translation>
    </message>
</context>
<context>
    <name>harajchat::console::UserView</name>
    <message>
        <location filename="../console/ui/UserView.cpp" line="109"/>
        <source>Pick a user in Sessions or Online users (double-click).</source>
        <translation>اختر مستخدمًا في الجلسات أو المستخدمين المتصلين (نقر مزدوج).</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="114"/>
        <source>User %1</source>
        <translation>المستخدم %1</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="114"/>
        <source>User %1 (%2)</source>
        <translation>المستخدم %1 (%2)</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="116"/>
        <source>%1: offline</source>
        <translation>%1: غير متصل</translation>
    </message>
    <message numerus="yes">
        <location filename="../console/ui/UserView.cpp" line="117"/>
        <source>%1: online on %Ln socket(s)</source>
        <translation><numerusform>%1: متصل عبر %Ln اتصال</numerusform><numerusform>%1: متصل عبر اتصال واحد</numerusform><numerusform>%1: متصل عبر اتصالين</numerusform><numerusform>%1: متصل عبر %Ln اتصالات</numerusform><numerusform>%1: متصل عبر %Ln اتصالًا</numerusform><numerusform>%1: متصل عبر %Ln اتصال</numerusform></translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="128"/>
        <source>Listens to nobody&apos;s presence.</source>
        <translation>لا يستمع إلى حالة أحد.</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="129"/>
        <source>Listens to the presence of: %1</source>
        <translation>يستمع إلى حالة: %1</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="143"/>
        <source>Send a packet to this user...</source>
        <translation>إرسال حزمة إلى هذا المستخدم...</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="144"/>
        <source>Their sockets:</source>
        <translation>اتصالاته:</translation>
    </message>
    <message>
        <location filename="../console/ui/UserView.cpp" line="145"/>
        <source>Recent events about them:</source>
        <translation>أحدث الأحداث عنه:</translation>
    </message>
</context>
</TS>
