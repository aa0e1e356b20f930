#include "protocol/Envelope.h"

#include "protocol/JsonText.h"
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

QByteArray successEnvelopeJson(int status, const QByteArray &dataJson)
{
    QByteArray out;
    out.reserve(dataJson.size() + 64);
    appendJsonKey(out.append('{'), "data");
    out.append(dataJson);
    appendJsonKey(out.append(','), "status");
    out.append(QByteArray::number(status));
    appendJsonKey(out.append(','), "ts");
    appendJsonString(out, currentTimestamp());
    return out.append('}');
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
