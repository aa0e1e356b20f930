#include "DaemonProcess.h"

#include "TestDatabase.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif

namespace harajchat::test {

DaemonProcess::DaemonProcess(const QTemporaryDir &dir, const QString &databaseName,
                             const QByteArray &extraIni)
    : m_storage(testStorage(dir, databaseName))
    , m_configPath(dir.filePath(databaseName + QStringLiteral(".ini")))
{
    // The admin socket on port 0 (parallel runs never collide) and, in the _pg run, the PostgreSQL
    // database; the SQLite file goes through --db, so that option is used too.
    QFile ini(m_configPath);
    if (!ini.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(m_configPath));
    ini.write("[admin]\nlisten = 127.0.0.1:0\n");
    if (m_storage.driver == QLatin1String("postgres")) {
        const PostgresSettings &pg = m_storage.postgres;
        ini.write(QStringLiteral("[storage]\ndriver = postgres\nhost = %1\nport = %2\n"
                                 "database = %3\nuser = %4\n")
                      .arg(pg.host)
                      .arg(pg.port)
                      .arg(pg.database, pg.user)
                      .toUtf8());
    }
    ini.write(extraIni);
}

DaemonProcess::~DaemonProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

QStringList DaemonProcess::arguments() const
{
    QStringList arguments{QStringLiteral("--config"), m_configPath};
    if (m_storage.driver == QLatin1String("sqlite"))
        arguments += {QStringLiteral("--db"), m_storage.path};
    return arguments;
}

int DaemonProcess::runBinary(const QStringList &arguments, QByteArray *output)
{
    QProcess process;
    process.start(QStringLiteral(HARAJCHATD_PATH), arguments);
    if (!process.waitForFinished(30000))
        return -1;
    if (output)
        *output = process.readAllStandardOutput().trimmed();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

QByteArray DaemonProcess::issueToken(qint64 userId) const
{
    QByteArray token;
    run({QStringLiteral("issue-token"), QStringLiteral("--id"), QString::number(userId)}, &token);
    return token;
}

QString DaemonProcess::dataLocation() const
{
    if (m_storage.driver == QLatin1String("sqlite"))
        return m_storage.path;
    return QStringLiteral("PostgreSQL database %1 on %2:%3")
        .arg(m_storage.postgres.database, m_storage.postgres.host)
        .arg(m_storage.postgres.port);
}

bool DaemonProcess::start()
{
    m_process.start(QStringLiteral(HARAJCHATD_PATH),
                    arguments() +
                        QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    if (!m_process.waitForStarted())
        return false;
    // The one start-up line tells where it listens and where the data lives.
    m_log.clear();
    const QRegularExpressionMatch match = waitForLog(QRegularExpression(
        QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+) .*data in (.+)\\n")));
    if (!match.hasMatch())
        return false;
    m_port = quint16(match.captured(1).toUInt());
    const QRegularExpressionMatch admin =
        QRegularExpression(QStringLiteral("admin socket on 127\\.0\\.0\\.1:(\\d+)"))
            .match(QString::fromUtf8(m_log));
    m_adminPort = admin.hasMatch() ? quint16(admin.captured(1).toUInt()) : 0;
    return match.captured(2).trimmed() == dataLocation();
}

QRegularExpressionMatch DaemonProcess::waitForLog(const QRegularExpression &pattern, int timeoutMs)
{
    QSignalSpy output(&m_process, &QProcess::readyReadStandardError);
    for (;;) {
        m_log += m_process.readAllStandardError();
        const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(m_log));
        if (match.hasMatch() || !output.wait(timeoutMs))
            return match;
    }
}

QUrl DaemonProcess::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
}

#ifdef Q_OS_UNIX
bool DaemonProcess::signalAndWait(int signal)
{
    ::kill(pid_t(m_process.processId()), signal);
    return m_process.waitForFinished(30000);
}

void DaemonProcess::setOpenFileLimit(quint64 soft, quint64 hard)
{
    m_process.setChildProcessModifier([soft, hard] {
        const rlimit limit{rlim_t(soft), rlim_t(hard)};
        ::setrlimit(RLIMIT_NOFILE, &limit);
    });
}
#endif

} // namespace harajchat::test
