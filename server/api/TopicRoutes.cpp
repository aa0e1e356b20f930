#include "api/ApiContext.h"
#include "chat/ChatService.h"
#include "protocol/Ids.h"

#include <QJsonArray>

namespace harajchat {

using protocol::ApiError;

namespace {
const QLatin1String TopicIdKey("topic_id");

Parsed<qint64> parsePeerId(const HttpRequest &request)
{
    const std::optional<QJsonObject> body = jsonObjectBody(request);
    const std::optional<qint64> peerId =
        body ? protocol::userIdFromJson(body->value(QLatin1String("peer_id"))) : std::nullopt;
    return peerId ? Parsed<qint64>(*peerId) : ApiError::BadRequest;
}

void openTopic(ApiContext &api, HttpRequest &request, const Responder &respond)
{
    api.withUserAnd<qint64>(
        request, respond, parsePeerId(request),
        [&api, respond](const AuthResult &user, qint64 peerId) {
            if (peerId == user.userId) {
                respond(HttpResponse::error(ApiError::ForbiddenAccess));
                return;
            }
            enum Outcome
            {
                UnknownPeer,
                Existed,
                Created
            };
            api.store<Outcome>(
                respond,
                [userId = user.userId, peerId](Storage &storage) {
                    if (!storage.userById(peerId))
                        return UnknownPeer;
                    return storage.ensureTopic(userId, peerId) ? Created : Existed;
                },
                [respond, userId = user.userId, peerId](Outcome outcome) {
                    if (outcome == UnknownPeer) {
                        respond(HttpResponse::error(ApiError::NotFound));
                        return;
                    }
                    respond(HttpResponse::success(
                        outcome == Created ? 201 : 200,
                        {{TopicIdKey, protocol::p2pTopicId(userId, peerId)},
                         {QStringLiteral("members"),
                          QJsonArray{qMin(userId, peerId), qMax(userId, peerId)}}}));
                });
        });
}

QJsonObject topicJson(const TopicSummary &topic)
{
    const QJsonValue lastMessage =
        topic.lastMessage ? QJsonValue(ChatService::toChatMessage(*topic.lastMessage).toJson())
                          : QJsonValue(QJsonValue::Null);
    return {{TopicIdKey, topic.topicId},
            {QStringLiteral("peer_id"), topic.peerId},
            {QStringLiteral("peer_name"), topic.peerName},
            {QStringLiteral("last_message"), lastMessage},
            {QStringLiteral("unread"), topic.unread}};
}

void listTopics(ApiContext &api, HttpRequest &request, const Responder &respond)
{
    api.withUser(request, respond, [&api, respond](const AuthResult &user) {
        api.store<QVector<TopicSummary>>(
            respond, [userId = user.userId](Storage &storage) { return storage.topicsOf(userId); },
            [respond](const QVector<TopicSummary> &topics) {
                QJsonArray list;
                for (const TopicSummary &topic : topics)
                    list.append(topicJson(topic));
                respond(HttpResponse::success(200, {{QStringLiteral("topics"), list}}));
            });
    });
}
} // namespace

void registerTopicRoutes(Router &router, ApiContext &api)
{
    addRoute(router, api, "POST", QStringLiteral("/chat/topics"), openTopic);
    addRoute(router, api, "GET", QStringLiteral("/chat/topics"), listTopics);
}

} // namespace harajchat
