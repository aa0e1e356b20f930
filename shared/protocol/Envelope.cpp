#include "protocol/Envelope.h"

#include "protocol/Timestamp.h"

#include <QJsonDocument>

namespace harajchat::protocol {

namespace {
QJsonObject baseEnvelope(int status, const std::optional<QString> &id)
{
    QJsonObject envelope{{QStringLiteral("status"), status},
                         {QStringLiteral("ts"), currentTimestamp()}};
    if (id)
        envelope.insert(QStringLiteral("id"), *id);
    return envelope;
}
} // namespace

QJsonObject successEnvelope(int status, const QJsonObject &data, const std::optional<QString> &id)
{
    QJsonObject envelope = baseEnvelope(status, id);
    envelope.insert(QStringLiteral("data"), data);
    return envelope;
}

QJsonObject errorEnvelope(ApiError error, const std::optional<QString> &id)
{
    QJsonObject envelope = baseEnvelope(httpStatus(error), id);
    envelope.insert(QStringLiteral("err"), errorCode(error));
    return envelope;
}

QByteArray toCompactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace harajchat::protocol
