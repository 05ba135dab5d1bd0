#pragma once
// The République demo analysed in-process, as the report reads it: the graph, the QPV layer and the
// files of an analyze directory (gaps, indicators and run.json with the fields the report uses),
// made by the analysis' own JSON functions. Built once per test run.

#include "maillon/graph.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/outputs/analyze_files.hpp"
#include "maillon/outputs/report.hpp"

namespace maillon::test {

struct ReportFixture {
    Graph graph;
    QpvLayer qpv;
    AnalysisProfile profile;
    outputs::AnalyzeFiles files;
    outputs::ReportSources sources() const { return {files, graph, qpv, profile.network}; }
};

/// The demo with its INSEE residents (tests/data/filosofi2021-paris-centre-200m.csv).
const ReportFixture& demo_report_fixture();

/// How many times `needle` occurs in `text` (elements of a class in an SVG or HTML string).
std::size_t count(const std::string& text, const std::string& needle);

}  // namespace maillon::test
