#include "Json.h"

#include <cmath>
#include <cstdio>

namespace bench {

std::string jsonQuote(const std::string &text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + '"';
}

JsonObject &JsonObject::addRaw(const std::string &key, const std::string &raw)
{
    if (!m_body.empty())
        m_body += ',';
    m_body += jsonQuote(key) + ':' + raw;
    return *this;
}

JsonObject &JsonObject::add(const std::string &key, const std::string &value)
{
    return addRaw(key, jsonQuote(value));
}

JsonObject &JsonObject::add(const std::string &key, const char *value)
{
    return add(key, std::string(value));
}

JsonObject &JsonObject::add(const std::string &key, std::int64_t value)
{
    return addRaw(key, std::to_string(value));
}

JsonObject &JsonObject::add(const std::string &key, std::size_t value)
{
    return addRaw(key, std::to_string(value));
}

JsonObject &JsonObject::add(const std::string &key, double value)
{
    if (!std::isfinite(value))
        return addRaw(key, "null");
    char number[32];
    std::snprintf(number, sizeof number, "%.3f", value);
    return addRaw(key, number);
}

JsonObject &JsonObject::add(const std::string &key, bool value)
{
    return addRaw(key, value ? "true" : "false");
}

JsonObject &JsonObject::add(const std::string &key, const JsonObject &value)
{
    return addRaw(key, value.text());
}

} // namespace bench
