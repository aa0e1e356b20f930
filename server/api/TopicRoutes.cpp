#include "api/ApiContext.h"
#include "protocol/Ids.h"

#include <QJsonArray>

namespace harajchat {

using protocol::ApiError;

namespace {
const QLatin1String TopicIdKey("topic_id");

void openTopic(ApiContext &api, HttpRequest &request, const Responder &respond)
{
    const std::optional<QJsonObject> body = jsonObjectBody(request);
    const std::optional<qint64> peerId =
        body ? protocol::userIdFromJson(body->value(QLatin1String("peer_id"))) : std::nullopt;
    if (!peerId) {
        respond(HttpResponse::error(ApiError::BadRequest));
        return;
    }
    api.withUser(request, respond, [&api, respond, peerId = *peerId](const AuthResult &user) {
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
    return {{TopicIdKey, topic.topicId},
            {QStringLiteral("peer_id"), topic.peerId},
            {QStringLiteral("peer_name"), topic.peerName},
            {QStringLiteral("last_message"), QJsonValue::Null},
            {QStringLiteral("unread"), 0}};
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
    router.add("POST", QStringLiteral("/chat/topics"),
               [&api](HttpRequest &request, const Responder &respond) {
                   openTopic(api, request, respond);
               });
    router.add("GET", QStringLiteral("/chat/topics"),
               [&api](HttpRequest &request, const Responder &respond) {
                   listTopics(api, request, respond);
               });
}

} // namespace harajchat
