#pragma once

#include <QString>

namespace harajchat::console {

// Wraps text that reads left to right (a URL, a date, JSON) in a left-to-right isolate, so that
// Arabic text around it, or a right-to-left cell, cannot reorder its parts.
inline QString leftToRight(const QString &text)
{
    return QChar(0x2066) + text + QChar(0x2069);
}

} // namespace harajchat::console
