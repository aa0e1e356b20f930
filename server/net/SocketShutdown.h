#pragma once

#include <QtGlobal>

namespace harajchat {

// Shuts down the sending side of a connected socket (the peer reads end of input after what was
// sent), keeping its receiving side open. One implementation file per platform.
void shutDownSending(qintptr socketDescriptor);

} // namespace harajchat
