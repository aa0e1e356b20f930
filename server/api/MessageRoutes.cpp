#include "api/ApiContext.h"
#include "chat/ChatService.h"
#include "protocol/Ids.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace harajchat {

using protocol::ApiError;

namespace {
constexpr int MaxHistoryLimit = 200;
constexpr int MaxReadIdsPerCall = 1000;
constexpr qsizetype MaxClientMsgIdLength = 128;

// `content` must be {"type": non-empty string, "payload": object}.
bool isValidContent(const QJsonValue &content)
{
    const QJsonObject object = content.toObject();
    const QJsonValue type = object.value(QLatin1String("type"));
    return content.isObject() && type.isString() && !type.toString().isEmpty() &&
           object.value(QLatin1String("payload")).isObject();
}

std::optional<qint64> queryNumber(const HttpRequest &request, const QString &name, qint64 fallback)
{
    if (!request.query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 number = request.query.queryItemValue(name).toLongLong(&ok);
    return ok && number >= 0 ? std::optional<qint64>(number) : std::nullopt;
}

Parsed<HistoryQuery> parseHistoryQuery(const HttpRequest &request)
{
    const HistoryQuery defaults;
    const auto before = queryNumber(request, QStringLiteral("before"), defaults.before);
    const auto since = queryNumber(request, QStringLiteral("since"), defaults.since);
    const auto limit = queryNumber(request, QStringLiteral("limit"), defaults.limit);
    if (!before || !since || !limit || *limit < 1 || *limit > MaxHistoryLimit)
        return ApiError::BadRequest;
    return HistoryQuery{*before, *since, int(*limit)};
}

struct NewMessage
{
    QJsonObject content;
    QByteArray contentJson; // compact, measured once and stored as is
    QString clientMsgId;
};

Parsed<NewMessage> parseNewMessage(const HttpRequest &request, qint64 maxContentBytes)
{
    const std::optional<QJsonObject> body = jsonObjectBody(request);
    const QJsonValue content = body ? body->value(QLatin1String("content")) : QJsonValue();
    const QJsonValue clientMsgId =
        body ? body->value(QLatin1String("client_msg_id")) : QJsonValue();
    const bool clientIdValid =
        clientMsgId.isUndefined() || (clientMsgId.isString() && !clientMsgId.toString().isEmpty() &&
                                      clientMsgId.toString().size() <= MaxClientMsgIdLength);
    if (!isValidContent(content) || !clientIdValid)
        return ApiError::BadRequest;
    const QByteArray contentJson = QJsonDocument(content.toObject()).toJson(QJsonDocument::Compact);
    if (contentJson.size() > maxContentBytes)
        return ApiError::PayloadTooLarge;
    return NewMessage{content.toObject(), contentJson, clientMsgId.toString()};
}

void sendMessage(ApiContext &api, HttpRequest &request, const Responder &respond)
{
    api.withTopicAnd<NewMessage>(
        request, respond, parseNewMessage(request, api.maxContentBytes),
        [&api, respond](const AuthResult &user, const TopicAccess &topic,
                        const NewMessage &message) {
            api.chat.send(
                {user.userId, user.name, topic.topicId, topic.peerId, message.content,
                 message.contentJson, message.clientMsgId},
                [respond](const SendOutcome &outcome) {
                    if (outcome.status == SendOutcome::Failed)
                        respond(HttpResponse::error(ApiError::ServerInternalError));
                    else if (outcome.status == SendOutcome::NoTopic)
                        respond(HttpResponse::error(ApiError::NotFound));
                    else
                        respond(HttpResponse::successJson(
                            outcome.status == SendOutcome::Created ? 201 : 200, outcome.json));
                });
        });
}

void listMessages(ApiContext &api, HttpRequest &request, const Responder &respond)
{
    api.withTopicAnd<HistoryQuery>(
        request, respond, parseHistoryQuery(request),
        [&api, respond](const AuthResult &user, const TopicAccess &topic,
                        const HistoryQuery &query) {
            api.store<std::optional<QVector<StoredMessage>>>(
                respond,
                [user, topic, query](Storage &storage) -> std::optional<QVector<StoredMessage>> {
                    if (!storage.topicExists(user.userId, topic.peerId))
                        return std::nullopt;
                    return storage.history(topic.topicId, query);
                },
                [respond](const std::optional<QVector<StoredMessage>> &messages) {
                    if (!messages) {
                        respond(HttpResponse::error(ApiError::NotFound));
                        return;
                    }
                    QJsonArray list;
                    for (const StoredMessage &message : *messages)
                        list.append(ChatService::toChatMessage(message).toJson());
                    respond(HttpResponse::success(200, {{QStringLiteral("messages"), list}}));
                });
        });
}

// {"seq_ids": [..]} or {"up_to": n}: exactly one of them, well-formed.
struct ReadMarks
{
    QVector<qint64> seqIds;
    qint64 upTo = 0; // used when seqIds is empty
};

Parsed<ReadMarks> parseReads(const HttpRequest &request)
{
    const std::optional<QJsonObject> body = jsonObjectBody(request);
    if (!body)
        return ApiError::BadRequest;
    const QJsonValue seqIds = body->value(QLatin1String("seq_ids"));
    const QJsonValue upTo = body->value(QLatin1String("up_to"));
    if (seqIds.isUndefined() == upTo.isUndefined())
        return ApiError::BadRequest;
    if (!upTo.isUndefined()) {
        const std::optional<qint64> bound = protocol::userIdFromJson(upTo); // a positive integer
        return bound ? Parsed<ReadMarks>(ReadMarks{{}, *bound}) : ApiError::BadRequest;
    }
    if (!seqIds.isArray() || seqIds.toArray().size() > MaxReadIdsPerCall)
        return ApiError::BadRequest;
    ReadMarks marks;
    for (const QJsonValue &value : seqIds.toArray()) {
        const std::optional<qint64> id = protocol::userIdFromJson(value);
        if (!id)
            return ApiError::BadRequest;
        if (!marks.seqIds.contains(*id))
            marks.seqIds.append(*id);
    }
    return marks;
}

void markRead(ApiContext &api, HttpRequest &request, const Responder &respond)
{
    api.withTopicAnd<ReadMarks>(
        request, respond, parseReads(request),
        [&api, respond](const AuthResult &user, const TopicAccess &topic, const ReadMarks &marks) {
            if (marks.seqIds.isEmpty() && marks.upTo == 0) {
                respond(HttpResponse::success(200, {{QStringLiteral("seq_ids"), QJsonArray()}}));
                return;
            }
            api.chat.markRead(
                user.userId, topic.topicId, topic.peerId, marks.seqIds, marks.upTo,
                [respond](StorageResult<QVector<qint64>> result) {
                    if (!result.ok) {
                        respond(HttpResponse::error(ApiError::ServerInternalError));
                        return;
                    }
                    QJsonArray changed;
                    for (const qint64 seqId : result.value)
                        changed.append(seqId);
                    respond(HttpResponse::success(200, {{QStringLiteral("seq_ids"), changed}}));
                });
        });
}

Parsed<bool> parseTyping(const HttpRequest &request)
{
    const std::optional<QJsonObject> body = jsonObjectBody(request);
    const QJsonValue typing = body ? body->value(QLatin1String("typing")) : QJsonValue();
    return typing.isBool() ? Parsed<bool>(typing.toBool()) : ApiError::BadRequest;
}

void setTyping(ApiContext &api, HttpRequest &request, const Responder &respond)
{
    api.withTopicAnd<bool>(
        request, respond, parseTyping(request),
        [&api, respond](const AuthResult &user, const TopicAccess &topic, bool typing) {
            api.store<bool>(
                respond,
                [user, topic](Storage &storage) {
                    return storage.topicExists(user.userId, topic.peerId);
                },
                [&api, respond, user, topic, typing](bool exists) {
                    if (!exists) {
                        respond(HttpResponse::error(ApiError::NotFound));
                        return;
                    }
                    api.chat.setTyping(user.userId, topic.topicId, topic.peerId, typing);
                    respond(HttpResponse::success(200, {}));
                });
        });
}
} // namespace

void registerMessageRoutes(Router &router, ApiContext &api)
{
    addRoute(router, api, "POST", QStringLiteral("/chat/topics/{topic_id}/messages"), sendMessage);
    addRoute(router, api, "GET", QStringLiteral("/chat/topics/{topic_id}/messages"), listMessages);
    addRoute(router, api, "POST", QStringLiteral("/chat/topics/{topic_id}/reads"), markRead);
    addRoute(router, api, "POST", QStringLiteral("/chat/topics/{topic_id}/typing"), setTyping);
}

} // namespace harajchat
