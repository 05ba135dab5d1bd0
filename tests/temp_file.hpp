#pragma once
// A file in the temporary directory with the given bytes, for readers that take paths.

#include <filesystem>
#include <fstream>
#include <string>

namespace maillon::test {

inline std::string write_temp_file(const std::string& name, const std::string& bytes) {
    const std::string path = (std::filesystem::temp_directory_path() / ("maillon-test-" + name)).string();
    std::ofstream{path, std::ios::binary | std::ios::trunc} << bytes;
    return path;
}

}  // namespace maillon::test
