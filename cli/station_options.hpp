#pragma once
// The station options shared by `analyze` and `serve` (issue 4).

#include "maillon/analysis/analysis.hpp"

#include <boost/program_options.hpp>

#include <optional>
#include <string>

namespace maillon::cli {

struct StationFiles {
    std::string gbfs;      // station_information.json
    std::string status;    // station_status.json (optional)
    std::string planned;   // GeoJSON or CSV
    StationParams params;
    bool any() const { return !gbfs.empty() || !planned.empty(); }
};

void add_station_options(boost::program_options::options_description& options, StationFiles& files);
/// Reads the files. @throws input_error naming a bad file.
std::optional<analysis::StationInputs> load_station_inputs(const StationFiles& files, std::vector<std::string>& warnings);

}  // namespace maillon::cli
