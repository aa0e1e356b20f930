#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace harajchat {

// How pushes reach FCM (docs/configuration.md, section push). Push is off until credentials
// (fcm-v1) or a server key (fcm-legacy) are configured.
struct PushSettings
{
    QString transport = QStringLiteral("fcm-v1"); // or "fcm-legacy"
    QUrl endpoint;
    QString credentialsPath; // fcm-v1 service account JSON
    QString tokenUri;        // fcm-v1: overrides the credentials' token_uri when set
    QByteArray serverKey;    // fcm-legacy
    QString defaultBody = QStringLiteral("New message");
    qint64 ttlMs = 3600 * 1000;
    qint64 retryBaseMs = 1000;
    qint64 retryCapMs = 300 * 1000;
    int maxOutbox = 100000;
    qint64 pollIntervalMs = 1000;
    // Requests to FCM at once (a connection each): at 50 ms a request, 512 carry 10,000 pushes/s.
    int maxInFlight = 512;
    qint64 requestTimeoutMs = 30000;

    // Pushes waiting in memory for a request beyond those in flight; the rest wait in the outbox.
    qsizetype maxWaiting() const { return qsizetype(maxInFlight) * 4; }

    bool enabled() const
    {
        return transport == QLatin1String("fcm-legacy") ? !serverKey.isEmpty()
                                                        : !credentialsPath.isEmpty();
    }
};

} // namespace harajchat
