#pragma once
// Missing links of the cycle network (docs/gaps.md), after Vybornova, Cunha, Gühnemann & Szell,
// "Automated detection of missing links in bicycle networks" (2022: Identify, Prioritize,
// Decluster, Classify) and Conway's MissingLinks (close on the map, far on the network):
//
//   detect_gaps         Identify: from every contact node (a network node that a way outside the
//                       network touches), the shortest paths off the network to other network
//                       nodes that the network joins only with a detour (>= 1.5x) or not at all;
//                       and straight links across barriers where no way joins two network pieces
//   compute_benefit     Prioritize: edge betweenness of short trips (<= 2.5 km, between
//                       intersections) on the network as it could be; a gap's benefit is the
//                       length-weighted mean over its edges (gap_benefit.cpp)
//   decluster_gaps      candidates by decreasing benefit; one that overlaps an accepted gap gives
//                       way to it, keeping only its own pieces; the main list is cut by benefit
//   classify_gaps       data issue or physical class (street, crossing, bridge…), treatment
//   measure_gaps        QPV residents within 300 m on foot, network joined, detour removed, trips
//   rank_gaps           the score of docs/ranking.md (gap_rank.cpp)

#include "maillon/analysis_profile.hpp"
#include "maillon/cycle_network.hpp"
#include "maillon/gap_classes.hpp"
#include "maillon/graph.hpp"
#include "maillon/population.hpp"
#include "maillon/search.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace maillon {

/// Where a gap stands after declustering: in the main list, or kept in the secondary layer
/// (candidates) with the reason it is not listed. A candidate that gives way to an accepted gap is
/// counted in that gap's `merged`: nothing found is dropped silently.
enum class GapStatus : std::uint8_t {
    listed,         // the main list: ranked projects, and data issues (unranked)
    below_benefit,  // a project of its own whose benefit is below gaps.min_benefit
    easy_junction,  // a short interruption at a junction that is easy to cross
    edge,           // within area.edge_m of the extract's edge: its measures are cut short, not ranked
};
std::string_view key(GapStatus s) noexcept;

/// Why a gap is a data issue rather than a missing link (class data).
enum class DataIssue : std::uint8_t {
    none,
    pieces_apart,    // network pieces a few metres apart with no way or shared node between them
    untagged_track,  // a car-free way continuing the network in line at both ends: a cycle track missing its tag
    undershoot,      // a network way ending a few metres from another way, without a shared node (BikeDNA)
    unknown_facility,  // most of the route carries a facility tag the rules cannot read (AUTRE): check the tag
};
std::string_view key(DataIssue d) noexcept;

struct Gap {
    std::uint32_t id = 0;               // stable within a run (declustering order); candidates refer to it
    GapKind kind = GapKind::detour;
    GapClass gap_class = GapClass::street;
    GapStatus status = GapStatus::listed;
    DataIssue data_issue = DataIssue::none;
    NodeId from = 0;                    // network node where the gap starts
    NodeId to = 0;                      // network node it reaches
    std::vector<ArcId> arcs;            // the off-network route; empty for a straight (missing) link
    Coord touch{};                      // undershoot: the point of the way it nearly reaches (to = that way's nearer end)
    std::vector<bool> against_oneway;   // per arc: ridden against a one-way street
    double length_m = 0;                // of the route, or the straight line
    double network_distance_m = std::numeric_limits<double>::infinity();  // along the network today
    double way_distance_m = std::numeric_limits<double>::infinity();  // straight link: along any way today
    double benefit = 0;                 // Prioritize: mean edge betweenness (intersection pairs, see gap_benefit)
    std::uint32_t merged = 1;           // candidates this gap stands for (itself included)

    // Attributes along the route (classify_gaps).
    Highway highway = Highway::residential;  // class with the longest share
    std::uint8_t maxspeed_kmh = 0;
    std::uint8_t lanes = 0;
    std::uint8_t max_lts = 0;           // stress of riding the route in mixed traffic
    std::uint8_t crossing_lts = 0;      // stress of the busiest road crossed on the way (0: none)
    std::vector<std::uint32_t> names;   // indices into the graph's names, in route order
    Treatment treatment = Treatment::calm_street;
    std::int32_t commune = -1;          // graph commune at the gap's middle (CommuneLocator), -1 when none

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
    double benefit_term = 0, qpv_term = 0, trips_term = 0, detour_term = 0, network_term = 0, cost = 1, score = 0;
    std::uint32_t rank = 0;             // 1 = highest priority; 0 when not ranked (data issues, candidates)

    bool is_listed_project() const noexcept { return status == GapStatus::listed && gap_class != GapClass::data; }
    std::vector<Coord> geometry(const Graph& g) const;
};

/// Turns a route gap so that it is ridden with the traffic where that rides fewer arcs against
/// one-way streets (the same project whichever end found it), and fills against_oneway.
void orient_with_traffic(const Graph& g, Gap& gap);

