#include "app/FileLimit.h"
#include "app/Logging.h"

#include <cerrno>
#include <cstring>
#include <sys/resource.h>

namespace harajchat {

namespace {
QString limitText(rlim_t limit)
{
    return limit == RLIM_INFINITY ? QStringLiteral("unlimited") : QString::number(limit);
}
} // namespace

void raiseOpenFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        qCWarning(lcApp) << "cannot read the open file limit:" << std::strerror(errno);
        return;
    }
    const rlim_t soft = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    if (limit.rlim_cur != soft && ::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
        qCWarning(lcApp).noquote()
            << "cannot raise the open file limit from" << limitText(soft) << "to the hard limit"
            << limitText(limit.rlim_max) + QLatin1Char(':') << std::strerror(errno);
        return;
    }
    qCInfo(lcApp).noquote() << "open file limit" << limitText(limit.rlim_cur) << "(soft limit was"
                            << limitText(soft) + QStringLiteral(", hard limit")
                            << limitText(limit.rlim_max) + QLatin1Char(')');
}

std::optional<qint64> openFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return std::nullopt;
    return limit.rlim_cur == RLIM_INFINITY ? std::nullopt
                                           : std::optional<qint64>(qint64(limit.rlim_cur));
}

} // namespace harajchat
