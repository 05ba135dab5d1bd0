// maillon analyze GRAPH|EXTRACT --qpv QPV.geojson [--population GRID.csv] [--qpv-population T.csv]
// [--profile P.json] -o DIR: ranked gaps and QPV indicators as files.

#include "commands.hpp"
#include "load_input.hpp"
#include "maillon/analysis/analysis.hpp"
#include "maillon/analysis/labels_fr.hpp"
#include "maillon/analysis/results_json.hpp"
#include "maillon/errors.hpp"
#include "maillon/graph_io.hpp"
#include "maillon/version.hpp"
#include "maillon/outputs/geopackage.hpp"
#include "output_dir.hpp"
#include "pipeline.hpp"
#include "report_output.hpp"
#include "run_info.hpp"
#include "station_options.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>

namespace po = boost::program_options;
using maillon::analysis::json;

namespace maillon::cli {
namespace {

class AnalyzeCommand : public Command {
public:
    const char* name() const override { return "analyze"; }
    const char* synopsis() const override {
        return "maillon analyze GRAPH.maillon|EXTRACT.osm.pbf --qpv QPV.geojson [--population GRID.csv[.gz]] "
               "[--qpv-population QPV_POP.csv] [--profile PROFILE.json] "
               "[--stations GBFS.json [--station-status STATUS.json]] [--planned PLANNED.geojson|csv] [--csv-style excel-fr] "
               "[--report] -o DIR";
    }
    const char* description() const override {
        return "Find the missing links of the cycle network, rank them by QPV coverage, write gaps and indicators.";
    }

    void setup(const std::vector<std::string>& args) override {
        po::options_description options;
        add_qpv_options(options, m_files.qpv, m_files.qpv_fields);
        options.add_options()
            ("profile", po::value<std::string>(&m_files.profile), "JSON file overriding parameters (docs/ranking.md)")
            ("output,o", po::value<std::string>(&m_output), "output directory (required)")
            ("overwrite", po::bool_switch(&m_overwrite), "replace DIR if it exists")
            ("csv-style", po::value<std::string>(&m_csv_style_name)->default_value("standard"),
             "CSV dialect: standard (',' and '.') or excel-fr (UTF-8 BOM, ';', decimal comma)")
            ("report", po::bool_switch(&m_report), "also write the report into DIR/report/ (see 'maillon report')");
        add_population_options(options, m_files.population);
        add_station_options(options, m_files.stations);
        const auto vm = parse(args, options, {"INPUT"});
        if (m_help) return;
        m_files.graph_or_extract = vm["INPUT"].as<std::string>();
        if (m_output.empty()) throw argument_error{"missing -o DIR\nUsage: " + std::string{synopsis()}};
        if (m_files.qpv.empty()) throw argument_error{"missing --qpv QPV.geojson\nUsage: " + std::string{synopsis()}};
        const auto style = analysis::csv_style_from_name(m_csv_style_name);
        if (!style) throw argument_error{"--csv-style must be 'standard' or 'excel-fr', not '" + m_csv_style_name + "'"};
        m_csv_style = *style;
        if (std::filesystem::exists(m_output) && !m_overwrite) {
            throw argument_error{"output directory '" + m_output + "' exists: use --overwrite to replace it"};
        }
    }

