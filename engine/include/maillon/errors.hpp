#pragma once
// The exceptions maillon throws across library boundaries. Messages name the file or value
// at fault and, where there is one, the fix. The CLI maps them to exit codes:
// input_error -> 1 (data error), argument_error -> 2 (usage error).

#include <stdexcept>
#include <string>

namespace maillon {

/// Bad input data or an I/O failure: missing, unreadable, corrupt or unsuitable file.
class input_error : public std::runtime_error {
public:
    explicit input_error(const std::string& what) : std::runtime_error(what) {}
    explicit input_error(const char* what) : std::runtime_error(what) {}
};

/// Bad command-line arguments or request parameters.
class argument_error : public std::runtime_error {
public:
    explicit argument_error(const std::string& what) : std::runtime_error(what) {}
    explicit argument_error(const char* what) : std::runtime_error(what) {}
};

}  // namespace maillon
