#include "pdf_print.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;

namespace maillon::outputs {
namespace {

bool executable(const std::string& path) { return !path.empty() && ::access(path.c_str(), X_OK) == 0 && !fs::is_directory(path); }

std::string tail_of(const std::string& path, std::size_t lines) {
    std::ifstream in{path};
    std::vector<std::string> all;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) all.push_back(line);
    }
    std::string out;
    for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) out += "\n  " + all[i];
    return out;
}

bool looks_like_pdf(const std::string& path) {
    std::ifstream in{path, std::ios::binary};
    char head[5] = {};
    in.read(head, 5);
    return in && std::string(head, 5) == "%PDF-";
}

}  // namespace

std::string find_chromium() {
    if (const char* env = std::getenv("MAILLON_CHROMIUM")) return executable(env) ? env : "";
    const char* path = std::getenv("PATH");
    std::istringstream dirs{path ? path : "/usr/bin:/bin"};
    for (std::string dir; std::getline(dirs, dir, ':');) {
        for (const char* name : {"chromium", "chromium-browser"}) {
            const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
            if (executable(candidate)) return candidate;
        }
    }
    return "";
}

PdfResult print_pdf(const std::string& html_path, const std::string& pdf_path, int timeout_s) {
    PdfResult r;
    const std::string chromium = find_chromium();
    if (chromium.empty()) {
        r.message = std::getenv("MAILLON_CHROMIUM")
                        ? "the PDF needs Chromium: MAILLON_CHROMIUM='" + std::string{std::getenv("MAILLON_CHROMIUM")} + "' is not an executable"
                        : "the PDF needs Chromium, which is not installed (apt-get install chromium), or set MAILLON_CHROMIUM "
                          "to its path; the HTML report is written and prints from any browser (A4)";
        return r;
    }
    std::error_code ec;
    const std::string url = "file://" + fs::absolute(html_path, ec).string();
    const fs::path pdf = fs::absolute(pdf_path, ec);
    std::string tmpl = (fs::temp_directory_path(ec) / "maillon-chromium-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) {
        r.message = "cannot create a temporary directory for Chromium's profile (is " + fs::temp_directory_path(ec).string() + " writable?)";
        return r;
    }
    const std::string profile = tmpl;
    const std::string log = profile + "/chromium.log";
    std::vector<std::string> args{chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                  "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                                  "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars",
                                  "--user-data-dir=" + profile, "--no-pdf-header-footer", "--print-to-pdf=" + pdf.string(), url};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&files, 1, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group: on a time-out the group (Chromium and the helpers it starts) is ended.
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, chromium.c_str(), &files, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
    fs::remove(pdf, ec);
    if (spawned != 0) {
        r.message = "cannot start Chromium '" + chromium + "': " + std::string{std::strerror(spawned)};
        fs::remove_all(profile, ec);
        return r;
    }
    // Wait without reaping (WNOWAIT): while Chromium is a zombie its process group id cannot be
    // reused, so ending the helpers it may leave behind cannot hit anyone else's processes.
    bool timed_out = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    for (;;) {
        siginfo_t info{};
        if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid != 0) break;
        if (std::chrono::steady_clock::now() > deadline) {
            timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(-pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const bool ok = !timed_out && WIFEXITED(status) && WEXITSTATUS(status) == 0 && looks_like_pdf(pdf.string());
    if (ok) {
        r.written = true;
    } else {
        r.message = timed_out ? "Chromium did not finish printing within " + std::to_string(timeout_s) + " s"
                              : "Chromium ('" + chromium + "') did not print the PDF" +
                                    (WIFEXITED(status) ? " (exit " + std::to_string(WEXITSTATUS(status)) + ")" : " (killed)");
        r.message += "; its last messages:" + tail_of(log, 5);
        fs::remove(pdf, ec);
    }
    fs::remove_all(profile, ec);
    return r;
}

}  // namespace maillon::outputs
