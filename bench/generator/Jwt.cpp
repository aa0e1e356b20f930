#include "Jwt.h"

#include <ctime>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace bench {

namespace {
std::string base64Url(const unsigned char *data, std::size_t size)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    for (std::size_t i = 0; i < size; ++i) {
        bits = (bits << 8) | data[i];
        count += 8;
        while (count >= 6) {
            count -= 6;
            out.push_back(alphabet[(bits >> count) & 0x3f]);
        }
    }
    if (count > 0)
        out.push_back(alphabet[(bits << (6 - count)) & 0x3f]);
    return out; // no padding in JWTs
}

std::string base64Url(const std::string &text)
{
    return base64Url(reinterpret_cast<const unsigned char *>(text.data()), text.size());
}
} // namespace

std::string mintJwt(const std::string &secret, std::int64_t userId, const std::string &name)
{
    const std::int64_t expires = std::int64_t(std::time(nullptr)) + 3600;
    const std::string signingInput =
        base64Url(std::string(R"({"alg":"HS256","typ":"JWT"})")) + '.' +
        base64Url(R"({"sub":)" + std::to_string(userId) + R"(,"name":")" + name + R"(","exp":)" +
                  std::to_string(expires) + '}');
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int macLength = 0;
    HMAC(EVP_sha256(), secret.data(), int(secret.size()),
         reinterpret_cast<const unsigned char *>(signingInput.data()), signingInput.size(), mac,
         &macLength);
    return signingInput + '.' + base64Url(mac, macLength);
}

} // namespace bench