    int run() override {
        const PipelineFiles& files = m_files;
        // The GeoPackage (SQLite, one core: the slowest file of a region) is written on a thread of
        // its own: its network layer as soon as the graph is read, while the analysis runs; its
        // other layers from the collections this thread builds, while it writes the other files.
        // Declared in this order so that on an exception the thread is released (`analysed`
        // broken), then joined (`geopackage`), before the collections, the directory and the run
        // it uses go.
        const auto run = std::make_unique<PipelineRun>();
        OutputDir out{m_output, m_overwrite};
        json gaps, candidates;
        std::future<void> geopackage;
        std::promise<outputs::BuiltCollections> analysed;
        run_pipeline(*run, files, !m_quiet && ::isatty(2), [&](const std::string& s) { verbose(s); }, [&](const PipelineRun& r) {
            geopackage = std::async(std::launch::async, [&out, &r, built = analysed.get_future()]() mutable {
                outputs::GeoPackageWriter gpkg{out.path() + "/results.gpkg", r.graph, r.profile};
                const outputs::BuiltCollections collections = built.get();  // throws if the analysis failed
                gpkg.finish(r.qpv, r.result, r.profile, collections);
            });
        });
        const Graph& graph = run->graph;
        const QpvLayer& qpv = run->qpv;
        const AnalysisProfile& profile = run->profile;
        const analysis::AnalysisResult& result = run->result;

        // The two collections on two cores (a region's candidates take as long as its gaps).
        std::future<json> candidates_built = std::async(std::launch::async, [&] { return analysis::candidates_geojson(graph, result); });
        gaps = analysis::gaps_geojson(graph, qpv, result);
        candidates = candidates_built.get();
        analysed.set_value({&gaps, &candidates});
        out.write("gaps.geojson", gaps.dump() + "\n");
        out.write("gaps.csv", analysis::gaps_csv(graph, qpv, result, m_csv_style));
        out.write("candidates.geojson", candidates.dump() + "\n");
        out.write("indicators.json", analysis::indicators_json(result, profile).dump(2) + "\n");
        out.write("indicators.csv", analysis::indicators_csv(result, m_csv_style));
        out.write("summary_communes.csv", analysis::summaries_csv(result.commune_summary, result, m_csv_style));
        out.write("summary_qpv.csv", analysis::summaries_csv(result.qpv_summary, result, m_csv_style));
        if (result.has_stations) out.write("stations.geojson", analysis::stations_geojson(qpv, result).dump() + "\n");
        out.write("run.json", run_json(files.run_inputs(), graph, qpv, result, profile, run->load_seconds,
                                       run->population.inputs(), m_output).dump(2) + "\n");
        verbose("finishing results.gpkg");
        geopackage.get();  // its input_error, if any, is thrown here
        int code = 0;
        if (m_report) {  // from the files just written, as 'maillon report' reads them
            std::filesystem::create_directory(out.path() + "/report");
            code = write_report_files(out.path() + "/report", m_output + "/report",
                                      {outputs::read_analyze_dir(out.path()), graph, qpv, profile.network}, {}, true,
                                      [&](const std::string& s) { verbose(s); });
        }
        out.commit();

        print_summary(graph, qpv, result);
        verbose("wrote " + m_output + "/{gaps.geojson, gaps.csv, candidates.geojson, indicators.json, indicators.csv, summary_communes.csv, summary_qpv.csv, " +
                (result.has_stations ? "stations.geojson, " : "") + "run.json, results.gpkg" + (m_report ? ", report/" : "") + "}");
        return code;
    }

private:
    /// What a planner reads on the terminal, in French (the files hold everything).
    void print_summary(const Graph& g, const QpvLayer& qpv, const analysis::AnalysisResult& r) const {
        if (m_quiet) return;
        using analysis::count_noun_fr;
        std::size_t data = 0;
        for (const Gap& gap : r.gaps) data += gap.gap_class == GapClass::data ? 1 : 0;
        const std::size_t projects = r.gaps.size() - data;
        std::printf("réseau cyclable : %s en %s ; %s à créer, %s, sur %s\n",
                    analysis::distance_fr(r.network_km * 1000).c_str(),
                    count_noun_fr(static_cast<double>(r.network_components), "morceau", "morceaux").c_str(),
                    count_noun_fr(static_cast<double>(projects), "maillon", "maillons").c_str(),
                    count_noun_fr(static_cast<double>(data), "erreur de données probable", "erreurs de données probables").c_str(),
                    count_noun_fr(static_cast<double>(r.candidate_count), "candidat", "candidats").c_str());
        const bool residents = r.qpv_residents_known;
        std::printf("population : %s\n", model_text(r.model));
        if (std::isfinite(r.population.residents_read)) {
            std::printf("habitants : %s lus, %s dans l’extrait, %s dans les QPV, %s hors de portée à pied\n",
                        analysis_people(r.population.residents_read).c_str(),
                        analysis_people(r.population.residents_in_extract).c_str(),
                        analysis_people(r.population.residents_in_qpv).c_str(),
                        analysis_people(r.population.residents_beyond_reach).c_str());
        }
        std::printf("\n%4s  %-12s %8s %9s  %s\n", "rang", "classe", "longueur", residents ? "hab. QPV" : "ha QPV", "pourquoi");
        int shown = 0;
        for (const Gap& gap : r.gaps) {
            if (gap.rank == 0) continue;
            if (shown++ == 10) break;
            std::vector<std::string> names;
            for (const auto q : gap.qpvs) names.push_back(qpv[static_cast<std::size_t>(q)].name);
            const double qpv_value = residents && std::isfinite(gap.qpv_residents) ? gap.qpv_residents : gap.qpv_weight;
            std::printf(residents ? "%4u  %-12s %7.0fm %9.0f  %s\n" : "%4u  %-12s %7.0fm %9.2f  %s\n", gap.rank,
                        std::string{analysis::label_fr(gap.gap_class)}.substr(0, 12).c_str(), gap.length_m, qpv_value,
                        analysis::reason_fr(gap, names, residents).c_str());
        }
        (void)g;
    }

    static const char* model_text(PopulationModel m) {
        switch (m) {
            case PopulationModel::grid: return "carroyage de l’Insee à 200 m : couverture des QPV en habitants";
            case PopulationModel::qpv_population: return "population des QPV : QPV en habitants, territoire en hectares";
            case PopulationModel::floor_area: return "surface de plancher résidentielle (bâtiments OSM)";
            case PopulationModel::area: break;
        }
        return "aucune source de population : surface des QPV à 300 m, en hectares";
    }
    static std::string analysis_people(double v) { return std::isfinite(v) ? analysis::count_fr(v) : "-"; }

    PipelineFiles m_files;
    std::string m_output;
    bool m_overwrite = false;
    std::string m_csv_style_name;
    analysis::CsvStyle m_csv_style = analysis::CsvStyle::standard;
    bool m_report = false;
};

}  // namespace

std::unique_ptr<Command> make_analyze_command() { return std::make_unique<AnalyzeCommand>(); }

}  // namespace maillon::cli
