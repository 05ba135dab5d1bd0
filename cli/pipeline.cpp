#include "pipeline.hpp"

#include <chrono>
#include <vector>

namespace maillon::cli {

RunInputs PipelineFiles::run_inputs() const {
    return {graph_or_extract, qpv, profile, stations.gbfs, stations.status, stations.planned,
            population.grid, population.qpv_table, population.area};
}

std::unique_ptr<PipelineRun> run_pipeline(const PipelineFiles& files, bool show_progress,
                                          const std::function<void(const std::string&)>& log) {
    auto run = std::make_unique<PipelineRun>();
    run_pipeline(*run, files, show_progress, log);
    return run;
}

void run_pipeline(PipelineRun& run, const PipelineFiles& files, bool show_progress,
                  const std::function<void(const std::string&)>& log,
                  const std::function<void(const PipelineRun&)>& graph_ready) {
    const auto t0 = std::chrono::steady_clock::now();
    run.profile = read_profile(files.profile);
    run.graph = load_or_import(files.graph_or_extract, show_progress, log);
    run.load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (graph_ready) graph_ready(run);

    log("reading QPV layer " + files.qpv);
    run.qpv = load_qpv(files.qpv, files.qpv_fields);
    for (const std::string& w : run.qpv.all_warnings()) log("warning: " + w);
    if (run.qpv.fields.population.empty() && files.population.grid.empty() && files.population.qpv_table.empty()) {
        std::string looked;
        for (const std::string& f : qpv_population_field_candidates()) looked += (looked.empty() ? "" : ", ") + f;
        log("warning: no population source: QPV coverage is counted in hectares, not residents. Give --population "
            "GRID.csv (INSEE's 200 m grid, data-scripts/fetch-population.sh) or --qpv-population QPV_POP.csv; '" +
            files.qpv + "' has no population field (looked for " + looked + ": name one with "
            "--qpv-population-field)");
    }

    std::vector<std::string> warnings;
    run.population = load_population(files.population, log, warnings);
    run.stations = load_station_inputs(files.stations, warnings);
    for (const std::string& w : warnings) log("warning: " + w);

    log("analysing");
    run.result = analysis::run_analysis(run.graph, run.qpv, run.profile, run.stations ? &*run.stations : nullptr,
                                         run.population.inputs());
    for (const std::string& w : run.result.warnings) log("warning: " + w);
}

}  // namespace maillon::cli
