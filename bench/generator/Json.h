#pragma once

#include <cstdint>
#include <string>

namespace bench {

// Builds one JSON object, keys in insertion order, for the reports.
class JsonObject
{
public:
    JsonObject &add(const std::string &key, const std::string &value);
    JsonObject &add(const std::string &key, const char *value);
    JsonObject &add(const std::string &key, std::int64_t value);
    JsonObject &add(const std::string &key, int value) { return add(key, std::int64_t(value)); }
    JsonObject &add(const std::string &key, std::size_t value);
    JsonObject &add(const std::string &key, double value);
    JsonObject &add(const std::string &key, bool value);
    JsonObject &add(const std::string &key, const JsonObject &value);

    std::string text() const { return '{' + m_body + '}'; }

private:
    JsonObject &addRaw(const std::string &key, const std::string &raw);

    std::string m_body;
};

std::string jsonQuote(const std::string &text);

} // namespace bench
