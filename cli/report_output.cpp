#include "report_output.hpp"

#include <cstdio>
#include <filesystem>

namespace maillon::cli {

int write_report_files(const std::string& dir, const std::string& shown_dir, const outputs::ReportSources& sources,
                       const outputs::ReportOptions& options, bool pdf, const std::function<void(const std::string&)>& log) {
    log(pdf ? "writing the report (HTML, then PDF by Chromium)" : "writing the report (HTML)");
    const outputs::ReportOutcome outcome = outputs::write_report(dir, sources, options, pdf);
    std::error_code ec;
    const auto size = [&](const char* name) {
        const auto bytes = std::filesystem::file_size(dir + "/" + name, ec);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f MB", ec ? 0.0 : static_cast<double>(bytes) / 1e6);
        return std::string{buf};
    };
    log("wrote " + shown_dir + "/report.html (" + std::to_string(outcome.pages) + " A4 pages, " + size("report.html") + ")" +
        (outcome.pdf_written ? " and report.pdf (" + size("report.pdf") + ")" : ""));
    if (pdf && !outcome.pdf_written) {
        std::fprintf(stderr, "maillon: %s/report.pdf not written: %s\n", shown_dir.c_str(), outcome.pdf_message.c_str());
        return exit_no_pdf;
    }
    return 0;
}

}  // namespace maillon::cli
