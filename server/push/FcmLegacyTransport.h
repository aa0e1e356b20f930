#pragma once

#include "push/PushTransport.h"

namespace harajchat {

// `fcm-legacy`: the spec's own Android format, up to 1000 tokens a request, `key=` auth.
class FcmLegacyTransport : public PushTransport
{
    Q_OBJECT
public:
    FcmLegacyTransport(const QUrl &endpoint, const QByteArray &serverKey,
                       const HttpClientPool::Settings &connections, QObject *parent = nullptr);

    int maxBatchSize() const override { return 1000; }
    int requestsFor(const PushBatch &) const override { return 1; }
    void send(const PushBatch &batch, std::function<void(QVector<PushOutcome>)> done) override;

    static QByteArray requestBody(const PushBatch &batch);
    // What each token's push became, from the answer to a request for `count` tokens.
    static QVector<PushOutcome> outcomesOf(const HttpClientResponse &response, int count);

private:
    QByteArray m_target;
    QByteArray m_authorization;
};

} // namespace harajchat
