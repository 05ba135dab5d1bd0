#pragma once
// Missing links of the cycle network (docs/gaps.md): detect ▶ decluster ▶ classify ▶ measure ▶ rank.
//
//   detect_gaps        detour gaps from every dead end of the network (Vybornova et al. 2022) and
//                      close-but-far pairs (Conway's MissingLinks)
//   decluster_gaps     overlapping candidates become one project
//   classify_gaps      street, crossing, bridge, tunnel, roundabout, contraflow, or data (mapping error)
//   measure_gaps       QPV coverage within 300 m on foot, network joined, detour removed, trips
//   rank_gaps          the score of docs/ranking.md and the rank

#include "maillon/analysis_profile.hpp"
#include "maillon/cycle_network.hpp"
#include "maillon/graph.hpp"
#include "maillon/population.hpp"
#include "maillon/search.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace maillon {

enum class GapKind : std::uint8_t { detour, close_far };
enum class GapClass : std::uint8_t { street, crossing, bridge, tunnel, roundabout, contraflow, data };
std::string_view key(GapKind k) noexcept;
std::string_view key(GapClass c) noexcept;

struct Gap {
    GapKind kind = GapKind::detour;
    GapClass gap_class = GapClass::street;
    NodeId from = 0;                    // network node where the gap starts
    NodeId to = 0;                      // network node it reaches
    std::vector<ArcId> arcs;            // the off-network route; empty for a straight (missing) link
    std::vector<bool> against_oneway;   // per arc: ridden against a one-way street
    double length_m = 0;                // of the route, or the straight line
    double network_distance_m = std::numeric_limits<double>::infinity();  // along the network today
    std::uint32_t merged = 1;           // candidates merged into this one by declustering

    // Attributes along the route (classify_gaps).
    Highway highway = Highway::residential;  // class with the longest share
    std::uint8_t maxspeed_kmh = 0;
    std::uint8_t lanes = 0;
    std::uint8_t max_lts = 0;
    std::vector<std::uint32_t> names;   // indices into the graph's names, in route order
    std::string treatment;              // suggested treatment (French guidance)

    // Measures (measure_gaps).
    bool joins_components = false;
    double network_km_joined = 0;
    double detour_removed_m = 0;
    double trips = 0;                   // sampled trips whose route uses the gap
    double qpv_weight = 0;              // QPV population proxy within walk_m (model unit)
    double qpv_residents = std::numeric_limits<double>::quiet_NaN();  // when the QPV populations are known
    double all_weight = 0;              // every population point within walk_m (model unit)
    std::vector<std::int32_t> qpvs;     // QPV indices with points within walk_m

    // Ranking (rank_gaps).
    double qpv_term = 0, trips_term = 0, detour_term = 0, network_term = 0, cost = 1, score = 0;
    std::uint32_t rank = 0;             // 1 = highest priority; 0 for data issues (not ranked)

    std::vector<Coord> geometry(const Graph& g) const;
};

/// Work arrays shared by the steps (one per thread).
struct GapSearches {
    explicit GapSearches(const Graph& g) : street(g), network(g) {}
    BoundedSearch street;
    BoundedSearch network;
};

std::vector<Gap> detect_gaps(const CycleNetwork& net, const GapParams& p, GapSearches& searches);
std::vector<Gap> decluster_gaps(const Graph& g, std::vector<Gap> candidates, const GapParams& p);
void classify_gaps(const Graph& g, std::vector<Gap>& gaps, const GapParams& p);

/// Per-arc counts of sampled trips (origins drawn from the population, destinations among the
/// given points, shortest cyclable routes up to trip_radius_m). Deterministic for a seed.
std::vector<float> sample_trip_usage(const Graph& g, const PopulationIndex& population,
                                     const std::vector<NodeId>& destinations, const BenefitParams& p);

void measure_gaps(const CycleNetwork& net, std::vector<Gap>& gaps, const PopulationIndex& population,
                  const std::vector<float>& trip_usage, const AnalysisProfile& profile, GapSearches& searches);
void rank_gaps(std::vector<Gap>& gaps, const RankingParams& p);

}  // namespace maillon
