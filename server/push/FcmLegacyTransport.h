#pragma once

#include "push/PushTransport.h"

#include <QNetworkAccessManager>
#include <QUrl>

namespace harajchat {

// `fcm-legacy`: the spec's own Android format, up to 1000 tokens a request, `key=` auth.
class FcmLegacyTransport : public PushTransport
{
    Q_OBJECT
public:
    FcmLegacyTransport(QUrl endpoint, QByteArray serverKey, QNetworkAccessManager &network,
                       QObject *parent = nullptr);

    int maxBatchSize() const override { return 1000; }
    void send(const PushBatch &batch, std::function<void(QVector<PushOutcome>)> done) override;

    static QJsonObject requestBody(const PushBatch &batch);

private:
    static QVector<PushOutcome> outcomesOf(QNetworkReply &reply, int count);

    QUrl m_endpoint;
    QByteArray m_serverKey;
    QNetworkAccessManager &m_network;
};

} // namespace harajchat
