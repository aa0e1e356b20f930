#pragma once

#include <cstdint>
#include <string>

namespace bench {

// An HS256 JWT as the account service would hand out: `sub`, `name`, `exp` one hour ahead.
std::string mintJwt(const std::string &secret, std::int64_t userId, const std::string &name);

} // namespace bench
