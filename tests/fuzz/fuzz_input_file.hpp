#pragma once
// The readers under fuzzing take file paths (their messages name the file, the format comes from
// the extension): each input is written to a file of this process in /dev/shm (or /tmp), removed
// after the run.

#include <cstddef>
#include <cstdint>
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
    ~InputFile() { ::unlink(m_path.c_str()); }
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    const std::string& path() const noexcept { return m_path; }

private:
    std::string m_path;
};

}  // namespace maillon::fuzz
