#include "ui/Icons.h"

#include <QPixmap>

namespace harajchat::console {

namespace {
// The sizes toolbars and buttons ask for, at up to twice the device pixel ratio.
constexpr int IconSizes[] = {16, 22, 24, 32, 48, 64};
} // namespace

QIcon directionalIcon(const QString &path, Qt::LayoutDirection direction)
{
    const QIcon original(path);
    if (direction == Qt::LeftToRight)
        return original;
    QIcon mirrored;
    for (const int size : IconSizes)
        mirrored.addPixmap(
            QPixmap::fromImage(original.pixmap(size).toImage().mirrored(true, false)));
    return mirrored;
}

} // namespace harajchat::console
