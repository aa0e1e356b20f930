#pragma once

#include "push/AccessTokenSource.h"
#include "push/PushTransport.h"

namespace harajchat {

// `fcm-v1`: one request per token to projects/{id}/messages:send with an OAuth2 bearer token.
class FcmV1Transport : public PushTransport
{
    Q_OBJECT
public:
    FcmV1Transport(const QUrl &endpoint, const ServiceAccount &account,
                   const HttpClientPool::Settings &connections, QObject *parent = nullptr);

    int maxBatchSize() const override { return 100; }
    int requestsFor(const PushBatch &batch) const override { return int(batch.records.size()); }
    void send(const PushBatch &batch, std::function<void(QVector<PushOutcome>)> done) override;

    // A request's body up to its token: the same for every device of the batch.
    static QByteArray requestBodyBeforeToken(const PushBatch &batch);
    static QByteArray requestBody(const QByteArray &beforeToken, const QString &token);
    static PushOutcome outcomeOf(const HttpClientResponse &response);

private:
    void sendOne(const QByteArray &body, bool afterRefresh, std::function<void(PushOutcome)> done);

    QByteArray m_target;
    AccessTokenSource m_tokens;
};

} // namespace harajchat
