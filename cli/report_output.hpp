#pragma once
// The report's files, as `maillon report` and `maillon analyze --report` write them: report.html,
// then report.pdf by Chromium. Exit code 3 when the HTML is written but not the PDF.

#include "maillon/outputs/report.hpp"

#include <functional>
#include <string>

namespace maillon::cli {

/// Exit code of a run whose report has its HTML but no PDF (docs/cli.md).
constexpr int exit_no_pdf = 3;

/// Writes the report into `dir` (an OutputDir's temporary directory); `shown_dir` is where the files
/// will be once committed, for the messages. Returns 0, or exit_no_pdf after saying why on stderr.
int write_report_files(const std::string& dir, const std::string& shown_dir, const outputs::ReportSources& sources,
                       const outputs::ReportOptions& options, bool pdf, const std::function<void(const std::string&)>& log);

}  // namespace maillon::cli
