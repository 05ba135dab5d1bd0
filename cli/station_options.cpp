#include "station_options.hpp"

#include "maillon/errors.hpp"
#include "maillon/importers/stations.hpp"

namespace po = boost::program_options;

namespace maillon::cli {
namespace {

std::vector<StationSite> sites(const StationSet& set, StationStatus status) {
    std::vector<StationSite> out;
    for (const StationRecord& r : set.stations) {
        out.push_back(StationSite{r.id, r.name, r.coord, status, r.installed, r.capacity.value_or(-1)});
    }
    return out;
}

}  // namespace

void add_station_options(po::options_description& options, StationFiles& files) {
    options.add_options()
        ("stations", po::value<std::string>(&files.gbfs), "existing stations: GBFS station_information.json")
        ("station-status", po::value<std::string>(&files.status), "GBFS station_status.json (stations not installed)")
        ("planned", po::value<std::string>(&files.planned), "planned stations: GeoJSON points or CSV id,name,lat,lon[,capacity]")
        ("suggestions", po::value<std::uint32_t>(&files.params.suggestions)->default_value(10), "new sites to suggest")
        ("station-walk-m", po::value<double>(&files.params.walk_m)->default_value(300), "station catchment on foot, metres");
}

std::optional<analysis::StationInputs> load_station_inputs(const StationFiles& files, std::vector<std::string>& warnings) {
    if (!files.status.empty() && files.gbfs.empty()) throw argument_error{"--station-status needs --stations"};
    if (files.params.walk_m < 50 || files.params.walk_m > 2000) throw argument_error{"--station-walk-m must be from 50 to 2000"};
    if (files.params.suggestions > 500) throw argument_error{"--suggestions must be at most 500"};
    if (!files.any()) return std::nullopt;
    analysis::StationInputs in;
    in.params = files.params;
    if (!files.gbfs.empty()) {
        const StationSet set = load_gbfs_stations(files.gbfs, files.status);
        warnings.insert(warnings.end(), set.warnings.begin(), set.warnings.end());
        in.existing = sites(set, StationStatus::existing);
    }
    if (!files.planned.empty()) {
        const StationSet set = load_planned_stations(files.planned);
        warnings.insert(warnings.end(), set.warnings.begin(), set.warnings.end());
        in.planned = sites(set, StationStatus::planned);
    }
    return in;
}

}  // namespace maillon::cli
