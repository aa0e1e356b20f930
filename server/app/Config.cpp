#include "app/Config.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStringList>
#include <functional>
#include <map>

namespace harajchat {

std::optional<qint64> parseDurationMs(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,9})\\s*(ms|s|m|h)?\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 amount = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    if (unit == QLatin1String("ms"))
        return amount;
    if (unit == QLatin1String("m"))
        return amount * 60 * 1000;
    if (unit == QLatin1String("h"))
        return amount * 3600 * 1000;
    return amount * 1000;
}

bool parseListenAddress(const QString &text, QHostAddress *address, quint16 *port)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(?:\\[([^\\]]+)\\]|([^:\\[\\]]*))?:?(\\d{1,5})$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return false;
    const QString host = match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
    const uint portNumber = match.captured(3).toUInt();
    if (portNumber > 65535)
        return false;
    QHostAddress parsed(QHostAddress::Any);
    if (host == QLatin1String("localhost"))
        parsed = QHostAddress(QHostAddress::LocalHost);
    else if (!host.isEmpty() && host != QLatin1String("*") && !parsed.setAddress(host))
        return false;
    *address = parsed;
    *port = quint16(portNumber);
    return true;
}

namespace {

using Setter = std::function<bool(ServerConfig &, const QString &)>;

bool setDuration(qint64 &target, const QString &value)
{
    const std::optional<qint64> ms = parseDurationMs(value);
    if (!ms || *ms <= 0)
        return false;
    target = *ms;
    return true;
}

Setter duration(qint64 ServerConfig::*field)
{
    return [field](ServerConfig &config, const QString &value) {
        return setDuration(config.*field, value);
    };
}

Setter pushDuration(qint64 PushSettings::*field)
{
    return [field](ServerConfig &config, const QString &value) {
        return setDuration(config.push.*field, value);
    };
}

template <typename Int> Setter positive(Int ServerConfig::*field)
{
    return [field](ServerConfig &config, const QString &value) {
        bool ok = false;
        const qint64 number = value.trimmed().toLongLong(&ok);
        if (!ok || number <= 0)
            return false;
        config.*field = Int(number);
        return true;
    };
}

// A positive number, or `word` standing for `wordValue`.
Setter positiveOr(int ServerConfig::*field, const char *word, int wordValue)
{
    return [field, word, wordValue](ServerConfig &config, const QString &value) {
        if (value.trimmed() == QLatin1String(word)) {
            config.*field = wordValue;
            return true;
        }
        return positive(field)(config, value);
    };
}

Setter text(QString ServerConfig::*field)
{
    return [field](ServerConfig &config, const QString &value) {
        config.*field = value;
        return true;
    };
}

Setter clusterDuration(qint64 ClusterSettings::*field)
{
    return [field](ServerConfig &config, const QString &value) {
        return setDuration(config.cluster.*field, value);
    };
}

Setter postgresText(QString PostgresSettings::*field)
{
    return [field](ServerConfig &config, const QString &value) {
        config.postgres.*field = value.trimmed();
        return true;
    };
}

const std::map<QString, Setter> &settersByKey()
{
    static const std::map<QString, Setter> setters{
        {QStringLiteral("server/listen"),
         [](ServerConfig &config, const QString &value) {
             return parseListenAddress(value, &config.listenAddress, &config.listenPort);
         }},
        {QStringLiteral("storage/driver"),
         [](ServerConfig &config, const QString &value) {
             config.storageDriver = value.trimmed().toLower();
             return config.storageDriver == QLatin1String("sqlite") ||
                    config.storageDriver == QLatin1String("postgres");
         }},
        {QStringLiteral("storage/commit_delay"),
         [](ServerConfig &config, const QString &value) {
             // 0 is allowed: each commit starts as soon as the previous one is done.
             const std::optional<qint64> ms = parseDurationMs(value);
             config.commitDelayMs = ms;
             return ms && *ms <= 1000;
         }},
        {QStringLiteral("storage/host"), postgresText(&PostgresSettings::host)},
        {QStringLiteral("storage/port"),
         [](ServerConfig &config, const QString &value) {
             bool ok = false;
             config.postgres.port = value.trimmed().toInt(&ok);
             return ok && config.postgres.port > 0 && config.postgres.port < 65536;
         }},
        {QStringLiteral("storage/database"), postgresText(&PostgresSettings::database)},
        {QStringLiteral("storage/user"), postgresText(&PostgresSettings::user)},
        {QStringLiteral("storage/password"), postgresText(&PostgresSettings::password)},
        {QStringLiteral("storage/options"), postgresText(&PostgresSettings::options)},
        {QStringLiteral("cluster/heartbeat_interval"),
         clusterDuration(&ClusterSettings::heartbeatIntervalMs)},
        {QStringLiteral("cluster/node_timeout"), clusterDuration(&ClusterSettings::nodeTimeoutMs)},
        {QStringLiteral("storage/path"), text(&ServerConfig::databasePath)},
        {QStringLiteral("storage/synchronous"),
         [](ServerConfig &config, const QString &value) {
             config.sqliteSynchronous = value.trimmed().toUpper();
             return QStringList{QStringLiteral("OFF"), QStringLiteral("NORMAL"),
                                QStringLiteral("FULL"), QStringLiteral("EXTRA")}
                 .contains(config.sqliteSynchronous);
         }},
        {QStringLiteral("auth/jwt_secret"),
         [](ServerConfig &config, const QString &value) {
             config.jwtSecret = value.toUtf8();
             return true;
         }},
        {QStringLiteral("auth/password_iterations"), positive(&ServerConfig::passwordIterations)},
        {QStringLiteral("socket/auth_timeout"), duration(&ServerConfig::authTimeoutMs)},
        {QStringLiteral("socket/max_auth_failures"), positive(&ServerConfig::maxAuthFailures)},
        {QStringLiteral("socket/ping_interval"), duration(&ServerConfig::pingIntervalMs)},
        {QStringLiteral("socket/pong_timeout"), duration(&ServerConfig::pongTimeoutMs)},
        {QStringLiteral("socket/max_frame_bytes"), positive(&ServerConfig::maxFrameBytes)},
        {QStringLiteral("socket/max_send_buffer_bytes"),
         positive(&ServerConfig::maxSendBufferBytes)},
        {QStringLiteral("http/max_body_bytes"), positive(&ServerConfig::maxBodyBytes)},
        {QStringLiteral("http/max_header_bytes"), positive(&ServerConfig::maxHeaderBytes)},
        {QStringLiteral("http/idle_timeout"), duration(&ServerConfig::httpIdleTimeoutMs)},
        {QStringLiteral("http/max_connections"),
         positiveOr(&ServerConfig::maxConnections, "auto", 0)},
        // 0: no cap per address (behind a proxy, every client has the proxy's address).
        {QStringLiteral("http/max_connections_per_ip"),
         positiveOr(&ServerConfig::maxConnectionsPerIp, "0", 0)},
        {QStringLiteral("server/shutdown_grace"), duration(&ServerConfig::shutdownGraceMs)},
        {QStringLiteral("chat/typing_timeout"), duration(&ServerConfig::typingTimeoutMs)},
        {QStringLiteral("chat/max_content_bytes"), positive(&ServerConfig::maxContentBytes)},
        {QStringLiteral("chat/dedupe_window"), duration(&ServerConfig::dedupeWindowMs)},
        {QStringLiteral("push/transport"),
         [](ServerConfig &config, const QString &value) {
             config.push.transport = value.trimmed().toLower();
             return config.push.transport == QLatin1String("fcm-v1") ||
                    config.push.transport == QLatin1String("fcm-legacy");
         }},
        {QStringLiteral("push/endpoint"),
         [](ServerConfig &config, const QString &value) {
             config.push.endpoint = QUrl(value.trimmed());
             return config.push.endpoint.isValid() && !config.push.endpoint.scheme().isEmpty();
         }},
        {QStringLiteral("push/credentials"),
         [](ServerConfig &config, const QString &value) {
             config.push.credentialsPath = value.trimmed();
             return true;
         }},
        {QStringLiteral("push/token_uri"),
         [](ServerConfig &config, const QString &value) {
             config.push.tokenUri = value.trimmed();
             return true;
         }},
        {QStringLiteral("push/server_key"),
         [](ServerConfig &config, const QString &value) {
             config.push.serverKey = value.trimmed().toUtf8();
             return true;
         }},
        {QStringLiteral("push/default_body"),
         [](ServerConfig &config, const QString &value) {
             config.push.defaultBody = value;
             return !value.isEmpty();
         }},
        {QStringLiteral("push/ttl"), pushDuration(&PushSettings::ttlMs)},
        {QStringLiteral("push/retry_base"), pushDuration(&PushSettings::retryBaseMs)},
        {QStringLiteral("push/retry_cap"), pushDuration(&PushSettings::retryCapMs)},
        {QStringLiteral("push/poll_interval"), pushDuration(&PushSettings::pollIntervalMs)},
        {QStringLiteral("push/max_outbox"),
         [](ServerConfig &config, const QString &value) {
             bool ok = false;
             config.push.maxOutbox = value.trimmed().toInt(&ok);
             return ok && config.push.maxOutbox > 0;
         }},
        {QStringLiteral("push/max_in_flight"),
         [](ServerConfig &config, const QString &value) {
             bool ok = false;
             config.push.maxInFlight = value.trimmed().toInt(&ok);
             return ok && config.push.maxInFlight > 0 && config.push.maxInFlight <= 10000;
         }},
        {QStringLiteral("push/request_timeout"), pushDuration(&PushSettings::requestTimeoutMs)},
        {QStringLiteral("admin/listen"),
         [](ServerConfig &config, const QString &value) {
             config.admin.enabled = value.trimmed() != QLatin1String("off");
             return !config.admin.enabled ||
                    parseListenAddress(value, &config.admin.address, &config.admin.port);
         }},
        {QStringLiteral("admin/token"),
         [](ServerConfig &config, const QString &value) {
             config.admin.token = value.trimmed().toUtf8();
             return true;
         }},
        {QStringLiteral("admin/counters_interval"),
         [](ServerConfig &config, const QString &value) {
             return setDuration(config.admin.countersIntervalMs, value);
         }},
        {QStringLiteral("log/rules"), text(&ServerConfig::logRules)},
    };
    return setters;
}

} // namespace

