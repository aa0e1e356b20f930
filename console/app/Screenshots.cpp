#include "app/Screenshots.h"

#include "ui/ConnectDialog.h"
#include "ui/MainWindow.h"
#include "ui/PacketComposer.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QTabWidget>
#include <QTimer>

namespace harajchat::console {

namespace {
Q_LOGGING_CATEGORY(lcScreenshots, "harajchat.console.screenshots", QtInfoMsg)
// A daemon that does not answer by then will not: fail rather than wait forever.
constexpr int ConnectTimeoutMs = 30000;
} // namespace

Screenshots::Screenshots(MainWindow &window, const QDir &dir, int liveMs, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_dir(dir)
{
    connect(&window.client(), &AdminClient::stateChanged, this,
            [this, liveMs](AdminClient::State state) {
                if (state == AdminClient::State::Connected)
                    QTimer::singleShot(liveMs, this, &Screenshots::takeAll);
            });
    QTimer::singleShot(ConnectTimeoutMs, this, [this] {
        if (m_window.client().state() != AdminClient::State::Connected) {
            qCCritical(lcScreenshots) << "no connection to the daemon; no screenshots";
            QCoreApplication::exit(1);
        }
    });
}

void Screenshots::takeAll()
{
    if (m_taken > 0)
        return; // a reconnect; the pictures are taken
    QTabWidget &tabs = m_window.tabs();
    if (m_window.onlineUsers().rowCount() > 0) {
        const qint64 firstUser = m_window.onlineUsers().userIdAt(0);
        m_window.showUser(firstUser);
        m_window.composer().setTargetUser(firstUser);
    }
    for (int tab = 0; tab < tabs.count(); ++tab) {
        tabs.setCurrentIndex(tab);
        save(m_window, tabs.widget(tab)->objectName());
    }
    ConnectDialog dialog(&m_window);
    dialog.show();
    QCoreApplication::processEvents(); // laid out in its language before the picture
    save(dialog, QStringLiteral("connect-dialog"));
    QCoreApplication::quit();
}

void Screenshots::save(QWidget &widget, const QString &name)
{
    const QString path = m_dir.filePath(
        QStringLiteral("%1-%2.png").arg(++m_taken, 2, 10, QLatin1Char('0')).arg(name));
    // 256 colours: the pictures live in the repository and user interfaces need no more.
    const QImage picture =
        widget.grab().toImage().convertToFormat(QImage::Format_Indexed8, Qt::ThresholdDither);
    if (!picture.save(path))
        qCCritical(lcScreenshots) << "cannot write" << path;
}

} // namespace harajchat::console