/// Work arrays shared by the steps (one per thread).
struct GapSearches {
    explicit GapSearches(const Graph& g) : street(g), network(g) {}
    BoundedSearch street;
    BoundedSearch network;
};

/// Identify: every candidate, each pair of network nodes once (see docs/gaps.md "Identify").
std::vector<Gap> detect_gaps(const CycleNetwork& net, const GapParams& p);

/// Arcs a gap may follow: off the network, and either cyclable, or a one-way street ridden against
/// the traffic (a contraflow to open), or a path where only walking is allowed today (to open to
/// bikes). Steps are not a gap a planner can close with a facility.
struct GapLinkFilter {
    const CycleNetwork* net;
    bool operator()(ArcId a) const noexcept;
};

/// Prioritize: per-edge betweenness of the short trips of the study (all pairs of intersections
/// within benefit.trip_radius_m on the network as it could be), estimated from a spatially even
/// sample of origins when the graph is too large to take them all; each candidate's benefit is the
/// length-weighted mean over its edges (gap_benefit.cpp).
class Benefit {
public:
    std::size_t origins = 0;        // intersections that weigh as origins and destinations
    std::size_t sampled = 0;        // origins searched from (== origins when exact)

    /// Betweenness of an edge (pairs of intersections whose route uses it).
    double of_edge(EdgeId e) const noexcept { return m_edge[e]; }
    /// The betweenness that the busiest `share` of the network as it could be (by length) reaches.
    double value_at_share(double share) const;
    /// The cut of the main list: gaps.min_benefit when set (> 0), else value_at_share(min_benefit_share).
    double cut(const GapParams& p) const;
    /// A gap's benefit: mean over its edges weighted by length. A straight link has no edge yet:
    /// its benefit is set by compute_benefit (pairs it would surely serve).
    double of_gap(const Graph& g, const Gap& gap) const;

    friend Benefit compute_benefit(const CycleNetwork& net, std::vector<Gap>& candidates, const BenefitParams& p);

private:
    std::vector<double> m_edge;
    std::vector<std::pair<double, double>> m_by_value;  // (betweenness, length) of the graph's edges, busiest first
};
/// Computes the betweenness and sets every candidate's `benefit`.
Benefit compute_benefit(const CycleNetwork& net, std::vector<Gap>& candidates, const BenefitParams& p);

/// A short interruption at a junction that is easy to cross: shorter than junction_m, and neither
/// the road ridden nor any road crossed on the way (node crossing stress, with a track beside a
/// busy road as a low-stress arrival) is stressful (LTS >= 3). Length alone never decides.
bool is_easy_junction(const CycleNetwork& net, const Gap& gap, const GapParams& p);
/// Moves the easy junctions out of `candidates` (status easy_junction), before declustering: a crumb
/// must not take the edges of the longer candidate it lies on.
std::vector<Gap> take_easy_junctions(const CycleNetwork& net, std::vector<Gap>& candidates, const GapParams& p);

/// Decluster: candidates by decreasing benefit; one that shares edges with an accepted gap gives
/// way to it (status overlaps) and its own stretches between network nodes go back in line as
/// pieces; one whose two ends lie within decluster_m of an accepted gap's ends is that gap (a
/// parallel carriageway). Accepted gaps get an id and status listed (benefit >= min_benefit) or
/// below_benefit (`others`); a candidate that gives way is counted in the `merged` of the gap it
/// gives way to, and in `overlapping`.
struct Declustered {
    std::vector<Gap> listed;
    std::vector<Gap> others;
    std::size_t overlapping = 0;
};
Declustered decluster_gaps(const CycleNetwork& net, std::vector<Gap> candidates, const Benefit& benefit,
                           const GapParams& p);

/// Data checks after BikeDNA: network ways that end within data_error_m of another way they do
/// not share a node with (undershoots), as data issues (class data, kind close_far).
std::vector<Gap> find_undershoots(const CycleNetwork& net, const GapParams& p);

/// Classify: data issues and physical classes, the route's attributes and stresses.
void classify_gaps(const CycleNetwork& net, std::vector<Gap>& gaps, const GapParams& p);

/// Per-arc counts of sampled trips (origins drawn from the population, destinations among the
/// given points, shortest cyclable routes up to trip_radius_m). Deterministic for a seed.
std::vector<float> sample_trip_usage(const Graph& g, const PopulationIndex& population,
                                     const std::vector<NodeId>& destinations, const BenefitParams& p);

void measure_gaps(const CycleNetwork& net, std::vector<Gap>& gaps, const PopulationIndex& population,
                  const std::vector<float>& trip_usage, const AnalysisProfile& profile, GapSearches& searches);
void rank_gaps(std::vector<Gap>& gaps, const RankingParams& p);

}  // namespace maillon
