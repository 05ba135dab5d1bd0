#pragma once
// What `maillon info` reports about a graph: sizes, extent, data date, kilometres of cycle
// facilities and of each traffic-stress level, and counts of the places (buildings, POIs, communes).

#include "maillon/graph.hpp"

#include <array>
#include <cstddef>
#include <string>

namespace maillon {

struct GraphSummary {
    std::size_t nodes = 0;
    std::size_t edges = 0;
    std::size_t arcs = 0;  // directed arcs open to at least one mode
    BBox bbox;
    std::string osm_timestamp;
    std::string source_name;
    double km_bike = 0.0;   // length of edges cyclable in at least one direction
    double km_foot = 0.0;   // length of edges walkable
    /// Linear km of facility per side (ame_d and ame_g counted separately, as in the national base).
    std::array<double, facility_count> km_by_facility{};
    /// Km of cyclable arcs per LTS (index 1..4), each direction counted: km of riding.
    std::array<double, 5> km_by_lts{};
    /// The cycle network as `maillon analyze` reads it with the default profile (CycleNetwork):
    /// edges with a built facility usable in at least one direction (not an unmarked contraflow
    /// nor AUTRE), and its weakly connected pieces.
    double km_cycle_network = 0.0;
    std::size_t cycle_network_components = 0;
    // places
    std::size_t buildings = 0;
    double floor_m2 = 0.0;              // total floor area of the buildings
    double residential_floor_m2 = 0.0;  // floor area x residential share
    std::size_t pois = 0;
    std::array<std::size_t, poi_kind_count> pois_by_kind{};
    std::size_t communes = 0;
};

GraphSummary summarize(const Graph& g);

}  // namespace maillon
