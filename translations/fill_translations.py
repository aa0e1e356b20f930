#!/usr/bin/env python3
"""Fills translations/*.ts from the tables below after `lupdate` has refreshed their sources.

Run from the repository root after changing user-visible strings in console/:
    /usr/lib/qt6/bin/lupdate -silent console -ts translations/harajchat_console_en.ts -source-language en -target-language en
    /usr/lib/qt6/bin/lupdate -silent console -ts translations/harajchat_console_ar.ts -source-language en -target-language ar
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
    "Remember URL and token": "تذكر العنوان والرمز",
    "push off": "الإشعارات متوقفة",
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
    "Export events": "تصدير الأحداث",
    "Text files (*.txt);;All files (*)": "ملفات نصية (*.txt);;كل الملفات (*)",
    "Filter events": "تصفية الأحداث",
    "Resume": "استئناف",
    "Pause": "إيقاف مؤقت",
    "Clear": "مسح",
    "Export...": "تصدير...",
    "Connected: %n session(s)": "متصل: %n جلسة",
    "Session %1 opened from %2": "فُتحت الجلسة %1 من %2",
    "Session %1 is user %2 (%3)": "الجلسة %1 للمستخدم %2 (%3)",
    "Session %1 closed": "أُغلقت الجلسة %1",
    "Presence to %n listener(s): %1": "حالة إلى %n مستمع: %1",
    "To user %1 on %n socket(s): %2": "إلى المستخدم %1 عبر %n اتصال: %2",
    "Command %1 done": "نُفذ الأمر %1",
    "Command %1 failed: %2": "فشل الأمر %1: %2",
    "User %1 is online": "المستخدم %1 متصل",
    "User %1 is offline": "المستخدم %1 غير متصل",
    "Connected to %1": "متصل بـ %1",
    "Connecting to %1...": "جارٍ الاتصال بـ %1...",
    "Connection lost; retrying in %n second(s)": "انقطع الاتصال؛ إعادة المحاولة خلال %n ثانية",
    "The daemon refused the admin token": "رفض الخادم رمز الإدارة",
    "Not connected": "غير متصل",
    "Haraj Chat console": "لوحة تحكم محادثة حراج",
    "Sessions": "الجلسات",
    "Online users": "المستخدمون المتصلون",
    "Events": "الأحداث",
    "Send a packet": "إرسال حزمة",
    "Counters": "العدادات",
    "Connect...": "اتصال...",
    "Disconnect": "قطع الاتصال",
    "Language": "اللغة",
    "System language": "لغة النظام",
    "Not JSON: %1 (at %2)": "ليس JSON: %1 (عند %2)",
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
}

# English needs only its plural forms; everything else shows the source text.
ENGLISH_PLURALS = {
    "Connected: %n session(s)": ["Connected: %n session", "Connected: %n sessions"],
    "Presence to %n listener(s): %1": ["Presence to %n listener: %1", "Presence to %n listeners: %1"],
    "To user %1 on %n socket(s): %2": ["To user %1 on %n socket: %2", "To user %1 on %n sockets: %2"],
    "Connection lost; retrying in %n second(s)": [
        "Connection lost; retrying in %n second", "Connection lost; retrying in %n seconds"],
}

ARABIC_PLURAL_FORMS = 6

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
    translated = ARABIC.get(source)
    if translated is None:
        return None
    return [translated] * (ARABIC_PLURAL_FORMS if numerus else 1)


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
