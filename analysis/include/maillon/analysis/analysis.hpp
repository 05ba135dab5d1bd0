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
#include "maillon/importers/population_grid.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/importers/study_area.hpp"
#include "maillon/importers/qpv_population.hpp"
#include "maillon/population.hpp"
#include "maillon/stations.hpp"

#include <cmath>
#include <limits>
#include <array>
#include <string>
#include <vector>

namespace maillon::analysis {

/// Population sources (docs/population.md); both optional. With both, the grid places the
/// residents and the table is only compared with it.
struct PopulationInputs {
    const PopulationGrid* grid = nullptr;             // --population: INSEE's 200 m grid
    const QpvPopulationTable* qpv_table = nullptr;    // --qpv-population: residents per QPV code
    const StudyArea* area = nullptr;                  // --area: the territory the figures are for
};

/// What the population step read, placed and could not place (run.json "population").
/// Resident figures are NaN when the model has none.
struct PopulationSummary {
    std::string source = "none";  // "grid", "qpv_table", "qpv_layer" (the layer's field) or "none"
    double residents_read = std::numeric_limits<double>::quiet_NaN();     // in the source, all of it
    double residents_in_extract = std::numeric_limits<double>::quiet_NaN();   // placed on points
    double residents_outside_extract = std::numeric_limits<double>::quiet_NaN();  // read but outside the extract's box
    double residents_in_qpv = std::numeric_limits<double>::quiet_NaN();   // placed inside a QPV
    double residents_beyond_reach = std::numeric_limits<double>::quiet_NaN();  // placed where no walk reaches
    double share_beyond_reach = 0;  // of the population (weight), for the coverage.max_beyond_reach_share warning
    std::size_t cells_read = 0, cells_in_extract = 0;        // grid
    std::size_t cells_on_buildings = 0, cells_on_ways = 0, cells_at_centre = 0;
    std::vector<std::string> table_codes_not_in_layer;     // --qpv-population codes the QPV layer lacks
};

/// One row of the indicators: a QPV, all QPV together, or the whole territory. Shares are of
/// residents when the row's residents are known, else of the model's weight.
struct IndicatorRow {
    std::string scope;  // "qpv", "all_qpv" or "territory"
    std::string code, name, commune;
    double weight = 0;        // population proxy in the model's unit
    double residents = std::numeric_limits<double>::quiet_NaN();  // known residents within walking reach
    double area_ha = 0;
    double weight_near_network = 0;     // within walk_m on foot of the cycle network
    double weight_near_low_stress = 0;  // within walk_m of a low-stress (LTS <= 2) facility
    double weight_near_station = 0;     // within the stations' walk_m of an installed bike-share station
    double residents_near_network = 0, residents_near_low_stress = 0, residents_near_station = 0;
    double residents_beyond_reach = 0;  // placed in it but farther than snap_max_m from any walkable way
    double residents_declared = std::numeric_limits<double>::quiet_NaN();  // QPV: from the table or the layer
    double covered_share = 1;           // QPV: share of its area inside the study area (the extract's box without one)
    double weight_beyond_reach = 0;     // population (model unit) placed in it but beyond walking reach
    /// QPV: covered_share below area.qpv_partial_share, or the extract's ways reach less than half of
    /// its population (a corridor extract): shown, not compared with the territory.
    bool partial = false;
    double reached_share() const { return weight + weight_beyond_reach > 0 ? weight / (weight + weight_beyond_reach) : 0.0; }
    double residents_outside_area = 0;  // QPV: placed in it but outside the study area (known residents)
    double km_network_inside = 0;
    double km_network_within = 0;       // within walk_m (straight line) of the QPV
    std::vector<std::uint32_t> top_gaps;  // ranks of the best gaps serving it
    bool counts_residents() const { return !std::isnan(residents); }
    double share_near_network() const { return share(weight_near_network, residents_near_network); }
    double share_near_low_stress() const { return share(weight_near_low_stress, residents_near_low_stress); }
    double share_near_station() const { return share(weight_near_station, residents_near_station); }

private:
    double share(double w, double r) const {
        if (counts_residents()) return residents > 0 ? r / residents : 0;
        return weight > 0 ? w / weight : 0;
    }
};

/// The listed projects of one commune or one QPV together (summaries.cpp).
struct GapSummary {
    std::string scope;  // "commune" or "qpv"
    std::string code, name;  // commune: INSEE code (when the boundary has one) and name; QPV: code and name
    std::size_t gaps = 0;
    double metres = 0;
    std::array<double, gap_class_count> metres_by_class{};
    // Served within walk_m by any of them, each resident once; for a QPV, its own residents only.
    double residents_served = std::numeric_limits<double>::quiet_NaN();
    double qpv_residents_served = std::numeric_limits<double>::quiet_NaN();
    double weight_served = 0, qpv_weight_served = 0;  // the same in the model's unit
    std::vector<std::uint32_t> top_ranks;  // the ranks of its first ten projects
};

/// Bike-share stations to analyse (issue 4): existing ones fixed, planned ones ranked.
struct StationInputs {
    std::vector<StationSite> existing;
    std::vector<StationSite> planned;
    StationParams params;
};

struct AnalysisResult {
    PopulationModel model = PopulationModel::area;
    bool qpv_residents_known = false;     // the points inside every QPV of the area carry residents
    PopulationSummary population;
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
    std::size_t outside_area = 0;         // gaps found beyond the study area (in its buffer): not reported
    std::size_t at_edge = 0;              // projects at the extract's edge: in candidates, status edge
    std::vector<IndicatorRow> indicators; // territory, all_qpv, then each QPV in the area
    std::vector<GapSummary> commune_summary;  // listed projects per commune
    std::vector<GapSummary> qpv_summary;      // listed projects per QPV they serve
    bool has_stations = false;
    StationAnalysis stations;
    std::vector<std::string> warnings;
    std::vector<std::pair<std::string, double>> seconds;  // per step
};

/// A resident count for messages, rounded, thousands separated: "12,345".
std::string people_text(double residents);

/// @param qpv may be empty (no QPV in the area: QPV terms are 0 and a warning says so).
/// @param stations may be null (no station analysis).
/// @param population the population sources (none: the area model, docs/population.md).
/// @throws input_error when the population would need more than coverage.max_points points.
AnalysisResult run_analysis(const Graph& g, const QpvLayer& qpv, const AnalysisProfile& profile,
                            const StationInputs* stations = nullptr, const PopulationInputs& population = {});

}  // namespace maillon::analysis
