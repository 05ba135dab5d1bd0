#pragma once
// An output directory written all at once: files go into DIR.tmp-PID, which replaces DIR only
// when every file is written. A failure leaves DIR as it was and removes the temporary one.

#include <string>

namespace maillon::cli {

class OutputDir {
public:
    /// @throws argument_error if DIR exists and overwrite is false; input_error if it cannot be created.
    OutputDir(std::string dir, bool overwrite);
    OutputDir(const OutputDir&) = delete;
    OutputDir& operator=(const OutputDir&) = delete;
    ~OutputDir();

    /// Writes one file of the set. @throws input_error (disk full…).
    void write(const std::string& name, const std::string& content);
    /// The temporary directory being filled, for writers that need a path (GDAL, the report).
    const std::string& path() const noexcept { return m_tmp; }
    /// Moves the finished set into place.
    void commit();

private:
    std::string m_dir;
    std::string m_tmp;
    bool m_overwrite;
    bool m_committed = false;
};

}  // namespace maillon::cli
