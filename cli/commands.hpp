#pragma once
#include "command.hpp"

namespace maillon::cli {
std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_info_command();
std::unique_ptr<Command> make_analyze_command();
std::unique_ptr<Command> make_serve_command();
std::unique_ptr<Command> make_report_command();
}  // namespace maillon::cli
