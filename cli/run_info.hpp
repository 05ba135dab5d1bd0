#pragma once
// run.json: what produced a result (engine, inputs with their SHA-256, data date, every
// parameter, counts, timings, warnings). Written by `analyze`, served by `serve` at /api/v1/meta.

#include "maillon/analysis/analysis.hpp"
#include "maillon/analysis/results_json.hpp"

#include <string>

namespace maillon::cli {

struct RunInputs {
    std::string graph_or_extract;
    std::string qpv;
    std::string profile;  // "" when defaults
    std::string stations, station_status, planned;  // "" when not given
    std::string population, qpv_population;         // "" when not given
    std::string area;                               // --area, "" when not given
};

/// @param population the population sources as read (their columns are recorded); may be null.
/// @param run_dir the directory run.json is written to: each input's `path` is then relative to it
/// (so that `serve DIR` and `report DIR` find the inputs from any working directory), with its
/// `absolute_path` beside it; "" (serve): paths as given.
analysis::json run_json(const RunInputs& inputs, const Graph& g, const QpvLayer& qpv,
                        const analysis::AnalysisResult& r, const AnalysisProfile& p, double load_seconds,
                        const analysis::PopulationInputs& population = {}, const std::string& run_dir = "");

/// Reads a profile file (empty path: defaults). @throws input_error naming the file.
AnalysisProfile read_profile(const std::string& path);

}  // namespace maillon::cli
