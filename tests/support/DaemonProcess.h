#pragma once

#include "storage/SqlStorage.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace harajchat::test {

// The harajchatd binary as a child process, on the test's database (SQLite in `dir`, or the
// PostgreSQL of the _pg run): its command-line verbs, a start that reads the port it chose from its
// start-up line, and the ways it ends (SIGTERM, kill -9). For what only a real process shows.
class DaemonProcess
{
public:
    // `extraIni`: more of the configuration file (e.g. a [push] section).
    DaemonProcess(const QTemporaryDir &dir, const QString &databaseName,
                  const QByteArray &extraIni = {});
    ~DaemonProcess();

    StorageSettings storage() const { return m_storage; }
    // --config (and, on SQLite, --db), for a verb or a start.
    QStringList arguments() const;
    // Runs the binary with exactly `arguments` to completion: its exit code (-1 if it crashed or
    // hung), stdout in *output.
    static int runBinary(const QStringList &arguments, QByteArray *output = nullptr);
    // Runs a verb on this daemon's configuration and database, likewise.
    int run(const QStringList &verb, QByteArray *output = nullptr) const
    {
        return runBinary(verb + arguments(), output);
    }
    QByteArray issueToken(qint64 userId) const;

    // Starts the daemon on 127.0.0.1 and a port of its choosing; false when it did not come up, or
    // named another data location than the test's.
    bool start();
    quint16 port() const { return m_port; }
    quint16 adminPort() const { return m_adminPort; }
    QUrl url(const QString &path) const;
    QProcess &process() { return m_process; }
    // What the daemon has logged so far (its stderr), as far as read.
    const QByteArray &log() const { return m_log; }
    // Reads the log until `pattern` matches in it; no match when it did not within `timeoutMs`.
    QRegularExpressionMatch waitForLog(const QRegularExpression &pattern, int timeoutMs = 10000);
#ifdef Q_OS_UNIX
    // Sends a signal (SIGTERM, SIGKILL) and waits for the process to end.
    bool signalAndWait(int signal);
    // For the starts to come: the daemon's RLIMIT_NOFILE, set in the child before it runs.
    void setOpenFileLimit(quint64 soft, quint64 hard);
#endif

private:
    QString dataLocation() const;

    StorageSettings m_storage;
    QString m_configPath;
    QProcess m_process;
    quint16 m_port = 0;
    quint16 m_adminPort = 0;
    QByteArray m_log;
};

} // namespace harajchat::test
