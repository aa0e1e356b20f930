#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSet>
#include <QUrl>
#include <optional>

namespace harajchat::test {

struct HttpResult
{
    int status = 0; // 0: no answer (network error or timeout)
    QJsonObject json;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
};

// A real HTTP client (QNetworkAccessManager) that waits for each answer.
class HttpClient
{
public:
    HttpResult send(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                    const QByteArray &token = {});
    HttpResult get(const QUrl &url, const QByteArray &token = {})
    {
        return send("GET", url, {}, token);
    }
    HttpResult post(const QUrl &url, const QJsonObject &body, const QByteArray &token = {});
    // Posts every (url, body) at once, so many are in flight together, and waits for all answers.
    // The `seq_id`s of the 201 answers (a set: one handed out twice shows as a smaller set), or
    // nullopt when an answer is missing or is not 201.
    std::optional<QSet<qint64>> postAllAtOnce(const QList<QPair<QUrl, QByteArray>> &posts,
                                              const QByteArray &token);
    // The same with a token of its own for each post.
    struct Post
    {
        QUrl url;
        QByteArray body;
        QByteArray token;
    };
    std::optional<QSet<qint64>> postAllAtOnce(const QList<Post> &posts);

private:
    QNetworkAccessManager m_manager;
};

// Checks the contract's envelope: status field equals the HTTP status, `ts` present, and `err`
// for errors.
bool isEnvelope(const HttpResult &result);

} // namespace harajchat::test
