#pragma once
// The one path of `maillon analyze` and `maillon serve` from their files to the analysis:
// profile → graph (loaded, or imported from an extract) → QPV layer → population → stations →
// run_analysis. The commands only parse options before it and write or serve what it returns.

#include "load_input.hpp"
#include "maillon/analysis/analysis.hpp"
#include "maillon/graph.hpp"
#include "maillon/importers/qpv.hpp"
#include "run_info.hpp"
#include "station_options.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace maillon::cli {

/// Every input file of a run, as given on the command line (or read back from a run.json).
struct PipelineFiles {
    std::string graph_or_extract;
    std::string qpv;
    QpvFieldNames qpv_fields;  // "" fields: detected
    std::string profile;       // "" : defaults
    PopulationFiles population;
    StationFiles stations;

    /// The inputs as run.json records them.
    RunInputs run_inputs() const;
};

/// What the pipeline read and computed. Not movable: the analysis was run on these very objects
/// (population and stations are kept alive beside the result that was computed from them).
struct PipelineRun {
    AnalysisProfile profile;
    Graph graph;
    QpvLayer qpv;
    LoadedPopulation population;
    std::optional<analysis::StationInputs> stations;
    analysis::AnalysisResult result;
    double load_seconds = 0;  // reading or importing the graph

    PipelineRun() = default;
    PipelineRun(const PipelineRun&) = delete;
    PipelineRun& operator=(const PipelineRun&) = delete;
};

/// Runs the pipeline into `run`; `log` gets one line per step and every reader's and the
/// analysis's warning. `graph_ready`, when given, is called once the profile and the graph are
/// read, before the rest (analyze starts writing the GeoPackage's network layer there): what it
/// starts may use `run` until the caller ends it, so `run` belongs to the caller.
/// @throws input_error naming the bad file and the fix.
void run_pipeline(PipelineRun& run, const PipelineFiles& files, bool show_progress,
                  const std::function<void(const std::string&)>& log,
                  const std::function<void(const PipelineRun&)>& graph_ready = {});

/// The same into a new PipelineRun.
std::unique_ptr<PipelineRun> run_pipeline(const PipelineFiles& files, bool show_progress,
                                          const std::function<void(const std::string&)>& log);

}  // namespace maillon::cli
