#pragma once
// The plan-vélo report (docs/report.md): one self-contained French HTML file (CSS and SVG maps
// inline, A4 print stylesheet) made from an analyze output and its graph, and its PDF printed by
// headless Chromium.

#include "maillon/analysis_profile.hpp"
#include "maillon/graph.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/outputs/analyze_files.hpp"

#include <cstddef>
#include <string>

namespace maillon::outputs {

struct ReportSources {
    const AnalyzeFiles& files;
    const Graph& graph;        // the graph the run analysed: streets and network of the maps
    const QpvLayer& qpv;       // the run's QPV layer: outlines on the maps
    NetworkParams network;     // the run's network definition (run.json parameters.network)
};

struct ReportOptions {
    std::size_t top = 50;      // gaps in the ranked table and with a map each
    std::string title;         // "" : « Maillons manquants du réseau cyclable »
    std::string territory;     // "" : the extract's name
    std::string created_at;    // "" : now (tests set it for reproducible files)
};

/// The whole HTML document.
std::string report_html(const ReportSources& sources, const ReportOptions& options);

struct ReportOutcome {
    bool pdf_written = false;
    std::string pdf_message;   // why there is no PDF, with the fix ("" when written)
    std::size_t pages = 0;     // A4 pages of the report
};

/// Writes DIR/report.html and, unless `pdf` is false, DIR/report.pdf (DIR exists; the caller makes
/// it atomic). No PDF when Chromium is missing or fails: the outcome says why.
/// @throws input_error when the HTML cannot be written.
ReportOutcome write_report(const std::string& dir, const ReportSources& sources, const ReportOptions& options, bool pdf);

}  // namespace maillon::outputs
