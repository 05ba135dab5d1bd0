// maillon report ANALYZE_DIR -o DIR: the plan-vélo report (docs/report.md) of an analyze output,
// as one HTML file and its PDF.

#include "commands.hpp"
#include "file_hash.hpp"
#include "load_input.hpp"
#include "maillon/analysis/results_json.hpp"
#include "maillon/errors.hpp"
#include "maillon/outputs/analyze_files.hpp"
#include "output_dir.hpp"
#include "report_output.hpp"

#include <unistd.h>

#include <filesystem>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace maillon::cli {
namespace {

class ReportCommand : public Command {
public:
    const char* name() const override { return "report"; }
    const char* synopsis() const override {
        return "maillon report ANALYZE_DIR -o DIR [--top N] [--title TEXT] [--territory TEXT] [--graph GRAPH] [--qpv QPV.geojson] "
               "[--no-pdf] [--overwrite]";
    }
    const char* description() const override {
        return "Write the plan-vélo report of an analysis: report.html (A4, maps) and report.pdf (headless Chromium).";
    }

    void setup(const std::vector<std::string>& args) override {
        po::options_description options;
        options.add_options()
            ("output,o", po::value<std::string>(&m_output), "output directory (required): report.html, report.pdf")
            ("top", po::value<long>(&m_top)->default_value(50), "gaps in the ranked table, each with its map (1-500)")
            ("title", po::value<std::string>(&m_options.title), "report title (default: Maillons manquants du réseau cyclable)")
            ("territory", po::value<std::string>(&m_options.territory), "territory's name under the title (default: the extract's)")
            ("graph", po::value<std::string>(&m_graph), "graph or extract to draw (default: the one in run.json)")
            ("qpv", po::value<std::string>(&m_qpv), "QPV layer to draw (default: the one in run.json)")
            ("no-pdf", po::bool_switch(&m_no_pdf), "write the HTML only")
            ("overwrite", po::bool_switch(&m_overwrite), "replace DIR if it exists");
        const auto vm = parse(args, options, {"ANALYZE_DIR"});
        if (m_help) return;
        m_dir = vm["ANALYZE_DIR"].as<std::string>();
        if (m_output.empty()) throw argument_error{"missing -o DIR\nUsage: " + std::string{synopsis()}};
        if (m_top < 1 || m_top > 500) throw argument_error{"--top must be from 1 to 500"};
        m_options.top = static_cast<std::size_t>(m_top);
        if (fs::exists(m_output) && !m_overwrite) {
            throw argument_error{"output directory '" + m_output + "' exists: use --overwrite to replace it"};
        }
    }

    int run() override {
        const outputs::AnalyzeFiles files = outputs::read_analyze_dir(m_dir);
        const json_t& run = files.run;
        const std::string graph_path = input_path(run, "graph_or_extract", m_graph, "--graph GRAPH.maillon");
        const std::string qpv_path = input_path(run, "qpv", m_qpv, "--qpv QPV.geojson");
        if (m_graph.empty()) check_unchanged(run, "graph_or_extract", graph_path);
        AnalysisProfile profile;
        try {
            profile = analysis::profile_from_json(run["parameters"]);
        } catch (const argument_error& e) {
            throw input_error{"'" + m_dir + "/run.json' has parameters this version cannot read (" + e.what() + "): re-run 'maillon analyze'"};
        }
        const Graph graph = load_or_import(graph_path, !m_quiet && ::isatty(2), [&](const std::string& s) { verbose(s); });
        QpvFieldNames fields;
        if (run.contains("qpv") && run["qpv"].contains("fields")) {
            const auto& f = run["qpv"]["fields"];
            fields = {f.value("code", ""), f.value("name", ""), f.value("commune", ""), f.value("population", "")};
        }
        verbose("reading QPV layer " + qpv_path);
        const QpvLayer qpv = load_qpv(qpv_path, fields);

        OutputDir out{m_output, m_overwrite};
        const int code = write_report_files(out.path(), m_output, {files, graph, qpv, profile.network}, m_options, !m_no_pdf,
                                            [&](const std::string& s) { verbose(s); });
        out.commit();
        return code;
    }

private:
    using json_t = nlohmann::ordered_json;

    /// An input of the run: the option's value, else run.json's path, which must still exist.
    std::string input_path(const json_t& run, const char* role, const std::string& given, const char* option) const {
        if (!given.empty()) {
            if (!fs::exists(given)) throw input_error{"input file '" + given + "' does not exist"};
            return given;
        }
        const std::string recorded = outputs::resolve_run_input(run, role, m_dir);
        if (recorded.empty()) throw input_error{"'" + m_dir + "/run.json' names no " + role + " input: give " + option};
        if (!fs::exists(recorded)) {
            throw input_error{"input '" + recorded + "' of '" + m_dir + "/run.json' is not found (moved or deleted since "
                              "the analysis): give " + option};
        }
        return recorded;
    }

    /// The drawing must be of the graph that was analysed: same bytes as run.json recorded.
    void check_unchanged(const json_t& run, const char* role, const std::string& path) const {
        for (const auto& i : run["inputs"]) {
            if (i.value("role", "") != role || !i.contains("sha256")) continue;
            if (i["sha256"].get<std::string>() != sha256_file(path)) {
                throw input_error{"'" + path + "' has changed since the analysis in '" + m_dir + "' (its SHA-256 differs from "
                                  "run.json's): re-run 'maillon analyze', or give the graph analysed with --graph"};
            }
        }
    }

    std::string m_dir, m_output, m_graph, m_qpv;
    long m_top = 50;
    outputs::ReportOptions m_options;
    bool m_no_pdf = false;
    bool m_overwrite = false;
};

}  // namespace

std::unique_ptr<Command> make_report_command() { return std::make_unique<ReportCommand>(); }

}  // namespace maillon::cli
