#!/usr/bin/env python3
"""Fills translations/*.ts from the tables below after `lupdate` has refreshed their sources.

Run from the repository root after changing user-visible strings in console/:
    /usr/lib/qt6/bin/lupdate -silent -no-obsolete console shared/protocol/AdminProtocol.cpp -ts translations/harajchat_console_en.ts -source-language en -target-language en
    /usr/lib/qt6/bin/lupdate -silent -no-obsolete console shared/protocol/AdminProtocol.cpp -ts translations/harajchat_console_ar.ts -source-language en -target-language ar
    python3 translations/fill_translations.py
A source without an entry here stays "unfinished" and shows in English.
"""
import re
import sys
from pathlib import Path

ARABIC = {
    "Connect to a daemon": "الاتصال بخادم",
    "Admin socket URL:": "عنوان منفذ الإدارة:",
    "Admin token:": "رمز الإدارة:",
    "Remember the token (kept unencrypted in this user&apos;s settings)":
        "تذكر الرمز (يُحفظ دون تشفير في إعدادات هذا المستخدم)",
    "Sockets:": "الاتصالات:",
    "Authenticated sockets:": "الاتصالات الموثقة:",
    "Users online:": "المستخدمون المتصلون:",
    "Messages per second:": "الرسائل في الثانية:",
    "Pushes sent:": "إشعارات مرسلة:",
    "Pushes queued:": "إشعارات في الانتظار:",
    "Push retries:": "إعادات محاولة الإشعار:",
    "Pushes failed:": "إشعارات فاشلة:",
    "Pushes dropped:": "إشعارات مُسقطة:",
    "Device tokens deleted:": "رموز أجهزة محذوفة:",
    "Push notifications:": "الإشعارات:",
    "off": "متوقفة",
    "Export events": "تصدير الأحداث",
    "Text files (*.txt);;All files (*)": "ملفات نصية (*.txt);;كل الملفات (*)",
    "Filter events": "تصفية الأحداث",
    "Resume": "استئناف",
    "Pause": "إيقاف مؤقت",
    "Clear": "مسح",
    "Export...": "تصدير...",
    "Session %1 opened from %2": "فُتحت الجلسة %1 من %2",
    "Session %1 is user %2 (%3)": "الجلسة %1 للمستخدم %2 (%3)",
    "Session %1 closed": "أُغلقت الجلسة %1",
    "Command %1 done": "نُفذ الأمر %1",
    "Command %1 failed: %2": "فشل الأمر %1: %2",
    "Nothing sent: user %1 has no open socket (command %2)":
        "لم يُرسل شيء: ليس للمستخدم %1 اتصال مفتوح (الأمر %2)",
    "User %1 is online": "المستخدم %1 متصل",
    "User %1 is offline": "المستخدم %1 غير متصل",
    "Online users (%1)": "المستخدمون المتصلون (%1)",
    "Connected to %1": "متصل بـ %1",
    "Connecting to %1...": "جارٍ الاتصال بـ %1...",
    "The daemon refused the admin token": "رفض الخادم رمز الإدارة",
    "Not connected": "غير متصل",
    "Not live: this is the daemon&apos;s state at %1; it may have changed since.":
        "ليست بيانات حية: هذه حالة الخادم عند %1، وربما تغيرت منذ ذلك الحين.",
    "Haraj Chat console": "لوحة تحكم محادثة حراج",
    "Sessions": "الجلسات",
    "Events": "الأحداث",
    "Send a packet": "إرسال حزمة",
    "Counters": "العدادات",
    "Connect...": "اتصال...",
    "Disconnect": "قطع الاتصال",
    "Language": "اللغة",
    "System language": "لغة النظام",
    "Not JSON: %1 (at character %2)": "ليس JSON: %1 (عند المحرف %2)",
    "Not a packet of the contract: a packet is a JSON object":
        "ليست حزمة من العقد: الحزمة كائن JSON",
    "Not a packet of the contract: %1": "ليست حزمة من العقد: %1",
    "Valid packet.": "حزمة صالحة.",
    "Target user id:": "معرّف المستخدم المستهدف:",
    "Template:": "القالب:",
    "Message": "رسالة",
    "Reads": "قراءات",
    "Presence: online": "الحالة: متصل",
    "Presence: offline": "الحالة: غير متصل",
    "Presence: typing": "الحالة: يكتب",
    "Presence: stop typing": "الحالة: توقف عن الكتابة",
    "Send to the user&apos;s sockets": "إرسال إلى اتصالات المستخدم",
    "not authenticated": "غير موثق",
    "Session": "الجلسة",
    "User": "المستخدم",
    "Name": "الاسم",
    "Remote address": "العنوان البعيد",
    "Connected since": "متصل منذ",
    "Listening to": "يستمع إلى",
    "Filter sessions (user, name, address...)": "تصفية الجلسات (المستخدم، الاسم، العنوان...)",
    "Close session": "إغلاق الجلسة",
    "Close session %1 from %2?": "إغلاق الجلسة %1 من %2؟",
    "Close session %1 of user %2 (%3)? Their app will see the socket closed.":
        "إغلاق الجلسة %1 للمستخدم %2 (%3)؟ سيرى تطبيقه الاتصال مغلقًا.",
    "Charts": "الرسوم البيانية",
    "Messages per second": "الرسائل في الثانية",
    "Sockets": "الاتصالات",
    "Users online": "المستخدمون المتصلون",
    "Push outbox": "صندوق الإشعارات الصادرة",
    "Push failures per second": "إخفاقات الإشعار في الثانية",
    "push is off": "الإشعارات متوقفة",
    "no data yet": "لا بيانات بعد",
    "5 min ago": "قبل ٥ دقائق",
    "now": "الآن",
    "User %1": "المستخدم %1",
    "Pick a user in Sessions or Online users (double-click).":
        "اختر مستخدمًا في الجلسات أو المستخدمين المتصلين (نقر مزدوج).",
    "User %1 (%2)": "المستخدم %1 (%2)",
    "%1: offline": "%1: غير متصل",
    "Listens to nobody&apos;s presence.": "لا يستمع إلى حالة أحد.",
    "Listens to the presence of: %1": "يستمع إلى حالة: %1",
    "Send a packet to this user...": "إرسال حزمة إلى هذا المستخدم...",
    "Their sockets:": "اتصالاته:",
    "Recent events about them:": "أحدث الأحداث عنه:",
    # harajchat::admin: why a packet is not one of the contract's (shared/protocol).
    "a packet has exactly one key: message, reads or pres":
        "للحزمة مفتاح واحد فقط: message أو reads أو pres",
    "the value of &quot;%1&quot; must be an object": "يجب أن تكون قيمة &quot;%1&quot; كائنًا",
    "unknown packet &quot;%1&quot;": "حزمة غير معروفة &quot;%1&quot;",
    "pres.what must be online, offline, typing or stop_typing":
        "يجب أن تكون pres.what إحدى: online أو offline أو typing أو stop_typing",
}

