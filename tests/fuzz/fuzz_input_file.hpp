#pragma once
// The readers under fuzzing take file paths (their messages name the file, the format comes from
// the extension): each input is written to a file of this process in /dev/shm (or /tmp), removed
// after the run.

#include <climits>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace maillon::fuzz {

class InputFile {
public:
    InputFile(const std::uint8_t* data, std::size_t size, const std::string& name) {
        const char* dir = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        m_path = std::string{dir} + "/maillon-fuzz-" + std::to_string(::getpid()) + "-" + name;
        std::ofstream out{m_path, std::ios::binary | std::ios::trunc};
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    ~InputFile() {
        close_leaked_descriptors();
        ::unlink(m_path.c_str());
    }
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    const std::string& path() const noexcept { return m_path; }

private:
    /// libosmium (2.19 to 2.23) leaks the descriptor of a PBF file whose header or blocks fail to
    /// parse: PBFParser::run() closes it only after a successful read (docs/reliability.md). One
    /// CLI run imports once, so this costs nothing there, but thousands of inputs in one process
    /// would exhaust the descriptors and fail for that reason. Close what still points at the
    /// input once the reader is done with it.
    void close_leaked_descriptors() const {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator{"/proc/self/fd", ec}) {
            char target[PATH_MAX];
            const ssize_t n = ::readlink(entry.path().c_str(), target, sizeof target - 1);
            if (n <= 0) continue;
            target[n] = '\0';
            if (m_path == target) ::close(std::stoi(entry.path().filename().string()));
        }
    }

    std::string m_path;
};

}  // namespace maillon::fuzz
