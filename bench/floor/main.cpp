// harajchat-bench-floor: a bare QWebSocketServer broadcast, the floor the daemon's fan-out is
// compared with. Prints its port on stdout once listening. See bench/README.md.
//
//   harajchat-bench-floor [port] [epoll|qt]
//
// `epoll` (default) runs on the daemon's own event dispatcher, so the two differ only in what
// sits above Qt's sockets; `qt` keeps Qt's default dispatcher (glib), whose cost per frame grows
// with the number of sockets.
#include "FloorServer.h"
#include "net/EpollEventDispatcher.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <cstdio>
#include <cstring>

int main(int argc, char *argv[])
{
    if (argc <= 2 || std::strcmp(argv[2], "qt") != 0)
        QCoreApplication::setEventDispatcher(new harajchat::EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const quint16 port = args.size() > 1 ? quint16(args.at(1).toUInt()) : 0;
    bench::FloorServer server;
    if (!server.listen(QHostAddress::LocalHost, port)) {
        std::fprintf(stderr, "harajchat-bench-floor: cannot listen on port %u\n", port);
        return 1;
    }
    std::printf("%u\n", server.port());
    std::fflush(stdout);
    return app.exec();
}
