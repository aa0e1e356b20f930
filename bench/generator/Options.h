#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace bench {

// `--name value` options of the command line, plus the command line itself for the report.
class Options
{
public:
    Options(int argc, char **argv);

    const std::string &scenario() const { return m_scenario; }
    const std::string &commandLine() const { return m_commandLine; }
    std::string text(const std::string &name, const std::string &fallback) const;
    std::int64_t number(const std::string &name, std::int64_t fallback) const;
    double real(const std::string &name, double fallback) const;
    bool has(const std::string &name) const { return m_values.count(name) > 0; }

private:
    std::string m_scenario;
    std::string m_commandLine;
    std::map<std::string, std::string> m_values;
};

} // namespace bench
