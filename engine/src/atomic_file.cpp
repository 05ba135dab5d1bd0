#include "maillon/atomic_file.hpp"

#include "maillon/errors.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace maillon {

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path)) {
    m_tmp_path = m_path + ".tmp-" + std::to_string(::getpid());
    m_out.open(m_tmp_path, std::ios::binary | std::ios::trunc);
    if (!m_out) {
        throw input_error{"cannot write '" + m_path + "': " + std::strerror(errno) +
                          " (check that the directory exists and is writable)"};
    }
}

AtomicFile::~AtomicFile() {
    if (!m_committed) {
        m_out.close();
        std::remove(m_tmp_path.c_str());
    }
}

void AtomicFile::commit() {
    m_out.flush();
    const bool ok = static_cast<bool>(m_out);
    m_out.close();
    if (!ok || m_out.fail()) {
        throw input_error{"writing '" + m_path + "' failed (disk full?)"};
    }
    if (std::rename(m_tmp_path.c_str(), m_path.c_str()) != 0) {
        throw input_error{"cannot create '" + m_path + "': " + std::strerror(errno)};
    }
    m_committed = true;
}

}  // namespace maillon
