#pragma once

#include <QIcon>

namespace harajchat::console {

// An icon that points along the reading direction (an arrow "forward"): drawn mirrored when the
// layout runs right to left.
QIcon directionalIcon(const QString &path, Qt::LayoutDirection direction);

} // namespace harajchat::console
