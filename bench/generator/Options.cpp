#include "Options.h"

namespace bench {

Options::Options(int argc, char **argv)
{
    for (int i = 0; i < argc; ++i)
        m_commandLine += (i ? " " : "") + std::string(argv[i]);
    if (argc > 1)
        m_scenario = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0)
            continue;
        const bool hasValue = i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0;
        m_values[arg.substr(2)] = hasValue ? argv[++i] : "1";
    }
}

std::string Options::text(const std::string &name, const std::string &fallback) const
{
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

std::int64_t Options::number(const std::string &name, std::int64_t fallback) const
{
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : std::stoll(it->second);
}

double Options::real(const std::string &name, double fallback) const
{
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : std::stod(it->second);
}

} // namespace bench
