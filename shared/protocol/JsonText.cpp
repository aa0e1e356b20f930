#include "protocol/JsonText.h"

namespace harajchat::protocol {

namespace {
char hexDigit(uint value)
{
    return char(value < 10 ? '0' + value : 'a' + value - 10);
}

void appendUnicodeEscape(QByteArray &out, char16_t unit)
{
    const char escape[] = {'\\',
                           'u',
                           hexDigit(unit >> 12 & 0xf),
                           hexDigit(unit >> 8 & 0xf),
                           hexDigit(unit >> 4 & 0xf),
                           hexDigit(unit & 0xf)};
    out.append(escape, sizeof escape);
}

// The letter of an ASCII character's two-character escape (`\n` for a newline), or 0.
char shortEscape(char16_t unit)
{
    switch (unit) {
    case '"':
        return '"';
    case '\\':
        return '\\';
    case '\b':
        return 'b';
    case '\f':
        return 'f';
    case '\n':
        return 'n';
    case '\r':
        return 'r';
    case '\t':
        return 't';
    default:
        return 0;
    }
}

void appendAsciiEscaped(QByteArray &out, char16_t unit)
{
    if (const char letter = shortEscape(unit)) {
        const char escape[] = {'\\', letter};
        out.append(escape, sizeof escape);
    } else if (unit < 0x20) {
        appendUnicodeEscape(out, unit);
    } else {
        out.append(char(unit));
    }
}

void appendUtf8(QByteArray &out, char32_t code)
{
    if (code < 0x800) {
        out.append(char(0xc0 | code >> 6));
    } else if (code < 0x10000) {
        out.append(char(0xe0 | code >> 12));
        out.append(char(0x80 | (code >> 6 & 0x3f)));
    } else {
        out.append(char(0xf0 | code >> 18));
        out.append(char(0x80 | (code >> 12 & 0x3f)));
        out.append(char(0x80 | (code >> 6 & 0x3f)));
    }
    out.append(char(0x80 | (code & 0x3f)));
}
} // namespace

void appendJsonString(QByteArray &out, QStringView text)
{
    out.append('"');
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t unit = text[i].unicode();
        if (unit < 0x80) {
            appendAsciiEscaped(out, unit);
        } else if (!QChar::isSurrogate(unit)) {
            appendUtf8(out, unit);
        } else if (QChar::isHighSurrogate(unit) && i + 1 < size &&
                   QChar::isLowSurrogate(text[i + 1].unicode())) {
            appendUtf8(out, QChar::surrogateToUcs4(unit, text[i + 1].unicode()));
            ++i;
        } else {
            appendUnicodeEscape(out, unit); // a lone surrogate has no UTF-8 form
        }
    }
    out.append('"');
}

void appendJsonStringFromUtf8(QByteArray &out, QByteArrayView utf8)
{
    out.append('"');
    for (const char byte : utf8) {
        if (uchar(byte) < 0x80)
            appendAsciiEscaped(out, char16_t(byte));
        else
            out.append(byte); // the rest of a UTF-8 sequence passes as it is
    }
    out.append('"');
}

void appendJsonKey(QByteArray &out, const char *key)
{
    out.append('"');
    out.append(key);
    out.append("\":", 2);
}

} // namespace harajchat::protocol
