#pragma once

#include "push/AccessTokenSource.h"
#include "push/PushTransport.h"

#include <QNetworkAccessManager>
#include <QUrl>

namespace harajchat {

// `fcm-v1`: one request per token to projects/{id}/messages:send with an OAuth2 bearer token.
class FcmV1Transport : public PushTransport
{
    Q_OBJECT
public:
    FcmV1Transport(QUrl endpoint, const ServiceAccount &account, QNetworkAccessManager &network,
                   QObject *parent = nullptr);

    int maxBatchSize() const override { return 100; }
    void send(const PushBatch &batch, std::function<void(QVector<PushOutcome>)> done) override;

    static QJsonObject requestBody(const PushBatch &batch, const QString &token);

private:
    void sendOne(const PushBatch &batch, int index, bool afterRefresh,
                 std::function<void(PushOutcome)> done);
    PushOutcome outcomeOf(QNetworkReply &reply);

    QUrl m_sendUrl;
    QNetworkAccessManager &m_network;
    AccessTokenSource m_tokens;
};

} // namespace harajchat
