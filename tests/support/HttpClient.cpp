#include "HttpClient.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

namespace harajchat::test {

HttpResult HttpClient::send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                            const QByteArray &token)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply = m_manager.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    HttpResult result;
    if (!reply->isFinished() && !finished.wait(10000)) {
        reply->deleteLater();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    for (const auto &header : reply->rawHeaderPairs())
        result.headers.insert(header.first.toLower(), header.second);
    reply->deleteLater();
    return result;
}

HttpResult HttpClient::post(const QUrl &url, const QJsonObject &body, const QByteArray &token)
{
    return send("POST", url, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

std::optional<QSet<qint64>> HttpClient::postAllAtOnce(const QList<QPair<QUrl, QByteArray>> &posts,
                                                      const QByteArray &token)
{
    QList<Post> withTokens;
    for (const auto &[url, body] : posts)
        withTokens.append({url, body, token});
    return postAllAtOnce(withTokens);
}

std::optional<QSet<qint64>> HttpClient::postAllAtOnce(const QList<Post> &posts)
{
    QList<QNetworkReply *> replies;
    for (const Post &post : posts) {
        QNetworkRequest request(post.url);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + post.token);
        replies.append(m_manager.post(request, post.body));
    }
    QSet<qint64> seqIds;
    bool all201 = true;
    for (QNetworkReply *reply : std::as_const(replies)) {
        all201 = all201 && QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000) &&
                 reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201;
        seqIds.insert(QJsonDocument::fromJson(reply->readAll())
                          .object()
                          .value(QLatin1String("data"))
                          .toObject()
                          .value(QLatin1String("seq_id"))
                          .toInteger());
        reply->deleteLater();
    }
    return all201 ? std::optional(seqIds) : std::nullopt;
}

bool isEnvelope(const HttpResult &result)
{
    const bool hasTs = result.json.value(QLatin1String("ts")).toString().endsWith(QLatin1Char('Z'));
    const bool statusMatches = result.json.value(QLatin1String("status")).toInt() == result.status;
    const bool shaped = result.status < 400 ? result.json.value(QLatin1String("data")).isObject()
                                            : result.json.value(QLatin1String("err")).isString();
    return hasTs && statusMatches && shaped;
}

} // namespace harajchat::test
