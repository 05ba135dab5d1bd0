#include "command.hpp"

#include "commands.hpp"
#include "maillon/errors.hpp"

#include <cstdio>
#include <iostream>
#include <sstream>

namespace po = boost::program_options;

namespace maillon::cli {

std::string Command::help() const {
    std::ostringstream out;
    out << "Usage: " << synopsis() << "\n\n" << description() << "\n\n" << m_options;
    return out.str();
}

po::options_description Command::common_options() {
    po::options_description options{"Common options"};
    options.add_options()("help,h", po::bool_switch(&m_help), "show this help and exit")(
        "quiet,q", po::bool_switch(&m_quiet), "print nothing on stderr but errors");
    return options;
}

po::variables_map Command::parse(const std::vector<std::string>& args, const po::options_description& options,
                                 const std::vector<std::string>& positional) {
    po::options_description hidden;
    po::positional_options_description pos;
    for (const auto& p : positional) {
        hidden.add_options()(p.c_str(), po::value<std::string>());
        pos.add(p.c_str(), 1);
    }
    m_options.add(options).add(common_options());
    po::options_description all;
    all.add(m_options).add(hidden);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw argument_error{std::string{e.what()} + "\nUsage: " + synopsis() + " (see 'maillon " + name() + " -h')"};
    }
    if (!m_help) {
        for (const auto& p : positional) {
            if (!vm.count(p)) {
                throw argument_error{"missing " + p + "\nUsage: " + synopsis() + " (see 'maillon " + name() + " -h')"};
            }
        }
    }
    return vm;
}

void Command::verbose(const std::string& message) const {
    if (m_quiet) return;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    std::fprintf(stderr, "[%6.1fs] %s\n", s, message.c_str());
}

std::vector<std::unique_ptr<Command>> all_commands() {
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(make_import_command());
    commands.push_back(make_info_command());
    commands.push_back(make_analyze_command());
    commands.push_back(make_serve_command());
    commands.push_back(make_report_command());
    return commands;
}

}  // namespace maillon::cli