# Arabic has six plural forms; Qt Linguist's numerus forms come in this order:
# zero, one, two, few (n % 100 in 3..10), many (n % 100 in 11..99), other (100, 101, 102, ...).
ARABIC_PLURALS = {
    "%1: online on %Ln socket(s)": [
        "%1: متصل عبر %Ln اتصال", "%1: متصل عبر اتصال واحد", "%1: متصل عبر اتصالين",
        "%1: متصل عبر %Ln اتصالات", "%1: متصل عبر %Ln اتصالًا", "%1: متصل عبر %Ln اتصال"],
    "Connected: %Ln session(s)": [
        "متصل: لا جلسات", "متصل: جلسة واحدة", "متصل: جلستان", "متصل: %Ln جلسات",
        "متصل: %Ln جلسة", "متصل: %Ln جلسة"],
    "Presence to %Ln listener(s): %1": [
        "حالة إلى %Ln مستمع: %1", "حالة إلى مستمع واحد: %1", "حالة إلى مستمعَين: %1",
        "حالة إلى %Ln مستمعين: %1", "حالة إلى %Ln مستمعًا: %1", "حالة إلى %Ln مستمع: %1"],
    "To user %1 on %Ln socket(s): %2": [
        "إلى المستخدم %1 عبر %Ln اتصال: %2", "إلى المستخدم %1 عبر اتصال واحد: %2",
        "إلى المستخدم %1 عبر اتصالين: %2", "إلى المستخدم %1 عبر %Ln اتصالات: %2",
        "إلى المستخدم %1 عبر %Ln اتصالًا: %2", "إلى المستخدم %1 عبر %Ln اتصال: %2"],
    "Sent to user %1 on %Ln socket(s) (command %2)": [
        "أُرسلت إلى المستخدم %1 عبر %Ln اتصال (الأمر %2)",
        "أُرسلت إلى المستخدم %1 عبر اتصال واحد (الأمر %2)",
        "أُرسلت إلى المستخدم %1 عبر اتصالين (الأمر %2)",
        "أُرسلت إلى المستخدم %1 عبر %Ln اتصالات (الأمر %2)",
        "أُرسلت إلى المستخدم %1 عبر %Ln اتصالًا (الأمر %2)",
        "أُرسلت إلى المستخدم %1 عبر %Ln اتصال (الأمر %2)"],
    "Connection to %1 lost; retrying in %Ln second(s)": [
        "انقطع الاتصال بـ %1؛ إعادة المحاولة الآن", "انقطع الاتصال بـ %1؛ إعادة المحاولة خلال ثانية واحدة",
        "انقطع الاتصال بـ %1؛ إعادة المحاولة خلال ثانيتين",
        "انقطع الاتصال بـ %1؛ إعادة المحاولة خلال %Ln ثوانٍ",
        "انقطع الاتصال بـ %1؛ إعادة المحاولة خلال %Ln ثانية",
        "انقطع الاتصال بـ %1؛ إعادة المحاولة خلال %Ln ثانية"],
    "Cannot reach %1 (%2); retrying in %Ln second(s)": [
        "تعذر الوصول إلى %1 (%2)؛ إعادة المحاولة الآن",
        "تعذر الوصول إلى %1 (%2)؛ إعادة المحاولة خلال ثانية واحدة",
        "تعذر الوصول إلى %1 (%2)؛ إعادة المحاولة خلال ثانيتين",
        "تعذر الوصول إلى %1 (%2)؛ إعادة المحاولة خلال %Ln ثوانٍ",
        "تعذر الوصول إلى %1 (%2)؛ إعادة المحاولة خلال %Ln ثانية",
        "تعذر الوصول إلى %1 (%2)؛ إعادة المحاولة خلال %Ln ثانية"],
}

