#pragma once
// The CLI's commands, after osmium-tool's Command: setup() only parses arguments (and throws
// maillon::argument_error), run() does the work by calling the libraries. Every command
// answers -h/--help with "Usage: ..." and its options.

#include <boost/program_options.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace maillon::cli {

class Command {
public:
    virtual ~Command() = default;
    virtual const char* name() const = 0;
    virtual const char* synopsis() const = 0;     // "maillon import INPUT -o OUTPUT.maillon [OPTIONS]"
    virtual const char* description() const = 0;  // one line for `maillon help`
    /// @throws argument_error
    virtual void setup(const std::vector<std::string>& args) = 0;
    virtual int run() = 0;
    /// Usage line, description and options.
    std::string help() const;
    bool help_requested() const noexcept { return m_help; }

protected:
    /// Options every command has: -h/--help, -q/--quiet.
    boost::program_options::options_description common_options();
    /// Parses args against the options and the positional names; unknown options and missing
    /// positionals become argument_error with the command's usage.
    boost::program_options::variables_map parse(const std::vector<std::string>& args,
                                                const boost::program_options::options_description& options,
                                                const std::vector<std::string>& positional);
    /// Prints "[  1.2s] message" on stderr unless --quiet.
    void verbose(const std::string& message) const;

    boost::program_options::options_description m_options{"Options"};
    bool m_quiet = false;
    bool m_help = false;

private:
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

std::vector<std::unique_ptr<Command>> all_commands();

}  // namespace maillon::cli
