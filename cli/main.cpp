// maillon: thin command-line front end over the engine and importers libraries.
// Exit codes: 0 ok, 1 data error (bad or missing input, cannot write output), 2 usage error.

#include "command.hpp"
#include "maillon/errors.hpp"
#include "maillon/version.hpp"

#include <cstdio>
#include <iostream>
#include <new>
#include <string>

namespace {

void print_general_help() {
    std::cout << "Usage: maillon COMMAND [ARGS]\n\n"
                 "maillon finds the missing links of a cycle network in an OpenStreetMap extract.\n\nCommands:\n";
    for (const auto& c : maillon::cli::all_commands()) {
        std::printf("  %-10s %s\n", c->name(), c->description());
    }
    std::cout << "\nRun 'maillon COMMAND -h' for a command's options.\n"
                 "Map data © OpenStreetMap contributors (ODbL).\n";
}

}  // namespace

int main(int argc, char* argv[]) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
        if (args.size() >= 2) {
            for (auto& c : maillon::cli::all_commands()) {
                if (args[1] == c->name()) {
                    c->setup({"--help"});
                    std::cout << c->help();
                    return 0;
                }
            }
        }
        print_general_help();
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version" || args[0] == "version") {
        std::cout << "maillon " << maillon::version_string << "\n";
        return 0;
    }
    for (auto& command : maillon::cli::all_commands()) {
        if (args[0] != command->name()) continue;
        try {
            command->setup({args.begin() + 1, args.end()});
            if (command->help_requested()) {
                std::cout << command->help();
                return 0;
            }
            return command->run();
        } catch (const maillon::argument_error& e) {
            std::cerr << "maillon " << command->name() << ": " << e.what() << "\n";
            return 2;
        } catch (const maillon::input_error& e) {
            std::cerr << "maillon " << command->name() << ": " << e.what() << "\n";
            return 1;
        } catch (const std::bad_alloc&) {
            std::cerr << "maillon " << command->name() << ": out of memory\n";
            return 1;
        } catch (const std::exception& e) {
            std::cerr << "maillon " << command->name() << ": unexpected error: " << e.what() << "\n";
            return 1;
        }
    }
    std::cerr << "maillon: unknown command '" << args[0] << "' (see 'maillon help')\n";
    return 2;
}