std::optional<ServerConfig> loadConfig(const QString &iniPath, QString *error)
{
    ServerConfig config;
    if (iniPath.isEmpty())
        return config;
    QSettings settings(iniPath, QSettings::IniFormat);
    if (!QFileInfo(iniPath).isReadable() || settings.status() != QSettings::NoError) {
        *error = QStringLiteral("cannot read config file %1").arg(iniPath);
        return std::nullopt;
    }
    for (const QString &key : settings.allKeys()) {
        const auto setter = settersByKey().find(key);
        // QSettings splits unquoted commas into a list; join it back for free-text values.
        const QVariant raw = settings.value(key);
        const QString value =
            raw.canConvert<QStringList>() && raw.userType() == QMetaType::QStringList
                ? raw.toStringList().join(QLatin1Char(','))
                : raw.toString();
        if (setter == settersByKey().end()) {
            *error = QStringLiteral("%1: unknown key %2").arg(iniPath, key);
            return std::nullopt;
        }
        if (!setter->second(config, value)) {
            *error = QStringLiteral("%1: invalid value for %2: %3").arg(iniPath, key, value);
            return std::nullopt;
        }
    }
    // A node is reaped once silent for node_timeout less a heartbeat (so its death is noticed
    // within node_timeout): that must leave room for a few heartbeats.
    if (config.cluster.nodeTimeoutMs < 3 * config.cluster.heartbeatIntervalMs) {
        *error = QStringLiteral("%1: cluster/node_timeout must be at least three "
                                "cluster/heartbeat_interval")
                     .arg(iniPath);
        return std::nullopt;
    }
    return config;
}

} // namespace harajchat