# English needs only its plural forms; everything else shows the source text.
ENGLISH_PLURALS = {
    "%1: online on %Ln socket(s)": ["%1: online on %Ln socket", "%1: online on %Ln sockets"],
    "Connected: %Ln session(s)": ["Connected: %Ln session", "Connected: %Ln sessions"],
    "Presence to %Ln listener(s): %1": [
        "Presence to %Ln listener: %1", "Presence to %Ln listeners: %1"],
    "To user %1 on %Ln socket(s): %2": [
        "To user %1 on %Ln socket: %2", "To user %1 on %Ln sockets: %2"],
    "Sent to user %1 on %Ln socket(s) (command %2)": [
        "Sent to user %1 on %Ln socket (command %2)", "Sent to user %1 on %Ln sockets (command %2)"],
    "Connection to %1 lost; retrying in %Ln second(s)": [
        "Connection to %1 lost; retrying in %Ln second",
        "Connection to %1 lost; retrying in %Ln seconds"],
    "Cannot reach %1 (%2); retrying in %Ln second(s)": [
        "Cannot reach %1 (%2); retrying in %Ln second",
        "Cannot reach %1 (%2); retrying in %Ln seconds"],
}

MESSAGE = re.compile(r"(<message(?P<numerus> numerus=\"yes\")?>.*?<source>(?P<source>.*?)</source>.*?)"
                     r"<translation[^>]*?(?:/>|>.*?</translation>)", re.S)


def fill(path, translate):
    text = Path(path).read_text(encoding="utf-8")
    missing = []

    def replace(match):
        forms = translate(match.group("source"), bool(match.group("numerus")))
        if forms is None:
            missing.append(match.group("source"))
            return match.group(1) + '<translation type="unfinished"></translation>'
        if match.group("numerus"):
            inner = "".join(f"<numerusform>{form}</numerusform>" for form in forms)
            return match.group(1) + f"<translation>{inner}</translation>"
        return match.group(1) + f"<translation>{forms[0]}</translation>"

    Path(path).write_text(MESSAGE.sub(replace, text), encoding="utf-8")
    return missing


def arabic(source, numerus):
    if numerus:
        return ARABIC_PLURALS.get(source)
    translated = ARABIC.get(source)
    return None if translated is None else [translated]


def english(source, numerus):
    if numerus:
        return ENGLISH_PLURALS.get(source)
    return [source]


if __name__ == "__main__":
    root = Path(__file__).resolve().parent
    missing = fill(root / "harajchat_console_ar.ts", arabic)
    missing += fill(root / "harajchat_console_en.ts", english)
    for source in missing:
        print(f"untranslated: {source}", file=sys.stderr)
    sys.exit(1 if missing else 0)
