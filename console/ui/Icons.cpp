#include "ui/Icons.h"

#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace harajchat::console {

namespace {
// The sizes toolbars and buttons ask for, at up to twice the device pixel ratio.
constexpr int IconSizes[] = {16, 22, 24, 32, 48, 64};
} // namespace

// Drawn here with Qt SVG rather than through the icon plugin: the mirroring needs the pixels, and
// the use keeps Qt SVG a real dependency that deployment tools ship with its plugins.
QIcon directionalIcon(const QString &path, Qt::LayoutDirection direction)
{
    QSvgRenderer renderer(path);
    QIcon icon;
    for (const int size : IconSizes) {
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(
            QPixmap::fromImage(direction == Qt::RightToLeft ? image.mirrored(true, false) : image));
    }
    return icon;
}

} // namespace harajchat::console
