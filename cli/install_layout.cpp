#include "install_layout.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace maillon::cli {

std::string share_dir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (const char* env = std::getenv("MAILLON_SHARE_DIR"); env && *env) {
        return fs::is_directory(env, ec) ? std::string{env} : std::string{};
    }
    // Linux: the executable's own path, whatever the working directory or how it was started.
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return "";
    const fs::path share = (exe.parent_path() / ".." / "share" / "maillon").lexically_normal();
    return fs::is_directory(share, ec) ? share.string() : std::string{};
}

}  // namespace maillon::cli
