// Measures of each gap (docs/ranking.md): QPV coverage on foot, cycle network joined, detour
// removed, sampled trips.

#include "maillon/flows.hpp"
#include "maillon/gaps.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

namespace maillon {
namespace {

/// Arcs of the network as it could be: what bikes may use today, plus the one-way streets
/// ridden against the traffic and the paths closed to bikes that a gap may open. Trips are routed
/// on it so that a gap that would open a shortcut gets the trips that shortcut would carry.
struct PotentialFilter {
    const Graph* g;
    bool operator()(ArcId a) const noexcept {
        if (g->allows(a, Mode::bike)) return true;
        const auto& d = g->data();
        const EdgeId e = edge_of(a);
        const Highway h = d.edge_highway[e];
        if ((d.edge_flags[e] & edge_oneway_motor) && g->allows(a ^ 1U, Mode::bike)) return true;
        return g->allows(a, Mode::foot) &&
               (h == Highway::footway || h == Highway::pedestrian || h == Highway::path || h == Highway::track);
    }
};

/// Km of network within the budget of a network search that just ran (each edge once).
double network_km_reached(const CycleNetwork& net, const BoundedSearch& s, std::vector<std::uint32_t>& edge_mark,
                          std::uint32_t stamp) {
    const Graph& g = net.graph();
    double km = 0;
    for (const NodeId n : s.settled()) {
        g.for_each_out_arc(n, [&](ArcId a) {
            const EdgeId e = edge_of(a);
            if (net.contains_edge(e) && s.reached(g.arc_head(a)) && edge_mark[e] != stamp) {
                edge_mark[e] = stamp;
                km += g.length_m(e) / 1000.0;
            }
        });
    }
    return km;
}

}  // namespace

std::vector<float> sample_trip_usage(const Graph& g, const PopulationIndex& population,
                                     const std::vector<NodeId>& destinations, const BenefitParams& p) {
    std::vector<float> usage(g.arc_count(), 0.F);
    const auto& points = population.points();
    std::vector<std::uint32_t> candidates;
    std::vector<double> weights;
    for (std::uint32_t i = 0; i < points.size(); ++i) {
        if (population.snapped(i) && points[i].weight > 0) {
            candidates.push_back(i);
            weights.push_back(points[i].weight);
        }
    }
    if (candidates.empty() || p.origins == 0) return usage;
    std::vector<float> is_destination(g.node_count(), 0.F);
    if (destinations.empty()) {
        // No places of interest mapped: trips between homes.
        for (const std::uint32_t i : candidates) is_destination[population.home_node(i)] += 1.F;
    } else {
        for (const NodeId n : destinations) is_destination[n] += 1.F;
    }
    std::mt19937_64 rng{p.seed};
    std::discrete_distribution<std::size_t> pick{weights.begin(), weights.end()};
    std::vector<FlowSource> origins;
    origins.reserve(p.origins);
    for (std::uint32_t k = 0; k < p.origins; ++k) origins.push_back({population.home_node(candidates[pick(rng)]), 1.0});
    const std::vector<double> flow = accumulate_flows(g, origins, is_destination, static_cast<float>(p.trip_radius_m),
                                                      PotentialFilter{&g}, engine_threads());
    for (std::size_t a = 0; a < usage.size(); ++a) usage[a] = static_cast<float>(flow[a]);
    return usage;
}

void measure_gaps(const CycleNetwork& net, std::vector<Gap>& gaps, const PopulationIndex& population,
                  const std::vector<float>& trip_usage, const AnalysisProfile& profile, GapSearches& searches) {
    const Graph& g = net.graph();
    const auto& points = population.points();
    std::vector<std::uint32_t> edge_mark(g.edge_count(), 0);
    std::uint32_t stamp = 0;
    const auto walk = static_cast<float>(profile.coverage.walk_m);
    const auto radius = static_cast<float>(profile.benefit.trip_radius_m);
    const float detour_cap = 4 * radius;
    for (Gap& gap : gaps) {
        // QPV coverage: a walking search from every node of the gap.
        std::vector<SearchSource> sources{{gap.from, 0.F}, {gap.to, 0.F}};
        for (const ArcId a : gap.arcs) sources.push_back({g.arc_head(a), 0.F});
        searches.street.run(sources, walk, ModeFilter{&g, Mode::foot});
        std::vector<EdgeId> gap_edges;
        for (const ArcId a : gap.arcs) gap_edges.push_back(edge_of(a));
        std::set<std::int32_t> qpvs;
        double residents = 0;
        bool residents_known = true;
        gap.qpv_weight = gap.all_weight = 0;
        population.for_each_covered(searches.street, walk, [&](std::uint32_t i) {
            const PopulationPoint& pt = points[i];
            gap.all_weight += pt.weight;
            if (pt.qpv < 0) return;
            gap.qpv_weight += pt.weight;
            qpvs.insert(pt.qpv);
            if (pt.has_residents()) residents += pt.residents;
            else residents_known = false;
        }, &gap_edges);
        gap.qpvs.assign(qpvs.begin(), qpvs.end());
        gap.qpv_residents = residents_known ? residents : std::numeric_limits<double>::quiet_NaN();

        // Network joined: km of network within the trip radius from each end; the search from
        // the first end also gives today's distance along the network to the other end.
        double km[2];
        int side = 0;
        for (const NodeId end : {gap.from, gap.to}) {
            searches.network.run({{end, 0.F}}, radius, NetworkEdgeFilter{&net});
            km[side] = network_km_reached(net, searches.network, edge_mark, ++stamp);
            if (side++ == 0) gap.network_distance_m = searches.network.distance(gap.to);  // +inf beyond the radius
        }
        if (!std::isfinite(gap.network_distance_m)) {
            // Beyond the radius: how far the network route really is, up to detour_cap (a
            // search that stops as soon as it reaches the other end).
            searches.network.run({{gap.from, 0.F}}, detour_cap, NetworkEdgeFilter{&net}, gap.to);
            gap.network_distance_m = searches.network.distance(gap.to);
        }
        gap.joins_components = net.component(gap.from) != net.component(gap.to);
        gap.network_km_joined = gap.joins_components ? km[0] + km[1] : std::min(km[0], km[1]);

        // Detour removed: today's network route, capped at detour_cap when there is none within it
        // (the pieces are not joined, or only far away).
        gap.detour_removed_m = std::max(0.0, std::min(gap.network_distance_m, static_cast<double>(detour_cap)) - gap.length_m);

        // Trips through the busiest arc of the gap, both directions.
        gap.trips = 0;
        for (const ArcId a : gap.arcs) {
            gap.trips = std::max(gap.trips, static_cast<double>(trip_usage[a] + trip_usage[a ^ 1U]));
        }
    }
}

}  // namespace maillon
