#pragma once
// The files of a `maillon analyze` output directory (docs/data-dictionary.md), read back for the
// report: run.json, gaps.geojson, indicators.json and, when stations were analysed,
// stations.geojson (candidates.geojson must be there, but is not read).

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace maillon::outputs {

struct AnalyzeFiles {
    std::string dir;
    nlohmann::ordered_json run, gaps, indicators;
    std::optional<nlohmann::ordered_json> stations;
};

/// Reads and checks an analyze output directory. @throws input_error naming the directory and the
/// fix when it is not one (no run.json, a file missing or not what it should be), or when run.json
/// was written by another maillon version (its fields may differ: re-run analyze).
AnalyzeFiles read_analyze_dir(const std::string& dir);

/// Path of the run's input with that role (run.json `inputs`), "" when the run had none.
std::string run_input(const nlohmann::ordered_json& run, std::string_view role);

/// The file of that input as this process can open it: `path` resolved against run_dir (the
/// directory of run.json; absolute paths as they are), else `absolute_path` when the path no longer
/// leads to a file (the output directory was moved alone), else (an older run.json without
/// absolute_path) the path as given from the working directory; "" when the run had no such input.
std::string resolve_run_input(const nlohmann::ordered_json& run, std::string_view role, const std::string& run_dir);

}  // namespace maillon::outputs
