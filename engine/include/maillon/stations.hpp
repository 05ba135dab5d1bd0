#pragma once
// Bike-share stations and their walking catchments (docs/stations.md): which population each
// station serves within walk_m on foot, the ranking of planned stations by marginal QPV
// coverage (greedy maximal covering, existing stations fixed; in residents when the points inside
// QPV carry them, else in the population model's weight), and suggested new sites.

#include "maillon/cycle_network.hpp"
#include "maillon/population.hpp"
#include "maillon/search.hpp"
#include "maillon/spatial_index.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace maillon {

enum class StationStatus : std::uint8_t { existing, planned, suggested };
std::string_view key(StationStatus s) noexcept;

struct StationSite {
    std::string id;
    std::string name;
    Coord coord;
    StationStatus status = StationStatus::planned;
    bool installed = true;    // existing stations: false when the operator reports it not installed
    int capacity = -1;        // docks, -1 when unknown
};

struct StationParams {
    double walk_m = 300;           // catchment: the Vélib' spacing, along the walking network
    double snap_max_m = 150;       // a station farther from any walkable way is outside the graph
    std::uint32_t suggestions = 10;
    double min_spacing_m = 250;    // suggested sites keep this far from every other station
    double candidate_cell_m = 50;  // one candidate site per cell near the QPV
    double main_axis_m = 50;       // "on a main axis": within this of a trunk/primary/secondary road
};

struct StationResult {
    StationSite site;
    bool snapped = false;          // false: outside the graph (reported, not ranked)
    float snap_m = 0;
    std::vector<std::uint32_t> catchment;  // population points within walk_m
    double standalone_qpv = 0;     // QPV population proxy in the catchment (model unit)
    double standalone_qpv_residents = std::numeric_limits<double>::quiet_NaN();
    double standalone_all = 0;
    double marginal_qpv = 0;       // not already covered by existing stations or better-ranked ones
    double marginal_qpv_residents = std::numeric_limits<double>::quiet_NaN();
    double marginal_all = 0;
    std::vector<std::int32_t> qpvs;
    std::uint32_t rank = 0;        // planned and suggested: greedy order (1 first); existing: 0
    double nearest_station_m = std::numeric_limits<double>::infinity();  // to the nearest existing station (straight line)
    double nearest_transit_m = std::numeric_limits<double>::infinity();
    double distance_to_network_m = std::numeric_limits<double>::infinity();
    bool on_main_axis = false;
};

struct StationAnalysis {
    std::vector<StationResult> stations;  // existing, then planned by rank, then suggested by rank
    double qpv_weight_covered_existing = 0;   // QPV population within walk_m of an existing station
    double qpv_residents_covered_existing = std::numeric_limits<double>::quiet_NaN();  // when residents are known
    double all_weight_covered_existing = 0;
    std::size_t outside = 0;              // stations farther than snap_max_m from the graph
    std::vector<std::uint8_t> covered_by_existing;  // per population point: within walk_m of an installed station
    // Why fewer sites than asked may be suggested: what the QPV still lack once every station
    // (existing, planned, suggested) is placed. A suggestion must add QPV population and keep
    // min_spacing_m from every other station, so a short list means none of the rest could.
    std::uint32_t suggestions_asked = 0;
    std::uint32_t suggestions_given = 0;
    double walk_m = 0, min_spacing_m = 0;
    double qpv_weight_uncovered = 0;  // QPV population (model unit) beyond walk_m of every station, walkable
    double qpv_residents_uncovered = std::numeric_limits<double>::quiet_NaN();  // when residents are known
};

/// @param qpv_residents_known whether points inside QPV carry residents: the *_residents fields are
///        then filled and the greedy order is by QPV residents
StationAnalysis analyse_stations(const CycleNetwork& net, const PopulationIndex& population,
                                 std::vector<StationSite> existing, std::vector<StationSite> planned,
                                 const StationParams& params, bool qpv_residents_known);

}  // namespace maillon
