#include "app/Logging.h"

Q_LOGGING_CATEGORY(lcAdmin, "harajchat.admin", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "harajchat.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "harajchat.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCluster, "harajchat.cluster", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "harajchat.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWs, "harajchat.ws", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPresence, "harajchat.presence", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPush, "harajchat.push", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "harajchat.storage", QtInfoMsg)
