#include "output_dir.hpp"

#include "maillon/errors.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace maillon::cli {

OutputDir::OutputDir(std::string dir, bool overwrite) : m_dir(std::move(dir)), m_overwrite(overwrite) {
    while (m_dir.size() > 1 && m_dir.back() == '/') m_dir.pop_back();
    std::error_code ec;
    if (fs::exists(m_dir, ec) && !overwrite) {
        throw argument_error{"output directory '" + m_dir + "' exists: use --overwrite to replace it"};
    }
    m_tmp = m_dir + ".tmp-" + std::to_string(::getpid());
    fs::remove_all(m_tmp, ec);
    if (!fs::create_directory(m_tmp, ec) || ec) {  // not create_directories: a mistyped parent is an error
        throw input_error{"cannot create output directory '" + m_dir + "': " + ec.message() +
                          " (check that the parent directory exists and is writable)"};
    }
}

OutputDir::~OutputDir() {
    if (!m_committed) {
        std::error_code ec;
        fs::remove_all(m_tmp, ec);
    }
}

void OutputDir::write(const std::string& name, const std::string& content) {
    std::ofstream out{m_tmp + "/" + name, std::ios::binary};
    out << content;
    out.flush();
    if (!out) throw input_error{"writing '" + m_dir + "/" + name + "' failed (disk full?)"};
}

void OutputDir::commit() {
    std::error_code ec;
    const std::string old = m_dir + ".old-" + std::to_string(::getpid());
    const bool replacing = fs::exists(m_dir, ec);
    if (replacing) {
        if (!m_overwrite) throw argument_error{"output directory '" + m_dir + "' appeared while writing"};
        fs::rename(m_dir, old, ec);
        if (ec) throw input_error{"cannot replace '" + m_dir + "': " + ec.message()};
    }
    fs::rename(m_tmp, m_dir, ec);
    if (ec) {
        if (replacing) fs::rename(old, m_dir, ec);
        throw input_error{"cannot create '" + m_dir + "': " + ec.message()};
    }
    if (replacing) fs::remove_all(old, ec);
    m_committed = true;
}

}  // namespace maillon::cli
