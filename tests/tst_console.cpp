// The console's widgets (offscreen) against a real daemon started in the test.
#include "TestServer.h"
#include "WsClient.h"
#include "app/Bidi.h"
#include "app/Language.h"
#include "ui/ConnectDialog.h"
#include "ui/CountersPanel.h"
#include "ui/EventLogView.h"
#include "ui/MainWindow.h"
#include "ui/PacketComposer.h"
#include "ui/SessionsView.h"
#include "ui/UserView.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace harajchat;
using namespace harajchat::console;
using namespace harajchat::test;

namespace {
const QString AdminToken = QStringLiteral("console-token");
}

class ConsoleTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<Language> m_language;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_alice = 0;

    QStringList eventLines() const
    {
        QStringList lines;
        for (int row = 0; row < m_window->events().rowCount(); ++row)
            lines.append(m_window->events().index(row).data().toString());
        return lines;
    }

    QAction *disconnectAction() const
    {
        return m_window->findChild<QAction *>(QStringLiteral("disconnect"));
    }

    bool showsStaleData() const
    {
        return !m_window->isLive() && !m_window->sessionsView().isEnabled() &&
               m_window->findChild<QLabel *>(QStringLiteral("staleNotice"))->isVisible();
    }

    // Answers the question box the next call opens, as the operator would.
    static void answerNextQuestion(QMessageBox::StandardButton answer)
    {
        QTimer::singleShot(0, [answer] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            box->button(answer)->click();
        });
    }

    bool connectWindow()
    {
        m_window->connectTo(m_server->adminUrl(), AdminToken);
        return QTest::qWaitFor(
            [this] { return m_window->client().state() == AdminClient::State::Connected; });
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings away from the user's own
        QCoreApplication::setOrganizationName(QStringLiteral("HarajTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_console"));
    }

    void init()
    {
        m_server = std::make_unique<TestServer>([](ServerConfig &config) {
            config.admin.token = AdminToken.toUtf8();
            config.admin.countersIntervalMs = 100;
        });
        m_alice = m_server->addUser(QStringLiteral("alice"));
        m_language = std::make_unique<Language>();
        m_language->choose(QStringLiteral("en"));
        m_window = std::make_unique<MainWindow>(*m_language);
        m_window->show();
    }

    void cleanup()
    {
        m_window.reset();
        m_server.reset();
        m_language.reset();
    }

    void sessionAppearsAndDisappears()
    {
        QVERIFY(connectWindow());
        QCOMPARE(m_window->sessions().rowCount(), 0);
        auto alice = m_server->connectAs(m_alice);
        QVERIFY(alice);
        QTRY_COMPARE(m_window->sessions().rowCount(), 1);
        const QModelIndex user = m_window->sessions().index(0, SessionModel::UserColumn);
        QTRY_COMPARE(user.data(SessionModel::SortRole).toLongLong(), m_alice);
        QCOMPARE(m_window->sessions().index(0, SessionModel::NameColumn).data().toString(),
                 QStringLiteral("alice"));
        QTRY_COMPARE(m_window->onlineUsers().rowCount(), 1);
        // Online users show their name once a session carries it; ids never get separators.
        QTRY_COMPARE(m_window->onlineUsers().index(0).data().toString(),
                     QStringLiteral("%1  alice").arg(m_alice));
        QVERIFY(m_window->tabs().tabText(1).contains(QLatin1String("(1)")));
        // In Arabic too, a row's ids and time use one kind of digits, the time isolated left to
        // right.
        m_language->choose(QStringLiteral("ar"));
        const QRegularExpression latinTime(
            QStringLiteral("^\u2066\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\u2069$"));
        QVERIFY(
            latinTime
                .match(
                    m_window->sessions().index(0, SessionModel::ConnectedColumn).data().toString())
                .hasMatch());
        m_language->choose(QStringLiteral("en"));
        // Filtering hides what does not match.
        m_window->sessionsView().setFilter(QStringLiteral("nobody"));
        QCOMPARE(m_window->sessionsView().visibleCount(), 0);
        m_window->sessionsView().setFilter(QStringLiteral("alice"));
        QCOMPARE(m_window->sessionsView().visibleCount(), 1);

        alice->close();
        QTRY_COMPARE(m_window->sessions().rowCount(), 0);
        QTRY_COMPARE(m_window->onlineUsers().rowCount(), 0);
    }

    void closingASessionAsksAndSelectsNothingAfter()
    {
        QVERIFY(connectWindow());
        auto alice = m_server->connectAs(m_alice);
        auto alicePhone = m_server->connectAs(m_alice);
        QVERIFY(alice && alicePhone);
        QTRY_COMPARE(m_window->sessions().rowCount(), 2);
        SessionsView &view = m_window->sessionsView();
        QVERIFY(view.selectSession(m_window->sessions().sessionAt(0).sessionId));
        QVERIFY(view.canClose());

        answerNextQuestion(QMessageBox::No);
        view.closeSelected();
        QVERIFY(alice->nothingElseReceived());
        QCOMPARE(m_window->sessions().rowCount(), 2);

        answerNextQuestion(QMessageBox::Yes);
        view.closeSelected();
        QTRY_COMPARE(m_window->sessions().rowCount(), 1);
        // The other session is not selected in its place: a second click closes nothing.
        QVERIFY(!view.selectedSession());
        QVERIFY(!view.canClose());

        // Without a connection there is nothing to close with.
        QVERIFY(view.selectSession(m_window->sessions().sessionAt(0).sessionId));
        QVERIFY(view.canClose());
        m_window->client().disconnectFromServer();
        QVERIFY(!view.canClose());
    }

    void onlineUsersSortAsNumbersAndPickTheComposerTarget()
    {
        OnlineUsersModel &online = m_window->onlineUsers();
        online.reset({1012, 123456789, 20});
        online.setOnline(300, true);
        QList<qint64> shown;
        for (int row = 0; row < online.rowCount(); ++row)
            shown.append(online.userIdAt(row));
        QCOMPARE(shown, (QList<qint64>{20, 300, 1012, 123456789}));
        QCOMPARE(online.index(3).data().toString(), QStringLiteral("123456789"));
        m_window->composeFor(1012);
        QCOMPARE(m_window->tabs().currentWidget(), &m_window->composer());
        QCOMPARE(m_window->composer().targetUser(), 1012);
    }

    void authenticationIsLoggedOnce()
    {
        const qint64 bob = m_server->addUser(QStringLiteral("bob"));
        m_server->addTopic(m_alice, bob);
        QVERIFY(connectWindow());
        auto alice = m_server->connectAs(m_alice);
        QVERIFY(alice);
        const QJsonObject listen{
            {QStringLiteral("listen"), QJsonObject{{QStringLiteral("id"), QStringLiteral("l")},
                                                   {QStringLiteral("peer_id"), bob}}}};
        QVERIFY(!alice->command(listen).isEmpty());
        QTRY_COMPARE(m_window->sessions().index(0, SessionModel::ListeningColumn).data().toString(),
                     QString::number(bob));
        QCOMPARE(eventLines().filter(QLatin1String("is user")).size(), 1);
    }

    void userViewShowsOneUser()
    {
        const qint64 bob = m_server->addUser(QStringLiteral("bob"));
        m_server->addTopic(m_alice, bob);
        QVERIFY(connectWindow());
        auto alice = m_server->connectAs(m_alice);
        auto alicePhone = m_server->connectAs(m_alice);
        auto bobSocket = m_server->connectAs(bob);
        QVERIFY(alice && alicePhone && bobSocket);
        QVERIFY(!alice
                     ->command({{QStringLiteral("listen"),
                                 QJsonObject{{QStringLiteral("id"), QStringLiteral("l")},
                                             {QStringLiteral("peer_id"), bob}}}})
                     .isEmpty());
        m_window->showUser(m_alice);
        UserView &view = m_window->userView();
        QCOMPARE(m_window->tabs().currentWidget(), &view);
        QTRY_COMPARE(view.sessionCount(), 2); // bob's socket is not hers
        QVERIFY(view.summaryText().contains(QLatin1String("alice")));
        QVERIFY(view.summaryText().contains(QLatin1String("2 sockets")));
        QTRY_VERIFY(view.listeningText().endsWith(QString::number(bob)));
        // Her events only: online, and each socket authenticating.
        QTRY_COMPARE(view.eventCount(), 3);
        alicePhone->close();
        QTRY_COMPARE(view.sessionCount(), 1);
        QTRY_COMPARE(view.eventCount(), 4); // the closed session is about her too
        view.findChild<QPushButton *>()->click();
        QCOMPARE(m_window->composer().targetUser(), m_alice);
    }

    void composedPacketReachesTheClient()
    {
        QVERIFY(connectWindow());
        auto alice = m_server->connectAs(m_alice);
        QVERIFY(alice);
        PacketComposer &composer = m_window->composer();
        composer.setTargetUser(m_alice);
        composer.chooseTemplate(4); // Presence: typing
        const QJsonObject packet = QJsonDocument::fromJson(composer.packetText().toUtf8()).object();
        QCOMPARE(
            packet.value(QLatin1String("pres")).toObject().value(QLatin1String("what")).toString(),
            QStringLiteral("typing"));
        QVERIFY(composer.isSendable());
        composer.send();
        QCOMPARE(alice->next(), packet);

        // Broken JSON and non-packets cannot be sent.
        composer.setPacketText(QStringLiteral("{\"pres\": "));
        QVERIFY(!composer.isSendable());
        composer.setPacketText(QStringLiteral("{\"hello\": {}}"));
        QVERIFY(!composer.isSendable());
    }

    void packetToNobodyIsReportedAsSuch()
    {
        QVERIFY(connectWindow());
        PacketComposer &composer = m_window->composer();
        composer.setTargetUser(m_alice); // not online
        composer.chooseTemplate(4);
        composer.send();
        QTRY_VERIFY(composer.resultText().startsWith(QLatin1String("Nothing sent")));
        auto alice = m_server->connectAs(m_alice);
        QVERIFY(alice);
        QTRY_COMPARE(m_window->onlineUsers().rowCount(), 1);
        composer.send();
        QTRY_VERIFY(composer.resultText().contains(QLatin1String("on 1 socket")));
    }

    void unchangedTemplateGetsTheCurrentTime()
    {
        PacketComposer &composer = m_window->composer();
        const auto reopenComposer = [this, &composer] {
            m_window->tabs().setCurrentIndex(0);
            m_window->tabs().setCurrentWidget(&composer);
            return composer.packetText();
        };
        const QString first = reopenComposer();
        QTRY_VERIFY(reopenComposer() != first);
        // What the operator edited stays.
        const QString edited = first + QLatin1Char(' ');
        composer.setPacketText(edited);
        QCOMPARE(reopenComposer(), edited);
    }

    void counterHistoryKeepsTheLastMinutes()
    {
        CounterHistory history;
        admin::Counters counters;
        counters.sockets = 3;
        counters.push = {{QStringLiteral("queued"), 10},
                         {QStringLiteral("sent"), 4},
                         {QStringLiteral("failed"), 1},
                         {QStringLiteral("dropped"), 0}};
        const qint64 start = 1'000'000;
        history.add(start, counters);
        counters.push[QStringLiteral("failed")] = 3;
        history.add(start + 2000, counters); // two failures in two seconds
        QCOMPARE(history.points(CounterHistory::PushOutbox).last().value, 10.0 - 4 - 3);
        QCOMPARE(history.points(CounterHistory::PushFailuresPerSecond).last().value, 1.0);
        QCOMPARE(history.points(CounterHistory::Sockets).last().value, 3.0);
        // Older than the window: gone.
        counters.push = {}; // push turned off
        history.add(start + 2000 + CounterHistory::WindowMs, counters);
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.points(CounterHistory::Sockets).size(), 2);
        QCOMPARE(history.points(CounterHistory::PushOutbox).size(), 1);
    }

    void chartsFollowTheLiveCounters()
    {
        QVERIFY(connectWindow());
        auto alice = m_server->connectAs(m_alice);
        QVERIFY(alice);
        QTRY_VERIFY(m_window->counterHistory().points(CounterHistory::Sockets).size() >= 2);
        QTRY_COMPARE(m_window->counterHistory().points(CounterHistory::UsersOnline).last().value,
                     1.0);
        // The test daemon runs without push: no push points.
        QVERIFY(m_window->counterHistory().points(CounterHistory::PushOutbox).isEmpty());
    }

    void eventLogPausesFiltersAndExports()
    {
        QVERIFY(connectWindow());
        EventLogModel &events = m_window->events();
        events.clear();
        events.setPaused(true);
        auto alice = m_server->connectAs(m_alice);
        QVERIFY(alice);
        QTRY_VERIFY(events.waitingCount() > 0);
        QCOMPARE(events.rowCount(), 0);
        events.setPaused(false);
        QVERIFY(events.rowCount() > 0);
        m_window->eventLogView().setFilter(QStringLiteral("is user"));
        // The authentication may come a moment after the first event that was held.
        QTRY_COMPARE(m_window->eventLogView().visibleCount(), 1);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("events.txt"));
        QVERIFY(m_window->eventLogView().exportTo(path));
        QFile exported(path);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QByteArray lines = exported.readAll();
        QVERIFY(lines.contains("is user 1 (alice)"));
        // Each exported line says its day, not only its time.
        QVERIFY(lines.startsWith(QDate::currentDate().toString(Qt::ISODate).toUtf8() + ' '));
        // Bidi isolates order the screen only.
        EventLogModel log;
        log.append(QStringLiteral("To user 1: ") + leftToRight(QStringLiteral("{}")));
        QVERIFY(log.index(0).data().toString().contains(QChar(0x2066)));
        QVERIFY(log.index(0)
                    .data(EventLogModel::ExportRole)
                    .toString()
                    .endsWith(QLatin1String("  To user 1: {}")));
    }

    void tokenIsRememberedOnlyOnceAccepted()
    {
        QSettings().clear();
        m_window->connectTo(m_server->adminUrl(), QStringLiteral("wrong"), true);
        QTRY_COMPARE(m_window->client().state(), AdminClient::State::Refused);
        QUrl url;
        QString token;
        QVERIFY(!ConnectDialog::remembered(&url, &token));
        m_window->connectTo(m_server->adminUrl(), AdminToken, true);
        QTRY_COMPARE(m_window->client().state(), AdminClient::State::Connected);
        QVERIFY(ConnectDialog::remembered(&url, &token));
        QCOMPARE(url, m_server->adminUrl());
        QCOMPARE(token, AdminToken);
        // Not asked to remember it: a remembered token is forgotten.
        m_window->connectTo(m_server->adminUrl(), AdminToken, false);
        QTRY_VERIFY(!ConnectDialog::remembered(&url, &token));
    }

    void connectDialogShowsTheWholeUrlLeftToRight()
    {
        m_language->choose(QStringLiteral("ar"));
        ConnectDialog dialog(m_window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("url"));
        QCOMPARE(dialog.layoutDirection(), Qt::RightToLeft);
        QCOMPARE(url->layoutDirection(), Qt::LeftToRight);
        url->setText(QStringLiteral("wss://192.168.100.200:8081/"));
        QVERIFY(url->width() > url->fontMetrics().horizontalAdvance(url->text()));
    }

    void pushOffIsOneRow()
    {
        QVERIFY(connectWindow()); // the test daemon runs without push
        QVERIFY(m_window->counters().showsPushOff());
    }

    void arabicLaysTheWindowOutRightToLeft()
    {
        const QString englishTitle = m_window->windowTitle();
        m_language->choose(QStringLiteral("ar"));
        QCOMPARE(QApplication::layoutDirection(), Qt::RightToLeft);
        QTRY_VERIFY(m_window->windowTitle() != englishTitle);
        QCOMPARE(m_window->windowTitle(), QString::fromUtf8("لوحة تحكم محادثة حراج"));
        QCOMPARE(m_window->layoutDirection(), Qt::RightToLeft);
        m_language->choose(QStringLiteral("en"));
        QCOMPARE(QApplication::layoutDirection(), Qt::LeftToRight);
        QTRY_COMPARE(m_window->windowTitle(), englishTitle);
    }

    void arabicHasItsSixPluralForms()
    {
        m_language->choose(QStringLiteral("ar"));
        const auto retrying = [](int seconds) {
            return QCoreApplication::translate("harajchat::console::MainWindow",
                                               "Connection to %1 lost; retrying in %Ln second(s)",
                                               nullptr, seconds);
        };
        // One, two, few (3..10), many (11..99) and other (100...) read differently.
        const QStringList forms{retrying(1), retrying(2), retrying(3), retrying(11), retrying(100)};
        QCOMPARE(QSet<QString>(forms.begin(), forms.end()).size(), forms.size());
        QVERIFY(retrying(1).contains(QString::fromUtf8("ثانية واحدة")));
        QVERIFY(retrying(2).contains(QString::fromUtf8("ثانيتين")));
        // Quantities follow the locale's digits.
        QVERIFY(retrying(4).contains(QString::fromUtf8("٤ ثوانٍ")));
    }

    void arabicTranslatesQtAndPacketProblems()
    {
        m_language->choose(QStringLiteral("ar"));
        QVERIFY(m_language->qtTranslationsLoaded());
        QDialogButtonBox buttons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Ok)->text(), QString::fromUtf8("حسنًا"));
        PacketComposer &composer = m_window->composer();
        composer.setPacketText(QStringLiteral("{\"hello\": {}}"));
        QVERIFY2(composer.statusText().contains(QString::fromUtf8("حزمة غير معروفة")),
                 qPrintable(composer.statusText()));
        composer.setPacketText(QStringLiteral("{\"pres\": "));
        QVERIFY2(!composer.statusText().contains(QLatin1String("illegal")) &&
                     composer.statusText().startsWith(QString::fromUtf8("ليس JSON")),
                 qPrintable(composer.statusText()));
    }

    void resultFollowsTheLanguage()
    {
        QVERIFY(connectWindow());
        PacketComposer &composer = m_window->composer();
        composer.setTargetUser(m_alice);
        composer.send();
        QTRY_VERIFY(composer.resultText().startsWith(QLatin1String("Nothing sent")));
        m_language->choose(QStringLiteral("ar"));
        QTRY_VERIFY(composer.resultText().startsWith(QString::fromUtf8("لم يُرسل شيء")));
    }

    void forwardArrowsPointLeftInArabic()
    {
        const auto sendIcon = [this] {
            return m_window->composer()
                .findChild<QPushButton *>(QStringLiteral("send"))
                ->icon()
                .pixmap(24)
                .toImage();
        };
        const QImage leftToRight = sendIcon();
        QVERIFY(!leftToRight.isNull()); // Qt SVG's plugins are there
        m_language->choose(QStringLiteral("ar"));
        QTRY_COMPARE(sendIcon(), leftToRight.mirrored(true, false));
    }

    void refusedTokenStopsRetrying()
    {
        QVERIFY(!disconnectAction()->isEnabled()); // "Not connected" at start
        QVERIFY(connectWindow());
        QVERIFY(disconnectAction()->isEnabled());
        QVERIFY(!showsStaleData());
        m_window->connectTo(m_server->adminUrl(), QStringLiteral("wrong"));
        QTRY_COMPARE(m_window->client().state(), AdminClient::State::Refused);
        QVERIFY(m_window->connectionText().contains(QLatin1String("refused")));
        QVERIFY(!disconnectAction()->isEnabled());
        // The old sessions and counters stay for reference, but greyed and marked as old.
        QVERIFY(showsStaleData());
        // Changing the token replaced the connection: nothing was lost.
        QVERIFY(!eventLines().join(u'\n').contains(QLatin1String("lost")));
    }

    void lostDaemonMarksTheDataStale()
    {
        QVERIFY(connectWindow());
        auto alice = m_server->connectAs(m_alice);
        QVERIFY(alice);
        QTRY_COMPARE(m_window->sessions().rowCount(), 1);
        m_server.reset();
        QTRY_COMPARE(m_window->client().state(), AdminClient::State::WaitingToReconnect);
        QVERIFY(m_window->client().lostConnection());
        QVERIFY(m_window->connectionText().contains(QLatin1String("lost")));
        QVERIFY(showsStaleData());
        QCOMPARE(m_window->sessions().rowCount(), 1);
    }

    void unreachableDaemonSaysWhy()
    {
        QTcpServer closedPort;
        QVERIFY(closedPort.listen(QHostAddress::LocalHost));
        const QUrl url(QStringLiteral("ws://127.0.0.1:%1/").arg(closedPort.serverPort()));
        closedPort.close();
        m_window->connectTo(url, AdminToken);
        QTRY_COMPARE(m_window->client().state(), AdminClient::State::WaitingToReconnect);
        QVERIFY(!m_window->client().lostConnection());
        QVERIFY(!m_window->client().lastError().isEmpty());
        const QString text = m_window->connectionText();
        QVERIFY2(text.contains(m_window->client().lastError()), qPrintable(text));
        // The URL is isolated left to right, so Arabic around it cannot reorder it.
        QVERIFY(text.contains(QChar(0x2066) + url.toString() + QChar(0x2069)));
        QVERIFY(disconnectAction()->isEnabled()); // the operator can stop the retries
    }

    void reconnectDoesNotReplayPresence()
    {
        auto alice = m_server->connectAs(m_alice);
        QVERIFY(alice);
        QVERIFY(connectWindow());
        QCOMPARE(m_window->onlineUsers().rowCount(), 1);
        // Users online before the console came are state, not events.
        QVERIFY(!eventLines().join(u'\n').contains(QLatin1String("is online")));
    }

    void reconnectsAfterTheDaemonComesBack()
    {
        QVERIFY(connectWindow());
        const quint16 adminPort = m_server->server().adminPort();
        m_server.reset(); // the daemon goes away
        QTRY_COMPARE(m_window->client().state(), AdminClient::State::WaitingToReconnect);
        // It comes back on the same admin port; the console finds it by itself.
        m_server = std::make_unique<TestServer>([adminPort](ServerConfig &config) {
            config.admin.token = AdminToken.toUtf8();
            config.admin.port = adminPort;
        });
        QTRY_COMPARE_WITH_TIMEOUT(m_window->client().state(), AdminClient::State::Connected, 10000);
    }
};

QTEST_MAIN(ConsoleTest)
#include "tst_console.moc"
