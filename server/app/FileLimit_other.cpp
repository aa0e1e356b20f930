#include "app/FileLimit.h"

namespace harajchat {

// Windows has no per-process limit of sockets to raise.
void raiseOpenFileLimit() {}

std::optional<qint64> openFileLimit()
{
    return std::nullopt;
}

} // namespace harajchat
