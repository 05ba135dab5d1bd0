#pragma once
// Level of traffic stress (LTS 1..4, Mekuria/Furth/Nixon 2012) for cycling, per travel
// direction, adapted to French speeds (30/50/70 km/h) in the spirit of the PeopleForBikes
// BNA rules. The whole table is documented in docs/traffic-stress.md; keep them in sync.

#include "maillon/attributes.hpp"
#include "maillon/graph.hpp"

#include <cstdint>

namespace maillon {

/// What the segment stress rule reads for one travel direction.
struct StressInput {
    Highway highway = Highway::residential;
    Facility facility = Facility::aucun;  // facility used in this direction
    Regime regime = Regime::none;
    std::uint8_t maxspeed_kmh = 0;        // 0: unknown, use the class default
    std::uint8_t lanes_total = 0;         // 0: unknown, use the class default
    bool oneway_motor = false;
};

/// The input of an edge ridden in mixed traffic (no facility): the stress of the road itself, as a
/// gap sees it and as a crossing of it is judged.
StressInput mixed_traffic_input(const GraphData& d, EdgeId e) noexcept;

/// Speed assumed when maxspeed is not tagged (French urban defaults; zone regimes apply first).
std::uint8_t default_speed_kmh(Highway h, Regime r) noexcept;

/// Motor lanes per direction, from the lanes tag or the class default.
std::uint8_t lanes_per_direction(const StressInput& in) noexcept;

/// Segment stress, 1 (for all ages) .. 4 (only the strong and fearless).
std::uint8_t segment_lts(const StressInput& in) noexcept;

/// Intersection stress for each node: where a low-stress arc (LTS <= 2) meets a motor road
/// of LTS >= 3 that goes through the node, the stress of crossing it: 1 with traffic signals,
/// 2 at a marked crossing of a road at <= 50 km/h with one lane per direction, otherwise the
/// crossed road's LTS. 0 where there is no such crossing. Fills data.node_crossing_lts.
void compute_crossing_stress(GraphData& data);

}  // namespace maillon
