#pragma once
// `maillon analyze` without the files: from a graph, a QPV layer and a profile to ranked gaps
// and QPV indicators. The steps, top-down (src/analysis.cpp):
//   network      the cycle network by the profile
//   population   weighted points (docs/population.md), snapped to the walking network
//   gaps         detect ▶ decluster ▶ classify ▶ measure ▶ rank (engine/gaps.hpp)
//   indicators   QPV vs territory, in the style of the Val-de-Marne QPV observatory

#include "maillon/analysis_profile.hpp"
#include "maillon/gaps.hpp"
#include "maillon/graph.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/population.hpp"
#include "maillon/stations.hpp"

#include <string>
#include <vector>

namespace maillon::analysis {

/// One row of the indicators: a QPV, all QPV together, or the whole territory.
struct IndicatorRow {
    std::string scope;  // "qpv", "all_qpv" or "territory"
    std::string code, name, commune;
    double weight = 0;        // population proxy in the model's unit
    double residents = std::numeric_limits<double>::quiet_NaN();  // known residents
    double area_ha = 0;
    double weight_near_network = 0;     // within walk_m on foot of the cycle network
    double weight_near_low_stress = 0;  // within walk_m of a low-stress (LTS <= 2) facility
    double weight_near_station = 0;     // within the stations' walk_m of an installed bike-share station
    double km_network_inside = 0;
    double km_network_within = 0;       // within walk_m (straight line) of the QPV
    std::vector<std::uint32_t> top_gaps;  // ranks of the best gaps serving it
    double share_near_network() const { return weight > 0 ? weight_near_network / weight : 0; }
    double share_near_low_stress() const { return weight > 0 ? weight_near_low_stress / weight : 0; }
    double share_near_station() const { return weight > 0 ? weight_near_station / weight : 0; }
};

/// Bike-share stations to analyse (issue 4): existing ones fixed, planned ones ranked.
struct StationInputs {
    std::vector<StationSite> existing;
    std::vector<StationSite> planned;
    StationParams params;
};

struct AnalysisResult {
    PopulationModel model = PopulationModel::area;
    bool qpv_residents_known = false;     // every QPV of the area has a population in the layer
    std::size_t population_points = 0;
    std::size_t population_unsnapped = 0;
    std::size_t candidate_count = 0;      // gap candidates found (Identify), before declustering
    std::size_t benefit_origins = 0;      // intersections weighing in the betweenness
    std::size_t benefit_sampled = 0;      // origins searched from (== benefit_origins when exact)
    double benefit_cut = 0;               // benefit a gap needs to be in the main list (pairs of intersections)
    std::size_t qpv_in_area = 0;          // QPV of the layer that intersect the graph's extent
    double network_km = 0;
    std::size_t network_components = 0;
    std::vector<Gap> gaps;                // the main list: ranked projects first, then data issues (rank 0)
    std::vector<Gap> candidates;          // the secondary layer: projects below the benefit cut, easy junctions
    std::size_t overlapping = 0;          // candidates that gave way to a gap (in its merged_candidates)
    std::vector<IndicatorRow> indicators; // territory, all_qpv, then each QPV in the area
    bool has_stations = false;
    StationAnalysis stations;
    std::vector<std::string> warnings;
    std::vector<std::pair<std::string, double>> seconds;  // per step
};

/// @param qpv may be empty (no QPV in the area: QPV terms are 0 and a warning says so).
/// @param stations may be null (no station analysis).
AnalysisResult run_analysis(const Graph& g, const QpvLayer& qpv, const AnalysisProfile& profile,
                            const StationInputs* stations = nullptr);

}  // namespace maillon::analysis
