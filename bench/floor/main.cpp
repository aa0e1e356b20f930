// harajchat-bench-floor: a bare QWebSocketServer broadcast, the floor the daemon's fan-out is
// compared with. Prints its port on stdout once listening. See bench/README.md.
#include "FloorServer.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <cstdio>

int main(int argc, char *argv[])
{
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
