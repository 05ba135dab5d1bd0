#pragma once
#include <string>

namespace maillon::cli {
/// Lower-case hex SHA-256 of a file's bytes (OpenSSL). @throws input_error when unreadable.
std::string sha256_file(const std::string& path);
}  // namespace maillon::cli
