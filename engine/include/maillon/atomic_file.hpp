#pragma once
// Writing a file so that readers never see it half-written: write to a temporary name in
// the same directory, flush, then rename over the destination. On any failure the
// temporary file is removed and the destination is left as it was.

#include <fstream>
#include <string>

namespace maillon {

class AtomicFile {
public:
    /// Opens "<path>.tmp-<pid>" for binary writing.
    /// @throws input_error naming the path when the directory cannot be written.
    explicit AtomicFile(std::string path);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    /// Removes the temporary file unless commit() succeeded.
    ~AtomicFile();

    std::ofstream& stream() noexcept { return m_out; }
    /// Flushes, closes and renames to the final path. @throws input_error on failure.
    void commit();

private:
    std::string m_path;
    std::string m_tmp_path;
    std::ofstream m_out;
    bool m_committed = false;
};

}  // namespace maillon
